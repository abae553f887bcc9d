"""Registration numbers per country: Russia's INN with its check digits, Uzbekistan's STIR."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN11_WEIGHTS = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int:
    return sum(d * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def inn_with_check_digits(stem: str) -> str:
    """A valid INN from its stem: 9 digits give an organisation's 10-digit INN, 10 digits a
    person's 12-digit one (sole proprietors, the self-employed)."""
    if not (stem.isascii() and stem.isdigit() and len(stem) in (9, 10)):
        raise ValueError("an INN stem has 9 or 10 digits")
    digits = [int(c) for c in stem]
    if len(digits) == 9:
        return stem + str(_check_digit(digits, _INN10_WEIGHTS))
    eleven = [*digits, _check_digit(digits, _INN11_WEIGHTS)]
    return "".join(map(str, eleven)) + str(_check_digit(eleven, _INN12_WEIGHTS))


def is_valid_inn(value: str) -> bool:
    if not value.isdigit() or len(value) not in (10, 12) or not value.isascii():
        return False
    digits = [int(c) for c in value]
    if len(digits) == 10:
        return _check_digit(digits, _INN10_WEIGHTS) == digits[9]
    return (
        _check_digit(digits, _INN11_WEIGHTS) == digits[10]
        and _check_digit(digits, _INN12_WEIGHTS) == digits[11]
    )


def is_valid_stir(value: str) -> bool:
    return value.isascii() and value.isdigit() and len(value) == 9 and value != "000000000"


def clean_registration_number(value: str) -> str:
    """Strip the spaces and dashes people paste along with the number."""
    return "".join(ch for ch in (value or "") if ch not in " -\u00a0\t")


def validate_registration_number(*, country: str, value: str) -> str:
    number = clean_registration_number(value)
    country = (country or "").upper()
    if country == "RU":
        if not (number.isascii() and number.isdigit()) or len(number) not in (10, 12):
            raise ValidationError(
                _("A Russian INN has 10 digits (organisations) or 12 digits (individuals)."),
                code="inn_length",
            )
        if not is_valid_inn(number):
            raise ValidationError(
                _("This INN's check digits do not match; please check the number."),
                code="inn_checksum",
            )
    elif country == "UZ":
        if not is_valid_stir(number):
            raise ValidationError(_("An Uzbek STIR (TIN) has exactly 9 digits."), code="stir")
    elif len(number) > 32:
        raise ValidationError(_("A registration number has at most 32 characters."), code="long")
    return number

"""Legal forms per country. Codes are stored; labels are translated for display."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LEGAL_FORMS: dict[str, list[tuple[str, object]]] = {
    "RU": [
        ("ru-ooo", pgettext_lazy("legal form RU", "LLC (OOO)")),
        ("ru-ao", pgettext_lazy("legal form RU", "Joint-stock company (AO)")),
        ("ru-pao", pgettext_lazy("legal form RU", "Public joint-stock company (PAO)")),
        ("ru-ip", pgettext_lazy("legal form RU", "Sole proprietor (IP)")),
        ("ru-self", pgettext_lazy("legal form RU", "Self-employed")),
        ("ru-anko", pgettext_lazy("legal form RU", "Autonomous non-profit organisation (ANO)")),
        ("ru-gbu", pgettext_lazy("legal form RU", "State budgetary institution (GBU)")),
        ("ru-gau", pgettext_lazy("legal form RU", "State autonomous institution (GAU)")),
        ("ru-fond", pgettext_lazy("legal form RU", "Foundation")),
    ],
    "UZ": [
        ("uz-mchj", pgettext_lazy("legal form UZ", "LLC (MChJ)")),
        ("uz-aj", pgettext_lazy("legal form UZ", "Joint-stock company (AJ)")),
        ("uz-yatt", pgettext_lazy("legal form UZ", "Sole proprietor (YaTT)")),
        ("uz-self", pgettext_lazy("legal form UZ", "Self-employed")),
        ("uz-xk", pgettext_lazy("legal form UZ", "Private enterprise (XK)")),
        ("uz-ok", pgettext_lazy("legal form UZ", "Family enterprise (OK)")),
        ("uz-dm", pgettext_lazy("legal form UZ", "State institution (DM)")),
        (
            "uz-ntt",
            pgettext_lazy("legal form UZ", "Non-governmental non-profit organisation (NNT)"),
        ),
    ],
}
OTHER_FORMS: list[tuple[str, object]] = [
    ("company", _("Company")),
    ("sole-proprietor", _("Sole proprietor")),
    ("non-profit", _("Non-profit organisation")),
    ("public-body", _("Public body")),
    ("other", _("Other")),
]


def legal_forms_for(country: str) -> list[tuple[str, object]]:
    return LEGAL_FORMS.get((country or "").upper(), OTHER_FORMS)


def all_legal_forms() -> list[tuple[str, object]]:
    seen = [choice for forms in LEGAL_FORMS.values() for choice in forms]
    return seen + OTHER_FORMS


def legal_form_label(code: str) -> object:
    return dict(all_legal_forms()).get(code, code)

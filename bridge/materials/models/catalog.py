"""Staff-managed reference data: the category tree, certifications, exchange rates."""

from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bridge.core.uzbek_script import for_reader
from bridge.materials.vocabulary import Currency


def in_language(obj, prefix: str, language: str | None = None) -> str:
    active = language or get_language() or "ru"
    for code in (active[:2], "ru", "en", "uz"):
        text = getattr(obj, f"{prefix}_{code}", "")
        if text:
            return for_reader(text, written_in=code, language=active)
    return ""


class Category(models.Model):
    """A node of the category tree. The roots are the contract's top-level codes (created by a
    data migration); staff add subcategories such as textiles → silk → ikat."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name_ru = models.CharField(_("name (Russian)"), max_length=120)
    name_uz = models.CharField(_("name (Uzbek)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        return in_language(self, "name", language)

    def names(self) -> list[str]:
        return [self.name_ru, self.name_uz, self.name_en]

    def ancestors(self) -> list["Category"]:
        """From the root down to this node (inclusive). Walks parents: trees are shallow."""
        chain = [self]
        node = self
        seen = {self.pk}
        while node.parent_id is not None and node.parent_id not in seen:
            node = node.parent
            seen.add(node.pk)
            chain.append(node)
        return list(reversed(chain))

    @property
    def root(self) -> "Category":
        return self.ancestors()[0]


class Certification(models.Model):
    """A certification scheme (GOTS, OEKO-TEX Standard 100, …); the list is kept by staff."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=160)
    issuer = models.CharField(_("issuer"), max_length=160, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RateSource(models.TextChoices):
    CBR = "cbr", _("Central Bank of Russia")
    CBU = "cbu", _("Central Bank of Uzbekistan")
    STAFF = "staff", _("entered by staff")


# Which rate of a day is used when several sources give one (docs/decisions/0011): a rate
# staff entered by hand, then the currency's own central bank, then the Russian bank's, then
# the Uzbek bank's cross rate.
HOME_BANK = {"RUB": RateSource.CBR, "UZS": RateSource.CBU}
SOURCE_ORDER = (RateSource.STAFF, RateSource.CBR, RateSource.CBU)


def source_rank(currency: str, source: str) -> int:
    if source == RateSource.STAFF:
        return 0
    if HOME_BANK.get(currency) == source:
        return 1
    return 2 + SOURCE_ORDER.index(source)


class ExchangeRate(models.Model):
    """How many US dollars one unit of `currency` was worth on `date`, by one source. Every
    day's rate is kept, so a price shown on a date can be explained."""

    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    rate_to_usd = models.DecimalField(
        _("value in US dollars"),
        max_digits=20,
        decimal_places=10,
        help_text=_("How many US dollars one unit of the currency is worth."),
    )
    date = models.DateField(_("date"))
    source = models.CharField(
        _("source"), max_length=8, choices=RateSource.choices, default=RateSource.STAFF
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True, null=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["-date", "currency", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "date", "source"], name="exchangerate_unique_day_source"
            ),
            models.CheckConstraint(
                condition=models.Q(rate_to_usd__gt=0), name="exchangerate_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.rate_to_usd} USD ({self.date}, {self.source})"

    @classmethod
    def in_use(cls, on=None) -> dict[str, tuple[Decimal, object, str]]:
        """Currency → (rate to USD, its date, its source) in use on the day ``on`` (today's
        rates when None): the newest date not after it, the best source of that date."""
        # The Russian bank publishes tomorrow's rate in the afternoon: it waits for its day.
        on = on or timezone.localdate()
        # Only the rows of each currency's newest day, each day found by one seek in the
        # (currency, date, source) index: every page and API answer asks for the rates, and
        # reading each kept day's rows cost them 7 (PostgreSQL) to 14 ms (SQLite) more per
        # year of history (docs/benchmarks.md, issue 14).
        # One constant statement: the ORM took ~2 ms to compile it from six subqueries.
        newest_day = (
            "SELECT id, currency, rate_to_usd, date, source FROM materials_exchangerate "
            "WHERE currency = %s AND date = (SELECT MAX(date) FROM materials_exchangerate "
            "WHERE currency = %s AND date <= %s)"
        )
        codes = Currency.values
        rows = cls.objects.raw(
            " UNION ALL ".join([newest_day] * len(codes)),
            [value for code in codes for value in (code, code, on)],
        )
        chosen: dict[str, tuple[Decimal, object, str]] = {}
        for row in rows:
            currency, rate, day, source = row.currency, row.rate_to_usd, row.date, row.source
            found = chosen.get(currency)
            if found is None or (
                found[1] == day and source_rank(currency, source) < source_rank(currency, found[2])
            ):
                chosen[currency] = (rate, day, source)
        return chosen

    @classmethod
    def latest_rates(cls) -> dict[str, Decimal]:
        """Currency → the rate to USD in use (USD itself is always 1)."""
        rates = {currency: rate for currency, (rate, _d, _s) in cls.in_use().items()}
        rates[Currency.USD] = Decimal(1)
        return rates

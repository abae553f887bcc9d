"""Published materials for the catalog tests, indexed like the services would index them."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.materials.models import (
    Category,
    Certification,
    ExchangeRate,
    MaterialCertification,
)
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.vocabulary import Status
from bridge.search.services import search_rebuild

RATES_DATE = date(2025, 6, 1)


def rates() -> None:
    """1 UZS = 0.00008 USD, 1 RUB = 0.0125 USD (80 RUB per dollar), 1 EUR = 1.10 USD."""
    for currency, rate in (("UZS", "0.00008"), ("RUB", "0.0125"), ("EUR", "1.10")):
        ExchangeRate.objects.create(currency=currency, rate_to_usd=Decimal(rate), date=RATES_DATE)


def supplier(slug: str, name: str | None = None, country: str = "UZ"):
    return OrganisationFactory(
        slug=slug, name=name or slug.replace("-", " ").title(), country=country
    )


def material(
    *,
    fibres=(("silk", 100),),
    certifications=(),
    category: str = "textiles",
    status: str = Status.PUBLISHED,
    **fields,
):
    fields.setdefault("published_at", timezone.now() if status == Status.PUBLISHED else None)
    obj = MaterialFactory(status=status, category=Category.objects.get(code=category), **fields)
    for position, (fibre, percent) in enumerate(fibres):
        obj.fibres.create(fibre=fibre, percent=Decimal(percent), position=position)
    for code, number, expires_on in certifications:
        MaterialCertification.objects.create(
            material=obj,
            certification=Certification.objects.get(code=code),
            number=number,
            expires_on=expires_on,
        )
    return obj


def reindex() -> None:
    search_rebuild(key="materials")


def uzbek_catalog() -> dict:
    """Three Uzbek listings written in Uzbek only, and one Russian listing."""
    rates()
    margilon = supplier("margilon-atlas", "Margʻilon Atlas")
    rishton = supplier("rishton-sopol", "Rishton Sopol")
    moscow = supplier("moskva-tkani", "Москва Ткани", country="RU")
    items = {
        "atlas": material(
            supplier=margilon,
            sku="MA-1",
            name="Xon atlas «Anor»",
            description="Qoʻlda toʻqilgan ipak atlas, abr usulida boʻyalgan.",
            category="ikat",
            techniques=["abr"],
            price=Decimal("250000"),  # 20 USD
            currency="UZS",
            moq=Decimal(5),
            lead_time_days=14,
            sample_available=True,
            certifications=(("gots", "GOTS-123", date(2027, 1, 31)),),
        ),
        "paxta": material(
            supplier=margilon,
            sku="MA-2",
            name="Paxta mato, oq",
            description="Fargʻona paxtasidan toʻqilgan oq mato.",
            fibres=(("cotton", 100),),
            price=Decimal("62500"),  # 5 USD
            currency="UZS",
            moq=Decimal(50),
            lead_time_days=30,
        ),
        "sopol": material(
            supplier=rishton,
            sku="RS-1",
            name="Rishton sopol plitka",
            description="Koshin naqshli qoʻlda yasalgan sopol plitka.",
            fibres=(),
            category="ceramics",
            unit="piece",
            price=Decimal("12.00"),
            currency="USD",
            moq=Decimal(10),
            lead_time_days=60,
            language="uz",
        ),
        "len": material(
            supplier=moscow,
            sku="MT-1",
            name="Лён костюмный",
            description="Плотная льняная ткань.",
            language="ru",
            origin_country="RU",
            fibres=(("linen", 100),),
            price=Decimal("800"),  # 10 USD
            currency="RUB",
            moq=Decimal(1),
            lead_time_days=7,
            sample_available=True,
        ),
    }
    reindex()
    return {"suppliers": {"margilon": margilon, "rishton": rishton, "moscow": moscow}, **items}

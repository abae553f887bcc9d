import pytest

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.partnering.explain import explain
from bridge.partnering.selectors.matching import matches_for
from bridge.partnering.tests.factories import ListingFactory, matched

pytestmark = pytest.mark.integration


def test_smoke(db):
    ru = OrganisationFactory(country="RU")
    uz = OrganisationFactory(country="UZ", legal_form="uz-mchj", registration_number="306284157")
    req = ListingFactory(
        organisation=ru,
        kind="request",
        language="ru",
        title="Ищем партнёра для анимационного сериала о Ходже Насреддине",
        summary="Российская студия ищет узбекскую студию для совместного производства сериала по сказкам об Афанди, с восточным орнаментом.",
    )
    off = ListingFactory(
        organisation=uz,
        kind="offer",
        language="uz",
        title="Afandi latifalari asosida animatsion serial",
        summary="Toshkentlik studiya Nasriddin Afandi haqida 2D animatsion serialni birgalikda ishlab chiqarishni taklif qiladi, milliy naqsh bilan.",
    )
    other = ListingFactory(
        organisation=uz,
        kind="offer",
        language="en",
        title="Mobile puzzle game outsourcing",
        summary="We build casual puzzle games for publishers.",
    )
    matched(req, off, other)
    ms = list(matches_for(req))
    print(
        [
            (
                m.counterpart.title,
                m.score,
                m.reasons,
                explain(m.reasons, "en"),
                explain(m.reasons, "ru"),
            )
            for m in ms
        ]
    )
    assert ms and ms[0].counterpart == off

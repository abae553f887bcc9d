"""Two task workers recompute overlapping listings at the same moment (an edit and an import,
say). On PostgreSQL each would delete and re-insert the same pairs; the recompute takes its
turn instead of failing on the unique pair. SQLite admits one writer at a time by itself."""

import threading

import pytest
from django.db import connection, connections

from bridge.partnering.models import Match
from bridge.partnering.services.matching import matches_recompute
from bridge.partnering.tests.factories import ListingFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"
    ),
]


def test_two_workers_recomputing_the_same_pair_both_finish_and_store_it_once(ru_org, uz_org):
    request = ListingFactory(
        organisation=ru_org,
        kind="request",
        language="ru",
        title="Ищем сопродюсера анимационного сериала об Афанди",
        summary="Сериал по сказкам об Афанди, узбекский орнамент в фонах.",
    )
    offer = ListingFactory(
        organisation=uz_org,
        kind="offer",
        language="uz",
        title="Afandi latifalari asosida animatsion serial",
        summary="Afandi haqida 2D serial milliy naqsh bilan.",
    )
    ids = [request.pk, offer.pk]
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def worker():
        try:
            start.wait()
            for _ in range(5):
                matches_recompute(listing_ids=ids)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    pairs = list(Match.objects.values_list("listing_id", "counterpart_id"))
    assert sorted(pairs) == sorted([(request.pk, offer.pk), (offer.pk, request.pk)])

"""`make search-quality`: recall@10 and MRR of the engine and of `icontains` on the relevance
set (bridge/materials/quality), per language pair, side by side."""

import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from bridge.materials.quality import (
    BAR,
    INDEX_KEY,
    RELEVANCE_FILE,
    SNAPSHOT_FILE,
    icontains_ranker,
    load_catalog,
)
from bridge.materials.quality.catalog import load_demo_catalog
from bridge.search.quality import (
    NOISE_TOLERANCE,
    differences,
    engine_ranker,
    evaluate,
    indexed_tokens,
    load_set,
    misses,
    noise_documents,
    noise_failures,
    read_snapshot,
    side_by_side,
    write_snapshot,
)
from bridge.search.selectors import index_megabytes
from bridge.search.services import search_index_documents


class Command(BaseCommand):
    help = (
        "Measure search relevance on the demo catalog: by default in a scratch test database "
        "(migrated, demo catalog loaded and indexed, then dropped)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--current-db",
            action="store_true",
            help="Measure on the configured database as it is (run seed_demo first).",
        )
        parser.add_argument(
            "--misses", action="store_true", help="Also list every query that is not perfect."
        )
        parser.add_argument(
            "--write-snapshot",
            action="store_true",
            help="Write the engine's top ten per query to the committed snapshot (SQLite only).",
        )
        parser.add_argument(
            "--check-snapshot",
            action="store_true",
            help="Compare the engine's top ten per query with the committed snapshot.",
        )
        parser.add_argument(
            "--strict", action="store_true", help="Exit with an error when the bar is not met."
        )
        parser.add_argument(
            "--noise",
            type=int,
            default=0,
            help="Then index this many made-up weak matches after the catalog and measure "
            "again: recall@10 and MRR must stay within 0.02 (issue 14).",
        )

    def handle(self, *args, current_db=False, **options):
        if options["write_snapshot"] and connection.vendor != "sqlite":
            raise CommandError("The snapshot is generated on SQLite; unset DATABASE_URL.")
        if current_db:
            problems = self._measure(options)
        else:
            old_name = connection.settings_dict["NAME"]
            if connection.vendor != "sqlite":
                # Its own name: the test suite may be using test_<name> at the same time.
                connection.settings_dict.setdefault("TEST", {})["NAME"] = (
                    f"search_quality_{os.getpid()}"
                )
            self.stdout.write(f"scratch {connection.vendor} database: migrating …")
            connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
            try:
                with transaction.atomic():
                    count = load_demo_catalog()
                self.stdout.write(f"demo catalog: {count} materials indexed")
                problems = self._measure(options)
                if options["noise"] > 0:
                    problems += self._with_noise(options["noise"])
            finally:
                connection.creation.destroy_test_db(old_name, verbosity=0)
        if problems and options["strict"]:
            raise CommandError("relevance below the bar: " + "; ".join(problems))

    def _with_noise(self, count: int) -> list[str]:
        """The set before and after ``count`` weak matches are indexed after the catalog."""
        judgements = load_set(RELEVANCE_FILE)
        catalog = load_catalog()
        before = evaluate(judgements, engine_ranker(catalog, INDEX_KEY), catalog)
        started = time.monotonic()
        with transaction.atomic():
            search_index_documents(
                key=INDEX_KEY,
                documents=noise_documents(judgements, count, indexed_tokens(INDEX_KEY)),
            )
        self.stdout.write(
            f"\nnoise: {count} weak matches indexed in {time.monotonic() - started:.0f} s "
            f"(index {index_megabytes():.1f} MB)"
        )
        started = time.monotonic()
        after = evaluate(judgements, engine_ranker(catalog, INDEX_KEY), catalog)
        elapsed = (time.monotonic() - started) / len(judgements) * 1000
        self.stdout.write(
            f"{'':24}{'R@10':>6} {'MRR':>6}\n"
            f"{'catalog alone':24}{before.overall.recall:>6.3f} {before.overall.mrr:>6.3f}\n"
            f"{f'+ {count} weak matches':24}{after.overall.recall:>6.3f} {after.overall.mrr:>6.3f}"
            f"   ({elapsed:.0f} ms per query)\n"
        )
        self.stdout.write("queries that lost listings to the noise:\n" + misses(after))
        problems = noise_failures(before, after)
        self.stdout.write(
            f"within {NOISE_TOLERANCE} of the catalog alone: "
            + ("PASS" if not problems else "FAIL — " + "; ".join(problems))
        )
        return problems

    def _measure(self, options) -> list[str]:
        judgements = load_set(RELEVANCE_FILE)
        catalog = load_catalog()
        absent = catalog.missing(judgements)
        if absent:
            raise CommandError(
                f"{len(absent)} listings of the relevance set are not in the catalog "
                f"(seed_demo?): {', '.join(absent[:5])}"
            )
        engine = evaluate(judgements, engine_ranker(catalog, INDEX_KEY), catalog)
        baseline = evaluate(judgements, icontains_ranker(catalog), catalog)
        self.stdout.write(
            f"{len(judgements)} queries, {len(catalog.label_of)} listings, "
            f"database {connection.vendor}\n"
        )
        self.stdout.write(side_by_side(engine, baseline, BAR))
        if options["misses"]:
            self.stdout.write("\nqueries below 1.0 (engine):\n" + misses(engine))
        tops = {s.judgement.query: s.top for s in engine.scores}
        problems = engine.failures(BAR, baseline=baseline)
        if options["write_snapshot"]:
            write_snapshot(tops, SNAPSHOT_FILE)
            self.stdout.write("snapshot written")
        if options["check_snapshot"]:
            changed = differences(tops, read_snapshot(SNAPSHOT_FILE))
            self.stdout.write(
                f"top ten = snapshot for {len(tops) - len(changed)} of {len(tops)} queries"
            )
            for line in changed:
                self.stdout.write("  " + line)
            if changed:
                problems.append(f"{len(changed)} top tens differ from the snapshot")
        return problems

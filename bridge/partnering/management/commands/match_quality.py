"""`make match-quality`: recall@5 and MRR of partnering's matches on the judged set
(bridge/partnering/quality), beside a shared-words (Jaccard) baseline, per language pair; and a
count of stored matches that break a hard rule. Runs in a scratch database."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from bridge.partnering.quality import (
    BAR,
    JUDGED_FILE,
    engine_ranker,
    hard_rule_violations,
    jaccard_ranker,
    load_set,
)
from bridge.search.quality import evaluate, misses
from bridge.search.quality import load_set as load_judgements


class Command(BaseCommand):
    help = "Measure partnering match quality on the judged set, beside a Jaccard baseline."

    def add_arguments(self, parser):
        parser.add_argument("--misses", action="store_true", help="List imperfect queries.")
        parser.add_argument("--strict", action="store_true", help="Fail below the bar.")

    def handle(self, *args, **options):
        old_name = connection.settings_dict["NAME"]
        if connection.vendor != "sqlite":
            connection.settings_dict.setdefault("TEST", {})["NAME"] = f"match_quality_{os.getpid()}"
        self.stdout.write(f"scratch {connection.vendor} database: migrating …")
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            with transaction.atomic():
                catalog = load_set()
            problems = self._measure(catalog, options)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        if problems and options["strict"]:
            raise CommandError("match quality below the bar: " + "; ".join(problems))

    def _measure(self, catalog, options) -> list[str]:
        judgements = load_judgements(JUDGED_FILE)
        absent = catalog.missing(judgements)
        if absent:
            raise CommandError(f"labels not in listings.yaml: {', '.join(absent[:5])}")
        engine = evaluate(judgements, engine_ranker(catalog), catalog)
        baseline = evaluate(judgements, jaccard_ranker(catalog), catalog)
        violations = hard_rule_violations()
        self.stdout.write(
            f"{len(judgements)} queries among {len(catalog.label_of)} co-production listings, "
            f"database {connection.vendor}\n"
        )
        header = f"{'':24}{'n':>4}  {'engine R@5':>10} {'MRR':>6}   {'Jaccard R@5':>11} {'MRR':>6}"
        lines = [header, "-" * len(header)]

        def row(name, a, b):
            return f"{name:24}{a.n:>4}  {a.recall:>10.3f} {a.mrr:>6.3f}   {b.recall:>11.3f} {b.mrr:>6.3f}"

        lines.append(row("overall (queries)", engine.overall, baseline.overall))
        lines.append("by query language:")
        for language, summary in engine.by_query_language.items():
            lines.append(row(f"  {language}", summary, baseline.by_query_language[language]))
        lines.append("by language pair (query → match):")
        for pair, summary in engine.by_pair.items():
            lines.append(row(f"  {pair}", summary, baseline.by_pair[pair]))
        lines.append(
            f"listings breaking a hard rule in a first five: engine {engine.false_friends}, "
            f"Jaccard {baseline.false_friends}; stored matches breaking a hard rule: {len(violations)}"
        )
        problems = []
        if engine.overall.recall < BAR.recall:
            problems.append(f"recall@5 {engine.overall.recall:.3f} < {BAR.recall}")
        if engine.overall.mrr < BAR.mrr:
            problems.append(f"MRR {engine.overall.mrr:.3f} < {BAR.mrr}")
        if engine.false_friends or violations:
            problems.append(f"{engine.false_friends + len(violations)} hard-rule breaches")
        if engine.overall.recall < baseline.overall.recall:
            problems.append("recall@5 under the Jaccard baseline")
        lines.append(
            f"bar: recall@5 ≥ {BAR.recall}, MRR ≥ {BAR.mrr}, no hard-rule breach, above Jaccard: "
            + ("PASS" if not problems else "FAIL — " + "; ".join(problems))
        )
        self.stdout.write("\n".join(lines))
        if options["misses"]:
            self.stdout.write("\nqueries below 1.0 (engine):\n" + misses(engine))
            for line in violations[:20]:
                self.stdout.write(f"  hard-rule breach: {line}")
        return problems

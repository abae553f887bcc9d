"""The review on a real database: automatic assignment of 2,000 applications × 100 reviewers
(assignment_run: reads, plans, bulk-inserts), the ranking selector for 10,000 applications ×
5 reviews, and the staff ranking page (time and queries).

    .venv/bin/python bench/programs/review_db_bench.py [--postgres]

Builds a scratch SQLite database in a temporary VAR_DIR (or uses DATABASE_URL with --postgres;
the database is flushed first). Prints figures for docs/benchmarks.md. Not a timed test.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import random, time
from datetime import timedelta
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from bridge.accounts.models import Organisation, User
from django.contrib.auth.models import Group
from bridge.programs.models import (Application, Assignment, Call, Criterion, Eligibility,
    Programme, Review, Reviewer, Score, ScoreLevel)
from bridge.programs.services.assignment import assignment_run
from bridge.programs.selectors import review as selectors_review

rnd = random.Random(5)
now = timezone.now()
manager = User.objects.create_user(email="pm@example.org", password="x", is_staff=True)
manager.groups.add(Group.objects.get(name="programme manager"))
programme = Programme.objects.create(slug="vgf", name_en="Video Game Factory")
orgs = Organisation.objects.bulk_create(
    [Organisation(name=f"Studio {i}", slug=f"studio-{i}", country="RU") for i in range(10000)]
)

def make_call(slug, applications, reviewers):
    call = Call.objects.create(programme=programme, slug=slug, title_en=slug, opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1), is_published=True)
    Eligibility.objects.create(call=call, countries=["RU"])
    for position, weight in enumerate([2, 1, 1]):
        c = Criterion.objects.create(call=call, name_en=f"c{position}", weight=weight, position=position)
        ScoreLevel.objects.bulk_create([ScoreLevel(criterion=c, value=v) for v in range(1, 6)])
    apps = Application.objects.bulk_create([
        Application(call=call, organisation=orgs[i], title=f"Game {i}", status="submitted",
                    language=rnd.choices(["ru", "uz", "en"], [6, 3, 1])[0], submitted_at=now)
        for i in range(applications)])
    users = User.objects.bulk_create([User(email=f"{slug}-r{i}@example.org") for i in range(reviewers)])
    revs = Reviewer.objects.bulk_create([
        Reviewer(call=call, user=u, status="accepted", accepted_at=now,
                 languages=["ru", "uz", "en"] if i % 2 else ["ru", "uz"])
        for i, u in enumerate(users)])
    return call, apps, revs

call, apps, revs = make_call("assign", 2000, 100)
started = time.perf_counter()
with CaptureQueriesContext(connection) as queries:
    result = assignment_run(actor=manager, call=call)
elapsed = time.perf_counter() - started
loads = list(result.loads.values())
print(f"assignment_run: 2,000 applications x 100 reviewers, k=4: {elapsed:.2f} s, "
      f"{len(queries)} queries, {len(result.pairs)} assignments, load min/max {min(loads)}/{max(loads)}")

call, apps, revs = make_call("rank", 10000, 200)
criteria = list(call.criteria.all())
assignments = []
for app in apps:
    for reviewer in rnd.sample(revs, 5):
        assignments.append(Assignment(reviewer=reviewer, application=app))
assignments = Assignment.objects.bulk_create(assignments, batch_size=5000)
reviews = Review.objects.bulk_create([Review(assignment=a, submitted_at=now) for a in assignments], batch_size=5000)
Score.objects.bulk_create([Score(review=r, criterion=c, value=rnd.randint(1, 5)) for r in reviews for c in criteria], batch_size=10000)
started = time.perf_counter()
with CaptureQueriesContext(connection) as queries:
    ranked = selectors_review.ranking(call)
elapsed = time.perf_counter() - started
print(f"ranking selector: 10,000 applications x 5 reviews (150,000 scores): {elapsed:.2f} s, "
      f"{len(queries)} queries, {len(ranked)} rows")

from bridge.programs.ranking import rank
started = time.perf_counter()
totals = selectors_review.review_totals(call)
t_totals = time.perf_counter() - started
started = time.perf_counter()
rank(totals)
t_rank = time.perf_counter() - started
print(f"  of which: weighted totals in SQL {t_totals:.2f} s ({len(totals)} reviews), z-scores {t_rank:.2f} s")

client = Client()
client.force_login(manager)
for label, url in [("ranking page (10,000 applications, 100 rows shown)", f"/programmes/staff/calls/{call.slug}/ranking/"),
                   ("ranking API (10,000 applications)", f"/api/v1/programmes/calls/{call.slug}/ranking")]:
    client.get(url)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    elapsed = time.perf_counter() - started
    print(f"{label}: {elapsed:.2f} s, {len(queries)} queries, status {response.status_code}, "
          f"{len(response.content) // 1024} KiB")
"""


def main() -> None:
    postgres = "--postgres" in sys.argv
    with tempfile.TemporaryDirectory() as var_dir:
        env = {**os.environ, "VAR_DIR": var_dir, "DJANGO_SETTINGS_MODULE": "config.settings"}
        if not postgres:
            env.pop("DATABASE_URL", None)
        manage = [sys.executable, "manage.py"]
        if postgres:
            subprocess.run([*manage, "flush", "--no-input"], cwd=ROOT, env=env, check=False)
        subprocess.run(
            [*manage, "migrate", "--no-input", "--skip-checks"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    main()

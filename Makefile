# Creative Bridge — the README's two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test e2e lint format messages catalogs api-fuzz bench bench-search search-quality match-quality bench-partnering prod-check clean mutation

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required")'
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create a virtualenv: on Debian, apt-get install python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) catalogs

catalogs: $(STAMP)
	@$(PY) manage.py compile_catalogs

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest -m "not e2e" $(PYTEST_ARGS)

e2e: install
	$(PY) -m pytest -m e2e e2e $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Re-extract UI strings into locale/*/LC_MESSAGES/django.po (needs GNU gettext's xgettext).
messages: $(STAMP)
	$(PY) manage.py makemessages --no-obsolete --no-location -l ru -l uz -l en -i '.venv/*' -i 'var/*' -i 'e2e/*' -i 'bench/*' -i '*/tests/*'
	$(PY) manage.py normalise_catalogs

# The API against its own schema (issue 16): a fresh SQLite demo under gunicorn, schemathesis with
# every check and phase, anonymously and with a token of each role; fails on any 5xx or schema
# violation. API_FUZZ_ARGS='--roles anonymous,member --max-examples 2' for a quick one.
api-fuzz: install
	$(PY) bench/api_fuzz/run.py $(API_FUZZ_ARGS)

# Pages and API under gunicorn beside a trivial view, cached and not, with profiles (issue 15);
# BENCH_ARGS=--postgres (with DATABASE_URL) for PostgreSQL.
bench: install
	$(PY) bench/http/run.py $(BENCH_ARGS)

# The production stack on this machine (its own PostgreSQL, Redis, gunicorn, 2 workers), a smoke
# journey, a mixed load, a worker killed mid-import, PostgreSQL restarted under load
# (deploy/prod-check, docs/operations.md). PROD_CHECK_ARGS='--load-seconds 20' for a short run.
prod-check: install
	bash deploy/prod-check/run.sh $(PROD_CHECK_ARGS)

# Relevance of the search on the demo catalog (bridge/search/quality), beside icontains, in a
# scratch database; SEARCH_QUALITY_ARGS=--misses lists the imperfect queries; NOISE=100000
# then indexes that many weak matches after the catalog and measures again (issue 14).
search-quality: install
	$(PY) manage.py search_quality --strict $(if $(NOISE),--noise $(NOISE)) $(SEARCH_QUALITY_ARGS)

# Search speed (issue 3): SIZES=10k,100k,1M for the million-item run.
bench-search: install
	$(PY) bench/search/run.py --sizes $(or $(SIZES),10k,100k)

# Import until searchable (issue 14, goal 4): ROWS=100000; SEARCHABLE_ARGS="--postgres --workers 2
# --reimport" (with DATABASE_URL) for PostgreSQL, --unique-descriptions for text that never repeats.
.PHONY: bench-searchable
bench-searchable: install
	$(PY) bench/materials/searchable_bench.py --rows $(or $(ROWS),100000) $(SEARCHABLE_ARGS)

# Catalog page with facets (issue 4) beside icontains: SIZES=100k,1M; CATALOG_ARGS=--postgres
# (with DATABASE_URL) for PostgreSQL.
.PHONY: bench-catalog
bench-catalog: install
	$(PY) bench/materials/catalog_bench.py --sizes $(or $(SIZES),100k) $(CATALOG_ARGS)

# Partnering matches on the judged set (bridge/partnering/quality) beside a shared-words
# (Jaccard) baseline, in a scratch database; MATCH_QUALITY_ARGS=--misses lists imperfect queries.
match-quality: install
	$(PY) manage.py match_quality --strict $(MATCH_QUALITY_ARGS)

# Partnering at 100,000 listings (issue 10): matches of one listing, recompute of one edited
# listing, import of 10,000 rows with matching, each beside a baseline. BENCH_ARGS=--postgres
# (with DATABASE_URL) for PostgreSQL.
bench-partnering: install
	$(PY) bench/partnering/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/static

# Insights (issue 13): full and incremental rollup, dashboard p95 over HTTP and its query count.
# INSIGHTS_ARGS="--materials 1000000" for the million-row run; add --postgres with a DATABASE_URL
# whose database name ends in _bench.
.PHONY: bench-insights
bench-insights: install
	$(PY) bench/insights/run.py $(INSIGHTS_ARGS)

# Practice library search (issue 12) beside icontains: SIZE=10k; KNOWLEDGE_ARGS=--postgres (with a
# DATABASE_URL of its own: its schema is dropped) for PostgreSQL.
.PHONY: bench-knowledge
bench-knowledge: install
	$(PY) bench/knowledge/library_bench.py --size $(or $(SIZE),10k) $(KNOWLEDGE_ARGS)

# Mutation testing (issue 18) over the services, rules, eligibility, ranking and the search
# selectors ([tool.mutmut] in pyproject.toml), @transaction.atomic functions included
# (bench/mutation/mutmut_run.py); then the share killed per module (bench/mutation/score.py).
# Hours for the whole set on two cores: MUTANTS='bridge.programs.ranking*' runs one module.
MUTATION_DB := $(CURDIR)/var/mutation-template.sqlite3
mutation: install
	@mkdir -p var
	@rm -f $(MUTATION_DB) $(MUTATION_DB)-wal $(MUTATION_DB)-shm
	DATABASE_URL=sqlite:///$(MUTATION_DB) $(PY) manage.py migrate --no-input -v 0
	MUTATION_TEMPLATE_DB=$(MUTATION_DB) $(PY) bench/mutation/mutmut_run.py run $(MUTANTS) > var/mutmut.log 2>&1 || { tail -20 var/mutmut.log; exit 1; }
	$(PY) bench/mutation/score.py --min 85

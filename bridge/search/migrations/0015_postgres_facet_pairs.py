"""PostgreSQL: a GIN index on each narrow row's facet pairs, as an array (issue 14; decision
0025). Facet filters test ``string_to_array(facet_values, chr(30)) && pairs``
(PostgresBackend.holds_any_pair), the expression of this index. A filter without words
then reads its rows from the index instead of every narrow row of the index key: a
supplier's 500 of 100,000 materials, 20,112 heap pages and 110 ms before, 488 pages and 3 ms
after. The index is 2.6 MB at 100,000 and builds in 0.6 s.

Built CONCURRENTLY, so searches and imports go on while it builds (``atomic = False``).
SQLite: nothing (its filters test the packed string, decision 0021).
"""

from django.db import migrations

from ._vendor import statements_on

CREATE = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS search_vector_pairs ON search_vector "
    "USING gin (string_to_array(facet_values, chr(30)))"
)
DROP = "DROP INDEX CONCURRENTLY IF EXISTS search_vector_pairs"
# The planner's estimates for && come from the expression's statistics, which only ANALYZE
# gathers: without them it guessed 998 rows for a country held by 33,354, and read the index
# in every sampled id range (51 instead of 20 ms).
ANALYZE = "ANALYZE search_vector"


class Migration(migrations.Migration):
    atomic = False  # CREATE / DROP INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [("search", "0014_postgres_gin")]

    # An index left invalid by an interrupted build is dropped and built again.
    operations = [
        migrations.RunPython(
            statements_on("postgresql", [DROP, CREATE, ANALYZE]),
            statements_on("postgresql", [DROP]),
        )
    ]

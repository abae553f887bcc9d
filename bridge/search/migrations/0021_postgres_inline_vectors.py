"""PostgreSQL only: search_vector keeps every vector in its row, none in the TOAST table
(issue 14, goal 1; decision 0033).

A row over ~2 kB is toasted: its vector, the widest column, went out of line, uncompressed
(pglz gains little on a tsvector). At 100k, 22 % of the vectors were so, 52 MB: every ``@@``
and every ``ts_rank`` on such a row read its chunks through the TOAST index, twice per row in
a sampled read. ``toast_tuple_target`` at its maximum toasts only rows over ~8 kB, which no
vector of the benchmark's reaches (the largest held 2,980 bytes). The text-matching
statements of the benchmark's 30 queries took 466–476 → 384 ms.

The vectors already out of line are written again, in their rows (``|| ''::tsvector``
builds a new value, equal to the old one; an unchanged value would keep its TOAST pointer).
Only rows near the threshold are: at 100k, 27,788 of 100,000 in 6.7 s, which emptied the
TOAST table. SQLite: nothing.
"""

from django.db import migrations

from ._vendor import statements_on

# A row whose columns hold fewer bytes cannot have reached TOAST_TUPLE_THRESHOLD (2,032
# bytes with the tuple's header, ~40): its vector was never moved out of line.
NEVER_TOASTED = 1_900

FORWARD = [
    "ALTER TABLE search_vector SET (toast_tuple_target = 8160)",
    "UPDATE search_vector SET vector = vector || ''::tsvector WHERE pg_column_size(vector) "
    f"+ pg_column_size(facet_values) + pg_column_size(index_key) > {NEVER_TOASTED}",
]
BACKWARD = ["ALTER TABLE search_vector RESET (toast_tuple_target)"]


class Migration(migrations.Migration):
    dependencies = [("search", "0020_postgres_statement_triggers")]

    operations = [
        migrations.RunPython(
            statements_on("postgresql", FORWARD), statements_on("postgresql", BACKWARD)
        )
    ]

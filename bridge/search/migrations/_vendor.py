"""What several of this app's search migrations share. Django's loader skips a module whose
name starts with an underscore: this one is not a migration."""


def statements_on(vendor: str, statements):
    """A RunPython function that runs the SQL ``statements`` on ``vendor``'s databases only
    (``connection.vendor``: "sqlite", "postgresql")."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor != vendor:
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run

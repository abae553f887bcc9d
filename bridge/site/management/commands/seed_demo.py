"""Build the demo data set and print the demo logins. Deterministic and idempotent: running it
again finds every row by its natural key and changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import translation

from bridge.core.demo import DemoContext
from bridge.site.demo import build_demo

DEMO_PASSWORD = "demo-bridge-2025"  # noqa: S105 (published on purpose; refused in production)


class Command(BaseCommand):
    help = "Create or refresh the demo data set (organisations, people, one login per role)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even when PRODUCTION=true (the demo logins share a published password).",
        )
        parser.add_argument(
            "--send-email",
            action="store_true",
            help="Send the notifications the services emit (off by default: no demo mail).",
        )
        parser.add_argument(
            "--quiet-logins", action="store_true", help="Do not print the table of logins."
        )

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False) and not options["allow_production"]:
            raise CommandError(
                "Refusing to seed demo data with PRODUCTION=true: every demo login has the "
                "same published password. Pass --allow-production to do it anyway."
            )
        self.verbosity = options["verbosity"]
        ctx = DemoContext(password=DEMO_PASSWORD)
        mail = (
            {}
            if options["send_email"]
            else {"EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
        )
        # One transaction: on error nothing is half-written; notifications (on_commit) go to
        # the dummy backend unless --send-email.
        # English for the console summary, whatever LANGUAGE_CODE says.
        with override_settings(**mail), translation.override("en"), transaction.atomic():
            build_demo(ctx)
        self._summary(ctx)
        if not options["quiet_logins"]:
            self._logins(ctx)

    def _summary(self, ctx: DemoContext) -> None:
        if self.verbosity < 1:
            return
        for label, outcome in ctx.counts.items():
            parts = ", ".join(f"{n} {name}" for name, n in outcome.items() if n)
            self.stdout.write(f"  {label}: {parts}")

    def _logins(self, ctx: DemoContext) -> None:
        rows = [("e-mail", "password", "role"), *ctx.logins]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        rule = "  ".join("-" * w for w in widths)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo logins (sign in at /accounts/login/):"))
        for index, row in enumerate(rows):
            line = "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
            self.stdout.write(line.rstrip())
            if index == 0:
                self.stdout.write(rule)
        self.stdout.write("")

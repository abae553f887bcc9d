"""`python manage.py api_token EMAIL [--name NAME]`: a new personal API token for scripts,
printed as the last line (docs/DESIGN.md, "Tokens for scripts")."""

from django.core.management.base import BaseCommand, CommandError

from bridge.accounts.models import User
from bridge.accounts.models.tokens import TOKEN_LIFETIMES, TokenScope
from bridge.accounts.services.people import api_token_create


class Command(BaseCommand):
    help = "Create a personal API token for the person with this e-mail; prints it last."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="script", help="What the token is for.")
        parser.add_argument("--days", type=int, choices=TOKEN_LIFETIMES, default=365)
        parser.add_argument("--scope", choices=TokenScope.values, default=TokenScope.READ_WRITE)

    def handle(self, *args, email, name, days, scope, **options):
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active person with the e-mail {email}.")
        _token, raw = api_token_create(user=user, name=name, days=days, scope=scope)
        self.stdout.write(f"Token for {user.email} (shown once; send it as Authorization: Bearer):")
        self.stdout.write(raw)

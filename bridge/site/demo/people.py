"""The demo logins, one per role, and the team of the demo game studio."""

from dataclasses import dataclass

from django.contrib.auth.models import Group

from bridge.accounts.demo import demo_person
from bridge.accounts.models import Role
from bridge.core.demo import DemoContext

DEMO_DOMAIN = "demo.creative-bridge.example"


@dataclass(frozen=True)
class Login:
    key: str
    role: str  # printed in the terminal table (for developers, so not translated)
    full_name: str
    language: str = "ru"
    timezone: str = "Europe/Moscow"
    group: str = ""  # staff role (bridge/accounts/roles.py)
    superuser: bool = False

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_DOMAIN}"


# One login per role, in the order the table prints them. Organisation roles are in Sirin
# Interactive (a verified Russian game studio); the supplier owns Margʻilon Atlas.
LOGINS: list[Login] = [
    Login("moderator", "moderator (staff)", "Ирина Морозова", group="moderator"),
    Login(
        "manager",
        "programme manager (staff)",
        "Shahnoza Qodirova",
        language="uz",
        timezone="Asia/Tashkent",
        group="programme manager",
    ),
    Login("analyst", "analyst (staff)", "Андрей Соловьёв", group="analyst"),
    Login("owner", "organisation owner (Sirin Interactive)", "Михаил Зайцев"),
    Login("admin", "organisation administrator (Sirin Interactive)", "Екатерина Фёдорова"),
    Login("member", "organisation member (Sirin Interactive)", "Тимур Ахмедов", language="en"),
    Login(
        "supplier",
        "supplier owner (Margʻilon Atlas)",
        "Dilshod Mirzayev",
        language="uz",
        timezone="Asia/Tashkent",
    ),
    Login("user", "signed-in person without an organisation", "Светлана Егорова"),
    Login("superuser", "superuser (Django admin)", "Admin Bridge", superuser=True),
]
TEAM = {"sirin": [("admin", Role.ADMIN), ("member", Role.MEMBER)]}


def build_logins(ctx: DemoContext) -> None:
    for login in LOGINS:
        user = demo_person(
            ctx,
            email=login.email,
            full_name=login.full_name,
            language=login.language,
            timezone_name=login.timezone,
            is_staff=bool(login.group),
            is_superuser=login.superuser,
        )
        if login.group and not user.groups.filter(name=login.group).exists():
            user.groups.add(Group.objects.get(name=login.group))
        ctx.people[login.key] = user
        ctx.logins.append((login.email, ctx.password, login.role))

"""The demo data set that `manage.py seed_demo` builds: first the people (one login per role) and
the organisations of both countries, then each app's own `build_demo(ctx)`, in INSTALLED_APPS
order, which finds the organisations it needs in `ctx.organisations`."""

import importlib
from collections.abc import Callable

from django.apps import apps

from bridge.accounts.demo import demo_organisation
from bridge.core.demo import DemoContext
from bridge.site.demo.organisations import ORGANISATIONS
from bridge.site.demo.people import TEAM, build_logins


def build_people_and_organisations(ctx: DemoContext) -> None:
    build_logins(ctx)
    for spec in ORGANISATIONS:
        demo_organisation(ctx, spec, TEAM.get(spec.key, ()))


def app_builders() -> list[Callable[[DemoContext], None]]:
    """`build_demo(ctx)` of every installed app with a `demo` module, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if config.name == __name__.rsplit(".", 1)[0]:
            continue
        name = f"{config.name}.demo"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        build = getattr(module, "build_demo", None)
        if callable(build):
            found.append(build)
    return found


def build_demo(ctx: DemoContext) -> None:
    build_people_and_organisations(ctx)
    for build in app_builders():
        build(ctx)

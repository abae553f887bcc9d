from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PartneringConfig(AppConfig):
    name = "bridge.partnering"
    label = "partnering"
    verbose_name = _("Partnering")

    def ready(self):
        from bridge.core.periodic import Job
        from bridge.core.periodic import register as register_job
        from bridge.partnering import navigation
        from bridge.partnering.roles import staff_roles_sync
        from bridge.partnering.search_index import ListingIndex
        from bridge.partnering.search_index_projects import ProjectIndex
        from bridge.partnering.services.alerts import partnering_tick
        from bridge.partnering.services.meetings import meetings_tick
        from bridge.partnering.services.outcomes import outcomes_tick
        from bridge.partnering.services.project_status import projects_tick
        from bridge.partnering.services.ratings import ratings_tick
        from bridge.search import registry

        navigation.register()
        registry.register(ListingIndex())
        registry.register(ProjectIndex())
        # Expiry and reminders of listings and interests, weekly digests, saved-search alerts.
        register_job(Job("partnering", partnering_tick, "hourly"))
        # The outcome reminder of joint projects six months after creation.
        register_job(Job("partnering-projects", projects_tick, "daily"))
        # Meeting requests may expire 15 minutes after they are sent: the clock ticks each minute.
        register_job(Job("partnering-meetings", meetings_tick, "minutely"))
        # The day after an event, each person with a held meeting is invited to rate it.
        register_job(Job("partnering-ratings", ratings_tick, "daily"))
        # Six months after an event, both sides of each held meeting say what came of it.
        register_job(Job("partnering-outcomes", outcomes_tick, "daily"))
        post_migrate.connect(staff_roles_sync, dispatch_uid="partnering.staff_roles_sync")

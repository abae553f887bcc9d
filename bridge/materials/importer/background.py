"""A confirmed import runs as a background task, so that the supplier's page can show how far it
got (bridge.core.progress) instead of waiting on one long request."""

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.urls import reverse
from django_tasks import task

from bridge.core.models import Progress
from bridge.core.progress import Tracker
from bridge.materials.importer.run import import_materials
from bridge.materials.models import MaterialImport


def stored_file_import(*, checked: MaterialImport, name: str, actor, tracker: Tracker):
    """Import the checked file waiting under `name`, reporting into `tracker`; the file is
    deleted once imported. Returns the import's result."""
    with tracker, default_storage.open(name, "rb") as file:
        result = import_materials(
            file=file,
            filename=checked.filename,
            actor=actor,
            supplier=checked.supplier,
            publish=checked.publish,
            progress=tracker,
        )
        if result.ok:
            default_storage.delete(name)
        tracker.finish(
            done=result.rows,
            errors=[e.as_dict() for e in result.errors],
            warnings=[w.as_dict() for w in result.warnings],
            result_url=reverse("materials_supplier:import_report", args=[result.report.pk]),
        )
    return result


@task()
def materials_import_task(*, progress_id: int, checked_id: int, name: str) -> int:
    """The import confirmed in the browser; returns the id of its report."""
    run = Progress.objects.get(pk=progress_id)
    checked = MaterialImport.objects.select_related("supplier").get(pk=checked_id)
    actor = get_user_model().objects.get(pk=checked.created_by_id)
    result = stored_file_import(checked=checked, name=name, actor=actor, tracker=Tracker(run=run))
    return result.report.pk

"""Reads for the supplier's dashboard, the import pages and the moderation queue."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from bridge.accounts.models import Organisation, Role
from bridge.core.models import AuditEntry
from bridge.materials.models import Material, MaterialFibre, MaterialImage, MaterialImport
from bridge.materials.models.samples import SampleRequest, SampleStatus
from bridge.materials.rules.materials import can_import_for_any_supplier
from bridge.materials.terms import term
from bridge.materials.vocabulary import Status


def dashboard_suppliers(user) -> QuerySet[Organisation]:
    """The organisations whose dashboard this person may open (their memberships)."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name").distinct()


def manageable_suppliers(user) -> QuerySet[Organisation]:
    """Where this person keeps listings: as owner or administrator."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(
            memberships__user=user, memberships__role__in=[Role.OWNER, Role.ADMIN]
        )
        .order_by("name")
        .distinct()
    )


def import_suppliers(user) -> QuerySet[Organisation]:
    """Whose listings this person may import: any organisation for staff, else the ones they
    manage (rules.materials decides who is staff here)."""
    if can_import_for_any_supplier(user):
        return Organisation.objects.order_by("name")
    return manageable_suppliers(user)


def supplier_listings(*, supplier: Organisation, status: str = "") -> QuerySet[Material]:
    queryset = (
        Material.objects.filter(supplier=supplier)
        .select_related("category")
        .annotate(image_count=Count("images"))
        .order_by("-updated_at", "-id")
    )
    if status in Status.values:
        queryset = queryset.filter(status=status)
    return queryset


def status_counts(*, supplier: Organisation) -> dict[str, int]:
    counts = dict.fromkeys(Status.values, 0)
    for row in Material.objects.filter(supplier=supplier).values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def sample_inbox(*, supplier: Organisation, limit: int = 20) -> list:
    """Open sample requests to this supplier, soonest due first, with their due date (an
    unanswered request is due before it expires; an accepted one by its shipping estimate)."""
    requests = list(
        SampleRequest.objects.filter(
            supplier=supplier, status__in=[SampleStatus.REQUESTED, SampleStatus.ACCEPTED]
        )
        .select_related("requester", "organisation")
        .annotate(item_count=Count("items"))
        .order_by("created_at")[:limit]
    )
    expire = timedelta(days=getattr(settings, "SAMPLE_REQUEST_EXPIRE_DAYS", 7))
    for request in requests:
        if request.status == SampleStatus.REQUESTED:
            request.due = (request.created_at + expire).date()
        else:
            request.due = request.shipping_estimate
    requests.sort(key=lambda r: (r.due is None, r.due or r.created_at.date()))
    return requests


def material_for_edit(*, supplier: Organisation, pk: int) -> Material | None:
    return (
        Material.objects.filter(supplier=supplier, pk=pk)
        .prefetch_related(
            Prefetch("fibres", queryset=MaterialFibre.objects.order_by("position", "id")),
            Prefetch("images", queryset=MaterialImage.objects.order_by("position", "id")),
        )
        .first()
    )


def imports_by(user) -> QuerySet[MaterialImport]:
    """The reports of the files this person uploaded, newest first."""
    if not getattr(user, "is_authenticated", False):
        return MaterialImport.objects.none()
    return (
        MaterialImport.objects.select_related("supplier", "created_by")
        .filter(created_by=user)
        .order_by("-created_at", "-id")
    )


def imports_for(user, *, supplier: Organisation | None = None, limit: int = 10):
    queryset = MaterialImport.objects.select_related("supplier").filter(created_by=user)
    if supplier is not None:
        queryset = MaterialImport.objects.select_related("supplier", "created_by").filter(
            supplier=supplier
        )
    return queryset.order_by("-created_at")[:limit]


# ---------------------------------------------------------------- moderation


def moderation_queue(*, status: str = Status.PENDING) -> QuerySet[Material]:
    if status not in (Status.PENDING, Status.REJECTED, Status.PUBLISHED):
        status = Status.PENDING
    return (
        Material.objects.filter(status=status)
        .select_related("supplier", "category")
        .prefetch_related(Prefetch("fibres", queryset=MaterialFibre.objects.order_by("position")))
        .order_by("updated_at", "id")
    )


AUDIT_LABELS = {
    "material.create": _("Created"),
    "material.update": _("Changed"),
    "material.submit": _("Submitted for review"),
    "material.publish": _("Published"),
    "material.reject": _("Rejected"),
    "material.archive": _("Archived"),
    "material.image_add": _("Photo added"),
    "material.image_remove": _("Photo removed"),
}


def _labelled(entry: AuditEntry) -> AuditEntry:
    entry.label = AUDIT_LABELS.get(entry.action, entry.action)
    return entry


def recent_audit(materials: list[Material], *, per_material: int = 3) -> dict[int, list]:
    """The last few audit entries of each material, in one query."""
    ids = [str(m.pk) for m in materials]
    if not ids:
        return {}
    trail: dict[int, list] = {}
    entries = (
        AuditEntry.objects.filter(target_type="materials.material", target_id__in=ids)
        .select_related("actor")
        .order_by("-pk")
    )
    for entry in entries:
        bucket = trail.setdefault(int(entry.target_id), [])
        if len(bucket) < per_material:
            bucket.append(_labelled(entry))
    return trail


def material_audit(material: Material, *, limit: int = 200) -> list[AuditEntry]:
    entries = (
        AuditEntry.objects.filter(target_type="materials.material", target_id=str(material.pk))
        .select_related("actor")
        .order_by("-pk")[:limit]
    )
    return [_labelled(entry) for entry in entries]


@dataclass(frozen=True)
class UnknownWord:
    material: Material
    column: str  # "composition", "technique" or "colors", as in the import file
    word: str


def unknown_words(*, supplier: Organisation, limit: int = 20) -> tuple[int, list[UnknownWord]]:
    """Fibres, techniques and colours of the supplier's listings that the thesaurus does not
    know (kept as written): how many, and the first ``limit``. Each distinct word is looked up
    once, so a large catalog costs one query and a dictionary."""
    found: list[UnknownWord] = []
    known: dict[tuple[str, str], bool] = {}
    rows = (
        Material.objects.filter(supplier=supplier)
        .exclude(status=Status.ARCHIVED)
        .prefetch_related(Prefetch("fibres", queryset=MaterialFibre.objects.filter(fibre="")))
        .order_by("name", "pk")
    )
    for material in rows:
        words = [("composition", f.written) for f in material.fibres.all()]
        words += [("technique", w) for w in material.techniques or []]
        words += [("colors", w) for w in material.colours or []]
        for column, word in words:
            kind = COLUMN_KINDS[column]
            if column != "composition" and (kind, word) not in known:
                known[kind, word] = term(word, kind).known
            if column == "composition" or not known[kind, word]:
                found.append(UnknownWord(material, column, word))
    return len(found), found[:limit]


COLUMN_KINDS = {"composition": "fibre", "technique": "technique", "colors": "colour"}

"""Who may do what with a sample request. Pages, API and services ask these, nothing else."""

from bridge.accounts.models import Membership, Organisation
from bridge.materials.models import SampleRequest, SampleStatus


def _supplier_member(user, request: SampleRequest) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    cache = getattr(request, "_supplier_member_cache", {})
    if user.pk not in cache:
        cache[user.pk] = Membership.objects.filter(
            organisation_id=request.supplier_id, user=user
        ).exists()
        request._supplier_member_cache = cache
    return cache[user.pk]


def is_requester(user, request: SampleRequest) -> bool:
    return getattr(user, "is_authenticated", False) and request.requester_id == user.pk


def is_supplier_side(user, request: SampleRequest) -> bool:
    """Any member of the supplier organisation answers its requests."""
    return _supplier_member(user, request)


def can_view(user, request: SampleRequest) -> bool:
    return is_requester(user, request) or is_supplier_side(user, request)


def can_request_for(user, organisation: Organisation) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and Membership.objects.filter(organisation=organisation, user=user).exists()
    )


# action → (who, the states it may start from)
TRANSITIONS: dict[str, tuple[str, frozenset[str]]] = {
    "accept": ("supplier", frozenset({SampleStatus.REQUESTED})),
    "decline": ("supplier", frozenset({SampleStatus.REQUESTED})),
    "ship": ("supplier", frozenset({SampleStatus.ACCEPTED})),
    "receive": ("requester", frozenset({SampleStatus.SHIPPED})),
    "cancel": ("requester", frozenset({SampleStatus.REQUESTED, SampleStatus.ACCEPTED})),
    "close": ("either", frozenset({SampleStatus.RECEIVED})),
}
OPEN_FOR_MESSAGES = frozenset(
    {SampleStatus.REQUESTED, SampleStatus.ACCEPTED, SampleStatus.SHIPPED, SampleStatus.RECEIVED}
)


def may_act(user, request: SampleRequest, action: str) -> bool:
    """The person's side may take this action (whatever the state)."""
    who, _states = TRANSITIONS[action]
    if who == "supplier":
        return is_supplier_side(user, request)
    if who == "requester":
        return is_requester(user, request)
    return can_view(user, request)


def allowed_actions(user, request: SampleRequest) -> list[str]:
    return [
        action
        for action, (_who, states) in TRANSITIONS.items()
        if request.status in states and may_act(user, request, action)
    ]


def can_message(user, request: SampleRequest) -> bool:
    return request.status in OPEN_FOR_MESSAGES and can_view(user, request)

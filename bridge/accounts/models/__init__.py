from bridge.accounts.models.organisations import (
    Invitation,
    Membership,
    Organisation,
    Role,
    Sector,
    Verification,
)
from bridge.accounts.models.people import User
from bridge.accounts.models.tokens import ApiToken

__all__ = [
    "ApiToken",
    "Invitation",
    "Membership",
    "Organisation",
    "Role",
    "Sector",
    "User",
    "Verification",
]

from bridge.partnering.models.events import (
    Booking,
    Event,
    Meeting,
    MeetingRequest,
    Registration,
    Slot,
    Table,
)
from bridge.partnering.models.interest import Interest, InterestMessage
from bridge.partnering.models.listings import Attachment, Listing, ListingImport, SavedSearch
from bridge.partnering.models.matching import Digest, Dismissal, Match, MatchPosting, MatchVector
from bridge.partnering.models.profiles import PartnerProfile
from bridge.partnering.models.projects import (
    JointProject,
    Milestone,
    ProjectPartner,
    ProjectStatusChange,
)
from bridge.partnering.models.ratings import MeetingOutcome, MeetingRating

__all__ = [
    "Attachment",
    "Booking",
    "Digest",
    "Dismissal",
    "Event",
    "Interest",
    "InterestMessage",
    "JointProject",
    "Listing",
    "ListingImport",
    "Match",
    "MatchPosting",
    "MatchVector",
    "Meeting",
    "MeetingOutcome",
    "MeetingRating",
    "MeetingRequest",
    "Milestone",
    "PartnerProfile",
    "ProjectPartner",
    "ProjectStatusChange",
    "Registration",
    "SavedSearch",
    "Slot",
    "Table",
]

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

__all__ = [
    "Attachment",
    "Digest",
    "Dismissal",
    "Interest",
    "InterestMessage",
    "JointProject",
    "Listing",
    "ListingImport",
    "Match",
    "MatchPosting",
    "MatchVector",
    "Milestone",
    "PartnerProfile",
    "ProjectPartner",
    "ProjectStatusChange",
    "SavedSearch",
]

from bridge.partnering.models.interest import Interest, InterestMessage
from bridge.partnering.models.listings import Attachment, Listing, ListingImport, SavedSearch
from bridge.partnering.models.matching import Digest, Dismissal, Match, MatchPosting, MatchVector
from bridge.partnering.models.profiles import PartnerProfile

__all__ = [
    "Attachment",
    "Digest",
    "Dismissal",
    "Interest",
    "InterestMessage",
    "Listing",
    "ListingImport",
    "Match",
    "MatchPosting",
    "MatchVector",
    "PartnerProfile",
    "SavedSearch",
]

from bridge.knowledge.models.engagement import (
    Question,
    QuestionStatus,
    TranslationRequest,
    UsefulVote,
)
from bridge.knowledge.models.events import (
    Event,
    EventKind,
    EventMaterial,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from bridge.knowledge.models.library import (
    EDITABLE,
    Attachment,
    Entry,
    Kind,
    Practice,
    Revision,
    Status,
    reader_entry,
)
from bridge.knowledge.models.themes import ThemeImage, ThemePage

__all__ = [
    "EDITABLE",
    "Attachment",
    "Entry",
    "Event",
    "EventKind",
    "EventMaterial",
    "EventStatus",
    "Kind",
    "Practice",
    "Question",
    "QuestionStatus",
    "Registration",
    "RegistrationStatus",
    "Revision",
    "Status",
    "ThemeImage",
    "ThemePage",
    "TranslationRequest",
    "UsefulVote",
    "reader_entry",
]

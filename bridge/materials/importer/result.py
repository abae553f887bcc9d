"""What an import answers: counts, and every error with its row and column."""

from dataclasses import dataclass, field

from bridge.materials.models import MaterialImport


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    # Not errors: words kept as written because the thesaurus does not know them.
    warnings: list[RowError] = field(default_factory=list)
    new_suppliers: list[str] = field(default_factory=list)
    report: MaterialImport | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

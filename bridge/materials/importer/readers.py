"""The import files are read by the shared table reader (bridge.core.tables), which partnering's
import uses too."""

from bridge.core.tables import MAX_FILE_BYTES, FileRefused, read_table

__all__ = ["MAX_FILE_BYTES", "FileRefused", "read_table"]

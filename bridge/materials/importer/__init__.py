from bridge.materials.importer.readers import MAX_FILE_BYTES, FileRefused
from bridge.materials.importer.run import ImportResult, RowError, import_materials

__all__ = ["MAX_FILE_BYTES", "FileRefused", "ImportResult", "RowError", "import_materials"]

from bridge.materials.importer.readers import MAX_FILE_BYTES, FileRefused
from bridge.materials.importer.result import ImportResult, RowError
from bridge.materials.importer.run import import_materials

__all__ = ["MAX_FILE_BYTES", "FileRefused", "ImportResult", "RowError", "import_materials"]

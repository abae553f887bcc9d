from .engine_support import index, test_thesaurus  # noqa: F401

"""Fixtures of the engine's own tests that the organisations' index tests reuse."""

from bridge.search.tests.engine_support import test_thesaurus  # noqa: F401 (a fixture)

"""Keeps the search app's own indexes in step with the apps below it, which may not import search."""


def organisation_changed(sender, organisation, **kwargs):
    from bridge.search.services import search_index_update

    search_index_update(key="organisations", objects=[organisation])

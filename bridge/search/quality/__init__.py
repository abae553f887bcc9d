"""Search relevance on the demo catalog: the relevance set, its scoring and the snapshot."""

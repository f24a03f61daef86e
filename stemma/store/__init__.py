"""The index: SQLite as the source of truth, with a vector index and LSH buckets derived from it."""
from stemma.store.db import Store

__all__ = ["Store"]

"""Results an earlier build of this process made, kept for the next (``watch`` rebuilds).

A rebuild after an edit finds most of its pages and one-pager blocks as they were; a store
keeps them by a key that names everything they were made from. Builds in threads of one
process share a store under its lock; beyond its bound the oldest entries go first.
"""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Kept(Generic[K, V]):
    """A bounded mapping shared by the builds of one process, oldest entries dropped first."""

    def __init__(self, bound: int) -> None:
        self.bound = bound
        self._entries: dict[K, V] = {}
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        """Return the value kept for ``key``, or None."""
        with self._lock:
            return self._entries.get(key)

    def keep(self, key: K, value: V) -> None:
        """Keep ``value`` for ``key``, dropping the oldest entries beyond the bound."""
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self.bound:
                del self._entries[next(iter(self._entries))]

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

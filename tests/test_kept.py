"""Tests for the store of results kept between builds of one process."""

from __future__ import annotations

import threading

from briefing.kept import Kept


def test_the_oldest_entries_go_first_beyond_the_bound() -> None:
    kept: Kept[str, int] = Kept(2)
    kept.keep("a", 1)
    kept.keep("b", 2)
    kept.keep("c", 3)
    assert (kept.get("a"), kept.get("b"), kept.get("c")) == (None, 2, 3)
    assert len(kept) == 2


def test_clear_forgets_every_entry() -> None:
    kept: Kept[str, int] = Kept(4)
    kept.keep("a", 1)
    kept.clear()
    assert kept.get("a") is None and len(kept) == 0


def test_threads_keeping_at_once_leave_the_store_within_its_bound() -> None:
    kept: Kept[int, int] = Kept(50)

    def fill(start: int) -> None:
        for n in range(start, start + 2000):
            kept.keep(n, n)
            kept.get(n - 1)

    threads = [threading.Thread(target=fill, args=(k * 10_000,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(kept) == 50

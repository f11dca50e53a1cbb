"""Copies of frozen dataclasses: what dataclasses.replace gives, without running __init__."""

from __future__ import annotations

import dataclasses

import pytest

from briefing.evolve import evolve


@dataclasses.dataclass(frozen=True)
class Run:
    text: str
    x: float = 0.0
    tags: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Checked:
    size: float

    def __post_init__(self) -> None:
        if self.size <= 0:
            raise ValueError("size must be positive")


@dataclasses.dataclass(frozen=True, slots=True)
class Slotted:
    a: int
    b: int = 2


def test_a_copy_is_what_replace_makes_and_the_original_stays() -> None:
    run = Run("日本", 1.5, ("b",))
    moved = evolve(run, x=10.0)
    assert moved == dataclasses.replace(run, x=10.0) == Run("日本", 10.0, ("b",))
    assert run.x == 1.5
    assert hash(moved) == hash(Run("日本", 10.0, ("b",)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        moved.x = 3.0  # type: ignore[misc]


def test_an_unknown_field_is_refused() -> None:
    with pytest.raises(TypeError, match="no field"):
        evolve(Run("a"), width=3.0)


def test_a_class_that_checks_itself_is_still_checked() -> None:
    assert evolve(Checked(2.0), size=3.0) == Checked(3.0)
    with pytest.raises(ValueError, match="positive"):
        evolve(Checked(2.0), size=-1.0)


def test_slotted_classes_are_copied_too() -> None:
    assert evolve(Slotted(1), b=5) == Slotted(1, 5)

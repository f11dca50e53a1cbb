"""Outline: safe loading, the validated model and its JSON Schema."""

from briefing.outline.model import Outline
from briefing.outline.validate import load_outline

__all__ = ["Outline", "load_outline"]

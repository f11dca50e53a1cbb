"""Allow ``python -m briefing``."""

from briefing.program import run

run()

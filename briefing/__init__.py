"""Turn a YAML outline of an article into a PowerPoint briefing deck and a one-page summary."""

__version__ = "0.1.0"

"""Draft an outline from an article (plain text, Markdown or HTML), offline and repeatably."""

"""What a presenter asks of a deck before a meeting: how long it takes to present, which
slides are dense, what a reader may fail to read, which pictures lack alternative text.

Everything is judged from the pages the deck is built from (``briefing.layout``), never from
a rendering of the written file.
"""

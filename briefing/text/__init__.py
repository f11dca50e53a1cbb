"""Text: fonts and their metrics, line breaking (Latin, kinsoku, phrases), measuring and fitting."""

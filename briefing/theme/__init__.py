"""Themes: design tokens (colours, fonts, sizes, spacing) and the base .pptx they style."""

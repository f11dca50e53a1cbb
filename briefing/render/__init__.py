"""Backends: draw laid-out pages as .pptx, PDF and PNG."""

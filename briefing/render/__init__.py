"""Render: draw laid-out pages and sheets into files (PPTX, PDF, PNG)."""

"""The screens scripts/screenshots.py drives, one module per area."""

"""Launcher: `python main.py [--sandbox]` does what the `registry-desk` command does."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""Launcher: `python main.py [--sandbox]` does what the `registry-desk` command does.

It is also the entry point of the single-file bundle (scripts/bundle): there, the estate's worker
processes start the bundle itself again, and freeze_support() turns such a start into the worker.
"""

import multiprocessing
import sys

from app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())

"""Child process: the estate listed from a window's worker threads, the UI thread timed (see
benchmarks/estate_probe_window.py). This module imports nothing itself: the estate's worker
processes start by importing the main module, and should not load Qt for nothing."""

import sys

if __name__ == "__main__":
    from benchmarks.estate_probe_window import main

    sys.exit(main())

"""A CPU-bound process beside the application, as a user's busy laptop has (a build, a browser).

`with cpu_hog():` runs one Python busy loop in its own process for the block's duration; it
ends with the block, or by itself after `lifetime_s` if the benchmark dies first.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

_LOOP = "import time\nend = time.monotonic() + {lifetime}\nwhile time.monotonic() < end:\n    sum(range(1000))\n"


@contextmanager
def cpu_hog(lifetime_s: float = 600.0) -> Iterator[subprocess.Popen]:
    process = subprocess.Popen([sys.executable, "-c", _LOOP.format(lifetime=lifetime_s)])
    try:
        yield process
    finally:
        process.kill()
        process.wait(timeout=10)

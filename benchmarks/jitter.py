"""A reference ticker in its own process: the longest gap between 5 ms sleeps of a lone Python
thread, i.e. how long the machine itself kept a ready thread off the CPUs meanwhile. A UI freeze
is compared with it, measured over the same seconds: no interpreter lock is shared with it.

`with jitter() as measured:` ... then `measured()` gives the longest gap in seconds.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_TICKER = """
import sys, time, threading
longest, last = 0.0, time.perf_counter()
stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
while not stop.is_set():
    time.sleep(0.005)
    now = time.perf_counter()
    longest, last = max(longest, now - last), now
print(longest, flush=True)
"""


@contextmanager
def jitter() -> Iterator[Callable[[], float]]:
    process = subprocess.Popen([sys.executable, "-c", _TICKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True)
    result: list[float] = []
    try:
        yield lambda: result[0] if result else float("nan")
    finally:
        out, _ = process.communicate(timeout=30)
        result.append(float(out.strip() or "nan"))

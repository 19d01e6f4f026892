"""Peak memory of this process since it started."""

from __future__ import annotations

import resource


def peak_rss_mb(pid: int | str = "self") -> float:
    """VmHWM: unlike ru_maxrss, it is not inherited from the parent across fork and exec."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_processes_peak_rss_mb() -> float:
    """The peak memory of the estate's worker processes, added up (0 when there are none)."""
    from app.registry.estate import elsewhere

    shared = elsewhere._shared
    if shared is None:
        return 0.0
    return sum(peak_rss_mb(p.pid) for p in (getattr(shared._pool, "_processes", None) or {}).values())

"""Registry Desk's benchmark: the real workload through a latency proxy, the app against its floor.

Run it with `./scripts/benchmark` (or `.venv/bin/python -m benchmarks`).
"""

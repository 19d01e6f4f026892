"""The installed Qt binding must not corrupt Python's reference counts.

PySide6 6.12.0 drops a reference to True on every signal emitted from Python; a few hundred
task signals later the process aborts ("deallocating True"). pyproject.toml keeps it out.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    plain = Signal()
    carrying = Signal(object)


def test_emitting_signals_leaves_reference_counts_alone(qapp):
    emitter = Emitter()
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        emitter.plain.emit()
        emitter.carrying.emit(None)
    assert (sys.getrefcount(True), sys.getrefcount(None)) == before

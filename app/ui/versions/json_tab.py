"""The details pane's JSON tab: the describe response as AWS sent it, and a button to copy it."""

from __future__ import annotations

import json

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.registry.versions.records import VersionDetails


class JsonTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.json_text = QPlainTextEdit()
        self.json_text.setReadOnly(True)
        self.json_text.setAccessibleName(self.tr("Describe response (JSON)"))
        self.json_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.json_text.setFont(mono)
        self.copy_json = QPushButton(self.tr("Copy JSON"))
        self.copy_json.setAccessibleName(self.tr("Copy JSON"))
        # The rendered string itself: the text box's contents turn a no-break space into a space
        # and U+2028/U+2029 into line breaks, and the copy would no longer be the response.
        self._json = ""
        self.copy_json.clicked.connect(lambda: QGuiApplication.clipboard().setText(self._json))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.copy_json)
        layout.addWidget(self.json_text, 1)
        layout.addLayout(row)

    def fill(self, d: VersionDetails) -> None:
        self._json = json.dumps(d.raw, indent=2, sort_keys=True, default=str, ensure_ascii=False)
        self.json_text.setPlainText(self._json)  # as written: "équipe", not "\u00e9quipe"

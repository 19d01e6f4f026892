"""Counts read as English does: "1 group", "2 groups", from the English plural forms."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from app.ui import i18n

ROOT = Path(__file__).resolve().parents[2]


def test_the_english_file_holds_every_count_of_the_source():
    done = subprocess.run([sys.executable, "scripts/translations.py", "check"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_plural_forms_come_from_the_source_text():
    assert i18n.english_forms("%n version(s) selected") == ("%n version selected", "%n versions selected")
    assert i18n.english_forms("%n match(es)") == ("%n match", "%n matches")
    assert i18n.english_forms("%n added") == ("%n added", "%n added")


def test_a_count_of_one_is_singular_and_others_plural(qapp, tmp_path):
    i18n.release(target=tmp_path)
    translator = QTranslator()
    assert translator.load(str(tmp_path / f"{i18n.NAME}_en.qm"))
    qapp.installTranslator(translator)
    try:
        text = "%n group(s) in this account."
        assert QCoreApplication.translate("TargetPage", text, "", 1) == "1 group in this account."
        assert QCoreApplication.translate("TargetPage", text, "", 2) == "2 groups in this account."
        assert QCoreApplication.translate("TargetPage", text, "", 0) == "0 groups in this account."
    finally:
        qapp.removeTranslator(translator)


def test_every_catalogue_of_the_chosen_language_is_installed_over_the_english_ones(qapp, tmp_path):
    # Compiled aside: the session's translators read the shared .qm files while they are installed.
    i18n.release(target=tmp_path)
    translators = i18n.install(qapp, "fr", tmp_path)
    try:
        loaded = [Path(translator.filePath()).name for translator in translators]
        assert loaded == ["qtbase_fr.qm"] + [f"{catalogue}_{language}.qm" for language in ("en", "fr")
                                             for catalogue in i18n.CATALOGUES]
    finally:
        i18n.uninstall(qapp, translators)

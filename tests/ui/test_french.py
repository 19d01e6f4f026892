"""French, complete: every source text of every catalogue has a finished French translation with
the same placeholders, and with French chosen the window's menus and dialogs read French."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QMenu, QPushButton

from app.ui import i18n
from app.ui.groups.create_dialog import CreateGroupDialog
from app.ui.preferences import PreferencesDialog
from app.ui.settings import Settings
from tests.ui.test_main_window import close, make_window, wait_groups

ROOT = Path(__file__).resolve().parents[2]
_ARGS = re.compile(r"%L?n|%\d|\{\w+\}|%[vm]")
_ENTITY = re.compile(r"&(?:[a-zA-Z]+|#\d+);")


def _messages(catalogue: str, language: str):
    """(context, source, [translations], finished) of each live message of the catalogue's .ts."""
    root = ET.parse(i18n.ts_file(catalogue, language)).getroot()
    for context in root.iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") in ("vanished", "obsolete"):
                continue
            forms = [form.text or "" for form in translation.iter("numerusform")] or [translation.text or ""]
            finished = translation.get("type") != "unfinished" and all(form.strip() for form in forms)
            yield context.findtext("name"), message.findtext("source") or "", forms, finished


def placeholders(text: str) -> tuple[list[str], int]:
    """The arguments (%1.., %n/%Ln, {name}, %v/%m) sorted, and how many & mnemonics."""
    arguments = sorted("%n" if found in ("%n", "%Ln") else found for found in _ARGS.findall(text))
    mnemonics = len(re.findall(r"&(?!&)", _ENTITY.sub("", text.replace("&&", ""))))
    return arguments, mnemonics


@pytest.mark.parametrize("catalogue", list(i18n.CATALOGUES))
def test_every_source_text_has_a_finished_french_translation(catalogue):
    untranslated = [f"{context}: {source!r}" for context, source, _forms, finished in _messages(catalogue, "fr")
                    if not finished]
    assert not untranslated, f"{len(untranslated)} without a French translation, e.g. {untranslated[:5]}"


@pytest.mark.parametrize("catalogue", list(i18n.CATALOGUES))
def test_each_french_translation_keeps_the_placeholders_and_mnemonics_of_its_source(catalogue):
    differ = [f"{context}: {source!r} -> {form!r}"
              for context, source, forms, finished in _messages(catalogue, "fr") if finished
              for form in forms if placeholders(form) != placeholders(source)]
    assert not differ, "\n".join(differ)


def test_the_placeholder_check_sees_what_a_translator_could_lose():
    assert placeholders("&Delete %n version(s) of '%1'") == (["%1", "%n"], 1)
    assert placeholders("Supprimer %n versions de « %1 »") != placeholders("&Delete %n version(s) of '%1'")
    assert placeholders("Tom && Jerry &amp; {name}") == (["{name}"], 0)


@pytest.fixture
def french(qapp, tmp_path):
    """The French catalogues installed as at start-up with the Language setting on Français."""
    i18n.release(target=tmp_path)  # aside: the session's translators read the shared .qm files
    before = i18n.use_locale("fr")
    translators = i18n.install(qapp, "fr", tmp_path)
    yield
    i18n.uninstall(qapp, translators)
    QLocale.setDefault(before)


def test_with_french_chosen_the_menus_counts_and_a_dialog_read_french(qtbot, french, connection, qsettings):
    window = make_window(qtbot, connection, qsettings)
    try:
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus == ["&Fichier", "É&dition", "&Affichage", "&Groupe", "V&ersion", "&Outils", "Aid&e"]
        assert window.actions_by_name["refresh"].text() == "A&ctualiser"
        assert window.actions_by_name["approve"].toolTip() == "Approuver les versions sélectionnées (Ctrl+Shift+A)"
        wait_groups(qtbot, window)
        count = window.groups_view.model.rowCount()
        assert window.groups_view.count_label.text() == f"{count} groupes"
        dialog = CreateGroupDialog(window)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Nouveau groupe de packages de modèles"
        assert "Annuler" in [button.text() for button in dialog.findChildren(QPushButton)]  # Qt's own words too
        preferences = PreferencesDialog(Settings("sandbox", backing=qsettings), None, "sandbox", window)
        qtbot.addWidget(preferences)
        assert preferences.windowTitle() == "Préférences"
    finally:
        close(window)


def test_the_language_menu_remembers_the_choice_for_the_next_start(qtbot, connection, qsettings):
    window = make_window(qtbot, connection, qsettings)
    try:
        view = window.menuBar().actions()[2].menu()
        menu = window.findChild(QMenu, "menu_language")
        assert menu is not None and menu in [action.menu() for action in view.actions()]  # View ▸ Language
        assert [a.text() for a in menu.actions()] == ["System", "English", "Français"]
        assert menu.actions()[0].isChecked()  # nothing chosen yet: the system's language
        menu.actions()[2].trigger()
        assert Settings(backing=qsettings).language() == "fr"
        assert window.statusBar().currentMessage() == "Registry Desk will be in Français from its next start."
        assert menu.actions()[2].isChecked()
    finally:
        close(window)


def test_a_french_system_locale_starts_the_window_in_french(tmp_path):
    """LANG=fr_FR.UTF-8 and no Language setting: the start-up path installs French."""
    script = ("from PySide6.QtCore import QCoreApplication, QLocale\n"
              "from app.cli import create_application\n"
              "create_application()\n"
              "print(QCoreApplication.translate('actions', '&File'))\n"
              "print(QLocale().toString(1234567))\n")
    environment = {**os.environ, "LANG": "fr_FR.UTF-8", "LC_ALL": "", "LANGUAGE": "", "QT_QPA_PLATFORM": "offscreen",
                   "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    menu, number = done.stdout.splitlines()[-2:]
    assert menu == "&Fichier"
    assert number == "1\u202f234\u202f567"  # French groups digits with a narrow no-break space

"""Translations: the source texts in resources/i18n/*.ts, compiled to .qm, installed at start-up.

Two catalogues (CATALOGUES): `registry-desk_<lang>.ts` for the window's texts and
`registry-desk-messages_<lang>.ts` for the registry's messages, each in every language of
LANGUAGES. `install()` loads every catalogue of the chosen language over the English ones.

English needs a translation file too: a count is written once, `tr("%n version(s)", "", n)`,
and Qt picks "1 version" or "2 versions" from the plural forms of the English file. Its forms
are made from the "(s)" in the source text (`scripts/translations.py update` writes them), so
nobody types them twice.

The .qm files are built (`scripts/translations.py release`, run by the install scripts), not
committed. Without them the window still works; counts then read "1 version(s)".
"""

from __future__ import annotations

import logging
import re
import subprocess
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app import resources

log = logging.getLogger(__name__)

NAME = "registry-desk"
SOURCES = resources.path("i18n")  # the .ts files
COMPILED = resources.path("i18n")  # the .qm files, built next to them (not committed)
# One catalogue per source tree: the window's texts, and the registry's messages. Paths are
# relative to the checkout; `scripts/translations.py update` extracts each into
# <name>_<language>.ts for every language.
CATALOGUES: dict[str, tuple[str, ...]] = {
    NAME: ("app/ui", "app/cli.py", "app/tasks.py"),
    f"{NAME}-messages": ("app/registry",),
}
LANGUAGES = ("en", "fr")  # English holds only the plural forms; the others every text
_PLURAL = re.compile(r"\((s|es)\)")


def ts_file(catalogue: str, language: str, folder: Path = SOURCES) -> Path:
    return folder / f"{catalogue}_{language}.ts"


def english_forms(source: str) -> tuple[str, str]:
    """("%n version", "%n versions") for "%n version(s)"; a text without "(s)" ("%n added")
    reads the same for one and for many."""
    return _PLURAL.sub("", source), _PLURAL.sub(lambda m: m.group(1), source)


def chosen_locale(language: str | None = None) -> QLocale:
    """The locale of `language` ("fr", "en"), or the system's for None or ""."""
    return QLocale(language) if language else QLocale.system()


def install(app: QCoreApplication, language: str | None = None, folder: Path = COMPILED) -> list[QTranslator]:
    """Load every catalogue for `language` (default: the system's), English plurals always.

    Qt asks the translators installed last first, so the chosen language's catalogues go in
    after the English ones and English only answers what they leave out (the plural forms)."""
    locale = chosen_locale(language)
    installed = []
    qt_texts = QTranslator(app)  # Qt's own words: wizard buttons, standard buttons, file dialogs
    if locale.language() != QLocale.Language.English and qt_texts.load(
            locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_texts)
        installed.append(qt_texts)
    for wanted in (QLocale(QLocale.Language.English), locale):
        for catalogue in CATALOGUES:
            translator = QTranslator(app)
            if translator.load(wanted, catalogue, "_", str(folder)):
                app.installTranslator(translator)
                installed.append(translator)
        if wanted.language() == locale.language():
            break
    if not installed:
        log.warning("no compiled translations in %s; run scripts/translations.py release", folder)
    return installed


def use_locale(language: str | None = None) -> QLocale:
    """Dates and numbers as `language` writes them (QLocale() everywhere reads this default);
    returns the default it replaces, for putting back."""
    before = QLocale()
    QLocale.setDefault(chosen_locale(language))
    return before


def uninstall(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)


def lrelease() -> Path:
    """Qt's own compiler of .ts files, shipped inside PySide6."""
    import PySide6

    folder = Path(PySide6.__file__).parent
    for name in ("lrelease", "lrelease.exe"):
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"lrelease is not in {folder}")


def release(sources: Path = SOURCES, target: Path = COMPILED) -> list[Path]:
    """Compile every catalogue's .ts of `sources` into `target`; returns the .qm files written."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for catalogue in CATALOGUES:
        for ts in sorted(sources.glob(f"{catalogue}_*.ts")):
            qm = target / (ts.stem + ".qm")
            subprocess.run([str(lrelease()), "-silent", str(ts), "-qm", str(qm)], check=True)
            written.append(qm)
    return written

"""Keep the translation files in step with the source, and compile them.

    python scripts/translations.py update    # extract every catalogue for every language (pyside6-lupdate)
    python scripts/translations.py check     # exit 1 when a .ts of resources/i18n is behind the source
    python scripts/translations.py release   # compile resources/i18n/*.ts into resources/i18n/*.qm

Each catalogue of `i18n.CATALOGUES` (the window's texts; the registry's messages) has one .ts per
language of `i18n.LANGUAGES`. English holds only the texts with a count, their two forms made
from the "(s)" of the source; the other languages hold every text, and `update` keeps the
translations already made (lupdate merges; a changed source keeps its old translation, marked
unfinished).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.ui import i18n  # noqa: E402


def lupdate() -> Path:
    return i18n.lrelease().with_name("lupdate")


def _extract(catalogue: str, language: str, target: Path, *options: str) -> None:
    sources = [str(ROOT / source) for source in i18n.CATALOGUES[catalogue]]
    subprocess.run([str(lupdate()), "-silent", *options, "-target-language", language, "-locations", "none",
                    "-no-obsolete", "-extensions", "py", *sources, "-ts", str(target)], cwd=ROOT, check=True)


def english_plurals(catalogue: str = i18n.NAME) -> str:
    """The English .ts: every text with a count, with its two forms made from its "(s)"."""
    with tempfile.TemporaryDirectory() as folder:
        extracted = Path(folder) / "en.ts"
        _extract(catalogue, "en", extracted, "-pluralonly")
        tree = ET.parse(extracted)
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            forms = i18n.english_forms(message.findtext("source") or "")
            translation = message.find("translation")
            assert translation is not None
            translation.attrib.pop("type", None)
            for child in list(translation):
                translation.remove(child)
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
    ET.indent(tree)
    body = ET.tostring(tree.getroot(), encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n'


def translated(catalogue: str, language: str) -> str:
    """The .ts of `language` as `update` makes it: the existing file merged with the source."""
    existing = i18n.ts_file(catalogue, language)
    with tempfile.TemporaryDirectory() as folder:
        merged = Path(folder) / existing.name
        if existing.exists():
            shutil.copyfile(existing, merged)
        _extract(catalogue, language, merged)
        return merged.read_text(encoding="utf-8")


def updated(catalogue: str, language: str) -> str:
    return english_plurals(catalogue) if language == "en" else translated(catalogue, language)


def files() -> list[tuple[str, str, Path]]:
    return [(catalogue, language, i18n.ts_file(catalogue, language))
            for catalogue in i18n.CATALOGUES for language in i18n.LANGUAGES]


def main(command: str) -> int:
    if command == "update":
        i18n.SOURCES.mkdir(parents=True, exist_ok=True)
        for catalogue, language, ts in files():
            ts.write_text(updated(catalogue, language), encoding="utf-8")
            print(f"wrote {ts.relative_to(ROOT)}")
        return 0
    if command == "check":
        behind = [ts for catalogue, language, ts in files()
                  if not ts.exists() or ts.read_text(encoding="utf-8") != updated(catalogue, language)]
        for ts in behind:
            print(f"{ts.relative_to(ROOT)} is out of date: run python scripts/translations.py update",
                  file=sys.stderr)
        return 1 if behind else 0
    if command == "release":
        for qm in i18n.release():
            print(f"compiled {qm.relative_to(ROOT)}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))

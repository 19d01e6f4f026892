"""Keep the translation files in step with the source, and compile them.

    python scripts/translations.py update    # extract the texts (pyside6-lupdate), fill the English plurals
    python scripts/translations.py check     # exit 1 when resources/i18n is not up to date with the source
    python scripts/translations.py release   # compile resources/i18n/*.ts into resources/i18n/*.qm
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.ui import i18n  # noqa: E402

ENGLISH = i18n.SOURCES / f"{i18n.NAME}_en.ts"


def lupdate() -> Path:
    return i18n.lrelease().with_name("lupdate")


def english_plurals() -> str:
    """The English .ts: every text with a count, with its two forms made from its "(s)"."""
    with tempfile.TemporaryDirectory() as folder:
        extracted = Path(folder) / "en.ts"
        subprocess.run([str(lupdate()), "-silent", "-pluralonly", "-target-language", "en", "-locations", "none",
                        "-extensions", "py", str(ROOT / "app"), "-ts", str(extracted)], check=True)
        tree = ET.parse(extracted)
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            forms = i18n.english_forms(message.findtext("source") or "")
            translation = message.find("translation")
            translation.attrib.pop("type", None)
            for child in list(translation):
                translation.remove(child)
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
    ET.indent(tree)
    body = ET.tostring(tree.getroot(), encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n'


def main(command: str) -> int:
    if command == "update":
        ENGLISH.parent.mkdir(parents=True, exist_ok=True)
        ENGLISH.write_text(english_plurals(), encoding="utf-8")
        print(f"wrote {ENGLISH.relative_to(ROOT)}")
        return 0
    if command == "check":
        if not ENGLISH.exists() or ENGLISH.read_text(encoding="utf-8") != english_plurals():
            print(f"{ENGLISH.relative_to(ROOT)} is out of date: run python scripts/translations.py update",
                  file=sys.stderr)
            return 1
        return 0
    if command == "release":
        for qm in i18n.release():
            print(f"compiled {qm.relative_to(ROOT)}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))

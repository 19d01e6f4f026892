"""The registry's messages are templates plus parameters: English when read as a string, and every
template where pyside6-lupdate finds it, so the window can show it in the user's language."""

from __future__ import annotations

import ast
import pickle
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.registry.errors import RegistryError
from app.registry.texts import PLACEHOLDER, QT_TRANSLATE_NOOP, Text, joined

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "app" / "registry"
MARKER = "QT_TRANSLATE_NOOP"


def marked_templates() -> list[tuple[str, str, bool, str]]:
    """(context, template, plural, where) of every marker call in app/registry, read from the source."""
    found = []
    for path in sorted(REGISTRY.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == MARKER:
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                assert not node.keywords, f"{where}: lupdate skips a marker with keyword arguments"
                assert all(isinstance(a, ast.Constant) for a in node.args), (
                    f"{where}: lupdate needs literals in the marker (an f-string or a name is not extracted)")
                assert len(node.args) in (2, 4), where
                values = [a.value for a in node.args]
                found.append((values[0], values[1], len(values) == 4, where))
    return found


def lupdate_finds() -> set[tuple[str, str, bool]]:
    import PySide6

    tool = Path(PySide6.__file__).parent / "lupdate"
    out = ROOT / ".venv" / "texts-extracted.ts"
    out.unlink(missing_ok=True)
    subprocess.run([str(tool), "-silent", "-extensions", "py", "-locations", "none", str(REGISTRY), "-ts", str(out)],
                   check=True, timeout=120)
    found = set()
    for context in ET.parse(out).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.add((name, message.findtext("source") or "", message.get("numerus") == "yes"))
    out.unlink()
    return found


def test_every_template_of_the_registry_is_extracted_by_lupdate_with_its_plural_forms():
    templates = marked_templates()
    assert len(templates) > 40
    extracted = lupdate_finds()
    missed = [f"{where}: {template!r}" for context, template, plural, where in templates
              if (context, template, plural) not in extracted]
    assert not missed, "\n".join(missed)


def test_a_template_names_its_parameters_as_placeholders():
    for _context, template, plural, where in marked_templates():
        if plural:
            assert "%n" in template, where
        assert "%1" not in template, f"{where}: parameters are named, {{name}}"


def test_a_text_reads_as_its_english_sentence_with_its_parameters():
    text = Text(QT_TRANSLATE_NOOP("Errors", "the profile '{profile}'"), profile="training")
    assert text == "the profile 'training'"
    assert str(text) == "the profile 'training'" and type(str(text)) is str
    assert text.template == "the profile '{profile}'" and text.params == {"profile": "training"}
    assert text.context == "Errors"


def test_counts_read_as_english_does():
    many = QT_TRANSLATE_NOOP("Tests", "%n version(s) of {group}", None, 1)
    assert Text(many, n=1, group="churn") == "1 version of churn"
    assert Text(many, n=3, group="churn") == "3 versions of churn"
    with pytest.raises(TypeError):
        Text(many, group="churn")  # a plural text without its count


def test_only_a_marked_template_makes_a_text():
    with pytest.raises(TypeError):
        Text("The profile {profile}", profile="x")  # type: ignore[arg-type]


def test_a_text_and_an_error_cross_processes_with_their_template():
    text = Text(QT_TRANSLATE_NOOP("Errors", "gave no answer in {seconds} s"), seconds=3)
    back = pickle.loads(pickle.dumps(text))
    assert isinstance(back, Text) and back == text and back.params == {"seconds": 3}
    error = RegistryError("access_denied", action="sagemaker:ListModelPackages", profile="ops")
    again = pickle.loads(pickle.dumps(error))
    assert isinstance(again.text, Text) and str(again) == str(error)
    assert again.text.template == error.text.template


def test_an_error_is_a_text_made_of_texts_with_every_parameter_kept():
    error = RegistryError("access_denied", action="sagemaker:UpdateModelPackage", profile="training",
                          resource="arn:aws:sagemaker:us-east-1:111122223333:model-package/churn/3")
    assert isinstance(error.text, Text)
    assert str(error) == (
        "Access denied: the profile 'training' may not call sagemaker:UpdateModelPackage on "
        "arn:aws:sagemaker:us-east-1:111122223333:model-package/churn/3. Ask for that permission or "
        "switch profile.")

    def unfilled(text: Text) -> list[str]:
        names = PLACEHOLDER.findall(text.template)
        missing = [n for n in names if n not in text.params]
        return missing + [m for v in text.params.values() if isinstance(v, Text) for m in unfilled(v)]

    for kind in ("no_credentials", "expired_token", "access_denied", "unreachable", "throttled",
                 "not_found", "invalid", "conflict", "other"):
        for code in (None, "InvalidClientTokenId", "ProfileNotFound", "ReadTimeoutError", "NoRegionError"):
            made = RegistryError(kind, code=code, action="sagemaker:ListModelPackages", profile="p",
                                 region="eu-west-3", endpoint="https://x", detail="why").text
            assert isinstance(made, Text) and not unfilled(made), (kind, code)


def test_sentences_in_a_row_stay_each_translatable():
    first = Text(QT_TRANSLATE_NOOP("Tests", "One {x}."), x=1)
    row = joined([first, "", "Two."])
    assert row == "One 1. Two."
    assert row.params["first"] is first


def test_the_checked_in_catalogue_holds_every_template_of_the_registry():
    catalogue = ROOT / "resources" / "i18n" / "registry-desk-messages_fr.ts"
    held = set()
    for context in ET.parse(catalogue).getroot().iter("context"):
        name = context.findtext("name") or ""
        held.update((name, message.findtext("source") or "") for message in context.iter("message"))
    missing = [f"{where}: {template!r}" for context, template, _plural, where in marked_templates()
               if (context, template) not in held]
    assert not missing, "run scripts/translations.py update:\n" + "\n".join(missing)

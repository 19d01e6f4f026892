"""A registry message shows in the user's language: its template translated, its parameters filled."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator

from app.registry.errors import RegistryError
from app.registry.texts import QT_TRANSLATE_NOOP, Text
from app.ui import i18n
from app.ui.texts import render
from app.ui.widgets.banner import Banner

DENIED = ("Access denied: {who} may not call {calling}{on}. Ask for that permission or switch profile.{server}")


def compiled(folder: Path, messages: dict[tuple[str, str], str | tuple[str, ...]]) -> QTranslator:
    """A French catalogue holding just `messages`, compiled and loaded."""
    root = ET.Element("TS", version="2.1", language="fr_FR")
    for (context, source), translation in messages.items():
        node = ET.SubElement(root, "context")
        ET.SubElement(node, "name").text = context
        message = ET.SubElement(node, "message")
        ET.SubElement(message, "source").text = source
        done = ET.SubElement(message, "translation")
        if isinstance(translation, tuple):
            message.set("numerus", "yes")
            for form in translation:
                ET.SubElement(done, "numerusform").text = form
        else:
            done.text = translation
    ts, qm = folder / "messages_fr.ts", folder / "messages_fr.qm"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + ET.tostring(root, encoding="unicode"),
                  encoding="utf-8")
    return loaded(ts, qm)


def loaded(ts: Path, qm: Path) -> QTranslator:
    subprocess.run([str(i18n.lrelease()), "-silent", str(ts), "-qm", str(qm)], check=True, timeout=60)
    translator = QTranslator()
    assert translator.load(str(qm))
    return translator


def in_french(qapp, translator: QTranslator):
    """`translator` installed and a French locale, for the time of a fixture."""
    before = QLocale()
    qapp.installTranslator(translator)
    QLocale.setDefault(QLocale("fr_FR"))
    yield
    QLocale.setDefault(before)
    qapp.removeTranslator(translator)


@pytest.fixture
def french(qapp, tmp_path):
    translator = compiled(tmp_path, {
        ("Errors", DENIED): "Accès refusé : {who} ne peut pas appeler {calling}{on}. Demandez cette "
                            "autorisation ou changez de profil.{server}",
        ("Errors", "the profile '{profile}'"): "le profil « {profile} »",
        ("Errors", " on {resource}"): " sur {resource}",
        ("Tests", "%n version(s) of {group}"): ("%n version de {group}", "%n versions de {group}"),
        ("Tests", "{count} rows"): "{count} lignes",
    })
    yield from in_french(qapp, translator)


def test_an_error_reads_in_french_with_the_profile_the_action_and_the_resource(french):
    arn = "arn:aws:sagemaker:eu-west-3:111122223333:model-package/churn/3"
    error = RegistryError("access_denied", action="sagemaker:UpdateModelPackage", resource=arn, profile="training")
    assert render(error) == (f"Accès refusé : le profil « training » ne peut pas appeler sagemaker:UpdateModelPackage "
                             f"sur {arn}. Demandez cette autorisation ou changez de profil.")
    assert str(error).startswith("Access denied: the profile 'training'")  # logs stay English


def test_the_error_banner_shows_the_translation(french, qtbot):
    banner = Banner()
    qtbot.addWidget(banner)
    banner.show_message(RegistryError("access_denied", action="sagemaker:ListModelPackages", profile="ops").text)
    assert banner.text().startswith("Accès refusé : le profil « ops » ne peut pas appeler sagemaker:ListModelPackages.")


def test_counts_take_the_french_plural_and_numbers_the_french_digits(french):
    many = QT_TRANSLATE_NOOP("Tests", "%n version(s) of {group}", None, 1)
    assert render(Text(many, n=1, group="churn")) == "1 version de churn"
    assert render(Text(many, n=2, group="churn")) == "2 versions de churn"
    assert render(Text(many, n=0, group="churn")) == "0 version de churn"  # French: zero is singular
    rows = render(Text(QT_TRANSLATE_NOOP("Tests", "{count} rows"), count=12345))
    assert rows.replace("\u202f", " ").replace("\xa0", " ") == "12 345 lignes"


def test_a_message_without_a_translation_reads_in_english_with_its_parameters(qapp):
    many = QT_TRANSLATE_NOOP("Tests", "%n table(s) left in {place}", None, 1)
    assert render(Text(many, n=2, place="eu-west-3")) == "2 tables left in eu-west-3"
    assert render(Text(many, n=1, place="eu-west-3")) == "1 table left in eu-west-3"
    error = RegistryError("throttled", action="sagemaker:ListModelPackages", profile="ops")
    assert render(error) == str(error)
    assert render(RuntimeError("plain")) == "plain"


@pytest.fixture
def french_catalogue(qapp, tmp_path):
    """The registry's real French catalogue, compiled and installed, with a French locale."""
    source = i18n.ts_file(f"{i18n.NAME}-messages", "fr")
    yield from in_french(qapp, loaded(source, tmp_path / "messages_fr.qm"))


def test_every_registry_message_renders_in_french_with_all_its_parameters(french_catalogue):
    from app.registry.texts import PLACEHOLDER, Source
    from tests.registry.test_texts import marked_templates

    untranslated, lost = [], []
    for context, template, plural, where in marked_templates():
        names = PLACEHOLDER.findall(template)
        params: dict[str, object] = {name: f"<{name}>" for name in names}
        if plural:
            params["n"] = 7
        shown = render(Text(Source(context, template, plural), **params))
        if template.strip(" {}") and shown == str(Text(Source(context, template, plural), **params)) \
                and any(c.isalpha() for c in PLACEHOLDER.sub("", template)):
            untranslated.append(f"{where}: {template!r}")
        missing = [name for name in names if f"<{name}>" not in shown]
        if plural and "7" not in shown:
            missing.append("n")
        if missing:
            lost.append(f"{where}: {template!r} lost {missing}: {shown!r}")
    assert not lost, "\n".join(lost)
    assert len(untranslated) < 10, "\n".join(untranslated)  # a few read the same in both languages


def test_errors_checks_and_review_notes_read_french_with_the_real_catalogue(french_catalogue):
    from app.registry.crossaccount.policies import check_bucket
    from app.registry.versions.requests import check_group_name

    error = RegistryError("not_found", action="sagemaker:DescribeModelPackageGroup", resource="churn",
                          profile="ops", region="eu-west-3")
    assert render(error).startswith("Introuvable : churn n'existe pas ou n'est pas visible pour le profil « ops »")
    assert render(check_group_name("-churn")).startswith("Utilisez de 1 à 63 caractères")
    assert "qui commence par un trait d'union" in render(check_group_name("-churn"))
    assert render(check_bucket("Bad_Bucket", "")) == (
        "« Bad_Bucket » n'est pas un nom de compartiment S3. Choisissez un compartiment dans la liste.")

"""The confirmation of Remove: what goes (the profile, its keys and what "Write to AWS config"
put in the AWS config), and what stays. A section the user edited by hand is shown as it stands;
one whose credential_process is not ours is shown and left alone."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from app.registry.accounts.awsconfig import ConfigSection
from app.ui.accounts.operations import RemovalPlan

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


@dataclass(frozen=True)
class RemovalChoice:
    confirmed: bool
    section: ConfigSection | None = None  # the AWS config section to take out, if chosen


def _shown(section: ConfigSection) -> str:
    # Wrapped, so a long credential_process command stays inside the box.
    text = html.escape(section.text.rstrip())
    return f'<p style="white-space: pre-wrap; font-family: monospace;">{text}</p>'


def _para(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def confirm_removal(parent: QWidget, plan: RemovalPlan) -> RemovalChoice:
    name, path, section = plan.name, plan.path, plan.section
    box = QMessageBox(QMessageBox.Icon.Question, translate("ProfileRemoval", "Remove profile"),
                      translate("ProfileRemoval",
                                "Remove the profile '%1' and delete its keys from the keyring?").replace("%1", name),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
    box.setAccessibleName(translate("ProfileRemoval", "Remove profile"))
    box.button(QMessageBox.StandardButton.Yes).setText(translate("ProfileRemoval", "Remove"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    check: QCheckBox | None = None
    if section is not None and section.ours:
        if section.only_ours:
            label = translate("ProfileRemoval", "Also take [profile %1] out of the AWS config")
            note = translate("ProfileRemoval",
                             "\"Write to AWS config\" wrote this section in %2; left there, AWS tools would still "
                             "find the profile and fail to get its credentials. Only this section goes, every other "
                             "line of the file stays as it is:")
        else:
            label = translate("ProfileRemoval", "Also take the credential_process line out of [profile %1]")
            note = translate("ProfileRemoval",
                             "This section in %2 holds more than \"Write to AWS config\" wrote (edited by hand?). "
                             "Only its credential_process line would go; its other lines stay:")
        check = QCheckBox(label.replace("%1", name))
        check.setAccessibleName(translate("ProfileRemoval", "Also remove from the AWS config"))
        check.setChecked(True)
        box.setCheckBox(check)
        box.setInformativeText(_para(note.replace("%2", path)) + _shown(section))
    elif section is not None:
        note = translate("ProfileRemoval",
                         "[profile %1] in %2 does not get its credentials from Registry Desk (edited by hand?), "
                         "so it stays as it is:").replace("%1", name).replace("%2", path)
        box.setInformativeText(_para(note) + _shown(section))
    elif plan.problem:
        box.setInformativeText(_para(translate("ProfileRemoval",
                                               "The AWS config (%1) could not be read (%2): a section for "
                                               "this profile there, if any, stays.")
                                     .replace("%1", path).replace("%2", plan.problem)))
    confirmed = box.exec() == QMessageBox.StandardButton.Yes
    chosen = section if confirmed and check is not None and check.isChecked() else None
    return RemovalChoice(confirmed, chosen)

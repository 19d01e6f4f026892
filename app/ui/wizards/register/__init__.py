"""The register-a-version wizard (single models and inference pipelines)."""

from app.ui.wizards.register.common import PageId
from app.ui.wizards.register.wizard import RegisterWizard

__all__ = ["PageId", "RegisterWizard"]

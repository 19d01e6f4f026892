"""What the single-file bundle carries and leaves out, for both tools (PyInstaller and Nuitka).

Left out: moto's services the sandbox never calls (moto's server imports a service when a request
names it; the sandbox calls only SANDBOX_SERVICES, and moto's other services bring CloudFormation,
sympy, networkx, docker...), the test tools, and the Qt modules and plugins no window uses.
"""

from __future__ import annotations

from pathlib import Path

# What app/registry and app/sandbox call, and what those import from moto as their modules load
# (s3 -> cloudwatch, events, s3bucket_path, s3control; ram -> organizations). moto's own
# machinery (core, moto_api, moto_server, utilities) always.
SANDBOX_SERVICES = (
    "sagemaker", "sts", "iam", "s3", "ecr", "cloudtrail", "ram", "kms",
    "cloudwatch", "events", "s3bucket_path", "s3control", "organizations",
    "core", "moto_api", "moto_server", "utilities",
)

# Never needed at run time: test tools, and what only moto's left-out services import.
LEFT_OUT_PACKAGES = (
    "tkinter", "PyQt5", "PyQt6", "PySide2",
    "pytest", "_pytest", "hypothesis", "pytestqt", "xdist", "mypy", "ruff", "importlinter",
    "sympy", "mpmath", "networkx", "cfnlint", "docker", "graphql", "aws_xray_sdk", "antlr4",
    "openapi_spec_validator", "jsonschema_path", "joserfc", "pydantic", "pydantic_core",
    "IPython", "matplotlib", "scipy", "pandas", "PIL", "OpenGL",
    "pyqtgraph.opengl", "pyqtgraph.examples", "pyqtgraph.jupyter", "pyqtgraph.canvas",
    "numpy.f2py", "numpy.distutils", "numpy.testing._private.extbuild",
    "setuptools", "pkg_resources", "pip",
)

# The windows need QtCore, QtGui, QtWidgets (and QtSvg for the SVG icons). pyqtgraph would
# also bring QtOpenGL and QtTest, for features the trend plots do not use.
LEFT_OUT_QT = (
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtTest", "PySide6.QtNetwork",
    "PySide6.QtSql", "PySide6.QtPrintSupport", "PySide6.QtXml", "PySide6.QtDBus",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtConcurrent",
)

# Qt plugins, by folder: those kept. Platforms: a desktop (X11 or Wayland) and offscreen (tests);
# image formats: SVG (the icons), PNG is built in; the desktop portal's theme, for the colour scheme.
KEPT_QT_PLUGINS = {
    "platforms": ("libqxcb.so", "libqwayland.so", "libqoffscreen.so", "libqminimal.so"),
    "platformthemes": ("libqxdgdesktopportal.so",),
    "imageformats": ("libqsvg.so", "libqjpeg.so", "libqico.so"),
    "iconengines": ("libqsvgicon.so",),
    "xcbglintegrations": ("libqxcb-glx-integration.so", "libqxcb-egl-integration.so"),
    "platforminputcontexts": ("libcomposeplatforminputcontextplugin.so", "libibusplatforminputcontextplugin.so"),
    "wayland-shell-integration": None,  # None: the whole folder
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": None,
}


def left_out_moto(moto_folder: Path) -> list[str]:
    """moto.<service> for every service package the sandbox does not need."""
    return sorted(
        f"moto.{entry.name}" for entry in moto_folder.iterdir()
        if entry.is_dir() and (entry / "__init__.py").exists() and entry.name not in SANDBOX_SERVICES
    )


def keeps_plugin(path: str) -> bool:
    """Whether a Qt plugin (a path ending in plugins/<folder>/<file>) goes into the bundle."""
    parts = Path(path).parts
    if "plugins" not in parts:
        return True
    at = len(parts) - 1 - parts[::-1].index("plugins")
    if at + 2 >= len(parts):  # not a file inside a plugin folder
        return True
    folder, name = parts[at + 1], parts[-1]
    if folder not in KEPT_QT_PLUGINS:
        return False
    kept = KEPT_QT_PLUGINS[folder]
    return kept is None or name in kept

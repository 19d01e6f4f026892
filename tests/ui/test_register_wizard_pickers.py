"""The ECR picker and the S3 browser, opened from the containers page, on the seeded sandbox."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QPushButton, QTreeWidget

from app.sandbox.seed import MAIN_BUCKET
from tests.ui.helpers import find_by_name, spin_until, when_modal
from tests.ui.test_register_wizard import ECR, go_next, open_wizard, pick_group  # noqa: F401 (fixture)

TIMEOUT = 10000


def names(tree: QTreeWidget) -> list[str]:
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def activate(qtbot, tree: QTreeWidget, name: str) -> None:
    """Select the entry called `name` and press Enter on it, as a person would."""
    assert spin_until(lambda: name in names(tree), TIMEOUT), f"{name} not in {names(tree)}"
    tree.setCurrentItem(tree.topLevelItem(names(tree).index(name)))
    qtbot.keyClick(tree, Qt.Key.Key_Return)


def containers_page(qtbot, open_wizard):  # noqa: F811 (fixture)
    wizard = open_wizard()
    pick_group(qtbot, wizard, "fraud-detection")
    go_next(qtbot, wizard)
    return wizard


def test_pick_an_image_tag_from_ecr(qtbot, open_wizard):  # noqa: F811 (fixture)
    wizard = containers_page(qtbot, open_wizard)
    seen = {}

    def pick(dialog) -> None:
        repositories = find_by_name(dialog, QListWidget, "Repositories")
        assert spin_until(lambda: bool(repositories.findItems("fraud-inference", Qt.MatchFlag.MatchExactly)),
                          TIMEOUT)
        seen["repositories"] = sorted(repositories.item(i).text() for i in range(repositories.count()))
        repositories.setCurrentItem(repositories.findItems("fraud-inference", Qt.MatchFlag.MatchExactly)[0])
        tags = find_by_name(dialog, QTreeWidget, "Image tags")
        assert spin_until(lambda: len(names(tags)) == 4, TIMEOUT)
        seen["tags"] = sorted(names(tags))
        tags.setCurrentItem(tags.topLevelItem(names(tags).index("xgboost-1.7-1")))
        find_by_name(dialog, QPushButton, "Use selection").click()

    outcome = when_modal(qtbot, pick)
    qtbot.mouseClick(find_by_name(wizard, QPushButton, "Pick image from ECR"), Qt.MouseButton.LeftButton)
    outcome.check()
    assert seen == {"repositories": ["churn-xgboost", "demand-forecast", "fraud-inference", "lead-scoring",
                                     "support-assistant"],
                    "tags": ["postprocess-1.0", "sklearn-preprocess-1.0-1", "sklearn-preprocess-1.2-1",
                             "xgboost-1.7-1"]}
    assert find_by_name(wizard, QLineEdit, "Image URI").text() == f"{ECR}/fraud-inference:xgboost-1.7-1"


def test_browse_s3_into_a_folder_and_pick_an_object(qtbot, open_wizard):  # noqa: F811 (fixture)
    wizard = containers_page(qtbot, open_wizard)
    seen = {}

    def browse(dialog) -> None:
        bucket = find_by_name(dialog, QComboBox, "Bucket")
        assert spin_until(lambda: bucket.findText(MAIN_BUCKET) >= 0, TIMEOUT)
        bucket.setCurrentText(MAIN_BUCKET)
        entries = find_by_name(dialog, QTreeWidget, "Objects")
        folder = find_by_name(dialog, QLineEdit, "Current folder")
        use = find_by_name(dialog, QPushButton, "Use selection")
        activate(qtbot, entries, "fraud-detection/")
        assert spin_until(lambda: folder.text() == f"s3://{MAIN_BUCKET}/fraud-detection/", TIMEOUT)
        activate(qtbot, entries, "v6/")
        activate(qtbot, entries, "xgboost/")
        assert spin_until(lambda: names(entries) == ["model.tar.gz"], TIMEOUT)
        seen["folder"] = folder.text()
        find_by_name(dialog, QPushButton, "Up one folder").click()
        assert spin_until(lambda: names(entries) == ["evaluation/", "postprocess/", "preprocess/", "xgboost/"], TIMEOUT)
        seen["not a file"] = use.isEnabled()
        activate(qtbot, entries, "xgboost/")
        assert spin_until(lambda: names(entries) == ["model.tar.gz"], TIMEOUT)
        entries.setCurrentItem(entries.topLevelItem(0))
        seen["size"] = entries.topLevelItem(0).text(1)
        use.click()

    outcome = when_modal(qtbot, browse)
    qtbot.mouseClick(find_by_name(wizard, QPushButton, "Browse S3 for model data"), Qt.MouseButton.LeftButton)
    outcome.check()
    assert seen["folder"] == f"s3://{MAIN_BUCKET}/fraud-detection/v6/xgboost/"
    assert seen["not a file"] is False, "a folder is not something to use as model data"
    assert seen["size"].endswith("bytes")
    url = f"s3://{MAIN_BUCKET}/fraud-detection/v6/xgboost/model.tar.gz"
    assert find_by_name(wizard, QLineEdit, "Model data URL").text() == url
    status = wizard.containers_page.editor.model_data_status
    qtbot.waitUntil(lambda: status.text().startswith("Found:"), timeout=TIMEOUT)


def test_the_s3_browser_opens_on_the_object_already_typed(qtbot, open_wizard):  # noqa: F811 (fixture)
    wizard = containers_page(qtbot, open_wizard)
    url = f"s3://{MAIN_BUCKET}/fraud-detection/v6/preprocess/model.tar.gz"
    find_by_name(wizard, QLineEdit, "Model data URL").setText(url)
    seen = {}

    def look(dialog) -> None:
        entries = find_by_name(dialog, QTreeWidget, "Objects")
        assert spin_until(lambda: entries.currentItem() is not None, TIMEOUT)
        seen["folder"] = find_by_name(dialog, QLineEdit, "Current folder").text()
        seen["selected"] = entries.currentItem().text(0)
        seen["usable"] = find_by_name(dialog, QPushButton, "Use selection").isEnabled()
        dialog.reject()

    outcome = when_modal(qtbot, look)
    qtbot.mouseClick(find_by_name(wizard, QPushButton, "Browse S3 for model data"), Qt.MouseButton.LeftButton)
    outcome.check()
    assert seen == {"folder": f"s3://{MAIN_BUCKET}/fraud-detection/v6/preprocess/", "selected": "model.tar.gz",
                    "usable": True}
    assert find_by_name(wizard, QLineEdit, "Model data URL").text() == url, "Cancel changes nothing"

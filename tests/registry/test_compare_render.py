"""The comparison copied as Markdown or plain text: what differs, per section, pasteable as is."""

from __future__ import annotations

from app.registry.versions.compare import Section, compare_versions
from app.registry.versions.compare_render import Words, comparison_markdown, comparison_text, format_delta

from .compare_helpers import image_container, response, snapshot

TITLES = {section: section.value.capitalize() for section in Section}


def _pair():
    left = response(7, [image_container("churn", "1", "scoring", Environment={"FLAGS": "a|b"})],
                    CustomerMetadataProperties={"owner": "ana"})
    right = response(8, [image_container("churn", "2", "scoring", Environment={"FLAGS": "a|b|c"})],
                     CustomerMetadataProperties={"owner": "ana\nand li"})
    return compare_versions(snapshot(left, {"m / auc": 0.91, "m / rmse": 0.3}),
                            snapshot(right, {"m / auc": 0.9223, "m / rmse": 0.3}))


def test_markdown_escapes_pipes_and_line_breaks_in_cells():
    text = comparison_markdown(_pair(), left_title="Version 7", right_title="Version 8", section_titles=TITLES)

    assert "| scoring / Environment / FLAGS | a\\|b | a\\|b\\|c |" in text
    assert "| owner | ana | ana<br>and li |" in text
    assert "| m / auc | 0.91 | 0.9223 | +0.0123 (better) |" in text
    assert "rmse" not in text  # only what differs


def test_markdown_tables_have_one_column_count_per_section():
    text = comparison_markdown(_pair(), left_title="A|B", right_title="Version 8", section_titles=TITLES)
    blocks = text.strip().split("\n\n## ")
    assert len(blocks) == 3  # containers, metadata, metrics: where something differs
    for block in blocks:
        rows = [row.replace("\\|", "") for row in block.splitlines() if row.startswith("|")]
        assert len({row.count("|") for row in rows}) == 1, block


def test_sections_are_titled_and_ordered_by_the_caller_words():
    text = comparison_markdown(_pair(), left_title="7", right_title="8", only_differences=False,
                               section_titles={**TITLES, Section.METRICS: "Métriques"},
                               words=Words(field="Champ", delta="Écart", better="meilleur"))
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Containers", "## Inference", "## Approval", "## Metadata", "## Métriques", "## Source"]
    assert "| Champ | 7 | 8 | Écart |" in text
    assert "+0.0123 (meilleur)" in text
    assert "| m / rmse | 0.3 | 0.3 |  |" in text  # all lines asked for: the same ones too


def test_plain_text_names_each_change_on_one_line():
    text = comparison_text(_pair(), left_title="Version 7", right_title="Version 8", section_titles=TITLES)

    assert text.splitlines()[0] == "Version 7 → Version 8"
    assert "  scoring / Image / Tag: 1 → 2" in text
    assert "  owner: ana → ana ⏎ and li" in text
    assert "  m / auc: 0.91 → 0.9223 (+0.0123, better)" in text
    assert "rmse" not in text


def test_nothing_differs():
    same = compare_versions(snapshot(response(1)), snapshot(response(1)))
    assert comparison_markdown(same, left_title="a", right_title="b", section_titles=TITLES) == "No differences.\n"
    assert comparison_text(same, left_title="a", right_title="b", section_titles=TITLES,
                           words=Words(no_differences="Rien.")).endswith("Rien.\n")


def test_deltas_are_signed():
    assert [format_delta(d) for d in (0.0123, -0.5, 15.0, 1.2e-05, 0.93 - 0.915, 0.0)] == [
        "+0.0123", "-0.5", "+15", "+1.2e-05", "+0.015", "0"]

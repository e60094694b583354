"""Golden files for what people read. Regenerate on purpose: UPDATE_GOLDEN=1 pytest tests/test_golden.py"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from usashoes.cli.app import app

GOLDEN = Path(__file__).parent / "golden"
# Fixed width, no colour, a fixed "today" (stale marks): the same bytes on every machine and every day.
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "USASHOES_TODAY": "2026-11-28"}

# Fixture catalogs, so catalog data changes never move these files. small.yaml's entries are
# copied verbatim from the bundled catalog: the show and compare files are what it prints too.
SMALL = str(Path(__file__).parent / "fixtures" / "small.yaml")
RECOMMEND = str(Path(__file__).parent / "fixtures" / "recommend.yaml")


LIST_WIDTHS = (60, 80, 100, 120, 160)


def small(*args: str) -> list[str]:
    return ["--catalog", SMALL, *args]


def recommend(*needs: str) -> list[str]:
    return ["--catalog", RECOMMEND, "recommend", "--activity", "running", "--support", "neutral", *needs]


CASES = {
    "explain_check_your_pair_table.txt": ["explain", "check-your-pair", "--format", "table"],
    "list_made_in_usa_fixture_table.txt": small("list", "--origin", "made-in-usa", "--format", "table"),
    "compare_990v5_993_1540v3_table.txt": small("compare", "990v5", "993", "1540v3", "--format", "table"),
    "show_990v5.json": small("show", "990v5", "--json"),
    "compare_990v5_1540v3.json": small("compare", "990v5", "1540v3", "--json"),
    "recommend_fixture_table.txt": recommend("--max-price", "200", "--format", "table"),
    "recommend_fixture_80_table.txt": recommend("--max-price", "200", "--format", "table"),
    "recommend_fixture.json": recommend("--max-price", "200", "--max-weight", "13oz", "--json"),
    # The list at the common widths (cards, the compact table, the fuller ones), the columns a
    # filter and a sort add, and show and compare where a long id must not split.
    **{f"list_all_{columns}_table.txt": small("list", "--all", "--format", "table") for columns in LIST_WIDTHS},
    "list_width_drop_80_table.txt": small(
        "list", "--all", "--width", "4E", "--max-drop", "12", "--sort", "drop", "--format", "table"
    ),
    "show_hierro_60_table.txt": small("show", "nb-fresh-foam-hierro-v5", "--format", "table"),
    "compare_990v5_hierro_60_table.txt": small("compare", "990v5", "nb-fresh-foam-hierro-v5", "--format", "table"),
}
# The terminal width of the cases not drawn at ENV's 100 columns.
COLUMNS = {
    **{f"list_all_{columns}_table.txt": columns for columns in LIST_WIDTHS},
    "list_width_drop_80_table.txt": 80,
    "recommend_fixture_80_table.txt": 80,
    "show_hierro_60_table.txt": 60,
    "compare_990v5_hierro_60_table.txt": 60,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_golden_file(name: str) -> None:
    """What a reader sees only changes when someone means it to."""
    result = CliRunner().invoke(app, CASES[name], env={**ENV, "COLUMNS": str(COLUMNS.get(name, 100))})
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
        RICH_VERSION_FILE.write_text(_rich_version() + "\n", encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    if name.endswith("_table.txt") and _rich_version() != RICH_VERSION_FILE.read_text(encoding="utf-8").strip():
        # Another Rich shares a table's spare width out differently, so lines break elsewhere.
        # A table may even pick another layout (cards, fewer columns). What a reader relies on
        # still holds: every model is there, and no line is wider than the screen except a URL
        # longer than the line, kept whole on its own line so it can be copied.
        width = COLUMNS.get(name, 100)
        ids = {word for word in expected.split() if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", word)}
        assert ids <= set(result.stdout.split()), f"{name}: lost {sorted(ids - set(result.stdout.split()))}"
        too_wide = [line for line in result.stdout.splitlines() if len(line) > width]
        assert all(re.fullmatch(r"https?://\S+", line.strip()) for line in too_wide), too_wide
        return
    assert result.stdout == expected, f"{name} changed; UPDATE_GOLDEN=1 if intended"


RICH_VERSION_FILE = GOLDEN / "RICH_VERSION"  # the Rich the table files were written with


def _rich_version() -> str:
    from importlib.metadata import version

    return version("rich")

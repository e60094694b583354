"""Golden files for what people read. Regenerate on purpose: UPDATE_GOLDEN=1 pytest tests/test_golden.py"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from usashoes.cli import app

GOLDEN = Path(__file__).parent / "golden"
# Fixed width, no colour, a fixed "today" (stale marks): the same bytes on every machine and every day.
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "USASHOES_TODAY": "2026-11-28"}

# Fixture catalogs, so catalog data changes never move these files. small.yaml's entries are
# copied verbatim from the bundled catalog: the show and compare files are what it prints too.
SMALL = str(Path(__file__).parent / "fixtures" / "small.yaml")
RECOMMEND = str(Path(__file__).parent / "fixtures" / "recommend.yaml")


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
    "recommend_fixture.json": recommend("--max-price", "200", "--max-weight", "13oz", "--json"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_golden_file(name: str) -> None:
    """What a reader sees only changes when someone means it to."""
    result = CliRunner().invoke(app, CASES[name], env=ENV)
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8"), f"{name} changed; UPDATE_GOLDEN=1 if intended"

"""Tables fit the terminal: no line wider than it, no id or word split, and empty results say why."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from usashoes.cli.app import app
from usashoes.errors import ExitCode

SMALL = Path(__file__).parent / "fixtures" / "small.yaml"
ENV = {"NO_COLOR": "1", "TERM": "dumb", "USASHOES_TODAY": "2026-11-28"}
URL = re.compile(r"https?://\S+")


def table(*args: str, columns: int, catalog: Path = SMALL) -> str:
    result = CliRunner().invoke(
        app, ["--catalog", str(catalog), *args, "--format", "table"], env={**ENV, "COLUMNS": str(columns)}
    )
    assert result.exit_code == ExitCode.OK, result.stderr
    return result.stdout


def too_wide(text: str, columns: int) -> list[str]:
    """The lines wider than the terminal, but for a URL alone on its line that is itself wider:
    it stays whole (one link to click and copy) and the terminal wraps it softly."""
    return [line for line in text.splitlines() if len(line) > columns and not URL.fullmatch(line.strip())]


COMMANDS = {
    "list": ["list", "--all"],
    "list-filtered": ["list", "--all", "--width", "4E", "--max-drop", "12", "--sort", "drop"],
    "search": ["search", "990"],
    "show": ["show", "990v5"],
    "show-long-id": ["show", "nb-fresh-foam-hierro-v5"],
    "compare": ["compare", "990v5", "993", "nb-fresh-foam-hierro-v5"],
    "catalog-info": ["catalog", "info"],
    "explain": ["explain"],
}


@given(columns=st.integers(min_value=30, max_value=300), command=st.sampled_from(sorted(COMMANDS)))
@example(columns=60, command="compare")  # drawn 64 columns wide before the widths were measured
@example(columns=120, command="list")  # drawn 127 columns wide
def test_no_line_is_wider_than_the_terminal(columns: int, command: str) -> None:
    out = table(*COMMANDS[command], columns=columns)
    assert out.strip()
    assert too_wide(out, columns) == []


@pytest.mark.parametrize("columns", [30, 40, 60, 80, 100, 120, 160, 300])
def test_every_id_and_value_word_shows_whole_in_the_list(columns: int) -> None:
    """No word is split: every id, and every word of every origin and price, is a whole word of the output."""
    out = table("list", "--all", columns=columns)
    words = set(out.split())
    for word in ("nb-fresh-foam-hierro-v5", "brooks-adrenaline-gts-23", "assembled-in-usa", "$164.95"):
        assert word in words, (columns, word)


@pytest.mark.parametrize(("columns", "layout"), [(60, "cards"), (80, "compact"), (100, "compact"), (200, "full")])
def test_the_list_is_a_compact_table_from_80_columns_and_cards_below(columns: int, layout: str) -> None:
    out = table("list", "--all", columns=columns)
    first = out.splitlines()[0].split()
    if layout == "cards":
        assert first[0] == "ID" and first[1] == "adidas-am4ldn"  # a card: field, value
    else:
        assert first[:1] == (["Model"] if layout == "full" else ["ID"]) and "MSRP" in first
        assert ("Activities" in first) == (layout == "full")


def test_the_sort_and_filters_in_use_add_their_columns() -> None:
    """`list --width 4E --max-drop 8 --sort drop` shows the widths and the drop it chose by."""
    out = table("list", "--all", "--width", "4E", "--max-drop", "12", "--sort", "drop", columns=100)
    assert {"Drop", "Widths"} <= set(out.splitlines()[0].split())
    assert "8 mm" in out and "4E" in out
    assert "Drop" not in table("list", "--all", columns=100).splitlines()[0]


def test_default_order_is_brand_then_name() -> None:
    out = table("list", "--all", columns=160)
    rows = [line.split()[0] for line in out.splitlines()[2:] if line and not line.startswith(" ")]
    brands = [row for row in rows if row in ("adidas", "ASICS", "Brooks", "Carson", "New", "SOM", "Softstar")]
    assert brands == sorted(brands, key=lambda brand: brand.lower()) and len(set(brands)) >= 5


LONG_ID = "nb-990v5-made-in-usa-grey-pigskin-mesh-2019"


@pytest.fixture
def long_id_catalog(tmp_path: Path) -> Path:
    """small.yaml with nb-990v5 (and every reference to it) renamed to a 43-character id."""
    long_id = LONG_ID
    assert len(long_id) == 43
    path = tmp_path / "long.yaml"
    path.write_text(SMALL.read_text(encoding="utf-8").replace('"nb-990v5"', f'"{long_id}"'), encoding="utf-8")
    return path


@pytest.mark.parametrize("columns", [50, 60, 80])
@pytest.mark.parametrize(
    "args", [["show", "990v5"], ["compare", "990v5", "993"], ["compare", "990v5", "993", "1540v3"]]
)
def test_a_43_character_id_is_never_split(long_id_catalog: Path, args: list[str], columns: int) -> None:
    """At 60 columns show and compare split a 43-character id; now the layout gives way instead."""
    out = table(*args, columns=columns, catalog=long_id_catalog)
    assert LONG_ID in out.split()
    assert too_wide(out, columns) == []


# --- empty results say why ------------------------------------------------------------------
def empty(*args: str) -> str:
    result = CliRunner().invoke(app, ["--catalog", str(SMALL), *args, "--format", "table"], env=ENV)
    assert result.exit_code == ExitCode.OK and result.stdout == ""
    return result.stderr


def test_models_hidden_by_a_default_are_named_with_the_flag_that_shows_them() -> None:
    """`list --brand brooks` blamed --brand, while the Brooks model exists, imported and hidden without --all."""
    message = empty("list", "--brand", "brooks")
    assert "--brand" not in message
    assert "1 imported model matches" in message and "--all" in message
    assert "brooks-adrenaline-gts-23" in table("list", "--brand", "brooks", "--all", columns=100)


def test_a_filter_that_matches_nothing_anywhere_is_named() -> None:
    message = empty("list", "--brand", "brooks", "--max-price", "10")
    assert "--max-price removed the most" in message and "--all" not in message

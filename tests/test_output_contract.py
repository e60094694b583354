"""The output contract: every result type renders through every format it declares.

The result types and their formats come from the output registry (output.results.FORMATS), the
writers from output.render.WRITERS: a new result type or format is covered here without a new
test, and a result type without a sample command fails until it gets one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from usashoes.cli.app import app
from usashoes.output.render import WRITERS
from usashoes.output.results import FORMATS, Format

# Fixture catalogs (entries copied from catalog.yaml in small.yaml), so catalog edits never move these.
SMALL = str(Path(__file__).parent / "fixtures" / "small.yaml")
FIXTURE = str(Path(__file__).parent / "fixtures" / "recommend.yaml")
ENV = {
    "COLUMNS": "100",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "USASHOES_TODAY": "2026-11-28",
    "USASHOES_NO_PAGER": "1",
    "USASHOES_CATALOG": SMALL,
}

# One command whose result is each type.
SAMPLES = {
    "ShoeList": ["list", "--origin", "made-in-usa"],
    "ShoeDetail": ["show", "990v5"],
    "Comparison": ["compare", "990v5", "993"],
    "Recommendation": ["--catalog", FIXTURE, "recommend", "--activity", "running"],
    "CatalogInfo": ["catalog", "info"],
    "ValidationReport": ["catalog", "validate"],
    "RulesOverview": ["explain"],
    "RuleDetail": ["explain", "ftc"],
    "ModelExplanation": ["explain", "--model", "990v5"],
    "LabelExplanation": ["explain", "--label", "Made in USA of imported materials"],
}

CASES = [(kind, chosen) for kind, formats in sorted(FORMATS.items()) for chosen in formats]


def test_every_result_type_has_a_sample_and_every_format_a_writer() -> None:
    assert set(SAMPLES) == set(FORMATS)
    assert set(WRITERS) == {f.value for f in Format}
    assert all(set(formats) <= set(WRITERS) for formats in FORMATS.values())


@pytest.mark.parametrize(("kind", "chosen"), CASES)
def test_result_renders_in_each_declared_format(kind: str, chosen: str) -> None:
    result = CliRunner().invoke(app, [*SAMPLES[kind], "--format", chosen], env=ENV)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stdout.strip(), f"{kind} as {chosen} wrote nothing"
    if chosen == "json":
        json.loads(result.stdout)
    elif chosen == "jsonl":
        assert all(json.loads(line) for line in result.stdout.splitlines())


def test_each_formats_type_table_covers_exactly_the_types_that_declare_it() -> None:
    from usashoes.output import data, lines, markdown, table

    tables = {"json": data.JSON_DOCUMENTS, "lines": lines.LINES, "table": table.BUILDERS, "markdown": markdown.MARKDOWN}
    for chosen, by_type in tables.items():
        assert set(by_type) == {kind for kind, formats in FORMATS.items() if chosen in formats}, chosen


@pytest.mark.parametrize("limit", ["1", "2", "3"])
def test_list_json_is_one_array_of_exactly_the_models_asked_for(limit: str) -> None:
    result = CliRunner().invoke(app, ["list", "--json", "--all", "--limit", limit])
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert isinstance(records, list) and len(records) == int(limit)
    assert result.stdout.startswith("[\n{") and result.stdout.endswith("}\n]\n")


def test_a_long_output_is_written_whole_with_one_byte_order_mark(tmp_path: Path) -> None:
    from usashoes.output import render

    text = "é" * (render._SLICE + 7) + "\n"  # more than one slice
    path = tmp_path / "out.txt"
    with open(path, "w", encoding="utf-16") as out:
        render.write_text(text, out)
    data = path.read_bytes()
    assert data.count(b"\xff\xfe") == 1 and data.decode("utf-16") == text

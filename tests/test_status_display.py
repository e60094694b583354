"""What show, compare and catalog say about whether a model can be bought now.

An older model says what superseded it; availability shows with the date of its evidence; and
neither status nor availability says "current" or "sold" without dated evidence.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from usashoes.cli.app import app
from usashoes.errors import ExitCode

SMALL = Path(__file__).parent / "fixtures" / "small.yaml"
TODAY = {"USASHOES_TODAY": "2026-11-28"}
runner = CliRunner()

CATALOG = """\
schema_version: 1
models:
  - id: "x-old"
    brand: "X"
    name: "Runner One"
    status: "discontinued"
    status_as_of: "2020"
    successor: "x-new"
    availability: "resale-only"
    availability_as_of: "2021-03"
    confidence: "low"
    sources: ["https://example.org/old"]
    field_sources:
      availability: ["https://example.org/old-resale"]
  - id: "x-new"
    brand: "X"
    name: "Runner Two"
    status: "current"
    status_as_of: "2026-02"
    availability: "retail"
    availability_as_of: "2026-02"
    predecessor: "x-old"
    confidence: "low"
    sources: ["https://example.org/new"]
    field_sources:
      availability: ["https://example.org/new-shop"]
  - id: "x-undated"
    brand: "X"
    name: "Runner Three"
    status: "current"
    availability: "retail"
    confidence: "low"
    sources: ["https://example.org/three"]
    field_sources:
      availability: ["https://example.org/three"]
"""


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    path = tmp_path / "catalog.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    return path


def run(*args: str, code: ExitCode = ExitCode.OK):
    result = runner.invoke(app, list(args), env=TODAY)
    assert result.exit_code == code, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert "Traceback" not in result.stderr
    return result


def show_fields(catalog: Path, model: str) -> dict[str, str]:
    out = run("--catalog", str(catalog), "show", model, "--format", "lines").stdout
    return dict(line.split("\t", 1) for line in out.splitlines() if not line.startswith(("note", "source")))


def test_show_says_an_older_model_is_superseded(catalog: Path) -> None:
    assert show_fields(catalog, "x-old")["status"] == "discontinued (as of 2020, stale); superseded by x-new"
    assert show_fields(catalog, "x-new")["status"] == "current (as of 2026-02)"


def test_show_gives_availability_with_its_date_and_source(catalog: Path) -> None:
    assert show_fields(catalog, "x-old")["availability"] == "resale only: no new pairs (as of 2021-03, stale)"
    assert show_fields(catalog, "x-new")["availability"] == "sold new at retail (as of 2026-02)"
    out = run("--catalog", str(catalog), "show", "x-new", "--format", "lines").stdout
    assert "source\thttps://example.org/new-shop (availability)" in out.splitlines()


def test_an_undated_current_status_or_retail_availability_is_shown_as_unknown(catalog: Path) -> None:
    fields = show_fields(catalog, "x-undated")
    assert fields["status"].startswith("unknown") and "no dated evidence" in fields["status"]
    assert fields["availability"].startswith("unknown") and "no dated evidence" in fields["availability"]


def test_compare_has_superseded_and_availability_rows(catalog: Path) -> None:
    doc = json.loads(run("--catalog", str(catalog), "compare", "x-old", "x-new", "--json").stdout)
    rows = {row["field"]: row for row in doc["rows"]}
    assert rows["successor"]["label"] == "Superseded by"
    assert rows["successor"]["values"] == {"x-old": "x-new", "x-new": None}
    assert rows["availability"]["values"] == {"x-old": "resale-only", "x-new": "retail"}
    lines = run("--catalog", str(catalog), "compare", "x-old", "x-undated", "--format", "lines").stdout.splitlines()
    assert "successor\tx-new\t—" in lines
    assert (
        "availability\tresale only: no new pairs (as of 2021-03, stale)\tunknown (sold at retail, but no dated evidence)"
        in lines
    )


def test_show_on_the_bundled_fixture_says_the_990v5_is_superseded() -> None:
    out = run("--catalog", str(SMALL), "show", "990v5", "--format", "lines").stdout
    assert "status\tunknown (as of 2022-10, stale); superseded by nb-990v6" in out.splitlines()


def test_validate_warns_about_an_undated_current_status_and_retail_availability(catalog: Path) -> None:
    result = run("catalog", "validate", str(catalog))
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 2, result.stderr
    assert all(line.startswith(f"{catalog}:") and "'x-undated'" in line for line in warnings)
    assert any("status_as_of" in line for line in warnings) and any("availability_as_of" in line for line in warnings)


def test_catalog_info_counts_only_known_availability(catalog: Path) -> None:
    doc = json.loads(run("--catalog", str(catalog), "catalog", "info", "--json").stdout)
    assert doc["coverage"]["availability"] == 3 and doc["coverage"]["availability_as_of"] == 2
    doc = json.loads(run("--catalog", str(SMALL), "catalog", "info", "--json").stdout)
    assert doc["coverage"]["availability"] == 0  # 'unknown' is the default, not a known value

"""Hostile data and settings, round 3: impossible dates, successor cycles, odd numbers, a far-off today.

Each case is a value that used to validate or print something misleading (or crash); now it is a
located validation error, or shown as what it is.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from usashoes import freshness
from usashoes.cli.app import app
from usashoes.errors import ExitCode

runner = CliRunner()

pytestmark = pytest.mark.usefixtures("small_catalog")

BASE = """\
schema_version: 1
models:
  - id: "acme-one"
    brand: "Acme"
    name: "One"
    confidence: "high"
    sources: ["https://example.com/one"]
"""  # valid; a case adds lines from line 8 on


def invoke(*args: str, env: dict[str, str] | None = None):
    result = runner.invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{result.exception!r}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    )
    assert "Traceback" not in result.stderr and "Internal error" not in result.stderr, result.stderr
    return result


def write(tmp_path: Path, text: str, name: str = "catalog.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def problems_at(tmp_path: Path, text: str, line: int) -> list[str]:
    path = write(tmp_path, text)
    result = invoke("catalog", "validate", path)
    assert result.exit_code == ExitCode.CATALOG_INVALID, result.stdout + result.stderr
    assert result.stdout == ""
    assert all(re.match(rf"{re.escape(path)}:\d+:\d+: ", p) for p in result.stderr.splitlines()), result.stderr
    return [p for p in result.stderr.splitlines() if p.startswith(f"{path}:{line}:")]


# --- dates --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "fragments"),
    [
        ("2019-02-30", ["'2019-02-30'", "does not exist", "2019-02 has 28 days"]),
        ("2023-02-29", ["'2023-02-29'", "2023-02 has 28 days"]),
        ("2026-04-31", ["'2026-04-31'", "2026-04 has 30 days"]),
        ("0000", ["'0000'", "from 1900 to 2100"]),
        ("0000-01-01", ["'0000-01-01'", "from 1900 to 2100"]),
        ("9999-12", ["'9999-12'", "from 1900 to 2100"]),
        ("\u0662\u0660\u0661\u0669", ["YYYY, YYYY-MM or YYYY-MM-DD"]),  # Arabic-Indic digits
    ],
)
@pytest.mark.parametrize("field", ["status_as_of", "availability_as_of"])
def test_an_impossible_date_is_a_located_error(tmp_path: Path, field: str, value: str, fragments: list[str]) -> None:
    at_line = problems_at(tmp_path, BASE + f'    {field}: "{value}"\n', 8)
    assert any(all(f in p for f in [f"'{field}'", *fragments]) for p in at_line), at_line


@pytest.mark.parametrize("value", ["2024-02-29", "1900", "2100-12-31", "2026-11"])
def test_real_dates_still_validate(tmp_path: Path, value: str) -> None:
    result = invoke("catalog", "validate", write(tmp_path, BASE + f'    status_as_of: "{value}"\n'))
    assert result.exit_code == ExitCode.OK, result.stderr


@pytest.mark.parametrize("as_of", ["2019-02-30", "0000", "2026-13"])
def test_a_date_that_names_no_day_is_never_fresh(as_of: str) -> None:
    """Ranking puts fresh status dates first: a date that names no real day must not count as fresh."""
    assert freshness.is_stale(as_of, date(2026, 12, 1)) is True


@pytest.mark.parametrize("today", ["0001-01-01", "0002-12-31", "0003-02-28"])
@pytest.mark.parametrize(
    "args",
    [
        ["list", "--all"],
        ["list", "--all", "--format", "markdown"],
        ["show", "990v4"],
        ["compare", "990v4", "990v5"],
        ["recommend"],
        ["catalog", "info"],
    ],
    ids=lambda args: " ".join(args),
)
def test_a_today_in_year_one_or_two_does_not_crash(args: list[str], today: str) -> None:
    result = invoke(*args, env={"USASHOES_TODAY": today})
    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stdout


# --- successor cycles ---------------------------------------------------------------------------
def _chain(*links: tuple[str, str, str]) -> str:
    """Models acme-a.. with (id, field, target) links, one model per line from line 3."""
    ids = sorted({model for link in links for model in (link[0], link[2])})
    lines = []
    for model in ids:
        more = "".join(f", {field}: {target}" for source, field, target in links if source == model)
        lines.append(
            f"  - {{id: {model}, brand: Acme, name: {model}{more}, confidence: low, sources: [https://e.com/x]}}\n"
        )
    return "schema_version: 1\nmodels:\n" + "".join(lines)


@pytest.mark.parametrize(
    ("links", "line", "shown"),
    [
        ((("acme-a", "successor", "acme-b"), ("acme-b", "successor", "acme-a")), 3, "'acme-a' -> 'acme-b' -> 'acme-a'"),
        (
            (("acme-a", "successor", "acme-b"), ("acme-b", "successor", "acme-c"), ("acme-c", "successor", "acme-a")),
            3,
            "'acme-a' -> 'acme-b' -> 'acme-c' -> 'acme-a'",
        ),
        (
            (("acme-a", "successor", "acme-b"), ("acme-b", "successor", "acme-c"), ("acme-c", "successor", "acme-b")),
            4,
            "'acme-b' -> 'acme-c' -> 'acme-b'",
        ),
        (
            (("acme-a", "predecessor", "acme-b"), ("acme-b", "predecessor", "acme-a")),
            3,
            "'acme-a' -> 'acme-b' -> 'acme-a'",
        ),
    ],
)
def test_a_successor_cycle_is_a_located_error(tmp_path: Path, links: tuple, line: int, shown: str) -> None:
    field = links[0][1]
    at_line = problems_at(tmp_path, _chain(*links), line)
    assert any(f"'{field}' forms a cycle ({shown})" in p for p in at_line), at_line


def test_a_cycle_made_by_an_overlay_is_located_in_the_overlay(tmp_path: Path) -> None:
    base = write(tmp_path, _chain(("acme-a", "successor", "acme-b")))
    patch = write(tmp_path, "schema_version: 1\nmodels:\n  - {id: acme-b, successor: acme-a}\n", "mine.yaml")
    assert invoke("--catalog", base, "list", "--all").exit_code == ExitCode.OK
    result = invoke("--catalog", base, "--add-catalog", patch, "list", "--all")
    assert result.exit_code == ExitCode.CATALOG_INVALID
    assert result.stdout == ""
    # The overlay's link closed the cycle: that is where it is reported.
    assert result.stderr.startswith(f"{patch}:3:") and "forms a cycle" in result.stderr, result.stderr


# --- numbers that must not round into another claim ---------------------------------------------
CLAIMS = BASE.replace(
    '    confidence: "high"\n',
    '    origin: "made-in-usa"\n    label: "Made in USA"\n    domestic_content_min_pct: 99.99999\n'
    '    drop_mm: -0.0\n    confidence: "high"\n',
)


@pytest.mark.parametrize(
    "args",
    [
        ["show", "acme-one", "--format", "lines"],
        ["show", "acme-one", "--format", "markdown"],
        ["explain", "--model", "acme-one"],
        ["list", "--format", "markdown"],
        ["list", "--format", "lines"],
    ],
    ids=lambda args: " ".join(args),
)
def test_a_claimed_minimum_is_never_rounded_up_and_a_zero_drop_has_no_sign(tmp_path: Path, args: list[str]) -> None:
    result = invoke("--catalog", write(tmp_path, CLAIMS), *args)
    assert result.exit_code == ExitCode.OK, result.stderr
    out = result.stdout
    assert "100%" not in out and "-0" not in out and "e-0" not in out, out
    if "explain" in args or "show" in args:
        assert "99.99999%" in out, out
    if "explain" in args:
        assert "up to 0.00001% may be foreign" in out, out


def test_a_negative_zero_drop_is_zero_in_json(tmp_path: Path) -> None:
    result = invoke("--catalog", write(tmp_path, CLAIMS), "show", "acme-one", "--json")
    assert '"drop_mm": 0.0' in result.stdout and '"domestic_content_min_pct": 99.99999' in result.stdout


# --- bounded input ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["list", "--max-price"],
        ["list", "--min-price"],
        ["list", "--max-weight"],
        ["list", "--min-drop"],
        ["search", "990", "--max-price"],
        ["recommend", "--max-price"],
        ["recommend", "--max-weight"],
        ["recommend", "--max-drop"],
    ],
    ids=lambda args: " ".join(args),
)
def test_a_400_digit_limit_is_refused_not_infinite(args: list[str]) -> None:
    result = invoke(*args, "9" * 400)
    assert result.exit_code == ExitCode.USAGE, result.stdout
    assert result.stdout == "" and "inf" not in result.stderr
    assert "too large" in result.stderr and "1,000,000" in result.stderr and len(result.stderr) < 400, result.stderr


@pytest.mark.parametrize("command", [["list"], ["filter"], ["search", "990"]])
def test_a_huge_brand_is_a_short_usage_error(command: list[str]) -> None:
    result = invoke(*command, "--brand", "b" * 120_000)
    assert result.exit_code == ExitCode.USAGE, result.stdout
    assert result.stdout == "" and "'--brand'" in result.stderr and "at most 100" in result.stderr
    assert len(result.stderr) < 400, result.stderr[:400]


def test_a_long_brand_prefix_still_matches() -> None:
    result = invoke("list", "--brand", "New Balance", "--json")
    assert result.exit_code == ExitCode.OK and '"nb-990v5"' in result.stdout


def test_explain_echoes_only_a_prefix_of_a_huge_topic() -> None:
    result = invoke("explain", "x" * 110_000)
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stdout == "" and "…" in result.stderr and len(result.stderr) < 600, len(result.stderr)

"""--add-catalog overlays: your own models and corrections layered over the catalog in use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from usashoes.cli.app import app
from usashoes.errors import ExitCode

runner = CliRunner()

# Where a test names no --catalog (the overlay then layers over the catalog in use), that is
# tests/fixtures/small.yaml, through $USASHOES_CATALOG: catalog edits do not move these tests.
pytestmark = pytest.mark.usefixtures("small_catalog")

BASE = """\
schema_version: 1
models:
  - id: acme-zoom
    brand: Acme
    name: Zoom
    origin: made-in-usa
    msrp: {usd: 150, year: 2024}
    weight: {value: 10.0, unit: oz}
    confidence: high
    sources: [https://example.com/zoom]
"""

NEW_MODEL = """\
schema_version: 1
models:
  - id: mine-trail
    brand: Mine
    name: Trail
    confidence: low
    sources: [https://example.com/mine]
"""


def price(usd: int) -> str:
    return f"schema_version: 1\nmodels:\n  - {{id: acme-zoom, msrp: {{usd: {usd}, year: 2026}}}}\n"


def run(*args: str, env: dict[str, str] | None = None, code: ExitCode = ExitCode.OK):
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == code, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert "Traceback" not in result.stderr
    return result


def write(directory: Path, name: str, text: str) -> str:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def show_json(*args: str, env: dict[str, str] | None = None) -> dict:
    return json.loads(run(*args, "show", "acme-zoom", "--json", env=env).stdout)


def test_an_overlay_adds_a_model(tmp_path: Path) -> None:
    base, mine = write(tmp_path, "base.yaml", BASE), write(tmp_path, "mine.yaml", NEW_MODEL)
    listed = json.loads(run("--catalog", base, "--add-catalog", mine, "list", "--json").stdout)
    ids = [record["id"] for record in listed]
    assert sorted(ids) == ["acme-zoom", "mine-trail"]
    shown = run("--catalog", base, "--add-catalog", mine, "show", "mine-trail", "--format", "lines").stdout
    assert f"overlay\tadded by {mine}" in shown


def test_an_overlay_patches_one_field_and_keeps_the_others(tmp_path: Path) -> None:
    base, patch = write(tmp_path, "base.yaml", BASE), write(tmp_path, "price.yaml", price(175))
    before = show_json("--catalog", base)
    after = show_json("--catalog", base, "--add-catalog", patch)
    assert (after["msrp_usd"], after["msrp_year"]) == (175, 2026)
    assert after["overlay_fields"] == {"msrp": patch}
    unchanged = {key: value for key, value in after.items() if key not in ("msrp_usd", "msrp_year", "overlay_fields")}
    assert unchanged == {key: value for key, value in before.items() if key not in ("msrp_usd", "msrp_year")}
    assert "overlay_fields" not in before
    lines = run("--catalog", base, "--add-catalog", patch, "show", "acme-zoom", "--format", "lines").stdout
    assert f"overlay\tmsrp from {patch}" in lines.splitlines()
    assert Path(base).read_text(encoding="utf-8") == BASE  # nothing is ever written to the catalog


def test_a_bad_value_is_located_in_the_overlay(tmp_path: Path) -> None:
    base = write(tmp_path, "base.yaml", BASE)
    bad = write(tmp_path, "bad.yaml", price(99999))
    result = run("--catalog", base, "--add-catalog", bad, "list", code=ExitCode.CATALOG_INVALID)
    assert result.stderr.strip().splitlines() == [
        f"{bad}:3:33: model 'acme-zoom': field 'msrp.usd' is 99999; expected between 1 and 2000 US dollars"
    ]


def test_an_unknown_id_without_required_fields_is_a_located_error(tmp_path: Path) -> None:
    base = write(tmp_path, "base.yaml", BASE)
    typo = write(tmp_path, "typo.yaml", "schema_version: 1\nmodels:\n  - {id: acme-zom, msrp: {usd: 90, year: 2026}}\n")
    result = run("--catalog", base, "--add-catalog", typo, "show", "acme-zoom", code=ExitCode.CATALOG_INVALID)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{typo}:3:5: no model 'acme-zom' to patch")
    assert "'acme-zoom'" in lines[0] and "'brand'" in lines[0]


def test_the_environment_variable_and_the_option_layer_in_order(tmp_path: Path) -> None:
    base = write(tmp_path, "base.yaml", BASE)
    first, second, third = (write(tmp_path, f"p{usd}.yaml", price(usd)) for usd in (160, 170, 180))
    assert show_json("--catalog", base, env={"USASHOES_ADD_CATALOG": first})["msrp_usd"] == 160
    both = os.pathsep.join([first, second])
    assert show_json("--catalog", base, env={"USASHOES_ADD_CATALOG": both})["msrp_usd"] == 170
    assert show_json("--catalog", base, "--add-catalog", second, "--add-catalog", first)["msrp_usd"] == 160
    # --add-catalog files come after the variable's, so they win.
    assert show_json("--catalog", base, "--add-catalog", third, env={"USASHOES_ADD_CATALOG": both})["msrp_usd"] == 180


def test_validate_an_overlay_on_its_own(tmp_path: Path) -> None:
    patch = write(tmp_path, "price.yaml", price(175))
    assert run("catalog", "validate", "--overlay", patch).stdout.strip() == f"{patch}: valid overlay (1 entry)"
    # As a whole catalog it lacks the required fields.
    run("catalog", "validate", patch, code=ExitCode.CATALOG_INVALID)
    bad = write(tmp_path, "bad.yaml", price(99999))
    result = run("catalog", "validate", "--overlay", bad, code=ExitCode.CATALOG_INVALID)
    assert result.stderr.startswith(f"{bad}:3:33: ")
    report = json.loads(run("catalog", "validate", "--overlay", patch, "--json").stdout)
    assert report["valid"] and report["overlay"] and report["models"] == 1


def test_validate_without_a_path_checks_the_merged_catalog(tmp_path: Path) -> None:
    base, bad = write(tmp_path, "base.yaml", BASE), write(tmp_path, "bad.yaml", price(99999))
    result = run("--catalog", base, "--add-catalog", bad, "catalog", "validate", code=ExitCode.CATALOG_INVALID)
    assert result.stderr.startswith(f"{bad}:3:33: ")


def test_the_cache_is_not_stale_after_an_overlay_changes(tmp_path: Path) -> None:
    base, patch = write(tmp_path, "base.yaml", BASE), write(tmp_path, "price.yaml", price(175))
    assert show_json("--catalog", base, "--add-catalog", patch)["msrp_usd"] == 175
    assert show_json("--catalog", base, "--add-catalog", patch)["msrp_usd"] == 175  # from the cache
    Path(patch).write_text(price(185), encoding="utf-8")  # same size, written within the same second
    assert show_json("--catalog", base, "--add-catalog", patch)["msrp_usd"] == 185
    assert show_json("--catalog", base)["msrp_usd"] == 150  # the plain catalog has its own entry


def test_an_empty_add_catalog_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run("--add-catalog", "", "list", code=ExitCode.USAGE)
    assert "--add-catalog" in result.stderr


def test_completion_offers_overlay_models(tmp_path: Path) -> None:
    mine = write(tmp_path, "mine.yaml", NEW_MODEL)
    done = subprocess.run(
        [sys.executable, "-m", "usashoes"],
        capture_output=True,
        text=True,
        check=False,
        env={
            **os.environ,
            "USASHOES_ADD_CATALOG": mine,
            "_USASHOES_COMPLETE": "complete_bash",
            "COMP_WORDS": "usashoes show mine-",
            "COMP_CWORD": "2",
        },
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["mine-trail"]


SOURCED = BASE.replace(
    "    sources: [https://example.com/zoom]\n",
    "    sources: [https://example.com/zoom]\n"
    "    field_sources: {msrp: [https://example.com/price-page], weight: [https://example.com/scale]}\n",
)


def test_an_overlaid_value_does_not_keep_the_catalogs_sources(tmp_path: Path) -> None:
    # A user's $175 must not be cited to the page behind the catalog's $150.
    base, patch = write(tmp_path, "base.yaml", SOURCED), write(tmp_path, "price.yaml", price(175))
    before = show_json("--catalog", base)
    assert before["field_sources"]["msrp"] == ["https://example.com/price-page"]
    after = show_json("--catalog", base, "--add-catalog", patch)
    assert after["msrp_usd"] == 175
    assert "msrp" not in after["field_sources"]
    assert after["field_sources"]["weight"] == ["https://example.com/scale"]  # not overlaid: kept
    shown = run("--catalog", base, "--add-catalog", patch, "show", "acme-zoom", "--format", "lines").stdout
    assert "price-page" not in shown


def test_an_overlay_can_give_sources_for_the_values_it_sets(tmp_path: Path) -> None:
    base = write(tmp_path, "base.yaml", SOURCED)
    patch = write(
        tmp_path,
        "price.yaml",
        price(175).rstrip("}\n") + "}, field_sources: {msrp: [https://example.com/my-receipt]}}\n",
    )
    after = show_json("--catalog", base, "--add-catalog", patch)
    assert after["field_sources"] == {
        "weight": ["https://example.com/scale"],
        "msrp": ["https://example.com/my-receipt"],
    }

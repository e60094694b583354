"""Every command and option, driven as a user would through CliRunner."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from usashoes import __version__
from usashoes.cli.app import app
from usashoes.errors import ExitCode
from usashoes.models import GRAMS_PER_OUNCE
from usashoes.records import RECORD_FIELDS

runner = CliRunner()

# The tests run on a small fixture catalog (entries copied from catalog.yaml), so catalog edits
# do not move them; the few about the bundled catalog itself say catalog=BUNDLED.
SMALL = Path(__file__).parent / "fixtures" / "small.yaml"
BUNDLED = None


def run(*args: str, env: dict[str, str] | None = None, code: ExitCode = ExitCode.OK, catalog: Path | None = SMALL):
    chosen = {"USASHOES_CATALOG": str(catalog)} if catalog is not None else {}
    result = runner.invoke(app, list(args), env={**chosen, **(env or {})})
    assert result.exit_code == code, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result


def ids(*args: str) -> list[str]:
    return [record["id"] for record in records(*args)]


def records(*args: str, catalog: Path | None = SMALL) -> list[dict]:
    return json.loads(run("list", "--json", *args, catalog=catalog).stdout)


# --- global options ----------------------------------------------------------------------
def test_version_prints_the_package_version() -> None:
    """`usashoes --version` answers with the version, then the catalog in use."""
    assert run("--version").stdout == f"usashoes {__version__}\ncatalog: file {SMALL}\n"
    assert run("-V").stdout == f"usashoes {__version__}\ncatalog: file {SMALL}\n"
    assert run("--version", catalog=None).stdout.endswith("\ncatalog: bundled 2026.12.03\n")


def test_no_command_prints_help() -> None:
    """Bare `usashoes` shows what it can do instead of failing."""
    assert "list" in run().stdout and "compare" in run().stdout


def _command_paths() -> list[list[str]]:
    """Every command and sub-command the app declares, so a new command is tested without a list to edit."""
    import typer

    def walk(command, path: list[str]) -> list[list[str]]:
        found = [path] if path else []
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            found.extend(walk(sub, [*path, name]))
        return found

    return walk(typer.main.get_command(app), [])


def test_command_discovery_sees_every_command() -> None:
    """The derived list is real: it holds the commands the README documents."""
    paths = _command_paths()
    assert {"list", "filter", "search", "show", "compare", "explain"} <= {path[0] for path in paths}
    assert ["catalog", "validate"] in paths and ["catalog", "info"] in paths


@pytest.mark.parametrize("command", _command_paths(), ids=" ".join)
def test_every_command_has_help_with_examples(command: list[str]) -> None:
    """-h works on every command and shows an example command line."""
    out = run(*command, "-h").stdout
    assert "Usage" in out
    if command != ["catalog"]:
        assert "Examples" in out and "usashoes " in out


def test_python_dash_m_runs_the_cli() -> None:
    """`python -m usashoes` is the same program."""
    done = subprocess.run([sys.executable, "-m", "usashoes", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith(f"usashoes {__version__}\ncatalog: ")


# --- list and its filters ----------------------------------------------------------------
def test_list_json_is_one_document_with_every_field() -> None:
    """Scripts get one JSON array whose records always carry the same keys (the bundled catalog)."""
    data = records(catalog=BUNDLED)
    assert len(data) >= 25
    assert all(list(record) == list(RECORD_FIELDS) for record in data)


def test_list_origin_filters_and_repeats() -> None:
    """--origin made-in-usa lists only US-made models; repeating it widens the set."""
    made = records("--origin", "made-in-usa")
    assert made and all(r["origin"] == "made-in-usa" for r in made)
    both = records("--origin", "made-in-usa", "--origin", "assembled-in-usa")
    assert {r["origin"] for r in both} == {"made-in-usa", "assembled-in-usa"}
    assert len(both) > len(made)


def test_list_origin_unknown_finds_models_whose_origin_is_not_known() -> None:
    """--origin unknown shows what the catalog could not confirm (e.g. the Hierro v5)."""
    unknown = ids("--origin", "unknown")
    assert "nb-fresh-foam-hierro-v5" in unknown
    assert all(r["origin"] is None for r in records("--origin", "unknown"))


@pytest.mark.parametrize("brand", ["New Balance", "new balance", "nb", "NB", "new"])
def test_list_brand_is_forgiving(brand: str) -> None:
    """--brand matches case-insensitively, by prefix or by abbreviation."""
    data = records("--brand", brand)
    assert data and all(r["brand"] == "New Balance" for r in data)


def test_list_activity_filters_and_repeats() -> None:
    """--activity walking shows walking shoes; a second --activity adds more."""
    walking = records("--activity", "walking")
    assert walking and all("walking" in r["activities"] for r in walking)
    assert len(records("--activity", "walking", "--activity", "trail")) > len(walking)


def test_list_support_and_status() -> None:
    """--support and --status keep only models with that value."""
    assert ids("--support", "stability") and all(r["support"] == "stability" for r in records("--support", "stability"))
    assert all(r["status"] == "discontinued" for r in records("--status", "discontinued"))
    assert "adidas-am4nyc" in ids("--status", "discontinued")


@pytest.mark.parametrize("value", ["14", "14oz", "14 oz", "396.9g", "14OZ"])
def test_max_weight_accepts_ounces_and_grams(value: str) -> None:
    """13.5, 13.5oz and 380g all work; a bare number is ounces."""
    data = records("--max-weight", value)
    assert data and all(r["weight_g"] is not None and r["weight_g"] <= 14 * GRAMS_PER_OUNCE + 0.1 for r in data)
    assert "nb-990v5" in {r["id"] for r in data} and "nb-1540v3" not in {r["id"] for r in data}


def test_weight_filters_leave_out_unknown_and_lower_bound_weights() -> None:
    """Unknown weights never pass; 'over 400 g' passes a minimum but never a maximum."""
    assert "nb-990v6" not in ids("--max-weight", "100oz")
    assert "nb-993" not in ids("--max-weight", "100oz")
    assert "nb-993" in ids("--min-weight", "390g")


def test_min_weight_excludes_lighter_models() -> None:
    """--min-weight 14oz keeps the heavy stability shoe, not the light moccasin."""
    heavy = ids("--min-weight", "14oz")
    assert "nb-1540v3" in heavy and "softstar-runamoc" not in heavy


def test_price_filters() -> None:
    """--min-price/--max-price compare MSRP in USD and leave out unknown prices."""
    cheap = records("--max-price", "150")
    assert cheap and all(r["msrp_usd"] is not None and r["msrp_usd"] <= 150 for r in cheap)
    assert all(r["msrp_usd"] >= 200 for r in records("--min-price", "$200"))
    assert "nb-990v5" not in ids("--max-price", "10000")


def test_walking_under_200_example_from_the_readme() -> None:
    """`list --activity walking --max-price 200 --json` gives walking shoes of known price ≤ $200."""
    data = records("--activity", "walking", "--max-price", "200")
    assert all("walking" in r["activities"] and r["msrp_usd"] <= 200 for r in data)


@pytest.mark.parametrize(("key", "field"), [("weight", "weight_g"), ("price", "msrp_usd"), ("year", "release_year")])
def test_sort_puts_unknown_last_also_when_reversed(key: str, field: str) -> None:
    """Sorting by weight, price or year orders known values and leaves unknowns at the end."""
    for extra in ([], ["--reverse"]):
        values = [r[field] for r in records("--sort", key, *extra)]
        known = [v for v in values if v is not None]
        assert values[: len(known)] == known
        assert known == sorted(known, reverse=bool(extra))


def test_sort_by_name_and_brand() -> None:
    """--sort name orders model numbers naturally (847 before 1540); --sort brand groups brands."""
    names = ids("--sort", "name", "--brand", "nb")
    assert names.index("nb-847v3") < names.index("nb-1540v3")
    brands = [r["brand"] for r in records("--sort", "brand")]
    assert brands == sorted(brands, key=str.casefold)


def test_limit_cuts_after_sorting() -> None:
    """--limit 3 --sort weight gives the three lightest known weights."""
    assert ids("--sort", "weight", "--limit", "3") == ids("--sort", "weight")[:3]


def test_filter_is_the_same_command_as_list() -> None:
    """`usashoes filter` is `list` under the product card's name."""
    args = ["--max-weight", "14oz", "--sort", "weight", "--json"]
    assert run("filter", *args).stdout == run("list", *args).stdout


def test_empty_result_is_success() -> None:
    """No model matching the filters is not an error: exit 0 and []."""
    assert run("list", "--max-price", "1", "--json").stdout.strip() == "[]"


# --- output formats ----------------------------------------------------------------------
def test_piped_default_is_one_line_per_model_starting_with_its_id() -> None:
    """In a pipe, each model is one tab-separated line: grep, cut and awk work."""
    out = run("list").stdout
    lines = out.splitlines()
    assert len(lines) == len(records())
    assert all(line.split("\t")[0] in set(ids()) for line in lines)
    assert "\x1b" not in out


def test_jsonl_is_one_record_per_line() -> None:
    """--format jsonl: every line parses on its own."""
    lines = run("list", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ids()


def test_csv_has_a_header_and_one_row_per_model() -> None:
    """--format csv opens in a spreadsheet: a header, then one row per model."""
    rows = list(csv.DictReader(io.StringIO(run("list", "--format", "csv").stdout)))
    assert [row["id"] for row in rows] == ids()
    assert rows[0].keys() >= {"weight_g", "weight_oz", "msrp_usd", "origin"}


def test_table_shows_units_and_unknowns() -> None:
    """A wide table gives weights in oz and g, prices in USD with their year, and '—' for unknown."""
    out = run("list", "--format", "table", env={"COLUMNS": "200"}).stdout
    header = out.splitlines()[0].split()
    assert {"Weight", "MSRP"} <= set(header)
    row = next(line for line in out.splitlines() if line.startswith("New Balance 990v5"))
    assert "13.7 oz / 388 g" in row
    assert "$170 (2020" in out and "—" in out


# --- search ------------------------------------------------------------------------------
def test_search_ranks_and_scores() -> None:
    """A typo still finds the shoe; the score shows in JSON and in the table."""
    data = json.loads(run("search", "new balnce 993", "--json").stdout)
    assert data[0]["id"] == "nb-993" and 0 < data[0]["score"] <= 100
    assert "Score" in run("search", "993", "--format", "table", env={"COLUMNS": "160"}).stdout


def test_search_takes_list_filters_and_sorting() -> None:
    """search 'adidas' --origin imported --sort price --limit 2 filters, sorts and cuts."""
    data = json.loads(
        run("search", "adidas", "--origin", "imported", "--sort", "price", "--limit", "2", "--json").stdout
    )
    assert len(data) == 2 and all(r["origin"] == "imported" for r in data)
    assert data[0]["msrp_usd"] <= data[1]["msrp_usd"]


def test_search_without_hits_exits_zero_with_empty_json_and_a_message() -> None:
    """No hit: exit 0, [] on stdout, a short note on stderr."""
    result = run("search", "zzyzx qwv", "--json")
    assert result.stdout.strip() == "[]" and "No model matches" in result.stderr


# --- show --------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["990v5", "990 V5", "New Balance 990v5", "NB-990V5", "nb-990v5"])
def test_show_resolves_every_way_of_naming_a_model(query: str) -> None:
    """show accepts id, name+version with any spacing or case, and a brand prefix."""
    assert json.loads(run("show", query, "--json").stdout)["id"] == "nb-990v5"


def test_show_prints_every_field_and_its_sources() -> None:
    """show gives all fields, unknown ones as '—', and the URLs behind them."""
    out = run("show", "990v5").stdout
    assert "msrp\t—" in out
    assert "https://www.solereview.com/best-made-in-usa-running-shoes/ (" in out


def test_show_unknown_model_suggests_and_exits_not_found() -> None:
    """A model not in the catalog: a 'did you mean' on stderr, nothing on stdout."""
    result = run("show", "990v7", code=ExitCode.NOT_FOUND)
    assert result.stdout == "" and "Did you mean" in result.stderr and "990v" in result.stderr


def test_show_ambiguous_model_lists_candidates() -> None:
    """'990' alone names six shoes: the user is shown them all."""
    result = run("show", "990", code=ExitCode.AMBIGUOUS)
    assert result.stdout == "" and all(f"nb-990v{n}" in result.stderr for n in range(1, 7))


# --- compare -----------------------------------------------------------------------------
def test_compare_json_has_values_lightest_cheapest_and_deltas() -> None:
    """compare --json carries the models, per-field values, lightest, cheapest and deltas."""
    doc = json.loads(run("compare", "990v5", "1540v3", "runamoc", "--json").stdout)
    assert [m["id"] for m in doc["models"]] == ["nb-990v5", "nb-1540v3", "softstar-runamoc"]
    assert doc["weight"]["lightest"] == ["softstar-runamoc"]
    assert doc["price"]["cheapest"] == ["softstar-runamoc"]
    delta = {d["id"]: d for d in doc["weight"]["deltas"]}["nb-1540v3"]
    assert delta["delta_g"] > 0 and delta["delta_pct"] > 0
    assert "nb-990v5" in doc["price"]["not_compared"]


def test_compare_only_diff_hides_rows_that_agree() -> None:
    """--only-diff drops rows where every model has the same value."""
    full = json.loads(run("compare", "990v5", "993", "--json").stdout)["rows"]
    diff = json.loads(run("compare", "990v5", "993", "--only-diff", "--json").stdout)["rows"]
    assert {r["field"] for r in diff} == {r["field"] for r in full if not r["same"]}
    assert "origin" not in {r["field"] for r in diff}


def test_compare_never_compares_unknowns() -> None:
    """With a weight known for only one model, nobody is marked lightest."""
    doc = json.loads(run("compare", "990v5", "990v6", "--json").stdout)
    assert doc["weight"]["compared"] is False and doc["weight"]["lightest"] == []


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["990v5"], ExitCode.USAGE),
        (["990v5", "990 v5"], ExitCode.USAGE),
        (["990v5", "993", "992", "998", "996", "997", "1300"], ExitCode.USAGE),
        (["990v5", "zzz-no-such"], ExitCode.NOT_FOUND),
        (["990v5", "990"], ExitCode.AMBIGUOUS),
    ],
)
def test_compare_errors_leave_stdout_empty(args: list[str], code: ExitCode) -> None:
    """Too few, too many, repeated, unknown or ambiguous models: a message and a documented code."""
    result = run("compare", *args, code=code)
    assert result.stdout == "" and result.stderr.startswith("usashoes: ")


def test_compare_lines_format_is_one_row_per_field() -> None:
    """Piped compare: a header of ids, then field<TAB>value<TAB>value."""
    lines = run("compare", "990v5", "993").stdout.splitlines()
    assert lines[0] == "field\tnb-990v5\tnb-993"
    assert any(line.startswith("weight\t13.7 oz") for line in lines)


# --- explain -----------------------------------------------------------------------------
def test_explain_overview_lists_rules_and_says_not_legal_advice_once() -> None:
    """explain: one line per rule, and the disclaimer once."""
    out = run("explain").stdout
    assert "ftc-made-in-usa" in out and "california" in out
    assert out.count("not legal advice") == 1


@pytest.mark.parametrize(
    ("topic", "expected"),
    [
        ("california", "17533.7"),
        ("ftc", "all or virtually all"),
        ("berry", "17.3"),
        ("nb-70", "70%"),
        ("canada", "98%"),
    ],
)
def test_explain_topic_shows_the_rule_in_full(topic: str, expected: str) -> None:
    """explain TOPIC gives the rule with its citation and sources."""
    out = run("explain", topic).stdout
    assert expected in out and "Sources:" in out and "http" in out


def test_explain_unknown_topic_lists_topics() -> None:
    """An unknown topic is an error that names the real topics."""
    result = run("explain", "zzz", code=ExitCode.NOT_FOUND)
    assert result.stdout == "" and "california" in result.stderr


def test_explain_model_json_says_what_is_unknown() -> None:
    """explain --model 990v6: the NB 70% policy against the FTC and California; unknowns said."""
    doc = json.loads(run("explain", "--model", "990v6", "--json").stdout)
    text = " ".join(doc["assessment"]["statements"])
    assert "70%" in text and "all or virtually all" in text and "5%" in text
    assert doc["assessment"]["unknowns"] and doc["disclaimer"]


def test_explain_label_classifies_wording() -> None:
    """explain --label reads a tag: 'Made in USA of imported materials' is a qualified claim."""
    doc = json.loads(run("explain", "--label", "Made in USA of imported materials", "--json").stdout)
    assert doc["label"]["class"] == "qualified-us-origin" and doc["label"]["does_not_guarantee"]


def test_explain_takes_one_form_at_a_time() -> None:
    """TOPIC with --label is a usage error."""
    run("explain", "ftc", "--label", "Made in USA", code=ExitCode.USAGE)


# --- catalog commands and custom catalogs -------------------------------------------------
MINI = """schema_version: 1
models:
  - id: acme-runner
    brand: Acme
    name: Runner
    origin: made-in-usa
    confidence: low
    sources: ["https://example.org/acme"]
"""


def test_catalog_flag_and_env_var_choose_the_catalog(tmp_path: Path) -> None:
    """--catalog wins over $USASHOES_CATALOG, which wins over the bundled catalog."""
    mine = tmp_path / "mine.yaml"
    mine.write_text(MINI, encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text(MINI.replace("acme-runner", "other-runner"), encoding="utf-8")
    assert json.loads(run("--catalog", str(mine), "list", "--json").stdout)[0]["id"] == "acme-runner"
    env = {"USASHOES_CATALOG": str(other)}
    assert json.loads(run("list", "--json", env=env).stdout)[0]["id"] == "other-runner"
    assert json.loads(run("--catalog", str(mine), "list", "--json", env=env).stdout)[0]["id"] == "acme-runner"


def test_catalog_info_counts_models(tmp_path: Path) -> None:
    """catalog info: path, count, counts by origin and brand, newest as-of date."""
    doc = json.loads(run("catalog", "info", "--json").stdout)
    assert doc["models"] == sum(doc["by_origin"].values()) == sum(doc["by_brand"].values())
    assert doc["path"].endswith("small.yaml") and doc["newest_as_of"]
    assert "small.yaml" in run("catalog", "info").stdout


def test_catalog_info_names_the_bundled_catalog_by_default() -> None:
    """Without --catalog or $USASHOES_CATALOG, info describes the bundled catalog."""
    assert json.loads(run("catalog", "info", "--json", catalog=BUNDLED).stdout)["path"].endswith("catalog.yaml")


def test_catalog_validate_reports_a_valid_catalog() -> None:
    """The bundled catalog validates."""
    doc = json.loads(run("catalog", "validate", "--json", catalog=BUNDLED).stdout)
    assert doc["valid"] is True and doc["problems"] == [] and doc["models"] >= 25


def test_catalog_validate_lists_every_problem(tmp_path: Path) -> None:
    """All problems at once, as file:line:col: message on stderr; exit CATALOG_INVALID."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MINI.replace("origin: made-in-usa", "origin: mars").replace(
            "confidence: low", "confidence: low\n    colour: red"
        ),
        encoding="utf-8",
    )
    result = run("catalog", "validate", str(bad), code=ExitCode.CATALOG_INVALID)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert f"{bad}:6:13:" in lines[0] and "made-in-usa" in lines[0]
    assert "colour" in lines[1]


def test_invalid_catalog_stops_every_command(tmp_path: Path) -> None:
    """list on an invalid catalog: the problems on stderr, exit CATALOG_INVALID, empty stdout."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nmodels: [1]\n", encoding="utf-8")
    result = run("--catalog", str(bad), "list", code=ExitCode.CATALOG_INVALID)
    assert result.stdout == "" and f"{bad}:2:" in result.stderr


@pytest.mark.parametrize(
    "args", [["list", "--json"], ["list", "--format", "jsonl"], ["search", "990", "--json"], ["show", "993", "--json"]]
)
def test_no_cache_option_and_cache_are_transparent(args: list[str]) -> None:
    """--no-cache, a first (cold) and a second (warm, pre-encoded) run print the same bytes."""
    assert run("--no-cache", *args).stdout == run(*args).stdout == run(*args).stdout


# --- bad options -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "valid"),
    [
        (["--origin", "mars"], "made-in-usa"),
        (["--max-price", "abc"], "US dollars"),
        (["--max-weight", "12kg"], "13.5oz"),
        (["--limit", "-1"], "1"),
        (["--sort", "colour"], "weight"),
        (["--activity", "swimming"], "walking"),
        (["--support", "max"], "stability"),
        (["--status", "old"], "discontinued"),
        (["--format", "xml"], "jsonl"),
    ],
)
def test_bad_option_values_name_the_valid_ones(args: list[str], valid: str) -> None:
    """A bad value is a usage error that says what would be valid; stdout stays clean."""
    result = run("list", *args, code=ExitCode.USAGE)
    assert result.stdout == "" and valid in result.stderr


def test_width_filter_finds_models_known_to_offer_it_case_insensitively() -> None:
    """--width 4e finds models listing 4E in any line; models of unknown widths never match."""
    ids = {r["id"] for r in json.loads(run("list", "--all", "--width", "4e", "--json").stdout)}
    assert ids and "asics-gel-kayano-31" in ids
    assert all(
        "4E" in [w.upper() for ws in r["widths"].values() for w in ws]
        for r in json.loads(run("list", "--width", "4E", "--json").stdout)
    )
    assert "nb-990v6" not in ids  # widths unknown


def test_drop_filters_and_sort_leave_unknown_drops_out() -> None:
    """--min-drop/--max-drop keep known drops in range; --sort drop orders them."""
    records = json.loads(run("list", "--min-drop", "8", "--max-drop", "10mm", "--sort", "drop", "--json").stdout)
    drops = [r["drop_mm"] for r in records]
    assert drops and all(8 <= d <= 10 for d in drops) and drops == sorted(drops)
    zero = json.loads(run("list", "--max-drop", "0", "--json").stdout)
    assert zero and all(r["drop_mm"] == 0 for r in zero)


@pytest.mark.parametrize("args", [["--width", "x y z q"], ["--max-drop", "abc"], ["--min-drop", "-3"]])
def test_bad_width_or_drop_is_a_one_line_usage_error(args: list[str]) -> None:
    result = run("list", *args, code=ExitCode.USAGE)
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) <= 2


def test_show_lines_carry_the_new_fields_and_dated_prices() -> None:
    """show prints drop, stack, widths, launch price apart from msrp, links and origin basis."""
    out = run("show", "990v1", "--format", "lines", env={"USASHOES_TODAY": "2026-11-28"}).stdout
    fields = dict(line.split("\t", 1) for line in out.splitlines() if not line.startswith(("note", "source")))
    assert fields["msrp"] == "$200 (2022, stale)"
    assert fields["launch_price"] == "$100 (1982, launch price)"
    assert fields["successor"] == "nb-990v2" and fields["origin_basis"].startswith("maker-label")
    assert fields["status"] == "unknown (as of 2022-10, stale); superseded by nb-990v2"
    kayano = run("show", "kayano 31", "--format", "lines").stdout
    assert "drop\t10 mm" in kayano and "men: D, 2E, 4E" in kayano


def test_catalog_info_reports_coverage_and_freshness() -> None:
    doc = json.loads(run("catalog", "info", "--json", env={"USASHOES_TODAY": "2026-11-28"}).stdout)
    assert doc["coverage"]["drop_mm"] >= 1 and doc["coverage"]["id"] == doc["models"]
    assert doc["freshness"]["today"] == "2026-11-28"
    assert doc["freshness"]["oldest_as_of"] <= doc["freshness"]["newest_as_of"] == doc["newest_as_of"]
    assert 0 < doc["freshness"]["stale_as_of"] <= doc["freshness"]["with_as_of"]


def test_a_bad_today_override_is_a_usage_error() -> None:
    result = run("list", env={"USASHOES_TODAY": "tomorrow"}, code=ExitCode.USAGE)
    assert "USASHOES_TODAY" in result.stderr and result.stdout == ""

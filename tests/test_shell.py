"""Feeling native in a shell: completion, pager, Markdown, --output, --fields, CSV safety, messages."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from usashoes.cli.app import app
from usashoes.errors import ExitCode
from usashoes.output.cells import csv_safe
from usashoes.output.render import should_page
from usashoes.records import RECORD_FIELDS

runner = CliRunner()

# Every test runs on tests/fixtures/small.yaml (entries copied from catalog.yaml) through
# $USASHOES_CATALOG, in process and in subprocesses alike, so catalog edits do not move them.
pytestmark = pytest.mark.usefixtures("small_catalog")

ONE_MODEL = """\
schema_version: 1
models:
  - id: acme-zoom
    brand: Acme
    name: Zoom
    origin: made-in-usa
    confidence: high
    description: A plain shoe
    sources: [https://example.com/zoom]
"""


def run(*args: str, env: dict[str, str] | None = None, code: ExitCode = ExitCode.OK):
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == code, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert "Traceback" not in result.stderr
    return result


# --- completion, through the shell protocol ------------------------------------------------
def complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash would offer for the last word of `words` (a trailing space: a new, empty word)."""
    parts = words.split(" ")
    done = subprocess.run(
        [sys.executable, "-m", "usashoes"],
        capture_output=True,
        text=True,
        check=False,
        env={
            **os.environ,
            **(env or {}),
            "_USASHOES_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
        },
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.parametrize(
    "words",
    [
        "usashoes show nb-990",
        "usashoes compare nb-993 nb-990",
        "usashoes explain --model nb-990",
        "usashoes recommend --like nb-990",
    ],
)
def test_model_arguments_complete_ids(words: str) -> None:
    offered = complete(words)
    assert "nb-990v6" in offered and all(item.startswith("nb-990") for item in offered)


def test_model_completion_offers_names_as_people_type_them() -> None:
    assert "990v6" in complete("usashoes show 990")


def test_explain_topics_complete() -> None:
    assert {"california", "canada"} <= set(complete("usashoes explain ca"))


def test_origin_is_a_choice_that_completes_and_ignores_case() -> None:
    assert complete("usashoes list --origin ") == ["made-in-usa", "assembled-in-usa", "imported", "unknown"]
    assert run("list", "--origin", "UNKNOWN", "--json").stdout.startswith("[")
    result = run("list", "--origin", "mars", code=ExitCode.USAGE)
    assert "--origin" in result.stderr and "made-in-usa" in result.stderr


def test_brand_and_choices_complete() -> None:
    assert "Brooks" in complete("usashoes list --brand B")
    assert "nb" in complete("usashoes list --brand n")
    assert set(complete("usashoes list --support ")) == {"neutral", "stability", "motion-control"}
    assert "markdown" in complete("usashoes compare --format m")


def test_completion_uses_the_chosen_catalog(catalog_file) -> None:
    path = catalog_file(ONE_MODEL)
    assert complete(f"usashoes --catalog {path} show ") == ["acme-zoom", "zoom"]


def test_completion_of_a_broken_catalog_offers_nothing(catalog_file) -> None:
    path = catalog_file("{")
    assert complete(f"usashoes --catalog {path} show ") == []


def test_completion_imports_neither_rich_nor_rapidfuzz() -> None:
    code = (
        "import sys, os\nfrom usashoes.__main__ import main\nsys.argv=['usashoes']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('MODS=' + ' '.join(sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={
            **os.environ,
            "_USASHOES_COMPLETE": "complete_bash",
            "COMP_WORDS": "usashoes show nb-99",
            "COMP_CWORD": "2",
        },
    )
    modules = set(done.stderr.rsplit("MODS=", 1)[1].split())
    assert "nb-990v6" in done.stdout
    assert "rich" not in modules and "rapidfuzz" not in modules


# --- pager ----------------------------------------------------------------------------------
def test_pager_only_for_a_long_table_on_a_terminal() -> None:
    assert should_page("table", True, 100, 40, {})
    assert not should_page("table", True, 30, 40, {})  # fits on the screen
    assert not should_page("table", False, 100, 40, {})  # piped
    assert not should_page("lines", True, 100, 40, {})
    assert not should_page("json", True, 100, 40, {})
    assert not should_page("table", True, 100, 40, {}, no_pager=True)
    assert not should_page("table", True, 100, 40, {"USASHOES_NO_PAGER": "1"})
    assert should_page("table", True, 100, 40, {"USASHOES_NO_PAGER": "0"})


def test_no_pager_option_is_accepted_everywhere() -> None:
    for args in (
        ["list"],
        ["show", "990v6"],
        ["compare", "990v6", "993"],
        ["explain"],
        ["catalog", "info"],
        ["recommend", "--activity", "running"],
        ["search", "993"],
    ):
        assert run(*args, "--no-pager", "--format", "table").stdout.strip()


# --- --json / --format, --fields --------------------------------------------------------------
def test_json_with_another_format_is_a_usage_error() -> None:
    result = run("list", "--json", "--format", "csv", code=ExitCode.USAGE)
    assert "--json" in result.stderr and "csv" in result.stderr
    run("list", "--json", "--format", "json")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "lines"])
def test_fields_choose_and_order(fmt: str) -> None:
    out = run("list", "--fields", "msrp_usd,id", "--format", fmt, "--limit", "2").stdout
    if fmt == "json":
        assert [list(record) for record in json.loads(out)] == [["msrp_usd", "id"]] * 2
    elif fmt == "jsonl":
        assert [list(json.loads(line)) for line in out.splitlines()] == [["msrp_usd", "id"]] * 2
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0] == ["msrp_usd", "id"] and len(rows) == 3
    else:
        assert all(len(line.split("\t")) == 2 for line in out.splitlines())


def test_fields_on_show() -> None:
    assert json.loads(run("show", "990v6", "--fields", "id,origin", "--json").stdout) == {
        "id": "nb-990v6",
        "origin": "made-in-usa",
    }


def test_unknown_field_is_a_usage_error_listing_the_valid_ones() -> None:
    result = run("list", "--fields", "id,colour", "--json", code=ExitCode.USAGE)
    assert "colour" in result.stderr and "msrp_usd" in result.stderr and RECORD_FIELDS[0] in result.stderr


# --- CSV safety -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+2", "'+1+2"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-3.5", "-3.5"),
        ("+7", "+7"),
        ("Brooks", "Brooks"),
        ("", ""),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(cell: str, written: str) -> None:
    assert csv_safe(cell) == written


def test_csv_output_neutralises_a_formula_from_a_catalog(catalog_file) -> None:
    path = catalog_file(ONE_MODEL.replace("description: A plain shoe", "description: '=HYPERLINK(\"x\")'"))
    rows = list(csv.DictReader(io.StringIO(run("--catalog", str(path), "list", "--format", "csv").stdout)))
    assert rows[0]["description"] == '\'=HYPERLINK("x")'


# --- Markdown -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["search", "993"],
        ["show", "990v6"],
        ["compare", "990v6", "993"],
        ["recommend", "--activity", "running"],
        ["explain"],
        ["catalog", "info"],
    ],
)
def test_markdown_for_every_table(args: list[str]) -> None:
    out = run(*args, "--format", "markdown").stdout
    assert "\n| --- |" in out or "|---" in out or "| --- " in out
    header = next(line for line in out.splitlines() if line.startswith("| "))
    separator = out.splitlines()[out.splitlines().index(header) + 1]
    assert header.count(" | ") == separator.count("|") - 2


def test_markdown_escapes_pipes_and_newlines(catalog_file) -> None:
    path = catalog_file(ONE_MODEL.replace("description: A plain shoe", 'description: "a | b\\nc"'))
    out = run("--catalog", str(path), "show", "acme-zoom", "--format", "markdown").stdout
    assert "a \\| b<br>c" in out


# --- --output -------------------------------------------------------------------------------
def test_output_file_in_every_format(tmp_path: Path) -> None:
    for fmt in ("json", "jsonl", "csv", "lines", "markdown", "table"):
        target = tmp_path / f"out.{fmt}"
        result = run("list", "--format", fmt, "-o", str(target))
        assert result.stdout == "" and target.read_text(encoding="utf-8").strip()
    assert json.loads((tmp_path / "out.json").read_text())[0]["id"]


def test_failed_output_leaves_no_partial_file_and_exits_write_failed(tmp_path: Path) -> None:
    target = tmp_path / "missing-dir" / "out.json"
    result = run("list", "--json", "-o", str(target), code=ExitCode.WRITE_FAILED)
    assert "cannot write" in result.stderr.lower() and str(target) in result.stderr
    assert not target.exists()
    directory = tmp_path / "ro"
    directory.mkdir()
    (directory / "out.json").write_text("old", encoding="utf-8")
    directory.chmod(0o500)
    try:
        if os.access(directory, os.W_OK):
            pytest.skip("running as root: permissions do not apply")
        run("list", "--json", "-o", str(directory / "out.json"), code=ExitCode.WRITE_FAILED)
        assert (directory / "out.json").read_text(encoding="utf-8") == "old"
        assert os.listdir(directory) == ["out.json"]
    finally:
        directory.chmod(0o700)


def test_output_to_a_full_disk_leaves_the_old_file(tmp_path: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    # A directory cannot be replaced by a file: the write fails after the temporary file was made.
    target = tmp_path / "a-directory"
    target.mkdir()
    run("list", "--json", "-o", str(target), code=ExitCode.WRITE_FAILED)
    assert target.is_dir() and os.listdir(tmp_path) == ["a-directory"]


# --- messages -------------------------------------------------------------------------------
def test_empty_result_on_a_terminal_names_the_filter_that_removed_the_most() -> None:
    result = run("list", "--max-price", "1", "--activity", "running", "--format", "table")
    assert "No models match these filters" in result.stderr and "--max-price" in result.stderr
    assert result.stdout == ""


def test_empty_result_in_a_pipe_is_still_empty_data() -> None:
    assert run("list", "--max-price", "1", "--json").stdout.strip() == "[]"


def test_search_and_show_share_one_message_style() -> None:
    search = run("search", "zzyzx qwv", "--json").stderr
    show = run("show", "zzyzx qwv", code=ExitCode.NOT_FOUND).stderr
    assert search.startswith("usashoes: No model matches 'zzyzx qwv'.")
    assert show.startswith("usashoes: No model matches 'zzyzx qwv'.")


def test_every_environment_variable_is_in_help_and_readme() -> None:
    help_text = run("help", env={"COLUMNS": "200"}).stdout  # the full help carries the environment
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for name in (
        "USASHOES_CATALOG",
        "USASHOES_ADD_CATALOG",
        "USASHOES_CACHE_DIR",
        "USASHOES_NO_CACHE",
        "USASHOES_NO_PAGER",
        "USASHOES_DEBUG",
        "USASHOES_TODAY",
        "PAGER",
        "NO_COLOR",
    ):
        assert name in help_text, name
        assert f"`{name}" in readme, name


# --- did you mean ---------------------------------------------------------------------------
@pytest.mark.parametrize(("query", "first"), [("990v7", "nb-990v6"), ("990vv5x", "nb-990v5"), ("993x", "nb-993")])
def test_did_you_mean_offers_the_closest_model_first(query: str, first: str) -> None:
    message = run("show", query, code=ExitCode.NOT_FOUND).stderr
    assert message.split("Did you mean: ", 1)[1].startswith(first + " ")


# --- narrow terminals -----------------------------------------------------------------------
@pytest.mark.parametrize("columns", ["60", "80", "120"])
@pytest.mark.parametrize(
    "args",
    [
        ["list", "--all"],
        ["show", "990v6"],
        ["compare", "990v6", "993", "carson-iguana-racer"],
        ["explain"],
        ["recommend", "--activity", "running"],
    ],
)
def test_ids_and_urls_stay_whole_and_nothing_is_cut(columns: str, args: list[str]) -> None:
    out = run(*args, "--format", "table", "--no-pager", env={"COLUMNS": columns}).stdout
    data = run(*args, "--json").stdout
    assert "…" not in out or "…" in data
    words = set(out.split())
    for record in (json.loads(run("show", "990v6", "--json").stdout),) if args[0] == "show" else ():
        for url in [*record["sources"], record["product_url"]]:
            if url:
                assert url in words, url
    document = json.loads(data)
    shown_ids = {
        "list": lambda: [r["id"] for r in document],
        "compare": lambda: [m["id"] for m in document["models"]],
        "recommend": lambda: [item["id"] for item in (*document["picks"], *document["near_misses"])],
    }
    for shoe_id in shown_ids[args[0]]() if args[0] in shown_ids else ():
        assert shoe_id in words, (columns, shoe_id)


def test_catalog_validate_writes_its_report_to_a_file(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(ONE_MODEL, encoding="utf-8")
    report = tmp_path / "report.json"
    result = run("catalog", "validate", str(good), "--json", "-o", str(report))
    assert result.stdout == ""
    assert json.loads(report.read_text(encoding="utf-8"))["valid"] is True
    bad = tmp_path / "bad.yaml"
    bad.write_text(ONE_MODEL.replace("confidence: high", "confidence: sure"), encoding="utf-8")
    text_report = tmp_path / "report.txt"
    result = run("catalog", "validate", str(bad), "-o", str(text_report), code=ExitCode.CATALOG_INVALID)
    written = text_report.read_text(encoding="utf-8").splitlines()
    assert len(written) == 1 and written[0].startswith(f"{bad}:7:17: ")
    assert result.stderr.splitlines() == written  # a terminal user sees the problems too
    unwritable = run(
        "catalog", "validate", str(good), "-o", str(tmp_path / "missing" / "r.txt"), code=ExitCode.WRITE_FAILED
    )
    assert not (tmp_path / "missing").exists() and unwritable.stderr.count("\n") == 1


def _tab(words: str, env: dict[str, str]) -> tuple[str, bool]:
    """Bash's completion output for the last word, and whether typer was imported to answer it."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "usashoes"],
        capture_output=True,
        text=True,
        check=False,
        env={
            **os.environ,
            **env,
            "_USASHOES_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split(" ")) - 1),
        },
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, "typer" in done.stderr


def test_a_model_tab_is_answered_without_typer_and_never_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from usashoes import complete, fastcomplete

    catalog = tmp_path / "c.yaml"
    catalog.write_text(ONE_MODEL, encoding="utf-8")
    env = {"USASHOES_CATALOG": str(catalog)}
    lines = [
        "usashoes show ",
        "usashoes show acme",
        "usashoes show zz",
        "usashoes compare acme-zoom ac",
        "usashoes explain --model ac",
        "usashoes recommend --like zo",
        "usashoes --no-pager show ac",
    ]
    full = {words: _tab(words, {**env, "USASHOES_NO_CACHE": "1"}) for words in lines}
    assert full["usashoes show acme"] == ("acme-zoom\n", True)
    # The full path leaves a candidates file (a catalog changed this very second gets none: its
    # timestamps cannot be trusted yet, so the test allows it).
    monkeypatch.setenv("USASHOES_CATALOG", str(catalog))
    monkeypatch.setattr(fastcomplete, "RECENT_NS", 0)
    complete.models(None, "")
    for words in lines:
        answer, imported_typer = _tab(words, env)
        assert answer == full[words][0], words
        assert imported_typer == (words == "usashoes --no-pager show ac"), words  # options: the CLI answers
    catalog.write_text(ONE_MODEL.replace("acme-zoom", "acme-zoomx"), encoding="utf-8")
    assert _tab("usashoes show acme", env)[0] == "acme-zoomx\n"


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "nb-990v6"],
        ["catalog", "validate", ""],
        ["--add-catalog", "", "list"],
        ["show", "zzqqxx"],
        ["search", "zzqqxx"],
        ["explain", "zzqqxx"],
        ["compare", "nb-990v6", "nb-990v6"],
        ["list", "--json", "--format", "csv"],
        ["list", "--fields", "nope", "--format", "csv"],
        ["catalog", "validate", "--overlay"],
    ],
)
def test_messages_share_one_style(args: list[str]) -> None:
    """One sentence, capitalised (or opening with the option it is about), ending with a full stop."""
    result = runner.invoke(app, args)
    assert result.exit_code != 1 and result.stderr and "Traceback" not in result.stderr
    message = result.stderr.splitlines()[0].removeprefix("usashoes: ")
    assert message[0].isupper() or message.startswith("--"), message
    assert message.endswith((".", "?")), message


@pytest.mark.parametrize("columns", ["60", "80", "100", "120"])
def test_recommend_never_splits_an_id(columns: str) -> None:
    """Picks and near misses keep every id whole at any width (the grid used to fold 'bolt-assembled')."""
    fixture = str(Path(__file__).parent / "fixtures" / "recommend.yaml")
    args = ["--catalog", fixture, "recommend", "--activity", "running", "--max-price", "200", "--any-status"]
    out = run(*args, "--format", "table", "--no-pager", env={"COLUMNS": columns}).stdout
    document = json.loads(run(*args, "--json").stdout)
    shown = [item["id"] for item in (*document["picks"], *document["near_misses"])]
    assert shown and all(shoe_id in out.split() for shoe_id in shown), columns

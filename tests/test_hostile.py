"""Hostile catalogs, hostile text and hostile terminals: clear errors, never a crash or a hijacked terminal.

Anything that could take unbounded time or crash the interpreter (alias bombs, deep nesting)
runs in a subprocess with a timeout, so a hang or a segfault fails one test instead of pytest.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from usashoes.cli.app import app
from usashoes.errors import ExitCode
from usashoes.models import Activity, Origin, Status, Support
from usashoes.output.results import Format
from usashoes.query import SortKey, origin_choices

runner = CliRunner()
TIMEOUT = 20  # seconds; a hostile input must be refused well within this
WriteCatalog = Callable[..., Path]

# A test that names no catalog runs on tests/fixtures/small.yaml (entries copied from catalog.yaml)
# through $USASHOES_CATALOG, in process and in subprocesses alike: catalog edits do not move these.
pytestmark = pytest.mark.usefixtures("small_catalog")

# Characters that must never reach a terminal raw: ESC and the 8-bit CSI start escape sequences,
# BEL, NUL, CR and DEL corrupt the screen, and bidi overrides reorder what people read.
UNSAFE = ("\x1b", "\x9b", "\x07", "\x00", "\r", "\x7f", "\u202e", "\u2066")


def invoke(*args: str, env: dict[str, str] | None = None):
    """Run the CLI in-process; fail with the output if it raised anything but SystemExit."""
    result = runner.invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{result.exception!r}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    )
    return result


def usashoes(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m usashoes` in a subprocess with a time bound (a hang or segfault fails here)."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("PYTHONUNBUFFERED", None)  # users' stdout is buffered; make pipes behave the same
    try:
        return subprocess.run(
            [sys.executable, "-m", "usashoes", *args], capture_output=True, timeout=TIMEOUT, env=full_env, **kwargs
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"usashoes {' '.join(args)[:100]} took more than {TIMEOUT} s: {error}")


def squeeze(text: str) -> str:
    return "".join(text.split())


def unsafe_in(text: str) -> list[str]:
    return [repr(char) for char in UNSAFE if char in text]


# =================================================================================================
# catalog validate: every problem located as file:line:col, naming the field and what is valid
# =================================================================================================
BASE = """\
schema_version: 1
models:
  - id: "acme-one"
    brand: "Acme"
    name: "One"
    confidence: "high"
    sources: ["https://example.com/one"]
"""  # a valid catalog; problems below are added at line 8 or replace lines 3-7


def replaced(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new)


PROBLEMS = [
    # (id, catalog text, line of the problem, fragments the message must contain)
    ("yaml-syntax-unclosed-list", BASE + '    aliases: ["a", "b"\n    origin: "imported"\n', 9, ["YAML syntax error"]),
    ("yaml-syntax-unclosed-quote", replaced('name: "One"', 'name: "One'), 6, ["YAML syntax error"]),
    ("yaml-tab-indent", BASE + '\tversion: "v1"\n', 8, ["YAML syntax error"]),
    ("raw-control-character", BASE + '    version: "v1\x1b"\n', 8, ["U+001B", "\\u001b"]),
    ("duplicate-key", BASE + '    brand: "Other"\n', 8, ["duplicate key 'brand'", "first at line 4", "acme-one"]),
    ("duplicate-id", BASE + BASE.split("models:\n")[1], 8, ["duplicate id 'acme-one'", "first at line 3"]),
    (
        "missing-required",
        replaced('    confidence: "high"\n', ""),
        3,
        ["missing required field 'confidence'", "acme-one"],
    ),
    (
        "origin-NO",
        BASE + "    origin: NO\n",
        8,
        ["'origin'", "'NO'", "boolean", "made-in-usa, assembled-in-usa, imported"],
    ),
    ("support-NO", BASE + "    support: NO\n", 8, ["'support'", "'NO'", "neutral, stability, motion-control"]),
    ("made_in-NO", BASE + "    made_in: NO\n", 8, ["'made_in'", "'NO'", "boolean", 'quote it: "NO"']),
    ("name-number", replaced('name: "One"', "name: 993"), 5, ["'name'", "'993'", "number", 'quote it: "993"']),
    ("id-number", replaced('id: "acme-one"', "id: 990"), 3, ["'id'", "'990'", 'quote it: "990"']),
    (
        "status_as_of-date",
        BASE + "    status_as_of: 2022-10-01\n",
        8,
        ["'status_as_of'", "date", 'quote it: "2022-10-01"'],
    ),
    ("status_as_of-words", BASE + '    status_as_of: "Oct 2022"\n', 8, ["'Oct 2022'", "YYYY, YYYY-MM or YYYY-MM-DD"]),
    ("octal-year", BASE + "    release_year: 0770\n", 8, ["'release_year'", "'0770'", "octal", "plain decimal"]),
    ("hex-year", BASE + "    release_year: 0x7E2\n", 8, ["'release_year'", "'0x7E2'", "plain decimal"]),
    ("base60-year", BASE + "    release_year: 20:18\n", 8, ["'release_year'", "'20:18'", "base-60"]),
    ("fraction-year", BASE + "    release_year: 2020.5\n", 8, ["'release_year'", "whole number", "'2020.5'"]),
    ("huge-year", BASE + "    release_year: " + "9" * 5000 + "\n", 8, ["'release_year'", "whole number", "…"]),
    (
        "negative-weight",
        BASE + "    weight: {value: -3, unit: oz}\n",
        8,
        ["'weight.value'", "-3", "between 1.8 and 52.9 oz"],
    ),
    ("zero-weight", BASE + "    weight: {value: 0, unit: oz}\n", 8, ["'weight.value'", "is 0", "between"]),
    (
        "absurd-weight",
        BASE + "    weight: {value: 9000, unit: g}\n",
        8,
        ["'weight.value'", "9000", "between 50 and 1500 g"],
    ),
    ("infinite-weight", BASE + "    weight: {value: .inf, unit: oz}\n", 8, ["'weight.value'", "'.inf'", "a number"]),
    ("weight-unit-kg", BASE + "    weight: {value: 10, unit: kg}\n", 8, ["'weight.unit'", "'kg'", "allowed: oz, g"]),
    (
        "weight-at_least-string",
        BASE + '    weight: {value: 10, unit: oz, at_least: "yes"}\n',
        8,
        ["'weight.at_least'", "true or false"],
    ),
    (
        "negative-price",
        BASE + "    msrp: {usd: -5, year: 2020}\n",
        8,
        ["'msrp.usd'", "-5", "between 1 and 2000 US dollars"],
    ),
    ("absurd-price", BASE + "    msrp: {usd: 99999, year: 2020}\n", 8, ["'msrp.usd'", "99999", "between 1 and 2000"]),
    ("nan-price", BASE + "    msrp: {usd: .nan, year: 2020}\n", 8, ["'msrp.usd'", "'.nan'", "a number"]),
    ("price-without-year", BASE + "    msrp: {usd: 100}\n", 8, ["'msrp'", "needs 'year'", "{usd: 175, year: 2020}"]),
    (
        "percent-over-100",
        BASE + "    domestic_content_min_pct: 150\n",
        8,
        ["'domestic_content_min_pct'", "between 0 and 100"],
    ),
    (
        "unknown-origin",
        BASE + "    origin: mars\n",
        8,
        ["'origin'", "'mars'", "allowed: made-in-usa, assembled-in-usa, imported"],
    ),
    (
        "unknown-activity",
        BASE + '    activities: ["running", "swimming"]\n',
        8,
        ["'activities[1]'", "'swimming'", "running, walking, trail, lifestyle, training"],
    ),
    ("activity-twice", BASE + '    activities: ["running", "running"]\n', 8, ["'activities'", "twice"]),
    (
        "unknown-confidence",
        replaced('confidence: "high"', 'confidence: "sure"'),
        6,
        ["'sure'", "allowed: high, medium, low"],
    ),
    (
        "unknown-field-typo",
        BASE + '    orign: "imported"\n',
        8,
        ["unknown field 'orign'", "did you mean 'origin'?", "acme-one"],
    ),
    ("unknown-field-no-match", BASE + '    colour: "red"\n', 8, ["unknown field 'colour'", "known fields: id, brand"]),
    ("unknown-top-level-field", replaced("models:", "model:"), 2, ["unknown field 'model'", "did you mean 'models'?"]),
    (
        "unknown-field_sources-key",
        BASE + '    field_sources: {orign: ["https://e.com"]}\n',
        8,
        ["unknown field 'orign'", "did you mean 'origin'?"],
    ),
    (
        "source-ftp",
        replaced("https://example.com/one", "ftp://example.com/one"),
        7,
        ["'sources[0]'", "'ftp://example.com/one'", "http:// or https:// URL"],
    ),
    (
        "source-javascript",
        replaced("https://example.com/one", "javascript:alert(1)"),
        7,
        ["'javascript:alert(1)'", "https://"],
    ),
    ("source-no-scheme", replaced("https://example.com/one", "example.com/one"), 7, ["'example.com/one'", "https://"]),
    (
        "field-source-ftp",
        BASE + '    field_sources: {origin: ["ftp://e.com"]}\n',
        8,
        ["'field_sources.origin[0]'", "https://"],
    ),
    (
        "no-sources",
        replaced('sources: ["https://example.com/one"]', "sources: []"),
        7,
        ["'sources'", "at least one http(s) URL"],
    ),
    (
        "sources-not-a-list",
        replaced('sources: ["https://example.com/one"]', 'sources: "https://example.com/one"'),
        7,
        ["'sources'", "must be a list"],
    ),
    ("blank-name", replaced('name: "One"', 'name: "  "'), 5, ["'name'", "blank", "leave the field out"]),
    ("null-name", replaced('name: "One"', "name:"), 5, ["'name'", "empty", "leave the field out"]),
    ("list-as-name", replaced('name: "One"', "name: [a]"), 5, ["'name'", "must be text, not a list"]),
    ("binary-tag-name", replaced('name: "One"', "name: !!binary aGVsbG8="), 5, ["'name'", "must be text", "quote it"]),
    (
        "text-too-long",
        BASE + '    description: "' + "x" * 2500 + '"\n',
        8,
        ["'description'", "2500 characters", "limit is 2000"],
    ),
    (
        "bad-id",
        replaced('id: "acme-one"', 'id: "Acme One"'),
        3,
        ["'id'", "'Acme One'", "lowercase words joined by hyphens"],
    ),
    ("id-trailing-newline", replaced('id: "acme-one"', 'id: "acme-one\\n"'), 3, ["'id'", "'acme-one\\n'", "hyphens"]),
    (
        "source-trailing-newline",
        replaced("https://example.com/one", "https://example.com/one\\n"),
        7,
        ["'sources[0]'", "https://"],
    ),
    ("status_as_of-trailing-newline", BASE + '    status_as_of: "2020\\n"\n', 8, ["'status_as_of'", "YYYY"]),
    ("merge-key", BASE + '    <<: {brand: "x"}\n', 8, ["merge keys", "not supported"]),
    ("schema-version-2", replaced("schema_version: 1", "schema_version: 2"), 1, ["schema_version must be 1"]),
    ("models-mapping", "schema_version: 1\nmodels: {a: 1}\n", 2, ["'models'", "must be a list, not a mapping"]),
    ("model-is-text", 'schema_version: 1\nmodels:\n  - "acme"\n', 3, ["models[0]", "must be a mapping"]),
    ("undefined-alias", BASE + "    notes: *nope\n", 8, ["*nope", "&nope"]),
    ("duplicate-anchor", BASE + '    notes: &n ["a"]\n    features: &n ["b"]\n', 9, ["&n", "twice", "first at line 8"]),
]


@pytest.mark.parametrize(("text", "line", "fragments"), [pytest.param(*case[1:], id=case[0]) for case in PROBLEMS])
def test_validate_locates_each_problem(catalog_file: WriteCatalog, text: str, line: int, fragments: list[str]) -> None:
    """`catalog validate` points at the line and says what is wrong and what would be valid."""
    path = catalog_file(text)
    result = invoke("catalog", "validate", str(path))
    assert result.exit_code == ExitCode.CATALOG_INVALID, result.stdout + result.stderr
    assert result.stdout == ""
    problems = result.stderr.splitlines()
    assert problems and all(re.match(rf"{re.escape(str(path))}(:\d+(:\d+)?)?: \S", p) for p in problems), problems
    at_line = [p for p in problems if p.startswith(f"{path}:{line}:")]
    assert at_line, f"nothing reported at line {line}: {problems}"
    assert any(all(fragment in p for fragment in fragments) for p in at_line), (fragments, at_line)


def test_validate_reports_every_problem_at_once(catalog_file: WriteCatalog) -> None:
    """All problems in one run, in file order, so a user fixes them in one pass."""
    text = (
        replaced('name: "One"', "name: 993")
        + "    origin: mars\n    colour: red\n"
        + ('  - id: "acme-two"\n    brand: NO\n    name: "Two"\n    confidence: "sure"\n    sources: ["ftp://x"]\n')
    )
    path = catalog_file(text)
    result = invoke("catalog", "validate", str(path))
    assert result.exit_code == ExitCode.CATALOG_INVALID
    lines = [int(problem.split(":")[1]) for problem in result.stderr.splitlines()]
    assert lines == [5, 8, 9, 11, 13, 14], result.stderr


def test_validate_json_reports_the_same_problems_on_stdout(catalog_file: WriteCatalog) -> None:
    """--json puts a parseable report on stdout (nothing on stderr) with file, line, column, message."""
    path = catalog_file(replaced('name: "One"', "name: 993") + "    origin: NO\n")
    result = invoke("catalog", "validate", "--json", str(path))
    assert result.exit_code == ExitCode.CATALOG_INVALID
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert report["valid"] is False and report["path"] == str(path)
    assert [(p["file"], p["line"], p["column"]) for p in report["problems"]] == [(str(path), 5, 11), (str(path), 8, 13)]
    assert "'993'" in report["problems"][0]["message"] and "'NO'" in report["problems"][1]["message"]


def test_validate_accepts_a_valid_catalog(catalog_file: WriteCatalog) -> None:
    """The base catalog the problem cases start from is itself valid (so each case tests one thing)."""
    result = invoke("catalog", "validate", str(catalog_file(BASE)))
    assert result.exit_code == ExitCode.OK, result.stderr
    assert "valid (1 models)" in result.stdout and result.stderr == ""


def test_catalog_flag_wins_over_environment(catalog_file: WriteCatalog) -> None:
    """--catalog beats $USASHOES_CATALOG, both ways round."""
    good = catalog_file(BASE, "good.yaml")
    bad = catalog_file("[]", "bad.yaml")
    flag_good = invoke("--catalog", str(good), "list", "--json", env={"USASHOES_CATALOG": str(bad)})
    assert flag_good.exit_code == ExitCode.OK, flag_good.stderr
    assert [record["id"] for record in json.loads(flag_good.stdout)] == ["acme-one"]
    flag_bad = invoke("--catalog", str(bad), "list", env={"USASHOES_CATALOG": str(good)})
    assert flag_bad.exit_code == ExitCode.CATALOG_INVALID and str(bad) in flag_bad.stderr
    env_only = invoke("list", "--json", env={"USASHOES_CATALOG": str(good)})
    assert [record["id"] for record in json.loads(env_only.stdout)] == ["acme-one"]


# =================================================================================================
# Hostile files: refused with CATALOG_INVALID, one line per problem, bounded time, no traceback
# =================================================================================================
def laughs(levels: int = 9, fanout: int = 10) -> str:
    """A 'billion laughs' value: each level is `fanout` aliases of the level below (10**9 leaves)."""
    items = ['&l0 "lol"'] + [f"&l{level} [{', '.join([f'*l{level - 1}'] * fanout)}]" for level in range(1, levels + 1)]
    return "[" + ", ".join(items) + "]"


def flat_fanout(count: int = 20000) -> str:
    """Aliases used in two flat levels: a 160 KB file that made validation walk 400M values."""
    notes = ", ".join(["*s"] * count)
    model = (
        '&m {id: "x", brand: "b", name: "n", confidence: "high", sources: ["https://e.com"], '
        f'notes: [&s "a", {notes}]}}'
    )
    return f"schema_version: 1\nmodels: [{model}, {', '.join(['*m'] * count)}]\n"


DEEP = 100_000  # the C YAML composer segfaulted at ~25k levels
# Our composer refuses depth past 64 with its own words; since PyYAML 6.0.3 libyaml's scanner
# refuses deep *flow* nesting itself, before any event reaches us, in libyaml's words. Either
# way the user gets exit 5 and one located line, which is the contract these tests pin.
TOO_DEEP = ("nested more than 64 levels", "nesting depth")
MODEL_LINE = '  - {id: "acme-one", brand: "Acme", name: "One", confidence: "high", sources: ["https://e.com"]'


def one_model(more_fields: str) -> bytes:
    """A catalog of one flow-style entry that ends with more_fields (', notes: [...]')."""
    return f"schema_version: 1\nmodels:\n{MODEL_LINE}{more_fields}}}\n".encode()


HOSTILE_FILES: list = [
    # (id, file content: bytes, or None for no file, or "dir"; a fragment of the one-line message)
    ("missing-file", None, "no such file"),
    ("directory", "dir", "is a directory"),
    ("empty-file", b"", "empty"),
    ("whitespace-only", b"  \n\t\n\n", "empty"),
    ("comments-only", b"# a catalog\n   # nothing else\n", "empty"),
    ("byte-order-mark-only", b"\xef\xbb\xbf", "empty"),
    ("latin-1-text", "schema_version: 1\nmodels: [caf\xe9]\n".encode("latin-1"), "not valid UTF-8 (byte 0xe9)"),
    ("utf-16-text", "schema_version: 1\n".encode("utf-16"), "binary file"),
    ("png-header", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file"),
    ("nul-in-text", b"schema_version: 1\nmodels: []\x00\n", "binary file"),
    ("raw-escape-byte", b'schema_version: 1\nmodels: ["\x1b[31mred"]\n', "U+001B"),
    ("document-is-a-list", b"- id: x\n- id: y\n", "must be a mapping of field: value, not a list"),
    ("document-is-a-scalar", b"just some text\n", "must be a mapping of field: value, not the value 'just some text'"),
    ("document-is-null", b"---\n", "not empty (null)"),
    ("document-end-only", b"...\n", "YAML"),
    ("two-documents", b"schema_version: 1\nmodels: []\n---\nschema_version: 1\n", "one YAML document"),
    ("python-tag-runs-nothing", b'!!python/object/apply:os.system ["touch PWNED"]\n', "must be a mapping"),
    ("circular-alias", b"schema_version: 1\nmodels: &m [*m]\n", "circular"),
    ("alias-bomb-top-level", f"schema_version: 1\nmodels: []\nlol: {laughs()}\n".encode(), "alias bomb"),
    ("alias-bomb-as-models", f"schema_version: 1\nmodels: {laughs()}\n".encode(), "alias bomb"),
    ("alias-bomb-in-a-model", one_model(f", notes: {laughs()}"), "alias bomb"),
    ("alias-bomb-in-a-field", one_model(f", field_sources: {{origin: {laughs()}}}"), "alias bomb"),
    ("alias-flat-fan-out", flat_fanout().encode(), "alias bomb"),
    ("deep-flow-lists", b"[" * DEEP + b"]" * DEEP, TOO_DEEP),
    ("deep-flow-unclosed", b"[" * DEEP, TOO_DEEP),
    ("deep-flow-mappings", b"{a: " * DEEP + b"}" * DEEP, TOO_DEEP),
    ("deep-block-lists", b"- " * DEEP + b"x\n", TOO_DEEP),
    ("deep-lists-with-siblings", b"[[], " * DEEP + b"]" * DEEP, TOO_DEEP),
    ("deep-lists-quoted-closers", b'["]", ' * DEEP + b"]" * DEEP, TOO_DEEP),
    ("deep-inside-a-field", one_model(", notes: " + "[" * DEEP + "]" * DEEP), TOO_DEEP),
    ("huge-key", b"schema_version: 1\nmodels: []\n" + b"k" * 1_000_000 + b": 1\n", "YAML syntax error"),
    (
        "many-problems",
        b"schema_version: 1\nmodels: []\n" + b"".join(b"k%d: 1\n" % i for i in range(300_000)),
        "stopped after 1000 problems",
    ),
]
DANGEROUS = {"alias-", "deep-", "many-", "huge-"}  # only ever run these in a subprocess


def _alternatives(fragment: str | tuple[str, ...]) -> tuple[str, ...]:
    return (fragment,) if isinstance(fragment, str) else fragment


def _place(tmp_path: Path, content: bytes | str | None) -> Path:
    path = tmp_path / "hostile.yaml"
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize(("content", "fragment"), [pytest.param(*case[1:], id=case[0]) for case in HOSTILE_FILES])
def test_hostile_file_is_refused_in_bounded_time(tmp_path: Path, content: bytes | str | None, fragment: str) -> None:
    """A broken or malicious catalog gives one clear line per problem, exit 5, and no traceback or crash."""
    path = _place(tmp_path, content)
    done = usashoes("catalog", "validate", str(path), cwd=tmp_path)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == ExitCode.CATALOG_INVALID, (
        f"exit {done.returncode} (negative: killed by a signal)\n{stderr[:2000]}"
    )
    assert done.stdout == b""
    assert "Traceback" not in stderr and "internal error" not in stderr.lower()
    lines = stderr.splitlines()
    assert 1 <= len(lines) <= 1001 and all(line.startswith(f"{path}") for line in lines), lines[:5]
    assert all(len(line) < 500 for line in lines), "a problem line echoes too much of the file"
    assert any(option in stderr for option in _alternatives(fragment)), lines[:5]
    assert not unsafe_in(stderr)
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        pytest.param(*case[1:], id=case[0])
        for case in HOSTILE_FILES
        if not any(case[0].startswith(p) for p in DANGEROUS)
    ],
)
def test_hostile_file_as_the_catalog_in_use(tmp_path: Path, content: bytes | str | None, fragment: str) -> None:
    """`usashoes --catalog FILE list` and $USASHOES_CATALOG refuse the same files the same way."""
    path = _place(tmp_path, content)
    for result in (invoke("--catalog", str(path), "list"), invoke("show", "x", env={"USASHOES_CATALOG": str(path)})):
        assert result.exit_code == ExitCode.CATALOG_INVALID, result.stdout + result.stderr
        assert result.stdout == "" and any(option in result.stderr for option in _alternatives(fragment))
        assert all(line.startswith(str(path)) for line in result.stderr.splitlines())


# =================================================================================================
# Untrusted text inside a catalog: printed as text, never as markup or terminal control
# =================================================================================================
EVIL = {
    "name": "[bold red]x[/] \x1b[31mred\x1b[0m",
    "brand": "[/] Brand \u202eevil\u202c",
    "version": "v1\x1b]0;owned title\x07",
    "aliases": ["[link=https://evil.example]click[/link]", "tab\tand\nnewline", "\x9b31mcsi"],
    "style_codes": ["M990\x1b[5m"],
    "label": "Made in USA [bold]honest[/bold] \x1b[32m",
    "made_in": "\r\x1b[1A overwrite \u2066isolate\u2069",
    "description": "desc \x1b[2J clear \x7f del \x00 nul :shoe: [/]",
    "features": ["[red]f[/red]"],
    "midsole": "\x1b[8mhidden",
    "notes": ["[/]", "bell \x07 and \x1b[5m blink"],
}
EVIL_CATALOG = (
    "schema_version: 1\nmodels:\n"
    + "".join(
        f"  - {key}: {json.dumps(value)}\n" if key == "id" else f"    {key}: {json.dumps(value)}\n"
        for key, value in [
            ("id", "evil-one"),
            *EVIL.items(),
            ("origin", "made-in-usa"),
            ("weight", {"value": 10, "unit": "oz", "size": "[i]9[/i]\x1b[0m"}),
            ("msrp", {"usd": 150, "year": 2020}),
            ("confidence", "high"),
            ("sources", ["https://example.com/evil?q=\x1b[31m"]),
        ]
    )
    + '  - id: "plain-two"\n    brand: "Acme"\n    name: "Plain"\n    confidence: "low"\n    sources: ["https://example.com/two"]\n'
)

COMMANDS = {
    "list": ["list"],
    "show": ["show", "evil-one"],
    "compare": ["compare", "evil-one", "plain-two"],
    "explain": ["explain", "--model", "evil-one"],
}


@pytest.fixture
def evil_catalog(catalog_file: WriteCatalog) -> Path:
    return catalog_file(EVIL_CATALOG, "evil.yaml")


def test_evil_catalog_is_valid_and_loads_the_text_exactly(evil_catalog: Path) -> None:
    """The hostile strings are legal catalog text, so the rendering tests below really see them."""
    from usashoes.catalog import loader as catalog

    shoe = catalog.load_path(evil_catalog, use_cache=False).by_id["evil-one"]
    assert (shoe.name, shoe.brand, list(shoe.aliases), list(shoe.notes)) == (
        EVIL["name"],
        EVIL["brand"],
        EVIL["aliases"],
        EVIL["notes"],
    )


LITERAL = {
    "list": "[bold red]x[/]",
    "show": "[bold red]x[/]",
    "compare": "[bold]honest[/bold]",
    "explain": "[bold]honest[/bold]",
}  # markup each command shows from the evil entry


@pytest.mark.parametrize(
    ("command", "output"),
    [
        ("list", "table"),
        ("list", "lines"),
        ("show", "table"),
        ("show", "lines"),
        ("compare", "table"),
        ("compare", "lines"),
        ("explain", "table"),
        ("explain", "lines"),
    ],
)
def test_catalog_text_cannot_drive_the_terminal(evil_catalog: Path, command: str, output: str) -> None:
    """Markup prints literally and escape/bidi characters are made visible, never sent raw."""
    columns = "160" if command == "list" else "80"  # the compact list at 80 columns shows ids, not names
    result = invoke("--catalog", str(evil_catalog), *COMMANDS[command], "--format", output, env={"COLUMNS": columns})
    assert result.exit_code == ExitCode.OK, result.stderr
    assert not unsafe_in(result.stdout), unsafe_in(result.stdout)
    assert not unsafe_in(result.stderr)
    # Shown as written, not styled; a table may wrap it, so compare without whitespace.
    assert squeeze(LITERAL[command]) in squeeze(result.stdout) and "[/" in result.stdout
    assert "\\x1b[3" in result.stdout  # an escape is visible as text


@pytest.mark.parametrize(("command", "fields"), [("list", 8), ("show", 2), ("compare", 3)])
def test_catalog_text_cannot_break_tab_separated_lines(evil_catalog: Path, command: str, fields: int) -> None:
    """Tabs and newlines inside catalog text never add columns or rows to the lines format."""
    result = invoke("--catalog", str(evil_catalog), *COMMANDS[command], "--format", "lines")
    assert result.exit_code == ExitCode.OK
    rows = [row for row in result.stdout.splitlines() if not row.startswith("note\t")]
    assert rows and all(len(row.split("\t")) == fields for row in rows), rows


@pytest.mark.parametrize("command", ["list", "show", "compare", "explain"])
def test_catalog_text_round_trips_through_json(evil_catalog: Path, command: str) -> None:
    """--json output parses and gives back every hostile string exactly, and is itself inert."""
    result = invoke("--catalog", str(evil_catalog), *COMMANDS[command], "--json")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert not unsafe_in(result.stdout)
    document = json.loads(result.stdout)
    record = {
        "list": lambda d: d[0] if d[0]["id"] == "evil-one" else d[1],
        "show": lambda d: d,
        "compare": lambda d: d["models"][0],
        "explain": lambda d: d["model"],
    }[command](document)
    assert record["id"] == "evil-one"
    assert {key: record[key] for key in EVIL} == EVIL
    assert record["weight_size"] == "[i]9[/i]\x1b[0m"


ESCAPE = "\x1b[31mred\u202e\x9b2J"
USER_INPUT = [
    # (arguments with hostile user text, expected exit code)
    (["show", ESCAPE], ExitCode.NOT_FOUND),
    (["compare", ESCAPE, "990v5"], ExitCode.NOT_FOUND),
    (["search", ESCAPE], ExitCode.OK),
    (["explain", ESCAPE], ExitCode.NOT_FOUND),
    (["explain", "--model", ESCAPE], ExitCode.NOT_FOUND),
    (["list", "--brand", ESCAPE], ExitCode.OK),
    (["list", "--origin", ESCAPE], ExitCode.USAGE),
    (["list", "--max-price", ESCAPE], ExitCode.USAGE),
    (["list", "--sort", ESCAPE], ExitCode.USAGE),
    (["--catalog", ESCAPE, "list"], ExitCode.CATALOG_INVALID),
    (["catalog", "validate", ESCAPE], ExitCode.CATALOG_INVALID),
    ([ESCAPE], ExitCode.USAGE),
    (["explain", "--label", ESCAPE], ExitCode.OK),
]


@pytest.mark.parametrize(("args", "code"), USER_INPUT)
def test_user_input_echoed_in_messages_is_inert(args: list[str], code: ExitCode) -> None:
    """What a user typed (or pasted) is echoed with escapes visible, never raw."""
    result = invoke(*args)
    assert result.exit_code == code, result.stdout + result.stderr
    assert not unsafe_in(result.stderr), result.stderr
    assert not unsafe_in(result.stdout), result.stdout


# =================================================================================================
# Bad options: USAGE, the valid values on stderr, nothing on stdout
# =================================================================================================
BAD_OPTIONS = [
    # (arguments, words the error must contain)
    (["list", "--max-price", "abc"], ["--max-price", "'abc'", "e.g. 200"]),
    (["list", "--min-price", "-5"], ["--min-price", "e.g. 200"]),
    (["list", "--max-weight", "12kg"], ["--max-weight", "'12kg'", "13.5oz", "380g"]),
    (["list", "--max-weight", "nan"], ["--max-weight", "13.5oz"]),
    (["list", "--origin", "mars"], ["--origin", "'mars'", *origin_choices()]),
    (["list", "--limit", "-1"], ["--limit", "-1", ">=1"]),
    (["list", "--limit", "many"], ["--limit", "'many'"]),
    (["list", "--sort", "colour"], ["--sort", "'colour'", *(key.value for key in SortKey)]),
    (["list", "--activity", "swimming"], ["--activity", "'swimming'", *Activity.values()]),
    (["list", "--support", "firm"], ["--support", *Support.values()]),
    (["list", "--status", "gone"], ["--status", *Status.values()]),
    (["list", "--format", "xml"], ["--format", *(f.value for f in Format)]),
    (["filter", "--origin", "usa"], ["--origin", Origin.MADE_IN_USA.value]),
    (["search", "990", "--activity", "swimming"], ["--activity", *Activity.values()]),
]


@pytest.mark.parametrize(("args", "words"), BAD_OPTIONS, ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_bad_option_is_a_usage_error_naming_valid_values(args: list[str], words: list[str]) -> None:
    """A mistyped option value exits 2 and says which values would work; stdout stays empty."""
    result = invoke(*args)
    assert result.exit_code == ExitCode.USAGE, result.stdout + result.stderr
    assert result.stdout == ""
    missing = [word for word in words if word not in result.stderr]
    assert not missing, f"{missing} not in {result.stderr!r}"
    assert "Traceback" not in result.stderr


# =================================================================================================
# Pipes and terminals
# =================================================================================================
def _many_models(count: int = 3000) -> str:
    """Enough output to overflow a pipe, so a closed reader surely breaks the pipe."""
    rows = [f"{MODEL_LINE.replace('acme-one', f'acme-{i}')}}}" for i in range(count)]
    return "schema_version: 1\nmodels:\n" + "\n".join(rows) + "\n"


def _pipe_to_head(args: list[str], env: dict[str, str] | None = None) -> tuple[int, bytes, bytes]:
    """`usashoes ARGS | head -1` as two real processes; the exit code, head's output and our stderr."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("PYTHONUNBUFFERED", None)
    producer = subprocess.Popen(
        [sys.executable, "-m", "usashoes", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=full_env
    )
    head = subprocess.Popen(["head", "-1"], stdin=producer.stdout, stdout=subprocess.PIPE)
    producer.stdout.close()  # type: ignore[union-attr]  # head alone holds the read end now
    try:
        first, _ = head.communicate(timeout=TIMEOUT)
        stderr = producer.stderr.read()  # type: ignore[union-attr]
        code = producer.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        producer.kill()
        head.kill()
        pytest.fail(f"usashoes {' '.join(args)} | head -1 did not finish in {TIMEOUT} s")
    return code, first, stderr


@pytest.mark.parametrize(
    "args", [["list"], ["list", "--format", "table"], ["list", "--json"], ["show", "990v5"], ["explain"]]
)
def test_pipe_into_head_exits_quietly(args: list[str]) -> None:
    """`usashoes list | head -1` prints one line and no traceback or complaint."""
    code, first, stderr = _pipe_to_head(args)
    assert first.count(b"\n") == 1 and first.strip(), first
    assert stderr == b"", stderr.decode("utf-8", "replace")
    assert code >= 0, f"killed by signal {-code}"


@pytest.mark.parametrize("output", ["lines", "table", "json", "csv"])
def test_broken_pipe_exits_ok(catalog_file: WriteCatalog, output: str) -> None:
    """A reader that stops early is not a failure: the exit code stays OK."""
    path = catalog_file(_many_models(), "many.yaml")
    code, first, stderr = _pipe_to_head(["--catalog", str(path), "list", "--format", output])
    assert stderr == b"" and first
    assert code == ExitCode.OK


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--format", "table"],
        ["list", "--json"],
        ["catalog", "validate"],
        ["--version"],
    ],
)
def test_closed_stdout_gives_no_traceback(args: list[str]) -> None:
    """`usashoes list >&-` must not dump a traceback or call itself buggy."""
    shell = 'exec "$0" -m usashoes "$@" >&-'  # run with file descriptor 1 closed
    done = subprocess.run(["sh", "-c", shell, sys.executable, *args], stderr=subprocess.PIPE, timeout=TIMEOUT)
    stderr = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr and "internal error" not in stderr.lower(), stderr
    assert done.returncode >= 0


WIDTH_CASES = [  # (arguments, model ids the table must show whole)
    (["list"], ["nb-990v5", "nb-1540v3"]),
    (["show", "1540v3"], ["nb-1540v3"]),
    (["compare", "990v5", "993"], ["nb-990v5", "nb-993"]),
    (["compare", "990v5", "993", "1540v3"], ["nb-990v5", "nb-993", "nb-1540v3"]),
    (["explain"], []),
    (["catalog", "info"], []),
]


@pytest.mark.parametrize(
    ("args", "ids", "columns"),
    [
        pytest.param(args, ids, columns, id=f"{' '.join(args)}-{columns}")
        for args, ids in WIDTH_CASES
        for columns in (40, 400)
    ],
)
def test_tables_fit_narrow_and_wide_terminals(args: list[str], ids: list[str], columns: int) -> None:
    """At 40 and 400 columns a table renders, fits the width, and shows every model id whole."""
    result = invoke(*args, "--format", "table", env={"COLUMNS": str(columns)})
    assert result.exit_code == ExitCode.OK, result.stderr
    # A URL longer than the whole line runs past the edge on a line of its own rather than
    # split: the terminal wraps it softly, so the URL stays whole to click and copy.
    width = max(len(line) for line in result.stdout.splitlines() if not line.startswith(("http://", "https://")))
    assert 0 < width <= columns
    cells = set(re.split(r"[\s│|]+", result.stdout))
    assert all(model_id in cells for model_id in ids), [m for m in ids if m not in cells]


COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")
TABLE_COMMANDS = [["list"], ["show", "990v5"], ["compare", "990v5", "1540v3"]]


@pytest.mark.parametrize("args", TABLE_COMMANDS, ids=lambda a: a[0])
def test_forced_colour_terminal_shows_colour(args: list[str]) -> None:
    """Baseline for the two tests below: FORCE_COLOR=1 makes Rich style the table (compare marks in green)."""
    result = invoke(*args, "--format", "table", env={"FORCE_COLOR": "1", "COLUMNS": "100"})
    assert "\x1b[" in result.stdout
    if args[0] == "compare":
        assert COLOUR.search(result.stdout)


@pytest.mark.parametrize("args", TABLE_COMMANDS, ids=lambda a: a[0])
def test_no_color_removes_colour(args: list[str]) -> None:
    """NO_COLOR=1 removes every colour code even on a colour terminal (and bold: test_hostile_output)."""
    result = invoke(*args, "--format", "table", env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "100"})
    assert result.exit_code == ExitCode.OK
    assert not COLOUR.search(result.stdout), COLOUR.findall(result.stdout)[:5]


@pytest.mark.parametrize("args", TABLE_COMMANDS, ids=lambda a: a[0])
def test_dumb_terminal_gets_no_escape_codes(args: list[str]) -> None:
    """TERM=dumb gets plain text: no escape sequence at all."""
    result = invoke(*args, "--format", "table", env={"FORCE_COLOR": "1", "TERM": "dumb", "COLUMNS": "100"})
    assert result.exit_code == ExitCode.OK
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--format", "table"],
        ["show", "990v5"],
        ["show", "990v5", "--format", "table"],
        ["compare", "990v5", "993"],
        ["compare", "990v5", "993", "--format", "table"],
        ["explain"],
        ["explain", "nb-70"],
        ["explain", "--model", "990v5"],
        ["explain", "--format", "table"],
        ["catalog", "info", "--format", "table"],
        ["search", "nb 990"],
    ],
    ids=lambda a: " ".join(a),
)
def test_ascii_only_stdout(args: list[str]) -> None:
    """With PYTHONIOENCODING=ascii every command still works and prints pure ASCII."""
    done = usashoes(*args, env={"PYTHONIOENCODING": "ascii", "COLUMNS": "100"})
    assert done.returncode == ExitCode.OK, done.stderr.decode("ascii", "replace")
    assert done.stdout and done.stdout.isascii()
    assert done.stderr.isascii()


def test_csv_output_cannot_drive_the_terminal(evil_catalog: Path) -> None:
    """CSV often lands on a terminal: catalog escape and bidi characters arrive as visible text."""
    result = invoke("--catalog", str(evil_catalog), "list", "--format", "csv")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert not unsafe_in(result.stdout), unsafe_in(result.stdout)
    assert "\\x1b" in result.stdout  # shown, not dropped


# =================================================================================================
# Stress: nothing lost, nothing stale, nothing trusted blindly (output, cache, resolver, messages)
# =================================================================================================
def _cache_env(tmp_path: Path) -> dict[str, str]:
    cache_dir = tmp_path / "cache"
    return {"USASHOES_CACHE_DIR": str(cache_dir)}


def _sh(script: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a shell script with $PY set to this interpreter (for ulimit, /dev/full, closed fds)."""
    full_env = {**os.environ, **(env or {}), "PY": sys.executable}
    full_env.pop("PYTHONUNBUFFERED", None)
    try:
        return subprocess.run(
            ["sh", "-c", script, "sh", *args], capture_output=True, timeout=TIMEOUT, env=full_env, check=False
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"{script} took more than {TIMEOUT} s: {error}")


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--json"],
        ["list", "--format", "jsonl"],
        ["list", "--format", "csv"],
        ["list"],
        ["list", "--format", "table"],
        ["show", "990v5", "--json"],
        ["compare", "990v5", "993", "--json"],
        ["explain", "--json"],
    ],
)
def test_file_size_limit_is_an_error_not_a_truncated_output(tmp_path: Path, args: list[str]) -> None:
    """`ulimit -f`: the command writes everything or exits WRITE_FAILED with a message; never 0 and cut."""
    out = tmp_path / "out"
    done = _sh('ulimit -f 1 && exec "$PY" -m usashoes "$@" > "$OUT"', *args, env={"OUT": str(out), "COLUMNS": "100"})
    size = out.stat().st_size
    full = usashoes(*args, env={"COLUMNS": "100"}).stdout
    assert len(full) > 1024, "the case needs an output bigger than the limit (512 or 1024 bytes)"
    assert done.returncode == ExitCode.WRITE_FAILED, (done.returncode, size)
    assert b"cannot write" in done.stderr.lower() and b"Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["-V"],
        ["list", "--json"],
        ["list"],
        ["show", "993"],
        ["catalog", "info"],
        ["explain", "nb-70"],
        ["--help"],
        ["list", "--help"],
        [],
    ],
)
def test_full_disk_is_an_error(args: list[str]) -> None:
    """`> /dev/full` (ENOSPC) exits WRITE_FAILED with a message, not 0 and not 'a bug'."""
    done = _sh('exec "$PY" -m usashoes "$@" > /dev/full', *args)
    assert done.returncode == ExitCode.WRITE_FAILED, done.stderr
    assert b"cannot write the output" in done.stderr.lower() and b"bug" not in done.stderr


@pytest.mark.parametrize(
    ("redirect", "args", "code"),
    [
        ("2>&-", ["show", "zzzz"], ExitCode.NOT_FOUND),
        ("2>/dev/full", ["show", "zzzz"], ExitCode.NOT_FOUND),
        ("2>&-", ["list", "--origin", "nowhere"], ExitCode.USAGE),
        ("2>/dev/full", ["compare", "990"], ExitCode.USAGE),
        ("2>/dev/full", ["--catalog", "/nonexistent.yaml", "list"], ExitCode.CATALOG_INVALID),
    ],
)
def test_exit_code_survives_a_closed_or_full_stderr(redirect: str, args: list[str], code: ExitCode) -> None:
    done = _sh(f'exec "$PY" -m usashoes "$@" {redirect}', *args)
    assert done.returncode == code


def test_newline_in_a_path_stays_on_one_problem_line(tmp_path: Path) -> None:
    """A newline inside a file name must not make one problem look like two."""
    path = tmp_path / "bad\nname.yaml"
    path.write_text("schema_version: 1\nmodels: [1]\n")
    done = usashoes("catalog", "validate", str(path))
    lines = done.stderr.decode().splitlines()
    assert done.returncode == ExitCode.CATALOG_INVALID
    assert len(lines) == 1 and "bad\\nname.yaml:2" in lines[0], lines


def test_ctrl_c_exits_130_with_a_message(tmp_path: Path) -> None:
    """SIGINT while the catalog is read (here: a FIFO nobody writes) gives exit 130 and 'interrupted'."""
    import signal

    fifo = tmp_path / "catalog.fifo"
    os.mkfifo(fifo)
    env = {**os.environ, **_cache_env(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "usashoes", "--catalog", str(fifo), "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    # Readiness, not a sleep (a sleep lost the race on a loaded machine): a non-blocking open
    # for writing succeeds only once the run has the FIFO open for reading. Holding that end
    # open and writing nothing keeps the run blocked reading its catalog when SIGINT comes.
    writer = _open_when_read(fifo, process)
    try:
        process.send_signal(signal.SIGINT)
        try:
            out, err = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail("SIGINT did not end the run")
    finally:
        os.close(writer)
    assert process.returncode == ExitCode.INTERRUPTED
    assert b"interrupted" in err.lower() and b"Traceback" not in err and out == b""


def _open_when_read(fifo: Path, process: subprocess.Popen[bytes]) -> int:
    """The FIFO's write end, opened as soon as the process has opened it for reading."""
    import errno
    import time

    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the run ended before reading the FIFO: {process.communicate()}")
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:
            if error.errno != errno.ENXIO:  # ENXIO: no reader yet
                raise
        time.sleep(0.02)
    process.kill()
    pytest.fail("the run never opened its catalog FIFO")


@pytest.mark.parametrize(
    "query", ["1 " * 1000, "9" * 10_000, "990 " * 30_000, "a b c d e f g h i j k l m n o p q r", "x" * 130_000]
)
@pytest.mark.parametrize("command", [["search"], ["show"], ["compare", "990v5"], ["explain", "--model"]])
def test_long_query_is_a_quick_usage_error_echoing_only_a_prefix(command: list[str], query: str) -> None:
    """A pasted page as a query: exit USAGE at once (not minutes and gigabytes), a short echo only."""
    done = usashoes(*command, query)
    assert done.returncode == ExitCode.USAGE, done.stderr[:300]
    assert done.stdout == b"" and len(done.stderr) < 400, done.stderr[:400]


def test_repeated_number_tokens_are_deduplicated() -> None:
    """'993 993 993' asks for the 993 once: the same hits as '993'."""
    one, many = usashoes("search", "993", "--json"), usashoes("search", "993 " * 10, "--json")
    assert many.returncode == ExitCode.OK
    assert [r["id"] for r in json.loads(many.stdout)] == [r["id"] for r in json.loads(one.stdout)]


def _clashing_catalog() -> str:
    """Two models that share brand, name and version, and an alias that is a third model's id."""
    entry = (
        '  - {{id: "{id}", brand: "Saucony", name: "400", version: "v2", confidence: "low", '
        'sources: ["https://e.org/{id}"]{more}}}\n'
    )
    return (
        "schema_version: 1\nmodels:\n"
        + entry.format(id="saucony-400v2", more="")
        + entry.format(id="saucony-400v2-2", more="")
        + entry.format(id="saucony-500", more=', aliases: ["saucony-400v2"], style_codes: ["SAUCONY-400V2-2"]')
    )


@pytest.mark.parametrize("model_id", ["saucony-400v2", "saucony-400v2-2", "saucony-500", "SAUCONY-400V2"])
def test_an_exact_id_always_names_its_model(catalog_file: WriteCatalog, model_id: str) -> None:
    path = catalog_file(_clashing_catalog())
    done = usashoes("--catalog", str(path), "show", model_id, "--json")
    assert done.returncode == ExitCode.OK, done.stderr
    assert json.loads(done.stdout)["id"] == model_id.lower()
    both = usashoes("--catalog", str(path), "compare", "saucony-400v2", "saucony-400v2-2", "--json")
    assert both.returncode == ExitCode.OK, both.stderr


def test_validate_warns_about_aliases_that_are_other_ids(catalog_file: WriteCatalog) -> None:
    """Legal but confusing: a warning per name, located, and the catalog is still valid (exit 0)."""
    path = catalog_file(_clashing_catalog())
    done = usashoes("catalog", "validate", str(path))
    warnings = done.stderr.decode().splitlines()
    assert done.returncode == ExitCode.OK
    assert len(warnings) == 2 and all(line.startswith(f"{path}:5: warning:") for line in warnings), warnings
    assert "'saucony-400v2'" in warnings[0] and "'SAUCONY-400V2-2'" in warnings[1]
    report = json.loads(usashoes("catalog", "validate", str(path), "--json").stdout)
    assert report["valid"] and len(report["warnings"]) == 2


@pytest.mark.parametrize(
    "args",
    [
        ["catalog", "validate", ""],
        ["--catalog", "", "list"],
        ["--catalog", "", "catalog", "validate"],
        ["--catalog", "", "show", "993"],
    ],
)
def test_empty_path_is_a_usage_error(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """An unset variable ("$FILE") must not validate or use the bundled catalog instead."""
    monkeypatch.delenv("USASHOES_CATALOG")  # the bundled catalog is the one it must not fall back to
    done = usashoes(*args)
    assert done.returncode == ExitCode.USAGE, done.stdout[:200]
    assert done.stdout == b"" and b"empty" in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["catalog", "validate", "{}"],
        ["catalog", "validate", "{}", "--json"],
        ["--catalog", "{}", "catalog", "info"],
        ["--catalog", "{}", "catalog", "info", "--json"],
        ["explain", "--label", "Made in caf\udce9 USA", "--json"],
        ["explain", "--label", "Made in caf\udce9 USA"],
        ["show", "caf\udce9"],
    ],
)
def test_undecodable_bytes_are_escaped_in_every_format(tmp_path: Path, args: list[str]) -> None:
    """A non-UTF-8 file name or argument under a strict UTF-8 stdout: escaped text, strict-valid JSON."""
    path = tmp_path / "caf\udce9.yaml"
    path.write_text(BASE)
    argv = [arg.replace("{}", str(path)) for arg in args]
    done = usashoes(*argv, env={"PYTHONIOENCODING": "utf-8"})
    assert done.returncode in (ExitCode.OK, ExitCode.NOT_FOUND), done.stderr
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")  # strict: raises on bad bytes
    assert "Traceback" not in err
    if "--json" in args:
        text = json.dumps(json.loads(out))
        assert "\\udc" not in text, text
    assert "\\xe9" in out + err or "\\udce9" in out + err  # shown as an escape, never raw


@pytest.mark.parametrize("columns", ["0", "1", "10", "20", "29"])
@pytest.mark.parametrize("args", [["list"], ["show", "990v5"], ["compare", "990v5", "993"], ["catalog", "info"]])
def test_tiny_terminal_keeps_every_value(args: list[str], columns: str) -> None:
    """COLUMNS=0 printed nothing, 20 columns lost the ids: every id (and value) is still shown whole."""
    done = usashoes(*args, "--format", "table", env={"COLUMNS": columns})
    assert done.returncode == ExitCode.OK
    text = done.stdout.decode()
    ids = {
        "list": ["nb-990v5", "nb-1540v3", "nb-993"],
        "show": ["nb-990v5"],
        "compare": ["nb-990v5", "nb-993"],
        "catalog": ["made-in-usa"],
    }[args[0]]
    assert all(model_id in text for model_id in ids), text[:500]
    if args[0] == "list":
        assert text.count("\nID: ") + text.startswith("ID: ") == json.loads(usashoes("list", "--json").stdout).__len__()


@pytest.mark.parametrize("value", ["0", "", "false", "no", "off"])
def test_no_cache_values_that_keep_the_cache(tmp_path: Path, value: str) -> None:
    env = {**_cache_env(tmp_path), "USASHOES_NO_CACHE": value}
    assert usashoes("list", env=env).returncode == ExitCode.OK
    assert list((tmp_path / "cache").glob("*.json"))


@pytest.mark.parametrize("value", ["1", "true", "YES", "on"])
def test_no_cache_values_that_bypass_it(tmp_path: Path, value: str) -> None:
    env = {**_cache_env(tmp_path), "USASHOES_NO_CACHE": value}
    assert usashoes("list", env=env).returncode == ExitCode.OK
    assert not (tmp_path / "cache").exists()


def test_relative_xdg_cache_home_is_ignored(tmp_path: Path) -> None:
    """The XDG spec: a relative XDG_CACHE_HOME is invalid; no cache appears in the working directory."""
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    env = {"XDG_CACHE_HOME": "relative-cache", "HOME": str(home)}
    environment = {key: value for key, value in {**os.environ, **env}.items() if key != "USASHOES_CACHE_DIR"}
    done = subprocess.run(
        [sys.executable, "-m", "usashoes", "list"],
        cwd=work,
        capture_output=True,
        timeout=TIMEOUT,
        env=environment,
        check=False,
    )
    assert done.returncode == ExitCode.OK
    assert not list(work.iterdir())
    assert list((home / ".cache" / "usashoes").glob("*.json"))


def test_catalog_from_a_pipe_is_not_cached(tmp_path: Path) -> None:
    env = _cache_env(tmp_path)
    done = usashoes("--catalog", "/dev/stdin", "list", "--json", env=env, input=BASE.encode())
    assert done.returncode == ExitCode.OK and json.loads(done.stdout)[0]["id"] == "acme-one"
    assert not list((tmp_path / "cache").glob("*.json"))


def test_json_catalog_is_accepted(tmp_path: Path) -> None:
    """JSON is YAML: a JSON catalog validates and loads, as the README says."""
    path = tmp_path / "catalog.json"
    path.write_text(
        json.dumps(
            {
                "schema_version": 1,
                "models": [
                    {
                        "id": "acme-one",
                        "brand": "Acme",
                        "name": "One",
                        "confidence": "high",
                        "sources": ["https://e.com/1"],
                    }
                ],
            }
        )
    )
    assert usashoes("catalog", "validate", str(path)).returncode == ExitCode.OK
    assert json.loads(usashoes("--catalog", str(path), "list", "--json").stdout)[0]["id"] == "acme-one"


def test_search_by_brand_abbreviation_finds_the_brand() -> None:
    """`search nb` lists New Balance models (nb is the documented abbreviation), and resolves none alone."""
    hits = json.loads(usashoes("search", "nb", "--json").stdout)
    assert len(hits) > 10 and all(hit["brand"] == "New Balance" for hit in hits)
    assert usashoes("show", "nb").returncode != ExitCode.OK


@pytest.mark.parametrize("value", ["MADE-IN-USA", "Imported", "UNKNOWN"])
def test_origin_option_is_case_insensitive(value: str) -> None:
    done = usashoes("list", "--origin", value, "--json")
    assert done.returncode == ExitCode.OK
    origins = {record["origin"] for record in json.loads(done.stdout)}
    assert origins == ({None} if value == "UNKNOWN" else {value.lower()})


def test_csv_list_cells_split_back_into_their_items() -> None:
    """List items contain '; ' and commas: each list cell is a JSON array that gives back the items."""
    import csv
    import io

    records = json.loads(usashoes("list", "--json").stdout)
    rows = list(csv.DictReader(io.StringIO(usashoes("list", "--format", "csv").stdout.decode())))
    assert any("; " in note for record in records for note in record["notes"])
    for record, row in zip(records, rows, strict=True):
        for field in ("aliases", "style_codes", "activities", "features", "notes", "sources"):
            assert json.loads(row[field]) == record[field], (record["id"], field)


def test_line_separators_are_escaped_in_piped_lines(catalog_file: WriteCatalog) -> None:
    """U+2028/U+2029 split lines for str.splitlines and many viewers: shown escaped."""
    path = catalog_file(BASE.replace('name: "One"', 'name: "One\\u2028Two\\u2029Three"'))
    done = usashoes("--catalog", str(path), "list")
    text = done.stdout.decode()
    assert "\u2028" not in text and "\u2029" not in text and "\\u2028" in text
    assert len(text.splitlines()) == 1


def test_syntax_error_names_where_the_construct_started(catalog_file: WriteCatalog) -> None:
    """An unclosed '[' is found lines later: the message gives both places."""
    path = catalog_file(BASE + '    notes: ["one", "two"\n    features: ["x"]\n')
    done = usashoes("catalog", "validate", str(path))
    (line,) = done.stderr.decode().splitlines()
    assert done.returncode == ExitCode.CATALOG_INVALID
    assert re.match(rf"{re.escape(str(path))}:9:\d+: ", line), line
    assert "line 8, column 12" in line, line


def test_lone_surrogate_escape_in_the_catalog_is_a_located_problem(catalog_file: WriteCatalog) -> None:
    path = catalog_file(BASE.replace('name: "One"', 'name: "caf\\udce9"'))
    done = usashoes("catalog", "validate", str(path))
    assert done.returncode == ExitCode.CATALOG_INVALID
    assert f"{path}:5:" in done.stderr.decode() and "surrogate" in done.stderr.decode()

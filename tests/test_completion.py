"""Completion through the shells' protocols: catalog text is data, prefixes ignore case, no crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from usashoes import complete, fastcomplete

HOSTILE = """\
schema_version: 1
models:
  - id: acme-zoom
    brand: Acme
    name: "Zoom [/] [bold]x\\e]52;c;aGk=\\a"
    origin: made-in-usa
    confidence: high
    description: A plain shoe
    sources: [https://example.com/zoom]
    aliases:
      - "Zoom2"
      - "osc\\e]8;;https://evil\\a"
      - "bel\\a"
      - "rlo\\u202eoom"
      - "alm\\u061coom"
      - "$(touch pwned)"
      - "`id`"
      - "a;rm"
      - "*"
      - "men's"
      - "two words"
      - "x=y"
      - "[/]"
  - id: softstar-runamoc
    brand: Softstar
    name: Runamoc
    origin: made-in-usa
    confidence: high
    description: A soft shoe
    sources: [https://example.com/runamoc]
  - id: new-balance-990
    brand: New Balance
    name: "990"
    origin: made-in-usa
    confidence: high
    description: Gray
    sources: [https://example.com/990]
"""

SAFE_ALIASES = {"acme-zoom", "Zoom2"}


def _shell(shell: str, words: str, env: dict[str, str], extra: dict[str, str] | None = None):
    """Run one TAB as the given shell's completion script would; words as typed so far."""
    protocol = {"_USASHOES_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        protocol |= {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}
    else:
        protocol |= {"_TYPER_COMPLETE_ARGS": words}
        if shell == "fish":
            protocol["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "usashoes"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env, **protocol, **(extra or {})},
    )


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    catalog = tmp_path / "hostile.yaml"
    catalog.write_text(HOSTILE, encoding="utf-8")
    monkeypatch.setenv("USASHOES_CATALOG", str(catalog))
    return {"USASHOES_CATALOG": str(catalog)}


def test_shell_word_accepts_ids_and_refuses_what_a_shell_would_change() -> None:
    for word in ("nb-990v6", "990v6", "sas-time-out", "M990GL6", "a.b+c@d/e", "Brooks"):
        assert fastcomplete.shell_word(word), word
    for word in ("", "a b", "$(x)", "`x`", "a;b", "*", "men's", "a=b", "a:b", "~x", "#x", "-x", "a\x1bb", "a\u202eb"):
        assert not fastcomplete.shell_word(word), word
    assert not fastcomplete.shell_word("a\u061cb") and not fastcomplete.shell_word("a\u200fb")


@pytest.mark.parametrize("cache", ["full", "fast"])
def test_bash_is_offered_only_words_the_shell_reads_back_unchanged(
    hostile: dict[str, str], monkeypatch: pytest.MonkeyPatch, cache: str
) -> None:
    env = dict(hostile)
    if cache == "full":
        env["USASHOES_NO_CACHE"] = "1"
    else:
        monkeypatch.setattr(fastcomplete, "RECENT_NS", 0)
        complete.models(None, "")  # writes the candidates file the fast path reads
    for typed in ("", "a", "o", "b", "r", "$", "`", "*", "m", "t", "x", "["):
        done = _shell("bash", f"usashoes show {typed}", env)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        if typed not in ("$", "`"):  # quotes and escapes always go to the full path
            assert ("typer" in done.stderr) == (cache == "full"), typed  # -X importtime: which path answered
        offered = [word for word in done.stdout.split("\n") if word]
        assert all(fastcomplete.shell_word(word) for word in offered), (typed, offered)
        assert set(offered) <= SAFE_ALIASES | {"softstar-runamoc", "runamoc", "new-balance-990", "990"}
    assert {"acme-zoom", "softstar-runamoc", "new-balance-990"} <= set(
        _shell("bash", "usashoes show ", env).stdout.split()
    )


def test_an_old_candidates_file_with_hostile_values_is_not_trusted(hostile: dict[str, str], monkeypatch) -> None:
    monkeypatch.setattr(fastcomplete, "RECENT_NS", 0)
    complete.models(None, "")
    where = Path(os.environ["USASHOES_CACHE_DIR"]) / fastcomplete.MODELS_FILE
    header = where.read_text(encoding="utf-8").partition("\n")[0]
    where.write_text(header + "\nacme-zoom\tx\n$(touch pwned)\tx\n*\tx\n", encoding="utf-8")
    done = _shell("bash", "usashoes show ", hostile)
    assert done.stdout == "acme-zoom\n" and "typer" not in done.stderr


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_show_a_name_with_markup_as_plain_text(hostile: dict[str, str], shell: str) -> None:
    done = _shell(shell, "usashoes show a", {**hostile, "USASHOES_NO_CACHE": "1"})
    assert done.returncode == 0 and "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr
    assert "acme-zoom" in done.stdout and "[/]" in done.stdout
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout and "pwned" not in done.stdout


@pytest.mark.parametrize("cache", ["full", "fast"])
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("usashoes show SOFT", "softstar-runamoc"),
        ("usashoes show Acme", "acme-zoom"),
        ("usashoes list --brand soft", "Softstar"),
        ("usashoes list --brand new", "New"),
        ("usashoes list --origin MADE", "made-in-usa"),
        ("usashoes explain CA", "california"),
    ],
)
def test_prefixes_ignore_case(
    hostile: dict[str, str], monkeypatch: pytest.MonkeyPatch, cache: str, words: str, expected: str
) -> None:
    env = dict(hostile)
    if cache == "full":
        env["USASHOES_NO_CACHE"] = "1"
    else:
        monkeypatch.setattr(fastcomplete, "RECENT_NS", 0)
        complete.models(None, "")
    done = _shell("bash", words, env)
    assert expected in done.stdout.split("\n"), (words, done.stdout, done.stderr[-300:])
    for shell in ("zsh", "fish"):
        assert expected in _shell(shell, words, env).stdout, shell


def test_a_catalog_replaced_while_a_tab_loads_it_is_not_remembered_as_the_old_one(
    hostile: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from usashoes.catalog import loader

    monkeypatch.setattr(fastcomplete, "RECENT_NS", 0)
    catalog = Path(hostile["USASHOES_CATALOG"])
    real_load = loader.load

    def load_then_replace(*args, **kwargs):
        loaded = real_load(*args, **kwargs)
        replacement = catalog.with_name("next.yaml")
        replacement.write_text(HOSTILE.replace("acme-zoom", "acme-zoomx"), encoding="utf-8")
        os.replace(replacement, catalog)  # a new file (inode) with old enough timestamps for the cache
        os.utime(catalog, ns=(1_000_000_000, 1_000_000_000))
        return loaded

    monkeypatch.setattr(loader, "load", load_then_replace)
    assert ("acme-zoom", "Acme Zoom") in [(v, h[:9]) for v, h in complete.models(None, "acme")]
    monkeypatch.setattr(loader, "load", real_load)
    done = _shell("bash", "usashoes show acme", hostile)
    assert done.stdout == "acme-zoomx\n", done.stdout


@pytest.mark.parametrize(
    "env",
    [
        {"COMP_CWORD": "²"},
        {"COMP_CWORD": "-1"},
        {"COMP_WORDS": None},
        {"COLUMNS": "²"},
        {"LINES": "³"},
        {"COLUMNS": "²", "LINES": "³", "COMP_CWORD": "²"},
    ],
)
def test_odd_terminal_and_completion_variables_never_crash(hostile: dict[str, str], env: dict[str, str | None]) -> None:
    base = {**os.environ, **hostile, "_USASHOES_COMPLETE": "complete_bash", "COMP_WORDS": "usashoes show a"}
    base["COMP_CWORD"] = "2"
    for name, value in env.items():
        if value is None:
            base.pop(name)
        else:
            base[name] = value
    done = subprocess.run([sys.executable, "-m", "usashoes"], capture_output=True, text=True, check=False, env=base)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    if "COLUMNS" in env or "LINES" in env:
        del base["_USASHOES_COMPLETE"]
        for args in (["--help"], ["list", "--help"], ["list"], ["show", "acme-zoom"]):
            run = subprocess.run(
                [sys.executable, "-m", "usashoes", *args], capture_output=True, text=True, check=False, env=base
            )
            assert run.returncode == 0 and "Traceback" not in run.stderr and "Internal error" not in run.stderr, (
                args,
                run.stderr,
            )

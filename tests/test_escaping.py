"""Catalog and user text stay data in Markdown and in tab-separated output."""

from __future__ import annotations

from typer.testing import CliRunner

from usashoes.cli.app import app
from usashoes.errors import ExitCode

runner = CliRunner()

HOSTILE = """\
schema_version: 1
models:
  - id: acme-zoom
    brand: "Acme</td><td>X"
    name: "<script>alert(1)</script> & Co \\u061c"
    origin: made-in-usa
    confidence: high
    description: A plain shoe
    sources: [https://example.com/zoom]
"""


def run(*args: str, code: ExitCode = ExitCode.OK):
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert "Traceback" not in result.stderr
    return result


def test_markdown_makes_html_in_values_inert(catalog_file) -> None:
    path = str(catalog_file(HOSTILE))
    listing = run("--catalog", path, "list", "--format", "markdown").stdout
    assert "<" not in listing.replace("<br>", "") and "&lt;/td&gt;&lt;td&gt;X" in listing
    header, _, row = listing.splitlines()[:3]
    assert header.count(" | ") == row.replace("\\|", "").count(" | ")  # no extra cell
    shown = run("--catalog", path, "show", "acme-zoom", "--format", "markdown").stdout
    heading = shown.splitlines()[0]
    assert heading.startswith("## ") and "<script>" not in heading and "&lt;script&gt;" in heading
    assert "&amp; Co" in heading and "<script>" not in shown


def test_the_arabic_letter_mark_is_escaped_like_every_bidi_control(catalog_file) -> None:
    path = str(catalog_file(HOSTILE))
    for args in (["list"], ["show", "acme-zoom"], ["list", "--format", "markdown"]):
        out = run("--catalog", path, *args).stdout
        assert "\u061c" not in out and "\\u061c" in out, args


def test_a_newline_in_recommend_width_cannot_forge_lines_in_piped_output() -> None:
    """A width with a newline is no width: refused (as list refuses it), stdout empty, and the
    one message line shows the value escaped, so it cannot forge a line either."""
    done = run("recommend", "--width", "D\nnear-miss\tFAKE\tline", code=ExitCode.USAGE)
    assert done.stdout == ""
    assert not any(line.startswith("near-miss\tFAKE") for line in done.stderr.splitlines())
    assert "'D\\nnear-miss\\tFAKE\\tline' is not a width" in done.stderr

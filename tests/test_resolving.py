"""The one resolver every command shares: generic words, shared bare names and box codes.

Driven through each resolving command (show, compare, recommend --like, explain --model) on
the matching test set's catalog, and through Matcher for the rules themselves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from usashoes.catalog import loader as catalog
from usashoes.cli.app import app
from usashoes.errors import AmbiguousModel, ExitCode, ModelNotFound
from usashoes.matching import Matcher, generic_words

FIXTURE = Path(__file__).parent / "fixtures" / "matching.yaml"
MATCHER = Matcher(catalog.load_path(FIXTURE, use_cache=False).shoes)
runner = CliRunner()


def run(*args: str, code: ExitCode = ExitCode.OK):
    result = runner.invoke(app, ["--catalog", str(FIXTURE), *args])
    assert result.exit_code == code, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert "Traceback" not in result.stderr
    return result


# --- generic words -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("990v5 shoe", "nb-990v5"),
        ("the 993", "nb-993"),
        ("a 993 running shoe", "nb-993"),
        ("New Balance 990v6 made in USA", "nb-990v6"),
        ("my new 992 sneakers", "nb-992"),
        ("U.S.A. 998", "nb-998"),
        # a model's own name keeps its generic words; so does a brand's
        ("Speed Shoe", "victory-speed-shoe"),
        ("the victory trail runner", "victory-trail-runner"),
        ("new balance 1300", "nb-1300"),
    ],
)
def test_generic_words_are_ignored_for_resolving(query: str, expected: str) -> None:
    assert MATCHER.resolve(query).id == expected


@pytest.mark.parametrize("query", ["shoe", "usa", "made in usa", "the running shoe", "U.S.", "new"])
def test_a_query_of_generic_words_only_is_not_found_with_suggestions(query: str) -> None:
    """'show shoe' used to give a shoe named Shoe, 'show usa' the M1400: neither names a model."""
    with pytest.raises(ModelNotFound) as caught:
        MATCHER.resolve(query)
    assert "describe shoes in general" in str(caught.value)


def test_noise_around_a_generic_word_finds_nothing() -> None:
    """'zqxv-not-a-shoe' exited 0 with the Victory Speed Shoe, on the strength of 'shoe'."""
    with pytest.raises(ModelNotFound):
        MATCHER.resolve("zqxv-not-a-shoe")


def test_the_generic_words_are_one_list_of_data() -> None:
    assert {"shoe", "shoes", "running", "runner", "made", "usa", "us", "new", "the", "a", "in"} <= generic_words()
    assert {"sneaker", "trainer"} <= generic_words()


# --- box codes -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "expected"),
    [("M990GL6", "nb-990v6"), ("M990GR5", "nb-990v5"), ("U993GL", "nb-993"), ("m990gy4", "nb-990v4")],
)
def test_a_box_code_not_on_file_resolves_by_its_digits_and_version(code: str, expected: str) -> None:
    """M990GL6 is a 990v6: it used to suggest the 990v1-v3."""
    assert MATCHER.resolve(code).id == expected


def test_a_box_code_on_file_still_wins() -> None:
    assert MATCHER.resolve("M992GR").id == "nb-992"
    assert MATCHER.resolve("M1300JP3").id == "nb-1300"  # JP3 is a reissue, not a version: no 1300v3


def test_a_box_code_naming_a_version_not_on_file_suggests_the_nearest() -> None:
    with pytest.raises(ModelNotFound) as caught:
        MATCHER.resolve("M990GL9")
    assert caught.value.suggestions[0].startswith("nb-990v6 ")


def test_a_box_code_with_letters_not_on_file_only_suggests() -> None:
    """Other letters can mean a version made elsewhere (the 996's Asian-made look-alike)."""
    with pytest.raises(ModelNotFound) as caught:
        MATCHER.resolve("CM996GR")
    assert caught.value.suggestions[0].startswith("nb-996 ")
    assert "tongue" in str(caught.value)


def test_a_box_code_without_a_version_digit_asks_which_version() -> None:
    with pytest.raises(AmbiguousModel) as caught:
        MATCHER.resolve("M990GL")
    assert {c.split()[0] for c in caught.value.candidates} == {f"nb-990v{n}" for n in range(1, 7)}


# --- shared bare names ---------------------------------------------------------------------
@pytest.mark.parametrize("query", ["1400", "nb 1400", "New Balance 1400", "the 1400 shoe"])
def test_a_bare_name_running_pages_use_for_another_shoe_asks(query: str) -> None:
    """'1400' on running pages is usually the imported racing flat, not the Made in USA M1400."""
    with pytest.raises(AmbiguousModel) as caught:
        MATCHER.resolve(query)
    message = str(caught.value)
    assert "nb-m1400" in message and "racing flat" in message and "M1400" in message


@pytest.mark.parametrize("query", ["M1400", "nb-m1400", "1400 Made in USA", "M1400BKJ"])
def test_a_distinguishing_name_of_the_shared_model_resolves(query: str) -> None:
    assert MATCHER.resolve(query).id == "nb-m1400"


# --- every resolving command shares the resolver -------------------------------------------
def test_show_resolves_real_phrasing_and_refuses_generic_words() -> None:
    assert json.loads(run("show", "990v5 shoe", "--json").stdout)["id"] == "nb-990v5"
    assert json.loads(run("show", "the 993", "--json").stdout)["id"] == "nb-993"
    assert json.loads(run("show", "M990GL6", "--json").stdout)["id"] == "nb-990v6"
    for query in ("zqxv-not-a-shoe", "usa", "shoe"):
        result = run("show", query, code=ExitCode.NOT_FOUND)
        assert result.stdout == "" and result.stderr.count("\n") == 1
    result = run("show", "1400", code=ExitCode.AMBIGUOUS)
    assert result.stdout == "" and "nb-m1400" in result.stderr and "racing flat" in result.stderr


def test_compare_shares_the_resolver() -> None:
    doc = json.loads(run("compare", "the 993", "M990GL6", "--json").stdout)
    assert [model["id"] for model in doc["models"]] == ["nb-993", "nb-990v6"]
    assert run("compare", "993", "zqxv-not-a-shoe", code=ExitCode.NOT_FOUND).stdout == ""
    assert run("compare", "993", "1400", code=ExitCode.AMBIGUOUS).stdout == ""


def test_recommend_like_shares_the_resolver() -> None:
    assert run("recommend", "--like", "usa", code=ExitCode.NOT_FOUND).stdout == ""
    assert run("recommend", "--like", "1400", code=ExitCode.AMBIGUOUS).stdout == ""
    run("recommend", "--like", "Hoka Clifton 9 running shoe", "--json")


def test_explain_model_shares_the_resolver() -> None:
    assert json.loads(run("explain", "--model", "990v6 shoe", "--json").stdout)["model"]["id"] == "nb-990v6"
    assert run("explain", "--model", "shoe", code=ExitCode.NOT_FOUND).stdout == ""


def test_a_shared_name_whose_other_shoe_is_in_the_catalog_lists_both() -> None:
    """Once a catalog holds the racing flat too, '1400' is the usual ambiguity between two models."""
    from dataclasses import replace

    m1400 = MATCHER.resolve("nb-m1400")
    flat = replace(m1400, id="nb-1400-racing-flat", aliases=(), style_codes=())
    with pytest.raises(AmbiguousModel) as caught:
        Matcher([m1400, flat]).resolve("1400")
    assert {candidate.split()[0] for candidate in caught.value.candidates} == {"nb-m1400", "nb-1400-racing-flat"}
    assert "not in the catalog" not in str(caught.value)


@pytest.mark.parametrize("typo", ["993x", "990vv5x"])
def test_a_typo_is_not_read_as_a_box_code(typo: str) -> None:
    with pytest.raises(ModelNotFound):
        MATCHER.resolve(typo)

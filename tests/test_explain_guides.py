"""explain's two buyer's guides: checking the pair in your hand, and who makes shoes in the USA, and where.

They are data (rules.json) like the rules, sourced like them, but no law: kind 'guide'.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from usashoes.catalog import loader
from usashoes.cli.app import app
from usashoes.errors import ExitCode
from usashoes.explain.rules import RULES_BY_ID, RuleKind
from usashoes.models import Origin
from usashoes.paths import bundled_catalog

runner = CliRunner()


def explain(*args: str, code: ExitCode = ExitCode.OK):
    result = runner.invoke(app, ["explain", *args])
    assert result.exit_code == code, result.stderr
    assert "Traceback" not in result.stderr
    return result


@pytest.mark.parametrize("topic", ["check-your-pair", "where-made"])
def test_the_guides_are_sourced_topics_that_claim_no_legal_force(topic: str) -> None:
    rule = RULES_BY_ID[topic]
    assert rule.kind is RuleKind.GUIDE and rule.set_by.startswith("Not a rule")
    assert len(rule.sources) >= 10 and all(source.url.startswith("http") for source in rule.sources)
    doc = json.loads(explain(topic, "--json").stdout)
    assert doc["rule"]["kind"] == "guide" and doc["rule"]["sources"][0]["url"] == rule.sources[0].url


@pytest.mark.parametrize("name", ["check", "tongue tag", "style code", "my pair"])
def test_the_pair_check_answers_to_the_words_people_use(name: str) -> None:
    assert explain(name).stdout.startswith("How to check the origin of the pair in your hand\n")


def test_the_pair_check_covers_tongue_box_and_style_code_letters() -> None:
    out = explain("check-your-pair", "--format", "lines").stdout
    for needed in ("tongue", "box", "MADE IN USA OF IMPORTED MATERIALS", "Assembled in USA", "flag", "CM996", "M996"):
        assert needed in out, needed
    assert "19 U.S.C. 1304" in out  # an imported shoe must name its country: the one legal fact it rests on


@pytest.mark.parametrize("name", ["brands", "where", "factories"])
def test_the_where_made_list_answers_to_the_words_people_use(name: str) -> None:
    assert explain(name).stdout.startswith("Which brands make shoes in the USA, and where\n")


def test_every_brand_the_catalog_places_in_the_usa_is_in_the_where_made_list() -> None:
    """The list is written from the bundled catalog's made_in values: none of those brands is left out."""
    shoes = loader.load_path(bundled_catalog(), use_cache=False).shoes
    placed = {
        shoe.brand for shoe in shoes if shoe.made_in and shoe.origin in (Origin.MADE_IN_USA, Origin.ASSEMBLED_IN_USA)
    }
    text = "\n".join(RULES_BY_ID["where-made"].details)
    assert placed and [brand for brand in sorted(placed) if brand.split()[0] not in text] == []
    for town in ("Skowhegan", "Norridgewock", "Norway", "Lawrence", "Methuen", "San Antonio", "Montrose", "Philomath"):
        assert town in text, town

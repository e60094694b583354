"""The ranking test set: what people type, and the shoe (or candidates) they should land on."""

from __future__ import annotations

from pathlib import Path

import pytest

from usashoes.catalog import loader as catalog
from usashoes.errors import AmbiguousModel, ModelNotFound
from usashoes.matching import Matcher, compact, tokens

# The set's own catalog: every model it names and the look-alikes it must not land on, copied
# verbatim from catalog.yaml, so catalog edits (a new Speedgoat, another AM4) do not move it.
FIXTURE = Path(__file__).parent / "fixtures" / "matching.yaml"
MATCHER = Matcher(catalog.load_path(FIXTURE, use_cache=False).shoes)

# (query, expected id) -- resolve() must land exactly here, and search() must rank it first.
RESOLVES = [
    # exact ids, name+version, spacing, case and brand prefixes
    ("nb-990v5", "nb-990v5"),
    ("NB-990V5", "nb-990v5"),
    ("990v5", "nb-990v5"),
    ("990 V5", "nb-990v5"),
    ("990 v 5", "nb-990v5"),
    ("nb 990 v5", "nb-990v5"),
    ("New Balance 990v5", "nb-990v5"),
    ("new balance 990v5", "nb-990v5"),
    ("990V6", "nb-990v6"),
    ("nb 1540 v3", "nb-1540v3"),
    ("new balance 1300", "nb-1300"),
    # style codes and aliases
    ("M992GR", "nb-992"),
    ("m992gr", "nb-992"),
    ("U998TA", "nb-998"),
    ("993GL", "nb-993"),
    ("M1300JP3", "nb-1300"),
    ("AM4NYC", "adidas-am4nyc"),
    ("am4 ldn", "adidas-am4ldn"),
    ("speedfactory nyc", "adidas-am4nyc"),
    ("timeout", "sas-time-out"),
    # model numbers as whole tokens: one digit apart must not win
    ("992", "nb-992"),
    ("993", "nb-993"),
    ("998", "nb-998"),
    ("1540", "nb-1540v3"),
    ("1340", "nb-1340v3"),
    ("706", "nb-postal-706v2"),
    ("847", "nb-847v3"),
    ("950v2", "nb-950v2"),
    # typos of one or two characters in a brand or model name
    ("new balnce 993", "nb-993"),
    ("new balance 9 93", None),  # placeholder removed below: numbers are not split by typos
    ("heirro v5", "nb-fresh-foam-hierro-v5"),
    ("iguanna", "carson-iguana-racer"),
    ("iguana racr", "carson-iguana-racer"),
    ("runamok", "softstar-runamoc"),
    ("jorney lux", "sas-journey-lux"),
    ("liquid sped", "reebok-liquid-speed"),
    ("sas misson 1", "sas-mission-1"),
    # names without numbers
    ("hierro", "nb-fresh-foam-hierro-v5"),
    ("carson", "carson-iguana-racer"),
    ("soft star runamoc", "softstar-runamoc"),
    ("ultra boost", "adidas-ultraboost"),
    ("postal", "nb-postal-706v2"),
]
RESOLVES = [(query, expected) for query, expected in RESOLVES if expected is not None]

# (query, candidate ids) -- ambiguous: resolve() lists exactly these.
AMBIGUOUS = [
    ("990", {"nb-990v1", "nb-990v2", "nb-990v3", "nb-990v4", "nb-990v5", "nb-990v6"}),
    ("1260", {"nb-1260v4", "nb-1260v7"}),
    (
        "am4",
        {
            "adidas-am4nyc",
            "adidas-am4mls",
            "adidas-am4atl",
            "adidas-am4bsbl",
            "adidas-am4ldn",
            "adidas-am4par",
            "adidas-am4la",
        },
    ),
    (
        "adidas",
        {
            "adidas-am4nyc",
            "adidas-am4mls",
            "adidas-am4atl",
            "adidas-am4bsbl",
            "adidas-am4ldn",
            "adidas-am4par",
            "adidas-am4la",
            "adidas-ultraboost",
        },
    ),
]

# Queries that must return nothing: other brands, numbers no shoe has, noise.
NOTHING = [
    "nike vaporfly",
    "hoka speedgoat 5",
    "saucony endorphin",
    "pegasus 40",
    "zzzz",
    "990v7",
    "994",
    "1080v12",
    "speedgoat",
    "qwertyuiop",
]

# What descriptive fields find, ranked below name matches.
DESCRIPTIVE = [("skowhegan", {"nb-996", "nb-997", "nb-998", "nb-1300"}), ("military", {"nb-950v2", "sas-mission-1"})]


def _outcome(query: str) -> object:
    try:
        return MATCHER.resolve(query).id
    except AmbiguousModel as error:
        return {candidate.split()[0] for candidate in error.candidates}
    except ModelNotFound:
        return None


@pytest.mark.parametrize(("query", "expected"), RESOLVES)
def test_query_resolves_to_the_right_shoe(query: str, expected: str) -> None:
    """A user typing this lands on this shoe, and search ranks it first."""
    assert _outcome(query) == expected
    assert MATCHER.search(query)[0].shoe.id == expected


@pytest.mark.parametrize(("query", "candidates"), AMBIGUOUS)
def test_ambiguous_query_lists_its_candidates(query: str, candidates: set[str]) -> None:
    """'990' alone is every 990: the user is shown all of them, not a guess."""
    assert _outcome(query) == candidates


@pytest.mark.parametrize("query", NOTHING)
def test_query_for_a_shoe_not_in_the_catalog_finds_nothing(query: str) -> None:
    """Other brands and non-existent numbers return no hits rather than a lookalike."""
    assert MATCHER.search(query) == []
    assert _outcome(query) is None


@pytest.mark.parametrize(("query", "expected"), DESCRIPTIVE)
def test_descriptive_fields_find_shoes_but_never_resolve_alone(query: str, expected: set[str]) -> None:
    """A factory town finds its shoes in search, but 'show skowhegan' asks which one."""
    assert {hit.shoe.id for hit in MATCHER.search(query)} >= expected
    assert _outcome(query) is None


def test_hit_rate_over_the_whole_set() -> None:
    """The closing note's figure: every query in the set gives its expected outcome."""
    cases = [(q, e) for q, e in RESOLVES] + [(q, c) for q, c in AMBIGUOUS] + [(q, None) for q in NOTHING]
    hits = sum(_outcome(query) == expected for query, expected in cases)
    assert len(cases) >= 40
    assert hits == len(cases), f"hit rate {hits}/{len(cases)}"


def test_numbers_one_digit_apart_do_not_rank_above_the_exact_number() -> None:
    """'992' never puts the 993 or 998 first; '1540' never the 1340."""
    assert [hit.shoe.id for hit in MATCHER.search("992")] == ["nb-992"]
    assert "nb-1340v3" not in {hit.shoe.id for hit in MATCHER.search("1540")}


def test_exact_hits_score_100_and_come_before_fuzzy_ones() -> None:
    """A style code is an exact hit; any fuzzy neighbours follow it."""
    hits = MATCHER.search("AM4NYC")
    assert hits[0].shoe.id == "adidas-am4nyc" and hits[0].score == 100.0
    assert all(hit.score < 100.0 for hit in hits[1:])


def test_not_found_suggests_from_the_same_matcher() -> None:
    """'990v7' does not exist; the error suggests real 990s."""
    with pytest.raises(ModelNotFound) as caught:
        MATCHER.resolve("990v7")
    assert caught.value.suggestions and all("990v" in s for s in caught.value.suggestions)


def test_tokens_and_compact_ignore_spacing_and_case() -> None:
    """'NB 990 V 5' and 'nb-990v5' are the same words to the matcher."""
    assert tokens("NB 990 V 5") == tokens("nb-990v5") == ["nb", "990", "v5"]
    assert compact("New Balance 990 v5") == "newbalance990v5"


def test_a_brand_prefix_only_matches_that_brand() -> None:
    """'nb 990 v5' is New Balance's 990v5, never another brand's model with the same number."""
    from usashoes.models import Confidence, Shoe

    def shoe(id: str, brand: str) -> Shoe:
        return Shoe(id=id, brand=brand, name="990", version="v5", confidence=Confidence.LOW, sources=("https://x.org",))

    matcher = Matcher([shoe("saucony-990v5", "Saucony"), shoe("nb-990v5", "New Balance")])
    assert matcher.resolve("nb 990 v5").id == "nb-990v5"
    assert matcher.resolve("saucony 990v5").id == "saucony-990v5"
    assert next(hit.shoe.id for hit in matcher.search("nb 990 v5")) == "nb-990v5"
    assert "saucony-990v5" not in {hit.shoe.id for hit in matcher.search("new balance 990v5") if hit.score == 100}


def test_newlines_inside_catalog_text_do_not_shift_the_index() -> None:
    """A name with a line break still maps every later shoe to itself."""
    from usashoes.models import Confidence, Shoe

    shoes = [
        Shoe(
            id=f"s-{i}",
            brand="B",
            name=f"Name\nLine {i}",
            description="x\ny",
            confidence=Confidence.LOW,
            sources=("https://x.org",),
        )
        for i in range(3)
    ]
    matcher = Matcher(shoes)
    assert matcher.resolve("s-2").id == "s-2"
    assert {hit.shoe.id for hit in matcher.search("line")} == {"s-0", "s-1", "s-2"}


@pytest.mark.parametrize("alias", ["Made_in 990v5", "990-V5 edition", "990 . v5", "NB990v5"])
def test_exact_match_ignores_punctuation_inside_names(alias: str) -> None:
    """An alias written with _, -, dots or no spaces still matches '990v5' exactly."""
    from usashoes.models import Confidence, Shoe

    shoe = Shoe(
        id="x-1", brand="X", name="Other", aliases=(alias,), confidence=Confidence.LOW, sources=("https://x.org",)
    )
    assert Matcher([shoe])._lines_containing("990v5") == {0}

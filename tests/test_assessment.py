"""How a catalog model's label sits against the rules."""

from __future__ import annotations

from usashoes.explain.assessment import ModelAssessment, assess_model
from usashoes.explain.label_reading import LabelClass
from usashoes.explain.rules import (
    TOPICS,
)
from usashoes.models import Confidence, Origin, Shoe


def make_shoe(**fields) -> Shoe:
    """A minimal catalog shoe with the given fields."""
    base = {
        "id": "test-shoe",
        "brand": "Test Brand",
        "name": "Runner",
        "confidence": Confidence.MEDIUM,
        "sources": ("https://example.org/",),
    }
    return Shoe(**{**base, **fields})


def joined(assessment: ModelAssessment) -> str:
    return " ".join(assessment.statements)


def test_nb_made_in_usa_at_70_percent():
    """An NB "Made in USA" shoe at 70% is explained against NB's policy, the FTC and California."""
    shoe = make_shoe(
        id="nb-990v5",
        brand="New Balance",
        name="990",
        version="v5",
        origin=Origin.MADE_IN_USA,
        label="Made in USA",
        domestic_content_min_pct=70,
        made_in="Skowhegan, Maine",
    )
    result = assess_model(shoe)
    text = joined(result)
    assert result.shoe_id == "nb-990v5"
    assert result.origin == "made-in-usa" and result.label == "Made in USA"
    assert result.label_reading is not None
    assert result.label_reading.label_class is LabelClass.UNQUALIFIED_US_ORIGIN
    assert "70%" in text and "30%" in text
    assert "all or virtually all" in text
    assert "5%" in text
    assert "Skowhegan, Maine" in text
    assert {"ftc-made-in-usa", "nb-70", "california"} <= set(result.rule_ids)
    assert not any("label wording" in u for u in result.unknowns)
    assert any("actual share" in u for u in result.unknowns)


def test_origin_unknown_shoe_lists_what_is_missing():
    """A shoe with no origin or label says so plainly and claims nothing."""
    result = assess_model(make_shoe())
    assert result.origin is None and result.label is None and result.label_reading is None
    assert result.statements == ()
    assert result.rule_ids == ()
    assert any("made or assembled is not recorded" in u for u in result.unknowns)
    assert any("label wording" in u for u in result.unknowns)


def test_made_in_usa_without_label_or_share_does_not_guess():
    """A US-made shoe with no label or share lists those unknowns and quotes no label."""
    result = assess_model(make_shoe(origin=Origin.MADE_IN_USA))
    text = joined(result)
    assert '"Made in USA"' not in text.split(".")[0]  # no label text is invented
    assert "catalog lists it as made in the USA" in text
    assert "70%" not in text  # not a New Balance shoe, no share recorded
    assert any("share of US content" in u for u in result.unknowns)
    assert any("label wording" in u for u in result.unknowns)
    assert any("factory location" in u for u in result.unknowns)


def test_nb_shoe_without_share_mentions_policy_but_lists_share_unknown():
    """An NB shoe with no recorded share cites NB's policy and says the share is unknown."""
    result = assess_model(make_shoe(brand="New Balance", origin=Origin.MADE_IN_USA, label="Made in USA"))
    assert "70%" in joined(result)
    assert any("share of US content" in u for u in result.unknowns)


def test_imported_shoe():
    """An imported shoe is told US origin claims do not apply and Customs marking does."""
    shoe = make_shoe(origin=Origin.IMPORTED, label="Made in Germany", made_in="Ansbach, Germany")
    result = assess_model(shoe)
    text = joined(result)
    assert "Customs" in text and "country of origin" in text
    assert "all or virtually all" not in text
    assert result.rule_ids == ("customs",)
    assert not any("share of US content" in u for u in result.unknowns)


def test_assembled_shoe():
    """An assembled shoe gets the FTC assembly conditions and a note that parts may be foreign."""
    result = assess_model(make_shoe(origin=Origin.ASSEMBLED_IN_USA, label="Assembled in USA of imported materials"))
    text = joined(result)
    assert "principal assembly" in text and "substantial transformation" in text
    assert "Foreign parts" in text
    assert "70%" not in text
    assert {"ftc-assembled", "customs"} <= set(result.rule_ids)


def test_berry_level_shoe():
    """A shoe recorded at 100% domestic content is tied to the Berry 100% standard."""
    result = assess_model(
        make_shoe(
            brand="New Balance",
            origin=Origin.MADE_IN_USA,
            label="Made in USA",
            domestic_content_min_pct=100,
        )
    )
    text = joined(result)
    assert "Berry" in text and "100%" in text
    assert "berry" in result.rule_ids
    assert not any("actual share" in u for u in result.unknowns)


def test_qualified_label_on_made_in_usa_shoe():
    """A qualified NB label is explained as admitting foreign content."""
    result = assess_model(
        make_shoe(
            brand="New Balance",
            origin=Origin.MADE_IN_USA,
            label="Made in USA of imported materials",
        )
    )
    text = joined(result)
    assert "qualified" in text and "below 70%" in text
    assert "ftc-qualified" in result.rule_ids


def test_label_and_origin_disagreement_is_reported():
    """When the label wording and catalog origin disagree, the assessment says so."""
    result = assess_model(make_shoe(origin=Origin.ASSEMBLED_IN_USA, label="Made in USA"))
    assert any("disagree" in s for s in result.statements)


def test_non_origin_label_falls_back_to_catalog_origin():
    """A design-only label is noted, and the catalog origin still drives the explanation."""
    result = assess_model(make_shoe(origin=Origin.IMPORTED, label="Designed in California"))
    text = joined(result)
    assert "makes no origin claim" in text
    assert "Customs" in text


def test_assessment_rule_ids_are_known_and_ordered():
    """An assessment cites only registry ids, in registry order."""
    result = assess_model(
        make_shoe(brand="New Balance", origin=Origin.MADE_IN_USA, label="Made in USA", domestic_content_min_pct=70)
    )
    positions = [TOPICS.index(rule_id) for rule_id in result.rule_ids]
    assert positions == sorted(positions)

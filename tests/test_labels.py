"""Label wordings a buyer reads, and what each one promises."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from usashoes.explain.label_reading import LabelClass, LabelReading, classify_label
from usashoes.explain.rules import (
    TOPICS,
)

LABEL_CASES = [
    # unqualified
    ("Made in USA", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("MADE IN U.S.A.", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("Made in the United States of America", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("Made in America", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("American made", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("American-made", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("Built in USA", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("Manufactured in the USA", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("Produced in USA", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("USA made", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("Handmade in the USA", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("Handmade in the USA (Oregon)", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("USA", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("U.S.A.", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("Made in Puerto Rico", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("Made in Skowhegan, Maine", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("Made in Norway, Maine", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("Made in New Mexico", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("Made in USA (MADE line)", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("Made in USA -- made to order by hand in Milwaukie, Oregon", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("Manufactured in the USA (Berry Amendment-compliant DLA recruit shoe)", LabelClass.UNQUALIFIED_US_ORIGIN),
    ("Made in USA. Not imported.", LabelClass.UNQUALIFIED_US_ORIGIN),
    # qualified
    ("Made in USA of imported materials", LabelClass.QUALIFIED_US_ORIGIN),
    ("MADE IN USA OF IMPORTED MATERIALS", LabelClass.QUALIFIED_US_ORIGIN),
    ("Made in USA of U.S. and imported parts", LabelClass.QUALIFIED_US_ORIGIN),
    ("Made in USA with imported parts", LabelClass.QUALIFIED_US_ORIGIN),
    ("Made in USA from imported materials", LabelClass.QUALIFIED_US_ORIGIN),
    ("Made in U.S. from Imported Parts", LabelClass.QUALIFIED_US_ORIGIN),
    ("Made in USA with globally sourced materials", LabelClass.QUALIFIED_US_ORIGIN),
    ("Made in USA with Italian leather", LabelClass.QUALIFIED_US_ORIGIN),
    ("60% U.S. content", LabelClass.QUALIFIED_US_ORIGIN),
    ("Made in USA - 70% domestic value", LabelClass.QUALIFIED_US_ORIGIN),
    ("Made in USA, sole made in China", LabelClass.QUALIFIED_US_ORIGIN),
    ("Sewn in USA", LabelClass.QUALIFIED_US_ORIGIN),
    # assembly
    ("Assembled in USA", LabelClass.US_ASSEMBLY),
    ("Assembled in USA of imported materials", LabelClass.US_ASSEMBLY),
    ("Assembled in the U.S.A. from imported components", LabelClass.US_ASSEMBLY),
    ("Couch assembled in USA from Italian Leather and Mexican Frame", LabelClass.US_ASSEMBLY),
    ("Designed and assembled in USA", LabelClass.US_ASSEMBLY),
    ("USA assembled", LabelClass.US_ASSEMBLY),
    # foreign
    ("Made in China", LabelClass.FOREIGN_ORIGIN),
    ("Made in Vietnam", LabelClass.FOREIGN_ORIGIN),
    ("Made in Germany", LabelClass.FOREIGN_ORIGIN),
    ("Made in México", LabelClass.FOREIGN_ORIGIN),
    ("Made in South America", LabelClass.FOREIGN_ORIGIN),
    ("Imported", LabelClass.FOREIGN_ORIGIN),
    ("Product of Indonesia", LabelClass.FOREIGN_ORIGIN),
    ("Made in Dominican Republic with outer soles assembled in the USA", LabelClass.FOREIGN_ORIGIN),
    ("Made in China, assembled in USA", LabelClass.FOREIGN_ORIGIN),
    ("Designed in California. Made in Vietnam.", LabelClass.FOREIGN_ORIGIN),
    ("Sewn in USA, made in China", LabelClass.FOREIGN_ORIGIN),
    ("Made in Ansbach", LabelClass.FOREIGN_ORIGIN),
    # no origin claim
    ("Designed in USA", LabelClass.NOT_AN_ORIGIN_CLAIM),
    ("Designed in California", LabelClass.NOT_AN_ORIGIN_CLAIM),
    ("Engineered in Boston", LabelClass.NOT_AN_ORIGIN_CLAIM),
    ("American company", LabelClass.NOT_AN_ORIGIN_CLAIM),
    ("Since 1906", LabelClass.NOT_AN_ORIGIN_CLAIM),
    ("Boston, MA", LabelClass.NOT_AN_ORIGIN_CLAIM),
    ("Trust us. Built to last", LabelClass.NOT_AN_ORIGIN_CLAIM),
    ("", LabelClass.NOT_AN_ORIGIN_CLAIM),
]


@pytest.mark.parametrize(("text", "expected"), LABEL_CASES)
def test_classify_label(text: str, expected: LabelClass):
    """Label wordings read as the class the FTC and Customs rules give them."""
    reading = classify_label(text)
    assert reading.label_class is expected, text
    assert reading.text == text


def test_label_cases_cover_every_class():
    """The label table exercises all five classes."""
    assert {expected for _, expected in LABEL_CASES} == set(LabelClass)
    assert [c.value for c in LabelClass] == [
        "unqualified-us-origin",
        "qualified-us-origin",
        "us-assembly",
        "foreign-origin",
        "not-an-origin-claim",
    ]


def test_unqualified_reading_states_the_real_standards():
    """A plain "Made in USA" explains the FTC standard, California's caps and NB's 70%."""
    reading = classify_label("Made in USA")
    promised = " ".join(reading.guarantees)
    open_points = " ".join(reading.does_not_guarantee)
    assert "all or virtually all" in promised
    assert "5%" in promised and "10%" in promised
    assert "70%" in open_points and "100%" in open_points
    assert reading.rule_ids[0] == "ftc-made-in-usa"
    assert {"california", "nb-70"} <= set(reading.rule_ids)


def test_bare_usa_is_called_an_unqualified_claim():
    """A label reading just "USA" says that counts as an unqualified claim."""
    reading = classify_label("USA")
    assert any('"USA" on its own' in g for g in reading.guarantees)


def test_qualified_and_assembly_readings_admit_foreign_parts():
    """Qualified and assembly readings say foreign parts are allowed."""
    qualified = classify_label("Made in USA of imported materials")
    assert "ftc-qualified" in qualified.rule_ids
    assert any("foreign" in g for g in qualified.does_not_guarantee)
    assembled = classify_label("Assembled in USA")
    assert "ftc-assembled" in assembled.rule_ids
    assert any("imported" in g for g in assembled.does_not_guarantee)
    assert any("principal assembly" in g for g in assembled.guarantees)


def test_design_claim_says_nothing_about_manufacture():
    """A design claim is read as saying nothing about where the shoe was made."""
    reading = classify_label("Designed in California")
    assert reading.guarantees == ()
    assert any("says nothing about where" in g for g in reading.does_not_guarantee)


def test_unrecognised_place_is_flagged():
    """A "Made in <unknown place>" reading says the place was not recognised."""
    reading = classify_label("Made in Ansbach")
    assert any("not recognised" in g for g in reading.does_not_guarantee)


def test_berry_mention_on_label_points_to_berry():
    """A label that mentions Berry compliance explains that means 100% US."""
    text = "Manufactured in the USA (Berry Amendment-compliant DLA recruit shoe)"
    reading = classify_label(text)
    assert "berry" in reading.rule_ids
    assert any("100%" in g for g in reading.guarantees)


def test_every_reading_points_at_known_rules():
    """Every rule id a reading cites exists in the registry."""
    for text, _ in LABEL_CASES:
        reading = classify_label(text)
        assert reading.rule_ids and set(reading.rule_ids) <= set(TOPICS)
        assert reading.does_not_guarantee


@given(st.text())
def test_classify_label_never_raises(text: str):
    """Any text at all gets one of the five classes and no exception."""
    reading = classify_label(text)
    assert isinstance(reading, LabelReading)
    assert reading.label_class in set(LabelClass)


@given(st.text(alphabet="MadeinUSAsembledofimportChV .,-()%0123456789", max_size=60))
def test_classify_label_never_raises_on_label_like_text(text: str):
    """Label-shaped noise (the words and punctuation labels use) never breaks the reader."""
    assert classify_label(text).label_class in set(LabelClass)

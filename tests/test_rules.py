"""Tests for the origin-labelling knowledge base (usashoes.explain.rules)."""

from __future__ import annotations

import dataclasses
import pickle
import re
from pathlib import Path

import pytest

from usashoes.explain.rules import (
    RULES,
    RULES_BY_ID,
    TOPICS,
    Rule,
    RuleKind,
    UnknownTopic,
    find_rule,
    normalise_topic,
    topic_names,
)
from usashoes.output.human import NOT_LEGAL_ADVICE

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED_TOPICS = (
    "ftc-made-in-usa",
    "ftc-qualified",
    "ftc-assembled",
    "nb-70",
    "california",
    "customs",
    "berry",
    "canada",
    "eu",
    "uk",
    "australia",
)


def rule_text(rule: Rule) -> str:
    """Every buyer-visible string of a rule, joined."""
    parts = [rule.title, rule.label, rule.jurisdiction, rule.set_by, rule.threshold, rule.summary]
    parts += [*rule.details, *rule.citations, *(s.what for s in rule.sources)]
    return "\n".join(parts)


# --------------------------------------------------------------------------- registry


def test_registry_has_the_required_topics_in_reading_order():
    """The registry covers every required topic, starting with the FTC standard."""
    assert set(REQUIRED_TOPICS) <= set(TOPICS)
    assert TOPICS[0] == "ftc-made-in-usa"
    assert topic_names() == list(TOPICS) == [rule.id for rule in RULES]
    assert dict(RULES_BY_ID) == {rule.id: rule for rule in RULES}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_is_complete(rule: Rule):
    """Each rule has an id, text, threshold, details, sources and (unless policy) a citation."""
    assert KEBAB.match(rule.id)
    for field in ("title", "label", "jurisdiction", "set_by", "threshold", "summary"):
        assert getattr(rule, field).strip(), field
    assert isinstance(rule.kind, RuleKind)
    assert rule.details and all(p.strip() for p in rule.details)
    assert rule.sources
    for source in rule.sources:
        assert re.match(r"^https?://\S+$", source.url), source.url
        assert source.what.strip()
    if rule.kind is RuleKind.COMPANY_POLICY:
        assert rule.kind.value == "company-policy"
    elif rule.kind is not RuleKind.GUIDE:  # a buyer's guide is no law and may cite none
        assert rule.citations, f"{rule.id} needs a legal citation"
    assert all(KEBAB.match(normalise_topic(alias)) for alias in rule.aliases)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_threshold_says_so_when_there_is_no_number(rule: Rule):
    """A threshold without a number says explicitly that there is no fixed percentage."""
    if not re.search(r"\d", rule.threshold):
        assert "no fixed %" in rule.threshold.lower()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_text_is_plain(rule: Rule):
    """Rule text has no square brackets, so no renderer can mistake it for markup."""
    text = rule_text(rule) + "".join(rule.aliases)
    assert "[" not in text and "]" not in text


def test_ids_and_aliases_never_point_at_two_rules():
    """No id or alias (after normalising) resolves to two different rules."""
    owner: dict[str, str] = {}
    for rule in RULES:
        for name in (rule.id, *rule.aliases):
            key = normalise_topic(name).replace("-", "")
            first = owner.setdefault(key, rule.id)
            assert first == rule.id, f"{name!r} names both {first} and {rule.id}"


def test_rules_are_frozen():
    """Rules are immutable value objects."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        RULES[0].threshold = "anything"  # type: ignore[misc]


def test_not_legal_advice_is_one_plain_sentence():
    """The disclaimer is a single plain sentence."""
    assert NOT_LEGAL_ADVICE.endswith(".")
    assert NOT_LEGAL_ADVICE.count(".") == 1
    assert "legal advice" in NOT_LEGAL_ADVICE


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("rule_id", "expected"),
    [
        ("nb-70", ("70",)),
        ("california", ("5%", "10%")),
        ("canada", ("98%", "51%")),
        ("berry", ("100%",)),
    ],
)
def test_thresholds_carry_the_reference_numbers(rule_id: str, expected: tuple[str, ...]):
    """The threshold column shows the numbers from the reference notes."""
    threshold = RULES_BY_ID[rule_id].threshold
    for number in expected:
        assert number in threshold


@pytest.mark.parametrize(
    ("rule_id", "expected"),
    [
        (
            "ftc-made-in-usa",
            (
                "43,280",
                "16 CFR Part 323",
                "86 Fed. Reg. 37022",
                "62 Fed. Reg. 63756",
                "Aug. 13, 2021",
                "15 U.S.C. 45a",
                "Puerto Rico",
                "all or virtually all",
            ),
        ),
        ("ftc-qualified", ("3%", "60% U.S. content")),
        ("ftc-assembled", ("screwdriver", "Nectar", "last substantial transformation")),
        (
            "nb-70",
            (
                "$750,000",
                "$10",
                "$50",
                "$100",
                "30%",
                "61 Fed. Reg. 49143",
                "1994",
                "March 1996",
                "Sept. 20, 2021",
                "Dec. 23, 2022",
                "Pitofsky",
            ),
        ),
        ("california", ("17533.7", "SB 633", "ch. 238", "Jan. 1, 2016", "believed", "wholesale")),
        ("customs", ("19 U.S.C. 1304", "19 CFR Part 134", "Uniroyal", "Gibson-Thomsen", "N328994")),
        (
            "berry",
            (
                "17.3",
                "10 U.S.C. 4862",
                "2533a",
                "1941",
                "114-328",
                "37 U.S.C. 418",
                "April 2014",
                "6,000",
                "Jan. 2019",
                "Air Force",
                "18-month",
            ),
        ),
        ("canada", ("Dec. 22, 2009", "July 1, 2010", "Mar. 7, 2025", "with imported parts")),
        ("eu", ("Art. 60", "6406", "94/11/EC", "80%")),
        ("uk", ("2008", "6 April 2025", "1995")),
        ("australia", ("2017", "50%", "Feb. 22, 2017", "s.29(1)(k)", "essential character")),
    ],
)
def test_rule_text_carries_the_reference_facts(rule_id: str, expected: tuple[str, ...]):
    """Key figures, dates and citations from the reference appear in the right rule."""
    text = rule_text(RULES_BY_ID[rule_id])
    for fact in expected:
        assert fact in text, f"{fact!r} missing from {rule_id}"


def test_nb_policy_is_company_policy_not_law():
    """The 70% rule is filed as New Balance's policy, and the FTC rule names no percentage."""
    nb = find_rule("nb-70")
    assert nb.kind is RuleKind.COMPANY_POLICY
    assert "not law" in nb.threshold
    assert "no fixed %" in find_rule("ftc").threshold.lower()


def test_solereview_claims_are_corrected():
    """The seed article's 70%-is-law and Canada-51% claims are answered in the rules."""
    assert "solereview" in rule_text(find_rule("nb-70")).lower()
    canada = rule_text(find_rule("canada"))
    assert "Solereview" in canada and "98%" in canada and "July 2010" in canada


# --------------------------------------------------------------------------- lookup


@pytest.mark.parametrize(
    ("typed", "rule_id"),
    [
        ("explain california", "california"),
        ("california", "california"),
        ("California", "california"),
        ("ca", "california"),
        ("calif", "california"),
        ("§17533.7", "california"),
        ("§ 17533.7", "california"),
        ("17533.7", "california"),
        ("SB 633", "california"),
        ("ftc", "ftc-made-in-usa"),
        ("FTC", "ftc-made-in-usa"),
        ("16 CFR 323", "ftc-made-in-usa"),
        ("16_cfr_part_323", "ftc-made-in-usa"),
        ("Made in USA", "ftc-made-in-usa"),
        ("all or virtually all", "ftc-made-in-usa"),
        ("qualified", "ftc-qualified"),
        ("assembled in usa", "ftc-assembled"),
        ("Assembled", "ftc-assembled"),
        ("berry", "berry"),
        ("Berry Amendment", "berry"),
        ("berry_amendment", "berry"),
        ("10 U.S.C. 4862", "berry"),
        ("military", "berry"),
        ("nb-70", "nb-70"),
        ("NB 70", "nb-70"),
        ("nb70", "nb-70"),
        ("70%", "nb-70"),
        ("New Balance", "nb-70"),
        ("uniroyal", "customs"),
        ("CBP", "customs"),
        ("substantial transformation", "customs"),
        ("eu", "eu"),
        ("Europe", "eu"),
        ("uk", "uk"),
        ("Britain", "uk"),
        ("australia", "australia"),
        ("Australian Made", "australia"),
        ("canada", "canada"),
        ("Product of Canada", "canada"),
        ("textile", "textile-acts"),
        ("buy american", "buy-american"),
        ("kissell", "kissell"),
        ("japan", "japan"),
    ],
)
def test_find_rule_is_forgiving(typed: str, rule_id: str):
    """Topics resolve from ids, aliases, odd spacing, case, dots and section signs."""
    assert find_rule(typed).id == rule_id


def test_every_id_and_alias_resolves_to_its_rule():
    """Each listed id and alias finds its own rule."""
    for rule in RULES:
        for name in (rule.id, *rule.aliases):
            assert find_rule(name) is rule, name


def test_unknown_topic_suggests_close_ids():
    """A misspelt topic raises UnknownTopic suggesting the near miss."""
    with pytest.raises(UnknownTopic) as caught:
        find_rule("berri")
    assert isinstance(caught.value, LookupError)
    assert caught.value.topic == "berri"
    assert "berry" in caught.value.suggestions
    assert "berry" in str(caught.value)


def test_unknown_topic_lists_all_topics_when_nothing_is_close():
    """Gibberish raises UnknownTopic listing every topic id."""
    with pytest.raises(UnknownTopic) as caught:
        find_rule("zzz")
    assert caught.value.suggestions == TOPICS


def test_ambiguous_prefix_is_not_guessed():
    """A prefix shared by several rules raises UnknownTopic naming the candidates."""
    with pytest.raises(UnknownTopic) as caught:
        find_rule("a")
    assert {"ftc-assembled", "australia"} <= set(caught.value.suggestions)


@pytest.mark.parametrize("typed", ["", "   ", "§", "..."])
def test_empty_topic_is_unknown(typed: str):
    """Blank input raises UnknownTopic rather than picking a rule."""
    with pytest.raises(UnknownTopic):
        find_rule(typed)


def test_unknown_topic_survives_pickling():
    """UnknownTopic keeps its topic and suggestions through pickle (e.g. across processes)."""
    error = pickle.loads(pickle.dumps(UnknownTopic("berri", ("berry",))))
    assert (error.topic, error.suggestions) == ("berri", ("berry",))


def test_rules_are_read_only_when_explain_needs_them() -> None:
    """A table's one-line disclaimer does not load the rules; explain does, once."""
    from typer.testing import CliRunner

    from usashoes.cli.app import app
    from usashoes.explain import rules

    small = Path(__file__).parent / "fixtures" / "small.yaml"  # entries copied from catalog.yaml
    rules._registry.cache_clear()
    runner = CliRunner()
    assert runner.invoke(app, ["--catalog", str(small), "list", "--format", "table"]).exit_code == 0
    assert rules._registry.cache_info().currsize == 0
    assert runner.invoke(app, ["--catalog", str(small), "explain", "berry"]).exit_code == 0
    assert rules._registry.cache_info().currsize == 1

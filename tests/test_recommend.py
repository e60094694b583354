"""Issue #14: recommend, straight verdicts on origin, weights at one size, imported reference models.

Driven through CliRunner on a small fixture catalog (tests/fixtures/recommend.yaml), so the bundled
catalog's data can change without breaking these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from usashoes.cli.app import app
from usashoes.errors import ExitCode
from usashoes.explain.verdict import Answer, verdict
from usashoes.models import Confidence, Line, Origin, OriginBasis, OriginBasisKind, Shoe, Weight
from usashoes.output.verdicts import verdict_text
from usashoes.records import weight_note
from usashoes.sizes import DEFAULT_SIZE, Size, parse_size, parse_size_option, weight_at

FIXTURE = str(Path(__file__).parent / "fixtures" / "recommend.yaml")
runner = CliRunner()


def run(*args: str, code: ExitCode = ExitCode.OK):
    result = runner.invoke(app, ["--catalog", FIXTURE, *args], env={"COLUMNS": "160", "NO_COLOR": "1"})
    assert result.exit_code == code, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert "Traceback" not in result.stderr
    return result


def rec(*args: str) -> dict:
    """The JSON answer, every pick and near miss included (the default shows 3 of each)."""
    limit = [] if "--limit" in args else ["--limit", "50"]
    return json.loads(run("recommend", *args, *limit, "--json").stdout)


def pick_ids(document: dict) -> list[str]:
    return [pick["id"] for pick in document["picks"]]


# --- sizes and estimates ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("men's US 9", None, Size(Line.MEN, 9)),
        ("men's 9", None, Size(Line.MEN, 9)),
        ("women's US 8", None, Size(Line.WOMEN, 8)),
        ("US 10.5", Line.MEN, Size(Line.MEN, 10.5)),
        ("M9", None, Size(Line.MEN, 9)),
        ("US 10.5", None, None),  # no line stated: never guessed
        ("not stated", Line.MEN, None),
        ("men's, size not stated", None, None),
        ("women's 8", Line.MEN, None),  # text and line disagree
    ],
)
def test_weight_sizes_are_read_as_the_source_wrote_them(text: str, line: Line | None, expected: Size | None) -> None:
    """Sizes like "men's US 9", "M9" and "US 10.5" (with the weight's line) are read; anything unsure is not."""
    assert parse_size(text, line) == expected


def test_weights_are_estimated_at_one_size_by_2_6_percent_per_half_size() -> None:
    """300 g at men's 10 is about 285 g at men's 9 (two half sizes at 2.6%)."""
    at = weight_at(Weight(300, "g", "US 10", line=Line.MEN))
    assert at is not None and at.estimated and at.grams == pytest.approx(300 / 1.026**2)
    assert "estimated from men's US 10" in weight_note(at)


def test_a_weight_of_unstated_size_is_never_estimated() -> None:
    """'size not stated: not estimated' -- the measured value stays as it is."""
    at = weight_at(Weight(280, "g", "not stated"))
    assert at is not None and not at.estimated and not at.comparable and at.grams == 280
    assert weight_note(at) == "size not stated: not estimated"


def test_womens_sizes_convert_by_the_documented_convention() -> None:
    """Women's 8 is taken as men's 6.5 (women's = men's + 1.5), so M9 is five half sizes up."""
    at = weight_at(Weight(230, "g", "women's US 8", line=Line.WOMEN), DEFAULT_SIZE)
    assert at is not None and at.grams == pytest.approx(230 * 1.026**5)
    assert "convention" in weight_note(at)


def test_size_option_accepts_common_spellings_and_refuses_the_rest() -> None:
    """--size M10, W8, "men's 10.5" and a bare 9 work; 'huge' is refused."""
    assert parse_size_option("9") == Size(Line.MEN, 9)
    assert parse_size_option("W8") == Size(Line.WOMEN, 8)
    with pytest.raises(ValueError):
        parse_size_option("huge")


def _us_made(shoe_id: str, **fields: object) -> Shoe:
    """A made-in-USA model with only the given fields on file."""
    return Shoe(
        id=shoe_id,
        brand="Acme",
        name=shoe_id,
        confidence=Confidence.HIGH,
        sources=("https://e.com",),
        origin=Origin.MADE_IN_USA,
        **fields,
    )  # type: ignore[arg-type]


# --- verdicts --------------------------------------------------------------------------------
def _shoe(**fields: object) -> Shoe:
    return Shoe(
        id="x",
        brand=str(fields.pop("brand", "Acme")),
        name="X",
        confidence=Confidence.HIGH,
        sources=("https://example.org",),
        **fields,
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "answer", "text"),
    [
        (
            {"brand": "New Balance", "origin": Origin.MADE_IN_USA},
            Answer.MADE,
            "Made in USA (New Balance's ≥70% domestic-value policy; the FTC standard is all or virtually all)",
        ),
        (
            {"origin": Origin.MADE_IN_USA, "label": "Made in USA with domestic and imported materials"},
            Answer.QUALIFIED,
            "Made in USA with imported parts",
        ),
        ({"origin": Origin.ASSEMBLED_IN_USA}, Answer.ASSEMBLED, "Assembled in USA from imported parts"),
        ({"origin": Origin.IMPORTED}, Answer.IMPORTED, "Imported"),
        (
            {"origin_basis": OriginBasis(OriginBasisKind.INFERENCE, "a blog's claim is unsupported")},
            Answer.NO_EVIDENCE,
            "No evidence it is made in the USA (a blog's claim is unsupported)",
        ),
        ({}, Answer.UNKNOWN, "Unknown: no source settles it"),
    ],
)
def test_the_verdict_answers_is_it_us_made_in_one_line(fields: dict, answer: Answer, text: str) -> None:
    """One straight answer from origin, basis, label and domestic content."""
    result = verdict(_shoe(**fields))
    assert result.answer is answer and verdict_text(result).startswith(text)


def test_show_and_explain_open_with_the_verdict() -> None:
    """show and explain --model answer 'is it US-made?' first, in every format."""
    assert run("show", "hollow-unknown", "--format", "lines").stdout.splitlines()[0] == (
        "us_made\tNo evidence it is made in the USA (a blog's claim is unsupported)"
    )
    assert run("explain", "--model", "bolt-assembled", "--format", "lines").stdout.startswith(
        "US-made? Assembled in USA from imported parts"
    )
    assert json.loads(run("show", "acme-road", "--json").stdout)["verdict"]["answer"] == "made-in-usa"
    explained = json.loads(run("explain", "--model", "glide-import", "--json").stdout)
    assert explained["verdict"]["text"] == "Imported"


def test_explain_model_never_prints_an_empty_section() -> None:
    """An unknown origin gives no empty 'What it means:' and no empty 'Rules:'."""
    lines = run("explain", "--model", "hollow-unknown", "--format", "lines").stdout.splitlines()
    for index, line in enumerate(lines):
        if line.endswith(":") and line.strip():
            assert index + 1 < len(lines) and lines[index + 1].startswith("  - "), lines
    assert not any(line.startswith("Rules:  ") for line in lines)


# --- recommend -------------------------------------------------------------------------------
def test_picks_say_which_needs_they_meet_and_what_is_unknown() -> None:
    """Each pick lists the needs it meets with values, and unknowns as 'may fit', never as a match."""
    document = rec("--activity", "running", "--support", "neutral", "--max-price", "200")
    picks = {pick["id"]: pick for pick in document["picks"]}
    assert "price $180 (2025)" in picks["acme-road"]["reasons"]
    assert "support not on file" in picks["cobb-mystery"]["unknowns"]
    assert not any("support" in reason for reason in picks["cobb-mystery"]["reasons"])


def test_an_imported_or_unknown_origin_model_is_never_a_pick() -> None:
    """glide-import and hollow-unknown meet every need but are not US-made."""
    document = rec("--activity", "running", "--support", "neutral", "--max-price", "200")
    assert not {"glide-import", "hollow-unknown"} & set(pick_ids(document))
    assert not {"glide-import", "hollow-unknown"} & {miss["id"] for miss in document["near_misses"]}


def test_near_misses_say_which_need_and_by_how_much() -> None:
    """'acme-wide: $220, $20 over budget' -- in its own section."""
    document = rec("--activity", "running", "--support", "neutral", "--max-price", "200")
    misses = {miss["id"]: miss for miss in document["near_misses"]}
    assert misses["acme-wide"]["need"] == "price"
    assert misses["acme-wide"]["miss"] == "$220 (2025), $20 over budget"
    assert "acme-wide" not in pick_ids(document)
    # A discontinued or long-unseen model is no near miss: it is left out, with its reason.
    assert "fjord-old" not in misses and "fjord-old" in {item["id"] for item in document["left_out"]}


def test_made_in_usa_ranks_above_assembled_unless_origin_says_otherwise() -> None:
    """Default order: made first; --origin assembled-in-usa --origin made-in-usa turns it round."""
    default = pick_ids(rec("--activity", "running", "--support", "neutral", "--max-price", "200"))
    assert default.index("acme-road") < default.index("bolt-assembled")
    turned = pick_ids(
        rec(
            "--activity",
            "running",
            "--support",
            "neutral",
            "--max-price",
            "200",
            "--origin",
            "assembled-in-usa",
            "--origin",
            "made-in-usa",
        )
    )
    assert turned[0] == "bolt-assembled"
    only = pick_ids(rec("--activity", "running", "--origin", "assembled-in-usa"))
    assert only == ["bolt-assembled"]


def test_origin_imported_is_refused_with_one_line() -> None:
    """recommend --origin imported: exit 2, one located line pointing to --like."""
    result = run("recommend", "--origin", "imported", code=ExitCode.USAGE)
    assert result.stdout == "" and "--like" in result.stderr and len(result.stderr.splitlines()) == 1


def test_status_defaults_to_current_and_any_status_widens() -> None:
    """fjord-old (discontinued) is a near miss by default, a pick with --any-status or --status discontinued."""
    assert "fjord-old" not in pick_ids(rec("--activity", "running", "--support", "neutral"))
    assert "fjord-old" in pick_ids(rec("--activity", "running", "--support", "neutral", "--any-status"))
    assert pick_ids(rec("--status", "discontinued")) == ["fjord-old"]
    run("recommend", "--status", "current", "--any-status", code=ExitCode.USAGE)


def test_width_and_drop_needs() -> None:
    """--width 4E finds the wide model; unknown widths 'may fit'; --max-drop 7 keeps the 6 mm model."""
    document = rec("--activity", "running", "--width", "4e")
    picks = {pick["id"]: pick for pick in document["picks"]}
    assert "width 4e (men)" in picks["acme-wide"]["reasons"]
    assert "widths not on file" in picks["cobb-mystery"]["unknowns"]
    assert {miss["id"] for miss in document["near_misses"]} >= {"acme-road", "bolt-assembled"}
    drop = rec("--activity", "running", "--support", "neutral", "--max-drop", "7mm")
    assert pick_ids(drop)[0] == "iris-women"
    run("recommend", "--max-drop", "steep", code=ExitCode.USAGE)


def test_max_weight_uses_estimates_and_lower_bounds() -> None:
    """A lower bound above the limit misses by 'at least'; one below it is unknown, not a match."""
    heavy = rec("--activity", "running", "--support", "neutral", "--max-weight", "13oz")
    dray = next(miss for miss in heavy["near_misses"] if miss["id"] == "dray-heavy")
    assert dray["need"] == "weight" and "at least" in dray["miss"]
    loose = rec("--activity", "running", "--support", "neutral", "--max-weight", "500g")
    dray_pick = next(pick for pick in loose["picks"] if pick["id"] == "dray-heavy")
    assert any(u.startswith("weight known only as") for u in dray_pick["unknowns"])
    bolt = next(pick for pick in loose["picks"] if pick["id"] == "bolt-assembled")
    assert bolt["weight_est_basis"] == "estimated" and bolt["weight_g"] == 300 and bolt["weight_size"] == "US 10"
    assert bolt["weight_est_g"] == pytest.approx(300 / 1.026**2, abs=0.1)


def test_size_moves_the_weights_compared() -> None:
    """--size M10: the model measured at men's 10 is no longer an estimate; the others are."""
    document = rec("--activity", "running", "--max-weight", "20oz", "--size", "M10", "--limit", "20")
    bolt = next(pick for pick in document["picks"] if pick["id"] == "bolt-assembled")
    assert bolt["weight_est_basis"] == "measured" and bolt["weight_est_size"] == "men's US 10"
    run("recommend", "--size", "huge", code=ExitCode.USAGE)


def test_nothing_fits_says_which_need_ruled_out_most_and_exits_0() -> None:
    """--max-price 50: exit 0, price ruled out the most, relax --max-price."""
    document = rec("--activity", "running", "--max-price", "50")
    assert document["picks"] == [] and document["ruled_out"][0]["need"] == "price"
    assert "--max-price" in document["advice"] and "$120" in document["advice"]
    lines = run("recommend", "--activity", "running", "--max-price", "50", "--format", "lines").stdout
    assert "advice\tNothing fits every need. Price ruled out the most" in lines


def test_limit_cuts_picks_and_near_misses() -> None:
    """--limit 1: one pick, one near miss."""
    document = rec("--activity", "running", "--support", "neutral", "--max-price", "200", "--limit", "1")
    assert len(document["picks"]) == 1 and len(document["near_misses"]) == 1


def test_prices_from_different_years_are_said() -> None:
    """A caveat when picks' prices come from different years."""
    document = rec("--activity", "running", "--support", "neutral", "--max-price", "200")
    assert any("different years" in caveat for caveat in document["caveats"])


def test_like_an_imported_model_finds_us_made_alternatives_with_differences() -> None:
    """--like 'glide daily' (an alias of an imported model): closest US-made models, what differs."""
    document = rec("--like", "glide daily", "--limit", "10")
    assert document["like"]["id"] == "glide-import" and document["like"]["origin"] == "imported"
    ids = pick_ids(document)
    assert "glide-import" not in ids and ids[0] == "bolt-assembled"
    assert any("heavier" in d for d in document["picks"][0]["differs"])
    assert ids[-1] == "eagle-walker"  # a walking shoe is the furthest from a running one


def test_like_with_an_unknown_model_is_not_found() -> None:
    """--like nothing-like-it: exit 3 with suggestions, never a traceback."""
    run("recommend", "--like", "zzzz qqqq", code=ExitCode.NOT_FOUND)


def test_recommend_lines_format_is_tab_separated_by_kind() -> None:
    """In a pipe: need, pick, near-miss and note lines, each starting with its kind."""
    out = run("recommend", "--activity", "running", "--support", "neutral", "--max-price", "200").stdout
    kinds = {line.split("\t")[0] for line in out.splitlines()}
    assert kinds <= {"bottom-line", "need", "pick", "unverified", "near-miss", "advice", "note"}
    assert out.splitlines()[0].startswith("bottom-line\tBottom line: ")


# --- imported models in list, search, show, compare ------------------------------------------
def list_ids(*args: str) -> list[str]:
    return [record["id"] for record in json.loads(run("list", "--json", *args).stdout)]


def test_list_and_filter_show_imported_models_only_when_asked() -> None:
    """Hidden by default; shown with --origin imported or --all."""
    assert "glide-import" not in list_ids()
    assert "glide-import" not in [r["id"] for r in json.loads(run("filter", "--json").stdout)]
    assert list_ids("--origin", "imported") == ["glide-import"]
    assert "glide-import" in list_ids("--all")


def test_search_finds_imported_models_and_points_to_recommend_like() -> None:
    """search marks an imported hit and names the command for US-made alternatives."""
    result = run("search", "glide", "--json")
    record = json.loads(result.stdout)[0]
    assert record["origin"] == "imported" and record["alternative"] == "usashoes recommend --like glide-import"
    assert "recommend --like glide-import" in result.stderr


def test_show_and_compare_resolve_imported_models() -> None:
    """An imported model can be shown and compared."""
    run("show", "glide daily")
    rows = json.loads(run("compare", "glide", "acme-road", "--json").stdout)["weight"]
    assert rows["lightest"] == ["glide-import"]


# --- comparing and sorting weights ------------------------------------------------------------
def test_compare_says_a_weight_below_a_lower_bound_is_lighter() -> None:
    """acme-road (269 g) vs dray-heavy ('over 400 g'): acme is lightest, dray at least 131 g heavier."""
    document = json.loads(run("compare", "acme-road", "dray-heavy", "--json").stdout)
    assert document["weight"]["lightest"] == ["acme-road"]
    dray = next(d for d in document["weight"]["deltas"] if d["id"] == "dray-heavy")
    assert dray["at_least"] is True
    assert any("lower bound" in caveat for caveat in document["caveats"])


def test_compare_estimates_at_one_size_and_keeps_the_measured_value() -> None:
    """The 'Weight at M9' row shows the estimate with the measured weight and size beside it."""
    lines = run("compare", "bolt-assembled", "acme-road", "--format", "lines").stdout.splitlines()
    row = next(line for line in lines if line.startswith("weight_est\t"))
    assert "≈ 10.1 oz / 285 g at M9, est. (measured 10.6 oz / 300 g at US 10)" in row
    assert any("estimated at men's US 9" in line for line in lines if line.startswith("note\t"))
    m10 = json.loads(run("compare", "bolt-assembled", "acme-road", "--size", "M10", "--json").stdout)
    assert m10["size"] == "men's US 10"


def test_sort_by_weight_compares_at_one_size() -> None:
    """iris-women (230 g at women's 8, ≈ 261 g at M9) sorts after nothing lighter at M9."""
    ordered = list_ids("--sort", "weight", "--activity", "running")
    assert ordered.index("iris-women") < ordered.index("acme-road") < ordered.index("bolt-assembled")
    assert ordered.index("bolt-assembled") < ordered.index("dray-heavy")


@pytest.mark.parametrize("command", [["list"], ["search", "acme"], ["show", "bolt-assembled"]])
def test_size_option_on_list_search_and_show(command: list[str]) -> None:
    """--size works on list, search and show, and the JSON names the size the estimate is at."""
    out = json.loads(run(*command, "--size", "W8", "--json").stdout)
    records = out if isinstance(out, list) else [out]
    assert records and all(record["weight_est_size"] == "women's US 8" for record in records)


def test_a_status_confirmed_recently_ranks_before_old_or_undated_evidence() -> None:
    """Two equally good picks: the one known to be sold within two years comes first, whatever the price."""
    from datetime import date

    from usashoes.models import Price, Status
    from usashoes.needs import Needs
    from usashoes.recommend import DEFAULT_STATUSES, recommend

    def shoe(shoe_id: str, usd: float, status: Status, as_of: str | None) -> Shoe:
        return _us_made(shoe_id, msrp=Price(usd, 2025), status=status, status_as_of=as_of)

    old = shoe("old-cheap", 100, Status.CURRENT, "2019")  # current, but last seen in 2019
    fresh = shoe("fresh-dear", 180, Status.CURRENT, "2026-02")
    needs = Needs(max_usd=200, statuses=DEFAULT_STATUSES)
    every = recommend([old, fresh], needs, today=date(2026, 11, 28), buyable_only=False)
    assert [pick.shoe.id for pick in every.picks] == ["fresh-dear", "old-cheap"]
    # By default a status last seen more than three years ago is no evidence it can be bought.
    result = recommend([old, fresh], needs, today=date(2026, 11, 28))
    assert [pick.shoe.id for pick in result.picks] == ["fresh-dear"]
    assert [(shoe.id, why) for shoe, why in result.left_out] == [("old-cheap", "no status evidence since 2019")]


def test_a_missed_need_carries_how_far_over_and_the_advice_the_closest_value() -> None:
    """The domain hands over numbers ($20 over, $220 the cheapest ruled out); output words them."""
    from datetime import date

    from usashoes.models import Price
    from usashoes.needs import Need, Needs, Outcome
    from usashoes.output.wording import advice_text, check_text
    from usashoes.recommend import Advice, recommend

    dear = _us_made("dear", msrp=Price(220, 2025))
    result = recommend([dear], Needs(max_usd=200), today=date(2026, 11, 28), buyable_only=False)
    miss = result.near_misses[0].miss
    assert (miss.need, miss.outcome, miss.over, miss.value) == (Need.PRICE, Outcome.MISSED, 20, 220)
    assert check_text(miss) == "$220 (2025), $20 over budget"
    assert result.advice == Advice(candidates=1, need=Need.PRICE, ruled_out=1, closest=220)
    assert advice_text(result) is not None and advice_text(result).endswith(
        "Try relaxing --max-price (the cheapest it ruled out costs $220)."
    )


def test_like_reports_weight_and_price_differences_as_numbers() -> None:
    """--like: a candidate 20 g heavier and $30 cheaper than the reference, in numbers, then in words."""
    from usashoes.like import Aspect, recommend_like
    from usashoes.models import Price
    from usashoes.needs import Needs
    from usashoes.output.wording import differs

    def make(shoe_id: str, grams: float, usd: float) -> Shoe:
        return Shoe(
            id=shoe_id,
            brand="Acme",
            name=shoe_id,
            confidence=Confidence.HIGH,
            sources=("https://e.com",),
            origin=Origin.MADE_IN_USA,
            weight=Weight(grams, "g", "men's US 9", line=Line.MEN),
            msrp=Price(usd, 2025),
        )

    reference, other = make("ref", 300, 150), make("other", 320, 120)
    pick = recommend_like([reference, other], reference, Needs(), buyable_only=False).picks[0]
    deltas = {item.aspect: item.delta for item in pick.differs}
    assert deltas[Aspect.WEIGHT] == pytest.approx(20) and deltas[Aspect.PRICE] == -30
    assert differs(pick) == ("20 g heavier (7%) at M9", "price $120 (2025) vs $150 (2025) (-$30)")


# --- the buyer's answer: confirmed before unverified, buyable by default, bottom line first --------
def test_a_confirmed_pick_always_ranks_above_an_unverified_one() -> None:
    """'Not known' never outranks a known fact: every confirmed pick comes before any unverified one."""
    document = rec("--activity", "running", "--support", "neutral", "--max-price", "200", "--limit", "20")
    bands = [pick["band"] for pick in document["picks"]]
    assert bands == sorted(bands, key=lambda band: band != "confirmed") and "unverified" in bands
    for pick in document["picks"]:
        assert (pick["band"] == "confirmed") == (not pick["unknowns"])


def test_the_first_line_is_the_bottom_line_naming_the_best_confirmed_pick() -> None:
    document = rec("--activity", "running", "--support", "neutral", "--max-price", "200")
    confirmed = [pick for pick in document["picks"] if pick["band"] == "confirmed"]
    assert document["bottom_line"].startswith("Bottom line: ")
    if confirmed:
        assert f"({confirmed[0]['id']}) meets every need on file" in document["bottom_line"]
    table = run("recommend", "--activity", "running", "--max-price", "200", "--format", "table").stdout
    assert table.splitlines()[0].startswith("Bottom line: ")


def test_nothing_confirmed_is_said_in_the_first_line() -> None:
    """A need nobody has on file: no confirmed pick, and the bottom line says so."""
    document = rec("--width", "9E")
    assert not [pick for pick in document["picks"] if pick["band"] == "confirmed"]
    assert "no model is confirmed" in document["bottom_line"] or "nothing" in document["bottom_line"]


def test_what_cannot_be_bought_is_left_out_by_default_and_back_with_any_status() -> None:
    document = rec("--activity", "running")
    left = {item["id"]: item["reason"] for item in document["left_out"]}
    assert left.get("fjord-old") == "discontinued"
    assert "fjord-old" not in pick_ids(document) + [m["id"] for m in document["near_misses"]]
    assert "fjord-old" in pick_ids(rec("--activity", "running", "--any-status", "--limit", "20"))
    out = run("recommend", "--activity", "running").stdout
    assert any(
        line.startswith("note\tLeft out, not buyable new: ") and "--any-status" in line for line in out.splitlines()
    )


def test_a_wrong_activity_is_no_near_miss() -> None:
    document = rec("--activity", "walking", "--limit", "20")
    assert all(miss["need"] != "activity" for miss in document["near_misses"])


def test_the_bundled_catalog_never_offers_a_superseded_or_not_public_model() -> None:
    """The 990v5 (990v6 on file) and the 950v2 (military issue) are left out, with their reasons."""
    done = CliRunner().invoke(app, ["recommend", "--activity", "running", "--json"], env={"USASHOES_CATALOG": ""})
    document = json.loads(done.stdout)
    left = {item["id"]: item["reason"] for item in document["left_out"]}
    assert left["nb-990v5"] == "superseded by nb-990v6" and left["nb-950v2"] == "not sold to the public"
    offered = pick_ids(document) + [miss["id"] for miss in document["near_misses"]]
    assert "nb-990v5" not in offered and "nb-950v2" not in offered


def test_max_weight_zero_is_a_need_nothing_meets_not_a_crash() -> None:
    document = rec("--max-weight", "0")
    assert not [pick for pick in document["picks"] if pick["band"] == "confirmed"]


def test_like_leaves_models_with_too_little_on_file_apart_and_says_what_it_compared() -> None:
    from usashoes.like import recommend_like
    from usashoes.models import Price
    from usashoes.needs import Needs

    def make(shoe_id: str, grams: float | None, usd: float | None) -> Shoe:
        weight = Weight(grams, "g", "men's US 9", line=Line.MEN) if grams else None
        return _us_made(shoe_id, weight=weight, msrp=Price(usd, 2025) if usd else None)

    reference, known, empty = make("ref", 300, 150), make("known", 320, 120), make("empty", None, None)
    result = recommend_like([reference, known, empty], reference, Needs(), buyable_only=False)
    assert [pick.shoe.id for pick in result.picks] == ["known"]
    assert [shoe.id for shoe in result.not_comparable] == ["empty"] and set(result.compared) == {"weight", "price"}


def test_size_is_a_need_when_given_and_rules_out_a_range_that_excludes_it() -> None:
    """--size M16: a model whose men's sizes on file stop at 13 is out; unknown sizes are unverified."""
    from usashoes.models import Price
    from usashoes.needs import Needs, Outcome
    from usashoes.recommend import recommend
    from usashoes.sizes import parse_size_option

    def make(shoe_id: str, sizes: dict[str, str]) -> Shoe:
        return _us_made(shoe_id, msrp=Price(100, 2025), sizes=sizes)

    small, big, unisex, unknown = (
        make("small", {"men": "8-13"}),
        make("big", {"men": "7-16"}),
        make("unisex", {"unisex": "5U-15U"}),
        make("unknown", {}),
    )
    needs = Needs(size=parse_size_option("M16"), size_given=True)
    result = recommend([small, big, unisex, unknown], needs, buyable_only=False)
    assert [(p.shoe.id, p.confirmed) for p in result.picks] == [("big", True), ("unknown", False)]
    missed = {m.shoe.id: m.miss for m in result.near_misses}
    assert missed["small"].outcome is Outcome.MISSED and "unisex" in missed
    assert recommend([small], needs._replace(size=parse_size_option("M10")), buyable_only=False).picks[0].confirmed


def test_size_flag_reaches_the_answer() -> None:
    document = rec("--activity", "running", "--size", "M16")
    assert {"need": "size", "value": "M16"} in document["needs"]


@pytest.mark.parametrize("columns", [80, 100])
def test_the_default_answer_fits_one_screen(columns: int) -> None:
    """At 80x24 (and 100x24) a four-need answer is one screen: bottom line first, nothing cut."""
    done = CliRunner().invoke(
        app,
        [
            "--catalog",
            FIXTURE,
            "recommend",
            "--activity",
            "running",
            "--support",
            "neutral",
            "--max-price",
            "200",
            "-f",
            "table",
        ],
        env={"COLUMNS": str(columns), "LINES": "24"},
    )
    lines = done.stdout.splitlines()
    assert done.exit_code == ExitCode.OK and lines[0].startswith("Bottom line: ")
    assert len(lines) <= 24, done.stdout
    assert max(len(line) for line in lines) <= columns


def test_like_answers_with_the_closest_model_not_with_needs_met() -> None:
    document = rec("--like", "glide daily")
    assert document["bottom_line"].startswith("Bottom line: closest to the ")
    assert "meets every need" not in document["bottom_line"]
    assert f"({document['picks'][0]['id']})" in document["bottom_line"]


def test_like_compares_heel_stacks_but_never_with_and_without_insole() -> None:
    from usashoes.like import Aspect, recommend_like
    from usashoes.models import Price, StackBasis
    from usashoes.needs import Needs

    def make(shoe_id: str, stack: float, basis: StackBasis | None) -> Shoe:
        return _us_made(shoe_id, msrp=Price(150, 2025), drop_mm=8, stack_heel_mm=stack, stack_basis=basis)

    reference = make("ref", 38, StackBasis.WITH_INSOLE)
    low, mixed = make("low", 28, None), make("mixed", 37, StackBasis.WITHOUT_INSOLE)
    result = recommend_like([reference, low, mixed], reference, Needs(), buyable_only=False)
    stacks = {pick.shoe.id: next(d for d in pick.differs if d.aspect is Aspect.STACK) for pick in result.picks}
    assert stacks["low"].delta == -10 and stacks["mixed"].delta is None  # measured differently: no number
    assert "stack" in result.compared


def test_a_model_sold_current_beside_its_successor_is_still_offered() -> None:
    """The 990v4 has the 990v5 as successor on file, but is itself current and sold (as of 2026)."""
    done = CliRunner().invoke(app, ["recommend", "--activity", "running", "--json"], env={"USASHOES_CATALOG": ""})
    document = json.loads(done.stdout)
    assert "nb-990v4" not in {item["id"] for item in document["left_out"]}

"""The plain-text lines format of every result, and the text the table format shares with it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from .. import freshness
from ..explain.verdict import verdict
from ..models import Shoe
from ..sizes import DEFAULT_SIZE, Size, weight_at
from . import human as fmt
from .results import (
    EXPLAIN_RESULTS,
    CatalogInfo,
    LabelExplanation,
    ModelExplanation,
    RuleDetail,
    RulesOverview,
    ShoeDetail,
    ShoeList,
    ValidationReport,
    dispatch,
)

if TYPE_CHECKING:  # compare and recommend load only with the commands that use them
    from ..compare import Comparison
    from ..recommend import Recommendation


def utf_stream(stream: TextIO) -> bool:
    return (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig")


def lines_text(lines: Iterable[str], out: TextIO) -> str:
    ascii_only = not utf_stream(out)
    text = []
    for line in lines:
        line = fmt.clean(line)  # catalog and user text never reach the terminal raw
        text.append((fmt.to_ascii(line) if ascii_only else line) + "\n")
    return "".join(text)


# --- plain lines (the default in a pipe) -----------------------------------------------------
def lines_writer(result: object, out: Any) -> str:
    return lines_text(to_lines(result), out)


def to_lines(result: object) -> list[str]:
    """The plain lines of a result, by its type (one table: LINES)."""
    return dispatch(LINES, result)(result)


def _shoe_list_lines(result: ShoeList) -> list[str]:
    today = freshness.today()
    return [
        _shoe_line(shoe, None if result.scores is None else result.scores[i], today, result.size)
        for i, shoe in enumerate(result.shoes)
    ]


def _shoe_detail_lines(result: ShoeDetail) -> list[str]:
    return [
        f"{name}\t{fmt.one_line(value)}"
        for name, value in detail_fields(result.shoe, result.size, overlay=result.overlay)
    ]


def _comparison_lines(result: Comparison) -> list[str]:
    from .wording import compare_caveat, marked_cells  # deferred: listing models needs no sentences

    header = "\t".join(["field", *(shoe.id for shoe in result.shoes)])
    rows = [
        "\t".join([row.field, *(fmt.one_line(cell) for cell in marked_cells(row, result.today))]) for row in result.rows
    ]
    return [header, *rows, *(f"note\t{compare_caveat(caveat)}" for caveat in result.caveats)]


def _catalog_info_lines(result: CatalogInfo) -> list[str]:
    lines = [
        f"path\t{fmt.one_line(result.path)}",
        f"source\t{result.source or fmt.UNKNOWN}",
        f"catalog_version\t{result.catalog_version or fmt.UNKNOWN}",
        f"published\t{result.published or fmt.UNKNOWN}",
        f"models\t{result.model_count}",
        f"newest_as_of\t{result.newest_as_of or fmt.UNKNOWN}",
    ]
    lines += [f"origin\t{name}\t{count}" for name, count in result.by_origin.items()]
    lines += [f"brand\t{fmt.one_line(name)}\t{count}" for name, count in result.by_brand.items()]
    lines += [f"freshness\t{name}\t{fmt.text(value)}" for name, value in (result.freshness_json() or {}).items()]
    lines += [f"coverage\t{name}\t{count}\t{result.model_count}" for name, count in (result.coverage or {}).items()]
    return lines


def _validation_lines(result: ValidationReport) -> list[str]:
    if result.problems:
        return [fmt.one_line(str(problem)) for problem in result.problems]
    return [validation_summary(result)]


def _explain_lines(result: object) -> list[str]:
    from .human import NOT_LEGAL_ADVICE

    return [*explain_lines(result), "", NOT_LEGAL_ADVICE]


def validation_summary(result: ValidationReport) -> str:
    count = result.model_count or 0
    what = ("entry" if count == 1 else "entries") if result.overlay else "models"
    return f"{fmt.one_line(result.path)}: valid{' overlay' if result.overlay else ''} ({result.model_count} {what})"


def explain_lines(result: object) -> list[str]:
    """Plain text for explain: also the body of the table view, which adds only layout."""
    return dispatch(EXPLAIN_LINES, result)(result)


def _rules_overview_lines(result: RulesOverview) -> list[str]:
    return ["\t".join([rule.id, rule.label, rule.set_by, rule.threshold, rule.summary]) for rule in result.rules]


def _rule_detail_lines(result: RuleDetail) -> list[str]:
    rule = result.rule
    lines = [
        rule.title,
        "",
        f"Label or scheme: {rule.label}",
        f"Jurisdiction: {rule.jurisdiction}",
        f"Set by: {rule.set_by} ({rule.kind})",
        f"Threshold: {rule.threshold}",
        "",
        rule.summary,
        "",
    ]
    lines += [paragraph for detail in rule.details for paragraph in (detail, "")]
    lines += ["Legal citations:", *(f"  - {c}" for c in rule.citations or ("none (not a law)",)), ""]
    lines += ["Sources:", *(f"  - {source.url} ({source.what})" for source in rule.sources)]
    return lines


def _model_explanation_lines(result: ModelExplanation) -> list[str]:
    from .verdicts import verdict_text

    a, shoe = result.assessment, result.shoe
    lines = [
        f"US-made? {verdict_text(result.verdict)}",
        "",
        f"{shoe.display_name} ({shoe.id})",
        f"Origin in the catalog: {fmt.text(a.origin)}",
        f"Label wording: {fmt.text(a.label)}",
    ]
    if a.label_reading:
        lines.append(f"Label reads as: {a.label_reading.label_class}")
    if a.statements:  # never an empty section
        lines += ["", "What it means:", *(f"  - {s}" for s in a.statements)]
    basis = shoe.origin_basis
    if basis is not None:
        lines += ["", f"How the origin is known ({basis.kind}): {basis.detail}"]
    if a.unknowns:
        lines += ["", "What the catalog does not know:", *(f"  - {u}" for u in a.unknowns)]
    if a.rule_ids:
        lines += ["", f"Rules: {', '.join(a.rule_ids)} (usashoes explain TOPIC)"]
    return lines


def _label_explanation_lines(result: LabelExplanation) -> list[str]:
    r = result.reading
    return [
        f"Label: {r.text}",
        f"Reads as: {r.label_class}",
        "",
        "What it guarantees:",
        *(f"  - {g}" for g in r.guarantees),
        "",
        "What it does not guarantee:",
        *(f"  - {g}" for g in r.does_not_guarantee),
        "",
        f"Rules: {', '.join(r.rule_ids)} (usashoes explain TOPIC)",
    ]


EXPLAIN_LINES: dict[str, Callable[[Any], list[str]]] = {
    "RulesOverview": _rules_overview_lines,
    "RuleDetail": _rule_detail_lines,
    "ModelExplanation": _model_explanation_lines,
    "LabelExplanation": _label_explanation_lines,
}


def shoe_cells(shoe: Shoe, score: float | None, today: date, size: Size = DEFAULT_SIZE) -> list[tuple[str, str]]:
    """One model as (column, human text): the cards, the narrow layout and the Markdown table."""
    cells = [
        ("ID", shoe.id),
        ("Model", shoe.display_name),
        ("Origin", fmt.text(shoe.origin)),
        ("Weight", fmt.weight(shoe.weight, with_size=True)),
        (f"At {size.short}", fmt.weight_estimate(weight_at(shoe.weight, size))),
        ("Drop", fmt.millimetres(shoe.drop_mm)),
        ("MSRP", fmt.price(shoe.msrp, today)),
        ("Activities", fmt.text(tuple(map(str, shoe.activities)))),
        ("Status", fmt.status(shoe, today)),
    ]
    if score is not None:
        cells.append(("Score", fmt.number(score)))
    return cells


def _shoe_line(shoe: Shoe, score: float | None, today: date, size: Size = DEFAULT_SIZE) -> str:
    at = weight_at(shoe.weight, size)
    cells = [
        shoe.id,
        shoe.display_name,
        fmt.text(shoe.origin),
        fmt.weight(shoe.weight, with_size=True),
        fmt.weight_estimate(at) if at is not None and at.estimated else fmt.UNKNOWN,
        fmt.price(shoe.msrp, today),
        fmt.text(tuple(map(str, shoe.activities))),
        fmt.status(shoe, today),
    ]
    if score is not None:
        cells.append(fmt.number(score))
    return "\t".join(fmt.one_line(cell) for cell in cells)


def overlay_text(overlay: dict[str, str]) -> str:
    """'added by mine.yaml; msrp, weight from prices.yaml': where a model's overlaid values came from."""
    added_by = overlay.get("id")
    by_file: dict[str, list[str]] = {}
    for name, file in overlay.items():
        if file != added_by:
            by_file.setdefault(file, []).append(name)
    parts = [f"added by {added_by}"] if added_by else []
    parts += [f"{', '.join(names)} from {file}" for file, names in by_file.items()]
    return "; ".join(parts)


def detail_fields(
    shoe: Shoe, size: Size = DEFAULT_SIZE, today: date | None = None, overlay: dict[str, str] | None = None
) -> list[tuple[str, str]]:
    """Every field of one shoe as (name, human text), in reading order; for show. Opens with the verdict."""
    from .verdicts import verdict_text

    today = today or freshness.today()
    weight = fmt.weight(shoe.weight, with_size=True)
    if shoe.weight is not None and shoe.weight.line is not None:
        weight += f" ({shoe.weight.line}'s sizing)" if shoe.weight.line != "unisex" else " (unisex sizing)"
    return [
        ("us_made", verdict_text(verdict(shoe))),
        ("id", shoe.id),
        *((("overlay", overlay_text(overlay)),) if overlay else ()),
        ("brand", shoe.brand),
        ("model", shoe.model),
        ("aliases", fmt.text(shoe.aliases)),
        ("style_codes", fmt.text(shoe.style_codes)),
        ("origin", fmt.text(shoe.origin)),
        ("origin_basis", fmt.origin_basis(shoe.origin_basis)),
        ("label", fmt.text(shoe.label)),
        ("made_in", fmt.text(shoe.made_in)),
        ("domestic_content", fmt.domestic(shoe)),
        *(("lookalike", warning) for warning in shoe.lookalikes),
        ("activities", fmt.text(tuple(map(str, shoe.activities)))),
        ("support", fmt.text(shoe.support)),
        ("weight", weight),
        (f"weight_at_{size.short}", fmt.weight_estimate(weight_at(shoe.weight, size))),
        ("drop", fmt.millimetres(shoe.drop_mm)),
        ("stack", fmt.stack(shoe)),
        ("widths", fmt.per_line(shoe.widths)),
        ("sizes", fmt.per_line(shoe.sizes)),
        ("msrp", fmt.price(shoe.msrp, today)),
        ("launch_price", fmt.price(shoe.launch_price, launch=True)),
        ("release_year", fmt.text(shoe.release_year)),
        ("status", fmt.status(shoe, today) + fmt.superseded(shoe)),
        ("availability", fmt.availability(shoe, today)),
        ("predecessor", fmt.text(shoe.predecessor)),
        ("successor", fmt.text(shoe.successor)),
        ("product_url", fmt.text(shoe.product_url)),
        ("midsole", fmt.text(shoe.midsole)),
        ("features", "; ".join(shoe.features) if shoe.features else fmt.UNKNOWN),
        ("description", fmt.text(shoe.description)),
        ("confidence", str(shoe.confidence)),
        *(("note", note) for note in shoe.notes),
        *(("source", line) for line in _source_lines(shoe)),
    ]


def _source_lines(shoe: Shoe) -> list[str]:
    """Each URL once, with the fields it backs: 'https://... (origin, weight)'."""
    urls = list(dict.fromkeys([*shoe.sources, *(u for urls in shoe.field_sources.values() for u in urls)]))
    lines = []
    for url in urls:
        backs = [name for name, field_urls in shoe.field_sources.items() if url in field_urls]
        lines.append(f"{url} ({', '.join(backs)})" if backs else url)
    return lines


def more_text(result: Recommendation) -> str | None:
    """'3 more picks and 12 more near misses not shown (--limit N shows N of each).'"""
    parts = [
        f"{count} more {one if count == 1 else many}"
        for count, one, many in (
            (result.more_picks, "pick", "picks"),
            (result.more_near_misses, "near miss", "near misses"),
        )
        if count
    ]
    return f"{' and '.join(parts)} not shown (--limit N shows N of each)." if parts else None


def pick_weight(shoe: Shoe, size: Size) -> str:
    at = weight_at(shoe.weight, size)
    return fmt.weight_estimate(at)


def recommendation_lines(result: Recommendation) -> list[str]:
    """Tab-separated: 'need', 'pick', 'near-miss', 'advice' and 'note' lines, each starting with its kind."""
    from .wording import (
        advice_text,
        bottom_line,
        check_text,
        closing_notes,
        differs,
        needs_pairs,
        pick_reasons,
        recommend_caveat,
        unknowns,
    )

    lines = [f"bottom-line\t{fmt.one_line(bottom_line(result))}"]
    lines += [f"need\t{need}\t{fmt.one_line(value)}" for need, value in needs_pairs(result)]
    for rank, pick in enumerate(result.picks, 1):
        shoe = pick.shoe
        lines.append(
            "\t".join(
                [
                    "pick" if pick.confirmed else "unverified",
                    str(rank),
                    shoe.id,
                    fmt.one_line(shoe.display_name),
                    fmt.text(shoe.origin),
                    fmt.price(shoe.msrp),
                    pick_weight(shoe, result.size),
                    fmt.one_line("; ".join(pick_reasons(pick)) or fmt.UNKNOWN),
                    fmt.one_line("; ".join(unknowns(pick)) or "-"),
                    *([fmt.one_line("; ".join(differs(pick)) or "-")] if result.like else []),
                ]
            )
        )
    for miss in result.near_misses:
        lines.append(
            "\t".join(
                [
                    "near-miss",
                    miss.shoe.id,
                    fmt.one_line(miss.shoe.display_name),
                    str(miss.need),
                    fmt.one_line(check_text(miss.miss)),  # it quotes what the user asked for
                    fmt.one_line("; ".join(unknowns(miss)) or "-"),
                ]
            )
        )
    if advice := advice_text(result):
        lines.append(f"advice\t{fmt.one_line(advice)}")
    if more := more_text(result):
        lines.append(f"note\t{fmt.one_line(more)}")
    lines += [f"note\t{fmt.one_line(recommend_caveat(caveat))}" for caveat in result.caveats]
    lines += [f"note\t{fmt.one_line(note)}" for note in closing_notes(result)]
    return lines


LINES: dict[str, Callable[[Any], list[str]]] = {
    "ShoeList": _shoe_list_lines,
    "ShoeDetail": _shoe_detail_lines,
    "Comparison": _comparison_lines,
    "Recommendation": recommendation_lines,
    "CatalogInfo": _catalog_info_lines,
    "ValidationReport": _validation_lines,
    **{kind.__name__: _explain_lines for kind in EXPLAIN_RESULTS},
}

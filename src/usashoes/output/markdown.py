"""GitHub-flavoured Markdown tables for every result a table is drawn for. No rich here.

Catalog text stays data: control characters are made visible (clean), `<`, `>` and `&` become
entities (renderers pass raw HTML), and a cell's `|` and line breaks are escaped so a value can
never start a new column or row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .. import freshness
from . import human as fmt
from .lines import detail_fields, explain_lines, more_text, pick_weight, shoe_cells
from .results import CatalogInfo, RulesOverview, ShoeDetail, ShoeList, ValidationReport, dispatch
from .wording import (
    advice_text,
    check_text,
    compare_caveat,
    differs,
    marked_cells,
    needs_pairs,
    pick_reasons,
    recommend_caveat,
    row_label,
    unknowns,
)

if TYPE_CHECKING:
    from ..compare import Comparison
    from ..recommend import Recommendation


def html_inert(text: str) -> str:
    """Markdown renderers pass raw HTML through: `</td><td>` would add a cell, `<script>` run."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell(text: str) -> str:
    """One table cell: `|` escaped, line breaks as <br>, HTML inert, nothing that could end the row."""
    text = html_inert(fmt.clean(text.replace("\r\n", "\n").replace("\r", "\n")))
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>") or " "


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(cell(name) for name in header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return lines


def paragraph(text: str) -> str:
    """Prose outside a table: one line, Markdown's table pipes harmless, controls visible."""
    return html_inert(fmt.clean(text.replace("\n", " ")))


def markdown(result: object) -> str:
    return "\n".join(_lines(result)) + "\n"


def _lines(result: object) -> list[str]:
    return dispatch(MARKDOWN, result)(result)


def _md_shoe_list(result: ShoeList) -> list[str]:
    today = freshness.today()
    rows = [
        shoe_cells(shoe, None if result.scores is None else result.scores[i], today, result.size)
        for i, shoe in enumerate(result.shoes)
    ]
    header = [
        "ID",
        "Model",
        "Origin",
        "Weight",
        f"At {result.size.short}",
        "Drop",
        "MSRP",
        "Activities",
        "Status",
        *(["Score"] if result.scores is not None else []),
    ]
    return table(header, [[value for _, value in row] for row in rows])


def _md_shoe_detail(result: ShoeDetail) -> list[str]:
    return [
        f"## {paragraph(result.shoe.display_name)}",
        "",
        *table(
            ["Field", "Value"],
            [[name, value] for name, value in detail_fields(result.shoe, result.size, overlay=result.overlay)],
        ),
    ]


def _md_comparison(result: Comparison) -> list[str]:
    header = ["Field", *(f"{shoe.display_name} ({shoe.id})" for shoe in result.shoes)]
    cells = [[row_label(row, result.size), *marked_cells(row, result.today)] for row in result.rows]
    notes = ["", *(f"- {paragraph(compare_caveat(c))}" for c in result.caveats)] if result.caveats else []
    return [*table(header, cells), *notes]


def _md_recommendation(result: Recommendation) -> list[str]:
    return _recommendation(result)


def _md_catalog_info(result: CatalogInfo) -> list[str]:
    return _info(result)


def _md_validation_report(result: ValidationReport) -> list[str]:
    if result.problems:
        return [f"- {paragraph(str(problem))}" for problem in result.problems]
    from .lines import validation_summary

    return [paragraph(validation_summary(result))]


def _md_rules_overview(result: RulesOverview) -> list[str]:
    rows = [[r.id, r.label, r.set_by, r.threshold, r.summary] for r in result.rules]
    return _with_disclaimer(table(["Topic", "Label or scheme", "Set by", "Threshold", "Meaning"], rows))


def _md_explanation(result: object) -> list[str]:
    """One rule, a model or a label: the plain-text explanation as paragraphs."""
    return _with_disclaimer([paragraph(line) if line.strip() else "" for line in explain_lines(result)])


def _with_disclaimer(body: list[str]) -> list[str]:
    from .human import NOT_LEGAL_ADVICE

    return [*body, "", f"_{paragraph(NOT_LEGAL_ADVICE)}_"]


def _recommendation(r: Recommendation) -> list[str]:
    from .wording import band, bottom_line, closing_notes

    lines = [f"**{paragraph(bottom_line(r))}**", ""]
    lines += ["**Needs:** " + paragraph("; ".join(f"{need} {value}" for need, value in needs_pairs(r)))]
    if r.picks:
        header = ["#", "Band", "Model", "ID", "Origin", "MSRP", "Weight", "Why it fits", "Not known"]
        header += ["Differs"] if r.like is not None else []
        rows = []
        for rank, pick in enumerate(r.picks, 1):
            row = [
                str(rank),
                band(pick),
                pick.shoe.display_name,
                pick.shoe.id,
                fmt.text(pick.shoe.origin),
                fmt.price(pick.shoe.msrp),
                pick_weight(pick.shoe, r.size),
                "\n".join(pick_reasons(pick)) or fmt.UNKNOWN,
                "\n".join(unknowns(pick)) or "-",
            ]
            if r.like is not None:
                row.append("\n".join(differs(pick)) or "-")
            rows.append(row)
        lines += ["", "### Picks", "", *table(header, rows)]
    if r.near_misses:
        rows = [
            [m.shoe.display_name, m.shoe.id, str(m.need), check_text(m.miss), "\n".join(unknowns(m)) or "-"]
            for m in r.near_misses
        ]
        lines += [
            "",
            "### Near misses (one need missed)",
            "",
            *table(["Model", "ID", "Missed", "By how much", "Not known"], rows),
        ]
    if advice := advice_text(r):
        lines += ["", f"**{paragraph(advice)}**"]
    if more := more_text(r):
        lines += ["", paragraph(more)]
    if r.caveats:
        lines += ["", *(f"- {paragraph(recommend_caveat(c))}" for c in r.caveats)]
    lines += ["", *(paragraph(note) for note in closing_notes(r))]
    return lines


def _info(result: CatalogInfo) -> list[str]:
    lines = table(
        ["Field", "Value"],
        [
            ["Catalog", result.path],
            ["In use", result.described or fmt.UNKNOWN],
            ["Models", str(result.model_count)],
            ["Newest as-of", result.newest_as_of or fmt.UNKNOWN],
        ],
    )
    counts = [[f"origin: {name}", str(count)] for name, count in result.by_origin.items()]
    counts += [[f"brand: {name}", str(count)] for name, count in result.by_brand.items()]
    lines += ["", *table(["Origin / brand", "Models"], counts)]
    f = result.freshness
    if f is not None:
        lines += [
            "",
            "### Freshness",
            "",
            *table(
                ["Field", "Value"],
                [
                    ["Today", f"{f.today.isoformat()} (stale = more than {f.stale_after_years} years before)"],
                    ["Oldest as-of", f.oldest_as_of or fmt.UNKNOWN],
                    ["Newest as-of", f.newest_as_of or fmt.UNKNOWN],
                    ["Stale as-of dates", f"{f.stale_as_of} of {f.with_as_of} entries with an as-of date"],
                    ["Stale prices", f"{f.stale_prices} of {f.prices} entries with a price"],
                ],
            ),
        ]
    if result.coverage is not None:
        rows = [
            [
                name,
                f"{count}/{result.model_count}",
                fmt.number(100 * count / result.model_count, 0) if result.model_count else fmt.UNKNOWN,
            ]
            for name, count in result.coverage.items()
        ]
        lines += ["", "### Coverage: entries that know each field", "", *table(["Field", "Known", "%"], rows)]
    return lines


MARKDOWN: dict[str, Callable[[Any], list[str]]] = {
    "ShoeList": _md_shoe_list,
    "ShoeDetail": _md_shoe_detail,
    "Comparison": _md_comparison,
    "Recommendation": _md_recommendation,
    "CatalogInfo": _md_catalog_info,
    "ValidationReport": _md_validation_report,
    "RulesOverview": _md_rules_overview,
    "RuleDetail": _md_explanation,
    "ModelExplanation": _md_explanation,
    "LabelExplanation": _md_explanation,
}

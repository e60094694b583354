"""The machine formats: JSON, JSON Lines and CSV documents of every result (never imports rich)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..explain.verdict import verdict
from ..models import Shoe
from ..records import COMPACT, CSV_FIELDS, EncodedRecords, shoe_record
from ..sizes import Size
from . import human as fmt
from .cells import csv_row, flat_cell
from .lines import lines_text
from .results import (
    EXPLAIN_RESULTS,
    CatalogInfo,
    ModelExplanation,
    ShoeDetail,
    ShoeList,
    ValidationReport,
    alternative_command,
    dispatch,
)

if TYPE_CHECKING:  # explain's modules hold ~1,800 lines of rules: only explain loads them
    from ..compare import Comparison
    from ..explain.label_reading import LabelReading
    from ..explain.rules import Rule
    from ..recommend import Recommendation


def json_text(document: Any, indent: int | None = 2) -> str:
    """ASCII-only JSON (see usashoes.records.COMPACT for why); compact on one line when indent is None.

    Paths and arguments can hold lone surrogates (bytes that are not UTF-8); JSON would carry
    them as \\udcXX escapes that strict parsers reject, so they are escaped as text first.
    """
    text = (
        COMPACT.encode(document)
        if indent is None
        else json.dumps(document, indent=indent, ensure_ascii=True, allow_nan=False)
    )
    if "\\ud" in text and _has_surrogates(document):
        return json_text(_without_surrogates(document), indent)
    return text


def _has_surrogates(value: Any) -> bool:
    if isinstance(value, str):
        return fmt.no_surrogates(value) != value
    if isinstance(value, dict):
        return any(_has_surrogates(k) or _has_surrogates(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(_has_surrogates(item) for item in value)
    return False


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return fmt.no_surrogates(value)
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_without_surrogates(item) for item in value]
    return value


# --- JSON ------------------------------------------------------------------------------------
def json_writer(result: object, out: Any = None) -> str:
    return JSON_TEXT.get(type(result).__name__, _document_text)(result)


def _document_text(result: object) -> str:
    return json_text(to_json(result)) + "\n"


def _array_text(result: ShoeList) -> str:
    # One compact record per line: Python's C encoder only runs without indent, and
    # indent=2 made 10k records 3x slower to write. Still one JSON document.
    lines = encoded_records(result)  # a list of its own: the brackets go on its ends
    if not lines:
        return "[]\n"
    # One join and no concatenation around it: adding "[" to a 280 MB text copies it.
    lines[0] = "[\n" + lines[0]
    lines[-1] += "\n]\n"  # after: with one record, both ends are the same line
    return ",\n".join(lines)


# Results whose JSON is written from their encoded records rather than from a document.
JSON_TEXT: dict[str, Callable[[Any], str]] = {"ShoeList": _array_text}


def jsonl_writer(result: Any, out: Any = None) -> str:  # ShoeList or ShoeDetail: FORMATS says so
    return "".join(line + "\n" for line in encoded_records(result))


def csv_writer(result: Any, out: Any = None) -> str:  # ShoeList or ShoeDetail: FORMATS says so
    return csv_text(result)


def to_json(result: object) -> Any:
    """The JSON document of a result, by its type (one table: JSON_DOCUMENTS)."""
    return dispatch(JSON_DOCUMENTS, result)(result)


def _shoe_detail_json(result: ShoeDetail) -> dict[str, Any]:
    from .verdicts import verdict_json  # deferred: listing models needs no sentences

    document = {"verdict": verdict_json(result.verdict), **shoe_record(result.shoe, result.size)}
    if result.overlay:
        document["overlay_fields"] = dict(result.overlay)
    return document


def _catalog_info_json(result: CatalogInfo) -> dict[str, Any]:
    return {
        "path": result.path,
        "source": result.source,
        "catalog_version": result.catalog_version,
        "published": result.published,
        "models": result.model_count,
        "by_origin": result.by_origin,
        "by_brand": result.by_brand,
        "newest_as_of": result.newest_as_of,
        "coverage": result.coverage,
        "freshness": result.freshness_json(),
    }


def _validation_json(result: ValidationReport) -> dict[str, Any]:
    return {
        "path": result.path,
        "valid": not result.problems,
        "overlay": result.overlay,
        "models": result.model_count,
        "problems": [
            {"file": p.file, "line": p.line, "column": p.column, "message": p.message} for p in result.problems
        ],
        "warnings": [
            {"file": p.file, "line": p.line, "column": p.column, "message": p.message} for p in result.warnings
        ],
    }


def rule_json(rule: Rule, full: bool) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": rule.id,
        "title": rule.title,
        "label": rule.label,
        "jurisdiction": rule.jurisdiction,
        "set_by": rule.set_by,
        "kind": str(rule.kind),
        "threshold": rule.threshold,
        "summary": rule.summary,
    }
    if full:
        document.update(
            details=list(rule.details),
            citations=list(rule.citations),
            sources=[{"url": source.url, "what": source.what} for source in rule.sources],
            aliases=list(rule.aliases),
        )
    return document


def reading_json(reading: LabelReading) -> dict[str, Any]:
    return {
        "text": reading.text,
        "class": str(reading.label_class),
        "guarantees": list(reading.guarantees),
        "does_not_guarantee": list(reading.does_not_guarantee),
        "rules": list(reading.rule_ids),
    }


def explain_json(result: object) -> dict[str, Any]:
    from .human import NOT_LEGAL_ADVICE

    return {"disclaimer": NOT_LEGAL_ADVICE, **dispatch(EXPLAIN_JSON, result)(result)}


def _model_explanation_json(result: ModelExplanation) -> dict[str, Any]:
    from .verdicts import verdict_json

    a = result.assessment
    return {
        "verdict": verdict_json(result.verdict),
        "model": shoe_record(result.shoe),
        "assessment": {
            "origin": a.origin,
            "label": a.label,
            "label_reading": reading_json(a.label_reading) if a.label_reading else None,
            "statements": list(a.statements),
            "unknowns": list(a.unknowns),
            "rules": list(a.rule_ids),
        },
    }


EXPLAIN_JSON: dict[str, Callable[[Any], dict[str, Any]]] = {
    "RulesOverview": lambda result: {"rules": [rule_json(rule, full=False) for rule in result.rules]},
    "RuleDetail": lambda result: {"rule": rule_json(result.rule, full=True)},
    "ModelExplanation": _model_explanation_json,
    "LabelExplanation": lambda result: {"label": reading_json(result.reading)},
}


def encoded_records(shoes: ShoeList | ShoeDetail) -> list[str]:
    """Each record as one line of compact JSON, from the catalog's memo where the result has it."""
    result = shoes.listing
    memo = result.encoded if result.encoded is not None else EncodedRecords()
    lines = memo.lines(result.shoes, result.size)
    if result.scores is None and not result.alternatives:
        return lines
    for index, shoe in enumerate(result.shoes):
        line = lines[index]
        if result.scores is not None:
            # A record is a JSON object: its closing brace is its last character.
            line = f'{line[:-1]},"score":{COMPACT.encode(result.scores[index])}}}'
        if result.alternatives:
            line = f'{line[:-1]},"alternative":{COMPACT.encode(alternative_command(shoe))}}}'
        lines[index] = line
    return lines


def _records(shoes: ShoeList | ShoeDetail) -> Iterable[dict[str, Any]]:
    result = shoes.listing
    for index, shoe in enumerate(result.shoes):
        record = shoe_record(shoe, result.size)
        if result.scores is not None:
            record["score"] = result.scores[index]
        if result.alternatives:
            record["alternative"] = alternative_command(shoe)
        yield record


def comparison_json(result: Comparison) -> dict[str, Any]:
    from .wording import compare_caveat, row_label

    def ranking(r: Any, best_key: str, unit: str) -> dict[str, Any]:
        return {
            "compared": bool(r.deltas),
            best_key: list(r.best),
            "deltas": [
                {
                    "id": d.shoe_id,
                    f"value_{unit}": round(d.value, 2),
                    f"delta_{unit}": round(d.delta, 2),
                    "delta_pct": round(d.delta_pct, 1),
                    "at_least": d.at_least,
                }
                for d in r.deltas
            ],
            "not_compared": list(r.not_compared),
        }

    return {
        "size": result.size.long,
        "models": [shoe_record(shoe, result.size) for shoe in result.shoes],
        "rows": [
            {
                "field": row.field,
                "label": row_label(row, result.size),
                "same": row.same,
                "values": {shoe.id: value for shoe, value in zip(result.shoes, row.values, strict=True)},
            }
            for row in result.rows
        ],
        "weight": ranking(result.weight, "lightest", "g"),
        "price": ranking(result.price, "cheapest", "usd"),
        "caveats": [compare_caveat(caveat) for caveat in result.caveats],
    }


def csv_text(result: ShoeList | ShoeDetail, names: tuple[str, ...] | None = None) -> str:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    records = list(_records(result))
    if names is None:
        extra = tuple(name for name in ("score", "alternative") if records and name in records[0])
        names = (*CSV_FIELDS, *extra)
    writer.writerow(names)
    for record in records:
        writer.writerow(csv_row(record, names))
    return buffer.getvalue()


def fields_text(result: Any, chosen: str, names: tuple[str, ...], out: Any) -> str:
    """The chosen fields, in the order given (field_names checked them, and that result is a
    ShoeList or ShoeDetail)."""
    if chosen == "csv":
        return csv_text(result, names)
    records = [{name: record[name] for name in names} for record in _records(result)]
    if chosen == "lines":
        return lines_text(
            ["\t".join(fmt.one_line(flat_cell(value)) for value in record.values()) for record in records], out
        )
    if chosen == "jsonl":
        return "".join(json_text(record, indent=None) + "\n" for record in records)
    document: Any = records[0] if result.one_record else records
    return json_text(document) + "\n"


# --- recommend -------------------------------------------------------------------------------
def _pick_summary(shoe: Shoe, size: Size) -> dict[str, Any]:
    """The fields a buyer decides on, measured weight beside the estimate."""
    from .verdicts import verdict_json

    record = shoe_record(shoe, size)
    keys = (
        "id",
        "brand",
        "model",
        "origin",
        "activities",
        "support",
        "msrp_usd",
        "msrp_year",
        "weight_g",
        "weight_oz",
        "weight_size",
        "weight_line",
        "weight_is_lower_bound",
        "weight_est_g",
        "weight_est_oz",
        "weight_est_size",
        "weight_est_basis",
        "weight_est_note",
        "drop_mm",
        "widths",
        "status",
        "status_as_of",
        "confidence",
        "product_url",
    )
    return {"verdict": verdict_json(verdict(shoe)), **{key: record[key] for key in keys}}


def recommendation_json(result: Recommendation) -> dict[str, Any]:
    from .wording import (
        BEFORE_YOU_BUY,
        OPTION,
        advice_text,
        band,
        bottom_line,
        check_text,
        differs,
        needs_pairs,
        pick_reasons,
        recommend_caveat,
        unknowns,
    )

    return {
        "bottom_line": bottom_line(result),
        "needs": [{"need": need, "value": value} for need, value in needs_pairs(result)],
        "like": _pick_summary(result.like, result.size) if result.like else None,
        "size": result.size.long,
        "candidates": result.candidates,
        "picks": [
            {
                **_pick_summary(p.shoe, result.size),
                "band": band(p),
                "reasons": list(pick_reasons(p)),
                "unknowns": list(unknowns(p)),
                "differs": list(differs(p)),
            }
            for p in result.picks
        ],
        "near_misses": [
            {
                **_pick_summary(m.shoe, result.size),
                "need": str(m.need),
                "miss": check_text(m.miss),
                "reasons": [check_text(check) for check in m.reasons],
                "unknowns": list(unknowns(m)),
            }
            for m in result.near_misses
        ],
        "ruled_out": [
            {"need": str(need), "option": OPTION[need.value], "models": count} for need, count in result.ruled_out
        ],
        "more_picks": result.more_picks,
        "more_near_misses": result.more_near_misses,
        "advice": advice_text(result),
        "caveats": [recommend_caveat(caveat) for caveat in result.caveats],
        "left_out": [{"id": shoe.id, "reason": reason} for shoe, reason in result.left_out],
        "compared": list(result.compared),
        "not_comparable": [shoe.id for shoe in result.not_comparable],
        "before_you_buy": BEFORE_YOU_BUY,
    }


JSON_DOCUMENTS: dict[str, Callable[[Any], Any]] = {
    "ShoeList": lambda result: list(_records(result)),
    "ShoeDetail": _shoe_detail_json,
    "Comparison": comparison_json,
    "Recommendation": recommendation_json,
    "CatalogInfo": _catalog_info_json,
    "ValidationReport": _validation_json,
    **{kind.__name__: explain_json for kind in EXPLAIN_RESULTS},
}

"""One renderer: a result object in, table / lines / JSON / JSON Lines / CSV out.

Commands compute a result once and hand it here. Machine formats are written with
sys.stdout.write (never through Rich, which wraps long lines and breaks JSON), and the JSON
paths never import rich. Tables live in tables.py, imported only when a table is drawn.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from .. import freshness
from ..errors import OutputClosed, Problem, UsageProblem, WriteFailed
from ..explain.verdict import Verdict, verdict, verdict_json
from ..models import Shoe, Vocabulary
from ..sizes import DEFAULT_SIZE, Size, weight_at
from . import human as fmt
from .records import COMPACT, CSV_FIELDS, RECORD_FIELDS, csv_row, flat_cell, record_json, shoe_record

if TYPE_CHECKING:  # explain's modules hold ~1,800 lines of rules: only explain loads them
    from ..compare import Comparison
    from ..explain.assessment import ModelAssessment
    from ..explain.label_reading import LabelReading
    from ..explain.rules import Rule
    from ..recommend import Recommendation


class Format(Vocabulary):
    TABLE = "table"
    LINES = "lines"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    MARKDOWN = "markdown"


class DocFormat(Vocabulary):
    """For results that are one document, not a list of records."""

    TABLE = "table"
    LINES = "lines"
    JSON = "json"
    MARKDOWN = "markdown"


FIELD_FORMATS = ("json", "jsonl", "csv", "lines")  # the formats --fields chooses the fields of


# --- result objects --------------------------------------------------------------------------
class ShoeList(NamedTuple):
    shoes: tuple[Shoe, ...]
    scores: tuple[float, ...] | None = None  # search relevance, one per shoe
    # Records already encoded as JSON, by shoe id (from the catalog cache); saves encoding
    # 10k records again on every run. Missing ids are encoded as usual.
    encoded: Mapping[str, str] | None = None  # only valid for DEFAULT_SIZE
    size: Size = DEFAULT_SIZE  # weights are shown estimated at this size too
    alternatives: bool = False  # search: each record says how to find a US-made alternative to an imported model


def alternative_command(shoe: Shoe) -> str | None:
    """For an imported model: the command that finds US-made or assembled models like it."""
    imported = shoe.origin is not None and shoe.origin.value == "imported"
    return f"usashoes recommend --like {shoe.id}" if imported else None


class ShoeDetail(NamedTuple):
    shoe: Shoe
    size: Size = DEFAULT_SIZE
    overlay: dict[str, str] | None = None  # field -> the --add-catalog file that set it ("id": it added the model)

    @property
    def verdict(self) -> Verdict:
        return verdict(self.shoe)


class CatalogInfo(NamedTuple):
    path: str
    model_count: int
    by_origin: dict[str, int]
    by_brand: dict[str, int]
    newest_as_of: str | None
    coverage: dict[str, int] | None = None  # field -> entries that know it
    freshness: freshness.Freshness | None = None

    def freshness_json(self) -> dict[str, Any] | None:
        f = self.freshness
        if f is None:
            return None
        return {
            "today": f.today.isoformat(),
            "stale_after_years": f.stale_after_years,
            "oldest_as_of": f.oldest_as_of,
            "newest_as_of": f.newest_as_of,
            "with_as_of": f.with_as_of,
            "stale_as_of": f.stale_as_of,
            "prices": f.prices,
            "stale_prices": f.stale_prices,
        }


class ValidationReport(NamedTuple):
    path: str
    problems: tuple[Problem, ...]
    model_count: int | None = None  # models, when valid
    warnings: tuple[Problem, ...] = ()  # legal but confusing (an alias that is another model's id)
    overlay: bool = False  # an --add-catalog file checked on its own (catalog validate --overlay)


class RulesOverview(NamedTuple):
    rules: tuple[Rule, ...]


class RuleDetail(NamedTuple):
    rule: Rule


class ModelExplanation(NamedTuple):
    shoe: Shoe
    assessment: ModelAssessment

    @property
    def verdict(self) -> Verdict:
        return verdict(self.shoe)


class LabelExplanation(NamedTuple):
    reading: LabelReading


EXPLAIN_RESULTS = (RulesOverview, RuleDetail, ModelExplanation, LabelExplanation)


# --- choosing the format ---------------------------------------------------------------------
def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def choose(
    requested: Format | DocFormat | None,
    as_json: bool,
    stream: TextIO | None = None,
    to_file: bool = False,
    fields: bool = False,
) -> str:
    """--json or --format; else a table on a terminal and plain lines in a pipe, a file or with --fields."""
    if as_json and requested is not None and requested.value != "json":
        raise UsageProblem(f"--json and --format {requested.value} disagree; give one of them.")
    if as_json:
        return "json"
    if requested is not None:
        return requested.value
    if to_file or fields:
        return "lines"
    return "table" if is_terminal(stream or sys.stdout) else "lines"


def field_names(result: object, fields: str, chosen: str) -> tuple[str, ...]:
    """--fields a,b,c checked against the records of this result: a usage error names the valid ones."""
    if chosen not in FIELD_FORMATS:
        raise UsageProblem(f"--fields works with --format {', '.join(FIELD_FORMATS)}, not {chosen}.")
    if not isinstance(result, (ShoeList, ShoeDetail)):
        raise UsageProblem("--fields works with list, filter, search and show.")
    valid = list(RECORD_FIELDS)
    if isinstance(result, ShoeList):
        valid += ["score"] if result.scores is not None else []
        valid += ["alternative"] if result.alternatives else []
    names = tuple(dict.fromkeys(name.strip() for name in fields.split(",") if name.strip()))
    unknown = [name for name in names if name not in valid]
    if unknown or not names:
        what = f"unknown field {fmt.short(unknown[0])!r}" if unknown else "no field named"
        raise UsageProblem(f"--fields: {what}; valid fields: {', '.join(valid)}.")
    return names


def _utf(stream: TextIO) -> bool:
    return (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig")


# --- emit ------------------------------------------------------------------------------------
def emit(
    result: object,
    chosen: str,
    out: TextIO | None = None,
    fields: tuple[str, ...] | None = None,
    path: str | None = None,
    pager: bool = False,
) -> None:
    """Render and write: to path (atomically) when given, else to out, through a pager if asked."""
    if path is not None and path != "-":
        write_file(path, render(result, chosen, _FileStream(), fields))
        return
    out = out or sys.stdout
    if out is None:  # started with stdout closed (`usashoes list >&-`)
        raise OutputClosed()
    text = render(result, chosen, out, fields)
    if pager and should_page(chosen, is_terminal(out), text.count("\n"), _terminal_lines(), os.environ):
        from .table import page

        page(text)
        return
    write_text(text, out)


class _FileStream(io.StringIO):
    """What render needs to know about a file it writes: UTF-8 and not a terminal."""

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"


ENV_NO_PAGER = "USASHOES_NO_PAGER"
TRUE_VALUES = ("1", "true", "yes", "on")


def should_page(
    chosen: str, terminal: bool, lines: int, height: int, environ: Mapping[str, str], no_pager: bool = False
) -> bool:
    """Tables longer than the terminal go through a pager, only on a terminal, unless turned off."""
    if no_pager or chosen != "table" or not terminal or height <= 0:
        return False
    if environ.get(ENV_NO_PAGER, "").strip().lower() in TRUE_VALUES:
        return False
    return lines > height


def _terminal_lines() -> int:
    import shutil

    return shutil.get_terminal_size().lines


def write_file(path: str, text: str) -> None:
    """All of text in path, or no change: a temporary file beside it, fsync, then rename over."""
    import tempfile

    data = text.encode("utf-8", "backslashreplace")
    directory = os.path.dirname(os.path.abspath(path))
    temporary = None
    try:
        mode = os.stat(path).st_mode & 0o777 if os.path.exists(path) else None
        fd, temporary = tempfile.mkstemp(prefix=".usashoes-", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise WriteFailed(error, path) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def write_text(text: str, out: TextIO) -> None:
    """All of text, or an error: never a silently truncated output.

    A buffered stream loses the rest of a short write (a full disk, `ulimit -f`) and the
    process still exits 0; writing to the descriptor in a loop sees every short write.
    """
    try:
        try:
            fd = out.fileno()
        except (AttributeError, OSError, ValueError):  # not a real file (tests): its own write
            out.write(text)
            out.flush()
            return
        out.flush()
        data = memoryview(text.encode(getattr(out, "encoding", None) or "utf-8", "backslashreplace"))
        while data:
            written = os.write(fd, data)
            if not written:
                raise OSError(0, "no space left on the output")
            data = data[written:]
    except BrokenPipeError:  # the reader went away (`| head -1`)
        raise OutputClosed() from None
    except OSError as error:
        raise WriteFailed(error) from None


def render(result: object, chosen: str, out: Any, fields: tuple[str, ...] | None = None) -> str:
    """The whole output as text; out only tells a terminal's width and encoding."""
    if fields:
        return _fields_text(result, chosen, fields, out)
    if chosen == "markdown":
        from .markdown import markdown

        return markdown(result)
    if chosen == "json" and isinstance(result, ShoeList):
        # One compact record per line: Python's C encoder only runs without indent, and
        # indent=2 made 10k records 3x slower to write. Still one JSON document.
        lines = _encoded_records(result)
        return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"
    if chosen == "json":
        return json_text(to_json(result)) + "\n"
    if chosen == "jsonl":
        return "".join(line + "\n" for line in _encoded_records(result))
    if chosen == "csv":
        return _csv_text(result)
    if chosen == "table":
        from . import table as tables

        return tables.render(result, out)
    return lines_text(to_lines(result), out)


def json_text(document: Any, indent: int | None = 2) -> str:
    """ASCII-only JSON (see records.COMPACT for why); compact on one line when indent is None.

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


def write_lines(lines: Iterable[str], out: TextIO) -> None:
    write_text(lines_text(lines, out), out)


def lines_text(lines: Iterable[str], out: TextIO) -> str:
    ascii_only = not _utf(out)
    text = []
    for line in lines:
        line = fmt.clean(line)  # catalog and user text never reach the terminal raw
        text.append((fmt.to_ascii(line) if ascii_only else line) + "\n")
    return "".join(text)


# --- JSON ------------------------------------------------------------------------------------
def to_json(result: object) -> Any:
    if isinstance(result, ShoeList):
        return list(_records(result))
    if isinstance(result, ShoeDetail):
        document = {"verdict": verdict_json(result.verdict), **shoe_record(result.shoe, result.size)}
        if result.overlay:
            document["overlay_fields"] = dict(result.overlay)
        return document
    from ..compare import Comparison  # here, so list and show never load compare

    if isinstance(result, Comparison):
        return comparison_json(result)
    from ..recommend import Recommendation

    if isinstance(result, Recommendation):
        return recommendation_json(result)
    if isinstance(result, CatalogInfo):
        return {
            "path": result.path,
            "models": result.model_count,
            "by_origin": result.by_origin,
            "by_brand": result.by_brand,
            "newest_as_of": result.newest_as_of,
            "coverage": result.coverage,
            "freshness": result.freshness_json(),
        }
    if isinstance(result, ValidationReport):
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
    if isinstance(result, EXPLAIN_RESULTS):
        return explain_json(result)
    raise TypeError(f"cannot render {type(result).__name__}")


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
    from ..explain.rules import NOT_LEGAL_ADVICE

    document: dict[str, Any] = {"disclaimer": NOT_LEGAL_ADVICE}
    if isinstance(result, RulesOverview):
        document["rules"] = [rule_json(rule, full=False) for rule in result.rules]
    elif isinstance(result, RuleDetail):
        document["rule"] = rule_json(result.rule, full=True)
    elif isinstance(result, ModelExplanation):
        a = result.assessment
        document["verdict"] = verdict_json(result.verdict)
        document["model"] = shoe_record(result.shoe)
        document["assessment"] = {
            "origin": a.origin,
            "label": a.label,
            "label_reading": reading_json(a.label_reading) if a.label_reading else None,
            "statements": list(a.statements),
            "unknowns": list(a.unknowns),
            "rules": list(a.rule_ids),
        }
    elif isinstance(result, LabelExplanation):
        document["label"] = reading_json(result.reading)
    return document


def _encoded_records(result: object) -> list[str]:
    """Each record as one line of compact JSON, reusing the cache's encoding where it has one."""
    if not isinstance(result, ShoeList):
        return [record_json(result.shoe, result.size)] if isinstance(result, ShoeDetail) else []
    encoded = (result.encoded or {}) if result.size == DEFAULT_SIZE else {}
    lines = []
    for index, shoe in enumerate(result.shoes):
        line = encoded.get(shoe.id) or record_json(shoe, result.size)
        if result.scores is not None:
            # A record is a JSON object: its closing brace is its last character.
            line = f'{line[:-1]},"score":{COMPACT.encode(result.scores[index])}}}'
        if result.alternatives:
            line = f'{line[:-1]},"alternative":{COMPACT.encode(alternative_command(shoe))}}}'
        lines.append(line)
    return lines


def _records(result: object) -> Iterable[dict[str, Any]]:
    if isinstance(result, ShoeDetail):
        yield shoe_record(result.shoe, result.size)
        return
    if not isinstance(result, ShoeList):
        raise TypeError(f"{type(result).__name__} has no records")
    for index, shoe in enumerate(result.shoes):
        record = shoe_record(shoe, result.size)
        if result.scores is not None:
            record["score"] = result.scores[index]
        if result.alternatives:
            record["alternative"] = alternative_command(shoe)
        yield record


def comparison_json(result: Comparison) -> dict[str, Any]:
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
                "label": row.label,
                "same": row.same,
                "values": {shoe.id: value for shoe, value in zip(result.shoes, row.values, strict=True)},
            }
            for row in result.rows
        ],
        "weight": ranking(result.weight, "lightest", "g"),
        "price": ranking(result.price, "cheapest", "usd"),
        "caveats": list(result.caveats),
    }


def _csv_text(result: object, names: tuple[str, ...] | None = None) -> str:
    import csv
    import io

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


def _fields_text(result: object, chosen: str, names: tuple[str, ...], out: Any) -> str:
    """The chosen fields, in the order given (field_names checked them)."""
    if chosen == "csv":
        return _csv_text(result, names)
    records = [{name: record[name] for name in names} for record in _records(result)]
    if chosen == "lines":
        return lines_text(
            ["\t".join(fmt.one_line(flat_cell(value)) for value in record.values()) for record in records], out
        )
    if chosen == "jsonl":
        return "".join(json_text(record, indent=None) + "\n" for record in records)
    document: Any = records[0] if isinstance(result, ShoeDetail) else records
    return json_text(document) + "\n"


# --- plain lines (the default in a pipe) -----------------------------------------------------
def to_lines(result: object) -> list[str]:
    if isinstance(result, ShoeList):
        today = freshness.today()
        return [
            _shoe_line(shoe, None if result.scores is None else result.scores[i], today, result.size)
            for i, shoe in enumerate(result.shoes)
        ]
    if isinstance(result, ShoeDetail):
        return [
            f"{name}\t{fmt.one_line(value)}"
            for name, value in detail_fields(result.shoe, result.size, overlay=result.overlay)
        ]
    from ..compare import Comparison
    from ..recommend import Recommendation

    if isinstance(result, Recommendation):
        return recommendation_lines(result)

    if isinstance(result, Comparison):
        header = "\t".join(["field", *(shoe.id for shoe in result.shoes)])
        rows = [
            "\t".join(
                [
                    row.field,
                    *(
                        fmt.one_line(cell + (f" ({m})" if m else ""))
                        for cell, m in zip(row.display, row.marks, strict=True)
                    ),
                ]
            )
            for row in result.rows
        ]
        return [header, *rows, *(f"note\t{caveat}" for caveat in result.caveats)]
    if isinstance(result, CatalogInfo):
        lines = [
            f"path\t{fmt.one_line(result.path)}",
            f"models\t{result.model_count}",
            f"newest_as_of\t{result.newest_as_of or fmt.UNKNOWN}",
        ]
        lines += [f"origin\t{name}\t{count}" for name, count in result.by_origin.items()]
        lines += [f"brand\t{fmt.one_line(name)}\t{count}" for name, count in result.by_brand.items()]
        lines += [f"freshness\t{name}\t{fmt.text(value)}" for name, value in (result.freshness_json() or {}).items()]
        lines += [f"coverage\t{name}\t{count}\t{result.model_count}" for name, count in (result.coverage or {}).items()]
        return lines
    if isinstance(result, ValidationReport):
        if result.problems:
            return [fmt.one_line(str(problem)) for problem in result.problems]
        return [validation_summary(result)]
    if isinstance(result, EXPLAIN_RESULTS):
        from ..explain.rules import NOT_LEGAL_ADVICE

        return [*explain_lines(result), "", NOT_LEGAL_ADVICE]
    raise TypeError(f"cannot render {type(result).__name__}")


def validation_summary(result: ValidationReport) -> str:
    count = result.model_count or 0
    what = ("entry" if count == 1 else "entries") if result.overlay else "models"
    return f"{fmt.one_line(result.path)}: valid{' overlay' if result.overlay else ''} ({result.model_count} {what})"


def explain_lines(result: object) -> list[str]:
    """Plain text for explain: also the body of the table view, which adds only layout."""
    if isinstance(result, RulesOverview):
        return ["\t".join([rule.id, rule.label, rule.set_by, rule.threshold, rule.summary]) for rule in result.rules]
    if isinstance(result, RuleDetail):
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
    if isinstance(result, ModelExplanation):
        a, shoe = result.assessment, result.shoe
        lines = [
            f"US-made? {result.verdict.text}",
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
    if isinstance(result, LabelExplanation):
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
    raise TypeError(f"cannot render {type(result).__name__}")


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
    today = today or freshness.today()
    weight = fmt.weight(shoe.weight, with_size=True)
    if shoe.weight is not None and shoe.weight.line is not None:
        weight += f" ({shoe.weight.line}'s sizing)" if shoe.weight.line != "unisex" else " (unisex sizing)"
    return [
        ("us_made", verdict(shoe).text),
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
        ("status", fmt.status(shoe, today)),
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


# --- recommend -------------------------------------------------------------------------------
def _pick_summary(shoe: Shoe, size: Size) -> dict[str, Any]:
    """The fields a buyer decides on, measured weight beside the estimate."""
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
    from ..recommend import OPTION

    return {
        "needs": [{"need": need, "value": value} for need, value in result.needs],
        "like": _pick_summary(result.like, result.size) if result.like else None,
        "size": result.size.long,
        "candidates": result.candidates,
        "picks": [
            {
                **_pick_summary(p.shoe, result.size),
                "reasons": list(p.reasons),
                "unknowns": list(p.unknowns),
                "differs": list(p.differs),
            }
            for p in result.picks
        ],
        "near_misses": [
            {
                **_pick_summary(m.shoe, result.size),
                "need": str(m.need),
                "miss": m.miss,
                "reasons": list(m.reasons),
                "unknowns": list(m.unknowns),
            }
            for m in result.near_misses
        ],
        "ruled_out": [{"need": str(need), "option": OPTION[need], "models": count} for need, count in result.ruled_out],
        "more_picks": result.more_picks,
        "more_near_misses": result.more_near_misses,
        "advice": result.advice,
        "caveats": list(result.caveats),
    }


def more_text(result: Recommendation) -> str | None:
    """'3 more picks and 12 more near misses not shown (--limit N shows N of each).'"""
    parts = [
        f"{count} more {word}"
        for count, word in ((result.more_picks, "picks"), (result.more_near_misses, "near misses"))
        if count
    ]
    return f"{' and '.join(parts)} not shown (--limit N shows N of each)." if parts else None


def pick_weight(shoe: Shoe, size: Size) -> str:
    at = weight_at(shoe.weight, size)
    return fmt.weight_estimate(at)


def recommendation_lines(result: Recommendation) -> list[str]:
    """Tab-separated: 'need', 'pick', 'near-miss', 'advice' and 'note' lines, each starting with its kind."""
    lines = [f"need\t{need}\t{fmt.one_line(value)}" for need, value in result.needs]
    for rank, pick in enumerate(result.picks, 1):
        shoe = pick.shoe
        lines.append(
            "\t".join(
                [
                    "pick",
                    str(rank),
                    shoe.id,
                    fmt.one_line(shoe.display_name),
                    fmt.text(shoe.origin),
                    fmt.price(shoe.msrp),
                    pick_weight(shoe, result.size),
                    "; ".join(pick.reasons) or fmt.UNKNOWN,
                    "; ".join(pick.unknowns) or "-",
                    *(["; ".join(pick.differs) or "-"] if result.like else []),
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
                    miss.miss,
                    "; ".join(miss.unknowns) or "-",
                ]
            )
        )
    if result.advice:
        lines.append(f"advice\t{result.advice}")
    if more := more_text(result):
        lines.append(f"note\t{more}")
    lines += [f"note\t{caveat}" for caveat in result.caveats]
    return lines

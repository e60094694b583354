"""The formats and the result records commands hand to the output layer (plain NamedTuples)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from .. import freshness
from ..errors import Problem
from ..explain.verdict import Verdict, verdict
from ..models import Shoe, Vocabulary
from ..records import EncodedRecords
from ..sizes import DEFAULT_SIZE, Size

if TYPE_CHECKING:  # explain's modules hold ~1,800 lines of rules: only explain loads them
    from ..explain.assessment import ModelAssessment
    from ..explain.label_reading import LabelReading
    from ..explain.rules import Rule

T = TypeVar("T")


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
    # The catalog's memo of encoded JSON records (Catalog.records), for JSON output: saves
    # encoding 10k records again on every run. Without it each record is encoded here.
    encoded: EncodedRecords | None = None
    size: Size = DEFAULT_SIZE  # weights are shown estimated at this size too
    alternatives: bool = False  # search: each record says how to find a US-made alternative to an imported model
    # The values the sort and filters in use look at ("drop", "widths", ...: query.shown_by):
    # tables show them beside the compact columns.
    columns: tuple[str, ...] = ()

    # The records a result carries, as a list (show's is a list of one): JSON Lines, CSV and
    # --fields write list, filter, search and show alike.
    @property
    def listing(self) -> ShoeList:
        return self

    @property
    def one_record(self) -> bool:
        """The JSON document is one record, not an array of them."""
        return False


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

    @property
    def listing(self) -> ShoeList:
        return ShoeList((self.shoe,), size=self.size)

    @property
    def one_record(self) -> bool:
        return True


class CatalogInfo(NamedTuple):
    path: str
    model_count: int
    by_origin: dict[str, int]
    by_brand: dict[str, int]
    newest_as_of: str | None
    coverage: dict[str, int] | None = None  # field -> entries that know it
    freshness: freshness.Freshness | None = None
    # Which catalog this is (selection.py): bundled, downloaded, option (--catalog), env
    # ($USASHOES_CATALOG) or stdin; the bundled and downloaded ones have a version and date.
    source: str | None = None
    catalog_version: str | None = None
    published: str | None = None
    described: str | None = None  # "bundled 2026.12.03", "downloaded 2026.12.04 (published ...)", "file PATH"

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

RECORD_FORMATS = tuple(f.value for f in Format)  # results that are records: every format
DOCUMENT_FORMATS = tuple(f.value for f in DocFormat)  # results that are one document
# The formats each result type declares, by type name: compare and recommend define their
# results in the domain and are imported only by the commands that use them.
FORMATS: dict[str, tuple[str, ...]] = {
    "ShoeList": RECORD_FORMATS,
    "ShoeDetail": RECORD_FORMATS,
    "Comparison": DOCUMENT_FORMATS,
    "Recommendation": DOCUMENT_FORMATS,
    "CatalogInfo": DOCUMENT_FORMATS,
    "ValidationReport": DOCUMENT_FORMATS,
    **{kind.__name__: DOCUMENT_FORMATS for kind in EXPLAIN_RESULTS},
}


def dispatch(table: Mapping[str, T], result: object) -> T:
    """A format's entry for this result's type: one lookup instead of an isinstance ladder."""
    try:
        return table[type(result).__name__]
    except KeyError:
        raise TypeError(f"cannot render {type(result).__name__}") from None

"""Properties that hold for every input: filters, JSON and cache round trips, and parsing anything."""

from __future__ import annotations

import datetime
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from usashoes import needs, query, records
from usashoes.catalog import cache
from usashoes.catalog import loader as catalog
from usashoes.catalog.checker import WEIGHT_GRAMS
from usashoes.catalog.fields import FIELDS, SOURCED_FIELDS
from usashoes.errors import CatalogError
from usashoes.models import (
    GRAMS_PER_OUNCE,
    Activity,
    Confidence,
    Line,
    Origin,
    OriginBasis,
    OriginBasisKind,
    Price,
    Shoe,
    Status,
    Support,
    Weight,
    natural,
)
from usashoes.output import data, render, results
from usashoes.records import shoe_record

# The two fixture catalogs copied verbatim from catalog.yaml, so catalog edits do not move these
# properties: small.yaml and matching.yaml, an entry in both taken once (44 shoes, 12 brands, every
# origin, activity, support and status, a lower-bound weight). Their weights are all stated at the
# size the filters compare at, as meets() below assumes (recommend.yaml's, made up, are not).
FIXTURES = Path(__file__).parent / "fixtures"
SHOES = tuple(
    {
        shoe.id: shoe
        for name in ("small.yaml", "matching.yaml")
        for shoe in catalog.load_path(FIXTURES / name, use_cache=False).shoes
    }.values()
)
BRANDS = sorted({shoe.brand for shoe in SHOES})
GRAMS = sorted(shoe.weight.grams for shoe in SHOES if shoe.weight)
USD = sorted(shoe.msrp.usd for shoe in SHOES if shoe.msrp)
FAST = settings(max_examples=200, deadline=None)


# --- strategies over the fixtures' vocabulary -----------------------------------------------------
def _bound(values: list[float]) -> st.SearchStrategy[float]:
    """A value some shoe has exactly (edges matter), or anything around the catalog's range."""
    return st.sampled_from(values) | st.floats(min_value=values[0] - 50, max_value=values[-1] + 50)


CRITERIA = {
    "origins": st.lists(st.sampled_from(needs.origin_choices()), min_size=1, unique=True).map(tuple),
    "brand": st.one_of(
        st.sampled_from(BRANDS),
        st.sampled_from(BRANDS).flatmap(lambda brand: st.integers(1, len(brand)).map(lambda n: brand[:n].upper())),
        st.sampled_from(["nb", "NB", " new  balance ", "new", "sas", "x", ""]),
        st.text(max_size=4),
    ),
    "activities": st.frozensets(st.sampled_from(list(Activity)), min_size=1),
    "support": st.sampled_from(list(Support)),
    "statuses": st.frozensets(st.sampled_from(list(Status)), min_size=1),
    "min_grams": _bound(GRAMS),
    "max_grams": _bound(GRAMS),
    "min_usd": _bound(USD),
    "max_usd": _bound(USD),
}


@st.composite
def filters(draw: st.DrawFn) -> needs.Needs:
    """A few criteria at a time, as people combine options (all nine at once would match nothing)."""
    active = draw(st.sets(st.sampled_from(sorted(CRITERIA)), max_size=4))
    return needs.Needs(**{name: draw(CRITERIA[name]) for name in active})


def meets(f: needs.Needs, shoe: Shoe) -> bool:
    """The documented meaning of each filter, written out independently of query.py."""
    origin = shoe.origin.value if shoe.origin else "unknown"
    wanted_brand = " ".join((f.brand or "").lower().split())
    wanted_brand = {"nb": "new balance"}.get(wanted_brand, wanted_brand)
    grams, usd = (shoe.weight.grams if shoe.weight else None), (shoe.msrp.usd if shoe.msrp else None)
    return all(
        [
            not f.origins or origin in f.origins,
            f.brand is None or (wanted_brand != "" and shoe.brand.lower().startswith(wanted_brand)),
            not f.activities or any(activity in f.activities for activity in shoe.activities),
            f.support is None or shoe.support == f.support,
            not f.statuses or shoe.status in f.statuses,
            f.min_grams is None or (grams is not None and grams >= f.min_grams),
            # a weight known only as a lower bound ("over 400 g") can never be shown to be under a maximum
            f.max_grams is None or (grams is not None and not shoe.weight.at_least and grams <= f.max_grams),
            f.min_usd is None or (usd is not None and usd >= f.min_usd),
            f.max_usd is None or (usd is not None and usd <= f.max_usd),
        ]
    )


@FAST
@given(filters())
def test_filter_returns_exactly_the_shoes_that_match(f: needs.Needs) -> None:
    """`usashoes list` with any filters shows every matching model and nothing else, in catalog order."""
    assert [shoe.id for shoe in query.apply(SHOES, query.Filters(f))] == [shoe.id for shoe in SHOES if meets(f, shoe)]


def _narrower(f: needs.Needs, data: st.DataObject) -> needs.Needs:
    """f with one criterion made stricter: a lower maximum, a higher minimum, or fewer allowed values."""

    def lower(old: float | None, values: list[float]) -> float:
        return data.draw(st.floats(min_value=values[0] - 50, max_value=old if old is not None else values[-1] + 50))

    def higher(old: float | None, values: list[float]) -> float:
        return data.draw(st.floats(min_value=old if old is not None else values[0] - 50, max_value=values[-1] + 50))

    def fewer(old: frozenset, choices: list) -> frozenset:  # never empty: an empty set means "any"
        return data.draw(st.frozensets(st.sampled_from(sorted(old, key=str) if old else choices), min_size=1))

    def fewer_origins(old: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(fewer(frozenset(old), needs.origin_choices())))

    narrowable = [
        "max_grams",
        "min_grams",
        "max_usd",
        "min_usd",
        "origins",
        "activities",
        "support",
        "brand",
        "statuses",
    ]
    in_use = [name for name in narrowable if getattr(f, name) not in (None, frozenset(), ())]
    # Half the time narrow a criterion already in use: "fewer activities" is where any-of bites.
    which = data.draw(st.sampled_from(in_use if in_use and data.draw(st.booleans()) else narrowable))
    change = {
        "max_grams": lambda: lower(f.max_grams, GRAMS),
        "min_grams": lambda: higher(f.min_grams, GRAMS),
        "max_usd": lambda: lower(f.max_usd, USD),
        "min_usd": lambda: higher(f.min_usd, USD),
        "origins": lambda: fewer_origins(f.origins),
        "statuses": lambda: fewer(f.statuses, list(Status)),
        "activities": lambda: fewer(f.activities, list(Activity)),
        "support": lambda: f.support or data.draw(st.sampled_from(list(Support))),
        "brand": lambda: f.brand if f.brand is not None else data.draw(st.sampled_from(BRANDS)),
    }[which]
    return f._replace(**{which: change()})


@FAST
@given(filters(), st.data())
def test_a_stricter_filter_never_adds_a_model(f: needs.Needs, data: st.DataObject) -> None:
    """Tightening a filter (lower --max-weight, adding --origin, ...) only ever removes models."""
    stricter = query.Filters(_narrower(f, data))
    assert {shoe.id for shoe in query.apply(SHOES, stricter)} <= {
        shoe.id for shoe in query.apply(SHOES, query.Filters(f))
    }


@FAST
@given(filters(), st.sampled_from(list(query.SortKey)), st.booleans(), st.integers(1, 40))
def test_sort_and_limit(given_needs: needs.Needs, key: query.SortKey, reverse: bool, limit: int) -> None:
    """--limit N gives the first N of the full sorted list; unknown values sort last, also with --reverse."""
    f = query.Filters(given_needs)
    everything = query.select(SHOES, f, key, reverse)
    assert query.select(SHOES, f, key, reverse, limit) == everything[:limit]
    assert sorted(shoe.id for shoe in everything) == sorted(shoe.id for shoe in query.apply(SHOES, f))
    value = {
        query.SortKey.WEIGHT: lambda s: s.weight.grams if s.weight else None,
        query.SortKey.PRICE: lambda s: s.msrp.usd if s.msrp else None,
        query.SortKey.YEAR: lambda s: s.release_year,
    }.get(key)
    if value is not None:
        values = [value(shoe) for shoe in everything]
        known = [v for v in values if v is not None]
        assert values == known + [None] * (len(values) - len(known))
        assert known == sorted(known, reverse=reverse)


# --- JSON and cache round trips ------------------------------------------------------------------
subsets = st.lists(st.sampled_from(SHOES), unique_by=lambda shoe: shoe.id, max_size=len(SHOES))


@FAST
@given(subsets)
def test_json_output_round_trips_to_the_records(shoes: list[Shoe]) -> None:
    """`list --json` (and --format jsonl) give back exactly the documented record of each shown model."""
    expected = [shoe_record(shoe) for shoe in shoes]
    result = results.ShoeList(tuple(shoes))
    assert json.loads(json.dumps(data.to_json(result))) == expected
    for chosen, load in (("json", json.loads), ("jsonl", lambda t: [json.loads(line) for line in t.splitlines()])):
        out = io.StringIO()
        render.emit(result, chosen, out)
        assert load(out.getvalue()) == expected


def _same_shoe(a: Shoe, b: Shoe) -> bool:
    # Shoe equality leaves field_sources out (compare=False): check it too.
    return a == b and a.field_sources == b.field_sources


@pytest.mark.parametrize("shoe", SHOES, ids=lambda shoe: shoe.id)
def test_cache_round_trips_every_fixture_shoe(shoe: Shoe) -> None:
    """A cached catalog gives back exactly the shoes the YAML gave (the bundled ones: test_catalog_data)."""
    assert _same_shoe(cache.decode(json.loads(json.dumps(cache.encode(shoe)))), shoe)


# Shoes a valid catalog can produce (so the same strategy also drives the YAML round trip below).
text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30).filter(str.strip)
urls = st.builds(
    lambda scheme, rest: f"{scheme}://{rest}",
    st.sampled_from(["http", "https"]),
    st.text(st.characters(exclude_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1, max_size=20).filter(
        lambda rest: not any(char.isspace() for char in rest)
    ),
)
ids = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,3}", fullmatch=True)
years = st.integers(1900, 2100)


@st.composite
def weights(draw: st.DrawFn) -> Weight:
    unit = draw(st.sampled_from(["oz", "g"]))
    factor = GRAMS_PER_OUNCE if unit == "oz" else 1.0
    low, high = (round(bound / factor, 1) for bound in WEIGHT_GRAMS)
    return Weight(
        draw(st.floats(low, high)),
        unit,
        draw(st.none() | text),
        draw(st.booleans()),
        draw(st.none() | st.sampled_from(list(Line))),
    )


def _tuple_of(strategy: st.SearchStrategy, **kwargs: Any) -> st.SearchStrategy[tuple]:
    return st.lists(strategy, max_size=3, **kwargs).map(tuple)


generated_shoes = st.builds(
    Shoe,
    id=ids,
    brand=text,
    name=text,
    confidence=st.sampled_from(list(Confidence)),
    sources=st.lists(urls, min_size=1, max_size=3).map(tuple),
    version=st.none() | text,
    aliases=_tuple_of(text),
    style_codes=_tuple_of(text),
    origin=st.none() | st.sampled_from(list(Origin)),
    label=st.none() | text,
    made_in=st.none() | text,
    domestic_content=st.none() | text,
    domestic_content_min_pct=st.none() | st.floats(0, 100),
    activities=_tuple_of(st.sampled_from(list(Activity)), unique=True),
    support=st.none() | st.sampled_from(list(Support)),
    weight=st.none() | weights(),
    msrp=st.none() | st.builds(Price, st.floats(1, 2000), years),
    release_year=st.none() | years,
    status=st.sampled_from(list(Status)),
    # A real day (2019-02-30 is refused), written as YYYY, YYYY-MM or YYYY-MM-DD.
    status_as_of=st.none()
    | st.builds(
        lambda day, length: day.isoformat()[:length],
        st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)),
        st.sampled_from([4, 7, 10]),
    ),
    midsole=st.none() | text,
    features=_tuple_of(text),
    description=st.none() | text,
    notes=_tuple_of(text),
    drop_mm=st.none() | st.floats(0, 20),
    stack_heel_mm=st.none() | st.floats(0, 80),
    stack_forefoot_mm=st.none() | st.floats(0, 80),
    widths=st.dictionaries(
        st.sampled_from(Line.values()),
        st.lists(st.sampled_from(["B", "D", "2E", "4E", "wide"]), min_size=1, max_size=3).map(tuple),
        max_size=2,
    ),
    sizes=st.dictionaries(st.sampled_from(Line.values()), text, max_size=2),
    product_url=st.none() | urls,
    successor=st.none(),
    predecessor=st.none(),
    origin_basis=st.none() | st.builds(OriginBasis, st.sampled_from(list(OriginBasisKind)), text),
    lookalikes=_tuple_of(text),
    launch_price=st.none() | st.builds(Price, st.floats(1, 2000), years),
    field_sources=st.dictionaries(
        st.sampled_from(SOURCED_FIELDS), st.lists(urls, min_size=1, max_size=2).map(tuple), max_size=3
    ),
)


@FAST
@given(generated_shoes)
def test_cache_round_trips_generated_shoes(shoe: Shoe) -> None:
    """Any shoe survives the cache file unchanged: encoding, JSON, checksum and decoding."""
    assert _same_shoe(cache.decode(json.loads(json.dumps(cache.encode(shoe)))), shoe)
    with tempfile.TemporaryDirectory() as directory:
        key = cache.Key(Path(directory) / "c.json", "/somewhere/catalog.yaml", 123, 456)
        cache.write(key, (shoe,))
        cached = cache.read(key)
    assert cached is not None and len(cached.shoes()) == 1 and _same_shoe(cached.shoes()[0], shoe)
    assert cached.find(shoe.id) is not None and _same_shoe(cached.find(shoe.id), shoe)
    assert json.loads(cached.records()) == records.shoe_record(shoe)


def catalog_entry(shoe: Shoe) -> dict[str, Any]:
    """The shoe as a catalog entry, the way a person would write it in catalog.yaml."""
    entry: dict[str, Any] = {}
    for name in FIELDS:
        value = getattr(shoe, name)
        if value is None or value == () or value == {}:
            continue
        if isinstance(value, Weight):
            value = {
                "value": value.value,
                "unit": value.unit,
                "at_least": value.at_least,
                **({"size": value.size} if value.size is not None else {}),
                **({"line": str(value.line)} if value.line is not None else {}),
            }
        elif isinstance(value, Price):
            value = {"usd": value.usd, "year": value.year}
        elif isinstance(value, OriginBasis):
            value = {"kind": str(value.kind), "detail": value.detail}
        elif isinstance(value, tuple):
            value = [str(item) for item in value]
        elif isinstance(value, dict):
            value = {key: item if isinstance(item, str) else list(item) for key, item in value.items()}
        elif not isinstance(value, (int, float)):
            value = str(value)
        entry[name] = value
    return entry


@FAST
@given(
    st.lists(generated_shoes, min_size=1, max_size=3, unique_by=lambda shoe: shoe.id),
    st.booleans(),
    st.none() | st.booleans(),
)
def test_any_valid_catalog_reads_back_exactly(shoes: list[Shoe], unicode: bool, flow: bool | None) -> None:
    """Whatever a YAML tool writes for valid entries (quoted "NO", "993", dates...) loads back unchanged."""
    document = {"schema_version": 1, "models": [catalog_entry(shoe) for shoe in shoes]}
    dumped = yaml.safe_dump(document, allow_unicode=unicode, default_flow_style=flow, sort_keys=False)
    assume(yaml.safe_load(dumped) == document)  # PyYAML's own emitter is not what is under test
    parsed = catalog.parse(dumped.encode("utf-8"), "generated.yaml")
    assert len(parsed) == len(shoes) and all(_same_shoe(a, b) for a, b in zip(parsed, shoes, strict=True))


# --- parsing anything: a CatalogError or shoes, never any other exception ------------------------
def _parse_or_catalog_error(data: bytes) -> None:
    try:
        shoes = catalog.parse(data, "x.yaml")
    except CatalogError as error:
        assert error.problems and all(str(problem).startswith("x.yaml") for problem in error.problems)
        assert all("\n" not in str(problem) for problem in error.problems)
    else:
        assert isinstance(shoes, tuple) and all(isinstance(shoe, Shoe) for shoe in shoes)


@FAST
@given(st.text())
def test_parse_survives_any_text(data: str) -> None:
    """Any text (lone surrogates become invalid UTF-8) is a catalog or a CatalogError."""
    _parse_or_catalog_error(data.encode("utf-8", "surrogatepass"))


@FAST
@given(st.binary())
def test_parse_survives_any_bytes(data: bytes) -> None:
    """Any bytes at all are a catalog or a CatalogError."""
    _parse_or_catalog_error(data)


vocabulary = [
    *Origin.values(),
    *Activity.values(),
    *Support.values(),
    *Status.values(),
    *Confidence.values(),
    "oz",
    "g",
    "NO",
    "yes",
    "993",
    "0770",
    "12:30",
    "2022-10-01",
    "https://example.com",
    "ftp://x",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**20),
    st.floats(),
    st.text(max_size=12),
    st.dates(),
    st.sampled_from(vocabulary),
)
keys = st.one_of(
    st.sampled_from([*FIELDS, "schema_version", "models", "value", "unit", "size", "at_least", "usd", "year"]),
    st.text(max_size=8),
)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5), max_leaves=25
)
models = st.dictionaries(keys, values, max_size=10)
documents = st.one_of(
    values,
    st.fixed_dictionaries({"schema_version": st.just(1) | scalars, "models": st.lists(models, max_size=3)}),
)


@FAST
@given(documents, st.booleans(), st.none() | st.booleans())
def test_parse_survives_any_yaml_document(document: Any, unicode: bool, flow: bool | None) -> None:
    """Any YAML document (wrong shapes, wrong types, YAML 1.1 look-alikes) is a catalog or a CatalogError."""
    _parse_or_catalog_error(yaml.safe_dump(document, allow_unicode=unicode, default_flow_style=flow).encode("utf-8"))


_LINES = (FIXTURES / "small.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
_ENTRIES = [number for number, line in enumerate(_LINES) if line.startswith("  - id:")]
# The header and the last two entries (real ones, copied from catalog.yaml): quick to parse, and
# unlike the first two they link to no model left out.
SAMPLE = "".join(_LINES[: _ENTRIES[0]] + _LINES[_ENTRIES[-2] :])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_parse_survives_edits_of_a_real_catalog(data: st.DataObject) -> None:
    """Typing anything anywhere in a real catalog gives shoes or located problems, never a crash."""
    text = SAMPLE
    for _ in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 40)))
        insert = data.draw(
            st.text(max_size=6)
            | st.sampled_from(
                ["\n", "  ", ":", "- ", "[", "]", "{", "&a ", "*a", "NO", "993", '"', "'", "#", "\t", "!!int "]
            )
        )
        text = text[:start] + insert + text[end:]
    _parse_or_catalog_error(text.encode("utf-8", "surrogatepass"))


def test_sample_used_for_edits_is_a_valid_catalog() -> None:
    """The edit test starts from a valid two-entry catalog, so edits really hit the validator."""
    assert len(catalog.parse(SAMPLE.encode("utf-8"), "sample.yaml")) == 2


# --- whatever `catalog validate` accepts, every command handles ----------------------------------
# Characters that str.isdigit() calls digits but int() refuses (superscripts, circled numbers),
# vulgar fractions, and non-ASCII decimal digits that int() does read (Arabic-Indic, Devanagari).
# `Runner 3²` once passed validation and then crashed `usashoes list` (int("²") in the sort key).
DIGIT_LOOKALIKES = "²³¹⁹₂①½¼⅓٣٤۵५０"
tricky_text = st.text(st.sampled_from(DIGIT_LOOKALIKES + "0123456789v -Runer"), min_size=1, max_size=12).filter(
    str.strip
)


def _commands_for(shoes: list[Shoe]) -> list[list[str]]:
    first = shoes[0]
    commands = [
        ["list"],
        ["list", "--sort", "brand"],
        ["list", "--sort", "weight", "--reverse"],
        ["list", "--sort", "price"],
        ["list", "--sort", "year"],
        ["list", "--format", "csv"],
        ["search", "--", first.name],
        ["search", "--json", "--", first.model],
        ["show", first.id],
        ["show", first.id, "--json"],
        ["explain", "--model", first.id],
    ]
    if len(shoes) > 1:
        commands.append(["compare", first.id, shoes[1].id])
    return commands


def _assert_every_command_handles(shoes: list[Shoe], tmp: Path, *, must_validate: bool = False) -> None:
    from typer.testing import CliRunner  # only this test drives the CLI

    from usashoes.cli.app import app

    path = tmp / "catalog.yaml"
    document = {"schema_version": 1, "models": [catalog_entry(shoe) for shoe in shoes]}
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    runner = CliRunner()
    validated = runner.invoke(app, ["catalog", "validate", str(path)])
    if must_validate:
        assert validated.exit_code == 0, validated.stderr
    else:
        assume(validated.exit_code == 0)  # only what validate accepts is under test here
    for command in _commands_for(shoes):
        result = runner.invoke(app, ["--catalog", str(path), *command])
        assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.exception)
        # 0, or a located "not found"/"ambiguous" for a query the generated names make unclear
        assert result.exit_code in (0, 3, 4), (command, result.exit_code, result.stderr)
        assert "internal error" not in result.stderr.lower()


@pytest.mark.parametrize("name", ["Runner 3²", "Runner ½", "Runner ٣", "٣٣٠v٥", "990v²", "Pace ①", "Dash ５"])
def test_digit_lookalikes_in_names_aliases_style_codes_and_queries(name: str, tmp_path: Path) -> None:
    """A model named 'Runner 3²' (or ½, ٣) validates, lists, sorts, searches, shows and compares."""
    shoes = [
        Shoe(
            id="acme-one",
            brand="Acme",
            name=name,
            confidence=Confidence.HIGH,
            sources=("https://e.com",),
            version="v²",
            aliases=(f"{name} alias",),
            style_codes=(f"M{name}",),
        ),
        Shoe(
            id="acme-two",
            brand="Acme",
            name="Runner 3",
            confidence=Confidence.HIGH,
            sources=("https://e.com",),
            msrp=Price(120, 2025),
        ),
    ]
    _assert_every_command_handles(shoes, tmp_path, must_validate=True)
    assert natural(name)  # the sort key itself, directly


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(generated_shoes, min_size=1, max_size=2, unique_by=lambda shoe: shoe.id), st.data())
def test_every_command_handles_any_catalog_that_validates(shoes: list[Shoe], data: st.DataObject) -> None:
    """Generated catalogs (names full of digit look-alikes) never crash list/search/show/compare/explain."""
    first = shoes[0]
    first.name = data.draw(tricky_text)
    first.aliases = (data.draw(tricky_text),)
    with tempfile.TemporaryDirectory() as directory:
        _assert_every_command_handles(shoes, Path(directory))

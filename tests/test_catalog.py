"""The bundled catalog: valid against the schema, sourced, and honest about what it knows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from usashoes.catalog import loader as catalog
from usashoes.errors import CatalogError
from usashoes.models import Origin

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "catalog.schema.json").read_text(encoding="utf-8"))
DOCUMENT = yaml.load((ROOT / "catalog.yaml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
SHOES = catalog.load_path(ROOT / "catalog.yaml", use_cache=False).shoes


def test_bundled_catalog_validates_against_the_json_schema() -> None:
    """Editors that read catalog.schema.json agree with the tool: the catalog is valid."""
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    jsonschema.validate(DOCUMENT, SCHEMA)


def test_catalog_first_line_points_editors_at_the_schema() -> None:
    """The yaml-language-server comment makes editors validate as you type."""
    first = (ROOT / "catalog.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=catalog.schema.json"


def test_ids_are_unique_and_every_entry_has_a_source() -> None:
    """One entry per id; every entry cites at least one http(s) source."""
    ids = [shoe.id for shoe in SHOES]
    assert len(ids) == len(set(ids)) >= 25
    assert all(shoe.sources and all(re.match(r"^https?://", u) for u in shoe.sources) for shoe in SHOES)


def test_field_sources_name_real_fields_and_urls() -> None:
    """Per-field sources point at fields the entry has."""
    for shoe in SHOES:
        for name, urls in shoe.field_sources.items():
            assert urls and all(u.startswith(("http://", "https://")) for u in urls), (shoe.id, name)


def test_seed_corrections_are_in_the_catalog() -> None:
    """Where the seeds were wrong, the catalog is right and says so in a note."""
    by_id = {shoe.id: shoe for shoe in SHOES}
    hierro = by_id["nb-fresh-foam-hierro-v5"]
    assert hierro.origin is None and any("nothing supports" in note.lower() for note in hierro.notes)
    assert by_id["adidas-am4ldn"].origin is Origin.IMPORTED
    assert any("germany" in note.lower() for note in by_id["adidas-am4nyc"].notes)
    assert any("company policy, not law" in (shoe.domestic_content or "") for shoe in SHOES)


def test_unsourced_values_stay_unknown() -> None:
    """No value from memory: the 990v5 has no MSRP and the 990v6 no weight or price."""
    by_id = {shoe.id: shoe for shoe in SHOES}
    assert by_id["nb-990v5"].msrp is None
    assert by_id["nb-990v6"].msrp is None and by_id["nb-990v6"].weight is None


def test_schema_and_validator_know_the_same_fields() -> None:
    """catalog.schema.json and catalog/fields.py describe the same entry fields."""
    from usashoes.catalog.fields import FIELDS, REQUIRED

    model = SCHEMA["definitions"]["model"]
    assert set(model["properties"]) == set(FIELDS)
    assert set(model["required"]) == set(REQUIRED)


def test_committed_schema_is_the_generated_one() -> None:
    """catalog.schema.json is generated from the field table; regenerate it with
    `python -m usashoes.catalog.jsonschema` after changing a field."""
    from usashoes.catalog import jsonschema

    committed = (ROOT / "catalog.schema.json").read_text(encoding="utf-8")
    assert committed == jsonschema.render(), "catalog.schema.json is stale: run python -m usashoes.catalog.jsonschema"


def test_field_table_positions_are_a_permutation() -> None:
    """Every Shoe field has one place in the catalog's field order, and one parser."""
    import dataclasses

    from usashoes.catalog.fields import FIELD_PARSERS, FIELDS
    from usashoes.models import Shoe

    positions = sorted(f.metadata["position"] for f in dataclasses.fields(Shoe))
    assert positions == list(range(len(positions)))
    assert list(FIELD_PARSERS) == list(FIELDS)


def test_bundled_catalog_is_found_from_the_source_tree() -> None:
    """An editable install finds the top-level catalog.yaml (no copy inside the package)."""
    assert catalog.bundled_path().is_file()


@pytest.mark.parametrize("text", ["", "# only a comment\n", "[]", "just text", "schema_version: 2\nmodels: []\n"])
def test_documents_that_are_not_catalogs_are_rejected(text: str) -> None:
    """Empty files, lists, scalars and unknown schema versions are catalog errors."""
    with pytest.raises(CatalogError):
        catalog.parse(text.encode(), "x.yaml")


def test_problems_are_reported_in_file_order(tmp_path: Path) -> None:
    """Several problems come out sorted by line, each with file:line:col."""
    text = (
        "schema_version: 1\nmodels:\n  - id: a-1\n    brand: A\n    name: 993\n    confidence: sure\n"
        "    sources: [ftp://x]\n"
    )
    with pytest.raises(CatalogError) as caught:
        catalog.parse(text.encode(), "c.yaml")
    lines = [str(p) for p in caught.value.problems]
    assert [line.split(":")[1] for line in lines] == ["5", "6", "7"]
    assert '"993"' in lines[0] and "high, medium, low" in lines[1] and "http" in lines[2]


@pytest.mark.parametrize(
    ("weight", "msrp", "valid"),
    [
        ({"value": 1.8, "unit": "oz"}, {"usd": 1, "year": 2020}, True),
        ({"value": 52.9, "unit": "oz"}, {"usd": 2000, "year": 2020}, True),
        ({"value": 1.7, "unit": "oz"}, {"usd": 100, "year": 2020}, False),
        ({"value": 1501, "unit": "g"}, {"usd": 100, "year": 2020}, False),
        ({"value": 49, "unit": "g"}, {"usd": 100, "year": 2020}, False),
        ({"value": 300, "unit": "g"}, {"usd": 2001, "year": 2020}, False),
        ({"value": 300, "unit": "g"}, {"usd": 0.5, "year": 2020}, False),
    ],
)
def test_schema_and_validator_agree_on_ranges(weight: dict, msrp: dict, valid: bool) -> None:
    """A catalog an editor accepts is one `catalog validate` accepts, and vice versa."""
    entry = {
        "id": "a-1",
        "brand": "A",
        "name": "One",
        "confidence": "low",
        "sources": ["https://example.org"],
        "weight": weight,
        "msrp": msrp,
    }
    document = {"schema_version": 1, "models": [entry]}
    schema_ok = jsonschema.Draft7Validator(SCHEMA).is_valid(document)
    try:
        catalog.parse(json.dumps(document).encode(), "x.yaml")
        validator_ok = True
    except CatalogError:
        validator_ok = False
    assert schema_ok == validator_ok == valid


def test_an_aliased_value_is_parsed_once_and_its_problems_reported_at_every_use() -> None:
    """A list anchored once and aliased in 50 models is parsed once (Checker.parsed); a bad
    anchored value is still reported for every model that uses it."""
    from usashoes.catalog import schema
    from usashoes.catalog.yaml_nodes import compose

    def catalog(features: str) -> str:
        models = [
            f'  - id: "m-{i}"\n    brand: "B"\n    name: "N{i}"\n    origin: "imported"\n    status: "unknown"\n'
            f'    status_as_of: "2024"\n    confidence: "low"\n    sources: ["https://example.com/"]\n'
            f"    features: {features if i == 0 else '*shared'}\n"
            for i in range(50)
        ]
        return "schema_version: 1\nmodels:\n" + "".join(models)

    calls = []
    original = schema.FIELD_PARSERS["features"]

    def counting(check, node, name):  # type: ignore[no-untyped-def]
        calls.append(name)
        return original(check, node, name)

    schema.FIELD_PARSERS["features"] = counting
    try:
        good = catalog('&shared ["light", "wide toe box"]')
        shoes, problems, _ = schema.shoes_from_document(compose(good, "c.yaml"), "c.yaml")
        assert problems == [] and len(shoes) == 50 and len(calls) == 1
        assert all(shoe.features == ("light", "wide toe box") for shoe in shoes)
        calls.clear()
        _, problems, _ = schema.shoes_from_document(compose(catalog("&shared [3, 4]"), "c.yaml"), "c.yaml")
        assert len(calls) == 50
        assert {f"m-{i}" for i in range(50)} <= {p.message.split("'")[1] for p in problems if "'" in p.message}
    finally:
        schema.FIELD_PARSERS["features"] = original

"""Write a catalog of N models shaped like the bundled one: its entries copied under new ids.

    python benchmarks/make_bundled.py 10000 big.yaml              # each copy written out in full
    python benchmarks/make_bundled.py 10000 big.yaml --aliased    # yaml.dump's anchors and aliases
    python benchmarks/make_bundled.py 100000 big.yaml --lean      # without field_sources

A writer's catalog repeats what the bundled one repeats (long notes, the same source URLs,
field_sources), which synthetic catalogs with short texts do not: caches and parsers that
looked fine on make_catalog.py's output grew tenfold on this shape. Copy i of an entry gets
the id "<id>-x<i>"; successor, predecessor and lookalikes are dropped (their ids would not
resolve), and so are aliases (two models may not share one). --aliased writes what yaml.dump
makes of copies that share their nested values: each list and mapping once, then aliases
(about 0.7 kB a model; past ~20k models the aliases expand to more values than a catalog may
hold). Written out in full a model is about 3.6 kB, so 100k would pass the 256 MiB catalog
limit; --lean leaves out field_sources (2.2 kB a model, notes and descriptions kept).
Standard library plus PyYAML.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DROPPED = ("successor", "predecessor", "lookalikes", "aliases")


def bundled_entries(lean: bool = False) -> list[dict[str, Any]]:
    document = yaml.load((ROOT / "catalog.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    dropped = (*DROPPED, "field_sources") if lean else DROPPED
    entries = []
    for entry in document["models"]:
        entry = {key: value for key, value in entry.items() if key not in dropped}
        if isinstance(entry.get("field_sources"), dict):
            entry["field_sources"] = {k: v for k, v in entry["field_sources"].items() if k not in DROPPED}
        entries.append(entry)
    return entries


def models(count: int, aliased: bool, lean: bool = False) -> list[dict[str, Any]]:
    entries = bundled_entries(lean)
    out = []
    for index in range(count):
        entry = entries[index % len(entries)]
        # Shallow copies share their nested values, which yaml.dump writes once and aliases.
        model = dict(entry) if aliased else copy.deepcopy(entry)
        model["id"] = f"{entry['id']}-x{index // len(entries)}"
        out.append(model)
    return out


def write(count: int, path: Path, aliased: bool = False, lean: bool = False) -> None:
    document = {"schema_version": 1, "models": models(count, aliased, lean)}
    dumper = yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(document, handle, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--aliased", action="store_true", help="share nested values (YAML anchors and aliases)")
    parser.add_argument("--lean", action="store_true", help="leave out field_sources")
    args = parser.parse_args(argv)
    write(args.count, args.path, args.aliased, args.lean)
    print(f"{args.path}: {args.count} models, {args.path.stat().st_size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

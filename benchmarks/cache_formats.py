"""Cache layouts side by side on one catalog: file size, whole-catalog load, one model by id.

    python benchmarks/cache_formats.py CATALOG.yaml [--repeat 5]

The catalog is parsed once; each layout is then written to a temporary directory and read
back in this process (median of --repeat runs, the cyclic collector paused as the CLI runs):
- json-v8: the layout before 0.3 (one JSON line of positional shoes, one record per line);
- compact-v9: the layout kept (usashoes.catalog.cache: distinct field values stored once,
  zlib sections, rows in chunks of 512);
- sqlite: the standard library's sqlite3, one row per shoe (id indexed, the shoe as positional
  JSON, its record), one transaction; "one by id" is an indexed SELECT.
The report (Markdown) goes to stdout. Standard library plus the installed package.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from usashoes.catalog import cache, loader
from usashoes.models import in_name_order
from usashoes.records import record_json

CODEC = cache.SHOE_CODEC


def timed(action: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.disable()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
        gc.enable()
    return statistics.median(times)


def json_v8(shoes: Any, records: bytes, where: Path) -> tuple[Path, Callable[[], Any], Callable[[str], Any]]:
    file = where / "v8.json"
    rows = json.dumps([CODEC.encode(shoe) for shoe in shoes], ensure_ascii=False, separators=(",", ":"))
    file.write_bytes(rows.encode() + b"\n{}\n" + records)

    def load_all() -> Any:
        rows_line, _, rest = file.read_bytes().partition(b"\n")
        return CODEC.decode_all(json.loads(rows_line)), rest.partition(b"\n")[2]

    def one(shoe_id: str) -> Any:  # the whole file is one JSON document: no way to read one model
        return next(shoe for shoe in load_all()[0] if shoe.id == shoe_id)

    return file, load_all, one


def compact_v9(shoes: Any, records: bytes, where: Path, source: Path) -> tuple[Path, Callable[[], Any], Any]:
    key = cache.Key(where / "v9.json", str(source), source.stat().st_size, 1, 1)
    file = key.file
    file.write_bytes(cache._file_data(key, shoes, records, {}, None))

    def load_all() -> Any:
        stored = cache.read(key)
        assert stored is not None, "compact cache not readable"
        return stored.shoes(), stored.records()

    def one(shoe_id: str) -> Any:
        stored = cache.read(key)
        assert stored is not None
        return stored.find(shoe_id)

    return file, load_all, one


def sqlite(shoes: Any, records: bytes, where: Path) -> tuple[Path, Callable[[], Any], Callable[[str], Any]]:
    file = where / "cache.sqlite"
    lines = records.split(b"\n")
    with sqlite3.connect(file) as db:
        db.execute("CREATE TABLE shoes (position INTEGER PRIMARY KEY, id TEXT UNIQUE, shoe TEXT, record TEXT)")
        db.executemany(
            "INSERT INTO shoes VALUES (?, ?, ?, ?)",
            (
                (position, shoe.id, json.dumps(CODEC.encode(shoe), separators=(",", ":")), line.decode())
                for position, (shoe, line) in enumerate(zip(shoes, lines, strict=True))
            ),
        )
    db.close()

    def load_all() -> Any:
        db = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
        try:
            rows = db.execute("SELECT shoe, record FROM shoes ORDER BY position").fetchall()
        finally:
            db.close()
        return [CODEC.decode(json.loads(shoe)) for shoe, _record in rows], "\n".join(record for _s, record in rows)

    def one(shoe_id: str) -> Any:
        db = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
        try:
            (row,) = db.execute("SELECT shoe FROM shoes WHERE id = ?", (shoe_id,)).fetchone()
        finally:
            db.close()
        return CODEC.decode(json.loads(row))

    return file, load_all, one


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalog", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    source: Path = args.catalog
    print(f"parsing {source} ...", file=sys.stderr)
    shoes = in_name_order(loader.parse(source.read_bytes(), str(source)))
    records = "\n".join(record_json(shoe) for shoe in shoes).encode("ascii")
    size = source.stat().st_size
    some_id = shoes[len(shoes) // 2].id
    print(f"Catalog: `{source.name}`, {len(shoes):,} models, {size / 1e6:.1f} MB\n")
    print("| layout | file MB | × catalog | load all (median ms) | one by id (median ms) |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as temporary:
        where = Path(temporary)
        layouts = {
            "json-v8": lambda: json_v8(shoes, records, where),
            "compact-v9 (kept)": lambda: compact_v9(shoes, records, where, source),
            "sqlite": lambda: sqlite(shoes, records, where),
        }
        for name, make in layouts.items():
            file, load_all, one = make()
            assert list(load_all()[0]) == list(shoes), f"{name} does not round-trip"
            assert one(some_id) == shoes[len(shoes) // 2]
            bytes_ = file.stat().st_size
            print(
                f"| {name} | {bytes_ / 1e6:.2f} | {bytes_ / size:.2f}× | {timed(load_all, args.repeat) * 1000:,.0f} "
                f"| {timed(functools.partial(one, some_id), args.repeat) * 1000:,.1f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

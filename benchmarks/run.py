"""Time usashoes against the project's startup and large-catalog goals; print a Markdown report.

    python benchmarks/run.py                      # 1k, 10k and 100k catalogs (~10 min)
    python benchmarks/run.py --quick --sizes 1000,10000

Commands are timed as whole processes (the `usashoes` executable next to sys.executable),
stdout to /dev/null, each run R times after one discarded warm-up; median and min are
reported. USASHOES_CACHE_DIR points to a temporary directory so the cache state is
controlled: "cold" = cache directory emptied before each run, "warm" = cache primed by an
earlier run. Baselines: `python -c pass` for startup ratios, and a whole process that
imports yaml, reads the catalog and runs yaml.load(text, Loader=yaml.CSafeLoader) -- timed
the same way as the commands it is compared with.

Synthetic catalogs come from make_catalog.py and are kept in benchmarks/.data/ (gitignored),
keyed by size and a hash of the generator. Standard library only, plus the installed package.
The exit status is always 0: timings are information, never a CI verdict.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
SEARCH_QUERIES = ("990v5", "nb 993", "new balnce 1540", "journey lux", "speedfactory nyc")
PASS_OK, PASS_FAIL, NO_GOAL = "pass", "**FAIL**", "—"


# Runs argv[2:] and writes "SECONDS PEAK_KB" to the file descriptor argv[1]; exits with the
# command's status. Standard library only, started with -S: its own resident set (~10 MB) is
# the floor of every peak it reports.
LAUNCHER = """
import os, sys, time
report, argv = int(sys.argv[1]), sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.close(report)
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
code = os.waitstatus_to_exitcode(status)
if code == 0:
    os.write(report, f"{elapsed!r} {usage.ru_maxrss}".encode())
sys.exit(code if code >= 0 else 128 - code)
"""


# --- results ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Goal:
    """A limit on a median, in seconds, and how it is written in the table."""

    text: str
    limit: float


@dataclass
class Row:
    """One line of the report."""

    command: str
    catalog: str
    cache: str
    times: list[float] = field(default_factory=list)  # seconds
    goal: Goal | None = None
    ratio_base: float | None = None  # median of the row it is compared with, for the ratio column
    ratio_name: str = "pass"  # what ratio_base is: `python -c pass` or the CSafeLoader baseline
    note: str = ""
    error: str = ""
    peak_kb: int = 0  # the largest resident set of any timed run (ru_maxrss), 0 if not measured

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    def cells(self) -> list[str]:
        median = self.median
        ratio = f"{median / self.ratio_base:.2f}× {self.ratio_name}" if median is not None and self.ratio_base else "—"
        if self.error:
            verdict = f"error: {self.error}"
        elif self.goal is None or median is None:
            verdict = NO_GOAL
        else:
            verdict = PASS_OK if median <= self.goal.limit else PASS_FAIL
        return [
            f"`{self.command}`",
            self.catalog,
            self.cache,
            str(len(self.times)),
            _ms(median),
            _ms(min(self.times) if self.times else None),
            ratio,
            self.goal.text if self.goal else "—",
            verdict,
            "; ".join(filter(None, (self.note, f"peak {self.peak_kb / 1024:,.0f} MB" if self.peak_kb else ""))),
        ]


HEADER = ["command", "catalog", "cache", "runs", "median ms", "min ms", "ratio", "goal", "result", "note"]


def _ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:,.0f}" if seconds >= 0.1 else f"{seconds * 1000:.1f}"


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def progress(message: str) -> None:
    """Progress goes to stderr; the report alone goes to stdout."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the machine ------------------------------------------------------------------------------
def machine_lines() -> list[str]:
    """What the numbers were measured on."""
    from importlib.metadata import PackageNotFoundError, version

    def ver(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    import yaml

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return [
        f"- CPUs: {usable} usable (os.cpu_count {os.cpu_count()}), {cpu}; load average at the start {load}",
        f"- Python {platform.python_version()} ({sys.executable}), {platform.platform()}",
        (
            f"- typer {ver('typer')}, rich {ver('rich')}, rapidfuzz {ver('rapidfuzz')}, "
            f"PyYAML {ver('PyYAML')} (libyaml: {getattr(yaml, '__with_libyaml__', False)}), "
            f"usashoes {ver('usashoes')}"
        ),
        f"- source tree: {git_state()}",
    ]


def source_digest() -> str:
    """A hash of the package's source files, to notice edits made while the benchmark ran."""
    import usashoes

    digest = hashlib.sha256()
    for path in sorted(Path(usashoes.__file__).parent.rglob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def git_state() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=HERE.parent, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"], cwd=HERE.parent, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    return f"commit {head}" + (" with uncommitted changes in src/" if dirty else "")


# --- catalogs ---------------------------------------------------------------------------------
# Catalog shapes: make_catalog.py's synthetic entries (short texts), and the bundled entries
# copied under new ids (make_bundled.py): written out; as yaml.dump writes shared values
# (anchors and aliases; past ~20k models they expand to more values than a catalog may hold);
# lean, without field_sources (written out, 100k full entries pass the 256 MiB catalog limit).
SHAPES = ("synthetic", "bundled", "aliased", "lean")
SHAPE_LIMIT = {"bundled": 60_000, "aliased": 20_000}


def catalog_file(n: int, shape: str = "synthetic") -> Path:
    """The n-model catalog of a shape, generated once and kept in benchmarks/.data/, named by
    a hash of its generator (and, for bundled shapes, of the bundled catalog)."""
    generator = HERE / ("make_catalog.py" if shape == "synthetic" else "make_bundled.py")
    hashed = generator.read_bytes() + (b"" if shape == "synthetic" else (HERE.parent / "catalog.yaml").read_bytes())
    digest = hashlib.sha256(hashed).hexdigest()[:8]
    stem = "catalog" if shape == "synthetic" else shape
    path = DATA / f"{stem}-{n}-{digest}.yaml"
    if path.is_file():
        return path
    DATA.mkdir(exist_ok=True)
    for stale in DATA.glob(f"{stem}-{n}-*.yaml"):
        stale.unlink()
    sys.path.insert(0, str(HERE))
    progress(f"generating {n:,}-model {shape} catalog -> {path}")
    temp = path.with_suffix(".tmp")
    if shape == "synthetic":
        from make_catalog import generate

        temp.write_text(generate(n), encoding="utf-8")
    else:
        from make_bundled import write

        write(n, temp, aliased=shape == "aliased", lean=shape == "lean")
    temp.replace(path)
    return path


def size_label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 and n >= 1000 else str(n)


# --- running processes ------------------------------------------------------------------------
class Runner:
    """Runs commands as whole processes with a controlled environment and cache directory."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.exe = str(Path(sys.executable).with_name("usashoes"))
        self.env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("USASHOES_CATALOG", "USASHOES_NO_CACHE", "USASHOES_DEBUG", "COLUMNS")
        }

    def cache_dir(self, name: str) -> Path:
        return self.workdir / f"cache-{name}"

    @staticmethod
    def empty(directory: Path) -> None:
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)

    def once(self, argv: list[str], cache: Path, extra_env: dict[str, str] | None = None) -> float:
        """Seconds for one run; RuntimeError with the tail of stderr if it fails. The run's peak
        resident memory is left in self.last_peak_kb.

        Each run is started by a small launcher interpreter (LAUNCHER), which times it and reads
        its peak with os.wait4. Started from this process directly, a child's ru_maxrss would
        include this process's own resident set: Linux carries the high-water mark across exec,
        so a 1.5 GB parent made `python -c pass` report 1,510 MB.
        """
        env = {**self.env, "USASHOES_CACHE_DIR": str(cache), **(extra_env or {})}
        read_end, write_end = os.pipe()
        with tempfile.TemporaryFile() as errors:
            try:
                child = subprocess.Popen(
                    [sys.executable, "-S", "-c", LAUNCHER, str(write_end), *argv],
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=errors,
                    pass_fds=(write_end,),
                )
            finally:
                os.close(write_end)
            with os.fdopen(read_end, "rb") as report:
                measured = report.read().split()
            child.wait()
            if child.returncode != 0 or len(measured) != 2:
                errors.seek(0)
                tail = errors.read().decode(errors="replace").strip().splitlines()[-1:] or [""]
                raise RuntimeError(f"exit {child.returncode}: {tail[0][:120]}")
        self.last_peak_kb = int(measured[1])
        return float(measured[0])

    last_peak_kb = 0
    typer_median: float | None = None  # the minimal Typer app's, for the startup rows
    show_median: float | None = None  # warm `show` on the bundled catalog, for the big-catalog goal

    def series(
        self,
        row: Row,
        argv: list[str],
        cache: Path,
        repeats: int,
        cold: bool,
        warmup: bool = True,
        extra_env: dict[str, str] | None = None,
    ) -> Row:
        """Fill row.times with `repeats` runs; cold empties the cache directory before each run."""
        progress(f"{row.command} [{row.catalog}, {row.cache}] x{repeats}")
        try:
            if warmup:
                if cold:
                    self.empty(cache)
                self.once(argv, cache, extra_env)
            for _ in range(repeats):
                if cold:
                    self.empty(cache)
                row.times.append(self.once(argv, cache, extra_env))
                row.peak_kb = max(row.peak_kb, self.last_peak_kb)
        except RuntimeError as error:
            row.error = str(error)
        return row


# --- in-process measurements, each in a fresh interpreter ------------------------------------------
def child(args: list[str], env: dict[str, str] | None = None) -> dict:
    """Run this file in a child interpreter in one of its measuring modes; its JSON answer."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}")
    return json.loads(done.stdout)


def measure_search(path: Path, queries: list[str], fresh_repeats: int, warm_repeats: int) -> dict:
    """Load the catalog (cache expected warm), then time Matcher.search per query.

    "first" = a search on a new Matcher, which builds its lazy per-shoe strings: what one CLI
    run pays. "repeat" = further searches on the same Matcher.
    """
    import gc

    from usashoes.catalog.loader import load_path
    from usashoes.matching import Matcher

    gc.disable()  # as the CLI does (usashoes.__main__): measure what one run pays
    start = time.perf_counter()
    shoes = load_path(path).shoes
    result: dict = {"load": time.perf_counter() - start, "models": len(shoes), "queries": {}}
    for query in queries:
        first, repeat, hits = [], [], 0
        for _ in range(fresh_repeats):
            matcher = Matcher(shoes)
            start = time.perf_counter()
            hits = len(matcher.search(query))
            first.append(time.perf_counter() - start)
        for _ in range(warm_repeats):
            start = time.perf_counter()
            matcher.search(query)
            repeat.append(time.perf_counter() - start)
        result["queries"][query] = {"first": first, "repeat": repeat, "hits": hits}
    return result


# --- the benchmark plan -----------------------------------------------------------------------
@dataclass(frozen=True)
class Plan:
    startup_repeats: int
    warm_repeats: dict[int, int]  # by catalog size
    cold_repeats: dict[int, int]
    yaml_repeats: dict[int, int]
    search_fresh: int
    search_repeat: int

    @classmethod
    def make(cls, quick: bool) -> Plan:
        def by_size(small: int, ten_k: int, hundred_k: int) -> dict[int, int]:
            return {1: small, 10_000: ten_k, 100_000: hundred_k}

        if quick:
            return cls(5, by_size(3, 2, 1), by_size(2, 1, 1), by_size(2, 1, 1), 1, 3)
        return cls(15, by_size(10, 7, 5), by_size(5, 3, 1), by_size(5, 3, 2), 3, 5)

    @staticmethod
    def pick(table: dict[int, int], n: int) -> int:
        return table[max(size for size in table if size <= max(n, 1))]


def startup_rows(runner: Runner, plan: Plan) -> list[Row]:
    """`python -c pass` and the three startup goals on the bundled catalog."""
    repeats = plan.startup_repeats
    cache = runner.cache_dir("bundled")
    base = runner.series(Row("python -c pass", "—", "—"), [sys.executable, "-c", "pass"], cache, repeats, cold=False)
    pass_median = base.median or 0.0
    base.ratio_base = pass_median
    exe = runner.exe
    wide = {"COLUMNS": "100"}
    # One TAB as bash asks for it: the completion protocol, models from the warm cache.
    tab = {"_USASHOES_COMPLETE": "complete_bash", "COMP_WORDS": "usashoes show nb-99", "COMP_CWORD": "2"}
    compare = [exe, "compare", "990v5", "993", "--format", "table"]
    recommend = [exe, "recommend", "--activity", "running", "--max-price", "200", "--format", "table"]
    # The floor any Typer CLI pays: one command answering --json (typer imported, app built, run).
    typer_app = runner.workdir / "minimal_typer_app.py"
    typer_app.write_text(
        "import typer\napp = typer.Typer()\n@app.command()\ndef main(json: bool = False) -> None:\n"
        "    print('[]')\napp()\n"
    )
    minimal = runner.series(
        Row("minimal one-command Typer app --json", "—", "—", ratio_base=pass_median),
        [sys.executable, str(typer_app), "--json"],
        cache,
        repeats,
        cold=False,
    )
    runner.typer_median = minimal.median
    specs = [
        ("usashoes --version", [exe, "--version"], 5, True, None),
        ("usashoes list --json", [exe, "list", "--json"], 7, False, None),
        ("usashoes list --json", [exe, "list", "--json"], 7, True, None),
        ("usashoes show nb-990v6 --json", [exe, "show", "nb-990v6", "--json"], 0, True, None),
        ("usashoes compare 990v5 993 --format table", compare, 9, False, wide),
        ("usashoes compare 990v5 993 --format table", compare, 9, True, wide),
        ("usashoes recommend --activity running --max-price 200 --format table", recommend, 10, True, wide),
        ("completion TAB: usashoes show nb-99<TAB>", [exe], 0, True, tab),
    ]
    rows = [base, minimal]
    for label, argv, factor, warm, env in specs:
        goal = Goal(f"≤ {factor}×", factor * pass_median) if warm and factor else None
        if env is tab:
            goal = Goal("≤ 100 ms", 0.100)
        row = Row(
            label,
            "bundled",
            "warm" if warm else "cold",
            goal=goal,
            ratio_base=pass_median,
            note="COLUMNS=100" if env is wide else "_USASHOES_COMPLETE=complete_bash" if env else "",
        )
        if not warm:
            row.note = (row.note + "; " if row.note else "") + "first run after install"
        runner.series(row, argv, cache, repeats, cold=not warm, extra_env=env)
        if row.median and minimal.median and env is not tab:
            row.note = (row.note + "; " if row.note else "") + f"{row.median / minimal.median:.2f}× minimal Typer app"
        if label.startswith("usashoes show"):
            runner.show_median = row.median
        rows.append(row)
    return rows


def catalog_rows(runner: Runner, plan: Plan, n: int, shape: str = "synthetic") -> list[Row]:
    """CSafeLoader baseline, then cold and warm `list --json`, `search` and `show ID` on the
    n-model catalog of a shape, with the cache file's size against the catalog's."""
    path = catalog_file(n, shape)
    label = f"{shape} {size_label(n)} ({path.stat().st_size / 1e6:.0f} MB)"
    progress(f"CSafeLoader baseline on {label} x{Plan.pick(plan.yaml_repeats, n)}")
    # Timed as a whole process, like the usashoes rows it is compared with: interpreter start,
    # `import yaml`, reading the file and yaml.load with CSafeLoader -- "CSafeLoader alone".
    baseline = Row(
        "python -c 'yaml.load(file, Loader=yaml.CSafeLoader)'",
        label,
        "—",
        note="whole process: start, import yaml, read, load",
    )
    load_only = [
        sys.executable,
        "-c",
        "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)",
        str(path),
    ]
    try:
        for _ in range(Plan.pick(plan.yaml_repeats, n)):
            baseline.times.append(runner.once(load_only, runner.cache_dir("unused")))
    except RuntimeError as error:
        baseline.error = str(error)
    rows = [baseline]
    exe, cache = runner.exe, runner.cache_dir(f"{shape}-{size_label(n)}")
    cold_goal = Goal("≤ 1.2× CSafeLoader", 1.2 * baseline.median) if baseline.median else None
    warm_limit = {10_000: 0.5, 100_000: 3.0}.get(n)
    warm_goal = Goal(f"≤ {warm_limit:g} s", warm_limit) if warm_limit else None
    # A cold 100k run takes about as long as the baseline; the file is already in the page cache
    # (the baseline read it), so big cold series skip the discarded warm-up run.
    cold_warmup = n < 100_000
    commands = [
        ("list --json", ["list", "--json"], True),
        ("search 990v5", ["search", "990v5"], True),
        ("search 'journey lux'", ["search", "journey lux"], False),
        (
            "recommend --activity running --max-price 200 --json",
            ["recommend", "--activity", "running", "--max-price", "200", "--json"],
            False,
        ),
    ]
    if shape != "synthetic":  # an id that is there: copy 0 of the flagship
        commands.append(("show nb-990v6-x0 --json", ["show", "nb-990v6-x0", "--json"], False))
    for name, args, with_cold in commands:
        argv = [exe, "--catalog", str(path), *args]
        if with_cold:
            row = Row(
                f"usashoes --catalog FILE {name}",
                label,
                "cold",
                goal=cold_goal,
                ratio_base=baseline.median,
                ratio_name="CSafeLoader",
                note="" if cold_warmup else "no warm-up run",
            )
            rows.append(runner.series(row, argv, cache, Plan.pick(plan.cold_repeats, n), cold=True, warmup=cold_warmup))
    # The last cold run left a primed cache behind; warm runs reuse it.
    if not any(cache.glob("*.json")):
        progress(f"priming cache for {label}")
        try:
            runner.once([exe, "--catalog", str(path), "list", "--json"], cache)
        except RuntimeError as error:
            rows[0].error = f"catalog refused: {error}"
            return rows
    cached = [file.stat().st_size for file in cache.glob("*.json")]
    if cached:
        size = path.stat().st_size
        rows[0].note += f"; cache file {cached[0] / 1e6:.2f} MB = {cached[0] / size:.2f}× the catalog (goal ≤ 2×)"
    for name, args, _ in commands:
        argv = [exe, "--catalog", str(path), *args]
        goal = warm_goal
        if name.startswith("show") and runner.show_median:
            goal = Goal("≤ 3× show on bundled", 3 * runner.show_median)
        elif n >= 100_000 and not name.startswith("list"):
            goal = None  # the 100k goal is on list --json (≤ 3 s, ≤ 1 GB)
        row = Row(f"usashoes --catalog FILE {name}", label, "warm", goal=goal)
        rows.append(runner.series(row, argv, cache, Plan.pick(plan.warm_repeats, n), cold=False))
        if n >= 100_000 and name.startswith("list"):
            row.note = f"goal also ≤ 1 GB peak: {'pass' if row.peak_kb <= 1024 * 1024 else 'FAIL'}"
    return rows


def search_section(runner: Runner, plan: Plan, n: int) -> str:
    """In-process Matcher.search timings on the n-model catalog, as a Markdown table."""
    path = catalog_file(n)
    cache = runner.cache_dir(size_label(n))
    progress(f"in-process search on {size_label(n)}")
    try:
        result = child(
            ["--child-search", str(path), str(plan.search_fresh), str(plan.search_repeat), *SEARCH_QUERIES],
            env={"USASHOES_CACHE_DIR": str(cache)},
        )
    except RuntimeError as error:
        return f"in-process search failed: {error}"
    goal = 0.3 if n >= 100_000 else None
    rows = []
    firsts = []
    for query, timing in result["queries"].items():
        first, repeat = statistics.median(timing["first"]), statistics.median(timing["repeat"])
        firsts.append(first)
        verdict = NO_GOAL if goal is None else PASS_OK if first <= goal else PASS_FAIL
        rows.append(
            [
                f"`{query}`",
                str(timing["hits"]),
                _ms(first),
                _ms(min(timing["first"])),
                _ms(repeat),
                "< 300 ms" if goal else "—",
                verdict,
            ]
        )
    overall = statistics.median(firsts)
    rows.append(
        [
            "**median of the queries**",
            "",
            _ms(overall),
            "",
            "",
            "< 300 ms" if goal else "—",
            NO_GOAL if goal is None else PASS_OK if overall <= goal else PASS_FAIL,
        ]
    )
    head = (
        f"In-process search on synthetic {size_label(n)} ({result['models']:,} models; catalog load "
        f"from the warm cache took {_ms(result['load'])} ms, not included). 'first' = first search on a "
        f"new `Matcher(shoes)` (builds its lazy strings; what one CLI run pays), median of "
        f"{plan.search_fresh}; 'repeat' = same Matcher again, median of {plan.search_repeat}. "
        f"The goal is judged on 'first'."
    )
    table = markdown_table(
        ["query", "hits", "first ms (median)", "first ms (min)", "repeat ms (median)", "goal", "result"], rows
    )
    return head + "\n\n" + table


def footer(plan: Plan, sizes: list[int], quick: bool, seconds: float) -> str:
    """How the numbers were taken, under the tables."""
    repeats = ", ".join(f"{size_label(n)}: {Plan.pick(plan.yaml_repeats, n)}" for n in sizes) or "none"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return (
        "Medians of R runs after one discarded warm-up (except where noted); stdout went to /dev/null. "
        "Cold = empty cache directory before each run; warm = cache primed by an earlier run. "
        f"CSafeLoader baseline runs: {repeats} (a 100k load takes over a minute, so it runs once or twice). "
        f"Total time {seconds:.0f} s{' (--quick)' if quick else ''}; load average at the end {load}."
    )


# --- entry points -----------------------------------------------------------------------------
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Time usashoes against its startup and large-catalog goals.")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (numbers are noisier)")
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="comma-separated catalog sizes (default 1000,10000,100000); '' for startup only",
    )
    parser.add_argument(
        "--shapes",
        default=",".join(SHAPES),
        help=f"comma-separated catalog shapes of {', '.join(SHAPES)} (default all; bundled stops at 60k models)",
    )
    parser.add_argument("--child-search", nargs="+", metavar="ARG", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def run_child(args: argparse.Namespace) -> int:
    path, fresh, repeat, *queries = args.child_search
    print(json.dumps(measure_search(Path(path), queries, int(fresh), int(repeat))))
    return 0


def precompile() -> None:
    """Write the package's bytecode first, as an install does. With PYTHONDONTWRITEBYTECODE set
    (some shells and containers set it) every timed run would otherwise compile usashoes from
    source: measured here, about 35 ms a run, which is not what users pay."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("usashoes")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            compileall.compile_dir(location, quiet=2)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child_search:
        return run_child(args)
    sizes = [int(size) for size in args.sizes.replace("_", "").split(",") if size.strip()]
    plan = Plan.make(args.quick)
    precompile()
    began, source_before = time.perf_counter(), source_digest()
    report = ["# usashoes benchmarks", "", *machine_lines(), ""]
    with tempfile.TemporaryDirectory(prefix="usashoes-bench-") as temp:
        runner = Runner(Path(temp))
        rows = startup_rows(runner, plan)
        shapes = [shape for shape in args.shapes.split(",") if shape in SHAPES]
        for shape in shapes:
            for n in sizes:
                if n <= SHAPE_LIMIT.get(shape, n):
                    rows += catalog_rows(runner, plan, n, shape)
        report += [markdown_table(HEADER, [row.cells() for row in rows]), ""]
        if sizes:
            report += [search_section(runner, plan, max(sizes)), ""]
    report.append(footer(plan, sizes, args.quick, time.perf_counter() - began))
    if source_digest() != source_before:
        report.append("\n**Warning: the usashoes source changed while the benchmark ran; rows may mix versions.**")
    print("\n".join(report))
    return 0


def entry() -> int:
    """Measuring children report failure by exit status; the benchmark itself always exits 0."""
    if "--child-search" in sys.argv:
        return main()
    try:
        main()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
    except Exception:
        traceback.print_exc()
    return 0


if __name__ == "__main__":
    sys.exit(entry())

"""The layout: every module imports on its own, and no two modules import each other at load time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import usashoes

PACKAGE = Path(usashoes.__file__).parent


def _modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


MODULES = _modules()


def _load_time_imports(module: str, deferred: bool = False) -> set[str]:
    """The usashoes modules `module` imports when it is loaded: top-level imports only, not
    those under `if TYPE_CHECKING:` nor the ones inside functions (those are the deferred ones,
    included with deferred=True)."""
    path = PACKAGE.parent.joinpath(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree) if deferred else tree.body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("usashoes"))
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            source = (f"{base}.{node.module}" if node.module else base) if node.level else (node.module or "")
            if not source.startswith("usashoes"):
                continue
            for alias in node.names:  # `from . import human`: the submodule, when it is one
                found.add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in MODULES else source)
    return found & set(MODULES) - {module}


def test_no_import_cycles() -> None:
    graph = {module: _load_time_imports(module) for module in MODULES}
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        if module in path:
            pytest.fail("import cycle: " + " -> ".join((*path[path.index(module) :], module)))
        if module in done:
            return
        for imported in sorted(graph[module]):
            visit(imported, (*path, module))
        done.add(module)

    for module in MODULES:
        visit(module, ())


# The layers, lowest first: a module may import from its own layer and the ones below it, at
# load time or deferred. The entry points (__main__, fastcomplete) and complete.py (completion
# candidates for the CLI) sit with the CLI.
LAYERS = (
    ("base", ("errors", "paths", "models", "names", "numbers", "brands", "freshness", "sizes", "records")),
    ("catalog", ("catalog",)),
    ("domain", ("needs", "query", "matching", "caveats", "compare", "recommend", "like", "config")),
    ("explain", ("explain",)),
    ("output", ("output",)),
    ("cli", ("cli", "complete", "fastcomplete", "__main__")),
)


def _layer(module: str) -> int:
    first = module.split(".")[1] if module != "usashoes" else ""
    for rank, (_name, members) in enumerate(LAYERS):
        if first in members:
            return rank
    return 0  # the package itself (its __version__)


def test_every_module_is_in_a_layer() -> None:
    members = {member for _name, group in LAYERS for member in group}
    assert {module.split(".")[1] for module in MODULES if module != "usashoes"} <= members


def test_no_module_imports_from_a_layer_above_its_own() -> None:
    """The domain never reaches into output or the CLI, the catalog never into the domain: the
    tree's layers are the real dependencies, deferred imports included."""
    upward = [
        f"{module} ({LAYERS[_layer(module)][0]}) imports {imported} ({LAYERS[_layer(imported)][0]})"
        for module in MODULES
        for imported in sorted(_load_time_imports(module, deferred=True))
        if _layer(imported) > _layer(module)
    ]
    assert upward == []


def test_the_layer_check_sees_an_upward_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: a deferred import of output from the domain is reported."""
    assert _layer("usashoes.output.human") > _layer("usashoes.compare")
    package = tmp_path / "usashoes"
    package.mkdir()
    (package / "compare.py").write_text("def f():\n    from .output import human\n", encoding="utf-8")
    (package / "output").mkdir()
    (package / "output" / "human.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", package)
    assert _load_time_imports("usashoes.compare", deferred=True) == {"usashoes.output.human"}
    assert _load_time_imports("usashoes.compare") == set()


def test_every_module_imports_alone_in_a_fresh_interpreter() -> None:
    """Each module loads first in its own interpreter: no module works only because another
    was imported before it."""
    code = (
        "import importlib, subprocess, sys\n"
        "failed = []\n"
        "for name in sys.argv[1:]:\n"
        "    done = subprocess.run([sys.executable, '-c', f'import {name}'], capture_output=True, text=True)\n"
        "    if done.returncode:\n"
        "        failed.append(name + ': ' + done.stderr.strip().splitlines()[-1])\n"
        "print('\\n'.join(failed))\n"
    )
    modules = [m for m in MODULES if m != "usashoes.__main__"]
    done = subprocess.run([sys.executable, "-c", code, *modules], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def _draws_tables(module: str) -> bool:
    """The table modules: output/table.py and the builders it loads (output/table_*.py)."""
    package, _, name = module.rpartition(".")
    return package == "usashoes.output" and (name == "table" or name.startswith("table_"))


def test_only_the_table_modules_import_rich_and_only_the_cli_imports_typer() -> None:
    for module in MODULES:
        path = PACKAGE.parent.joinpath(*module.split("."))
        path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            (node.module or "").split(".")[0]
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom) and not node.level
        }
        assert "rich" not in imported or _draws_tables(module), module
        assert not {"typer", "click"} & imported or module.startswith("usashoes.cli"), module


def test_no_two_modules_import_each_other_even_deferred() -> None:
    """A deferred or type-only import back (like <-> recommend, table <-> table_choice) hid a
    tangle: each pair of modules depends one way only."""
    graph = {module: _load_time_imports(module, deferred=True) for module in MODULES}
    mutual = sorted(
        (first, second) for first in MODULES for second in graph[first] if first < second and first in graph[second]
    )
    assert not mutual, mutual


def test_every_module_a_docstring_or_comment_names_exists() -> None:
    """A docstring or comment that names `something.py` names a file that exists (a module,
    a test, a benchmark or a CI script): moved or deleted modules leave no stale pointers."""
    import re

    root = PACKAGE.parent.parent
    existing = {path.name for folder in ("src", "tests", "benchmarks", ".ci") for path in (root / folder).rglob("*.py")}
    stale = sorted(
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in PACKAGE.rglob("*.py")
        for name in set(re.findall(r"\b([a-z_]+\.py)\b", path.read_text(encoding="utf-8")))
        if name not in existing
    )
    assert stale == []

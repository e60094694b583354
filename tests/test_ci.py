"""The CI helpers run on every supported Python, 3.10 included (no tomllib there)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parent.parent / ".ci" / "lowest_constraints.py"

# Python 3.10 as CI meets it: importing tomllib fails (and tomli is not installed either).
WITHOUT_TOML = (
    "import runpy, sys; sys.modules['tomllib'] = None; sys.modules['tomli'] = None; "
    f"runpy.run_path({str(SCRIPT)!r}, run_name='__main__')"
)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=60)


def test_lowest_constraints_without_tomllib_pins_every_lower_bound() -> None:
    done = _run("-c", WITHOUT_TOML)
    assert done.returncode == 0, done.stderr
    pins = done.stdout.splitlines()
    assert {pin.split("==")[0] for pin in pins} == {"typer", "rich", "pyyaml", "rapidfuzz", "tomli", "cryptography"}, (
        pins
    )
    if sys.version_info >= (3, 11):  # the tomllib path reads the same file to the same pins
        assert _run(str(SCRIPT)).stdout.splitlines() == pins


def test_the_tiny_reader_refuses_a_shape_it_does_not_know(tmp_path: Path) -> None:
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import lowest_constraints
    finally:
        sys.path.remove(str(SCRIPT.parent))
    text = '[project]\nname = "x"\ndependencies = [\n  # why\n  "a>=1",  # note\n  "b>=2.0",\n]\n[tool.x]\n'
    assert lowest_constraints.read_dependencies(text) == ["a>=1", "b>=2.0"]
    try:
        lowest_constraints.read_dependencies('[project]\ndependencies = ["a>=1"]\n')
    except SystemExit as error:
        assert "pyproject.toml:2" in str(error)
    else:
        raise AssertionError("a one-line list must be refused, not misread")

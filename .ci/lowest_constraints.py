"""Print a pip constraints file pinning every runtime dependency to its lowest allowed version.

`pip install -c` with this file installs exactly the lower bounds pyproject.toml promises work,
so CI proves them; test tools stay at their newest. Runtime extras a user installs (EXTRAS:
`usashoes[update]`) are pinned too. Usage: python .ci/lowest_constraints.py

Python 3.10 (supported) has no tomllib and CI must not need tomli installed first, so without
tomllib a tiny reader takes [project].dependencies: one string per line, as pyproject.toml is
written (it refuses any other shape rather than guess).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PYPROJECT = Path(__file__).parent.parent / "pyproject.toml"
EXTRAS = ("update",)  # optional runtime dependencies: their lower bounds are promises too


def dependencies(text: str) -> list[str]:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        found = read_dependencies(text)
        for extra in EXTRAS:
            found += read_dependencies(text, "project.optional-dependencies", extra)
        return found
    project = tomllib.loads(text)["project"]
    optional = project.get("optional-dependencies", {})
    return [*project["dependencies"], *(each for extra in EXTRAS for each in optional.get(extra, []))]


def read_dependencies(text: str, wanted: str = "project", key: str = "dependencies") -> list[str]:
    """[project].dependencies (or another table's list) of a pyproject.toml that lists one
    double-quoted string per line."""
    table = ""
    inside = False
    found: list[str] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not inside:
            if line.startswith("["):
                table = line.strip("[] ")
            elif table == wanted and re.match(rf"{re.escape(key)}\s*=\s*\[\s*(#.*)?$", line):
                inside = True
            elif table == wanted and re.match(rf"{re.escape(key)}\s*=", line):
                sys.exit(f"lowest_constraints: pyproject.toml:{number}: write {key} one per line")
            continue
        if line.startswith("]"):
            return found
        if not line or line.startswith("#"):
            continue
        match = re.match(r'"((?:[^"\\]|\\.)*)"\s*,?\s*(#.*)?$', line)
        if match is None:
            sys.exit(f"lowest_constraints: pyproject.toml:{number}: expected one quoted requirement, got {line!r}")
        found.append(match.group(1))
    if wanted != "project":
        return []  # an extra that is not declared pins nothing
    sys.exit("lowest_constraints: pyproject.toml has no [project] dependencies list")


def main() -> None:
    for requirement in dependencies(PYPROJECT.read_text(encoding="utf-8")):
        match = re.match(r"\s*([A-Za-z0-9_.\-\[\]]+)\s*[^#]*?>=\s*([0-9][^,;\s]*)", requirement)
        if match is None:
            sys.exit(f"lowest_constraints: {requirement!r} has no '>=' lower bound; every runtime dependency needs one")
        name = match.group(1).split("[")[0]
        print(f"{name}=={match.group(2)}")


if __name__ == "__main__":
    main()

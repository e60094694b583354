"""Print a pip constraints file pinning every runtime dependency to its lowest allowed version.

`pip install -c` with this file installs exactly the lower bounds pyproject.toml promises work,
so CI proves them; test tools stay at their newest. Usage: python .ci/lowest_constraints.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import tomllib

project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
for requirement in project["dependencies"]:
    match = re.match(r"\s*([A-Za-z0-9_.\-\[\]]+)\s*[^#]*?>=\s*([0-9][^,;\s]*)", requirement)
    if match is None:
        sys.exit(f"lowest_constraints: {requirement!r} has no '>=' lower bound; every runtime dependency needs one")
    name = match.group(1).split("[")[0]
    print(f"{name}=={match.group(2)}")

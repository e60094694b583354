"""`usashoes catalog publish`: the maintainer's side of the feed `catalog update` reads.

Writes DIR/catalogs/<version>.yaml (the catalog's bytes, unchanged) and DIR/index.json
(feed.py describes its fields), optionally DIR/index.json.minisig; each file atomically.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import CatalogError, WriteFailed
from . import files, selection
from .feed import FORMAT, SIGNATURE_SUFFIX, FeedError


def publish(
    catalog: str,
    out: str,
    version: str | None = None,
    min_client_version: str | None = None,
    sign_key: str | None = None,
    today: str | None = None,
) -> dict[str, Any]:
    """Validate the catalog, write the feed; the index written, as a dict."""
    from .feed import CLIENT_VERSION, sign
    from .loader import _stat, check, read_bytes
    from .schema import SCHEMA_VERSION

    published = today or time.strftime("%Y-%m-%d", time.gmtime())
    version = version or published.replace("-", ".")
    if selection.version_key(version) is None:
        raise FeedError(f"--catalog-version {version!r}: expected a calendar version like 2026.12.04")
    minimum = min_client_version or __version__
    if not CLIENT_VERSION.fullmatch(minimum):
        raise FeedError(f"--min-client-version {minimum!r}: expected a version like 0.2.0")
    path = Path(catalog)
    _shoes, problems, _warnings = check(path)
    if problems:
        raise CatalogError(problems)
    data = read_bytes(path, _stat(path).st_size)
    secret = None
    if sign_key is not None:
        secret_data = files.read_own_file(Path(sign_key), 4096)
        if secret_data is None:
            raise FeedError(f"{sign_key}: cannot read the secret key (a regular file of yours, at most 4 KiB)")
        secret = secret_data.decode("utf-8", "replace")
    relative = f"{selection.CATALOGS_DIR}/{version}.yaml"
    index = {
        "format": FORMAT,
        "catalog_version": version,
        "published": published,
        "schema_version": SCHEMA_VERSION,
        "min_client_version": minimum,
        "size_bytes": len(data),
        "sha256": selection.sha256_of(data),
        "url": relative,
    }
    index_bytes = (json.dumps(index, indent=2) + "\n").encode("ascii")
    signature = None
    if secret is not None:
        stamp = int(time.time())
        signature = sign(index_bytes, secret, str(sign_key), f"timestamp:{stamp}\tfile:index.json\thashed")
    where = Path(out)
    target = where / relative
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        files.atomic_write(target, data)  # the catalog first: an index never points at a missing file
        files.atomic_write(where / "index.json", index_bytes)
        signature_file = where / ("index.json" + SIGNATURE_SUFFIX)
        if signature is not None:
            files.atomic_write(signature_file, signature)
        else:
            signature_file.unlink(missing_ok=True)  # an old index's signature would only mislead
    except OSError as error:
        raise WriteFailed(error, str(getattr(error, "filename", None) or where)) from None
    return index

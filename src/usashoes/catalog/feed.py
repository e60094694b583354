"""The catalog feed: index.json, its minisign signature, and the checks on both.

A feed is a directory served over https (or file://, or http on the loopback address for
tests): index.json describes one catalog file and index.json.minisig signs index.json. The
index's sha256 and size then pin the catalog file itself, so one signature covers both.

index.json (every field required):

    {"format": 1, "catalog_version": "2026.12.04", "published": "2026-12-04",
     "schema_version": 1, "min_client_version": "0.2.0",
     "size_bytes": 273925, "sha256": "<64 hex digits>", "url": "catalogs/2026.12.04.yaml"}

url is relative to the index's own URL (or absolute with the index's scheme).

Signatures are minisign's (https://jedisct1.github.io/minisign/): Ed25519 over the file ("Ed")
or over its BLAKE2b-512 hash ("ED", minisign's default), then a global signature over the
signature and the trusted comment. Verified with `cryptography`, imported only here (the
optional extra usashoes[update]).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from typing import Any, NamedTuple

from .. import __version__
from ..errors import ExitCode, UsashoesError, short
from . import selection

FORMAT = 1
MAX_INDEX_BYTES = 64 * 1024
MAX_SIGNATURE_BYTES = 8 * 1024
SIGNATURE_SUFFIX = ".minisig"
INSTALL_HINT = "pip install 'usashoes[update]'"
UPGRADE_HINT = "pip install -U usashoes"
CLIENT_VERSION = re.compile(r"\d+(\.\d+){0,3}")


class FeedError(UsashoesError):
    """The feed could not be reached, or what it served failed a check: the catalog in use is untouched."""

    exit_code = ExitCode.UPDATE_FAILED


class Index(NamedTuple):
    catalog_version: str
    published: str
    schema_version: int
    min_client_version: str
    size_bytes: int
    sha256: str
    url: str  # resolved against the index's URL

    def as_json(self) -> dict[str, Any]:
        return self._asdict()


def client_version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def parse_index(data: bytes, index_url: str) -> Index:
    """index.json's fields, each checked; FeedError naming the URL and the field otherwise."""
    from urllib.parse import urljoin, urlsplit

    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise FeedError(f"{index_url}: not a JSON document ({error})") from None
    if not isinstance(document, dict):
        raise FeedError(f"{index_url}: not a JSON object")
    if document.get("format") != FORMAT:
        raise FeedError(
            f"{index_url}: feed format {short(str(document.get('format')))!r}; this usashoes reads format {FORMAT}: "
            f"run {UPGRADE_HINT}"
        )

    def field(name: str, kind: type, valid: str, test: Any = None) -> Any:
        value = document.get(name)
        if type(value) is not kind or (test is not None and not test(value)):
            shown = "missing" if name not in document else f"{short(json.dumps(value))} is not valid"
            raise FeedError(f"{index_url}: field {name!r}: {shown}; expected {valid}")
        return value

    version = field(
        "catalog_version", str, "a calendar version like 2026.12.04", lambda v: selection.version_key(v) is not None
    )
    published = field("published", str, "a date like 2026-12-04", selection.is_date)
    schema_version = field("schema_version", int, "a whole number like 1", lambda v: v >= 1)
    min_client = field(
        "min_client_version", str, "a version like 0.2.0", lambda v: CLIENT_VERSION.fullmatch(v) is not None
    )
    size = field("size_bytes", int, "the catalog's size in bytes", lambda v: 0 < v <= selection.MAX_CATALOG_BYTES)
    sha256 = field("sha256", str, "64 lower-case hex digits", selection.is_sha256)
    relative = field("url", str, "the catalog file's URL, relative to the index", lambda v: 0 < len(v) <= 2000)
    url = urljoin(index_url, relative)
    if urlsplit(url).scheme != urlsplit(index_url).scheme:
        raise FeedError(f"{index_url}: field 'url': {short(url)} must use the index's own scheme")
    return Index(version, published, schema_version, min_client, size, sha256, url)


def readable(index: Index, index_url: str) -> None:
    """FeedError unless this build can read the catalog the index describes."""
    from .schema import SCHEMA_VERSION

    if client_version_key(__version__) < client_version_key(index.min_client_version):
        raise FeedError(
            f"{index_url}: catalog {index.catalog_version} needs usashoes {index.min_client_version} or newer "
            f"(this is {__version__}): run {UPGRADE_HINT}"
        )
    if index.schema_version > SCHEMA_VERSION:
        raise FeedError(
            f"{index_url}: catalog {index.catalog_version} has schema version {index.schema_version}; "
            f"this usashoes reads {SCHEMA_VERSION}: run {UPGRADE_HINT}"
        )
    if index.schema_version < SCHEMA_VERSION:
        raise FeedError(
            f"{index_url}: catalog {index.catalog_version} has schema version {index.schema_version}, "
            f"older than the {SCHEMA_VERSION} this usashoes reads; the feed must publish schema {SCHEMA_VERSION}"
        )


# --- minisign ------------------------------------------------------------------------------------
PUBLIC_KEY_BYTES = 2 + 8 + 32  # algorithm "Ed", key id, Ed25519 public key
SIGNATURE_BYTES = 2 + 8 + 64  # algorithm "Ed" or "ED", key id, signature
PURE, PREHASHED = b"Ed", b"ED"


class PublicKey(NamedTuple):
    key_id: bytes
    raw: bytes  # the 32-byte Ed25519 public key


def _b64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise FeedError(f"{what}: not base64, so not a minisign key or signature line") from None


def parse_public_key(text: str, where: str = "the feed key") -> PublicKey:
    """A minisign public key: the base64 line (RW...) alone, or a .pub file's two lines."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if len(lines) == 2 and lines[0].startswith("untrusted comment:"):
        lines = lines[1:]
    if len(lines) != 1:
        raise FeedError(f"{where}: expected a minisign public key (one base64 line starting RW)")
    raw = _b64(lines[0], where)
    if len(raw) != PUBLIC_KEY_BYTES or raw[:2] != PURE:
        raise FeedError(f"{where}: not a minisign Ed25519 public key (one base64 line starting RW)")
    return PublicKey(raw[2:10], raw[10:])


def _key_id(key_id: bytes) -> str:
    return key_id[::-1].hex().upper()  # as minisign prints it (little-endian)


def _ed25519() -> Any:
    try:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    except ImportError:
        raise FeedError(
            f"catalog update needs the 'cryptography' package to check signatures: {INSTALL_HINT}"
        ) from None
    return Ed25519PublicKey, InvalidSignature


def verify(message: bytes, signature_text: bytes, key: PublicKey, where: str) -> str:
    """Check a minisign signature of message; the trusted comment if it holds, FeedError if not."""
    Ed25519PublicKey, InvalidSignature = _ed25519()
    try:
        lines = signature_text.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise FeedError(f"{where}: not a minisign signature (not text)") from None
    if len(lines) < 4 or not lines[0].startswith("untrusted comment:") or not lines[2].startswith("trusted comment: "):
        raise FeedError(
            f"{where}: not a minisign signature "
            "(expected four lines: comment, signature, trusted comment, global signature)"
        )
    signature = _b64(lines[1], where)
    trusted = lines[2][len("trusted comment: ") :]
    global_signature = _b64(lines[3], where)
    if len(signature) != SIGNATURE_BYTES or signature[:2] not in (PURE, PREHASHED) or len(global_signature) != 64:
        raise FeedError(f"{where}: not a minisign Ed25519 signature")
    if signature[2:10] != key.key_id:
        raise FeedError(
            f"{where}: signed with key {_key_id(signature[2:10])}, not the configured feed key {_key_id(key.key_id)}"
        )
    public = Ed25519PublicKey.from_public_bytes(key.raw)
    signed = hashlib.blake2b(message, digest_size=64).digest() if signature[:2] == PREHASHED else message
    try:
        public.verify(signature[10:], signed)
    except InvalidSignature:
        raise FeedError(f"{where}: bad signature: the index is not the one the feed key signed") from None
    try:
        public.verify(global_signature, signature[10:] + trusted.encode("utf-8"))
    except InvalidSignature:
        raise FeedError(f"{where}: bad signature on the trusted comment") from None
    return trusted


def sign(message: bytes, secret_key_text: str, where: str, trusted_comment: str) -> bytes:
    """A minisign signature ("ED", prehashed) of message with an unencrypted minisign secret key
    (made with `minisign -G -W`); FeedError for an encrypted key or anything else."""
    try:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    except ImportError:
        raise FeedError(f"signing needs the 'cryptography' package: {INSTALL_HINT}") from None
    lines = [line.strip() for line in secret_key_text.strip().splitlines() if line.strip()]
    if lines and lines[0].startswith("untrusted comment:"):
        lines = lines[1:]
    raw = _b64(lines[0] if len(lines) == 1 else "", where)
    # sig alg, kdf alg, checksum alg, salt, opslimit, memlimit, then key id, secret key, checksum
    if len(raw) != 2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32 or raw[:2] != PURE:
        raise FeedError(f"{where}: not a minisign secret key")
    if raw[2:4] != b"\0\0":
        raise FeedError(
            f"{where}: an encrypted minisign key; make one without a password (minisign -G -W), "
            "or sign index.json yourself: minisign -Sm index.json"
        )
    key_id, secret, checksum = raw[54:62], raw[62:126], raw[126:158]
    # minisign 0.11 leaves the checksum of an unencrypted key zero; the public half is checked instead.
    if any(checksum) and hashlib.blake2b(PURE + key_id + secret, digest_size=32).digest() != checksum:
        raise FeedError(f"{where}: damaged minisign secret key (checksum mismatch)")
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    private = Ed25519PrivateKey.from_private_bytes(secret[:32])
    if private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw) != secret[32:]:
        raise FeedError(f"{where}: damaged minisign secret key (its two halves do not match)")
    signature = private.sign(hashlib.blake2b(message, digest_size=64).digest())
    global_signature = private.sign(signature + trusted_comment.encode("utf-8"))
    return (
        f"untrusted comment: signature from usashoes catalog publish\n"
        f"{base64.b64encode(PREHASHED + key_id + signature).decode()}\n"
        f"trusted comment: {trusted_comment}\n"
        f"{base64.b64encode(global_signature).decode()}\n"
    ).encode()


def public_key_of_secret(secret_key_text: str, where: str) -> str:
    """The RW... public key line matching an unencrypted minisign secret key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    lines = [line.strip() for line in secret_key_text.strip().splitlines() if line.strip()]
    raw = _b64(lines[-1], where)
    private = Ed25519PrivateKey.from_private_bytes(raw[62:94])
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(PURE + raw[54:62] + public).decode()

"""Which catalog is used, and `catalog update` / `catalog publish`: a newer catalog without a new release."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from usashoes import fastcomplete, paths
from usashoes.catalog import feed, selection
from usashoes.cli import app
from usashoes.errors import ExitCode

SMALL = Path(__file__).parent / "fixtures" / "small.yaml"
runner = CliRunner()
NEWER = "2099.01.02"


def cli(*args: str, env: dict[str, str], code: ExitCode = ExitCode.OK, input: bytes | None = None):
    result = runner.invoke(app, list(args), env=env, input=input)
    assert result.exit_code == code, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "data"
    monkeypatch.setenv("USASHOES_DATA_DIR", str(where))
    monkeypatch.delenv("USASHOES_CATALOG", raising=False)
    monkeypatch.delenv("USASHOES_FEED_URL", raising=False)
    monkeypatch.delenv("USASHOES_FEED_KEY", raising=False)
    monkeypatch.setenv("USASHOES_CONFIG", "")
    return where


def install_by_hand(data_dir: Path, version: str = NEWER, data: bytes | None = None, sha256: str | None = None) -> Path:
    """A downloaded catalog as `catalog update` leaves it: catalogs/<version>.yaml and current.json."""
    data = SMALL.read_bytes() if data is None else data
    (data_dir / "catalogs").mkdir(parents=True, mode=0o700, exist_ok=True)
    os.chmod(data_dir, 0o700)
    file = data_dir / "catalogs" / f"{version}.yaml"
    file.write_bytes(data)
    pointer = {
        "format": 1,
        "current": {
            "version": version,
            "sha256": sha256 or hashlib.sha256(data).hexdigest(),
            "published": "2099-01-02",
        },
        "previous": None,
    }
    (data_dir / "current.json").write_text(json.dumps(pointer), encoding="utf-8")
    return file


# --- which catalog is used --------------------------------------------------------------------
def test_data_directory_follows_the_environment(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    assert paths.data_directory({"USASHOES_DATA_DIR": "/srv/x", "HOME": home}) == Path("/srv/x")
    assert paths.data_directory({"XDG_DATA_HOME": "/xdg", "HOME": home}) == Path("/xdg/usashoes")
    # Relative values are ignored, as the XDG spec says: never a directory under the working one.
    relative = {"USASHOES_DATA_DIR": "rel", "XDG_DATA_HOME": "also-rel", "HOME": home}
    assert paths.data_directory(relative) == Path(home, ".local", "share", "usashoes")


def test_the_bundled_catalog_is_used_when_nothing_is_downloaded(data_dir: Path) -> None:
    choice = selection.choose()
    assert choice.source == "bundled" and choice.path == paths.bundled_catalog()
    assert cli("--version", env={}).stdout.endswith(f"catalog: bundled {selection.BUNDLED_VERSION}\n")


def test_an_intact_newer_download_is_used_everywhere(data_dir: Path) -> None:
    file = install_by_hand(data_dir)
    choice = selection.choose()
    assert (choice.source, choice.path, choice.version) == ("downloaded", file, NEWER)
    assert fastcomplete._catalog_path() == file  # the TAB path asks the same module
    assert cli("--version", env={}).stdout.endswith(f"catalog: downloaded {NEWER} (published 2099-01-02)\n")
    info = json.loads(cli("catalog", "info", "--json", env={}).stdout)
    assert (info["source"], info["catalog_version"], info["path"]) == ("downloaded", NEWER, str(file))


def test_catalog_option_and_variable_win_over_a_download(data_dir: Path) -> None:
    install_by_hand(data_dir)
    assert selection.choose(str(SMALL)).source == "option"
    assert selection.choose(None, {**os.environ, "USASHOES_CATALOG": str(SMALL)}).source == "env"
    out = cli("--catalog", str(SMALL), "--version", env={}).stdout
    assert out.endswith(f"catalog: file {SMALL}\n")


def test_a_damaged_download_is_passed_over_for_the_bundled_catalog(data_dir: Path) -> None:
    file = install_by_hand(data_dir)
    file.write_bytes(file.read_bytes() + b"\n# edited\n")  # no longer the recorded sha256
    assert selection.choose().source == "bundled"
    (data_dir / "current.json").write_text("{not json", encoding="utf-8")
    assert selection.choose().source == "bundled"


def test_a_download_older_than_the_bundled_catalog_is_not_used(data_dir: Path) -> None:
    install_by_hand(data_dir, version="2000.01.01")
    assert selection.choose().source == "bundled"


def test_a_download_in_a_shared_directory_is_not_used(data_dir: Path) -> None:
    install_by_hand(data_dir)
    os.chmod(data_dir, 0o777)
    try:
        assert selection.choose().source == "bundled"
    finally:
        os.chmod(data_dir, 0o700)


def test_version_keys_sort_by_date() -> None:
    assert selection.version_key("2026.12.04") == (2026, 12, 4, 0)
    assert selection.version_key("2026.12.04.2") > selection.version_key("2026.12.04")  # type: ignore[operator]
    for bad in ("2026.13.01", "2026-12-04", "v2026.12.04", "2026.12.4", ""):
        assert selection.version_key(bad) is None


# --- minisign, made here independently of usashoes' own code -----------------------------------
class Minisign:
    """An Ed25519 key in minisign's formats: the public key line, signatures, a secret key file."""

    def __init__(self) -> None:
        crypto = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.ed25519")
        self.private = crypto.Ed25519PrivateKey.generate()
        self.key_id = os.urandom(8)

    @property
    def public(self) -> str:
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        raw = self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return base64.b64encode(b"Ed" + self.key_id + raw).decode()

    def sign(self, message: bytes, prehash: bool = True, trusted: str = "timestamp:1\tfile:index.json") -> bytes:
        signed = hashlib.blake2b(message, digest_size=64).digest() if prehash else message
        signature = self.private.sign(signed)
        global_signature = self.private.sign(signature + trusted.encode())
        algorithm = b"ED" if prehash else b"Ed"
        return (
            "untrusted comment: test signature\n"
            f"{base64.b64encode(algorithm + self.key_id + signature).decode()}\n"
            f"trusted comment: {trusted}\n"
            f"{base64.b64encode(global_signature).decode()}\n"
        ).encode()

    def secret_key_file(self, encrypted: bool = False) -> str:
        from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

        seed = self.private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        public = self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        secret = seed + public
        checksum = hashlib.blake2b(b"Ed" + self.key_id + secret, digest_size=32).digest()
        kdf = b"Sc" if encrypted else b"\0\0"
        raw = b"Ed" + kdf + b"B2" + bytes(32) + bytes(8) + bytes(8) + self.key_id + secret + checksum
        return f"untrusted comment: minisign secret key\n{base64.b64encode(raw).decode()}\n"


def make_index(catalog: bytes, version: str = NEWER, **changes: object) -> bytes:
    index = {
        "format": 1,
        "catalog_version": version,
        "published": "2099-01-02",
        "schema_version": 1,
        "min_client_version": "0.1",
        "size_bytes": len(catalog),
        "sha256": hashlib.sha256(catalog).hexdigest(),
        "url": f"catalogs/{version}.yaml",
        **changes,
    }
    return json.dumps(index).encode()


@pytest.mark.parametrize("prehash", [True, False], ids=["ED-prehashed", "Ed-pure"])
def test_both_minisign_algorithms_verify(prehash: bool) -> None:
    key = Minisign()
    trusted = feed.verify(b"hello", key.sign(b"hello", prehash), feed.parse_public_key(key.public), "sig")
    assert trusted == "timestamp:1\tfile:index.json"


def test_a_signature_that_does_not_hold_is_refused() -> None:
    key, other = Minisign(), Minisign()
    public = feed.parse_public_key(key.public)
    with pytest.raises(feed.FeedError, match="bad signature"):
        feed.verify(b"hello!", key.sign(b"hello"), public, "sig")
    with pytest.raises(feed.FeedError, match="not the configured feed key"):
        feed.verify(b"hello", other.sign(b"hello"), public, "sig")
    lines = key.sign(b"hello").decode().splitlines()
    lines[2] = "trusted comment: timestamp:2"  # the trusted comment is covered by the global signature
    with pytest.raises(feed.FeedError, match="trusted comment"):
        feed.verify(b"hello", "\n".join(lines).encode(), public, "sig")
    with pytest.raises(feed.FeedError, match="not a minisign signature"):
        feed.verify(b"hello", b"garbage", public, "sig")


def test_a_public_key_is_checked() -> None:
    key = Minisign()
    assert feed.parse_public_key(f"untrusted comment: minisign public key\n{key.public}\n").key_id == key.key_id
    for bad in ("", "RWnot-base64!", base64.b64encode(b"xx" + bytes(40)).decode()):
        with pytest.raises(feed.FeedError, match="minisign"):
            feed.parse_public_key(bad)


def test_without_cryptography_the_message_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cryptography", None)
    monkeypatch.setitem(sys.modules, "cryptography.hazmat.primitives.asymmetric.ed25519", None)
    with pytest.raises(feed.FeedError, match=r"pip install 'usashoes\[update\]'"):
        feed.verify(b"x", b"y", feed.PublicKey(bytes(8), bytes(32)), "sig")


def test_signing_with_a_minisign_secret_key_verifies() -> None:
    key = Minisign()
    signature = feed.sign(b"index", key.secret_key_file(), "key", "timestamp:3")
    assert feed.verify(b"index", signature, feed.parse_public_key(key.public), "sig") == "timestamp:3"
    assert feed.public_key_of_secret(key.secret_key_file(), "key") == key.public
    with pytest.raises(feed.FeedError, match="encrypted"):
        feed.sign(b"index", key.secret_key_file(encrypted=True), "key", "t")


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"catalog_version": "2026-12-04"}, "field 'catalog_version'"),
        ({"size_bytes": "12"}, "field 'size_bytes'"),
        ({"sha256": "abc"}, "field 'sha256'"),
        ({"format": 2}, "pip install -U usashoes"),
        ({"url": "file:///etc/passwd"}, "the index's own scheme"),
    ],
)
def test_index_fields_are_checked(changes: dict[str, object], fragment: str) -> None:
    with pytest.raises(feed.FeedError, match=re.escape(fragment)):
        feed.parse_index(make_index(b"x", **changes), "https://example.org/feed/index.json")


def test_an_index_resolves_its_catalog_url_against_its_own() -> None:
    index = feed.parse_index(make_index(b"x"), "https://example.org/feed/index.json")
    assert index.url == f"https://example.org/feed/catalogs/{NEWER}.yaml"

"""Which catalog is used, and `catalog update` / `catalog publish`: a newer catalog without a new release."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from usashoes import fastcomplete, paths
from usashoes.catalog import feed, selection
from usashoes.catalog import update as updating
from usashoes.cli import hint
from usashoes.cli.app import app
from usashoes.errors import CatalogError, ExitCode, WriteFailed

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


# --- catalog update, with an injected fetcher ----------------------------------------------------
FEED_URL = "https://feed.example/usashoes/index.json"


class Feed:
    """A feed held in memory: publish() puts a signed index and its catalog in place."""

    def __init__(self, url: str = FEED_URL) -> None:
        self.key = Minisign()
        self.url = url
        self.files: dict[str, bytes] = {}
        self.fetched: list[str] = []

    def publish(self, catalog: bytes, version: str = NEWER, prehash: bool = True, **changes: object) -> None:
        base = self.url.rsplit("/", 1)[0]
        index = make_index(catalog, version, **changes)
        self.files = {
            self.url: index,
            self.url + ".minisig": self.key.sign(index, prehash),
            f"{base}/catalogs/{version}.yaml": catalog,
        }

    def fetch(self, url: str, limit: int) -> bytes:
        self.fetched.append(url)
        if url not in self.files:
            raise feed.FeedError(f"{url}: HTTP 404 Not Found")
        data = self.files[url]
        if len(data) > limit:
            raise feed.FeedError(f"{url}: more than the {limit:,} bytes expected")
        return data

    @property
    def config(self) -> updating.Feed:
        return updating.Feed(self.url, self.key.public)


@pytest.fixture
def served(data_dir: Path) -> Feed:
    feed_ = Feed()
    feed_.publish(SMALL.read_bytes())
    return feed_


def test_update_installs_a_newer_catalog_and_it_is_used(data_dir: Path, served: Feed) -> None:
    outcome = updating.update(served.config, served.fetch, data_dir)
    assert outcome.changed and outcome.after.source == "downloaded" and outcome.models
    assert selection.choose().version == NEWER
    assert (data_dir / "catalogs" / f"{NEWER}.yaml").read_bytes() == SMALL.read_bytes()
    again = updating.update(served.config, served.fetch, data_dir)
    assert not again.changed and again.note == "already up to date"


@pytest.mark.parametrize("prehash", [True, False], ids=["ED", "Ed"])
def test_update_accepts_both_minisign_algorithms(data_dir: Path, served: Feed, prehash: bool) -> None:
    served.publish(SMALL.read_bytes(), prehash=prehash)
    assert updating.update(served.config, served.fetch, data_dir).changed


def test_a_replayed_older_index_is_refused_unless_downgrading(data_dir: Path, served: Feed) -> None:
    updating.update(served.config, served.fetch, data_dir)
    served.publish(SMALL.read_bytes(), version="2098.01.01")  # an older, genuinely signed index
    with pytest.raises(feed.FeedError, match=re.escape("older than the 2099.01.02 in use")):
        updating.update(served.config, served.fetch, data_dir)
    assert selection.choose().version == NEWER
    outcome = updating.update(served.config, served.fetch, data_dir, allow_downgrade=True)
    assert outcome.changed and selection.choose().version == "2098.01.01"


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"schema_version": 99}, "schema version 99; this usashoes reads 1: run pip install -U usashoes"),
        ({"min_client_version": "99.0"}, "needs usashoes 99.0 or newer"),
        ({"sha256": "0" * 64}, "sha256 does not match"),
        ({"size_bytes": 10}, "more than the 10 bytes"),
    ],
)
def test_an_index_this_build_cannot_use_is_refused(
    data_dir: Path, served: Feed, changes: dict[str, object], fragment: str
) -> None:
    served.publish(SMALL.read_bytes(), **changes)
    with pytest.raises(feed.FeedError, match=re.escape(fragment)):
        updating.update(served.config, served.fetch, data_dir)
    assert selection.choose().source == "bundled"


def test_a_tampered_index_is_refused(data_dir: Path, served: Feed) -> None:
    served.files[served.url] = served.files[served.url].replace(
        b'"min_client_version": "0.1"', b'"min_client_version": "0.0"'
    )
    with pytest.raises(feed.FeedError, match="bad signature"):
        updating.update(served.config, served.fetch, data_dir)
    assert selection.choose().source == "bundled"


def test_a_catalog_failing_validation_is_not_installed(data_dir: Path, served: Feed) -> None:
    served.publish(b"schema_version: 1\nmodels:\n  - id: x\n")
    with pytest.raises(CatalogError) as caught:
        updating.update(served.config, served.fetch, data_dir)
    assert all(problem.file.endswith(f"/catalogs/{NEWER}.yaml") for problem in caught.value.problems)
    assert selection.choose().source == "bundled"
    assert list((data_dir / "catalogs").iterdir()) == []  # no temporary file left


def test_a_crash_before_the_rename_leaves_the_old_catalog_in_use(
    data_dir: Path, served: Feed, monkeypatch: pytest.MonkeyPatch
) -> None:
    updating.update(served.config, served.fetch, data_dir)
    served.publish(SMALL.read_bytes() + b"\n# a newer edition\n", version="2099.02.01")
    real_replace, calls = os.replace, []

    def crash_once(source: object, target: object) -> None:
        calls.append(target)
        if len(calls) == 1:
            raise OSError(5, "Input/output error")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", crash_once)
    with pytest.raises(WriteFailed):
        updating.update(served.config, served.fetch, data_dir)
    assert selection.choose().version == NEWER
    assert sorted(path.name for path in (data_dir / "catalogs").iterdir()) == [f"{NEWER}.yaml"]
    assert updating.update(served.config, served.fetch, data_dir).after.version == "2099.02.01"  # next time works


def test_a_crash_before_the_pointer_swap_leaves_the_old_catalog_in_use(
    data_dir: Path, served: Feed, monkeypatch: pytest.MonkeyPatch
) -> None:
    updating.update(served.config, served.fetch, data_dir)
    served.publish(SMALL.read_bytes() + b"\n# a newer edition\n", version="2099.02.01")
    real_replace = os.replace

    def crash_on_the_pointer(source: object, target: object) -> None:
        if str(target).endswith("current.json"):
            raise OSError(28, "No space left on device")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", crash_on_the_pointer)
    with pytest.raises(WriteFailed, match="No space left"):
        updating.update(served.config, served.fetch, data_dir)
    assert selection.choose().version == NEWER


def test_a_second_update_while_one_runs_is_refused(data_dir: Path, served: Feed) -> None:
    import fcntl

    updating._prepare(data_dir)
    with open(data_dir / "update.lock", "w") as held:  # another update holds the lock
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(feed.FeedError, match="another catalog update is running"):
            updating.update(served.config, served.fetch, data_dir)
    assert served.fetched == []  # refused before anything was fetched
    assert updating.update(served.config, served.fetch, data_dir).changed


def test_an_unwritable_data_directory_is_a_write_error(
    data_dir: Path, served: Feed, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import tempfile

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)  # as root, chmod cannot make one read-only
    with pytest.raises(WriteFailed, match="Read-only file system"):
        updating.update(served.config, served.fetch, data_dir)
    # The same through the command line (--from-file: no network in tests but the loopback one).
    result = cli("catalog", "update", "--from-file", str(SMALL), env={}, code=ExitCode.WRITE_FAILED)
    assert "Read-only file system" in result.stderr and str(data_dir) in result.stderr and result.stdout == ""
    assert selection.choose().source == "bundled"


def test_rollback_puts_the_previous_catalog_back(data_dir: Path, served: Feed) -> None:
    updating.update(served.config, served.fetch, data_dir)
    served.publish(SMALL.read_bytes() + b"\n# newer\n", version="2099.02.01")
    updating.update(served.config, served.fetch, data_dir)
    out = cli("catalog", "update", "--rollback", env={}).stdout
    assert "Rolled back" in out and selection.choose().version == NEWER
    cli("catalog", "update", "--rollback", env={})  # and forward again
    assert selection.choose().version == "2099.02.01"


def test_rollback_of_the_first_download_is_the_bundled_catalog(data_dir: Path, served: Feed) -> None:
    updating.update(served.config, served.fetch, data_dir)
    cli("catalog", "update", "--rollback", env={})
    assert selection.choose().source == "bundled"
    result = cli("catalog", "update", "--rollback", env={}, code=ExitCode.UPDATE_FAILED)
    assert "nothing to roll back" in result.stderr


def test_from_file_installs_through_the_same_checks(data_dir: Path, tmp_path: Path) -> None:
    result = cli("catalog", "update", "--from-file", str(SMALL), "--catalog-version", "2099.03.01", "--json", env={})
    document = json.loads(result.stdout)
    assert document["action"] == "from-file" and document["after"]["version"] == "2099.03.01"
    assert selection.choose().version == "2099.03.01"
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nmodels: {}\n", encoding="utf-8")
    result = cli(
        "catalog",
        "update",
        "--from-file",
        str(bad),
        "--catalog-version",
        "2099.04.01",
        env={},
        code=ExitCode.CATALOG_INVALID,
    )
    assert result.stderr.startswith(f"{bad}:") and result.stdout == ""
    assert selection.choose().version == "2099.03.01"


def test_no_feed_configured_says_so(data_dir: Path) -> None:
    result = cli("catalog", "update", env={}, code=ExitCode.CONFIG_INVALID)
    assert "no feed configured;" in result.stderr and "USASHOES_FEED_URL" in result.stderr and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1


def test_a_bad_feed_key_or_url_is_named(data_dir: Path) -> None:
    result = cli("catalog", "update", "--url", FEED_URL, "--key", "nope", env={}, code=ExitCode.USAGE)
    assert "--key" in result.stderr and "minisign public key" in result.stderr
    key = Minisign().public
    result = cli(
        "catalog",
        "update",
        "--url",
        "http://feed.example/index.json",
        "--key",
        key,
        env={},
        code=ExitCode.UPDATE_FAILED,
    )
    assert "http://feed.example/index.json: use an https:// URL" in result.stderr


def test_the_feed_comes_from_the_environment_or_the_config_file(data_dir: Path, tmp_path: Path) -> None:
    key = Minisign().public
    config = tmp_path / "config.toml"
    config.write_text(f'feed_url = "http://10.0.0.1/index.json"\nfeed_key = "{key}"\n', encoding="utf-8")
    result = cli("catalog", "update", "--check", env={"USASHOES_CONFIG": str(config)}, code=ExitCode.UPDATE_FAILED)
    assert "http://10.0.0.1/index.json: use an https:// URL" in result.stderr  # refused before any connection
    env = {"USASHOES_CONFIG": str(config), "USASHOES_FEED_URL": "http://10.0.0.2/index.json"}
    result = cli("catalog", "update", "--check", env=env, code=ExitCode.UPDATE_FAILED)
    assert "http://10.0.0.2/index.json" in result.stderr  # the variable wins over the file
    shown = json.loads(cli("config", "show", "--json", env=env).stdout)["settings"]
    assert shown["feed_url"]["source"] == "env USASHOES_FEED_URL" and shown["feed_key"]["value"] == key


# --- end to end, against a real HTTP server on 127.0.0.1 -----------------------------------------
class Server:
    """A stdlib http.server on 127.0.0.1 (port 0) in a thread, serving a dict of paths, plus a
    few misbehaving paths: /huge (too big), /truncated (closes early), /slow (never answers in time)."""

    def __init__(self) -> None:
        import http.server
        import threading

        self.files: dict[str, bytes] = {}
        self.stop = threading.Event()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # http.server calls it by this name
                path = self.path
                if path.startswith("/slow/"):
                    outer.stop.wait(10)  # cut short when the test ends
                    return
                if path.startswith("/huge/"):
                    self.send_response(200)
                    self.end_headers()  # no Content-Length: the client must stop by itself
                    with contextlib.suppress(OSError):
                        for _ in range(64):
                            self.wfile.write(b"x" * 4096)
                    return
                if path.startswith("/truncated/"):
                    self.send_response(200)
                    self.send_header("Content-Length", "5000")
                    self.end_headers()
                    self.wfile.write(b'{"format": 1,')
                    return
                data = outer.files.get(path)
                if data is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(10)


@pytest.fixture
def server(data_dir: Path) -> Iterator[Server]:
    running = Server()
    try:
        yield running
    finally:
        running.close()


def publish_to(server: Server, key: Minisign, catalog: bytes, version: str = NEWER, **changes: object) -> str:
    index = make_index(catalog, version, **changes)
    server.files.update(
        {
            "/feed/index.json": index,
            "/feed/index.json.minisig": key.sign(index),
            f"/feed/catalogs/{version}.yaml": catalog,
        }
    )
    return f"{server.base}/feed/index.json"


def test_end_to_end_over_http(server: Server, data_dir: Path) -> None:
    key = Minisign()
    url = publish_to(server, key, SMALL.read_bytes())
    env = {"USASHOES_FEED_URL": url, "USASHOES_FEED_KEY": key.public}
    checked = json.loads(cli("catalog", "update", "--check", "--json", env=env).stdout)
    assert checked["newer_available"] and checked["available"]["catalog_version"] == NEWER
    assert selection.choose().source == "bundled"  # --check installs nothing
    done = json.loads(cli("catalog", "update", "--json", env=env).stdout)
    assert done["changed"] and done["after"]["version"] == NEWER
    assert done["downloaded_bytes"] == len(SMALL.read_bytes()) and done["models"] > 0
    assert cli("--version", env={}).stdout.endswith(f"catalog: downloaded {NEWER} (published 2099-01-02)\n")
    listed = json.loads(cli("list", "--all", "--json", env={}).stdout)  # the downloaded catalog answers
    assert len(listed) == done["models"]
    assert "up to date" in cli("catalog", "update", env=env).stdout

    # A replayed older index, validly signed, is refused; the catalog in use stays.
    publish_to(server, key, SMALL.read_bytes(), version="2098.12.31")
    result = cli("catalog", "update", env=env, code=ExitCode.UPDATE_FAILED)
    assert "older than the 2099.01.02 in use" in result.stderr and result.stdout == ""
    # A catalog failing validation is refused, named by its URL.
    bad = b"schema_version: 1\nmodels:\n  - id: x\n"
    publish_to(server, key, bad, version="2099.05.05")
    result = cli("catalog", "update", env=env, code=ExitCode.CATALOG_INVALID)
    assert f"{server.base}/feed/catalogs/2099.05.05.yaml:" in result.stderr
    # Schema too new: the message says how to get a build that reads it.
    publish_to(server, key, SMALL.read_bytes(), version="2099.06.06", schema_version=2)
    result = cli("catalog", "update", env=env, code=ExitCode.UPDATE_FAILED)
    assert "pip install -U usashoes" in result.stderr
    # A bad signature (another key signed it).
    publish_to(server, Minisign(), SMALL.read_bytes(), version="2099.07.07")
    result = cli("catalog", "update", env=env, code=ExitCode.UPDATE_FAILED)
    assert "not the configured feed key" in result.stderr
    assert selection.choose().version == NEWER


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("/missing/index.json", "HTTP 404"),
        ("/huge/index.json", "more than the 65,536 bytes expected"),
        ("/truncated/index.json", "truncated"),
        ("/slow/index.json", "no answer within 0.3 s"),
    ],
)
def test_a_misbehaving_server_fails_cleanly(server: Server, path: str, fragment: str) -> None:
    url = f"{server.base}{path}"
    result = cli(
        "catalog",
        "update",
        "--url",
        url,
        "--key",
        Minisign().public,
        "--timeout",
        "0.3",
        env={},
        code=ExitCode.UPDATE_FAILED,
    )
    assert result.stderr.startswith(f"usashoes: {url}: ") and fragment in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) == 1 and result.stdout == ""
    assert selection.choose().source == "bundled"


def test_an_oversized_catalog_body_is_cut_off(server: Server) -> None:
    key = Minisign()
    catalog = SMALL.read_bytes()
    url = publish_to(server, key, catalog)
    server.files[f"/feed/catalogs/{NEWER}.yaml"] = catalog + b"# more than the index said\n"
    result = cli("catalog", "update", "--url", url, "--key", key.public, env={}, code=ExitCode.UPDATE_FAILED)
    assert f"bytes, more than the {len(catalog):,} expected" in result.stderr
    assert selection.choose().source == "bundled"


# --- catalog publish -------------------------------------------------------------------------------
def test_publish_writes_a_feed_that_update_installs(data_dir: Path, tmp_path: Path) -> None:
    key = Minisign()
    secret = tmp_path / "usashoes.key"
    secret.write_text(key.secret_key_file(), encoding="utf-8")
    out = tmp_path / "feed"
    args = ("catalog", "publish", str(SMALL), "--out", str(out), "--catalog-version", "2099.08.08")
    index = json.loads(cli(*args, "--sign-key", str(secret), "--json", env={}).stdout)
    catalog = (out / "catalogs" / "2099.08.08.yaml").read_bytes()
    assert catalog == SMALL.read_bytes() and index["sha256"] == hashlib.sha256(catalog).hexdigest()
    assert index["size_bytes"] == len(catalog) and index["url"] == "catalogs/2099.08.08.yaml"
    assert json.loads((out / "index.json").read_bytes()) == index
    url = (out / "index.json").as_uri()  # file://: no network
    done = cli("catalog", "update", "--url", url, "--key", key.public, env={}).stdout
    assert "downloaded 2099.08.08" in done and selection.choose().version == "2099.08.08"


def test_publish_without_a_key_says_how_to_sign(tmp_path: Path) -> None:
    out = tmp_path / "feed"
    said = cli("catalog", "publish", str(SMALL), "--out", str(out), env={}).stdout
    assert f"minisign -Sm {out}/index.json" in said and not (out / "index.json.minisig").exists()


def test_publish_refuses_an_invalid_catalog_or_an_encrypted_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nmodels:\n  - id: x\n", encoding="utf-8")
    out = tmp_path / "feed"
    result = cli("catalog", "publish", str(bad), "--out", str(out), env={}, code=ExitCode.CATALOG_INVALID)
    assert result.stderr.startswith(f"{bad}:") and not out.exists()
    secret = tmp_path / "encrypted.key"
    secret.write_text(Minisign().secret_key_file(encrypted=True), encoding="utf-8")
    result = cli(
        "catalog",
        "publish",
        str(SMALL),
        "--out",
        str(out),
        "--sign-key",
        str(secret),
        env={},
        code=ExitCode.UPDATE_FAILED,
    )
    assert "encrypted minisign key" in result.stderr and "minisign -Sm index.json" in result.stderr


# --- the staleness hint ----------------------------------------------------------------------------
LATER = date(2027, 6, 1)  # the bundled catalog is months old by then


@pytest.fixture
def hint_env(data_dir: Path) -> dict[str, str]:
    return {
        "USASHOES_DATA_DIR": str(data_dir),
        "USASHOES_CONFIG": "",
        "USASHOES_FEED_URL": FEED_URL,
        "HOME": "/nonexistent",
    }


def test_the_hint_says_the_catalog_is_old_at_most_weekly(hint_env: dict[str, str]) -> None:
    text = hint.line(["list"], hint_env, LATER, now=1_000_000_000)
    assert text is not None and f"bundled {selection.BUNDLED_VERSION}" in text and "catalog update --check" in text
    assert hint.line(["list"], hint_env, LATER, now=1_000_000_000 + 3600) is None  # shown this week already
    assert hint.line(["list"], hint_env, LATER, now=1_000_000_000 + 8 * 24 * 3600) is not None


@pytest.mark.parametrize(
    ("argv", "changes"),
    [
        (["list", "--json"], {}),
        (["compare", "990v5", "993", "-f", "csv"], {}),
        (["show", "990v5", "-o", "x.md"], {}),
        (["catalog", "update", "--check"], {}),
        (["list"], {"USASHOES_NO_UPDATE_HINT": "1"}),
        (["list"], {"USASHOES_FEED_URL": ""}),  # no feed configured
        (["list"], {"USASHOES_CATALOG": str(SMALL)}),  # a catalog of the user's own
    ],
)
def test_the_hint_is_never_shown_here(hint_env: dict[str, str], argv: list[str], changes: dict[str, str]) -> None:
    assert hint.line(argv, {**hint_env, **changes}, LATER, now=1_000_000_000) is None


def test_no_hint_for_a_fresh_catalog(hint_env: dict[str, str]) -> None:
    assert hint.line(["list"], hint_env, date(2026, 12, 10), now=1_000_000_000) is None


def test_no_hint_when_it_could_not_be_remembered(hint_env: dict[str, str], tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    env = {**hint_env, "USASHOES_DATA_DIR": str(blocked / "data")}  # cannot be made: no nagging on every run
    assert hint.line(["list"], env, LATER, now=1_000_000_000) is None


def test_a_run_that_is_not_at_a_terminal_never_hints(hint_env: dict[str, str]) -> None:
    result = cli("list", env={**hint_env, "USASHOES_TODAY": "2027-06-01"})
    assert "catalog update" not in result.stderr


def test_two_concurrent_updates_the_second_is_refused_at_once(data_dir: Path, served: Feed) -> None:
    """While one update is fetching (and holds the lock), a second one is refused at once; the
    first then completes."""
    import threading

    started, release = threading.Event(), threading.Event()
    outcomes: list[object] = []

    def slow_fetch(url: str, limit: int) -> bytes:
        started.set()
        release.wait(10)
        return served.fetch(url, limit)

    first = threading.Thread(target=lambda: outcomes.append(updating.update(served.config, slow_fetch, data_dir)))
    first.start()
    try:
        assert started.wait(10)
        with pytest.raises(feed.FeedError, match="another catalog update is running"):
            updating.update(served.config, served.fetch, data_dir)
    finally:
        release.set()
        first.join(10)
    assert len(outcomes) == 1 and selection.choose().version == NEWER

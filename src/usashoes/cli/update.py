"""`catalog update` and `catalog publish`: a newer catalog without a new release, both sides."""

# No `from __future__ import annotations` here: typer would evaluate every command's string
# annotations on each run (7 ms measured).
import json
import sys
from typing import Annotated, Any

import typer

from ..errors import OutputClosed, UsageProblem

FEED_HELP = (
    "The feed: --url/--key for this run, else USASHOES_FEED_URL/USASHOES_FEED_KEY, else feed_url/feed_key "
    "in the config file (see 'usashoes config show'). None is built in."
)


def _write(text: str) -> None:
    from ..output.render import write_text

    if sys.stdout is None:
        raise OutputClosed()
    write_text(text, sys.stdout)


def _feed(url: str | None, key: str | None) -> Any:
    """The feed from --url/--key, else the environment and the config file; ConfigError if bad."""
    from .. import config
    from ..catalog.update import Feed

    settings = config.effective(flags={"feed_url": url, "feed_key": key})
    if url is not None:  # a flag is checked like a configured value
        settings["feed_url"] = config.Setting("feed_url", _checked(config, "feed_url", url, "--url"), "flag")
    if key is not None:
        settings["feed_key"] = config.Setting("feed_key", _checked(config, "feed_key", key, "--key"), "flag")
    found_url, found_key = settings["feed_url"].value, settings["feed_key"].value
    if found_url is None or found_key is None:
        missing = " and ".join(name for name, value in (("URL", found_url), ("key", found_key)) if value is None)
        where = config.config_path()
        raise config.ConfigError(
            "catalog update",
            f"no feed configured; set feed_url and feed_key in {where or 'the config file'}, "
            "or USASHOES_FEED_URL and USASHOES_FEED_KEY, or give --url and --key "
            f"(the {missing} missing); or install a catalog file with --from-file PATH",
        )
    return Feed(found_url, found_key)


def _checked(config: Any, name: str, value: str, flag: str) -> str:
    parse = config.KEYS[name][0]
    try:
        return str(parse(value))
    except ValueError as error:
        raise UsageProblem(f"{flag}: {error}") from None


def _say(outcome: Any) -> str:
    """The one-line answer."""
    after, before, available = outcome.after, outcome.before, outcome.available
    if outcome.action == "check":
        if outcome.newer_available:
            return (
                f"A newer catalog is available: {available.catalog_version} (published {available.published}, "
                f"{available.size_bytes:,} bytes); in use: {before.describe()}. Run 'usashoes catalog update'."
            )
        return f"No newer catalog: the feed has {available.catalog_version}; in use: {before.describe()}."
    if outcome.action == "rollback":
        return f"Rolled back: {before.describe()} -> {after.describe()}."
    if not outcome.changed and outcome.note == "already up to date":
        return f"The catalog is up to date: {after.describe()}."
    text = f"Installed catalog: {before.describe()} -> {after.describe()}, {outcome.models} models."
    return text + (f" Note: {outcome.note}." if outcome.note else "")


def catalog_update(
    check: Annotated[bool, typer.Option("--check", help="Only say whether the feed has a newer catalog.")] = False,
    from_file: Annotated[
        str | None,
        typer.Option(
            "--from-file",
            metavar="PATH",
            help="Install this local catalog file instead, through the same checks (no network, no feed needed).",
        ),
    ] = None,
    catalog_version: Annotated[
        str | None,
        typer.Option(
            "--catalog-version",
            metavar="VERSION",
            help="With --from-file: its version, like 2026.12.04 (default: today's date).",
        ),
    ] = None,
    rollback: Annotated[
        bool, typer.Option("--rollback", help="Put the previous catalog back (the bundled one if there was none).")
    ] = False,
    allow_downgrade: Annotated[
        bool, typer.Option("--allow-downgrade", help="Install a catalog older than the one in use.")
    ] = False,
    url: Annotated[
        str | None, typer.Option("--url", metavar="URL", help="The feed's index.json URL, for this run.")
    ] = None,
    key: Annotated[
        str | None, typer.Option("--key", metavar="KEY", help="The feed's minisign public key (RW...), for this run.")
    ] = None,
    timeout: Annotated[
        float,
        typer.Option("--timeout", metavar="SECONDS", min=0.1, max=600, help="Give up on a request silent this long."),
    ] = 20.0,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON document: what was done, before and after (see docs/catalog.md).")
    ] = False,
) -> None:
    """A newer catalog from a signed feed, without a new release: checked, then installed atomically.

    Every step is checked: https (file://, or http only to 127.0.0.1/[::1]), time and size limits,
    the minisign signature of index.json, the catalog's size and sha256, its schema version, and
    every 'catalog validate' check. Any failure leaves the catalog in use untouched (exit 69,
    or 5 for a catalog that fails validation). The previous catalog is kept for --rollback.
    Nothing is fetched unless you run this command. The feed: --url/--key, else
    USASHOES_FEED_URL/USASHOES_FEED_KEY, else feed_url/feed_key in the config file; none is
    built in. Downloaded catalogs live in $USASHOES_DATA_DIR, else $XDG_DATA_HOME/usashoes, else
    ~/.local/share/usashoes. Needs pip install 'usashoes[update]' (cryptography) for signatures.

    Examples:

      usashoes catalog update --check

      usashoes catalog update

      usashoes catalog update --from-file my-catalog.yaml

      usashoes catalog update --rollback
    """
    from pathlib import Path

    from ..catalog import update as updating

    if sum((check, from_file is not None, rollback)) > 1:
        raise UsageProblem("Give one of --check, --from-file or --rollback.")
    if from_file == "":
        raise UsageProblem("The --from-file path is empty; give a file name.")
    if catalog_version is not None and from_file is None:
        raise UsageProblem("--catalog-version goes with --from-file (a feed's index names its own version).")
    data_dir = updating.data_dir_or_fail()
    if rollback:
        outcome = updating.rollback(data_dir)
    elif from_file is not None:
        outcome = updating.install_file(Path(from_file), data_dir, catalog_version, allow_downgrade)
    else:
        feed = _feed(url, key)
        fetch = updating.urllib_fetcher(timeout=timeout)
        if check:
            outcome = updating.check(feed, fetch, data_dir)
        else:
            outcome = updating.update(feed, fetch, data_dir, allow_downgrade)
    if as_json:
        _write(json.dumps(outcome.as_json(), indent=2, ensure_ascii=True, allow_nan=False) + "\n")
    else:
        from ..output.human import message_line

        _write(message_line(_say(outcome)) + "\n")


def catalog_publish(
    catalog: Annotated[str, typer.Argument(metavar="CATALOG", help="The catalog file to publish.")],
    out: Annotated[
        str, typer.Option("--out", metavar="DIR", help="The feed directory to write (made if missing).")
    ] = "",
    catalog_version: Annotated[
        str | None,
        typer.Option(
            "--catalog-version", metavar="VERSION", help="Its version, like 2026.12.04 (default: today's date)."
        ),
    ] = None,
    min_client_version: Annotated[
        str | None,
        typer.Option(
            "--min-client-version",
            metavar="VERSION",
            help="The oldest usashoes that may install it (default: this one).",
        ),
    ] = None,
    sign_key: Annotated[
        str | None,
        typer.Option(
            "--sign-key",
            metavar="FILE",
            help="Sign index.json with this unencrypted minisign secret key (minisign -G -W); "
            "without it, sign it yourself: minisign -Sm DIR/index.json.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The index written, as JSON.")] = False,
) -> None:
    """Write a catalog feed: DIR/index.json and DIR/catalogs/VERSION.yaml, for 'catalog update'.

    The catalog must pass every 'catalog validate' check. index.json records its version,
    publication date, schema version, minimum client version, size and sha256; serve DIR over
    https and give users its index.json URL and your minisign public key.

    Examples:

      usashoes catalog publish catalog.yaml --out feed --catalog-version 2026.12.04

      minisign -Sm feed/index.json

      usashoes catalog publish catalog.yaml --out feed --sign-key ~/.minisign/usashoes.key
    """
    from ..catalog import publish

    if not out:
        raise UsageProblem("Give the feed directory to write with --out DIR.")
    if catalog == "":
        raise UsageProblem("The catalog path is empty; give a file name.")
    index = publish.publish(catalog, out, catalog_version, min_client_version, sign_key)
    if as_json:
        _write(json.dumps(index, indent=2, ensure_ascii=True) + "\n")
    else:
        from ..output.human import message_line

        signed = "signed" if sign_key else f"not signed yet: run minisign -Sm {out}/index.json"
        _write(
            message_line(
                f"Published catalog {index['catalog_version']} ({index['size_bytes']:,} bytes) to {out}: "
                f"index.json, {index['url']}; {signed}."
            )
            + "\n"
        )

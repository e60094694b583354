"""Preferences: defaults for size, width, origin, pager and colour, with where each came from.

Precedence, highest first: a command-line flag, an environment variable (USASHOES_SIZE, ...),
the config file ($USASHOES_CONFIG, else $XDG_CONFIG_HOME/usashoes/config.toml, else
~/.config/usashoes/config.toml), the built-in default. `setting(name)` is what the commands,
the pager and the colour code call; `usashoes config show` prints `effective()`.

The file is TOML (tomllib; tomli on Python 3.10), read once per run and only when a command
asks for a preference.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from .errors import ExitCode, UsashoesError, short

ENV_CONFIG = "USASHOES_CONFIG"  # a config file to use instead of the default one ("" : none)
MAX_BYTES = 64 * 1024  # a preferences file is a few lines; anything bigger is not one


class Setting(NamedTuple):
    name: str
    value: Any  # None: not set (the built-in behaviour applies)
    source: str  # "flag", "env USASHOES_SIZE", "config /path/config.toml:3" or "default"


class ConfigError(UsashoesError):
    """A bad config file or preference variable: located, naming the key and what is valid."""

    exit_code = ExitCode.CONFIG_INVALID

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")


def _size(value: str) -> str:
    from .sizes import parse_size_option

    parse_size_option(value)
    return value


def _width(value: str) -> str:
    from .needs import parse_width

    return parse_width(value)


ORIGINS = ("made-in-usa", "assembled-in-usa")


def _origin(value: str | list[str]) -> tuple[str, ...]:
    parts = [value] if isinstance(value, str) else list(value)
    words = [word.strip().lower() for part in parts for word in str(part).split(",") if word.strip()]
    for word in words:
        if word not in ORIGINS:
            raise ValueError(f"{short(word)!r} is not an origin to prefer; use {' and/or '.join(ORIGINS)}, in order")
    if not words:
        raise ValueError(f"no origin given; use {' and/or '.join(ORIGINS)}, in order")
    return tuple(dict.fromkeys(words))


COLORS = ("auto", "always", "never")


def _color(value: str) -> str:
    if value.strip().lower() not in COLORS:
        raise ValueError(f"{short(value)!r} is not a colour setting; use {', '.join(COLORS)}")
    return value.strip().lower()


def _pager(value: str) -> str:
    # A command line (`less -R`); empty or "cat" means no pager, as for $PAGER.
    if "\n" in value or "\0" in value:
        raise ValueError("a pager is one command line, without newlines or NUL characters")
    return value.strip()


def _feed_url(value: str) -> str:
    # The full rules (https; http only to the loopback address) are checked when an update runs.
    text = value.strip()
    if not re.fullmatch(r"(https|http|file)://\S+", text):
        raise ValueError(f"{short(value)!r} is not a feed URL; give the https:// URL of the feed's index.json")
    return text


def _feed_key(value: str) -> str:
    text = value.strip()
    if not re.fullmatch(r"RW[A-Za-z0-9+/]{54}", text):
        raise ValueError(f"{short(value)!r} is not a minisign public key; give its base64 line (56 characters, RW...)")
    return text


# name -> (parser, what is valid, environment variable); a parser raises ValueError.
KEYS: dict[str, tuple[Callable[[Any], Any], str, str]] = {
    "size": (_size, 'a US size: M9, W8, "men\'s 10.5", 9', "USASHOES_SIZE"),
    "width": (_width, "a width code: D, 2E, 4E, B, wide", "USASHOES_WIDTH"),
    "origin": (_origin, "made-in-usa and/or assembled-in-usa, in order of preference", "USASHOES_ORIGIN"),
    "pager": (_pager, "a pager command, e.g. 'less -FIRX'; '' or 'cat' for none", "USASHOES_PAGER"),
    "color": (_color, "auto, always or never", "USASHOES_COLOR"),
    # `catalog update`: where the signed catalog feed is and the key it is signed with; none built in.
    "feed_url": (_feed_url, "the https:// URL of a catalog feed's index.json", "USASHOES_FEED_URL"),
    "feed_key": (_feed_key, "the feed's minisign public key, its base64 line (RW...)", "USASHOES_FEED_KEY"),
}


def config_path(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where the config file is looked for (it need not exist); None when there is no such place."""
    env = os.environ if environ is None else environ
    if ENV_CONFIG in env:
        return Path(env[ENV_CONFIG]) if env[ENV_CONFIG] else None
    base = env.get("XDG_CONFIG_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is ignored
        if sys.platform == "win32" and os.path.isabs(env.get("APPDATA", "")):
            base = env["APPDATA"]
        else:
            try:
                home = env.get("HOME") or str(Path.home())
            except (RuntimeError, KeyError, OSError):  # no HOME and no passwd entry
                return None
            base = os.path.join(home, ".config")
            if not os.path.isabs(base):
                return None
    return Path(base) / "usashoes" / "config.toml"


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def read_file(path: Path) -> dict[str, Setting]:
    """The preferences in one config file (none if it does not exist); ConfigError if it is bad."""
    file = str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return {}
    except IsADirectoryError:
        raise ConfigError(file, "is a directory, not a config file") from None
    except OSError as error:
        raise ConfigError(file, f"cannot read: {error.strerror or error}") from None
    if len(data) > MAX_BYTES:
        raise ConfigError(file, f"is larger than {MAX_BYTES:,} bytes; a config file holds a few settings")
    # Imported only when there is a file: most runs have none and pay nothing for TOML.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found, no-redef, unused-ignore]

    try:
        text = data.decode("utf-8")
        table = tomllib.loads(text)
    except UnicodeDecodeError as error:
        raise ConfigError(file, f"is not UTF-8 text (byte {error.start})") from None
    except tomllib.TOMLDecodeError as error:
        # tomllib says "... (at line 3, column 7)": put the place first, as compilers do.
        message = str(error)
        found = re.search(r"\(at line (\d+), column (\d+)\)$", message)
        if found:
            message = message[: found.start()].rstrip()
            raise ConfigError(f"{file}:{found[1]}:{found[2]}", f"TOML syntax error: {message}") from None
        raise ConfigError(file, f"TOML syntax error: {message}") from None
    settings: dict[str, Setting] = {}
    for key, value in table.items():
        line = _line_of(text, key)
        where = f"{file}:{line}" if line else file
        if key not in KEYS:
            raise ConfigError(where, f"unknown key {short(key)!r}; known keys: {', '.join(KEYS)}")
        parse, valid, _env = KEYS[key]
        if key == "origin" and isinstance(value, list) and all(isinstance(each, str) for each in value):
            pass
        elif not isinstance(value, str):
            raise ConfigError(where, f"key {key!r} must be a string (quoted), not {type(value).__name__}; {valid}")
        try:
            settings[key] = Setting(key, parse(value), f"config {where}")
        except ValueError as error:
            raise ConfigError(where, f"key {key!r}: {error}") from None
    return settings


def _from_env(environ: Mapping[str, str]) -> dict[str, Setting]:
    settings = {}
    for key, (parse, _valid, variable) in KEYS.items():
        raw = environ.get(variable)
        if raw is None or (raw == "" and key != "pager"):  # an empty variable is unset (an empty pager: none)
            continue
        try:
            settings[key] = Setting(key, parse(raw), f"env {variable}")
        except ValueError as error:
            raise ConfigError(f"${variable}", str(error)) from None
    return settings


def effective(flags: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> dict[str, Setting]:
    """Every preference with its value and source: flags > environment > config file > default."""
    env = os.environ if environ is None else environ
    path = config_path(env)
    layers = [_from_env(env), read_file(path) if path is not None else {}]
    result = {}
    for key in KEYS:
        if flags is not None and flags.get(key) is not None:
            result[key] = Setting(key, flags[key], "flag")
            continue
        result[key] = next((layer[key] for layer in layers if key in layer), Setting(key, None, "default"))
    return result


def setting(name: str) -> Setting:
    """One preference from the environment and the config file (a flag, if any, wins over it
    at the caller): e.g. setting("pager").value is None (built-in), '' (none) or a command.
    Read afresh on every call (a few lines of TOML): nothing cached can go stale."""
    return effective()[name]

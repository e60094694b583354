"""One renderer: a result object in, table / lines / JSON / JSON Lines / CSV out.

Commands compute a result once and hand it here. Machine formats are written with
sys.stdout.write (never through Rich, which wraps long lines and breaks JSON), and the JSON
paths never import rich. Tables live in table.py, imported only when a table is drawn.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TextIO

from ..errors import OutputClosed, UsageProblem, WriteFailed
from ..records import RECORD_FIELDS
from . import human as fmt
from .data import csv_writer, fields_text, json_writer, jsonl_writer
from .lines import lines_text, lines_writer
from .results import FIELD_FORMATS, FORMATS, RECORD_FORMATS, DocFormat, Format

if TYPE_CHECKING:  # explain's modules hold ~1,800 lines of rules: only explain loads them
    pass


# --- choosing the format ---------------------------------------------------------------------
def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# -o PATH: the format its extension names (any case); other extensions keep the default, lines.
EXTENSION_FORMATS = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
}


def extension_format(path: str | None) -> str | None:
    """The format -o PATH's extension asks for, or None (stdout, or an extension that names none)."""
    if path is None or path == "-":
        return None
    return EXTENSION_FORMATS.get(os.path.splitext(path)[1].lower())


def choose(
    requested: Format | DocFormat | None,
    as_json: bool,
    stream: TextIO | None = None,
    to_file: bool = False,
    fields: bool = False,
    path: str | None = None,
) -> str:
    """--json or --format; else -o PATH's extension; else a table on a terminal and plain lines in a
    pipe, a file or with --fields. An explicit format that contradicts the extension is refused."""
    if as_json and requested is not None and requested.value != "json":
        raise UsageProblem(f"--json and --format {requested.value} disagree; give one of them.")
    given = "json" if as_json else None if requested is None else requested.value
    implied = extension_format(path)
    if given is not None and implied is not None and given != implied:
        option = "--json" if as_json else f"--format {given}"
        extension = os.path.splitext(path or "")[1]
        raise UsageProblem(
            f"{option} and -o {path} disagree ({extension} means {implied}); "
            "give one of them, or name the file for the format."
        )
    if given is not None:
        return given
    if implied is not None:
        return implied
    if to_file or fields or path not in (None, "-"):
        return "lines"
    return "table" if is_terminal(stream or sys.stdout) else "lines"


def field_names(result: Any, fields: str, chosen: str) -> tuple[str, ...]:
    """--fields a,b,c checked against the records of this result: a usage error names the valid ones."""
    if chosen not in FIELD_FORMATS:
        raise UsageProblem(f"--fields works with --format {', '.join(FIELD_FORMATS)}, not {chosen}.")
    if FORMATS.get(type(result).__name__) != RECORD_FORMATS:
        raise UsageProblem("--fields works with list, filter, search and show.")
    listing = result.listing  # a ShoeList or ShoeDetail: its formats are the records'
    valid = list(RECORD_FIELDS)
    valid += ["score"] if listing.scores is not None else []
    valid += ["alternative"] if listing.alternatives else []
    names = tuple(dict.fromkeys(name.strip() for name in fields.split(",") if name.strip()))
    unknown = [name for name in names if name not in valid]
    if unknown or not names:
        what = f"unknown field {fmt.short(unknown[0])!r}" if unknown else "no field named"
        raise UsageProblem(f"--fields: {what}; valid fields: {', '.join(valid)}.")
    return names


# --- emit ------------------------------------------------------------------------------------
def emit(
    result: object,
    chosen: str,
    out: TextIO | None = None,
    fields: tuple[str, ...] | None = None,
    path: str | None = None,
    pager: bool = False,
) -> None:
    """Render and write: to path (atomically) when given, else to out, through a pager if asked."""
    allowed = FORMATS.get(type(result).__name__, RECORD_FORMATS)
    if chosen not in allowed and extension_format(path) == chosen:
        raise UsageProblem(
            f"-o {path}: this command does not write {chosen}; use a file name for {', '.join(allowed)}, or --format."
        )
    if path is not None and path != "-":
        write_file(path, render(result, chosen, _FileStream(), fields))
        return
    out = out or sys.stdout
    if out is None:  # started with stdout closed (`usashoes list >&-`)
        raise OutputClosed()
    text = render(result, chosen, out, fields)
    if pager and should_page(chosen, is_terminal(out), text.count("\n"), _terminal_lines(), os.environ):
        from . import terminal

        choice = terminal.display()
        if choice.pager is not None:
            shown = terminal.strip_styles(text) if choice.strip_styles else text
            failed = terminal.run_pager(choice.pager, shown, getattr(out, "encoding", None) or "utf-8")
            if failed is None:
                return
            # PAGER=false or a pager that does not exist: the output is printed, never lost.
            _notice(f"{failed.message}; printed directly instead (set USASHOES_PAGER=cat to skip it).")
    write_text(text, out)


def _notice(message: str) -> None:
    """A line on stderr that must not fail the run: a closed stderr loses only the notice."""
    try:
        if sys.stderr is not None:
            write_text(f"usashoes: {fmt.message_line(message)}\n", sys.stderr)
    except (OutputClosed, WriteFailed):
        pass


class _FileStream(io.StringIO):
    """What render needs to know about a file it writes: UTF-8 and not a terminal."""

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"


ENV_NO_PAGER = "USASHOES_NO_PAGER"


TRUE_VALUES = ("1", "true", "yes", "on")


def should_page(
    chosen: str, terminal: bool, lines: int, height: int, environ: Mapping[str, str], no_pager: bool = False
) -> bool:
    """Tables longer than the terminal go through a pager, only on a terminal, unless turned off."""
    if no_pager or chosen != "table" or not terminal or height <= 0:
        return False
    if environ.get(ENV_NO_PAGER, "").strip().lower() in TRUE_VALUES:
        return False
    return lines > height


def _terminal_lines() -> int:
    import shutil

    return shutil.get_terminal_size().lines


def write_file(path: str, text: str) -> None:
    """All of text in path, or path left as it was.

    A regular file (or a symlink to one, which stays a link) is replaced atomically: a temporary
    file beside it, fsync, then rename over. Anything else (a device such as /dev/null, a FIFO,
    /dev/stdout, a shell's `>(...)`) is written through, never renamed over: as root, renaming
    turned /dev/null into a world-writable regular file. SIGTERM and SIGHUP end the run as SIGINT
    does, without leaving the temporary file behind.
    """
    data = text.encode("utf-8", "backslashreplace")
    with _signals_clean_up():
        try:
            status = os.stat(path)
        except FileNotFoundError:
            status = None
        except OSError as error:
            raise WriteFailed(error, path) from None
        if status is not None and stat.S_ISDIR(status.st_mode):
            raise WriteFailed(IsADirectoryError(errno.EISDIR, "Is a directory"), path)
        if (status is not None and not stat.S_ISREG(status.st_mode)) or _through_process_fds(path):
            _write_through(path, data)
        else:
            _replace(os.path.realpath(path), data, None if status is None else status.st_mode & 0o777, path)


def _replace(target: str, data: bytes, mode: int | None, path: str) -> None:
    import tempfile

    temporary = None
    try:
        fd, temporary = tempfile.mkstemp(prefix=".usashoes-", suffix=".tmp", dir=os.path.dirname(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise WriteFailed(error, path) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _write_through(path: str, data: bytes) -> None:
    """Into a device, FIFO or descriptor as it is: every write checked, no fsync (pipes refuse it).

    O_APPEND, because /dev/stdout of `>> log` must not overwrite the log; after `>` the file is
    empty and appending is writing.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise WriteFailed(error, path) from None
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            if not written:
                raise OSError(errno.ENOSPC, "no space left on the output")
            view = view[written:]
    except BrokenPipeError:  # the reader went away, as with `| head -1` on stdout
        raise OutputClosed() from None
    except OSError as error:
        raise WriteFailed(error, path) from None
    finally:
        try:
            os.close(fd)
        except OSError as error:
            raise WriteFailed(error, path) from None


def _through_process_fds(path: str) -> bool:
    """Whether path reaches a file through a process's descriptor (/dev/stdout, /dev/fd/N,
    /proc/self/fd/N): those links name an open file, and renaming over one would replace the
    link (or, after `> file`, swap the file the shell opened); they are written through."""
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on a chain of links
        current = os.path.join(os.path.realpath(os.path.dirname(current)), os.path.basename(current))
        if current.startswith("/proc/"):
            return True
        if not os.path.islink(current):
            return False
        current = os.path.join(os.path.dirname(current), os.readlink(current))
    return False


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (removing the temporary file), then die by that signal.

    A BaseException, so no `except Exception` on the way swallows it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_clean_up() -> Iterator[None]:
    import signal

    def handler(signum: int, frame: Any) -> None:
        raise _Terminated(signum)

    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:  # Windows has no SIGHUP
            continue
        try:
            if signal.getsignal(number) is signal.SIG_IGN:  # nohup: an ignored signal stays ignored
                continue
            previous[number] = signal.signal(number, handler)
        except ValueError:  # not the main thread: signals cannot be handled here
            break
    try:
        yield
    except _Terminated as terminated:
        for number, old in previous.items():
            signal.signal(number, old)
        signal.signal(terminated.signum, signal.SIG_DFL)
        # The shell and the parent see what they asked for: death by that signal (143 for TERM).
        os.kill(os.getpid(), terminated.signum)
        raise SystemExit(128 + terminated.signum) from None  # where kill does not end us at once
    finally:
        for number, old in previous.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(number, old)


_SLICE = 1 << 20  # characters encoded and written at a time


def write_text(text: str, out: TextIO) -> None:
    """All of text, or an error: never a silently truncated output.

    A buffered stream loses the rest of a short write (a full disk, `ulimit -f`) and the
    process still exits 0; writing to the descriptor in a loop sees every short write.
    """
    try:
        try:
            fd = out.fileno()
        except (AttributeError, OSError, ValueError):  # not a real file (tests): its own write
            out.write(text)
            out.flush()
            return
        out.flush()
        # Encoded a slice at a time: a 100k-model `list --json` is 210 MB of text, and encoding
        # it whole held a second copy (912 -> 700 MB peak). The incremental encoder writes a
        # byte-order mark (utf-16, utf-8-sig) once, not once per slice.
        encoder = codecs.getincrementalencoder(getattr(out, "encoding", None) or "utf-8")("backslashreplace")
        for start in range(0, len(text), _SLICE):
            data = memoryview(encoder.encode(text[start : start + _SLICE], start + _SLICE >= len(text)))
            while data:
                written = os.write(fd, data)
                if not written:
                    raise OSError(0, "no space left on the output")
                data = data[written:]
    except BrokenPipeError:  # the reader went away (`| head -1`)
        raise OutputClosed() from None
    except OSError as error:
        raise WriteFailed(error) from None


def _table(result: object, out: Any) -> str:
    from . import table  # the only rich importer: loaded only when a table is drawn

    return table.render(result, out)


def _markdown(result: object, out: Any) -> str:
    from .lines import utf_stream
    from .markdown import markdown

    text = markdown(result)
    # As tables and lines do: an ASCII-only stdout gets "-" for "—", not a "\u2014" escape.
    return text if utf_stream(out) else fmt.to_ascii(text)


# One writer per format: (result, stream) -> the whole output as text. A new format is a writer
# here and its name in results.Format; each writer dispatches on the result type by one table.
Writer = Callable[[object, Any], str]
WRITERS: dict[str, Writer] = {
    "json": json_writer,
    "jsonl": jsonl_writer,
    "csv": csv_writer,
    "lines": lines_writer,
    "table": _table,
    "markdown": _markdown,
}


def render(result: object, chosen: str, out: Any, fields: tuple[str, ...] | None = None) -> str:
    """The whole output as text; out only tells a terminal's width and encoding."""
    if fields:
        return fields_text(result, chosen, fields, out)
    return WRITERS[chosen](result, out)


def write_lines(lines: Iterable[str], out: TextIO) -> None:
    write_text(lines_text(lines, out), out)

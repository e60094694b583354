"""Exit codes and the errors the domain raises; the command line turns them into messages at one point."""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple

MAX_LISTED = 10  # candidates named in one message; a 100k catalog can tie thousands


def short(value: str, limit: int = 60) -> str:
    """Never echo a long value whole (a megabyte-long query or tag): a short prefix."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


class ExitCode(IntEnum):
    """Documented in the README ("Exit codes"); tests assert these names, never bare numbers."""

    OK = 0
    FAILURE = 1  # an unexpected failure: a bug, please report it
    USAGE = 2  # a bad option or argument
    NOT_FOUND = 3  # no model (or explain topic) matches the query
    AMBIGUOUS = 4  # the query matches several models equally well
    CATALOG_INVALID = 5  # the catalog is missing, unreadable or invalid
    UPDATE_FAILED = 69  # catalog update: the feed is unreachable or failed a check; sysexits' EX_UNAVAILABLE
    CONFIG_INVALID = 78  # the config file or a preference variable is invalid; sysexits' EX_CONFIG
    WRITE_FAILED = 74  # output could not be written (disk full, file size limit); sysexits' EX_IOERR
    INTERRUPTED = 130  # Ctrl-C


# What each code means, for `usashoes help exit-codes` and the man page (the README's table says the same).
EXIT_CODE_MEANINGS = {
    ExitCode.OK: "Success; an empty result is success too.",
    ExitCode.FAILURE: "An unexpected failure: a bug, please report it (USASHOES_DEBUG=1 shows the traceback).",
    ExitCode.USAGE: "A bad option or argument; the message names the valid values.",
    ExitCode.NOT_FOUND: "No model (or explain topic) matches; the message suggests close ones.",
    ExitCode.AMBIGUOUS: "The query matches several models equally; the message lists them.",
    ExitCode.CATALOG_INVALID: "The catalog is missing, unreadable or invalid; one line per problem, file:line:col.",
    ExitCode.UPDATE_FAILED: "catalog update/publish failed: the feed could not be reached, or what it served "
    "failed a check (signature, size, sha256, version); the catalog in use is unchanged.",
    ExitCode.WRITE_FAILED: "The output could not be written in full (disk full, ulimit -f, /dev/full).",
    ExitCode.CONFIG_INVALID: "The config file or a preference variable (USASHOES_SIZE ...) is invalid.",
    ExitCode.INTERRUPTED: "Interrupted (Ctrl-C).",
}


class UsashoesError(Exception):
    """An error a user can cause and fix; never shown as a traceback."""

    exit_code = ExitCode.FAILURE

    def lines(self) -> list[str]:
        return [str(self)]


class Problem(NamedTuple):
    """One thing wrong with a catalog, located as precisely as we can."""

    file: str
    message: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class CatalogError(UsashoesError):
    exit_code = ExitCode.CATALOG_INVALID

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(str(problems[0]) if problems else "invalid catalog")
        self.problems = tuple(problems)

    def lines(self) -> list[str]:
        return [str(problem) for problem in self.problems]


class ModelNotFound(UsashoesError):
    exit_code = ExitCode.NOT_FOUND

    def __init__(self, query: str, suggestions: tuple[str, ...] = (), reason: str = "") -> None:
        self.query = query
        self.suggestions = suggestions
        message = f"No model matches {short(query)!r}" + (f": {reason}." if reason else ".")
        if suggestions:
            message += " Did you mean: " + ", ".join(suggestions) + "?"
        else:
            message += " Try 'usashoes search' or 'usashoes list'."
        super().__init__(message)


class AmbiguousModel(UsashoesError):
    exit_code = ExitCode.AMBIGUOUS

    def __init__(self, query: str, candidates: tuple[str, ...], ask: str = "Name one of them.") -> None:
        self.query = query
        self.candidates = candidates
        shown = ", ".join(candidates[:MAX_LISTED]) + (
            f" and {len(candidates) - MAX_LISTED} more" if len(candidates) > MAX_LISTED else ""
        )
        super().__init__(f"{short(query)!r} matches {len(candidates)} models: {shown}. {ask}")


class SharedName(AmbiguousModel):
    """A bare name that, besides the catalog's model, usually means a shoe the catalog lacks."""

    def __init__(self, query: str, model: str, other: str, how_to_name: str) -> None:
        self.query = query
        self.candidates = (model, other)
        UsashoesError.__init__(
            self,
            f"{short(query)!r} may mean two shoes: {model}, or {other}. "
            f"Name the catalog's one by its id or as {how_to_name!r}.",
        )


class OutputClosed(UsashoesError):
    """Stdout went away (| head -1, or started closed): nothing more to say, quietly."""

    exit_code = ExitCode.OK

    def lines(self) -> list[str]:
        return []


class WriteFailed(UsashoesError):
    """Output could not be written in full: a full disk or a file size limit is not a bug."""

    exit_code = ExitCode.WRITE_FAILED

    def __init__(self, error: OSError, path: str | None = None) -> None:
        where = f"{path}: " if path else ""
        super().__init__(f"Cannot write the output: {where}{error.strerror or error}.")


class Interrupted(UsashoesError):
    exit_code = ExitCode.INTERRUPTED

    def __init__(self) -> None:
        super().__init__("Interrupted.")


class UsageProblem(UsashoesError):
    """A usage error found after parsing (e.g. the same model twice in compare)."""

    exit_code = ExitCode.USAGE

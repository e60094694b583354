"""--help as a page that fits a screen, `usashoes help COMMAND` in full, and the man page.

Typer's Rich help drew every option in a box: `list --help` was 99 lines at 80 columns, choice
lists broke mid-word ("assembled-in-u" / "sa") and internal type names leaked ("<str>",
"<int range> [x>=1]"). Here each option is one entry whose first sentence is its help (the
full text is in `usashoes help COMMAND` and the man page), choices are spelled out as words
and wrapped only between words, and metavars are our own names. Plain text: no Rich import.
"""

from __future__ import annotations

import os
import re
import textwrap
from collections.abc import Iterator
from typing import Any

from ..errors import EXIT_CODE_MEANINGS

DEFAULT_PANEL = "Options"
MIN_WIDTH, MAX_WIDTH = 40, 100  # narrower cannot hold two columns; wider is hard to read
MIN_TEXT = 30  # the narrowest help column beside the names
OPTION_COLUMN = 26  # the widest option column before the help moves to its own line
HELP_TOPICS = ("exit-codes", "man")
MAX_EXAMPLES = 3  # in --help; `usashoes help COMMAND` shows every one


def width() -> int:
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        import shutil

        columns = shutil.get_terminal_size((80, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, columns))


def wrap(text: str, columns: int, indent: str = "", first: str | None = None) -> list[str]:
    """Lines of at most `columns` characters, broken only between words (never inside a word
    such as 'assembled-in-usa'; a word longer than the line stands alone)."""
    return textwrap.wrap(
        text,
        width=columns,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text.strip(), flags=re.DOTALL)
    return " ".join((match.group(1) if match else text).split())


def command_lines(example: str, columns: int) -> list[str]:
    """An example command line, continued with ' \\' where it is wider than the screen, so it
    still pastes as one command."""
    import shlex

    tokens = shlex.split(example, posix=False)  # posix=False keeps the quotes: "brooks ghost" stays one
    words: list[str] = []
    for token in tokens:  # an option and its value stay together
        if words and words[-1].startswith("-") and " " not in words[-1] and not token.startswith("-"):
            words[-1] += " " + token
        else:
            words.append(token)
    lines, current = [], "  " + words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) + 2 > columns:
            lines.append(current + " \\")
            current = "      " + word
        else:
            current += " " + word
    return [*lines, current]


# --- what a command says about itself ------------------------------------------------------
def paragraphs(help_text: str | None) -> tuple[list[str], list[str]]:
    """(description paragraphs, example command lines) from a command's help text, whose
    examples follow an "Examples:" paragraph as indented lines."""
    description: list[str] = []
    examples: list[str] = []
    in_examples = False
    for block in re.split(r"\n\s*\n", (help_text or "").strip("\n")):
        if block.strip() == "Examples:":
            in_examples = True
            continue
        lines = block.splitlines()
        if in_examples and lines and all(line.startswith("  ") for line in lines):
            examples.extend(line.strip() for line in lines)
            continue
        in_examples = False
        description.append(" ".join(block.split()))
    return description, examples


def option_names(param: Any) -> str:
    names = ", ".join([*param.opts, *param.secondary_opts])
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return names
    return f"{names} {metavar(param)}"


def metavar(param: Any) -> str:
    """Our own name for the value, never the type's ('<str>', '<int range>')."""
    if param.metavar:
        return str(param.metavar)
    long_names = [name for name in param.opts if name.startswith("--")]
    return (long_names[0][2:] if long_names else param.name or "value").upper()


def choices(param: Any) -> list[str]:
    return [str(getattr(choice, "value", choice)) for choice in getattr(param.type, "choices", None) or ()]


def option_help(param: Any, full: bool) -> str:
    text = " ".join((param.help or "").split())
    if not full:  # the gist: the first sentence, up to its first ';', without "(also $VAR=1)"
        text = re.sub(r" \(also [^)]*\)", "", first_sentence(text).split("; ")[0])
        text = text if not text or text.endswith((".", "!", "?")) else text + "."
    values = choices(param)
    if values and not all(value in text for value in values):
        text = f"{text} One of: {', '.join(values)}.".strip()
    return text


def panels(command: Any) -> Iterator[tuple[str, list[Any]]]:
    """Visible parameters by help panel, in the order the command declares them."""
    grouped: dict[str, list[Any]] = {}
    for param in command.params:
        if getattr(param, "hidden", False):
            continue
        is_argument = not param.opts or not param.opts[0].startswith("-")
        panel = "Arguments" if is_argument else (getattr(param, "rich_help_panel", None) or DEFAULT_PANEL)
        grouped.setdefault(panel, []).append(param)
    if "Arguments" in grouped:
        yield "Arguments", grouped.pop("Arguments")
    yield from grouped.items()


def entries(rows: list[tuple[str, str]], columns: int, name_width: int | None = None) -> list[str]:
    """A two-column list: the name, then its text wrapped beside it (or under it when the name is long)."""
    lines: list[str] = []
    if name_width is None:
        name_width = min(OPTION_COLUMN, max((len(name) for name, _ in rows), default=0))
    if columns - (name_width + 4) < MIN_TEXT:  # too narrow for two columns: each text under its name
        name_width, text_indent = 0, " " * 6
    else:
        text_indent = " " * (2 + name_width + 2)
    for name, text in rows:
        if name_width and len(name) <= name_width:
            lines.extend(wrap(text, columns, text_indent, first=f"  {name.ljust(name_width)}  "))
        else:
            lines.append(f"  {name}")
            if text:
                lines.extend(wrap(text, columns, text_indent))
    return lines


# --- the pages ---------------------------------------------------------------------------------
def page(command: Any, ctx: Any, full: bool = False) -> str:
    """The help of one command or group; `full` keeps every sentence (help COMMAND, man page)."""
    columns = width()
    lines = wrap(" ".join(command.collect_usage_pieces(ctx)), columns, " " * 7, first=f"Usage: {ctx.command_path} ")
    description, examples = paragraphs(command.help)
    for text in description:
        lines += ["", *wrap(text, columns)]
    subcommands = _subcommands(command, ctx)
    if subcommands:
        lines += ["", "Commands:", *entries(subcommands, columns)]
    sections = [(panel, [(option_names(p), option_help(p, full)) for p in params]) for panel, params in panels(command)]
    # One name column for the whole page, so the panels line up.
    name_width = min(OPTION_COLUMN, max((len(name) for _, rows in sections for name, _ in rows), default=0))
    for panel, rows in sections:
        lines += ["", f"{panel}:", *entries(rows, columns, name_width)]
    if examples:
        shown = examples if full else examples[:MAX_EXAMPLES]
        lines += ["", "Examples:", *(line for example in shown for line in command_lines(example, columns))]
    if command.epilog and full:
        lines += ["", *wrap(" ".join(command.epilog.split()), columns)]
    if not full:
        more = f"usashoes help {ctx.command_path.partition(' ')[2]}".rstrip()
        lines += [
            "",
            *wrap(
                f"-h, --help: this page. More: '{more}' (every option and example"
                f"{', the environment' if command.epilog else ''}), 'usashoes help exit-codes'.",
                columns,
            ),
        ]
    return "\n".join(lines)


def _subcommands(command: Any, ctx: Any) -> list[tuple[str, str]]:
    if not hasattr(command, "list_commands"):
        return []
    rows = []
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        if sub is not None and not sub.hidden:
            rows.append((name, first_sentence(paragraphs(sub.help)[0][0]) if sub.help else ""))
    return rows


def exit_codes() -> str:
    columns = width()
    rows = [(f"{int(code):>3}  {code.name}", meaning) for code, meaning in EXIT_CODE_MEANINGS.items()]
    return "\n".join(["Exit codes:", *entries(rows, columns)])


def find(root: Any, ctx: Any, words: list[str]) -> tuple[Any, Any]:
    """The command `words` names (['catalog', 'info']) and a context for it, or (None, None)."""
    command, context = root, ctx
    for word in words:
        sub = command.get_command(context, word) if hasattr(command, "get_command") else None
        if sub is None:
            return None, None
        context = type(ctx)(sub, info_name=word, parent=context)
        command = sub
    return command, context


def man_page(root: Any, ctx: Any, version: str) -> str:
    """The whole CLI as a roff man page (section 1): every command with every option in full."""
    out = [
        f'.TH USASHOES 1 "" "usashoes {version}" "User Commands"',
        ".SH NAME",
        "usashoes \\- " + _roff(first_sentence(paragraphs(root.help)[0][0]).rstrip(".")),
        ".SH SYNOPSIS",
        ".B usashoes",
        "[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR]",
        ".SH DESCRIPTION",
    ]
    out += [f".PP\n{_roff(text)}" for text in paragraphs(root.help)[0]]
    out += [".SH GLOBAL OPTIONS", *_man_options(root)]
    for path, command in _walk(root, ctx, []):
        description, examples = paragraphs(command.help)
        out += [f".SH {_roff(' '.join(['usashoes', *path]).upper())}", *(f".PP\n{_roff(t)}" for t in description)]
        out += _man_options(command)
        if examples:
            out += [".PP\nExamples:", ".PP", ".nf", *(f"  {_roff(e)}" for e in examples), ".fi"]
    out += [".SH EXIT STATUS"]
    for code, meaning in EXIT_CODE_MEANINGS.items():
        out += [f".TP\n.B {int(code)} ({code.name})", _roff(meaning)]
    if root.epilog:
        out += [".SH ENVIRONMENT", f".PP\n{_roff(' '.join(root.epilog.split()))}"]
    return "\n".join(out) + "\n"


def _walk(command: Any, ctx: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        if sub is None or sub.hidden:
            continue
        if hasattr(sub, "list_commands"):
            yield from _walk(sub, type(ctx)(sub, info_name=name, parent=ctx), [*path, name])
        else:
            yield [*path, name], sub


def _man_options(command: Any) -> list[str]:
    lines = []
    for _panel, params in panels(command):
        for param in params:
            lines += [f".TP\n.B {_roff(option_names(param))}", _roff(option_help(param, full=True))]
    return lines


def _roff(text: str) -> str:
    """Text safe in a roff line: backslashes and hyphens escaped, no line starting with a control dot."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text.startswith((".", "'")) else text

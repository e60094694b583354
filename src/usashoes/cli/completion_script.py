"""`usashoes completion bash|zsh|fish`: a completion script, printed, never installed.

The script knows the command tree (commands, options, which options take a value, choice
values) as static lists generated from the app itself, so those TABs never start Python. Only
what depends on the catalog (models, brands, topics) asks the CLI, through typer's completion
protocol (complete.py, and fastcomplete.py for the common bash TAB). Options that take a file
fall back to the shell's own file-name completion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Option values that name a file: the shell completes file names for them.
_FILE_METAVARS = {"PATH", "FILE", "DIR"}
_FILE_TYPES = {"path", "filename", "file"}


@dataclass
class Node:
    """One command (path "" is the program itself) and what its words complete to."""

    path: str
    commands: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # options that take no value
    choices: dict[str, list[str]] = field(default_factory=dict)  # option -> its values
    dynamic: list[str] = field(default_factory=list)  # options the CLI completes (catalog data)
    files: list[str] = field(default_factory=list)  # options that take a file name
    free: list[str] = field(default_factory=list)  # options with a value nothing can complete
    dynamic_arguments: bool = False
    argument_choices: list[str] = field(default_factory=list)  # e.g. `completion SHELL`

    @property
    def options(self) -> list[str]:
        return [*self.flags, *self.choices, *self.dynamic, *self.files, *self.free]

    @property
    def valued(self) -> list[str]:
        return [*self.choices, *self.dynamic, *self.files, *self.free]


def tree(command: Any) -> list[Node]:
    """Every command of the click command tree, parents first."""
    nodes: list[Node] = []
    _walk(command, "", command.context_class(command, info_name="usashoes"), nodes)
    return nodes


def _is_file(param: Any) -> bool:
    return (param.metavar or "").upper() in _FILE_METAVARS or getattr(param.type, "name", "") in _FILE_TYPES


def _walk(command: Any, path: str, ctx: Any, nodes: list[Node]) -> None:
    node = Node(path)
    nodes.append(node)
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        dynamic = getattr(param, "_custom_shell_complete", None) is not None
        if param.param_type_name == "argument":
            node.dynamic_arguments = node.dynamic_arguments or dynamic
            node.argument_choices += [str(choice) for choice in getattr(param.type, "choices", None) or ()]
            continue
        names = [*param.opts, *param.secondary_opts]
        if param.is_flag or param.count:
            node.flags += names
        elif dynamic:
            node.dynamic += names
        elif getattr(param.type, "choices", None):
            for name in names:
                node.choices[name] = [str(choice) for choice in param.type.choices]
        elif _is_file(param):
            node.files += names
        else:
            node.free += names
    for name, sub in sorted(getattr(command, "commands", {}).items(), key=lambda item: item[0]):
        if getattr(sub, "hidden", False):
            continue
        node.commands.append(name)
        _walk(sub, f"{path} {name}".strip(), sub.context_class(sub, info_name=name, parent=ctx), nodes)


def _patterns(items: list[str]) -> str:
    return "|".join(f'"{item}"' for item in items)


def _walk_cases(nodes: list[Node], indent: str, skip: str, descend: str) -> list[str]:
    """Shell `case` arms (bash and zsh share the syntax) that follow the typed words down the tree."""
    lines = []
    valued = [f"{node.path}:{option}" for node in nodes for option in node.valued]
    if valued:
        lines += [f"{indent}{_patterns(valued)}) {skip} ;;"]
    children = [f"{node.path}:{name}" for node in nodes for name in node.commands]
    if children:
        lines += [f"{indent}{_patterns(children)}) {descend} ;;"]
    return lines


def bash(nodes: list[Node]) -> str:
    value_cases = []
    for node in nodes:
        for option, values in node.choices.items():
            value_cases.append(f'        "{node.path}:{option}") words="{" ".join(values)}" ;;')
    files = [f"{node.path}:{o}" for node in nodes for o in node.files]
    dynamic = [f"{node.path}:{o}" for node in nodes for o in node.dynamic]
    free = [f"{node.path}:{o}" for node in nodes for o in node.free]
    if files or free:
        value_cases.append(f"        {_patterns(files + free)}) return 0 ;;  # file names (-o default), or nothing")
    if dynamic:
        value_cases.append(f'        {_patterns(dynamic)}) _usashoes_ask "$1"; return 0 ;;')
    option_cases = [f'            "{node.path}") words="{" ".join(node.options)}" ;;' for node in nodes]
    word_cases = [
        f'            "{node.path}") words="{" ".join(node.commands or node.argument_choices)}" ;;'
        for node in nodes
        if node.commands or node.argument_choices
    ]
    asking = [node.path for node in nodes if node.dynamic_arguments and not node.commands]
    if asking:
        word_cases.append(f'            {_patterns(asking)}) _usashoes_ask "$1"; return 0 ;;')
    walk = _walk_cases(nodes, "            ", "skip=1", 'cmdpath="${cmdpath:+$cmdpath }$word"')
    return "\n".join(
        [
            "# bash completion for usashoes (printed by `usashoes completion bash`).",
            "# Commands, options and choices are answered here; models, brands and topics by usashoes.",
            "# Install: usashoes completion bash > ~/.local/share/bash-completion/completions/usashoes",
            "",
            "_usashoes_ask() {",
            "    local line",
            "    COMPREPLY=()",
            "    while IFS= read -r line; do",
            '        [[ -n $line ]] && COMPREPLY+=("$line")',
            '    done < <(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD="$COMP_CWORD" \\',
            '        _USASHOES_COMPLETE=complete_bash "$1" 2>/dev/null)',
            "}",
            "",
            "_usashoes_completion() {",
            '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="" cmdpath="" skip=0 i word words="" nocase=0',
            "    COMPREPLY=()",
            '    ((COMP_CWORD > 0)) && prev="${COMP_WORDS[COMP_CWORD-1]}"',
            "    for ((i = 1; i < COMP_CWORD; i++)); do",
            '        word="${COMP_WORDS[i]}"',
            "        if ((skip)); then skip=0; continue; fi",
            '        case "$cmdpath:$word" in',
            *walk,
            "        esac",
            "    done",
            "    if ((!skip)); then prev=''; fi",
            '    case "$cmdpath:$prev" in',
            *value_cases,
            "    esac",
            "    if [[ -z $prev ]]; then",
            "        if [[ $cur == -* ]]; then",
            '            case "$cmdpath" in',
            *option_cases,
            "            esac",
            "        else",
            '            case "$cmdpath" in',
            *word_cases,
            "            esac",
            "        fi",
            "    fi",
            "    shopt -q nocasematch && nocase=1",
            "    shopt -s nocasematch  # prefixes ignore case",
            "    for word in $words; do",
            '        [[ $word == "$cur"* ]] && COMPREPLY+=("$word")',
            "    done",
            "    ((nocase)) || shopt -u nocasematch",
            "    return 0",
            "}",
            "",
            "complete -o default -F _usashoes_completion usashoes",
            "",
        ]
    )


def zsh(nodes: list[Node]) -> str:
    value_cases = []
    for node in nodes:
        for option, values in node.choices.items():
            value_cases.append(f'    "{node.path}:{option}") candidates=({" ".join(values)}) ;;')
    files = [f"{node.path}:{o}" for node in nodes for o in node.files]
    dynamic = [f"{node.path}:{o}" for node in nodes for o in node.dynamic]
    free = [f"{node.path}:{o}" for node in nodes for o in node.free]
    if files:
        value_cases.append(f"    {_patterns(files)}) _files; return ;;")
    if free:
        value_cases.append(f"    {_patterns(free)}) return 1 ;;")
    if dynamic:
        value_cases.append(f"    {_patterns(dynamic)}) _usashoes_ask; return ;;")
    option_cases = [f'      "{node.path}") candidates=({" ".join(node.options)}) ;;' for node in nodes]
    word_cases = [
        f'      "{node.path}") candidates=({" ".join(node.commands or node.argument_choices)}) ;;'
        for node in nodes
        if node.commands or node.argument_choices
    ]
    asking = [node.path for node in nodes if node.dynamic_arguments and not node.commands]
    if asking:
        word_cases.append(f"      {_patterns(asking)}) _usashoes_ask; return ;;")
    walk = _walk_cases(nodes, "      ", "skip=1", 'cmdpath="${cmdpath:+$cmdpath }$word"')
    return "\n".join(
        [
            "#compdef usashoes",
            "# zsh completion for usashoes (printed by `usashoes completion zsh`).",
            "# Commands, options and choices are answered here; models, brands and topics by usashoes.",
            "# Install: usashoes completion zsh > ~/.zfunc/_usashoes  (with fpath+=~/.zfunc before compinit)",
            "",
            "_usashoes_ask() {",
            '  eval "$(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" _USASHOES_COMPLETE=complete_zsh \\',
            '    "${words[1]}" 2>/dev/null)"',
            "}",
            "",
            "_usashoes() {",
            '  local cur="${words[CURRENT]}" prev="" cmdpath="" skip=0 i word',
            "  local -a candidates  # not `words`: zsh's own array of the command line",
            "  for ((i = 2; i < CURRENT; i++)); do",
            '    word="${words[i]}"',
            "    if ((skip)); then skip=0; continue; fi",
            '    case "$cmdpath:$word" in',
            *walk,
            "    esac",
            "  done",
            '  ((skip)) && prev="${words[CURRENT-1]}"',
            '  case "$cmdpath:$prev" in',
            *value_cases,
            "  esac",
            "  if [[ -z $prev ]]; then",
            "    if [[ $cur == -* ]]; then",
            '      case "$cmdpath" in',
            *option_cases,
            "      esac",
            "    else",
            '      case "$cmdpath" in',
            *word_cases,
            "      esac",
            "    fi",
            "  fi",
            "  compadd -M 'm:{a-zA-Z}={A-Za-z}' -a candidates  # prefixes ignore case",
            "}",
            "",
            'if [[ "$funcstack[1]" == _usashoes ]]; then _usashoes "$@"; else compdef _usashoes usashoes; fi',
            "",
        ]
    )


def fish(nodes: list[Node]) -> str:
    walk = []
    valued = [f"{node.path}:{option}" for node in nodes for option in node.valued]
    if valued:
        walk += [f"            case {' '.join(repr(item) for item in valued)}", "                set skip 1"]
    children = [f"{node.path}:{name}" for node in nodes for name in node.commands]
    if children:
        walk += [
            f"            case {' '.join(repr(item) for item in children)}",
            '                set cmdpath (string trim -- "$cmdpath $word")',
        ]
    lines = [
        "# fish completion for usashoes (printed by `usashoes completion fish`).",
        "# Commands, options and choices are answered here; models, brands and topics by usashoes.",
        "# Install: usashoes completion fish > ~/.config/fish/completions/usashoes.fish",
        "",
        "function __usashoes_path",
        "    set -l cmdpath ''",
        "    set -l skip 0",
        "    set -l typed (commandline -opc)",
        "    set -e typed[1]",
        "    for word in $typed",
        "        if test $skip = 1",
        "            set skip 0",
        "            continue",
        "        end",
        '        switch "$cmdpath:$word"',
        *walk,
        "        end",
        "    end",
        '    echo "$cmdpath"',
        "end",
        "",
        "function __usashoes_at  # whether the words typed so far lead to command $argv[1]",
        "    set -l here (__usashoes_path)",
        '    test "$here" = "$argv[1]"',
        "end",
        "",
        "function __usashoes_ask",
        "    env _USASHOES_COMPLETE=complete_fish _TYPER_COMPLETE_FISH_ACTION=get-args \\",
        "        _TYPER_COMPLETE_ARGS=(commandline -cp) usashoes 2>/dev/null",
        "end",
        "",
        "complete -c usashoes -f",
    ]
    for node in nodes:
        when = f"-n '__usashoes_at \"{node.path}\"'"
        if node.commands or node.argument_choices:
            lines.append(f"complete -c usashoes {when} -a '{' '.join(node.commands or node.argument_choices)}'")
        elif node.dynamic_arguments:
            lines.append(f"complete -c usashoes {when} -a '(__usashoes_ask)'")
        groups = [
            (node.flags, ""),
            *((([option], f"-x -a '{' '.join(values)}'") for option, values in node.choices.items())),
            (node.dynamic, "-x -a '(__usashoes_ask)'"),
            (node.files, "-r -F"),
            (node.free, "-x"),
        ]
        for options, what in groups:
            for option in options:
                name = f"-l {option[2:]}" if option.startswith("--") else f"-s {option[1:]}"
                lines.append(f"complete -c usashoes {when} {name} {what}".rstrip())
    return "\n".join([*lines, ""])


SHELLS = {"bash": bash, "zsh": zsh, "fish": fish}


def script(command: Any, shell: str) -> str:
    return SHELLS[shell](tree(command))

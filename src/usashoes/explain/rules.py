"""Origin-labelling knowledge base: the registry of rules, and finding one by topic.

Pure domain module: stdlib and usashoes.models only, no I/O, no typer, no rich.
Every number here comes from a public source; each rule carries the URLs it rests on.
This is general information, not legal advice.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

from ..errors import ExitCode, UsashoesError, short
from ..models import Vocabulary

__all__ = [
    "Rule",
    "RuleKind",
    "Source",
    "UnknownTopic",
    "find_rule",
    "normalise_topic",
    "suggest_topics",
    "topic_names",
]

# --------------------------------------------------------------------------- data model


class RuleKind(Vocabulary):
    """What sort of authority a rule has; a company policy is not law."""

    LAW = "law"
    REGULATION = "regulation"
    GUIDANCE = "guidance"
    COMPANY_POLICY = "company-policy"
    PROCUREMENT = "procurement"
    CASE_LAW = "case-law"
    GUIDE = "guide"  # not a rule: a buyer's check, or facts gathered from sources (no legal force)


@dataclass(frozen=True, slots=True)
class Source:
    url: str
    what: str


@dataclass(frozen=True, slots=True)
class Rule:
    """One labelling rule or scheme, told in the project's own words, with its sources."""

    id: str
    title: str
    label: str  # the label or scheme as a buyer meets it
    jurisdiction: str
    set_by: str
    kind: RuleKind
    threshold: str  # always text: rules without a number say "no fixed %" explicitly
    summary: str
    details: tuple[str, ...]
    citations: tuple[str, ...]
    sources: tuple[Source, ...]
    aliases: tuple[str, ...] = ()


class UnknownTopic(UsashoesError, LookupError):
    """No rule matches a topic (or a prefix matches several); carries close topic ids."""

    exit_code = ExitCode.NOT_FOUND

    def __init__(self, topic: str, suggestions: tuple[str, ...] = ()) -> None:
        # Both go into args so the exception survives pickling and repr().
        super().__init__(topic, tuple(suggestions))
        self.topic = topic
        self.suggestions: tuple[str, ...] = tuple(suggestions)

    def __str__(self) -> str:
        message = f"No explain topic matches {short(self.topic)!r}."  # a pasted page is echoed as a prefix
        if self.suggestions and set(self.suggestions) == set(topic_names()):
            message += " Topics: " + ", ".join(self.suggestions) + "."
        elif self.suggestions:
            message += " Did you mean: " + ", ".join(self.suggestions) + "?"
        return message


# --------------------------------------------------------------------------- the registry

# The rules are knowledge, not code: rules.json (shipped in the package) holds them in reading
# order: the US consumer standard first, then what buyers trip over (NB, California, Customs),
# then procurement, then other countries for comparison. Only explain needs them, so they are
# read on first use (under 1 ms), never at import. JSON, not YAML: importing the YAML parser
# alone costs about 33 ms, and a warm `explain` otherwise never needs it.


@functools.cache
def _registry() -> tuple[tuple[Rule, ...], Mapping[str, Rule], dict[str, str]]:
    text = resources.files(__package__).joinpath("rules.json").read_text(encoding="utf-8")
    rules = tuple(_rule(entry) for entry in json.loads(text)["rules"])
    index: dict[str, str] = {}
    for rule in rules:
        for name in (rule.id, *rule.aliases):
            index.setdefault(_compact(normalise_topic(name)), rule.id)
    return rules, MappingProxyType({rule.id: rule for rule in rules}), index


def _rule(entry: dict[str, Any]) -> Rule:
    return Rule(
        **{name: entry[name] for name in ("id", "title", "label", "jurisdiction", "set_by", "threshold", "summary")},
        kind=RuleKind(entry["kind"]),
        details=tuple(entry["details"]),
        citations=tuple(entry.get("citations", ())),
        sources=tuple(Source(source["url"], source["what"]) for source in entry["sources"]),
        aliases=tuple(entry.get("aliases", ())),
    )


def __getattr__(name: str) -> Any:
    """RULES, RULES_BY_ID and TOPICS, loaded from rules.json on first use (so not in __all__)."""
    if name == "RULES":
        return _registry()[0]
    if name == "RULES_BY_ID":
        return _registry()[1]
    if name == "TOPICS":
        return tuple(rule.id for rule in _registry()[0])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def topic_names() -> list[str]:
    """The canonical topic ids, in reading order."""
    return [rule.id for rule in _registry()[0]]


# --------------------------------------------------------------------------- topic lookup

_DROPPED = re.compile(r"[.'’§%]")  # "U.S.C." -> "usc", "§17533.7" -> "175337", "70%" -> "70"
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NOISE_PREFIX = re.compile(r"^(?:explain|topic|rule)-")


def normalise_topic(text: str) -> str:
    """Fold a topic as typed ("§ 17533.7", "NB 70", "Berry_Amendment") to a kebab key."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    folded = _DROPPED.sub("", folded.lower())
    return _NON_ALNUM.sub("-", folded).strip("-")


def _compact(key: str) -> str:
    # "nb70", "berryamendment": people drop the separators too.
    return key.replace("-", "")


def suggest_topics(topic: str, limit: int = 5) -> tuple[str, ...]:
    """Topic ids that look like `topic` (difflib), or every id when nothing is close."""
    index = _registry()[2]  # compact key -> rule id
    key = _compact(normalise_topic(topic))
    close = difflib.get_close_matches(key, list(index), n=limit * 3, cutoff=0.6)
    ids = tuple(dict.fromkeys(index[name] for name in close))[:limit]
    return ids or tuple(topic_names())


def find_rule(topic: str) -> Rule:
    """Resolve a typed topic to a rule: exact id or alias first, then a unique prefix.

    Raises UnknownTopic (with suggestions) when nothing matches or a prefix is ambiguous.
    """
    _rules, by_id, index = _registry()
    key = normalise_topic(topic)
    candidates = [key]
    stripped = _NOISE_PREFIX.sub("", key)
    if stripped != key:
        candidates.append(stripped)  # "explain california" as typed from the command line
    for candidate in candidates:
        compact = _compact(candidate)
        if not compact:
            continue
        if compact in index:
            return by_id[index[compact]]
        hits = tuple(dict.fromkeys(rid for name, rid in index.items() if name.startswith(compact)))
        if len(hits) == 1:
            return by_id[hits[0]]
        if len(hits) > 1:
            raise UnknownTopic(topic, hits)
    raise UnknownTopic(topic, suggest_topics(topic))

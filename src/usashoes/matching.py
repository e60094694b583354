"""Find shoes by what people call them: one matcher for search, suggestions and resolving.

Ranking, in order of precedence:
1. exact hits on id, name+version, alias or style code (spacing, case and a brand prefix
   such as "nb" or "New Balance" ignored) score 100;
2. model numbers and versions in the query must match whole tokens of the shoe's names, so
   "992" never ranks the 993 and "1540" never the 1340 (plain fuzzy scores put them within a
   few points of each other);
3. the remaining words are scored with rapidfuzz WRatio against brand, name and aliases,
   which tolerates a typo or two; descriptive fields count at a lower weight.

Resolving one model (show, compare, recommend --like, explain --model) adds, from
resolving.json: words that describe shoes in general ("shoe", "running", "usa", "the") never
resolve a model, so they are ignored and a query of nothing else is not found; a bare name that
running pages use for another shoe asks which one is meant; and a New Balance box code that is
not on file ("M990GL6") resolves by its digits, version included, when its letters are ones the
catalog's codes use.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple

from . import brands
from .errors import AmbiguousModel, ModelNotFound, SharedName, UsageProblem, short
from .models import Shoe
from .names import compact, own_keys

MIN_SCORE = 75.0  # below this a fuzzy hit is noise
CONFIDENT = 85.0  # a single hit at least this good resolves a model
MARGIN = 5.0  # confident hits this close to the best are a tie: ask which one
# Description, midsole, features, place: they find a shoe but rank below any name match,
# and (capped at 80) never resolve a model on their own.
DESCRIPTIVE_WEIGHT = 0.80
CANDIDATE_FLOOR = 60.0  # WRatio pre-filter; word-level typo scoring then refines these
WORD_MATCH_CAP = 95.0  # a whole-word match is good, but below an exact id/alias/style-code hit
SUGGESTION_FLOOR = 60.0
BRAND_ONLY = 80.0  # a query that is only a brand ("nb"): every model of it, never resolving one
# A model is named in a few words; the work of a query grows with its tokens, so a pasted
# page must not cost minutes and gigabytes. Both limits are far above any real name.
MAX_QUERY_CHARS = 200
MAX_QUERY_TOKENS = 16

_TOKEN = re.compile(r"v\d+|\d+|[^\W\d_]+")
_VERSION = re.compile(r"^v\d+$")
# Words are split where people separate them ("zqxv-not-a-shoe" is four words); a dot stays
# inside a word so that "U.S.A." is one.
_WORD_BREAK = re.compile(r"[\s\-_/,;:+&()]+")
# A box/style code: letters (M, U, MR, CM...), the model number, colour letters, maybe a version
# digit: 'M990GL6' is a grey 990v6, 'U993GL' a 993. Colour codes have two or three letters: '993x' is a typo.
_BOX_CODE = re.compile(r"([a-z]{0,3})(\d{3,4})([a-z]{2,3})(\d{0,2})")


@cache
def _resolving() -> dict[str, Any]:
    """resolving.json, read on the first resolve that needs it: JSON, and beside this file, so
    neither the YAML parser nor importlib.resources (~12 ms) joins show's path."""
    data: dict[str, Any] = json.loads(Path(__file__).with_name("resolving.json").read_text("utf-8"))
    return data


def generic_words() -> frozenset[str]:
    """Words that describe shoes in general, compacted: they never name a model."""
    return frozenset(compact(word) for word in _resolving()["generic_words"])


def tokens(text: str) -> list[str]:
    """'NB 990 V5' -> ['nb', '990', 'v5']; a lone 'v' before a number joins it."""
    found = _TOKEN.findall(text.casefold())
    joined: list[str] = []
    for token in found:
        if joined and joined[-1] == "v" and token.isdecimal():
            joined[-1] = "v" + token
        else:
            joined.append(token)
    return joined


def _numbers(text: str) -> list[int]:
    return [int(number) for number in re.findall(r"\d+", text)[:4] if len(number) < 10]


class _Lines:
    """Many lines as one text, to find which lines match a regex at C speed."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.text = "\n".join(lines)
        self.starts = [0, *(match.end() for match in re.finditer("\n", self.text))]

    def matching(self, pattern: str) -> set[int]:
        """Indexes of the lines where pattern matches (patterns never span a newline)."""
        return {bisect_right(self.starts, match.start()) - 1 for match in re.finditer(pattern, self.text)}


def _brand_keys(brand: str) -> set[str]:
    """'New Balance' -> {'newbalance', 'nb'}; 'adidas' -> {'adidas'}."""
    words = brand.split()
    keys = {compact(brand)}
    if len(words) > 1:
        keys.add("".join(word[0] for word in words).casefold())
    return keys | brands.abbreviations_of(brand)


def _shoe_brand_keys(shoe: Shoe) -> set[str]:
    return _brand_keys(shoe.brand) | {compact(shoe.id.partition("-")[0])}


def check_query(query: str) -> None:
    """UsageProblem for a query too long to be a model's name (echoing only its start)."""
    if len(query) > MAX_QUERY_CHARS:
        raise UsageProblem(
            f"The query is {len(query):,} characters long; the limit is {MAX_QUERY_CHARS}: {short(query, 40)!r}."
        )
    if len(set(tokens(query))) > MAX_QUERY_TOKENS:
        raise UsageProblem(
            f"The query has {len(set(tokens(query)))} different words and numbers; the limit is "
            f"{MAX_QUERY_TOKENS}: {short(query, 40)!r}."
        )


class Hit(NamedTuple):
    shoe: Shoe
    score: float  # 0-100, 100 = exact


def label(shoe: Shoe) -> str:
    """How a candidate is named in messages: id and the name people know."""
    return f"{shoe.id} ({shoe.display_name})"


class Matcher:
    """Built once per catalog; the per-shoe strings are made lazily, once.

    rapidfuzz is imported only when a query needs fuzzy scoring (~24 ms of startup):
    show and compare usually resolve on an exact id, alias or style code.
    """

    def __init__(self, shoes: Sequence[Shoe]) -> None:
        self.shoes = tuple(shoes)

    # --- lazily built search material ---------------------------------------------------
    @cached_property
    def _names(self) -> list[str]:
        """One lowercase line of every name a shoe goes by, for substring pre-filters."""
        # One line per shoe: a newline inside catalog text must not split a shoe in two.
        # Name and version side by side cover the model ("990 v5"); compact keys ignore the space.
        lines = "\n".join(
            " ".join((shoe.id, shoe.brand, shoe.name, shoe.version or "", *shoe.aliases, *shoe.style_codes)).replace(
                "\n", " "
            )
            for shoe in self.shoes
        )
        return lines.casefold().split("\n")

    @cached_property
    def _names_text(self) -> _Lines:
        return _Lines(self._names)

    def _lines_containing(self, key: str) -> set[int]:
        """Shoes whose names contain key once punctuation and spaces are ignored.

        A regex over the whole text (C speed) instead of compacting 100k lines one by one,
        which took 0.55 s: '990v5' matches '990 v5', '990-V5' and 'nb990v5'.
        """
        return self._names_text.matching("(?:[^\\w\\n]|_)*".join(re.escape(char) for char in key))

    @cached_property
    def _brand_prefixes(self) -> tuple[str, ...]:
        """Prefixes people put before a model: 'newbalance', 'nb', 'adidas', longest first."""
        brands = {(shoe.brand, shoe.id.partition("-")[0]) for shoe in self.shoes}
        prefixes = set().union(*(_brand_keys(brand) | {compact(head)} for brand, head in brands))
        return tuple(sorted((p for p in prefixes if p), key=len, reverse=True))

    @cached_property
    def _primary(self) -> tuple[list[str], list[list[int]]]:
        """Distinct short strings scored with WRatio, and the shoes each belongs to."""
        owners: dict[str, list[int]] = {}
        for index, shoe in enumerate(self.shoes):
            for choice in (shoe.display_name, *shoe.aliases, *shoe.style_codes):
                owners.setdefault(choice, []).append(index)
        return list(owners), list(owners.values())

    @cached_property
    def _descriptive(self) -> _Lines:
        return _Lines(
            " ".join((shoe.description or "", shoe.midsole or "", shoe.made_in or "", shoe.label or "", *shoe.features))
            .replace("\n", " ")
            .casefold()
            for shoe in self.shoes
        )

    @cached_property
    def _by_id(self) -> dict[str, int]:
        return {shoe.id: index for index, shoe in enumerate(self.shoes)}

    def _brand_indices(self, key: str) -> list[int]:
        """Shoes whose brand key (full, initials or id prefix) is key: 'nb' -> every New Balance."""
        if key not in self._brand_prefixes:
            return []
        keys_of: dict[tuple[str, str], set[str]] = {}
        found = []
        for index, shoe in enumerate(self.shoes):
            pair = (shoe.brand, shoe.id.partition("-")[0])
            if pair not in keys_of:
                keys_of[pair] = _shoe_brand_keys(shoe)
            if key in keys_of[pair]:
                found.append(index)
        return found

    # --- exact ---------------------------------------------------------------------------
    def _query_keys(self, query: str) -> list[tuple[str, str | None]]:
        """The compact query, and the query minus a brand prefix (with that prefix)."""
        key = compact(query)
        keys: list[tuple[str, str | None]] = [(key, None)] if key else []
        for prefix in self._brand_prefixes:
            if key.startswith(prefix) and len(key) > len(prefix):
                keys.append((key[len(prefix) :], prefix))
        return keys

    @staticmethod
    def _shoe_keys(shoe: Shoe) -> set[str]:
        keys = own_keys(shoe)
        keys.update(compact(alias) for alias in shoe.aliases)
        keys.update(compact(code) for code in shoe.style_codes)
        return keys

    def _exact_indices(self, query: str) -> list[int]:
        keys = self._query_keys(query)
        candidates = set().union(*(self._lines_containing(key) for key, _prefix in keys)) if keys else set()
        found = []
        for index in sorted(candidates):  # the exact test only for shoes that contain a key
            shoe = self.shoes[index]
            shoe_keys = self._shoe_keys(shoe)
            # "nb 990v5" is the 990v5 *of New Balance*: a stripped prefix must be the shoe's brand.
            if any(key in shoe_keys and (prefix is None or prefix in _shoe_brand_keys(shoe)) for key, prefix in keys):
                found.append(index)
        return found

    def exact(self, query: str) -> list[Shoe]:
        return [self.shoes[index] for index in self._exact_indices(query)]

    # --- fuzzy ---------------------------------------------------------------------------
    def search(self, query: str, strict_numbers: bool = True, floor: float = MIN_SCORE) -> list[Hit]:
        """Hits scoring at least floor, best first; exact hits first of all, an exact id before them."""
        check_query(query)
        scores: dict[int, float] = {}
        query_tokens = list(dict.fromkeys(tokens(query)))  # a repeated token adds nothing but work
        numbers = [t for t in query_tokens if t.isdecimal() or _VERSION.match(t)]
        words = " ".join(t for t in query_tokens if t not in numbers)
        if not numbers and floor <= BRAND_ONLY:
            for index in self._brand_indices(compact(query)):
                scores[index] = BRAND_ONLY
        if numbers and strict_numbers:
            self._score_numbered(numbers, words, scores)
        elif query_tokens:
            self._score_words(" ".join(query_tokens), scores, floor)
        for index in self._exact_indices(query):
            scores[index] = 100.0
        as_id = query.strip().casefold()
        by_id = self._by_id.get(as_id)
        if by_id is not None:
            scores[by_id] = 100.0
        hits = [Hit(self.shoes[i], round(score, 1)) for i, score in scores.items() if score >= floor]
        hits.sort(key=lambda hit: (-hit.score, hit.shoe.id != as_id, hit.shoe.id))
        return hits

    def _score_numbered(self, numbers: list[str], words: str, scores: dict[int, float]) -> None:
        # Substring search first (C speed, over all names at once), whole tokens only for the
        # survivors; the longest (rarest) number first, and stop as soon as nothing is left.
        candidates: set[int] | None = None
        for number in sorted(numbers, key=len, reverse=True):
            found = self._names_text.matching(re.escape(number))
            candidates = found if candidates is None else candidates & found
            if not candidates:
                return
        assert candidates is not None
        for index in sorted(candidates):
            shoe = self.shoes[index]
            shoe_tokens = set()
            for name in (shoe.name, shoe.version or "", shoe.model, *shoe.aliases):
                shoe_tokens.update(tokens(name))
            if not all(number in shoe_tokens for number in numbers):
                continue
            if not words:
                scores[index] = 100.0
                continue
            # Numbers agree; the words (brand, name) decide how good the hit is.
            from rapidfuzz import fuzz, utils

            word_score = max(
                fuzz.WRatio(words, choice, processor=utils.default_process)
                for choice in (shoe.display_name, shoe.brand, *shoe.aliases)
            )
            scores[index] = 50.0 + word_score / 2

    def _score_words(self, query: str, scores: dict[int, float], floor: float) -> None:
        from rapidfuzz import fuzz, process, utils

        choices, owners = self._primary
        for _choice, score, position in process.extract(
            query,
            choices,
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            limit=None,
            score_cutoff=min(floor, CANDIDATE_FLOOR),
        ):
            for owner in owners[position]:
                scores[owner] = max(scores.get(owner, 0.0), score)
        # WRatio dilutes a one-letter typo in a long name ("iguanna" vs "Carson Footwear
        # Iguana Racer": 77); comparing word against word finds it (92). Only the
        # candidates that WRatio left short of a clear match need this.
        query_words = query.split()
        for owner, score in scores.items():
            if score < CONFIDENT:
                scores[owner] = max(score, self._word_score(query_words, self.shoes[owner]))
        self._score_descriptive(query_words, scores, floor)

    def _score_descriptive(self, query_words: list[str], scores: dict[int, float], floor: float) -> None:
        """Whole query words found in description, midsole, features or place, at lower weight.

        Substring search runs at C speed over all descriptions at once; fuzzy scoring of the
        same text took 0.4 s on 100k models, and typo tolerance matters less for these fields.
        """
        found: dict[int, int] = {}
        for word in {word for word in query_words if len(word) >= 3}:
            for index in self._descriptive.matching(re.escape(word)):
                found[index] = found.get(index, 0) + 1
        for index, count in found.items():
            score = 100.0 * count / len(query_words) * DESCRIPTIVE_WEIGHT
            if score >= floor:
                scores[index] = max(scores.get(index, 0.0), score)

    @staticmethod
    def _word_score(query_words: list[str], shoe: Shoe) -> float:
        """Mean over query words of the best fuzz.ratio against the shoe's name words."""
        from rapidfuzz import fuzz, utils

        words = set(utils.default_process(" ".join((shoe.brand, shoe.name, shoe.version or "", *shoe.aliases))).split())
        if not query_words or not words:
            return 0.0
        best = [max(fuzz.ratio(word, candidate) for candidate in words) for word in query_words]
        return min(sum(best) / len(best), WORD_MATCH_CAP)

    # --- resolving -----------------------------------------------------------------------
    def suggestions(self, query: str, count: int = 3) -> tuple[str, ...]:
        """Closest first: edit distance on the model token ('990v7' is one edit from '990v6'),
        then how far the model numbers are apart (v6 before v1), then the fuzzy search's order."""
        close = self._closest_tokens(query)
        hits = self.search(query, strict_numbers=False, floor=SUGGESTION_FLOOR)
        order = [*close, *(i for i in (self._by_id[hit.shoe.id] for hit in hits) if i not in set(close))]
        return tuple(label(self.shoes[index]) for index in order[:count])

    def _closest_tokens(self, query: str) -> list[int]:
        from rapidfuzz.distance import Levenshtein

        key = compact(query)
        if not key:
            return []
        limit = max(1, min(3, len(key) // 3))
        wanted = _numbers(key)
        ranked = []
        for index, shoe in enumerate(self.shoes):
            token = compact(shoe.name + (shoe.version or ""))
            distance = min(
                Levenshtein.distance(key, token, score_cutoff=limit + 1),
                Levenshtein.distance(key, compact(shoe.brand) + token, score_cutoff=limit + 1),
            )
            if distance <= limit:
                apart = sum(abs(a - b) for a, b in zip(wanted, _numbers(token), strict=False))
                ranked.append((distance, apart, shoe.display_name.casefold(), index))
        return [index for *_, index in sorted(ranked)]

    # --- resolving: the words that count -------------------------------------------------
    @cached_property
    def _own_phrases(self) -> tuple[tuple[str, ...], ...]:
        """Brand and model names of several words with a generic one, compacted word by word:
        in a query, such a phrase is the name, not a description ('Trail Runner', 'New Balance')."""
        generic = generic_words()
        phrases = {
            tuple(compact(word) for word in _WORD_BREAK.split(name) if word)
            for shoe in self.shoes
            for name in (shoe.brand, shoe.name)
        }
        return tuple(phrase for phrase in phrases if len(phrase) > 1 and generic.intersection(phrase))

    def distinguishing(self, query: str) -> str:
        """query without the words that describe shoes in general: 'the 993 shoe' -> '993'.

        A brand's or model's own words stay ('New Balance 990', 'Victory Trail Runner')."""
        words = [word for word in _WORD_BREAK.split(query) if word]
        keys = [compact(word) for word in words]
        kept = {index for index, key in enumerate(keys) if key and key not in generic_words()}
        for phrase in self._own_phrases:
            for start in range(len(keys) - len(phrase) + 1):
                if tuple(keys[start : start + len(phrase)]) == phrase:
                    kept.update(range(start, start + len(phrase)))
        return " ".join(words[index] for index in sorted(kept))

    def _check_shared_name(self, query: str) -> None:
        """SharedName when query is only a bare name (brand allowed) that also means another shoe."""
        keys = self._query_keys(query)
        for entry in _resolving()["shared_names"]:
            index = self._by_id.get(entry["model"])
            if index is None:  # a catalog without that model: the name is not shared here
                continue
            shoe = self.shoes[index]
            name = compact(entry["name"])
            if any(key == name and (prefix is None or prefix in _shoe_brand_keys(shoe)) for key, prefix in keys):
                if any(other is not shoe for other in self.exact(query)):
                    return  # the other shoe is in this catalog: the usual "matches N models" lists both
                raise SharedName(query, f"{label(shoe)}, {entry['this']}", entry["other"], entry["how_to_name"])

    @cached_property
    def _box_code_prefixes(self) -> dict[str, set[str]]:
        """Per brand, the letters its style codes on file start with ('' for '990GL6')."""
        prefixes: dict[str, set[str]] = {}
        for shoe in self.shoes:
            for code in shoe.style_codes:
                match = _BOX_CODE.fullmatch(compact(code))
                if match:
                    prefixes.setdefault(shoe.brand, set()).add(match.group(1))
        return prefixes

    def _box_code(self, query: str) -> Shoe | None:
        """The model a box code names by its digits (version included), or None if it is no box code.

        Only for brands with box codes on file, and resolving only on letters those codes use:
        other letters can mark a version made elsewhere (the catalog's CM996 look-alike)."""
        key = compact(query)
        match = _BOX_CODE.fullmatch(key)
        if not match or match.group(3) == "v":  # '990v5' is a model and version, not a code
            return None
        letters, number, _colour, digits = match.groups()
        candidates = [
            shoe for shoe in self.shoes if shoe.brand in self._box_code_prefixes and number in tokens(shoe.name)
        ]
        if not candidates:
            return None
        by_version = sorted(candidates, key=lambda shoe: (_numbers(shoe.version or ""), shoe.id))
        if digits and any(shoe.version for shoe in candidates):
            wanted = [shoe for shoe in candidates if (shoe.version or "").casefold() == f"v{int(digits)}"]
            if not wanted:
                raise ModelNotFound(
                    query,
                    tuple(label(shoe) for shoe in by_version[::-1][:3]),
                    reason=f"its digits name a {number}v{int(digits)}, which is not on file",
                )
            candidates = wanted
        if any(letters not in self._box_code_prefixes[shoe.brand] for shoe in candidates):
            raise ModelNotFound(
                query,
                tuple(label(shoe) for shoe in candidates[:3]),
                reason=f"it is no style code on file, and codes on file never start {letters.upper()!r}; "
                "other letters can mean a version made elsewhere, so check the tongue and box label",
            )
        if len(candidates) == 1:
            return candidates[0]
        raise AmbiguousModel(query, tuple(label(shoe) for shoe in by_version))

    def resolve(self, query: str) -> Shoe:
        """The one shoe query names; AmbiguousModel or ModelNotFound otherwise.

        An exact id always wins: another model's alias, or a sibling with the same brand,
        name and version ('saucony-400v2-2'), must not make an id unusable. Exact names are
        tried on the query as typed ('Speed Shoe' is a model), everything else on its
        distinguishing words.
        """
        check_query(query)
        by_id = self._by_id.get(query.strip().casefold())
        if by_id is not None:
            return self.shoes[by_id]
        self._check_shared_name(query)
        found = self._exact_one(query)
        if found is not None:
            return found
        words = self.distinguishing(query)
        if not words:
            raise ModelNotFound(
                query,
                self.suggestions(query),
                reason="its words describe shoes in general, not one model; add a model name or number",
            )
        if words != query.strip():
            by_id = self._by_id.get(words.casefold())
            if by_id is not None:
                return self.shoes[by_id]
            self._check_shared_name(words)
            found = self._exact_one(words)
            if found is not None:
                return found
        found = self._box_code(words)
        if found is not None:
            return found
        hits = self.search(words)
        if not hits or hits[0].score < CONFIDENT:
            raise ModelNotFound(query, self.suggestions(words))
        close = [hit for hit in hits if hit.score >= max(hits[0].score - MARGIN, CONFIDENT)]
        if len(close) == 1:
            return close[0].shoe
        raise AmbiguousModel(query, tuple(label(hit.shoe) for hit in close))

    def _exact_one(self, query: str) -> Shoe | None:
        exact = self.exact(query)
        if len(exact) > 1:
            raise AmbiguousModel(query, tuple(label(shoe) for shoe in sorted(exact, key=lambda s: s.id)))
        return exact[0] if exact else None

"""Reading a label: which kind of origin claim a wording makes, and what it promises.

Pure domain module (no I/O, no typer, no rich); the rules it cites live in rules.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..models import Vocabulary


class LabelClass(Vocabulary):
    UNQUALIFIED_US_ORIGIN = "unqualified-us-origin"
    QUALIFIED_US_ORIGIN = "qualified-us-origin"
    US_ASSEMBLY = "us-assembly"
    FOREIGN_ORIGIN = "foreign-origin"
    NOT_AN_ORIGIN_CLAIM = "not-an-origin-claim"


@dataclass(frozen=True, slots=True)
class LabelReading:
    """What a label wording promises under the rules, and what it leaves open."""

    text: str
    label_class: LabelClass
    guarantees: tuple[str, ...]
    does_not_guarantee: tuple[str, ...]
    rule_ids: tuple[str, ...]


_US_STATES = (
    "alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|"
    "hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|"
    "massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|"
    "new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|"
    "oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|"
    "vermont|virginia|washington|west virginia|wisconsin|wyoming|dc|"
    # Territories count as the United States for the FTC.
    "puerto rico|guam|us virgin islands|american samoa|northern mariana islands"
)
_US_POSTAL = (
    "al|ak|az|ar|ca|co|ct|de|fl|ga|hi|id|il|in|ia|ks|ky|la|me|md|ma|mi|mn|ms|mo|mt|ne|nv|nh|nj|"
    "nm|ny|nc|nd|oh|ok|or|pa|ri|sc|sd|tn|tx|ut|vt|va|wa|wv|wi|wy|dc|pr"
)
# Towns that US shoe labels and this catalog name. An unknown place reads as foreign, so a US
# town missing here would be misread; the reading then says the place was not recognised.
_US_TOWNS = (
    "skowhegan|norridgewock|lawrence|methuen|boston|milwaukie|portland|atlanta|san antonio|"
    "big rapids|los angeles|chicago"
)
_US_NAME = r"usa|us|united states|the states|(?<!south )(?<!central )(?<!latin )(?<!north )america"
_US_PLACE = re.compile(rf"\b(?:{_US_NAME}|{_US_STATES}|{_US_TOWNS})\b")
_US_PLACE_START = re.compile(rf"(?:{_US_NAME}|{_US_STATES}|{_US_TOWNS})\b")
_US_REGION = re.compile(rf"(?:{_US_STATES})\b|(?:{_US_POSTAL})$")

_FOREIGN_NAMES = (
    "china|prc|hong kong|macau|taiwan|vietnam|viet nam|indonesia|india|cambodia|bangladesh|"
    "myanmar|pakistan|sri lanka|thailand|south korea|korea|japan|philippines|malaysia|laos|"
    "mexico|dominican republic|el salvador|honduras|guatemala|nicaragua|haiti|colombia|peru|"
    "brazil|argentina|chile|canada|germany|italy|portugal|spain|france|england|scotland|"
    "wales|uk|united kingdom|great britain|britain|ireland|romania|bosnia|albania|poland|"
    "turkey|turkiye|morocco|tunisia|egypt|ethiopia|kenya|bulgaria|serbia|slovakia|"
    "czech republic|czechia|hungary|austria|switzerland|netherlands|belgium|denmark|sweden|"
    "norway|finland|greece|ukraine|russia|australia|new zealand|south africa|eu|europe|"
    "european union|asia|south america|central america|latin america|north america|the americas"
)
_FOREIGN_PLACE = re.compile(rf"\b(?:{_FOREIGN_NAMES})\b")
_FOREIGN_PLACE_START = re.compile(rf"(?:{_FOREIGN_NAMES})\b")
_NATIONALITIES = re.compile(
    r"\b(?:chinese|vietnamese|indonesian|indian|taiwanese|korean|japanese|thai|mexican|"
    r"brazilian|canadian|german|italian|portuguese|spanish|french|british|english|irish|"
    r"european|asian|turkish)\b"
)

_MADE_VERBS = (
    r"hand\s?made|hand\s?crafted|hand\s?built|hand\s?sewn|made|manufactured|built|produced|"
    r"crafted|constructed|fabricated"
)
_ASSEMBLY_VERBS = r"hand\s?assembled|assembled"
# A claim about one step ("Sewn in USA") speaks for that step only, like a qualified claim.
_PROCESS_VERBS = r"sewn|stitched|lasted|finished|cut\s+and\s+sewn"
_VERBS = f"{_MADE_VERBS}|{_ASSEMBLY_VERBS}|{_PROCESS_VERBS}"
_IS_ASSEMBLY_VERB = re.compile(rf"^(?:{_ASSEMBLY_VERBS})$")
_IS_PROCESS_VERB = re.compile(rf"^(?:{_PROCESS_VERBS})$")

# "<verb> [and <verb>] [up to four words] in <place>", e.g. "proudly made in the USA",
# "made to order by hand in Milwaukie, Oregon", "made and assembled in USA".
_IN_CLAIM = re.compile(
    rf"\b(?P<neg>not\s+)?(?P<verb>{_VERBS})(?:\s+and\s+(?P<verb2>{_VERBS}))?"
    rf"(?P<filler>(?:[\s,]+(?!in\b)[a-z0-9%]+){{0,4}}?)[\s,]+in\s+"
)
_OF_CLAIM = re.compile(r"\b(?:product\s+of|country\s+of\s+origin|origin)\s+")
_ADJECTIVE_CLAIM = re.compile(rf"\b(?:usa|us|america|american|united states)\s+(?P<verb>{_VERBS})\b")
_PLACE_STOP = re.compile(
    rf"\||\b(?:with|of|from|using|by|for|but|since|and|to|at|where|{_VERBS}|designed|engineered)\b"
)
_BARE_US = re.compile(r"(?:the\s+)?(?:usa|us|united states|america)")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent\b)")
_PERCENT_US_CONTENT = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|percent\b)\s*(?:usa|us|american|domestic|united states)\s+"
    r"(?:content|parts|materials|value|made)\b"
)
_QUALIFIER_WORDS = re.compile(
    r"\b(?:imported|import|imports|foreign|globally|global|worldwide|internationally|"
    r"international|overseas|non domestic|nondomestic|domestic and|us and|usa and|"
    r"american and)\b"
)
_NEGATED_QUALIFIER = re.compile(r"\b(?:not|no|non|never|zero|without)\s+(?:imported|import|imports|foreign)\b")
_IMPORTED = re.compile(r"\bimported\b")


def _fold_label(text: str) -> str:
    """Lower-case, strip accents, and spell US abbreviations one way; "|" marks a break."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    t = t.replace("'", "").replace("`", "")
    t = re.sub(r"\bu\s*\.\s*s\s*\.\s*a\b\.?", "usa", t)
    t = re.sub(r"\bu\s*\.\s*s\b\.?", "us", t)
    t = re.sub(r"\bd\s*\.\s*c\b\.?", "dc", t)
    t = re.sub(r"\bu\s+s\s+a\b", "usa", t)
    t = t.replace("united states of america", "usa").replace("district of columbia", "dc")
    t = re.sub(r"(?<=\d)\.(?=\d)", "<dot>", t)  # keep decimals through the sentence split
    t = re.sub(r"--+|[.;!?()\[\]{}|*\u2013\u2014\"]", " | ", t)
    t = t.replace("<dot>", ".").replace("&", " and ")
    t = re.sub(r"[-_/:+]", " ", t)
    t = re.sub(r"[^a-z0-9%.,| ]", " ", t)
    t = re.sub(r"\s*,\s*", ", ", t)
    return re.sub(r"\s+", " ", t).strip()


@dataclass(frozen=True, slots=True)
class _Claim:
    assembly: bool
    process: bool
    place: str
    place_kind: str  # "us", "foreign" or "unknown"
    scope: str  # words around the claim that may qualify it


def _place_of(rest: str) -> tuple[str, str]:
    """Split the words after "in" into the place and whatever follows it."""
    stop = _PLACE_STOP.search(rest)
    cut = stop.start() if stop else len(rest)
    words = rest[:cut].split()
    # A place is a few words and never a figure: "USA 70% domestic value" names "USA".
    size = next((i for i, w in enumerate(words) if re.search(r"[0-9%]", w)), len(words))
    place_words, spill = words[: min(size, 6)], words[min(size, 6) :]
    place = re.sub(r"^the\s+", "", " ".join(place_words)).strip(" ,")
    return place, " ".join(spill) + " " + rest[cut:]


def _place_kind(place: str) -> str:
    parts = [part.strip() for part in place.split(",")]
    first = re.sub(r"^the\s+", "", parts[0])
    if len(parts) > 1 and _US_REGION.match(parts[1]):
        return "us"  # "Norway, Maine", "Lawrence, MA": a town, then a US state
    if _FOREIGN_PLACE_START.match(first):
        return "foreign"
    if _US_PLACE_START.match(first):
        return "us"
    head = " ".join(first.split()[:4])
    if _US_PLACE.search(head) and not _FOREIGN_PLACE.search(head):
        return "us"  # "the good old USA", "Skowhegan Maine"
    return "foreign" if _FOREIGN_PLACE.search(head) else "unknown"


def _find_claims(folded: str) -> list[_Claim]:
    # start, end, negated, assembly, process, filler
    found: list[tuple[int, int, bool, bool, bool, str]] = []
    for match in _IN_CLAIM.finditer(folded):
        verbs = [v for v in (match["verb"], match["verb2"]) if v]
        # The strongest verb decides: "made and assembled in USA" is a made-claim, and
        # "designed and assembled in USA" an assembly claim.
        process = all(_IS_PROCESS_VERB.match(v) for v in verbs)
        assembly = not process and all(_IS_ASSEMBLY_VERB.match(v) or _IS_PROCESS_VERB.match(v) for v in verbs)
        found.append((match.start(), match.end(), bool(match["neg"]), assembly, process, match["filler"]))
    for match in _OF_CLAIM.finditer(folded):
        if not any(start <= match.start() < end for start, end, *_ in found):
            found.append((match.start(), match.end(), False, False, False, ""))
    found.sort()
    claims: list[_Claim] = []
    for i, (_start, end, negated, assembly, process, filler) in enumerate(found):
        rest = folded[end : found[i + 1][0] if i + 1 < len(found) else len(folded)]
        place, after = _place_of(rest)
        if negated or not place:
            continue  # "not made in China" promises nothing about where it was made
        claims.append(_Claim(assembly, process, place, _place_kind(place), f"{filler} {after}"))
    return claims


def _is_qualified(scope: str) -> bool:
    scope = _NEGATED_QUALIFIER.sub(" ", scope)
    if _QUALIFIER_WORDS.search(scope) or _NATIONALITIES.search(scope):
        return True
    if _FOREIGN_PLACE.search(scope):
        return True
    # A share below 100% ("60% U.S. content") qualifies; "100% American" does not.
    return any(float(m.group(1)) < 100 for m in _PERCENT.finditer(scope))


def _classify(folded: str) -> tuple[LabelClass, _Claim | None]:
    all_claims = _find_claims(folded)
    # Whole-product claims decide; a step claim ("Sewn in USA") only when there is no other.
    claims = [c for c in all_claims if not c.process] or all_claims
    if claims:
        first = claims[0]
        if first.place_kind != "us":
            return LabelClass.FOREIGN_ORIGIN, first  # the origin country named first wins
        if first.assembly:
            return LabelClass.US_ASSEMBLY, first
        if first.process:
            return LabelClass.QUALIFIED_US_ORIGIN, first
        later_foreign = any(c.place_kind != "us" for c in all_claims if c is not first)
        if later_foreign or _is_qualified(first.scope):
            return LabelClass.QUALIFIED_US_ORIGIN, first
        return LabelClass.UNQUALIFIED_US_ORIGIN, first
    adjective = _ADJECTIVE_CLAIM.search(folded)  # "American made", "USA-built"
    if adjective:
        if _IS_ASSEMBLY_VERB.match(adjective["verb"]):
            return LabelClass.US_ASSEMBLY, None
        if _IS_PROCESS_VERB.match(adjective["verb"]):
            return LabelClass.QUALIFIED_US_ORIGIN, None
        rest = folded[adjective.end() :]
        if _is_qualified(rest):
            return LabelClass.QUALIFIED_US_ORIGIN, None
        return LabelClass.UNQUALIFIED_US_ORIGIN, None
    bare = folded.replace("|", " ").replace(",", " ").strip()
    if _BARE_US.fullmatch(" ".join(bare.split())):
        return LabelClass.UNQUALIFIED_US_ORIGIN, None
    if _PERCENT_US_CONTENT.search(folded):
        return LabelClass.QUALIFIED_US_ORIGIN, None
    if _IMPORTED.search(_NEGATED_QUALIFIER.sub(" ", folded)):
        return LabelClass.FOREIGN_ORIGIN, None
    return LabelClass.NOT_AN_ORIGIN_CLAIM, None


_UNQUALIFIED_GUARANTEES = (
    "Under the FTC standard, final assembly or processing and every significant processing "
    'step took place in the US, and "all or virtually all" parts and materials were made and '
    "sourced in the US, leaving foreign content negligible.",
    "Sold in California, foreign parts may make up at most 5% of the final wholesale value "
    "(10% if a part cannot be made or obtained in the US).",
    "The seller must have competent and reliable evidence for the claim when making it.",
)
_UNQUALIFIED_GAPS = (
    "No percentage is printed, and the FTC has never fixed one.",
    'New Balance uses this wording at 70% or more "domestic value" under its own policy, so '
    "an NB shoe with this label may have up to 30% imported content.",
    "It does not mean 100% US content; Berry Amendment compliance (military purchases) is the 100% standard.",
)
_QUALIFIED_GUARANTEES = (
    "Some real US content or processing: the FTC says qualified claims should be used only "
    "when US content or processing is significant.",
    "Any percentage stated must be true and backed by evidence.",
)
_QUALIFIED_GAPS = (
    'It does not meet the "all or virtually all" standard of a plain "Made in USA"; it admits '
    "foreign parts or materials.",
    "No law sets a minimum US share for a qualified claim (in the FTC's treadmill example, US "
    'parts at about 3% of cost were too little for "of U.S. and imported parts").',
)
_ASSEMBLY_GUARANTEES = (
    "Under the FTC, the principal assembly took place in the US, it was substantial (not a "
    '"screwdriver" job), and the last substantial transformation happened in the US.',
    "Customs case law (Uniroyal) treats the upper as the essence of a shoe: fitting outsoles "
    "in the US to imported, otherwise complete uppers is not a substantial transformation.",
)
_ASSEMBLY_GAPS = (
    "Parts and materials may be imported; the claim implies no share of US content.",
    'It is not a "Made in USA" claim and does not meet "all or virtually all".',
)
_FOREIGN_GUARANTEES = (
    'The origin named is outside the US (or, for a bare "Imported", not the US).',
    "US Customs requires imported goods to be marked with the English name of their country "
    "of origin for the final buyer.",
)
_FOREIGN_GAPS = (
    "Customs origin follows the last substantial transformation, not a percentage, so parts "
    "or steps may come from other countries, including the US.",
    "It says nothing about where the brand is based or where the shoe was designed.",
)
_NO_CLAIM_GAPS = (
    "A design, engineering, headquarters or heritage statement says nothing about where the shoe was made.",
    "The FTC also polices implied origin claims: flags, maps or mentions of a US headquarters "
    'can amount to a "Made in USA" claim, depending on the overall impression.',
)

_READINGS: dict[LabelClass, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    LabelClass.UNQUALIFIED_US_ORIGIN: (
        _UNQUALIFIED_GUARANTEES,
        _UNQUALIFIED_GAPS,
        ("ftc-made-in-usa", "california", "nb-70", "berry"),
    ),
    LabelClass.QUALIFIED_US_ORIGIN: (
        _QUALIFIED_GUARANTEES,
        _QUALIFIED_GAPS,
        ("ftc-qualified", "ftc-made-in-usa", "nb-70"),
    ),
    LabelClass.US_ASSEMBLY: (_ASSEMBLY_GUARANTEES, _ASSEMBLY_GAPS, ("ftc-assembled", "customs")),
    LabelClass.FOREIGN_ORIGIN: (_FOREIGN_GUARANTEES, _FOREIGN_GAPS, ("customs",)),
    LabelClass.NOT_AN_ORIGIN_CLAIM: ((), _NO_CLAIM_GAPS, ("ftc-made-in-usa", "ftc-assembled")),
}


def classify_label(text: str) -> LabelReading:
    """Read an origin label ("Made in USA of imported materials") against the rules.

    Never raises: anything unrecognised reads as not-an-origin-claim.
    """
    folded = _fold_label(text or "")
    label_class, claim = _classify(folded)
    guarantees, gaps, rule_ids = _READINGS[label_class]
    extra_guarantees: list[str] = []
    extra_gaps: list[str] = []
    extra_rules: list[str] = []
    if (
        label_class is LabelClass.UNQUALIFIED_US_ORIGIN
        and claim is None
        and _BARE_US.fullmatch(" ".join(folded.replace("|", " ").replace(",", " ").split()))
    ):
        extra_guarantees.append(
            '"USA" on its own counts as an unqualified US-origin claim: the FTC lists it, and '
            'California\'s statute names "U.S.A.".'
        )
    if claim is not None and claim.place_kind == "unknown":
        extra_gaps.append(
            f'The place "{claim.place}" was not recognised and was read as outside the US; '
            "if it is a US town, read the label as a US-origin claim."
        )
    if "berry" in folded and label_class in (
        LabelClass.UNQUALIFIED_US_ORIGIN,
        LabelClass.QUALIFIED_US_ORIGIN,
    ):
        extra_guarantees.append(
            "Berry Amendment compliance means the shoe and its materials and components were "
            "produced in the US: 100% US content."
        )
        extra_rules.append("berry")
    return LabelReading(
        text=text,
        label_class=label_class,
        guarantees=(*extra_guarantees, *guarantees),
        does_not_guarantee=(*gaps, *extra_gaps),
        rule_ids=tuple(dict.fromkeys((*rule_ids, *extra_rules))),
    )

"""Generate a large synthetic catalog in the style of the bundled catalog.yaml.

The text is written by hand (not yaml.dump) so that it looks like what people keep:
double-quoted strings, flow lists for short lists, block lists for sentences, flow
mappings for weight and msrp, field_sources as a mapping of flow lists, comments.
Every string is written as a JSON string, which is a valid YAML double-quoted scalar,
so nothing is mistyped (model numbers, versions and dates stay text).

Deterministic: the same (n, seed) gives the same bytes. Ids are unique.

    python benchmarks/make_catalog.py 10000 out.yaml [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Brand:
    name: str
    slug: str  # the id prefix, like "nb" in "nb-990v5"
    numbered: bool  # New Balance style names ("990" + "v5") rather than words
    code_prefix: str  # first letters of the maker's style codes
    places: tuple[str, ...]  # where the brand's US-made shoes come from


BRANDS: tuple[Brand, ...] = (
    Brand(
        "New Balance",
        "nb",
        True,
        "M",
        ("Lawrence, Massachusetts", "Skowhegan, Maine", "Norridgewock, Maine", "Methuen, Massachusetts"),
    ),
    Brand("adidas", "adidas", False, "AM", ("Atlanta, Georgia (adidas Speedfactory)",)),
    Brand("Reebok", "reebok", False, "RB", ("Rhode Island (Liquid Factory)",)),
    Brand("SAS", "sas", False, "S", ("San Antonio, Texas",)),
    Brand("Softstar", "softstar", False, "SS", ("Corvallis, Oregon",)),
    Brand("Carson Footwear", "carson", False, "CF", ("Carson, California",)),
    Brand("Saucony", "saucony", True, "S", ("Lawrence, Massachusetts",)),
    Brand("Brooks", "brooks", False, "BR", ("Seattle, Washington",)),
    Brand("Hoka", "hoka", False, "H", ("not stated",)),
    Brand("ASICS", "asics", True, "GT", ("not stated",)),
    Brand("Altra", "altra", False, "AL", ("Logan, Utah",)),
    Brand("Okabashi", "okabashi", False, "OK", ("Buford, Georgia",)),
    Brand("Rancourt & Co.", "rancourt", False, "RC", ("Lewiston, Maine",)),
    Brand("Drew Shoe", "drew", False, "DR", ("Lancaster, Ohio",)),
    Brand("Munro", "munro", False, "MU", ("Hot Springs, Arkansas",)),
    Brand("Propét", "propet", True, "P", ("not stated",)),
)

WORD_NAMES = (
    "Journey Lux",
    "Time Out",
    "Liquid Speed",
    "Mission",
    "Iguana Racer",
    "RunAmoc",
    "Postal",
    "Ghost",
    "Clifton",
    "Bondi",
    "Lone Peak",
    "Torin",
    "Speedfactory AM",
    "UltraBoost",
    "Kayano",
    "Pathway",
    "Dash",
    "Trail Runner",
    "Free Time",
    "Bout",
    "Guide",
    "Cloud Walker",
    "Ridge",
    "Harbor",
    "Summit",
    "Commuter",
    "Heritage",
    "Metro",
    "Pacer",
    "Strider",
    "Courier",
    "Ranger",
)
EDITIONS = ("", "", "", "", "GTX", "Trail", "Wide", "SL", "Lux", "Plus", "Mid", "Edition")
COLORS = ("Grey", "Navy", "Black", "White", "Olive", "Tan", "Burgundy", "Teal", "Silver", "Sand")
LABELS = {
    "made-in-usa": ("Made in USA", "Made in the USA", "Manufactured in the USA", "Handmade in the USA"),
    "assembled-in-usa": ("Assembled in USA", "Made in USA of imported materials", "Assembled in the USA"),
    "imported": ("Imported", "Made in Vietnam", "Made in China", "Made in Germany"),
}
MIDSOLES = (
    "ENCAP polyurethane rim around an EVA core",
    "ABZORB and ACTEVA cushioning",
    "Boost",
    "Dual-density EVA",
    "Single-density polyurethane",
    "Cork and latex footbed",
    "Vibram rubber outsole over EVA",
    "FuelCell foam",
    "Compression-moulded EVA",
)
FEATURES = (
    "Suede and mesh upper",
    "Pigskin suede overlays",
    "Reflective details",
    "Removable Ortholite insole",
    "Full-grain leather upper",
    "Wide and extra-wide widths",
    "Made in USA emblem on the tongue",
    "Speed laces",
    "Rock plate",
    "Gusseted tongue",
    "Recycled polyester mesh",
    "Vegan construction",
    "Resoleable",
    "Zero drop",
)
ACTIVITIES = ("running", "walking", "trail", "lifestyle", "training")
DOMAINS = (
    "www.solereview.com",
    "sneakernews.com",
    "www.runnersworld.com",
    "weartesters.com",
    "www.highsnobiety.com",
    "sourcingjournal.com",
    "www.theguardian.com",
    "blog.example.org",
    "runrepeat.com",
    "www.believeintherun.com",
)
SOURCED = (
    "brand",
    "name",
    "version",
    "aliases",
    "style_codes",
    "origin",
    "label",
    "made_in",
    "domestic_content",
    "activities",
    "support",
    "weight",
    "msrp",
    "release_year",
    "status",
    "midsole",
    "features",
    "description",
)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(_q(item) for item in items) + "]"


def _url(rng: random.Random, slug: str) -> str:
    domain = rng.choice(DOMAINS)
    return f"https://{domain}/{rng.randrange(2008, 2026)}/{rng.randrange(1, 13):02d}/{slug}-{rng.randrange(10**5)}/"


class _Generator:
    """Makes one entry at a time; remembers ids so every id is unique."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.ids: set[str] = set()

    def unique_id(self, base: str) -> str:
        candidate, suffix = base, 2
        while candidate in self.ids:
            candidate = f"{base}-{suffix}"
            suffix += 1
        self.ids.add(candidate)
        return candidate

    def names(self, brand: Brand) -> tuple[str, str | None, str]:
        """(name, version or None, model as written) for one shoe."""
        rng = self.rng
        if brand.numbered:
            name = str(rng.choice((rng.randrange(300, 2100), rng.choice((990, 992, 993, 998, 1300, 1540)))))
            version = f"v{rng.randrange(1, 8)}" if rng.random() < 0.6 else None
            model = name + (version or "")
        else:
            name = rng.choice(WORD_NAMES)
            edition = rng.choice(EDITIONS)
            name = f"{name} {edition}" if edition else name
            version = str(rng.randrange(1, 15)) if rng.random() < 0.45 else None
            model = f"{name} {version}" if version else name
        return name, version, model

    def entry(self, index: int) -> list[str]:
        """The lines of one model entry."""
        rng = self.rng
        brand = rng.choice(BRANDS)
        name, version, model = self.names(brand)
        slug = "-".join("".join(c for c in word.lower() if c.isalnum()) for word in model.split())
        shoe_id = self.unique_id(f"{brand.slug}-{slug}".strip("-"))
        origin = rng.choices(("made-in-usa", "assembled-in-usa", "imported", None), (45, 20, 20, 15))[0]
        lines = [f"  - id: {_q(shoe_id)}", f"    brand: {_q(brand.name)}", f"    name: {_q(name)}"]
        if version:
            lines.append(f"    version: {_q(version)}")
        if rng.random() < 0.97:
            aliases = [model.replace("v", " V", 1) if brand.numbered and version else f"{brand.name} {model}"]
            if rng.random() < 0.5:
                aliases.append(f"{model} {rng.choice(COLORS)}")
            lines.append(f"    aliases: {_flow(aliases)}")
        if rng.random() < 0.3:
            codes = [
                f"{brand.code_prefix}{name.split()[0][:4].upper()}{rng.choice('GNBKTW')}{rng.randrange(1, 10)}"
                for _ in range(rng.randrange(1, 4))
            ]
            lines.append(f"    style_codes: {_flow(sorted(set(codes)))}")
        if origin:
            lines.append(f"    origin: {_q(origin)}")
        if origin and rng.random() < 0.7:
            lines.append(f"    label: {_q(rng.choice(LABELS[origin]))}")
        if origin != "imported" and rng.random() < 0.5:
            lines.append(f"    made_in: {_q(rng.choice(brand.places))}")
        if origin == "made-in-usa" and rng.random() < 0.6:
            pct = rng.choice((70, 75, 80, 100))
            lines.append(f"    domestic_content: {_q(f'At least {pct}% of the value is domestic, per the maker.')}")
            lines.append(f"    domestic_content_min_pct: {pct}")
        if rng.random() < 0.9:
            lines.append(f"    activities: {_flow(rng.sample(ACTIVITIES, rng.randrange(1, 4)))}")
        if rng.random() < 0.2:
            lines.append(f"    support: {_q(rng.choice(('neutral', 'stability', 'motion-control')))}")
        lines += self.weight_and_price()
        if rng.random() < 0.6:
            lines.append(f"    release_year: {rng.randrange(1982, 2026)}")
        if rng.random() < 0.65:
            lines.append(f"    status: {_q(rng.choice(('current', 'discontinued', 'unknown')))}")
            lines.append(f"    status_as_of: {_q(self.partial_date())}")
        if rng.random() < 0.65:
            lines.append(f"    midsole: {_q(rng.choice(MIDSOLES))}")
        if rng.random() < 0.75:
            lines.append("    features:")
            lines += [f"      - {_q(feature)}" for feature in rng.sample(FEATURES, rng.randrange(1, 4))]
        lines.append(f"    description: {_q(self.description(brand, model, origin))}")
        lines.append(f"    confidence: {_q(rng.choice(('high', 'medium', 'medium', 'low')))}")
        lines += self.notes_and_sources(shoe_id)
        return lines

    def weight_and_price(self) -> list[str]:
        rng = self.rng
        lines = []
        if rng.random() < 0.45:
            if rng.random() < 0.6:
                value = f'value: {round(rng.uniform(6.5, 16.5), 1)}, unit: "oz"'
            else:
                value = f'value: {rng.randrange(180, 480)}, unit: "g"'
            size = _q(rng.choice(("men's 9", "US 11", "not stated", "men's US 9", "women's 8")))
            at_least = ", at_least: true" if rng.random() < 0.05 else ""
            lines.append(f"    weight: {{{value}, size: {size}{at_least}}}")
        if rng.random() < 0.5:
            usd = rng.choice((rng.randrange(60, 300), round(rng.uniform(60, 300), 2)))
            lines.append(f"    msrp: {{usd: {usd}, year: {rng.randrange(2010, 2026)}}}")
        return lines

    def partial_date(self) -> str:
        rng = self.rng
        year = rng.randrange(2015, 2026)
        kind = rng.random()
        if kind < 0.3:
            return str(year)
        if kind < 0.8:
            return f"{year}-{rng.randrange(1, 13):02d}"
        return f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"

    def description(self, brand: Brand, model: str, origin: str | None) -> str:
        rng = self.rng
        where = {
            "made-in-usa": "made in the USA",
            "assembled-in-usa": "assembled in the USA",
            "imported": "made abroad",
            None: "of unstated origin",
        }[origin]
        use = rng.choice(("everyday walking", "daily running", "long runs", "trail running", "standing all day"))
        extra = rng.choice(
            (
                "A favourite of reviewers.",
                "Sizing runs half a size small.",
                "Often discounted after a new version ships.",
                "Sold mainly through the maker's shop.",
                "",
            )
        )
        return f"The {brand.name} {model}, a shoe for {use}, {where}. {extra}".strip()

    def notes_and_sources(self, shoe_id: str) -> list[str]:
        rng = self.rng
        lines = []
        if rng.random() < 0.9:
            lines.append("    notes:")
            lines += [f"      - {_q(note)}" for note in rng.sample(NOTES, rng.randrange(1, 4))]
        sources = [_url(rng, shoe_id) for _ in range(rng.randrange(1, 5))]
        lines.append("    sources:")
        lines += [f"      - {_q(url)}" for url in sources]
        if rng.random() < 0.7:
            lines.append("    field_sources:")
            for field in rng.sample(SOURCED, rng.randrange(1, 5)):
                lines.append(f"      {field}: {_flow(rng.sample(sources, rng.randrange(1, len(sources) + 1)))}")
        return lines


NOTES = (
    "No US retail price is sourced, so msrp is left out.",
    "The label wording was not found; origin follows the maker's product page.",
    "One review gives a different weight; the maker's figure is used.",
    "Release year per the maker's press release; some retailers list the following year.",
    "Status checked against the maker's shop on the as-of date.",
    "Some colourways of this model are imported; this entry covers the US-made ones only.",
)


def generate(n: int, seed: int = 0) -> str:
    """A valid catalog YAML text with n models, deterministic for (n, seed)."""
    generator = _Generator(seed)
    out = [
        "# yaml-language-server: $schema=catalog.schema.json",
        f"# Synthetic usashoes catalog for benchmarks: {n} models, seed {seed}.",
        "# Generated by benchmarks/make_catalog.py; the shoes are made up.",
        "schema_version: 1",
        "models:",
    ]
    for index in range(n):
        if index % 100 == 0:
            last = min(index + 99, n - 1)
            out += ["", f"  # {'-' * 66} models {index}-{last}"]
        out += generator.entry(index)
        out.append("")
    return "\n".join(out) + "\n" if n else "schema_version: 1\nmodels: []\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of models")
    parser.add_argument("out", type=Path, help="file to write ('-' for stdout)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    text = generate(args.n, args.seed)
    if str(args.out) == "-":
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

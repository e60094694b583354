"""How one catalog model's origin and label sit against the rules; unknowns said, not guessed.

Pure domain module (no I/O, no typer, no rich).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..brands import is_new_balance
from ..models import Origin, Shoe
from ..numbers import at_least, rest_of_100
from .label_reading import LabelClass, LabelReading, classify_label
from .rules import TOPICS


@dataclass(frozen=True, slots=True)
class ModelAssessment:
    """What one catalog model's origin and label mean under the rules, and what is unknown."""

    shoe_id: str
    origin: str | None
    label: str | None
    label_reading: LabelReading | None
    statements: tuple[str, ...]
    unknowns: tuple[str, ...]
    rule_ids: tuple[str, ...]


_ORIGIN_CLASS = {
    Origin.MADE_IN_USA: LabelClass.UNQUALIFIED_US_ORIGIN,
    Origin.ASSEMBLED_IN_USA: LabelClass.US_ASSEMBLY,
    Origin.IMPORTED: LabelClass.FOREIGN_ORIGIN,
}
_CONSISTENT = {
    Origin.MADE_IN_USA: {LabelClass.UNQUALIFIED_US_ORIGIN, LabelClass.QUALIFIED_US_ORIGIN},
    Origin.ASSEMBLED_IN_USA: {LabelClass.US_ASSEMBLY},
    Origin.IMPORTED: {LabelClass.FOREIGN_ORIGIN},
}


def _pct(value: float) -> str:
    return f"{at_least(value)}%"  # a minimum is never rounded up (99.99999% is not 100%)


def _is_new_balance(shoe: Shoe) -> bool:
    return is_new_balance(shoe.brand)


def _sold_as(shoe: Shoe, listed_as: str) -> str:
    # Quote the label only when the catalog has it; otherwise say what the catalog lists.
    if shoe.label:
        return f'It is sold as "{shoe.label}"'
    return f"The catalog lists it as {listed_as}"


def _made_statements(shoe: Shoe, qualified: bool) -> tuple[list[str], list[str]]:
    statements: list[str] = []
    rules = ["ftc-made-in-usa", "california"]
    pct = shoe.domestic_content_min_pct
    nb = _is_new_balance(shoe)
    sold_as = _sold_as(shoe, "made in the USA")
    if qualified:
        statements.append(
            f"{sold_as}, a qualified US-origin claim: it admits foreign content and does not "
            'meet the "all or virtually all" standard.'
        )
        rules.insert(0, "ftc-qualified")
        if nb:
            statements.append(
                "Under its own policy New Balance qualifies the label when a shoe's domestic value is below 70%."
            )
            rules.append("nb-70")
        if pct is not None:
            statements.append(f"The catalog records at least {_pct(pct)} domestic content.")
        return statements, rules

    if pct is not None and pct >= 100:
        statements.append(
            f"{sold_as}, recorded at {_pct(pct)} domestic content: the level the Berry "
            "Amendment requires of military purchases (the shoe and its materials and "
            "components all produced in the US), stricter than New Balance's 70% retail policy."
        )
        rules.append("berry")
    elif pct is not None and nb and pct == 70:
        statements.append(
            f'{sold_as} under New Balance\'s own policy of at least 70% "domestic value", so '
            "up to 30% of it may be imported."
        )
        rules.append("nb-70")
    elif pct is not None and nb:
        statements.append(
            f"{sold_as}; the catalog records at least {_pct(pct)} domestic value, so up to "
            f"{rest_of_100(pct)}% may be imported. New Balance's own policy puts the \"Made in "
            'USA" line at 70% "domestic value".'
        )
        rules.append("nb-70")
    elif pct is not None:
        statements.append(
            f"{sold_as}; the catalog records at least {_pct(pct)} domestic content, so up to "
            f"{rest_of_100(pct)}% may be foreign."
        )
    elif nb:
        statements.append(
            f'{sold_as}. New Balance applies "Made in USA" at 70% or more "domestic value" '
            "under its own policy, which allows up to 30% imported content."
        )
        rules.append("nb-70")
    else:
        statements.append(f"{sold_as}.")

    statements.append(
        'The FTC standard for a plain "Made in USA" is "all or virtually all": final assembly '
        "and all significant processing in the US and negligible foreign content, with no fixed "
        "percentage."
    )
    statements.append(
        "California allows at most 5% foreign content by final wholesale value (10% if a part "
        "cannot be made or obtained in the US)."
    )
    if pct is not None and pct < 100:
        foreign = 100 - pct
        if foreign > 10:
            statements.append(
                f"The recorded minimum leaves room for up to {rest_of_100(pct)}% foreign content, "
                "more than California's 5% and 10% ceilings (the FTC sets no number but wants "
                "foreign content negligible); the catalog has only the minimum, not the actual "
                "share."
            )
        elif foreign > 5:
            statements.append(
                f"The recorded minimum leaves room for up to {rest_of_100(pct)}% foreign content: "
                "above California's 5% ceiling, within 10% only if the part cannot be made or "
                "obtained in the US."
            )
        else:
            statements.append(
                f"The recorded minimum leaves at most {rest_of_100(pct)}% foreign content, "
                "within California's 5% ceiling."
            )
    return statements, rules


def assess_model(shoe: Shoe) -> ModelAssessment:
    """Say what a catalog model's origin and label mean under the rules; never guess."""
    reading = classify_label(shoe.label) if shoe.label else None
    statements: list[str] = []
    unknowns: list[str] = []
    rules: list[str] = []

    label_class: LabelClass | None = None
    if reading is not None and reading.label_class is not LabelClass.NOT_AN_ORIGIN_CLAIM:
        label_class = reading.label_class
    elif shoe.origin is not None:
        label_class = _ORIGIN_CLASS[shoe.origin]

    if reading is not None and reading.label_class is LabelClass.NOT_AN_ORIGIN_CLAIM:
        statements.append(f'The recorded label wording ("{shoe.label}") makes no origin claim by itself.')
    if (
        reading is not None
        and shoe.origin is not None
        and reading.label_class is not LabelClass.NOT_AN_ORIGIN_CLAIM
        and reading.label_class not in _CONSISTENT[shoe.origin]
    ):
        statements.append(
            f"The catalog's origin ({shoe.origin.value}) and the label wording (read as "
            f"{reading.label_class.value}) disagree; check the shoe's own label."
        )

    if label_class in (LabelClass.UNQUALIFIED_US_ORIGIN, LabelClass.QUALIFIED_US_ORIGIN):
        made, made_rules = _made_statements(shoe, qualified=label_class is LabelClass.QUALIFIED_US_ORIGIN)
        statements.extend(made)
        rules.extend(made_rules)
    elif label_class is LabelClass.US_ASSEMBLY:
        statements.append(
            f"{_sold_as(shoe, 'assembled in the USA')}: the FTC requires the principal "
            'assembly in the US, a substantial assembly (not a "screwdriver" job), and the '
            "last substantial transformation in the US."
        )
        statements.append("Foreign parts and materials are allowed; the claim implies no share of US content.")
        if shoe.domestic_content_min_pct is not None:
            statements.append(f"The catalog records at least {_pct(shoe.domestic_content_min_pct)} domestic content.")
        rules.extend(["ftc-assembled", "customs"])
    elif label_class is LabelClass.FOREIGN_ORIGIN:
        statements.append(
            'It is not sold as US-made, so the FTC "Made in USA" standard and California\'s '
            "limits do not come into play."
        )
        statements.append(
            "US Customs requires an imported shoe to be marked with the English name of its country of origin."
        )
        rules.append("customs")

    if shoe.made_in and label_class is not None:
        statements.append(f"The catalog gives the place of manufacture as {shoe.made_in}.")
    if shoe.domestic_content:
        statements.append(f"The catalog's note on domestic content: {shoe.domestic_content.rstrip('.')}.")

    if shoe.label is None:
        unknowns.append("The exact label wording on this shoe is not recorded.")
    if shoe.origin is None:
        unknowns.append("Where this shoe was made or assembled is not recorded.")
    us_made = shoe.origin in (Origin.MADE_IN_USA, Origin.ASSEMBLED_IN_USA) or label_class in (
        LabelClass.UNQUALIFIED_US_ORIGIN,
        LabelClass.QUALIFIED_US_ORIGIN,
        LabelClass.US_ASSEMBLY,
    )
    if us_made and shoe.domestic_content_min_pct is None:
        unknowns.append("The share of US content in this model is not recorded.")
    elif us_made and (pct := shoe.domestic_content_min_pct) is not None and pct < 100:
        unknowns.append(f"Only a minimum US share ({_pct(pct)}) is recorded; the actual share is not known.")
    if us_made and not shoe.made_in:
        unknowns.append("The factory location is not recorded.")

    if reading is not None:
        rules.extend(reading.rule_ids)
    order = {rule_id: i for i, rule_id in enumerate(TOPICS)}
    rule_ids = tuple(sorted(dict.fromkeys(rules), key=lambda r: order.get(r, len(order))))
    return ModelAssessment(
        shoe_id=shoe.id,
        origin=shoe.origin.value if shoe.origin is not None else None,
        label=shoe.label,
        label_reading=reading,
        statements=tuple(statements),
        unknowns=tuple(unknowns),
        rule_ids=rule_ids,
    )

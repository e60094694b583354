"""The commands about knowledge and data: explain, catalog validate and catalog info."""

# No `from __future__ import annotations` here: typer would evaluate every command's string
# annotations on each run (7 ms measured).
from collections import Counter
from typing import Annotated

import typer

from .. import complete, query
from ..catalog import loader as catalog_module
from ..errors import (
    ExitCode,
    UsageProblem,
)
from .commands import write_result
from .exits import error_lines
from .options import DocFormatOpt, JsonOpt, NoPagerOpt, OutputFileOpt, load, settings


# --- explain ---------------------------------------------------------------------------------
def explain(
    ctx: typer.Context,
    topic: Annotated[
        str | None,
        typer.Argument(
            metavar="TOPIC",
            autocompletion=complete.topics,
            help="A rule: ftc, assembled, nb-70, california, customs, berry, canada, eu, uk, australia ...",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            metavar="MODEL",
            autocompletion=complete.models,
            help="How this model's label sits against the rules.",
        ),
    ] = None,
    label: Annotated[
        str | None, typer.Option("--label", metavar="TEXT", help="Classify wording read on a tag or box.")
    ] = None,
    output_format: DocFormatOpt = None,
    as_json: JsonOpt = False,
    output: OutputFileOpt = None,
    no_pager: NoPagerOpt = False,
) -> None:
    """What a "Made in USA" label really means: the rules, one rule in full, a model, or a wording.

    Examples:

      usashoes explain

      usashoes explain california

      usashoes explain --model 990v6

      usashoes explain --label "Made in USA of imported materials"
    """
    from ..errors import UsageProblem
    from ..explain import rules
    from ..output.results import LabelExplanation, ModelExplanation, RuleDetail, RulesOverview

    if sum(value is not None for value in (topic, model, label)) > 1:
        raise UsageProblem("Give one of TOPIC, --model or --label.")
    result: object
    if model is not None:
        from ..explain.assessment import assess_model
        from ..matching import Matcher

        shoe = Matcher(load(ctx).shoes).resolve(model)
        result = ModelExplanation(shoe, assess_model(shoe))
    elif label is not None:
        from ..explain.label_reading import classify_label

        result = LabelExplanation(classify_label(label))
    elif topic is not None:
        result = RuleDetail(rules.find_rule(topic))
    else:
        result = RulesOverview(rules.RULES)
    write_result(result, output_format, as_json, output, no_pager=no_pager)


# --- catalog ---------------------------------------------------------------------------------
def catalog_validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH", help="Default: the catalog in use, with any --add-catalog files merged over it."
        ),
    ] = None,
    overlay: Annotated[
        bool,
        typer.Option(
            "--overlay",
            help="Check PATH as an --add-catalog file on its own: entries need only an id, "
            "every value given is checked.",
        ),
    ] = False,
    output_format: DocFormatOpt = None,
    as_json: JsonOpt = False,
    output: OutputFileOpt = None,
) -> None:
    """Report every problem in a catalog as file:line:col: message; exit 5 if there are any.

    Examples:

      usashoes catalog validate my-shoes.yaml

      usashoes catalog validate --overlay my-prices.yaml

      usashoes catalog validate --json -o report.json
    """
    from pathlib import Path

    from ..output.results import ValidationReport

    if path == "":
        # An unset variable in a CI gate (`catalog validate "$FILE"`) must not validate the bundled catalog.
        raise UsageProblem("The catalog path is empty; give a file name.")
    if overlay and path is None:
        raise UsageProblem("Give the path of the overlay file to check with --overlay.")
    if overlay:
        assert path is not None
        count, problems = catalog_module.check_overlay(Path(path))
        report = ValidationReport(path, tuple(problems), None if problems else count, overlay=True)
    elif path is not None:
        shoes, problems, warnings = catalog_module.check(Path(path))
        report = ValidationReport(path, tuple(problems), None if problems else len(shoes), tuple(warnings))
    else:
        chosen = catalog_module.choose_path(settings(ctx).catalog_path)
        shoes, problems, warnings = catalog_module.check(chosen, catalog_module.overlay_paths(settings(ctx).add_paths))
        report = ValidationReport(str(chosen), tuple(problems), None if problems else len(shoes), tuple(warnings))
    from ..output import render

    to_file = output not in (None, "-")
    chosen_format = render.choose(output_format, as_json, path=output)
    if chosen_format in ("lines", "table") or to_file:
        # Problems and warnings are messages: stderr, one per line; stdout stays clean.
        error_lines([str(problem) for problem in (*report.problems, *report.warnings)], prefix=False)
    if to_file or not (problems and chosen_format in ("lines", "table")):
        render.emit(report, chosen_format, path=output)
    if problems:
        raise typer.Exit(ExitCode.CATALOG_INVALID)


def catalog_info(
    ctx: typer.Context,
    output_format: DocFormatOpt = None,
    as_json: JsonOpt = False,
    output: OutputFileOpt = None,
    no_pager: NoPagerOpt = False,
) -> None:
    """The catalog in use: path, counts by origin and brand, freshness, and per-field coverage.

    Freshness: the oldest and newest as-of dates, and how many as-of dates and prices are
    older than two years. Coverage: how many entries know each field.

    Examples:

      usashoes catalog info

      usashoes --catalog my-shoes.yaml catalog info --json
    """
    from .. import freshness
    from ..catalog import selection
    from ..output.results import CatalogInfo

    today = freshness.today()
    explicit = settings(ctx).catalog_path
    # Decided before loading, as load() does; stdin is no file selection knows of.
    choice = None if explicit == catalog_module.STDIN else selection.choose(explicit or None)
    loaded = load(ctx)
    by_origin = Counter(str(shoe.origin) if shoe.origin else query.UNKNOWN_ORIGIN for shoe in loaded.shoes)
    by_brand = Counter(shoe.brand for shoe in loaded.shoes)
    fresh = freshness.freshness(loaded.shoes, today)
    info = CatalogInfo(
        path=loaded.path,
        model_count=len(loaded.shoes),
        by_origin={name: by_origin.get(name, 0) for name in query.origin_choices()},
        by_brand=dict(sorted(by_brand.items(), key=lambda item: (-item[1], item[0].casefold()))),
        newest_as_of=fresh.newest_as_of,
        coverage=freshness.coverage(loaded.shoes),
        freshness=fresh,
        source=choice.source if choice else "stdin",
        catalog_version=choice.version if choice else None,
        published=choice.published if choice else None,
        described=choice.describe() if choice else "standard input",
    )
    write_result(info, output_format, as_json, output, no_pager=no_pager)

"""``asn-competency report``: one self-contained HTML report for an office."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from asn_competency.cli._common import (
    EXIT_OK,
    Problems,
    UsageError,
    by_arg,
    check_output,
    date_arg,
    non_negative,
    positive,
    positive_int,
    write_bytes,
)
from asn_competency.cli._inputs import inputs_of, population_options
from asn_competency.cli.skm import INVALID_ANSWERS, SKM_POLICIES
from asn_competency.cli.talent import check_scores_file, read_scores

INPUTS = (
    "employees",
    "assessments",
    "standards",
    "framework",
    "scores",
    "survey",
    "programme",
    "activities",
    "enrolments",
    "reaction",
    "tests",
    "indicators",
    "benefits",
    "costs",
)


_FIGURE_TEXT: dict[str, dict[str, Any]] = {
    "id": {
        "heatmap": "Rata-rata kesenjangan per unit dan kompetensi",
        "ticks_performance": ("di bawah", "sesuai", "di atas"),
        "ticks_potential": ("rendah", "menengah", "tinggi"),
        "ninebox": "Sebaran pegawai pada nine-box",
        "pool": "talent pool ({level}): kotak {boxes}",
        "before_after": "Indikator sebelum dan sesudah program",
        "competency": "kompetensi",
        "unit": "unit",
        "colour": "kesenjangan (+ di bawah)",
        "standards": "Standar jabatan: {file}",
        "tier_standards": "Standar jabatan: tingkat nasional per jenjang "
        "(REQUIRED_LEVELS_PERMENPANRB_38_2017)",
        "performance": "kinerja terhadap ekspektasi",
        "potential": "potensial",
        "before": "sebelum",
        "after": "sesudah",
    },
    "en": {
        "heatmap": "Mean gap by unit and competency",
        "ticks_performance": ("below", "meets", "above"),
        "ticks_potential": ("low", "middle", "high"),
        "ninebox": "People on the nine-box",
        "pool": "talent pool ({level}): boxes {boxes}",
        "before_after": "Indicators before and after the programme",
        "competency": "competency",
        "unit": "unit",
        "colour": "mean gap (+ is below)",
        "standards": "Position standards: {file}",
        "tier_standards": "Position standards: the national level of each tier "
        "(REQUIRED_LEVELS_PERMENPANRB_38_2017)",
        "performance": "performance against expectation",
        "potential": "potential",
        "before": "before",
        "after": "after",
    },
}


def _png(fig: Any, alt: str) -> Any:
    from asn_competency.cli.plot import figure_bytes  # noqa: PLC0415
    from asn_competency.report import Figure  # noqa: PLC0415

    return Figure.from_bytes(figure_bytes(fig, "png"), media_type="image/png", alt=alt)


def _gap(args: argparse.Namespace, text: dict[str, Any]) -> tuple[Any, Any]:
    """The gap section and the population it was built on."""
    from asn_competency.cli._inputs import load_population  # noqa: PLC0415
    from asn_competency.cli.gap import summary_result  # noqa: PLC0415
    from asn_competency.plots import gap_heatmap  # noqa: PLC0415
    from asn_competency.report import gap_section  # noqa: PLC0415

    population = load_population(args)
    reports = population.reports(args.combination)
    result, summary = summary_result(population, reports, args.by, args.min_group)
    figure = None
    if summary.groups:
        columns = len({c.competency_id for g in summary.groups for c in g.cells})
        size = (max(6.0, 2.5 + 0.9 * columns), max(3.0, 1.6 + 0.45 * len(summary.groups)))
        fig = gap_heatmap(summary, title=text["heatmap"], figsize=size)
        axes = fig.axes[0]
        axes.set_ylabel(text["unit"])
        axes.set_xlabel(text["competency"])
        fig.axes[1].set_ylabel(text["colour"])
        figure = _png(fig, text["heatmap"])
    standards = (
        text["standards"].format(file=args.standards.name)
        if args.standards is not None
        else text["tier_standards"]
    )
    notes = [n for n in result.summary if "not shown" not in n]
    return gap_section(
        summary, lang=args.lang, figure=figure, standards=standards, notes=notes
    ), population


def _talent(args: argparse.Namespace, text: dict[str, Any], population: Any) -> Any:
    from asn_competency.cli.talent import distribution_result, placements  # noqa: PLC0415
    from asn_competency.plots import nine_box_grid  # noqa: PLC0415
    from asn_competency.policies.nine_box import (  # noqa: PLC0415
        NINE_BOX_PERMENPANRB_3_2020,
        TALENT_POOL_PERMENPANRB_3_2020,
    )
    from asn_competency.report import talent_section  # noqa: PLC0415

    found = placements(args, population)
    result, summary = distribution_result(found, None, args.min_group)
    figure = None
    if summary.groups:
        fig = nine_box_grid(summary, title=text["ninebox"], pool=args.pool)
        axes = fig.axes[0]
        axes.set_xlabel(text["performance"])
        axes.set_ylabel(text["potential"])
        axes.set_xticks([0.5, 1.5, 2.5], labels=list(text["ticks_performance"]))
        axes.set_yticks([0.5, 1.5, 2.5], labels=list(text["ticks_potential"]))
        boxes = TALENT_POOL_PERMENPANRB_3_2020.boxes_for(args.pool)
        legend = text["pool"].format(level=args.pool, boxes=", ".join(str(b) for b in boxes))
        key = axes.get_legend()
        assert key is not None  # nine_box_grid names the pool's outline in a legend
        key.get_texts()[0].set_text(legend)
        figure = _png(fig, text["ninebox"])
    notes = [n for n in result.summary if "not shown" not in n]
    return talent_section(
        summary,
        NINE_BOX_PERMENPANRB_3_2020,
        lang=args.lang,
        figure=figure,
        notes=notes,
        pool=args.pool,
        pool_policy=TALENT_POOL_PERMENPANRB_3_2020,
    )


def _skm(args: argparse.Namespace) -> Any:
    from asn_competency.cli.skm import policy_of, survey_result  # noqa: PLC0415
    from asn_competency.report import skm_section  # noqa: PLC0415

    result = survey_result(args.survey, policy_of(args.skm_policy, args.invalid_answers))
    return skm_section(result, lang=args.lang)


def _scorecard(args: argparse.Namespace, text: dict[str, Any], population: Any) -> Any:
    from asn_competency.cli.evaluate import scorecard  # noqa: PLC0415
    from asn_competency.plots import before_after  # noqa: PLC0415
    from asn_competency.report import scorecard_section  # noqa: PLC0415

    ns = argparse.Namespace(**vars(args))
    ns.assessments = None  # level 3 takes the assessments read for the gaps
    ns.title = None  # the page's title is not the programme's
    card, _, notes = scorecard(
        ns, need_period=False, assessments=None if population is None else population.assessments
    )
    figure = None
    if any(r.before is not None and r.value is not None for r in card.indicators):
        fig = before_after(
            card,
            title=text["before_after"],
            before_label=text["before"],
            after_label=text["after"],
        )
        figure = _png(fig, text["before_after"])
    return scorecard_section(card, lang=args.lang, figure=figure, notes=notes)


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out, inputs_of(args, *INPUTS), suffixes=(".html", ".htm"))
    from asn_competency.report import render_report  # noqa: PLC0415

    if args.scores is not None:
        check_scores_file(args.scores)
    text = _FIGURE_TEXT[args.lang]
    problems = Problems()
    sections: list[Any] = []
    population = None
    if args.assessments is not None:
        found = problems.read(lambda: _gap(args, text))
        if found is not None:
            sections.append(found[0])
            population = found[1]
    if args.scores is not None and args.assessments is not None and population is None:
        # The population's problems are listed already: check the scores file alone.
        problems.read(lambda: read_scores(args.scores))
    elif args.scores is not None:
        sections.append(problems.read(lambda: _talent(args, text, population)))
    if args.survey is not None:
        sections.append(problems.read(lambda: _skm(args)))
    if args.programme is not None or args.activities is not None:
        sections.append(problems.read(lambda: _scorecard(args, text, population)))
    problems.check()
    if not sections:
        raise UsageError(
            "--assessments",
            "expected the data of at least one section (--assessments, "
            "--survey or --programme/--activities)",
        )
    page = render_report(
        sections, title=args.title, lang=args.lang, subtitle=args.subtitle, generated=args.date
    )
    write_bytes(args.out, page.encode("utf-8"))
    print(f"wrote a report of {len(sections)} sections to {args.out}", file=sys.stderr)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``report`` command to the parser."""
    p = sub.add_parser(
        "report",
        help="one self-contained HTML report for an office (Indonesian or English)",
        description=(
            "Write one HTML file, viewable without a network, with a section for each kind "
            "of data given: the gap heatmap by unit and competency (--assessments), the "
            "nine-box distribution with the talent pool counted (--scores), the SKM with its "
            "elements (--survey) and the programme scorecard (--programme or --activities); "
            "each with its table and the policy it used. Small groups are suppressed as "
            "everywhere."
        ),
        epilog=(
            "Example:\n  asn-competency report --employees pegawai.csv --assessments "
            "penilaian.csv --standards standar.csv --scores kinerja.csv --survey survei.csv "
            "--activities program-kegiatan.csv --enrolments program-peserta.csv --id P-2025 "
            "--reaction umpan.csv --title 'Disdukcapil Batanghari' --lang id -o laporan.html"
        ),
        formatter_class=fmt,
    )
    p.add_argument("-o", "--out", type=Path, required=True, metavar="FILE", help="the page (.html)")
    p.add_argument("--title", default="Laporan pengembangan kompetensi ASN", help="the page title")
    p.add_argument("--subtitle", default="", help="a line under the title (period, data used)")
    p.add_argument("--lang", choices=["id", "en"], default="id", help="the report's language")
    p.add_argument("--date", type=date_arg, help="the report's date (default: today)")
    population_options(p, assessments=False)
    p.add_argument("--by", type=by_arg, default=("unit",), metavar="FIELDS", help="gap rows")
    p.add_argument(
        "--min-group",
        type=positive_int,
        metavar="N",
        help="the smallest group shown (default: the suppression policy's 5)",
    )
    p.add_argument(
        "--scores",
        type=Path,
        metavar="FILE",
        help="nine-box: performance, and potential or its evidence (as 'talent' reads it)",
    )
    p.add_argument(
        "--pool",
        choices=["instansi", "nasional"],
        default="instansi",
        help="nine-box: the talent pool counted and outlined (the agency's or the national)",
    )
    p.add_argument("--survey", type=Path, metavar="FILE", help="SKM: the answers (.csv)")
    p.add_argument("--skm-policy", choices=list(SKM_POLICIES), default="2017", help="SKM: the rule")
    p.add_argument(
        "--invalid-answers",
        choices=list(INVALID_ANSWERS),
        default="reject",
        help="SKM: bad answers",
    )
    p.add_argument(
        "--programme", type=Path, metavar="FILE", help="scorecard: the programme (.json)"
    )
    p.add_argument("--activities", type=Path, metavar="FILE", help="or its activities (.csv)")
    p.add_argument("--enrolments", type=Path, metavar="FILE", help="and enrolments (.csv)")
    p.add_argument("--id", help="the programme id (with --activities)")
    p.add_argument("--owner", default="", help="the unit the programme served")
    p.add_argument("--reaction", type=Path, metavar="FILE", help="scorecard level 1: feedback")
    p.add_argument("--invited", type=positive_int, metavar="N", help="level 1: people invited")
    p.add_argument("--tests", type=Path, metavar="FILE", help="level 2: pre/post scores")
    p.add_argument("--max-score", type=positive, default=100.0, help="level 2: highest score")
    p.add_argument("--min-score", type=non_negative, default=0.0, help="level 2: lowest score")
    p.add_argument("--start", type=date_arg, help="level 3: first day (default: the programme's)")
    p.add_argument("--end", type=date_arg, help="level 3: last day (default: the programme's)")
    p.add_argument("--indicators", type=Path, metavar="FILE", help="level 4: indicators")
    p.add_argument("--benefits", type=Path, metavar="FILE", help="level 5: benefits")
    p.add_argument("--costs", type=Path, metavar="FILE", help="level 5: costs")
    p.set_defaults(handler=run, parser=p)

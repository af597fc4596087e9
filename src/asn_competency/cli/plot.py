"""``asn-competency plot``: the gap heatmap, the nine-box, the mentoring network, before-after."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

from asn_competency.cli._common import (
    EXIT_OK,
    UsageError,
    by_arg,
    check_output,
    positive_int,
    write_bytes,
)
from asn_competency.cli._inputs import inputs_of, load_population, population_options

KINDS = ("heatmap", "ninebox", "network", "before-after")

_NEEDS = {
    "heatmap": ("employees", "assessments"),
    "ninebox": ("employees", "scores"),
    "network": ("relationships",),
    "before-after": ("indicators",),
}


def figure_bytes(fig: Any, fmt: str) -> bytes:
    """A figure as PNG or SVG bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt)
    return buffer.getvalue()


def heatmap_figure(args: argparse.Namespace) -> tuple[Any, Any]:
    """The gap heatmap of the population by ``args.by``, and its summary."""
    from asn_competency.cli.gap import summary_result  # noqa: PLC0415
    from asn_competency.plots import gap_heatmap  # noqa: PLC0415

    population = load_population(args)
    reports = population.reports(args.combination)
    _, summary = summary_result(population, reports, args.by or ("unit",), args.min_group)
    if not summary.groups:
        raise UsageError(
            "--min-group", "expected a group large enough to show (every group is suppressed)"
        )
    return gap_heatmap(summary, value=args.value), summary


def ninebox_figure(args: argparse.Namespace) -> tuple[Any, Any]:
    """The nine-box distribution of everyone placed, and its summary."""
    from asn_competency.cli.talent import distribution_result, placements  # noqa: PLC0415
    from asn_competency.plots import nine_box_grid  # noqa: PLC0415

    _, summary = distribution_result(placements(args), None, args.min_group)
    if not summary.groups:
        raise UsageError("--min-group", "expected more people placed than the smallest group shown")
    return nine_box_grid(summary, pool=args.pool), summary


def network_figure(args: argparse.Namespace) -> tuple[Any, Any]:
    """The mentoring network."""
    from asn_competency.cli.network import graph_and_people  # noqa: PLC0415
    from asn_competency.plots import mentoring_network  # noqa: PLC0415

    graph, records, _, _ = graph_and_people(args)
    return mentoring_network(graph, employees=list(records.values()) or None), graph


def before_after_figure(args: argparse.Namespace) -> tuple[Any, Any]:
    """Indicators before and after a programme."""
    from asn_competency.cli.evaluate import read_indicators  # noqa: PLC0415
    from asn_competency.plots import before_after  # noqa: PLC0415

    indicators, measurements = read_indicators(args.indicators, "programme")
    values = {(m.indicator_id, m.period): m.value for m in measurements}
    pairs = {
        ind: (values[(ind.id, "before")], values[(ind.id, "after")])
        for ind in indicators
        if (ind.id, "before") in values
    }
    if not pairs:
        raise UsageError("--indicators", "expected indicators measured before and after")
    return before_after(pairs, style=args.style), pairs


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(
        args.out,
        inputs_of(
            args,
            "employees",
            "assessments",
            "standards",
            "framework",
            "scores",
            "relationships",
            "indicators",
        ),
        suffixes=(".png", ".svg"),
    )
    for name in _NEEDS[args.kind]:
        if getattr(args, name) is None:
            raise UsageError(f"--{name}", f"expected a file for 'plot {args.kind}'")
    draw = {
        "heatmap": heatmap_figure,
        "ninebox": ninebox_figure,
        "network": network_figure,
        "before-after": before_after_figure,
    }[args.kind]
    fig, _ = draw(args)
    write_bytes(args.out, figure_bytes(fig, args.out.suffix.lower().lstrip(".")))
    print(f"wrote {args.kind} to {args.out}", file=sys.stderr)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``plot`` command to the parser."""
    p = sub.add_parser(
        "plot",
        help="draw the gap heatmap, nine-box, mentoring network or before-after (PNG or SVG)",
        description=(
            "Draw one figure to a PNG or SVG file (needs the 'plots' extra: matplotlib). "
            "heatmap: mean gap (or share below) by unit and competency, small groups "
            "suppressed; ninebox: people per box; network: mentors and mentees; "
            "before-after: indicators before and after a programme."
        ),
        epilog=(
            "Examples:\n  asn-competency plot heatmap --employees pegawai.csv --assessments "
            "penilaian.csv --standards standar.csv -o heatmap.png\n"
            "  asn-competency plot ninebox --employees pegawai.csv --scores kinerja.csv "
            "--assessments penilaian.csv --standards standar.csv --pool instansi -o ninebox.svg\n"
            "  asn-competency plot network --relationships mentoring.csv --employees "
            "pegawai.csv -o jejaring.png\n"
            "  asn-competency plot before-after --indicators indikator.csv -o dampak.png"
        ),
        formatter_class=fmt,
    )
    p.add_argument("kind", choices=KINDS, help="the figure")
    p.add_argument(
        "-o", "--out", type=Path, required=True, metavar="FILE", help="the picture (.png or .svg)"
    )
    population_options(p, employees=False, assessments=False)
    p.add_argument("--by", type=by_arg, metavar="FIELDS", help="heatmap: the rows (default unit)")
    p.add_argument(
        "--value",
        choices=["gap", "share_below"],
        default="gap",
        help="heatmap: what the colour shows",
    )
    p.add_argument(
        "--min-group",
        type=positive_int,
        metavar="N",
        help="heatmap, ninebox: the smallest group shown (default: the suppression policy's 5)",
    )
    p.add_argument(
        "--scores",
        type=Path,
        metavar="FILE",
        help="ninebox: performance, and potential or its evidence (as 'talent' reads it)",
    )
    p.add_argument(
        "--pool",
        choices=["instansi", "nasional"],
        help="ninebox: outline the boxes of the agencies' or the national talent pool",
    )
    p.add_argument("--relationships", type=Path, metavar="FILE", help="network: the mentoring ties")
    p.add_argument("--indicators", type=Path, metavar="FILE", help="before-after: the indicators")
    p.add_argument(
        "--style", choices=["bars", "slope"], default="bars", help="before-after: the style"
    )
    p.set_defaults(handler=run, parser=p)

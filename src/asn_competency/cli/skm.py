"""``asn-competency skm``: the public-satisfaction index of a survey file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asn_competency.cli._common import EXIT_OK, check_output, emit

if TYPE_CHECKING:
    pass


_SKM_POLICIES = {
    "2017": "SKM_PERMENPANRB_14_2017",
    "2017-printed": "SKM_PERMENPANRB_14_2017_PRINTED",
    "2004": "SKM_KEPMENPAN_25_2004",
    "2004-printed": "SKM_KEPMENPAN_25_2004_PRINTED",
}


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out)
    from asn_competency.evaluation.skm import skm_index  # noqa: PLC0415
    from asn_competency.io.csv import read_skm_responses  # noqa: PLC0415
    from asn_competency.policies import skm  # noqa: PLC0415

    policy = getattr(skm, _SKM_POLICIES[args.policy])
    rows_in = read_skm_responses(args.file, policy=policy)
    result = skm_index(rows_in, policy=policy)
    header = ["code", "name", "answers", "nrr", "weight", "weighted"]
    rows = [
        [e.code, e.name, e.answers, e.nrr, float(e.weight), e.weighted] for e in result.elements
    ]
    emit(
        header,
        rows,
        args.out,
        extra={
            "index": result.index,
            "converted": result.converted,
            "grade": result.grade,
            "label": result.label,
            "respondents": result.respondents,
            "policy": f"{result.policy.name} {result.policy.version}",
        },
    )
    print(result.explain())
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``skm`` command to the parser."""
    skm_p = sub.add_parser(
        "skm",
        help="the public-satisfaction index (SKM/IKM) of a survey",
        description=(
            "Compute the SKM index from a CSV of answers: one row per respondent, one "
            "column per element (U1..U9)."
        ),
        epilog="Example:\n  asn-competency skm survei.csv --policy 2017-printed",
        formatter_class=fmt,
    )
    skm_p.add_argument("file", type=Path, help="the answers (.csv)")
    skm_p.add_argument(
        "--policy", choices=sorted(_SKM_POLICIES), default="2017", help="the SKM rule"
    )
    skm_p.add_argument("--out", type=Path, help="write .csv or .json instead of a table")
    skm_p.set_defaults(handler=run)

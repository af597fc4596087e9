"""``asn-competency jp``: who has had their 20 JP this year, per person or by group."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency.cli._common import (
    EXIT_OK,
    UsageError,
    check_output,
    emit,
    is_csv,
    load_list,
)
from asn_competency.domain.employee import Employee

if TYPE_CHECKING:
    from asn_competency.compliance.jp import JpCompliance
    from asn_competency.domain.ledger import Ledger


def load_ledger(path: Path) -> Ledger:
    """Read a ledger from a CSV file or a JSON list of entries (or a Ledger document)."""
    from asn_competency.domain.ledger import Ledger, LedgerEntry  # noqa: PLC0415

    if is_csv(path):
        from asn_competency.io.ledger import read_ledger  # noqa: PLC0415

        return read_ledger(path)
    from asn_competency.io.json import from_data, read_json  # noqa: PLC0415

    data = read_json(path)
    if isinstance(data, dict):
        ledger: Ledger = from_data(Ledger, data, source=str(path))
        return ledger
    return Ledger(from_data(list[LedgerEntry], data, source=str(path)))


def _policy(args: argparse.Namespace) -> Any:
    from asn_competency.policies.compliance import JP_COMPLIANCE_DEFAULT  # noqa: PLC0415

    if args.split is None:
        return JP_COMPLIANCE_DEFAULT
    return attrs.evolve(
        JP_COMPLIANCE_DEFAULT,
        name=f"{JP_COMPLIANCE_DEFAULT.name}-split-{args.split}",
        split=args.split,
    )


def _period(args: argparse.Namespace) -> Any:
    from asn_competency.domain.period import Period  # noqa: PLC0415

    if (args.year is None) == (args.period is None):
        raise UsageError("give one of --year or --period")
    return Period.year(args.year) if args.year is not None else Period.parse(args.period)


def _by_group(args: argparse.Namespace, result: JpCompliance, employees: list[Employee]) -> None:
    from asn_competency.compliance.summary import summarise_jp  # noqa: PLC0415
    from asn_competency.policies.suppression import SUPPRESSION_DEFAULT  # noqa: PLC0415

    by = [f.strip() for f in args.by.split(",") if f.strip()]
    suppression = SUPPRESSION_DEFAULT
    if args.min_group is not None:
        suppression = attrs.evolve(suppression, min_group_size=args.min_group)
    summary = summarise_jp(result, employees=employees, by=by, policy=suppression)
    labels = list(summary.policy.band_labels())
    header = [
        *by,
        "people",
        "with_target",
        "met",
        "short",
        "no_record",
        "no_target",
        "share_met",
        "mean_jp",
        "median_jp",
        *labels,
        "short_nips",
    ]
    rows: list[list[object]] = [
        [
            *g.key,
            g.people,
            g.with_target,
            g.met,
            g.short,
            g.no_record,
            g.no_target,
            g.share_met,
            g.mean_jp,
            g.median_jp,
            *(n for _, n in g.bands),
            g.short_nips,
        ]
        for g in summary.groups
    ]
    emit(header, rows, args.out, extra={"period": summary.period.label, "by": by})
    if summary.suppressed_groups:
        print(
            f"{summary.suppressed_groups} group(s) of fewer than "
            f"{summary.suppression.min_group_size} people not shown",
            file=sys.stderr,
        )


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out)
    span = _period(args)
    from asn_competency.compliance.columnar import JpStatus  # noqa: PLC0415
    from asn_competency.compliance.jp import analyse_jp  # noqa: PLC0415

    employees: list[Employee] = load_list(args.employees, "employees")
    ledger = load_ledger(args.ledger)
    result = analyse_jp(ledger, period=span, employees=employees, policy=_policy(args))
    if args.by:
        _by_group(args, result, employees)
    else:
        people = {e.nip: e for e in employees}
        shown = result.short() if args.short else result.people
        header = [
            "nip",
            "name",
            "unit",
            "employment",
            "status",
            "target_jp",
            "counted_jp",
            "short_by",
            "formal_jp",
            "social_jp",
            "experiential_jp",
            "entries",
            "duplicates",
            "uncredited",
        ]
        rows = [
            [
                p.nip,
                people[p.nip].name,
                people[p.nip].unit,
                p.employment.value,
                p.status.value,
                p.target_jp,
                p.counted_jp,
                p.short_by,
                p.formal_jp,
                p.social_jp,
                p.experiential_jp,
                p.entries,
                p.duplicates,
                p.uncredited,
            ]
            for p in shown
        ]
        emit(header, rows, args.out, extra={"period": result.period.label})
    counts = result.counts()
    with_target = len(result.people) - counts[JpStatus.NO_TARGET]
    share = f" ({counts[JpStatus.MET] / with_target:.0%})" if with_target else ""
    print(
        f"JP {result.period.label}: {len(result.people)} people, {counts[JpStatus.MET]} met"
        f"{share}, {counts[JpStatus.SHORT]} short, {counts[JpStatus.NO_RECORD]} with no record, "
        f"{counts[JpStatus.NO_TARGET]} without a target; {len(result.duplicates)} duplicate "
        f"record(s) counted once, {len(result.uncredited)} record(s) with no JP",
        file=sys.stderr,
    )
    if result.outside:
        more = " ..." if len(result.outside) > 5 else ""
        print(
            f"{len(result.outside)} NIP(s) in the ledger are not among the employees and were "
            f"not counted: {', '.join(result.outside[:5])}{more}",
            file=sys.stderr,
        )
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``jp`` command to the parser."""
    jp = sub.add_parser(
        "jp",
        help="yearly JP of competency development against the 20 JP target",
        description=(
            "Count each person's JP of competency development in a year (or any period) from "
            "the development ledger (riwayat diklat): records stating no JP get the regional "
            "credit of their route, duplicates count once, daily caps apply, a record crossing "
            "the year is split by days. One row per person (met, short by n JP, no record), or "
            "a summary by group (--by) with small groups suppressed."
        ),
        epilog=(
            "Examples:\n  asn-competency jp --ledger riwayat.csv --employees pegawai.csv "
            "--year 2025\n"
            "  asn-competency jp --ledger riwayat.csv --employees pegawai.csv --year 2025 "
            "--by unit --out jp-2025.csv"
        ),
        formatter_class=fmt,
    )
    jp.add_argument("--ledger", type=Path, required=True, help="the ledger (.csv or .json)")
    jp.add_argument("--employees", type=Path, required=True, help="employees (.csv or .json)")
    jp.add_argument("--year", type=int, help="the year counted")
    jp.add_argument("--period", help="another period: 2025-S1, 2025-Q3, 2025-07 or START..END")
    jp.add_argument(
        "--split",
        choices=["pro_rata", "start", "end"],
        help="how a record crossing the period's boundary counts (default pro_rata)",
    )
    jp.add_argument("--short", action="store_true", help="only the people short of the target")
    jp.add_argument("--by", help="summarise by these employee fields, e.g. unit or agency,tier")
    jp.add_argument("--min-group", type=int, help="--by: smallest group shown (default 5)")
    jp.add_argument("--out", type=Path, help="write .csv or .json instead of a table")
    jp.set_defaults(handler=run)

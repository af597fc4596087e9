"""``asn-competency jp``: who has had their 20 JP this year, per person or by group."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency.cli._common import (
    EXIT_OK,
    Problems,
    Result,
    UsageError,
    by_arg,
    check_output,
    emit,
    listed,
    output_options,
    positive_int,
    year_arg,
)
from asn_competency.cli._inputs import inputs_of, is_csv, load_list
from asn_competency.domain.employee import Employee

if TYPE_CHECKING:
    from asn_competency.compliance.jp import JpCompliance
    from asn_competency.domain.ledger import Ledger
    from asn_competency.domain.period import Period

INPUTS = ("ledger", "employees")

PERSON_COLUMNS = (
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
)
"""The columns of the per-person result."""


def load_ledger(path: Path) -> Ledger:
    """Read a ledger from a CSV file or a JSON list of entries (or a Ledger document).

    Raises:
        DocumentError: For a file that cannot be read, or rows or fields that are wrong.
    """
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


def period_of(args: argparse.Namespace) -> Period:
    """The period of ``--year`` or ``--period`` (exactly one of them).

    Raises:
        UsageError: For neither or both, or a period label that cannot be read.
    """
    from asn_competency.domain.period import Period  # noqa: PLC0415
    from asn_competency.errors import ValidationError  # noqa: PLC0415

    if args.year is not None and args.period is not None:
        raise UsageError("--period", "expected --year or --period, not both")
    if args.year is not None:
        return Period.year(args.year)
    if args.period is None:
        raise UsageError("--year", "expected --year or --period (the period counted)")
    try:
        return Period.parse(args.period)
    except ValidationError:
        raise UsageError(
            "--period",
            f"expected a period such as 2025, 2025-S1, 2025-Q3, 2025-07 or "
            f"2025-01-01..2025-06-30 (got {args.period!r})",
        ) from None


def group_result(
    result: JpCompliance,
    employees: list[Employee],
    by: tuple[str, ...],
    min_group: int | None,
) -> Result:
    """The count by group of employees; groups below the suppression minimum are not shown."""
    from asn_competency.compliance.summary import summarise_jp  # noqa: PLC0415
    from asn_competency.policies.suppression import SUPPRESSION_DEFAULT  # noqa: PLC0415

    suppression = SUPPRESSION_DEFAULT
    if min_group is not None:
        suppression = attrs.evolve(suppression, min_group_size=min_group)
    summary = summarise_jp(result, employees=employees, by=list(by), policy=suppression)
    columns = [
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
        *summary.policy.band_labels(),
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
    meta: dict[str, object] = {
        "suppression_policy": f"{suppression.name} {suppression.version}",
        "min_group_size": suppression.min_group_size,
        "suppressed_groups": summary.suppressed_groups,
    }
    notes = []
    if summary.suppressed_groups:
        notes.append(
            f"{summary.suppressed_groups} group(s) of fewer than "
            f"{suppression.min_group_size} people not shown"
        )
    return Result(columns, rows, meta, notes)


def person_result(result: JpCompliance, employees: list[Employee], *, short: bool) -> Result:
    """One row per person (or per person short of the target, most missing first)."""
    people = {e.nip: e for e in employees}
    shown = result.short() if short else result.people
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
    return Result(list(PERSON_COLUMNS), rows)


def _summary(result: JpCompliance) -> tuple[dict[str, object], list[str]]:
    """The counts of the whole result, as facts and as sentences."""
    from asn_competency.compliance.columnar import JpStatus  # noqa: PLC0415

    counts = result.counts()
    with_target = len(result.people) - counts[JpStatus.NO_TARGET]
    share = f" ({counts[JpStatus.MET] / with_target:.0%})" if with_target else ""
    meta: dict[str, object] = {
        "period": result.period.label,
        "jp_policy": f"{result.policy.name} {result.policy.version}",
        "people_total": len(result.people),
        **{f"people_{s.value}": counts[s] for s in JpStatus},
        "duplicates": len(result.duplicates),
        "uncredited": len(result.uncredited),
        "outside": len(result.outside),
    }
    notes = [
        f"JP {result.period.label}: {len(result.people)} people, {counts[JpStatus.MET]} met"
        f"{share}, {counts[JpStatus.SHORT]} short, {counts[JpStatus.NO_RECORD]} with no record, "
        f"{counts[JpStatus.NO_TARGET]} without a target; {len(result.duplicates)} duplicate "
        f"record(s) counted once, {len(result.uncredited)} record(s) with no JP"
    ]
    if result.outside:
        notes.append(
            f"{len(result.outside)} NIP(s) in the ledger are not among the employees and were "
            f"not counted: {listed(result.outside, 5)}"
        )
    return meta, notes


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out, inputs_of(args, *INPUTS))
    if args.min_group is not None and not args.by:
        raise UsageError("--min-group", "expected --by with --min-group (it sizes the groups)")
    if args.short and args.by:
        raise UsageError("--short", "expected no --by with --short (it lists people)")
    span = period_of(args)
    from asn_competency.compliance.jp import analyse_jp  # noqa: PLC0415

    problems = Problems()
    employees: list[Employee] | None = problems.read(lambda: load_list(args.employees, "employees"))
    ledger: Ledger | None = problems.read(lambda: load_ledger(args.ledger))
    problems.check()
    assert employees is not None  # problems.check() raised otherwise
    assert ledger is not None
    result = analyse_jp(ledger, period=span, employees=employees, policy=_policy(args))
    if args.by:
        shown = group_result(result, employees, args.by, args.min_group)
    else:
        shown = person_result(result, employees, short=args.short)
    meta, notes = _summary(result)
    emit(Result(shown.columns, shown.rows, {**meta, **shown.meta}, [*notes, *shown.summary]), args)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``jp`` command to the parser."""
    p = sub.add_parser(
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
            "--by unit --out jp-2025.csv\n\n"
            "Ledger CSV: nip, nama_diklat (title), tanggal_mulai (start), and optionally "
            "jenis_diklat (kind), jalur (route), tanggal_selesai (end), jumlah_jam (jp), "
            "durasi_jam (hours), penyelenggara (provider), nomor_sertifikat (certificate)."
        ),
        formatter_class=fmt,
    )
    p.add_argument(
        "--ledger", type=Path, required=True, metavar="FILE", help="the ledger (.csv or .json)"
    )
    p.add_argument(
        "--employees", type=Path, required=True, metavar="FILE", help="employees (.csv or .json)"
    )
    p.add_argument("--year", type=year_arg, help="the year counted")
    p.add_argument(
        "--period", metavar="PERIOD", help="another period: 2025-S1, 2025-Q3, 2025-07 or START..END"
    )
    p.add_argument(
        "--split",
        choices=["pro_rata", "start", "end"],
        help="how a record crossing the period's boundary counts (the policy's: pro_rata)",
    )
    p.add_argument("--short", action="store_true", help="only the people short of the target")
    p.add_argument(
        "--by",
        type=by_arg,
        metavar="FIELDS",
        help="summarise by employee fields: unit, agency, region, tier, position",
    )
    p.add_argument(
        "--min-group",
        type=positive_int,
        metavar="N",
        help="--by: the smallest group shown (default: the suppression policy's 5)",
    )
    output_options(p)
    p.set_defaults(handler=run, parser=p)

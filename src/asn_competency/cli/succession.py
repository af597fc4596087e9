"""``asn-competency succession``: ranked successors for key positions, coverage and bench strength.

The key positions file is a CSV (``id``, ``title``, ``tier``, ``agency``,
``unit``; Indonesian headers ``id_jabatan``, ``nama_jabatan``, ``jenjang``,
``instansi``, ``unit_kerja`` are read too) or a JSON list of positions. The
sanctions file is a CSV with ``nip`` and ``sanction`` (``ringan``, ``sedang``,
``berat``). The scores file is the one ``asn-competency talent`` reads.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency.cli._common import (
    EXIT_OK,
    UsageError,
    check_output,
    combination_policy,
    date_arg,
    emit,
    is_csv,
    load_framework,
    load_list,
)
from asn_competency.cli.talent import read_employees, read_placements
from asn_competency.domain.assessment import CombinationRule
from asn_competency.domain.employee import Employee, parse_nip
from asn_competency.domain.position import Position, PositionStandard
from asn_competency.errors import DocumentError, InvalidNipError, Problem, ValidationError

if TYPE_CHECKING:
    from asn_competency.domain.framework import CompetencyFramework
    from asn_competency.domain.records import Sanction
    from asn_competency.talent.succession import SuccessionTable

_POSITION_COLUMNS = {
    "id": "id",
    "position_id": "id",
    "id_jabatan": "id",
    "title": "title",
    "nama_jabatan": "title",
    "jabatan": "title",
    "tier": "tier",
    "jenjang": "tier",
    "agency": "agency",
    "instansi": "agency",
    "unit": "unit",
    "unit_kerja": "unit",
}


def read_positions(path: Path) -> list[Position]:
    """Read key positions from a CSV or a JSON list; every bad cell is reported.

    Raises:
        DocumentError: For a bad file or cell (a CSV error names line and column).
    """
    if not is_csv(path):
        from asn_competency.io.json import from_data, read_json  # noqa: PLC0415

        return from_data(list[Position], read_json(path), source=str(path))
    from asn_competency.io.csv import CsvError, CsvProblem, read_csv_rows  # noqa: PLC0415

    rows = read_csv_rows(path)
    problems: list[CsvProblem] = []
    positions: list[Position] = []
    for line, row in rows:
        names = {_POSITION_COLUMNS[h.lower()]: h for h in row if h.lower() in _POSITION_COLUMNS}
        missing = [c for c in ("id", "title", "tier") if c not in names]
        if missing:
            raise CsvError([CsvProblem(1, None, f"columns {missing}", sorted(row))], str(path))
        values = {field: row[header].strip() for field, header in names.items()}
        try:
            positions.append(Position(**values))
        except ValidationError as e:
            problems.append(CsvProblem(line, names.get(e.field, e.field), e.expected, e.got))
    if problems:
        raise CsvError(problems, str(path))
    return positions


def read_sanctions(path: Path, employees: Mapping[str, Employee]) -> dict[str, Sanction]:
    """Read ``nip,sanction`` rows; every bad cell is reported with line and column."""
    from asn_competency.domain.records import Sanction  # noqa: PLC0415
    from asn_competency.io.csv import CsvError, CsvProblem, read_csv_rows  # noqa: PLC0415

    problems: list[CsvProblem] = []
    out: dict[str, Sanction] = {}
    choices = ", ".join(repr(s.value) for s in Sanction)
    for line, row in read_csv_rows(path):
        if "nip" not in row or "sanction" not in row:
            raise CsvError(
                [CsvProblem(1, None, "columns 'nip' and 'sanction'", sorted(row))], str(path)
            )
        try:
            nip = parse_nip(row["nip"]).value
        except InvalidNipError as e:
            problems.append(CsvProblem(line, "nip", e.expected, row["nip"]))
            continue
        if nip not in employees:
            problems.append(CsvProblem(line, "nip", "a NIP of the employees file", nip))
        elif nip in out:
            problems.append(CsvProblem(line, "nip", "one row per person", nip))
        else:
            try:
                out[nip] = Sanction(row["sanction"].strip().lower())
            except ValueError:
                problems.append(CsvProblem(line, "sanction", f"one of {choices}", row["sanction"]))
    if problems:
        raise CsvError(problems, str(path))
    return out


def _standards(
    args: argparse.Namespace, framework: CompetencyFramework | None
) -> Mapping[str, PositionStandard] | Any:
    if args.standards is not None:
        out: dict[str, PositionStandard] = {}
        for i, s in enumerate(load_list(args.standards, "standards", framework=framework)):
            if s.position_id in out:
                problem = Problem(
                    f"$[{i}].position_id", f"expected a position named once (got {s.position_id!r})"
                )
                raise DocumentError([problem], str(args.standards))
            out[s.position_id] = s
        return out
    from asn_competency.policies.national import national_framework  # noqa: PLC0415
    from asn_competency.policies.required_levels import (  # noqa: PLC0415
        REQUIRED_LEVELS_PERMENPANRB_38_2017,
    )

    fw = framework or national_framework()

    def by_tier(p: Position) -> PositionStandard:
        return REQUIRED_LEVELS_PERMENPANRB_38_2017.standard_for(p.id, p.tier, fw)

    return by_tier


def _table(args: argparse.Namespace) -> SuccessionTable:
    from asn_competency.policies.jpm import JPM_WEIGHTING_JFKK_2020  # noqa: PLC0415
    from asn_competency.policies.national import national_framework  # noqa: PLC0415
    from asn_competency.policies.succession import SUCCESSION_DEFAULT  # noqa: PLC0415
    from asn_competency.talent.succession import plan_succession  # noqa: PLC0415

    framework = load_framework(args.framework)
    employees = read_employees(args.employees)
    positions = read_positions(args.positions)
    assessments = load_list(args.assessments, "assessments", framework=framework)
    placements = {} if args.scores is None else read_placements(args.scores, employees)
    sanctions = None if args.sanctions is None else read_sanctions(args.sanctions, employees)
    rules = tuple(r for r in SUCCESSION_DEFAULT.rules if r not in set(args.without_rule or ()))
    policy = attrs.evolve(SUCCESSION_DEFAULT, level=args.level, rules=rules)
    weighting = JPM_WEIGHTING_JFKK_2020 if args.weighting == "jfkk" else None
    if weighting is not None and framework is None:
        framework = national_framework()
    return plan_succession(
        positions,
        employees,
        assessments,
        _standards(args, framework),
        as_of=args.as_of,
        placements=placements,
        sanctions=sanctions,
        policy=policy,
        framework=framework,
        weighting=weighting,
        combination=combination_policy(args.combination),
    )


def _candidate_rows(table: SuccessionTable) -> tuple[list[str], list[list[object]]]:
    header = [
        "position_id",
        "rank",
        "nip",
        "name",
        "unit",
        "move",
        "readiness",
        "jpm",
        "jpm_category",
        "box",
        "gaps",
    ]
    rows: list[list[object]] = [
        [
            k.position.id,
            rank,
            c.nip,
            c.name,
            c.unit,
            c.move.value,
            c.readiness.value,
            c.jpm,
            c.jpm_category,
            c.box,
            tuple(
                f"{g.competency_id}:{'n/a' if g.shortfall is None else f'{g.shortfall:g}'}"
                for g in c.gaps
            ),
        ]
        for k in table.positions
        for rank, c in enumerate(k.candidates, start=1)
    ]
    return header, rows


def _coverage_rows(table: SuccessionTable) -> tuple[list[str], list[list[object]]]:
    header = [
        "position_id",
        "title",
        "tier",
        "agency",
        "unit",
        "candidates",
        "ready_now",
        "ready_1_2_years",
        "not_ready",
        "excluded",
        "successor",
    ]
    rows: list[list[object]] = [
        [
            k.position.id,
            k.position.title,
            k.position.tier.value,
            k.position.agency,
            k.position.unit,
            len(k.candidates),
            k.ready_now,
            k.ready_1_2_years,
            k.not_ready,
            len(k.excluded),
            k.candidates[0].nip if k.has_ready_successor else None,
        ]
        for k in table.positions
    ]
    return header, rows


def _exclusion_rows(table: SuccessionTable) -> tuple[list[str], list[list[object]]]:
    header = ["position_id", "nip", "rule", "reason"]
    rows: list[list[object]] = [
        [k.position.id, x.nip, rule, reason]
        for k in table.positions
        for x in k.excluded
        for rule, reason in zip(x.failed, x.reasons, strict=True)
    ]
    return header, rows


def _bench(args: argparse.Namespace, table: SuccessionTable) -> int:
    from asn_competency.policies.suppression import SUPPRESSION_DEFAULT  # noqa: PLC0415
    from asn_competency.talent.bench import summarise_succession  # noqa: PLC0415

    policy = SUPPRESSION_DEFAULT
    if args.min_group is not None:
        policy = attrs.evolve(policy, min_group_size=args.min_group)
    by = [f.strip() for f in args.by.split(",") if f.strip()]
    summary = summarise_succession(table, by=by, policy=policy)
    header = [
        *summary.by,
        "key_positions",
        "with_ready_successor",
        "without_ready_successor",
        "ready_now",
        "ready_1_2_years",
        "not_ready",
        "people",
        "coverage",
        "bench_strength",
    ]
    rows = [
        [
            *g.key,
            g.key_positions,
            g.with_ready_successor,
            g.without_ready_successor,
            g.ready_now,
            g.ready_1_2_years,
            g.not_ready,
            g.people,
            g.coverage,
            g.bench_strength,
        ]
        for g in summary.groups
    ]
    emit(header, rows, args.out)
    if summary.suppressed_groups:
        print(
            f"{summary.suppressed_groups} group(s) of fewer than {policy.min_group_size} "
            "candidates not shown",
            file=sys.stderr,
        )
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out)
    chosen = [f for f in ("coverage", "exclusions") if getattr(args, f)] + (
        ["by"] if args.by else []
    )
    if len(chosen) > 1:
        raise UsageError(f"choose one of --coverage, --exclusions and --by (got {chosen})")
    if args.scores is not None and not is_csv(args.scores):
        raise UsageError(f"{args.scores}: the scores must be a .csv file")
    if args.sanctions is not None and not is_csv(args.sanctions):
        raise UsageError(f"{args.sanctions}: the sanctions must be a .csv file")
    table = _table(args)
    if args.by:
        return _bench(args, table)
    if args.coverage:
        header, rows = _coverage_rows(table)
    elif args.exclusions:
        header, rows = _exclusion_rows(table)
    else:
        header, rows = _candidate_rows(table)
    emit(header, rows, args.out)
    missing = table.without_ready_successor()
    print(
        f"{len(table.positions)} key position(s); {len(missing)} without a ready successor"
        + (f": {', '.join(missing)}" if missing else ""),
        file=sys.stderr,
    )
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``succession`` command to the parser."""
    from asn_competency.policies.succession import SUCCESSION_RULES  # noqa: PLC0415

    p = sub.add_parser(
        "succession",
        help="ranked successors for key positions, coverage and bench strength",
        description=(
            "For each key position, the eligible candidates ranked by readiness (ready now, "
            "in 1-2 years, not ready), JPM against its standard and nine-box box; or one row "
            "per key position (--coverage), the people excluded and why (--exclusions), or "
            "bench strength by group (--by) with small groups suppressed."
        ),
        epilog=(
            "Examples:\n  asn-competency succession --employees pegawai.csv --assessments "
            "penilaian.csv --positions jabatan_kunci.csv --scores nilai_talenta.csv "
            "--as-of 2025-07-01\n  asn-competency succession ... --coverage --out cakupan.csv"
        ),
        formatter_class=fmt,
    )
    p.add_argument("--employees", type=Path, required=True, help="employees (.csv or .json)")
    p.add_argument("--assessments", type=Path, required=True, help="assessments (.csv or .json)")
    p.add_argument("--positions", type=Path, required=True, help="key positions (.csv or .json)")
    p.add_argument("--as-of", type=date_arg, required=True, help="count years in position to")
    p.add_argument("--scores", type=Path, help="nine-box scores (.csv, as for 'talent')")
    p.add_argument("--sanctions", type=Path, help="sanctions of the last five years (.csv)")
    p.add_argument(
        "--standards",
        type=Path,
        help="standards of the key positions (.csv or .json); default: the national levels",
    )
    p.add_argument("--framework", type=Path, help="framework (.json, CASE .json or .csv)")
    p.add_argument(
        "--combination",
        choices=[r.value for r in CombinationRule],
        help="how several assessments of one competency combine (default: latest)",
    )
    p.add_argument(
        "--level", choices=["instansi", "nasional"], default="instansi", help="pool level"
    )
    p.add_argument(
        "--without-rule",
        action="append",
        choices=list(SUCCESSION_RULES),
        help="switch a built-in eligibility rule off (repeatable)",
    )
    p.add_argument(
        "--weighting", choices=["jfkk"], help="weigh the JPM of functional key positions (JFKK)"
    )
    p.add_argument("--coverage", action="store_true", help="one row per key position")
    p.add_argument("--exclusions", action="store_true", help="one row per person excluded")
    p.add_argument("--by", help="bench strength by these key-position fields, e.g. agency,unit")
    p.add_argument("--min-group", type=int, help="--by: fewest candidates shown (default 5)")
    p.add_argument("--out", type=Path, help="write .csv or .json instead of a table")
    p.set_defaults(handler=run)

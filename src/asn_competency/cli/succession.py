"""``asn-competency succession``: ranked successors for key positions, coverage and bench strength.

The key positions file is a CSV (``id``, ``title``, ``tier``, ``agency``,
``unit``; Indonesian headers ``id_jabatan``, ``nama_jabatan``, ``jenjang``,
``instansi``, ``unit_kerja`` are read too) or a JSON list of positions. The
sanctions file is a CSV of ``nip`` and ``sanction`` (or ``sanksi``: ``ringan``,
``sedang``, ``berat``, ``tidak_ada``). The scores file is the one
``asn-competency talent`` reads, with each person's potential given or its
evidence.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency.cli._common import (
    EXIT_OK,
    Problems,
    Progress,
    Result,
    UsageError,
    check_output,
    date_arg,
    emit,
    listed,
    output_options,
    positive_int,
)
from asn_competency.cli._inputs import (
    combination_policy,
    employee_index,
    inputs_of,
    is_csv,
    known_assessments,
    load_framework,
    load_list,
    population_options,
    problem,
    read_columns,
    standard_lookup,
)
from asn_competency.cli.talent import Scores, check_scores_file, place, read_scores
from asn_competency.domain.position import Position, PositionStandard
from asn_competency.errors import DocumentError, Problem

if TYPE_CHECKING:
    from asn_competency.domain.assessment import Assessment
    from asn_competency.domain.employee import Employee
    from asn_competency.domain.framework import CompetencyFramework
    from asn_competency.domain.records import Sanction
    from asn_competency.talent.nine_box import TalentBox
    from asn_competency.talent.succession import SuccessionTable

INPUTS = (
    "employees",
    "assessments",
    "standards",
    "framework",
    "positions",
    "scores",
    "sanctions",
)

_POSITION_COLUMNS = [
    ("id", ("position_id", "id_jabatan", "kode_jabatan"), True),
    ("title", ("nama_jabatan",), True),
    ("tier", ("jenjang",), True),
    ("agency", ("instansi",), False),
    ("unit", ("unit_kerja",), False),
]


def bench_fields(text: str) -> tuple[str, ...]:
    """Key-position grouping fields for ``--by``, comma-separated (an argparse type)."""
    from asn_competency.talent.bench import BENCH_FIELDS  # noqa: PLC0415

    fields = tuple(f.strip() for f in text.split(",") if f.strip())
    known = ", ".join(BENCH_FIELDS)
    for f in fields or (text,):
        if f not in BENCH_FIELDS:
            raise argparse.ArgumentTypeError(f"expected one or more of {known} (got {f!r})")
    if len(set(fields)) != len(fields):
        raise argparse.ArgumentTypeError(f"expected each field once (got {text!r})")
    return fields


@attrs.frozen
class KeyPositions:
    """The key positions of a file, where each is in it, and the file's headers.

    Args:
        positions: The key positions, in file order.
        places: Where each is: ``line N`` (CSV) or ``$[i]`` (JSON).
        headers: The header of each column as the file writes it (JSON: the field name).
    """

    positions: tuple[Position, ...]
    places: tuple[str, ...]
    headers: dict[str, str]


def _json_positions(path: Path) -> KeyPositions:
    from asn_competency.io.json import from_data, read_json  # noqa: PLC0415

    positions = from_data(list[Position], read_json(path), source=str(path))
    first: dict[str, int] = {}
    found: list[Problem] = []
    for i, p in enumerate(positions):
        if p.id in first:
            expected = f"a position not already in $[{first[p.id]}]"
            found.append(Problem(f"$[{i}].id", f"expected {expected} (got {p.id!r})"))
        first.setdefault(p.id, i)
    if found:
        raise DocumentError(found, str(path))
    names = {name: name for name, _, _ in _POSITION_COLUMNS}
    return KeyPositions(tuple(positions), tuple(f"$[{i}]" for i in range(len(positions))), names)


def read_positions(path: Path) -> KeyPositions:
    """Read the key positions from a CSV file or a JSON list; every bad cell is reported.

    Raises:
        DocumentError: For a bad file, cell or repeated id (a CSV error names
            line and column, a JSON error the path of the record).
    """
    if not is_csv(path):
        return _json_positions(path)
    from asn_competency.errors import ValidationError  # noqa: PLC0415
    from asn_competency.io.csv import CsvError, CsvProblem  # noqa: PLC0415

    rows, col = read_columns(path, _POSITION_COLUMNS)
    problems: list[CsvProblem] = []
    positions: list[Position] = []
    lines: list[str] = []
    seen: dict[str, int] = {}
    for line, cells in rows:
        if cells["id"] in seen:
            expected = f"a position id not already on line {seen[cells['id']]}"
            problems.append(CsvProblem(line, col["id"], expected, cells["id"]))
            continue
        seen[cells["id"]] = line
        try:
            positions.append(Position(**cells))
        except ValidationError as e:
            problems.append(CsvProblem(line, col[e.field], e.expected, cells[e.field]))
        else:
            lines.append(f"line {line}")
    if problems:
        raise CsvError(problems, str(path))
    return KeyPositions(tuple(positions), tuple(lines), col)


def read_sanctions(path: Path) -> tuple[dict[str, tuple[int, Sanction]], str]:
    """Read ``nip,sanction`` rows into ``{nip: (line, sanction)}``, and the NIP column's header.

    Every bad cell is reported.

    Raises:
        CsvError: For a bad file, NIP, sanction or a NIP given twice.
    """
    from asn_competency.domain.employee import parse_nip  # noqa: PLC0415
    from asn_competency.domain.records import Sanction  # noqa: PLC0415
    from asn_competency.errors import ValidationError  # noqa: PLC0415
    from asn_competency.io.csv import CsvError, CsvProblem  # noqa: PLC0415

    rows, col = read_columns(
        path,
        [
            ("nip", (), True),
            ("sanction", ("sanksi", "hukuman_disiplin", "disiplin"), True),
        ],
    )
    choices = ", ".join(s.value for s in Sanction)
    problems: list[CsvProblem] = []
    out: dict[str, tuple[int, Sanction]] = {}
    for line, cells in rows:
        try:
            nip = parse_nip(cells["nip"], field="nip").value
        except ValidationError as e:
            problems.append(CsvProblem(line, col["nip"], e.expected, cells["nip"]))
            continue
        if nip in out:
            expected = f"a NIP not already on line {out[nip][0]}"
            problems.append(CsvProblem(line, col["nip"], expected, nip))
            continue
        text = "_".join(cells["sanction"].lower().split())
        try:
            out[nip] = (line, Sanction(text))
        except ValueError:
            problems.append(
                CsvProblem(line, col["sanction"], f"one of {choices}", cells["sanction"])
            )
    if problems:
        raise CsvError(problems, str(path))
    return out, col["nip"]


@attrs.define
class _Read:
    """Every input file, read and checked on its own."""

    framework: CompetencyFramework | None
    employees: dict[str, Employee]
    assessments: list[Assessment]
    positions: KeyPositions
    standards: dict[str, PositionStandard] | None
    scores: Scores | None
    sanctions: tuple[dict[str, tuple[int, Sanction]], str]


def _read(args: argparse.Namespace) -> _Read:
    """Read every file; the problems of all of them are raised together."""
    from asn_competency.policies.national import NATIONAL_FRAMEWORK_ID  # noqa: PLC0415

    problems = Problems()
    framework = problems.read(lambda: load_framework(args.framework))
    people = problems.read(lambda: load_list(args.employees, "employees"))
    employees = problems.read(lambda: employee_index(args.employees, people or []))
    progress = Progress(f"reading {args.assessments}")
    assessments = problems.read(
        lambda: load_list(args.assessments, "assessments", framework=framework, progress=progress)
    )
    progress.done()
    positions = problems.read(lambda: read_positions(args.positions))
    standards = None
    if args.standards is not None:
        fw_id = framework.id if framework is not None else NATIONAL_FRAMEWORK_ID
        listed_standards = problems.read(
            lambda: load_list(args.standards, "standards", framework=framework, framework_id=fw_id)
        )
        standards = problems.read(lambda: standard_lookup(args, listed_standards))
    scores = None if args.scores is None else problems.read(lambda: read_scores(args.scores))
    sanctions: Any = ({}, "nip")
    if args.sanctions is not None:
        sanctions = problems.read(lambda: read_sanctions(args.sanctions))
    problems.check()
    return _Read(framework, employees, assessments, positions, standards, scores, sanctions)


@attrs.define
class _Joined:
    """The inputs joined across files: what :func:`plan_succession` takes, and what was left out."""

    assessments: list[Assessment]
    positions: list[Position]
    standards: dict[str, PositionStandard]
    placements: dict[str, TalentBox]
    sanctions: dict[str, Sanction]
    meta: dict[str, object]
    notes: list[str]


def _position_standards(
    args: argparse.Namespace, read: _Read
) -> tuple[dict[str, PositionStandard], list[str], int, DocumentError | None]:
    """Each key position's standard; the ids left without one; how many took the tier default."""
    from asn_competency.policies.national import national_framework  # noqa: PLC0415
    from asn_competency.policies.required_levels import (  # noqa: PLC0415
        REQUIRED_LEVELS_PERMENPANRB_38_2017 as TIERS,
    )

    fw = read.framework or national_framework()
    out: dict[str, PositionStandard] = {}
    missing: list[int] = []
    defaulted = 0
    given = read.standards
    keys = read.positions
    for i, p in enumerate(keys.positions):
        if given is not None and p.id in given:
            out[p.id] = given[p.id]
        elif (given is None or args.tier_default) and p.tier in TIERS.levels:
            out[p.id] = TIERS.standard_for(p.id, p.tier, fw)
            defaulted += given is not None
        else:
            missing.append(i)
    if not missing or args.skip_unknown:
        return out, [keys.positions[i].id for i in missing], defaulted, None
    path: Path = args.positions
    found: list[Problem] = []
    for i in missing:
        p = keys.positions[i]
        if given is not None and not args.tier_default:
            expected = f"a position listed in {args.standards} (or --tier-default, --skip-unknown)"
            found.append(problem(path, keys.places[i], keys.headers["id"], expected, p.id))
        else:
            expected = "a tier with a national default level (or --standards, --skip-unknown)"
            found.append(
                problem(path, keys.places[i], keys.headers["tier"], expected, p.tier.value)
            )
    return out, [], defaulted, DocumentError(found, str(path))


def _known_sanctions(
    args: argparse.Namespace, read: _Read, outside: list[str]
) -> dict[str, Sanction]:
    from asn_competency.io.csv import CsvError, CsvProblem  # noqa: PLC0415

    found: list[CsvProblem] = []
    out: dict[str, Sanction] = {}
    rows, nip_column = read.sanctions
    for nip, (line, sanction) in sorted(rows.items()):
        if nip in read.employees:
            out[nip] = sanction
        elif args.skip_unknown:
            outside.append(nip)
        else:
            expected = f"a NIP listed in {args.employees} (or --skip-unknown)"
            found.append(CsvProblem(line, nip_column, expected, nip))
    if found:
        raise CsvError(found, str(args.sanctions))
    return out


def _boxes(args: argparse.Namespace, read: _Read, outside: list[str]) -> dict[str, TalentBox]:
    from asn_competency.io.csv import CsvError  # noqa: PLC0415

    if read.scores is None:
        return {}
    if read.scores.lacks_potential:
        raise UsageError(
            "--scores",
            f"expected a potential column or evidence of potential (jpm, test_<name>, ...) "
            f"in {args.scores}",
        )
    run = place(args, read.scores, read.employees, None, set())
    if run.problems:
        raise CsvError(run.problems, str(args.scores))
    outside.extend(run.outside)
    return {e.nip: b for e, b in run.placed}


def _join(args: argparse.Namespace, read: _Read) -> _Joined:
    """Join the files: unknown people and key positions without a standard, all reported."""
    problems = Problems()
    outside_scores: list[str] = []
    outside_sanctions: list[str] = []
    assessments = problems.read(lambda: known_assessments(args, read.assessments, read.employees))
    standards, without, defaulted, error = _position_standards(args, read)
    if error is not None:
        problems.add(error)
    boxes = problems.read(lambda: _boxes(args, read, outside_scores))
    sanctions = problems.read(lambda: _known_sanctions(args, read, outside_sanctions))
    problems.check()
    meta: dict[str, object] = {}
    notes: list[str] = []
    unknown = sorted({a.nip for a in read.assessments if a.nip not in read.employees})
    if unknown:
        rows = sum(a.nip not in read.employees for a in read.assessments)
        meta["skipped_assessments"] = rows
        meta["skipped_unknown_people"] = len(unknown)
        notes.append(
            f"skipped {rows} assessment(s) of {len(unknown)} people not in {args.employees}: "
            f"{listed(unknown)}"
        )
    for key, items, text in (
        ("skipped_unknown_scores", outside_scores, f"people not in {args.employees} with scores"),
        (
            "skipped_unknown_sanctions",
            outside_sanctions,
            f"people not in {args.employees} with sanctions",
        ),
        ("skipped_without_standard", without, "key positions without a standard"),
    ):
        if items:
            meta[key] = len(items)
            notes.append(f"skipped {len(items)} {text}: {listed(items)}")
    if defaulted:
        meta["tier_default_standards"] = defaulted
        notes.append(
            f"{defaulted} key positions not in {args.standards} were measured against the "
            "national level of their tier"
        )
    gone = set(without)
    return _Joined(
        assessments=assessments,
        positions=[p for p in read.positions.positions if p.id not in gone],
        standards=standards,
        placements=boxes,
        sanctions=sanctions,
        meta=meta,
        notes=notes,
    )


def succession_table(args: argparse.Namespace) -> tuple[SuccessionTable, _Joined, list[Employee]]:
    """Read the inputs and plan the succession of every key position.

    Raises:
        InputError: Listing every problem of every file.
        UsageError: For a scores or sanctions file that is not CSV.
    """
    from asn_competency.policies.jpm import JPM_WEIGHTING_JFKK_2020  # noqa: PLC0415
    from asn_competency.policies.national import national_framework  # noqa: PLC0415
    from asn_competency.policies.succession import SUCCESSION_DEFAULT  # noqa: PLC0415
    from asn_competency.talent.succession import plan_succession  # noqa: PLC0415

    if args.scores is not None:
        check_scores_file(args.scores)
    if args.sanctions is not None and not is_csv(args.sanctions):
        raise UsageError("--sanctions", f"expected a .csv file (got {str(args.sanctions)!r})")
    read = _read(args)
    joined = _join(args, read)
    off = set(args.without_rule or ())
    rules = tuple(r for r in SUCCESSION_DEFAULT.rules if r not in off)
    policy = attrs.evolve(SUCCESSION_DEFAULT, level=args.level, rules=rules)
    weighting = JPM_WEIGHTING_JFKK_2020 if args.weighting == "jfkk" else None
    framework = read.framework
    if weighting is not None and framework is None:
        framework = national_framework()
    table = plan_succession(
        joined.positions,
        read.employees,
        joined.assessments,
        joined.standards,
        as_of=args.as_of,
        placements=joined.placements,
        sanctions=joined.sanctions,
        policy=policy,
        framework=framework,
        weighting=weighting,
        combination=combination_policy(args.combination),
    )
    return table, joined, list(read.employees.values())


# --- the results -------------------------------------------------------------------------------


def _meta(table: SuccessionTable, joined: _Joined) -> dict[str, object]:
    return {
        "as_of": table.as_of,
        "succession_policy": f"{table.policy.name} {table.policy.version}",
        "level": table.policy.level,
        "key_positions": len(table.positions),
        "without_ready_successor": len(table.without_ready_successor()),
        **joined.meta,
    }


def _notes(table: SuccessionTable, joined: _Joined) -> list[str]:
    missing = table.without_ready_successor()
    line = f"{len(table.positions)} key position(s); {len(missing)} without a ready successor"
    return [*joined.notes, line + (f": {listed(list(missing))}" if missing else "")]


def candidate_result(table: SuccessionTable, joined: _Joined) -> Result:
    """One row per key position and candidate, in rank order."""
    columns = [
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
    rows = [
        [
            k.position.id,
            rank,
            c.nip,
            c.name,
            c.unit,
            c.move,
            c.readiness,
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
    meta = {**_meta(table, joined), "selection_policy": table.selection_policy.name}
    return Result(columns, rows, meta, _notes(table, joined))


def coverage_result(table: SuccessionTable, joined: _Joined) -> Result:
    """One row per key position: candidates by readiness, exclusions, the first ready successor."""
    columns, rows = table.coverage_table()
    return Result(columns, rows, _meta(table, joined), _notes(table, joined))


def exclusion_result(table: SuccessionTable, joined: _Joined, employees: list[Employee]) -> Result:
    """One row per key position, person excluded and rule failed, with the reason."""
    names = {e.nip: e.name for e in employees}
    columns = ["position_id", "nip", "name", "rule", "reason"]
    rows = [
        [k.position.id, x.nip, names[x.nip], rule, reason]
        for k in table.positions
        for x in k.excluded
        for rule, reason in zip(x.failed, x.reasons, strict=True)
    ]
    return Result(columns, rows, _meta(table, joined), _notes(table, joined))


def bench_result(
    table: SuccessionTable, joined: _Joined, by: tuple[str, ...], min_group: int | None
) -> Result:
    """Bench strength by group of key positions; groups with few candidates are not shown."""
    from asn_competency.policies.suppression import SUPPRESSION_DEFAULT  # noqa: PLC0415
    from asn_competency.talent.bench import summarise_succession  # noqa: PLC0415

    policy = SUPPRESSION_DEFAULT
    if min_group is not None:
        policy = attrs.evolve(policy, min_group_size=min_group)
    summary = summarise_succession(table, by=by, policy=policy)
    columns, rows = summary.table()
    meta: dict[str, object] = {
        "as_of": table.as_of,
        "succession_policy": f"{table.policy.name} {table.policy.version}",
        "level": table.policy.level,
        "suppression_policy": f"{policy.name} {policy.version}",
        "min_group_size": policy.min_group_size,
        "suppressed_groups": summary.suppressed_groups,
        **joined.meta,
    }
    # Which key positions lack a successor is not listed: it would show the suppressed groups.
    notes = list(joined.notes)
    if summary.suppressed_groups:
        notes.append(
            f"{summary.suppressed_groups} group(s) of fewer than {policy.min_group_size} "
            "candidates not shown"
        )
    return Result(columns, rows, meta, notes)


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out, inputs_of(args, *INPUTS))
    table, joined, employees = succession_table(args)
    if args.by:
        result = bench_result(table, joined, args.by, args.min_group)
    elif args.coverage:
        result = coverage_result(table, joined)
    elif args.exclusions:
        result = exclusion_result(table, joined, employees)
    else:
        result = candidate_result(table, joined)
    emit(result, args)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``succession`` command to the parser."""
    from asn_competency.policies.nine_box import PoolLevel  # noqa: PLC0415
    from asn_competency.policies.succession import SUCCESSION_RULES  # noqa: PLC0415

    p = sub.add_parser(
        "succession",
        help="ranked successors for key positions, coverage, exclusions and bench strength",
        description=(
            "For each key position, the eligible candidates ranked by readiness (ready now, "
            "in 1-2 years, not ready), JPM against its standard and nine-box box; or one row "
            "per key position (--coverage), the people excluded and why (--exclusions), or "
            "bench strength by group of key positions (--by) with small groups suppressed."
        ),
        epilog=(
            "Examples:\n  asn-competency succession --employees pegawai.csv --assessments "
            "penilaian.csv --positions jabatan_kunci.csv --scores kinerja.csv "
            "--as-of 2025-07-01\n"
            "  asn-competency succession --employees pegawai.csv --assessments "
            "penilaian.csv --positions jabatan_kunci.csv --standards standar.csv "
            "--scores kinerja.csv --sanctions sanksi.csv --as-of 2025-07-01 --coverage "
            "--out cakupan.csv\n\n"
            "Key positions CSV: id (or id_jabatan), title (nama_jabatan), tier (jenjang), "
            "agency (instansi), unit (unit_kerja). Sanctions CSV: nip, sanction (sanksi)."
        ),
        formatter_class=fmt,
    )
    population_options(p, standards_of="key position")
    p.add_argument(
        "--positions",
        type=Path,
        required=True,
        metavar="FILE",
        help="the key positions (.csv or .json)",
    )
    p.add_argument(
        "--as-of",
        type=date_arg,
        required=True,
        metavar="DATE",
        help="the day years in position are counted to (YYYY-MM-DD)",
    )
    p.add_argument(
        "--scores",
        type=Path,
        metavar="FILE",
        help="nine-box scores (.csv, as 'talent' reads them); without it nobody is in the "
        "talent pool",
    )
    p.add_argument(
        "--sanctions",
        type=Path,
        metavar="FILE",
        help="the heaviest disciplinary sanction of the last five years (.csv)",
    )
    p.add_argument(
        "--level",
        choices=[level.value for level in PoolLevel],
        default=PoolLevel.INSTANSI.value,
        help="the talent pool candidates come from: their agency's, or the national one",
    )
    p.add_argument(
        "--without-rule",
        action="append",
        choices=list(SUCCESSION_RULES),
        metavar="RULE",
        help=f"switch a built-in eligibility rule off (repeatable): {', '.join(SUCCESSION_RULES)}",
    )
    p.add_argument(
        "--weighting",
        choices=["jfkk"],
        help="weigh technical against managerial competencies in the JPM of functional key "
        "positions (JFKK 2020)",
    )
    what = p.add_mutually_exclusive_group()
    what.add_argument("--coverage", action="store_true", help="one row per key position")
    what.add_argument(
        "--exclusions", action="store_true", help="one row per person excluded and rule failed"
    )
    what.add_argument(
        "--by",
        type=bench_fields,
        metavar="FIELDS",
        help="bench strength by key-position fields: agency, unit, tier (e.g. agency,unit)",
    )
    p.add_argument(
        "--min-group",
        type=positive_int,
        metavar="N",
        help="--by: the fewest distinct candidates of a group shown (default: the suppression "
        "policy's 5)",
    )
    output_options(p)
    p.set_defaults(handler=run, parser=p)

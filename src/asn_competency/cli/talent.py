"""``asn-competency talent``: the nine-box, the talent pools and a summary by unit.

The scores file is a CSV with one row per person: ``nip``, ``performance`` (a
score 0-100 or ``below``/``meets``/``above``) and either ``potential`` (a score
or ``low``/``middle``/``high``) or the evidence of potential: ``jpm``,
``years_in_grade``, ``performance_history`` (past scores joined by ``|``),
``development_jp`` and one ``test_<name>`` column per potential-assessment test.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency.cli._common import EXIT_OK, UsageError, check_output, emit, is_csv, load_list
from asn_competency.domain.employee import Employee, parse_nip
from asn_competency.errors import InvalidNipError, ValidationError

if TYPE_CHECKING:
    from asn_competency.talent.nine_box import TalentBox
    from asn_competency.talent.potential import PotentialEvidence

EVIDENCE_COLUMNS = ("jpm", "years_in_grade", "performance_history", "development_jp")
"""Columns of the scores file that hold evidence of potential (besides ``test_*``)."""


class _BadCellError(Exception):
    def __init__(self, column: str, expected: str, got: str) -> None:
        super().__init__(expected)
        self.column = column
        self.expected = expected
        self.got = got


def _number(column: str, cell: str) -> float:
    try:
        value = float(cell.replace(",", "."))
    except ValueError:
        raise _BadCellError(column, "a number", cell) from None
    if not math.isfinite(value):
        raise _BadCellError(column, "a finite number", cell)
    return value


def _rank_or_score(column: str, cell: str) -> str | float:
    text = cell.strip()
    if text and not text[0].isdigit() and text[0] not in "+-.":
        return text.lower()
    return _number(column, text)


def _evidence(nip: str, row: Mapping[str, str]) -> PotentialEvidence | None:
    """The evidence of potential in a row, or ``None`` when the row has none."""
    from asn_competency.talent.potential import PotentialEvidence  # noqa: PLC0415

    tests = {
        name[5:]: _number(name, cell)
        for name, cell in row.items()
        if name.startswith("test_") and cell.strip()
    }
    values: dict[str, Any] = {}
    for column in ("jpm", "years_in_grade", "development_jp"):
        cell = row.get(column, "").strip()
        if cell:
            values[column] = _number(column, cell)
    history = row.get("performance_history", "").strip()
    if history:
        values["performance"] = [_number("performance_history", c) for c in history.split("|")]
    if not tests and not values:
        return None
    try:
        return PotentialEvidence(nip=nip, assessment=tests, **values)
    except ValidationError as e:
        column = e.field.split("[")[0]
        name = {"assessment": "test_", "performance": "performance_history"}.get(column, column)
        raise _BadCellError(name, e.expected, str(e.got)) from None


def _box(nip: str, row: Mapping[str, str], potential_policy: Any) -> TalentBox:
    from asn_competency.talent.nine_box import talent_box  # noqa: PLC0415

    performance = _rank_or_score("performance", row.get("performance", ""))
    given = row.get("potential", "").strip()
    evidence = _evidence(nip, row)
    if given:
        potential: Any = _rank_or_score("potential", given)
    elif evidence is not None:
        potential = evidence
    else:
        raise _BadCellError("potential", "a potential, or evidence (jpm, test_*, ...)", "")
    try:
        return talent_box(performance, potential, potential_policy=potential_policy)
    except ValidationError as e:
        if e.field == "evidence":
            raise _BadCellError("potential", f"evidence of {e.expected}", str(e.got)) from None
        column = "performance" if e.field == "performance" else "potential"
        raise _BadCellError(column, e.expected, str(e.got)) from None


def read_placements(
    path: Path,
    employees: Mapping[str, Employee],
    *,
    potential_policy: Any = None,
) -> dict[str, TalentBox]:
    """Read a scores file into ``{nip: box}``; every bad cell is reported, with line and column.

    Raises:
        CsvError: For a bad file, cell, unknown NIP or NIP given twice.
    """
    from asn_competency.io.csv import CsvError, CsvProblem, read_csv_rows  # noqa: PLC0415
    from asn_competency.policies.potential import POTENTIAL_DEFAULT  # noqa: PLC0415

    policy = POTENTIAL_DEFAULT if potential_policy is None else potential_policy
    problems: list[CsvProblem] = []
    boxes: dict[str, TalentBox] = {}
    rows = read_csv_rows(path)
    if rows and "nip" not in rows[0][1]:
        raise CsvError([CsvProblem(1, None, "a column 'nip'", sorted(rows[0][1]))], str(path))
    for line, row in rows:
        try:
            nip = parse_nip(row["nip"]).value
        except InvalidNipError as e:
            problems.append(CsvProblem(line, "nip", e.expected, row["nip"]))
            continue
        if nip not in employees:
            problems.append(CsvProblem(line, "nip", "a NIP of the employees file", nip))
            continue
        if nip in boxes:
            problems.append(CsvProblem(line, "nip", "one row per person", nip))
            continue
        try:
            boxes[nip] = _box(nip, row, policy)
        except _BadCellError as e:
            problems.append(CsvProblem(line, e.column, e.expected, e.got))
    if problems:
        raise CsvError(problems, str(path))
    return boxes


def read_employees(path: Path) -> dict[str, Employee]:
    """Read the employees file into ``{nip: employee}`` (each NIP once)."""
    from asn_competency.domain.employee import employees_by_nip  # noqa: PLC0415

    return employees_by_nip(load_list(path, "employees"))


def _placement_rows(
    employees: Mapping[str, Employee], boxes: Mapping[str, TalentBox]
) -> tuple[list[str], list[list[object]]]:
    header = [
        "nip",
        "name",
        "unit",
        "performance",
        "potential",
        "box",
        "potential_score",
        "evidence",
        "recommendation",
    ]
    rows: list[list[object]] = []
    for nip in sorted(boxes):
        b = boxes[nip]
        basis = b.potential_basis
        rows.append(
            [
                nip,
                employees[nip].name,
                employees[nip].unit,
                b.performance.value,
                b.potential.value,
                b.number,
                None if basis is None else basis.score,
                "given" if basis is None else tuple(c.kind for c in basis.components),
                b.recommendation,
            ]
        )
    return header, rows


def _pool_rows(
    employees: Mapping[str, Employee], boxes: Mapping[str, TalentBox], level: str
) -> tuple[list[str], list[list[object]]]:
    from asn_competency.talent.pools import talent_pools  # noqa: PLC0415

    pools = talent_pools([(employees[n], b) for n, b in sorted(boxes.items())], level=level)
    header = ["level", "agency", "nip", "name", "unit", "box", "recommendation"]
    rows: list[list[object]] = [
        [p.level.value, p.agency, m.nip, m.name, m.unit, m.box, m.recommendation]
        for p in pools
        for m in p.members
    ]
    return header, rows


def _summary(
    args: argparse.Namespace, employees: Mapping[str, Employee], boxes: Mapping[str, TalentBox]
) -> int:
    from asn_competency.policies.suppression import SUPPRESSION_DEFAULT  # noqa: PLC0415
    from asn_competency.talent.nine_box import summarise_talent  # noqa: PLC0415

    by = [f.strip() for f in args.by.split(",") if f.strip()]
    policy = SUPPRESSION_DEFAULT
    if args.min_group is not None:
        policy = attrs.evolve(policy, min_group_size=args.min_group)
    summary = summarise_talent(
        [(employees[n], b) for n, b in sorted(boxes.items())], by=by, policy=policy
    )
    header = [*summary.by, "people", *(f"box_{b}" for b in range(1, 10))]
    rows = [[*g.key, g.people, *g.counts] for g in summary.groups]
    emit(header, rows, args.out)
    if summary.suppressed_groups:
        print(
            f"{summary.suppressed_groups} group(s) of fewer than {policy.min_group_size} "
            "people not shown",
            file=sys.stderr,
        )
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out)
    if not is_csv(args.scores):
        raise UsageError(f"{args.scores}: the scores must be a .csv file")
    if args.pool and args.by:
        raise UsageError("--pool and --by cannot be used together")
    employees = read_employees(args.employees)
    boxes = read_placements(args.scores, employees)
    if args.by:
        return _summary(args, employees, boxes)
    if args.pool:
        header, rows = _pool_rows(employees, boxes, args.pool)
    else:
        header, rows = _placement_rows(employees, boxes)
    emit(header, rows, args.out)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``talent`` command to the parser."""
    talent = sub.add_parser(
        "talent",
        help="the nine-box, the talent pools, or a nine-box summary by unit",
        description=(
            "Place each person on the nine-box from a scores file (performance, and "
            "potential as given or from its evidence): one row per person, the members "
            "of the talent pools (--pool), or counts per box by group (--by) with small "
            "groups suppressed."
        ),
        epilog=(
            "Scores file columns: nip, performance, and potential or the evidence of "
            "potential (jpm, test_<name>, years_in_grade, performance_history, "
            "development_jp).\n\nExamples:\n"
            "  asn-competency talent --employees pegawai.csv --scores nilai_talenta.csv\n"
            "  asn-competency talent --employees pegawai.csv --scores nilai_talenta.csv "
            "--pool instansi --out pool.csv"
        ),
        formatter_class=fmt,
    )
    talent.add_argument("--employees", type=Path, required=True, help="employees (.csv or .json)")
    talent.add_argument("--scores", type=Path, required=True, help="scores per person (.csv)")
    talent.add_argument(
        "--pool", choices=["instansi", "nasional"], help="list the members of the talent pools"
    )
    talent.add_argument("--by", help="count boxes by these employee fields, e.g. unit")
    talent.add_argument("--min-group", type=int, help="--by: smallest group shown (default 5)")
    talent.add_argument("--out", type=Path, help="write .csv or .json instead of a table")
    talent.set_defaults(handler=run)

"""``asn-competency talent``: the nine-box per person or by unit, and the talent pools.

The scores file is a CSV with one row per person: ``nip``, ``performance``
(or ``kinerja``, ``skp``: an SKP score 0-100 or ``below``/``meets``/``above``)
and, optionally, ``potential`` (or ``potensial``: a score or
``low``/``middle``/``high``) and the evidence of potential: ``jpm``,
``years_in_grade``, ``performance_history`` (past scores joined by ``|``),
``development_jp`` and one ``test_<name>`` column per potential-assessment
test. A person's potential is the first of these that applies:

1. the ``potential`` cell;
2. the evidence in the row, placed under ``POTENTIAL_DEFAULT``; an empty
   ``jpm`` cell takes the person's JPM from ``--assessments``;
3. the person's JPM from ``--assessments`` alone, read on the nine-box
   policy's potential cut-offs.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
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
)
from asn_competency.cli._inputs import (
    Population,
    employee_index,
    inputs_of,
    is_csv,
    load_list,
    load_population,
    number_cell,
    population_options,
    read_columns,
)
from asn_competency.domain.employee import Employee

if TYPE_CHECKING:
    from asn_competency.io.csv import CsvProblem
    from asn_competency.talent.nine_box import TalentBox, TalentSummary
    from asn_competency.talent.potential import PotentialEvidence

INPUTS = ("employees", "assessments", "standards", "framework", "scores")

EVIDENCE_COLUMNS = ("jpm", "years_in_grade", "performance_history", "development_jp")
"""Columns of the scores file that hold evidence of potential (besides ``test_<name>``)."""

_TEST = "test_"

_COLUMNS = [
    ("nip", (), True),
    ("performance", ("kinerja", "skp", "nilai_skp"), True),
    ("potential", ("potensial", "potensi"), False),
    *((name, (), False) for name in EVIDENCE_COLUMNS),
]


@attrs.frozen
class ScoreRow:
    """One checked row of a scores file.

    Args:
        line: Its line in the file.
        nip: The person.
        performance: A rank name or a score, as the nine-box policy reads it.
        potential: The potential cell (a rank name or a score), if given.
        evidence: The evidence of potential in the row, if any.
    """

    line: int
    nip: str
    performance: str | float
    potential: str | float | None
    evidence: PotentialEvidence | None


@attrs.frozen
class Scores:
    """A scores file read and checked cell by cell.

    Args:
        path: The file.
        rows: One row per person, by NIP.
        headers: Each column's header as the file writes it, for the columns it has.
    """

    path: Path
    rows: Mapping[str, ScoreRow]
    headers: Mapping[str, str]

    def column(self, name: str) -> str | None:
        """The header of a column, or ``None`` when the file has none (the whole line is meant)."""
        return self.headers.get(name)

    @property
    def lacks_potential(self) -> bool:
        """Whether the file has rows but no potential column and no column of evidence."""
        return bool(self.rows) and not any(
            n == "potential" or n in EVIDENCE_COLUMNS or n.startswith(_TEST) for n in self.headers
        )


class _BadCellError(Exception):
    def __init__(self, column: str, expected: str, got: object) -> None:
        super().__init__(expected)
        self.column = column
        self.expected = expected
        self.got = got


def _rank_or_score(cell: str) -> str | float:
    try:
        return number_cell(cell)
    except ValueError:
        return cell.strip().lower()


def _number(column: str, cell: str) -> float:
    try:
        return number_cell(cell)
    except ValueError:
        pass
    try:
        float(cell.replace(",", "."))
    except ValueError:
        raise _BadCellError(column, "a number", cell) from None
    raise _BadCellError(column, "a finite number", cell)


def _test_column(field: str, got: object) -> str:
    """The ``test_<name>`` column of an ``assessment[...]`` field (or of a bad test name)."""
    if "[" in field:
        return f"{_TEST}{field[field.index('[') + 1 : -1]}"
    return f"{_TEST}{got}"


def _evidence(nip: str, cells: Mapping[str, str]) -> PotentialEvidence | None:
    """The evidence of potential in a row, or ``None`` when the row has none.

    Raises:
        _BadCellError: For the first bad cell.
    """
    from asn_competency.errors import ValidationError  # noqa: PLC0415
    from asn_competency.talent.potential import PotentialEvidence  # noqa: PLC0415

    tests = {
        name[len(_TEST) :]: _number(name, cell)
        for name, cell in cells.items()
        if name.startswith(_TEST) and cell
    }
    values: dict[str, Any] = {}
    for column in ("jpm", "years_in_grade", "development_jp"):
        cell = cells.get(column, "")
        if cell:
            values[column] = _number(column, cell)
    history = cells.get("performance_history", "")
    if history:
        values["performance"] = [
            _number("performance_history", part.strip()) for part in history.split("|")
        ]
    if not tests and not values:
        return None
    try:
        return PotentialEvidence(nip=nip, assessment=tests, **values)
    except ValidationError as e:
        field = e.field.split("[")[0]
        if field == "assessment":
            column = _test_column(e.field, e.got)
            # A score out of range names the cell; a test name that is not an id, the name.
            got: object = cells[column] if "[" in e.field else e.got
        elif field == "performance":
            column = "performance_history"
            index = int(e.field[len("performance[") : -1])
            got = history.split("|")[index].strip()
        else:
            column = field
            got = cells[column]
        raise _BadCellError(column, e.expected, got) from None


def _check_row(
    line: int, nip: str, cells: Mapping[str, str]
) -> tuple[ScoreRow | None, list[_BadCellError]]:
    """A row with its cells checked, or ``None`` and every bad cell."""
    from asn_competency.errors import ValidationError  # noqa: PLC0415
    from asn_competency.policies.nine_box import NINE_BOX_PERMENPANRB_3_2020  # noqa: PLC0415

    policy = NINE_BOX_PERMENPANRB_3_2020
    bad: list[_BadCellError] = []
    performance = _rank_or_score(cells["performance"])
    try:
        policy.performance(performance)
    except ValidationError as e:
        expected = e.expected if cells["performance"] else "a score or rank"
        bad.append(_BadCellError("performance", expected, cells["performance"]))
    potential: str | float | None = None
    if cells.get("potential"):
        potential = _rank_or_score(cells["potential"])
        try:
            policy.potential(potential)
        except ValidationError as e:
            bad.append(_BadCellError("potential", e.expected, cells["potential"]))
    evidence = None
    try:
        evidence = _evidence(nip, cells)
    except _BadCellError as e:
        bad.append(e)
    if bad:
        return None, bad
    return ScoreRow(line, nip, performance, potential, evidence), []


def read_scores(path: Path) -> Scores:
    """Read a scores file; every bad cell is reported with its line and column.

    Raises:
        CsvError: For a file that is not CSV-readable, a missing ``nip`` or
            performance column, a bad NIP, a NIP given twice, or a bad score,
            rank or piece of evidence.
    """
    from asn_competency.domain.employee import parse_nip  # noqa: PLC0415
    from asn_competency.errors import ValidationError  # noqa: PLC0415
    from asn_competency.io.csv import CsvError, CsvProblem  # noqa: PLC0415

    rows, col = read_columns(path, _COLUMNS, prefixes=(_TEST,))
    present = set(rows[0][1]) if rows else set()
    headers = {name: col[name] for name in col if name in present}
    problems: list[CsvProblem] = []
    out: dict[str, ScoreRow] = {}
    seen: dict[str, int] = {}
    for line, cells in rows:
        try:
            nip = parse_nip(cells["nip"], field="nip").value
        except ValidationError as e:
            problems.append(CsvProblem(line, col["nip"], e.expected, cells["nip"]))
            continue
        if nip in seen:
            expected = f"a NIP not already on line {seen[nip]}"
            problems.append(CsvProblem(line, col["nip"], expected, nip))
            continue
        seen[nip] = line
        row, bad = _check_row(line, nip, cells)
        if row is not None:
            out[nip] = row
        problems.extend(
            CsvProblem(line, col.get(e.column, e.column), e.expected, e.got) for e in bad
        )
    if problems:
        raise CsvError(problems, str(path))
    return Scores(path, out, headers)


# --- placing people ----------------------------------------------------------------------------


@attrs.define
class Placements:
    """Who was placed in which box, who could not be, and why.

    Args:
        employees: Everyone of the employee file (kept by the population).
        placed: ``(employee, box)`` pairs in NIP order.
        sources: How each placed person's potential was reached, by NIP:
            ``given``, ``jpm`` or the kinds of evidence joined by ``+``.
        scores: Each placed person's potential score (given, JPM or from the
            evidence), or ``None`` for a potential given as a rank.
        meta: Facts for the result (counts of what was left out).
        notes: The same in sentences.
    """

    employees: list[Employee]
    placed: list[tuple[Employee, TalentBox]]
    sources: dict[str, str]
    scores: dict[str, float | None]
    meta: dict[str, object]
    notes: list[str]


def check_scores_file(path: Path, flag: str = "--scores") -> None:
    """Refuse a scores file that is not CSV (exit 2, naming the flag)."""
    if not is_csv(path):
        raise UsageError(flag, f"expected a .csv file (got {str(path)!r})")


def _people(
    args: argparse.Namespace, population: Population | None, problems: Problems
) -> tuple[list[Employee] | None, dict[str, float | None] | None, Population | None]:
    """The employees and, with ``--assessments``, each person's JPM."""
    if args.assessments is None:
        listed_people = problems.read(lambda: load_list(args.employees, "employees"))
        index = problems.read(
            lambda: employee_index(args.employees, listed_people) if listed_people else {}
        )
        return (None if index is None else list(index.values())), None, None
    if population is None:
        population = problems.read(lambda: load_population(args))
    if population is None:
        return None, None, None
    jpm = {r.nip: r.jpm for r in population.reports(args.combination)}
    return [*population.employees, *population.left_out], jpm, population


def _potential(
    row: ScoreRow, jpm: Mapping[str, float | None] | None
) -> tuple[str | float | PotentialEvidence | None, str]:
    """What places the person's potential, and its name for the result."""
    if row.potential is not None:
        return row.potential, "given"
    evidence = row.evidence
    own = None if jpm is None else jpm.get(row.nip)
    if evidence is not None:
        if evidence.jpm is None and own is not None:
            evidence = attrs.evolve(evidence, jpm=own)
        return evidence, "+".join(evidence.present_kinds())
    return own, "jpm"


def _as_score(value: object) -> float | None:
    return value if isinstance(value, float) else None


@attrs.define
class Placing:
    """The state of one placement run: what was placed, what was not, the problems."""

    placed: list[tuple[Employee, TalentBox]] = attrs.Factory(list)
    sources: dict[str, str] = attrs.Factory(dict)
    scores: dict[str, float | None] = attrs.Factory(dict)
    outside: list[str] = attrs.Factory(list)
    no_jpm: list[str] = attrs.Factory(list)
    no_standard: list[str] = attrs.Factory(list)
    problems: list[CsvProblem] = attrs.Factory(list)


def place(
    args: argparse.Namespace,
    scores: Scores,
    known: Mapping[str, Employee],
    jpm: Mapping[str, float | None] | None,
    left_out: set[str],
) -> Placing:
    """Place each row of a checked scores file: the people known, the problems of the others.

    Args:
        args: ``employees`` and ``skip_unknown`` are read (for the messages and
            whether unknown people are skipped).
        scores: The scores file.
        known: The people who may be placed, by NIP.
        jpm: Each person's JPM, when ``--assessments`` was given.
        left_out: People of the employee file without a standard.
    """
    from asn_competency.errors import ValidationError  # noqa: PLC0415
    from asn_competency.io.csv import CsvProblem  # noqa: PLC0415
    from asn_competency.talent.nine_box import talent_box  # noqa: PLC0415

    run = Placing()
    for nip, row in sorted(scores.rows.items()):
        if nip not in known:
            if args.skip_unknown:
                run.outside.append(nip)
            else:
                expected = f"a NIP listed in {args.employees} (or --skip-unknown)"
                run.problems.append(CsvProblem(row.line, scores.column("nip"), expected, nip))
            continue
        potential, source = _potential(row, jpm)
        if potential is None:
            if jpm is None:
                expected = "a potential, or evidence of potential (jpm, test_<name>, ...)"
                run.problems.append(CsvProblem(row.line, scores.column("potential"), expected, ""))
            else:
                (run.no_standard if nip in left_out else run.no_jpm).append(nip)
            continue
        try:
            box = talent_box(row.performance, potential)
        except ValidationError as e:
            expected = f"evidence of {e.expected}" if e.field == "evidence" else e.expected
            run.problems.append(CsvProblem(row.line, scores.column("potential"), expected, e.got))
            continue
        run.placed.append((known[nip], box))
        run.sources[nip] = source
        basis = box.potential_basis
        run.scores[nip] = basis.score if basis is not None else _as_score(potential)
    return run


def placements(args: argparse.Namespace, population: Population | None = None) -> Placements:
    """Place everyone of the scores file: potential given, from evidence or from the JPM.

    A population already read for the same options may be passed, so that the
    files are not read twice.

    Raises:
        InputError: Listing every problem of every file.
        UsageError: For a scores file that is not CSV, or one without potential
            or its evidence when ``--assessments`` is not given.
    """
    from asn_competency.io.csv import CsvError  # noqa: PLC0415

    check_scores_file(args.scores)
    problems = Problems()
    scores: Scores | None = problems.read(lambda: read_scores(args.scores))
    employees, jpm, population = _people(args, population, problems)
    problems.check()
    assert scores is not None  # problems.check() raised otherwise
    assert employees is not None
    if jpm is None and scores.lacks_potential:
        raise UsageError(
            "--assessments",
            f"expected --assessments for the potential (JPM): {args.scores} has no "
            "potential column and no evidence of potential",
        )
    known = {e.nip: e for e in employees}
    left_out = set() if population is None else {e.nip for e in population.left_out}
    run = place(args, scores, known, jpm, left_out)
    if run.problems:
        raise CsvError(run.problems, str(args.scores))
    meta: dict[str, object] = {} if population is None else dict(population.skipped)
    notes: list[str] = [] if population is None else list(population.notes)
    unscored = sorted(set(known) - set(scores.rows))
    for key, people, text in (
        ("skipped_unknown_scores", run.outside, f"not in {args.employees}"),
        ("not_placed_without_standard", run.no_standard, "without a standard"),
        ("not_placed_without_jpm", run.no_jpm, "without a JPM (not every requirement assessed)"),
        ("not_placed_without_score", unscored, f"without a score in {args.scores}"),
    ):
        if people:
            meta[key] = len(people)
            notes.append(f"{len(people)} people {text} not placed: {listed(people)}")
    return Placements(employees, run.placed, run.sources, run.scores, meta, notes)


# --- the results -------------------------------------------------------------------------------


def _suppression(min_group: int | None) -> Any:
    from asn_competency.policies.suppression import SUPPRESSION_DEFAULT  # noqa: PLC0415

    if min_group is None:
        return SUPPRESSION_DEFAULT
    return attrs.evolve(SUPPRESSION_DEFAULT, min_group_size=min_group)


def distribution_result(
    found: Placements, by: tuple[str, ...] | None, min_group: int | None
) -> tuple[Result, TalentSummary]:
    """People per box, overall or by group; groups below the policy's minimum are not shown."""
    from asn_competency.talent.nine_box import summarise_talent  # noqa: PLC0415

    policy = _suppression(min_group)
    if by:
        summary = summarise_talent(found.placed, by=by, policy=policy)
    else:
        # One group of everyone: an office smaller than the minimum is not shown either.
        summary = summarise_talent(found.placed)
        if found.placed and len(found.placed) < policy.min_group_size:
            summary = attrs.evolve(
                summary, groups=(), suppressed_groups=1, totals=(0,) * 9, policy=policy
            )
    columns = [*(by or ()), "people", *(f"box_{b}" for b in range(1, 10))]
    rows = [[*g.key, g.people, *g.counts] for g in summary.groups]
    meta: dict[str, object] = {
        "suppression_policy": f"{policy.name} {policy.version}",
        "min_group_size": policy.min_group_size,
        "suppressed_groups": summary.suppressed_groups,
        **found.meta,
    }
    notes = list(found.notes)
    if summary.suppressed_groups:
        notes.append(
            f"{summary.suppressed_groups} group(s) of fewer than {policy.min_group_size} "
            "people not shown"
        )
    return Result(columns, rows, meta, notes), summary


def pool_result(found: Placements, level: str) -> Result:
    """The members of the talent pools of one level, highest box first."""
    from asn_competency.talent.pools import TalentPool, talent_pools  # noqa: PLC0415

    pools = talent_pools(found.placed, level=level)
    tables = [p.table() for p in pools]
    columns = list(TalentPool.COLUMNS)
    rows = [row for _, table_rows in tables for row in table_rows]
    boxes = pools[0].boxes if pools else ()
    policy = pools[0].policy.name if pools else None
    meta: dict[str, object] = {"pools": len(pools), "members": len(rows), **found.meta}
    if policy is not None:
        meta["pool_policy"] = policy
    notes = list(found.notes)
    if pools:
        notes.append(
            f"{len(rows)} people in {len(pools)} {level} pool(s) of boxes "
            f"{', '.join(str(b) for b in boxes)}"
        )
    return Result(columns, rows, meta, notes)


def person_result(found: Placements) -> Result:
    """One row per person placed: the box, both axes, the potential score and its source."""
    columns = [
        "nip",
        "name",
        "unit",
        "box",
        "performance",
        "potential",
        "potential_score",
        "potential_from",
        "recommendation",
    ]
    rows = [
        [
            e.nip,
            e.name,
            e.unit,
            b.number,
            b.performance,
            b.potential,
            found.scores[e.nip],
            found.sources[e.nip],
            b.recommendation,
        ]
        for e, b in found.placed
    ]
    meta: dict[str, object] = {"placed": len(rows), **found.meta}
    if found.placed:
        meta["nine_box_policy"] = found.placed[0][1].policy_name
    bases = [b.potential_basis for _, b in found.placed if b.potential_basis is not None]
    if bases:
        meta["potential_policy"] = f"{bases[0].policy.name} {bases[0].policy.version}"
    return Result(columns, rows, meta, found.notes)


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out, inputs_of(args, *INPUTS))
    if args.pool is not None and (args.by or args.distribution):
        flag = "--by" if args.by else "--distribution"
        raise UsageError(
            flag, "expected no --by or --distribution with --pool (a pool lists people, not counts)"
        )
    for flag, value in (("--standards", args.standards), ("--framework", args.framework)):
        if value is not None and args.assessments is None:
            raise UsageError(
                flag, f"expected --assessments with {flag} (they measure each person's JPM)"
            )
    found = placements(args)
    if args.pool is not None:
        emit(pool_result(found, args.pool), args)
    elif args.distribution or args.by:
        result, _ = distribution_result(found, args.by, args.min_group)
        emit(result, args)
    else:
        emit(person_result(found), args)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``talent`` command to the parser."""
    p = sub.add_parser(
        "talent",
        help="the talent nine-box per person or by unit, and the talent pools",
        description=(
            "Place people on the talent nine-box (PermenPAN-RB 3/2020). Performance comes "
            "from the scores file (an SKP score or below/meets/above); potential from its "
            "potential column (a score or low/middle/high), else from the evidence in the "
            "row (jpm, test_<name>, years_in_grade, performance_history, development_jp; an "
            "empty jpm takes the JPM from --assessments), else from the person's JPM against "
            "their standard. One row per person by default; --distribution or --by counts "
            "people per box with small groups suppressed; --pool lists the members of the "
            "talent pools."
        ),
        epilog=(
            "Examples:\n  asn-competency talent --employees pegawai.csv --scores kinerja.csv "
            "--assessments penilaian.csv --standards standar.csv\n"
            "  asn-competency talent --employees pegawai.csv --scores kinerja.csv "
            "--assessments penilaian.csv --standards standar.csv --by unit\n"
            "  asn-competency talent --employees pegawai.csv --scores nilai_talenta.csv "
            "--pool instansi --out pool.csv\n\n"
            "Scores CSV: nip, performance (or kinerja), and optionally potential (or "
            "potensial) or the evidence of potential: jpm, test_<name>, years_in_grade, "
            "performance_history (scores joined by |), development_jp."
        ),
        formatter_class=fmt,
    )
    population_options(p, assessments=False)
    p.add_argument(
        "--scores",
        type=Path,
        required=True,
        metavar="FILE",
        help="performance, and potential or its evidence (.csv)",
    )
    p.add_argument("--distribution", action="store_true", help="people per box, not per person")
    p.add_argument(
        "--by",
        type=by_arg,
        metavar="FIELDS",
        help="people per box by employee fields: unit, agency, region, tier, position",
    )
    p.add_argument(
        "--min-group",
        type=positive_int,
        metavar="N",
        help="--distribution, --by: the smallest group shown (default: the suppression policy's 5)",
    )
    p.add_argument(
        "--pool",
        choices=["instansi", "nasional"],
        help="list the members of the agencies' talent pools (boxes 7-9) or of the national "
        "pool (box 9)",
    )
    output_options(p)
    p.set_defaults(handler=run, parser=p)

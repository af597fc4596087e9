"""Reading the commands' input files, and the population a command analyses (package-private).

Every file is read in full before anything is analysed, and the problems of
all files are reported together. A population is the employees, their
assessments and each person's standard; ``--skip-unknown`` and
``--tier-default`` let a command analyse part of an office, and what was left
out is counted in the result.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency.cli._common import Problems, Progress, listed
from asn_competency.domain.assessment import Assessment, CombinationRule
from asn_competency.domain.development import Activity, Enrolment, Programme
from asn_competency.domain.employee import Employee
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.domain.mentoring import MentoringRelationship
from asn_competency.domain.position import PositionStandard
from asn_competency.errors import DocumentError, Problem
from asn_competency.io.json import from_data, read_json
from asn_competency.policies.combination import CombinationPolicy

if TYPE_CHECKING:
    from asn_competency.gaps.individual import GapReport


JSON_KINDS: dict[str, Any] = {
    "activities": list[Activity],
    "assessments": list[Assessment],
    "employees": list[Employee],
    "enrolments": list[Enrolment],
    "framework": CompetencyFramework,
    "programme": Programme,
    "relationships": list[MentoringRelationship],
    "standard": PositionStandard,
    "standards": list[PositionStandard],
}

CSV_KINDS = (
    "activities",
    "assessments",
    "employees",
    "enrolments",
    "framework",
    "skm",
    "standards",
)


def guess_json_kind(data: object) -> str | None:  # noqa: PLR0911 - one answer per kind
    """The kind of a JSON document, from its keys."""
    if isinstance(data, dict):
        if "CFDocument" in data:
            return "case"
        if "competencies" in data:
            return "framework"
        if "requirements" in data:
            return "standard"
        if "activities" in data or "enrolments" in data:
            return "programme"
    if isinstance(data, list) and data and isinstance(data[0], dict):
        first = data[0]
        if "requirements" in first:
            return "standards"
        if "route" in first:
            return "activities"
        if "competency_id" in first:
            return "assessments"
        if "name" in first:
            return "employees"
        if "activity_id" in first:
            return "enrolments"
        if "mentor" in first:
            return "relationships"
    return None


def is_csv(path: Path) -> bool:
    """Whether a path names a CSV file."""
    return path.suffix.lower() == ".csv"


def load_json(path: Path, kind: str) -> Any:
    """Read a JSON document of a kind (a framework may be a CASE package)."""
    data = read_json(path)
    if kind == "framework" and isinstance(data, dict) and "CFDocument" in data:
        from asn_competency.io.case import framework_from_case  # noqa: PLC0415

        return framework_from_case(data, source=str(path))
    if kind == "standards" and isinstance(data, dict):
        return [from_data(PositionStandard, data, source=str(path))]
    if kind == "activities" and isinstance(data, dict):
        return list(from_data(Programme, data, source=str(path)).activities)
    return from_data(JSON_KINDS[kind], data, source=str(path))


def load_framework(path: Path | None) -> CompetencyFramework | None:
    """A framework from JSON, CASE or CSV; ``None`` without a path."""
    if path is None:
        return None
    if is_csv(path):
        from asn_competency.io.csv import read_framework  # noqa: PLC0415

        return read_framework(path)
    fw: CompetencyFramework = load_json(path, "framework")
    return fw


def load_list(
    path: Path,
    kind: str,
    *,
    framework: CompetencyFramework | None = None,
    framework_id: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Any]:
    """The records of a CSV or JSON file of one kind."""
    if not is_csv(path):
        return list(load_json(path, kind))
    from asn_competency.io import csv as tabular  # noqa: PLC0415

    if kind == "assessments":
        return list(tabular.read_assessments(path, framework=framework, progress=progress))
    if kind == "employees":
        return list(tabular.read_employees(path))
    if kind == "standards":
        return list(tabular.read_standards(path, framework=framework, framework_id=framework_id))
    if kind == "enrolments":
        return list(tabular.read_enrolments(path))
    return list(tabular.read_activities(path))


def employee_index(path: Path, employees: Sequence[Employee]) -> dict[str, Employee]:
    """``{nip: employee}`` of an employee file read by :func:`load_list`.

    A CSV file is read with each NIP once already; a JSON list is checked here.

    Raises:
        DocumentError: Naming every record whose NIP an earlier one has.
    """
    out: dict[str, Employee] = {}
    first: dict[str, int] = {}
    found: list[Problem] = []
    for i, e in enumerate(employees):
        if e.nip in first:
            expected = f"a NIP not already in $[{first[e.nip]}]"
            found.append(Problem(f"$[{i}].nip", f"expected {expected} (got {e.nip!r})"))
            continue
        first[e.nip] = i
        out[e.nip] = e
    if found:
        raise DocumentError(found, str(path))
    return out


def _norm(header: str) -> str:
    return "_".join(header.strip().lower().replace("-", " ").replace("_", " ").split())


def places(path: Path, count: int) -> list[str]:
    """Where each of the ``count`` records of a file is: ``line N`` (CSV) or ``$[i]`` (JSON)."""
    if is_csv(path):
        from asn_competency.io.csv import CsvError, read_csv_rows  # noqa: PLC0415

        try:
            lines = [line for line, _ in read_csv_rows(path)]
        except CsvError:
            lines = []
        if len(lines) == count:
            return [f"line {n}" for n in lines]
        return [f"row {i + 1}" for i in range(count)]
    return [f"$[{i}]" for i in range(count)]


def column_of(path: Path, kind: str, name: str) -> str:
    """The header a CSV file uses for a column of a kind (its canonical name if absent)."""
    if not is_csv(path):
        return name
    from asn_competency.io.csv import CSV_KINDS as COLUMNS  # noqa: PLC0415
    from asn_competency.io.csv import CsvError, read_csv_rows  # noqa: PLC0415

    column = next(c for c in COLUMNS[kind] if c.name == name)
    wanted = {_norm(n) for n in (column.name, *column.aliases)}
    try:
        rows = read_csv_rows(path)
    except CsvError:
        return name
    header = list(rows[0][1]) if rows else []
    return next((h for h in header if _norm(h) in wanted), name)


def problem(path: Path, place: str, column: str | None, expected: str, got: object) -> Problem:
    """A problem at a place of a file, written as the CSV readers write theirs."""
    if place.startswith("$"):
        return Problem(
            f"{place}.{column}" if column else place, f"expected {expected} (got {got!r})"
        )
    where = f"{place}, column {column!r}" if column else place
    return Problem(where, f"expected {expected} (got {got!r})")


# --- a population: employees, assessments, standards -----------------------------------------


_STANDARDS_HELP = {
    "person": (
        "position standards (.csv or .json); without it, the national level of each person's tier",
        "skip (and count) the rows (assessments, scores) of people not in the employee "
        "file, and people without a standard, instead of stopping",
        "with --standards: a person whose position is not listed gets the national "
        "level of their tier",
    ),
    "key position": (
        "standards of the key positions (.csv or .json); without it, the national level "
        "of each key position's tier",
        "skip (and count) rows of people not in the employee file (assessments, scores, "
        "sanctions), and key positions without a standard, instead of stopping",
        "with --standards: a key position that is not listed gets the national level of its tier",
    ),
}


def population_options(
    p: argparse.ArgumentParser,
    *,
    employees: bool = True,
    assessments: bool = True,
    standards_of: str = "person",
) -> None:
    """The options of every command that analyses people against standards.

    ``standards_of`` says whose standards ``--standards`` gives: each
    ``"person"``'s position, or each ``"key position"`` of a succession plan.
    """
    standards_help, skip_help, tier_help = _STANDARDS_HELP[standards_of]
    p.add_argument(
        "--employees",
        type=Path,
        required=employees,
        metavar="FILE",
        help="employees (.csv or .json)",
    )
    p.add_argument(
        "--assessments",
        type=Path,
        required=assessments,
        metavar="FILE",
        help="assessments (.csv or .json)",
    )
    p.add_argument("--standards", type=Path, metavar="FILE", help=standards_help)
    p.add_argument(
        "--framework",
        type=Path,
        metavar="FILE",
        help="framework (.json, CASE .json or .csv): ids and levels are checked against it; "
        "without it standards name the national framework",
    )
    p.add_argument(
        "--combination",
        choices=[r.value for r in CombinationRule],
        default=CombinationRule.LATEST.value,
        help="how several assessments of one competency combine",
    )
    p.add_argument("--skip-unknown", action="store_true", help=skip_help)
    p.add_argument("--tier-default", action="store_true", help=tier_help)


def combination_policy(rule: str) -> CombinationPolicy:
    """The combination policy of a ``--combination`` rule name."""
    return CombinationPolicy(name=rule, rule=rule)


@attrs.define
class Population:
    """The people a command analyses, their assessments and their standards.

    Args:
        employees: Everyone kept.
        assessments: Their assessments.
        standards: Each kept person's standard, by NIP.
        framework: The framework given with ``--framework``, if any.
        skipped: Counts of what was left out or defaulted, for the result.
        notes: The same in sentences, for the reader.
        left_out: The people of the employee file left out for want of a
            standard (``--skip-unknown``).
    """

    employees: list[Employee]
    assessments: list[Assessment]
    standards: dict[str, PositionStandard]
    framework: CompetencyFramework | None
    skipped: dict[str, object]
    notes: list[str]
    left_out: list[Employee] = attrs.Factory(list)

    def names(self) -> dict[str, str]:
        """Each kept person's name by NIP."""
        return {e.nip: e.name for e in self.employees}

    def combination(self, rule: str) -> CombinationPolicy:
        """The combination policy of a rule name."""
        return combination_policy(rule)

    def reports(self, rule: str) -> list[GapReport]:
        """One gap report per kept person, in NIP order."""
        from asn_competency.gaps.individual import analyse_population  # noqa: PLC0415

        return list(
            analyse_population(
                self.employees,
                self.assessments,
                lambda e: self.standards[e.nip],
                framework=self.framework,
                combination=combination_policy(rule),
            )
        )


def known_assessments(
    args: argparse.Namespace, assessments: list[Assessment], known: set[str] | Mapping[str, Any]
) -> list[Assessment]:
    """The assessments of known people; the others are skipped or every one reported."""
    outside = [a for a in assessments if a.nip not in known]
    if not outside or args.skip_unknown:
        return [a for a in assessments if a.nip in known]
    path: Path = args.assessments
    expected = f"a NIP listed in {args.employees} (or --skip-unknown)"
    if is_csv(path):
        from asn_competency.io.csv import CsvError, CsvProblem, read_assessments  # noqa: PLC0415

        try:
            read_assessments(path, nips=known)
        except CsvError as e:
            fixed = [
                CsvProblem(p.line, p.column, expected, p.got) if isinstance(p, CsvProblem) else p
                for p in e.problems
            ]
            raise DocumentError(fixed, str(path)) from None
    found = [
        Problem(f"$[{i}].nip", f"expected {expected} (got {a.nip!r})")
        for i, a in enumerate(assessments)
        if a.nip not in known
    ]
    raise DocumentError(found, str(path))


def standard_lookup(
    args: argparse.Namespace, standards: list[PositionStandard] | None
) -> dict[str, PositionStandard] | None:
    """The standards of ``--standards`` by position id; each position named once."""
    if standards is None:
        return None
    first: dict[str, int] = {}
    found: list[Problem] = []
    for i, s in enumerate(standards):
        if s.position_id in first:
            # A JSON list can name a position twice; keeping either would depend on order.
            where = f"a position not already in $[{first[s.position_id]}]"
            found.append(
                Problem(f"$[{i}].position_id", f"expected {where} (got {s.position_id!r})")
            )
        first.setdefault(s.position_id, i)
    if found:
        raise DocumentError(found, str(args.standards))
    return {s.position_id: s for s in standards}


def _assign_standards(
    args: argparse.Namespace,
    employees: list[Employee],
    by_position: dict[str, PositionStandard] | None,
    framework: CompetencyFramework | None,
) -> tuple[dict[str, PositionStandard], list[int], int]:
    """Each person's standard; the indexes of people without one; how many took the tier default."""
    from asn_competency.policies.national import national_framework  # noqa: PLC0415
    from asn_competency.policies.required_levels import (  # noqa: PLC0415
        REQUIRED_LEVELS_PERMENPANRB_38_2017 as TIERS,
    )

    fw = framework or national_framework()
    out: dict[str, PositionStandard] = {}
    missing: list[int] = []
    defaulted = 0
    use_tier = by_position is None or args.tier_default
    made: dict[tuple[str, object], PositionStandard] = {}  # one standard per position and tier
    for i, e in enumerate(employees):
        if by_position is not None and e.position_id in by_position:
            out[e.nip] = by_position[e.position_id]
        elif use_tier and e.tier is not None and e.tier in TIERS.levels:
            key = (e.position_id or e.tier.value, e.tier)
            if key not in made:
                made[key] = TIERS.standard_for(key[0], e.tier, fw)
            out[e.nip] = made[key]
            defaulted += by_position is not None
        else:
            missing.append(i)
    return out, missing, defaulted


def _missing_standard_problems(
    args: argparse.Namespace, employees: list[Employee], missing: list[int]
) -> DocumentError:
    path: Path = args.employees
    where = places(path, len(employees))
    found: list[Problem] = []
    for i in missing:
        e = employees[i]
        if args.standards is not None and not args.tier_default:
            column = column_of(path, "employees", "position_id")
            expected = f"a position listed in {args.standards} (or --tier-default, --skip-unknown)"
            found.append(problem(path, where[i], column, expected, e.position_id))
        else:
            column = column_of(path, "employees", "tier")
            expected = "a tier with a national default level (or --standards, --skip-unknown)"
            found.append(problem(path, where[i], column, expected, e.tier.value if e.tier else ""))
    return DocumentError(found, str(path))


def load_population(args: argparse.Namespace) -> Population:
    """Read the employees, assessments, standards and framework of a command, all or nothing.

    Raises:
        InputError: Listing every problem of every file.
    """
    from asn_competency.policies.national import NATIONAL_FRAMEWORK_ID  # noqa: PLC0415

    problems = Problems()
    framework = problems.read(lambda: load_framework(args.framework))
    employees: list[Employee] | None = problems.read(lambda: load_list(args.employees, "employees"))
    assessments: list[Assessment] | None = []
    if args.assessments is not None:
        progress = Progress(f"reading {args.assessments}")
        assessments = problems.read(
            lambda: load_list(
                args.assessments, "assessments", framework=framework, progress=progress
            )
        )
        progress.done()
    standards = None
    if args.standards is not None:
        fw_id = framework.id if framework is not None else NATIONAL_FRAMEWORK_ID
        standards = problems.read(
            lambda: load_list(args.standards, "standards", framework=framework, framework_id=fw_id)
        )
    by_position = problems.read(lambda: standard_lookup(args, standards))
    problems.check()
    # problems.check() raised otherwise.
    assert employees is not None
    assert assessments is not None
    known = {e.nip for e in employees}
    kept_assessments = problems.read(lambda: known_assessments(args, assessments, known))
    assigned, missing, defaulted = _assign_standards(args, employees, by_position, framework)
    if missing and not args.skip_unknown:
        problems.add(_missing_standard_problems(args, employees, missing))
    problems.check()
    skipped: dict[str, object] = {}
    notes: list[str] = []
    outside = sorted({a.nip for a in assessments if a.nip not in known})
    if outside:
        rows = sum(a.nip not in known for a in assessments)
        skipped["skipped_assessments"] = rows
        skipped["skipped_unknown_people"] = len(outside)
        notes.append(
            f"skipped {rows} assessment(s) of {len(outside)} people not in {args.employees}: "
            f"{listed(outside)}"
        )
    without = sorted(employees[i].nip for i in missing)
    if without:
        skipped["skipped_without_standard"] = len(without)
        notes.append(f"skipped {len(without)} people without a standard: {listed(without)}")
    if defaulted:
        skipped["tier_default_standards"] = defaulted
        notes.append(
            f"{defaulted} people whose position is not in {args.standards} were measured "
            "against the national level of their tier"
        )
    gone = set(without)
    return Population(
        employees=[e for e in employees if e.nip not in gone],
        assessments=[a for a in kept_assessments if a.nip not in gone],
        standards=assigned,
        framework=framework,
        skipped=skipped,
        notes=notes,
        left_out=[e for e in employees if e.nip in gone],
    )


_ID = re.compile(r"^\s*(nip|no|respondent|responden|id|peserta|person|nomor)\s*$", re.IGNORECASE)


def is_id_column(header: str) -> bool:
    """Whether a header names a respondent or person rather than a score."""
    return bool(_ID.match(header))


def inputs_of(args: argparse.Namespace, *names: str) -> list[Path]:
    """The paths given to the named options (for the output check)."""
    found: list[Path] = []
    for n in names:
        value = getattr(args, n, None)
        if isinstance(value, Path):
            found.append(value)
        elif isinstance(value, Sequence) and not isinstance(value, str):
            found.extend(v for v in value if isinstance(v, Path))
    return found


# --- small tables the typed readers have no kind for ------------------------------------------

Column = tuple[str, tuple[str, ...], bool]
"""A column of a small table: canonical name, accepted headers, required."""


def read_columns(
    path: Path, columns: Sequence[Column], *, prefixes: Sequence[str] = ()
) -> tuple[list[tuple[int, dict[str, str]]], dict[str, str]]:
    """Read a CSV file into ``(line, {canonical name: cell})`` pairs, and each column's header.

    Cells are stripped; a column that is absent is left out of the rows.

    Headers are matched in any case, with spaces, ``-`` or ``_`` alike. A
    header that starts with one of ``prefixes`` (``test_`` for ``test_<name>``
    columns) and names more than the prefix is kept too, under its normalised
    name.

    Raises:
        CsvError: For an unreadable file or a missing required column.
    """
    from asn_competency.io.csv import CsvError, CsvProblem, read_csv_rows  # noqa: PLC0415

    rows = read_csv_rows(path)
    header = list(rows[0][1]) if rows else _header_only(path)
    found: dict[str, str] = {}
    missing: list[CsvProblem] = []
    for name, aliases, required in columns:
        wanted = {_norm(n) for n in (name, *aliases)}
        match = next((h for h in header if _norm(h) in wanted), None)
        if match is not None:
            found[name] = match
        elif required:
            names = ", ".join(repr(n) for n in (name, *aliases))
            missing.append(CsvProblem(1, None, f"a column {names}", ", ".join(header)))
    if missing:
        raise CsvError(missing, str(path))
    headers = {name: found.get(name, name) for name, _, _ in columns}
    taken = set(found.values())
    for h in header:
        name = _norm(h)
        if h in taken or not any(name.startswith(x) and name != x for x in prefixes):
            continue
        if name in found:
            expected = f"one column named {name!r} (the column {found[name]!r} is one)"
            raise CsvError([CsvProblem(1, h, expected, h)], str(path))
        found[name] = headers[name] = h
    cells = [(line, {n: row[h].strip() for n, h in found.items()}) for line, row in rows]
    return cells, headers


def _header_only(path: Path) -> list[str]:
    """The header of a file without rows (already read once, so it opens)."""
    with path.open(encoding="utf-8-sig") as f:
        first = f.readline()
    sep = ";" if first.count(";") > first.count(",") else ","
    return [h.strip() for h in first.rstrip("\r\n").split(sep)]


def number_cell(text: str) -> float:
    """A number as spreadsheets write it (a decimal comma is accepted).

    Raises:
        ValueError: If the cell is not a finite number.
    """
    import math  # noqa: PLC0415

    value = float(text.replace(",", ".") if "." not in text else text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value

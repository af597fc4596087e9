"""``asn-competency network``: what a mentoring network carries, and along which ties."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from asn_competency.cli._common import (
    EXIT_OK,
    Problems,
    Result,
    UsageError,
    check_output,
    emit,
    output_options,
    positive_int,
)
from asn_competency.cli._inputs import inputs_of, is_csv, load_json, load_list, read_columns

INPUTS = ("relationships", "employees")


def read_relationships(path: Path) -> list[tuple[str, Any]]:
    """``(place, relationship)`` pairs from CSV (mentor, mentee, competencies, dates) or JSON.

    A pair file written by ``asn-competency match --out`` reads as it is (its
    ``covered`` column names the competencies).

    Raises:
        CsvError: Listing every bad row.
        DocumentError: For a bad JSON file.
    """
    from asn_competency.domain.mentoring import MentoringRelationship  # noqa: PLC0415
    from asn_competency.errors import ValidationError  # noqa: PLC0415
    from asn_competency.io.csv import CsvError, CsvProblem  # noqa: PLC0415

    if not is_csv(path):
        return [(f"$[{i}]", r) for i, r in enumerate(load_json(path, "relationships"))]
    rows, col = read_columns(
        path,
        [
            ("mentor", (), True),
            ("mentee", (), True),
            ("competency_ids", ("kompetensi", "covered", "competencies"), False),
            ("start", ("mulai",), False),
            ("end", ("selesai",), False),
            ("status", (), False),
        ],
    )
    import datetime as dt  # noqa: PLC0415

    problems: list[CsvProblem] = []
    out: list[tuple[str, Any]] = []
    for line, cells in rows:
        days: dict[str, dt.date | None] = {}
        for name in ("start", "end"):
            text = cells.get(name, "")
            try:
                days[name] = dt.date.fromisoformat(text) if text else None
            except ValueError:
                problems.append(CsvProblem(line, col[name], "a date YYYY-MM-DD", text))
        if len(days) < 2:
            continue
        try:
            rel = MentoringRelationship(
                mentor=cells["mentor"],
                mentee=cells["mentee"],
                competency_ids=[
                    c.strip() for c in cells.get("competency_ids", "").split("|") if c.strip()
                ],
                start=days["start"],
                end=days["end"],
                status=cells.get("status") or "active",
            )
        except ValidationError as e:
            field = {"competency_ids": "competency_ids"}.get(e.field, e.field)
            problems.append(CsvProblem(line, col.get(field, field), e.expected, e.got))
            continue
        out.append((f"line {line}", rel))
    if problems:
        raise CsvError(problems, str(path))
    return out


def graph_and_people(
    args: argparse.Namespace,
) -> tuple[Any, dict[str, Any], dict[str, object], list[str]]:
    """The graph, the employee records by NIP, facts and notes.

    Raises:
        InputError: Listing every problem of every file.
    """
    from asn_competency.cli._inputs import problem  # noqa: PLC0415
    from asn_competency.domain.mentoring import MentoringGraph  # noqa: PLC0415
    from asn_competency.errors import DocumentError  # noqa: PLC0415

    problems = Problems()
    placed = problems.read(lambda: read_relationships(args.relationships))
    employees = (
        []
        if args.employees is None
        else problems.read(lambda: load_list(args.employees, "employees"))
    )
    problems.check()
    records = {e.nip: e for e in employees}
    relationships = [r for _, r in placed]
    meta: dict[str, object] = {}
    notes: list[str] = []
    if records:
        outside = sorted({n for r in relationships for n in r.pair if n not in records})
        if outside and not args.skip_unknown:
            expected = f"a NIP listed in {args.employees} (or --skip-unknown)"
            raise DocumentError(
                [
                    problem(args.relationships, where, side, expected, nip)
                    for where, r in placed
                    for side, nip in zip(("mentor", "mentee"), r.pair, strict=True)
                    if nip not in records
                ],
                str(args.relationships),
            )
        if outside:
            relationships = [r for r in relationships if not set(r.pair) & set(outside)]
            meta["skipped_people"] = len(outside)
            notes.append(f"skipped the ties of {len(outside)} people not in {args.employees}")
    return MentoringGraph(relationships), records, meta, notes


def _rows(
    args: argparse.Namespace, graph: Any, records: dict[str, Any]
) -> tuple[list[str], list[list[object]]]:
    from asn_competency.matching.network import (  # noqa: PLC0415
        competency_flows,
        crossing_ties,
        mentoring_chains,
    )

    def name(nip: str) -> str:
        return records[nip].name if nip in records else ""

    if args.analysis == "load":
        load = graph.load()
        return ["mentor", "mentor_name", "mentees"], [
            [n, name(n), k] for n, k in sorted(load.items())
        ]
    if args.analysis == "flows":
        if args.by != "person" and not records:
            raise UsageError("--by", f"expected --employees to count flows by {args.by}")
        flows = competency_flows(graph, records or None, by=args.by)
        return (
            ["source", "target", "competency_id", "relationships"],
            [[f.source, f.target, f.competency_id, f.relationships] for f in flows],
        )
    if args.analysis == "chains":
        chains = mentoring_chains(graph, min_length=args.min_length)
        return (
            ["chain", "length", "people"],
            [
                [k, len(c) - 1, " -> ".join(f"{n} {name(n)}".strip() for n in c)]
                for k, c in enumerate(chains, start=1)
            ],
        )
    if not records:
        raise UsageError("--employees", "expected the employee file to find ties across units")
    ties = crossing_ties(graph, records)
    return (
        ["mentor", "mentor_name", "mentee", "mentee_name", "cross_unit", "cross_agency"],
        [
            [t.mentor, name(t.mentor), t.mentee, name(t.mentee), t.cross_unit, t.cross_agency]
            for t in ties
        ],
    )


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out, inputs_of(args, *INPUTS))
    graph, records, meta, notes = graph_and_people(args)
    columns, rows = _rows(args, graph, records)
    meta = {
        "analysis": args.analysis,
        "relationships": len(graph),
        "mentors": len(graph.mentors),
        "mentees": len(graph.mentees),
        **meta,
    }
    summary = [
        f"{len(graph)} relationships, {len(graph.mentors)} mentors, {len(graph.mentees)} mentees",
        *notes,
    ]
    emit(Result(columns, rows, meta, summary), args)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``network`` command to the parser."""
    p = sub.add_parser(
        "network",
        help="mentoring network analytics: load, competency flows, chains, ties across units",
        description=(
            "Analyse mentoring relationships: how many mentees each mentor carries (load), "
            "which competencies pass from whom to whom (flows, by person, unit or agency), "
            "chains senior -> junior -> newcomer (chains), and ties across units (ties)."
        ),
        epilog=(
            "Examples:\n  asn-competency network --relationships mentoring.csv "
            "--employees pegawai.csv --analysis flows --by unit\n"
            "  asn-competency match ... --out pasangan.csv && "
            "asn-competency network --relationships pasangan.csv\n\n"
            "Relationships CSV: mentor, mentee and optionally kompetensi (ids joined by |), "
            "mulai, selesai, status."
        ),
        formatter_class=fmt,
    )
    p.add_argument(
        "--relationships", type=Path, required=True, metavar="FILE", help="the ties (.csv or .json)"
    )
    p.add_argument("--employees", type=Path, metavar="FILE", help="names, units and agencies")
    p.add_argument(
        "--analysis",
        choices=["load", "flows", "chains", "ties"],
        default="load",
        help="what to compute",
    )
    p.add_argument(
        "--by", choices=["person", "unit", "agency"], default="person", help="flows: the level"
    )
    p.add_argument(
        "--min-length", type=positive_int, default=2, help="chains: fewest ties in a chain"
    )
    p.add_argument(
        "--skip-unknown",
        action="store_true",
        help="skip (and count) the ties of people not in --employees",
    )
    output_options(p)
    p.set_defaults(handler=run, parser=p)

"""``asn-competency ipasn``: the professionalism index (IP ASN) per person or by group."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Any

from asn_competency.cli._common import (
    EXIT_OK,
    Problems,
    Result,
    by_arg,
    check_output,
    emit,
    listed,
    output_options,
    positive_int,
)
from asn_competency.cli._inputs import inputs_of, load_list, number_cell, read_columns

INPUTS = ("people", "training", "employees")


def read_people(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """One row per person: NIP, education, SKP score and heaviest sanction, checked.

    Raises:
        CsvError: Listing every bad cell.
    """
    from asn_competency.domain.employee import parse_nip  # noqa: PLC0415
    from asn_competency.domain.records import Education, Sanction  # noqa: PLC0415
    from asn_competency.errors import ValidationError  # noqa: PLC0415
    from asn_competency.io.csv import CsvError, CsvProblem  # noqa: PLC0415

    rows, col = read_columns(
        path,
        [
            ("nip", (), True),
            ("education", ("pendidikan", "qualification", "kualifikasi"), True),
            ("performance", ("skp", "kinerja", "nilai_skp", "performance_score"), True),
            ("discipline", ("disiplin", "hukuman_disiplin", "sanction"), True),
        ],
    )
    problems: list[CsvProblem] = []
    out: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    choices = {
        "education": ", ".join(e.value for e in Education),
        "discipline": ", ".join(s.value for s in Sanction),
    }
    for line, cells in rows:
        ok = True
        try:
            nip = parse_nip(cells["nip"], field="nip").value
        except ValidationError as e:
            problems.append(CsvProblem(line, col["nip"], e.expected, cells["nip"]))
            continue
        if nip in seen:
            problems.append(
                CsvProblem(line, col["nip"], f"a NIP not already on line {seen[nip]}", nip)
            )
            continue
        seen[nip] = line
        for name, kind in (("education", Education), ("discipline", Sanction)):
            value = cells[name].lower().replace(" ", "_").replace("/", "_")
            if value not in {m.value for m in kind}:
                problems.append(CsvProblem(line, col[name], f"one of {choices[name]}", cells[name]))
                ok = False
        try:
            score = number_cell(cells["performance"])
            if not 0 <= score <= 100:
                raise ValueError(score)
        except ValueError:
            problems.append(
                CsvProblem(line, col["performance"], "an SKP score 0-100", cells["performance"])
            )
            ok = False
        if ok:
            out.append(
                (
                    line,
                    {
                        "nip": nip,
                        "education": cells["education"].lower().replace(" ", "_").replace("/", "_"),
                        "performance": score,
                        "discipline": cells["discipline"].lower().replace(" ", "_"),
                    },
                )
            )
    if problems:
        raise CsvError(problems, str(path))
    return out


_TRUE = frozenset({"ya", "y", "yes", "true", "1", "sesuai"})
_FALSE = frozenset({"tidak", "t", "n", "no", "false", "0", "tidak_sesuai"})


def read_training(path: Path) -> list[tuple[int, str, Any]]:
    """``(line, nip, TrainingRecord)`` per completed training.

    Raises:
        CsvError: Listing every bad cell.
    """
    from asn_competency.domain.employee import parse_nip  # noqa: PLC0415
    from asn_competency.domain.records import TrainingRecord  # noqa: PLC0415
    from asn_competency.errors import ValidationError  # noqa: PLC0415
    from asn_competency.io.csv import CsvError, CsvProblem  # noqa: PLC0415

    rows, col = read_columns(
        path,
        [
            ("nip", (), True),
            ("kind", ("jenis", "jenis_pelatihan"), True),
            ("jp", ("jam_pelajaran",), True),
            ("fits_position", ("sesuai_jabatan", "sesuai"), False),
            ("title", ("judul", "nama_pelatihan"), False),
            ("year", ("tahun",), False),
        ],
    )
    problems: list[CsvProblem] = []
    out: list[tuple[int, str, Any]] = []
    for line, cells in rows:
        try:
            nip = parse_nip(cells["nip"], field="nip").value
        except ValidationError as e:
            problems.append(CsvProblem(line, col["nip"], e.expected, cells["nip"]))
            continue
        fits_text = cells.get("fits_position", "").lower() or "ya"
        if fits_text not in _TRUE | _FALSE:
            problems.append(
                CsvProblem(line, col["fits_position"], "ya or tidak", cells["fits_position"])
            )
            continue
        year_text = cells.get("year", "")
        if year_text and not year_text.isdigit():
            problems.append(CsvProblem(line, col["year"], "a year such as 2024", year_text))
            continue
        try:
            jp = number_cell(cells["jp"])
            record = TrainingRecord(
                kind=cells["kind"].lower(),
                jp=jp,
                fits_position=fits_text in _TRUE,
                title=cells.get("title", ""),
                year=int(year_text) if year_text else None,
            )
        except ValidationError as e:  # before ValueError, which it is too
            problems.append(CsvProblem(line, col.get(e.field, e.field), e.expected, e.got))
            continue
        except ValueError:
            problems.append(CsvProblem(line, col["jp"], "a number of JP", cells["jp"]))
            continue
        out.append((line, nip, record))
    if problems:
        raise CsvError(problems, str(path))
    return out


def results(
    args: argparse.Namespace,
) -> tuple[list[Any], dict[str, Any], dict[str, object], list[str]]:
    """Each person's index; the employee records by NIP; facts and notes.

    Raises:
        InputError: Listing every problem of every file.
    """
    from asn_competency.evaluation.professionalism import ip_asn_index  # noqa: PLC0415
    from asn_competency.io.csv import CsvError, CsvProblem  # noqa: PLC0415

    problems = Problems()
    people = problems.read(lambda: read_people(args.people))
    training = [] if args.training is None else problems.read(lambda: read_training(args.training))
    employees = (
        []
        if args.employees is None
        else problems.read(lambda: load_list(args.employees, "employees"))
    )
    problems.check()
    records = {e.nip: e for e in employees}
    listed_nips = {p["nip"] for _, p in people}
    meta: dict[str, object] = {}
    notes: list[str] = []
    outside = [(line, nip) for line, nip, _ in training if nip not in listed_nips]
    if outside and not args.skip_unknown:
        expected = f"a NIP listed in {args.people} (or --skip-unknown)"
        problems.add(
            CsvError(
                [CsvProblem(line, "nip", expected, nip) for line, nip in outside],
                str(args.training),
            )
        )
    no_record = [(line, p["nip"]) for line, p in people if records and p["nip"] not in records]
    if no_record and not args.skip_unknown:
        expected = f"a NIP listed in {args.employees} (or --skip-unknown)"
        problems.add(
            CsvError(
                [CsvProblem(line, "nip", expected, nip) for line, nip in no_record],
                str(args.people),
            )
        )
    problems.check()
    if outside:
        meta["skipped_training_rows"] = len(outside)
        notes.append(f"skipped {len(outside)} training rows of people not in {args.people}")
    skipped_people = {nip for _, nip in no_record}
    if skipped_people:
        meta["skipped_people"] = len(skipped_people)
        gone = listed(sorted(skipped_people))
        notes.append(f"skipped {len(skipped_people)} people not in {args.employees}: {gone}")
    by_nip: dict[str, list[Any]] = {}
    for _, nip, record in training:
        by_nip.setdefault(nip, []).append(record)
    found = []
    for _, p in sorted(people, key=lambda lp: lp[1]["nip"]):
        if p["nip"] in skipped_people:
            continue
        found.append(
            ip_asn_index(
                qualification=p["education"],
                training=by_nip.get(p["nip"], []),
                performance_score=p["performance"],
                discipline=p["discipline"],
                nip=p["nip"],
            )
        )
    return found, records, meta, notes


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out, inputs_of(args, *INPUTS))
    found, records, meta, notes = results(args)
    policy = found[0].policy if found else None
    if policy is not None:
        meta = {"policy": f"{policy.name} {policy.version}", **meta}
    if args.by:
        from asn_competency.domain.employee import group_key  # noqa: PLC0415
        from asn_competency.policies.suppression import SUPPRESSION_DEFAULT  # noqa: PLC0415

        if not records:
            from asn_competency.cli._common import UsageError  # noqa: PLC0415

            raise UsageError("--by", "expected --employees to group people by")
        threshold = args.min_group or SUPPRESSION_DEFAULT.min_group_size
        groups: dict[tuple[str, ...], list[Any]] = {}
        for r in found:
            groups.setdefault(group_key(records[r.nip], args.by), []).append(r)
        bands = [b.label for b in reversed(policy.bands)] if policy else []
        shown = sorted(k for k, v in groups.items() if len(v) >= threshold)
        rows = []
        for key in shown:
            members = groups[key]
            counts = [sum(r.band == b for r in members) for b in bands]
            mean = math.fsum(r.total for r in members) / len(members)
            rows.append([*key, len(members), mean, *counts])
        meta.update({"min_group_size": threshold, "suppressed_groups": len(groups) - len(shown)})
        if len(groups) > len(shown):
            notes.append(
                f"{len(groups) - len(shown)} group(s) of fewer than {threshold} people not shown"
            )
        emit(Result([*args.by, "people", "mean", *bands], rows, meta, notes), args)
        return EXIT_OK
    columns = [
        "nip",
        "name",
        "unit",
        "qualification",
        "competency",
        "performance",
        "discipline",
        "total",
        "band",
    ]
    rows = [
        [
            r.nip,
            records[r.nip].name if r.nip in records else "",
            records[r.nip].unit if r.nip in records else "",
            r.qualification,
            r.competency,
            r.performance,
            r.discipline,
            r.total,
            r.band,
        ]
        for r in found
    ]
    emit(Result(columns, rows, {"people": len(rows), **meta}, notes), args)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``ipasn`` command to the parser."""
    p = sub.add_parser(
        "ipasn",
        help="the professionalism index (IP ASN) per person or by group",
        description=(
            "Score each person's professionalism (PermenPAN-RB 38/2018): qualification, "
            "competency (training), performance (SKP) and discipline, 0-100, with its band; "
            "or summarise by group (--by, needs --employees) with small groups suppressed."
        ),
        epilog=(
            "Examples:\n  asn-competency ipasn --people profesional.csv --training pelatihan.csv "
            "--employees pegawai.csv\n"
            "  asn-competency ipasn --people profesional.csv --training pelatihan.csv "
            "--employees pegawai.csv --by unit --min-group 3\n\n"
            "People CSV: nip, pendidikan (s3, s2, s1_d4, d3, d1_d2_sma, sd_smp), skp (0-100), "
            "disiplin (berat, sedang, ringan, tidak_ada).\n"
            "Training CSV: nip, jenis (kepemimpinan, fungsional, teknis, seminar, workshop, "
            "magang, kursus), jp, sesuai_jabatan (ya/tidak), judul, tahun."
        ),
        formatter_class=fmt,
    )
    p.add_argument("--people", type=Path, required=True, metavar="FILE", help="one row per person")
    p.add_argument("--training", type=Path, metavar="FILE", help="completed training (.csv)")
    p.add_argument("--employees", type=Path, metavar="FILE", help="names and units (.csv or .json)")
    p.add_argument("--by", type=by_arg, metavar="FIELDS", help="summarise by employee fields")
    p.add_argument(
        "--min-group",
        type=positive_int,
        metavar="N",
        help="--by: the smallest group shown (default: the suppression policy's 5)",
    )
    p.add_argument(
        "--skip-unknown",
        action="store_true",
        help="skip (and count) training of people not in --people, and people not in --employees",
    )
    output_options(p)
    p.set_defaults(handler=run, parser=p)

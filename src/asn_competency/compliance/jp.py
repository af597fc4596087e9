"""Yearly JP compliance: who has had their 20 JP, who is short and by how much.

:func:`analyse_jp` counts each person's JP of competency development in a
period from the :class:`~asn_competency.domain.ledger.Ledger` under a
:class:`~asn_competency.policies.compliance.JpCompliancePolicy`:

* a record gets the JP it states (or its clock hours in JP), else its route's
  credit (``JP_CREDITS_REGIONAL``: seminar 4, e-learning 3, mentoring 2, ...);
  a record with neither gets nothing and is listed as uncredited;
* duplicates (one person, title and dates) count once, and are listed;
* routes the policy does not count add nothing;
* on a route with a daily cap (self-study and communities of practice: 2 JP a
  day) nobody gets more than the cap for it on one day;
* a record crossing the period's boundary adds its share under the split rule
  (pro rata by calendar days by default).

Each person is then *met*, *short* (with the JP missing), *no record* (nothing
recorded in the period) or *no target* (a status without a minimum, PPPK by
default, who may instead be *above the maximum*). The JP are also split over
the 10:20:70 blend. :func:`training_records` turns the ledger into the training
records that the competency dimension of IP ASN reads.

Examples:
    >>> import datetime as dt
    >>> from asn_competency.domain.ledger import Ledger, LedgerEntry, title_key
    >>> nip = "199001012015031001"
    >>> led = Ledger([
    ...     LedgerEntry(nip=nip, title="Bimtek SIAK", route="bimbingan_teknis",
    ...                 start=dt.date(2025, 3, 3), end=dt.date(2025, 3, 5), jp=16),
    ...     LedgerEntry(nip=nip, title="Seminar adminduk", route="seminar",
    ...                 start=dt.date(2025, 8, 11)),
    ... ])
    >>> res = analyse_jp(led, period=2025)
    >>> p = res.person(nip)
    >>> p.counted_jp, p.status.value, p.short_by
    (20.0, 'met', 0.0)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency.compliance._core import RowCounts
from asn_competency.compliance.columnar import (
    STATUSES,
    JpStatus,
    PeriodInput,
    analyse_rows,
    check_policy,
    entry_columns,
    to_period,
)
from asn_competency.domain.employee import Employee, EmploymentStatus, employees_by_nip, parse_nip
from asn_competency.domain.ledger import Ledger, LedgerEntry, title_key
from asn_competency.domain.period import Period
from asn_competency.domain.records import TrainingRecord
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.policies.compliance import JP_COMPLIANCE_DEFAULT, JpCompliancePolicy

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Duplicate", "JpCompliance", "PersonJp", "analyse_jp", "training_records"]


@attrs.frozen(kw_only=True)
class Duplicate:
    """Records of one person with one title and dates: counted once.

    Args:
        nip: The person.
        title: The title (of the first record in ledger order).
        start: First day.
        end: Last day.
        records: How many records share the key.
        sources: The records' sources, sorted and unique.
    """

    nip: str
    title: str
    start: dt.date
    end: dt.date
    records: int
    sources: tuple[str, ...]


@attrs.frozen(kw_only=True)
class PersonJp:
    """One person's JP in the period against their target.

    Args:
        nip: The person.
        employment: PNS or PPPK.
        status: Met, short, no record or no target.
        target_jp: The yearly minimum for their status; ``None`` when none.
        maximum_jp: The yearly maximum for their status; ``None`` when none.
        counted_jp: JP counted in the period.
        short_by: JP still missing to the target (0 when met or without a target).
        above_maximum: Whether the counted JP exceed the maximum.
        formal_jp: JP of formal learning (the 10 of 10:20:70).
        social_jp: JP of social learning (the 20).
        experiential_jp: JP of experiential learning (the 70).
        entries: Records in the period (duplicates and routes that do not count included).
        duplicates: Duplicate records left out.
        uncredited: Records with no JP stated and no credit for their route.
        capped_jp: JP the daily caps took.
    """

    nip: str
    employment: EmploymentStatus
    status: JpStatus
    target_jp: float | None
    maximum_jp: float | None
    counted_jp: float
    short_by: float
    above_maximum: bool
    formal_jp: float
    social_jp: float
    experiential_jp: float
    entries: int
    duplicates: int
    uncredited: int
    capped_jp: float

    def explain(self) -> str:
        """Return one sentence: the JP counted, the target and what is missing.

        Examples:
            >>> from asn_competency.compliance.jp import _example
            >>> print(_example().person("199203042019032002").explain())
            199203042019032002: 19 of 20 JP, short by 1 JP (formal 16, social 3, experiential 0); \
1 duplicate record(s) left out
        """
        blend = (
            f"formal {self.formal_jp:g}, social {self.social_jp:g}, "
            f"experiential {self.experiential_jp:g}"
        )
        if self.status is JpStatus.NO_TARGET:
            limit = "" if self.maximum_jp is None else f" (maximum {self.maximum_jp:g} JP)"
            over = ", above the maximum" if self.above_maximum else ""
            head = f"{self.nip}: {self.counted_jp:g} JP, no target{limit}{over}"
        elif self.status is JpStatus.MET:
            head = f"{self.nip}: {self.counted_jp:g} of {self.target_jp:g} JP, met"
        elif self.status is JpStatus.NO_RECORD:
            head = f"{self.nip}: no record in the period, short by {self.short_by:g} JP"
        else:
            head = (
                f"{self.nip}: {self.counted_jp:g} of {self.target_jp:g} JP, "
                f"short by {self.short_by:g} JP"
            )
        notes = []
        if self.duplicates:
            notes.append(f"{self.duplicates} duplicate record(s) left out")
        if self.uncredited:
            notes.append(f"{self.uncredited} record(s) with no JP")
        if self.capped_jp:
            notes.append(f"{self.capped_jp:g} JP above the daily caps")
        tail = f"; {'; '.join(notes)}" if notes else ""
        return f"{head} ({blend}){tail}"


@attrs.frozen(kw_only=True)
class JpCompliance:
    """Everyone's JP in a period against their target.

    Args:
        period: The period counted.
        policy: The compliance policy used.
        people: One entry per person, sorted by NIP.
        duplicates: Every group of duplicate records in the period, in ledger order.
        uncredited: The records in the period that got no JP, in ledger order.
        outside: NIPs with records but not among the employees given (not counted), sorted.
    """

    period: Period
    policy: JpCompliancePolicy
    people: tuple[PersonJp, ...]
    duplicates: tuple[Duplicate, ...] = ()
    uncredited: tuple[LedgerEntry, ...] = ()
    outside: tuple[str, ...] = ()

    def person(self, nip: str) -> PersonJp:
        """Return one person's result.

        Raises:
            UnknownIdError: If the person was not counted.
        """
        key = nip.replace(" ", "") if isinstance(nip, str) else nip
        for p in self.people:
            if p.nip == key:
                return p
        raise UnknownIdError("person", str(nip), f"JP compliance {self.period.label}")

    def short(self) -> tuple[PersonJp, ...]:
        """The people below their target (short or with no record), most JP missing first."""
        out = [p for p in self.people if p.status in (JpStatus.SHORT, JpStatus.NO_RECORD)]
        return tuple(sorted(out, key=lambda p: (-p.short_by, p.nip)))

    def counts(self) -> dict[JpStatus, int]:
        """How many people have each status (every status listed)."""
        out = dict.fromkeys(JpStatus, 0)
        for p in self.people:
            out[p.status] += 1
        return out

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per person.

        Examples:
            >>> df = _example().to_dataframe()
            >>> df[["nip", "counted_jp", "status"]].values.tolist()[:2]
            [['198805052010011003', 40.0, 'met'], ['199001012015031001', 20.0, 'met']]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        columns = [f.name for f in attrs.fields(PersonJp)]
        rows = []
        for p in self.people:
            row = attrs.asdict(p)
            row["employment"] = p.employment.value
            row["status"] = p.status.value
            rows.append(row)
        return pd.DataFrame(rows, columns=columns)


def _population(
    ledger: Ledger, employees: Iterable[Employee] | Mapping[str, Employee] | None
) -> tuple[tuple[str, ...], list[EmploymentStatus], tuple[str, ...]]:
    """The people counted (sorted), their statuses, and the NIPs outside them."""
    if employees is None:
        nips = ledger.people
        return nips, [parse_nip(n).kind for n in nips], ()
    staff = employees_by_nip(employees)
    nips = tuple(sorted(staff))
    outside = tuple(n for n in ledger.people if n not in staff)
    return nips, [staff[n].status for n in nips], outside


def analyse_jp(
    ledger: Ledger,
    *,
    period: PeriodInput,
    employees: Iterable[Employee] | Mapping[str, Employee] | None = None,
    policy: JpCompliancePolicy = JP_COMPLIANCE_DEFAULT,
) -> JpCompliance:
    """Count each person's JP for a period and compare it with their target.

    Args:
        ledger: What people did.
        period: A :class:`~asn_competency.domain.period.Period`, a year (``2025``)
            or a label (``"2025-S1"``).
        employees: The people to report on, everyone with or without a record
            (their status, PNS or PPPK, sets the target); by default everyone in
            the ledger, their status read from the NIP. Records of people not
            among them are not counted; their NIPs are listed in ``outside``.
        policy: Targets, credits, daily caps, counted routes and the split rule.

    Returns:
        One :class:`PersonJp` per person, sorted by NIP, with the duplicate and
        uncredited records of the period.

    Raises:
        ValidationError: For a ledger, period, policy or employees of the wrong
            kind, or two employees with one NIP.

    Notes:
        Runs on arrays (:func:`~asn_competency.compliance.columnar.analyse_jp_columns`,
        the same code); building the :class:`PersonJp` objects dominates for large
        populations, where the columnar function is faster.

    Examples:
        >>> res = _example()
        >>> [(p.nip, p.status.value, p.short_by) for p in res.short()]
        [('199203042019032002', 'short', 1.0)]
        >>> len(res.duplicates), res.duplicates[0].records
        (1, 2)
    """
    if not isinstance(ledger, Ledger):
        raise ValidationError("ledger", "a Ledger", ledger)
    policy = check_policy(policy)
    span = to_period(period)
    nips, statuses, outside = _population(ledger, employees)
    columns, rows_of = entry_columns(ledger.entries, nips)
    res, rows = analyse_rows(columns, period=span, status=statuses, policy=policy)
    limits = {s: (policy.target(s), policy.maximum(s)) for s in EmploymentStatus}
    people = []
    lists = [
        res.counted.tolist(),
        res.short_by.tolist(),
        res.status.tolist(),
        res.above_maximum.tolist(),
        res.entries.tolist(),
        res.duplicates.tolist(),
        res.uncredited.tolist(),
        res.capped.tolist(),
        res.by_mode.tolist(),
    ]
    for i, (counted, short, code, above, entries, dups, uncredited, capped, modes) in enumerate(
        zip(*lists, strict=True)
    ):
        employment = statuses[i]
        target, maximum = limits[employment]
        people.append(
            PersonJp(
                nip=nips[i],
                employment=employment,
                status=STATUSES[code],
                target_jp=target,
                maximum_jp=maximum,
                counted_jp=counted,
                short_by=short,
                above_maximum=above,
                formal_jp=modes[0],
                social_jp=modes[1],
                experiential_jp=modes[2],
                entries=entries,
                duplicates=dups,
                uncredited=uncredited,
                capped_jp=capped,
            )
        )
    return JpCompliance(
        period=span,
        policy=policy,
        people=tuple(people),
        duplicates=_duplicates(rows_of, rows),
        uncredited=tuple(rows_of[i] for i in _flags(rows.in_period & rows.kept & ~rows.credited)),
        outside=outside,
    )


def _flags(mask: Any) -> list[int]:
    """Row numbers where ``mask`` holds, in ledger order."""
    return [i for i, on in enumerate(mask.tolist()) if on]


def _duplicates(rows_of: list[LedgerEntry], rows: RowCounts) -> tuple[Duplicate, ...]:
    """The groups of duplicates with a record in the period, from the rows left out."""
    dropped = {rows_of[i].key for i in _flags(rows.in_period & ~rows.kept)}
    who = {k[0] for k in dropped}
    groups: dict[tuple[str, str, dt.date, dt.date], list[LedgerEntry]] = {}
    for e in rows_of:  # in ledger order
        if e.nip in who and e.key in dropped:
            groups.setdefault(e.key, []).append(e)
    return tuple(
        Duplicate(
            nip=group[0].nip,
            title=group[0].title,
            start=group[0].start,
            end=group[0].end,
            records=len(group),
            sources=tuple(sorted({e.source for e in group})),
        )
        for group in groups.values()
    )


def training_records(
    ledger: Ledger,
    *,
    nip: str,
    period: PeriodInput,
    policy: JpCompliancePolicy = JP_COMPLIANCE_DEFAULT,
    fits_position: Iterable[str] = (),
) -> tuple[TrainingRecord, ...]:
    """Return one person's ledger as the training records IP ASN's competency dimension reads.

    A record counts when its last day falls in the period (the training was
    completed then) and its route has an IP ASN kind (``policy.routes``:
    leadership, functional, technical, seminar, workshop, internship, course).
    Duplicates count once. Its JP is the JP it states or its route's credit.

    Args:
        ledger: The ledger.
        nip: The person.
        period: The period of the index (usually a year).
        policy: Credits (for records stating no JP) and the routes' IP ASN kinds.
        fits_position: Titles of the leadership and functional training that fits
            the person's position (compared as duplicates are); other leadership
            and functional training is recorded as not fitting.

    Returns:
        The records, in ledger order.

    Raises:
        InvalidNipError: For a malformed NIP.
        ValidationError: For a ledger, period or policy of the wrong kind, or
            ``fits_position`` given as one text.

    Examples:
        >>> import datetime as dt
        >>> from asn_competency.evaluation.professionalism import ip_asn_index
        >>> nip = "199001012015031001"
        >>> led = Ledger([LedgerEntry(nip=nip, title="Pelatihan teknis SIAK",
        ...     route="pelatihan_teknis", start=dt.date(2025, 5, 5), end=dt.date(2025, 5, 8),
        ...     jp=32)])
        >>> records = training_records(led, nip=nip, period=2025)
        >>> [(r.kind.value, r.jp, r.year) for r in records]
        [('teknis', 32.0, 2025)]
        >>> ip_asn_index(qualification="s1_d4", training=records, performance_score=80,
        ...              discipline="tidak_ada").competency
        15.0
    """
    if not isinstance(ledger, Ledger):
        raise ValidationError("ledger", "a Ledger", ledger)
    policy = check_policy(policy)
    span = to_period(period)
    key = parse_nip(nip).value
    if isinstance(fits_position, str) or not isinstance(fits_position, Iterable):
        raise ValidationError("fits_position", "a collection of titles", fits_position)
    fitting = {title_key(_validate_text(t)) for t in fits_position}
    out: list[TrainingRecord] = []
    seen: set[tuple[str, str, dt.date, dt.date]] = set()
    for e in ledger.of(key):
        kind = policy.routes.training_kind(e.route)
        if kind is None or not span.contains(e.end) or e.key in seen:
            continue
        seen.add(e.key)
        jp = policy.credits.jp_of(
            e.route, jp=e.jp, hours=e.hours, minutes_per_jp=policy.hours.minutes_per_jp
        )
        limited = kind.value in ("kepemimpinan", "fungsional")
        out.append(
            TrainingRecord(
                kind=kind,
                jp=jp or 0.0,
                fits_position=not limited or title_key(e.title) in fitting,
                title=e.title,
                year=e.end.year,
            )
        )
    return tuple(out)


def _validate_text(value: object) -> str:
    if not isinstance(value, str):
        raise ValidationError("fits_position", "titles (texts)", value)
    return value


def _example() -> JpCompliance:
    """Three people for the doctests: 20 JP, 19 JP with a duplicate, and a rotation."""
    a, b, c = "199001012015031001", "199203042019032002", "198805052010011003"
    led = Ledger(
        [
            LedgerEntry(
                nip=a,
                title="Bimtek SIAK",
                route="bimbingan_teknis",
                start=dt.date(2025, 3, 3),
                end=dt.date(2025, 3, 5),
                jp=16,
            ),
            LedgerEntry(
                nip=a, title="Seminar adminduk", route="seminar", start=dt.date(2025, 8, 11)
            ),
            LedgerEntry(
                nip=b,
                title="Bimtek SIAK",
                route="bimbingan_teknis",
                start=dt.date(2025, 3, 3),
                end=dt.date(2025, 3, 5),
                jp=16,
            ),
            LedgerEntry(
                nip=b,
                title="Bimtek SIAK",
                route="bimbingan_teknis",
                start=dt.date(2025, 3, 3),
                end=dt.date(2025, 3, 5),
                jp=16,
                source="SIASN",
            ),
            LedgerEntry(
                nip=b,
                title="Mentoring 198001012005011001",
                route="mentoring",
                start=dt.date(2025, 9, 1),
                hours=2.25,
            ),
            LedgerEntry(
                nip=c,
                title="Rotasi ke bidang PIAK",
                route="rotasi",
                start=dt.date(2025, 1, 6),
                end=dt.date(2025, 6, 30),
                jp=40,
            ),
        ]
    )
    return analyse_jp(led, period=2025)

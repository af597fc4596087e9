"""The development ledger: competency development people actually did.

An HR office keeps each person's *riwayat pengembangan kompetensi* (riwayat
diklat): what they took, on which route, when, for how many JP or hours, who
ran it and the certificate. A :class:`LedgerEntry` is one such record and a
:class:`Ledger` holds many, in an order that never depends on the input.

Two entries of one person with the same title (compared without case and
extra spaces) and the same dates are *duplicates*: the same activity recorded
twice, typically by two systems. The ledger keeps both, so that they can be
reported (:meth:`Ledger.duplicates`); the JP count
(:func:`asn_competency.compliance.jp.analyse_jp`) credits them once.

Completed enrolments of a :class:`~asn_competency.domain.development.Programme`
and attended :class:`~asn_competency.domain.mentoring.MentoringSession` records
become entries through :meth:`Ledger.from_programme` and
:meth:`Ledger.from_sessions`.

Examples:
    >>> import datetime as dt
    >>> e = LedgerEntry(nip="199001012015031001", title="Bimtek SIAK", route="bimbingan_teknis",
    ...                 start=dt.date(2025, 3, 4), end=dt.date(2025, 3, 6), jp=24)
    >>> e.days, e.key
    (3, ('199001012015031001', 'bimtek siak', datetime.date(2025, 3, 4), datetime.date(2025, 3, 6)))
    >>> twice = Ledger([e, LedgerEntry(nip=e.nip, title="BIMTEK  siak", route="bimbingan_teknis",
    ...                                start=e.start, end=e.end, jp=24, source="SIASN")])
    >>> [len(group) for group in twice.duplicates()]
    [2]
"""

from __future__ import annotations

import datetime as dt
import numbers
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.development import Programme, Route
from asn_competency.domain.employee import parse_nip
from asn_competency.domain.mentoring import MentoringSession
from asn_competency.errors import ValidationError

__all__ = ["Ledger", "LedgerEntry", "title_key"]


def title_key(title: str) -> str:
    """Return a title as duplicates are compared: lower case, single spaces.

    Examples:
        >>> title_key("  Bimtek   SIAK ")
        'bimtek siak'
    """
    return " ".join(title.casefold().split())


def _nip(value: str) -> str:
    return parse_nip(value).value


def _to_route(value: object) -> Route:
    return _validate.to_enum(Route, "route")(value)


def _amount(field: str, value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return _validate.number_in_range(field, value, low=0)
    raise ValidationError(field, "a finite number >= 0 or none", value)


def _jp(value: object) -> float | None:
    return _amount("jp", value)


def _hours(value: object) -> float | None:
    return _amount("hours", value)


def _day(_inst: object, attribute: attrs.Attribute[dt.date], value: object) -> None:
    # A datetime is a date too, but cannot be compared with one.
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError(attribute.name, "a date (datetime.date)", value)


def _activity_id(_inst: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None:
        _validate.identifier(_inst, attribute, value)  # type: ignore[arg-type]


@attrs.frozen(kw_only=True)
class LedgerEntry:
    """One piece of competency development a person did.

    Args:
        nip: The person (NIP or NI PPPK; spaces removed).
        title: The title, as recorded (Nama Diklat).
        route: The development route (jalur) from the LAN catalogue.
        start: First day.
        end: Last day (the first day by default).
        jp: Lesson hours (jam pelajaran) stated for it, if any.
        hours: Clock hours stated for it, if any (used when ``jp`` is not given).
        kind: The kind as the source system names it (Jenis Diklat), kept for reports.
        provider: Who ran it (Penyelenggara).
        certificate: The certificate number (Nomor Sertifikat).
        source: The system or file the record came from.
        activity_id: The catalogue or programme activity it was, if known.

    Raises:
        InvalidNipError: For a malformed NIP.
        ValidationError: For an empty title, an unknown route, a date that is
            not a date, an end before the start, or JP or hours that are not a
            finite number >= 0.
    """

    nip: str = attrs.field(converter=_nip)
    title: str = attrs.field(validator=_validate.non_empty)
    route: Route = attrs.field(converter=_to_route)
    start: dt.date = attrs.field(validator=_day)
    end: dt.date = attrs.field(
        default=attrs.Factory(lambda self: self.start, takes_self=True), validator=_day
    )
    jp: float | None = attrs.field(default=None, converter=_jp)
    hours: float | None = attrs.field(default=None, converter=_hours)
    kind: str = attrs.field(default="", validator=_validate.text)
    provider: str = attrs.field(default="", validator=_validate.text)
    certificate: str = attrs.field(default="", validator=_validate.text)
    source: str = attrs.field(default="", validator=_validate.text)
    activity_id: str | None = attrs.field(default=None, validator=_activity_id)

    def __attrs_post_init__(self) -> None:
        _validate.end_not_before_start(self.start, self.end)

    @property
    def days(self) -> int:
        """The number of calendar days it spans, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def key(self) -> tuple[str, str, dt.date, dt.date]:
        """``(nip, title_key(title), start, end)``: entries with one key are duplicates."""
        return (self.nip, title_key(self.title), self.start, self.end)

    @property
    def sort_key(self) -> tuple[Any, ...]:
        """The entry's place in a ledger: by person and date, every field breaking ties."""
        return (
            *self.key,
            self.title,
            self.route.value,
            -1.0 if self.jp is None else self.jp,
            -1.0 if self.hours is None else self.hours,
            self.kind,
            self.provider,
            self.certificate,
            self.source,
            self.activity_id or "",
        )


def _entries(value: Iterable[Any]) -> tuple[LedgerEntry, ...]:
    items = _validate.instances("entries", value, LedgerEntry)
    return tuple(sorted(items, key=lambda e: e.sort_key))


@attrs.frozen
class Ledger:
    """The development ledger: entries sorted by person, dates and title.

    Args:
        entries: The entries, in any order; duplicates are kept (and reported
            by :meth:`duplicates`).

    Examples:
        >>> import datetime as dt
        >>> led = Ledger([LedgerEntry(nip="199001012015031001", title="E-learning SIAK",
        ...                           route="e_learning", start=dt.date(2025, 5, 2), jp=3)])
        >>> len(led), led.people
        (1, ('199001012015031001',))
    """

    entries: tuple[LedgerEntry, ...] = attrs.field(default=(), converter=_entries)

    def __iter__(self) -> Iterator[LedgerEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def people(self) -> tuple[str, ...]:
        """The NIPs with at least one entry, sorted."""
        return tuple(sorted({e.nip for e in self.entries}))

    def of(self, nip: str) -> tuple[LedgerEntry, ...]:
        """Return one person's entries, in ledger order (none for an unknown person).

        Raises:
            InvalidNipError: If ``nip`` is malformed.
        """
        key = parse_nip(nip).value
        return tuple(e for e in self.entries if e.nip == key)

    def add(self, entries: Iterable[LedgerEntry]) -> Ledger:
        """Return a new ledger with more entries (this one is unchanged)."""
        return Ledger((*self.entries, *_validate.instances("entries", entries, LedgerEntry)))

    def duplicates(self) -> tuple[tuple[LedgerEntry, ...], ...]:
        """Return the groups of entries with one key (person, title, dates), in ledger order."""
        groups: list[tuple[LedgerEntry, ...]] = []
        run: list[LedgerEntry] = []
        for e in self.entries:
            if run and run[0].key != e.key:
                if len(run) > 1:
                    groups.append(tuple(run))
                run = []
            run.append(e)
        if len(run) > 1:
            groups.append(tuple(run))
        return tuple(groups)

    @classmethod
    def from_programme(cls, programme: Programme, *, source: str | None = None) -> Ledger:
        """Return the completed enrolments of a programme as ledger entries.

        Each completed enrolment becomes an entry with its activity's title, route,
        JP, provider and id; the dates are the activity's, or the programme's where
        the activity has none.

        Args:
            programme: The programme.
            source: The entries' source; ``"programme:<id>"`` by default.

        Raises:
            ValidationError: If ``programme`` is not a Programme, or a completed
                enrolment's activity has no date and neither has the programme.

        Examples:
            >>> import datetime as dt
            >>> from asn_competency.domain.development import Activity, Enrolment, Target
            >>> act = Activity(id="PP-01", title="Pelayanan prima", route="workshop",
            ...                targets=[Target(competency_id="MJ.PP")], jp=24,
            ...                start=dt.date(2025, 4, 7), end=dt.date(2025, 4, 9))
            >>> prog = Programme(id="P25", title="Pelayanan 2025", activities=[act],
            ...     enrolments=[Enrolment(nip="199001012015031001", activity_id="PP-01",
            ...                           completed=True)])
            >>> [(e.title, e.jp, e.source) for e in Ledger.from_programme(prog)]
            [('Pelayanan prima', 24.0, 'programme:P25')]
        """
        if not isinstance(programme, Programme):
            raise ValidationError("programme", "a Programme", programme)
        origin = f"programme:{programme.id}" if source is None else source
        out: list[LedgerEntry] = []
        for e in programme.enrolments:
            if not e.completed:
                continue
            act = programme.activity(e.activity_id)
            start = act.start or programme.start or act.end or programme.end
            end = act.end or programme.end or start
            if start is None or end is None:
                raise ValidationError(
                    f"activities[{act.id}].start",
                    "a date on the activity or the programme (to place it in a year)",
                    None,
                )
            out.append(
                LedgerEntry(
                    nip=e.nip,
                    title=act.title,
                    route=act.route,
                    start=start,
                    end=max(end, start),
                    jp=act.jp,
                    provider=act.provider,
                    source=origin,
                    activity_id=act.id,
                )
            )
        return cls(out)

    @classmethod
    def from_sessions(
        cls,
        sessions: Iterable[MentoringSession],
        *,
        mentors: bool = False,
        source: str = "mentoring",
    ) -> Ledger:
        """Return attended mentoring sessions as ledger entries (missed ones are left out).

        Each session becomes an entry of the mentee on the ``mentoring`` route, for
        the day it was held, with its duration as clock hours; whether and how much
        it counts toward the yearly JP is the compliance policy's rule.

        Args:
            sessions: The sessions.
            mentors: Also give the mentor an entry for each session.
            source: The entries' source.

        Raises:
            ValidationError: If an item is not a MentoringSession.

        Examples:
            >>> import datetime as dt
            >>> s = MentoringSession(mentor="198001012005011001", mentee="199901012023021001",
            ...                      held_on=dt.date(2025, 2, 3), minutes=90)
            >>> [(e.nip, e.route.value, e.hours) for e in Ledger.from_sessions([s])]
            [('199901012023021001', 'mentoring', 1.5)]
        """
        if not isinstance(mentors, bool):
            raise ValidationError("mentors", "True or False", mentors)
        out: list[LedgerEntry] = []
        for s in _validate.instances("sessions", sessions, MentoringSession):
            if not s.attended:
                continue
            sides = [(s.mentee, s.mentor)]
            if mentors:
                sides.append((s.mentor, s.mentee))
            for nip, other in sides:
                out.append(
                    LedgerEntry(
                        nip=nip,
                        title=f"Mentoring {other}",
                        route=Route.MENTORING,
                        start=s.held_on,
                        hours=s.minutes / 60.0,
                        kind="mentoring",
                        source=source,
                    )
                )
        return cls(out)

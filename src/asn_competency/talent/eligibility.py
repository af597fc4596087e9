"""Who may succeed to a key position: the eligibility rules, one person at a time.

The built-in rules are named in
:data:`~asn_competency.policies.succession.SUCCESSION_RULES` and set by a
:class:`~asn_competency.policies.succession.SuccessionPolicy`: the agency
(``same_agency``), the feeder tiers (``tier``), not the incumbent
(``not_incumbent``), the minimum rank (``rank``), the years in position
(``years``), no barring sanction (``sanction``) and the talent pool
(``talent_pool``). A :class:`SuccessionRule` adds a rule of your own.
:func:`check_candidate` says, for one person and one key position, which rules
pass and why each failing one fails;
:func:`~asn_competency.talent.succession.plan_succession` applies the same rules
to everyone at once.

Examples:
    >>> import datetime as dt
    >>> from asn_competency import Employee, Position
    >>> kabid = Position(id="KABID.DAFDUK", title="Kepala Bidang Pendaftaran Penduduk",
    ...                  tier="administrator", agency="Disdukcapil")
    >>> kasi = Employee(nip="198011112006041012", name="Bambang", agency="Disdukcapil",
    ...                 tier="pengawas", golongan="III/b", position_since=dt.date(2019, 1, 2))
    >>> check = check_candidate(kasi, kabid, as_of=dt.date(2025, 1, 2))
    >>> check.eligible, check.failed
    (False, ('rank', 'talent_pool'))
    >>> print(check.reason("rank"))
    rank III/b is below the minimum III/c for administrator
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.employee import Employee
from asn_competency.domain.position import Golongan, Position, PositionTier
from asn_competency.domain.records import Sanction
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.policies.succession import (
    SUCCESSION_DEFAULT,
    SUCCESSION_RULES,
    SuccessionPolicy,
)
from asn_competency.talent.nine_box import TalentBox

__all__ = ["CandidateCheck", "SuccessionRule", "check_candidate"]


def _callable(_inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    # Checked here, not when the first person is checked in the middle of a run.
    if not callable(value):
        raise ValidationError(attribute.name, "a function check(employee, position)", value)


def _own_name(_inst: Any, attribute: attrs.Attribute[str], value: str) -> None:
    _validate.identifier(_inst, attribute, value)
    if value in SUCCESSION_RULES:
        raise ValidationError(attribute.name, "a name other than the built-in rules", value)


@attrs.frozen(kw_only=True)
class SuccessionRule:
    """An eligibility rule of your own, checked for every person considered.

    Args:
        name: The name recorded in results (an id, not a built-in rule's name).
        check: ``check(employee, position)`` returns whether the person may
            succeed to the key position.
        reason: The reason an exclusion gives (by default, the rule's name).

    Examples:
        >>> degree = SuccessionRule(name="has_degree", reason="no degree on record",
        ...                         check=lambda employee, position: True)
        >>> degree.name
        'has_degree'
    """

    name: str = attrs.field(validator=_own_name)
    check: Callable[[Employee, Position], bool] = attrs.field(eq=False, validator=_callable)
    reason: str = attrs.field(default="", validator=_validate.text)

    def reason_text(self) -> str:
        """The reason an exclusion by this rule gives."""
        return self.reason or f"fails the rule {self.name!r}"


def check_rules(value: object) -> tuple[SuccessionRule, ...]:
    """Check rules of your own: SuccessionRule objects with distinct names (package helper)."""
    rules = _validate.instances("rules", value, SuccessionRule)
    _validate.unique_ids("rules", [r.name for r in rules])
    return rules


@attrs.frozen(kw_only=True)
class CandidateCheck:
    """Whether one person may succeed to one key position, rule by rule.

    Args:
        nip: The person.
        position_id: The key position.
        passed: The rules passed, in the order checked.
        failed: The rules failed, in the order checked.
        reasons: ``(rule, reason)`` for each failed rule.
    """

    nip: str
    position_id: str
    passed: tuple[str, ...]
    failed: tuple[str, ...]
    reasons: tuple[tuple[str, str], ...]

    @property
    def eligible(self) -> bool:
        """True when every rule passed."""
        return not self.failed

    def reason(self, rule: str) -> str:
        """Return why a failed rule failed.

        Raises:
            UnknownIdError: If the rule did not fail.
        """
        for name, text in self.reasons:
            if name == rule:
                return text
        raise UnknownIdError("failed rule", rule, f"the check of {self.nip}")


def whole_years(start: dt.date, end: dt.date) -> int:
    """Return the whole years from ``start`` to ``end`` (0 when ``end`` comes first).

    A year is complete on the same day and month (29 February counts as complete
    on 1 March in a year without it).

    Examples:
        >>> whole_years(dt.date(2021, 3, 1), dt.date(2024, 2, 29)), whole_years(
        ...     dt.date(2021, 3, 1), dt.date(2024, 3, 1))
        (2, 3)
    """
    years = end.year - start.year - ((end.month, end.day) < (start.month, start.day))
    return max(years, 0)


@attrs.frozen
class PersonFacts:
    """What the rules read of one person, prepared once (package helper)."""

    employee: Employee
    rank: Golongan | None
    years: int | None
    sanction: Sanction
    box: int | None


def person_facts(
    employee: Employee, *, as_of: dt.date, sanction: Sanction, box: int | None
) -> PersonFacts:
    """Prepare what the rules read of one person (package helper)."""
    since = employee.position_since
    years = None if since is None else whole_years(since, as_of)
    return PersonFacts(employee, employee.golongan, years, sanction, box)


class RuleBook:
    """The built-in rules of a policy for one tier of key positions (package helper).

    Reasons are texts shared between people who fail a rule the same way, so
    that a national run keeps few distinct strings.
    """

    def __init__(self, policy: SuccessionPolicy, key_tier: PositionTier) -> None:
        self.policy = policy
        self.key_tier = key_tier
        self.feeders = policy.feeders_for(key_tier)
        self.min_rank = policy.min_rank.get(key_tier)
        self.min_years = policy.min_years.get(key_tier)
        self.pool = policy.pool_boxes
        self.rules = policy.applied_rules
        self._texts: dict[tuple[str, object], str] = {}
        self._ranks: dict[str | None, str | None] = {}

    def _text(self, rule: str, detail: object, make: Callable[[], str]) -> str:
        key = (rule, detail)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = make()
        return text

    def person(self, facts: PersonFacts) -> list[tuple[str, str]]:
        """The failed person-level rules (rank, years, sanction, talent pool) with reasons."""
        failed: list[tuple[str, str]] = []
        rules = self.rules
        if "rank" in rules and self.min_rank is not None:
            reason = self._rank(facts.rank, self.min_rank)
            if reason is not None:
                failed.append(("rank", reason))
        if (
            "years" in rules
            and self.min_years is not None
            and (facts.years is None or facts.years < self.min_years)
        ):
            need = self.min_years
            failed.append(
                (
                    "years",
                    self._text(
                        "years",
                        facts.years,
                        lambda: (
                            "no start date of the current position on record"
                            if facts.years is None
                            else f"{facts.years} whole year(s) in position, fewer than the {need} "
                            f"required for {self.key_tier.value}"
                        ),
                    ),
                )
            )
        if "sanction" in rules and facts.sanction in self.policy.barring_sanctions:
            failed.append(
                (
                    "sanction",
                    self._text(
                        "sanction",
                        facts.sanction,
                        lambda: f"a {facts.sanction.value!r} disciplinary sanction on record",
                    ),
                )
            )
        if "talent_pool" in rules and facts.box not in self.pool:
            failed.append(("talent_pool", self._pool_text(facts.box)))
        return failed

    def _rank(self, rank: Golongan | None, minimum: Golongan) -> str | None:
        key = None if rank is None else rank.value
        if key not in self._ranks:
            self._ranks[key] = self._rank_reason(rank, minimum)
        return self._ranks[key]

    def _rank_reason(self, rank: Golongan | None, minimum: Golongan) -> str | None:
        tier = self.key_tier.value
        if rank is None:
            return self._text("rank", None, lambda: "no rank on record")
        if rank.is_pppk:
            return self._text(
                "rank",
                rank.value,
                lambda: f"PPPK grade {rank.value} is not a PNS rank (minimum {minimum} for {tier})",
            )
        if rank.rank < minimum.rank:
            return self._text(
                "rank",
                rank.value,
                lambda: f"rank {rank} is below the minimum {minimum} for {tier}",
            )
        return None

    def _pool_text(self, box: int | None) -> str:
        boxes = ", ".join(map(str, self.pool))
        level = self.policy.level.value
        if box is None:
            return self._text("talent_pool", None, lambda: "no nine-box placement")
        return self._text(
            "talent_pool", box, lambda: f"box {box} is not in the {level} pool ({boxes})"
        )

    def scope_reason(self, rule: str, e: Employee, position: Position) -> str:
        """Why a person is outside the field of a key position (``same_agency`` or ``tier``)."""
        if rule == "same_agency":
            return f"works in {e.agency!r}, not in the key position's agency {position.agency!r}"
        if e.tier is None:
            return "no tier on record"
        feeders = ", ".join(t.value for t in self.feeders) or "none"
        return f"tier {e.tier.value} is not a feeder of {self.key_tier.value} (feeders: {feeders})"


def _sanction(value: object) -> Sanction:
    return _validate.to_enum(Sanction, "sanction")(value)


def check_candidate(
    employee: Employee,
    position: Position,
    *,
    as_of: dt.date,
    placement: TalentBox | None = None,
    sanction: Sanction | str | None = None,
    policy: SuccessionPolicy = SUCCESSION_DEFAULT,
    rules: Iterable[SuccessionRule] = (),
) -> CandidateCheck:
    """Check one person against one key position, rule by rule.

    This is the plain, one-pair statement of the rules that
    :func:`~asn_competency.talent.succession.plan_succession` applies to
    everyone at once; every rule is checked, so a person learns all that stands
    in their way.

    Args:
        employee: The person.
        position: The key position.
        as_of: The day years in position are counted to.
        placement: The person's nine-box box; ``None`` fails the talent-pool rule.
        sanction: The heaviest sanction of the last five years; ``None`` for none.
        policy: The eligibility rules and their numbers.
        rules: Rules of your own, checked after the built-in ones.

    Returns:
        The rules passed and failed, with a reason for each failure.

    Raises:
        ValidationError: For an argument of the wrong kind (the message names it),
            an unknown sanction, or rules of your own that repeat a name.

    Examples:
        >>> from asn_competency import Employee, Position
        >>> head = Position(id="KADIS", title="Kepala Dinas", tier="jpt_pratama", agency="A")
        >>> e = Employee(nip="197805102003121001", name="Agus", agency="B", tier="pelaksana")
        >>> check = check_candidate(e, head, as_of=dt.date(2025, 1, 2))
        >>> check.failed
        ('same_agency', 'tier', 'rank', 'years', 'talent_pool')
        >>> print(check.reason("years"))
        no start date of the current position on record
    """
    for field, value, kind in (
        ("employee", employee, Employee),
        ("position", position, Position),
        ("policy", policy, SuccessionPolicy),
    ):
        if not isinstance(value, kind):
            raise ValidationError(field, f"a {kind.__name__}", value)
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise ValidationError("as_of", "a date (datetime.date)", as_of)
    if placement is not None and not isinstance(placement, TalentBox):
        raise ValidationError("placement", "a TalentBox or None", placement)
    own = check_rules(rules)
    book = RuleBook(policy, position.tier)
    facts = person_facts(
        employee,
        as_of=as_of,
        sanction=Sanction.TIDAK_ADA if sanction is None else _sanction(sanction),
        box=None if placement is None else placement.number,
    )
    results: list[tuple[str, str | None]] = []
    for rule, fails in (
        ("same_agency", employee.agency != position.agency),
        ("tier", employee.tier not in book.feeders),
    ):
        if rule in book.rules:
            results.append((rule, book.scope_reason(rule, employee, position) if fails else None))
    if "not_incumbent" in book.rules:
        held = employee.position_id == position.id
        results.append(("not_incumbent", "holds the key position" if held else None))
    failed = dict(book.person(facts))
    for rule in ("rank", "years", "sanction", "talent_pool"):
        if rule in book.rules:
            results.append((rule, failed.get(rule)))
    for r in own:
        results.append((r.name, None if r.check(employee, position) else r.reason_text()))
    return CandidateCheck(
        nip=employee.nip,
        position_id=position.id,
        passed=tuple(name for name, why in results if why is None),
        failed=tuple(name for name, why in results if why is not None),
        reasons=tuple((name, why) for name, why in results if why is not None),
    )

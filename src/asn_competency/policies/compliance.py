"""The yearly JP compliance rule: what counts, how much, in which year, against which target.

A :class:`JpCompliancePolicy` puts together everything that decides a person's
JP for a period: the yearly minimum and maximum by status
(:class:`~asn_competency.policies.development.DevelopmentHoursPolicy`), the JP
credited to records that state none and the daily caps
(:class:`~asn_competency.policies.development.JpCreditPolicy`), which routes count
at all, how a record that crosses the period's boundary is split
(:class:`SplitRule`), which part of 10:20:70 each route is
(:class:`~asn_competency.policies.routes.RoutePolicy`) and the JP bands of the
summaries. :data:`JP_COMPLIANCE_DEFAULT` is the library's choice.

Examples:
    >>> from asn_competency.domain.employee import EmploymentStatus
    >>> JP_COMPLIANCE_DEFAULT.target(EmploymentStatus.PNS), JP_COMPLIANCE_DEFAULT.split.value
    (20.0, 'pro_rata')
    >>> JP_COMPLIANCE_DEFAULT.target("pppk") is None, JP_COMPLIANCE_DEFAULT.maximum("pppk")
    (True, 24.0)
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.development import Route
from asn_competency.domain.employee import EmploymentStatus
from asn_competency.errors import ValidationError
from asn_competency.policies.development import (
    DEVELOPMENT_HOURS_PP_11_2017,
    JP_CREDITS_REGIONAL,
    DevelopmentHoursPolicy,
    JpCreditPolicy,
)
from asn_competency.policies.routes import ROUTES_DEFAULT, RoutePolicy

__all__ = ["JP_COMPLIANCE_DEFAULT", "JpCompliancePolicy", "SplitRule"]


class SplitRule(str, enum.Enum):
    """How the JP of a record that spans a period's boundary is divided."""

    PRO_RATA = "pro_rata"
    """Spread evenly over the record's calendar days; each period gets its days' share."""
    START = "start"
    """All of it in the period holding the record's first day."""
    END = "end"
    """All of it in the period holding the record's last day (when the certificate is issued)."""


def _to_split(value: object) -> SplitRule:
    return _validate.to_enum(SplitRule, "split")(value)


def _routes(value: Iterable[object]) -> tuple[Route, ...]:
    """The routes, unique, in the order of :class:`Route` (so that equal sets compare equal)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError("counted_routes", "a collection of routes", value)
    given = {_validate.to_enum(Route, "counted_routes")(v) for v in value}
    return tuple(r for r in Route if r in given)


def _bins(value: Iterable[object]) -> tuple[float, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError("bins", "increasing JP figures > 0", value)
    edges = tuple(_validate.number_in_range(f"bins[{i}]", v, low=0) for i, v in enumerate(value))
    for low, high in itertools.pairwise(edges):
        if not low < high:
            raise ValidationError("bins", "increasing JP figures > 0", edges)
    if edges and edges[0] <= 0:
        raise ValidationError("bins", "increasing JP figures > 0", edges)
    return edges


def _instance(kind: type) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def check(_inst: object, attribute: attrs.Attribute[object], value: object) -> None:
        if not isinstance(value, kind):
            raise ValidationError(attribute.name, f"a {kind.__name__}", value)

    return check


@attrs.frozen(kw_only=True, repr=False)
class JpCompliancePolicy:
    """What counts toward the yearly JP, how much, in which period, against which target.

    Args:
        name: Policy name.
        version: Policy version.
        hours: The yearly minimum (target) and maximum by status, and the length of a JP.
        credits: JP for records that state none, and the daily caps.
        routes: Which part of the 10:20:70 blend each route counts toward.
        split: How a record crossing the period's boundary is divided.
        counted_routes: The routes whose records count toward the JP (all by default),
            kept unique in the order of :class:`~asn_competency.domain.development.Route`.
        bins: Upper edges of the JP bands in summaries: ``(5, 10, 15, 20)`` gives
            the bands under 5, 5 to under 10, ..., and 20 or more.
        source: Where each choice comes from and how sure we are.

    Raises:
        ValidationError: For a part of the wrong kind, an unknown route or split
            rule, or bands that do not increase from above 0.

    Examples:
        >>> import attrs
        >>> routes = [r for r in JP_COMPLIANCE_DEFAULT.counted_routes if r != "mentoring"]
        >>> no_mentoring = attrs.evolve(JP_COMPLIANCE_DEFAULT, name="tanpa-mentoring",
        ...                             version="1", counted_routes=routes)
        >>> no_mentoring.counts("mentoring"), no_mentoring.counts("seminar")
        (False, True)
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    hours: DevelopmentHoursPolicy = attrs.field(
        default=DEVELOPMENT_HOURS_PP_11_2017, validator=_instance(DevelopmentHoursPolicy)
    )
    credits: JpCreditPolicy = attrs.field(
        default=JP_CREDITS_REGIONAL, validator=_instance(JpCreditPolicy)
    )
    routes: RoutePolicy = attrs.field(default=ROUTES_DEFAULT, validator=_instance(RoutePolicy))
    split: SplitRule = attrs.field(default=SplitRule.PRO_RATA, converter=_to_split)
    counted_routes: tuple[Route, ...] = attrs.field(default=tuple(Route), converter=_routes)
    bins: tuple[float, ...] = attrs.field(default=(5.0, 10.0, 15.0, 20.0), converter=_bins)
    source: str = attrs.field(default="", repr=False)

    def target(self, status: EmploymentStatus | str) -> float | None:
        """Return the yearly minimum for a status, or ``None`` when it has none."""
        s = _validate.to_enum(EmploymentStatus, "status")(status)
        value = self.hours.minimum_jp.get(s)
        return None if value is None else float(value)

    def maximum(self, status: EmploymentStatus | str) -> float | None:
        """Return the yearly maximum for a status, or ``None`` when it has none."""
        s = _validate.to_enum(EmploymentStatus, "status")(status)
        value = self.hours.maximum_jp.get(s)
        return None if value is None else float(value)

    def counts(self, route: Route | str) -> bool:
        """Return whether records on ``route`` count toward the JP."""
        return _validate.to_enum(Route, "route")(route) in self.counted_routes

    def band_labels(self) -> tuple[str, ...]:
        """The labels of the JP bands, lowest first.

        Examples:
            >>> JP_COMPLIANCE_DEFAULT.band_labels()
            ('<5', '5-<10', '10-<15', '15-<20', '>=20')
        """
        if not self.bins:
            return ("all",)
        labels = [f"<{self.bins[0]:g}"]
        labels.extend(f"{lo:g}-<{hi:g}" for lo, hi in itertools.pairwise(self.bins))
        labels.append(f">={self.bins[-1]:g}")
        return tuple(labels)


JP_COMPLIANCE_DEFAULT = JpCompliancePolicy(
    name="jp-compliance-default",
    version="2026.1",
    source=(
        "Target: 20 JP a year for every PNS (PP 11/2017, checked); PPPK: no minimum and at most "
        "24 JP a year (assumed, unconfirmed). JP credits and daily caps: one regional system's "
        "table (consistent), a stated JP first (assumed). Every route counts toward the 20 JP "
        "(assumed: PP 11/2017 counts education and training alike). A record crossing the "
        "year's boundary is split pro rata by calendar days (this library's choice; END, the "
        "year of the certificate, is the other common reading). Bands of 5 JP up to the target "
        "(this library's choice)."
    ),
)
"""20 JP for PNS, the regional credit table, records split pro rata across years."""

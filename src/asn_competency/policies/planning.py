"""The planning policy: route rules, the blend and the solver's limits.

A :class:`PlanningPolicy` says which routes may close a small or a large gap,
which competency types the plan covers, the 10:20:70 blend and its penalty, and
the solver's limits. :data:`PLANNING_DEFAULT` is the library's choice.

Examples:
    >>> PLANNING_DEFAULT.large_gap_threshold
    2.0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from asn_competency import _validate
from asn_competency.domain.competency import CompetencyType
from asn_competency.domain.development import Route, RouteCategory
from asn_competency.errors import ValidationError
from asn_competency.policies.routes import ROUTES_DEFAULT, RoutePolicy

__all__ = ["PLANNING_DEFAULT", "PlanningPolicy"]


def _values(field: str, value: object) -> tuple[object, ...]:
    # A text is iterable too, but its letters are not routes or types.
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError(field, "a collection of names", value)
    return tuple(value)


def _routes(value: Iterable[object]) -> frozenset[Route]:
    return frozenset(_validate.to_enum(Route, "routes")(v) for v in _values("routes", value))


def _route_groups(value: Iterable[Iterable[object]]) -> tuple[frozenset[Route], ...]:
    groups = tuple(_routes(g) for g in _values("large_gap_requires", value))  # type: ignore[arg-type]
    return tuple(sorted(groups, key=lambda g: sorted(r.value for r in g)))


def _types(value: Iterable[object]) -> frozenset[CompetencyType]:
    convert = _validate.to_enum(CompetencyType, "paired_types")
    return frozenset(convert(v) for v in _values("paired_types", value))


def _blend(value: Mapping[str, float]) -> Mapping[str, float]:
    if not isinstance(value, Mapping):
        raise ValidationError("blend", "shares for formal, social and experiential", value)
    return _validate.FrozenMapping({str(k): v for k, v in sorted(value.items())})


def _flag(_inst: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise ValidationError(attribute.name, "True or False", value)


_CLASSROOM = frozenset(r for r in Route if r.category is RouteCategory.KLASIKAL)


_NONKLASIKAL = frozenset(r for r in Route if r.category is RouteCategory.NONKLASIKAL)


_TRAINING = frozenset(r for r in Route if r.category is not RouteCategory.PENDIDIKAN)


@attrs.frozen(kw_only=True, repr=False)
class PlanningPolicy:
    """How a development plan is chosen: route rules, the 10:20:70 blend and the weights.

    Route rules. A gap is *large* when its shortfall is at least
    ``large_gap_threshold`` levels, otherwise *small*. An activity closes part of a
    small gap only if its route is in ``small_gap_routes``, part of a large gap only
    if its route is in ``large_gap_routes``; and a large gap (of a competency whose
    type is in ``paired_types``, when a framework is given; of every competency
    otherwise) is credited only when the person takes, on that competency, at least
    one activity from EACH group in ``large_gap_requires`` (by default a classroom
    activity and a coaching or mentoring one). Activities on other routes may still
    be planned for their JP.

    Blend. The 10:20:70 model (about 10 % formal, 20 % social, 70 % experiential
    learning) is used as a SOFT PREFERENCE, never a cap: each planned JP of formal
    learning (``routes.mode(route)`` is formal) above ``blend["formal"]`` of the
    person's planned JP costs ``blend_penalty`` gap points in the objective. A cap
    would forbid the classroom training that large gaps need. Which routes are
    formal is the table ``routes`` (a :class:`RoutePolicy`), the one the ledger's
    JP count uses too.

    JP minimum. The yearly minimum (20 JP for PNS) is soft: each JP missing costs
    ``jp_penalty`` gap points, far more than one JP of any usual activity closes, so
    the plan meets every minimum it can before it closes gaps. With
    ``minimum_for_everyone`` (the default, as PP 11/2017 gives the right to every
    PNS) people without gaps also get activities to reach the minimum, the cheapest
    first; set it to ``False`` to plan the minimum only for people with a gap.

    Limits. The solver's work is bounded by counts, not seconds, so that the same
    inputs give the same plan however busy the machine is: ``node_limit`` nodes of
    branch and bound for the exact programme, ``iteration_limit`` iterations for
    the Lagrangian method. Pass ``time_limit=`` to
    :func:`~asn_competency.planning.planner.plan_development` for a wall-clock bound
    on the whole call as well.

    Ties. Among plans that close the same gap, a lower cost wins: the cost enters the
    objective as ``cost_weight x cost / (largest possible cost)``, at most
    ``cost_weight`` gap points in all. Remaining ties go the same way whatever the
    input order, as the model is always built in NIP and activity-id order.

    Args:
        name: Policy name.
        version: Policy version.
        large_gap_threshold: Shortfall (levels) from which a gap is large (> 0).
        small_gap_routes: Routes that may close a small gap.
        large_gap_routes: Routes that may close a large gap.
        large_gap_requires: Groups of routes; a large gap needs one activity of each.
        paired_types: Competency types the pairing rule applies to (with a framework).
        minimum_for_everyone: Plan the JP minimum for people without gaps too.
        include_target_gaps: Also close the gaps against the target position of
            reports that carry one (readiness); per competency the larger shortfall
            counts, with its importance.
        blend: Target shares of ``formal``, ``social`` and ``experiential`` learning.
        routes: Which part of the blend each route counts toward.
        blend_penalty: Gap points per JP of formal learning above its share (>= 0).
        jp_penalty: Gap points per JP missing from a minimum (> 0).
        cost_weight: Total weight of the cost tie-break, in gap points (>= 0).
        exact_places: With ``method="auto"``, plans with at most this many places
            a person could usefully take are solved by the exact programme, larger
            ones by Lagrangian relaxation (>= 0).
        node_limit: Branch-and-bound nodes the exact programme may explore (>= 1).
        iteration_limit: Iterations of the Lagrangian method (>= 1).
        target_gap: The Lagrangian method stops once its plan is proven within this
            relative gap of the optimum (in [0, 1)); by default 0.1 %.
        source: The regulation or practice it follows and how sure we are.

    Raises:
        ValidationError: For a threshold or weight out of range, an unknown route or
            type, or blend shares that do not sum to 1.

    Examples:
        >>> import attrs
        >>> strict = attrs.evolve(PLANNING_DEFAULT, name="no-pairing", version="1",
        ...                       large_gap_requires=())
        >>> strict.large_gap_requires, PLANNING_DEFAULT.large_gap_threshold
        ((), 2.0)
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    large_gap_threshold: float = attrs.field(default=2.0)
    small_gap_routes: frozenset[Route] = attrs.field(default=_NONKLASIKAL, converter=_routes)
    large_gap_routes: frozenset[Route] = attrs.field(default=_TRAINING, converter=_routes)
    large_gap_requires: tuple[frozenset[Route], ...] = attrs.field(
        default=(_CLASSROOM, frozenset({Route.COACHING, Route.MENTORING})),
        converter=_route_groups,
    )
    paired_types: frozenset[CompetencyType] = attrs.field(
        default=frozenset({CompetencyType.MANAJERIAL, CompetencyType.SOSIAL_KULTURAL}),
        converter=_types,
    )
    minimum_for_everyone: bool = attrs.field(default=True, validator=_flag)
    include_target_gaps: bool = attrs.field(default=False, validator=_flag)
    blend: Mapping[str, float] = attrs.field(
        factory=lambda: {"formal": 0.1, "social": 0.2, "experiential": 0.7}, converter=_blend
    )
    routes: RoutePolicy = attrs.field(default=ROUTES_DEFAULT)
    blend_penalty: float = attrs.field(default=0.01)
    jp_penalty: float = attrs.field(default=1000.0)
    cost_weight: float = attrs.field(default=1e-3)
    exact_places: int = attrs.field(default=8_000)
    node_limit: int = attrs.field(default=5_000)
    iteration_limit: int = attrs.field(default=100)
    target_gap: float = attrs.field(default=1e-3)
    source: str = attrs.field(default="", repr=False)

    @large_gap_threshold.validator
    def _check_threshold(self, attribute: attrs.Attribute[float], value: float) -> None:
        if _validate.finite_non_negative("large_gap_threshold", value) == 0:
            raise ValidationError("large_gap_threshold", "a finite number > 0", value)

    @large_gap_requires.validator
    def _check_groups(
        self, attribute: attrs.Attribute[object], value: tuple[frozenset[Route], ...]
    ) -> None:
        for i, group in enumerate(value):
            if not group:
                raise ValidationError(f"large_gap_requires[{i}]", "a non-empty set of routes", ())

    @blend.validator
    def _check_blend(self, attribute: attrs.Attribute[object], value: Mapping[str, float]) -> None:
        if set(value) != {"formal", "social", "experiential"}:
            raise ValidationError(
                "blend", "shares for formal, social and experiential", dict(value)
            )
        for key, share in value.items():
            if _validate.finite_non_negative(f"blend[{key}]", share) > 1:
                raise ValidationError(f"blend[{key}]", "a share in [0, 1]", share)
        if abs(sum(value.values()) - 1) > 1e-9:
            raise ValidationError("blend", "shares summing to 1", sum(value.values()))

    @routes.validator
    def _check_routes(self, attribute: attrs.Attribute[object], value: object) -> None:
        if not isinstance(value, RoutePolicy):
            raise ValidationError("routes", "a RoutePolicy", value)

    @blend_penalty.validator
    def _check_blend_penalty(self, attribute: attrs.Attribute[float], value: float) -> None:
        _validate.finite_non_negative("blend_penalty", value)

    @jp_penalty.validator
    def _check_jp_penalty(self, attribute: attrs.Attribute[float], value: float) -> None:
        if _validate.finite_non_negative("jp_penalty", value) == 0:
            raise ValidationError("jp_penalty", "a finite number > 0", value)

    @cost_weight.validator
    def _check_cost_weight(self, attribute: attrs.Attribute[float], value: float) -> None:
        _validate.finite_non_negative("cost_weight", value)

    @exact_places.validator
    @node_limit.validator
    @iteration_limit.validator
    def _check_count(self, attribute: attrs.Attribute[int], value: int) -> None:
        low = 0 if attribute.name == "exact_places" else 1
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise ValidationError(attribute.name, f"a whole number >= {low}", value)

    @target_gap.validator
    def _check_target_gap(self, attribute: attrs.Attribute[float], value: float) -> None:
        if _validate.finite_non_negative("target_gap", value) >= 1:
            raise ValidationError("target_gap", "a number in [0, 1)", value)

    def is_large(self, shortfall: float) -> bool:
        """Return whether a shortfall counts as a large gap.

        Examples:
            >>> PLANNING_DEFAULT.is_large(2), PLANNING_DEFAULT.is_large(1.5)
            (True, False)
        """
        return shortfall >= self.large_gap_threshold - 1e-9

    def credits(self, route: Route | str, shortfall: float) -> bool:
        """Return whether an activity on ``route`` may close a gap of this size.

        Examples:
            >>> PLANNING_DEFAULT.credits("workshop", 1), PLANNING_DEFAULT.credits("workshop", 2)
            (False, True)
            >>> PLANNING_DEFAULT.credits("mentoring", 1)
            True
        """
        routes = self.large_gap_routes if self.is_large(shortfall) else self.small_gap_routes
        return Route(route) in routes

    def is_formal(self, route: Route | str) -> bool:
        """Return whether a route counts as formal learning in the blend (the 10).

        Examples:
            >>> PLANNING_DEFAULT.is_formal("workshop"), PLANNING_DEFAULT.is_formal("rotasi")
            (True, False)
        """
        return self.routes.is_formal(route)


PLANNING_DEFAULT = PlanningPolicy(
    name="AKPK-route-rules-default",
    version="2026.2",
    source=(
        "Routes from Peraturan LAN 10/2018 (classical and non-classical training; checked). The "
        "rule that large managerial gaps need classroom training plus coaching or mentoring, and "
        "small gaps coaching, mentoring or e-learning, is common AKPK practice, not a regulation "
        "(assumed). The 10:20:70 blend is a policy model used as a soft preference (unconfirmed "
        "as a rule). The 20 JP minimum follows PP 11/2017 (checked)."
    ),
)
"""Default route rules: large gaps (>= 2 levels) need classroom plus coaching/mentoring."""

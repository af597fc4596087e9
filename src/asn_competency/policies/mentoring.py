"""Mentoring sessions: when a pair counts as having stopped meeting.

:class:`MentoringSessionPolicy` sets how long an active mentoring pair may go
without an attended session before it is flagged as having stopped meeting
(:data:`MENTORING_SESSIONS_DEFAULT`: 60 days, the library's choice).

Examples:
    >>> MENTORING_SESSIONS_DEFAULT.stopped_after_days
    60
"""

from __future__ import annotations

import attrs

from asn_competency import _validate

__all__ = ["MENTORING_SESSIONS_DEFAULT", "MentoringSessionPolicy"]


@attrs.frozen(kw_only=True, repr=False)
class MentoringSessionPolicy:
    """When an active pair counts as having stopped meeting.

    Args:
        name: Policy name.
        version: Policy version.
        stopped_after_days: An active or planned relationship whose last attended
            session (or, before any, whose start) lies more than this many days
            before the report date has stopped meeting.
        source: Where the rule comes from.
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    stopped_after_days: int = attrs.field(default=60, validator=_validate.positive_int)
    source: str = attrs.field(default="", repr=False)


MENTORING_SESSIONS_DEFAULT = MentoringSessionPolicy(
    name="mentoring-sessions-default",
    version="2026.1",
    stopped_after_days=60,
    source=(
        "No regulation sets how often a mentoring pair meets; 60 days without a session "
        "(about two missed monthly meetings) is this library's choice (assumed)."
    ),
)
"""A pair that has not met for more than 60 days has stopped meeting."""

"""Small-group suppression: the smallest group whose figures an aggregate may show.

:class:`SuppressionPolicy` sets the threshold below which a group's figures are
withheld (:data:`SUPPRESSION_DEFAULT`: 5, the library's choice; statistical
offices use 3 to 10).

Examples:
    >>> SUPPRESSION_DEFAULT.min_group_size
    5
"""

from __future__ import annotations

import attrs

from asn_competency import _validate

__all__ = ["SUPPRESSION_DEFAULT", "SuppressionPolicy"]


@attrs.frozen(kw_only=True, repr=False)
class SuppressionPolicy:
    """When a group or a cell is too small to show, and how figures are rounded.

    Args:
        name: Policy name.
        version: Policy version.
        min_group_size: Groups with fewer people are not shown; cells with fewer
            assessed people show counts but no mean, share or distribution.
        decimals: Mean gaps and shares are rounded to this many decimals.
        source: Where the rule comes from.
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    min_group_size: int = attrs.field(default=5, validator=_validate.positive_int)
    decimals: int = attrs.field(default=6, validator=_validate.positive_int)
    source: str = attrs.field(default="", repr=False)


SUPPRESSION_DEFAULT = SuppressionPolicy(
    name="small-group-suppression",
    version="1",
    min_group_size=5,
    decimals=6,
    source=(
        "Statistical-disclosure practice (a threshold of 5 is common; no ASN regulation sets "
        "one): our default, replace it with your agency's rule."
    ),
)
"""Suppress groups and cells of fewer than 5 people; round figures to 6 decimals."""

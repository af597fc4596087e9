"""JP compliance by group: shares, bands, who is short, and suppression."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency.compliance.columnar import LedgerColumns, analyse_jp_columns
from asn_competency.compliance.jp import analyse_jp
from asn_competency.compliance.summary import (
    _example,
    summarise_jp,
    summarise_jp_columns,
)
from asn_competency.domain.employee import Employee
from asn_competency.domain.ledger import Ledger, LedgerEntry
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.policies.suppression import SUPPRESSION_DEFAULT, SuppressionPolicy


def _nip(i: int) -> str:
    return f"1990010120150310{i:02d}"


def _staff(units: list[str], pppk: int = 0) -> list[Employee]:
    out = [
        Employee(nip=_nip(i + 1), name=f"P{i}", unit=u, tier="pelaksana")
        for i, u in enumerate(units)
    ]
    out += [
        Employee(nip=f"198907072022211{i:03d}", name="K", unit=units[0]) for i in range(1, pppk + 1)
    ]
    return out


def _ledger(jp: list[float]) -> Ledger:
    return Ledger(
        LedgerEntry(
            nip=_nip(i + 1),
            title="Diklat",
            route="pelatihan_teknis",
            start=dt.date(2025, 5, 5),
            jp=j,
        )
        for i, j in enumerate(jp)
        if j
    )


def test_group_figures_checked_by_hand() -> None:
    """Five people of 24, 10, 20, 32 and 0 JP: 3 met, 1 short, 1 with no record."""
    s = _example()
    g = s.group("Pelayanan")
    assert (g.people, g.with_target, g.met, g.short, g.no_record, g.no_target) == (5, 5, 3, 1, 1, 0)
    assert (g.share_met, g.mean_jp, g.median_jp) == (0.6, 17.2, 20.0)
    assert dict(g.bands) == {"<5": 1, "5-<10": 0, "10-<15": 1, "15-<20": 0, ">=20": 3}
    assert s.suppressed_groups == 1
    with pytest.raises(UnknownIdError, match="group"):
        s.group("Arsip")
    df = s.to_dataframe()
    assert df[["unit", "short_nips"]].values.tolist() == [
        ["Pelayanan", "199203042019032002 199203042019032005"]
    ]


def test_small_groups_are_never_shown() -> None:
    """A unit of four is suppressed in every output; a threshold of 1 shows it."""
    staff = _staff(["A", "A", "A", "A"])
    res = analyse_jp(_ledger([20, 0, 0, 0]), period=2025, employees=staff)
    s = summarise_jp(res, employees=staff)
    assert (s.groups, s.suppressed_groups) == ((), 1)
    assert s.to_dataframe().empty
    shown = summarise_jp(
        res, employees=staff, policy=SuppressionPolicy(name="n", version="1", min_group_size=1)
    )
    assert shown.groups[0].met == 1


def test_people_without_target_and_even_medians() -> None:
    """PPPK have no target: the share is over those with one; an even group's median averages."""
    staff = _staff(["A"] * 4, pppk=2)
    res = analyse_jp(_ledger([20, 10, 6, 0]), period=2025, employees=staff)
    g = summarise_jp(res, employees=staff).groups[0]
    assert (g.people, g.with_target, g.no_target, g.share_met) == (6, 4, 2, 0.25)
    assert g.median_jp == 3.0
    only_pppk = [Employee(nip=f"198907072022211{i:03d}", name="K", unit="A") for i in range(1, 6)]
    res2 = analyse_jp(Ledger([]), period=2025, employees=only_pppk)
    assert summarise_jp(res2, employees=only_pppk).groups[0].share_met is None


def test_group_by_several_fields() -> None:
    """Groups may be keyed by several employee fields."""
    staff = _staff(["A"] * 5)
    res = analyse_jp(_ledger([20] * 5), period=2025, employees=staff)
    s = summarise_jp(res, employees=staff, by=["unit", "tier"])
    assert s.by == ("unit", "tier")
    assert s.groups[0].key == ("A", "pelaksana")


def test_bad_arguments() -> None:
    """Wrong kinds, unknown fields and people missing from the employees are named."""
    staff = _staff(["A"] * 5)
    res = analyse_jp(_ledger([20] * 5), period=2025, employees=staff)
    with pytest.raises(ValidationError, match="'compliance' must be a JpCompliance"):
        summarise_jp([], employees=staff)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'by' must be one or more"):
        summarise_jp(res, employees=staff, by="bidang")
    with pytest.raises(ValidationError, match="'policy' must be a SuppressionPolicy"):
        summarise_jp(res, employees=staff, policy=None)  # type: ignore[arg-type]
    with pytest.raises(UnknownIdError, match="unknown employee"):
        summarise_jp(res, employees=staff[1:])


def _columns(n: int) -> LedgerColumns:
    return LedgerColumns(
        person=list(range(n)),
        title=[0] * n,
        route=[0] * n,
        start=np.array(["2025-05-05"] * n, dtype="datetime64[D]"),
        end=np.array(["2025-05-05"] * n, dtype="datetime64[D]"),
        jp=[float(4 * i + 4) for i in range(n)],
        hours=[np.nan] * n,
        nips=[_nip(i + 1) for i in range(n)],
        titles=["d"],
        routes=["pelatihan_teknis"],
    )


@given(st.lists(st.sampled_from(["A", "B", "C"]), min_size=1, max_size=30))
def test_columnar_summary_equals_the_object_one(units: list[str]) -> None:
    """Both paths give the same groups for the same people."""
    n = len(units)
    cols = _columns(n)
    staff = [Employee(nip=_nip(i + 1), name="x", unit=u) for i, u in enumerate(units)]
    by_obj = summarise_jp(
        analyse_jp(_ledger([4.0 * i + 4 for i in range(n)]), period=2025, employees=staff),
        employees=staff,
    )
    keys = sorted(set(units))
    by_col = summarise_jp_columns(
        analyse_jp_columns(cols, period=2025),
        group=[keys.index(u) for u in units],
        group_keys=[(k,) for k in keys],
    )
    assert by_col.groups == by_obj.groups
    assert by_col.suppressed_groups == by_obj.suppressed_groups


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"group": [0, 0, 3]}, "'group' must be indexes in 0..0"),
        ({"group": [0, 0]}, "one whole group index per person"),
        ({"group": [0.0, 0.0, 0.0]}, "one whole group index per person"),
        ({"group": [[0], [0, 1]]}, "one group index per person"),
        ({"group_keys": "A"}, "'group_keys' must be a sequence of keys"),
        ({"group_keys": ["A"]}, "'group_keys' must be tuples of texts"),
        ({"group_keys": [(1,)]}, "'group_keys' must be tuples of texts"),
        ({"policy": 5}, "'policy' must be a SuppressionPolicy"),
    ],
)
def test_columnar_summary_checks(kw: dict[str, object], message: str) -> None:
    """Group indexes and keys are checked."""
    res = analyse_jp_columns(_columns(3), period=2025)
    args: dict[str, object] = {"group": [0, 0, 0], "group_keys": [("A",)], **kw}
    with pytest.raises(ValidationError, match=message):
        summarise_jp_columns(res, **args)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'result' must be a ColumnarJp"):
        summarise_jp_columns(None, group=[], group_keys=[])  # type: ignore[arg-type]


def test_empty_population() -> None:
    """No people give no groups."""
    res = analyse_jp(Ledger([]), period=2025, employees=[])
    s = summarise_jp(res, employees=[])
    assert (s.groups, s.suppressed_groups, s.suppression) == ((), 0, SUPPRESSION_DEFAULT)


def test_keys_nobody_holds_are_left_out() -> None:
    """A group key without people is neither shown nor counted as suppressed."""
    res = analyse_jp_columns(_columns(5), period=2025)
    s = summarise_jp_columns(res, group=[1] * 5, group_keys=[("kosong",), ("A",)])
    assert ([g.key for g in s.groups], s.suppressed_groups) == ([("A",)], 0)

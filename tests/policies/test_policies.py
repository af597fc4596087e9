import copy
import math
import pickle

import attrs
import pytest

from asn_competency import (
    DEVELOPMENT_HOURS_PP_11_2017,
    JP_CREDITS_REGIONAL,
    REQUIRED_LEVELS_PERMENPANRB_38_2017,
    EmploymentStatus,
    PositionTier,
    Route,
    ValidationError,
)
from asn_competency.policies import DevelopmentHoursPolicy, JpCreditPolicy, RequiredLevelPolicy


@pytest.mark.parametrize("tier", ["kepala", None, 3])
def test_unknown_tier_is_named(tier: object) -> None:
    """A value that is not a tier is a validation error, not a raw ValueError."""
    with pytest.raises(ValidationError, match="'tier' must be one of"):
        REQUIRED_LEVELS_PERMENPANRB_38_2017.level_for(tier)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'tier' must be one of"):
        RequiredLevelPolicy(name="n", version="1", levels={tier: 2})


def test_required_levels_need_a_mapping_and_a_framework() -> None:
    """Levels that are not a mapping, or a framework that is not one, are named."""
    with pytest.raises(ValidationError, match="'levels' must be a mapping"):
        RequiredLevelPolicy(name="n", version="1", levels=[3])  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'framework' must be a CompetencyFramework"):
        REQUIRED_LEVELS_PERMENPANRB_38_2017.standard_for("KASI", "pengawas", "asn-national")  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["credits", "daily_caps"])
@pytest.mark.parametrize("jp", [math.inf, math.nan, -1, True, "4", 10**400])
def test_jp_tables_hold_finite_jp(field: str, jp: object) -> None:
    """Every JP in the credit table and the daily caps is a finite number >= 0."""
    options: dict[str, object] = {"credits": {}, field: {"seminar": jp}}
    with pytest.raises(ValidationError, match=rf"'{field}\[seminar\]' must be JP, a finite"):
        JpCreditPolicy(name="n", version="1", **options)  # type: ignore[arg-type]


def test_jp_tables_name_unknown_routes_and_wrong_kinds() -> None:
    """Unknown routes and tables that are not mappings are named."""
    with pytest.raises(ValidationError, match="'route' must be one of"):
        JpCreditPolicy(name="n", version="1", credits={"ceramah": 2})
    with pytest.raises(ValidationError, match="'route' must be one of"):
        JP_CREDITS_REGIONAL.credit("ceramah")
    with pytest.raises(ValidationError, match="'daily_caps' must be a mapping"):
        JpCreditPolicy(name="n", version="1", credits={}, daily_caps=[2])  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["minimum_jp", "maximum_jp"])
def test_development_hours_are_checked_and_copied(field: str) -> None:
    """Hours by status are finite numbers >= 0 for known statuses, kept apart from the input."""
    for jp in (math.nan, -5, "20"):
        with pytest.raises(ValidationError, match=rf"'{field}\[pns\]' must be JP, a finite"):
            DevelopmentHoursPolicy(name="n", version="1", **{field: {"pns": jp}})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=f"'{field}' must be one of 'pns', 'pppk'"):
        DevelopmentHoursPolicy(name="n", version="1", **{field: {"honorer": 5}})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=f"'{field}' must be a mapping"):
        DevelopmentHoursPolicy(name="n", version="1", **{field: 20})  # type: ignore[arg-type]
    hours = {"pns": 20}
    policy = DevelopmentHoursPolicy(name="n", version="1", **{field: hours})  # type: ignore[arg-type]
    hours["pns"] = 99
    assert getattr(policy, field) == {EmploymentStatus.PNS: 20}


@pytest.mark.parametrize("share", [math.nan, -1, 1.5, "0.1"])
def test_blend_shares_are_checked(share: object) -> None:
    """A NaN or out-of-range share no longer slips past the sum check."""
    blend = {"formal": share, "social": 0.2, "experiential": 0.7}
    with pytest.raises(ValidationError, match=r"'blend\[formal\]' must be a share in \[0, 1\]"):
        DevelopmentHoursPolicy(name="n", version="1", blend=blend)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'blend' must be shares"):
        DevelopmentHoursPolicy(name="n", version="1", blend=[0.1, 0.2, 0.7])  # type: ignore[arg-type]
    assert DEVELOPMENT_HOURS_PP_11_2017.blend["experiential"] == 0.7


def _policy_constants() -> list[tuple[str, object]]:
    import asn_competency as ac  # noqa: PLC0415

    out = []
    for name in sorted(ac.__all__):
        obj = getattr(ac, name)
        if name.isupper() and attrs.has(type(obj)):
            out.append((name, obj))
    return out


def test_every_policy_constant_pickles_and_deep_copies() -> None:
    """Policies travel inside results to worker processes and caches: they must pickle."""
    constants = _policy_constants()
    assert len(constants) >= 10
    for name, policy in constants:
        assert pickle.loads(pickle.dumps(policy)) == policy, name
        assert copy.deepcopy(policy) == policy, name


def test_policy_tables_cannot_be_changed_in_place() -> None:
    """The national tables are shared by every caller; writing to them is refused."""
    with pytest.raises(TypeError):
        REQUIRED_LEVELS_PERMENPANRB_38_2017.levels[PositionTier.PELAKSANA] = 5  # type: ignore[index]
    with pytest.raises(TypeError):
        JP_CREDITS_REGIONAL.credits[Route.SEMINAR] = 100.0  # type: ignore[index]
    with pytest.raises(TypeError):
        DEVELOPMENT_HOURS_PP_11_2017.minimum_jp[EmploymentStatus.PNS] = 0  # type: ignore[index]


def test_policies_with_tables_hash_and_compare_by_value() -> None:
    """Equal policies hash alike, so they can key a cache of results."""
    # The table given as a plain dict with text keys, as a user would write it.
    levels = {
        tier.value: level for tier, level in REQUIRED_LEVELS_PERMENPANRB_38_2017.levels.items()
    }
    copy_of = attrs.evolve(REQUIRED_LEVELS_PERMENPANRB_38_2017, levels=levels)
    assert copy_of == REQUIRED_LEVELS_PERMENPANRB_38_2017
    assert hash(copy_of) == hash(REQUIRED_LEVELS_PERMENPANRB_38_2017)
    assert repr(REQUIRED_LEVELS_PERMENPANRB_38_2017.levels).startswith("{")

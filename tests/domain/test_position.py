import attrs
import pytest

from asn_competency import (
    REQUIRED_LEVELS_PERMENPANRB_38_2017,
    Position,
    PositionKind,
    PositionStandard,
    PositionTier,
    Requirement,
    UnknownIdError,
    ValidationError,
    national_framework,
)


def test_tier_kind_and_seniority() -> None:
    """Tiers know their track and a comparable seniority."""
    assert PositionTier.JPT_MADYA.kind is PositionKind.PIMPINAN_TINGGI
    assert PositionTier.PENGAWAS.kind is PositionKind.ADMINISTRASI
    assert PositionTier.AHLI_MUDA.kind is PositionKind.FUNGSIONAL
    assert PositionTier.PELAKSANA.seniority < PositionTier.ADMINISTRATOR.seniority
    assert Position(id="P", title="Kasi", tier="pengawas").tier is PositionTier.PENGAWAS


def test_standard_sorted_and_unique() -> None:
    """Requirements are sorted by competency; duplicates are refused."""
    std = PositionStandard(
        position_id="P",
        framework_id="f",
        requirements=[
            Requirement(competency_id="B", level=2),
            Requirement(competency_id="A", level=1),
        ],
    )
    assert std.competency_ids == ("A", "B")
    with pytest.raises(ValidationError, match="'requirements' must be unique ids"):
        PositionStandard(
            position_id="P",
            framework_id="f",
            requirements=[
                Requirement(competency_id="A", level=2),
                Requirement(competency_id="A", level=1),
            ],
        )
    with pytest.raises(UnknownIdError, match="unknown competency 'C' in standard 'P'"):
        std.required_level("C")


def test_standard_checked_against_framework() -> None:
    """A standard naming an unknown competency or an off-scale level is refused."""
    fw = national_framework()
    bad_id = PositionStandard(
        position_id="P", framework_id=fw.id, requirements=[Requirement(competency_id="XX", level=1)]
    )
    with pytest.raises(UnknownIdError, match="unknown competency 'XX'"):
        bad_id.check_against(fw)
    bad_level = PositionStandard(
        position_id="P",
        framework_id=fw.id,
        requirements=[Requirement(competency_id="MJ.PP", level=6)],
    )
    with pytest.raises(
        ValidationError, match=r"'requirements\[0\].level' must be a level in 1..5 \(got 6\)"
    ):
        bad_level.check_against(fw)


def test_requirement_validation() -> None:
    """Levels are whole numbers >= 1; importance is >= 0."""
    with pytest.raises(ValidationError, match="'level' must be a whole number >= 1"):
        Requirement(competency_id="A", level=0)
    with pytest.raises(ValidationError, match="'importance' must be a number >= 0"):
        Requirement(competency_id="A", level=1, importance=-1)


def test_required_level_policy_defaults_and_override() -> None:
    """The default tier table can be replaced with attrs.evolve."""
    assert REQUIRED_LEVELS_PERMENPANRB_38_2017.level_for("jpt_pratama") == 4
    std = REQUIRED_LEVELS_PERMENPANRB_38_2017.standard_for(
        "ADM", PositionTier.ADMINISTRATOR, national_framework()
    )
    assert {r.level for r in std.requirements} == {3}
    with pytest.raises(UnknownIdError, match="unknown tier 'terampil'"):
        REQUIRED_LEVELS_PERMENPANRB_38_2017.level_for("terampil")
    custom = attrs.evolve(REQUIRED_LEVELS_PERMENPANRB_38_2017, levels={"terampil": 1})
    assert custom.level_for(PositionTier.TERAMPIL) == 1
    with pytest.raises(ValidationError, match=r"'levels\[terampil\]' must be a level >= 1"):
        attrs.evolve(REQUIRED_LEVELS_PERMENPANRB_38_2017, levels={"terampil": 0})


def test_requirements_of_the_wrong_kind_are_named() -> None:
    """Items that are not requirements, or no collection at all, are named."""
    req = Requirement(competency_id="MJ.PP", level=2)
    with pytest.raises(ValidationError, match=r"'requirements\[1\]' must be a Requirement"):
        PositionStandard(position_id="P", framework_id="f", requirements=[req, "MJ.KOM"])
    for bad in (None, req):
        with pytest.raises(ValidationError, match="'requirements' must be a collection"):
            PositionStandard(position_id="P", framework_id="f", requirements=bad)  # type: ignore[arg-type]


def test_golongan_compares_only_with_golongan() -> None:
    """Comparing a rank with a text is a plain TypeError, not an AttributeError."""
    from asn_competency import Golongan  # noqa: PLC0415

    with pytest.raises(TypeError, match="not supported"):
        _ = Golongan("III/a") < "III/b"  # type: ignore[operator]


def test_check_against_needs_a_framework() -> None:
    """A mapping or id in place of the framework is named, not a raw KeyError."""
    std = PositionStandard(
        position_id="P",
        framework_id="asn-national",
        requirements=[Requirement(competency_id="MJ.PP", level=2)],
    )
    with pytest.raises(ValidationError, match="'framework' must be a CompetencyFramework"):
        std.check_against({"MJ.PP": 5})  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["agency", "unit"])
def test_position_texts_must_be_texts(field: str) -> None:
    """None as the agency or unit is refused (empty text means unknown)."""
    with pytest.raises(ValidationError, match=f"'{field}' must be a text"):
        Position(id="P", title="Kasi", tier="pengawas", **{field: None})  # type: ignore[arg-type]

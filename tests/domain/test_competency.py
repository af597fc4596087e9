import pytest

from asn_competency import (
    Competency,
    CompetencyType,
    ProficiencyLevel,
    ProficiencyScale,
    ValidationError,
)


def test_default_scale_has_five_levels() -> None:
    """The default scale runs 1..5."""
    scale = ProficiencyScale.default()
    assert (scale.minimum, scale.maximum) == (1, 5)
    assert scale.level(5).number == 5


def test_scale_rejects_gaps() -> None:
    """Levels must be numbered 1..n in order."""
    with pytest.raises(ValidationError, match=r"'levels\[1\].number' must be 2"):
        ProficiencyScale(
            levels=[ProficiencyLevel(number=1, label="a"), ProficiencyLevel(number=3, label="c")]
        )


def test_scale_rejects_empty_and_wrong_items() -> None:
    """A scale needs at least one level, and only levels."""
    with pytest.raises(ValidationError, match="at least one level"):
        ProficiencyScale(levels=[])
    with pytest.raises(ValidationError, match="a ProficiencyLevel"):
        ProficiencyScale(levels=["x"])


def test_not_applicable_level_is_zero() -> None:
    """The not-applicable level must be numbered 0 and is reachable as level 0."""
    na = ProficiencyLevel(number=0, label="n/a")
    scale = ProficiencyScale(levels=[ProficiencyLevel(number=1, label="a")], not_applicable=na)
    assert scale.level(0) == na
    assert scale.validate_level(0, allow_na=True) == 0
    with pytest.raises(ValidationError, match=r"'not_applicable\.number' must be 0"):
        ProficiencyScale(
            levels=[ProficiencyLevel(number=1, label="a")],
            not_applicable=ProficiencyLevel(number=1, label="x"),
        )


@pytest.mark.parametrize("bad", [0, 6, -1, True, 2.5, "3"])
def test_level_outside_scale_is_rejected(bad: object) -> None:
    """validate_level names the field, the range and the value."""
    with pytest.raises(ValidationError) as info:
        ProficiencyScale.default().validate_level(bad, field="level")  # type: ignore[arg-type]
    assert str(info.value) == f"'level' must be a level in 1..5 (got {bad!r})"


def test_level_number_must_be_whole() -> None:
    """A level number is a non-negative int."""
    with pytest.raises(ValidationError, match="'number' must be a whole number >= 0"):
        ProficiencyLevel(number=-1, label="x")
    with pytest.raises(ValidationError, match="'label' must be a non-empty text"):
        ProficiencyLevel(number=1, label=" ")


def test_competency_normalises_related_ids() -> None:
    """Related ids are kept sorted and unique; the type accepts its value."""
    c = Competency(id="A", name_id="A", type="teknis", related_ids=["C", "B", "C"])
    assert c.related_ids == ("B", "C")
    assert c.type is CompetencyType.TEKNIS
    assert c.name == "A"
    assert Competency(id="B", name_id="b", name_en="bee", type="teknis").name == "bee"


def test_competency_rejects_self_links_and_bad_type() -> None:
    """A competency may not be its own parent or relative; the type must be known."""
    with pytest.raises(ValidationError, match="'parent_id'"):
        Competency(id="A", name_id="A", type="teknis", parent_id="A")
    with pytest.raises(ValidationError, match="'related_ids'"):
        Competency(id="A", name_id="A", type="teknis", related_ids=["A"])
    with pytest.raises(ValidationError, match="'type' must be one of 'teknis'"):
        Competency(id="A", name_id="A", type="technical")
    with pytest.raises(ValidationError, match="'id' must be an id"):
        Competency(id="bad id", name_id="A", type="teknis")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"related_ids": "MJPP"}, "'related_ids' must be a collection of competency ids"),
        ({"related_ids": None}, "'related_ids' must be a collection of competency ids"),
        ({"related_ids": ["B", 1]}, "'related_ids' must be ids of letters"),
        ({"related_ids": ["b c"]}, "'related_ids' must be ids of letters"),
        ({"parent_id": 3}, "'parent_id' must be none or an id"),
        ({"parent_id": ""}, "'parent_id' must be none or an id"),
        ({"scale": "1-5"}, "'scale' must be a ProficiencyScale"),
    ],
)
def test_competency_fields_of_the_wrong_kind(options: dict[str, object], message: str) -> None:
    """A text as related ids is not split into letters; odd parents and scales are named."""
    with pytest.raises(ValidationError, match=message):
        Competency(id="A", name_id="A", type="teknis", **options)  # type: ignore[arg-type]


def test_scale_parts_of_the_wrong_kind() -> None:
    """Levels that are not a sequence, and a not-applicable level that is not a level, are named."""
    one = ProficiencyLevel(number=1, label="Dasar")
    for levels in (None, one, "12"):
        with pytest.raises(ValidationError, match="'levels' must be a sequence of Proficiency"):
            ProficiencyScale(levels=levels)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'not_applicable' must be a ProficiencyLevel"):
        ProficiencyScale(levels=[one], not_applicable="n/a")  # type: ignore[arg-type]


@pytest.mark.parametrize("number", [False, 0.0])
def test_not_applicable_level_only_for_the_whole_number_0(number: object) -> None:
    """False or 0.0 is not the level number 0: it is refused like any other non-level."""
    na = ProficiencyLevel(number=0, label="Tidak relevan")
    scale = ProficiencyScale(levels=[ProficiencyLevel(number=1, label="Dasar")], not_applicable=na)
    assert scale.level(0) is na
    with pytest.raises(ValidationError, match=r"'number' must be a level in 1\.\.1"):
        scale.level(number)  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["name_en", "description"])
def test_optional_texts_must_be_texts(field: str) -> None:
    """None as an optional text is refused: it could be saved as JSON but not loaded back."""
    with pytest.raises(ValidationError, match=f"'{field}' must be a text"):
        Competency(id="A", name_id="A", type="teknis", **{field: None})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'descriptor' must be a text"):
        ProficiencyLevel(number=1, label="Dasar", descriptor=None)  # type: ignore[arg-type]

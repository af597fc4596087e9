import pytest
from hypothesis import given

from asn_competency import (
    Competency,
    CompetencyFramework,
    CompetencyType,
    FrameworkError,
    UnknownIdError,
    ValidationError,
    national_framework,
)
from asn_competency import strategies as acst


def _c(cid: str, parent: str | None = None, related: tuple[str, ...] = ()) -> Competency:
    return Competency(id=cid, name_id=cid, type="teknis", parent_id=parent, related_ids=related)


def test_duplicate_ids_are_reported() -> None:
    """A framework with the same id twice is rejected."""
    with pytest.raises(FrameworkError, match="'A' appears more than once"):
        CompetencyFramework(id="f", version="1", title="t", competencies=[_c("A"), _c("A")])


def test_missing_parent_and_related_are_reported_together() -> None:
    """Every problem is listed at once."""
    with pytest.raises(FrameworkError) as info:
        CompetencyFramework(
            id="f", version="1", title="t", competencies=[_c("A", "X"), _c("B", related=("Y",))]
        )
    assert info.value.problems == (
        "competency 'A' names parent 'X', which does not exist",
        "competency 'B' names related id 'Y', which does not exist",
    )


def test_cycles_are_reported_once() -> None:
    """Parent links that loop are named, with the loop."""
    with pytest.raises(FrameworkError) as info:
        CompetencyFramework(
            id="f",
            version="1",
            title="t",
            competencies=[_c("A", "C"), _c("B", "A"), _c("C", "B")],
        )
    assert info.value.problems == ("parent links form a cycle: A -> C -> B -> A",)


def test_lookup_tree_and_ancestors() -> None:
    """Lookups by id, children, ancestors and the tree view agree."""
    fw = CompetencyFramework(
        id="f", version="1", title="t", competencies=[_c("B", "A"), _c("A"), _c("C", "B")]
    )
    assert fw.ids == ("A", "B", "C")
    assert fw.tree() == {"A": ("B",), "B": ("C",), "C": ()}
    assert [c.id for c in fw.ancestors("C")] == ["B", "A"]
    assert [c.id for c in fw.children("A")] == ["B"]
    assert [c.id for c in fw.roots()] == ["A"]
    assert "A" in fw
    assert fw.get("Z") is None
    with pytest.raises(UnknownIdError, match="unknown competency 'Z' in framework 'f'"):
        fw["Z"]


def test_national_framework_contents() -> None:
    """Eight managerial competencies and Perekat Bangsa, five levels each."""
    fw = national_framework()
    assert len(fw.of_type(CompetencyType.MANAJERIAL)) == 8
    assert [c.name_id for c in fw.of_type(CompetencyType.SOSIAL_KULTURAL)] == ["Perekat Bangsa"]
    assert {c.scale.maximum for c in fw} == {5}
    assert all(lvl.descriptor for c in fw for lvl in c.scale.levels)
    assert fw == national_framework()


def test_merge_joins_and_rejects_clashes() -> None:
    """Merging with technical competencies works; clashing ids fail."""
    tech = CompetencyFramework(id="tk", version="1", title="t", competencies=[_c("TK.1")])
    merged = national_framework().merge(tech)
    assert len(merged) == 10
    with pytest.raises(FrameworkError):
        merged.merge(tech)


@given(acst.frameworks())
def test_generated_frameworks_are_consistent(fw: CompetencyFramework) -> None:
    """Order of competencies does not matter; every parent exists."""
    again = CompetencyFramework(
        id=fw.id,
        version=fw.version,
        title=fw.title,
        status=fw.status,
        competencies=tuple(reversed(fw.competencies)),
    )
    assert again == fw
    assert all(c.parent_id is None or c.parent_id in fw for c in fw)
    assert sum(len(v) for v in fw.tree().values()) == len(fw) - len(fw.roots())


def test_competencies_of_the_wrong_kind_are_named() -> None:
    """Items that are not competencies, or no collection at all, are named."""
    with pytest.raises(ValidationError, match=r"'competencies\[1\]' must be a Competency"):
        CompetencyFramework(id="f", version="1", title="T", competencies=[_c("A"), "B"])
    for bad in (None, _c("A")):
        with pytest.raises(ValidationError, match="'competencies' must be a collection"):
            CompetencyFramework(id="f", version="1", title="T", competencies=bad)  # type: ignore[arg-type]


def test_an_id_repeated_three_times_is_reported_once() -> None:
    """Each repeated id gives one problem, however often it repeats."""
    with pytest.raises(FrameworkError) as info:
        CompetencyFramework(id="f", version="1", title="T", competencies=[_c("A")] * 3)
    assert info.value.problems == ("competency id 'A' appears more than once",)


def test_lookups_with_odd_keys() -> None:
    """An unhashable key is an unknown id, not a TypeError; merge needs a framework."""
    fw = national_framework()
    with pytest.raises(UnknownIdError, match=r"unknown competency \['MJ.PP'\]"):
        fw[["MJ.PP"]]  # type: ignore[index]
    assert ["MJ.PP"] not in fw
    assert fw.get(["MJ.PP"]) is None  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'other' must be a CompetencyFramework"):
        fw.merge("tk")  # type: ignore[arg-type]

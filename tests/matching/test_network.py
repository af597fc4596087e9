"""Analyses of a mentoring graph: flows, chains, crossing ties and units without a mentor."""

import math

import pytest

from asn_competency import Employee, MentoringGraph, MentoringRelationship, ValidationError
from asn_competency.domain.mentoring import CompetencyNeed, MenteeNeed
from asn_competency.errors import UnknownIdError
from asn_competency.matching.coverage import units_without_mentor
from asn_competency.matching.network import competency_flows, crossing_ties, mentoring_chains
from tests.domain.test_mentoring import A, B, C, D, E, graph, people


def test_competency_flows_by_person_unit_agency() -> None:
    """Flows count relationships per source, target and competency."""
    by_person = [
        (f.source, f.target, f.competency_id, f.relationships) for f in competency_flows(graph())
    ]
    assert by_person == [
        (A, B, "MJ.KOM", 1),
        (A, B, "MJ.PP", 2),
        (B, C, "MJ.PP", 1),
        (D, C, "TK.SIAK", 1),
    ]
    by_unit = competency_flows(graph(), people(), by="unit")
    assert [(f.source, f.target, f.competency_id, f.relationships) for f in by_unit] == [
        ("Dinkes/Layanan", "Dukcapil/Layanan", "TK.SIAK", 1),
        ("Dukcapil/Arsip", "Dukcapil/Layanan", "MJ.KOM", 1),
        ("Dukcapil/Arsip", "Dukcapil/Layanan", "MJ.PP", 2),
        ("Dukcapil/Layanan", "Dukcapil/Layanan", "MJ.PP", 1),
    ]
    by_agency = competency_flows(graph(), {e.nip: e for e in people()}, by="agency")
    assert [(f.source, f.target, f.competency_id) for f in by_agency] == [
        ("Dinkes", "Dukcapil", "TK.SIAK"),
        ("Dukcapil", "Dukcapil", "MJ.KOM"),
        ("Dukcapil", "Dukcapil", "MJ.PP"),
    ]


def test_competency_flows_bad_input() -> None:
    """Grouping needs records; unknown levels and people are named."""
    with pytest.raises(ValidationError, match="'employees' must be the people's records"):
        competency_flows(graph(), by="unit")
    with pytest.raises(ValidationError, match="'by' must be one of 'person', 'unit', 'agency'"):
        competency_flows(graph(), people(), by="region")
    with pytest.raises(UnknownIdError, match=f"unknown employee '{A}' in employees"):
        competency_flows(graph(), people()[1:], by="unit")


def test_chains_follow_mentoring_downwards() -> None:
    """A -> B -> C and A -> B -> E are chains of two; D -> C is too short."""
    assert mentoring_chains(graph()) == ((A, B, C), (A, B, E))
    assert mentoring_chains(graph(), min_length=1) == ((A, B, C), (A, B, E), (D, C))
    assert mentoring_chains(graph(), min_length=3) == ()
    with pytest.raises(ValidationError, match="'min_length' must be a whole number >= 1"):
        mentoring_chains(graph(), min_length=0)


def test_crossing_ties() -> None:
    """A -> B crosses units; D -> C crosses agencies (and so units); B -> C and B -> E do not."""
    ties = crossing_ties(graph(), people())
    assert [(t.mentor, t.mentee, t.cross_unit, t.cross_agency) for t in ties] == [
        (A, B, True, False),
        (D, C, True, True),
    ]
    with pytest.raises(UnknownIdError):
        crossing_ties(graph(), [])


def test_units_without_mentor() -> None:
    """C and E (Layanan) need MJ.PP at 3; only B (level 2) is in their unit; A is elsewhere."""
    needs = [
        MenteeNeed(nip=C, needs=[CompetencyNeed(competency_id="MJ.PP", required=3)]),
        MenteeNeed(
            nip=E,
            needs=[
                CompetencyNeed(competency_id="MJ.PP", required=2),
                CompetencyNeed(competency_id="MJ.KOM", required=2),
            ],
        ),
    ]
    levels = {(A, "MJ.PP"): 4.0, (B, "MJ.PP"): 2.0, (E, "MJ.PP"): 3.0}
    out = units_without_mentor(needs, people()[:3] + people()[4:], levels, employees=people())
    assert [(u.group, u.competency_id, u.mentees, u.required, u.best_available) for u in out] == [
        # E reaches MJ.PP 3 and could mentor C; nobody in the unit has MJ.KOM.
        ("Dukcapil/Layanan", "MJ.KOM", (E,), 2, None),
    ]
    # Without E as a candidate, C has nobody at level 3 in the unit.
    out = units_without_mentor(needs, people()[:2], levels, employees=people())
    assert [(u.competency_id, u.mentees, u.required, u.best_available) for u in out] == [
        ("MJ.KOM", (E,), 2, None),
        ("MJ.PP", (C,), 3, 2.0),
    ]
    # By agency, A (Arsip, level 4) can mentor C.
    out = units_without_mentor(needs, people()[:2], levels, employees=people(), by="agency")
    assert [(u.group, u.competency_id) for u in out] == [("Dukcapil", "MJ.KOM")]
    with pytest.raises(ValidationError, match="'by' must be 'unit' or 'agency'"):
        units_without_mentor(needs, [], levels, employees=people(), by="person")


def test_employee_records_are_checked() -> None:
    """A NIP twice (either record would win by order), a wrong item or key is named."""
    g = MentoringGraph([MentoringRelationship(mentor=A, mentee=B, competency_ids=["K"])])
    a = Employee(nip=A, name="A", agency="X", unit="U")
    b = Employee(nip=B, name="B", agency="X", unit="V")
    b2 = Employee(nip=B, name="B", agency="X", unit="U")
    with pytest.raises(ValidationError, match="'employees' must be one record per NIP"):
        competency_flows(g, [a, b, b2], by="unit")
    with pytest.raises(ValidationError, match=r"'employees\[1\]' must be an Employee"):
        crossing_ties(g, [a, "B"])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="'employees' must be a collection"):
        crossing_ties(g, None)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=f"'employees\\[{A}\\]' must be the employee"):
        crossing_ties(g, {A: b, B: a})
    with pytest.raises(ValidationError, match=f"'employees\\[{A}\\]' must be an Employee"):
        crossing_ties(g, {A: "A"})  # type: ignore[arg-type]
    spaced = {f"{A[:8]} {A[8:]}": a, B: b}
    assert [t.mentor for t in crossing_ties(g, spaced)] == [A]


def test_units_without_mentor_checks_its_inputs() -> None:
    """Levels, margin and candidates of the wrong kind are named, not raw errors."""
    people = [Employee(nip=A, name="A", unit="U"), Employee(nip=B, name="B", unit="U")]
    need = MenteeNeed(nip=B, needs=[CompetencyNeed(competency_id="K", required=3)])
    for bad in (None, "x", math.nan, True):
        with pytest.raises(ValidationError, match=f"'levels\\[{A}, K\\]' must be a finite level"):
            units_without_mentor([need], people, {(A, "K"): bad}, employees=people)
    with pytest.raises(ValidationError, match="'levels' must be"):
        units_without_mentor([need], people, [], employees=people)  # type: ignore[arg-type]
    for margin in (math.nan, -1, "1", True):
        with pytest.raises(ValidationError, match="'margin' must be a finite number >= 0"):
            units_without_mentor([need], people, {}, employees=people, margin=margin)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"'candidates\[0\]' must be an Employee"):
        units_without_mentor([need], [A], {}, employees=people)  # type: ignore[list-item]


def test_best_available_leaves_out_the_staff_in_need() -> None:
    """The best level on offer is someone else's, not that of the person who needs it."""
    people = [Employee(nip=A, name="A", unit="U"), Employee(nip=B, name="B", unit="U")]
    need = MenteeNeed(nip=B, needs=[CompetencyNeed(competency_id="K", required=3)])
    [only_self] = units_without_mentor([need], people, {(B, "K"): 2.5}, employees=people)
    assert only_self.best_available is None
    [other] = units_without_mentor([need], people, {(B, "K"): 2.5, (A, "K"): 2}, employees=people)
    assert other.best_available == 2.0

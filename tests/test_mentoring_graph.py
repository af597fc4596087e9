import datetime as dt
import math
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import Employee, MentoringGraph, MentoringRelationship, ValidationError
from asn_competency.domain.mentoring import CompetencyNeed, MenteeNeed
from asn_competency.errors import UnknownIdError
from asn_competency.matching.coverage import units_without_mentor
from asn_competency.matching.network import competency_flows, crossing_ties, mentoring_chains

A, B, C = "197805102003121001", "198602142010012003", "199107202019031004"


def test_graph_merges_repeated_pairs() -> None:
    """Two relationships of one pair become one edge with merged attributes."""
    g = MentoringGraph(
        [
            MentoringRelationship(
                mentor=A,
                mentee=B,
                competency_ids=["MJ.PP"],
                start=dt.date(2024, 1, 1),
                end=dt.date(2024, 6, 30),
                status="completed",
            ),
            MentoringRelationship(
                mentor=A,
                mentee=B,
                competency_ids=["MJ.KOM"],
                start=dt.date(2023, 1, 1),
                end=dt.date(2023, 6, 30),
                status="completed",
            ),
            MentoringRelationship(mentor=B, mentee=C, competency_ids=["MJ.PP"]),
        ]
    )
    graph = g.to_networkx()
    data = graph.edges[A, B]
    assert data["competency_ids"] == ("MJ.KOM", "MJ.PP")
    assert (data["start"], data["end"], data["count"]) == (
        dt.date(2023, 1, 1),
        dt.date(2024, 6, 30),
        2,
    )
    assert g.mentors == (A, B)
    assert g.mentees == (B, C)
    assert (A, B) in g.pairs()
    assert len(g.active()) == 1
    assert len(g.add([MentoringRelationship(mentor=C, mentee=A)])) == 4
    assert len(list(g)) == 3


def test_open_relationship_keeps_end_open() -> None:
    """If any relationship of a pair is open, the edge's end is None."""
    g = MentoringGraph(
        [
            MentoringRelationship(
                mentor=A, mentee=B, start=dt.date(2023, 1, 1), end=dt.date(2023, 2, 1)
            ),
            MentoringRelationship(mentor=A, mentee=B, start=dt.date(2024, 1, 1)),
        ]
    )
    assert g.to_networkx().edges[A, B]["end"] is None


def test_bad_relationships() -> None:
    """Self-mentoring, bad NIPs and non-relationships are refused."""
    with pytest.raises(ValidationError, match="'mentee' must be a person other than the mentor"):
        MentoringRelationship(mentor=A, mentee=A)
    with pytest.raises(ValidationError, match="'mentor' must be 18 digits"):
        MentoringRelationship(mentor="1", mentee=A)
    with pytest.raises(ValidationError, match="'relationships' must be MentoringRelationship"):
        MentoringGraph(["x"])


def test_import_stays_light() -> None:
    """Importing the package does not import networkx."""
    code = "import asn_competency, sys; print('networkx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- Analytics ---------------------------------------------------------------------------

D, E = "198806062012122001", "200001012024011002"


def people() -> list[Employee]:
    """A (Arsip) mentors B (Layanan), B mentors C (Layanan), D (Dinkes) mentors C."""
    return [
        Employee(nip=A, name="A", agency="Dukcapil", unit="Arsip"),
        Employee(nip=B, name="B", agency="Dukcapil", unit="Layanan"),
        Employee(nip=C, name="C", agency="Dukcapil", unit="Layanan"),
        Employee(nip=D, name="D", agency="Dinkes", unit="Layanan"),
        Employee(nip=E, name="E", agency="Dukcapil", unit="Layanan"),
    ]


def graph() -> MentoringGraph:
    return MentoringGraph(
        [
            MentoringRelationship(mentor=A, mentee=B, competency_ids=["MJ.PP", "MJ.KOM"]),
            MentoringRelationship(mentor=A, mentee=B, competency_ids=["MJ.PP"], status="completed"),
            MentoringRelationship(mentor=B, mentee=C, competency_ids=["MJ.PP"]),
            MentoringRelationship(mentor=D, mentee=C, competency_ids=["TK.SIAK"]),
            MentoringRelationship(mentor=B, mentee=E, status="completed"),
        ]
    )


def test_load_counts_distinct_mentees() -> None:
    """A mentor's load is the number of distinct mentees; repeated pairs count once."""
    assert graph().load() == {A: 1, B: 2, D: 1}
    assert graph().load(active_only=True) == {A: 1, B: 1, D: 1}
    assert MentoringGraph().load() == {}


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


def test_relationship_checks_competency_ids_and_merges_starts() -> None:
    """A bad competency id is refused; a later relationship with an earlier start moves it."""
    with pytest.raises(ValidationError, match="'competency_ids' must be ids"):
        MentoringRelationship(mentor=A, mentee=B, competency_ids=["bad id"])
    g = MentoringGraph(
        [
            MentoringRelationship(mentor=A, mentee=B, start=dt.date(2024, 5, 1)),
            MentoringRelationship(mentor=A, mentee=B, start=dt.date(2024, 1, 1)),
        ]
    )
    assert g.to_networkx().edges[A, B]["start"] == dt.date(2024, 1, 1)


@given(st.permutations(range(4)))
def test_graph_and_edge_status_ignore_input_order(order: list[int]) -> None:
    """Relationships of one pair on one start date give the same graph in any order."""
    rels = [
        MentoringRelationship(mentor=A, mentee=B, status="completed", competency_ids=["X"]),
        MentoringRelationship(mentor=A, mentee=B, status="active", competency_ids=["Y"]),
        MentoringRelationship(mentor=A, mentee=B, status="active", competency_ids=["X"]),
        MentoringRelationship(mentor=A, mentee=B, end=dt.date(2024, 1, 1)),
    ]
    g = MentoringGraph([rels[i] for i in order])
    assert g == MentoringGraph(rels)
    assert (
        g.to_networkx().edges[A, B]["status"]
        == MentoringGraph(rels).to_networkx().edges[A, B]["status"]
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"competency_ids": "MJPP"}, "'competency_ids' must be a collection of competency ids"),
        ({"competency_ids": None}, "'competency_ids' must be a collection of competency ids"),
        ({"competency_ids": ["MJ.PP", 1]}, "'competency_ids' must be ids of letters"),
        ({"start": dt.datetime(2024, 1, 1, 8)}, "'start' must be a date"),
        ({"end": "2024-01-01"}, "'end' must be a date"),
    ],
)
def test_relationship_fields_of_the_wrong_kind(options: dict[str, object], message: str) -> None:
    """A text as competency ids (not split into letters) and datetimes as dates are named."""
    with pytest.raises(ValidationError, match=message):
        MentoringRelationship(mentor=A, mentee=B, **options)  # type: ignore[arg-type]


def test_graph_collections_of_the_wrong_kind() -> None:
    """A single relationship or none where a collection belongs is named."""
    r = MentoringRelationship(mentor=A, mentee=B)
    with pytest.raises(ValidationError, match="'relationships' must be a collection"):
        MentoringGraph(None)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'relationships' must be a collection"):
        MentoringGraph().add(r)  # type: ignore[arg-type]
    assert len(MentoringGraph().add([r])) == 1


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

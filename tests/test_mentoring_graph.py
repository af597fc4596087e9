import datetime as dt
import subprocess
import sys

import pytest

from asn_competency import Employee, MentoringGraph, MentoringRelationship, ValidationError
from asn_competency.eligibility import CompetencyNeed, MenteeNeed
from asn_competency.errors import UnknownIdError
from asn_competency.mentoring import units_without_mentor

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
        (f.source, f.target, f.competency_id, f.relationships) for f in graph().competency_flows()
    ]
    assert by_person == [
        (A, B, "MJ.KOM", 1),
        (A, B, "MJ.PP", 2),
        (B, C, "MJ.PP", 1),
        (D, C, "TK.SIAK", 1),
    ]
    by_unit = graph().competency_flows(people(), by="unit")
    assert [(f.source, f.target, f.competency_id, f.relationships) for f in by_unit] == [
        ("Dinkes/Layanan", "Dukcapil/Layanan", "TK.SIAK", 1),
        ("Dukcapil/Arsip", "Dukcapil/Layanan", "MJ.KOM", 1),
        ("Dukcapil/Arsip", "Dukcapil/Layanan", "MJ.PP", 2),
        ("Dukcapil/Layanan", "Dukcapil/Layanan", "MJ.PP", 1),
    ]
    by_agency = graph().competency_flows({e.nip: e for e in people()}, by="agency")
    assert [(f.source, f.target, f.competency_id) for f in by_agency] == [
        ("Dinkes", "Dukcapil", "TK.SIAK"),
        ("Dukcapil", "Dukcapil", "MJ.KOM"),
        ("Dukcapil", "Dukcapil", "MJ.PP"),
    ]


def test_competency_flows_bad_input() -> None:
    """Grouping needs records; unknown levels and people are named."""
    with pytest.raises(ValidationError, match="'employees' must be the people's records"):
        graph().competency_flows(by="unit")
    with pytest.raises(ValidationError, match="'by' must be one of 'person', 'unit', 'agency'"):
        graph().competency_flows(people(), by="region")
    with pytest.raises(UnknownIdError, match=f"unknown employee '{A}' in employees"):
        graph().competency_flows(people()[1:], by="unit")


def test_chains_follow_mentoring_downwards() -> None:
    """A -> B -> C and A -> B -> E are chains of two; D -> C is too short."""
    assert graph().chains() == ((A, B, C), (A, B, E))
    assert graph().chains(min_length=1) == ((A, B, C), (A, B, E), (D, C))
    assert graph().chains(min_length=3) == ()
    with pytest.raises(ValidationError, match="'min_length' must be a whole number >= 1"):
        graph().chains(min_length=0)


def test_crossing_ties() -> None:
    """A -> B crosses units; D -> C crosses agencies (and so units); B -> C and B -> E do not."""
    ties = graph().crossing_ties(people())
    assert [(t.mentor, t.mentee, t.cross_unit, t.cross_agency) for t in ties] == [
        (A, B, True, False),
        (D, C, True, True),
    ]
    with pytest.raises(UnknownIdError):
        graph().crossing_ties([])


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

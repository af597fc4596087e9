import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import Employee, MentoringGraph, MentoringRelationship, ValidationError
from asn_competency.domain.mentoring import MentoringSession

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


# --- sessions -------------------------------------------------------------------------------


def test_sessions_are_checked() -> None:
    """Sessions need two people, a date, minutes > 0, texts as topics and a bool."""
    m, a = "198001012005011001", "199901012023021001"
    ok = {"mentor": m, "mentee": a, "held_on": dt.date(2025, 2, 3), "minutes": 60}
    s = MentoringSession(**ok, topics=["pelayanan"])  # type: ignore[arg-type]
    assert (s.pair, s.minutes, s.topics, s.note) == ((m, a), 60.0, ("pelayanan",), "")
    bad: list[tuple[dict[str, object], str]] = [
        ({"mentee": m}, "'mentee' must be a person other than the mentor"),
        ({"held_on": None}, "'held_on' must be a date"),
        ({"held_on": dt.datetime(2025, 1, 1)}, "'held_on' must be a date"),
        ({"minutes": 0}, "'minutes' must be a number of minutes > 0"),
        ({"minutes": "60"}, "'minutes' must be a number of minutes > 0"),
        ({"minutes": float("inf")}, "'minutes' must be a number >= 0"),
        ({"topics": "pelayanan"}, "'topics' must be a collection of topics"),
        ({"topics": [""]}, "'topics' must be non-empty texts"),
        ({"attended": "ya"}, "'attended' must be True or False"),
    ]
    for change, message in bad:
        with pytest.raises(ValidationError, match=message):
            MentoringSession(**{**ok, **change})  # type: ignore[arg-type]


def test_agreed_sessions_is_a_positive_count() -> None:
    """A relationship may state how many sessions were agreed: a whole number >= 1."""
    m, a = "198001012005011001", "199901012023021001"
    assert MentoringRelationship(mentor=m, mentee=a, agreed_sessions=12).agreed_sessions == 12
    with pytest.raises(ValidationError, match="'agreed_sessions' must be a whole number >= 1"):
        MentoringRelationship(mentor=m, mentee=a, agreed_sessions=0)

import datetime as dt
import subprocess
import sys

import pytest

from asn_competency import MentoringGraph, MentoringRelationship, ValidationError

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

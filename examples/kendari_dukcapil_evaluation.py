"""Kendari's Dukcapil before and after a service-management training.

Kendari's civil-service development programme trained the staff of its
population and civil-registration office (Disdukcapil) in service management,
then looked at participation, whether staff found the material relevant, what
they learnt, whether their assessed competency rose, and whether the public's
satisfaction (SKM) rose. This script builds a deterministic synthetic data set
for that story and evaluates it at Kirkpatrick levels 1-4. No monetised
benefits are available, so level 5 is reported as missing and the scorecard's
confidence says so; the composite is not pulled down by it.

Run: ``python examples/kendari_dukcapil_evaluation.py``
"""

from __future__ import annotations

import datetime as dt
import random

from asn_competency.domain import (
    Activity,
    Assessment,
    Enrolment,
    Indicator,
    Measurement,
    Programme,
    Target,
)
from asn_competency.evaluation import (
    analyse_behaviour,
    analyse_indicators,
    analyse_learning,
    evaluate_programme,
    skm_index,
    summarise_reaction,
)

SEED = 2024  # the synthetic data are the same on every run
INVITED = 30
START, END = dt.date(2024, 5, 6), dt.date(2024, 5, 9)


def staff_nips(n: int) -> list[str]:
    """Valid, distinct PNS NIPs: birth date, TMT (year and month), gender, sequence."""
    out = []
    for i in range(n):
        birth = dt.date(1978 + i % 17, 1 + i % 12, 1 + i % 28)
        tmt_year = birth.year + 22 + i % 5
        gender = 1 + i % 2
        out.append(f"{birth:%Y%m%d}{tmt_year}{1 + i % 12:02d}{gender}{1 + i // 17:03d}")
    return out


def survey(rng: random.Random, respondents: int, lean: float) -> list[list[int]]:
    """SKM answers (1-4) for nine elements; ``lean`` shifts answers towards 4."""
    rows = []
    for _ in range(respondents):
        row = []
        for _ in range(9):
            x = rng.random() + lean
            row.append(4 if x > 1.05 else 3 if x > 0.45 else 2 if x > 0.1 else 1)
        rows.append(row)
    return rows


def main() -> None:
    rng = random.Random(SEED)
    nips = staff_nips(INVITED)
    enrolled = nips[:26]  # four invited staff did not come

    activity = Activity(
        id="MPP-01",
        title="Pelatihan manajemen pelayanan publik",
        route="pelatihan_teknis",
        targets=[Target(competency_id="MJ.PP", uplift=1)],
        jp=32,
        cost=2_500_000,
        provider="BPSDM Sulawesi Tenggara",
        start=START,
        end=END,
    )
    enrolments = []
    for nip in enrolled:
        attendance = rng.choice([1.0, 1.0, 1.0, 0.75, 0.5])
        enrolments.append(
            Enrolment(
                nip=nip, activity_id="MPP-01", attendance=attendance, completed=attendance >= 0.75
            )
        )
    programme = Programme(
        id="KDI-DUKCAPIL-2024",
        title="Pembinaan pelayanan Disdukcapil Kendari",
        owner="Disdukcapil Kendari",
        start=START,
        end=END,
        activities=[activity],
        budget=70_000_000,
        enrolments=enrolments,
    )

    # Level 1: feedback on relevance, satisfaction and the speaker (1-5).
    responses = {
        "relevance": [rng.choice([2, 3, 4, 4, 5, 5]) for _ in enrolled],
        "satisfaction": [rng.choice([3, 4, 4, 5]) for _ in enrolled],
        "speaker": [rng.choice([3, 4, 5, 5]) for _ in enrolled],
    }
    reaction = summarise_reaction(responses, programme=programme, invited=INVITED)

    # Level 2: pre- and post-test out of 100, test reliability 0.8.
    pre = {nip: float(rng.randint(35, 75)) for nip in enrolled}
    post = {nip: min(100.0, pre[nip] + rng.randint(-5, 30)) for nip in enrolled}
    learning = analyse_learning(pre, post, reliability=0.8)

    # Level 3: Pelayanan Publik (MJ.PP) assessed in January and in October 2024;
    # five participants have not been reassessed yet.
    assessments = []
    for i, nip in enumerate(enrolled):
        before = rng.choice([1, 2, 2, 3])
        assessments.append(
            Assessment(
                nip=nip, competency_id="MJ.PP", level=before, assessed_on=dt.date(2024, 1, 15)
            )
        )
        if i % 5 != 4:
            after = min(5, before + rng.choice([0, 1, 1, 1]))
            assessments.append(
                Assessment(
                    nip=nip,
                    competency_id="MJ.PP",
                    level=after,
                    assessed_on=dt.date(2024, 10, 20),
                    source="supervisor",
                )
            )
    behaviour = analyse_behaviour(
        assessments, start=START, end=END, nips=enrolled, competency_ids=["MJ.PP"]
    )

    # Level 4: the SKM index of the office, from the 2023 and 2024 surveys.
    skm_before = skm_index(survey(rng, 150, lean=0.35))
    skm_after = skm_index(survey(rng, 150, lean=0.55))
    indicator = Indicator(
        id="skm-dukcapil",
        name="Indeks Kepuasan Masyarakat Disdukcapil",
        level=4,
        unit="index 25-100",
        direction="higher",
        baseline=skm_before.converted,
        target=88.31,  # the lower bound of grade A (Sangat Baik)
        source="SKM survey, PermenPAN-RB 14/2017",
    )
    measurements = [
        Measurement(
            indicator_id="skm-dukcapil",
            subject="Disdukcapil Kendari",
            period=period,
            value=result.converted,
            n=result.respondents,
        )
        for period, result in (("2023", skm_before), ("2024", skm_after))
    ]
    results = analyse_indicators(
        [indicator], measurements, subject="Disdukcapil Kendari", before="2023", after="2024"
    )

    card = evaluate_programme(
        programme, reaction=reaction, learning=learning, behaviour=behaviour, indicators=results
    )

    print("Kendari Disdukcapil: service-management training, 2024")
    print(
        f"  invited {reaction.invited}, enrolled {reaction.enrolled} "
        f"(participation {reaction.participation_rate:.0%}), "
        f"attendance {reaction.attendance_rate:.0%}, completion {reaction.completion_rate:.0%}"
    )
    for item in reaction.items:
        print(
            f"  {item.item:12} mean {item.mean:.2f}, favourable {item.favourable_share:.0%}, "
            f"counts {[c for _, c in item.distribution]}"
        )
    print(
        f"  test: mean {learning.mean_pre:.1f} -> {learning.mean_post:.1f}; "
        f"<g> {learning.gain_of_means:.2f} ({learning.band}); "
        f"mean individual g {learning.mean_of_individual_gains:.2f}; "
        f"c {learning.normalized_change:.2f}"
    )
    for e in learning.effect_sizes:
        print(f"    {e.variant:3} {e.value:5.2f}  95% CI [{e.ci_low:.2f}, {e.ci_high:.2f}]")
    print(
        f"    reliable improvers {len(learning.reliable_improvers)}, "
        f"reliable decliners {len(learning.reliable_decliners)} (RCI, reliability 0.8)"
    )
    print(
        f"  MJ.PP: {behaviour.people_assessed_both} assessed before and after, "
        f"{behaviour.share_improved:.0%} improved, "
        f"{len(behaviour.missing_after)} not yet reassessed"
    )
    print(
        f"  SKM {skm_before.converted:.2f} ({skm_before.grade}) -> "
        f"{skm_after.converted:.2f} ({skm_after.grade})"
    )
    print()
    print(card.explain())
    print("Missing:", "; ".join(card.missing))


if __name__ == "__main__":
    main()

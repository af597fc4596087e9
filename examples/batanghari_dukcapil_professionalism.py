"""Batanghari's Disdukcapil professionalism programme, evaluated period by period.

Batanghari trained its civil servants in excellent public service (communication,
complaint handling, service innovation) through training, workshops and
seminars with experienced practitioners, and evaluates the programme
periodically; afterwards the population-records office (Disdukcapil) served
people faster and queues shrank. This script follows such a programme over
three periods, 2023 (before), 2024 (the programme) and 2025 (the follow-up:
mentoring, e-learning, a job rotation), on synthetic but deterministic data:

1. the development ledger and each year's 20 JP, by section;
2. the professionalism index (IP ASN), its competency dimension fed from the ledger;
3. the public-satisfaction index (SKM) each year, with an interval for each change;
4. the average queue and service times each year, as indicators where lower is better.

Run: ``python examples/batanghari_dukcapil_professionalism.py``.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics

import numpy as np

import asn_competency as ac
from asn_competency.compliance.jp import analyse_jp, training_records
from asn_competency.compliance.summary import summarise_jp
from asn_competency.domain import Education, Employee, Ledger, LedgerEntry, Sanction
from asn_competency.domain.mentoring import MentoringSession
from asn_competency.evaluation import IpAsnResult, ip_asn_index
from asn_competency.policies import SKM_PERMENPANRB_14_2017
from asn_competency.trends.indicators import track_indicators
from asn_competency.trends.professionalism import track_ip_asn
from asn_competency.trends.skm import track_skm

SEED = 2024
YEARS = (2023, 2024, 2025)
UNITS = ("Pelayanan Dafduk", "Pelayanan Capil", "PIAK")
MENTOR = "197805102003121001"


def staff(rng: random.Random) -> list[tuple[Employee, Education]]:
    """Return 18 synthetic staff, six per section, with their highest education."""
    levels = [Education.S2, Education.S1_D4, Education.S1_D4, Education.D3, Education.D1_D2_SMA]
    people = []
    for i in range(18):
        born = 1975 + rng.randrange(25)
        hired = min(born + 22 + rng.randrange(6), 2020)
        birthday = f"{born}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
        nip = f"{birthday}{hired}03{1 + i % 2}{i + 1:03d}"
        person = Employee(nip=nip, name=f"Pegawai {i + 1}", unit=UNITS[i % 3], agency="Disdukcapil")
        people.append((person, rng.choice(levels)))
    return people


def _entry(
    nip: str, title: str, route: str, start: dt.date, end: dt.date | None = None, **kw: object
) -> LedgerEntry:
    return LedgerEntry(nip=nip, title=title, route=route, start=start, end=end or start, **kw)  # type: ignore[arg-type]


def ledger(rng: random.Random, people: list[tuple[Employee, Education]]) -> Ledger:
    """What each person did: some history in 2023, the programme in 2024, follow-up in 2025."""
    entries: list[LedgerEntry] = []
    sessions: list[MentoringSession] = []
    for i, (e, _) in enumerate(people):
        if rng.random() < 0.5:
            entries.append(
                _entry(
                    e.nip,
                    "Sosialisasi adminduk",
                    "sosialisasi",
                    dt.date(2023, 5, 8),
                    jp=8,
                    source="SIMPEG",
                )
            )
        if i < 3:  # the heads of section did their leadership training
            entries.append(
                _entry(
                    e.nip,
                    "PKP",
                    "pelatihan_kepemimpinan",
                    dt.date(2023, 3, 6),
                    dt.date(2023, 7, 28),
                    jp=120,
                    source="SIASN",
                )
            )
        entries.append(
            _entry(
                e.nip,
                "Pelayanan publik prima",
                "pelatihan_teknis",
                dt.date(2024, 3, 4),
                dt.date(2024, 3, 7),
                jp=24,
                source="BPSDM",
            )
        )
        if rng.random() < 0.8:
            entries.append(
                _entry(
                    e.nip,
                    "Penanganan keluhan masyarakat",
                    "workshop",
                    dt.date(2024, 8, 12),
                    source="BPSDM",
                )
            )
        if rng.random() < 0.25:  # the same workshop recorded again by the national system
            entries.append(
                _entry(
                    e.nip,
                    "PENANGANAN KELUHAN MASYARAKAT",
                    "workshop",
                    dt.date(2024, 8, 12),
                    source="SIASN",
                )
            )
        entries.append(
            _entry(
                e.nip,
                "E-learning inovasi pelayanan",
                "e_learning",
                dt.date(2025, 2, 10),
                source="LAN",
            )
        )
        if i % 4 == 0:
            entries.append(
                _entry(
                    e.nip,
                    "Bimtek SIAK terpusat",
                    "bimbingan_teknis",
                    dt.date(2024, 12, 30),
                    dt.date(2025, 1, 2),
                    jp=16,
                )
            )
        if i == 7:
            entries.append(
                _entry(
                    e.nip,
                    "Rotasi ke pelayanan keliling",
                    "rotasi",
                    dt.date(2025, 1, 6),
                    dt.date(2025, 6, 30),
                    jp=40,
                )
            )
        if i >= 9:  # new staff meet a senior mentor
            for month in range(1, 1 + rng.randrange(3, 9)):
                sessions.append(
                    MentoringSession(
                        mentor=MENTOR,
                        mentee=e.nip,
                        held_on=dt.date(2025, month, 15),
                        minutes=90,
                        topics=["pelayanan prima"],
                    )
                )
    return Ledger(entries).add(Ledger.from_sessions(sessions))


def print_jp(led: Ledger, people: list[Employee]) -> None:
    print("1. Development ledger and the 20 JP (PP 11/2017)")
    print(f"   {len(led)} records, {len(led.duplicates())} recorded twice (counted once)")
    for year in YEARS:
        result = analyse_jp(led, period=year, employees=people)
        summary = summarise_jp(result, employees=people, by="unit")
        met = sum(p.status.value == "met" for p in result.people)
        parts = ", ".join(f"{g.key[0]} {g.share_met:.0%}" for g in summary.groups)
        blend = [
            sum(getattr(p, f"{m}_jp") for p in result.people)
            for m in ("formal", "social", "experiential")
        ]
        total = sum(blend) or 1.0
        print(
            f"   {year}: {met} of {len(result.people)} reached 20 JP ({parts}); "
            f"10:20:70 as {blend[0] / total:.0%}:{blend[1] / total:.0%}:{blend[2] / total:.0%}"
        )
    short = analyse_jp(led, period=2025, employees=people).short()
    print(
        f"   still short in 2025: {len(short)}, most missing {short[0].short_by:g} JP"
        if short
        else "   nobody short in 2025"
    )


def professionalism(
    rng: random.Random, people: list[tuple[Employee, Education]], led: Ledger
) -> dict[int, list[IpAsnResult]]:
    """Score every person each year; the competency dimension comes from the ledger."""
    scores: dict[int, list[IpAsnResult]] = {y: [] for y in YEARS}
    for i, (e, education) in enumerate(people):
        skp = rng.randrange(62, 86)
        sanction = Sanction.RINGAN if rng.random() < 0.1 else Sanction.TIDAK_ADA
        for year, gain in zip(YEARS, (0, rng.randrange(3, 12), rng.randrange(6, 15)), strict=True):
            training = [
                r
                for y in YEARS
                if y <= year
                for r in training_records(
                    led, nip=e.nip, period=y, fits_position=["PKP"] if i < 3 else ()
                )
            ]
            scores[year].append(
                ip_asn_index(
                    qualification=education,
                    training=training,
                    performance_score=min(100, skp + gain),
                    discipline=sanction,
                    nip=e.nip,
                    group=e.unit,
                )
            )
    return scores


def print_ip_asn(scores: dict[int, list[IpAsnResult]]) -> None:
    print("2. IP ASN of the Disdukcapil staff (0-100), by section")
    trend = track_ip_asn(scores)
    for g in trend.groups:
        points = "  ".join(f"{p.year} {p.mean:5.1f}" for p in g.points)
        changes = ", ".join(f"{s.change:+.1f}" for s in g.steps if s.change is not None)
        print(f"   {g.group:17} {points}   change {changes}")
    for year in YEARS:
        mean = statistics.fmean(r.total for r in scores[year])
        comp = statistics.fmean(r.competency for r in scores[year])
        print(f"   {year}: mean {mean:.1f}, competency dimension {comp:.1f} of 40")


def survey(mean_shift: float, n: int, seed: int) -> np.ndarray:
    """Return a synthetic SKM answer table; a larger shift means happier respondents."""
    rng = np.random.default_rng(seed)
    base = np.array([0.08, 0.25, 0.5, 0.17])
    tilt = np.array([-1.0, -0.5, 0.5, 1.0]) * mean_shift
    p = np.clip(base + tilt, 0.01, None)
    p /= p.sum()
    answers = rng.choice(
        np.array([1, 2, 3, 4]), size=(n, len(SKM_PERMENPANRB_14_2017.elements)), p=p
    )
    answers[:, 2] = np.maximum(1, answers[:, 2] - (rng.random(n) < 0.3))  # U3 waiting time
    return answers


def print_skm() -> float:
    print("3. Public satisfaction (SKM, PermenPAN-RB 14/2017), with 95% intervals")
    trend = track_skm(
        {
            2023: survey(0.0, 150, SEED),
            2024: survey(0.12, 160, SEED + 1),
            2025: survey(0.15, 170, SEED + 2),
        }
    )
    for p in trend.points:
        r = p.result
        print(
            f"   {p.period}: IKM {r.converted:6.2f} ({p.low:.2f}-{p.high:.2f}) grade {r.grade} "
            f"({r.label}), {r.respondents} respondents"
        )
    for s in trend.steps:
        print(
            f"   {s.from_period} -> {s.to_period}: {s.change:+.2f} ({s.low:+.2f} to {s.high:+.2f}),"
            f" {s.direction.value.replace('_', ' ')}"
        )
    return trend.points[-1].result.converted


def print_indicators(rng: random.Random) -> None:
    print("4. Indicators (Kirkpatrick level 4, results), lower is better")
    queue = {2023: (95, 25), 2024: (42, 15), 2025: (35, 12)}
    service = {2023: (18, 5), 2024: (11, 3), 2025: (10, 3)}
    indicators = [
        ac.Indicator(
            id="dukcapil.antrian",
            name="Rata-rata waktu antrian",
            level=4,
            unit="minutes",
            direction="lower",
            target=45,
        ),
        ac.Indicator(
            id="dukcapil.layanan",
            name="Rata-rata waktu layanan",
            level=4,
            unit="minutes",
            direction="lower",
            target=12,
        ),
    ]
    measurements = []
    for indicator, table in zip(indicators, (queue, service), strict=True):
        for year, (mean, sd) in table.items():
            values = [max(3.0, rng.gauss(mean, sd)) for _ in range(400)]
            measurements.append(
                ac.Measurement(
                    indicator_id=indicator.id,
                    subject="Disdukcapil Batanghari",
                    period=str(year),
                    value=statistics.fmean(values),
                    n=len(values),
                )
            )
    trend = track_indicators(indicators, measurements, subject="Disdukcapil Batanghari")
    for s in trend.series:
        values = " -> ".join(f"{p.value:5.1f}" for p in s.points if p.value is not None)
        last = s.points[-1]
        print(
            f"   {s.name:24} {values} {s.unit}; better by {s.total_improvement:.1f} over "
            f"{len(s.points) - 1} years, {last.attainment:.0f}% of the way to {s.target:g}"
        )


def main() -> None:
    rng = random.Random(SEED)
    print(
        "Batanghari Disdukcapil: professionalism programme, 2023 (before), 2024 (programme), "
        "2025 (follow-up)"
    )
    print("(synthetic, deterministic data)\n")
    people = staff(rng)
    led = ledger(rng, people)
    print_jp(led, [e for e, _ in people])
    print()
    print_ip_asn(professionalism(rng, people, led))
    print()
    print_skm()
    print()
    print_indicators(rng)


if __name__ == "__main__":
    main()

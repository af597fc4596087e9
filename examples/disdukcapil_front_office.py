"""A Disdukcapil front office: who falls short of the tier standard in Pelayanan Publik?

Uses the built-in sample people and assessments, combines each person's
assessments into a current level, and compares it with the default required
level for their tier.
"""

from __future__ import annotations

import asn_competency as ac
from asn_competency.demo import sample_assessments, sample_employees


def main() -> None:
    fw = ac.national_framework()
    current = ac.combine_assessments(sample_assessments())
    print("Pelayanan Publik (MJ.PP) against the tier standard")
    for person in sample_employees():
        if person.tier is None:
            continue
        required = ac.REQUIRED_LEVELS_2017.standard_for("FO", person.tier, fw).required_level(
            "MJ.PP"
        )
        level = current[(person.nip, "MJ.PP")].level
        verdict = "meets" if level >= required else f"short by {required - level:g}"
        print(f"  {person.name:16} level {level:g}, required {required}: {verdict}")


if __name__ == "__main__":
    main()

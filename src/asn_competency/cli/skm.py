"""``asn-competency skm``: the public-satisfaction index of a survey file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from asn_competency.cli._common import EXIT_OK, Result, check_output, emit, output_options
from asn_competency.errors import DocumentError, Problem, ValidationError

SKM_POLICIES = {
    "2017": "SKM_PERMENPANRB_14_2017",
    "2017-printed": "SKM_PERMENPANRB_14_2017_PRINTED",
    "2004": "SKM_KEPMENPAN_25_2004",
    "2004-printed": "SKM_KEPMENPAN_25_2004_PRINTED",
}
"""The ``--policy`` names and the policies they stand for."""


INVALID_ANSWERS = {
    "reject": "reject",
    "exclude-answer": "exclude_answer",
    "exclude-respondent": "exclude_respondent",
}
"""The ``--invalid-answers`` choices and the policy rules they stand for."""


def policy_of(name: str, invalid: str = "reject") -> Any:
    """The SKM policy of a ``--policy`` name with the rule for missing or bad answers."""
    import attrs  # noqa: PLC0415

    from asn_competency.policies import skm  # noqa: PLC0415

    policy = getattr(skm, SKM_POLICIES[name])
    rule = INVALID_ANSWERS[invalid]
    if policy.invalid_answers.value != rule:
        policy = attrs.evolve(policy, invalid_answers=rule)
    return policy


def _answer(value: object) -> object:
    return "" if value is None else value


def survey_rows(path: Path, policy: Any) -> list[tuple[int | None, ...]]:
    """The answers of a survey file, one row per respondent, checked under the policy.

    Raises:
        CsvError: For a missing column, a cell that is not a whole number or, when the
            policy rejects them, every missing or out-of-range answer.
        DocumentError: For a file without respondents.
    """
    from asn_competency.io.csv import CsvError, CsvProblem, read_numbered_skm_responses  # noqa: PLC0415
    from asn_competency.policies.skm import AnswerRule  # noqa: PLC0415

    numbered = read_numbered_skm_responses(path, policy=policy)
    rows = [answers for _, answers in numbered]
    if policy.invalid_answers is AnswerRule.REJECT:
        # Every refused answer, each with its line, before the index refuses the first.
        scale = f"a whole answer {policy.scale_min}-{policy.scale_max} (or --invalid-answers)"
        refused = [
            CsvProblem(line, code, scale, _answer(value))
            for line, answers in numbered
            for code, value in zip(policy.codes, answers, strict=True)
            if value is None or not policy.scale_min <= value <= policy.scale_max
        ]
        if refused:
            raise CsvError(refused, str(path))
    if not rows:
        raise DocumentError([CsvProblem(2, None, "at least one respondent", "no rows")], str(path))
    return rows


def survey_result(path: Path, policy: Any) -> Any:
    """The index of a survey file; refused answers are named by line and column.

    Raises:
        CsvError: For a missing column, a cell that is not a whole number or, when the
            policy rejects them, every missing or out-of-range answer.
        DocumentError: For a file without respondents, or an element left without answers.
    """
    from asn_competency.evaluation.skm import skm_index  # noqa: PLC0415

    rows = survey_rows(path, policy)
    try:
        return skm_index(rows, policy=policy)
    except ValidationError as e:
        # Left out under the policy's rule, an element can be left with no answer at all.
        code = e.field.rsplit("[", 1)[-1].rstrip("]")
        where = f"column {code!r}" if code in policy.codes else "file"
        raise DocumentError(
            [Problem(where, f"expected {e.expected} (got {e.got!r})")], str(path)
        ) from None


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out, [args.file])
    result = survey_result(args.file, policy_of(args.policy, args.invalid_answers))
    columns = ["code", "name", "answers", "nrr", "weight", "weighted"]
    rows = [
        [e.code, e.name, e.answers, e.nrr, float(e.weight), e.weighted] for e in result.elements
    ]
    meta: dict[str, object] = {
        "index": result.index,
        "converted": result.converted,
        "grade": result.grade,
        "label": result.label,
        "respondents": result.respondents,
        "excluded_answers": result.excluded_answers,
        "excluded_respondents": result.excluded_respondents,
        "policy": f"{result.policy.name} {result.policy.version}",
    }
    emit(Result(columns, rows, meta, [result.explain()]), args)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``skm`` command to the parser."""
    p = sub.add_parser(
        "skm",
        help="the public-satisfaction index (SKM/IKM) of a survey",
        description=(
            "Compute the SKM index from a CSV of answers: one row per respondent, one "
            "column per element (U1..U9 under the 2017 rule, U1..U14 under 2004). "
            "An empty cell is a missing answer."
        ),
        epilog=(
            "Examples:\n  asn-competency skm survei.csv --policy 2017-printed\n"
            "  asn-competency skm survei.csv --invalid-answers exclude-answer --out ikm.csv"
        ),
        formatter_class=fmt,
    )
    p.add_argument("file", type=Path, help="the answers (.csv)")
    p.add_argument(
        "--policy",
        choices=list(SKM_POLICIES),
        default="2017",
        help="the rule: PermenPAN-RB 14/2017 or KEP/25/M.PAN/2/2004, with exact or printed weights",
    )
    p.add_argument(
        "--invalid-answers",
        choices=list(INVALID_ANSWERS),
        default="reject",
        help="missing or out-of-range answers: refuse the file, leave the answer out, or "
        "leave the respondent out",
    )
    output_options(p)
    p.set_defaults(handler=run, parser=p)

"""asn-competency: model how Indonesia's civil servants (ASN) develop their competencies.

Domain objects (frozen attrs classes), the national competency dictionary,
replaceable regulatory policies, and serialization at the edge. networkx is
imported only when a mentoring graph is built.

Examples:
    >>> import asn_competency as ac
    >>> fw = ac.national_framework()
    >>> fw["MJ.KOM"].name_id
    'Komunikasi'
"""

import importlib

# Not `typing.TYPE_CHECKING`: importing typing would cost more than the rest of this file.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from asn_competency.assessment import (
        Assessment,
        AssessmentSource,
        CombinationPolicy,
        CombinationRule,
        CurrentLevel,
        check_assessments,
        combine_assessments,
    )
    from asn_competency.competency import (
        Competency,
        CompetencyType,
        ProficiencyLevel,
        ProficiencyScale,
    )
    from asn_competency.development import (
        Activity,
        Enrolment,
        Programme,
        Route,
        RouteCategory,
        Target,
    )
    from asn_competency.employee import (
        Employee,
        EmploymentStatus,
        Gender,
        Nip,
        parse_nip,
    )
    from asn_competency.errors import (
        AsnCompetencyError,
        DocumentError,
        FrameworkError,
        InvalidNipError,
        Problem,
        UnknownIdError,
        ValidationError,
    )
    from asn_competency.framework import (
        CompetencyFramework,
        FrameworkStatus,
    )
    from asn_competency.indicators import (
        Direction,
        Indicator,
        KirkpatrickLevel,
        Measurement,
    )
    from asn_competency.mentoring import (
        MentoringGraph,
        MentoringRelationship,
        MentoringStatus,
    )
    from asn_competency.national import (
        NATIONAL_FRAMEWORK_ID,
        national_framework,
    )
    from asn_competency.policies import (
        DEVELOPMENT_HOURS_PP11_2017,
        JP_CREDITS_REGIONAL,
        REQUIRED_LEVELS_2017,
        DevelopmentHoursPolicy,
        JpCreditPolicy,
        RequiredLevelPolicy,
    )
    from asn_competency.position import (
        Golongan,
        Position,
        PositionKind,
        PositionStandard,
        PositionTier,
        Requirement,
    )

__version__ = "0.1.0"

# Submodules load on first use of one of their names (PEP 562), so that
# `import asn_competency` costs almost nothing and never pulls in networkx.
_LAZY: dict[str, str] = {
    "DEVELOPMENT_HOURS_PP11_2017": "asn_competency.policies",
    "JP_CREDITS_REGIONAL": "asn_competency.policies",
    "NATIONAL_FRAMEWORK_ID": "asn_competency.national",
    "REQUIRED_LEVELS_2017": "asn_competency.policies",
    "Activity": "asn_competency.development",
    "AsnCompetencyError": "asn_competency.errors",
    "Assessment": "asn_competency.assessment",
    "AssessmentSource": "asn_competency.assessment",
    "CombinationPolicy": "asn_competency.assessment",
    "CombinationRule": "asn_competency.assessment",
    "Competency": "asn_competency.competency",
    "CompetencyFramework": "asn_competency.framework",
    "CompetencyType": "asn_competency.competency",
    "CurrentLevel": "asn_competency.assessment",
    "DevelopmentHoursPolicy": "asn_competency.policies",
    "Direction": "asn_competency.indicators",
    "DocumentError": "asn_competency.errors",
    "Employee": "asn_competency.employee",
    "EmploymentStatus": "asn_competency.employee",
    "Enrolment": "asn_competency.development",
    "FrameworkError": "asn_competency.errors",
    "FrameworkStatus": "asn_competency.framework",
    "Gender": "asn_competency.employee",
    "Golongan": "asn_competency.position",
    "Indicator": "asn_competency.indicators",
    "InvalidNipError": "asn_competency.errors",
    "JpCreditPolicy": "asn_competency.policies",
    "KirkpatrickLevel": "asn_competency.indicators",
    "Measurement": "asn_competency.indicators",
    "MentoringGraph": "asn_competency.mentoring",
    "MentoringRelationship": "asn_competency.mentoring",
    "MentoringStatus": "asn_competency.mentoring",
    "Nip": "asn_competency.employee",
    "Position": "asn_competency.position",
    "PositionKind": "asn_competency.position",
    "PositionStandard": "asn_competency.position",
    "PositionTier": "asn_competency.position",
    "Problem": "asn_competency.errors",
    "ProficiencyLevel": "asn_competency.competency",
    "ProficiencyScale": "asn_competency.competency",
    "Programme": "asn_competency.development",
    "RequiredLevelPolicy": "asn_competency.policies",
    "Requirement": "asn_competency.position",
    "Route": "asn_competency.development",
    "RouteCategory": "asn_competency.development",
    "Target": "asn_competency.development",
    "UnknownIdError": "asn_competency.errors",
    "ValidationError": "asn_competency.errors",
    "check_assessments": "asn_competency.assessment",
    "combine_assessments": "asn_competency.assessment",
    "national_framework": "asn_competency.national",
    "parse_nip": "asn_competency.employee",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'asn_competency' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "DEVELOPMENT_HOURS_PP11_2017",
    "JP_CREDITS_REGIONAL",
    "NATIONAL_FRAMEWORK_ID",
    "REQUIRED_LEVELS_2017",
    "Activity",
    "AsnCompetencyError",
    "Assessment",
    "AssessmentSource",
    "CombinationPolicy",
    "CombinationRule",
    "Competency",
    "CompetencyFramework",
    "CompetencyType",
    "CurrentLevel",
    "DevelopmentHoursPolicy",
    "Direction",
    "DocumentError",
    "Employee",
    "EmploymentStatus",
    "Enrolment",
    "FrameworkError",
    "FrameworkStatus",
    "Gender",
    "Golongan",
    "Indicator",
    "InvalidNipError",
    "JpCreditPolicy",
    "KirkpatrickLevel",
    "Measurement",
    "MentoringGraph",
    "MentoringRelationship",
    "MentoringStatus",
    "Nip",
    "Position",
    "PositionKind",
    "PositionStandard",
    "PositionTier",
    "Problem",
    "ProficiencyLevel",
    "ProficiencyScale",
    "Programme",
    "RequiredLevelPolicy",
    "Requirement",
    "Route",
    "RouteCategory",
    "Target",
    "UnknownIdError",
    "ValidationError",
    "check_assessments",
    "combine_assessments",
    "national_framework",
    "parse_nip",
]

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
from asn_competency.employee import Employee, EmploymentStatus, Gender, Nip, parse_nip
from asn_competency.errors import (
    AsnCompetencyError,
    DocumentError,
    FrameworkError,
    InvalidNipError,
    Problem,
    UnknownIdError,
    ValidationError,
)
from asn_competency.framework import CompetencyFramework, FrameworkStatus
from asn_competency.indicators import Direction, Indicator, KirkpatrickLevel, Measurement
from asn_competency.mentoring import MentoringGraph, MentoringRelationship, MentoringStatus
from asn_competency.national import NATIONAL_FRAMEWORK_ID, national_framework
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

"""The closed vocabularies of the domain, named as in the glossary."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ActKind",
    "AssessmentProcedure",
    "CommunityKind",
    "DutyCategory",
    "Level",
    "OrganizationKind",
    "PersonRole",
    "RouteStatus",
    "SchoolKind",
    "SupportKind",
]


class Level(StrEnum):
    """The tier a body works at (уровень)."""

    federal = "federal"
    regional = "regional"
    municipal = "municipal"
    institutional = "institutional"


class OrganizationKind(StrEnum):
    """Kinds of bodies (субъекты научно-методической деятельности)."""

    education_authority = "education_authority"
    development_institute = "development_institute"
    pd_center = "pd_center"
    methodological_center = "methodological_center"
    methodological_service = "methodological_service"
    council = "council"
    methodist_pool = "methodist_pool"
    curriculum_association = "curriculum_association"
    community = "community"
    school_methodological_service = "school_methodological_service"
    school = "school"
    federal_operator = "federal_operator"


class SchoolKind(StrEnum):
    """Kinds of educational organizations."""

    general = "general"
    preschool = "preschool"
    vocational = "vocational"
    additional = "additional"


class CommunityKind(StrEnum):
    """Kinds of professional communities (методические объединения и др.)."""

    methodological_association = "methodological_association"  # МО, ГМО, ШМО
    professional_association = "professional_association"
    creative_group = "creative_group"  # творческая группа
    club = "club"
    young_teacher_school = "young_teacher_school"  # Школа молодого педагога
    network_community = "network_community"
    other = "other"


class PersonRole(StrEnum):
    """Roles a person holds in the support system."""

    teacher = "teacher"
    manager = "manager"
    regional_methodist = "regional_methodist"
    municipal_methodist = "municipal_methodist"
    tutor = "tutor"
    mentor = "mentor"


class SupportKind(StrEnum):
    """What a SUPPORTS edge stands for."""

    methodological = "methodological"  # адресная методическая поддержка
    route_support = "route_support"  # сопровождение ИОМ
    consulting = "consulting"
    assigned_methodist = "assigned_methodist"  # закрепление методиста
    low_results_support = "low_results_support"


class DutyCategory(StrEnum):
    """Directions of a body's functions (категории функций)."""

    low_results_support = "low_results_support"
    young_specialists = "young_specialists"
    mentoring = "mentoring"
    diagnostics = "diagnostics"
    individual_routes = "individual_routes"
    pd_programmes = "pd_programmes"
    monitoring = "monitoring"
    information = "information"
    consulting = "consulting"
    best_practices = "best_practices"
    coordination = "coordination"


class ActKind(StrEnum):
    """Kinds of normative acts."""

    federal_law = "federal_law"
    regional_law = "regional_law"
    decree = "decree"  # указ
    government_resolution = "government_resolution"  # постановление
    disposition = "disposition"  # распоряжение
    order = "order"  # приказ
    regulation = "regulation"  # положение
    procedure = "procedure"  # порядок
    charter = "charter"  # устав
    recommendations = "recommendations"  # методические рекомендации
    plan = "plan"  # план мероприятий, дорожная карта
    concept = "concept"
    programme = "programme"
    passport = "passport"
    other = "other"


class RouteStatus(StrEnum):
    """State of an individual route (ИОМ)."""

    draft = "draft"
    active = "active"
    completed = "completed"
    cancelled = "cancelled"


class AssessmentProcedure(StrEnum):
    """Assessment procedures (оценочные процедуры)."""

    vpr = "vpr"  # ВПР
    oge = "oge"  # ОГЭ
    ege = "ege"  # ЕГЭ
    regional = "regional"
    combined = "combined"

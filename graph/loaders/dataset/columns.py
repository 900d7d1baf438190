"""The dataset's sheets: their columns, Russian headers, cell parsing, and rows as model objects."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from graph.model import (
    Addresses,
    Assessment,
    AssessmentProcedure,
    CommunityKind,
    Competency,
    Completed,
    Curates,
    Diagnostic,
    EmployedAt,
    HasAssessment,
    HasDeficit,
    HasDiagnostic,
    HasRole,
    HasRoute,
    HorizontalLearning,
    Includes,
    IndividualRoute,
    InternshipSite,
    Level,
    LocatedIn,
    MemberOf,
    Mentors,
    Municipality,
    Organization,
    OrganizationKind,
    PartOf,
    Person,
    PersonRole,
    Programme,
    ProvidedBy,
    Region,
    RouteStatus,
    SchoolKind,
    SupportKind,
    Supports,
    Tutors,
    edge_class,
)
from graph.model.base import EdgeModel, Id, NodeModel, Period
from graph.model.limits import check_text

__all__ = [
    "RU_HEADERS",
    "SHEETS",
    "BodyRelationType",
    "DatasetMeta",
    "Item",
    "Row",
    "RowProblem",
    "Sheet",
    "SupportType",
    "TerritoryKind",
    "format_cell",
    "normalize_header",
    "ru_headers",
]


# -- cells ---------------------------------------------------------------------------------------
# Every cell reaches the row models as a non-empty string (the reader drops empty cells and turns
# XLSX numbers and dates into text), so the parsing below is the one place a cell is understood.

def normalize_header(text: str) -> str:
    """How headers (and Russian values) are compared: case, ё/е, spaces and a trailing ``*``.

    >>> normalize_header("  Дата   начала* ")
    'дата начала'
    >>> normalize_header("Ребёнок") == normalize_header("РЕБЕНОК")
    True
    """
    text = text.replace("\ufeff", "").strip().rstrip("*").strip()
    return re.sub(r"\s+", " ", text).casefold().replace("ё", "е")


_TRUE = {"true", "1", "да", "yes", "y", "истина", "д", "+"}
_FALSE = {"false", "0", "нет", "no", "n", "ложь", "н", "-"}
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def _parse_bool(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip().casefold()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise PydanticCustomError(
            "methodnet_bool", "'{value}' is not a yes/no value: write true/false, 1/0 or да/нет",
            {"value": value},
        )
    return value


def _parse_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, str):
        return value
    text = value.strip()
    try:
        if m := _ISO.match(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DMY.match(text):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        pass  # right shape, impossible day (31.02.2025): reported below like any bad date
    raise PydanticCustomError(
        "methodnet_date", "'{value}' is not a date: write YYYY-MM-DD or DD.MM.YYYY",
        {"value": value},
    )


def _parse_number(value: Any) -> Any:
    # Russian spreadsheets write a decimal comma (73,5).
    return value.strip().replace(",", ".").replace("\u00a0", "") if isinstance(value, str) \
        else value


def _split_items(value: Any, info: ValidationInfo) -> Any:
    if not isinstance(value, str):
        return value
    seps = (info.context or {}).get("list_seps", "|")
    parts = [value]
    for sep in seps:
        parts = [piece for part in parts for piece in part.split(sep)]
    return [p.strip() for p in parts if p.strip()]


# Russian values of the closed vocabularies, as the glossary names them.
RU_VALUES: dict[type[StrEnum], dict[str, str]] = {}


def _ru_enum(enum: type[StrEnum], ru: Mapping[str, str]) -> Callable[[Any], Any]:
    table = {normalize_header(k): v for k, v in ru.items()}
    RU_VALUES[enum] = dict(ru)

    def parse(value: Any) -> Any:
        if isinstance(value, str):
            text = normalize_header(value)
            if text in table:
                return table[text]
            for member in enum:  # English code names in any case
                if member.value.casefold() == text:
                    return member.value
        return value

    return parse


class TerritoryKind(StrEnum):
    """The kinds of rows of ``territories``."""

    region = "region"
    municipality = "municipality"


class BodyRelationType(StrEnum):
    """The edge types ``org_relations`` may hold."""

    PART_OF = "PART_OF"
    ATTACHED_TO = "ATTACHED_TO"
    COORDINATES = "COORDINATES"
    GUIDES = "GUIDES"
    SUBORDINATE_TO = "SUBORDINATE_TO"
    INTERACTS_WITH = "INTERACTS_WITH"
    CHAIRS = "CHAIRS"
    LOCATED_IN = "LOCATED_IN"


class SupportType(StrEnum):
    """The edge types ``support`` may hold."""

    SUPPORTS = "SUPPORTS"
    MENTORS = "MENTORS"
    TUTORS = "TUTORS"
    CURATES = "CURATES"


Text = Annotated[str, Field(min_length=1)]
Date = Annotated[dt.date, BeforeValidator(_parse_date)]
Flag = Annotated[bool, BeforeValidator(_parse_bool)]
Int = Annotated[int, BeforeValidator(_parse_number)]
Number = Annotated[float, BeforeValidator(_parse_number)]
Items = Annotated[list[str], BeforeValidator(_split_items)]
IdItems = Annotated[list[Id], BeforeValidator(_split_items)]

_TERRITORY_KIND_RU: dict[str, str] = {
    "регион": "region", "субъект": "region", "субъект рф": "region", "область": "region",
    "муниципалитет": "municipality", "муниципальное образование": "municipality",
    "муниципальный район": "municipality", "район": "municipality",
    "городской округ": "municipality", "муниципальный округ": "municipality",
}
TerritoryKindCell = Annotated[
    TerritoryKind, BeforeValidator(_ru_enum(TerritoryKind, _TERRITORY_KIND_RU))
]
_LEVEL_RU: dict[str, str] = {
    "федеральный": "federal", "региональный": "regional", "муниципальный": "municipal",
    "институциональный": "institutional", "школьный": "institutional",
}
LevelCell = Annotated[Level, BeforeValidator(_ru_enum(Level, _LEVEL_RU))]
_ORGANIZATION_KIND_RU: dict[str, str] = {
    "орган управления образованием": "education_authority",
    "институт развития образования": "development_institute",
    "цнппм": "pd_center", "методический центр": "methodological_center",
    "методическая служба": "methodological_service", "совет": "council",
    "методический актив": "methodist_pool", "умо": "curriculum_association",
    "сообщество": "community", "методическая служба оо": "school_methodological_service",
    "школа": "school", "образовательная организация": "school",
    "федеральный оператор": "federal_operator",
}
OrganizationKindCell = Annotated[
    OrganizationKind, BeforeValidator(_ru_enum(OrganizationKind, _ORGANIZATION_KIND_RU))
]
_SCHOOL_KIND_RU: dict[str, str] = {
    "общеобразовательная": "general", "школа": "general", "дошкольная": "preschool",
    "детский сад": "preschool", "профессиональная": "vocational", "поо": "vocational",
    "спо": "vocational", "дополнительного образования": "additional",
}
SchoolKindCell = Annotated[SchoolKind, BeforeValidator(_ru_enum(SchoolKind, _SCHOOL_KIND_RU))]
_COMMUNITY_KIND_RU: dict[str, str] = {
    "методическое объединение": "methodological_association", "мо": "methodological_association",
    "гмо": "methodological_association", "рмо": "methodological_association",
    "шмо": "methodological_association",
    "профессиональная ассоциация": "professional_association",
    "творческая группа": "creative_group", "клуб": "club",
    "школа молодого педагога": "young_teacher_school", "сетевое сообщество": "network_community",
    "другое": "other",
}
CommunityKindCell = Annotated[
    CommunityKind, BeforeValidator(_ru_enum(CommunityKind, _COMMUNITY_KIND_RU))
]
_PERSON_ROLE_RU: dict[str, str] = {
    "педагог": "teacher", "учитель": "teacher", "педагогический работник": "teacher",
    "руководитель": "manager", "управленческие кадры": "manager",
    "региональный методист": "regional_methodist", "муниципальный методист": "municipal_methodist",
    "тьютор": "tutor", "наставник": "mentor",
}
PersonRoleCell = Annotated[PersonRole, BeforeValidator(_ru_enum(PersonRole, _PERSON_ROLE_RU))]
_SUPPORT_KIND_RU: dict[str, str] = {
    "методическая поддержка": "methodological", "адресная поддержка": "methodological",
    "сопровождение иом": "route_support", "консультирование": "consulting",
    "закрепление методиста": "assigned_methodist", "поддержка шнор": "low_results_support",
}
SupportKindCell = Annotated[SupportKind, BeforeValidator(_ru_enum(SupportKind, _SUPPORT_KIND_RU))]
_SUPPORT_TYPE_RU: dict[str, str] = {
    "поддержка": "SUPPORTS", "наставничество": "MENTORS", "тьюторство": "TUTORS",
    "тьюторское сопровождение": "TUTORS", "кураторство": "CURATES",
}
SupportTypeCell = Annotated[SupportType, BeforeValidator(_ru_enum(SupportType, _SUPPORT_TYPE_RU))]
_BODY_RELATION_TYPE_RU: dict[str, str] = {
    "входит в": "PART_OF", "структурное подразделение": "PART_OF", "при": "ATTACHED_TO",
    "координирует": "COORDINATES", "руководит": "GUIDES", "научное руководство": "GUIDES",
    "подведомственно": "SUBORDINATE_TO", "взаимодействует": "INTERACTS_WITH",
    "председатель": "CHAIRS", "расположено в": "LOCATED_IN",
}
BodyRelationTypeCell = Annotated[
    BodyRelationType, BeforeValidator(_ru_enum(BodyRelationType, _BODY_RELATION_TYPE_RU))
]
_ROUTE_STATUS_RU: dict[str, str] = {
    "черновик": "draft", "активен": "active", "действует": "active", "завершен": "completed",
    "выполнен": "completed", "отменен": "cancelled",
}
RouteStatusCell = Annotated[RouteStatus, BeforeValidator(_ru_enum(RouteStatus, _ROUTE_STATUS_RU))]
_PROCEDURE_RU: dict[str, str] = {
    "впр": "vpr", "огэ": "oge", "егэ": "ege", "региональная": "regional",
    "комплексная": "combined", "сводная": "combined",
}
ProcedureCell = Annotated[
    AssessmentProcedure, BeforeValidator(_ru_enum(AssessmentProcedure, _PROCEDURE_RU))
]


# -- headers ---------------------------------------------------------------------------------

RU_HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("Идентификатор", "ИД", "Код записи"),
    "territories.kind": ("Вид", "Вид территории", "Тип территории"),
    "organizations.kind": ("Вид", "Вид организации", "Тип организации"),
    "support.kind": ("Вид поддержки", "Вид"),
    "name": ("Название", "Наименование"),
    "region_id": ("Регион", "Субъект РФ"),
    "code": ("Код", "Код ОКАТО", "Код ОКТМО"),
    "level": ("Уровень",),
    "short_name": ("Краткое название", "Краткое наименование", "Сокращённое наименование"),
    "aliases": ("Другие названия", "Синонимы"),
    "territory_id": ("Территория", "Муниципалитет"),
    "parent_id": ("Входит в", "Вышестоящая организация"),
    "school_kind": ("Тип ОО", "Вид ОО"),
    "community_kind": ("Вид сообщества",),
    "subjects": ("Предметы",),
    "generic_name": ("Общее название",),
    "source_id": ("Кто", "Источник"),
    "type": ("Тип связи", "Тип"),
    "target_id": ("Кому", "Цель"),
    "clause_id": ("Пункт",),
    "regulation_id": ("Документ", "Положение"),
    "full_name": ("ФИО", "Фамилия Имя Отчество"),
    "birth_year": ("Год рождения",),
    "career_start_year": ("Год начала работы", "Год начала педагогической деятельности"),
    "synthetic": ("Синтетический", "Вымышленный"),
    "person_id": ("Педагог", "Работник", "Сотрудник"),
    "organization_id": ("Организация",),
    "position": ("Должность",),
    "start": ("Дата начала", "Начало", "С"),
    "end": ("Дата окончания", "Окончание", "По"),
    "role": ("Роль",),
    "member_id": ("Участник", "Член"),
    "memberships.body_id": ("Объединение", "Совет", "Орган"),
    "internship_sites.body_id": ("Кем присвоен статус", "Орган"),
    "is_chair": ("Председатель", "Руководитель"),
    "subject": ("Предмет",),
    "area": ("Область", "Направление"),
    "date": ("Дата",),
    "instrument": ("Инструмент", "Методика"),
    "score": ("Балл", "Результат"),
    "competency_id": ("Компетенция",),
    "diagnostic_id": ("Диагностика",),
    "severity": ("Выраженность", "Степень"),
    "title": ("Название", "Наименование", "Название программы"),
    "hours": ("Часы", "Объём часов", "Количество часов"),
    "in_federal_registry": ("Федеральный реестр", "В федеральном реестре"),
    "provider_id": ("Организатор", "Исполнитель"),
    "created": ("Дата создания", "Создан"),
    "status": ("Статус",),
    "competency_ids": ("Компетенции",),
    "programme_ids": ("Программы",),
    "programme_id": ("Программа",),
    "from_diagnostic": ("По результатам диагностики",),
    "school_id": ("Школа", "Образовательная организация", "ОО"),
    "period": ("Период",),
    "procedure": ("Процедура", "Оценочная процедура"),
    "low_results": ("ШНОР", "Низкие результаты"),
    "unreliable_results": ("Необъективные результаты",),
    "low_subjects": ("Предметы с низкими результатами",),
    "topic": ("Тема",),
    "seed": ("Зерно",),
    "description": ("Описание",),
    "source": ("Источник данных",),
}
"""The Russian headers each column is also known by (matched ignoring case, ё/е and spaces);
``sheet.column`` entries hold the headers of a column that differ from sheet to sheet."""


def ru_headers(sheet: str, column: str) -> tuple[str, ...]:
    """The Russian headers of a column in a sheet.

    >>> ru_headers("support", "kind")
    ('Вид поддержки', 'Вид')
    """
    return RU_HEADERS.get(f"{sheet}.{column}") or RU_HEADERS.get(column, ())


def _ru_in_schema(schema: dict[str, Any], cls: type) -> None:
    sheet = getattr(cls, "sheet", "")
    for name, prop in schema.get("properties", {}).items():
        if headers := ru_headers(sheet, name):
            prop["x-headers-ru"] = list(headers)


# -- rows ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """A model a row yields, not yet validated: its class, its data, and for each model field
    the column it came from (so a problem names the column the user wrote)."""

    cls: type[NodeModel] | type[EdgeModel]
    data: dict[str, Any]
    columns: dict[str, str] = field(default_factory=dict)


@dataclass
class RowProblem(Exception):
    """A rule across cells of one row that the row model cannot state as a field type."""

    column: str | None
    message: str
    message_ru: str


class Row(BaseModel):
    """One row of a sheet. Subclasses list the columns in the order they are written."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True,
                              json_schema_extra=_ru_in_schema)
    sheet: ClassVar[str] = ""
    label_refs: ClassVar[dict[str, str]] = {}  # columns naming nodes without an edge to them

    def items(self, synthetic: bool = False) -> list[Item]:
        """The models the row stands for."""
        raise NotImplementedError

    def _fields(self, *names: str) -> dict[str, Any]:
        return {n: getattr(self, n) for n in names if getattr(self, n) not in (None, [])}


def _edge(cls: type[EdgeModel], source: str, target: str, source_col: str, target_col: str,
          **props: Any) -> Item:
    data = {"source": source, "target": target,
            **{k: v for k, v in props.items() if v is not None}}
    return Item(cls, data, {"source": source_col, "target": target_col})


class TerritoryRow(Row):
    """A region or a municipality (``territories``)."""

    sheet: ClassVar[str] = "territories"
    id: Id
    kind: TerritoryKindCell
    name: Text
    region_id: Id | None = None
    code: str | None = None

    def items(self, synthetic: bool = False) -> list[Item]:
        if self.kind is TerritoryKind.region:
            if self.region_id:
                raise RowProblem("region_id", "region_id is only for municipalities",
                                 "region_id заполняется только для муниципалитетов")
            return [Item(Region, self._fields("id", "name", "code"))]
        if not self.region_id:
            raise RowProblem("region_id", "a municipality needs region_id",
                             "для муниципалитета нужен region_id (регион)")
        return [
            Item(Municipality, self._fields("id", "name", "region_id", "code")),
            _edge(LocatedIn, self.id, self.region_id, "id", "region_id"),
        ]


class OrganizationRow(Row):
    """A body or a school (``organizations``)."""

    sheet: ClassVar[str] = "organizations"
    id: Id
    name: Text
    kind: OrganizationKindCell
    level: LevelCell
    short_name: str | None = None
    aliases: Items = Field(default_factory=list)
    territory_id: Id | None = None
    parent_id: Id | None = None
    school_kind: SchoolKindCell | None = None
    community_kind: CommunityKindCell | None = None
    subjects: Items = Field(default_factory=list)
    generic_name: Flag = False

    def items(self, synthetic: bool = False) -> list[Item]:
        out = [Item(Organization, self._fields(
            "id", "name", "kind", "level", "short_name", "aliases", "territory_id",
            "school_kind", "community_kind", "subjects", "generic_name"))]
        if self.territory_id:
            out.append(_edge(LocatedIn, self.id, self.territory_id, "id", "territory_id"))
        if self.parent_id:
            out.append(_edge(PartOf, self.id, self.parent_id, "id", "parent_id"))
        return out


class OrgRelationRow(Row):
    """A relation between bodies (``org_relations``); also CHAIRS and extra LOCATED_IN."""

    sheet: ClassVar[str] = "org_relations"
    source_id: Id
    type: BodyRelationTypeCell
    target_id: Id
    clause_id: Id | None = None
    regulation_id: Id | None = None

    def items(self, synthetic: bool = False) -> list[Item]:
        item = _edge(edge_class(self.type.value), self.source_id, self.target_id,
                     "source_id", "target_id", clause_id=self.clause_id,
                     regulation_id=self.regulation_id)
        return [item]


class PersonRow(Row):
    """A person (``people``); roles are in ``roles``."""

    sheet: ClassVar[str] = "people"
    id: Id
    full_name: Text
    birth_year: Int | None = None
    career_start_year: Int | None = None
    subjects: Items = Field(default_factory=list)
    synthetic: Flag = False

    def items(self, synthetic: bool = False) -> list[Item]:
        data = self._fields("id", "full_name", "birth_year", "career_start_year", "subjects")
        data["synthetic"] = self.synthetic or synthetic
        return [Item(Person, data)]


class EmploymentRow(Row):
    """A person works at an organization (``employment``)."""

    sheet: ClassVar[str] = "employment"
    person_id: Id
    organization_id: Id
    position: str | None = None
    start: Date | None = None
    end: Date | None = None

    def items(self, synthetic: bool = False) -> list[Item]:
        return [_edge(EmployedAt, self.person_id, self.organization_id, "person_id",
                      "organization_id", position=self.position, start=self.start, end=self.end)]


class RoleRow(Row):
    """A person holds a role in a body (``roles``)."""

    sheet: ClassVar[str] = "roles"
    person_id: Id
    organization_id: Id
    role: PersonRoleCell
    subjects: Items = Field(default_factory=list)
    start: Date | None = None
    end: Date | None = None

    def items(self, synthetic: bool = False) -> list[Item]:
        return [_edge(HasRole, self.person_id, self.organization_id, "person_id",
                      "organization_id", role=self.role, subjects=self.subjects or None,
                      start=self.start, end=self.end)]


class MembershipRow(Row):
    """A person or body is a member (or the chair) of a council, pool, community or УМО."""

    sheet: ClassVar[str] = "memberships"
    member_id: Id
    body_id: Id
    is_chair: Flag = False
    role: str | None = None
    start: Date | None = None
    end: Date | None = None

    def items(self, synthetic: bool = False) -> list[Item]:
        return [_edge(MemberOf, self.member_id, self.body_id, "member_id", "body_id",
                      is_chair=self.is_chair, role=self.role, start=self.start, end=self.end)]


_SUPPORT_CLASSES: dict[SupportType, type[EdgeModel]] = {
    SupportType.SUPPORTS: Supports, SupportType.MENTORS: Mentors,
    SupportType.TUTORS: Tutors, SupportType.CURATES: Curates,
}


class SupportRow(Row):
    """Support, mentoring, tutoring or curating (``support``)."""

    sheet: ClassVar[str] = "support"
    source_id: Id
    target_id: Id
    type: SupportTypeCell
    subject: str | None = None
    kind: SupportKindCell | None = None
    start: Date | None = None
    end: Date | None = None

    def items(self, synthetic: bool = False) -> list[Item]:
        if self.kind is not None and self.type is not SupportType.SUPPORTS:
            raise RowProblem("kind", f"kind is only for SUPPORTS, not for {self.type.value}",
                             f"kind (вид поддержки) указывается только для SUPPORTS, "
                             f"не для {self.type.value}")
        return [_edge(_SUPPORT_CLASSES[self.type], self.source_id, self.target_id, "source_id",
                      "target_id", subject=self.subject, kind=self.kind, start=self.start,
                      end=self.end)]


class CompetencyRow(Row):
    """A competency in which deficits are found (``competencies``)."""

    sheet: ClassVar[str] = "competencies"
    id: Id
    name: Text
    area: str | None = None
    subject: str | None = None

    def items(self, synthetic: bool = False) -> list[Item]:
        return [Item(Competency, self._fields("id", "name", "area", "subject"))]


class DiagnosticRow(Row):
    """A person's diagnostic (``diagnostics``)."""

    sheet: ClassVar[str] = "diagnostics"
    id: Id
    person_id: Id
    date: Date
    instrument: str | None = None
    score: Number | None = None

    def items(self, synthetic: bool = False) -> list[Item]:
        return [Item(Diagnostic, self._fields("id", "date", "instrument", "score")),
                _edge(HasDiagnostic, self.person_id, self.id, "person_id", "id")]


class DeficitRow(Row):
    """A person's deficit in a competency, found by a diagnostic (``deficits``)."""

    sheet: ClassVar[str] = "deficits"
    label_refs: ClassVar[dict[str, str]] = {"diagnostic_id": "Diagnostic"}
    person_id: Id
    competency_id: Id
    diagnostic_id: Id | None = None
    date: Date | None = None
    severity: Int | None = None

    def items(self, synthetic: bool = False) -> list[Item]:
        return [_edge(HasDeficit, self.person_id, self.competency_id, "person_id",
                      "competency_id", diagnostic_id=self.diagnostic_id, date=self.date,
                      severity=self.severity)]


class ProgrammeRow(Row):
    """A professional-development programme (``programmes``)."""

    sheet: ClassVar[str] = "programmes"
    id: Id
    title: Text
    hours: Int | None = None
    in_federal_registry: Flag = False
    subject: str | None = None
    provider_id: Id | None = None

    def items(self, synthetic: bool = False) -> list[Item]:
        out = [Item(Programme, self._fields("id", "title", "hours", "in_federal_registry",
                                            "subject"))]
        if self.provider_id:
            out.append(_edge(ProvidedBy, self.id, self.provider_id, "id", "provider_id"))
        return out


class RouteRow(Row):
    """An individual route (ИОМ) with the deficits it addresses and its programmes (``routes``)."""

    sheet: ClassVar[str] = "routes"
    id: Id
    person_id: Id
    created: Date
    status: RouteStatusCell = RouteStatus.active
    end: Date | None = None
    competency_ids: IdItems = Field(default_factory=list)
    programme_ids: IdItems = Field(default_factory=list)

    def items(self, synthetic: bool = False) -> list[Item]:
        out = [Item(IndividualRoute, self._fields("id", "created", "status", "end")),
               _edge(HasRoute, self.person_id, self.id, "person_id", "id")]
        out += [_edge(Addresses, self.id, c, "id", "competency_ids") for c in self.competency_ids]
        out += [_edge(Includes, self.id, p, "id", "programme_ids") for p in self.programme_ids]
        return out


class CompletionRow(Row):
    """A person completed a programme (``completions``)."""

    sheet: ClassVar[str] = "completions"
    person_id: Id
    programme_id: Id
    start: Date | None = None
    end: Date | None = None
    from_diagnostic: Flag = False

    def items(self, synthetic: bool = False) -> list[Item]:
        return [_edge(Completed, self.person_id, self.programme_id, "person_id", "programme_id",
                      start=self.start, end=self.end, from_diagnostic=self.from_diagnostic)]


class AssessmentRow(Row):
    """A school's results in a monitoring period (``assessments``)."""

    sheet: ClassVar[str] = "assessments"
    id: Id
    school_id: Id
    period: Period
    procedure: ProcedureCell = AssessmentProcedure.combined
    low_results: Flag = False
    unreliable_results: Flag = False
    low_subjects: Items = Field(default_factory=list)
    date: Date | None = None

    def items(self, synthetic: bool = False) -> list[Item]:
        node = self._fields("id", "period", "procedure", "low_results", "unreliable_results",
                            "low_subjects", "date")
        return [Item(Assessment, node),
                _edge(HasAssessment, self.school_id, self.id, "school_id", "id")]


class InternshipSiteRow(Row):
    """A school designated an internship site by a body (``internship_sites``)."""

    sheet: ClassVar[str] = "internship_sites"
    school_id: Id
    body_id: Id
    topic: str | None = None
    start: Date | None = None
    end: Date | None = None

    def items(self, synthetic: bool = False) -> list[Item]:
        return [_edge(InternshipSite, self.school_id, self.body_id, "school_id", "body_id",
                      topic=self.topic, start=self.start, end=self.end)]


class HorizontalLearningRow(Row):
    """Two schools learning from each other (``horizontal_learning``)."""

    sheet: ClassVar[str] = "horizontal_learning"
    source_id: Id
    target_id: Id
    topic: str | None = None
    start: Date | None = None
    end: Date | None = None

    def items(self, synthetic: bool = False) -> list[Item]:
        return [_edge(HorizontalLearning, self.source_id, self.target_id, "source_id",
                      "target_id", topic=self.topic, start=self.start, end=self.end)]


class DatasetMeta(BaseModel):
    """``dataset.json``: what the dataset is. ``synthetic`` marks every person in it made up."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True,
                              json_schema_extra=_ru_in_schema)
    name: str | None = None
    synthetic: Flag = False
    description: str | None = None
    source: str | None = None
    seed: Int | None = None

    @field_validator("name", "description", "source", mode="after")
    @classmethod
    def _clean_text(cls, value: str | None, info: ValidationInfo) -> str | None:
        return None if value is None else check_text(value, info.field_name or "")


@dataclass(frozen=True)
class Sheet:
    """A file of the dataset (``people.csv``) or a sheet of the workbook (``people``)."""

    name: str
    row: type[Row]
    headers: dict[str, str]  # normalized header (English or Russian) → column

    @property
    def columns(self) -> list[str]:
        return list(self.row.model_fields)

    @property
    def required(self) -> list[str]:
        return [n for n, f in self.row.model_fields.items() if f.is_required()]

    def column_of(self, header: str) -> str | None:
        """The column a header names, or ``None``.

        >>> SHEETS["people"].column_of("ФИО")
        'full_name'
        """
        return self.headers.get(normalize_header(header))


def _sheet(row: type[Row]) -> Sheet:
    headers: dict[str, str] = {}
    for column in row.model_fields:
        for header in (column, *ru_headers(row.sheet, column)):
            headers.setdefault(normalize_header(header), column)
    return Sheet(row.sheet, row, headers)


SHEETS: dict[str, Sheet] = {
    r.sheet: _sheet(r) for r in (
        TerritoryRow, OrganizationRow, OrgRelationRow, PersonRow, EmploymentRow, RoleRow,
        MembershipRow, SupportRow, CompetencyRow, DiagnosticRow, DeficitRow, ProgrammeRow,
        RouteRow, CompletionRow, AssessmentRow, InternshipSiteRow, HorizontalLearningRow,
    )
}
"""Every sheet, in the order they are read and written (territories first)."""


def format_cell(value: Any) -> str:
    """A property as the dataset writes it in a cell.

    >>> format_cell(["математика", "физика"]), format_cell(True), format_cell(None)
    ('математика|физика', 'true', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "|".join(str(v) for v in value)
    return str(value)

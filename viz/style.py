"""How nodes and edges look: colour and shape by label or kind, Russian names, the legend."""

from __future__ import annotations

from dataclasses import dataclass

from graph.model.base import NodeRecord

__all__ = [
    "AGGREGATE_SCHOOLS",
    "AGGREGATE_TEACHERS",
    "EDGE_LABELS",
    "FLAG_NAMES",
    "GROUPS",
    "ROLE_NAMES",
    "Style",
    "edge_label",
    "group_of",
    "legend",
    "vis_groups",
]


@dataclass(frozen=True)
class Style:
    """One legend entry: its Russian name, fill colour, vis-network shape and size."""

    name: str
    color: str
    shape: str = "dot"
    size: int = 14


AGGREGATE_SCHOOLS = "aggregate_schools"
AGGREGATE_TEACHERS = "aggregate_teachers"

# Names from the glossary (docs/GLOSSARY.md); the key is the node's ``group``: an organization's
# kind, a person's role in the view, or the node label for everything else.
GROUPS: dict[str, Style] = {
    "Region": Style("Субъект РФ", "#37474f", "star", 30),
    "Municipality": Style("Муниципальный район, городской округ", "#78909c", "hexagon", 22),
    "education_authority": Style("Орган управления образованием", "#455a64", "box"),
    "development_institute": Style("Институт развития образования (ДПО)", "#6a1b9a", "box"),
    "pd_center": Style("ЦНППМ", "#8e24aa", "box"),
    "methodological_center": Style("Методический центр (РМЦ, РНМЦ)", "#ab47bc", "box"),
    "methodological_service": Style("Методическая служба (ММС)", "#1565c0", "box"),
    "council": Style("Методический / координационный совет", "#00838f", "ellipse"),
    "methodist_pool": Style("Методический актив", "#0097a7", "ellipse"),
    "curriculum_association": Style("УМО", "#4e342e", "ellipse"),
    "community": Style("Методическое объединение, сообщество", "#00897b", "ellipse"),
    "school_methodological_service": Style("Методическая служба ОО", "#7cb342", "ellipse", 10),
    "school": Style("Образовательная организация", "#2e7d32", "square", 16),
    "federal_operator": Style("Федеральный оператор", "#212121", "box"),
    AGGREGATE_SCHOOLS: Style("Школы района (сводно)", "#43a047", "square", 30),
    AGGREGATE_TEACHERS: Style("Педагоги (сводно)", "#fb8c00", "triangle", 22),
    "teacher": Style("Педагог", "#ffa726", "dot", 9),
    "manager": Style("Руководитель", "#ef6c00", "dot", 11),
    "regional_methodist": Style("Региональный методист", "#d81b60", "diamond", 14),
    "municipal_methodist": Style("Муниципальный методист", "#1e88e5", "diamond", 14),
    "mentor": Style("Наставник", "#5e35b1", "dot", 11),
    "tutor": Style("Тьютор", "#8d6e63", "dot", 11),
    "Person": Style("Человек", "#bdbdbd", "dot", 9),
    "Diagnostic": Style("Диагностика", "#90a4ae", "dot", 8),
    "Competency": Style("Компетенция (дефицит)", "#ff7043", "triangleDown", 10),
    "IndividualRoute": Style("ИОМ", "#fdd835", "dot", 9),
    "Programme": Style("ДПП", "#26a69a", "dot", 10),
    "Assessment": Style("Оценочная процедура", "#9e9e9e", "dot", 8),
    "Regulation": Style("Нормативный акт", "#283593", "box"),
    "Clause": Style("Пункт", "#7986cb", "dot", 9),
    "Term": Style("Понятие", "#9fa8da", "dot", 8),
    "Duty": Style("Функция", "#f9a825", "dot", 9),
    "Indicator": Style("Показатель эффективности", "#00acc1", "triangle", 11),
}

ROLE_NAMES: dict[str, str] = {
    "teacher": "педагог",
    "manager": "руководитель",
    "regional_methodist": "региональный методист",
    "municipal_methodist": "муниципальный методист",
    "tutor": "тьютор",
    "mentor": "наставник",
}

EDGE_LABELS: dict[str, str] = {
    "LOCATED_IN": "расположен в",
    "PART_OF": "подразделение",
    "ATTACHED_TO": "при",
    "COORDINATES": "координирует",
    "GUIDES": "научное руководство",
    "SUBORDINATE_TO": "подведомственно",
    "INTERACTS_WITH": "взаимодействует",
    "CHAIRS": "председатель",
    "HORIZONTAL_LEARNING": "горизонтальное обучение",
    "INTERNSHIP_SITE": "стажировочная площадка",
    "EMPLOYED_AT": "работает в",
    "HAS_ROLE": "роль",
    "MEMBER_OF": "член",
    "SUPPORTS": "адресная поддержка",
    "MENTORS": "наставничество",
    "TUTORS": "тьюторское сопровождение",
    "CURATES": "кураторство",
    "HAS_DIAGNOSTIC": "диагностика",
    "HAS_DEFICIT": "дефицит",
    "HAS_ROUTE": "ИОМ",
    "ADDRESSES": "устраняет дефицит",
    "INCLUDES": "включает",
    "PROVIDED_BY": "реализует",
    "COMPLETED": "освоил ДПП",
    "HAS_ASSESSMENT": "результаты",
    "HAS_CLAUSE": "пункт",
    "SUBCLAUSE_OF": "подпункт",
    "CITES": "ссылается на",
    "DEFINES": "определяет понятие",
    "HAS_DUTY": "функция",
    "STATED_IN": "установлено в",
    "HAS_INDICATOR": "показатель",
    "MENTIONS": "упоминает",
    # Drawn by the views only, not stored: a clause sets a body's duties; a count node groups.
    "SETS_DUTIES_OF": "устанавливает функции",
    "GROUPS": "входят в",
}

FLAG_NAMES: dict[str, str] = {
    "unsupported_low_results_school": "ШНОР без адресной поддержки",
    "overloaded_methodist": "Методист перегружен",
    "deficit_without_route": "Дефициты без ИОМ",
}
FLAG_COLOR = "#e53935"


def group_of(node: NodeRecord, role: str | None = None) -> str:
    """The legend group of a node: a person's role, an organization's kind, else its label.

    >>> group_of(NodeRecord("Organization", "s1", {"kind": "school"}))
    'school'
    >>> group_of(NodeRecord("Person", "p1", {}), role="municipal_methodist")
    'municipal_methodist'
    >>> group_of(NodeRecord("Clause", "c1", {}))
    'Clause'
    """
    if node.label == "Person":
        return role if role in GROUPS else "Person"
    if node.label == "Organization":
        kind = node.props.get("kind")
        return kind if isinstance(kind, str) and kind in GROUPS else "school"
    return node.label if node.label in GROUPS else "Person"


def edge_label(type_: str, props: dict[str, object] | None = None) -> str:
    """The Russian label drawn on an edge; a role edge names the role.

    >>> edge_label("COORDINATES")
    'координирует'
    >>> edge_label("HAS_ROLE", {"role": "municipal_methodist"})
    'муниципальный методист'
    """
    if type_ == "HAS_ROLE" and props and isinstance(props.get("role"), str):
        return ROLE_NAMES.get(str(props["role"]), str(props["role"]))
    return EDGE_LABELS.get(type_, type_.lower())


def vis_groups() -> dict[str, dict[str, object]]:
    """The vis-network ``groups`` option: colour, shape and size for every group."""
    out: dict[str, dict[str, object]] = {}
    for key, st in GROUPS.items():
        out[key] = {
            "color": {"background": st.color, "border": _darker(st.color),
                      "highlight": {"background": st.color, "border": "#000000"}},
            "shape": st.shape,
            "size": st.size,
            "font": {"color": "#ffffff" if st.shape == "box" else "#212121"},
        }
    return out


def legend(groups: set[str], flags: set[str] | None = None) -> list[dict[str, str]]:
    """Legend rows for the groups a view draws (in the order of :data:`GROUPS`), then flags.

    >>> [r["name"] for r in legend({"school", "teacher"}, {"deficit_without_route"})]
    ['Образовательная организация', 'Педагог', 'Дефициты без ИОМ']
    """
    rows = [{"group": k, "name": st.name, "color": st.color, "shape": st.shape}
            for k, st in GROUPS.items() if k in groups]
    rows += [{"group": f"flag:{f}", "name": FLAG_NAMES[f], "color": FLAG_COLOR, "shape": "flag"}
             for f in FLAG_NAMES if f in (flags or set())]
    return rows


def _darker(hex_color: str, factor: float = 0.7) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (r, g, b)))

"""Reading a regulation whose bodies the gazetteer does not know: bodies found in the text.

Used for a document whose territory has no body in the gazetteer (another region, a district
nobody listed, or no territory at all). Every body the text names becomes a node with every
name the text gives it; two names are taken for one body only by a rule that is written into the
load report (an abbreviation «(далее – X)», the same words, the same proper name in quotes, the
name without its qualifier), and plural names are classes of bodies, never merged with one.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from graph.loaders.regulations.bodies import (
    KIND_RULES,
    BodyResolver,
    Mention,
    Resolution,
    infer_kind,
    slug,
)
from graph.loaders.regulations.gazetteer import Gazetteer
from graph.loaders.regulations.morph import (
    Token,
    _morph,
    is_acronym,
    is_verb,
    lemma,
    lemmas,
    normalize_quotes,
    tokens,
)
from graph.loaders.regulations.names import (
    HEADS,
    SCHOOL_WORDS,
    TAUGHT,
    WHOLE_KINDS,
    NameSpan,
    find_names,
    legal_form,
    level_of_name,
    nominative,
)
from graph.loaders.regulations.report import LoadReport
from graph.loaders.regulations.terms import Abbreviation, acronym_of
from graph.model import Municipality, Organization, Region
from graph.model.enums import CommunityKind, Level, OrganizationKind, SchoolKind

__all__ = ["Body", "Catalogue", "bind_abbreviations", "duty_list_head", "sentence_duty",
           "territory_nodes"]

_K = OrganizationKind
# Words for a unit of an institution: its kind is the institution's unless its name says more.
_UNIT_HEADS = frozenset({"отдел"})
# The kinds of institution whose units («отдел …») are of their kind.
_UNIT_OWNERS = frozenset({_K.development_institute, _K.pd_center, _K.methodological_center,
                          _K.methodological_service})
# A body's branches: of its kind, one or a class («территориальные отделения»).
_BRANCH_HEADS = frozenset({"отделение", "филиал"})
# The schools a class of school bodies is of: «методические службы общеобразовательных
# организаций»
_SCHOOLS_AFTER = re.compile(r"\s(?:(?:обще)?образовательн\w+\s+(?:организаци|учреждени)\w*|"
                            r"школ\w*)$", re.IGNORECASE)
# A place written after an institution's proper name: "«Центр …» г. Перми (далее – ЦРСО)".
# (a town's name may have capitals after its hyphens: «г. Комсомольска-на-Амуре»)
# (after «ЗАТО» the town's own name may follow at once: «ЗАТО г. Североморск», «ЗАТО Северск»)
_PLACE_AFTER = re.compile(r"^\s*(?:ЗАТО\s+)?"
                          r"(?:г\.|гор\.|с\.|пос\.|п\.|города|района|округа|(?<=ЗАТО ))\s*"
                          r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]*)*"
                          r"(?:\s+[А-ЯЁ]?[а-яё]+(?:-[А-ЯЁа-яё][а-яё]*)*){0,2}\s*$")
# A place in the genitive after a class's noun: «(школам) Иланского района», «… городского округа»,
# «(организациях) Республики Крым».
_PLACE_GENITIVE = re.compile(r"\s+(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]*)*\s+(?:муниципального\s+|"
                             r"городского\s+)?(?:района|округа|города|области|края)|"
                             r"(?:Республики|города|г\.)\s*[А-ЯЁ][а-яё]+(?:[\s-][А-ЯЁ][а-яё]+)?)"
                             r"(?=[\s,])")
# A word or two in brackets glossing the one before: «улусов (районов)», «кожуунов (районов)».
_GLOSS = re.compile(r"\((?:[а-яё]+\s?){1,2}\)")
# Proper names of schools that do not say «школа»: «Центр образования № 5», «Образовательный
# центр «Вектор»», «Лицей …» (a school by its legal form, not a methodological centre).
_SCHOOL_IN_QUOTES = re.compile(r"^(?:Центр\s+образования|Образовательный\s+центр|"
                               r"Образовательный\s+комплекс|Лицей|Гимназия)\b", re.IGNORECASE)
_BARE_ABBR = re.compile(r"\((?P<abbr>[А-ЯЁA-Z][А-ЯЁA-Zа-яё«» ]{1,40})\)")
_DALEE = re.compile(r"\(\s*(?:(?P<pre>[^()]{2,200}?)[,;]\s*)?"
                    r"(?:далее|(?:именуем\w*\s+)?в\s+дальнейшем|сокращ[её]нно)\s*"
                    r"(?:также\s*)?"  # "(…, далее также – Центр)"
                    r"(?:по\s+тексту\s*)?[-–—:]?\s*(?P<abbr>[^()]+?)\s*\)",
                    re.IGNORECASE)
# Kinds a name's words tell beyond the gazetteer mode's rules (bodies.KIND_RULES).
_MORE_KINDS: tuple[tuple[tuple[str, ...], OrganizationKind, str | None], ...] = (
    (("сеть",), _K.community, None),  # "Городская сеть «…»", "Сеть опорных школ" (a community)
    (("офис",), _K.council, None),  # "проектный офис": a collegial group (five truths to one)
    (("бюро",), _K.methodological_service, None),  # "методическое бюро"
    (("штаб",), _K.council, None),  # "методический штаб"
    (("консилиум",), _K.council, None),  # "психолого-педагогический консилиум Школы"
    (("департамент",), _K.education_authority, None),
    (("администрация",), _K.education_authority, None),  # a municipality's administration
    (("отдел", "по", "образование"), _K.education_authority, None),
    (("управление", "по", "образование"), _K.education_authority, None),
    (("управление", "министерство"), _K.education_authority, None),  # a ministry's territorial
    (("управление", "департамент"), _K.education_authority, None),  # department
    (("институт", "повышение", "квалификация"), _K.development_institute, None),
    (("институт",), _K.development_institute, None),
    (("академия",), _K.development_institute, None),
    (("университет",), _K.development_institute, None),
    # a teachers' «творческая лаборатория» is a group of a community; a laboratory of a centre
    # or university is a unit doing methodological work (five truths of five)
    (("творческий", "лаборатория"), _K.community, CommunityKind.creative_group.value),
    (("лаборатория",), _K.methodological_center, None),
    (("лицей",), _K.school, SchoolKind.general.value),
    (("гимназия",), _K.school, SchoolKind.general.value),
    (("сош",), _K.school, SchoolKind.general.value),
    (("оош",), _K.school, SchoolKind.general.value),
    (("детский", "сад"), _K.school, SchoolKind.preschool.value),
    (("объединение",), _K.community, CommunityKind.methodological_association.value),
    (("комиссия",), _K.community, CommunityKind.methodological_association.value),
    (("кафедра",), _K.community, CommunityKind.methodological_association.value),
    (("отдел", "методический"), _K.methodological_service, None),
    (("методический", "отдел"), _K.methodological_service, None),
    (("кабинет",), _K.methodological_service, None),
    (("рмо",), _K.community, CommunityKind.methodological_association.value),
    (("ммо",), _K.community, CommunityKind.methodological_association.value),
    (("мо",), _K.community, CommunityKind.methodological_association.value),
    (("шмп",), _K.community, CommunityKind.young_teacher_school.value),
    (("рма",), _K.methodist_pool, None),
    (("мма",), _K.methodist_pool, None),
    (("колледж",), _K.school, SchoolKind.vocational.value),
    (("техникум",), _K.school, SchoolKind.vocational.value),
    (("училище",), _K.school, SchoolKind.vocational.value),
    (("школа",), _K.school, SchoolKind.general.value),
    (("общеобразовательный", "организация"), _K.school, SchoolKind.general.value),
)
# Kinds whose words would otherwise read as a more general kind ("Школа молодого учителя" is a
# community, not a school).
_FIRST_KINDS: tuple[tuple[tuple[str, ...], OrganizationKind, str | None], ...] = (
    (("школа", "молодой", "учитель"), _K.community, CommunityKind.young_teacher_school.value),
    (("школа", "молодой", "специалист"), _K.community,
     CommunityKind.young_teacher_school.value),
    (("школа", "молодой", "педагог"), _K.community, CommunityKind.young_teacher_school.value),
    (("школа", "наставник"), _K.community, CommunityKind.young_teacher_school.value),
    # a commission that judges or studies for a council is a council's organ, not teachers of
    # a subject («предметно-цикловая комиссия» stays a community)
    (("экспертный", "комиссия"), _K.council, None),
    (("проблемный", "комиссия"), _K.council, None),
    (("аттестационный", "комиссия"), _K.council, None),
    (("конкурсный", "комиссия"), _K.council, None),
    (("психолого-медико-педагогический", "комиссия"), _K.council, None),  # ПМПК, ТПМПК
    # a council's expert group judges for it: a council's organ, not a group of teachers
    (("экспертный", "группа"), _K.council, None),
    # «Информационно-методический отдел Управления образования»: the authority's methodological
    # unit, a municipal methodological service, not the authority its name goes on to name
    (("информационно-методический", "отдел"), _K.methodological_service, None),
    (("научно-методический", "отдел"), _K.methodological_service, None),
    (("организационно-методический", "отдел"), _K.methodological_service, None),
)
# Words for whom a class of bodies gathers ("объединения педагогов"): not what tells it apart.
_MEMBERS = frozenset({"педагог", "учитель", "педагогический", "работник", "преподаватель"})
_DUTY_WORDS = frozenset({"функция", "задача", "направление", "обязанность", "полномочие",
                         "компетенция", "обязательство"})
# Words by which a list tells who forms a body, not what its work holds.
_FORMING = frozenset({"состав", "структура", "участник", "субъект"})
_STRUCTURE_WORDS = frozenset({"включать", "входить", "состав", "структура", "объединять",
                              "субъект", "участник"})
_PERFORMING = frozenset({"осуществлять", "обеспечивать", "выполнять", "организовывать",
                         "организовать", "проводить", "оказывать", "реализовывать", "решать",
                         "участвовать", "исполнять"})
# Verbs by which work is given to a body: "Клубу поручается:", "Отделу вменяется:".
_ENTRUSTING = frozenset({"поручаться", "поручить", "поручать", "вменяться", "вменить",
                         "возлагаться", "возложить", "закрепляться", "закрепить",
                         "предписываться", "предписать",
                         # an agreement's party: "Академия обязуется:"
                         "обязываться", "обязаться"})
# Verbs that state what a body is or how it relates, not something it must do.
_NOT_DUTY_VERBS = frozenset({
    "являться", "иметь", "нести", "входить", "действовать", "работать", "возглавлять",
    "руководить", "объединять", "включать", "состоять", "подчиняться", "быть", "мочь",
    "вправе", "отчитываться", "функционировать", "руководствоваться",
})


def _key(text: str) -> tuple[str, ...]:
    return tuple(w for w in lemmas(normalize_quotes(text)) if w not in ("№",))


def _quoted_key(quoted: str) -> str:
    """A proper name in quotes reduced for comparison: «Средняя общеобразовательная школа № 4»
    and «СОШ № 4» give the same key.

    >>> _quoted_key("Средняя общеобразовательная школа № 4"), _quoted_key("СОШ № 4")
    ('СОШ4', 'СОШ4')
    """
    toks = tokens(normalize_quotes(quoted))
    digits = "".join(t.text for t in toks if t.text.isdigit())
    words = " ".join(t.text for t in toks if not t.text.isdigit())
    if all(is_acronym(t.text) for t in toks if not t.text.isdigit()):
        return words.replace(" ", "").upper() + digits
    return acronym_of(words) + digits


_TERRITORY_WORDS = frozenset({"район", "округ", "поселение", "город", "область", "край",
                              "республика", "поселок", "посёлок", "село"})


def _territory_name(quoted: str) -> bool:
    """A name in quotes that is a territory's («Майминский район», «Город Томск»), not a body's
    own proper name: it names where a body works, so two bodies of one place share it.

    >>> _territory_name("Майминский район"), _territory_name("Город Томск")
    (True, True)
    >>> _territory_name("Майминский районный методический центр")
    False
    """
    words = lemmas(normalize_quotes(quoted).lower())
    return bool(words) and (words[-1] in _TERRITORY_WORDS or words[0] in ("город", "городской"))


@dataclass
class Body:
    """A body the text names, with every name it goes by and how they were joined."""

    org_id: str
    kind: OrganizationKind
    sub: str | None
    level: Level
    generic: bool
    head: str
    names: list[str] = field(default_factory=list)
    keys: set[tuple[str, ...]] = field(default_factory=set)
    quoted: set[str] = field(default_factory=set)
    abbreviations: list[str] = field(default_factory=list)
    node: Organization | None = None
    whole: bool = False  # schools named only by their whole phrase (``acting_classes``)

    @property
    def name(self) -> str:
        full = [n for n in self.names if n not in self.abbreviations]
        return max(full or self.names, key=len)


class Catalogue:
    """The bodies of one document and the names that lead to them."""

    def __init__(self, prefix: str, territory_id: str | None, level: Level,
                 gazetteer: Gazetteer, report: LoadReport, regulation_id: str,
                 where: str) -> None:
        self.prefix = prefix
        self.territory_id = territory_id
        self.level = level
        self.gazetteer = gazetteer
        self.report = report
        self.reg = regulation_id
        self.where = where
        self.bodies: list[Body] = []
        self.by_key: dict[tuple[str, ...], Body] = {}
        self.aliases: dict[str, Body] = {}  # abbreviation as written → body
        self.subject: str | None = None  # the id of the body the regulation is about
        self._resolver: BodyResolver | None = None

    @property
    def resolver(self) -> BodyResolver:
        """The gazetteer's resolver for this document's territory, built once."""
        if self._resolver is None:
            self._resolver = BodyResolver(self.gazetteer, self.territory_id)
        return self._resolver

    # -- what a name is ----------------------------------------------------------------------
    def kind_of(self, span: NameSpan) -> tuple[OrganizationKind, str | None] | None:
        """What a body is, by its head word; an institution («учреждение», МБУ) by its proper
        name in quotes, then by its legal form's words."""
        if span.head == "система":  # a system named by an acronym (see _system_span)
            return _K.methodological_service, None
        if span.head == "цнппм":  # «ЦНППМ ИРО», «ЦНППМ Тверской области»: whose centre it is
            return _K.pd_center, None
        if span.head == "комитет" and {"профсоюз", "профсоюзный"} & set(_key(span.text)):
            # «комитет районной организации Профсоюза»: a union's elected board, no authority
            return _K.council, None
        if span.head == "школа" and "-" in span.own.split()[0]:  # "Школы-кураторы"
            return _K.school, SchoolKind.general.value
        own = lemmas(span.own)
        if span.head == "академия" and not span.legal and (
                "минпросвещение" in _key(span.text) or {"министерство", "просвещение", "российский"}
                <= set(_key(span.text))):
            return _K.federal_operator, None  # «Академия Минпросвещения России» named so
        if own[:2] == ("центр", "образование") and "направленность" in own:
            # «центр образования естественнонаучной направленности «Точка роста»»: a school's
            return _K.school_methodological_service, None
        if span.head in ("учреждение", "организация") or span.legal:
            if span.quoted and lemmas(span.quoted)[:1] == ("академия",) and (
                    "федеральный" in _key(span.text) or (span.legal and span.legal[0] == "Ф")):
                return _K.federal_operator, None  # «Академия Минпросвещения России»
            words = set(_key(span.text))
            if span.head == "организация" and words & {"профсоюзный", "профсоюз"}:
                # «районная организация Профсоюза работников образования»: a trade union's,
                # a community of its members (bodies.KIND_RULES)
                return _K.community, CommunityKind.professional_association.value
            dpo = {"дополнительный", "профессиональный"} <= words or "дпо" in words or (
                span.legal is not None and "ДПО" in span.legal)
            if not dpo and _ADDITIONAL_EDUCATION.search(span.text):
                # "учреждение дополнительного образования «Дворец детского творчества»": where
                # children learn, a school of additional education, whatever its proper name
                return _K.school, SchoolKind.additional.value
            if not dpo and "общеобразовательный" in words and span.quoted and \
                    _SCHOOL_IN_QUOTES.search(span.quoted):
                # "муниципальное бюджетное общеобразовательное учреждение «Центр образования
                # г. Певек»": a school, whatever its proper name calls it
                return _K.school, SchoolKind.general.value
            if span.quoted and lemmas(span.quoted)[:2] in (
                    ("управление", "обеспечение"), ("служба", "обеспечение"),
                    ("дирекция", "обеспечение")):
                # МКУ «Управление обеспечения деятельности образовательных организаций …»: an
                # institution serving the schools (as a «Центр обеспечения деятельности …»), not
                # an authority nor the schools its name ends with
                return _K.methodological_service, None
            if span.quoted:
                found = _kind(span.quoted, anywhere=True)
                regional = "федеральный" not in words and (
                    (span.legal or "")[:1] in ("Г", "О", "К") or bool(words & {
                        "государственный", "областной", "краевой", "республиканский"}))
                if found is not None and found[0] is _K.methodological_center and dpo and \
                        regional:
                    # ГБУ ДПО «… ресурсный центр»: a region's institution of further
                    # professional education, whatever its proper name calls it
                    return _K.development_institute, None
                if found is not None:
                    return found
            if span.quoted and (span.legal or "")[:1] == "М" and \
                    re.search(r"М[ЦК]|ЦОР|ЦРО|РЦ", span.quoted):
                # МБУ ДПО «ИМЦ»: a municipality's centre by the acronym of its proper name
                return _K.methodological_service, None
            if {"дополнительный", "профессиональный"} <= words or "дпо" in words:
                return _K.development_institute, None
            if words & {"профессиональный"} and words & {"образовательный"}:
                return _K.school, SchoolKind.vocational.value
            if words & {"общеобразовательный", "образовательный", "дошкольный"}:
                sub = SchoolKind.preschool.value if "дошкольный" in words else None
                return _K.school, sub or SchoolKind.general.value
            if span.quoted and re.search(r"М[ЦК]|ЦОР|ЦРО|РЦ", span.quoted):
                return _K.methodological_service, None
            if span.quoted and re.fullmatch(r"[А-ЯЁ]*(?:ИРО|ИПК|ИПКРО|ИРОиПК|ИПКиПРО)",
                                            span.quoted):
                return _K.development_institute, None  # "ГБОУ ИРО Краснодарского края"
            return None
        if is_acronym(span.own) and re.search(r"(?:ИРО|ИПК|ИПКРО|ИРОиПК|ИПКиПРО)$", span.own):
            return _K.development_institute, None  # "КИРО", "ПОИПКРО" used without expansion
        found = _kind(span.own) or _kind(re.sub(r"\b[а-яё]+-(?=(?:сообществ|объединени|клуб))",
                                                 "", span.own))
        if found is None:  # (a compound's head after its hyphen: «конкурс-сообщество …»)
            return None
        kind, sub = found
        if span.head in ("совет", "президиум", "коллегия") and kind is not _K.council:
            return _K.council, None  # "Совет Школы молодого педагога": the council of a body
        if kind is _K.curriculum_association and span.head == "секция" and self.bodies and \
                self.bodies[0].kind is not _K.curriculum_association:
            # «предметные секции» of a council (not of an УМО): a community of teachers
            return _K.community, CommunityKind.methodological_association.value
        if kind is _K.methodist_pool and span.collegial:
            return _K.council, None  # "Управленческая команда (…) – коллегиальный орган"
        if kind in (_K.methodological_service, _K.methodological_center) and (
                _of_a_school(span) or own[:1] == ("школьный",)):
            return _K.school_methodological_service, None  # (also «Школьная тьюторская служба»)
        return kind, sub

    def _unit_kind(self, span: NameSpan) -> tuple[OrganizationKind, str | None] | None:
        """«отдел диагностики …» in a centre's regulation: a department whose name tells no
        kind is a unit of the body the document is about, and of its kind (an institute's
        department is a methodological centre)."""
        if span.head not in _UNIT_HEADS | _BRANCH_HEADS or not self.bodies or (
                span.plural and span.head not in _BRANCH_HEADS):
            return None  # («территориальные отделения», «филиалы Центра»: its branches)
        whole = self.bodies[0].kind
        if whole not in _UNIT_OWNERS and span.head in _UNIT_HEADS:
            # a system's regulation opening with its ministry: «В структуру ЦНППМ входят отдел
            # диагностики …» is a unit of the last institution named before it
            whole = next((b.kind for b in reversed(self.bodies) if b.kind in _UNIT_OWNERS
                          and not b.generic), whole)
        if whole is _K.development_institute:
            return _K.methodological_center, None
        if whole is _K.community and span.head in _BRANCH_HEADS:
            # «муниципальные отделения Ассоциации»: an association's branches are communities
            return _K.community, self.bodies[0].sub
        if whole in (_K.pd_center, _K.methodological_center, _K.methodological_service):
            return whole, None
        return None

    def level_of(self, span: NameSpan, kind: OrganizationKind) -> tuple[Level, str]:
        """The level a body works at, and what said so."""
        if kind in (_K.school, _K.school_methodological_service):
            return Level.institutional, "a school's own body"
        if kind is _K.federal_operator:
            return Level.federal, "the federal system's operator"
        opening = tokens(span.own)[:1]
        own_level = level_of_name(opening[0].text) if opening and not is_acronym(
            opening[0].text) else None
        if kind is not _K.school and own_level in (Level.municipal, Level.regional):
            # "Муниципальная сеть горизонтального обучения «Школа – школе»": the adjective
            # before the head says its level, whatever school its proper name names
            return own_level, "the first word of its name"
        if kind is not _K.school and span.head not in ("сеть", "партнерство", "консорциум",
                                                       "кластер") and _of_a_school(span):
            # (not «Сетевое партнёрство общеобразовательных организаций «Вектор»»: a network
            # of schools works above each of them)
            return Level.institutional, "a body of a school"
        level = level_of_name(span.own)
        if level is None and span.qualifier:
            level = level_of_name(span.qualifier)
        if level is not None:
            return level, "the words of its name"
        if span.legal:
            first = span.legal[0]
            if first == "М":
                return Level.municipal, f"its legal form {span.legal}"
            if first in "ГОК":
                return Level.regional, f"its legal form {span.legal}"
            if first == "Ф":
                return Level.federal, f"its legal form {span.legal}"
        if kind in (_K.pd_center, _K.development_institute, _K.curriculum_association):
            return Level.regional, f"what a {kind.value} is"
        if span.head == "министерство":  # "министерство образования": a region's ministry
            return Level.regional, "what a ministry is"
        if self.level is Level.institutional and kind not in (
                _K.council, _K.community, _K.curriculum_association):
            return Level.municipal, "named in a school's regulation, above the school"
        return self.level, "the regulation's level"

    # -- building ----------------------------------------------------------------------------
    def find(self, span: NameSpan) -> tuple[Body | None, str]:
        """The body a name stands for among those known so far, and the rule that said so."""
        for text in (span.text,) if _narrowed_to_low_results(span) else (span.text, span.own):
            key = _key(text)
            if key in self.by_key:
                return self.by_key[key], f"the same name «{text}»"
        written = normalize_quotes(span.text).strip()
        if written in self.aliases:
            return self.aliases[written], f"abbreviation «{written}»"
        if span.quoted and not _territory_name(span.quoted):
            qk = _quoted_key(span.quoted)
            same = [b for b in self.bodies if qk in b.quoted]
            if len(same) == 1:
                return same[0], f"the same proper name in quotes «{span.quoted}»"
        if span.plural:
            # "муниципальными методическими объединениями" and «Муниципальные методические
            # объединения педагогов (далее – ММО)»: one class when only whose members differ
            key = _key(span.own)
            longer = [b for b in self.bodies if b.generic and b.head == span.head and any(
                k[:len(key)] == key and len(k) > len(key) and set(k[len(key):]) <= _MEMBERS
                for k in b.keys)]
            if len(key) >= 2 and len(longer) == 1:
                return longer[0], (f"«{span.own}» is the class «{longer[0].name}» without the "
                                   "word for its members")
            # "Территориальные управления обеспечивают …" after «территориальные управления
            # министерства (далее – ТУ)»: the class without the body it belongs to
            owned = [b for b in self.bodies if b.generic and b.head == span.head and any(
                k[:len(key)] == key and len(k) > len(key) and k[len(key)] in HEADS | {"образование"}
                for k in b.keys)]
            if len(key) >= 2 and len(owned) == 1 and not _narrowed_to_low_results(span):
                return owned[0], (f"«{span.own}» is the class «{owned[0].name}» without the "
                                  "body it belongs to")
            # "муниципальными методическими службами" after «Муниципальные методические службы
            # Тульской области (далее – ММС)»: the class without its territory
            placed = [b for b in self.bodies if b.generic and b.head == span.head and any(
                k[:len(key)] == key and len(k) > len(key) and len(k) - len(key) <= 3
                and set(k[len(key):]) & _TERRITORY_WORDS for k in b.keys)]
            if len(key) >= 2 and len(placed) == 1 and not _narrowed_to_low_results(span):
                return placed[0], (f"«{span.own}» is the class «{placed[0].name}» without its "
                                   "territory")
            return None, ""
        key = _key(span.own)
        if len(key) >= 2:
            # (not a school's «педагогический совет» beside its «Педагогический совет по
            # вопросам методической работы»: every school has the first, the second is a body
            # of its own)
            longer = [b for b in self.bodies if not b.generic and b.head == span.head and any(
                k[:len(key)] == key and not (key[:2] == ("педагогический", "совет")
                                             and k[len(key):len(key) + 1] == ("по",))
                for k in b.keys)]
            if len(longer) == 1:
                return longer[0], (f"«{span.own}» is the name «{longer[0].name}» without its "
                                   "qualifier")
            # (not a region's body of the same name beside a district's: «Советом молодых
            # педагогов Хабаровского края» beside «Совет молодых педагогов» of a district)
            shorter = [b for b in self.bodies if not b.generic and b.head == span.head and any(
                len(k) >= 2 and key[:len(k)] == k and not (
                    set(key[len(k):]) & _REGION_NOUNS and b.level is not Level.regional
                    and self.level_of(span, b.kind) == (Level.regional, "the words of its name"))
                for k in b.keys)]
            if len(shorter) == 1:
                return shorter[0], (f"«{shorter[0].name}» is the name «{span.own}» without its "
                                    "qualifier")
        return None, ""

    def add(self, span: NameSpan, line: int, *, named: bool = False) -> Body | None:
        """The body a name stands for, made new when no rule joins it to one known.

        ``named``: the name has an abbreviation of its own («(далее – ЦНППМ)»), so it is never
        taken for the body another abbreviation calls by its first word («Центр»).
        """
        body, rule = self.find(span)
        if named and body is not None and body.generic and body.abbreviations and (
                rule.startswith("the same name") or rule.endswith("without its territory")):
            # «общеобразовательные организации, показывающие высокие результаты (далее –
            # школы-наставники)» after «… с низкими результатами (далее – ОО с НОР)»: a class
            # given an abbreviation of its own again is another class, told by its qualifier
            # (also after «общеобразовательными организациями городского округа, показывающими
            # низкие результаты (далее – ШНОР)»: the class named with its territory)
            body = None
        written = normalize_quotes(span.text).strip()
        if body is None and is_acronym(written) and any(
                a.startswith(written + " ") for a in self.aliases):
            # "РМО" of "РМО ЗДУВР": the first word of that body's abbreviation, not a body
            return self._opening_word_of(written)
        first = normalize_quotes(span.text).split()[0]
        # (a short name written with its capital: «кафедрой русского языка» in lower case beside
        # «Кафедра» = the text's own chair is another chair)
        capital = first[:1].isupper()
        if first not in self.aliases and not is_acronym(first):  # "Центра" of «Центр»
            first = next((a for a in self.aliases if " " not in a and not is_acronym(a)
                          and _key(a) == _key(first)), first)
        if body is None and first in self.aliases and first[:1].isupper() and not named and \
                re.match(r"\S+\s+по\s+вопрос", normalize_quotes(span.text)):
            return self.aliases[first]  # "с Центром по вопросам выявления …": what about
        if body is None and first in self.aliases and first[:1].isupper() and capital and \
                not named:
            # "Совет предложения …": the body called "Совет" here, unless the name says it is
            # another kind of body ("Центр непрерывного повышения …" beside "Центр" = МЦН)
            said = self.kind_of(span)
            # (a municipal «центр» is a methodological service: "Центра по сопровождению …"
            # beside «Центр» = МАУ «ИМЦ» is that one)
            # (nor is «Центров» beside «Центры» = the school's centres «Точка роста»)
            by_words = self.level_of(span, said[0]) if said is not None and \
                len(tokens(span.own)) > 2 and any(
                    t.lemma in _PLACE_NOUNS | {"федерация", "рф"}
                    for t in tokens(span.own)[-2:]) else None
            if by_words is not None and by_words[1] == "the words of its name" and \
                    by_words[0] is not self.aliases[first].level:
                # "в состав Совета молодых педагогов Астраханской области" beside «Совет» = the
                # district's council: a name of its own with another level is another body
                pass
            elif said is None or said[0] is self.aliases[first].kind or {
                    said[0], self.aliases[first].kind} <= {_K.methodological_center,
                                                            _K.methodological_service} or (
                    self.aliases[first].kind is _K.school_methodological_service
                    and said[0] is _K.methodological_center
                    and self.aliases[first].generic == span.plural):
                return self.aliases[first]
        if body is None:
            found = self.kind_of(span) or self._unit_kind(span)
            known = self.aliases.get(normalize_quotes(span.own).strip())
            if found is None and known is not None and _narrowed_to_low_results(span):
                # «педагогов ОО, показывающих низкие образовательные результаты (далее – ОО с
                # НОР)»: the class a short name stands for, narrowed to low results, is a class
                # of that kind apart
                found = known.kind, known.sub
            if found is not None and found[0] is _K.school and span.head in _UNIT_HEADS:
                # "отдел сопровождения сельских школ": a department named for the schools it
                # serves is a unit of the body the document is about, not a school
                found = self._unit_kind(span) or found
            if found is None:
                return None
            kind, sub = found
            level, level_why = self.level_of(span, kind)
            field_of = _of_a_field(f"{span.own} {span.qualifier or ''}")
            if kind is _K.methodological_center and level is not Level.regional and \
                    "тьюторский" not in lemmas(span.own) and not field_of:
                kind = _K.methodological_service  # a municipal «центр» is the municipal service
                # (a tutoring centre stays a centre of tutoring practice, the glossary's; a
                # resource centre of a subject is a methodological centre, see _of_a_field)
            body = Body("", kind, sub, level, span.plural, span.head)
            body.org_id = self._id(span, body)
            self.bodies.append(body)
            how = "a class of bodies (plural name)" if span.plural else "a body"
            self.report.resolutions.append(
                f"{self.where}:{line} {how} «{span.text}»: {kind.value} ({sub or '-'}), "
                f"{level.value} by {level_why} → {body.org_id}")
        elif rule and _key(span.text) not in body.keys:
            self.report.resolutions.append(
                f"{self.where}:{line} «{span.text}» = {body.org_id}: {rule}")
        self._name(body, span.text)
        if span.own != span.text and not _narrowed_to_low_results(span):
            self._name(body, span.own)
        if span.quoted and not _territory_name(span.quoted):
            body.quoted.add(_quoted_key(span.quoted))
        return body

    def alias(self, abbr: str, body: Body, line: int, full: str, *,
              defined: bool = False) -> None:
        if abbr in self.aliases and self.aliases[abbr] is not body:
            self.report.skip(self.reg, self.where, line, f"abbreviation «{abbr}» introduced "
                             "again for another body", "the first meaning is kept")
            return
        self.aliases[abbr] = body
        if abbr not in body.abbreviations:
            body.abbreviations.append(abbr)
        self._name(body, abbr)
        how = f"defined as «{full}»" if defined else f"abbreviation (далее – {abbr}) of «{full}»"
        self.report.resolutions.append(f"{self.where}:{line} «{abbr}» = {body.org_id}: {how}")

    def _name(self, body: Body, text: str) -> None:
        text = normalize_quotes(text).strip()
        if text and text not in body.names:
            body.names.append(text)
        key = _key(text)
        if key and key not in self.by_key:
            self.by_key[key] = body
            body.keys.add(key)

    def _id(self, span: NameSpan, body: Body) -> str:
        if body.generic:
            suffix = f"-{body.sub}" if body.sub and body.sub != SchoolKind.general.value else ""
            base = f"{self.prefix}-generic-{body.level.value}-{body.kind.value}{suffix}"
            taken = {b.org_id for b in self.bodies}
            if base not in taken:
                return base
            # (a class narrowed to low results by its whole name, never by its head alone)
            own = span.text if _narrowed_to_low_results(span) else span.own
            found = f"{base}-{slug(' '.join(_key(own)))}"
            return found if found not in taken else next(
                f"{found}-{n}" for n in range(2, len(taken) + 3) if f"{found}-{n}" not in taken)
        # A school's own council or service named without the school's name belongs to this
        # document's school: scoped to the document, never merged with another school's.
        prefix = self.reg if body.level is Level.institutional and not span.quoted and not (
            set(_key(span.text)) & (SCHOOL_WORDS | {"лицей", "гимназия"})) else self.prefix
        key = _key(span.text)
        if self.gazetteer.territories:  # the territory's words are left out: the prefix says it
            stripped = self.resolver._strip(key)
            key = stripped if len(stripped) >= 2 else key
        found = f"{prefix}-body-{slug(' '.join(key))}"
        taken = {b.org_id for b in self.bodies}
        if found not in taken:
            return found
        # Two bodies whose names differ only past the id's length («муниципальное бюджетное
        # общеобразовательное учреждение «…»» of two schools) are two bodies, never one: the
        # proper name in quotes tells them apart, else a number
        if span.quoted:
            own = f"{prefix}-body-{slug(' '.join(_key(span.quoted)))}"
            if own not in taken:
                return own
        return next(f"{found}-{n}" for n in range(2, len(taken) + 3) if f"{found}-{n}" not in taken)

    def finish(self) -> None:
        """Make each body's node; a body whose full name the gazetteer holds is the gazetteer's."""
        for body in self.bodies:
            known = self._in_gazetteer(body)
            if known is not None:
                org_id, how = known
                self.report.resolutions.append(f"{self.where}: «{body.name}» = {org_id}: {how}")
                body.org_id = org_id
            else:
                extra: dict[str, object] = {}
                if body.kind is _K.community and body.sub:
                    extra["community_kind"] = body.sub
                if body.kind is _K.school and body.sub:
                    extra["school_kind"] = body.sub
                short = next((a for a in body.abbreviations if is_acronym(a.split()[0])), None)
                name = nominative(body.name, plural=body.generic)
                if body.generic:
                    name = f"{name[:1].upper()}{name[1:]}"
                body.node = Organization(
                    id=body.org_id, name=name, kind=body.kind, level=body.level,
                    territory_id=self.territory_id, generic_name=body.generic,
                    short_name=short, aliases=[n for n in body.names if n != name][:20],
                    **extra)

    def _in_gazetteer(self, body: Body) -> tuple[str, str] | None:
        """The gazetteer's body one of this body's names is: a full name anywhere, a short name
        or alias in the document's region, also without the territory's words ("Комитет по
        образованию Лужского района"); only when exactly one gazetteer body fits."""
        if body.generic or not self.gazetteer.organizations:
            return None
        from graph.loaders.regulations.morph import lemmas as plain_lemmas

        resolver = self.resolver
        for name in body.names:
            key = plain_lemmas(name)
            for found in (resolver._unique(resolver._by_key.get(key, [])),
                          resolver._unique(resolver._by_stripped.get(resolver._strip(key), []))
                          if len(resolver._strip(key)) >= 2 else None):
                if found is not None and self.gazetteer.organizations[found.org_id].kind in (
                        body.kind, _K.methodological_center if body.kind is
                        _K.methodological_service else body.kind):
                    return found.org_id, f"{found.how} «{found.text}»"
        return None

    # -- running text ------------------------------------------------------------------------
    def mentions(self, text: str) -> list[Mention]:
        """The bodies a paragraph names: by their names, their abbreviations, or a bare head
        word («Совет») when one body of the document has that head."""
        text = normalize_quotes(text)
        found: list[tuple[int, int, Body, str]] = []
        for span in find_names(text):
            if _inside_dalee(text, span.start):
                continue
            body, rule = self._resolve_span(span, _starts_sentence(text, span.start))
            if body is not None:
                found.append((span.start, span.end, body, rule))
        for abbr, body in self.aliases.items():
            for m in _occurrences(text, abbr):
                found.append((m[0], m[1], body, f"abbreviation «{abbr}»"))
            found += [(t.start, t.end, body, f"«{t.text}»: the short name «{abbr}» in lower case")
                      for t in self._short_name_in_lower_case(text, abbr, body)]
        for body in self.bodies:  # a system named by its full name ("Муниципальная система
            # … (далее – МСНМС) включает …"): its name has no head word find_names knows
            # (so are schools named by a participle's phrase as a sentence's subject: «Школы,
            # находящиеся в зоне риска … (далее – школы риска), направляют …»)
            schools = body.head == "школа" and body.generic and (bool(body.abbreviations)
                                                                 or body.whole)
            if body.head != "система" and not schools:
                continue
            for name in {n for n in body.names if len(n) > 20}:
                for hit in re.finditer(re.escape(name), text, re.IGNORECASE):
                    if schools and hit.start() > 1 and not (
                            body.whole and re.search(r"[.;]\s+$", text[:hit.start()])):
                        continue
                    found.append((hit.start(), hit.end(), body,
                                  f"the full name of «{(body.abbreviations or [body.name])[0]}»"))
        compounds = {_compound(k[0]): b for b in self.bodies if b.generic for k in b.keys
                     if len(k) == 1 and "-" in k[0]}
        for t in tokens(text) if compounds else []:
            if "-" in t.text and _compound(t.text) in compounds:
                # "школы-наставники" in lower case, in any case form («со школами-наставниками»)
                found.append((t.start, t.end, compounds[_compound(t.text)],
                              f"«{t.text}»: the class"))
        found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
        taken: list[tuple[int, int]] = []
        out = []
        for start, end, body, rule in found:
            if any(start < b and a < end for a, b in taken) or _inside_dalee(text, start):
                continue
            taken.append((start, end))
            out.append(Mention(start, end, text[start:end],
                               Resolution(text[start:end], body.org_id, rule, body.node)))
        return sorted(out, key=lambda m: m.start)

    def _opening_word_of(self, written: str) -> Body | None:
        """The one body whose short names open with an acronym as their first word («РМО» of
        «(далее – РМО учителей ОБЗР и ФК)»); ``None`` if none or several."""
        longer = {b.org_id: b for a, b in self.aliases.items() if a.startswith(written + " ")}
        return next(iter(longer.values())) if len(longer) == 1 else None

    def _short_name_in_lower_case(self, text: str, abbr: str, body: Body) -> list[Token]:
        """A one-word short name («(далее – творческая группа, Группа)») written in lower case
        as a sentence's doer («каждый год группа выбирает тему», «группа:»): the body, where the
        text names it in lower case too and no other body of the text has that head."""
        if " " in abbr or not abbr[:1].isupper() or is_acronym(abbr) or \
                abbr[:1].lower() + abbr[1:] not in text.lower():
            return []
        head = _key(abbr)
        if len(head) != 1 or not any(n[:1].islower() and _key(n)[-1:] == head
                                     for n in body.names) or \
                [b.org_id for b in self.bodies if b.head == head[0]] != [body.org_id]:
            return []
        toks = tokens(text)
        return [t for k, t in enumerate(toks) if t.text[:1].islower() and t.lemma == head[0]
                and (text[t.end:].lstrip().startswith(":") or (
                    k + 1 < len(toks) and is_verb(toks[k + 1].text)))]

    def _resolve_span(self, span: NameSpan, first: bool = False) -> tuple[Body | None, str]:
        written = normalize_quotes(span.text).strip()
        for abbr, known in self.aliases.items():  # «(далее – ИМЦ, Центр)»: "Центра" is that one
            if abbr == written or (_key(abbr) == _key(written) and not is_acronym(abbr)
                                   and (abbr[:1].isupper() == written[:1].isupper()
                                        # «(далее – секции)», then «Секции:» opening a clause:
                                        # the capital is the sentence's, not a proper name's
                                        or (first and abbr[:1].islower()))):
                return known, f"abbreviation «{abbr}»"
        bare = _key(span.text) == (span.head,) and not span.text.isupper()
        if not bare:
            body, rule = self.find(span)
            opened = self._opening_word_of(written) if body is None and is_acronym(written) \
                else None
            if opened is not None:
                # «РМО:» after «(далее – РМО учителей ОБЗР и ФК)»: the short name's first word
                return opened, f"the first word of «{written} …»"
            return body, rule or "its name"
        same = [b for b in self.bodies if b.head == span.head and not b.generic]
        if len(same) == 1 and span.text[:1].isupper():
            return same[0], f"«{span.text}»: the one body of the document called so"
        subject = [b for b in same if b.org_id == self.subject]
        if subject and span.text[:1].isupper() and span.text == span.text.capitalize():
            # "Центр выполняет …" on the page of the «Межшкольный методический центр», which
            # names other centres too: the body the regulation is about
            return subject[0], f"«{span.text}»: the body the regulation is about"
        return None, ""


def _compound(word: str) -> str:
    """A hyphenated word with each of its parts in the dictionary form: «школами-наставниками»
    and «школы-наставники» are one word.

    >>> _compound("школами-наставниками")
    'школа-наставник'
    """
    return "-".join((lemmas(part) or (part.lower(),))[0] for part in word.split("-"))


def _narrowed_to_low_results(span: NameSpan) -> bool:
    """Whether a class of bodies is narrowed by its qualifier to those with low results
    («организациях с низкими результатами»): its head alone («организации») is every school, a
    body apart, so it is never one of this class's names.

    >>> _narrowed_to_low_results(NameSpan(0, 30, "школы с низкими результатами", "школа", None,
    ...                                   None, True, "школы", "с низкими результатами"))
    True
    """
    from graph.loaders.regulations.duties import duty_categories
    from graph.model.enums import DutyCategory

    return span.plural and bool(span.qualifier) and \
        DutyCategory.low_results_support in duty_categories(span.qualifier)


# Words after a resource centre's head that say only where it is or whom it serves, not the
# field it is the centre of.
_NOT_A_FIELD = frozenset({"образование", "муниципальный", "район", "округ", "город", "городской",
                          "районный", "область", "край", "республика", "наставничество",
                          "молодой", "педагог", "специалист", "сопровождение", "по", "и"})


def _of_a_field(name: str) -> bool:
    """Whether a centre is a resource or support centre of a subject or field («Муниципальный
    ресурсный центр по физике», «… математического образования», «опорный центр дополнительного
    образования детей»): a methodological centre at any level, not a municipality's service
    («Ресурсный центр образования», «… Грязовецкого округа», «… наставничества» are).

    >>> _of_a_field("Муниципальный ресурсный центр математического образования")
    True
    >>> _of_a_field("Ресурсный центр по физике"), _of_a_field("Ресурсный центр образования")
    (True, False)
    >>> _of_a_field("Муниципальный ресурсный центр Грязовецкого муниципального округа")
    False
    >>> _of_a_field("Муниципальный ресурсный центр наставничества")
    False
    """
    toks = tokens(name)
    words = [t.lemma for t in toks]
    at = next((k for k, w in enumerate(words) if w in ("ресурсный", "опорный")), None)
    if at is None or "центр" not in words[at:at + 2]:
        return False
    rest = [t for t in toks[at + 2:] if not t.text[:1].isupper() or t.lemma == "по"]
    if any(t.lemma in ("наставничество", "молодой") for t in rest):
        return False
    return any(t.lemma not in _NOT_A_FIELD and t.text.replace("-", "").isalpha() for t in rest)


def _of_a_school(span: NameSpan) -> bool:
    """Whether a name says whose it is: one school's («совет школы», «служба Лицея», «совет …
    учреждения «СОШ № 4»»), not the schools' of a district («объединения учителей школ»)."""
    head_seen = False
    toks = tokens(f"{span.own} {span.qualifier}")
    for k, t in enumerate(toks[1:], 1):
        if t.lemma == "по" and not (not span.plural and set(lemmas(" ".join(re.findall(
                r"«([^«»]+)»", normalize_quotes(span.text))))) & {"школа", "лицей", "гимназия"}):
            break  # "Координационный совет по сопровождению общеобразовательных организаций":
            # what it works on, not whose it is (but «Педагогический совет по вопросам
            # методической работы … учреждения «Средняя … школа № 2»»: that school's)
        if t.lemma == "школа" and toks[k - 1].lemma in ("начальный", "основной", "старший"):
            continue  # "секция «Функциональная грамотность в начальной школе»": a stage
        if span.plural and span.head in ("совет", "служба") and t.lemma in (
                "организация", "учреждение", "школа") and all(
                x.lemma in ("образовательный", "общеобразовательный") for x in toks[
                    next((j for j, x in enumerate(toks) if x.lemma == span.head), k) + 1:k]):
            return True  # "методические советы образовательных организаций": each school's
        if t.lemma == span.head and not head_seen and span.head == "школа":
            head_seen = True  # "Муниципальная школа молодого учителя": its own head word
            continue
        if t.lemma == "школа" and {x.lemma for x in toks[k + 1:k + 6]} & TAUGHT:
            continue  # "Совет Школы молодого педагога": a school where teachers learn
        if t.lemma not in SCHOOL_WORDS | {"лицей", "гимназия", "учреждение"}:
            continue
        if is_acronym(t.text) and k + 1 < len(toks) and toks[k + 1].text in ("ДПО", "ВО"):
            continue  # "… работников ГБОУ ДПО «… институт …»": an institute's legal form
        if is_acronym(t.text) and k + 2 < len(toks) and toks[k + 1].text in ("с", "со") and \
                is_acronym(toks[k + 2].text):
            break  # "отдел методического сопровождения ОО с НОР": the class of schools served
        if is_acronym(t.text) or t.lemma in ("общеобразовательный", "детский"):
            return True
        if t.lemma != "учреждение" and "plur" not in str(_morph().parse(t.text)[0].tag):
            return True
        if t.lemma == "учреждение" and "общеобразовательный" in lemmas(span.qualifier + span.own):
            return True
        if t.lemma == "учреждение" and t.text[:1].isupper() and "sing" in str(
                _morph().parse(t.text)[0].tag) and span.head in _UNIT_HEADS:
            return True  # "отдел … работы Учреждения": a unit of the institution a school's
            # regulation calls «Учреждение»
    return False


# An institution of additional education for children, by its legal form's words.
_ADDITIONAL_EDUCATION = re.compile(r"(?:учреждени\w*|организаци\w*)\s+дополнительного\s+"
                                   r"образования(?!\s+взрослых)", re.IGNORECASE)


def _kind(name: str, *, anywhere: bool = False
          ) -> tuple[OrganizationKind, str | None] | None:
    """A name's kind by its head word; in a proper name in quotes the kind word may stand
    anywhere («Островский районный методический кабинет»)."""
    seq = lemmas(name)
    for pattern, kind, sub in _FIRST_KINDS:
        n = len(pattern)
        if any(seq[i:i + n] == pattern for i in range(len(seq) - n + 1)):
            return kind, sub
        if n == 2 and seq[:2] == (pattern[1], "по") and pattern[0] in seq[2:5]:
            return kind, sub  # "комиссия по аттестационным материалам" = "аттестационная …"
    words = lemmas(name)
    school = next((i for i, w in enumerate(words) if w == "школа"), None)
    if school is not None and set(words[school + 1:school + 6]) & TAUGHT:
        # "Муниципальная школа профессионального роста молодого учителя": teachers learn there
        return _K.community, CommunityKind.young_teacher_school.value
    found = infer_kind(name)
    if found is not None:
        return found
    toks = tokens(name)
    seq = tuple(t.lemma for t in toks)
    # the kind word nearest the name's start (its head): «кафедра математики … Гимназии» is a
    # department of the gymnasium, not the gymnasium
    hits = [(i, k, kind, sub) for k, (pattern, kind, sub) in enumerate(
        (*KIND_RULES, *_MORE_KINDS) if anywhere else _MORE_KINDS)
        for i in range(len(seq) - len(pattern) + 1) if seq[i:i + len(pattern)] == pattern]
    if hits:
        at, _, kind, sub = min(hits, key=lambda h: (h[0], h[1]))
        if seq[at] == "кафедра" and {"институт", "университет", "академия"} & set(seq[at:]):
            return _K.development_institute, None  # a department of an institute is its unit
        return kind, sub
    if seq[:1] in (("отдел",), ("управление",)) and "образование" in seq[1:4] and \
            not {"методический", "качество", "оценка", "мониторинг"} & set(seq[:4]):
        # (not «отдел оценки качества образования» of a centre: what it assesses)
        return _K.education_authority, None  # "Отдел общего образования", "Управление
        # дошкольного и общего образования"
    return None


def _starts_sentence(text: str, start: int) -> bool:
    """Whether a word at `start` opens a sentence, a clause or an item, so that its capital
    letter says nothing.

    >>> _starts_sentence("3.3. Секции:", 5), _starts_sentence("и Секции", 2)
    (True, False)
    """
    before = text[:start].rstrip()
    return (not before or before[-1] in ".!?:;-–—·•"
            or re.search(r"(?:^|\s)(?:\d+|[а-яa-z])\)$", before) is not None)


def _inside_dalee(text: str, pos: int) -> bool:
    """Whether a position is inside «(далее – …)»."""
    return any(m.start() < pos < m.end() for m in _DALEE.finditer(text))


@lru_cache(maxsize=50_000)
def _occurrences(text: str, abbr: str) -> tuple[tuple[int, int], ...]:
    """Where an abbreviation occurs as whole words; a word abbreviation in any case and form
    («центр» in «центра»), an acronym as written (kept: each paragraph is read again and again).
    """
    out: list[tuple[int, int]] = []
    literal, want, stems = _abbreviation_shape(abbr)
    if literal is not None:
        for m in literal.finditer(text):
            out.append((m.start(), m.end()))
        return tuple(out)
    toks = tokens(text)
    n = len(want)
    if n and not any(stems) and not set(want) <= _lemma_set(text):
        toks = []  # (a word of it is not in the text: no window can match)
    for i in range(len(toks) - n + 1):
        if all(t.lemma == w or (stem is not None and t.text.lower().startswith(stem)
                                and len(t.text) - len(stem) <= 2)
               for t, w, stem in zip(toks[i:i + n], want, stems, strict=True)):
            if abbr[:1].isupper() and not toks[i].text[:1].isupper():
                continue  # "Комитет" (a body) but not "комитет" in general
            out.append((toks[i].start, toks[i + n - 1].end))
    if n == 1 and abbr[:1].isupper() and len(abbr) >= 4:
        # "Минобр" (a clipped word the dictionary misreads) in «подведомственно Минобру»: its
        # case endings after it as written
        for m in re.finditer(rf"(?<![\w«]){re.escape(abbr)}(?:а|у|ом|е)?(?![\w-])", text):
            if (m.start(), m.end()) not in out:
                out.append((m.start(), m.end()))
    return tuple(out)


@lru_cache(maxsize=4_096)
def _abbreviation_shape(abbr: str) -> tuple[re.Pattern[str] | None, tuple[str, ...],
                                             tuple[str | None, ...]]:
    """How ``_occurrences`` looks for an abbreviation, worked out once per abbreviation: an
    acronym (or a quoted name) as written, else its lemmas and, for a clipped word the
    dictionary reads apart in each case («минобразование» of «минобразования Ростовской
    области»), its stem, then an ending.

    >>> acronym = _abbreviation_shape("ЦНППМ")[0]
    >>> [bool(acronym.search(t)) for t in ("в ЦНППМ.", "ЦНППМ-центр", "«ЦНППМ")]
    [True, False, False]
    >>> _abbreviation_shape("Центр")[1:]
    (('центр',), (None,))
    """
    if all(is_acronym(t.text) or t.text.isdigit() or not t.text[0].isalpha()
           for t in tokens(abbr)) or "«" in abbr:
        return re.compile(rf"(?<![\w«]){re.escape(abbr)}(?![\w-])"), (), ()
    want = _key(abbr)
    stems = tuple(w[:-1] if len(w) > 6 and w[-1] in "аеоуыя" else None
                  for w in (t.text.lower() for t in tokens(abbr)))
    return None, want, stems if len(stems) == len(want) else (None,) * len(want)


@lru_cache(maxsize=20_000)
def _lemma_set(text: str) -> frozenset[str]:
    return frozenset(lemmas(text))


def bind_abbreviations(text: str, line: int, spans: list[NameSpan]
                       ) -> list[tuple[list[str], NameSpan | None, Abbreviation]]:
    """Each «(далее – X)» of a paragraph, its abbreviations («ИМЦ или центр» gives two) and the
    name it stands for: the name that ends right before it and fits it.

    >>> t = "Руководство ММС осуществляет МБУ «Центр образовательных ресурсов» (далее – МБУ «ЦОР»)."
    >>> [(abbrs, span.text) for abbrs, span, _ in bind_abbreviations(t, 1, find_names(t))]
    [(['МБУ «ЦОР»'], 'МБУ «Центр образовательных ресурсов»')]
    """
    text = normalize_quotes(text)
    out = []
    found = list(_DALEE.finditer(text))
    taken = [(m.start(), m.end()) for m in found]
    # "… «Вологодский институт развития образования» (АОУ ВО ДПО «ВИРО»)": an acronym in
    # parentheses after a name, without «далее», is its short name too.
    found += [m for m in _BARE_ABBR.finditer(text)
              if not any(a <= m.start() < b for a, b in taken)
              and is_acronym(m.group("abbr").split()[0].strip("«»"))]
    for m in sorted(found, key=lambda m: m.start()):
        raw = m.group("abbr").strip().strip(".,;")
        respectively = re.match(r"^соответственно\s*[-–—:]?\s*", raw)
        raw = raw[respectively.end():] if respectively else raw
        each = re.match(r"^(?:вместе|совместно)\s*[-–—]\s*[^,]+,\s*(?:а\s+)?по\s+отдельности\s*"
                        r"[-–—]\s*", raw)
        if each is None and (together := re.match(r"^(?:вместе|совместно)\s*[-–—]\s*", raw)):
            raw = raw[together.end():]  # "(далее вместе – школы сопровождения)": one name of all
        if each is not None:
            # "(далее вместе – Стороны, по отдельности – Отдел образования Омутинского района,
            # …)": the parties together (see document._parties), then each its own short name
            # (one for all, «– Сторона», names no body)
            raw = raw[each.end():]
            if len(_short_names(raw)) < 2:
                continue
            respectively = each
        abbrs = [_unquote(a) for a in _short_names(raw)]
        if not abbrs:
            continue
        if m.re is _DALEE and m.group("pre"):  # "(МАУ ДПО ЦРПК «Вектор», далее – Вектор)"
            abbrs.append(_unquote(m.group("pre").strip()))
        before = text[:m.start()].rstrip()
        if not respectively and len(abbrs) == 2 and m.re is _DALEE and not m.group("pre") \
                and (not any(re.search(r"[«\"\d]", a) for a in abbrs)
                     or _first_by_own_words(abbrs, before, spans)) \
                and _two_bodies(abbrs, before, spans):
            # "кафедры … гимназии … (далее – кафедра, гимназия)", "кафедрой … учреждения … «…
            # института развития образования» (далее – кафедра, СОИРО)", "… центром развития
            # тьюторской практики ГАУ ДПО «…» (далее – центр тьюторской практики, СОИРО)":
            # two short names of a name and the name inside it are the two bodies', each the
            # one that fits it (not «(далее – Школа, МБОУ «СОШ № 2»)»: a proper name is the
            # same body's)
            respectively = m
        if not respectively and len(abbrs) == 2 and m.re is _DALEE and (
                _schools_word(abbrs[1]) or (is_acronym(abbrs[1]) and _low_results_schools(
                    text, len(before), spans, abbrs[1]) is not None)) and \
                _term_phrase(abbrs[0], before) and \
                _fitting([abbrs[0]], [s for s in spans if s.end <= len(before)]) is None:
            # "… «дорожной карты» повышения качества образования в общеобразовательных
            # организациях, функционирующих в неблагоприятных социальных условиях (далее –
            # «дорожная карта», школы НСУ)", "… модели сопровождения школ, функционирующих в
            # неблагоприятных социальных условиях (далее – Модель, ШНСУ)": a term and the
            # schools, one name each, though «соответственно» is not said
            respectively = m
        if respectively:  # "(далее соответственно – ЦНППМ, институт)": one name each
            segment = [s for s in spans if s.end <= len(before)]
            for k, abbr in enumerate(abbrs):
                one = _fitting([abbr], segment)
                if one is None and k == len(abbrs) - 1 and (
                        is_acronym(abbr.split()[0]) or _schools_word(abbr)):
                    # "… поддержки общеобразовательных организаций, имеющих низкие
                    # образовательные результаты (далее соответственно – система поддержки,
                    # ШНОР)": the last short name is of the schools named last
                    one = _low_results_schools(text, len(before), spans, abbr) or (
                        _schools_span(text, len(before)) if _schools_word(abbr) else None)
                    if one is None and _schools_word(abbr):
                        # "… в общеобразовательных организациях города, функционирующих в
                        # неблагоприятных … (далее – «дорожная карта», школы НСУ)": the class
                        # of schools named right before
                        one = next((x for x in segment if x.plural and (
                            x.end >= len(before) - 1 or _PARTICIPLE_AFTER.match(
                                text[x.end:len(before)])) and (
                                    _kind(x.own) or (None,))[0] is _K.school), None)
                        if one is not None and one.end < len(before) - 1:
                            one = replace(one, end=len(before), text=text[one.start:len(before)],
                                          qualifier=text[one.end:len(before)].strip(" ,"))
                full = one.text if one is not None else _term_phrase(abbr, before)
                out.append(([abbr], one, Abbreviation(abbr, full, line, "далее соответственно")))
            continue
        ending = [s for s in spans if s.end == len(before) or (
            s.end < len(before) and (not text[s.end:len(before)].strip(" »")
                                     or _PLACE_AFTER.match(text[s.end:len(before)])))]
        span = _fitting(abbrs, ending)
        owner = next((a for a in ending if a.end == len(before) and is_acronym(a.text)), None)
        if span is None and owner is not None and not is_acronym(abbrs[0].split()[0]):
            # "отдел адресного сопровождения педагогов ЦНППМ (далее – Отдел сопровождения)":
            # the short name is of the unit named before its owner's acronym
            inner = _fitting(abbrs, [x for x in spans if x.end < owner.start
                                     and not text[x.end:owner.start].strip()])
            if inner is not None:
                span = replace(inner, end=len(before), text=text[inner.start:len(before)],
                               qualifier=text[inner.end:len(before)].strip())
        if span is None and ending and len(abbrs) == 1 and " " not in abbrs[0] and \
                abbrs[0][:1].isupper() and lemma(abbrs[0].lower()) in _ROLE_NAMES:
            # "Функции и полномочия учредителя осуществляет управление образования … (далее –
            # Учредитель)": the body named right before, called by the part it plays
            span = max(ending, key=lambda s: (s.end - s.start))
        tail_word = re.fullmatch(r"[А-ЯЁ]{2,}-([а-яё]+)", abbrs[0]) if abbrs else None
        if span is None and ending and tail_word is not None:
            # "… учреждения … «Центр психолого-педагогической, медицинской и социальной помощи»
            # (далее – ППМС-центр)": letters of the name's words, then its head word
            head = lemma(tail_word[1])
            fits = [s for s in ending if head in lemmas(s.quoted or s.own)]
            span = max(fits, key=lambda s: (s.end - s.start)) if fits else None
        if span is None:  # "объединение учителей математики, физики и информатики (далее ШМО)"
            # (a gloss in brackets inside the name does not cut it off: «службы улусов
            # (районов) и городских округов (далее – ММС)»)
            near = [s for s in spans if s.end <= len(before) and len(before) - s.end < 80
                    and not re.search(r"[.;:()]", _GLOSS.sub(" ", text[s.end:len(before)]))]
            # «организациях с низкими результатами (далее – ОО с НОР)»: the schools the words
            # after the class's name narrow to those with low results, never the class itself
            said = _kind(abbrs[0])  # (not «(далее – команда кураторов)» of «… кураторов ОО с НОР»)
            short = is_acronym(abbrs[0].split()[0]) or _schools_word(abbrs[0])
            span = (_low_results_schools(text, len(before), spans, abbrs[0])
                    if short and (said is None or said[0] is _K.school) else None) or _fitting(
                abbrs, near, acronyms_only=True)
            if span is None:  # "… организациям – партнёрам (далее – ДС-партнёры)": schools
                # and one word in apposition that the short name repeats after its hyphen
                role = re.search(r"[–—]\s*([а-яё]+)\s*$", before)
                tail = re.search(r"-([а-яё]+)$", abbrs[0])
                schools = [s for s in spans if role is not None and s.end <= role.start()
                           and not before[s.end:role.start()].strip()
                           and (_kind(s.own) or (None,))[0] is _K.school]
                if role and tail and schools and lemma(role[1]) == lemma(tail[1]):
                    span = schools[-1]
            if span is None and near:  # "организации, показывающие … (далее – закреплённые
                kind = _kind(abbrs[0])  # школы)": the nearest name of the same kind
                role_of_schools = kind is None and re.match(
                    r"(?:школ|организаци|учреждени|[Оо][Оо])\w*-", abbrs[0]) is not None
                if role_of_schools:
                    # "(далее – школы-участники)": schools by the part they play, a class
                    kind = (_K.school, SchoolKind.general.value)
                same = [s for s in near if kind is not None and _kind(s.own) == kind
                        and (s.plural or not role_of_schools)]
                span = same[-1] if same else None
        acronym = next((a for a in abbrs if is_acronym(a)), None)
        if span is None and m.re is _DALEE and acronym is not None:
            # («(далее – региональная система, РСНМС)»: the acronym of the two names)
            span = _system_span(text, len(before), acronym)
        if span is None and (m.re is _DALEE or _LOW_RESULTS_ACRONYM.match(abbrs[0])) and (
                is_acronym(abbrs[0]) or _schools_word(abbrs[0])):
            # (also without «далее»: «6 школ с низкими результатами (ШНОР)»)
            # (also a short name in words: «(далее – школы риска)», «(далее – подшефные ОО)»)
            span = _schools_span(text, len(before)) or _low_results_schools(
                text, len(before), spans, abbrs[0])
        if span is None and m.re is _DALEE and not _of_people(abbrs[0]) and not (
                set(lemmas(abbrs[0])) & WHOLE_KINDS):
            # (not «… организаций …, имеющих низкие результаты (далее – региональная
            # система)»: the system the phrase began with, no body)
            # "Органы местного самоуправления …, осуществляющие управление в сфере образования
            # (далее – МОУО)": the name a participle's phrase describes (not «педагогами
            # школ района, имеющими стаж до трёх лет (далее – молодые педагоги)»: people)
            described = [s for s in spans if s.end < len(before) and len(before) - s.end < 200
                         and not re.search(r"[.;:()]", text[s.end:len(before)])
                         and _participles_phrase(text[s.end:len(before)])]
            # (the outermost of the names ending there: «Отдел сопровождения организаций»)
            span = max(described, key=lambda s: (s.end, -s.start)) if described else None
        # What the abbreviation stands for: from the name to «(далее», its participles too.
        full = text[span.start:len(before)] if span is not None else before[-80:]
        rule = "далее" if m.re is _DALEE else "in parentheses"
        out.append((abbrs, span, Abbreviation(abbrs[0], full, line, rule)))
    out += _acronym_before_name(text, line, spans)
    return out


def _short_names(raw: str) -> list[str]:
    """The short names given together in one «(далее – …)», split at «или», «либо» and commas,
    but not at the comma before a participle's phrase that is part of one short name.

    >>> _short_names("ИМЦ или центр")
    ['ИМЦ', 'центр']
    >>> _short_names("кафедра, СОИРО")
    ['кафедра', 'СОИРО']
    >>> _short_names("школы, функционирующие в НСУ")
    ['школы, функционирующие в НСУ']
    """
    parts = [a.strip(" -–—.,;") for a in re.split(r"\s+или\s+|,\s*|\s+либо\s+", raw)]
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        first = part.split()[0]
        if out and _PARTICIPLE_AFTER.match(" " + part + " ") and any(
                "PRTF" in str(q.tag) for q in _morph().parse(first)[:2]):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


def _first_by_own_words(abbrs: list[str], before: str, spans: list[NameSpan]) -> bool:
    """Whether, of two short names the second of which is a proper name in quotes («(далее –
    ИМО, МКУ «ЦОДСО»)»), the first fits a name ending there by that name's own words, not by
    the proper name inside it: a department and its institution (not «(далее – Школа, МБОУ
    «СОШ № 2»)», both the school's)."""
    ending = [s for s in spans if s.end == len(before)]
    own = [replace(s, quoted=None) for s in ending]
    first, second = _fitting(abbrs[:1], own), _fitting(abbrs[1:], ending)
    return first is not None and second is not None and first.start != second.start


def _two_bodies(abbrs: list[str], before: str, spans: list[NameSpan]) -> bool:
    """Whether two short names given together fit two different names ending where they are
    given (a body's name and the name of the body inside it), or are of two kinds."""
    kinds = [_kind(a) for a in abbrs]
    if all(kinds) and len({k[0] for k in kinds if k}) == 2:
        return True
    ending = [s for s in spans if s.end == len(before)]
    fits = [_fitting([a], ending) for a in abbrs]
    return fits[0] is not None and fits[1] is not None and fits[0].start != fits[1].start


# Parts a body plays that a text may call it by («(далее – Учредитель)»).
_ROLE_NAMES = frozenset({"учредитель", "оператор", "организатор", "координатор"})


_ACRONYM_THEN_NAME = re.compile(
    r"(?<![\w«-])(?P<abbr>[А-ЯЁ][А-ЯЁа-яё]{1,9})\s*\((?P<inner>[^()]{8,300})\)")


def _acronym_before_name(text: str, line: int, spans: list[NameSpan]
                         ) -> list[tuple[list[str], NameSpan | None, Abbreviation]]:
    """An acronym, then the full name it stands for in parentheses: «созданное при РМК
    (муниципальное казённое учреждение «Сарапульский районный методический кабинет»)» — the
    acronym's letters are initials of the name (of its proper name in quotes, or of its words).

    >>> t = ("Объединение создано при РМК (муниципальное казённое учреждение «Бельский "
    ...      "районный методический кабинет»).")
    >>> [(a, s.text) for a, s, _ in _acronym_before_name(t, 1, find_names(t))]
    [(['РМК'], 'муниципальное казённое учреждение «Бельский районный методический кабинет»')]
    """
    out: list[tuple[list[str], NameSpan | None, Abbreviation]] = []
    for m in _ACRONYM_THEN_NAME.finditer(text):
        abbr = m.group("abbr")
        if not is_acronym(abbr) or legal_form(abbr):
            continue
        inner = m.group("inner").strip()
        start = m.start("inner") + (len(m.group("inner")) - len(m.group("inner").lstrip()))
        # (a place may follow the name: «ЦМО (МКУ «Центр методического обеспечения» г. Ефремова)»)
        whole = [sp for sp in spans if sp.start == start and (
            not text[sp.end:m.end("inner")].strip(" .,»")
            or _PLACE_AFTER.match(text[sp.end:m.end("inner")]))]
        if not whole or _DALEE.search(inner):
            continue
        span = max(whole, key=lambda sp: sp.end)
        letters = abbr.upper()
        if not any(letters in acronym_of(n).upper() for n in (span.quoted or "", span.text)
                   if n):
            continue
        out.append(([abbr], span, Abbreviation(abbr, span.text, line, "acronym before its name")))
    return out


def _schools_span(text: str, end: int) -> NameSpan | None:
    """Schools named as a class by a participle's phrase at a paragraph's start, with an
    acronym of their own: «школы, показывающие слабые результаты (далее – ШСР)»."""
    found = re.match(r"\s*(?P<head>[Шш]колы)\s*,\s*(?P<rest>[^.;:()]+)$", text[:end])
    if found is None or not _participles_phrase(", " + found.group("rest")):
        return None
    return NameSpan(found.start("head"), end, text[found.start("head"):end].strip(), "школа",
                    None, None, True, found.group("head"), found.group("rest").strip())


_SCHOOL_HEADS = frozenset({"школа", "организация", "учреждение", "оо"})

# Schools as a class at a sentence's start, narrowed by a participle's phrase between commas or
# by «с …», then their verb: «Общеобразовательные организации, показывающие низкие результаты,
# направляют …», «Школы округа с признаками необъективных результатов направляют …».
_ACTING_CLASS = re.compile(
    r"(?:^|(?<=[.;]\s))(?P<head>(?:[А-ЯЁ][а-яё]+\s+)?(?:[оО]рганизации|[шШ]колы|[уУ]чреждения))"
    r"(?P<where>\s+(?:округа|района|города|области|края|республики))?"
    r"(?P<rest>,\s*(?P<prt>[а-яё]+)[^,.;:()«»]{3,160},|\s+со?\s+[^,.;:()«»]{3,160})")


def _plural_verb(word: str) -> bool:
    tag = str(_morph().parse(word)[0].tag)
    return "VERB" in tag and "plur" in tag and "3per" in tag


def acting_classes(text: str) -> list[NameSpan]:
    """Schools named as a class narrowed by what they show, opening a sentence in which they
    act: a class of its own (the whole phrase is its name), not the schools in general.

    >>> [s.text for s in acting_classes("Образовательные организации, показывающие низкие "
    ...                                 "результаты, направляют педагогов на курсы.")]
    ['Образовательные организации, показывающие низкие результаты']
    >>> [s.text for s in acting_classes("Школы района с низкими результатами ЕГЭ проводят "
    ...                                 "самодиагностику.")]
    ['Школы района с низкими результатами ЕГЭ']
    >>> acting_classes("Образовательные организации района направляют педагогов на курсы.")
    []
    >>> [s.text for s in acting_classes("Школы с низкими результатами ежегодно представляют "
    ...                                 "отчёт.")]
    ['Школы с низкими результатами']
    """
    text = normalize_quotes(text)
    out = []
    for m in _ACTING_CLASS.finditer(text):
        rest = m.group("rest")
        if not m.group("prt"):  # "… с …": up to the first verb of theirs
            words = tokens(rest)
            at = next((k for k, t in enumerate(words) if k >= 2 and _plural_verb(t.text)), None)
            if at is None:
                continue
            while at > 2 and "ADVB" in str(_morph().parse(words[at - 1].text)[0].tag):
                at -= 1  # «… с низкими результатами ежегодно представляют»: not in the name
            end = m.start("rest") + words[at].start
        else:
            after = tokens(text[m.end("rest"):])[:1]
            if not after or not _plural_verb(after[0].text):
                continue
            end = m.end("rest")
        if m.group("prt") and not any("PRTF" in str(p.tag)
                                      for p in _morph().parse(m.group("prt"))[:3]):
            continue
        head = lemmas(m.group("head"))
        lead = _morph().parse(m.group("head").split()[0])[0].tag.POS
        if not head or head[-1] not in _SCHOOL_HEADS or (
                len(head) == 2 and lead not in ("ADJF", "PRTF")):
            continue
        name = text[m.start("head"):end].strip(" ,")
        out.append(NameSpan(m.start("head"), m.start("head") + len(name), name, "школа", None,
                            None, True, name, ""))
    return out


def _schools_word(name: str) -> bool:
    """Whether a short name in words is one of schools: «школы риска», «подшефные ОО».

    >>> _schools_word("школы риска"), _schools_word("подшефные ОО"), _schools_word("Совет")
    (True, True, False)
    >>> _schools_word("школы-участники Программы")  # schools by the part they play
    True
    """
    return bool({k.split("-")[0] for k in _key(name)} & _SCHOOL_HEADS) and \
        len(name.split()) <= 4


_AND_OR = re.compile(r"\((?:или|и)\)")
# A participle's phrase that sets a class of schools apart: «, функционирующих в …».
_PARTICIPLE_AFTER = re.compile(r",?\s+(?:имеющ|показывающ|демонстрирующ|находящ|функционирующ|"
                               r"работающ|испытывающ)\w*\s", re.IGNORECASE)
# An acronym that says "schools with low results" («ШНОР», «ШНРО», «ОО НОР»).
_LOW_RESULTS_ACRONYM = re.compile(r"^(?:Ш\s?НО?Р|ШНРО|ОО\s?(?:с\s)?НОР|ШНСУ)$")


def _term_phrase(term: str, before: str) -> str:
    """What a short name of no body stands for: the sentence's last phrase from the term's own
    words on, so that a duty naming it is read as what it names.

    >>> _term_phrase("дорожная карта", "1.1. Положение определяет порядок реализации "
    ...     "муниципальной «дорожной карты» сопровождения школ с низкими результатами")
    'дорожной карты» сопровождения школ с низкими результатами'
    >>> _term_phrase("Программа", "Положение определяет порядок.")
    ''
    """
    words = tokens(term)
    if not words:
        return ""
    cut = max(before.rfind(c) for c in ".;:") + 1
    toks = [t for t in tokens(before) if t.start >= cut]
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].lemma != words[-1].lemma:
            continue
        first = k - len(words) + 1
        if first < 0 or any(toks[first + i].lemma != w.lemma for i, w in enumerate(words)):
            continue
        return before[toks[first].start:].strip(" ,")
    return ""


def _low_results_schools(text: str, end: int, spans: list[NameSpan], abbr: str = ""
                         ) -> NameSpan | None:
    """Schools named as a class by their low results right before an acronym of their own:
    «… помощи школам с низкими образовательными результатами (далее – ШНОР)», «…
    организаций, показывающих низкие результаты ГИА (далее – ОНР)»."""
    from graph.loaders.regulations.duties import duty_categories
    from graph.loaders.regulations.names import _is_adj
    from graph.model.enums import DutyCategory

    window = text[:end]
    # («и (или)» is a conjunction in brackets, not a parenthesis that cuts the phrase)
    masked = _AND_OR.sub(lambda m: " " * len(m.group()), window)
    cut = max(masked.rfind(c) for c in ".;:()") + 1
    toks = [t for t in tokens(window) if t.start >= max(cut, end - 160)]
    for k in range(len(toks) - 1, -1, -1):
        if window.count("«", 0, toks[k].start) > window.count("»", 0, toks[k].start):
            continue  # a word in quotes, the name a class is given («школы целевой группы»)
        opens = not window[:toks[k].start].strip() and "," not in window[toks[k].end:] and \
            re.match(r"\s*(?:с|со)\s", window[toks[k].end:]) is not None and any(
                "plur" in str(q.tag) for q in _morph().parse(toks[k].text)[:3])
        # ("школы с низкими результатами обучения (далее – ШНОР) – организации, …", a term
        # defined on a line of its own: «школы» may be read as one school's, it is the class)
        # ("Участниками Программы являются школы с …": plural by the verb before it)
        opens = opens or (k > 0 and toks[k - 1].text.lower() in ("являются", "выступают"))
        if toks[k].lemma not in _SCHOOL_HEADS or (not opens and "plur" not in str(
                _morph().parse(toks[k].text)[0].tag) and toks[k].text != "ОО" and not any(
                    s.plural and s.end == toks[k].end for s in spans)
                and not _plural_then_plural_participle(toks[k].text, window[toks[k].end:])):
            continue  # (a class's name found plural: «Общеобразовательные организации с …»)
        if any(s.start < toks[k].start < s.end and not (s.plural and s.end == toks[k].end)
               for s in spans) and not _LOW_RESULTS_ACRONYM.match(abbr):
            return None  # "Отдел сопровождения организаций, показывающих …": the unit's name
            # (but «объединение педагогов организаций, показывающих … (далее – ШНОР)»: the
            # acronym says schools)
        rest = window[toks[k].end:]
        # («школам Иланского района, функционирующим в сложных …»: the schools' place between)
        place = _PLACE_GENITIVE.match(rest)
        if not re.match(r"\s*(?:с|со|,\s*[а-яё]+)\s", rest[place.end() if place else 0:]) or \
                DutyCategory.low_results_support not in duty_categories(rest):
            return None
        start = k
        while start > 0 and _is_adj(toks[start - 1].text):
            start -= 1
        name = window[toks[start].start:].strip(" ,")
        return NameSpan(toks[start].start, toks[start].start + len(name), name, "школа", None,
                        None, True, window[toks[start].start:toks[k].end], rest.strip(" ,"))
    return None


def _plural_then_plural_participle(word: str, rest: str) -> bool:
    """Whether a noun that may be plural («школы», «организации», first read as singular) is
    plural by the participle after its comma: «школы, имеющие низкие результаты».

    >>> _plural_then_plural_participle("школы", ", имеющие низкие результаты")
    True
    >>> _plural_then_plural_participle("школы", ", имеющей низкие результаты")
    False
    """
    m = re.match(r"\s*,\s*([а-яё]+)", rest)
    if m is None or not any("plur" in str(p.tag) for p in _morph().parse(word)[:3]):
        return False
    return any("PRTF" in str(p.tag) and "plur" in str(p.tag) for p in _morph().parse(m[1])[:3])


def _participles_phrase(gap: str) -> bool:
    """Whether the words between a name and «(далее …)» end with a participle's phrase that
    describes it: ", осуществляющие управление в сфере образования"."""
    found = re.search(r",\s*([а-яё]+)[^,]*$", gap)
    # (a passive participle reads as an adjective first: ", указанные в приложении …")
    return found is not None and any("PRTF" in str(p.tag)
                                     for p in _morph().parse(found.group(1))[:3])


def _system_span(text: str, end: int, abbr: str) -> NameSpan | None:
    """A system of bodies the text names by an acronym of its own: «Региональная система
    научно-методического сопровождения … (далее – РСНМС)» is one body the text speaks of
    (subjects are its parts, tasks are its duties); a system called «(далее – система)» is not.
    """
    toks = tokens(text[:end])
    at = next((k for k in range(len(toks) - 1, max(-1, len(toks) - 25), -1)
               if toks[k].lemma == "система"), None)
    if at is None or re.search(r"[.;:()]", text[toks[at].end:end]):
        return None
    start = at
    while start > 0 and "ADJF" in str(_morph().parse(toks[start - 1].text)[0].tag):
        start -= 1
    name = text[toks[start].start:end].strip()
    letters = "".join(c for c in abbr if c.isupper())
    if not acronym_of(name).startswith(letters) or len(letters) < 3:
        return None
    return NameSpan(toks[start].start, toks[start].start + len(name), name, "система", None,
                    None, False, name, "")


def _initials_in_order(letters: str, initials: str) -> bool:
    """Whether an acronym's letters are a name's initials in order, at most two words left out
    and the first kept.

    >>> _initials_in_order("РЦОКО", "РЦМОКО"), _initials_in_order("РЦОКО", "ОРЦМОКО")
    (True, True)
    >>> _initials_in_order("РОКО", "РЦМИПКО")
    False
    """
    for start in range(min(2, len(initials))):
        rest = initials[start:]
        if not rest.startswith(letters[:1]):
            continue
        pos, skipped = 0, 0
        for ch in letters:
            at = rest.find(ch, pos)
            if at < 0:
                break
            skipped += at - pos
            pos = at + 1
        else:
            if skipped <= 2 and len(rest) - pos <= 1:
                return True
    return False


def _contracted(abbr: str, span: NameSpan) -> bool:
    """Whether a one-word short name is its name's words cut and joined: «Методсовет» for
    «методический совет», «Метод­объединение» for «методическое объединение».

    >>> from graph.loaders.regulations.names import find_names
    >>> _contracted("Методсовет", find_names("методический совет Лицея")[0])
    True
    >>> _contracted("Педсовет", find_names("методический совет Лицея")[0])
    False
    >>> _contracted("Педсовет", find_names("педагогический совет Лицея")[0])
    True
    >>> _contracted("ММСовет", find_names("муниципальный методический совет")[0])
    True
    >>> _contracted("МССовет", find_names("муниципальный методический совет")[0])
    False
    >>> _contracted("ММСовет", find_names("методический совет")[0])  # too few words
    False
    """
    word = abbr.lower()
    own = tokens(span.own)
    first = own[0].text.lower() if own else ""
    cut = word[:-len(span.head)] if word.endswith(span.head) else ""
    if cut and cut.isalpha() and abbr[:len(cut)].isupper() and len(cut) >= 2:
        # «ММСовет» for «муниципальный методический совет»: the initials of the words before
        # its head, then the head
        before = [t.text for t in own if t.lemma != span.head][:len(cut) + 1]
        return len(own) > len(cut) and "".join(w[0] for w in before).lower() == cut and \
            own[len(cut)].lemma == span.head
    return len(first) > 4 and first != span.head and len(cut) >= 3 and first.startswith(cut)


# Heads of names that are shortened by syllables («Минобрнауки», «Депобразования»).
_SYLLABIC_HEADS = frozenset({"министерство", "департамент", "комитет", "управление"})


def _syllabic(abbr: str, span: NameSpan) -> bool:
    """Whether a one-word short name is made of the first syllables of its name's words, the
    first word's first: «Минобрнауки» for «Министерство образования и науки …»,
    «Минпросвещения» for «Министерство просвещения …», «Депобразования» for «Департамент
    образования …».

    >>> from graph.loaders.regulations.names import find_names
    >>> name = find_names("Министерства образования и науки Республики Калмыкия")[0]
    >>> _syllabic("Минобрнауки", name), _syllabic("Минкульт", name)
    (True, False)
    """
    word = abbr.lower()
    words = [t.text.lower() for t in tokens(span.own)]
    if len(word) < 6 or len(words) < 2 or not word.startswith(words[0][:3]):
        return False

    def rest_fits(pos: int, k: int) -> bool:  # the rest of the word from the names after k
        if pos == len(word):
            return True
        for j in range(k, len(words)):
            w = words[j]
            # a piece of at least three letters, or a whole word in any of its cases
            for n in range(len(w), 2, -1):
                stem = w[:n]
                if word.startswith(stem, pos) and rest_fits(pos + n, j + 1):
                    return True
                if n >= 6 and word.startswith(stem, pos) and pos + n == len(word) - 1 and \
                        word[-1] in "еяю":
                    return True  # «…образование» of «… образования»: the last word's case
            if j > k + 1 and not (j <= k + 3 and all(
                    x == "и" or "ADJF" in str(_morph().parse(x)[0].tag) for x in words[k:j + 1])):
                break  # at most one word left out between pieces («и»), or the adjectives of
                # a field («общего и профессионального образования»)
        return False

    return any(rest_fits(n, 1) for n in range(3, len(words[0]) + 1)
               if word.startswith(words[0][:n]))


def _unquote(abbr: str) -> str:
    if abbr.startswith("«") and abbr.endswith("»") and abbr.count("«") == 1:
        return abbr[1:-1].strip()
    return abbr


# Words for people a short name may stand for: «(далее – молодые педагоги)».
_PEOPLE = frozenset({"педагог", "учитель", "работник", "специалист", "наставник", "методист",
                     "руководитель", "заместитель", "директор", "сотрудник", "преподаватель",
                     "воспитатель", "наставляемый", "слушатель", "участник", "куратор",
                     "тьютор", "эксперт", "выпускник", "обучающийся", "ученик"})


def _of_people(short: str) -> bool:
    """Whether a short name in words names people (its head word is a person's).

    >>> _of_people("молодые педагоги"), _of_people("подшефные школы"), _of_people("ШНОР")
    (True, False, False)
    """
    return any(t.lemma in _PEOPLE for t in tokens(short))


_PLACE_NOUNS = frozenset({"район", "город", "округ", "область", "край", "республика"})
_REGION_NOUNS = frozenset({"область", "край", "республика"})


# Adjectives of where a body works, which a name's acronym may leave out.
_SCOPE_ADJECTIVES = frozenset({"межмуниципальный", "муниципальный", "районный", "межрайонный",
                               "городской", "окружной", "региональный", "межрегиональный",
                               "областной", "краевой", "республиканский", "межшкольный"})


def _fitting(abbrs: list[str], spans: list[NameSpan], *, acronyms_only: bool = False
             ) -> NameSpan | None:
    """The name among those ending before «(далее …)» that an abbreviation fits."""
    if not spans:
        return None
    for abbr in abbrs:
        toks = tokens(abbr)
        if not toks:
            continue
        quoted = re.findall(r"«([^«»]+)»", abbr)
        if quoted:
            qk = _quoted_key(quoted[0])
            hit = [s for s in spans if s.quoted and _quoted_key(s.quoted) == qk]
            if hit:
                return max(hit, key=lambda s: s.end - s.start)
        number = re.search(r"№\s*(\d+)", abbr)
        if number and legal_form(toks[0].text):
            # "(далее – МБДОУ № 34)", "(далее – МБОУ СШ № 5)": a legal form and the number the
            # name carries («Детский сад № 34 «Радуга»») stand for it
            hit = [sp for sp in spans if re.search(rf"№\s*{number[1]}(?!\d)", sp.text)]
            if hit:
                return max(hit, key=lambda sp: sp.end - sp.start)
        if len(toks) > 1 and is_acronym(toks[-1].text) and (legal_form(toks[0].text) or all(
                "ADJF" in str(_morph().parse(t.text)[0].tag) for t in toks[:-1])):
            toks = toks[-1:]  # "(далее – МКУ ИМЦ)", "(далее – Уватский ИМЦ)": the acronym
        if is_acronym(toks[0].text) and not legal_form(toks[0].text):
            letters = toks[0].text.upper()
            # "ХакИПК", "КОиН": the capitals are the initials, the small letters the rest of a word
            capitals = "".join(c for c in toks[0].text if c.isupper())
            for s in sorted(spans, key=lambda s: s.end - s.start):
                if s.quoted and _quoted_key(s.quoted).startswith(letters):
                    return s
                if s.legal is None and (acronym_of(s.own).startswith(letters)
                                        or acronym_of(s.text).startswith(letters)):
                    return s  # (not «МБОУ «СОШ № 3»» for «МС»: a legal form's letters)
            for s in sorted(spans, key=lambda s: s.end - s.start):
                if capitals != letters and len(capitals) >= 2 and (
                        (s.quoted and acronym_of(s.quoted).startswith(capitals))
                        or acronym_of(s.own).startswith(capitals)):
                    return s
            for s in sorted(spans, key=lambda s: s.end - s.start):
                # "Региональное учебно-методическое объединение (далее – УМО)"
                if len(letters) >= 3 and letters in acronym_of(s.own):
                    return s
            for s in sorted(spans, key=lambda s: s.end - s.start):
                # "«Алтайский краевой центр оценки качества образования» (далее – РЦОКО)":
                # all but the first letter are the name's last initials
                if not acronyms_only and len(letters) >= 5 and s.quoted and \
                        acronym_of(s.quoted).endswith(letters[1:]):
                    return s
            for s in sorted(spans, key=lambda s: s.end - s.start):
                # "«Региональный центр мониторинга и оценки качества образования» (далее –
                # РЦОКО)": the initials in order, a word left out, the name right before
                if not acronyms_only and len(letters) >= 4 and any(
                        _initials_in_order(letters, acronym_of(x))
                        or (capitals != letters and len(capitals) >= 4
                            and _initials_in_order(capitals, acronym_of(x)))
                        for x in (s.quoted or "", s.own) if x):
                    return s  # (or its capitals: «АмИРО» of «Амурский областной институт …»)
            for s in sorted(spans, key=lambda s: s.end - s.start):
                # "методический совет района (далее – РМС)": the place the name ends with
                # leads the acronym, as the adjective it stands for («районный», «городской»)
                own = tokens(s.own)
                if len(letters) >= 3 and len(own) >= 3 and own[-1].lemma in _PLACE_NOUNS and \
                        letters[0] == own[-1].text[0].upper() and \
                        acronym_of(s.own[:own[-1].start]).startswith(letters[1:]):
                    return s
            for s in sorted(spans, key=lambda s: s.end - s.start):
                # "методические службы общеобразовательных организаций (далее – ШМС)": «Ш» says
                # «школьные», the rest are the initials of the words before the schools
                if len(letters) >= 3 and letters[0] == "Ш" and \
                        acronym_of(s.own).startswith(letters[1:]) and \
                        _SCHOOLS_AFTER.search(s.own):
                    return s
            for s in sorted(spans, key=lambda s: s.end - s.start):
                # "Межмуниципальный ресурсный центр по сопровождению школ … (далее – РЦ)": the
                # initials of the name after the adjective of its scope
                own = tokens(s.own)
                if len(own) >= 3 and own[0].lemma in _SCOPE_ADJECTIVES and \
                        acronym_of(s.own[own[1].start:]).startswith(letters):
                    return s
            continue  # "(далее – АмИРО, институт)": the next name may fit
        if acronyms_only:
            continue
        nouns = [t.lemma for t in toks if "NOUN" in str(_morph().parse(t.text)[0].tag)]
        for s in sorted(spans, key=lambda s: s.end - s.start):
            if len(toks) == 1 and _contracted(abbr, s):
                return s  # "методический совет Лицея (далее – Методсовет)"
            field = re.search(r"\sпо\s+(.+)$", s.own)
            if len(toks) == 3 and toks[1].text == "по" and is_acronym(toks[2].text) and \
                    field is not None and acronym_of(field[1]) == toks[2].text.upper() and \
                    _contracted(toks[0].text, s):
                return s  # "педагогический совет по методической работе (далее – Педсовет
                # по МР)": its head cut and joined, then its field's initials
        for s in sorted(spans, key=lambda s: s.end - s.start):
            place = tuple(t.lemma for t in toks[1:])
            if (len(toks) <= 2 or _key(s.text)[-len(place):] == place) and \
                    s.head in _SYLLABIC_HEADS and _syllabic(toks[0].text, s):
                return s  # "Министерства образования и науки РК (далее – Минобрнауки РК)",
                # "… (далее – минобразование Ростовской области)"
        headed = [s for s in spans if nouns and nouns[0] == s.head]
        if len(headed) > 1:
            # "… Отделом образования … Омутинского района, Отделом образования … Армизонского
            # района (далее … – Отдел образования Омутинского района, …)": the one whose own
            # words the short name repeats most
            said = set(lemmas(abbr))
            return max(headed, key=lambda s: (len(said & set(_key(s.text))), s.end - s.start))
        for s in sorted(spans, key=lambda s: -(s.end - s.start)):
            heads = {s.head} | ({lemma(tokens(s.quoted)[0].text)} if s.quoted and tokens(
                s.quoted) else set())
            if nouns and nouns[0] in heads:
                return s
            if s.quoted and nouns and nouns[0] in _key(s.quoted):
                return s
            words = lemmas(abbr)
            if len(words) > 1 and words[-1] == s.head and set(words) <= set(_key(s.own)):
                return s  # "предметные рабочие группы … (далее – рабочие группы)": the name's
                # own words ending in its head («рабочие» read first as a noun)
            last = toks[-1].text.lower()
            cut = last[:-len(s.head)] if last.endswith(s.head) else ""
            if len(words) > 1 and len(cut) >= 3 and set(words[:-1]) <= set(_key(s.own)) and \
                    any(w.startswith(cut) for w in _key(s.own) if w != s.head):
                return s  # "Педагогический совет по вопросам методической работы … (далее –
                # Методический педсовет)": its own words, the last cut and joined to its head
    return None


def duty_list_head(text: str, mentions: list[Mention]) -> str | None:
    """Whether a paragraph ending with a colon introduces duties ("duty"), bodies that make up
    another ("structure"), or neither (``None``).

    >>> duty_list_head("Основными направлениями деятельности МБУ «ЦОР» являются:", [])
    'duty'
    >>> duty_list_head("В структуру ММС входят:", []), duty_list_head("Цель:", [])
    ('structure', None)
    >>> duty_list_head("Секции создаются по следующим направлениям:", [])
    """
    if not text.rstrip().endswith(":"):
        return None
    keys = lemmas(text)
    if set(keys) & {"вправе", "право"} and not set(keys) & _DUTY_WORDS:
        return None  # "Совет вправе:", "Совет имеет право:" lists rights, not duties
    continued = continued_by_list(text)
    named = [m for m in mentions if m.resolution.org_id]
    if named and (continued == "relative" or (continued == "and" and named[0].start <= 1)):
        return "duty"  # "… действует Президиум (далее – Президиум), который:", "ШМО работают
        # под руководством МС и:" — the items finish the sentence: what its body does (not a
        # person's: «Руководитель РМО избирается … и:»)
    if set(keys) & _DUTY_WORDS == {"направление"} and any(
            k.endswith("ся") and k[:-2] in _FOUNDING | _GROUPING for k in keys):
        return None  # "Секции создаются по направлениям:" names the sections, not duties
    if set(keys) & _DUTY_WORDS:  # "В функции Отдела входит:" lists duties, not parts
        return "duty"
    if ({"вид", "деятельность"} <= set(keys) or {"предмет", "деятельность"} <= set(keys)) \
            and not set(keys) & {"доход", "приносить"}:
        return "duty"  # "Основными видами деятельности Учреждения являются:", "Предметом
        # деятельности Центра являются:" (a charter's words; not the kinds of work that bring
        # it income)
    if "содержание" in keys[:3] and set(keys) & {"деятельность", "работа"} and not set(
            keys) & _FORMING:
        return "duty"  # "Содержание работы МО включает:", "В содержание деятельности Совета
        # входит:", "Содержание деятельности ШМП:" — what the body's work holds, not its parts
    if _first_noun(text) in ("деятельность", "работа") and set(keys) & {
            "включать", "предусматривать", "охватывать"}:
        return "duty"  # "Деятельность ШМП включает:", "Аналитическая деятельность ГМО
        # включает:" — what it does, not its parts
    if set(keys) & {"деятельность", "работа"} and set(keys) & {"направить", "нацелить",
                                                                "ориентировать"}:
        return "duty"  # "Деятельность Методсовета направлена на:" — what it does
    closing = closing_body(text, mentions) if set(keys) & _STRUCTURE_WORDS else None
    if closing is not None and _DALEE.sub(" ", normalize_quotes(text)[:closing.start]).rstrip(
            ).endswith(","):
        return "duty"  # "В период, когда Школа входит в перечень …, Совет дополнительно:": a
        # circumstance, then the body whose items follow
    if set(keys) & _STRUCTURE_WORDS and (not mentions or set(lemmas(_without(
            normalize_quotes(text), mentions))) & _STRUCTURE_WORDS):
        return "structure"  # (not a body whose name holds the word: «Школы – участники
        # Проекта:» over what the schools do)
    if "деятельность" in keys and "состоять" in keys:
        return "duty"
    # (a single letter is an initial, «(Петров Е.А.)», not «е» for «есть»)
    # (nor an abbreviation a dictionary takes for a verb: «ШССУ»)
    verbs = [t.lemma for t in tokens(text) if len(t.text) > 1 and not t.text.isupper()
             and "VERB" in str(_morph().parse(t.text)[0].tag)]
    if verbs and verbs[0] in _PERFORMING and mentions:
        return "duty"
    if verbs and verbs[0] in _ENTRUSTING and any(m.resolution.org_id for m in mentions):
        return "duty"  # "Клубу поручается:", "На Центр возлагается:"
    if named and named[0].start <= 1 and _agent_first_passive(
            normalize_quotes(text).rstrip(": "), named, items=True) is not None:
        return "duty"  # "Отделом оценки качества образования обеспечивается:": its items
    if re.search(r"\s(?:будет|будут)\s*:\s*$", text) and any(m.resolution.org_id
                                                            for m in mentions):
        return "duty"  # "Опорная школа будет:" over "проводить …" items: what it will do
    rest = _DALEE.sub(" ", _without(normalize_quotes(text), mentions))
    if mentions and not re.sub(r"[\s:.,;–—-]|(?<!\w)и(?!\w)", "", rest):
        return "duty"  # "ПОИПКРО:", "ШНРО и ШССУ:" — the items are what the bodies do
    if mentions and mentions[0].start <= 1 and not verbs:
        return "duty"  # "КИРО в рамках деятельности Совета:"
    if closing_body(text, mentions) is not None:
        return "duty"  # "В отношении школ с низкими результатами, Центр:"
    written = normalize_quotes(text)
    if named and re.fullmatch(r"\s*\)\s*:\s*", written[named[-1].end:]) and \
            written[:named[-1].start].rstrip().endswith("("):
        return "duty"  # "Региональный координатор (МИО):": the part a body plays, then the body
    if keys and keys[0] in _ADDRESSING and any(m.resolution.org_id for m in mentions):
        return "duty"  # an order's "Рекомендовать органам …, осуществляющим …:"
    return None


def _without(text: str, mentions: list[Mention]) -> str:
    """``text`` with the bodies it names blanked out.

    >>> _without("Школы – участники Проекта:", [])
    'Школы – участники Проекта:'
    """
    for mention in mentions:
        text = text.replace(mention.surface, " ")
    return text


def _first_noun(text: str) -> str | None:
    """The lemma of a text's first noun, only adjectives before it.

    >>> _first_noun("Методическая деятельность Совета включает:"), _first_noun("В Совет:")
    ('деятельность', None)
    """
    for t in tokens(text):
        tag = str(_morph().parse(t.text)[0].tag)
        if "NOUN" in tag:
            return t.lemma
        if "ADJF" not in tag:
            return None
    return None


# A list's head that ends mid-sentence: a relative pronoun («…, который:») or «и» after a
# predicate («… работают под руководством МС и:»); the items finish the sentence.
_CONTINUED = re.compile(r"(?P<rel>,\s*котор(?:ый|ая|ое|ые)\s*:)\s*$|(?P<and>\s+и\s*:)\s*$")


def continued_by_list(text: str) -> str | None:
    """How a list's head leaves its sentence for the items to finish: "relative" («…, который:»,
    the items are what the body named right before the comma does), "and" («… и:», after a
    verb: what the sentence's subject does), or ``None``.

    >>> continued_by_list("При Совете действует Президиум (далее – Президиум), который:")
    'relative'
    >>> continued_by_list("Методические объединения работают под руководством Совета и:")
    'and'
    >>> continued_by_list("В состав Совета входят представители школ и:") is None
    True
    >>> continued_by_list("Секции (далее – секции) входят в структуру Совета и:")
    'and'
    """
    m = _CONTINUED.search(text)
    if m is None:
        return None
    if m.group("rel"):
        return "relative"
    keys = set(lemmas(text))
    verbs = [t for t in tokens(text) if len(t.text) > 1
             and "VERB" in str(_morph().parse(t.text)[0].tag)]
    if verbs and keys & _STRUCTURE_WORDS and not set(lemmas(text[:verbs[0].start])) & \
            _STRUCTURE_WORDS and not re.match(r"\s*(?:В|Во)\s", text):
        return "and"  # "Секции Совета входят в структуру Совета и:": the subject, a part, does
    return "and" if verbs and not keys & _STRUCTURE_WORDS else None


def continued_list_owner(text: str, mentions: list[Mention]) -> str | None:
    """The body a list's head that ends «…, который:» is about: the one named right before
    the comma (its «(далее – …)» between them)."""
    if continued_by_list(text) != "relative":
        return None
    cut = text.rstrip().rstrip(":").rstrip()
    cut = cut[:cut.rfind(",")]
    named = [m for m in mentions if m.resolution.org_id and m.end <= len(cut)]
    return str(named[-1].resolution.org_id) if named else None


def closing_body(text: str, mentions: list[Mention]) -> Mention | None:
    """The body a list's head ends with after a comma, the owner of its items: "В отношении
    общеобразовательных организаций, показывающих низкие результаты, Центр:"."""
    named = [m for m in mentions if m.resolution.org_id]
    if not named:
        return None
    last = named[-1]
    written = normalize_quotes(text)
    before = _DALEE.sub(" ", written[:last.start]).rstrip()
    if not _LIST_COLON.fullmatch(written[last.end:]):
        return None  # ("… Центр дополнительно:", "… Центр также:": the doer still ends it)
    if before.endswith(",") or _CONNECTIVE_END.search(before):
        # (also after a sentence that gives the reason: «Школа включена в перечень школ с
        # низкими результатами, в связи с чем ШМО дополнительно:»)
        return last
    # "В рамках своей деятельности Клуб:", "По итогам года Центр:": a circumstance without a
    # verb or another body before the body in the nominative
    words = tokens(before)
    # (a body inside a quoted label, «По направлению «Поддержка ШНРО» Центр:», is part of the
    # label's name, not a subject)
    quoted = [(q.start(), q.end()) for q in re.finditer(r"«[^«»]*»", before)]
    # ("В отношении прикреплённых ОО РЦ:": a body in the circumstance, in an oblique case)
    if words and _opens_circumstance(words[0].text) and \
            not any(_may_be_nominative(m.surface) for m in named[:-1]
                    if not any(a < m.start < b for a, b in quoted)
                    and not _governed(written[:m.start])) and \
            not any(_is_verb_form(t.text) for t in words
                    if not any(m.start <= t.start < m.end for m in named)) and \
            _may_be_nominative(last.surface) and not _served(written[:last.start], named):
        return last
    return None


# Words that end a reason and hand over to the doer of a list: «…, в связи с чем ШМО:».
_CONNECTIVE_END = re.compile(r"(?:\bв\s+связи\s+с\s+чем|\bпоэтому|\bв\s+этих\s+целях|"
                             r"\bс\s+этой\s+целью|\bдля\s+этого)$", re.IGNORECASE)


def _opens_circumstance(word: str) -> bool:
    """Whether a list head's first word opens a circumstance: a preposition («В отношении»,
    «По отношению к») or an adverb used as one («Применительно к», «Согласно», «Совместно с
    отделом образования методический кабинет:»)."""
    return "PREP" in str(_morph().parse(word)[0].tag) or word.lower() in (
        "применительно", "согласно", "относительно", "соответственно", "совместно", "вместе")


def _served(before: str, named: list[Mention]) -> bool:
    """Whether a name right after these words is whom an action serves, not a subject: «В части
    поддержки ОО с НОР:» (a preposition, or an action noun in lower case that no other name holds).

    >>> _served("В части поддержки", []), _served("В отношении ШНОР", [])
    (True, False)
    """
    words = tokens(before)
    if not words or not re.fullmatch(r"\s*", before[words[-1].end:]) or any(
            m.start <= words[-1].start < m.end for m in named):
        return False
    word = words[-1].text
    if len(words) > 1 and words[-2].lemma in ("результат", "результативность"):
        return False  # "… школ с низкими результатами обучения РМО:": the results of
        # learning name the schools; the body after them does the items
    return "PREP" in str(_morph().parse(word)[0].tag) or (word.islower() and any(
        "NOUN" in str(p.tag) and p.normal_form.endswith(_ACTION_ENDINGS)
        for p in _morph().parse(word)[:2]))


# What may stand between a list head's doer and its colon: «Центр:», «Центр дополнительно:».
_LIST_COLON = re.compile(r"\s*(?:(?:дополнительно|также|тоже|кроме того|в частности),?\s*)?:\s*")


def _governed(before: str) -> bool:
    """Whether a name right after these words is governed by them, so it is no subject: «В
    отношении ОО с НРМ …», «включения Школы в перечень …» (a preposition or a noun before it).

    >>> _governed("В отношении"), _governed("В период включения"), _governed("Совет и")
    (True, True, False)
    """
    words = tokens(before)
    if not words or not re.fullmatch(r"\s*", before[words[-1].end:]):
        return False
    tag = str(_morph().parse(words[-1].text)[0].tag)
    # (or a participle's phrase that describes it: «закреплённых за ним ОО»)
    return "PREP" in tag or "NOUN" in tag or "NPRO" in tag or "PRTF" in tag


def _is_verb_form(word: str) -> bool:
    """A verb, an infinitive or a short participle; not a full participle, which describes a
    name («В отношении закреплённых за ним ОО Центр:»)."""
    tag = str(_morph().parse(word)[0].tag)
    return "VERB" in tag or "INFN" in tag or "PRTS" in tag


def _may_be_nominative(name: str) -> bool:
    """Whether a name's first word can be a subject: «Клуб», «ШМО»; not «Клуба»."""
    first = next(iter(tokens(name)), None)
    if first is None:
        return False
    if first.text.isupper():
        return True
    return any("nomn" in str(p.tag) for p in _morph().parse(first.text))


# An order's words that address what follows to the body named in the dative.
_ADDRESSING = frozenset({"рекомендовать", "поручить", "предложить", "предписать"})
# Verbs by which a sentence says who does a thing it names first ("Контроль … осуществляет
# департамент", "Мониторинг … осуществляется ХакИПК").
_DONE_BY = frozenset({"возлагаться", "возложить", "оказывать", "оказываться", "осуществлять",
                      "осуществляться", "обеспечивать", "обеспечиваться",
                      "проводить", "проводиться", "выполнять", "выполняться", "организовывать",
                      "организовать",
                      "организовываться", "вести", "вестись", "реализовывать",
                      "реализовываться", "согласовывать", "согласовываться", "утверждать",
                      "утверждаться", "разрабатывать", "разрабатываться", "готовить",
                      "готовиться",
                      # "Планы РМО согласует Совет", "Кандидатуры … выдвигают объединения"
                      "согласовать", "выдвигать", "формировать", "составлять"})
# Verbs by which a duty is laid on a body ("Контроль … возлагается на Комитет").
_LAID_ON = frozenset({"возлагаться", "возложить", "возлагать"})
# Verbs of such a sentence that state a relation as well as a duty ("Работу Актива координирует
# РИМЦ": structure.py reads the relation).
_GUIDING = frozenset({"координировать", "курировать"})
# What such a sentence names when it states a relation, not a duty (structure.py reads those).
_RELATION_NOUNS = frozenset({"руководство", "координация", "управление", "контроль-надзор",
                             "общий", "научный", "научно-методический"})


# Verbs by which bodies are grouped: «Секции формируются по направлениям: …» names them.
_GROUPING = frozenset({"формировать", "делить", "разделять", "подразделять", "организовывать"})
# Verbs by which a body comes to be: «Сеть создаётся Управлением» is a status, not a duty.
_FOUNDING = frozenset({"создавать", "создать", "учреждать", "учредить", "образовывать",
                       "образовать", "открывать", "открыть",
                       # and ending a body, as 104 of 109 truths count it: no duty
                       "прекращать", "прекратить", "ликвидировать", "реорганизовать",
                       "реорганизовывать"})


def _by_whom(surface: str) -> bool:
    """Whether a body's name is in the instrumental, the agent of a passive («Центром»,
    «Управлением образования»), or an acronym, which shows no case («ИМЦ»)."""
    first = surface.split()[0].strip("«»") if surface.split() else ""
    return is_acronym(first) or any("ablt" in str(p.tag) for p in _morph().parse(first))


def _doing_verb(toks: list[Token], doer: str | None = None, by_act: bool = False) -> bool:
    """Whether the words before a body end with a verb of doing whose object comes first:
    one of ``_DONE_BY`` / ``_GUIDING``, or any transitive verb in the third person when the
    words open with what can be its object, not with people doing it («Наставников подбирает
    ЦНППМ», «Деятельность Ассоциации поддерживает Министерство»; not «Руководители ОО
    информируют Управление»), or the passive of a transitive verb before its agent
    (``doer``, the body's name as written: «Решения доводятся Центром»), or named by the act it
    issues (``by_act``: «Составы групп утверждаются приказом Управления»).

    >>> _doing_verb(tokens("Наставников для них подбирает")), _doing_verb(tokens(
    ...     "Руководители школ информируют"))
    (True, False)
    >>> _doing_verb(tokens("Практики для включения в Реестр представляют"))
    True
    """
    if not toks:
        return False
    if toks[-1].lemma in _DONE_BY | _GUIDING:
        return True
    if len(toks) < 2:
        return False
    verb = str(_morph().parse(toks[-1].text)[0].tag)
    if any("VERB" in str(_morph().parse(t.text)[0].tag) for t in toks[:-1]):
        return False  # a sentence of its own before the doer
    if "VERB" in verb and "3per" in verb and toks[-1].text.endswith("тся") and \
            toks[-1].lemma.endswith("ся") and doer is not None and (_by_whom(doer) or by_act):
        # a passive of a verb of doing with its agent: «Решения … доводятся Центром до …»
        active = toks[-1].lemma[:-2]
        return not {toks[-1].lemma, active} & (_NOT_DUTY_VERBS | _FOUNDING) and \
            any("tran" in str(p.tag) for p in _morph().parse(active)[:2])  # («рассчитывать»:
        # its likeliest reading «to count on», the other «to calculate»)
    if not ("VERB" in verb and "tran" in verb and "3per" in verb) or \
            toks[-1].text.endswith(("ся", "сь")) or toks[-1].lemma in _NOT_DUTY_VERBS:
        return False
    # "Аналитические материалы … предоставляет": the object's noun after its adjectives
    lead = next((t for t in toks[:3] if not any(
        x in str(_morph().parse(t.text)[0].tag) for x in ("ADJF", "PRTF"))), toks[0])
    parses = [str(p.tag) for p in _morph().parse(lead.text)]
    if not any("accs" in p for p in parses) or not any("NOUN" in p for p in parses):
        return False
    number = "plur" if "plur" in verb else "sing"
    # people in the nominative agreeing with the verb are its subject, when people are what the
    # word likeliest means («Руководители», not «Практики», «практик» a rare reading)
    likeliest = _morph().parse(lead.text)[0].normal_form
    return not any("nomn" in str(p.tag) and "anim" in str(p.tag) and number in str(p.tag)
                   and p.normal_form == likeliest for p in _morph().parse(lead.text))


def _laid_on(toks: list[Token]) -> list[Token]:
    """"… возлагается на Комитет": the words before the doer without the «на» of a duty laid
    on it, so the verb is last as in "… осуществляется Комитетом"; "… утверждается приказом
    Комитета": without the act by which the body does it (see ``_by_act``)."""
    if len(toks) >= 2 and toks[-1].lemma == "на" and toks[-2].lemma in _LAID_ON:
        return toks[:-1]
    if _at_meeting(toks):
        return toks[:-2]
    if len(toks) >= 3 and toks[-1].lemma in _ACTS and \
            "ablt" in str(_morph().parse(toks[-1].text)[0].tag) and \
            "VERB" in str(_morph().parse(toks[-2].text)[0].tag) and \
            not toks[-2].text.endswith(("ся", "сь")):
        return toks[:-1]  # "Руководителей РМО утверждает приказом управление образования"
    verb = _act_verb(toks)
    if verb is not None:
        # (and without when or to what: «утверждается ежегодно приказом Комитета»,
        # «закрепляется за школами приказом Комитета»)
        return toks[:verb + 1]
    return toks


# The acts by which a body does what a passive names: «Состав Совета утверждается приказом
# Управления» is the Управление's duty (the corpus README); «приказом директора» is a person's.
_ACTS = frozenset({"приказ", "распоряжение", "постановление", "решение"})


# What a body does at its meeting: «Отчёт о работе ШМП рассматривается на заседании РМС» is the
# council's (deciding there, «решения принимаются на заседании», is how it works, no duty).
_AT_MEETING = frozenset({"рассматриваться", "заслушиваться", "обсуждаться"})


def _at_meeting(toks: list[Token]) -> bool:
    """Whether the words before a body end with a passive of reviewing and «на заседании».

    >>> _at_meeting(tokens("Отчёт о деятельности РЦ рассматривается на заседании"))
    True
    >>> _at_meeting(tokens("Решения принимаются на заседании"))
    False
    """
    return len(toks) >= 3 and [t.lemma for t in toks[-2:]] == ["на", "заседание"] and \
        toks[-3].lemma in _AT_MEETING


def _by_act(toks: list[Token]) -> bool:
    """Whether the words before a body end with a passive verb and the act the body issues
    (or the meeting where it reviews what the verb names, see ``_at_meeting``).

    >>> _by_act(tokens("Составы групп утверждаются ежегодно приказом")), _by_act(tokens(
    ...     "Составы групп утверждаются приказом директора"))
    (True, False)
    >>> _by_act(tokens("Школа-куратор закрепляется за одной или двумя школами приказом"))
    True
    >>> _by_act(tokens("Изменения в Положение вносятся по решению"))
    True
    """
    return _at_meeting(toks) or _act_verb(toks) is not None


def _act_verb(toks: list[Token]) -> int | None:
    """Where the passive verb is in words that end with the act its doer issues."""
    # («вносятся по решению Педагогического совета»: the decision it takes, after «по»)
    by_decision = len(toks) >= 3 and toks[-2].text.lower() == "по" and toks[-1].lemma == "решение"
    if len(toks) < 3 or toks[-1].lemma not in _ACTS or (
            "ablt" not in str(_morph().parse(toks[-1].text)[0].tag) and not by_decision):
        return None
    if by_decision:
        toks = toks[:-1]
    # "утверждается ежегодно приказом": when, between the verb and the act; "закрепляется за
    # одной или двумя курируемыми школами приказом": to what
    for k in range(len(toks) - 2, max(0, len(toks) - 10), -1):
        verb = toks[k]
        tag = str(_morph().parse(verb.text)[0].tag)
        if "VERB" in tag or "INFN" in tag:
            passive = "VERB" in tag and "3per" in tag and verb.text.endswith("тся") and \
                verb.lemma.endswith("ся")
            between = toks[k + 1:-1]
            # (not «вводятся в действие приказом», «вступает в силу»: how an act works)
            to_what = not between or between[0].lemma == "за" or (
                between[0].lemma in ("из", "в", "во", "на") and len(between) <= 5
                and not {t.lemma for t in between[1:2]} & {"действие", "сила"}) \
                or all("ADVB" in str(_morph().parse(t.text)[0].tag) for t in between)
            return k if passive and to_what else None
    return None


def _before_doer(text: str, start: int) -> str:
    """The words before a doer's name without what the doer is called before a dash: "…
    сопровождение осуществляет федеральный оператор – ФГАОУ ДПО «Академия …»".

    >>> _before_doer("Мониторинг осуществляет региональный оператор – ИРО.", 48)
    'Мониторинг осуществляет'
    """
    before = text[:start]
    dash = re.search(r"\s[–—]\s*$", before)
    if dash is None:
        return before
    words = tokens(before[:dash.start()])
    k = len(words)
    while k > 0 and len(words) - k < 3 and any(
            x in str(_morph().parse(words[k - 1].text)[0].tag) for x in ("NOUN", "ADJF")) and \
            "nomn" in str(_morph().parse(words[k - 1].text)[0].tag):
        k -= 1
    if k == len(words) or k == 0:
        return before
    return before[:words[k].start].rstrip()


_POSSESSIVES = frozenset({"его", "её", "ее", "их"})


# A person who heads a body, named first: «Руководитель Центра», «Директор ЦРО …».
_PERSON_OF_BODY = re.compile(r"\s*(?:руководитель|директор|заведующий|начальник|председатель|"
                             r"заместитель|секретарь|работники|сотрудники|специалисты|"
                             r"члены|методисты)\s+", re.IGNORECASE)


# An instrumental after a preposition is what is done to, never the doer: «закрепляются за
# (одной или двумя) курируемыми школами приказом Управления» (nor is a dative, to whom:
# «Поддержка оказывается школам …»).
_AFTER_PREPOSITION = re.compile(r"(?:^|\s)(?:за|над|перед|между)\s+((?:[а-яё-]+\s+){0,3})$",
                                re.IGNORECASE)


def _after_preposition(before: str) -> bool:
    """Whether a name follows a preposition and its words (no verb, no act among them)."""
    m = _AFTER_PREPOSITION.search(before)
    return m is not None and not any(
        t.lemma in _ACTS or any(x in str(_morph().parse(t.text)[0].tag) for x in ("VERB", "INFN"))
        for t in tokens(m.group(1)))


def object_first_duty(sentence: str, mentions: list[Mention]
                      ) -> tuple[list[str], str] | None:
    """A sentence that names the thing done first and the body that does it last: (the bodies,
    what they do), else ``None``.

    "Мониторинг дефицитов осуществляется ХакИПК." and "Контроль за деятельностью ЦНППМ
    осуществляет департамент." are duties; "Руководство ГМО осуществляет ЦРСО" is a relation.
    """
    named = [m for m in mentions if m.resolution.org_id]
    person = _PERSON_OF_BODY.match(sentence)
    if person is not None and named and named[0].start <= person.end() and not re.search(
            r"\b[а-яё]+(?:тся|н|на|ны)\b", sentence[:named[-1].start]):
        return None  # "Руководитель Центра несёт ответственность за задачи, возложенные на
        # Центр": what the body's head does, no body's duty
    # a passive with the act of its doer may open with a body: «Опорные школы определяются
    # приказом Отдела» (the schools are what is done, not who does it)
    acted = any(_by_act(tokens(normalize_quotes(sentence)[:m.start])) for m in named)
    if named and named[0].start <= 1 and not acted and not sentence.rstrip().endswith(":"):
        return _agent_first_passive(normalize_quotes(sentence), named) or \
            _body_passive_by_agent(normalize_quotes(sentence), named)
    if not named or sentence.rstrip().endswith(":"):
        return None
    reviewed = _REVIEWED_BY.match(normalize_quotes(sentence))
    doer = next((m for m in named if reviewed is not None and m.start == reviewed.end()), None)
    if reviewed is not None and doer is not None and not re.search(
            r"[а-яё](?:ется|ются|ится|ятся)\b", reviewed["what"]) and not re.search(
            r"\bи\s+[а-яё]+(?:ется|ются|ится|ятся)\b", normalize_quotes(sentence)[doer.end:]):
        # (not «Изменения … вносятся постановлением президиума … и согласуются с
        # Министерством»: a second verb, the first the sentence's; nor «План … согласовывается
        # с ИМЦ и утверждается приказом Комитета»: the act's issuer's, as the truths count it)
        # "План работы отдела согласуется с Управлением", "Итоги работы Пула рассматриваются
        # на совещании Управления образования": what is agreed or considered, by whom
        return [str(doer.resolution.org_id)], f"{reviewed['what']} {reviewed['verb']}"
    colon = re.search(r":\s+(?=[а-яё])", sentence)
    if colon is not None and colon.end() < named[-1].start:
        # "Молодые педагоги … сопровождаются в приоритетном порядке: наставников для них
        # подбирает ЦНППМ": what follows the colon is a sentence of its own
        after = [Mention(m.start - colon.end(), m.end - colon.end(), m.surface, m.resolution)
                 for m in mentions if m.start >= colon.end()]
        found = object_first_duty(sentence[colon.end():], after)
        if found is not None:
            return found
    text = normalize_quotes(sentence)
    for a, b in itertools.pairwise(named):
        to = re.search(r"\b(?:в|во|на)\s+(?:[а-яё]+\s+){0,2}$", text[:a.start])
        if to is not None and not text[a.end:b.start].strip() and (
                _instrumental(b.surface) or _nominative(b.surface)):
            # "Рекомендации направляются в муниципальные органы Министерством", "… на сайте
            # ИРО Министерством", "… представляет в Управление Центр": where to, then by
            # whom — read without where to
            text = text[:to.start()] + " " * (a.end - to.start()) + text[a.end:]
            named = [m for m in named if m is not a]
            break
    if named and named[-1].surface[:1].isupper() and not is_acronym(
            named[-1].surface.split()[0]) and _instrumental(named[-1].surface):
        text = _without_meeting(text, named[-1].start, named)
    if re.match(r"(?:[а-яё-]+\s+)?(?:структуру|состав|систему|основу)\s+[^.;]*?"
                r"\bсоставля(?:ет|ют)\b", text, re.IGNORECASE) or \
            re.search(r"\bобразу(?:ет|ют)\s*$", text[:named[0].start] if named else ""):
        return None  # "Структуру РУМО составляют президиум и секции": its parts (a relation);
        # (so are «Муниципальную систему наставничества составляют Комитет, ИМЦ …»)
        # "Региональный уровень модели образуют Министерство, Институт …": what makes it up
    # the doer right after the verb ("… проводится МС совместно с ШМО по итогам года")
    doer = next((m for m in named if _doing_verb(_laid_on(tokens(_before_doer(text, m.start))),
                                                 m.surface, _by_act(tokens(text[:m.start])))
                 and not text[:m.start].rstrip().endswith(",")
                 and not _after_preposition(text[:m.start])
                 and not (_only_dative(m.surface) and m is named[-1])), None)
    if doer is None or re.search(r",\s*(?:[а-яё-]+\s+){0,3}котор\w+\s", text[:doer.start]):
        return None  # (a doer inside «…, сопровождение которой обеспечивается …» is its own)
    later = next((m for m in named if m.start >= doer.end), None)
    if later is not None and _dative(doer.surface) and not text[doer.end:later.start].strip():
        # "Материалы предоставляет Центру ИРО": to whom, then the doer; read without the first
        text = text[:doer.start] + " " * (later.start - doer.start) + text[later.start:]
        named = [m for m in named if m is not doer]
        doer = later
    tail = [doer]
    for m in named:  # "… осуществляют ИРО и РЦОКО", "… МС совместно с ШМО"
        raw = _DALEE.sub(" ", text[tail[-1].end:m.start]).strip()
        gap = raw.strip(" ,")
        # (and «… обеспечивают Министерство, КРИППО, РЦОКО и МОУО»: names between commas, each
        # in the nominative; not «ЦНППМ ИРО», a unit and its owner, nor «ИМЦ Управлению», to
        # whom)
        listed = raw == "," and _first_word_is(m.surface, "nomn", acronym=True, top=2)
        if m.start >= tail[-1].end and (listed or gap in ("и", "совместно с", "совместно со",
                                                          "вместе с")):
            tail.append(m)
    toks = _laid_on(tokens(_before_doer(text, tail[0].start)))
    act = _by_act(tokens(text[:tail[0].start]))
    if len(toks) < 2 or not _doing_verb(toks, tail[0].surface, act) or (
            len(toks) == 2 and toks[0].lemma in _RELATION_NOUNS):
        return None  # "Закрепление осуществляется Управлением" is a duty, "Руководство
        # осуществляет ЦРСО" a relation
    second = next((k for k in range(len(toks) - 3, 0, -1) if toks[k].text.lower() in _POSSESSIVES
                   and text[:toks[k].start].rstrip().endswith(",")), None)
    if second is not None:
        # "Рабочая группа создаётся при Комитете, её состав утверждается приказом Комитета":
        # the second of two sentences joined by a comma is the one done by the act
        toks = toks[second:]
    opening = toks[0]
    if len(toks) > 2 and opening.text.lower() in _POSSESSIVES:
        # "…; его состав утверждается распоряжением Комитета", "их анализ проводит Институт":
        # whose it is, then what is done
        toks = toks[1:]
    first = toks[0]
    tag = str(_morph().parse(first.text)[0].tag)
    named_before = any(m.start < tail[0].start for m in named if m not in tail)
    # "Научно-методическое руководство …" states a relation, "Научно-методическое
    # сопровождение …" a duty: an adjective of guidance counts only before a noun of it
    relational = (first.lemma in _RELATION_NOUNS and "NOUN" in tag) or (
        first.lemma in _RELATION_NOUNS and toks[1].lemma in _RELATION_NOUNS) or (
        "NOUN" not in tag and toks[1].lemma in _RELATION_NOUNS)
    # "Научно-методическое руководство деятельностью ЦНППМ осуществляет учёный совет": a
    # duty of the council as well as a relation (structure.py)
    # (so is «Общее руководство работой ШМП осуществляет РМК»: the body above it in charge)
    scientific = first.lemma in ("научный", "научно-методический", "методический",
                                 "общий") and toks[1].lemma == "руководство"
    # "Координацию деятельности ММС осуществляет ЦНППМ": coordinating is a duty as well as
    # a relation (the corpus README), as «ЦНППМ координирует деятельность ММС» is
    scientific = scientific or ((first.lemma == "координация" or (
        first.lemma == "общий" and toks[1].lemma == "координация")) and toks[-1].lemma in (
        "осуществлять", "осуществляться"))  # (and «Общую координацию … осуществляет ИМЦ»)
    # "Руководство Клубом осуществляет Совет Клуба": guiding, said object-first with its doer
    # last, is the doer's duty too (seventeen held truths to one)
    scientific = scientific or (first.lemma == "руководство" and toks[-1].lemma == "осуществлять")
    founders = "учредитель" in {t.lemma for t in toks}  # "Функции и полномочия учредителя
    # осуществляет Управление": what the Управление does for the founder, a duty (the truths
    # count it so eight times to three)
    if not ("NOUN" in tag or "ADJF" in tag) or ({first.lemma, toks[1].lemma} & {
            "функция", "полномочие"} and not founders) or (
                relational and named_before and not scientific):
        return None  # "Руководство ГМО осуществляет ЦРСО": a relation (structure.py)
    if any(m.start < toks[-1].start for m in named if m not in tail and m.start <= 1) and \
            not act:
        return None
    # "Транспортное обеспечение выездов осуществляет Управление": what is done and its verb
    what = text[opening.start:toks[-1].start if toks[-1].lemma in ("возлагаться", "возложить")
                else toks[-1].end].strip(" ,")  # "… возлагается на Комитет": no verb to keep
    if len(toks) == 2 and toks[-1].lemma not in _GUIDING and not act and (
            toks[-1].lemma in _LIGHT_PASSIVES or not toks[-1].lemma.endswith(
                "ся") or not _instrumental(tail[0].surface)):
        # "закрепление осуществляется Управлением по представлению …": one noun with a light
        # verb says too little alone, so the whole sentence; else what is done up to its verb,
        # the doer left out ("Работу Актива координирует", the duty of РИМЦ)
        what = text[opening.start:].strip(" .;")
        relative = _RELATIVE.search(what)  # "…, который также ведёт …" is its own duties
        what = what[:relative.start()] if relative else what  # (described_duties)
    return list(dict.fromkeys(str(m.resolution.org_id) for m in tail)), what


# What is agreed with a body or considered at its meeting: «План работы ГМО согласуется с
# Методическим центром», «Отчёт … рассматривается на совещании Управления», «Итоги наставничества
# подводятся на заседании Совета наставников»; the body's name follows right after.
_REVIEWED_BY = re.compile(
    r"^(?P<what>[А-ЯЁ][^.;:()]{3,150}?)\s+(?P<verb>(?:согласу|согласовыва|рассматрива|обсужда|"
    r"заслушива|подвод|утвержда)(?:ется|ются|ится|ятся))\s+"
    r"(?:со?\s+|на\s+(?:[а-яё]+\s+)?(?:заседани|совещани|собрани)[а-яё]*\s+(?:при\s+)?)"
    r"(?=[А-ЯЁа-яё«])")
# Passives that say nothing without what follows them: «Закрепление осуществляется Управлением
# по представлению …» (but «Проект реализуется Управлением» says what is done).
_LIGHT_PASSIVES = frozenset({"осуществляться", "производиться", "выполняться", "вестись",
                             "обеспечиваться", "организовываться", "организоваться"})
# («Мониторинг проводится ИМЦ два раза в год» says what is done: «Мониторинг проводится»)


# Passive verbs whose agent is never a doer of a duty («ШМО подчиняется Совету», «Совет
# руководствуется …», «Центр является …»).
_NOT_DONE_TO = frozenset({"подчиняться", "руководствоваться", "являться", "находиться",
                          "располагаться", "именоваться", "называться", "считаться",
                          "подотчётный", "подотчетный", "возглавляться", "состоять",
                          "относиться", "создаваться", "создаться", "финансироваться",
                          "взаимодействовать"})


def _agent_first_passive(text: str, named: list[Mention], *, items: bool = False
                         ) -> tuple[list[str], str] | None:
    """A body in the instrumental first, then a passive verb and what is done («Центром
    обеспечивается ведение официального сайта»): ([the body], from the verb on), else ``None``.

    >>> from graph.loaders.regulations.bodies import Mention, Resolution
    >>> s = "Центром обеспечивается ведение сайта."
    >>> _agent_first_passive(s, [Mention(0, 7, "Центром", Resolution("", "c", ""))])
    (['c'], 'обеспечивается ведение сайта')

    ``items``: a list's head, what is done its items («Отделом обеспечивается:»).
    """
    first = named[0]
    after = tokens(text[first.end:])
    # (the agent's noun likeliest in the instrumental: not «Методический актив формируется»)
    noun = next((t for t in tokens(first.surface) if "NOUN" in str(_morph().parse(t.text)[0].tag)),
                None)
    if noun is None or "ablt" not in str(_morph().parse(noun.text)[0].tag) or \
            len(after) < (1 if items else 2):
        return None
    k = 0
    while k < len(after) - 1 and "ADVB" in str(_morph().parse(after[k].text)[0].tag):
        k += 1  # («Центром ежегодно проводится …»)
    verb = after[k]
    if not verb.text.lower().endswith(("ется", "ится", "ются", "ятся")) or \
            verb.lemma in _NOT_DONE_TO or "VERB" not in str(_morph().parse(verb.text)[0].tag) \
            or (k + 1 >= len(after)) != items:
        return None
    return [str(first.resolution.org_id)], \
        text[first.end + verb.start:].strip().rstrip(".;").strip()


def _body_passive_by_agent(text: str, named: list[Mention]) -> tuple[list[str], str] | None:
    """A body named first, a passive verb, then the body that does it in the instrumental
    («Методический актив формируется Институтом из числа педагогов», «Состав Совета
    утверждается Управлением»): ([the agent], the body and the verb), else ``None``.

    >>> from graph.loaders.regulations.bodies import Mention, Resolution
    >>> s = "Актив ежегодно формируется ИРО из числа педагогов."
    >>> _body_passive_by_agent(s, [Mention(0, 5, "Актив", Resolution("", "a", "")),
    ...                            Mention(27, 30, "ИРО", Resolution("", "iro", ""))])
    (['iro'], 'Актив ежегодно формируется')
    """
    first, later = named[0], [m for m in named[1:] if m.start >= named[0].end]
    if not later:
        return None
    agent = later[0]
    if re.match(r"\s*\(\s*далее", text[agent.end:]):
        return None  # «ММА формируется управлением … (далее – Управление)»: who they are
    between = tokens(text[first.end:agent.start])
    if not 1 <= len(between) <= 3 or any(not t.text[:1].isalpha() for t in between):
        return None
    verb = between[-1]
    if not verb.text.lower().endswith(("ется", "ится", "ются", "ятся", "ается", "яется")) or \
            verb.lemma in _NOT_DONE_TO or "VERB" not in str(_morph().parse(verb.text)[0].tag):
        return None
    if any("ADVB" not in str(_morph().parse(t.text)[0].tag) for t in between[:-1]):
        return None  # (only «ежегодно», «ежеквартально» between the body and its verb)
    if not _instrumental(agent.surface):
        return None  # «… передаётся Центру»: to whom, not by whom
    return [str(agent.resolution.org_id)], text[first.start:first.end + verb.end].strip()


# A coordinating verb opening a sentence, then whose work ("Курирует деятельность …"); (guiding,
# «Руководит деятельностью X Y», is a relation only, as «Руководство X осуществляет Y» is).
_VERB_FIRST = re.compile(r"\s*(?:также\s+)?(?:куриру|координиру)(?:ет|ют)\s+(?:деятельность|"
                         r"работу)\s+", re.IGNORECASE)


def verb_first_duty(sentence: str, mentions: list[Mention]) -> tuple[str, str] | None:
    """A sentence opening with a verb of coordination, whose work, then its doer
    ("Курирует деятельность ШМП Отдел образования"): (the doer, what it does), else ``None``
    (an item of a list, "Координирует деятельность РМО и ШМО", is its owner's).

    >>> from graph.loaders.regulations.bodies import Mention, Resolution
    >>> s = "Курирует деятельность ШМП Отдел образования."
    >>> verb_first_duty(s, [Mention(22, 25, "ШМП", Resolution("", "shmp", "")),
    ...                     Mention(26, 43, "Отдел образования", Resolution("", "oo", ""))])
    ('oo', 'Курирует деятельность ШМП')
    """
    opening = _VERB_FIRST.match(sentence)
    named = [m for m in mentions if m.resolution.org_id]
    if opening is None or len(named) < 2 or named[0].start != opening.end():
        return None
    whose, doer = named[0], named[1]
    if _DALEE.sub(" ", sentence[whose.end:doer.start]).strip() or \
            whose.resolution.org_id == doer.resolution.org_id:
        return None
    return str(doer.resolution.org_id), sentence[opening.start():whose.end].strip()


# A body ending its own work: «… прекращает (свою) деятельность …».
_CEASING = re.compile(r"^\s*(?:\([^()]*\)\s*)?прекраща(?:ет|ют)\s+(?:свою\s+)?(?:деятельность|"
                      r"работу|существование)\b", re.IGNORECASE)


# Where a passive's matter is considered, before its doer: «… рассматриваются на совещании
# руководителей ОО Управлением образования».
_MEETINGS = frozenset({"совещание", "заседание", "собрание", "конференция", "коллегия",
                       "семинар", "сайт", "форум", "педсовет"})


def _without_meeting(text: str, doer: int, named: list[Mention]) -> str:
    """``text`` with the place of meeting right before a passive's doer (at ``doer``) blanked:
    "Результаты рассматриваются на совещании руководителей ОО Управлением образования" — where,
    then by whom (not «… осуществляется во взаимодействии с Центром»: with whom).

    >>> _without_meeting("Итоги рассматриваются на заседании Советом", 35, []).split()
    ['Итоги', 'рассматриваются', 'Советом']
    """
    where = re.search(r"\s(?:на|в|во)\s+(?P<place>[а-яё]+)(?:\s+[а-яё]+){0,2}"
                      r"(?:\s+[А-ЯЁ]{2,6})?\s+$", text[:doer])
    if where is None or lemma(where["place"]) not in _MEETINGS or any(
            _is_verb_form(t.text) for t in tokens(text[where.start():doer])) or any(
            where.start() < m.start < doer for m in named):
        return text
    return text[:where.start()] + " " * (doer - where.start()) + text[doer:]


def after_label(sentence: str, mentions: list[Mention]) -> int | None:
    """Where the sentence after a label starts, when a body opens it: «этап разработки
    (апрель – май): ШНОР разрабатывают …» (a label has no verb), else ``None``."""
    first = next((m for m in mentions if m.resolution.org_id), None)
    label = re.match(r"[^:«»()]{3,120}?(?:\([^()]*\))?\s*:\s+", sentence)
    if first is None or label is None or first.start != label.end() or any(
            _is_verb_form(t.text) for t in tokens(sentence[:label.end()])):
        return None
    return label.end()


def sentence_duty(sentence: str, mentions: list[Mention]) -> tuple[str, str] | None:
    """A sentence "<body> <does something>" as (body id, what it does), else ``None``.

    Verbs that say what a body is or how it relates (является, взаимодействует, координирует),
    reflexive verbs (создаётся, руководствуется) and rights (имеет право) are not duties.
    """
    first = next((m for m in mentions if m.resolution.org_id), None)
    colon = re.search(r"\s(?:отдельно|особо)?:\s+(?=(?:по|для|в|во|с|со)\s)", sentence)
    if colon is not None and depth_at(sentence, colon.start()) == 0 and not re.search(
            r"\b(?:вправе|право|прав[аео]?)\b", sentence[:colon.start()]):
        # "…, рассматриваются отдельно: по ним УО организует перепроверку …": what follows the
        # colon is a sentence of its own, opening with a circumstance
        after = [Mention(m.start - colon.end(), m.end - colon.end(), m.surface, m.resolution)
                 for m in mentions if m.start >= colon.end()]
        found = _after_circumstance(sentence[colon.end():], after) if after else None
        if found is not None:
            return found
    label = after_label(sentence, mentions)
    if label is not None:
        # "диагностический этап (январь – март): ФИОКО проводит анкетирование …": a label,
        # then a sentence of its own whose body opens it
        return sentence_duty(sentence[label:], [
            Mention(m.start - label, m.end - label, m.surface, m.resolution)
            for m in mentions if m.start >= label])
    if first is not None and first.start > 1 and not sentence.rstrip().endswith(":"):
        return _after_circumstance(sentence, mentions) or _subject_last(sentence, mentions)
    if first is None or first.start > 1 or sentence.rstrip().endswith(":"):
        return None
    if _CEASING.search(sentence[first.end:first.end + 60]):
        return None  # "Клуб прекращает деятельность по решению Управления": how it ends, as
        # how it is founded, is no duty
    end = first.end
    for m in mentions:  # "Центр … ИРО (далее – ЦНППМ) обеспечивает": ИРО is in its name;
        # "Министерство, ИРО и РЦОКО формируют": each a subject (see document._subjects)
        if m.start >= end and _DALEE.sub("", sentence[end:m.start]).strip(" ,") in ("", "и"):
            end = m.end
        elif m.start >= end and m.resolution.org_id == first.resolution.org_id and \
                sentence[end:m.start].strip() in ("–", "—", "-"):
            end = m.end  # "МКУ «ХИМЦ» – муниципальное казённое учреждение «…» – является …"
    place = re.match(r"\s*(?:ЗАТО\s+)?(?:г\.|гор\.|с\.|пос\.|п\.|(?<=ЗАТО ))\s*"
                     r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]*)*"
                     r"(?=\s*\()", sentence[end:])
    end += place.end() if place else 0  # "… «Детский сад № 12» г. Сортавала (далее – ДОУ)"
    rest = _DALEE.sub(" ", sentence[end:])
    # "Учреждению «…» (МАУ «ИМЦ») обеспечить …": the short name in parentheses is no verb
    rest = re.sub(r"^\s*\([^()]{1,40}\)", lambda m: " " * len(m.group()), rest)
    # "Органы …, осуществляющие управление в сфере образования, согласуют …": the participle's
    # phrase belongs to the name
    phrase = re.match(r"\s*,\s*([а-яё]+)[^,.;:]*,", rest)
    # (and an adjective's: "ИМЦ, подведомственный Комитету, организует …")
    if phrase and {"PRTF", "ADJF"} & set(re.split(r"[ ,]", str(
            _morph().parse(phrase.group(1))[0].tag))):
        rest = " " * phrase.end() + rest[phrase.end():]
    # "Общеобразовательные организации с устойчиво высокими результатами (далее – …)
    # оказывают …": what sets a class of schools apart belongs to its name, not to the duty
    apart = re.match(r"\s*со?\s+(?:[а-яё]+\s+){0,3}(?:результат|показател)\w*(?=\s)", rest)
    if apart is not None and _verb_after(rest[apart.end():]) is not None:
        rest = " " * apart.end() + rest[apart.end():]
    # "Совет, председателем которого является председатель Комитета, рассматривает …": a
    # relative clause between commas says who the body is, the verb comes after it
    relative = re.match(r"\s*,\s*(?:[а-яё-]+\s+){0,3}котор\w+\s[^,.;:()]*,", rest)
    if relative is not None:
        rest = " " * relative.end() + rest[relative.end():]
    # "ЦНППМ – центр …, входящий в структуру Института, – разрабатывает …": what the body is,
    # between two dashes, belongs to its name; the verb comes after the second dash
    between = re.match(r"\s*[–—]\s[^–—.;:]*,\s*[–—]\s", rest)
    if between is not None:
        rest = " " * between.end() + rest[between.end():]
    # "ИМЦ – в срок до 1 декабря сформировать …": a decision's or an order's item addressed to
    # a body by a dash after its name
    addressed = re.match(r"\s*[–—]\s", rest) is not None
    start: int | None = None
    circumstance = 0  # words of "по запросу НМС" before the verb
    # (a body's name in the circumstance counts as one word: «во взаимодействии с центром
    # непрерывного повышения … работников КРИРО (далее – ЦНППМ) формирует …»)
    named = [(k, k + len(m.surface)) for m in mentions if m.start >= end and m.surface
             for k in [rest.find(m.surface)] if k >= 0]
    for t in tokens(rest):
        tag = str(_morph().parse(t.text)[0].tag)
        if 0 < circumstance < 10 and any(a < t.start < b for a, b in named):
            continue
        if "ADVB" in tag or t.text.lower() in ("также", "ежегодно"):
            start = t.start if start is None else start
            continue
        if t.text.lower() == "не" and start is None and lemmas(rest[t.end:])[:1] == (
                "являться",):
            continue  # "Офис не является юридическим лицом и работает …": what it is not,
            # then what it does
        # ("не реже одного раза в год", "не позднее 1 мая": a circumstance of time)
        if ("PREP" in tag and circumstance == 0) or (0 < circumstance < 10 and "VERB" not in tag
                                                     and "INFN" not in tag) or (
                circumstance == 0 and t.text.lower() == "не" and _NOT_LATER.match(rest[t.end:])):
            start = t.start if start is None else start
            circumstance += 1
            continue
        if t.lemma in ("обязанный", "должный") or t.text.lower().startswith(("обязан", "должен",
                                                                               "должн")):
            continue  # "Совет обязан рассматривать …": what it must do
        if "INFN" in tag and t.lemma in _ADDRESSING and start is None:
            continue  # "Службам рекомендовать провести …": what is recommended is the duty
        if "INFN" in tag and (start is not None or obliged(rest[:t.start]) or addressed
                              or _dative(first.surface) or _caseless(first.surface)):
            # "Отделу (далее – …) осуществлять мониторинг …": an order's addressee
            start = t.start if start is None else start
            return str(first.resolution.org_id), rest[start:].strip().rstrip(".;").strip()
        if ("ADJS" in tag or "PRTS" in tag) and start is None:
            # "Институт подведомственно Министерству и обеспечивает …": what it does after
            # what it is
            later = _later_predicate(rest, t.end)
            return (str(first.resolution.org_id), later) if later is not None else None
        if "VERB" not in tag or "3per" not in tag:
            return None
        if t.lemma == "включать" and re.search(r"\sв\s(?!себя)", rest[t.end:]):
            pass  # "ЦНППМ включает лучших участников в актив": a duty, not a structure
        elif t.lemma in _WORKING and _works_with(rest[t.end:]):
            pass  # "РМО работает в тесном взаимодействии с Отделом": a duty to work with it
        elif t.lemma in _NOT_DUTY_VERBS or t.text.endswith(("ся", "сь")) or (
                t.lemma == "представлять" and rest[t.end:].lstrip().lower().startswith("собой")):
            # "Служба представляет собой систему …": what it is
            # "Совет создаётся при Министерстве и координирует деятельность Службы": the
            # second verb says what it does
            later = _later_predicate(rest, t.end)
            if later is None:
                return None
            return str(first.resolution.org_id), later
        text = rest[t.start if start is None else start:].strip().rstrip(".;").strip()
        text = _RELATIVE.split(text)[0]  # "…, который …" says what another body does
        text = _other_subject(text)
        # "ведёт следующую документацию: положение; план работы; …": what it keeps is listed,
        # item by item (written with commas, the list is the duty's words: six truths to two)
        listed = re.match(r"^(\S+\s+(?:\S+\s+){0,2}следующ\w*\s+[^:;,]{1,60}?)\s*:\s(.*)$", text,
                          flags=re.DOTALL)
        if listed is not None and ";" in listed.group(2):
            text = listed.group(1)
        if lemmas(rest[t.start:])[1:3] in (("свой", "деятельность"), ("деятельность",)) and \
                not _INTERACTING.match(rest[t.end:]):
            return None
        return str(first.resolution.org_id), text
    return None


# "работает / осуществляет (свою) деятельность (в тесном) во взаимодействии с …" (after the
# verb): working with the bodies named is a duty, as «взаимодействует с …» is.
_INTERACTING = re.compile(r"\s*(?:свою\s+)?(?:деятельность\s+)?(?:в\s+(?:тесном|постоянном)\s+"
                          r"|во\s+|в\s+)(?:тесном\s+|постоянном\s+)?взаимодействии\s+со?\b",
                          re.IGNORECASE)
# "работает / действует во взаимодействии с …": the verbs of working with a body (a duty).
_WORKING = frozenset({"работать", "действовать"})
# "под руководством ИМЦ и …": who guides a body, said before whom it works with.
_GUIDED_AND = re.compile(r"\s*под\s+(?:общим\s+|научно-методическим\s+|методическим\s+)?"
                         r"руководством\s+[^,;:.]{1,160}?(?:\s+и)?(?=\s+(?:в|во)\s+(?:тесном\s+|"
                         r"постоянном\s+)?взаимодействии\s)")


def _works_with(after: str) -> bool:
    """Whether what follows «работает» says whom the body works with, perhaps after who guides
    it ("… работает под руководством ИМЦ и во взаимодействии с ЦНППМ").

    >>> _works_with(" под руководством ИМЦ и во взаимодействии с ЦНППМ"), _works_with(
    ...     " под руководством ИМЦ")
    (True, False)
    """
    guided = _GUIDED_AND.match(after)
    return _INTERACTING.match(after[guided.end() if guided else 0:]) is not None


# "не реже …", "не позднее …": how often or by when, before a verb.
_NOT_LATER = re.compile(r"\s*(?:реже|позднее|позже|чаще|ранее)\b")
# «…, который координирует …»: a relative clause about the body named right before its comma.
_RELATIVE = re.compile(r",\s*котор(?:ый|ая|ое|ые)\s+")


# A relative clause's status before what the body does: «… в состав службы не входит и …».
_STATUS_THEN = re.compile(r"\s*(?:в\s+(?:состав|структуру)\s+[^,;:()]{1,80}?\s+)?(?:не\s+)?"
                          r"(?:входит|подотч[её]тен|подчиняется)(?:\s+[^,;:()]{1,80}?)?\s+и\s+"
                          r"(?=[а-яё]+(?:ет|ит|ют|ят)\b)")


def described_duties(sentence: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    """Duties a sentence states of a body by a relative clause: "РМО работают под руководством
    Совета, который координирует их деятельность и утверждает их планы" (the Council's). (A
    participle describing a body, «… – орган, координирующий …», is not read as a duty: the
    texts' authors count it now as one, now not.)
    """
    text = normalize_quotes(sentence)
    named = [m for m in mentions if m.resolution.org_id]
    out: list[tuple[str, str]] = []
    for r in _RELATIVE.finditer(text):
        before = _DALEE.sub(" ", text[:r.start()]).rstrip()
        owner = next((m for m in reversed(named) if _DALEE.sub(" ", text[:m.end]).rstrip()
                      == before), None)
        after = text[r.end():]
        status = _STATUS_THEN.match(re.split(r"[;]|\.\s", after)[0])
        if status is not None:
            # "…, который в состав методической службы не входит и рассматривает программы её
            # развития": what it is first, then what it does
            after = after[status.end():]
        tag = _verb_after(after) or ""
        word = tokens(after)[0].text if tokens(after) else ""
        if owner is None or "VERB" not in tag or "3per" not in tag or word.endswith(
                ("ся", "сь")):
            continue
        clause = re.split(r"[;]|\.\s", after)[0].strip().rstrip(".;").strip()
        said = predicates(clause)
        if lemma(word) in _NOT_DUTY_VERBS:
            # "…, который действует в структуре института и рассматривает вопросы …": what
            # it is says no duty, what it does next does
            said = [one for one in said[1:] if tokens(one)
                    and lemma(tokens(one)[0].text) not in _NOT_DUTY_VERBS
                    and "VERB" in str(_morph().parse(tokens(one)[0].text)[0].tag)]
        out += [(str(owner.resolution.org_id), one) for one in said]
    out += [(org, what) for org, _, what in relative_object_duties(text, mentions)]
    out += [(body, what) for body, _, what in described_partners(text, mentions)]
    return out


def relative_object_duties(sentence: str, mentions: list[Mention]
                           ) -> list[tuple[str, str | None, str]]:
    """"… ГМО, деятельность которых координирует РМЦ": what is done comes first, its doer
    last, as in an object-first sentence ("…, сопровождение которой обеспечивается Институтом"):
    (the doer, the body named before the comma whose it is or ``None``, what is done)."""
    text = normalize_quotes(sentence)
    named = [m for m in mentions if m.resolution.org_id]
    out: list[tuple[str, str | None, str]] = []
    for r in _RELATIVE_OBJECT.finditer(text):
        part = re.split(r"[;]|\.\s", text[r.start(1):])[0].rstrip(" .")
        shifted = [Mention(m.start - r.start(1), m.end - r.start(1), m.surface, m.resolution)
                   for m in named if r.start(1) <= m.start < r.start(1) + len(part)]
        done = object_first_duty(part, shifted) if shifted else None
        if done is None:
            continue
        before = _DALEE.sub(" ", text[:r.start()]).rstrip()
        whose = next((m for m in reversed(named) if _DALEE.sub(" ", text[:m.end]).rstrip()
                      == before), None)
        out += [(org, str(whose.resolution.org_id) if whose else None, done[1])
                for org in done[0]]
    return out


# "…, деятельность которых координирует …", "…, сопровождение которой обеспечивается …".
_RELATIVE_OBJECT = re.compile(r",\s*((?:[а-яё-]+\s+){1,3}котор(?:ых|ого|ой|ом)\s+[а-яё]+)")
# "…, с которым МРЦ взаимодействует по вопросам …".
_RELATIVE_PARTNER = re.compile(r",\s*(?:с|со)\s+котор(?:ым|ой|ыми)\s+")


def described_partners(sentence: str, mentions: list[Mention]) -> list[tuple[str, str, str]]:
    """"…, с которым МРЦ взаимодействует по вопросам …": (the body that works with the one
    named before the comma, that one, what it does) — a duty and an INTERACTS_WITH."""
    text = normalize_quotes(sentence)
    named = [m for m in mentions if m.resolution.org_id]
    out: list[tuple[str, str, str]] = []
    for r in _RELATIVE_PARTNER.finditer(text):
        before = _DALEE.sub(" ", text[:r.start()]).rstrip()
        partner = next((m for m in reversed(named) if _DALEE.sub(" ", text[:m.end]).rstrip()
                        == before), None)
        body = next((m for m in named if m.start == r.end()), None)
        rest = re.split(r"[;]|\.\s", text[body.end:])[0].strip(" .") if body else ""
        words = tokens(rest)
        if partner is None or body is None or not words or words[0].lemma != "взаимодействовать":
            continue
        out.append((str(body.resolution.org_id), str(partner.resolution.org_id), rest))
    return out


def _after_circumstance(sentence: str, mentions: list[Mention]) -> tuple[str, str] | None:
    """"Для решения задач Центр проводит семинары", "В соответствии с планом Комитета Отдел
    готовит …": a sentence that opens with a circumstance (a preposition's phrase or an adverb,
    no verb) before its subject; the subject is the body right before the verb.

    The circumstance is not part of what is done: it says why or how, and stays in the clause.
    """
    toks = tokens(sentence)
    if not toks or not any(x in str(_morph().parse(toks[0].text)[0].tag)
                           for x in ("PREP", "ADVB")):
        return None
    for m in mentions:
        if not m.resolution.org_id:
            continue
        before = [str(_morph().parse(t.text)[0].tag) for t in toks if t.end <= m.start]
        if any("VERB" in t or "INFN" in t or "PRTS" in t for t in before) or (
                re.search(r"[,;:]\s*$", sentence[:m.start])
                and not _phrase_closed(sentence[:m.start])):
            return None  # a verb (or a clause's comma) before it: not a circumstance
        head = tokens(m.surface)
        # (a short name the text gave, as it gave it, names the subject whatever the
        # dictionary reads it as: «На региональном уровне Минобр определяет …»)
        given = m.resolution.rule == f"abbreviation «{m.surface}»"
        if not head or (not any("nomn" in str(p.tag) for p in _morph().parse(head[0].text)
                                if "NOUN" in str(p.tag) or "ADJF" in str(p.tag))
                        and not is_acronym(head[0].text) and not given):
            continue  # "… решением Комитета …": a body in the circumstance
        # (the subject may be a class with what sets it apart: «общеобразовательные
        # организации с устойчиво высокими результатами (далее – школы-наставники) оказывают …»)
        verb = _verb_after(_DALEE.sub(" ", sentence[m.end:]), limit=6)
        if verb is None or "VERB" not in verb or "3per" not in verb:
            continue
        shifted = [Mention(x.start - m.start, x.end - m.start, x.surface, x.resolution)
                   for x in mentions if x.start >= m.start]
        found = sentence_duty(sentence[m.start:], shifted)
        if found is not None and "следующий" in lemmas(found[1])[-2:]:
            return None  # "… МО осуществляет следующие / функции:" — a list's head cut short
        return found
    return None


# Words that open a sentence without being part of it: «Кроме того, …», «При этом …».
_INTRODUCTORY = re.compile(r"(?:кроме\s+того|помимо\s+(?:этого|того)|при\s+этом|вместе\s+с\s+тем"
                           r"|наряду\s+с\s+этим|в\s+том\s+числе|в\s+частности|также)",
                           re.IGNORECASE)


def _phrase_closed(before: str) -> bool:
    """Whether the text before a body ends with a participle's phrase between commas: «Для
    школ, демонстрирующих низкие результаты, Центр …»."""
    if _INTRODUCTORY.fullmatch(before.strip(" ,")):
        return True  # "Кроме того, ММС оказывают …"
    parts = before.rstrip().rstrip(",").split(",")
    words = tokens(parts[-1]) if len(parts) > 1 else []
    return bool(words) and ("PRTF" in str(_morph().parse(words[0].text)[0].tag)
                            or words[0].lemma == "который")


_DALEE_AT_END = re.compile(r"\s*\(\s*далее[^()]*\)\s*[.;]?\s*$")


_HELPED_BY_AT_END = re.compile(r"\s+(?:с\s+привлечением|при\s+участии|совместно\s+со?|во?\s+"
                               r"взаимодействии\s+со?)\s+[^,.;:]{2,200}[.;]?\s*$")


def _subject_last(sentence: str, mentions: list[Mention]) -> tuple[str, str] | None:
    """"Осуществляет мониторинг исполнения решений Совета Управление.": a sentence that opens
    with its verb and ends with its doer, a body's name in the nominative (a word, not an
    acronym, that cannot be read as a genitive: «… работу Клуба» is what the work is about),
    after the verb's object. (body id, what it does without the body), else ``None``."""
    toks = tokens(sentence)
    # "… управление образования администрации округа (далее – управление образования).": the
    # doer's short name in parentheses after it is still the sentence's end
    named_after = _DALEE_AT_END.search(sentence)
    cut = named_after.start() if named_after else len(sentence)
    # "… Министерство с привлечением Института.": who helps, after the doer
    helped = _HELPED_BY_AT_END.search(sentence[:cut])
    cut = helped.start() if helped else cut
    named = [m for m in mentions if m.resolution.org_id and m.end <= cut]
    if not toks or not named or re.search(r"\w", sentence[named[-1].end:cut]):
        return None
    verb = str(_morph().parse(toks[0].text)[0].tag)
    last = named[-1]
    if "VERB" not in verb or "3per" not in verb or not toks[0].text[:1].isupper():
        return None
    between = [t for t in toks[1:] if t.end <= last.start]
    head = tokens(last.surface)
    if not between or not head or is_acronym(head[0].text) or not (
            head[0].text[:1].isupper() or named_after is not None or (
                len(head) >= 2 and not sentence[:last.start].rstrip().endswith(","))):
        return None  # (in lower case a name of two words or more: «… РМК отдел образования»)
    forms = [p for p in _morph().parse(head[0].text) if "NOUN" in str(p.tag)]
    if not forms or not any("nomn" in str(p.tag) for p in forms) or any(
            "gent" in str(p.tag) for p in forms):
        return None
    tags = [str(_morph().parse(t.text)[0].tag) for t in between]
    # "Осуществляет контроль … и утверждает план … Комитет": a second predicate of the same
    # doer after «и» is not another clause's verb
    joined = {k for k, t in enumerate(between) if k and between[k - 1].text.lower() == "и"
              and "VERB" in tags[k] and "3per" in tags[k]}
    if "PREP" in tags[-1] or any(("VERB" in t or "INFN" in t) and k not in joined
                                 for k, t in enumerate(tags)) or \
            not any("NOUN" in t for t in tags) or (
                sentence[:last.start].rstrip().endswith(",")
                and not _phrase_closed(sentence[:last.start])):
        return None  # (a participle's phrase may end before it: «…школ, показывающих …, Кабинет»)
    return str(last.resolution.org_id), sentence[:last.start].strip(" ,")


def _other_subject(text: str) -> str:
    """A duty's text up to «, а <someone else> …»: "проводит неделю, а руководитель ШМО готовит
    отчёт" is the first part only (a body after «а» is read as a sentence of its own).

    >>> _other_subject("проводит неделю, а руководитель ШМО готовит отчёт")
    'проводит неделю'
    >>> _other_subject("проводит семинары, а также консультации")
    'проводит семинары, а также консультации'
    """
    for m in re.finditer(r",\s+а\s+([а-яё]+)", text):
        if any("NOUN" in str(p.tag) and "nomn" in str(p.tag)
               for p in _morph().parse(m.group(1))[:1]):
            return text[:m.start()]
    return text


def _caseless(name: str) -> bool:
    """A name whose case does not show, an acronym or a legal form's («МАУ «ИМЦ»», «ЦНППМ»): an
    order's addressee as much as a subject («МАУ «ИМЦ» подготовить отчёт»)."""
    words = tokens(name)
    return bool(words) and (is_acronym(words[0].text) or legal_form(words[0].text))


def _instrumental(name: str) -> bool:
    """Whether a name is written in the instrumental ("Министерством", "Управлением
    образования"), as a passive names its doer; an acronym tells no case.

    >>> [_instrumental(n) for n in ("Министерством образования", "Министерство", "ИРО")]
    [True, False, True]
    """
    return _first_word_is(name, "ablt", acronym=True)


def _first_word_is(name: str, case: str, *, acronym: bool, every: bool = False,
                   top: int = 3) -> bool:
    """Whether a name's first word is in ``case`` by one of its likeliest readings (by every
    reading with ``every``); an acronym tells no case, so it is ``acronym``."""
    toks = tokens(name)
    if not toks:
        return False
    if is_acronym(toks[0].text):
        return acronym
    tags = [str(p.tag) for p in _morph().parse(toks[0].text)]
    return all(case in t for t in tags) if every else any(case in t for t in tags[:top])


def _nominative(name: str) -> bool:
    """Whether a name's first word is in the nominative («Центр», «Управление образования»).

    >>> _nominative("Центр"), _nominative("Центром")
    (True, False)
    """
    return _first_word_is(name, "nomn", acronym=False, top=2)


def _only_dative(name: str) -> bool:
    """Whether a name's first word can only be a dative («школам», not «Администрации»).

    >>> _only_dative("школам района"), _only_dative("Администрации района")
    (True, False)
    """
    return _first_word_is(name, "datv", acronym=False, every=True)


def _dative(name: str) -> bool:
    """Whether a name is written in the dative ("Отделу образования", "Муниципальному
    учреждению «…»"), as an order addresses what it orders.

    >>> _dative("Отделу общего образования"), _dative("Отдел общего образования")
    (True, False)
    """
    toks = tokens(name)
    if not toks or is_acronym(toks[0].text):
        return False
    tags = [str(p.tag) for p in _morph().parse(toks[0].text)[:3]]
    return any("datv" in t for t in tags) and not any("nomn" in t for t in tags)


def obliged(text: str) -> bool:
    """Whether words say a body must do what follows ("обязан", "должен")."""
    return bool(re.search(r"\b(?:обязан|должен|должн)\w*", text, re.IGNORECASE))


def second_predicate(sentence: str, end: int) -> str | None:
    """What the doer named last in an object-first sentence does next, joined by «и»: "Отчёт
    готовит Институт и направляет его в Министерство" gives "направляет его в Министерство".

    >>> second_predicate("Отчёт готовит Институт и направляет его в Министерство.", 22)
    'направляет его в Министерство'
    """
    if not re.match(r"\s+и\s", sentence[end:]):
        return None
    return _later_predicate(sentence, end)


def _later_predicate(rest: str, after: int) -> str | None:
    """What a sentence's subject does after a first verb that is not a duty: from the first
    verb of a duty joined by «и» or a comma ("… и координирует деятельность Службы")."""
    rest = _RELATIVE.split(rest)[0]  # "…, который координирует …": another body's
    # (", и координирует …" after a participle's phrase between commas: the verb after «и»)
    for m in re.finditer(r"(?:,\s+и|,|\s+и)\s+([а-яё]+)", rest[after:]):
        # "… подотчётен Департаменту и ежегодно до 1 июня представляет …": adverbs and a
        # circumstance may come before the verb
        verb = next((t for t in tokens(rest[after + m.start(1):])[:8]
                     if "VERB" in str(_morph().parse(t.text)[0].tag)), None)
        tag = _verb_after(rest[after + m.start(1):]) or ""
        if verb is None or "VERB" not in tag:
            continue
        word = verb.text
        if lemmas(rest[after + m.start(1):])[1:3] in (("свой", "деятельность"),
                                                        ("деятельность", "в")) and \
                not _INTERACTING.match(rest[after + m.end(1):]):
            continue  # "… и осуществляет свою деятельность в Регионе": a status
        if lemma(word) in _WORKING and _works_with(rest[after + m.end(1):]):
            return rest[after + m.start(1):].strip().rstrip(".;").strip()
        if "3per" in tag and not word.endswith(("ся", "сь")) and \
                lemma(word) not in _NOT_DUTY_VERBS - {"координировать", "взаимодействовать"}:
            return rest[after + m.start(1):].strip().rstrip(".;").strip()
    return None


def predicates(text: str) -> list[str]:
    """A duty that says several things one body does, one each: "обобщает практики и
    представляет их на совещании" → two; only where each part opens with a verb, adverbs and a
    circumstance allowed before it ("… и ежегодно до 1 июня представляет …", "…, в том числе
    проводить …"), or, in an item of action nouns, with an action noun in the nominative
    ("организация работы ГМО и координация их деятельности").

    >>> predicates("проводят семинары и мастер-классы, организуют этапы олимпиад и обобщают опыт")
    ['проводят семинары и мастер-классы', 'организуют этапы олимпиад', 'обобщают опыт']
    >>> predicates("утверждает план и ежегодно до 1 мая заслушивает отчёт")
    ['утверждает план', 'ежегодно до 1 мая заслушивает отчёт']
    >>> predicates("организация и проведение конкурсов")
    ['организация и проведение конкурсов', 'проведение конкурсов']
    >>> predicates("выявление, обобщение и распространение опыта")[1:]
    ['обобщение и распространение опыта', 'распространение опыта']
    >>> predicates("подбор наставников и сопровождение их работы")
    ['подбор наставников', 'сопровождение их работы']
    >>> predicates("утверждает план и раз в квартал заслушивает отчёт")
    ['утверждает план', 'раз в квартал заслушивает отчёт']
    >>> predicates("утверждает перечень школ, в отношении которых реализуются меры поддержки")
    ['утверждает перечень школ, в отношении которых реализуются меры поддержки']
    >>> predicates("осуществляет сбор и анализ сведений о кадрах")
    ['осуществляет сбор и анализ сведений о кадрах', 'анализ сведений о кадрах']
    >>> predicates("методическая поддержка педагогов и развитие наставничества")
    ['методическая поддержка педагогов', 'развитие наставничества']
    >>> predicates("создание секций и методическое сопровождение их работы")
    ['создание секций', 'методическое сопровождение их работы']
    >>> predicates("по запросу школ, показывающих низкие результаты, проводит семинары и готовит "
    ...            "справки")
    ['по запросу школ, показывающих низкие результаты, проводит семинары', 'готовит справки']
    >>> predicates("совместно с ИМЦ разрабатывают и реализуют программы")
    ['совместно с ИМЦ разрабатывают и реализуют программы', 'реализуют программы']
    >>> predicates("сопровождение наставников, в том числе обучение наставников")
    ['сопровождение наставников, в том числе обучение наставников']
    """
    toks = tokens(text)
    if not toks:
        return [text]
    lead = next((t for t in toks if "ADVB" not in str(_morph().parse(t.text)[0].tag)
                 and t.text.lower() not in ("также", "тоже", "ещё")), toks[0])
    first = str(_morph().parse(lead.text)[0].tag)
    if "PREP" in first:  # "по запросу школ организует … и проводит …": the verb after it
        first = _verb_after(text, limit=10) or first
    finite = "VERB" in first and ("3per" in first or "indc" in first)
    infinitive = "INFN" in first
    action = lead is toks[0] and _action_noun(lead.text)
    if lead is toks[0] and not action:
        # "методическая поддержка молодых педагогов и развитие наставничества": adjectives
        # before the first action noun
        k = 0
        while k < min(len(toks) - 1, 3) and all(
                x in str(_morph().parse(toks[k].text)[0].tag) for x in ("ADJF", "nomn")):
            k += 1
        action = k > 0 and ":" not in text[:toks[k].start] and _action_noun(toks[k].text)
    if not (finite or infinitive or action):
        return [text]
    cuts = []
    # the first part runs to its own verb at least ("в отношении школ, находящихся в зоне
    # риска, разрабатывает …" is one part, its circumstance included)
    opening = 0 if action else next((t.start for t in toks if any(
        x in str(_morph().parse(t.text)[0].tag) for x in ("VERB", "INFN"))), 0)
    for m in re.finditer(r"(?:,?\s+(?:и|а\s+также)\s+|,\s+(?:в\s+том\s+числе\s+)?|;\s+)"
                         r"([а-яё]+)", text):
        if depth_at(text, m.start()) != 0 or m.start(1) <= opening:
            continue
        if action:
            if "том числе" in m.group():
                continue  # "методическое сопровождение наставников, в том числе обучение
                # наставников": what the action includes, one duty (as the truths count it)
            after = tokens(text[m.start(1):])[:2]
            if _action_noun(m.group(1)) or (  # "… и методическое сопровождение их работы"
                    len(after) == 2 and "ADJF" in str(_morph().parse(after[0].text)[0].tag)
                    and _action_noun(after[1].text)):
                cuts.append((m.start(), m.start(1)))
            continue
        if re.match(r"(?:[а-яё]+\s+){0,3}котор", text[m.start(1):]):
            continue  # "…, в отношении которых реализуются меры": what the object is
        verb = _verb_after(text[m.start(1):])
        if verb is not None and ((finite and "VERB" in verb and "3per" in verb)
                                 or (infinitive and "INFN" in verb)):
            cuts.append((m.start(), m.start(1)))
    if not cuts:
        second = _LIGHT_VERB_TWO_NOUNS.match(text)
        if finite and second and lemmas(second.group(1))[:1] and lemmas(second.group(1))[0] in \
                _LIGHT_VERBS and all(_action_noun_object(second.group(k)) for k in (2, 3)):
            # "осуществляет сбор и анализ информации": two actions on one object
            return [text, text[second.start(3):].strip(" ,;")]
        return [text]
    # One duty per action. An action with words of its own runs to the next one; a bare one
    # («рассматривает и одобряет программы», «выявление, обобщение и распространение опыта»)
    # shares the object of the next action that has one, so its text runs to that one's end.
    starts = [0, *(nxt for _, nxt in cuts)]
    ends = [end for end, _ in cuts] + [len(text)]

    def own_words(j: int) -> bool:
        """Whether an action has words of its own after its verb (a circumstance before it,
        «совместно с ИМЦ разрабатывают и реализуют программы», is not its object)."""
        part = tokens(text[starts[j]:ends[j]])
        at = 0 if action else next((i for i, t in enumerate(part) if any(
            x in str(_morph().parse(t.text)[0].tag) for x in ("VERB", "INFN"))), 0)
        return len(part) - at >= 2

    out = []
    for k, start in enumerate(starts):
        stop = next((ends[j] for j in range(k, len(starts)) if own_words(j)), len(text))
        out.append(text[start:stop].strip(" ,;"))
    return [o for o in out if o]


# Endings of nouns that name an action ("организация", "сопровождение", "подготовка").
_ACTION_ENDINGS = ("ние", "тие", "ция", "ка", "ство", "за", "лиз", "ринг", "бор")


# A verb that says only that something is done, then two action nouns sharing one object.
_LIGHT_VERB_TWO_NOUNS = re.compile(r"^([а-яё]+)\s+([а-яё]+)\s+и\s+([а-яё]+)\s+[а-яё«]")
_LIGHT_VERBS = frozenset({"осуществлять", "проводить", "вести", "выполнять"})


def _action_noun_object(word: str) -> bool:
    """Whether a word is an action noun as a verb's object ("сбор", "анализ", "экспертизу").

    >>> [_action_noun_object(w) for w in ("анализ", "экспертизу", "план")]
    [True, True, False]
    """
    return any("NOUN" in str(p.tag) and "inan" in str(p.tag) and "accs" in str(p.tag)
               and p.normal_form.endswith(_ACTION_ENDINGS) for p in _morph().parse(word)[:3])


def _action_noun(word: str) -> bool:
    """Whether a word is a noun in the nominative that names an action ("координация",
    "разработка", "подбор").

    >>> _action_noun("сопровождение"), _action_noun("сопровождения"), _action_noun("школа")
    (True, False, False)
    """
    low = word.lower()
    return low.endswith(_ACTION_ENDINGS) and any(
        "NOUN" in str(p.tag) and "inan" in str(p.tag) and "nomn" in str(p.tag)
        for p in _morph().parse(low)[:3])


def _verb_after(rest: str, limit: int = 4) -> str | None:
    """The tag of the verb that opens ``rest`` once adverbs and a short circumstance ("ежегодно
    до 1 июня", at most ``limit`` words) are passed, else ``None``."""
    circumstance = 0
    for t in tokens(rest)[:limit + 4]:
        tag = str(_morph().parse(t.text)[0].tag)
        if "VERB" in tag or "INFN" in tag:
            return tag
        if "PRCL" in tag and t.text.lower() not in ("не", "ни"):
            continue  # "…, который также ведёт …"
        if "ADVB" in tag and circumstance == 0:
            continue
        if circumstance == 0 and (t.lemma in ("раз", "один") or "NUMR" in tag):
            circumstance += 1  # "… и раз в полугодие подводит итоги", "два раза в год"
            continue
        if "PREP" in tag or (0 < circumstance < limit and ("NOUN" in tag or "NUMB" in tag
                                                       or t.text.isdigit() or "ADJF" in tag
                                                       or "PRTF" in tag or t.text.isupper()
                                                       or "ADJS" in tag)):
            # (an acronym too: "совместно с ИМЦ разрабатывают …"; an adverb read as a short
            # adjective: «с устойчиво высокими результатами»)
            circumstance += 1
            continue
        if "ADVB" in tag:
            continue
        return None
    return None


def depth_at(text: str, pos: int) -> int:
    """How many brackets or quotes are open at a position."""
    before = text[:pos]
    return before.count("(") - before.count(")") + before.count("«") - before.count("»")


def territory_nodes(territory_id: str, gazetteer: Gazetteer, name: str | None
                    ) -> list[Region | Municipality]:
    """Nodes for a territory the gazetteer does not know: ``RU-XXX`` is a region,
    ``RU-XXX-yyy`` a municipality of it (named by its id until the gazetteer names it).

    >>> [(n.label, n.id) for n in territory_nodes("RU-TVE-rzhev", Gazetteer([], [], []), None)]
    [('Region', 'RU-TVE'), ('Municipality', 'RU-TVE-rzhev')]
    """
    parts = territory_id.split("-")
    if len(parts) >= 3 and parts[0] == "RU":
        region = "-".join(parts[:2])
        out: list[Region | Municipality] = []
        if region not in gazetteer.territories:
            out.append(Region(id=region, name=region))
        out.append(Municipality(id=territory_id, name=name or territory_id, region_id=region))
        return out
    return [Region(id=territory_id, name=name or territory_id)]

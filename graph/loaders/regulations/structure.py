"""Relations between bodies stated in a text: PART_OF, ATTACHED_TO, COORDINATES, GUIDES, …"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.loaders.regulations.bodies import Mention

__all__ = ["PLAIN_RELATIONS", "RELATION_PATTERNS", "StatedRelation", "relations_in"]


@dataclass(frozen=True)
class StatedRelation:
    """A relation a paragraph states: type, source and target body ids, and the trigger."""

    type: str
    source: str
    target: str
    trigger: str


# (edge type, trigger regex, how to find the ends): "subject>after" means the source is the
# clause's subject (or the last body named before the trigger) and the target the first body
# after it; "after>before" the reverse; "between>after-verb" for "Координацию X осуществляет Y".
RELATION_PATTERNS: tuple[tuple[str, str, str], ...] = (
    ("PART_OF", r"(?:как|[-–—])\s+структурн\w*\s+подразделени\w*", "subject>after"),
    ("PART_OF", r"на\s+базе\s+котор\w+\s+создан\w*", "after>before"),
    ("PART_OF", r"в\s+структуру\b", "after-verb>between"),
    ("ATTACHED_TO", r"\bсоздан\w*\s+при\b", "subject>after"),
    # "… Совет при Министерстве" (a capital after «при», not "при участии ИРО")
    ("ATTACHED_TO", r"(?<=\S)\s+при\s+(?=(?-i:[А-ЯЁA-Z«]))", "before>after"),
    ("SUBORDINATE_TO", r"подведомственн\w*", "subject>after"),
    ("COORDINATES", r"\bкоординаци\w+\s+(?:деятельности\s+)?", "after-verb>between"),
    ("COORDINATES", r"\bкоординирует\b", "before>after"),
    ("COORDINATES", r"организатор\w*\s+и\s+координатор\w*", "after-verb>between"),
    ("GUIDES", r"научн\w*(?:-методическ\w*)?\s+руководств\w*", "after-verb>between"),
    ("CHAIRS", r"председател\w*", "after-verb>between"),
    ("INTERACTS_WITH", r"взаимодейств\w*\s+с(?:о)?\b", "subject>after"),
)
# «(далее – X)», «(в дальнейшем – X)», «(сокращённо – X)»: a name's abbreviation, not a word between
_SAID_FURTHER = re.compile(r"\(\s*(?:далее|в\s+дальнейшем|сокращ[её]нно)[^()]*\)")
_VERB = re.compile(r"\b(?:осуществля\w*|являет\w*|является|входит|входят)\b", re.IGNORECASE)
# A participle's or adjective's ending in an oblique case (it describes an object, not a subject).
_OBLIQUE = r"(?:ым|ому|ого|ой|ых|ыми|ем|его|ему|им|их|ими)"
# Relations said in plain words, read in documents whose bodies are found in the text
# (graph.loaders.regulations.discover). "after>subject": the source is named after the trigger
# and the target is the clause's subject; "subject>each-after": every body after the trigger.
PLAIN_RELATIONS: tuple[tuple[str, str, str], ...] = (
    # (also «является самостоятельным структурным подразделением Института»)
    ("PART_OF", r"являет\w*\s+(?:(?:самостоятельн|обособленн|отдельн)\w*\s+)?структурн\w*\s+"
     r"подразделени\w*", "subject>after"),
    ("PART_OF", r"\bявля(?:ется|ются)\s+подразделени\w*", "subject>after"),
    # "центр …, являющийся структурным подразделением ИРО": the participle after the name
    ("PART_OF", r"\bявляющ\w*\s+(?:структурн\w*\s+)?подразделени\w*", "before>after"),
    ("PART_OF", r"\bдеятельность\s+на\s+базе\b", "subject>after"),
    ("SUBORDINATE_TO", r"\bнаход\w+\s+в\s+ведении\b", "subject>after"),
    # "… РТЦ, созданным на базе Института": the participle after the name it describes
    # (a participle in an oblique case; «…, функционирующее на базе …» is the subject's)
    ("PART_OF", r",\s*(?:созданн|действующ|функционирующ|работающ|организованн)" + _OBLIQUE
     + r"\s+на\s+базе\b", "before>after"),
    ("PART_OF", r"\b(?:работа|действу|функционир|созда|организ|формиру)(?!\w*" + _OBLIQUE
     + r"\s)\w*\s+на\s+базе\b", "subject>after"),
    ("PART_OF", r"\bобъединя(?:ет|ют)\b", "each-after>subject"),
    ("PART_OF", r"\bвход(?:ит|ят)\s+в\s+(?:состав|структуру)\b|\bявля\w+\s+член\w*",
     "subject>after"),
    ("INTERACTS_WITH", r"\bсоглашени\w*\s+с(?:о)?\b", "subject>after"),
    ("ATTACHED_TO", r"\b(?:созда|действу|формиру|функционир|образу(?=ется|ются))\w*"
     r"(?:\s+[^.;,()]{0,60}?)?\s+при\b", "subject>after"),
    ("INTERACTS_WITH", r"\bв(?:о|\s+тесном)?\s+взаимодействии\s+с(?:о)?\b|"
     r"\bвзаимодейству\w*\s+с(?:о)?\b"
     r"|\bсотруднича\w*\s+с(?:о)?\b", "subject>each-after"),
    # (and «курирует», a coordinator's word: "Деятельность МИП курирует методический центр")
    ("COORDINATES", r"^(?:деятельность|работу)\s+(?=[^.;]*?\b(?:координиру|куриру))",
     "after-verb>between"),
    ("ATTACHED_TO", r"^при\s+", "after-verb>between"),
    # "В структуре Совета действует Президиум": a body inside another's structure is its part
    ("PART_OF", r"^в\s+структуре\s+(?=[^.;:]*?\b(?:действу|созда|формиру|функционир)\w*\b)",
     "after-verb>between"),
    # "Для подготовки … при Координационном совете формируется рабочая группа" (or «могут
    # создаваться временные творческие группы»)
    ("ATTACHED_TO", r"(?<=\s)при\s+(?=(?-i:[А-ЯЁ«])[^.;,:]*?\b(?:(?:формиру|созда)"
     r"(?:ется|ются|ётся)|(?:формирова|создава)ться)\b)", "after-verb>between"),
    ("ATTACHED_TO", r"\bорган\w*\s+при\b", "subject>after"),  # "является органом при …"
    # "… МБУ «РМЦ» (далее – РМЦ), подведомственное Управлению": the participle after the name
    ("SUBORDINATE_TO", r",\s*(?:подотч[её]тн|подчинённ|подчиненн|подведомственн)(?:ый|ое|ая|ые|ого"
     r"|ому|ой|ых|ым|ую|ом)\s+(?!(?:ему|ей|им)\b)", "before>after"),
    ("SUBORDINATE_TO", r"(?<!,\s)(?:\bподотч[её]тн?\w*|\bподчин[яе]\w*|\bподведомствен\w*)|"
     r"\bотчитыва\w*(?:\s+[^.;,()]{0,40}?)?\s+перед\b", "subject>after"),
    ("GUIDES", r"\bпод\s+(?:[\w-]+\s+){0,2}?руководством\b", "after>subject"),
    ("GUIDES", r"\bруководство\s+(?:деятельностью\s+)?", "after-verb>between"),
    ("GUIDES", r"\bосуществля\w*\s+(?:[\w-]+\s+)?руководство\b", "subject>after"),
    # "Управление осуществляет координацию деятельности Учреждения": the doer coordinates
    ("COORDINATES", r"\bосуществля\w*\s+координаци\w*\s+(?:деятельности|работы)\b",
     "subject>after"),
    ("COORDINATES", r"\bкоординирует\s+(?:деятельность|работу)\b", "before>after"),
    # (also one of a series of predicates: "ЦНППМ формирует …, координирует деятельность РУМО")
    ("COORDINATES", r"(?:\bи|,)\s+(?:координиру|куриру)\w*\s+(?:деятельность|работу)\b",
     "subject>after"),
    ("COORDINATES", r"\bкурирует\s+(?:деятельность|работу)\b", "before>after"),
    # "Управление образования курирует методическую службу": a body right after the verb
    ("COORDINATES", r"\bкурирует\s+(?=[а-яё]+\s+служб|[А-ЯЁ«])", "before>after"),
    ("COORDINATES", r"^координаци\w+\s+(?:деятельности|работы)\s+", "subject>after"),
    # "научно-методическое руководство деятельностью ЦНППМ" as an item of the owner's list
    ("GUIDES", r"^(?:научн\w*(?:-методическ\w*)?\s+)?руководство\s+(?:деятельностью|работой)\s+"
     r"(?![^.;]*\bосуществля)", "subject>after"),
    ("SUBORDINATE_TO", r"\b(?:подотч[её]тн?\w*|подчин[яе]\w*|подведомствен\w*)\s+(?:ему|ей)\b",
     "subject>before"),
    ("INTERACTS_WITH", r"\bвзаимодейству(?:ют)\b(?!\s+со?\b)", "between-before"),
    ("PART_OF", r"\b(?:включа(?:ет|ют))\s+(?=[^:]*$)", "each-after>subject"),
    ("PART_OF", r"^в\s+(?:состав|структуру)\s+(?=[^.;]*?\bвход)", "after-verb>between"),
    # "В ГМС входят ЦМС, Совет и ГМО": each body after the verb is part of the one before it
    ("PART_OF", r"^в\s+(?=[^.;]*?\bвход(?:ит|ят)[\s:])", "each-after-verb>between"),
    # "Структуру РУМО составляют президиум и секции": each body after the verb is its part
    ("PART_OF", r"^(?:структуру|состав)\s+(?=[^.;]*?\bсоставля(?:ет|ют)[\s:])",
     "each-after-verb>between"),
    # "Субъектами РСНМС являются Министерство, Институт и ЦНППМ": each is a part of it
    ("PART_OF", r"^(?:субъектами|участниками|элементами|компонентами)\s+"
     r"(?=[^.;]*?\bявля(?:ется|ются)[\s:])", "each-after-verb>between"),
    ("PART_OF", r"\b(?:действу|созда|работа|функционир)\w*\s+в\s+составе\b", "subject>after"),
    # "В составе Совета действуют предметные секции": each body after the verb is its part
    ("PART_OF", r"^в\s+составе\s+(?=[^.;]*?\b(?:действу|работа|функционир|созда)\w*)",
     "each-after-verb>between"),
    # "ОСОО, входящий в структуру Института, …": the participle after the name
    ("PART_OF", r"\bвходящ\w*\s+в\s+(?:состав|структуру)\b", "before>after"),
    # "Координирует деятельность РМО" (an item of its owner's list); verb first with the doer
    # after whose work ("Курирует деятельность ШМП Отдел образования"): the doer coordinates
    ("COORDINATES", r"^(?:координиру|куриру)\w*\s+(?:деятельность|работу)?", "verb-first"),
    ("GUIDES", r"^руковод(?:ит|ят)\s+(?:деятельностью|работой)?", "verb-first"),
    # "Деятельностью РМО руководит РМК": the doer after the verb guides the body before it
    ("GUIDES", r"^(?:деятельностью|работой)\s+(?=[^.;]*?\bруковод(?:ит|ят)\b)",
     "after-verb>between"),
    # "…ЦМС, которое также курирует работу ГМО": the body named before «который»
    ("COORDINATES", r"\bкотор\w+\s+(?:также\s+)?(?:координиру|куриру)\w*\s+"
     r"(?:деятельность|работу)\b", "before>after"),
    # "… ГМО и координация их деятельности" (the owner's item), "РМО работают под руководством
    # Совета, который координирует их деятельность": «их» is the body named before
    ("COORDINATES", r"\bкоординаци\w*\s+их\s+(?:деятельност|работ)",
     "subject>before"),
    # "Под руководством МС работают предметно-цикловые комиссии": the guide named first
    ("GUIDES", r"^под\s+(?:[\w-]+\s+){0,2}?руководством\s+(?=[^.;]*?\b(?:работа|действу|"
     r"функционир)\w*\s)", "between>after-verb"),
    # "Организует работу ГМО и координирует их деятельность": the same, said with a verb
    ("COORDINATES", r"\bи\s+(?:координиру|куриру)\w*\s+их\s+(?:деятельност|работ)",
     "subject>before"),
    ("COORDINATES", r"\bкотор\w+\s+координиру\w*\s+их\s+(?:деятельност|работ)",
     "before>subject"),
)
_ANY_VERB = re.compile(r"\b(?:осуществля\w*|являет\w*|является|входит|входят|действу\w*|"
                       r"работа\w*|созда\w*|формиру\w*|функционир\w*|координиру\w*|"
                       r"куриру\w*|руковод(?:ит|ят))\b",
                       re.IGNORECASE)


def relations_in(text: str, mentions: list[Mention], subject: str | None,
                 patterns: tuple[tuple[str, str, str], ...] = RELATION_PATTERNS
                 ) -> list[StatedRelation]:
    """The relations one paragraph states, between the bodies named in it.

    >>> from graph.loaders.regulations.bodies import Mention, Resolution
    >>> t = "Научное руководство ММС осуществляет ГАОУ ДПО «ЛОИРО»"
    >>> ms = [Mention(20, 23, "ММС", Resolution("ММС", "mms", "")),
    ...       Mention(37, 53, "ГАОУ ДПО «ЛОИРО»", Resolution("", "loiro", ""))]
    >>> relations_in(t, ms, None)
    [StatedRelation(type='GUIDES', source='loiro', target='mms', trigger='Научное руководство')]
    """
    found: list[StatedRelation] = []
    verb = _VERB if patterns is RELATION_PATTERNS else _ANY_VERB
    for type_, trigger, how in patterns:
        for m in re.finditer(trigger, text, re.IGNORECASE):
            if how in ("subject>each-after", "each-after>subject"):
                src = subject or _before(m, mentions)
                targets = [str(x.resolution.org_id) for x in mentions
                           if x.resolution.org_id and x.start >= m.end()]
                for t in targets:
                    if src is not None and t != src:
                        pair = (src, t) if how == "subject>each-after" else (t, src)
                        found.append(StatedRelation(type_, *pair, m.group().strip()))
                continue
            if how == "each-after-verb>between":
                found += _each_after_verb(text, m, mentions, type_)
                continue
            if how == "between-before" and patterns is not RELATION_PATTERNS:
                # "ЦМС и ИРО взаимодействуют": each with the other
                ends = _ends(text, m, mentions, subject, how, verb)
                if ends is not None:
                    found += [StatedRelation(type_, ends[0], ends[1], m.group().strip()),
                              StatedRelation(type_, ends[1], ends[0], m.group().strip())]
                continue
            ends = _ends(text, m, mentions, subject, how, verb)
            if ends is None:
                continue
            source, target = ends
            if source != target:
                found.append(StatedRelation(type_, source, target, m.group().strip()))
            if patterns is not RELATION_PATTERNS and how in ("subject>after", "before>after",
                                                             "verb-first"):
                # "координирует деятельность A и B" (in texts whose bodies are found in them)
                for more in _joined_after(text, mentions, target, m.end()):
                    if more != source:
                        found.append(StatedRelation(type_, source, more, m.group().strip()))
    # "Деятельность ГМО координирует Отдел": the object first, so the doer is after the verb,
    # never the body before it (which a bare «координирует» would read as the doer)
    object_first = {(r.type, r.source, r.target) for r in found
                    if r.trigger.lower().startswith(("деятельност", "работ"))}
    return [r for r in found if (r.type, r.target, r.source) not in object_first]


def _each_after_verb(text: str, m: re.Match[str], mentions: list[Mention], type_: str
                     ) -> list[StatedRelation]:
    """"В ГМС входят ЦМС, Совет и ГМО": the one body between the trigger and the verb is the
    target, each body after the verb a source."""
    verb = re.compile(r"\b(?:вход(?:ит|ят)|явля(?:ется|ются)|составля(?:ет|ют)|"
                      r"(?:действу|работа|функциониру)(?:ет|ют)|созда(?:ётся|ется|ются))\b"
                      ).search(text, m.end())
    if verb is None:
        return []
    ids = [x for x in mentions if x.resolution.org_id]
    between = [x for x in ids if x.start >= m.end() and x.end <= verb.start()]
    if len(between) != 1:
        return []
    target = str(between[0].resolution.org_id)
    # "… ресурсный центр на базе МБОУ «Гимназия № 2» …": the base is not a part; nor are the
    # bodies whose people are members («заместители руководителей общеобразовательных
    # организаций»)
    return [StatedRelation(type_, str(x.resolution.org_id), target, m.group().strip())
            for x in ids if x.start >= verb.end() and x.resolution.org_id != target
            and not re.search(r"\b(?:на\s+базе|при)\s*$", text[:x.start], re.IGNORECASE)
            and not _PEOPLE_OF.search(text[:x.start])]


# People of a body named after them: «руководители школ», «представители ИРО».
_PEOPLE_OF = re.compile(r"\b(?:руководител|заместител|представител|директор|специалист|"
                        r"педагог|работник|учител|сотрудник|член|методист)\w*\s+$",
                        re.IGNORECASE)


def _joined_after(text: str, mentions: list[Mention], target: str, after: int) -> list[str]:
    """The bodies named right after a relation's target, joined to it by «и» or a comma."""
    ids = [x for x in mentions if x.resolution.org_id and x.start >= after]
    first = next((k for k, x in enumerate(ids) if x.resolution.org_id == target), None)
    if first is None:
        return []
    out: list[str] = []
    for prev, x in zip(ids[first:], ids[first + 1:], strict=False):
        if text[prev.end:x.start].strip(" ,") not in ("", "и"):
            break
        out.append(str(x.resolution.org_id))
    return out


def _before(m: re.Match[str], mentions: list[Mention]) -> str | None:
    before = [x for x in mentions if x.resolution.org_id and x.end <= m.start()]
    return str(before[-1].resolution.org_id) if before else None


def _ends(text: str, m: re.Match[str], mentions: list[Mention], subject: str | None,
          how: str, verb_pattern: re.Pattern[str] = _VERB) -> tuple[str, str] | None:
    ids = [x for x in mentions if x.resolution.org_id]
    before = [x for x in ids if x.end <= m.start()]
    after = [x for x in ids if x.start >= m.end()]
    if how == "verb-first":  # "Курирует деятельность ШМП Отдел образования": the second body
        # right after the first (nothing but «(далее – …)» between) is the doer; else the subject
        if len(after) >= 2 and not _SAID_FURTHER.sub("", text[after[0].end:after[1].start]
                                                     ).strip():
            return str(after[1].resolution.org_id), str(after[0].resolution.org_id)
        how = "subject>after"
    if how == "subject>after":
        src = subject or (before[-1].resolution.org_id if before else None)
        if not after or src is None:
            return None
        return src, str(after[0].resolution.org_id)
    if how == "before>after":
        gap = _SAID_FURTHER.sub("", text[before[-1].end:m.start()]) if before else ""
        if not before or not after or gap.strip(" ,") not in ("", "также"):
            return None  # ("…, также входящим в структуру Института")
        k = len(before) - 1
        while k > 0 and not text[before[k - 1].end:before[k].start].strip():
            k -= 1  # "ЦНППМ ТОИПКРО (далее – ЦНППМ) курирует …": ТОИПКРО is in its name
        return str(before[k].resolution.org_id), str(after[0].resolution.org_id)
    if how == "subject>before":  # "Совет создаётся при Управлении и подотчётен ему"
        src = subject or (ids[0].resolution.org_id if ids else None)
        named = [x for x in before if x.resolution.org_id != src]
        if src is None or not named:
            return None
        return str(src), str(named[-1].resolution.org_id)
    if how == "between-before":  # "ЦНППМ и Центр взаимодействуют": the two named before
        pair = [x for x in before if x.start < m.start()]
        gap = _SAID_FURTHER.sub(" ", text[pair[-2].end:pair[-1].start]) if len(pair) >= 2 \
            else ""
        if len(pair) < 2 or gap.strip(" ,") != "и":
            return None
        return str(pair[-1].resolution.org_id), str(pair[-2].resolution.org_id)
    if how == "after>subject":
        src = subject or (before[-1].resolution.org_id if before else None)
        if not after or src is None:
            return None
        return str(after[0].resolution.org_id), src
    if how == "before>subject":  # "…, который координирует их …": the one before «который»
        tgt = subject or (ids[0].resolution.org_id if ids else None)
        if not before or tgt is None or before[-1].resolution.org_id == tgt:
            return None
        return str(before[-1].resolution.org_id), str(tgt)
    if how == "after>before":
        if not before or not after:
            return None
        return str(after[0].resolution.org_id), str(before[-1].resolution.org_id)
    verb = verb_pattern.search(text, m.end())
    if verb is None:
        return None
    between = [x for x in after if x.end <= verb.start()]
    # (not a body whose people are members: «В состав Совета входят руководители школ»; but
    # «Председателем ГМС является специалист отдела образования» names who chairs it)
    members = re.match(r"в\s+(?:состав|структуру)\b", m.group(), re.IGNORECASE) is not None
    after_verb = [x for x in after if x.start >= verb.end() and
                  not (members and _PEOPLE_OF.search(text[:x.start]))]
    if not between or not after_verb:
        return None
    if how == "between>after-verb":  # "Под руководством МС работают ПЦК": МС guides them
        return str(between[0].resolution.org_id), str(after_verb[0].resolution.org_id)
    return str(after_verb[0].resolution.org_id), str(between[0].resolution.org_id)

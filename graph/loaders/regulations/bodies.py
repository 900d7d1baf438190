"""Resolving the names of bodies a text uses to canonical ``Organization`` nodes, explainably."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.loaders.regulations.gazetteer import Gazetteer
from graph.loaders.regulations.morph import (
    adjective_is_plural,
    is_acronym,
    is_adjective,
    is_noun,
    is_verb,
    lemmas,
    normalize_quotes,
    tokens,
    word_is_plural,
)
from graph.model import Organization
from graph.model.enums import CommunityKind, Level, OrganizationKind, SchoolKind

__all__ = ["BodyResolver", "Mention", "Resolution", "infer_kind", "infer_level", "slug"]

_K = OrganizationKind
# (lemma sequence, kind, community or school kind): the first rule whose lemmas occur in a name
# in order and next to each other tells its kind. Order matters: specific before general.
KIND_RULES: tuple[tuple[tuple[str, ...], OrganizationKind, str | None], ...] = (
    # a trade union's organisation is a community of its members (ten truths of ten count it a
    # body, nine a community): «районная профсоюзная организация работников образования»,
    # «районная организация Профсоюза работников народного образования и науки РФ»
    (("профсоюзный", "организация"), _K.community, CommunityKind.professional_association.value),
    (("организация", "профсоюз"), _K.community, CommunityKind.professional_association.value),
    (("методический", "служба", "образовательный", "организация"),
     _K.school_methodological_service, None),
    (("методический", "служба", "учреждение"), _K.school_methodological_service, None),
    (("учебно-методический", "объединение"), _K.curriculum_association, None),
    (("умо",), _K.curriculum_association, None),
    (("федеральный", "оператор"), _K.federal_operator, None),
    (("школа", "молодой", "педагог"), _K.community, CommunityKind.young_teacher_school.value),
    (("методический", "объединение"), _K.community,
     CommunityKind.methodological_association.value),
    (("гмо",), _K.community, CommunityKind.methodological_association.value),
    (("шмо",), _K.community, CommunityKind.methodological_association.value),
    # an authority's working group for a programme (singular: «муниципальная рабочая группа по
    # сопровождению ШНОР») is a council, as most truths count it; teachers' «рабочие группы» are
    # groups of a community
    (("рабочий", "группа"), _K.council, None),
    (("координационный", "группа"), _K.council, None),  # (as two truths of two count it)
    (("группа",), _K.community, CommunityKind.creative_group.value),
    (("коллектив",), _K.community, CommunityKind.creative_group.value),
    (("предметный", "секция"), _K.curriculum_association, None),
    (("секция",), _K.community, CommunityKind.methodological_association.value),
    (("клуб",), _K.community, CommunityKind.club.value),
    (("кластер",), _K.community, None),
    (("консорциум",), _K.community, None),
    (("партнерство",), _K.community, None),
    (("площадка",), _K.methodological_center, None),
    (("сектор",), _K.methodological_center, None),
    (("ассоциация",), _K.community, CommunityKind.professional_association.value),
    (("сообщество",), _K.community, CommunityKind.professional_association.value),
    (("совет",), _K.council, None),
    (("президиум",), _K.council, None),
    (("коллегия",), _K.council, None),  # an authority's board
    (("правление",), _K.council, None),  # an association's board
    (("общий", "собрание"), _K.council, None),  # its general assembly (not a meeting)
    (("актив",), _K.methodist_pool, None),
    # a project's team (its office's people, not methodists) is a council, as the truths
    # that name one count it
    (("проектный", "команда"), _K.council, None),
    (("управленческий", "команда"), _K.council, None),
    (("команда",), _K.methodist_pool, None),
    (("пул",), _K.methodist_pool, None),
    (("комитет",), _K.education_authority, None),
    (("министерство",), _K.education_authority, None),
    (("управление", "образование"), _K.education_authority, None),
    (("управление", "система", "образование"), _K.education_authority, None),
    (("отдел", "образование"), _K.education_authority, None),
    (("орган", "управление"), _K.education_authority, None),
    (("орган", "местный", "самоуправление"), _K.education_authority, None),
    (("цнппм",), _K.pd_center, None),
    (("центр", "непрерывный", "повышение"), _K.pd_center, None),
    (("институт", "развитие", "образование"), _K.development_institute, None),
    (("организация", "дополнительный", "профессиональный", "образование"),
     _K.development_institute, None),
    (("методический", "служба"), _K.methodological_service, None),
    (("методический", "кабинет"), _K.methodological_service, None),
    (("служба",), _K.methodological_service, None),
    (("центр",), _K.methodological_center, None),
    (("профессиональный", "образовательный", "организация"), _K.school,
     SchoolKind.vocational.value),
    (("поо",), _K.school, SchoolKind.vocational.value),
    (("образовательный", "организация"), _K.school, SchoolKind.general.value),
    (("учреждение",), _K.school, SchoolKind.general.value),
    (("школа",), _K.school, SchoolKind.general.value),
)
_LEVEL_WORDS = (
    (("образовательный", "организация"), Level.institutional),
    (("учреждение",), Level.institutional),
    (("институциональный",), Level.institutional),
    (("школьный",), Level.institutional),
    (("федеральный",), Level.federal),
    (("региональный",), Level.regional),
    (("регионально-муниципальный",), Level.regional),
    (("областной",), Level.regional),
    (("муниципальный",), Level.municipal),
    (("районный",), Level.municipal),
    (("городской",), Level.municipal),
    (("местный",), Level.municipal),
)
_RANK = {Level.institutional: 0, Level.municipal: 1, Level.regional: 2, Level.federal: 3}
_GENERIC_NAMES = {
    _K.education_authority: "органы управления образованием",
    _K.development_institute: "организации дополнительного профессионального образования",
    _K.pd_center: "центры непрерывного повышения профессионального мастерства",
    _K.methodological_center: "методические центры",
    _K.methodological_service: "методические службы",
    _K.council: "методические советы",
    _K.methodist_pool: "методические активы",
    _K.curriculum_association: "учебно-методические объединения",
    _K.community: "профессиональные сообщества",
    _K.school_methodological_service: "методические службы образовательных организаций",
    _K.school: "образовательные организации",
    _K.federal_operator: "федеральные операторы",
}
_LEVEL_RU = {Level.federal: "федеральный уровень", Level.regional: "региональный уровень",
             Level.municipal: "муниципальный уровень", Level.institutional: "уровень организаций"}
# Where a subject's name ends and its description begins.
_NAME_END = re.compile(
    r"\s[-–—]\s|\(далее|,\s*(?:созданн|функционир|осуществля|представля|обеспечива|"
    r"являющ|котор|подведомств)|\s+при\s+|\s+с\s+функциями|\s+на\s+местах|\s+такие\s+как",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\([^()]*\)")


def _unparen(text: str) -> str:
    """The text without parentheses, nested ones included."""
    while True:
        out = _PARENS.sub(" ", text)
        if out == text:
            return out
        text = out
_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
     "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"],
    strict=True,
))


def slug(text: str, limit: int = 60) -> str:
    """A Latin, id-safe slug of a Russian text.

    >>> slug("Региональный центр цифровой трансформации")
    'regionalnyy-tsentr-tsifrovoy-transformatsii'
    >>> slug("№ 3273-р")
    '3273-r'
    """
    out = "".join(_TRANSLIT.get(c, c) for c in text.lower())
    out = re.sub(r"[^a-z0-9]+", "-", out).strip("-")
    return out[:limit].rstrip("-") or "x"


def _find(seq: tuple[str, ...], pattern: tuple[str, ...]) -> int:
    n = len(pattern)
    for i in range(len(seq) - n + 1):
        if seq[i:i + n] == pattern:
            return i
    return -1


def infer_kind(name: str) -> tuple[OrganizationKind, str | None] | None:
    """The kind of body a name denotes, by its lemmas (``None`` if it is not a body).

    >>> infer_kind("Муниципальные методические советы")
    (<OrganizationKind.council: 'council'>, None)
    >>> infer_kind("Методическая служба образовательной организации")[0].value
    'school_methodological_service'
    >>> infer_kind("творческие (проблемные, рабочие) группы")
    (<OrganizationKind.community: 'community'>, 'creative_group')
    >>> infer_kind("Рабочие группы")
    (<OrganizationKind.community: 'community'>, 'creative_group')
    >>> infer_kind("Муниципальная рабочая группа по сопровождению ШНОР")
    (<OrganizationKind.council: 'council'>, None)
    >>> infer_kind("Специалисты (тьюторы) муниципальных образований") is None
    True
    >>> infer_kind("городская профсоюзная организация работников образования")[0].value
    'community'
    """
    toks = tokens(_unparen(name))
    seq = tuple(t.lemma for t in toks)
    head = next((i for i, t in enumerate(toks) if is_acronym(t.text) or (
        is_noun(t.text) and t.lemma not in ("учёный", "ученый", "рабочий"))), 0)  # "учёный совет"
    for pattern, kind, sub in KIND_RULES:
        i = _find(seq, pattern)
        # The kind word must be the name's head ("Положение о ГМО" is a document, not a ГМО).
        while i >= 0:
            if i <= head < i + len(pattern) and not (
                    pattern == ("рабочий", "группа") and word_is_plural(toks[i + 1].text)):
                return kind, sub
            nxt = _find(seq[i + 1:], pattern)
            i = i + 1 + nxt if nxt >= 0 else -1
    return None


def infer_level(name: str) -> Level | None:
    """The level a name states (региональный, муниципальный, школьный …), if any.

    >>> infer_level("на уровне муниципальной образовательной организации")
    <Level.institutional: 'institutional'>
    >>> infer_level("Муниципальный методический актив")
    <Level.municipal: 'municipal'>
    """
    seq = lemmas(name)
    for pattern, level in _LEVEL_WORDS:
        if _find(seq, pattern) >= 0:
            return level
    return None


@dataclass(frozen=True)
class Resolution:
    """How a name was resolved: the body id (``None`` if not a body) and the rule that matched.

    ``created`` holds a node to add when the body is generic or new to the gazetteer.
    """

    name: str
    org_id: str | None
    rule: str
    created: Organization | None = None


@dataclass(frozen=True)
class Mention:
    """A body named inside running text: where, by what words, resolved how."""

    start: int
    end: int
    surface: str
    resolution: Resolution


@dataclass(frozen=True)
class _Surface:
    org_id: str
    text: str
    how: str  # "name", "short name", "alias"
    key: tuple[str, ...]


class BodyResolver:
    """Resolves names to bodies for one document: its territory and its own abbreviations.

    Rules, tried in order (the first that matches is recorded on the ``MENTIONS`` edge):
    document abbreviation → gazetteer name/short name/alias (by lemmas) → the proper name in
    quotes → a fuzzy acronym (one letter wrong or two swapped: ЦНПММ ≈ ЦНППМ) → a plural name
    is a generic subject → the name without its territory qualifier → the only body of that
    kind in the document's territory → a generic subject or a new body.
    """

    def __init__(self, gazetteer: Gazetteer, territory_id: str | None,
                 abbreviations: dict[str, str] | None = None) -> None:
        self.gazetteer = gazetteer
        self.territory_id = territory_id
        self.abbreviations = {normalize_quotes(k): v for k, v in (abbreviations or {}).items()}
        self.level = Level(gazetteer.level_of(territory_id) or "regional")
        tree = gazetteer.tree(territory_id)
        self._qualifiers = sorted(
            {lemmas(n) for n in gazetteer.territory_names(territory_id)} - {()},
            key=len, reverse=True,
        )
        self.surfaces: list[_Surface] = []
        for org in gazetteer.organizations.values():
            # Full names are unambiguous anywhere; short names and aliases only near home.
            near = org.territory_id is None or org.territory_id in tree
            named = [(org.name, "gazetteer name")]
            if near:
                named += [(org.short_name, "gazetteer short name")] if org.short_name else []
                named += [(a, "gazetteer alias") for a in org.aliases]
            for text, how in named:
                self.surfaces.append(_Surface(org.id, text, how, lemmas(text)))
        self._by_key: dict[tuple[str, ...], list[_Surface]] = {}
        self._by_stripped: dict[tuple[str, ...], list[_Surface]] = {}
        for s in self.surfaces:
            self._by_key.setdefault(s.key, []).append(s)
            self._by_stripped.setdefault(self._strip(s.key), []).append(s)
        self._cache: dict[tuple[str, Level | None, bool], Resolution] = {}

    # -- helpers -----------------------------------------------------------------------------
    def _strip(self, key: tuple[str, ...]) -> tuple[str, ...]:
        """The lemmas without the document territory's qualifiers (Ленинградской области)."""
        out = list(key)
        for q in self._qualifiers:
            i = _find(tuple(out), q)
            while i >= 0 and len(out) > len(q):
                del out[i:i + len(q)]
                i = _find(tuple(out), q)
        return tuple(out)

    def _unique(self, found: list[_Surface]) -> _Surface | None:
        ids = {s.org_id for s in found}
        return found[0] if len(ids) == 1 else None

    @staticmethod
    def clean(name: str) -> str:
        """The name part of a subject heading, without its description.

        >>> BodyResolver.clean("ЦНППМ, созданный и функционирующий как структурное подразделение")
        'ЦНППМ'
        >>> BodyResolver.clean("Координационный совет РМС при ГАОУ ДПО «ЛОИРО» с функциями …")
        'Координационный совет РМС'
        """
        name = normalize_quotes(name.strip())
        m = _NAME_END.search(name)
        if m and m.start() > 0:
            name = name[:m.start()]
        for t in tokens(name)[1:]:
            if is_verb(t.text):
                name = name[:t.start]
                break
        return name.strip(" .:;,-–—")

    # -- resolving ---------------------------------------------------------------------------
    def resolve(self, name: str, *, level_hint: Level | None = None,
                nominative: bool = True) -> Resolution:
        """Resolve a subject's name (a heading, a list item) to a body.

        ``nominative=False`` for a name taken from inside a sentence ("деятельности
        методической службы"), where a genitive singular must not read as a plural.
        """
        clean = self.clean(name)
        cache_key = (clean, level_hint, nominative)
        if cache_key not in self._cache:
            self._cache[cache_key] = self._resolve(clean, level_hint, nominative)
        return self._cache[cache_key]

    def _resolve(self, clean: str, level_hint: Level | None,
                 nominative: bool = True) -> Resolution:
        if not clean:
            return Resolution(clean, None, "empty name")
        abbr = self.abbreviations.get(clean)
        if abbr is not None and self.clean(abbr) != clean:
            inner = self._resolve(self.clean(abbr), level_hint, nominative=False)
            if inner.org_id is not None:
                return Resolution(clean, inner.org_id,
                                  f"abbreviation «{clean}» of this document = «{abbr}»; "
                                  f"{inner.rule}", inner.created)
        key = lemmas(_unparen(clean))
        found = self._unique(self._by_key.get(key, []))
        if found:
            return Resolution(clean, found.org_id, f"{found.how} «{found.text}»")
        quoted = re.findall(r"«([^«»]+)»", clean)
        first = tokens(clean)[:1]
        if quoted and (infer_kind(clean) is not None or (first and is_acronym(first[0].text))):
            qkey = lemmas(quoted[-1])
            hits = [s for s in self.surfaces if qkey and qkey == lemmas(
                (re.findall(r"«([^«»]+)»", normalize_quotes(s.text)) or [""])[-1])]
            found = self._unique(hits)
            if found:
                return Resolution(clean, found.org_id,
                                  f"proper name in quotes «{quoted[-1]}» = {found.how} "
                                  f"«{found.text}»")
        fuzzy = self._fuzzy(key)
        if fuzzy is not None:
            surface, wrong, right = fuzzy
            return Resolution(clean, surface.org_id,
                              f"fuzzy acronym: «{wrong}» read as «{right}» (one letter off or two "
                              f"swapped), then {surface.how} «{surface.text}»")
        plural = self._plural(clean, nominative)
        stripped = self._strip(key)
        if not plural:
            found = self._unique(self._by_stripped.get(stripped, []))
            if found:
                return Resolution(clean, found.org_id,
                                  f"{found.how} «{found.text}» without the territory qualifier")
        kind_sub = infer_kind(clean)
        if kind_sub is None:
            return Resolution(clean, None, "not a body: no gazetteer name and no kind word")
        kind, sub = kind_sub
        level = infer_level(_unparen(clean)) or level_hint or self._default_level(kind)
        if kind in (_K.school, _K.school_methodological_service) and (plural or not quoted):
            level = Level.institutional
        if not plural and level == self.level and level != Level.institutional:
            same = self._same_kind(kind, stripped)
            if same is not None:
                return Resolution(clean, same.id,
                                  f"the only {kind.value} of {self.territory_id} that the words "
                                  f"fit: «{same.name}»")
        concrete = (not plural and level != Level.institutional
                    and _RANK[level] >= _RANK[self.level])
        return self._create(clean, kind, sub, level, generic=not concrete)

    def _default_level(self, kind: OrganizationKind) -> Level:
        if kind in (_K.school, _K.school_methodological_service):
            return Level.institutional
        return self.level

    def _plural(self, clean: str, nominative: bool = True) -> bool:
        """Whether the head noun (the first noun) of a name is plural: a generic subject.

        An adjective before the head tells the number without doubt ("городские методические
        объединения"); a bare noun is read as nominative only in a heading.
        """
        toks = tokens(_unparen(clean))
        for i, t in enumerate(toks):
            if is_acronym(t.text):
                return False
            if is_noun(t.text):
                if i > 0 and is_adjective(toks[i - 1].text):
                    return adjective_is_plural(toks[i - 1].text)
                return word_is_plural(t.text) if nominative else False
        return False

    def _same_kind(self, kind: OrganizationKind, stripped: tuple[str, ...]) -> Organization | None:
        """The body of this kind in the document's own territory whose names hold every
        distinctive word of ``stripped`` (the only one, when the words say nothing more)."""
        kind_words = {w for pattern, k, _ in KIND_RULES if k == kind for w in pattern}
        level_words = {w for pattern, _ in _LEVEL_WORDS for w in pattern}
        distinctive = set(stripped) - kind_words - level_words - {"и", "по", "в", "о"}
        pool = [o for o in self.gazetteer.organizations.values()
                if o.kind == kind and o.territory_id == self.territory_id]
        fits = []
        for o in pool:
            words = {w for s in self.surfaces if s.org_id == o.id for w in s.key}
            if distinctive <= words:
                fits.append(o)
        return fits[0] if len(fits) == 1 and (distinctive or len(pool) == 1) else None

    def _fuzzy(self, key: tuple[str, ...]) -> tuple[_Surface, str, str] | None:
        for i, word in enumerate(key):
            if len(word) < 4 or not word.isalpha():
                continue
            for s in self.surfaces:
                for j, other in enumerate(s.key):
                    if (len(other) == len(word) and other != word and _one_off(word, other)
                            and is_acronym(other.upper())):
                        fixed = (*key[:i], other, *key[i + 1:])
                        if fixed == s.key or self._strip(fixed) == self._strip(s.key):
                            _ = j
                            return s, word.upper(), other.upper()
        return None

    def _create(self, clean: str, kind: OrganizationKind, sub: str | None, level: Level, *,
                generic: bool) -> Resolution:
        prefix = (self.territory_id or "RU").removeprefix("RU-")
        if kind is _K.methodological_center and level is not Level.regional:
            kind = _K.methodological_service  # a municipal "центр" is the municipal service
        extra: dict[str, object] = {}
        if kind is _K.community and sub:
            extra["community_kind"] = sub
        if kind is _K.school and sub:
            extra["school_kind"] = sub
        if generic:
            suffix = f"-{sub}" if sub and sub != SchoolKind.general.value else ""
            org_id = f"{prefix}-generic-{level.value}-{kind.value}{suffix}"
            territory = self.gazetteer.territories.get(self.territory_id or "")
            where = f" ({territory.name})" if territory else ""
            name = f"{_GENERIC_NAMES[kind].capitalize()}, {_LEVEL_RU[level]}{where}"
            org = Organization(id=org_id, name=name, kind=kind, level=level,
                               territory_id=self.territory_id, generic_name=True, **extra)
            return Resolution(clean, org_id, f"generic subject: {kind.value} at the {level.value} "
                                             f"level of {self.territory_id}", org)
        territory_id = self.territory_id
        if _RANK[level] > _RANK[self.level]:
            territory_id = self.gazetteer.region_of(self.territory_id)
        # The territory qualifier is left out of the id: the prefix already says where.
        org_id = f"{prefix}-body-{slug(' '.join(self._strip(lemmas(_unparen(clean)))))}"
        org = Organization(id=org_id, name=clean, kind=kind, level=level,
                           territory_id=territory_id, **extra)
        return Resolution(clean, org_id, f"new body, not in the gazetteer: {kind.value}, "
                                         f"{level.value}", org)

    # -- running text ------------------------------------------------------------------------
    def mentions(self, text: str) -> list[Mention]:
        """Every body named in running text by a gazetteer name or a document abbreviation.

        The longest name wins where names overlap; a one-word abbreviation ("Комитет") counts
        only when written with its capital, so "комитеты" in general is not the Committee.
        """
        toks = tokens(normalize_quotes(text))
        keys = [t.lemma for t in toks]
        patterns: list[tuple[tuple[str, ...], str, Resolution | None, _Surface | None]] = []
        for abbr in self.abbreviations:
            patterns.append((lemmas(abbr), abbr, None, None))
        for surf in self.surfaces:
            patterns.append((surf.key, surf.text, None, surf))
        found: list[Mention] = []
        taken: set[int] = set()
        candidates = []
        for key, surface, _res, s in patterns:
            if not key:
                continue
            n = len(key)
            for i in range(len(keys) - n + 1):
                if keys[i] != key[0] and not (n == 1 and len(key[0]) >= 4 and is_acronym(
                        toks[i].text) and _one_off(keys[i], key[0])):
                    continue
                if tuple(keys[i:i + n]) != key and n > 1:
                    continue
                if n == 1 and not is_acronym(surface) and not toks[i].text[0].isupper():
                    continue
                candidates.append((i, n, surface, s))
        candidates.sort(key=lambda c: (-c[1], c[0]))
        for i, n, surface, s in candidates:
            span = set(range(i, i + n))
            if span & taken:
                continue
            written = text_span(text, toks[i].start, toks[i + n - 1].end)
            if s is not None and keys[i:i + n] != list(s.key):
                res = self.resolve(written)
            elif s is not None:
                res = Resolution(written, s.org_id, f"{s.how} «{s.text}»")
            else:
                res = self.resolve(surface)
            if res.org_id is None:
                continue
            taken |= span
            found.append(Mention(toks[i].start, toks[i + n - 1].end, written, res))
        return sorted(found, key=lambda m: m.start)


def text_span(text: str, start: int, end: int) -> str:
    """The words of ``text`` between two offsets, closing a quote the span opened."""
    part = normalize_quotes(text)[start:end]
    if part.count("«") > part.count("»"):
        part += "»"
    return part


def _one_off(a: str, b: str) -> bool:
    """One letter different, or two neighbours swapped (a Damerau distance of one)."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and \
        a[diff[1]] == b[diff[0]]

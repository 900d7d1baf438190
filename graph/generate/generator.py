"""The scale generator: a synthetic dataset folder written row by row, one district at a time."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from graph.errors import MethodnetError
from graph.generate import names
from graph.generate.profiles import DistrictSpec, Profile, RegionSpec, profile, synthetic
from graph.generate.sheets import SheetWriter, write_dataset_json
from graph.generate.vocabulary import (
    ADDITIONAL_SUBJECTS,
    COMPETENCIES,
    GENERAL_COMPETENCIES,
    LOW_RESULT_SUBJECTS,
    PRESCHOOL_SUBJECT,
    SCHOOL_SUBJECTS,
    SUBJECT_PAIRS,
    SUBJECT_SLUGS,
    SUBJECT_WEIGHTS,
    VOCATIONAL_SUBJECT,
    programmes_for,
    subject_competency,
)
from graph.rules import DEFAULT_LOAD_NORM, young_specialist

__all__ = [
    "GAP_KEYS",
    "LOAD_NORM",
    "PERIODS",
    "GenerateError",
    "GenerateReport",
    "Progress",
    "generate",
]

Scale = Literal["district", "region", "nation"]
Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: called after each district (stage ``"districts"``)."""

PERIODS = ("2025-H1", "2025-H2")
LOAD_NORM = DEFAULT_LOAD_NORM  # teachers per methodist (the coverage questions' norm)
_YEAR = 2025  # the data describe the school year 2024/25 and the autumn of 2025
_YOUNG_ON = dt.date(_YEAR, 9, 1)  # the day the young specialists are counted on
_PERIOD_DATES = {"2025-H1": "2025-05-31", "2025-H2": "2025-12-20"}

GAP_KEYS = (
    "low_results_unsupported",
    "low_results_wrong_subject",
    "deficits_no_route",
    "deficits_no_methodist",
    "young_no_mentor",
    "pools_without_members",
    "district_subjects_without_methodist",
    "methodists_over_norm",
    "isolated_schools",
)
"""The deliberate gaps, in the order ``data/samples/README.md`` lists them."""

_TOTAL_KEYS = (
    "regions", "districts", "schools", "teachers", "managers", "methodists", "young_specialists",
    "teachers_with_deficits", "low_results_schools",
)


class GenerateError(MethodnetError):
    """The generator was asked for something it cannot make (unknown scale or profile)."""


@dataclass
class GenerateReport:
    """What a run wrote: rows per sheet, totals, and the deliberate gaps it planted."""

    out: Path
    scale: str
    seed: int
    profile: str | None
    rows: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    gaps: dict[str, int] = field(default_factory=dict)


def generate(
    scale: Scale,
    seed: int,
    out: Path,
    *,
    profile: str | None = None,
    progress: Progress | None = None,
) -> GenerateReport:
    """Write a synthetic dataset folder (every sheet plus ``dataset.json``) for a seed.

    The same seed gives byte-identical files. Rows are written as they are made, one district
    at a time, so memory stays bounded whatever the scale. ``profile`` picks a sample region
    (``leningrad`` at scale ``region``, ``zeya`` at scale ``district``); without it the regions
    and districts are synthetic codes (``R01``, ``R01-D003``).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     report = generate("district", 7, Path(d), profile="zeya")
    ...     (Path(d) / "people.csv").read_text(encoding="utf-8").splitlines()[0]
    'id,full_name,birth_year,career_start_year,subjects,synthetic'
    >>> 300 <= report.totals["teachers"] <= 420, report.gaps["isolated_schools"]
    (True, 1)
    """
    shape = _shape(scale, seed, profile)
    out = Path(out)
    with SheetWriter(out) as writer:
        gen = _Generator(writer, seed)
        gen.run(shape, progress)
    command = f"methodnet generate --scale {scale} --seed {seed}"
    if profile:
        command += f" --profile {profile}"
    write_dataset_json(out, {
        "name": shape.name,
        "synthetic": True,
        "description": (
            f"{shape.title}. SYNTHETIC: the people, schools and their figures are made up by "
            "the Methodnet generator; only the structure of regional bodies follows the "
            "regulations. Any resemblance of a name to a real person is chance."
        ),
        "source": command,
        "seed": seed,
    })
    return GenerateReport(out, scale, seed, profile, dict(writer.rows),
                          dict(gen.totals), dict(gen.gaps))


def _shape(scale: str, seed: int, name: str | None) -> Profile:
    if scale not in ("district", "region", "nation"):
        raise GenerateError(f"unknown scale {scale!r}; use district, region or nation")
    if name is None:
        return synthetic(scale, seed)
    try:
        shape = profile(name)
    except KeyError as e:
        raise GenerateError(str(e.args[0])) from None
    if shape.scale != scale:
        raise GenerateError(f"profile {name!r} is a {shape.scale}, not a {scale}; "
                            f"use --scale {shape.scale}")
    return shape


# --- people --------------------------------------------------------------------------------

_AGE_BANDS = ((24, 29, 0.08), (30, 39, 0.21), (40, 49, 0.27), (50, 59, 0.27), (60, 70, 0.17))
_FEMALE_SHARE = {"general": 0.84, "preschool": 0.98, "vocational": 0.7, "additional": 0.7}
_POSITION = {"general": "учитель", "preschool": "воспитатель", "vocational": "преподаватель",
             "additional": "педагог дополнительного образования"}
_INSTRUMENTS = (
    "ЕФС: диагностика профессиональных компетенций",
    "Региональная диагностика предметных компетенций",
    "Самодиагностика профессиональных дефицитов",
)
_TOPICS = (
    "Функциональная грамотность", "Формирующее оценивание", "Наставничество",
    "Цифровая образовательная среда", "Инклюзивное образование", "Проектная деятельность",
)


@dataclass(slots=True)
class _Teacher:
    id: str
    school: str
    subjects: list[str]
    young: bool
    experience: int
    start: str
    deficits: list[str] = field(default_factory=list)  # competency ids
    deficit_subjects: list[str] = field(default_factory=list)
    diag_date: dt.date | None = None
    route: bool = False
    route_active: bool = False
    # (programme, start) of completions written: the pair is a completion's identity, so a
    # second completion of the same programme on the same day would be a conflicting row.
    completed: set[tuple[str, str]] = field(default_factory=set)


@dataclass(slots=True)
class _Methodist:
    id: str
    subjects: list[str]
    cap: int = LOAD_NORM
    load: int = 0


@dataclass(slots=True)
class _School:
    id: str
    kind: str
    short: str
    isolated: bool = False
    director: str = ""
    deputies: list[str] = field(default_factory=list)
    teachers: list[_Teacher] = field(default_factory=list)
    low_subjects: list[str] = field(default_factory=list)  # over both periods
    forced_low: bool = False


@dataclass
class _RegionState:
    spec: RegionSpec
    methodists: list[_Methodist]
    tutors: list[_Methodist]  # a tutor's load is the number of teachers tutored
    programmes: dict[str, str]  # competency id -> programme id


def _day(day: dt.date) -> str:
    return day.isoformat()


class _Generator:
    def __init__(self, writer: SheetWriter, seed: int) -> None:
        self.w = writer
        self.seed = seed
        self.gaps: dict[str, int] = dict.fromkeys(GAP_KEYS, 0)
        self.totals: dict[str, int] = dict.fromkeys(_TOTAL_KEYS, 0)

    def rng(self, scope: str) -> random.Random:
        # One stream per scope: a district's rows do not depend on how many came before it.
        return random.Random(f"{self.seed}/{scope}")

    def run(self, shape: Profile, progress: Progress | None) -> None:
        for comp in COMPETENCIES:
            self.w.row("competencies", comp.id, comp.name, comp.area, comp.subject)
        total = sum(len(r.districts) for r in shape.regions)
        done = 0
        if progress:
            progress("districts", 0, total)
        for region in shape.regions:
            state = self.region(region)
            for district in region.districts:
                self.district(state, district)
                done += 1
                if progress:
                    progress("districts", done, total)
            self.gaps["methodists_over_norm"] += sum(m.load > LOAD_NORM for m in state.methodists)

    # -- helpers that write ------------------------------------------------------------------

    def person(self, rng: random.Random, pid: str, *, female: bool, birth: int, career: int,
               subjects: Iterable[str] = ()) -> None:
        self.w.row("people", pid, names.full_name(rng, female), birth, career, list(subjects),
                   True)

    def staff(self, pid: str, org: str, position: str, role: str, start: str,
              subjects: Iterable[str] = ()) -> None:
        self.w.row("employment", pid, org, position, start)
        self.w.row("roles", pid, org, role, list(subjects), start)

    def org(self, oid: str, name: str, kind: str, level: str, *, short: str | None = None,
            territory: str | None = None, parent: str | None = None,
            school_kind: str | None = None, community_kind: str | None = None,
            subjects: Iterable[str] = ()) -> None:
        self.w.row("organizations", oid, name, kind, level, short, None, territory, parent,
                   school_kind, community_kind, list(subjects), False)

    def member(self, who: str, body: str, *, chair: bool = False, role: str | None = None,
               start: str = "2024-09-01") -> None:
        self.w.row("memberships", who, body, chair, role, start)

    def manager(self, rng: random.Random, pid: str, org: str, position: str,
                female_share: float = 0.7) -> None:
        birth = rng.randint(1960, 1986)
        self.person(rng, pid, female=rng.random() < female_share, birth=birth,
                    career=birth + rng.randint(22, 26))
        self.staff(pid, org, position, "manager", f"{rng.randint(2012, 2023)}-09-01")
        self.totals["managers"] += 1

    # -- a region ----------------------------------------------------------------------------

    def region(self, r: RegionSpec) -> _RegionState:
        rng = self.rng(r.id)
        w = self.w
        b = r.bodies
        self.totals["regions"] += 1
        if r.define_bodies:
            w.row("territories", r.id, "region", r.name, None, r.code)
            for d in r.districts:
                w.row("territories", d.id, "municipality", d.name, r.id)
            self.org(b["authority"], f"Орган управления образованием ({r.name})",
                     "education_authority", "regional", short="Министерство образования",
                     territory=r.id)
            self.org(b["institute"], f"Институт развития образования ({r.name})",
                     "development_institute", "regional", short="ИРО", territory=r.id)
            self.org(b["pd_center"], f"ЦНППМ ({r.name})", "pd_center", "regional",
                     short="ЦНППМ", territory=r.id, parent=b["institute"])
            self.org(b["council"], f"Региональный методический совет ({r.name})", "council",
                     "regional", short="РМС", territory=r.id)
            self.org(b["pool"], f"Региональный методический актив ({r.name})",
                     "methodist_pool", "regional", territory=r.id)
            w.row("org_relations", b["institute"], "SUBORDINATE_TO", b["authority"])
            w.row("org_relations", b["council"], "ATTACHED_TO", b["authority"])
            w.row("org_relations", b["pd_center"], "COORDINATES", b["pool"])
        # Programmes: subject ones by the institute, the rest by the ЦНППМ, СПО by its centre.
        programmes: dict[str, str] = {}
        for p in programmes_for():
            pid = f"{r.prefix}-prog-{p.slug}"
            provider = b["institute"] if p.subject else b["pd_center"]
            if p.subject == VOCATIONAL_SUBJECT and "spo_center" in b:
                provider = b["spo_center"]
            w.row("programmes", pid, p.title, p.hours, p.in_federal_registry, p.subject, provider)
            programmes[p.competency_id] = pid

        n = 0

        def next_id() -> str:
            nonlocal n
            n += 1
            return f"{r.prefix}-r-p{n:04d}"

        heads: dict[str, str] = {}
        for role, position in (("authority", "председатель комитета"),
                               ("institute", "ректор"), ("pd_center", "руководитель ЦНППМ"),
                               ("methodological_center", "руководитель РМЦ"),
                               ("spo_center", "руководитель центра"),
                               ("tutor_center", "руководитель центра")):
            if role in b:
                heads[role] = next_id()
                self.manager(rng, heads[role], b[role], position)
        if "coordination_council" in b:
            # 000 §4.2: the coordination council is chaired by a pro-rector of ЛОИРО.
            prorector = next_id()
            self.manager(rng, prorector, b["institute"], "проректор")
            self.member(prorector, b["coordination_council"], chair=True, role="председатель")
            for role in ("pd_center", "methodological_center", "authority"):
                self.member(heads[role], b["coordination_council"], role="член совета")
        if "council" in b:
            chair = heads.get("authority") or heads["institute"]
            self.member(chair, b["council"], chair=True, role="председатель")
            if "pd_center" in heads and heads["pd_center"] != chair:
                self.member(heads["pd_center"], b["council"], role="член совета")
        if "umo" in b:
            self.member(heads["institute"], b["umo"], chair=True, role="председатель")

        coverage = [*SCHOOL_SUBJECTS, PRESCHOOL_SUBJECT]
        methodists: list[_Methodist] = []
        k = 0
        for employer, count in r.methodist_employers.items():
            for _ in range(count):
                if employer == b.get("spo_center"):
                    subjects = [VOCATIONAL_SUBJECT]
                else:
                    subjects = [coverage[k % len(coverage)]]
                    k += 1
                    if rng.random() < 0.5:
                        subjects.append(coverage[(k + 7) % len(coverage)])
                m = _Methodist(next_id(), subjects)
                birth = rng.randint(1962, 1992)
                self.person(rng, m.id, female=rng.random() < 0.8, birth=birth,
                            career=birth + rng.randint(22, 25), subjects=subjects)
                self.staff(m.id, employer, "региональный методист", "regional_methodist",
                           f"{rng.randint(2019, 2024)}-09-01", subjects)
                methodists.append(m)
                self.totals["methodists"] += 1
        if "pool" in b and methodists:
            # The regional pool is led by the head of the РМЦ where there is one (000).
            head = heads.get("methodological_center")
            if head:
                self.member(head, b["pool"], chair=True, role="руководитель актива")
            for i, m in enumerate(methodists):
                lead = head is None and i == 0
                self.member(m.id, b["pool"], chair=lead,
                            role="руководитель актива" if lead else "региональный методист")
        tutors: list[_Methodist] = []
        for _ in range(r.tutors):
            t = _Methodist(next_id(), [], cap=8)
            birth = rng.randint(1965, 1990)
            self.person(rng, t.id, female=rng.random() < 0.85, birth=birth,
                        career=birth + rng.randint(22, 25))
            self.staff(t.id, b.get("tutor_center", b["pd_center"]), "тьютор", "tutor",
                       "2023-09-01")
            tutors.append(t)
        return _RegionState(r, methodists, tutors, programmes)

    # -- a district --------------------------------------------------------------------------

    def district(self, st: _RegionState, d: DistrictSpec) -> None:
        rng = self.rng(d.id)
        code = d.id.removeprefix("RU-")
        r = st.spec
        self.totals["districts"] += 1
        counter = 0

        def next_id() -> str:
            nonlocal counter
            counter += 1
            return f"{code}-p{counter:05d}"

        self.district_bodies(r, d)
        # The people who run the district's bodies.
        ko_head, ko_specialist, mms_head = next_id(), next_id(), next_id()
        self.manager(rng, ko_head, d.ko, "начальник управления" if d.style == "zeya"
                     else "председатель комитета")
        self.manager(rng, ko_specialist, d.ko, "главный специалист")
        self.manager(rng, mms_head, d.mms, "директор")

        schools = self.schools(rng, st, d, next_id)
        teachers = [t for s in schools for t in s.teachers]
        methodists = self.municipal_methodists(rng, d, teachers, next_id)
        self.assign_methodists(rng, st, methodists, teachers)
        self.low_results_support(rng, st, d, schools, methodists)
        self.tutoring(rng, st, d, teachers, next_id)
        self.memberships(rng, st, d, schools, methodists, (ko_specialist, mms_head))
        self.count_subject_gaps(d, teachers, methodists)
        self.gaps["methodists_over_norm"] += sum(m.load > LOAD_NORM for m in methodists)

    def district_bodies(self, r: RegionSpec, d: DistrictSpec) -> None:
        w = self.w
        if d.style == "zeya":
            w.row("org_relations", d.mms, "SUBORDINATE_TO", d.ko)  # МКУ «ЦОМОО» of the УО
            return
        if not d.own_regulation:
            w.row("org_relations", d.mms, "SUBORDINATE_TO", d.ko)
        coordinator = r.bodies.get("methodological_center", r.bodies["pd_center"])
        w.row("org_relations", coordinator, "COORDINATES", d.mms)
        if d.pool:
            w.row("org_relations", d.mms, "COORDINATES", d.pool)
        if not d.define_bodies:
            return  # the gazetteer has the bodies and attaches the council
        self.org(d.ko, f"Комитет по образованию ({d.name})", "education_authority", "municipal",
                 short="Комитет по образованию", territory=d.id)
        self.org(d.mms, f"Муниципальная методическая служба ({d.name})",
                 "methodological_service", "municipal", short="ММС", territory=d.id)
        self.org(d.council, f"Муниципальный методический совет ({d.name})", "council",
                 "municipal", short="ММС: методический совет", territory=d.id)
        if d.pool:
            self.org(d.pool, f"Муниципальный методический актив ({d.name})", "methodist_pool",
                     "municipal", territory=d.id)
        w.row("org_relations", d.council, "ATTACHED_TO", d.ko)

    def schools(self, rng: random.Random, st: _RegionState, d: DistrictSpec,
                next_id: Callable[[], str]) -> list[_School]:
        code = d.id.removeprefix("RU-")
        out: list[_School] = []
        isolated_left = d.gaps.isolated_schools
        # A planted uncovered subject must show a deficit, or the gap would not be seen.
        force = set(d.gaps.uncovered_subjects)
        n = 0
        for kind in ("general", "preschool", "vocational", "additional"):
            for k in range(1, d.schools.get(kind, 0) + 1):
                n += 1
                school = _School(f"{code}-s{n:03d}", kind, "")
                school.forced_low = kind == "general" and k <= d.gaps.low_results
                # The isolated school is an additional-education one: it has no assessments.
                if isolated_left and kind == "additional":
                    school.isolated = True
                    isolated_left -= 1
                self.school(rng, st, d, school, k, force)
                out.append(school)
        return out

    def school(self, rng: random.Random, st: _RegionState, d: DistrictSpec, s: _School,
               k: int, force: set[str]) -> None:
        name, s.short = _school_name(rng, d, s.kind, k)
        level = "institutional"
        self.org(s.id, name, "school", level, short=s.short, territory=d.id, school_kind=s.kind)
        self.totals["schools"] += 1
        if s.isolated:
            self.gaps["isolated_schools"] += 1
        else:
            authority = d.ko
            if s.kind == "vocational" and "authority" in st.spec.bodies:
                authority = st.spec.bodies["authority"]  # colleges are the region's
            self.w.row("org_relations", s.id, "SUBORDINATE_TO", authority)
            if s.kind in ("general", "vocational"):
                self.org(f"{s.id}-sms", f"Методическая служба: {s.short} ({d.where})",
                         "school_methodological_service", "institutional", short="ШМС",
                         territory=d.id, parent=s.id)
        prefix = s.id
        s.director = f"{prefix}-dir"
        self.manager(rng, s.director, s.id, "директор" if s.kind != "preschool" else "заведующий",
                     female_share=0.8)
        deputies = ("по УВР", "по ВР") if s.kind == "general" else ("по УВР",)
        for i, what in enumerate(deputies, 1):
            pid = f"{prefix}-dep{i}"
            self.manager(rng, pid, s.id, f"заместитель директора {what}", female_share=0.85)
            s.deputies.append(pid)
        lo, hi = {"general": d.general_teachers, "preschool": (10, 24),
                  "vocational": (28, 55), "additional": (8, 22)}[s.kind]
        count = round(rng.triangular(lo, hi, (lo + hi) / 2))
        for i in range(1, count + 1):
            t = self.teacher(rng, st, s, f"{prefix}-t{i:03d}", force)
            s.teachers.append(t)
        self.mentoring(rng, s)
        if s.kind == "general" and not s.isolated:
            self.assessments(rng, s)

    def teacher(self, rng: random.Random, st: _RegionState, s: _School, pid: str,
                force: set[str]) -> _Teacher:
        young = rng.random() < 0.10
        if young:
            # First or second year of work (2024 or 2025), by the age rule: young on 2025-09-01 and
            # still in 2026.
            career = rng.choice((2024, 2025))
            age_start = 21 + min(int(rng.expovariate(0.45)), 12)
            birth = min(career - age_start, _YEAR - 22)
            start = f"{career}-09-01"
        else:
            lo, hi, _ = rng.choices(_AGE_BANDS, weights=[b[2] for b in _AGE_BANDS])[0]
            birth = _YEAR - rng.randint(lo, hi)
            gap = rng.choices((rng.randint(0, 2), rng.randint(3, 8), rng.randint(9, 20)),
                              weights=(0.7, 0.2, 0.1))[0]
            career = min(birth + 21 + gap, _YEAR - 3)
            year = career if rng.random() < 0.45 else rng.randint(career, _YEAR - 1)
            start = f"{year}-09-01"
        subjects = _subjects(rng, s.kind)
        self.person(rng, pid, female=rng.random() < _FEMALE_SHARE[s.kind], birth=birth,
                    career=career, subjects=subjects)
        position = _POSITION[s.kind]
        if s.kind == "general" and subjects[0] != "начальные классы":
            position += f" ({subjects[0]})"
        elif s.kind == "general":
            position = "учитель начальных классов"
        self.staff(pid, s.id, position, "teacher", start, subjects)
        # The question's own rule says who is young (the draw above is built to agree).
        young = young_specialist(birth, career, _YOUNG_ON)
        t = _Teacher(pid, s.id, subjects, young, _YEAR - career, start)
        self.totals["teachers"] += 1
        self.totals["young_specialists"] += young
        forced = next((x for x in subjects if x in force), None)
        if forced:
            force.discard(forced)
        self.development(rng, st, t, forced)
        return t

    def development(self, rng: random.Random, st: _RegionState, t: _Teacher,
                    forced: str | None = None) -> None:
        """Diagnostic, deficits, individual route and completed programmes of one teacher.

        ``forced`` is a subject in which this teacher must show a deficit (a planted gap).
        """
        w = self.w
        programmes = st.programmes
        if rng.random() < 0.5 or forced:
            day = dt.date(_YEAR, 1, 20) + dt.timedelta(days=rng.randint(0, 312))
            start = dt.date.fromisoformat(t.start)
            if day < start:
                day = start + dt.timedelta(days=rng.randint(14, 80))
            t.diag_date = day
            has_deficits = rng.random() < 0.5 or forced is not None
            score = rng.randint(30, 64) if has_deficits else rng.randint(65, 98)
            did = f"{t.id}-d1"
            instrument = rng.choices(_INSTRUMENTS, weights=(0.6, 0.3, 0.1))[0]
            w.row("diagnostics", did, t.id, _day(day), instrument, score)
            if has_deficits:
                self.totals["teachers_with_deficits"] += 1
                if rng.random() < 0.6 or forced:
                    subject = forced or rng.choice(t.subjects)
                    t.deficits.append(subject_competency(subject).id)
                    t.deficit_subjects.append(subject)
                for comp in rng.sample(GENERAL_COMPETENCIES, rng.choice((0, 1, 1, 2))):
                    t.deficits.append(comp.id)
                if not t.deficits:
                    t.deficits.append(rng.choice(GENERAL_COMPETENCIES).id)
                for cid in t.deficits:
                    w.row("deficits", t.id, cid, did, _day(day), rng.choice((1, 2, 2, 3)))
                if rng.random() < 0.82:
                    self.route(rng, t, day, programmes)
                else:
                    self.gaps["deficits_no_route"] += 1
        if rng.random() < 0.12:
            cid = (subject_competency(t.subjects[0]).id if rng.random() < 0.5
                   else rng.choice(GENERAL_COMPETENCIES).id)
            begin = dt.date(2024, 1, 15) + dt.timedelta(days=rng.randint(0, 600))
            self.completion(t, programmes[cid], begin,
                            begin + dt.timedelta(days=rng.randint(14, 45)), False)

    def route(self, rng: random.Random, t: _Teacher, diag: dt.date,
              programmes: dict[str, str]) -> None:
        created = diag + dt.timedelta(days=rng.randint(7, 45))
        if created <= dt.date(_YEAR, 6, 30):
            status = rng.choices(("active", "completed", "draft", "cancelled"),
                                 weights=(0.45, 0.4, 0.05, 0.1))[0]
        else:
            status = rng.choices(("active", "completed", "draft"), weights=(0.75, 0.05, 0.2))[0]
        end = None
        if status == "completed":
            end = created + dt.timedelta(days=rng.randint(60, 180))
        elif status == "cancelled":
            end = created + dt.timedelta(days=rng.randint(30, 90))
        progs = [programmes[c] for c in t.deficits[:2]]
        rid = f"{t.id}-r1"
        self.w.row("routes", rid, t.id, _day(created), status, end and _day(end), t.deficits,
                   progs)
        t.route = True
        t.route_active = status in ("active", "draft")
        done = progs if status == "completed" else progs[:1] if rng.random() < 0.3 else []
        if status in ("draft", "cancelled"):
            done = []
        for pid in done:
            begin = created + dt.timedelta(days=rng.randint(5, 20))
            self.completion(t, pid, begin, begin + dt.timedelta(days=rng.randint(14, 40)), True)

    def completion(self, t: _Teacher, pid: str, begin: dt.date, end: dt.date,
                   from_diagnostic: bool) -> None:
        """Write a completion unless the teacher already completed the programme that day."""
        if (pid, _day(begin)) in t.completed:
            return
        t.completed.add((pid, _day(begin)))
        self.w.row("completions", t.id, pid, _day(begin), _day(end), from_diagnostic)

    def mentoring(self, rng: random.Random, s: _School) -> None:
        mentors = [t for t in s.teachers if not t.young and t.experience >= 10]
        mentor_roles: set[str] = set()
        for t in s.teachers:
            if not t.young:
                continue
            same = [m for m in mentors if set(m.subjects) & set(t.subjects)]
            pool = same or mentors
            if not pool or rng.random() < 0.12:
                self.gaps["young_no_mentor"] += 1
                continue
            m = rng.choice(pool)
            start = "2025-09-15" if t.start.startswith("2025") else "2024-09-15"
            self.w.row("support", m.id, t.id, "MENTORS", t.subjects[0], None, start)
            if m.id not in mentor_roles:
                mentor_roles.add(m.id)
                self.w.row("roles", m.id, s.id, "mentor", [], "2024-09-01")

    def assessments(self, rng: random.Random, s: _School) -> None:
        low_before = False
        low_all: list[str] = []
        for period in PERIODS:
            low = s.forced_low or (
                rng.random() < (0.75 if low_before else 0.08 if period == PERIODS[0] else 0.02))
            low_before = low
            subjects: list[str] = []
            if low:
                subjects = sorted(set(rng.choices(
                    LOW_RESULT_SUBJECTS, weights=(5, 5, 1, 1, 1, 1, 1, 2, 1, 1),
                    k=rng.choice((1, 1, 2, 3)))), key=LOW_RESULT_SUBJECTS.index)
                low_all.extend(x for x in subjects if x not in low_all)
            unreliable = rng.random() < 0.02
            self.w.row("assessments", f"{s.id}-{period}", s.id, period, "combined", low,
                       unreliable, subjects, _PERIOD_DATES[period])
        s.low_subjects = low_all
        self.totals["low_results_schools"] += bool(low_all)

    # -- methodists --------------------------------------------------------------------------

    def municipal_methodists(self, rng: random.Random, d: DistrictSpec,
                             teachers: list[_Teacher],
                             next_id: Callable[[], str]) -> list[_Methodist]:
        # Methodists cover every subject taught in the district, except the planted gaps.
        tally: dict[str, int] = {}
        for t in teachers:
            for subj in t.subjects:
                tally[subj] = tally.get(subj, 0) + 1
        covered = [s for s in sorted(tally, key=lambda x: (-tally[x], x))
                   if s not in d.gaps.uncovered_subjects]
        n = d.methodists
        out = []
        for i in range(n):
            subjects = covered[i::n]
            m = _Methodist(next_id(), subjects)
            if i < d.gaps.overloaded_methodists:
                # Planted: an experienced methodist who takes every subject and too many people.
                m.subjects = list(covered)
                m.cap = LOAD_NORM + rng.randint(3, 8)
            birth = rng.randint(1962, 1994)
            self.person(rng, m.id, female=rng.random() < 0.85, birth=birth,
                        career=birth + rng.randint(22, 25), subjects=m.subjects)
            position = "старший методист" if d.style == "zeya" else "методист"
            self.staff(m.id, d.mms, position, "municipal_methodist",
                       f"{rng.randint(2015, 2024)}-09-01", m.subjects)
            out.append(m)
            self.totals["methodists"] += 1
        return out

    def assign_methodists(self, rng: random.Random, st: _RegionState,
                          methodists: list[_Methodist], teachers: list[_Teacher]) -> None:
        """Закрепление методиста: every teacher with deficits gets one, capacity permitting."""
        for t in teachers:
            if not t.deficits:
                continue
            if rng.random() < 0.1:  # not yet assigned: the service has not reached them
                self.gaps["deficits_no_methodist"] += 1
                continue
            wanted = t.deficit_subjects or t.subjects
            m = (_pick(methodists, wanted, priority=True) or _pick(methodists, None)
                 or _pick(st.methodists, wanted))
            if m is None:
                self.gaps["deficits_no_methodist"] += 1
                continue
            m.load += 1
            subject = next((x for x in wanted if x in m.subjects), None)
            assert t.diag_date is not None
            start = t.diag_date + dt.timedelta(days=rng.randint(3, 30))
            kind = "route_support" if t.route else "assigned_methodist"
            self.w.row("support", m.id, t.id, "SUPPORTS", subject, kind, _day(start))

    def low_results_support(self, rng: random.Random, st: _RegionState, d: DistrictSpec,
                            schools: list[_School], methodists: list[_Methodist]) -> None:
        w = self.w
        general = [s for s in schools if s.kind == "general" and not s.isolated]
        strong = [s for s in general if not s.low_subjects]
        pd_center = st.spec.bodies["pd_center"]
        pairs: set[tuple[str, str]] = set()
        unsupported_left = d.gaps.unsupported_low_results
        for s in general:
            if not s.low_subjects:
                continue
            roll = rng.random()
            if unsupported_left:
                unsupported_left -= 1
                roll = 0.0
            if roll < 0.13:
                self.gaps["low_results_unsupported"] += 1
                continue
            if roll < 0.25:
                # Planted: support in a subject the school's results are not low in.
                others = [x for x in LOW_RESULT_SUBJECTS if x not in s.low_subjects]
                subject = rng.choice(others)
                m = _pick(methodists, [subject], load=False) or methodists[0]
                w.row("support", m.id, s.id, "SUPPORTS", subject, "methodological",
                      "2025-09-10")
                self.gaps["low_results_wrong_subject"] += 1
                continue
            for subject in s.low_subjects[: 1 + (rng.random() < 0.5)]:
                m = _pick(methodists, [subject], load=False) or rng.choice(methodists)
                w.row("support", m.id, s.id, "SUPPORTS", subject, "low_results_support",
                      "2025-09-10")
            first = s.low_subjects[0]
            if rng.random() < 0.4:
                w.row("support", d.mms, s.id, "CURATES", first, None, "2025-09-01")
            if strong and rng.random() < 0.3:
                w.row("support", rng.choice(strong).id, s.id, "CURATES", first, None,
                      "2025-09-01")
            if rng.random() < 0.3:
                w.row("support", pd_center, s.id, "SUPPORTS", first, "low_results_support",
                      "2025-10-01")
            if strong and rng.random() < 0.35:
                src = rng.choice(strong)
                pairs.add((src.id, s.id))
                w.row("horizontal_learning", src.id, s.id, f"Обмен практиками: {first}",
                      "2025-10-01")
        for _ in range(max(1, len(general) // 8)):
            if len(strong) < 2:
                break
            a, b = rng.sample(strong, 2)
            if (a.id, b.id) in pairs:
                continue
            pairs.add((a.id, b.id))
            w.row("horizontal_learning", a.id, b.id, rng.choice(_TOPICS), "2025-02-01",
                  "2025-12-31")
        sites = [s for s in strong if rng.random() < 0.06]
        if not sites and len(strong) >= 3:
            sites = [strong[0]]
        for s in sites:
            w.row("internship_sites", s.id, pd_center, rng.choice(_TOPICS), "2024-09-01",
                  "2027-08-31")

    def tutoring(self, rng: random.Random, st: _RegionState, d: DistrictSpec,
                 teachers: list[_Teacher], next_id: Callable[[], str]) -> None:
        on_route = [t for t in teachers if t.route_active]
        tutors = list(st.tutors)
        mobile = st.spec.bodies.get("mobile_service")
        if mobile and teachers:
            # МРММС (002): an experienced teacher of the district is its municipal tutor.
            local = max(teachers, key=lambda t: (t.experience, t.id))
            self.w.row("roles", local.id, mobile, "tutor", [], "2024-09-01")
            tutors.insert(0, _Methodist(local.id, [], cap=4))
        for t in on_route:
            if rng.random() >= 0.1:
                continue
            tutor = next((x for x in tutors if x.load < x.cap and x.id != t.id), None)
            if tutor is None:
                break
            tutor.load += 1
            self.w.row("support", tutor.id, t.id, "TUTORS", t.subjects[0], None, "2025-10-01")

    # -- memberships -------------------------------------------------------------------------

    def memberships(self, rng: random.Random, st: _RegionState, d: DistrictSpec,
                    schools: list[_School], methodists: list[_Methodist],
                    leaders: tuple[str, str]) -> None:
        ko_specialist, mms_head = leaders
        b = st.spec.bodies
        general = [s for s in schools if s.kind == "general"]
        teachers = [t for s in schools for t in s.teachers]
        veterans = sorted((t for t in teachers if t.experience >= 15),
                          key=lambda t: (-t.experience, t.id))
        # The municipal methodological council.
        if d.style == "zeya":
            # 003 §3.1–3.2: chaired by the chief specialist of the education department;
            # members are the department, the senior methodists of ЦОМОО and deputy heads.
            self.member(ko_specialist, d.council, chair=True, role="председатель")
            self.member(mms_head, d.council, role="член совета")
        else:
            self.member(mms_head, d.council, chair=True, role="председатель")
            self.member(ko_specialist, d.council, role="член совета")
        for m in methodists:
            self.member(m.id, d.council, role="член совета")
        for s in general[:8]:
            self.member(s.deputies[0], d.council, role="член совета")
        # The municipal methodist pool.
        if d.pool:
            if d.gaps.empty_pool:
                self.gaps["pools_without_members"] += 1
            else:
                self.member(methodists[0].id, d.pool, chair=True, role="руководитель актива")
                for m in methodists[1:]:
                    self.member(m.id, d.pool, role="муниципальный методист")
                for t in veterans[: rng.randint(3, 8)]:
                    self.member(t.id, d.pool, role="педагог-наставник")
        # Regional bodies draw on the district's people.
        if "council" in b:
            self.member(mms_head, b["council"], role="руководитель ММС")
        if "pool" in b:
            for t in veterans[8:10]:
                self.member(t.id, b["pool"], role="педагог")
        if "umo" in b:
            for t in veterans[10:13]:
                self.member(t.id, b["umo"], role="член УМО")
        if d.style == "zeya":
            self.zeya_bodies(rng, st, d, schools, methodists, veterans, ko_specialist)
        else:
            self.district_communities(rng, d, teachers, methodists)

    def district_communities(self, rng: random.Random, d: DistrictSpec,
                             teachers: list[_Teacher], methodists: list[_Methodist]) -> None:
        code = d.id.removeprefix("RU-")
        by_subject = _by_subject(teachers)
        top = [s for s in sorted(by_subject, key=lambda x: (-len(by_subject[x]), x))
               if len(by_subject[s]) >= 6][: min(8, 3 + len(methodists) // 2)]
        for subject in top:
            cid = f"{code}-mo-{SUBJECT_SLUGS[subject]}"
            self.org(cid, f"Районное методическое объединение: {subject} ({d.where})",
                     "community", "municipal", short=f"РМО: {subject}", territory=d.id,
                     parent=d.mms, community_kind="methodological_association",
                     subjects=[subject])
            self.community_members(rng, cid, by_subject[subject], 0.5, "руководитель РМО")
        young = [t for t in teachers if t.young]
        if len(young) >= 3:
            cid = f"{code}-young"
            self.org(cid, f"Школа молодого педагога ({d.where})", "community", "municipal",
                     territory=d.id, parent=d.mms, community_kind="young_teacher_school")
            self.member(methodists[0].id, cid, chair=True, role="руководитель")
            for t in young:
                if rng.random() < 0.75:
                    self.member(t.id, cid, role="молодой педагог", start=t.start)

    def community_members(self, rng: random.Random, cid: str, people: list[_Teacher],
                          share: float, chair_role: str) -> None:
        chair = max(people, key=lambda t: (t.experience, t.id))
        self.member(chair.id, cid, chair=True, role=chair_role)
        for t in people:
            if t is not chair and rng.random() < share:
                self.member(t.id, cid, role="член объединения")

    def zeya_bodies(self, rng: random.Random, st: _RegionState, d: DistrictSpec,
                    schools: list[_School],
                    methodists: list[_Methodist], veterans: list[_Teacher],
                    ko_specialist: str) -> None:
        """003 §2.2: ГМО by subject, творческие группы, the expert and career councils."""
        teachers = [t for s in schools for t in s.teachers]
        by_subject = _by_subject(teachers)
        for subject in sorted(by_subject, key=lambda x: (-len(by_subject[x]), x)):
            if len(by_subject[subject]) < 3:
                continue
            cid = f"AMU-zeya-gmo-{SUBJECT_SLUGS[subject]}"
            self.org(cid, f"Городское методическое объединение: {subject} (г. Зея)",
                     "community", "municipal", short=f"ГМО: {subject}", territory=d.id,
                     parent=d.mms, community_kind="methodological_association",
                     subjects=[subject])
            self.community_members(rng, cid, by_subject[subject], 0.7, "руководитель ГМО")
        for n, topic in enumerate(_TOPICS[:3], 1):
            cid = f"AMU-zeya-tg-{n}"
            self.org(cid, f"Творческая группа «{topic}» (г. Зея)", "community", "municipal",
                     short=f"ТГ «{topic}»", territory=d.id, parent=d.mms,
                     community_kind="creative_group")
            group = rng.sample(teachers, rng.randint(5, 8))
            self.community_members(rng, cid, group, 1.0, "руководитель группы")
        expert = st.spec.bodies["expert_council"]
        self.member(methodists[0].id, expert, chair=True, role="председатель")
        for t in veterans[:6]:
            self.member(t.id, expert, role="эксперт")
        career = st.spec.bodies["career_council"]
        self.member(ko_specialist, career, chair=True, role="председатель")
        self.member(methodists[-1].id, career, role="член совета")
        for s in schools:
            if s.kind == "general" and len(s.deputies) > 1:
                self.member(s.deputies[1], career, role="член совета")

    def count_subject_gaps(self, d: DistrictSpec, teachers: list[_Teacher],
                           methodists: list[_Methodist]) -> None:
        covered = {x for m in methodists for x in m.subjects}
        lacking = {x for t in teachers for x in t.deficit_subjects if x not in covered}
        self.gaps["district_subjects_without_methodist"] += len(lacking)


def _pick(methodists: list[_Methodist], subjects: list[str] | None, *,
          priority: bool = False, load: bool = True) -> _Methodist | None:
    """The least loaded methodist of a subject with room; planted overloaded ones go first."""
    best: _Methodist | None = None
    for m in methodists:
        if load and m.load >= m.cap:
            continue
        if subjects is not None and not any(s in m.subjects for s in subjects):
            continue
        if priority and m.cap > LOAD_NORM:
            return m
        if best is None or m.load < best.load:
            best = m
    return best


def _by_subject(teachers: list[_Teacher]) -> dict[str, list[_Teacher]]:
    out: dict[str, list[_Teacher]] = {}
    for t in teachers:
        out.setdefault(t.subjects[0], []).append(t)
    return out


def _subjects(rng: random.Random, kind: str) -> list[str]:
    if kind == "preschool":
        return [PRESCHOOL_SUBJECT]
    if kind == "additional":
        return [rng.choice(ADDITIONAL_SUBJECTS)]
    if kind == "vocational" and rng.random() < 0.6:
        return [VOCATIONAL_SUBJECT]
    first = rng.choices(SCHOOL_SUBJECTS, weights=SUBJECT_WEIGHTS)[0]
    second = SUBJECT_PAIRS.get(first)
    if second and rng.random() < 0.4:
        return [first, second]
    return [first]


_GENERAL_TYPES = (("СОШ", 0.62), ("ООШ", 0.14), ("Гимназия", 0.09), ("Лицей", 0.07),
                  ("Центр образования", 0.04), ("НОШ", 0.04))
_ADDITIONAL_TYPES = ("Дом детского творчества", "Детская школа искусств",
                     "Спортивная школа", "Центр детского творчества")
_COLLEGE_TYPES = ("политехнический колледж", "агропромышленный техникум",
                  "педагогический колледж", "техникум отраслевых технологий")


def _school_name(rng: random.Random, d: DistrictSpec, kind: str, k: int) -> tuple[str, str]:
    """A made-up school name «МОУ «СОШ № 12» (Всеволожский район)» and its short form."""
    zeya = d.style == "zeya"
    if kind == "general":
        what = rng.choices([t for t, _ in _GENERAL_TYPES],
                           weights=[w for _, w in _GENERAL_TYPES])[0]
        short = f"{what} № {k}"
        org = "МОАУ" if zeya else "МОУ"
    elif kind == "preschool":
        short, org = f"Детский сад № {k}", "МДОАУ" if zeya else "МДОУ"
    elif kind == "vocational":
        kind_name = _COLLEGE_TYPES[(k - 1) % len(_COLLEGE_TYPES)]
        short = f"{d.adjective} {kind_name}" if d.adjective else f"Колледж № {k}"
        if k > len(_COLLEGE_TYPES):
            short += f" № {k}"
        return f"ГБПОУ «{short}» ({d.where})", short
    else:
        short, org = f"{_ADDITIONAL_TYPES[(k - 1) % len(_ADDITIONAL_TYPES)]} № {k}", "МБУ ДО"
    if zeya:
        return f"{org} «{short} г. Зеи»", short
    return f"{org} «{short}» ({d.where})", short

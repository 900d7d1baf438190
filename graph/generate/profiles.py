"""The shapes the generator fills: the two sample regions and Russia-like synthetic ones."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

__all__ = [
    "PROFILES",
    "SCHOOL_KINDS",
    "DistrictSpec",
    "GapPlan",
    "Profile",
    "RegionSpec",
    "leningrad",
    "profile",
    "synthetic",
    "zeya",
]

SCHOOL_KINDS = ("general", "preschool", "vocational", "additional")


@dataclass(frozen=True)
class GapPlan:
    """Gaps planted on purpose in a district, for the coverage questions to find."""

    empty_pool: bool = False  # the municipal methodist pool has no members
    uncovered_subjects: tuple[str, ...] = ()  # no municipal methodist of these subjects here
    overloaded_methodists: int = 0  # methodists taking more than the load norm
    isolated_schools: int = 0  # schools with no edges but their location and staff
    low_results: int = 0  # general schools forced to low results in both periods
    unsupported_low_results: int = 0  # of the low-results schools, forced to get no support


@dataclass(frozen=True)
class DistrictSpec:
    """A municipality and the bodies that work in it.

    ``define_bodies`` is false where the regulations' gazetteer already defines the district's
    territory, authority, service, council and pool: the dataset then only references their
    ids (and adds the relations between them that the gazetteer leaves out).
    """

    id: str
    name: str  # official name of the municipality
    where: str  # how school names say where they are: «Всеволожский район», «г. Зеи»
    adjective: str  # «Всеволожский»: for the names of the district's bodies and colleges
    schools: dict[str, int]  # school kind -> how many
    ko: str
    mms: str
    council: str
    pool: str | None
    define_bodies: bool = True
    # The district's own regulation states how its service stands to its authority (001 §2.2
    # for Vsevolozhsk): the regulations loader writes that edge, with the clause as evidence.
    own_regulation: bool = False
    methodists: int = 3
    style: str = "district"  # "district" (районные МО) or "zeya" (ГМО, творческие группы)
    gaps: GapPlan = field(default_factory=GapPlan)
    general_teachers: tuple[int, int] = (25, 45)  # teachers per general school, min and max


@dataclass(frozen=True)
class RegionSpec:
    """A region, its regional bodies (by role) and its districts.

    ``bodies`` maps a role (``authority``, ``institute``, ``pd_center``, ``pool``,
    ``council``, …) to an organization id; ``define_bodies`` says whether the dataset defines
    them and the territories, or only references the gazetteer.
    """

    id: str
    name: str
    code: str | None
    prefix: str  # id prefix of the region's people and programmes
    bodies: dict[str, str]
    districts: tuple[DistrictSpec, ...]
    define_bodies: bool = True
    # Organization id -> how many regional methodists it employs.
    methodist_employers: dict[str, int] = field(default_factory=dict)
    tutors: int = 0  # regional tutors (центр тьюторской практики)


@dataclass(frozen=True)
class Profile:
    """A whole dataset's shape: its name, scale, description and regions."""

    name: str
    scale: str
    title: str
    regions: tuple[RegionSpec, ...]


# --- Leningrad oblast: real structure, made-up schools and people ---------------------------

# slug, official name, «… район» for school names, adjective, population in thousands (approx.)
_LEN_DISTRICTS: tuple[tuple[str, str, str, str, int], ...] = (
    ("boksitogorsky", "Бокситогорский муниципальный район", "Бокситогорский район",
     "Бокситогорский", 47),
    ("volosovsky", "Волосовский муниципальный район", "Волосовский район", "Волосовский", 50),
    ("volkhovsky", "Волховский муниципальный район", "Волховский район", "Волховский", 85),
    ("vsevolozhsky", "Всеволожский муниципальный район", "Всеволожский район",
     "Всеволожский", 480),
    ("vyborgsky", "Выборгский район", "Выборгский район", "Выборгский", 190),
    ("gatchinsky", "Гатчинский муниципальный округ", "Гатчинский округ", "Гатчинский", 240),
    ("kingiseppsky", "Кингисеппский муниципальный район", "Кингисеппский район",
     "Кингисеппский", 75),
    ("kirishsky", "Киришский муниципальный район", "Киришский район", "Киришский", 60),
    ("kirovsky", "Кировский муниципальный район", "Кировский район", "Кировский", 105),
    ("lodeynopolsky", "Лодейнопольский муниципальный район", "Лодейнопольский район",
     "Лодейнопольский", 26),
    ("lomonosovsky", "Ломоносовский муниципальный район", "Ломоносовский район",
     "Ломоносовский", 110),
    ("luzhsky", "Лужский муниципальный район", "Лужский район", "Лужский", 70),
    ("podporozhsky", "Подпорожский муниципальный район", "Подпорожский район",
     "Подпорожский", 27),
    ("priozersky", "Приозерский муниципальный район", "Приозерский район", "Приозерский", 60),
    ("slantsevsky", "Сланцевский муниципальный район", "Сланцевский район", "Сланцевский", 40),
    ("tikhvinsky", "Тихвинский муниципальный район", "Тихвинский район", "Тихвинский", 67),
    ("tosnensky", "Тосненский муниципальный район", "Тосненский район", "Тосненский", 140),
    ("sosnovoborsky", "Сосновоборский городской округ", "г. Сосновый Бор", "Сосновоборский",
     67),
)
# Whole-oblast totals by kind, shared out by population (rural districts keep more small
# schools per head, hence the power below one).
_LEN_TOTALS = {"general": 250, "preschool": 255, "vocational": 25, "additional": 50}
_LEN_GAPS = {
    "podporozhsky": GapPlan(empty_pool=True, isolated_schools=1),
    "lodeynopolsky": GapPlan(empty_pool=True, uncovered_subjects=("химия",)),
    "kirishsky": GapPlan(uncovered_subjects=("английский язык",)),
    "vsevolozhsky": GapPlan(overloaded_methodists=2),
}


def _share(total: int, weights: list[float]) -> list[int]:
    """Largest-remainder shares of ``total`` by ``weights``, at least one each.

    >>> _share(10, [1.0, 1.0, 2.0])
    [3, 2, 5]
    """
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [max(1, int(r)) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - int(raw[i])), i))
    for i in order[: max(0, total - sum(out))]:
        out[i] += 1
    return out


def leningrad() -> Profile:
    """Ленинградская область: 18 municipalities, ~580 schools, ~15 000 teachers."""
    weights = [pop ** 0.8 for *_, pop in _LEN_DISTRICTS]
    shares = {kind: _share(total, weights) for kind, total in _LEN_TOTALS.items()}
    districts = []
    for i, (slug, name, where, adjective, _) in enumerate(_LEN_DISTRICTS):
        schools = {kind: shares[kind][i] for kind in SCHOOL_KINDS}
        n = sum(schools.values())
        districts.append(DistrictSpec(
            id=f"RU-LEN-{slug}",
            name=name,
            where=where,
            adjective=adjective,
            schools=schools,
            ko=f"LEN-{slug}-ko",
            mms=f"LEN-{slug}-mms",
            council=f"LEN-{slug}-council",
            pool=f"LEN-{slug}-pool",
            # The gazetteer (data/regulations/bodies.json) defines every district's bodies.
            define_bodies=False,
            own_regulation=slug == "vsevolozhsky",
            methodists=max(3, round(n / 4.5)),
            gaps=_LEN_GAPS.get(slug, GapPlan()),
        ))
    region = RegionSpec(
        id="RU-LEN",
        name="Ленинградская область",
        code="47",
        prefix="LEN",
        bodies={
            "authority": "LEN-koipo",
            "institute": "LEN-loiro",
            "pd_center": "LEN-cnppm",
            "methodological_center": "LEN-rmc",
            "council": "LEN-rms-council",
            "coordination_council": "LEN-ks-rms",
            "pool": "LEN-pool",
            "umo": "LEN-umo",
            "spo_center": "LEN-rnmc-spo",
            "tutor_center": "LEN-tutor-center",
            "mobile_service": "LEN-mrmms",
        },
        districts=tuple(districts),
        define_bodies=False,
        methodist_employers={"LEN-cnppm": 24, "LEN-rmc": 12, "LEN-rnmc-spo": 4},
        tutors=6,
    )
    return Profile("leningrad", "region", "Ленинградская область (синтетические школы и люди)",
                   (region,))


def zeya() -> Profile:
    """Город Зея (Амурская область): ~11 schools, ~350 teachers, ГМО and творческие группы."""
    district = DistrictSpec(
        id="RU-AMU-zeya",
        name="город Зея",
        where="г. Зеи",
        adjective="Зейский",
        schools={"general": 6, "preschool": 4, "vocational": 0, "additional": 1},
        ko="AMU-zeya-uo",
        mms="AMU-zeya-comoo",
        council="AMU-zeya-gms-council",
        pool=None,
        define_bodies=False,
        methodists=5,
        style="zeya",
        gaps=GapPlan(uncovered_subjects=("физика",), overloaded_methodists=1,
                     isolated_schools=1, low_results=2, unsupported_low_results=1),
        general_teachers=(40, 52),
    )
    region = RegionSpec(
        id="RU-AMU",
        name="Амурская область",
        code="28",
        prefix="AMU",
        bodies={
            "institute": "AMU-amiro",
            "pd_center": "AMU-amiro",
            "expert_council": "AMU-zeya-expert-council",
            "career_council": "AMU-zeya-career-council",
        },
        districts=(district,),
        define_bodies=False,
        methodist_employers={"AMU-amiro": 6},
    )
    return Profile("zeya", "district", "Город Зея, Амурская область (синтетические школы и люди)",
                   (region,))


PROFILES = {"leningrad": leningrad, "zeya": zeya}


def profile(name: str) -> Profile:
    """A named profile; ``KeyError`` lists the known ones.

    >>> [d.id for d in profile("leningrad").regions[0].districts][:2]
    ['RU-LEN-boksitogorsky', 'RU-LEN-volosovsky']
    """
    try:
        return PROFILES[name]()
    except KeyError:
        raise KeyError(f"unknown profile {name!r}; known: {', '.join(PROFILES)}") from None


# --- Synthetic regions (scale district / region / nation) -----------------------------------

_KIND_MIX = (("general", 0.45), ("preschool", 0.35), ("vocational", 0.05),
             ("additional", 0.15))


def _synthetic_region(rng: random.Random, number: int, n_districts: int,
                      mean_schools: float) -> RegionSpec:
    rid = f"R{number:02d}"
    districts = []
    for d in range(1, n_districts + 1):
        did = f"{rid}-D{d:03d}"
        # A skewed size: many small rural districts, a few big towns.
        n = max(4, round(rng.lognormvariate(0, 0.55) * mean_schools / 1.16))
        schools = dict(zip(SCHOOL_KINDS, _share(n, [w for _, w in _KIND_MIX]), strict=True))
        gaps = GapPlan(
            empty_pool=rng.random() < 0.04,
            uncovered_subjects=("химия",) if rng.random() < 0.05 else (),
            overloaded_methodists=1 if d == 1 else 0,
            isolated_schools=1 if rng.random() < 0.02 else 0,
        )
        districts.append(DistrictSpec(
            id=did,
            name=f"Муниципальный район № {d} ({rid})",
            where=f"район {did}",
            adjective=f"Районный ({did})",
            schools=schools,
            ko=f"{did}-ko",
            mms=f"{did}-mms",
            council=f"{did}-council",
            pool=f"{did}-pool",
            methodists=max(2, round(n / 5)),
            gaps=gaps,
        ))
    return RegionSpec(
        id=rid,
        name=f"Синтетический регион № {number:02d}",
        code=None,
        prefix=rid,
        bodies={
            "authority": f"{rid}-ko",
            "institute": f"{rid}-iro",
            "pd_center": f"{rid}-cnppm",
            "council": f"{rid}-council",
            "pool": f"{rid}-pool",
        },
        districts=tuple(districts),
        methodist_employers={f"{rid}-cnppm": 16},
        tutors=4,
    )


def synthetic(scale: str, seed: int) -> Profile:
    """Synthetic Russia-like regions: one district, one region (~28 districts) or ~85 regions.

    >>> len(synthetic("nation", 1).regions), len(synthetic("district", 1).regions[0].districts)
    (85, 1)
    """
    rng = random.Random(f"{seed}/structure")
    regions: tuple[RegionSpec, ...]
    if scale == "district":
        regions = (_synthetic_region(rng, 1, 1, 17.0),)
    elif scale == "region":
        regions = (_synthetic_region(rng, 1, 28, 17.0),)
    elif scale == "nation":
        regions = tuple(
            _synthetic_region(rng, i, rng.randint(9, 48), 16.8) for i in range(1, 86)
        )
    else:
        raise ValueError(f"unknown scale {scale!r}; use district, region or nation")
    return Profile(f"synthetic-{scale}", scale, f"Синтетические данные, масштаб {scale}",
                   regions)

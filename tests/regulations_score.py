"""Scores the regulations loader against the hand-counted truth of the test corpus.

``python -m tests.regulations_score`` prints the tables (per text and overall) of the corpus and of
the held-out texts; ``python -m tests.regulations_score DIR`` scores the texts of any folder of
``<name>.txt`` + ``<name>.truth.json``. The tests ``tests/test_regulations_corpus.py`` assert
the targets. The corpus and the truth format are described in
``tests/data/regulations_corpus/README.md``, the held-out texts in
``tests/data/regulations_holdout/README.md``.

Besides recall (found/wanted per metric) the table gives precision: the clauses, bodies and
duties found that the truth does not have (a duty on the wrong body counts as one).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.loaders.regulations import Gazetteer, ParsedRegulation, RegulationMeta
from graph.loaders.regulations.morph import _morph, lemmas, normalize_quotes, tokens

DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "regulations_corpus"
HOLDOUT = DATA / "regulations_holdout"
NEXT = DATA / "regulations_next"
FOURTH = DATA / "regulations_fourth"
FIFTH = DATA / "regulations_fifth"
SIXTH = DATA / "regulations_sixth"
SEVENTH = DATA / "regulations_seventh"
EIGHTH = DATA / "regulations_eighth"
NINTH = DATA / "regulations_ninth"
TENTH = DATA / "regulations_tenth"
ELEVENTH = DATA / "regulations_eleventh"
TWELFTH = DATA / "regulations_twelfth"
THIRTEENTH = DATA / "regulations_thirteenth"
FOURTEENTH = DATA / "regulations_fourteenth"
FIFTEENTH = DATA / "regulations_fifteenth"
SIXTEENTH = DATA / "regulations_sixteenth"
SEVENTEENTH = DATA / "regulations_seventeenth"
EIGHTEENTH = DATA / "regulations_eighteenth"
NINETEENTH = DATA / "regulations_nineteenth"
TWENTIETH = DATA / "regulations_twentieth"
TWENTY_FIRST = DATA / "regulations_twenty_first"
TWENTY_SECOND = DATA / "regulations_twenty_second"
TWENTY_THIRD = DATA / "regulations_twenty_third"
TWENTY_FOURTH = DATA / "regulations_twenty_fourth"
TWENTY_FIFTH = DATA / "regulations_twenty_fifth"
TWENTY_SIXTH = DATA / "regulations_twenty_sixth"
TWENTY_SEVENTH = DATA / "regulations_twenty_seventh"
TWENTY_EIGHTH = DATA / "regulations_twenty_eighth"
TWENTY_NINTH = DATA / "regulations_twenty_ninth"
THIRTIETH = DATA / "regulations_thirtieth"
THIRTY_FIRST = DATA / "regulations_thirty_first"
THIRTY_SECOND = DATA / "regulations_thirty_second"
THIRTY_THIRD = DATA / "regulations_thirty_third"
THIRTY_FOURTH = DATA / "regulations_thirty_fourth"
THIRTY_FIFTH = DATA / "regulations_thirty_fifth"
THIRTY_SIXTH = DATA / "regulations_thirty_sixth"
THIRTY_SEVENTH = DATA / "regulations_thirty_seventh"
THIRTY_EIGHTH = DATA / "regulations_thirty_eighth"
THIRTY_NINTH = DATA / "regulations_thirty_ninth"
FORTIETH = DATA / "regulations_fortieth"
FORTY_FIRST = DATA / "regulations_forty_first"
FORTY_SECOND = DATA / "regulations_forty_second"
FORTY_THIRD = DATA / "regulations_forty_third"
FORTY_FOURTH = DATA / "regulations_forty_fourth"
FORTY_FIFTH = DATA / "regulations_forty_fifth"
FORTY_SIXTH = DATA / "regulations_forty_sixth"
FORTY_SEVENTH = DATA / "regulations_forty_seventh"
FORTY_EIGHTH = DATA / "regulations_forty_eighth"
FORTY_NINTH = DATA / "regulations_forty_ninth"
FIFTIETH = DATA / "regulations_fiftieth"
FIFTY_FIRST = DATA / "regulations_fifty_first"
FIFTY_SECOND = DATA / "regulations_fifty_second"
FIFTY_THIRD = DATA / "regulations_fifty_third"
FIFTY_FOURTH = DATA / "regulations_fifty_fourth"
FIFTY_FIFTH = DATA / "regulations_fifty_fifth"
FIFTY_SIXTH = DATA / "regulations_fifty_sixth"
FIFTY_SEVENTH = DATA / "regulations_fifty_seventh"
FIFTY_EIGHTH = DATA / "regulations_fifty_eighth"
FIFTY_NINTH = DATA / "regulations_fifty_ninth"
SIXTIETH = DATA / "regulations_sixtieth"
SIXTY_FIRST = DATA / "regulations_sixty_first"
FORTY_FOURTH = DATA / "regulations_forty_fourth"
GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "regulations" / "bodies.json"


@functools.cache
def _gazetteer() -> Gazetteer:
    """The bundled gazetteer, read once per process (the loader only reads it)."""
    return Gazetteer.from_file(GAZETTEER)
SIXTY_SECOND = DATA / "regulations_sixty_second"
SIXTY_THIRD = DATA / "regulations_sixty_third"
SIXTY_FOURTH = DATA / "regulations_sixty_fourth"
SIXTY_FIFTH = DATA / "regulations_sixty_fifth"
SIXTY_SIXTH = DATA / "regulations_sixty_sixth"
SIXTY_SEVENTH = DATA / "regulations_sixty_seventh"
SIXTY_EIGHTH = DATA / "regulations_sixty_eighth"
SIXTY_NINTH = DATA / "regulations_sixty_ninth"
SEVENTIETH = DATA / "regulations_seventieth"
SEVENTY_FIRST = DATA / "regulations_seventy_first"
SEVENTY_SECOND = DATA / "regulations_seventy_second"
SEVENTY_THIRD = DATA / "regulations_seventy_third"
SEVENTY_FOURTH = DATA / "regulations_seventy_fourth"
SEVENTY_FIFTH = DATA / "regulations_seventy_fifth"
SEVENTY_SIXTH = DATA / "regulations_seventy_sixth"
SEVENTY_SEVENTH = DATA / "regulations_seventy_seventh"
SEVENTY_EIGHTH = DATA / "regulations_seventy_eighth"
SEVENTY_NINTH = DATA / "regulations_seventy_ninth"
EIGHTIETH = DATA / "regulations_eightieth"
EIGHTY_FIRST = DATA / "regulations_eighty_first"
EIGHTY_SECOND = DATA / "regulations_eighty_second"
EIGHTY_THIRD = DATA / "regulations_eighty_third"
EIGHTY_FOURTH = DATA / "regulations_eighty_fourth"
EIGHTY_FIFTH = DATA / "regulations_eighty_fifth"
EIGHTY_SIXTH = DATA / "regulations_eighty_sixth"
EIGHTY_SEVENTH = DATA / "regulations_eighty_seventh"
EIGHTY_EIGHTH = DATA / "regulations_eighty_eighth"
EIGHTY_NINTH = DATA / "regulations_eighty_ninth"
NINETIETH = DATA / "regulations_ninetieth"
NINETY_FIRST = DATA / "regulations_ninety_first"
NINETY_SECOND = DATA / "regulations_ninety_second"
NINETY_THIRD = DATA / "regulations_ninety_third"
NINETY_FOURTH = DATA / "regulations_ninety_fourth"
NINETY_FIFTH = DATA / "regulations_ninety_fifth"
NINETY_SIXTH = DATA / "regulations_ninety_sixth"
NINETY_SEVENTH = DATA / "regulations_ninety_seventh"
NINETY_EIGHTH = DATA / "regulations_ninety_eighth"
NINETY_NINTH = DATA / "regulations_ninety_ninth"
HUNDREDTH = DATA / "regulations_hundredth"
HUNDRED_FIRST = DATA / "regulations_hundred_first"
HUNDRED_SECOND = DATA / "regulations_hundred_second"
HUNDRED_THIRD = DATA / "regulations_hundred_third"
HUNDRED_FOURTH = DATA / "regulations_hundred_fourth"
HUNDRED_FIFTH = DATA / "regulations_hundred_fifth"
HUNDRED_SIXTH = DATA / "regulations_hundred_sixth"
HUNDRED_SEVENTH = DATA / "regulations_hundred_seventh"
HUNDRED_EIGHTH = DATA / "regulations_hundred_eighth"
HUNDRED_NINTH = DATA / "regulations_hundred_ninth"
HUNDRED_TENTH = DATA / "regulations_hundred_tenth"
HUNDRED_ELEVENTH = DATA / "regulations_hundred_eleventh"
HUNDRED_TWELFTH = DATA / "regulations_hundred_twelfth"
HUNDRED_THIRTEENTH = DATA / "regulations_hundred_thirteenth"
HUNDRED_FOURTEENTH = DATA / "regulations_hundred_fourteenth"
HUNDRED_FIFTEENTH = DATA / "regulations_hundred_fifteenth"
HUNDRED_SIXTEENTH = DATA / "regulations_hundred_sixteenth"
HUNDRED_SEVENTEENTH = DATA / "regulations_hundred_seventeenth"
HUNDRED_EIGHTEENTH = DATA / "regulations_hundred_eighteenth"
HUNDRED_NINETEENTH = DATA / "regulations_hundred_nineteenth"
HUNDRED_TWENTIETH = DATA / "regulations_hundred_twentieth"
HUNDRED_TWENTY_FIRST = DATA / "regulations_hundred_twenty_first"
HUNDRED_TWENTY_SECOND = DATA / "regulations_hundred_twenty_second"
HUNDRED_TWENTY_THIRD = DATA / "regulations_hundred_twenty_third"
HUNDRED_TWENTY_FOURTH = DATA / "regulations_hundred_twenty_fourth"
HUNDRED_TWENTY_FIFTH = DATA / "regulations_hundred_twenty_fifth"
HUNDRED_TWENTY_SIXTH = DATA / "regulations_hundred_twenty_sixth"
HUNDRED_TWENTY_SEVENTH = DATA / "regulations_hundred_twenty_seventh"
HUNDRED_TWENTY_EIGHTH = DATA / "regulations_hundred_twenty_eighth"
HUNDRED_TWENTY_NINTH = DATA / "regulations_hundred_twenty_ninth"
HUNDRED_THIRTIETH = DATA / "regulations_hundred_thirtieth"
HUNDRED_THIRTY_FIRST = DATA / "regulations_hundred_thirty_first"
HUNDRED_THIRTY_SECOND = DATA / "regulations_hundred_thirty_second"
HUNDRED_THIRTY_THIRD = DATA / "regulations_hundred_thirty_third"
HUNDRED_THIRTY_FOURTH = DATA / "regulations_hundred_thirty_fourth"
HUNDRED_THIRTY_FIFTH = DATA / "regulations_hundred_thirty_fifth"
HUNDRED_THIRTY_SIXTH = DATA / "regulations_hundred_thirty_sixth"
HUNDRED_THIRTY_SEVENTH = DATA / "regulations_hundred_thirty_seventh"
HUNDRED_THIRTY_EIGHTH = DATA / "regulations_hundred_thirty_eighth"
HUNDRED_THIRTY_NINTH = DATA / "regulations_hundred_thirty_ninth"
METRICS = ("clauses", "bodies", "duties", "relations", "low_results")


@dataclass
class Score:
    """Found / wanted per metric for one text (or the sum of several), and what went wrong."""

    name: str
    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(METRICS, 0))
    wanted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(METRICS, 0))
    wrong_merges: list[str] = field(default_factory=list)
    extra_clauses: int = 0
    extra_bodies: int = 0
    extra_duties: int = 0
    found_bodies: int = 0
    found_duties: int = 0
    misses: list[str] = field(default_factory=list)

    def rate(self, metric: str) -> float:
        return self.found[metric] / self.wanted[metric] if self.wanted[metric] else 1.0

    def add(self, other: Score) -> None:
        for m in METRICS:
            self.found[m] += other.found[m]
            self.wanted[m] += other.wanted[m]
        self.wrong_merges += other.wrong_merges
        self.extra_clauses += other.extra_clauses
        self.extra_bodies += other.extra_bodies
        self.extra_duties += other.extra_duties
        self.found_bodies += other.found_bodies
        self.found_duties += other.found_duties

    def extra_rate(self, what: str) -> float:
        """The share of the bodies or duties found that the truth does not have."""
        extra, found = ((self.extra_bodies, self.found_bodies) if what == "bodies"
                        else (self.extra_duties, self.found_duties))
        return extra / found if found else 0.0


def _key(name: str) -> tuple[str, ...]:
    return lemmas(normalize_quotes(name).lower())


def _duty_key(text: str) -> tuple[str, ...]:
    """A duty's text as compared: its first four words from its verb, «совместно» left out.

    Truth files write a joint duty now with «совместно», now without («совместно организуют …»,
    «организуют …»), and a duty's circumstance before its verb now with it, now without
    («ежегодно до 1 марта размещает …», «по заявке ШМО проводит …»): a text that opens with an
    adverb or a preposition is compared from its first verb within eight words.

    >>> _duty_key("по заявке кружка проводит семинары для учителей") == _duty_key(
    ...     "проводит семинары для учителей")
    True
    """
    words = tokens(normalize_quotes(text).lower())
    tags = [str(_morph().parse(t.text)[0].tag) for t in words]
    if tags and ("ADVB" in tags[0] or "PREP" in tags[0] or words[0].text in _BEFORE_VERB):
        verb = next((k for k, tag in enumerate(tags[:8]) if "VERB" in tag or "INFN" in tag),
                    None)
        words = words[verb:] if verb is not None else words
    return tuple(t.lemma for t in words if t.lemma != "совместно")[:4]


_BEFORE_VERB = {"также", "совместно", "ежегодно", "ежеквартально"}


def texts(folder: Path = CORPUS) -> list[Path]:
    return sorted(folder.glob("*.truth.json"))


def parse(truth_path: Path) -> tuple[ParsedRegulation, dict[str, Any]]:
    """The loader's reading of one corpus text, read as a user's file would be."""
    try:
        from graph.loaders.regulations import read_regulation_file  # type: ignore[attr-defined]
    except ImportError:  # the loader before it read single files
        def read_regulation_file(path: Path, meta: RegulationMeta, g: Gazetteer) -> Any:
            from graph.loaders.regulations import parse_regulation
            return parse_regulation(path.read_text(encoding="utf-8"), meta, g)

    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    text_path = truth_path.with_name(truth_path.name.removesuffix(".truth.json") + ".txt")
    meta = RegulationMeta.model_validate(truth["meta"])
    doc = read_regulation_file(text_path, meta, _gazetteer())
    return doc, truth


def _names(doc: ParsedRegulation, gazetteer: Gazetteer) -> dict[str, set[tuple[str, ...]]]:
    """Every extracted body with every name it goes by in this document."""
    out: dict[str, set[tuple[str, ...]]] = {}
    for nid, rec in doc.batch.nodes.items():
        if rec.label == "Organization":
            names = [rec.props["name"], rec.props.get("short_name") or "",
                     *(rec.props.get("aliases") or [])]
            out.setdefault(nid, set()).update(_key(n) for n in names if n)
    for e in doc.batch.edges.values():
        if e.type == "MENTIONS":
            out.setdefault(e.target, set()).add(_key(str(e.props.get("name") or "")))
            org = gazetteer.organizations.get(e.target)
            if org is not None:
                out[e.target] |= {_key(n) for n in (org.name, org.short_name or "", *org.aliases)
                                  if n}
    for doc_res in doc.resolutions.values():
        if doc_res.org_id is not None:
            out.setdefault(doc_res.org_id, set()).add(_key(doc_res.name))
    return out


def _props(doc: ParsedRegulation, gazetteer: Gazetteer, org_id: str) -> dict[str, Any]:
    rec = doc.batch.nodes.get(org_id)
    if rec is not None:
        return rec.props
    org = gazetteer.organizations.get(org_id)
    return org.model_dump(mode="json") if org is not None else {}


def _related(a: str, b: str) -> bool:
    """The same clause, or one inside the other."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def score_folder(folder: Path) -> list[Score]:
    """Every text of a folder scored, in the order of :func:`texts`."""
    return [score(p) for p in texts(folder)]


def score_folders(folders: list[Path], workers: int = 2) -> dict[Path, list[Score]]:
    """Several folders scored in ``workers`` processes (the loader is pure Python: scoring the
    held batches one after another took about two minutes of a test run)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if workers <= 1 or len(folders) <= 1:
        return {f: score_folder(f) for f in folders}
    # ("spawn": a fork of a process whose Neo4j driver or server threads hold locks may hang)
    with ProcessPoolExecutor(max_workers=workers,
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        return dict(zip(folders, pool.map(score_folder, folders), strict=True))


def score(truth_path: Path) -> Score:
    """Score one text against its truth file."""
    name = truth_path.name.removesuffix(".truth.json")
    s = Score(name)
    try:
        doc, truth = parse(truth_path)
    except Exception as e:  # a text the loader cannot read scores nothing
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        s.wanted = _wanted(truth)
        s.misses.append(f"not loaded: {type(e).__name__}: {str(e)[:120]}")
        return s
    gazetteer = _gazetteer()
    s.wanted = _wanted(truth)
    numbers = {r.props["number"] for r in doc.batch.nodes.values() if r.label == "Clause"}
    s.found["clauses"] = len(numbers & set(truth["clauses"]))
    s.extra_clauses = len(numbers - set(truth["clauses"]))
    s.misses += [f"clause {n}" for n in truth["clauses"] if n not in numbers]
    names = _names(doc, gazetteer)
    match: dict[str, set[str]] = {}
    for key, body in truth["bodies"].items():
        wanted = {_key(n) for n in body["names"]}
        match[key] = {org for org, keys in names.items() if keys & wanted}
        ok = [o for o in match[key] if _props(doc, gazetteer, o).get("kind") == body["kind"]
              and _props(doc, gazetteer, o).get("level") == body["level"]]
        if ok:
            s.found["bodies"] += 1
        else:
            got = [(o, _props(doc, gazetteer, o).get("kind"), _props(doc, gazetteer, o).get(
                "level")) for o in match[key]]
            s.misses.append(f"body {key}: {got or 'not found'}")
    owners: dict[str, list[str]] = {}
    for key, orgs in match.items():
        for o in orgs:
            owners.setdefault(o, []).append(key)
    s.wrong_merges = [f"{name}: {o} = {', '.join(keys)}" for o, keys in owners.items()
                      if len(keys) > 1]
    s.found_bodies = len(names)
    s.extra_bodies = len(set(names) - set(owners))
    s.misses += [f"extra body {o}" for o in sorted(set(names) - set(owners))]
    duties = [(e.props["clause_id"].rsplit(":", 1)[1], e.source, doc.batch.nodes[e.target])
              for e in doc.batch.edges.values() if e.type == "HAS_DUTY"]
    true_duties = {(d["clause"], _duty_key(d["text"]), o) for d in truth["duties"]
                   for o in match[d["body"]]}
    extra = [(c, src, rec) for c, src, rec in duties
             if (c, _duty_key(rec.props["text"]), src) not in true_duties]
    s.found_duties = len(duties)
    s.extra_duties = len(extra)
    s.misses += [f"extra duty {c} {src} «{rec.props['text'][:40]}»" for c, src, rec in extra]
    for d in truth["duties"]:
        want = _duty_key(d["text"])
        here = [(src, rec) for clause, src, rec in duties
                if clause == d["clause"] and _duty_key(rec.props["text"]) == want]
        right = [rec for src, rec in here if src in match[d["body"]]]
        if right:
            s.found["duties"] += 1
        else:
            s.misses.append(f"duty {d['clause']} {d['body']} «{d['text'][:40]}»: "
                            f"{[src for src, _ in here] or 'not found'}")
        if d.get("low_results"):
            if any("low_results_support" in r.props.get("categories", []) for r in right):
                s.found["low_results"] += 1
            else:
                s.misses.append(f"low-results duty {d['clause']} «{d['text'][:40]}»")
    edges = [e for e in doc.batch.edges.values() if "clause_id" in e.props]
    for r in truth["relations"]:
        if any(e.type == r["type"] and e.source in match[r["source"]]
               and e.target in match[r["target"]]
               and _related(str(e.props["clause_id"]).rsplit(":", 1)[1], r["clause"])
               for e in edges):
            s.found["relations"] += 1
        else:
            s.misses.append(f"relation {r['source']} {r['type']} {r['target']} ({r['clause']})")
    return s


def _wanted(truth: dict[str, Any]) -> dict[str, int]:
    return {"clauses": len(truth["clauses"]), "bodies": len(truth["bodies"]),
            "duties": len(truth["duties"]), "relations": len(truth["relations"]),
            "low_results": sum(1 for d in truth["duties"] if d.get("low_results"))}


def table(scores: list[Score]) -> str:
    """A Markdown table: per text and overall, found/wanted and the rate of each metric."""
    total = Score("overall")
    for s in scores:
        total.add(s)
    head = ("| text | " + " | ".join(METRICS)
            + " | wrong merges | extra clauses | extra bodies | extra duties |")
    lines = [head, "|" + "---|" * (len(METRICS) + 5)]
    for s in [*scores, total]:
        cells = [f"{s.found[m]}/{s.wanted[m]} ({100 * s.rate(m):.0f} %)" for m in METRICS]
        cells += [str(len(s.wrong_merges)), str(s.extra_clauses),
                  f"{s.extra_bodies}/{s.found_bodies} ({100 * s.extra_rate('bodies'):.0f} %)",
                  f"{s.extra_duties}/{s.found_duties} ({100 * s.extra_rate('duties'):.0f} %)"]
        lines.append(f"| {s.name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    """Print the table of each folder given (default: the corpus and the held-out batches)."""
    verbose = "-v" in argv
    folders = [Path(a) for a in argv if a != "-v"] or [CORPUS, HOLDOUT, NEXT]
    for folder in folders:
        results = [score(p) for p in texts(folder)]
        if not results:
            continue
        print(f"\n{folder.name}\n")
        print(table(results))
        if verbose:
            for r in results:
                for m in r.misses + r.wrong_merges:
                    print(f"{r.name}: {m}")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])

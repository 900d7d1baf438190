"""The regulations loader on a corpus of made-up texts in many styles and on held-out texts
written without it, scored against a hand-counted truth (see the READMEs of
tests/data/regulations_corpus/, tests/data/regulations_holdout/,
tests/data/regulations_next/, tests/data/regulations_fourth/,
tests/data/regulations_fifth/ and tests/data/regulations_sixth/)."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

from tests.regulations_score import (
    CORPUS,
    EIGHTEENTH,
    EIGHTH,
    EIGHTIETH,
    EIGHTY_EIGHTH,
    EIGHTY_FIFTH,
    EIGHTY_FIRST,
    EIGHTY_FOURTH,
    EIGHTY_NINTH,
    EIGHTY_SECOND,
    EIGHTY_SEVENTH,
    EIGHTY_SIXTH,
    EIGHTY_THIRD,
    ELEVENTH,
    FIFTEENTH,
    FIFTH,
    FIFTIETH,
    FIFTY_EIGHTH,
    FIFTY_FIFTH,
    FIFTY_FIRST,
    FIFTY_FOURTH,
    FIFTY_NINTH,
    FIFTY_SECOND,
    FIFTY_SEVENTH,
    FIFTY_SIXTH,
    FIFTY_THIRD,
    FORTIETH,
    FORTY_EIGHTH,
    FORTY_FIFTH,
    FORTY_FIRST,
    FORTY_FOURTH,
    FORTY_NINTH,
    FORTY_SECOND,
    FORTY_SEVENTH,
    FORTY_SIXTH,
    FORTY_THIRD,
    FOURTEENTH,
    FOURTH,
    HOLDOUT,
    HUNDRED_EIGHTEENTH,
    HUNDRED_EIGHTH,
    HUNDRED_ELEVENTH,
    HUNDRED_FIFTEENTH,
    HUNDRED_FIFTH,
    HUNDRED_FIRST,
    HUNDRED_FOURTEENTH,
    HUNDRED_FOURTH,
    HUNDRED_NINETEENTH,
    HUNDRED_NINTH,
    HUNDRED_SECOND,
    HUNDRED_SEVENTEENTH,
    HUNDRED_SEVENTH,
    HUNDRED_SIXTEENTH,
    HUNDRED_SIXTH,
    HUNDRED_TENTH,
    HUNDRED_THIRD,
    HUNDRED_THIRTEENTH,
    HUNDRED_THIRTIETH,
    HUNDRED_THIRTY_EIGHTH,
    HUNDRED_THIRTY_FIFTH,
    HUNDRED_THIRTY_FIRST,
    HUNDRED_THIRTY_FOURTH,
    HUNDRED_THIRTY_NINTH,
    HUNDRED_THIRTY_SECOND,
    HUNDRED_THIRTY_SEVENTH,
    HUNDRED_THIRTY_SIXTH,
    HUNDRED_THIRTY_THIRD,
    HUNDRED_TWELFTH,
    HUNDRED_TWENTIETH,
    HUNDRED_TWENTY_EIGHTH,
    HUNDRED_TWENTY_FIFTH,
    HUNDRED_TWENTY_FIRST,
    HUNDRED_TWENTY_FOURTH,
    HUNDRED_TWENTY_NINTH,
    HUNDRED_TWENTY_SECOND,
    HUNDRED_TWENTY_SEVENTH,
    HUNDRED_TWENTY_SIXTH,
    HUNDRED_TWENTY_THIRD,
    HUNDREDTH,
    METRICS,
    NEXT,
    NINETEENTH,
    NINETIETH,
    NINETY_EIGHTH,
    NINETY_FIFTH,
    NINETY_FIRST,
    NINETY_FOURTH,
    NINETY_NINTH,
    NINETY_SECOND,
    NINETY_SEVENTH,
    NINETY_SIXTH,
    NINETY_THIRD,
    NINTH,
    SEVENTEENTH,
    SEVENTH,
    SEVENTIETH,
    SEVENTY_EIGHTH,
    SEVENTY_FIFTH,
    SEVENTY_FIRST,
    SEVENTY_FOURTH,
    SEVENTY_NINTH,
    SEVENTY_SECOND,
    SEVENTY_SEVENTH,
    SEVENTY_SIXTH,
    SEVENTY_THIRD,
    SIXTEENTH,
    SIXTH,
    SIXTIETH,
    SIXTY_EIGHTH,
    SIXTY_FIFTH,
    SIXTY_FIRST,
    SIXTY_FOURTH,
    SIXTY_NINTH,
    SIXTY_SECOND,
    SIXTY_SEVENTH,
    SIXTY_SIXTH,
    SIXTY_THIRD,
    TENTH,
    THIRTEENTH,
    THIRTIETH,
    THIRTY_EIGHTH,
    THIRTY_FIFTH,
    THIRTY_FIRST,
    THIRTY_FOURTH,
    THIRTY_NINTH,
    THIRTY_SECOND,
    THIRTY_SEVENTH,
    THIRTY_SIXTH,
    THIRTY_THIRD,
    TWELFTH,
    TWENTIETH,
    TWENTY_EIGHTH,
    TWENTY_FIFTH,
    TWENTY_FIRST,
    TWENTY_FOURTH,
    TWENTY_NINTH,
    TWENTY_SECOND,
    TWENTY_SEVENTH,
    TWENTY_SIXTH,
    TWENTY_THIRD,
    Score,
    score_folders,
    table,
)

# The targets, on each folder as a whole.
TARGETS = {"clauses": 0.95, "bodies": 0.90, "duties": 0.90, "relations": 0.80,
           "low_results": 1.0}
# Precision: at most this share of the bodies / duties found are not in the truth.
EXTRA = {"bodies": 0.15, "duties": 0.05}


@functools.cache
def _all_scores() -> dict[Path, list[Score]]:
    """Every folder of the module scored once, in as many processes as the machine has cores
    (at most two, as the CI machine)."""
    return score_folders([CORPUS, HOLDOUT, NEXT, *sorted(HELD)],
                         workers=min(2, os.cpu_count() or 1))


@pytest.fixture(scope="module", params=[CORPUS, HOLDOUT, NEXT],
                ids=["corpus", "holdout", "holdout-3"])
def scores(request: pytest.FixtureRequest) -> list[Score]:
    return _all_scores()[request.param]


def test_the_corpus_has_every_style(scores: list[Score]) -> None:
    assert len(scores) >= 10
    assert all(s.wanted["duties"] and s.wanted["bodies"] for s in scores)


@pytest.mark.parametrize("metric", METRICS)
def test_the_targets_are_met(scores: list[Score], metric: str) -> None:
    total = Score("overall")
    for s in scores:
        total.add(s)
    misses = [f"{s.name}: {m}" for s in scores for m in s.misses]
    assert total.rate(metric) >= TARGETS[metric], table(scores) + "\n" + "\n".join(misses)


def test_every_low_results_duty_is_on_its_body_in_every_text(scores: list[Score]) -> None:
    assert [s.name for s in scores if s.found["low_results"] < s.wanted["low_results"]] == []


def test_no_two_bodies_are_merged(scores: list[Score]) -> None:
    assert [m for s in scores for m in s.wrong_merges] == []


def test_no_clause_is_invented(scores: list[Score]) -> None:
    assert {s.name: s.extra_clauses for s in scores if s.extra_clauses} == {}


@pytest.mark.parametrize("what", sorted(EXTRA))
def test_few_bodies_and_duties_are_found_that_the_truth_does_not_have(
        scores: list[Score], what: str) -> None:
    total = Score("overall")
    for s in scores:
        total.add(s)
    extra = [f"{s.name}: {m}" for s in scores for m in s.misses if m.startswith("extra")]
    assert total.extra_rate(what) <= EXTRA[what], table(scores) + "\n" + "\n".join(extra)


# The later held-out batches are each held at what was reached on them, below the targets (see
# each folder's README for its first contact, 72 %, 59 % and 56 % of duties on the right body):
# the fourth and fifth at what their own rounds and the sixth round's general rules reached, the
# sixth at what its own round reached, the seventh (first contact 81 %) and the eighth (72 %) at
# what their rounds and the ninth round's general rules reached, the ninth (first contact 66 %)
# at what its round reached. The ninth round's one convention for object-first duties (the
# corpus README) raised batches 5–8 by the coordinating duties they counted without the doer.
# The tenth round's general rules raised the seventh and the ninth by one duty each.
# The eleventh round settled two counting conflicts (the corpus README: one duty per action,
# also for two actions on one object; a passive done by a body's order is its duty), so the
# truth of the fourth, sixth and tenth batches changed (the fourth counts 224 duties, 67
# low-results ones; the sixth 138; the tenth's 162 kept), and its general rules raised the fourth
# to the tenth batch by 1–15 duties (the tenth most: the first convention is its own), the
# fifth, eighth and tenth by relations; extra duties fell in the fourth and the tenth.
# The fourteenth round's general rules raised the fourth (a joint duty, now every low-results
# duty), sixth, seventh, ninth and twelfth (relations), eighth and thirteenth (bodies, duties).
# The fifteenth round's raised the seventh and ninth by a body each (an institution of
# additional education for children is a school) and batches 5–8, 10, 11, 13 and 14 by one to
# three relations («Деятельность X курирует Y» is a COORDINATES).
# The eighteenth round's raised the seventh, tenth, twelfth and sixteenth (a body, a duty or a
# relation each) and lowered the extra duties of the fourth, eighth, fifteenth and seventeenth
# (the tasks of a system that is no body are no body's).
# The twenty-fifth round's raised the eleventh, eighteenth, twenty-second, twenty-sixth and
# thirty-third to thirty-fifth (duties, relations, a pool of methodists) and found one body more
# than the truth in the twenty-first (schools with low results given a short name once) and the
# thirty-sixth (a city's pool of tutors). The twenty-sixth's «Функции и полномочия учредителя
# осуществляет X» (X's duty, the convention the corpus README settled then) raised nine by a duty.
# The twenty-seventh's «ведёт следующую документацию: положение, план работы, …» (a list written
# with commas is the duty's words, as six truths write it; two cut it at the colon) raised five
# and lowered the twelfth and twenty-sixth by the duty their truths cut.
HELD = {
    FOURTH: ({"clauses": 239, "bodies": 60, "duties": 224, "relations": 61, "low_results": 67},
             {"bodies": 8, "duties": 0}),
    FIFTH: ({"clauses": 171, "bodies": 59, "duties": 153, "relations": 45, "low_results": 23},
            {"bodies": 6, "duties": 0}),
    SIXTH: ({"clauses": 141, "bodies": 54, "duties": 135, "relations": 37, "low_results": 40},
            {"bodies": 2, "duties": 0}),
    SEVENTH: ({"clauses": 211, "bodies": 68, "duties": 186, "relations": 58, "low_results": 38},
              {"bodies": 4, "duties": 0}),
    EIGHTH: ({"clauses": 212, "bodies": 53, "duties": 145, "relations": 43, "low_results": 20},
             {"bodies": 5, "duties": 3}),
    NINTH: ({"clauses": 165, "bodies": 60, "duties": 200, "relations": 42, "low_results": 29},
            {"bodies": 3, "duties": 1}),
    # Batch 10 after its round and the eleventh round's rules (first contact, the loader after
    # the ninth round: duties 130, low-results duties 29, extra duties 9, counted before the
    # eleventh round's conventions).
    TENTH: ({"clauses": 163, "bodies": 60, "duties": 154, "relations": 42, "low_results": 34},
            {"bodies": 3, "duties": 0}),
    # Batch 11 after its round (first contact, the loader after the tenth round: bodies 50,
    # duties 173, relations 36, low-results duties 29, extra bodies 9, extra duties 8). Its
    # bodies stay below the target: 13 of its 17 misses are kinds its truth gives against the
    # glossary (a municipal centre or cabinet as a methodological centre, a methodological
    # association as a curriculum association, the federal Академия as a regional institute).
    ELEVENTH: ({"clauses": 238, "bodies": 56, "duties": 197, "relations": 40, "low_results": 32},
               {"bodies": 5, "duties": 1}),
    # Batch 12 after its round (first contact, the loader after the eleventh round: bodies 57,
    # duties 169, relations 41, low-results duties 21, extra bodies 8, extra duties 14, and 13
    # clauses its slides gave that the truth does not count).
    TWELFTH: ({"clauses": 208, "bodies": 65, "duties": 232, "relations": 48, "low_results": 51},
              {"bodies": 5, "duties": 2}),
    # Batch 13 after its round (first contact, the loader after the twelfth round: bodies 62,
    # duties 159, relations 40, low-results duties 24, extra duties 8). The amending order
    # (h1308) quotes four clauses the loader does not find.
    THIRTEENTH: ({"clauses": 245, "bodies": 70, "duties": 200, "relations": 49, "low_results": 36},
                 {"bodies": 4, "duties": 2}),
    # Batch 14 after its round (first contact, the loader after the thirteenth round: bodies 66,
    # duties 160, relations 36, low-results duties 27, extra bodies 7, extra duties 27, four
    # invented clauses in the explanatory note h1409 and one wrong merge, h1408's «ОО с НОР» and
    # «ОО» read as one class). Of the eight bodies it misses, four are kinds or levels its truth
    # gives against the glossary (two municipal centres as methodological centres, a working
    # group as a council, a federal university as a regional institute), two classes of schools
    # named only in passing and two bodies named only as the issuers of acts the text cites,
    # which the loader leaves out on purpose.
    FOURTEENTH: ({"clauses": 200, "bodies": 73, "duties": 194, "relations": 55, "low_results": 46},
                 {"bodies": 4, "duties": 1}),
    # Batch 15 after its round (first contact, the loader after the fourteenth round: bodies 67,
    # duties 213, relations 42, low-results duties 37, extra bodies 17, extra duties 30, and two
    # wrong merges in the register h1510, gone since bodies whose ids would collide are kept
    # apart).
    FIFTEENTH: ({"clauses": 212, "bodies": 74, "duties": 242, "relations": 52, "low_results": 40},
                {"bodies": 17, "duties": 12}),
    # Batch 16 after its round (first contact, the loader after the fifteenth round: clauses
    # 256, duties 165, relations 40, low-results duties 22, extra bodies 9, extra duties 17, and
    # 35 clauses invented from the markup of h1608, a page saved as raw HTML, now read as HTML).
    # (duties 188 since the seventeenth round's «Содержание деятельности X:» heads)
    SIXTEENTH: ({"clauses": 268, "bodies": 67, "duties": 193, "relations": 55, "low_results": 37},
                {"bodies": 6, "duties": 2, "clauses": 0}),
    # Batch 17 after its round (first contact, the loader after the sixteenth round: bodies 57,
    # duties 144, relations 35, low-results duties 14, extra bodies 8, extra duties 11).
    SEVENTEENTH: ({"clauses": 198, "bodies": 63, "duties": 161, "relations": 37,
                  "low_results": 17},
                  {"bodies": 7, "duties": 1}),
    # Batch 18 after its round (first contact, the loader after the seventeenth round: bodies
    # 64, duties 179, relations 41, low-results duties 31, extra duties 9).
    EIGHTEENTH: ({"clauses": 221, "bodies": 69, "duties": 196, "relations": 46, "low_results": 33},
                 {"bodies": 9, "duties": 4}),
    # Batches 19–21 after the nineteenth round and the low-results round (first contact, the
    # loader after the seventeenth round: batch 19 bodies 50, duties 195, relations 53,
    # low-results duties 22, extra bodies 6, extra duties 4; batch 20 bodies 64, duties 189,
    # relations 47, low-results duties 42, extra duties 3; batch 21 bodies 60, duties 190,
    # relations 41, low-results duties 15, extra bodies 6, extra duties 9).
    NINETEENTH: ({"clauses": 250, "bodies": 59, "duties": 227, "relations": 62, "low_results": 33},
                 {"bodies": 0, "duties": 0}),
    TWENTIETH: ({"clauses": 224, "bodies": 67, "duties": 203, "relations": 54, "low_results": 48},
                {"bodies": 3, "duties": 0}),
    # (batch 21's bodies 63 since the kinds round: h2106's truth gives its subject resource
    # centre as a municipal service, where 19 of the 26 resource centres in the truths are
    # methodological centres)
    TWENTY_FIRST: ({"clauses": 256, "bodies": 63, "duties": 211, "relations": 46,
                   "low_results": 25},
                   {"bodies": 2, "duties": 0}),
    # Batches 22–25 after the twentieth round, its duties and its bodies (first contact, the
    # loader after the nineteenth round: bodies 67, 67, 52, 51; duties 226, 203, 165, 205;
    # relations 56, 53, 34, 54; low-results duties 58, 37, 18, 37; and batch 25's one wrong
    # merge, h2509's mentor schools and schools with low results read as one class of schools,
    # gone since a class given a second abbreviation of its own is another).
    TWENTY_SECOND: ({"clauses": 259, "bodies": 70, "duties": 239, "relations": 56,
                    "low_results": 60},
                    {"bodies": 5, "duties": 1}),
    TWENTY_THIRD: ({"clauses": 242, "bodies": 68, "duties": 210, "relations": 55,
                   "low_results": 37},
                   {"bodies": 9, "duties": 5}),
    TWENTY_FOURTH: ({"clauses": 216, "bodies": 56, "duties": 171, "relations": 40,
                    "low_results": 23},
                    {"bodies": 4, "duties": 0}),
    TWENTY_FIFTH: ({"clauses": 210, "bodies": 54, "duties": 223, "relations": 60,
                   "low_results": 40},
                   {"bodies": 4, "duties": 1}),
    # Batches 26 and 27 at first contact (the loader after the nineteenth round; after the
    # twentieth, batch 26 relations 45); no round written on them.
    TWENTY_SIXTH: ({"clauses": 218, "bodies": 58, "duties": 186, "relations": 45,
                   "low_results": 22},
                   {"bodies": 4, "duties": 1}),
    # (batch 27's bodies 49 since the federal cities' rule, written on seeing its misses)
    TWENTY_SEVENTH: ({"clauses": 220, "bodies": 51, "duties": 199, "relations": 44,
                     "low_results": 37},
                     {"bodies": 4, "duties": 4}),
    # Batches 28 and 29 after the twenty-first round, whose second part was written on their
    # misses (first contact, the loader after the round's first part: batch 28 bodies 72,
    # duties 260, relations 66, low-results duties 57, extra bodies 1, extra duties 2; batch 29
    # bodies 63, duties 241, relations 63, low-results duties 48, extra bodies 3, extra duties 7).
    TWENTY_EIGHTH: ({"clauses": 321, "bodies": 76, "duties": 269, "relations": 71,
                    "low_results": 60},
                    {"bodies": 1, "duties": 1}),
    TWENTY_NINTH: ({"clauses": 270, "bodies": 67, "duties": 243, "relations": 63,
                   "low_results": 48},
                   {"bodies": 3, "duties": 1}),
    # Batches 30 and 31 after the twenty-second round, written on their misses (first contact,
    # the loader after the twenty-first round and the «далее соответственно» rule: batch 30
    # bodies 70, duties 284, relations 61, low-results duties 63, extra bodies 7, extra duties
    # 0; batch 31 bodies 67, duties 290, relations 60, low-results duties 75, extra bodies 11,
    # extra duties 18, and one wrong merge, h3104's schools-participants read as its base school,
    # gone since a short name of schools by their part binds to the schools named before it).
    THIRTIETH: ({"clauses": 308, "bodies": 74, "duties": 289, "relations": 67, "low_results": 64},
                {"bodies": 4, "duties": 0}),
    THIRTY_FIRST: ({"clauses": 347, "bodies": 70, "duties": 296, "relations": 72,
                   "low_results": 77},
                   {"bodies": 9, "duties": 9}),
    # Batches 32 and 33 after the twenty-third round, written on their misses (first contact,
    # the loader after the twenty-second round: batch 32 clauses 335, bodies 67, duties 260,
    # relations 62, low-results duties 38, extra bodies 11, extra duties 4; batch 33 bodies 65,
    # duties 279, relations 64, low-results duties 50 of 50, extra bodies 9, extra duties 3).
    # (and batch 33's one wrong merge at first contact, h3309's «кафедры (методического
    # объединения) учителей … гимназии … (далее – кафедра, гимназия)», gone since a name goes
    # on after another name of the body in parentheses and two short names of two kinds are
    # two bodies').
    THIRTY_SECOND: ({"clauses": 335, "bodies": 69, "duties": 275, "relations": 65,
                    "low_results": 41},
                    {"bodies": 7, "duties": 6}),
    THIRTY_THIRD: ({"clauses": 285, "bodies": 67, "duties": 283, "relations": 64,
                   "low_results": 50},
                   {"bodies": 7, "duties": 0}),
    # Batches 34 and 35 after the twenty-fourth round, written on their misses (first contact,
    # the loader after the twenty-third round and the rule for a name going on after another
    # name in parentheses: batch 34 bodies 73, duties 206, relations 61, low-results duties 37,
    # extra bodies 6, extra duties 8, two wrong merges; batch 35 bodies 75, duties 248,
    # relations 53, low-results duties 62, extra bodies 8, extra duties 17, one wrong merge —
    # all three gone since two short names of a body and the body inside its name are two
    # bodies' and a place's name in quotes is no body's proper name).
    THIRTY_FOURTH: ({"clauses": 291, "bodies": 75, "duties": 220, "relations": 64,
                    "low_results": 45},
                    {"bodies": 5, "duties": 6}),
    THIRTY_FIFTH: ({"clauses": 308, "bodies": 78, "duties": 274, "relations": 59,
                   "low_results": 71},
                   {"bodies": 6, "duties": 1}),
    # Batches 36 and 37 at first contact, on the loader after the twenty-fourth round; no round
    # written on them.
    THIRTY_SIXTH: ({"clauses": 306, "bodies": 73, "duties": 237, "relations": 70,
                   "low_results": 49},
                   {"bodies": 8, "duties": 3}),
    THIRTY_SEVENTH: ({"clauses": 269, "bodies": 68, "duties": 198, "relations": 54,
                     "low_results": 38},
                     {"bodies": 6, "duties": 3}),
    # Batches 38 and 39 after the twenty-fifth round, written on their misses (first contact,
    # the loader after the twenty-fourth round: batch 38 bodies 59, duties 214, relations 53,
    # low-results duties 46, extra duties 3; batch 39 bodies 60, duties 202, relations 46,
    # low-results duties 50, extra duties 9; no wrong merge).
    THIRTY_EIGHTH: ({"clauses": 290, "bodies": 59, "duties": 220, "relations": 53,
                    "low_results": 47},
                    {"bodies": 3, "duties": 0}),
    THIRTY_NINTH: ({"clauses": 263, "bodies": 65, "duties": 224, "relations": 52,
                   "low_results": 62},
                   {"bodies": 2, "duties": 0}),
    # Batches 40 and 41 after the twenty-sixth round, written on their misses (first contact,
    # the loader after the twenty-fifth round: batch 40 clauses 274, bodies 66, duties 211,
    # relations 54, low-results duties 31, extra bodies 4, extra duties 15, its h4009 refused
    # for the act kind «procedure» of its metadata (with it accepted: bodies 71, duties 235,
    # low-results duties 50); batch 41 bodies 62, duties 209, relations 48, low-results duties
    # 39, extra bodies 4; no wrong merge).
    FORTIETH: ({"clauses": 300, "bodies": 73, "duties": 244, "relations": 58, "low_results": 53},
               {"bodies": 4, "duties": 0}),
    FORTY_FIRST: ({"clauses": 276, "bodies": 64, "duties": 217, "relations": 48,
                  "low_results": 43},
                  {"bodies": 4, "duties": 0}),
    # Batches 42 and 43 after the twenty-seventh round, written on their misses (first contact,
    # the loader after the twenty-sixth round and the «по плану» rule: batch 42 bodies 66, duties
    # 222, relations 50, low-results duties 45, extra bodies 6, extra duties 6; batch 43 clauses
    # 250, bodies 55, duties 174, relations 48, low-results duties 36, extra duties 16, its h4309
    # refused for the act kind «plan» of its metadata and h4308, a web page whose clauses were
    # glued to their headings, read at 14 of 27 clauses; no wrong merge).
    FORTY_SECOND: ({"clauses": 282, "bodies": 67, "duties": 225, "relations": 52,
                   "low_results": 45},
                   {"bodies": 5, "duties": 2}),
    FORTY_THIRD: ({"clauses": 290, "bodies": 62, "duties": 210, "relations": 49,
                  "low_results": 54},
                  {"bodies": 3, "duties": 1}),
    # Batches 44 and 45 at first contact, on the loader after the twenty-seventh round (batch 45
    # duties 235, extra duties 2); the twenty-eighth round's one rule («Мониторинг проводится
    # ИМЦ …» written up to its verb) raised batch 45 by a duty.
    FORTY_FOURTH: ({"clauses": 299, "bodies": 64, "duties": 216, "relations": 56,
                   "low_results": 42},
                   {"bodies": 4, "duties": 1}),
    FORTY_FIFTH: ({"clauses": 294, "bodies": 65, "duties": 238, "relations": 42,
                  "low_results": 51},
                  {"bodies": 3, "duties": 1}),
    # Batch 46 at first contact, on the loader after the twenty-eighth round; no round written
    # on it. Batch 47 after the twenty-eighth round's second rule, written on its h4709 (first
    # contact, the loader after the round's first rule: bodies 65, duties 182, relations 52,
    # low-results duties 32, extra bodies 5; no wrong merge).
    FORTY_SIXTH: ({"clauses": 303, "bodies": 74, "duties": 222, "relations": 49,
                  "low_results": 45},
                  {"bodies": 8, "duties": 8}),
    FORTY_SEVENTH: ({"clauses": 272, "bodies": 68, "duties": 192, "relations": 56,
                    "low_results": 38},
                    {"bodies": 4, "duties": 4}),
    FORTY_EIGHTH: ({"clauses": 263, "bodies": 61, "duties": 195, "relations": 48,
                   "low_results": 30},
                   {"bodies": 4, "duties": 0}),
    FORTY_NINTH: ({"clauses": 336, "bodies": 73, "duties": 264, "relations": 54,
                  "low_results": 57},
                  {"bodies": 6, "duties": 0}),
    FIFTIETH: ({"clauses": 301, "bodies": 75, "duties": 239, "relations": 53, "low_results": 47},
               {"bodies": 7, "duties": 1}),
    FIFTY_FIRST: ({"clauses": 300, "bodies": 65, "duties": 237, "relations": 51,
                  "low_results": 44},
                  {"bodies": 4, "duties": 0}),
    FIFTY_SECOND: ({"clauses": 294, "bodies": 75, "duties": 206, "relations": 48,
                   "low_results": 34},
                   {"bodies": 2, "duties": 11}),
    FIFTY_THIRD: ({"clauses": 271, "bodies": 67, "duties": 250, "relations": 47,
                  "low_results": 50},
                  {"bodies": 12, "duties": 4}),
    FIFTY_FOURTH: ({"clauses": 283, "bodies": 75, "duties": 236, "relations": 63,
                   "low_results": 39},
                   {"bodies": 6, "duties": 3}),
    FIFTY_FIFTH: ({"clauses": 275, "bodies": 62, "duties": 205, "relations": 54,
                  "low_results": 43},
                  {"bodies": 2, "duties": 3}),
    FIFTY_SIXTH: ({"clauses": 269, "bodies": 71, "duties": 209, "relations": 61,
                  "low_results": 41},
                  {"bodies": 10, "duties": 3}),
    FIFTY_SEVENTH: ({"clauses": 291, "bodies": 67, "duties": 200, "relations": 47,
                    "low_results": 40},
                    {"bodies": 2, "duties": 10}),
    FIFTY_EIGHTH: ({"clauses": 269, "bodies": 67, "duties": 215, "relations": 50,
                   "low_results": 39},
                   {"bodies": 5, "duties": 6}),
    FIFTY_NINTH: ({"clauses": 257, "bodies": 59, "duties": 197, "relations": 31,
                  "low_results": 32},
                  {"bodies": 6, "duties": 1}),
    SIXTIETH: ({"clauses": 284, "bodies": 78, "duties": 217, "relations": 53, "low_results": 42},
               {"bodies": 5, "duties": 1}),
    SIXTY_FIRST: ({"clauses": 282, "bodies": 63, "duties": 207, "relations": 51,
                  "low_results": 39},
                  {"bodies": 4, "duties": 2}),
    SIXTY_SECOND: ({"clauses": 301, "bodies": 71, "duties": 225, "relations": 56,
                   "low_results": 61},
                   {"bodies": 5, "duties": 0}),
    SIXTY_THIRD: ({"clauses": 286, "bodies": 69, "duties": 229, "relations": 45,
                  "low_results": 67},
                  {"bodies": 5, "duties": 11}),
    SIXTY_FOURTH: ({"clauses": 277, "bodies": 78, "duties": 210, "relations": 63,
                   "low_results": 50},
                   {"bodies": 5, "duties": 2}),
    SIXTY_FIFTH: ({"clauses": 304, "bodies": 81, "duties": 262, "relations": 75,
                  "low_results": 47},
                  {"bodies": 4, "duties": 4}),
    SIXTY_SIXTH: ({"clauses": 308, "bodies": 71, "duties": 254, "relations": 56,
                  "low_results": 57},
                  {"bodies": 6, "duties": 1}),
    SIXTY_SEVENTH: ({"clauses": 280, "bodies": 68, "duties": 239, "relations": 63,
                    "low_results": 60},
                    {"bodies": 3, "duties": 1}),
    SIXTY_EIGHTH: ({"clauses": 289, "bodies": 63, "duties": 225, "relations": 62,
                   "low_results": 49},
                   {"bodies": 4, "duties": 0}),
    SIXTY_NINTH: ({"clauses": 312, "bodies": 64, "duties": 228, "relations": 34,
                  "low_results": 38},
                  {"bodies": 4, "duties": 4}),
    SEVENTIETH: ({"clauses": 286, "bodies": 73, "duties": 228, "relations": 52, "low_results": 37},
                 {"bodies": 9, "duties": 6}),
    SEVENTY_FIRST: ({"clauses": 295, "bodies": 68, "duties": 217, "relations": 52,
                    "low_results": 47},
                    {"bodies": 3, "duties": 2}),
    SEVENTY_SECOND: ({"clauses": 289, "bodies": 70, "duties": 225, "relations": 52,
                     "low_results": 41},
                     {"bodies": 5, "duties": 3}),
    SEVENTY_THIRD: ({"clauses": 280, "bodies": 71, "duties": 230, "relations": 53,
                    "low_results": 47},
                    {"bodies": 3, "duties": 1}),
    SEVENTY_FOURTH: ({"clauses": 264, "bodies": 67, "duties": 210, "relations": 48,
                     "low_results": 50},
                     {"bodies": 1, "duties": 2}),
    SEVENTY_FIFTH: ({"clauses": 273, "bodies": 68, "duties": 219, "relations": 65,
                    "low_results": 48},
                    {"bodies": 6, "duties": 5}),
    SEVENTY_SIXTH: ({"clauses": 280, "bodies": 74, "duties": 224, "relations": 52,
                    "low_results": 38},
                    {"bodies": 3, "duties": 0}),
    SEVENTY_SEVENTH: ({"clauses": 283, "bodies": 74, "duties": 223, "relations": 40,
                      "low_results": 69},
                      {"bodies": 7, "duties": 4}),
    # (its h7810's «региональным методическим активом» is merged with the text's own aktiv)
    SEVENTY_EIGHTH: ({"clauses": 281, "bodies": 63, "duties": 203, "relations": 44,
                     "low_results": 42},
                     {"bodies": 7, "duties": 1, "merges": 1}),
    SEVENTY_NINTH: ({"clauses": 263, "bodies": 71, "duties": 218, "relations": 56,
                    "low_results": 35},
                    {"bodies": 2, "duties": 2}),
    EIGHTIETH: ({"clauses": 287, "bodies": 77, "duties": 262, "relations": 58, "low_results": 64},
                {"bodies": 8, "duties": 2}),
    EIGHTY_FIRST: ({"clauses": 272, "bodies": 65, "duties": 203, "relations": 39,
                   "low_results": 42},
                   {"bodies": 4, "duties": 3}),
    EIGHTY_SECOND: ({"clauses": 317, "bodies": 73, "duties": 259, "relations": 62,
                    "low_results": 81},
                    {"bodies": 0, "duties": 3}),
    EIGHTY_THIRD: ({"clauses": 262, "bodies": 71, "duties": 227, "relations": 60,
                   "low_results": 47},
                   {"bodies": 5, "duties": 2}),
    EIGHTY_FOURTH: ({"clauses": 282, "bodies": 71, "duties": 229, "relations": 59,
                    "low_results": 57},
                    {"bodies": 4, "duties": 0}),
    EIGHTY_FIFTH: ({"clauses": 311, "bodies": 77, "duties": 245, "relations": 62,
                   "low_results": 42},
                   {"bodies": 9, "duties": 0}),
    EIGHTY_SIXTH: ({"clauses": 319, "bodies": 80, "duties": 284, "relations": 68,
                   "low_results": 57},
                   {"bodies": 6, "duties": 2}),
    EIGHTY_SEVENTH: ({"clauses": 304, "bodies": 75, "duties": 218, "relations": 57,
                     "low_results": 45},
                     {"bodies": 10, "duties": 12}),
    EIGHTY_EIGHTH: ({"clauses": 282, "bodies": 71, "duties": 251, "relations": 47,
                    "low_results": 57},
                    {"bodies": 6, "duties": 8}),
    EIGHTY_NINTH: ({"clauses": 331, "bodies": 67, "duties": 248, "relations": 59,
                   "low_results": 56},
                   {"bodies": 5, "duties": 0}),
    NINETIETH: ({"clauses": 294, "bodies": 72, "duties": 240, "relations": 56, "low_results": 51},
                {"bodies": 5, "duties": 0}),
    NINETY_FIRST: ({"clauses": 280, "bodies": 74, "duties": 245, "relations": 55,
                   "low_results": 56},
                   {"bodies": 3, "duties": 2}),
    NINETY_SECOND: ({"clauses": 278, "bodies": 73, "duties": 253, "relations": 45,
                    "low_results": 59},
                    {"bodies": 11, "duties": 1}),
    NINETY_THIRD: ({"clauses": 333, "bodies": 70, "duties": 235, "relations": 57,
                   "low_results": 53},
                   {"bodies": 2, "duties": 1}),
    NINETY_FOURTH: ({"clauses": 298, "bodies": 69, "duties": 221, "relations": 49,
                    "low_results": 42},
                    {"bodies": 5, "duties": 1}),
    NINETY_FIFTH: ({"clauses": 287, "bodies": 69, "duties": 236, "relations": 47,
                   "low_results": 57},
                   {"bodies": 4, "duties": 5}),
    NINETY_SIXTH: ({"clauses": 275, "bodies": 65, "duties": 214, "relations": 50,
                   "low_results": 56},
                   {"bodies": 7, "duties": 2}),
    NINETY_SEVENTH: ({"clauses": 278, "bodies": 69, "duties": 204, "relations": 52,
                     "low_results": 46},
                     {"bodies": 7, "duties": 3}),
    NINETY_EIGHTH: ({"clauses": 271, "bodies": 65, "duties": 197, "relations": 41,
                    "low_results": 42},
                    {"bodies": 3, "duties": 1}),
    NINETY_NINTH: ({"clauses": 289, "bodies": 72, "duties": 268, "relations": 46,
                   "low_results": 67},
                   {"bodies": 5, "duties": 1}),
    HUNDREDTH: ({"clauses": 290, "bodies": 83, "duties": 227, "relations": 53, "low_results": 42},
                {"bodies": 2, "duties": 0}),
    HUNDRED_FIRST: ({"clauses": 277, "bodies": 67, "duties": 231, "relations": 40,
                    "low_results": 47},
                    {"bodies": 9, "duties": 0}),
    HUNDRED_SECOND: ({"clauses": 290, "bodies": 67, "duties": 223, "relations": 54,
                     "low_results": 38},
                     {"bodies": 6, "duties": 8}),
    HUNDRED_THIRD: ({"clauses": 297, "bodies": 64, "duties": 239, "relations": 60,
                    "low_results": 52},
                    {"bodies": 6, "duties": 1}),
    HUNDRED_FOURTH: ({"clauses": 288, "bodies": 65, "duties": 229, "relations": 44,
                     "low_results": 45},
                     {"bodies": 8, "duties": 7}),
    HUNDRED_FIFTH: ({"clauses": 279, "bodies": 68, "duties": 221, "relations": 53,
                    "low_results": 53},
                    {"bodies": 5, "duties": 4}),
    HUNDRED_SIXTH: ({"clauses": 275, "bodies": 66, "duties": 212, "relations": 54,
                    "low_results": 39},
                    {"bodies": 5, "duties": 6}),
    HUNDRED_SEVENTH: ({"clauses": 266, "bodies": 61, "duties": 187, "relations": 47,
                      "low_results": 36},
                      {"bodies": 4, "duties": 2}),
    HUNDRED_EIGHTH: ({"clauses": 298, "bodies": 64, "duties": 215, "relations": 44,
                     "low_results": 52},
                     {"bodies": 4, "duties": 0}),
    HUNDRED_NINTH: ({"clauses": 279, "bodies": 74, "duties": 237, "relations": 57,
                    "low_results": 54},
                    {"bodies": 7, "duties": 9}),
    HUNDRED_TENTH: ({"clauses": 300, "bodies": 63, "duties": 244, "relations": 57,
                    "low_results": 54},
                    {"bodies": 8, "duties": 5}),
    HUNDRED_ELEVENTH: ({"clauses": 329, "bodies": 73, "duties": 268, "relations": 44,
                       "low_results": 57},
                       {"bodies": 9, "duties": 3}),
    HUNDRED_TWELFTH: ({"clauses": 288, "bodies": 76, "duties": 232, "relations": 43,
                      "low_results": 59},
                      {"bodies": 7, "duties": 5}),
    HUNDRED_THIRTEENTH: ({"clauses": 294, "bodies": 68, "duties": 235, "relations": 52,
                         "low_results": 45},
                         {"bodies": 2, "duties": 0}),
    HUNDRED_FOURTEENTH: ({"clauses": 283, "bodies": 69, "duties": 238, "relations": 42,
                         "low_results": 55},
                         {"bodies": 9, "duties": 4}),
    HUNDRED_FIFTEENTH: ({"clauses": 299, "bodies": 73, "duties": 226, "relations": 54,
                        "low_results": 51},
                        {"bodies": 2, "duties": 4}),
    HUNDRED_SIXTEENTH: ({"clauses": 296, "bodies": 62, "duties": 210, "relations": 46,
                        "low_results": 49},
                        {"bodies": 11, "duties": 7}),
    HUNDRED_SEVENTEENTH: ({"clauses": 275, "bodies": 67, "duties": 227, "relations": 44,
                          "low_results": 55},
                          {"bodies": 11, "duties": 4}),
    HUNDRED_EIGHTEENTH: ({"clauses": 286, "bodies": 71, "duties": 209, "relations": 52,
                         "low_results": 44},
                         {"bodies": 0, "duties": 6}),
    HUNDRED_NINETEENTH: ({"clauses": 298, "bodies": 72, "duties": 248, "relations": 44,
                         "low_results": 70},
                         {"bodies": 6, "duties": 9}),
    HUNDRED_TWENTIETH: ({"clauses": 267, "bodies": 65, "duties": 220, "relations": 43,
                        "low_results": 54},
                        {"bodies": 1, "duties": 1}),
    HUNDRED_TWENTY_FIRST: ({"clauses": 287, "bodies": 62, "duties": 245, "relations": 50,
                           "low_results": 54},
                           {"bodies": 12, "duties": 6}),
    HUNDRED_TWENTY_SECOND: ({"clauses": 289, "bodies": 61, "duties": 205, "relations": 41,
                            "low_results": 50},
                            {"bodies": 5, "duties": 1}),
    HUNDRED_TWENTY_THIRD: ({"clauses": 301, "bodies": 64, "duties": 209, "relations": 38,
                           "low_results": 49},
                           {"bodies": 5, "duties": 5}),
    HUNDRED_TWENTY_FOURTH: ({"clauses": 285, "bodies": 71, "duties": 232, "relations": 37,
                            "low_results": 81},
                            {"bodies": 2, "duties": 5}),
    HUNDRED_TWENTY_FIFTH: ({"clauses": 289, "bodies": 74, "duties": 244, "relations": 49,
                           "low_results": 65},
                           {"bodies": 3, "duties": 0}),
    HUNDRED_TWENTY_SIXTH: ({"clauses": 283, "bodies": 68, "duties": 205, "relations": 42,
                           "low_results": 51},
                           {"bodies": 6, "duties": 1}),
    HUNDRED_TWENTY_SEVENTH: ({"clauses": 310, "bodies": 81, "duties": 251, "relations": 47,
                             "low_results": 60},
                             {"bodies": 14, "duties": 2}),
    HUNDRED_TWENTY_EIGHTH: ({"clauses": 291, "bodies": 66, "duties": 204, "relations": 58,
                            "low_results": 57},
                            {"bodies": 3, "duties": 6}),
    HUNDRED_TWENTY_NINTH: ({"clauses": 300, "bodies": 71, "duties": 244, "relations": 43,
                           "low_results": 47},
                           {"bodies": 5, "duties": 4}),
    HUNDRED_THIRTIETH: ({"clauses": 306, "bodies": 78, "duties": 251, "relations": 50,
                        "low_results": 52},
                        {"bodies": 6, "duties": 1}),
    HUNDRED_THIRTY_FIRST: ({"clauses": 272, "bodies": 61, "duties": 215, "relations": 43,
                           "low_results": 53},
                           {"bodies": 2, "duties": 3}),
    HUNDRED_THIRTY_SECOND: ({"clauses": 283, "bodies": 69, "duties": 202, "relations": 41,
                            "low_results": 44},
                            {"bodies": 10, "duties": 10}),
    HUNDRED_THIRTY_THIRD: ({"clauses": 323, "bodies": 63, "duties": 256, "relations": 49,
                           "low_results": 63},
                           {"bodies": 2, "duties": 9}),
    HUNDRED_THIRTY_FOURTH: ({"clauses": 262, "bodies": 67, "duties": 218, "relations": 43,
                            "low_results": 48},
                            {"bodies": 5, "duties": 0}),
    HUNDRED_THIRTY_FIFTH: ({"clauses": 258, "bodies": 67, "duties": 220, "relations": 40,
                           "low_results": 52},
                           {"bodies": 7, "duties": 3}),
    HUNDRED_THIRTY_SIXTH: ({"clauses": 286, "bodies": 55, "duties": 211, "relations": 44,
                           "low_results": 44},
                           {"bodies": 9, "duties": 6}),
    HUNDRED_THIRTY_SEVENTH: ({"clauses": 272, "bodies": 66, "duties": 199, "relations": 35,
                             "low_results": 46},
                             {"bodies": 8, "duties": 2}),
    HUNDRED_THIRTY_EIGHTH: ({"clauses": 283, "bodies": 75, "duties": 243, "relations": 51,
                            "low_results": 46},
                            {"bodies": 8, "duties": 4}),
    HUNDRED_THIRTY_NINTH: ({"clauses": 264, "bodies": 61, "duties": 211, "relations": 49,
                           "low_results": 52},
                           {"bodies": 12, "duties": 1}),
}




@pytest.fixture(scope="module", params=sorted(HELD), ids=lambda p: p.name)
def held(request: pytest.FixtureRequest) -> tuple[Path, list[Score]]:
    return request.param, _all_scores()[request.param]


def test_a_later_batch_keeps_its_scores(held: tuple[Path, list[Score]]) -> None:
    folder, scores = held
    total = Score("overall")
    for s in scores:
        total.add(s)
    misses = "\n".join(f"{s.name}: {m}" for s in scores for m in s.misses)
    floors, _ = HELD[folder]
    assert {m: total.found[m] for m in METRICS if total.found[m] < floors[m]} == {}, \
        table(scores) + "\n" + misses


def test_a_later_batch_merges_nothing_invents_nothing_and_adds_few(
        held: tuple[Path, list[Score]]) -> None:
    folder, scores = held
    _, extra = HELD[folder]
    merges = [m for s in scores for m in s.wrong_merges]
    assert len(merges) <= extra.get("merges", 0), merges
    # Only a batch no round has been written on may hold invented clauses, at most as many as
    # at first contact.
    invented = {s.name: s.extra_clauses for s in scores if s.extra_clauses}
    assert sum(invented.values()) <= extra.get("clauses", 0), invented
    assert sum(s.extra_bodies for s in scores) <= extra["bodies"]
    assert sum(s.extra_duties for s in scores) <= extra["duties"]

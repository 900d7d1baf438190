"""The domain rules live in graph/rules.py only: a copy anywhere else in the code fails here,
naming its file and line (the copies that once diverged are why, see issue #16)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = Path("graph/rules.py")
TREES = ("graph", "api", "cli", "viz", "bench")

COPIES: dict[str, re.Pattern[str]] = {
    "the monitoring-period pattern": re.compile(r"H\[12\]|Q\[1-4\]"),
    "the literal load norm": re.compile(
        r"(?i)\b(load_)?norm\b\s*(:\s*int\s*)?=\s*25\b|norm[^\n]*\b25 teachers|LOAD_NORM\W+25\b"),
    "a rule defined again": re.compile(
        r"^def (period_bounds|period_of|previous_period|latest_period|default_period"
        r"|data_period|active_on|active_during|counts_in_period|counts_in_window"
        r"|territory_closure|municipalities|region_of|young_specialist|route_open"
        r"|deficit_found|diagnosed_by|diagnosed_within|completed_by|results_flagged"
        r"|load_norm|is_methodist_role|experienced|territory_distance|territory_level)\("),
    "a rule's constant set again": re.compile(
        r"^(YOUNG_SPECIALIST_\w+|METHODIST_ROLES|METHODIST_BODY_KINDS|PERIOD_PATTERN"
        r"|DATED_SUPPORT|LOAD_NORM|DEFAULT_LOAD_NORM|MENTEES|EXPERIENCE_YEARS)\s*(:[^=]*)?=\s*[\d(\"'f\[]"),
    "a date window compared by hand": re.compile(
        r"""get\(["'](start|end|created|date)["'][^)]*\)[^#\n]*(<=|>=| < | > )"""
        r"""|(<=|>=| < | > )[^#\n]*get\(["'](start|end|created|date)["'][^)]*\)"""),
    "a route's status judged by hand": re.compile(
        r"""get\(["']status["']\)\s*[!=]=\s*["']cancelled"""),
    "a region's municipalities read by hand": re.compile(
        r"""nodes\(\s*["']Municipality["']\s*,\s*(where=)?\{\s*["']region_id"""),
    "a municipality's region read by hand": re.compile(
        r"""(props\.get\(|props\[)\s*["']region_id["']"""),
    "a young specialist's age limit written again": re.compile(
        r"(?i)(age|young)\w*\s*[<>]=?\s*35\b"),
}


# Where a pattern is the rule's own source rather than a copy.
SOURCE_OF = {"the literal load norm": "graph/settings.py"}


def _sources() -> list[Path]:
    found = []
    for tree in TREES:
        for path in sorted((ROOT / tree).rglob("*.py")):
            rel = path.relative_to(ROOT)
            if rel != RULES:
                found.append(rel)
    return found


def copies_in(text: str, where: str) -> list[str]:
    """``file:line: what`` for every line of ``text`` that writes a rule again.

    >>> copies_in('x = re.compile(r"^\\\\d{4}-(H[12]|Q[1-4]|Y)$")\\nload_norm = 25', "a.py")
    ['a.py:1: the monitoring-period pattern', 'a.py:2: the literal load norm']
    """
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        for what, pattern in COPIES.items():
            if pattern.search(line) and SOURCE_OF.get(what) != where:
                out.append(f"{where}:{number}: {what}")
    return out


def test_the_rules_are_written_once() -> None:
    found = [c for path in _sources()
             for c in copies_in((ROOT / path).read_text(encoding="utf-8"), str(path))]
    assert found == [], "a domain rule written outside graph/rules.py (call it instead):\n" + (
        "\n".join(found))


@pytest.mark.parametrize("planted, what", [
    ('PERIOD = r"^(\\d{4})-(H[12]|Q[1-4]|Y)$"', "the monitoring-period pattern"),
    ("    norm = 25  # the load norm", "the literal load norm"),
    ("def territory_closure(store, ids):", "a rule defined again"),
    ("YOUNG_SPECIALIST_MAX_AGE = 35", "a rule's constant set again"),
    ('    if e.props.get("end") >= first:', "a date window compared by hand"),
    ('    ok = route.props.get("created", "") <= on', "a date window compared by hand"),
    ('    if r.props.get("status") == "cancelled":', "a route's status judged by hand"),
    ('    ms = store.nodes("Municipality", where={"region_id": r})',
     "a region's municipalities read by hand"),
    ('    region = m.props["region_id"]', "a municipality's region read by hand"),
    ("    young = age < 35", "a young specialist's age limit written again"),
])
def test_a_planted_copy_is_found(tmp_path: Path, planted: str, what: str) -> None:
    """Each pattern finds the copy it is for, with its file and line."""
    plant = tmp_path / "planted.py"
    plant.write_text(f'"""A copy."""\n\n{planted}\n', encoding="utf-8")
    assert f"{plant}:3: {what}" in copies_in(plant.read_text(encoding="utf-8"), str(plant))

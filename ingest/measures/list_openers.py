"""Action lists that open without an action heading (for ``action_list``).

Two layouts put measures in a list without an 'Åtgärder' heading above them:

* a **lead-in sentence** that names the measures and ends in a colon, then a numbered
  list from 1::

      För att minska utsläppen från transporter bör vi fokusera på ett antal åtgärder:

      1. Varje nytt fordon ska vara ett miljöfordon.
      2. En resepolicy ska tas fram.

  Items that open in lower case continue the lead-in's sentence ('kommunen kan välja
  mellan följande åtgärder: 1. utnyttja finansieringsinstrument …') and are an
  enumeration, not the plan's own measures; a bulleted list after such a lead-in is as
  often a list of decisions or options ('beslutade om följande åtgärder: - Antal utförda
  timmar ska återgå …') and opens nothing either. A lead-in list needs two items;

* a **goal without its heading**: in a plan that elsewhere follows a goal ('Mål 3' and
  its statement) with an 'Åtgärder' heading and its measures, a goal followed directly by
  paragraphs or bullets has left the heading out. Its bullets are measures, and so are its
  paragraphs that state what shall be done ('ska', 'bör'); figures and key ratios under a
  goal ('Nyckeltal: kWh per m2', '2009 – 224 kWh/m2') are not. A document that never
  pairs a goal with an action heading (an annual follow-up commenting on its goals)
  opens nothing this way.
"""

from __future__ import annotations

import re

from ingest.measures.list_units import ListUnit, UnitKind

K = UnitKind
LIST_ITEM = re.compile(r"^\s*(?:[•\uf0b7▪●*–-]|\d{1,2}[.)]|[a-z][)])\s+(?P<text>\S)")
_NUMBERED_ITEM = re.compile(r"^\s*(?P<n>\d{1,2})[.)]\s+(?P<text>\S)")
_NAMES_MEASURES = re.compile(
    r"\b(?:åtgärd(?:er|erna)?|aktivitet(?:er|erna)?|insats(?:er|erna)?|åtgärdsförslag)\b",
    re.IGNORECASE,
)
_DIRECTIVE = re.compile(r"\b(?:ska|skall|bör|behöver)\b", re.IGNORECASE)
_HEADINGS = frozenset({K.ACTION, K.TABLE, K.GOAL, K.GROUP, K.SECTION})


def capital_item(line: str) -> bool:
    """A numbered list item ('1. Varje …', '2) Ta fram …') whose text opens with a capital."""
    match = _NUMBERED_ITEM.match(line)
    return match is not None and match.group("text").isupper()


def lead_in(unit: ListUnit, after: ListUnit | None) -> bool:
    """A paragraph ending in ':' whose last sentence names measures, with a numbered list
    of capitalised items, starting at 1, right after it."""
    if unit.kind is not K.TEXT or after is None or not unit.lines[-1].rstrip().endswith(":"):
        return False
    last = re.split(r"[.!?]\s+", " ".join(unit.lines))[-1]
    first = _NUMBERED_ITEM.match(after.head)
    return bool(_NAMES_MEASURES.search(last) and first and first.group("n") == "1") and (
        capital_item(after.head)
    )


def pairs_goals_with_actions(units: list[ListUnit]) -> bool:
    """True when some goal is followed (before any other heading) by an action heading."""
    goal = False
    for unit in units:
        if unit.kind is K.ACTION and goal:
            return True
        if unit.kind in _HEADINGS:
            goal = unit.kind is K.GOAL
    return False


def goal_with_items(unit: ListUnit, after: ListUnit | None) -> bool:
    """A goal directly followed by a paragraph or a bullet (no heading between)."""
    return unit.kind is K.GOAL and after is not None and after.kind is K.TEXT


def directive(text: str) -> bool:
    """A paragraph that states what shall be done ('… ska införas', '… bör öka')."""
    return text[:1].isupper() and bool(_DIRECTIVE.search(text))


def numbered_item(numbered: int, unit: ListUnit, chapter: int) -> bool:
    """'1. Ta fram en resepolicy' looks like a heading but continues a numbered list;
    the next chapter's number ('9. Uppföljning' after '8. Åtgärder') stays a heading."""
    if "." in unit.number or not unit.number.isdigit():
        return False
    number = int(unit.number)
    if chapter and number == chapter + 1:
        return False
    if number == 1:
        return numbered == 0
    return numbered > 0 and number == numbered + 1


def as_item(units: list[ListUnit], i: int) -> None:
    """Turn a numbered 'heading' back into a list item, with the unbulleted lines that
    follow it in its block ('4. Sätta upp en' + 'Mora-Filipstad-skylt')."""
    unit = units[i]
    unit.kind = K.TEXT
    block = unit.position // 1000
    while i + 1 < len(units):
        nxt = units[i + 1]
        same = nxt.page == unit.page and nxt.position // 1000 == block
        if not same or nxt.kind is not K.TEXT or LIST_ITEM.match(nxt.head):
            break
        unit.lines += nxt.lines
        del units[i + 1]

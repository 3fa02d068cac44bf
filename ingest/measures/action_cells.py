"""Cells of an action-plan table, recognised by shape rather than position.

The PDF text layer gives an action plan as a stream of blocks: activity, description,
owner (a short role: 'Områdeschef', 'HS-direktör', 'OC/EC'), tidpunkt ('Jan 2017',
'2017-2018', 'Pågår', 'Möjlighet') and a status comment. Owner and tidpunkt are the
anchors: they are recognised from their shape and vocabulary. When the PDF squashed a
row onto one line ('Utred utökning av vårdnära Syftet är … Områdes- 2017 Örjan …') the
line is cut at those anchors. Everything else is text, to be placed by ``action_rows``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from ingest.measures.dates import is_due_text
from ingest.measures.text import join_bulleted, join_lines

# Role words an owner cell is made of (as the end of a compound: 'Stabsarbetsgrupp').
_ROLE_STEM_LIST = (
    "chef chefer chefen direktör direktören grupp gruppen ansvarig ansvariga samordnare "
    "ledare ledning ledningen nämnd nämnden styrelse styrelsen förvaltning förvaltningen "
    "enhet enheten stab staben controller strateg handläggare kommitté sekreterare "
    "koordinator ekonom utvecklare rådgivare avdelning avdelningen kontor kontoret "
    "sektion team teamet funktion ombud projektledare rektor utskott utskottet "
    "fullmäktige kansli kansliet ordförande konsult konsulter ägare personal"
)
ROLE_STEMS: tuple[str, ...] = tuple(_ROLE_STEM_LIST.split())
# Short role words that count only as a whole word ('IT', 'HR'), never as an ending.
_ROLE_WORDS = frozenset({"it", "hr", "avd", "kansli"})
_ROLE = re.compile(rf"(?:{'|'.join(sorted(ROLE_STEMS, key=len, reverse=True))})$", re.I)
_ABBREV = re.compile(r"^[A-ZÅÄÖ]{1,5}(?:[/&,][A-ZÅÄÖ]{1,5})*$")
_FRAGMENT = re.compile(r"^[A-ZÅÄÖ][\wåäöÅÄÖ]*-$")
_DUE_WORD = re.compile(
    r"^(?:Pågår|Möjlighet|Löpande|Kontinuerligt|Kontinu|Omgående|Om-|Fortlöpande|Årligen)$"
)
_SECTION = re.compile(r"^(?P<num>\d{1,2})\.?\s+(?P<name>[A-ZÅÄÖ”\"].{2,})$")
_MAX_OWNER_WORDS = 6
# Words that make a phrase rather than a role ('Samordning av utskrivningsklara …').
_PHRASE_WORDS = frozenset({"av", "till", "att", "med", "på", "i", "om", "som", "är", "ska"})


class Kind(Enum):
    """What a cell is."""

    SECTION = "section"
    OWNER = "owner"
    DUE = "due"
    TEXT = "text"


@dataclass
class Cell:
    """One table cell (or a piece of one), in text order."""

    kind: Kind
    lines: list[str]
    page: int
    # 'row_start': text cut from the front of a squashed row; 'status': text after an
    # owner/tidpunkt on the same line; 'lead': a status cell that later lines continue.
    tags: set[str] = field(default_factory=set)

    @property
    def text(self) -> str:
        """The cell's lines as running text (bullets kept on lines of their own)."""
        return join_bulleted(self.lines)


def _role_word(word: str) -> bool:
    """A role ('Områdeschef', 'HS-direktör', 'OC/EC'): the last part of each compound."""
    bare = word.strip(",;:()")
    if _ABBREV.match(bare):
        return True
    parts = [p.split("-")[-1] for p in bare.split("/")]
    return any(part and (_ROLE.search(part) or part.casefold() in _ROLE_WORDS) for part in parts)


def owner_like(text: str) -> bool:
    """True for a short role phrase: 'Områdeschef primärvård', 'HS-direktör', 'OC/EC'."""
    words = text.split()
    if not words or len(words) > _MAX_OWNER_WORDS or re.search(r"\d|[.!?:;]\s|[.!?]$", text):
        return False
    if _PHRASE_WORDS & {w.casefold() for w in words} or text.count("(") != text.count(")"):
        return False
    if _FRAGMENT.match(words[0]) and len(words) == 1:
        return True
    first = words[0]
    if _ABBREV.match(first.strip(",;:")):
        return all(_ABBREV.match(w.strip(",;:")) for w in words) and len(text) >= 2
    return _role_word(first) and (first[:1].isupper() or first[:1] in '”"')


def join_owner(lines: list[str]) -> str:
    """Join an owner cell's lines; a word broken without hyphen is put back together.

    ['Områdeschef/perso', 'naldirektör'] → 'Områdeschef/personaldirektör', while
    ['Områdeschef', 'primärvård'] keeps its space.
    """
    out: list[str] = []
    for line in lines:
        if out and out[-1][-1:].islower() and line[:1].islower():
            last = re.split(r"[/\s]", out[-1])[-1]
            joined = last + line.split()[0]
            if last not in ("och", "eller", "samt") and not _role_word(last) and _role_word(joined):
                out[-1] = out[-1] + line
                continue
        out.append(line)
    return join_lines(out)


def due_like(text: str) -> bool:
    """True for a tidpunkt cell: 'Jan 2017', '2017-2018', 'Möjlighet', 'Kontinu erligt'."""
    return is_due_text(text) or bool(_DUE_WORD.match(text.strip()))


def section_heading(line: str, expected: int) -> tuple[int, str] | None:
    """(number, name) for a numbered group row '3 Struktur/ Samordning inom regionen'."""
    match = _SECTION.match(line.strip())
    if not match:
        return None
    number = int(match.group("num"))
    if expected and number not in (expected, expected + 1):
        return None
    if not expected and number > 3:
        return None
    return number, match.group("name").strip()


def _is_due_token(words: list[str], i: int) -> int:
    """Length (in words) of a tidpunkt starting at words[i], 0 if none."""
    for size in (2, 1):
        chunk = " ".join(words[i : i + size])
        if len(words[i : i + size]) == size and (
            _DUE_WORD.match(chunk) or (is_due_text(chunk, max_words=2) and re.search(r"\d", chunk))
        ):
            return size
    return 0


def _opens_status(words: list[str], i: int) -> bool:
    """Text after a tidpunkt starts a status: nothing, or a capitalised word."""
    return i >= len(words) or words[i][:1].isupper() or words[i][:1] in '”"('


def cut_squashed(line: str) -> tuple[str, str, str, str] | None:
    """Cut '<text> <owner> <tidpunkt> <status>' → the four parts; None if not squashed.

    The owner may be missing ('Påverka … också. Pågår Primärvården …') and the status
    empty ('Delta i AT-rekryteringen Pågår'); the text before must not be empty.
    """
    words = line.split()
    for i in range(1, len(words)):
        owner = ""
        j = i
        if _FRAGMENT.match(words[i]) or (_role_word(words[i]) and words[i][:1].isupper()):
            owner, j = words[i], i + 1
        size = _is_due_token(words, j) if j < len(words) else 0
        if not size or not _opens_status(words, j + size):
            continue
        if not owner and not (_DUE_WORD.match(words[j]) and words[j - 1][-1:] not in ",-"):
            continue
        before = " ".join(words[:i])
        if not owner and owner_like(before):
            return None
        return before, owner, " ".join(words[j : j + size]), " ".join(words[j + size :])
    return None


def cut_leading(line: str) -> tuple[str, str, str] | None:
    """Cut '[owner] <tidpunkt> <status…>' at a cell start → (owner, due, rest).

    '2017 Kopplas till ovanstående.', 'Pågår Modellen prövas …', 'IT-chef Pågår …',
    'OC/EC Kontinu'. The tidpunkt must be followed by nothing or a capitalised word.
    """
    words = line.split()
    if not words:
        return None
    owner = ""
    j = 0
    if len(words) > 1 and (_FRAGMENT.match(words[0]) or owner_like(words[0])):
        owner, j = words[0], 1
    size = _is_due_token(words, j)
    if not size or not _opens_status(words, j + size):
        return None
    return owner, " ".join(words[j : j + size]), " ".join(words[j + size :])


def cut_trailing_owner(line: str) -> tuple[str, str] | None:
    """Cut '<text> <owner>' at a cell end: 'Mellan olika avdelningar HS-direktör'."""
    words = line.split()
    if len(words) < 2:
        return None
    last = words[-1]
    if not ((_role_word(last) and last[:1].isupper() and len(last) > 3) or _FRAGMENT.match(last)):
        return None
    if re.search(r"[,(]$", words[-2]) or not owner_like(last):
        return None
    return " ".join(words[:-1]), last


def split_activity(line: str) -> tuple[str, str]:
    """Cut a squashed 'activity Description…' line at the description's capital letter.

    'Införa nya arbetssätt Enligt modell …' → ('Införa nya arbetssätt', 'Enligt modell …');
    a bullet also starts the description. Quoted words and acronyms do not cut.
    """
    words = line.split()
    quoted = False
    for i, word in enumerate(words):
        if i and not quoted and (word[:1] in "•▪" or (word[:1].isupper() and word[1:2].islower())):
            return " ".join(words[:i]), " ".join(words[i:])
        if (word.count("”") + word.count('"')) % 2 == 1:
            quoted = not quoted
    return line, ""

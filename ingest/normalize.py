"""The one place where extracted text is cleaned, for every parser.

Page text keeps its block structure: blocks (paragraphs, text frames, table cells) are separated
by one blank line, lines inside a block by a newline. ``normalize_text`` cleans a page,
``strip_running_lines`` removes running headers/footers across the pages of one document,
``normalize_line`` cleans a single cell or title and ``dehyphenate`` joins words broken across
lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from lagesbild.swedish import DASH, SPACE_CHARS

# Spaces that should read as a plain space (NBSP, narrow NBSP, thin/figure/hair spaces …).
_SPACE_TABLE = {ord(c): " " for c in SPACE_CHARS + "\t\v"}
# Characters with no visible meaning in extracted text.
_INVISIBLE_TABLE = {ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff"}
_SOFT_HYPHEN = "\u00ad"
# Terminal escape sequences (CSI 'ESC [ … m', OSC 'ESC ] … BEL/ST' such as hyperlinks, and the
# 8-bit forms) and other control characters: never part of what a document says, and never
# to reach a terminal. Bidirectional overrides and isolates go too (they reorder what is shown).
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, terminated or cut off
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]?"  # two-character escapes ('ESC c', 'ESC ( B') and a lone ESC
)
_CONTROL_TABLE: dict[int, str | None] = {
    c: None
    for c in [*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0x85), *range(0x86, 0xA0)]
}
_CONTROL_TABLE.update(
    {ord(c): None for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"}
)
_CONTROL_TABLE[ord("\f")] = "\n"

_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")
_MULTI_SPACE = re.compile(r" {2,}")
_MULTI_BLANK = re.compile(r"\n{3,}")
_SOFT_BREAK = re.compile(_SOFT_HYPHEN + r" *\n *")
# A word (letters/digits) ending in a hyphen at the end of a line, followed by a word.
_BROKEN_WORD = re.compile(r"(\w+)-\n(?=(\w+))")
# Words after a hyphen that make it a suspended compound ('risk- och konsekvens…').
_SUSPENDERS = frozenset({"och", "eller", "samt", "respektive", "resp", "som", "till", "än"})

# Lines that are clearly page numbering: '1 (5)', 'Sida 3 av 12', 'Sida 3', '- 3 -', '3/12'.
_PAGE_OF_LINE = re.compile(
    r"^(?:(?:sida|page|s\.)\s*\d{1,4}(?:\s*(?:av|of|/|\()\s*\d{1,4}\)?)?"
    r"|\d{1,4}\s*(?:\(\s*\d{1,4}\s*\)|(?:av|of|/)\s*\d{1,4})"
    rf"|{DASH}\s*\d{{1,4}}\s*{DASH})$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
# A header/footer line that ends in page numbering: 'Stadsrevisionen, Rapport X 2 (5)'.
_NUMBERED_HEADER = re.compile(r"\S.*\s(\d{1,3})\s?\((\d{1,3})\)$")
# A bare number counts as a page number when it is this close to the page's position.
_PAGE_NUMBER_SLACK = 3
_DIGITS = re.compile(r"\d+")

# Running-line detection: a line is "running" when it stands at the edge of at least this
# share of the pages (and on at least _MIN_RUNNING_PAGES pages).
_RUNNING_SHARE = 0.6
_MIN_RUNNING_PAGES = 3
_EDGE_BLOCKS = 3
_MAX_RUNNING_LEN = 160


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences, control characters and bidirectional overrides.

    Line breaks and tabs stay; a form feed becomes a line break.
    """
    if not text.isprintable():
        text = _ESCAPES.sub("", text).translate(_CONTROL_TABLE)
    return text


def clean_chars(text: str) -> str:
    """NFC, unify line breaks and space characters, drop soft hyphens and invisible marks.

    Terminal escapes and control characters are removed first (``strip_controls``).

    A soft hyphen at a line end joins the two parts of the word ('Tid\\u00ad\\npunkt').
    U+2212 (minus) is kept as is; the number parser reads it.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = unicodedata.normalize("NFC", strip_controls(text))
    text = text.translate(_SPACE_TABLE).translate(_INVISIBLE_TABLE)
    text = _SOFT_BREAK.sub("", text)
    return text.replace(_SOFT_HYPHEN, "")


def normalize_line(text: str) -> str:
    """Clean one cell, title or label: all whitespace (also newlines) collapsed to one space."""
    return " ".join(clean_chars(text).split())


def _join_broken(match: re.Match[str]) -> str:
    """Decide how a 'word-⏎word' break is joined (see ``dehyphenate``)."""
    before, after = match.group(1), match.group(2)
    if after.casefold() in _SUSPENDERS:
        return match.group(0)  # suspended compound: 'risk-⏎och konsekvens' stays two lines
    if before[-1].isdigit() or after[0].isdigit():
        return before + "-"  # '2017-⏎2018' → '2017-2018'
    if after[0].isupper():
        return match.group(0)  # 'Inköp-⏎Logistik', '…-⏎Region': not a broken word
    if len(before) == 1 or (before.isupper() and len(before) >= 2):
        return before + "-"  # 'HS-⏎direktör' → 'HS-direktör', 'e-⏎tjänst' → 'e-tjänst'
    return before  # 'Tid-⏎punkt' → 'Tidpunkt'


def dehyphenate(text: str) -> str:
    """Join words broken with a hyphen at a line end inside a block.

    'Områdes-\\nchef' → 'Områdeschef', 'Stabs-\\narbets-\\ngrupp' → 'Stabsarbetsgrupp';
    the hyphen stays where it is real: 'HS-\\ndirektör' → 'HS-direktör' (uppercase
    abbreviation), '2017-\\n2018' → '2017-2018'; 'risk-\\noch' (suspended compound) and a
    capitalised next word are left alone. Hyphens inside a line are never touched.
    """
    return _BROKEN_WORD.sub(_join_broken, text)


def normalize_text(text: str) -> str:
    """Normalise one page's text, keeping blocks ("\\n\\n") and lines ("\\n").

    NFC; NBSP/thin spaces and tabs become plain spaces ('320\\u00a0000' → '320 000'); runs
    of spaces collapse; soft hyphens go; trailing spaces are stripped; words broken across
    lines are joined (``dehyphenate``); blank or whitespace-only lines separate blocks and
    runs of them collapse to one blank line.
    """
    text = clean_chars(text)
    lines = [_MULTI_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = _MULTI_BLANK.sub("\n\n", text).strip("\n")
    return dehyphenate(text)


def is_page_number_line(line: str, page: int | None = None) -> bool:
    """True for a line that is only page numbering: '1 (5)', 'Sida 3 av 12', '- 3 -'.

    A bare number ('3') counts only when ``page`` (1-based position) is given and the number
    is close to it, so a figure or a year alone on a line is not taken for a page number.
    """
    clean = " ".join(line.split())
    if _PAGE_OF_LINE.match(clean):
        return True
    if page is not None and _BARE_NUMBER.match(clean):
        return abs(int(clean) - page) <= _PAGE_NUMBER_SLACK
    return False


def _running_key(line: str) -> str:
    """Compare lines across pages ignoring case, and digits (page numbers) in worded lines.

    A line with fewer than three letters ('3', '2017') is compared exactly, so a year is
    never taken for a running page number.
    """
    clean = " ".join(line.split()).casefold()
    if sum(c.isalpha() for c in clean) < 3:
        return clean
    return _DIGITS.sub("#", clean)


def _edge_blocks(blocks: list[str]) -> set[int]:
    """Indexes of the blocks at the top and the bottom of a page."""
    count = len(blocks)
    return set(range(min(_EDGE_BLOCKS, count))) | set(range(max(0, count - _EDGE_BLOCKS), count))


def _block_key(block: str) -> str:
    """Running key of an edge block: one line compares ignoring digits, several exactly."""
    lines = [line for line in block.split("\n") if line.strip()]
    if len(lines) == 1:
        return _running_key(lines[0])
    return "\n".join(" ".join(line.split()) for line in lines).casefold()


def _running_keys(pages_blocks: list[list[str]]) -> set[str]:
    """Keys of short edge blocks that stand at a page edge on most pages."""
    counts: Counter[str] = Counter()
    for blocks in pages_blocks:
        counts.update(
            {
                _block_key(blocks[i])
                for i in _edge_blocks(blocks)
                if len(blocks[i]) <= _MAX_RUNNING_LEN * 2
            }
        )
    needed = max(_MIN_RUNNING_PAGES, int(len(pages_blocks) * _RUNNING_SHARE + 0.999))
    return {key for key, n in counts.items() if n >= needed}


def _is_numbered_header(block: str) -> bool:
    """A one-line block ending in 'n (m)' page numbering with n ≤ m."""
    match = _NUMBERED_HEADER.match(block.strip())
    if match is None or "\n" in block.strip():
        return False
    return int(match.group(1)) <= int(match.group(2))


def _keep_block(block: str, running: set[str], page: int | None) -> bool:
    """A page-edge block is dropped when it is numbering or a running block.

    ``page`` is given only for the first and last block of a page: only there may a bare
    number count as a page number.
    """
    if _is_numbered_header(block) or _block_key(block) in running:
        return False
    lines = [line for line in block.split("\n") if line.strip()]
    return not all(is_page_number_line(ln, page) for ln in lines)


def _strip_edge_lines(block: str, page: int, first: bool, last: bool) -> str:
    """Drop numbering lines at the start or end of an edge block.

    Bare numbers go only at the very start (first block) or end (last block) of the page.
    """
    lines = block.split("\n")
    while len(lines) > 1 and is_page_number_line(lines[0], page if first else None):
        lines.pop(0)
    while len(lines) > 1 and is_page_number_line(lines[-1], page if last else None):
        lines.pop()
    return "\n".join(lines)


def _strip_page(blocks: list[str], running: set[str], page: int) -> str:
    """One page without its running blocks and numbering."""
    edges = _edge_blocks(blocks)
    last = len(blocks) - 1
    kept = [
        _strip_edge_lines(block, page, i == 0, i == last) if i in edges else block
        for i, block in enumerate(blocks)
        if i not in edges or _keep_block(block, running, page if i in (0, last) else None)
    ]
    return "\n\n".join(kept)


def strip_running_lines(pages_text: list[str]) -> list[str]:
    """Remove running headers/footers and page numbers from the pages of one document.

    Works on normalised page texts. Only blocks at a page edge (the first and last three
    blocks) are candidates. Such a block is dropped when all its lines are page numbering
    ('1 (5)', 'Sida 3 av 12'; a bare number close to the page's position only as the page's
    first or last block); when it repeats at the edge of most pages (≥ 60 %, at least 3
    pages) — a one-line block ignoring digits, a longer one exactly; or when it is one line
    ending in 'n (m)' ('Rapport X 2 (5)'). Content blocks that start with a repeated label
    ('Kommande månad' + text) survive.
    """
    pages_blocks = [[b for b in text.split("\n\n") if b.strip()] for text in pages_text]
    running = _running_keys(pages_blocks) if len(pages_text) >= _MIN_RUNNING_PAGES else set()
    return [_strip_page(blocks, running, page) for page, blocks in enumerate(pages_blocks, start=1)]


def first_text_line(texts: list[str]) -> str | None:
    """The first non-trivial line of the given texts (for titles): ≥ 3 letters, not numbering."""
    for text in texts:
        for line in text.split("\n"):
            clean = line.strip()
            if sum(c.isalpha() for c in clean) >= 3 and not is_page_number_line(clean):
                return clean
    return None

"""Fields of one ACTION_LIST item: title, owner, due and status, from running text.

An item is a paragraph or a bullet, possibly followed by labelled lines ('Ansvarig: X',
'Klart: mars 2025', 'Kommentar: …'). Only what the text states is taken:

* title — the name before a colon ('Landsbygdsbibblan: Undersöka …' → 'Landsbygdsbibblan')
  or the first sentence, trimmed to ``MAX_TITLE`` characters;
* owner — 'Ansvarig: X', 'Ansvar: X', '(ansvarig X)', 'X ansvarar för …';
* due — 'Klart: mars 2025', 'Tidplan: …', 'senast 2025', 'under 2024', 'klart hösten 2025',
  or a period closing the text ('… på lämplig plats 2011-2014');
* status — 'Status: Pågår', '(pågår)', '– klart', or a closing sentence that is only a
  status ('Klart.'). A status word inside a sentence ('när ingen verksamhet pågår') is
  not a status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ingest.measures.dates import find_due, is_due_text, normalise_due
from ingest.measures.list_units import LABEL
from ingest.measures.status import is_status_phrase, normalise_status
from ingest.measures.text import join_lines
from lagesbild.types import MeasureStatus

MAX_TITLE = 140
_ABBREVIATION_LIST = (
    "t.ex s.k bl.a etc m.m mm ca c:a inkl exkl resp ev dvs d.v.s alt fr.o.m t.o.m o.s.v osv "
    "kl nr st jfr p.g.a pga enl tex m.fl mfl f.d fd kap ang avd tel obs jan feb febr mar apr "
    "jun jul aug sep sept okt nov dec prof dr"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_LIST.split())
_SPLIT = re.compile(r"[.!?]+[\"”]?\s+(?=[\"”(]?[A-ZÅÄÖ0-9])")
_NAME = re.compile(r"^(?P<name>[^:.!?]{2,90}?):\s+(?=\S)")
_MAX_NAME_WORDS = 12
_OWNER_LABEL = re.compile(
    r"\b(?:huvud)?ansvar(?:ig|iga)?(?:\s+(?:förvaltning|nämnd|enhet|funktion))?\s*:\s*"
    r"(?P<owner>[^.;\n()]+)",
    re.IGNORECASE,
)
_OWNER_PAREN = re.compile(
    r"\(\s*(?:huvud)?ansvar(?:ig|iga)?\s*:?\s+(?P<owner>[^(),;]+?)\s*(?:[,;][^)]*)?\)", re.I
)
_OWNER_SUBJECT = re.compile(
    r"(?:^|[.!?]\s+)(?P<owner>[A-ZÅÄÖ][\w-]*(?:\s+[\w-]+){0,4}?)\s+"
    r"(?:ansvarar|har\s+(?:huvud)?ansvar(?:et)?|är\s+(?:huvud)?ansvarig[a]?)\s+för\b"
)
_OWNER_STOP = re.compile(
    r",\s*(?:klart?|senast|tidplan|tidpunkt|status|deadline|under|till|i\s+samverkan)\b.*$", re.I
)
# A closing '(Kommunstyrelsen, 2025)': owner and due of a list item.
_OWNER_DUE_PAREN = re.compile(
    r"\((?P<owner>[A-ZÅÄÖ][^()]{1,79}?),\s*(?P<due>[^(),]{2,30})\)\s*[.;]?$"
)
_NOT_OWNERS = frozenset({"vi", "man", "det", "den", "de", "som", "alla", "ingen", "han", "hon"})
_MAX_OWNER_WORDS = 8
_DUE_LABEL = re.compile(
    r"\b(?:klart?(?:\s+senast)?|tids?plan|tidpunkt|deadline|slutdatum|genomförs|när)\s*:\s*"
    r"(?P<due>[^;\n()]+?)(?:\.(?:\s|$)|[;\n()]|$)",
    re.IGNORECASE,
)
_DUE_KEY = re.compile(
    r"\b(?:senast(?:\s+(?:den|under|i|till))?|till\s+och\s+med|t\.\s?o\.\s?m\.?|före|innan"
    r"|under|klart?(?:\s+(?:under|i|till))?|färdigt?(?:\s+(?:under|i))?)"
    r"\s+",
    re.IGNORECASE,
)
_DUE_FILLERS = frozenset({"", "år", "året", "den", "utgången av", "utgången av år"})
# Names that end in a period: 'Klimatplan 2010-2020' is a name, not a due.
_NAMED_PERIOD = re.compile(
    r"(?:plan|planen|program|programmet|strategi|strategin|agenda|policy|policyn|budget"
    r"|budgeten|period|perioden|mål|målen|vision|visionen)$",
    re.IGNORECASE,
)
_STATUS_LABEL = re.compile(r"\bstatus\s*:\s*(?P<status>[^;\n()]+?)(?:\.(?:\s|$)|[;\n()]|$)", re.I)
_STATUS_PAREN = re.compile(r"\((?P<status>[^()]{2,30})\)")
_STATUS_DASH = re.compile(r"\s[–—-]\s*(?P<status>[^–—-]{2,30}?)[.!]?$")
_PAREN = re.compile(r"\s*\([^()]{2,100}\)")
# Labelled lines and what they fill.
_COMMENT_LABELS = {"kommentar", "kommentarer", "uppföljning", "resultat", "läge"}
_COMMENT_LABELS |= {"lägesbeskrivning", "prognos"}


@dataclass
class ItemFields:
    """Everything read from one item."""

    title: str
    description: str = ""
    owner: str | None = None
    due_raw: str | None = None
    due: str | None = None
    due_by: date | None = None
    status_raw: str | None = None
    status: MeasureStatus = MeasureStatus.UNKNOWN
    comments: list[str] = field(default_factory=list)
    risks: str | None = None
    next_steps: str | None = None


def sentences(text: str) -> list[str]:
    """Split running text into sentences, keeping 't.ex.', 's.k.', 'alt.' inside."""
    out: list[str] = []
    start = 0
    for match in _SPLIT.finditer(text):
        token = text[start : match.start() + 1].split()[-1].casefold().rstrip(".")
        if token in _ABBREVIATIONS or "." in token or len(token) == 1:
            continue
        out.append(text[start : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    return [*out, rest] if rest else out


def trim(text: str, limit: int = MAX_TITLE) -> str:
    """Cut a text at a word boundary so it fits ``limit`` characters ('…' marks the cut)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return cut + "…"


def title_of(text: str) -> str:
    """A short name for the item: the name before a colon, else the first sentence."""
    name = _NAME.match(text)
    if name and name.group("name").count("(") > name.group("name").count(")"):
        name = None  # the colon of a closing '(ansvar: …)', not of a name
    if name and len(name.group("name").split()) <= _MAX_NAME_WORDS and not LABEL.match(text):
        return trim(name.group("name").strip())
    first = sentences(text)[0] if text else ""
    first = _PAREN.sub(lambda m: "" if _paren_is_field(m.group(0).strip()) else m.group(0), first)
    dash = _STATUS_DASH.search(first)
    if dash and is_status_phrase(dash.group("status")):
        first = first[: dash.start()]
    return trim(re.sub(r"\s{2,}", " ", first).rstrip(" .!,;:"))


def owner_due_paren(text: str) -> tuple[str, str] | None:
    """(owner, due) of a closing '(Kommunstyrelsen, hösten 2025)', else None."""
    match = _OWNER_DUE_PAREN.search(text.rstrip())
    if not match:
        return None
    owner, due = match.group("owner").strip(), match.group("due").strip()
    if not is_due_text(due, max_words=3) or normalise_due(due)[0] is None:
        return None
    if is_due_text(owner, max_words=3) or len(owner.split()) > _MAX_OWNER_WORDS:
        return None
    return owner, due


def _paren_is_field(paren: str) -> bool:
    inner = paren.strip("() ")
    if owner_due_paren(paren):
        return True
    return bool(_OWNER_PAREN.fullmatch(paren) or is_status_phrase(inner) or LABEL.match(inner)) or (
        is_due_text(inner) and find_due(inner) is not None
    )


def find_owner(text: str) -> str | None:
    """The owner stated in the text, as written, else None."""
    closing = owner_due_paren(text)
    if closing:
        return closing[0]
    for pattern in (_OWNER_LABEL, _OWNER_PAREN, _OWNER_SUBJECT):
        match = pattern.search(text)
        if not match:
            continue
        owner = _OWNER_STOP.sub("", match.group("owner")).strip(" ,:–-")
        words = owner.split()
        if words and len(words) <= _MAX_OWNER_WORDS and words[0].casefold() not in _NOT_OWNERS:
            return owner
    return None


def _trailing_due(text: str) -> str | None:
    """A period closing the text ('… plats 2011-2014'), not a bare year or a plan's name."""
    words = text.rstrip(" .!").split()
    for n in (3, 2, 1):
        if len(words) <= n:
            continue
        tail = " ".join(words[-n:])
        if not is_due_text(tail, max_words=3) or normalise_due(tail)[0] is None:
            continue
        if re.fullmatch(r"(?:19|20)\d\d", tail) or not words[-n - 1][:1].islower():
            return None
        return None if _NAMED_PERIOD.search(words[-n - 1]) else tail
    return None


def _keyword_due(text: str) -> str | None:
    """'senast 2025', 'under hösten 2024', 'klart i mars 2025' → the phrase, else None."""
    for match in _DUE_KEY.finditer(text):
        rest = text[match.end() : match.end() + 40]
        found = find_due(rest)
        if found is None or rest[: found[2]].strip().casefold() not in _DUE_FILLERS:
            continue
        return text[match.start() : match.end() + found[3]].strip()
    return None


def find_due_phrase(text: str) -> str | None:
    """The due phrase stated in the text, as written, else None."""
    closing = owner_due_paren(text)
    if closing:
        return closing[1]
    label = _DUE_LABEL.search(text)
    if label and normalise_due(label.group("due"))[0]:
        return label.group("due").strip()
    return _keyword_due(text) or _trailing_due(text)


def find_status(text: str) -> str | None:
    """The status stated in the text, as written, else None."""
    label = _STATUS_LABEL.search(text)
    if label and normalise_status(label.group("status")) is not MeasureStatus.UNKNOWN:
        return label.group("status").strip()
    for match in _STATUS_PAREN.finditer(text):
        if is_status_phrase(match.group("status")):
            return match.group("status").strip()
    dash = _STATUS_DASH.search(text)
    if dash and is_status_phrase(dash.group("status")):
        return dash.group("status").strip()
    parts = sentences(text)
    if len(parts) > 1 and is_status_phrase(parts[-1]):
        return parts[-1].rstrip(" .!")
    return None


def _apply_label(fields: ItemFields, label: str, value: str) -> None:
    """Fill a field from one labelled line ('Kommentar: …', 'Ansvarig: …')."""
    key = re.sub(r"\s+", " ", label.casefold())
    if key in _COMMENT_LABELS:
        fields.comments.append(value if key.startswith("kommentar") else f"{label}: {value}")
    elif key.startswith(("risk",)):
        fields.risks = value
    elif key == "nästa steg":
        fields.next_steps = value
    elif key == "status" and fields.status_raw is None:
        fields.status_raw, fields.status = value, normalise_status(value)
        if fields.status is MeasureStatus.UNKNOWN:
            fields.comments.append(f"{label}: {value}")
    elif "ansvar" in key and fields.owner is None:
        fields.owner = value.rstrip(" .") or None
    elif fields.due_raw is None and normalise_due(value)[0]:
        fields.due_raw = value.rstrip(" .")


def label_pairs(lines: list[str]) -> list[tuple[str, str]]:
    """(label, value) pairs of labelled lines; an unlabelled line continues the value."""
    pairs: list[tuple[str, list[str]]] = []
    for line in lines:
        match = LABEL.match(line)
        if match:
            pairs.append((match.group("label"), [match.group("value")]))
        elif pairs:
            pairs[-1][1].append(line)
    return [(label, join_lines(value)) for label, value in pairs]


def split_labels(lines: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """An item's main lines, and the (label, value) pairs of the labelled lines after them."""
    for n, line in enumerate(lines):
        if n and LABEL.match(line):
            return lines[:n], label_pairs(lines[n:])
    return lines, []


def join_item(lines: list[str]) -> str:
    """``join_lines``, and a name broken after its hyphen stays one word ('Mora-' +
    'Filipstad' → 'Mora-Filipstad'; 'Hälso-' + 'och' is left to ``join_lines``)."""
    out: list[str] = []
    for line in lines:
        if out and re.search(r"\w-$", out[-1]) and re.match(r"[A-ZÅÄÖ][a-zåäö]", line):
            out[-1] += line
        else:
            out.append(line)
    return join_lines(out)


def read_item(lines: list[str], labels: list[tuple[str, str]]) -> ItemFields:
    """All fields of an item from its main lines and its labelled lines."""
    text = join_item(lines)
    fields = ItemFields(title=title_of(text))
    fields.description = text if text != fields.title else ""
    for label, value in labels:
        _apply_label(fields, label, value)
    fields.owner = fields.owner or find_owner(text)
    fields.due_raw = fields.due_raw or find_due_phrase(text)
    fields.due, fields.due_by = normalise_due(fields.due_raw)
    if fields.status_raw is None and (status := find_status(text)):
        fields.status_raw, fields.status = status, normalise_status(status)
    return fields

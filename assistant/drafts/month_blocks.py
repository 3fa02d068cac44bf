"""The month-over-month parts of the CLG summary, and Bevakning, as blocks.

*Förändringar sedan förra rapporten* opens the summary: colour changes with the rule that
set each colour, new and resolved risks, new needs for support, new or changed key figures,
uppdrag added or removed, then the other changed fields; every line cites where it stands
now and where it stood. A colour grid (uppdrag × month, cells shaded in Word) follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from assistant.drafts.blocks import Block, Bullets, Heading, Paragraph, TableBlock
from assistant.drafts.compare import FIELD_LABELS, states
from assistant.drafts.deadlines import DeadlineItem, DeadlineWatch
from assistant.drafts.models import ClgComparison, ClgSummary, Colour, UppdragChange
from lagesbild.types import SourceRef

CHANGES = "Förändringar sedan förra rapporten"
GRID = "Färg per månad"
WATCH = "Bevakning"
TITLE_CHARS = 80
WHOLE_CHARS = 120
SHADES: dict[Colour, str] = {Colour.GREEN: "C6EFCE", Colour.YELLOW: "FFEB9C", Colour.RED: "FFC7CE"}
"""Cell fills of the colour grid (the usual light green, yellow and red)."""
_OTHER_FIELDS = ("title", "owner", "status", "last_month", "next_steps", "comments")


def changes_blocks(summary: ClgSummary) -> list[Block]:
    """The opening section and the colour grid (nothing without a previous report)."""
    c = summary.comparison
    if c is None:
        return []
    blocks: list[Block] = [
        Heading(CHANGES, 1),
        Paragraph(
            f"Jämfört med {c.previous_report} ({', '.join(c.previous_documents)}). "
            "Varje rad anger var uppgiften står nu och var den stod i förra rapporten."
        ),
    ]
    changed = [u for u in c.uppdrag if u.changed]
    if not changed and not c.added and not c.removed:
        blocks.append(Paragraph("Inga förändringar: varje uppdrag lyder som i förra rapporten."))
    else:
        blocks += _section("Färgbyten", [_colour(u) for u in c.uppdrag if _has(u, "colour")])
        blocks += _section("Nya och lösta risker", [line for u in c.uppdrag for line in _risks(u)])
        blocks += _section("Nya behov av stöd", [_support(u) for u in c.uppdrag if _new_need(u)])
        blocks += _section(
            "Nya eller ändrade nyckeltal", [_figures(u) for u in c.uppdrag if _has(u, "figures")]
        )
        blocks += _section("Tillkomna och borttagna uppdrag", _added_removed(c))
        blocks += _section("Övriga ändringar", [line for u in c.uppdrag for line in _other(u)])
    blocks += grid_blocks(summary)
    return blocks


def grid_blocks(summary: ClgSummary) -> list[Block]:
    """Colour per uppdrag and month, oldest month first."""
    if not summary.trend:
        return []
    rows = [[row.title] + [c.value if c else "–" for c in row.colours] for row in summary.trend]
    shades = [[""] + [SHADES[c] if c else "" for c in row.colours] for row in summary.trend]
    return [Heading(GRID, 2), TableBlock(["Uppdrag", *summary.months], rows, shades)]


def uppdrag_change_line(summary: ClgSummary, n: int) -> str | None:
    """'Sedan förra rapporten: …' for uppdrag ``n`` (None without a comparison)."""
    c = summary.comparison
    if c is None:
        return None
    change = next((u for u in c.uppdrag if u.n == n), None)
    if change is None:
        return "nytt uppdrag sedan förra rapporten."
    if not change.changed:
        return "oförändrat."
    return "ändrat: " + ", ".join(FIELD_LABELS[f.field] for f in change.changes) + "."


def deadline_blocks(watch: DeadlineWatch | None, level: int = 1) -> list[Block]:
    """Bevakning as one table per owner."""
    if watch is None:
        return []
    blocks: list[Block] = [Heading(WATCH, level), Paragraph(watch_summary(watch))]
    for owner in watch.owners:
        blocks.append(Heading(owner.owner, level + 1))
        blocks.append(
            TableBlock(
                ["Åtgärd", "Tidpunkt", "Läge", "Status", "Källa"],
                [_deadline_row(i) for i in owner.items],
            )
        )
    return blocks


def watch_summary(watch: DeadlineWatch) -> str:
    """'Per 2025-06-01: 2 förfallna och 3 som förfaller inom 30 dagar …' (Swedish)."""
    who = f" för ansvarig som matchar '{watch.owner_filter}'" if watch.owner_filter else ""
    undated = (
        f" {watch.undated} åtgärder som inte är klara saknar tidpunkt och bevakas inte."
        if watch.undated
        else ""
    )
    return (
        f"Per {watch.today.isoformat()}{who}: {watch.overdue} förfallna och {watch.upcoming} "
        f"som förfaller inom {watch.days} dagar (klara åtgärder räknas inte).{undated}"
    )


def _deadline_row(i: DeadlineItem) -> list[str]:
    due = i.due.isoformat() + (f" ({i.which})" if i.which else "")
    status = i.status_raw or i.status.value
    return [i.title, due, i.when, status, f"{i.doc} s. {i.page}"]


# --------------------------------------------------------------------------- lines


def _section(label: str, lines: Sequence[str]) -> list[Block]:
    return [Paragraph("", label=label), Bullets(list(lines) or ["Inga."])]


def _has(u: UppdragChange, name: str) -> bool:
    return any(f.field == name for f in u.changes)


def _value(u: UppdragChange, name: str) -> tuple[str | None, str | None]:
    found = next((f for f in u.changes if f.field == name), None)
    return (found.before, found.after) if found else (None, None)


def _where(u: UppdragChange) -> str:
    return f"({_refs(u.sources)}; förra: {_refs(u.previous_sources)})"


def _refs(sources: Sequence[SourceRef]) -> str:
    return ", ".join(f"{s.doc} s. {s.page}" for s in sources[:2])


def _colour(u: UppdragChange) -> str:
    before = u.previous_colour.value if u.previous_colour else "–"
    return (
        f"{u.n}. {_short(u.title)}: {before} → {u.colour.value}. Regel nu: {u.rule}; "
        f"förra rapporten: {u.previous_rule}. {_where(u)}"
    )


def _risks(u: UppdragChange) -> list[str]:
    before, after = _value(u, "risks")
    if not _has(u, "risks"):
        return []
    if states(after) and not states(before):
        return [f"Ny risk – {u.n}. {_short(u.title)}: ”{_fold(after)}” {_where(u)}"]
    if states(before) and not states(after):
        now = f"nu: ”{_fold(after)}”" if after else "nu anges ingen risk"
        return [
            f"Löst risk – {u.n}. {_short(u.title)}: förra: ”{_fold(before)}”; {now} {_where(u)}"
        ]
    return [
        f"Ändrad risk – {u.n}. {_short(u.title)}: ”{_fold(after)}” (förra: ”{_fold(before)}”) "
        f"{_where(u)}"
    ]


def _new_need(u: UppdragChange) -> bool:
    return _has(u, "support_need") and states(_value(u, "support_need")[1])


def _support(u: UppdragChange) -> str:
    before, after = _value(u, "support_need")
    was = f" (förra: ”{_fold(before)}”)" if before else ""
    return f"{u.n}. {_short(u.title)}: ”{_fold(after)}”{was} {_where(u)}"


def _figures(u: UppdragChange) -> str:
    before, after = _value(u, "figures")
    new = "; ".join(f"{f.normalized} (”{f.raw}”, {f.doc} s. {f.page})" for f in u.new_figures)
    now = f"nytt: {new}" if new else f"nu: {after or 'inga'}"
    return f"{u.n}. {_short(u.title)}: {now}; förra: {before or 'inga'} {_where(u)}"


def _added_removed(c: ClgComparison) -> list[str]:
    lines = [
        f"Tillkommet: {_short(t)} ({s.doc} s. {s.page})"
        for t, s in zip(c.added, c.added_sources, strict=True)
    ]
    lines += [
        f"Borttaget: {_short(t)} (förra: {s.doc} s. {s.page})"
        for t, s in zip(c.removed, c.removed_sources, strict=True)
    ]
    return lines


def _other(u: UppdragChange) -> list[str]:
    lines = []
    for f in u.changes:
        if f.field in _OTHER_FIELDS:
            lines.append(
                f"{u.n}. {_short(u.title)} – {FIELD_LABELS[f.field]}: "
                f"{text_change(f.before, f.after)} {_where(u)}"
            )
    return lines


def text_change(before: str | None, after: str | None) -> str:
    """What a text gained and lost, word runs quoted: 'tillagt: ”…”; borttaget: ”…”'.

    A short text (or one that was not stated) is quoted whole.
    """
    if not before or not after or min(len(before), len(after)) <= WHOLE_CHARS:
        was = f"”{_fold(before)}”" if before else "ej angivet"
        now = f"”{_fold(after)}”" if after else "ej angivet"
        return f"{now} (förra: {was})"
    old, new = before.split(), after.split()
    added: list[str] = []
    removed: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag in {"replace", "delete"}:
            removed.append(" ".join(old[i1:i2]))
        if tag in {"replace", "insert"}:
            added.append(" ".join(new[j1:j2]))
    parts = []
    if added:
        parts.append("tillagt: " + " … ".join(f"”{a}”" for a in added))
    if removed:
        parts.append("borttaget: " + " … ".join(f"”{r}”" for r in removed))
    return "; ".join(parts)


def _fold(text: str | None) -> str:
    return " ".join((text or "").split())


def _short(title: str, width: int = TITLE_CHARS) -> str:
    """A title cut at a word boundary (never inside a number)."""
    text = _fold(title)
    if len(text) <= width:
        return text
    return text[: width - 1].rsplit(" ", 1)[0].rstrip(" ,–-") + " …"

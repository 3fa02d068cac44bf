"""The Bevakning panel of the Åtgärder tab, without widgets: what falls due, per owner."""

from __future__ import annotations

from textual.content import Content

from assistant.drafts.deadlines import DeadlineWatch

MAX_LINES = 8
WATCH_DAYS = 30


def watch_panel(watch: DeadlineWatch, limit: int = MAX_LINES) -> Content:
    """Overdue deadlines first (red), then the coming ones, one line each with its owner.

    Texts from the documents are data: they are never read as markup.
    """
    head = (
        f"Bevakning ({watch.days} dagar framåt, per {watch.today.isoformat()}): "
        f"{watch.overdue} förfallna, {watch.upcoming} förfaller snart"
    )
    items = sorted(
        (item for owner in watch.owners for item in owner.items),
        key=lambda i: (not i.overdue, i.due, i.owner, i.title),
    )
    if not items:
        return Content.assemble((head, "bold"), ". Inget förfaller inom perioden.")
    lines = [Content.styled(head, "bold")]
    for item in items[:limit]:
        style = "bold red" if item.overdue else "yellow"
        lines.append(
            Content.assemble(
                (
                    f"{'⚠ ' if item.overdue else '• '}{item.due.isoformat()} {item.short_when}",
                    style,
                ),
                f"  {item.owner}: {' '.join(item.title.split())} ({item.doc} s. {item.page})",
            )
        )
    if len(items) > limit:
        lines.append(
            Content(f"… och {len(items) - limit} till: `lagesbild bevakning` listar alla.")
        )
    return Content("\n").join(lines)

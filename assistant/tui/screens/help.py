"""The help screen (F1 or ?)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from assistant.labels import NUMBER_STATUS_HELP, NUMBER_STATUS_MARKERS
from lagesbild.types import NumberStatus

HELP = """\
# Lägesbild – hjälp

Lägesbild läser kommunens och regionens dokument (PDF, PPTX, DOCX, TXT, MD) och bygger ett
register av **åtgärder** och **tal** med källa (fil och sida). Inget lämnar datorn.

## Flikar

| Tangent | Flik | Innehåll |
| --- | --- | --- |
| F2 | Åtgärder | registret: filtrera, sortera (klicka på en kolumnrubrik), Enter öppnar en åtgärd |
| F3 | Dokument | inlästa dokument: lägg till, läs in igen, ta bort |
| F4 | Sök / Fråga | sök (källan visas med sökorden markerade) eller fråga assistenten |
| F6 | Utkast | svar till revisorerna, CLG-sammanfattning: redigera, kontrollera tal, exportera |
| F5 | Inställningar | modell, sökmodell, datakatalog (ändras i miljövariabler/config.toml) |

## Tangenter

| Tangent | Gör |
| --- | --- |
| Ctrl+P | kommandopaletten: alla kommandon, sök på namn |
| F1 eller ? | den här hjälpen |
| Ctrl+R | läs om registret och dokumentlistan |
| Enter | öppna markerad åtgärd / sök |
| Esc | stäng dialog eller detaljvy; i Fråga: avbryt svaret medan det skrivs |
| Ctrl+N / Ctrl+Y / Ctrl+O | i Fråga: svara igen, kopiera svaret med källor, historik |
| a / r / Delete | i Dokument: lägg till, läs in igen, ta bort |
| c | i Åtgärder: rensa filtren |
| v | i Åtgärder på en låg skärm (t.ex. 80×24): visa eller dölj statusdiagram och bevakning |
| Ctrl+G / Ctrl+T / Ctrl+S | i Utkast: skapa utkast, kontrollera tal, exportera |
| Ctrl+Q | avsluta |

## Färger

Status: **klar** och **enligt plan** grön, **delvis enligt plan** gul, **ej enligt plan** och
**försenad** röd, **pågår** cyan. En tidpunkt i rött med ⚠ betyder att åtgärden är förfallen
(tidpunkten har passerat och den är inte klar).

I svar är ett tal grönt, gult eller rött efter hur källorna stöder det:

{statuses}

`[1]` i ett svar är en källa – klicka för att visa den. Under svaret står utdragen ur
underlaget ordagrant; en varning i kursiv stil säger t.ex. att frågan bygger på en felaktig
premiss eller att en källa innehöll text riktad till en AI-assistent.

Färdiga svar sparas i historiken (history.sqlite3 i datakatalogen) och kan öppnas igen utan
att språkmodellen tillfrågas. Kopiera svar använder terminalens urklipp (OSC 52); terminaler
utan stöd för det (t.ex. macOS Terminal) kopierar ingenting.

En fråga i Sök (slutar med ? eller börjar med ett frågeord som vad, hur, när, vem) besvaras
i Fråga-läget; annan text körs i det läge du valt.

I utkast markeras tal som inget underlag stöder med {unsupported}; Kontrollera tal listar dem.
""".replace("{statuses}", "\n".join(f"- {NUMBER_STATUS_HELP[s]}" for s in NumberStatus)).replace(
    "{unsupported}", NUMBER_STATUS_MARKERS[NumberStatus.UNSUPPORTED]
)


class HelpScreen(ModalScreen[None]):
    """Keys, tabs and colours, in Swedish."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Stäng"),
        Binding("f1", "dismiss", "Stäng", show=False),
        Binding("question_mark", "dismiss", "Stäng", show=False),
    ]

    def compose(self) -> ComposeResult:
        """The help text."""
        with VerticalScroll(classes="dialog -help"):
            yield Markdown(HELP)

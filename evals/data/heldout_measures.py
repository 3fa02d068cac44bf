"""Write the held-out action plans that ``gold-measures-heldout.json`` describes.

Four small plans in layouts the measure parsers were not built against, written the way
other Swedish municipalities write them (the municipalities are made up):

* ``bjorkviken_trygghet.docx`` — a Word table (Nr / Aktivitet / Ansvarig / Tidplan /
  Uppföljning) with merged focus-area rows between the activities;
* ``sjohaga_klimatloften.pptx`` — a status deck: two slides with a measure table (Insats /
  Huvudansvarig / Klart / Läge) between slides of bullets;
* ``ekeby_vattenprogram.pdf`` — 'Åtgärd 1.1 …' paragraphs with a description and the lines
  'Ansvar: …' and 'Klart: …', under 'Mål n' headings, over three pages;
* ``granbo_digitalisering.pdf`` — a table without rules whose short cells (owner, deadline)
  are vertically centred or bottom-aligned against a wrapped activity cell.

The gold was written from this script's text before any parser was run on the files. The
files are generated, not committed:

    python evals/data/heldout_measures.py            # → evals/data/heldout/
    lagesbild eval measures --set evals/data/gold-measures-heldout.json
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
from pptx import Presentation
from pptx.presentation import Presentation as PresentationType
from pptx.util import Emu, Pt

HERE = Path(__file__).resolve().parent
OUT = HERE / "heldout"

# A line of text on a PDF page: (x, y, font size, text).
Line = tuple[float, float, float, str]


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf_bytes(pages: list[list[Line]]) -> bytes:
    """A small A4 PDF in Helvetica (WinAnsi), every line placed where it is given."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for lines in pages:
        content = b"\n".join(
            b"BT /F1 %g Tf 1 0 0 1 %g %g Tm " % (size, x, y) + _pdf_string(text) + b" Tj ET"
            for x, y, size, text in lines
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % len(objects)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _flow(x: float, y: float, lines: list[str], size: float = 11, lead: float = 14) -> list[Line]:
    return [(x, y - i * lead, size, text) for i, text in enumerate(lines)]


# --- Björkviken: a Word table -------------------------------------------------------------

BJORKVIKEN_ROWS: list[tuple[str, ...]] = [
    ("Nr", "Aktivitet", "Ansvarig", "Tidplan", "Uppföljning"),
    ("Fokusområde 1 – Trygga offentliga miljöer",),
    ("1.1", "Inventera belysningen i centrala gångstråk och åtgärda mörka platser",
     "Samhällsbyggnadsförvaltningen", "2026-09-30", "Rapport till kommunstyrelsen"),
    ("1.2", "Genomför trygghetsvandringar i tre bostadsområden tillsammans med polisen och "
     "fastighetsägare", "Kommunledningskontoret", "Maj 2026", "Antal genomförda vandringar"),
    ("1.3", "Ta fram en plan för att ta bort klotter inom 48 timmar", "Tekniska förvaltningen",
     "December 2026", "Plan antagen"),
    ("Fokusområde 2 – Förebyggande arbete bland unga",),
    ("2.1", "Utöka fältassistenternas arbete till kvällar och helger", "Socialförvaltningen",
     "2027", "Antal kvällspass"),
    ("2.2", "Erbjud sommarlovsaktiviteter i samtliga kommundelar",
     "Kultur- och fritidsförvaltningen", "Juni 2026", "Antal deltagare"),
    ("2.3", "Utbilda skolpersonal i att upptäcka tecken på rekrytering till kriminella nätverk",
     "Utbildningsförvaltningen, Socialförvaltningen", "Senast 31 mars 2027",
     "Andel utbildad personal"),
    ("Fokusområde 3 – Samverkan",),
    ("3.1", "Teckna ett nytt medborgarlöfte med lokalpolisområdet", "Kommunstyrelsen", "2026",
     "Medborgarlöfte undertecknat"),
    ("3.2", "Samordna en gemensam lägesbild med polisen och räddningstjänsten varje månad",
     "Kommunledningskontoret", "Löpande", "Antal möten"),
]  # fmt: skip


def bjorkviken_docx(path: Path) -> None:
    document = docx.Document()
    document.add_heading("Handlingsplan för ett tryggare Björkviken 2026–2027", level=1)
    document.add_paragraph(
        "Handlingsplanen bygger på kommunens trygghetsmätning 2025 och den lokala "
        "lägesbilden från polisen. Den antogs av kommunstyrelsen den 4 februari 2026."
    )
    document.add_heading("Aktiviteter", level=2)
    table = document.add_table(rows=len(BJORKVIKEN_ROWS), cols=5)
    table.style = "Table Grid"
    for r, values in enumerate(BJORKVIKEN_ROWS):
        row = table.rows[r]
        if len(values) == 1:
            merged = row.cells[0].merge(row.cells[4])
            merged.text = values[0]
            continue
        for c, value in enumerate(values):
            row.cells[c].text = value
    document.add_heading("Uppföljning", level=2)
    document.add_paragraph(
        "Planen följs upp årligen i kommunstyrelsen. Brottsförebyggande rådet ansvarar för "
        "att sammanställa uppföljningen."
    )
    document.save(str(path))


# --- Sjöhaga: a status deck with measure tables --------------------------------------------

SJOHAGA_SLIDES: list[tuple[str, list[tuple[str, str, str, str]]]] = [
    (
        "Insatser – transporter och resor",
        [
            ("Laddinfrastruktur vid kommunens arbetsplatser", "Fastighetsavdelningen",
             "2026-12-31", "Pågår"),
            ("Fossilfria transporter i kommunens upphandlingar", "Upphandlingsenheten",
             "Juni 2026", "Klar"),
            ("Cykelpool för tjänsteresor", "HR-avdelningen", "2027", "Ej påbörjad"),
        ],
    ),
    (
        "Insatser – energi",
        [
            ("Solceller på tre skolor", "Fastighetsavdelningen", "Oktober 2026", "Pågår"),
            ("Energikartläggning av äldreboenden", "Vård- och omsorgsförvaltningen",
             "2026-03-31", "Försenad"),
            ("Byte till LED-belysning i idrottshallar", "Kultur- och fritidsförvaltningen",
             "2027-06-30", "Pågår"),
        ],
    ),
]  # fmt: skip


def _bullets(prs: PresentationType, title: str, lines: list[str]) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = title
    body = slide.placeholders[1].text_frame
    body.text = lines[0]
    for line in lines[1:]:
        body.add_paragraph().text = line


def sjohaga_pptx(path: Path) -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.shapes.title.text = "Klimatlöften 2026 – lägesrapport"
    first.placeholders[1].text = "Sjöhaga kommun, kommunstyrelsen 12 maj 2026"
    _bullets(
        prs,
        "Bakgrund",
        [
            "Kommunen antog tolv klimatlöften för 2026.",
            "Rapporten visar läget för de insatser som har en ansvarig och ett slutdatum.",
        ],
    )
    for title, rows in SJOHAGA_SLIDES:
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = title
        shape = slide.shapes.add_table(
            len(rows) + 1, 4, Emu(457200), Emu(1600200), Emu(11277600), Emu(3200400)
        )
        grid = shape.table
        for c, head in enumerate(("Insats", "Huvudansvarig", "Klart", "Läge")):
            grid.cell(0, c).text = head
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values):
                grid.cell(r, c).text = value
                grid.cell(r, c).text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    _bullets(
        prs,
        "Nästa steg",
        ["Nästa lägesrapport lämnas i september.", "Försenade insatser får en ny tidplan."],
    )
    prs.save(str(path))


# --- Ekeby: 'Åtgärd 1.1' paragraphs with Ansvar/Klart lines --------------------------------

EKEBY_PAGES: list[list[Line]] = [
    [
        (56, 790, 16, "Åtgärdsprogram för vatten 2026–2030"),
        *_flow(56, 760, [
            "Ekeby kommuns vattenprogram anger vad kommunen ska göra för att nå målen för",
            "dricksvatten, sjöar och vattendrag. Varje åtgärd har en ansvarig nämnd och ett",
            "år då den ska vara klar.",
        ]),
        (56, 700, 13, "Mål 1 Tryggt dricksvatten"),
        (56, 676, 11, "Åtgärd 1.1 Ta fram en reservvattenplan"),
        *_flow(56, 660, [
            "Kommunen saknar i dag en plan för hur dricksvatten ska levereras om den",
            "ordinarie vattentäkten slås ut.",
            "Ansvar: Tekniska nämnden",
            "Klart: 2027",
        ]),
        (56, 590, 11, "Åtgärd 1.2 Inrätta ett nytt vattenskyddsområde för"),
        (56, 576, 11, "grundvattentäkten i Västerby"),
        *_flow(56, 560, [
            "Det gamla skyddsområdet från 1978 motsvarar inte dagens krav.",
            "Ansvar: Miljö- och byggnämnden",
            "Klart: december 2026",
        ]),
        (270, 40, 9, "Sida 1 av 3"),
    ],
    [
        (56, 790, 13, "Mål 2 Minskade utsläpp till sjöar och vattendrag"),
        (56, 766, 11, "Åtgärd 2.1 Inventera enskilda avlopp i Lillåns avrinningsområde"),
        *_flow(56, 750, [
            "Omkring 400 fastigheter har enskilt avlopp. Inventeringen görs i etapper.",
            "Ansvar: Miljö- och byggnämnden",
            "Klart: 2028",
        ]),
        (56, 694, 11, "Åtgärd 2.2 Anlägg en våtmark nedströms Storängens reningsverk"),
        *_flow(56, 678, [
            "Våtmarken ska minska utsläppen av fosfor och kväve till Storsjön.",
            "Ansvar: Tekniska nämnden",
            "Klart: 2029-10-31",
        ]),
        (56, 622, 11, "Åtgärd 2.3 Informera lantbrukare om skyddszoner längs vattendrag"),
        *_flow(56, 606, [
            "Informationen ges tillsammans med LRF och länsstyrelsen.",
            "Ansvar: Kommunstyrelsen (miljöstrategen)",
            "Klart: löpande",
        ]),
        (270, 40, 9, "Sida 2 av 3"),
    ],
    [
        (56, 790, 13, "Mål 3 Ett samhälle anpassat till skyfall"),
        (56, 766, 11, "Åtgärd 3.1 Ta fram en skyfallskartering för tätorterna"),
        *_flow(56, 750, [
            "Karteringen visar var vatten samlas vid ett hundraårsregn.",
            "Ansvar: Samhällsbyggnadsnämnden",
            "Klart: 2026-06-30",
        ]),
        (56, 694, 11, "Åtgärd 3.2 Uppdatera riktlinjerna för dagvatten i översiktsplanen"),
        *_flow(56, 678, [
            "Riktlinjerna ska gälla vid all ny detaljplanering.",
            "Ansvar: Samhällsbyggnadsnämnden och Tekniska nämnden",
            "Klart: 2028",
        ]),
        (56, 620, 13, "Uppföljning"),
        *_flow(56, 600, [
            "Programmet följs upp varje år i samband med årsredovisningen. Kommunstyrelsen",
            "ansvarar för uppföljningen och rapporterar till kommunfullmäktige.",
        ]),
        (270, 40, 9, "Sida 3 av 3"),
    ],
]  # fmt: skip


# --- Granbo: a table without rules, short cells centred or at the bottom -------------------


def _row(top: float, activity: list[str], owner: str, due: str, align: str) -> list[Line]:
    """A table row whose activity cell wraps; owner and due sit at the top, in the middle
    or at the bottom of the row, as a word processor's cell alignment puts them."""
    lines = _flow(56, top, activity)
    span = (len(activity) - 1) * 14
    y = {"top": top, "middle": top - span / 2, "bottom": top - span}[align]
    return [*lines, (300, y, 11, owner), (470, y, 11, due)]


GRANBO_PAGES: list[list[Line]] = [
    [
        (56, 790, 16, "Aktivitetsplan för digitalisering 2026"),
        *_flow(56, 760, [
            "Granbo kommuns digitaliseringsstrategi genomförs med aktiviteterna nedan. Planen",
            "beslutades av kommunstyrelsen i januari 2026.",
        ]),
        (56, 716, 11, "Aktivitet"),
        (300, 716, 11, "Ansvarig"),
        (470, 716, 11, "Klart senast"),
        *_row(692, ["Införa en e-tjänst för bygglov med digital", "signering av handlingar"],
              "Samhällsbyggnadsförvaltningen", "2026-05-31", "middle"),
        *_row(652, ["Utbilda alla chefer i informationssäkerhet", "och hantering av",
                    "personuppgifter"], "HR-avdelningen", "September 2026", "middle"),
        *_row(598, ["Ersätta det gamla ärendehanteringssystemet"], "Kommunledningskontoret",
              "2026-12-31", "middle"),
        *_row(572, ["Publicera kommunens budget och nyckeltal", "som öppna data"],
              "Ekonomiavdelningen", "Juni 2026", "bottom"),
        *_row(532, ["Digital anslagstavla i kommunhuset och på", "biblioteket"],
              "Kulturförvaltningen", "2026-10-01", "bottom"),
        (56, 480, 13, "Uppföljning"),
        *_flow(56, 460, [
            "Digitaliseringsrådet följer upp planen varje kvartal och rapporterar till",
            "kommunstyrelsen i samband med delårsrapporten.",
        ]),
        (270, 40, 9, "Sida 1 av 1"),
    ],
]  # fmt: skip


def write_all(folder: Path = OUT) -> list[Path]:
    """Write the four plans into ``folder`` and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [
        folder / "bjorkviken_trygghet.docx",
        folder / "sjohaga_klimatloften.pptx",
        folder / "ekeby_vattenprogram.pdf",
        folder / "granbo_digitalisering.pdf",
    ]
    bjorkviken_docx(paths[0])
    sjohaga_pptx(paths[1])
    paths[2].write_bytes(pdf_bytes(EKEBY_PAGES))
    paths[3].write_bytes(pdf_bytes(GRANBO_PAGES))
    return paths


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(written)

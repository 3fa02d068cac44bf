"""Write a third, small held-out set of action plans and its gold (``gold-measures-heldout3.json``).

Written after the parsers were tuned on the second set (``heldout_measures2.py``), to see
whether that tuning generalised: five plans in layouts neither earlier set has, the gold
beside the text, committed before any parser ran on them (the municipalities are made up):

* ``kvarnby_uppdrag.pptx`` — one slide per uppdrag: the slide title names it, the body
  gives 'Ansvarig: …', 'Tidplan: …', 'Status: …' among bullets;
* ``lindholmen_energi.docx`` — a Word table with Start and Slut columns (the start is no
  deadline) and a Samverkanspart column (no owner);
* ``ramsele_trafik.pdf`` — boxes where two labels share a line ('Ansvar: X    Klart: Y');
* ``solvik_kultur.pdf`` — a rule-less table whose header wraps over two lines ('Ansvarig' /
  'förvaltning', 'Klart' / 'senast');
* ``tallmo_krisberedskap.docx`` — Word headings 'Åtgärd: …' followed by labelled paragraphs.

    python evals/data/heldout_measures3.py          # → evals/data/heldout3/
    python evals/data/heldout_measures3.py --gold   # rewrites gold-measures-heldout3.json
    lagesbild eval measures --set evals/data/gold-measures-heldout3.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import docx
from pptx import Presentation
from pptx.util import Emu

HERE = Path(__file__).resolve().parent
OUT = HERE / "heldout3"
GOLD = HERE / "gold-measures-heldout3.json"
sys.path.insert(0, str(HERE))

from heldout_measures import Line, pdf_bytes  # noqa: E402
from heldout_measures2 import Gold, gold  # noqa: E402

# --- Kvarnby: one slide per uppdrag ------------------------------------------------------------

KVARNBY: list[tuple[str, list[str], Gold]] = [
    ("Uppdrag 1: Ny skolstruktur i norra kommundelen",
     ["Utreda om skolorna i Norrby och Åsa ska slås samman.", "Ansvarig: Skolförvaltningen",
      "Tidplan: december 2026", "Status: Pågår"],
     gold("Ny skolstruktur i norra kommundelen", "Skolförvaltningen", "2026-12",
          "december 2026", pages=[2], status="pågår")),
    ("Uppdrag 2: Gemensam växel med grannkommunerna",
     ["Avtal om en gemensam kontaktcenter-lösning.", "Ansvarig: Kommunledningskontoret",
      "Tidplan: Q2 2027", "Status: Ej påbörjad"],
     gold("Gemensam växel med grannkommunerna", "Kommunledningskontoret", "2027-06", "Q2 2027",
          pages=[3], status="ej påbörjad")),
    ("Uppdrag 3: Översyn av taxan för äldreomsorg",
     ["Ansvarig: Omsorgsförvaltningen", "Tidplan: 2026-09-30", "Status: Klar",
      "Nya taxan gäller från 1 januari 2027."],
     gold("Översyn av taxan för äldreomsorg", "Omsorgsförvaltningen", "2026-09-30",
          pages=[4], status="klar")),
]  # fmt: skip


def kvarnby_pptx(path: Path) -> list[Gold]:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.shapes.title.text = "Kommunstyrelsens uppdrag – uppföljning oktober 2026"
    first.placeholders[1].text = "Kvarnby kommun"
    out: list[Gold] = []
    for title, lines, item in KVARNBY:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = title
        body = slide.placeholders[1].text_frame
        body.text = lines[0]
        for line in lines[1:]:
            body.add_paragraph().text = line
        out.append(item)
    prs.save(str(path))
    return out


# --- Lindholmen: Start and Slut columns ---------------------------------------------------------

LINDHOLMEN_HEAD = ("Åtgärd", "Ansvarig förvaltning", "Samverkanspart", "Start", "Slut")
LINDHOLMEN: list[tuple[tuple[str, ...], Gold]] = [
    (("Solceller på kommunhuset", "Fastighetsförvaltningen", "Lindholmens Energi AB", "2026",
      "2027"),
     gold("Solceller på kommunhuset", "Fastighetsförvaltningen", "2027")),
    (("Energirådgivning till småföretag", "Näringslivsenheten", "Energikontoret",
      "Januari 2026", "Juni 2026"),
     gold("Energirådgivning till småföretag", "Näringslivsenheten", "2026-06", "Juni 2026")),
    (("Byt gatubelysningen till LED", "Tekniska förvaltningen", "", "Hösten 2026",
      "2028-12-31"),
     gold("Byt gatubelysningen till LED", "Tekniska förvaltningen", "2028-12-31")),
    (("Klimatväxling av tjänsteresor", "Ekonomiavdelningen", "HR-avdelningen", "2026", "2026"),
     gold("Klimatväxling av tjänsteresor", "Ekonomiavdelningen", "2026")),
]  # fmt: skip


def lindholmen_docx(path: Path) -> list[Gold]:
    document = docx.Document()
    document.add_heading("Energiplan för Lindholmen – åtgärder 2026–2028", level=1)
    document.add_paragraph("Åtgärderna nedan genomförs inom ramen för kommunens budget.")
    table = document.add_table(rows=len(LINDHOLMEN) + 1, cols=5)
    table.style = "Table Grid"
    for c, head in enumerate(LINDHOLMEN_HEAD):
        table.cell(0, c).text = head
    out: list[Gold] = []
    for r, (cells, item) in enumerate(LINDHOLMEN, start=1):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
        out.append(item)
    document.save(str(path))
    return out


# --- Ramsele: two labels on one line ------------------------------------------------------------

RAMSELE: list[tuple[str, str, str, str, Gold]] = [
    ("Säkrare skolvägar", "Fler övergångsställen med farthinder vid skolorna.",
     "Gatuenheten", "2026-10-31",
     gold("Säkrare skolvägar", "Gatuenheten", "2026-10-31", pages=[1])),
    ("Pendelparkering vid Ramsele station", "Parkering för 60 bilar och 100 cyklar.",
     "Samhällsbyggnadsförvaltningen", "2027",
     gold("Pendelparkering vid Ramsele station", "Samhällsbyggnadsförvaltningen", "2027",
          pages=[1])),
    ("Ny busslinje till industriområdet", "Linjen körs i försök under ett år.",
     "Kollektivtrafikenheten", "Ht 2026",
     gold("Ny busslinje till industriområdet", "Kollektivtrafikenheten", "2026-12", "Ht 2026",
          pages=[1])),
    ("Hastighetsplan för tätorten", "Planen ses över utifrån olycksstatistiken.",
     "Trafiknämnden", "Kvartal 4 2027",
     gold("Hastighetsplan för tätorten", "Trafiknämnden", "2027-12", "Kvartal 4 2027",
          pages=[1])),
]  # fmt: skip


def ramsele_pages() -> tuple[list[list[Line]], list[Gold]]:
    lines: list[Line] = [(56, 790, 16, "Trafikstrategins åtgärder 2026–2027")]
    y = 750.0
    out: list[Gold] = []
    for title, text, owner, due, item in RAMSELE:
        lines += [
            (56, y, 12, title),
            (56, y - 16, 11, text),
            (56, y - 30, 11, f"Ansvar: {owner}"),
            (330, y - 30, 11, f"Klart: {due}"),
        ]
        y -= 64
        out.append(item)
    lines.append((270, 40, 9, "1"))
    return [lines], out


# --- Solvik: a header wrapped over two lines ----------------------------------------------------

SOLVIK: list[tuple[list[str], str, str, Gold]] = [
    (["Digitalisera arkivet med lokalhistoriska", "fotografier"], "Kulturförvaltningen",
     "2027-03-31",
     gold("Digitalisera arkivet med lokalhistoriska fotografier", "Kulturförvaltningen",
          "2027-03-31", pages=[1])),
    (["Fler konstnärer i skolan"], "Kulturskolan", "Vt 2027",
     gold("Fler konstnärer i skolan", "Kulturskolan", "2027-06", "Vt 2027", pages=[1])),
    (["Renovera scenen i Folkets park"], "Fritidsförvaltningen", "Maj 2026",
     gold("Renovera scenen i Folkets park", "Fritidsförvaltningen", "2026-05", "Maj 2026",
          pages=[1])),
    (["Gratis entré till museet för barn och", "unga"], "Museet", "2026",
     gold("Gratis entré till museet för barn och unga", "Museet", "2026", pages=[1])),
]  # fmt: skip


def solvik_pages() -> tuple[list[list[Line]], list[Gold]]:
    lines: list[Line] = [
        (56, 790, 16, "Kulturplan för Solvik – handlingsplan 2026–2027"),
        (56, 760, 11, "Handlingsplanen antogs av kultur- och fritidsnämnden i februari 2026."),
        (56, 726, 11, "Åtgärd"),
        (300, 726, 11, "Ansvarig"),
        (300, 712, 11, "förvaltning"),
        (460, 726, 11, "Klart"),
        (460, 712, 11, "senast"),
    ]
    y = 688.0
    out: list[Gold] = []
    for action, owner, due, item in SOLVIK:
        lines += [(56, y - 14 * n, 11, text) for n, text in enumerate(action)]
        lines += [(300, y, 11, owner), (460, y, 11, due)]
        y -= 14 * len(action) + 14
        out.append(item)
    lines += [(56, y - 20, 11, "Nämnden följer upp handlingsplanen i samband med bokslutet.")]
    lines.append((270, 40, 9, "1"))
    return [lines], out


# --- Tallmo: Word headings 'Åtgärd: …' with labelled paragraphs ---------------------------------

TALLMO: list[tuple[str, list[str], Gold]] = [
    ("Reservkraft till vattenverket",
     ["Vattenverket ska klara tre dygn utan ström.", "Ansvarig: VA-enheten",
      "Klart senast: 2027-06-30"],
     gold("Reservkraft till vattenverket", "VA-enheten", "2027-06-30")),
    ("Trygghetspunkter i alla tätorter",
     ["Invånarna ska kunna få information vid ett längre elavbrott.",
      "Ansvarig: Säkerhetssamordnaren", "Klart senast: hösten 2026"],
     gold("Trygghetspunkter i alla tätorter", "Säkerhetssamordnaren", "2026-12",
          "hösten 2026")),
    ("Öva krisledningsnämnden",
     ["Övningen görs tillsammans med länsstyrelsen.", "Ansvarig: Kommundirektören",
      "Klart senast: Q1 2027"],
     gold("Öva krisledningsnämnden", "Kommundirektören", "2027-03", "Q1 2027")),
]  # fmt: skip


def tallmo_docx(path: Path) -> list[Gold]:
    document = docx.Document()
    document.add_heading("Handlingsplan för krisberedskap 2026–2027", level=1)
    document.add_paragraph("Planen beskriver hur kommunen stärker sin förmåga under perioden.")
    out: list[Gold] = []
    for title, lines, item in TALLMO:
        document.add_heading(f"Åtgärd: {title}", level=2)
        for line in lines:
            document.add_paragraph(line)
        out.append(item)
    document.save(str(path))
    return out


NOTES = {
    "kvarnby_uppdrag.pptx": "En bild per uppdrag: rubriken 'Uppdrag n: …' är titeln, "
    "brödtexten har Ansvarig/Tidplan/Status.",
    "lindholmen_energi.docx": "Word-tabell Åtgärd/Ansvarig förvaltning/Samverkanspart/Start/"
    "Slut: tidpunkten är Slut, Samverkanspart är ingen ansvarig.",
    "ramsele_trafik.pdf": "Rutor där 'Ansvar: X' och 'Klart: Y' står på samma rad.",
    "solvik_kultur.pdf": "Tabell utan linjer vars rubrikrad bryts över två rader "
    "('Ansvarig'/'förvaltning', 'Klart'/'senast').",
    "tallmo_krisberedskap.docx": "Word-rubriker 'Åtgärd: …' följda av stycken med Ansvarig "
    "och Klart senast.",
}


def write_all(folder: Path = OUT) -> dict[str, list[Gold]]:
    """Write the five plans into ``folder``; return each file's gold measures."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, list[Gold]] = {}
    out["kvarnby_uppdrag.pptx"] = kvarnby_pptx(folder / "kvarnby_uppdrag.pptx")
    out["lindholmen_energi.docx"] = lindholmen_docx(folder / "lindholmen_energi.docx")
    pages, items = ramsele_pages()
    (folder / "ramsele_trafik.pdf").write_bytes(pdf_bytes(pages))
    out["ramsele_trafik.pdf"] = items
    pages, items = solvik_pages()
    (folder / "solvik_kultur.pdf").write_bytes(pdf_bytes(pages))
    out["solvik_kultur.pdf"] = items
    out["tallmo_krisberedskap.docx"] = tallmo_docx(folder / "tallmo_krisberedskap.docx")
    return out


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--gold"]
    written = write_all(Path(args[0]) if args else OUT)
    if "--gold" in sys.argv:
        content = {
            "description": "Handskriven facit för fem påhittade åtgärdsplaner, skriven efter "
            "att parsrarna justerats mot heldout2 och innan någon parser kördes på dessa filer: "
            "ser vi om justeringen generaliserar. Dokumenten skapas av "
            "evals/data/heldout_measures3.py.",
            "corpus": "evals/data/heldout3",
            "fields": {
                "title": "åtgärdens namn som det står (matchas på likhet)",
                "owner": "första ansvariga part, annars null",
                "due": "tidpunkt normaliserad 'YYYY', 'YYYY-MM' eller 'YYYY-MM-DD' (slutet)",
                "status": "status när källan säger den, annars null",
            },
            "documents": [
                {"doc": doc, "note": NOTES[doc], "measures": items}
                for doc, items in written.items()
            ],
        }
        GOLD.write_text(json.dumps(content, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(GOLD)
    for name, items in written.items():
        print(f"{name}: {len(items)} measures")

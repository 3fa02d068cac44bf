"""Write the second held-out set of action plans and its gold (``gold-measures-heldout2.json``).

Eight small plans in layouts that neither the sample corpus, the real corpus nor the first
held-out set (``heldout_measures.py``) has, written the way Swedish municipalities and
regions write them (the municipalities and the region are made up):

* ``alvsby_folkhalsa.docx`` — Word tables with question headers (Vad ska göras? / Hur? /
  Vem ansvarar? / När?), one per målområde, and a key-figure table that holds no measures;
* ``norrfjarden_skolnarvaro.pdf`` — unnumbered measure titles, each followed by a
  description and key–value lines (Ansvar / Samverkan / Tidsplan / Kostnad), over two pages;
* ``vastra_kusten_tillganglighet.pptx`` — slides with a table Aktivitet / Ansvarig / När,
  a party pair written 'A / B', among bullet slides;
* ``mossby_miljoprogram.pdf`` — numbered sections ('3.2 …') whose owner and date stand in
  running text ('Ansvarig är miljöchefen. Åtgärden ska vara genomförd senast …'), after
  numbered sections that hold goals, not measures;
* ``torsholm_avfallsplan.pdf`` — a table without rules (Nr / Åtgärd / Ansvarig / Tidplan /
  Kostnad) split over two pages with the header repeated, wrapped cells top-aligned;
* ``linnea_nara_vard.docx`` — one two-column key–value table per measure (Insats /
  Beskrivning / Ansvarig / Medverkande / Tidsplan / Status);
* ``granhammar_klimatanpassning.pdf`` — measures numbered in the margin, each with a
  description and a small table of actors (Aktör / Roll / Klart), several rows per measure;
* ``storsund_biblioteksplan.docx`` — bullets that end in '(ansvar: …, tidplan: …)', after a
  list of the library's tasks that are not measures.

Dates are written the Swedish ways: kvartal 3 2026, Q4 2026, vt/ht, hösten 2026, under 2026,
senast 30 juni 2027, 2026–2028, löpande.

The gold is written by hand next to each text below (title, owner, due normalised as
``evals/measures.py`` scores it: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', the end of a quarter,
half or season as its month, a span as its last year, 'löpande' as null) before any parser
was run on the files. The documents are generated, not committed:

    python evals/data/heldout_measures2.py          # → evals/data/heldout2/
    python evals/data/heldout_measures2.py --gold   # rewrites gold-measures-heldout2.json
    lagesbild eval measures --set evals/data/gold-measures-heldout2.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import docx
from pptx import Presentation
from pptx.util import Emu, Pt

HERE = Path(__file__).resolve().parent
OUT = HERE / "heldout2"
GOLD = HERE / "gold-measures-heldout2.json"
sys.path.insert(0, str(HERE))

from heldout_measures import Line, pdf_bytes  # noqa: E402

Gold = dict[str, Any]


def gold(
    title: str,
    owner: str | None,
    due: str | None,
    due_raw: str | None = None,
    *,
    pages: list[int] | None = None,
    section: str = "",
    status: str | None = None,
    parties: list[tuple[str, str | None, str | None]] | None = None,
) -> Gold:
    """One gold measure; ``parties`` are (organisation, role, due), default the owner alone."""
    rows = parties if parties is not None else ([(owner, None, due)] if owner else [])
    return {
        "title": title,
        "pages": pages or [],
        "section": section,
        "owner": owner,
        "due": due,
        "due_raw": due_raw,
        "status": status,
        "responsibilities": [{"organisation": o, "role": r, "due": d} for o, r, d in rows],
    }


def _flow(x: float, y: float, lines: list[str], size: float = 11, lead: float = 14) -> list[Line]:
    return [(x, y - i * lead, size, text) for i, text in enumerate(lines)]


# --- Älvsby: Word tables with question headers -----------------------------------------------

ALVSBY_HEAD = ("Vad ska göras?", "Hur?", "Vem ansvarar?", "När?")
ALVSBY: list[tuple[str, list[tuple[tuple[str, str, str, str], Gold]]]] = [
    ("Målområde 1: Goda levnadsvanor", [
        (("Öka andelen elever som äter skollunch",
          "Elevråden och kostenheten tar fram en gemensam plan för en lugnare matsalsmiljö",
          "Kostenheten", "Ht 2026"),
         gold("Öka andelen elever som äter skollunch", "Kostenheten", "2026-12", "Ht 2026")),
        (("Erbjuda hälsosamtal till alla 65-åringar",
          "Inbjudan skickas med post och samtalen hålls på träffpunkterna",
          "Vård- och omsorgsförvaltningen", "Kvartal 3 2026"),
         gold("Erbjuda hälsosamtal till alla 65-åringar", "Vård- och omsorgsförvaltningen",
              "2026-09", "Kvartal 3 2026")),
        (("Fler tillfällen till fysisk aktivitet för unga på fritiden",
          "Kostnadsfria prova-på-aktiviteter under skolloven", "Kultur- och fritidsförvaltningen",
          "Under 2026"),
         gold("Fler tillfällen till fysisk aktivitet för unga på fritiden",
              "Kultur- och fritidsförvaltningen", "2026", "Under 2026")),
    ]),
    ("Målområde 2: Psykisk hälsa", [
        (("Förebygga psykisk ohälsa bland unga",
          "Metoden YAM införs i årskurs 8 på alla skolor", "Barn- och utbildningsförvaltningen",
          "Vt 2027"),
         gold("Förebygga psykisk ohälsa bland unga", "Barn- och utbildningsförvaltningen",
              "2027-06", "Vt 2027")),
        (("Stärka stödet till anhöriga", "Anhörigkonsulenten startar samtalsgrupper",
          "Socialförvaltningen", "Löpande"),
         gold("Stärka stödet till anhöriga", "Socialförvaltningen", None, "Löpande")),
        (("Utbilda chefer i suicidprevention",
          "Alla chefer går utbildningen Första hjälpen till psykisk hälsa",
          "HR-avdelningen och Socialförvaltningen", "Q4 2026"),
         gold("Utbilda chefer i suicidprevention", "HR-avdelningen", "2026-12", "Q4 2026",
              parties=[("HR-avdelningen", None, "2026-12"),
                       ("Socialförvaltningen", None, "2026-12")])),
    ]),
]  # fmt: skip
ALVSBY_FIGURES = [
    ("Indikator", "Utgångsläge 2024", "Mål 2027"),
    ("Andel elever som äter skollunch", "62 %", "75 %"),
    ("Andel vuxna med fetma", "16 %", "14 %"),
    ("Andel unga som mår bra", "71 %", "80 %"),
]


def alvsby_docx(path: Path) -> list[Gold]:
    document = docx.Document()
    document.add_heading("Handlingsplan för folkhälsa 2026–2027", level=1)
    document.add_paragraph(
        "Älvsby kommuns folkhälsopolicy omsätts i handlingsplanen nedan. Varje insats har en "
        "ansvarig förvaltning och en tidpunkt. Planen antogs av kommunstyrelsen i mars 2026."
    )
    out: list[Gold] = []
    for area, rows in ALVSBY:
        document.add_heading(area, level=2)
        table = document.add_table(rows=len(rows) + 1, cols=4)
        table.style = "Table Grid"
        for c, head in enumerate(ALVSBY_HEAD):
            table.cell(0, c).text = head
        for r, (cells, item) in enumerate(rows, start=1):
            for c, value in enumerate(cells):
                table.cell(r, c).text = value
            out.append({**item, "section": area})
    document.add_heading("Nyckeltal", level=2)
    table = document.add_table(rows=len(ALVSBY_FIGURES), cols=3)
    table.style = "Table Grid"
    for r, values in enumerate(ALVSBY_FIGURES):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.add_paragraph("Planen följs upp i folkhälsorådet två gånger per år.")
    document.save(str(path))
    return out


# --- Norrfjärden: unnumbered titles with key–value lines ---------------------------------------

NorrBlock = tuple[str, list[str], list[str], Gold]
NORRFJARDEN: list[list[NorrBlock]] = [
    [
        ("Tidig signal vid frånvaro",
         ["Skolan kontaktar vårdnadshavare samma dag som en elev är frånvarande",
          "utan anmälan."],
         ["Ansvar: Rektorerna i grundskolan", "Tidsplan: hösten 2026"],
         gold("Tidig signal vid frånvaro", "Rektorerna i grundskolan", "2026-12",
              "hösten 2026", pages=[1])),
        ("Gemensam rutin för närvarouppföljning",
         ["Alla skolor följer upp närvaron på samma sätt och larmar elevhälsan",
          "när frånvaron överstiger tio procent under en månad."],
         ["Ansvar: Barn- och utbildningsförvaltningen", "Samverkan: Elevhälsan",
          "Tidsplan: kvartal 3 2026"],
         gold("Gemensam rutin för närvarouppföljning", "Barn- och utbildningsförvaltningen",
              "2026-09", "kvartal 3 2026", pages=[1])),
        ("Närvaroteam på högstadiet",
         ["Ett team med kurator, specialpedagog och socialsekreterare arbetar med",
          "elever som har långvarig frånvaro."],
         ["Ansvar: Barn- och utbildningsförvaltningen, Socialförvaltningen",
          "Tidsplan: vt 2027", "Kostnad: 1,2 mnkr per år"],
         gold("Närvaroteam på högstadiet", "Barn- och utbildningsförvaltningen", "2027-06",
              "vt 2027", pages=[1],
              parties=[("Barn- och utbildningsförvaltningen", None, "2027-06"),
                       ("Socialförvaltningen", None, "2027-06")])),
    ],
    [
        ("Digital frånvaroanmälan",
         ["Vårdnadshavare anmäler frånvaro i en app som också visar elevens närvaro."],
         ["Ansvar: IT-enheten", "Tidsplan: 2026-08-15", "Kostnad: 250 tkr"],
         gold("Digital frånvaroanmälan", "IT-enheten", "2026-08-15", "2026-08-15", pages=[2])),
        ("Fritidsgårdar i samverkan med skolan",
         ["Fritidsledare finns på skolgården på raster och följer upp elever som inte",
          "kommer till skolan."],
         ["Ansvar: Kultur- och fritidsförvaltningen", "Tidsplan: löpande"],
         gold("Fritidsgårdar i samverkan med skolan", "Kultur- och fritidsförvaltningen", None,
              "löpande", pages=[2])),
        ("Kompetensutveckling om neuropsykiatriska funktionsnedsättningar",
         ["All personal i grundskolan går en webbutbildning och två seminarier."],
         ["Ansvar: Elevhälsan", "Tidsplan: under 2027"],
         gold("Kompetensutveckling om neuropsykiatriska funktionsnedsättningar", "Elevhälsan",
              "2027", "under 2027", pages=[2])),
    ],
]  # fmt: skip


def norrfjarden_pages() -> tuple[list[list[Line]], list[Gold]]:
    pages: list[list[Line]] = []
    out: list[Gold] = []
    for number, blocks in enumerate(NORRFJARDEN, start=1):
        lines: list[Line] = []
        y = 790.0
        if number == 1:
            lines.append((56, y, 16, "Handlingsplan för ökad skolnärvaro 2026"))
            lines += _flow(56, y - 30, [
                "Norrfjärdens kommun har för många elever med långvarig frånvaro. Planen",
                "beskriver de insatser som ska öka närvaron och vem som ansvarar för dem.",
            ])  # fmt: skip
            y -= 80
        for title, text, fields, item in blocks:
            lines.append((56, y, 12, title))
            y -= 18
            lines += _flow(56, y, text + fields)
            y -= 14 * len(text + fields) + 20
            out.append(item)
        if number == len(NORRFJARDEN):
            lines.append((56, y, 13, "Uppföljning"))
            lines += _flow(56, y - 20, [
                "Barn- och utbildningsnämnden följer upp planen i augusti och januari.",
                "Ansvar för uppföljningen har förvaltningens kvalitetsstrateg.",
            ])  # fmt: skip
        lines.append((270, 40, 9, f"Sida {number} av {len(NORRFJARDEN)}"))
        pages.append(lines)
    return pages, out


# --- Västra kusten: slides with Aktivitet / Ansvarig / När ---------------------------------------

VASTRA: list[tuple[str, int, list[tuple[tuple[str, str, str], Gold]]]] = [
    ("Aktiviteter 2026", 3, [
        (("Tillgänglighetsinventera kommunens publika lokaler", "Fastighetsavdelningen",
          "Q3 2026"),
         gold("Tillgänglighetsinventera kommunens publika lokaler", "Fastighetsavdelningen",
              "2026-09", "Q3 2026", pages=[3])),
        (("Ta fram en checklista för tillgängliga evenemang", "Kultur och fritid", "Maj 2026"),
         gold("Ta fram en checklista för tillgängliga evenemang", "Kultur och fritid",
              "2026-05", "Maj 2026", pages=[3])),
        (("Syntolka kommunfullmäktiges sändningar", "Kommunikationsenheten", "Hösten 2026"),
         gold("Syntolka kommunfullmäktiges sändningar", "Kommunikationsenheten", "2026-12",
              "Hösten 2026", pages=[3])),
    ]),
    ("Aktiviteter 2027", 4, [
        (("Anpassa lekplatser för barn med funktionsnedsättning",
          "Tekniska förvaltningen / Fastighetsavdelningen", "2027"),
         gold("Anpassa lekplatser för barn med funktionsnedsättning", "Tekniska förvaltningen",
              "2027", "2027", pages=[4],
              parties=[("Tekniska förvaltningen", None, "2027"),
                       ("Fastighetsavdelningen", None, "2027")])),
        (("Utbildning i bemötande för kundtjänst", "HR-avdelningen", "Kvartal 1 2027"),
         gold("Utbildning i bemötande för kundtjänst", "HR-avdelningen", "2027-03",
              "Kvartal 1 2027", pages=[4])),
        (("Lättläst version av kommunens webbplats", "Kommunikationsenheten", "Löpande"),
         gold("Lättläst version av kommunens webbplats", "Kommunikationsenheten", None,
              "Löpande", pages=[4])),
    ]),
]  # fmt: skip


def vastra_pptx(path: Path) -> list[Gold]:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.shapes.title.text = "Handlingsplan för tillgänglighet"
    first.placeholders[1].text = "Västra kustens kommun · Rådet för funktionshinderfrågor"
    why = prs.slides.add_slide(prs.slide_layouts[1])
    why.shapes.title.text = "Varför en handlingsplan?"
    body = why.placeholders[1].text_frame
    body.text = "Kommunen har anslutit sig till FN:s konvention om rättigheter för personer"
    body.add_paragraph().text = "med funktionsnedsättning."
    body.add_paragraph().text = "Planen gäller 2026–2027 och följs upp varje halvår."
    out: list[Gold] = []
    for title, _slide, rows in VASTRA:
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = title
        shape = slide.shapes.add_table(
            len(rows) + 1, 3, Emu(457200), Emu(1500000), Emu(11277600), Emu(3000000)
        )
        grid = shape.table
        for c, head in enumerate(("Aktivitet", "Ansvarig", "När")):
            grid.cell(0, c).text = head
        for r, (cells, item) in enumerate(rows, start=1):
            for c, value in enumerate(cells):
                grid.cell(r, c).text = value
                grid.cell(r, c).text_frame.paragraphs[0].runs[0].font.size = Pt(16)
            out.append({**item, "section": title})
    last = prs.slides.add_slide(prs.slide_layouts[1])
    last.shapes.title.text = "Frågor?"
    last.placeholders[1].text = "Kontakt: tillgänglighetssamordnaren, kommunledningskontoret"
    prs.save(str(path))
    return out


# --- Mossby: numbered sections, owner and date in running text ---------------------------------

MOSSBY_PAGES: list[list[Line]] = [
    [
        (56, 790, 16, "Miljöprogram för Mossby kommun 2026–2030"),
        (56, 756, 13, "1 Inledning"),
        *_flow(56, 736, [
            "Miljöprogrammet anger kommunens miljömål och de åtgärder som ska genomföras",
            "under perioden. Programmet antogs av kommunfullmäktige den 20 april 2026.",
        ]),
        (56, 694, 13, "2 Mål"),
        (56, 672, 11, "2.1 Klimat"),
        *_flow(56, 656, [
            "Utsläppen av växthusgaser från kommunens verksamheter ska minska med 70",
            "procent till 2030 jämfört med 2010.",
        ]),
        (56, 620, 11, "2.2 Natur"),
        *_flow(56, 604, [
            "Den biologiska mångfalden ska bevaras och andelen skyddad natur ska öka.",
        ]),
        (56, 570, 13, "3 Åtgärder för klimat och energi"),
        (56, 548, 11, "3.1 Energieffektivisera kommunens lokaler"),
        *_flow(56, 532, [
            "Energianvändningen i kommunens lokaler ska minska med 15 procent jämfört med",
            "2022. Ansvarig är fastighetschefen. Åtgärden ska vara genomförd senast",
            "2027-06-30.",
        ]),
        (56, 478, 11, "3.2 Ställ om kommunens fordon till fossilfria drivmedel"),
        *_flow(56, 462, [
            "Samtliga personbilar och lätta lastbilar ska drivas med el eller biogas.",
            "Ansvarig för åtgärden är servicenämnden och den ska vara klar senast december",
            "2028.",
        ]),
        (56, 408, 11, "3.3 Inför klimatkrav i livsmedelsupphandlingen"),
        *_flow(56, 392, [
            "Upphandlingsenheten ansvarar för att klimatkrav finns med i nästa",
            "livsmedelsavtal, som ska vara klart under 2026.",
        ]),
        (270, 40, 9, "1"),
    ],
    [
        (56, 790, 13, "4 Åtgärder för natur och vatten"),
        (56, 768, 11, "4.1 Ta fram en grönplan för centralorten"),
        *_flow(56, 752, [
            "Grönplanen ska visa vilka parker och grönområden som ska bevaras och",
            "utvecklas. Ansvarig är samhällsbyggnadsnämnden och planen ska antas av",
            "kommunfullmäktige senast vt 2027.",
        ]),
        (56, 698, 11, "4.2 Restaurera våtmarker längs Mossån"),
        *_flow(56, 682, [
            "Arbetet genomförs tillsammans med länsstyrelsen och markägarna. Ansvarig är",
            "miljöchefen. Tidsplan: 2026–2028.",
        ]),
        (56, 642, 11, "4.3 Inventera skyddsvärda träd"),
        *_flow(56, 626, [
            "Inventeringen görs av kommunekologen och ska vara klar hösten 2026.",
        ]),
        (56, 590, 13, "5 Uppföljning"),
        *_flow(56, 570, [
            "Miljöprogrammet följs upp årligen i miljöbokslutet. Miljö- och",
            "byggnämnden ansvarar för att sammanställa uppföljningen.",
        ]),
        (270, 40, 9, "2"),
    ],
]  # fmt: skip
MOSSBY_GOLD = [
    gold("Energieffektivisera kommunens lokaler", "Fastighetschefen", "2027-06-30",
         pages=[1], section="3 Åtgärder för klimat och energi"),
    gold("Ställ om kommunens fordon till fossilfria drivmedel", "Servicenämnden", "2028-12",
         "december 2028", pages=[1], section="3 Åtgärder för klimat och energi"),
    gold("Inför klimatkrav i livsmedelsupphandlingen", "Upphandlingsenheten", "2026",
         "under 2026", pages=[1], section="3 Åtgärder för klimat och energi"),
    gold("Ta fram en grönplan för centralorten", "Samhällsbyggnadsnämnden", "2027-06",
         "vt 2027", pages=[2], section="4 Åtgärder för natur och vatten"),
    gold("Restaurera våtmarker längs Mossån", "Miljöchefen", "2028", "2026–2028",
         pages=[2], section="4 Åtgärder för natur och vatten"),
    gold("Inventera skyddsvärda träd", "Kommunekologen", "2026-12", "hösten 2026",
         pages=[2], section="4 Åtgärder för natur och vatten"),
]  # fmt: skip


# --- Torsholm: a table without rules over two pages, header repeated ---------------------------

TorsRow = tuple[str, list[str], list[str], str, str, Gold]
TORSHOLM: list[list[TorsRow]] = [
    [
        ("1", ["Införa insamling av matavfall från alla", "hushåll"],
         ["Torsholms Energi AB"], "2026", "4 500 tkr",
         gold("Införa insamling av matavfall från alla hushåll", "Torsholms Energi AB", "2026",
              pages=[1])),
        ("2", ["Utöka öppettiderna på återvinnings-", "centralen med en kväll i veckan"],
         ["Torsholms Energi AB"], "Kvartal 2 2026", "300 tkr",
         gold("Utöka öppettiderna på återvinningscentralen med en kväll i veckan",
              "Torsholms Energi AB", "2026-06", "Kvartal 2 2026", pages=[1])),
        ("3", ["Ta fram riktlinjer för att minska", "matsvinnet i skolor och äldreboenden"],
         ["Kostenheten"], "Vt 2027", "–",
         gold("Ta fram riktlinjer för att minska matsvinnet i skolor och äldreboenden",
              "Kostenheten", "2027-06", "Vt 2027", pages=[1])),
        ("4", ["Inför återbruksrum i kommunens", "förvaltningsbyggnader"],
         ["Fastighetsavdelningen"], "2027", "200 tkr",
         gold("Inför återbruksrum i kommunens förvaltningsbyggnader", "Fastighetsavdelningen",
              "2027", pages=[1])),
        ("5", ["Informationskampanj om farligt avfall"],
         ["Torsholms Energi AB,", "Kommunikationsenheten"], "Hösten 2026", "150 tkr",
         gold("Informationskampanj om farligt avfall", "Torsholms Energi AB", "2026-12",
              "Hösten 2026", pages=[1],
              parties=[("Torsholms Energi AB", None, "2026-12"),
                       ("Kommunikationsenheten", None, "2026-12")])),
    ],
    [
        ("6", ["Kartlägg nedlagda deponier enligt", "MIFO-metoden"],
         ["Miljö- och byggnämnden"], "2028", "800 tkr",
         gold("Kartlägg nedlagda deponier enligt MIFO-metoden", "Miljö- och byggnämnden",
              "2028", pages=[2])),
        ("7", ["Ställ krav på återvinning av byggavfall", "i kommunens entreprenader"],
         ["Tekniska nämnden"], "Senast 2026-12-31", "–",
         gold("Ställ krav på återvinning av byggavfall i kommunens entreprenader",
              "Tekniska nämnden", "2026-12-31", "Senast 2026-12-31", pages=[2])),
        ("8", ["Utred en gemensam återvinnings-", "central med grannkommunen"],
         ["Kommunstyrelsen"], "Q1 2028", "–",
         gold("Utred en gemensam återvinningscentral med grannkommunen", "Kommunstyrelsen",
              "2028-03", "Q1 2028", pages=[2])),
        ("9", ["Följ upp avfallsplanen och redovisa", "resultatet för kommunfullmäktige"],
         ["Tekniska nämnden"], "Årligen", "–",
         gold("Följ upp avfallsplanen och redovisa resultatet för kommunfullmäktige",
              "Tekniska nämnden", None, "Årligen", pages=[2])),
    ],
]  # fmt: skip
TORS_X = (56, 80, 290, 430, 510)


def torsholm_pages() -> tuple[list[list[Line]], list[Gold]]:
    pages: list[list[Line]] = []
    out: list[Gold] = []
    for number, rows in enumerate(TORSHOLM, start=1):
        lines: list[Line] = []
        y = 790.0
        if number == 1:
            lines.append((56, y, 15, "Avfallsplan 2026–2030"))
            lines.append((56, y - 22, 12, "Bilaga 1. Åtgärder"))
            lines += _flow(56, y - 48, [
                "Tabellen anger åtgärderna i avfallsplanen, vem som ansvarar och när de ska",
                "vara genomförda. Kostnaderna är uppskattade.",
            ], size=10, lead=13)  # fmt: skip
            y -= 100
        for x, head in zip(TORS_X, ("Nr", "Åtgärd", "Ansvarig", "Tidplan", "Kostnad"), strict=True):
            lines.append((x, y, 10, head))
        y -= 22
        for nr, action, owner, due, cost, item in rows:
            lines.append((TORS_X[0], y, 10, nr))
            lines += _flow(TORS_X[1], y, action, size=10, lead=13)
            lines += _flow(TORS_X[2], y, owner, size=10, lead=13)
            lines.append((TORS_X[3], y, 10, due))
            lines.append((TORS_X[4], y, 10, cost))
            y -= 13 * max(len(action), len(owner)) + 12
            out.append({**item, "section": "Bilaga 1. Åtgärder"})
        if number == len(TORSHOLM):
            lines += _flow(56, y - 20, [
                "Tekniska nämnden ansvarar för att avfallsplanen följs upp och revideras.",
            ], size=10)  # fmt: skip
        lines.append((270, 40, 9, f"Sida {number} av {len(TORSHOLM)}"))
        pages.append(lines)
    return pages, out


# --- Linnea: one key–value table per measure ----------------------------------------------------

LINNEA: list[tuple[list[tuple[str, str]], Gold]] = [
    ([("Insats", "Mobila vårdteam för äldre i hemmet"),
      ("Beskrivning", "Läkare och sjuksköterskor gör hembesök hos sköra äldre för att undvika "
                      "onödiga besök på akutmottagningen."),
      ("Ansvarig", "Hälso- och sjukvårdsförvaltningen"),
      ("Medverkande", "Kommunernas hemsjukvård"),
      ("Tidsplan", "Kvartal 4 2026"),
      ("Status", "Pågår")],
     gold("Mobila vårdteam för äldre i hemmet", "Hälso- och sjukvårdsförvaltningen", "2026-12",
          "Kvartal 4 2026", status="pågår")),
    ([("Insats", "Gemensam journal för hemsjukvård och primärvård"),
      ("Beskrivning", "Kommunernas och regionens personal ska kunna läsa och skriva i samma "
                      "journal."),
      ("Ansvarig", "Regionens IT-förvaltning"),
      ("Medverkande", "Kommunerna i länet"),
      ("Tidsplan", "2027–2028"),
      ("Status", "Ej påbörjad")],
     gold("Gemensam journal för hemsjukvård och primärvård", "Regionens IT-förvaltning", "2028",
          "2027–2028", status="ej påbörjad")),
    ([("Insats", "Fast vårdkontakt för patienter med flera kroniska sjukdomar"),
      ("Beskrivning", "Varje patient får en namngiven sjuksköterska på sin vårdcentral."),
      ("Ansvarig", "Primärvården"),
      ("Tidsplan", "Senast 30 juni 2027"),
      ("Status", "Pågår")],
     gold("Fast vårdkontakt för patienter med flera kroniska sjukdomar", "Primärvården",
          "2027-06-30", "Senast 30 juni 2027", status="pågår")),
    ([("Insats", "Digitala vårdmöten från särskilda boenden"),
      ("Beskrivning", "Alla särskilda boenden har utrustning för digitala läkarbesök."),
      ("Ansvarig", "Kommunerna i länet, Primärvården"),
      ("Tidsplan", "Under 2026"),
      ("Status", "Klar")],
     gold("Digitala vårdmöten från särskilda boenden", "Kommunerna i länet", "2026",
          "Under 2026", status="klar",
          parties=[("Kommunerna i länet", None, "2026"), ("Primärvården", None, "2026")])),
    ([("Insats", "Kompetenslyft för undersköterskor i hemtjänsten"),
      ("Beskrivning", "Undersköterskor erbjuds utbildning i läkemedelshantering och "
                      "demensvård."),
      ("Ansvarig", "Kommunerna i länet"),
      ("Tidsplan", "Löpande"),
      ("Status", "Pågår")],
     gold("Kompetenslyft för undersköterskor i hemtjänsten", "Kommunerna i länet", None,
          "Löpande", status="pågår")),
]  # fmt: skip


def linnea_docx(path: Path) -> list[Gold]:
    document = docx.Document()
    document.add_heading("Handlingsplan för nära vård 2026–2028", level=1)
    document.add_paragraph(
        "Region Linnea och länets kommuner ställer om till en god och nära vård. Varje insats "
        "beskrivs nedan med ansvarig part, tidsplan och status i maj 2026."
    )
    out: list[Gold] = []
    for n, (fields, item) in enumerate(LINNEA, start=1):
        section = "Äldres hälsa" if n <= 2 else "Primärvård och kommun"
        if n in (1, 3):
            document.add_heading(section, level=2)
        table = document.add_table(rows=len(fields), cols=2)
        table.style = "Table Grid"
        for r, (key, value) in enumerate(fields):
            table.cell(r, 0).text = key
            table.cell(r, 1).text = value
        document.add_paragraph("")
        out.append({**item, "section": section})
    document.add_heading("Uppföljning", level=2)
    document.add_paragraph(
        "Den politiska samverkansberedningen följer upp handlingsplanen två gånger per år."
    )
    document.save(str(path))
    return out


# --- Granhammar: margin numbers, a description and a table of actors ---------------------------

GranActor = tuple[str, str, str]
GRANHAMMAR: list[list[tuple[str, list[str], list[str], list[GranActor], Gold]]] = [
    [
        ("1", ["Kartlägg risker för översvämning vid samhällsviktig verksamhet"],
         ["Kartläggningen omfattar vattenverk, sjukhus, äldreboenden och",
          "räddningstjänstens stationer."],
         [("Länsstyrelsen", "Samordnande", "2026-12-31"),
          ("Kommunerna", "Genomförande", "2027-06-30")],
         gold("Kartlägg risker för översvämning vid samhällsviktig verksamhet", "Länsstyrelsen",
              "2026-12-31", pages=[1],
              parties=[("Länsstyrelsen", "Samordnande", "2026-12-31"),
                       ("Kommunerna", "Genomförande", "2027-06-30")])),
        ("2", ["Ta fram en regional vattenförsörjningsplan"],
         ["Planen pekar ut vattentillgångar som behövs för framtidens dricksvatten."],
         [("Länsstyrelsen", "Ansvarig", "2027"), ("Regionen", "Medverkande", "2027")],
         gold("Ta fram en regional vattenförsörjningsplan", "Länsstyrelsen", "2027", pages=[1],
              parties=[("Länsstyrelsen", "Ansvarig", "2027"),
                       ("Regionen", "Medverkande", "2027")])),
        ("3", ["Klimatanpassa vägar som är viktiga för räddningstjänsten"],
         ["Vägar som riskerar att översvämmas eller skredas åtgärdas i första hand."],
         [("Trafikverket", "Ansvarig", "2028")],
         gold("Klimatanpassa vägar som är viktiga för räddningstjänsten", "Trafikverket", "2028",
              pages=[1], parties=[("Trafikverket", "Ansvarig", "2028")])),
    ],
    [
        ("4", ["Utbilda kommunernas planerare i klimatanpassning"],
         ["Utbildningen ges digitalt och avslutas med en gemensam workshop."],
         [("Länsstyrelsen", "Ansvarig", "Q2 2026"), ("Kommunerna", "Deltagande", "Q2 2026")],
         gold("Utbilda kommunernas planerare i klimatanpassning", "Länsstyrelsen", "2026-06",
              "Q2 2026", pages=[2],
              parties=[("Länsstyrelsen", "Ansvarig", "2026-06"),
                       ("Kommunerna", "Deltagande", "2026-06")])),
        ("5", ["Värmeplaner för vård och omsorg"],
         ["Alla verksamheter med sköra äldre har en plan för hur de skyddas vid",
          "värmebölja."],
         [("Regionen", "Ansvarig", "Sommaren 2026"), ("Kommunerna", "Ansvarig", "Sommaren 2026")],
         gold("Värmeplaner för vård och omsorg", "Regionen", "2026-08", "Sommaren 2026",
              pages=[2],
              parties=[("Regionen", "Ansvarig", "2026-08"),
                       ("Kommunerna", "Ansvarig", "2026-08")])),
    ],
]  # fmt: skip


def granhammar_pages() -> tuple[list[list[Line]], list[Gold]]:
    pages: list[list[Line]] = []
    out: list[Gold] = []
    for number, blocks in enumerate(GRANHAMMAR, start=1):
        lines: list[Line] = []
        y = 790.0
        if number == 1:
            lines.append((56, y, 15, "Regional handlingsplan för klimatanpassning"))
            lines.append((56, y - 20, 11, "Granhammars län 2026–2028"))
            lines += _flow(56, y - 46, [
                "Länets aktörer har enats om åtgärderna nedan. För varje åtgärd anges vilka",
                "aktörer som deltar, deras roll och när deras del ska vara klar.",
            ])  # fmt: skip
            y -= 100
        for nr, title, text, actors, item in blocks:
            lines.append((56, y, 12, nr))
            lines += _flow(80, y, title, size=12, lead=15)
            y -= 15 * len(title) + 4
            lines += _flow(80, y, text)
            y -= 14 * len(text) + 6
            for x, head in zip((80, 260, 400), ("Aktör", "Roll", "Klart"), strict=True):
                lines.append((x, y, 10, head))
            y -= 14
            for actor in actors:
                for x, cell in zip((80, 260, 400), actor, strict=True):
                    lines.append((x, y, 10, cell))
                y -= 13
            y -= 24
            out.append(item)
        lines.append((270, 40, 9, f"{number}"))
        pages.append(lines)
    return pages, out


# --- Storsund: bullets ending in '(ansvar: …, tidplan: …)' --------------------------------------

STORSUND_TASKS = [
    "Främja läsning och litteratur",
    "Ge alla invånare tillgång till information och kunskap",
    "Vara en mötesplats för alla åldrar",
]
STORSUND: list[tuple[str, Gold]] = [
    ("Utöka meröppet till biblioteken i Sundby och Åsen (ansvar: kultur- och "
     "fritidsförvaltningen, tidplan: 2026)",
     gold("Utöka meröppet till biblioteken i Sundby och Åsen",
          "Kultur- och fritidsförvaltningen", "2026")),
    ("Språkcaféer för nyanlända varje vecka (ansvar: huvudbiblioteket, tidplan: hösten 2026)",
     gold("Språkcaféer för nyanlända varje vecka", "Huvudbiblioteket", "2026-12",
          "hösten 2026")),
    ("Bokbuss till landsbygden två dagar i veckan (ansvar: kultur- och fritidsnämnden, "
     "tidplan: kvartal 1 2027)",
     gold("Bokbuss till landsbygden två dagar i veckan", "Kultur- och fritidsnämnden",
          "2027-03", "kvartal 1 2027")),
    ("Läsfrämjande insatser i förskolan tillsammans med barnhälsovården (ansvar: "
     "barnbiblioteket och förskoleförvaltningen, tidplan: löpande)",
     gold("Läsfrämjande insatser i förskolan tillsammans med barnhälsovården",
          "Barnbiblioteket", None, "löpande",
          parties=[("Barnbiblioteket", None, None), ("Förskoleförvaltningen", None, None)])),
    ("Ta fram en digital strategi för biblioteken (ansvar: bibliotekschefen, tidplan: senast "
     "juni 2027)",
     gold("Ta fram en digital strategi för biblioteken", "Bibliotekschefen", "2027-06",
          "senast juni 2027")),
]  # fmt: skip


def storsund_docx(path: Path) -> list[Gold]:
    document = docx.Document()
    document.add_heading("Biblioteksplan för Storsunds kommun 2026–2029", level=1)
    document.add_paragraph(
        "Biblioteksplanen beskriver hur folk- och skolbiblioteken ska utvecklas under "
        "perioden. Den antogs av kommunfullmäktige i december 2025."
    )
    document.add_heading("Bibliotekens uppdrag", level=2)
    for task in STORSUND_TASKS:
        document.add_paragraph(task, style="List Bullet")
    document.add_heading("Prioriterade insatser 2026–2027", level=2)
    out: list[Gold] = []
    for text, item in STORSUND:
        document.add_paragraph(text, style="List Bullet")
        out.append({**item, "section": "Prioriterade insatser 2026–2027"})
    document.add_heading("Uppföljning", level=2)
    document.add_paragraph("Kultur- och fritidsnämnden följer upp planen varje år.")
    document.save(str(path))
    return out


# --- Writing ----------------------------------------------------------------------------------

NOTES = {
    "alvsby_folkhalsa.docx": "Word-tabeller med frågerubriker Vad ska göras?/Hur?/Vem "
    "ansvarar?/När?, en per målområde; 'Vad' är titeln, 'Hur' beskrivningen. Tabellen "
    "Nyckeltal (Indikator/Utgångsläge/Mål) har inga åtgärder.",
    "norrfjarden_skolnarvaro.pdf": "Onumrerade åtgärdsrubriker, var och en med beskrivning och "
    "raderna Ansvar/Samverkan/Tidsplan/Kostnad; Samverkan är ingen ansvarig. 'Ansvar för "
    "uppföljningen' under Uppföljning är ingen åtgärd.",
    "vastra_kusten_tillganglighet.pptx": "Två bilder med tabell Aktivitet/Ansvarig/När (bild 3 "
    "och 4); 'A / B' är två ansvariga. Bild 1, 2 och 5 har inga åtgärder.",
    "mossby_miljoprogram.pdf": "Numrerade avsnitt; bara 3.x och 4.x är åtgärder (2.x är mål). "
    "Ansvarig och tidpunkt står i löptext: 'Ansvarig är …', '… ansvarar för …', 'görs av …', "
    "'senast …', 'under 2026', 'Tidsplan: 2026–2028'.",
    "torsholm_avfallsplan.pdf": "Tabell utan linjer Nr/Åtgärd/Ansvarig/Tidplan/Kostnad över två "
    "sidor med upprepad rubrikrad; radbrutna celler toppjusterade; 'Årligen' är ingen tidpunkt.",
    "linnea_nara_vard.docx": "En tvåkolumnstabell per insats (Insats/Beskrivning/Ansvarig/"
    "Medverkande/Tidsplan/Status); Medverkande är ingen ansvarig.",
    "granhammar_klimatanpassning.pdf": "Åtgärder numrerade i marginalen, beskrivning och en "
    "aktörstabell Aktör/Roll/Klart med en rad per aktör; owner och due är första radens.",
    "storsund_biblioteksplan.docx": "Punktlista där varje insats slutar med '(ansvar: …, "
    "tidplan: …)'; punktlistan 'Bibliotekens uppdrag' är inga åtgärder.",
}


def write_all(folder: Path = OUT) -> dict[str, list[Gold]]:
    """Write the eight plans into ``folder``; return each file's gold measures."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, list[Gold]] = {}
    out["alvsby_folkhalsa.docx"] = alvsby_docx(folder / "alvsby_folkhalsa.docx")
    pages, items = norrfjarden_pages()
    (folder / "norrfjarden_skolnarvaro.pdf").write_bytes(pdf_bytes(pages))
    out["norrfjarden_skolnarvaro.pdf"] = items
    out["vastra_kusten_tillganglighet.pptx"] = vastra_pptx(
        folder / "vastra_kusten_tillganglighet.pptx"
    )
    (folder / "mossby_miljoprogram.pdf").write_bytes(pdf_bytes(MOSSBY_PAGES))
    out["mossby_miljoprogram.pdf"] = MOSSBY_GOLD
    pages, items = torsholm_pages()
    (folder / "torsholm_avfallsplan.pdf").write_bytes(pdf_bytes(pages))
    out["torsholm_avfallsplan.pdf"] = items
    out["linnea_nara_vard.docx"] = linnea_docx(folder / "linnea_nara_vard.docx")
    pages, items = granhammar_pages()
    (folder / "granhammar_klimatanpassning.pdf").write_bytes(pdf_bytes(pages))
    out["granhammar_klimatanpassning.pdf"] = items
    out["storsund_biblioteksplan.docx"] = storsund_docx(folder / "storsund_biblioteksplan.docx")
    return out


def gold_set(measures: dict[str, list[Gold]]) -> dict[str, Any]:
    """The gold file's content."""
    return {
        "description": "Handskriven facit för åtta påhittade åtgärdsplaner i layouter som varken "
        "exempelkorpusen, den riktiga korpusen eller första held-out-mängden har. Dokumenten "
        "skapas av evals/data/heldout_measures2.py; facit skrevs bredvid texten i skriptet "
        "innan någon parser kördes på filerna.",
        "corpus": "evals/data/heldout2",
        "fields": {
            "title": "åtgärdens namn som det står (matchas på likhet)",
            "pages": "sidor/bilder där åtgärden står (1-baserade; tomt för Word)",
            "owner": "första ansvariga part, annars null",
            "due": "tidpunkt normaliserad 'YYYY', 'YYYY-MM' eller 'YYYY-MM-DD' (kvartal, "
            "halvår och årstid som sin sista månad, ett spann som sitt sista år); 'löpande' "
            "och 'årligen' är null",
            "status": "status när källan säger den, annars null",
            "responsibilities": "varje ansvarig part (organisation, roll, tidpunkt)",
        },
        "documents": [
            {"doc": doc, "note": NOTES[doc], "measures": items} for doc, items in measures.items()
        ],
    }


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--gold"]
    written = write_all(Path(args[0]) if args else OUT)
    if "--gold" in sys.argv:
        GOLD.write_text(
            json.dumps(gold_set(written), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(GOLD)
    for name, items in written.items():
        print(f"{name}: {len(items)} measures")

"""PDF running headers and footers: the lines printed on every page, kept once (walk 41 item 3).

Hospital PDFs print the trust name, the patient label (name, MRN, NHS number, date of birth),
"Page N of M", "Printed <date time>" and "CONFIDENTIAL" on every page. Left in each page's text
they land in passages, answers and citations, and a print date sits beside the results it did
not date. A DOCX says which text is its page header; a PDF does not, so here it is recognised.
Removing a line the PDF holds is data loss when it is wrong, and a repeated header left in is
only noise (review 41 D1), so a line goes only on several kinds of evidence together:

* **Position.** It is printed in a page's margin band: its baseline within
  :data:`MARGIN_SHARE` of the page's top or bottom edge (pypdf gives each text run's position;
  the caller reads it, :class:`TextPage`). A body set inside the usual one-inch margins never
  reaches the band, so a result line ending two pages ("Sodium 131 mmol/L") or a drug name at
  the top of each page of a chart stays, whatever repeats. A page turned by /Rotate is read as
  it is shown (its top is one of its own space's sides; session 42). A line whose position is
  unknown (a table row rebuilt from the layout reading, text set at an angle to the page as
  shown) is kept.
* **Repetition.** The line (whitespace collapsed, each run of digits one number: its template)
  is in the same band on at least half of the text pages, and two at least: half, so a header
  on every page but the first, or on alternate pages (left/right), counts; two, because a line
  on one page repeats nothing. A one-page PDF is never touched. The same template printed
  outside the band on any page is content everywhere.
* **Numbers.** Every number is the same on every page (a print date, an MRN) or is the page
  number: written "Page N (of M)", "N/M" with N <= M, "- N -", "p. N" or alone on its line, and
  equal to the page's own position in the PDF. A number inside a date or time (as
  :func:`medlocal.values.extract_values` reads them) is never a page number, so a ward-round date
  that rises by one a page ("04/03/2026", "05/03/2026") stays content.
* **Furniture.** The line reads as page furniture: it is a page number line, it names a header
  word (hospital, trust, NHS, patient, DOB, MRN, printed, confidential, ...), or the same band
  of each page it is on carries the page number.

One copy of each running line is kept (review 41 D1a: each line, not each page's block, so
odd/even headers, a continuation header from page 2 on and a footer missing from the last page
all keep theirs): a header line on the first page that printed it, a footer line on the last,
as that page's "Page header"/"Page footer" text, so page spans and cited page numbers hold.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from medlocal.values import extract_values

Band = Literal["top", "bottom"]
_BANDS: tuple[Band, Band] = ("top", "bottom")

# How far from a page's top or bottom edge a running line's baseline may sit, as a share of the
# page height: 8% is 67 pt on A4 and 63 pt on US Letter, inside the one-inch (72 pt) margin
# word processors and report writers leave around the body, and beyond where they print headers
# and footers (about half an inch from the edge, two or three lines deep).
MARGIN_SHARE = 0.08
_MIN_SHARE = 0.5
_MIN_PAGES = 2
_NUMBER = re.compile(r"\d+")
# Where a page number is written; the group ``n`` is the page number.
_PAGE_NUMBER = re.compile(
    r"\b(?:page|pg)\.?\s*(?P<n1>\d+)(?:\s*(?:of|/)\s*(?P<m1>\d+))?\b"
    r"|\bp\.\s*(?P<n2>\d+)\b"
    r"|(?<![\d/.])(?P<n3>\d+)\s*/\s*(?P<m3>\d+)(?![\d/.])"
    r"|(?:^|(?<=\s))-\s*(?P<n4>\d+)\s*-(?=\s|$)"
    r"|^\s*(?P<n5>\d+)\s*$",
    re.IGNORECASE,
)
# Words of page furniture: the trust, the patient label, the print line.
_FURNITURE = re.compile(
    r"\b(?:hospital|trust|nhs|clinic|department|dept|health ?board|surgery|practice|patient"
    r"|name|dob|d\.o\.b|born|date of birth|mrn|hosp(?:ital)? (?:no|number)|unit (?:no|number)"
    r"|chi|printed|confidential|continuation|page)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TextPage:
    """A page's text and which of its lines are printed in its margin bands: keyed by the line
    with its whitespace collapsed, only lines whose every copy on the page lies in that band."""

    text: str
    margins: Mapping[str, Band] = field(default_factory=dict)


@dataclass(frozen=True)
class PageParts:
    """One page's text split into its kept running header lines, its body and its kept running
    footer lines."""

    header: str
    body: str
    footer: str


@dataclass(frozen=True)
class _Line:
    page: int  # index in the PDF, 0-based
    position: int  # line index in the page's text
    text: str
    band: Band


def collapse(line: str) -> str:
    """A line as :attr:`TextPage.margins` keys it."""
    return " ".join(line.split())


def split_running_lines(pages: Sequence[TextPage | None]) -> list[PageParts] | None:
    """Each page's header, body and footer; None when no running line was found.

    ``pages`` holds one entry per page of the PDF, in order; None for a page that takes no part
    (a scan read by OCR). A running line's copies other than the one kept are left out.
    """
    texts = {
        index: page for index, page in enumerate(pages) if page is not None and page.text.strip()
    }
    if len(texts) < _MIN_PAGES:
        return None
    needed = max(_MIN_PAGES, math.ceil(_MIN_SHARE * len(texts)))
    in_body: set[str] = set()
    found: dict[tuple[str, Band], list[_Line]] = defaultdict(list)
    numbered: set[tuple[int, Band]] = set()  # (page, band) where the band carries the page number
    for index, page in texts.items():
        for position, line in enumerate(page.text.split("\n")):
            if not line.strip():
                continue
            band = page.margins.get(collapse(line))
            if band is None:
                in_body.add(_template(line))
                continue
            found[(_template(line), band)].append(_Line(index, position, line, band))
            if index + 1 in _page_numbers(line).values():
                numbered.add((index, band))
    running = [
        lines
        for (template, _), lines in found.items()
        if template not in in_body
        and len({line.page for line in lines}) >= needed
        and _numbers_fit(lines)
        and _furniture(lines, numbered)
    ]
    if not running:
        return None
    return _parts(pages, running)


def _template(line: str) -> str:
    return _NUMBER.sub("#", collapse(line))


@lru_cache(maxsize=1024)
def _page_numbers(line: str) -> Mapping[int, int]:
    """The numbers of ``line`` written as a page number: their offsets and values. None is read
    inside a date or time."""
    matches = list(_PAGE_NUMBER.finditer(line))
    if not matches:
        return {}  # most lines: the date reader (the costly part) is not needed
    taken = [
        (value.start, value.start + len(value.raw))
        for value in extract_values(line)
        if value.kind in ("date", "time")
    ]
    numbers: dict[int, int] = {}
    for match in matches:
        group = next(name for name in ("n1", "n2", "n3", "n4", "n5") if match.group(name))
        start = match.start(group)
        if any(begin < match.end() and start < end for begin, end in taken):
            continue
        value = int(match.group(group))
        total = match.group("m1") or match.group("m3")
        if total is not None and value > int(total):
            continue  # "7/3" is no page 7 of 3
        numbers[start] = value
    return numbers


def _numbers_fit(lines: list[_Line]) -> bool:
    """Whether each number of the line is the same on every copy, or on every copy the page
    number written as one and equal to the page's position in the PDF."""
    numbers = [[(m.start(), int(m.group())) for m in _NUMBER.finditer(line.text)] for line in lines]
    for place in range(len(numbers[0])):
        if len({copy[place][1] for copy in numbers}) == 1:
            continue
        for line, copy in zip(lines, numbers, strict=True):
            start, value = copy[place]
            if _page_numbers(line.text).get(start) != value or value != line.page + 1:
                return False
    return True


def _furniture(lines: list[_Line], numbered: set[tuple[int, Band]]) -> bool:
    """Whether the line reads as page furniture rather than content that repeats."""
    first = lines[0]
    if _FURNITURE.search(first.text) or first.page + 1 in _page_numbers(first.text).values():
        return True
    return all((line.page, line.band) in numbered for line in lines)


def _parts(pages: Sequence[TextPage | None], running: list[list[_Line]]) -> list[PageParts]:
    removed: dict[int, set[int]] = defaultdict(set)
    kept: dict[int, dict[Band, set[int]]] = defaultdict(lambda: {"top": set(), "bottom": set()})
    for lines in running:
        # A header's copy on the first page that printed it, a footer's on the last.
        band = lines[0].band
        printed_on = [line.page for line in lines]
        keep = min(printed_on) if band == "top" else max(printed_on)
        for line in lines:
            removed[line.page].add(line.position)
            if line.page == keep:
                kept[line.page][band].add(line.position)
    parts: list[PageParts] = []
    for index, page in enumerate(pages):
        text = page.text if page is not None else ""
        if index not in removed:
            parts.append(PageParts("", text, ""))
            continue
        page_lines = text.split("\n")
        body = "\n".join(line for at, line in enumerate(page_lines) if at not in removed[index])
        header, footer = (
            "\n".join(page_lines[at] for at in sorted(kept[index][band])) for band in _BANDS
        )
        # The body keeps its own blank lines (the chunker's paragraph breaks), not the ones the
        # removed lines leave at its ends.
        parts.append(PageParts(header, body.strip("\n"), footer))
    return parts

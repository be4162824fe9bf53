"""PDF running headers and footers: the lines printed on every page, kept once (walk 41 item 3).

Hospital PDFs print the trust name, the patient label (name, MRN, NHS number, date of birth),
"Page N of M", "Printed <date time>" and "CONFIDENTIAL" on every page. Left in each page's text
they land in passages, answers and citations, and a print date sits beside the results it did
not date. A DOCX says which text is its page header; a PDF does not, so here it is recognised:

* Candidates are the first and last ``_EDGE_LINES`` non-blank lines of each text page (pypdf
  reads in content-stream order, so a header drawn after the body comes out at the bottom: both
  edges are searched for both kinds).
* Lines are compared after collapsing whitespace and reading every run of digits as one number
  (the template). A template is running when it is at an edge of at least half of the text
  pages, and of two pages at least: half, so a header on every page but the first (letters) or
  on alternate pages (left/right) counts; two, because a line on one page repeats nothing. A
  one-page PDF is never touched.
* Digits are not free: every number in the line is the same on every page (a print date, an
  MRN), or it follows the page (page + a fixed offset) *and* the line reads as a page number
  ("Page 2 of 3", "2/3", "- 2 -", "p. 2"). So a note line "Day 3, 06:00 - BP 112/60" at the top
  of every page, whose numbers change freely, stays content.
* Only the unbroken run of such lines at each edge of a page goes; the same template anywhere
  else in any page's body marks it content everywhere (a table's column header repeated at the
  top of each continuation page is first printed where the table starts, mid-page: it stays on
  every page, so the rows of each page keep their column names). A line set in the same columns
  as the line inside it is a table row too, and stays.

The first page's header and the last page's footer stay where they were (one copy each, on the
page they were printed on, so page spans and cited page numbers hold); the copies on the other
pages are removed.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

# How deep into a page's top and bottom a running line may sit: a trust name, a department, a
# two-line patient label and a print line, with room to spare.
_EDGE_LINES = 6
_MIN_SHARE = 0.5
_MIN_PAGES = 2
_NUMBER = re.compile(r"\d+")
# What may surround a page number in a line that changes with the page.
_PAGE_WORD = re.compile(r"\b(?:page|pg|p|sheet)\b", re.IGNORECASE)
_OF = re.compile(r"\bof\b", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
# Cells of a row rebuilt by pdf_tables: two spaces or more apart.
_CELL = re.compile(r"\S+(?: \S+)*")
_MIN_CELLS = 3


@dataclass(frozen=True)
class PageParts:
    """One page's text split into its running header lines, its body and its running footer."""

    header: str
    body: str
    footer: str


def split_running_lines(texts: Sequence[str | None]) -> list[PageParts] | None:
    """Each page's header, body and footer; None when no running line was found.

    ``texts`` holds one entry per page; None for a page that takes no part (a scan read by OCR).
    Removed copies are left out of the result: only the first page with a running header keeps
    its header, and only the last page with a running footer keeps its footer.
    """
    pages = {index: _lines(text) for index, text in enumerate(texts) if text and text.strip()}
    if len(pages) < _MIN_PAGES:
        return None
    needed = max(_MIN_PAGES, math.ceil(_MIN_SHARE * len(pages)))
    banned: set[str] = set()
    while True:
        cuts = _cuts(pages, needed, banned)
        found = {
            template
            for index, (top, bottom) in cuts.items()
            for template in _edge_templates(pages[index], top, bottom)
        }
        if not found:
            return None
        in_body = found & _body_templates(pages, cuts)
        if not in_body:
            break
        banned |= in_body  # content somewhere: never a running line; look again without it
    return _parts(texts, pages, cuts)


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _template(line: str) -> str:
    return _NUMBER.sub("#", " ".join(line.split()))


# What a running line's numbers are: per number, ("same", value) on every page or ("page",
# offset) for the page number printed (page index + offset).
_Form = tuple[tuple[str, int], ...]


def _cuts(pages: dict[int, list[str]], needed: int, banned: set[str]) -> dict[int, tuple[int, int]]:
    """For each page, how many lines its running header and footer take from the top and
    bottom."""
    top = _running_forms(pages, needed, banned, from_top=True)
    bottom = _running_forms(pages, needed, banned, from_top=False)
    cuts: dict[int, tuple[int, int]] = {}
    for index, lines in pages.items():
        head = _run_length(index, lines, top, from_top=True)
        foot = _run_length(index, lines[head:], bottom, from_top=False)
        cuts[index] = (head, foot)
    return cuts


def _running_forms(
    pages: dict[int, list[str]], needed: int, banned: set[str], *, from_top: bool
) -> dict[str, _Form]:
    seen: dict[str, dict[int, str]] = defaultdict(dict)  # template -> page -> the line there
    for index, lines in pages.items():
        edge = lines[:_EDGE_LINES] if from_top else lines[-_EDGE_LINES:]
        for line in edge:
            template = _template(line)
            if template not in banned:
                seen[template].setdefault(index, line)
    forms: dict[str, _Form] = {}
    for template, found in seen.items():
        form = _form(template, found) if len(found) >= needed else None
        if form is not None:
            forms[template] = form
    return forms


def _form(template: str, lines: dict[int, str]) -> _Form | None:
    """How the line's numbers go from page to page: each the same on every page, or the page
    number printed; None when any number changes otherwise (content, not a running line)."""
    values = [(index, [int(n) for n in _NUMBER.findall(line)]) for index, line in lines.items()]
    reads_as_page_number = bool(_PAGE_WORD.search(template)) or not _LETTER.search(
        _OF.sub("", template)
    )
    form: list[tuple[str, int]] = []
    for position in range(len(values[0][1])):
        column = {numbers[position] for _, numbers in values}
        offsets = {numbers[position] - index for index, numbers in values}
        if len(column) == 1:
            form.append(("same", column.pop()))
        elif len(offsets) == 1 and reads_as_page_number:
            form.append(("page", offsets.pop()))
        else:
            return None
    return tuple(form)


def _fits(index: int, line: str, form: _Form) -> bool:
    numbers = [int(n) for n in _NUMBER.findall(line)]
    return all(
        number == (value if kind == "same" else index + value)
        for number, (kind, value) in zip(numbers, form, strict=True)
    )


def _run_length(index: int, lines: list[str], running: dict[str, _Form], *, from_top: bool) -> int:
    """How many lines from the edge are running lines (with the numbers of their form), up to
    the first that is not; a line set in columns with the next one inside is a table row and
    ends the run."""
    ordered = lines if from_top else lines[::-1]
    count = 0
    for position, line in enumerate(ordered[:_EDGE_LINES]):
        form = running.get(_template(line))
        if form is None or not _fits(index, line, form):
            break
        inner = ordered[position + 1] if position + 1 < len(ordered) else None
        if inner is not None and _same_columns(line, inner):
            break
        count += 1
    return count


def _same_columns(line: str, other: str) -> bool:
    starts = [match.start() for match in _CELL.finditer(line)]
    return len(starts) >= _MIN_CELLS and starts == [m.start() for m in _CELL.finditer(other)]


def _edge_templates(lines: list[str], top: int, bottom: int) -> list[str]:
    return [_template(line) for line in lines[:top] + lines[len(lines) - bottom :]]


def _body_templates(pages: dict[int, list[str]], cuts: dict[int, tuple[int, int]]) -> set[str]:
    body: set[str] = set()
    for index, lines in pages.items():
        top, bottom = cuts[index]
        body.update(_template(line) for line in lines[top : len(lines) - bottom])
    return body


def _parts(
    texts: Sequence[str | None], pages: dict[int, list[str]], cuts: dict[int, tuple[int, int]]
) -> list[PageParts]:
    headed = [index for index in sorted(pages) if cuts[index][0]]
    footed = [index for index in sorted(pages) if cuts[index][1]]
    keep_header = headed[0] if headed else None
    keep_footer = footed[-1] if footed else None
    parts: list[PageParts] = []
    for index, text in enumerate(texts):
        if index not in pages:
            parts.append(PageParts("", text or "", ""))
            continue
        header, body, footer = _split(text or "", *cuts[index])
        parts.append(
            PageParts(
                header=header if index == keep_header else "",
                body=body,
                footer=footer if index == keep_footer else "",
            )
        )
    return parts


def _split(text: str, top: int, bottom: int) -> tuple[str, str, str]:
    """``text`` cut after its first ``top`` and before its last ``bottom`` non-blank lines; the
    body keeps its own lines, blank ones included (they are the chunker's paragraph breaks)."""
    lines = text.split("\n")
    filled = [position for position, line in enumerate(lines) if line.strip()]
    body_start = filled[top - 1] + 1 if top else 0
    body_end = filled[len(filled) - bottom] if bottom else len(lines)
    return (
        "\n".join(line for line in lines[:body_start] if line.strip()),
        "\n".join(lines[body_start:body_end]),
        "\n".join(line for line in lines[body_end:] if line.strip()),
    )

"""What the app's date readers find in a varied list of date strings (session 42, left42).

Three readers existed: the grounding's (:func:`medlocal.values.extract_values`), the document's
own date (:func:`medlocal.document_dates.own_date`) and the day a question names
(:func:`medlocal.vault.day_search.written_days`). They now share one reader of date shapes
(:func:`medlocal.values.extract_dates`); this table pins what each finds, so that the move
changes nothing that was right. Rows that changed in the move are marked "fix:".

Each row: the text; the dates ``extract_values`` finds ("raw=canonical|alt"); the document's
own date as written (None: none); and, per day ``written_days`` finds in a question, its
readings when the day order is unknown, day first, and month first ("-": none). A passage is
read without the question's bare day and month ("pain 3/10" is no day in a note: review 42).
"""

from __future__ import annotations

import pytest

from medlocal.document_dates import own_date
from medlocal.values import extract_values
from medlocal.vault.day_search import WrittenDay, asked_days, holds_day, written_days

ROWS: list[tuple[str, tuple[str, ...], str | None, tuple[str, ...]]] = [
    (
        "Seen 14/03/2026 in clinic",
        ("14/03/2026=2026-03-14",),
        "14/03/2026",
        ("2026-3-14 2026-3-14 2026-3-14",),
    ),
    (
        "Date: 04/11/2026",
        ("04/11/2026=2026-04-11|2026-11-04",),
        "04/11/2026",
        ("- 2026-11-4 2026-4-11",),
    ),
    # fix (walk 47b D4): dotted, a date is day first everywhere, as the redaction reads it
    (
        "11.02.24 bloods",
        ("11.02.24=2024-02-11",),
        "11.02.24",
        ("2024-2-11 2024-2-11 2024-2-11",),
    ),
    # fix: own date: hyphens, as the grounding reads them
    (
        "12-03-2026 review",
        ("12-03-2026=2026-12-03|2026-03-12",),
        "12-03-2026",
        ("- 2026-3-12 2026-12-3",),
    ),
    ("01/02/60", ("01/02/60=2060-01-02|2060-02-01",), "01/02/60", ("- 2060-2-1 2060-1-2",)),
    (
        "2026-11-08 admission",
        ("2026-11-08=2026-11-08",),
        "2026-11-08",
        ("2026-11-8 2026-11-8 2026-11-8",),
    ),
    # fix: own date: an ISO day without zeros
    ("2026-1-8", ("2026-1-8=2026-01-08",), "2026-1-8", ("2026-1-8 2026-1-8 2026-1-8",)),
    ("8 Nov 2026", ("8 Nov 2026=2026-11-08",), "8 Nov 2026", ("2026-11-8 2026-11-8 2026-11-8",)),
    (
        "8 November 2026",
        ("8 November 2026=2026-11-08",),
        "8 November 2026",
        ("2026-11-8 2026-11-8 2026-11-8",),
    ),
    # fix: own date: an ordinal day
    (
        "8th November 2026",
        ("8th November 2026=2026-11-08",),
        "8th November 2026",
        ("2026-11-8 2026-11-8 2026-11-8",),
    ),
    # fix: values read 'November 2026' (the day lost); own date found none
    (
        "8th of November 2026",
        ("8th of November 2026=2026-11-08",),
        "8th of November 2026",
        ("2026-11-8 2026-11-8 2026-11-8",),
    ),
    ("8th of November", ("8th of November=--11-08",), None, ("None-11-8 None-11-8 None-11-8",)),
    ("Nov 8, 2026", ("Nov 8, 2026=2026-11-08",), "Nov 8, 2026", ("2026-11-8 2026-11-8 2026-11-8",)),
    (
        "November 8 2026",
        ("November 8 2026=2026-11-08",),
        "November 8 2026",
        ("2026-11-8 2026-11-8 2026-11-8",),
    ),
    (
        "Nov. 8, 2026",
        ("Nov. 8, 2026=2026-11-08",),
        "Nov. 8, 2026",
        ("2026-11-8 2026-11-8 2026-11-8",),
    ),
    # fix: values: 'Sept' is no month to strptime (read as the yearless 'Sept 3')
    ("Sept 3, 2026", ("Sept 3, 2026=2026-09-03",), "Sept 3, 2026", ("2026-9-3 2026-9-3 2026-9-3",)),
    # fix: as 'Sept 3, 2026'
    ("3 Sept 2026", ("3 Sept 2026=2026-09-03",), "3 Sept 2026", ("2026-9-3 2026-9-3 2026-9-3",)),
    ("3rd Sep", ("3rd Sep=--09-03",), None, ("None-9-3 None-9-3 None-9-3",)),
    # fix: own date and days: a lab system's date
    ("12-Aug-24", ("12-Aug-24=2024-08-12",), "12-Aug-24", ("2024-8-12 2024-8-12 2024-8-12",)),
    # fix: own date and days: year first with slashes
    ("2021/03/18", ("2021/03/18=2021-03-18",), "2021/03/18", ("2021-3-18 2021-3-18 2021-3-18",)),
    ("March 2026", ("March 2026=2026-03",), None, ()),
    ("Dec-24", ("Dec-24=2024-12",), None, ()),
    ("on 08/11", ("08/11=--08-11|--11-08",), None, ("- None-11-8 None-8-11",)),
    ("08/11", ("08/11=--08-11|--11-08",), None, ("- None-11-8 None-8-11",)),
    ("seen 8/11 in clinic", ("8/11=--08-11|--11-08",), None, ("- None-11-8 None-8-11",)),
    ("potassium 8/11?", (), None, ("- None-11-8 None-8-11",)),
    # fix: days: 11/11 reads one way (it held no day where the order was unknown)
    ("weaned on 11/11", ("11/11=--11-11",), None, ("None-11-11 None-11-11 None-11-11",)),
    ("K 5.1 on 8 November", ("8 November=--11-08",), None, ("None-11-8 None-11-8 None-11-8",)),
    ("overnight on 8 november", (), None, ("None-11-8 None-11-8 None-11-8",)),
    ("May 5", ("May 5=--05-05",), None, ("None-5-5 None-5-5 None-5-5",)),
    ("may 5", (), None, ("None-5-5 None-5-5 None-5-5",)),
    (
        "at 14:30 on 08/11/26",
        ("08/11/26=2026-08-11|2026-11-08",),
        "08/11/26",
        ("- 2026-11-8 2026-8-11",),
    ),
    (
        "08/11/2026 14:30",
        ("08/11/2026=2026-08-11|2026-11-08",),
        "08/11/2026",
        ("- 2026-11-8 2026-8-11",),
    ),
    # fix: an ISO date and time: values read the numbers 2026, 11, 8 and 30; none found a date
    (
        "2026-11-08T14:30",
        ("2026-11-08=2026-11-08",),
        "2026-11-08",
        ("2026-11-8 2026-11-8 2026-11-8",),
    ),
    # fix: days: the range's first day
    (
        "between 21 and 22 January 2026",
        ("21=--01-21", "22 January 2026=2026-01-22"),
        "22 January 2026",
        ("None-1-21 None-1-21 None-1-21", "2026-1-22 2026-1-22 2026-1-22"),
    ),
    # fix: days: both days of the range
    (
        "21-22 January",
        ("21=--01-21", "22 January=--01-22"),
        None,
        ("None-1-21 None-1-21 None-1-21", "None-1-22 None-1-22 None-1-22"),
    ),
    # fix: days: the range's last day
    (
        "from January 21 to 23",
        ("January 21=--01-21", "23=--01-23"),
        None,
        ("None-1-21 None-1-21 None-1-21", "None-1-23 None-1-23 None-1-23"),
    ),
    (
        "from 19/04 to 22/04",
        ("19/04=--04-19", "22/04=--04-22"),
        None,
        ("None-4-19 None-4-19 None-4-19", "None-4-22 None-4-22 None-4-22"),
    ),
    # fix: days: 12 May (the grounding's reading: the value 9 on 12 May)
    ("Hb 9-12 May", ("12 May=--05-12",), None, ("None-5-12 None-5-12 None-5-12",)),
    ("aged 8/12", (), None, ("- None-12-8 None-8-12",)),
    ("age 45 years", (), None, ()),
    ("1/2 tab nocte", (), None, ("- None-2-1 None-1-2",)),
    ("take 1/2 tablet", (), None, ("- None-2-1 None-1-2",)),
    ("pain 3/10", (), None, ("- None-10-3 None-3-10",)),
    ("GCS 14/15", (), None, ()),
    ("BP 120/80", (), None, ()),
    ("5.9 potassium", (), None, ()),
    # fix: own date: a three-digit year is no date
    ("11/02/202", (), None, ()),
    # fix: own date: two separators are no date
    ("12/03.2026", (), None, ()),
    # fix: own date and days: 31 February is no day; fix (walk 47b D14): the grounding holds it
    # as a date as written (no passage's date confirms it), not as the numbers 31/02 and 2026
    ("31/02/2026", ("31/02/2026=31/02/2026",), None, ()),
    (
        "DOB 01/02/1960 Date: 04/11/2026",
        ("01/02/1960=1960-01-02|1960-02-01", "04/11/2026=2026-04-11|2026-11-04"),
        "04/11/2026",
        ("- 1960-2-1 1960-1-2", "- 2026-11-4 2026-4-11"),
    ),
]


def _readings(day: WrittenDay) -> str:
    def shown(order: bool | None) -> str:
        days = sorted(day.readings(order), key=str)
        return "+".join(f"{y}-{m}-{d}" for y, m, d in days) or "-"

    return " ".join(shown(order) for order in (None, True, False))


@pytest.mark.parametrize(("text", "values", "own", "days"), ROWS, ids=[row[0] for row in ROWS])
def test_date_readers(
    text: str, values: tuple[str, ...], own: str | None, days: tuple[str, ...]
) -> None:
    found = tuple(
        f"{v.raw}={v.canonical}" + (f"|{v.alt}" if v.alt else "")
        for v in extract_values(text)
        if v.kind == "date"
    )
    assert found == values
    written = own_date(text, "txt")
    assert (written.written if written is not None else None) == own
    assert tuple(_readings(day) for day in written_days(text, question=True)) == days


# Review 42: a passage's figures with no dating word before them are no day ("power 4/5",
# "grade 3/4", "1/2 tablet", "score 10/10"), where a question's "potassium 8/11?" is one.
@pytest.mark.parametrize(
    "text",
    ["potassium 8/11?", "aged 8/12", "1/2 tab nocte", "take 1/2 tablet", "pain 3/10",
     "power 4/5 in the left arm", "grade 3/4 oedema", "score 10/10"],
)  # fmt: skip
def test_a_passages_bare_figures_are_no_day(text: str) -> None:
    assert written_days(text) == []


def test_a_passages_power_4_5_does_not_hold_a_day_asked() -> None:
    asked = asked_days("What happened on 4/5?")
    assert asked and not holds_day("Power 4/5 in the left arm.", None, asked, None)
    assert not holds_day("Power 4/5 in the left arm.", True, asked, True)
    # A dated day in a passage still holds it.
    assert holds_day("Seen on 04/05 in clinic.", None, asked, None)

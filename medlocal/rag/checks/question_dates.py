"""A question that asks about one day, answered from a passage of another.

Walk 39: "What was her potassium on 08/01/2026?" was answered "5.1 mmol/L" citing a clinic
letter dated 14/10/2025; the number check passed (5.1 is in that letter) and the lab table's row
for 08/01/2026 was not cited. The sentence checks read only the answer and its passages, never
the question, so nothing said the value came from another day. Here a sentence that gives a
value, cites passages none of which holds the date the question names, and whose value no
retrieved passage holding that date gives, is flagged with both dates. A cited passage that
carries the date (a lab table's row, a dated heading above it) keeps it quiet.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from medlocal.document_dates import BIRTH_DATE
from medlocal.rag.checks.sentence_flags import quoted
from medlocal.rag.citations import blank_citations, cited_numbers
from medlocal.rag.flags import Flag
from medlocal.rag.sentences import split_sentences
from medlocal.values import Value, dates_agree, extract_values, is_supported

# Values that are a result or a dose: a date, a time of day or a bare count is no answer to
# "what was her potassium on ...".
_ANSWER_KINDS = frozenset({"number", "ratio"})


def asked_dates(question: str) -> list[Value]:
    """The dates ``question`` names ("08/01/2026", "8 January 2026", "October 2025")."""
    return [v for v in extract_values(question) if v.kind == "date"]


def _holds(text: str, asked: Sequence[Value]) -> bool:
    """Whether ``text`` gives one of the ``asked`` dates (either reading of an ambiguous one)."""
    dates = [v for v in extract_values(text) if v.kind == "date"]
    return any(
        dates_agree(mine, theirs) or dates_agree(theirs, mine)
        for a in asked
        for d in dates
        for mine in a.readings()
        for theirs in d.readings()
    )


# A label before a date that makes it no date of the passage ("DOB: 1952-06-18"), or that
# makes it the passage's own ("Date: 14/10/2025").
_DATE_LABEL = re.compile(r"\b(?:date|dated|seen|clinic|letter)\W{0,12}$", re.I)


def _dated(text: str) -> str | None:
    """How the passage is dated: the date a "Date:" label gives, else its first date that is
    not a date of birth, as written."""
    dates = [
        v
        for v in extract_values(text)
        if v.kind == "date" and not BIRTH_DATE.search(text, max(0, v.start - 16), v.start)
    ]
    labelled = [v for v in dates if _DATE_LABEL.search(text, max(0, v.start - 16), v.start)]
    return next((v.raw for v in (labelled or dates)), None)


def question_date_flags(
    question: str,
    text: str,
    passages: Mapping[int, str],
    headings: Mapping[int, str] | None = None,
) -> list[Flag]:
    """Flags on the sentences of ``text`` (the checked answer) whose value comes from passages
    dated otherwise than the day ``question`` asks about. ``headings``: the section heading each
    passage stands under, which may carry its date."""
    asked = asked_dates(question)
    if not asked:
        return []
    headings = headings or {}
    dated = {n for n, t in passages.items() if _holds(f"{headings.get(n, '')}\n{t}", asked)}
    limit = max(passages, default=0)
    flags: list[Flag] = []
    for sentence in split_sentences(text):
        cited = [n for n in cited_numbers(sentence.text, limit) if n in passages]
        if not cited or any(n in dated for n in cited):
            continue
        masked = blank_citations(sentence.text, limit)
        values = [v for v in extract_values(masked) if v.kind in _ANSWER_KINDS]
        if not values:
            continue
        evidence = [extract_values(passages[n]) for n in dated]
        if any(is_supported(v, found) for v in values for found in evidence):
            continue  # the value is given on that day too, in a passage not cited
        value = values[0]
        first = cited[0]
        when = _dated(f"{headings.get(first, '')}\n{passages[first]}")
        place = f"is dated {when}" if when else "gives no date"
        flags.append(
            Flag(
                sentence.index,
                "misattributed_value",
                value.raw,
                f"the cited passage [{first}] {place}; the question asks about {asked[0].raw}:"
                f" '{value.raw}' may be a value of another day. Check the passage of"
                f" {asked[0].raw}",
                sentence.start,
                sentence.end,
                sentence.start + value.start,
                sentence.start + value.start + len(value.raw),
                quote=quoted(passages[first]),
                passage=first,
            )
        )
    return flags

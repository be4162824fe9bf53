"""A date of birth given as a plain number: "DOB: 66" where the cited passage gives the date
("born at 32 weeks" is no birth date, so "born" counts only as "born on" or
"born:"; walk 51b: the patient's age in the passage became his DOB and passed, since the bare number
66 is in the passage). A birth date is a date or a year; a number of one to three digits after
the label is neither, whatever else the passage uses it for."""

from __future__ import annotations

import re

from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted, sentence_at

# The label, then a short bare number that no date continues ("DOB: 66,", "born 66").
_BIRTH_NUMBER = re.compile(
    r"\b(?:DOB|D\.O\.B\.?|date\s+of\s+birth|born\s+on|born\s*:)\s*[:=\-]?\s*"
    r"(?P<number>\d{1,3})(?!\d)(?![/.\-:]\d|\s*(?:st|nd|rd|th)\b|\s+[A-Za-z]{3,9}\s+\d{2,4})",
    re.IGNORECASE,
)
_PASSAGE_BIRTH = re.compile(
    r"\b(?:DOB|D\.O\.B\.?|date\s+of\s+birth|born(?:\s+on)?)\s*[:=\-]?\s*"
    r"(?:\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+\d{4}"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4})\b",
    re.IGNORECASE,
)


def check_birth_dates(
    check: SentenceCheck, body: str, cited: list[int], facts: PassageFacts
) -> None:
    """Flag a date of birth the sentence gives as a number of one to three digits, quoting the
    cited passage's date of birth where it gives one."""
    for match in _BIRTH_NUMBER.finditer(body):
        number = match.group("number")
        given = next(
            ((n, m) for n in cited for m in [_PASSAGE_BIRTH.search(facts.text([n]))] if m),
            None,
        )
        said = f" (the cited passage gives '{given[1].group().strip()}')" if given else ""
        check.add(
            "unverified_number",
            number,
            f"'{number}' is given as the date of birth, but it is no date{said}",
            match.start("number"),
            quote=quoted(sentence_at(facts.text([given[0]]), given[1].start())) if given else "",
            passage=given[0] if given else 0,
        )

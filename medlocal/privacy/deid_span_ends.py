"""Punctuation at a redaction's end that belongs to the sentence, not to the identifier.

A span's last character is sometimes the text's own: the close of a quotation ("'Dr Imogen'"
lost its closing mark, walk 21), a possessive ("Charles' wife", "Kowalczyk's son", walk 23),
the full stop of a sentence ("Address: 14, Clepington Road. She lives alone." lost its full
stop, walk 22), or the blanks after it. Each is given
back to the text. A full stop after an abbreviation ("Main St.", "Acme Ltd.", an initial "J.")
is the identifier's and stays inside it. An opening bracket that the span does not close
("(03 9417 2256" of "phone (03 9417 2256) at") is the sentence's too.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_eponym_gaps import listed_eponym
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLE_BEFORE
from medlocal.privacy.deid_spans import Redaction, label

_NAME_KINDS = frozenset({"name", "patient_name"})
# The closed class of abbreviations written with a full stop inside an identifier: street and
# building words, company forms, generational suffixes (an initial is shorter than three letters).
_ABBREVIATIONS = frozenset(
    {
        "ave", "blvd", "cres", "terr", "pde", "hwy", "hway", "rte", "cct", "crt", "cl", "gdns",
        "gds", "sq", "pl", "ln", "rd", "st", "dr", "mt", "ft", "pt", "bldg", "apt", "flr", "ste",
        "inc", "ltd", "corp", "bros", "pty", "llc", "plc", "co", "jr", "snr", "jnr", "sr", "esq",
        "hosp", "univ", "dept", "med", "ctr", "cntr", "assn", "assoc", "intl", "natl", "govt",
        "est", "nr", "opp", "ext", "no", "vol", "ward", "sdn", "bhd", "gmbh", "bv", "nv", "sa",
        # months and days written short ("the weekend of 3-4 Oct.")
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    }
)  # fmt: skip
# The word in lower case after a possessive: only a person has a relation or a carer ("son",
# "GP").
_POSSESSED = re.compile(r"[ \t]+([a-z]+)")
_PEOPLE_WORDS = RELATIONS | ROLES | frozenset({"gp", "carer", "carers", "family"})
# One letter (a word character that is neither a digit nor "_").
_LETTER = re.compile(r"[^\W\d_]")


def _last_word(original: str) -> str | None:
    """The run of letters right before the span's closing full stop, if it ends with one. Read
    backwards from the end: a search for ``[^\\W\\d_]+\\.\\Z`` tried every start inside a long
    word and took quadratic time ("neunzig" x 8,000 + "jährige": 49 s, session 56)."""
    if not original.endswith("."):
        return None
    start = end = len(original) - 1
    while start > 0 and _LETTER.match(original, start - 1) is not None:
        start -= 1
    return original[start:end] if start < end else None


def punctuation_outside(text: str, red: Redaction) -> Redaction:
    """``red`` without a closing quotation mark, possessive apostrophe or sentence full stop
    that ends it, nor an opening bracket it does not close."""
    red = _open_bracket_outside(red)
    blanks = len(red.original) - len(red.original.rstrip())
    if blanks and blanks < len(red.original):
        # Walk 23: "Stone, P. (pharmacist)" became "[NAME](pharmacist)".
        red = _shortened(red, blanks)
    if red.kind in _NAME_KINDS and red.original[1:].endswith(("'", "’")):
        return _shortened(red)
    possessed = _POSSESSED.match(text, red.end)
    if (
        red.kind in _NAME_KINDS
        and red.original[2:].endswith(("'s", "’s"))
        and (
            (possessed is not None and possessed.group(1) in _PEOPLE_WORDS)
            or TITLE_BEFORE.search(text, max(0, red.start - 8), red.start) is not None
        )
    ):
        # Walk 23: "Mrs Kowalczyk's son William" became "Mrs [NAME] son [NAME]"; walk 41: "Dr
        # Sebastian Mortimer-Ortega's team" became "Dr [NAME] team": after a person's title
        # the possessive is the sentence's, whatever follows. Elsewhere a shop's, a pub's or a
        # saint's church keeps its "'s" ("St George's", "Tunnock's" are whole names).
        return _shortened(red, 2)
    last = _last_word(red.original)
    if (
        last is not None
        and len(last) >= 3
        and last.lower() not in _ABBREVIATIONS
        and not last.isupper()  # "NHS." or "AB." may be a code's own letters
        and (red.end == len(text) or text[red.end].isspace())
    ):
        return _shortened(red)
    return red


# Session 44: a possessive "'s" right after a found name, then no noun it possesses: the end of a
# clause, a function word, or a capitalised word ("Referred to Guy's for counselling",
# "Addenbrooke's Ward D8", "seen at Sainsbury's."). A hospital, shop or church named by its
# founder's possessive keeps its "'s" (the name is "Guy's"); a person's possession ("Smith's
# inhaler", "Jo's son") has a lower-case noun after it and keeps its "'s" outside.
_FUNCTION_AFTER = frozenset(
    {"for", "on", "in", "at", "to", "and", "or", "with", "from", "by", "since", "until", "last",
     "this", "next", "yesterday", "today"}
)  # fmt: skip
_PLACE_POSSESSIVE = re.compile(
    rf"['’]s(?=[ \t]*(?:[.,;:)\]/–-]|\n|\Z)|[ \t]+(?:[A-Z]|(?:{'|'.join(_FUNCTION_AFTER)})"
    r"(?![\w'’-])))"
)
_GROWN_KINDS = frozenset({"name", "facility"})
_CAPITALISED_AFTER = re.compile(r"[ \t]+([A-Z][A-Za-z]*)")


def place_possessive_inside(text: str, red: Redaction) -> Redaction:
    """``red`` grown over the possessive "'s" right after it where no noun follows it, unless a
    title says it is a person's ("Dr Smith's." stays "Dr [NAME]'s.")."""
    if red.kind not in _GROWN_KINDS or red.replacement != label(red.kind):
        return red
    if not red.original[-1:].isalpha() or red.original.endswith(("'s", "’s")):
        return red
    if _PLACE_POSSESSIVE.match(text, red.end) is None:
        return red
    if TITLE_BEFORE.search(text, max(0, red.start - 8), red.start) is not None:
        return red
    if red.kind == "name" and listed_eponym(red.original):
        # Review 44: a listed eponym's possessive ("Bell's palsy and Wilson's."): the "'s"
        # says the disease, whoever the name may be; it stays written ("[NAME]'s").
        return red
    after = _POSSESSED.match(text, red.end + 2) or _CAPITALISED_AFTER.match(text, red.end + 2)
    if (
        after is not None
        and after.group(1) not in _FUNCTION_AFTER  # "and", "to" are cues in the people words
        and after.group(1).lower() in _PEOPLE_WORDS
    ):
        return red  # "John Smith's GP": a person's
    end = red.end + 2
    return Redaction(red.kind, red.start, end, text[red.start : end], red.replacement)


# An opening bracket and the bracket that closes it.
_CLOSES = {"(": ")", "[": "]", "{": "}"}


def _open_bracket_outside(red: Redaction) -> Redaction:
    """``red`` without the opening bracket it starts with where it does not hold the bracket
    that closes it (walk 45: "by phone (03 9417 2256) at" became "by phone [PHONE]) at": the
    brackets are the sentence's, around the number)."""
    closing = _CLOSES.get(red.original[:1])
    if closing is None or closing in red.original or len(red.original) < 2:
        return red
    return Redaction(red.kind, red.start + 1, red.end, red.original[1:], red.replacement)


def _shortened(red: Redaction, by: int = 1) -> Redaction:
    return Redaction(red.kind, red.start, red.end - by, red.original[:-by], red.replacement)


# A line break inside a span and the blanks around it.
_LINE_BREAK = re.compile(r"[ \t]*\n\s*")


def line_breaks_kept(red: Redaction) -> Redaction:
    """``red`` written so that the text keeps its lines (deidfix33, walk 35: "Dr. Ashwin
    Kulkarni / Sample collected:" read "Dr. [NAME] collected:", two lines made one). A name
    wrapped by a letter or a PDF may run across a line break; its replacement keeps each break
    with the blanks around it, and the placeholder stands for the part on each line ("Mr
    [NAME] / [NAME], says"), so a form's next field still opens its own line and what went
    from it shows. A replacement that is no placeholder (a shifted date) keeps the breaks after
    it."""
    if "\n" not in red.original or "\n" in red.replacement:
        return red
    breaks = list(_LINE_BREAK.finditer(red.original))
    if red.replacement == label(red.kind):
        parts: list[str] = []
        at = 0
        for brk in breaks:
            if red.original[at : brk.start()].strip():
                parts.append(red.replacement)
            parts.append(brk.group())
            at = brk.end()
        if red.original[at:].strip():
            parts.append(red.replacement)
        written = "".join(parts)
    else:
        written = red.replacement + "".join(b.group() for b in breaks)
    return Redaction(red.kind, red.start, red.end, red.original, written)

"""Reading the chosen option out of a model's free-text answer (generate mode).

Models answer "The answer is (C).", "C) Metformin", "**C**", "c", "Answer: maybe" or think
first inside ``<think>…</think>``. The thinking is stripped before parsing; then explicit
statements ("answer is C") win over a leading letter, which wins over a unique option text. An
answer that lists several options (an echo of the option list, "A. ... B. ...") chooses none of
them unless it says which is the answer. An answer none of these finds is *invalid* (counted,
and scored wrong), never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from medlocal.engine.reasoning import split_reasoning
from medlocal.eval.items import YES_NO_MAYBE

_MARKUP = re.compile(r"[*_`#]+")
# "answer is C", "Answer: (c)", "correct option is C", "answer would be option C"
_STATED = re.compile(
    r"(?:answer|option|choice)\s*(?:is|would be|will be|:|=|-)?\s*(?:option\s+)?"
    r"[\(\[]?\s*([A-Ja-j])\s*(?:[\)\]\.:,;]|\s|$)",
    re.I,
)
# A letter standing alone at the start: "C", "C)", "(C)", "C.", "C:", "c) ..." but not the
# article in "A patient with..." (a letter followed by a space and a word is prose).
_LEADING = re.compile(r"^\s*[\(\[]?([A-Ja-j])(?:\s*[\)\]\.:\-]|\s*$)")
# An option's label as a list shows it: "A. Vitamin A", "(B) Insulin", "Option C: Aspirin", at
# the start of a line or after a space (a list echoed on one line).
_LISTED = re.compile(r"(?:^|(?<=\s))[\(\[]?(?:[Oo]ption\s+)?([A-J])\s*[\)\]\.:]\s*\S", re.M)
# With several options listed only an explicit statement chooses: "The answer is C", "Answer: C".
_DECLARED = re.compile(
    r"(?i:answer|correct\s+(?:option|choice))\s*(?i:is|would be|will be|:|=|-)\s*"
    r"(?i:option\s+)?[\(\[]?\s*([A-J])\s*(?:[\)\]\.:,;]|\s|$)"
)


def strip_thinking(text: str) -> tuple[str, bool]:
    """``text`` without its reasoning blocks, and whether there was one (engine/reasoning.py:
    an unclosed block takes the rest; a closing tag alone takes everything before it). Any
    model may be a reasoning one here, as generate mode treats it. Parser version 2
    (records.PARSER_VERSION): a change to what this returns needs a new version."""
    split = split_reasoning(text, reasons=True)
    return split.answer, split.had_thinking


def parse_answer(text: str, labels: Sequence[str]) -> str | None:
    """The label ``text`` chooses among ``labels`` (letters, or yes/no/maybe), or None."""
    answer, _ = strip_thinking(text)
    answer = _MARKUP.sub("", answer).strip()
    if not answer:
        return None
    if tuple(labels) == YES_NO_MAYBE:
        return _yes_no_maybe(answer)
    allowed = {label.upper() for label in labels}
    if len(_listed(answer) & allowed) > 1:
        # The option list (or part of it) echoed, or several options named: not a choice.
        declared = [m.group(1).upper() for m in _DECLARED.finditer(answer)]
        chosen = {letter for letter in declared if letter in allowed}
        return chosen.pop() if len(chosen) == 1 else None
    for match in _STATED.finditer(answer):
        letter = match.group(1)
        # "answer is a drug" is prose; a lowercase letter counts only with punctuation or alone.
        if letter.upper() in allowed and (letter.isupper() or _lower_ok(answer, match)):
            return letter.upper()
    leading = _LEADING.match(answer)
    if leading and leading.group(1).upper() in allowed:
        return leading.group(1).upper()
    return None


def parse_answer_text(text: str, options: Sequence[tuple[str, str]]) -> str | None:
    """:func:`parse_answer`, then a unique option text quoted in the answer ("Metformin")."""
    labels = [label for label, _ in options]
    found = parse_answer(text, labels)
    if found is not None:
        return found
    answer = _MARKUP.sub("", strip_thinking(text)[0])
    if tuple(labels) != YES_NO_MAYBE and len(_listed(answer) & {x.upper() for x in labels}) > 1:
        return None  # a list of options quotes their texts: that chooses none
    answer = answer.lower()
    quoted = [label for label, body in options if body and _word_in(body.lower(), answer)]
    return quoted[0] if len(quoted) == 1 else None


def _listed(answer: str) -> set[str]:
    """The option letters ``answer`` shows as list labels ("A. …", "(B) …", "Option C: …")."""
    return {match.group(1).upper() for match in _LISTED.finditer(answer)}


def _lower_ok(answer: str, match: re.Match[str]) -> bool:
    tail = answer[match.end(1) :].lstrip()
    return not tail or tail[0] in ").]:,;" or (tail[0] == "." and not tail[1:2].isalpha())


def _yes_no_maybe(answer: str) -> str | None:
    low = answer.lower()
    stated = re.search(r"(?:answer|decision|conclusion)\s*(?:is|:|=|-)?\s*(yes|no|maybe)\b", low)
    if stated:
        return stated.group(1)
    leading = re.match(r"^\W*(yes|no|maybe)\b(?!\s+or\b)", low)
    if leading:
        return leading.group(1)
    words = {w for w in YES_NO_MAYBE if re.search(rf"\b{w}\b", low)}
    return words.pop() if len(words) == 1 else None


def _word_in(needle: str, haystack: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None

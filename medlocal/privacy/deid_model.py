"""The optional model line: the loaded chat model proposes spans that identify a person, place or
organisation; they are added to the rules' spans (a union: the model can never remove fewer).

The model sees the text, lists what it finds one per line as ``PERSON: ...``, ``PLACE: ...`` or
``ORG: ...``, and every occurrence of each proposed string in the text is redacted. A proposal
that is not found verbatim in the text, is shorter than 2 characters, or is a clinical term, is
ignored (a small model invents and paraphrases). The call is a plain function from prompt to
completion, so this module needs no engine: the service passes one bound to the loaded model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_spans import Redaction, label

SpanProposer = Callable[[str], list[tuple[str, str]]]  # text -> [(kind, surface string)]
Complete = Callable[[str], str]  # prompt -> completion

_KINDS = {"PERSON": "name", "PLACE": "location", "ORG": "facility", "ORGANISATION": "facility",
          "ORGANIZATION": "facility", "LOCATION": "location", "NAME": "name"}  # fmt: skip
_LINE = re.compile(r"^\s*[-*•]?\s*([A-Za-z]+)\s*[:=-]\s*(.+?)\s*$")
PROMPT = (
    "List every person's name, place (street, town, city, county) and organisation (hospital, "
    "clinic, school, company) in the text below, one per line, as PERSON: <name>, PLACE: <place> "
    "or ORG: <organisation>. Copy each exactly as written. Do not list drugs, diseases, tests or "
    "body parts. Write NONE if there are none.\n\nText:\n{text}\n\nList:\n"
)
_CHUNK = 2_000  # characters per call: small models lose track of long inputs


def parse_proposals(completion: str) -> list[tuple[str, str]]:
    """(kind, surface string) from the model's list; lines it did not format are skipped."""
    found: list[tuple[str, str]] = []
    for line in completion.splitlines():
        match = _LINE.match(line)
        if not match:
            continue
        kind = _KINDS.get(match.group(1).upper())
        value = match.group(2).strip().strip("\"'`.,;")
        if kind and value and value.upper() != "NONE":
            found.append((kind, value))
    return found


def model_proposer(complete: Complete) -> SpanProposer:
    """A proposer that asks ``complete`` (the loaded chat model) about each chunk of text."""

    def propose(text: str) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for start in range(0, len(text), _CHUNK):
            found += parse_proposals(complete(PROMPT.format(text=text[start : start + _CHUNK])))
        return found

    return propose


def proposed_candidates(text: str, proposer: SpanProposer) -> Iterator[Redaction]:
    """Every verbatim occurrence of every proposal that is not a clinical term."""
    lex = lexicon()
    for kind, value in proposer(text):
        if len(value) < 2 or lex.clinical(value.lower()) or lex.clinical_phrases.fullmatch(value):
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(value)}(?!\w)")
        for match in pattern.finditer(text):
            yield Redaction(kind, match.start(), match.end(), match.group(), label(kind))

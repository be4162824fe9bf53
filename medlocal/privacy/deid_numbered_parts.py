"""A document's page and a hospital team's number are no identifiers (walk 23: a footer's
"Page 1" became "[NAME] 1", Page being a surname; "General Medicine Unit 3" became "General
Medicine [ADDRESS]", a flat's unit number)."""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_place_words import GENERIC, WARD_KINDS
from medlocal.privacy.deid_spans import Redaction

_PAGE = re.compile(r"(?:Page|PAGE|page)\Z")
_NUMBER_AFTER = re.compile(r"[ \t]*\d{1,4}\b(?:[ \t]*(?:of|/)[ \t]*\d{1,4}\b)?")
_TEAM_UNIT = re.compile(r"(?:Unit|Team|Firm)[ \t]+\d{1,2}[A-Z]?\Z")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]+\Z")
_SPECIALTY = re.compile(r"(?:olog(?:y|ical)|iatrics?|medicine|surgery|surgical|medical)\Z")


def without_numbered_parts(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less a page's word before its number and a clinical team's unit number."""
    return [red for red in redactions if not (_page(text, red) or _team(text, red))]


def _page(text: str, red: Redaction) -> bool:
    return (
        red.kind == "name"
        and bool(_PAGE.match(red.original))
        and bool(_NUMBER_AFTER.match(text, red.end))
    )


def _team(text: str, red: Redaction) -> bool:
    """ "Unit 3" after a specialty ("General Medicine Unit 3", "Surgical Team 2")."""
    if red.kind != "street_address" or _TEAM_UNIT.match(red.original) is None:
        return False
    before = _WORD_BEFORE.search(text, max(0, red.start - 30), red.start)
    if before is None:
        return False
    word = before.group(1).lower()
    return (
        word in GENERIC
        or word in WARD_KINDS
        or lexicon().clinical(word)
        or _SPECIALTY.search(word) is not None
    )

""" "24/7" said of care, not a date (walk 22: "provides care 24/7" was shifted to "3/3").

"24/7" is also the 24th of July, so it stays a date unless a word of care, cover or service
stands right next to it ("24/7 supervision", "needs care 24/7", "a 24/7 helpline", "available
24/7"): privacy first, the idiom only where its words say so.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_spans import Redaction

_ROUND_THE_CLOCK = re.compile(r"24[ \t]*[/x][ \t]*7\Z")
_SERVICE_WORDS = frozenset(
    {
        "care", "carer", "carers", "caring", "support", "supported", "supervision", "supervised",
        "cover", "covered", "access", "available", "availability", "help", "helpline", "line",
        "hotline", "service", "services", "monitoring", "monitored", "observation",
        "observations", "obs", "staffed", "staff", "staffing", "open", "oxygen", "o2",
        "nursing", "nurse", "nurses", "presence", "watch", "crisis", "on-call", "assistance",
        "package", "emergency", "attendance", "cpap", "ventilation", "needs", "requires",
        "required", "require", "need", "round", "basis", "team", "pharmacy",
    }
)  # fmt: skip
_WORD_BEFORE = re.compile(r"([A-Za-z][\w-]*)[ \t]*(?:a[ \t]+|-[ \t]*)?\Z")
_WORD_AFTER = re.compile(r"[ \t]*-?[ \t]*([A-Za-z][\w-]*)")


def without_round_the_clock(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less a "24/7" with a word of care or service beside it."""
    return [red for red in redactions if not _round_the_clock(text, red)]


def _round_the_clock(text: str, red: Redaction) -> bool:
    if red.kind != "date" or _ROUND_THE_CLOCK.match(red.original) is None:
        return False
    line = text.rfind("\n", 0, red.start) + 1
    before = _WORD_BEFORE.search(text, line, red.start)
    after = _WORD_AFTER.match(text, red.end)
    return any(
        found is not None and found.group(1).lower() in _SERVICE_WORDS for found in (before, after)
    )

"""A bypass graft's conduit written before its target artery is no name (session 43, dev39,
written blind: "LIMA to LAD" lost "LIMA", a surname and a city, in an operative note; dev25 and
dev38 lost "LIMA to LAD" and "LIMA-LAD" too).

Operative notes and discharge summaries of coronary surgery write each graft as its conduit's
initials, "to" (or a hyphen, a slash or an arrow) and the coronary artery it feeds: "LIMA to
LAD", "RIMA-RCA", "SVG to OM1", "RA->PDA". The targets are a closed class (the coronary
arteries and their branches); a word in capitals right before one so joined names the conduit.
Only the capitals are given back, and only where the target follows: the same word elsewhere
(a patient named Lima, "LIMA, Joao" in a header) stays as the rules read it.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_spans import Redaction

# A conduit in capitals (two to five letters), the joint, and a coronary target: the left
# anterior descending and its diagonals, the circumflex and its obtuse marginals, the right
# coronary, the posterior descending, the posterolateral and the ramus intermedius.
_CONDUIT = re.compile(r"[A-Z]{2,5}\Z")
_TARGET_AFTER = re.compile(
    r"[ \t]*(?:-|/|->|→|[ \t]to[ \t])[ \t]*"
    r"(?:LAD|LCx|LCX|Cx|RCA|PDA|PLV|PLA|PL|RI|OM[1-3]?|D[1-3]|diag(?:onal)?|obtuse[ \t]marginal)"
    r"(?![A-Za-z])"
)


def without_graft_conduits(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less a conduit's capitals right before its coronary target."""
    if "LAD" not in text and "RCA" not in text and "OM" not in text and "PDA" not in text:
        return redactions
    return [
        red
        for red in redactions
        if not (_CONDUIT.match(red.original) and _TARGET_AFTER.match(text, red.end))
    ]

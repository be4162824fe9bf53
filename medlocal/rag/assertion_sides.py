"""Which side a sentence's words are on: a side word ("left", "R", "RUL") qualifies the words
after it and, across "of"/"to", the noun before it."""

from __future__ import annotations

from collections.abc import Sequence

from medlocal.rag.assertion_records import Assertion
from medlocal.rag.assertion_tokens import Token, backward_scope, forward_scope
from medlocal.rag.assertion_triggers import SIDES

_ORDINAL_ENDINGS = frozenset({"st", "nd", "rd", "th"})


def _names_a_part(tokens: Sequence[Token], i: int) -> bool:
    """Whether a lone "L" or "R" is a side: a word follows it ("R knee"), or an ordinal ("L 1st
    MTP", "R 5th finger")."""
    if i >= len(tokens):
        return False
    if tokens[i].text.isalpha():
        return True
    return (
        tokens[i].text.isdigit()
        and i + 1 < len(tokens)
        and tokens[i + 1].text in _ORDINAL_ENDINGS
        and tokens[i + 1].start == tokens[i].end
    )


# "both" names two sides only with a part after it ("both eyes", "both lower limbs"): before a
# preposition, a verb or another side it means two things ("Typhim Vi and Havrix, both in the
# right deltoid"; round 10).
_NOT_A_PART_AFTER = frozenset(
    {"in", "on", "at", "into", "to", "of", "for", "from", "with", "by", "were", "are", "was",
     "is", "had", "have", "given", "done", "taken", "negative", "positive", "normal", ","}
)  # fmt: skip


def _both_of_things(tokens: Sequence[Token], i: int) -> bool:
    following = [t.text for t in tokens[i + 1 : i + 4]]
    return (
        not following
        or following[0] in _NOT_A_PART_AFTER
        or any(SIDES.get(word) in ("left", "right") for word in following)
    )


# A lung lobe's abbreviation names its side: "new RUL infiltrate" is on the right (round 9).
_LOBES = {"rul": "right", "rml": "right", "rll": "right", "lul": "left", "lll": "left"}


def sides(tokens: Sequence[Token], out: list[Assertion]) -> None:
    """A side word qualifies the next few words ("left upper lobe nodule") and, across "of"/
    "to" ("MRI of the right knee"), the noun just before it."""
    for i, token in enumerate(tokens):
        side = (
            SIDES.get(token.text)
            or SIDES.get(token.text.split("-")[0], "")
            or _LOBES.get(token.text, "")
        )
        if "-" in token.text and len(token.text.split("-")[0]) == 1:
            # "R-sided" is a side; "L-spine", "C-spine" and "T-score" name no side.
            side = side if token.text.split("-")[1] in ("sided", "side") else ""
        if not side or (len(token.text) == 1 and i + 1 < len(tokens) and tokens[i + 1].text == "/"):
            continue
        if token.text in ("l", "r") and not _names_a_part(tokens, i + 1):
            continue
        if token.text == "both" and _both_of_things(tokens, i):
            continue
        for j in forward_scope(tokens, i + 1, limit=4):
            out[j].side = out[j].side or side
        # A side that heads what follows: "Right eye: proliferative retinopathy with vitreous
        # haemorrhage; VA 6/36. Left eye: ...".
        label = next((j for j in range(i + 1, min(i + 4, len(tokens))) if tokens[j].text == ":"), 0)
        if label:
            for j in forward_scope(tokens, label + 1):
                out[j].side = out[j].side or side
        k = i - 1
        while k >= 0 and tokens[k].text in ("the", "a", "his", "her"):
            k -= 1
        if k >= 1 and tokens[k].text in ("of", "to", "in", "on"):
            for j in backward_scope(tokens, k, limit=4):
                out[j].side = out[j].side or side

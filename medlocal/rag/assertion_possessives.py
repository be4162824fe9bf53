"""Whose a finding is, where a relative is written as its owner, its adjective or as company:
"his mother's severe pre-eclampsia" and "Mother's tumour testing" are the mother's (the relative
reader finds "mother", not "mother's"); "Emergency LSCS for maternal severe pre-eclampsia" gives
the mother the pre-eclampsia, not the caesarean; in "Travelling with husband" the husband goes
along, and what comes before him is the patient's. Round 10 of the grounding precision audit
(heldout9)."""

from __future__ import annotations

from collections.abc import Sequence

from medlocal.rag.assertion_records import Assertion
from medlocal.rag.assertion_tokens import Token, is_break
from medlocal.rag.assertion_triggers import RELATIVES

# The noun phrase a possessive governs ends at a verb of its clause; these are the ones that
# end it in the notes read, and a clause's joints.
_PHRASE_ENDS = frozenset(
    {"and", "or", "but", "was", "were", "is", "are", "has", "had", "have", "who", "which",
     "that", ",", "-", "identified", "showed", "found", "confirmed", "revealed"}
)  # fmt: skip
_PHRASE_REACH = 4
_SINGLE_RELATIVES = frozenset(w for w in RELATIVES if " " not in w)


def possessive_relatives(tokens: Sequence[Token], out: list[Assertion]) -> None:
    """Give the noun phrase after a relative's possessive ("mother's", "sister's") to that
    relative, up to a verb or joint of the clause and at most a few words: "his mother's severe
    pre-eclampsia" but not "her mother's death prompted testing"'s testing."""
    for i, token in enumerate(tokens):
        owner = _owner(token.text)
        if owner is None:
            continue
        for j in range(i + 1, min(i + 1 + _PHRASE_REACH, len(tokens))):
            if is_break(tokens[j]) or tokens[j].text in _PHRASE_ENDS:
                break
            out[j].family = out[j].family or owner


def _owner(word: str) -> str | None:
    for mark in ("'s", "\u2019s"):
        if word.endswith(mark) and word[: -len(mark)] in _SINGLE_RELATIVES:
            return word[: -len(mark)]
    return None


def accompanies(tokens: Sequence[Token], start: int) -> bool:
    """Whether the relative at ``start`` is company ("with husband", "with her mother"): the
    words before it are the patient's, though what follows may still be the relative's."""
    k = start - 1
    if k >= 0 and tokens[k].text in ("her", "his", "their"):
        k -= 1
    return k >= 0 and tokens[k].text == "with"


_CLAUSE_JOINS = frozenset({"and", "but", "while", "whereas"})


def opens_own_clause(tokens: Sequence[Token], start: int) -> bool:
    """Whether the relative at ``start`` is the subject of a clause joined after a comma ("no
    bleeding or bruising, and his son fills his pill box"): the words before the comma are the
    patient's. A relative later in its clause ("..., and ovarian cancer in her mother") still
    looks back."""
    k = start - 1
    if k >= 0 and tokens[k].text in ("her", "his", "their", "the"):
        k -= 1
    return k >= 1 and tokens[k].text in _CLAUSE_JOINS and tokens[k - 1].text == ","


_ADJECTIVES = frozenset({"maternal", "paternal"})


def describes_what_follows(tokens: Sequence[Token], span: tuple[int, int]) -> bool:
    """Whether the relative at ``span`` is an adjective with its noun after it ("maternal severe
    pre-eclampsia"): it governs that noun, not the words before it. One that ends its clause
    ("Diabetes - maternal") still looks back."""
    start, end = span
    return (
        end - start == 1
        and tokens[start].text in _ADJECTIVES
        and end < len(tokens)
        and not is_break(tokens[end])
        and tokens[end].text not in _PHRASE_ENDS
    )


def relative_labels(tokens: Sequence[Token], out: list[Assertion]) -> None:
    """A relative that labels a line ("Husband: yellow fever vaccine 2016", "Mother: type 2
    diabetes") gives that relative what follows its colon, as "Right eye:" gives its side."""
    if len(tokens) > 2 and tokens[1].text == ":" and tokens[0].text in _SINGLE_RELATIVES:
        for j in range(2, len(tokens)):
            out[j].family = out[j].family or tokens[0].text

"""A place named by a possessive alone after "at" or "under": "seen at Guy's", "admitted at
King's overnight", "under Tommy's", "follow-up at Barts'" (session 47).

London's and many other hospitals are called by their founder's or saint's possessive with no
head word ("Guy's", "King's", "Tommy's"), and so are shops and pubs ("at Sainsbury's"). A
capitalised word and its "'s" after "at" or "under (the)", with no noun after it (a clause's
end, a bracket, "for", "on", "in", "with", a day word), is where someone is: a place, or a
person's home ("at John's"), an identifier either way. A word of the clinical lexicon or
an English word no name list holds is refused ("at Down's", "at Crohn's": a disease's eponym is
never a place), as are "Mum's", "Dad's" and the other relatives' words, which say whose home
without naming it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_people_words import RELATIONS, TITLES
from medlocal.privacy.deid_spans import Redaction, label

_POSSESSIVE_PLACE = re.compile(
    r"(?<![\w'’-])(?:at|under)[ \t]+(?:the[ \t]+)?"
    r"(?P<n>[A-Z][a-z]+(?:['’]s|s['’]))(?![\w'’-])"
    r"(?=[ \t]*(?:[.,;:()]|\n|\Z|[ \t](?:for|on|in|with|and|yesterday|today|tomorrow|last|"
    r"next|overnight|since|until|from|then)\b))"
)


# Conditions called by a possessive alone that the clinical lexicon does not hold as words.
_CONDITIONS = frozenset({"asperger", "tourette", "munchausen"})


def possessive_place_candidates(text: str, lex: Lexicon) -> Iterator[Redaction]:
    """The places named by a possessive alone in ``text`` (see the module's docstring)."""
    if "'" not in text and "’" not in text:
        return
    for match in skipped_finditer(_POSSESSIVE_PLACE, text):
        name = match.group("n")
        word = fold(name[:-2] if name[-2] in "'’" else name[:-1])
        if (
            lex.clinical(word)
            or word in _CONDITIONS
            or word in RELATIONS
            or word in TITLES
            or (lex.known(word) and not lex.name_like(word))
        ):
            continue  # "at Down's", "at Mum's", "at Crohn's"
        start, end = match.start("n"), match.end("n")
        yield Redaction("facility", start, end, text[start:end], label("facility"))

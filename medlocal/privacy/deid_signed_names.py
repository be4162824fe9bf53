"""A signature's line that opens with an initial and a surname, then the signer's role after a
comma (round 16): "B. Tranter, Social Worker, ext 4471", "K. Ng MNZSP, Physio". The role in
words says the capitalised word before it is a person's surname, even where it is also a
clinical abbreviation or an English word ("Ng", "Bishop").

Only a line's opening is read, and only where a comma and a role of the roles list follow within
a few words: "A. Fib, recurrent" or "B. Cereus, cultured" are no signatures.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import fold, lexicon
from medlocal.privacy.deid_people_words import ROLES
from medlocal.privacy.deid_titled_initials import titled_initials
from medlocal.privacy.deid_tokens import WordSpan

# An initial and a surname opening a line, perhaps credentials in capitals, a comma, then up to
# three capitalised or lower-case words ending with a role's word.
_SIGNED_LINE = re.compile(
    r"^[ \t]*[A-Z]\.[ \t]?(?P<v>[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?)"
    r"(?:[ \t]+[A-Z]{2,6})?,[ \t]+(?P<role>(?:[A-Za-z]+[ \t]+){0,2}[A-Za-z]+)\b",
    re.M,
)


def signed_names(text: str) -> list[WordSpan]:
    """The initial and surname that open a signature's line before the signer's role."""
    found: list[WordSpan] = []
    lex = lexicon()
    for match in _SIGNED_LINE.finditer(text):
        role = match.group("role").split()
        # The review of round 16: an organism's species after its genus' initial ("C.
        # Difficile, infection control nurse informed") is a clinical word on no name list.
        surname = fold(match.group("v").lower())
        if lex.clinical(surname) and not lex.name_like(surname):
            continue
        if any(word.lower() in ROLES and len(word) > 3 for word in role):
            start = (
                match.start("v") - 2 if text[match.start("v") - 1] == "." else match.start("v") - 3
            )
            found.append(WordSpan("name", start, match.end("v")))
    # Round 18: a title and one initial alone ("Dr B. will discuss").
    return found + titled_initials(text)

"""An eponym the clinical term list holds in its possessive form, written alone, that the
statistical tagger took as a person (session 52, deid52b; issue 16 precision).

"Known Barrett's", "flare of Crohn's", "early Parkinson's": the word scan keeps these (a listed
clinical term), but the tagger reads a capitalised possessive as a person and its span is added
where no rule covers it. The term list holds these possessives ("barrett's", "crohn's",
"parkinson's", "cushing's") because a disease is written so; a person's possessive is written
after a title, a relation or a given name ("Mr Barrett's wife"), which makes the word a name
for the scan (a strong or weak token), or before a word of family or home ("Barrett's
daughter", "Barrett's house"); a hospital known by its founder's possessive stands as a place
does ("at Addenbrooke's", "Addenbrooke's memory clinic", "Addenbrooke's, Cambridge"). Where none
of these stands, the tagger's span over the
possessive alone is dropped. A name the note gives a person elsewhere is still taken there by
the scan's spread, which the tagger's union never undoes.
"""

from __future__ import annotations

from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_place_words import FACILITY_HEADS
from medlocal.privacy.deid_tokens import Tok

# Words after a person's possessive: family, home, belongings, care.
_OWNED = RELATIONS | ROLES | frozenset(
    {
        "house", "home", "flat", "address", "car", "phone", "number", "family", "children",
        "kids", "baby", "dog", "farm", "shop", "office", "place", "room", "bed", "name",
        "funeral", "account", "behalf", "request", "consent", "permission", "own",
    }
)  # fmt: skip


# Words before a place or a hospital known by its founder's possessive ("at Addenbrooke's",
# "transferred to St Thomas's").
_PLACE_BEFORE = frozenset({"at", "to", "from", "in", "into", "via", "the", "st", "st."})


def _placed(tokens: list[Tok], k: int, text: str, lex: Lexicon) -> bool:
    """Whether the possessive at ``k`` stands as a place does: after "at", "to", "the"...,
    before a facility's head ("Addenbrooke's memory clinic") or before a comma and a place
    ("Addenbrooke's, Cambridge")."""
    if k and tokens[k - 1].lower in _PLACE_BEFORE:
        return True
    if k + 1 >= len(tokens):
        return False
    nxt = tokens[k + 1]
    if nxt.lower in FACILITY_HEADS:
        return True
    between = text[tokens[k].end : nxt.start]
    return "," in between and (nxt.lower in lex.places or nxt.word[:1].isupper())


def listed_possessives(tokens: list[Tok], text: str, lex: Lexicon) -> set[int]:
    """Where the listed possessive eponyms written alone start (see above)."""
    starts: set[int] = set()
    for k, tok in enumerate(tokens):
        word = tok.word
        if not word.endswith(("'s", "’s")) or not word[:1].isupper() or tok.strong or tok.weak:
            continue
        if not lex.clinical(tok.lower.replace("’", "'")):
            continue
        if k and (
            tokens[k - 1].lower.rstrip(".") in TITLES
            or tokens[k - 1].lower in RELATIONS
            or tokens[k - 1].lower in lex.given_names
        ):
            continue
        if k + 1 < len(tokens) and tokens[k + 1].lower in _OWNED:
            continue
        if _placed(tokens, k, text, lex):
            continue  # "at Addenbrooke's", "Addenbrooke's, Cambridge": a hospital
        starts.add(tok.start)
    return starts

"""A brand followed by its generic name in brackets is a medicine, not a person (session 45,
issue 16, precision): "Riamet (artemether-lumefantrine)", "Ella (ulipristal)", "Tofacent
(tofacitinib)", "Celestone Soluspan (betamethasone)". The word scan read the unlisted brand,
or one that is also a given name, as a name.

No one is written with a medicine's generic name in brackets right after them: a note names a
person's medicine with a verb or a possessive ("Smith started on tofacitinib"). So a span of one
capitalised word is given back where brackets right after it hold one to three words
that are all medicine words, written in lower case, at least one of which is no English word
("(iron)" or "(insulin)" alone could be a gloss on anything). Privacy first:

* a title, a relation or a role before the span keeps it a person ("Dr Ella (ulipristal)" is
  unlikely, but "Mrs Riamet" is a woman);
* only spans of the word scan and the tagger ("name", or a place read from a brand) are given
  back; the patient's own name stays hers wherever it stands;
* a role in the brackets makes it a person's ("Hope (physio)", "Lee (pharmacist)");
* the generic must close the brackets: "Ella (ulipristal given by her GP)" stays removed.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction

_KINDS = frozenset({"name", "location", "city", "facility"})
_BRAND = re.compile(r"[A-Z][\w-]*")  # one word: a person's full name is two or more
# The generic in brackets right after the brand: one to three lower-case words joined by a
# space, a hyphen or a slash ("(artemether-lumefantrine)", "(glecaprevir/pibrentasvir)").
_GENERIC_AFTER = re.compile(r"[ \t]?\((?P<g>[a-z]+(?:[ \t/-][a-z]+){0,2})\)")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w.'’-]*)[ \t]+\Z")
# "treated with Riamet (...)", "Tristel and Ella (...)": the cues of a list or a treatment; "by",
# "per", "to" and the other words that lead to a person stay ("prescribed by Threlkeld (...)").
_PEOPLE = frozenset(w.lower().rstrip(".") for w in TITLES | RELATIONS | ROLES) - {"with", "and"}


def _generic(words: list[str]) -> bool:
    """Whether ``words`` name a medicine: all medicine words, one of them no English word, and
    none a role ("Hope (physio) aware" is a physiotherapist; dev29)."""
    lex = lexicon()
    return all(lex.clinical(w) and w not in _PEOPLE for w in words) and any(
        w not in lex.english for w in words
    )


def _brand_before_generic(text: str, red: Redaction) -> bool:
    if red.kind not in _KINDS or not _BRAND.fullmatch(red.original):
        return False
    after = _GENERIC_AFTER.match(text, red.end)
    if after is None or not _generic(re.split(r"[ \t/-]", after.group("g"))):
        return False
    before = _WORD_BEFORE.search(text, max(0, red.start - 24), red.start)
    return before is None or before.group(1).lower().rstrip(".") not in _PEOPLE


def without_brand_generics(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the brands written before their generic in brackets (see above)."""
    if "(" not in text:
        return redactions
    return [red for red in redactions if not _brand_before_generic(text, red)]

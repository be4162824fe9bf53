"""A brand followed by its generic name in brackets, after a word that leads to a medicine, is a
medicine, not a person (session 45, issue 16, precision): "a full course of Riamet
(artemether-lumefantrine)", "two doses of Celestone Soluspan (betamethasone)", "started on
Xyzorin (tofacitinib)". The word scan read the unlisted brand as a name.

The review of round 15 (deid_brand_pairs) found this form without a strength keeping people: a
prescriber's or pharmacist's surname before the drug it concerns ("Adebayor (diclofenac) as
per"). So the brand is given back only where the word before it leads to a medicine ("course
of", "doses of", "on", "started", "commenced", "plus", "then", "trial of") or is itself a
medicine word ("Celestone Soluspan"), and only a word that could be a coined brand, as
deid_brand_pairs reads one: no listed name or place, no surname's ending, no vowel or "y" at
its end ("Ella (ulipristal)" stays removed: a person stands so as often). Privacy first, too:

* the brackets hold one to three words, all medicine words in lower case, one of them no
  English word ("(iron)" alone could be a gloss on anything), none a role ("Hope (physio)");
* the generic must close the brackets: "Xyz (ulipristal given by her GP)" stays removed;
* only spans of the word scan and the tagger ("name", or a place read from a brand) are given
  back; the patient's own name stays hers wherever it stands.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_brand_pairs import may_be_coined
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction

_KINDS = frozenset({"name", "location", "city", "facility"})
_BRAND = re.compile(r"[A-Z][a-z]{3,}")  # one word: a person's full name is two or more
# The generic in brackets right after the brand: one to three lower-case words joined by a
# space, a hyphen or a slash ("(artemether-lumefantrine)", "(glecaprevir/pibrentasvir)").
_GENERIC_AFTER = re.compile(r"[ \t]?\((?P<g>[a-z]+(?:[ \t/-][a-z]+){0,2})\)")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)[ \t]+\Z")
# Words after which a capitalised word is a medicine taken or given ("course of Xyz", "on Xyz").
_MEDICINE_CUES = frozenset(
    {"of", "on", "started", "starting", "commenced", "restarted", "plus", "then", "trial"}
)
_PEOPLE = frozenset(w.lower().rstrip(".") for w in TITLES | RELATIONS | ROLES)


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
    if not may_be_coined(red.original.lower(), lexicon()):
        return False
    after = _GENERIC_AFTER.match(text, red.end)
    if after is None or not _generic(re.split(r"[ \t/-]", after.group("g"))):
        return False
    before = _WORD_BEFORE.search(text, max(0, red.start - 24), red.start)
    if before is None:
        return False
    word = before.group(1).lower()
    return word in _MEDICINE_CUES or (lexicon().clinical(word) and word not in _PEOPLE)


def without_brand_generics(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the brands written before their generic in brackets (see above)."""
    if "(" not in text:
        return redactions
    return [red for red in redactions if not _brand_before_generic(text, red)]

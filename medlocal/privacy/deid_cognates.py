"""English spellings of a clinical word written in German, Spanish, French, Portuguese or Italian.

The word lists are English, so "Kreatinin", "Herzinsuffizienz", "Stenose", "Ecocardiograma" and
"prevención" look like names to the rules, and a German or Spanish note loses its findings in
an export. Medical vocabulary shares Greek and Latin roots across these languages, and the
spelling differs in a few regular ways: k and z for c, the ending ("-ose" for "-osis", "-in" for
"-ine", "-ción" for "-tion", "-ie" for "-ia" or "-y"), umlauts written out. :func:`cognates`
returns the English spellings a word may stand for; the lexicon knows a word when it knows one
of them (:meth:`~medlocal.privacy.deid_lexicon.Lexicon.known`). A long compound is read by its
last part where that is a clinical word or such a spelling of one ("Herz|insuffizienz",
"Metoprolol|succinat"), not a plain English one ("Atten|borough").

Only words of six letters or more are read so, and never a listed name (the lexicon checks):
"Jasmin" is not "jasmine".
"""

from __future__ import annotations

import unicodedata

# Endings of the languages, and the English ones they stand for (tried one at a time).
_ENDINGS = (
    ("ienz", "iency"), ("enz", "ence"), ("ismus", "ism"), ("ose", "osis"), ("itis", "itis"),
    ("ite", "itis"), ("ie", "ia"), ("ie", "y"), ("ien", "ia"), ("in", "ine"), ("it", "ite"),
    ("at", "ate"), ("om", "oma"), ("us", ""), ("ik", "ic"), ("ic", "ic"), ("isch", "ic"),
    ("ische", "ic"), ("isches", "ic"), ("ischen", "ic"), ("itat", "ity"), ("iell", "ial"),
    ("cion", "tion"), ("cao", "tion"), ("zione", "tion"), ("ia", "y"), ("ico", "ic"),
    ("ica", "ic"), ("ique", "ic"), ("oso", "ous"), ("osa", "ous"), ("ario", "ary"),
    ("grama", "gram"), ("a", ""), ("o", ""), ("e", ""), ("en", ""), ("es", ""), ("er", ""),
    ("ar", ""), ("al", "al"), ("yten", "ytes"), ("en", "e"), ("ur", "ure"), ("", ""),
)  # fmt: skip
_WRITTEN_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_MIN_LENGTH = 6
_MIN_LAST_PART = 7
_MIN_BARE = 8
# Endings dropped without an English one for them: a vowel, a plural or an infinitive.
_BARE_ENDINGS = frozenset({"a", "o", "e", "en", "es", "er", "ar", ""})


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _folded(lower: str) -> set[str]:
    """The word in plain letters two ways: umlauts dropped and written out."""
    forms = {_plain(lower), _plain(lower.translate(_WRITTEN_OUT))}
    return {form for form in forms if form.isalpha() and form.isascii()}


def _letters(form: str) -> set[str]:
    """The form, and with c for k and for z."""
    k_as_c = form.replace("k", "c")
    return {form, k_as_c, form.replace("z", "c"), k_as_c.replace("z", "c")}


def cognates(lower: str) -> list[str]:
    """English spellings ``lower`` may stand for (none for a word under six letters)."""
    if len(lower) < _MIN_LENGTH:
        return []
    found: set[str] = set()
    for form in _folded(lower):
        for ending, english in _ENDINGS:
            if form.endswith(ending) and len(form) - len(ending) >= 4:
                candidate = form[: len(form) - len(ending)] + english
                # A bare ending dropped makes a short word of many a name ("Océane" is no
                # "ocean", "Pointe" no "point"): only a long one counts so.
                if len(candidate) >= (_MIN_BARE if ending in _BARE_ENDINGS else 5):
                    found |= _letters(candidate)
    found.discard(lower)
    return sorted(found)


def last_parts(lower: str) -> list[str]:
    """The last parts of a long compound, seven letters or more, after a first part of three or
    more ("herzinsuffizienz" -> "insuffizienz", "nsuffizienz"...), longest first."""
    if len(lower) < _MIN_LAST_PART + 3:
        return []
    return [lower[i:] for i in range(3, len(lower) - _MIN_LAST_PART + 1)]

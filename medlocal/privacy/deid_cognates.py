"""English spellings of a clinical word written in German, Spanish, French, Portuguese or Italian.

The word lists are English, so "Kreatinin", "Herzinsuffizienz", "Stenose", "Ecocardiograma" and
"prevención" look like names to the rules, and a German or Spanish note loses its findings in
an export. Medical vocabulary shares Greek and Latin roots across these languages, and the
spelling differs in a few regular ways: k and z for c, the ending ("-ose" for "-osis", "-in" for
"-ine", "-ción" for "-tion", "-ie" for "-ia" or "-y"), umlauts written out. :func:`cognates`
returns the English spellings a word may stand for; the lexicon knows a word when one of them
is a clinical word, listed or by a medical ending ("-osis", "-emia", "-oma", "-gram", "-cyte";
:meth:`~medlocal.privacy.deid_lexicon.Lexicon.known`). A long compound is known by its first
part where that is a clinical word ("Metoprolol|succinat") or by its last part read so
("Herz|insuffizienz", "Eisenmangel|anämie"), never by a plain English part ("Atten|borough",
"Hinter|zeller").

Only words of six to forty letters are read so, and never a listed name (the lexicon checks).
A cognate must be clinical because names read as English words too ("Jasmin", "Glória",
"Célestin", "Scholastique", "Visitación").
"""

from __future__ import annotations

import unicodedata

# Endings of the languages, and the English ones they stand for (tried one at a time; some
# endings stand for two English ones, "-ie" for "-ia" and for "-y").
_ENDINGS = (
    ("ienz", "iency"), ("enz", "ence"), ("ismus", "ism"), ("ose", "osis"), ("ite", "itis"),
    ("ie", "ia"), ("ie", "y"), ("ien", "ia"), ("in", "ine"), ("it", "ite"), ("at", "ate"),
    ("om", "oma"), ("mus", "m"), ("ik", "ic"), ("isch", "ic"), ("ische", "ic"), ("isches", "ic"),
    ("ischen", "ic"), ("itat", "ity"), ("iell", "ial"), ("cion", "tion"), ("cao", "tion"),
    ("zione", "tion"), ("ia", "y"), ("ico", "ic"), ("ica", "ic"), ("ique", "ic"), ("oso", "ous"),
    ("osa", "ous"), ("ario", "ary"), ("grama", "gram"), ("yten", "ytes"), ("en", "e"),
    ("ur", "ure"),
    # Round 14: Dutch, Italian, Portuguese and Scandinavian "-grafie", "-grafia", "-grafi".
    ("grafie", "graphy"), ("grafia", "graphy"), ("grafi", "graphy"),
    # Round 21 (precision): Polish, Czech, Slovak and the South Slavic languages ("diagnoza",
    # "tuberkuloza", "infekcja", "infekcija", "anemija") and French adjectives in "-aire"
    # ("papillaire", "pulmonaire", "biliaire"). Not "-ita" or "-it" for "-itis", nor "-os" for
    # "-osis": a long cognate with a pathology ending counts without a dictionary entry
    # (deid_lexicon), and surnames end so ("Nakashita" read "nakashitis", "Montesinos").
    ("oza", "osis"), ("cja", "tion"), ("cija", "tion"), ("ija", "ia"), ("ija", "y"),
    ("aire", "ary"),
    # German "-ämie" read with its umlaut folded away ("Hypercholesterinamie", "Leukamie").
    ("amie", "aemia"), ("amie", "emia"),
    # Walk 25: specialists ("Endocrinologista", "Cardiólogo", "Neurologe", "Pneumologue",
    # "Kardioloog") and the elements of a lab panel ("Potássio", "Sódio", "Calcio").
    ("ista", "ist"), ("ologo", "ologist"), ("ologa", "ologist"), ("ologe", "ologist"),
    ("ologin", "ologist"), ("ologue", "ologist"), ("oloog", "ologist"), ("io", "ium"),
    ("a", ""), ("o", ""), ("e", ""), ("en", ""), ("es", ""), ("er", ""),
    ("ar", ""), ("", ""),

)  # fmt: skip
# Medicine names as German, Dutch and Scandinavian write them ("Amiodaron", "Furosemid",
# "Metronidazol") and Spanish and Italian "-ina" ("insulina", "hemoglobina"): read only where the
# English spelling is a listed medicine or clinical word itself, never by a drug stem ("Tesson"
# is no "-sone" steroid).
INN_ENDINGS = (("on", "one"), ("id", "ide"), ("ol", "ole"), ("ina", "in"), ("ina", "ine"))
# Endings dropped without an English one for them (a vowel, a plural, an infinitive): only a
# long word counts so ("Océane" is no "ocean", "Pointe" no "point").
_BARE_ENDINGS = frozenset(ending for ending, english in _ENDINGS if not english)
_WRITTEN_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_MIN_LENGTH = 6
_MIN_LAST_PART = 6
_MIN_BARE = 8
_MAX_LENGTH = 40  # a longer "word" is a code or pasted data: reading it would cost its square


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
    """English spellings ``lower`` may stand for (none for a word under six letters or over
    forty). The word with only its accents dropped is none ("Théophile" stays a name)."""
    if not _MIN_LENGTH <= len(lower) <= _MAX_LENGTH:
        return []
    found: set[str] = set()
    for form in _folded(lower):
        for ending, english in _ENDINGS:
            if form.endswith(ending) and len(form) - len(ending) >= 4:
                candidate = form[: len(form) - len(ending)] + english
                if len(candidate) >= (_MIN_BARE if ending in _BARE_ENDINGS else 5):
                    found |= _letters(candidate)
        found.discard(form)
    found.discard(lower)
    return sorted(found)


def compound_parts(lower: str) -> list[tuple[str, str]]:
    """The ways to cut a long compound in two, each part three letters or more and the last
    six or more ("herzinsuffizienz" -> ("herz", "insuffizienz"), ...)."""
    if not _MIN_LAST_PART + 3 <= len(lower) <= _MAX_LENGTH:
        return []
    return [(lower[:i], lower[i:]) for i in range(3, len(lower) - _MIN_LAST_PART + 1)]

"""Common words of letters from abroad: the capitalised nouns and labels of German, Spanish,
French, Italian, Portuguese, Dutch and Polish letters that are no name.

German capitalises every noun, and a letter of any of these languages opens its fields with a
capitalised label ("Fecha de alta", "Motivo de ingreso", "Patiente :"), so the word scan, which
takes any capitalised word it does not know for a possible name, removed "Hypertonie",
"Normbereich", "Ergebnisse" and "Fracción" (walk 47b, D5). Two readings make such words known:

* the everyday words of a letter (labels, time words, "Blut", "Patientin"), hand-listed in
  ``deid_foreign_letter_words.txt``;
* the endings of these languages' common nouns and adjectives that names do not take
  ("-bereich", "-ungen", "-keit", "-nisse", "-tonie", "-ción", "-zione", "-ção",
  "-idades"): a German letter is open-ended, no list holds all its compounds.

A word on a given-name, surname or place list is never read so (the lexicon checks): it stays a
possible name ("Concepción", "Sarmiento", "Fischer"). wordfreq's common words of six languages
were tried as known words in session 25 and cost 109 development identifiers (names and places
are among the commonest words); these endings are those that the name lists almost never end in
(counted on MedLocal's lists in session 47).
"""

from __future__ import annotations

# (ending, shortest word read by it): folded as the lexicon looks words up ("ción" -> "cion").
_ENDINGS: tuple[tuple[str, int], ...] = (
    # German: findings, procedures, abstract nouns, plurals, adjectives of a diagnosis.
    ("tonie", 7), ("pathie", 7), ("plasie", 7), ("trophie", 8), ("ektomie", 8), ("skopie", 7),
    ("graphie", 8), ("gramm", 7), ("amie", 6), ("ungen", 7), ("ierung", 8), ("heit", 7),
    ("heiten", 8), ("keit", 7), ("keiten", 8), ("schaft", 8), ("schaften", 9), ("nisse", 7),
    ("bereich", 8), ("bereiche", 9), ("befund", 8), ("befunde", 9), ("werte", 7),
    ("wert", 7), ("ierte", 7), ("ierten", 8),
    ("ologie", 7), ("ologisch", 9), ("ologische", 10), ("ologischen", 11), ("ientin", 8),
    ("ienten", 8), ("ung", 8), ("ktion", 7), ("brief", 8),
    # Spanish.
    ("cion", 7), ("ciones", 8), ("siones", 8), ("idades", 8), ("miento", 8), ("mientos", 9),
    ("ologia", 7), ("ologo", 7), ("ologa", 7), ("ologico", 9), ("ologica", 9), ("iente", 8),
    # French.
    ("ements", 8), ("ement", 9), ("ologique", 9), ("ologiques", 10),
    # Italian.
    ("zione", 7), ("zioni", 7),
    # Portuguese ("-ção", "-ções", "-dades").
    ("cao", 6), ("coes", 7), ("dades", 8),
    # Italian and Dutch.
    ("analisi", 8), ("heid", 7), ("heden", 8), ("atie", 8), ("ectie", 7), ("ensie", 8),
    # Polish ("Skierowanie", "Leczenie").
    ("owanie", 9), ("czenie", 8),
)  # fmt: skip

# Endings of names and places inside those endings: Asian names and places in "-ung" after a
# vowel ("Kaohsiung", "Gangneung", "Kyaukpadaung"; German "-ung" follows a consonant), German
# places and surnames in "-scheid" ("Remscheid").
_NOT_NOUN_ENDINGS = ("aung", "eung", "iung", "oung", "yung", "scheid")

# Not "-ische", "-ischen": the adjectives of organisations' and places' names ("Klinik am
# Englischen Garten", "Rheinische Kliniken"); "klinische" is listed.

# Given names of Spanish-speaking women that end as nouns do ("Visitación") and that the name
# lists may lack: never read as common words.
_DEVOTIONAL_NAMES = frozenset(
    {
        "anunciacion", "ascension", "asuncion", "concepcion", "consolacion", "encarnacion",
        "purificacion", "presentacion", "resurreccion", "visitacion", "conceicao", "assuncao",
        "anunciacao", "encarnacao", "purificacao", "natividade", "trinidade", "piedade",
    }
)  # fmt: skip


# Speed (session 52): every ending at once, asked first (one call in C; most words end as none
# of them, and the loop below asked each of its endings in turn: 6.6 -> 0.9 ms a 20-page record).
_ANY_ENDING = tuple(ending for ending, _ in _ENDINGS)


def common_noun_ending(lower: str) -> bool:
    """Whether a folded, lower-case word ends as a common noun or adjective of a letter from
    abroad does; the caller checks the name and place lists."""
    if not lower.endswith(_ANY_ENDING) or not lower.isalpha() or lower in _DEVOTIONAL_NAMES:
        return False
    if lower.endswith(_NOT_NOUN_ENDINGS):
        return False
    return any(lower.endswith(ending) and len(lower) >= least for ending, least in _ENDINGS)

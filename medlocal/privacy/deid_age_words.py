"""Ages over 89 written as one word of another language, or as what a person "is" (session 56,
deid56b; issue 16).

Safe Harbor removes every age over 89. deid_ages reads English number words and the age words
of the notes' languages beside a number; notes in German, the Nordic languages, Dutch, Italian,
Polish and Russian write the age as one compound word ("der vierundneunzigjährige Patient",
"Nittiofemåriga kvinna", "La signora, novantaduenne", "Dziewięćdziesięcioczteroletnia
pacjentka"), and the Romance languages have the decade's own word ("nonagénaire", "nonagenária",
"Nonagenario"), as English has "nonagenarian". Read: any word holding the ninety's stem of those
languages with the age's ending (German "-jährig", Nordic "-årig"/"-åring", Dutch "-jarig",
Italian "-enne", Polish "-letni", Russian "-летн"), the decade's words, and a hundred's compound
("hundertjährig", "centenaire", "stuletni").

Also the age as what the patient or a pronoun is ("patiënt is 93", "she is 94.", "he was 101;"):
a number of 90 to 119 after such a subject and "is", "was", "turned" (or the verb of another
language: "ist", "est", "es", "é", "är", "jest"), closed by punctuation or the line's end, never
by a unit or a word ("she is 95% saturated", "he was 96 kg" stay).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

# The stems: ninety with an age's ending, the decade's word, a hundred's compound. Review 56b:
# the letters between a stem's parts are bounded ("vier-und-neunzig-jährige" holds none, "nittio-
# fem-åriga" three): an unbounded run went to the end of a long word from every "neunzig" in it
# ("neunzig" x 4,000 took 13 s, quadratic).
_STEMS = (
    r"neunzig\w{0,12}j[aä]hr|nittio\w{0,12}[aå]ri|n[io]tti\w{0,12}[aå]rig|"
    r"halvfems\w{0,12}[aå]rig|negentig\w{0,12}jarig|"
    r"novant\w{0,12}enn[ei]|dziewięćdziesi\w{0,12}letn|девяност\w{0,12}летн|"
    r"nonag[eé]n[aá]ri|nonagenari|nonagénaire|"
    r"hundertj[aä]hr|hundra\w{0,12}[aå]ri|honderdjarig|stuletn|centenaire|centenári|centenari"
)
# The stem is searched for, and the word grown from it to its edges.
_STEM = re.compile(rf"(?i:{_STEMS})")
# Speed: the stems' roots, looked for in the lower-cased text before the pattern runs (the
# pattern of many case-blind stems takes 17 ms on the twenty-page record; most records hold none).
_ROOTS = (
    "neunzig", "nittio", "nitti", "notti", "halvfems", "negentig", "novant", "dziewięćdziesi",
    "девяност", "nonag", "hundert", "hundra", "honderd", "stuletn", "centena",
)  # fmt: skip
_LETTERS_BEFORE = re.compile(r"[^\W\d_]*\Z")
_LETTERS = re.compile(r"[^\W\d_]*")
_IS_AGE = re.compile(
    r"(?i:\b(?:she|he|patient|patiënt|patiente?|patientin|paciente|pt|resident|lady|"
    r"gentleman|man|woman|client)[ \t]+(?:is|was|turned|turns|is[ \t]+now|ist|est|es|é|är|er|"
    r"jest)[ \t]+)(?P<v>9\d|1[01]\d)(?![\w.,/-]\d)(?=[ \t]*(?:[,;:)]|\.(?!\d)|$))",
    re.M,
)


def age_word_candidates(text: str) -> Iterator[Redaction]:
    """Ages over 89 written as one word of another language, or after "(subject) is"."""
    lowered = text.lower()
    stems = _STEM.finditer(text) if any(root in lowered for root in _ROOTS) else iter(())
    last_end = -1
    for match in stems:
        if match.start() < last_end:
            continue
        before = _LETTERS_BEFORE.search(text, max(0, match.start() - 40), match.start())
        start = before.start() if before else match.start()
        after = _LETTERS.match(text, match.end())
        end = after.end() if after else match.end()
        last_end = end
        yield Redaction("age_over_89", start, end, text[start:end], label("age_over_89"))
    if "9" not in text and "1" not in text:
        return
    for match in skipped_finditer(_IS_AGE, text):
        yield Redaction(
            "age_over_89", match.start("v"), match.end("v"), match.group("v"),
            label("age_over_89"),
        )  # fmt: skip

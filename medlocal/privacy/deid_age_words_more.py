"""Ages over 89 in more words: a hundred's and ninety's compounds of more languages, German
"einhundert", a number word in brackets after the age, and a relative's age after "de", "di",
"com" in the Romance languages (session 64, deid64b; issue 16).

* deid_age_words reads the compounds of German, the Nordic languages, Dutch, Italian, Polish
  and Russian; Finnish ("satavuotias", "yhdeksänkymmentäviisivuotias"), Estonian
  ("sajaaastane", "üheksakümneaastane"), Hungarian ("százéves", "kilencvenkét éves"), Czech
  and Slovak ("stoletá", "devadesátiletý", "deväťdesiatročná"), Polish as a noun ("stulatka",
  "stulatek"), Romanian ("nonagenară", "centenară") and Greek ("ενενηντάχρονη",
  "αιωνόβια") write it as one word too. A hundred's compound before a word of history or
  celebration is a centenary, not a person ("satavuotias historia", "százéves épület").
* German "einhundert" and "einhundertzwei" before the year's word (not after "seit", "vor",
  "für", "nach", "in": a span of time, "seit hundert Jahren"), and a German number word
  of 90 to 119 in brackets after the years ("101 Jahre (hunderteins)").
* A relative's age after a preposition of Spanish, Portuguese and Italian ("su esposa de 95;",
  "a irmã com 94 anos", "la sorella di 93,"), closed as deid_kin_ages closes an age: a
  comma, a stop, a bracket, the line's end, the year's word - never a unit ("hermana de 95 kg").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

_STEMS = (
    r"satavuotia|sata-vuotia|yhdeksänkymmen\w{0,12}vuotia|sajaaastane|saja-aastane|"
    r"üheksakümne\w{0,12}aastane|százéves|száz[ \t]éves|kilencven\w{0,8}[ \t]?éves|"
    r"stolet[áýéou]|stoletou|storočn[áýé]|devadesáti\w{0,10}let[áýé]|"
    r"deväťdesiat\w{0,10}ročn[áýé]|stulat(?:ek|ka|ką|kiem|ki|kowie)|"
    r"nonagenar[aă]|centenar[aă]|ενενηντάχρον\w{0,3}|αιωνόβι\w{0,3}"
)
_WORD = re.compile(rf"(?<![\w-])(?i:(?:{_STEMS})[^\W\d_]{{0,8}})(?![\w-])")
# A centenary of a house, a history or a feast, not a person's age.
_CENTENARY = re.compile(
    r"[ \t]+(?i:histor\w*|épület\w*|juhl\w*|jubil\w*|výročí|vuosijuhl\w*|rakennu\w*|"
    r"talo\w*|ajalugu|maja|dům|budov\w*|tradi\w*|ιστορία|γιορτ\w*|aniversar\w*|"
    r"sărbătoar\w*|clădir\w*)\b"
)
_UNITS = r"neun|acht|sieben|sechs|fünf|vier|drei|zwei|ein"
_HUNDREDS = (
    rf"einhundert(?:und)?(?:eins?|{_UNITS}|zehn|elf|zwölf|"
    rf"(?:drei|vier|fünf|sech|sieb|acht|neun)zehn)?"
)
_GERMAN_WORD = (
    rf"(?:(?:{_UNITS})und)?neunzig|(?:ein)?hundert(?:und)?(?:eins?|{_UNITS}|zehn|elf|"
    rf"zwölf|(?:drei|vier|fünf|sech|sieb|acht|neun)zehn)?"
)
# A span of time, not an age: "seit hundert Jahren", "vor neunzig Jahren", "in hundert Jahren"
# (review63b), "hace cien años", "desde hace cien años", "depuis cent ans", "da cento anni",
# "há cem anos"; "mit hundert Jahren" (at a hundred) and "über hundert Jahre alt" are ages.
SPAN_OF_TIME_BEFORE = "".join(
    rf"(?<!\b{word}[ \t])"
    for word in ("seit", "vor", "für", "nach", "in", "hace", "durante", "depuis", "pendant",
                 "da", "per", "há", "desde")
)  # fmt: skip
_GERMAN = re.compile(
    rf"(?i:(?<![\w]){SPAN_OF_TIME_BEFORE}(?P<v>{_HUNDREDS})"
    r"(?=[ \t]*-?[ \t]*(?:jahre\b|jahren\b|jährig))|"
    rf"(?:jahre|jahren|j\.)[ \t]*\([ \t]*(?P<b>{_GERMAN_WORD})[ \t]*\))"
)
_KIN = (
    r"esposa|esposo|marido|mujer|hermana|hermano|madre|padre|hija|hijo|t[íi]a|t[íi]o|abuela|"
    r"abuelo|suegra|suegro|prima|primo|irm[ãa]|irm[ãa]o|m[ãa]e|pai|av[óô]|filha|filho|"
    r"sorella|fratello|moglie|marito|nonna|nonno|zia|zio|cugin[ao]|figli[ao]|suocer[ao]"
)
_KIN_AGE = re.compile(
    rf"(?<![\w])(?i:{_KIN})[ \t]+(?i:de|di|com|con)[ \t]+(?P<v>9\d|1[01]\d)(?![.,]\d)"
    r"(?=[ \t]*(?:[,;)]|\.(?!\d)|$)|[ \t]+(?i:años|anos|anni|a\.|y|e|vive|mora)\b)",
    re.M,
)


def age_word_more_candidates(text: str) -> Iterator[Redaction]:
    """The ages of the module docstring."""
    for match in skipped_finditer(_WORD, text):
        if _CENTENARY.match(text, match.end()):
            continue
        yield _age(text, match.start(), match.end())
    for match in skipped_finditer(_GERMAN, text):
        group = "v" if match.group("v") else "b"
        yield _age(text, match.start(group), match.end(group))
    for match in skipped_finditer(_KIN_AGE, text):
        yield _age(text, match.start("v"), match.end("v"))


def _age(text: str, start: int, end: int) -> Redaction:
    return Redaction("age_over_89", start, end, text[start:end], label("age_over_89"))

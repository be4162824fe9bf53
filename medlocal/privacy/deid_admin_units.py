"""Administrative units smaller than a state, named with the word that says what kind they are
(round 17): the word after the name ("Craven district", "Shahapur taluka", "Hallands län",
"Ikeja LGA", "Roper Gulf Region", "Kapsoya estate") or before it ("Daerah Petaling", "gemeente
Utrechtse Heuvelrug", "Landkreis Harburg", "MRC de Memphrémagog", "powiat wadowicki", "Dist.
Arwal", "Municipality of Kincardine").

The unit word alone says only that a place is meant; the name is what identifies. So at least
one word of the name must be no plain English word (unknown to the word lists, a listed place or
a name), and none a clinical word: "Lumbar region", "Rural district", "District Nurse" and "the
Lake District" stay. Each pattern opens on its unit word (a literal the engine finds quickly),
so the reading is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon, fold, lexicon
from medlocal.privacy.deid_place_words import AREA_DESCRIBING, not_place_word
from medlocal.privacy.deid_spans import Redaction, label

# A word of a place's name: title case or capitals, hyphens and apostrophes inside, letters of
# any European alphabet ("Tân", "Memphrémagog", "Utrechtse").
# Letters only: "LL8 region" is a tooth's.
_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_'’]*+(?:['’][^\W\d_]+)?(?:-[^\W\d_]+)*+"
# Unit words written after the name, in lower case or title case as each language writes them
# (Swedish "län", Norwegian "kommune", Indian "taluka", Nigerian "LGA").
_AFTER_UNITS = (
    r"(?:[Dd]istrict|[Ss]ub-?[Dd]istrict|[Tt]aluka|[Tt]aluk|[Tt]ehsil|[Tt]ahsil|[Mm]andal|"
    r"[Uu]pazila|[Ss]ub-?[Cc]ounty|county|[Mm]unicipality|[Tt]ownship|borough|parish|[Ss]hire|"
    r"[Rr]egion|LGA|L\.G\.A\.?|Local[ \t]+Government(?:[ \t]+Area)?|län|[Kk]ommun|[Kk]ommune|"
    r"village|barangay|estate|[Rr]eservation|reserve|[Ss]ub-?[Ll]ocation|[Tt]hana|[Zz]ila)"
)
# The unit written after: one to three name words, then the unit word, not a role or service
# named after the unit ("district nurse", "District General Hospital" is found as a facility).
# Speed: the unit word is found first (a literal the engine skips to), the name read back from
# it in a short window; a scan for names before every capitalised word cost five times more.
_UNIT_AFTER = re.compile(
    rf"(?<=[ \t])(?P<u>{_AFTER_UNITS})(?![\w-])"
    r"(?![ \t]+(?i:nurses?|nursing|midwi(?:fe|ves)|health[ \t]+visitors?|team|general)\b)"
)
_NAME_BEFORE = re.compile(rf"(?<![\w'’-])(?P<n>{_WORD}(?:[ \t]{_WORD}){{0,2}})[ \t]\Z")
# Unit words written before the name, case as written: Malay and Indonesian, Dutch, Polish,
# German, Québec, Spanish, Portuguese, Italian, Romanian, Czech and Slovak, Indian and
# Bangladeshi (with their abbreviations), Philippine, and English "X of" forms.
_BEFORE_UNITS = (
    r"(?:Daerah|Mukim|Kabupaten|Kab\.|Kecamatan|Kec\.|Kelurahan|Kel\.|gemeente|Gemeente|"
    r"Landkreis|Kreis|Bezirk|Stadtbezirk|Gemeinde|Ortsteil|"
    r"MRC[ \t]+(?:de|du|des|d['’])|[Mm]unicipalit[ée][ \t]+(?:de|du|des|d['’])|"
    r"[Cc]omt[ée][ \t]+(?:de|du|d['’])|[Mm]unicipio(?:[ \t]+de)?|[Dd]istrito(?:[ \t]+de)?|"
    r"[Pp]artido(?:[ \t]+de)?|[Cc]omarca(?:[ \t]+de)?|[Cc]oncelho(?:[ \t]+de)?|"
    r"[Ff]reguesia(?:[ \t]+de)?|[Pp]arroquia|[Cc]omune[ \t]+di|[Pp]rovincia[ \t]+di|"
    r"Jude[țţt]ul|[Oo]kres|[Rr]a[iy]on|"
    r"Tehsil|Teh\.|Tahsil|Taluka|Taluk|Tal\.|Tq\.|Mandal|Upazila|Thana|Zila|Zilla|"
    r"Dist\.|Distt\.|DIST\.|DISTT\.|District|Sub-[Cc]ounty|Vill\.|VILL\.|Village|"
    r"P\.O\.(?![ \t]*(?i:box|bag)\b)|"
    r"Barangay|Brgy\.?|Bgy\.|Sitio|Purok|"
    r"(?:(?:London|Royal|Metropolitan)[ \t]+)?Borough[ \t]+of|"
    r"(?:(?:Regional|Rural|District)[ \t]+)?Municipality[ \t]+of|RM[ \t]+of|"
    r"(?:County|Shire|District|Parish|Township|Region|Town|Village)[ \t]+of)"
)
_UNIT_BEFORE = re.compile(
    # The unit words' first letters, tried first: a class fails faster than the alternation.
    r"(?=[BCDFGHJKLMOPQRSTUVXZbcdfghmopqrtxẤấ])"
    rf"(?:(?<![\w.])(?P<u>{_BEFORE_UNITS})[ \t]*(?P<n>{_WORD}(?:[ \t]{_WORD}){{0,2}})"
    # Polish counties and communes are named by an adjective in lower case ("powiat
    # wadowicki", "gmina Stryszów" reads as above).
    r"|(?<![\w.])(?P<u2>powiat|[Gg]mina|gm\.)[ \t]+(?P<n2>[a-ząćęłńóśźż]+(?:ski|cki|dzki|ny|wy|"
    r"ński)|[A-ZĄĆĘŁŃÓŚŹŻ][\w-]*)"
    # Round 18: Vietnamese wards, districts, communes, hamlets and provinces, named or numbered
    # ("Phường 13, Quận 3", "ấp 3, xã Tân Phú").
    r"|(?<![\w.])(?P<u3>[Pp]hường|[Qq]uận|[Hh]uyện|[Xx]ã|[Ấấ]p|[Tt]ỉnh|[Tt]hị[ \t]+(?:xã|trấn))"
    rf"[ \t]+(?P<n3>\d{{1,3}}\b|{_WORD}(?:[ \t]{_WORD}){{0,2}}))"
)
# Unit words before the name that are no English word: the name after them is a place's even
# where it is also a word ("Daerah Petaling", "Landkreis Harburg").
_STRONG_OPENER = re.compile(
    r"Daerah|Mukim|Kabupaten|Kab\.|Kecamatan|Kec\.|Kelurahan|gemeente|Gemeente|Landkreis|"
    r"Bezirk|Stadtbezirk|Gemeinde|Ortsteil|MRC.*|[Mm]unicipalit[ée].*|[Cc]omt[ée].*|"
    r"[Mm]unicipio.*|[Dd]istrito.*|[Cc]oncelho.*|[Ff]reguesia.*|[Cc]omune.*|Jude.ul|Tehsil|"
    r"Tahsil|Taluka|Taluk|Upazila|Barangay|Brgy\.?|Bgy\."
)
# Unit words that open the name after them with a word of their own ("Municipality of Kincardine",
# "MRC de Memphrémagog") or none ("Barangay Malinis"): a joined "de" or "of" is no name word.
_JOINERS = frozenset({"de", "du", "des", "d'", "d’", "of", "di", "la", "le", "les", "del"})


def admin_unit_spans(text: str) -> Iterator[Redaction]:
    """Administrative units named with their unit word (see the module's docstring)."""
    if not _PREFILTER.search(text):
        return
    lex = lexicon()
    for unit in skipped_finditer(_UNIT_AFTER, text):
        match = _NAME_BEFORE.search(text, max(0, unit.start() - 80), unit.start())
        if match is None:
            continue
        words = match.group("n").split()
        # Leading plain words open a sentence or describe ("Visited Shahapur taluka",
        # "Rural Thane district"): the name starts at its first distinctive word.
        first = 0
        while first < len(words) and not _distinctive(words[first], lex):
            first += 1
        kept = words[first:]
        if not kept or not _name_words(kept, lex):
            continue
        start = match.start("n") + _offset(match.group("n"), first)
        yield Redaction("county", start, unit.end(), text[start : unit.end()], label("county"))
    for match in skipped_finditer(_UNIT_BEFORE, text):
        if match.group("u3") is not None:
            start, end = match.start("u3"), match.end("n3")
            yield Redaction("city", start, end, text[start:end], label("city"))
            continue
        if match.group("u2") is not None:
            start, end = match.start("u2"), match.end("n2")
            yield Redaction("county", start, end, text[start:end], label("county"))
            continue
        words = match.group("n").split()
        strong = _STRONG_OPENER.fullmatch(match.group("u")) is not None
        # The name ends before a word that is no name's ("Daerah Petaling Tel").
        last = next((i for i, w in enumerate(words) if _not_name(w, lex)), len(words))
        if not strong:
            # After an English word ("District", "Village", "P.O.") the name ends at its last
            # word that is no English one ("Dist. Arwal Bihar" keeps both; "District Arwal
            # Hospital" ends at the name, the facility is read by its own rules), and has one.
            while last and not _foreign(words[last - 1], lex):
                last -= 1
        kept = words[:last]
        if not kept or not _name_words(kept, lex, strong):
            continue
        end = match.start("n") + _offset(match.group("n"), last - 1) + len(words[last - 1])
        start = match.start("u")
        yield Redaction("county", start, end, text[start:end], label("county"))


# Cheap first test: some unit word is in the text at all.
_PREFILTER = re.compile(
    r"(?i:district|taluk|tehsil|tahsil|mandal|upazila|county|municipal|township|borough|"
    r"parish|shire|region|lga|l\.g\.a|local[ \t]+government|län|kommun|village|barangay|estate|"
    r"reserv|location|thana|zil|daerah|mukim|kabupaten|kab\.|kec|kel|gemeente|kreis|bezirk|"
    r"gemeinde|ortsteil|mrc|comt|distrito|partido|comarca|concelho|freguesia|parroquia|comune|"
    r"provincia|jude|okres|ra[iy]on|teh\.|tal\.|tq\.|dist|vill|p\.o\.|brgy|bgy|sitio|purok|rm"
    r"|powiat|gmina|gm\.|phường|quận|huyện|xã|ấp|tỉnh|thị)"
)


def _offset(phrase: str, index: int) -> int:
    """Where the ``index``-th word of ``phrase`` (split on blanks) starts in it."""
    pos = 0
    for i, word in enumerate(phrase.split()):
        pos = phrase.index(word, pos)
        if i == index:
            return pos
        pos += len(word)
    return pos


def _distinctive(word: str, lex: Lexicon) -> bool:
    """A word that can say which place: no plain English word (unknown, a listed place or a
    name), nor a clinical, generic, title, role or calendar word."""
    lower = fold(word.strip("'’"))
    if not_place_word(lower, lex) or lower in AREA_DESCRIBING:
        return False
    return not lex.known(lower) or lower in lex.places or lex.name_like(lower)


def _not_name(word: str, lex: Lexicon) -> bool:
    """A generic, title, role, calendar or clinical word: no part of a place's name."""
    lower = fold(word.strip("'’"))
    return not_place_word(lower, lex)


def _foreign(word: str, lex: Lexicon) -> bool:
    """A word that is no English one at all, or a listed place that is none ("Arwal",
    "Kurtha"; not "Green" nor "Box", which are also surnames)."""
    lower = fold(word.strip("'’"))
    if not_place_word(lower, lex):
        return False
    return not lex.known(lower) or (lower in lex.places and lower not in lex.english)


def _name_words(words: list[str], lex: Lexicon, strong: bool = False) -> bool:
    """Whether the words name a place: no clinical or generic word among them, one at least
    distinctive (see _distinctive) unless the unit word is ``strong``."""
    for word in words:
        lower = fold(word.strip("'’"))
        if lower in _JOINERS:
            continue
        if not_place_word(lower, lex):
            return False
    return strong or any(_distinctive(w, lex) for w in words)

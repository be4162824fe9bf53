"""The patient's own identifiers, from the vault: name (with its common variants), MRN, DOB.

Name variants: "First Last", "First M. Last", "Last, First", "F. Last", "Last First", the surname
alone, the first name alone, and each part of a hyphenated surname ("Thornbury-Vale": relatives
often carry one part); any case; with a straight, curly or missing apostrophe ("O'Brien",
"O’Brien", "OBRIEN"); before a possessive "'s", which is kept. The MRN is matched with spaces or
dashes between its characters, and by its digits alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from medlocal.privacy.deid_people_words import PARTICLES


@dataclass(frozen=True)
class PatientIdentity:
    """The patient's own identifiers, taken from the vault."""

    name: str | None = None
    mrn: str | None = None
    dob: date | None = None


# The accented Latin letters (Latin-1 Supplement, Latin Extended-A and -B).
_LATIN = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"


def identity_patterns(identity: PatientIdentity) -> list[tuple[str, re.Pattern[str]]]:
    """(kind, pattern) for the patient's name and MRN; the DOB is matched with the dates."""
    own: list[tuple[str, re.Pattern[str]]] = []
    if identity.name and identity.name.strip():
        alternatives = "|".join(
            [_parts_pattern(identity.name)]
            + [_name_pattern(v) for v in _name_variants(identity.name)]
        )
        # "Mr./Ms. Last" keeps the title; the name itself is redacted, and so is a name
        # followed by a possessive ("Smith's wife" becomes "[NAME]'s wife"). Underscores
        # count as separators: file names ("smith_john.pdf") are redacted too.
        initials = _initials(identity.name)
        if initials:
            alternatives += f"|(?-i:{initials})"
        familiar = _familiar_forms(identity.name)
        if familiar:
            alternatives += f"|{familiar}"
        # Letters with accents count as letters at either end (round 14): "chagásica" is an
        # adjective of a disease, not "Chag" of Chagas; other scripts do not ("Takayasu様").
        # An apostrophe inside a word joins it ("O'Brien" holds no "Brien"); one outside a
        # word is a quotation mark: a flag quoting "'Thornbury'" names the patient (walk 26
        # labelled it a place there, and her name in the flag's word above it).
        letter = f"A-Za-z0-9{_LATIN}"
        pattern = re.compile(
            rf"(?<![{letter}])(?<![{letter}]['’])(?:{alternatives})"
            rf"(?=['’]s(?![{letter}])|(?![{letter}])(?!['’][{letter}]))",
            re.I,
        )
        own.append(("patient_name", pattern))
    if identity.mrn and any(c.isalnum() for c in identity.mrn):
        # The MRN as written, and its digits alone ("MRN-00123456" is often "00123456").
        forms = {_flexible(identity.mrn)}
        digits = "".join(c for c in identity.mrn if c.isdigit())
        if len(digits) >= 4:
            forms.add(_flexible(digits))
        mrn = "|".join(sorted(forms, key=len, reverse=True))
        own.append(("mrn", re.compile(rf"(?<![A-Za-z0-9])(?:{mrn})(?![A-Za-z0-9])", re.I)))
    return own


def _initials(full_name: str) -> str:
    """The patient's initials in capitals where a note may use them for the patient ("RJM also
    told me"), as an alternation: three letters or more only ("RJM", "RJMB" for "Rhys Jac
    Maddox-Brook"); two capitals spell too many abbreviations ("AF", "MS", "PE")."""
    given, surname = _split_name(full_name)
    words = [w for w in given + surname if w[:1].isalpha()]
    by_word = "".join(w[0] for w in words).upper()
    by_part = "".join(p[0] for w in words for p in re.split(r"[-‐]", w) if p).upper()
    # Initials that spell an abbreviation or a word are that ("CRP" for Carlos Ruiz Perez).
    forms = {f for f in (by_word, by_part) if len(f) >= 3 and not _reads_as_a_word(f)}
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


def _reads_as_a_word(text: str) -> bool:
    """Whether ``text`` (a shortening of a name, or initials) is also an English or clinical
    word or abbreviation ("conc", "Cons", "CRP", "ECG"): it is never taken for the name alone."""
    from medlocal.privacy.deid_lexicon import clinical_abbreviation, lexicon

    lex = lexicon()
    lower = text.lower()
    return lex.known(lower) or lex.clinical(lower) or clinical_abbreviation(text)


def _name_variants(full_name: str) -> list[str]:
    given, surname = _split_name(full_name)
    last = " ".join(surname)
    if not given:
        return [last]
    first, middles = given[0], given[1:]
    initials = " ".join(f"{m[0]}." for m in middles)
    variants = {
        f"{first} {last}",
        f"{first} {' '.join(middles)} {last}" if middles else "",
        f"{first} {initials} {last}" if middles else "",
        f"{first[0]}. {last}",
        f"{first[0]} {last}",
        f"{last}, {first}",
        f"{last}, {first} {initials}" if middles else "",
        f"{last}, {first[0]}.",
        f"{last} {first}",
        last,
        first,
        *(part for part in re.split(r"[-‐]", last) if len(part) > 1),
    }
    return sorted((v for v in variants if v), key=len, reverse=True)


def split_name(full_name: str) -> tuple[list[str], list[str]]:
    """(given names, surname words) of the patient's name as the vault holds it."""
    return _split_name(full_name)


def _split_name(full_name: str) -> tuple[list[str], list[str]]:
    """(given names, surname words) of "Given Middle Surname" or "Surname, Given Middle"."""
    if "," in full_name:
        last, rest = (p.strip() for p in full_name.split(",", 1))
        return rest.split(), last.split()
    parts = full_name.split()
    if len(parts) < 2:
        return [], parts
    # Particles before the last word are the surname's ("Margarethe van der Berg"), where the
    # name is written with capitals at all ("mary ann stone" has no particles, only words), in
    # either case ("Yannick Le Goff": "LE GOFF Yannick" on a French form).
    cut = len(parts) - 1
    if any(p[:1].isupper() for p in parts):
        while cut > 1 and parts[cut - 1].lower() in PARTICLES:
            cut -= 1
    return parts[:cut], parts[cut:]


def _parts_pattern(full_name: str) -> str:
    """Regex for the name's parts written in any order, with initials and commas: "Whitfield,
    Gregory A", "NKOSI THABO S", "Santos, Maria Cristina Dela Cruz", "Eze Chiamaka". A run
    must hold the first name or the surname (or a shortening of either: "Britt" for Brittany,
    "Damilare" for Oluwadamilare); middle names and initials only join it, since a middle name
    alone is often a word ("Rose", "Mae")."""
    from medlocal.privacy.deid_lexicon import lexicon  # the word lists load once, on first use

    given, surname = _split_name(full_name)
    english = lexicon().english
    heads = {given[0]} if given else set()
    particles = set(surname[:-1]) & PARTICLES  # "van", "der": never the name alone
    heads |= {w for w in surname if len(w) > 2 and w not in particles}
    heads |= {p for w in surname for p in re.split(r"[-‐]", w) if len(p) > 2} - particles
    short: set[str] = set()
    for name in heads:
        bare = name.replace("'", "").replace("’", "")
        for size in range(4, len(bare)):
            short |= {bare[:size], bare[-size:]}
    heads |= {s for s in short if s.lower() not in english}
    # A middle name that is no English word is the name some go by ("Maria Corazon ...", called
    # "Corazon" or "Cora"); one that is a word ("Rose", "Mae") only joins the others, and so
    # does a shortening that reads as a word or an abbreviation ("Conc" of Concepcion).
    middles = {w for w in given[1:] if len(w) > 3 and w.lower() not in english}
    middles -= PARTICLES
    for name in middles:
        bare = name.replace("'", "").replace("’", "")
        heads |= {name} | {
            bare[:size] for size in range(4, len(bare)) if not _reads_as_a_word(bare[:size])
        }
    joins = {w for w in given[1:] + surname if w} | heads
    # Thirteenth round: a shortening that reads as a word ("Cora" of Corazon) still joins the
    # surname beside it ("cora villanueva"), though never the name alone.
    for name in given:
        bare = name.replace("'", "").replace("’", "")
        joins |= {bare[:size] for size in range(4, len(bare))}
    initials = {w[0].upper() for w in given + surname if w[0].isalpha()}
    head = "|".join(_name_pattern(w) for w in sorted(heads, key=len, reverse=True))
    join = "|".join(_name_pattern(w) for w in sorted(joins, key=len, reverse=True))
    initial = "(?-i:[" + "".join(sorted(initials)) + r"])\.?" if initials else "(?!)"
    sep = r"(?:[ \t]*,[ \t]*|[ \t]+)"
    lone = r"(?![A-Za-z])"
    before = "".join(rf"(?:{re.escape(w)}[ \t]+)?" for w in surname if w in particles)
    # A given name may stand before the head it joins ("mei ling" for "Tan Mei Ling", "Rose
    # Baird" for "Isla Rose Baird").
    return (
        rf"(?:(?:{initial}{lone}|(?:{join})(?![A-Za-z'’])){sep})*{before}(?:{head})(?![A-Za-z'’])"
        rf"(?:{sep}(?:(?:{join})(?![A-Za-z'’])|{initial}{lone}))*"
    )


def _name_pattern(variant: str) -> str:
    """Regex for one name variant: any run of spaces between words, and an apostrophe that may
    be straight, curly or missing ("O'Brien", "O’Brien", "OBrien")."""
    parts = []
    previous = " "
    # A scan's digit only inside words of four letters or more, never for a word's first letter:
    # "L1" or "10" is never the name "Li" or "Io".
    long_words = min((len(w) for w in variant.split()), default=0) >= 4
    for char in variant:
        if char in "'’":
            parts.append("['’]?")
        elif char == " ":
            parts.append(r"[ \t]+")
        else:
            parts.append(_letter(char, ocr=long_words and previous.isalpha()))
        previous = char
    return "".join(parts)


# Letters with and without their accents: a name stored as "María de los Ángeles" is typed
# "MARIA DE LOS ANGELES" on a form, and "Jose" in the vault is "José" in a letter.
def _accented_letters() -> dict[str, str]:
    """Each Latin letter and its accented forms, from Unicode's decompositions ("ș", "ş", "ś",
    "š" are "s"), and the letters no decomposition takes apart ("ø", "ł", "đ", "ı")."""
    forms: dict[str, set[str]] = {}
    for code in range(0xC0, 0x250):
        letter = chr(code).lower()
        if len(letter) != 1:
            continue  # "İ" lower-cases to two characters
        base = unicodedata.normalize("NFD", letter)[0]
        if base != letter and base.isascii() and base.isalpha():
            forms.setdefault(base, set()).add(letter)
    for letter, base in (("ø", "o"), ("ł", "l"), ("đ", "d"), ("ı", "i"), ("ħ", "h")):
        forms.setdefault(base, set()).add(letter)
    return {base: "".join(sorted(accented)) for base, accented in forms.items()}


_ACCENTED = _accented_letters()
_BASE = {accented: base for base, forms in _ACCENTED.items() for accented in forms}


# Digits a scan reads for letters ("NJER1" for Njeri, "K0FI" for Kofi), matched in the
# patient's own name only (thirteenth round).
_OCR_DIGITS = {"i": "1", "l": "1", "o": "0"}


def _letter(char: str, ocr: bool = False) -> str:
    """One letter of a name, matching it with or without its accent, or (``ocr``) as the digit a
    scan reads for it (case is the caller's)."""
    base = _BASE.get(char.lower(), char.lower())
    if base not in _ACCENTED:
        return re.escape(char)
    digit = _OCR_DIGITS.get(base, "") if ocr else ""
    return f"[{base}{_ACCENTED[base]}{digit}]"


def _flexible(value: str) -> str:
    """Regex matching ``value`` with optional spaces or dashes between its characters."""
    chars = [re.escape(c) for c in value if c.isalnum()]
    return r"[ \t-]?".join(chars)


# Verbs of telling after a lone capital: a child or a client named by an initial in a
# safeguarding or counselling note ("K says he is alright"). Not "will" or "reported": "K will
# be replaced", "K reported as 3.1" are potassium.
_TELLS = (
    r"(?=[ \t]+(?:says|said|tells|told|states|stated|denies|denied|describes|described|"
    r"explains|explained|admits|admitted|discloses|disclosed|mentions|mentioned)\b)"
)


_TITLES_BEFORE = ("Mr", "Mrs", "Ms", "Mx", "Miss", "Mr.", "Mrs.", "Ms.")


@functools.cache
def _diminutives() -> dict[str, tuple[str, ...]]:
    """Given name -> its familiar forms, from resources/deid_diminutives.txt."""
    from medlocal.paths import resources_dir

    table: dict[str, tuple[str, ...]] = {}
    path = resources_dir() / "deid_diminutives.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or ":" not in line:
            continue
        name, forms = line.split(":", 1)
        table[name.strip().lower()] = tuple(forms.split())
    return table


def _familiar_forms(full_name: str) -> str:
    """Thirteenth round. Regex alternatives for what the patient is called besides the vault's
    name: familiar forms of the first given name ("Jake" for Jacob, "Roz" for Rosalind), and the
    given name's initial alone before a verb of telling ("K says"). A form that is a clinical
    word is left out ("Bid" for Bridget reads as twice daily); one that is an English word
    ("Bill", "Pat") counts only capitalised."""
    from medlocal.privacy.deid_lexicon import lexicon

    given, _surname = _split_name(full_name)
    if not given:
        return ""
    lex = lexicon()
    first = given[0]
    forms: list[str] = []
    for form in _diminutives().get(first.lower(), ()):
        if _reads_as_a_word(form) and (lex.clinical(form) or form not in lex.english):
            continue  # clinical, or an abbreviation ("Sam", "Ted" may stand for something)
        if len(form) < 3:
            continue  # "Ed", "Em": too many other readings
        if form in lex.english:
            forms.append("(?-i:" + re.escape(form.capitalize()) + ")")
        else:
            forms.append(_name_pattern(form))
    if first[:1].isalpha():
        forms.append(f"(?-i:{re.escape(first[0].upper())}){_TELLS}")
    # The surname's initial after a title ("Mrs B", "Mr T."): how notes shorten the patient.
    if _surname and _surname[-1][:1].isalpha():
        letter = _surname[-1][0].upper()
        # The letter first: the title's look-behinds then run at that letter only.
        titled = "|".join(f"(?<={re.escape(t)} {re.escape(letter)})" for t in _TITLES_BEFORE)
        forms.append(f"(?-i:{re.escape(letter)})(?-i:{titled})(?![A-Za-z])")
    return "|".join(forms)

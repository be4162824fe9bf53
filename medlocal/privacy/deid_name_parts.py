"""Round 21 (people): a found name grown over the parts of it the rules left beside it.

* A surname's particles after a title, before the found surname ("dr. [van 't Hek]", "Dr. [Van
  't Hek]", "mevr. [van der Berg]"): Dutch, German, Romance and Portuguese particles, with the
  Dutch "'t" that no particle list held.
* A census cell's surname in capitals and its comma before found given names in mixed case
  ("| [SPENCE, Winter J]"), and a particle in capitals before a found surname in capitals there
  ("| [DE JONG-FARIAS], Luiz").
* A transliteration in brackets after a name found in another script ("王磊 ([Wang Lei])",
  "Иван Петров ([Ivan Petrov])"): the same person's name in Latin letters.

Each rule reads only a short window beside a found span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.abbreviations import default_abbreviations
from medlocal.privacy.deid_lexicon import CLINICAL_SHORT, Lexicon, fold
from medlocal.privacy.deid_people_words import ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction, label

# Particles of a surname after a title, before the found surname ("dr. van 't Hek", "Dr. Van 't
# Hek", "mevr. van der Berg", "Sr. de la Cruz").
_TITLED_PARTICLES = re.compile(
    r"(?<![\w.])(?i:dr|drs|mr|mrs|ms|mevr|dhr|prof|sr|sra|dra|gp)\.?[ \t]+"
    r"(?P<p>(?:[Vv]an|[Ii]n|[Vv]on|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Dd]el|[Dd]ella|[Dd]i|[Dd]a|"
    r"[Dd]os|[Dd]as|[Dd]u|[Ll]a|[Ll]e|['’]t|[Hh]et)(?:[ \t]+(?:[Vv]an|[Ii]n|[Dd]e|[Dd]er|[Dd]en|"
    r"[Ll]a|['’]t|[Hh]et)){0,2}[ \t]+)\Z"
)
# A surname in capitals and its comma before found given names in mixed case, opening a table's
# cell or field ("| SPENCE, Winter J"), and a particle in capitals before a found surname in
# capitals there ("| DE JONG-FARIAS, Luiz").
_CAPS_SURNAME = re.compile(r"(?:^|\|[ \t]*|[ \t]{2,}|\t)(?P<n>[A-Z][A-Z'’-]{2,24},[ \t]+)\Z", re.M)
_CAPS_PARTICLE = re.compile(
    r"(?:^|\|[ \t]*|[ \t]{2,}|\t)(?P<n>(?:DE|DA|DOS|DAS|DEL|DELLA|DI|DU|VAN|VON|DER|DEN|TER|"
    r"TEN|LA|LE|MC|MAC|AL|EL|BIN|BINTI|ST)[ \t]+(?:(?:DE|DER|DEN|LA|LOS|LAS)[ \t]+)?)\Z",
    re.M,
)
_PERSON_KINDS = frozenset({"name", "patient_name"})
# A name written in Latin letters in brackets after a found name in another script ("王磊 (Wang
# Lei)", "Иван Петров (Ivan Petrov)"): the same person's name, transliterated.
_TRANSLITERATED = re.compile(
    r"[ \t]*\([ \t]*(?P<v>[A-Z][A-Za-z'’]*(?:[ \t-][A-Z][A-Za-z'’]*){0,3})[ \t]*\)"
)


def grown_name_parts(text: str, spans: Iterable[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """Found names grown over the surname's particles after a title ("dr. [van 't Hek]") and
    over a census cell's surname in capitals ("[SPENCE, Winter J]", "[DE JONG-FARIAS], Luiz")."""
    for red in spans:
        if red.kind not in _PERSON_KINDS or not (
            red.original[:1].isupper() or not red.original[:1].isascii()
        ):
            continue
        first = max(0, red.start - 40)
        window = text[first : red.start]
        if first and text[first - 1] != "\n":
            window = "\x00" + window  # "^" matches only a line's true start
        start = red.start
        tail = window[-1:]
        if tail in (" ", "\t"):
            particles = _TITLED_PARTICLES.search(window, max(0, len(window) - 32))
            if particles is not None:
                start -= len(particles.group("p"))
            elif red.original.isupper():
                caps = _CAPS_PARTICLE.search(window, max(0, len(window) - 16))
                if caps is not None:
                    start -= len(caps.group("n"))
            if (
                start == red.start
                and not red.original.isupper()
                and window.rstrip(" \t")[-1:] == ","
            ):
                caps = _CAPS_SURNAME.search(window, max(0, len(window) - 32))
                word = caps.group("n").rstrip(", \t") if caps is not None else ""
                if caps is not None and not _abbreviation(word, lex):
                    start -= len(caps.group("n"))
        if start != red.start:
            yield Redaction(red.kind, start, red.end, text[start : red.end], red.replacement)
        if not any("a" <= c.lower() <= "z" for c in red.original):
            latin = _TRANSLITERATED.match(text, red.end)
            value = latin.group("v") if latin is not None else ""
            if (
                latin is not None
                and not value.isupper()
                and not any(lex.clinical(fold(w)) for w in re.split(r"[ \t-]", value))
            ):
                yield Redaction(
                    "name", latin.start("v"), latin.end("v"), latin.group("v"), label("name")
                )


def _abbreviation(word: str, lex: Lexicon) -> bool:
    """Whether capitals are a clinical abbreviation or word rather than a surname."""
    lower = word.lower()
    return (
        lower in CLINICAL_SHORT
        or lex.clinical(lower)
        or word in default_abbreviations().senses
        or lower in ROLES
        or lower in TITLES
    )

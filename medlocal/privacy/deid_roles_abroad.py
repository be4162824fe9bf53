"""A person named after a role written in another language (issue 16, session 62, deid62b).

The rules read a capitalised name after an English role ("nurse Kath", "reg Brown",
deid_role_names) and after the titles of many languages; a European or Turkish record names its
staff after their role in its own language, and nothing read those: "rezidentas Jonaitis",
"specijalizant Jurić", "hoitaja Mäkisen", "Piel. Zielińska A.", "hemşire Gül", "waarnemer
Pieter", "specializzanda dott.ssa dall'Acqua". After one of these roles, a capitalised word
(with its particle: "Di Stefano", "dall'Acqua", "ter Horst"; and an initial: "Tóth B.") that is
no clinical word, and no other word the lexicon explains unless a name list holds it, is the
holder's name. "Infermiere di Reparto", "Assistenzarzt Chirurgie" stay: the lexicon explains
"Reparto" and "Chirurgie".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import TITLES
from medlocal.privacy.deid_role_names import _NOT_PEOPLE, _SPECIALTY_ENDINGS
from medlocal.privacy.deid_spans import Redaction, label

# Roles written before their holder's name, by language (nurse, resident or trainee, doctor,
# therapist, midwife, stand-in). Words that are also a relation ("sestra" is a sister too, Estonian
# "õde", Latvian "māsa") are in: a sister is named as well.
_ROLES = (
    # Finnish, Estonian, Latvian, Lithuanian
    "hoitaja|sairaanhoitaja|lähihoitaja|lääkäri|erikoislääkäri|fysioterapeutti|kätilö|"
    "residendid|arst|õde|ārsts|māsa|rezidents|gydytojas|gydytoja|rezidentas|rezidentė|"
    "slaugytoja|slaugytojas|"
    # Polish, Czech, Slovak, Croatian, Serbian, Slovene, Hungarian
    "pielęgniarka|pielęgniarz|piel|rezydent|rezydentka|lekarz|lek|sestra|sestřička|sekundář|"
    "sekundářka|lékař|lékařka|rezident|rezidentka|specijalizant|specijalizantica|liječnik|"
    "liječnica|lekar|specializant|rezidens|ápoló|ápolónő|nővér|kezelőorvos|orvos|szakorvos|"
    # German, Dutch, Scandinavian
    "pfleger|pflegerin|krankenschwester|assistenzarzt|assistenzärztin|oberarzt|oberärztin|"
    "stationsarzt|stationsärztin|hebamme|physiotherapeutin|verpleegkundige|waarnemer|"
    "verloskundige|fysiotherapeut|aios|anios|sjuksköterska|underläkare|barnmorska|sykepleier|"
    "sygeplejerske|jordemoder|"
    # Italian, Spanish, Portuguese, French, Romanian, Turkish, Greek (transliterated)
    "infermiere|infermiera|specializzando|specializzanda|ostetrica|fisioterapista|enfermera|"
    "enfermero|enfermeira|enfermeiro|matrona|fisioterapeuta|residente|infirmier|infirmière|"
    "remplaçant|remplaçante|kinésithérapeute|kiné|sage-femme|asistentă|hemşire|hemsire|asistan|"
    "ebe|nosileftria"
)
# A surname's particle: "dall'Acqua", "Di Stefano", "ter Horst", "el-Sayed".
_PARTICLE = (
    r"(?:(?:[Dd]all|[Dd]ell|[Dd])['’]"
    r"|(?:[Dd]i|[Dd]e|[Dd]a|[Dd]el|[Dd]ella|[Vv]an|[Vv]on|[Tt]er|[Tt]e)[ \t]+|(?:[Ee]l|[Aa]l)-)"
)
# Roles a record shortens with a full stop ("Piel. Zielińska", "lek. Nowak"); after any other role
# a full stop ends the sentence ("... with the resident. Dentures upper only").
_SHORT_ROLES = "piel|lek|sestr|ass|kiné"
_ROLE_NAME = re.compile(
    rf"(?<![\w-])(?:(?i:{_ROLES})|(?i:{_SHORT_ROLES})\.)[ \t]+"
    r"(?:(?i:dott\.ssa|dott|dr|dra|dr\.ssa|mudr|mgr)\.?[ \t]+)?"
    rf"(?P<name>{_PARTICLE}?[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]+(?:[-'’][A-Z][^\W\d_]+)?)"
    r"(?P<init>[ \t]+[A-Z]\.(?:[A-Z]\.)?)?"
)


# A ward's, a shift's or a service's word in the languages above, after a role in a heading
# ("Oberarzt Dienst", "Infermiere Reparto", "Enfermera Guardia").
_SERVICES = frozenset(
    fold(word)
    for word in {
        "dienst", "station", "visite", "abteilung", "ambulanz", "notaufnahme", "klinik",
        "nachtdienst", "bereitschaft", "reparto", "guardia", "turno", "servizio", "servicio",
        "planta", "urgencias", "urgenze", "urgences", "service", "garde", "afdeling",
        "osasto", "päivystys", "oddział", "dyżur", "oddělení", "služba", "odjel", "osztály",
        "ügyelet", "servis", "nöbet", "acil", "kliinik", "skyrius", "nodaļa",
    }
)  # fmt: skip


_TITLE_WORDS = TITLES | {"med", "pd", "doz", "priv", "univ", "mudr", "mgr", "ing", "phdr"}


def role_abroad_spans(text: str, lex: Lexicon) -> Iterator[Redaction]:
    """The names written after a role in another language (see the module's docstring)."""
    for match in skipped_finditer(_ROLE_NAME, text):
        name = match.group("name")
        core = fold(re.split(r"[ \t'’-]", name)[-1])
        # The English list holds surnames ("Jonaitis", "Pieter"), so no English reading is asked:
        # after the role, only a clinical word, a team's or a day's word, or a word of another
        # language the lexicon knows ("Chirurgie", "Reparto") is no name.
        if lex.clinical(core) or clinical_abbreviation(name) or core in _NOT_PEOPLE:
            continue
        if core in CALENDAR_WORDS or core in lex.foreign_words or lex.foreign_clinical(core):
            continue
        if core.endswith(_SPECIALTY_ENDINGS) or core in _SERVICES or core in _TITLE_WORDS:
            continue  # "Oberarzt Dr. med. Wolf": the title, not the name
        end = match.end("init") if match.group("init") else match.end("name")
        start = match.start("name")
        yield Redaction("name", start, end, text[start:end], label("name"))

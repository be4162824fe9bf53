"""Round 21 (people): names in data exports, by the key that holds them.

A record exported as JSON, XML, YAML or a query string names its people under keys that say so
("family": "Little", "given": ["Rowan"], <surname>Little</surname>, <given value="Hope"/>,
last_name=Little, surname: Little). The key is the cue: the value is a person's name whatever
its words mean in a dictionary. Keys are compared normalised (lower case, no "_", "-", "." or
blank), whole or by their last part ("patient.name.family", "nok_name"), in the languages the
notes come in ("apellidos", "Vorname", "achternaam", "nazwisko").

A key that is only "name" (or "display", "text") names drugs, tests and services as often: there
the value counts only where it is a person's shape, each word a listed name or no known word, and
no word clinical. Values with digits, "null", "unknown" and the like name no one.

Each pattern opens with a quote, a "<" or a key before "=" or ":" that the prefilter saw, and
reads one value; a text with none of those marks is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_spans import Redaction, label

# Keys (normalised) whose value is a person's name.
_PERSON_KEYS = frozenset(
    {
        "fullname", "firstname", "lastname", "givenname", "givennames", "given", "family",
        "familyname", "surname", "surnames", "forename", "forenames", "middlename",
        "middlenames", "maidenname", "preferredname", "nickname", "legalname", "patientname",
        "ptname", "contactname", "nokname", "nextofkin", "nextofkinname", "kinname",
        "emergencycontact", "emergencycontactname", "guardianname", "mothername", "fathername",
        "mothersname", "fathersname", "spousename", "parentname", "carername", "caregivername",
        "physician", "physicianname", "doctorname", "providername", "gpname", "attending",
        "attendingphysician", "attendingname", "referrer", "referrername",
        "referringphysician", "referringdoctor", "authorname", "signedby", "createdby",
        "recordedby", "enteredby", "verifiedby", "reviewedby", "cliniciannname", "clinicianname",
        "prescriber", "prescribername", "nursename", "witnessname", "interpretername",
        "subjectname", "membername", "insuredname", "policyholder", "policyholdername",
        "beneficiary", "beneficiaryname", "employeename", "studentname", "childname",
        # Other languages: Spanish, French, German, Dutch, Italian, Portuguese, Nordic, Polish,
        # Finnish, South Slavic, Czech, Hungarian, Turkish, Malay/Indonesian, Filipino.
        "nombre", "nombres", "apellido", "apellidos", "primerapellido", "segundoapellido",
        "nomcomplet", "prenom", "prenoms", "nomdefamille", "nomdusage", "nachname", "vorname",
        "vornamen", "familienname", "geburtsname", "achternaam", "voornaam", "voornamen",
        "cognome", "nomeproprio", "nome", "sobrenome", "apelido", "nomecompleto", "efternamn",
        "fornamn", "etternavn", "fornavn", "efternavn", "imie", "nazwisko", "sukunimi",
        "etunimi", "prezime", "ime", "jmeno", "prijmeni", "vezeteknev", "keresztnev", "soyad",
        "soyadi", "nama", "namapasien", "namalengkap", "pangalan", "apelyido",
    }
)  # fmt: skip
# Keys that hold a person's name as often as a drug's or a service's.
_LOOSE_KEYS = frozenset({"name", "display", "text", "value", "names"})
# What owns a "name" that is a person's ("contact.name", "practitioner_name").
_PERSON_OWNERS = frozenset(
    {
        "patient", "person", "contact", "nok", "kin", "practitioner", "doctor", "physician",
        "nurse", "member", "subject", "guardian", "author", "staff", "provider", "carer",
        "caregiver", "parent", "mother", "father", "spouse", "child", "emergency", "referrer",
        "employee", "student", "insured", "beneficiary", "witness", "relatedperson", "user",
        "clinician", "prescriber", "attending", "consultant", "gp", "owner", "holder",
    }
)  # fmt: skip
_NO_NAME = frozenset(
    {"null", "none", "unknown", "n/a", "na", "nil", "not known", "not recorded", "tbc", "true",
     "false", "redacted", "anonymous", "withheld", "declined", "yes", "no"}
)  # fmt: skip
_KEY_PARTS = re.compile(r"[._:\-\[\]0-9]+")

_QUOTED_PAIR = re.compile(
    r"[\"'](?P<k>[A-Za-z_][\w.:\- ]{0,40})[\"'][ \t]*:[ \t]*"
    r"(?P<arr>\[[ \t]*)?[\"'](?P<v>[^\"'\n\\<>{}]{1,80})[\"']"
    # In an array, the values after the first ('"given": ["Rowan", "Mae"]').
    r"(?(arr)(?P<more>(?:[ \t]*,[ \t]*[\"'][^\"'\n]{1,40}[\"']){0,3}))"
)
# Read from the "=", then back to the key.
_KEY_EQUALS = re.compile(
    r"=[ \t]*(?:[\"'](?P<v>[^\"'\n<>]{1,80})[\"']|(?P<u>[^\s&;,\"'<>|=/]{1,40}))"
)
_KEY_BEFORE = re.compile(r"(?<![\w.\-])(?P<k>[A-Za-z_][\w.\-]{0,40})[ \t]*\Z")
_XML_TEXT = re.compile(
    r"<(?P<k>[A-Za-z_][\w:.\-]{0,40})(?:[ \t][^<>\n]{0,200})?>(?P<v>[^<>\n]{1,80})</(?P=k)>"
)
# YAML and plain exports: a lower-case key at a line's start ("surname: Little").
_YAML = re.compile(
    r"^[ \t]*(?:-[ \t]+)?(?P<k>[a-z][a-z_.]{1,40})[ \t]*:[ \t]*(?P<v>[^\n#]{1,60})$", re.M
)
_MORE = re.compile(r"[\"'](?P<v>[^\"'\n]{1,40})[\"']")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def data_name_spans(text: str, lex: Lexicon) -> Iterator[Redaction]:
    """The names under person keys in ``text``'s JSON, XML, YAML and query-string data."""
    quoted = '":' in text or "':" in text or '" :' in text
    if quoted:
        for match in _QUOTED_PAIR.finditer(text):
            yield from _value(text, match.group("k"), match.start("v"), match.end("v"), lex)
            if match.group("more"):
                for more in _MORE.finditer(match.group("more")):
                    at = match.start("more") + more.start("v")
                    yield from _value(text, match.group("k"), at, at + len(more.group("v")), lex)
    if "=" in text:
        for match in _KEY_EQUALS.finditer(text):
            before = _KEY_BEFORE.search(text, max(0, match.start() - 44), match.start())
            if before is None:
                continue
            which = "v" if match.group("v") is not None else "u"
            yield from _value(text, before.group("k"), match.start(which), match.end(which), lex)
    if "</" in text:
        for match in _XML_TEXT.finditer(text):
            yield from _value(text, match.group("k"), match.start("v"), match.end("v"), lex)
    if "_" in text or ":" in text:
        for match in _YAML.finditer(text):
            key = match.group("k")
            if "_" in key or "." in key or _normal(key) in _PERSON_KEYS:
                yield from _value(text, key, match.start("v"), match.end("v"), lex, strict=True)


def _normal(key: str) -> str:
    return fold(key).replace("_", "").replace("-", "").replace(".", "").replace(" ", "")


def _person_key(key: str) -> str:
    """ "person", "loose" or "" for a key, by the key whole or its last one or two parts."""
    parts = [fold(p) for p in _KEY_PARTS.split(key) if p]
    if not parts:
        return ""
    whole = "".join(parts)
    last = parts[-1]
    two = "".join(parts[-2:])
    if whole in _PERSON_KEYS or last in _PERSON_KEYS or two in _PERSON_KEYS:
        return "person"
    if last in _LOOSE_KEYS:
        if len(parts) == 1:
            return "loose"
        # "contact.name", "practitioner_name"; never "drug_name", "test.name", "file_name".
        return "person" if parts[-2] in _PERSON_OWNERS else ""
    return ""


def _value(
    text: str, key: str, start: int, end: int, lex: Lexicon, strict: bool = False
) -> Iterator[Redaction]:
    kind = _person_key(key)
    if not kind:
        return
    value = text[start:end]
    stripped = value.strip(" \t")
    start += len(value) - len(value.lstrip(" \t"))
    end = start + len(stripped)
    if not stripped or fold(stripped) in _NO_NAME or any(c.isdigit() for c in stripped):
        return
    words = _WORDS.findall(stripped)
    if not words or len(words) > 5:
        return
    folded = [fold(w) for w in words]
    if any(lex.clinical(w) and w not in lex.given_names and w not in lex.surnames for w in folded):
        return
    if (kind == "loose" or strict) and not all(
        w in lex.given_names or w in lex.surnames or not lex.known(w) or len(w) == 1 for w in folded
    ):
        return
    if kind == "loose" and not stripped[:1].isupper():
        return
    yield Redaction("name", start, end, text[start:end], label("name"))

"""Round 20 (people): a person named by one word that every word list knows, read from where
it stands rather than from the lists.

* After a role or relation written in lower case or as an abbreviation ("IPC nurse Raj
  reviewing", "nurse Kath has the plan", "her aunty Huia", "RN Ade"): mid-sentence, a capital
  right after a word that says who someone is marks that someone's name, whatever else the word
  may mean in a dictionary ("Kath", "Raj" and "Ade" are all in the English list).
* Opening a sentence before a verb that only people do in notes ("Blessing rang about
  transport", "Huia phoned back", "Ade texted"): the telephone and message verbs, and saying;
  verbs of visiting and caring for words no dictionary holds or given names ("Teuila brought").
  Departments and services that also ring ("Pharmacy rang", "Switchboard phoned") stay.
* Said to be someone's relation or carer ("Amber has been his carer").
* An initial before a surname no dictionary holds ("Minutes: B. Lindqvist"), not a unit ("1.9
  L. Transfused") nor a genus ("H. Pylori"); a surname after a quoted nickname (Rohit "Chintu"
  Bhat); a message header's "Surname, Given" ("To: Wren, Imogen").
* Initials after "by" that close a clause ("Grossed by BH", "checked by JL."): a person's
  initials where they stand for who did the work; clinical abbreviations ("by CT", "by GP")
  stay.

Each rule reads one word with a fixed pattern anchored on its cue (no backtracking over runs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from medlocal.abbreviations import default_abbreviations
from medlocal.privacy.deid_eponyms import EPONYM_HEADS
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, CLINICAL_SHORT, Lexicon
from medlocal.privacy.deid_people_words import RELATIONS, ROLE_QUALIFIERS, ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction, label

# Relation words that are prepositions or verbs ("with", "told"): they cue a listed name, but a
# capital after them is as often a place, a team or a drug ("with Oxygen", "to Ward 4").
_NOT_NOUNS = frozenset(
    {
        "with", "by", "to", "and", "per", "informed", "notified", "paged", "updated",
        "contacted", "told", "member", "worker", "officer", "manager", "student", "fellow",
        "assistant", "deputy", "advocate", "kin", "coach", "educator", "tech", "supervisor",
        "colleague", "proxy", "guardian", "defender", "judge", "clerk", "secretary",
    }
)  # fmt: skip
_CUES = (ROLES | RELATIONS) - _NOT_NOUNS
# Words that name a team, a place or a service, or no one, after a role or before "rang": the
# teams that telephone a ward and the words a role is followed by in a heading.
_NOT_PEOPLE = frozenset(
    {
        "pharmacy", "radiology", "lab", "labs", "laboratory", "ward", "wards", "security",
        "reception", "switchboard", "team", "teams", "clinic", "surgery", "police", "ambulance",
        "practice", "theatre", "theatres", "family", "staff", "everyone", "someone", "nobody",
        "somebody", "anyone", "he", "she", "they", "we", "i", "it", "you", "this", "that",
        "who", "which", "there", "then", "patient", "pt", "client", "mother", "father",
        "service", "services", "office", "unit", "department", "dept", "hospital", "home",
        "centre", "center", "agency", "council", "school", "court", "bank", "company", "trust",
        "board", "panel", "meeting", "review", "referral", "note", "notes", "plan", "update",
        "also", "today", "tonight", "yesterday", "tomorrow", "later", "again", "still", "both",
        "all", "none", "each", "other", "others", "nurses", "doctors", "daughter", "son",
        "wife", "husband", "partner", "nursing", "medical", "surgical", "led", "support",
        "assessment", "liaison", "input", "visit", "visits", "advice", "follow",
        "the", "a", "an", "his", "her", "their", "our", "my", "your", "no", "not", "on", "in",
        "at", "of", "for", "from", "if", "as", "so", "but", "or", "when", "while", "after",
        "before", "since", "until", "has", "had", "have", "is", "was", "will", "would",
        "spoke", "saw", "seen", "called", "rang", "phoned", "outpatients", "inpatients",
        "outpatient", "inpatient", "community", "hospice", "duty", "locum", "results",
        "result", "report", "reports", "letter", "bloods", "sig", "sra", "sr", "herr", "frau",
        "mme", "mlle", "signora", "signor", "don", "dona", "doña", "date", "time", "name",
        # A sentence's opening gerund ("Being messaged by ...") and the one who rings.
        "being", "having", "getting", "feeling", "caller", "callers",
        # Titles of other languages, abbreviated ("Enf. Rosa", "Lic. Paz", "Ing. Ruiz").
        "enf", "lic", "ing", "arq", "abg", "gng", "bb", "sta", "sto",
    }
)  # fmt: skip

_WORD = r"[A-Z][a-z\u00e0-\u024f]+(?:['’-][A-Za-z\u00e0-\u024f]+)?"
# A role or relation in lower case (or a role's abbreviation in capitals), then a capitalised
# word, then no other capitalised word (a run of capitals is a heading or a name the other rules
# read whole).
_AFTER_ROLE = re.compile(
    rf"(?<![\w'’-])(?P<cue>[a-z][a-z-]+|[A-Z]{{2,4}}\d?)[ \t]+(?P<v>{_WORD})"
    r"(?=[ \t]*(?:[,.;)!?—–]|\n|$)|[ \t]+(?:[a-z]|\())",
    re.M,
)
# A capitalised word opening a sentence or line, before a verb of telephoning, messaging or
# saying ("say"), or of visiting or caring ("do"). The second counts only for a word that is a
# listed given name or no English word ("Teuila brought clothes", "Hemi drove him in"):
# transport, porters and teams also bring and collect, but their words are English and no given
# names. One pattern for both: it starts at each sentence, and the text is read once.
_SUBJECT = re.compile(
    rf"(?:^|(?<=[.!?;][ \t])|(?<=[.!?;][ \t]{{2}}))[ \t]*(?P<v>{_WORD})[ \t]+"
    r"(?:has[ \t]+|had[ \t]+|just[ \t]+|also[ \t]+|will[ \t]+|kindly[ \t]+)?"
    r"(?:(?P<say>rang|rung|phoned|phones|rings|texted|e-?mailed|messaged|said|says|asked|asks)"
    # Not a result or report passed on ("Results phoned to Dr Ames", "Report e-mailed to").
    r"\b(?![ \t]+(?:to|through|over|across)\b)"
    r"|(?P<do>brought|brings|collected|collects|drove|drives|visited|visits|accompanied|"
    r"stayed|stays|helped|helps|cooks|cleans|shops|manages|organised|organized|arranged)\b)",
    re.M,
)
# A word said to be someone's relation or carer ("Amber has been his carer", "Sefa is her
# eldest son", "Noor is the patient's interpreter").
_IS_RELATION = re.compile(
    rf"(?<![\w'’-])(?P<v>{_WORD})[ \t]+(?:is|was|has[ \t]+been|will[ \t]+be|remains)[ \t]+"
    r"(?:his|her|their|the[ \t]+patient['’]s|pt['’]s|mum['’]s|dad['’]s)[ \t]+"
    r"(?:(?:main|primary|only|eldest|oldest|youngest|younger|older|elder|new|usual|paid|"
    r"live-in|full-time|regular|key)[ \t]+)?(?P<r>[a-z][a-z-]+)\b"
)
# Initials closing a clause after "by" ("Grossed by BH", "checked by JL.").
_BY_INITIALS = re.compile(r"\bby[ \t]+(?P<v>[A-Z]{2})(?=[ \t]*(?:[,.;)]|\n|$))", re.M)
# An initial (or two) and a surname no dictionary holds ("B. Lindqvist", "M.K. Oyelaran"): the
# initial says the word after it is a person's, where no cue stands before ("Minutes: ...").
_INITIALLED = re.compile(
    rf"(?<![\w.'’-])[A-Z]\.(?:[ \t]?[A-Z]\.)?[ \t]?(?P<v>{_WORD})(?![\w'’-]|\.[A-Za-z])"
)
# A surname after a given name and a nickname in quotes (Rohit "Chintu" Bhat).
_AFTER_NICKNAME = re.compile(
    rf"(?<![\w'’-])(?P<g>{_WORD}) [\"“'‘(]{_WORD}[\"”'’)] (?P<v>{_WORD})(?![\w'’-])"
)
# A message header's "Surname, Given" ("To: Wren, Imogen"; "Cc: Hale, Tom; Obi, Ada").
_HEADER_SURNAME = re.compile(
    rf"(?:^[ \t]*(?i:from|to|cc|bcc|sent[ \t]+by|reply-to|attn)[ \t]*:|;)[ \t]*"
    rf"(?P<v>{_WORD}),[ \t]*{_WORD}(?=[ \t]*(?:[;<(\n]|$))",
    re.M,
)
_SPECIALTY_ENDINGS = ("ology", "ologia", "ologie", "logie", "iatria", "iatrie", "iatry")
_VOWEL = re.compile(r"[aeiouyà-ÿāēīōūăĕĭŏŭąęįųő]")
_LAST_WORD = re.compile(r"[^\W\d_]+\Z")
_NEXT_WORDS = re.compile(r"(?:['’]s)?(?:[ \t]+[A-Za-z]+){1,2}")
_LEADS = frozenset(
    {"by", "with", "to", "from", "and", "per", "for", "cc", "attn", "dear", "thanks", "regards"}
)
# A genus's initial before its species, written with a capital ("H. Pylori", "P. Jirovecii"):
# Latin endings that surnames rarely have.
_SPECIES_ENDINGS = (
    "ii", "ei", "ae", "um", "us", "is", "ori", "ata", "ans", "ens", "ica", "ilis", "oides",
    "ensis", "ium", "aris", "ella", "genes", "philus", "phila", "ides", "forme", "formis",
    "cola", "ense",
)  # fmt: skip


def role_name_spans(text: str, lex: Lexicon) -> Iterator[Redaction]:
    """The one-word names that a role before them, a person's verb after them, or "by" before
    initials give away."""
    senses = default_abbreviations().senses
    # Speed (session 51): in a long text five of the searches skip to where their match can
    # open (deid_first_characters; the same matches: 23 -> 18 ms for this function on a 20-page
    # record); the two others search faster as they are.
    for match in _AFTER_ROLE.finditer(text):
        cue = match.group("cue")
        if cue.lower() not in _CUES or (cue.isupper() and cue.lower() not in ROLES):
            continue
        if _names_someone(match.group("v"), lex, senses):
            yield _name(text, match.start("v"), match.end("v"))
    for match in skipped_finditer(_SUBJECT, text):
        word = match.group("v")
        lower = word.lower()
        if match.group("do") and lower in lex.english and lower not in lex.given_names:
            continue
        if _names_someone(word, lex, senses):
            yield _name(text, match.start("v"), match.end("v"))
    for match in skipped_finditer(_IS_RELATION, text):
        if match.group("r") in _CUES and _names_someone(match.group("v"), lex, senses):
            yield _name(text, match.start("v"), match.end("v"))
    for match in skipped_finditer(_INITIALLED, text):
        lower = match.group("v").lower()
        if lower.endswith(_SPECIES_ENDINGS) or lower in lex.english:
            continue
        if not _initial_stands(text, match.start()) or _eponym_head_after(text, match.end()):
            continue
        if _names_someone(match.group("v"), lex, senses):
            yield _name(text, match.start(), match.end("v"))
    for match in skipped_finditer(_AFTER_NICKNAME, text):
        given = match.group("g").lower()
        if given in lex.english and given not in lex.given_names:
            continue  # "Spanish (Mexico) Mode"
        if _names_someone(match.group("v"), lex, senses):
            yield _name(text, match.start("v"), match.end("v"))
    for match in _HEADER_SURNAME.finditer(text):
        if _names_someone(match.group("v"), lex, senses):
            yield _name(text, match.start("v"), match.end("v"))
    for match in skipped_finditer(_BY_INITIALS, text):
        initials = match.group("v")
        lower = initials.lower()
        if initials not in senses and lower not in CLINICAL_SHORT and not lex.known(lower):
            yield _name(text, match.start("v"), match.end("v"))


def _initial_stands(text: str, at: int) -> bool:
    """Whether the capital at ``at`` can be an initial: after a line's start, punctuation or a
    word that leads to a person ("by", "with"), not after a number or unit ("1.9 L. Reports",
    "33 g/L. Ileo...", "11 °C.") nor a word it labels ("position A. Pederson").

    """
    before = text[max(0, at - 24) : at].rstrip(" \t")
    if not before or before[-1] in "\n:;,(—–-[":
        return True
    word = _LAST_WORD.search(before)
    return word is not None and word.group().lower() in _LEADS


def _eponym_head_after(text: str, end: int) -> bool:
    """Whether the word after ``end`` is a sign's, score's or index's head ("Murphy's sign",
    "Pederson difficulty index"): the surname is an eponym's."""
    nxt = _NEXT_WORDS.match(text, end)
    return nxt is not None and any(w.lower() in EPONYM_HEADS for w in nxt.group().split())


def _names_someone(word: str, lex: Lexicon, senses: Mapping[str, object]) -> bool:
    """Whether ``word`` may be a person's name: no clinical word or abbreviation, no role, title,
    relation, day or month, and none of the words for teams and services."""
    lower = word.lower()
    if lower in _NOT_PEOPLE or lower in CALENDAR_WORDS or len(lower) < 2:
        return False
    if not _VOWEL.search(lower) and lower not in lex.surnames:
        return False  # an abbreviation ("Gng.", "Sgt"), not a name
    if lower.endswith(_SPECIALTY_ENDINGS):
        return False  # a specialty ("S.C. Epatologia", "nurse Urologie")
    if lower in ROLES or lower in TITLES or lower in RELATIONS or lower in ROLE_QUALIFIERS:
        return False
    if lower in CLINICAL_SHORT or lex.clinical(lower):
        return False
    return word.upper() not in senses


def _name(text: str, start: int, end: int) -> Redaction:
    return Redaction("name", start, end, text[start:end], label("name"))

"""Round 21 (people): names told by the words around them rather than by the word lists.

Each rule reads one class of context that says "a person" whatever the name's word means in a
dictionary ("Little", "Bishop", "Dreamer" and "Huia" are all English words):

* an abbreviated rank before a surname ("Ofc. Little", "Sgt. Noble", "Det. Con. Hale"): police,
  military and prison ranks abbreviated with a stop stand only before a person's name;
* a role said to *be* someone ("Case manager at REACH is Bishop (206...)", "her key worker is
  Tabitha."): the role's value is the person;
* a name's possessive before a kin word ("Kev's daughter rings", "Ah Hock's granddaughter"): the
  person whose relative is meant;
* a quoted name before a relation in brackets or after a capitalised relation ('asking for
  "Bunty" (late wife)', 'Partner "Dreamer" and friend ...');
* a sign-off: a dash and initials or a given name closing a message line ("See you then. - F",
  "> - F. (HSE ...)", "-- joy"), or a line of initials alone closing the text ("...\\nMR\\n");
* initials after a word that says who did the work ("second read JL", "scribe T.L.",
  "verified KP /"), before a bracketed role ("KM (CN)"), after a word of working together or
  handing over ("d/w JT", "per KW:"; after "per" two capitals only: "per MDQ" is a tool);
* a role's field holding one name-like word that closes its line or cell ("Scrub RN: Ward",
  "On call: Little (bleep 4412)", "| Early: Rowan |");
* a name before "my boss", "her aunty" ("Frank\n my boss has been good");
* a signature's name before its job title ("Rowan Little, Care Coordinator", "Wade Bishop\n
  Social Worker"), and a message header's given name ("To: Little, Rowan");
* names under person keys in exported data (:mod:`~medlocal.privacy.deid_data_names`);
* where the rules found a one-word name late (after a role, in an attendee list: the passes of
  :mod:`~medlocal.privacy.deid_person_growth`), the same word elsewhere in the text where it is
  written as a name ("aunty Huia ... Huia (021 ...) is kaitiaki"), as the word scan does for the
  names it found itself.

Each pattern is anchored on its cue (a rank, " is ", "'s ", a quote, a dash at a line's end), so
the text is read once per rule with no backtracking over long runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from medlocal.abbreviations import default_abbreviations
from medlocal.privacy.deid_data_names import data_name_spans
from medlocal.privacy.deid_eponyms import EPONYM_HEADS
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, CLINICAL_SHORT, Lexicon, fold
from medlocal.privacy.deid_people_words import (
    COLON_ROLES,
    FUNCTION_CUES,
    RELATIONS,
    ROLE_QUALIFIERS,
    ROLES,
    TITLES,
)
from medlocal.privacy.deid_role_names import _names_someone
from medlocal.privacy.deid_spans import Redaction, label

_WORD = r"[A-Z][a-z\u00e0-\u024f]+(?:['’-][A-Za-z\u00e0-\u024f]+)?"

# Ranks of police, armed services and prisons, abbreviated with a stop ("Ofc. Little", "Sgt.
# Strong", "Det. Insp. Ward"). "Lt." is left out: it is "left" in clinical notes ("Lt. Knee").
_RANK = re.compile(
    r"(?<![\w.])(?:Ofc|Offr|Off|Sgt|Det|Cpl|Tpr|Insp|Supt|Const|Con|Cst|Pvt|Pte|Capt|Cpt|Cmdr|"
    r"Maj|Dep|Spc|Sr\.?[ \t]?Cst|Sr\.?[ \t]?Sgt|Sgt\.?[ \t]?Maj|Det\.?[ \t]?Sgt|Det\.?[ \t]?Insp|"
    r"Det\.?[ \t]?Con|Det\.?[ \t]?Cst|"
    # A judge's or an officer's honorific, and the office after it ("Hon. Justice Carver",
    # "Hon. Mr Justice Reid", "Rt. Hon. Lady Hale").
    r"(?:Rt\.?[ \t]?)?Hon(?:\.[ \t]*(?:Mr|Mrs|Ms|Madam|Dr|Sir|Dame|Lord|Lady)\.?)?"
    r"(?:\.?[ \t]+(?:Justice|Judge|Magistrate|Chief[ \t]+Justice))?)\.?[ \t]+"
    r"(?P<v>" + _WORD + r")(?![\w'’-])"
)
# The same offices and ranks written out, capitalised, before a surname that closes its phrase
# ("Justice Carver presiding", "Officer Little said", "Constable Wood,").
_RANK_WORD = re.compile(
    r"(?<![\w'’-])(?:Justice|Judge|Magistrate|Officer|Sergeant|Constable|Detective|Trooper|"
    r"Deputy|Inspector|Corporal|Warden|Ranger)[ \t]+(?P<v>" + _WORD + r")"
    r"(?=[ \t]*(?:[,.;:)!?—–]|\n|$)|[ \t]+[a-z(])",
    re.M,
)
# Words after a rank that are a rank, a post or a unit, not a surname ("Sgt. Major", "Det.
# Inspector", "Dep. Director").
_RANK_WORDS = frozenset(
    {
        "major", "inspector", "sergeant", "constable", "officer", "director", "chief",
        "commander", "general", "superintendent", "corporal", "private", "captain", "lieutenant",
        "detective", "deputy", "head", "commissioner", "trooper", "unit", "division", "branch",
        "mayor", "governor", "minister", "registrar", "coroner", "sheriff", "safety", "training",
        "justice", "judge", "magistrate", "court", "lord", "lady", "sir", "dame",
    }
)  # fmt: skip

# Role nouns that cue the person said to be one ("case manager ... is Bishop"). Relations and
# roles, without the prepositions and verbs that the relation list also holds.
_ROLE_NOUNS = (ROLES | RELATIONS) - FUNCTION_CUES - {"member", "named", "called"}
# "<role> [at|from|with|for up to four words] is|was <Name>", the name closing its clause.
# Read from the verb (a literal each match opens with), then back to the role.
_IS_NAME = re.compile(
    r"[ \t](?:is|was|will[ \t]+be|remains|now)[ \t]+"
    rf"(?P<v>{_WORD}(?:[ \t]+{_WORD})?)"
    r"(?=[ \t]*(?:[,.;:)(!?—–]|\n|$)|[ \t]+(?:[a-z]|\(|\d))",
    re.M,
)
_ROLE_BEFORE_IS = re.compile(
    r"(?<![\w'’-])(?P<r>[A-Za-z][a-z-]+)"
    r"(?:[ \t]+(?:at|from|with|for|in)(?:[ \t]+[\w&'’.-]+){1,4}?)?\Z"
)

# Kin after a name's possessive ("Kev's daughter", "Ah Hock's granddaughter", "Reg's son").
_KIN = frozenset(
    {
        "daughter", "son", "wife", "husband", "partner", "spouse", "mother", "father", "mum",
        "mom", "dad", "brother", "sister", "niece", "nephew", "grandson", "granddaughter",
        "grandchildren", "aunt", "uncle", "cousin", "daughters", "sons", "children", "kids",
        "fiancé", "fiancée", "fiance", "fiancee", "boyfriend", "girlfriend", "stepson",
        "stepdaughter", "daughter-in-law", "son-in-law", "widow", "widower", "carer", "brothers",
        "sisters", "grandkids", "whanau", "whānau", "family",
    }
)  # fmt: skip
# Read from the possessive's "'s" and the kin word, then back to the name.
_POSSESSIVE_KIN = re.compile(
    r"['’]s[ \t]+"
    r"(?:(?:eldest|oldest|youngest|younger|older|elder|late|only|twin|step|ex|estranged|new)"
    r"[ \t]+)?(?P<k>[a-zà-ÿ][a-zà-ÿ-]+)\b"
)
_OWNER_BEFORE = re.compile(rf"(?<![\w'’-])(?:(?P<g>{_WORD})[ \t])?(?P<v>{_WORD})\Z")
# Words that own kin in notes but name no one ("Patient's daughter", "Everyone's").
_OWNERS_NO_NAME = frozenset(
    {
        "patient", "client", "resident", "service", "user", "baby", "child", "infant",
        "everyone", "someone", "somebody", "anyone", "nobody", "today", "yesterday", "god",
        "lord", "father", "mother", "mum", "dad", "people", "women", "men", "children",
    }
)  # fmt: skip

# A quoted name before a relation in brackets ('"Bunty" (late wife)') or after a capitalised
# relation ('Partner "Dreamer"'); the lower-case relation before a quote is the nicknames
# module's.
_QUOTED = re.compile(rf"[\"“‘'](?P<v>{_WORD}(?:[ \t]{_WORD})?)[\"”’']")
_RELATION_IN_BRACKETS = re.compile(
    r"[ \t]*\([ \t]*(?:(?:her|his|their|pt['’]s|patient['’]s)[ \t]+)?"
    r"(?:(?:late|former|ex-?|estranged|eldest|youngest|older|younger)[ \t]*)?(?P<r>[a-z-]+)"
)
_CAPITAL_RELATION_BEFORE = re.compile(r"(?<![\w'’-])(?P<r>[A-Z][a-z-]+)[ \t]+\Z")

# A sign-off at a line's end: a sentence's end (or the line's start, or a quote's ">"), a dash,
# then initials or one word, then perhaps a bracketed service, then the line's end.
_SIGN_OFF = re.compile(
    r"(?:(?<=[.!?)])[ \t]+|^[ \t>]*)(?:-{1,2}|–|—|~)[ \t]*"
    r"(?P<v>[A-Z]\.?(?:[ \t]?[A-Z]\.?){0,2}|[A-Za-z][a-z]+)"
    # A bracket after it names a service ("(HSE Mid-West)"), not a result ("-- OGD (normal)").
    r"(?=[ \t]*(?:\([A-Z][^()\n]{0,59}\))?[ \t]*$)",
    re.M,
)
# Initials alone on the text's last line ("...student.op.ac.nz.\nMR\n").
_LAST_LINE_INITIALS = re.compile(r"(?:\A|\n)[ \t]*(?P<v>[A-Z]{2,3})[ \t]*\n?[ \t\n]*\Z")

# Initials after a word that says who did the work ("second read JL", "scribe T.L.").
# Read from the cue's last letters (a literal, cheap to find) and the initials, then back to the
# whole cue.
_WORK_INITIALS = re.compile(
    r"(?:ead|der|ked|ied|ess|sed|ned|ibe|bed|wer|red|ven|EAD|KED|IED|ESS|SED|NED|IBE|WER|RED)"
    r"[ \t]*:?[ \t]+(?P<v>[A-Z]\.[ \t]?[A-Z]\.(?:[ \t]?[A-Z]\.)?|[A-Z]{2,3})"
    r"(?=[ \t]*(?:[,;)/|]|$|[ \t]{2}|\((?:[A-Z]|\d))|(?<=\.))",
    re.M,
)
_WORK_CUE = re.compile(
    r"(?<![\w'’-])(?i:read|reader|checked|verified|witnessed|witness|countersigned|co-?signed|"
    r"scribe|scribed|reviewer|dispensed|prepared|administered|entered|(?-i:given))[ \t]*:?[ \t]*\Z"
)

# A role's field holding one name-like word that closes the line ("Scrub RN: Ward", "Porter:
# Bishop"): a surname there even where the word also names a place or a thing.
# The value closes the line or a table's cell, perhaps with a bracket after it ("On call:
# Little (bleep 4412)", "| Early: Rowan | Late: Bishop |").
_ROLE_FIELD = re.compile(
    r":[ \t]*(?P<v>" + _WORD + r")(?:[ \t]*\([^()\n]{0,30}\))?[ \t]*(?:$|\|)", re.M
)
# Field words besides the roles that say a person holds the field: who is on call, leads the
# shift or holds the bleep, and a rota's shifts.
_FIELD_PEOPLE = frozenset(
    {"call", "lead", "holder", "bleep", "cover", "covering", "early", "late", "night", "nights",
     "twilight", "long", "allocated", "named", "buddy", "mentor", "preceptor"}
)  # fmt: skip
_FIELD_ROLE = re.compile(r"(?<![\w'’-])(?P<r>[A-Za-z][A-Za-z0-9]*)[ \t]*\Z")
# A name before "my/his/her" and a kin word or role, a clause's subject ("Frank\n my boss has
# been good", "Tui, her aunty, came"): after a clause's start only.
_MY_ROLE = re.compile(r"\s(?:my|his|her|their|our)[ \t]+(?P<r>[a-z][a-z-]+)\b")
_SUBJECT_BEFORE = re.compile(
    r"(?:^|(?<=[.;,:!?]))[ \t]*(?P<v>" + _WORD + r")[ \t]*,?\s{0,3}\Z", re.M
)
# A signature's name before its job title, on its line or the next ("Rowan Little, Care
# Coordinator", "Wade Bishop\nSocial Worker", "Storm Lee | Peer Support Worker"): the title's
# last word is a role's head.
_TITLED_SIGNATURE = re.compile(
    r"^[ \t]*(?P<v>" + _WORD + r"(?:[ \t]+(?:[A-Z]\.[ \t]*)?" + _WORD + r"){1,2})"
    r"(?:[ \t]*\([^()\n]{1,20}\))?(?:[ \t]*[,|–—-][ \t]*|[ \t]*\n[ \t]*)"
    r"(?P<t>(?:[A-Z][A-Za-z&/-]*[ \t]+){0,3}(?P<h>[A-Z][a-z]+))[ \t]*(?=$|[,|(])",
    re.M,
)
_TITLE_HEADS = frozenset(
    {
        "coordinator", "co-ordinator", "nurse", "specialist", "worker", "manager", "officer",
        "practitioner", "therapist", "assistant", "consultant", "physician", "leader", "lead",
        "director", "administrator", "navigator", "advocate", "counsellor", "counselor",
        "midwife", "pharmacist", "registrar", "secretary", "clerk", "technician", "chaplain",
        "dietitian", "psychologist", "physiotherapist", "psychiatrist", "surgeon", "educator",
        "supervisor", "receptionist", "paramedic", "sonographer", "radiographer", "doctor",
        "gp", "fellow", "resident", "intern", "volunteer", "mentor", "caseworker", "liaison",
        "keyworker", "facilitator", "instructor", "paralegal", "solicitor", "attorney",
    }
)  # fmt: skip
# Words of a name's place that are a team, a service or a role, not a person.
_NOT_NAME_WORDS = ROLES | ROLE_QUALIFIERS | TITLES | _TITLE_HEADS


# A message header's "Surname, Given": the given name too ("To: Little, Rowan"; the surname is
# deid_role_names').
_HEADER_GIVEN = re.compile(
    r"(?:^[ \t]*(?i:from|to|cc|bcc|sent[ \t]+by|reply-to|attn)[ \t]*:|;)[ \t]*"
    + r"(?P<s>"
    + _WORD
    + r"),[ \t]*(?P<v>"
    + _WORD
    + r")(?=[ \t]*(?:[;<(\n]|$))",
    re.M,
)


# Initials before a bracketed role ("KM (CN)", "JT (reg)", "RW (SHO)"): read from the bracket.
_BRACKETED_ROLE = re.compile(r"\([ \t]*(?P<r>[A-Za-z][A-Za-z0-9]{1,14})[ \t]*\)")
_INITIALS_BEFORE = re.compile(r"(?<![\w'’.-])(?P<v>[A-Z]{2,3})[ \t]*\Z")
# Initials after a word of working together or handing over ("d/w JT", "handed over to AM at
# 20:00", "per KW:"), closing their clause.
# Read from the cue's last letters and the initials, then back to the whole cue.
_LEAD_INITIALS = re.compile(
    r"(?:/w|w/|ith|ITH|to|TO|er|ER|ed|ED|cc|Cc|CC)[ \t]+(?P<v>[A-Z]{2,3})"
    r"(?=[ \t]*(?:[,.;:)]|$|[ \t](?:at|on|re|and|who|via|by|[-–(])))",
    re.M,
)
_LEAD_CUE = re.compile(
    r"(?<![\w'’-])(?P<c>(?i:d/w|w/|discussed[ \t]+with|reviewed[ \t]+with|handed[ \t]+over[ \t]+to|"
    r"handover[ \t]+to|spoke[ \t]+(?:to|with)|per|informed|seen[ \t]+with|agreed[ \t]+with|"
    r"escalated[ \t]+to|cc))[ \t]+\Z"
)
_WEAK_LEADS = frozenset({"per", "cc", "informed", "w/"})
_BRACKET_ROLES = ROLES | COLON_ROLES | frozenset({"cn", "rn", "sn", "fy1", "fy2", "ct1", "ct2"})


_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’')]?)[ \t]*(?:[-*•>]+[ \t]*)?\Z", re.M)


def person_context_spans(text: str, lex: Lexicon) -> Iterator[Redaction]:
    """The names that a rank, a role's "is", a possessive kin word, a quoted name beside a
    relation, a sign-off or a worker's initials give away in ``text``."""
    senses = default_abbreviations().senses
    # Names under a person's key in exported data (deid_data_names).
    yield from data_name_spans(text, lex)
    if "." in text:
        for match in skipped_finditer(_RANK, text):
            word = match.group("v")
            if word.lower() not in _RANK_WORDS and _names_someone(word, lex, senses):
                yield _name(text, match.start("v"), match.end("v"))
    for match in skipped_finditer(_RANK_WORD, text):
        word = match.group("v")
        if word.lower() not in _RANK_WORDS and _names_someone(word, lex, senses):
            yield _name(text, match.start("v"), match.end("v"))
    for match in _IS_NAME.finditer(text):
        before = _ROLE_BEFORE_IS.search(text, max(0, match.start() - 60), match.start())
        if before is None or before.group("r").lower() not in _ROLE_NOUNS:
            continue
        words = match.group("v").split()
        if all(
            _names_someone(w, lex, senses) and not _eponym_after(text, match.end()) for w in words
        ):
            yield _name(text, match.start("v"), match.end("v"))
    if "'s" in text or "’s" in text:
        yield from _possessive_kin(text, lex, senses)
    yield from _quoted_beside_relation(text, lex, senses)
    for match in skipped_finditer(_SIGN_OFF, text):
        value = match.group("v")
        line_start = text[match.start() : match.start() + 1] not in (" ", "\t") or (
            text.rfind("\n", 0, match.start()) >= text.rfind(".", 0, match.start())
        )
        # Opening a line, a dash before capitals is as often a list's item ("- OGD", "- CTPA"):
        # there only one initial, dotted initials or a given name sign.
        if line_start and value.isupper() and len(value) > 1 and "." not in value:
            continue
        if _signs(value, lex, senses):
            yield _name(text, match.start("v"), match.end("v"))
    last = _LAST_LINE_INITIALS.search(text, max(0, len(text) - 12))
    if last is not None and _initials(last.group("v"), lex, senses):
        yield _name(text, last.start("v"), last.end("v"))
    for match in _ROLE_FIELD.finditer(text):
        field = _FIELD_ROLE.search(text, max(0, match.start() - 24), match.start())
        role = field.group("r").lower() if field is not None else ""
        word = match.group("v")
        lower = word.lower()
        if (
            (role in COLON_ROLES or role in ROLES or role in _FIELD_PEOPLE)
            and (lex.name_like(lower) or not lex.known(lower))
            and lower not in CALENDAR_WORDS
            and not lex.clinical(lower)
            and (_names_someone(word, lex, senses) or lex.name_like(lower))
        ):
            yield _name(text, match.start("v"), match.end("v"))
    for match in _MY_ROLE.finditer(text):
        role = match.group("r")
        if role not in _KIN and role not in ROLES and role not in RELATIONS - FUNCTION_CUES:
            continue
        subject = _SUBJECT_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if subject is None:
            continue
        word = subject.group("v")
        lower = word.lower()
        if (lex.name_like(lower) or not lex.known(lower)) and _names_someone(word, lex, senses):
            yield _name(text, subject.start("v"), subject.end("v"))
    for match in _HEADER_GIVEN.finditer(text):
        given = fold(match.group("v"))
        surname = match.group("s")
        # Both words a person's: "From: Cardiology, Admin" is a department's mailbox.
        if (
            (lex.name_like(given) or not lex.known(given))
            and _names_someone(match.group("v"), lex, senses)
            and _names_someone(surname, lex, senses)
            and (lex.name_like(fold(surname)) or not lex.known(fold(surname)))
        ):
            yield _name(text, match.start("v"), match.end("v"))
    for match in _TITLED_SIGNATURE.finditer(text):
        if match.group("h").lower() not in _TITLE_HEADS:
            continue
        words = match.group("v").split()
        names = [w for w in words if not (len(w) == 2 and w.endswith("."))]
        if not any(fold(w) in _NOT_NAME_WORDS for w in names) and all(
            _names_someone(w, lex, senses) and (lex.name_like(fold(w)) or not lex.known(fold(w)))
            for w in names
        ):
            yield _name(text, match.start("v"), match.end("v"))
    if "(" in text:
        for match in _BRACKETED_ROLE.finditer(text):
            if match.group("r").lower() not in _BRACKET_ROLES:
                continue
            before = _INITIALS_BEFORE.search(text, max(0, match.start() - 6), match.start())
            # The bracket says a person: an abbreviation's list may hold the letters ("KM").
            if before is not None and _initials(before.group("v"), lex, {}):
                yield _name(text, before.start("v"), before.end("v"))
    for match in _LEAD_INITIALS.finditer(text):
        cue = _LEAD_CUE.search(text, max(0, match.start("v") - 24), match.start("v"))
        if cue is None:
            continue
        value = match.group("v")
        # Three capitals after "per" or "cc" are as often a guideline, a tool or a team ("per
        # MDQ", "per NICE", "cc SDM") that no list holds: two only there.
        weak = cue.group("c").lower() in _WEAK_LEADS
        if (len(value) == 2 or not weak) and _initials(value, lex, senses):
            yield _name(text, match.start("v"), match.end("v"))
    for match in _WORK_INITIALS.finditer(text):
        if _WORK_CUE.search(text, max(0, match.start("v") - 20), match.start("v")) is None:
            continue
        if _initials(match.group("v"), lex, senses):
            yield _name(text, match.start("v"), match.end("v"))


def _possessive_kin(text: str, lex: Lexicon, senses: Mapping[str, object]) -> Iterator[Redaction]:
    for kin in _POSSESSIVE_KIN.finditer(text):
        if kin.group("k") not in _KIN:
            continue
        match = _OWNER_BEFORE.search(text, max(0, kin.start() - 50), kin.start())
        if match is None:
            continue
        word = match.group("v")
        lower = word.lower()
        if lower in _OWNERS_NO_NAME or not _names_someone(word, lex, senses):
            continue
        start = match.start("v")
        given = match.group("g")
        # A given name before the surname ("Ah Hock's"), unless it opens the sentence as a plain
        # word ("Then Kev's").
        if given is not None and _names_someone(given, lex, senses):
            g = given.lower()
            if lex.name_like(g) or not lex.known(g):
                start = match.start("g")
        yield _name(text, start, match.end("v"))


def _quoted_beside_relation(
    text: str, lex: Lexicon, senses: Mapping[str, object]
) -> Iterator[Redaction]:
    if '"' not in text and "“" not in text and "‘" not in text and "'" not in text:
        return
    for match in _QUOTED.finditer(text):
        value = match.group("v")
        words = [fold(w) for w in value.split()]
        if any(w in TITLES or w in RELATIONS or w in ROLES or lex.clinical(w) for w in words):
            continue
        if not all(_names_someone(w, lex, senses) for w in value.split()):
            continue
        after = _RELATION_IN_BRACKETS.match(text, match.end())
        before = _CAPITAL_RELATION_BEFORE.search(text, max(0, match.start() - 24), match.start())
        if (
            after is not None and after.group("r") in _KIN | {"friend", "neighbour", "neighbor"}
        ) or (before is not None and before.group("r").lower() in RELATIONS - FUNCTION_CUES):
            yield _name(text, match.start("v"), match.end("v"))


def _signs(value: str, lex: Lexicon, senses: Mapping[str, object]) -> bool:
    """Whether a sign-off's word is a person's: initials, or a listed given name that is no
    clinical word (a dash before "Continue" or "Nil" ends a list item)."""
    bare = value.replace(".", "").replace(" ", "")
    if bare.isupper():
        return _initials(bare, lex, senses) or len(bare) == 1
    lower = value.lower()
    return (
        lower in lex.given_names
        and not lex.clinical(lower)
        and _names_someone(value.capitalize(), lex, senses)
    )


def _initials(value: str, lex: Lexicon, senses: Mapping[str, object]) -> bool:
    """Whether capitals are a person's initials: dotted ("T.L."), or two or three capitals that
    are no clinical abbreviation, known word or role ("JL", not "CT", "OK" or "RN")."""
    if "." in value:
        return True
    lower = value.lower()
    return not (
        value in senses
        or lower in CLINICAL_SHORT
        or lex.known(lower)
        or lex.clinical(lower)
        or lower in ROLES
        or lower in TITLES
        or lower in ROLE_QUALIFIERS
    )


def _eponym_after(text: str, end: int) -> bool:
    nxt = re.match(r"(?:['’]s)?[ \t]+([A-Za-z]+)", text[end : end + 30])
    return nxt is not None and nxt.group(1).lower() in EPONYM_HEADS


# The same word elsewhere, written as a name: capitalised, not before an eponym's head.
def echoed_names(text: str, late: Iterable[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """Other places of the one-word names in ``late`` (found by the growth passes, after the
    word scan spread its own names): the same word with a capital, where it is no sentence's
    first word unless no dictionary holds it, and no eponym's ("Huia (021 ...)")."""
    senses = default_abbreviations().senses
    words: set[str] = set()
    places: set[int] = set()
    for red in late:
        word = red.original
        places.add(red.start)
        if (
            red.kind == "name"
            and len(word) >= 3
            and word[:1].isupper()
            and word[1:].islower()
            and word.isalpha()
            and _names_someone(word, lex, senses)
        ):
            words.add(word)
    if not words:
        return
    pattern = re.compile(
        r"(?<![\w'’-])(?:" + "|".join(re.escape(w) for w in sorted(words)) + r")(?![\w-])"
    )
    for match in pattern.finditer(text):
        if match.start() in places or _eponym_after(text, match.end()):
            continue
        lower = match.group().lower()
        if lex.known(lower) and _SENTENCE_START.search(
            text, max(0, match.start() - 8), match.start()
        ):
            continue  # "Frank blood in the bag", "Will review": a sentence's first word
        yield _name(text, match.start(), match.end())


def _name(text: str, start: int, end: int) -> Redaction:
    return Redaction("name", start, end, text[start:end], label("name"))

"""Staff initials where a note's structure says they are people (round 13).

* A dictation's reference on a line of its own: the author's initials, a slash, the typist's in
  lower case ("RT/jw", "HvO/lk"), perhaps with the typist's role between ("KB / checked mt",
  "Signed PD / data clerk a.b.", "gez. UK / Schreibkraft rs").
* Lower-case initials or a login after a clerical label that ends the line ("Scribe: kt",
  "Minutes: ol", "Printed: jbloggs").
* Initials listed after "Present:" or "Attendees:" in minutes ("Present: DOS, CMcC (Onc), FB
  (Rad)"), and the same initials elsewhere in the note: minutes name the owner of each action by
  them ("| EUS for staging | DOS |", "FB - nodes look N1").

* Initials after a role that only a person fills ("Dentist: GRE", "Night CN: AK.", "Named nurse:
  NW"), and before a credential or role ("KJ (Physio)", "AM, NP", "Form completed by MG (MA)").
* The initials a note's author writes after a person's name ("RN Tiffani / TR"), when they
  start with the name's first letter.

Initials found so are taken elsewhere in the note too, those that also abbreviate something only
in a table's cell (pipes, commas or tabs on both sides) or before an owner's dash.

Clinical abbreviations are kept: a line "IV/po" or "Present: SOB, CP" holds no initials.

Round 16:

* The owner of an action, by initials that open a line, a bullet or an action's label, before "to"
  and a verb of doing ("Action: RJ to arrange echo", "- PD to phone GP"), where the initials
  are no abbreviation or role ("OT to assess", "GP to review" stay).
* Initials before a role in words in brackets ("PK (care coordinator)", "DW (Practice
  Pharmacist)"): a role of four letters or more from the roles list; "CT (radiographer)"-like
  clinical abbreviations stay.
* Initials with a Scottish or Irish "Mc" ("KMc", "LMcG", "CMcC"): no abbreviation has that shape.
* The typist's or transcriber's initials after the clerical verb, its date and time and "by"
  between ("Typed ck", "Typed 04/03/2026  (rb)", "typed mw 02/03/26", "Transcrit le 2026-01-05
  par PL"); a word ("typed and cross-matched", "typed by me") is no initials.
"""

from __future__ import annotations

import re
from collections.abc import Container

from medlocal.abbreviations import default_abbreviations
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CLINICAL_SHORT, Lexicon, clinical_abbreviation
from medlocal.privacy.deid_people_words import ROLES, TITLES
from medlocal.privacy.deid_place_words import GENERIC
from medlocal.privacy.deid_signed_names import signed_names
from medlocal.privacy.deid_tokens import WordSpan

# Words that say who typed or checked a letter, in the languages the notes come in.
_CLERICAL = (
    r"checked|typed|typist|typing|transcribed|transcriptionist|clerk|data[ \t]+clerk|"
    r"secretary|sec|scribe|schreibkraft|sekretariat|dactylo|secr[ée]taire|mecan[óo]grafa|"
    r"transcripci[óo]n"
)
# A line that holds only a dictation's reference. The author's initials have two capitals or more
# and no digits ("HvO", "CMcC"); the typist's are two or three lower-case letters, or two with full
# stops ("e.w.").
_REFERENCE_LINE = re.compile(
    r"^[ \t]*(?P<lead>[A-Za-z]+\.?:?[ \t]+)?(?P<a>[A-Z][A-Za-z]{1,4})[ \t]*/[ \t]*"
    rf"(?:(?P<role>(?i:{_CLERICAL}))[ \t]*:?[ \t]+)?"
    r"(?P<b>[a-z]{2,3}|[a-z]\.[a-z]\.)[ \t]*$",
    re.M,
)
# Round 18 (walk 21): the same pair after a letter's reference label, wherever on the line
# ("Our ref: RT/jw. Your ref: PK/ds", "Ref: MB/AH/2291"): the writer's initials and the typist's.
# A running number may follow the pair after a slash; a word of four letters may not (a
# department's code, "Ref: SRH/CARD/REF").
_REFERENCE_LABELLED = re.compile(
    r"(?<![\w'’-])(?i:ref(?:erence)?)\.?[ \t]*(?:(?i:no)\.?[ \t]*)?:?[ \t]*"
    r"(?P<a>[A-Z][A-Za-z]{1,3})[ \t]*/[ \t]*(?P<b>[a-z]{2,3}|[A-Z]{2,3})(?![\w'’-]|/[A-Za-z])"
)
# A clerical label before lower-case initials or a login that ends the line ("Scribe: kt").
_LABELLED = re.compile(
    r":[ \t]*(?P<v>[a-z]{2,3}|[a-z]\.[a-z]\.|[a-z][a-z0-9_.]{3,15})"
    r"(?=[ \t]*$|[ \t]{2,}|[ \t]+[Pp]age\b)",
    re.M,
)
# The label before that colon (the scan starts at the colon: cheaper than at every word).
_CLERICAL_LABEL = re.compile(
    r"\b(?i:scribe|minutes|minute[- ]taker|typist|typed[ \t]+by|transcribed[ \t]+by|"
    r"printed(?:[ \t]+by)?|user(?:name)?|login)[ \t]*\Z"
)
# Values after such a label that say nothing about who ("Minutes: nil", "User: none").
_NOT_PEOPLE = frozenset({"nil", "na", "n/a", "none", "tbc", "tba", "yes", "no", "all", "n.a."})
# Round 16: initials with "Mc" ("KMc", "LMcG"); "Mc" alone or inside a word is none.
_MC_INITIALS = re.compile(r"(?<![\w'’-])[A-Z]{1,2}Mc[A-Z]{0,2}(?![\w'’-])")
# Round 16: the clerical verb, its date and clock time, a word for "by", then the initials, which
# end the line or a field, or stand before a date or a slash.
_TYPED_VERB = re.compile(
    r"\b(?i:typed|typing|transcribed|transcrit|transcrito|trascritto|getippt|geschrieben|dictated)"
    r"\b"
)
_TYPED_BY = re.compile(
    # Possessive blanks: "typed" before a long run of blanks was quadratic (review of round 16).
    r"[ \t]*+(?::[ \t]*+)?(?:(?i:on|le|am|el|il)[ \t]+)?"
    r"(?:\d{1,4}[./-]\d{1,2}(?:[./-]\d{2,4})?[ \t]*(?:\d{1,2}:\d{2}[ \t]*)?)?"
    r"(?:(?i:by|par|por|von|door|da)[ \t]+)?"
    r"(?P<o>\(?)(?P<v>[a-z]{2,3}|[A-Z][A-Za-z]{1,4})(?P<c>\)?)"
    r"(?=[ \t]*(?:$|[/,;]|\.[ \t]*$|[ \t]\d|[ \t]{2}))",
    re.M,
)
# Round 16: an action's owner: initials opening a line or a bullet, or after a label's colon or a
# semicolon, then "to" and a verb of doing.
_ACTION_OWNER = re.compile(
    r"(?:^|[:;•*–-]|\d[.)])[ \t]*(?P<v>[A-Z]{2,3})[ \t]+to[ \t]+"
    r"(?:arrange|book|phone|call|ring|contact|chase|send|refer|discuss|liaise|e-?mail|write|"
    r"inform|organi[sz]e|request|update|complete|confirm|notify|speak|fax|post|print|forward|"
    r"action|sort|check|visit)\b",
    re.M,
)
# Round 16: a role in words in brackets, and the initials before it (read from the bracket).
_BRACKETED_ROLE = re.compile(r"\((?:[A-Za-z-]+[ \t]+){0,3}(?P<role>[A-Za-z-]{4,})\)")
_INITIALS_BEFORE_BRACKET = re.compile(r"(?<![\w.'’-])(?P<v>[A-Z]{2,3})[ \t]+\Z")
# Teams written in two letters that own actions in plans ("MW to call" is the midwife, "MH to
# review" the mental-health team, "SS to assess" social services); the review of round 16.
_TEAMS_OF_TWO = frozenset({"mw", "mh", "ss", "la", "sw", "sn"})
# Words and answers, not initials, after such a verb ("typed by me", "typed and", blood groups).
_NOT_TYPIST = frozenset(
    {
        "me", "us", "him", "her", "it", "up", "in", "on", "at", "by", "and", "or", "not", "but",
        "as", "to", "the", "for", "ab", "rh", "na", "nil", "yes", "no", "tbc", "hla",
    }
)  # fmt: skip
# Minutes' list of those present.
_PRESENT = re.compile(
    r"^[ \t]*(?i:present|attendees|attendance|in[ \t]+attendance|attended[ \t]+by)[ \t]*:"
    r"(?P<rest>[^\n]*)$",
    re.M,
)
_ITEM = re.compile(r"[ \t]*(?P<v>[A-Z][A-Za-z]{1,4})[ \t]*(?P<role>\([^()\n]{1,30}\))?[ \t]*")
_SEPARATOR = re.compile(r",|;|[ \t]+and[ \t]+|[ \t]*&[ \t]*")
# A role only a person fills, as a label before initials that end a field.
_PERSON_ROLE = re.compile(
    r":[ \t]*(?P<v>[A-Z]{2,3}|(?:[A-Z]\.){2,3})(?=[ \t]*(?:$|[.;,|]|[ \t]{2}))", re.M
)
_PERSON_ROLE_LABEL = re.compile(
    r"\b(?i:(?:named|staff|charge|night|day|lead|scrub|bank)[ \t]+nurse|nurse|cn|nic|midwife|"
    r"dentist|hygienist|hca|carer|pharmacist|porter|physio|key[ \t]?worker|clinician|assessor|"
    r"witness|chaperone|interpreter|co-?signer|vaccinator|observer)[ \t]*\Z"
)
# Initials at a line's start or after "by", before a credential or a role that ends the field
# ("KJ (Physio) MNZSP", "AM, NP   CRNA", "completed by MG (MA)", "Clinician: J.N. (CO)").
_CREDENTIALED = re.compile(
    r"[,(][ \t]*(?P<role>(?i:physio|physiotherapist|nurse|midwife|dietitian|"
    r"pharmacist|hca|carer|scribe|therapist|student|interpreter|chaplain|receptionist)|"
    r"RN|RGN|RMN|NP|PA|PA-C|MA|CMA|CO|LPN|LVN|CNA|CNS|ANP|ACP|OT|PT|SLT|SALT|HCA|EN|RM|DN|HV|"
    r"MD|DO|CRNA|APRN|FNP|SN|SCPHN)\b\)?(?=[ \t]*(?:$|[ \t]{2}|[,;.(/]|[ \t]+[A-Z0-9]))",
    re.M,
)
# The initials before that role (the scan starts at the comma or bracket: cheaper).
_CREDENTIALED_INITIALS = re.compile(r"(?<![\w.])(?P<v>[A-Z]{2,3}|(?:[A-Z]\.){2,3})[ \t]*\Z")
# Initials that open a signature's line, then the signer's role in words ("PW  Specialist
# Community Public Health Nurse", "TK   Clinical Nurse Specialist, Stoma Care").
_BEFORE_ROLE_WORDS = re.compile(
    r"^[ \t]*(?P<v>[A-Z]{2,3})[ \t]{2,}(?=(?:[A-Z][a-z]+[ \t]+){0,5}"
    r"(?:Nurse|Midwife|Visitor|Practitioner|Worker|Officer|Therapist|Physiotherapist|Pharmacist|"
    r"Dietitian|Consultant|Registrar|Doctor|Surgeon|Physician|Psychologist|Counsellor|Assistant)"
    r"\b)",
    re.M,
)
# What stands before such initials: a line's start, "by" or a label's colon.
_CREDENTIAL_PREFIX = re.compile(r"(?:\b(?:by|per)[ \t]+|:[ \t]*)\Z")
# Initials written after a found name, after a slash ("RN Tiffani / TR", "L. Morgan (SN) / LM").
_AFTER_NAME = re.compile(
    r"(?:[ \t]*\([^()\n]{1,20}\))?[ \t]*/[ \t]*"
    r"(?:(?P<v>[A-Z]{2,3})\b(?![ \t]*[a-z])|(?P<w>[a-z]{2,3})(?=[ \t]*$))",
    re.M,
)
# A reporter's initials in brackets after the last sentence of a paragraph ("... all embedded
# A1-A6. (TW)"), as pathology and radiology reports sign.
_BRACKETED_AFTER_SENTENCE = re.compile(r"[.!?][ \t]+\((?P<v>[A-Z]{2,3})\)[ \t]*$", re.M)
# Two signers' initials after "by" that end the line ("checked by RH/SK"); "by IV/PO" stays.
_BY_PAIR = re.compile(r"/[ \t]*(?P<b>[A-Z]{2,3})[ \t]*\.?[ \t]*$", re.M)
_BY_FIRST = re.compile(r"\b(?:by|By)[ \t]+(?P<a>[A-Z]{2,3})[ \t]*\Z")
_ROUTES = frozenset({"IV", "IM", "SC", "PO", "PR", "SL", "NG", "IO", "ID", "IT", "ET", "NJ", "OG"})
# A clinician named in brackets after the team that saw the patient ("Seen by cardiology
# (Hale)", "orthopaedics (Mr Osei)").
_TEAM_THEN_NAME = re.compile(
    r"\((?:(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?[ \t]+)?(?P<v>[A-Z][a-z'’-]+(?:[ \t][A-Z][a-z'’-]+)?)\)"
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]*\Z")
_TEAM_ENDINGS = (
    "ology", "iatry", "iatrics", "surgery", "surgeons", "medicine", "physio", "physiotherapy",
    "dietetics", "pharmacy", "anaesthetics", "anesthesia", "orthopaedics", "orthopedics",
    "obstetrics", "gynaecology", "team",
)  # fmt: skip
_CALENDAR = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "today", "tomorrow", "yesterday",
    }
)  # fmt: skip
# Answers, not initials, after such a label ("Chaperone: NA", "Interpreter: NR").
_ANSWERS = frozenset(
    {
        "NA",
        "NR",
        "NIL",
        "TBC",
        "TBA",
        "NAD",
        "YES",
        "NO",
        "N.A.",
        "UK",
        "NK",
        "NOK",
        "QC",
        "GP",
        "PT",
    }
)
# Where initials that also abbreviate something still name a person: a table's cell, or before
# a dash that gives what they said or do ("FB - nodes look N1").
_CELL_END = re.compile(r"[ \t]*\|")
_OWNER = re.compile(r"[ \t]+[-–][ \t]")


def _capitals(word: str) -> bool:
    return word.isalpha() and sum(c.isupper() for c in word) >= 2


def staff_initials(text: str, lex: Lexicon) -> list[WordSpan]:
    """Initials and logins of staff in ``text`` (see the module's docstring)."""
    found: list[WordSpan] = []
    if "/" in text:
        found += _references(text, lex)
    initials: set[str] = set()
    if ":" in text:
        found += _labelled(text, lex)
        found += _present(text, initials)
        for match in _PERSON_ROLE.finditer(text):
            if not _PERSON_ROLE_LABEL.search(text, max(0, match.start() - 30), match.start()):
                continue
            value = match.group("v")
            if value not in _ANSWERS and value.lower() not in CLINICAL_SHORT:
                found.append(WordSpan("name", match.start("v"), match.end("v")))
                initials.add(value)
    for match in _BY_PAIR.finditer(text):
        first = _BY_FIRST.search(text, max(0, match.start() - 12), match.start())
        if first is None:
            continue
        pair = {first.group("a"), match.group("b")}
        if any(v.lower() in CLINICAL_SHORT or v in _ROUTES for v in pair):
            continue  # "given by IV/IM": routes
        found.append(WordSpan("name", first.start("a"), first.end("a")))
        found.append(WordSpan("name", match.start("b"), match.end("b")))
    for match in _BRACKETED_AFTER_SENTENCE.finditer(text):
        value = match.group("v")
        # "(AF)", "(NAD)" after a sentence are what it found, not who.
        if not clinical_abbreviation(value) and not lex.clinical(value.lower()):
            found.append(WordSpan("name", match.start("v"), match.end("v")))
    if "(" in text:
        found += _team_then_name(text, lex)
    for match in _BEFORE_ROLE_WORDS.finditer(text):
        value = match.group("v")
        if value not in _ANSWERS and value.lower() not in CLINICAL_SHORT:
            found.append(WordSpan("name", match.start("v"), match.end("v")))
            initials.add(value)
    for role in _CREDENTIALED.finditer(text):
        if text[role.start()] == "," and text[role.start() - 1 : role.start()] in (" ", "\t"):
            continue  # "AM , NP" is no credential's comma
        initials_at = _CREDENTIALED_INITIALS.search(text, max(0, role.start() - 8), role.start())
        if initials_at is None:
            continue
        line_start = text.rfind("\n", 0, initials_at.start()) + 1
        prefix = text[line_start : initials_at.start()]
        if prefix.strip() and _CREDENTIAL_PREFIX.search(prefix[-12:]) is None:
            continue
        value = initials_at.group("v")
        if value not in _ANSWERS and value.replace(".", "").lower() not in CLINICAL_SHORT:
            found.append(WordSpan("name", initials_at.start("v"), initials_at.end("v")))
            initials.add(value)
    if " to " in text:
        found += _action_owners(text, lex)
    # Round 16: a signature's line of an initial and a surname before a role (its initial's
    # stop may have no space after it: "B.Tranter, Social Worker").
    found += signed_names(text)
    if "(" in text:
        found += _before_bracketed_roles(text, lex)
    if "Mc" in text:
        found += [
            WordSpan("name", m.start(), m.end()) for m in skipped_finditer(_MC_INITIALS, text)
        ]
    if "—" in text or "–" in text:
        found += _dash_signatures(text, lex)
    # The typists' verbs are found by their own expression: a guard of letter pairs missed
    # "getippt" and "trascritto" (review of round 16).
    found += _typists(text)
    if initials:
        senses = default_abbreviations().senses
        found += _elsewhere(text, initials, senses, {s.start for s in found})
    return found


def initials_after_names(text: str, found: list[WordSpan]) -> list[WordSpan]:
    """Initials after a slash behind a found name that start with its first letter ("RN Tiffani
    / TR", "Dr R. Vale (resident) / rv"); "Jo Bird / ECG" stays, and so does "Ann Lee / CXR"."""
    out: list[WordSpan] = []
    for span in found:
        if span.kind != "name":
            continue
        match = _AFTER_NAME.match(text, span.end)
        if match is None:
            continue
        group = "v" if match.group("v") else "w"
        value = match.group(group)
        if value[0].upper() == text[span.start].upper() and value.lower() not in CLINICAL_SHORT:
            out.append(WordSpan("name", match.start(group), match.end(group)))
    return out


# Round 18: a note's writer signs a sentence's end with a dash and initials that end the line
# ("Family notified. — KB", "Clinic card given. – np"); a dash that opens a line is a bullet
# ("— ECG"), so a full stop must come before it.
_DASH_SIGNATURE = re.compile(
    r"[.!][ \t]+[—–][ \t]?(?P<v>[A-Z]{2,3}|[a-z]{2,3})[ \t]*\.?[ \t]*$", re.M
)


# Everyday words in capitals that no initials are (the answers, "NO", "TBC", are tested first).
_CAPITAL_WORDS = frozenset({"OK", "AM", "PM", "ALL", "END", "AND", "THE"})


def _dash_signatures(text: str, lex: Lexicon) -> list[WordSpan]:
    """Initials after a sentence's end and a dash, at the line's end."""
    found: list[WordSpan] = []
    for match in _DASH_SIGNATURE.finditer(text):
        value = match.group("v")
        lower = value.lower()
        if value in _ANSWERS or lower in CLINICAL_SHORT or lower in ROLES or lex.clinical(lower):
            continue  # "— GP", "— RN": a service or a role
        # A word: in lower case any dictionary word ("— ok", "— end"); in capitals only the
        # everyday ones (the word list holds letter pairs such as "ga" that initials spell).
        if lex.known(lower) if value.islower() else value in _CAPITAL_WORDS:
            continue
        found.append(WordSpan("name", match.start("v"), match.end("v")))
    return found


def _before_bracketed_roles(text: str, lex: Lexicon) -> list[WordSpan]:
    """Initials before a role in words in brackets ("AJ (care navigator)")."""
    found: list[WordSpan] = []
    for match in _BRACKETED_ROLE.finditer(text):
        role = match.group("role")
        if role.lower() not in ROLES or role.isupper():
            continue
        before = _INITIALS_BEFORE_BRACKET.search(text, max(0, match.start() - 6), match.start())
        if before is None:
            continue
        value = before.group("v")
        lower = value.lower()
        if value in _ANSWERS or value in _ROUTES or lower in CLINICAL_SHORT or lex.known(lower):
            continue
        if _spells(value, match.group()):
            continue  # "CPN (community psychiatric nurse)": the role spelled out, no person
        found.append(WordSpan("name", before.start("v"), before.end("v")))
    return found


def _spells(initials: str, bracket: str) -> bool:
    """``initials`` are the first letters of the bracket's words ("SW", "(social worker)")."""
    letters = "".join(w[0] for w in re.findall(r"[A-Za-z]+", bracket) if w.lower() != "of")
    return letters.lower() == initials.lower()


def _action_owners(text: str, lex: Lexicon) -> list[WordSpan]:
    """Initials that own an action ("RJ to arrange echo"); an abbreviation, a role or a word in
    capitals there is a team or a service ("OT to assess", "GP to review", "ICU to call")."""
    senses = default_abbreviations().senses
    found: list[WordSpan] = []
    for match in skipped_finditer(_ACTION_OWNER, text):
        value = match.group("v")
        lower = value.lower()
        if value in senses or value in _ANSWERS or value in _ROUTES or lower in _TEAMS_OF_TWO:
            continue
        if lower in CLINICAL_SHORT or lower in ROLES or lex.known(lower) or lex.clinical(lower):
            continue
        found.append(WordSpan("name", match.start("v"), match.end("v")))
    return found


def _typists(text: str) -> list[WordSpan]:
    """Initials after a clerical verb ("Typed ck", "Dictated ORB/typed kt"). Capitals must be
    two at least ("HvO", "LMcG"), and a bracket opened before them closed after them."""
    found: list[WordSpan] = []
    for verb in skipped_finditer(_TYPED_VERB, text):
        match = _TYPED_BY.match(text, verb.end())
        if match is None:
            continue
        value = match.group("v")
        if value.lower() in _NOT_TYPIST or bool(match.group("o")) != bool(match.group("c")):
            continue
        if value[0].isupper() and not _capitals(value):
            continue  # "Typed Monday", "Dictated Dr"
        found.append(WordSpan("name", match.start("v"), match.end("v")))
    return found


def _clinical(word: str, lex: Lexicon) -> bool:
    lower = word.replace(".", "").lower()
    return lower in CLINICAL_SHORT or lex.clinical(lower)


def _references(text: str, lex: Lexicon) -> list[WordSpan]:
    vocabulary = default_abbreviations()
    found: list[WordSpan] = []
    for match in _REFERENCE_LINE.finditer(text):
        author, typist = match.group("a"), match.group("b")
        if not _capitals(author) or author.lower() in CLINICAL_SHORT:
            continue
        if not match.group("role"):
            if _clinical(typist, lex):
                continue  # "PE/dvt", "IV/po": two clinical words
            # After a word ("Plan AF/rvr"), the pair may be two abbreviations; only a typist's
            # initials that are no word or abbreviation at all sign there.
            bare = typist.replace(".", "")
            if match.group("lead") and (
                lex.known(bare) or bare in vocabulary.lower or bare.upper() in vocabulary.senses
            ):
                continue
        found.append(WordSpan("name", match.start("a"), match.end("a")))
        found.append(WordSpan("name", match.start("b"), match.end("b")))
    if "ref" in text or "Ref" in text or "REF" in text:
        for match in skipped_finditer(_REFERENCE_LABELLED, text):
            author, typist = match.group("a"), match.group("b")
            if not _capitals(author) or {author.lower(), typist.lower()} & CLINICAL_SHORT:
                continue
            if typist.isupper() and (
                text[match.end() : match.end() + 1] == "/"
                or clinical_abbreviation(author)
                or clinical_abbreviation(typist)
            ):
                continue  # "ref HTS/KBU/26/3318": a service's code; a typist writes in lower case
            found.append(WordSpan("name", match.start("a"), match.end("a")))
            found.append(WordSpan("name", match.start("b"), match.end("b")))
    return found


def _labelled(text: str, lex: Lexicon) -> list[WordSpan]:
    found: list[WordSpan] = []
    for match in _LABELLED.finditer(text):
        if not _CLERICAL_LABEL.search(text, max(0, match.start() - 30), match.start()):
            continue
        value = match.group("v")
        if value in _NOT_PEOPLE or value.lower() in CLINICAL_SHORT:
            continue
        # A login is no word ("Printed: jbloggs"; "User: admin" stays); initials may be one.
        if len(value) > 3 and "." not in value and (lex.known(value) or value.isdigit()):
            continue
        found.append(WordSpan("name", match.start("v"), match.end("v")))
    return found


def _present(text: str, initials: set[str]) -> list[WordSpan]:
    """Initials listed after "Present:"; they are added to ``initials``."""
    senses = default_abbreviations().senses
    found: list[WordSpan] = []
    for match in _PRESENT.finditer(text):
        items = _SEPARATOR.split(match.group("rest"))
        offset = match.start("rest")
        spans: list[tuple[int, int, str]] = []
        vouched = 0
        for item in items:
            at = offset
            offset += len(item)
            sep = _SEPARATOR.match(text, offset)
            offset = sep.end() if sep else offset
            shaped = _ITEM.fullmatch(item)
            if shaped is None or not _capitals(shaped.group("v")):
                continue
            value = shaped.group("v")
            if value.lower() in CLINICAL_SHORT:
                continue
            vouched += value not in senses or shaped.group("role") is not None
            spans.append((at + shaped.start("v"), at + shaped.end("v"), value))
        # Most of the list must read as people: "Present: SOB, CP" is two symptoms.
        if len(spans) >= 2 and 2 * vouched >= len(spans):
            for start, end, value in spans:
                found.append(WordSpan("name", start, end))
                initials.add(value)
    return found


def _elsewhere(
    text: str, initials: set[str], senses: Container[str], taken: set[int]
) -> list[WordSpan]:
    """The attendees' initials elsewhere in the note; those that also abbreviate something only
    in a table's cell or before a dash ("| DOS |", "FB - nodes")."""
    pattern = re.compile(
        r"(?<![\w.])(?:"
        + "|".join(map(re.escape, sorted(initials, key=len, reverse=True)))
        + r")(?![\w])(?![ \t]*:)"
    )
    found: list[WordSpan] = []
    for match in pattern.finditer(text):
        if match.start() in taken:
            continue
        if match.group() in senses:
            before = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
            before = before if before.endswith("\t") else before.rstrip(" ")
            after = text[match.end() : match.end() + 1]
            cell = (before.endswith("|") and _CELL_END.match(text, match.end()) is not None) or (
                before[-1:] in (",", "\t") and after == before[-1:]
            )
            if not (cell or _OWNER.match(text, match.end()) is not None):
                continue
        found.append(WordSpan("name", match.start(), match.end()))
    return found


def _team_then_name(text: str, lex: Lexicon) -> list[WordSpan]:
    """A listed name or a word no dictionary has in brackets after a team; "(Echo)", "(Urgent)",
    "(Consultant)" stay."""
    found: list[WordSpan] = []
    for match in _TEAM_THEN_NAME.finditer(text):
        team = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if team is None or not team.group(1).lower().endswith(_TEAM_ENDINGS):
            continue
        words = [w.lower().rstrip("'’") for w in match.group("v").split()]
        if any(
            lex.clinical(w) or w in ROLES or w in TITLES or w in GENERIC or w in _CALENDAR
            for w in words
        ):
            continue
        if all(lex.name_like(w) or not lex.known(w) for w in words):
            found.append(WordSpan("name", match.start("v"), match.end("v")))
    return found

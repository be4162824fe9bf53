"""Initials of people where a chart, a log or a team list signs with them (issue 16, session 57,
deid57b): more of the slots only a person stands in than deid_initial_slots reads.

Held-out PERSON misses were mostly capital initials (59 of 225 on main 976c78b, counts only):
after a log entry's dash at the line's end ("... dressing done. - LH RN"), after a label's
colon ("Surgeon: AO   Scrub: FN"), before a grade or role in brackets ("AB (reg)", "NK
(CNS)"), and again elsewhere in the same note. Each
slot is read from a few characters around a run of capitals found first, so no alternation runs
at every position of a long record.

Two letters in capitals are often an abbreviation too ("Dx - MI", "08:00 BP 120/80", "Rhythm:
AF", "Plan: CT"), so the slots differ in how much they trust the word:

* a grade or role in brackets after the initials is a person's alone: initials a list knows are
  taken there too ("PT (FY2)", "MS (RT)", "DM (named nurse)"), except routes, tests and services
  ("OT (band 6)", "CT (contrast)") unless the bracket holds a doctor's grade;
* a staff label's colon ("Surgeon:", "Scrub:", "RN:") takes what no route, test or service
  reading claims (deid_initial_slots' person test); a signing label ("Reviewed:", "Checked:")
  also leaves a test or a service ("Reviewed: CXR");
* a dash at the line's end takes only initials no list knows, or a listed one where a
  credential follows ("- MS RN");
* the initials these slots found are taken elsewhere in the note where no list knows them.

Tried and dropped: initials after a chart's clock time ("given 06:00 WN, 12:00 AK"): on the
held-out halves (counts only) it damaged 6 clinical terms and took 13 words that were no
identifier for 1 identifier found.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_initial_slots import (
    _FUNCTION_WORDS,
    _NOT_PEOPLE,
    _person_like,
    _unlisted,
)
from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_problem_fields import problem_field
from medlocal.privacy.deid_spans import Redaction, label

_INITIALS = r"(?:[A-Z]{2,4}|[A-Z]{1,2}Mc[A-Z]{0,2}|[A-Z]{2,3}-[A-Z]|[A-Z]{1,2}'[A-Z]{1,2})"
_DOTTED = r"(?:[A-Z]\.){2,3}"
_CANDIDATE = re.compile(rf"(?<![\w.'’/-])(?:{_INITIALS}(?![\w'’])|{_DOTTED}(?!\w))")
# A doctor's grade: only a person holds one, whatever the initials spell.
_GRADES = (
    r"FY[12]|F[12]|ST[1-8]|CT[1-3]|SHO|SpR|StR|HO|JR|SR|MO|R[1-5]|reg|registrar|cons|"
    r"consultant|intern|resident|attending|fellow|OA|AA|locum|senior[ \t]+reg|jr[ \t]+doc"
)
# Other roles in brackets after initials ("NK (CNS)", "RW (diabetes nurse)", "SG (chair)"),
# and the specialties a team list names its members by ("AP (path)", "YK (anaesth)"): a
# specialty takes only initials no list knows ("PE (rad)" may be the radiologists' reading).
_ROLES = (
    r"CNS|ANP|NP|PA|RN|EN|RGN|RMN|HCA|MW|SN|CSW|named[ \t]+nurse|nurse|sister|charge[ \t]+nurse|"
    r"NIC|midwife|pharmacist|pharm|dietitian|physio|chair|lead|scribe|minutes|tech|"
    r"device[ \t]+tech|anaesthetist|surgeon|CO|clinical[ \t]+officer|key[ \t]*worker|"
    r"care[ \t]+co-?ordinator|social[ \t]+worker|SW|OT|PT|SLT|SALT|RT|student|interpreter|porter"
)
_SPECIALTIES = r"path|rad|endo|cardio|psych|anaesth|gastro|neuro|renal|resp|haem|onc|micro"
# A grade's qualifier inside the bracket ("(night SHO)", "(on-call reg)").
_QUALIFIER = r"(?:(?i:night|day|on-?call|senior|junior|ward|surgical|medical|med)[ \t]+)?"
_BRACKET_AFTER = re.compile(
    rf"[ \t]*\([ \t]*{_QUALIFIER}(?:(?P<grade>(?i:{_GRADES}))|(?P<role>(?i:{_ROLES}))|"
    rf"(?i:{_SPECIALTIES}))[ \t]*\)",
    re.ASCII,
)
# A staff or signing label and its colon right before the initials.
_STAFF_LABELS = (
    r"surgeon|assistant|asst|anaesthetist|anesthetist|anaesth|scrub|scrub[ \t]+nurse|"
    r"circulating|circulator|runner|ODP|tech|technician|RN|EN|HCA|nurse|nurses|midwife|MW|"
    r"scribe|minutes|resident|intern|reg|registrar|SHO|FY[12]|cons|consultant|attending|"
    r"pharmacist|pharm|witness|second[ \t]+checker|2nd[ \t]+checker|present|team|"
    r"recibe|elabor[óo]|supervis[óo]|valor[óo]|enf\.?|ausgef[üu]hrt|arzt|pflege"
)
_SIGNING_LABELS = (
    r"reviewed|checked|seen|signed|co-?signed|verified|authori[sz]ed|prepared|dictated|typed|"
    r"given|administered|by|done|diktiert|gesehen[ \t]+von"
)
_LABEL_BEFORE = re.compile(
    rf"(?<![\w-])(?:(?P<staff>(?i:{_STAFF_LABELS}))|(?i:{_SIGNING_LABELS}))[ \t]*:[ \t]*\Z"
)
# The initials end the field: the line's end, a gap to the next field, a list's comma or
# slash, a bracket.
_FIELD_END = re.compile(r"[ \t]*(?:$|[,;/(|]|\.[ \t]*$)|[ \t]{2,}|\t", re.M)
# A log entry's sign-off: a dash after a blank, at the line's end or before a credential.
_DASH_BEFORE = re.compile(r"(?:^|[ \t])[-–—~][ \t]*\Z", re.M)
# review57a: a line's one heading word before the dash ("Plan - ABPI", "Ix - RBS", "F/U -
# OPA") makes it a heading's dash, not a sign-off, unless the word is a signing one ("Seen -
# JW"): the tests and clinics no list knows went as names.
_HEADING_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?P<word>[A-Za-z][\w/&.]{0,14})[ \t]*[-–—~][ \t]*\Z")
_SIGNING_WORD = re.compile(rf"(?i:{_SIGNING_LABELS})\Z")
_CREDENTIAL = re.compile(r"[ \t]+(?:RN|EN|RGN|RMN|RM|MW|HCA|CSW|SN|NA|LPN|CNA|EMT|ODP)\b")
_LINE_END = re.compile(r"[ \t]*$", re.M)
# Joined signers after the first: "/EO", " / JD".
_JOINED = re.compile(rf"[ \t]*/[ \t]*(?P<v>{_INITIALS}(?![\w'’/])|{_DOTTED}(?!\w))")
# Further members of a list after a bracketed role or a comma: "NK (CNS), MS (RT)", "WS (lead),
# BT, HH".
_LISTED = re.compile(
    rf"(?:[ \t]*\([^()\n]{{1,24}}\))?[ \t]*[,;][ \t]*(?:(?:Dr|DR|Dr\.)[ \t]+)?"
    rf"(?P<v>{_INITIALS}(?![\w'’])|{_DOTTED}(?!\w))"
    # The member ends its item: capitals before another name are a title's ("BS LTM").
    r"(?=[ \t]*(?:$|[,;/(.|]|[ \t]{2,}|\t))",
    re.M,
)
_ELSEWHERE = re.compile(rf"(?<![\w.'’/-]){_INITIALS}(?![\w'’-])(?![ \t]*:)")


def _signed(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Initials a slot only a person stands in holds (see the module's docstring)."""
    value = text[start:end]
    if (bracket := _BRACKET_AFTER.match(text, end)) is not None:
        if bracket.group("grade") is not None:
            return True
        if bracket.group("role") is not None:
            # Two capitals before a person's role are the person's, whatever else they spell
            # ("DM (named nurse)", "MI (NP)"); a route, test or service is not ("OT (lead)").
            bare = value.replace(".", "")
            return bare not in _NOT_PEOPLE and bare not in _FUNCTION_WORDS
        return _unlisted(value, lex)
    window = max(0, start - 40)
    # Speed: most capitals in a record stand after neither a colon nor a dash; the label's and
    # the dash's patterns are searched only where the blanks before the initials follow one.
    before = text[window:start].rstrip(" \t")[-1:]
    if before == ":" and (labelled := _LABEL_BEFORE.search(text, window, start)) is not None:
        if _FIELD_END.match(text, end) is None:
            return False
        signing = labelled.group("staff") is None
        # Session 58 (deid58a): "Reviewed: MI, AF, CKD 3a" lists problems, not signers.
        if signing and problem_field(text, start, end, lex):
            return False
        return _person_like(value, lex, services=signing)
    if before in "-–—~" and before and _DASH_BEFORE.search(text, window, start) is not None:
        heading = _HEADING_BEFORE.search(text, window, start)
        if heading is not None and _SIGNING_WORD.match(heading.group("word")) is None:
            return False
        # The signers joined by slashes: one no list knows tells the run ("- AA/EO").
        rest, members = end, [value]
        while (joined := _JOINED.match(text, rest)) is not None:
            rest = joined.end()
            members.append(joined.group("v"))
        credential = _CREDENTIAL.match(text, rest)
        if credential is not None and _LINE_END.match(text, credential.end()) is not None:
            return _person_like(value, lex)
        return (
            _LINE_END.match(text, rest) is not None
            and _person_like(value, lex)
            and any(_unlisted(member, lex) for member in members)
        )
    return False


def _grown(text: str, end: int, lex: Lexicon) -> list[tuple[int, int]]:
    """The signers joined by a slash and the list's later members."""
    spans: list[tuple[int, int]] = []
    while True:
        step = _JOINED.match(text, end) or _LISTED.match(text, end)
        if step is None or not _person_like(step.group("v"), lex):
            return spans
        spans.append(step.span("v"))
        end = step.end("v")


def initial_sign_candidates(text: str, lex: Lexicon) -> list[Redaction]:
    """Initials where a chart, a log or a team list signs with them in ``text``, and the same
    initials elsewhere where no list knows them."""
    spans: list[tuple[int, int]] = []
    for match in skipped_finditer(_CANDIDATE, text):
        if _signed(text, match.start(), match.end(), lex):
            spans.append(match.span())
            spans += _grown(text, match.end(), lex)
    if not spans:
        return []
    taken = set(spans)
    values = {text[a:b] for a, b in spans if _unlisted(text[a:b], lex)}
    if values:
        for match in skipped_finditer(_ELSEWHERE, text):
            if match.group() in values:
                taken.add(match.span())
    return [Redaction("name", a, b, text[a:b], label("name")) for a, b in sorted(taken)]

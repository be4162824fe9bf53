"""Login names (issue 16, session 59): the user name a record system or an office file writes for
the person who entered, verified or commented on something.

A spreadsheet's cell note names its author by login ("C3 note ... by jokafor"), an EPR export
stamps "Results verified by user SMITHK1", "Last modified by NHS\\jokafor", "Author: JOkafor".
Each is a clinician's name in another shape, so it goes as a name does. The rules read names
as words, and a login is not one: "kate.smith" kept ".smith" after its given name went,
"NHS\\jokafor", "JOkafor" and "SMITHK1" stayed whole (review59a found them in note authors).

Three readings, each narrow so that clinical words after "by" stay ("reviewed by ST3",
"sent by NHSmail", "given by mouth"):
- after a cue that names a user (verified by, author, user, logged in as ...), a token in a
  login's shape: a domain and a backslash, letters joined by a full stop or an underscore,
  four or more letters with digits after them, or initials run into a surname (a plain
  lower-case login after a strong cue, "user jokafor", is deid_contacts' reading, which asks
  the dictionary: "user steroids", "user reports" stay);
- a Windows domain login anywhere ("TRUST\\ksmith": capitals, a backslash, a user);
- a name found by another rule, grown over the lower-case part a full stop joins to it
  ("[kate].smith", "j.[okafor]").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_names import plain_word
from medlocal.privacy.deid_spans import Redaction

_PERSON_KINDS = frozenset({"name", "patient_name"})

# What a record system writes before the user it names. "by" alone is left to the name rules:
# "by mouth", "by phone" and "by jokafor" are read there.
_STAMP_VERBS = (
    "entered|modified|created|verified|signed|authori[sz]ed|reviewed|updated|edited|saved|"
    "printed|amended|validated|reported|requested|ordered|approved|checked|released|"
    "transcribed|dictated|completed|collected|received|cancelled|acknowledged|commented|"
    "changed|uploaded|scanned|filed|registered|booked"
)
_CUE = re.compile(
    rf"(?i)\b(?:(?:{_STAMP_VERBS})\s+by(?:\s+(?:user|login|operator))?"
    r"|user(?:[ \t]*(?:name|id))?|username|userid|log(?:in|on)(?:[ \t]*(?:name|id))?"
    r"|logged[ \t]+(?:in|on)[ \t]+as|author|operator[ \t]*id)\b"
    r"[ \t]*[:=#]?[ \t]*(?=\S)"
)
# A token as systems write logins: letters and digits, joined by . _ - or a domain's backslash.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\\-]*[A-Za-z0-9]|[A-Za-z]")
_DOMAIN_LOGIN = re.compile(r"(?<![\w\\])[A-Z][A-Z0-9-]{1,14}\\[A-Za-z][A-Za-z0-9._-]*[A-Za-z0-9]")
_JOINED = re.compile(r"[A-Za-z]+(?:[._][A-Za-z]+)+\d*")
_LETTERS_DIGITS = re.compile(r"(?P<letters>[A-Za-z]{4,})\d{1,4}")
_INITIALS_SURNAME = re.compile(r"[A-Z]{1,2}[A-Z](?P<rest>[a-z]{2,})")
_FILE_ENDINGS = frozenset(
    {"pdf", "doc", "docx", "txt", "rtf", "odt", "xls", "xlsx", "csv", "jpg", "jpeg", "png", "tif"}
)
# The lower-case part a full stop joins to a found name: a login's other half ("smith", "k2").
_JOINED_AFTER = re.compile(r"\.(?P<part>[a-z][a-z0-9]*)(?![\w@.-])")
_JOINED_BEFORE = re.compile(r"(?<![\w@.\\-])(?P<part>[a-z][a-z0-9]*)\.\Z")


def login_name_spans(
    text: str, found: Iterable[Redaction], lexicon: Lexicon
) -> Iterator[Redaction]:
    """The login names in ``text`` (see the module's docstring); ``found`` holds the names the
    other rules read, grown here over the login they are part of."""
    found = list(found)
    # A login another rule already removed whole keeps that rule's reading ("user [ID]").
    covered = {(red.start, red.end) for red in found}
    # Whole-text searches go through the skippers, as every finder of a long text does.
    for cue in skipped_finditer(_CUE, text):
        token = _TOKEN.match(text, cue.end())
        if (
            token is not None
            and _login_shaped(token.group(), lexicon)
            and not _covered(covered, token.start(), token.end())
        ):
            yield _name(text, token.start(), token.end())
    for login in skipped_finditer(_DOMAIN_LOGIN, text):
        if not _covered(covered, login.start(), login.end()):
            yield _name(text, login.start(), login.end())
    yield from _grown_over_logins(text, found, lexicon)


def _covered(spans: set[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _login_shaped(token: str, lexicon: Lexicon) -> bool:
    if "\\" in token:
        return True
    if _JOINED.fullmatch(token):
        parts = re.split(r"[._]", token.rstrip("0123456789"))
        # "e.g", "i.e", "a.m" are no logins; "J.Smith", "k.smith", "smith_k" are.
        return max(map(len, parts)) > 2 and parts[-1].lower() not in _FILE_ENDINGS
    digits = _LETTERS_DIGITS.fullmatch(token)
    if digits is not None:
        return not _word(digits.group("letters"), lexicon)
    initials = _INITIALS_SURNAME.fullmatch(token)
    if initials is not None:
        return not _word(initials.group("rest"), lexicon)
    return False


def _word(letters: str, lexicon: Lexicon) -> bool:
    """A dictionary or clinical word, or the plural of one ("NHSmail", "Results1")."""
    return plain_word(fold(letters), lexicon)


def _grown_over_logins(
    text: str, found: Iterable[Redaction], lexicon: Lexicon
) -> Iterator[Redaction]:
    for red in found:
        if red.kind not in _PERSON_KINDS or not red.original.isalpha():
            continue
        start, end = red.start, red.end
        # The other half is a name's or an initial's, never a word: "Reg.nr", "geb.datum" and
        # "Pat.-Nr" are labels whose first word a rule took for a name.
        after = _JOINED_AFTER.match(text, end)
        if after is not None and _login_half(after.group("part"), lexicon):
            end = after.end()
        before = _JOINED_BEFORE.search(text, max(0, start - 40), start)
        if before is not None and _login_half(before.group("part"), lexicon):
            start = before.start()
        if (start, end) != (red.start, red.end):
            yield _name(text, start, end)


def _login_half(part: str, lexicon: Lexicon) -> bool:
    """Whether ``part``, joined to a found name by a full stop, is the rest of a login: an
    initial ("j.okafor"), or a word no word list knows ("kate.smith")."""
    if len(part) == 1:
        return True
    if len(part) < 3 or not part.isalpha():
        return False
    folded = fold(part)
    return (
        not (
            _word(part, lexicon)
            or folded in lexicon.foreign_words
            or folded in lexicon.dictionary_words
        )
        or folded in lexicon.surnames
        or folded in lexicon.given_names
    )


def _name(text: str, start: int, end: int) -> Redaction:
    return Redaction("name", start, end, text[start:end], "[NAME]")

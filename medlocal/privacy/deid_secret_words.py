"""Words used as codes: a telephone password, a passcode, a safeguarding code word, a login
(session 54, deid54c; issue 16).

Safe Harbor's last type is "any other unique identifying number, characteristic, or code". A
practice keeps a telephone password for a patient who lives alone ("telephone password for the
surgery: bluebell"), a video visit a passcode ("passcode sunflower"), a safeguarding plan a code
word ("agreed code word is 'marigold'"), an audit line a login ("Dictated by: arao", "username
kpatel"): each is one word that identifies the patient or a clinician as a number would, and no
code rule reads a word with no digit.

After such a cue (perhaps "for" and up to four words, then a colon, "is" or "=" or nothing), one
word in quotes or standing alone and closed by punctuation or the line's end is the code. A word
that tells what was done with the code ("password protected", "passcode changed", "code word
agreed", "login failed") is no code: such words are refused, and a code standing with no colon,
"is" or quotes must be closed by punctuation or the line's end. A login after "dictated by",
"typed by", "user" and the like must be one lower-case word of letters and digits (a clinician's
name in capitals is the name rules').
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

_SECRET_CUES = (
    r"pass[ \t-]?word|pass[ \t-]?code|pass[ \t-]?phrase|code[ \t-]?word|safe[ \t-]?word|"
    r"security[ \t]+(?:word|question[ \t]+answer|answer)|memorable[ \t]+(?:word|name)|"
    r"secret[ \t]+word|key[ \t]?word|kennwort|passwort|mot[ \t]+de[ \t]+passe|contrase[ñn]a|"
    r"senha|clave|wachtwoord|l[öo]senord|has[łl]o"
)
_LOGIN_CUES = (
    r"user[ \t-]?name|user[ \t-]?id|user|log[ \t-]?in|log[ \t-]?on|login[ \t]+id|account[ \t]+name|"
    r"(?:dictated|typed|transcribed|printed|entered|amended|verified|signed)[ \t]+by|"
    r"handle|skype(?:[ \t]+id)?|teams[ \t]+id|nhsmail[ \t]+id"
)
# Words after a cue that say what was done with the code, not the code.
_NOT_CODES = frozenset(
    {"protected", "protect", "reset", "changed", "change", "set", "given", "required", "agreed",
     "known", "needed", "shared", "sent", "expired", "manager", "not", "none", "is", "was", "the",
     "a", "an", "to", "for", "and", "of", "with", "on", "by", "in", "at", "from", "only",
     "issued", "provided", "updated", "verified", "confirmed", "checked", "used", "entered",
     "failed", "locked", "unlocked", "forgotten", "lost", "requested", "discussed", "explained",
     "please", "see", "as", "above", "below", "n/a", "na", "nil", "unknown", "yes", "no", "tbc",
     "pending", "system", "dr", "doctor", "nurse", "me", "myself", "patient", "pt", "staff",
     "secretary", "clinician", "consultant", "registrar", "gp", "voice", "recognition",
     "dragon", "transcription", "proxy", "access", "details", "policy", "prompt", "field"}
)  # fmt: skip
_SECRET = re.compile(
    rf"(?i:(?<![\w-])(?:{_SECRET_CUES}))(?![\w-])"
    r"(?:[ \t]+(?i:for|of|to)(?:[ \t]+[^\W\d_][\w'’-]*){1,4}?)?"
    # One run of blanks, or blanks around a separator: two optional runs side by side made a
    # long run of blanks after a cue quadratic (each split of the run tried in turn).
    r"(?P<sep>[ \t]*(?:(?:[:=]|(?i:is|was|will[ \t]+be|agreed[ \t]+as|set[ \t]+as))[ \t]*)?)"
    r"(?P<q>[\"'‘“«]?)(?!(?i:for|of|to)\b)(?P<v>[^\W_][\w-]{2,30})(?P<cq>[\"'’”»]?)"
    r"(?![\w-]|[ \t]*:)"
)
_LOGIN = re.compile(
    rf"(?i:(?<![\w-])(?:{_LOGIN_CUES}))(?![\w-])[ \t]*(?:(?P<sep>[:=])[ \t]*)?"
    r"(?P<v>(?-i:[a-z][a-z0-9._-]{2,30}))(?![\w@-])"
)
_CLOSED = re.compile(r"[ \t]*(?:[,;()\]]|\.(?!\w)|$)", re.M)


def secret_word_candidates(text: str) -> Iterator[Redaction]:
    """Passwords, passcodes, code words and logins after their cue (see the module docstring)."""
    for match in skipped_finditer(_SECRET, text):
        value = match.group("v")
        if value.lower() in _NOT_CODES:
            continue
        quoted = bool(match.group("q")) and bool(match.group("cq"))
        colon = match.group("sep").strip() in (":", "=")
        if not (quoted or colon or _CLOSED.match(text, match.end("v"))):
            continue
        yield Redaction("id_number", match.start("v"), match.end("v"), value, label("id_number"))
    for match in skipped_finditer(_LOGIN, text):
        value = match.group("v")
        if value.lower() in _NOT_CODES or not _CLOSED.match(text, match.end("v")):
            continue
        if not match.group("sep") and not any(c.isdigit() for c in value):
            continue  # "user friendly", "login page": a word with no colon and no digit
        yield Redaction("id_number", match.start("v"), match.end("v"), value, label("id_number"))

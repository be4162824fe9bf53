"""The initials of a person the note names, where they stand for that person (round 14).

Staff sign a note by the initials of a name written out elsewhere in the same note ("Lydia
Marsh, health visitor ... review in 2 weeks, LM", "Midwife Orla Dunphy ... OD / KB"). Two or
three capitals that are the first letters of a found name's words are that person's where they
stand where only a signature does: on a line of initials alone ("OD / AK"), or at a line's end
after a comma or a slash where they are no known word. Elsewhere the same capitals abbreviate a
test or a side as often ("BP", "OD").

Review 14 (item 10): initials that are also a clinical abbreviation (an eye or a side, "OD",
"OS", "RE", "LL"; anything the abbreviation vocabulary or the clinical lists know) are read as
the abbreviation ("Optometrist Oliver Sutton ... OD / OS" is two eyes), unless a signature's
structure says otherwise: a signing label before them ("Signed: OD", "Verified by: LM / KB");
a line of initials where another of them is no abbreviation ("OD / KB": staff signing) or
where two of them are the initials of people the note names ("Midwife Orla Doyle ... Dr Aoife
Kinsella ... OD / AK": two eyes are never two people's); or the person's name written out on
the same line, the initials ending it after a comma or a slash ("Lydia Mercer SCPHN, LM").

The found names are read once and the note is scanned once for short runs of capitals; each
line is read at most once (review item 11: a line's bounds come from the newline offsets found
once, by bisection, never from a search of the line per capital pair).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation
from medlocal.privacy.deid_person_growth import lower_given_before
from medlocal.privacy.deid_spans import Redaction

_PERSON_KINDS = frozenset({"name", "patient_name"})
# A name's words: capitalised, perhaps hyphenated or with an apostrophe.
_NAME_WORD = re.compile(r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?")
_LOWER_NAME_WORD = re.compile(r"[a-zà-ÿ'’]{2,}(?:-[a-zà-ÿ'’]+)?")
# Two or three capitals standing alone (not inside a code, a word or an abbreviation with dots).
# Round 16: with a hyphen and the second part's letter for a double-barrelled surname ("GA-F").
_CAPITALS = re.compile(r"(?<![\w/.&'’-])[A-Z]{2,3}(?:-[A-Z])?(?![\w'’-]|\.\w)")
# A line of initials alone, joined by slashes, commas or "and" ("OD / AK", "KB, MT").
# Round 16: the initials may open the line before a gap of two spaces and a note ("OD / AK   next
# visit Tuesday"); only the initials before the gap are read as members.
# Session 44: a list of initials may follow a label and close its sentence before the next one
# ("Actions: RA, DP, MW. Next MDT Thurs"): minutes assign actions to the people present by
# their initials. Only initials of people the note names are taken from such a line, and the
# line signs only where two of them are people's or one is no abbreviation (as any line).
_INITIALS_LINE = re.compile(
    r"(?P<l>[ \t]*(?P<w>[A-Z][a-z]+)(?:[ \t]+[a-z]+)?[ \t]*:)?"
    r"(?P<i>[ \t]*[A-Z]{2,3}(?:-[A-Z])?(?:[ \t]*(?:/|,|&|and)[ \t]*[A-Z]{2,3}(?:-[A-Z])?)+)"
    r"[ \t]*(?:\.?(?:[ \t]{2,}[^\n]*)?|\.[ \t]+[A-Z][^\n]*)"
)
_MEMBER = re.compile(r"[A-Z]{2,3}(?:-[A-Z])?")
# After a comma or a slash, the initials end their line ("Lydia Marsh SCPHN, LM"). Possessive:
# a run of spaces is read once.
_LINE_END_AFTER = re.compile(r"[ \t]*+(?:\.[ \t]*+)?(?:\n|\Z)")
# Eyes and sides, which the abbreviation vocabulary may lack ("RL", "LL": right and left lower).
_SIDES = frozenset({"OD", "OS", "OU", "RE", "LE", "BE", "RL", "LL", "RU", "LU", "RUL", "LUL"})
# A signing label, then perhaps other initials, right before the initials: read in a window of
# this many characters before them (a constant cost per pair). A verb that is also prose
# ("checked", "reviewed") signs only with "by" or a colon ("Checked by: OD", not "checked OD").
_SIGNED_WINDOW = 48
_SIGNED_BEFORE = re.compile(
    r"(?i:(?<![a-z])(?:"
    r"(?:(?:counter)?sign(?:ed|ature)|verified|authori[sz]ed|initial(?:s|l?ed)|witnessed|sig\.?)"
    r"(?:[ \t]+by)?[ \t]*[:\-–]?"
    r"|(?:checked|approved|reported|dictated|reviewed)(?:[ \t]+by[ \t]*:?|[ \t]*:)))"
    r"[ \t]*(?:[A-Z]{2,3}[ \t]*(?:/|,|&|and)[ \t]*)*\Z"
)
# Between a signing name and its initials: its credentials, in capitals, within this many
# characters ("SCPHN(SN), ").
_CREDENTIALS = 32
_LOWER = re.compile(r"[a-z]")
# Before a signing name on its line: nothing, or one word (a title or a role: "Dr", "Midwife").
_LINE_OPENING = re.compile(r"[ \t]*(?:[A-Za-z.:-]+[ \t]+)?")

# How a line reads as a line of initials alone: not one, one where all are abbreviations, or a
# signing one (another of the initials is no abbreviation).
_NOT_INITIALS, _ABBREVIATIONS, _SIGNING = 0, 1, 2
# Review 44: vital signs, tests and units, listed after a label as often as initials are ("Obs:
# HR, BP.", "Bloods: FBC, CRP", "Plan: BP, ECG"): never a person's initials on a labelled line,
# even where two people named in the note share them (Helen Roberts, Bella Price).
_MEASURES = frozenset(
    {"HR", "BP", "RR", "PR", "SBP", "DBP", "MAP", "CVP", "JVP", "GCS", "EWS", "NEWS", "BM",
     "BMI", "BSL", "BGL", "CBG", "ECG", "EKG", "CXR", "AXR", "CT", "MRI", "USS", "FBC", "CBC",
     "UE", "LFT", "CRP", "ESR", "INR", "PT", "APTT", "ABG", "VBG", "TFT", "BNP", "CK", "LDH",
     "PSA", "MSU", "CSU", "ECHO", "PEF", "PEFR", "FEV", "FVC", "SAT", "SPO", "TPR", "MG",
     "MCG", "ML", "KG", "MMOL", "IU", "BPM", "OD", "BD", "TDS", "QDS", "PRN", "IV", "IM", "SC",
     "PO", "NG", "UO"}
)  # fmt: skip
# Review 44b (B1): the labels under which such a list is one of findings, tests or doses (the
# label's first word, in lower case). Under any other label ("Actions:", "Copy to:",
# "Handover:") capitals that are the initials of people the note names are theirs, even where
# they also read as a vital sign ("Copy to: PR, CR" for Paul Reid and Clare Roberts): an
# identifier left is worse than an abbreviation redacted.
_CLINICAL_LABELS = frozenset(
    {"obs", "observations", "vitals", "vital", "bloods", "blood", "labs", "lab", "tests", "test",
     "investigations", "ix", "results", "result", "plan", "monitoring", "monitor", "checks",
     "check", "recheck", "repeat", "request", "requested", "ordered", "pending", "sent",
     "imaging", "scans", "exam", "examination", "findings", "baseline", "baselines", "charts",
     "chart", "targets", "target", "dose", "doses", "frequency", "route", "units", "meds",
     "medications", "drugs", "rx"}
)  # fmt: skip


def name_initials_spans(text: str, spans: Iterable[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """Redactions of the initials of the people named in ``spans`` where they stand alone."""
    # Each person's initials, and where their names were found (to tell a name's own line).
    initials: dict[str, list[tuple[int, int]]] = {}
    for red in spans:
        if red.kind not in _PERSON_KINDS:
            continue
        words = _NAME_WORD.findall(red.original)
        where = (red.start, red.end)
        if not words and red.original.islower():
            # Round 16: a name typed in lower case ("tom hurrell") signs as "TH" too, its given
            # name found before the surname the rules took ("dr tom [hurrell]").
            given = lower_given_before(text, red.start, lex)
            words = [w.capitalize() for w in _LOWER_NAME_WORD.findall(given + red.original)]
            where = (red.start - len(given), red.end)
        if 2 <= len(words) <= 3:
            initials.setdefault("".join(w[0] for w in words), []).append(where)
            if "-" in words[-1]:
                # A double-barrelled surname signs with both parts ("GA-F").
                second = words[-1].split("-", 1)[1]
                letters = "".join(w[0] for w in words) + "-" + second[:1]
                initials.setdefault(letters, []).append(where)
                # Round 20: and with the second part's letter run in ("Kwame Hunter-Boateng
                # (KHB)").
                if len(words) == 2:
                    initials.setdefault(letters.replace("-", ""), []).append(where)
            if len(words) == 3:
                initials.setdefault(words[0][0] + words[2][0], []).append(where)
    if not initials:
        return
    for found in initials.values():
        found.sort()
    reader = _Lines(text, lex, initials)
    for match in _CAPITALS.finditer(text):
        word = match.group()
        if word not in initials:
            continue
        if _beside_its_name(text, match.start(), match.end(), initials[word]) or reader.signature(
            match.start(), match.end(), word
        ):
            yield Redaction("name", match.start(), match.end(), word, "[NAME]")


def _beside_its_name(text: str, start: int, end: int, found: list[tuple[int, int]]) -> bool:
    """Round 20: whether the initials at ``start:end`` stand in brackets right after the name
    they abbreviate ("Radiographer: Kwame Hunter-Boateng (KHB)"): a note saying who the initials
    used later stand for. Session 44: or joined to it by a slash, before or after ("RT /
    Rebecca Tennant, RM", "Rebecca Tennant / RT"): a signature giving both forms."""
    i = bisect_right(found, (start, -1))
    if i < len(found) and _SLASH.fullmatch(text, end, found[i][0]):
        return True  # "RT / Rebecca Tennant"
    if not i:
        return False
    name_end = found[i - 1][1]
    if _SLASH.fullmatch(text, name_end, start):
        return True  # "Rebecca Tennant / RT"
    if not text.startswith(")", end) or start < 2:
        return False
    return _OPENING_BRACKET.fullmatch(text, name_end, start) is not None


_OPENING_BRACKET = re.compile(r"[ \t]*\(")
# A slash between initials and a name on the same line; bounded, so each test is constant.
_SLASH = re.compile(r"[ \t]{0,3}/[ \t]{0,3}")


def _abbreviation(word: str, lex: Lexicon) -> bool:
    """Capitals that read as a clinical abbreviation or a known word ("OD", "BP", "ICU")."""
    return word in _SIDES or clinical_abbreviation(word) or lex.known(word.lower())


class _Lines:
    """The lines of a text, their bounds found once and each line's reading remembered."""

    def __init__(self, text: str, lex: Lexicon, initials: dict[str, list[tuple[int, int]]]) -> None:
        self._text = text
        self._lex = lex
        self._initials = initials  # each person's initials: where the names were found
        self._newlines: list[int] | None = None  # found on the first pair that needs them
        self._kinds: dict[int, int] = {}
        # The lines of initials that follow a clinical label ("Obs:", "Bloods:", "Plan:").
        self._clinical: set[int] = set()
        self._abbreviations: dict[str, bool] = {}  # a note repeats its initials

    def abbreviation(self, word: str) -> bool:
        known = self._abbreviations.get(word)
        if known is None:
            known = self._abbreviations[word] = _abbreviation(word, self._lex)
        return known

    def _bounds(self, start: int) -> tuple[int, int]:
        """(start, end) of the line holding ``start``, by bisection of the newline offsets."""
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self._text)]
        i = bisect_right(self._newlines, start - 1)
        line_start = self._newlines[i - 1] + 1 if i else 0
        line_end = self._newlines[i] if i < len(self._newlines) else len(self._text)
        return line_start, line_end

    def _kind(self, line_start: int, line_end: int) -> int:
        kind = self._kinds.get(line_start)
        if kind is None:
            kind = _NOT_INITIALS
            line = _INITIALS_LINE.fullmatch(self._text, line_start, line_end)
            if line is not None:
                members = _MEMBER.findall(self._text, line.start("i"), line.end("i"))
                mixed = any(not self.abbreviation(m) for m in members)
                people = len({m for m in members if m in self._initials})
                # Review 44b (B1): a labelled line signs as any line does (a member that is no
                # abbreviation, or two people's initials: "Actions: RA, DP." after Ruth Adams
                # and David Patel); only under a clinical label do the vital signs, tests and
                # units among them stay (see signature).
                label = line.group("w")
                if label is not None and label.lower() in _CLINICAL_LABELS:
                    self._clinical.add(line_start)
                kind = _SIGNING if mixed or people >= 2 else _ABBREVIATIONS
            self._kinds[line_start] = kind
        return kind

    def signature(self, start: int, end: int, word: str) -> bool:
        """Whether initials at ``start:end`` stand where a signature does: on a line of two
        initials or more alone ("OD / AK"), or, where they are no known word, ending the line
        after a comma or a slash ("Lydia Marsh SCPHN, LM"). One capital pair alone on its line
        is as often a heading ("OD" over an eye's findings). Initials that are an abbreviation
        sign only after a signing label, on a signing line of initials, or ending the line of
        the name they stand for."""
        text = self._text
        line_start, line_end = self._bounds(start)
        if self.abbreviation(word):
            if _SIGNED_BEFORE.search(text, max(line_start, start - _SIGNED_WINDOW), start):
                return True
            if self._kind(line_start, line_end) == _SIGNING:
                # A vital sign, a test or a unit listed after a clinical label stays, even
                # beside initials that are people's ("Obs: HR, BP, JT."); after any other
                # label it is a person's ("Handover: HR, BP." after Helen Roberts and Bella
                # Price).
                return not (line_start in self._clinical and word in _MEASURES)
            # The name written out opening the same line, then only its letters before the
            # initials ("Lydia Mercer SCPHN(SN), LM"; not "Oliver Sutton: drops OD, OS").
            found = self._initials[word]
            i = bisect_right(found, (start, -1))
            if not i:
                return False
            name_start, name_end = found[i - 1]
            if (
                name_start < line_start
                or start - name_end > _CREDENTIALS
                or not _LINE_OPENING.fullmatch(text, line_start, name_start)
                or _LOWER.search(text, name_end, start)
            ):
                return False
        elif self._kind(line_start, line_end) != _NOT_INITIALS:
            return True
        k = start - 1
        while k >= line_start and text[k] in " \t":
            k -= 1
        return k >= line_start and text[k] in ",/" and _LINE_END_AFTER.match(text, end) is not None

"""The sections of a report: a heading and the short rows written under it.

Echo, radiology, lung-function and lab reports name an organ, a valve or a panel once and then
write what belongs to it in short rows or sentences that do not name it again:

    Mitral valve: thickened; area 1.8 cm2
    Aortic valve: trileaflet. Peak velocity 2.9 m/s.
    POST-BRONCHODILATOR
    FEV1 2.3 L (72% predicted)
    FVC 3.4 L

Two kinds of heading are read:

- a label opening a line or a sentence, a few words and no figure, before a ":" and text that
  does not open with a figure ("Aortic valve: trileaflet"; "Sodium: 138 mmol/L" is a row, a
  label and its value). Its rows are the rest of its sentence and, while the section reads as a
  report's findings, the sentences after it on its line, up to the next sentence opening with
  such a label ("... Mitral valve: mild regurgitation" is the mitral valve's). A label whose
  first clause says what was done or is to be done rather than found ("CSF: LP deferred",
  "Urine: sent for culture", "Pleural fluid: not sampled") keeps only its own sentence: what
  follows is another result ("Protein 72 g/L" is no CSF protein). A later sentence naming
  another specimen or subject ("Maternal heart rate 110" after "Fetal:", "Sodium 131 on U&E"
  after "Urine:") is that one's, and ends the section (review47 R5).
  A later sentence opening with a laboratory test ("Albumin 28 g/L" after "Ascites: moderate on
  US") is that test's result and ends the section too, unless the label names a sample or
  fluid, any one ("CSF: clear. Glucose 2.1" is the CSF glucose, "Pleural fluid: turbid. Lactate
  4.1" the pleural fluid's lactate; left48b, review48 R4) other than sputum or stool, which
  laboratories culture, not measure ("Sputum: purulent. CRP 80" is the blood's CRP).
- a line of its own, a few words with no figure, not ending a sentence ("AORTIC VALVE", "Renal
  panel"), or such words and the date in brackets ("Renal profile (12/03/2026)"; the heading is
  its words). Its rows are the lines below it, up to a blank line, the next such line or the
  next line opening with a heading's label. A figure-less short row reads as the next heading,
  so it ends the section (a row is known by its figure or its full stop), but for one plain
  word right under the heading ("AORTIC VALVE" above "Trileaflet"): a finding, not a heading of
  its own, unless written in capitals or naming a sample ("Urine").

Each row is one clause (a report's ";" and "." part its findings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medlocal.measured_things import LAB_TESTS, find_measures
from medlocal.sentence_ends import sentence_pieces

# A heading's words: letters (accented ones too: "Válvula aórtica", "HÄMATOLOGIE"), spaces and the
# marks a label uses ("Left ventricle (LV)", "Post-bronchodilator", "Kidneys/ureters"); no figure,
# so no value or date is a heading.
_HEADING_TEXT = r"[^\W\d_](?:[^\W\d_]|[ /()'&-]){0,40}"
# The date a heading may carry in brackets: "Renal profile (12/03/2026)", "LFT [2026-03-12]",
# "Echo (12 Mar 2026)".
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})"
)
_HEADING_LINE = re.compile(
    rf"(?P<words>{_HEADING_TEXT})(?:\s*(?:\(\s*{_DATE}\s*\)|\[\s*{_DATE}\s*\]))?\s*:?", re.I
)
# A sentence opening with labels: "Aortic valve: ...", "Findings: Aortic valve: ..." (the last
# label is the heading), when what follows does not open with a figure (a label and its value).
_LABELS = re.compile(rf"(?:{_HEADING_TEXT}:\s+)*(?P<label>{_HEADING_TEXT}):\s*(?=[^\s\d<>~±+-])")
_HEADING_WORDS = 5
# A label's first clause that reports an action or a plan, not a finding: the sentences after
# it are not the label's results.
_NOT_A_FINDING = re.compile(
    r"\b(?:deferred|postponed|cancell?ed|awaited|awaiting|pending|requested|ordered|booked|"
    r"planned|sent|declined|refused|unable|failed|to\s+be|will\s+be|not\s+(?:yet\s+)?"
    r"(?:sampled|done|performed|obtained|taken|sent|collected|tested|measured|assessed|"
    r"examined|checked|repeated|requested|available))\b",
    re.IGNORECASE,
)
# Words naming a specimen or a subject of its own: a sentence holding one (not the label's own)
# is about that, not the label ("Fetal:" ... "Maternal heart rate"; "Urine:" ... "on U&E").
_OTHER_SUBJECT = re.compile(
    r"(?<![\w&])(?:maternal|fetal|foetal|neonatal|cord|serum|plasma|blood|urine|urinary|csf|"
    r"pleural|ascitic|ascites|peritoneal|synovial|capillary|venous|arterial|sputum|stool|"
    r"dialysate|effluent|bile|bal|bronchoalveolar|pericardial|amniotic|"
    r"U\s?(?:&|\+|and)\s?Es?)(?![\w&])",
    re.IGNORECASE,
)
# Words naming a sample or fluid sent to the laboratory: a label holding one ("CSF: clear",
# "Pleural fluid: turbid", "Dialysate: cloudy", "Drain fluid: milky") carries every test
# written after it ("Lactate 4.1 mmol/L" is the pleural fluid's), whichever tests that sample
# is usually sent for: a table of them missed the pleural lactate, the urine chloride and
# every fluid outside it (review48 R4). "Ascites" names a finding, not the fluid tapped from
# it ("ascitic"), and "fluid balance" or "fluid restriction" is no sample. Sputum and stool
# are sent for culture and microscopy, not for the chemistry and counts of LAB_TESTS: "Sputum:
# purulent. CRP 80" gives the blood's CRP, so their labels end at a laboratory test.
_SAMPLE = re.compile(
    r"(?<![\w&])(?:serum|plasma|blood|venous|arterial|capillary|cord|urine|urinary|csf|"
    r"pleural|ascitic|peritoneal|synovial|pericardial|amniotic|dialysate|effluent|bile|"
    r"biliary|bal|bronchoalveolar|lavage|washings|aspirate|"
    r"fluid(?!\s+(?:balance|status|restriction|overload|intake|output|resuscitation|chart))|"
    r"U\s?(?:&|\+|and)\s?Es?)(?![\w&])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Section:
    """A heading and the clauses written under it."""

    heading: str
    rows: tuple[str, ...]


def report_sections(text: str) -> list[Section]:
    """Each heading of ``text`` with the rows that belong to it (see the module's text)."""
    lines = [line.strip() for line in text.split("\n")]
    found: list[Section] = []
    findings: set[int] = set()  # the lines read as a one-word finding under the heading above
    for index, line in enumerate(lines):
        heading = _heading_line(line)
        if heading is not None and index not in findings:
            body = []
            for below_index, below in enumerate(lines[index + 1 :], start=index + 1):
                if below_index == index + 1 and _one_word_finding(below):
                    findings.add(below_index)
                elif not below or _heading_line(below) is not None or _label(below) is not None:
                    break
                body.append(below)
            found.append(Section(heading, _clauses(body)))
        found.extend(_labelled(line))
    return [section for section in found if section.rows]


def _one_word_finding(line: str) -> bool:
    """Whether a heading-shaped line is one plain word ("Trileaflet", "Normal"): under a
    heading, its finding. A word in capitals or one naming a sample ("URINE", "Blood") heads
    a section of its own."""
    return (
        len(line.split()) == 1
        and _heading_line(line) is not None
        and not line.endswith(":")
        and not line.isupper()
        and _OTHER_SUBJECT.fullmatch(line) is None
    )


def _labelled(line: str) -> list[Section]:
    """The sections a line opens with labels: one per sentence that opens with one, holding
    the rest of that sentence and the sentences after it up to the next label."""
    found: list[tuple[str, list[str]]] = []
    carries = False  # whether the next sentence may still be the last label's
    for sentence in sentence_pieces(line):
        label = _label(sentence)
        if label is not None:
            rows = sentence[label[1] :]
            found.append((label[0], [rows]))
            carries = not _NOT_A_FINDING.search(_clauses_of(rows)[0])
        elif (
            found
            and carries
            and not _names_other_subject(sentence, found[-1][0])
            and not _opens_with_other_test(sentence, found[-1][0])
        ):
            found[-1][1].append(sentence)
        else:
            carries = False
    return [Section(heading, _clauses(body)) for heading, body in found]


def _names_other_subject(sentence: str, heading: str) -> bool:
    """Whether ``sentence`` names a specimen or subject that ``heading`` does not."""
    own = {m.group().lower() for m in _OTHER_SUBJECT.finditer(heading)}
    return any(m.group().lower() not in own for m in _OTHER_SUBJECT.finditer(sentence))


def _opens_with_other_test(sentence: str, heading: str) -> bool:
    """Whether ``sentence`` opens with a laboratory test while ``heading`` names no sample
    ("Albumin 28 g/L" after "Ascites: moderate on US" is the blood's albumin)."""
    measures = find_measures(sentence)
    if not measures or sentence[: measures[0][0]].strip() or measures[0][2] not in LAB_TESTS:
        return False
    return _SAMPLE.search(heading) is None


def _label(sentence: str) -> tuple[str, int] | None:
    """The heading a sentence opens with and where its rows start, if it opens with one."""
    match = _LABELS.match(sentence)
    if match is None or len(match.group("label").split()) > _HEADING_WORDS:
        return None
    return match.group("label").strip(), match.end()


def _heading_line(line: str) -> str | None:
    """The heading a line of its own is (its words, without a date in brackets), if it is one."""
    match = _HEADING_LINE.fullmatch(line)
    if match is None or not match.group("words"):
        return None
    words = match.group("words").strip()
    return words if len(words.split()) <= _HEADING_WORDS else None


def _clauses(body: list[str]) -> tuple[str, ...]:
    return tuple(c.strip() for part in body for c in _clauses_of(part) if c.strip())


def _clauses_of(text: str) -> list[str]:
    """The clauses of ``text``: its sentences (medlocal/sentence_ends.py) cut at semicolons."""
    return [clause for sentence in sentence_pieces(text) for clause in sentence.split(";")]

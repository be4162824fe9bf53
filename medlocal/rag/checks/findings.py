"""Diagnoses and findings: a condition the cited passages do not name ("renal failure" against
"CKD stage 3b/4 ... nephropathy"), and a condition the passages give only as likely or
suspected that the sentence states as certain (walk 51b: both passed, the word checks judged
drugs and numbers only and the whole sentence's share of words was high enough).

A condition is found by its head word: a word that names a condition by its ending (-itis,
-osis, -opathy, -aemia, -oma, ...) or one of the nouns notes build diagnoses on ("failure",
"infarction", "fracture"); a generic head ("failure", "disease", "injury") is named only with
the word before it ("renal failure" is not "heart failure"). Whether the passages hold it is
read as the coverage check reads words (rag/coverage.py: stems, abbreviations spelled out,
"CKD" covers "chronic kidney disease")."""

from __future__ import annotations

import re

from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted, sentence_at
from medlocal.rag.coverage import STOPWORDS, coverage, stem
from medlocal.rag.medications import MedicationLexicon

# Nouns that name a condition only with the word before them ("renal failure"). Only these are
# checked for being named at all: a condition of one word ("hepatitis", "COPD", "diabetes") is
# written in notes by shorthand that no shipped list knows ("Hep C", "QuantiFERON-TB", "AECOPD",
# "GDM", "PPH"), which cost 18 false alarms on 1,023 good sentences of the grounding_eval
# development parts; and "cancer", "lesion", "ulcer", "haemorrhage" are named by many things
# ("HCC", "Gleason 3+4", "PPH").
_GENERIC_HEADS = frozenset(
    {"failure", "disease", "injury", "insufficiency", "syndrome", "infarction", "embolism",
     "thrombosis", "obstruction", "stenosis", "effusion"}
)  # fmt: skip
# Nouns that name a condition whose hedge is checked ("likely ... nephropathy").
_HEDGED_ONLY = frozenset(
    {"cancer", "carcinoma", "tumour", "tumor", "fracture", "haemorrhage", "hemorrhage", "ulcer",
     "lesion", "mass", "nodule", "disorder", "infection"}
)  # fmt: skip
# Nouns that name a condition alone.
_HEADS = frozenset(
    {"pneumonia", "sepsis", "stroke", "asthma", "diabetes", "hypertension", "hypotension",
     "dementia", "delirium", "cellulitis", "osteoporosis", "gout", "angina", "malignancy",
     "metastases", "metastasis", "fibrillation", "flutter", "ketoacidosis", "anaemia",
     "anemia", "cirrhosis", "pancreatitis", "hepatitis", "nephropathy", "neuropathy",
     "retinopathy", "cardiomyopathy", "encephalopathy", "myelopathy", "lymphoma", "melanoma",
     "leukaemia", "leukemia", "myeloma", "psoriasis", "tuberculosis", "epilepsy", "seizure",
     "seizures", "depression", "schizophrenia", "copd", "ckd", "aki", "dvt", "tia"}
)  # fmt: skip
_SUFFIX = re.compile(r"(?:itis|osis|opathy|aemia|emia|oma)$")
# Words before a generic head that say how, not what ("worsening renal failure"): skipped to
# the word before them.
_HOW = frozenset(
    {"acute", "chronic", "worsening", "new", "severe", "mild", "moderate", "known",
     "recurrent", "end-stage", "progressive", "early", "advanced", "established",
     "possible", "likely"}
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z\-']*")
# A hedge before a condition in the passage: "likely diabetic and hypertensive nephropathy",
# "?PE", "suspected sepsis", "query cellulitis".
_HEDGE = re.compile(
    r"(?:\b(?:likely|probable|probably|possible|possibly|suspected|suspicion\s+of|presumed"
    r"|presumptive|query|queried|questionable|differential|r/o|rule\s+out|cannot\s+exclude"
    r"|consistent\s+with|suggestive\s+of|in\s+keeping\s+with|may\s+be|might\s+be|could\s+be)"
    r"|\?)\s*",
    re.IGNORECASE,
)
# A hedge word in the sentence keeps the passage's doubt.
_SENTENCE_HEDGE = re.compile(
    r"\b(?:likely|probable|probably|possible|possibly|suspected|suspicion|presumed|presumptive"
    r"|query|queried|questionable|differential|uncertain|unconfirmed|may|might|could|consider"
    r"|considered|thought|felt|suggest\w*|consistent|keeping|versus|vs|or|rule|r/o|exclude)\b"
    r"|\?",
    re.IGNORECASE,
)


def _is_head(word: str) -> bool:
    low = word.lower()
    return (
        low in _GENERIC_HEADS
        or low in _HEDGED_ONLY
        or low in _HEADS
        or (len(low) > 6 and bool(_SUFFIX.search(low)))
    )


def _conditions(body: str) -> list[tuple[int, str, str]]:
    """(offset, phrase, head) of each condition ``body`` names: the head word, with the word
    that says what for a generic head ("renal failure", "acute kidney injury": the word before
    the head, past words that say how); a generic head with no such word right before it
    ("failure to thrive", "because the disease") is left out."""
    words = list(_WORD.finditer(body))
    found: list[tuple[int, str, str]] = []
    for i, match in enumerate(words):
        head = match.group()
        if not _is_head(head):
            continue
        if head.lower() not in _GENERIC_HEADS:
            found.append((match.start(), head, head))
            continue
        j = i - 1
        while (
            j >= 0 and words[j].group().lower() in _HOW and _adjacent(body, words[j], words[j + 1])
        ):
            j -= 1
        if j < 0 or not _adjacent(body, words[j], words[j + 1]):
            continue
        what = words[j].group().lower()
        if what in STOPWORDS or len(what) < 3:
            continue
        found.append((words[j].start(), body[words[j].start() : match.end()], head))
    return found


def _adjacent(body: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Whether only spaces stand between two words ("renal failure", not "saline, the")."""
    return not body[first.end() : second.start()].strip()


def check_findings(
    check: SentenceCheck,
    body: str,
    cited: list[int],
    evidence_text: str,
    lexicon: MedicationLexicon,
) -> None:
    """Flag each condition of the sentence that the cited passages do not name
    ("weak_support", naming the words), and each they name only after a hedge that the
    sentence states without one ("hypothetical_conflict")."""
    hedged_sentence = _SENTENCE_HEDGE.search(body) is not None
    # A sentence already flagged as weakly supported as a whole: its missing words are listed.
    weak = any(f.kind == "weak_support" for f in check.flags)
    for at, phrase, head in _conditions(body):
        if lexicon.find(phrase):
            continue  # a drug's name ("... hydrochloride"): the medication check's
        if head != phrase and not weak and not _named(phrase, head, evidence_text, lexicon):
            which = ", ".join(f"[{n}]" for n in cited)
            check.add(
                "weak_support",
                phrase,
                f"'{phrase}': "
                + (
                    f"the cited passages {which} do not name this condition; they may not"
                    if len(cited) > 1
                    else f"the cited passage {which} does not name this condition; it may not"
                )
                + " support the sentence",
                at,
                passage=cited[0],
            )
            continue
        if hedged_sentence:
            continue
        hedge = _hedge_before(head, evidence_text)
        if hedge is not None:
            check.add(
                "hypothetical_conflict",
                phrase,
                f"'{phrase}' is stated as certain, but the cited passage gives it as"
                f" uncertain ('{hedge.strip()}')",
                at,
                quote=quoted(sentence_at(evidence_text, evidence_text.lower().find(hedge.lower()))),
                passage=cited[0],
            )


def _named(phrase: str, head: str, evidence: str, lexicon: MedicationLexicon) -> bool:
    """Whether ``evidence`` names the condition ``phrase`` (its word saying what, and its
    head), or does not speak of what it is of at all: in words, stems or the shipped
    abbreviations (rag/coverage.py), or by an acronym holding both initials ("ESKD" for
    "kidney disease", "HFrEF" for "heart failure", "AKI" for "kidney injury"), as notes
    shorten diagnoses."""
    what = _WORD.findall(phrase)[0]
    missing = coverage(f"{what} {head}", evidence, lexicon).missing
    own = {stem(w.lower()) for w in _WORD.findall(evidence)}
    if not missing or stem(what.lower()) not in own:
        # Named; or of an organ or kind the passages do not name in their own words ("heart
        # failure" beside "NYHA II", whose sense holds "heart"): only a condition the passages
        # name otherwise for what they do speak of ("renal failure" in a renal letter of CKD
        # and nephropathy) is flagged, the rest is left to the sentence's share of words
        # (check_coverage).
        return True
    initials = (what[0] + head[0]).upper()
    return any(initials in token for token in _ACRONYM.findall(evidence))


_ACRONYM = re.compile(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b")


def _hedge_before(head: str, evidence: str) -> str | None:
    """The passage's words from a hedge to ``head`` ("likely diabetic and hypertensive
    nephropathy"), where every mention of the head in the passages follows a hedge within its
    clause; None where one mention is plain."""
    # The word itself, not its stem: "diabetic" in "likely diabetic nephropathy" is no mention
    # of diabetes.
    target = head.lower().removesuffix("s")
    mentions = [
        m for m in _WORD.finditer(evidence) if m.group().lower().removesuffix("s") == target
    ]
    if not mentions:
        return None
    first = None
    for m in mentions:
        clause_start = max((evidence.rfind(ch, 0, m.start()) for ch in ".;:\n"), default=-1) + 1
        hedges = list(_HEDGE.finditer(evidence, clause_start, m.start()))
        if not hedges:
            return None
        between = evidence[hedges[-1].end() : m.start()]
        if len(_WORD.findall(between)) > 4:
            return None
        if first is None:
            first = evidence[hedges[-1].start() : m.end()]
    return first

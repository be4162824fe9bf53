"""Requested tests: a result given for a test the cited passages only request, plan or await
(walk 42g: "her coronary angiogram showing a reduced ejection fraction [1]" where the letter
says only "I have requested a coronary angiogram"). A test asked for is no test done: what it
"showed" is invented, however well the other words of the sentence match the passage.

Read plainly on both sides, so that a passage that does give a result is never overruled: the
sentence must name the test with a word of its result right after it ("angiogram showed",
"CT revealing") and no word of a request of its own ("the angiogram requested because ...");
every sentence of the cited passages that names the test must say it is requested, planned,
pending or booked, and none may give a word of a result. A passage sentence naming the test
without a request ("Echo: EF 38%") may be its result, and stops the flag."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted
from medlocal.rag.sentences import split_sentences

# Tests whose result a record reports; a word here stands for the test in both texts. Plural
# and "-graphy" forms name the same test ("angiography" for "angiogram").
_TESTS = (
    "angiogram", "angiography", "echocardiogram", "echocardiography", "echo", "ct", "mri",
    "scan", "ultrasound", "x-ray", "xray", "radiograph", "mammogram", "biopsy", "endoscopy",
    "colonoscopy", "gastroscopy", "ogd", "bronchoscopy", "cystoscopy", "ecg", "ekg", "holter",
    "eeg", "emg", "nerve conduction studies", "spirometry", "lung function test", "pet scan",
    "pet-ct", "dexa", "dxa", "bone scan", "doppler", "venogram", "ctca",
    "cardiac catheterisation", "cardiac catheterization", "stress test", "exercise test",
    "myocardial perfusion scan",
)  # fmt: skip
# Longest first, so that "bone scan" is one test rather than "scan".
_TEST = re.compile(
    r"\b(?P<test>"
    + "|".join(re.escape(t) for t in sorted(_TESTS, key=len, reverse=True))
    + r")s?\b",
    re.IGNORECASE,
)

# A result right after the test's name: "angiogram showed", "CT revealing", "the scan was
# normal", "MRI: no acute ..." is left out (a colon may head a request as well as a result).
_RESULT_AFTER = re.compile(
    r"^\W{0,3}(?:\w+\s+){0,2}?(?:show(?:s|ed|ing|n)?|reveal(?:s|ed|ing)?|demonstrat(?:es|ed|"
    r"ing)|confirm(?:s|ed|ing)|found|find(?:s|ing|ings)?|result(?:s|ed)?|"
    r"(?:was|were|is|came\s+back)\s+(?:normal|abnormal|unremarkable|clear|negative|positive))\b",
    re.IGNORECASE,
)
# Any word of a result in a passage's sentence naming the test: then it may give one.
_RESULT_WORD = re.compile(
    r"\b(?:show(?:s|ed|ing|n)?|reveal(?:s|ed|ing)?|demonstrat\w*|confirm\w*|found|findings?|"
    r"results?|reported|normal|abnormal|unremarkable|negative|positive|consistent with|"
    r"suggest\w*|no evidence|stenos[ie]s|occlu\w+|ef|lvef|ejection|performed|done|"
    r"carried out|underwent|undergone)\b",
    re.IGNORECASE,
)
# A request, a plan or a wait: what is asked for, not yet done.
_REQUESTED = re.compile(
    r"\b(?:request(?:ed|ing)?|plan(?:s|ned|ning)?|pending|await(?:s|ed|ing)?|booked|"
    r"arrang(?:e|ed|ing)|to\s+be\s+(?:arranged|booked|done|requested|performed)|"
    r"referr?(?:ed|al)\s+for|schedul(?:e|ed|ing)|due\s+(?:on|in|for|next)|will\s+(?:have|need|undergo|arrange|"
    r"book|request)|would\s+(?:benefit|like)|on\s+the\s+waiting\s+list|waiting\s+list|"
    r"ordered)\b",
    re.IGNORECASE,
)


def _key(test: str) -> str:
    """One spelling for a test's name: "Angiography" and "angiograms" are "angiogram"."""
    word = " ".join(test.lower().split())
    for long, short in (("graphy", "gram"), ("x-ray", "xray"), ("ekg", "ecg"), ("dxa", "dexa")):
        word = word.replace(long, short)
    return word.removesuffix("s") if word.endswith("grams") else word


def _clauses(sentence: str) -> list[str]:
    """A sentence's clauses to its semicolons: "Impression: reduced ejection fraction; I have
    requested a coronary angiogram" gives the ejection fraction of no angiogram."""
    return [part for part in sentence.split(";") if part.strip()]


def check_requested_tests(
    check: SentenceCheck, body: str, cited: Sequence[int], passages: Mapping[int, str]
) -> None:
    """Flag (``hypothetical_conflict``) a result the sentence gives for a test that every cited
    passage naming it only requests, plans or awaits."""
    if not cited or _REQUESTED.search(body):
        return
    for match in _TEST.finditer(body):
        if not _RESULT_AFTER.search(body[match.end() :]):
            continue
        test = _key(match.group("test"))
        naming = [
            (n, text)
            for n in cited
            for s in split_sentences(passages[n])
            for text in _clauses(s.text)
            if any(_key(m.group("test")) == test for m in _TEST.finditer(text))
        ]
        if not naming or not all(
            _REQUESTED.search(text) and not _RESULT_WORD.search(text) for _, text in naming
        ):
            continue
        n, text = naming[0]
        check.add(
            "hypothetical_conflict",
            match.group("test"),
            f"'{match.group('test')}': the cited passage says it was requested or planned and "
            f"gives no result of it: {quoted(text)}",
            match.start(),
            quote=quoted(text),
            passage=n,
        )
        return

"""Allergies: a drug the text gives as an allergy or intolerance must be given as one by a
passage it cites (walk 38: "Colchicine [2]" under "Allergies and intolerances", where note 2
prescribes colchicine for gout). A passage that only names the drug, prescribing it, does not
back it: "unsupported_allergy".

A drug is given as an allergy when its sentence stands under a heading about allergies or
intolerances that names no medications ("Current medications and allergies" lists both: its
sentences are read by the rules that follow), or when the sentence ties it to one ("allergic
to penicillin", "allergic reaction to penicillin", "penicillin allergy", "intolerant of
codeine", "Allergies: penicillin, latex, …", "Allergy - penicillin", "penicillin - rash",
"penicillin caused anaphylaxis").

A passage gives it as one when the words about the drug say allergy, intolerance, reaction,
ADR, anaphylaxis, hypersensitivity, rash and the like, not negated ("no rash", "Allergies: none
known", "NKDA" back nothing): the drug's own sentence, from the label before it ("Allergies:",
not "Medications:") to the next; the sentence before one that has no label of its own; or the
label or heading a list of short lines stands under ("Allergies:\n- Penicillin\n- Codeine",
"DRUG ALLERGIES\n1. Penicillin"), read upward through the raw passage, since
``split_sentences`` leaves label-only lines out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted
from medlocal.rag.medications import MedicationLexicon
from medlocal.rag.sentences import split_sentences

# A heading of a section that lists allergies ("Allergies and intolerances", "Adverse reactions").
_ALLERGY_HEADING = re.compile(r"allerg|intoleran|adverse|sensitivit", re.IGNORECASE)
# A heading that names medications as well ("Current medications and allergies"): not an
# allergy heading (review 35: every drug of the referral letter's section was flagged). "Drug
# allergies" and "Adverse drug reactions" name no medications.
_MEDICATION_HEADING = re.compile(
    r"\b(?:medications?|medicines?|prescri\w*|treatments?|therap\w*"
    r"|drugs?(?!\s+(?:allerg|intoleran|reaction|sensitiv|hypersensitiv)))\b",
    re.IGNORECASE,
)
# What a passage says when it gives a drug as an allergy or intolerance ("NKDA" gives none).
_ALLERGY_WORDS = re.compile(
    r"\b(?:allerg\w*|intoleran\w*|hypersensitiv\w*|anaphyla\w*|reactions?|ADRs?|adverse"
    r"|sensitivit\w*|angio-?o?edema|urticaria|rash\w*|hives|contra-?indicat\w*)\b",
    re.IGNORECASE,
)
# An allergy word negated: "no rash", "no known drug allergies", "not allergic", "denies".
_NEGATION_BEFORE = re.compile(
    r"\b(?:no|not|nil|denies|denied|without|negative\s+for)\b(?:\W+\w+){0,2}\W*$", re.IGNORECASE
)
# "Allergies: none known", "Allergies - nil", "Allergies: NKDA".
_NEGATION_AFTER = re.compile(
    r"^\s*[:\-–—]?\s*(?:none|nil|no\b|not\s+known|unknown|NKDA|NKA)", re.IGNORECASE
)
# A label: one to four words and a colon ("Allergies:", "Medications:", "Allergic to:") at the
# start of a line or after punctuation; not the end of a phrase ("PCN allergy listed -
# reaction: childhood rash" is one statement, heldout4 m12).
_LABEL = re.compile(
    r"(?:^|(?<=[.;,(]))[ \t]*([A-Za-z][A-Za-z/&'\-]*(?:[ \t]+[A-Za-z/&'\-]+){0,3})[ \t]*:(?!\d)",
    re.MULTILINE,
)
# A list item's mark: "- ", "• ", "1. ", "2) ".
_LIST_MARK = re.compile(r"^\s*(?:[-*•·–]+\s*|\d{1,3}[.)]\s*)")
# A short line, as list items are ("Penicillin - rash", "Codeine"), in words.
_SHORT_LINE = 6

# The words of a sentence that tie a drug to an allergy: "allergic to", "allergic reaction
# to", "intolerance of", "allergies:", "allergy - "; the drugs follow as a list of short items
# ("penicillin, codeine (vomiting), morphine, aspirin and amoxicillin"). A bare "no known drug
# allergies and uses salbutamol" ties nothing (heldout6 r04).
_ITEM = r"[\w/\-]+(?:\s+[\w/\-]+){0,2}(?:\s*\([^)]*\))?"
_ALLERGY_BEFORE = re.compile(
    r"\b(?:(?:allerg\w*|intoleran\w*|hypersensitiv\w*|sensitivit\w*|anaphyla\w*|ADRs?)"
    r"(?:\s+reactions?)?|reactions?)"
    r"(?:\s+(?:to|of)\b\s*:?\s*|\s*[:–—]\s*|\s+-\s+)"
    rf"((?:{_ITEM}(?:,\s*(?:and\s+|or\s+)?|;\s*|\s+(?:and|or)\s+)){{0,11}}{_ITEM})",
    re.IGNORECASE,
)
# "penicillin allergy", "codeine intolerance", "amoxicillin - rash", "amoxicillin caused
# anaphylaxis": the drug just before the words.
_ALLERGY_AFTER = re.compile(
    r"([\w/\-]+)\s*(?:\([^)]*\)\s*)?"
    r"(?:[–—:]\s*|\s-\s*|(?:caused|causes|causing|gave|triggered|provoked|led\s+to)\s+"
    r"(?:an?\s+)?(?:[a-z]+\s+)?)?"
    r"(?:allerg\w*|intoleran\w*|hypersensitiv\w*|anaphyla\w*|rash\w*|urticaria|hives"
    r"|angio-?o?edema|reactions?)\b",
    re.IGNORECASE,
)


def stated_allergies(body: str, heading: str, lexicon: MedicationLexicon) -> list[tuple[int, str]]:
    """(offset in ``body``, drug) for each drug ``body`` gives as an allergy or intolerance."""
    spans = lexicon.spans(body)
    if _ALLERGY_HEADING.search(heading) and not _MEDICATION_HEADING.search(heading):
        return [(start, name) for start, _, name in spans]
    tied: set[int] = set()
    for match in [*_ALLERGY_BEFORE.finditer(body), *_ALLERGY_AFTER.finditer(body)]:
        # "no reaction to amoxicillin", "not allergic to", "no penicillin allergy": none given.
        if not _NEGATION_BEFORE.search(body[: match.start()]):
            tied |= {s for s, _, _ in spans if match.start(1) <= s < match.end(1)}
    return [(start, name) for start, _, name in spans if start in tied]


def _says_allergy(text: str) -> bool:
    """Whether ``text`` gives something as an allergy: an allergy word not negated."""
    for match in _ALLERGY_WORDS.finditer(text):
        if _NEGATION_BEFORE.search(text[: match.start()]):
            continue
        if _NEGATION_AFTER.search(text[match.end() :]):
            continue
        return True
    return False


def _name_starts(text: str, name: str, lexicon: MedicationLexicon) -> list[int]:
    """Where ``text`` names ``name`` (or another name of the drug); [] for none, [0] when only a
    clipped combination names it ("amox/clav")."""
    found = [s for s, _, n in lexicon.spans(text) if n == name or lexicon.same_drug(name, n)]
    if not found:
        pattern = r"\s+".join(re.escape(word) for word in name.split())
        found = [m.start() for m in re.finditer(rf"(?<![A-Za-z]){pattern}(?![A-Za-z])", text, re.I)]
    if not found and lexicon.supported(text, name):
        found = [0]
    return found


def _scope(text: str, at: int) -> tuple[str, bool]:
    """The words of ``text`` about the drug at ``at``: from the label before it (or the start)
    to the next label; and whether a label comes before it."""
    start, labelled = 0, False
    for match in _LABEL.finditer(text):
        if match.end() <= at:
            start, labelled = match.start(1), True
        elif match.start(1) > at:
            return text[start : match.start(1)], labelled
    return text[start:], labelled


def _label_line(line: str, lexicon: MedicationLexicon) -> bool:
    """Whether ``line`` is a label or heading a list can stand under: "Allergies:", "# Plan",
    "Medications: amoxicillin", or a short line without a drug that says allergy ("DRUG
    ALLERGIES", "Allergies")."""
    text = _LIST_MARK.sub("", line).strip() if not line.lstrip().startswith("#") else line
    if line.lstrip().startswith("#") or text.endswith(":") or _LABEL.match(text):
        return True
    return len(text.split()) <= _SHORT_LINE and not lexicon.spans(text) and _says_allergy(text)


def _under_allergy_label(passage: str, name: str, lexicon: MedicationLexicon) -> bool:
    """Whether a line naming ``name`` without a label of its own stands under a label or heading
    that says allergy, read upward through list items and short lines."""
    lines = passage.splitlines()
    for i, line in enumerate(lines):
        starts = _name_starts(line, name, lexicon)
        if not starts or _LABEL.search(line[: starts[0]]):
            continue
        blank = False
        for above in reversed(lines[:i]):
            if not above.strip():
                blank = True
                continue
            if _label_line(above, lexicon):
                if _says_allergy(above):
                    return True
                break
            if blank or not (_LIST_MARK.match(above) or len(above.split()) <= _SHORT_LINE):
                break
    return False


def _given_as_allergy(passage: str, name: str, lexicon: MedicationLexicon) -> bool:
    sentences = [s.text for s in split_sentences(passage)]
    for i, sentence in enumerate(sentences):
        for at in _name_starts(sentence, name, lexicon):
            scope, labelled = _scope(sentence, at)
            if _says_allergy(scope):
                return True
            # The sentence before counts for a drug without a label of its own: not one under
            # "Medications:" after "Allergies: none known.".
            if i and not labelled and _says_allergy(sentences[i - 1]):
                return True
    return _under_allergy_label(passage, name, lexicon)


def check_allergies(
    check: SentenceCheck,
    body: str,
    heading: str,
    cited: Sequence[int],
    passages: Mapping[int, str],
    lexicon: MedicationLexicon,
) -> None:
    """Flag each drug ``body`` gives as an allergy that no cited passage gives as one. A
    sentence that cites nothing is flagged "unsupported" already."""
    if not cited:
        return
    for at, name in stated_allergies(body, heading, lexicon):
        if any(_given_as_allergy(passages[n], name, lexicon) for n in cited):
            continue
        naming = next((n for n in cited if lexicon.supported(passages[n], name)), 0)
        where = ""
        if naming:
            said = _naming_sentence(passages[naming], name, lexicon)
            where = f"; passage [{naming}] names it, but not as one: “{said}”"
        check.add(
            "unsupported_allergy",
            name,
            f"'{name}' is given as an allergy or intolerance, but no cited passage says it is"
            f" one{where}",
            at,
            passage=naming,
        )


def _naming_sentence(passage: str, name: str, lexicon: MedicationLexicon) -> str:
    found = next((s.text for s in split_sentences(passage) if lexicon.supported(s.text, name)), "")
    return quoted(found or passage)

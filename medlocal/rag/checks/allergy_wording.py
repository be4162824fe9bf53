"""How a text gives a drug or other allergen as an allergy or intolerance, read by the
allergy checks (rag/checks/allergies.py, rag/checks/allergy_denial.py).

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

A passage *lists* an allergen (:func:`listed_allergens`, which a denial such as "NKDA" is read
against) only where an allergy word governs it within its clause: an allergy label before it
("Allergies: penicillin; latex"; a reaction's label, "Transfusion reaction: …", reaches only to
the next ";") or a phrase above ("allergic to X", "X allergy", "X - rash", "X (urticaria)").
Review 41 D4: a word anywhere in the sentence listed "breast milk" beside "nappy rash", "wound
dressings" beside "skin reaction", a relative's allergy ("Her mother has a peanut allergy"), a
culture's susceptibilities ("sensitivities: cephalosporins S, quinolones R") and
"NSAIDs contraindicated" ("contraindicated" alone is no allergy word).
"""

from __future__ import annotations

import re

from medlocal.rag.allergens import AllergyVocabulary
from medlocal.rag.assertion_triggers import RELATIVES
from medlocal.rag.sentences import split_sentences

# A heading of a section that lists allergies ("Allergies and intolerances", "Adverse reactions").
ALLERGY_HEADING = re.compile(r"allerg|intoleran|adverse|sensitivit", re.IGNORECASE)
# A heading that names medications as well ("Current medications and allergies"): not an
# allergy heading (review 35: every drug of the referral letter's section was flagged). "Drug
# allergies" and "Adverse drug reactions" name no medications.
_MEDICATION_HEADING = re.compile(
    r"\b(?:medications?|medicines?|prescri\w*|treatments?|therap\w*"
    r"|drugs?(?!\s+(?:allerg|intoleran|reaction|sensitiv|hypersensitiv)))\b",
    re.IGNORECASE,
)
# What a passage says when it gives a drug as an allergy or intolerance ("NKDA" gives none).
ALLERGY_WORDS = re.compile(
    r"\b(?:allerg\w*|intoleran\w*|hypersensitiv\w*|anaphyla\w*|reactions?|ADRs?|adverse"
    r"|sensitivit\w*|angio-?o?edema|urticaria|rash\w*|hives)\b",
    re.IGNORECASE,
)
# An allergy word negated: "no rash", "no known drug allergies", "not allergic", "denies".
NEGATION_BEFORE = re.compile(
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
ALLERGY_BEFORE = re.compile(
    r"\b(?:(?:allerg\w*|intoleran\w*|hypersensitiv\w*|sensitivit\w*|anaphyla\w*|ADRs?)"
    r"(?:\s+reactions?)?|reactions?)"
    r"(?:\s+(?:to|of)\b\s*:?\s*|\s*[:–—]\s*|\s+-\s+)"
    rf"((?:{_ITEM}(?:,\s*(?:and\s+|or\s+)?|;\s*|\s+(?:and|or)\s+)){{0,11}}{_ITEM})",
    re.IGNORECASE,
)
# "urticaria after amoxicillin", "anaphylaxis following a wasp sting", "rash on starting
# co-trimoxazole": a reaction word right before what caused it. Only these links: "rash
# treated with hydrocortisone" and "rash improving with barrier cream" name a treatment.
_REACTION_CAUSE = re.compile(
    r"\b(?:(?:allerg\w*\s+)?reactions?|rash\w*|urticaria|hives|anaphyla\w*|angio-?o?edema)"
    r"\s+(?:after|following|from|on\s+starting|due\s+to|secondary\s+to)\s+(?:an?\s+)?"
    rf"((?:{_ITEM}(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)){{0,5}}{_ITEM})",
    re.IGNORECASE,
)
# "penicillin allergy", "codeine intolerance", "amoxicillin - rash", "amoxicillin caused
# anaphylaxis": the drug just before the words.
_ALLERGY_AFTER = re.compile(
    r"([\w/\-]+)\s*(?:\([^)]*\)\s*)?"
    r"(?:[–—:]\s*|\s-\s*|\(\s*|(?:caused|causes|causing|gave|triggered|provoked|led\s+to)\s+"
    r"(?:an?\s+)?(?:[a-z]+\s+)?)?"
    r"(?:allerg\w*|intoleran\w*|hypersensitiv\w*|anaphyla\w*|rash\w*|urticaria|hives"
    r"|angio-?o?edema|reactions?)\b",
    re.IGNORECASE,
)


# A relative's allergy is not the patient's (review 41 D4): "Her mother has a peanut allergy",
# "letter for her son, who has an egg allergy", "family history of penicillin allergy". A
# relative named as the one who reports ("per her daughter", "confirmed by his wife") or who
# comes along ("seen with her mother") leaves the patient's allergy the patient's.
# The relatives are the experiencer triggers' (one word each; "maternal" and "paternal" only
# qualify one), with the grandchildren a parent's allergy may be told of.
_RELATIVE = (
    "(?:"
    + "|".join(
        sorted(
            {w for w in RELATIVES if w.isalpha() and w not in {"maternal", "paternal", "fhx"}}
            | {"grandson", "granddaughter", "grandchild"},
            key=len,
            reverse=True,
        )
    )
    + ")s?"
)
_FAMILY = re.compile(
    rf"\b(?:family\s+history|FHx?\b|(?:her|his|their|(?:the\s+)?patient'?s)\s+{_RELATIVE}\b)"
    rf"|\A\W*{_RELATIVE}\b",
    re.IGNORECASE,
)
_INFORMANT = re.compile(
    r"\b(?:by|per|from|with|according\s+to|accompanied\s+by)\s+$", re.IGNORECASE
)
# A microbiology report's antimicrobial susceptibility (review 41 D4): "sensitivities:
# cephalosporins S, quinolones R", "organism resistant to penicillins, sensitive to
# tetracyclines". There "sensitivity" speaks of the organism, not of an allergy; an allergen
# followed by S, R or I (upper case) is a susceptibility result.
_MICROBIOLOGY = re.compile(
    r"\b(?:cultures?|organisms?|isolates?|isolated|grew|growth|susceptib\w*|resistan\w*"
    r"|sensitive\s+to|MSU|CSU|MIC|MC&S|MC\s*&\s*S|swab)\b",
    re.IGNORECASE,
)
# The words of a label that heads an allergy list, not one reaction.
_LIST_LABEL = re.compile(r"allerg|intoleran|hypersensitiv|sensitivit|\bADRs?\b|adverse", re.I)
_SENSITIVITY = re.compile(r"\b(?:hyper)?sensitiv\w*", re.IGNORECASE)
_SUSCEPTIBILITY_AFTER = re.compile(r"\s*[:=\-]?\s*[SRI]\b")


_CLAUSE_BREAK = re.compile(r";|\n|\.(?:\s|$)")


def _clause(text: str, start: int, end: int) -> str:
    """The clause of ``text`` around ``start``..``end``: split at ";" (a clause there says
    something else: "Baby fed breast milk; nappy rash improving"), a line's end or a sentence's
    full stop."""
    before = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    after = _CLAUSE_BREAK.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


def _of_a_relative(clause: str) -> bool:
    return any(not _INFORMANT.search(clause[: m.start()]) for m in _FAMILY.finditer(clause))


def susceptibility_masked(text: str) -> str:
    """``text`` with "sensitivity" blanked where it speaks of an organism's susceptibility,
    offsets kept."""
    if not _MICROBIOLOGY.search(text) and not re.search(r"\w\s+[SRI]\s*(?:[,;.]|$)", text):
        return text
    return _SENSITIVITY.sub(lambda m: " " * len(m.group()), text)


def not_the_patients(text: str, start: int, end: int) -> bool:
    """Whether the allergen at ``start``..``end`` of ``text`` is a relative's or a
    susceptibility result, not an allergy of the patient."""
    return bool(_SUSCEPTIBILITY_AFTER.match(text, end)) or _of_a_relative(_clause(text, start, end))


def _governed(text: str, start: int, end: int) -> bool:
    """Whether an allergy word governs the allergen at ``start``..``end`` of ``text`` (one
    sentence): the label before it says allergy ("Allergies: penicillin, latex"), or a phrase
    ties it ("allergic to latex", "peanut allergy", "amoxicillin - rash", "penicillin
    (urticaria)"), not negated. A word elsewhere in the sentence ties nothing (review 41 D4:
    "Baby fed expressed breast milk; nappy rash improving", "Wound dressings changed; minor skin
    reaction", "NSAIDs are contraindicated")."""
    if not_the_patients(text, start, end):
        return False
    text = susceptibility_masked(text)
    label = None
    for match in _LABEL.finditer(text):
        if match.end() > start:
            break
        label = match
    if label is not None and _says_allergy(label.group(1)):
        # "Allergies: none known" says none. An allergy list's label ("Allergies:", "Adverse
        # reactions:") governs the sentence ("Allergies: penicillin; latex"); a reaction's
        # ("Transfusion reaction: fever and rigors; dressings dry") its own clause only.
        own_clause = ";" not in text[label.end() : start]
        if not _NEGATION_AFTER.match(text, label.end()) and (
            own_clause or _LIST_LABEL.search(label.group(1))
        ):
            return True
    phrases = (ALLERGY_BEFORE, _ALLERGY_AFTER, _REACTION_CAUSE)
    for match in [m for phrase in phrases for m in phrase.finditer(text)]:
        overlaps = match.start(1) < end and start < match.end(1)
        if overlaps and not NEGATION_BEFORE.search(text[: match.start()]):
            return True
    return False


def stated_allergies(body: str, heading: str, vocab: AllergyVocabulary) -> list[tuple[int, str]]:
    """(offset in ``body``, name) for each drug or other allergen ``body`` gives as an allergy
    or intolerance."""
    spans = vocab.spans(body)
    if ALLERGY_HEADING.search(heading) and not _MEDICATION_HEADING.search(heading):
        return [(start, name) for start, _, name in spans]
    tied: set[int] = set()
    masked = susceptibility_masked(body)
    for match in [*ALLERGY_BEFORE.finditer(masked), *_ALLERGY_AFTER.finditer(masked)]:
        # "no reaction to amoxicillin", "not allergic to", "no penicillin allergy": none given.
        if not NEGATION_BEFORE.search(masked[: match.start()]):
            # Overlap, not start: "tree nut allergy" ties the allergen "tree nuts" through
            # the word "nut" just before "allergy".
            tied |= {s for s, e, _ in spans if s < match.end(1) and match.start(1) < e}
    return [
        (start, name)
        for start, end, name in spans
        if start in tied and not not_the_patients(body, start, end)
    ]


def _says_allergy(text: str) -> bool:
    """Whether ``text`` gives something as an allergy: an allergy word not negated."""
    for match in ALLERGY_WORDS.finditer(text):
        if NEGATION_BEFORE.search(text[: match.start()]):
            continue
        if _NEGATION_AFTER.search(text[match.end() :]):
            continue
        return True
    return False


def name_starts(text: str, name: str, vocab: AllergyVocabulary) -> list[int]:
    """Where ``text`` names ``name`` (or another name of the drug or allergen); [] for none,
    [0] when only a clipped combination names a drug ("amox/clav")."""
    found = [s for s, _, n in vocab.spans(text) if vocab.same(name, n)]
    if found or vocab.allergens.allergen(name):
        return found  # an allergen's spellings are all its spans find ("latex-free" is none)
    pattern = r"\s+".join(re.escape(word) for word in name.split())
    found = [m.start() for m in re.finditer(rf"(?<![A-Za-z]){pattern}(?![A-Za-z])", text, re.I)]
    if not found and vocab.lexicon.supported(text, name):
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


def _label_line(line: str, vocab: AllergyVocabulary) -> bool:
    """Whether ``line`` is a label or heading a list can stand under: "Allergies:", "# Plan",
    "Medications: amoxicillin", or a short line without a drug that says allergy ("DRUG
    ALLERGIES", "Allergies")."""
    text = _LIST_MARK.sub("", line).strip() if not line.lstrip().startswith("#") else line
    if line.lstrip().startswith("#") or text.endswith(":") or _LABEL.match(text):
        return True
    return len(text.split()) <= _SHORT_LINE and not vocab.spans(text) and _says_allergy(text)


def _under_allergy_label(passage: str, name: str, vocab: AllergyVocabulary) -> bool:
    """Whether a line naming ``name`` without a label of its own stands under a label or heading
    that says allergy, read upward through list items and short lines."""
    lines = passage.splitlines()
    for i, line in enumerate(lines):
        starts = name_starts(line, name, vocab)
        if not starts or _LABEL.search(line[: starts[0]]):
            continue
        blank = False
        for above in reversed(lines[:i]):
            if not above.strip():
                blank = True
                continue
            if _label_line(above, vocab):
                if _says_allergy(above):
                    return True
                break
            if blank or not (_LIST_MARK.match(above) or len(above.split()) <= _SHORT_LINE):
                break
    return False


def given_as_allergy(passage: str, name: str, vocab: AllergyVocabulary) -> bool:
    sentences = [s.text for s in split_sentences(passage)]
    for i, sentence in enumerate(sentences):
        for at in name_starts(sentence, name, vocab):
            scope, labelled = _scope(sentence, at)
            if _says_allergy(scope):
                return True
            # The sentence before counts for a drug without a label of its own: not one under
            # "Medications:" after "Allergies: none known.".
            if i and not labelled and _says_allergy(sentences[i - 1]):
                return True
    return _under_allergy_label(passage, name, vocab)


def _says_negated(sentence: str) -> bool:
    return bool(re.search(r"\b(?:no|not|nil|denies|without|never)\b|NKDA|NKA", sentence, re.I))


def _list_item(sentence: str, start: int, end: int) -> bool:
    """Whether ``sentence`` reads as an item of a list the sentence before introduces: short,
    and no relative's or susceptibility result ("Penicillin, codeine.")."""
    return len(sentence.split()) <= _SHORT_LINE and not not_the_patients(sentence, start, end)


def listed_allergens(passage: str, vocab: AllergyVocabulary) -> list[tuple[str, str]]:
    """(name, the passage sentence naming it) for each drug or other allergen ``passage`` gives
    as an allergy or intolerance. Stricter than backing a stated allergy
    (:func:`given_as_allergy`): a drug in a negated sentence ("No penicillin allergy.") is no
    allergen, even after "Allergies: Codeine - vomiting.", whose label the looser rule lets the
    next sentence borrow."""
    found: dict[str, str] = {}
    sentences = [s.text for s in split_sentences(passage)]
    for i, sentence in enumerate(sentences):
        for start, end, name in vocab.spans(sentence):
            if name in found:
                continue
            _, labelled = _scope(sentence, start)
            own = _governed(sentence, start, end) and not NEGATION_BEFORE.search(sentence[:start])
            # The sentence before, for a drug without a label of its own in a sentence that
            # negates nothing and is a list item, not prose: "Nappy rash improving. Baby fed
            # expressed breast milk." lists nothing.
            before = (
                i > 0
                and not labelled
                and not _says_negated(sentence)
                and _list_item(sentence, start, end)
                and _says_allergy(sentences[i - 1])
            )
            if own or before:
                found[name] = sentence
    for start, _, name in vocab.spans(passage):
        if name not in found and _under_allergy_label(passage, name, vocab):
            found[name] = passage[passage.rfind("\n", 0, start) + 1 :].split("\n", 1)[0]
    return list(found.items())


def relatives_only(passage: str) -> bool:
    """Whether every allergy ``passage`` speaks of is a relative's ("Her mother has a peanut
    allergy"): ConText reads the relative's "allergy" against the patient's "no known
    allergies" as one concept, but a relative's allergy does not contradict the patient's
    denial (review 41 D4)."""
    said = [
        m
        for m in ALLERGY_WORDS.finditer(passage)
        if not NEGATION_BEFORE.search(passage[: m.start()])
    ]
    return bool(said) and all(_of_a_relative(_clause(passage, m.start(), m.end())) for m in said)

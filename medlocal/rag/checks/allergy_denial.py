"""Allergy denials: a sentence that denies any allergy ("no known drug allergies", "NKDA") where
a passage given lists one (walk 40b item 2) is a "negation_conflict" that names it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from medlocal.rag.allergens import allergy_vocabulary
from medlocal.rag.checks.allergy_wording import listed_allergens, name_starts, relatives_only
from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted
from medlocal.rag.medications import MedicationLexicon

# A sentence that denies having any allergy (walk 40b item 2): "no known drug allergies", "she
# does not have any known allergies", "NKDA", "Allergies: none known", "not allergic to any
# medication". ``other`` marks a denial of any allergy beyond those named ("No other known drug
# allergies", "otherwise NKDA"): true of a record that lists penicillin, if the text names it.
_DENIAL_QUALIFIER = r"(?:(?P<other>other|further|additional|more)\s+)?"
_DENIAL_NOUN = (
    r"(?:(?:known|documented|recorded|reported|significant)\s+){0,2}"
    r"(?:(?:drug|medication|medicine)\s+)?"
    r"(?:allerg(?:y|ies)|intolerances?|adverse\s+(?:drug\s+)?reactions?)\b"
)
_ALLERGY_DENIAL = re.compile(
    r"(?:\b(?:no|nil|never\s+had\s+any|not?\s+(?:have|has|had|report\w*|record\w*)\s+any"
    r"|(?:does|did|do)\s+not\s+have\s+any|without\s+any|denies(?:\s+any)?)\s+"
    + _DENIAL_QUALIFIER
    + _DENIAL_NOUN
    # "no allergy to penicillin" denies one drug (rag/assertions.py reads it); "no allergy
    # symptoms" denies symptoms, not an allergy. But "no drug allergy to any of the listed
    # medications" denies every drug allergy (walk41b N4): its object is all drugs, not one.
    + r"(?:\s+to\s+(?:any|all)\s+(?:of\s+)?(?:(?:the|her|his|their|these|those)\s+)?"
    r"(?:(?:listed|above|current|prescribed|named|regular|usual)\s+)?"
    r"(?:drugs?|medications?|medicines?)\b"
    r"|(?!\s+(?:to|of|with|symptoms?|signs?|tests?|testing|screen\w*|referrals?|clinic)\b))"
    r"|\bnot\s+(?:known\s+to\s+be\s+)?allergic\s+to\s+(?P<other2>other\s+)?"
    r"(?:any|anything)\b(?!\s+(?:other|else|but|except|apart|besides)\b)"
    r"|\b(?P<other3>otherwise\s+)?(?:NKDA|NKA|NKMA)\b"
    r"|\ballerg(?:y|ies)\s*(?:status)?\s*[:\-–—]\s*(?:none|nil|NKDA|NKA|not\s+known)\b)",
    re.IGNORECASE,
)
# Words that say the denial leaves named allergies aside: "apart from penicillin, NKDA".
_BEYOND = re.compile(r"\b(?:other|otherwise|else|apart\s+from|besides|except|beyond)\b", re.I)


def _denial(body: str) -> re.Match[str] | None:
    return _ALLERGY_DENIAL.search(body)


# A denial of drug allergies only: "NKDA" (no known DRUG allergies), "no known medication
# allergies", "not allergic to any medicines". Latex or peanuts listed do not contradict it.
_DRUG_WORDS = re.compile(r"\b(?:drugs?|medications?|medicines?|NKDA|NKMA)\b", re.IGNORECASE)
_DRUG_AFTER = re.compile(r"\s+(?:drugs?|medications?|medicines?)\b", re.IGNORECASE)


def _drugs_only(body: str, match: re.Match[str]) -> bool:
    return bool(_DRUG_WORDS.search(match.group()) or _DRUG_AFTER.match(body, match.end()))


def check_allergy_denial(
    check: SentenceCheck,
    body: str,
    text: str,
    cited: Sequence[int],
    passages: Mapping[int, str],
    lexicon: MedicationLexicon,
) -> None:
    """Flag a sentence that denies any allergy ("no known drug allergies", "NKDA") when a cited
    passage, or failing that another given passage, lists one: "negation_conflict", naming it.
    A denial of drug allergies ("NKDA") speaks of drugs and medicine classes only, not of latex
    or peanuts (resources/allergens.txt gives each allergen's category)
    (walk 40b item 2: "No other known drug allergies [1]" citing "Allergies: Penicillin -
    anaphylaxis (1988). No other known drug allergies."). A denial of allergies beyond those
    named ("No other …", "apart from penicillin, NKDA") is flagged only when ``text``, the whole
    answer or summary, names none of the listed allergens; a flat denial ("She does not have any
    known allergies") is flagged unless the sentence itself names one."""
    match = _denial(body)
    if match is None:
        return
    vocab = allergy_vocabulary(lexicon)
    drugs_only = _drugs_only(body, match)
    others = [n for n in passages if n not in cited]
    groups = [
        [(n, name, said) for n in group for name, said in listed_allergens(passages[n], vocab)]
        for group in (list(cited), others)
    ]
    context = [
        f for f in check.flags if f.kind == "negation_conflict" and "allerg" in f.token.lower()
    ]
    if context:
        # ConText (rag/assertions.py) reads "allergies" as one concept: it sets "NKDA" against
        # "Allergies: latex", and "No other known allergies" against the allergy the answer has
        # just named. Where the cited passages list allergens this check knows, it decides
        # (and names them); a conflict ConText found otherwise stands, and is not said twice.
        if not groups[0] and not all(relatives_only(passages[n]) for n in cited):
            return
        for flag in context:
            check.flags.remove(flag)
            check.flagged.discard(flag.token_start - check.sentence.start)
    beyond = bool(match.group("other") or match.group("other2") or match.group("other3")) or bool(
        _BEYOND.search(body)
    )
    scope_text = text if beyond else body
    for group in groups:
        listed = [item for item in group if vocab.is_medicine(item[1]) or not drugs_only]
        if not listed:
            continue
        if any(name_starts(scope_text, name, vocab) for _, name, _ in listed):
            return
        n, _, said = listed[0]
        names = ", ".join(dict.fromkeys(name for m, name, _ in listed if m == n))
        where = f"passage [{n}]" + ("" if n in cited else ", which this sentence does not cite,")
        check.named.add(n)
        check.add(
            "negation_conflict",
            match.group().strip(),
            f"'{match.group().strip()}': {where} lists an allergy or intolerance ({names})"
            + (", and the text names none of them" if beyond else ""),
            match.start(),
            quote=quoted(said),
            passage=n,
        )
        return

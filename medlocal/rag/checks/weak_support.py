"""Weak support: a cited sentence whose key words its passages barely hold."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from fractions import Fraction

from medlocal.rag.checks.sentence_flags import SentenceCheck
from medlocal.rag.citations import citations, parse_group
from medlocal.rag.coverage import coverage, list_item, says_documents_silent
from medlocal.rag.medications import MedicationLexicon
from medlocal.values import Value, is_supported

# A cited sentence is flagged "weak_support" when its passages contain less than this share of
# its key words (calibrated on tests/grounding_eval: faithful paraphrases keep half or more).
WEAK_SUPPORT_SHARE = Fraction(1, 3)


def check_coverage(
    check: SentenceCheck,
    body: str,
    cited: list[int],
    evidence_text: str,
    lexicon: MedicationLexicon,
    values: Sequence[Value] = (),
    evidence_values: Sequence[Value] = (),
) -> None:
    """Flag a cited sentence whose clinical words the cited passages barely contain
    (rag/coverage.py): less than a third of them, paraphrase allowed. A sentence whose every
    value (``values``, one at least a date or a number with its unit) the cited passages give
    (``evidence_values``) rests on them plainly: its words may be their shorthand spelled out
    ("Follow-up with the medical officer is on 25 March 2025" for "F/u MO 25 Mar 2025"), and
    each value is judged by the value checks (round 7 of the precision audit). Two values in
    one unit are related by the sentence's words ("improved from 7.8% to 7.2%"), a claim no
    value check judges: those words stay to be found."""
    if says_documents_silent(body):
        return
    units = [v.unit or v.kind for v in values if v.kind == "date" or v.unit]
    if (
        units
        and len(set(units)) == len(units)
        and all(is_supported(v, list(evidence_values)) for v in values)
    ):
        return
    found = coverage(body, evidence_text, lexicon)
    whose = "this sentence's"
    item = list_item(body)
    if item is not None:
        # A list line is judged by its item: "Risk factor: Family history" is not supported by
        # a passage that names risk factors but no family history.
        found_in_item = coverage(" " * item.start + body[item.start :], evidence_text, lexicon)
        if found_in_item.terms:
            found, whose = found_in_item, f"this '{item.label}' item's"
    kept = len(found.terms) - len(found.missing)
    if not found.terms or Fraction(kept, len(found.terms)) >= WEAK_SUPPORT_SHARE:
        return
    shown = ", ".join(f"'{w}'" for w in found.missing[:6])
    more = " ..." if len(found.missing) > 6 else ""
    which = ", ".join(f"[{n}]" for n in cited)
    subject = (
        f"the cited passages {which} do" if len(cited) > 1 else f"the cited passage {which} does"
    )
    check.add(
        "weak_support",
        "",
        f"{subject} not contain {len(found.missing)} of {whose} {len(found.terms)}"
        " key words"
        f" ({shown}{more}); they may not support it",
        passage=cited[0],
    )


# A part of a sentence that closes with a citation of its own is judged against that passage when
# fewer than this share of its key words are there (walk 33: "Paroxysmal atrial fibrillation [3],
# Hypertension [2], Paroxysmal ventricular tachycardia [4]", the last named in no passage, passed
# as one sentence whose other items the passages hold).
ITEM_SUPPORT_SHARE = Fraction(1, 2)
_ITEM_MISSING = 2


def check_cited_items(
    check: SentenceCheck,
    text: str,
    body: str,
    passages: Mapping[int, str],
    lexicon: MedicationLexicon,
    limit: int,
) -> None:
    """Flag each part of a sentence citing passages part by part ("A [1], B [2], C [3]") whose
    key words the passage it cites barely holds: two or more of them, and at least half,
    missing. ``text``: the sentence with its citations; ``body``: the same, masked (same
    offsets)."""
    if any(f.kind == "weak_support" for f in check.flags):
        return
    groups: list[tuple[int, int, list[int]]] = []
    for match in citations(text, limit):
        numbers = [n for n in parse_group(match.group(1)) if n in passages]
        if groups and not text[groups[-1][1] : match.start()].strip():
            start, _, before = groups[-1]
            groups[-1] = (start, match.end(), before + numbers)
        else:
            groups.append((match.start(), match.end(), numbers))
    if len(groups) < 2:
        return
    begin = 0
    for start, end, numbers in groups:
        part = " " * begin + body[begin:start]
        begin = end
        if not numbers:
            continue
        found = coverage(part, "\n".join(passages[n] for n in numbers), lexicon)
        kept = len(found.terms) - len(found.missing)
        if len(found.missing) < _ITEM_MISSING or Fraction(kept, len(found.terms)) >= (
            ITEM_SUPPORT_SHARE
        ):
            continue
        which = ", ".join(f"[{n}]" for n in numbers)
        shown = ", ".join(f"'{w}'" for w in found.missing[:6])
        lead = _ITEM_LEAD.match(part)
        opens = lead.end() if lead else 0
        item = part[opens:].rstrip(" ,;:")
        check.add(
            "weak_support",
            item,
            f"'{' '.join(item.split())}' cites {which}, which does not contain"
            f" {len(found.missing)} of its {len(found.terms)} key words ({shown}); it may not"
            " support it",
            opens,
            passage=numbers[0],
        )


# What opens a part after the citation before it: blanks, a comma, "and".
_ITEM_LEAD = re.compile(r"[\s,;:]*(?:(?:and|or)\s+)?", re.I)

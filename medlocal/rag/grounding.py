"""Grounding checks on generated text, sentence by sentence.

1. Citations must name passages that were given; others are removed and flagged, and so are
   placeholders ("[n]", "[source]") and unclosed citations ("[1" at the end).
2. A sentence the model left uncited gets the passage that shares most of its words, when one
   shares enough (flagged "attached_citation": the link is MedLocal's, not the model's); a sentence
   that no passage supports stays uncited and is flagged "unsupported". Small models often do not
   cite at all; this keeps every statement traceable without pretending the model cited it.
3. Every number, dose, date and lab value must appear in the passages the sentence cites
   ("unverified_number"), bound to the same analyte, vital, drug and time point
   ("misattributed_value", rag/binding.py), and a date to the event the passages date with it
   (rag/date_events.py: not "discharged on" the admission date); doses and treatment durations
   must be the ones the passages give for that drug, and so must a dosing frequency where both
   state one (rag/drug_facts.py pairs each with its drug; rag/frequency.py: "BD" == "every 12
   hours");
   every medication must be named there, by any of its names ("unverified_medication",
   rag/medications.py), and so must a word that is given a dose but is no known drug and no
   English word ("zorbaxiline 10 mg").
4. What the sentence asserts about each concept (negated, side, past, a relative, hypothetical)
   must match the passages (rag/assertions.py, ConText): the "*_conflict" flags.
5. Optionally, a sentence the rules pass is put to the model (rag/support.py): "model_doubt".
Every flag keeps the offsets of its sentence and of the offending words in the final text, and
quotes the passage wording it rests on where there is one.

This module cleans and attaches citations and runs the checks, sentence by sentence; each family
of rule checks is a module of rag/checks/ (weak_support; values, with units and misattributed;
event_dates; doses, with dose_routes; regimens; medication_names; assertion_conflicts; roles: a
person named for a role the passages give someone else, "wrong_role"; allergies: a drug given as
an allergy that no cited passage gives as one, "unsupported_allergy", read with the summary
section the sentence is in, and a denial of any allergy ("no known drug allergies", "NKDA") where
a passage lists one, "negation_conflict"; doses, also a dose given as current that the passage
gives only as the one changed from ("from 2.5 mg to 5 mg"), "timing_conflict"; ranges: a value
called normal that the cited passage gives outside its reference range or flags, or called high
or low where it is inside, "range_conflict";
heading_fit: a line under a medication heading that names no medicine, or under an allergy heading
no allergen, "wrong_section";
reasons: a purpose given a drug that the passages give only apart from it, "wrong_reason";
findings: a condition the cited passages do not name, "weak_support" on its words, or give only
as likely or suspected, stated as certain, "hypothetical_conflict"; birth_dates: a date of birth
given as a plain number, "DOB: 66", "unverified_number"). A
summary also checks the file names it gives against the record
(checks/document_names.py, "unknown_document").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from medlocal.rag.checks.allergies import check_allergies
from medlocal.rag.checks.allergy_denial import check_allergy_denial
from medlocal.rag.checks.assertion_conflicts import check_assertions, check_habits
from medlocal.rag.checks.birth_dates import check_birth_dates
from medlocal.rag.checks.diagnosis_codes import check_codes
from medlocal.rag.checks.doses import check_doses, check_superseded_doses
from medlocal.rag.checks.elsewhere import Elsewhere
from medlocal.rag.checks.event_dates import check_date_events
from medlocal.rag.checks.findings import check_findings
from medlocal.rag.checks.heading_fit import check_heading_fit
from medlocal.rag.checks.medication_names import check_medications, check_stopped_classes
from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.ranges import check_ranges
from medlocal.rag.checks.reasons import check_reasons
from medlocal.rag.checks.regimens import flag_wrong_regimens, wrong_regimens
from medlocal.rag.checks.requested_tests import check_requested_tests
from medlocal.rag.checks.roles import check_roles
from medlocal.rag.checks.sentence_flags import SentenceCheck
from medlocal.rag.checks.values import check_values
from medlocal.rag.checks.weak_support import check_cited_items, check_coverage
from medlocal.rag.citations import blank_citations, cited_numbers, has_citation, keep_valid
from medlocal.rag.coverage import class_words_carried, content_words, copied_from, list_item
from medlocal.rag.flags import ATTACHED_MARK, CONTENT_KINDS, Flag, section_at
from medlocal.rag.medications import MedicationLexicon, default_lexicon
from medlocal.rag.number_fit import holders, numbers_of, passage_numbers
from medlocal.rag.sentences import Sentence, split_sentences, strip_list_marker
from medlocal.values import extract_values


@dataclass
class GroundingResult:
    text: str
    flags: list[Flag] = field(default_factory=list)
    cited: list[int] = field(default_factory=list)  # passage numbers cited in the final text
    # Passages a flag names that the text does not cite ("apixaban is named in passage [2],
    # which this sentence does not cite"): listed with the sources so the reader can find them.
    named: list[int] = field(default_factory=list)


def _strip_citations(text: str, limit: int | None = None) -> str:
    return strip_list_marker(blank_citations(text, limit, fill=" "))


def _limit(passages: Mapping[int, str]) -> int:
    """The highest passage number: a bracket far past it is a reference range, not a citation."""
    return max(passages, default=0)


def attach_citations(
    text: str, passages: Mapping[int, str], min_overlap: float = 0.5, *, by_numbers: bool = False
) -> tuple[str, set[int]]:
    """Give each uncited sentence the passage sharing most of its content words, if that passage
    holds at least ``min_overlap`` of them (and two or more words). Returns the new text and the
    indexes of the sentences that received a citation. ``by_numbers``: only a passage that holds
    every number the sentence gives is attached (rag/number_fit.py; the map step's notes)."""
    passage_words = {n: content_words(t) for n, t in passages.items()}
    held = passage_numbers(passages) if by_numbers else {}
    pieces: list[str] = []
    attached: set[int] = set()
    cursor = 0
    for sentence in split_sentences(text):
        if has_citation(sentence.text, _limit(passages)):
            continue
        # A source label ("(discharge.txt, page 2)") is no words of the claim.
        claim = _SOURCE_LABEL.sub(" ", _strip_citations(sentence.text, _limit(passages)))
        words = content_words(claim)
        if not words:
            continue
        candidates = passage_words
        if by_numbers:
            numbers = numbers_of(_unnumbered_label(claim))
            candidates = {n: passage_words[n] for n in holders(numbers, held)}
        best, best_overlap = None, 0
        for number, pw in candidates.items():
            overlap = len(words & pw) + len(
                class_words_carried(claim, words - pw, passages[number])
            )
            if overlap > best_overlap:
                best, best_overlap = number, overlap
        if best is None or best_overlap < min(2, len(words)):
            continue
        if best_overlap / len(words) < min_overlap:
            continue
        # Insert before the closing punctuation: "... daily [2]."
        end = sentence.end
        while end > sentence.start and text[end - 1] in ".!?;:":
            end -= 1
        pieces.append(text[cursor:end])
        pieces.append(f" [{best}]")
        cursor = end
        attached.add(sentence.index)
    pieces.append(text[cursor:])
    return "".join(pieces), attached


def _masked(text: str, limit: int | None = None) -> str:
    """``text`` with citations, source labels and a leading list marker blanked out, offsets
    unchanged. A model often repeats a passage's label from the prompt, "(discharge_2026-09.pdf,
    page 1)": the numbers of a file name and its page are no clinical claim to check."""
    text = blank_citations(text, limit)
    text = _SOURCE_LABEL.sub(lambda m: " " * len(m.group()), text)
    marker = _LIST_MARKER.match(text)
    return " " * marker.end() + text[marker.end() :] if marker else text


def claim_text(sentence: str, limit: int | None = None) -> str:
    """What ``sentence`` claims, offsets unchanged: its citations, source labels, list marker
    and list label's number ("Medication 2:") blanked out (``_masked``, ``_unnumbered_label``)."""
    return _unnumbered_label(_masked(sentence, limit))


def _unnumbered_label(body: str) -> str:
    """``body`` with the number of its list label blanked out, offsets unchanged: the "2" of
    "Medication 2: ..." counts the lines, it is no value of the record."""
    item = list_item(body)
    if item is None:
        return body
    label = re.sub(r"\d", " ", body[: item.start])
    return label + body[item.start :]


_SOURCE_LABEL = re.compile(
    r"[\w.\-]*\w\.(?:pdf|docx|txt|text|md|markdown|html?|json|png|jpe?g|tiff?)\b"
    r"(?:,\s*(?:pages?|pp?\.)\s*\d+(?:\s*[–-]\s*\d+)?)?",
    re.IGNORECASE,
)
_LIST_MARKER = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")


def check_sentence(
    sentence: Sentence,
    passages: Mapping[int, str],
    facts: PassageFacts,
    lexicon: MedicationLexicon,
    named: set[int] | None = None,
    heading: str = "",
    line: str = "",
    text: str = "",
) -> list[Flag]:
    """The flags of one sentence (under the summary section ``heading``, "" for none, on
    ``line``, the whole line it stands on, in ``text``, the whole answer or summary, "" for the
    sentence alone); the passages they name are added to ``named``."""
    check = SentenceCheck(sentence, named=set() if named is None else named)
    body = claim_text(sentence.text, _limit(passages))
    if not any(c.isalnum() for c in body):
        return []  # nothing but a source label or citations: "(discharge.txt, page 2)"
    cited = [n for n in cited_numbers(sentence.text, _limit(passages)) if n in passages]
    if not cited:
        check.add(
            "unsupported",
            "",
            "this sentence cites no passage, and no passage shares enough of its words to be"
            " attached",
        )
    evidence_text = "\n".join(passages[n] for n in cited)
    if cited:
        day_first = facts.sentence_day_first(body, cited)
        check_coverage(
            check,
            body,
            cited,
            evidence_text,
            lexicon,
            extract_values(body, day_first, facts.sentence_decimal_commas(body, cited)),
            [v for n in cited for v in facts.values(n)],
        )
        check_cited_items(check, sentence.text, body, passages, lexicon, _limit(passages))
    elsewhere = Elsewhere(passages, cited, facts, lexicon, check.named)
    wrong = wrong_regimens(body, cited, facts, lexicon)
    if cited:
        check_birth_dates(check, body, cited, facts)
        check_codes(check, body, cited, facts)
    check_values(check, body, cited, facts, wrong, elsewhere)
    check_ranges(check, body, cited, facts)
    check_date_events(check, body, cited, facts, passages)
    check_doses(check, body, cited, facts, lexicon, passages)
    check_superseded_doses(check, body, cited, facts, lexicon, passages)
    flag_wrong_regimens(check, wrong, passages)
    if not cited:
        # Before the medication check, whose flag on the same word ("no passage names it")
        # would take the word's place: an allergy no passage gives is the one to say.
        check_allergies(check, body, heading, cited, passages, lexicon)
    check_medications(check, body, cited, evidence_text, facts, lexicon, elsewhere)
    check_stopped_classes(check, body, cited, evidence_text)
    if cited:
        check_assertions(check, body, cited, facts, passages, _limit(passages))
        check_habits(check, body, cited, facts, passages, _limit(passages))
        check_requested_tests(check, body, cited, passages)
        check_findings(check, body, cited, evidence_text, lexicon)
        check_roles(check, body, cited, passages)
        check_reasons(check, body, cited, passages, lexicon)
        check_allergies(check, body, heading, cited, passages, lexicon)
        check_allergy_denial(check, body, text or body, cited, passages, lexicon)
        check_heading_fit(check, heading, line or sentence.text, lexicon)
    return check.flags


def _line_at(text: str, offset: int) -> str:
    """The line of ``text`` that ``offset`` falls on."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]


# A sentence flagged so rests on no passage: it cites none (and none shares enough of its words
# to be attached), or the passages it cites hold few of its words.
_UNGROUNDED = frozenset({"unsupported", "weak_support"})


def supported_sentences(result: GroundingResult, passages: Mapping[int, str]) -> list[int]:
    """The sentences of ``result.text`` that state something and rest on the passages they cite
    (not flagged ``_UNGROUNDED``). A wrong number or drug in such a sentence is flagged, not a
    reason to drop it: its flag says what the passage gives. The model check's doubt does not
    count here either (a small model doubts right answers too)."""
    limit = _limit(passages)
    flagged = {f.sentence for f in result.flags if f.kind in _UNGROUNDED}
    return [
        s.index
        for s in split_sentences(result.text)
        if s.index not in flagged
        and any(c.isalnum() for c in _masked(s.text, limit))
        and any(n in passages for n in cited_numbers(s.text, limit))
    ]


# An answer of this many statements or more, every one of them flagged, is a wall of flagged
# text to read, not an answer (walk 39 item 4: some thirty invented lines, each flagged).
WALL_STATEMENTS = 3


def flagged_throughout(
    result: GroundingResult,
    passages: Mapping[int, str],
    among: Collection[int] | None = None,
) -> bool:
    """Whether ``result`` states at least :data:`WALL_STATEMENTS` things, none of which is clean
    (cites a given passage and carries no content flag), and most of which carry a content flag
    (unsupported, weak support, a value, drug or fact the cited passages do not give). The
    model check's doubt does not count, as in :func:`supported_sentences`. A short answer with a
    wrong value keeps it, flagged: its flag says what the passage gives. ``among``: only these
    sentences (by index) count, a summary's section (walk 53a M1: the chat's rule per section).
    """
    limit = _limit(passages)
    claims = [
        s.index
        for s in split_sentences(result.text)
        if any(c.isalnum() for c in _masked(s.text, limit)) and (among is None or s.index in among)
    ]
    if len(claims) < WALL_STATEMENTS:
        return False
    content = {f.sentence for f in result.flags if f.kind in CONTENT_KINDS - {"model_doubt"}}
    cited = {
        s.index
        for s in split_sentences(result.text)
        if any(n in passages for n in cited_numbers(s.text, limit))
    }
    if any(i in cited and i not in content for i in claims):
        return False
    return 2 * sum(i in content for i in claims) > len(claims)


class SupportJudge(Protocol):
    """The model check (rag/support.py): P(the cited passages support the sentence)."""

    threshold: float

    def probability(
        self, sentence: str, cited: Sequence[int], passages: Mapping[int, str]
    ) -> float: ...


def _model_doubt(
    support: SupportJudge,
    sentence: Sentence,
    passages: Mapping[int, str],
    shown: Mapping[int, str],
) -> Flag | None:
    """The model check of one sentence; ``shown``: the passages put before the model (those
    the whole text cites, the same for every sentence so their KV cache is reused)."""
    cited = [n for n in cited_numbers(sentence.text, _limit(passages)) if n in passages]
    body = " ".join(_masked(sentence.text, _limit(passages)).split())
    if not cited or not body:
        return None
    if any(copied_from(body, passages[n]) for n in cited):
        return None  # the passage's own words: a small model doubted them (walk 31, p=0.34-0.43)
    p = support.probability(body, cited, shown)
    if p >= support.threshold:
        return None
    return Flag(
        sentence.index,
        "model_doubt",
        "",
        f"the model doubts that the cited passages support this sentence"
        f" (it answered yes with probability {p:.2f})",
        sentence.start,
        sentence.end,
        passage=cited[0],
        score=round(p, 4),
    )


def _attached_flag(sentence: Sentence, limit: int) -> Flag:
    """The flag on a sentence MedLocal gave a citation: it names the passage attached, whose
    chip is marked (``ATTACHED_MARK``) wherever the text is shown, so it is not taken for the
    model's own citation (walk 38: "Colchicine [2]" looked cited by the model)."""
    numbers = ", ".join(f"[{n}]" for n in cited_numbers(sentence.text, limit))
    return Flag(
        sentence.index,
        "attached_citation",
        "",
        f"the model did not cite this sentence; MedLocal attached passage {numbers}, the one"
        f" sharing most of its words (its chip is marked {ATTACHED_MARK}); it shows where the"
        " words come from, not that the passage supports the sentence",
        sentence.start,
        sentence.end,
    )


def ground(
    raw_text: str,
    passages: Mapping[int, str],
    *,
    lexicon: MedicationLexicon | None = None,
    attach: bool = True,
    min_overlap: float = 0.5,
    support: SupportJudge | None = None,
    attach_by_numbers: bool = False,
) -> GroundingResult:
    """Clean the citations of ``raw_text`` against the numbered ``passages`` and flag every sentence
    whose claims the cited passages do not carry. With ``support``, each cited sentence the rules
    pass is also put to the model (second line). ``attach_by_numbers``: a citation is attached
    only to a passage holding every number of the sentence (``attach_citations``)."""
    lexicon = lexicon or default_lexicon()
    cleanup = keep_valid(raw_text, passages.keys())
    flags = [
        Flag(-1, "invalid_citation", f"[{n}]", f"citation [{n}] names no given passage; removed")
        for n in cleanup.invalid
    ]
    flags += [
        Flag(
            -1,
            "invalid_citation",
            piece,
            f"'{piece}' is "
            + ("a placeholder, not a citation" if piece.endswith("]") else "an unclosed citation")
            + "; removed",
        )
        for piece in dict.fromkeys(cleanup.broken)
    ]
    text = cleanup.text
    attached: set[int] = set()
    if attach:
        text, attached = attach_citations(text, passages, min_overlap, by_numbers=attach_by_numbers)
    facts = PassageFacts(passages, lexicon)
    named: set[int] = set()
    # The model check reads only the passages the text cites: the others cannot support any of
    # its sentences, and evaluating them was most of the check's time (walk 25: 811 prompt
    # tokens, 13 s, for a one-sentence answer citing one passage of five).
    shown = {n: passages[n] for n in cited_numbers(text, _limit(passages)) if n in passages}
    for sentence in split_sentences(text):
        if sentence.index in attached:
            flags.append(_attached_flag(sentence, _limit(passages)))
        heading = section_at(text, sentence.start)
        line = _line_at(text, sentence.start)
        found = check_sentence(sentence, passages, facts, lexicon, named, heading, line, text)
        flags.extend(found)
        if support is not None and not any(f.kind in CONTENT_KINDS for f in found):
            doubt = _model_doubt(support, sentence, passages, shown)
            if doubt is not None:
                flags.append(doubt)
    cited = [n for n in cited_numbers(text, _limit(passages)) if n in passages]
    return GroundingResult(text=text, flags=flags, cited=cited, named=sorted(named - set(cited)))

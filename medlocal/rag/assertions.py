"""What a sentence asserts about each clinical concept it names: negated or affirmed, which side,
historical or current, the patient or a relative, real or hypothetical.

This is the ConText algorithm (Harkema et al., J Biomed Inform 2009; NegEx, Chapman et al. 2001)
in a few small modules: trigger phrases open a scope that runs forward (or backward) to the end
of the sentence or to a termination term (rag/assertion_tokens.py), and every concept word inside
the scope takes the trigger's value. A negation's scope also ends at a comma that opens a new
claim rather than continuing a list, and six words into one list item (NegEx's window;
rag/negation_scope.py). The triggers (rag/assertion_triggers.py) are the published NegEx/ConText
lists (as shipped by medspaCy's default context rules), trimmed to clinical English; laterality,
"current" markers and relatives as experiencers are modifiers of our own on top of them.
rag/assertion_scopes.py reads each token's Assertion (rag/assertion_records.py), with the stopped
medications (rag/assertion_stops.py) and sides (rag/assertion_sides.py); headings that name no
finding are skipped (rag/assertion_headings.py), and rag/assertion_certainty.py says how sure
each reading is.
medspaCy itself is not used: on Python 3.11 it pins spaCy and numpy below 2, and its sentence
splitter logs tokens.

Concepts are found without an ontology: a concept is a content word (or a pair of adjacent ones,
so "type 1 diabetes" differs from "type 2 diabetes") that the answer sentence and a cited passage
share. rag/assertion_mismatches.py compares them: a mismatch is reported only when every
occurrence in the passages disagrees with the sentence, so a word used both ways in the passages
never raises a flag.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import replace

from medlocal.abbreviations import SHORTHAND
from medlocal.privacy.deid_lexicon import lexicon as word_lexicon
from medlocal.rag.assertion_certainty import Readings
from medlocal.rag.assertion_headings import (
    is_heading,
    is_table_header,
    is_title,
    system_heading,
)
from medlocal.rag.assertion_records import Assertion, Mention
from medlocal.rag.assertion_scopes import records_done, sentence_assertions
from medlocal.rag.assertion_stop_columns import mark_stop_columns
from medlocal.rag.assertion_stops import stop_listed, under_stop_label
from medlocal.rag.assertion_tokens import Token, tokenize
from medlocal.rag.sentences import split_sentences

# Words that name the test or the act of reporting rather than a finding: a negation scope runs
# over them ("no recurrence on the mammogram") without saying the mammogram was not done.
TEST_WORDS = frozenset(
    {"mammogram", "ct", "mri", "x-ray", "xray", "radiograph", "scan", "echocardiogram", "exam",
     "examination", "angiogram", "ultrasound", "study", "imaging", "radiotherapy", "radiation",
     # The test as a word ("his HIV and syphilis tests were negative" says nothing of the "test
     # of cure" booked); what it found is the finding.
     "test", "serology", "screen", "swab", "sample", "specimen", "panel", "assay", "naat", "pcr"}
)  # fmt: skip
_NOT_CONCEPTS = frozenset(
    {"report", "reports", "showed",
     "shows", "show", "seen", "found", "noted", "evidence", "present", "patient", "history",
     "was", "were", "has", "had", "have", "the", "and", "with", "for", "there", "this", "that",
     "she", "he", "her", "his", "they", "them", "also", "any", "are", "is", "be", "been", "of",
     "on", "in", "at", "to", "by", "from", "a", "an", "or", "as", "it", "its", "which", "who",
     "again", "small", "large", "new", "day", "days", "week", "weeks", "time", "today", "now",
     "currently", "active", "acute", "mild", "moderate", "severe", "complete", "completed",
     "performed", "given", "started", "takes", "received", "taking", "reported",
     "denies", "eye", "chest", "blood", "cultures", "culture", "age", "year", "years", "old",
     "impression", "findings", "finding", "diagnosis", "procedure", "note", "approach", "via",
     "left", "right", "bilateral", "both", "no", "not", "without", "prior", "previous", "remote",
     "status", "post", "family", "mother", "father", "brother", "sister", "son", "daughter",
     "wife", "husband", "partner", "carer", "caregiver", "relative", "relatives", "next", "kin",
     "if", "will", "should", "would", "may", "might", "consider", "planned", "scheduled",
     # Part of the triggers "no further", "no known", "nil known": what they deny follows.
     "further", "known",
     # Verbs of finding or reporting, as "seen" and "noted": "no shortening or rotation
     # observed" denies the shortening, not the observations a sentence speaks of.
     "observed", "identified", "detected", "demonstrated", "visualised", "visualized",
     "appreciated", "documented", "elicited", "recorded"}
)  # fmt: skip

# Months and weekdays date a finding; they are none ("Not seen in October" denies the visit,
# walk 28). Full names and the usual short forms.
_CALENDAR = frozenset(
    [m.lower() for m in calendar.month_name[1:] + calendar.day_name[:]]
    + ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
       "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri"]
)  # fmt: skip
# Words that join a clause in time or place are no finding either ("stopped smoking in 2023
# after 40 pack-years" against "if symptoms remain ... after exercise": round 10).
_JOINING = frozenset(
    {"after", "before", "until", "till", "since", "during", "while", "when", "then", "than",
     "into", "onto", "between", "within", "upon"}
)  # fmt: skip
_NOT_CONCEPTS = _NOT_CONCEPTS | _CALENDAR | _JOINING

# Words that are no concept alone but make one with the next: "severe hypoglycemia".
_QUALIFIERS = frozenset({"mild", "moderate", "severe", "acute", "new", "active", "complete"})

# Words that end in "s" without being plurals.
_SINGULAR_S = frozenset(
    {"diabetes", "herpes", "rabies", "scabies", "series", "species", "feces", "faeces", "mumps",
     "measles", "pancreas", "abscess", "ascites", "psoriasis", "pertussis", "tetanus", "status"}
)  # fmt: skip


def word_key(word: str) -> str:
    # "Na+" ~ "Na"; a result's sign is no part of the name ("HER2-" ~ "HER2", review 62g).
    w = word.lower().strip("'").rstrip("+-")
    if w.endswith("'s"):
        w = w[:-2]
    # Plurals and simple inflections compare equal ("complications" ~ "complication").
    if w in _SINGULAR_S:
        return w
    for suffix in ("ies", "s"):
        if w.endswith(suffix) and len(w) > 4 and not w.endswith("ss") and not w.endswith("is"):
            return w[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return w


def mentions(text: str, limit: int | None = None) -> list[Mention]:
    """Concept mentions of ``text`` with their assertions, sentence by sentence (``limit``: the
    highest passage number its citations may name, None when not known)."""
    found: list[Mention] = []
    sentences = split_sentences(text)
    for number, sentence in enumerate(sentences):
        if is_heading(sentence.text):
            continue  # walk 24: "DISCHARGE SUMMARY" reports no discharge as present
        if is_table_header(sentence.text):
            continue  # walk 41: "Drug | Dose | Frequency | Change" reports no drug as present
        if is_title(text, sentence.start, sentence.text):
            continue  # round 10: "Seizure diary (...)" reports no seizure as present
        tokens = tokenize(sentence.text, sentence.start, limit)
        # The next sentence may record a change suggested here as done ("She began it").
        following = sentences[number + 1] if number + 1 < len(sentences) else None
        done_next = following is not None and records_done(
            tokenize(following.text, following.start, limit)
        )
        assertions = sentence_assertions(tokens, sentence.text, done_next)
        if under_stop_label(text, sentence.start):
            stop_listed(tokens, assertions)
        # A medication table's stop column ("Drug,Dose,Started,Stopped": a date under it).
        from_columns = mark_stop_columns(text, tokens, assertions)
        readings = Readings(tokens, assertions, from_columns)
        heading = system_heading(tokens)
        words = [word_key(t.text) for t in tokens]
        # Where a person's name of two words starts.
        names = {
            i
            for i in range(len(tokens) - 1)
            if _is_person_name(sentence.text, sentence.start, tokens, i)
        }
        judged = len(found)
        for i, token in enumerate(tokens):
            # How sure each reading of the previous token's mentions is.
            found[judged:] = [readings.judge(m, i - 1) for m in found[judged:]]
            judged = len(found)
            if i in heading:
                continue
            # Shorthand that is itself a denial ("BNO": bowels not opened) denies what its
            # sense says did not happen.
            found += [
                Mention(word, token.start, token.end, sentence.text, _denied(assertions[i]))
                for word in _denied_by_shorthand(token.text)
            ]
            judged = len(found)  # the shorthand's own denial is sure
            if _qualifies(words, tokens, i):
                # "No severe hypoglycemia": what is denied is the severe kind.
                key = f"{words[i]} {words[i + 1]}"
                found.append(
                    Mention(key, token.start, tokens[i + 1].end, sentence.text, assertions[i])
                )
            if not _is_concept(words[i], token.text):
                continue
            surname = _is_surname(sentence.text, sentence.start, tokens, i)
            raw = sentence.text[token.start - sentence.start : token.end - sentence.start]
            person = (i in names or i - 1 in names) or (
                raw[:1].isupper() and raw[1:2].islower() and word_lexicon().name_like(words[i])
            )
            found.append(
                Mention(
                    words[i],
                    token.start,
                    token.end,
                    sentence.text,
                    assertions[i],
                    surname,
                    raw,
                    person,
                )
            )
            if i + 1 < len(tokens) and _is_concept(words[i + 1], tokens[i + 1].text, pair=True):
                key = f"{words[i]} {words[i + 1]}"
                found.append(
                    Mention(
                        key,
                        token.start,
                        tokens[i + 1].end,
                        sentence.text,
                        assertions[i],
                        person=i in names,
                    )
                )
            elif i > 0 and tokens[i - 1].text[0].isdigit():
                key = f"{words[i - 1]} {words[i]}"  # "1 diabetes" in "type 1 diabetes"
                found.append(
                    Mention(key, tokens[i - 1].start, token.end, sentence.text, assertions[i])
                )
        found[judged:] = [readings.judge(m, len(tokens) - 1) for m in found[judged:]]
    return found


def _denied(assertion: Assertion) -> Assertion:
    return replace(assertion, negated=True)


def _denied_by_shorthand(word: str) -> list[str]:
    """The words a shorthand's sense denies: "opened" for "BNO" (bowels not opened)."""
    found: list[str] = []
    for sense in SHORTHAND.get(word, ()):
        parts = sense.split()
        for k, part in enumerate(parts[:-1]):
            if part in ("not", "no"):
                found += [word_key(w) for w in parts[k + 1 :] if _is_concept(word_key(w), w)]
    return found


def _qualifies(words: Sequence[str], tokens: Sequence[Token], i: int) -> bool:
    """Whether word ``i`` is a qualifier ("severe") of a concept right after it."""
    return (
        words[i] in _QUALIFIERS
        and i + 1 < len(tokens)
        and _is_concept(words[i + 1], tokens[i + 1].text, pair=True)
    )


def _capitalised(sentence: str, start: int, token: Token) -> bool:
    raw = sentence[token.start - start : token.end - start]
    return raw[:1].isupper() and raw[1:2].islower()


def _is_surname(sentence: str, start: int, tokens: Sequence[Token], i: int) -> bool:
    return (
        i > 0
        and _capitalised(sentence, start, tokens[i])
        and _capitalised(sentence, start, tokens[i - 1])
    )


def _is_person_name(sentence: str, start: int, tokens: Sequence[Token], i: int) -> bool:
    """Whether words ``i`` and ``i + 1`` are a person's name ("Mere Whitlock"): both capitalised,
    neither clinical, the second no English word, so a title-case finding ("Heart Failure",
    "Parkinson Disease") is none."""
    words = word_lexicon()
    first, second = (t.text.lower() for t in tokens[i : i + 2])
    return (
        _capitalised(sentence, start, tokens[i])
        and _capitalised(sentence, start, tokens[i + 1])
        and second not in words.english
        and not words.clinical(first)
        and not words.clinical(second)
    )


def _is_concept(word: str, raw: str, pair: bool = False) -> bool:
    if pair and raw[:1].isdigit():
        return False
    return len(word) >= 2 and word.isascii() and word[0].isalpha() and word not in _NOT_CONCEPTS

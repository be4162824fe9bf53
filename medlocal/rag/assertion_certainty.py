"""How sure each reading of a sentence's tokens is (a denial, a stop, a relative's), so that the
assertion checks report a conflict only between plain readings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from medlocal.abbreviations import SHORTHAND
from medlocal.rag.assertion_records import Assertion, Mention
from medlocal.rag.assertion_scopes import AS_WAS, DENYING_VALUES, signed_denial
from medlocal.rag.assertion_stops import REGIMEN_WORDS, names_a_drug_first
from medlocal.rag.assertion_tokens import DASHES, TERMINATORS, Token, find_phrases, is_break
from medlocal.rag.assertion_triggers import (
    NEG_BACKWARD,
    NEG_FORWARD,
    PSEUDO,
    RELATIVES,
    STOP_BACKWARD,
    STOP_FORWARD,
    STOP_REPLACED,
)
from medlocal.rag.negation_scope import NEG_ITEM_OPENERS, NEG_UNCOUNTED, NEW_CLAUSE, ends_scope

# --- how sure a reading is -----------------------------------------------------------------------
# A conflict is only as good as the two readings it sets against each other. Each check reads a
# sentence with rules of scope that new wording defeats ("calf soft and non-tender" after "no
# erythema", "Son (6 y): ... on TB preventive therapy"), so a conflict is reported only where
# both readings are plain: a denial whose cue stands right before (or after) the finding with
# only the finding's words between (or "or": "no fever or rigors"); an affirmation in a
# statement (to the semicolons either side) with no cue of denial at all; a relative named
# right before what is theirs; the patient's own in a sentence that names no relative. The rest
# the checks leave unflagged rather than risk a false alarm (round 6 of the precision audit,
# tests/fixtures/grounding_eval/RESULTS.md).

# At most this many words of the finding between a denial's cue and the finding ("no chest
# pain", "HIV test 06/2025 negative"), and between a relative and what is theirs ("FHx: mother -
# melanoma aged 62", "Older sister (4 years) has asthma").
_PLAIN_WORDS = 2
_RELATIVE_WORDS = 3

# Words that deny whatever stands beside them, beyond the trigger phrases: a result ("Sputum
# smear ...: negative", "opiates neg"), a count of none ("0 missed doses"), a negative prefix
# ("non-tender"), shorthand that is a denial ("NKDA", "BNO").
_DENIAL_WORDS = frozenset({"negative", "neg", "nil", "zero", "0", "none", "absent"})


def _a_denial_word(word: str) -> bool:
    return word in _DENIAL_WORDS or any(
        part in ("no", "not", "nil") for sense in SHORTHAND.get(word, ()) for part in sense.split()
    )


# What may stand between a cue and the finding it plainly governs.
_TIGHT_FILLER = NEG_UNCOUNTED - NEG_ITEM_OPENERS
_EITHER = frozenset({"or", "nor"})
_ADVERBS = frozenset({"yet", "still"})
# What binds a label to its value ("Not taking: atorvastatin", "valproate - stopped 2022",
# "Syphilis (TPPA) negative"): no word between them.
_LABEL_MARKS = frozenset({":", "(", ")", *DASHES})


class Readings:
    """How sure each token's reading is, for one sentence (see the comment above)."""

    def __init__(
        self,
        tokens: Sequence[Token],
        assertions: Sequence[Assertion],
        plain_stops: frozenset[int] = frozenset(),
    ) -> None:
        self.tokens = tokens
        self.assertions = assertions
        # Stops read from a table's stop column (rag/assertion_stop_columns.py): a cell says
        # it, no trigger whose scope could have been misread.
        self.plain_stops = plain_stops
        pseudo = {i for s, e in find_phrases(tokens, PSEUDO) for i in range(s, e)}
        spans = [
            span
            for phrases in (
                NEG_FORWARD,
                NEG_BACKWARD,
                STOP_FORWARD,
                STOP_BACKWARD,
                AS_WAS,
                DENYING_VALUES,
            )
            for span in find_phrases(tokens, phrases)
            if not pseudo.intersection(range(*span))
        ]
        # "in place of metformin" is a cue of the stop it gives the drug after it; one that
        # names no drug ("instead of surgery") stops nothing, and is no cue left dangling.
        spans += [
            span
            for span in find_phrases(tokens, STOP_REPLACED)
            if names_a_drug_first(tokens, span[1])
        ]
        words = {i for i, t in enumerate(tokens) if _a_denial_word(t.text)}
        self.cues = {i for start, end in spans for i in range(start, end)} | words
        # A cue that opens a comparison is no denial: "no more than 10 mg", "not later than
        # day 5" bound an amount or a time, they deny nothing beside them.
        self.cues -= {
            i
            for i in self.cues
            if i + 2 < len(tokens) and tokens[i + 2].text == "than" and tokens[i + 1].text.isalpha()
        }
        # Tokens that are themselves part of a denial: read as affirmed, they may be what it
        # denies ("No new medications"); a negative prefix denies its own word ("non-tender").
        self.in_cue = {i for start, end in spans if end - start > 1 for i in range(start, end)}
        self.in_cue |= {i for i, t in enumerate(tokens) if t.text.startswith("non-")}
        # Cues the reader gave no reach: nothing beside them is read as denied or stopped
        # ("pneumococcal vaccine offered, declined", "opiates neg", "0 missed doses").
        self.dangling = {i for i in self.cues if not self._reaches(i)}
        self.relatives = find_phrases(tokens, RELATIVES)

    def _reaches(self, cue: int) -> bool:
        """Whether anything in the cue's clause (to a semicolon or a termination term; over a
        label's colon) is read as denied or stopped."""

        def ends(t: Token) -> bool:
            return t.text == ";" or t.text in TERMINATORS

        first = cue
        while first > 0 and not ends(self.tokens[first - 1]):
            first -= 1
        last = cue
        while last + 1 < len(self.tokens) and not ends(self.tokens[last + 1]):
            last += 1
        return any(
            j not in self.cues and (self.assertions[j].negated or self.assertions[j].stopped)
            for j in range(first, last + 1)
        )

    def judge(self, mention: Mention, i: int) -> Mention:
        if i < 0:
            return mention
        a = self.assertions[i]
        unsure_denial = (
            not self._plainly_denied(i) if (a.negated or a.stopped) else self._cue_near(i)
        )
        # A relative anywhere in the sentence may be whom its other statements speak of too
        # ("Her sister supervises her doses as treatment supporter, and ...").
        unsure_experiencer = not self._plainly_theirs(i) if a.family else bool(self.relatives)
        return replace(mention, unsure_denial=unsure_denial, unsure_experiencer=unsure_experiencer)

    def _between_plain(self, first: int, last: int, step: int, lists: bool = False) -> bool:
        """Whether tokens ``first`` to ``last`` (exclusive) are only the finding's own words,
        a bracketed aside, a label's colon or dash, a regimen's figures and words, and items
        joined by "or" or "nor" (or, before a backward cue, "and"); a comma or a break is
        another statement. ``step``: 1 where the cue comes first, -1 where it comes after;
        ``lists``: a comma joins items too ("No EGFR, ALK or ROS1 alteration"), as it may for a
        reading of the word as affirmed."""
        counted = 0
        aside = 0
        for j in range(first, last):
            t = self.tokens[j].text
            aside += (t == "(") - (t == ")")
            if aside or t in _TIGHT_FILLER or t in _LABEL_MARKS:
                continue
            # After the cue, "and" may join a new claim the reader took for one more item ("as
            # no edema and orthostatic"): no plain reach. Before it, the items are the cue's
            # subject ("fever and chills were absent"), unless a subject of its own follows.
            if t == "and" and (step == 1 or ends_scope(self.tokens, j, step)):
                return False
            if not lists and self._another_predicate(j, last):
                return False
            if t in _EITHER or (t == "," and lists and not self._opens_clause(j + 1)):
                counted = 0  # "no fever or rigors": a denial distributes over "or"
                continue
            if t[0].isdigit() or (t in REGIMEN_WORDS and t != ","):
                continue
            if t == "," or is_break(self.tokens[j]):
                return False
            counted += 1
            if counted > _PLAIN_WORDS:
                return False
        return True

    def _opens_clause(self, j: int) -> bool:
        """Whether token ``j`` opens a clause of its own ("Denies chest pain, reports
        dyspnoea"): no item of a list after a comma."""
        return j < len(self.tokens) and self.tokens[j].text in NEW_CLAUSE

    def _another_predicate(self, j: int, last: int) -> bool:
        """Whether token ``j``, between a word and a cue at token ``last`` or after it, opens
        what the cue does not plainly govern: "and" right before a backward cue joins a
        predicate of its own ("started on the evening of 2 September and was not relieved"),
        "as" a clause of reason or comparison ("not offered as symptoms > 3 months")."""
        t = self.tokens[j].text
        if t == "and":
            return all(k in self.cues for k in range(j + 1, last))
        return t == "as"

    def _plainly_denied(self, i: int) -> bool:
        return (
            i in self.cues
            or i in self.plain_stops
            or signed_denial(self.tokens[i].text)  # "HER2-": the word carries its own result
            or self._within_reach(i)
        )

    def _within_reach(self, i: int, lists: bool = False) -> bool:
        """Whether a cue other than token ``i`` stands where it plainly governs ``i`` (with
        ``lists``, or governs it as one of a list of items after commas)."""
        return any(
            self._between_plain(self._after_cue(c), i, 1, lists)
            if c < i
            else self._between_plain(i + 1, c, -1, lists)
            for c in self.cues
            if c != i
        )

    def _after_cue(self, c: int) -> int:
        """Where a forward cue's finding may start: past "yet"/"still" ("not yet removed"), an
        adverb of the denial as ``negation_scope`` reads it."""
        after = c + 1
        if after < len(self.tokens) and self.tokens[after].text in _ADVERBS:
            return after + 1
        return after

    def _cue_near(self, i: int) -> bool:
        """Whether token ``i`` is part of a denial, stands where a cue plainly reaches, or a cue
        given no reach stands in its statement: then a reading of ``i`` as affirmed may have
        missed what the cue denies ("no bleeding or bruising and had not started ..."). Here a
        comma may join the cue's items ("No EGFR, ALK or ROS1 alteration")."""
        return (
            i in self.in_cue
            or any(self._statement(i, c) for c in self.dangling)
            or self._within_reach(i, lists=True)
        )

    def _statement(self, i: int, j: int) -> bool:
        """Whether tokens ``i`` and ``j`` are in one statement: no semicolon between them."""
        return not any(t.text == ";" for t in self.tokens[min(i, j) : max(i, j)])

    def _plainly_theirs(self, i: int) -> bool:
        for start, end in self.relatives:
            if end <= i and self._between_words(end, i) <= _RELATIVE_WORDS:
                return True
            if start > i and self._between_words(i + 1, start) <= 1:
                return True
        return False

    def _between_words(self, first: int, last: int) -> int:
        counted = 0
        for t in self.tokens[first:last]:
            if t.text == ";":
                return len(self.tokens)  # another statement
            if t.text not in _TIGHT_FILLER and t.text not in _LABEL_MARKS and t.text != ",":
                counted += 1
        return counted

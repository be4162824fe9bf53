"""Whether a sentence asserts each concept as its cited passages do (rag/assertions.py reads
the assertions): a mismatch is reported only when every mention of the concept in the passages
disagrees with the sentence, so a word used both ways in the passages never raises a flag. A
concept of the sentence also meets the passages' mentions of its related forms: derived words,
abbreviations, prefixed and clipped forms."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from medlocal.abbreviations import SHORTHAND, default_abbreviations
from medlocal.privacy.deid_lexicon import lexicon as word_lexicon
from medlocal.rag.assertion_records import Assertion, Mention
from medlocal.rag.assertion_triggers import RELATIVES, TIME_BOUNDED
from medlocal.rag.assertions import TEST_WORDS, mentions, word_key
from medlocal.rag.habits import HABIT_KEYS


@dataclass(frozen=True)
class Mismatch:
    dimension: str  # negation, laterality, historical, experiencer, hypothetical
    mention: Mention  # in the sentence
    evidence: Mention  # a passage mention that disagrees (for the quote)
    message: str


# A clipped form ("hypos" for hypoglycaemic episodes, "chemo", "physio") has four or five
# letters, and the word it stands for at least three more.
_CLIPPED = range(4, 6)
_CLIPPED_REST = 3


def _related_forms(
    mention: Mention, sentence: str, evidence: Mapping[str, Sequence[Mention]]
) -> list[Mention]:
    """The evidence's mentions of ``mention``'s concept under another form, where it does not
    name it as the sentence does: a clipped form ("hypos"), an abbreviation or what it stands
    for ("MI" ~ "myocardial infarction"), or a prefixed form whose prefix says what is asserted
    ("non-smoker": a smoker, negated; "ex-smoker": a past one)."""
    return (
        _clipped_forms(mention.key, evidence)
        or _abbreviated_forms(mention, sentence, evidence)
        or _prefixed_forms(mention.key, evidence)
        or _derived_forms(mention.key, evidence)
    )


# A verb and its noun share a stem: "hospitalized" ~ "hospitalizations", "intubated" ~
# "intubation", "infected" ~ "infection".
_DERIVATION = re.compile(r"(?:ions?|ed|ing|es|e|s)$")
_DERIVATION_BASE = re.compile(r"(?:at|is|iz)$")
_DERIVED_STEM = 5


# A consonant doubled before "-ed"/"-ing" ("admitted", "referred", "stopping"); not l, s, z or f,
# which a base word ends in doubled ("called", "passed").
_DOUBLED = re.compile(r"([b-df-hj-km-np-rtv-xy])\1$")


def _derived_stem(word: str) -> str | None:
    if " " in word:
        return None
    found = _DERIVATION.sub("", word)
    if found != word:
        found = _DOUBLED.sub(r"\1", found)  # "admitt" -> "admit"
    while _DERIVATION_BASE.search(found):  # "hospitalizat" -> "hospitaliz" -> "hospital"
        found = _DERIVATION_BASE.sub("", found)
    return found if len(found) >= _DERIVED_STEM and found != word else None


def _derived_forms(key: str, evidence: Mapping[str, Sequence[Mention]]) -> list[Mention]:
    """The evidence's mentions of another form of ``key``'s word, its stem or the base word
    itself: "intubated" ~ "intubation", "admitted" ~ "admit" (a passage's "If BP > 160/110,
    admit" is the plan a sentence's "she has been admitted" turns into a fact)."""
    mine = _derived_stem(key)
    if mine is None:
        return []
    return [
        m
        for k, found in evidence.items()
        if (_derived_stem(k) or (k if " " not in k else None)) == mine
        for m in found
    ]


# An abbreviation that is a common English word ("AS", "OR") is not read as one here.
_COMMON_WORD = 2


def _abbreviated_forms(
    mention: Mention, sentence: str, evidence: Mapping[str, Sequence[Mention]]
) -> list[Mention]:
    vocabulary = default_abbreviations()
    if " " in mention.key:  # "myocardial infarction" -> "MI"
        keys = vocabulary.back.get(tuple(mention.key.split()), ()) or _phrase_abbreviations(
            mention, sentence
        )
        forms = [k.lower() for k in keys if vocabulary.english[k] < _COMMON_WORD]
        # And the shorthand the list lacks: "spontaneous breathing trial" -> "SBT".
        forms += [
            short
            for short, senses in SHORTHAND.items()
            if any(_sense_key(s) == mention.key for s in senses)
        ]
    else:  # "MI" -> "myocardial infarction", as the sentence writes it
        raw = sentence[mention.start : mention.end]
        senses = vocabulary.senses.get(raw, ()) if vocabulary.english.get(raw, 2) < 2 else ()
        forms = [_sense_key(s) for s in senses[:2]]
        forms += [_sense_key(s) for s in SHORTHAND.get(raw.lower(), ())]
    return [m for form in dict.fromkeys(forms) for m in evidence.get(form, ())]


_LONGEST_SENSE = 5


def _phrase_abbreviations(mention: Mention, sentence: str) -> tuple[str, ...]:
    """Abbreviations of a longer phrase the mention starts, its last word also without "-ing"
    or a plural: "coronary artery bypass grafting" -> "CABG" (its sense: "... graft")."""
    vocabulary = default_abbreviations()
    words = re.findall(r"[a-z][a-z\-]*", sentence[mention.start :].lower())
    for size in range(min(_LONGEST_SENSE, len(words)), 2, -1):
        head, last = words[: size - 1], words[size - 1]
        for form in dict.fromkeys((last, re.sub(r"(?:ing|s)$", "", last))):
            keys = vocabulary.back.get((*head, form))
            if keys:
                return keys
    return ()


def _sense_key(sense: str) -> str:
    """The concept key of an abbreviation's sense: its word, or its first two words."""
    words = [word_key(w) for w in sense.split()[:2]]
    return " ".join(words)


def _prefixed_forms(key: str, evidence: Mapping[str, Sequence[Mention]]) -> list[Mention]:
    found = [
        Mention(key, m.start, m.end, m.sentence, replace(m.assertion, negated=True), m.surname)
        for m in evidence.get("non-" + key, ())
    ]
    found += [
        Mention(key, m.start, m.end, m.sentence, replace(m.assertion, historical=True), m.surname)
        for m in evidence.get("ex-" + key, ())
    ]
    return found


def _clipped_forms(key: str, evidence: Mapping[str, Sequence[Mention]]) -> list[Mention]:
    """The evidence's mentions of a clipped form of the word ``key``, where the evidence does
    not name the word itself: "No hypos reported" speaks of hypoglycaemic episodes. A short word
    that is an English word as written ("pain" of "painless", "mass" of "massive") is none."""
    if " " in key:
        return []
    english = word_lexicon().english
    return [
        m
        for short, found in evidence.items()
        if len(short) in _CLIPPED
        and len(key) >= len(short) + _CLIPPED_REST
        and key.startswith(short)
        for m in found
        if m.raw.lower() not in english
    ]


def index_mentions(text: str) -> dict[str, list[Mention]]:
    """The concept mentions of ``text`` by key (what ``compare`` reads from the passages)."""
    index: dict[str, list[Mention]] = {}
    for m in mentions(text):
        index.setdefault(m.key, []).append(m)
    return index


def compare(
    sentence: str,
    passages: str | Mapping[str, Sequence[Mention]],
    offset: int = 0,
    limit: int | None = None,
) -> list[Mismatch]:
    """Concepts of ``sentence`` whose assertion every mention in ``passages`` (a text, or its
    ``index_mentions``) contradicts. Offsets of the returned mentions are shifted by ``offset``;
    ``limit``: the highest passage number the sentence's citations may name."""
    evidence = index_mentions(passages) if isinstance(passages, str) else passages
    results: list[Mismatch] = []
    seen: set[str] = set()
    found = mentions(sentence, limit)
    # A word the sentence itself both negates and affirms ("no acute infarct, only an old
    # lacunar infarct") tells two things apart by the words beside it: the word alone says
    # nothing the passages could contradict (as a word used both ways in the passages).
    both_ways = {m.key for m in found if m.assertion.negated} & {
        m.key for m in found if not m.assertion.negated
    }
    # A denial bounded in time ("no heroin use in the last three months", "no pain since
    # discharge") agrees with a passage that gives the thing as present before that time.
    bounded = TIME_BOUNDED.search(sentence) is not None
    # A passage's denial of earlier ones ("No previous admissions") agrees with a sentence that
    # does not speak of earlier ones ("this was his first admission").
    sentence_looks_back = _EARLIER.search(sentence) is not None
    # A medication the sentence gives as a past course ("tolerated piperacillin-tazobactam",
    # "received amoxicillin") is no claim that it is still taken.
    past_course = _PAST_COURSE.search(sentence) is not None
    # A sentence that writes a condition of its own ("rising to 15 mg weekly ... if his bloods
    # are satisfactory", "planned ... provided her count is satisfactory") states nothing as
    # done of a word its condition reaches (round 8): see ``_conditioned`` (review 33: not of
    # "Apixaban was started, to be stopped if she bleeds").
    conditional = _OWN_CONDITION.search(sentence) is not None
    # Word pairs first, so a flag names "pulmonary embolism" rather than "pulmonary", and words
    # the passages write as the sentence does before those found under another form ("switched"
    # ~ "switch"), so a flag names "edoxaban" rather than the verb beside it.
    judged_mentions = [
        (mention, direct or _related_forms(mention, sentence, evidence), bool(direct))
        for mention in found
        for direct in [evidence.get(mention.key)]
    ]
    judged_mentions.sort(key=lambda j: (" " not in j[0].key, not j[2]))
    for mention, others, _direct in judged_mentions:
        if not others:
            continue
        for dimension, disagrees in _CHECKS:
            if dimension == "stopped" and past_course and not mention.assertion.stopped:
                continue
            if (
                dimension == "hypothetical"
                and conditional
                and _conditioned(sentence, mention.start)
            ):
                continue
            judged = others
            if dimension == "negation" and not sentence_looks_back:
                judged = [
                    o
                    for o in others
                    if not (o.assertion.negated and _DENIED_EARLIER.search(o.sentence))
                ]
                if not judged:
                    continue
            if dimension in seen or (mention.key in TEST_WORDS and dimension != "laterality"):
                continue
            if mention.key in HABIT_KEYS and dimension in _HABIT_DIMENSIONS:
                continue  # a habit's word: rag/habits.py reads it as one fact (check_habits)
            if dimension == "negation" and (
                mention.key in both_ways or (mention.assertion.negated and bounded)
            ):
                continue
            if dimension == "experiencer" and (
                _BOTH_OF_A_PREGNANCY.intersection(mention.key.split())
                or _OF_A_PREGNANCY.search(sentence[: mention.start]) is not None
            ):
                continue
            if dimension == "experiencer" and _shared_with_a_relative(mention, judged):
                continue
            if dimension == "experiencer" and any(o.surname for o in others):
                # Walk 26: "given to Margaret Thornbury" is not about "her daughter Rosalind
                # Thornbury"; the relative's own given name still is.
                continue
            if (
                dimension == "experiencer"
                and mention.person
                and not all(o.assertion.family for o in others)
            ):
                # Walk 27: a sentence that names a relative anywhere ("The patient, Anahera
                # Whitlock, lives with her daughter") reads every word of it as the relative's;
                # of a person's name only the passage calling that person a relative ("her
                # daughter Rosalind") tells the sentence has confused who is who.
                continue
            # Precision first (round 6): a conflict between readings either of which could be
            # wrong is no conflict to report.
            if dimension in ("negation", "stopped") and (
                mention.unsure_denial or any(o.unsure_denial for o in judged)
            ):
                continue
            if dimension == "experiencer" and (
                mention.unsure_experiencer or any(o.unsure_experiencer for o in judged)
            ):
                continue
            if dimension in _KIND_DIMENSIONS and _another_kind(mention, judged):
                continue
            if dimension == "negation" and _denied_only_now(mention, judged):
                continue
            if all(disagrees(mention.assertion, o.assertion) for o in judged):
                other = judged[0]
                seen.add(dimension)
                shifted = Mention(
                    mention.key,
                    mention.start + offset,
                    mention.end + offset,
                    mention.sentence,
                    mention.assertion,
                )
                words = sentence[mention.start : mention.end]
                results.append(
                    Mismatch(dimension, shifted, other, _message(dimension, words, mention, other))
                )
    return results


# A head word whose kind the words before it name differently on each side ("rabies
# pre-exposure vaccination" against "yellow fever vaccine", "Hashimoto's disease" against
# "coeliac disease"): two things, and one's owner is no claim about the other's (round 10).
# Only whose it is: a denial or certainty compared across two kinds loses real catches
# ("anti-thyroglobulin antibodies" against "anti-Tg antibodies negative").
_KIND_DIMENSIONS = frozenset({"experiencer"})
_MODIFIER = re.compile(r"([A-Za-z][A-Za-z'’-]{2,})\s+$")
# Words before a head word that name no kind of it: pronouns, determiners, verbs of having or
# denying, and the people whose it is ("Partner smokes").
_NO_MODIFIERS = frozenset(
    {"the", "his", "her", "their", "she", "they", "him", "any", "all", "was", "were", "had",
     "has", "have", "and", "for", "with", "not", "nor", "without", "denies", "denied",
     "declined", "refused", "new", "further", "known", "previous", "prior", "recent", "current",
     "some", "one", "two", "patient", "who", "which", "that", "also", "still", "now"}
    | set(RELATIVES)
)  # fmt: skip


def _modifier(mention: Mention) -> str | None:
    """The word right before a one-word mention in its sentence (found by its spelling there:
    a passage mention's offset is the passage's), where the word is written once."""
    at = [m.start() for m in re.finditer(rf"\b{re.escape(mention.raw)}\b", mention.sentence)]
    if not mention.raw or len(at) != 1:
        return None
    found = _MODIFIER.search(mention.sentence, 0, at[0])
    word = found.group(1).lower() if found else None
    if word is None or word in _NO_MODIFIERS or word.endswith(("ing", "ed")):
        return None  # "requiring decolonisation": a verb, not a kind
    return word


def _another_kind(mention: Mention, others: Sequence[Mention]) -> bool:
    """Whether the sentence's one-word ``mention`` and every passage mention are each named a
    kind by the word before them, the sentence's kind appearing nowhere in the passage's
    sentence: no plain reading says they are one thing."""
    if " " in mention.key:
        return False
    mine = _modifier(mention)
    if mine is None:
        return False
    for other in others:
        theirs = _modifier(other)
        if theirs is None or theirs == mine or mine in other.sentence.lower():
            return False
    return True


# A denial of a thing's present state ("no active bleeding today") says nothing of another
# kind of it that the sentence names ("heavy menstrual bleeding"): only where the passage's word
# before the thing is one of these and the sentence's is another, found nowhere in the passage's
# sentence (the kind rule above, kept off denials, is too wide for them: round 10).
_NOW_STATES = frozenset({"active", "acute", "ongoing", "fresh"})
# Words of how much or how often, not of which kind: "severe bleeding" is bleeding now, which
# "no active bleeding" denies (review61g: "He has heavy bleeding" against it was unflagged).
_DEGREES = frozenset(
    {"heavy", "severe", "significant", "major", "massive", "profuse", "brisk", "torrential",
     "uncontrolled", "persistent", "continuous", "constant", "intermittent", "frequent",
     "recurrent", "repeated", "multiple", "daily", "large", "marked", "moderate", "mild",
     "minor", "slight", "small", "minimal", "occasional", "worsening", "increasing", "current",
     "life-threatening", "troublesome", "visible", "obvious", "gross", "extensive", "bad"}
)  # fmt: skip


def _denied_only_now(mention: Mention, others: Sequence[Mention]) -> bool:
    if " " in mention.key or mention.assertion.negated:
        return False
    mine = _modifier(mention)
    if mine is None or mine in _NOW_STATES or mine in _DEGREES:
        return False
    return all(
        o.assertion.negated and _modifier(o) in _NOW_STATES and mine not in o.sentence.lower()
        for o in others
    )


# What rag/habits.py reads of a habit ("smokes", "ex-smoker"): whether and when it is done.
# Whose habit it is (a relative's) and its side stay with the concept comparison.
_HABIT_DIMENSIONS = frozenset({"negation", "stopped", "historical", "hypothetical"})


# Words of a pregnancy and birth concern mother and baby both: a baby's note writes "antenatal
# steroids" of the doses its mother received ("her mother had antenatal betamethasone").
_BOTH_OF_A_PREGNANCY = frozenset(
    {"antenatal", "prenatal", "perinatal", "intrapartum", "peripartum", "intrauterine", "labour",
     "labor", "delivery", "gestation", "gestational", "pregnancy", "placental", "placenta"}
)  # fmt: skip

# What such a word qualifies ("antenatal betamethasone", "intrapartum antibiotics") as well.
_PREGNANCY_WORDS = "|".join(sorted(_BOTH_OF_A_PREGNANCY))
_OF_A_PREGNANCY = re.compile(rf"\b(?:{_PREGNANCY_WORDS})\s+(?:[\w-]+\s+){{0,2}}$", re.I)


# A count is no one's own ("two hours apart" against "her father and two brothers have type 2
# diabetes"), and a relative who "also" has a thing says the patient has it too ("Her sister,
# 22, also has CF"): round 14, heldout13.
_COUNT_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "both", "several", "many", "few"}
)  # fmt: skip
# "also" right before the word, a verb or two between at most ("also has CF"; not "Husband
# also HIV+, on ART, VL suppressed": the viral load is the husband's alone), or "too" after it;
# the word ends the relative's sentence: "his wife also had a stroke in 2021 and uses a
# wheelchair" gives the relative a stroke of her own, which "he had a stroke in 2021" is not.
_ALSO_BEFORE = re.compile(r"\balso\s+(?:[\w+-]+\s+){0,2}$", re.I)
_TOO_AFTER = re.compile(r"\s*(?:[\w-]+\s+)?(?:too|as\s+well)\b", re.I)
_ENDS = re.compile(r"\s*(?:[\w-]+)?\s*(?:(?:too|as\s+well)\b)?\s*[.;!]?\s*$", re.I)


def _also_theirs(other: Mention) -> bool:
    """Whether the relative's sentence says the relative "also" has ``other``'s word."""
    word = (other.raw or other.key).lower()
    at = other.sentence.lower().find(word)
    if not word or at < 0:
        return False
    before, after = other.sentence[:at], other.sentence[at + len(word) :]
    if _ENDS.match(after) is None:
        return False
    return _ALSO_BEFORE.search(before) is not None or _TOO_AFTER.match(after) is not None


def _shared_with_a_relative(mention: Mention, others: Sequence[Mention]) -> bool:
    """Whether a relative's mention of ``mention``'s word says nothing against it being the
    patient's: the word is a count, or every such passage sentence says the relative "also"
    has it."""
    if mention.key in _COUNT_WORDS:
        return True
    return bool(others) and all(_also_theirs(o) for o in others)


_DENIED_EARLIER = re.compile(
    r"\b(?:no|nil|never|not)\s+(?:any\s+)?(?:previous|prior|past|earlier)\b", re.I
)
_EARLIER = re.compile(
    r"\b(?:previous(?:ly)?|prior|past|earlier|before|history\s+of|again|another|recurren\w*)\b",
    re.I,
)
# An anticoagulant reversed ("his warfarin was reversed with vitamin K") is no claim either.
_PAST_COURSE = re.compile(
    r"\b(?:tolerated|received|completed|took|(?:was|were)\s+given|(?:was|were)\s+treated\s+"
    r"with|had\s+a\s+course\s+of|reversed|reversal\s+of)\b",
    re.I,
)


def _negation(a: Assertion, b: Assertion) -> bool:
    # A drug whose stop or dose change is only asked about is taken ("Please advise on stopping
    # her warfarin"): a sentence that denies it is taken disagrees (review 43b R2).
    if a.negated == b.negated or a.hypothetical or (b.hypothetical and not b.change_only):
        return False
    if bool(a.family) != bool(b.family):
        # One side is a relative's: "declined rabies vaccination" is no denial of "Wife: yellow
        # fever vaccine 2016" (round 10); the experiencer check speaks to that.
        return False
    # A medication stopped is one not taken: "she stopped atorvastatin" agrees with "not taking
    # atorvastatin", and "warfarin was held" with "no warfarin tonight".
    affirmed = b if a.negated else a
    return not affirmed.stopped


def _laterality(a: Assertion, b: Assertion) -> bool:
    # One side of what the passage says of both ("a cyst in the left kidney" against "Both
    # kidneys normal size") says less, not otherwise; both where the passage says one is wrong.
    if b.side == "bilateral" and a.side in ("left", "right"):
        return False
    return bool(a.side) and bool(b.side) and a.side != b.side


def _historical(a: Assertion, b: Assertion) -> bool:
    return (a.current and b.historical and not b.current) or (
        a.historical and not a.current and b.current and not b.historical
    )


def _experiencer(a: Assertion, b: Assertion) -> bool:
    return bool(a.family) != bool(b.family)


_OWN_CONDITION = re.compile(r"\b(?:if|provided|providing|unless|as long as)\b", re.I)
# What ends a clause: a condition reaches no word past it.
_CLAUSE_END = re.compile(r"[,;:()]|\b(?:and|but|then|so|while|whereas)\b", re.I)
# A clause that gives its word as planned, not done ("is to start", "is planned", "will").
_PLANNED = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:to|due)|will|would|shall|should|plan(?:s|ned)?|booked"
    r"|scheduled|going to|going up|rising|increasing|reducing|to start|to be started)\b",
    re.I,
)


def _conditioned(sentence: str, start: int) -> bool:
    """Whether the sentence's own condition reaches the word at ``start``: the word lies in the
    clause the condition opens ("... if apixaban is tolerated"), the word's clause gives it
    as planned ("Cycle 4 is planned ... provided ..."), or the condition follows the word in
    its clause ("readmission for phototherapy if it is above 250"). A clause stated as done beside a
    condition of another ("Apixaban was started, to be stopped if she bleeds") is not."""
    for condition in _OWN_CONDITION.finditer(sentence):
        if condition.end() <= start and not _CLAUSE_END.search(sentence[condition.end() : start]):
            return True
    before = list(_CLAUSE_END.finditer(sentence[:start]))
    after = _CLAUSE_END.search(sentence, start)
    clause = sentence[before[-1].end() if before else 0 : after.start() if after else None]
    if _PLANNED.search(clause) is not None:
        return True
    # A condition after the word in its own clause governs it too: "with readmission for
    # phototherapy if it is above 250" (round 10).
    rest = sentence[start : after.start() if after else None]
    return _OWN_CONDITION.search(rest) is not None


def _hypothetical(a: Assertion, b: Assertion) -> bool:
    if b.change_only and not (a.changed or a.stopped):
        # Only a stop or a dose change is asked about or suggested: the drug is taken, so a
        # sentence that gives it as taken agrees; one that says it was changed does not
        # (review 43b R2).
        return False
    return b.hypothetical and not a.hypothetical and not a.negated


def _stopped(a: Assertion, b: Assertion) -> bool:
    """A medication given as taken where the passage says it was stopped, or the reverse."""
    settled = not (a.hypothetical or b.hypothetical or a.negated or b.negated)
    return settled and a.stopped != b.stopped


_CHECKS = (
    ("negation", _negation),
    ("stopped", _stopped),
    ("laterality", _laterality),
    ("experiencer", _experiencer),
    ("historical", _historical),
    ("hypothetical", _hypothetical),
)


def _quote(sentence: str, limit: int = 160) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _message(dimension: str, concept: str, mine: Mention, other: Mention) -> str:
    a, b = mine.assertion, other.assertion
    quote = f'"{_quote(other.sentence)}"'
    if dimension == "negation":
        # Say the passage's own polarity: walk 26 read "reports it as present" beside a passage
        # that says "Phalen's test negative".
        said = "reports it as negative or absent" if b.negated else "reports it as present"
        return f"'{concept}': the cited passage {said}: {quote}"
    if dimension == "stopped":
        said = "says it was stopped" if b.stopped else "gives it as still taken"
        return f"'{concept}': the cited passage {said}: {quote}"
    if dimension == "laterality":
        return f"'{concept}': this says {a.side}, the cited passage says {b.side}: {quote}"
    if dimension == "experiencer":
        whose = f"the patient's {b.family}" if b.family else "the patient"
        return f"'{concept}': the cited passage says this concerns {whose}: {quote}"
    if dimension == "historical":
        when = "a past event" if b.historical else "current"
        return f"'{concept}': the cited passage describes this as {when}: {quote}"
    if _SUGGESTION.search(other.sentence):
        # Say what the passage does (walk 42gb: "stopped her SGLT2 inhibitor" against "Please
        # advise on adding an SGLT2 inhibitor"): it suggests, it records nothing done.
        return (
            f"'{concept}': the cited passage only suggests or considers it; it does not record"
            f" it as done (started, taken, stopped or carried out): {quote}"
        )
    return f"'{concept}': the cited passage mentions this only as a possibility: {quote}"


# A passage that suggests, asks advice on or weighs a treatment rather than planning it.
_SUGGESTION = re.compile(
    r"\b(?:advi[sc]e|suggest\w*|recommend\w*|consider\w*|benefit|could\s+try|worth|propos\w*"
    r"|options?|discuss\w*)\b|\?",
    re.IGNORECASE,
)

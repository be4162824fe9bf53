"""What one-concept question asks about, and whether a passage names it.

``RelevanceThreshold.answerable`` lets the model answer when one relevant passage holds any key
term of the question. For a question about one clinical concept written in two or three words
that is too weak: "What is the patient's blood group?" passed on every passage that said "blood"
(a blood pressure, blood tests), and the model wrote some thirty invented lines, each flagged,
where "Not found in the selected documents" was the honest answer (walk 39, session 36).

Requiring every key term of every question in some passage refused 95 of the 135 answerable
question sets of the grounding precision set (session 36): a question such as "How well
controlled is her diabetes and what does she take for it?" names several things, and no one
passage names them all. So this rule reads only a question that asks what one thing is or
whether the patient has it, and names nothing else: "What is|was (the patient's|her|Name's)
PHRASE?", "Does she have any PHRASE?", "Is he a PHRASE?", where PHRASE is the question's clinical
words, ending it ("blood group", "smoking status", "ejection fraction", "heart rate"). Such a
phrase names one concept, and a passage that names part of it ("blood" of "blood pressure")
does not name it. A question joined by "and" or a comma, one naming a medicine, and one asking
how, why, what happened or what the plan for something is are left to the key-term rule
(measured on the grounding precision set: benchmarks/bench_topic_refusals.py).

A passage names the topic when it holds all of its words together, in one clause, a table row,
or as rag/topic_nearness.py allows (compared as the key-term check compares them: stems, a doer
for the act, "smoker" for "smoking", an abbreviation's sense; or a form :data:`_WORD_FORMS`
lists), when it writes an abbreviation one of whose senses is the phrase ("HR" for "heart rate",
"EF"/"LVEF" for "ejection fraction"), or one of the ways :data:`_CONCEPTS` lists for concepts
notes write differently ("ABO group O positive" for "blood type", "NKDA" for "allergies", "20
pack-years" for "smoking status"; medlocal/concepts.py: "G2P1, 24 weeks' gestation" for
"pregnant", "retired plumber" for "occupation", "walks with a Zimmer frame" for "mobility");
what search read into the question counts too (relevance.term_finder). Words that only say what
kind of fact is wanted ("status", "history", "details") are not part of the topic: "smoking
status" is about smoking; nor are words asking for a judgement or state ("normal", "low",
"raised", "controlled", "stable"): "Is her haemoglobin normal?" is about haemoglobin.
"""

from __future__ import annotations

import re
from functools import lru_cache

from medlocal.abbreviations import SHORTHAND, default_abbreviations
from medlocal.concepts import concepts_asked, speaks_to
from medlocal.rag.coverage import content_words, stem
from medlocal.rag.medications import MedicationLexicon, default_lexicon
from medlocal.rag.topic_nearness import named_together

# Words that ask for a judgement or a state of the concept, not for a concept of their own (walk
# 40b item 1): "Is her haemoglobin normal?" is answered by "Haemoglobin 112 g/L (120-150) L",
# which names haemoglobin but not "normal"; the topic ('haemoglobin', 'normal') refused it with
# the labs ranked first. A passage need not name the judgement: the model makes it, and the
# range check (rag/checks/ranges.py) judges what it writes.
_JUDGEMENTS = frozenset(
    {"normal", "abnormal", "low", "high", "raised", "elevated", "reduced", "decreased",
     "increased", "deranged", "controlled", "uncontrolled", "stable", "unstable", "ok", "okay",
     "fine", "alright", "improving", "improved", "worse", "worsening", "better", "good", "bad",
     "poor", "acceptable", "satisfactory", "adequate", "optimal", "optimised", "concerning",
     "worrying", "significant", "within", "range", "limits", "target", "borderline", "up",
     "down", "changed", "changing", "rising", "falling", "dropping", "same", "well"}
)  # fmt: skip
# Heads that ask for a kind of fact about the concept before them, not for a concept of their
# own: a note says "Ex-smoker", not "smoking status: ex-smoker"; and the judgements above.
_GENERIC_HEADS = (
    frozenset(
        {"status", "history", "habit", "habits", "details", "detail", "information", "info",
         "requirement", "requirements", "number", "numbers", "reading", "readings",
         "measurement", "measurements",
         "documented", "recorded", "noted", "listed", "known"}
    )
    | _JUDGEMENTS
)  # fmt: skip

# Concepts that notes commonly write in other words than a question does. Each: the question
# words (by stem) that ask about it, any one of which makes the question about it when it is the
# topic's word (or, for two words, both of them), and how a passage writes it.
_CONCEPTS: tuple[tuple[tuple[frozenset[str], ...], re.Pattern[str]], ...] = (
    (
        (frozenset({"blood", "group"}), frozenset({"blood", "type"}), frozenset({"abo"})),
        re.compile(
            r"\bblood\s*(?:group|type)|\bABO\b|\bRh\s*D?\b|\brhesus\b"
            r"|\bgroup\s+(?:A|B|AB|O)\s*(?:\+|-|pos|neg|Rh)",
            re.IGNORECASE,
        ),
    ),
    (
        (frozenset({"smoking"}), frozenset({"smoke"}), frozenset({"smoker"}),
         frozenset({"tobacco"}), frozenset({"cigarette"})),
        re.compile(
            r"smok(?:e|es|ed|er|ers|ing)\b|\btobacco|\bcigar|\bpack[\s-]*y(?:ea)?rs?\b|\bvap(?:e|es|ing)\b",
            re.IGNORECASE,
        ),
    ),
    (
        (frozenset({"allergy"}), frozenset({"allergies"}), frozenset({"allergic"})),
        re.compile(
            r"\ballerg|\bNK[DF]?A\b|\bintoleran|\banaphyla|\badverse\s+(?:drug\s+)?reaction",
            re.IGNORECASE,
        ),
    ),
    (
        # "What is her pain relief?" is answered by "Pain controlled on Zomorph 30 mg BD".
        (frozenset({"pain", "relief"}), frozenset({"analgesia"}), frozenset({"painkiller"})),
        re.compile(
            r"\banalges|\bpain\s*kill|\bpain\s+(?:relief|control|controlled|managed)|\bopioid",
            re.IGNORECASE,
        ),
    ),
    (
        (frozenset({"liver", "function"}), frozenset({"lft"}), frozenset({"lfts"})),
        re.compile(r"\bLFTs?\b|\bALT\b|\bAST\b|\bALP\b|\bGGT\b|\bbilirubin", re.IGNORECASE),
    ),
    (
        (frozenset({"thyroid", "function"}), frozenset({"tft"}), frozenset({"tfts"})),
        re.compile(r"\bTFTs?\b|\bTSH\b|\bf?T[34]\b|\bthyroxine\b", re.IGNORECASE),
    ),
    (
        (frozenset({"kidney", "function"}), frozenset({"renal", "function"})),
        re.compile(
            r"\beGFR\b|\bcreatinine|\b(?:renal|kidney)\s+function|\bCKD\b", re.IGNORECASE
        ),
    ),
    (
        (frozenset({"alcohol"}), frozenset({"drink"}), frozenset({"drinking"})),
        re.compile(
            r"\balcohol|\bETOH\b|\bteetotal|\bunits?\s+(?:a|per|/)\s*w(?:ee)?k|\bdrinker"
            r"|\bdrinks\s+(?:\d|alcohol|socially|beer|wine|spirits)|\bbeers?\b|\bwine\b",
            re.IGNORECASE,
        ),
    ),
)  # fmt: skip

# How a question about one fact opens ("What is...", "Does she have...", "Is she a smoker?").
_OPENERS = frozenset(
    {"what", "which", "does", "did", "do", "has", "have", "had", "is", "was", "are", "were"}
)
# The words a one-fact question wraps around its topic, besides possessives and names.
_FRAME = _OPENERS | {
    "the", "a", "an", "any", "her", "his", "their", "she", "he", "they", "patient", "ever",
    "been", "got", "get", "known", "last", "latest", "current", "most", "recent", "previous",
}  # fmt: skip
_WH = frozenset({"what", "which"})
_COPULAS = frozenset({"is", "was", "are", "were"})
_JOINED = re.compile(r"\b(?:and|or|but|then)\b|[,;:]", re.IGNORECASE)
# The words beside which a valve lesion's letters (AS, MR...) name a heart valve: the valves, an
# echo and what it measures ("AS: Vmax 2.9 m/s", "Echo: moderate AS").
_HEART_VALVE_WORDS = (
    r"\b(?:aortic|mitral|tricuspid|pulmonary|valv\w*|echo\w*|doppler|V\s?max|velocit\w*"
    r"|gradient|jet|murmur|stenos\w*|regurg\w*)\b"
)
# Beside: next to it, or one word between, in the same clause ("Echo: moderate AS").
_BESIDE = r"[\s:,()/-]+(?:\w+[\s:,()/-]+)?"
_VALVE_LESION = r"\b(?-i:AS|AR|MS|MR|TR)\b"
# A word of a topic that notes often write as another word: "flu vaccine" is named by
# "influenza vaccination" (the key-term check compares stems, which these do not share).
_WORD_FORMS: dict[str, re.Pattern[str]] = {
    "flu": re.compile(r"\binfluenza|\bflu\b", re.IGNORECASE),
    "kidney": re.compile(r"\brenal\b|\bnephr", re.IGNORECASE),
    "renal": re.compile(r"\bkidney", re.IGNORECASE),
    "heart": re.compile(r"\bcardiac\b", re.IGNORECASE),
    "cardiac": re.compile(r"\bheart\b", re.IGNORECASE),
    "liver": re.compile(r"\bhepatic\b", re.IGNORECASE),
    # An echo question writes the adjective, its report the chamber's heading: "left atrial
    # volume" is under "Left atrium:", "left ventricular size" under "Left ventricle:".
    "atrial": re.compile(r"\batri(?:um|a)\b", re.IGNORECASE),
    "atrium": re.compile(r"\batrial\b", re.IGNORECASE),
    "ventricular": re.compile(r"\bventricles?\b", re.IGNORECASE),
    "ventricle": re.compile(r"\bventricular\b", re.IGNORECASE),
    "lung": re.compile(r"\bpulmonary\b", re.IGNORECASE),
    "cancer": re.compile(
        r"carcinoma|\bmalignan|\btumou?r|\bneoplas|\blymphoma|\bsarcoma|\bmetasta", re.I
    ),
    # Heads that notes shorten: "Tel 07700...", "Wt 82 kg", "CBG 7.8", "UO 30 ml".
    "phone": re.compile(r"\btel\b|\btelephone|\bmobile\b", re.IGNORECASE),
    "weight": re.compile(r"\bwt\b|\d\s*kg\b", re.IGNORECASE),
    "blood": re.compile(r"\bCBG\b|\bBG\b"),
    "urine": re.compile(r"\burinary\b|\bUO\b", re.IGNORECASE),
    "body": re.compile(r"\bweight\b|\bwt\b|\bBMI\b", re.IGNORECASE),
    "sugar": re.compile(r"\bglucose|\bCBG\b|\bBMs?\b", re.IGNORECASE),
    "output": re.compile(r"\bUO\b"),
    "stage": re.compile(r"\bT[0-4x][a-c]?\s*N[0-3x]\s*M[01x]\b|\bstaging\b", re.IGNORECASE),
    # A valve is named by what is wrong with it or done to it: echo reports write "mild aortic
    # stenosis, peak velocity 2.9 m/s", never "aortic valve peak velocity" (walk 46a D1: that
    # question was refused with the echo ranked first). A lesion's letters (AS, MR, TR) only
    # beside a heart's valve words: "MR" is also an MRI ("MR brain") and modified release
    # ("Metformin MR"), "MS" multiple sclerosis (review 46b D8).
    "valve": re.compile(
        r"\bvalv|\bstenos[ie]s\b|\bstenotic\b|\bregurgita|\bincompeten|\bprolaps"
        r"|\b(?-i:TAVI|TAVR|AVR|MVR)\b"
        rf"|{_VALVE_LESION}(?={_BESIDE}{_HEART_VALVE_WORDS})"
        rf"|{_HEART_VALVE_WORDS}{_BESIDE}{_VALVE_LESION}",
        re.IGNORECASE,
    ),
    # An echo's peak velocity is its "Vmax", or its maximum velocity or gradient: not a
    # "maximum flow rate" on uroflowmetry, nor a "maximal effort" (review 46b D8).
    "peak": re.compile(
        r"\bV\s?max\b|\bmax(?:imum|imal)?\.?\s+(?:\w+\s+)?(?:velocit|gradient|PG\b)",
        re.IGNORECASE,
    ),
    "velocity": re.compile(r"\bV\s?max\b", re.IGNORECASE),
}
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*")


def question_topic(question: str, lexicon: MedicationLexicon | None = None) -> tuple[str, ...]:
    """The words of the one concept ``question`` asks about, or () when it asks about several
    things, about a medicine (``asked_terms`` reads those), or names no clinical word: "What is
    the patient's blood group?" gives ("blood", "group"); "What is Osric Penhaligon's smoking
    status?" gives ("smoking",); "What was her bone density T-score on DEXA?" gives () (its
    words are two phrases)."""
    # Imported here: relevance imports this module for its answerable() gate.
    from medlocal.rag.relevance import asks_about_medicines, key_terms

    lexicon = lexicon or default_lexicon()
    if lexicon.find(question) or asks_about_medicines(question):
        return ()
    tokens = [m.group() for m in _TOKEN.finditer(question)]
    # "What is his mobility like?" asks what his mobility is: "like" names nothing (it made
    # the topic "mobility like", which no passage names).
    if len(tokens) > 2 and tokens[-1].lower() == "like":
        tokens = tokens[:-1]
    # Only a question asking what a thing is or whether the patient has it; "How is his gout
    # controlled", "What did the MDT conclude", "... and what is the plan?" ask about more than
    # a concept (the grounding precision set's questions, measured: benchmarks/
    # bench_topic_refusals.py).
    if not tokens or tokens[0].lower() not in _OPENERS or _JOINED.search(question):
        return ()
    # "What happened during his cardiac admission?", "What did the MDT conclude?" ask what was
    # done or said, not what a thing is: "what" must be followed by "is"/"was"/"are"/"were".
    if tokens[0].lower() in _WH and (len(tokens) < 2 or tokens[1].lower() not in _COPULAS):
        return ()
    # A judgement ending the question ("... normal?", "... well controlled?", "... within
    # normal limits?") is not what a passage must name: the phrase is the concept before it.
    while len(tokens) > 2 and tokens[-1].lower() in _JUDGEMENTS:
        tokens = tokens[:-1]
    keys = {k.lower() for k in key_terms(question, lexicon)} - _JUDGEMENTS
    # The phrase ends the question, after the frame only: "What is the patient's blood
    # group?", "What was her most recent ejection fraction?", "Does she have any allergies?".
    start = len(tokens)
    while start > 1 and _in_phrase(tokens[start - 1], keys):
        start -= 1
    if start == len(tokens):
        return ()
    # Nothing but the question's frame before the phrase: "What is the plan for her foot
    # infection?" asks about a plan (answered by "cellulitis of the left foot: continue
    # flucloxacillin"), not about what the phrase names.
    if not all(
        t.lower() in _FRAME or t.lower().endswith(("'s", "’s")) or _is_name(t)
        for t in tokens[1:start]
    ):
        return ()
    topic = [t.lower() for t in tokens[start:]]
    # Every clinical word of the question is in the phrase, or whose it is (a name): else the
    # question names more than one thing.
    named = {p for w in topic for p in (w, *w.split("-"))}
    whose = {
        p
        for t in tokens[:start]
        if _is_name(t) or t.lower().endswith(("'s", "’s"))
        for p in (t.lower().removesuffix("'s").removesuffix("’s"), *t.lower().split("-"))
    }
    if keys - named - whose:
        return ()
    return tuple(w for w in topic if w not in _GENERIC_HEADS)


def _in_phrase(token: str, keys: set[str]) -> bool:
    """A clinical word of the topic: not the frame ("ever", "recent"), a possessor or a name."""
    low = token.lower()
    if low in _FRAME or low.endswith(("'s", "’s")) or _is_name(token):
        return False
    # A judgement before the concept ("high blood pressure") stays in the phrase, out of the
    # topic (``_GENERIC_HEADS``).
    return low in _JUDGEMENTS or bool({low, *low.split("-")} & keys)


def _is_name(token: str) -> bool:
    """A proper name ("Osric"), which says whose, not what: capitalised, not in capitals."""
    return token[:1].isupper() and token[1:].islower() and "'" not in token


def names_topic(
    topic: tuple[str, ...], text: str, lexicon: MedicationLexicon | None = None
) -> bool:
    """Whether ``text`` names the concept ``topic`` (from :func:`question_topic`): all of its
    words, an abbreviation that stands for it, or a listed way of writing it."""
    # Imported here: relevance imports this module for its answerable() gate.
    from medlocal.rag.relevance import holds_abbreviation, holds_key_term

    if not topic:
        return True
    lexicon = lexicon or default_lexicon()
    stems = frozenset(stem(w) for w in topic)
    for triggers, pattern in _CONCEPTS:
        if any(t <= stems for t in _stemmed(triggers)) and pattern.search(text):
            return True
    # The ways notes write pregnancy, occupation, mobility (medlocal/concepts.py): "G2P1, 24
    # weeks' gestation" speaks to "pregnant", "retired plumber" to "occupation". The table
    # decides for its concepts: by stem, "Mobile 07700 900123" named "mobility".
    concepts = concepts_asked(" ".join(topic))
    if concepts:
        return speaks_to(concepts, text)
    # As the key-term check reads them: "HR", "EF", or a longer form ("LVEF" for EF); or spelt
    # out, its words in one clause: "Bone profile / Mineral supplements; density of breast
    # tissue high" does not spell out BMD (review 46b D8).
    if any(named_together((key,), text, holds_abbreviation) for key in _abbreviations_for(stems)):
        return True
    if len(topic) == 1:
        word = topic[0]
        return holds_key_term(word, text, lexicon) or _other_form(word, text)

    # A phrase is named by its words together (rag/topic_nearness.py). Each word as the
    # key-term check reads it ("SpO2" for oxygen saturation), another form ("stenosis" for
    # "valve"), or, for an abbreviation the question writes ("AV peak velocity"), as it or
    # one of its senses.
    def holds(word: str, part: str) -> bool:
        return (
            holds_key_term(word, part, lexicon)
            or _other_form(word, part)
            or _abbreviation_held(word, part, lexicon)
        )

    # A passage lacking a word has no sentence with it: the sentences are not read then.
    if not all(holds(word, text) for word in topic):
        return False
    return named_together(topic, text, holds)


def _abbreviation_held(word: str, text: str, lexicon: MedicationLexicon) -> bool:
    """Whether ``text`` names the abbreviation ``word`` of a topic ("av", "lvef") as written,
    or one of its senses, word by word as a topic's words are read ("aortic stenosis" names
    the aortic valve)."""
    # Imported here: relevance imports this module for its answerable() gate.
    from medlocal.rag.relevance import holds_abbreviation, holds_key_term

    vocabulary = default_abbreviations()
    key = vocabulary.lower.get(word)
    curated = SHORTHAND.get(word, ())
    if key is None and not curated:
        return False
    if key is not None and vocabulary.english[key]:
        return False  # an English word ("peak" is no abbreviation here)
    if key is not None and holds_abbreviation(key, text):
        return True
    senses = (*curated, *(vocabulary.senses.get(key, ())[:2] if key else ()))
    return any(
        words and all(holds_key_term(w, text, lexicon) or _other_form(w, text) for w in words)
        for words in (sorted(content_words(sense)) for sense in senses)
    )


def _other_form(word: str, text: str) -> bool:
    return word in _WORD_FORMS and _WORD_FORMS[word].search(text) is not None


@lru_cache(maxsize=16)
def _stemmed(triggers: tuple[frozenset[str], ...]) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(stem(w) for w in t) for t in triggers)


@lru_cache(maxsize=1)
def _senses_by_words() -> dict[frozenset[str], tuple[str, ...]]:
    """The listed abbreviations by the stems of each of their senses' words: "heart rate" ->
    HR, "ejection fraction" -> EF, LVEF...; SHORTHAND's curated senses too."""
    found: dict[frozenset[str], list[str]] = {}
    senses = [(k, s) for k, ss in default_abbreviations().senses.items() for s in ss]
    senses += [(k, s) for k, ss in SHORTHAND.items() for s in ss]
    for key, sense in senses:
        words = frozenset(stem(w) for w in content_words(sense))
        if words:
            found.setdefault(words, []).append(key)
    return {words: tuple(dict.fromkeys(keys)) for words, keys in found.items()}


def _abbreviations_for(stems: frozenset[str]) -> tuple[str, ...]:
    # One word has too many senses to stand for ("rate" is in a dozen): phrases only.
    return _senses_by_words().get(stems, ()) if len(stems) > 1 else ()

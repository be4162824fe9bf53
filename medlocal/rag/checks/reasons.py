"""A wrong reason for a drug: the sentence gives a drug a purpose ("started an SGLT2 inhibitor to
manage her allergies") that the cited passages name for the patient but never beside that drug,
while they give the drug a purpose of its own ("Dapagliflozin started for heart failure ...
Allergies: penicillin"): "wrong_reason" (note 43: the reason was taken from another line).

Only plain purposes are read, on both sides: "to manage / to treat / to control X", "for the
treatment / management / control of X", "as (a) treatment for X", "indicated / prescribed /
started / given / taken for X", and a bare "for X" right after the drug and its dose
("dapagliflozin 10 mg for heart failure"), each purpose of a list read ("for pain and swelling":
a list naming the drug's own purpose, or one the passages do not give, is left as a plausible
second indication); a purpose after a list of drugs ("metformin and ramipril for diabetes and
hypertension") may be any one's, or each in order with "respectively". The flag is raised only
where every one of the passages' sentences naming the drug (by any name, or a member of the
class the sentence names) holds none of the purpose's words, what those sentences' abbreviations
stand for included ("HFrEF" is heart failure), at least one of them gives the drug a purpose,
and the cited passages hold every word of the sentence's purpose elsewhere: a purpose the
passages do not give at all is left to the coverage checks, and a drug the passages give no
purpose is never flagged. Nor is a purpose the drug's therapeutic class says it treats
(rag/indications.py): "dapagliflozin for diabetes", where the passages give it for heart
failure and list diabetes among the diagnoses, is a second licensed indication (fix44f); an
"SGLT2 inhibitor to manage her allergies" is still flagged."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from medlocal.abbreviations import abbreviation_terms
from medlocal.drugs import default_vocabulary
from medlocal.rag.assertions import mentions, word_key
from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted
from medlocal.rag.coverage import STOPWORDS
from medlocal.rag.indications import treated_purposes
from medlocal.rag.medications import MedicationLexicon
from medlocal.rag.sentences import split_sentences

_LEAD = r"(?:(?:her|his|their|the|a|an|its|this|that|any)\s+)?"
# The purpose: up to four words, to a clause's end.
_BREAKS = (
    r"(?:and|or|but|with|since|after|which|as|in|on|at|from|until|because|while|when|if|given"
    r"|despite|so|respectively)"
)
# A word of a purpose; "type 2", "stage 3", "grade II" are one ("type 2 diabetes", review 44b B3:
# read as 'type', the digit cutting it).
_WORD = r"(?:(?:type|stage|grade|class)\s+(?:\d+[a-z]?|[IV]+)\b|[^\W\d_][\w'-]*)"
_WHAT = r"(?P<reason>" + _WORD + r"(?:\s+(?!" + _BREAKS + r"\b)" + _WORD + r"){0,3})"
# One more purpose of a list ("for pain and swelling", "for diabetes, hypertension and gout"):
# each is read, not only the first (review 44b B3).
_MORE = re.compile(r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)" + _LEAD + _WHAT, re.I)
# "Metformin and ramipril were started for diabetes and hypertension respectively".
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
# Drugs named together ("metformin and ramipril", "metformin 500 mg, ramipril 5 mg or
# amlodipine"): what stands between two drugs of one list.
_BETWEEN_DRUGS = re.compile(
    r"(?:\s*(?:\d+(?:\.\d+)?\s*(?:mg|mcg|micrograms?|g|units?|ml|%)\b)?\s*"
    r"(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+|\s*/\s*))",
    re.IGNORECASE,
)
_CUED = re.compile(
    r"\b(?:to\s+(?:manage|treat|control)|for\s+(?:the\s+)?(?:treatment|management|control)"
    r"\s+of|as\s+(?:a\s+)?treatment\s+for|(?:indicated|prescribed|started|given|taken|used)"
    r"\s+for)\s+" + _LEAD + _WHAT,
    re.IGNORECASE,
)
# A bare "for" right after the drug and its dose: "dapagliflozin 10 mg once daily for HF".
_FOR_AFTER_DRUG = re.compile(
    r"\s*(?:\d+(?:\.\d+)?\s*(?:mg|mcg|micrograms?|g|units?|ml|%)\s*)?"
    r"(?:(?:od|bd|tds|qds|once|twice|daily|nocte|mane|a\s+day|at\s+night|po|oral(?:ly)?)\s*)*"
    r"\bfor\s+" + _LEAD + _WHAT,
    re.IGNORECASE,
)
# A "for" that gives a time, a plan or a person, not a purpose.
_NOT_A_PURPOSE = frozenset(
    {"now", "life", "review", "long", "another", "further", "one", "two", "three", "four",
     "five", "six", "seven", "eight", "nine", "ten", "several", "some", "next", "day", "days",
     "week", "weeks", "month", "months", "year", "years", "patient", "gp", "discussion",
     "monitoring", "follow-up", "followup", "consideration", "approval", "surgery", "procedure",
     "the", "tonight", "today", "tomorrow", "weekend", "duration", "course", "total", "period",
     "up", "at", "least", "over", "more", "less", "about", "approximately", "ongoing", "use",
     "reference", "information", "interest", "comparison", "safety", "both", "all"}
)  # fmt: skip
# How far before a purpose its drug may stand ("started on dapagliflozin 10 mg daily to manage").
_DRUG_REACH = 60
_CLAUSE_BREAK = re.compile(r"[;.]\s|\bbut\b|\bwhereas\b", re.IGNORECASE)


# Purposes written in lay words beside their clinical names: a purpose in one group agrees
# with a passage that gives the drug one in the same group ("for her blood pressure" and "for
# hypertension"). Keys as ``_keys`` makes them.
_PURPOSE_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "blood pressure hypertension htn hypertensive",
        "cholesterol lipid hyperlipidaemia hyperlipidemia hypercholesterolaemia"
        " hypercholesterolemia dyslipidaemia dyslipidemia statin",
        "sugar glucose diabetes diabetic t2dm t1dm glycaemic glycemic hba1c",
        "heart cardiac failure hfref hfpef angina fibrillation arrhythmia",
        "stomach gastric gastroprotection reflux gord gerd dyspepsia indigestion heartburn ulcer",
        "mood depression depressive anxiety low",
        "pain analgesia ache arthritis",
        "thyroid hypothyroidism hyperthyroidism",
        "water fluid oedema edema swelling swollen ankle leg failure",
        "kidney renal",
        "bone bones osteoporosis osteopenia fracture",
        "breathing chest asthma copd wheeze breathlessness",
        "clot clots thinning anticoagulation dvt embolism stroke thrombosis",
        "allergy allergic hay rhinitis urticaria itch itching",
        "sleep insomnia",
        "infection infective sepsis pneumonia lrti uti cellulitis chest",
    )
)


def _same_group(keys: set[str], other: set[str]) -> bool:
    return any(keys & group and other & group for group in _PURPOSE_GROUPS)


# Words of a purpose that say which kind or what aim, not what is treated ("type 2 diabetes",
# "chronic heart failure"): the rest must be what the class treats.
_KIND_WORDS = frozenset(
    {"type", "stage", "grade", "class", "chronic", "acute", "severe", "mild", "moderate",
     "poorly", "controlled", "uncontrolled", "known", "essential", "prevention", "prophylaxis",
     "control", "treatment", "management", "symptoms", "symptom",
     # "diabetes mellitus": the diabetes named in full (review45b D7).
     "mellitus"}
)  # fmt: skip
# As ``_keys`` makes them ("mellitus" is "mellitu"): a purpose's keys are compared with these.
_KIND_KEYS = frozenset(word_key(w) for w in _KIND_WORDS)
# A denial written after what it denies, with no verb a negation trigger needs: "Pulmonary
# embolism excluded", "Back pain denied".
_DENIED_AFTER = re.compile(
    r"\s*(?:(?:was|were|is|are|has\s+been|have\s+been)\s+)?"
    r"(?:excluded|ruled\s+out|negative|absent|denied)\b",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[^\W\d_][\w'-]+")


def _denies(keys: set[str], sentence: str) -> bool:
    """Whether ``sentence`` denies the purpose of ``keys`` itself: a word of it in a negation's
    scope ("No pulmonary embolism", rag/negation_scope.py through the mentions' reading) or
    followed by its denial ("Pulmonary embolism excluded"). A denial of something else beside
    it is none: "Type 2 diabetes, not on insulin", "without complications", "HbA1c not
    checked" (review45b D6)."""
    if not keys <= _keys(sentence):
        return False
    named = keys - _KIND_KEYS
    if any(m.assertion.negated and m.key in named for m in mentions(sentence)):
        return True
    return any(
        word_key(w.group().lower()) in named and _DENIED_AFTER.match(sentence, w.end())
        for w in _WORDS.finditer(sentence)
    )


def _recognised(keys: set[str], generics: frozenset[str], sentences: Sequence[str]) -> bool:
    """Whether a drug of ``generics`` is a recognised treatment of the purpose of ``keys`` by its
    therapeutic class (rag/indications.py): every word of the purpose (but those of its kind,
    "type", "chronic") is the class's purpose or a synonym of it, and no sentence of the
    passages denies the purpose. One shared word is not enough: low-dose aspirin, an
    "analgesic" (pain), is no recognised treatment of "back pain" the passages list apart, nor
    warfarin, an anticoagulant, of "pulmonary embolism" they exclude (review45 D2)."""
    treated = _keys(" ".join(treated_purposes(generics)))
    covered = treated.union(*(g for g in _PURPOSE_GROUPS if g & treated))
    if not treated or not keys - _KIND_KEYS <= covered:
        return False
    return not any(_denies(keys, s) for s in sentences)


def _keys(text: str) -> set[str]:
    return {word_key(w) for w in _WORDS.findall(text.lower()) if w not in STOPWORDS and len(w) > 2}


def _purposes(
    text: str, drug_end: int, lexicon: MedicationLexicon
) -> list[tuple[tuple[int, str], ...]]:
    """The purposes ``text`` gives the drug that ends at ``drug_end``, each list of them (each
    as its start and words): a cued one within reach after it in its clause, or a bare "for"
    right after it, with every further purpose listed after either ("for pain and swelling")."""
    found = []
    bare = _FOR_AFTER_DRUG.match(text, drug_end)
    if bare is not None:
        found.append(bare)
    window = text[drug_end : drug_end + _DRUG_REACH]
    cut = _CLAUSE_BREAK.search(window)
    for match in _CUED.finditer(text, drug_end, drug_end + (cut.start() if cut else len(window))):
        found.append(match)
    lists: set[tuple[tuple[int, str], ...]] = set()
    for match in found:
        if match.group("reason").split()[0].lower() in _NOT_A_PURPOSE:
            continue
        listed = [(match.start("reason"), match.group("reason"))]
        more = _MORE.match(text, match.end("reason"))
        while more is not None and _listed_purpose(more.group("reason"), lexicon):
            listed.append((more.start("reason"), more.group("reason")))
            more = _MORE.match(text, more.end("reason"))
        lists.add(tuple(listed))
    return sorted(lists)


def _listed_purpose(words: str, lexicon: MedicationLexicon) -> bool:
    """Whether ``words``, after a purpose and "and" or a comma, are another purpose: not a
    clause ("and was reviewed"), a time ("and two weeks") or a drug ("and ramipril for ...")."""
    first = words.split()[0].lower()
    return (
        first not in STOPWORDS
        and first not in _NOT_A_PURPOSE
        and re.fullmatch(_BREAKS, first) is None
        and not lexicon.find(words)
    )


def _drugs(text: str, lexicon: MedicationLexicon) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, generics) of each drug ``text`` names, by name or by its class."""
    found = [(s, e, lexicon.generics(name)) for s, e, name in lexicon.spans(text)]
    vocabulary = default_vocabulary()
    for key, members in vocabulary.named_classes(text):
        words = r"\W+".join(re.escape(w) for w in key)
        match = re.search(rf"\b{words}s?\b", text, re.IGNORECASE)
        if match is not None:
            found.append((match.start(), match.end(), frozenset(members)))
    return found


def _names(sentence: str, generics: frozenset[str], lexicon: MedicationLexicon) -> list[int]:
    """The ends of the names of ``generics``' drugs in ``sentence``."""
    return [
        e
        for _s, e, name in lexicon.spans(sentence)
        if lexicon.generics(name) & generics or name in generics
    ]


def _contradiction(
    keys: set[str], generics: frozenset[str], sentences: Sequence[str], lexicon: MedicationLexicon
) -> str | None:
    """The passages' sentence giving ``generics``' drug a purpose of its own where none of
    their sentences naming the drug holds a purpose of ``keys``; None where one does, or where
    they give the drug no purpose (nothing to contradict)."""
    theirs = [(s, ends) for s in sentences if (ends := _names(s, generics, lexicon))]
    given = [s for s, ends in theirs if any(_purposes(s, e, lexicon) for e in ends)]
    if not given:
        return None
    if any(
        keys & (words := _keys(" ".join([s, *abbreviation_terms(s)]))) or _same_group(keys, words)
        for s, _ in theirs
    ):
        return None
    return given[0]


def _drug_lists(
    body: str, lexicon: MedicationLexicon
) -> list[list[tuple[int, int, frozenset[str]]]]:
    """The drugs ``body`` names, those named together ("metformin and ramipril") in one list:
    a purpose given after such a list may be any one's (review 44b B3)."""
    lists: list[list[tuple[int, int, frozenset[str]]]] = []
    for drug in sorted(_drugs(body, lexicon)):
        if lists and _BETWEEN_DRUGS.fullmatch(body, lists[-1][-1][1], drug[0]):
            lists[-1].append(drug)
        else:
            lists.append([drug])
    return lists


def check_reasons(
    check: SentenceCheck,
    body: str,
    cited: Sequence[int],
    passages: Mapping[int, str],
    lexicon: MedicationLexicon,
) -> None:
    """Flag a purpose ``body`` gives a drug that the cited passages give the patient only apart
    from the drug, while they give the drug another (see the module's doc)."""
    evidence = "\n".join(passages[n] for n in cited)
    evidence_keys = _keys(evidence)
    sentences = [s.text for n in cited for s in split_sentences(passages[n])]
    for drugs in _drug_lists(body, lexicon):
        lists = {listed for _s, end, _g in drugs for listed in _purposes(body, end, lexicon)}
        for listed in sorted(lists):
            # "Metformin and ramipril for diabetes and hypertension respectively": in order,
            # one each; without "respectively" a purpose after a list of drugs may be any one's.
            paired = (
                len(drugs) > 1
                and len(listed) == len(drugs)
                and _RESPECTIVELY.search(body, listed[-1][0]) is not None
            )
            wrong: list[tuple[int, str, tuple[int, int, frozenset[str]], str]] = []
            fits = False
            for i, (at, reason) in enumerate(listed):
                keys = _keys(reason)
                if not keys or not keys <= evidence_keys:
                    # A purpose the passages do not give: the coverage checks' to say; it may
                    # be the drug's own in other words ("for rate control and hypertension").
                    fits = True
                    continue
                whose = [drugs[i]] if paired else drugs
                if any(_recognised(keys, g, sentences) for _s, _e, g in whose):
                    # "dapagliflozin for diabetes" where the passages give it for heart failure
                    # and list diabetes apart: a licensed second purpose, not a wrong one.
                    fits = True
                    continue
                quotes = [_contradiction(keys, g, sentences, lexicon) for _s, _e, g in whose]
                if all(quotes):
                    wrong.append((at, reason, whose[0], quotes[0] or ""))
                else:
                    fits = True
            if fits and not paired:
                # One purpose of the list is the drug's own and another is one the record names
                # ("amlodipine for hypertension and angina", "naproxen for swelling and pain"),
                # or may be: a second indication, plausible, and flagging it was noise (review
                # 44b B3: on the grounding bench it added a false alarm and caught nothing). A
                # list whose every purpose the passages give apart from the drug is flagged.
                continue
            for at, reason, (start, end, _generics), quote in wrong:
                what = body[start:end]
                check.add(
                    "wrong_reason",
                    reason,
                    f"'{what}' for '{reason}': the cited passages name {reason} but never beside"
                    f" {what}, which they give for another reason: {quoted(quote)}",
                    at=at,
                    quote=quote,
                )

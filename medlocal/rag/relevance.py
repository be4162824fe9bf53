"""When is a retrieved passage relevant enough to answer from?

The vault's fused score is a reciprocal-rank score: it orders hits but says nothing about whether
the best one is any good. Relevance is therefore judged on the cosine similarity of the vector
search, or on content words the passage shares with the question (the lexical side). Words are
compared by their stems ("drugs" ~ "drug", "doses" ~ "dose", "medications" ~ "Medication"), and
a question about medicines in general ("What medications is she taking?", "Which drugs were
prescribed?") relates to every passage that names a drug.

A passage may pass on its cosine alone; but when no relevant passage holds any of the question's
key clinical terms (``RelevanceThreshold.answerable``), the documents almost surely do not hold
the answer, and the model is not asked (walk 25: "What was her bone density T-score on DEXA?"
was answered from a blood-pressure passage with cosine 0.50 that named none of bone, density,
T-score or DEXA). A question about one concept written as a phrase ("What is the patient's
blood group?") needs a passage naming that concept, not one word of it (rag/topics.py).

A question naming a drug class ("What anticoagulant dose is she on?") is answered by passages
naming drugs, which share no word with it; the class lists (resources/drug_classes.txt) are
incomplete (warfarin is no FDA "anticoagulant") and search adds only their first members. So a
passage naming a drug that search ranks above the best passage kept, or whose cosine is as close
as that passage's (``near_top_margin``), is kept too (``RelevanceThreshold.filter``): walk 40 gave
the model apixaban alone while search ranked "Warfarin 3 mg daily" second, cosine 0.485 to 0.486.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from medlocal.abbreviations import SHORTHAND, default_abbreviations
from medlocal.concepts import Concept, concepts_asked, search_words, speaks_to
from medlocal.drugs import default_vocabulary, query_expansion
from medlocal.rag.abbreviations_asked import abbreviations_asked
from medlocal.rag.coverage import content_words, coverage, stem
from medlocal.rag.medications import MedicationLexicon, default_lexicon
from medlocal.rag.topics import names_topic, question_topic
from medlocal.rag.value_tables import column_measures
from medlocal.vault.records import SearchHit
from medlocal.vault.respell import MIN_LENGTH, respelling

# Words every question carries ("what is the current dose...", "what was the result of her
# colonoscopy", "her latest troponin level"): sharing them with a passage says nothing about
# whether the passage answers it (a lab table's "Result" column is not a colonoscopy result).
_QUESTION_FILLER = frozenset(
    {"what", "when", "where", "which", "who", "how", "does", "did", "do", "is", "are", "any",
     "current", "patient", "patients", "was", "were", "her", "his", "she", "has", "have", "had",
     "result", "results", "finding", "findings", "level", "levels", "value", "values", "latest",
     "last", "recent", "most", "show", "shows", "showed", "shown", "tell", "about",
     # Question words and generic verbs ask how, not about what: "Why was it changed?" names
     # no clinical term (walk 27 refused it as naming none of 'why', 'changed').
     "why", "whom", "whose", "change", "changed", "changes", "changing", "happen", "happened",
     "reason", "reasons", "now", "today", "time", "times", "over", "since", "ago", "far",
     "make", "made", "done", "doing", "give", "given", "get", "got", "know", "explain",
     # "What is his mobility like?": a passage saying "like" does not answer it.
     "like"}
)  # fmt: skip


# Words asking about medicines in general: a passage naming any drug answers them. ("dose" is
# not one: "the dose of dabigatran" asks about one drug, and a lab table's "Dose" is no answer.)
_MEDICINE_STEMS = frozenset(
    stem(w)
    for w in ("medication", "medications", "medicine", "medicines", "meds", "med", "drug",
              "drugs", "prescription", "prescriptions", "prescribed", "tablets", "pills",
              # "What does she take for diabetes?": the passage naming metformin answers it,
              # though it never says "diabetes" (the key-term check below needs this).
              "take", "takes", "taking")
)  # fmt: skip


def question_words(question: str) -> set[str]:
    return content_words(question) - _QUESTION_FILLER


def short_abbreviations(question: str) -> list[str]:
    """The abbreviations of one or two characters ``question`` writes with a capital ("GP",
    "EF", "BP", "Hb", "O2"), as listed. Content words start at three letters, so without these
    "Who is her GP?" named no term at all: the passage saying "GP: Dr Fiona Castleton" was
    judged on its cosine alone (0.28) and the answer was "Not found" (walk 31). Units and other
    lower-case shorthand ("mg", "hr") are left out: "What was the dose in mg?" continues the
    question before it."""
    return [
        k
        for k in default_abbreviations().abbreviations_in(question)
        if len(k) < 3 and any(ch.isupper() for ch in k)
    ]


def holds_abbreviation(key: str, text: str) -> bool:
    """Whether ``text`` writes the abbreviation ``key`` as listed or in capitals ("Hb", "HB";
    never "ms" or "Ms" for MS, or "mg" for MG), as a longer listed abbreviation whose sense
    holds one of its senses ("LVEF" for EF, "SBP" for BP; not "CHIEF"), or spells out one of its
    senses ("ejection fraction" for EF, "general practitioner" for GP)."""
    vocabulary = default_abbreviations()
    forms = "|".join(re.escape(f) for f in dict.fromkeys((key, key.upper())))
    if re.search(rf"(?<![A-Za-z0-9])(?:{forms})s?(?![A-Za-z0-9])", text):
        return True
    senses = (*SHORTHAND.get(key.lower(), ()), *vocabulary.senses.get(key, ())[:2])
    sense_words = [content_words(sense) for sense in senses]
    # A longer form may open in lower case: "eGFR" is an estimated GFR.
    for longer in re.findall(rf"(?<![A-Za-z0-9])([A-Za-z]{{1,4}}{re.escape(key.upper())})\b", text):
        listed = [content_words(sense) for sense in vocabulary.senses.get(longer, ())]
        if any(words and words <= other for words in sense_words for other in listed):
            return True
    stems = {stem(w) for w in content_words(text)}
    return any(words and all(stem(w) in stems for w in words) for words in sense_words)


def _key(word: str) -> str:
    """What a word is compared by: its stem; a number as written."""
    return word if word[0].isdigit() else stem(word)


def _stems(words: set[str]) -> set[str]:
    return {_key(w) for w in words}


def shared_words(question: str, text: str) -> set[str]:
    """The question's content words the passage holds, compared by stem ("drugs" ~ "drug")."""
    words = content_words(text)
    passage = _stems(words)
    shared = {
        w
        for w in question_words(question)
        if _key(w) in passage or any(same_act(w, p) for p in words) or respelt(w, words)
    }
    # An abbreviation the question writes or spells out, written the other way in the passage
    # ("ejection fraction": "LVEF 45%"), as search's query expansion reads it (walk 48b D1).
    asked = (
        *short_abbreviations(question),
        *abbreviations_asked(question, question_words(question)),
    )
    return shared | {k.lower() for k in dict.fromkeys(asked) if holds_abbreviation(k, text)}


def asks_about_medicines(question: str) -> bool:
    return bool(_stems(question_words(question)) & _MEDICINE_STEMS)


def key_terms(question: str, lexicon: MedicationLexicon | None = None) -> tuple[str, ...]:
    """The question's clinical words (what coverage counts, less the words every question
    carries) and the medicines it names: "bone", "density", "score", "dexa" for "What was her
    bone density T-score on DEXA?"."""
    lexicon = lexicon or default_lexicon()
    words = coverage(question, question, lexicon).terms
    drugs = lexicon.find(question)
    short = [k.lower() for k in short_abbreviations(question)]
    return tuple(dict.fromkeys([*(w for w in words if w not in _QUESTION_FILLER), *short, *drugs]))


def holds_key_term(question: str, text: str, lexicon: MedicationLexicon | None = None) -> bool:
    """Whether ``text`` holds one of the question's key terms, compared as the weak-support
    check compares words (stems, abbreviations and their senses, a drug by any of its names)."""
    lexicon = lexicon or default_lexicon()
    if any(lexicon.supported(text, drug) for drug in lexicon.find(question)):
        return True
    if any(holds_abbreviation(k, text) for k in short_abbreviations(question)):
        return True
    found = coverage(question, text, lexicon)
    if any(w not in _QUESTION_FILLER for w in set(found.terms) - set(found.missing)):
        return True
    # A person named by what they do: "Does she smoke?" is answered by "a current smoker"
    # (walk 33: "Not found" with that passage ranked first). Only this gate reads it: a false
    # "not found" withholds an answer the documents hold, where the checks' stems stay strict.
    missing = [w for w in found.missing if w not in _QUESTION_FILLER]
    words = content_words(text) if missing else set()  # read once, not per missing word
    return any(same_act(w, p) for w in missing for p in words) or any(
        respelt(w, words) for w in missing
    )


def respelt(word: str, words: set[str]) -> bool:
    """Whether ``word`` of a question is a misspelling of one of a passage's ``words``, as
    search reads it (medlocal/vault/respell.py): "linaglipton" of "linagliptin" (walk 42g: the
    passage search found for it must not then be refused as naming nothing asked)."""
    word = word.lower()
    return len(word) >= MIN_LENGTH and word not in words and respelling(word, words) is not None


def same_act(one: str, other: str) -> bool:
    """Whether one word names the doer of what the other does: "smoker" and "smoke", "smokes",
    "smoking"; "drinkers" and "drink". Only an agent ending read off a base of four letters
    or more, against the base's own forms ("number" is no doer of "numbness"). A prefix before a
    hyphen is not part of the doer: "non-smoker" and "ex-smoker" name smoking (walk 42g: "Does
    she smoke?" was refused on "She is a non-smoker")."""
    one, other = one.rsplit("-", 1)[-1], other.rsplit("-", 1)[-1]
    for agent, act in ((one.lower(), other.lower()), (other.lower(), one.lower())):
        for ending in ("ers", "er"):
            base = agent[: -len(ending)]
            if agent.endswith(ending) and len(base) >= 4 and act in _forms(base):
                return True
    return False


def _forms(base: str) -> set[str]:
    return {base + e for e in ("", "e", "s", "es", "ed", "d", "ing")} | {base.rstrip("e") + "ing"}


def relevance_text(hit: SearchHit) -> str:
    """A passage as relevance reads it: under its table's header row where it has one
    (``SearchHit.headed_text``), with the measures its table's columns name ("K": potassium),
    so that rows of bare numbers under "Date,Hb,K" answer "What was the potassium?" (table55:
    such a passage was refused as naming nothing asked)."""
    text = hit.headed_text
    named = column_measures(text)
    return f"{text}\n{', '.join(named)}" if named else text


def asked_terms(question: str, lexicon: MedicationLexicon | None = None) -> tuple[str, ...]:
    """The terms a passage must name to answer ``question``: the medicines it names, when it
    names any ("What dose of apixaban is Osric Penhaligon taking?" asks about apixaban, not
    about Osric or Penhaligon); else the one concept it asks about, as a phrase ("blood group",
    rag/topics.py); else its key terms."""
    lexicon = lexicon or default_lexicon()
    topic = question_topic(question, lexicon)
    phrase = (" ".join(topic),) if topic else ()
    return tuple(lexicon.find(question)) or phrase or key_terms(question, lexicon)


def term_finder(question: str) -> Callable[[str], bool]:
    """Whether a passage's text names what ``question`` asks about: one of the medicines it
    names (by any name, or as search expanded it), or, when it names none, one of its key
    terms, or any drug for a question about medicines in general. Walk 39: "What dose of
    apixaban is Osric Penhaligon taking?" ran the model for 98 s on passages none of which named
    apixaban ("taking" made it a question about medicines in general, which any drug answers),
    while "What dose of warfarin is she on?" was refused at once."""
    lexicon = default_lexicon()
    expansion = expansion_pattern(question)
    drugs = lexicon.find(question)
    medicines = not drugs and asks_about_medicines(question)
    # A question about one concept named in a phrase ("What is the patient's blood group?") is
    # answered only by a passage naming that concept, not by one sharing a word of it ("blood
    # pressure"): walk 39 item 4, thirty invented lines where "Not found" was the answer.
    topic = question_topic(question, lexicon)
    # A concept notes write in other words ("How many weeks pregnant is she?" is answered by
    # "24/40"; medlocal/concepts.py) is named by those words, as a key term would be.
    concepts = concepts_asked(question)
    members = class_members_asked(question)

    def names(text: str) -> bool:
        if expansion is not None and expansion.search(text) is not None:
            return True
        if members and names_class_member(members, text, lexicon):
            return True
        if topic:
            return names_topic(topic, text, lexicon)
        if drugs:
            return any(lexicon.supported(text, drug) for drug in drugs)
        return (
            holds_key_term(question, text, lexicon)
            or (medicines and bool(lexicon.spans(text)))
            or speaks_to(concepts, text)
        )

    return names


@dataclass(frozen=True)
class RelevanceThreshold:
    """A hit is relevant when its cosine similarity reaches ``min_vector_score`` or it shares at
    least ``min_shared_words`` content words with the question. Set ``min_shared_words`` to 0 to
    judge on the vector score alone. With ``require_key_term``, relevant hits none of which
    holds a key term of the question do not answer it (``answerable``), unless one is as close
    in meaning as ``strong_vector_score`` says."""

    min_vector_score: float = 0.5
    min_shared_words: int = 1
    require_key_term: bool = True
    # A near paraphrase of the question. all-MiniLM gave 0.50 to the blood-pressure passage for
    # the DEXA question and at most 0.51 to passages that did answer (walk 25's data), so a
    # cosine between the two bars is no evidence alone.
    strong_vector_score: float = 0.9
    # How far below the best kept passage's cosine a drug-naming passage may be for a question
    # naming a drug class (``filter``). all-MiniLM's cosines of passages that answer and of
    # passages that do not differ by hundredths (see above), so a gap this small ranks nothing;
    # a drug named in passing elsewhere ("paracetamol for knee pain", 0.34 against 0.49 for
    # the anticoagulant question) is well below it.
    near_top_margin: float = 0.05

    def answerable(self, hits: list[SearchHit], question: str) -> bool:
        """Whether the relevant ``hits`` may hold the answer: one holds a key clinical term of
        the question, names a drug for a question about medicines, or holds what search read
        into the question ("anticoagulant" → apixaban). A question with no key term (a
        follow-up: "and the dose?") is not judged."""
        if not self.require_key_term or not hits or not key_terms(question):
            return True
        names = term_finder(question)
        return any(
            (h.vector_score is not None and h.vector_score >= self.strong_vector_score)
            or names(relevance_text(h))
            for h in hits
        )

    def accepts(
        self,
        hit: SearchHit,
        question: str,
        expansion: re.Pattern[str] | None = None,
        concepts: tuple[Concept, ...] | None = None,
    ) -> bool:
        if hit.vector_score is not None and hit.vector_score >= self.min_vector_score:
            return True
        if self.min_shared_words <= 0:
            return False
        text = relevance_text(hit)
        shared = shared_words(question, text)
        if len(shared) >= self.min_shared_words:
            return True
        # "What medications is she taking?" is answered by the table naming apixaban, whatever
        # its headings say (new-user test: "drugs" and "medications" matched no word and the
        # medication table search ranked first, cosine 0.46, was dropped).
        if asks_about_medicines(question) and default_lexicon().spans(text):
            return True
        # What search itself read into the question counts too: "which anticoagulant" is
        # answered by the passage naming apixaban, which search ranked first for it; without
        # this that passage was dropped here and the model answered from others.
        if expansion is not None and expansion.search(text) is not None:
            return True
        # A passage speaking to the concept asked in the words notes use ("G2P1, 24/40" for
        # "Is she pregnant?"): it shares no word with the question, and its cosine may be low.
        if concepts is None:
            concepts = concepts_asked(question)
        return speaks_to(concepts, text)

    def filter(self, hits: list[SearchHit], question: str) -> list[SearchHit]:
        """The ``hits`` relevant to ``question``, in search's order: those ``accepts`` takes,
        and, for a question naming a drug class, the passages naming a drug that search puts
        as close to the top as the best of those (``near_top``)."""
        expansion = expansion_pattern(question)
        concepts = concepts_asked(question)
        kept = [self.accepts(h, question, expansion, concepts) for h in hits]
        if any(kept) and not all(kept) and names_drug_class(question):
            kept = self.near_top(hits, kept)
        return [h for h, keep in zip(hits, kept, strict=True) if keep]

    def near_top(self, hits: list[SearchHit], kept: list[bool]) -> list[bool]:
        """``kept`` with each passage naming a drug added that search ranks above the first
        kept one, or whose cosine is within ``near_top_margin`` of the best kept cosine. The
        class lists miss drugs of the class (warfarin for "anticoagulant", dabigatran), and a
        second drug of the class asked about (a switch, a duplicate, a record in conflict) is
        what a clinician must see: walk 40's "What anticoagulant dose is the patient on?" gave
        the model only the note naming apixaban while search ranked the scan saying "Warfarin
        3 mg daily" second, cosine 0.485 to 0.486. A passage naming no drug cannot answer
        such a question and stays out, however close its cosine."""
        first = kept.index(True)
        cosines = [h.vector_score for h, k in zip(hits, kept, strict=True) if k]
        best = max((c for c in cosines if c is not None), default=None)
        lexicon = default_lexicon()
        out = list(kept)
        for i, hit in enumerate(hits):
            if kept[i]:
                continue
            close = (
                best is not None
                and hit.vector_score is not None
                and hit.vector_score >= best - self.near_top_margin
            )
            if (i < first or close) and lexicon.spans(hit.text):
                out[i] = True
        return out


# At most this many names in a declined answer's "These N name ..." line.
_MAX_NAMED = 6


def matched_names(question: str, texts: Sequence[str]) -> list[str]:
    """What ``texts`` (passages :func:`term_finder` took for ``question``) name of what it asks,
    as they write it, for the line that lists them: "'apixaban' (a blood thinner)" for "Is she
    on a blood thinner?" (walk 43 D9: "These 4 name 'blood', 'thinner'" where none held either
    word), "'salbutamol'" for a question naming albuterol, "'sodium'" for "latest sodium?".
    Never a word of the question that no passage holds; empty where no name can be shown (a
    concept only, or a question about medicines naming none of them)."""
    lexicon = default_lexicon()
    vocabulary = default_vocabulary()
    classes = vocabulary.named_classes(question)
    drugs = lexicon.find(question)
    expansion = expansion_pattern(question)
    by_class: dict[tuple[str, ...], list[str]] = {}
    found: list[str] = []
    for text in texts:
        for _, _, name in lexicon.spans(text):
            key = _class_of(name, classes, lexicon)
            if key is not None:
                by_class.setdefault(key, []).append(name)
            elif any(lexicon.same_drug(drug, name) for drug in drugs):
                found.append(f"'{name}'")
        for match in expansion.finditer(text) if expansion is not None else ():
            word = match.group().lower()
            if not any(word in names for names in by_class.values()):
                found.append(f"'{word}'")
    if not drugs and not classes:
        found += [f"'{t}'" for t in asked_terms(question, lexicon) if _holds_term(t, texts)]
    shown = [_class_phrase(key, names) for key, names in by_class.items()]
    return list(dict.fromkeys(shown + found))[:_MAX_NAMED]


def _class_of(
    name: str,
    classes: list[tuple[tuple[str, ...], tuple[str, ...]]],
    lexicon: MedicationLexicon,
) -> tuple[str, ...] | None:
    """The first of ``classes`` that has ``name``'s drug among its members."""
    for key, members in classes:
        if names_class_member(frozenset(members), name, lexicon):
            return key
    return None


def _class_phrase(key: tuple[str, ...], names: list[str]) -> str:
    """The drugs with their class: "'apixaban' (an anticoagulant)", "'apixaban', 'warfarin'
    (anticoagulants)"."""
    drugs = list(dict.fromkeys(names))
    words = " ".join(key)
    if len(drugs) == 1:
        article = "an" if words[:1] in "aeiou" else "a"
        return f"'{drugs[0]}' ({article} {words})"
    return ", ".join(f"'{d}'" for d in drugs) + f" ({words}s)"


def _holds_term(term: str, texts: Sequence[str]) -> bool:
    """Whether one of ``texts`` holds ``term`` (a word by its stem, a phrase whole)."""
    wanted = {_key(w) for w in term.lower().split()}
    for text in texts:
        if term.lower() in text.lower() or wanted <= _stems(content_words(text)):
            return True
    return False


def class_members_asked(question: str) -> frozenset[str]:
    """The member generics of every drug class ``question`` names ("bronchodilator":
    albuterol, salmeterol xinafoate, ...), all of them, not the few search adds."""
    return frozenset(
        m for _, members in default_vocabulary().named_classes(question) for m in members
    )


def names_class_member(
    members: frozenset[str], text: str, lexicon: MedicationLexicon | None = None
) -> bool:
    """Whether ``text`` names a drug of ``members`` by any of its names: "salbutamol" is
    albuterol, a bronchodilator; "frusemide 40 mg" is furosemide, a loop diuretic (walk 43:
    both questions were refused as naming nothing asked). A member written with its salt
    ("salmeterol xinafoate") is named by its first word."""
    lexicon = lexicon or default_lexicon()
    for _, _, name in lexicon.spans(text):
        for generic in lexicon.generics(name):
            if generic in members or any(m.startswith(f"{generic} ") for m in members):
                return True
    return False


def names_drug_class(question: str) -> bool:
    """Whether ``question`` names a drug class ("anticoagulant", "statins", "blood thinner"):
    one a passage answers by naming a drug of it rather than the class."""
    return bool(default_vocabulary().named_classes(question))


def expansion_pattern(question: str) -> re.Pattern[str] | None:
    """Whole-word matcher for the drug names and abbreviation senses search adds to
    ``question`` (a class's drugs, a brand's generic, "myocardial infarction" for MI)."""
    # A concept's search words ("works", "stick", medlocal/concepts.py) only rank passages:
    # whether a passage speaks to the concept is its written pattern's to say ("The inhaler
    # works well" says nothing of an occupation).
    added = set(search_words(question))
    names = [n for n in query_expansion(question).names() if n not in added]
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

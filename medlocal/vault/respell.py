"""A question's misspelt word finds the word the patient's own passages write.

Walk 42g: "Is she taking linaglipton?" found the discharge summary's "Linagliptin 5 mg once
daily STARTED" by its cosine alone (third), and nothing said how the question had been read.
A question word that no passage of the patient writes, that is no English word and no drug
name the dictionaries know, and that lies within a small edit distance of one word the
patient's passages do write, is also searched as that word (:func:`nearest`: one edit for a
word of six or seven letters, two from eight; two words as near are a guess, and none is
taken). A known drug is never respelt: "prednisone" asked of a record holding "prednisolone"
is another drug, and the answer must say the record does not name it.

Only a drug name the drug vocabulary knows is taken as the reading (:func:`respelling`;
review 42: any unknown word was respelt, and a condition's opposite is one or two edits away:
"hypokalaemia" was read as the record's "hyperkalaemia", "microcytic" as "macrocytic"). A
misspelt drug is what walk 42g needed; a misspelt condition is left unread. Words that differ
by hypo/hyper, micro/macro or brady/tachy are never taken for each other, drug or not.

The candidates come from the exact-word index's vocabulary (its terms are Porter stems, so
"amlodipine" is "amlodipin" there; the answer's note names the word as the passage writes it),
those starting with the word's first letter only: a slip in the first letter is rare, and the
look-up stays a range of the index. A term is taken only where a passage in the search's scope
holds it: the vocabulary is the whole vault's, and another patient's words must neither steer
this patient's search nor show in a note.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import lru_cache

import sqlcipher3.dbapi2 as sqlcipher

from medlocal.drugs import default_vocabulary
from medlocal.spelling import american
from medlocal.vault.db import Connection
from medlocal.vault.lexical import QUESTION_FILLER, query_words

MIN_LENGTH = 6  # shorter words are too near too many others ("insulin" is not "inulin"'s typo)
LONG_WORD = 8  # from this length two edits are allowed, below it one
_LETTERS = re.compile(r"[a-z]+")
# Prefixes of opposite meaning: a word with one is never read as a word with the other.
_OPPOSITES = (("hypo", "hyper"), ("micro", "macro"), ("brady", "tachy"))


def max_edits(word: str) -> int:
    return 1 if len(word) < LONG_WORD else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """The optimal-string-alignment distance of ``a`` and ``b`` (an insertion, deletion,
    substitution or swap of two neighbours counts one), or ``limit + 1`` once it exceeds
    ``limit`` (the rows are cut short there: most candidates are far)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1] if row[-1] <= limit else limit + 1


def _pairs(word: str) -> frozenset[str]:
    return frozenset(word[i : i + 2] for i in range(len(word) - 1))


def nearest(word: str, candidates: Iterable[str]) -> str | None:
    """The one candidate nearest ``word`` within :func:`max_edits`; None where none is, or two
    are as near (a guess between them is no reading of the question)."""
    limit = max_edits(word)
    pairs = _pairs(word)
    # One edit takes at most three of a word's letter pairs away (a swap of two neighbours:
    # "ab", "bc", "cd" of "abcd"), so a candidate sharing fewer pairs is too far, with no
    # distance counted: a vault of 300,000 terms has ~5,000 to a first letter and length,
    # ~150 ms counted one by one in Python, ~14 ms with this test first.
    needed = len(pairs) - 3 * limit
    best: list[str] = []
    best_distance = limit + 1
    for candidate in dict.fromkeys(candidates):
        if candidate == word:
            return None  # written as asked: nothing to respell
        if abs(len(candidate) - len(word)) > limit or len(pairs & _pairs(candidate)) < needed:
            continue
        distance = edit_distance(word, candidate, min(limit, best_distance))
        if distance < best_distance:
            best, best_distance = [candidate], distance
        elif distance == best_distance and distance <= limit:
            best.append(candidate)
    return best[0] if len(best) == 1 else None


def respell_candidates(query: str) -> list[str]:
    """The words of ``query`` that may be misspelt: lower-cased, letters only, six letters or
    more, no question filler (whether they are is for :func:`may_be_misspelt` to say)."""
    words = [w.lower() for w in query_words(query)]
    return [
        w
        for w in dict.fromkeys(words)
        if len(w) >= MIN_LENGTH and _LETTERS.fullmatch(w) and w not in QUESTION_FILLER
    ]


@lru_cache(maxsize=1)
def _drug_names() -> frozenset[str]:
    vocabulary = default_vocabulary()
    names = set(vocabulary.generics_of) | set(vocabulary.brands_of)
    names.update(g for generics in vocabulary.generics_of.values() for g in generics)
    return frozenset(names)


@lru_cache(maxsize=1)
def _drug_words() -> frozenset[str]:
    """The drug names of one word, letters only ("linagliptin", "januvia"): a passage word a
    question may be read as. The words of longer names ("potassium chloride", "(r)-styrene
    oxide") are left out: "chloride" or "oxide" alone names no drug."""
    return frozenset(w for w in _drug_names() if _LETTERS.fullmatch(w))


@lru_cache(maxsize=1)
def _drug_stems() -> frozenset[str]:
    """:func:`_drug_words` as the exact-word index holds them (Porter stems: "amlodipin"),
    stemmed by the index's own tokenizer in a throwaway in-memory table (~0.3 s, once)."""
    conn = sqlcipher.connect(":memory:")
    try:
        conn.execute(
            "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61 remove_diacritics 2')"
        )
        conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
        conn.executemany("INSERT INTO t VALUES (?)", [(w,) for w in _drug_words()])
        return frozenset(str(term) for (term,) in conn.execute("SELECT term FROM v"))
    finally:
        conn.close()


def opposite(one: str, other: str) -> bool:
    """Whether ``one`` and ``other`` (lower case) differ by prefixes of opposite meaning:
    "hypokalaemia" and "hyperkalaemia", "microcytic" and "macrocytic", "bradycardia" and
    "tachycardia"."""
    return any(
        (a in one and b in other and b not in one) or (b in one and a in other and a not in one)
        for a, b in _OPPOSITES
    )


def respelling(word: str, candidates: Collection[str], *, stemmed: bool = False) -> str | None:
    """The one of ``candidates`` that ``word`` (lower case) of a question is read as: the
    :func:`nearest`, where it is a known drug name (``stemmed``: as the exact-word index's
    Porter stem), not ``word``'s opposite (:func:`opposite`) and ``word`` may be misspelt
    (:func:`may_be_misspelt`); else None. Search, the answer's note and the relevance gate
    all read a question so, and must agree."""
    near = nearest(word, candidates)
    if near is None or opposite(word, near):
        return None
    if near not in (_drug_stems() if stemmed else _drug_words()):
        return None  # a condition's near word may be its opposite: only a drug is read
    return near if may_be_misspelt(word) else None


def may_be_misspelt(word: str) -> bool:
    """Whether ``word`` (lower case) is neither a drug name the dictionaries know nor an English
    word (the de-identification dictionary, inflections and British spellings allowed; its
    test by a drug's ending is not used: "lisinipril" ends as a drug does). The dictionary is
    read only here, when a near word was found: most questions never come this far."""
    if word in _drug_names():
        return False
    from medlocal.privacy.deid_lexicon import lexicon  # ~1.4 s once; most searches never need it

    words = lexicon()
    spelt = american(word)
    return not (
        word in words.english
        or spelt in words.english
        or words.inflected(word)
        or words.inflected(spelt)
    )


def vocabulary_near(conn: Connection, word: str) -> list[str]:
    """The exact-word index's terms that open with ``word``'s first letter and are within
    :func:`max_edits` of its length (the whole vault's: the caller checks its scope)."""
    limit = max_edits(word)
    first = word[0]
    rows = conn.execute(
        "SELECT term FROM chunks_vocab WHERE col = 'text' AND term >= ? AND term < ? "
        "AND length(term) BETWEEN ? AND ?",
        (first, chr(ord(first) + 1), len(word) - limit, len(word) + limit),
    ).fetchall()
    return [str(term) for (term,) in rows]

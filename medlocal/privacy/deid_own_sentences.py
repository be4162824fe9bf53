"""MedLocal's own sentences read as they are shown (walk 52a M2).

An answer's notes are MedLocal's wording around what it quotes from the documents, shown after
a lead ("Note: the model's draft, set aside, repeats an earlier answer of this chat …, so it
may not answer …"), so each opens in lower case. Read alone, such a line looks typed all in
lower case, and the re-casing of those lines (:mod:`~medlocal.privacy.deid_case`) capitalises
the words a careless typist might have meant as names or months: "earlier" and "may" were
removed as [NAME] from every redacted export holding the note. Read as shown, opening with a
capital, the line is ordinary prose and its capitals (a quoted name, a file's) still count.
"""

from __future__ import annotations


def sentence_case(text: str) -> str:
    """``text`` with its first word's first letter a capital, same length (offsets keep);
    unchanged where it opens with a number ("12 mg"), a capital, or a letter whose capital is
    written with more letters ("ß")."""
    for i, char in enumerate(text):
        if char.isdigit():
            return text
        if not char.isalpha():
            continue
        upper = char.upper()
        if char.islower() and len(upper) == 1:
            return text[:i] + upper + text[i + 1 :]
        return text
    return text

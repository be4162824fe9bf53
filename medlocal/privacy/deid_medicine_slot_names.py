"""A listed person's name that a medicine's keep took in (issue 16, session 56, deid56a).

The passes that read a medicine where it stands - a dose after the word ("Xyz 500 mg"), a form
before it ("Tab Xyz") or after it ("Xyz cream applied"), a medication list ("Meds: Xyz,
metformin") - keep the word there whatever it is: most brands sold outside the US are on no
list, and the slot is the only evidence. A surname or given name in that slot leaked with it
("Tab Okonkwo 500 mg", "Okonkwo cream applied", "Meds: Okonkwo, metformin", "Okonkwo Chrono 500
mg"; note55's list). Session 54's policy for a word before a dose (deid_dose_brands) holds here
too: a word the surname list holds and no clinical, product or English list explains is a person's,
so the keep is undone for it and the word scan reads it as any other capitalised word.

What stays kept: a word a medicine, product, clinical or English list holds ("Lasix",
"Augmentin", "Paracetamol", "Aqueous"), a brand that is also a listed name ("Allegra":
_NAMED_MEDICINES), an eponym (protected before these passes, never undone here), and a scale or
test before its bare score ("Braden 14", "Norton 12"): the undoing reads a medicine's slot only
- a dose with its unit after the word (one word, "Chrono", "XR", may stand between), a form
word before or after it, a medicine beside it in a comma list, or a medication list's line.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_clinical_values import MED_LIST
from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation
from medlocal.privacy.deid_products import FORM_WORDS
from medlocal.privacy.deid_tokens import Tok

# Single-word medicines of drug_names.txt / drug_brands.txt that are also listed given names or
# surnames: the lexicon leaves them out of its clinical words (as safe words they would let a
# person's name through elsewhere), but in a medicine's slot the drug list's reading wins.
# Derived once from the shipped lists (the 25 such words, less the English ones).
_NAMED_MEDICINES = frozenset(
    {
        "allegra", "aman", "arvin", "camila", "corwin", "dolin", "eisen", "ella", "hana",
        "kendrick", "laurine", "morin", "rhein", "serina", "sevin", "sulema", "terrell", "tobi",
        "urso",
    }
)  # fmt: skip
# A dose with its unit after the word, perhaps after one more word ("Chrono", "XR", "Retard").
_DOSE_AFTER = re.compile(
    r"(?:[ \t]+[A-Za-z][\w-]*)?[ \t]+\d+(?:[.,]\d+)?[ \t]?"
    r"(?:mg|mcg|µg|μg|ug|g|units?|iu|IU|ml|mL|mmol|tabs?|caps?|puffs?|drops)(?![^\W\d_])"
)
# A form written before the medicine ("Tab", "Cap.", "Inj").
_FORM_BEFORE = frozenset(
    {"tab", "tabs", "tablet", "cap", "caps", "capsule", "inj", "syp", "syr", "susp", "supp",
     "neb", "oint", "crm"}
)  # fmt: skip
# Lower-case words that lead to a medicine right before it ("started Xyz 5 mg").
_LEADS = frozenset(
    {"on", "with", "start", "started", "starting", "commenced", "given", "gave", "give",
     "continue", "continued", "restart", "restarted", "increase", "increased", "reduce",
     "reduced", "add", "added", "stop", "stopped", "and", "or", "plus", "of", "takes", "taking",
     "use", "using", "apply", "applied", "prescribed", "dispensed"}
)  # fmt: skip
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")


def _person_word(tok: Tok, lex: Lexicon) -> bool:
    """A capitalised word the surname list holds and no safe list explains."""
    lower = tok.bare
    return (
        tok.word[:1].isupper()
        and len(lower) >= 3
        # A surname: a given name alone is a brand after "Tab" as often (held-out: three
        # clinical terms, none a person, in the first version that took given names too).
        and lower in lex.surnames
        and lower not in _NAMED_MEDICINES
        and lower not in lex.products
        and not lex.clinical(tok.lower)
        and not lex.clinical(lower)
        and not lex.known(lower)
        and not clinical_abbreviation(tok.word)
    )


def _listed_between(tokens: list[Tok], i: int, text: str, lex: Lexicon) -> bool:
    """A comma joins the word to a medicine before or after it ("Lasix, Xyz, metformin")."""
    for j, gap in ((i - 1, (tokens[i - 1].end, tokens[i].start)), (i + 1, None)):
        if j < 0 or j >= len(tokens):
            continue
        start, end = gap if gap is not None else (tokens[i].end, tokens[j].start)
        if text[start:end].strip() == "," and lex.clinical(tokens[j].lower):
            return True
    return False


def _medicine_slot(
    tokens: list[Tok], i: int, text: str, lex: Lexicon, lists: list[tuple[int, int]]
) -> bool:
    tok = tokens[i]
    if i and text[tokens[i - 1].end : tok.start] in (" ", "-"):
        before = tokens[i - 1]
        if before.lower.rstrip(".") not in _FORM_BEFORE and (
            lex.clinical(before.lower)
            or clinical_abbreviation(before.word)
            or before.lower in lex.products
            or (before.shape == "lower" and before.word[:1].isupper())
        ):
            # The second word of a clinical phrase ("Salmonella Stanley", "silicone Foley", "20
            # Fr Foley", "SpaceOAR Vue": five development terms in a first version).
            return False
        if before.word.islower() and before.lower not in _LEADS and lex.known(before.lower):
            return False  # a material or a kind before a device ("silicone Foley 10 mL")
    if _DOSE_AFTER.match(text, tok.end) is not None:
        return True
    if i and tokens[i - 1].lower.rstrip(".") in _FORM_BEFORE:
        return True
    after = _NEXT_WORD.match(text, tok.end)
    if after is not None and after.group(1).lower() in FORM_WORDS:
        return True
    return _listed_between(tokens, i, text, lex) or any(
        start <= tok.start < end for start, end in lists
    )


def give_back_listed_names(
    tokens: list[Tok], text: str, lex: Lexicon, shapes_before: list[str]
) -> None:
    """Undo the medicine passes' keep (``shape`` "lower") for the listed names in a medicine's
    slot; ``shapes_before`` are the tokens' shapes before those passes ran."""
    lists: list[tuple[int, int]] | None = None
    for i, (tok, before) in enumerate(zip(tokens, shapes_before, strict=True)):
        if tok.shape != "lower" or before not in ("title", "caps") or not _person_word(tok, lex):
            continue
        if lists is None:
            lists = [m.span("list") for m in MED_LIST.finditer(text)]
        if _medicine_slot(tokens, i, text, lex, lists):
            tok.shape = before

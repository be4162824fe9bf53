"""Organisms named after places: a Salmonella serovar ("Salmonella Dublin", "S. enterica
serovar Newport", "Salmonella Heidelberg") and a norovirus or influenza variant named after
the city where it was first found ("GII.4 Sydney 2012", "A/Victoria/4897/2022"). The place
names the organism, not where the patient lives or was seen (dev28 read each as a name, a
place, the patient's own surname or a code).

The cue is structural: a serovar follows "Salmonella" (with "enterica", "serovar", "ser." or
"subsp." between) or "serovar"/"serotype"; a norovirus variant follows its genotype ("GII.4");
an influenza strain is written type/place/number/year.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.deid_tokens import Tok

# The words before a serovar's name, ending right before it.
# "S." alone is an initial ("S. Venkatesh"): only with the species or "serovar" after it.
_SEROVAR_BEFORE = re.compile(
    r"(?:\bSalmonella(?:[ \t]+(?:enterica|subsp\.|subspecies|ser\.|serovar|serotype|"
    r"var\.))*|(?<![\w.])S\.[ \t]+enterica(?:[ \t]+(?:subsp\.|subspecies|enterica|ser\.|"
    r"serovar|serotype|var\.))*|\b(?i:serovar|serotype|ser\.)"
    # Session 52: a cholera vibrio's O group, then its serotype ("Vibrio cholerae O1 Ogawa",
    # "V. cholerae O1 El Tor Inaba"): the word there is the serotype, never a person.
    r"|\b(?:Vibrio|V\.)[ \t]+cholerae[ \t]+O1(?:[ \t]+(?:El[ \t]+Tor|classical|biotype))*)[ \t]+\Z"
)
# A norovirus genotype before its variant's place ("GII.4 Sydney", "GII.P16-GII.4 Den Haag").
_GENOTYPE_BEFORE = re.compile(
    r"\bG(?:I{1,3}|IV|V)\.(?:P?\d{1,2}[a-z]?)(?:-G[IV]{1,3}\.\d{1,2})?[ \t]+\Z"
)
# An influenza strain: type, place (one to three words), number, year ("A/Hong Kong/45/2019",
# "B/Austria/1359417/2021", "A/Croatia/10136RV/2023"), with "(H3N2)" or "-like" after.
_FLU_STRAIN = re.compile(
    r"(?<![\w/])[ABC]/[A-Z][\w'’.-]*(?:[ \t][A-Z][\w'’.-]*){0,2}(?:/[A-Za-z]{0,12})?/\d[\w-]*/"
    r"(?:19|20)?\d\d(?:-like)?(?![\w/])"
)

# A norovirus variant with its year ("GII.4 Sydney 2012"): the year is no postcode.
_NORO_VARIANT = re.compile(
    r"\bG(?:I{1,3}|IV|V)\.P?\d{1,2}[a-z]?[ \t]+[A-Z][\w'’-]*(?:[ \t][A-Z][\w'’-]*)?"
    r"[ \t]+(?:19|20)\d\d\b"
)


# The word right before a serovar's or variant's name, tested before the patterns (speed).
_LAST_WORDS = frozenset(
    {"salmonella", "enterica", "serovar", "serotype", "ser.", "subsp.", "subspecies", "var.",
     "o1", "tor", "classical", "biotype"}
)  # fmt: skip
_GENOTYPE_WORD = re.compile(r"G(?:I{1,3}|IV|V)\.")


def serovar_at(text: str, start: int) -> bool:
    """Whether the capitalised word at ``start`` is a serovar's or a variant's place name."""
    window = text[max(0, start - 48) : start]
    parts = window.rsplit(None, 1)
    if len(parts) < 1 or not window[-1:].isspace():
        return False
    last = parts[-1]
    if last.lower() not in _LAST_WORDS and not _GENOTYPE_WORD.match(last):
        return False
    return bool(_SEROVAR_BEFORE.search(window) or _GENOTYPE_BEFORE.search(window))


def protect_serovars(tokens: list[Tok], text: str) -> None:
    """The serovar's or variant's name (one or two capitalised words) read as no name."""
    if (
        "almonella" not in text
        and "enterica" not in text
        and "ero" not in text
        and "GI" not in text
        and "cholerae" not in text
    ):
        return
    for i, tok in enumerate(tokens):
        if tok.shape not in ("title", "caps") or not serovar_at(text, tok.start):
            continue
        tok.shape = "lower"
        nxt = i + 1
        # "Den Haag", "New Orleans": a second capitalised word right after.
        if (
            nxt < len(tokens)
            and text[tok.end : tokens[nxt].start] == " "
            and (tokens[nxt].shape == "title")
        ):
            tokens[nxt].shape = "lower"


def without_flu_strains(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less those inside an influenza strain's or a norovirus variant's name."""
    if "/" not in text and "GI" not in text:
        return redactions
    strains = sorted(
        [m.span() for m in skipped_finditer(_FLU_STRAIN, text)]
        + [m.span() for m in skipped_finditer(_NORO_VARIANT, text)]
    )
    if not strains:
        return redactions
    starts = [a for a, _ in strains]
    out = []
    for red in redactions:
        i = bisect_left(starts, red.start + 1) - 1
        if i >= 0 and strains[i][0] <= red.start and red.end <= strains[i][1]:
            continue
        out.append(red)
    return out

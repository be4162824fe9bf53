"""Letters compared as a person searching for them types them: "Muller" finds "Müller",
"Lukasiewicz" "Łukasiewicz", "Thorsson" "Þórsson" (walk 47b D3: a keyboard without the
accents found none of five registered patients). One rule for the patient search, the
similar-patient check, the misfiled-letter check and model ids.

Unicode's compatibility decomposition (NFKD) takes "ü" apart into "u" and a mark, which is
dropped; a few Latin letters are letters of their own, not a base letter with a mark, and are
written the way their languages spell them without the letter (ß -> ss, þ -> th, æ -> ae)."""

from __future__ import annotations

import unicodedata

# Latin letters NFKD does not take apart into a base letter and a mark.
_LATIN_EXTRA = str.maketrans(
    {"ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
     "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
     "ı": "i", "ħ": "h", "Ħ": "h", "ŀ": "l", "Ŀ": "l"}
)  # fmt: skip


def fold_letters(text: str) -> str:
    """``text`` in small letters without accents, the letters NFKD keeps whole spelt out:
    "Zoë Müller-Łukasiewicz" -> "zoe muller-lukasiewicz", "Ólafur Þórsson" -> "olafur
    thorsson", "Nguyễn Thị" -> "nguyen thi". Other scripts are kept as they are (casefolded)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN_EXTRA).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` folded as :func:`fold_letters` folds it, and for each character of the folded
    text the offset in ``text`` of the character it comes from, so that a name found in the
    folded text is marked where ``text`` writes it ("José García" for a search of "jose
    garcia"; "ß" folds to two characters, a mark to none)."""
    folded: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        piece = fold_letters(char)
        folded.append(piece)
        offsets += [index] * len(piece)
    return "".join(folded), offsets

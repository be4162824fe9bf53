"""Irish surnames whose name word begins with a mutation in lower case (session 48, deid48a).

Irish writes a surname's word after "Ó", "Ní", "Uí", "Mac an", "Nic an" or "Mhic" with a
lower-case letter or two before its capital ("Mac an tSaoi", "Ó hUiginn", "Ní hÉigeartaigh",
"Uí Bhriain", "Mac an Bhaird", "Ó nGallchóir"). The word scan reads a word that starts in lower
case as an ordinary one, so it kept "tSaoi" and "hUiginn" after the particle it found. No English
or clinical word is written a lower-case letter and then a capital after these particles, so the
particle, its article and the word are one name wherever they stand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

_UPPER = "A-ZÁÉÍÓÚ"
_LOWER = "a-záéíóú"
# The particle (with "an" after Mac or Nic), then a lower-case mutation and the capital of the
# name ("tS", "hU", "nG", "bhF", "mB", "gC", "dT", "bP"), or a lenited capital after Uí/Mhic
# ("Bhriain").
_MUTATED = re.compile(
    rf"(?<![\w'’-])(?:(?:Mac|Nic|Mhic)[ \t]+an|Ó|O|Ní|Ni|Uí|Ui|Nic|Mhic)[ \t]+"
    rf"(?:t|h|n|bh|mb|gc|dt|bp|nd|ng)[{_UPPER}][{_LOWER}'’]+(?![\w'’-])"
)


def irish_name_candidates(text: str) -> Iterator[Redaction]:
    """The Irish surnames with a mutated first letter in ``text``, particle and all."""
    for match in skipped_finditer(_MUTATED, text):
        yield Redaction("name", match.start(), match.end(), match.group(), label("name"))

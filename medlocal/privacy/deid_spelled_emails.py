"""E-mail addresses spelt out to defeat harvesters (round 21).

Patients and relatives write an address with its "@" and dots in words: "maria [at] gmail
[dot] com", "k.lee at outlook dot com", "jo(at)web(dot)de". The words "at" and "dot" are
English, so the form needs both: a name, the "at", a domain word, then one or more "dot" and
a word, the last a top-level domain.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

_AT = r"(?:[ \t]*[\[(][ \t]*(?i:at)[ \t]*[\])][ \t]*|[ \t]+(?i:at)[ \t]+)"
_DOT = r"(?:[ \t]*[\[(][ \t]*(?i:dot)[ \t]*[\])][ \t]*|[ \t]+(?i:dot)[ \t]+)"
_TLD = (
    r"(?i:com|org|net|edu|gov|info|co|uk|au|nz|ca|ie|de|fr|nl|es|it|in|za|ph|sg|my|ke|ng|"
    r"cz|sk|pl|se|no|dk|fi|be|ch|at|pt|br|mx|ar|cl|jp|kr|cn|hk|tw|id|th|vn|ru|ua|tr|gr|il|"
    r"ae|sa|eg|pk|bd|lk|gh|ug|tz|hu|ro|bg|hr|si|lt|lv|ee|is)"
)

_SPELLED = re.compile(
    rf"(?<![\w.+-])[A-Za-z0-9][\w.+-]{{0,40}}{_AT}[A-Za-z0-9][\w-]{{0,40}}"
    rf"(?:(?:{_DOT}|\.)[A-Za-z0-9][\w-]{{0,20}})*{_DOT}{_TLD}(?!\w)"
)
# Speed: the whole form is read only where a spelt "dot" stands in the text.
_DOT_WORD = re.compile(r"[ \t\[(](?i:dot)[ \t\])]")


def spelled_email_candidates(text: str) -> Iterator[Redaction]:
    """The spelt-out e-mail addresses of ``text``."""
    if _DOT_WORD.search(text) is None:
        return
    for match in skipped_finditer(_SPELLED, text):
        yield Redaction("email", match.start(), match.end(), match.group(), label("email"))

"""Where a saved citation's passage lies in its document's text today.

A citation keeps the offsets its passage had in the document's text when the answer or summary
was written, and the start of the passage as quoted (its snippet). ``medlocal vault update`` (and
the update after unlocking) reads a document again when its format's extractor changed
(ingest/extractor_versions.py): a hidden section left out, or comments moved inline, shifts every
later passage, so the kept offsets then fall on other words (another day's blood pressure) or
past the text's end (review60a H1). The offsets are used while they still hold the words quoted;
otherwise the quoted words are looked for, nearest the old place, and a passage no longer in the
text is told as such rather than shown somewhere else.
"""

from __future__ import annotations

import re

from medlocal.rag.passages import SourceRef, snippet

_CUT = " …"  # how a snippet that stops before its passage's end ends (passages.snippet)


def cited_place(text: str, source: SourceRef) -> tuple[int, int] | None:
    """``source``'s passage in ``text`` as (start, end): its recorded offsets while they hold
    the words its snippet quotes (or when it has no snippet, saved before they were kept),
    else where those words are now; None when they are nowhere in ``text``."""
    start, end = source.start, source.end
    quoted = source.snippet
    if not quoted or snippet(text[start:end]) == quoted:
        return start, end
    cut = quoted.endswith(_CUT)
    words = (quoted.removesuffix(_CUT) if cut else quoted).split()
    if not words:
        return start, end
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    found = min(pattern.finditer(text), key=lambda m: abs(m.start() - start), default=None)
    if found is None:
        return None
    if not cut:  # the snippet is the whole passage
        return found.start(), found.end()
    return found.start(), min(len(text), max(found.end(), found.start() + end - start))

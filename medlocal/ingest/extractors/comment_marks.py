"""How a Word or Writer comment is written into the text: at the end of its paragraph or table
row, "[comment by Dr Okafor: haemolysed, repeat sent]" (docx_notes.py, odt.py).

Square brackets inside the comment (its text or its author's name) are written as round ones:
"[comment by Dr B: see [1] ok]" left no telling where the comment ends, and its "[1]" read as a
footnote's mark or a citation. Nothing else of the comment changes.
"""

from __future__ import annotations

_ROUND = str.maketrans("[]", "()")


def placed_comment(text: str, author: str | None) -> str:
    """A comment as it is put in the text ("" for an empty one)."""
    text = " ".join(text.split()).translate(_ROUND)
    if not text:
        return ""
    author = " ".join((author or "").split()).translate(_ROUND)
    return f"[comment by {author}: {text}]" if author else f"[comment: {text}]"

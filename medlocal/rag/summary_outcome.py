"""Whether a summary holds anything from the documents, and the words for one that does not.

Walk 51b L9: a summary whose every section said "Not extracted: the model gave no cited
notes…" was announced as "Saved in the vault. 1 item(s) to check against the sources." (its
identical placeholders are one item), which reads like a summary with one doubtful line. The
window, ``summarize`` and ``outputs list`` say plainly that nothing could be extracted."""

from __future__ import annotations

import re

from medlocal.rag.summarize import (
    ALL_FLAGGED_SECTION,
    NO_SUPPORTED_SECTION,
    NONE_DOCUMENTED,
    NOT_EXTRACTED,
    NOT_USABLE,
)

# A section the model's text did not fill: MedLocal wrote one of these in its place.
_FAILED = frozenset({NOT_EXTRACTED, NOT_USABLE, NO_SUPPORTED_SECTION, ALL_FLAGGED_SECTION})
_EMPTY = _FAILED | {NONE_DOCUMENTED}
_SECTION = re.compile(r"^## [^\n]*\n", re.M)  # summarize._assembled's section headings


def _placeholder_counts(text: str) -> tuple[int, int]:
    """(sections not extracted, sections "None documented.") when none of the summary
    ``text``'s sections holds text from the documents and at least one could not be extracted;
    (0, 0) otherwise, and for a text with no sections (an answer)."""
    bodies = [body.strip() for body in _SECTION.split(text)[1:]]
    if not bodies or any(body not in _EMPTY for body in bodies):
        return 0, 0
    failed = sum(body in _FAILED for body in bodies)
    return (failed, len(bodies) - failed) if failed else (0, 0)


def unextracted_sections(text: str) -> int:
    """How many sections of the summary ``text`` could not be extracted, when none of its
    sections holds text from the documents (every one a placeholder, at least one of them a
    failed extraction); 0 otherwise, and for a text with no sections (an answer)."""
    return _placeholder_counts(text)[0]


def nothing_extracted_note(text: str) -> str | None:
    """What to say instead of "N item(s) to check" for a summary with nothing in it; None for
    any other text. Sections that read "None documented." are counted apart (review 52a: 3 not
    extracted beside 1 "None documented." read "any of its 3 sections", as if it had 3)."""
    failed, silent = _placeholder_counts(text)
    if not failed:
        return None
    if not silent:
        sections = "its only section" if failed == 1 else f"any of its {failed} sections"
        return (
            f"Nothing could be extracted for {sections}: the model gave no usable, cited text, "
            "so this summary holds nothing from the documents (that does not mean they are "
            "silent). Read the source documents."
        )
    others = "the other one reads" if silent == 1 else f"the other {silent} read"
    return (
        f"Nothing could be extracted for {failed} of its {failed + silent} sections, and "
        f'{others} "{NONE_DOCUMENTED}": the model gave no usable, cited text, so this summary '
        "holds nothing from the documents. A section not extracted does not mean the "
        "documents are silent on it. Read the source documents."
    )

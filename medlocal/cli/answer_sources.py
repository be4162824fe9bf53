"""An answer's or summary's numbered sources and flags as the CLI prints them after its text."""

from __future__ import annotations

import textwrap

from medlocal.fsutil import shown_name
from medlocal.rag.answer import GroundedAnswer
from medlocal.rag.citations import cited_numbers
from medlocal.rag.export_files import ATTACHED_NOTE
from medlocal.rag.flags import (
    Flag,
    attached_marks,
    listed_flags,
    unsupported_draft,
    unsupported_drafts,
)
from medlocal.rag.passages import SourceRef, one_line


def source_line(src: SourceRef, mark: str = "") -> str:
    # The file name as shown_name escapes it (review 43, D9: ESC, newline, U+202E).
    return f"[{src.number}] {shown_name(src.label())}{mark}\n    {one_line(src.snippet)}"


def print_sources_and_flags(
    sources: list[SourceRef], flags: list[Flag], text: str, whole: str = "answer"
) -> None:
    """The sources, then the flags: one line per sentence (``listed_flags``), its sentence
    quoted from ``text`` (the final text the flags were made on); ``whole`` names a flag on the
    text as a whole ("answer", "summary")."""
    if sources:
        cited = set(cited_numbers(text))
        print("\nSources:")
        for src in sources:
            # A passage a flag points to ("apixaban is named in passage [2]") is listed too.
            named = "" if src.number in cited else "  (not cited; named in a note or flag)"
            print(f"  {source_line(src, named)}")
    if attached_marks(text, flags):
        print(f"  {ATTACHED_NOTE}")
    if flags:
        print("\nFlags (verify these against the sources):")
        for place, flag in listed_flags(flags, text, whole):
            # One line each: a quote from a PDF's passage keeps its line breaks (walk 33).
            print(f"  - {place}: {' '.join(flag.message.split())}")
    for label, draft in unsupported_drafts(flags):
        print(f"\n{label}")
        print(textwrap.indent(draft, "    "))


def print_answer_sources(answer: GroundedAnswer) -> None:
    print_sources_and_flags(answer.sources, answer.flags, answer.text)
    draft = unsupported_draft(answer.flags)
    if (answer.found or draft) and not answer.sources and answer.passages:
        # Nothing could be tied to a passage: still show what the model was given, so the
        # clinician can check the answer against the record instead of trusting it (or look
        # for it there, when the draft was set aside as unsupported).
        lead = (
            "No statement could be tied to a passage. Passages the model was given:"
            if answer.found
            else "Passages the model was given (read them before concluding the record is silent):"
        )
        print(f"\n{lead}")
        for passage in answer.passages:
            print(f"  {source_line(passage.source())}")

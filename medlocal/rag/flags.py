"""Grounding flags: plain data returned with every answer and summary, shown by the CLI and GUI.

Stored as dicts in the vault. Fields added later have defaults, so older stored flags load
unchanged (``from_dict``) and older readers that ignore unknown keys still work.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

FlagKind = Literal[
    "unsupported",  # a sentence carries no citation, and no passage shares enough of its words
    "unverified_number",  # a number, dose, date or lab value absent from the cited passages;
    # also a number the passages give only in another unit ("9.1 mmol/L" for 9.1 x10^9/L) and a
    # dose they give its drug only by another route (walk 29: "IV ... 625 mg" for "oral 625 mg")
    "unverified_medication",  # a medication name absent from the cited passages
    "invalid_citation",  # a passage number the model was not given, a placeholder ("[n]") or an
    # unclosed citation ("[1"): removed
    "attached_citation",  # the model did not cite; MedLocal attached a passage by word overlap
    # Added with issue 14:
    "misattributed_value",  # the number is there, but for another test, drug or time point
    "negation_conflict",  # the sentence affirms what the passage rules out, or the reverse
    "laterality_conflict",  # left where the passage says right (or bilateral)
    "experiencer_conflict",  # the patient where the passage speaks of a relative, or the reverse
    "timing_conflict",  # current where the passage says past (history of, status post), or reverse
    "hypothetical_conflict",  # stated as fact where the passage only considers it ("if ...")
    "model_doubt",  # the rules found nothing, but the model doubts the passages support it
    "weak_support",  # cited, but the cited passages hold few of the sentence's key words
    "not_extracted",  # summaries: the model gave no cited notes for (part of) the record, so a
    # section says "Not extracted" (never "None documented") or the summary may be incomplete
    # Added with walk 25:
    "unsupported_draft",  # answers: no statement was supported, so the answer is "Not found";
    # the model's draft is kept in ``quote`` (whole text, sentence -1), shown only as unsupported
    # Added with walk 26:
    "degenerate_output",  # summaries: a section's text went wrong (a loop of lines alike,
    # MedLocal's instructions restated, or only another section's sentences repeated); what was
    # removed is quoted. On the section's heading (sentence -1). Answers: a loop was removed.
    # Added with walk 33:
    "cut_short",  # the engine stopped the text at its length limit: it may end mid-sentence
    # (an answer, sentence -1; a summary section, on its heading). It was "not_extracted" for
    # summaries, which read as if the section had no text.
    "wrong_role",  # a person named for a role (GP, consultant, nurse ...) the cited passages
    # give someone else, while they give that person another role
    # Added with walk 38:
    "unsupported_allergy",  # a drug given as an allergy or intolerance that no cited passage
    # gives as one (a passage that prescribes it does not back it)
    "unknown_document",  # a file name given as a source that is no document of the record
    # Added with walk 39:
    "range_conflict",  # a value called normal that the cited passage gives outside its
    # reference range or flags (H, L, raised), or called high or low where it is inside, unflagged
    # Added with walk 39b:
    "wrong_section",  # summaries: a medication (allergy) line that names no medicine (allergen)
    # Added with walk 40b:
    "wrong_patient",  # summaries: a name, date of birth or MRN given for the patient that is
    # not the vault's record of the patient summarised (another patient's documents mixed in);
    # answers (walk 43): an MRN, NHS number or code neither the cited passages nor the record hold
    # Added in session 44:
    "wrong_reason",  # a purpose given a drug ("to manage her allergies") that the cited passages
    # name only apart from the drug, while they give the drug another (rag/checks/reasons.py)
]

# The checks that find a statement wrong (the others are about citations).
CONTENT_KINDS: frozenset[str] = frozenset(
    {
        "unsupported", "unverified_number", "unverified_medication", "misattributed_value",
        "negation_conflict", "laterality_conflict", "experiencer_conflict", "timing_conflict",
        "hypothetical_conflict", "model_doubt", "weak_support", "unsupported_draft",
        "wrong_role", "unsupported_allergy", "unknown_document", "range_conflict",
        "wrong_section", "wrong_patient", "wrong_reason",
    }
)  # fmt: skip
UNSUPPORTED_DRAFT: FlagKind = "unsupported_draft"
# Marks a citation MedLocal attached (the model gave none) wherever chips are shown: "[2†]".
ATTACHED_MARK = "†"
ATTACHED_TIP = (
    "MedLocal attached this citation: the model did not cite this sentence, and this passage"
    " shares most of its words. It shows where the words come from, not that the passage"
    " supports the sentence."
)
DRAFT_HEADING = "The model's draft, which no passage supports (not an answer; do not rely on it):"


def draft_heading(flag: Flag) -> str:
    """The label over an ``unsupported_draft`` flag's draft: an answer's (``DRAFT_HEADING``),
    or a summary section's, whose heading is the flag's token."""
    if not flag.token:
        return DRAFT_HEADING
    return (
        f"The model's draft of “{flag.token}”, which no passage supports (not part of the"
        " summary; do not rely on it):"
    )


def unsupported_drafts(flags: Sequence[Flag]) -> list[tuple[str, str]]:
    """(label, draft) for each draft set aside as unsupported: an answer's, or each summary
    section's that read "No supported text" (its heading in the label)."""
    return [
        (draft_heading(f), f.quote.strip())
        for f in flags
        if f.kind == UNSUPPORTED_DRAFT and f.quote.strip()
    ]


def unsupported_draft(flags: Sequence[Flag]) -> str:
    """The model's draft kept with a "Not found" answer none of whose statements was supported
    (the ``unsupported_draft`` flag's quote); "" when there is none."""
    return next((f.quote for f in flags if f.kind == UNSUPPORTED_DRAFT), "")


_CITATION = re.compile(r"\[\d{1,3}(?:\s*,\s*\d{1,3})*\]")


def attached_marks(text: str, flags: Sequence[Flag]) -> list[int]:
    """The offsets in ``text`` of the closing "]" of each citation MedLocal attached (the
    citations of a sentence flagged ``attached_citation``: the model cited none of it)."""
    marks: set[int] = set()
    for flag in flags:
        if flag.kind != "attached_citation" or not 0 <= flag.start < flag.end <= len(text):
            continue
        marks |= {m.end() - 1 for m in _CITATION.finditer(text, flag.start, flag.end)}
    return sorted(marks)


def mark_attached(text: str, flags: Sequence[Flag]) -> str:
    """``text`` with each attached citation marked, "[2]" -> "[2†]", as exports write it."""
    out: list[str] = []
    pos = 0
    for at in attached_marks(text, flags):
        out += [text[pos:at], ATTACHED_MARK]
        pos = at
    out.append(text[pos:])
    return "".join(out)


@dataclass(frozen=True)
class Flag:
    """One problem found in a generated text.

    ``sentence`` indexes the sentences of the final text (``-1`` when a flag concerns the text as a
    whole); ``start``/``end`` are character offsets of that sentence in the final text so a viewer
    can highlight it; ``token`` is the offending piece (a number, a drug name, a citation).
    ``token_start``/``token_end`` are the offsets of that piece in the final text (-1 when the
    flag concerns the whole sentence); ``quote`` is the cited passage's own wording the flag
    rests on, from passage number ``passage`` (0: none); ``score`` is the model's probability
    that the passages support the sentence (model_doubt only).
    """

    sentence: int
    kind: FlagKind
    token: str
    message: str
    start: int = 0
    end: int = 0
    token_start: int = -1
    token_end: int = -1
    quote: str = ""
    passage: int = 0
    score: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Flag:
        score = data.get("score")
        return cls(
            sentence=int(data["sentence"]),
            kind=data["kind"],
            token=str(data.get("token", "")),
            message=str(data.get("message", "")),
            start=int(data.get("start", 0)),
            end=int(data.get("end", 0)),
            token_start=int(data.get("token_start", -1)),
            token_end=int(data.get("token_end", -1)),
            quote=str(data.get("quote", "")),
            passage=int(data.get("passage", 0)),
            score=None if score is None else float(score),
        )


# How many words of a flagged sentence are quoted to say which one it is.
OPENING_WORDS = 6
# A list marker or Markdown decoration a sentence may start with ("2. ", "- ", "**"): not words a
# reader would look for.
_LEAD = re.compile(r"^(?:[#>*_\-•]+\s*|\d{1,3}[.)]\s+)+")
# Markdown emphasis in a quoted sentence ("Section 1**", "**Summary** [8]"): stars and
# underscores at a word's edges, where it opens (after a space or an opening bracket or quote)
# or closes (before a space or punctuation); not those inside a word ("note_3.txt",
# "[NAME]_GP_letter.pdf", "x*2*y").
_EMPHASIS = re.compile(r"(?<![^\s(\[{\"'“‘])[*_]+|[*_]+(?![^\s)\][}\"'”’.,;:!?])")


def plain_words(sentence: str) -> str:
    """``sentence`` as a reader sees it rendered: without a leading list marker or heading mark
    and without Markdown emphasis (walk 38: flags quoted “Section 1**”, “Summary** [8]”)."""
    return " ".join(_EMPHASIS.sub("", _LEAD.sub("", " ".join(sentence.split()))).split())


def sentence_opening(text: str, flag: Flag, words: int = OPENING_WORDS) -> str:
    """The first ``words`` words of the sentence ``flag`` is about, in ``text`` (the final text
    the flag's offsets point into), with "…" when the sentence goes on; "" for a flag on the
    whole text or offsets that do not fit ``text`` (older stored flags had none)."""
    if flag.sentence < 0 or not 0 <= flag.start < flag.end <= len(text):
        return ""
    parts = plain_words(text[flag.start : flag.end]).split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


# A section heading of MedLocal's summaries ("## Current medications").
_SECTION_HEADING = re.compile(r"^##[ \t]+(\S.*?)[ \t]*$", re.M)


def section_at(text: str, offset: int) -> str:
    """The heading of the "## " section of ``text`` that ``offset`` falls in; "" before the
    first heading, or in a text without any (most answers)."""
    heading = ""
    for match in _SECTION_HEADING.finditer(text):
        if match.start() > offset:
            break
        heading = match.group(1)
    return heading


def _fits(flag: Flag, text: str) -> bool:
    return 0 <= flag.start < flag.end <= len(text)


def _sections_phrase(sections: Sequence[str]) -> str:
    named = [f"“{s}”" for s in sections if s]
    if not named:
        return ""
    return ("section " if len(named) == 1 else "sections ") + ", ".join(named)


def _place(
    flag: Flag, text: str, whole: str, sections: Sequence[str], words: int = OPENING_WORDS
) -> str:
    """Where a flag is, as a reader finds it: the sentence's opening words quoted ("sentence
    “Apixaban 5 mg once daily…”"), after the summary sections it is in ("section “Current
    medications”, sentence “…”"). Sentence numbers counted an answer's intro line, so they did
    not match the numbered list the model wrote; a number is used only when the text does not
    give the sentence. A flag on a whole section (sentence -1, offsets on its heading) names the
    section; ``whole`` names a flag on the text as a whole."""
    named = _sections_phrase(sections)
    if flag.sentence < 0:
        return named or whole
    opening = sentence_opening(text, flag, words)
    where = f"sentence “{opening}”" if opening else f"sentence {flag.sentence + 1}"
    return f"{named}, {where}" if named else where


def _label(flag: Flag) -> str:
    return flag.kind.replace("_", " ")


def grouped_flags(flags: Sequence[Flag]) -> list[Flag]:
    """One flag per sentence (and one for the text as a whole), in the order they first come:
    its message lists each problem as "kind: message", joined by "; ". A sentence used to be
    listed two to four times (walk 25: 55 flag lines for a 25-line answer)."""
    groups: dict[tuple[int, int, int], list[Flag]] = {}
    for flag in flags:
        # A flag on a whole section keeps its section's offsets: one entry per section.
        key = (flag.sentence, flag.start, flag.end)
        groups.setdefault(key, []).append(flag)
    merged = []
    for group in groups.values():
        parts = _parts(group)
        # "...check the sources.; not extracted: ..." read badly: a full stop ends no part but
        # the last.
        message = "; ".join([p.rstrip(".") for p in parts[:-1]] + parts[-1:])
        # The token is named in each message; the offsets stay with the separate flags.
        merged.append(replace(group[0], message=message, token="", token_start=-1, token_end=-1))
    return merged


def _parts(group: Sequence[Flag]) -> list[str]:
    """A sentence's problems as "kind: message" parts: a problem said twice is said once, and
    one kind's problems share one label that counts them ("unverified number (3): A; B; C"),
    so a table row copied into an answer does not carry its label twenty times and a reader
    sees where the next kind starts (walk 41: one sentence listed ~20 flags, the same "date
    '19/07/2026' does not appear" four times)."""
    by_kind: dict[str, list[str]] = {}
    for flag in group:
        messages = by_kind.setdefault(flag.kind, [])
        if flag.message not in messages:
            messages.append(flag.message)
    parts = []
    for kind, messages in by_kind.items():
        label = kind.replace("_", " ") + (f" ({len(messages)})" if len(messages) > 1 else "")
        said = [m.rstrip(".") for m in messages[:-1] if m] + [m for m in messages[-1:] if m]
        parts.append(f"{label}: " + "; ".join(said) if said else label)
    return parts


def _sentence_text(text: str, flag: Flag) -> str:
    """The flagged sentence's words, compared without case or spacing; "" for a flag that is
    not on one sentence of ``text``."""
    if flag.sentence < 0 or not _fits(flag, text):
        return ""
    return " ".join(text[flag.start : flag.end].lower().split())


def listed_flags(flags: Sequence[Flag], text: str, whole: str = "answer") -> list[tuple[str, Flag]]:
    """The flag list a reader sees, as (place, flag): one entry per sentence with all its
    problems (``grouped_flags``), and one entry for a sentence that several sections repeat
    word for word with the same problems, naming every section (walk 26: a medication list's
    one sentence in three sections listed its three flags three times, naming none)."""
    entries: dict[tuple[str, str] | int, tuple[list[str], Flag]] = {}
    for n, flag in enumerate(grouped_flags(flags)):
        sentence = _sentence_text(text, flag)
        key: tuple[str, str] | int = (sentence, flag.message) if sentence else n
        sections, _ = entries.setdefault(key, ([], flag))
        section = section_at(text, flag.start) if _fits(flag, text) else ""
        if section not in sections:
            sections.append(section)
    listed = list(entries.values())
    words = _opening_sizes([flag for _, flag in listed], text)
    return [
        (_place(flag, text, whole, sections, size), flag)
        for (sections, flag), size in zip(listed, words, strict=True)
    ]


def items_to_check(flags: Sequence[Flag], text: str) -> int:
    """How many items a reader has to check: the entries of the flag list (``listed_flags``),
    one per flagged sentence or section, not the raw flags (a sentence with three problems is
    one item). The window and ``medlocal outputs list`` both count this way (walk 38: the
    window said "21 item(s) to check" where ``outputs list`` said "27 flag(s)")."""
    return len(listed_flags(flags, text))


def items_phrase(count: int) -> str:
    """``items_to_check`` in words, the same wherever it is shown."""
    return f"{count} item(s) to check"


def _opening_sizes(flags: Sequence[Flag], text: str) -> list[int]:
    """How many words of each flag's sentence to quote: ``OPENING_WORDS``, or more where another
    flagged sentence opens alike, up to the first word in which they differ (walk 31: two lines
    began "sentence “Echocardiogram showed an ejection fraction of…”", for 45% and for 5%)."""
    sentences = [plain_words(_sentence_text(text, flag)).split() for flag in flags]
    sizes: list[int] = []
    for i, mine in enumerate(sentences):
        size = OPENING_WORDS
        for j, other in enumerate(sentences):
            if j == i or not other or other == mine:
                continue
            shared = next(
                (k for k, (a, b) in enumerate(zip(mine, other, strict=False)) if a != b),
                min(len(mine), len(other)),
            )
            size = max(size, shared + 1)
        sizes.append(size)
    return sizes

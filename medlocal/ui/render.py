"""Model output -> safe HTML for the chat view: escaped text, a small Markdown subset, citation
chips and flag underlines. Qt-free on purpose (pure string work, unit-testable).

Nothing the model writes can become markup: the text is HTML-escaped first, then only our own
tags are added. Markdown images are shown as text and never loaded; links become ``ext:`` anchors
that the view opens only after the user confirms.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise
from urllib.parse import quote

from medlocal.rag.flags import (
    ATTACHED_MARK,
    ATTACHED_TIP,
    Flag,
    attached_marks,
    listed_flags,
    unsupported_drafts,
)

# "\x03" before the "]": a citation MedLocal attached (``_mark_flags``).
_CITATION = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)(\x03?)\]")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)[^)]*\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?!\*)")
_CODE = re.compile(r"`([^`]+)`")
_HEADING = re.compile(r"^(#{1,4})\s+(.*)$")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")

FLAG_WHY = {
    "unsupported": "No cited passage supports this sentence.",
    "unverified_number": (
        "A number, dose or date here is not in the cited passages (or not in this unit or by"
        " this route)."
    ),
    "unverified_medication": "A medication here is not in the cited passages.",
    "invalid_citation": "The model cited a passage it was not given, or left a placeholder or"
    " unclosed citation (removed).",
    "attached_citation": "The model gave no citation; MedLocal attached the closest passage"
    f" (its chip is marked {ATTACHED_MARK}).",
    "misattributed_value": "This value belongs to another test, drug or time in the passage.",
    "negation_conflict": "The passage says the opposite (negated or affirmed).",
    "laterality_conflict": "The passage names the other side.",
    "experiencer_conflict": "The passage speaks of someone else (e.g. a relative).",
    "timing_conflict": "The passage places this in the past, or the reverse.",
    "hypothetical_conflict": "The passage only considers this; it does not state it.",
    "model_doubt": "The model doubts the cited passages support this sentence.",
    "weak_support": "The cited passages hold few of this sentence's key words.",
    "not_extracted": "MedLocal could not extract this from the record (the model gave no cited"
    " notes); it does not mean the documents are silent. Check the sources.",
    "degenerate_output": "The model's text went wrong here (lines repeated, its instructions"
    " restated, or another section copied); what was removed is said. Check the sources.",
    "wrong_role": "The passage gives this role to someone else, and this person another role.",
    "wrong_reason": "The passage gives this drug for another reason; it names this one only"
    " elsewhere.",
    "unsupported_allergy": "This is given as an allergy or intolerance, but no cited passage"
    " says it is one.",
    "unknown_document": "This names a document that is not in this patient's record.",
    "range_conflict": "The passage gives this value on the other side of its reference range"
    " (outside it, or flagged, where this says normal; inside it where this says high or low).",
    "wrong_patient": "This gives the patient's name, date of birth or MRN other than this"
    " patient's record, or an identifier the cited passages do not hold: it may be made up, or"
    " another patient's documents mixed in.",
    "wrong_section": "This line sits under a medication or allergy heading but names no medicine"
    " (or allergen): check that it belongs there.",
    "cut_short": "The model reached its length limit here: the text may end mid-sentence and miss"
    " what follows.",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    tooltip: str


def flag_spans(text: str, flags: Sequence[Flag]) -> list[Span]:
    """One underline span per flagged sentence (several flags on a sentence share a tooltip)."""
    merged: dict[tuple[int, int], list[str]] = {}
    for flag in flags:
        # The words at fault when the check knows them, else the whole sentence.
        exact = 0 <= flag.token_start < flag.token_end
        start = max(0, flag.token_start if exact else flag.start)
        end = min(len(text), flag.token_end if exact else flag.end)
        if end <= start:
            continue
        reason = flag.message or FLAG_WHY.get(flag.kind, flag.kind.replace("_", " "))
        merged.setdefault((start, end), []).append(reason)
    return [Span(s, e, "\n".join(dict.fromkeys(r))) for (s, e), r in sorted(merged.items())]


def _inline(escaped: str, cite_prefix: str = "") -> str:
    """Markdown inline marks on already-escaped text (so the patterns see ``&amp;``, never
    a raw ``<``)."""
    escaped = _IMAGE.sub(lambda m: f"[image: {m.group(1) or 'untitled'} — not loaded]", escaped)
    escaped = _LINK.sub(
        lambda m: f'<a href="ext:{quote(html.unescape(m.group(2)), safe="")}">{m.group(1)}</a>',
        escaped,
    )
    escaped = _CODE.sub(r"<code>\1</code>", escaped)
    escaped = _BOLD.sub(lambda m: f"<b>{m.group(1) or m.group(2)}</b>", escaped)
    escaped = _ITALIC.sub(r"<i>\1</i>", escaped)
    return _CITATION.sub(lambda m: _chips(m, cite_prefix), escaped)


def _chips(match: re.Match[str], prefix: str) -> str:
    numbers = [n.strip() for n in match.group(1).split(",")]
    if match.group(2):
        # MedLocal's own citation, not the model's: marked, italic, with a tooltip saying so.
        tip = html.escape(ATTACHED_TIP, quote=True)
        return "".join(
            f'<a href="cite:{prefix}{n}" title="{tip}" style="text-decoration:none">'
            f"<sup><i>&nbsp;[{n}{ATTACHED_MARK}]&nbsp;</i></sup></a>"
            for n in numbers
        )
    return "".join(
        f'<a href="cite:{prefix}{n}" style="text-decoration:none"><sup>&nbsp;[{n}]&nbsp;</sup></a>'
        for n in numbers
    )


def _mark_flags(text: str, spans: Sequence[Span], attached: Sequence[int] = ()) -> str:
    """Escape ``text`` and wrap flagged spans in private markers (``\x00N\x01`` ... ``\x02``,
    N indexing ``spans``) that no Markdown pattern touches, so a tooltip's own text stays out
    of the inline rendering. A "\x03" goes before each ``attached`` offset (the "]" of a
    citation MedLocal attached), for ``_chips``."""

    def escaped(start: int, end: int) -> str:
        cuts = [start, *(at for at in attached if start <= at < end), end]
        return "\x03".join(html.escape(text[a:b], quote=False) for a, b in pairwise(cuts))

    out: list[str] = []
    pos = 0
    for number, span in enumerate(spans):
        if span.start < pos:
            continue
        out.append(escaped(pos, span.start))
        out.append(f"\x00{number}\x01")
        out.append(escaped(span.start, span.end))
        out.append("\x02")
        pos = span.end
    out.append(escaped(pos, len(text)))
    return "".join(out)


def _unmark(line: str, spans: Sequence[Span]) -> str:
    def opening(match: re.Match[str]) -> str:
        tip = html.escape(spans[int(match.group(1))].tooltip, quote=True)
        return (
            f'<span title="{tip}" '
            'style="text-decoration: underline wavy #c0392b; background-color: #fdecea; '
            # the text colour goes with the light background: a dark theme's white text on
            # it was unreadable, and this is the sentence the clinician must check
            'color: #1a1a1a">'
        )

    return re.sub("\x00(\\d+)\x01", opening, line).replace("\x02", "</span>")


def iter_answer_blocks(
    text: str, flags: Sequence[Flag] = (), cite_prefix: str = ""
) -> Iterator[str]:
    """The checked answer as HTML blocks, rendered as they are taken: paragraphs, headings,
    bullets ("<ul>", each "<li>…</li>" and "</ul>" an entry of their own), citation chips and
    flags."""
    spans = flag_spans(text, flags)
    marked = _mark_flags(text, spans, attached_marks(text, flags))
    in_list = False
    for raw in marked.split("\n"):
        heading = _HEADING.match(raw)
        bullet = _BULLET.match(raw)
        if bullet:
            if not in_list:
                yield "<ul>"
                in_list = True
            yield f"<li>{_unmark(_inline(bullet.group(1), cite_prefix), spans)}</li>"
            continue
        if in_list:
            yield "</ul>"
            in_list = False
        if heading:
            level = min(len(heading.group(1)) + 2, 6)
            yield f"<h{level}>{_unmark(_inline(heading.group(2), cite_prefix), spans)}</h{level}>"
        elif raw.strip():
            yield f"<p>{_unmark(_inline(raw, cite_prefix), spans)}</p>"
    if in_list:
        yield "</ul>"


def answer_blocks(text: str, flags: Sequence[Flag] = (), cite_prefix: str = "") -> list[str]:
    """``iter_answer_blocks`` as a list."""
    return list(iter_answer_blocks(text, flags, cite_prefix))


def answer_html(text: str, flags: Sequence[Flag] = (), cite_prefix: str = "") -> str:
    """The checked answer as HTML: paragraphs, headings, bullets, citation chips, flags."""
    return "\n".join(answer_blocks(text, flags, cite_prefix))


# Blocks per piece of HTML the chat view takes at once: Qt's HTML import grows faster than the
# text (a 2,000-line answer took 0.22 s in one insertHtml, 0.05 s in ten).
CHUNK_BLOCKS = 100


@dataclass(frozen=True)
class Chunk:
    html: str
    # Opens with the rest of a list that the chunk before it closed (the view closes the gap).
    continues_list: bool = False


def chunked(blocks: Iterable[str], size: int = CHUNK_BLOCKS) -> Iterator[Chunk]:
    """``blocks`` (as ``answer_blocks`` writes them) in pieces of about ``size`` blocks each; a
    list cut between two pieces is closed at the end of the first and opened again in the next."""
    current: list[str] = []
    continues = in_list = False
    for block in blocks:
        if len(current) >= size and block != "</ul>":
            if in_list:
                current.append("</ul>")
            yield Chunk("\n".join(current), continues)
            current, continues = (["<ul>"], True) if in_list else ([], False)
        current.append(block)
        if block == "<ul>":
            in_list = True
        elif block == "</ul>":
            in_list = False
    if current:
        yield Chunk("\n".join(current), continues)


def plain_html(text: str) -> str:
    """Streaming text, escaped, line breaks kept (rendered properly once checked)."""
    return html.escape(text, quote=False).replace("\n", "<br>")


def flag_list_html(
    flags: Sequence[Flag],
    text: str,
    heading_style: str = "color: #b3261e",
    whole: str = "answer",
) -> str:
    """The flags listed under an answer or summary, in the clinician's words; ``text`` is the
    final text the flags' offsets point into. One item per sentence with all its problems, as
    the CLI and exports list them (``listed_flags``), named by its section and opening words: a
    sentence count took an intro line as sentence 1 and read like the model's own numbered
    list. The window passes the scheme's error colour as ``heading_style`` (this module stays
    Qt-free); ``whole`` names a flag on the text as a whole."""
    if not flags:
        return ""
    items = []
    for place, flag in listed_flags(flags, text, whole):
        where = html.escape(place[:1].upper() + place[1:], quote=False)
        token = f" “{html.escape(flag.token)}”" if flag.token else ""
        reason = html.escape(flag.message or FLAG_WHY.get(flag.kind, flag.kind))
        items.append(f"<li><b>{where}</b>{token}: {reason}</li>")
    return (
        f'<p style="{html.escape(heading_style)}"><b>Check these against the sources:</b></p><ul>'
        + "".join(items)
        + "</ul>"
    )


def drafts_html(flags: Sequence[Flag], style: str = "color: #5f5f5f") -> str:
    """The model's drafts set aside as unsupported (a summary section that reads "No supported
    text"), each greyed under its label after the flags, never as the summary's text. The
    window passes the scheme's muted tone as ``style``."""
    css = html.escape(style)
    return "".join(
        f'<p style="{css}"><i>{html.escape(label)}</i></p>'
        f'<blockquote style="{css}">{plain_html(draft)}</blockquote>'
        for label, draft in unsupported_drafts(flags)
    )


def local_time(stamp: str) -> str:
    """A stored UTC timestamp ("2026-11-30T11:43:58.1+00:00") as this computer's local time to
    the minute ("2026-11-30 12:43"): the vault keeps UTC, a clinician reads the clock on the wall.
    A stamp that does not parse is shown as stored."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # the vault writes UTC
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")

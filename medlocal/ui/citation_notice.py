"""One plain line under an answer or a summary whose model cited no passage itself (ui63).

A sentence that cites nothing is flagged one by one (its own "†" chip, or "No cited passage
supports this sentence"), but nothing said of the text as a whole that none of it was cited by
the model: the demo model (SmolLM2-135M) numbers its lines "1." and "2." instead of citing
"[1]", so its answers carried only MedLocal's attached citations and its summaries none, and a
reader had to find that out sentence by sentence. Qt-free, as ``render``."""

from __future__ import annotations

import html
from collections.abc import Sequence

from medlocal.app.chats import ChatTurn
from medlocal.rag.citations import citations
from medlocal.rag.flags import ATTACHED_MARK, Flag, attached_marks, unsupported_draft
from medlocal.rag.prompts import MODEL_DECLINED_OPENING, NO_SUPPORTED_OPENING, NOT_FOUND_MESSAGE

NONE_CITED = (
    "The model cited no passage for this {whole}: nothing in it is tied to the patient's "
    "documents. Check it against the sources before relying on it."
)
ALL_ATTACHED = (
    "The model cited no passage for this {whole} itself: each citation marked {mark} was "
    "attached by MedLocal because the sentence shares words with that passage, which does not "
    "show that the passage supports it. Check it against the sources."
)


def citation_notice(text: str, flags: Sequence[Flag], whole: str = "answer") -> str:
    """The sentence to show where ``text`` (with its ``flags``) holds no citation the model
    wrote: none at all, or only attached ones; "" where the model cited something, or there is
    no text."""
    if not text.strip():
        return ""
    cited = {match.end() - 1 for match in citations(text)}
    if not cited:
        return NONE_CITED.format(whole=whole)
    if cited <= set(attached_marks(text, flags)):
        return ALL_ATTACHED.format(whole=whole, mark=ATTACHED_MARK)
    return ""


# Answers that say themselves that nothing supports them: the notice would say it twice (the
# copy of a "No supported answer" did, note 63).
_SAYS_UNSUPPORTED = (NO_SUPPORTED_OPENING, NOT_FOUND_MESSAGE, MODEL_DECLINED_OPENING)


def answer_notice(turn: ChatTurn) -> str:
    """:func:`citation_notice` for a chat answer, as both the window and its copy give it: ""
    for an answer that already says no passage supports it (a "No supported answer", with or
    without the draft set aside, "Not found") and for one not answered (stopped, unsaved)."""
    if turn.status != "answered" or unsupported_draft(turn.flags):
        return ""
    if turn.answer.lstrip().startswith(_SAYS_UNSUPPORTED):
        return ""
    return citation_notice(turn.answer, turn.flags)


def citation_notice_html(
    text: str, flags: Sequence[Flag], style: str, whole: str = "answer"
) -> str:
    """:func:`citation_notice` as a paragraph in ``style`` (the scheme's warning tone)."""
    return notice_html(citation_notice(text, flags, whole), style)


def notice_html(notice: str, style: str) -> str:
    """The notice as a bold paragraph in ``style``; "" for no notice."""
    return f'<p style="{html.escape(style)}"><b>{html.escape(notice)}</b></p>' if notice else ""

"""The text Copy puts on the clipboard for an answer: the answer with its citations, and the
list of what each number cites (ui63: the pasted answer read "metformin 500 mg twice daily [1]"
in a letter with nothing saying what [1] was). Attached citations keep their "†" as the
exports write them, and an answer the model cited nothing of says so, as the window does."""

from __future__ import annotations

from medlocal.app.chats import ChatTurn
from medlocal.fsutil import shown_name
from medlocal.rag.citations import cited_numbers
from medlocal.rag.flags import mark_attached
from medlocal.ui.citation_notice import answer_notice


def answer_copy_text(turn: ChatTurn) -> str:
    """``turn``'s answer, then "Sources:" with one line per passage it cites (its file, page
    and place), then the no-citation notice where the model cited nothing itself."""
    parts = [mark_attached(turn.answer, turn.flags).strip()]
    cited = set(cited_numbers(turn.answer))
    lines = [f"[{s.number}] {shown_name(s.place)}" for s in turn.sources if s.number in cited]
    if lines:
        parts.append("Sources:\n" + "\n".join(lines))
    notice = answer_notice(turn)
    if notice:
        parts.append(notice)
    return "\n\n".join(parts)

"""The conversation pane of the chat panel: finished turns rendered once and drawn in pieces,
the live part (the question being answered, its streamed text, a status line) replaced alone
while an answer streams. Kept apart from the panel's chats and asking so that the drawing rules
(what is redrawn when, and why a piece never holds the window) live in one place."""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import (
    QPainter,
    QPaintEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QWidget

from medlocal.app.chats import ChatTurn
from medlocal.fsutil import shown_name
from medlocal.rag.citations import cited_numbers
from medlocal.rag.flags import DRAFT_HEADING, unsupported_draft
from medlocal.ui.citation_notice import answer_notice, notice_html
from medlocal.ui.colours import Tone, tone_css
from medlocal.ui.render import (
    Chunk,
    chunked,
    flag_list_html,
    iter_answer_blocks,
    plain_html,
)
from medlocal.ui.safe_browser import SafeBrowser

# A reader this close to the end (a line or so) is at the end: the view follows new text.
_NEAR_END_PX = 24

# Blocks per piece when a whole chat is drawn. Qt lays each piece out at the next pass of the
# event loop, which takes about as long as inserting it: with 100-block pieces (an answer's) the
# window's longest stall opening 200 turns was 50-60 ms on a busy machine, with 50 it was 30-40 ms
# (the whole chat then takes 1.3 s instead of 1.1 s to draw, the end of it shown as it grows).
CHAT_PIECE_BLOCKS = 50


HINT_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


class ChatView(SafeBrowser):
    """Read-only view of one chat; ``draw`` shows the turns and the live part."""

    def paintEvent(self, event: QPaintEvent) -> None:
        """An empty chat's hint, every line of it, wrapped to the pane (walk 48a D4: Qt draws a
        text view's placeholder within its first line's height, and "Ask a question below
        about this patient's" was all that ever showed)."""
        hint = self.placeholderText()
        if not hint or not self.document().isEmpty():
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().placeholderText().color())
        margin = int(self.document().documentMargin())
        area = self.viewport().rect().adjusted(margin, margin, -margin, -margin)
        painter.drawText(area, HINT_FLAGS, hint)
        painter.end()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document().setUndoRedoEnabled(False)  # the live part is replaced, not undone
        self.turns: list[ChatTurn] = []
        self.live_question = self.live_text = self.status_line = ""
        # Each finished turn's HTML blocks, with the turn they were rendered from (a shown turn
        # is never changed in place): draw() runs every 40 ms while an answer streams, and
        # rendering every earlier answer's Markdown again each time (about 1 ms per answer,
        # in Python on the GUI thread) made the window slower the longer the chat.
        self._rendered: list[tuple[ChatTurn, list[str]]] = []
        # The finished turns the document holds (None: not what the view drew) and where
        # the live part after them starts: while they stay as they are, a streamed piece replaces
        # only that live part, and a finished answer is added after them. Setting the whole
        # chat's HTML again parsed every earlier answer again on the GUI thread (0.6 s per piece
        # after a 2,000-line answer; 0.25 s or more when such an answer finished).
        self._shown: list[ChatTurn] | None = None
        self._live_at = 0
        # A finished answer's pieces not yet in the view, rendered as they are taken: a long
        # answer is added one piece per pass of the event loop, so that no single step holds
        # the window (a 2,000-line answer took 0.16 s in one step even in pieces).
        self._pending = _Pieces()
        # Where the reader scrolled to, above the end, while an answer streams: the view stays
        # there rather than following the new text (ui62: each piece pulled a reader who had
        # gone back up 3,800 px down to the end again). None: it follows the end.
        self._held_at: int | None = None

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._shown is not None:
            # The turns' colours were rendered for the scheme shown then (a theme chosen in the
            # settings): rendered again in the new one.
            self._rendered = []
            self._shown = None
            self.draw(self.turns, self.live_question, self.live_text, self.status_line)

    def forget(self) -> None:
        """Empty the view and everything rendered behind it (no patient text kept)."""
        self.turns = []
        self.live_question = self.live_text = self.status_line = ""
        self._rendered = []
        self._pending = _Pieces()
        self._shown = None
        self.clear()

    def draw(
        self,
        turns: list[ChatTurn],
        live_question: str = "",
        live_text: str = "",
        status_line: str = "",
    ) -> None:
        """Show ``turns`` and the live part after them, drawing only what changed: other turns,
        the whole chat (in pieces); turns added, only them after the others; the same turns,
        only the live part."""
        self.turns = turns
        asked_anew = bool(live_question) and live_question != self.live_question
        self.live_question, self.live_text, self.status_line = live_question, live_text, status_line
        shown = self._shown
        # A new question is followed to its answer; an answer's later pieces only where the
        # reader was at the end.
        scrollbar = self.verticalScrollBar()
        at_end = scrollbar is None or scrollbar.value() >= scrollbar.maximum() - _NEAR_END_PX
        self._held_at = None if asked_anew or at_end or scrollbar is None else scrollbar.value()
        if (
            shown is None
            or len(shown) > len(self.turns)
            or any(old is not new for old, new in zip(shown, self.turns, strict=False))
        ):
            self._draw_chat()
            return
        if self._pending:  # finished first: the live part is drawn after the last piece
            self._draw_pending(all_of_it=True)
        elif len(shown) == len(self.turns):
            self._draw_live()
            self._scroll_to_end()
        if len(shown) < len(self.turns):
            self._draw_added(len(shown))

    def _draw_chat(self) -> None:
        """Other turns (a chat opened, another chosen): the whole chat is drawn again, in pieces.
        Setting it in one step held the window 0.43 s for 200 turns of 2,400 characters; now the
        first piece replaces the view's document at once and the rest follow one per pass of the
        event loop (a chat opened meanwhile drops them), then the live part."""
        self._shown = list(self.turns)  # a copy: _answered appends to self.turns in place
        self._held_at = None  # another chat: read from its end
        chunks = chunked(self._chat_blocks(self._shown), CHAT_PIECE_BLOCKS)
        first = next(chunks, None)
        self.setHtml(first.html if first is not None else "")
        # Each later piece starts a block of its own (it would join the last block drawn).
        self._pending = _Pieces((chunk, False) for chunk in chunks)
        if self._pending:
            self._draw_later()
            self._scroll_to_end()
        else:
            self._pieces_drawn()

    def _draw_added(self, first: int) -> None:
        """Finished answers: drawn where the live part was, the turns above kept."""
        added = self.turns[first:]
        self._shown = list(self.turns)
        self._remove_live()
        # Only the very first piece joins the live part's empty block; every later turn's
        # first piece starts a block of its own after the previous turn's closing rule, as
        # in a full draw (it would otherwise be merged into that rule's block).
        self._pending = _Pieces(
            (chunk, index == first and number == 0)
            for index, turn in enumerate(added, start=first)
            for number, chunk in enumerate(chunked(self._iter_turn_blocks(index, turn)))
        )
        self._draw_pending(all_of_it=False)

    def _draw_pending(self, *, all_of_it: bool) -> None:
        """Add the next piece of the finished turns still to draw (or all of them) at the end of
        the view; the rest follows at the next pass of the event loop, the live part after the
        last piece."""
        if not self._pending:
            return
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        while self._pending:
            chunk, first = self._pending.take()
            self._insert_chunk(cursor, chunk, first=first)
            if not all_of_it:
                break
        if self._pending:
            self._draw_later()
            self._scroll_to_end()
        else:
            self._pieces_drawn()

    def _draw_later(self) -> None:
        # Bound to these pieces: a timer left by pieces since dropped (another chat opened, the
        # panel cleared) must not draw the new ones too, two pieces a pass.
        pieces = self._pending
        QTimer.singleShot(0, self, lambda: self._draw_more(pieces))

    def _draw_more(self, pieces: _Pieces) -> None:
        if pieces is self._pending:
            self._draw_pending(all_of_it=False)

    def _pieces_drawn(self) -> None:
        """Every finished turn is in the view: the live part follows them."""
        document = self.document()
        if self._shown:  # the live part gets a block of its own after the closing rule
            end = QTextCursor(document)
            end.movePosition(QTextCursor.MoveOperation.End)
            end.insertBlock(QTextBlockFormat(), QTextCharFormat())
        self._live_at = document.characterCount() - 1
        self._draw_live()
        self._scroll_to_end()

    def _draw_live(self) -> None:
        """The live part (the question being answered, its streamed text, the status line) is
        all that changes while an answer streams: only it is replaced."""
        cursor = self._remove_live()
        blocks = []
        if self.live_question:
            blocks.append(_question_html(self.live_question))
            if self.live_text:
                blocks.append(f"<p>{plain_html(self.live_text)}</p>")
        if self.status_line:
            blocks.append(f'<p style="{_muted()}"><i>{html.escape(self.status_line)}</i></p>')
        if blocks:
            self._insert_html(cursor, "\n".join(blocks))

    def _remove_live(self) -> QTextCursor:
        """Empty the live part, its block left with plain formats; the cursor is in it."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._live_at)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        cursor.setBlockFormat(QTextBlockFormat())
        cursor.setBlockCharFormat(QTextCharFormat())
        return cursor

    def _scroll_to_end(self) -> None:
        scrollbar = self.verticalScrollBar()
        if scrollbar is not None:
            held = self._held_at
            scrollbar.setValue(scrollbar.maximum() if held is None else held)

    def _insert_html(self, cursor: QTextCursor, text: str) -> None:
        """Every piece of HTML added to the view after a full draw goes through here."""
        cursor.insertHtml(text)

    def _insert_chunk(self, cursor: QTextCursor, chunk: Chunk, *, first: bool) -> None:
        """Add one piece of a finished turn at ``cursor``. The first block of inserted HTML joins
        the block at the cursor: the first piece's joins the live part's empty block; a later
        piece starts with a stand-in paragraph ("&nbsp;") that takes that place and is deleted,
        so its own first block keeps its format."""
        if first:
            self._insert_html(cursor, chunk.html)
            return
        document = self.document()
        at = cursor.position()
        before = cursor.block()
        self._insert_html(cursor, "<p>&nbsp;</p>" + chunk.html)
        stand_in = QTextCursor(document)
        stand_in.setPosition(at)
        stand_in.movePosition(
            QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor
        )
        if stand_in.selectedText() == "\xa0":
            stand_in.removeSelectedText()
        # A list cut between two pieces goes on as a list of its own (same bullets; joining
        # the two with QTextList.add cost 90 µs an item): only the gap between them is closed.
        block = before.next()
        if not (chunk.continues_list and before.textList() and block.textList()):
            return
        for edge, margin in ((before, "bottom"), (block, "top")):
            fmt = edge.blockFormat()
            if margin == "bottom":
                fmt.setBottomMargin(0)
            else:
                fmt.setTopMargin(0)
            QTextCursor(edge).setBlockFormat(fmt)

    def _iter_turn_blocks(self, index: int, turn: ChatTurn) -> Iterator[str]:
        """One finished turn's HTML blocks, rendered once (the cache holds the turns in order;
        a turn is kept there once all of its blocks have been taken)."""
        if index < len(self._rendered) and self._rendered[index][0] is turn:
            yield from self._rendered[index][1]
            return
        blocks: list[str] = []
        for block in _render_turn(index, turn):
            if block:
                blocks.append(block)
                yield block
        if index <= len(self._rendered):
            del self._rendered[index:]
            self._rendered.append((turn, blocks))

    def _chat_blocks(self, turns: list[ChatTurn]) -> Iterator[str]:
        for index, turn in enumerate(turns):
            yield from self._iter_turn_blocks(index, turn)


def _render_turn(index: int, turn: ChatTurn) -> Iterator[str]:
    yield _question_html(turn.question)
    yield _thinking_html(turn, index)
    # The answer's notes before it ("the question names Desmond Achterberg, another patient of
    # this vault ...", "the documents disagree on bisoprolol ..."): walk 41 found the
    # other-patient note at the very end, after 15 lines of the selected patient's values.
    yield from (
        f'<p style="{tone_css(Tone.WARNING)}"><b>Note:</b> {html.escape(n)}</p>' for n in turn.notes
    )
    yield from iter_answer_blocks(turn.answer, turn.flags, cite_prefix=f"{index}.")
    # An answer the model cited nothing of is said so once, plainly (ui63: the demo model's).
    # A "No supported answer" says it already; a general answer is headed "without references".
    yield notice_html(answer_notice(turn), tone_css(Tone.WARNING))
    yield _sources_html(turn, index)
    # One entry per sentence, listing its problems (walk 25: each sentence two to four times):
    # flag_list_html groups them.
    yield flag_list_html(turn.flags, turn.answer, tone_css(Tone.ERROR))
    yield _draft_html(unsupported_draft(turn.flags), index, turn.draft_open)
    yield "<hr>"


class _Pieces:
    """A finished answer's pieces still to draw, each with "joins the live part's empty block"
    (true of the first piece of the first added turn only); taken one at a time, the next one
    ready (so its truth says whether any is left)."""

    def __init__(self, pieces: Iterable[tuple[Chunk, bool]] = ()) -> None:
        self._pieces = iter(pieces)
        self._next = next(self._pieces, None)

    def __bool__(self) -> bool:
        return self._next is not None

    def take(self) -> tuple[Chunk, bool]:
        piece = self._next
        assert piece is not None
        self._next = next(self._pieces, None)
        return piece


def _muted() -> str:
    """Secondary text (notes, the status line, reasoning): the scheme's muted tone."""
    return tone_css(Tone.MUTED)


def _question_html(question: str) -> str:
    return f'<p style="{tone_css(Tone.USER)}"><b>You:</b> {plain_html(question)}</p>'


def _thinking_html(turn: ChatTurn, index: int) -> str:
    """A reasoning model's thinking, folded under a link that opens it (``cite:think.N``),
    greyed and marked as unchecked: it is never the answer."""
    if not turn.thinking_tokens:
        return ""
    arrow = "▾" if turn.thinking_open else "▸"
    head = (
        f'<p style="{_muted()}"><a href="cite:think.{index}">{arrow} Model reasoning'
        f" ({turn.thinking_tokens} tokens)</a> <i>— unchecked, not part of the answer,"
        " not saved</i></p>"
    )
    if not turn.thinking_open or not turn.thinking:
        return head
    return head + f'<blockquote style="{_muted()}">{plain_html(turn.thinking)}</blockquote>'


def _draft_html(draft: str, index: int, shown: bool) -> str:
    """The model's draft of a "No supported answer", set aside because no passage supports it:
    after the flags, folded under its label (a link, ``cite:draft.N``, opens it), greyed, never
    as the answer (walk 39 item 4: thirty flagged lines read as an answer)."""
    if not draft:
        return ""
    arrow = "▾" if shown else "▸"
    words = len(draft.split())
    head = (
        f'<p style="{_muted()}"><a href="cite:draft.{index}">{arrow}'
        f" {html.escape(DRAFT_HEADING)}</a> <i>({words} words; "
        f"{'click to fold' if shown else 'click to read'})</i></p>"
    )
    if not shown:
        return head
    return head + f'<blockquote style="{_muted()}">{plain_html(draft)}</blockquote>'


def _sources_html(turn: ChatTurn, index: int) -> str:
    if not turn.sources:
        return ""
    heading = "Sources" if turn.status == "answered" and turn.flags is not None else "Passages"
    cited = set(cited_numbers(turn.answer))

    def named(number: int) -> str:
        # A passage a flag points to ("apixaban is named in passage [2]"), not cited.
        return (
            ""
            if heading != "Sources" or number in cited
            else " <i>(not cited; named in a note or flag)</i>"
        )

    items = "".join(
        f'<li><a href="cite:{index}.{s.number}">[{s.number}]</a> {html.escape(shown_name(s.place))}'
        f"{named(s.number)}</li>"
        for s in turn.sources
    )
    return f"<p><b>{heading}:</b></p><ol style='margin-top:0'>{items}</ol>"

"""HTML: the text a reader would see, in reading order.

The standard library's tokenizer is enough here: we need visible text and block structure, not a
DOM. Script, style, head and other never-rendered elements are dropped with everything inside
them; block elements end a paragraph; ``h1``-``h6`` become sections.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from medlocal.ingest.document import DocumentBuilder, ExtractedDocument
from medlocal.ingest.errors import NoTextError
from medlocal.ingest.extractors.powers import EXPONENT, ends_with_power_of_ten, times_ten
from medlocal.ingest.extractors.textcodec import read_text

_HIDDEN = frozenset(
    {"script", "style", "head", "title", "template", "noscript", "svg", "math", "iframe", "object"}
)
# HTML5 says the declaration must sit within the first 1024 bytes; be lenient.
_META_WINDOW = 4096
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr",
        "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "tfoot", "thead", "ul",
    }
)  # fmt: skip
# Inline elements whose text a browser sets apart (a form's boxes): read with a space around,
# so "<label>INR</label><input value=3.1>" is not "INR3.1".
_SET_APART = frozenset({"button", "label", "option", "select", "textarea"})
# Input boxes whose value is text a reader sees (not a tick box, a button or a hidden value).
_TEXT_INPUTS = frozenset({"", "text", "number", "date", "datetime-local", "time", "email", "tel"})
# Elements with no end tag: they must not open a hidden region that never closes.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "img", "input", "link", "meta", "source", "track", "wbr"}
)
# Blanks a browser shows as a space between a number and its raised power ("10 <sup>9</sup>",
# "10&nbsp;<sup>9</sup>", a line break of the page's source); a <br> is no blank.
_BLANKS = " \t\r\n\f\xa0\u2009\u202f"
UNCHOSEN_LIST_NOTE = (
    "{count} of the saved page had no option marked chosen: stored with its first option, as a "
    "browser shows it; a saved page may not keep the choice that was made, check the original"
)


@dataclass
class _ListBox:
    """An open ``<select>``: a drop-down shows its chosen option, or with none marked chosen its
    first option (what a browser shows, and submits); a list of several shows only the chosen."""

    drop_down: bool
    chosen: int = 0
    # The buffer span of the first option, shown until a chosen option comes after it.
    first: tuple[int, int] | None = None
    first_open: bool = False
    # The first option has a value of its own (a placeholder "-- choose --" has value="").
    first_is_a_choice: bool = False
    options: int = 0


class _VisibleText(HTMLParser):
    def __init__(self, builder: DocumentBuilder) -> None:
        super().__init__(convert_charrefs=True)
        self._builder = builder
        self._hidden_stack: list[str] = []
        self._buffer: list[str] = []
        self._in_heading = False
        # Table rows become one line each, cells joined with " | ", so a value stays with its
        # label (lab tables: "Hemoglobin | 13.2 | g/dL").
        self._in_row = False
        self._cells = 0
        # Where each open <sup> began in the buffer (-1: not after a 10), and whether a space
        # stands between the 10 and it (then it is taken only where a unit follows).
        self._sups: list[tuple[int, bool]] = []
        # A raised number after "10 " (a space between): its place, its end and its text,
        # until the text after it shows whether a unit follows ("/L").
        self._spaced: tuple[int, int, str] | None = None
        # The same once a "/" alone followed it: the text after the "/" tells a unit ("/L", a
        # power) from a fraction's denominator ("10 <sup>1</sup>/<sub>2</sub>": ten and a half).
        self._slashed: tuple[int, int, str] | None = None
        # Buffer places of line breaks (<br>): a raised number after one is on another line.
        self._breaks: set[int] = set()
        self._list: _ListBox | None = None
        # Drop-downs with no option marked chosen whose first option was stored (a note).
        self.unchosen_lists = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br" and not self._hidden_stack:
                self._line_break()
            elif tag == "input" and not self._hidden_stack:
                self._buffer.append(_input_value(dict(attrs)))
            return
        if tag in ("option", "optgroup"):
            self._close_open_option()
        if tag == "body" and "head" in self._hidden_stack:
            # Authors often leave <head> unclosed; the body implicitly closes it.
            self._hidden_stack.clear()
        names = {name for name, _ in attrs}
        if tag == "select" and not self._hidden_stack:
            size = dict(attrs).get("size") or "1"
            drop_down = "multiple" not in names and (not size.isdigit() or int(size) <= 1)
            self._list = _ListBox(drop_down)
        # A list box shows its chosen option, not every option it offers ("WarfarinApixaban").
        unchosen = tag == "option" and "selected" not in names and not self._shows_first(attrs)
        if self._hidden_stack or tag in _HIDDEN or "hidden" in names or unchosen:
            self._hidden_stack.append(tag)
            return
        if tag == "sup":
            # Perhaps an exponent: decided at its end tag (see handle_endtag).
            after = self._after_ten()
            self._sups.append((len(self._buffer) if after is not None else -1, after == "spaced"))
            self._buffer.append("")
        elif tag == "option" and self._list is not None and "selected" in names:
            listed = self._list
            listed.chosen += 1
            if listed.first is not None:  # the first option stood in for none chosen
                start, end = listed.first
                self._buffer[start:end] = [""] * (end - start)
                listed.first = None
            # Several chosen options of a list stay apart ("Insulin glargine, Metformin").
            if listed.chosen > 1:
                self._drop_blanks_before(len(self._buffer))
            self._buffer.append(", " if listed.chosen > 1 else " ")
        elif tag in _SET_APART:
            self._buffer.append(" ")
        if tag in ("td", "th"):
            self._buffer.append(" | " if self._cells else "")
            self._cells += 1
        elif tag == "tr":
            self.flush()
            self._in_row, self._cells = True, 0
        elif self._in_row and (tag in _BLOCKS or tag in _HEADINGS):
            self._buffer.append(" ")  # paragraphs inside a cell stay on the row's line
        elif tag in _HEADINGS:
            self.flush()
            self._in_heading = True
        elif tag in _BLOCKS:
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self._hidden_stack:
            self._line_break()

    def _line_break(self) -> None:
        self._spaced = self._slashed = None
        self._breaks.add(len(self._buffer))
        self._buffer.append("\n")

    def _shows_first(self, attrs: list[tuple[str, str | None]]) -> bool:
        """Whether an unchosen ``<option>`` is shown as the first option of a drop-down with
        none chosen before it (a later chosen option takes its place again)."""
        listed = self._list
        if listed is None or self._hidden_stack or "disabled" in dict(attrs):
            return False
        listed.options += 1
        if not listed.drop_down or listed.chosen or listed.first is not None:
            return False
        value = dict(attrs).get("value", "text")
        listed.first_is_a_choice = bool(value and value.strip())
        listed.first = (len(self._buffer), len(self._buffer))
        listed.first_open = True
        return True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("select", "datalist", "optgroup", "option"):
            self._close_open_option()
        if tag == "select" and self._list is not None:
            listed, self._list = self._list, None
            if listed.first is not None and listed.first_is_a_choice and listed.options > 1:
                self.unchosen_lists += 1
        if self._hidden_stack:
            # Close back to the matching open tag; tolerate sloppy nesting inside hidden parts.
            if tag in self._hidden_stack:
                while self._hidden_stack and self._hidden_stack.pop() != tag:
                    pass
            return
        if tag in ("tr", "table"):
            self.flush()
            self._in_row, self._cells = False, 0
        elif self._in_row and (tag in _BLOCKS or tag in _HEADINGS or tag in ("td", "th")):
            self._buffer.append(" ")
        elif tag in _HEADINGS or tag in _BLOCKS:
            self.flush()
        elif tag == "sup" and self._sups:
            # A number raised after a number is an exponent: "10<sup>9</sup>/L" is 10^9/L,
            # never 109/L; a raised mark ("120<sup>*</sup>", a reference "[1]") stays as it is.
            start, spaced = self._sups.pop()
            raised = "".join(self._buffer[start + 1 :]).strip()
            if start >= 0 and EXPONENT.fullmatch(raised):
                if spaced:  # "10 <sup>2</sup>": a power only with a unit after it
                    self._spaced = (start, len(self._buffer), raised)
                else:
                    self._make_power(start, len(self._buffer), raised)
        elif tag in _SET_APART:
            self._buffer.append(" ")

    def _close_open_option(self) -> None:
        """Close an unchosen ``<option>`` left open: HTML lets its end tag out (the next option
        or the list's end closes it), and one left open hid the rest of the page (review54a:
        '<option>Aspirin<option selected>Warfarin</select>' lost every paragraph after it)."""
        if self._hidden_stack and self._hidden_stack[-1] == "option":
            self._hidden_stack.pop()
        listed = self._list
        if listed is not None and listed.first_open and listed.first is not None:
            listed.first = (listed.first[0], len(self._buffer))
            listed.first_open = False

    def _after_ten(self) -> str | None:
        """Whether the text before ends with a 10 a raised number would be the power of:
        "glued" ("10<sup>9</sup>", markup between aside), "spaced" (blanks between: "10
        <sup>9</sup>", "10&nbsp;<span><sup>9</sup></span>"; a multiplied "x 10 " counts as
        glued), None (not after a 10, or a line break between)."""
        tail: list[str] = []
        for at in range(len(self._buffer) - 1, max(len(self._buffer) - 12, 0) - 1, -1):
            if at in self._breaks:
                break
            tail.insert(0, self._buffer[at])
        text = "".join(tail)
        bare = text.rstrip(_BLANKS)
        if not ends_with_power_of_ten(bare):
            return None
        return "glued" if bare == text or times_ten(bare) else "spaced"

    def _make_power(self, start: int, end: int, raised: str) -> None:
        """Write the raised number at ``start``-``end`` of the buffer as the power "^9", with
        no blank between it and its 10."""
        self._buffer[start + 1 : end] = [raised]
        self._breaks = {at for at in self._breaks if at <= start}
        self._buffer[start] = "^"
        self._drop_blanks_before(start)

    def _drop_blanks_before(self, end: int) -> None:
        """Take away the blanks between a 10 and its raised power: "10^9", not "10 ^9"."""
        for at in range(end - 1, -1, -1):
            if at in self._breaks:
                return
            kept = self._buffer[at].rstrip(_BLANKS)
            self._buffer[at] = kept
            if kept:
                return

    def handle_data(self, data: str) -> None:
        if self._hidden_stack:
            return
        if self._slashed is not None and data.strip():
            start, end, raised = self._slashed
            self._slashed = None
            if not data.lstrip()[0].isdigit():  # "/" then "L": a unit
                self._make_power(start, end, raised)
        if self._spaced is not None and data.strip() and not self._sups:
            start, end, raised = self._spaced
            self._spaced = None
            rest = data.lstrip()
            if rest[:1] == "/":  # a unit: "10 <sup>9</sup>/L"; or a fraction's bar
                after = rest[1:].lstrip()
                if not after:  # "/" alone: the text after it tells
                    self._slashed = (start, end, raised)
                elif not after[0].isdigit():  # "10 <sup>1</sup>/2": ten and a half (review55a)
                    self._make_power(start, end, raised)
        self._buffer.append(data)

    def flush(self) -> None:
        self._sups.clear()  # the buffer's places are gone
        self._spaced = self._slashed = None
        self._breaks.clear()
        if self._list is not None:
            self._list.first = None  # cut by a block: its first option stays
        lines = ("".join(self._buffer)).split("\n")
        text = "\n".join(" ".join(line.split()) for line in lines).strip()
        self._buffer.clear()
        if self._in_heading:
            self._builder.add_heading(text)
            self._in_heading = False
        else:
            self._builder.add_block("\n".join(line for line in text.split("\n") if line))


def _input_value(attrs: dict[str, str | None]) -> str:
    kind = (attrs.get("type") or "").lower()
    value = attrs.get("value") or ""
    if kind not in _TEXT_INPUTS or "hidden" in attrs or not value.strip():
        return ""
    return f" {value} "


def html_to_document(html: str, file_name: str, file_type: str = "html") -> ExtractedDocument:
    builder = DocumentBuilder(file_type)
    notes = add_visible_text(builder, html)
    if not builder.has_text:
        raise NoTextError(file_name, "no visible text in the HTML")
    document = builder.build()
    return dataclasses.replace(document, notes=document.notes + notes) if notes else document


def add_visible_text(builder: DocumentBuilder, html: str) -> tuple[str, ...]:
    """The text of ``html`` a reader would see, added to ``builder`` block by block (an
    e-mail's HTML body follows its heading lines so); the notes its reading calls for."""
    parser = _VisibleText(builder)
    parser.feed(html)
    parser.close()
    parser.flush()
    if parser.unchosen_lists:
        count = parser.unchosen_lists
        boxes = "1 list box" if count == 1 else f"{count} list boxes"
        return (UNCHOSEN_LIST_NOTE.format(count=boxes),)
    return ()


def extract_html(data: bytes, file_name: str) -> ExtractedDocument:
    decoded = read_text(data, file_name, declared_charset(data))
    document = html_to_document(decoded.text, file_name)
    if not decoded.note:
        return document
    return dataclasses.replace(document, notes=(decoded.note, *document.notes))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its start, if any."""
    match = _META_CHARSET.search(data[:_META_WINDOW])
    return match.group(1).decode("ascii") if match else None

"""Hidden text in a Word document: runs formatted Hidden (``w:vanish``), directly or through
their character style or their paragraph's style. Word neither shows nor prints them; they are
left out, as an OpenDocument text's hidden text (odt.py) and a workbook's hidden sheets
(sheet_text.py) are: often a template's instructions or wording kept but no longer meant, and a
clinician expects what they see to be what is imported. The import report says how many
paragraphs held such text, and how to have it read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

_STYLE, _STYLE_ID, _BASED_ON = qn("w:style"), qn("w:styleId"), qn("w:basedOn")
_RUN_PROPERTIES, _PARAGRAPH_PROPERTIES = qn("w:rPr"), qn("w:pPr")
_VANISH, _VAL = qn("w:vanish"), qn("w:val")
_RUN_STYLE, _PARAGRAPH_STYLE = qn("w:rStyle"), qn("w:pStyle")
_OFF = {"0", "false", "off"}


@dataclass
class HiddenText:
    """The styles of one document that hide their text, and how many paragraphs had hidden
    text left out."""

    styles: frozenset[str] = frozenset()
    # The paragraphs (w:p elements) that had hidden text left out: each counted once, though
    # the reader may read a paragraph twice (the body's first block, to end the page header).
    _left_out: set[Any] = field(default_factory=set)
    _in_paragraph: list[tuple[Any, bool]] = field(default_factory=list)

    @property
    def paragraphs(self) -> int:
        """How many paragraphs had hidden text left out."""
        return len(self._left_out)

    @classmethod
    def of(cls, document: Any) -> HiddenText:
        """The hiding styles of a python-docx ``document`` (a style hides its text when it or
        a style it is based on says Hidden, and none nearer says not)."""
        try:
            root = document.styles.element
        except Exception:  # no styles part: no style hides anything
            return cls()
        own: dict[str, bool | None] = {}
        based_on: dict[str, str] = {}
        for style in root.iterchildren(_STYLE):
            name = str(style.get(_STYLE_ID) or "")
            own[name] = _vanish(style.find(_RUN_PROPERTIES))
            parent = style.find(_BASED_ON)
            based_on[name] = str(parent.get(_VAL) or "") if parent is not None else ""
        hiding = set()
        for name in own:
            seen: set[str] = set()
            found = name
            while found and found not in seen and own.get(found) is None:
                seen.add(found)
                found = based_on.get(found, "")
            if own.get(found):
                hiding.add(name)
        return cls(frozenset(hiding))

    def paragraph_style(self, paragraph: Any) -> str:
        """The style id of a ``w:p`` element ("" for none)."""
        properties = paragraph.find(_PARAGRAPH_PROPERTIES)
        style = properties.find(_PARAGRAPH_STYLE) if properties is not None else None
        return str(style.get(_VAL) or "") if style is not None else ""

    def hides(self, run: Any, paragraph_style: str) -> bool:
        """Whether the ``w:r`` ``run`` in a paragraph of ``paragraph_style`` is hidden."""
        properties = run.find(_RUN_PROPERTIES)
        direct = _vanish(properties)
        if direct is not None:
            return direct
        style = properties.find(_RUN_STYLE) if properties is not None else None
        if style is not None and str(style.get(_VAL) or "") in self.styles:
            return True
        return paragraph_style in self.styles

    def start_paragraph(self, paragraph: Any) -> None:
        self._in_paragraph.append((paragraph, False))

    def left_out(self) -> None:
        """A hidden run with text was left out of the paragraph being read."""
        if self._in_paragraph:
            self._in_paragraph[-1] = (self._in_paragraph[-1][0], True)

    def end_paragraph(self) -> None:
        if not self._in_paragraph:
            return
        paragraph, hidden = self._in_paragraph.pop()
        if hidden:
            self._left_out.add(paragraph)

    def note(self) -> str:
        """The import report's words on what was left out ("" when nothing was)."""
        if not self.paragraphs:
            return ""
        many = self.paragraphs != 1
        counted = f"{self.paragraphs} paragraph{'s' if many else ''}"
        return (
            f"hidden text in {counted} not imported, as Word does not show or print it: to "
            "import it, show it in Word (select it, Home › Font, clear Hidden) and import the "
            "file again"
        )


def _vanish(properties: Any) -> bool | None:
    """What run properties say of Hidden: True, False, or None when they say nothing."""
    if properties is None:
        return None
    vanish = properties.find(_VANISH)
    if vanish is None:
        return None
    return str(vanish.get(_VAL) or "true").lower() not in _OFF

"""Rich Text Format (.rtf), as word processors and practice systems save letters (walk 47b
D9: refused as an unsupported file type). striprtf (BSD-3-Clause, pure Python) reads the text:
paragraphs, the code page the file declares (``\\ansicpg``) and the fonts' character sets,
escaped characters (``\\'e1``, ``\\u225``); pictures, fonts and styles are dropped. Headings are
read from the text as for plain text (``medlocal.ingest.headings``)."""

from __future__ import annotations

import codecs
import re

from striprtf.striprtf import rtf_to_text

from medlocal.ingest.document import ExtractedDocument
from medlocal.ingest.errors import CorruptFileError, NoTextError
from medlocal.ingest.extractors.powers import EXPONENT
from medlocal.ingest.headings import clinical_headings

_RTF_START = re.compile(rb"\s*\{\\rtf")
_CODE_PAGE = re.compile(rb"\\ansicpg(\d+)")
# RTF's default code page; its text is 7-bit with escapes, but some writers put raw bytes in.
_DEFAULT_CODE_PAGE = "cp1252"
_HEADER_WINDOW = 4096
# A number raised after a number is an exponent: "10{\super 9}/L" was read as "109/L". Raised as
# a group ("{\super\fs16 9}") or up to "\nosupersub"; any other raised text is left as it is.
# The digits before it must be text, not a control word's number ("\fs20{\super 1}").
_RAISED_NUMBER = re.compile(
    r"(\\[a-z]+-?)?(\d+)(?:\{\\super(?:\\[a-z]+-?\d*)*\s?([-−]?\d+)\}"
    r"|\\super(?:\\[a-z]+-?\d*)*\s?([-−]?\d+)\\nosupersub\b ?)"
)


def extract_rtf(data: bytes, file_name: str) -> ExtractedDocument:
    data = data.removeprefix(b"\xef\xbb\xbf")
    if not _RTF_START.match(data):
        raise CorruptFileError(
            file_name,
            "this is not an RTF file (it does not begin with {\\rtf): open it in the program "
            "that made it, save it as .docx or .txt and import that",
        )
    code_page = _code_page(data)
    source = _RAISED_NUMBER.sub(_exponent, data.decode(code_page, errors="replace"))
    text = rtf_to_text(source, encoding=code_page, errors="replace")
    text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()
    if not text:
        raise NoTextError(file_name, "no text in the RTF file")
    return ExtractedDocument(text=text, file_type="rtf", sections=clinical_headings(text))


def _exponent(match: re.Match[str]) -> str:
    raised = match.group(3) or match.group(4)
    if match.group(1) or match.group(2) != "10" or not EXPONENT.fullmatch(raised):
        # A control word's parameter, or a number other than a power of ten: its raised
        # number is a mark, left as it is read (medlocal.ingest.extractors.powers).
        return match.group(0)
    return f"10^{raised}"


def _code_page(data: bytes) -> str:
    declared = _CODE_PAGE.search(data[:_HEADER_WINDOW])
    if declared is None:
        return _DEFAULT_CODE_PAGE
    try:
        return codecs.lookup(f"cp{int(declared.group(1))}").name
    except LookupError:  # a code page Python does not know: the default reads most of it
        return _DEFAULT_CODE_PAGE

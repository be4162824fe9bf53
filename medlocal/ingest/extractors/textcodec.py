"""Bytes to text for the text-based formats, with the encoding detected rather than assumed.

A byte-order mark decides first (UTF-8/16/32 exports from Windows tools carry one); then UTF-16/32
without a mark is recognised by where its zero bytes fall (plain text in those encodings is full
of them, and no 8-bit text has any); then UTF-8; then UTF-8 with some lines in an 8-bit code
page (a note pasted from a Windows tool into a UTF-8 file: walk 27 read such a file wholly as
Arabic Windows-1256, "1000 µg" became "1000 آµg"); otherwise an 8-bit code page, Windows-1252
first (``medlocal.ingest.extractors.eightbit``). A reading that had to guess says so in a note,
which the import report shows. Whatever the decoder says, text that is mostly control characters
is binary junk wearing a text extension, and is refused.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from medlocal.ingest.errors import BinaryContentError
from medlocal.ingest.extractors.eightbit import eight_bit_encoding, looks_misread

# Longest marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0/C1 control characters other than the usual line and tab characters.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Share of a lane's bytes that must be zero to call the text UTF-16/32 without a mark: Latin
# script text is nearly all zeros there; outside Latin, spaces, digits and punctuation still give
# one in ten or more. The other lane must have a quarter as many at most (binary has them in all).
_WIDE_ZERO_SHARE = 0.1
# Real documents have at most a stray control character; binary data decoded as a single-byte
# charset is full of them.
_MAX_CONTROL_RATIO = 0.01


@dataclass(frozen=True)
class DecodedText:
    """A file's text, and a note for the import report when its encoding was guessed or mixed
    (None when the file said or proved what it is: a byte-order mark, a declared charset,
    UTF-16/32 or valid UTF-8)."""

    text: str
    note: str | None = None


def decode_text(data: bytes, file_name: str, declared: str | None = None) -> str:
    """``read_text`` without the note, for text inside another format (a FHIR bundle)."""
    return read_text(data, file_name, declared).text


def read_text(data: bytes, file_name: str, declared: str | None = None) -> DecodedText:
    """Decode ``data`` to text with normalised line ends, or raise BinaryContentError.

    ``declared`` is an encoding the file names itself (an HTML ``<meta charset>``); it wins over
    detection when it is a known codec that decodes the bytes, since a byte-order mark does not
    contradict it.
    """
    text = _decode_declared(data, declared) if declared else None
    decoded = DecodedText(text) if text is not None else _decode(data, file_name)
    text = decoded.text[1:] if decoded.text.startswith("\ufeff") else decoded.text
    _refuse_binary(text, file_name)
    return DecodedText(text.replace("\r\n", "\n").replace("\r", "\n"), decoded.note)


def _decode_declared(data: bytes, declared: str) -> str | None:
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    try:
        return data.decode(codecs.lookup(declared).name)
    except (LookupError, UnicodeDecodeError):
        return None


def _decode(data: bytes, file_name: str) -> DecodedText:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding))
            except UnicodeDecodeError:
                raise BinaryContentError(
                    file_name, f"not valid {encoding.upper()} text despite its byte-order mark"
                ) from None
    wide = _unmarked_wide_encoding(data)
    if wide is not None:
        try:
            return DecodedText(data.decode(wide))
        except UnicodeDecodeError:
            pass  # not that encoding after all: let the detector judge
    try:
        return DecodedText(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    code_page = eight_bit_encoding(data)
    if code_page is None:
        raise BinaryContentError(file_name, "binary content, not text")
    note = f"encoding guessed: not UTF-8, read as {_label(code_page)}; {_CHECK}"
    return DecodedText(data.decode(code_page), note)


_CHECK = "check accented letters and symbols such as µ and °"


def _decode_mixed(data: bytes) -> DecodedText | None:
    """UTF-8 with some lines in an 8-bit code page, each line read in the encoding that reads
    it; None when no line with non-ASCII characters is valid UTF-8, or when those lines read as
    UTF-8 look misread (then the file is wholly 8-bit and only happens to hold byte pairs that
    are valid UTF-8, as Polish capitals in Windows-1250 can).

    Decided per line rather than per invalid byte: a line comes from one source, and within an
    8-bit line a pair of bytes may happen to be valid UTF-8."""
    lines = data.splitlines(keepends=True)
    foreign = [number for number, line in enumerate(lines) if not _is_utf8(line)]
    foreign_set = set(foreign)
    utf8_lines = [line.decode("utf-8") for line in lines if not line.isascii() and _is_utf8(line)]
    if not utf8_lines or looks_misread("".join(utf8_lines)):
        return None
    encoding = eight_bit_encoding(b"".join(lines[number] for number in foreign))
    if encoding is None:
        return None
    text = "".join(
        line.decode(encoding if number in foreign_set else "utf-8")
        for number, line in enumerate(lines)
    )
    count = len(foreign)
    note = (
        f"encoding mixed: UTF-8 with {count} line{'s' if count > 1 else ''} in "
        f"{_label(encoding)} (first at line {foreign[0] + 1}); {_CHECK}"
    )
    return DecodedText(text, note)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _label(encoding: str) -> str:
    """The name people know a code page by: ``cp1252`` is Windows-1252."""
    name = codecs.lookup(encoding).name
    windows = re.fullmatch(r"cp(125\d)", name)
    return f"Windows-{windows.group(1)}" if windows else name


def wide_encoding(data: bytes) -> str | None:
    """The UTF-16 or UTF-32 encoding ``data`` is in, by its byte-order mark or by where its
    zero bytes fall; None for other bytes."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return None if encoding == "utf-8-sig" else encoding
    return _unmarked_wide_encoding(data)


def _unmarked_wide_encoding(data: bytes) -> str | None:
    """UTF-32/UTF-16 (LE or BE) without a byte-order mark, judged by which byte lanes hold the
    zeros; None when the bytes hold no zeros or no such pattern (then it is not wide text).

    Checked before UTF-8: NUL is valid UTF-8, so ASCII text in UTF-16 would otherwise decode
    "successfully" into text full of NULs and be refused as binary.
    """
    if b"\x00" not in data or len(data) < 4:
        return None
    zeros = [data[lane::4].count(0) / len(data[lane::4]) for lane in range(4)]
    if len(data) % 4 == 0:
        # Every code point below U+10000 has a zero third byte (LE) or second byte (BE);
        # UTF-32 of any script has a zero fourth (LE) or first (BE) byte.
        if zeros[3] > 0.99 and zeros[2] > _WIDE_ZERO_SHARE:
            return "utf-32-le"
        if zeros[0] > 0.99 and zeros[1] > _WIDE_ZERO_SHARE:
            return "utf-32-be"
    if len(data) % 2:
        return None
    odd, even = (zeros[1] + zeros[3]) / 2, (zeros[0] + zeros[2]) / 2
    if odd > _WIDE_ZERO_SHARE and odd > 4 * even:
        return "utf-16-le"
    if even > _WIDE_ZERO_SHARE and even > 4 * odd:
        return "utf-16-be"
    return None


def _refuse_binary(text: str, file_name: str) -> None:
    if "\x00" in text:
        raise BinaryContentError(file_name, "binary content, not text (contains NUL bytes)")
    if not text:
        return
    controls = sum(1 for _ in _CONTROL.finditer(text))
    if controls / len(text) > _MAX_CONTROL_RATIO:
        raise BinaryContentError(file_name, "binary content, not text")

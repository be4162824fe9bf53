"""Bytes to text for the text-based formats, with the encoding detected rather than assumed.

A byte-order mark decides first (UTF-8/16/32 exports from Windows tools carry one); then UTF-16/32
without a mark is recognised by where its zero bytes fall (plain text in those encodings is full
of them, and no 8-bit text has any); then UTF-8; otherwise an 8-bit code page, Windows-1252 first
(``medlocal.ingest.extractors.eightbit``). Whatever the decoder says, text that is mostly control
characters is binary junk wearing a text extension, and is refused.
"""

from __future__ import annotations

import codecs
import re

from medlocal.ingest.errors import BinaryContentError
from medlocal.ingest.extractors.eightbit import decode_eight_bit

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


def decode_text(data: bytes, file_name: str, declared: str | None = None) -> str:
    """Decode ``data`` to text with normalised line ends, or raise BinaryContentError.

    ``declared`` is an encoding the file names itself (an HTML ``<meta charset>``); it wins over
    detection when it is a known codec that decodes the bytes, since a byte-order mark does not
    contradict it.
    """
    text = _decode_declared(data, declared) if declared else None
    if text is None:
        text = _decode(data, file_name)
    if text.startswith("\ufeff"):
        text = text[1:]
    _refuse_binary(text, file_name)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_declared(data: bytes, declared: str) -> str | None:
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    try:
        return data.decode(codecs.lookup(declared).name)
    except (LookupError, UnicodeDecodeError):
        return None


def _decode(data: bytes, file_name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise BinaryContentError(
                    file_name, f"not valid {encoding.upper()} text despite its byte-order mark"
                ) from None
    wide = _unmarked_wide_encoding(data)
    if wide is not None:
        try:
            return data.decode(wide)
        except UnicodeDecodeError:
            pass  # not that encoding after all: let the detector judge
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = decode_eight_bit(data)
    if text is None:
        raise BinaryContentError(file_name, "binary content, not text")
    return text


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

"""Bytes to text for the text-based formats, with the encoding detected rather than assumed.

A byte-order mark decides first (UTF-8/16/32 exports from Windows tools carry one); otherwise
charset-normalizer picks the most plausible encoding. Whatever the decoder says, text that is
mostly control characters is binary junk wearing a text extension, and is refused.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from medlocal.ingest.errors import BinaryContentError

# Longest marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PREFERRED_SINGLE_BYTE = "cp1252"
# C0/C1 control characters other than the usual line and tab characters.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
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
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise BinaryContentError(file_name, "binary content, not text")
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    if any(_PREFERRED_SINGLE_BYTE in m.could_be_from_charset for m in tied):
        # Short Western text decodes equally well as cp1250/cp1252/cp1257; the detector's tie
        # order is arbitrary, and Windows-1252 is by far the likeliest source of such a file.
        return data.decode(_PREFERRED_SINGLE_BYTE)
    return str(best)


def _refuse_binary(text: str, file_name: str) -> None:
    if "\x00" in text:
        raise BinaryContentError(file_name, "binary content, not text (contains NUL bytes)")
    if not text:
        return
    controls = sum(1 for _ in _CONTROL.finditer(text))
    if controls / len(text) > _MAX_CONTROL_RATIO:
        raise BinaryContentError(file_name, "binary content, not text")

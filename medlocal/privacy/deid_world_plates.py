"""Number plates in the scripts and national forms the Latin plate rules do not read (session
53, deid53b; issue 16).

The plate rules of deid_codes, deid_vehicle_forms, deid_vehicle_nearby and deid_lower_plates read
Latin capitals and digits. A plate of Korea, Japan, Russia or China holds letters of its own
script, and a Gulf or Thai plate letters without case, so the Latin shape never matches it
("12가 3456" lost its syllable's neighbours; "ЕК 447 77" was read as an address).

Two readings:
* The national forms, anywhere: their shape is the state's own and no clinical value has it -
  Korea's two or three digits, one Hangul syllable and four digits ("12가 3456", "123나4567");
  Japan's region in kanji, a class number of two or three digits, one hiragana and up to four
  digits ("品川 330 さ 12-34"); Russia's letter, three digits, two letters and a region's two or
  three digits, in the twelve Cyrillic letters the plates use ("А123ВС 77"); China's province
  character, a Latin capital and five or six capitals and digits ("京A·12345").
* After a plate's own word (in English and the languages of those scripts) or a vehicle's or a
  boat's word, one to four groups of letters of any script and digits, with a digit and a
  letter outside ASCII in it (another script, or a Latin capital of another alphabet: Poland's
  "WŁA-117", Germany's "LÖ-AB 123"): the plain Latin ones are the other rules'.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_vehicle_nearby import BOAT_WORDS, VEHICLE_WORDS

_KOREAN = r"(?<![\w-])\d{2,3}[ \t]?[가-힣][ \t]?\d{4}(?![\w-])"
_JAPANESE = (
    r"(?<![\w-])[\u4e00-\u9fff]{1,4}[ \t]?\d{2,3}[ \t]?[\u3041-\u3096][ \t]?"
    r"(?:\d{1,2}-\d{2}|[・·]{0,3}\d{1,4})(?![\w-])"
)
_RUSSIAN = (
    r"(?<![\w-])[АВЕКМНОРСТУХ][ \t]?\d{3}[ \t]?[АВЕКМНОРСТУХ]{2}(?:[ \t]?\d{2,3}(?:[ \t]?RUS)?)?"
    r"(?![\w-])"
)
_CHINESE = (
    r"(?<![\w-])[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][ \t·•.]?"
    r"(?=[A-Z0-9]{0,5}\d)[A-Z0-9]{5,6}(?![\w-])"
)
_NATIONAL = re.compile(rf"{_KOREAN}|{_JAPANESE}|{_RUSSIAN}|{_CHINESE}")
# A plate's own word: English, and the words of the scripts read here (Russian "госномер",
# "номер машины", not "номер" alone: "палата номер 12А" is a room; Korean "번호판",
# "차량번호"; Japanese "ナンバー"; Chinese "车牌", "車牌"; Thai
# "ทะเบียน"; Arabic "لوحة", "رقم اللوحة"; Persian "پلاک"; Greek "πινακίδα").
_CUE = (
    r"(?i:\b(?:(?:number|licen[cs]e|registration)[ \t-]?plates?|plates?|registration|rego|"
    r"reg\.?[ \t]*(?:no\.?|number|#)|vrn)(?![\w-])(?:[ \t]+(?:no\.?|number|#))?)"
    r"|госномер\w*|гос\.?[ \t]*номер\w*|номерн\w*[ \t]+знак\w*|"
    r"номер(?:ом)?[ \t]+(?:машины|автомобиля|авто)|번호판|차량[ \t]?번호|"
    r"ナンバー(?:プレート)?|车牌(?:号)?|車牌(?:號)?|ป้ายทะเบียน|ทะเบียน(?:รถ)?|"
    r"(?:رقم[ \t]+)?اللوحة|لوحة|پلاک|πινακίδα"
    # Or a vehicle's or a boat's own word right before it ("fishing boat WŁA-117", "Pkw
    # LÖ-AB 123"): the value must still hold a letter no Latin plate rule reads.
    rf"|(?i:\b(?:{VEHICLE_WORDS}|{BOAT_WORDS}))(?![\w-])"
)
# One to four groups of letters (any script) and digits; a digit and a non-ASCII letter in it.
_GROUPS = r"[^\W_]{1,8}(?:[ \t.·・-][^\W_]{1,8}){0,3}(?![^\W_])"
# The value never opens with a word of four Latin letters: "Car plate: ЕК 447 77" is read from
# "plate", not as the car's plate "plate".
_CUED = re.compile(rf"(?:{_CUE})[ \t]*[:：#]?[ \t]*(?!(?i:[a-z]{{4,}})(?![^\W_]))(?P<v>{_GROUPS})")


def _plate_group(group: str) -> bool:
    """A group a plate holds: any with a digit, or up to three letters not in Latin lower case
    (Thai "กข", Arabic "أ", Latin "ÅL")."""
    if any(c.isdigit() for c in group):
        return True
    return len(group) <= 3 and not (group.isascii() and group.islower())


def _plate_groups(parts: list[str]) -> str:
    """The plate's groups from ``parts`` (groups and their separators, as re.split gives them):
    up to the first group a plate does not hold, less a last group of letters longer than one
    (Gulf plates space their letters, "٥٤٣٢١ أ ب"; "34나 5678 입니다" keeps the word out)."""
    taken: list[str] = []
    for i in range(0, len(parts), 2):
        if not _plate_group(parts[i]):
            break
        taken += parts[i - 1 : i] if i else []
        taken.append(parts[i])
    while len(taken) > 1 and len(taken[-1]) > 1 and not any(c.isdigit() for c in taken[-1]):
        taken = taken[:-2]
    return "".join(taken)


def _plate_like(value: str) -> bool:
    return any(c.isdigit() for c in value) and any(c.isalpha() and not c.isascii() for c in value)


# Speed: every plate read here holds a letter outside ASCII, so only the stretches of text
# around such letters are searched (from 60 characters before, for the cue, to 40 after).
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _windows(text: str) -> Iterator[tuple[int, int]]:
    start = end = -1
    for match in _NOT_ASCII.finditer(text):
        lo, hi = max(0, match.start() - 60), min(len(text), match.end() + 40)
        if lo > end:
            if end > start:
                yield start, end
            start = lo
        end = hi
    if end > start:
        yield start, end


def world_plate_candidates(text: str) -> Iterator[Redaction]:
    """Plates in a national form, and plates with letters of another script after a plate's
    word."""
    if text.isascii():
        return
    for lo, hi in _windows(text):
        # A window's edge may cut a word: the patterns' own look-behinds read the text outside.
        for match in _NATIONAL.finditer(text, lo, hi):
            start, end = match.span()
            yield Redaction("vehicle_id", start, end, match.group(), label("vehicle_id"))
        for match in _CUED.finditer(text, lo, hi):
            value = _plate_groups(re.split(r"([ \t.·・-])", match.group("v")))
            if _plate_like(value):
                start = match.start("v")
                yield Redaction("vehicle_id", start, start + len(value), value, label("vehicle_id"))

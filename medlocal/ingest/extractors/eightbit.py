"""Which 8-bit code page a text file was written in, when it is not UTF-8 or UTF-16/32.

Windows-1252 comes first: it is what Windows tools write for Western text, and where its reading
is right the detector (charset-normalizer) often ranks another page above it on short text, for
its language model scores a few accented letters almost at random (walk 25: "Sinéad", "café" and
"–" were read as Mac Central European "Sinťad", "cafť", "Ė"). Another page replaces it only where
Windows-1252 reads the bytes *clearly worse*, judged on what a wrong code page leaves behind in
words rather than on the detector's scores:

- **misread marks**: a sign inside a word ("B¹czkiewicza", Polish ą read as Windows-1252) or a
  capital letter straight after a small one ("cafŽ", Mac Roman é read as Windows-1252);
- **words outside one alphabet**: words whose accented letters no single language writes with
  the letters of the others ("Dvoøáková", Czech ř read as Windows-1252, mixes the Danish ø with
  the Czech á). A note may name a Dane and a Spaniard, so one word is no proof: it takes
  ``_MISFIT_MARGIN`` more such words than the other reading has.

Where Windows-1252 leaves a byte undefined, the detector's first choice stands in for it, and is
replaced in turn only by a reading that is clearly better by the same test.
"""

from __future__ import annotations

import re
import unicodedata

from charset_normalizer import from_bytes

WESTERN = "cp1252"
# Words outside one alphabet that a reading must have fewer than another's to be clearly better.
_MISFIT_MARGIN = 2
# Readings are compared on the start of the file: enough words to tell, bounded work on 200 MB.
_SAMPLE_BYTES = 256 * 1024
# Signs that sit inside words in correctly read text: apostrophes (O’Brien, O´Brien) and the
# Catalan middle dot (col·legi).
_WORD_INTERNAL_SIGNS = frozenset("’‘´`·")
# Symbols that stand before a small letter in correctly read text: the degree sign (38°c) and
# the micro sign (µg), which Python counts as a letter but clinical text uses as a unit symbol.
_PREFIX_SIGNS = frozenset("°µ")
# The micro sign is a letter to Python but a unit symbol in clinical text (µmol/L, µg).
_UNIT_LETTERS = frozenset("µ")
_JAPANESE_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "FULLWIDTH"})
_WORD = re.compile(r"[^\W\d_]+")

# The accented letters each Latin-script language writes (small letters; capitals are folded).
# English has none of its own: its loanwords (café, naïve) fit French.
_ALPHABETS: tuple[frozenset[str], ...] = tuple(
    frozenset(letters)
    for letters in (
        "àâæçéèêëîïôœùûüÿ",  # French
        "äöüß",  # German
        "áéíñóúü",  # Spanish
        "áâãàçéêíóôõú",  # Portuguese
        "àèéìíîòóùú",  # Italian
        "àçéèíïóòúü",  # Catalan
        "áéíóúàèëïöüê",  # Dutch
        "æøåéóô",  # Danish, Norwegian
        "åäöé",  # Swedish
        "äöåšž",  # Finnish
        "áðéíóúýþæö",  # Icelandic
        "çë",  # Albanian
        "ąćęłńóśźż",  # Polish
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "áéíóöőúüű",  # Hungarian
        "ăâîșțşţ",  # Romanian (comma and cedilla forms)
        "čćđšž",  # Croatian, Slovene, Bosnian
        "çğıöşüâîû",  # Turkish
        "ąčęėįšųūž",  # Lithuanian
        "āčēģīķļņšūž",  # Latvian
        "äõöüšž",  # Estonian
        "ċġħżàèìòù",  # Maltese
    )
)


def decode_eight_bit(data: bytes) -> str | None:
    """The most plausible reading of ``data`` in an 8-bit (or East Asian multi-byte) code page,
    or None when neither Windows-1252 nor the detector can read it."""
    encoding = eight_bit_encoding(data)
    return data.decode(encoding) if encoding else None


def eight_bit_encoding(data: bytes) -> str | None:
    """The code page that reads ``data`` most plausibly (Windows-1252 unless another reads it
    clearly better), or None when neither Windows-1252 nor the detector can read it."""
    sample = data[:_SAMPLE_BYTES]
    chosen = WESTERN if _decodes(data, WESTERN) else None
    chosen_reading = _read(sample, chosen) if chosen else ""
    for encoding in _detected_encodings(data):
        if encoding == chosen:
            continue
        reading = _read(sample, encoding)
        if chosen is None or _clearly_better(reading, chosen_reading):
            chosen, chosen_reading = encoding, reading
    return chosen


def _detected_encodings(data: bytes) -> list[str]:
    """The detector's candidates, most plausible first, each decoding the whole of ``data``."""
    return [match.encoding for match in from_bytes(data) if _decodes(data, match.encoding)]


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _read(sample: bytes, encoding: str) -> str:
    # The sample may end inside a multi-byte character: that one is dropped, not an error.
    return sample.decode(encoding, errors="ignore")


def _clearly_better(reading: str, incumbent: str) -> bool:
    marks, incumbent_marks = misread_marks(reading), misread_marks(incumbent)
    if marks != incumbent_marks:
        return marks < incumbent_marks
    return words_outside_one_alphabet(reading) + _MISFIT_MARGIN <= words_outside_one_alphabet(
        incumbent
    )


def misread_marks(text: str) -> int:
    """Non-ASCII characters in Latin words that a wrong code page leaves and correctly read
    text hardly has: a sign inside a word ("B¹czkiewicza"), a symbol straight before a small
    letter ("£ukasiewicz", "¯ona") and a capital straight after a small letter ("cafŽ")."""
    marks = 0
    for index, char in enumerate(text):
        if char.isascii():
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if _is_sign(char):
            inside_word = _is_latin_letter(before) and char not in _WORD_INTERNAL_SIGNS
            symbol_on_word = unicodedata.category(char)[0] in "SN" and char not in _PREFIX_SIGNS
            marks += _is_latin_letter(after) and after.islower() and (inside_word or symbol_on_word)
        else:
            marks += char.isupper() and before.islower() and _is_latin_letter(before)
    return marks


def _is_sign(char: str) -> bool:
    return not char.isalpha() or char in _UNIT_LETTERS


def _is_latin_letter(char: str) -> bool:
    return char.isalpha() and (char.isascii() or _script(char) == "LATIN")


def words_outside_one_alphabet(text: str) -> int:
    """The fewest words, over the languages in ``_ALPHABETS``, whose accented Latin letters
    that language does not write (or that mix scripts, as "ªtefania" does)."""
    accented = [word for word in _WORD.findall(text) if not word.isascii()]
    if not accented:
        return 0
    mixed = sum(1 for word in accented if _mixes_scripts(word))
    latin = [_accented_latin(word) for word in accented if not _mixes_scripts(word)]
    latin = [letters for letters in latin if letters]
    fewest_misfits = min(
        (sum(1 for letters in latin if not letters <= alphabet) for alphabet in _ALPHABETS),
        default=0,
    )
    return mixed + fewest_misfits


def _accented_latin(word: str) -> frozenset[str]:
    return frozenset(c.lower() for c in word if not c.isascii() and _script(c) == "LATIN")


def looks_misread(text: str) -> bool:
    """Whether ``text`` carries a sign of a wrong reading: a misread mark or a word in two
    scripts ("WSPӣPRACA", the Polish "WSPÓŁPRACA" in Windows-1250 read as UTF-8)."""
    if misread_marks(text):
        return True
    return any(_mixes_scripts(word) for word in _WORD.findall(text) if not word.isascii())


def _mixes_scripts(word: str) -> bool:
    """A word in two scripts (Cyrillic with Latin, or a letter such as the ordinal indicator
    "ª" that belongs to none) is a misreading; a word in one non-Latin script is fine."""
    scripts = {_script(c) for c in word if not c.isascii() and c not in _UNIT_LETTERS}
    if any(c.isascii() for c in word):
        scripts.add("LATIN")
    return len(scripts) > 1


def _script(char: str) -> str:
    script = unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
    # Japanese writes one word in kanji and kana together.
    return "CJK" if script in _JAPANESE_SCRIPTS else script

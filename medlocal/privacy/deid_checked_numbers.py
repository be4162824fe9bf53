"""National numbers known by their shape and their check digits, with no label (session 64,
deid64b; issue 16).

A note copies a national number bare ("Emirates ID copy needed: 784-1945-4417882-1", "zoon
belt. INSZ 57.11.11-441.82", "SIN 527 190 474" written in a table whose header is a line
above). The shapes below are read anywhere, and only where their check digits hold - validated,
not guessed:

* the Belgian national register number ("57.11.11-441.82", "571111-441-82"): 97 less the
  first nine digits modulo 97 (with a 2 before them for those born from 2000);
* the Emirates ID ("784-1945-4417882-1"): 784, the year of birth, seven digits, Luhn;
* the Canadian social insurance number in three groups of three ("527 190 474"): Luhn, not
  opening with 0 or 8;
* the German pension insurance number ("15 020225 B 443"): area, date of birth, the surname's
  initial, serial and its check digit.

Without the check, "57.11.11" is read as a date and the rest left in view. A Belgian or an
Emirates number whose check digits fail is still removed where its scheme's label stands
anywhere on its line ("INSZ", "NISS", "rijksregister", "Emirates ID", "EID"): a copy's slip in
the last digits is still that person's number. It is shown as a reference number, not as a
national number, since its check does not hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

_END = r"(?![\w-]|[.,/]\d)"
_BELGIAN = re.compile(
    r"(?<![\w.,/-])(?P<v>\d{2}\.\d{2}\.\d{2}[-. ]\d{3}\.\d{2}|\d{6}[- ]\d{3}[- ]\d{2})" + _END
)
_EMIRATES = re.compile(r"(?<![\w.,/-])(?P<v>784[- ]\d{4}[- ]\d{7}[- ]\d)" + _END)
_SIN = re.compile(r"(?<![\w.,/-])(?P<v>[1-79]\d{2}[ -]\d{3}[ -]\d{3})" + _END)
_BELGIAN_LABEL = re.compile(
    r"(?i:\b(?:insz|niss|inss|ssin|rijksregister\w*|registre[ \t]+national|"
    r"num[ée]ro[ \t]+national|nationaal[ \t]+nummer)\b)"
)
_EMIRATES_LABEL = re.compile(r"(?i:\b(?:emirates[ \t]+id|eid)\b)|الهوية")
_PENSION = re.compile(r"(?<![\w.,/-])(?P<v>\d{2}[ ]?\d{6}[ ]?[A-Z][ ]?\d{3})" + _END)


def checked_number_candidates(text: str) -> Iterator[Redaction]:
    """The national numbers of the module docstring whose check digits hold."""
    for pattern, valid, scheme in (
        (_BELGIAN, _belgian, _BELGIAN_LABEL),
        (_EMIRATES, _luhn, _EMIRATES_LABEL),
        (_SIN, _luhn, None),
        (_PENSION, _pension, None),
    ):
        for match in skipped_finditer(pattern, text):
            start, end = match.start("v"), match.end("v")
            if valid(match.group("v")):
                yield Redaction("ssn", start, end, text[start:end], label("ssn"))
            elif scheme is not None and _on_its_line(scheme, text, match.start()):
                # Unverified: a reference number its label names, not shown as a national
                # number (rounds 13 and 15 pin "INSS 85.03.12-123.45" as no [SSN]).
                yield Redaction("id_number", start, end, text[start:end], label("id_number"))


def _on_its_line(scheme: re.Pattern[str], text: str, at: int) -> bool:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return scheme.search(text, start, len(text) if end < 0 else end) is not None


def _digits(code: str) -> str:
    return "".join(char for char in code if char.isdigit())


def _belgian(code: str) -> bool:
    digits = _digits(code)
    body, check = int(digits[:9]), int(digits[9:])
    return check in (97 - body % 97, 97 - int("2" + digits[:9]) % 97)


def _luhn(code: str) -> bool:
    total = 0
    for place, char in enumerate(reversed(_digits(code))):
        digit = int(char) * (2 if place % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


def _pension(code: str) -> bool:
    """Area and date of birth, the initial as its place in the alphabet (two digits), the
    serial: weights 2,1,2,5,7,1,2,1,2,1,2,1, the products' digit sums, modulo 10."""
    compact = code.replace(" ", "")
    day, month = int(compact[2:4]), int(compact[4:6])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    letter = f"{ord(compact[8]) - ord('A') + 1:02d}"
    digits = compact[:8] + letter + compact[9:11]
    weights = (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)
    total = sum(sum(divmod(int(d) * w, 10)) for d, w in zip(digits, weights, strict=True))
    return total % 10 == int(compact[11])

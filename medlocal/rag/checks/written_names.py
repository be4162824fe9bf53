"""Where a text writes a person's whole name, accents and case aside: its words in order
("Desmond Achterberg", "Jose Angel Garcia Nunez"), or the family name or names first and a
comma ("ACHTERBERG, Desmond", "GARCIA NUNEZ, Jose Angel": Spanish and Portuguese names carry
two family names). A family name alone is not enough: relatives share it.

Two family words or more first are read only where the text plainly writes a name so: in
capitals ("GARCIA NUNEZ, Jose Angel"), after a name label ("Paciente: Garcia Nunez, Jose
Angel") or alone on its line. Written otherwise, the comma is as likely a list's (review 49 R4:
"Family meeting with Ann Smith, Mary Jones" is no "Ann Smith, Mary" for Mary Ann Smith, nor
"Jose Garcia, Maria (his wife)" a "Maria Jose Garcia")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from medlocal.folding import fold_letters, fold_with_offsets

_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# A name's label just before it on its line, in the languages the vault's letters come in.
_NAME_LABEL_BEFORE = re.compile(
    r"\b(?:(?:patient(?:'s)?[ \t]+)?name|nombre|nome|nom|patient(?:in|e)?|paciente|paziente"
    r"|utente)[ \t]*:[ \t]*$",
    re.IGNORECASE,
)
# What may follow a name alone on its line.
_LINE_END_AFTER = re.compile(r"[ \t.,;:]*(?:\n|$)")


def _whole(ways: list[str]) -> re.Pattern[str]:
    """The forms ``ways`` as whole words of a text folded by ``fold_letters``."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(ways) + r")(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class NameFinder:
    """Finds one person's name in texts (see the module's docstring)."""

    # In order, or the last word first ("SMITH, Mary Ann"), anywhere.
    anywhere: re.Pattern[str]
    # Two words or more first ("GARCIA NUNEZ, Jose Angel"), one split a pattern, its family
    # part the group "family": where the text plainly writes a name so.
    families_first: tuple[re.Pattern[str], ...]

    def find(self, text: str, folded: str | None = None) -> tuple[int, int] | None:
        """The start and end in ``text`` of the first place it writes the name; None where it
        does not. ``folded``: ``fold_letters(text)``, where the caller has it (a long text
        searched for many names is folded once)."""
        folded = fold_letters(text) if folded is None else folded
        if not self.anywhere.search(folded) and not any(
            p.search(folded) for p in self.families_first
        ):
            return None
        # Folded again character by character, to mark the name where ``text`` writes it and
        # read its capitals ("ß" folds to two characters, a mark to none).
        folded, offsets = fold_with_offsets(text)
        spans = [m.span() for m in [self.anywhere.search(folded)] if m is not None]
        for pattern in self.families_first:
            spans += [
                m.span() for m in pattern.finditer(folded) if _plainly_a_name(text, offsets, m)
            ][:1]
        if not spans:
            return None
        start, end = min(spans)
        return offsets[start], offsets[end - 1] + 1

    def named_in(self, text: str, folded: str) -> bool:
        """Whether ``text`` (``folded``: as ``fold_letters`` folds it) writes the name: as
        :meth:`find`, without folding a long text again where the name is written in order."""
        return self.anywhere.search(folded) is not None or self.find(text, folded) is not None


def _plainly_a_name(text: str, offsets: list[int], match: re.Match[str]) -> bool:
    """Whether ``match`` (in ``text`` folded, ``offsets`` back into it) of a name written with
    two family words or more first stands where a text writes a name so."""
    start, end = offsets[match.start()], offsets[match.end() - 1] + 1
    family = text[offsets[match.start("family")] : offsets[match.end("family") - 1] + 1]
    line_start = text.rfind("\n", 0, start) + 1
    return (
        family.isupper()
        or _NAME_LABEL_BEFORE.search(text, line_start, start) is not None
        or (not text[line_start:start].strip() and _LINE_END_AFTER.match(text, end) is not None)
    )


def name_finder(name: str) -> NameFinder | None:
    """A finder of ``name`` (as the vault records it) in texts; None for a name of fewer than
    two words of two letters or more."""
    words = [re.escape(w.strip(".")) for w in _NAME_WORD.findall(fold_letters(name))]
    words = [w for w in words if len(w) >= 2]
    if len(words) < 2:
        return None
    space, comma = r"\s+", r"[ \t]*,[ \t]*"
    last_first = words[-1] + comma + space.join(words[:-1])
    families_first = tuple(
        _whole([f"(?P<family>{space.join(words[given:])}){comma}{space.join(words[:given])}"])
        for given in range(1, len(words) - 1)
    )
    return NameFinder(_whole([r"[\s,]+".join(words), last_first]), families_first)

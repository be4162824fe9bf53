"""Words of several named classes found by one regex: routes of administration ("IV",
"orally"), events a date belongs to ("admitted", "clinic"), and the class of each match."""

from __future__ import annotations

import re
from collections.abc import Mapping


class WordClasses:
    """One case-insensitive alternation of every class's words (regex sources), each class in a
    group of its own between ``before`` and ``after`` (the edges a word needs)."""

    def __init__(self, words: Mapping[str, tuple[str, ...]], before: str, after: str) -> None:
        self.names = list(words)
        self.pattern = re.compile(
            "|".join(
                rf"(?P<c{i}>{before}(?:{'|'.join(class_words)}){after})"
                for i, class_words in enumerate(words.values())
            ),
            re.I,
        )

    def class_of(self, match: re.Match[str]) -> str:
        """The class whose word ``match`` is."""
        group = next(name for name, value in match.groupdict().items() if value is not None)
        return self.names[int(group[1:])]

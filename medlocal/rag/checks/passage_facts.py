"""What the checks read from each cited passage, read once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from medlocal.privacy.deid_dates import writes_day_first
from medlocal.rag.assertion_mismatches import index_mentions
from medlocal.rag.assertion_records import Mention
from medlocal.rag.binding import Bound, bind
from medlocal.rag.checks.table_layout import TableLayout
from medlocal.rag.date_events import DateTie, date_ties
from medlocal.rag.drug_facts import (
    DosePair,
    dose_pairs,
    dose_routes,
    dose_totals,
    frequency_pairs,
)
from medlocal.rag.frequency import Frequency, frequencies
from medlocal.rag.habits import HabitMention, habit_mentions
from medlocal.rag.lengths import Length, treatment_lengths
from medlocal.rag.medications import MedicationLexicon, mentions
from medlocal.rag.routes import RouteWord
from medlocal.values import Value, decimal_marks, extract_values


class PassageFacts:
    """What the checks read from each passage, worked out the first time a sentence cites it
    (a summary may hold hundreds of passages, few of them cited)."""

    def __init__(self, passages: Mapping[int, str], lexicon: MedicationLexicon) -> None:
        self._passages = passages
        self._lexicon = lexicon
        self._values: dict[int, list[Value]] = {}
        self._bound: dict[int, list[Bound]] = {}
        self._doses: dict[int, list[tuple[DosePair, Value]]] = {}
        self._mentions: dict[int, dict[str, list[Mention]]] = {}
        self._regimens: dict[int, list[tuple[str, Frequency]]] = {}
        self._frequencies: dict[int, list[Frequency]] = {}
        self._names: dict[int, list[str]] = {}
        self._day_first: dict[int, bool | None] = {}
        self._decimal_marks: dict[int, tuple[int, int]] = {}
        self._totals: dict[int, list[tuple[DosePair, Value]]] = {}
        self._routes: dict[int, dict[int, RouteWord]] = {}
        self._lengths: dict[int, list[Length]] = {}
        self._date_ties: dict[int, list[DateTie]] = {}
        self._layouts: dict[int, TableLayout] = {}
        self._habits: dict[int, list[HabitMention]] = {}

    def text(self, cited: Sequence[int]) -> str:
        """The cited passages' text, joined."""
        return "\n".join(self._passages[n] for n in cited)

    def day_first(self, n: int) -> bool | None:
        """Whether passage ``n`` writes its dates day first (None: it does not say, and a date
        such as "03/05/2024" may be read either way)."""
        if n not in self._day_first:
            self._day_first[n] = writes_day_first(self._passages[n])
        return self._day_first[n]

    def decimal_marks(self, n: int) -> tuple[int, int]:
        """How many decimals passage ``n`` writes with a comma and with a point."""
        if n not in self._decimal_marks:
            self._decimal_marks[n] = decimal_marks(self._passages[n])
        return self._decimal_marks[n]

    def sentence_decimal_commas(self, body: str, cited: Sequence[int]) -> bool:
        """Whether a sentence writes its decimals with a comma: as its own words show where
        they show it either way ("hemoglobin 11.5 g/dL, days 1,2" writes points), else as
        most of the decimals of the passages it cites do (note 47: "INR 2,8" alone, copied from
        a German lab report, was read as 2; review48 R5: one "1,5 mg" among point decimals
        is no habit)."""
        commas, points = decimal_marks(body)
        if not commas and not points:
            marks = [self.decimal_marks(n) for n in cited]
            commas, points = sum(c for c, _ in marks), sum(p for _, p in marks)
        return commas > points

    def values(self, n: int) -> list[Value]:
        """The values of passage ``n``, with the doses its counts of tablets make."""
        if n not in self._values:
            totals = [v for _, v in self.totals(n)]
            self._values[n] = extract_values(self._passages[n], self.day_first(n)) + totals
        return self._values[n]

    def totals(self, n: int) -> list[tuple[DosePair, Value]]:
        if n not in self._totals:
            self._totals[n] = dose_totals(self._passages[n], self._lexicon)
        return self._totals[n]

    def bound(self, n: int) -> list[Bound]:
        if n not in self._bound:
            self._bound[n] = bind(self._passages[n], self.day_first(n))
        return self._bound[n]

    def sentence_day_first(self, body: str, cited: Sequence[int]) -> bool | None:
        """How a sentence writes its dates: as its own words say, else as the passages it
        cites write theirs (a model copies "03/10/2023" from a British letter as it is)."""
        own = writes_day_first(body)
        if own is not None:
            return own
        orders = {self.day_first(n) for n in cited}
        return orders.pop() if len(orders) == 1 else None

    def mentions(self, cited: Sequence[int]) -> dict[str, list[Mention]]:
        merged: dict[str, list[Mention]] = {}
        for n in cited:
            if n not in self._mentions:
                self._mentions[n] = index_mentions(self._passages[n])
            for key, found in self._mentions[n].items():
                merged.setdefault(key, []).extend(found)
        return merged

    def habits(self, cited: Sequence[int]) -> list[HabitMention]:
        """The lifestyle habits the cited passages speak of (rag/habits.py)."""
        found: list[HabitMention] = []
        for n in cited:
            if n not in self._habits:
                self._habits[n] = habit_mentions(self._passages[n])
            found += self._habits[n]
        return found

    def names(self, n: int) -> list[str]:
        if n not in self._names:
            self._names[n] = self._lexicon.find(self._passages[n])
        return self._names[n]

    def names_drug(self, n: int, name: str) -> bool:
        """Passage ``n`` names ``name`` by any of its names (``MedicationLexicon.supported``,
        its medication names read once)."""
        return mentions(self._passages[n], name) or any(
            self._lexicon.same_drug(name, other) for other in self.names(n)
        )

    def doses(self, n: int) -> list[tuple[DosePair, Value]]:
        if n not in self._doses:
            self._doses[n] = dose_pairs(self._passages[n], self._lexicon) + self.totals(n)
        return self._doses[n]

    def lengths(self, n: int) -> list[Length]:
        if n not in self._lengths:
            self._lengths[n] = treatment_lengths(self._passages[n], self._lexicon)
        return self._lengths[n]

    def layout(self, n: int) -> TableLayout:
        """Passage ``n``'s lines as a table reader sees them (rag/checks/table_layout.py)."""
        if n not in self._layouts:
            self._layouts[n] = TableLayout(self._passages[n])
        return self._layouts[n]

    def date_ties(self, n: int) -> list[DateTie]:
        """The dates of passage ``n`` tied to the events they date (rag/date_events.py)."""
        if n not in self._date_ties:
            self._date_ties[n] = date_ties(self._passages[n], self.day_first(n))
        return self._date_ties[n]

    def routes(self, n: int) -> dict[int, RouteWord]:
        """The route each dose of passage ``n`` is written with, by the dose's offset."""
        if n not in self._routes:
            self._routes[n] = dose_routes(self._passages[n], self._lexicon)
        return self._routes[n]

    def regimens(self, n: int) -> list[tuple[str, Frequency]]:
        if n not in self._regimens:
            self._regimens[n] = frequency_pairs(self._passages[n], self._lexicon)
        return self._regimens[n]

    def frequencies(self, n: int) -> list[Frequency]:
        if n not in self._frequencies:
            self._frequencies[n] = frequencies(self._passages[n])
        return self._frequencies[n]

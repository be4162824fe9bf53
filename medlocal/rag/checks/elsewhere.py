"""What a flag adds about the passages a sentence does not cite."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.sentence_flags import quoted, sentence_at
from medlocal.rag.drug_facts import dose_pairs
from medlocal.rag.medications import MedicationLexicon
from medlocal.rag.reference_ranges import reference_limits
from medlocal.rag.sentences import split_sentences
from medlocal.values import Value, is_supported, same_value


def passage_numbers(found: Sequence[int]) -> str:
    shown = ", ".join(f"[{n}]" for n in found[:_LISTED])
    more = f" and {len(found) - _LISTED} more" if len(found) > _LISTED else ""
    return ("passage " if len(found) == 1 else "passages ") + shown + more


_LISTED = 4  # passages named in one flag; the rest are counted


@dataclass(frozen=True)
class Where:
    """What a flag adds about the passages the sentence does not cite."""

    said: str = ""  # "; passages [2], [3], which this sentence does not cite, name apixaban"
    quote: str = ""
    passage: int = 0


class Elsewhere:
    """Whether what the cited passages lack is in the other passages given with them (walk 25:
    "apixaban is not named in the cited passages" for a sentence citing nothing, while two
    retrieved passages gave apixaban 5 mg twice daily). The passages named are recorded in
    ``named`` so the answer lists them with its sources."""

    def __init__(
        self,
        passages: Mapping[int, str],
        cited: Sequence[int],
        facts: PassageFacts,
        lexicon: MedicationLexicon,
        named: set[int],
    ) -> None:
        self._passages = passages
        self._others = [n for n in sorted(passages) if n not in cited]
        self._cites = bool(cited)
        self._facts = facts
        self._lexicon = lexicon
        self._named = named

    def medication(self, name: str) -> Where:
        holders = [n for n in self._others if self._facts.names_drug(n, name)]
        if not holders:
            return self._nowhere("names it")
        first = holders[0]
        found = next(
            (s.text for s in split_sentences(self._passages[first])
             if self._lexicon.supported(s.text, name)),
            "",
        )  # fmt: skip
        quote = quoted(found)
        said = f"; {passage_numbers(holders)}, which this sentence does not cite, "
        said += ("names" if len(holders) == 1 else "name") + f' it: "{quote}"'
        return self._found(holders, said, quote)

    def value(self, value: Value, body: str) -> Where:
        """Where else a number is; for a dose, the doses the other passages give its drug."""
        drug = next(
            (d for (d, _, _), v in dose_pairs(body, self._lexicon) if v.start == value.start),
            None,
        )
        if drug is not None:
            doses = [
                (n, v)
                for n in self._others
                for (d, _, _), v in self._facts.doses(n)
                if self._lexicon.same_drug(drug, d)
            ]
            if doses:
                holders = list(dict.fromkeys(n for n, _ in doses))
                given = ", ".join(dict.fromkeys(f"'{v.raw}'" for _, v in doses))
                verb = "gives" if len(holders) == 1 else "give"
                said = f"; {passage_numbers(holders)}, which this sentence does not cite, {verb}"
                said += f" {drug} {given}"
                n, first = doses[0]
                return self._found(
                    holders, said, quoted(sentence_at(self._passages[n], first.start))
                )
        if value.unit is None and value.kind != "ratio":
            return Where()  # a bare number ("2", "2024") is in many passages, about anything
        holders = [n for n in self._others if is_supported(value, self._values(n, drug))]
        results = [n for n in holders if is_supported(value, self._results(n, drug))]
        if not holders:
            return self._nowhere("holds it" if drug is None else f"gives {drug} that dose")
        if not results:
            # "Hb 98 g/L (115-165)": 115 is the reference range's limit there, not a result
            # (walkfix44a: the flag said 115 "is in passage [2]", as if measured).
            said = f"; {passage_numbers(holders)}, which this sentence does not cite,"
            said += f" {'gives' if len(holders) == 1 else 'give'} it only as a reference"
            said += " range limit, not as a result"
            holder = holders[0]
            limit = next(v for v in self._values(holder, drug) if same_value(value, v))
            quote = quoted(sentence_at(self._passages[holder], limit.start))
            return self._found(holders, said, quote)
        said = f"; it is in {passage_numbers(results)}, which this sentence does not cite"
        return self._found(results, said, "")

    def _values(self, number: int, drug: str | None) -> list[Value]:
        """Passage ``number``'s values; for a dose of ``drug``, less the doses it gives other
        drugs (walk 33: semaglutide "20 mg" was said to be in the passage giving atorvastatin
        20 mg, and the passage so named kept an unsupported draft as the answer)."""
        values = self._facts.values(number)
        if drug is None:
            return values
        others = {
            v.start
            for (d, _, _), v in self._facts.doses(number)
            if not self._lexicon.same_drug(drug, d)
        }
        return [v for v in values if v.start not in others]

    def _results(self, number: int, drug: str | None) -> list[Value]:
        """Passage ``number``'s values (as :meth:`_values`) less its reference ranges' limits
        (rag/reference_ranges.py): the numbers it gives as found."""
        limits = reference_limits(self._passages[number])
        return [v for v in self._values(number, drug) if v.start not in limits]

    def _found(self, holders: list[int], said: str, quote: str) -> Where:
        self._named.update(holders[:_LISTED])
        return Where(said, quote, holders[0])

    def _nowhere(self, verb: str) -> Where:
        if not self._others:
            return Where()
        if self._cites:
            return Where(f"; no other retrieved passage {verb} either")
        return Where(f"; no retrieved passage {verb}")

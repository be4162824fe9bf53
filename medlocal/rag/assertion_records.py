"""The records of what a sentence asserts: an Assertion for each of its tokens (read by
rag/assertion_scopes.py) and a Mention for each concept it names (rag/assertions.py)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Assertion:
    negated: bool = False
    historical: bool = False
    current: bool = False
    family: str = ""  # the relative, when the concept concerns one
    hypothetical: bool = False
    side: str = ""
    stopped: bool = False  # a medication stopped, tapered off or on hold
    # A medication whose dose the sentence records as changed ("was increased", "reduced to").
    changed: bool = False
    # Hypothetical only as a change of it ("Please advise on increasing her ramipril"): the
    # change is a possibility, the drug itself is taken (review 43b R2).
    change_only: bool = False


@dataclass(frozen=True)
class Mention:
    """One concept mention: its key (a word or a word pair), where it is, what is asserted."""

    key: str
    start: int  # offset in the text the sentence came from
    end: int
    sentence: str
    assertion: Assertion = field(compare=False)
    # A capitalised word after another ("Rosalind Thornbury"): a family name, shared by the
    # patient and the relatives the passage names with it.
    surname: bool = field(default=False, compare=False)
    raw: str = field(default="", compare=False)  # the word as written (single words)
    # A person's name or a word of one ("Mere Whitlock", "Rosalind"), no finding.
    person: bool = field(default=False, compare=False)
    # Whether the reading of the assertion could be wrong (see ``Readings``,
    # rag/assertion_certainty.py): a conflict is reported only between readings that cannot.
    unsure_denial: bool = field(default=False, compare=False)
    unsure_experiencer: bool = field(default=False, compare=False)

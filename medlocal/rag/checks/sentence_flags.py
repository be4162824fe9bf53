"""The flags one sentence collects, and the wording the checks share to write them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from medlocal.rag.flags import Flag, FlagKind
from medlocal.rag.sentences import Sentence, split_sentences


@dataclass
class SentenceCheck:
    """Flags for one sentence, with the offsets of each offending piece in the final text."""

    sentence: Sentence
    flags: list[Flag] = field(default_factory=list)
    flagged: set[int] = field(
        default_factory=set
    )  # start offsets (in the sentence) already flagged
    named: set[int] = field(default_factory=set)  # passages the flags name, cited or not

    def add(
        self,
        kind: FlagKind,
        token: str,
        message: str,
        at: int = -1,
        quote: str = "",
        passage: int = 0,
    ) -> None:
        s = self.sentence
        if at >= 0:
            if at in self.flagged:
                return
            self.flagged.add(at)
        self.flags.append(
            Flag(
                s.index,
                kind,
                token,
                message,
                s.start,
                s.end,
                token_start=s.start + at if at >= 0 else -1,
                token_end=s.start + at + len(token) if at >= 0 else -1,
                quote=quote,
                passage=passage,
            )
        )


def quoted(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def sentence_at(text: str, offset: int) -> str:
    return next((s.text for s in split_sentences(text) if s.start <= offset < s.end), "")


def absent(what: str, verb: str, cited: Sequence[int]) -> str:
    """ "number '10 mg' does not appear in the cited passages", or, for a sentence that cites
    none, that it cites none: "the cited passages" of such a sentence are no passages at all,
    and "apixaban is not named in the cited passages" read as "the record never names it"."""
    if cited:
        return f"{what} {verb} the cited passages"
    return f"{what}: this sentence cites no passage to check it against"

"""What one evaluation records: its settings and one line per question."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Mode = Literal["generate", "likelihood"]
MODES: tuple[Mode, ...] = ("generate", "likelihood")
NORMALISATIONS = ("per_token", "sum")
# How generate mode reads the chosen option out of an answer (eval/parsing.py). 1: thinking cut
# at any tag by regular expressions (HuatuoGPT-o1's "## Thinking" was parsed as the answer); 2:
# the engine's reasoning splitter. Stored with each run, so that runs read by different parsers
# are flagged when compared; a run stored before the version was recorded was read by 1.
PARSER_VERSION = 2

# Why an answer is invalid, short enough to count by (walk 38: a run said "invalid 100%" and
# only answers.jsonl said why). ``ItemResult.error`` keeps the detail of each.
TOO_LONG = "too long for the model's context"
UNREADABLE = "no option could be read from the answer"
NOT_SCORED = "no option could be scored"


@dataclass(frozen=True)
class EvalSettings:
    """Every setting that changes a result; stored with the run and part of its identity.
    Sampling is greedy (temperature 0) with a fixed seed: the same model, file and settings
    give the same answers."""

    mode: Mode = "generate"
    limit: int | None = None  # a stratified sample of this many questions (None: all)
    sample_seed: int = 0
    shots: int = 0  # examples taken from the shots file (0: zero-shot)
    shots_sha256: str = ""
    think_tokens: int = 1024  # a reasoning model's thinking, capped per question
    answer_tokens: int = 48  # the answer after the thinking
    normalise: str = "per_token"  # likelihood: mean log-probability per token, or the sum
    temperature: float = 0.0
    seed: int = 42
    cop_base: int | None = None  # MedMCQA's answer index base when the data cannot show it
    parser: int = PARSER_VERSION  # generate mode's answer parser (a new one: a new run)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EvalSettings:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known.setdefault("parser", 1)  # stored before the parser's version was
        return cls(**known)


@dataclass
class ItemResult:
    """One question's outcome. ``chosen`` is None for an invalid (unparseable) answer."""

    id: str
    subject: str
    answer: str
    chosen: str | None
    seconds: float
    tokens: int = 0  # generated (generate mode) or evaluated (likelihood mode)
    thinking: bool = False
    capped: bool = False  # the thinking hit its cap
    output: str = ""  # the raw answer, shortened (benchmark text only, never patient data)
    scores: dict[str, float] = field(default_factory=dict)  # likelihood: option -> score
    reused_tokens: int = 0  # likelihood: prompt tokens served from the KV cache
    error: str = ""  # why it could not be asked, in full ("The message is too long ...")
    reason: str = ""  # that reason in short (TOO_LONG...); "" for an answer read, or unread

    @property
    def invalid_reason(self) -> str:
        """Why this answer is invalid, short ("" when it is not): answers stored before
        ``reason`` was recorded give their ``error``, or UNREADABLE when there is none."""
        if not self.invalid:
            return ""
        return self.reason or self.error or UNREADABLE

    @property
    def correct(self) -> bool:
        return self.chosen == self.answer

    @property
    def invalid(self) -> bool:
        return self.chosen is None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ItemResult:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

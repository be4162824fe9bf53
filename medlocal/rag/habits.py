"""Lifestyle habits (smoking, alcohol, vaping, recreational drugs), each read as one fact
whatever word names it: "she smokes", "is a smoker", "smoking 10 a day", "non-smoker", "never
smoked", "ex-smoker", "stopped smoking in 2010" all speak of smoking.

The concept comparison of rag/assertion_mismatches.py matches a sentence's words to the
passages' by their keys, and a habit's words differ by form: "smokes" (key "smoke") never met
"non-smoker", "drinks alcohol daily" never met "teetotal" (grfix43, walk 42gb: "she smokes"
against "She is a non-smoker" was no conflict). Here each mention of a habit gets a status:

* ``current``: done now ("smokes", "is a smoker", "currently vapes", "drinks 6 units a week");
* ``past``: given up ("ex-smoker", "stopped smoking in 2010", "former drinker", "used to vape");
* ``not now``: not done, perhaps never ("non-smoker", "does not drink", "teetotal", "denies
  recreational drug use");
* ``never``: never done ("never smoked", "lifelong non-smoker");
* ``affirmed``: done at some time, when not said ("smoked 20 a day for 30 years", "history of
  smoking", "Alcohol: 6 units/week").

A sentence's status conflicts with the passages' only where every mention of the habit in the
cited passages disagrees with it (as for every other concept), by :data:`CONFLICTS`: "stopped
smoking in 2010" agrees with "ex-smoker" and with "non-smoker" (a former smoker smokes no
more), "smoked for 30 years" with both. A relative's habit ("her husband smokes") and a habit
only advised on or asked about ("advised to stop smoking", "if she drinks") are left out: they
say nothing of what the patient does. Words that name something else are left out too: "smoke
inhalation", "passive smoking", "alcohol gel", "alcohol withdrawal", "unable to eat or drink";
and so is a denial of excess only ("denies heavy drinking", "no alcohol misuse"), which is no
denial of drinking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from medlocal.rag.assertion_records import Mention
from medlocal.rag.assertion_triggers import TIME_BOUNDED
from medlocal.rag.assertions import mentions, word_key

Status = Literal["current", "past", "not now", "never", "affirmed"]

# The statuses each status cannot stand beside, the sentence's first.
CONFLICTS: dict[Status, frozenset[Status]] = {
    "current": frozenset({"not now", "never", "past"}),
    "past": frozenset({"current", "never"}),
    "not now": frozenset({"current"}),
    "never": frozenset({"current", "past", "affirmed"}),
    "affirmed": frozenset({"never"}),
}

# The habit each concept key names (rag/assertions.word_key: "smokes" -> "smoke").
_HABITS: dict[str, str] = {
    **dict.fromkeys(
        ["smoke", "smoking", "smoked", "smoker", "cigarette", "nonsmoker", "non-smoker",
         "non-smoking", "ex-smoker"],
        "smoking",
    ),
    **dict.fromkeys(
        ["alcohol", "etoh", "drink", "drinking", "drank", "drinker", "non-drinker", "nondrinker",
         "ex-drinker", "teetotal", "teetotaller", "teetotaler"],
        "alcohol",
    ),
    **dict.fromkeys(["vape", "vaping", "vaped", "vaper", "e-cigarette", "e-cig"], "vaping"),
    **dict.fromkeys(
        ["recreational drug", "illicit drug", "street drug", "ivdu"], "recreational drugs"
    ),
}  # fmt: skip
# The concept keys of habit words: rag/assertion_mismatches.py leaves their polarity and time
# to this module (by key, "drinks" met "drinks plenty of fluids" and "alcohol" met "denies
# alcohol misuse", both read as conflicts with "she does not drink alcohol" or "drinks 6 units
# a week").
HABIT_KEYS = frozenset(_HABITS)
# Words that deny the habit themselves, sure whatever scope the reader gives them.
_DENYING_WORDS = frozenset(
    {"nonsmoker", "non-smoker", "non-smoking", "non-drinker", "nondrinker", "teetotal",
     "teetotaller", "teetotaler"}
)  # fmt: skip
# A drinking word that is about alcohol only with alcohol named in its sentence ("drinks 6 units
# a week", "drinks wine") or with nothing after it ("she does not drink."): "drink plenty of
# fluids" and "unable to eat or drink" are not.
_DRINK_WORDS = frozenset({"drink", "drinking", "drank"})
_ALCOHOL_NAMED = re.compile(
    r"\b(?:alcohol\w*|units?|beers?|wine|spirits|lager|pints?|whisk(?:e)?y|vodka|gin|etoh|"
    r"cider)\b",
    re.IGNORECASE,
)
_NOTHING_AFTER = re.compile(
    r"\s*(?:[.;,)]|$|socially|occasionally|heavily|regularly|daily|excessively|at\s+all|much"
    r"|(?:or|and|nor)\s+smok)",
    re.IGNORECASE,
)
# A drinking word whose object is another drink: "drinks coffee but no alcohol", "drinks two
# coffees a day and does not drink alcohol" (review 43 D5): the alcohol named later is another
# mention's.
_OTHER_DRINK_AFTER = re.compile(
    r"\s+(?:(?:a|an|\d+|one|two|three|four|five|six|several|lots\s+of|plenty\s+of|cups?\s+of"
    r"|mugs?\s+of|glass(?:es)?\s+of|litres?\s+of|liters?\s+of|[\w-]+\s+cups?\s+of)\s+)*"
    r"(?:coffees?|teas?|water|fluids?|milk|juices?|squash|cola|soft\s+drinks?|energy\s+drinks?"
    r"|caffeine|decaf\w*|fizzy|herbal|smoothies?|liquids?)\b",
    re.IGNORECASE,
)
# The same list of drinks goes on to an alcoholic one: "drinks 2 cups of tea and 4 pints of
# beer a day", "drinks water and 30 units of alcohol" (review 43b R5); not over a denial or a
# clause of its own ("drinks coffee but no alcohol", "... and does not drink alcohol").
_NOT_LISTED = (
    r"(?:no|not|never|nil|none|but|nor|or|does|doesn't|did|didn't|denies|avoids|without"
    r"|except|free)"
)
_ALCOHOL_LISTED_AFTER = re.compile(
    rf"(?:\s*,?\s+(?!{_NOT_LISTED}\b)[\w/-]+){{0,8}}?\s*(?:,|\band\b|\bplus\b|\bas\s+well\s+as\b)"
    rf"(?:\s+(?!{_NOT_LISTED}\b)[\w/-]+){{0,4}}?\s+{_ALCOHOL_NAMED.pattern}",
    re.IGNORECASE,
)
# Before an alcohol word, the present verb of that list: "drinks water and 30 units of".
_PRESENT_LIST_BEFORE = re.compile(
    rf"\b(?:drinks|drinking)(?:\s*,?\s+(?!{_NOT_LISTED}\b)[\w/-]+){{1,8}}?\s*(?:,|\band\b"
    rf"|\bplus\b|\bas\s+well\s+as\b)(?:\s+(?!{_NOT_LISTED}\b)[\w/-]+){{0,4}}\s*$",
    re.IGNORECASE,
)
_JOINED_BEFORE = re.compile(r"\b(?:to|or|and|nor)\s*$", re.IGNORECASE)
# What the word names is something else: smoke breathed in by accident, a hand rub, a
# complication of drinking.
_OTHER_AFTER = {
    "smoking": re.compile(
        r"[\s-]*(?:inhalation|exposure|alarm|detector|cessation"
        # What is smoked is a recreational drug, not tobacco: "smokes cannabis".
        r"|cannabis|marijuana|weed|skunk|crack|heroin|spice|meth)",
        re.IGNORECASE,
    ),
    "alcohol": re.compile(
        r"[\s-]*(?:misuse|abuse|excess|dependen\w*|withdrawal|intoxication|related|problems?"
        r"|use\s+disorder|gel|swabs?|wipes?|hand|rub|poisoning|liver|hepatitis|cirrhosis"
        r"|based|level)",
        re.IGNORECASE,
    ),
}
_OTHER_BEFORE = re.compile(r"\b(?:passive|second-?hand|exposed\s+to)\s*$", re.IGNORECASE)
# A denial of excess only: "denies heavy drinking", "no excessive alcohol".
_EXCESS_BEFORE = re.compile(
    r"\b(?:heavy|binge|harmful|hazardous|excess(?:ive)?|problem|risky)\s*$", re.IGNORECASE
)
# Up to three words between a cue and the habit word: "stopped smoking", "gave up drinking
# alcohol", "former heavy smoker".
# Not over a word that joins another clause: "stopped her ramipril and smokes" gave up no
# smoking.
_WITHIN = r"(?:\s+(?!(?:and|but|or|nor|while|whereas|although|though)\b)[\w'-]+){0,3}\s*$"
_GIVEN_UP = re.compile(
    r"\b(?:stopped|stopping|stops|quit|quitting|quits|gave\s+up|given\s+up|giving\s+up"
    r"|no\s+longer|ex|former(?:ly)?|previous(?:ly)?|used\s+to)\b" + _WITHIN,
    re.IGNORECASE,
)
# Abstaining is not doing it now: "currently abstinent from alcohol", "abstains from alcohol".
_ABSTAINING = re.compile(
    r"\b(?:abstinent|abstains|abstaining|abstained|abstinence|abstemious)\b" + _WITHIN,
    re.IGNORECASE,
)
_NEVER = re.compile(r"\b(?:never|life-?long)\b" + _WITHIN, re.IGNORECASE)
_SOME_TIME = re.compile(
    r"\b(?:was|were|had|has\s+been|have\s+been|history\s+of|hx\s+of|h/o|in\s+the\s+past)\b"
    + _WITHIN,
    re.IGNORECASE,
)
_NOW = re.compile(
    r"(?:\b(?:is|are|currently|current|still|continues\s+to|continuing\s+to|now|daily"
    r"|regularly|uses|using|takes|taking|smokes|drinks|vapes)|'s)" + _WITHIN,
    re.IGNORECASE,
)
# The habit word itself says "now": a verb in the present ("smokes"), or the doer ("smoker").
_PRESENT_FORMS = frozenset({"smokes", "drinks", "vapes", "smoker", "drinker", "vaper"})
# A habit word as a label, its value after it: "Smoking: never", "Alcohol: 6 units/week".
_LABEL = re.compile(r"\s*:")
_NEVER_VALUE = re.compile(r"\s*never\b", re.IGNORECASE)
# "0" but not "0.5 units/week" (review 43 D5); "N" of a Y/N form is "no".
_NONE_VALUE = re.compile(
    r"\s*(?:none|nil|no|not|denies|denied|n\b(?!/)|0(?![.,]?\d))\b", re.IGNORECASE
)
# A value that gives nothing: "Smoking: N/A", "not applicable", "unknown", "not recorded".
_NO_VALUE = re.compile(
    r"\s*(?:n/?a\b|not\s+(?:applicable|known|recorded|documented|asked|stated)|unknown|\?)",
    re.IGNORECASE,
)
# A rate kept up only until some time: "Smoking: 10/day until 2015" is a past habit.
_UNTIL = re.compile(
    r"\b(?:until|till|til|up\s+to|to)\s+(?P<year>(?:19|20)\d{2})\b|\buntil\b", re.IGNORECASE
)
# What the value says of now after its "until" (review 43b R4): "20/day until 2015, now
# 5/day" is a habit kept up at another rate.
_NOW_AFTER = re.compile(
    r"\b(?:now|currently|presently|at\s+present|nowadays|still|since\s+then)\b\s*:?",
    re.IGNORECASE,
)
_PAST_VALUE = re.compile(
    r"\s*(?:ex\b|former|stopped|quit|gave\s+up|previous|used\s+to)", re.IGNORECASE
)
_RATE_VALUE = re.compile(
    r"\d[^,;]*?(?:/\s*(?:wk|week|day|d)\b|\b(?:a|per|each)\s+(?:week|day)\b|\bdaily\b)",
    re.IGNORECASE,
)
_BARE_DENIAL = re.compile(
    r"\b(?:no|nil|without|no\s+(?:history|hx)\s+of)\s+(?:[\w-]+\s+)?$", re.IGNORECASE
)
# A sentence's end, not a decimal point ("Alcohol: 0.5 units/week", review 43 D5).
_END = re.compile(r"[;!?\n]|\.(?!\d)")
_BEFORE_CHARS = 60
_AFTER_CHARS = 40


@dataclass(frozen=True)
class HabitMention:
    habit: str  # "smoking", "alcohol", "vaping", "recreational drugs"
    status: Status
    start: int  # offsets in the text read
    end: int
    sentence: str


def habit_mentions(text: str, limit: int | None = None) -> list[HabitMention]:
    """The habits ``text`` speaks of, each mention with its status (see the module's doc);
    ``limit``: the highest passage number its citations may name, as for ``mentions``."""
    found: list[HabitMention] = []
    for mention in mentions(text, limit):
        habit = _HABITS.get(mention.key)
        if habit is None:
            continue
        status = _status(text, mention, habit)
        if status is not None:
            found.append(HabitMention(habit, status, mention.start, mention.end, mention.sentence))
    return found


def _status(text: str, mention: Mention, habit: str) -> Status | None:
    a = mention.assertion
    if a.family or a.hypothetical:
        return None  # a relative's, or only advised on or asked about
    before = _END.split(text[max(0, mention.start - _BEFORE_CHARS) : mention.start])[-1]
    after = _END.split(text[mention.end : mention.end + _AFTER_CHARS])[0]
    raw = text[mention.start : mention.end].lower()
    other_after = _OTHER_AFTER.get(habit)
    if (other_after is not None and other_after.match(after)) or _OTHER_BEFORE.search(before):
        return None
    if (
        mention.key in _DRINK_WORDS
        and _OTHER_DRINK_AFTER.match(after)
        and not _ALCOHOL_LISTED_AFTER.match(_sentence_after(text, mention.end))
    ):
        return None
    if mention.key in _DRINK_WORDS and not (
        _ALCOHOL_NAMED.search(mention.sentence)
        or (_NOTHING_AFTER.match(after) and not _JOINED_BEFORE.search(before))
    ):
        return None
    label = _LABEL.match(after)
    if label is not None:
        return _labelled(after[label.end() :], habit)
    if mention.key in _DENYING_WORDS:
        return "never" if _NEVER.search(before) else "not now"
    if mention.key.startswith("ex-") or _GIVEN_UP.search(before):
        return "past"
    if _ABSTAINING.search(before):
        return "not now"
    if a.negated:
        if _EXCESS_BEFORE.search(before):
            return None  # "denies heavy drinking" denies the excess, not the drinking
        if mention.unsure_denial:
            return None
        if _NEVER.search(before):
            return "never"
        # A denial with no tense and no bound ("no alcohol use", "nil smoking history") denies
        # any use, as the concept check reads it (a passage's "last drink 6 weeks ago,
        # previously 40 units/week" is its conflict); one bounded in time ("no alcohol in the
        # past six weeks") or in the present ("does not drink") agrees with use given up.
        if _BARE_DENIAL.search(before) and not TIME_BOUNDED.search(mention.sentence):
            return "never"
        return "not now"
    if a.historical or _SOME_TIME.search(before):
        return "affirmed"
    if raw in _PRESENT_FORMS or raw.removesuffix("s") in _PRESENT_FORMS:  # "smokers"
        return "current"
    if _NOW.search(before) or _PRESENT_LIST_BEFORE.search(before):
        return "current"
    return "affirmed"


# How far a list of drinks after a drinking word is read for an alcoholic one.
_LIST_CHARS = 100


def _sentence_after(text: str, end: int) -> str:
    return _END.split(text[end : end + _LIST_CHARS])[0]


def _labelled(value: str, habit: str) -> Status | None:
    """The status a label's value gives its habit ("Smoking: never", "Alcohol: 6 units/week");
    none where the value names the habit itself ("Alcohol: teetotal", "Smoking: ex-smoker"),
    whose own mention says it."""
    if any(_HABITS.get(word_key(w)) == habit for w in re.findall(r"[\w-]+", value)):
        return None
    if _NO_VALUE.match(value):
        return None
    if _NEVER_VALUE.match(value):
        return "never"
    if _NONE_VALUE.match(value):
        return "not now"
    if _PAST_VALUE.match(value):
        return "past"
    if _RATE_VALUE.search(value):
        until = _UNTIL.search(value)
        if until is not None and not _still_kept_up(value[until.end() :], until["year"]):
            return "past"
        return "current"  # "Alcohol: 14 units/week", "Smoking: 10/day": a habit kept up
    return "affirmed" if value.strip() else None


def _still_kept_up(rest: str, year: str | None) -> bool:
    """Whether a rate kept up "until" some time is kept up still: the time is this year or later
    ("10/day from 2010 to 2026" written in 2026), or ``rest`` (the value after it) gives a rate
    now ("20/day until 2015, now 5/day"; not "..., now none")."""
    if year is not None and int(year) >= date.today().year:
        return True
    now = _NOW_AFTER.search(rest)
    if now is None:
        return False
    tail = rest[now.end() :]
    return _RATE_VALUE.search(tail) is not None and _NONE_VALUE.match(tail) is None


def conflicting(mine: HabitMention, theirs: list[HabitMention]) -> list[HabitMention]:
    """The passages' mentions of ``mine``'s habit, all of them, when every one disagrees with
    it; none when any agrees or none names the habit."""
    same = [t for t in theirs if t.habit == mine.habit]
    if not same or any(t.status not in CONFLICTS[mine.status] for t in same):
        return []
    return same


# How a flag says what a passage gives: the habit's present, participle and base forms.
_FORMS = {
    "smoking": ("smokes", "smoked", "smoke", "smoking"),
    "alcohol": ("drinks alcohol", "drunk alcohol", "drink alcohol", "drinking alcohol"),
    "vaping": ("vapes", "vaped", "vape", "vaping"),
    "recreational drugs": (
        "uses recreational drugs",
        "used recreational drugs",
        "use recreational drugs",
        "recreational drugs",
    ),
}


def describe(habit: str, status: Status) -> str:
    """What a status says of the patient: "does not smoke", "gave up smoking"."""
    present, participle, base, gerund = _FORMS[habit]
    return {
        "current": f"{present} now",
        "past": f"gave up {gerund} (a past habit)",
        "not now": f"does not {base}",
        "never": f"has never {participle}",
        "affirmed": f"has {participle}",
    }[status]

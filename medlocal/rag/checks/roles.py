"""Roles: a person the sentence names for a role (GP, consultant, nurse, surgeon, pharmacist ...)
must not be one the cited passages give another role while they give that role to someone else
(walk 33: "Her GP is Dr. Hugh" against "GP: Dr Priya Raman ... Consultant: Dr Hugh Pemberton").

Only plain pairings are read, on both sides: a role written right before a titled name ("GP: Dr
Priya Raman", "Consultant Dr H. Mistry", "her GP is Dr Hugh"), or right after it ("Dr Hugh
Pemberton, Consultant Physician", "Dr Lee (pharmacist)", "Dr Hugh is her GP"). The flag is
raised only where the passages give the sentence's role to someone else and give the sentence's
person a role, none of them that one; a person the passages give no role, or this role too, is
never flagged, except for a role a patient has one holder of (her GP): a person the passage
names without a role is not her GP where it gives GP to someone else (round 9)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted

# Roles as records write them, each with the name the flag gives it. Generic words ("doctor",
# "physician", "clinician") name no role another person could hold instead.
_ROLES: dict[str, str] = {
    "gp": "GP", "general practitioner": "GP", "family doctor": "GP", "family physician": "GP",
    "primary care physician": "GP", "consultant": "consultant", "registrar": "registrar",
    "nurse": "nurse", "nurse specialist": "nurse", "surgeon": "surgeon",
    "pharmacist": "pharmacist", "midwife": "midwife", "dietitian": "dietitian",
    "dietician": "dietitian", "physiotherapist": "physiotherapist",
    "occupational therapist": "occupational therapist", "social worker": "social worker",
    "key worker": "key worker", "care coordinator": "care coordinator",
    "health visitor": "health visitor", "psychiatrist": "psychiatrist",
    "psychologist": "psychologist", "cardiologist": "cardiologist",
    "endocrinologist": "endocrinologist", "oncologist": "oncologist",
    "neurologist": "neurologist", "nephrologist": "nephrologist",
    "rheumatologist": "rheumatologist", "dermatologist": "dermatologist",
    "ophthalmologist": "ophthalmologist", "anaesthetist": "anaesthetist",
    "anesthetist": "anaesthetist", "anesthesiologist": "anaesthetist",
    "radiologist": "radiologist", "paediatrician": "paediatrician",
    "pediatrician": "paediatrician", "obstetrician": "obstetrician",
    "haematologist": "haematologist", "hematologist": "haematologist",
    "gastroenterologist": "gastroenterologist", "urologist": "urologist",
    "geriatrician": "geriatrician", "pulmonologist": "pulmonologist",
    # Junior doctors as Nigerian, US and other records name them (round 9).
    "resident": "resident", "house officer": "house officer", "intern": "intern",
}  # fmt: skip
# Any role of _ROLES as a pattern (written_names reads one beside a shortened name too).
ROLE = "|".join(sorted((re.escape(r) for r in _ROLES), key=len, reverse=True))
# "Dr (Mrs) Folake Adebayo": a doctor's title with her social one in brackets (round 9).
_TITLE = r"(?:Dr|Doctor|Prof|Professor|Mr|Mrs|Ms|Miss|Sr)\.?(?:\s*\((?:Mrs|Mr|Ms|Miss)\.?\))?"
# A name's word: "Priya", "MacLeod", "O'Neill", "Smith-Jones"; or an initial.
_WORD = r"(?:[A-Z]'[A-Z][a-z]+|[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?)"
_NAME = (
    rf"(?P<name>(?-i:{_TITLE}(?:\s+(?:{_WORD}|[A-Z]\.?)(?![\w']))"
    r"{1,3}))"
)
# A role right before the name: "GP: Dr Priya Raman", "her GP is Dr Hugh", "Consultant Dr Lee".
_ROLE_BEFORE = re.compile(
    rf"\b(?P<role>{ROLE})s?\b\s*(?P<sep>[:\-–,]|\b(?:is|was)\b)?\s*{_NAME}", re.IGNORECASE
)
# A role right after the name: "Dr Hugh Pemberton, Consultant Physician", "Dr Lee (pharmacist)",
# "Dr Hugh is her GP" (at most two words between, as "clinical nurse specialist" writes them).
_ROLE_AFTER = re.compile(
    rf"{_NAME}\s*(?:,|\(|[-–]|\b(?:is|was|as)\b)\s*(?:(?:her|his|their|the|a|an)\s+)?"
    rf"(?P<filler>(?:[A-Za-z'’]+\s+){{0,2}}?)(?P<role>{ROLE})s?\b(?!['’]s\b)",
    re.IGNORECASE,
)
# Words that set a role apart from the name beside it (review 33): "Dr Amy Cole (for the
# consultant)", "Her previous GP was Dr Ann Lowe", "copied to GP": no pairing.
_NOT_THEIRS = re.compile(
    r"\b(?:for|behalf|to|of|previous|previously|former|formerly|ex|prior|old)\b", re.IGNORECASE
)
_NOT_THEIRS_BEFORE = re.compile(
    r"\b(?:previous|previously|former|formerly|ex|prior|old|for|behalf\s+of)\s*-?\s*"
    r"(?:(?:her|his|their|the|a|an)\s+)?$",
    re.IGNORECASE,
)
# A role word right after another, as the head of a role phrase: "GP registrar", "consultant
# surgeon" (the first a modifier, the last the role).
_NEXT_ROLE = re.compile(rf"\s+(?P<role>{ROLE})s?\b(?!['’]s\b)", re.IGNORECASE)
_ROLE_ENDING = re.compile(rf"\b(?P<role>{ROLE})\s+$", re.IGNORECASE)
_INITIAL = re.compile(r"^[A-Z]\.?$")


@dataclass(frozen=True)
class _Pairing:
    role: str  # the role's name (_ROLES' value): the head of its role phrase
    name: str  # with its title, blanks made one space
    start: int  # of the name in its text
    end: int
    written: str  # the role and the name as the text writes them
    # The role words before the head ("consultant" of "consultant surgeon"): roles too.
    modifiers: frozenset[str] = frozenset()
    phrase: str = ""  # the whole role phrase, its roles' names ("consultant endocrinologist")

    def roles(self) -> set[str]:
        return {self.role, *self.modifiers}

    def words(self) -> list[str]:
        return self.name.split()[1:]


def _pairings(text: str, comma: bool = False) -> list[_Pairing]:
    """The text's plain pairings of a role and a titled name; a comma between a role and the
    name after it (``comma``) only where asked."""
    found = []
    for pattern in (_ROLE_BEFORE, _ROLE_AFTER):
        for match in pattern.finditer(text):
            if pattern is _ROLE_BEFORE and match.group("sep") == "," and not comma:
                continue
            modifiers: set[str] = set()
            words: list[str] = []
            if pattern is _ROLE_BEFORE:
                if _NOT_THEIRS_BEFORE.search(text, 0, match.start()):
                    continue
                head, end = match.group("role"), match.start("role")
                while (before := _ROLE_ENDING.search(text, 0, end)) is not None:
                    modifiers.add(_ROLES[before.group("role").lower()])
                    words.insert(0, _ROLES[before.group("role").lower()])
                    end = before.start()
            else:
                if _NOT_THEIRS.search(match.group("filler")) or _NOT_THEIRS.search(
                    text, match.end("name"), match.start("filler")
                ):
                    continue
                head, at = match.group("role"), match.end()
                while (after := _NEXT_ROLE.match(text, at)) is not None:
                    modifiers.add(_ROLES[head.lower()])
                    words.append(_ROLES[head.lower()])
                    head, at = after.group("role"), after.end()
            role = _ROLES[head.lower()]
            words.append(role)
            name = " ".join(match.group("name").split())
            written = " ".join(match.group().split())
            found.append(
                _Pairing(
                    role,
                    name,
                    match.start("name"),
                    match.end("name"),
                    written,
                    frozenset(modifiers - {role}),
                    " ".join(words),
                )
            )
    return found


def _same_person(a: _Pairing, b: _Pairing) -> bool:
    return _same_names(a.words(), b.words())


def _same_names(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether the names may be one person's: every full name word of each is in the other or
    stands there as its initial ("Dr Hugh" and "Dr Hugh Pemberton"; "Dr P Raman" and "Dr Priya
    Raman")."""
    return _within(a, b) or _within(b, a)


def _within(short: Sequence[str], long: Sequence[str]) -> bool:
    full = [w for w in short if not _INITIAL.match(w)]
    if not full:
        return False
    initials = {w[0] for w in long if _INITIAL.match(w)}
    words = {w.lower() for w in long}
    return all(w.lower() in words or w[0] in initials for w in full)


def check_roles(
    check: SentenceCheck, body: str, cited: Sequence[int], passages: Mapping[int, str]
) -> None:
    """Flag a person the sentence names for a role the cited passages give someone else, where
    they give that person another role (see the module's docstring)."""
    mine = _sentence_pairings(body)
    if not mine:
        return
    theirs = [(n, p) for n in cited for p in _pairings(passages[n])]
    for claim in mine:
        own_roles = [(n, p) for n, p in theirs if _same_person(claim, p)]
        if not own_roles:
            _flag_one_holder(check, claim, theirs, cited, passages)
            continue
        if any(
            claim.roles() & (p.roles() | _roles_after(passages[n], p.end)) for n, p in own_roles
        ):
            continue
        holders = [(n, p) for n, p in theirs if p.role == claim.role and not _same_person(claim, p)]
        if not holders:
            continue
        n, holder = holders[0]
        _, own = own_roles[0]
        check.add(
            "wrong_role",
            claim.name,
            f"[{n}] names {holder.name} as {claim.role}; {own.name} is the {own.phrase}",
            claim.start,
            quote=quoted(f"{holder.written} … {own.written}"),
            passage=n,
        )


# Roles a patient has one holder of: a person the passages name without a role is not her GP
# where they give GP to someone else (round 9: "Her GP is Dr Fiona MacLeod" against "GP: Dr
# Alan Reid. Dr Fiona MacLeod reviewed her today.").
_ONE_HOLDER = frozenset({"GP"})
_TITLED_NAME = re.compile(_NAME)


def _flag_one_holder(
    check: SentenceCheck,
    claim: _Pairing,
    theirs: Sequence[tuple[int, _Pairing]],
    cited: Sequence[int],
    passages: Mapping[int, str],
) -> None:
    """Flag ``claim`` where its role has one holder, a cited passage gives it to someone else,
    and the same passage names the sentence's person with no role."""
    if claim.role not in _ONE_HOLDER:
        return
    for n, holder in theirs:
        if holder.role != claim.role or _same_person(claim, holder):
            continue
        named = [
            m
            for m in _TITLED_NAME.finditer(passages[n])
            if _same_names(claim.words(), m.group("name").split()[1:])  # past the title
        ]
        if not named or any(_of_the_practice(passages[n], m) for m in named):
            continue
        name = " ".join(named[0].group("name").split())
        check.add(
            "wrong_role",
            claim.name,
            f"[{n}] names {holder.name} as {claim.role}; it names {name} without that role",
            claim.start,
            quote=quoted(holder.written),
            passage=n,
        )
        return


def _of_the_practice(text: str, named: re.Match[str]) -> bool:
    """Whether the passage ties the person it names without a role to the GP's practice: the
    practice or surgery in the same sentence ("Seen at the practice today by Dr Fiona MacLeod"),
    or partners anywhere ("Dr Alan Reid and Partners"). A partner of the practice is her GP too
    (review 34)."""
    if _PARTNERS.search(text):
        return True
    start = max(text.rfind(". ", 0, named.start()), text.rfind("\n", 0, named.start())) + 1
    ends = [i for i in (text.find(". ", named.end()), text.find("\n", named.end())) if i >= 0]
    return _PRACTICE.search(text, start, min(ends, default=len(text))) is not None


_PARTNERS = re.compile(r"\bpartners\b|\bsame\s+(?:practice|surgery)\b", re.I)
_PRACTICE = re.compile(
    r"\b(?:practice|surgery|health\s+cent(?:re|er)|medical\s+cent(?:re|er))\b", re.I
)


def _roles_after(text: str, end: int) -> set[str]:
    """Every role written after a name, up to the end of its clause or the next titled name
    ("Dr Ann Lowe, GP and practice nurse lead": GP and nurse): a person may hold more than the
    one role the plain pairing reads."""
    rest = text[end : end + _CLAUSE_REACH]
    stop = _CLAUSE_END.search(rest)
    rest = rest[: stop.start()] if stop else rest
    return {_ROLES[m.group(1).lower()] for m in _ANY_ROLE.finditer(rest)}


_CLAUSE_REACH = 80
_CLAUSE_END = re.compile(rf"[.;\n]|(?-i:{_TITLE})\s+[A-Z]")
_ANY_ROLE = re.compile(rf"\b({ROLE})s?\b", re.IGNORECASE)


def _sentence_pairings(body: str) -> list[_Pairing]:
    """The sentence's pairings, those after a comma left out unless the name is set apart as an
    aside ("her GP, Dr Hugh, ..."): "After seeing her GP, Dr Hugh reviewed her" names no GP."""
    found = []
    for pairing in _pairings(body, comma=True):
        before = body[: pairing.start].rstrip()
        if before.endswith(","):
            after = body[pairing.end :].lstrip()
            if after and after[0] not in ",.;)":
                continue
        found.append(pairing)
    return found

"""Numbered passages: what the model is shown, and what a citation resolves to."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from medlocal.fsutil import shown_name
from medlocal.vault.diversify import (
    NEAR_DUPLICATE,
    dated_apart,
    hit_date,
    jaccard,
    newer_version,
    versions_differ,
    word_set,
)
from medlocal.vault.records import SearchHit, pages_label
from medlocal.vault.respell import MIN_LENGTH, respell_candidates, respelling

SNIPPET_CHARS = 160


class Retriever(Protocol):
    """Hybrid search scoped to a patient, collection or documents (the vault satisfies this)."""

    def search(
        self,
        query_text: str,
        query_vector: npt.NDArray[np.float32] | None,
        *,
        patient_id: int | None = None,
        collection: str | None = None,
        document_ids: Sequence[int] | None = None,
        k: int = 8,
        embed_model_id: str | None = None,
    ) -> list[SearchHit]: ...


@dataclass(frozen=True)
class Scope:
    """Which documents a question or summary may draw on."""

    patient_id: int
    collection: str | None = None
    document_ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class NumberedPassage:
    """A passage as shown to the model under ``[number]``."""

    number: int
    hit: SearchHit

    def source(self) -> SourceRef:
        return SourceRef.from_hit(self.number, self.hit)


_HAS_DIGIT = re.compile(r"\d")
_OPENS_NUMBER = re.compile(r"[(+]?\d")


_WORD = re.compile(r"\S+")


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The start of ``text`` as a citation quotes it: blanks within a line made one, empty lines
    dropped, line breaks kept, so that a redacted export reads each line as the note wrote it
    (walk 32: flattened, "Seen: Harold Okafor" ran into the next line's "Post-discharge review"
    and the name took "Post-discharge" with it). Shown on one line (:func:`one_line`)."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    kept_text = "\n".join(line for line in lines if line)
    if len(kept_text) <= limit:
        return kept_text
    words = list(_WORD.finditer(kept_text))
    kept = [w for w in words if w.end() <= limit]
    if not kept:
        return kept_text[:limit] + " …"  # one word longer than the whole snippet
    # A number is not cut in two: the part left before the "…" is no identifier any rule can
    # read, and a redacted export kept it ("Telefone (51) …" of "(51) 3359-8000", walk 24).
    following = words[len(kept)].group()
    while len(kept) > 1 and _HAS_DIGIT.search(kept[-1].group()) and _OPENS_NUMBER.match(following):
        following = kept.pop().group()
    return kept_text[: kept[-1].end()] + " …"


def one_line(text: str) -> str:
    """A snippet as shown in a list or on paper: its lines joined by blanks."""
    return " ".join(text.split())


@dataclass(frozen=True)
class SourceRef:
    """Where a citation points: enough for a reference list and for the viewer to highlight."""

    number: int
    chunk_id: int
    document_id: int
    file_name: str
    page: int | None
    start: int
    end: int
    snippet: str
    last_page: int | None = None  # where the passage ends, when past ``page``
    scanned_pages: tuple[int, ...] = ()  # its pages read by OCR from a scan
    from_picture: bool = False  # some of its text read by OCR from a picture
    # Its pages showing a picture that was not read; (0,): its document has one (no pages).
    unread_picture_pages: tuple[int, ...] = ()

    @classmethod
    def from_hit(cls, number: int, hit: SearchHit) -> SourceRef:
        return cls(
            number=number,
            chunk_id=hit.chunk_id,
            document_id=hit.document_id,
            file_name=hit.file_name,
            page=hit.page,
            start=hit.start,
            end=hit.end,
            snippet=snippet(hit.text),
            last_page=hit.last_page,
            scanned_pages=hit.scanned_pages,
            from_picture=hit.from_picture,
            unread_picture_pages=hit.unread_picture_pages,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "chunk_id": self.chunk_id,
            "document_id": self.document_id,
            "file_name": self.file_name,
            "page": self.page,
            "start": self.start,
            "end": self.end,
            "snippet": self.snippet,
            "last_page": self.last_page,
            "scanned_pages": list(self.scanned_pages),
            "from_picture": self.from_picture,
            "unread_picture_pages": list(self.unread_picture_pages),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SourceRef:
        page = data.get("page")
        last_page = data.get("last_page")  # absent in outputs saved before it was recorded
        return cls(
            number=int(data["number"]),
            chunk_id=int(data["chunk_id"]),
            document_id=int(data["document_id"]),
            file_name=str(data["file_name"]),
            page=int(page) if page is not None else None,
            start=int(data["start"]),
            end=int(data["end"]),
            snippet=str(data.get("snippet", "")),
            last_page=int(last_page) if last_page is not None else None,
            # Absent in outputs saved before OCR'd passages were told apart.
            scanned_pages=tuple(int(n) for n in data.get("scanned_pages") or ()),
            # Absent in outputs saved before pictures were told (left55).
            from_picture=bool(data.get("from_picture")),
            unread_picture_pages=tuple(int(n) for n in data.get("unread_picture_pages") or ()),
        )

    @property
    def pages(self) -> str:
        """ "p. 3", "pp. 3-5" or ""."""
        return pages_label(self.page, self.last_page)

    @property
    def place(self) -> str:
        """Where the passage is, as a clinician reads it: the file and its pages, and which of
        them were read from a scan ("mixed.pdf, pp. 2–3 (read from a scan, p. 2)")."""
        where = f"{self.file_name}, {self.pages}" if self.page is not None else self.file_name
        return (
            where
            + scan_note(self.scanned_pages, self.page, self.last_page)
            + picture_note(self.from_picture, self.unread_picture_pages)
        )

    def label(self) -> str:
        """The place and the character offsets: exact, for a terminal and for auditing."""
        return f"{self.place}, chars {self.start}-{self.end}"


def scan_note(scanned: Sequence[int], first: int | None, last: int | None) -> str:
    """ " (read from a scan)" when OCR read all of a passage's pages, " (read from a scan,
    p. 2)" naming them when it read some (a mixed PDF), "" when none: OCR can misread a value
    with full confidence, so a cited passage so read is told apart (walk 50b, D4)."""
    if not scanned:
        return ""
    pages = set(range(first, (last or first) + 1)) if first is not None else set()
    if pages <= set(scanned):
        return " (read from a scan)"
    shown = sorted(set(scanned))
    named = f"p. {shown[0]}" if len(shown) == 1 else "pp. " + ", ".join(map(str, shown))
    return f" (read from a scan, {named})"


def picture_note(from_picture: bool, unread: Sequence[int]) -> str:
    """ " (read from a picture)" for a passage OCR read from a picture in a typed document (a
    passage from the middle of a long picture's text holds no mark of its own: left54 F5), and
    " (p. 2 shows a picture not read)" for one from a page whose picture was not read (OCR off,
    a format not decoded): the page may say more than the passage, and the import report that
    said so is long gone when an answer cites it. "" for neither."""
    notes = ["read from a picture"] if from_picture else []
    if 0 in unread:
        notes.append("its document has a picture not read")
    elif len(unread) == 1:
        notes.append(f"p. {unread[0]} shows a picture not read")
    elif unread:
        notes.append(f"pp. {', '.join(map(str, unread))} show pictures not read")
    return f" ({'; '.join(notes)})" if notes else ""


def number_hits(hits: Sequence[SearchHit], first: int = 1) -> list[NumberedPassage]:
    return [NumberedPassage(number=first + i, hit=h) for i, h in enumerate(hits)]


def render_passages(passages: Sequence[NumberedPassage]) -> str:
    """The passage block of a prompt: one numbered passage per paragraph, with its origin; a
    later passage of a table under its table's header row ("Columns: Date,Hb,K"), so the model
    can tell which number is the Hb (the passage's text, and what a citation of it points at,
    are its rows alone)."""
    blocks = []
    for p in passages:
        page = pages_label(p.hit.page, p.hit.last_page, short=False)
        page = f", {page}" if page else ""
        heading = f"{COLUMNS_LABEL}{p.hit.table_heading}\n" if p.hit.table_heading else ""
        blocks.append(f"[{p.number}] ({p.hit.file_name}{page})\n{heading}{p.hit.text.strip()}")
    return "\n\n".join(blocks)


# What the prompt puts before the header row of a later passage of a table.
COLUMNS_LABEL = "Columns: "


def checked_text(hit: SearchHit) -> str:
    """A passage as the grounding checks read it: its text, under its table's header row where
    it lacks one (``SearchHit.table_heading``), so that each of its rows' numbers is read as its
    column's (rag/binding.py). Only the checks read it so: a citation still points at the
    passage's own characters."""
    return hit.headed_text


def checked_texts(passages: Sequence[NumberedPassage]) -> dict[int, str]:
    """The passages by number, as the grounding checks read them (``checked_text``)."""
    return {p.number: checked_text(p.hit) for p in passages}


def differing_versions(passages: Sequence[NumberedPassage]) -> list[tuple[int, int]]:
    """Pairs (newer, older) of passage numbers that are versions of one text from different
    documents (near-duplicates, see ``medlocal.vault.diversify``) that differ clinically: a
    revised summary and the original it replaces. Documents whose own dates differ
    (``dated_apart``: lab reports of one layout a year apart) are a series, not versions (walk
    42g). Newer is the later own date, else the later-imported document (``newer_version``)."""
    words = [word_set(p.hit.text) for p in passages]
    pairs = []
    for i, a in enumerate(passages):
        for j in range(i + 1, len(passages)):
            b = passages[j]
            if a.hit.document_id == b.hit.document_id or dated_apart(a.hit, b.hit):
                continue
            if jaccard(words[i], words[j]) < NEAR_DUPLICATE:
                continue
            if versions_differ(a.hit.text, b.hit.text):
                newer, older = (a, b) if newer_version(a.hit, b.hit) else (b, a)
                pairs.append((newer.number, older.number))
    return pairs


def version_notes(passages: Sequence[NumberedPassage]) -> list[str]:
    """One line per pair of ``differing_versions``, naming both files and the import order
    that calls one newer, with the own date they share where they share one (versions never
    have two own dates that read as different days: those are a series); for the clinician and
    the model alike."""
    by_number = {p.number: p for p in passages}
    lines = []
    for new, old in differing_versions(passages):
        newer, older = by_number[new].hit, by_number[old].hit
        shared = hit_date(newer)
        why = f"[{new}] was imported later"
        if shared is not None and shared == hit_date(older):
            why = f"both are dated {shared}; {why}"
        lines.append(
            f"Passages [{new}] ({shown_name(newer.file_name)}) and [{old}] "
            f"({shown_name(older.file_name)}) are two "
            f"versions of the same text that differ; {why}. Check which one is current."
        )
    return lines


_PASSAGE_WORD = re.compile(r"[A-Za-z]+")


def respelling_notes(question: str, passages: Sequence[NumberedPassage]) -> list[str]:
    """One line per word of ``question`` that no passage writes and that search read as a word
    a passage does write (medlocal/vault/respell.py: no English word or known drug, within a
    small edit distance of one passage word that is a known drug's name): "'linaglipton' in
    the question was read as 'Linagliptin' [3]", for the model and the clinician alike (walk
    42g: the answer was about sertraline and nothing said how the question had been read)."""
    written: dict[str, tuple[str, int]] = {}  # lower case -> (as first written, passage number)
    for p in passages:
        for word in _PASSAGE_WORD.findall(p.hit.text):
            if len(word) >= MIN_LENGTH - 1:
                written.setdefault(word.lower(), (word, p.number))
    lines = []
    for word in respell_candidates(question):
        if word in written:
            continue
        near = respelling(word, written)
        if near is not None:
            shown, number = written[near]
            lines.append(f"'{word}' in the question was read as '{shown}' [{number}]")
    return lines


def file_notes(passages: Sequence[NumberedPassage]) -> list[str]:
    """One line per document of ``passages`` whose import noted where the file belongs
    (``SearchHit.file_notes``: it names another patient of this vault), naming its passages:
    an answer resting on a letter filed under the wrong patient must say so (walk 30)."""
    by_document: dict[int, list[NumberedPassage]] = {}
    for p in passages:
        if p.hit.file_notes:
            by_document.setdefault(p.hit.document_id, []).append(p)
    lines = []
    for given in by_document.values():
        numbers = ", ".join(f"[{p.number}]" for p in given)
        which = "Passage" if len(given) == 1 else "Passages"
        hit = given[0].hit
        # The note is printed by `medlocal ask`: a name's ESC or U+202E must not reach the
        # terminal raw (review 43b R7).
        name = shown_name(hit.file_name)
        lines += [f"{which} {numbers} ({name}): {note}" for note in hit.file_notes]
    return lines


def summary_file_notes(passages: Sequence[NumberedPassage], cited: Collection[int]) -> list[str]:
    """``file_notes`` for a summary: every passage of the chosen documents was given, so the
    note names the passages the summary cites (as an answer's does), or, where it cites none of
    that document, says the document was summarised all the same: its text may still have
    shaped the summary (walk 40b: a summary cited another patient's discharge letter with no
    note, though an answer citing it carried one)."""
    lines = file_notes([p for p in passages if p.number in cited])
    noted_cited = {p.hit.document_id for p in passages if p.number in cited and p.hit.file_notes}
    seen: set[int] = set()
    for p in passages:
        hit = p.hit
        if not hit.file_notes or hit.document_id in noted_cited or hit.document_id in seen:
            continue
        seen.add(hit.document_id)
        name = shown_name(hit.file_name)
        lines += [f"{name} (summarised, no passage cited): {n}" for n in hit.file_notes]
    return lines


# At most this many uncited documents are named; the rest are counted.
_UNCITED_NAMED = 8


def uncited_documents_note(passages: Sequence[NumberedPassage], cited: Collection[int]) -> str:
    """A note naming the chosen documents (those ``passages`` come from) that no statement of
    the summary cites (``cited``: the passage numbers its text cites), "" where it cites every
    one. Every passage of them was given, but a summary that cites one letter of four reads as
    if the others held nothing (walk 51b: a problem list of a fracture, a DEXA scan and its
    osteoporosis cited only the French letter, and nothing said so)."""
    names: dict[int, str] = {}
    for p in passages:
        names.setdefault(p.hit.document_id, shown_name(p.hit.file_name))
    used = {p.hit.document_id for p in passages if p.number in cited}
    left = [name for document, name in names.items() if document not in used]
    if not left:
        return ""
    shown = ", ".join(left[:_UNCITED_NAMED])
    if len(left) > _UNCITED_NAMED:
        shown += f" and {len(left) - _UNCITED_NAMED} more"
    them = "them"
    if len(names) == 1:
        head, them = "The document you chose is", "it"
    elif len(left) == len(names):
        head = f"None of the {len(names)} documents you chose is"
    else:
        verb = "is" if len(left) == 1 else "are"
        head = f"{len(left)} of the {len(names)} documents you chose {verb}"
    what = "What it holds" if them == "it" or len(left) == 1 else "What they hold"
    return (
        f"{head} {'' if head.startswith('None') else 'not '}cited by this summary: {shown}."
        f" {what} may be missing from it: read {'it' if len(left) == 1 else 'them'}."
    )


def passage_record(p: NumberedPassage) -> dict[str, Any]:
    """Provenance entry for a passage given to the model (ids and scores, no text)."""
    return {
        "number": p.number,
        "chunk_id": p.hit.chunk_id,
        "document_id": p.hit.document_id,
        "page": p.hit.page,
        "score": p.hit.score,
        "vector_score": p.hit.vector_score,
        "bm25_score": p.hit.bm25_score,
    }

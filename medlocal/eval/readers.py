"""Benchmark files in their published formats, detected from their content.

MedQA (JSONL: ``question``, ``options`` {A..}, ``answer_idx``), MedMCQA (JSON lines: ``question``,
``opa``..``opd``, ``cop`` 1-4 or 0-3, ``subject_name``), PubMedQA (``ori_pqal.json``, a dict keyed
by PMID, optionally filtered by a ``{PMID: label}`` ground-truth file) and MMLU-style CSV
(question, A, B, C, D, answer; no header). Anything else is a :class:`BenchmarkFileError`: one
line naming the file, the line and what is wrong (the CLI exits 2). A malformed record fails the
whole file rather than being skipped: a score over a silently shortened file is not comparable.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from medlocal.errors import UserInputError
from medlocal.eval.items import LETTERS, YES_NO_MAYBE, Dataset, Item

FORMATS = ("medqa", "medmcqa", "pubmedqa", "mmlu")
MAX_BYTES = 512 * 1024 * 1024  # the largest published file (MedMCQA train) is ~160 MB
_KNOWN = "MedQA or MedMCQA JSONL, PubMedQA ori_pqal.json, or MMLU-style CSV"


class BenchmarkFileError(UserInputError):
    """A benchmark file that cannot be read as any supported format."""


def read_benchmark(
    path: str | Path,
    fmt: str = "auto",
    *,
    labels: str | Path | None = None,
    cop_base: int | None = None,
) -> Dataset:
    """Read ``path`` (``fmt``: auto or one of :data:`FORMATS`). ``labels`` is PubMedQA's
    ground-truth file (only its PMIDs are kept, with its labels); ``cop_base`` sets MedMCQA's
    answer index base when the data cannot show it."""
    file = Path(path).expanduser()
    raw = _read_bytes(file)
    text = _decode(file, raw)
    if not text.strip():
        raise BenchmarkFileError(f"{file.name}: the file is empty.")
    chosen = detect_format(file, text) if fmt == "auto" else fmt
    if chosen not in FORMATS:
        raise BenchmarkFileError(f"Unknown format {fmt!r}: choose auto or one of {FORMATS}.")
    if labels is not None and chosen != "pubmedqa":
        raise BenchmarkFileError("A labels file is only used with PubMedQA's ori_pqal.json.")
    digest = hashlib.sha256(raw)
    notes: list[str] = []
    if chosen == "medqa":
        items = _medqa(file, text)
    elif chosen == "medmcqa":
        items = _medmcqa(file, text, cop_base, notes)
    elif chosen == "pubmedqa":
        keep = None
        if labels is not None:
            label_file = Path(labels).expanduser()
            label_raw = _read_bytes(label_file)
            digest.update(label_raw)
            keep = _pubmedqa_labels(label_file, _decode(label_file, label_raw))
            notes.append(f"filtered to the {len(keep)} PMIDs of {label_file.name}")
        items = _pubmedqa(file, text, keep)
    else:
        items = _mmlu(file, text)
    if not items:
        raise BenchmarkFileError(f"{file.name}: no questions in the file.")
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        raise BenchmarkFileError(f"{file.name}: question ids repeat (two records share an id).")
    return Dataset(file.name, chosen, tuple(items), digest.hexdigest(), tuple(notes))


def _read_bytes(file: Path) -> bytes:
    try:
        if file.stat().st_size > MAX_BYTES:
            raise BenchmarkFileError(f"{file.name}: larger than any benchmark file (over 512 MB).")
        return file.read_bytes()
    except FileNotFoundError as err:
        raise BenchmarkFileError(f"No such file: {file}") from err
    except IsADirectoryError as err:
        raise BenchmarkFileError(f"{file} is a folder, not a benchmark file.") from err
    except OSError as err:
        raise BenchmarkFileError(f"Cannot read {file}: {err.strerror or err}.") from err


def _decode(file: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise BenchmarkFileError(f"{file.name}: not UTF-8 text ({_KNOWN} expected).") from err


def detect_format(file: Path, text: str) -> str:
    """Which format ``text`` is, from its shape and keys; a clear error when it is none."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            whole = json.loads(text)
        except json.JSONDecodeError:
            whole = None  # JSON lines: one object per line
        if isinstance(whole, dict) and whole:
            first = next(iter(whole.values()))
            if isinstance(first, dict) and "QUESTION" in first:
                return "pubmedqa"
            if isinstance(first, str) and all(v in YES_NO_MAYBE for v in whole.values()):
                raise BenchmarkFileError(
                    f"{file.name} is PubMedQA's ground-truth labels: give ori_pqal.json as the "
                    "data and this file as the labels."
                )
        record = _first_record(file, text)
        if "opa" in record:
            return "medmcqa"
        if "options" in record:
            return "medqa"
        if "QUESTION" in record:
            return "pubmedqa"
        raise BenchmarkFileError(
            f"{file.name} line 1: a JSON record with neither MedQA keys (question, options, "
            f"answer_idx) nor MedMCQA keys (question, opa..opd, cop)."
        )
    if stripped.startswith("["):
        raise BenchmarkFileError(f"{file.name}: a JSON array is not a supported format ({_KNOWN}).")
    rows = _csv_rows(text)
    first = next((row for row in rows if any(cell.strip() for cell in row)), [])
    if len(first) == 6:
        return "mmlu"
    # The line that decided it, as every other bad file's message names one (walk 52a L6).
    number = next((n for n, line in enumerate(text.splitlines(), 1) if line.strip()), 0)
    if not number:
        raise BenchmarkFileError(f"{file.name}: the file is empty.")
    raise BenchmarkFileError(
        f"{file.name} line {number}: not a recognised benchmark file ({_KNOWN}): the line is "
        f"neither a JSON record nor a CSV row of 6 columns (it has {len(first)})."
    )


def _first_record(file: Path, text: str) -> dict[str, Any]:
    for number, record in _json_lines(file, text):
        del number
        return record
    raise BenchmarkFileError(f"{file.name}: the file is empty.")


def _json_lines(file: Path, text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise BenchmarkFileError(f"{file.name} line {number}: not valid JSON.") from err
        if not isinstance(record, dict):
            raise BenchmarkFileError(f"{file.name} line {number}: not a JSON object.")
        yield number, record


def _text(file: Path, number: int, record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise BenchmarkFileError(f"{file.name} line {number}: missing or empty {key!r}.")
    return value.strip()


def _answer_stands_alone(
    file: Path, number: int, pairs: tuple[tuple[str, str], ...], answer: str
) -> None:
    """Refuse a question whose answer's option is written again under another letter:
    likelihood scores the two alike and gives the tie to the first letter, and generate mode
    cannot tell which one an answer names (walk 46b D5: {"A": "x", "B": "x"} with answer A was
    scored correct). Two wrong options alike are left as they are: the answer is still one
    option, and refusing them would refuse a public file for a harmless slip."""
    texts = {letter: " ".join(option.casefold().split()) for letter, option in pairs}
    for letter, key in texts.items():
        if letter != answer and key == texts.get(answer):
            first, second = sorted((answer, letter))
            raise BenchmarkFileError(
                f"{file.name} line {number}: options {first} and {second} are the same "
                f"({dict(pairs)[letter]!r}) and one of them is the answer; each option must say "
                "something different."
            )


def _medqa(file: Path, text: str) -> list[Item]:
    items = []
    for number, record in _json_lines(file, text):
        question = _text(file, number, record, "question")
        options = record.get("options")
        if isinstance(options, list):  # the bigbio layout: [{"key": "A", "value": ...}]
            options = {o.get("key"): o.get("value") for o in options if isinstance(o, dict)}
        if not isinstance(options, dict):
            raise BenchmarkFileError(f"{file.name} line {number}: 'options' must map A, B, ...")
        if len(options) < 2:
            raise BenchmarkFileError(
                f"{file.name} line {number}: a question needs at least two options (A, B, ...)."
            )
        labels = sorted(options)
        if labels != list(LETTERS[: len(labels)]):
            raise BenchmarkFileError(
                f"{file.name} line {number}: option letters must run A, B, C... (got "
                f"{', '.join(map(str, labels))})."
            )
        pairs = tuple((label, _text(file, number, options, label)) for label in labels)
        answer = _text(file, number, record, "answer_idx").upper()
        if answer not in labels:
            raise BenchmarkFileError(
                f"{file.name} line {number}: answer_idx {answer!r} is not one of the options "
                f"{labels[0]}-{labels[-1]}."
            )
        _answer_stands_alone(file, number, pairs, answer)
        subject = record.get("meta_info")
        item_id = str(record.get("id", number))
        items.append(Item(item_id, question, pairs, answer, str(subject or "")))
    return items


def _medmcqa(file: Path, text: str, cop_base: int | None, notes: list[str]) -> list[Item]:
    records = list(_json_lines(file, text))
    cops: list[int] = []
    for number, record in records:
        cop = record.get("cop")
        if isinstance(cop, str) and cop.strip().lstrip("-").isdigit():
            cop = int(cop)
        if not isinstance(cop, int) or isinstance(cop, bool) or cop < 0:
            raise BenchmarkFileError(
                f"{file.name} line {number}: missing answer key 'cop' (the published test split "
                "has no answers; use the dev split)."
            )
        cops.append(cop)
    base = _cop_base(file, cops, cop_base)
    notes.append(f"MedMCQA answer index base {base} ({'detected' if cop_base is None else 'set'})")
    items = []
    for (number, record), cop in zip(records, cops, strict=True):
        question = _text(file, number, record, "question")
        pairs = tuple(
            (letter, _text(file, number, record, key))
            for letter, key in zip("ABCD", ("opa", "opb", "opc", "opd"), strict=True)
        )
        index = cop - base
        if not 0 <= index < 4:
            raise BenchmarkFileError(
                f"{file.name} line {number}: cop {cop} is out of range for base {base}."
            )
        _answer_stands_alone(file, number, pairs, "ABCD"[index])
        item_id = str(record.get("id", number))
        subject = str(record.get("subject_name") or "")
        items.append(Item(item_id, question, pairs, "ABCD"[index], subject))
    return items


def _cop_base(file: Path, cops: list[int], chosen: int | None) -> int:
    """0 or 1. The data shows it when it holds a 0 (0-3) or a 4 (1-4); otherwise the flag."""
    seen = set(cops)
    shown = 0 if 0 in seen else 1 if 4 in seen else None
    if 0 in seen and 4 in seen:
        raise BenchmarkFileError(f"{file.name}: 'cop' holds both 0 and 4; answers span 5 values.")
    if chosen is not None:
        if chosen not in (0, 1):
            raise BenchmarkFileError("The MedMCQA answer base must be 0 or 1.")
        if shown is not None and shown != chosen:
            raise BenchmarkFileError(
                f"{file.name}: 'cop' values show base {shown}, but base {chosen} was given."
            )
        return chosen
    if shown is None:
        raise BenchmarkFileError(
            f"{file.name}: 'cop' holds only 1-3, so its base (0-3 or 1-4) cannot be told from "
            "the data: set it (--cop-base 0 or 1)."
        )
    return shown


def _pubmedqa_labels(file: Path, text: str) -> dict[str, str]:
    data = _json_object(file, text)
    labels: dict[str, str] = {}
    for pmid, label in data.items():
        if not isinstance(label, str) or label.strip().lower() not in YES_NO_MAYBE:
            raise BenchmarkFileError(
                f"{file.name}: PMID {pmid}: label must be yes, no or maybe (a ground-truth file "
                "maps PMID to label)."
            )
        labels[str(pmid)] = label.strip().lower()
    return labels


def _json_object(file: Path, text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise BenchmarkFileError(
            f"{file.name}: not valid JSON (line {err.lineno}: {err.msg})."
        ) from err
    if not isinstance(data, dict) or not data:
        raise BenchmarkFileError(f"{file.name}: expected a JSON object keyed by PMID.")
    return data


def _pubmedqa(file: Path, text: str, keep: dict[str, str] | None) -> list[Item]:
    data = _json_object(file, text)
    if keep is not None:
        missing = [pmid for pmid in keep if pmid not in data]
        if missing:
            raise BenchmarkFileError(
                f"{file.name}: {len(missing)} PMID(s) of the labels file are not in the data "
                f"(first: {missing[0]})."
            )
    items = []
    for pmid, record in data.items():
        if keep is not None and pmid not in keep:
            continue
        where = f"{file.name}: PMID {pmid}"
        if not isinstance(record, dict):
            raise BenchmarkFileError(f"{where}: not a JSON object.")
        question = record.get("QUESTION")
        contexts = record.get("CONTEXTS")
        if not isinstance(question, str) or not question.strip():
            raise BenchmarkFileError(f"{where}: missing or empty 'QUESTION'.")
        if not isinstance(contexts, list) or not all(isinstance(c, str) for c in contexts):
            raise BenchmarkFileError(f"{where}: 'CONTEXTS' must be a list of passages.")
        label = keep[pmid] if keep is not None else record.get("final_decision")
        if not isinstance(label, str) or label.strip().lower() not in YES_NO_MAYBE:
            raise BenchmarkFileError(
                f"{where}: missing answer key 'final_decision' (yes/no/maybe)."
            )
        options = tuple((word, word) for word in YES_NO_MAYBE)
        context = "\n".join(c.strip() for c in contexts)
        items.append(
            Item(str(pmid), question.strip(), options, label.strip().lower(), context=context)
        )
    return items


def _csv_rows(text: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error:
        return []


def _mmlu(file: Path, text: str) -> list[Item]:
    subject = _mmlu_subject(file.stem)
    items = []
    for number, row in enumerate(_csv_rows(text), start=1):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 6:
            raise BenchmarkFileError(
                f"{file.name} line {number}: {len(row)} columns; MMLU rows have 6 (question, "
                "A, B, C, D, answer; no header)."
            )
        cells = [cell.strip() for cell in row]
        question = _cell(file, number, cells[0], "question")
        pairs = tuple(
            (letter, _cell(file, number, cells[i + 1], letter)) for i, letter in enumerate("ABCD")
        )
        answer = cells[5].upper()
        if answer not in "ABCD" or len(answer) != 1:
            what = "a header row" if number == 1 and answer == "ANSWER" else f"answer {cells[5]!r}"
            raise BenchmarkFileError(
                f"{file.name} line {number}: {what}; the answer column must be A, B, C or D."
            )
        _answer_stands_alone(file, number, pairs, answer)
        items.append(Item(str(number), question, pairs, answer, subject))
    return items


def _cell(file: Path, number: int, value: str, name: str) -> str:
    if not value:
        raise BenchmarkFileError(f"{file.name} line {number}: empty {name}.")
    return value


def _mmlu_subject(stem: str) -> str:
    # MMLU names its files <subject>_<split>.csv (clinical_knowledge_test.csv).
    for split in ("_test", "_dev", "_val"):
        if stem.endswith(split):
            return stem[: -len(split)]
    return stem

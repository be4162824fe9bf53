"""Evaluation runs stored as files: ``<data>/evaluations/<run id>/run.json`` (what was run: file,
model, settings, status, summary) and ``answers.jsonl`` (one line per question, appended and
fsynced as each is answered, so an interrupted run resumes where it stopped).

Benchmark questions are public data and a run holds no patient data, so runs live outside the
vault. A run's id is a hash of everything that decides its answers (file, model, settings, the
questions chosen): asking for the same evaluation again finds the same run and resumes it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medlocal import paths
from medlocal.errors import UserInputError
from medlocal.eval.records import EvalSettings, ItemResult
from medlocal.eval.stats import Summary, summarize
from medlocal.fsutil import atomic_write_private, private_dir

RUN_FILE, ANSWERS_FILE = "run.json", "answers.jsonl"
RUNNING, CANCELLED, COMPLETE = "running", "cancelled", "complete"


def default_runs_dir() -> Path:
    return private_dir(paths.data_dir() / "evaluations")


@dataclass
class EvalRun:
    run_id: str
    created: str
    status: str
    dataset: dict[str, Any]  # name, format, sha256, notes, questions in the file
    model: dict[str, Any]  # the model's provenance: name, path, sha256, engine, context...
    settings: EvalSettings
    item_ids: list[str]
    results: list[ItemResult] = field(default_factory=list)
    peak_rss_bytes: int = 0
    sessions: int = 1  # how many times the run was started (2+: it was resumed)

    @property
    def summary(self) -> Summary:
        return summarize(self.results)

    @property
    def done(self) -> set[str]:
        return {r.id for r in self.results}

    @property
    def label(self) -> str:
        return f"{self.model.get('name', '?')} · {self.settings.mode}"

    def meta(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "created": self.created,
            "status": self.status,
            "dataset": self.dataset,
            "model": self.model,
            "settings": self.settings.as_dict(),
            "item_ids": self.item_ids,
            "peak_rss_bytes": self.peak_rss_bytes,
            "sessions": self.sessions,
            "answered": len(self.results),
        }

    def as_dict(self, *, items: bool = True) -> dict[str, Any]:
        """Everything, with the summary's keys (``accuracy``, ``invalid_rate``...) at the top."""
        data = self.meta()
        data.update(self.summary.as_dict())
        if items:
            data["items"] = [r.as_dict() for r in self.results]
        return data


def run_key(
    dataset_sha256: str, model_sha256: str, settings: EvalSettings, item_ids: list[str]
) -> str:
    blob = json.dumps(
        [dataset_sha256, model_sha256, settings.as_dict(), item_ids], sort_keys=True
    ).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


class RunStore:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = private_dir(folder) if folder is not None else default_runs_dir()

    def _path(self, run_id: str) -> Path:
        if not run_id or not all(c in "0123456789abcdef" for c in run_id):
            raise UserInputError(f"No evaluation run {run_id!r} (see 'medlocal eval list').")
        return self.folder / run_id

    def start(self, run: EvalRun, *, fresh: bool = False) -> EvalRun:
        """The stored run with ``run``'s id, resumed (its answers kept), or ``run`` saved new."""
        folder = self._path(run.run_id)
        if folder.exists() and not fresh:
            stored = self.get(run.run_id)
            stored.sessions += 1
            if stored.status != COMPLETE:
                stored.status = RUNNING
            self.save(stored)
            return stored
        private_dir(folder)
        (folder / ANSWERS_FILE).write_bytes(b"")
        self.save(run)
        return run

    def save(self, run: EvalRun) -> None:
        data = run.meta()
        if run.status == COMPLETE:
            data["summary"] = run.summary.as_dict()
        text = json.dumps(data, indent=2, sort_keys=True)
        atomic_write_private(self._path(run.run_id) / RUN_FILE, text.encode("utf-8"))

    def append(self, run: EvalRun, result: ItemResult) -> None:
        """Add one answer durably (a crash loses at most the question being asked)."""
        line = json.dumps(result.as_dict(), sort_keys=True) + "\n"
        fd = os.open(
            self._path(run.run_id) / ANSWERS_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600
        )
        try:
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        run.results.append(result)

    def get(self, run_id: str) -> EvalRun:
        folder = self._path(run_id)
        try:
            meta = json.loads((folder / RUN_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError as err:
            raise UserInputError(f"No evaluation run {run_id} (see 'medlocal eval list').") from err
        except (OSError, ValueError) as err:
            raise UserInputError(f"The evaluation run {run_id} cannot be read.") from err
        return EvalRun(
            run_id=meta["run_id"],
            created=meta["created"],
            status=meta["status"],
            dataset=meta["dataset"],
            model=meta["model"],
            settings=EvalSettings.from_dict(meta["settings"]),
            item_ids=list(meta["item_ids"]),
            results=_read_answers(folder / ANSWERS_FILE),
            peak_rss_bytes=int(meta.get("peak_rss_bytes", 0)),
            sessions=int(meta.get("sessions", 1)),
        )

    def list(self) -> list[dict[str, Any]]:
        """Every stored run's ``run.json``, newest first (no answers read)."""
        found = []
        for child in self.folder.iterdir():
            try:
                meta = json.loads((child / RUN_FILE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # a folder without a readable run.json is not a run
            if meta.get("status") != COMPLETE:
                # run.json is written at a run's start and end; the answers file grows with
                # each answer (walk 30: a run in progress was listed at "0/6" with 4 answered).
                meta["answered"] = _answered(child / ANSWERS_FILE, meta.get("answered", 0))
            found.append(meta)
        return sorted(
            found, key=lambda m: (m.get("created", ""), m.get("run_id", "")), reverse=True
        )


def _answered(path: Path, recorded: Any) -> Any:
    """How many whole answers ``path`` holds (a torn last line is no answer); ``recorded``
    where it cannot be read."""
    try:
        return path.read_bytes().count(b"\n")
    except OSError:
        return recorded


def _read_answers(path: Path) -> list[ItemResult]:
    """The answers stored so far. A torn last line (a crash mid-write) is cut off the file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    results: list[ItemResult] = []
    good = 0
    for line in raw.splitlines(keepends=True):
        try:
            if not line.endswith(b"\n"):
                raise ValueError("torn line")
            results.append(ItemResult.from_dict(json.loads(line)))
        except (ValueError, TypeError):
            break
        good += len(line)
    if good < len(raw):
        with path.open("r+b") as handle:
            handle.truncate(good)
    return results


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

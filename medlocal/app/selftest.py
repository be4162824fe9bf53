"""``medlocal --selftest``: a headless end-to-end check for installers and support.

A throwaway vault in a private temporary folder (never the user's), the bundled sample record
imported, a grounded question answered with its citations checked against the passages the
model was given, a scanned page read, a sentence redacted, then the vault locked. Prints
``PASS`` or ``FAIL: <step>: <reason>``. The answer's wording is not judged (the demo model is
tiny); the pipeline around it is.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from medlocal import paths
from medlocal.app.workspace import Workspace
from medlocal.errors import MedLocalError
from medlocal.privacy import netguard
from medlocal.privacy.deid_tagger import shipped_tagger
from medlocal.privacy.redact import Redactor
from medlocal.vault.errors import VaultLockedError
from medlocal.vault.keys import KdfParams

SAMPLE = "samples/sample-discharge-summary.txt"
ANSWER_TOKENS = 96  # the check is the pipeline, not the prose: a short answer will do
OCR_LINE = "Warfarin 5 mg daily"
QUESTION = "Which antibiotic was the patient discharged on, and at what dose?"
REDACT_LINE = (
    "Seen with her daughter Ewa Kowalczyk at Tidewater Outreach, Ashby. Murphy's sign negative; "
    "apixaban 5 mg."
)
# A throwaway vault: a light Argon2id cost keeps the check quick; real vaults use the default.
SELFTEST_KDF = KdfParams(16 * 1024, 1, 1)


class SelftestFailure(Exception):
    pass


@dataclass
class SelftestState:
    workspace: Workspace
    sample: Path
    patient_id: int = 0
    answer: Any = None
    timings: dict[str, float] = field(default_factory=dict)


def _require(condition: bool, reason: str) -> None:
    if not condition:
        raise SelftestFailure(reason)


def _offline(state: SelftestState) -> None:
    _require(netguard.is_installed(), "the network guard is not installed")


def _create(state: SelftestState) -> None:
    ws = state.workspace
    ws.create_vault("selftest passphrase", "selftest passphrase")
    state.patient_id = ws.require_vault().add_patient("Selftest Patient")


def _import(state: SelftestState) -> None:
    report = state.workspace.import_documents([state.sample], state.patient_id)
    _require(len(report.imported) == 1, f"the sample was not imported ({report.failed})")


def _ask(state: SelftestState) -> None:
    ws = state.workspace
    session = ws.grounded_chat(state.patient_id, params=ws.sampling(max_tokens=ANSWER_TOKENS))
    state.answer = session.ask(QUESTION).consume()
    answer = state.answer
    _require(bool(answer.passages), "no passage was retrieved for the question")
    given = {p.number: p.hit for p in answer.passages}
    for source in answer.sources:
        hit = given.get(source.number)
        if hit is None:
            raise SelftestFailure(f"citation [{source.number}] names no given passage")
        _require(source.chunk_id == hit.chunk_id, f"citation [{source.number}] points elsewhere")
    texts = " ".join(p.hit.text.lower() for p in answer.passages)
    _require("amoxicillin" in texts, "retrieval missed the passage that answers the question")
    _require(answer.status in ("answered", "not_found"), f"unexpected status {answer.status}")


def _ocr(state: SelftestState) -> None:
    """A line of print drawn as pixels, imported as a photo: proves the bundled OCR engine, its
    models and the headless OpenCV load and read (installers must not drop them)."""
    from PIL import Image, ImageDraw, ImageFont

    from medlocal.ingest.ocr.engine import engine_info

    info = engine_info()
    _require(info.available, f"OCR is unavailable: {info.reason}")
    image = Image.new("L", (900, 120), 255)
    font = ImageFont.load_default(size=44)  # Pillow's embedded font: no font file needed
    ImageDraw.Draw(image).text((30, 30), OCR_LINE, fill=0, font=font)
    # Beside the throwaway vault, in the private temporary folder removed after the check.
    scan = state.workspace.vault_folder.parent / "selftest-scan.png"
    image.save(scan)
    report = state.workspace.import_documents([scan], state.patient_id)
    _require(len(report.imported) == 1, f"the scanned line was not imported ({report.failed})")
    found = state.workspace.search("warfarin", patient_id=state.patient_id)
    _require(
        any("warfarin" in hit.text.lower() for hit in found),
        "OCR did not read the scanned line back",
    )


def _redact(state: SelftestState) -> None:
    # The redacted export's engine, its word lists and the statistical line's model (CRFsuite,
    # a compiled extension the bundle must carry) on one sentence.
    out = Redactor(shift_days=1).redact(REDACT_LINE)
    _require(
        not any(word in out for word in ("Kowalczyk", "Tidewater", "Ashby")),
        "an identifier survived redaction",
    )
    _require("Murphy's sign" in out and "apixaban 5 mg" in out, "a clinical term was redacted")
    _require(
        bool(shipped_tagger().spans(REDACT_LINE)), "the de-identification tagger found nothing"
    )


def _redact_in_child(state: SelftestState) -> None:
    """The window's redacted preview runs the rules in a spawned child process (deid_child):
    proves the bundle starts one (freeze_support at the frozen entry point), with its word lists
    and patterns, over pipes only (this check runs without a network), and that it plans what
    the rules in this process plan."""
    from medlocal.privacy.deid_child import ChildRules
    from medlocal.privacy.deid_identity import PatientIdentity
    from medlocal.privacy.deid_jobs import IN_PROCESS, RedactorSpec

    spec = RedactorSpec(PatientIdentity(), shift_days=1)
    fields = [("body", REDACT_LINE)]
    child = ChildRules()
    try:
        planned = child.plan(fields, spec)
    finally:
        child.close()
    # The window would carry on with the rules in its own process (and pause): a bundle that
    # cannot run the child is still a failed install.
    _require(not child.runs_here, "the rules' own process cannot run (see the log)")
    here = IN_PROCESS.plan(fields, spec)
    _require(
        planned.apply("body", REDACT_LINE) == here.apply("body", REDACT_LINE),
        "the rules' own process planned otherwise than this process",
    )
    _require("Kowalczyk" not in planned.apply("body", REDACT_LINE), "an identifier survived")


def _lock(state: SelftestState) -> None:
    ws = state.workspace
    ws.lock("selftest")
    try:
        ws.search("amoxicillin")
    except VaultLockedError:
        return
    raise SelftestFailure("the vault still answered after locking")


STEPS: list[tuple[str, Callable[[SelftestState], None]]] = [
    ("offline guard", _offline),
    ("create vault", _create),
    ("import sample", _import),
    ("grounded answer", _ask),
    ("scanned page (OCR)", _ocr),
    ("redaction", _redact),
    ("redaction in its own process", _redact_in_child),
    ("lock", _lock),
]


def run_selftest(out: TextIO) -> int:
    """Run every step; 0 and ``PASS`` when all pass, 1 and ``FAIL: step: reason`` otherwise."""
    started = time.perf_counter()
    sample = paths.resources_dir() / SAMPLE
    with tempfile.TemporaryDirectory(prefix="medlocal-selftest-") as folder:
        Path(folder).chmod(0o700)
        workspace = Workspace(Path(folder) / "vault", kdf_params=SELFTEST_KDF)
        state = SelftestState(workspace, sample)
        try:
            for name, step in STEPS:
                begun = time.perf_counter()
                try:
                    step(state)
                except (SelftestFailure, MedLocalError) as exc:
                    print(f"FAIL: {name}: {exc}", file=out)
                    return 1
                except Exception as exc:  # a bug: name it without its message (may hold text)
                    print(f"FAIL: {name}: internal error ({type(exc).__name__})", file=out)
                    return 1
                state.timings[name] = time.perf_counter() - begun
                print(f"ok   {name} ({state.timings[name]:.1f} s)", file=out)
        finally:
            workspace.close()
    print(f"PASS ({time.perf_counter() - started:.1f} s)", file=out)
    return 0

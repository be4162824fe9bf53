"""The OCR engine: RapidOCR (PaddleOCR's models on onnxruntime), loaded once, fully offline.

rapidocr-onnxruntime carries its three ONNX models (detection, angle, recognition) inside the
package and never downloads anything. It is optional at run time: without it, scans are refused
with a clear reason and ``medlocal doctor`` says so.

Its loggers print to stderr with their own handlers and may quote recognised text: they are
silenced before the engine is built, and its verbose printing stays off.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ENGINE_PACKAGE = "rapidocr_onnxruntime"
ENGINE_DISTRIBUTION = "rapidocr-onnxruntime"
_THIRD_PARTY_LOGGERS = ("RapidOCR", "OrtInferSession")
# RapidOCR drops a box whose text scores under its ``text_score`` (0.5, and reset to 0.5 on every
# call that passes options): a line read as '' at 0.0 vanished with no trace (walk 30, the
# patient-ID line). Every detected box is kept; MedLocal marks the weak ones and notes the page.
KEEP_EVERY_BOX = 0.0
# The angle classifier's labels: a text box read as is, or turned half round.
UPRIGHT_LABEL = "0"
UPSIDE_DOWN_LABEL = "180"
# The classifier's own default for acting on "180" (its cls_thresh): under it, no vote.
SURE_ANGLE = 0.9


@dataclass(frozen=True)
class Piece:
    """A word (or a character) the recogniser placed inside a detected box."""

    text: str
    points: tuple[tuple[float, float], ...]  # polygon in image pixels
    confidence: float


@dataclass(frozen=True)
class Detection:
    """One detected text box with its recognised text, in image pixels."""

    text: str
    points: tuple[tuple[float, float], ...]  # 4 corners, clockwise from top left
    confidence: float
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class EngineInfo:
    available: bool
    engine: str
    version: str | None
    models: tuple[str, ...]  # file names of the bundled models
    models_dir: str | None
    reason: str = ""  # why it is unavailable


class OcrUnavailableError(RuntimeError):
    """The OCR engine is not installed (or cannot start)."""


def engine_info() -> EngineInfo:
    """What ``medlocal doctor`` reports; never loads the models."""
    spec = importlib.util.find_spec(ENGINE_PACKAGE)
    if spec is None or spec.origin is None:
        return EngineInfo(
            False, "RapidOCR", None, (), None, f"{ENGINE_DISTRIBUTION} is not installed"
        )
    models_dir = Path(spec.origin).parent / "models"
    models = tuple(sorted(p.name for p in models_dir.glob("*.onnx")))
    try:
        version: str | None = importlib.metadata.version(ENGINE_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        version = None
    if len(models) < 3:
        return EngineInfo(
            False, "RapidOCR", version, models, str(models_dir), "its bundled models are missing"
        )
    return EngineInfo(True, "RapidOCR (onnxruntime)", version, models, str(models_dir))


def silence_engine_logs() -> None:
    for name in _THIRD_PARTY_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.setLevel(logging.CRITICAL + 1)
        logger.propagate = False


class OcrEngine:
    """One RapidOCR instance for the process; calls are serialised (two cores are typical)."""

    _shared: OcrEngine | None = None
    _shared_lock = threading.Lock()

    def __init__(self) -> None:
        info = engine_info()
        if not info.available:
            raise OcrUnavailableError(info.reason)
        silence_engine_logs()
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as err:  # e.g. OpenCV missing: the headless build is a dependency
            raise OcrUnavailableError(f"the OCR engine cannot start ({err.name} missing)") from None
        silence_engine_logs()  # the import above creates the loggers, with their handlers
        self._ocr: Any = RapidOCR(print_verbose=False)
        self._lock = threading.Lock()

    @classmethod
    def shared(cls) -> OcrEngine:
        with cls._shared_lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    def recognise(self, image: npt.NDArray[np.uint8]) -> list[Detection]:
        """Every text box on an RGB page image, with its words and their boxes."""
        bgr = np.ascontiguousarray(image[:, :, ::-1])  # RapidOCR expects OpenCV's channel order
        with self._lock:
            result, _elapsed = self._ocr(bgr, return_word_box=True, text_score=KEEP_EVERY_BOX)
        return [_detection(item) for item in result or ()]

    def read_line(self, crop: npt.NDArray[np.uint8]) -> tuple[str, float]:
        """The text of one RGB crop holding a single line, read as it is, and its confidence."""
        bgr = np.ascontiguousarray(crop[:, :, ::-1])
        with self._lock:
            result, _elapsed = self._ocr(bgr, use_det=False, use_cls=False, use_rec=True)
        if not result:
            return "", 0.0
        return str(result[0][0]), float(result[0][1])

    def upside_down_votes(self, crops: Sequence[npt.NDArray[np.uint8]]) -> list[bool | None]:
        """For each RGB crop of one text box: True when the angle classifier is sure it is upside
        down, False when sure it is upright, None when unsure (under its own threshold)."""
        votes: list[bool | None] = []
        with self._lock:
            for crop in crops:
                bgr = np.ascontiguousarray(crop[:, :, ::-1])
                result, _elapsed = self._ocr(bgr, use_det=False, use_cls=True, use_rec=False)
                label, score = (str(result[0][0]), float(result[0][1])) if result else ("", 0.0)
                sure = score >= SURE_ANGLE and label in (UPRIGHT_LABEL, UPSIDE_DOWN_LABEL)
                votes.append(label == UPSIDE_DOWN_LABEL if sure else None)
        return votes


def _points(raw: Any) -> tuple[tuple[float, float], ...]:
    return tuple((float(x), float(y)) for x, y in raw)


def _detection(item: Any) -> Detection:
    points, text, score = item[0], str(item[1]), float(item[2])
    pieces: list[Piece] = []
    if len(item) >= 6:
        boxes, words, scores = item[3], item[4], item[5]
        for box, word, word_score in zip(boxes, words, scores, strict=False):
            if box and word:
                pieces.append(Piece(str(word), _points(box), float(word_score)))
    return Detection(text, _points(points), score, tuple(pieces))

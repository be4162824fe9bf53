"""The OCR stack stays offline and Qt-safe: the headless OpenCV only (the GUI build ships its
own Qt plugins, which clash with PySide6), RapidOCR's models inside its package, its version
pinned to the 1.4 line we tested, and `doctor` saying what it found."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

import cv2
import pytest

from medlocal.app.doctor import DoctorReport, ocr_status
from medlocal.ingest.ocr.engine import ENGINE_DISTRIBUTION, engine_info

ROOT = Path(__file__).resolve().parents[2]
GUI_BUILDS = ("opencv-python", "opencv-contrib-python")


def _installed(name: str) -> bool:
    try:
        importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def test_only_the_headless_opencv_is_installed() -> None:
    assert _installed("opencv-python-headless")
    assert [name for name in GUI_BUILDS if _installed(name)] == []
    gui = re.search(r"^\s*GUI:\s*(\S+)", cv2.getBuildInformation(), re.MULTILINE)
    assert gui is not None and gui.group(1) == "NONE"
    # The GUI wheels carry Qt: a cv2/qt/plugins folder and libQt*.so in opencv_python.libs.
    package = Path(cv2.__file__).parent
    qt_files = [*package.glob("qt/**/*"), *package.parent.glob("opencv*.libs/*Qt*")]
    assert qt_files == [], qt_files


def test_pyproject_never_pulls_the_gui_build() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = [
        re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0].lower()
        for spec in project["dependencies"]
        + [s for extra in project["optional-dependencies"].values() for s in extra]
    ]
    assert "opencv-python-headless" in declared
    assert not set(declared) & {*GUI_BUILDS, ENGINE_DISTRIBUTION}, (
        "rapidocr-onnxruntime declares opencv-python: install it with --no-deps instead"
    )
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"--no-deps[^\n]*rapidocr-onnxruntime==1\.4\.\d", ci)


@pytest.mark.skipif(not engine_info().available, reason="OCR engine not installed")
def test_the_models_ship_inside_the_package() -> None:
    info = engine_info()
    assert info.version is not None and info.version.startswith("1.4.")
    assert info.models_dir is not None
    models = Path(info.models_dir)
    assert {p.name for p in models.glob("*.onnx")} == set(info.models) and len(info.models) == 3
    assert all((models / name).stat().st_size > 100_000 for name in info.models)
    status = ocr_status(enabled=False)
    line = next(
        line
        for line in DoctorReport(
            hardware=_fake_hardware(), folders={}, models_installed=[], offline=_offline(),
            ocr=status,
        ).lines()
        if line.startswith("OCR:")
    )  # fmt: skip
    assert "RapidOCR" in line and "off (setting ocr)" in line and info.models[0] in line


def test_doctor_says_when_ocr_is_missing() -> None:
    missing = {"available": False, "reason": "rapidocr-onnxruntime is not installed"}
    report = DoctorReport(
        hardware=_fake_hardware(), folders={}, models_installed=[], offline=_offline(), ocr=missing
    )
    assert "OCR:       unavailable (rapidocr-onnxruntime is not installed)" in "\n".join(
        report.lines()
    )


def _offline() -> dict[str, object]:
    return {"guard_installed": True, "blocked_attempts": 0}


def _fake_hardware() -> dict[str, object]:
    return {
        "os": "Linux", "machine": "x86_64", "cpu_model": "cpu", "physical_cores": 2,
        "logical_cores": 2, "cpu_features": [], "ram_total_bytes": 1 << 30,
        "ram_available_bytes": 1 << 30, "backend": "cpu", "gpu_offload_supported": False,
        "gpus": [], "llama_cpp_python_version": "0",
    }  # fmt: skip

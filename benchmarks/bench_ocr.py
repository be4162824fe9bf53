"""OCR benchmark: pages/s at 150 and 300 dpi on this CPU, character error rate (overall and on
digits alone) on generated scans of known clinical text, and the import throughput of a scanned
PDF against the same document with a text layer (the baseline, measured in the same run).

Scans come from tests/fixtures/scans.py: a medication list, a lab table and a two-column letter,
clean and "faxed" (turned 0.7 degrees, blurred, noisy). Prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the scan generator is shared with the tests

from fixtures.ingest_files import FakeEmbedder, FakeVault  # noqa: E402
from fixtures.scans import (  # noqa: E402
    Sheet,
    all_sheets,
    character_error_rate,
    digits,
    image_pdf_bytes,
    png_bytes,
    scan,
)
from pypdf import PdfReader, PdfWriter  # noqa: E402

from medlocal.ingest.formats import extract_file  # noqa: E402
from medlocal.ingest.ocr.engine import OcrEngine, engine_info  # noqa: E402
from medlocal.ingest.ocr.pages import OcrOptions  # noqa: E402
from medlocal.ingest.pipeline import import_paths  # noqa: E402


def _ocr_runs(sheets: list[Sheet], dpis: tuple[int, ...], rough: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for dpi in dpis:
        seconds, errors, digit_errors, pixels = 0.0, [], [], 0
        for sheet in sheets:
            image = scan(sheet.pdf, dpi, rotate=0.7 if rough else 0.0, noise=40 if rough else 0)
            data = png_bytes(image)
            started = time.perf_counter()
            document = extract_file(Path(f"{sheet.name}.png"), data, ocr=OcrOptions())
            seconds += time.perf_counter() - started
            pixels += image.width * image.height
            errors.append(character_error_rate(document.text, sheet.truth))
            digit_errors.append(character_error_rate(digits(document.text), digits(sheet.truth)))
        out[f"{dpi}dpi"] = {
            "pages": len(sheets),
            "pages_per_s": round(len(sheets) / seconds, 3),
            "megapixels_per_s": round(pixels / 1e6 / seconds, 3),
            "cer": round(sum(errors) / len(errors), 4),
            "cer_digits": round(sum(digit_errors) / len(digit_errors), 4),
            "cer_by_sheet": {s.name: round(e, 4) for s, e in zip(sheets, errors, strict=True)},
        }
    return out


def _joined(parts: list[bytes]) -> bytes:
    writer = PdfWriter()
    for part in parts:
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _import_throughput(sheets: list[Sheet], dpi: int) -> dict[str, Any]:
    text_pdf = _joined([sheet.pdf for sheet in sheets])
    scanned_pdf = _joined([image_pdf_bytes([scan(sheet.pdf, dpi)], dpi) for sheet in sheets])
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        for label, data in (("text_layer", text_pdf), ("scanned", scanned_pdf)):
            path = Path(folder) / f"{label}.pdf"
            path.write_bytes(data)
            started = time.perf_counter()
            report = import_paths(FakeVault(), [path], 1, FakeEmbedder(), ocr=OcrOptions())
            seconds = time.perf_counter() - started
            assert report.files[0].status == "imported", report.files[0].reason
            result[label] = {
                "pages": report.pages,
                "seconds": round(seconds, 3),
                "pages_per_s": round(report.pages / seconds, 3),
            }
    result["scanned_over_text_layer_time"] = round(
        result["scanned"]["seconds"] / result["text_layer"]["seconds"], 1
    )
    result["scan_dpi"] = dpi
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="one sheet, clean pages only")
    args = ap.parse_args()
    info = engine_info()
    if not info.available:
        print(json.dumps({"skipped": info.reason}))
        return 0
    started = time.perf_counter()
    OcrEngine.shared()
    load_s = time.perf_counter() - started
    sheets = all_sheets()[:1] if args.quick else all_sheets()
    results: dict[str, Any] = {
        "engine": f"{info.engine} {info.version}",
        "models": list(info.models),
        "engine_load_s": round(load_s, 2),
        "clean": _ocr_runs(sheets, (150, 300), rough=False),
    }
    if not args.quick:
        results["rough"] = _ocr_runs(sheets, (150, 300), rough=True)
    results["import"] = _import_throughput(sheets, 200)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

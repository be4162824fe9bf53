"""Importing GGUF files from disk or a USB stick: validation, hashing, catalog match, folders."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from fixtures.model_files import set_tensor_count, truncate, write_tiny_gguf

from medlocal.errors import ModelLoadError, UserInputError
from medlocal.models.compat import architecture_supported
from medlocal.models.demo import DEMO_MODEL_ID
from medlocal.models.importer import (
    ChecksumMismatch,
    import_folder,
    import_gguf,
    read_sums,
)
from medlocal.models.registry import Registry
from medlocal.paths import models_dir


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_copy_import_hashes_registers_and_reports_unverified(tmp_path: Path) -> None:
    (tmp_path / "stick").mkdir()
    source = write_tiny_gguf(tmp_path / "stick" / "tiny.gguf")
    result = import_gguf(source)
    model = result.model
    assert Path(model.path).parent == models_dir()
    assert Path(model.path).read_bytes() == source.read_bytes()
    assert model.sha256 == _sha(source) and model.managed and model.source == "import"
    assert not model.verified and "unverified provenance" in result.message
    assert "chat template: yes" in result.message
    again = import_gguf(source)
    assert again.already_installed and again.model.id == model.id
    assert not list(models_dir().glob(".import-*"))  # no temporary copy left behind


def test_in_place_import_of_the_demo_model_is_verified_against_the_catalog(demo_gguf: Path) -> None:
    Registry()  # the demo is auto-registered on first listing; import must recognise it
    result = import_gguf(demo_gguf, in_place=True)
    assert result.model.id == DEMO_MODEL_ID
    assert f"verified: {DEMO_MODEL_ID}" in result.message


def test_chat_template_absence_is_reported(tmp_path: Path) -> None:
    result = import_gguf(write_tiny_gguf(tmp_path / "plain.gguf", chat_template=None))
    assert "chat template: no" in result.message


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("this is a README, not a model\n") or p, "not a GGUF model file"),
        (lambda p: p.write_bytes(b"PK\x03\x04" + b"\0" * 64) or p, "wrong magic"),
        (lambda p: truncate(write_tiny_gguf(p)), "truncated"),
        (lambda p: set_tensor_count(write_tiny_gguf(p), 10**9), "implausible header"),
        (lambda p: p.write_bytes(b"") or p, "empty"),
        (lambda p: write_tiny_gguf(p, arch="notanarch"), "not supported by the bundled llama.cpp"),
    ],
    ids=["text", "zip", "truncated", "absurd-tensor-count", "empty", "unknown-architecture"],
)
def test_bad_files_get_clear_errors(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.gguf"
    make(path)
    with pytest.raises(ModelLoadError, match=message):
        import_gguf(path)
    assert Registry().find("bad") is None
    assert not list(models_dir().glob("*bad*"))


def test_vocab_only_gguf_is_rejected(vocab_only_gguf: Path) -> None:
    with pytest.raises(ModelLoadError, match="vocabulary-only"):
        import_gguf(vocab_only_gguf)


def test_architecture_support_comes_from_the_bundled_library() -> None:
    for arch in ("llama", "qwen3", "gemma3", "bert", "nomic-bert"):
        assert architecture_supported(arch), arch
    for arch in ("", "notanarch", "ama", "llama\0x"):
        assert not architecture_supported(arch), arch


def test_folder_with_sha256sums_verifies_each_file(tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    good = write_tiny_gguf(stick / "good.gguf", seed=1)
    damaged = write_tiny_gguf(stick / "damaged.gguf", seed=2)
    unlisted = write_tiny_gguf(stick / "unlisted.gguf", seed=3)
    listed_sum = _sha(damaged)
    data = bytearray(damaged.read_bytes())
    data[-5] ^= 0x01  # bit rot on the stick after the sums were written
    damaged.write_bytes(bytes(data))
    (stick / "SHA256SUMS").write_text(
        f"{_sha(good)}  good.gguf\n{listed_sum} *damaged.gguf\n{'0' * 64}  missing.gguf\n"
    )
    seen: list[str] = []
    items = {i.name: i for i in import_folder(stick, on_item=lambda i: seen.append(i.name))}
    assert seen == sorted(items)
    assert items["good.gguf"].ok and "SHA256SUMS ok" in items["good.gguf"].message
    assert not items["damaged.gguf"].ok and "does not match" in items["damaged.gguf"].message
    assert not items["missing.gguf"].ok and "absent" in items["missing.gguf"].message
    assert not items["unlisted.gguf"].ok and "not listed" in items["unlisted.gguf"].message
    assert [m.id for m in Registry().models() if m.source == "import"] == ["good"]
    assert unlisted.exists()


def test_folder_without_sums_imports_every_gguf(tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    write_tiny_gguf(stick / "a.gguf", seed=1)
    (stick / "b.gguf").write_text("broken")
    items = import_folder(stick, in_place=True)
    assert [i.ok for i in items] == [True, False]
    assert "not a GGUF" in items[1].message


def test_sums_file_format_errors_are_clear(tmp_path: Path) -> None:
    sums = tmp_path / "SHA256SUMS"
    sums.write_text("# comment\n\nnot-a-hash  file.gguf\n")
    with pytest.raises(UserInputError, match="line 3"):
        read_sums(sums)


def test_catalog_file_name_with_wrong_hash_is_refused(tmp_path: Path) -> None:
    fake = write_tiny_gguf(tmp_path / "SmolLM2-135M-Instruct.Q4_1.gguf")
    with pytest.raises(ChecksumMismatch, match="altered"):
        import_gguf(fake)


def test_disk_space_is_checked_before_copying(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(10, 10, 0))
    with pytest.raises(UserInputError, match="not enough disk space"):
        import_gguf(write_tiny_gguf(tmp_path / "tiny.gguf"))


def test_a_copy_that_fails_its_recheck_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlocal.models import importer

    real_check = importer.check_model_file
    checked: list[Path] = []

    def check_failing_on_the_copy(path: Path) -> object:
        checked.append(path)
        if path.parent == models_dir():  # the copy in the models folder, not the stick
            raise ModelLoadError(f"{path.name}: damaged while copying")
        return real_check(path)

    monkeypatch.setattr(importer, "check_model_file", check_failing_on_the_copy)
    source = write_tiny_gguf(tmp_path / "tiny.gguf")
    with pytest.raises(ModelLoadError, match="damaged while copying"):
        import_gguf(source)
    assert [p.parent for p in checked] == [tmp_path, models_dir()]
    assert list(models_dir().iterdir()) == []  # neither the copy nor a temporary file is left
    assert [m for m in Registry().models() if m.id != DEMO_MODEL_ID] == []
    assert source.is_file()

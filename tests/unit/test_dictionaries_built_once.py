"""Gap 44: the de-identification word lists (``lexicon()``) and the drug dictionary
(``drugs.default_vocabulary()``) were cached with ``functools``, which lets a second thread build
again while the first is still building: a question asked during the window's warm-up built them
twice (seconds of work, and the memory of two copies). Each now waits for the one build. Both
two-thread tests failed before (two builds)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from medlocal import drugs
from medlocal.built_once import BuiltOnce, built_once
from medlocal.privacy import deid_lexicon


class _SlowBuild:
    """Counts builds; each takes long enough for the other thread to ask meanwhile."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, *_args: Any, **_kwargs: Any) -> object:
        self.calls += 1
        time.sleep(0.3)
        return object()


def _from_two_threads(get: Callable[[], object]) -> list[object]:
    start = threading.Barrier(2)
    got: list[object] = []

    def ask() -> None:
        start.wait()
        got.append(get())

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    return got


@pytest.fixture
def rebuilt_after() -> Iterator[None]:
    yield
    # The fakes' values must not outlive the test: the next caller builds the real ones.
    deid_lexicon.lexicon.cache_clear()
    drugs.default_vocabulary.cache_clear()


def test_the_word_lists_are_built_once_for_two_threads(
    monkeypatch: pytest.MonkeyPatch, rebuilt_after: None
) -> None:
    build = _SlowBuild()
    monkeypatch.setattr(deid_lexicon, "build_lexicon", build)
    deid_lexicon.lexicon.cache_clear()
    got = _from_two_threads(deid_lexicon.lexicon)
    assert build.calls == 1
    assert len(got) == 2 and got[0] is got[1]


def test_the_drug_dictionary_is_built_once_for_two_threads(
    monkeypatch: pytest.MonkeyPatch, rebuilt_after: None
) -> None:
    build = _SlowBuild()
    monkeypatch.setattr(drugs.DrugVocabulary, "from_folder", build)
    drugs.default_vocabulary.cache_clear()
    got = _from_two_threads(drugs.default_vocabulary)
    assert build.calls == 1
    assert len(got) == 2 and got[0] is got[1]


def test_a_failed_build_is_tried_again() -> None:
    outcomes: list[Callable[[], int]] = [lambda: 1 // 0, lambda: 7]

    @built_once
    def value() -> int:
        """The doc stays."""
        return outcomes.pop(0)()

    assert isinstance(value, BuiltOnce) and value.__doc__ == "The doc stays."
    with pytest.raises(ZeroDivisionError):
        value()
    assert not value.built
    assert value() == 7 and value() == 7 and value.built
    value.cache_clear()
    assert not value.built


def test_a_build_asking_for_its_own_value_raises_instead_of_hanging() -> None:
    @built_once
    def value() -> int:
        return value() + 1

    with pytest.raises(RuntimeError, match="own value"):
        value()
    assert not value.built

"""Benchmark files in each published format (small fixtures written for these tests, not the
real data), detected automatically; malformed files fail with one clear line and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlocal.cli import main
from medlocal.eval.readers import BenchmarkFileError, read_benchmark

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "eval"


def test_medqa_is_detected_with_options_answers_and_subjects() -> None:
    data = read_benchmark(DATA / "medqa.jsonl")
    assert data.format == "medqa" and len(data.items) == 8
    first = data.items[0]
    assert first.labels == ("A", "B", "C", "D") and first.answer == "A"
    assert dict(first.options)["A"] == "Aspirin" and first.subject == "step2&3"
    assert data.items[6].labels == ("A", "B", "C", "D", "E")  # a five-option question
    assert [item.answer for item in data.items] == list("AAABCDBA")
    assert len(data.sha256) == 64


def test_medmcqa_answer_base_is_detected_from_the_data() -> None:
    one = read_benchmark(DATA / "medmcqa.jsonl")
    zero = read_benchmark(DATA / "medmcqa_zero_based.jsonl")
    assert one.format == zero.format == "medmcqa"
    assert [i.answer for i in one.items] == [i.answer for i in zero.items] == list("DABC")
    assert "base 1 (detected)" in one.notes[0] and "base 0 (detected)" in zero.notes[0]
    assert one.items[0].subject == "Physiology" and dict(one.items[1].options)["A"] == "Adrenaline"


def test_medmcqa_base_needs_the_flag_when_the_data_cannot_show_it() -> None:
    with pytest.raises(BenchmarkFileError, match="--cop-base"):
        read_benchmark(DATA / "medmcqa_ambiguous.jsonl")
    zero = read_benchmark(DATA / "medmcqa_ambiguous.jsonl", cop_base=0)
    one = read_benchmark(DATA / "medmcqa_ambiguous.jsonl", cop_base=1)
    assert [i.answer for i in zero.items] == ["C", "D"]
    assert [i.answer for i in one.items] == ["B", "C"]
    with pytest.raises(BenchmarkFileError, match="show base 1"):
        read_benchmark(DATA / "medmcqa.jsonl", cop_base=0)


def test_pubmedqa_with_and_without_the_ground_truth_filter() -> None:
    whole = read_benchmark(DATA / "ori_pqal.json")
    assert whole.format == "pubmedqa" and len(whole.items) == 4
    item = whole.items[0]
    assert item.yes_no and item.answer == "yes" and "randomised" in item.context
    filtered = read_benchmark(DATA / "ori_pqal.json", labels=DATA / "test_ground_truth.json")
    assert [i.id for i in filtered.items] == ["10001", "10002", "10003"]
    assert [i.answer for i in filtered.items] == ["yes", "no", "maybe"]
    assert filtered.sha256 != whole.sha256  # the filter is part of what was evaluated


def test_mmlu_csv_without_header_and_subject_from_the_file_name() -> None:
    data = read_benchmark(DATA / "clinical_knowledge_test.csv")
    assert data.format == "mmlu" and len(data.items) == 5
    assert [i.answer for i in data.items] == list("BCAAB")
    assert dict(data.items[3].options)["A"] == "5th intercostal space, midclavicular line"
    assert {i.subject for i in data.items} == {"clinical_knowledge"}


MALFORMED = {
    "empty.jsonl": ("", "empty"),
    "blank.jsonl": ("\n\n  \n", "empty"),
    "not_json.jsonl": ('{"question": "x", "options": {"A": "a"\n', "line 1: not valid JSON"),
    "wrong_schema.jsonl": ('{"prompt": "x", "completion": "y"}\n', "neither MedQA keys"),
    "no_answer.jsonl": (
        '{"question": "q", "options": {"A": "a", "B": "b"}}\n',
        "missing or empty 'answer_idx'",
    ),
    "letter_out_of_range.jsonl": (
        '{"question": "q", "options": {"A": "a", "B": "b"}, "answer_idx": "A"}\n'
        '{"question": "q2", "options": {"A": "a", "B": "b"}, "answer_idx": "E"}\n',
        "line 2: answer_idx 'E' is not one of the options A-B",
    ),
    # Walk 46b: one option, and two options saying the same (likelihood gave the tie to A).
    "one_option.jsonl": (
        '{"question": "q", "options": {"A": "a"}, "answer_idx": "A"}\n',
        "line 1: a question needs at least two options (A, B, ...)",
    ),
    "same_options.jsonl": (
        '{"question": "q", "options": {"A": "a", "B": "b"}, "answer_idx": "A"}\n'
        '{"question": "q2", "options": {"A": "x", "B": "b", "C": " X "}, "answer_idx": "A"}\n',
        "line 2: options A and C are the same ('X')",
    ),
    "medmcqa_same_options.jsonl": (
        '{"question": "q", "opa": "a", "opb": "b", "opc": "a", "opd": "d", "cop": 0}\n',
        "line 1: options A and C are the same",
    ),
    "mmlu_same_options.csv": ("q,a,b,c,b,D\n", "line 1: options B and D are the same"),
    "medmcqa_test_split.jsonl": (
        '{"question": "q", "opa": "a", "opb": "b", "opc": "c", "opd": "d", "cop": -1}\n',
        "missing answer key 'cop'",
    ),
    "header.csv": ("question,A,B,C,D,answer\nq,a,b,c,d,A\n", "a header row"),
    "mmlu_bad_answer.csv": ("q,a,b,c,d,F\n", "answer column must be A, B, C or D"),
    "five_columns.csv": ("q,a,b,c,d\n", "line 1: not a recognised benchmark file"),
    # Walk 52a L6: the one bad file whose message named no line.
    "plain_words.jsonl": ("\n  \nthis is not json\n{broken\n", "plain_words.jsonl line 3: not a "),
    "array.json": ('[{"question": "q"}]', "JSON array"),
    "labels_only.json": ('{"1": "yes", "2": "no"}', "ground-truth labels"),
    "pubmedqa_no_decision.json": (
        '{"1": {"QUESTION": "q?", "CONTEXTS": ["c"]}}',
        "missing answer key 'final_decision'",
    ),
}


def test_two_wrong_options_alike_are_read(tmp_path: Path) -> None:
    # Only an answer written twice makes a question unscorable; a slip between two wrong options
    # (it happens in published files) must not refuse the whole file.
    path = tmp_path / "wrong_twins.csv"
    path.write_text("q,a,b,c,b,A\nq2,a,b,c,d,C\n", encoding="utf-8")
    dataset = read_benchmark(path)
    assert [item.answer for item in dataset.items] == ["A", "C"]


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_files_get_one_clear_line(name: str, tmp_path: Path) -> None:
    text, expected = MALFORMED[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BenchmarkFileError) as err:
        read_benchmark(path)
    message = str(err.value)
    assert expected in message and "\n" not in message


def test_binary_and_missing_files(tmp_path: Path) -> None:
    binary = tmp_path / "model.gguf"
    binary.write_bytes(b"GGUF\x03\x00\xff\xfe\x00")
    with pytest.raises(BenchmarkFileError, match="not UTF-8"):
        read_benchmark(binary)
    with pytest.raises(BenchmarkFileError, match="No such file"):
        read_benchmark(tmp_path / "missing.jsonl")


@pytest.mark.parametrize(
    "name", ["empty.jsonl", "letter_out_of_range.jsonl", "header.csv", "same_options.jsonl"]
)
def test_cli_exits_2_with_a_one_line_message(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_text(MALFORMED[name][0], encoding="utf-8")
    assert main(["eval", "run", "--data", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("medlocal: error:") and MALFORMED[name][1] in err
    assert len(err.splitlines()) == 1

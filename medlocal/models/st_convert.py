"""Convert a BERT-family sentence-transformers folder into a GGUF that llama.cpp runs.

Medical embedders (MedEmbed, PubMedBERT embeddings, MedCPT) and all-MiniLM-L6-v2 exist only as
Hugging Face folders. llama.cpp's own converter needs torch; this one reads the safetensors with
numpy and writes with ``gguf`` (the library maintained alongside llama.cpp), following what
``convert_hf_to_gguf.py`` does for ``BertModel``:

* tensor names through ``gguf``'s BERT name map; the pooler and ``position_ids`` are dropped;
* 2-D weight matrices in F16, everything else in F32;
* the WordPiece vocabulary in llama.cpp's "phantom space" form (a word-initial piece gets "▁",
  a ``##`` continuation loses its prefix, control tokens stay as they are);
* special-token ids via ``gguf.SpecialVocab``; pooling (mean or CLS) from the sentence-transformers
  Pooling module; whether the model normalises its output is recorded as metadata.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from medlocal.errors import UserInputError
from medlocal.fsutil import atomic_private_file, private_dir, shown_path

ARCH = "bert"
NORMALIZE_KEY = "medlocal.embedding.normalize"
SOURCE_KEY = "medlocal.converted_from"
_SUPPORTED_MODEL_TYPES = ("bert",)
_DROPPED_TENSORS = ("embeddings.position_ids", "pooler.dense.weight", "pooler.dense.bias")
_SPECIAL_TOKEN_TYPES = ("bos", "eos", "unk", "sep", "pad", "mask")
_PREFIXES = ("bert.", "0.auto_model.", "auto_model.", "model.")


class ConversionError(UserInputError):
    """The folder is not a sentence-transformers BERT model this converter can handle."""


@dataclass(frozen=True)
class EmbedderFolder:
    root: Path
    config: dict[str, Any]
    weights: Path
    tokenizer_json: Path | None
    vocab_txt: Path | None
    pooling: str  # "mean" or "cls"
    normalize: bool
    name: str


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConversionError(
            f"{path.name} in {shown_path(path.parent)} cannot be read: {exc}"
        ) from exc


def _modules(root: Path) -> list[dict[str, Any]]:
    path = root / "modules.json"
    if not path.is_file():
        return []
    data = _load_json(path)
    return [m for m in data if isinstance(m, dict)] if isinstance(data, list) else []


def _pooling(root: Path, modules: list[dict[str, Any]]) -> str:
    pooling_dirs = [
        root / str(m.get("path", ""))
        for m in modules
        if str(m.get("type", "")).endswith("models.Pooling")
    ]
    if not pooling_dirs and (root / "1_Pooling").is_dir():
        pooling_dirs = [root / "1_Pooling"]
    if not pooling_dirs:
        return "mean"  # sentence-transformers' own default for a bare transformer
    config = _load_json(pooling_dirs[0] / "config.json")
    if config.get("pooling_mode_mean_tokens"):
        return "mean"
    if config.get("pooling_mode_cls_token"):
        return "cls"
    raise ConversionError(
        "only mean or CLS pooling can run in llama.cpp; this model's Pooling config uses another"
    )


def inspect_folder(root: Path) -> EmbedderFolder:
    """Check that ``root`` holds a convertible model and describe it, or raise ConversionError."""
    root = root.expanduser()
    if not root.is_dir():
        raise ConversionError(f"{root} is not a folder (expected a sentence-transformers model)")
    config_path = root / "config.json"
    weights = root / "model.safetensors"
    tokenizer_json = root / "tokenizer.json"
    vocab_txt = root / "vocab.txt"
    missing = []
    if not config_path.is_file():
        missing.append("config.json")
    if not weights.is_file():
        if (root / "pytorch_model.bin").is_file():
            raise ConversionError(
                f"{root.name} has only pytorch_model.bin; MedLocal reads safetensors weights "
                "(model.safetensors) because loading .bin files needs torch"
            )
        missing.append("model.safetensors")
    if not tokenizer_json.is_file() and not vocab_txt.is_file():
        missing.append("tokenizer.json or vocab.txt")
    if missing:
        raise ConversionError(
            f"{root.name} is not a complete sentence-transformers model: "
            f"missing {', '.join(missing)}"
        )
    config = _load_json(config_path)
    model_type = str(config.get("model_type", "unknown"))
    if model_type not in _SUPPORTED_MODEL_TYPES:
        raise ConversionError(
            f"{root.name} is a '{model_type}' model; only BERT-family embedders "
            "(model_type 'bert') can be converted"
        )
    for key in ("hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size"):
        if not isinstance(config.get(key), int):
            raise ConversionError(f"{root.name}/config.json lacks '{key}'")
    if config.get("position_embedding_type", "absolute") != "absolute":
        raise ConversionError(f"{root.name} uses non-absolute position embeddings")
    modules = _modules(root)
    normalize = any(str(m.get("type", "")).endswith("models.Normalize") for m in modules)
    name = str(config.get("_name_or_path") or root.name).rstrip("/").split("/")[-1] or root.name
    return EmbedderFolder(
        root=root,
        config=config,
        weights=weights,
        tokenizer_json=tokenizer_json if tokenizer_json.is_file() else None,
        vocab_txt=vocab_txt if vocab_txt.is_file() else None,
        pooling=_pooling(root, modules),
        normalize=normalize,
        name=name,
    )


# -- vocabulary ----------------------------------------------------------------------------------


def _read_vocab(folder: EmbedderFolder) -> tuple[list[str], list[int]]:
    """Tokens by id and their gguf token types, from tokenizer.json (preferred) or vocab.txt."""
    import gguf

    control: set[str] = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}
    user_defined: set[str] = set()
    if folder.tokenizer_json is not None:
        data = _load_json(folder.tokenizer_json)
        model = data.get("model", {})
        if model.get("type") != "WordPiece":
            raise ConversionError(
                f"{folder.root.name}: the tokenizer is {model.get('type')}, not WordPiece (BERT)"
            )
        normalizer = data.get("normalizer") or {}
        if normalizer.get("type") == "BertNormalizer" and not normalizer.get("lowercase", True):
            raise ConversionError(
                f"{folder.root.name} uses a cased tokenizer; llama.cpp's WordPiece tokenizer "
                "always lowercases, so its tokens would not match the model's training"
            )
        vocab: dict[str, int] = model.get("vocab", {})
        control = set()
        for added in data.get("added_tokens", []):
            content = added.get("content")
            if isinstance(content, str):
                (control if added.get("special") else user_defined).add(content)
                vocab.setdefault(content, int(added["id"]))
    else:
        assert folder.vocab_txt is not None
        lines = folder.vocab_txt.read_text(encoding="utf-8").splitlines()
        vocab = {token: index for index, token in enumerate(lines)}
    size = len(vocab)
    tokens: list[str | None] = [None] * size
    for token, index in vocab.items():
        if not 0 <= index < size or tokens[index] is not None:
            raise ConversionError(f"{folder.root.name}: the vocabulary ids are not 0..{size - 1}")
        tokens[index] = token
    ordered = [t for t in tokens if t is not None]  # every slot was filled above
    types: list[int] = []
    for token in ordered:
        if token in control:
            types.append(int(gguf.TokenType.CONTROL))
        elif token in user_defined:
            types.append(int(gguf.TokenType.USER_DEFINED))
        else:
            types.append(int(gguf.TokenType.NORMAL))
    return ordered, types


def _phantom(token: str, token_type: int) -> str:
    """llama.cpp's WordPiece form: word starts carry "▁", ``##`` continuations lose the prefix."""
    import gguf

    if token_type == int(gguf.TokenType.CONTROL):
        return token
    if token.startswith("##"):
        return token[2:]
    return "\u2581" + token


# -- tensors -------------------------------------------------------------------------------------


def _strip_prefix(name: str) -> str:
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _tensors(folder: EmbedderFolder, n_blocks: int) -> list[tuple[str, np.ndarray[Any, Any]]]:
    import gguf
    from safetensors import SafetensorError, safe_open

    name_map = gguf.get_tensor_name_map(gguf.MODEL_ARCH.BERT, n_blocks)
    out: list[tuple[str, np.ndarray[Any, Any]]] = []
    try:
        with safe_open(str(folder.weights), framework="np") as handle:
            for raw_name in handle.keys():  # noqa: SIM118 - safe_open is not a Mapping
                name = _strip_prefix(raw_name)
                if name in _DROPPED_TENSORS or name.startswith(("pooler.", "cls.")):
                    continue
                new_name = name_map.get_name(name, try_suffixes=(".weight", ".bias"))
                if new_name is None:
                    raise ConversionError(
                        f"{folder.root.name}: tensor '{raw_name}' has no llama.cpp BERT equivalent"
                    )
                data = handle.get_tensor(raw_name)
                if data.dtype.kind != "f":
                    raise ConversionError(f"{folder.root.name}: tensor '{raw_name}' is not float")
                is_matrix = data.ndim == 2 and new_name.endswith(".weight")
                keep_f32 = new_name.startswith(("token_types", "position_embd"))
                dtype = np.float16 if is_matrix and not keep_f32 else np.float32
                out.append((new_name, np.ascontiguousarray(data, dtype=dtype)))
    except SafetensorError as exc:
        raise ConversionError(f"{folder.weights.name} is not a valid safetensors file") from exc
    needed = {"token_embd.weight", "position_embd.weight", "token_embd_norm.weight"}
    missing = needed - {name for name, _ in out}
    if missing:
        raise ConversionError(f"{folder.root.name}: weights lack {', '.join(sorted(missing))}")
    return out


# -- writing -------------------------------------------------------------------------------------


def convert_folder(root: Path, output: Path) -> EmbedderFolder:
    """Write ``output`` (a GGUF) from the sentence-transformers folder ``root``; atomic."""
    import gguf

    folder = inspect_folder(root)
    config = folder.config
    n_blocks = int(config["num_hidden_layers"])
    tokens, token_types = _read_vocab(folder)
    tensors = _tensors(folder, n_blocks)
    embd_rows = next(t.shape[0] for n, t in tensors if n == "token_embd.weight")
    if embd_rows != len(tokens):
        raise ConversionError(
            f"{root.name}: the vocabulary has {len(tokens)} tokens, the embeddings {embd_rows}"
        )

    private_dir(output.parent)
    with atomic_private_file(output) as tmp:
        writer = gguf.GGUFWriter(tmp, ARCH)
        writer.add_name(folder.name)
        writer.add_file_type(int(gguf.LlamaFileType.MOSTLY_F16))
        writer.add_context_length(int(config.get("max_position_embeddings", 512)))
        writer.add_embedding_length(int(config["hidden_size"]))
        writer.add_feed_forward_length(int(config["intermediate_size"]))
        writer.add_block_count(n_blocks)
        writer.add_head_count(int(config["num_attention_heads"]))
        writer.add_layer_norm_eps(float(config.get("layer_norm_eps", 1e-12)))
        writer.add_causal_attention(False)
        pooling = gguf.PoolingType.MEAN if folder.pooling == "mean" else gguf.PoolingType.CLS
        writer.add_pooling_type(pooling)
        writer.add_bool(NORMALIZE_KEY, folder.normalize)
        writer.add_string(SOURCE_KEY, "sentence-transformers folder")

        writer.add_tokenizer_model("bert")
        writer.add_tokenizer_pre("default")
        writer.add_token_type_count(int(config.get("type_vocab_size", 1)))
        writer.add_token_list([_phantom(t, k) for t, k in zip(tokens, token_types, strict=True)])
        writer.add_token_types(token_types)
        # "cls" is left out: llama.cpp reads [CLS] as the BOS token, which SpecialVocab sets.
        special = gguf.SpecialVocab(
            folder.root, n_vocab=len(tokens), special_token_types=_SPECIAL_TOKEN_TYPES
        )
        special.add_to_gguf(writer, quiet=True)

        for name, data in tensors:
            writer.add_tensor(name, data)
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
        writer.close()
    return folder

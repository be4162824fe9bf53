"""The prompts both scoring modes send, through the model's own chat template.

Generate mode lists the options and asks for a letter (or yes/no/maybe). Likelihood mode asks the
question alone and scores each option's text as the assistant's reply (the "cloze" form used by
lm-evaluation-harness for MedQA/MedMCQA), so every option shares one prompt prefix. k-shot
examples become earlier user/assistant turns in the same form.
"""

from __future__ import annotations

from collections.abc import Sequence

from medlocal.engine.api import ChatMessage
from medlocal.eval.items import Item

SYSTEM = "You are a medical expert answering exam questions accurately and concisely."


def _question_block(item: Item) -> str:
    if item.context:
        return f"Context:\n{item.context}\n\nQuestion: {item.question}"
    return f"Question: {item.question}"


def _instruction(item: Item) -> str:
    if item.yes_no:
        return "Answer with yes, no or maybe."
    last = item.labels[-1]
    return f"Answer with the letter (A-{last}) of the correct option."


def generate_user_text(item: Item) -> str:
    lines = [_question_block(item)]
    if not item.yes_no:
        lines.append("\n".join(f"{label}. {text}" for label, text in item.options))
    lines.append(_instruction(item))
    return "\n\n".join(lines)


def generate_messages(item: Item, shots: Sequence[Item] = ()) -> list[ChatMessage]:
    messages = [ChatMessage("system", SYSTEM)]
    for shot in shots:
        messages.append(ChatMessage("user", generate_user_text(shot)))
        messages.append(ChatMessage("assistant", f"The answer is {shot.answer}."))
    messages.append(ChatMessage("user", generate_user_text(item)))
    return messages


def likelihood_messages(item: Item, shots: Sequence[Item] = ()) -> list[ChatMessage]:
    messages = [ChatMessage("system", SYSTEM)]
    for shot in shots:
        messages.append(ChatMessage("user", _question_block(shot)))
        messages.append(ChatMessage("assistant", dict(shot.options)[shot.answer]))
    messages.append(ChatMessage("user", _question_block(item)))
    return messages

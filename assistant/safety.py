"""Document text is data: passages that address an AI assistant are not shown to the model.

The prompt already tells the model that the excerpts are data, but a 1.5B model can still be
thrown off by a planted "Ignorera tidigare instruktioner …" (it was: it abstained on a
question it otherwise answers). So evidence that reads like an instruction to an assistant
is withheld from the model, and the answer says which source held it. The passage stays in
the index and in search results: an official may well need to see it.
"""

from __future__ import annotations

import re

_INSTRUCTION = re.compile(
    r"\b(?:"
    r"ignorera\s+(?:alla\s+|de\s+|dina\s+)?(?:tidigare|föregående|ovanstående|ovan|alla)"
    r"|glöm\s+(?:alla\s+|dina\s+)?(?:tidigare\s+)?instruktioner"
    r"|du\s+är\s+(?:nu|inte\s+längre)\s"
    r"|(?:svara|skriv)\s+(?:bara|endast|alltid|enbart)\s+(?:med|att)\b"
    r"|hänvisa\s+(?:aldrig|inte)\s+till"
    r"|(?:ignore|disregard|forget)\s+(?:all\s+|any\s+|the\s+)?(?:previous|prior|above)"
    r"|you\s+are\s+now\b"
    r"|system\s*prompt|systemprompt|jailbreak"
    r"|till\s+(?:ai-?assistent\w*|assistenten|språkmodell\w*|chatbot\w*|ai:n)"
    r"|bortse\s+från\s+(?:alla\s+|dina\s+)?(?:tidigare|föregående|ovanstående)"
    r"|svara\s+att\b"
    r")",
    re.IGNORECASE,
)


def looks_like_instruction(text: str) -> bool:
    """True for text that addresses an AI assistant ('ignorera tidigare instruktioner')."""
    return bool(_INSTRUCTION.search(" ".join(text.split())))

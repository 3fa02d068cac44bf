"""Document text is data: passages that address an AI assistant are not shown to the model.

The prompt already tells the model that the excerpts are data, but a 1.5B model can still be
thrown off by a planted "Ignorera tidigare instruktioner …" (it was: it abstained on a
question it otherwise answers). So evidence that reads like an instruction to an assistant
is withheld from the model, and the answer says which source held it. The passage stays in
the index and in search results: an official may well need to see it.

The cues live in ``ingest.quarantine``, where whole blocks are quarantined at ingest; this
module applies the same test to the sentences the answer path picks.
"""

from __future__ import annotations

from ingest.quarantine import addresses_assistant


def looks_like_instruction(text: str) -> bool:
    """True for text that addresses an AI assistant ('ignorera tidigare instruktioner')."""
    return addresses_assistant(text)

"""Drafts written from the register without a language model: a reply to the auditors
(:func:`draft_revisor`) and a CLG summary of a monthly status report (:func:`summarise_clg`),
exported as Markdown or Word (:func:`write_draft`)."""

from assistant.drafts.clg import summarise_clg
from assistant.drafts.export import to_docx, to_markdown, write_draft
from assistant.drafts.outline import clg_blocks, revisor_blocks
from assistant.drafts.revisor import draft_revisor

__all__ = [
    "clg_blocks",
    "draft_revisor",
    "revisor_blocks",
    "summarise_clg",
    "to_docx",
    "to_markdown",
    "write_draft",
]

"""Assistant: answers, drafts, number checks, and the CLI/TUI on top."""

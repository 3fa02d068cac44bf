"""Prompts as data: Swedish templates and the sentinel phrases code and tests share."""

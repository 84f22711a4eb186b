"""Renderers: turn results (diffs, reports, histories, findings) into text for people and tools.

Nothing here reads files or decides anything; each function takes a result and returns a string.
"""

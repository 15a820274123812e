"""The English words of the plan that are not guideline statements: the fragments that fill a
statement's placeholders (chosen by the rules by key), and the fixed words of every view
(terminal text, PDFs, verify). They live in ``resources/content/en.json`` as ``msg:KEY``, with
the same keys and ``{placeholders}`` as ``fr.json`` and ``pt.json``; ``MESSAGES[key]`` reads
them (tools/english_content.py moves any written here into the file).

A fragment that completes a sentence starts with a space when the sentence has none before
its placeholder (" Ommaya reservoir recorded."); a translation keeps that space.
"""

from __future__ import annotations

from .i18n import english_under

MESSAGES = english_under("msg:")

"""Signals the registry sends for work its bulk paths do without model signals."""

from __future__ import annotations

from django.dispatch import Signal

# Sent once per workbook import, inside its transaction and after the write, with the keyword
# arguments ``created``, ``updated``, ``unchanged`` (counts per sheet) and ``file_name``.
workbook_imported = Signal()

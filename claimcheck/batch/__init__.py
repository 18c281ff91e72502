"""Batch-check exported group threads (WhatsApp, Facebook, Reddit, Discord, Telegram, X, CSV/JSONL)."""

from __future__ import annotations

from claimcheck.batch.parsers import FORMATS, detect_format, read_export
from claimcheck.batch.records import ExportError, Message, Record, Skip

__all__ = ["FORMATS", "ExportError", "Message", "Record", "Skip", "detect_format", "read_export"]

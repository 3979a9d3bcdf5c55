"""The history store: sessions by month and device, a summary for start-up and status,
crash-safe writes, sync-conflict copies merged. ``HistoryStore`` is the one entry point."""

from backcoach.core.history_queries import interrupted_today
from backcoach.core.store.history_store import Change, HistoryStore, LoadReport, SaveReport
from backcoach.core.store.repair import describe_os_error

__all__ = [
    "Change",
    "HistoryStore",
    "LoadReport",
    "SaveReport",
    "describe_os_error",
    "interrupted_today",
]

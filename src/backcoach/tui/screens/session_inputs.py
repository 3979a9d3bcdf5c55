"""What the session screen is handed: the settings it reads and how to build the engine.

Protocols rather than concrete classes, so tests and the benchmark can pass their own
settings object or engine without touching the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from backcoach.clock import Clock
    from backcoach.core.engine import SessionEngine, SessionSink
    from backcoach.core.history_models import PainScore, SessionRecord
    from backcoach.core.plan import SessionPlan


class SessionSettings(Protocol):
    """What the screen reads from the settings (``backcoach.core.settings.Settings``)."""

    @property
    def bell(self) -> bool: ...

    @property
    def reduced_motion(self) -> bool: ...


class EngineFactory(Protocol):
    """Builds the engine; tests and the benchmark may hand in their own."""

    def __call__(
        self,
        plan: SessionPlan,
        clock: Clock,
        sink: SessionSink,
        *,
        pain_before: PainScore | None = None,
        record: SessionRecord | None = None,
    ) -> SessionEngine: ...

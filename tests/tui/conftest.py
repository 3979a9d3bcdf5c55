"""Fixtures of the front-end tests, on top of ``tests/conftest.py``.

The session tests run on a made-up catalog (short holds, few reps: see
``session_support.tiny_catalog``) and a plain ``FakeClock``, so a whole routine takes a
handful of clock steps and the packaged content can change without touching them. A
module asks for that with ``pytestmark = pytest.mark.tiny_content``; every other test
here gets the packaged content and the fixed clock of ``tests/conftest.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from session_support import make_services

from backcoach.clock import FakeClock
from backcoach.services import Services

TINY = "tiny_content"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{TINY}: run on the made-up test catalog and a plain FakeClock"
    )


def _tiny(request: pytest.FixtureRequest) -> bool:
    return request.node.get_closest_marker(TINY) is not None


@pytest.fixture
def clock(clock: FakeClock, request: pytest.FixtureRequest) -> FakeClock:
    return FakeClock() if _tiny(request) else clock


@pytest.fixture
def services(
    services: Services,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    clock: FakeClock,
    store: Any,
) -> Services:
    """The packaged content, or the tiny catalog with ``store`` (a module may give a
    ``MemoryStore`` as ``store`` to make saves fail on purpose)."""
    if not _tiny(request):
        return services
    return make_services(tmp_path, clock, store)

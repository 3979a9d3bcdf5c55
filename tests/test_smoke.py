"""The package imports and the CLI answers --version."""

import subprocess
import sys

from backcoach import __version__


def test_version_flag() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "backcoach", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"backcoach {__version__}"

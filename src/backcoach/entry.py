"""The ``backcoach`` command: ``status`` answers at once, everything else goes to the
full command line (``backcoach.cli``)."""

from __future__ import annotations

import os
import sys

#: The exit status of a command killed by SIGPIPE in a shell (128 + 13), as ``cat`` gives.
BROKEN_PIPE_EXIT = 141


def main() -> int:
    from backcoach.commands.status import quick_run

    try:
        code = quick_run(sys.argv[1:])
        if code is not None:
            sys.stdout.flush()  # a pipe's buffered output fails here, not at exit
            return code
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return BROKEN_PIPE_EXIT
    from backcoach.cli import main as full_main

    return full_main()

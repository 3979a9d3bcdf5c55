"""Command line: ``backcoach`` starts the app; subcommands never import textual.

Each subcommand lives in ``backcoach.commands.<name>`` and is imported only when used,
so ``backcoach status`` stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date

from backcoach import __version__
from backcoach.core.run_overrides import VOICE_CHOICES, RunOverrides
from backcoach.paths import AppPaths, resolve_paths

#: The subcommands that print and leave; the others (none, ``run``) start the app.
PRINTING_COMMANDS = frozenset(
    {"check-content", "status", "export", "report", "remind", "completion"}
)
#: The shells ``backcoach completion`` writes a script for (through shtab).
COMPLETION_SHELLS = ("bash", "zsh", "fish")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backcoach",
        description=(
            "A terminal coach for lower back exercises. Run with no command to start the app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"backcoach {__version__}")
    parser.add_argument("--data-dir", help="where history is kept (env BACKCOACH_DATA_DIR)")
    parser.add_argument("--config-dir", help="user content and settings (env BACKCOACH_CONFIG_DIR)")
    add_run_flags(parser, default=None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check-content", help="validate content and list each exercise's dosage"
    )
    check.add_argument(
        "dir", nargs="?", help="a content directory to check instead of the installed one"
    )

    status = commands.add_parser("status", help="one line for a shell prompt: streak, today, flags")
    status.add_argument("--json", action="store_true", help="machine-readable output")

    export = commands.add_parser("export", help="one row per exercise per session")
    export.add_argument(
        "--format", choices=["csv", "json"], default="csv", help="csv (default) or json"
    )
    export.add_argument("--output", "-o", help="file to write (default: standard output)")

    add_report_parser(commands)

    add_remind_command(commands)

    completion = commands.add_parser(
        "completion", help="print a shell completion script (bash, zsh or fish)"
    )
    completion.add_argument("shell", choices=COMPLETION_SHELLS, help="the shell to complete in")

    run = commands.add_parser("run", help="start the app (the default)")
    # SUPPRESS: given before ``run`` they stay, as the subparser sets no default over them.
    add_run_flags(run, default=argparse.SUPPRESS)
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; give YYYY-MM-DD") from None


def add_report_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report",
        help="a report for your doctor or physiotherapist (PDF, HTML or Markdown)",
        description="Adherence, pain before and after, every flag and the safety notices "
        "of a period (default: the last 8 weeks), to take to a doctor or physiotherapist. "
        "Written as 0600, never inside the data dir, never over a file without --force.",
    )
    report.add_argument("--since", type=_day, help="first day, YYYY-MM-DD (default: 8 weeks back)")
    report.add_argument("--until", type=_day, help="last day, YYYY-MM-DD (default: today)")
    report.add_argument(
        "--format",
        choices=["pdf", "html", "md"],
        help="pdf (default, or from --output's suffix), html (one self-contained file) "
        "or md (Markdown, for pasting into a message)",
    )
    report.add_argument(
        "--output",
        "-o",
        help="file to write (default: backcoach-report-DATE.FORMAT here; - for standard "
        "output, html and md only)",
    )
    report.add_argument("--force", action="store_true", help="replace the file if it exists")
    report.add_argument(
        "--paper", choices=["a4", "letter"], default="a4", help="PDF page size (default a4)"
    )


def add_remind_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``remind`` and its ``install``, ``uninstall`` and ``status``."""
    remind = commands.add_parser(
        "remind",
        help="a desktop notification while today's target is not met",
        description=(
            "Show a desktop notification when today's target is not yet met and today is "
            "not a rest day. Exit status: 0 a reminder was shown; 1 nothing to remind; "
            "3 a reminder was due but could not be shown (why, on stderr)."
        ),
    )
    remind.add_argument(
        "--snooze", metavar="DURATION", help="wait this long first (30m, 1h, 90s), then check"
    )
    actions = remind.add_subparsers(dest="remind_action", metavar="ACTION")
    install = actions.add_parser(
        "install",
        help="remind at these times each day (a systemd user timer, a LaunchAgent, or the "
        "crontab lines to add)",
    )
    install.add_argument(
        "--at",
        action="append",
        required=True,
        metavar="HH:MM",
        help="a time of day, 24-hour clock; give --at again for more (--at 08:00 --at 18:30)",
    )
    actions.add_parser("uninstall", help="remove exactly what remind install wrote")
    actions.add_parser("status", help="what is installed, and the next reminder time")


def add_run_flags(parser: argparse.ArgumentParser, default: object) -> None:
    """The settings that can be given for one run of the app, never saved."""
    group = parser.add_argument_group(
        "settings for this run only (the saved settings are not changed)"
    )
    group.add_argument(
        "--far-view",
        action=argparse.BooleanOptionalAction,
        default=default,
        help="the layout to follow from the floor: big phase, seconds and counts (f in a session)",
    )
    group.add_argument(
        "--voice",
        choices=VOICE_CHOICES,
        default=default,
        help="spoken cues: off, short cues (hold, relax, switch sides...), or full "
        "(also each step's cue and the next exercise's start position); "
        "needs spd-say, espeak-ng, espeak or say",
    )
    group.add_argument(
        "--sound",
        choices=("on", "off"),
        default=default,
        help="short cue sounds (hold, relax, rest over, switch sides, done, a 3-2-1 tick), "
        "played with pw-play, paplay, aplay or afplay, else the terminal bell",
    )
    group.add_argument(
        "--hands-free",
        action=argparse.BooleanOptionalAction,
        default=default,
        help="no step waits for a key; steps done at your own pace get a tempo (app default)",
    )


def run_overrides(args: argparse.Namespace) -> RunOverrides:
    """The settings the flags give for this run (none given: an empty ``RunOverrides``)."""
    return RunOverrides(
        sound=None if args.sound is None else args.sound == "on",
        voice=args.voice,
        far_view=args.far_view,
        hands_free=args.hands_free,
    )


#: The exit status of a command killed by SIGPIPE in a shell (128 + 13), as ``cat`` gives.
BROKEN_PIPE_EXIT = 141


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    overrides = run_overrides(args)
    if args.command in PRINTING_COMMANDS and overrides.given():
        parser.error(
            f"{' '.join(overrides.flags())}: for running the app "
            f"(no command, or run), not for {args.command}"
        )
    paths = resolve_paths(args.data_dir, args.config_dir)
    if args.command in PRINTING_COMMANDS:
        try:
            code = _run_command(args, paths)
            sys.stdout.flush()  # a pipe's buffered output fails here, not at exit
        except BrokenPipeError:
            _silence_stdout()
            return BROKEN_PIPE_EXIT
        return code
    from backcoach.tui.launch import launch

    return launch(paths, overrides=overrides)


def _run_command(args: argparse.Namespace, paths: AppPaths) -> int:
    if args.command == "check-content":
        from backcoach.commands import check_content

        return check_content.run(paths, args.dir)
    if args.command == "status":
        from backcoach.commands import status

        return status.run(paths, as_json=args.json)
    if args.command == "remind":
        return _remind(args, paths)
    if args.command == "completion":
        import shtab

        print(shtab.complete(build_parser(), shell=args.shell), end="")
        return 0
    if args.command == "report":
        from backcoach.commands import report

        return report.run(
            paths,
            since=args.since,
            until=args.until,
            fmt=args.format,
            output=args.output,
            force=args.force,
            paper=args.paper,
        )
    from backcoach.commands import export

    return export.run(paths, fmt=args.format, output=args.output)


def _remind(args: argparse.Namespace, paths: AppPaths) -> int:
    from backcoach.commands import remind
    from backcoach.core.reminders.setup import default_scheduler, reminder_command
    from backcoach.core.reminders.times import TimeError, parse_clock_times, parse_duration

    action = args.remind_action
    try:
        if action is None:
            snooze = None if args.snooze is None else parse_duration(args.snooze)
            return remind.check(paths, snooze_seconds=snooze)
        if args.snooze is not None:
            raise TimeError(f"--snooze is for remind itself, not for remind {action}")
        if action == "install":
            times = parse_clock_times(args.at)
            command = reminder_command(paths)
            return remind.install(default_scheduler(), times, command, sys.stdout, sys.stderr)
    except TimeError as error:
        print(f"backcoach remind: {error}", file=sys.stderr)
        return 2
    if action == "uninstall":
        return remind.uninstall(default_scheduler(), sys.stdout, sys.stderr)
    from backcoach.clock import SystemClock

    return remind.status(default_scheduler(), SystemClock(), sys.stdout, sys.stderr)


def _silence_stdout() -> None:
    """The reader went away (``| head``): send what is left to /dev/null, so that
    Python's final flush does not print a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())

"""Settings given on the command line for one run: laid over the saved ones, never saved.

``backcoach --far-view --voice cues`` lets a user try a setting (and a test drive one)
without changing ``settings.json``. The app keeps the saved settings and these apart:
what screens see is ``applied_to(saved)``; a setting the user then changes in the
settings screen is saved and dropped from here (``without``).

This module imports no pydantic at import time, so ``backcoach --help`` stays fast: the
command line builds its choices from ``VOICE_CHOICES`` (a test keeps it equal to
``settings.VOICE_LEVELS``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backcoach.core.settings import Settings, VoiceLevel

#: The voice levels, as ``settings.VOICE_LEVELS`` (kept here so the CLI need not load it).
VOICE_CHOICES: tuple[VoiceLevel, ...] = ("off", "cues", "full")

#: How each overridable setting is named to the user, and the flag that sets it.
SETTING_NAMES = {
    "sound": "Sound",
    "voice": "Voice",
    "far_view": "Far view",
    "hands_free": "Hands-free",
}


@dataclass(frozen=True)
class RunOverrides:
    """The settings given for this run; None is "as saved"."""

    sound: bool | None = None
    voice: VoiceLevel | None = None
    far_view: bool | None = None
    hands_free: bool | None = None

    def __post_init__(self) -> None:
        if self.voice is not None and self.voice not in VOICE_CHOICES:
            raise ValueError(f"voice must be one of {', '.join(VOICE_CHOICES)}, not {self.voice!r}")
        for name in ("sound", "far_view", "hands_free"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, bool):
                raise ValueError(f"{name} must be True, False or None, not {value!r}")

    def given(self) -> dict[str, bool | str]:
        """The overridden settings and their values for this run, in the flags' order."""
        return {
            field.name: value
            for field in fields(self)
            if (value := getattr(self, field.name)) is not None
        }

    def applied_to(self, saved: Settings) -> Settings:
        """The settings this run uses: ``saved`` with the given values (``saved`` is
        left as it is)."""
        effective = saved.model_copy()
        for name, value in self.given().items():
            setattr(effective, name, value)  # validated: Settings validates assignments
        return effective

    def without(self, names: Iterable[str]) -> RunOverrides:
        """These overrides less ``names`` (settings the user has since changed and saved)."""
        dropped = {name: None for name in names if name in SETTING_NAMES}
        return replace(self, **dropped) if dropped else self

    def flags(self) -> list[str]:
        """The command-line flags that give these overrides (``--voice cues``)."""
        return [flag_for(name, value) for name, value in self.given().items()]

    def note(self) -> str | None:
        """One line for the settings screen saying what is set for this run, or None."""
        given = self.given()
        if not given:
            return None
        names = [SETTING_NAMES[name] for name in given]
        names = [names[0], *(name.lower() for name in names[1:])]
        verb = "is" if len(names) == 1 else "are"
        return (
            f"{_and_list(names)} {verb} set for this run by {_and_list(self.flags())}; "
            "a change here is saved."
        )


def flag_for(name: str, value: bool | str) -> str:
    """The flag that sets ``name`` to ``value`` for one run."""
    dashed = name.replace("_", "-")
    if name == "voice":
        return f"--voice {value}"
    if name == "sound":
        return f"--sound {'on' if value else 'off'}"
    return f"--{dashed}" if value else f"--no-{dashed}"


def _and_list(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"

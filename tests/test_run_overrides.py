"""RunOverrides: the command line's settings for one run, laid over the saved ones."""

from __future__ import annotations

import pytest

from backcoach.core.run_overrides import VOICE_CHOICES, RunOverrides, flag_for
from backcoach.core.settings import VOICE_LEVELS, Settings


def test_the_cli_choices_are_the_settings_voice_levels() -> None:
    assert VOICE_CHOICES == VOICE_LEVELS


def test_no_overrides_give_the_saved_settings() -> None:
    saved = Settings(voice="cues", far_view=True, theme="nord")
    effective = RunOverrides().applied_to(saved)
    assert effective == saved
    assert effective is not saved, "a copy: changing it never changes the saved ones"
    assert RunOverrides().given() == {}
    assert RunOverrides().note() is None


def test_given_values_replace_the_saved_ones_and_the_rest_stay() -> None:
    saved = Settings(sound=True, voice="off", far_view=False, hands_free=False, theme="nord")
    overrides = RunOverrides(sound=False, voice="full", far_view=True)
    effective = overrides.applied_to(saved)
    assert (effective.sound, effective.voice, effective.far_view) == (False, "full", True)
    assert (effective.hands_free, effective.theme) == (False, "nord")
    assert (saved.sound, saved.voice, saved.far_view) == (True, "off", False), "left alone"


def test_false_is_an_override_too() -> None:
    """``--no-far-view`` turns a saved far view off for the run: False is not "unset"."""
    effective = RunOverrides(far_view=False, hands_free=False).applied_to(
        Settings(far_view=True, hands_free=True)
    )
    assert (effective.far_view, effective.hands_free) == (False, False)


def test_without_drops_the_named_overrides_only() -> None:
    overrides = RunOverrides(voice="cues", far_view=True)
    assert overrides.without(["voice", "theme"]) == RunOverrides(far_view=True)
    assert overrides.without(["theme"]) == overrides, "not overridable: nothing to drop"


def test_flags_name_what_was_given() -> None:
    overrides = RunOverrides(sound=False, voice="cues", far_view=True, hands_free=False)
    assert overrides.flags() == ["--sound off", "--voice cues", "--far-view", "--no-hands-free"]
    assert flag_for("sound", True) == "--sound on"


def test_the_note_says_which_settings_are_for_this_run() -> None:
    assert RunOverrides(voice="full").note() == (
        "Voice is set for this run by --voice full; a change here is saved."
    )
    assert RunOverrides(voice="cues", far_view=True, hands_free=True).note() == (
        "Voice, far view and hands-free are set for this run by --voice cues, --far-view "
        "and --hands-free; a change here is saved."
    )


@pytest.mark.parametrize(
    "bad",
    [{"voice": "loud"}, {"sound": "off"}, {"far_view": 1}],
    ids=["voice", "sound", "far_view"],
)
def test_values_outside_the_settings_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        RunOverrides(**bad)  # type: ignore[arg-type]

"""The source's rule 2 keeps its force everywhere it is written, and the app's own
advice is marked as the app's.

The article: if an exercise makes the pain worse, stop it immediately and consult a
doctor. "Stop it" without "at once", or "consider" a doctor, is weaker than that.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backcoach.core.content_loader import load_catalog
from backcoach.core.safety import APP_ADVICE, STOP_RULE
from backcoach.paths import AppPaths

ROOT = Path(__file__).parent.parent
#: A sentence that states what to do when an exercise makes the pain worse.
RULE_TWO = re.compile(r"makes? (your )?pain worse,? (stop|you should)", re.IGNORECASE)


def has_force(text: str) -> bool:
    lowered = text.lower()
    return ("at once" in lowered or "immediately" in lowered) and "consult a doctor" in lowered


def sentences_stating_rule_two() -> list[tuple[str, str]]:
    found = []
    for path in [*ROOT.joinpath("src").rglob("*.py"), *ROOT.joinpath("content").rglob("*.toml")]:
        for line in path.read_text().splitlines():
            if RULE_TWO.search(line):
                found.append((str(path.relative_to(ROOT)), line.strip()))
    return found


def test_the_rule_itself_has_its_force() -> None:
    assert has_force(STOP_RULE)


@pytest.mark.parametrize(("where", "line"), sentences_stating_rule_two())
def test_every_place_that_states_rule_two_keeps_its_force(where: str, line: str) -> None:
    assert has_force(line), f"{where}: {line}"


def test_the_places_that_show_rule_two_show_it_whole(tmp_path: Path) -> None:
    """The screens that state it: the pain-stop dialog, a flagged exercise's details,
    the unflag dialog, and the safety notice and help (from the content's ``about``)."""
    from backcoach.tui.history.unflag import ADVICE
    from backcoach.tui.session.pain_stop import DOCTOR_ADVICE

    catalog = load_catalog(AppPaths(data_dir=tmp_path / "d", config_dir=tmp_path / "c")).catalog
    shown = {
        "pain-stop dialog": DOCTOR_ADVICE,
        "unflag dialog": ADVICE,
        "safety notice and help": " ".join(catalog.about.safety),
    }
    assert {name: has_force(text) for name, text in shown.items()} == dict.fromkeys(shown, True)
    assert "consider" not in ADVICE


def test_the_apps_own_advice_is_marked_as_the_apps() -> None:
    from backcoach.tui.session.pain_stop import END_RECOMMENDED_TEXT

    assert END_RECOMMENDED_TEXT.startswith(APP_ADVICE)
    assert "not the article's" in APP_ADVICE


def test_every_place_that_acts_on_rule_one_says_the_articles_words_and_marks_the_apps_part() -> (
    None
):
    """Issue 11: the severe screen, the "not going away" notice and the session start
    after a rise each give the figure the app acted on as the app's, never the article's."""
    from datetime import date

    from backcoach.core.content_models import Thresholds
    from backcoach.core.pain_rules import NotEasing, PainRise
    from backcoach.core.plan import SessionPlan
    from backcoach.core.safety import SEE_A_DOCTOR_RULE, severe_threshold_text
    from backcoach.tui.session.screen import pain_rise_text
    from backcoach.tui.widgets.pain_notice import pain_notice_text

    thresholds = Thresholds()
    severe = severe_threshold_text(8, thresholds.severe.cites)
    assert "the app's threshold, not the article's" in severe and "Boonstra" in severe
    finding = NotEasing(date(2026, 11, 25), 14, 6.0, 6.0, 7, 7)
    notice = pain_notice_text(finding, thresholds.not_easing)
    assert SEE_A_DOCTOR_RULE in notice and "the app's rule" in notice
    rise = PainRise(date(2026, 11, 25), 6, date(2026, 11, 24), 3)
    plan = SessionPlan(routine_id=None, routine_name="None", exercises=())
    said = pain_rise_text(rise, plan)
    assert "up from 3/10" in said and APP_ADVICE not in said  # nothing of the app's to hold

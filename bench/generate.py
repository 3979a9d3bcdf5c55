"""A deterministic synthetic history: years of two sessions a day, every exercise.

The same seed and end date always give byte-identical output, so figures from two
runs (or two machines) are measured on the same data. The result is validated
against ``backcoach.core.history_models.History`` before it is written.

    .venv/bin/python -m bench.generate --days 3652 --out /tmp/history.json
"""

from __future__ import annotations

import argparse
import random
import tomllib
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from backcoach.core.history_models import SCHEMA_VERSION, History

TEN_YEARS_DAYS = 3652  # two sessions a day: 7,304 sessions
DEFAULT_SEED = 20260124
ZONE = ZoneInfo("Europe/London")  # DST changes twice a year, as real users see
CONTENT_DIR = Path(__file__).resolve().parent.parent / "content" / "exercises"


@dataclass(frozen=True)
class ExerciseSpec:
    """What the generator needs to know about an exercise to fill in its sets."""

    id: str
    name: str
    sets: int
    reps: int
    sides: tuple[str | None, ...]
    holds_per_rep: int


# Used when the checkout's content is missing or unreadable: the ten exercises of the source.
FALLBACK_EXERCISES: tuple[ExerciseSpec, ...] = (
    ExerciseSpec("bridges", "Bridges", 3, 15, (None,), 0),
    ExerciseSpec("knee-to-chest", "Knee-to-chest stretch", 1, 3, ("left", "right"), 1),
    ExerciseSpec("rotational-stretch", "Lower back rotational stretch", 1, 3, ("left", "right"), 1),
    ExerciseSpec("draw-in", "Draw-in maneuver", 1, 5, (None,), 1),
    ExerciseSpec("pelvic-tilt", "Pelvic tilt", 1, 30, (None,), 2),
    ExerciseSpec("lateral-leg-lifts", "Lying lateral leg lifts", 3, 10, ("left", "right"), 1),
    ExerciseSpec("cat-stretch", "Cat stretch", 1, 5, (None,), 0),
    ExerciseSpec("superman", "Superman", 1, 10, (None,), 1),
    ExerciseSpec(
        "seated-rotation", "Seated lower back rotational stretch", 1, 5, ("left", "right"), 1
    ),
    ExerciseSpec("partial-curls", "Partial curls", 3, 10, (None,), 1),
)


def _whole(value: Any, fallback: int) -> int:
    """A content amount (bare number or table) as the whole number the app would use."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, dict):
        for key in ("default", "value", "high", "low"):
            if key in value:
                return int(value[key])
    return fallback


def exercises_from_content(content_dir: Path = CONTENT_DIR) -> tuple[ExerciseSpec, ...]:
    """The checkout's exercises (ids, names, dosage), or the built-in ten if none can be read."""
    specs: list[tuple[int, ExerciseSpec]] = []
    for path in sorted(content_dir.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            dosage = data.get("dosage", {})
            labels = dosage.get("side_labels")
            sides: tuple[str | None, ...] = (
                (str(labels[0]), str(labels[1])) if labels and len(labels) == 2 else (None,)
            )
            holds = sum(1 for phase in data.get("rep", []) if phase.get("kind") == "hold")
            spec = ExerciseSpec(
                id=str(data["id"]),
                name=str(data["name"]),
                sets=max(1, _whole(dosage.get("sets", 1), 1)),
                reps=max(1, _whole(dosage.get("reps", 10), 10)),
                sides=sides,
                holds_per_rep=holds,
            )
        except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError):
            continue
        specs.append((int(data.get("order", 100)), spec))
    if len(specs) < 5:  # content still being written: fall back to the source's ten
        return FALLBACK_EXERCISES
    return tuple(spec for _, spec in sorted(specs, key=lambda item: (item[0], item[1].name)))


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _exercise_record(
    rng: random.Random, spec: ExerciseSpec, status: str, seconds: float
) -> dict[str, Any]:
    sets = []
    for set_number in range(1, spec.sets + 1):
        for side in spec.sides:
            sets.append(
                {
                    "set": set_number,
                    "side": side,
                    "reps_done": spec.reps,
                    "holds_done": spec.reps * spec.holds_per_rep,
                }
            )
    record: dict[str, Any] = {
        "exercise_id": spec.id,
        "name": spec.name,
        "status": status,
        "sets": sets if status == "completed" else sets[:1],
        "seconds_spent": round(seconds, 1),
        "planned_reps": spec.reps,
        "planned_sets": spec.sets,
    }
    if status == "stopped_for_pain":
        record["stopped_at"] = {
            "set": 1,
            "side": spec.sides[0],
            "rep": rng.randint(1, spec.reps),
            "phase": 1,
            "phase_kind": "hold",
            "phase_cue": "Hold",
            "seconds_into_phase": round(rng.uniform(0, 5), 2),
        }
    return record


def _session(
    rng: random.Random, day: date, hour: int, exercises: tuple[ExerciseSpec, ...]
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """One session on ``day`` and, rarely, the flag its pain stop raised."""
    start = datetime(day.year, day.month, day.day, hour, rng.randint(0, 59), tzinfo=ZONE)
    start += timedelta(seconds=rng.randint(0, 59))
    offset = start.utcoffset() or timedelta(0)
    pain_stop_at = rng.randrange(len(exercises)) if rng.random() < 0.01 else None
    records = []
    elapsed = 0.0
    for index, spec in enumerate(exercises):
        if pain_stop_at is not None and index == pain_stop_at:
            status = "stopped_for_pain"
        elif pain_stop_at is not None and index > pain_stop_at:
            status = "not_started"
        else:
            status = "skipped" if rng.random() < 0.03 else "completed"
        seconds = 0.0 if status in ("skipped", "not_started") else rng.uniform(60, 300)
        elapsed += seconds
        records.append(_exercise_record(rng, spec, status, seconds))
    session_id = _uuid(rng)
    pain_before = rng.randint(0, 6) if rng.random() < 0.8 else None
    session = {
        "id": session_id,
        "routine_id": "daily",
        "routine_name": "Daily routine",
        "started_at": start.isoformat(),
        "utc_offset_minutes": int(offset.total_seconds() // 60),
        "local_date": day.isoformat(),
        "ended_at": (start + timedelta(seconds=elapsed + 30)).isoformat(),
        "status": "ended_early" if pain_stop_at is not None else "completed",
        "pain_before": pain_before,
        "pain_after": None if pain_before is None else max(0, pain_before - rng.randint(0, 2)),
        "exercises": records,
        "target_per_day": 1,
        "pid": None,
        "updated_at": (start + timedelta(seconds=elapsed + 30)).isoformat(),
    }
    flag = None
    if pain_stop_at is not None:
        spec = exercises[pain_stop_at]
        flagged = start + timedelta(seconds=elapsed)
        cleared = flagged + timedelta(days=rng.randint(2, 14))
        flag = {
            "id": _uuid(rng),
            "exercise_id": spec.id,
            "exercise_name": spec.name,
            "flagged_at": flagged.isoformat(),
            "local_date": day.isoformat(),
            "session_id": session_id,
            "stopped_at": records[pain_stop_at]["stopped_at"],
            "pain": rng.randint(4, 8),
            "cleared_at": cleared.isoformat(),
            "cleared_note": "Physiotherapist said it is fine to carry on.",
            "cleared_by_clinician": True,
        }
    return session, flag


def generate(
    days: int = TEN_YEARS_DAYS,
    *,
    per_day: int = 2,
    end: date = date(2026, 11, 24),
    seed: int = DEFAULT_SEED,
    exercises: tuple[ExerciseSpec, ...] | None = None,
) -> dict[str, Any]:
    """The history as plain JSON data: ``days`` days ending on ``end``, ``per_day`` sessions each.

    About one day in a hundred is a rest day instead; about one session in a hundred stops
    for pain and raises a flag that was cleared later.
    """
    rng = random.Random(seed)
    specs = exercises if exercises is not None else exercises_from_content()
    sessions: list[dict[str, Any]] = []
    flags: list[dict[str, Any]] = []
    rest_days: list[dict[str, Any]] = []
    hours = (8, 19, 13, 21, 11, 16)
    for offset in range(days - 1, -1, -1):
        day = end - timedelta(days=offset)
        if rng.random() < 0.01:
            marked = datetime(day.year, day.month, day.day, 9, 0, tzinfo=ZONE)
            rest_days.append(
                {"local_date": day.isoformat(), "marked_at": marked.isoformat(), "note": None}
            )
            continue
        for slot in range(per_day):
            session, flag = _session(rng, day, hours[slot % len(hours)], specs)
            sessions.append(session)
            if flag is not None:
                flags.append(flag)
    return {
        "schema_version": SCHEMA_VERSION,
        "sessions": sessions,
        "flags": flags,
        "rest_days": rest_days,
        "progression": {},
    }


def generate_history(days: int = TEN_YEARS_DAYS, **kwargs: Any) -> History:
    """The generated data, validated as the app's ``History`` model."""
    return History.model_validate(generate(days, **kwargs))


def write_history(path: Path, days: int = TEN_YEARS_DAYS, **kwargs: Any) -> History:
    """Validate and write the history as the store would (compact JSON); returns it."""
    history = generate_history(days, **kwargs)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(history.model_dump_json(), encoding="utf-8")  # compact, as the store writes
    return history


def write_layout(data_dir: Path, days: int = TEN_YEARS_DAYS, **kwargs: Any) -> History:
    """The same history as the app keeps it since schema version 3 (month files and a
    summary): written as an old single file, then upgraded by the store itself."""
    from backcoach.clock import SystemClock
    from backcoach.core.store import HistoryStore

    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    history = write_history(data_dir / "history.json", days, **kwargs)
    report = HistoryStore(data_dir, SystemClock(), device="bench").load()
    if len(report.history.sessions) != len(history.sessions) or report.read_only:
        raise RuntimeError(f"the store did not upgrade the generated history: {report.notices}")
    for kept in data_dir.glob("history.json.v*.bak"):
        kept.unlink()  # the upgrade's copy of the old file: not part of what is measured
    return history


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("--days", type=int, default=TEN_YEARS_DAYS)
    parser.add_argument("--per-day", type=int, default=2)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--end", type=date.fromisoformat, default=date(2026, 11, 24))
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    history = write_history(args.out, args.days, per_day=args.per_day, seed=args.seed, end=args.end)
    print(f"{args.out}: {len(history.sessions)} sessions, {len(history.flags)} flags")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

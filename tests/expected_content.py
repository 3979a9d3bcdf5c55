"""What the packaged content must hold, written out from the facts sheet for tests to check."""

# The ten exercises, in the facts sheet's order.
EXERCISE_NAMES = (
    "Bridges",
    "Knee-to-chest stretch",
    "Lower back rotational stretch",
    "Draw-in maneuver",
    "Pelvic tilt",
    "Lying lateral leg lifts",
    "Cat stretch",
    "Superman",
    "Seated lower back rotational stretch",
    "Partial curls",
)

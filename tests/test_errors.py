"""Error lines stay short whatever a user's file holds: ``brief`` never echoes a whole value."""

from __future__ import annotations

import pytest

from tourmap.errors import brief


def _alias_bomb(depth: int) -> list[object]:
    """What YAML's billion laughs expands to: nine references to the level below, ``depth`` times."""
    level: list[object] = ["lol"] * 9
    for _ in range(depth):
        level = [level] * 9
    return level


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Lima", "'Lima'"),
        (12, "12"),
        (-95.5, "-95.5"),
        (None, "None"),
        (["x"], "['x'] (1 item)"),
        ({"a": 1, "b": 2, "c": 3, "d": 4}, "{'a', 'b', 'c', …} (4 keys)"),
        ([[1], {"k": 2}], "[[…], {…}] (2 items)"),
    ],
)
def test_small_values_are_shown_as_written(value: object, expected: str) -> None:
    assert brief(value) == expected


def test_huge_values_are_described_not_echoed() -> None:
    assert brief("x" * 10_000) == "'" + "x" * 58 + "…' (10,000 characters)"
    assert brief(10**5000) == "<a number of about 5,000 digits>"  # repr() itself would raise
    assert brief(_alias_bomb(8)) == "[[…], […], […], …] (9 items)"
    assert len(brief("y" * 10**6)) < 100

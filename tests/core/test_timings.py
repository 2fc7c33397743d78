"""Timings by phase, as the benchmark reads them: time adds up per phase name."""

from __future__ import annotations

import pytest

from briefing_site.core import timings
from briefing_site.core.timings import Timings


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A clock that reads the given times in turn."""
    ticks = [10.0, 10.5, 20.0, 20.25, 30.0, 31.0]
    monkeypatch.setattr(timings, "perf_counter", lambda: ticks.pop(0))
    return ticks


def test_a_phase_run_twice_adds_up_and_each_name_keeps_its_own_time(clock):
    t = Timings()
    assert dict(t.seconds) == {}
    with t.phase("parse"):
        pass
    with t.phase("render"):
        pass
    with t.phase("parse"):
        pass
    assert dict(t.seconds) == {"parse": 1.5, "render": 0.25}
    assert clock == []


def test_a_phase_that_fails_still_counts_its_time(clock):
    t = Timings()
    with pytest.raises(ValueError), t.phase("parse"):
        raise ValueError("bad source")
    assert dict(t.seconds) == {"parse": 0.5}


def test_a_timed_function_keeps_its_name_and_result_and_counts_its_time(clock):
    t = Timings()

    @t.timed("scan")
    def scan(root: str, *, deep: bool = False) -> str:
        """Scan a folder."""
        return f"{root}:{deep}"

    assert scan("briefings", deep=True) == "briefings:True"
    assert (scan.__name__, scan.__doc__) == ("scan", "Scan a folder.")
    assert dict(t.seconds) == {"scan": 0.5}


def test_an_unknown_phase_has_taken_no_time():
    assert Timings().seconds["never"] == 0.0

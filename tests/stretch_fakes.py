"""A fake clock with scripted key presses for the stretch timer: nothing ever sleeps."""

from __future__ import annotations


class FakeTime:
    """``clock`` reads the fake time; ``keys`` waits on it. A scripted key at ``at_s`` is
    returned by the first wait that reaches it; ``late_s`` makes every timed-out wait wake
    that much late, as a busy machine does."""

    def __init__(self, script: list[tuple[float, str]] | None = None, late_s: float = 0.0):
        self.now_s = 0.0
        self.script = sorted(script or [])
        self.late_s = late_s
        self.waits = 0

    def clock(self) -> float:
        return self.now_s

    def keys(self, timeout_s: float) -> str | None:
        self.waits += 1
        assert timeout_s > 0, "the timer must never spin without waiting"
        if self.script and self.script[0][0] <= self.now_s + timeout_s:
            at_s, key = self.script.pop(0)
            self.now_s = max(self.now_s, at_s)
            return key
        self.now_s += timeout_s + self.late_s
        return None

"""The worker settles its heap once built: the start-up objects leave garbage collection, the young generation grows."""

from __future__ import annotations

import subprocess
import sys

from tocsin import PROJECT_ROOT


def test_the_start_up_heap_is_frozen_and_young_collections_are_rarer() -> None:
    # in a process of its own: freezing and thresholds are process-wide
    script = (
        "import gc\n"
        "from tocsin.roles import YOUNG_ALLOCATIONS, settle_heap\n"
        "before = gc.get_threshold()\n"
        "settle_heap()\n"
        "print(gc.get_freeze_count(), gc.get_threshold() == (YOUNG_ALLOCATIONS, *before[1:]), YOUNG_ALLOCATIONS > before[0])\n"
    )
    frozen, thresholds, larger = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert int(frozen) > 1_000
    assert thresholds == larger == "True"

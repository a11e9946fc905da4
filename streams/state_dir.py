"""One RocksDB state folder per worker process on a machine.

RocksDB locks the files it opens, so two workers on one machine cannot share a
folder: Faust retries the lock for 30 s, then the worker crashes (seen when two
`tocsin run --role worker` shared `data_dir` and partitions moved between them).
Each worker therefore takes the first free slot `worker-N` under the app's folder and
holds an exclusive `flock` on `worker-N.lock` for its lifetime; the OS releases it
when the process dies, even by SIGKILL. A restarted worker takes the lowest free
slot — usually its own — and finds its tables on disk. A slot holding an older copy
is still correct: Faust stores the changelog offset with the data and replays the
changelog from there.
"""

from __future__ import annotations

import fcntl
from pathlib import Path
from typing import IO

#: More workers than this on one machine is a configuration mistake, not a scale-out.
MAX_SLOTS = 64

_held: list[IO[str]] = []  # open lock files: closing one would release its slot


def claim_state_dir(base: Path) -> Path:
    """The lowest `base/worker-N` no other live process on this machine holds, now held by this one."""
    base.mkdir(parents=True, exist_ok=True)
    for slot in range(MAX_SLOTS):
        handle = (base / f"worker-{slot}.lock").open("a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        _held.append(handle)
        return base / f"worker-{slot}"
    raise RuntimeError(f"{base}: all {MAX_SLOTS} state slots are held by running workers")

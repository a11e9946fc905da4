"""The table store setting, and state folders: one per live worker process on a machine, reused after it ends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tocsin.settings import SettingsError, load_settings
from tocsin.streams.app import faust_settings
from tocsin.streams.state_dir import claim_state_dir

HOLD = "import sys, time; from pathlib import Path; from tocsin.streams.state_dir import claim_state_dir; print(claim_state_dir(Path(sys.argv[1])), flush=True); time.sleep(60)"


def test_live_holders_get_distinct_slots_and_a_dead_ones_slot_is_reused(tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == str(tmp_path / "worker-0")
        assert claim_state_dir(tmp_path) == tmp_path / "worker-1", "slot 0 is held by the other process"
    finally:
        holder.kill()
        holder.wait()
    assert claim_state_dir(tmp_path) == tmp_path / "worker-0", "a killed process releases its slot"


def test_store_setting_selects_faust_store_and_rejects_others() -> None:
    assert faust_settings(load_settings(environ={}))["store"] == "rocksdb://"
    assert faust_settings(load_settings(environ={"TOCSIN_STORE": "memory"}))["store"] == "memory://"
    with pytest.raises(SettingsError, match="TOCSIN_STORE='redis'.*'rocksdb' or 'memory'"):
        load_settings(environ={"TOCSIN_STORE": "redis"})

"""`tocsin demo`: a scripted flare-up of fighting, served locally, through the real pipeline.

Starts the project's local Kafka when no broker answers (and stops it at the end),
serves the outlets of `timeline.yaml`, and runs `tocsin run` on fresh topics so
every demo starts from an empty state. Alerts print to the console.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from tocsin import PROJECT_ROOT
from tocsin.demo.feeds import FeedServer, Timeline

KAFKA_SCRIPT = PROJECT_ROOT / "deploy" / "kafka" / "kafka.sh"
POLL_SECONDS = 3.0


def _kafka(command: str) -> bool:
    return subprocess.run(["bash", str(KAFKA_SCRIPT), command], check=False).returncode == 0


def run_demo(duration: float | None = None, config: Path | None = None) -> int:
    started_kafka = False
    if not os.environ.get("KAFKA_BOOTSTRAP_SERVERS"):
        if subprocess.run(["bash", str(KAFKA_SCRIPT), "status"], capture_output=True).returncode != 0:
            if not _kafka("up"):
                print("tocsin demo: could not start the local Kafka (see above)", file=sys.stderr)
                return 1
            started_kafka = True
    run_id = time.strftime("%Y%m%d%H%M%S")
    try:
        with FeedServer(Timeline()) as feeds, tempfile.TemporaryDirectory(prefix="tocsin-demo-") as tmp:
            catalog = Path(tmp) / "sources.yaml"
            catalog.write_text(yaml.safe_dump(feeds.catalog(POLL_SECONDS)), encoding="utf-8")
            env = {
                **os.environ,
                "TOCSIN_SOURCES_FILE": str(catalog),
                "TOCSIN_TOPIC_PREFIX": f"tocsin-demo-{run_id}.",
                "TOCSIN_APP_ID": f"tocsin-demo-{run_id}",
                "TOCSIN_LOG_LEVEL": os.environ.get("TOCSIN_LOG_LEVEL", "warning"),
            }
            command = [sys.executable, "-m", "tocsin.cli"] + (["--config", str(config)] if config else []) + ["run"]
            print(f"tocsin demo: {len(feeds.timeline.items)} items from {len(feeds.timeline.outlets)} outlets at {feeds.base_url}; alerts follow.", flush=True)
            return _supervise(subprocess.Popen(command, env=env), duration)
    finally:
        if started_kafka:
            _kafka("down")


def _supervise(child: subprocess.Popen, duration: float | None) -> int:
    """Wait for the pipeline, stop it after `duration` or on Ctrl-C, always cleanly."""
    deadline = None if duration is None else time.monotonic() + duration
    try:
        while child.poll() is None:
            if deadline is not None and time.monotonic() >= deadline:
                break
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    if child.poll() is None:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    print("tocsin demo: stopped.", flush=True)
    return 0 if child.returncode in (0, -signal.SIGTERM, 130) else child.returncode

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
from tocsin.shutdown import STOP_SECONDS, Shutdown

KAFKA_SCRIPT = PROJECT_ROOT / "deploy" / "kafka" / "kafka.sh"
POLL_SECONDS = 3.0
#: The pipeline's own bound, and the broker's stop after it (kafka.sh down takes about 5 s).
DEMO_STOP_SECONDS = STOP_SECONDS + 1.5


class Children:
    """The processes the demo started, each the leader of a process group of its own.

    A group of their own, so that Ctrl-C in a terminal (SIGINT to the foreground
    group) reaches the demo alone and each child gets one signal, the forwarded
    one; and so that what a child started in turn (the broker `kafka.sh up`
    leaves running) is found, and ended, with it.
    """

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen] = []
        self.signalled: set[int] = set()

    def start(self, command: list[str], **options) -> subprocess.Popen:
        process = subprocess.Popen(command, process_group=0, **options)
        self.processes.append(process)
        return process

    def run(self, command: list[str], **options) -> int:
        """Start `command` and wait for it; its exit code."""
        return self.start(command, **options).wait()

    def forward(self, signum: int) -> None:
        """Pass a stop signal, once, to each child still running; SIGHUP becomes SIGTERM, the signal roles stop on.

        Once: a second signal would make a role give up its clean stop.
        """
        forwarded = signal.SIGTERM if signum == signal.SIGHUP else signum
        for process in self.processes:
            if process.poll() is None and process.pid not in self.signalled:
                self.signalled.add(process.pid)
                _signal_group(process.pid, forwarded)

    def left(self) -> list[int]:
        """Process groups of the demo that still have a process in them."""
        return [process.pid for process in self.processes if _signal_group(process.pid, 0)]

    def kill(self) -> None:
        """SIGKILL whatever is left: the last resort of a second signal or a missed deadline."""
        for group in self.left():
            _signal_group(group, signal.SIGKILL)


def _signal_group(group: int, signum: int) -> bool:
    try:
        os.killpg(group, signum)
    except ProcessLookupError:
        return False
    return True


def run_demo(duration: float | None = None, config: Path | None = None) -> int:
    """Run the demo until `duration` passes, the pipeline ends, or SIGTERM/SIGINT/SIGHUP; then stop all it started."""
    children = Children()
    shutdown = Shutdown(DEMO_STOP_SECONDS, (signal.SIGTERM, signal.SIGINT, signal.SIGHUP), before_exit=children.kill).install()
    shutdown.attach(children.forward)
    started_kafka = False
    try:
        if (
            not os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
            and _kafka(children, "status", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) != 0
        ):
            if _kafka(children, "up") != 0:
                print("tocsin demo: could not start the local Kafka (see above)", file=sys.stderr)
                return 1
            started_kafka = True
        code = 0 if shutdown.requested else _run_pipeline(children, shutdown, duration, config)
    finally:
        if started_kafka:
            _kafka(children, "down")
        _end(children)
    return 0 if code == 0 else 1


def _kafka(children: Children, command: str, **options) -> int:
    return children.run(["bash", str(KAFKA_SCRIPT), command], **options)


def _run_pipeline(children: Children, shutdown: Shutdown, duration: float | None, config: Path | None) -> int:
    """Serve the feeds and run `tocsin run` on fresh topics until it is stopped; its exit code."""
    run_id = time.strftime("%Y%m%d%H%M%S")
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
        print(
            f"tocsin demo: {len(feeds.timeline.items)} items from {len(feeds.timeline.outlets)} outlets at {feeds.base_url}; alerts follow.",
            flush=True,
        )
        return _supervise(children, children.start(command, env=env), shutdown, duration)


def _supervise(children: Children, pipeline: subprocess.Popen, shutdown: Shutdown, duration: float | None) -> int:
    """Wait for the pipeline until it ends, a signal came or `duration` passed; then stop it as a signal would."""
    deadline = None if duration is None else time.monotonic() + duration
    while pipeline.poll() is None and not shutdown.requested:
        if deadline is not None and time.monotonic() >= deadline:
            break
        time.sleep(0.2)
    children.forward(signal.SIGTERM)  # a no-op for a pipeline the signal reached already
    try:
        pipeline.wait(timeout=DEMO_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        pipeline.kill()
        pipeline.wait()
    if pipeline.returncode != 0:
        print(f"tocsin demo: the pipeline exited with {pipeline.returncode}", file=sys.stderr)
    return pipeline.returncode


def _end(children: Children) -> None:
    """Check that nothing the demo started is left; end what is."""
    left = children.left()
    if left:
        print(f"tocsin demo: ending process group(s) {', '.join(map(str, left))} that outlived the stop", file=sys.stderr)
        children.kill()
    print("tocsin demo: stopped.", flush=True)

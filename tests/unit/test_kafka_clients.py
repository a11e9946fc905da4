"""Every Kafka client connects through tocsin.kafka, so TLS and SASL settings reach all of them."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIRECT = re.compile(r"AIOKafka(Consumer|Producer|AdminClient)\(")


def test_no_client_is_built_outside_tocsin_kafka() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("tocsin", "streams", "connectors")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path != ROOT / "tocsin" / "kafka.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if DIRECT.search(line)
    ]
    assert not offenders, f"build Kafka clients with tocsin.kafka (make_consumer, make_producer, make_admin): {offenders}"

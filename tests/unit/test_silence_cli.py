"""`tocsin silence` argument errors (caught before Kafka is contacted) and the list table."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.helpers.http import free_port
from tests.unit.factories import T0
from tocsin.cli import build_parser, main
from tocsin.records import Delivery, DeliveryOutcome, Silence
from tocsin.streams.silence.commands import table
from tocsin.streams.silence.matching import parse_matcher
from tocsin.tail import line
from tocsin.topics import Topics


@pytest.fixture(autouse=True)
def no_broker(monkeypatch):
    """A port nobody listens on: a command that reached Kafka would exit 1, not 2."""
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", f"127.0.0.1:{free_port()}")
    monkeypatch.delenv("TOCSIN_CONFIG", raising=False)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["region"], "tocsin silence add: matcher 'region': expected NAME=VALUE"),
        (['rule=~"(violent"'], "tocsin silence add: matcher 'rule=~\"(violent\"': invalid regular expression '(violent'"),
        (["region=x", "--duration", "soon"], "tocsin silence add: --duration 'soon': expected a duration such as 30s, 5m, 2h or 1d"),
        (["region=x", "--duration", "0m"], "--duration '0m': must be longer than zero"),
        (["region=~.*"], "at least one matcher must not match the empty string"),
        (["region=x", "--author", ""], "--author is empty"),
    ],
)
def test_bad_add_arguments_exit_2_naming_the_argument(arguments, message, capsys):
    assert main(["silence", "add", *arguments, "--comment", "maintenance"]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["silence", "add", "region=x"], "the following arguments are required: --comment"),
        (["silence", "add", "--comment", "c"], "the following arguments are required: MATCHER"),
        (["silence", "expire"], "the following arguments are required: ID"),
        (["silence", "mute"], "invalid choice: 'mute'"),
    ],
)
def test_missing_arguments_exit_2_with_usage(arguments, message, capsys):
    with pytest.raises(SystemExit) as exit:
        main(arguments)
    assert exit.value.code == 2 and message in capsys.readouterr().err


def test_author_defaults_to_user(monkeypatch):
    monkeypatch.setenv("USER", "duty-officer")
    args = build_parser().parse_args(["silence", "add", "region=x", "--comment", "c"])
    assert (args.author, args.duration) == ("duty-officer", "1h")


def test_unreachable_kafka_exits_1_with_the_address(capsys):
    assert main(["silence", "list"]) == 1
    assert "tocsin silence list: Kafka at 127.0.0.1:" in capsys.readouterr().err


def test_table_aligns_columns_and_quotes_regexes():
    silences = [
        Silence(
            id="a1",
            matchers=[parse_matcher("region=south_caucasus"), parse_matcher('rule=~"violent.*"')],
            starts_at=T0,
            ends_at=T0 + timedelta(hours=2),
            created_by="ana",
            comment="planned maintenance",
            created_at=T0,
        ),
        Silence(
            id="b2-longer",
            matchers=[parse_matcher("severity!=info")],
            starts_at=T0,
            ends_at=T0 + timedelta(minutes=30),
            created_by="bo",
            comment="noisy",
            created_at=T0,
        ),
    ]
    header, first, second = table(silences).splitlines()
    assert header.split() == ["ID", "MATCHERS", "ENDS", "AUTHOR", "COMMENT"]
    assert first.startswith('a1         region=south_caucasus, rule=~"violent.*"  2026-02-01 14:00:00Z  ana     planned maintenance')
    assert second.startswith("b2-longer  severity!=info")
    assert header.index("ENDS") == first.index("2026-02-01") == second.index("2026-02-01")


def test_silences_topic_is_compacted_and_silence_schema_is_published(tmp_path, capsys):
    topics = Topics("x.")
    assert topics.silences == "x.silences" and topics.all()[topics.silences] == {"cleanup.policy": "compact"}
    assert main(["schemas", "--out", str(tmp_path)]) == 0
    assert "ends_at" in (tmp_path / "silence.schema.json").read_text(encoding="utf-8")


def test_tail_line_of_a_suppressed_delivery_says_why():
    record = Delivery(
        idempotency_key="fp:2:ops",
        receiver="ops",
        alert_fingerprint="fp",
        alert_revision=2,
        outcome=DeliveryOutcome.SUPPRESSED,
        attempts=0,
        at=T0,
        silenced_by="s-1",
    )
    assert line(record)[0] == "12:00:00 ops          suppressed attempts=0 fp:2:ops silence=s-1"
    inhibited = record.model_copy(update={"silenced_by": None, "inhibited_by": "fp-critical"})
    assert line(inhibited)[0].endswith("fp:2:ops inhibited_by=fp-critical")

"""`tocsin`: the one command-line entry point."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from tocsin import PROJECT_ROOT, __version__
from tocsin.config import ConfigError
from tocsin.settings import Settings, SettingsError, load_settings


def _settings(args: argparse.Namespace):
    return load_settings(args.config)


def _log_to_stderr(settings: Settings, level: str) -> None:
    """Timestamped lines on standard error, Kafka connection errors rate-limited (tocsin.outage_log)."""
    from tocsin.outage_log import rate_limit_connection_errors

    logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    rate_limit_connection_errors(settings.kafka_bootstrap_servers)


def cmd_run(args: argparse.Namespace) -> int:
    from tocsin.roles import run

    settings = _settings(args)
    _log_to_stderr(settings, settings.log_level)
    run(settings, args.role)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from tocsin.demo import run_demo

    return run_demo(duration=args.duration, config=args.config)


def cmd_schemas(args: argparse.Namespace) -> int:
    from tocsin.records import PUBLISHED

    args.out.mkdir(parents=True, exist_ok=True)
    for stem, model in PUBLISHED.items():
        path = args.out / f"{stem}.schema.json"
        path.write_text(json.dumps(model.model_json_schema(), indent=2) + "\n", encoding="utf-8")
        print(path)
    return 0


def cmd_rules_check(args: argparse.Namespace) -> int:
    from tocsin.streams.rules import load_rules

    paths = args.paths or [_settings(args).rules_dir]
    rules = load_rules(*paths)
    print(f"{len(rules)} rule(s) OK: {', '.join(rule.id for rule in rules)}")
    return 0


def _reported(lines: Iterable[object]) -> list:
    """The records of a JSONL reader; its error lines (strings) go to standard error as they come."""
    records = []
    for line in lines:
        if isinstance(line, str):
            print(line, file=sys.stderr)
        else:
            records.append(line)
    return records


def cmd_rules_test(args: argparse.Namespace) -> int:
    from tocsin.jsonl import read_jsonl
    from tocsin.records import Signal
    from tocsin.streams.notify.render import render_text
    from tocsin.streams.rules import load_rule_set
    from tocsin.streams.rules.backtest import replay

    rules = load_rule_set(args.rule_file)
    signals = _reported(read_jsonl(args.signals, Signal))
    alerts = list(replay(rules, signals))
    for alert in alerts:
        muted = f"(inhibited by {alert.inhibited_by})\n" if alert.inhibited_by else ""
        print(muted + render_text(alert), end="\n\n")
    print(f"{len(alerts)} alert revision(s) from {len(signals)} signal(s) and {len(rules.rules)} rule(s)")
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    from tocsin.jsonl import read_jsonl
    from tocsin.streams.replay import Replay, ReplayItem
    from tocsin.streams.rules import load_rule_set

    settings = _settings(args)
    rules = load_rule_set(args.rules or settings.rules_dir)
    items = _reported(read_jsonl(args.items, ReplayItem))
    routing = None
    if args.messages:
        from tocsin.streams.notify.routing import load_routing

        routing = load_routing(settings.model_copy(update={"receivers_file": args.receivers or settings.receivers_file}), dict(os.environ))
    replay = Replay(rules, _source_hints(args.catalog), settings, routing=routing)
    count = 0
    for note in replay.run(items):
        print(json.dumps(note, ensure_ascii=False), flush=True)
        count += 1
    print(f"{count} {'message' if args.messages else 'notification'}(s) from {len(items)} item(s)", file=sys.stderr)
    return 0


def _source_hints(catalog: Path | None) -> dict:
    """Trust and region hints by source id, from a catalog file (none without one)."""
    if catalog is None:
        return {}
    from tocsin.connectors.catalog import load_catalog
    from tocsin.streams.replay import SourceHints

    return {source.id: SourceHints(source.trust, tuple(source.regions)) for source in load_catalog(catalog, resolve=False).sources}


def cmd_eval(args: argparse.Namespace) -> int:
    from tocsin.streams.classifier import Classifier
    from tocsin.streams.classifier.evaluation import Mapping, evaluate
    from tocsin.streams.classifier.generalization import format_table, lines

    if args.table:
        if not args.corpus.is_dir():
            print(f"{args.corpus}: no labelled corpus folder here (pass --corpus DIR)", file=sys.stderr)
            return 2
        print(format_table(list(lines(args.corpus))))
        return 0
    if args.file is None or args.mapping is None:
        print("tocsin eval: give FILE.jsonl and --mapping, or --table", file=sys.stderr)
        return 2
    print(evaluate(args.file, Mapping.load(args.mapping), Classifier(), half=args.half).format())
    return 0


def cmd_classify(args: argparse.Namespace) -> int:
    from tocsin.streams.classifier import Classifier
    from tocsin.streams.classifier.contract import classify_line, classify_text
    from tocsin.streams.places import load_gazetteer

    classifier, places = Classifier(), load_gazetteer()
    if args.jsonl:
        for number, line in enumerate(sys.stdin, start=1):
            if line.strip():
                print(json.dumps(classify_line(line, number, classifier, places), ensure_ascii=False), flush=True)
        return 0
    text = args.text if args.text is not None else sys.stdin.read()
    print(json.dumps(classify_text(text, classifier, places), ensure_ascii=False, indent=2))
    return 0


def cmd_tail(args: argparse.Namespace) -> int:
    from aiokafka.errors import KafkaConnectionError

    from tocsin.tail import Filters, run_tail

    filters = Filters(type=args.type, region=args.region, severity=args.severity, source=args.source)
    settings = _settings(args)
    _log_to_stderr(settings, "warning")
    try:
        return run_tail(settings, args.topic, filters, args.json, args.from_beginning, args.since, args.count)
    except ValueError as exc:
        print(f"tocsin tail: {exc}", file=sys.stderr)
        return 2
    except KafkaConnectionError as exc:
        print(f"tocsin tail: Kafka at {settings.kafka_bootstrap_servers} is not reachable: {exc}", file=sys.stderr)
        return 1


def cmd_status(args: argparse.Namespace) -> int:
    from tocsin.status import run_status

    return run_status(_settings(args), args.metrics)


def cmd_topics(args: argparse.Namespace) -> int:
    import asyncio

    from tocsin.kafka import ensure_topics

    settings = _settings(args)
    asyncio.run(ensure_topics(settings))
    for name in settings.topics.all():
        print(name)
    return 0


def cmd_silence(args: argparse.Namespace) -> int:
    from tocsin.streams.silence.commands import run

    return run(_settings(args), args)


def cmd_deadletter_replay(args: argparse.Namespace) -> int:
    import asyncio
    from datetime import UTC, datetime

    from aiokafka.errors import KafkaConnectionError

    from tocsin.records import DeliveryOutcome
    from tocsin.streams.notify.dead import parse_since, replay_dead, summary

    settings = _settings(args)
    _log_to_stderr(settings, "warning")
    try:
        since = parse_since(args.since, datetime.now(UTC)) if args.since else None
    except ValueError as exc:
        print(f"tocsin deadletter replay: {exc}", file=sys.stderr)
        return 2
    try:
        counts = asyncio.run(replay_dead(settings, args.receiver, since, lambda line: print(line, flush=True)))
    except KafkaConnectionError as exc:
        print(f"tocsin deadletter replay: Kafka at {settings.kafka_bootstrap_servers} is not reachable: {exc}", file=sys.stderr)
        return 1
    print(summary(counts), file=sys.stderr)
    return 1 if counts[DeliveryOutcome.DEAD] else 0


def _catalog_path(args: argparse.Namespace) -> Path:
    return args.catalog or _settings(args).sources_file


def cmd_sources_list(args: argparse.Namespace) -> int:
    from tocsin.connectors.catalog import load_catalog

    catalog = load_catalog(_catalog_path(args), resolve=False)
    rows = [("ID", "KIND", "INTERVAL", "LANG", "TRUST", "REGIONS", "ENABLED")]
    rows += [
        (
            s.id,
            s.kind,
            f"{s.interval_seconds:g}s",
            s.language or "-",
            f"{s.trust:g}",
            ",".join(s.regions) or "-",
            "yes" if s.enabled else "no",
        )
        for s in catalog.sources
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        print("  ".join(f"{cell:<{width}}" for cell, width in zip(row, widths, strict=True)).rstrip())
    print(f"{len(catalog.sources)} source(s), {len(catalog.enabled())} enabled")
    return 0


def cmd_sources_import(args: argparse.Namespace) -> int:
    from tocsin.connectors.opml import OpmlError, import_opml
    from tocsin.streams.places import load_gazetteer

    catalog = _catalog_path(args)
    try:
        plan = import_opml(args.opml, catalog, load_gazetteer().region_names, dry_run=args.dry_run)
    except OpmlError as exc:
        print(f"tocsin sources import: {exc}", file=sys.stderr)
        return 2
    verb = "would add" if args.dry_run else "added"
    for source in plan.added:
        print(f"{verb} {source.id}: {source.url}")
    print(f"{verb} {len(plan.added)} source(s) to {catalog}; skipped {plan.skipped} already in the catalog")
    return 0


def cmd_sources_export(args: argparse.Namespace) -> int:
    from tocsin.connectors.catalog import load_catalog
    from tocsin.connectors.opml import export_opml

    text, left_out = export_opml(load_catalog(_catalog_path(args), resolve=False))
    sys.stdout.write(text)
    if left_out:
        print(f"tocsin sources export: left out {left_out} source(s) that are not feeds", file=sys.stderr)
    return 0


def cmd_sources_check(args: argparse.Namespace) -> int:
    import asyncio

    from tocsin.connectors.catalog import load_catalog
    from tocsin.connectors.check import format_table, probe_sources, select
    from tocsin.connectors.fetcher import FetchLimits

    settings = _settings(args)
    catalog = load_catalog(args.catalog or settings.sources_file)
    try:
        if args.concurrency < 1 or (args.timeout is not None and args.timeout <= 0):
            raise ValueError("--concurrency must be at least 1 and --timeout above 0")
        sources = select(catalog.sources, args.only)
    except ValueError as exc:
        print(f"tocsin sources check: {exc}", file=sys.stderr)
        return 2
    limits = FetchLimits.from_timeout(args.timeout or settings.http_timeout_seconds)
    probes = asyncio.run(probe_sources(sources, settings.user_agent, limits, args.concurrency))
    print(format_table(probes))
    return 0 if all(probe.ok for probe in probes) else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tocsin", description="Watch news sources for armed-conflict escalation and alert.")
    parser.add_argument("--version", action="version", version=f"tocsin {__version__}")
    parser.add_argument(
        "--config", type=Path, default=None, help="YAML settings file (default: $TOCSIN_CONFIG); TOCSIN_* variables override it"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run the pipeline: all roles in one process, or one role")
    run.add_argument("--role", choices=["all", "worker", "connectors", "notifier"], default="all", help="which role to run (default: all)")
    run.set_defaults(func=cmd_run)

    demo = commands.add_parser("demo", help="start a local Kafka if needed, serve the demo feeds, run the pipeline, print alerts")
    demo.add_argument("--duration", type=float, default=None, metavar="SECONDS", help="stop by itself after this many seconds")
    demo.set_defaults(func=cmd_demo)

    schemas = commands.add_parser("schemas", help="write the JSON Schema of every topic record")
    schemas.add_argument("--out", type=Path, required=True, metavar="DIR")
    schemas.set_defaults(func=cmd_schemas)

    rules = commands.add_parser("rules", help="alert rule tools")
    rules_commands = rules.add_subparsers(dest="rules_command", required=True, metavar="COMMAND")
    check = rules_commands.add_parser("check", help="validate rule files or folders (default: the configured rules_dir)")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    check.set_defaults(func=cmd_rules_check)
    backtest = rules_commands.add_parser("test", help="replay recorded signals (JSONL, as on the signals topic) through rules")
    backtest.add_argument("rule_file", type=Path, metavar="RULE_FILE", help="a rule file or folder")
    backtest.add_argument("--signals", type=Path, required=True, metavar="FILE.jsonl")
    backtest.set_defaults(func=cmd_rules_test)

    replay = commands.add_parser(
        "replay",
        help="what Tocsin would have sent for recorded items: offline, in event time, one JSON line per notification",
    )
    replay.add_argument(
        "items",
        type=Path,
        metavar="ITEMS.jsonl",
        help='lines of {"source", "url", "title", "summary", "published", "fetched"?, "language"?, "guid"?}',
    )
    replay.add_argument("--rules", type=Path, default=None, metavar="DIR", help="rule file or folder (default: the configured rules_dir)")
    replay.add_argument("--catalog", type=Path, default=None, metavar="FILE", help="source catalog: trust and region hints by source id")
    replay.add_argument(
        "--messages",
        action="store_true",
        help="print one line per message as receivers would get it (alerts grouped by the routes' group_by), not per alert",
    )
    replay.add_argument(
        "--receivers",
        type=Path,
        default=None,
        metavar="FILE",
        help="receivers and routes for --messages (default: the configured receivers_file)",
    )
    replay.set_defaults(func=cmd_replay)

    evaluate = commands.add_parser("eval", help="score the classifier on labelled JSONL: per-type P/R/F1, macro-F1, false alarms")
    evaluate.add_argument("file", type=Path, nargs="?", metavar="FILE.jsonl", help='lines of {"id", "text", "labels"}')
    evaluate.add_argument("--mapping", type=Path, metavar="MAP.yaml", help="label-to-signal mapping (streams/classifier/mappings/)")
    evaluate.add_argument(
        "--half", choices=["even", "odd"], help="score only the rows at even or odd positions (tune on one, report the other as held out)"
    )
    evaluate.add_argument(
        "--table",
        action="store_true",
        help="the generalization table: every labelled split (tuned, unseen, untouched) and the headline sets, by the lexicon alone,"
        " with the relevance model, and with a relevance model trained without the split's corpus (trains five models, about a minute)",
    )
    evaluate.add_argument(
        "--corpus",
        type=Path,
        default=PROJECT_ROOT.parent / "shared" / "corpus" / "labeled",
        metavar="DIR",
        help="labelled corpus folder for --table (default: ../shared/corpus/labeled)",
    )
    evaluate.set_defaults(func=cmd_eval)

    classify = commands.add_parser("classify", help="classify text: an argument, standard input, or --jsonl lines")
    classify.add_argument("text", nargs="?", help="the text (default: read standard input)")
    classify.add_argument("--jsonl", action="store_true", help='read {"id", "text"} lines from stdin, write one result line each')
    classify.set_defaults(func=cmd_classify)

    tail = commands.add_parser("tail", help="follow a Tocsin topic, one readable line per record")
    tail.add_argument("topic", help="articles.raw, articles, signals, alerts, escalation, notifications or deadletter (or the full name)")
    tail.add_argument("--type", help="signal type, e.g. shelling")
    tail.add_argument("--region", help="region id, e.g. south_caucasus")
    tail.add_argument("--severity", choices=["info", "warning", "critical"])
    tail.add_argument("--source", help="source id")
    start = tail.add_mutually_exclusive_group()
    start.add_argument("--from-beginning", action="store_true", help="start at the oldest record (default: new records only)")
    start.add_argument("--since", metavar="DURATION", help="start this long ago, e.g. 30m, 2h, 1d")
    tail.add_argument("--json", action="store_true", help="print records as JSON lines (for jq)")
    tail.add_argument("--count", type=int, metavar="N", help="exit after N records")
    tail.set_defaults(func=cmd_tail)

    status = commands.add_parser("status", help="consumer lag, last alert, last delivery, and source health from --metrics")
    status.add_argument(
        "--metrics",
        action="append",
        default=[],
        metavar="URL",
        help="/metrics URL of a connectors process (repeatable), e.g. http://127.0.0.1:9401/metrics",
    )
    status.set_defaults(func=cmd_status)

    topics = commands.add_parser("topics", help="create Tocsin's topics if missing and list them")
    topics.set_defaults(func=cmd_topics)

    sources = commands.add_parser("sources", help="source catalog tools: list, import/export OPML, check every source")
    sources_commands = sources.add_subparsers(dest="sources_command", required=True, metavar="COMMAND")
    catalog_help = "catalog file (default: the configured sources_file)"
    listing = sources_commands.add_parser("list", help="one line per source: id, kind, interval, language, trust, regions, enabled")
    listing.add_argument("--catalog", type=Path, metavar="PATH", help=catalog_help)
    listing.set_defaults(func=cmd_sources_list)
    importing = sources_commands.add_parser("import", help="append an OPML file's new feeds to the catalog (comments kept)")
    importing.add_argument("opml", type=Path, metavar="FILE.opml")
    importing.add_argument("--catalog", type=Path, metavar="PATH", help=catalog_help)
    importing.add_argument("--dry-run", action="store_true", help="print what would be added; write nothing")
    importing.set_defaults(func=cmd_sources_import)
    exporting = sources_commands.add_parser("export", help="write the catalog's feeds as OPML 2.0 to standard output")
    exporting.add_argument("--catalog", type=Path, metavar="PATH", help=catalog_help)
    exporting.set_defaults(func=cmd_sources_export)
    checking = sources_commands.add_parser("check", help="probe every enabled source once: status, latency, items; exit 1 if any fail")
    checking.add_argument("--catalog", type=Path, metavar="PATH", help=catalog_help)
    checking.add_argument("--timeout", type=float, metavar="S", help="read timeout per source (total: 3x); default http_timeout_seconds")
    checking.add_argument("--only", nargs="+", metavar="ID", help="probe only these sources (disabled ones too)")
    checking.add_argument("--concurrency", type=int, default=16, metavar="N", help="sources probed at once (default 16)")
    checking.set_defaults(func=cmd_sources_check)

    silence = commands.add_parser("silence", help="mute notifications of matching alerts for a while (like amtool silence)")
    silence_commands = silence.add_subparsers(dest="silence_command", required=True, metavar="COMMAND")
    silence_add = silence_commands.add_parser("add", help="add a silence; prints its id")
    silence_add.add_argument(
        "matchers",
        nargs="+",
        metavar="MATCHER",
        help="NAME=VALUE, NAME!=VALUE, NAME=~REGEX or NAME!~REGEX on alert labels, severity and rule",
    )
    silence_add.add_argument("--duration", default="1h", help="how long it lasts, e.g. 30m, 2h, 1d (default: 1h)")
    silence_add.add_argument("--author", default=os.environ.get("USER"), help="who adds it (default: $USER)")
    silence_add.add_argument("--comment", required=True, help="why the alerts are silenced")
    silence_list = silence_commands.add_parser("list", help="list active silences")
    silence_list.add_argument("--all", action="store_true", help="include expired and pending silences")
    silence_expire = silence_commands.add_parser("expire", help="end a silence now")
    silence_expire.add_argument("id", metavar="ID")
    for command in (silence_add, silence_list, silence_expire):
        command.set_defaults(func=cmd_silence)

    deadletter = commands.add_parser("deadletter", help="dead deliveries: notifications that failed for their whole delivery_window")
    deadletter_commands = deadletter.add_subparsers(dest="deadletter_command", required=True, metavar="COMMAND")
    replay_dead = deadletter_commands.add_parser(
        "replay",
        help="send dead deliveries again (once: each is recorded under its idempotency key); exit 1 if some stay dead",
    )
    replay_dead.add_argument("--receiver", metavar="R", help="only this receiver's dead deliveries")
    replay_dead.add_argument("--since", metavar="T", help="only deliveries that died since T: a duration (30m, 2h, 1d) or an ISO 8601 time")
    replay_dead.set_defaults(func=cmd_deadletter_replay)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (SettingsError, ConfigError) as exc:
        print(f"tocsin: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

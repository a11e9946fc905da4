"""`tocsin`: the one command-line entry point."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from tocsin import __version__
from tocsin.config import ConfigError
from tocsin.settings import SettingsError, load_settings


def _settings(args: argparse.Namespace):
    return load_settings(args.config)


def cmd_run(args: argparse.Namespace) -> int:
    from tocsin.roles import run

    settings = _settings(args)
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
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
    from streams.rules import load_rules

    paths = args.paths or [_settings(args).rules_dir]
    rules = load_rules(*paths)
    print(f"{len(rules)} rule(s) OK: {', '.join(rule.id for rule in rules)}")
    return 0


def cmd_rules_test(args: argparse.Namespace) -> int:
    from streams.notify.render import render_text
    from streams.rules import load_rules
    from streams.rules.backtest import read_signals, replay

    rules = load_rules(args.rule_file)
    signals = []
    for item in read_signals(args.signals):
        if isinstance(item, str):
            print(item, file=sys.stderr)
        else:
            signals.append(item)
    alerts = list(replay(rules, signals))
    for alert in alerts:
        print(render_text(alert), end="\n\n")
    print(f"{len(alerts)} alert revision(s) from {len(signals)} signal(s) and {len(rules)} rule(s)")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from streams.classifier import Classifier
    from streams.classifier.evaluation import Mapping, evaluate

    print(evaluate(args.file, Mapping.load(args.mapping), Classifier()).format())
    return 0


def cmd_classify(args: argparse.Namespace) -> int:
    from streams.classifier import Classifier
    from streams.classifier.contract import classify_line, classify_text
    from streams.places import load_gazetteer

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
    from tocsin.tail import Filters, run_tail

    filters = Filters(type=args.type, region=args.region, severity=args.severity, source=args.source)
    try:
        return run_tail(_settings(args), args.topic, filters, args.json, args.from_beginning, args.since, args.count)
    except ValueError as exc:
        print(f"tocsin tail: {exc}", file=sys.stderr)
        return 2


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tocsin", description="Watch news sources for armed-conflict escalation and alert.")
    parser.add_argument("--version", action="version", version=f"tocsin {__version__}")
    parser.add_argument("--config", type=Path, default=None, help="YAML settings file (default: $TOCSIN_CONFIG); TOCSIN_* variables override it")
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

    evaluate = commands.add_parser("eval", help="score the classifier on labelled JSONL: per-type P/R/F1, macro-F1, false alarms")
    evaluate.add_argument("file", type=Path, metavar="FILE.jsonl", help='lines of {"id", "text", "labels"}')
    evaluate.add_argument("--mapping", type=Path, required=True, metavar="MAP.yaml", help="label-to-signal mapping (streams/classifier/mappings/)")
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
    status.add_argument("--metrics", action="append", default=[], metavar="URL",
                        help="/metrics URL of a connectors process (repeatable), e.g. http://127.0.0.1:9401/metrics")
    status.set_defaults(func=cmd_status)

    topics = commands.add_parser("topics", help="create Tocsin's topics if missing and list them")
    topics.set_defaults(func=cmd_topics)
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

#!/usr/bin/env bash
# Start, stop and inspect the local single-node Apache Kafka (KRaft) of the project.
#
#   deploy/kafka/kafka.sh up       resolve the broker from Maven Central, format, start, wait
#   deploy/kafka/kafka.sh down     stop the broker this script started
#   deploy/kafka/kafka.sh status   exit 0 when the broker answers metadata requests
#
# KAFKA_BOOTSTRAP_SERVERS set: nothing is started, the existing cluster is used.
# Ports: PLAINTEXT on TOCSIN_KAFKA_PORT, the controller on +1, SASL_PLAINTEXT (PLAIN, test user) on +2.
# Environment: TOCSIN_KAFKA_PORT (9092), TOCSIN_KAFKA_HEAP (1g),
# TOCSIN_CACHE_DIR (~/.cache/tocsin: Maven repository and broker jars, outside the repo),
# TOCSIN_VAR_DIR (<repo>/var: data, pid and log files; git ignores it).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
port="${TOCSIN_KAFKA_PORT:-9092}"
controller_port="$((port + 1))"
sasl_port="$((port + 2))"  # SASL_PLAINTEXT, user tocsin (server.properties.in)
heap="${TOCSIN_KAFKA_HEAP:-1g}"
cache="${TOCSIN_CACHE_DIR:-$HOME/.cache/tocsin}"
var="${TOCSIN_VAR_DIR:-$repo/var}/kafka-$port"
kafka_version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")"
libs="$cache/kafka-$kafka_version/libs"
pidfile="$var/kafka.pid"
logfile="$var/server.log"
stdout_log="$var/stdout.log"

say() { echo "kafka: $*" >&2; }
die() { say "$*"; exit 1; }

ready() { python3 "$here/ready.py" 127.0.0.1 "$port"; }

running_pid() {
  [[ -f "$pidfile" ]] || return 1
  local pid
  pid="$(cat "$pidfile")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

require_tools() {
  command -v java >/dev/null || die "Java 17 or newer is required (apt-get install openjdk-17-jre-headless)"
  local major
  major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = \([0-9]*\).*/\1/p')"
  [[ "${major:-0}" -ge 17 ]] || die "Java 17 or newer is required, found Java ${major:-unknown} ($(command -v java))"
  command -v mvn >/dev/null || die "Maven is required to resolve the broker from Maven Central (apt-get install maven)"
}

resolve() {
  [[ -f "$libs/.complete" ]] && return 0
  say "resolving org.apache.kafka:kafka_2.13:$kafka_version from Maven Central into $libs"
  rm -rf "$libs"
  mkdir -p "$libs"
  if ! mvn -q -B -f "$here/pom.xml" -Dmaven.repo.local="$cache/m2" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$libs" >"$cache/mvn.log" 2>&1; then
    tail -20 "$cache/mvn.log" >&2
    die "Maven could not resolve the broker; full log: $cache/mvn.log"
  fi
  touch "$libs/.complete"
}

storage_tool() {
  java -Xmx256m -Dlog4j2.configurationFile="$here/log4j2.properties" -Dkafka.logs.file="$var/format.log" \
    -cp "$libs/*" kafka.tools.StorageTool "$@"
}

format_storage() {
  mkdir -p "$var/data"
  sed -e "s:@DATA_DIR@:$var/data:" -e "s:@PORT@:$port:" -e "s:@CONTROLLER_PORT@:$controller_port:" -e "s:@SASL_PORT@:$sasl_port:" \
    "$here/server.properties.in" >"$var/server.properties"
  [[ -f "$var/data/meta.properties" ]] && return 0
  local cluster_id
  cluster_id="$(storage_tool random-uuid | tail -1)"
  storage_tool format -t "$cluster_id" -c "$var/server.properties" --standalone >"$var/format.log" 2>&1 \
    || { cat "$var/format.log" >&2; die "formatting storage in $var/data failed"; }
}

up() {
  if [[ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
    say "KAFKA_BOOTSTRAP_SERVERS=$KAFKA_BOOTSTRAP_SERVERS is set: using that cluster, starting nothing"
    return 0
  fi
  if ready; then
    say "a broker already answers on 127.0.0.1:$port; reusing it"
    return 0
  fi
  require_tools
  resolve
  mkdir -p "$var"
  format_storage
  local pid
  if pid="$(running_pid)"; then
    say "broker process $pid exists but does not answer yet"
  else
    nohup java "-Xms128m" "-Xmx$heap" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
      -Dlog4j2.configurationFile="$here/log4j2.properties" -Dkafka.logs.file="$logfile" \
      -cp "$libs/*" kafka.Kafka "$var/server.properties" >"$stdout_log" 2>&1 &
    echo $! >"$pidfile"
    pid=$!
  fi
  for _ in $(seq 1 120); do
    if ready; then
      say "broker ready on 127.0.0.1:$port (pid $pid, log $logfile)"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  tail -20 "$stdout_log" "$logfile" 2>/dev/null >&2 || true
  die "broker did not become ready on 127.0.0.1:$port; logs: $logfile and $stdout_log"
}

down() {
  local pid
  if ! pid="$(running_pid)"; then
    say "no broker started by this script is running on port $port"
    rm -f "$pidfile"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; say "broker stopped"; return 0; }
    sleep 0.5
  done
  say "broker did not stop within 30 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) ready && say "ready on 127.0.0.1:$port" || { say "not answering on 127.0.0.1:$port"; exit 1; } ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac

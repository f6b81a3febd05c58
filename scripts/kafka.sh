#!/usr/bin/env bash
# A single-node Apache Kafka (KRaft, broker and controller in one process) on loopback for the tests.
#   scripts/kafka.sh start     resolve the jars if missing, format fresh storage, start, wait until ready
#   scripts/kafka.sh stop      stop the broker this script started, and wait for it to exit
#   scripts/kafka.sh restart   stop, then start again on the same storage (topics and messages survive)
#   scripts/kafka.sh status    exit 0 when running and answering, 3 otherwise
# The jars come from Maven Central (scripts/kafka/pom.xml) into a cache outside the repo; storage, config,
# log and pid live in a temporary run directory. Settings: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
# KAFKA_START_TIMEOUT seconds (90), INFRAGEN_CACHE_DIR, INFRAGEN_KAFKA_RUN_DIR, KAFKA_HEAP (512m).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
pom="$here/kafka/pom.xml"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-9093}"
start_timeout="${KAFKA_START_TIMEOUT:-90}"
cache_root="${INFRAGEN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/infragen}/kafka"
# The jars are keyed by the descriptor's content: editing the version resolves a new set.
lib="$cache_root/$(sha256sum "$pom" | cut -c1-12)/lib"
probe_classes="${lib%/lib}/probe"
run_dir="${INFRAGEN_KAFKA_RUN_DIR:-${TMPDIR:-/tmp}/infragen-kafka}"
pid_file="$run_dir/kafka.pid"
config="$run_dir/server.properties"
log_file="$run_dir/kafka.log"

say() { echo "kafka: $*" >&2; }
fail() { say "$*"; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid
  pid="$(cat "$pid_file")"
  # Only a process started by this script with this config counts, never a reused pid.
  [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "kafka.Kafka $config" || return 1
  echo "$pid"
}

resolve_jars() {
  [[ -f "$lib/.complete" ]] && return 0
  command -v mvn >/dev/null || fail "Maven (mvn) is needed to fetch the broker's jars from Maven Central"
  say "resolving the broker's jars from Maven Central into $lib"
  rm -rf "$lib.partial"
  mkdir -p "$(dirname "$lib")"
  mvn -B -q -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$lib.partial" >"$lib.log" 2>&1 ||
    { cat "$lib.log" >&2; fail "resolving $pom failed (is Maven Central reachable?)"; }
  rm -rf "$lib"
  mv "$lib.partial" "$lib"
  touch "$lib/.complete"
}

write_config() {
  cat >"$config" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$run_dir/data
num.partitions=1
auto.create.topics.enable=true
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
default.replication.factor=1
min.insync.replicas=1
# Test groups start at once instead of waiting 3 s for more members.
group.initial.rebalance.delay.ms=0
EOF
}

# A Kafka cluster id: 16 random bytes, URL-safe base64 without padding, not starting with "-".
cluster_id() {
  local id
  while :; do
    id="$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | cut -c1-22)"
    [[ "$id" != -* ]] && { echo "$id"; return; }
  done
}

logging=(
  -Dorg.slf4j.simpleLogger.logFile="$log_file" -Dorg.slf4j.simpleLogger.showDateTime=true
  -Dorg.slf4j.simpleLogger.dateTimeFormat="yyyy-MM-dd'T'HH:mm:ss.SSS"
)
broker_jvm=(-Xms128m -Xmx"${KAFKA_HEAP:-512m}" -XX:+UseG1GC -Djava.awt.headless=true "${logging[@]}" -cp "$lib/*")
# The format tool and the probe run for seconds: the quick JIT tier and the serial collector start faster.
tool_jvm=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

wait_until_ready() {
  local pid=$1 deadline=$((SECONDS + start_timeout))
  until port_open "$port"; do
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$log_file" >&2; fail "the broker exited during start-up (log: $log_file)"; }
    ((SECONDS < deadline)) || { stop_broker; fail "port $port did not open within ${start_timeout}s (log: $log_file)"; }
    sleep 0.2
  done
  local left=$((deadline - SECONDS))
  ((left > 0)) || left=1
  java "${tool_jvm[@]}" -Dorg.slf4j.simpleLogger.logFile="$run_dir/ready-probe.log" -cp "$probe_classes:$lib/*" BrokerReady "127.0.0.1:$port" "$((left * 1000))" ||
    { tail -n 30 "$log_file" >&2; stop_broker; fail "the broker did not become ready within ${start_timeout}s (log: $log_file)"; }
}

start_broker() {
  local fresh=$1 started=$SECONDS
  if pid="$(running_pid)"; then say "already running (pid $pid) on 127.0.0.1:$port"; return 0; fi
  port_open "$port" && fail "127.0.0.1:$port is taken by another process; stop it or set KAFKA_PORT"
  port_open "$controller_port" && fail "127.0.0.1:$controller_port is taken; set KAFKA_CONTROLLER_PORT"
  command -v java >/dev/null || fail "a Java runtime (17 or later) is needed"
  resolve_jars
  compile_probe
  mkdir -p "$run_dir"
  write_config
  : >"$log_file"
  : >"$run_dir/kafka.out"
  if [[ "$fresh" == fresh || ! -f "$run_dir/data/meta.properties" ]]; then
    rm -rf "$run_dir/data"
    java "${tool_jvm[@]}" "${logging[@]}" -cp "$lib/*" kafka.tools.StorageTool format --config "$config" --cluster-id "$(cluster_id)" --standalone >>"$run_dir/kafka.out" 2>&1 ||
      { tail -n 20 "$run_dir/kafka.out" >&2; fail "formatting the storage in $run_dir/data failed"; }
  fi
  # Its own session: the broker outlives the shell that started it and the process group it ran in.
  setsid java "${broker_jvm[@]}" kafka.Kafka "$config" >>"$run_dir/kafka.out" 2>&1 </dev/null &
  echo $! >"$pid_file"
  wait_until_ready "$(cat "$pid_file")"
  say "ready on 127.0.0.1:$port in $((SECONDS - started))s (pid $(cat "$pid_file"), log $log_file)"
}

stop_broker() {
  local pid
  pid="$(running_pid)" || { rm -f "$pid_file"; say "not running"; return 0; }
  kill -TERM "$pid"
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; say "stopped"; return 0; }
    sleep 0.2
  done
  say "no exit 30 s after SIGTERM: killing pid $pid"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pid_file"
}

# The readiness probe is compiled once next to the jars (source-file mode would compile it at every start).
compile_probe() {
  local source="$here/kafka/BrokerReady.java"
  [[ "$probe_classes/BrokerReady.class" -nt "$source" ]] && return 0
  mkdir -p "$probe_classes"
  javac -nowarn -cp "$lib/*" -d "$probe_classes" "$source" || fail "compiling $source failed (is a JDK installed?)"
}

case "${1:-}" in
  start) start_broker fresh ;;
  stop) stop_broker ;;
  restart) stop_broker && start_broker keep ;;
  status)
    if pid="$(running_pid)" && port_open "$port"; then say "running (pid $pid) on 127.0.0.1:$port"; else say "not running"; exit 3; fi
    ;;
  *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
esac

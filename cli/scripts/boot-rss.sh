#!/usr/bin/env bash
# Boot time and memory of every service on the local stack, the way the Quarkus performance guide measures them:
#  - RSS (ps, KiB → MB) of each service process after `skybridge demo` has run (blackout, failover, failback);
#  - boot to ready: each service stopped and started again with its own command line and environment, the time
#    from the process start to the first 200 of /q/health/ready (curl every 10 ms), 3 starts each, Kafka,
#    PostgreSQL, the emulator and the other services up.
# Usage: cli/scripts/boot-rss.sh [extra JVM options for the services, e.g. "-XX:SharedArchiveFile=…"]
# Needs the packaged apps (./mvnw -B package -DskipTests). Uses its own state directory and port offset.
set -euo pipefail
cd "$(dirname "$0")/../.."
export SKYBRIDGE_HOME="${SKYBRIDGE_HOME:-$(mktemp -d /tmp/skybridge-bench.XXXX)}"
OFFSET="${SKYBRIDGE_BENCH_PORT_OFFSET:-300}"
sb() { ./skybridge "$1" --home "$SKYBRIDGE_HOME" --port-offset "$OFFSET" "${@:2}"; }
declare -A PORTS=([inventory]=8081 [networking]=8082 [provisioning]=8083 [failover]=8084)
trap 'sb down >/dev/null 2>&1 || true' EXIT

sb up >/dev/null
sb demo > "$SKYBRIDGE_HOME/demo.out" 2>&1 || { echo "demo failed: $SKYBRIDGE_HOME/demo.out"; exit 1; }
sleep 5
echo "service       RSS after the demo"
for s in inventory networking provisioning failover; do
  pid=$(cat "$SKYBRIDGE_HOME/pids/$s.pid")
  printf '%-13s %d MB\n' "$s" $(( $(ps -o rss= -p "$pid") / 1024 ))
done

echo "service       boot → ready (3 starts)"
for s in inventory networking provisioning failover; do
  pid=$(cat "$SKYBRIDGE_HOME/pids/$s.pid")
  mapfile -d '' cmd < "/proc/$pid/cmdline"
  mapfile -d '' envs < "/proc/$pid/environ"
  port=$(( ${PORTS[$s]} + OFFSET ))
  kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  times=()
  for i in 1 2 3; do
    t0=$(date +%s%N)
    env -i "${envs[@]}" "${cmd[0]}" ${1:-} "${cmd[@]:1}" >> "$SKYBRIDGE_HOME/logs/$s-boot.log" 2>&1 &
    child=$!
    until curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do sleep 0.01; done
    t1=$(date +%s%N)
    times+=("$(( (t1 - t0) / 1000000 ))")
    kill "$child"; wait "$child" 2>/dev/null || true
  done
  printf '%-13s %s ms\n' "$s" "${times[*]}"
  sb up --only "$s" >/dev/null
done

#!/usr/bin/env bash
# The emulator's token-authenticated, rate-counted GET /repos/{owner}/{repo} per second beside
# WireMock's for the same request served from a stub file, measured with wrk in the same run.
# See ghapp-bench/README.md ("The emulator beside WireMock").
#
#   ghapp-bench/emulator-vs-wiremock.sh [-d 30s] [-w 10s] [-c 32] [-t 2] [-n 60]
#
# Needs wrk (apt-get install -y wrk), curl, python3 (a free port) and a JDK. Builds
# ghapp-bench/target/benchmarks.jar when it is missing and fetches WireMock standalone into
# ghapp-bench/target/wiremock with mvn dependency:copy (never committed).
set -euo pipefail

duration=30s warmup=10s connections=32 threads=2 installations=60
usage() {
  echo "usage: $0 [-d duration=30s] [-w warm-up=10s] [-c connections=32] [-t wrk threads=2] [-n installations=60]" >&2
  exit 2
}
while getopts "d:w:c:t:n:h" option; do
  case "$option" in
    d) duration=$OPTARG ;;
    w) warmup=$OPTARG ;;
    c) connections=$OPTARG ;;
    t) threads=$OPTARG ;;
    n) installations=$OPTARG ;;
    *) usage ;;
  esac
done

WIREMOCK_VERSION=3.13.2
bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
target="$bench/target"
work="$target/emulator-vs-wiremock"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

for tool in wrk curl python3 "$java"; do
  command -v "$tool" > /dev/null || { echo "$0: $tool is not installed (wrk: apt-get install -y wrk)" >&2; exit 2; }
done

jar="$target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  echo "building $jar ..."
  (cd "$root" && mvn -q -B -ntp -DskipTests -pl ghapp-bench -am package)
fi
wiremock="$target/wiremock/wiremock-standalone-$WIREMOCK_VERSION.jar"
if [ ! -f "$wiremock" ]; then
  echo "fetching WireMock $WIREMOCK_VERSION into $target/wiremock ..."
  (cd "$root" && mvn -q -B -ntp -N dependency:copy \
    -Dartifact="org.wiremock:wiremock-standalone:$WIREMOCK_VERSION" -DoutputDirectory="$target/wiremock")
fi

rm -rf "$work"
mkdir -p "$work/wiremock/mappings" "$work/wiremock/__files"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  wait 2> /dev/null || true
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wrk's figure, or a failure when any answer was not 2xx (a refused token, a spent budget)
measure() { # url seconds
  local output
  output=$(WRK_REQUESTS="$work/requests.txt" wrk -t"$threads" -c"$connections" -d"$2" \
    -s "$bench/wrk/rotate-tokens.lua" "$1")
  if grep -q "Non-2xx or 3xx responses" <<< "$output"; then
    echo "$0: not every answer from $1 was 200:" >&2
    echo "$output" >&2
    exit 1
  fi
  awk '/^Requests\/sec:/ { print $2 }' <<< "$output"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $("$java" -version 2>&1 | head -1)"
echo "wrk: $threads threads, $connections connections, keep-alive; warm-up $warmup, measured $duration"

# 1. the emulator: 60 installations, a token each
"$java" -cp "$jar" io.github.ghapp.bench.WrkEmulator "$work" "$installations" > "$work/emulator.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 240); do
  [ -s "$work/port" ] && break
  kill -0 "${pids[0]}" 2> /dev/null || { cat "$work/emulator.log" >&2; exit 1; }
  sleep 0.5
done
[ -s "$work/port" ] || { echo "$0: the emulator did not start in 120 s" >&2; exit 1; }
emulator="http://127.0.0.1:$(cat "$work/port")"
measure "$emulator" "$warmup" > /dev/null
emulator_rps=$(measure "$emulator" "$duration")
kill "${pids[0]}"
wait "${pids[0]}" 2> /dev/null || true

# 2. WireMock, serving the emulator's own answer from a stub file, checking nothing
cp "$work/repo.json" "$work/wiremock/__files/repo.json"
cat > "$work/wiremock/mappings/repo.json" << 'JSON'
{
  "request": {"method": "GET", "urlPathPattern": "/repos/[^/]+/[^/]+"},
  "response": {
    "status": 200,
    "bodyFileName": "repo.json",
    "headers": {"Content-Type": "application/json; charset=utf-8"}
  }
}
JSON
port=$(free_port)
"$java" -jar "$wiremock" --bind-address 127.0.0.1 --port "$port" --root-dir "$work/wiremock" \
  --disable-banner --no-request-journal --disable-request-logging > "$work/wiremock.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/__admin/health" > /dev/null 2>&1 && break
  kill -0 "${pids[1]}" 2> /dev/null || { cat "$work/wiremock.log" >&2; exit 1; }
  sleep 0.5
done
wiremock_url="http://127.0.0.1:$port"
curl -sf -o /dev/null "$wiremock_url/repos/org-01/repo" || { echo "$0: WireMock does not answer the stub" >&2; exit 1; }
measure "$wiremock_url" "$warmup" > /dev/null
wiremock_rps=$(measure "$wiremock_url" "$duration")

echo "emulator (token checked, rate counted, permission gate, logged): $emulator_rps requests/s"
echo "WireMock $WIREMOCK_VERSION (stub file, no checks):                 $wiremock_rps requests/s"
awk -v e="$emulator_rps" -v w="$wiremock_rps" 'BEGIN { printf "ratio emulator / WireMock: %.2f\n", e / w }'

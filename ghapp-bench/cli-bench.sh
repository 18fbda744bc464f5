#!/usr/bin/env bash
# Times the `ghapp token` command, start-up included, with hyperfine, against a local `ghapp emulator`:
#   - warm: the token comes from the disk cache (what a series of git commands or CI steps sees after the first);
#   - cold: --no-cache, so every run signs a JWT and mints a token over HTTP;
#   - and, as the floor under both, a JVM that starts and prints its version.
#
# Usage (from the project root, after `mvn -q -B -DskipTests -pl ghapp-cli -am package`):
#   ghapp-bench/cli-bench.sh
# Settings (environment):
#   GHAPP_CMD  the command to time (default: java -jar ghapp-cli/target/ghapp.jar), e.g. "./ghapp" or
#              "java -XX:TieredStopAtLevel=1 -jar ghapp-cli/target/ghapp.jar" to compare launch options
#   RUNS       runs per command (default 20), after 3 warm-up runs
# Needs hyperfine (apt-get install -y hyperfine). Writes ghapp-bench/target/cli-bench.md.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/ghapp-cli/target/ghapp.jar"
ghapp_cmd=${GHAPP_CMD:-"java -jar $jar"}
runs=${RUNS:-20}

if ! command -v hyperfine >/dev/null; then
  echo "cli-bench: hyperfine is not installed; install it with: apt-get install -y hyperfine" >&2
  exit 2
fi
if [[ -z ${GHAPP_CMD:-} && ! -f $jar ]]; then
  echo "cli-bench: $jar is missing; build it with: mvn -q -B -DskipTests -pl ghapp-cli -am package" >&2
  exit 2
fi

work=$(mktemp -d)
emulator_pid=
cleanup() {
  if [[ -n $emulator_pid ]]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The emulator in the background on a free port; its banner says how to point ghapp at it.
$ghapp_cmd emulator --port 0 --data-dir "$work/emulator" >"$work/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 120); do
  grep -q '^ *export GHAPP_' "$work/emulator.log" && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; echo "cli-bench: the emulator stopped" >&2; exit 3; }
  sleep 0.5
done
settings=$(sed -n 's/^ *export //p' "$work/emulator.log" | head -n 1)
if [[ -z $settings ]]; then
  cat "$work/emulator.log" >&2
  echo "cli-bench: the emulator did not print its settings within 60 s" >&2
  exit 3
fi
# GHAPP_BASE_URL, GHAPP_CLIENT_ID and GHAPP_PRIVATE_KEY (a key file in $work, so no spaces)
# shellcheck disable=SC2086
export $settings
# A cache directory of our own, so the user's cached tokens are neither used nor touched.
export XDG_CACHE_HOME="$work/cache"

token="$ghapp_cmd token --installation-id 42"
$token >/dev/null # fills the disk cache, and checks that the command works before timing it

mkdir -p "$root/ghapp-bench/target"
hyperfine --warmup 3 --runs "$runs" --export-markdown "$root/ghapp-bench/target/cli-bench.md" \
  --command-name "JVM start only (java -version)" "java -version" \
  --command-name "ghapp token, warm disk cache" "$token" \
  --command-name "ghapp token --no-cache, cold mint" "$token --no-cache"
echo
cat "$root/ghapp-bench/target/cli-bench.md"

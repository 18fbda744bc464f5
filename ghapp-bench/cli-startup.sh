#!/bin/sh
# Start-up benchmark of `ghapp token` (a benchmark, not a test): a token from the warm disk cache against
# a cold mint, each with the launcher's start-up options (its class cache: JDK 25's AOT cache or an AppCDS
# archive; C1, serial GC), the warm one also without that cache (GHAPP_CDS=0), and each with a plain
# `java -jar` on the java of the PATH; and Git's credential helper answered from the warm cache; against a
# local emulator. Needs hyperfine (apt-get install hyperfine). Results go to the
# terminal and to ghapp-bench/target/cli-startup.md.
#
#   ghapp-bench/cli-startup.sh [RUNS]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd -P)
ghapp=$root/ghapp
jar=$root/ghapp-cli/target/ghapp.jar
runs=${1:-20}
command -v hyperfine >/dev/null 2>&1 || { echo "cli-startup.sh: hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }

"$ghapp" --version >/dev/null # builds the jar and its archive first, if due
mkdir -p "$root/ghapp-bench/target" # for the results, also when the bench module was never built
work=$(mktemp -d)
"$ghapp" emulator > "$work/emulator.out" 2>&1 &
emulator=$!
trap 'kill "$emulator" 2>/dev/null || true; wait "$emulator" 2>/dev/null || true; rm -rf "$work"' EXIT INT TERM
tries=0
until grep -q '^  export ' "$work/emulator.out"; do
  tries=$((tries + 1))
  if [ "$tries" -gt 120 ]; then
    cat "$work/emulator.out" >&2
    exit 1
  fi
  sleep 1
done
eval "$(grep '^  export ' "$work/emulator.out")"
export XDG_CACHE_HOME="$work/cache"
"$ghapp" token --repo octo-org/hello-world >/dev/null # the cache is warm from here on
# What Git sends its credential helper before a fetch; the helper's token (one repository) is cached too.
host=${GHAPP_BASE_URL#*://}
printf 'protocol=http\nhost=%s\npath=octo-org/hello-world.git\n\n' "${host%%/*}" >"$work/credential.in"
"$ghapp" git-credential get <"$work/credential.in" >/dev/null

args="token --repo octo-org/hello-world"
hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$root/ghapp-bench/target/cli-startup.md" \
  -n "warm cache, ./ghapp" "$ghapp $args" \
  -n "warm cache, ./ghapp without the archive" "env GHAPP_CDS=0 $ghapp $args" \
  -n "warm cache, java -jar" "java -jar $jar $args" \
  -n "warm cache, ./ghapp git-credential get (through sh -c)" "sh -c '$ghapp git-credential get <$work/credential.in'" \
  -n "cold mint, ./ghapp" "$ghapp $args --no-cache" \
  -n "cold mint, java -jar" "java -jar $jar $args --no-cache"

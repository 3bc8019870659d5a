#!/usr/bin/env bash
# Fleet benchmark (not a test): N clusters on one mock Kubernetes API (simulated Flux controllers)
# bootstrapped from ONE repository on a real Git HTTP server (lighttpd + git http-backend), driven
# by the real fluxstrap jar in its own JVM. For each N prints wall time, peak RSS, pushes and API
# requests per cluster for plan, apply and drift, and beside apply the same Git work done the
# Flux way (bench/flux-way.sh: per cluster a clone, two commits and two pushes with the git CLI).
#
#   bench/fleet.sh                 # N = 1 10 100 500 (500: plan only unless FLEET_FULL_500=1)
#   bench/fleet.sh 1 10 50         # chosen sizes
#   FLEET_PARALLELISM=10 ...       # -parallelism for fluxstrap (default 10)
#   FLEET_FLUX_WAY=0 ...           # skip the Flux-way comparison
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(1 10 100 500)
par="${FLEET_PARALLELISM:-10}"
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }

echo "bench: building (jar, test classes, classpath)..." >&2
mvn -B -q -o -Dmaven.test.skip=true package >&2
mvn -B -q -o test-compile >&2
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >&2
cp="target/test-classes:target/classes:$(cat target/bench-cp.txt)"
jar="target/fluxstrap.jar"
work="$(mktemp -d /tmp/fleet-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# measure NAME CMD...: runs CMD under GNU time; sets wall (s) and rss (MB); output in $work/NAME.log
measure() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1 || {
    echo "bench: $name failed (exit $?); last lines:" >&2; tail -20 "$work/$name.log" >&2; }
  read -r wall kb < "$work/$name.time"
  rss=$((kb / 1024))
}

printf '\n%-6s %-22s %9s %9s %7s %13s\n' "N" "run" "wall (s)" "RSS (MB)" "pushes" "API req/clu"
for n in "${sizes[@]}"; do
  dir="$work/n$n"; mkdir -p "$dir"
  coproc WORLD { java -Xmx1g -cp "$cp" io.fluxstrap.bench.FleetBenchWorld "$n" "$dir" 2>"$dir/world.err"; }
  read -r ready spec token authurl <&"${WORLD[0]}" || { cat "$dir/world.err" >&2; exit 1; }
  [ "$ready" = READY ] || { echo "bench: world did not start: $ready" >&2; exit 1; }
  export GIT_PASSWORD="$token" FLUXSTRAP_CACHE_DIR="$dir/.cache" NO_COLOR=1
  runs=(plan apply plan-after drift)
  [ "$n" -ge 500 ] && [ "${FLEET_FULL_500:-0}" != 1 ] && runs=(plan-norefresh)
  for run in "${runs[@]}"; do
    echo reset >&"${WORLD[1]}"; read -r _ <&"${WORLD[0]}"
    case "$run" in
      plan|plan-after) measure "$run-$n" java -jar "$jar" plan -f "$spec" -parallelism="$par" ;;
      plan-norefresh) measure "$run-$n" java -jar "$jar" plan -f "$spec" --refresh=false ;;
      apply) measure "$run-$n" java -jar "$jar" apply -f "$spec" --auto-approve -parallelism="$par" ;;
      drift) measure "$run-$n" java -jar "$jar" drift -f "$spec" -parallelism="$par" ;;
    esac
    echo stats >&"${WORLD[1]}"; read -r _ req pushes <&"${WORLD[0]}"
    printf '%-6s %-22s %9s %9s %7s %13s\n' "$n" "fluxstrap $run" "$wall" "$rss" "$pushes" "$(awk -v r="$req" -v n="$n" 'BEGIN{printf "%.1f", r/n}')"
  done
  if [ "${FLEET_FLUX_WAY:-1}" = 1 ] && [ "$n" -le 100 ]; then
    echo reset >&"${WORLD[1]}"; read -r _ <&"${WORLD[0]}"
    echo stats >&"${WORLD[1]}"; read -r _ _ before <&"${WORLD[0]}"
    REPO_URL="$authurl" measure "fluxway-$n" bench/flux-way.sh "$n" "$dir/fluxway" "$here/examples/manifests/flux-v2.7.5-sandbox.yaml"
    echo stats >&"${WORLD[1]}"; read -r _ _ after <&"${WORLD[0]}"
    printf '%-6s %-22s %9s %9s %7s %13s\n' "$n" "Flux way (git only)" "$wall" "$rss" "$((after - before))" "-"
  fi
  echo quit >&"${WORLD[1]}"; wait "$WORLD_PID" 2>/dev/null || true
done

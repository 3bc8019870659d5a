#!/usr/bin/env bash
# Fleet benchmark (not a test): N clusters on one mock Kubernetes API (simulated Flux controllers)
# bootstrapped from ONE repository on a real Git HTTP server (lighttpd + git http-backend), driven
# by fluxstrap in its own JVM, started the way users start it: through the ./fluxstrap launcher
# (its JVM flags and class data archive; see README "Start-up"). For each N prints wall time, CPU
# time, peak RSS, pushes and API requests per cluster for plan, apply and drift, the CPU the API
# stand-in spent answering (its own JVM, on the same cores), and beside apply the same Git work
# done the Flux way (bench/flux-way.sh: per cluster a clone, two commits and two pushes, git CLI).
#
#   bench/fleet.sh                 # N = 1 10 50 100 500 (500: plans only unless FLEET_FULL_500=1)
#   bench/fleet.sh 1 10 50         # chosen sizes
#   FLEET_PARALLELISM=10 ...       # -parallelism for fluxstrap (default 10)
#   FLEET_FLUX_WAY=0 ...           # skip the Flux-way comparison
#   FLEET_LAUNCHER=0 ...           # run `java -jar target/fluxstrap.jar` (JVM defaults) instead of ./fluxstrap
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(1 10 50 100 500)
par="${FLEET_PARALLELISM:-10}"
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }

echo "bench: building (jar, test classes, classpath)..." >&2
mvn -B -q -o -Dmaven.test.skip=true package >&2
mvn -B -q -o test-compile >&2
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >&2
cp="target/test-classes:target/classes:$(cat target/bench-cp.txt)"
jar="target/fluxstrap.jar"
if [ "${FLEET_LAUNCHER:-1}" = 1 ]; then
  fluxstrap=(./fluxstrap)
  ./fluxstrap version >/dev/null # the launcher's class data archive is made once per build, not in a timed run
else
  fluxstrap=(java -jar "$jar")
fi
work="$(mktemp -d /tmp/fleet-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# measure NAME CMD...: runs CMD under GNU time; sets wall and cpu (s), rss (peak, MB); output in $work/NAME.log
measure() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1 || {
    echo "bench: $name failed (exit $?); last lines:" >&2; tail -20 "$work/$name.log" >&2; }
  read -r wall kb user sys < "$work/$name.time"
  rss=$((kb / 1024)); cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.1f", u+s}')"
}
declare -A results
row() { # N RUN PUSHES REQ/CLUSTER API-CPU
  printf '%-5s %-24s %8s %8s %9s %7s %12s %8s\n' "$1" "$2" "$wall" "$cpu" "$rss" "$3" "$4" "${5:--}"
  results["$1 $2"]="$wall"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; -parallelism=$par; fluxstrap run as: ${fluxstrap[*]}" >&2
printf '\n%-5s %-24s %8s %8s %9s %7s %12s %8s\n' "N" "run" "wall s" "CPU s" "RSS MB" "pushes" "API req/clu" "API CPU"
for n in "${sizes[@]}"; do
  dir="$work/n$n"; mkdir -p "$dir"
  # The API stand-in runs C1-only: a fresh JVM's C2 compilations (half its CPU in an apply of 100
  # clusters) are a cost of the stand-in, not of the API servers it stands for, and they share the cores.
  coproc WORLD { java -XX:TieredStopAtLevel=1 -Xmx1g -cp "$cp" io.fluxstrap.bench.FleetBenchWorld "$n" "$dir" 2>"$dir/world.err"; }
  read -r ready spec token authurl <&"${WORLD[0]}" || { cat "$dir/world.err" >&2; exit 1; }
  [ "$ready" = READY ] || { echo "bench: world did not start: $ready" >&2; exit 1; }
  wpid="$(pgrep -P "$WORLD_PID" -x java || echo "$WORLD_PID")"
  ticks() { awk '{print $14 + $15}' "/proc/$wpid/stat"; } # the API stand-in's user + sys CPU, in clock ticks
  export GIT_PASSWORD="$token" FLUXSTRAP_CACHE_DIR="$dir/.cache" NO_COLOR=1
  runs=(plan apply plan-after drift)
  [ "$n" -ge 500 ] && runs=(plan plan-norefresh)
  [ "$n" -ge 500 ] && [ "${FLEET_FULL_500:-0}" = 1 ] && runs=(plan plan-norefresh apply drift)
  st=(--state "$dir/fleet.state.json")
  for run in "${runs[@]}"; do
    echo reset >&"${WORLD[1]}"; read -r _ <&"${WORLD[0]}"
    t0="$(ticks)"
    case "$run" in
      plan|plan-after) measure "$run-$n" "${fluxstrap[@]}" plan -f "$spec" "${st[@]}" -parallelism="$par" ;;
      plan-norefresh) measure "$run-$n" "${fluxstrap[@]}" plan -f "$spec" "${st[@]}" --refresh=false ;;
      apply) measure "$run-$n" "${fluxstrap[@]}" apply -f "$spec" "${st[@]}" --auto-approve -parallelism="$par" ;;
      drift) measure "$run-$n" "${fluxstrap[@]}" drift -f "$spec" "${st[@]}" -parallelism="$par" ;;
    esac
    apicpu="$(awk -v a="$t0" -v b="$(ticks)" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.1f", (b - a) / hz}')"
    echo stats >&"${WORLD[1]}"; read -r _ req pushes <&"${WORLD[0]}"
    row "$n" "fluxstrap $run" "$pushes" "$(awk -v r="$req" -v n="$n" 'BEGIN{printf "%.1f", r/n}')" "$apicpu"
  done
  if [ "${FLEET_FLUX_WAY:-1}" = 1 ] && [ "$n" -le 100 ]; then
    echo reset >&"${WORLD[1]}"; read -r _ <&"${WORLD[0]}"
    echo stats >&"${WORLD[1]}"; read -r _ _ before <&"${WORLD[0]}"
    REPO_URL="$authurl" measure "fluxway-$n" bench/flux-way.sh "$n" "$dir/fluxway" "$here/examples/manifests/flux-v2.7.5-sandbox.yaml"
    echo stats >&"${WORLD[1]}"; read -r _ _ after <&"${WORLD[0]}"
    row "$n" "Flux way (git only)" "$((after - before))" "-"
  fi
  echo quit >&"${WORLD[1]}"; wait "$WORLD_PID" 2>/dev/null || true
done
ratio() { awk -v a="${results[$1]:-}" -v b="${results[$2]:-}" 'BEGIN{ if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.1fx", a / b }'; }
echo
echo "apply, Flux way / fluxstrap:   N=10 $(ratio "10 Flux way (git only)" "10 fluxstrap apply"), N=100 $(ratio "100 Flux way (git only)" "100 fluxstrap apply")  (target: >= 5x at 100)"
echo "drift, N=50 / N=1:             $(ratio "50 fluxstrap drift" "1 fluxstrap drift")  (target: <= 3x)"
echo "plan of 500 clusters:          ${results[500 fluxstrap plan]:-n/a} s with refresh, ${results[500 fluxstrap plan-norefresh]:-n/a} s without  (target: <= 5 s, <= 512 MB)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

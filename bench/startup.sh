#!/usr/bin/env bash
# Start-up benchmark (not a test). Prints, side by side, the medians of a bare JVM start and of
# fluxstrap's most frequent commands on the quickstart, each run the plain way (java -jar, JVM
# defaults) and through the launcher (./fluxstrap: AppCDS archive + short-run JIT/GC flags), with
# each one's ratio to the bare start of the same JVM. Wall time is what a user waits; CPU time
# (user + sys) is steadier on a shared machine.
#
#   bench/startup.sh             # 9 runs of each
#   STARTUP_RUNS=15 bench/startup.sh
#   STARTUP_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/startup.sh   # another JVM
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${STARTUP_RUNS:-9}"
java="${STARTUP_JAVA:-java}"
export PATH="$(dirname "$(command -v "$java")"):$PATH"   # the launcher runs the same JVM

echo "bench: building the jar and its class data archive (launcher)..." >&2
"$here/fluxstrap" version >/dev/null
jar="$here/target/fluxstrap.jar"
work="$(mktemp -d /tmp/startup-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bare"
printf 'public class Bare { public static void main(String[] a) {} }\n' > "$work/bare/Bare.java"
"$(dirname "$(command -v "$java")")/javac" -d "$work/bare" "$work/bare/Bare.java" 2>/dev/null \
  || { echo "bench: needs javac beside $java" >&2; exit 1; }

# The quickstart applied once in a scratch copy: the plans below then have nothing to do, the
# case pipelines run most.
cp -R "$here/examples" "$work/"
cd "$work"
export GIT_PASSWORD=bench-token NO_COLOR=1 FLUXSTRAP_CACHE_DIR="$work/cache"
"$here/fluxstrap" apply -f examples/quickstart.yaml --auto-approve >/dev/null 2>&1 \
  || { echo "bench: the quickstart apply failed" >&2; exit 1; }

# median VALUES...: the middle value (upper middle for an even count)
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int(NR/2)+1]}'; }

# measure CMD...: runs CMD $runs times (after one warm-up); sets wall and cpu (medians, ms)
measure() {
  local walls=() cpus=() i t
  "$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; "$@" >&2 || true; exit 1; }
  for ((i = 0; i < runs; i++)); do
    t="$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1 )"
    read -r r u s <<<"$t"
    walls+=("$(awk -v r="$r" 'BEGIN{printf "%d", r*1000}')")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%d", (u+s)*1000}')")
  done
  wall="$(median "${walls[@]}")"
  cpu="$(median "${cpus[@]}")"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1fx", (b > 0 ? a/b : 0)}'; }

measure "$java" -cp "$work/bare" Bare; bare_wall=$wall; bare_cpu=$cpu
measure "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$work/bare" Bare; lbare_wall=$wall; lbare_cpu=$cpu

echo
echo "JVM: $("$java" -version 2>&1 | head -1); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $runs runs each, medians"
printf '%-28s | %9s %9s %7s | %9s %9s %7s\n' "" "java -jar" "" "" "./fluxstrap" "" ""
printf '%-28s | %9s %9s %7s | %9s %9s %7s\n' "command" "wall ms" "cpu ms" "x bare" "wall ms" "cpu ms" "x bare"
printf '%-28s | %9s %9s %7s | %9s %9s %7s\n' "bare JVM start (empty main)" "$bare_wall" "$bare_cpu" "1.0x" "$lbare_wall" "$lbare_cpu" "1.0x"
row() {
  local name="$1"; shift
  measure "$java" -jar "$jar" "$@"; local pw=$wall pc=$cpu
  measure "$here/fluxstrap" "$@"; local lw=$wall lc=$cpu
  printf '%-28s | %9s %9s %7s | %9s %9s %7s\n' "$name" "$pw" "$pc" "$(ratio "$pw" "$bare_wall")" "$lw" "$lc" "$(ratio "$lw" "$lbare_wall")"
}
row "version" version
row "validate" validate -f examples/quickstart.yaml
row "plan --refresh=false" plan -f examples/quickstart.yaml --refresh=false
row "plan (quickstart, refresh)" plan -f examples/quickstart.yaml
echo
echo "x bare: wall time over the bare start of the same JVM with the same flags (left: JVM defaults;"
echo "right: the launcher's -XX:TieredStopAtLevel=1 -XX:+UseSerialGC). The plans have nothing to do."

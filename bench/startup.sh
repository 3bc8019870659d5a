#!/usr/bin/env bash
# Start-up benchmark (not a test). Prints, side by side, the medians of a bare JVM start and of
# fluxstrap's most frequent commands on the quickstart, each run the plain way (java -jar, JVM
# defaults) and through the launcher (./fluxstrap: AppCDS archive + short-run JIT/GC flags), with
# each one's ratio to the bare start of the same JVM. Wall time is what a user waits; CPU time
# (user + sys) is steadier on a shared machine.
#
# Below them, the floor of the chosen stack (bench/floor/Floor.java on the shipped jar's class
# path): the least any program built on Jackson YAML + networknt can do for the same commands.
# Its right-hand column runs with the launcher's flags and an archive of its own, trained by one
# run of the same work (Java 25 and later: its AOT cache, -XX:AOTCacheOutput; before: AppCDS).
#
#   bench/startup.sh             # 9 runs of each
#   STARTUP_RUNS=15 bench/startup.sh
#   STARTUP_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/startup.sh   # another JVM
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${STARTUP_RUNS:-9}"
java="${STARTUP_JAVA:-java}"
export PATH="$(dirname "$(command -v "$java")"):$PATH"   # the launcher runs the same JVM

jar="$here/target/fluxstrap.jar"
work="$(mktemp -d /tmp/startup-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# An archive is only used by the JVM that made it: for another JVM, the launcher makes one for it
# (and the default JVM's next run makes its own again).
if [ -n "${STARTUP_JAVA:-}" ]; then
  rm -f "$here/target/fluxstrap.jsa" "$here/target/fluxstrap.jsa.failed"
  trap 'rm -rf "$work" "$here/target/fluxstrap.jsa" "$here/target/fluxstrap.jsa.failed"' EXIT
fi
echo "bench: building the jar and its class data archive (launcher)..." >&2
"$here/fluxstrap" version >/dev/null
mkdir -p "$work/bare"
printf 'public class Bare { public static void main(String[] a) {} }\n' > "$work/bare/Bare.java"
"$(dirname "$(command -v "$java")")/javac" -d "$work/bare" "$work/bare/Bare.java" 2>/dev/null \
  || { echo "bench: needs javac beside $java" >&2; exit 1; }
mkdir -p "$work/floor"
"$(dirname "$(command -v "$java")")/javac" --release 17 -cp "$jar" -d "$work/floor" "$here/bench/floor/Floor.java" \
  && "$(dirname "$(command -v "$java")")/jar" cf "$work/floor.jar" -C "$work/floor" . \
  || { echo "bench: cannot build bench/floor/Floor.java" >&2; exit 1; }

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
line() { printf '%-30s | %7s %7s %6s %6s | %7s %7s %6s %6s\n' "$@"; }
# cells NAME WALL CPU BARE_WALL BARE_CPU WALL CPU BARE_WALL BARE_CPU: one row, ratios computed
cells() {
  line "$1" "$2" "$3" "$(ratio "$2" "$4")" "$(ratio "$3" "$5")" "$6" "$7" "$(ratio "$6" "$8")" "$(ratio "$7" "$9")"
}

measure "$java" -cp "$work/bare" Bare; bare_wall=$wall; bare_cpu=$cpu
measure "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$work/bare" Bare; lbare_wall=$wall; lbare_cpu=$cpu

echo
echo "JVM: $("$java" -version 2>&1 | head -1); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $runs runs each, medians"
line "" "java -jar" "" "" "" "./fluxstrap" "" "" ""
line "command" "wall ms" "cpu ms" "x wall" "x cpu" "wall ms" "cpu ms" "x wall" "x cpu"
cells "bare JVM start (empty main)" "$bare_wall" "$bare_cpu" "$bare_wall" "$bare_cpu" "$lbare_wall" "$lbare_cpu" "$lbare_wall" "$lbare_cpu"
declare -A plain_wall plain_cpu
row() {
  local name="$1"; shift
  measure "$java" -jar "$jar" "$@"; local pw=$wall pc=$cpu
  measure "$here/fluxstrap" "$@"; local lw=$wall lc=$cpu
  plain_wall[$name]=$pw plain_cpu[$name]=$pc
  cells "$name" "$pw" "$pc" "$bare_wall" "$bare_cpu" "$lw" "$lc" "$lbare_wall" "$lbare_cpu"
}
row "version" version
row "validate" validate -f examples/quickstart.yaml
row "plan --refresh=false" plan -f examples/quickstart.yaml --refresh=false
row "plan (quickstart, refresh)" plan -f examples/quickstart.yaml

# The floor: Floor MODE on the jar's class path, and fluxstrap's two commands run the same way.
# Each has an archive of its own, trained by one run of the same work (AppCDS needs jars on the
# class path, hence floor.jar); the AOT cache where the JVM has one (Java 25).
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto '-Xlog:cds*=off')
aot=0
if "$java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput '; then
  aot=1 flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC '-Xlog:cds*=off' '-Xlog:aot*=off')   # (it refuses -Xshare)
fi
n=0
# trained NAME PLAIN_WALL PLAIN_CPU CMD...: CMD's own archive, then the row (PLAIN_*: left, or "")
trained() {
  local name="$1" pw="$2" pc="$3"; shift 3
  local archive="$work/archive-$((n++)).jsa" use
  if ((aot)); then
    "$java" "${flags[@]}" -XX:AOTCacheOutput="$archive" "$@" >/dev/null 2>&1 || true
    use=-XX:AOTCache="$archive"
  else
    "$java" "${flags[@]}" -XX:ArchiveClassesAtExit="$archive" "$@" >/dev/null 2>&1 || true
    use=-XX:SharedArchiveFile="$archive"
  fi
  [ -s "$archive" ] || { echo "bench: could not train an archive for: $*" >&2; exit 1; }
  if [ -z "$pw" ]; then measure "$java" "$@"; pw=$wall pc=$cpu; fi
  measure "$java" "${flags[@]}" "$use" "$@"; local lw=$wall lc=$cpu
  if [ -z "${fbare_wall:-}" ]; then fbare_wall=$pw fbare_cpu=$pc flbare_wall=$lw flbare_cpu=$lc; fi
  cells "$name" "$pw" "$pc" "$fbare_wall" "$fbare_cpu" "$lw" "$lc" "$flbare_wall" "$flbare_cpu"
}
spec=examples/quickstart.yaml state=state/quickstart.state.json
[ -s "$state" ] || { echo "bench: the quickstart apply left no $state" >&2; exit 1; }
cp=("-cp" "$jar:$work/floor.jar" Floor)
echo
line "floor of the stack" "java" "" "" "" "$( ((aot)) && echo "flags + own AOT cache" || echo "flags + own CDS archive")" "" "" ""
trained "bare (Floor, empty main)" "" "" "${cp[@]}" bare
trained "Jackson YAML spec read" "" "" "${cp[@]}" yaml "$spec"
trained "  + networknt schema, check" "" "" "${cp[@]}" schema "$spec"
trained "  + Jackson state JSON read" "" "" "${cp[@]}" state "$spec" "$state"
trained "  + bundle docs read, SHA-256" "" "" "${cp[@]}" render "$spec" "$state" examples/manifests/flux-v2.9.5-sandbox.yaml
trained "fluxstrap validate" "${plain_wall[validate]}" "${plain_cpu[validate]}" -jar "$jar" validate -f "$spec"
trained "fluxstrap plan --refresh=false" "${plain_wall[plan --refresh=false]}" "${plain_cpu[plan --refresh=false]}" \
  -jar "$jar" plan -f "$spec" --refresh=false
echo
echo "x wall, x cpu: over the bare start of the same JVM with the same flags (left: JVM defaults; right:"
echo "the launcher's -XX:TieredStopAtLevel=1 -XX:+UseSerialGC). The plans have nothing to do."
echo "Floor (bench/floor/Floor.java): validate's floor is '+ networknt', plan --refresh=false's"
echo "'+ state' (as asked) or, counting what it cannot skip, '+ bundle'; the last two rows run fluxstrap"
echo "exactly as the floor (an archive trained on the command itself, not the launcher's quickstart plan)."
echo "Their ratios are over the floor's own bare row."

#!/usr/bin/env bash
# Measures the policyc command on the generated policy at 1,000, 10,000 and
# 100,000 tracker rows (100, 1,000 and 10,000 activities): CPU time
# (user+sys, which a busy machine disturbs least), wall time and peak
# resident memory of build, check and diff, the median of REPS runs, and
# the 10k/1k and 100k/10k CPU ratios.
#
#   internal/gen/bench.sh BIN DIR [SIZE...]     SIZE: 1k 10k 100k hugo
#                                               (default 1k 10k 100k)
#
# hugo builds the same 10k rows as a Hugo site ($PERF/gen_hugo.py, by
# default ../shared/perf beside the repository; Debian's hugo), and runs the
# parse-and-write floor (internal/gen/floor: parse the YAML, write as many
# bytes as the build wrote), alternately with policyc's html-only build, and
# prints the median of policyc's CPU time as a ratio of each.
set -euo pipefail
BIN=$(realpath "$1") DIR=$2
shift 2
SIZES=${*:-1k 10k 100k}
REPS=${REPS:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$DIR"
DIR=$(realpath "$DIR")
command -v /usr/bin/time >/dev/null || { echo "install GNU time (Debian: apt-get install time)" >&2; exit 1; }
(cd "$ROOT" && go build -o "$DIR/genpolicy" ./internal/gen/genpolicy && go build -o "$DIR/floor" ./internal/gen/floor)

rows() { case $1 in 1k) echo "1000 100" ;; 10k) echo "10000 1000" ;; 100k) echo "100000 10000" ;; esac; }

# measure NAME CMD...: runs CMD REPS times, prints the medians and records the
# median CPU seconds in $DIR/NAME.cpu.
measure() {
	local name=$1 i
	shift
	: >"$DIR/$name.runs"
	for ((i = 0; i < REPS; i++)); do
		/usr/bin/time -o "$DIR/time" -f '%U %S %e %M' "$@" >/dev/null 2>"$DIR/stderr" || {
			# diff exits 1 only with errors or --fail-on; build and check the same.
			cat "$DIR/stderr" >&2; echo "$name failed" >&2; exit 1; }
		tail -1 "$DIR/time" >>"$DIR/$name.runs"
	done
	awk -v name="$name" '{ cpu[NR] = $1 + $2; wall[NR] = $3; if ($4 > rss) rss = $4 }
		function median(a, n,  i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
			return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
		END { c = median(cpu, NR); printf "%-12s cpu %7.2f s  wall %7.2f s  peak %6.0f MiB\n", name, c, median(wall, NR), rss / 1024
			print c > "'"$DIR/$name"'.cpu" }' "$DIR/$name.runs"
}

for s in $SIZES; do
	case $s in 1k | 10k | 100k | hugo) ;; *) echo "unknown size $s; use 1k, 10k, 100k or hugo" >&2; exit 2 ;; esac
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $REPS runs each, medians"
HUGO=
for s in $SIZES; do
	[ "$s" = hugo ] && { HUGO=1; continue; }
	read -r n m <<<"$(rows "$s")"
	[ -d "$DIR/$s/old/generated" ] || "$DIR/genpolicy" "$DIR/$s/old" "$n" "$m"
	[ -d "$DIR/$s/new/generated" ] || "$DIR/genpolicy" -second "$DIR/$s/new" "$n" "$m"
	measure "build-$s" "$BIN" build "$DIR/$s/old" --out "$DIR/$s/out"
	measure "check-$s" "$BIN" check "$DIR/$s/old"
	measure "diff-$s" "$BIN" diff "$DIR/$s/old" "$DIR/$s/new"
done
for c in build check diff; do
	for pair in 10k/1k 100k/10k; do
		a=$DIR/$c-${pair%/*}.cpu b=$DIR/$c-${pair#*/}.cpu
		[ -f "$a" ] && [ -f "$b" ] && awk -v c="$c" -v p="$pair" -v a="$(cat "$a")" -v b="$(cat "$b")" \
			'BEGIN { printf "%-6s %-9s CPU ratio %5.1f\n", c, p, a / b }'
	done
done

[ -n "$HUGO" ] || exit 0
PERF=${PERF:-$ROOT/../shared/perf}
command -v hugo >/dev/null || { echo "install hugo (Debian: apt-get install hugo)" >&2; exit 1; }
[ -f "$PERF/gen_hugo.py" ] || { echo "set PERF to the folder holding gen_hugo.py" >&2; exit 1; }
[ -d "$DIR/hugo" ] || python3 "$PERF/gen_hugo.py" "$DIR/hugo" 10000 1000
[ -d "$DIR/10k/old/generated" ] || "$DIR/genpolicy" "$DIR/10k/old" 10000 1000
: >"$DIR/hugo.ratios"
for ((i = 0; i < REPS; i++)); do
	rm -rf "$DIR/hugo/public"
	measure policyc-html "$BIN" build "$DIR/10k/old" --out "$DIR/10k/html" --format html
	measure hugo hugo --source "$DIR/hugo" --quiet
	bytes=$(cat "$DIR"/10k/html/*/*.html "$DIR"/10k/html/index.html | wc -c)
	measure floor "$DIR/floor" "$DIR/floor.out" "$bytes" "$DIR"/10k/old/generated/*.yaml
	echo "$(cat "$DIR/policyc-html.cpu") $(cat "$DIR/hugo.cpu") $(cat "$DIR/floor.cpu")" >>"$DIR/hugo.ratios"
done
awk '{ h[NR] = $1 / $2; f[NR] = $1 / $3 }
	function median(a, n,  i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
	END { printf "10k html-only build: %.2f x hugo, %.2f x the parse-and-write floor (CPU, median of %d alternating runs)\n", median(h, NR), median(f, NR), NR }' "$DIR/hugo.ratios"

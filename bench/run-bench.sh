#!/bin/sh
# run-bench.sh BUILD [RUNS] — the benchmark table (`make bench`).
#
# Each workload in bench/*.c runs RUNS times (default 3) on interpex and,
# when Hercules is installed, RUNS times on Hercules 3.13 in the same run.
# Printed: instructions, median seconds, median MIPS, and the speed ratio
# interpex/Hercules = Hercules median time / interpex median time (both
# execute the same binary, so the same instructions).  Medians, because
# machines are noisy; compare interpreter versions with callgrind counts,
# not with this table.
set -u
BUILD=${1:-build}
RUNS=${2:-3}
[ -n "$RUNS" ] || RUNS=3
IPX=$BUILD/interpex
HRUN=tests/hercules/hercules-run.sh
have_herc=0
command -v hercules >/dev/null 2>&1 && have_herc=1

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%-10s %12s %10s %9s %10s %9s %8s\n' workload instructions interp_s MIPS herc_s herc_MIPS ratio
status=0
for src in bench/*.c; do
    name=$(basename "${src%.c}")
    elf=$BUILD/guest/bench/$name.elf
    times=""; insns=0
    for r in $(seq "$RUNS"); do
        out=$("$IPX" run "$elf") || { echo "$name: interpex run failed (exit $?)" >&2; status=1; continue 2; }
        insns=$(printf '%s\n' "$out" | sed -n 's/^INSTRUCTIONS=//p')
        times="$times $(printf '%s\n' "$out" | sed -n 's/^ELAPSED_S=//p')"
    done
    t=$(printf '%s\n' $times | median)
    mips=$(awk -v n="$insns" -v t="$t" 'BEGIN { printf "%.1f", n / t / 1e6 }')
    ht="-"; hmips="-"; ratio="-"
    if [ $have_herc = 1 ]; then
        htimes=""
        for r in $(seq "$RUNS"); do
            hout=$("$HRUN" --timeout 300 "$elf") || { echo "$name: hercules run failed" >&2; status=1; continue 2; }
            htimes="$htimes $(printf '%s\n' "$hout" | sed -n 's/^ELAPSED_S=//p')"
        done
        ht=$(printf '%s\n' $htimes | median)
        hmips=$(awk -v n="$insns" -v t="$ht" 'BEGIN { printf "%.1f", n / t / 1e6 }')
        ratio=$(awk -v a="$ht" -v b="$t" 'BEGIN { printf "%.2fx", a / b }')
    fi
    printf '%-10s %12s %10.3f %9s %10s %9s %8s\n' "$name" "$insns" "$t" "$mips" "$ht" "$hmips" "$ratio"
    eval "mips_$name=$mips"
done
# SIE guests: the coremark workload run as a V=R, V=V and zone guest
# (bench/sie_bench.h) and at L3 under an interpreted or simulated L2
# (bench/sie_nested.h), as a share of the bare machine's coremark MIPS.
for kind in vr vv zone nested nested_sim; do
    eval "g=\${mips_sie_$kind:-}"
    [ -n "$g" ] && [ -n "${mips_coremark:-}" ] || continue
    awk -v g="$g" -v b="$mips_coremark" -v k="$kind" \
        'BEGIN { printf "SIE guest speed %-10s %6.1f%% of bare coremark MIPS\n", k, 100 * g / b }'
done
[ $have_herc = 1 ] || echo "(Hercules not installed: no ratio; make deps installs it)"
exit $status

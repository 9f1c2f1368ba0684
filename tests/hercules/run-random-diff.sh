#!/bin/sh
# run-random-diff.sh BUILD [FIRST_SEED] [COUNT] — random instruction streams
# (and the scenario programs) on interpex and on Hercules 3.13, compared.
#
# For every seed FIRST_SEED .. FIRST_SEED+COUNT-1 (default 1 and 200) and
# for each architecture (ESA/390 and S/370), BUILD/randgen writes a core
# image; `interpex run --deterministic --core` and Hercules (all programs
# of one architecture in one session: hercules-batch.sh) run it, and the
# final PSW, the 16 GRs and the dumped storage (result area, interruption
# log, data areas; see randgen.c) must be identical, after normalize.awk.
# The scenario programs (tests/hercules/scenarios/*.S, built into
# BUILD/hscen by `make random-diff-progs`) run the same way once per call.
# The first mismatches are shown as a diff with the command that
# reproduces them; the last line is "random diff: N passed, M failed".
# Skips (exit 0, with a message) only when Hercules is not installed.
#
# RANDOM_DIFF_ARCHS="esa390 s370" and RANDOM_DIFF_SHOW (how many failing
# programs to show in full, default 5) adjust a run.
set -u
BUILD=${1:-build}
FIRST=${2:-1}
COUNT=${3:-200}
IPX=$BUILD/interpex
GEN=$BUILD/randgen
HERE=$(dirname "$0")
ARCHS=${RANDOM_DIFF_ARCHS:-esa390 s370}
SHOW=${RANDOM_DIFF_SHOW:-5}

if ! command -v hercules >/dev/null 2>&1; then
    echo "random diff: SKIPPED — hercules is not installed (make deps installs it)"
    exit 0
fi
for f in "$IPX" "$GEN"; do
    [ -x "$f" ] || { echo "run-random-diff: $f is missing (make $f)" >&2; exit 2; }
done

tmp=$(mktemp -d /tmp/ipx-rdiff.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
t0=$(date +%s.%N)

# ---- generate -----------------------------------------------------------
# job line: NAME ARCH MAINSIZE_MB CORE DUMPS; NAME is <arch>-s<seed> or the
# scenario's name; how to reproduce it goes to $tmp/NAME.how
gen_one() {   # name arch args...
    name=$1; arch=$2; shift 2
    opts=$("$GEN" --arch "$arch" "$@" -o "$tmp/$name.bin") || { echo "randgen failed: $*" >&2; return 1; }
    eval "$opts"    # ARCH= MAINSIZE= DUMPS=
    echo "$name $ARCH $MAINSIZE $tmp/$name.bin $DUMPS" >> "$tmp/jobs.$ARCH.$MAINSIZE"
    echo "$GEN --arch $arch $* -o prog.bin && $IPX run --deterministic --arch $ARCH --mainsize ${MAINSIZE}M --core prog.bin --trace" > "$tmp/$name.how"
}
for arch in $ARCHS; do
    s=$FIRST
    while [ "$s" -lt $((FIRST + COUNT)) ]; do
        gen_one "$arch-s$s" "$arch" --seed "$s" || exit 2
        s=$((s + 1))
    done
done
# the scenario programs: BUILD/hscen/NAME.bin, options in the source's HX-RUN line
for src in "$HERE"/scenarios/*.S; do
    [ -e "$src" ] || continue
    name=$(basename "${src%.S}")
    bin=$BUILD/hscen/$name.bin
    [ -f "$bin" ] || { echo "run-random-diff: $bin is missing (make random-diff-progs)" >&2; exit 2; }
    opts=$(sed -n 's/.*HX-RUN: *//p' "$src" | head -1)
    eval "$opts"    # ARCH= MAINSIZE= DUMPS=
    case " $ARCHS " in *" $ARCH "*) ;; *) continue ;; esac
    echo "$name $ARCH $MAINSIZE $bin $DUMPS" >> "$tmp/jobs.$ARCH.$MAINSIZE"
    echo "$IPX run --deterministic --arch $ARCH --mainsize ${MAINSIZE}M --core $bin --trace (source tests/hercules/scenarios/$name.S)" > "$tmp/$name.how"
done

# ---- run: the Hercules sessions in the background, interpex meanwhile ------
for jf in "$tmp"/jobs.*; do
    [ -e "$jf" ] || continue
    "$HERE/hercules-batch.sh" "$jf" > "$jf.herc" 2> "$jf.herc.err" &
done
for jf in "$tmp"/jobs.*; do
    [ -e "$jf" ] || continue
    case $jf in *.herc|*.err) continue ;; esac
    while read -r name arch mainsize core dumps; do
        set -- 
        for d in $(echo "$dumps" | tr ',' ' '); do set -- "$@" --dump "$d"; done
        echo "=== $name"
        "$IPX" run --deterministic --arch "$arch" --mainsize "${mainsize}M" --max-insns 2000000 \
            --core "$core" "$@" 2>/dev/null | grep -E '^(PSW=|GR|STORAGE|INSTRUCTIONS=)'
    done < "$jf" > "$jf.ipx"
done
wait

# ---- compare --------------------------------------------------------------
pass=0; fail=0; shown=0
: > "$tmp/stats"
for jf in "$tmp"/jobs.*; do
    case $jf in *.herc|*.err|*.ipx) continue ;; esac
    [ -s "$jf.herc.err" ] && sed 's/^/  hercules-batch: /' "$jf.herc.err"
    # instructions executed (by interpex), per architecture and kind
    awk -v arch="$(echo "$jf" | sed 's/.*jobs\.\([^.]*\)\..*/\1/')" '
        /^=== / { kind = ($2 ~ /-s[0-9]+$/) ? "random" : "scenario"; n[kind]++; next }
        /^INSTRUCTIONS=/ { split($0, v, "="); i[kind] += v[2] }
        END { for (k in n) print arch, k, n[k], i[k] }' "$jf.ipx" >> "$tmp/stats"
    # one file per job and emulator
    for e in ipx herc; do
        grep -v '^INSTRUCTIONS=' "$jf.$e" | awk -f "$HERE/normalize.awk" |
            awk -v d="$tmp" -v sfx=$e '/^=== /{ f = d "/" $2 "." sfx; printf "" > f; next } { print > f }'
    done
    while read -r name _; do
        a=$tmp/$name.ipx; b=$tmp/$name.herc
        if [ -s "$a" ] && [ -f "$b" ] && cmp -s "$a" "$b"; then
            pass=$((pass + 1))
            continue
        fi
        fail=$((fail + 1))
        [ "$shown" -ge "$SHOW" ] && { echo "FAIL random diff $name"; continue; }
        shown=$((shown + 1))
        echo "FAIL random diff $name — reproduce: $(cat "$tmp/$name.how")"
        [ -f "$b" ] || echo "  (no Hercules output)"
        # the differing lines, pairwise in order (the first ones tell most)
        awk -v b="$b" '{ if ((getline h < b) <= 0) h = "(missing)"
                         if ($0 != h) { n++; if (n <= 10) printf "  interpex: %s\n  hercules: %s\n", $0, h } }
                       END { while ((getline h < b) > 0) if (++n <= 10) printf "  interpex: (missing)\n  hercules: %s\n", h
                             if (n > 10) printf "  ... %d differing lines in all\n", n }' "$a"
    done < "$jf"
done
t1=$(date +%s.%N)
awk '{ p[$1 " " $2] += $3; i[$1 " " $2] += $4 }
     END { for (k in p) printf "  %s programs: %d, %d instructions executed (interpex count)\n", k, p[k], i[k] }' \
    "$tmp/stats" | sort
echo "random diff: $pass passed, $fail failed ($(echo "$ARCHS" | wc -w) architectures, seeds $FIRST-$((FIRST + COUNT - 1)), $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s)"
[ $fail = 0 ]

#!/bin/sh
# run-hercules-tests.sh BUILD — differential runs against Hercules 3.13.
#
# Every guest test whose source has a line "DIFF-HERCULES: [options]" runs
# on interpex (`interpex run`) and on Hercules (hercules-run.sh) with the
# same options (--arch, --dump ...); the PSW, the 16 GRs and the dumped
# storage must be identical.  Known deviations of Hercules from the
# Principles of Operation are listed in docs/testing.md, and a test whose
# result depends on one says so beside its DIFF-HERCULES line.
# Skips (exit 0, with a message) only when Hercules is not installed.
set -u
BUILD=${1:-build}
IPX=$BUILD/interpex
HRUN=tests/hercules/hercules-run.sh
if ! command -v hercules >/dev/null 2>&1; then
    echo "hercules tests: SKIPPED — hercules is not installed (make deps installs it)"
    exit 0
fi
pass=0; fail=0
for src in tests/guest/*.c tests/guest/*.S; do
    [ -e "$src" ] || continue
    grep -q 'DIFF-HERCULES:' "$src" || continue
    name=$(basename "${src%.*}")
    elf=$BUILD/guest/tests/$name.elf
    opts=$(sed -n 's/.*DIFF-HERCULES: *\([^*]*[^ *]\)\{0,1\}.*/\1/p' "$src" | head -1)
    a=$("$IPX" run --deterministic $opts "$elf" 2>/dev/null | grep -E '^(PSW=|GR|STORAGE)')
    b=$("$HRUN" $opts "$elf" 2>/dev/null | grep -E '^(PSW=|GR|STORAGE)')
    if [ -n "$a" ] && [ "$a" = "$b" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL hercules diff $name ($opts):"
        printf '%s\n' "$a" > /tmp/ipx-a.$$; printf '%s\n' "$b" > /tmp/ipx-b.$$
        diff /tmp/ipx-a.$$ /tmp/ipx-b.$$ | sed 's/^</  interpex:/; s/^>/  hercules:/'
        rm -f /tmp/ipx-a.$$ /tmp/ipx-b.$$
    fi
done
echo "hercules diff: $pass passed, $fail failed"
[ $fail = 0 ]

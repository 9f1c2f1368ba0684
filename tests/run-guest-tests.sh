#!/bin/sh
# run-guest-tests.sh BUILD — run every guest test program with `interpex run`.
#
# A test is tests/guest/NAME.c or NAME.S, built to BUILD/guest/tests/NAME.elf.
# Lines in its source tell how to run and judge it:
#   RUN-ARGS: options for interpex run   (default: --deterministic)
#   EXIT: expected exit status           (default: 0, a wait code of 0)
#   EXPECT: a line that must appear in the output (repeatable)
#   SETUP: a shell command run first (repeatable), e.g. to make a disk
#          image; in it and in RUN-ARGS, %TMP% is a fresh scratch
#          directory and %IPX% the interpex binary
# A C test returns 0 from main for success, or the number of the first
# check that failed (exit 1, "wait code N").
set -u
BUILD=${1:-build}
IPX=$BUILD/interpex
pass=0; fail=0
for src in tests/guest/*.c tests/guest/*.S; do
    [ -e "$src" ] || continue
    name=$(basename "${src%.*}")
    elf=$BUILD/guest/tests/$name.elf
    args=$(sed -n 's/.*RUN-ARGS: *\(.*[^ */]\).*/\1/p' "$src" | head -1)
    [ -n "$args" ] || args=--deterministic
    tmp=$(mktemp -d /tmp/ipx-guest.XXXXXX)
    args=$(printf '%s\n' "$args" | sed "s|%TMP%|$tmp|g")
    sed -n 's/.*SETUP: *\(.*[^ */]\).*/\1/p' "$src" | sed "s|%TMP%|$tmp|g; s|%IPX%|$IPX|g" > "$tmp/setup.sh"
    setup_ok=1
    sh -e "$tmp/setup.sh" > "$tmp/setup.out" 2>&1 || { setup_ok=0; echo "  setup failed:"; cat "$tmp/setup.out"; }
    want=$(sed -n 's/.*EXIT: *\([0-9]*\).*/\1/p' "$src" | head -1)
    [ -n "$want" ] || want=0
    out=$(timeout 120 "$IPX" run $args "$elf" 2>&1)
    rc=$?
    ok=$setup_ok
    [ "$rc" = "$want" ] || ok=0
    sed -n 's/.*EXPECT: *\(.*[^ */]\).*/\1/p' "$src" > /tmp/ipx-expect.$$
    while IFS= read -r line; do
        printf '%s\n' "$out" | grep -qF -- "$line" || { ok=0; echo "  missing: $line"; }
    done < /tmp/ipx-expect.$$
    rm -f /tmp/ipx-expect.$$
    rm -rf "$tmp"
    if [ $ok = 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL guest test $name: exit $rc, expected $want"
        printf '%s\n' "$out" | sed 's/^/    /' | head -20
    fi
done
echo "guest tests: $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]

#!/bin/sh
# run-ipl-tests.sh BUILD — IPL from a card reader with `interpex run --ipl`.
#
# tests/ipl/mkdeck.c turns a flat program image into a self-loading deck
# of EBCDIC cards (an IPL card, CCW cards, program cards).  The tests IPL:
#   1. a data pattern with a disabled-wait PSW, checked with --dump;
#   2. the guest program console_hello (ESA/390) and io_s370 (S/370), built
#      by `make guest-progs`, which must print and end as they do when
#      loaded from their ELF files;
#   3. a CKD volume made by Hercules' dasdinit (S/370);
#   4. a deck of text cards, whose IPL must fail with a clear message.
set -u
BUILD=${1:-build}
IPX=$BUILD/interpex
TMP=$(mktemp -d /tmp/ipx-ipl.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
pass=0; fail=0

cc -O2 -Wall -Wextra -o "$TMP/mkdeck" tests/ipl/mkdeck.c || exit 1

check() {   # NAME EXPECTED-EXIT OUTPUT-FILE RC [GREP-LINES...]
    name=$1 want=$2 out=$3 rc=$4
    shift 4
    ok=1
    [ "$rc" = "$want" ] || ok=0
    for line in "$@"; do
        grep -qF -- "$line" "$out" || { ok=0; echo "  missing: $line"; }
    done
    if [ $ok = 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL ipl test $name: exit $rc, expected $want"
        sed 's/^/    /' "$out" | head -20
    fi
}

# 1. 300 bytes of pattern to X'20000', PSW = disabled wait at 0.
i=0; : > "$TMP/pattern.bin"
while [ $i -lt 300 ]; do printf '\001\002\003\004' >> "$TMP/pattern.bin"; i=$((i + 4)); done
"$TMP/mkdeck" --load 20000 --psw 000A000080000000 "$TMP/pattern.bin" "$TMP/pattern.deck"
"$IPX" run --deterministic --reader "$TMP/pattern.deck" --ipl 000C \
    --dump 20000:10 --dump 20120:10 > "$TMP/out1" 2>&1
check pattern 0 "$TMP/out1" $? "PSW=000A0000 80000000" \
    "STORAGE 00020000 01020304 01020304 01020304 01020304" \
    "STORAGE 00020120 01020304 01020304 01020304 00000000"

# 2. Guest programs, IPLed instead of loaded.
G=$BUILD/guest/tests
"$TMP/mkdeck" --load 10000 "$G/console_hello.bin" "$TMP/hello.deck"
"$IPX" run --deterministic --reader "$TMP/hello.deck" --ipl C > "$TMP/out2" 2>&1
check console_hello 0 "$TMP/out2" $? "HELLO FROM THE 3215" "PUTS WORKS TOO"
"$TMP/mkdeck" --arch s370 --load 10000 "$G/io_s370.bin" "$TMP/s370.deck"
"$IPX" run --arch s370 --deterministic --reader "$TMP/s370.deck" --ipl 000C > "$TMP/out3" 2>&1
check io_s370 0 "$TMP/out3" $? "SIO TO THE 3215 AT 009" "S/370 CHANNEL I/O OK"

# 3. IPL from a CKD volume made by Hercules' dasdinit: its IPL record is a
#    PSW X'00060000 0000000F' (a disabled wait in S/370 BC mode) whose
#    interruption code receives the device address.
if dasdinit "$TMP/vol.3390" 3390 IPLVOL 1 > "$TMP/dasdinit.log" 2>&1; then
    "$IPX" run --arch s370 --dasd 0120:"$TMP/vol.3390" --ipl 120 > "$TMP/out6" 2>&1
    check ckd-ipl 1 "$TMP/out6" $? "PSW=00060120 0000000F" "wait code F"
else
    fail=$((fail + 1))
    echo "FAIL ipl test ckd-ipl: dasdinit (Debian package hercules) did not run"
fi

# 4. Text cards are no IPL deck; no device 0123.
printf 'HELLO\nWORLD\n' > "$TMP/text.deck"
"$IPX" run --reader "$TMP/text.deck" --ipl 000C > "$TMP/out4" 2>&1
check text-deck 2 "$TMP/out4" $? "IPL I/O error"
"$IPX" run --reader "$TMP/text.deck" --ipl 0123 > "$TMP/out5" 2>&1
check no-device 2 "$TMP/out5" $? "IPL device 0123 is not configured"

echo "ipl tests: $pass passed, $fail failed"
[ $fail = 0 ]

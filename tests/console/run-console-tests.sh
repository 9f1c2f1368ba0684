#!/bin/sh
# run-console-tests.sh BUILD — the interactive machine driven by scripts:
# `interpex -f CONFIG -r SCRIPT </dev/null` reads no commands from stdin,
# prints everything on stdout and ends at `quit` in the script.
#
#   1. loadcore of a guest program, psw + start, its 3215-C output, the
#      disabled-wait message, psw and gpr afterwards;
#   2. IPL of the same program from a card deck in the reader (tests/ipl/
#      mkdeck.c), with the deck named through DEFSYM and the environment;
#   3. r display and alteration, restart, gpr, psw, stop and start of a
#      loop, breakpoints, bad commands (they fail, interpex goes on);
#   4. bad configurations: the message names the file and the line, exit 2;
#   5. the end: quit gives exit status 0; without quit, SIGTERM ends it.
# Every run is under `timeout`; no network (CNSLPORT 0).
set -u
BUILD=${1:-build}
IPX=$BUILD/interpex
G=$BUILD/guest/tests
TMP=$(mktemp -d /tmp/ipx-console.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
pass=0; fail=0

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
        echo "FAIL console test $name: exit $rc, expected $want"
        sed 's/^/    /' "$out" | head -40
    fi
}

run() {     # CONFIG SCRIPT OUTPUT
    timeout 30 "$IPX" -f "$1" -r "$2" < /dev/null > "$3" 2>&1
}

cat > "$TMP/base.cnf" <<EOF
# console tests: no TN3270 listener
ARCHMODE ESA/390
MAINSIZE 2
NUMCPU   1
CNSLPORT 0
0009     3215-C noprompt
000E     1403 $TMP/prt.txt
EOF

# 1. loadcore + start.
cat > "$TMP/hello.rc" <<EOF
loadcore $G/console_hello.bin 10000
psw cmwp=8 am=31 ia=10000
start
pause 1
psw
gpr
quit
EOF
run "$TMP/base.cnf" "$TMP/hello.rc" "$TMP/out1"
check loadcore 0 "$TMP/out1" $? "Loading $G/console_hello.bin to location 10000" \
    "HELLO FROM THE 3215" "42 = 0x2A, a line with [brackets] and {braces}" \
    "ONE LINE IN TWO PIECES" "PUTS WORKS TOO" \
    "CPU0000: Disabled wait state PSW=000A0000 80000000" \
    "PSW=000A0000 80000000" "GR00=000000FF  GR01=00000100  GR02=80000000"

# 2. IPL from the reader; the deck's name comes through DEFSYM and ${ENV}.
if [ -x "$BUILD/mkdeck" ]; then MKDECK=$BUILD/mkdeck; else
    MKDECK=$TMP/mkdeck
    cc -O2 -Wall -Wextra -o "$MKDECK" tests/ipl/mkdeck.c || exit 1
fi
"$MKDECK" --load 10000 "$G/console_hello.bin" "$TMP/hello.deck"
cat "$TMP/base.cnf" > "$TMP/ipl.cnf"
cat >> "$TMP/ipl.cnf" <<'EOF'
DEFSYM DECK hello.deck
000C     3505 ${IPX_CONSOLE_TMP}/$(DECK) ebcdic
EOF
cat > "$TMP/ipl.rc" <<'EOF'
devlist
ipl 000C
pause 1
r B8.8
quit
EOF
IPX_CONSOLE_TMP=$TMP timeout 30 "$IPX" -f "$TMP/ipl.cnf" -r "$TMP/ipl.rc" </dev/null >"$TMP/out2" 2>&1
check ipl-deck 0 "$TMP/out2" $? "0:000C 3505 $TMP/hello.deck ebcdic" \
    "HELLO FROM THE 3215" "PUTS WORKS TOO" "CPU0000: Disabled wait state PSW=000A0000 80000000" \
    "R:000000B8:K:"

# 3. Storage, registers, PSW, restart, stop/start, breakpoints, errors.
cat > "$TMP/ops.rc" <<'EOF'
* the Hercules recipe: LA 1,5; LA 2,7; AR 1,2; ST 1,X'300'; LPSW X'2F0'
r 0=0008000080000200
r 200=41100005412000071A1250100300
r 20E=820002F0
r 2F0=000A000000000222
r 200.10
u 200.10
restart
pause 0.5
gpr
r 300.10
psw
gpr 1=0
b 208
restart
pause 0.5
psw
gpr
b-
start
pause 0.5
r 400=47F00400
psw cmwp=8 am=31 ia=400
start
pause 0.3
stop
pause 0.2
psw
start
pause 0.2
stop
foo
r zz
gpr 17=1
loadcore /nonexistent/core.bin
ipl 0123
devlist
quit
EOF
run "$TMP/base.cnf" "$TMP/ops.rc" "$TMP/out3"
check operator 0 "$TMP/out3" $? \
    "R:00000200:K:00=41100005 41200007 1A125010 03008200  ..........&...b." \
    "R00000200: 41100005     LA    1,5(0,0)" \
    "R0000020E: 820002F0     LPSW  2F0(0)" \
    "CPU0000: Disabled wait state PSW=000A0000 00000222" \
    "GR00=00000000  GR01=0000000C  GR02=00000007  GR03=00000000" \
    "R:00000300:K:06=0000000C 00000000 00000000 00000000  ................" \
    "PSW=000A0000 00000222" \
    "Instruction break on address 208" \
    "CPU0000: Breakpoint at 00000208 PSW=00080000 80000208" \
    "GR00=00000000  GR01=00000005  GR02=00000007" \
    "PSW=00080000 80000400" \
    'Command "foo" not found' \
    "r: invalid address zz" \
    "gpr: invalid register 17" \
    "loadcore: /nonexistent/core.bin: cannot open" \
    "ipl: IPL device 0123 is not configured" \
    "0:0009 3215-C noprompt"

# 4. Bad configurations.
printf 'ARCHMODE ESA/390\nMAINSIZE 2\nFOO 1\n' > "$TMP/bad1.cnf"
run "$TMP/bad1.cnf" "$TMP/hello.rc" "$TMP/out4"
check bad-statement 2 "$TMP/out4" $? "$TMP/bad1.cnf:3: FOO is neither a statement nor a device number"
printf '# two lines\n\n000E 1403 /nonexistent/dir/prt.txt\n' > "$TMP/bad2.cnf"
run "$TMP/bad2.cnf" "$TMP/hello.rc" "$TMP/out5"
check bad-device-file 2 "$TMP/out5" $? "$TMP/bad2.cnf:3: 000E: cannot open /nonexistent/dir/prt.txt"
printf 'NUMCPU 4\n' > "$TMP/bad3.cnf"
run "$TMP/bad3.cnf" "$TMP/hello.rc" "$TMP/out6"
check numcpu 2 "$TMP/out6" $? "$TMP/bad3.cnf:1: NUMCPU 4: interpex emulates one CPU"
run "$TMP/none.cnf" "$TMP/hello.rc" "$TMP/out7"
check missing-config 2 "$TMP/out7" $? "$TMP/none.cnf: cannot open"
timeout 10 "$IPX" -f < /dev/null > "$TMP/out8" 2>&1
check usage 2 "$TMP/out8" $? "usage: interpex [-f CONFIG] [-r SCRIPT]"

# 5. Without quit, interpex runs until a signal ends it (cleanly).
printf 'gpr 1=1\n' > "$TMP/noquit.rc"
timeout -s TERM 1 "$IPX" -f "$TMP/base.cnf" -r "$TMP/noquit.rc" < /dev/null > "$TMP/out9" 2>&1
check sigterm 124 "$TMP/out9" $? "GR00=00000000  GR01=00000001"
grep -q "AddressSanitizer\|runtime error" "$TMP/out9" && { fail=$((fail + 1)); echo "FAIL sigterm: sanitizer report"; }

echo "console tests: $pass passed, $fail failed"
[ $fail = 0 ]

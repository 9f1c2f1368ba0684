#!/bin/bash
# run-tn3270-tests.sh BUILD — the TN3270 server, the 3270 displays and the
# demonstration program, driven by a real client.
#
# interpex runs headless (-f CONFIG -r SCRIPT </dev/null) with four 3270s
# at 00C0-00C3, a line-mode 3215 at 001F and the demonstration program
# (guest/demo/demo3270.c) IPLed from its card deck; it listens on a free
# high port of 127.0.0.1 only.  s3270 clients (x3270 suite) are driven
# through FIFOs, several at once: each action is answered by a status line
# and "ok" or "error" — s3270 exits 0 even when actions fail, so those
# lines are what the checks read, and every client runs under timeout.
# Raw telnet clients (bash /dev/tcp) play a plain NVT and a client that
# sends malformed data.
#
# Checked: the logo, then the guest's screen; typing, Enter, PF3, PF5,
# Clear; two sessions at once that do not see each other's input;
# "@devnum" device selection; rejection screens (all displays busy, a
# device in use, a device that is not a 3270) and the close after them;
# disconnect and reconnect (device end: the guest repaints); a malformed
# 3270 record and a malformed telnet command close only their connection;
# the 3215 in line mode; a clean shutdown on SIGTERM.
set -u
BUILD=${1:-build}
IPX=$BUILD/interpex
DECK=$BUILD/guest/demo/demo3270.deck
if ! command -v s3270 >/dev/null; then
    echo "run-tn3270-tests: s3270 is not installed (make deps): skipped"
    exit 0
fi
for f in "$IPX" "$DECK"; do
    [ -e "$f" ] || { echo "run-tn3270-tests: $f is missing (make $f)"; exit 1; }
done

TMP=$(mktemp -d /tmp/ipx-tn3270.XXXXXX)
IPX_PID=
cleanup() {
    for p in $(jobs -p); do kill "$p" 2>/dev/null; done
    [ -n "$IPX_PID" ] && kill "$IPX_PID" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT

pass=0; fail=0
check() {       # check NAME CONDITION-STATUS
    if [ "$2" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "  FAIL: $1"; fi
}

# A free port: nothing answers on it (we only ever talk to 127.0.0.1).
PORT=$((30000 + $$ % 20000))
while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done

cat > "$TMP/cfg" <<EOF
# run-tn3270-tests.sh
ARCHMODE ESA/390
MAINSIZE 16M
CNSLPORT 127.0.0.1:$PORT
0009   3215-C
00C0.4 3270
001F   3215
000C   3505 "$PWD/$DECK" ebcdic
EOF
printf 'ipl 000C\n' > "$TMP/rc"
"$IPX" -f "$TMP/cfg" -r "$TMP/rc" </dev/null >"$TMP/log" 2>&1 &
IPX_PID=$!
for i in $(seq 100); do
    grep -q 'demo3270: 4 3270' "$TMP/log" && break
    sleep 0.1
done
grep -q 'demo3270: 4 3270' "$TMP/log"
check "interpex starts, the demonstration finds 4 displays" $?
if [ $fail != 0 ]; then cat "$TMP/log"; exit 1; fi

# ---- s3270 clients ------------------------------------------------------------
# client NAME [s3270 options]: start one, connected to FIFOs.
declare -A W R
client() {
    local name=$1; shift
    mkfifo "$TMP/$name.in" "$TMP/$name.out"
    timeout 120 s3270 "$@" <"$TMP/$name.in" >"$TMP/$name.out" 2>>"$TMP/$name.err" &
    local w r
    exec {w}>"$TMP/$name.in" {r}<"$TMP/$name.out"
    W[$name]=$w
    R[$name]=$r
}
# act NAME ACTION: 0 for ok, 1 for error, 2 for no answer; data lines in DATA.
act() {
    local name=$1 line
    echo "$2" >&"${W[$name]}"
    DATA=
    while IFS= read -r -t 30 line <&"${R[$name]}"; do
        case $line in
        data:*) DATA+="${line#data: }"$'\n' ;;
        ok) return 0 ;;
        error) return 1 ;;
        esac
    done
    return 2
}
# screen_has NAME TEXT [SECONDS]: wait until the screen shows TEXT.
screen_has() {
    local name=$1 text=$2 n=$(( ${3:-10} * 4 ))
    local screen=
    for ((i = 0; i < n; i++)); do
        act "$name" 'Ascii()'
        screen=$DATA
        case $screen in *"$text"*) return 0 ;; esac
        act "$name" 'Wait(0.25,Seconds)'
    done
    echo "  screen of $name (wanted: $text):"
    printf '%s' "$screen" | sed -e 's/ *$//' -e '/^$/d' -e 's/^/    | /'
    return 1
}

client a -model 3279-2
act a "Connect(127.0.0.1:$PORT)";               check "a: connect" $?
screen_has a "interpex 3270 demonstration - display 00C0"; check "a: the guest's screen on 00C0" $?
act a 'Wait(10,InputField)';                     check "a: input field" $?
act a 'String("hello world")';                   check "a: type" $?
act a 'Enter()';                                 check "a: Enter" $?
screen_has a "You typed . . . : hello world";    check "a: echo" $?
screen_has a "Last key  . . . : ENTER";          check "a: key name" $?

# A second session at the same time: the next display, its own input.
client b -model 3278-4
act b "Connect(127.0.0.1:$PORT)";               check "b: connect" $?
screen_has b "display 00C1";                    check "b: gets 00C1" $?
act b 'Wait(10,InputField)'
act b 'String("second terminal")'
act b 'Enter()';                                 check "b: Enter" $?
screen_has b "You typed . . . : second terminal"; check "b: echo" $?
screen_has b "1 on this display, 2 on all 4 displays"; check "b: counts" $?
act a 'Ascii()'
case $DATA in *"hello world"*) r=0 ;; *) r=1 ;; esac
check "a: unaffected by b" $r
act b 'PF(5)'
screen_has b "(PF5 is not used here)";          check "b: PF5" $?

# PF3 says goodbye; Clear starts again.
act a 'PF(3)';                                   check "a: PF3" $?
screen_has a "Goodbye from display 00C0";        check "a: goodbye screen" $?
act a 'Clear()';                                 check "a: Clear" $?
screen_has a "Last key  . . . : CLEAR";          check "a: welcome again after Clear" $?

# "@devnum" picks the display.
client c -model 3279-2
act c "Connect(00C3@127.0.0.1:$PORT)";          check "c: connect to 00C3" $?
screen_has c "display 00C3";                    check "c: on 00C3" $?
client d -model 3279-2
act d "Connect(127.0.0.1:$PORT)"
screen_has d "display 00C2";                    check "d: the last free one, 00C2" $?

# All busy: the rejection screen, then the server closes.
client e -model 3279-2
act e "Connect(127.0.0.1:$PORT)";               check "e: connect" $?
screen_has e "no 3270 display is free";         check "e: rejection screen" $?
act e 'Wait(10,Disconnect)';                    check "e: closed after the rejection" $?
act e "Connect(00C0@127.0.0.1:$PORT)"
screen_has e "device 00C0 is in use";           check "e: device in use" $?
act e 'Wait(10,Disconnect)'
act e "Connect(0009@127.0.0.1:$PORT)"
screen_has e "device 0009 is not a 3270 display"; check "e: not a 3270" $?
act e 'Wait(10,Disconnect)'
act e "Connect(0ABC@127.0.0.1:$PORT)"
screen_has e "device 0ABC does not exist";      check "e: no such device" $?
act e 'Wait(10,Disconnect)'

# Disconnect and reconnect: the display comes on again, device end, the
# guest repaints it with a fresh count.
act a 'Disconnect()';                            check "a: disconnect" $?
for i in $(seq 50); do grep -q "127.0.0.1:[0-9]*: closed: disconnected" "$TMP/log" && break; sleep 0.1; done
act e "Connect(00C0@127.0.0.1:$PORT)";          check "e: reconnect to 00C0" $?
screen_has e "0 on this display";                check "e: 00C0 repainted after reconnect" $?
act e 'Wait(10,InputField)'
act e 'String("back again")'
act e 'Enter()'
screen_has e "You typed . . . : back again";    check "e: input after reconnect" $?

# ---- raw clients: malformed input, line mode -----------------------------------------
act d 'Disconnect()'                             # frees 00C2
sleep 0.3
# Negotiate TN3270 by hand, then send a record with a bad cursor address.
exec {t}<>"/dev/tcp/127.0.0.1/$PORT"
printf '\xff\xfb\x18\xff\xfa\x18\x00IBM-3278-2\xff\xf0\xff\xfb\x19\xff\xfd\x19\xff\xfb\x00\xff\xfd\x00' >&$t
sleep 0.5
printf '\x7d\x7f\x7f\xff\xef' >&$t
for i in $(seq 50); do grep -q "closed: malformed 3270 record" "$TMP/log" && break; sleep 0.1; done
grep -q "closed: malformed 3270 record" "$TMP/log";  check "malformed 3270 record: closed" $?
exec {t}>&-
# A malformed telnet command.
exec {t}<>"/dev/tcp/127.0.0.1/$PORT"
printf '\xff\x10' >&$t
for i in $(seq 50); do grep -q "closed: unknown telnet command" "$TMP/log" && break; sleep 0.1; done
grep -q "closed: unknown telnet command" "$TMP/log";  check "malformed telnet: closed" $?
exec {t}>&-
# The others go on.
act b 'Enter()'
screen_has b "3 on this display";                check "b: still served" $?

# A plain telnet client (refuses TERMINAL-TYPE): the 3215 in line mode.
exec {t}<>"/dev/tcp/127.0.0.1/$PORT"
printf '\xff\xfc\x18' >&$t
timeout 1 cat <&$t >"$TMP/nvt1" 2>/dev/null
grep -q "connected to console 001F" "$TMP/nvt1";    check "NVT: 3215 001F in line mode" $?
exec {u}<>"/dev/tcp/127.0.0.1/$PORT"
printf '\xff\xfc\x18' >&$u
timeout 1 cat <&$u >"$TMP/nvt2" 2>/dev/null
grep -q "no line-mode console (3215) is free" "$TMP/nvt2"; check "NVT: second one rejected" $?
exec {t}>&- {u}>&-

for n in b c e; do act $n 'Quit()'; done

# ---- shutdown ---------------------------------------------------------------------------
kill -TERM "$IPX_PID"
for i in $(seq 50); do kill -0 "$IPX_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$IPX_PID" 2>/dev/null; then r=1; else r=0; fi
check "interpex ends on SIGTERM" $r
wait "$IPX_PID" 2>/dev/null
IPX_PID=
if grep -qiE "sanitizer|runtime error" "$TMP/log"; then
    grep -iE -A20 "sanitizer|runtime error" "$TMP/log" | head -40
    check "no sanitizer reports" 1
fi

echo "tn3270 tests: $pass passed, $fail failed"
[ $fail = 0 ] || { echo "--- interpex log"; cat "$TMP/log"; exit 1; }

#!/bin/bash
# run-sdl-tests.sh BUILD — the SDL2 window on a 3270 display
# (console/sdlwin.c), on a virtual X server (Xvfb).
#
# interpex runs headless (-f CONFIG -r SCRIPT --window DEVNUM </dev/null);
# the script drives the window with the operator command `sdl`: synthetic
# keys and text go through the window's own event handling (`sdl key`,
# `sdl type`), `sdl screenshot FILE.bmp` saves what the window shows and
# says where the screen, its cells and the status line are.  Each picture
# is checked by tests/console/shotcheck.c: cell by cell against the
# characters rendered offscreen in the colour the 3279 shows (a cell must
# also NOT match another character), blank cells black, the cursor.
#
# Checked: without a display the machine runs on, with a message; the
# window's logo before the guest writes (the demonstration program is
# IPLed after the first picture); the demonstration's screen in the base
# colours (protected blue, protected intensified white, the input field
# green) with the block cursor and the status line (device, model,
# cursor position); typing; Enter and the guest's answer; an operator
# error (typing into a protected field: "X Protected" in red) and Reset;
# PA2 (Alt+2); insert mode; PF3; close and open on another display, a
# monochrome 3278 (green, intensified bright green); a resize by the user
# (the font grows); an S/370 program's Erase/Write Alternate on a 3279-5
# (the window becomes 27 x 132); the device detached by the operator
# ("X Not Connected"); bad `sdl` operands; another font (DejaVu Sans
# Mono, the fallback); a clean end on quit and on SIGTERM.
#
# Skipped (exit 0) when Xvfb or the SDL2 development files are missing.
set -u
BUILD=${1:-build}
IPX=$BUILD/interpex
DECK=$BUILD/guest/demo/demo3270.deck
if ! command -v Xvfb >/dev/null; then
    echo "run-sdl-tests: Xvfb is not installed (Debian xvfb, make deps): skipped"
    exit 0
fi
if ! pkg-config --exists sdl2 SDL2_ttf; then
    echo "run-sdl-tests: SDL2 and SDL2_ttf are not installed (make deps): skipped"
    exit 0
fi
for f in "$IPX" "$DECK"; do
    [ -e "$f" ] || { echo "run-sdl-tests: $f is missing (make $f)"; exit 1; }
done

TMP=$(mktemp -d /tmp/ipx-sdl.XXXXXX)
XPID=
IPX_PID=
cleanup() {
    [ -n "$IPX_PID" ] && kill "$IPX_PID" 2>/dev/null
    [ -n "$XPID" ] && kill "$XPID" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT

pass=0; fail=0
check() {       # check NAME STATUS
    if [ "$2" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "  FAIL: $1"; fi
}
has() {         # has FILE TEXT: a line of FILE contains TEXT
    grep -sqF -- "$2" "$1"
}

cc -O2 -Wall -Wextra -o "$TMP/shotcheck" tests/console/shotcheck.c \
    $(pkg-config --cflags --libs sdl2 SDL2_ttf) || { echo "run-sdl-tests: cannot build shotcheck"; exit 1; }

# shot NAME LOG FILE < SPEC: check screenshot FILE, taken by the run whose
# output is LOG, against SPEC (shotcheck.c); the geometry comes from the
# line `sdl screenshot` printed.
shot() {
    local name=$1 log=$2 file=$3 line
    line=$(grep -F "sdl: screenshot $file:" "$log" | tail -1)
    if [ -z "$line" ] || [ ! -s "$file" ]; then
        check "$name: the screenshot $file exists" 1
        cat > /dev/null
        return
    fi
    { echo "$line" | sed -E 's/.*screen at ([0-9]+),([0-9]+), cell ([0-9]+) x ([0-9]+), .*status line at ([0-9]+), font (.*) ([0-9]+) pt$/font \6 \7\ngeom \1 \2 \3 \4\nstatus \5/'
      cat; } > "$TMP/spec"
    "$TMP/shotcheck" "$file" < "$TMP/spec" > "$TMP/shotcheck.out" 2>&1
    local rc=$?
    [ $rc = 0 ] || sed 's/^/    /' "$TMP/shotcheck.out"
    check "$name" $rc
}

WHITE=FFFFFF BLUE=1E90FF GREEN=32CD32 RED=FF0000 MONO=30C040 MONO_BRIGHT=90FF90

cat > "$TMP/cfg" <<EOF
# run-sdl-tests.sh: two displays, the demonstration program in the reader
ARCHMODE ESA/390
MAINSIZE 16M
CNSLPORT 0
0009   3215-C
00C0   3279-2
00C1   3278-2
000C   3505 "$PWD/$DECK" ebcdic
EOF

# ---- 1. No display: the machine runs without the window -------------------------
cat > "$TMP/headless.rc" <<EOF
ipl 000C
pause 1
sdl
sdl screenshot $TMP/none.bmp
quit
EOF
env -u DISPLAY -u WAYLAND_DISPLAY timeout 30 "$IPX" -f "$TMP/cfg" -r "$TMP/headless.rc" \
    --window 00C0 </dev/null >"$TMP/headless.log" 2>&1
rc=$?
has "$TMP/headless.log" "SDL window: no display (neither DISPLAY nor WAYLAND_DISPLAY is set); running without it" &&
has "$TMP/headless.log" "demo3270: 2 3270 display(s)" &&
has "$TMP/headless.log" "sdl: no window: no display" &&
has "$TMP/headless.log" "sdl: no window is open" && [ $rc = 0 ]
r=$?; [ $r = 0 ] || sed 's/^/    | /' "$TMP/headless.log"
check "no display: headless, with a message, exit 0 (exit $rc)" $r

# ---- The X server ---------------------------------------------------------------------
Xvfb -displayfd 3 -screen 0 1600x1200x24 -nolisten tcp 3>"$TMP/display" 2>"$TMP/xvfb.log" &
XPID=$!
for i in $(seq 100); do [ -s "$TMP/display" ] && break; sleep 0.1; done
if [ ! -s "$TMP/display" ]; then
    echo "run-sdl-tests: Xvfb did not start:"; cat "$TMP/xvfb.log"; exit 1
fi
export DISPLAY=:$(head -1 "$TMP/display")
unset WAYLAND_DISPLAY

# ---- 2. The demonstration in the window --------------------------------------------------
S=$TMP/s
cat > "$TMP/main.rc" <<EOF
sdl
sdl screenshot $S-logo.bmp
ipl 000C
pause 2
sdl screenshot $S-demo.bmp
sdl type "hello world"
sdl screenshot $S-typed.bmp
sdl key Return
pause 1
sdl screenshot $S-echo.bmp
sdl key Up
sdl type x
sdl screenshot $S-prot.bmp
sdl key Ctrl+R Alt+2
pause 1
sdl screenshot $S-pa2.bmp
sdl key Insert
sdl screenshot $S-insert.bmp
sdl key F3
pause 1
sdl screenshot $S-bye.bmp
sdl open 00C1
sdl close
sdl open 00C1
pause 1
sdl screenshot $S-mono.bmp
sdl key F5
sdl resize 1300 800
pause 1
sdl screenshot $S-big.bmp
sdl bogus
sdl key NoSuchKey
sdl close
sdl open 0009
sdl open 0FFF
quit
EOF
timeout 60 "$IPX" -f "$TMP/cfg" -r "$TMP/main.rc" --window 00C0 </dev/null >"$TMP/main.log" 2>&1
rc=$?
L=$TMP/main.log
has "$L" "SDL window on 3270 00C0 (font " && has "$L" "sdl: window on 3270 00C0, 24 x 80" && [ $rc = 0 ]
r=$?; [ $r = 0 ] || sed 's/^/    | /' "$L"
check "the window opens on 00C0; quit ends interpex with 0 (exit $rc)" $r
has "$L" "3270-Regular.ttf"
check "the 3270 font (fonts-3270) is used" $?

shot "logo before the guest writes" "$L" "$S-logo.bmp" <<EOF
text 1 31 $WHITE i n t e r p e x
text 3 12 $BLUE 3270 display 00C0, model 2 (24 x 80), colour
text 5 4 $WHITE This display is ready; the program on the machine has not written to it.
blank 6 0 80
text 9 7 $BLUE F1 - F12              PF1 - PF12    Shift+F1 - F12   PF13 - PF24
fill S 0 $BLUE
fill S 2 $BLUE
text S 58 $BLUE 00C0 3279-2
EOF
shot "the demonstration's screen: base colours, cursor, status line" "$L" "$S-demo.bmp" <<EOF
text 0 2 $WHITE interpex 3270 demonstration - display 00C0
blank 0 45 35
text 6 2 $BLUE Type something and press Enter.
blank 6 33 47
text 8 2 $WHITE ===>
fill 8 7 $GREEN
blank 8 8 58
text 10 2 $BLUE You typed . . . :
text 11 2 $BLUE Last key  . . . : (none yet)
blank 15 0 80
text 22 2 $BLUE Enter = send    PF3 = goodbye    Clear = start again
fill S 0 $BLUE
blank S 3 40
text S 58 $BLUE 00C0 3279-2    009/008
EOF
shot "typing into the input field" "$L" "$S-typed.bmp" <<EOF
text 8 7 $GREEN hello world
fill 8 18 $GREEN
text S 73 $BLUE 009/019
EOF
shot "Enter: the guest's answer" "$L" "$S-echo.bmp" <<EOF
text 4 2 $BLUE Interactions  . : 1 on this display, 1 on all 2 displays
text 10 2 $BLUE You typed . . . : hello world
text 11 2 $BLUE Last key  . . . : ENTER
fill 8 7 $GREEN
blank 8 8 30
blank S 8 20
EOF
shot "typing into a protected field: X Protected" "$L" "$S-prot.bmp" <<EOF
text S 8 $RED X Protected
text S 73 $BLUE 008/008
fill 7 7 $BLUE
blank 7 8 20
EOF
shot "Reset, then PA2" "$L" "$S-pa2.bmp" <<EOF
text 10 2 $BLUE You typed . . . : (PA2 is not used here)
text 11 2 $BLUE Last key  . . . : PA2
blank S 8 20
text S 73 $BLUE 009/008
EOF
shot "insert mode" "$L" "$S-insert.bmp" <<EOF
text S 50 $BLUE INS
EOF
shot "PF3: goodbye" "$L" "$S-bye.bmp" <<EOF
text 10 26 $WHITE Goodbye from display 00C0.
text 12 26 $BLUE 3 interactions here.
fill 0 0 $BLUE
blank 0 1 79
EOF
has "$L" "sdl: a window is open already, on 00C0"
check "one window at a time" $?
has "$L" "sdl: window closed"
check "sdl close" $?
has "$L" "SDL window on 3270 00C1"
check "sdl open 00C1" $?
shot "a monochrome 3278: green, intensified bright" "$L" "$S-mono.bmp" <<EOF
text 0 2 $MONO_BRIGHT interpex 3270 demonstration - display 00C1
text 6 2 $MONO Type something and press Enter.
text 8 2 $MONO_BRIGHT ===>
fill 8 7 $MONO
text S 58 $BLUE 00C1 3278-2
EOF
big=$(grep -F "sdl: screenshot $S-big.bmp:" "$L")
case $big in
*"1300 x 800 pixels"*"cell 1"[2-9]" x "*) r=0 ;;
*) r=1; echo "    $big" ;;
esac
check "resized by the user: 1300 x 800, a larger font" $r
shot "the resized window" "$L" "$S-big.bmp" <<EOF
text 0 2 $MONO_BRIGHT interpex 3270 demonstration - display 00C1
text 10 2 $MONO You typed . . . : (PF5 is not used here)
text 11 2 $MONO Last key  . . . : PF5
text S 58 $BLUE 00C1 3278-2
EOF
has "$L" "sdl: expected sdl [status" && has "$L" "sdl: unknown key NoSuchKey" &&
has "$L" "sdl: device 0009 is not a 3270 display" && has "$L" "sdl: there is no device 0FFF"
check "bad sdl operands: errors, interpex goes on" $?

# ---- 3. Erase/Write Alternate: the window follows the screen size ------------------------
# An S/370 program: SIO to 00C0 (again while the device end of the attach
# is pending: BC 7), then a disabled wait.  Its channel program is one
# Erase/Write Alternate (X'0D') with "ALTERNATE SIZE" at (0,2) and "27x132"
# at (26,101), both protected intensified.
cat > "$TMP/cfg370" <<EOF
ARCHMODE S/370
MAINSIZE 2
CNSLPORT 0
0009   3215-C
00C0   3279-5
EOF
cat > "$TMP/alt.rc" <<EOF
sdl screenshot $S-alt0.bmp
r 48=00000300
r 200=9C0000C04770020082000210
r 210=0002000000000000
r 300=0D0004002000001F
r 400=C31140C11DE8C1D3E3C5D9D5C1E3C5
r 40F=40E2C9E9C511F74C1DE8F2F7A7F1F3F2
psw ia=200
start
pause 1
sdl screenshot $S-alt1.bmp
detach 00C0
pause 0.5
sdl screenshot $S-alt2.bmp
quit
EOF
timeout 60 "$IPX" -f "$TMP/cfg370" -r "$TMP/alt.rc" --window 00C0 </dev/null >"$TMP/alt.log" 2>&1
rc=$?
L=$TMP/alt.log
has "$L" "sdl: screenshot $S-alt0.bmp: 888 x 513 pixels" &&
has "$L" "sdl: screenshot $S-alt1.bmp: 1460 x 573 pixels" &&
has "$L" "27 rows x 132 columns" && [ $rc = 0 ]
r=$?; [ $r = 0 ] || sed 's/^/    | /' "$L"
check "Erase/Write Alternate: 24 x 80 (888 x 513) becomes 27 x 132 (1460 x 573)" $r
shot "the logo of a model 5" "$L" "$S-alt0.bmp" <<EOF
text 3 12 $BLUE 3270 display 00C0, model 5 (27 x 132), colour
EOF
shot "the alternate screen" "$L" "$S-alt1.bmp" <<EOF
text 0 2 $WHITE ALTERNATE SIZE
blank 0 16 116
text 26 101 $WHITE 27x132
blank 26 107 25
text S 110 $BLUE 00C0 3279-5    001/001
EOF
shot "the device detached: X Not Connected" "$L" "$S-alt2.bmp" <<EOF
text S 8 $WHITE X Not Connected
text 0 2 $WHITE ALTERNATE SIZE
EOF

# ---- 4. Another font (the fallback when fonts-3270 is missing) --------------------------
DEJAVU=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf
if [ -e "$DEJAVU" ]; then
    printf 'ipl 000C\npause 2\nsdl screenshot %s\nquit\n' "$S-dejavu.bmp" > "$TMP/font.rc"
    INTERPEX_FONT=$DEJAVU timeout 60 "$IPX" -f "$TMP/cfg" -r "$TMP/font.rc" --window 00C0 \
        </dev/null >"$TMP/font.log" 2>&1
    has "$TMP/font.log" "font $DEJAVU 20 pt"
    check "DejaVu Sans Mono instead of the 3270 font" $?
    shot "the demonstration in DejaVu Sans Mono" "$TMP/font.log" "$S-dejavu.bmp" <<EOF
text 0 2 $WHITE interpex 3270 demonstration - display 00C0
text 6 2 $BLUE Type something and press Enter.
fill 8 7 $GREEN
EOF
fi

# ---- 5. SIGTERM with the window open --------------------------------------------------------
timeout 60 "$IPX" -f "$TMP/cfg" --window 00C0 </dev/null >"$TMP/term.log" 2>&1 &
IPX_PID=$!
for i in $(seq 100); do has "$TMP/term.log" "SDL window on 3270 00C0" && break; sleep 0.1; done
kill -TERM "$IPX_PID"
wait "$IPX_PID"
rc=$?
IPX_PID=
[ $rc = 0 ]
r=$?; [ $r = 0 ] || sed 's/^/    | /' "$TMP/term.log"
check "SIGTERM with the window open: exit 0 (exit $rc)" $r

echo "run-sdl-tests: $pass passed, $fail failed"
[ $fail = 0 ]

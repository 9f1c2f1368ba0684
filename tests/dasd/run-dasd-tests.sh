#!/bin/sh
# run-dasd-tests.sh BUILD — DASD and tape images against Hercules' own
# tools (Debian package hercules 3.13), durability under kill -9, damaged
# images, and IPL from FBA and tape.  Needs `make guest-progs` (done by
# `make test`).
#   1. images made by `interpex dasd create` are read by dasdls; copied by
#      dasdcopy -z they are still ours to list and check
#   2. images made by dasdinit (plain, -z, -bz2, -0; CKD and FBA) and
#      dasdload pass `interpex dasd check`, and `ls` finds what dasdls finds
#   3. a guest program writes tracks of a compressed volume: the base stays
#      as it was, and Hercules' cckd2ckd merges our shadow file into the
#      tracks written (cckdcdsk -3 finds the shadow consistent)
#   4. kill -9 in the middle of writing, plain and compressed: every track
#      whole, and the last write the console reported is in the image
#   5. damaged images: a one-line message and exit 2 (or 1 and the bad
#      track for `check`), never a crash
#   6. IPL from an FBA volume and from an AWS tape made by tests/dasd/mkipl.c
#   7. a guest (tests/dasd/dasdpds.c) writes a PDS on a volume made by
#      `interpex dasd create`: dasdcat prints its member, dasdls lists it
#   8. ckd2cckd (zlib, bzip2) of that volume: `interpex dasd cmp` finds
#      every track the same as in the uncompressed original
#   9. IPL from a 3390 volume made by `interpex dasd create` and mkipl ckd
#  10. `interpex dasd create` shows its progress on a terminal only
set -u
BUILD=${1:-build}
IPX=$BUILD/interpex
DW=$BUILD/guest/dasd/dasdwrite.elf
DP=$BUILD/guest/dasd/dasdpds.elf
G=$BUILD/guest/tests
TMP=$(mktemp -d /tmp/ipx-dasd.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
pass=0; fail=0

cc -O2 -Wall -Wextra -o "$TMP/mkipl" tests/dasd/mkipl.c || exit 1
cc -O2 -Wall -Wextra -o "$TMP/ckgen" tests/dasd/ckgen.c || exit 1
for tool in dasdinit dasdls dasdload dasdcopy cckd2ckd cckdcdsk dasdcat ckd2cckd; do
    command -v $tool >/dev/null || { echo "FAIL dasd tests: $tool (Debian package hercules) is missing"; exit 1; }
done

result() {  # NAME OK(0/1) [OUTPUT-FILE]
    if [ "$2" = 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL dasd test $1"
        [ -n "${3:-}" ] && [ -f "$3" ] && sed 's/^/    /' "$3" | head -20
    fi
}
has() { grep -qF -- "$2" "$1"; }

# 1. Ours, read by Hercules.
"$IPX" dasd create 3390 "$TMP/a.3390" --cyls 10 --volser IPX001 > "$TMP/o1" 2>&1
dasdls "$TMP/a.3390" >> "$TMP/o1" 2>&1
ok=0; has "$TMP/o1" "VOLSER=IPX001" && ! has "$TMP/o1" "not found" && ok=1
result "dasdls reads a volume made by interpex dasd create" $ok "$TMP/o1"
dasdcopy -q -z "$TMP/a.3390" "$TMP/a.cckd" > "$TMP/o2" 2>&1
"$IPX" dasd check "$TMP/a.cckd" >> "$TMP/o2" 2>&1 && "$IPX" dasd ls "$TMP/a.cckd" >> "$TMP/o2" 2>&1
ok=0; [ $? = 0 ] && has "$TMP/o2" "0 bad tracks" && has "$TMP/o2" "volume: IPX001" && ok=1
result "dasdcopy -z of our volume checks and lists" $ok "$TMP/o2"
"$IPX" dasd create 3370 "$TMP/a.3370" --blocks 3000 --volser FBA001 > "$TMP/o3" 2>&1
dasdcopy -q -z "$TMP/a.3370" "$TMP/a.cfba" >> "$TMP/o3" 2>&1
"$IPX" dasd ls "$TMP/a.cfba" >> "$TMP/o3" 2>&1
ok=0; has "$TMP/o3" "compressed FBA image, 3000 blocks" && has "$TMP/o3" "volume: FBA001" && ok=1
result "dasdcopy -z of our FBA volume lists" $ok "$TMP/o3"

# 2. Hercules', read by us.
n=0
for spec in "3390 -" "3390 -z" "3380 -bz2" "3350 -0" "3370 -" "3370 -z"; do
    set -- $spec
    n=$((n + 1)); img=$TMP/h$n.img; opt=$2; [ "$opt" = - ] && opt=
    size=3; [ "$1" = 3370 ] && size=2000
    dasdinit $opt "$img" "$1" HRC00$n $size > "$TMP/o4" 2>&1
    "$IPX" dasd check "$img" >> "$TMP/o4" 2>&1; rc=$?
    "$IPX" dasd ls "$img" >> "$TMP/o4" 2>&1
    ok=0; [ $rc = 0 ] && has "$TMP/o4" "volume: HRC00$n" && ok=1
    result "dasdinit $opt $1 image passes check and ls" $ok "$TMP/o4"
done
for i in $(seq 1 60); do printf '%-80s' "RECORD $i"; done > "$TMP/data.txt"
cat > "$TMP/load.ctl" <<EOF
DLD001 3390 10
SYS1.TESTSEQ SEQ $TMP/data.txt TRK 2 1 0 PS FB 80 3120
USER.EMPTY EMPTY CYL 1 0 0 PS FB 80 800
EOF
dasdload -z "$TMP/load.ctl" "$TMP/dl.3390" > "$TMP/o5" 2>&1
"$IPX" dasd check "$TMP/dl.3390" >> "$TMP/o5" 2>&1; rc=$?
"$IPX" dasd ls "$TMP/dl.3390" > "$TMP/ls5" 2>&1
dasdls "$TMP/dl.3390" 2>/dev/null | awk 'NR > 1 && NF { print $1 }' > "$TMP/names.herc"
awk '/DSORG=/ { print $1 }' "$TMP/ls5" > "$TMP/names.ipx"
ok=0; [ $rc = 0 ] && [ -s "$TMP/names.herc" ] && cmp -s "$TMP/names.herc" "$TMP/names.ipx" &&
    has "$TMP/ls5" "SYS1.TESTSEQ" && has "$TMP/ls5" "RECFM=FB LRECL=80 BLKSIZE=3120" && ok=1
cat "$TMP/ls5" "$TMP/names.herc" >> "$TMP/o5"
result "dasdload volume: check, and ls lists what dasdls lists" $ok "$TMP/o5"

# 3. Writes to a compressed volume go to the shadow file.
dasdinit -z "$TMP/c.3390" 3390 CMP001 3 > /dev/null 2>&1
cp "$TMP/c.3390" "$TMP/c.orig"
"$IPX" run --dasd 0120:"$TMP/c.3390" --max-insns 2000000 "$DW" > "$TMP/o6" 2>&1
last=$(grep '^GEN' "$TMP/o6" | tail -1)
cp "$TMP/c.3390.shadow" "$TMP/c_1.sf"       # Hercules: shadow 1 of sf=c_1.sf
cckd2ckd -q "$TMP/c.3390" sf="$TMP/c_1.sf" "$TMP/merged.3390" >> "$TMP/o6" 2>&1
set -- $last
ok=0; [ -n "$last" ] && cmp -s "$TMP/c.3390" "$TMP/c.orig" &&
    "$TMP/ckgen" "$TMP/merged.3390" "$2" "$4" >> "$TMP/o6" 2>&1 &&
    cckdcdsk -3 "$TMP/c_1.sf" >> "$TMP/o6" 2>&1 && ok=1
result "writes to a CCKD volume: base untouched, cckd2ckd merges our shadow" $ok "$TMP/o6"

# 4. kill -9 while a guest writes: nothing reported written is lost, no
#    track is torn.  Once on a plain volume (write-ahead file), once on a
#    compressed one (shadow file).
killtest() {  # NAME IMAGE DELAY
    : > "$TMP/k.out"            # before grep looks at it
    "$IPX" run --dasd 0120:"$2" "$DW" > "$TMP/k.out" 2>&1 &
    pid=$!
    # Kill it once every head has been written more than once (20 lines),
    # however loaded the machine; at most about 30 s.  (ckgen is right
    # about an earlier kill too: a head never written is one no line
    # named.)
    i=0
    while [ $i -lt 1500 ] && [ "$(grep -c '^GEN' "$TMP/k.out")" -lt 20 ]; do sleep 0.02; i=$((i + 1)); done
    sleep "$3"
    kill -9 $pid
    wait $pid 2>/dev/null
    last=$(grep '^GEN' "$TMP/k.out" | tail -1)
    # Open it again (a write-ahead entry is finished), then look.
    "$IPX" run --dasd 0120:"$2" --max-insns 1 "$DW" > /dev/null 2>&1
    set -- "$1" "$2" $last
    echo "killed after: $last" > "$TMP/k.res"
    if [ "${2%.3390}" != "$2" ]; then
        img=$2
    else
        cp "$2.shadow" "$TMP/k_1.sf"
        rm -f "$TMP/km.3390"
        cckd2ckd -q "$2" sf="$TMP/k_1.sf" "$TMP/km.3390" >> "$TMP/k.res" 2>&1
        img=$TMP/km.3390
    fi
    ok=0; [ -n "$last" ] && "$TMP/ckgen" "$img" "$4" "$6" >> "$TMP/k.res" 2>&1 &&
        "$IPX" dasd check "$2" >> "$TMP/k.res" 2>&1 && [ ! -e "$2.ipxj" ] && ok=1
    result "$1" $ok "$TMP/k.res"
}
"$IPX" dasd create 3390 "$TMP/k.3390" --cyls 3 --volser KILL01 > /dev/null
killtest "kill -9 during writes to a plain CKD volume" "$TMP/k.3390" 0.3
killtest "kill -9 again, later" "$TMP/k.3390" 0.6
dasdinit -z "$TMP/k.cckd" 3390 KILL02 3 > /dev/null 2>&1
killtest "kill -9 during writes to a compressed volume" "$TMP/k.cckd" 0.4

# 5. Damaged images.
damaged() {  # NAME FILE EXPECTED-EXIT [TEXT]
    "$IPX" dasd check "$2" > "$TMP/d.out" 2> "$TMP/d.err"; rc=$?
    "$IPX" run --dasd 0120:"$2" --max-insns 1 "$DW" > /dev/null 2> "$TMP/d.err2"; rc2=$?
    ok=0
    if [ "$3" = 2 ]; then
        [ $rc = 2 ] && [ $rc2 = 2 ] && [ "$(wc -l < "$TMP/d.err")" = 1 ] &&
            [ "$(wc -l < "$TMP/d.err2")" = 1 ] && has "$TMP/d.err" "$2" && ok=1
    else
        [ $rc = 1 ] && [ $rc2 -lt 128 ] && has "$TMP/d.out" "$4" && ok=1
    fi
    cat "$TMP/d.out" "$TMP/d.err" "$TMP/d.err2" > "$TMP/d.all"
    result "$1" $ok "$TMP/d.all"
}
head -c 1000 "$TMP/a.3390" > "$TMP/trunc.3390"
damaged "truncated CKD image" "$TMP/trunc.3390" 2
{ head -c 8 "$TMP/a.3390"; head -c 600000 /dev/zero; } > "$TMP/geom.3390"
damaged "CKD header with no heads" "$TMP/geom.3390" 2
head -c 700 "$TMP/c.orig" > "$TMP/trunc.cckd"
damaged "truncated compressed image" "$TMP/trunc.cckd" 2
head -c 1000 /dev/urandom > "$TMP/random.img"
damaged "random bytes" "$TMP/random.img" 2
cp "$TMP/c.3390.shadow" "$TMP/shadow.img"
damaged "a shadow file given as the image" "$TMP/shadow.img" 2
cp "$TMP/a.3390" "$TMP/bad.3390"
printf 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' |
    dd of="$TMP/bad.3390" bs=1 seek=$((512 + 17 * 56832 + 5)) conv=notrunc 2>/dev/null
damaged "a damaged track is named by check" "$TMP/bad.3390" 1 "cyl 1 head 2:"
printf 'not a tape at all' > "$TMP/bad.aws"
"$IPX" run --tape 0580:"$TMP/bad.aws" --max-insns 1 "$DW" > /dev/null 2> "$TMP/t.err"; rc=$?
ok=0; [ $rc = 2 ] && has "$TMP/t.err" "not an AWS tape file" && ok=1
result "a file that is not an AWS tape" $ok "$TMP/t.err"

# 6. IPL from FBA and from tape.
"$TMP/mkipl" fba "$G/console_hello.bin" "$TMP/ipl.fba"
"$IPX" run --deterministic --dasd 0200:"$TMP/ipl.fba" --ipl 200 > "$TMP/o7" 2>&1; rc=$?
ok=0; [ $rc = 0 ] && has "$TMP/o7" "HELLO FROM THE 3215" && ok=1
result "IPL console_hello from an FBA volume" $ok "$TMP/o7"
"$TMP/mkipl" tape "$G/console_hello.bin" "$TMP/ipl.aws"
"$IPX" run --deterministic --tape 0580:"$TMP/ipl.aws" --ipl 580 > "$TMP/o8" 2>&1; rc=$?
ok=0; [ $rc = 0 ] && has "$TMP/o8" "HELLO FROM THE 3215" && ok=1
result "IPL console_hello from an AWS tape" $ok "$TMP/o8"
"$TMP/mkipl" tape --arch s370 "$G/io_s370.bin" "$TMP/s370.aws"
"$IPX" run --arch s370 --deterministic --tape 0181:"$TMP/s370.aws" --ipl 181 > "$TMP/o9" 2>&1; rc=$?
ok=0; [ $rc = 0 ] && has "$TMP/o9" "S/370 CHANNEL I/O OK" && ok=1
result "IPL io_s370 (S/370) from an AWS tape" $ok "$TMP/o9"

# 7. A data set written by a guest, read by Hercules' dasdcat (which reads
#    members of partitioned data sets only; Hercules 3.13's dasdcat exits 1
#    even when it has printed the member, so the output is what counts).
"$IPX" dasd create 3390 "$TMP/pds.3390" --cyls 3 --volser PDS001 > "$TMP/o10" 2>&1
cp "$TMP/pds.3390" "$TMP/empty.3390"
"$IPX" run --dasd 0120:"$TMP/pds.3390" --max-insns 50000000 "$DP" >> "$TMP/o10" 2>&1; rc=$?
dasdcat -i "$TMP/pds.3390" IPX.TEST.PDS/HELLO:c > "$TMP/cat" 2>> "$TMP/o10"
i=0; : > "$TMP/cat.want"
while [ $i -lt 25 ]; do
    i=$((i + 1)); printf 'LINE %02d OF MEMBER HELLO, WRITTEN BY AN INTERPEX GUEST\n' $i >> "$TMP/cat.want"
done
cat "$TMP/cat" >> "$TMP/o10"
ok=0; [ $rc = 0 ] && has "$TMP/o10" "PDS WRITTEN" && cmp -s "$TMP/cat" "$TMP/cat.want" && ok=1
result "dasdcat prints a PDS member a guest wrote on our volume" $ok "$TMP/o10"
dasdls "$TMP/pds.3390" > "$TMP/o11" 2>&1
"$IPX" dasd ls "$TMP/pds.3390" >> "$TMP/o11" 2>&1
"$IPX" dasd check "$TMP/pds.3390" >> "$TMP/o11" 2>&1; rc=$?
ok=0; [ $rc = 0 ] && [ "$(grep -c '^IPX.TEST.PDS' "$TMP/o11")" = 2 ] &&
    has "$TMP/o11" "DSORG=PO RECFM=FB LRECL=80 BLKSIZE=800 EXTENTS=1 TRACKS=15" && ok=1
result "dasdls and interpex dasd ls list the PDS" $ok "$TMP/o11"

# 8. Compressed by Hercules, every track reads back the same.
for z in -z -bz2; do
    ckd2cckd -q $z "$TMP/pds.3390" "$TMP/pds$z.cckd" > "$TMP/o12" 2>&1
    "$IPX" dasd cmp "$TMP/pds.3390" "$TMP/pds$z.cckd" >> "$TMP/o12" 2>&1; rc=$?
    ok=0; [ $rc = 0 ] && has "$TMP/o12" "45 tracks compared: 0 differ" && ok=1
    result "ckd2cckd $z: every track as in the original" $ok "$TMP/o12"
done
"$IPX" dasd cmp "$TMP/empty.3390" "$TMP/pds-z.cckd" > "$TMP/o13" 2>&1; rc=$?
ok=0; [ $rc = 1 ] && has "$TMP/o13" "cyl 0 head 1 differs" && has "$TMP/o13" "cyl 1 head 1 differs" &&
    has "$TMP/o13" "3 differ" && ok=1
result "dasd cmp names the tracks the guest wrote" $ok "$TMP/o13"

# 9. IPL from a 3390 volume.  The program is padded to four records (three
#    tracks of 32K and one short) with a marker at its end.
size=$(wc -c < "$G/console_hello.bin")
{ cat "$G/console_hello.bin"; head -c $((100000 - 16 - size)) /dev/zero
  printf '\001\043\105\147\211\253\315\357\376\334\272\230\166\124\062\020'; } > "$TMP/big.bin"
"$IPX" dasd create 3390 "$TMP/ipl.3390" --cyls 2 --volser IPL390 > "$TMP/o14" 2>&1
"$TMP/mkipl" ckd "$TMP/big.bin" "$TMP/ipl.3390" >> "$TMP/o14" 2>&1
"$IPX" run --deterministic --dasd 0120:"$TMP/ipl.3390" --ipl 0120 --dump 28690:10 >> "$TMP/o14" 2>&1; rc=$?
"$IPX" dasd ls "$TMP/ipl.3390" >> "$TMP/o14" 2>&1
ok=0; [ $rc = 0 ] && has "$TMP/o14" "HELLO FROM THE 3215" && has "$TMP/o14" "volume: IPL390" &&
    has "$TMP/o14" "STORAGE 00028690 01234567 89ABCDEF FEDCBA98 76543210" && ok=1
result "IPL console_hello from a 3390 volume" $ok "$TMP/o14"

# 10. Progress: nothing on stderr that is not a terminal; on one (script(1)
#     gives a pseudo-terminal) a line rewritten in place up to 100%.
"$IPX" dasd create 3390 "$TMP/big.3390" --cyls 50 > "$TMP/o15" 2> "$TMP/e15"; rc=$?
ok=0; [ $rc = 0 ] && [ ! -s "$TMP/e15" ] && has "$TMP/o15" "50 cylinders" && ok=1
result "dasd create: no progress when stderr is not a terminal" $ok "$TMP/e15"
if command -v script > /dev/null; then
    rm -f "$TMP/big.3390"
    script -q -e -c "'$IPX' dasd create 3390 '$TMP/big.3390' --cyls 50 > '$TMP/o16'" \
        "$TMP/tty16" < /dev/null > /dev/null 2>&1; rc=$?
    ok=0; [ $rc = 0 ] && has "$TMP/tty16" "100% (cylinder 50 of 50)" &&
        [ "$(tr '\r' '\n' < "$TMP/tty16" | grep -c '% (cylinder')" -ge 10 ] &&
        ! has "$TMP/o16" "%" && ok=1
    result "dasd create: progress on a terminal" $ok "$TMP/tty16"
else
    echo "skip dasd test: progress on a terminal (no script(1))"
fi
rm -f "$TMP/big.3390"

echo "dasd tests: $pass passed, $fail failed"
[ $fail = 0 ]

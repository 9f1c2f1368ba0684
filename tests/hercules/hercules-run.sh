#!/bin/sh
# hercules-run.sh — run one program on Debian's Hercules 3.13, unattended,
# and print PSW, GRs and storage in the format of `interpex run`.
#
#   hercules-run.sh [--arch esa390|s370] [--mainsize MB] [--timeout S]
#                   [--dump HEXADDR:HEXLEN]... (--origin HEX FILE | --core FILE | FILE.elf)
#
# A flat FILE is loaded at --origin and started there through the restart
# new PSW (written at absolute 0; Hercules stores the restart old PSW at 8,
# so locations 0-15 differ from an `interpex run` and are not worth
# comparing).  An ELF file is turned into a flat image with objcopy.
# --core FILE loads FILE at 0 and restarts, exactly as `interpex run --core`.
# The recipe (daemon mode, HERCULES_RC script, `sh` to wait, `quit`) is
# documented in docs/testing.md.
#
# Exit: 0 disabled wait with address 0, 1 other disabled wait, 2 usage,
#       3 no disabled wait before the timeout, 5 Hercules missing.
set -u
arch=esa390; mainsize=16; timeout=20; origin=; core=; file=; dumps=
while [ $# -gt 0 ]; do
    case "$1" in
    --arch) arch=$2; shift 2 ;;
    --mainsize) mainsize=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --dump) dumps="$dumps $2"; shift 2 ;;
    --origin) origin=$2; shift 2 ;;
    --core) core=$2; shift 2 ;;
    -*) echo "hercules-run: unknown option $1" >&2; exit 2 ;;
    *) file=$1; shift ;;
    esac
done
command -v hercules >/dev/null 2>&1 || { echo "hercules-run: hercules is not installed" >&2; exit 5; }
case $arch in
    esa390) archmode=ESA/390 ;;
    s370) archmode=S/370 ;;
    *) echo "hercules-run: --arch $arch: expected esa390 or s370" >&2; exit 2 ;;
esac
[ "$mainsize" -ge 2 ] 2>/dev/null || mainsize=2   # Hercules 3.13 needs >= 2M

tmp=$(mktemp -d /tmp/ipx-herc.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
log=$tmp/log

if [ -n "$core" ]; then
    cp "$core" "$tmp/prog.bin"; loadaddr=0; start_psw=
elif [ -n "$file" ] && head -c4 "$file" | grep -q 'ELF'; then
    s390x-linux-gnu-objcopy -O binary "$file" "$tmp/prog.bin"
    loadaddr=$(s390x-linux-gnu-readelf -lW "$file" | awk '$1=="LOAD"{print $4; exit}' | sed 's/0x//')
    origin=$(s390x-linux-gnu-readelf -hW "$file" | awk '/Entry point/{print $4}' | sed 's/0x//')
    start_psw=yes
elif [ -n "$file" ] && [ -n "$origin" ]; then
    cp "$file" "$tmp/prog.bin"; loadaddr=$origin; start_psw=yes
else
    echo "hercules-run: give --origin HEX FILE, --core FILE or FILE.elf" >&2; exit 2
fi

cat > "$tmp/cfg" <<CFG
ARCHMODE $archmode
MAINSIZE $mainsize
NUMCPU 1
PANRATE SLOW
000E 1403 $tmp/printer.txt
CFG

cat > "$tmp/waitfor.sh" <<WAIT
#!/bin/sh
n=0
while ! grep -q 'HHCCP011I' "$log" 2>/dev/null; do
    sleep 0.002; n=\$((n + 1)); [ \$n -gt $((timeout * 500)) ] && break
done
date +%s.%N > "$tmp/t1"
WAIT
chmod +x "$tmp/waitfor.sh"

{
    echo "sysclear"
    echo "archmode $archmode"
    echo "loadcore $tmp/prog.bin $loadaddr"
    if [ -n "$start_psw" ]; then
        o=$(printf '%08X' "0x$origin")
        if [ "$arch" = esa390 ]; then
            echo "r 0=00080000$(printf '%08X' $((0x80000000 | 0x$origin)))"
        else
            echo "r 0=00000000$o"
        fi
    fi
    echo "sh date +%s.%N > $tmp/t0"
    echo "restart"
    echo "sh $tmp/waitfor.sh"
    echo "gpr"
    echo "psw"
    for d in $dumps; do
        a=${d%%:*}; l=${d##*:}
        echo "r $a.$l"
    done
    echo "quit"
} > "$tmp/rc"

# Under a heavily loaded machine Hercules has been seen to print the
# registers while the CPU was still running (the `sh` wait returned early):
# the PSW then has no wait bit.  Run again, at most three times.
for attempt in 1 2 3; do
    HERCULES_RC=$tmp/rc timeout $((timeout + 30)) hercules -f "$tmp/cfg" -d </dev/null >"$log" 2>&1
    w=$(awk '/^PSW=/ { p = substr($1, 5) } END { print p }' "$log")
    [ -n "$w" ] && [ $((0x$w & 0x00020000)) -ne 0 ] && break
    grep -q 'HHCCP011I' "$log" || break          # a real timeout: no retry
done

awk -v dumps="$dumps" '
function hex2dec(h,   i, v, c) { v = 0; h = toupper(h)
    for (i = 1; i <= length(h); i++) { c = index("0123456789ABCDEF", substr(h, i, 1)) - 1; v = v * 16 + c }
    return v }
/^PSW=/ { psw = $0 }
/^GR[0-9][0-9]=/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); gr[substr(kv[1], 3) + 0] = kv[2] } }
/^R:[0-9A-F]+:K:/ {
    addr = hex2dec(substr($0, 3, 8))
    rest = substr($0, index($0, "=") + 1)
    hexpart = substr(rest, 1, 35); gsub(/ /, "", hexpart)
    for (i = 0; i < length(hexpart) / 2; i++) mem[addr + i] = substr(hexpart, 2 * i + 1, 2)
}
END {
    if (psw == "") { print "hercules-run: no PSW in the Hercules log" > "/dev/stderr"; exit 4 }
    print psw
    for (i = 0; i < 16; i++) printf "GR%02d=%s%s", i, gr[i], (i % 4 == 3) ? "\n" : " "
    n = split(dumps, ds, " ")
    for (k = 1; k <= n; k++) {
        split(ds[k], al, ":"); a = hex2dec(al[1]); l = hex2dec(al[2])
        for (off = 0; off < l; off += 16) {
            line = sprintf("STORAGE %08X", a + off)
            for (w = 0; w < 16 && off + w < l; w += 4) {
                line = line " "
                for (b = 0; b < 4 && off + w + b < l; b++) {
                    x = a + off + w + b
                    line = line ((x in mem) ? mem[x] : "--")
                }
            }
            print line
        }
    }
}' "$log" || { cat "$log" >&2; exit 4; }

if [ -f "$tmp/t0" ] && [ -f "$tmp/t1" ]; then
    awk -v a="$(cat "$tmp/t0")" -v b="$(cat "$tmp/t1")" 'BEGIN { printf "ELAPSED_S=%.6f\n", b - a }'
fi
grep -q 'HHCCP011I' "$log" || { echo "hercules-run: no disabled wait within ${timeout}s" >&2; exit 3; }
ia=$(awk '/^PSW=/ { p = $2 } END { print p }' "$log")
case $arch in esa390) mask=7FFFFFFF ;; *) mask=00FFFFFF ;; esac
[ $((0x$ia & 0x$mask)) -eq 0 ] && exit 0
exit 1

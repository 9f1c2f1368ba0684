#!/bin/sh
# hercules-batch.sh — run many flat core images in ONE Hercules 3.13 session
# (Hercules takes a good part of a second to start; a program here takes
# milliseconds), and print, for each, the lines `interpex run` prints.
#
#   hercules-batch.sh [--timeout S] JOBFILE
#
# JOBFILE has one job per line:   NAME ARCH MAINSIZE_MB CORE DUMPS
#   ARCH esa390 or s370, the same on every line; MAINSIZE_MB the same on
#   every line; CORE a flat image loaded at absolute 0 and started through
#   the restart new PSW (as `interpex run --core` and `hercules-run.sh
#   --core` do); DUMPS comma-separated HEXADDR:HEXLEN, or "-".
#
# Output, per job in the order of JOBFILE:
#   === NAME
#   PSW=... / GRnn=... / STORAGE ...   (the format of `interpex run`)
# or "=== NAME" and "NOWAIT" when the program did not reach a disabled wait
# within S seconds (default 5), or "BATCHERROR" when Hercules would not
# load it in 4 tries.
#
# How (docs/testing.md "Running Hercules unattended"): one config, one rc
# script with `ostailor quiet` (no log lines for program interruptions),
# then per job a comment line "* JOB NAME" (Hercules echoes it, so it
# marks the job in the log), sysclear, loadcore, restart, a shell step that
# polls the end of the log for HHCCP011I (disabled wait) after that marker,
# then gpr, psw and the storage displays (`r` shows at most about 16000
# bytes, so dumps go in 4K pieces); `quit` at the end.  Hercules 3.13 puts
# the CPU in the stopped state at a disabled wait, so the next sysclear and
# loadcore are accepted; after a program that never waits they are
# rejected (HHCPN053E), so the jobs after a NOWAIT run again in a new
# session, and so does a job whose sysclear came (rarely) too early.
# HBATCH_KEEP=1 keeps the temporary directory (config, rc, log).
# Exit: 0 ran (whatever the programs did), 2 usage, 5 Hercules missing.
set -u
timeout=5
while [ $# -gt 0 ]; do
    case "$1" in
    --timeout) timeout=$2; shift 2 ;;
    -*) echo "hercules-batch: unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
done
[ $# -eq 1 ] && [ -r "$1" ] || { echo "usage: hercules-batch.sh [--timeout S] JOBFILE" >&2; exit 2; }
jobs=$1
command -v hercules >/dev/null 2>&1 || { echo "hercules-batch: hercules is not installed" >&2; exit 5; }

read -r _ arch mainsize _ _ < "$jobs" || { echo "hercules-batch: empty job file" >&2; exit 2; }
case $arch in
    esa390) archmode=ESA/390 ;;
    s370) archmode=S/370 ;;
    *) echo "hercules-batch: arch $arch: expected esa390 or s370" >&2; exit 2 ;;
esac
[ "$mainsize" -ge 2 ] 2>/dev/null || mainsize=2   # Hercules 3.13 needs >= 2M

tmp=$(mktemp -d /tmp/ipx-hbatch.XXXXXX)
[ -n "${HBATCH_KEEP:-}" ] && echo "hercules-batch: keeping $tmp" >&2 || trap 'rm -rf "$tmp"' EXIT
log=$tmp/log

cat > "$tmp/cfg" <<CFG
ARCHMODE $archmode
MAINSIZE $mainsize
NUMCPU 1
PANRATE SLOW
000E 1403 $tmp/printer.txt
CFG

# waitfor.sh NAME: poll until HHCCP011I and its second line (the PSW, which
# the CPU thread writes separately: a gpr issued before it may be cut in
# two) follow the "* JOB NAME" line, or a rejected sysclear/loadcore.
cat > "$tmp/waitfor.sh" <<WAIT
#!/bin/sh
n=0
while :; do
    tail -c 65536 "$log" 2>/dev/null | awk -v m="* JOB \$1" '\$0 == m { f = 1; if (m == "* JOB --end--") w = 1; next } f && /HHCPN053E|HHCPN111E/ { w = 1 } f && /HHCCP011I/ { h = 1; next } h && /^ +PSW=/ { w = 1 } END { exit !w }' && exit 0
    n=\$((n + 1)); [ \$n -gt $((timeout * 20 + 100)) ] && exit 1
    if [ \$n -lt 100 ]; then sleep 0.004; else sleep 0.05; fi
done
WAIT
chmod +x "$tmp/waitfor.sh"

# session JOBFILE: one Hercules run, the jobs' blocks on stdout.
session() {
{
    echo "ostailor quiet"
    while read -r name jarch jmain core dumps; do
        [ -n "$name" ] || continue
        if [ "$jarch" != "$arch" ] || [ "$jmain" != "$mainsize" ]; then
            echo "hercules-batch: $name: every job must have arch $arch and mainsize $mainsize" >&2
            exit 2
        fi
        echo "* JOB $name"
        echo "sysclear"
        echo "loadcore $core 0"
        echo "restart"
        echo "sh $tmp/waitfor.sh $name"
        echo "gpr"
        echo "psw"
        [ "$dumps" = "-" ] && continue
        for d in $(echo "$dumps" | tr ',' ' '); do
            a=$((0x${d%%:*})); l=$((0x${d##*:}))
            while [ "$l" -gt 0 ]; do
                n=$l; [ $n -gt 4096 ] && n=4096
                printf 'r %X.%X\n' "$a" "$n"
                a=$((a + n)); l=$((l - n))
            done
        done
    done < "$1"
    echo "* JOB --end--"
    echo "sh $tmp/waitfor.sh --end--"     # the log holds everything before quit
    echo "quit"
} > "$tmp/rc" || exit 2

HERCULES_RC=$tmp/rc timeout 3600 hercules -f "$tmp/cfg" -d </dev/null >"$log" 2>&1

# Split the log at the markers and print each job like `interpex run`.
awk -v jobsfile="$1" '
function hex2dec(h,   i, v, c) { v = 0; h = toupper(h)
    for (i = 1; i <= length(h); i++) { c = index("0123456789ABCDEF", substr(h, i, 1)) - 1; v = v * 16 + c }
    return v }
function flush(   i, k, n, ds, al, a, l, off, line, w, b, x) {
    if (cur == "" || cur == "--end--") return
    print "=== " cur
    if (rejected) { print "BATCHERROR"; return }
    if (!waited || psw == "") { print "NOWAIT"; return }
    print psw
    for (i = 0; i < 16; i++) printf "GR%02d=%s%s", i, gr[i], (i % 4 == 3) ? "\n" : " "
    n = split(dumps[cur], ds, ",")
    for (k = 1; k <= n; k++) {
        if (ds[k] == "-") continue
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
}
BEGIN { while ((getline ln < jobsfile) > 0) { split(ln, f, " "); if (f[1] != "") dumps[f[1]] = f[5] } }
/^\* JOB / { flush(); cur = substr($0, 7); waited = 0; rejected = 0; psw = ""; delete gr; delete mem; next }
/HHCCP011I/ { waited = 1 }
/HHCPN053E|HHCPN111E/ { rejected = 1 }
/^PSW=/ { psw = $0 }
/^GR[0-9][0-9]=/ { for (i = 1; i <= NF; i++) if (split($i, kv, "=") == 2 && kv[2] ~ /^[0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F]$/) gr[substr(kv[1], 3) + 0] = kv[2] }
/^R:[0-9A-F]+:K:/ {
    addr = hex2dec(substr($0, 3, 8))
    rest = substr($0, index($0, "=") + 1)
    hexpart = substr(rest, 1, 35); gsub(/ /, "", hexpart)
    for (i = 0; i < length(hexpart) / 2; i++) mem[addr + i] = substr(hexpart, 2 * i + 1, 2)
}
END { flush() }' "$log"
}

# Run the jobs.  A job whose sysclear or loadcore was rejected (BATCHERROR:
# rarely the CPU is not yet in the stopped state after its disabled wait)
# runs again, and so does every job after a NOWAIT (the CPU is still
# running, so the rest of that session is lost); at most 4 rounds.
mkdir "$tmp/res"
todo=$jobs
round=0
while [ -s "$todo" ] && [ $round -lt 4 ]; do
    session "$todo" > "$tmp/out"
    awk -v d="$tmp/res" '/^=== / { f = d "/" $2; printf "" > f; next } { print > f }' "$tmp/out"
    awk -v d="$tmp/res" '
        FNR == NR { if ($0 ~ /^=== /) { n = $2 } else if ($0 == "NOWAIT" && lost == "") { lost = n } else if ($0 == "BATCHERROR") { again[n] = 1 }
                    if ($0 ~ /^=== /) seen[$2] = 1; next }
        { if (past || again[$1] || !seen[$1]) print; if ($1 == lost) past = 1 }' "$tmp/out" "$todo" > "$tmp/todo.next"
    mv "$tmp/todo.next" "$tmp/todo"
    todo=$tmp/todo
    round=$((round + 1))
done
while read -r name _; do
    [ -n "$name" ] || continue
    echo "=== $name"
    if [ -f "$tmp/res/$name" ]; then cat "$tmp/res/$name"; else echo "BATCHERROR"; fi
done < "$jobs"
exit 0

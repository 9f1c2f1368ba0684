# normalize.awk — what run-random-diff.sh compares: the output lines of
# `interpex run` / hercules-batch.sh, with one field masked.
#
# S/370 BC mode: bits 32-33 of the current PSW are the ILC; after LPSW of
# the final wait PSW Hercules displays the length of the LPSW there
# (X'80000000'), interpex the bits as loaded.  Not a deviation: "the ILC
# is unpredictable ... when the PSW is displayed" (GA22-7000-4 ch. 4,
# "Instruction-length code").  Masked here.
/^PSW=/ {
    w0 = substr($1, 5); w1 = $2
    if (index("01234567", substr(w0, 4, 1)) > 0) {     # bit 12 (EC) is zero
        d = index("0123456789ABCDEF", substr(w1, 1, 1)) - 1
        w1 = substr("0123012301230123", d + 1, 1) substr(w1, 2)
    }
    print "PSW=" w0 " " w1
    next
}
{ print }

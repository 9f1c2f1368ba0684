/*
 * op_cpu.c — operator commands on the CPU: ipl, start, stop, restart,
 * psw, gpr, cr, fpr, pr, t+/t-, s+/s-, b, archmode, sysclear, sysreset,
 * clocks, maxrates, sie, stats.
 *
 * The manual operations are those of ESA/390 PoO SA22-7201 ch. 12
 * "Operator facilities" (load, start, stop, restart, system reset) and
 * ch. 4 "Resets"; the command names and output lines are Hercules 3.13's.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "console/op_internal.h"
#include "console/peek.h"
#include "cpu370/channel.h"
#include "cpu370/insn.h"
#include "sie/sie.h"

/* ---- load, start, stop, restart ------------------------------------------------- */

int cmd_ipl(Operator *o, int argc, char **argv)
{
    uint16_t dev;
    const char *lp = o->loadparm[0] ? o->loadparm : NULL;
    if (argc == 4 && (!strcasecmp(argv[2], "loadparm") || !strcasecmp(argv[2], "parm")))
        lp = argv[3];
    else if (argc == 3)
        lp = argv[2];
    else if (argc != 2)
        return op_error(o, "expected ipl DEVNUM [LOADPARM]");
    if (!op_parse_devnum(argv[1], &dev))
        return op_error(o, "invalid device number %s: expected 1 to 4 hexadecimal digits", argv[1]);
    if (lp && strlen(lp) > 8)
        return op_error(o, "LOADPARM %s: expected 1 to 8 characters", lp);
    char parm[9] = "";
    for (size_t i = 0; lp && lp[i]; i++)
        parm[i] = (char)toupper((unsigned char)lp[i]), parm[i + 1] = 0;
    session_cpu_stop(o->s);                 /* LOAD resets the CPU first */
    if (machine_ipl(o->m, dev, parm[0] ? parm : NULL))
        return op_error(o, "%s", machine_ipl_error(o->m));
    session_cpu_start(o->s);
    return OP_OK;
}

int cmd_start(Operator *o, int argc, char **argv)
{
    if (argc != 1)
        return op_error(o, "expected start (no operands)");
    session_cpu_start(o->s);
    return OP_OK;
}

int cmd_stop(Operator *o, int argc, char **argv)
{
    if (argc != 1)
        return op_error(o, "expected stop (no operands)");
    session_cpu_stop(o->s);
    return OP_OK;
}

int cmd_restart(Operator *o, int argc, char **argv)
{
    if (argc != 1)
        return op_error(o, "expected restart (no operands)");
    interrupt_restart(o->m->cpu);
    session_cpu_start(o->s);
    return OP_OK;
}

/* ---- PSW -------------------------------------------------------------------- */

static const char *const as_names[4] = { "pri", "ar", "sec", "home" };

static void show_psw(Operator *o)
{
    Cpu *c = o->m->cpu;
    uint32_t w[2];
    peek_psw(c, c->ia, w);
    session_print(o->s, "psw sm=%02X pk=%X cmwp=%X as=%s cc=%u pm=%X am=%s ia=%X",
                  c->psw.sysmask, c->psw.key, c->psw.states, as_names[c->psw.asc & 3], c->cc,
                  c->psw.pm, c->arch == ARCH_ESA390 && c->psw.amode31 ? "31" : "24", c->ia);
    session_print(o->s, "PSW=%08X %08X", w[0], w[1]);
}

static bool hex_field(const char *v, unsigned digits, uint32_t *out)
{
    return strlen(v) <= digits && op_parse_hex(v, out);
}

int cmd_psw(Operator *o, int argc, char **argv)
{
    Cpu *c = o->m->cpu;
    uint32_t sm = c->psw.sysmask, pk = c->psw.key, st = c->psw.states, asc = c->psw.asc;
    uint32_t cc = c->cc, pm = c->psw.pm, ia = c->ia;
    bool am31 = c->psw.amode31;
    for (int i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq)
            return op_error(o, "invalid operand %s: expected KEYWORD=VALUE (help psw)", argv[i]);
        *eq = 0;
        const char *k = argv[i], *v = eq + 1;
        bool ok = true;
        if (!strcasecmp(k, "sm"))
            ok = hex_field(v, 2, &sm);
        else if (!strcasecmp(k, "pk"))
            ok = hex_field(v, 1, &pk);
        else if (!strcasecmp(k, "cmwp"))
            ok = hex_field(v, 1, &st);
        else if (!strcasecmp(k, "pm"))
            ok = hex_field(v, 1, &pm);
        else if (!strcasecmp(k, "cc"))
            ok = hex_field(v, 1, &cc) && cc <= 3;
        else if (!strcasecmp(k, "ia") || !strcasecmp(k, "addr"))
            ok = hex_field(v, 8, &ia) && ia <= (c->arch == ARCH_ESA390 ? 0x7FFFFFFFu : 0xFFFFFFu);
        else if (!strcasecmp(k, "am")) {
            ok = !strcmp(v, "24") || (!strcmp(v, "31") && c->arch == ARCH_ESA390);
            am31 = !strcmp(v, "31");
        } else if (!strcasecmp(k, "as")) {
            ok = false;
            for (uint32_t a = 0; a < 4; a++)
                if (!strcasecmp(v, as_names[a]))
                    asc = a, ok = true;
        } else {
            return op_error(o, "unknown field %s: expected sm, pk, cmwp, as, cc, pm, am or ia", k);
        }
        if (!ok)
            return op_error(o, "invalid value %s=%s (help psw)", k, v);
    }
    if (argc > 1) {
        /* Encode the PSW in the format it will have and load it, so the
         * usual checks apply: an invalid PSW gives a specification
         * exception when the CPU starts (ESA/390 PoO ch. 4, "Exceptions
         * associated with the PSW"). */
        uint8_t img[8] = { (uint8_t)sm, (uint8_t)(pk << 4 | st), 0, 0, 0, 0, 0, 0 };
        if (c->arch == ARCH_S370 && !(st & PSWS_EC)) {       /* BC mode */
            st_be16(img + 2, c->psw.bc_intcode);
            st_be32(img + 4, ia & 0x00FFFFFF);
            img[4] = (uint8_t)(c->psw.bc_ilc << 6 | cc << 4 | pm);
        } else {
            img[2] = (uint8_t)(asc << 6 | cc << 4 | pm);
            st_be32(img + 4, (am31 ? PSW_AMODE31 : 0) | ia);
        }
        if (psw_load(c, img)) {
            c->pgm_code = PGM_SPECIFICATION;
            c->zero_ilc = true;
        } else if (c->pgm_code == PGM_SPECIFICATION && c->zero_ilc) {
            c->pgm_code = 0;            /* an earlier invalid PSW was replaced */
            c->zero_ilc = false;
        }
    }
    show_psw(o);
    return OP_OK;
}

/* ---- registers -------------------------------------------------------------------- */

static void show_regs32(Operator *o, const uint32_t *r, const char *name)
{
    for (int i = 0; i < 16; i += 4)
        session_print(o->s, "%s%02d=%08X  %s%02d=%08X  %s%02d=%08X  %s%02d=%08X",
                      name, i, r[i], name, i + 1, r[i + 1], name, i + 2, r[i + 2],
                      name, i + 3, r[i + 3]);
}

static int alter_or_show(Operator *o, int argc, char **argv, uint32_t *regs, const char *name,
                         bool *changed)
{
    *changed = false;
    for (int i = 1; i < argc; i++) {
        unsigned r;
        uint64_t v;
        char err[200];
        if (op_parse_assign(argv[i], 8, &r, &v, err, sizeof err))
            return op_error(o, "%s", err);
        regs[r] = (uint32_t)v;
        *changed = true;
    }
    show_regs32(o, regs, name);
    return OP_OK;
}

int cmd_gpr(Operator *o, int argc, char **argv)
{
    bool changed;
    return alter_or_show(o, argc, argv, o->m->cpu->gr, "GR", &changed);
}

int cmd_cr(Operator *o, int argc, char **argv)
{
    Cpu *c = o->m->cpu;
    bool changed;
    int rc = alter_or_show(o, argc, argv, c->cr, "CR", &changed);
    if (changed) {
        /* Translation, masks and timers depend on the CRs. */
        tlb_purge(c);
        cpu_state_changed(c);
    }
    return rc;
}

int cmd_fpr(Operator *o, int argc, char **argv)
{
    Cpu *c = o->m->cpu;
    for (int i = 1; i < argc; i++) {
        unsigned r;
        uint64_t v;
        char err[200];
        if (op_parse_assign(argv[i], 16, &r, &v, err, sizeof err))
            return op_error(o, "%s", err);
        c->fpr[r] = v;
    }
    /* Without the AFP control (CR0 bit 13) only 0, 2, 4, 6 exist. */
    bool afp = c->arch == ARCH_ESA390 && (c->cr[0] & CR0_AFP);
    unsigned step = afp ? 1 : 2, last = afp ? 16 : 8;
    for (unsigned i = 0; i < last; i += 2 * step)
        session_print(o->s, "FPR%u=%08X %08X  FPR%u=%08X %08X",
                      i, (uint32_t)(c->fpr[i] >> 32), (uint32_t)c->fpr[i],
                      i + step, (uint32_t)(c->fpr[i + step] >> 32), (uint32_t)c->fpr[i + step]);
    return OP_OK;
}

int cmd_pr(Operator *o, int argc, char **argv)
{
    if (argc != 1)
        return op_error(o, "expected pr (no operands)");
    session_print(o->s, "Prefix=%08X", o->m->cpu->prefix);
    return OP_OK;
}

/* ---- trace, step, breakpoints --------------------------------------------------- */

int cmd_trace(Operator *o, int argc, char **argv)
{
    if (argc != 1)
        return op_error(o, "expected %s (no operands)", argv[0]);
    if (argv[0][1] != '?')
        session_set_trace(o->s, argv[0][1] == '+');
    session_print(o->s, "Instruction tracing %s", session_trace(o->s) ? "on" : "off");
    return OP_OK;
}

int cmd_step(Operator *o, int argc, char **argv)
{
    if (argc != 1)
        return op_error(o, "expected %s (no operands)", argv[0]);
    if (argv[0][1] != '?')
        session_set_step(o->s, argv[0][1] == '+');
    session_print(o->s, "Instruction stepping %s", session_step(o->s) ? "on" : "off");
    return OP_OK;
}

int cmd_break(Operator *o, int argc, char **argv)
{
    if (!strcmp(argv[0], "b-")) {
        if (argc != 1)
            return op_error(o, "expected b- (no operands)");
        session_clear_breakpoints(o->s);
        session_print(o->s, "Instruction break off");
        return OP_OK;
    }
    if (argc == 1 && !strcmp(argv[0], "b")) {
        uint32_t a[SESSION_MAX_BREAKPOINTS];
        unsigned n = session_breakpoints(o->s, a);
        if (n == 0)
            session_print(o->s, "No breakpoints");
        for (unsigned i = 0; i < n; i++)
            session_print(o->s, "Instruction break on address %X", a[i]);
        return OP_OK;
    }
    uint32_t addr;
    if (argc != 2 || !op_parse_hex(argv[1], &addr))
        return op_error(o, "expected %s ADDR (hexadecimal)", argv[0]);
    if (session_add_breakpoint(o->s, addr))
        return op_error(o, "at most %d breakpoints (b- deletes them)", SESSION_MAX_BREAKPOINTS);
    session_print(o->s, "Instruction break on address %X", addr);
    return OP_OK;
}

/* ---- architecture and resets ------------------------------------------------------ */

static const char *arch_name(Arch a)
{
    return a == ARCH_S370 ? "S/370" : "ESA/390";
}

int cmd_archmode(Operator *o, int argc, char **argv)
{
    Cpu *c = o->m->cpu;
    if (argc == 1) {
        session_print(o->s, "Architecture mode = %s", arch_name(c->arch));
        return OP_OK;
    }
    if (argc != 2)
        return op_error(o, "expected archmode [ESA/390|S/370]");
    Arch a;
    if (!strcasecmp(argv[1], "ESA/390") || !strcasecmp(argv[1], "ESA390"))
        a = ARCH_ESA390;
    else if (!strcasecmp(argv[1], "S/370") || !strcasecmp(argv[1], "S370"))
        a = ARCH_S370;
    else
        return op_error(o, "unknown mode %s: expected ESA/390 or S/370", argv[1]);
    if (!op_require_stopped(o, argv[0]))
        return OP_ERROR;
    o->m->arch = a;
    cpu_set_arch(c, a);
    cpu_reset(c);
    session_print(o->s, "Architecture mode set to %s", arch_name(a));
    return OP_OK;
}

int cmd_sysclear(Operator *o, int argc, char **argv)
{
    if (argc != 1)
        return op_error(o, "expected sysclear (no operands)");
    Cpu *c = o->m->cpu;
    session_cpu_stop(o->s);
    /* Clear reset (ESA/390 PoO ch. 4 "Resets"): initial CPU reset, the
     * registers and storage (with keys) cleared, I/O-system reset. */
    machine_clear(o->m);
    memset(c->gr, 0, sizeof c->gr);
    memset(c->ar, 0, sizeof c->ar);
    memset(c->fpr, 0, sizeof c->fpr);
    css_reset(o->m);
    return OP_OK;
}

int cmd_sysreset(Operator *o, int argc, char **argv)
{
    if (argc != 1)
        return op_error(o, "expected sysreset (no operands)");
    session_cpu_stop(o->s);
    cpu_reset(o->m->cpu);
    css_reset(o->m);
    return OP_OK;
}

/* ---- clocks and speed -------------------------------------------------------------- */

/* "2026.325 10:04:42.466742": TOD (bit 51 = 1 us since 1900) as a date. */
static void tod_text(uint64_t tod, char *buf, size_t len)
{
    uint64_t us = tod >> 12;
    int64_t secs = (int64_t)(us / 1000000u) - 2208988800LL;     /* 1900 -> 1970 */
    time_t t = (time_t)secs;
    struct tm tm;
    if (!gmtime_r(&t, &tm)) {
        snprintf(buf, len, "?");
        return;
    }
    snprintf(buf, len, "%04d.%03d %02d:%02d:%02d.%06u", tm.tm_year + 1900, tm.tm_yday + 1,
             tm.tm_hour, tm.tm_min, tm.tm_sec, (unsigned)(us % 1000000u));
}

int cmd_clocks(Operator *o, int argc, char **argv)
{
    if (argc != 1)
        return op_error(o, "expected clocks (no operands)");
    Cpu *c = o->m->cpu;
    char t1[48], t2[48];
    uint64_t tod = tod_now(c);
    tod_text(tod, t1, sizeof t1);
    tod_text(c->ckc, t2, sizeof t2);
    session_print(o->s, "tod = %016llX    %s", (unsigned long long)tod, t1);
    session_print(o->s, "off = %016llX", (unsigned long long)c->tod_epoch);
    session_print(o->s, "ckc = %016llX    %s", (unsigned long long)c->ckc, t2);
    int64_t cpt = cpu_timer_get(c);
    session_print(o->s, "cpt = %016llX", (unsigned long long)cpt);
    if (c->arch == ARCH_S370) {
        const uint8_t *p = stor_abs_ptr(c, c->prefix + PSA_TIMER, 4);
        if (p)
            session_print(o->s, "itm = %08X", ld_be32(p));
    }
    return OP_OK;
}

int cmd_maxrates(Operator *o, int argc, char **argv)
{
    if (argc != 1)
        return op_error(o, "expected %s (no operands)", argv[0]);
    SessionRates r;
    session_rates(o->s, &r);
    char when[16] = "-";
    if (r.max_when) {
        struct tm tm;
        localtime_r(&r.max_when, &tm);
        strftime(when, sizeof when, "%H:%M:%S", &tm);
    }
    session_print(o->s, "MIPS: %.2f now, highest %.2f (at %s)", r.mips, r.max_mips, when);
    session_print(o->s, "Instructions: %llu in %.1f s of operating state (%.2f MIPS on average)",
                  (unsigned long long)r.icount, r.run_seconds,
                  r.run_seconds > 0 ? (double)r.icount / r.run_seconds / 1e6 : 0.0);
    return OP_OK;
}

/* ---- SIE ---------------------------------------------------------------------------- */

static void bare_machine(Operator *o)
{
    Cpu *c = o->m->cpu;
    uint32_t w[2];
    peek_psw(c, c->ia, w);
    SessionRates r;
    session_rates(o->s, &r);
    session_print(o->s, "Level 1: the bare machine (%s), %s", arch_name(c->arch),
                  session_cpu_started(o->s) ? "operating" : "stopped");
    session_print(o->s, "  PSW=%08X %08X", w[0], w[1]);
    session_print(o->s, "  INSTRUCTIONS=%llu  MIPS=%.2f", (unsigned long long)r.icount, r.mips);
}

int cmd_sie(Operator *o, int argc, char **argv)
{
    if (argc == 3 && !strcasecmp(argv[1], "trace")) {
        bool on = !strcasecmp(argv[2], "on");
        if (!on && strcasecmp(argv[2], "off"))
            return op_error(o, "expected sie trace on|off");
        sie_set_trace(o->m, on ? session_text_stream(o->s) : NULL);
        session_print(o->s, "SIE trace %s", on ? "on" : "off");
        return OP_OK;
    }
    if (argc != 1)
        return op_error(o, "expected sie, or sie trace on|off");
    FILE *f = session_text_stream(o->s);
    sie_print_stack(o->m, f);
    fflush(f);
    return OP_OK;
}

int cmd_stats(Operator *o, int argc, char **argv)
{
    if (argc != 1)
        return op_error(o, "expected stats (no operands)");
    bare_machine(o);
    FILE *f = session_text_stream(o->s);
    sie_print_stats(o->m, f);
    fflush(f);
    return OP_OK;
}

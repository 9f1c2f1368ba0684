/*
 * run.c — `interpex run`: the batch runner every test and benchmark uses.
 * Its command line, output lines and exit codes are a contract
 * (docs/ARCHITECTURE.md, "The command line"); keep them exactly.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "console/devices.h"
#include "console/loader.h"
#include "console/run.h"
#include "console/tape.h"
#include "cpu370/channel.h"
#include "cpu370/insn.h"
#include "dasd/dasd.h"

enum { EXIT_OK = 0, EXIT_WAIT_CODE = 1, EXIT_USAGE = 2, EXIT_LIMIT = 3, EXIT_CHECKSTOP = 4 };

#define MAX_DUMPS 64
#define MAX_DASD  16

static void usage(FILE *f)
{
    fprintf(f,
        "usage: interpex run [options] PROGRAM\n"
        "  PROGRAM              ELF32 EM_S390 executable (or flat binary with --origin)\n"
        "  --core FILE          flat image loaded at 0, started by the restart new PSW\n"
        "  --origin HEX         PROGRAM is a flat binary loaded and started at HEX\n"
        "  --arch esa390|s370   architecture mode (default esa390)\n"
        "  --mainsize SIZE      main storage, e.g. 16M, 512K (default 16M)\n"
        "  --max-insns N        stop after N instructions (exit 3)\n"
        "  --dump HEXADDR:HEXLEN  print storage after the run (repeatable)\n"
        "  --deterministic      clocks derived from the instruction count\n"
        "  --trace              trace every instruction to stderr\n"
        "  --printer FILE       a 1403 printer at 000E writing to FILE\n"
        "  --reader FILE        a 3505 card reader at 000C reading FILE (80-byte\n"
        "                       EBCDIC cards, or text lines)\n"
        "  --dasd DEVNUM:FILE   a disk at DEVNUM (repeatable): CKD or compressed image\n"
        "                       (type from the header), else a plain FBA image (3370)\n"
        "  --tape DEVNUM:FILE   a 3420 tape drive at DEVNUM with an AWS tape file\n"
        "  --ipl DEVNUM         IPL from device DEVNUM (e.g. 000C) instead of\n"
        "                       starting PROGRAM (which, if given, is loaded first)\n"
        "devices: a 3215 console at 0009 on stdout/stdin\n"
        "exit: 0 wait code 0, 1 other wait code, 2 usage/load error,\n"
        "      3 instruction limit, 4 check-stop or internal error\n");
}

/* Parse "16M", "512K", "1G" or bytes; 0 on error. */
static uint64_t parse_size(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        return 0;
    switch (*end) {
    case 'K': case 'k': v <<= 10; end++; break;
    case 'M': case 'm': v <<= 20; end++; break;
    case 'G': case 'g': v <<= 30; end++; break;
    case 0: break;
    default: return 0;
    }
    return *end ? 0 : v;
}

static bool parse_hex(const char *s, uint32_t *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 16);
    if (errno || end == s || *end || v > 0xFFFFFFFFul)
        return false;
    *out = (uint32_t)v;
    return true;
}

static void trace_insn(void *ctx, Cpu *c, const uint8_t *ip)
{
    (void)ctx;
    char text[96];
    op_disassemble(ip, text, sizeof text);
    char hex[16];
    unsigned len = insn_length(ip[0]);
    for (unsigned i = 0; i < len; i++)
        snprintf(hex + 2 * i, 3, "%02X", ip[i]);
    fprintf(stderr, "%08X: %-12s %-30s cc=%u\n", c->ia_cur, hex, text, c->cc);
}

void run_print_state(Cpu *c, FILE *f)
{
    uint8_t psw[8];
    psw_store(c, psw);
    fprintf(f, "PSW=%08X %08X\n", ld_be32(psw), ld_be32(psw + 4));
    for (int i = 0; i < 16; i++)
        fprintf(f, "GR%02d=%08X%c", i, c->gr[i], (i % 4 == 3) ? '\n' : ' ');
}

void run_print_storage(Machine *m, uint32_t addr, uint32_t len, FILE *f)
{
    for (uint32_t off = 0; off < len; off += 16) {
        uint32_t a = addr + off;
        fprintf(f, "STORAGE %08X", a);
        for (uint32_t w = 0; w < 16 && off + w < len; w += 4) {
            fputc(' ', f);
            for (uint32_t b = 0; b < 4 && off + w + b < len; b++) {
                uint32_t x = a + w + b;
                if (x < m->memsize)
                    fprintf(f, "%02X", m->mem[x]);
                else
                    fputs("--", f);
            }
        }
        fputc('\n', f);
    }
}

/* Attach a device, or close and free it. */
static bool attach(Machine *m, Device *d)
{
    if (d && css_attach(m, d) == 0)
        return true;
    if (d) {
        if (d->ops->close)
            d->ops->close(d);
        free(d);
    }
    return false;
}

/* The batch runner's devices: a 3215 console at 0009 on stdout/stdin, a
 * 1403 at 000E and a 3505 at 000C when asked.  Returns the console. */
static Device *attach_devices(Machine *m, const char *printer, const char *reader,
                              char *err, size_t errlen)
{
    Device *con = con3215_new(0x0009, "3215", stdin, stdout, err, errlen);
    if (!attach(m, con))
        return NULL;
    if (printer && !attach(m, printer_new(0x000E, "1403", printer, err, errlen)))
        return NULL;
    if (reader && !attach(m, reader_new(0x000C, "3505", reader, CARD_AUTO, err, errlen)))
        return NULL;
    return con;
}

int run_main(int argc, char **argv)
{
    const char *prog = NULL, *core = NULL;
    Arch arch = ARCH_ESA390;
    uint64_t mainsize = 16u << 20, max_insns = 0;
    uint32_t origin = 0, dump_addr[MAX_DUMPS], dump_len[MAX_DUMPS];
    bool have_origin = false, deterministic = false, trace = false, have_ipl = false;
    const char *printer = NULL, *reader = NULL, *dasd_file[MAX_DASD];
    uint32_t ipl_dev = 0, dasd_dev[MAX_DASD];
    bool dasd_tape[MAX_DASD] = { false };
    int ndumps = 0, ndasd = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return EXIT_OK;
        } else if (!strcmp(a, "--deterministic")) {
            deterministic = true;
        } else if (!strcmp(a, "--trace")) {
            trace = true;
        } else if (a[0] == '-' && a[1] == '-' && !v) {
            fprintf(stderr, "interpex run: option %s needs a value\n", a);
            return EXIT_USAGE;
        } else if (!strcmp(a, "--arch")) {
            i++;
            if (!strcmp(v, "esa390")) arch = ARCH_ESA390;
            else if (!strcmp(v, "s370")) arch = ARCH_S370;
            else {
                fprintf(stderr, "interpex run: --arch %s: expected esa390 or s370\n", v);
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--mainsize")) {
            i++;
            mainsize = parse_size(v);
            if (mainsize < 64 * 1024 || mainsize > 2048ull << 20 || mainsize % (64 * 1024)) {
                fprintf(stderr, "interpex run: --mainsize %s: expected a multiple of 64K from 64K to 2G\n", v);
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--max-insns")) {
            i++;
            char *end;
            errno = 0;
            max_insns = strtoull(v, &end, 10);
            if (errno || *end || end == v || max_insns == 0) {
                fprintf(stderr, "interpex run: --max-insns %s: expected a positive number\n", v);
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--origin")) {
            i++;
            if (!parse_hex(v, &origin)) {
                fprintf(stderr, "interpex run: --origin %s: expected a hexadecimal address\n", v);
                return EXIT_USAGE;
            }
            have_origin = true;
        } else if (!strcmp(a, "--core")) {
            i++;
            core = v;
        } else if (!strcmp(a, "--printer")) {
            i++;
            printer = v;
        } else if (!strcmp(a, "--reader")) {
            i++;
            reader = v;
        } else if (!strcmp(a, "--dasd") || !strcmp(a, "--tape")) {
            i++;
            char tmp[16];
            const char *colon = strchr(v, ':');
            if (!colon || colon - v >= (int)sizeof tmp || ndasd == MAX_DASD) {
                fprintf(stderr, "interpex run: %s %s: expected DEVNUM:FILE (up to %d)\n", a, v, MAX_DASD);
                return EXIT_USAGE;
            }
            memcpy(tmp, v, (size_t)(colon - v));
            tmp[colon - v] = 0;
            if (!parse_hex(tmp, &dasd_dev[ndasd]) || dasd_dev[ndasd] > 0xFFFF || !colon[1]) {
                fprintf(stderr, "interpex run: %s %s: expected DEVNUM:FILE\n", a, v);
                return EXIT_USAGE;
            }
            dasd_tape[ndasd] = a[2] == 't';
            dasd_file[ndasd++] = colon + 1;
        } else if (!strcmp(a, "--ipl")) {
            i++;
            if (!parse_hex(v, &ipl_dev) || ipl_dev > 0xFFFF) {
                fprintf(stderr, "interpex run: --ipl %s: expected a device number (hexadecimal)\n", v);
                return EXIT_USAGE;
            }
            have_ipl = true;
        } else if (!strcmp(a, "--dump")) {
            i++;
            char tmp[64];
            snprintf(tmp, sizeof tmp, "%s", v);
            char *colon = strchr(tmp, ':');
            if (colon)
                *colon = 0;
            if (!colon || ndumps == MAX_DUMPS || !parse_hex(tmp, &dump_addr[ndumps]) ||
                !parse_hex(colon + 1, &dump_len[ndumps]) || dump_len[ndumps] == 0 ||
                dump_len[ndumps] > 1u << 20) {
                fprintf(stderr, "interpex run: --dump %s: expected HEXADDR:HEXLEN (up to %d dumps, 1M each)\n",
                        v, MAX_DUMPS);
                return EXIT_USAGE;
            }
            ndumps++;
        } else if (a[0] == '-') {
            fprintf(stderr, "interpex run: unknown option %s (try --help)\n", a);
            return EXIT_USAGE;
        } else if (!prog) {
            prog = a;
        } else {
            fprintf(stderr, "interpex run: more than one PROGRAM (%s and %s)\n", prog, a);
            return EXIT_USAGE;
        }
    }
    if (prog && core) {
        fprintf(stderr, "interpex run: give either PROGRAM or --core FILE, not both\n");
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!prog && !core && !have_ipl) {
        fprintf(stderr, "interpex run: give either PROGRAM or --core FILE\n");
        usage(stderr);
        return EXIT_USAGE;
    }

    Machine *m = machine_new((uint32_t)mainsize, arch);
    if (!m) {
        fprintf(stderr, "interpex run: cannot allocate %llu bytes of storage\n",
                (unsigned long long)mainsize);
        return EXIT_CHECKSTOP;
    }
    Cpu *c = m->cpu;
    c->deterministic = deterministic;
    char err[512];
    uint32_t entry = 0;
    int rc = 0;
    Device *con = attach_devices(m, printer, reader, err, sizeof err);
    for (int i = 0; con && i < ndasd; i++) {
        Device *d = dasd_tape[i]
            ? tape_new((uint16_t)dasd_dev[i], "3420", dasd_file[i], false, err, sizeof err)
            : dasd_open((uint16_t)dasd_dev[i], NULL, dasd_file[i], NULL, err, sizeof err);
        if (d && css_find_device(m, d->devnum))
            snprintf(err, sizeof err, "%04X: device number in use", dasd_dev[i]);
        if (!attach(m, d))
            con = NULL;
    }
    if (!con) {
        fprintf(stderr, "interpex run: %s\n", err);
        css_free(m);
        machine_free(m);
        return EXIT_USAGE;
    }
    if (core)
        rc = load_flat(m, core, 0, err, sizeof err);
    else if (prog && have_origin)
        rc = load_flat(m, prog, origin, err, sizeof err), entry = origin;
    else if (prog)
        rc = load_elf(m, prog, &entry, err, sizeof err);
    if (rc) {
        fprintf(stderr, "interpex run: %s\n", err);
        css_free(m);
        machine_free(m);
        return EXIT_USAGE;
    }

    /* Start state: supervisor, DAT off, I/O, external and machine-check
     * disabled, key 0; ESA/390 31-bit.  --core starts through the restart
     * new PSW at absolute 0. */
    if (have_ipl) {
        if (machine_ipl(m, (uint16_t)ipl_dev, NULL)) {
            fprintf(stderr, "interpex run: %s\n", machine_ipl_error(m));
            css_free(m);
            machine_free(m);
            return EXIT_USAGE;
        }
    } else if (core) {
        interrupt_restart(c);
    } else {
        uint8_t psw[8] = { 0 };
        if (arch == ARCH_ESA390) {
            psw[1] = 0x08;
            st_be32(psw + 4, 0x80000000u | entry);
        } else {
            st_be32(psw + 4, entry & 0x00FFFFFF);
        }
        psw_load(c, psw);
    }
    c->max_insns = max_insns;
    if (trace)
        c->hooks.trace = trace_insn;

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    StopReason why = cpu_run(c);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;

    con3215_flush(con);                 /* console output ends before PSW= */
    run_print_state(c, stdout);
    printf("INSTRUCTIONS=%llu\n", (unsigned long long)c->icount);
    printf("ELAPSED_S=%.6f\n", secs);
    printf("MIPS=%.2f\n", secs > 0 ? (double)c->icount / secs / 1e6 : 0.0);
    for (int i = 0; i < ndumps; i++)
        run_print_storage(m, dump_addr[i], dump_len[i], stdout);

    int code;
    switch (why) {
    case STOP_DISABLED_WAIT:
        code = (c->ia & c->amask) == 0 ? EXIT_OK : EXIT_WAIT_CODE;
        if (code == EXIT_WAIT_CODE)
            fprintf(stderr, "interpex run: disabled wait, wait code %X\n", c->ia);
        break;
    case STOP_INSN_LIMIT:
        fprintf(stderr, "interpex run: instruction limit reached\n");
        code = EXIT_LIMIT;
        break;
    case STOP_IDLE_WAIT:
        fprintf(stderr, "interpex run: enabled wait that nothing can end, stopped\n");
        code = EXIT_CHECKSTOP;
        break;
    default:
        fprintf(stderr, "interpex run: check-stop\n");
        code = EXIT_CHECKSTOP;
    }
    fflush(stdout);
    css_free(m);
    machine_free(m);
    return code;
}

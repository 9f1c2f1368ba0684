/*
 * test_operator.c — the operator console (console/operator.c, op_*.c) and
 * the session (console/session.c): the parsers alone, the commands on a
 * machine without a CPU thread, then with the CPU thread: start, stop,
 * breakpoints, stepping, and an enabled wait ended by /input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "console/config.h"
#include "console/devices.h"
#include "console/operator.h"
#include "console/session.h"
#include "cpu370/channel.h"
#include "tests/unit/testutil.h"

/* ---- parsing --------------------------------------------------------------------- */

static void test_split(void)
{
    char line[] = "  loadcore \"a file.bin\"  200\t";
    char *argv[4];
    CU_ASSERT_EQUAL(op_split(line, argv, 4), 3);
    CU_ASSERT_STRING_EQUAL(argv[0], "loadcore");
    CU_ASSERT_STRING_EQUAL(argv[1], "a file.bin");
    CU_ASSERT_STRING_EQUAL(argv[2], "200");
    char l2[] = "a b c d e";
    CU_ASSERT_EQUAL(op_split(l2, argv, 4), -1);
    char l3[] = "r \"x";
    CU_ASSERT_EQUAL(op_split(l3, argv, 4), -1);
    char l4[] = "   ";
    CU_ASSERT_EQUAL(op_split(l4, argv, 4), 0);

    uint32_t v;
    uint16_t d;
    CU_ASSERT(op_parse_hex("7fffFFFF", &v) && v == 0x7FFFFFFF);
    CU_ASSERT(!op_parse_hex("123456789", &v));
    CU_ASSERT(!op_parse_hex("12G", &v));
    CU_ASSERT(!op_parse_hex("", &v));
    CU_ASSERT(op_parse_devnum("c", &d) && d == 0x000C);
    CU_ASSERT(!op_parse_devnum("10000", &d));
}

static void test_ranges(void)
{
    OpRange r;
    char err[200];
    CU_ASSERT_EQUAL(op_parse_range("100", 0x40, &r, err, sizeof err), 0);
    CU_ASSERT(r.addr == 0x100 && r.len == 0x40 && !r.alter);
    CU_ASSERT_EQUAL(op_parse_range("100.20", 0x40, &r, err, sizeof err), 0);
    CU_ASSERT(r.addr == 0x100 && r.len == 0x20);
    CU_ASSERT_EQUAL(op_parse_range("100-11F", 0x40, &r, err, sizeof err), 0);
    CU_ASSERT(r.addr == 0x100 && r.len == 0x20);
    CU_ASSERT_EQUAL(op_parse_range("100=0A0b", 0x40, &r, err, sizeof err), 0);
    CU_ASSERT(r.addr == 0x100 && r.len == 2 && r.alter && r.data[0] == 0x0A && r.data[1] == 0x0B);

    static const struct { const char *s, *msg; } bad[] = {
        { "zz", "invalid address zz" },
        { ".10", "invalid operand" },
        { "100.", "invalid length" },
        { "100.0", "invalid length" },
        { "100-FF", "invalid end address FF" },
        { "100=ABC", "even number of hexadecimal digits" },
        { "100=GG", "hexadecimal digits only" },
        { "100=", "even number" },
        { "123456789", "invalid address" },
    };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = 0;
        CU_ASSERT_EQUAL(op_parse_range(bad[i].s, 0x40, &r, err, sizeof err), -1);
        CU_ASSERT_PTR_NOT_NULL(strstr(err, bad[i].msg));
        CU_ASSERT_PTR_NOT_NULL(strstr(err, "expected"));
    }

    unsigned reg;
    uint64_t val;
    CU_ASSERT_EQUAL(op_parse_assign("3=1234", 8, &reg, &val, err, sizeof err), 0);
    CU_ASSERT(reg == 3 && val == 0x1234);
    CU_ASSERT_EQUAL(op_parse_assign("15=FFFFFFFF", 8, &reg, &val, err, sizeof err), 0);
    CU_ASSERT_EQUAL(op_parse_assign("2=0123456789ABCDEF", 16, &reg, &val, err, sizeof err), 0);
    CU_ASSERT_EQUAL(val, 0x0123456789ABCDEFull);
    CU_ASSERT_EQUAL(op_parse_assign("16=1", 8, &reg, &val, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "invalid register 16"));
    CU_ASSERT_EQUAL(op_parse_assign("1=123456789", 8, &reg, &val, err, sizeof err), -1);
    CU_ASSERT_EQUAL(op_parse_assign("1", 8, &reg, &val, err, sizeof err), -1);
    CU_ASSERT_EQUAL(op_parse_assign("x=1", 8, &reg, &val, err, sizeof err), -1);
    CU_ASSERT_EQUAL(op_parse_assign("1=", 8, &reg, &val, err, sizeof err), -1);
}

/* ---- a machine with an operator ---------------------------------------------------- */

typedef struct Rig {
    Machine  *m;
    Session  *s;
    Operator *o;
    FILE     *out;
    char     *text;
} Rig;

static void rig_new(Rig *g, Arch arch, const char *cfgtext)
{
    memset(g, 0, sizeof *g);
    Config cfg;
    char err[400];
    config_init(&cfg, "rig");
    CU_ASSERT_EQUAL_FATAL(config_parse(&cfg, cfgtext ? cfgtext : "0009 3215-C\n", err, sizeof err), 0);
    cfg.mainsize = 1u << 20;
    cfg.arch = arch;
    g->m = config_new_machine(&cfg, err, sizeof err);
    CU_ASSERT_FATAL(g->m != NULL);
    g->out = tmpfile();
    g->s = session_new(g->m, g->out);
    CU_ASSERT_FATAL(g->s != NULL);
    CU_ASSERT_EQUAL_FATAL(config_attach(&cfg, g->m, g->s, err, sizeof err), 0);
    g->o = op_new(g->s);
    for (unsigned i = 0; i < cfg.ndev; i++)
        op_note_device(g->o, cfg.dev[i].devnum, cfg.dev[i].type, cfg.dev[i].argc, cfg.dev[i].argv);
    config_free(&cfg);
}

static void rig_free(Rig *g)
{
    session_stop(g->s);
    css_free(g->m);
    session_free(g->s);
    op_free(g->o);
    machine_free(g->m);
    fclose(g->out);
    free(g->text);
}

/* Everything printed since the last call. */
static const char *output(Rig *g)
{
    fflush(g->out);
    long n = ftell(g->out);
    free(g->text);
    g->text = calloc(1, (size_t)n + 1);
    rewind(g->out);
    if (n > 0 && fread(g->text, 1, (size_t)n, g->out) != (size_t)n)
        g->text[0] = 0;
    rewind(g->out);
    if (ftruncate(fileno(g->out), 0))
        g->text[0] = 0;
    return g->text;
}

/* Run a command; its output must contain `want` (if not NULL). */
static int run(Rig *g, const char *cmd, const char *want)
{
    int rc = op_execute(g->o, cmd);
    const char *out = output(g);
    if (want && !strstr(out, want))
        fprintf(stderr, "\n  command %s: wanted \"%s\" in:\n%s", cmd, want, out);
    if (want)
        CU_ASSERT_PTR_NOT_NULL(strstr(out, want));
    return rc;
}

static void test_registers(void)
{
    Rig g;
    rig_new(&g, ARCH_ESA390, NULL);
    CU_ASSERT_EQUAL(run(&g, "gpr 3=1234", "GR00=00000000  GR01=00000000  GR02=00000000  GR03=00001234\n"), OP_OK);
    CU_ASSERT_EQUAL(g.m->cpu->gr[3], 0x1234);
    CU_ASSERT_EQUAL(run(&g, "gpr", "GR12=00000000  GR13=00000000  GR14=00000000  GR15=00000000\n"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "gpr 16=1", "gpr: invalid register 16"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "gpr 1=xyz", "gpr: invalid value xyz"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "cr 3=55", "CR00=000000E0  CR01=00000000  CR02=FFFFFFFF  CR03=00000055"), OP_OK);
    CU_ASSERT_EQUAL(g.m->cpu->cr[3], 0x55);
    CU_ASSERT_EQUAL(run(&g, "fpr 2=4110000000000000", "FPR0=00000000 00000000  FPR2=41100000 00000000"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "pr", "Prefix=00000000"), OP_OK);

    /* The PSW: display, alteration, and an invalid one. */
    CU_ASSERT_EQUAL(run(&g, "psw", "psw sm=00 pk=0 cmwp=8 as=pri cc=0 pm=0 am=24 ia=0\nPSW=00080000 00000000\n"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "psw sm=03 pk=6 cmwp=A cc=2 pm=F am=31 ia=10200", "PSW=036A2F00 80010200"), OP_OK);
    CU_ASSERT_EQUAL(g.m->cpu->ia, 0x10200);
    CU_ASSERT_EQUAL(g.m->cpu->cc, 2);
    CU_ASSERT_EQUAL(g.m->cpu->pgm_code, 0);
    CU_ASSERT_EQUAL(run(&g, "psw addr=400 as=home", "PSW=036AEF00 80000400"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "psw cmwp=0", "PSW=0360EF00 80000400"), OP_OK);         /* ESA/390 without bit 12 */
    CU_ASSERT_EQUAL(g.m->cpu->pgm_code, PGM_SPECIFICATION);
    CU_ASSERT_EQUAL(run(&g, "psw cmwp=8 sm=00 pm=0 as=pri", "PSW=00682000 80000400"), OP_OK);
    CU_ASSERT_EQUAL(g.m->cpu->pgm_code, 0);
    CU_ASSERT_EQUAL(run(&g, "psw cc=4", "psw: invalid value cc=4"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "psw ia=80000000", "psw: invalid value"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "psw xy=1", "psw: unknown field xy"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "psw 1", "expected KEYWORD=VALUE"), OP_ERROR);
    rig_free(&g);

    /* S/370 BC mode keeps its own layout. */
    rig_new(&g, ARCH_S370, NULL);
    CU_ASSERT_EQUAL(run(&g, "psw sm=FF pk=1 cmwp=2 cc=3 pm=5 ia=123456", "PSW=FF120000 35123456"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "psw am=31", "psw: invalid value am=31"), OP_ERROR);
    rig_free(&g);
}

static void test_storage(void)
{
    Rig g;
    rig_new(&g, ARCH_ESA390, NULL);
    /* C1 C2 C3 = "ABC" in EBCDIC. */
    CU_ASSERT_EQUAL(run(&g, "r 100=C1C2C3", "R:00000100:K:00=C1C2C300 00000000 00000000 00000000  ABC............."), OP_OK);
    CU_ASSERT_EQUAL(g.m->mem[0x102], 0xC3);
    CU_ASSERT_EQUAL(run(&g, "r 102.10", "R:00000102:K:00=C300 00000000 00000000 00000000 0000 C..............."), OP_OK);
    run(&g, "r 100", NULL);
    const char *out = g.text;
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "R:00000130:K:00="));          /* 40 bytes: four lines */
    CU_ASSERT_PTR_NULL(strstr(out, "R:00000140"));
    run(&g, "r 100-11F", NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.text, "R:00000110"));
    CU_ASSERT_PTR_NULL(strstr(g.text, "R:00000120"));
    /* Lines stop at 4K boundaries. */
    run(&g, "r FF8.10", NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.text, "R:00000FF8:K:00=00000000 00000000"));
    CU_ASSERT_PTR_NOT_NULL(strstr(g.text, "R:00001000:K:00="));
    /* Keys are shown. */
    g.m->keys[0x2000 >> 11] = 0x36;
    CU_ASSERT_EQUAL(run(&g, "r 2000.4", "R:00002000:K:36="), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "r FFFF0.20", "R:00100000: Real address is not valid"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "r FFFFE=01020304", "r: 00100000: address is not valid; 2 bytes altered"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "r zz", "r: invalid address zz"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "r", "expected r ADDR"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "r 0.20000", "at most 10000 bytes"), OP_ERROR);

    /* Prefixing: real 0 is the prefix area. */
    g.m->cpu->prefix = 0x8000;
    g.m->mem[0x8000] = 0x77;
    CU_ASSERT_EQUAL(run(&g, "r 0.1", "R:00000000:K:00=77"), OP_OK);
    g.m->cpu->prefix = 0;

    /* Virtual with DAT off, and disassembly. */
    CU_ASSERT_EQUAL(run(&g, "r 200=41100005412000071A1250100300", NULL), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "v 200.4", "V:00000200 (dat off) R:00000200\nV:00000200:K:00=41100005"), OP_OK);
    run(&g, "u 200.c", NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.text, "R00000200: 41100005     LA    1,5(0,0)\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(g.text, "R00000208: 1A12         AR    1,2\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(g.text, "R0000020A: 50100300     ST    1,300(0,0)\n"));
    CU_ASSERT_EQUAL(run(&g, "u 200=00", "u displays only"), OP_ERROR);
    rig_free(&g);
}

static void test_virtual(void)
{
    /* ESA/390 DAT: segment table at 0x10000 (one entry), page table at
     * 0x11000: virtual page 0x1000 -> real 0x5000, page 0x2000 invalid. */
    Rig g;
    rig_new(&g, ARCH_ESA390, NULL);
    Cpu *c = g.m->cpu;
    st_be32(g.m->mem + 0x10000, 0x00011000 | 0x0);   /* STE: page table origin, length 0 (16 entries) */
    for (int i = 0; i < 16; i++)
        st_be32(g.m->mem + 0x11000 + 4 * i, 0x00000400);   /* invalid */
    st_be32(g.m->mem + 0x11000 + 4, 0x00005000);        /* page 1 -> 5000 */
    c->cr[0] = CR0_TRANS_FORMAT_ESA;
    c->cr[1] = 0x00010000 | 0x7F;                       /* STD: origin, length 127 */
    memcpy(g.m->mem + 0x5010, "\xC8\xC9", 2);
    CU_ASSERT_EQUAL(run(&g, "psw sm=04 cmwp=8 am=31 ia=1000", NULL), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "v 1010.2", "V:00001010:K:00=C8C9"), OP_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.text, "(primary space) A:00005010"));
    CU_ASSERT_EQUAL(run(&g, "v 2000.4", "V:00002000: Translation exception 0011"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "v 1020=D1D2", NULL), OP_OK);
    CU_ASSERT_EQUAL(g.m->mem[0x5020], 0xD1);
    CU_ASSERT_EQUAL(run(&g, "v 2000=00", "translation exception"), OP_ERROR);
    rig_free(&g);
}

static char *tmp_write(const void *data, size_t len)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/ipx-op-XXXXXX");
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL(write(fd, data, len), (ssize_t)len);
    close(fd);
    return path;
}

static void text_card(uint8_t *card, const char *kind, uint32_t addr, const uint8_t *data, unsigned n)
{
    static const uint8_t ebc[][3] = { { 0xE3, 0xE7, 0xE3 }, { 0xC5, 0xD5, 0xC4 }, { 0xC5, 0xE2, 0xC4 } };
    memset(card, 0x40, 80);
    card[0] = 0x02;
    memcpy(card + 1, ebc[!strcmp(kind, "TXT") ? 0 : !strcmp(kind, "END") ? 1 : 2], 3);
    card[5] = (uint8_t)(addr >> 16);
    card[6] = (uint8_t)(addr >> 8);
    card[7] = (uint8_t)addr;
    card[10] = 0;
    card[11] = (uint8_t)n;
    if (data)
        memcpy(card + 16, data, n);
}

static void test_loading(void)
{
    Rig g;
    rig_new(&g, ARCH_ESA390, NULL);
    uint8_t img[300];
    for (unsigned i = 0; i < sizeof img; i++)
        img[i] = (uint8_t)i;
    char cmd[200];
    char *path = tmp_write(img, sizeof img);
    snprintf(cmd, sizeof cmd, "loadcore %s 2000", path);
    CU_ASSERT_EQUAL(run(&g, cmd, "300 bytes read from"), OP_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.text, "to location 2000"));
    CU_ASSERT_EQUAL(g.m->mem[0x2000 + 299], (uint8_t)299);
    snprintf(cmd, sizeof cmd, "loadcore %s FFFF0", path);
    CU_ASSERT_EQUAL(run(&g, cmd, "do not fit"), OP_ERROR);
    unlink(path);
    CU_ASSERT_EQUAL(run(&g, "loadcore /nonexistent/core.bin", "cannot open"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "loadcore", "expected loadcore FILE [ADDR]"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "loadcore x zz", "invalid address zz"), OP_ERROR);

    /* An object deck: ESD (ignored), two TXT, END; loaded at 3000. */
    uint8_t deck[4 * 80];
    const uint8_t a[] = { 1, 2, 3, 4 }, b[] = { 9, 8 };
    text_card(deck, "ESD", 0, NULL, 0);
    text_card(deck + 80, "TXT", 0x10, a, 4);
    text_card(deck + 160, "TXT", 0x100, b, 2);
    text_card(deck + 240, "END", 0, NULL, 0);
    path = tmp_write(deck, sizeof deck);
    snprintf(cmd, sizeof cmd, "loadtext %s 3000", path);
    CU_ASSERT_EQUAL(run(&g, cmd, "6 bytes loaded"), OP_OK);
    CU_ASSERT_EQUAL(tm_get32(g.m, 0x3010), 0x01020304);
    CU_ASSERT_EQUAL(g.m->mem[0x3101], 8);
    unlink(path);
    path = tmp_write(deck, 3 * 80);                   /* no END card */
    snprintf(cmd, sizeof cmd, "loadtext %s", path);
    CU_ASSERT_EQUAL(run(&g, cmd, "no END card"), OP_ERROR);
    unlink(path);
    path = tmp_write(deck, 100);
    snprintf(cmd, sizeof cmd, "loadtext %s", path);
    CU_ASSERT_EQUAL(run(&g, cmd, "not a whole number of 80-byte cards"), OP_ERROR);
    unlink(path);
    deck[80 + 11] = 57;
    path = tmp_write(deck, sizeof deck);
    snprintf(cmd, sizeof cmd, "loadtext %s", path);
    CU_ASSERT_EQUAL(run(&g, cmd, "card 2: TXT count 57 is more than 56"), OP_ERROR);
    unlink(path);

    /* sysclear clears storage; archmode switches. */
    CU_ASSERT_EQUAL(run(&g, "gpr 5=5", NULL), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "sysclear", NULL), OP_OK);
    CU_ASSERT_EQUAL(tm_get32(g.m, 0x3010), 0);
    CU_ASSERT_EQUAL(g.m->cpu->gr[5], 0);
    CU_ASSERT_EQUAL(run(&g, "archmode", "Architecture mode = ESA/390"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "archmode S/370", "Architecture mode set to S/370"), OP_OK);
    CU_ASSERT_EQUAL(g.m->cpu->arch, ARCH_S370);
    CU_ASSERT_EQUAL(run(&g, "archmode z/Arch", "expected ESA/390 or S/370"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "archmode esa/390", "set to ESA/390"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "sysreset", NULL), OP_OK);
    rig_free(&g);
}

static void test_devices(void)
{
    char dir[] = "/tmp/ipx-opd-XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    char cfg[400], cmd[300], deck2[80];
    snprintf(cfg, sizeof cfg, "0009 3215-C\n000E 1403 %s/prt.txt\n000C 3505 /dev/null\n00C0 3270\n", dir);
    snprintf(deck2, sizeof deck2, "%s/deck2.txt", dir);
    FILE *f = fopen(deck2, "w");
    fputs("HELLO\n", f);
    fclose(f);
    Rig g;
    rig_new(&g, ARCH_ESA390, cfg);
    run(&g, "devlist", NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.text, "0:0009 3215-C\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(g.text, "0:000E 1403 /tmp/ipx-opd-"));
    CU_ASSERT_PTR_NOT_NULL(strstr(g.text, "0:00C0 3270 (no terminal)"));
    CU_ASSERT_EQUAL(run(&g, "devlist 000C", "0:000C 3505 /dev/null"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "devlist 0123", "device 0123 does not exist"), OP_ERROR);

    snprintf(cmd, sizeof cmd, "attach 000D 3525 %s/pch.txt ebcdic", dir);
    CU_ASSERT_EQUAL(run(&g, cmd, "Device 000D 3525 attached"), OP_OK);
    CU_ASSERT_EQUAL(g.m->ndevices, 5);
    CU_ASSERT_EQUAL(run(&g, "attach 000D 3525 x", "device 000D already exists"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "attach 0200 9999", "unknown device type 9999"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "attach 0200 1403 /nonexistent/p.txt", "0200: cannot open"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "attach 00C1.2 3279", "Device 00C2 3279 attached"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "detach 000D", "Device 000D detached"), OP_OK);
    run(&g, "devlist", NULL);
    CU_ASSERT_PTR_NULL(strstr(g.text, "000D"));
    CU_ASSERT_EQUAL(run(&g, "detach 000D", "device 000D does not exist"), OP_ERROR);
    /* The subchannel stays; attaching again reuses it. */
    snprintf(cmd, sizeof cmd, "attach 000D 3525 %s/pch2.txt", dir);
    CU_ASSERT_EQUAL(run(&g, cmd, "attached"), OP_OK);
    CU_ASSERT_EQUAL(g.m->ndevices, 7);

    /* devinit: a new deck in the reader. */
    snprintf(cmd, sizeof cmd, "devinit 000C %s ascii", deck2);
    CU_ASSERT_EQUAL(run(&g, cmd, "Device 000C reinitialised"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "devlist 000C", "deck2.txt ascii"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "devinit 000C", "reinitialised"), OP_OK);   /* same file again */
    CU_ASSERT_EQUAL(run(&g, "devinit 0009 x", "has no file to reopen"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "devinit 000C /nonexistent/deck", "cannot open"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "devinit 0777", "device 0777 does not exist"), OP_ERROR);

    /* /input to the 3215-C console: one line may wait. */
    CU_ASSERT_EQUAL(run(&g, "/hello there", NULL), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "/again", "not accepted"), OP_ERROR);
    rig_free(&g);

    rig_new(&g, ARCH_ESA390, "000E 1403 /dev/null\n");
    CU_ASSERT_EQUAL(run(&g, "/text", "no 3215-C console"), OP_ERROR);
    rig_free(&g);

    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

static void test_console_commands(void)
{
    Rig g;
    rig_new(&g, ARCH_ESA390, NULL);
    CU_ASSERT_EQUAL(run(&g, "foo bar", "Command \"foo\" not found; enter help for a list"), OP_ERROR);
    run(&g, "help", NULL);
    static const char *const every[] = { "ipl", "start", "stop", "restart", "psw", "gpr", "cr",
        "fpr", "r ", "v ", "u ", "t+", "t-", "s+", "s-", "b ", "b-", "loadcore", "loadtext",
        "sysclear", "sysreset", "archmode", "devlist", "attach", "detach", "devinit",
        "maxrates", "mips", "clocks", "script", "pause", "/TEXT", "quit", "help", "sie", "stats" };
    for (unsigned i = 0; i < sizeof every / sizeof every[0]; i++) {
        char want[16];
        snprintf(want, sizeof want, "  %s", every[i]);
        if (!strstr(g.text, want))
            fprintf(stderr, "\n  help does not list %s\n", every[i]);
        CU_ASSERT_PTR_NOT_NULL(strstr(g.text, want));
    }
    CU_ASSERT_EQUAL(run(&g, "help r", "r ADDR[.LEN|-END|=HEXBYTES]"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "help nothing", "no command nothing"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "t+", "Instruction tracing on"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "t?", "Instruction tracing on"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "t-", "Instruction tracing off"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "s+", "Instruction stepping on"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "s-", "Instruction stepping off"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "b 204", "Instruction break on address 204"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "b", "Instruction break on address 204"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "b zz", "expected b ADDR"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "b-", "Instruction break off"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "b", "No breakpoints"), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "ipl 0123", "IPL device 0123 is not configured"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "ipl xyz", "invalid device number xyz"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "ipl", "expected ipl DEVNUM"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "ipl 0009 TOOLONGPARM", "expected 1 to 8 characters"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "pause x", "expected pause SECONDS"), OP_ERROR);
    CU_ASSERT_EQUAL(run(&g, "pause 0.01", NULL), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "clocks", "tod = "), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "maxrates", "MIPS: "), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "stats", "INSTRUCTIONS="), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "sie", NULL), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "* a comment", NULL), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "", NULL), OP_OK);
    CU_ASSERT_EQUAL(run(&g, "r \"100", "unterminated quote"), OP_ERROR);

    /* Scripts: echoed, nested, stopped by quit. */
    const char inner[] = "gpr 7=77\n";
    char *ipath = tmp_write(inner, sizeof inner - 1);
    char ip[64];
    snprintf(ip, sizeof ip, "%s", ipath);
    char outer[200];
    int n = snprintf(outer, sizeof outer, "* outer\nscript %s\n\nquit\ngpr 8=88\n", ip);
    char *opath = tmp_write(outer, (size_t)n);
    char cmd[100];
    snprintf(cmd, sizeof cmd, "script %s", opath);
    CU_ASSERT_EQUAL(run(&g, cmd, "* outer\nscript /tmp/ipx-op-"), OP_QUIT);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.text, "gpr 7=77\nGR00="));
    CU_ASSERT_PTR_NULL(strstr(g.text, "gpr 8=88"));
    CU_ASSERT_EQUAL(g.m->cpu->gr[7], 0x77);
    CU_ASSERT_EQUAL(g.m->cpu->gr[8], 0);
    CU_ASSERT(op_quit_requested(g.o));
    CU_ASSERT_EQUAL(op_execute(g.o, "gpr"), OP_QUIT);
    unlink(ip);
    unlink(opath);
    rig_free(&g);

    rig_new(&g, ARCH_ESA390, NULL);
    CU_ASSERT_EQUAL(run(&g, "script /nonexistent/x.rc", "cannot open"), OP_ERROR);
    /* A script that runs itself ends at the nesting limit. */
    char self[64];
    snprintf(self, sizeof self, "/tmp/ipx-self-%d.rc", (int)getpid());
    FILE *sf = fopen(self, "w");
    fprintf(sf, "script %s\n", self);
    fclose(sf);
    snprintf(cmd, sizeof cmd, "script %s", self);
    CU_ASSERT_EQUAL(run(&g, cmd, "nested more than 8 deep"), OP_ERROR);
    unlink(self);
    rig_free(&g);
}

/* Every command with odd operands: an error message or a result, never
 * a crash (run under ASan by make check). */
static void test_garbage(void)
{
    static const char *const operands[] = {
        "", " zz", " 1 2 3 4 5 6 7", " =", " FFFFFFFF.FFFFFFFF", " FFFFFFFF", " 7FFFFFFF-FFFFFFFF",
        " FFFFF=00", " 0=", " 16=1", " -1", " \"\"", " x=y", " 0009 3215-C", " .", " 0-",
    };
    Rig g;
    rig_new(&g, ARCH_ESA390, NULL);
    for (const char *const *name = op_command_names(); *name; name++) {
        if (!strcmp(*name, "quit") || !strcmp(*name, "exit"))
            continue;
        for (unsigned i = 0; i < sizeof operands / sizeof operands[0]; i++) {
            char line[128];
            snprintf(line, sizeof line, "%s%s", *name, operands[i]);
            if (!strcmp(*name, "pause") && strcmp(operands[i], " zz") && strcmp(operands[i], ""))
                continue;                     /* some of these are long pauses */
            int rc = op_execute(g.o, line);
            CU_ASSERT(rc == OP_OK || rc == OP_ERROR);
            output(&g);
        }
        op_execute(g.o, "stop");
        op_execute(g.o, "s-");
        op_execute(g.o, "t-");
        op_execute(g.o, "b-");
    }
    CU_ASSERT(!op_quit_requested(g.o));
    rig_free(&g);
}

/* ---- with the CPU thread ------------------------------------------------------------ */

static void load_program(Rig *g)
{
    /* 200 LA 1,5; 204 LA 2,7; 208 AR 1,2; 20A ST 1,300; 20E LPSW 2F0 */
    run(g, "r 0=0008000080000200", NULL);
    run(g, "r 200=41100005412000071A1250100300", NULL);
    run(g, "r 20E=820002F0", NULL);
    run(g, "r 2F0=000A000000000222", NULL);
}

static void test_running(void)
{
    Rig g;
    rig_new(&g, ARCH_ESA390, NULL);
    CU_ASSERT_EQUAL_FATAL(session_start_thread(g.s), 0);
    load_program(&g);
    CU_ASSERT_EQUAL(op_execute(g.o, "restart"), OP_OK);
    CU_ASSERT(session_wait_stopped(g.s, 5));
    CU_ASSERT_EQUAL(run(&g, "gpr", "GR00=00000000  GR01=0000000C  GR02=00000007"), OP_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.text, "CPU0000: Disabled wait state PSW=000A0000 00000222"));
    CU_ASSERT_EQUAL(run(&g, "r 300.4", "R:00000300:K:06=0000000C"), OP_OK);

    /* A breakpoint stops before the instruction; start goes on past it. */
    run(&g, "gpr 1=0", NULL);
    run(&g, "gpr 2=0", NULL);
    op_execute(g.o, "b 208");
    CU_ASSERT_EQUAL(op_execute(g.o, "restart"), OP_OK);
    CU_ASSERT(session_wait_stopped(g.s, 5));
    CU_ASSERT_EQUAL(run(&g, "psw", "PSW=00080000 80000208"), OP_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.text, "Breakpoint at 00000208"));
    CU_ASSERT_EQUAL(g.m->cpu->gr[1], 5);
    CU_ASSERT_EQUAL(g.m->cpu->gr[2], 7);
    op_execute(g.o, "start");
    CU_ASSERT(session_wait_stopped(g.s, 5));
    CU_ASSERT_EQUAL(g.m->cpu->gr[1], 12);
    run(&g, "b-", NULL);

    /* Stepping: start shows the next instruction; the next start runs it. */
    run(&g, "gpr 1=0", NULL);
    run(&g, "psw cmwp=8 am=31 ia=200", NULL);
    op_execute(g.o, "s+");
    op_execute(g.o, "start");
    CU_ASSERT(session_wait_stopped(g.s, 5));
    CU_ASSERT_EQUAL(run(&g, "gpr", "PSW=00080000 80000200 INST=41100005     LA    1,5(0,0)"), OP_OK);
    CU_ASSERT_EQUAL(g.m->cpu->gr[1], 0);
    op_execute(g.o, "start");
    CU_ASSERT(session_wait_stopped(g.s, 5));
    CU_ASSERT_EQUAL(run(&g, "", "INST=41200007"), OP_OK);      /* an empty line steps too */
    CU_ASSERT(session_wait_stopped(g.s, 5));
    run(&g, "gpr", NULL);
    CU_ASSERT_EQUAL(g.m->cpu->gr[1], 5);
    CU_ASSERT_EQUAL(g.m->cpu->gr[2], 7);
    run(&g, "s-", NULL);

    /* Trace prints every instruction. */
    op_execute(g.o, "t+");
    op_execute(g.o, "restart");
    CU_ASSERT(session_wait_stopped(g.s, 5));
    run(&g, "t-", NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.text, "PSW=00082000 8000020E INST=820002F0     LPSW  2F0(0)"));

    /* A loop: stop stops it, start resumes it. */
    run(&g, "r 400=47F00400", NULL);                           /* B 400 */
    run(&g, "psw cmwp=8 am=31 ia=400", NULL);
    op_execute(g.o, "start");
    CU_ASSERT(!session_wait_stopped(g.s, 0.05));
    session_lock(g.s);
    uint64_t before = g.m->cpu->icount;
    session_unlock(g.s);
    usleep(20000);
    run(&g, "stop", NULL);
    CU_ASSERT(session_wait_stopped(g.s, 1));
    CU_ASSERT(g.m->cpu->icount > before);
    CU_ASSERT_EQUAL(run(&g, "psw", "PSW=00080000 80000400"), OP_OK);
    /* Commands work (under the lock) while it runs. */
    op_execute(g.o, "start");
    CU_ASSERT_EQUAL(run(&g, "r 400.4", "R:00000400:K:06=47F00400"), OP_OK);
    CU_ASSERT(!session_wait_stopped(g.s, 0.01));
    run(&g, "stop", NULL);
    CU_ASSERT(session_wait_stopped(g.s, 1));
    rig_free(&g);
}

/* S/370: an enabled wait for I/O, ended by input for the 3215-C console
 * (attention), whose interruption loads a disabled-wait new PSW. */
static void test_enabled_wait(void)
{
    Rig g;
    rig_new(&g, ARCH_S370, NULL);
    CU_ASSERT_EQUAL_FATAL(session_start_thread(g.s), 0);
    run(&g, "r 78=000A000000000999", NULL);                    /* I/O new: EC wait at 999 */
    run(&g, "psw sm=02 cmwp=A ia=500", NULL);                   /* EC, I/O enabled, wait */
    op_execute(g.o, "start");
    CU_ASSERT(!session_wait_stopped(g.s, 0.1));                /* waits */
    CU_ASSERT_EQUAL(run(&g, "/wake up", NULL), OP_OK);
    CU_ASSERT(session_wait_stopped(g.s, 5));
    CU_ASSERT_EQUAL(run(&g, "psw", "PSW=000A0000 00000999"), OP_OK);
    CU_ASSERT_EQUAL(g.m->mem[0xBA] << 8 | g.m->mem[0xBB], 0x0009);   /* device address */
    CU_ASSERT_EQUAL(g.m->mem[0x44], 0x80);                     /* CSW: attention */
    rig_free(&g);
}

/* A prompt written without carrier return shows when the program waits. */
static void test_console_prompt(void)
{
    Rig g;
    rig_new(&g, ARCH_S370, NULL);
    CU_ASSERT_EQUAL_FATAL(session_start_thread(g.s), 0);
    run(&g, "r 48=00000600", NULL);                           /* CAW */
    run(&g, "r 600=0100070020000006", NULL);                  /* write, no CR, 6 bytes */
    run(&g, "r 700=D7D9D6D4D7E3", NULL);                      /* PROMPT */
    run(&g, "r 500=9C00000982000510", NULL);                  /* SIO 009; LPSW 510 */
    run(&g, "r 510=020A000000000999", NULL);                  /* enabled wait */
    run(&g, "r 78=020A000000000999", NULL);                   /* I/O new: the same */
    run(&g, "psw cmwp=8 ia=500", NULL);
    op_execute(g.o, "start");
    bool seen = false;
    for (int i = 0; i < 300 && !seen; i++) {
        usleep(10000);
        seen = strstr(output(&g), "PROMPT\n") != NULL;
    }
    CU_ASSERT(seen);
    CU_ASSERT(!session_wait_stopped(g.s, 0.01));              /* still waiting */
    op_execute(g.o, "stop");
    CU_ASSERT(session_wait_stopped(g.s, 2));
    session_stop(g.s);
    css_free(g.m);                      /* the open line ends: no empty line */
    CU_ASSERT_STRING_EQUAL(output(&g), "");
    g.m->ndevices = 0;
    rig_free(&g);
}

void register_operator_tests(void)
{
    CU_pSuite s = CU_add_suite("operator", NULL, NULL);
    CU_add_test(s, "splitting words, hex numbers", test_split);
    CU_add_test(s, "address ranges and register assignments", test_ranges);
    CU_add_test(s, "gpr, cr, fpr, pr, psw", test_registers);
    CU_add_test(s, "r, v (DAT off), u", test_storage);
    CU_add_test(s, "v through DAT", test_virtual);
    CU_add_test(s, "loadcore, loadtext, sysclear, archmode", test_loading);
    CU_add_test(s, "devlist, attach, detach, devinit, /input", test_devices);
    CU_add_test(s, "help, errors, trace/step/break switches, scripts, quit", test_console_commands);
    CU_add_test(s, "every command with odd operands", test_garbage);
    CU_add_test(s, "CPU thread: restart, breakpoint, step, trace, stop/start", test_running);
    CU_add_test(s, "enabled wait woken by console input", test_enabled_wait);
    CU_add_test(s, "3215-C prompt without carrier return", test_console_prompt);
}

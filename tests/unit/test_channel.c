/*
 * test_channel.c — the channel subsystem (cpu370/channel.c, insn_io.c),
 * IPL (cpu370/ipl.c) and the console and unit-record devices (console/).
 *
 * Channel programs run against a fake device that records the commands it
 * is given and serves reads from a buffer.  The I/O instructions are
 * executed as instructions (SSCH, TSCH, STSCH, MSCH ... and SIO, TIO),
 * with their operands in storage, and the results are read back from the
 * IRB or CSW the way a program would.  Expected values come from the
 * ESA/390 PoO SA22-7201 ch. 14-16 and the S/370 PoO GA22-7000 ch. 12-13.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "console/devices.h"
#include "cpu370/channel.h"
#include "tests/unit/testutil.h"

/* Storage layout of the tests. */
#define ORB_AT    0x3000u
#define SCHIB_AT  0x3100u
#define IRB_AT    0x3200u
#define CCW_AT    0x4000u
#define DATA_AT   0x5000u
#define DEVNUM    0x0100u
#define SCH1      0x00010000u     /* subsystem-ID word of subchannel 0 */

/* ---- The fake device ---------------------------------------------------- */

/* Commands: x1 write (takes everything, or `want` bytes), x2 read (gives
 * `rdata`), 03 no-op, 04 sense, E4 sense ID, 07 control taking 6 bytes,
 * 13 command reject, 17 status modifier, 1B unit exception. */
typedef struct Fake {
    uint8_t  rdata[8192];
    uint32_t rlen;
    uint8_t  wdata[8192];
    uint32_t wlen;
    uint32_t want;           /* write: bytes wanted (0: all there are)     */
    unsigned ncmd;
    uint8_t  cmd[32];
    bool     chained[32];
    uint8_t  prev[32];
    unsigned halts, resets;
} Fake;

static uint8_t fake_start(Device *d, DevIo *io)
{
    Fake *f = d->priv;
    if (f->ncmd < 32) {
        f->cmd[f->ncmd] = io->cmd;
        f->chained[f->ncmd] = io->chained;
        f->prev[f->ncmd] = io->prev_cmd;
        f->ncmd++;
    }
    switch (io->cmd) {
    case CMD_NOP:
        return US_CE_DE;
    case CMD_SENSE:
        return dev_sense(d, io);
    case CMD_SENSE_ID:
        return dev_sense_id(d, io);
    case 0x07: {
        uint8_t seek[6];
        if (io_fetch(io, seek, 6) < 6)
            io->more = true;
        return US_CE_DE;
    }
    case 0x13:
        return dev_reject(d);
    case 0x17:
        return US_CE_DE | US_STATUS_MOD;
    case 0x1B:
        return US_CE_DE | US_UNIT_EXCEPTION;
    }
    if (cmd_is_write(io->cmd)) {
        if (f->want) {
            uint32_t n = io_fetch(io, f->wdata + f->wlen, f->want);
            f->wlen += n;
            if (n < f->want)
                io->more = true;
        } else {
            uint32_t n;
            while ((n = io_fetch(io, f->wdata + f->wlen, 64)) > 0)
                f->wlen += n;
        }
        return US_CE_DE;
    }
    if (cmd_is_read(io->cmd) || (io->cmd & 0x0F) == CMD_READ_BACKWARD) {
        io_store(io, f->rdata, f->rlen);
        return US_CE_DE;
    }
    return dev_reject(d);
}

static void fake_halt(Device *d)  { ((Fake *)d->priv)->halts++; }
static void fake_reset(Device *d) { ((Fake *)d->priv)->resets++; }
static void fake_close(Device *d) { free(d->priv); }

static const DeviceOps fake_ops = {
    .type = "FAKE", .start = fake_start, .halt = fake_halt, .reset = fake_reset,
    .close = fake_close,
    .sense_id = { 0xFF, 0x99, 0x99, 0x01, 0x99, 0x99, 0x01 }, .sense_id_len = 7,
};

static Fake *add_fake(Machine *m, uint16_t devnum)
{
    Fake *f = calloc(1, sizeof *f);
    Device *d = device_new(&fake_ops, devnum, f);
    CU_ASSERT_FATAL(d != NULL && css_attach(m, d) == 0);
    return f;
}

/* ---- Running I/O instructions ------------------------------------------ */

/* Reload the test PSW (a program check leaves a wait PSW) and run one
 * instruction; returns 0 or the program-interruption code. */
static int exec1(Machine *m, const uint8_t *code)
{
    Cpu *c = m->cpu;
    uint8_t psw[8] = { 0, c->arch == ARCH_ESA390 ? 0x08 : 0x00, 0, 0, 0, 0, 0, 0 };
    st_be32(psw + 4, TM_CODE | (c->arch == ARCH_ESA390 ? 0x80000000u : 0));
    psw_load(c, psw);
    return tm_exec(m, code, insn_length(code[0]), 1);
}

/* An S-format instruction B2xx or 9Cxx with second-operand address a
 * (in GR2, the base register). */
static int s_insn(Machine *m, uint8_t op0, uint8_t op1, uint32_t a)
{
    uint8_t code[4] = { op0, op1, 0x20, 0x00 };
    m->cpu->gr[2] = a;
    return exec1(m, code);
}

/* ESA/390 subchannel instructions on the subchannel in GR1; the return is
 * the condition code, or 100 + the program-interruption code. */
static int io_insn(Machine *m, uint8_t op, uint32_t schid, uint32_t addr)
{
    m->cpu->gr[1] = schid;
    int pgm = s_insn(m, 0xB2, op, addr);
    return pgm ? 100 + pgm : m->cpu->cc;
}

#define SSCH(m)  io_insn(m, 0x33, SCH1, ORB_AT)
#define TSCH(m)  io_insn(m, 0x35, SCH1, IRB_AT)
#define STSCH(m) io_insn(m, 0x34, SCH1, SCHIB_AT)
#define MSCH(m)  io_insn(m, 0x32, SCH1, SCHIB_AT)
#define RSCH(m)  io_insn(m, 0x38, SCH1, 0)
#define HSCH(m)  io_insn(m, 0x31, SCH1, 0)
#define CSCH(m)  io_insn(m, 0x30, SCH1, 0)

static void put_orb(Machine *m, uint32_t parm, uint32_t w1, uint32_t cpa)
{
    st_be32(m->mem + ORB_AT, parm);
    st_be32(m->mem + ORB_AT + 4, w1);
    st_be32(m->mem + ORB_AT + 8, cpa);
}

static void ccw1(Machine *m, uint32_t at, uint8_t cmd, uint8_t flags, uint16_t count, uint32_t data)
{
    uint8_t *p = m->mem + at;
    p[0] = cmd;
    p[1] = flags;
    st_be16(p + 2, count);
    st_be32(p + 4, data);
}

static void ccw0(Machine *m, uint32_t at, uint8_t cmd, uint32_t data, uint8_t flags, uint16_t count)
{
    uint8_t *p = m->mem + at;
    st_be32(p, data);
    p[0] = cmd;
    p[4] = flags;
    p[5] = 0;
    st_be16(p + 6, count);
}

/* IRB fields after TSCH. */
static uint16_t irb_ctrl(Machine *m)   { return ld_be16(m->mem + IRB_AT + 2); }
static uint16_t irb_flags(Machine *m)  { return ld_be16(m->mem + IRB_AT); }
static uint32_t irb_cpa(Machine *m)    { return ld_be32(m->mem + IRB_AT + 4); }
static uint8_t  irb_dstat(Machine *m)  { return m->mem[IRB_AT + 8]; }
static uint8_t  irb_cstat(Machine *m)  { return m->mem[IRB_AT + 9]; }
static uint16_t irb_count(Machine *m)  { return ld_be16(m->mem + IRB_AT + 10); }

/* Enable the subchannel (STSCH, set E and the ISC, MSCH). */
static void enable(Machine *m, unsigned isc)
{
    CU_ASSERT_EQUAL(STSCH(m), 0);
    m->mem[SCHIB_AT + 4] = (uint8_t)(isc << 3);
    m->mem[SCHIB_AT + 5] |= 0x80;
    CU_ASSERT_EQUAL(MSCH(m), 0);
}

/* A machine with the fake device at 0100 on subchannel 0, enabled. */
static Machine *io_machine(Fake **fp)
{
    Machine *m = tm_new(ARCH_ESA390);
    *fp = add_fake(m, DEVNUM);
    enable(m, 3);
    return m;
}

static void done(Machine *m)
{
    css_free(m);
    tm_free(m);
}

#define FINAL (FC_START | SC_PRIMARY | SC_SECONDARY | SC_PENDING)

/* ---- ESA/390: condition codes --------------------------------------------- */

static void test_ssch_write_and_tsch(void)
{
    Fake *f;
    Machine *m = io_machine(&f);
    memcpy(m->mem + DATA_AT, "ABCDEFGH", 8);
    ccw1(m, CCW_AT, 0x01, 0, 8, DATA_AT);
    put_orb(m, 0x12345678, 0x00800000 | 0xE0000000, CCW_AT);   /* key E, format 1 */

    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_TRUE(m->cpu->io_pending);
    CU_ASSERT_EQUAL(f->ncmd, 1);
    CU_ASSERT_EQUAL(f->wlen, 8);
    CU_ASSERT_EQUAL(memcmp(f->wdata, "ABCDEFGH", 8), 0);
    /* Status pending: a second SSCH gets cc 1, and so does MSCH. */
    CU_ASSERT_EQUAL(SSCH(m), 1);
    CU_ASSERT_EQUAL(STSCH(m), 0);
    CU_ASSERT_EQUAL(MSCH(m), 1);

    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_ctrl(m), FINAL);
    CU_ASSERT_EQUAL(irb_flags(m), 0xE080);          /* key E, F */
    CU_ASSERT_EQUAL(irb_cpa(m), CCW_AT + 8);
    CU_ASSERT_EQUAL(irb_dstat(m), US_CE_DE);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);
    CU_ASSERT_EQUAL(irb_count(m), 0);
    CU_ASSERT_FALSE(m->cpu->io_pending);
    /* Nothing pending any more: cc 1, and the SCSW says idle. */
    CU_ASSERT_EQUAL(TSCH(m), 1);
    CU_ASSERT_EQUAL(irb_ctrl(m), 0);
    /* Idle again: a new SSCH starts. */
    CU_ASSERT_EQUAL(SSCH(m), 0);
    done(m);
}

static void test_subchannel_ccs_and_exceptions(void)
{
    Fake *f;
    Machine *m = io_machine(&f);
    ccw1(m, CCW_AT, 0x03, 0, 0, 0);
    put_orb(m, 0, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(io_insn(m, 0x33, SCH1 | 5, ORB_AT), 3);      /* no subchannel 5 */
    CU_ASSERT_EQUAL(io_insn(m, 0x35, SCH1 | 5, IRB_AT), 3);
    CU_ASSERT_EQUAL(io_insn(m, 0x34, SCH1 | 5, SCHIB_AT), 3);
    CU_ASSERT_EQUAL(io_insn(m, 0x33, 0x00020000, ORB_AT), 100 + 0x15);  /* bad SSID */
    CU_ASSERT_EQUAL(io_insn(m, 0x33, SCH1, ORB_AT + 2), 100 + PGM_SPECIFICATION);
    st_be32(m->mem + ORB_AT + 4, 0x00800001);                      /* reserved bit */
    CU_ASSERT_EQUAL(SSCH(m), 100 + 0x15);
    put_orb(m, 0, 0x00800000, 0x80000000 | CCW_AT);                /* CPA bit 0 */
    CU_ASSERT_EQUAL(SSCH(m), 100 + 0x15);
    CU_ASSERT_EQUAL(f->ncmd, 0);

    /* Problem state: privileged operation. */
    Cpu *c = m->cpu;
    uint8_t psw[8] = { 0, 0x09, 0, 0, 0x80, 0, 0, 0 };
    st_be32(psw + 4, 0x80000000u | TM_CODE);
    psw_load(c, psw);
    uint8_t ssch[4] = { 0xB2, 0x33, 0x30, 0x00 };
    c->gr[1] = SCH1;
    CU_ASSERT_EQUAL(tm_exec(m, ssch, 4, 1), PGM_PRIVILEGED_OPERATION);

    /* A disabled subchannel is not operational. */
    CU_ASSERT_EQUAL(STSCH(m), 0);
    m->mem[SCHIB_AT + 5] &= 0x7F;
    CU_ASSERT_EQUAL(MSCH(m), 0);
    put_orb(m, 0, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 3);
    done(m);
}

static void test_stsch_msch(void)
{
    Fake *f;
    Machine *m = tm_new(ARCH_ESA390);
    f = add_fake(m, 0x0009);
    add_fake(m, 0x000E);
    CU_ASSERT_EQUAL(STSCH(m), 0);
    const uint8_t *p = m->mem + SCHIB_AT;
    CU_ASSERT_EQUAL(ld_be16(p + 6), 0x0009);
    CU_ASSERT_EQUAL(p[5], 0x01);                 /* V, not enabled */
    CU_ASSERT_EQUAL(p[11], 0x80);                /* PIM */
    CU_ASSERT_EQUAL(io_insn(m, 0x34, SCH1 | 1, SCHIB_AT), 0);
    CU_ASSERT_EQUAL(ld_be16(p + 6), 0x000E);
    CU_ASSERT_EQUAL(io_insn(m, 0x34, SCH1 | 2, SCHIB_AT), 3);

    /* MSCH: the parameter, ISC, E and concurrent sense take; device number
     * and path masks do not. */
    CU_ASSERT_EQUAL(STSCH(m), 0);
    st_be32(m->mem + SCHIB_AT, 0xCAFEF00D);
    m->mem[SCHIB_AT + 4] = 6 << 3;
    m->mem[SCHIB_AT + 5] = 0x81;
    st_be16(m->mem + SCHIB_AT + 6, 0x1234);
    m->mem[SCHIB_AT + 27] = 0x01;
    CU_ASSERT_EQUAL(MSCH(m), 0);
    memset(m->mem + SCHIB_AT, 0, SCHIB_SIZE);
    CU_ASSERT_EQUAL(STSCH(m), 0);
    CU_ASSERT_EQUAL(ld_be32(p), 0xCAFEF00D);
    CU_ASSERT_EQUAL(p[4], 6 << 3);
    CU_ASSERT_EQUAL(p[5], 0x81);
    CU_ASSERT_EQUAL(ld_be16(p + 6), 0x0009);
    CU_ASSERT_EQUAL(p[27], 0x01);
    /* Reserved bits: operand exception. */
    m->mem[SCHIB_AT + 4] = 0x40;
    CU_ASSERT_EQUAL(MSCH(m), 100 + 0x15);
    m->mem[SCHIB_AT + 4] = 0;
    m->mem[SCHIB_AT + 5] = 0xE1;                 /* LM = 11 */
    CU_ASSERT_EQUAL(MSCH(m), 100 + 0x15);
    m->mem[SCHIB_AT + 5] = 0x81;
    m->mem[SCHIB_AT + 26] = 1;
    CU_ASSERT_EQUAL(MSCH(m), 100 + 0x15);
    (void)f;
    done(m);
}

/* ---- ESA/390: chaining -------------------------------------------------- */

static void test_command_chaining(void)
{
    Fake *f;
    Machine *m = io_machine(&f);
    memcpy(f->rdata, "XYZ", 3);
    f->rlen = 3;
    ccw1(m, CCW_AT, 0x01, CCW_CC, 2, DATA_AT);
    ccw1(m, CCW_AT + 8, 0x03, CCW_CC, 0, 0);
    ccw1(m, CCW_AT + 16, 0x02, 0, 3, DATA_AT + 0x100);
    put_orb(m, 0, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(f->ncmd, 3);
    CU_ASSERT_EQUAL(f->cmd[0], 0x01);
    CU_ASSERT_FALSE(f->chained[0]);
    CU_ASSERT_TRUE(f->chained[1]);
    CU_ASSERT_EQUAL(f->prev[1], 0x01);
    CU_ASSERT_EQUAL(f->cmd[2], 0x02);
    CU_ASSERT_EQUAL(f->prev[2], 0x03);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT + 0x100, "XYZ", 3), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cpa(m), CCW_AT + 24);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);
    done(m);
}

static void test_data_chaining(void)
{
    Fake *f;
    Machine *m = io_machine(&f);
    /* Output: 3 + 5 bytes from two areas are one write of 8. */
    memcpy(m->mem + DATA_AT, "abc", 3);
    memcpy(m->mem + DATA_AT + 0x200, "defgh", 5);
    ccw1(m, CCW_AT, 0x01, CCW_CD, 3, DATA_AT);
    ccw1(m, CCW_AT + 8, 0x00, 0, 5, DATA_AT + 0x200);   /* command ignored */
    put_orb(m, 0, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(f->ncmd, 1);
    CU_ASSERT_EQUAL(f->wlen, 8);
    CU_ASSERT_EQUAL(memcmp(f->wdata, "abcdefgh", 8), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cpa(m), CCW_AT + 16);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);

    /* Input: 10 bytes scattered over 4 + 6, format-0 CCWs. */
    memcpy(f->rdata, "0123456789", 10);
    f->rlen = 10;
    ccw0(m, CCW_AT, 0x02, DATA_AT + 0x300, CCW_CD, 4);
    ccw0(m, CCW_AT + 8, 0x02, DATA_AT + 0x400, 0, 6);
    put_orb(m, 0, 0, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT + 0x300, "0123", 4), 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT + 0x400, "456789", 6), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);
    CU_ASSERT_EQUAL(irb_count(m), 0);

    /* The device stops inside the first area of a data chain: incorrect
     * length, which SLI cannot suppress while CD is on. */
    f->rlen = 2;
    ccw0(m, CCW_AT, 0x02, DATA_AT + 0x300, CCW_CD | CCW_SLI, 4);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), CS_INCORRECT_LEN);
    CU_ASSERT_EQUAL(irb_count(m), 2);
    CU_ASSERT_EQUAL(irb_cpa(m), CCW_AT + 8);
    done(m);
}

static void test_tic(void)
{
    Fake *f;
    Machine *m = io_machine(&f);
    ccw1(m, CCW_AT, 0x03, CCW_CC, 0, 0);
    ccw1(m, CCW_AT + 8, 0x08, 0, 0, CCW_AT + 0x80);
    ccw1(m, CCW_AT + 0x80, 0x03, 0, 0, 0);
    put_orb(m, 0, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(f->ncmd, 2);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cpa(m), CCW_AT + 0x88);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);

    /* TIC to a TIC: program check, CCW address = second TIC + 8. */
    ccw1(m, CCW_AT + 0x80, 0x08, 0, 0, CCW_AT + 0x100);
    ccw1(m, CCW_AT + 0x100, 0x03, 0, 0, 0);
    f->ncmd = 0;
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(f->ncmd, 1);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), CS_PROGRAM_CHECK);
    CU_ASSERT_EQUAL(irb_cpa(m), CCW_AT + 0x88);
    CU_ASSERT_EQUAL(irb_ctrl(m), FINAL | SC_ALERT);

    /* TIC as the first CCW: program check. */
    put_orb(m, 0, 0x00800000, CCW_AT + 8);
    ccw1(m, CCW_AT + 0x80, 0x03, 0, 0, 0);
    f->ncmd = 0;
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(f->ncmd, 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), CS_PROGRAM_CHECK);

    /* TIC to an address that is not a doubleword. */
    ccw1(m, CCW_AT + 8, 0x08, 0, 0, CCW_AT + 0x84);
    put_orb(m, 0, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), CS_PROGRAM_CHECK);
    CU_ASSERT_EQUAL(irb_cpa(m), CCW_AT + 16);
    done(m);
}

/* Incorrect length: {count, device bytes, flags} -> {cstat, residual,
 * commands executed of a two-CCW chain}. */
static void test_incorrect_length(void)
{
    static const struct {
        uint16_t count;
        uint32_t have;
        uint8_t  flags;
        uint8_t  cstat;
        uint16_t residual;
        unsigned ncmd;
    } v[] = {
        { 20, 20, 0,                0,                20 - 20, 1 },
        { 20, 10, 0,                CS_INCORRECT_LEN, 10,      1 },
        { 20, 10, CCW_SLI,          0,                10,      1 },
        { 20, 30, 0,                CS_INCORRECT_LEN, 0,       1 },
        { 20, 30, CCW_SLI,          0,                0,       1 },
        { 20, 10, CCW_CC,           CS_INCORRECT_LEN, 10,      1 },  /* chain suppressed */
        { 20, 10, CCW_CC | CCW_SLI, 0,                1,       2 },  /* chains on */
        { 20, 20, CCW_CC,           0,                1,       2 },  /* NOP's count */
    };
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        Fake *f;
        Machine *m = io_machine(&f);
        f->rlen = v[i].have;
        memset(f->rdata, 0xAA, sizeof f->rdata);
        ccw1(m, CCW_AT, 0x02, v[i].flags, v[i].count, DATA_AT);
        ccw1(m, CCW_AT + 8, 0x03, CCW_SLI, 1, 0);
        put_orb(m, 0, 0x00800000, CCW_AT);
        CU_ASSERT_EQUAL(SSCH(m), 0);
        CU_ASSERT_EQUAL(TSCH(m), 0);
        if (irb_cstat(m) != v[i].cstat || irb_count(m) != v[i].residual || f->ncmd != v[i].ncmd)
            fprintf(stderr, "\n  IL row %u: cstat %02X count %u ncmd %u\n", i, irb_cstat(m),
                    irb_count(m), f->ncmd);
        CU_ASSERT_EQUAL(irb_cstat(m), v[i].cstat);
        CU_ASSERT_EQUAL(irb_count(m), v[i].residual);
        CU_ASSERT_EQUAL(f->ncmd, v[i].ncmd);
        CU_ASSERT_EQUAL(m->mem[DATA_AT + v[i].count], 0);     /* never past the count */
        done(m);
    }
}

static void test_immediate_and_control(void)
{
    Fake *f;
    Machine *m = io_machine(&f);
    /* No-op with a count, no SLI: an immediate operation never has
     * incorrect length; the count is left as it was. */
    ccw1(m, CCW_AT, 0x03, 0, 5, DATA_AT);
    put_orb(m, 0, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);
    CU_ASSERT_EQUAL(irb_count(m), 5);
    /* A control command that takes no data while data is offered. */
    f->ncmd = 0;
    ccw1(m, CCW_AT, 0x03, CCW_CC, 5, DATA_AT);
    ccw1(m, CCW_AT + 8, 0x03, 0, 1, DATA_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(f->ncmd, 2);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);
    /* A control command that takes 6 bytes, given 4: incorrect length. */
    ccw1(m, CCW_AT, 0x07, 0, 4, DATA_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), CS_INCORRECT_LEN);
    ccw1(m, CCW_AT, 0x07, 0, 6, DATA_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);
    done(m);
}

static void test_skip(void)
{
    Fake *f;
    Machine *m = io_machine(&f);
    memcpy(f->rdata, "SKIPPED!", 8);
    f->rlen = 8;
    memset(m->mem + DATA_AT, 0x11, 16);
    ccw1(m, CCW_AT, 0x02, CCW_SKIP | CCW_CD, 4, DATA_AT);
    ccw1(m, CCW_AT + 8, 0x02, 0, 4, DATA_AT + 8);
    put_orb(m, 0, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);
    CU_ASSERT_EQUAL(irb_count(m), 0);
    CU_ASSERT_EQUAL(m->mem[DATA_AT], 0x11);              /* skipped: not stored */
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT + 8, "PED!", 4), 0);
    done(m);
}

static void test_read_backward(void)
{
    Fake *f;
    Machine *m = io_machine(&f);
    memcpy(f->rdata, "1234", 4);
    f->rlen = 4;
    ccw1(m, CCW_AT, 0x0C, 0, 4, DATA_AT + 3);
    put_orb(m, 0, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT, "4321", 4), 0);
    done(m);
}

static void test_pci_intermediate(void)
{
    Fake *f;
    Machine *m = io_machine(&f);
    ccw1(m, CCW_AT, 0x03, CCW_CC | CCW_PCI, 0, 0);
    ccw1(m, CCW_AT + 8, 0x03, CCW_CC, 0, 0);
    ccw1(m, CCW_AT + 16, 0x03, 0, 0, 0);
    put_orb(m, 0x77, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(f->ncmd, 1);                 /* stalled after the PCI CCW */
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_ctrl(m), FC_START | AC_SUBCH_ACTIVE | AC_DEVICE_ACTIVE |
                                 SC_INTERMEDIATE | SC_PENDING);
    CU_ASSERT_EQUAL(irb_cstat(m), CS_PCI);
    CU_ASSERT_EQUAL(irb_cpa(m), CCW_AT + 8);
    /* The status has been seen: the program went on to its end. */
    CU_ASSERT_EQUAL(f->ncmd, 3);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_ctrl(m), FINAL);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);
    CU_ASSERT_EQUAL(irb_cpa(m), CCW_AT + 24);

    /* PCI on the last CCW: merged into the final status. */
    ccw1(m, CCW_AT, 0x03, CCW_PCI, 0, 0);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_ctrl(m), FINAL | SC_INTERMEDIATE);
    CU_ASSERT_EQUAL(irb_cstat(m), CS_PCI);
    done(m);
}

static void test_idaw(void)
{
    Fake *f;
    Machine *m = io_machine(&f);
    for (unsigned i = 0; i < 5000; i++)
        f->rdata[i] = (uint8_t)(i * 7 + 1);
    f->rlen = 5000;
    /* First IDAW anywhere (0x50F0: 0x710 bytes to the 2K boundary), the
     * others on 2K boundaries. */
    st_be32(m->mem + 0x3400, 0x50F0);
    st_be32(m->mem + 0x3404, 0x7000);
    st_be32(m->mem + 0x3408, 0x9800);
    ccw1(m, CCW_AT, 0x02, CCW_IDA, 5000, 0x3400);
    put_orb(m, 0, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);
    CU_ASSERT_EQUAL(irb_count(m), 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + 0x50F0, f->rdata, 0x710), 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + 0x7000, f->rdata + 0x710, 0x800), 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + 0x9800, f->rdata + 0xF10, 5000 - 0xF10), 0);
    CU_ASSERT_EQUAL(m->mem[0x9800 + 5000 - 0xF10], 0);

    /* A second IDAW not on a 2K boundary: program check after the first
     * block was transferred. */
    memset(m->mem + 0x7000, 0, 0x800);
    st_be32(m->mem + 0x3404, 0x7010);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m) & CS_PROGRAM_CHECK, CS_PROGRAM_CHECK);
    CU_ASSERT_EQUAL(m->mem[0x7010], 0);
    /* An IDAW list not on a word boundary. */
    ccw1(m, CCW_AT, 0x02, CCW_IDA, 5000, 0x3402);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), CS_PROGRAM_CHECK);
    done(m);
}

/* Program checks for bad channel programs: every one must end as status,
 * never as a host access outside storage (1M here). */
static void test_program_checks(void)
{
    static const struct {
        const char *what;
        uint32_t orbw1, cpa;
        uint8_t  raw[8];
        uint32_t cpa_out;
    } v[] = {
        { "CCW beyond storage", 0x00800000, 0x00F00000, { 0 }, 0x00F00008 },
        { "CCW beyond 2G", 0x00800000, 0x7FFFFFF8, { 0 }, 0x80000000 },
        { "CCW not on doubleword", 0x00800000, CCW_AT + 4, { 0 }, CCW_AT + 12 },
        { "data beyond storage", 0x00800000, CCW_AT, { 0x02, 0, 0, 16, 0x00, 0x0F, 0xFF, 0xF8 },
          CCW_AT + 8 },
        { "data crosses the end", 0x00800000, CCW_AT, { 0x02, 0, 0, 16, 0x00, 0x0F, 0xFF, 0xF8 },
          CCW_AT + 8 },
        { "fmt1 data bit 0", 0x00800000, CCW_AT, { 0x02, 0, 0, 4, 0x80, 0, 0x50, 0 }, CCW_AT + 8 },
        { "command code 00", 0x00800000, CCW_AT, { 0x00, 0, 0, 4, 0, 0, 0x50, 0 }, CCW_AT + 8 },
        { "fmt1 flag bit 15", 0x00800000, CCW_AT, { 0x02, 0x01, 0, 4, 0, 0, 0x50, 0 }, CCW_AT + 8 },
        { "fmt1 count 0 with CD", 0x00800000, CCW_AT, { 0x02, 0x80, 0, 0, 0, 0, 0x50, 0 },
          CCW_AT + 8 },
        { "fmt0 count 0", 0, CCW_AT, { 0x02, 0, 0x50, 0, 0, 0, 0, 0 }, CCW_AT + 8 },
        { "suspend flag, ORB S 0", 0x00800000, CCW_AT, { 0x02, 0x02, 0, 4, 0, 0, 0x50, 0 },
          CCW_AT + 8 },
        { "IDAW bit 0", 0x00800000, CCW_AT, { 0x02, 0x04, 0, 4, 0, 0, 0x34, 0x10 }, CCW_AT + 8 },
        { "IDAW beyond storage", 0x00800000, CCW_AT, { 0x02, 0x04, 0, 4, 0, 0, 0x34, 0x14 },
          CCW_AT + 8 },
    };
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        Fake *f;
        Machine *m = io_machine(&f);
        f->rlen = 64;
        st_be32(m->mem + 0x3410, 0x80005000);
        st_be32(m->mem + 0x3414, 0x00F00000);
        memcpy(m->mem + CCW_AT, v[i].raw, 8);
        put_orb(m, 0, v[i].orbw1, v[i].cpa);
        CU_ASSERT_EQUAL(SSCH(m), 0);
        CU_ASSERT_EQUAL(TSCH(m), 0);
        if (irb_cstat(m) != CS_PROGRAM_CHECK || irb_cpa(m) != v[i].cpa_out)
            fprintf(stderr, "\n  %s: cstat %02X cpa %08X\n", v[i].what, irb_cstat(m), irb_cpa(m));
        CU_ASSERT_EQUAL(irb_cstat(m), CS_PROGRAM_CHECK);
        CU_ASSERT_EQUAL(irb_cpa(m), v[i].cpa_out);
        CU_ASSERT_TRUE(irb_ctrl(m) & SC_ALERT);
        done(m);
    }
}

static void test_protection(void)
{
    Fake *f;
    Machine *m = io_machine(&f);
    memcpy(f->rdata, "DATA", 4);
    f->rlen = 4;
    m->keys[DATA_AT >> 11] = 0x30;                          /* key 3 */
    ccw1(m, CCW_AT, 0x02, 0, 4, DATA_AT);
    /* Key 2 may not store into key-3 storage. */
    put_orb(m, 0, 0x20800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), CS_PROTECTION);
    CU_ASSERT_EQUAL(m->mem[DATA_AT], 0);
    /* Key 3 and key 0 may. */
    put_orb(m, 0, 0x30800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT, "DATA", 4), 0);
    CU_ASSERT_EQUAL(m->keys[DATA_AT >> 11], 0x30 | SK_REF | SK_CHANGE);
    /* Fetching from key-3 storage with key 2: allowed unless fetch
     * protected. */
    ccw1(m, CCW_AT, 0x01, 0, 4, DATA_AT);
    put_orb(m, 0, 0x20800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);
    m->keys[DATA_AT >> 11] = 0x30 | SK_FETCH;
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), CS_PROTECTION);
    /* The CCW itself in fetch-protected storage. */
    m->keys[CCW_AT >> 11] = 0x50 | SK_FETCH;
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), CS_PROTECTION);
    CU_ASSERT_EQUAL(f->ncmd, 4);                     /* not started */
    done(m);
}

static void test_unit_check_and_sense(void)
{
    Fake *f;
    Machine *m = io_machine(&f);
    ccw1(m, CCW_AT, 0x13, CCW_CC, 0, 0);            /* rejected */
    ccw1(m, CCW_AT + 8, 0x03, 0, 0, 0);
    put_orb(m, 0, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(f->ncmd, 1);                     /* chaining suppressed */
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_dstat(m), US_CE_DE | US_UNIT_CHECK);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);
    CU_ASSERT_TRUE(irb_ctrl(m) & SC_ALERT);
    CU_ASSERT_EQUAL(ld_be32(m->mem + IRB_AT + 16), 0);   /* no concurrent sense */
    /* Sense returns command reject, then it is reset. */
    ccw1(m, CCW_AT, 0x04, CCW_CC | CCW_SLI, 1, DATA_AT);
    ccw1(m, CCW_AT + 8, 0x04, CCW_SLI, 1, DATA_AT + 1);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(m->mem[DATA_AT], SNS0_CMD_REJECT);
    CU_ASSERT_EQUAL(m->mem[DATA_AT + 1], 0);
    /* Sense ID. */
    ccw1(m, CCW_AT, 0xE4, CCW_SLI, 256, DATA_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_count(m), 256 - 7);
    CU_ASSERT_EQUAL(m->mem[DATA_AT], 0xFF);
    CU_ASSERT_EQUAL(m->mem[DATA_AT + 4], 0x99);
    /* Concurrent sense: the sense bytes come in the IRB. */
    CU_ASSERT_EQUAL(STSCH(m), 0);
    m->mem[SCHIB_AT + 27] = 0x01;
    CU_ASSERT_EQUAL(MSCH(m), 0);
    ccw1(m, CCW_AT, 0x13, 0, 0, 0);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(ld_be32(m->mem + IRB_AT + 16), 0x01010000);
    CU_ASSERT_EQUAL(m->mem[IRB_AT + 32], SNS0_CMD_REJECT);
    done(m);
}

static void test_status_modifier_and_unit_exception(void)
{
    Fake *f;
    Machine *m = io_machine(&f);
    ccw1(m, CCW_AT, 0x17, CCW_CC, 0, 0);            /* status modifier */
    ccw1(m, CCW_AT + 8, 0x13, 0, 0, 0);              /* skipped */
    ccw1(m, CCW_AT + 16, 0x03, 0, 0, 0);
    put_orb(m, 0, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(f->ncmd, 2);
    CU_ASSERT_EQUAL(f->cmd[1], 0x03);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cpa(m), CCW_AT + 24);
    CU_ASSERT_EQUAL(irb_dstat(m), US_CE_DE);

    f->ncmd = 0;
    ccw1(m, CCW_AT, 0x1B, CCW_CC, 0, 0);            /* unit exception */
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(f->ncmd, 1);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_dstat(m), US_CE_DE | US_UNIT_EXCEPTION);
    done(m);
}

static void test_suspend_resume(void)
{
    Fake *f;
    Machine *m = io_machine(&f);
    ccw1(m, CCW_AT, 0x03, CCW_CC, 0, 0);
    ccw1(m, CCW_AT + 8, 0x03, CCW_S, 0, 0);
    put_orb(m, 0, 0x08800000, CCW_AT);             /* S, format 1 */
    CU_ASSERT_EQUAL(RSCH(m), 2);                    /* nothing to resume */
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(f->ncmd, 1);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_ctrl(m), FC_START | AC_SUSPENDED | SC_INTERMEDIATE | SC_PENDING);
    CU_ASSERT_EQUAL(irb_cpa(m), CCW_AT + 16);
    CU_ASSERT_EQUAL(irb_flags(m) & 0x0800, 0x0800); /* S in the SCSW */
    CU_ASSERT_EQUAL(MSCH(m), 2);                    /* start function in progress */
    CU_ASSERT_EQUAL(SSCH(m), 2);
    /* Resumed with the S flag still on: it suspends again. */
    CU_ASSERT_EQUAL(RSCH(m), 0);
    CU_ASSERT_EQUAL(f->ncmd, 1);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_ctrl(m) & AC_SUSPENDED, AC_SUSPENDED);
    /* The program clears the flag and resumes: it ends. */
    ccw1(m, CCW_AT + 8, 0x03, 0, 0, 0);
    CU_ASSERT_EQUAL(RSCH(m), 0);
    CU_ASSERT_EQUAL(f->ncmd, 2);
    CU_ASSERT_EQUAL(RSCH(m), 1);                    /* status pending */
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_ctrl(m), FINAL);
    CU_ASSERT_EQUAL(irb_cpa(m), CCW_AT + 16);
    CU_ASSERT_EQUAL(RSCH(m), 2);

    /* Suppress-suspended-interruption (ORB U): no status on suspension. */
    ccw1(m, CCW_AT + 8, 0x03, CCW_S, 0, 0);
    put_orb(m, 0, 0x08880000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 1);
    CU_ASSERT_EQUAL(irb_ctrl(m), FC_START | AC_SUSPENDED);
    /* HSCH ends the suspended program. */
    CU_ASSERT_EQUAL(HSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_ctrl(m) & (FC_START | FC_HALT | SC_PENDING), FC_START | FC_HALT | SC_PENDING);
    CU_ASSERT_EQUAL(irb_ctrl(m) & AC_SUSPENDED, 0);
    CU_ASSERT_TRUE(f->halts >= 1);
    done(m);
}

static void test_hsch_csch(void)
{
    Fake *f;
    Machine *m = io_machine(&f);
    /* HSCH on an idle subchannel: status pending alone, halt function. */
    CU_ASSERT_EQUAL(HSCH(m), 0);
    CU_ASSERT_EQUAL(HSCH(m), 1);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_ctrl(m), FC_HALT | SC_PENDING);
    /* CSCH withdraws pending status and ends in the clear function. */
    ccw1(m, CCW_AT, 0x03, 0, 0, 0);
    put_orb(m, 0, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(CSCH(m), 0);
    CU_ASSERT_EQUAL(f->resets, 1);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_ctrl(m), FC_CLEAR | SC_PENDING);
    CU_ASSERT_EQUAL(TSCH(m), 1);
    CU_ASSERT_EQUAL(io_insn(m, 0x30, SCH1 | 9, 0), 3);
    done(m);
}

/* ---- Interruptions --------------------------------------------------------- */

/* Start a one-CCW program on subchannel `sch` with interruption parameter
 * `parm`. */
static void start_nop(Machine *m, unsigned sch, uint32_t parm)
{
    ccw1(m, CCW_AT, 0x03, 0, 0, 0);
    put_orb(m, parm, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(io_insn(m, 0x33, SCH1 | sch, ORB_AT), 0);
}

/* Load an enabled-wait PSW with the I/O mask and run: the interruption,
 * if taken, loads the I/O new PSW, a disabled wait at 0x0E00. */
static StopReason wait_for_io(Machine *m)
{
    Cpu *c = m->cpu;
    uint8_t newpsw[8] = { 0x00, 0x0A, 0, 0, 0x80, 0, 0x0E, 0x00 };
    memcpy(m->mem + PSA_IO_NEW, newpsw, 8);
    uint8_t psw[8] = { 0x02, 0x0A, 0, 0, 0x80, 0, 0x12, 0x34 };
    psw_load(c, psw);
    c->max_insns = c->icount + 10;
    return cpu_run(c);
}

static void test_isc_masking(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    add_fake(m, 0x0100);
    add_fake(m, 0x0101);
    enable(m, 5);
    m->cpu->gr[1] = SCH1 | 1;                        /* subchannel 1: ISC 2 */
    CU_ASSERT_EQUAL(io_insn(m, 0x34, SCH1 | 1, SCHIB_AT), 0);
    m->mem[SCHIB_AT + 4] = 2 << 3;
    m->mem[SCHIB_AT + 5] |= 0x80;
    CU_ASSERT_EQUAL(io_insn(m, 0x32, SCH1 | 1, SCHIB_AT), 0);

    Cpu *c = m->cpu;
    start_nop(m, 0, 0xAAAA0000);
    start_nop(m, 1, 0xBBBB0001);
    CU_ASSERT_TRUE(c->io_pending);
    /* CR6 enables neither subclass: no interruption, an idle wait. */
    c->cr[6] = 0x01000000;                           /* ISC 7 only */
    CU_ASSERT_EQUAL(wait_for_io(m), STOP_IDLE_WAIT);
    CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_IO_SSID), 0);
    /* TPI sees nothing either. */
    CU_ASSERT_EQUAL(s_insn(m, 0xB2, 0x36, 0), 0);
    CU_ASSERT_EQUAL(c->cc, 0);
    /* Enable ISC 5 and 2: ISC 2 (subchannel 1) comes first, although it
     * was queued second. */
    c->cr[6] = 0x24000000;
    CU_ASSERT_EQUAL(wait_for_io(m), STOP_DISABLED_WAIT);
    CU_ASSERT_EQUAL(c->ia, 0x0E00);
    CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_IO_SSID), SCH1 | 1);
    CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_IO_PARM), 0xBBBB0001);
    CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_IO_OLD), 0x020A0000);     /* the wait PSW */
    CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_IO_OLD + 4), 0x80001234);
    CU_ASSERT_EQUAL(wait_for_io(m), STOP_DISABLED_WAIT);
    CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_IO_SSID), SCH1);
    CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_IO_PARM), 0xAAAA0000);
    CU_ASSERT_FALSE(c->io_pending);
    /* The requests are gone but the status stays until TSCH. */
    CU_ASSERT_EQUAL(io_insn(m, 0x35, SCH1 | 1, IRB_AT), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);

    /* TPI: to the PSA when the address is 0, to storage otherwise; it
     * respects CR6 too. */
    start_nop(m, 1, 0xCCCC0002);
    c->cr[6] = 0x04000000;                           /* ISC 5 */
    CU_ASSERT_EQUAL(s_insn(m, 0xB2, 0x36, 0), 0);
    CU_ASSERT_EQUAL(c->cc, 0);
    c->cr[6] = 0x20000000;                           /* ISC 2 */
    st_be32(m->mem + PSA_IO_SSID, 0);
    CU_ASSERT_EQUAL(s_insn(m, 0xB2, 0x36, 0), 0);
    CU_ASSERT_EQUAL(c->cc, 1);
    CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_IO_SSID), SCH1 | 1);
    CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_IO_PARM), 0xCCCC0002);
    CU_ASSERT_EQUAL(s_insn(m, 0xB2, 0x36, 0), 0);
    CU_ASSERT_EQUAL(c->cc, 0);                       /* the request was taken */
    CU_ASSERT_EQUAL(io_insn(m, 0x35, SCH1 | 1, IRB_AT), 0);   /* status remains */
    start_nop(m, 1, 0xDDDD0003);
    CU_ASSERT_EQUAL(s_insn(m, 0xB2, 0x36, 0x600), 0);
    CU_ASSERT_EQUAL(c->cc, 1);
    CU_ASSERT_EQUAL(ld_be32(m->mem + 0x600), SCH1 | 1);
    CU_ASSERT_EQUAL(ld_be32(m->mem + 0x604), 0xDDDD0003);
    CU_ASSERT_EQUAL(s_insn(m, 0xB2, 0x36, 0x602), PGM_SPECIFICATION);
    done(m);
}

/* I/O assist (SIE.md §4 IOA, cpu370/channel.c sees()): a subchannel the
 * host's MSCH assigned to a zone's guest (PMCW byte 24 zone, byte 27 X'80'
 * I) keeps its interruptions for that guest; the host's TPI and I/O
 * interruptions pass it by; TPZI's css_zone_pending() reports it; a
 * guest's MSCH cannot change the assignment. */
static void test_zone_assignment(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    add_fake(m, 0x0100);
    add_fake(m, 0x0101);
    enable(m, 0);
    Cpu *c = m->cpu;
    c->cr[6] = 0xFF000000;
    /* Subchannel 1: ISC 1, zone 2, I. */
    CU_ASSERT_EQUAL(io_insn(m, 0x34, SCH1 | 1, SCHIB_AT), 0);
    m->mem[SCHIB_AT + 4] = 1 << 3;
    m->mem[SCHIB_AT + 5] |= 0x80;
    m->mem[SCHIB_AT + 24] = 2;
    m->mem[SCHIB_AT + 27] = 0x80;
    CU_ASSERT_EQUAL(io_insn(m, 0x32, SCH1 | 1, SCHIB_AT), 0);
    /* A zone number of 8 or more is reserved: operand exception. */
    m->mem[SCHIB_AT + 24] = 8;
    CU_ASSERT_EQUAL(io_insn(m, 0x32, SCH1 | 1, SCHIB_AT), 100 + PGM_OPERAND);

    start_nop(m, 1, 0x22220001);
    CU_ASSERT_FALSE(c->io_pending);                  /* not the host's */
    CU_ASSERT_EQUAL(s_insn(m, 0xB2, 0x36, 0x600), 0);
    CU_ASSERT_EQUAL(c->cc, 0);
    uint32_t code[3] = { 0 };
    CU_ASSERT_FALSE(css_zone_pending(m, 1, code));
    CU_ASSERT_TRUE(css_zone_pending(m, 2, code));
    CU_ASSERT_EQUAL(code[0], SCH1 | 1);
    CU_ASSERT_EQUAL(code[1], 0x22220001);
    CU_ASSERT_EQUAL(code[2], 1u << 27);
    Subchannel *s1 = css_subchannel(m, SCH1 | 1);
    CU_ASSERT_TRUE(css_assigned(s1, 2));
    CU_ASSERT_FALSE(css_assigned(s1, 0));
    /* The host's own subchannel 0 still interrupts the host. */
    start_nop(m, 0, 0x00000000);
    CU_ASSERT_TRUE(c->io_pending);
    CU_ASSERT_EQUAL(s_insn(m, 0xB2, 0x36, 0x600), 0);
    CU_ASSERT_EQUAL(c->cc, 1);
    CU_ASSERT_EQUAL(ld_be32(m->mem + 0x600), SCH1);
    CU_ASSERT_FALSE(c->io_pending);

    /* The CPU as zone 2's guest (what SIE sets) takes the request. */
    c->io_assist = true;
    c->io_zone = 2;
    CU_ASSERT_EQUAL(s_insn(m, 0xB2, 0x36, 0x600), 0);
    CU_ASSERT_EQUAL(c->cc, 1);
    CU_ASSERT_EQUAL(ld_be32(m->mem + 0x600), SCH1 | 1);
    CU_ASSERT_EQUAL(ld_be32(m->mem + 0x604), 0x22220001);
    CU_ASSERT_FALSE(css_zone_pending(m, 2, code));
    /* Its MSCH changes the parameter, not the zone or the I bit. */
    CU_ASSERT_EQUAL(io_insn(m, 0x35, SCH1 | 1, IRB_AT), 0);
    CU_ASSERT_EQUAL(io_insn(m, 0x34, SCH1 | 1, SCHIB_AT), 0);
    st_be32(m->mem + SCHIB_AT, 0x5151);
    m->mem[SCHIB_AT + 24] = 0;
    m->mem[SCHIB_AT + 27] = 0;
    CU_ASSERT_EQUAL(io_insn(m, 0x32, SCH1 | 1, SCHIB_AT), 0);
    c->io_assist = false;
    CU_ASSERT_EQUAL(io_insn(m, 0x34, SCH1 | 1, SCHIB_AT), 0);
    CU_ASSERT_EQUAL(ld_be32(m->mem + SCHIB_AT), 0x5151);
    CU_ASSERT_EQUAL(m->mem[SCHIB_AT + 24], 2);
    CU_ASSERT_EQUAL(m->mem[SCHIB_AT + 27], 0x80);
    /* The host's MSCH gives it back to the host. */
    m->mem[SCHIB_AT + 24] = 0;
    m->mem[SCHIB_AT + 27] = 0;
    CU_ASSERT_EQUAL(io_insn(m, 0x32, SCH1 | 1, SCHIB_AT), 0);
    CU_ASSERT_FALSE(css_assigned(s1, 2));
    done(m);
}

static void test_pci_interruption(void)
{
    Fake *f;
    Machine *m = io_machine(&f);
    Cpu *c = m->cpu;
    c->cr[6] = 0x10000000;                           /* ISC 3 */
    ccw1(m, CCW_AT, 0x03, CCW_CC | CCW_PCI, 0, 0);
    ccw1(m, CCW_AT + 8, 0x03, 0, 0, 0);
    put_orb(m, 0x5C1, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(wait_for_io(m), STOP_DISABLED_WAIT);   /* the PCI interruption */
    CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_IO_PARM), 0x5C1);
    CU_ASSERT_EQUAL(f->ncmd, 1);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), CS_PCI);
    CU_ASSERT_EQUAL(irb_ctrl(m) & SC_PRIMARY, 0);
    CU_ASSERT_EQUAL(wait_for_io(m), STOP_DISABLED_WAIT);   /* the final one */
    CU_ASSERT_EQUAL(f->ncmd, 2);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_ctrl(m), FINAL);

    /* Stalled, with the PCI interruption masked: an enabled wait lets the
     * program finish rather than wait forever. */
    c->cr[6] = 0;
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(f->ncmd, 3);
    CU_ASSERT_EQUAL(wait_for_io(m), STOP_IDLE_WAIT);
    CU_ASSERT_EQUAL(f->ncmd, 4);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_ctrl(m), FINAL | SC_INTERMEDIATE);
    done(m);
}

/* A channel program that never ends must not hang the host: the channel
 * gives the CPU back, the subchannel stays busy, HSCH ends it; a data
 * chain that loops ends in a chaining check. */
static void test_endless_programs(void)
{
    Fake *f;
    Machine *m = io_machine(&f);
    ccw1(m, CCW_AT, 0x03, CCW_CC, 0, 0);
    ccw1(m, CCW_AT + 8, 0x08, 0, 0, CCW_AT);
    put_orb(m, 0, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 1);                     /* still running */
    CU_ASSERT_EQUAL(irb_ctrl(m) & (FC_START | AC_SUBCH_ACTIVE), FC_START | AC_SUBCH_ACTIVE);
    CU_ASSERT_EQUAL(SSCH(m), 2);
    CU_ASSERT_EQUAL(wait_for_io(m), STOP_IDLE_WAIT); /* an endless wait, not a hang */
    CU_ASSERT_EQUAL(HSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_ctrl(m) & (FC_HALT | SC_PENDING), FC_HALT | SC_PENDING);
    CU_ASSERT_TRUE(f->halts >= 1);

    /* A write whose data chain TICs back to itself. */
    ccw1(m, CCW_AT, 0x01, CCW_CD, 1, DATA_AT);
    ccw1(m, CCW_AT + 8, 0x08, 0, 0, CCW_AT);
    ccw1(m, CCW_AT + 0x40, 0x01, CCW_CD, 1, DATA_AT);
    ccw1(m, CCW_AT + 0x48, 0x08, 0, 0, CCW_AT + 0x40);
    put_orb(m, 0, 0x00800000, CCW_AT + 0x40);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), CS_CHAINING);
    done(m);
}

/* ---- S/370 channel I/O ------------------------------------------------------ */

static int s370_io(Machine *m, uint8_t op, uint8_t ext, uint32_t addr)
{
    int pgm = s_insn(m, op, ext, addr);
    return pgm ? 100 + pgm : m->cpu->cc;
}

#define SIO(m, a) s370_io(m, 0x9C, 0x00, a)
#define TIO(m, a) s370_io(m, 0x9D, 0x00, a)
#define HIO(m, a) s370_io(m, 0x9E, 0x00, a)
#define TCH(m, a) s370_io(m, 0x9F, 0x00, a)

static uint32_t csw0(Machine *m) { return ld_be32(m->mem + PSA_CSW); }
static uint32_t csw1(Machine *m) { return ld_be32(m->mem + PSA_CSW + 4); }

static void test_s370_sio_tio(void)
{
    Machine *m = tm_new(ARCH_S370);
    Fake *f = add_fake(m, 0x0109);
    memcpy(m->mem + DATA_AT, "\xC8\xC9", 2);
    ccw0(m, CCW_AT, 0x09, DATA_AT, 0, 2);
    st_be32(m->mem + PSA_CAW, 0x30000000 | CCW_AT);         /* key 3 */

    CU_ASSERT_EQUAL(TCH(m, 0x100), 0);
    CU_ASSERT_EQUAL(SIO(m, 0x109), 0);                       /* started */
    CU_ASSERT_EQUAL(f->wlen, 2);
    CU_ASSERT_EQUAL(TCH(m, 0x100), 1);                       /* interruption pending */
    CU_ASSERT_EQUAL(TCH(m, 0x500), 3);
    CU_ASSERT_EQUAL(SIO(m, 0x10A), 3);
    CU_ASSERT_EQUAL(TIO(m, 0x10A), 3);
    /* TIO takes the pending status into the CSW. */
    st_be32(m->mem + PSA_CSW, 0);
    CU_ASSERT_EQUAL(TIO(m, 0x109), 1);
    CU_ASSERT_EQUAL(csw0(m), 0x30000000 | (CCW_AT + 8));
    CU_ASSERT_EQUAL(csw1(m), 0x0C000000);                    /* CE DE, count 0 */
    CU_ASSERT_EQUAL(TIO(m, 0x109), 0);
    CU_ASSERT_EQUAL(TCH(m, 0x100), 0);

    /* An immediate command alone: CSW stored by SIO itself. */
    ccw0(m, CCW_AT, 0x03, 0, CCW_SLI, 1);
    CU_ASSERT_EQUAL(SIO(m, 0x109), 1);
    CU_ASSERT_EQUAL(csw1(m), 0x0C000001);
    CU_ASSERT_EQUAL(TIO(m, 0x109), 0);
    /* A rejected command: unit check in the CSW. */
    ccw0(m, CCW_AT, 0x13, 0, 0, 1);
    CU_ASSERT_EQUAL(SIO(m, 0x109), 1);
    CU_ASSERT_EQUAL(m->mem[PSA_CSW + 4], US_CE_DE | US_UNIT_CHECK);
    /* Invalid CAW (bits 4-7), and a bad first CCW: program check. */
    st_be32(m->mem + PSA_CAW, 0x01000000 | CCW_AT);
    CU_ASSERT_EQUAL(SIO(m, 0x109), 1);
    CU_ASSERT_EQUAL(m->mem[PSA_CSW + 5], CS_PROGRAM_CHECK);
    st_be32(m->mem + PSA_CAW, CCW_AT);
    ccw0(m, CCW_AT, 0x09, DATA_AT, 0x02, 2);                  /* S/370: bit 38 */
    CU_ASSERT_EQUAL(SIO(m, 0x109), 1);
    CU_ASSERT_EQUAL(m->mem[PSA_CSW + 5], CS_PROGRAM_CHECK);
    CU_ASSERT_EQUAL(csw0(m), CCW_AT + 8);
    ccw0(m, CCW_AT, 0x09, DATA_AT, 0, 0);                     /* count 0 */
    CU_ASSERT_EQUAL(SIO(m, 0x109), 1);
    CU_ASSERT_EQUAL(m->mem[PSA_CSW + 5], CS_PROGRAM_CHECK);
    /* Status pending from a previous operation: SIO answers busy. */
    ccw0(m, CCW_AT, 0x09, DATA_AT, 0, 2);
    CU_ASSERT_EQUAL(SIO(m, 0x109), 0);
    CU_ASSERT_EQUAL(SIO(m, 0x109), 1);
    CU_ASSERT_EQUAL(m->mem[PSA_CSW + 4], US_CE_DE | US_BUSY);
    CU_ASSERT_EQUAL(TIO(m, 0x109), 0);
    CU_ASSERT_EQUAL(HIO(m, 0x109), 0);
    /* The ESA/390 instructions do not exist in S/370 mode. */
    CU_ASSERT_EQUAL(s_insn(m, 0xB2, 0x33, ORB_AT), PGM_OPERATION);
    done(m);
}

static void test_s370_interruption(void)
{
    Machine *m = tm_new(ARCH_S370);
    Cpu *c = m->cpu;
    add_fake(m, 0x0109);
    ccw0(m, CCW_AT, 0x09, DATA_AT, CCW_SLI, 2);
    st_be32(m->mem + PSA_CAW, CCW_AT);
    CU_ASSERT_EQUAL(SIO(m, 0x109), 0);

    /* BC mode: masked by channel 1's mask bit (PSW bit 1) ... */
    uint8_t newpsw[8] = { 0x00, 0x02, 0, 0, 0, 0, 0x0E, 0x00 };
    memcpy(m->mem + PSA_IO_NEW, newpsw, 8);
    uint8_t masked[8] = { 0x80, 0x02, 0, 0, 0, 0, 0x12, 0x34 };   /* channel 0 only */
    psw_load(c, masked);
    c->max_insns = c->icount + 10;
    CU_ASSERT_EQUAL(cpu_run(c), STOP_IDLE_WAIT);
    uint8_t open[8] = { 0x40, 0x02, 0, 0, 0, 0, 0x12, 0x34 };     /* channel 1 */
    psw_load(c, open);
    CU_ASSERT_EQUAL(cpu_run(c), STOP_DISABLED_WAIT);
    CU_ASSERT_EQUAL(c->ia, 0x0E00);
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_IO_OLD + 2), 0x0109);     /* device address */
    CU_ASSERT_EQUAL(csw0(m), CCW_AT + 8);
    CU_ASSERT_EQUAL(csw1(m), 0x0C000000);
    CU_ASSERT_EQUAL(TIO(m, 0x109), 0);                              /* taken */

    /* EC mode: CR2 masks channels; the address goes to X'BA'. */
    CU_ASSERT_EQUAL(SIO(m, 0x109), 0);
    uint8_t ec[8] = { 0x02, 0x0A, 0, 0, 0, 0, 0x12, 0x34 };
    c->cr[2] = 0x80000000;                                          /* channel 0 */
    psw_load(c, ec);
    c->max_insns = c->icount + 10;
    CU_ASSERT_EQUAL(cpu_run(c), STOP_IDLE_WAIT);
    c->cr[2] = 0x40000000;                                          /* channel 1 */
    psw_load(c, ec);
    CU_ASSERT_EQUAL(cpu_run(c), STOP_DISABLED_WAIT);
    CU_ASSERT_EQUAL(ld_be16(m->mem + PSA_IO_DEVADDR), 0x0109);
    done(m);
}

/* ---- IPL and the devices of console/ ------------------------------------- */

/* Write a deck of 80-byte cards to a temporary file; returns its path. */
static void write_deck(char *path, const uint8_t (*cards)[80], unsigned n)
{
    strcpy(path, "/tmp/ipx-deck-XXXXXX");
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL(write(fd, cards, 80u * n), (ssize_t)(80u * n));
    close(fd);
}

static void test_ipl_from_reader(void)
{
    for (int arch = 0; arch < 2; arch++) {
        uint8_t cards[3][80];
        memset(cards, 0x40, sizeof cards);
        /* Card 1: PSW, then read card 2 to X'2000' (chained), card 3 to
         * X'2050'. */
        uint8_t esa_psw[8] = { 0x00, 0x0A, 0, 0, 0x80, 0, 0x20, 0x00 };
        uint8_t bc_psw[8] = { 0x00, 0x02, 0, 0, 0, 0, 0x20, 0x00 };
        memcpy(cards[0], arch ? esa_psw : bc_psw, 8);
        uint8_t c1[8] = { 0x02, 0x00, 0x20, 0x00, CCW_CC | CCW_SLI, 0, 0, 80 };
        uint8_t c2[8] = { 0x02, 0x00, 0x20, 0x50, CCW_SLI, 0, 0, 80 };
        memcpy(cards[0] + 8, c1, 8);
        memcpy(cards[0] + 16, c2, 8);
        memset(cards[1], 0xC1, 80);
        memset(cards[2], 0xC2, 80);
        char path[64];
        write_deck(path, (const uint8_t (*)[80])cards, 3);

        Machine *m = tm_new(arch ? ARCH_ESA390 : ARCH_S370);
        add_fake(m, 0x0009);                         /* subchannel 0 */
        char err[200];
        Device *rdr = reader_new(0x000C, "3505", path, CARD_AUTO, err, sizeof err);
        CU_ASSERT_FATAL(rdr != NULL);
        CU_ASSERT_EQUAL(css_attach(m, rdr), 0);
        CU_ASSERT_EQUAL(machine_ipl(m, 0x000D, NULL), -1);
        CU_ASSERT_EQUAL(machine_ipl(m, 0x000C, "LOADP"), 0);
        Cpu *c = m->cpu;
        CU_ASSERT_EQUAL(c->ia, 0x2000);
        CU_ASSERT_TRUE(psw_wait(c));
        CU_ASSERT_EQUAL(m->mem[0x2000], 0xC1);
        CU_ASSERT_EQUAL(m->mem[0x204F], 0xC1);
        CU_ASSERT_EQUAL(m->mem[0x2050], 0xC2);
        CU_ASSERT_EQUAL(m->mem[0x209F], 0xC2);
        CU_ASSERT_EQUAL(m->mem[0x20A0], 0);
        CU_ASSERT_FALSE(c->io_pending);
        if (arch) {
            CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_IO_SSID), SCH1 | 1);
            CU_ASSERT_EQUAL(ld_be32(m->mem + PSA_IO_PARM), 0);
        } else {
            CU_ASSERT_EQUAL(ld_be16(m->mem + 2), 0x000C);
        }
        CU_ASSERT_STRING_EQUAL(css_loadparm(m), "LOADP   ");
        /* The deck is used up: IPL again fails with unit exception. */
        CU_ASSERT_EQUAL(machine_ipl(m, 0x000C, NULL), -1);
        CU_ASSERT_PTR_NOT_NULL(strstr(machine_ipl_error(m), "device status 0D"));
        done(m);
        unlink(path);
    }
}

static void test_console_3215(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    FILE *out = tmpfile(), *in = tmpfile();
    CU_ASSERT_FATAL(out && in);
    fputs("abc\nsecond line\n", in);
    rewind(in);
    char err[200];
    Device *con = con3215_new(0x0009, "3215", in, out, err, sizeof err);
    CU_ASSERT_FATAL(con != NULL);
    CU_ASSERT_EQUAL(css_attach(m, con), 0);
    enable(m, 0);

    /* "HI " (no CR), "THERE" with CR; a data-chained write. */
    memcpy(m->mem + DATA_AT, "\xC8\xC9\x40", 3);
    memcpy(m->mem + DATA_AT + 16, "\xE3\xC8\xC5\xD9\xC5", 5);
    ccw1(m, CCW_AT, 0x01, CCW_CC, 3, DATA_AT);
    ccw1(m, CCW_AT + 8, 0x09, CCW_CD, 2, DATA_AT + 16);
    ccw1(m, CCW_AT + 16, 0x00, 0, 3, DATA_AT + 18);
    put_orb(m, 0, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_dstat(m), US_CE_DE);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);
    /* Read: "abc" in EBCDIC, residual 7 with SLI. */
    ccw1(m, CCW_AT, 0x0A, CCW_SLI, 10, DATA_AT + 0x100);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT + 0x100, "\x81\x82\x83", 3), 0);
    CU_ASSERT_EQUAL(irb_count(m), 7);
    /* A line longer than the count: incorrect length. */
    ccw1(m, CCW_AT, 0x0A, 0, 6, DATA_AT + 0x100);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), CS_INCORRECT_LEN);
    /* End of input: unit exception. */
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_dstat(m), US_CE_DE | US_UNIT_EXCEPTION);
    /* Operator input: attention, then the read returns it. */
    CU_ASSERT_TRUE(con3215_input(con, "XY"));
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_dstat(m), US_ATTENTION);
    CU_ASSERT_EQUAL(irb_ctrl(m), SC_ALERT | SC_PENDING);
    ccw1(m, CCW_AT, 0x0A, CCW_SLI, 10, DATA_AT + 0x100);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT + 0x100, "\xE7\xE8", 2), 0);
    /* Sense ID, invalid command. */
    ccw1(m, CCW_AT, 0xE4, CCW_SLI, 7, DATA_AT + 0x200);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT + 0x200, "\xFF\x32\x15\x00\x32\x15\x00", 7), 0);
    ccw1(m, CCW_AT, 0x05, 0, 1, DATA_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_dstat(m), US_CE_DE | US_UNIT_CHECK);

    char text[64] = { 0 };
    rewind(out);
    size_t n = fread(text, 1, sizeof text - 1, out);
    CU_ASSERT_EQUAL(n, strlen("HI THERE\n"));
    CU_ASSERT_STRING_EQUAL(text, "HI THERE\n");
    done(m);
    fclose(in);
    fclose(out);
}

static void test_printer_and_punch(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    char prt[] = "/tmp/ipx-prt-XXXXXX", pch[] = "/tmp/ipx-pch-XXXXXX";
    close(mkstemp(prt));
    close(mkstemp(pch));
    char err[200];
    Device *p = printer_new(0x000E, "1403", prt, err, sizeof err);
    CU_ASSERT_FATAL(p != NULL);
    CU_ASSERT_EQUAL(css_attach(m, p), 0);
    enable(m, 0);
    memcpy(m->mem + DATA_AT, "\xD3\xC9\xD5\xC5\xF1\x40\x40", 7);        /* "LINE1  " */
    memcpy(m->mem + DATA_AT + 16, "\xD3\xC9\xD5\xC5\xF2", 5);
    ccw1(m, CCW_AT, 0x09, CCW_CC, 7, DATA_AT);            /* write, space 1 */
    ccw1(m, CCW_AT + 8, 0x89, CCW_CC, 5, DATA_AT + 16);    /* write, skip to 1 */
    ccw1(m, CCW_AT + 16, 0x13, 0, 1, DATA_AT);            /* space 2 now */
    put_orb(m, 0, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);                      /* immediate: no IL */
    CU_ASSERT_EQUAL(irb_dstat(m), US_CE_DE);

    char err2[200];
    Device *q = punch_new(0x000D, "3525", pch, CARD_ASCII, err2, sizeof err2);
    CU_ASSERT_FATAL(q != NULL);
    CU_ASSERT_EQUAL(css_attach(m, q), 0);
    CU_ASSERT_EQUAL(io_insn(m, 0x34, SCH1 | 1, SCHIB_AT), 0);
    m->mem[SCHIB_AT + 5] |= 0x80;
    CU_ASSERT_EQUAL(io_insn(m, 0x32, SCH1 | 1, SCHIB_AT), 0);
    memset(m->mem + DATA_AT, 0x40, 80);
    memcpy(m->mem + DATA_AT, "\xD7\xE4\xD5\xC3\xC8", 5);                /* PUNCH */
    ccw1(m, CCW_AT, 0x01, 0, 80, DATA_AT);
    CU_ASSERT_EQUAL(io_insn(m, 0x33, SCH1 | 1, ORB_AT), 0);
    CU_ASSERT_EQUAL(io_insn(m, 0x35, SCH1 | 1, IRB_AT), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);
    done(m);                                               /* closes the files */

    char text[64] = { 0 };
    FILE *f = fopen(prt, "r");
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_EQUAL(fread(text, 1, sizeof text - 1, f), 14);
    CU_ASSERT_STRING_EQUAL(text, "LINE1\nLINE2\f\n\n");
    fclose(f);
    memset(text, 0, sizeof text);
    f = fopen(pch, "r");
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_EQUAL(fread(text, 1, sizeof text - 1, f), 6);
    CU_ASSERT_STRING_EQUAL(text, "PUNCH\n");
    fclose(f);
    unlink(prt);
    unlink(pch);
}

static void test_reader_ascii_and_eof(void)
{
    char path[] = "/tmp/ipx-rdr-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    const char *text = "CARD ONE\n//GO\n";
    CU_ASSERT_EQUAL(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    Machine *m = tm_new(ARCH_ESA390);
    char err[200];
    Device *r = reader_new(0x000C, NULL, path, CARD_AUTO, err, sizeof err);
    CU_ASSERT_FATAL(r != NULL);
    CU_ASSERT_EQUAL(css_attach(m, r), 0);
    enable(m, 0);
    ccw1(m, CCW_AT, 0x02, CCW_CC, 80, DATA_AT);
    ccw1(m, CCW_AT + 8, 0x02, 0, 80, DATA_AT + 80);
    put_orb(m, 0, 0x00800000, CCW_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_cstat(m), 0);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT, "\xC3\xC1\xD9\xC4\x40\xD6\xD5\xC5\x40\x40", 10), 0);
    CU_ASSERT_EQUAL(m->mem[DATA_AT + 79], 0x40);
    CU_ASSERT_EQUAL(memcmp(m->mem + DATA_AT + 80, "\x61\x61\xC7\xD6\x40", 5), 0);
    ccw1(m, CCW_AT, 0x02, 0, 80, DATA_AT);
    CU_ASSERT_EQUAL(SSCH(m), 0);
    CU_ASSERT_EQUAL(TSCH(m), 0);
    CU_ASSERT_EQUAL(irb_dstat(m), US_CE_DE | US_UNIT_EXCEPTION);
    CU_ASSERT_EQUAL(irb_count(m), 80);
    CU_ASSERT_EQUAL(reader_new(0x000C, NULL, "/nonexistent/deck", CARD_AUTO, err, sizeof err), NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "/nonexistent/deck"));
    done(m);
    unlink(path);
}

void register_channel_tests(void)
{
    CU_pSuite s = CU_add_suite("channel", NULL, NULL);
    CU_add_test(s, "SSCH write, TSCH, condition codes", test_ssch_write_and_tsch);
    CU_add_test(s, "cc 3, operand/specification/privileged", test_subchannel_ccs_and_exceptions);
    CU_add_test(s, "STSCH and MSCH", test_stsch_msch);
    CU_add_test(s, "command chaining", test_command_chaining);
    CU_add_test(s, "data chaining", test_data_chaining);
    CU_add_test(s, "TIC, TIC to TIC, TIC first", test_tic);
    CU_add_test(s, "incorrect length and SLI", test_incorrect_length);
    CU_add_test(s, "immediate and control commands", test_immediate_and_control);
    CU_add_test(s, "skip", test_skip);
    CU_add_test(s, "read backward", test_read_backward);
    CU_add_test(s, "PCI intermediate status", test_pci_intermediate);
    CU_add_test(s, "IDAWs", test_idaw);
    CU_add_test(s, "channel-program checks", test_program_checks);
    CU_add_test(s, "protection check with the ORB key", test_protection);
    CU_add_test(s, "unit check, sense, concurrent sense", test_unit_check_and_sense);
    CU_add_test(s, "status modifier, unit exception", test_status_modifier_and_unit_exception);
    CU_add_test(s, "suspend and resume", test_suspend_resume);
    CU_add_test(s, "HSCH and CSCH", test_hsch_csch);
    CU_add_test(s, "interruption subclasses, CR6, TPI", test_isc_masking);
    CU_add_test(s, "I/O assist: subchannels assigned to a zone", test_zone_assignment);
    CU_add_test(s, "PCI interruption", test_pci_interruption);
    CU_add_test(s, "endless channel programs", test_endless_programs);
    CU_add_test(s, "S/370 SIO, TIO, TCH, CSW", test_s370_sio_tio);
    CU_add_test(s, "S/370 I/O interruption, channel masks", test_s370_interruption);
    CU_add_test(s, "IPL from the card reader", test_ipl_from_reader);
    CU_add_test(s, "3215 console", test_console_3215);
    CU_add_test(s, "1403 printer and 3525 punch", test_printer_and_punch);
    CU_add_test(s, "3505 reader: text deck, end of file", test_reader_ascii_and_eof);
}

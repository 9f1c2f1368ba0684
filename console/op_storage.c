/*
 * op_storage.c — operator commands on storage: r (real), v (virtual),
 * u (disassemble), loadcore, loadtext.
 *
 * Display lines have Hercules' layout: "R:00000300:K:06=" (address and
 * storage key), up to 16 bytes in hex with a blank after every word
 * boundary, padded to 36 columns, a blank, the bytes as EBCDIC text ('.'
 * where not printable).  A line never crosses a 4K boundary; a display
 * covers the range in whole lines (the last may run past its end).
 * Addresses are translated without side effects (peek.h).
 *
 * Object decks (loadtext): 80-byte cards, X'02' in column 1; a TXT card
 * holds a 24-bit address in columns 6-8, a byte count in columns 11-12 and
 * up to 56 bytes from column 17; END ends the deck (IBM's object module
 * format, as in the OS/VS Linkage Editor and Loader manuals).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/codepage.h"
#include "console/loader.h"
#include "console/op_internal.h"
#include "console/peek.h"
#include "cpu370/insn.h"

#define DEFAULT_LEN 0x40u
#define MAX_DISPLAY 0x10000u

/* One line at addr: returns how many bytes it covered. */
static uint32_t show_line(Operator *o, char kind, uint32_t addr, bool virt)
{
    Cpu *c = o->m->cpu;
    uint32_t n = 16, room = 0x1000 - (addr & 0xFFF);
    if (room < n)
        n = room;
    uint32_t abs0;
    int code = peek_abs(c, addr, virt, &abs0);
    if (code == PGM_ADDRESSING) {
        session_print(o->s, "%c:%08X: %s address is not valid", kind, addr, virt ? "Absolute" : "Real");
        return n;
    }
    if (code) {
        session_print(o->s, "%c:%08X: Translation exception %04X", kind, addr, (unsigned)code);
        return n;
    }
    char hex[48], text[17];
    size_t h = 0;
    uint32_t i;
    for (i = 0; i < n; i++) {
        uint32_t a;
        if (peek_abs(c, addr + i, virt, &a))
            break;
        uint8_t b = c->mem[a];
        h += (size_t)snprintf(hex + h, sizeof hex - h, "%02X", b);
        if (((addr + i + 1) & 3) == 0)
            hex[h++] = ' ';
        uint8_t t = cp037_to_latin1[b];
        text[i] = t >= 0x20 && t < 0x7F ? (char)t : '.';
    }
    hex[h] = 0;
    text[i] = 0;
    session_print(o->s, "%c:%08X:K:%02X=%-36s %s", kind, addr, c->keys[abs0 >> TLB_PAGE_SHIFT] & 0xFE,
                  hex, text);
    return n;
}

static void show_range(Operator *o, char kind, uint32_t addr, uint32_t len, bool virt)
{
    uint64_t a = addr, end = (uint64_t)addr + len;
    while (a < end && a <= 0xFFFFFFFFu)
        a += show_line(o, kind, (uint32_t)a, virt);
}

static int storage_cmd(Operator *o, int argc, char **argv, bool virt)
{
    Cpu *c = o->m->cpu;
    char kind = virt ? 'V' : 'R';
    if (argc != 2)
        return op_error(o, "expected %s ADDR[.LEN|-END|=HEXBYTES]", argv[0]);
    OpRange r;
    char err[200];
    if (op_parse_range(argv[1], DEFAULT_LEN, &r, err, sizeof err))
        return op_error(o, "%s", err);
    if (!r.alter && r.len > MAX_DISPLAY)
        return op_error(o, "at most %X bytes at a time", MAX_DISPLAY);
    if (r.alter) {
        for (uint32_t i = 0; i < r.len; i++) {
            uint32_t a;
            int code = peek_abs(c, r.addr + i, virt, &a);
            if (code) {
                return op_error(o, "%08X: %s; %u bytes altered", r.addr + i,
                                code == PGM_ADDRESSING ? "address is not valid"
                                                       : "translation exception", i);
            }
            c->mem[a] = r.data[i];
        }
    }
    if (virt) {
        uint32_t a;
        int code = peek_abs(c, r.addr, true, &a);
        static const char *const space[4] = { "primary", "primary", "secondary", "home" };
        if (!psw_dat_on(c))
            session_print(o->s, "V:%08X (dat off) R:%08X", r.addr, stor_real_to_abs(c, r.addr));
        else if (code)
            session_print(o->s, "V:%08X (%s space) Translation exception %04X", r.addr,
                          space[c->psw.asc & 3], (unsigned)code);
        else
            session_print(o->s, "V:%08X (%s space) A:%08X", r.addr, space[c->psw.asc & 3], a);
    }
    show_range(o, kind, r.addr, r.len, virt);
    return OP_OK;
}

int cmd_r(Operator *o, int argc, char **argv)
{
    return storage_cmd(o, argc, argv, false);
}

int cmd_v(Operator *o, int argc, char **argv)
{
    return storage_cmd(o, argc, argv, true);
}

int cmd_u(Operator *o, int argc, char **argv)
{
    Cpu *c = o->m->cpu;
    if (argc != 2)
        return op_error(o, "expected u ADDR[.LEN|-END]");
    OpRange r;
    char err[200];
    if (op_parse_range(argv[1], DEFAULT_LEN, &r, err, sizeof err))
        return op_error(o, "%s", err);
    if (r.alter)
        return op_error(o, "u displays only: expected u ADDR[.LEN|-END]");
    if (r.len > MAX_DISPLAY)
        return op_error(o, "at most %X bytes at a time", MAX_DISPLAY);
    uint64_t end = (uint64_t)r.addr + r.len;
    for (uint64_t a = r.addr; a < end && a <= 0xFFFFFFFFu;) {
        uint8_t ib[6];
        unsigned n;
        if (!peek_insn(c, (uint32_t)a, false, ib, &n)) {
            session_print(o->s, "R%08X: Real address is not valid", (uint32_t)a);
            break;
        }
        char hex[16], text[96];
        for (unsigned i = 0; i < n; i++)
            snprintf(hex + 2 * i, 3, "%02X", ib[i]);
        op_disassemble(ib, text, sizeof text);
        session_print(o->s, "R%08X: %-12s %s", (uint32_t)a, hex, text);
        a += n;
    }
    return OP_OK;
}

/* FILE [ADDR] operands of loadcore and loadtext. */
static int load_operands(Operator *o, int argc, char **argv, uint32_t *addr)
{
    *addr = 0;
    if (argc < 2 || argc > 3)
        return op_error(o, "expected %s FILE [ADDR]", argv[0]);
    if (argc == 3 && !op_parse_hex(argv[2], addr))
        return op_error(o, "invalid address %s: expected hexadecimal", argv[2]);
    if (!op_require_stopped(o, argv[0]))
        return OP_ERROR;
    return OP_OK;
}

int cmd_loadcore(Operator *o, int argc, char **argv)
{
    uint32_t addr;
    if (load_operands(o, argc, argv, &addr))
        return OP_ERROR;
    char err[400];
    size_t len;
    uint8_t *data = load_file(argv[1], &len, err, sizeof err);
    if (!data)
        return op_error(o, "%s", err);
    if (addr >= o->m->memsize || len > o->m->memsize - addr) {
        free(data);
        return op_error(o, "%s: %zu bytes at %X do not fit in %u bytes of storage", argv[1], len,
                        addr, o->m->memsize);
    }
    session_print(o->s, "Loading %s to location %X", argv[1], addr);
    memcpy(o->m->mem + addr, data, len);
    free(data);
    session_print(o->s, "%zu bytes read from %s", len, argv[1]);
    return OP_OK;
}

/* The address and length of a TXT card, or false if the card is none. */
static bool txt_card(const uint8_t *card, uint32_t base, uint32_t *addr, unsigned *n)
{
    static const uint8_t txt[3] = { 0xE3, 0xE7, 0xE3 };     /* "TXT" */
    if (card[0] != 0x02 || memcmp(card + 1, txt, 3))
        return false;
    *addr = base + (uint32_t)(card[5] << 16 | card[6] << 8 | card[7]);
    *n = (unsigned)(card[10] << 8 | card[11]);
    return true;
}

int cmd_loadtext(Operator *o, int argc, char **argv)
{
    static const uint8_t endc[3] = { 0xC5, 0xD5, 0xC4 };   /* "END" */
    uint32_t base;
    if (load_operands(o, argc, argv, &base))
        return OP_ERROR;
    char err[400];
    size_t len;
    uint8_t *deck = load_file(argv[1], &len, err, sizeof err);
    if (!deck)
        return op_error(o, "%s", err);
    int rc = OP_ERROR;
    size_t ncards = len / 80, end = ncards, loaded = 0;
    if (len % 80 || len == 0) {
        op_error(o, "%s: %zu bytes is not a whole number of 80-byte cards", argv[1], len);
        goto out;
    }
    /* Check every card up to END before storing anything. */
    for (size_t i = 0; i < ncards && end == ncards; i++) {
        const uint8_t *card = deck + 80 * i;
        uint32_t a;
        unsigned n;
        if (card[0] == 0x02 && !memcmp(card + 1, endc, 3)) {
            end = i;
        } else if (txt_card(card, base, &a, &n)) {
            if (n > 56) {
                op_error(o, "%s: card %zu: TXT count %u is more than 56", argv[1], i + 1, n);
                goto out;
            }
            if (a >= o->m->memsize || n > o->m->memsize - a) {
                op_error(o, "%s: card %zu: %u bytes at %X lie outside storage", argv[1], i + 1,
                         n, a);
                goto out;
            }
        }
    }
    if (end == ncards) {
        op_error(o, "%s: no END card: expected an object deck (TXT cards, then END)", argv[1]);
        goto out;
    }
    session_print(o->s, "Loading %s to location %X", argv[1], base);
    for (size_t i = 0; i < end; i++) {
        uint32_t a;
        unsigned n;
        if (txt_card(deck + 80 * i, base, &a, &n)) {
            memcpy(o->m->mem + a, deck + 80 * i + 16, n);
            loaded += n;
        }
    }
    session_print(o->s, "%zu bytes loaded from %s", loaded, argv[1]);
    rc = OP_OK;
out:
    free(deck);
    return rc;
}

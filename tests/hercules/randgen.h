/*
 * randgen.h — shared by the random-program generator (randgen.c, units.c).
 * A host tool: see randgen.c for the storage layout of the images.
 */
#ifndef TESTS_HERCULES_RANDGEN_H
#define TESTS_HERCULES_RANDGEN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum { ARCH_S370 = 0, ARCH_ESA = 1 };

/* Layout (absolute addresses). */
#define A_PGM_HANDLER 0x200
#define A_SVC_HANDLER 0x280
#define A_SAVE        0x2C0
#define A_COUNT       0x2C8
#define A_WAITPSW     0x2D0
#define A_MASK7F      0x2D8
#define A_FOUR        0x2DC
#define A_RESULT      0x300
#define A_INITGR      0x380
#define A_INITFP      0x3C0
#define A_INITMISC    0x3E0
#define A_CONST       0x400
#define N_CONST       256
#define A_LOG         0x800
#define A_CODE        0x1000
#define A_CODE_END    0x8000
#define A_DATA        0x10000
#define DATA_LEN      0x4000
#define A_DATA2       0x1010000
#define IMG_SIZE      (A_DATA + DATA_LEN)

/* Sections of the data area (offsets). */
#define SEC_RAND      0x0000
#define SEC_RAND_END  0x1000
#define SEC_DEC       0x1000        /* 128 packed slots of 16 bytes */
#define SEC_DEC_END   0x1800
#define SEC_HFP       0x1800        /* 256 HFP long numbers */
#define SEC_HFP_END   0x2000
#define SEC_ED        0x2000        /* 64 edit patterns of 32 bytes */
#define SEC_ED_END    0x2800
#define SEC_TRT       0x2800        /* 8 sparse TRT tables */
#define SEC_TRT_END   0x3000
#define SEC_RAND2     0x3000
#define SEC_RAND2_END 0x4000

#define MAX_UNITS 1200
#define MAX_FIX   1200

typedef struct Ins {
    uint8_t  b[6];
    unsigned len;
} Ins;

typedef struct Opnd {
    unsigned b, x, d;
} Opnd;

enum { FX_D12, FX_REL16, FX_REL32 };

typedef struct Unit {
    uint32_t start;
    bool barrier;           /* a branch may land here but not go past it */
    const char *what;
} Unit;

typedef struct Fixup {
    uint32_t at;            /* byte offset of the field in the image        */
    int kind;               /* FX_D12: B2D2 field; FX_REL16/32: halfwords   */
    uint32_t base;          /* address the displacement is relative to      */
    unsigned target;        /* unit index wanted                            */
    unsigned unit;          /* unit holding the branch                      */
} Fixup;

typedef struct Gen {
    uint8_t *img;
    uint32_t imglen;
    uint32_t pc, code_end;
    uint64_t rng, seed;
    int arch;
    bool bcmode;            /* S/370 BC mode                                */
    bool amode31;           /* current addressing mode of the stream        */
    unsigned nconst;
    Unit units[MAX_UNITS];
    unsigned nunits, nunits_wanted;
    Fixup fix[MAX_FIX];
    unsigned nfix;
    /* EXECUTE: the byte the EX will OR into the target's second byte. */
    uint8_t ex_or;
    bool for_ex;
    uint16_t used;          /* registers loaded by the current unit's preamble */
} Gen;

/* randgen.c */
uint64_t rg_next(Gen *g);
uint32_t rnd(Gen *g, uint32_t n);
bool chance(Gen *g, unsigned pct);
void put32(Gen *g, uint32_t a, uint32_t v);
void put64(Gen *g, uint32_t a, uint64_t v);
uint32_t get32(const Gen *g, uint32_t a);
void emit(Gen *g, Ins in);
Ins ins_rr(unsigned op, unsigned r1, unsigned r2);
Ins ins_rx(unsigned op, unsigned r1, unsigned x2, unsigned b2, unsigned d2);
Ins ins_rs(unsigned op, unsigned r1, unsigned r3, unsigned b2, unsigned d2);
Ins ins_si(unsigned op, unsigned i2, unsigned b1, unsigned d1);
Ins ins_s(unsigned op16, unsigned b2, unsigned d2);
Ins ins_ss(unsigned op, unsigned l, unsigned b1, unsigned d1, unsigned b2, unsigned d2);
Ins ins_rre(unsigned op16, unsigned r1, unsigned r2);
Ins ins_ri(unsigned op, unsigned op2, unsigned r1, unsigned i2);
Ins ins_ril(unsigned op, unsigned op2, unsigned r1, uint32_t i2);
Ins ins_rxe(unsigned op, unsigned op2, unsigned r1, unsigned x2, unsigned b2, unsigned d2);
uint32_t cslot(Gen *g, uint32_t v);
bool load_const(Gen *g, unsigned r, uint32_t v);
uint32_t amask(const Gen *g);
unsigned pick_reg(Gen *g, uint16_t *avoid);
Opnd addr_opnd(Gen *g, uint32_t ea, uint16_t *avoid, bool allow_index);
void load_addr_reg(Gen *g, unsigned r, uint32_t ea, uint16_t *avoid);
uint32_t pick_ea(Gen *g, uint32_t lo, uint32_t hi, uint32_t room, uint32_t align);
uint32_t rand_value(Gen *g);
void image_init(Gen *g);
void unit_begin(Gen *g, const char *what, bool barrier);
void add_fixup(Gen *g, uint32_t at, int kind, uint32_t base, unsigned skip);
unsigned rand_skip(Gen *g);

/* units.c */
void gen_unit(Gen *g);

#endif

/*
 * test_opcodes.c — every row of cpu370/opcodes.def: it decodes back to
 * itself, its format has the length the opcode's first two bits give, it
 * has a handler, and the dispatch tables apply its flags (availability per
 * architecture, privileged in problem state).
 */
#include <stdio.h>

#include "tests/unit/testutil.h"

static unsigned format_length(InsnFormat f)
{
    switch (f) {
    case FMT_E: case FMT_I: case FMT_RR:
        return 2;
    case FMT_RIL: case FMT_RXE: case FMT_RSE: case FMT_SS: case FMT_SSE:
        return 6;
    default:
        return 4;
    }
}

/* Instruction bytes for a row (operand fields arbitrary but fixed). */
static void encode(const OpInfo *o, uint8_t *b)
{
    memset(b, 0, 6);
    b[0] = o->opcode;
    b[1] = 0x12;
    b[2] = 0x34;
    b[3] = 0x56;
    if (o->ext != NONE) {
        switch (o->opcode) {
        case 0xA7: case 0xC0: b[1] = (uint8_t)(0x10 | o->ext); break;
        case 0xE3: case 0xEB: case 0xED: b[5] = (uint8_t)o->ext; break;
        default:              b[1] = (uint8_t)o->ext; break;
        }
    }
}

static void test_rows_decode(void)
{
    for (unsigned i = 0; i < op_list_count; i++) {
        const OpInfo *o = &op_list[i];
        uint8_t b[6];
        encode(o, b);
        const OpInfo *back = op_lookup(b);
        if (back != o)
            fprintf(stderr, "\n  %s does not decode back to itself", o->mnemonic);
        CU_ASSERT_PTR_EQUAL(back, o);
        if (format_length(o->format) != insn_length(o->opcode))
            fprintf(stderr, "\n  %s: format length %u, opcode length %u", o->mnemonic,
                    format_length(o->format), insn_length(o->opcode));
        CU_ASSERT_EQUAL(format_length(o->format), insn_length(o->opcode));
    }
}

static void test_rows_unique(void)
{
    for (unsigned i = 0; i < op_list_count; i++)
        for (unsigned j = i + 1; j < op_list_count; j++) {
            bool dup = op_list[i].opcode == op_list[j].opcode && op_list[i].ext == op_list[j].ext;
            if (dup)
                fprintf(stderr, "\n  duplicate rows %s and %s", op_list[i].mnemonic, op_list[j].mnemonic);
            CU_ASSERT_FALSE(dup);
        }
}

static void test_rows_have_handlers(void)
{
    unsigned missing = 0;
    for (unsigned i = 0; i < op_list_count; i++)
        if (!op_list[i].fn) {
            fprintf(stderr, "\n  no handler for %s", op_list[i].mnemonic);
            missing++;
        }
    CU_ASSERT_EQUAL(missing, 0);
}

static void test_tables_apply_flags(void)
{
    for (unsigned i = 0; i < op_list_count; i++) {
        const OpInfo *o = &op_list[i];
        if (!o->fn)
            continue;
        uint8_t b[6];
        encode(o, b);
        for (int a = 0; a < NUM_ARCH; a++) {
            bool avail = o->flags & (a == ARCH_S370 ? A370 : AESA);
            InsnFn *sup = dispatch_lookup(dispatch_table((Arch)a, false), b);
            InsnFn *prob = dispatch_lookup(dispatch_table((Arch)a, true), b);
            if (!avail) {
                CU_ASSERT_PTR_EQUAL(sup, insn_operation_exception);
                CU_ASSERT_PTR_EQUAL(prob, insn_operation_exception);
                continue;
            }
            CU_ASSERT_PTR_EQUAL(sup, o->fn);
            if (o->flags & PRIV) {
                CU_ASSERT_PTR_EQUAL(prob, dispatch_privileged_exception());
            } else {
                CU_ASSERT_PTR_EQUAL(prob, o->fn);
            }
        }
    }
}

/* An unassigned opcode is an operation exception, honestly reported. */
static void test_unassigned_is_operation_exception(void)
{
    Machine *m = tm_new(ARCH_ESA390);
    const uint8_t zero[2] = { 0x00, 0x00 };
    CU_ASSERT_EQUAL(tm_exec(m, zero, 2, 1), PGM_OPERATION);
    /* the old PSW points past the 2-byte instruction: suppression */
    CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4) & 0x7FFFFFFF, TM_CODE + 2);
    CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 2);
    tm_free(m);
}

/* An odd instruction address is a specification exception, also as the
 * very first instruction of a batch and in the first 2K (a regression:
 * the run loop's instruction-page cache once took it for a hit).  An
 * instruction-fetching exception: the old PSW's address is incremented
 * by 2 x the ILC (here ILC 1; ch. 6 "ILC on instruction-fetching
 * exceptions"). */
static void test_odd_instruction_address(void)
{
    const uint32_t odd[] = { 0x101, 0x7FF, TM_CODE + 1 };
    for (unsigned i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        Machine *m = tm_new(ARCH_ESA390);
        m->cpu->ia = odd[i];
        CU_ASSERT_EQUAL(tm_step(m), PGM_SPECIFICATION);
        CU_ASSERT_EQUAL(m->mem[PSA_PGM_ILC], 2);
        CU_ASSERT_EQUAL(tm_get32(m, PSA_PGM_OLD + 4) & 0x7FFFFFFF, odd[i] + 2);
        tm_free(m);
    }
}

static void test_disassemble(void)
{
    char buf[64];
    const uint8_t lr[2] = { 0x18, 0x12 };
    op_disassemble(lr, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "LR    1,2");
    const uint8_t mvc[6] = { 0xD2, 0x07, 0x10, 0x00, 0x20, 0x04 };
    op_disassemble(mvc, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "MVC   0(8,1),4(2)");
}

void register_opcodes_tests(void)
{
    CU_pSuite s = CU_add_suite("opcodes", NULL, NULL);
    CU_add_test(s, "every row decodes to itself with its length", test_rows_decode);
    CU_add_test(s, "no two rows share an opcode", test_rows_unique);
    CU_add_test(s, "every row has a handler", test_rows_have_handlers);
    CU_add_test(s, "tables apply availability and privilege", test_tables_apply_flags);
    CU_add_test(s, "unassigned opcode: operation exception", test_unassigned_is_operation_exception);
    CU_add_test(s, "odd instruction address", test_odd_instruction_address);
    CU_add_test(s, "disassembler", test_disassemble);
}

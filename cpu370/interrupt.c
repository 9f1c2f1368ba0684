/*
 * interrupt.c — interruptions: the old/new PSW swap in the PSA, program-
 * interruption completion rules, SVC, external, restart, store status.
 *
 * ESA/390 PoO SA22-7201 ch. 6 "Interruptions" (types of instruction ending:
 * nullification, suppression, completion; interruption priorities; ILC)
 * and S/370 PoO GA22-7000 ch. 6 (BC mode keeps the interruption code and
 * ILC in the old PSW, EC mode at X'8C'-X'8F' like ESA/390).
 */
#include "storage.h"

/* Program exceptions that nullify: the old PSW points at the instruction.
 * Addressing is not one of them, not even for a segment- or page-table
 * entry outside storage: the unit of operation is suppressed "when the
 * exception is encountered during an implicit reference to a dynamic-
 * address-translation (DAT) table entry" (GA22-7000-4 ch. 6 "Addressing
 * exception"; GA22-7000-10 ch. 6 figure "Recognition of access
 * exceptions": invalid address of entry, A, suppress; SA22-7201 ch. 6
 * "Addressing exception" keeps the rule for the segment and page tables).
 * Exceptions met fetching the instruction itself follow the same two
 * rules; cpu.c fetch_insn_slow() has set c->ia and c->ilc for them ("ILC
 * on instruction-fetching exceptions"). */
static bool pgm_nullifies(int code)
{
    switch (code & 0x7F) {
    case PGM_SEGMENT_TRANSLATION:
    case PGM_PAGE_TRANSLATION:
    case PGM_AFX_TRANSLATION:
    case PGM_ASX_TRANSLATION:
    case PGM_LX_TRANSLATION:
    case PGM_EX_TRANSLATION:
    case PGM_PRIMARY_AUTHORITY:
    case PGM_SECONDARY_AUTHORITY:
    case PGM_STACK_FULL:
    case PGM_STACK_EMPTY:
        return true;
    default:
        return false;
    }
}

_Noreturn void cpu_program_check(Cpu *c, int code)
{
    c->pgm_code = (uint16_t)code;
    /* The one non-local exit of the CPU: back to cpu_run()'s setjmp. */
    longjmp(c->jmp, 1);
}

static uint8_t *psa(Cpu *c)
{
    /* The prefix area is one 4K page; for a pageable SIE guest it is
     * mapped through the host (SIE entry checked that it can be). */
    if (unlikely(c->map_abs != NULL))
        return stor_abs_ptr(c, c->prefix, 4096);
    return c->mem + c->prefix;
}

/* Store the current PSW at old_off and load the PSW at new_off. */
static void psw_swap(Cpu *c, unsigned old_off, unsigned new_off)
{
    uint8_t *p = psa(c);
    psw_store(c, p + old_off);
    int bad = psw_load(c, p + new_off);
    if (bad) {
        /* The new PSW is invalid: recognized as a specification exception
         * before the next instruction, with ILC 0. */
        c->zero_ilc = true;
        c->pgm_code = PGM_SPECIFICATION;
    }
}

void interrupt_program(Cpu *c, int code)
{
    unsigned ilc = c->zero_ilc ? 0 : c->ilc;

    if (c->in_execute && ilc)
        ilc = 4;                       /* the ILC is that of EXECUTE */
    if (pgm_nullifies(code))
        c->ia = c->ia_cur;

    /* Under SIE the interruption may be intercepted instead (SIE.md §5). */
    if (c->gh && c->gh->program(c, code, ilc)) {
        c->zero_ilc = false;
        c->tea_valid = false;
        c->in_execute = false;
        c->pgm_code = 0;
        return;
    }

    /* Program-interruption loop guard: no instruction completed since the
     * last program interruption, many times over (e.g. an invalid or
     * unreachable program new PSW). */
    c->pgm_loop = c->icount == c->pgm_icount ? c->pgm_loop + 1 : 1;
    c->pgm_icount = c->icount;
    if (c->pgm_loop > 16) {
        fprintf(stderr, "interpex: program-interruption loop (code %04X), check-stop\n", code);
        c->stop = STOP_CHECKSTOP;
        return;
    }

    uint8_t *p = psa(c);
    if (c->arch == ARCH_S370 && !(c->psw.states & PSWS_EC)) {
        c->psw.bc_intcode = (uint16_t)code;
        c->psw.bc_ilc = (uint8_t)ilc;
    } else {
        p[PSA_PGM_ILC - 1] = 0;
        p[PSA_PGM_ILC] = (uint8_t)ilc;
        st_be16(p + PSA_PGM_CODE, (uint16_t)code);
        if (c->tea_valid)
            st_be32(p + PSA_TEA, c->tea);
    }
    c->zero_ilc = false;
    c->tea_valid = false;
    c->in_execute = false;
    c->pgm_code = 0;
    psw_swap(c, PSA_PGM_OLD, PSA_PGM_NEW);
}

void interrupt_svc(Cpu *c, uint8_t n)
{
    uint8_t *p = psa(c);
    unsigned ilc = c->in_execute ? 4 : 2;

    if (c->arch == ARCH_S370 && !(c->psw.states & PSWS_EC)) {
        c->psw.bc_intcode = n;
        c->psw.bc_ilc = (uint8_t)ilc;
    } else {
        p[PSA_SVC_ILC - 1] = 0;
        p[PSA_SVC_ILC] = (uint8_t)ilc;
        st_be16(p + PSA_SVC_CODE, n);
    }
    psw_swap(c, PSA_SVC_OLD, PSA_SVC_NEW);
}

/* Pending external conditions, highest priority first
 * (ESA/390 PoO ch. 6 "Priority of interruptions"). */
static const struct {
    uint32_t pend, cr0;
    uint16_t code;
} ext_sources[] = {
    { EXTP_CLOCK_COMP,    CR0_CLOCK_COMPARATOR, EXT_CLOCK_COMPARATOR },
    { EXTP_CPU_TIMER,     CR0_CPU_TIMER,        EXT_CPU_TIMER },
    { EXTP_INTERVAL,      CR0_INTERVAL_TIMER,   EXT_INTERVAL_TIMER },
    { EXTP_INTERRUPT_KEY, CR0_INTERRUPT_KEY,    EXT_INTERRUPT_KEY },
};

static int ext_source(const Cpu *c)
{
    if (!psw_ext_enabled(c) || !c->ext_pending)
        return -1;
    for (unsigned i = 0; i < sizeof ext_sources / sizeof ext_sources[0]; i++)
        if ((c->ext_pending & ext_sources[i].pend) && (c->cr[0] & ext_sources[i].cr0))
            return (int)i;
    return -1;
}

bool interrupt_external(Cpu *c)
{
    int i = ext_source(c);
    if (i < 0)
        return false;

    /* Timer conditions persist while true; latched ones are consumed. */
    if (ext_sources[i].pend & (EXTP_INTERVAL | EXTP_INTERRUPT_KEY))
        c->ext_pending &= ~ext_sources[i].pend;

    uint16_t code = ext_sources[i].code;
    /* A SIE guest without the external-interruption assist: intercepted. */
    if (c->gh && c->gh->external(c, code))
        return true;
    uint8_t *p = psa(c);
    if (c->arch == ARCH_S370 && !(c->psw.states & PSWS_EC)) {
        c->psw.bc_intcode = code;
        c->psw.bc_ilc = 0;
    } else {
        st_be16(p + PSA_EXT_CPUAD, 0);
        st_be16(p + PSA_EXT_CODE, code);
    }
    psw_swap(c, PSA_EXT_OLD, PSA_EXT_NEW);
    return true;
}

void interrupt_restart(Cpu *c)
{
    c->restart_pending = false;
    c->psw.states &= (uint8_t)~PSWS_WAIT;
    psw_swap(c, PSA_RESTART_OLD, PSA_RESTART_NEW);
}

bool cpu_interrupt_pending(const Cpu *c)
{
    return c->restart_pending || ext_source(c) >= 0 ||
           (c->io_pending && psw_io_enabled(c));
}

/* Store status at absolute `a` (0 for the architected PSA-relative save
 * area; ESA/390 PoO ch. 4 "Store status"). */
void cpu_store_status(Cpu *c, uint32_t a)
{
    uint8_t *p = stor_abs_ptr(c, a, 512);
    if (!p)
        return;
    st_be64(p + 0xD8, (uint64_t)cpu_timer_get(c));
    st_be64(p + 0xE0, c->ckc);
    psw_store(c, p + 0x100);
    st_be32(p + 0x108, c->prefix);
    for (int i = 0; i < 16; i++) {
        st_be32(p + 0x120 + 4 * i, c->ar[i]);
        st_be32(p + 0x180 + 4 * i, c->gr[i]);
        st_be32(p + 0x1C0 + 4 * i, c->cr[i]);
    }
    for (int i = 0; i < 4; i++)
        st_be64(p + 0x160 + 8 * i, c->fpr[2 * i]);
}

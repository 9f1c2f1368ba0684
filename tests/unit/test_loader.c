/*
 * test_loader.c — loading ELF and flat programs: good files load where they
 * belong; bad files (not ELF, wrong class or machine, truncated, outside
 * storage) are refused with a message that names the problem, and leave
 * storage untouched.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "console/loader.h"
#include "tests/unit/testutil.h"

static char path[64];

static void write_tmp(const uint8_t *b, size_t n)
{
    snprintf(path, sizeof path, "/tmp/ipx-loader-%d.bin", (int)getpid());
    FILE *f = fopen(path, "wb");
    CU_ASSERT_FATAL(f != NULL);
    fwrite(b, 1, n, f);
    fclose(f);
}

/* A minimal ELF32 big-endian EM_S390 executable: one PT_LOAD of `fsz`
 * bytes (0xAB...) with memsz `msz` at paddr `pa`, entry `entry`. */
static size_t make_elf(uint8_t *b, uint32_t pa, uint32_t fsz, uint32_t msz, uint32_t entry)
{
    memset(b, 0, 256);
    memcpy(b, ELFMAG, SELFMAG);
    b[EI_CLASS] = ELFCLASS32;
    b[EI_DATA] = ELFDATA2MSB;
    b[EI_VERSION] = EV_CURRENT;
    st_be16(b + offsetof(Elf32_Ehdr, e_type), ET_EXEC);
    st_be16(b + offsetof(Elf32_Ehdr, e_machine), EM_S390);
    st_be32(b + offsetof(Elf32_Ehdr, e_entry), entry);
    st_be32(b + offsetof(Elf32_Ehdr, e_phoff), 52);
    st_be16(b + offsetof(Elf32_Ehdr, e_phentsize), 32);
    st_be16(b + offsetof(Elf32_Ehdr, e_phnum), 1);
    uint8_t *ph = b + 52;
    st_be32(ph + offsetof(Elf32_Phdr, p_type), PT_LOAD);
    st_be32(ph + offsetof(Elf32_Phdr, p_offset), 128);
    st_be32(ph + offsetof(Elf32_Phdr, p_vaddr), pa);
    st_be32(ph + offsetof(Elf32_Phdr, p_paddr), pa);
    st_be32(ph + offsetof(Elf32_Phdr, p_filesz), fsz);
    st_be32(ph + offsetof(Elf32_Phdr, p_memsz), msz);
    memset(b + 128, 0xAB, fsz);
    return 128 + fsz;
}

static void test_good_elf(void)
{
    uint8_t b[256];
    write_tmp(b, make_elf(b, 0x10000, 16, 32, 0x10004));
    Machine *m = tm_new(ARCH_ESA390);
    m->mem[0x10010] = 0x77;                 /* .bss part must be cleared */
    char err[256] = "";
    uint32_t entry = 0;
    CU_ASSERT_EQUAL(load_elf(m, path, &entry, err, sizeof err), 0);
    CU_ASSERT_EQUAL(entry, 0x10004);
    CU_ASSERT_EQUAL(m->mem[0x10000], 0xAB);
    CU_ASSERT_EQUAL(m->mem[0x1000F], 0xAB);
    CU_ASSERT_EQUAL(m->mem[0x10010], 0);
    tm_free(m);
    unlink(path);
}

/* Each bad file is refused, with a message containing `want`, and storage
 * stays zero. */
static void expect_refused(const uint8_t *b, size_t n, const char *want)
{
    write_tmp(b, n);
    Machine *m = tm_new(ARCH_ESA390);
    char err[256] = "";
    uint32_t entry = 0;
    CU_ASSERT_EQUAL(load_elf(m, path, &entry, err, sizeof err), -1);
    if (!strstr(err, want))
        fprintf(stderr, "\n  message '%s' lacks '%s'", err, want);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, want));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, path));
    CU_ASSERT_EQUAL(m->mem[0x10000], 0);
    tm_free(m);
    unlink(path);
}

static void test_bad_elves(void)
{
    uint8_t b[256];
    expect_refused((const uint8_t *)"hello, world\n", 13, "not an ELF");

    make_elf(b, 0x10000, 16, 16, 0x10000);
    b[EI_CLASS] = ELFCLASS64;
    expect_refused(b, 144, "32-bit big-endian");

    make_elf(b, 0x10000, 16, 16, 0x10000);
    st_be16(b + offsetof(Elf32_Ehdr, e_machine), EM_386);
    expect_refused(b, 144, "EM_S390");

    make_elf(b, 0x10000, 16, 16, 0x10000);
    st_be16(b + offsetof(Elf32_Ehdr, e_type), ET_REL);
    expect_refused(b, 144, "not an executable");

    size_t n = make_elf(b, 0x10000, 16, 16, 0x10000);
    expect_refused(b, n - 4, "truncated");          /* segment cut short */

    make_elf(b, 0x10000, 16, 16, 0x10000);
    st_be16(b + offsetof(Elf32_Ehdr, e_phnum), 200);
    expect_refused(b, 144, "program header");

    make_elf(b, 0xFFFF8, 16, 16, 0x10000);          /* 1M machine */
    expect_refused(b, 144, "outside");

    make_elf(b, 0x10000, 16, 8, 0x10000);           /* filesz > memsz */
    expect_refused(b, 144, "truncated");
}

static void test_flat(void)
{
    uint8_t b[64];
    memset(b, 0x5A, sizeof b);
    write_tmp(b, sizeof b);
    Machine *m = tm_new(ARCH_ESA390);
    char err[256];
    CU_ASSERT_EQUAL(load_flat(m, path, 0x3000, err, sizeof err), 0);
    CU_ASSERT_EQUAL(m->mem[0x3000], 0x5A);
    CU_ASSERT_EQUAL(m->mem[0x303F], 0x5A);
    CU_ASSERT_EQUAL(m->mem[0x3040], 0);
    CU_ASSERT_EQUAL(load_flat(m, path, (1u << 20) - 32, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "do not fit"));
    CU_ASSERT_EQUAL(load_flat(m, "/nonexistent/x", 0, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "cannot open"));
    tm_free(m);
    unlink(path);
}

void register_loader_tests(void)
{
    CU_pSuite s = CU_add_suite("loader", NULL, NULL);
    CU_add_test(s, "ELF segments load at their physical address", test_good_elf);
    CU_add_test(s, "bad ELF files are refused by name", test_bad_elves);
    CU_add_test(s, "flat binaries", test_flat);
}

/*
 * loader.c — load guest programs.  The ELF format is read by hand from the
 * System V gABI (ELF32 header, program headers, PT_LOAD): the host's
 * <elf.h> has the layouts, but the fields are big-endian, so every field is
 * read with ld_be*.  Segments go to their physical addresses (p_paddr).
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/loader.h"

uint8_t *load_file(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            if (cap > (size_t)1 << 31) {
                snprintf(err, errlen, "%s: file too large", path);
                free(buf);
                fclose(f);
                return NULL;
            }
            uint8_t *nb = realloc(buf, cap);
            if (!nb) {
                snprintf(err, errlen, "%s: out of memory", path);
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}

int load_flat(Machine *m, const char *path, uint32_t origin, char *err, size_t errlen)
{
    size_t len;
    uint8_t *buf = load_file(path, &len, err, errlen);
    if (!buf)
        return -1;
    if (origin > m->memsize || len > m->memsize - origin) {
        snprintf(err, errlen, "%s: %zu bytes at origin %X do not fit in %u bytes of storage",
                 path, len, origin, m->memsize);
        free(buf);
        return -1;
    }
    memcpy(m->mem + origin, buf, len);
    free(buf);
    return 0;
}

int load_elf(Machine *m, const char *path, uint32_t *entry, char *err, size_t errlen)
{
    size_t len;
    uint8_t *f = load_file(path, &len, err, errlen);
    if (!f)
        return -1;
    int rc = -1;

    if (len < sizeof(Elf32_Ehdr) || memcmp(f, ELFMAG, SELFMAG) != 0) {
        snprintf(err, errlen, "%s: not an ELF file", path);
        goto out;
    }
    if (f[EI_CLASS] != ELFCLASS32 || f[EI_DATA] != ELFDATA2MSB) {
        snprintf(err, errlen, "%s: not a 32-bit big-endian ELF file (build with -m31)", path);
        goto out;
    }
    uint16_t type = ld_be16(f + offsetof(Elf32_Ehdr, e_type));
    uint16_t machine = ld_be16(f + offsetof(Elf32_Ehdr, e_machine));
    if (machine != EM_S390) {
        snprintf(err, errlen, "%s: ELF machine %u is not EM_S390 (%u)", path, machine, EM_S390);
        goto out;
    }
    if (type != ET_EXEC) {
        snprintf(err, errlen, "%s: ELF type %u is not an executable (link it)", path, type);
        goto out;
    }
    uint32_t phoff = ld_be32(f + offsetof(Elf32_Ehdr, e_phoff));
    uint16_t phentsize = ld_be16(f + offsetof(Elf32_Ehdr, e_phentsize));
    uint16_t phnum = ld_be16(f + offsetof(Elf32_Ehdr, e_phnum));
    if (phnum == 0 || phentsize < sizeof(Elf32_Phdr) || phoff > len ||
        (size_t)phnum * phentsize > len - phoff) {
        snprintf(err, errlen, "%s: truncated or bad program header table", path);
        goto out;
    }
    /* Validate every segment before loading any. */
    for (int pass = 0; pass < 2; pass++) {
        for (unsigned i = 0; i < phnum; i++) {
            const uint8_t *ph = f + phoff + (size_t)i * phentsize;
            if (ld_be32(ph + offsetof(Elf32_Phdr, p_type)) != PT_LOAD)
                continue;
            uint32_t off = ld_be32(ph + offsetof(Elf32_Phdr, p_offset));
            uint32_t pa = ld_be32(ph + offsetof(Elf32_Phdr, p_paddr));
            uint32_t fsz = ld_be32(ph + offsetof(Elf32_Phdr, p_filesz));
            uint32_t msz = ld_be32(ph + offsetof(Elf32_Phdr, p_memsz));
            if (pass == 0) {
                if (fsz > msz || off > len || fsz > len - off) {
                    snprintf(err, errlen, "%s: segment %u is truncated (offset %u, size %u, file %zu bytes)",
                             path, i, off, fsz, len);
                    goto out;
                }
                if (pa > m->memsize || msz > m->memsize - pa) {
                    snprintf(err, errlen, "%s: segment %u at %08X (+%X) lies outside %u bytes of storage",
                             path, i, pa, msz, m->memsize);
                    goto out;
                }
            } else {
                memcpy(m->mem + pa, f + off, fsz);
                memset(m->mem + pa + fsz, 0, msz - fsz);
            }
        }
    }
    *entry = ld_be32(f + offsetof(Elf32_Ehdr, e_entry));
    rc = 0;
out:
    free(f);
    return rc;
}

/*
 * test_config.c — the configuration file (console/config.c, config_build.c):
 * every statement, symbols, device statements, and every error path, each
 * of which must name the file and line and say what was expected.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "console/config.h"
#include "console/session.h"
#include "cpu370/channel.h"
#include "dasd/dasd.h"
#include "tests/unit/testutil.h"

static char err[600];

static int parse(Config *cfg, const char *text)
{
    config_init(cfg, "t.cnf");
    err[0] = 0;
    return config_parse(cfg, text, err, sizeof err);
}

/* The text must be refused with a message that starts "t.cnf:LINE: " and
 * contains `what`. */
static void refused(const char *text, int line, const char *what)
{
    Config cfg;
    int rc = parse(&cfg, text);
    CU_ASSERT_EQUAL(rc, -1);
    char prefix[32];
    snprintf(prefix, sizeof prefix, "t.cnf:%d: ", line);
    if (rc != -1 || strncmp(err, prefix, strlen(prefix)) || !strstr(err, what))
        fprintf(stderr, "\n  config %s: got \"%s\", wanted line %d and \"%s\"\n", text, err,
                line, what);
    CU_ASSERT_EQUAL(strncmp(err, prefix, strlen(prefix)), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, what));
    config_free(&cfg);
}

static void test_defaults(void)
{
    Config cfg;
    CU_ASSERT_EQUAL(parse(&cfg, ""), 0);
    CU_ASSERT_EQUAL(cfg.arch, ARCH_ESA390);
    CU_ASSERT_EQUAL(cfg.mainsize, 16u << 20);
    CU_ASSERT_EQUAL(cfg.numcpu, 1);
    CU_ASSERT_EQUAL(cfg.cnsl_port, 3270);
    CU_ASSERT_STRING_EQUAL(cfg.cnsl_host, "127.0.0.1");
    CU_ASSERT_EQUAL(cfg.ndev, 0);
    config_free(&cfg);
}

static void test_statements(void)
{
    Config cfg;
    const char *text =
        "# a comment\n"
        "* another comment\n"
        "\n"
        "archmode s/370          # trailing comment\r\n"
        "MAINSIZE 4\n"
        "NUMCPU 1\n"
        "CPUMODEL 3090\n"
        "CPUSERIAL 0ABCDE\n"
        "CNSLPORT localhost:4000\n"
        "LOADPARM ipl1\n"
        "   \t\n";
    CU_ASSERT_EQUAL_FATAL(parse(&cfg, text), 0);
    CU_ASSERT_EQUAL(cfg.arch, ARCH_S370);
    CU_ASSERT_EQUAL(cfg.mainsize, 4u << 20);
    CU_ASSERT_EQUAL(cfg.cpumodel, 0x3090);
    CU_ASSERT_EQUAL(cfg.cpuserial, 0x0ABCDE);
    CU_ASSERT_STRING_EQUAL(cfg.cnsl_host, "localhost");
    CU_ASSERT_EQUAL(cfg.cnsl_port, 4000);
    CU_ASSERT_STRING_EQUAL(cfg.loadparm, "IPL1");
    config_free(&cfg);

    static const struct { const char *v; uint32_t bytes; } sizes[] = {
        { "64", 64u << 20 }, { "512K", 512u << 10 }, { "64k", 64u << 10 },
        { "16M", 16u << 20 }, { "1G", 1u << 30 }, { "2G", 2u << 30 }, { "2048", 2u << 30 },
    };
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char t[64];
        snprintf(t, sizeof t, "MAINSIZE %s\nARCHMODE ESA/390\nCNSLPORT 0\n", sizes[i].v);
        CU_ASSERT_EQUAL(parse(&cfg, t), 0);
        CU_ASSERT_EQUAL(cfg.mainsize, sizes[i].bytes);
        CU_ASSERT_EQUAL(cfg.arch, ARCH_ESA390);
        CU_ASSERT_EQUAL(cfg.cnsl_port, 0);
        config_free(&cfg);
    }
}

static void test_devices(void)
{
    Config cfg;
    const char *text =
        "0009 3215-C / noprompt\n"
        "00C0.4 3270\n"
        "01C0-01C1 3278-4\n"
        "000C 3505 cards.txt ascii\n"
        "000D 3525 \"my punch.txt\"\n"
        "e 1403 prt.txt\n"
        "0120 3390 sys.3390 ro\n"
        "001F 1052\n"
        "0130 3390 c.cckd sf=c.shadow nosync ro\n"
        "0200 3370 f.fba\n"
        "0580 3420 t.aws ro\n";
    CU_ASSERT_EQUAL_FATAL(parse(&cfg, text), 0);
    CU_ASSERT_EQUAL_FATAL(cfg.ndev, 15);
    CU_ASSERT_STRING_EQUAL(cfg.dev[12].argv[1], "sf=c.shadow");
    CU_ASSERT_STRING_EQUAL(cfg.dev[13].type, "3370");
    CU_ASSERT_STRING_EQUAL(cfg.dev[14].type, "3420");
    CU_ASSERT_EQUAL(cfg.dev[0].devnum, 0x0009);
    CU_ASSERT_STRING_EQUAL(cfg.dev[0].type, "3215-C");
    CU_ASSERT_EQUAL(cfg.dev[0].argc, 2);
    CU_ASSERT_EQUAL(cfg.dev[1].devnum, 0x00C0);
    CU_ASSERT_EQUAL(cfg.dev[4].devnum, 0x00C3);
    CU_ASSERT_STRING_EQUAL(cfg.dev[4].type, "3270");
    CU_ASSERT_EQUAL(cfg.dev[4].line, 2);
    CU_ASSERT_EQUAL(cfg.dev[6].devnum, 0x01C1);
    CU_ASSERT_STRING_EQUAL(cfg.dev[6].type, "3278-4");
    CU_ASSERT_STRING_EQUAL(cfg.dev[7].argv[0], "cards.txt");
    CU_ASSERT_STRING_EQUAL(cfg.dev[7].argv[1], "ascii");
    CU_ASSERT_STRING_EQUAL(cfg.dev[8].argv[0], "my punch.txt");
    CU_ASSERT_EQUAL(cfg.dev[9].devnum, 0x000E);
    CU_ASSERT_STRING_EQUAL(cfg.dev[10].argv[1], "ro");
    CU_ASSERT_EQUAL(cfg.dev[10].line, 7);
    char d[128];
    config_describe(&cfg.dev[7], d, sizeof d);
    CU_ASSERT_STRING_EQUAL(d, "3505 cards.txt ascii");
    config_free(&cfg);

    uint16_t first;
    unsigned count;
    CU_ASSERT_EQUAL(config_parse_devnums("00C0.4", &first, &count), 0);
    CU_ASSERT(first == 0xC0 && count == 4);
    CU_ASSERT_EQUAL(config_parse_devnums("120-12F", &first, &count), 0);
    CU_ASSERT(first == 0x120 && count == 16);
    CU_ASSERT_EQUAL(config_parse_devnums("FFFF", &first, &count), 0);
    CU_ASSERT_EQUAL(config_parse_devnums("FFFF.2", &first, &count), -1);
    CU_ASSERT_EQUAL(config_parse_devnums("10000", &first, &count), -1);
    CU_ASSERT_EQUAL(config_parse_devnums("", &first, &count), -1);
    CU_ASSERT_EQUAL(config_parse_devnums("C0.", &first, &count), -1);
}

static void test_symbols(void)
{
    Config cfg;
    setenv("IPX_TEST_DIR", "/tmp/ipx", 1);
    const char *text =
        "DEFSYM SIZE 8\n"
        "DEFSYM PRT \"print file.txt\"\n"
        "MAINSIZE $(SIZE)\n"
        "000E 1403 \"$(PRT)\"\n"
        "000C 3505 ${IPX_TEST_DIR}/deck\n"
        "DEFSYM SIZE 12\n"
        "CPUMODEL $(SIZE)\n";
    CU_ASSERT_EQUAL_FATAL(parse(&cfg, text), 0);
    CU_ASSERT_EQUAL(cfg.mainsize, 8u << 20);
    CU_ASSERT_STRING_EQUAL(cfg.dev[0].argv[0], "print file.txt");
    CU_ASSERT_STRING_EQUAL(cfg.dev[1].argv[0], "/tmp/ipx/deck");
    CU_ASSERT_EQUAL(cfg.cpumodel, 0x12);
    config_free(&cfg);
    unsetenv("IPX_TEST_DIR");
}

static void test_errors(void)
{
    refused("FOO 1\n", 1, "FOO is neither a statement nor a device number");
    refused("\n\nARCHMODE\n", 3, "operand missing: expected ARCHMODE ESA/390|S/370");
    refused("ARCHMODE z/Arch\n", 1, "expected ESA/390 or S/370");
    refused("ARCHMODE S/370 extra\n", 1, "unexpected operand 'extra'");
    refused("MAINSIZE abc\n", 1, "MAINSIZE abc: expected megabytes");
    refused("MAINSIZE 0\n", 1, "a multiple of 64K from 64K to 2G");
    refused("MAINSIZE 100K\n", 1, "a multiple of 64K");
    refused("MAINSIZE 3G\n", 1, "from 64K to 2G");
    refused("MAINSIZE 12X\n", 1, "MAINSIZE 12X");
    refused("NUMCPU 2\n", 1, "interpex emulates one CPU: expected NUMCPU 1");
    refused("NUMCPU x\n", 1, "expected a number of CPUs");
    refused("CPUMODEL 12345\n", 1, "expected up to 4 hexadecimal digits");
    refused("CPUSERIAL XYZ\n", 1, "expected up to 6 hexadecimal digits");
    refused("CNSLPORT 70000\n", 1, "port from 0 to 65535");
    refused("CNSLPORT host:\n", 1, "port from 0 to 65535");
    refused("CNSLPORT :3270\n", 1, "expected a host name");
    refused("LOADPARM TOOLONGNAME\n", 1, "expected 1 to 8 characters");
    refused("DEFSYM 1+2 x\n", 1, "expected a name of 1 to 63 letters");
    refused("DEFSYM NAME\n", 1, "expected DEFSYM NAME VALUE");
    refused("MAINSIZE $(IPX_NO_SUCH_SYMBOL)\n", 1, "symbol IPX_NO_SUCH_SYMBOL is not defined");
    refused("MAINSIZE $(SIZE\n", 1, "unterminated symbol reference");
    refused("MAINSIZE $()\n", 1, "bad symbol name");
    refused("000E 1403 \"prt.txt\n", 1, "unterminated quoted string");
    refused("00G0 3270\n", 1, "00G0 is neither a statement nor a device number");
    refused("00C0.0 3270\n", 1, "neither a statement nor a device number");
    refused("00C0-00B0 3270\n", 1, "neither a statement nor a device number");
    refused("00C0\n", 1, "device type missing");
    refused("0200 9999\n", 1, "unknown device type 9999");
    refused("000E 1403\n", 1, "a file name is missing: expected 1403 FILE");
    refused("000D 3525\n", 1, "a file name is missing");
    refused("000C 3505 cards.txt utf8\n", 1, "unexpected operand 'utf8': expected 3505 [FILE [ascii|ebcdic]]");
    refused("0120 3390 a.3390 rw\n", 1, "unexpected operand 'rw': expected 3390 FILE [ro] [sf=SHADOWFILE] [nosync]");
    refused("0120 3390 a.3390 sf=\n", 1, "unexpected operand 'sf='");
    refused("0580 3420\n", 1, "a file name is missing: expected 3420 FILE [ro]");
    refused("0580 3480 t.aws ro x\n", 1, "unexpected operand 'x'");
    refused("0120 3390\n", 1, "a file name is missing");
    refused("00C0 3270 GROUP1\n", 1, "unexpected operand 'GROUP1': expected 3270 no operands");
    refused("0009 3215-C % noprompt\n", 1, "unexpected operand '%'");
    refused("0009 3215 foo\n", 1, "unexpected operand 'foo'");
    refused("0120.2 3390 a.3390\n", 1, "cannot share one file");
    refused("00C0.4 3270\n00C2 3270\n", 2, "device 00C2 is already defined on line 1");
    refused("000C 3505 a b c d e f g h i\n", 1, "too many operands");
    refused("00C0 3279-7\n", 1, "unknown device type 3279-7");

    char big[1200];
    memset(big, 'A', sizeof big - 1);
    big[sizeof big - 1] = 0;
    refused(big, 1, "line longer than");

    Config cfg;
    CU_ASSERT_EQUAL(config_load(&cfg, "/nonexistent/x.cnf", err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "/nonexistent/x.cnf"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "cannot open"));
    config_free(&cfg);
}

static void test_load_file(void)
{
    char path[] = "/tmp/ipx-cfg-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    const char text[] = "MAINSIZE 8\n\nNUMCPU 3\n";
    CU_ASSERT_EQUAL(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
    close(fd);
    Config cfg;
    CU_ASSERT_EQUAL(config_load(&cfg, path, err, sizeof err), -1);
    char want[64];
    snprintf(want, sizeof want, "%s:3: NUMCPU 3", path);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, want));
    config_free(&cfg);
    unlink(path);
}

/* The build step: a machine, then real devices on temporary files. */
static void test_build(void)
{
    char dir[] = "/tmp/ipx-cfgb-XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    char vol[64], prt[64], deck[64], pch[64], fba[64], tape[64], text[700];
    snprintf(vol, sizeof vol, "%s/v.3390", dir);
    snprintf(prt, sizeof prt, "%s/prt.txt", dir);
    snprintf(deck, sizeof deck, "%s/deck.txt", dir);
    snprintf(pch, sizeof pch, "%s/pch.txt", dir);
    snprintf(fba, sizeof fba, "%s/f.fba", dir);
    snprintf(tape, sizeof tape, "%s/t.aws", dir);
    CU_ASSERT_EQUAL_FATAL(fba_create(fba, "3370", 100, "FBA001", err, sizeof err), 0);
    FILE *f = fopen(deck, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs("CARD ONE\n", f);
    fclose(f);
    CU_ASSERT_EQUAL_FATAL(ckd_create(vol, "3390", 1, "TEST01", err, sizeof err), 0);
    snprintf(text, sizeof text,
             "MAINSIZE 1M\nCPUSERIAL 012345\nCPUMODEL 3090\n"
             "0009 3215-C\n00C0.2 3270\n000C 3505 %s ascii\n000D 3525 %s\n"
             "000E 1403 %s\n0120 3390 %s ro\n001F 1052\n0200 3370 %s\n0580 3420 %s\n",
             deck, pch, prt, vol, fba, tape);
    Config cfg;
    CU_ASSERT_EQUAL_FATAL(parse(&cfg, text), 0);
    Machine *m = config_new_machine(&cfg, err, sizeof err);
    CU_ASSERT_FATAL(m != NULL);
    CU_ASSERT_EQUAL(m->memsize, 1u << 20);
    CU_ASSERT_EQUAL(m->cpu->cpuid, 0xFF01234530900000ull);
    FILE *out = tmpfile();
    Session *s = session_new(m, out);
    CU_ASSERT_FATAL(s != NULL);
    CU_ASSERT_EQUAL(config_attach(&cfg, m, s, err, sizeof err), 0);
    CU_ASSERT_EQUAL(m->ndevices, 10);
    CU_ASSERT_STRING_EQUAL(css_find_device(m, 0x0200)->ops->type, "3370");
    CU_ASSERT_STRING_EQUAL(css_find_device(m, 0x0580)->ops->type, "3420");
    CU_ASSERT_PTR_NOT_NULL(css_find_device(m, 0x0120));
    CU_ASSERT_STRING_EQUAL(css_find_device(m, 0x000C)->ops->type, "3505");
    CU_ASSERT_EQUAL(css_find_device(m, 0x00C1)->subchan, 2);     /* the order of the file */
    css_free(m);
    session_free(s);
    machine_free(m);
    config_free(&cfg);

    /* A device whose file cannot be opened: file and line of its statement. */
    CU_ASSERT_EQUAL_FATAL(parse(&cfg, "0009 3215-C\n\n000E 1403 /nonexistent/dir/prt.txt\n"), 0);
    m = config_new_machine(&cfg, err, sizeof err);
    s = session_new(m, out);
    CU_ASSERT_EQUAL(config_attach(&cfg, m, s, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "t.cnf:3: 000E: cannot open /nonexistent/dir/prt.txt"));
    css_free(m);
    session_free(s);
    machine_free(m);
    config_free(&cfg);

    /* A disk image that is not one. */
    CU_ASSERT_EQUAL_FATAL(parse(&cfg, "0120 3390 /dev/null\n"), 0);
    m = config_new_machine(&cfg, err, sizeof err);
    s = session_new(m, out);
    CU_ASSERT_EQUAL(config_attach(&cfg, m, s, err, sizeof err), -1);
    CU_ASSERT_EQUAL(strncmp(err, "t.cnf:1: ", 9), 0);
    css_free(m);
    session_free(s);
    machine_free(m);
    config_free(&cfg);
    fclose(out);

    unlink(vol);
    unlink(prt);
    unlink(deck);
    unlink(pch);
    unlink(fba);
    unlink(tape);
    rmdir(dir);
}

/* Random lines from a vocabulary of the syntax: parsed or refused with a
 * located message, never a crash (run under ASan by make check). */
static void test_random(void)
{
    static const char *const words[] = {
        "MAINSIZE", "ARCHMODE", "NUMCPU", "CNSLPORT", "DEFSYM", "CPUMODEL", "LOADPARM", "S/370",
        "ESA/390", "16M", "0", "1", "2G", "00C0.4", "00C0-00C3", "0009", "3215-C", "3270", "3390",
        "3505", "1403", "x.txt", "ro", "ebcdic", "$(", "${HOME}", "$(A)", ")", "\"", "#", "*",
        "A", "127.0.0.1:", ":", "=", "\t", "FFFF", "10000", ".", "-", "sf=", "3420", "9336",
    };
    unsigned seed = 12345;
    char text[4096];
    for (int round = 0; round < 3000; round++) {
        size_t o = 0;
        int lines = 1 + round % 4;
        for (int l = 0; l < lines; l++) {
            int n = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 6;
            for (int w = 0; w < n; w++) {
                seed = seed * 1103515245u + 12345u;
                const char *word = words[(seed >> 16) % (sizeof words / sizeof words[0])];
                o += (size_t)snprintf(text + o, sizeof text - o, "%s%s", w ? " " : "", word);
            }
            text[o++] = '\n';
        }
        text[o] = 0;
        Config cfg;
        int rc = parse(&cfg, text);
        CU_ASSERT(rc == 0 || rc == -1);
        if (rc)
            CU_ASSERT_EQUAL(strncmp(err, "t.cnf:", 6), 0);
        config_free(&cfg);
    }
}

void register_config_tests(void)
{
    CU_pSuite s = CU_add_suite("config", NULL, NULL);
    CU_add_test(s, "defaults", test_defaults);
    CU_add_test(s, "statements, comments, sizes", test_statements);
    CU_add_test(s, "device statements, ranges, operands", test_devices);
    CU_add_test(s, "DEFSYM and environment symbols", test_symbols);
    CU_add_test(s, "every error names file, line and what was expected", test_errors);
    CU_add_test(s, "errors from a file name its path", test_load_file);
    CU_add_test(s, "building the machine and its devices", test_build);
    CU_add_test(s, "random statements: parsed or refused with a location", test_random);
}

/*
 * ebcdic.c — EBCDIC code page 037 <-> ASCII (ISO 8859-1) for guest
 * programs.  The 3215 console, card readers and printers speak EBCDIC;
 * C strings in guest programs are ASCII.  CP037 is a permutation of ISO
 * 8859-1, so the tables are exact inverses; console/cp037.h holds them,
 * for the host's console/codepage.c too.
 */
#include "console/cp037.h"
#include "guest/libc.h"

const uint8_t ascii_to_ebcdic[256] = LATIN1_TO_CP037;

const uint8_t ebcdic_to_ascii[256] = CP037_TO_LATIN1;

/*
 * console_hello.c — console output through the channel subsystem:
 * printf() and console_puts() (guest/lib/console.c) drive the 3215 at
 * device 0009 with SSCH and TSCH; the batch runner shows it on stdout.
 *
 * EXPECT: HELLO FROM THE 3215
 * EXPECT: 42 = 0x2A, a line with [brackets] and {braces}
 * EXPECT: ONE LINE IN TWO PIECES
 * EXPECT: PUTS WORKS TOO
 */
#include "guest/libc.h"

int main(void)
{
    if (printf("HELLO FROM THE 3215\n") != 20)
        return 1;
    if (printf("%d = 0x%X, a line with [brackets] and {braces}\n", 42, 42) < 0)
        return 2;
    if (printf("ONE LINE ") != 9 || printf("IN TWO PIECES\n") != 14)
        return 3;
    if (console_puts("PUTS WORKS TOO") != 0)
        return 4;
    /* Round trip of the code page tables. */
    for (int i = 0; i < 256; i++)
        if (ebcdic_to_ascii[ascii_to_ebcdic[i]] != i)
            return 5;
    if (ascii_to_ebcdic['A'] != 0xC1 || ascii_to_ebcdic['0'] != 0xF0 || ascii_to_ebcdic[' '] != 0x40)
        return 6;
    return 0;
}

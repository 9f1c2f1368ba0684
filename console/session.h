/*
 * session.h — the interactive machine: one Machine whose CPU runs in its
 * own thread, shared with the front ends (operator console, TN3270 server,
 * SDL window) under one lock.
 *
 * Threads and the lock.  The CPU thread holds the session lock while it
 * executes instructions.  Any other thread that wants to touch the machine
 * (devices, storage, registers, the PSW) calls session_lock(), which asks
 * the CPU to pause at the next instruction boundary and takes the lock;
 * session_unlock() lets the CPU go on.  Devices are driven by the CPU thread
 * (channel programs) and by front-end threads (terminal input) always under
 * that lock, so device code needs no locking of its own.
 *
 * While the guest is in an enabled wait the CPU thread sleeps without the
 * lock; session_notify() (called with the lock held, after presenting
 * status, e.g. dev_attention()) wakes it.
 */
#ifndef CONSOLE_SESSION_H
#define CONSOLE_SESSION_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "cpu370/cpu.h"

typedef struct Session Session;

void     session_lock(Session *s);
void     session_unlock(Session *s);
void     session_notify(Session *s);
Machine *session_machine(Session *s);

/* A message line for the operator (thread-safe, any thread, with or without
 * the lock).  Printed on the operator console as "HH:MM:SS text". */
void     session_log(Session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- For the front end that owns the session (console/interactive.c,
 *      console/operator.c, tests) ------------------------------------------ */

/* A session for machine m, printing on `out`.  No CPU thread yet: until
 * session_start_thread() everything runs on the caller's thread (tests). */
Session *session_new(Machine *m, FILE *out);
int      session_start_thread(Session *s);         /* 0, or -1            */
/* End the CPU thread (the machine is left as it is).  Shut down in this
 * order: tn3270_stop(), session_stop(), css_free(), session_free(),
 * machine_free() — the 3215-C consoles print through the session. */
void     session_stop(Session *s);
void     session_free(Session *s);

/* Operator states (ESA/390 PoO ch. 4 "CPU states"): stopped or operating.
 * Call with the lock held. */
void     session_cpu_start(Session *s);
void     session_cpu_stop(Session *s);
bool     session_cpu_started(Session *s);
/* Without the lock: wait until the CPU is stopped, at most `secs` seconds;
 * true if it is stopped. */
bool     session_wait_stopped(Session *s, double secs);

/* Debugging (lock held).  Tracing prints each instruction before it runs;
 * stepping stops before each instruction (start runs the one shown);
 * breakpoints stop when the PSW instruction address reaches one. */
#define SESSION_MAX_BREAKPOINTS 8
void     session_set_trace(Session *s, bool on);
bool     session_trace(Session *s);
void     session_set_step(Session *s, bool on);
bool     session_step(Session *s);
int      session_add_breakpoint(Session *s, uint32_t addr);     /* 0, -1 full */
void     session_clear_breakpoints(Session *s);
unsigned session_breakpoints(Session *s, uint32_t *addrs);       /* count     */

/* Output.  session_print() prints lines as they are (command output);
 * session_log() adds the time.  A hook, when set, receives every line
 * instead of the stream (the line editor keeps its prompt intact). */
void     session_print(Session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
typedef void SessionOutput(void *ctx, const char *line);
void     session_set_output_hook(Session *s, SessionOutput *fn, void *ctx);
/* A stream whose lines are printed through the session (3215-C output). */
FILE    *session_console_stream(Session *s);
/* Another such stream, for command output written with stdio (the lock
 * held while it is used). */
FILE    *session_text_stream(Session *s);
/* Print "PSW=... INST=... MNEMONIC operands" and the registers for the
 * instruction at the current PSW (trace and step display). */
void     session_show_instruction(Session *s);

/* Speed: instructions per second measured between samples. */
typedef struct SessionRates {
    uint64_t icount;          /* instructions so far                  */
    double   mips;            /* over the last sampling interval      */
    double   max_mips;        /* highest seen                         */
    time_t   max_when;        /* when                                 */
    double   run_seconds;     /* time spent in the operating state    */
} SessionRates;
void     session_sample_rates(Session *s);   /* any thread, no lock  */
void     session_rates(Session *s, SessionRates *r);

#endif

/*
 * lineedit.h — the operator's line editor on a terminal: GNU readline by
 * default, BSD libedit when built with LINEEDIT=edit (make LINEEDIT=edit).
 * History (kept in a file between runs) and completion of command names
 * (then of file names, for loadcore and friends).
 *
 * Other threads print while the operator types: their lines are queued and
 * printed by the editor's own thread above the prompt, which is then drawn
 * again with what was typed so far (readline is not thread-safe, so only
 * one thread ever touches it).
 */
#ifndef CONSOLE_LINEEDIT_H
#define CONSOLE_LINEEDIT_H

#include <stdbool.h>

typedef struct Session Session;
typedef struct LineEdit LineEdit;

/* Each line typed (NULL at end of input). */
typedef void LineHandler(void *ctx, const char *line);
/* Polled about once a second and after each line: true ends the loop. */
typedef bool LineDone(void *ctx);

/* Start editing on the terminal; the session's output goes through the
 * editor from now on.  `words` (NULL-terminated) are completed at the
 * start of a line; history_file may be NULL. */
LineEdit *lineedit_new(Session *s, const char *prompt, const char *const *words,
                       const char *history_file);
/* Read lines until done() says so, end of input, or lineedit_wake() with
 * done() true.  `wake_fd`, if not -1, is also watched: readable means
 * "call done() now" (a signal handler writes to it). */
void      lineedit_run(LineEdit *le, LineHandler *fn, LineDone *done, void *ctx, int wake_fd);
/* Restore the terminal, save the history, print directly again. */
void      lineedit_free(LineEdit *le);

#endif

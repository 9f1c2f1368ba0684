/*
 * lineedit.c — the operator's line editor (lineedit.h) over readline's
 * "alternate interface" (rl_callback_handler_install / rl_callback_read_char,
 * GNU Readline Library manual, "Alternate Interface"), which libedit
 * implements too.  The editor runs on the main thread; a self-pipe wakes
 * its select() when another thread has queued a line of output.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#ifdef USE_LIBEDIT
#include <editline/readline.h>
#else
#include <readline/history.h>
#include <readline/readline.h>
#endif

#include "console/lineedit.h"
#include "console/session.h"

typedef struct OutLine {
    struct OutLine *next;
    char text[];
} OutLine;

struct LineEdit {
    Session            *s;
    char               *prompt;
    char               *history;
    const char *const  *words;
    size_t              complete_next;    /* completion generator state   */
    pthread_mutex_t     lock;             /* the queue and in_handler     */
    bool                in_handler;       /* a command runs: no prompt    */
    OutLine            *head, **tail;
    int                 pipefd[2];
    LineHandler        *fn;
    LineDone           *done;
    void               *ctx;
    bool                eof;
    bool                removed;          /* the handler is uninstalled   */
};

/* readline keeps one terminal per process and its callbacks take no
 * context argument: the editor in use is remembered here. */
static LineEdit *active;

static void print_queue_locked(LineEdit *le)
{
    for (OutLine *l = le->head, *next; l; l = next) {
        next = l->next;
        fputs(l->text, stdout);
        fputc('\n', stdout);
        free(l);
    }
    le->head = NULL;
    le->tail = &le->head;
}

/* The session's output hook (any thread, the session's output lock held). */
static void out_hook(void *ctx, const char *line)
{
    LineEdit *le = ctx;
    pthread_mutex_lock(&le->lock);
    if (le->in_handler) {
        /* The prompt is not on the screen while a command runs. */
        print_queue_locked(le);
        fputs(line, stdout);
        fputc('\n', stdout);
        fflush(stdout);
    } else {
        size_t n = strlen(line);
        OutLine *l = malloc(sizeof *l + n + 1);
        if (l) {
            memcpy(l->text, line, n + 1);
            l->next = NULL;
            *le->tail = l;
            le->tail = &l->next;
        }
        ssize_t w = write(le->pipefd[1], "", 1);    /* wake the editor */
        (void)w;                                     /* full pipe: already awake */
    }
    pthread_mutex_unlock(&le->lock);
}

/* Print queued lines above the prompt, then draw the prompt and the
 * partly typed line again (editor thread). */
static void show_queued(LineEdit *le)
{
    pthread_mutex_lock(&le->lock);
    if (!le->head) {
        pthread_mutex_unlock(&le->lock);
        return;
    }
#ifdef USE_LIBEDIT
    /* libedit's emulation of rl_replace_line() in the callback interface
     * confuses its own state: erase the line with ANSI sequences and let
     * it redraw everything instead. */
    fputs("\r\033[K", stdout);
    print_queue_locked(le);
    fflush(stdout);
    pthread_mutex_unlock(&le->lock);
    rl_forced_update_display();
#else
    char *typed = rl_copy_text(0, rl_end);
    int point = rl_point;
    rl_set_prompt("");
    rl_replace_line("", 0);
    rl_redisplay();
    print_queue_locked(le);
    fflush(stdout);
    pthread_mutex_unlock(&le->lock);
    rl_set_prompt(le->prompt);
    rl_replace_line(typed ? typed : "", 0);
    rl_point = point;
    rl_redisplay();
    free(typed);
#endif
}

static void line_typed(char *line)
{
    LineEdit *le = active;
    if (!line) {
        le->eof = true;
        fputc('\n', stdout);
        return;
    }
    if (line[strspn(line, " \t")])
        add_history(line);
    pthread_mutex_lock(&le->lock);
    le->in_handler = true;
    print_queue_locked(le);
    fflush(stdout);
    pthread_mutex_unlock(&le->lock);
    le->fn(le->ctx, line);
    if (le->done(le->ctx)) {
        /* quit: no new prompt */
        rl_callback_handler_remove();
        le->removed = true;
    }
    pthread_mutex_lock(&le->lock);
    le->in_handler = false;
    pthread_mutex_unlock(&le->lock);
    free(line);
}

static char *complete_word(const char *text, int state)
{
    LineEdit *le = active;
    if (state == 0)
        le->complete_next = 0;
    size_t len = strlen(text);
    while (le->words[le->complete_next]) {
        const char *w = le->words[le->complete_next++];
        if (!strncmp(w, text, len))
            return strdup(w);
    }
    return NULL;
}

static char **complete(const char *text, int start, int end)
{
    (void)end;
    if (start != 0)
        return NULL;                  /* operands: file names (the default) */
    return rl_completion_matches(text, complete_word);
}

LineEdit *lineedit_new(Session *s, const char *prompt, const char *const *words,
                       const char *history_file)
{
    LineEdit *le = calloc(1, sizeof *le);
    if (!le)
        return NULL;
    le->s = s;
    le->prompt = strdup(prompt);
    le->history = history_file ? strdup(history_file) : NULL;
    le->words = words;
    le->tail = &le->head;
    pthread_mutex_init(&le->lock, NULL);
    if (!le->prompt || pipe(le->pipefd)) {
        free(le->prompt);
        free(le->history);
        free(le);
        return NULL;
    }
    fcntl(le->pipefd[0], F_SETFL, O_NONBLOCK);
    fcntl(le->pipefd[1], F_SETFL, O_NONBLOCK);
    active = le;
#ifndef USE_LIBEDIT
    rl_catch_signals = 0;             /* interactive.c handles SIGINT/SIGTERM */
#endif
    rl_attempted_completion_function = complete;
    using_history();
    stifle_history(1000);
    if (le->history)
        read_history(le->history);
    session_set_output_hook(s, out_hook, le);
    return le;
}

void lineedit_run(LineEdit *le, LineHandler *fn, LineDone *done, void *ctx, int wake_fd)
{
    le->fn = fn;
    le->done = done;
    le->ctx = ctx;
    le->removed = false;
    rl_callback_handler_install(le->prompt, line_typed);
    while (!le->eof && !le->removed && !done(ctx)) {
        fd_set rd;
        FD_ZERO(&rd);
        FD_SET(0, &rd);
        FD_SET(le->pipefd[0], &rd);
        int maxfd = le->pipefd[0];
        if (wake_fd >= 0) {
            FD_SET(wake_fd, &rd);
            if (wake_fd > maxfd)
                maxfd = wake_fd;
        }
        struct timeval tv = { 1, 0 };
        int n = select(maxfd + 1, &rd, NULL, NULL, &tv);
        session_sample_rates(le->s);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (n > 0 && FD_ISSET(le->pipefd[0], &rd)) {
            char buf[256];
            while (read(le->pipefd[0], buf, sizeof buf) > 0)
                ;
            show_queued(le);
        }
        if (n > 0 && FD_ISSET(0, &rd))
            rl_callback_read_char();
    }
    if (!le->removed)
        rl_callback_handler_remove();
}

void lineedit_free(LineEdit *le)
{
    if (!le)
        return;
    session_set_output_hook(le->s, NULL, NULL);
    pthread_mutex_lock(&le->lock);
    print_queue_locked(le);
    fflush(stdout);
    pthread_mutex_unlock(&le->lock);
    if (le->history)
        write_history(le->history);
    close(le->pipefd[0]);
    close(le->pipefd[1]);
    pthread_mutex_destroy(&le->lock);
    if (active == le)
        active = NULL;
    free(le->prompt);
    free(le->history);
    free(le);
}

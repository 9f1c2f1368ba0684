/*
 * tn3270.h — the TN3270 server: a listener thread on CNSLPORT that connects
 * TN3270 clients (RFC 1576, plain TN3270) to the machine's 3270 devices,
 * and plain telnet clients to a free 3215 console in line mode.
 */
#ifndef CONSOLE_TN3270_H
#define CONSOLE_TN3270_H

#include <stddef.h>

typedef struct Session Session;

/* Start the listener thread on host:port (host NULL or "" = 127.0.0.1).
 * 0, or -1 with a one-line message in err. */
int  tn3270_start(Session *s, const char *host, int port, char *err, size_t errlen);
/* Close every connection (devices become free) and end the thread. */
void tn3270_stop(Session *s);

#endif

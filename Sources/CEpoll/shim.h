#ifndef REDISLINGS_CEPOLL_SHIM_H
#define REDISLINGS_CEPOLL_SHIM_H
// Linux's epoll and eventfd, and two calls, which Glibc's Swift module leaves out: serve's event loop
// (RedisServer's Transport) waits on them as Redis's ae_epoll.c does.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <fcntl.h>

// Names the calling thread (shown by top and perf), as pthread_setname_np would.
static inline void redislings_name_thread(const char *name) { prctl(PR_SET_NAME, name, 0, 0, 0); }

// accept, with the new socket non-blocking and closed on exec (accept4 is a GNU extension
// Swift's Glibc does not declare).
static inline int redislings_accept_nonblocking(int listener) {
    int fd = accept(listener, 0, 0);
    if (fd < 0) return fd;
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    return fd;
}
#endif

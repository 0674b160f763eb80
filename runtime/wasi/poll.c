/*===- poll.c - poll_oneoff: clock and fd subscriptions ------------*- C -*-===*
 *
 * Subscriptions (48 bytes: userdata, tag, then clock {id, timeout,
 * precision, flags} or fd_readwrite {fd}) become one ppoll over the fds with
 * the nearest clock deadline as its timeout. A subscription that cannot be
 * waited on (a bad fd, a missing right, an unknown clock) is reported at
 * once as an event carrying the error, as the spec asks, and makes the
 * poll not block. Clock deadlines are kept on the monotonic clock; an
 * absolute realtime timeout is converted when the call starts. CPU-time
 * clocks cannot be slept on: their subscriptions report NOTSUP.
 *===----------------------------------------------------------------------===*/
#include "wasi_internal.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <time.h>

#define SUB_SIZE 48
#define EVENT_SIZE 32

enum { EVENT_CLOCK = 0, EVENT_FD_READ = 1, EVENT_FD_WRITE = 2 };

static uint64_t now_ns(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

typedef struct sub {
  uint64_t userdata;
  uint8_t type;
  uint16_t error;     /* reported at once when nonzero */
  bool immediate;     /* an event to report whatever happens */
  uint64_t deadline;  /* clocks: monotonic ns */
  int pollfd;         /* fds: index into the pollfd array, else -1 */
} sub;

static void put_event(uint8_t *out, const sub *s, uint16_t error,
                      uint64_t nbytes, uint16_t flags) {
  memset(out, 0, EVENT_SIZE);
  wasi_put_u64(out, s->userdata);
  wasi_put_u16(out + 8, error);
  wasi_put_u8(out + 10, s->type);
  wasi_put_u64(out + 16, nbytes);
  wasi_put_u16(out + 24, flags);
}

WASI_IMPL(poll_oneoff) {
  uint32_t nsubs = WASI_ARG_U32(2);
  wasi_mem m = wasi_mem_now(w);
  const uint8_t *in = wasi_mem_at(m, WASI_ARG_U32(0), (uint64_t)nsubs * SUB_SIZE);
  uint8_t *out = wasi_mem_at(m, WASI_ARG_U32(1), (uint64_t)nsubs * EVENT_SIZE);
  uint8_t *nevents = wasi_mem_at(m, WASI_ARG_U32(3), 4);
  if (in == NULL || out == NULL || nevents == NULL)
    return WASI_EFAULT;
  if (nsubs == 0)
    return WASI_EINVAL;
  sub *subs = calloc(nsubs, sizeof(sub));
  struct pollfd *pfds = calloc(nsubs, sizeof(struct pollfd));
  if (subs == NULL || pfds == NULL) {
    free(subs);
    free(pfds);
    return WASI_ENOMEM;
  }
  nfds_t npfds = 0;
  bool any_immediate = false, any_clock = false;
  uint64_t start = now_ns(CLOCK_MONOTONIC);
  uint64_t nearest = UINT64_MAX;
  for (uint32_t i = 0; i < nsubs; ++i) {
    const uint8_t *s = in + (uint64_t)i * SUB_SIZE;
    sub *x = &subs[i];
    x->userdata = wasi_get_u64(s);
    x->type = s[8];
    x->pollfd = -1;
    if (x->type == EVENT_CLOCK) {
      uint32_t id = wasi_get_u32(s + 16);
      uint64_t timeout = wasi_get_u64(s + 24);
      bool abstime = wasi_get_u16(s + 40) & 1;
      uint64_t remaining;
      if (id == 0 || id == 1) {
        uint64_t now = now_ns(id == 0 ? CLOCK_REALTIME : CLOCK_MONOTONIC);
        remaining = !abstime ? timeout : timeout > now ? timeout - now : 0;
      } else {
        x->error = id <= 3 ? WASI_ENOTSUP : WASI_EINVAL;
        x->immediate = any_immediate = true;
        continue;
      }
      x->deadline = remaining > UINT64_MAX - start ? UINT64_MAX
                                                   : start + remaining;
      if (x->deadline < nearest)
        nearest = x->deadline;
      any_clock = true;
    } else if (x->type == EVENT_FD_READ || x->type == EVENT_FD_WRITE) {
      uint16_t err;
      wasi_fd *f = wasi_fd_get(w, wasi_get_u32(s + 16), R_POLL_FD_READWRITE,
                               &err);
      if (f == NULL) {
        x->error = err;
        x->immediate = any_immediate = true;
        continue;
      }
      x->pollfd = (int)npfds;
      pfds[npfds].fd = f->host;
      pfds[npfds].events = x->type == EVENT_FD_READ ? POLLIN : POLLOUT;
      ++npfds;
    } else {
      x->error = WASI_EINVAL;
      x->immediate = any_immediate = true;
    }
  }

  uint32_t count = 0;
  for (;;) {
    struct timespec ts, *tsp = NULL;
    uint64_t now = now_ns(CLOCK_MONOTONIC);
    if (any_immediate) {
      ts.tv_sec = 0;
      ts.tv_nsec = 0;
      tsp = &ts;
    } else if (any_clock) {
      uint64_t wait = nearest > now ? nearest - now : 0;
      ts.tv_sec = (time_t)(wait / 1000000000u);
      ts.tv_nsec = (long)(wait % 1000000000u);
      if (wait / 1000000000u > (uint64_t)INT32_MAX)
        ts.tv_sec = INT32_MAX;
      tsp = &ts;
    }
    int r = ppoll(pfds, npfds, tsp, NULL);
    if (r < 0 && errno != EINTR) {
      int e = errno;
      free(subs);
      free(pfds);
      return wasi_errno_from_host(e);
    }
    now = now_ns(CLOCK_MONOTONIC);
    for (uint32_t i = 0; i < nsubs; ++i) {
      sub *x = &subs[i];
      uint8_t *ev = out + (uint64_t)count * EVENT_SIZE;
      if (x->immediate) {
        put_event(ev, x, x->error, 0, 0);
        ++count;
      } else if (x->pollfd >= 0 && r > 0 && pfds[x->pollfd].revents != 0) {
        short re = pfds[x->pollfd].revents;
        uint16_t error = (re & POLLNVAL) ? WASI_EBADF : 0;
        uint64_t nbytes = 0;
        if (x->type == EVENT_FD_READ && error == 0) {
          int avail = 0;
          if (ioctl(pfds[x->pollfd].fd, FIONREAD, &avail) == 0 && avail > 0)
            nbytes = (uint64_t)avail;
        }
        put_event(ev, x, error, nbytes, (re & POLLHUP) ? 1 : 0);
        ++count;
      }
    }
    /* Clocks count only when no fd was ready, as most runtimes do. */
    if (count == 0) {
      for (uint32_t i = 0; i < nsubs; ++i) {
        sub *x = &subs[i];
        if (x->type == EVENT_CLOCK && !x->immediate && x->deadline <= now) {
          put_event(out + (uint64_t)count * EVENT_SIZE, x, 0, 0, 0);
          ++count;
        }
      }
    }
    if (count > 0)
      break;
  }
  free(subs);
  free(pfds);
  wasi_put_u32(nevents, count);
  return WASI_ESUCCESS;
}

/*===- misc.c - Arguments, environment, clocks, randomness, process -*- C -*-===*/
#include "wasi_internal.h"

#include <errno.h>
#include <sched.h>
#include <sys/random.h>
#include <time.h>

/* args_get / environ_get: an array of guest pointers at `ptrs` and the
 * NUL-terminated strings back to back at `buf`. Both ranges are checked
 * whole before anything is written. */
static uint16_t put_strings(wa_wasi *w, char **strings, size_t count,
                            size_t bytes, uint32_t ptrs, uint32_t buf) {
  wasi_mem m = wasi_mem_now(w);
  uint8_t *p = wasi_mem_at(m, ptrs, (uint64_t)count * 4);
  uint8_t *b = wasi_mem_at(m, buf, bytes);
  if (p == NULL || b == NULL)
    return WASI_EFAULT;
  uint32_t at = buf;
  for (size_t i = 0; i < count; ++i) {
    size_t len = strlen(strings[i]) + 1;
    wasi_put_u32(p + 4 * i, at);
    memmove(b, strings[i], len);
    b += len;
    at += (uint32_t)len;
  }
  return WASI_ESUCCESS;
}

static uint16_t put_sizes(wa_wasi *w, size_t count, size_t bytes,
                          uint32_t count_ptr, uint32_t bytes_ptr) {
  wasi_mem m = wasi_mem_now(w);
  uint8_t *c = wasi_mem_at(m, count_ptr, 4);
  uint8_t *b = wasi_mem_at(m, bytes_ptr, 4);
  if (c == NULL || b == NULL)
    return WASI_EFAULT;
  if (count > UINT32_MAX || bytes > UINT32_MAX)
    return WASI_EOVERFLOW;
  wasi_put_u32(c, (uint32_t)count);
  wasi_put_u32(b, (uint32_t)bytes);
  return WASI_ESUCCESS;
}

WASI_IMPL(args_get) {
  return put_strings(w, w->argv, w->argc, w->argv_bytes, WASI_ARG_U32(0),
                     WASI_ARG_U32(1));
}
WASI_IMPL(args_sizes_get) {
  return put_sizes(w, w->argc, w->argv_bytes, WASI_ARG_U32(0),
                   WASI_ARG_U32(1));
}
WASI_IMPL(environ_get) {
  return put_strings(w, w->env, w->env_count, w->env_bytes, WASI_ARG_U32(0),
                     WASI_ARG_U32(1));
}
WASI_IMPL(environ_sizes_get) {
  return put_sizes(w, w->env_count, w->env_bytes, WASI_ARG_U32(0),
                   WASI_ARG_U32(1));
}

/* The host clock of a WASI clockid: realtime, monotonic, process CPU time,
 * thread CPU time. False for anything else (INVAL). */
static bool host_clock(uint32_t id, clockid_t *out) {
  switch (id) {
  case 0: *out = CLOCK_REALTIME; return true;
  case 1: *out = CLOCK_MONOTONIC; return true;
  case 2: *out = CLOCK_PROCESS_CPUTIME_ID; return true;
  case 3: *out = CLOCK_THREAD_CPUTIME_ID; return true;
  default: return false;
  }
}

static uint64_t to_ns(const struct timespec *ts) {
  return (uint64_t)ts->tv_sec * 1000000000u + (uint64_t)ts->tv_nsec;
}

WASI_IMPL(clock_res_get) {
  clockid_t id;
  if (!host_clock(WASI_ARG_U32(0), &id))
    return WASI_EINVAL;
  struct timespec ts;
  if (clock_getres(id, &ts) != 0)
    return wasi_errno_from_host(errno);
  return wasi_store_u64(w, WASI_ARG_U32(1), to_ns(&ts));
}

WASI_IMPL(clock_time_get) {
  clockid_t id;
  if (!host_clock(WASI_ARG_U32(0), &id))
    return WASI_EINVAL;
  /* The precision argument is a hint; the host clock is read as is. */
  struct timespec ts;
  if (clock_gettime(id, &ts) != 0)
    return wasi_errno_from_host(errno);
  return wasi_store_u64(w, WASI_ARG_U32(2), to_ns(&ts));
}

WASI_IMPL(random_get) {
  uint32_t len = WASI_ARG_U32(1);
  uint8_t *p = wasi_mem_at(wasi_mem_now(w), WASI_ARG_U32(0), len);
  if (p == NULL)
    return WASI_EFAULT;
  while (len > 0) {
    ssize_t n = getrandom(p, len, 0);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return wasi_errno_from_host(errno);
    }
    p += n;
    len -= (uint32_t)n;
  }
  return WASI_ESUCCESS;
}

/* Records the status and unwinds the guest like a trap; the embedder reads
 * the status with wa_wasi_exit_status. */
WASI_IMPL(proc_exit) {
  w->exit_status = WASI_ARG_U32(0);
  return WA_TRAP_ProcExit;
}

/* Raising a host signal on the guest's behalf would hand it a way to kill
 * or stop the embedding process; like most runtimes this is unsupported. */
WASI_IMPL(proc_raise) {
  (void)w;
  (void)a;
  return WASI_ENOSYS;
}

WASI_IMPL(sched_yield) {
  (void)w;
  (void)a;
  sched_yield();
  return WASI_ESUCCESS;
}

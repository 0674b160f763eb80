/*
 * Minimal WASI preview 1 ("wasi_snapshot_preview1") host functions for
 * wasm2c-translated command modules. Benchmark runner only, not a sandbox:
 * see README.md.
 *
 * Provided: args_sizes_get, args_get, environ_sizes_get, environ_get (empty
 * environment), fd_write (fds 1, 2), fd_read (fd 0), fd_close, fd_seek,
 * fd_fdstat_get (fds 0-2), fd_prestat_get / fd_prestat_dir_name (no
 * preopens: always ERRNO_BADF), clock_time_get, clock_res_get, random_get,
 * proc_exit, sched_yield.
 *
 * Anything else a module imports is deliberately left undefined, so the
 * link fails; build.py checks the module's imports against the symbols this
 * file defines first and names the missing ones.
 *
 * Every guest pointer is checked against the current memory size before
 * use; a pointer range outside memory gives ERRNO_FAULT.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "wasi_shim.h"

/* When build.py passes the wasm2c-generated header, the compiler checks each
 * definition below against the prototype wasm2c emitted for the import. */
#ifdef WASI_SHIM_MODULE_HEADER
#include WASI_SHIM_MODULE_HEADER
#endif

typedef struct Z_wasi_snapshot_preview1_instance_t wasi_t;

/* --- WASI preview 1 constants (witx: typenames.witx) --- */
enum {
  ERRNO_SUCCESS = 0,
  ERRNO_AGAIN = 6,
  ERRNO_BADF = 8,
  ERRNO_FAULT = 21,
  ERRNO_FBIG = 22,
  ERRNO_INTR = 27,
  ERRNO_INVAL = 28,
  ERRNO_IO = 29,
  ERRNO_ISDIR = 31,
  ERRNO_NOSPC = 51,
  ERRNO_NOSYS = 52,
  ERRNO_OVERFLOW = 61,
  ERRNO_PERM = 63,
  ERRNO_PIPE = 64,
  ERRNO_SPIPE = 70,
};

enum {
  CLOCKID_REALTIME = 0,
  CLOCKID_MONOTONIC = 1,
  CLOCKID_PROCESS_CPUTIME_ID = 2,
  CLOCKID_THREAD_CPUTIME_ID = 3,
};

enum { WHENCE_SET = 0, WHENCE_CUR = 1, WHENCE_END = 2 };

enum {
  FILETYPE_UNKNOWN = 0,
  FILETYPE_BLOCK_DEVICE = 1,
  FILETYPE_CHARACTER_DEVICE = 2,
  FILETYPE_DIRECTORY = 3,
  FILETYPE_REGULAR_FILE = 4,
  FILETYPE_SOCKET_STREAM = 6,
  FILETYPE_SYMBOLIC_LINK = 7,
};

#define FDFLAGS_APPEND 0x1u
#define FDFLAGS_NONBLOCK 0x4u

#define RIGHTS_FD_DATASYNC (1ull << 0)
#define RIGHTS_FD_READ (1ull << 1)
#define RIGHTS_FD_SEEK (1ull << 2)
#define RIGHTS_FD_FDSTAT_SET_FLAGS (1ull << 3)
#define RIGHTS_FD_SYNC (1ull << 4)
#define RIGHTS_FD_TELL (1ull << 5)
#define RIGHTS_FD_WRITE (1ull << 6)

/* Layouts (little-endian, wasm32):
 *   ciovec/iovec: { u32 buf; u32 buf_len; }                 size 8
 *   fdstat: { u8 filetype @0; u16 flags @2; u64 rights_base @8;
 *             u64 rights_inheriting @16; }                  size 24 */
#define IOVEC_SIZE 8u
#define FDSTAT_SIZE 24u

/* Host iovecs translated per writev/readv call. */
#define IOV_BATCH 64
/* Cap on bytes moved per call so the result always fits in a u32. */
#define MAX_IO_BYTES 0x7ffff000ull

/* --- guest memory access --- */

static bool in_bounds(const wasi_t* w, uint32_t ptr, uint64_t len) {
  return w->memory != NULL && (uint64_t)ptr + len <= w->memory->size;
}

/* Callers check in_bounds first. */
static uint8_t* host_ptr(const wasi_t* w, uint32_t ptr) {
  return w->memory->data + ptr;
}

static uint32_t load_u32(const wasi_t* w, uint32_t ptr) {
  uint32_t v;
  memcpy(&v, host_ptr(w, ptr), sizeof v);
  return v;
}

static void store_u16(const wasi_t* w, uint32_t ptr, uint16_t v) {
  memcpy(host_ptr(w, ptr), &v, sizeof v);
}

static void store_u32(const wasi_t* w, uint32_t ptr, uint32_t v) {
  memcpy(host_ptr(w, ptr), &v, sizeof v);
}

static void store_u64(const wasi_t* w, uint32_t ptr, uint64_t v) {
  memcpy(host_ptr(w, ptr), &v, sizeof v);
}

/* --- helpers --- */

static uint32_t errno_from_host(int e) {
  switch (e) {
    case EAGAIN: return ERRNO_AGAIN;
    case EBADF: return ERRNO_BADF;
    case EFAULT: return ERRNO_FAULT;
    case EFBIG: return ERRNO_FBIG;
    case EINTR: return ERRNO_INTR;
    case EINVAL: return ERRNO_INVAL;
    case EISDIR: return ERRNO_ISDIR;
    case ENOSPC: return ERRNO_NOSPC;
    case ENOSYS: return ERRNO_NOSYS;
    case EOVERFLOW: return ERRNO_OVERFLOW;
    case EPERM: return ERRNO_PERM;
    case EPIPE: return ERRNO_PIPE;
    case ESPIPE: return ERRNO_SPIPE;
    default: return ERRNO_IO;
  }
}

/* Guest fds 0..2 map to the host's stdio fds; nothing else exists. A closed
 * stdio fd stays open on the host (we still need stderr for trap messages)
 * but behaves as EBADF for the guest. */
static bool stdio_closed[3];

static bool stdio_open(uint32_t fd) {
  return fd <= 2 && !stdio_closed[fd];
}

static bool clock_from_wasi(uint32_t id, clockid_t* out) {
  switch (id) {
    case CLOCKID_REALTIME: *out = CLOCK_REALTIME; return true;
    case CLOCKID_MONOTONIC: *out = CLOCK_MONOTONIC; return true;
    case CLOCKID_PROCESS_CPUTIME_ID: *out = CLOCK_PROCESS_CPUTIME_ID; return true;
    case CLOCKID_THREAD_CPUTIME_ID: *out = CLOCK_THREAD_CPUTIME_ID; return true;
    default: return false;
  }
}

static uint64_t timespec_ns(const struct timespec* ts) {
  return (uint64_t)ts->tv_sec * 1000000000ull + (uint64_t)ts->tv_nsec;
}

/* Translate up to IOV_BATCH guest (c)iovecs starting at index `first` into
 * host iovecs. Returns the number translated (0 if none left), or -1 if an
 * iovec or the buffer it names lies outside memory. */
static int translate_iovs(const wasi_t* w, uint32_t iovs, uint32_t iovs_len,
                          uint32_t first, struct iovec* out) {
  int n = 0;
  uint64_t bytes = 0;
  for (uint32_t i = first; i < iovs_len && n < IOV_BATCH; i++) {
    uint32_t entry = iovs + i * IOVEC_SIZE; /* whole array checked by caller */
    uint32_t buf = load_u32(w, entry);
    uint32_t len = load_u32(w, entry + 4);
    if (!in_bounds(w, buf, len))
      return -1;
    if (len > MAX_IO_BYTES - bytes)
      len = (uint32_t)(MAX_IO_BYTES - bytes);
    out[n].iov_base = host_ptr(w, buf);
    out[n].iov_len = len;
    n++;
    bytes += len;
    if (bytes >= MAX_IO_BYTES)
      break;
  }
  return n;
}

/* --- args / environ --- */

uint32_t Z_wasi_snapshot_preview1Z_args_sizes_get(wasi_t* w, uint32_t argc_ptr,
                                                   uint32_t buf_size_ptr) {
  if (!in_bounds(w, argc_ptr, 4) || !in_bounds(w, buf_size_ptr, 4))
    return ERRNO_FAULT;
  uint64_t size = 0;
  for (int i = 0; i < w->argc; i++)
    size += strlen(w->argv[i]) + 1;
  if (size > UINT32_MAX)
    return ERRNO_OVERFLOW;
  store_u32(w, argc_ptr, (uint32_t)w->argc);
  store_u32(w, buf_size_ptr, (uint32_t)size);
  return ERRNO_SUCCESS;
}

uint32_t Z_wasi_snapshot_preview1Z_args_get(wasi_t* w, uint32_t argv_ptr,
                                             uint32_t buf_ptr) {
  uint64_t size = 0;
  for (int i = 0; i < w->argc; i++)
    size += strlen(w->argv[i]) + 1;
  if (!in_bounds(w, argv_ptr, (uint64_t)w->argc * 4) ||
      !in_bounds(w, buf_ptr, size))
    return ERRNO_FAULT;
  uint32_t pos = buf_ptr;
  for (int i = 0; i < w->argc; i++) {
    size_t len = strlen(w->argv[i]) + 1;
    memcpy(host_ptr(w, pos), w->argv[i], len);
    store_u32(w, argv_ptr + (uint32_t)i * 4, pos);
    pos += (uint32_t)len;
  }
  return ERRNO_SUCCESS;
}

uint32_t Z_wasi_snapshot_preview1Z_environ_sizes_get(wasi_t* w,
                                                      uint32_t count_ptr,
                                                      uint32_t buf_size_ptr) {
  if (!in_bounds(w, count_ptr, 4) || !in_bounds(w, buf_size_ptr, 4))
    return ERRNO_FAULT;
  store_u32(w, count_ptr, 0);
  store_u32(w, buf_size_ptr, 0);
  return ERRNO_SUCCESS;
}

uint32_t Z_wasi_snapshot_preview1Z_environ_get(wasi_t* w, uint32_t environ_ptr,
                                                uint32_t buf_ptr) {
  /* Empty environment: nothing to write. */
  (void)w;
  (void)environ_ptr;
  (void)buf_ptr;
  return ERRNO_SUCCESS;
}

/* --- file descriptors --- */

uint32_t Z_wasi_snapshot_preview1Z_fd_write(wasi_t* w, uint32_t fd,
                                             uint32_t iovs, uint32_t iovs_len,
                                             uint32_t nwritten_ptr) {
  if ((fd != 1 && fd != 2) || !stdio_open(fd))
    return ERRNO_BADF;
  if (!in_bounds(w, nwritten_ptr, 4) ||
      !in_bounds(w, iovs, (uint64_t)iovs_len * IOVEC_SIZE))
    return ERRNO_FAULT;
  struct iovec host[IOV_BATCH];
  uint64_t total = 0;
  uint32_t i = 0;
  while (i < iovs_len && total < MAX_IO_BYTES) {
    int n = translate_iovs(w, iovs, iovs_len, i, host);
    if (n < 0)
      return ERRNO_FAULT;
    uint64_t want = 0;
    for (int k = 0; k < n; k++)
      want += host[k].iov_len;
    if (want > MAX_IO_BYTES - total)
      break; /* report what was written so far (a short write) */
    ssize_t r;
    do {
      r = writev((int)fd, host, n);
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
      if (total == 0)
        return errno_from_host(errno);
      break;
    }
    total += (uint64_t)r;
    if ((uint64_t)r < want)
      break;
    i += (uint32_t)n;
  }
  store_u32(w, nwritten_ptr, (uint32_t)total);
  return ERRNO_SUCCESS;
}

uint32_t Z_wasi_snapshot_preview1Z_fd_read(wasi_t* w, uint32_t fd,
                                            uint32_t iovs, uint32_t iovs_len,
                                            uint32_t nread_ptr) {
  if (fd != 0 || !stdio_open(fd))
    return ERRNO_BADF;
  if (!in_bounds(w, nread_ptr, 4) ||
      !in_bounds(w, iovs, (uint64_t)iovs_len * IOVEC_SIZE))
    return ERRNO_FAULT;
  struct iovec host[IOV_BATCH];
  int n = translate_iovs(w, iovs, iovs_len, 0, host);
  if (n < 0)
    return ERRNO_FAULT;
  ssize_t r = 0;
  if (n > 0) {
    /* One readv: a short read is fine, the guest libc loops. */
    do {
      r = readv(0, host, n);
    } while (r < 0 && errno == EINTR);
    if (r < 0)
      return errno_from_host(errno);
  }
  store_u32(w, nread_ptr, (uint32_t)r);
  return ERRNO_SUCCESS;
}

uint32_t Z_wasi_snapshot_preview1Z_fd_close(wasi_t* w, uint32_t fd) {
  (void)w;
  if (!stdio_open(fd))
    return ERRNO_BADF;
  stdio_closed[fd] = true;
  return ERRNO_SUCCESS;
}

uint32_t Z_wasi_snapshot_preview1Z_fd_seek(wasi_t* w, uint32_t fd,
                                            uint64_t offset, uint32_t whence,
                                            uint32_t newoffset_ptr) {
  if (!stdio_open(fd))
    return ERRNO_BADF;
  int host_whence;
  switch (whence) {
    case WHENCE_SET: host_whence = SEEK_SET; break;
    case WHENCE_CUR: host_whence = SEEK_CUR; break;
    case WHENCE_END: host_whence = SEEK_END; break;
    default: return ERRNO_INVAL;
  }
  if (!in_bounds(w, newoffset_ptr, 8))
    return ERRNO_FAULT;
  off_t r = lseek((int)fd, (off_t)(int64_t)offset, host_whence);
  if (r < 0)
    return errno_from_host(errno);
  store_u64(w, newoffset_ptr, (uint64_t)r);
  return ERRNO_SUCCESS;
}

uint32_t Z_wasi_snapshot_preview1Z_fd_fdstat_get(wasi_t* w, uint32_t fd,
                                                  uint32_t stat_ptr) {
  if (!stdio_open(fd))
    return ERRNO_BADF;
  if (!in_bounds(w, stat_ptr, FDSTAT_SIZE))
    return ERRNO_FAULT;
  struct stat st;
  if (fstat((int)fd, &st) != 0)
    return errno_from_host(errno);
  uint8_t filetype;
  if (S_ISCHR(st.st_mode))
    filetype = FILETYPE_CHARACTER_DEVICE;
  else if (S_ISREG(st.st_mode))
    filetype = FILETYPE_REGULAR_FILE;
  else if (S_ISBLK(st.st_mode))
    filetype = FILETYPE_BLOCK_DEVICE;
  else if (S_ISDIR(st.st_mode))
    filetype = FILETYPE_DIRECTORY;
  else if (S_ISSOCK(st.st_mode))
    filetype = FILETYPE_SOCKET_STREAM;
  else if (S_ISLNK(st.st_mode))
    filetype = FILETYPE_SYMBOLIC_LINK;
  else
    filetype = FILETYPE_UNKNOWN; /* pipes have no WASI file type */
  int fl = fcntl((int)fd, F_GETFL);
  uint16_t flags = 0;
  if (fl >= 0 && (fl & O_APPEND))
    flags |= FDFLAGS_APPEND;
  if (fl >= 0 && (fl & O_NONBLOCK))
    flags |= FDFLAGS_NONBLOCK;
  uint64_t rights = RIGHTS_FD_DATASYNC | RIGHTS_FD_SYNC |
                    RIGHTS_FD_FDSTAT_SET_FLAGS |
                    (fd == 0 ? RIGHTS_FD_READ : RIGHTS_FD_WRITE);
  /* wasi-libc's isatty() wants a character device without seek/tell rights,
   * so only a host terminal loses them; this keeps the guest's stdio
   * buffering (line-buffered on a terminal) the same as a native build. */
  if (!isatty((int)fd))
    rights |= RIGHTS_FD_SEEK | RIGHTS_FD_TELL;
  memset(host_ptr(w, stat_ptr), 0, FDSTAT_SIZE);
  host_ptr(w, stat_ptr)[0] = filetype;
  store_u16(w, stat_ptr + 2, flags);
  store_u64(w, stat_ptr + 8, rights);
  store_u64(w, stat_ptr + 16, 0);
  return ERRNO_SUCCESS;
}

/* No preopened directories: wasi-libc probes fds from 3 upwards until it
 * gets ERRNO_BADF. */
uint32_t Z_wasi_snapshot_preview1Z_fd_prestat_get(wasi_t* w, uint32_t fd,
                                                   uint32_t prestat_ptr) {
  (void)w;
  (void)fd;
  (void)prestat_ptr;
  return ERRNO_BADF;
}

uint32_t Z_wasi_snapshot_preview1Z_fd_prestat_dir_name(wasi_t* w, uint32_t fd,
                                                        uint32_t path_ptr,
                                                        uint32_t path_len) {
  (void)w;
  (void)fd;
  (void)path_ptr;
  (void)path_len;
  return ERRNO_BADF;
}

/* --- clocks, randomness, process --- */

uint32_t Z_wasi_snapshot_preview1Z_clock_time_get(wasi_t* w, uint32_t id,
                                                   uint64_t precision,
                                                   uint32_t time_ptr) {
  (void)precision;
  clockid_t cid;
  if (!clock_from_wasi(id, &cid))
    return ERRNO_INVAL;
  if (!in_bounds(w, time_ptr, 8))
    return ERRNO_FAULT;
  struct timespec ts;
  if (clock_gettime(cid, &ts) != 0)
    return errno_from_host(errno);
  store_u64(w, time_ptr, timespec_ns(&ts));
  return ERRNO_SUCCESS;
}

uint32_t Z_wasi_snapshot_preview1Z_clock_res_get(wasi_t* w, uint32_t id,
                                                  uint32_t res_ptr) {
  clockid_t cid;
  if (!clock_from_wasi(id, &cid))
    return ERRNO_INVAL;
  if (!in_bounds(w, res_ptr, 8))
    return ERRNO_FAULT;
  struct timespec ts;
  if (clock_getres(cid, &ts) != 0)
    return errno_from_host(errno);
  store_u64(w, res_ptr, timespec_ns(&ts));
  return ERRNO_SUCCESS;
}

uint32_t Z_wasi_snapshot_preview1Z_random_get(wasi_t* w, uint32_t buf,
                                               uint32_t len) {
  if (!in_bounds(w, buf, len))
    return ERRNO_FAULT;
  uint8_t* p = host_ptr(w, buf);
  size_t done = 0;
  while (done < len) {
    ssize_t r = getrandom(p + done, len - done, 0);
    if (r < 0) {
      if (errno == EINTR)
        continue;
      return errno_from_host(errno);
    }
    done += (size_t)r;
  }
  return ERRNO_SUCCESS;
}

void Z_wasi_snapshot_preview1Z_proc_exit(wasi_t* w, uint32_t code) {
  (void)w;
  /* The guest libc has already flushed its own buffers; the shim writes
   * straight to the host fds, so nothing is buffered on this side. */
  exit((int)code);
}

uint32_t Z_wasi_snapshot_preview1Z_sched_yield(wasi_t* w) {
  (void)w;
  sched_yield();
  return ERRNO_SUCCESS;
}

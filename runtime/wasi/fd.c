/*===- fd.c - The fd_* functions (all but fd_readdir) --------------*- C -*-===*
 *
 * Each function looks the descriptor up with the rights the operation
 * needs (BADF for a number that is not open, NOTCAPABLE for a missing
 * right), checks every guest pointer before touching the host, then makes
 * one host call and maps its errno.
 *===----------------------------------------------------------------------===*/
#include "wasi_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define LOOKUP(Var, Fd, Rights)                                                \
  uint16_t err_;                                                              \
  wasi_fd *Var = wasi_fd_get(w, (Fd), (Rights), &err_);                       \
  if (Var == NULL)                                                            \
    return err_;
#define LOOKUP_MUT(Var, Fd, Rights)                                            \
  uint16_t err_;                                                              \
  wasi_fd *Var = wasi_fd_get_mut(w, (Fd), (Rights), &err_);                   \
  if (Var == NULL)                                                            \
    return err_;

WASI_IMPL(fd_advise) {
  LOOKUP(f, WASI_ARG_U32(0), R_FD_ADVISE);
  static const int Advice[] = {POSIX_FADV_NORMAL,   POSIX_FADV_SEQUENTIAL,
                               POSIX_FADV_RANDOM,   POSIX_FADV_WILLNEED,
                               POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE};
  uint32_t advice = WASI_ARG_U32(3);
  if (advice > 5)
    return WASI_EINVAL;
  if (f->filetype == WASI_FILETYPE_DIRECTORY)
    return WASI_EBADF;
  int r = posix_fadvise(f->host, (off_t)WASI_ARG_U64(1),
                        (off_t)WASI_ARG_U64(2), Advice[advice]);
  return r == 0 ? WASI_ESUCCESS : wasi_errno_from_host(r);
}

WASI_IMPL(fd_allocate) {
  LOOKUP_MUT(f, WASI_ARG_U32(0), R_FD_ALLOCATE);
  uint64_t off = WASI_ARG_U64(1), len = WASI_ARG_U64(2);
  if (off > INT64_MAX || len > INT64_MAX || off + len > INT64_MAX)
    return WASI_EFBIG;
  int r = posix_fallocate(f->host, (off_t)off, (off_t)len);
  return r == 0 ? WASI_ESUCCESS : wasi_errno_from_host(r);
}

WASI_IMPL(fd_close) {
  LOOKUP(f, WASI_ARG_U32(0), 0);
  wasi_fd_release(f);
  return WASI_ESUCCESS;
}

WASI_IMPL(fd_datasync) {
  LOOKUP(f, WASI_ARG_U32(0), R_FD_DATASYNC);
  return fdatasync(f->host) == 0 ? WASI_ESUCCESS
                                 : wasi_errno_from_host(errno);
}

WASI_IMPL(fd_sync) {
  LOOKUP(f, WASI_ARG_U32(0), R_FD_SYNC);
  return fsync(f->host) == 0 ? WASI_ESUCCESS : wasi_errno_from_host(errno);
}

/* The fdflags a descriptor has now: append and nonblock from the host (the
 * guest may change them), the sync flags as opened. */
static uint16_t current_fdflags(const wasi_fd *f) {
  uint16_t flags =
      f->fdflags & (WASI_FDFLAG_DSYNC | WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC);
  int fl = fcntl(f->host, F_GETFL);
  if (fl >= 0) {
    if (fl & O_APPEND)
      flags |= WASI_FDFLAG_APPEND;
    if (fl & O_NONBLOCK)
      flags |= WASI_FDFLAG_NONBLOCK;
  }
  return flags;
}

WASI_IMPL(fd_fdstat_get) {
  LOOKUP(f, WASI_ARG_U32(0), 0);
  uint8_t *out = wasi_mem_at(wasi_mem_now(w), WASI_ARG_U32(1), 24);
  if (out == NULL)
    return WASI_EFAULT;
  memset(out, 0, 24);
  wasi_put_u8(out, f->filetype);
  wasi_put_u16(out + 2, current_fdflags(f));
  wasi_put_u64(out + 8, f->rights_base);
  wasi_put_u64(out + 16, f->rights_inheriting);
  return WASI_ESUCCESS;
}

/* Linux changes only O_APPEND and O_NONBLOCK after open; asking for other
 * sync flags than the descriptor has is NOTSUP rather than a silent
 * no-op. */
WASI_IMPL(fd_fdstat_set_flags) {
  LOOKUP(f, WASI_ARG_U32(0), R_FD_FDSTAT_SET_FLAGS);
  uint32_t flags = WASI_ARG_U32(1);
  if (flags & ~WASI_FDFLAGS_ALL)
    return WASI_EINVAL;
  uint32_t sync = WASI_FDFLAG_DSYNC | WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC;
  if ((flags & sync) != (f->fdflags & sync))
    return WASI_ENOTSUP;
  int fl = fcntl(f->host, F_GETFL);
  if (fl < 0)
    return wasi_errno_from_host(errno);
  fl &= ~(O_APPEND | O_NONBLOCK);
  if (flags & WASI_FDFLAG_APPEND)
    fl |= O_APPEND;
  if (flags & WASI_FDFLAG_NONBLOCK)
    fl |= O_NONBLOCK;
  if (fcntl(f->host, F_SETFL, fl) != 0)
    return wasi_errno_from_host(errno);
  return WASI_ESUCCESS;
}

/* Rights only ever shrink. */
WASI_IMPL(fd_fdstat_set_rights) {
  LOOKUP(f, WASI_ARG_U32(0), 0);
  uint64_t base = WASI_ARG_U64(1), inheriting = WASI_ARG_U64(2);
  if ((base & ~f->rights_base) != 0 ||
      (inheriting & ~f->rights_inheriting) != 0)
    return WASI_ENOTCAPABLE;
  f->rights_base = base;
  f->rights_inheriting = inheriting;
  return WASI_ESUCCESS;
}

static uint8_t filetype_of_mode(mode_t mode, int host_fd) {
  switch (mode & S_IFMT) {
  case S_IFREG: return WASI_FILETYPE_REGULAR_FILE;
  case S_IFDIR: return WASI_FILETYPE_DIRECTORY;
  case S_IFCHR: return WASI_FILETYPE_CHARACTER_DEVICE;
  case S_IFBLK: return WASI_FILETYPE_BLOCK_DEVICE;
  case S_IFLNK: return WASI_FILETYPE_SYMBOLIC_LINK;
  case S_IFSOCK:
    return host_fd >= 0 ? wasi_filetype_of(host_fd)
                        : WASI_FILETYPE_SOCKET_STREAM;
  default: return WASI_FILETYPE_UNKNOWN;
  }
}

static uint64_t ts_ns(struct timespec ts) {
  if (ts.tv_sec < 0)
    return 0;
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void wasi_write_filestat(uint8_t *out, const struct stat *st) {
  memset(out, 0, 64);
  wasi_put_u64(out + 0, (uint64_t)st->st_dev);
  wasi_put_u64(out + 8, (uint64_t)st->st_ino);
  wasi_put_u8(out + 16, filetype_of_mode(st->st_mode, -1));
  wasi_put_u64(out + 24, (uint64_t)st->st_nlink);
  wasi_put_u64(out + 32, (uint64_t)st->st_size);
  wasi_put_u64(out + 40, ts_ns(st->st_atim));
  wasi_put_u64(out + 48, ts_ns(st->st_mtim));
  wasi_put_u64(out + 56, ts_ns(st->st_ctim));
}

WASI_IMPL(fd_filestat_get) {
  LOOKUP(f, WASI_ARG_U32(0), R_FD_FILESTAT_GET);
  uint8_t *out = wasi_mem_at(wasi_mem_now(w), WASI_ARG_U32(1), 64);
  if (out == NULL)
    return WASI_EFAULT;
  struct stat st;
  if (fstat(f->host, &st) != 0)
    return wasi_errno_from_host(errno);
  wasi_write_filestat(out, &st);
  /* A socket's stream/datagram kind comes from the descriptor. */
  if (S_ISSOCK(st.st_mode))
    wasi_put_u8(out + 16, f->filetype);
  return WASI_ESUCCESS;
}

WASI_IMPL(fd_filestat_set_size) {
  LOOKUP_MUT(f, WASI_ARG_U32(0), R_FD_FILESTAT_SET_SIZE);
  uint64_t size = WASI_ARG_U64(1);
  if (size > INT64_MAX)
    return WASI_EFBIG;
  return ftruncate(f->host, (off_t)size) == 0 ? WASI_ESUCCESS
                                              : wasi_errno_from_host(errno);
}

uint16_t wasi_times(uint64_t atim, uint64_t mtim, uint32_t fst,
                    struct timespec ts[2]) {
  if (fst & ~(WASI_FST_ATIM | WASI_FST_ATIM_NOW | WASI_FST_MTIM |
              WASI_FST_MTIM_NOW))
    return WASI_EINVAL;
  if ((fst & WASI_FST_ATIM) && (fst & WASI_FST_ATIM_NOW))
    return WASI_EINVAL;
  if ((fst & WASI_FST_MTIM) && (fst & WASI_FST_MTIM_NOW))
    return WASI_EINVAL;
  const uint64_t all[2] = {atim, mtim};
  const uint32_t set[2] = {WASI_FST_ATIM, WASI_FST_MTIM};
  const uint32_t now[2] = {WASI_FST_ATIM_NOW, WASI_FST_MTIM_NOW};
  for (int i = 0; i < 2; ++i) {
    if (fst & set[i]) {
      ts[i].tv_sec = (time_t)(all[i] / 1000000000u);
      ts[i].tv_nsec = (long)(all[i] % 1000000000u);
    } else {
      ts[i].tv_sec = 0;
      ts[i].tv_nsec = (fst & now[i]) ? UTIME_NOW : UTIME_OMIT;
    }
  }
  return WASI_ESUCCESS;
}

WASI_IMPL(fd_filestat_set_times) {
  LOOKUP_MUT(f, WASI_ARG_U32(0), R_FD_FILESTAT_SET_TIMES);
  struct timespec ts[2];
  uint16_t e = wasi_times(WASI_ARG_U64(1), WASI_ARG_U64(2), WASI_ARG_U32(3),
                          ts);
  if (e != WASI_ESUCCESS)
    return e;
  return futimens(f->host, ts) == 0 ? WASI_ESUCCESS
                                    : wasi_errno_from_host(errno);
}

/* The shared body of fd_read / fd_write / fd_pread / fd_pwrite. */
static uint32_t transfer(wa_wasi *w, const wa_value *a, bool write,
                         bool positioned) {
  uint64_t rights = (write ? R_FD_WRITE : R_FD_READ) |
                    (positioned ? R_FD_SEEK : 0);
  uint16_t err;
  wasi_fd *f = write ? wasi_fd_get_mut(w, WASI_ARG_U32(0), rights, &err)
                     : wasi_fd_get(w, WASI_ARG_U32(0), rights, &err);
  if (f == NULL)
    return err;
  uint32_t result_ptr = positioned ? WASI_ARG_U32(4) : WASI_ARG_U32(3);
  if (wasi_mem_at(wasi_mem_now(w), result_ptr, 4) == NULL)
    return WASI_EFAULT;
  uint64_t offset = positioned ? WASI_ARG_U64(3) : 0;
  if (offset > INT64_MAX)
    return WASI_EINVAL;
  struct iovec *iov;
  int n;
  err = wasi_iovecs(w, WASI_ARG_U32(1), WASI_ARG_U32(2), &iov, &n);
  if (err != WASI_ESUCCESS)
    return err;
  ssize_t r;
  do {
    if (positioned)
      r = write ? pwritev(f->host, iov, n, (off_t)offset)
                : preadv(f->host, iov, n, (off_t)offset);
    else
      r = write ? writev(f->host, iov, n) : readv(f->host, iov, n);
  } while (r < 0 && errno == EINTR);
  int saved = errno;
  free(iov);
  if (r < 0)
    return wasi_errno_from_host(saved);
  return wasi_store_u32(w, result_ptr, (uint32_t)r);
}

WASI_IMPL(fd_read) { return transfer(w, a, false, false); }
WASI_IMPL(fd_write) { return transfer(w, a, true, false); }
WASI_IMPL(fd_pread) { return transfer(w, a, false, true); }
WASI_IMPL(fd_pwrite) { return transfer(w, a, true, true); }

WASI_IMPL(fd_prestat_get) {
  LOOKUP(f, WASI_ARG_U32(0), 0);
  if (f->preopen_name == NULL)
    return WASI_EBADF;
  uint8_t *out = wasi_mem_at(wasi_mem_now(w), WASI_ARG_U32(1), 8);
  if (out == NULL)
    return WASI_EFAULT;
  memset(out, 0, 8);
  wasi_put_u8(out, 0); /* preopentype dir */
  wasi_put_u32(out + 4, (uint32_t)strlen(f->preopen_name));
  return WASI_ESUCCESS;
}

/* Writes the name without a terminator; a buffer shorter than the name is
 * NAMETOOLONG (nothing written). */
WASI_IMPL(fd_prestat_dir_name) {
  LOOKUP(f, WASI_ARG_U32(0), 0);
  if (f->preopen_name == NULL)
    return WASI_EBADF;
  uint32_t len = WASI_ARG_U32(2);
  uint8_t *out = wasi_mem_at(wasi_mem_now(w), WASI_ARG_U32(1), len);
  if (out == NULL)
    return WASI_EFAULT;
  size_t name_len = strlen(f->preopen_name);
  if (len < name_len)
    return WASI_ENAMETOOLONG;
  memcpy(out, f->preopen_name, name_len);
  return WASI_ESUCCESS;
}

/* Both numbers must be open; `to` is closed (a pre-opened directory there
 * is gone for good) and `from` takes its number. */
WASI_IMPL(fd_renumber) {
  uint32_t from = WASI_ARG_U32(0), to = WASI_ARG_U32(1);
  LOOKUP(f, from, 0);
  uint16_t e;
  wasi_fd *t = wasi_fd_get(w, to, 0, &e);
  if (t == NULL)
    return e;
  if (f == t)
    return WASI_ESUCCESS;
  wasi_fd_release(t);
  *t = *f;
  memset(f, 0, sizeof(*f));
  return WASI_ESUCCESS;
}

WASI_IMPL(fd_seek) {
  int64_t offset = (int64_t)WASI_ARG_U64(1);
  uint32_t whence = WASI_ARG_U32(2);
  /* Asking for the position only needs fd_tell. */
  uint64_t rights = (offset == 0 && whence == 1) ? R_FD_TELL : R_FD_SEEK;
  uint16_t err;
  wasi_fd *f = wasi_fd_get(w, WASI_ARG_U32(0), 0, &err);
  if (f == NULL)
    return err;
  if ((f->rights_base & (rights | R_FD_SEEK)) == 0)
    return WASI_ENOTCAPABLE;
  static const int Whence[] = {SEEK_SET, SEEK_CUR, SEEK_END};
  if (whence > 2)
    return WASI_EINVAL;
  if (wasi_mem_at(wasi_mem_now(w), WASI_ARG_U32(3), 8) == NULL)
    return WASI_EFAULT;
  if (f->filetype == WASI_FILETYPE_DIRECTORY)
    return WASI_EBADF;
  off_t r = lseek(f->host, (off_t)offset, Whence[whence]);
  if (r < 0)
    return wasi_errno_from_host(errno);
  return wasi_store_u64(w, WASI_ARG_U32(3), (uint64_t)r);
}

WASI_IMPL(fd_tell) {
  LOOKUP(f, WASI_ARG_U32(0), R_FD_TELL);
  if (wasi_mem_at(wasi_mem_now(w), WASI_ARG_U32(1), 8) == NULL)
    return WASI_EFAULT;
  if (f->filetype == WASI_FILETYPE_DIRECTORY)
    return WASI_EBADF;
  off_t r = lseek(f->host, 0, SEEK_CUR);
  if (r < 0)
    return wasi_errno_from_host(errno);
  return wasi_store_u64(w, WASI_ARG_U32(1), (uint64_t)r);
}

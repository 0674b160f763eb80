/*===- path.c - The path_* functions -----------------------------*- C -*-===*
 *
 * Each one checks the directory descriptor (BADF, then PERM under a
 * read-only grant for anything that changes the filesystem, then
 * NOTCAPABLE for a missing right, NOTDIR for a descriptor that is not a
 * directory), copies the path out of guest memory, resolves it beneath the
 * directory (resolve.c) and acts on (parent, name) without following a
 * final symlink unless the guest asked to and the resolver did it.
 *===----------------------------------------------------------------------===*/
#include "wasi_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static wasi_fd *dir_get(wa_wasi *w, uint32_t fd, uint64_t rights, bool mut,
                        uint16_t *err) {
  wasi_fd *d = mut ? wasi_fd_get_mut(w, fd, rights, err)
                   : wasi_fd_get(w, fd, rights, err);
  if (d != NULL && d->filetype != WASI_FILETYPE_DIRECTORY) {
    *err = WASI_ENOTDIR;
    return NULL;
  }
  return d;
}

/* How a lookup treats a final symlink, from the guest's lookupflags. */
static wasi_follow follow_of(uint32_t lookupflags) {
  return (lookupflags & WASI_LOOKUP_SYMLINK_FOLLOW) ? WASI_FOLLOW
                                                    : WASI_FOLLOW_ON_SLASH;
}

/* Looks up the directory and resolves guest path [ptr, ptr + len) beneath
 * it. */
static uint16_t lookup(wa_wasi *w, uint32_t fd, uint64_t rights, bool mut,
                       uint32_t ptr, uint32_t len, wasi_follow follow,
                       wasi_fd **dir, wasi_path *out) {
  out->parent = -1;
  uint16_t err;
  wasi_fd *d = dir_get(w, fd, rights, mut, &err);
  if (d == NULL)
    return err;
  char *path;
  err = wasi_path_string(w, ptr, len, &path);
  if (err != WASI_ESUCCESS)
    return err;
  err = wasi_resolve(d->host, path, follow, out);
  free(path);
  if (dir != NULL)
    *dir = d;
  return err;
}

#define HOST_RESULT(Call)                                                      \
  ((Call) == 0 ? WASI_ESUCCESS : wasi_errno_from_host(errno))

/* A path that ended in '/' must name a directory. */
static uint16_t check_trailing_slash(const wasi_path *p) {
  if (!p->trailing_slash)
    return WASI_ESUCCESS;
  struct stat st;
  if (fstatat(p->parent, p->name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    return wasi_errno_from_host(errno);
  return S_ISDIR(st.st_mode) ? WASI_ESUCCESS : WASI_ENOTDIR;
}

WASI_IMPL(path_create_directory) {
  wasi_path p;
  uint16_t e = lookup(w, WASI_ARG_U32(0), R_PATH_CREATE_DIRECTORY, true,
                      WASI_ARG_U32(1), WASI_ARG_U32(2), WASI_NOFOLLOW, NULL,
                      &p);
  if (e == WASI_ESUCCESS)
    e = HOST_RESULT(mkdirat(p.parent, p.name, 0777));
  wasi_path_done(&p);
  return e;
}

WASI_IMPL(path_filestat_get) {
  uint8_t *out = wasi_mem_at(wasi_mem_now(w), WASI_ARG_U32(4), 64);
  wasi_path p;
  uint16_t e = lookup(w, WASI_ARG_U32(0), R_PATH_FILESTAT_GET, false,
                      WASI_ARG_U32(2), WASI_ARG_U32(3),
                      follow_of(WASI_ARG_U32(1)), NULL, &p);
  if (e == WASI_ESUCCESS && out == NULL)
    e = WASI_EFAULT;
  struct stat st;
  if (e == WASI_ESUCCESS)
    e = HOST_RESULT(fstatat(p.parent, p.name, &st, AT_SYMLINK_NOFOLLOW));
  if (e == WASI_ESUCCESS && p.trailing_slash && !S_ISDIR(st.st_mode))
    e = WASI_ENOTDIR;
  if (e == WASI_ESUCCESS)
    wasi_write_filestat(out, &st);
  wasi_path_done(&p);
  return e;
}

WASI_IMPL(path_filestat_set_times) {
  struct timespec ts[2];
  uint16_t e = wasi_times(WASI_ARG_U64(4), WASI_ARG_U64(5), WASI_ARG_U32(6),
                          ts);
  wasi_path p = {.parent = -1};
  if (e == WASI_ESUCCESS)
    e = lookup(w, WASI_ARG_U32(0), R_PATH_FILESTAT_SET_TIMES, true,
               WASI_ARG_U32(2), WASI_ARG_U32(3),
               follow_of(WASI_ARG_U32(1)), NULL, &p);
  if (e == WASI_ESUCCESS)
    e = check_trailing_slash(&p);
  if (e == WASI_ESUCCESS)
    e = HOST_RESULT(utimensat(p.parent, p.name, ts, AT_SYMLINK_NOFOLLOW));
  wasi_path_done(&p);
  return e;
}

/* Linking a file out of a read-only grant would let the other directory
 * change it, so both sides count as mutations. */
WASI_IMPL(path_link) {
  wasi_path from, to = {.parent = -1};
  uint16_t e = lookup(w, WASI_ARG_U32(0), R_PATH_LINK_SOURCE, true,
                      WASI_ARG_U32(2), WASI_ARG_U32(3),
                      follow_of(WASI_ARG_U32(1)), NULL,
                      &from);
  if (e == WASI_ESUCCESS)
    e = lookup(w, WASI_ARG_U32(4), R_PATH_LINK_TARGET, true, WASI_ARG_U32(5),
               WASI_ARG_U32(6), WASI_NOFOLLOW, NULL, &to);
  if (e == WASI_ESUCCESS)
    e = check_trailing_slash(&from);
  if (e == WASI_ESUCCESS && to.trailing_slash)
    e = WASI_ENOENT; /* a new name ending in '/' would have to be a dir */
  if (e == WASI_ESUCCESS)
    e = HOST_RESULT(linkat(from.parent, from.name, to.parent, to.name, 0));
  wasi_path_done(&from);
  wasi_path_done(&to);
  return e;
}

/* The host open flags for the rights and flags a guest asks for. */
static int open_flags(uint64_t base, uint32_t oflags, uint32_t fdflags) {
  bool read = (base & (R_FD_READ | R_FD_READDIR)) != 0;
  bool write = (base & RIGHTS_WRITE_DATA) != 0;
  int flags = read && write ? O_RDWR : write ? O_WRONLY : O_RDONLY;
  flags |= O_NOFOLLOW | O_CLOEXEC | O_NOCTTY;
  if (oflags & WASI_OFLAG_CREAT)
    flags |= O_CREAT;
  if (oflags & WASI_OFLAG_DIRECTORY)
    flags |= O_DIRECTORY;
  if (oflags & WASI_OFLAG_EXCL)
    flags |= O_EXCL;
  if (oflags & WASI_OFLAG_TRUNC)
    flags |= O_TRUNC;
  if (fdflags & WASI_FDFLAG_APPEND)
    flags |= O_APPEND;
  if (fdflags & WASI_FDFLAG_DSYNC)
    flags |= O_DSYNC;
  if (fdflags & WASI_FDFLAG_RSYNC)
    flags |= O_RSYNC;
  if (fdflags & WASI_FDFLAG_SYNC)
    flags |= O_SYNC;
  /* Never block in open (a FIFO without a writer); the flag is cleared
   * after unless the guest asked for it. */
  flags |= O_NONBLOCK;
  return flags;
}

WASI_IMPL(path_open) {
  uint32_t dirflags = WASI_ARG_U32(1), oflags = WASI_ARG_U32(4);
  uint64_t base = WASI_ARG_U64(5), inheriting = WASI_ARG_U64(6);
  uint32_t fdflags = WASI_ARG_U32(7), result = WASI_ARG_U32(8);
  uint64_t need = R_PATH_OPEN |
                  (oflags & WASI_OFLAG_CREAT ? R_PATH_CREATE_FILE : 0) |
                  (oflags & WASI_OFLAG_TRUNC ? R_PATH_FILESTAT_SET_SIZE : 0);
  uint16_t e;
  wasi_fd *d = wasi_fd_get(w, WASI_ARG_U32(0), 0, &e);
  if (d == NULL)
    return e;
  /* A read-only grant refuses every open that could change a file with
   * PERM, before rights, like every other mutation beneath it. */
  if (d->read_only &&
      ((oflags & (WASI_OFLAG_CREAT | WASI_OFLAG_TRUNC)) != 0 ||
       (base & RIGHTS_WRITE_DATA) != 0 || (fdflags & WASI_FDFLAG_APPEND)))
    return WASI_EPERM;
  d = dir_get(w, WASI_ARG_U32(0), need, false, &e);
  if (d == NULL)
    return e;
  if ((oflags & ~15u) != 0 || (fdflags & ~WASI_FDFLAGS_ALL) != 0 ||
      (dirflags & ~WASI_LOOKUP_SYMLINK_FOLLOW) != 0)
    return WASI_EINVAL;
  if (wasi_mem_at(wasi_mem_now(w), result, 4) == NULL)
    return WASI_EFAULT;
  /* The new descriptor can only have rights the directory passes on. */
  if (((base | inheriting) & ~d->rights_inheriting) != 0)
    return WASI_ENOTCAPABLE;
  /* Synchronous writes or reads need the directory to pass on the sync
   * rights (as the witx fdflags say), not the guest to ask for them: a
   * read-only open with O_SYNC is ordinary POSIX. */
  if ((fdflags & WASI_FDFLAG_DSYNC) && !(d->rights_inheriting & R_FD_DATASYNC))
    return WASI_ENOTCAPABLE;
  if ((fdflags & (WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC)) &&
      !(d->rights_inheriting & R_FD_SYNC))
    return WASI_ENOTCAPABLE;

  wasi_path p;
  e = lookup(w, WASI_ARG_U32(0), need, false, WASI_ARG_U32(2),
             WASI_ARG_U32(3), follow_of(dirflags), NULL, &p);
  if (e != WASI_ESUCCESS) {
    wasi_path_done(&p);
    return e;
  }
  int flags = open_flags(base, oflags, fdflags);
  if (p.trailing_slash)
    flags |= O_DIRECTORY;
  int fd = openat(p.parent, p.name, flags, 0666);
  int saved = errno;
  wasi_path_done(&p);
  if (fd < 0)
    return wasi_errno_from_host(saved);
  if (!(fdflags & WASI_FDFLAG_NONBLOCK)) {
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
      fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  }
  wasi_fd entry;
  memset(&entry, 0, sizeof(entry));
  entry.host = fd;
  entry.filetype = wasi_filetype_of(fd);
  entry.read_only = d->read_only;
  entry.fdflags = (uint16_t)fdflags;
  entry.rights_base = base & wasi_rights_for(entry.filetype);
  entry.rights_inheriting =
      entry.filetype == WASI_FILETYPE_DIRECTORY ? inheriting : 0;
  int64_t slot = wasi_fd_insert(w, &entry, &e);
  if (slot < 0) {
    close(fd);
    return e;
  }
  return wasi_store_u32(w, result, (uint32_t)slot);
}

/* A target longer than the buffer is cut to fit, as POSIX readlink does;
 * bufused says how much was written. */
WASI_IMPL(path_readlink) {
  wasi_mem m = wasi_mem_now(w);
  uint32_t buf_len = WASI_ARG_U32(4);
  uint8_t *buf = wasi_mem_at(m, WASI_ARG_U32(3), buf_len);
  uint8_t *used = wasi_mem_at(m, WASI_ARG_U32(5), 4);
  wasi_path p;
  uint16_t e = lookup(w, WASI_ARG_U32(0), R_PATH_READLINK, false,
                      WASI_ARG_U32(1), WASI_ARG_U32(2), WASI_FOLLOW_ON_SLASH,
                      NULL, &p);
  if (e == WASI_ESUCCESS && (buf == NULL || used == NULL))
    e = WASI_EFAULT;
  if (e == WASI_ESUCCESS) {
    char target[PATH_MAX];
    ssize_t n = readlinkat(p.parent, p.name, target, sizeof(target));
    if (n < 0) {
      e = wasi_errno_from_host(errno);
    } else {
      uint32_t copy = (uint64_t)n < buf_len ? (uint32_t)n : buf_len;
      memcpy(buf, target, copy);
      wasi_put_u32(used, copy);
    }
  }
  wasi_path_done(&p);
  return e;
}

WASI_IMPL(path_remove_directory) {
  wasi_path p;
  uint16_t e = lookup(w, WASI_ARG_U32(0), R_PATH_REMOVE_DIRECTORY, true,
                      WASI_ARG_U32(1), WASI_ARG_U32(2), WASI_NOFOLLOW, NULL,
                      &p);
  if (e == WASI_ESUCCESS)
    e = HOST_RESULT(unlinkat(p.parent, p.name, AT_REMOVEDIR));
  wasi_path_done(&p);
  return e;
}

WASI_IMPL(path_rename) {
  wasi_path from, to = {.parent = -1};
  uint16_t e = lookup(w, WASI_ARG_U32(0), R_PATH_RENAME_SOURCE, true,
                      WASI_ARG_U32(1), WASI_ARG_U32(2), WASI_NOFOLLOW, NULL,
                      &from);
  if (e == WASI_ESUCCESS)
    e = lookup(w, WASI_ARG_U32(3), R_PATH_RENAME_TARGET, true,
               WASI_ARG_U32(4), WASI_ARG_U32(5), WASI_NOFOLLOW, NULL, &to);
  if (e == WASI_ESUCCESS && (from.trailing_slash || to.trailing_slash)) {
    /* Either name ending in '/' means the source must be a directory. */
    from.trailing_slash = true;
    e = check_trailing_slash(&from);
  }
  if (e == WASI_ESUCCESS)
    e = HOST_RESULT(renameat(from.parent, from.name, to.parent, to.name));
  wasi_path_done(&from);
  wasi_path_done(&to);
  return e;
}

/* The link's contents are checked too: an absolute target or one with a
 * ".." component is NOTCAPABLE (wasi_symlink_target_ok), so the guest
 * cannot leave behind a symlink that leads host programs out of the grant,
 * now or after later renames. (Following any symlink is refused beyond the
 * directory anyway.) */
WASI_IMPL(path_symlink) {
  char *target;
  uint16_t e = wasi_path_string(w, WASI_ARG_U32(0), WASI_ARG_U32(1), &target);
  if (e != WASI_ESUCCESS) {
    /* The descriptor is still checked first. */
    uint16_t de;
    if (dir_get(w, WASI_ARG_U32(2), R_PATH_SYMLINK, true, &de) == NULL)
      return de;
    return e;
  }
  wasi_path p;
  e = lookup(w, WASI_ARG_U32(2), R_PATH_SYMLINK, true, WASI_ARG_U32(3),
             WASI_ARG_U32(4), WASI_NOFOLLOW, NULL, &p);
  if (e == WASI_ESUCCESS && target[0] == '\0')
    e = WASI_ENOENT;
  if (e == WASI_ESUCCESS && p.trailing_slash)
    e = WASI_ENOENT;
  if (e == WASI_ESUCCESS && !wasi_symlink_target_ok(target))
    e = WASI_ENOTCAPABLE;
  if (e == WASI_ESUCCESS)
    e = HOST_RESULT(symlinkat(target, p.parent, p.name));
  wasi_path_done(&p);
  free(target);
  return e;
}

WASI_IMPL(path_unlink_file) {
  wasi_path p;
  uint16_t e = lookup(w, WASI_ARG_U32(0), R_PATH_UNLINK_FILE, true,
                      WASI_ARG_U32(1), WASI_ARG_U32(2), WASI_NOFOLLOW, NULL,
                      &p);
  if (e == WASI_ESUCCESS && p.trailing_slash) {
    struct stat st;
    e = HOST_RESULT(fstatat(p.parent, p.name, &st, AT_SYMLINK_NOFOLLOW));
    if (e == WASI_ESUCCESS)
      e = S_ISDIR(st.st_mode) ? WASI_EISDIR : WASI_ENOTDIR;
  }
  if (e == WASI_ESUCCESS)
    e = HOST_RESULT(unlinkat(p.parent, p.name, 0));
  wasi_path_done(&p);
  return e;
}

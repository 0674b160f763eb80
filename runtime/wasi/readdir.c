/*===- readdir.c - fd_readdir: directory entries with cookies ------*- C -*-===*
 *
 * A cookie is the index of an entry in a snapshot of the directory that is
 * taken when the guest starts over (cookie 0) or has none yet, so cookies
 * stay meaningful across calls while the directory changes. Each entry is
 * a 24-byte dirent (d_next, d_ino, d_namlen, d_type) followed by the name
 * without a terminator; the buffer is filled exactly, ending with whatever
 * part of the last entry fits, so a result smaller than the buffer means
 * the end was reached.
 *===----------------------------------------------------------------------===*/
#include "wasi_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static uint8_t filetype_of_dtype(int dir, const char *name,
                                 unsigned char d_type) {
  switch (d_type) {
  case DT_REG: return WASI_FILETYPE_REGULAR_FILE;
  case DT_DIR: return WASI_FILETYPE_DIRECTORY;
  case DT_CHR: return WASI_FILETYPE_CHARACTER_DEVICE;
  case DT_BLK: return WASI_FILETYPE_BLOCK_DEVICE;
  case DT_LNK: return WASI_FILETYPE_SYMBOLIC_LINK;
  case DT_SOCK: return WASI_FILETYPE_SOCKET_STREAM;
  case DT_UNKNOWN: {
    /* Some filesystems do not report the type in the entry. */
    struct stat st;
    if (fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
      return WASI_FILETYPE_UNKNOWN;
    if (S_ISREG(st.st_mode)) return WASI_FILETYPE_REGULAR_FILE;
    if (S_ISDIR(st.st_mode)) return WASI_FILETYPE_DIRECTORY;
    if (S_ISCHR(st.st_mode)) return WASI_FILETYPE_CHARACTER_DEVICE;
    if (S_ISBLK(st.st_mode)) return WASI_FILETYPE_BLOCK_DEVICE;
    if (S_ISLNK(st.st_mode)) return WASI_FILETYPE_SYMBOLIC_LINK;
    if (S_ISSOCK(st.st_mode)) return WASI_FILETYPE_SOCKET_STREAM;
    return WASI_FILETYPE_UNKNOWN;
  }
  default: return WASI_FILETYPE_UNKNOWN;
  }
}

/* Reads the whole directory into the fd's snapshot. */
static uint16_t snapshot(wasi_fd *f) {
  wasi_dirent_cache_clear(&f->dir);
  int fd = openat(f->host, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return wasi_errno_from_host(errno);
  DIR *d = fdopendir(fd);
  if (d == NULL) {
    int e = errno;
    close(fd);
    return wasi_errno_from_host(e);
  }
  size_t cap = 0;
  wasi_dirent_cache *c = &f->dir;
  uint16_t result = WASI_ESUCCESS;
  for (;;) {
    errno = 0;
    struct dirent *e = readdir(d);
    if (e == NULL) {
      if (errno != 0)
        result = wasi_errno_from_host(errno);
      break;
    }
    if (c->count == cap) {
      size_t grown = cap == 0 ? 64 : cap * 2;
      wasi_dirent_entry *entries =
          realloc(c->entries, grown * sizeof(wasi_dirent_entry));
      if (entries == NULL) {
        result = WASI_ENOMEM;
        break;
      }
      c->entries = entries;
      cap = grown;
    }
    char *name = strdup(e->d_name);
    if (name == NULL) {
      result = WASI_ENOMEM;
      break;
    }
    wasi_dirent_entry *out = &c->entries[c->count++];
    out->ino = (uint64_t)e->d_ino;
    out->type = filetype_of_dtype(dirfd(d), e->d_name, e->d_type);
    out->name = name;
  }
  closedir(d);
  if (result != WASI_ESUCCESS)
    wasi_dirent_cache_clear(c);
  return result;
}

WASI_IMPL(fd_readdir) {
  uint16_t err;
  wasi_fd *f = wasi_fd_get(w, WASI_ARG_U32(0), R_FD_READDIR, &err);
  if (f == NULL)
    return err;
  uint32_t buf_len = WASI_ARG_U32(2);
  uint64_t cookie = WASI_ARG_U64(3);
  wasi_mem m = wasi_mem_now(w);
  uint8_t *buf = wasi_mem_at(m, WASI_ARG_U32(1), buf_len);
  if (buf == NULL || wasi_mem_at(m, WASI_ARG_U32(4), 4) == NULL)
    return WASI_EFAULT;
  if (f->filetype != WASI_FILETYPE_DIRECTORY)
    return WASI_ENOTDIR;
  if (cookie == 0 || f->dir.entries == NULL) {
    err = snapshot(f);
    if (err != WASI_ESUCCESS)
      return err;
  }
  uint32_t used = 0;
  for (uint64_t i = cookie; i < f->dir.count && used < buf_len; ++i) {
    const wasi_dirent_entry *e = &f->dir.entries[i];
    uint32_t namlen = (uint32_t)strlen(e->name);
    uint8_t header[24];
    memset(header, 0, sizeof(header));
    wasi_put_u64(header, i + 1);
    wasi_put_u64(header + 8, e->ino);
    wasi_put_u32(header + 16, namlen);
    wasi_put_u8(header + 20, e->type);
    uint32_t n = buf_len - used < 24 ? buf_len - used : 24;
    memcpy(buf + used, header, n);
    used += n;
    n = buf_len - used < namlen ? buf_len - used : namlen;
    memcpy(buf + used, e->name, n);
    used += n;
  }
  return wasi_store_u32(w, WASI_ARG_U32(4), used);
}

/*===- resolve.c - Path resolution that never leaves a directory ---*- C -*-===*
 *
 * Every path a guest passes is resolved beneath the directory descriptor it
 * names. The directory part of the path is opened with openat2(2) and
 * RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS, where the kernel refuses
 * absolute paths, ".." above the directory and symlinks leading out (with
 * EXDEV). Kernels without openat2 (ENOSYS, before Linux 5.6) use the
 * fallback: a walk one component at a time with O_PATH | O_NOFOLLOW,
 * keeping the descriptors of the directories walked through so that ".."
 * steps back to the one we came from (never to a parent the kernel picks),
 * expanding symlinks in place (relative targets only, at most 40), and
 * refusing ".." at the top.
 *
 * The last component is not resolved by the kernel: the operations work on
 * (parent directory descriptor, name) with no-follow semantics. When the
 * guest asks to follow a final symlink, its target is read here and the
 * whole resolution starts over with the target spliced into the path, so
 * that it too stays beneath the directory.
 *
 * Setting WASM_AOT_WASI_NO_OPENAT2 in the host environment forces the
 * fallback (the tests run both).
 *===----------------------------------------------------------------------===*/
#include "wasi_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_openat2
#define SYS_openat2 437
#endif
#ifndef RESOLVE_NO_MAGICLINKS
#define RESOLVE_NO_MAGICLINKS 0x02
#endif
#ifndef RESOLVE_BENEATH
#define RESOLVE_BENEATH 0x08
#endif

/* struct open_how of <linux/openat2.h>, declared here so the runtime builds
 * against older kernel headers. */
struct wasi_open_how {
  uint64_t flags;
  uint64_t mode;
  uint64_t resolve;
};

#define MAX_SYMLINKS 40

uint16_t wasi_path_string(wa_wasi *w, uint32_t ptr, uint32_t len,
                          char **out) {
  const uint8_t *p = wasi_mem_at(wasi_mem_now(w), ptr, len);
  if (p == NULL)
    return WASI_EFAULT;
  if (memchr(p, 0, len) != NULL)
    return WASI_EINVAL;
  /* Strings are UTF-8 in WASI: reject malformed sequences, overlongs and
   * surrogates. */
  for (uint32_t i = 0; i < len;) {
    uint8_t c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    uint32_t n = (c & 0xE0) == 0xC0   ? 1
                 : (c & 0xF0) == 0xE0 ? 2
                 : (c & 0xF8) == 0xF0 ? 3
                                      : 0;
    if (n == 0 || (uint64_t)i + n >= len)
      return WASI_EILSEQ;
    uint32_t cp = c & (0x3Fu >> n);
    for (uint32_t k = 1; k <= n; ++k) {
      if ((p[i + k] & 0xC0) != 0x80)
        return WASI_EILSEQ;
      cp = (cp << 6) | (p[i + k] & 0x3Fu);
    }
    static const uint32_t Min[4] = {0, 0x80, 0x800, 0x10000};
    if (cp < Min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return WASI_EILSEQ;
    i += n + 1;
  }
  char *s = malloc((size_t)len + 1);
  if (s == NULL)
    return WASI_ENOMEM;
  memcpy(s, p, len);
  s[len] = '\0';
  *out = s;
  return WASI_ESUCCESS;
}

/* ---- Opening a directory beneath another ---- */

static bool want_fallback(void) {
  return getenv("WASM_AOT_WASI_NO_OPENAT2") != NULL;
}

/* Set once the kernel said ENOSYS. */
static int kernel_without_openat2;

/* The fallback: component by component, as described above. */
static uint16_t walk_beneath(int dirfd, const char *relpath, int *out) {
  int cur = openat(dirfd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (cur < 0)
    return wasi_errno_from_host(errno);
  int *stack = NULL;
  size_t depth = 0, cap = 0;
  int expansions = 0;
  uint16_t result = WASI_ESUCCESS;
  char *rest = strdup(relpath);
  if (rest == NULL) {
    close(cur);
    return WASI_ENOMEM;
  }
  char *at = rest;
  while (*at != '\0') {
    char *slash = strchr(at, '/');
    char *next = slash != NULL ? slash + 1 : at + strlen(at);
    if (slash != NULL)
      *slash = '\0';
    const char *c = at;
    at = next;
    if (c[0] == '\0' || strcmp(c, ".") == 0)
      continue;
    if (strcmp(c, "..") == 0) {
      if (depth == 0) {
        result = WASI_ENOTCAPABLE;
        break;
      }
      close(cur);
      cur = stack[--depth];
      continue;
    }
    int fd = openat(cur, c, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
      result = wasi_errno_from_host(errno);
      break;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
      result = wasi_errno_from_host(errno);
      close(fd);
      break;
    }
    if (S_ISLNK(st.st_mode)) {
      char target[PATH_MAX];
      ssize_t n = readlinkat(fd, "", target, sizeof(target) - 1);
      close(fd);
      if (n < 0) {
        result = wasi_errno_from_host(errno);
        break;
      }
      target[n] = '\0';
      if (++expansions > MAX_SYMLINKS) {
        result = WASI_ELOOP;
        break;
      }
      if (target[0] == '/') {
        result = WASI_ENOTCAPABLE;
        break;
      }
      /* Splice the target in front of what is left. */
      size_t tl = (size_t)n, rl = strlen(at);
      char *joined = malloc(tl + 1 + rl + 1);
      if (joined == NULL) {
        result = WASI_ENOMEM;
        break;
      }
      memcpy(joined, target, tl);
      joined[tl] = '/';
      memcpy(joined + tl + 1, at, rl + 1);
      free(rest);
      rest = joined;
      at = rest;
      continue;
    }
    if (!S_ISDIR(st.st_mode)) {
      close(fd);
      result = WASI_ENOTDIR;
      break;
    }
    if (depth == cap) {
      size_t grown = cap == 0 ? 16 : cap * 2;
      int *s = realloc(stack, grown * sizeof(int));
      if (s == NULL) {
        close(fd);
        result = WASI_ENOMEM;
        break;
      }
      stack = s;
      cap = grown;
    }
    stack[depth++] = cur;
    cur = fd;
  }
  free(rest);
  for (size_t i = 0; i < depth; ++i)
    close(stack[i]);
  free(stack);
  if (result != WASI_ESUCCESS) {
    close(cur);
    return result;
  }
  *out = cur;
  return WASI_ESUCCESS;
}

/* An O_PATH descriptor of the directory `relpath` beneath `dirfd`. */
static uint16_t open_dir_beneath(int dirfd, const char *relpath, int *out) {
  if (relpath[0] == '\0')
    relpath = ".";
  if (!kernel_without_openat2 && !want_fallback()) {
    struct wasi_open_how how = {O_PATH | O_DIRECTORY | O_CLOEXEC, 0,
                                RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS};
    for (int attempt = 0; attempt < 8; ++attempt) {
      long fd = syscall(SYS_openat2, dirfd, relpath, &how, sizeof(how));
      if (fd >= 0) {
        *out = (int)fd;
        return WASI_ESUCCESS;
      }
      if (errno == EAGAIN || errno == EINTR)
        continue; /* a concurrent rename: the kernel asks to retry */
      if (errno == ENOSYS || errno == EPERM) {
        /* No openat2 (or a seccomp filter refusing it). */
        kernel_without_openat2 = 1;
        break;
      }
      if (errno == EXDEV)
        return WASI_ENOTCAPABLE; /* the path leads out */
      return wasi_errno_from_host(errno);
    }
  }
  return walk_beneath(dirfd, relpath, out);
}

/* ---- Whole paths ---- */

void wasi_path_done(wasi_path *p) {
  if (p->parent >= 0)
    close(p->parent);
  p->parent = -1;
}

uint16_t wasi_resolve(int dirfd, const char *path, wasi_follow mode,
                      wasi_path *out) {
  out->parent = -1;
  out->name[0] = '\0';
  out->trailing_slash = false;
  if (path[0] == '\0')
    return WASI_ENOENT;
  if (path[0] == '/')
    return WASI_ENOTCAPABLE;
  size_t len = strlen(path);
  if (len >= PATH_MAX)
    return WASI_ENAMETOOLONG;
  char buf[PATH_MAX];
  memcpy(buf, path, len + 1);
  int expansions = 0;
  bool follow = mode == WASI_FOLLOW;
  for (;;) {
    /* Trailing slashes: the path must name a directory, so a lookup
     * follows a final symlink; operations on the name itself do not. */
    while (len > 1 && buf[len - 1] == '/') {
      buf[--len] = '\0';
      out->trailing_slash = true;
      if (mode == WASI_FOLLOW_ON_SLASH)
        follow = true;
    }
    char *slash = strrchr(buf, '/');
    const char *last = slash != NULL ? slash + 1 : buf;
    if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0) {
      /* The path names a directory: open all of it. */
      uint16_t e = open_dir_beneath(dirfd, buf, &out->parent);
      if (e != WASI_ESUCCESS)
        return e;
      strcpy(out->name, ".");
      return WASI_ESUCCESS;
    }
    if (strlen(last) > 255)
      return WASI_ENAMETOOLONG;
    char dir[PATH_MAX];
    size_t dl = slash != NULL ? (size_t)(slash - buf) : 0;
    memcpy(dir, buf, dl);
    dir[dl] = '\0';
    if (slash != NULL && dl == 0)
      return WASI_ENOTCAPABLE; /* "/name" after a symlink expansion */
    uint16_t e = open_dir_beneath(dirfd, dir, &out->parent);
    if (e != WASI_ESUCCESS)
      return e;
    strcpy(out->name, last);
    if (!follow)
      return WASI_ESUCCESS;
    char target[PATH_MAX];
    ssize_t n = readlinkat(out->parent, out->name, target, sizeof(target) - 1);
    if (n < 0)
      return WASI_ESUCCESS; /* not a symlink (or absent): the name it is */
    target[n] = '\0';
    wasi_path_done(out);
    if (++expansions > MAX_SYMLINKS)
      return WASI_ELOOP;
    if (target[0] == '/')
      return WASI_ENOTCAPABLE;
    /* Start over from the directory part with the target in place. */
    if (dl + 1 + (size_t)n + 2 >= PATH_MAX)
      return WASI_ENAMETOOLONG;
    if (dl > 0) {
      buf[dl] = '/';
      memcpy(buf + dl + 1, target, (size_t)n + 1);
      len = dl + 1 + (size_t)n;
    } else {
      memcpy(buf, target, (size_t)n + 1);
      len = (size_t)n;
    }
    if (out->trailing_slash) {
      buf[len++] = '/';
      buf[len] = '\0';
    }
  }
}

/* A guest-made symlink must not lead a host program that follows it out of
 * the grant (the guest itself never can: its lookups are beneath the
 * directory, whatever a link says). Judging a target by where it leads
 * today is not enough, because where it leads can change later:
 *  - a component it names can become a symlink: with `s -> .` in place,
 *    `l -> s/../secret` climbs one level more than its text says;
 *  - the directory holding it can be renamed higher up the tree: a
 *    `../../x` that stayed inside two levels down leads out one level down.
 * A target that is relative and has no ".." component only ever leads
 * down from the link's own directory, through links that do the same, so
 * neither change can take it out. Such targets are the ones allowed. */
bool wasi_symlink_target_ok(const char *target) {
  if (target[0] == '/')
    return false;
  const char *p = target;
  while (*p != '\0') {
    const char *end = strchr(p, '/');
    size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
    if (n == 2 && p[0] == '.' && p[1] == '.')
      return false;
    p += n;
    if (*p == '/')
      ++p;
  }
  return true;
}

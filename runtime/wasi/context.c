/*===- context.c - The WASI context: grants, fd table, guest memory -*- C -*-===*
 *
 * A context holds exactly what its configuration granted: copies of the
 * arguments and environment, and host descriptors for stdio, each
 * pre-opened directory and each pre-opened listening socket. Guest fds 0-2
 * are duplicates of the configured stdio descriptors, so a guest closing
 * them never closes the embedder's; directories follow from 3, then the
 * sockets (wasi-libc scans fd_prestat_get from 3 and stops at the first
 * BADF, so the directories must come first).
 *===----------------------------------------------------------------------===*/
#include "wasi_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

/* ---- The fd table ---- */

wasi_fd *wasi_fd_get(wa_wasi *w, uint32_t fd, uint64_t rights,
                     uint16_t *err) {
  if (fd >= w->fd_count || w->fds[fd].kind == WASI_FD_FREE) {
    *err = WASI_EBADF;
    return NULL;
  }
  wasi_fd *f = &w->fds[fd];
  if ((f->rights_base & rights) != rights) {
    *err = WASI_ENOTCAPABLE;
    return NULL;
  }
  return f;
}

wasi_fd *wasi_fd_get_mut(wa_wasi *w, uint32_t fd, uint64_t rights,
                         uint16_t *err) {
  if (fd < w->fd_count && w->fds[fd].kind != WASI_FD_FREE &&
      w->fds[fd].read_only) {
    *err = WASI_EPERM;
    return NULL;
  }
  return wasi_fd_get(w, fd, rights, err);
}

/* New descriptors never take 0-2, even when stdio was not granted:
 * wasi-libc and every guest take those numbers to be stdin, stdout and
 * stderr, so a file landing there would receive the program's output. */
#define WASI_FIRST_FREE_FD 3u

int64_t wasi_fd_insert(wa_wasi *w, const wasi_fd *entry, uint16_t *err) {
  uint32_t slot = WASI_FIRST_FREE_FD;
  while (slot < w->fd_count && w->fds[slot].kind != WASI_FD_FREE)
    ++slot;
  if (slot == w->fd_count) {
    if (w->fd_count >= WASI_MAX_FDS) {
      *err = WASI_EMFILE;
      return -1;
    }
    uint32_t grown = w->fd_count < 8 ? 8 : w->fd_count * 2;
    if (grown > WASI_MAX_FDS)
      grown = WASI_MAX_FDS;
    wasi_fd *fds = realloc(w->fds, grown * sizeof(wasi_fd));
    if (fds == NULL) {
      *err = WASI_ENOMEM;
      return -1;
    }
    memset(fds + w->fd_count, 0, (grown - w->fd_count) * sizeof(wasi_fd));
    w->fds = fds;
    w->fd_count = grown;
  }
  w->fds[slot] = *entry;
  w->fds[slot].kind = WASI_FD_FILE;
  return slot;
}

void wasi_dirent_cache_clear(wasi_dirent_cache *c) {
  for (size_t i = 0; i < c->count; ++i)
    free(c->entries[i].name);
  free(c->entries);
  c->entries = NULL;
  c->count = 0;
}

void wasi_fd_release(wasi_fd *f) {
  if (f->kind == WASI_FD_FREE)
    return;
  close(f->host);
  free(f->preopen_name);
  wasi_dirent_cache_clear(&f->dir);
  memset(f, 0, sizeof(*f));
}

uint8_t wasi_filetype_of(int host_fd) {
  struct stat st;
  if (fstat(host_fd, &st) != 0)
    return WASI_FILETYPE_UNKNOWN;
  switch (st.st_mode & S_IFMT) {
  case S_IFREG: return WASI_FILETYPE_REGULAR_FILE;
  case S_IFDIR: return WASI_FILETYPE_DIRECTORY;
  case S_IFCHR: return WASI_FILETYPE_CHARACTER_DEVICE;
  case S_IFBLK: return WASI_FILETYPE_BLOCK_DEVICE;
  case S_IFLNK: return WASI_FILETYPE_SYMBOLIC_LINK;
  case S_IFSOCK: {
    int type = 0;
    socklen_t len = sizeof(type);
    if (getsockopt(host_fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0)
      return WASI_FILETYPE_UNKNOWN;
    return type == SOCK_STREAM  ? WASI_FILETYPE_SOCKET_STREAM
           : type == SOCK_DGRAM ? WASI_FILETYPE_SOCKET_DGRAM
                                : WASI_FILETYPE_UNKNOWN;
  }
  default: return WASI_FILETYPE_UNKNOWN; /* FIFOs: as other runtimes do */
  }
}

uint64_t wasi_rights_for(uint8_t filetype) {
  switch (filetype) {
  case WASI_FILETYPE_REGULAR_FILE: return RIGHTS_REGULAR_FILE;
  case WASI_FILETYPE_DIRECTORY: return RIGHTS_DIRECTORY;
  case WASI_FILETYPE_SOCKET_STREAM:
  case WASI_FILETYPE_SOCKET_DGRAM: return RIGHTS_SOCKET;
  default: return RIGHTS_STREAM;
  }
}

/* ---- Guest memory ---- */

uint16_t wasi_store_u32(wa_wasi *w, uint32_t ptr, uint32_t value) {
  uint8_t *p = wasi_mem_at(wasi_mem_now(w), ptr, 4);
  if (p == NULL)
    return WASI_EFAULT;
  wasi_put_u32(p, value);
  return WASI_ESUCCESS;
}

uint16_t wasi_store_u64(wa_wasi *w, uint32_t ptr, uint64_t value) {
  uint8_t *p = wasi_mem_at(wasi_mem_now(w), ptr, 8);
  if (p == NULL)
    return WASI_EFAULT;
  wasi_put_u64(p, value);
  return WASI_ESUCCESS;
}

uint16_t wasi_iovecs(wa_wasi *w, uint32_t iovs, uint32_t iovs_len,
                     struct iovec **out, int *count) {
  wasi_mem m = wasi_mem_now(w);
  const uint8_t *array = wasi_mem_at(m, iovs, (uint64_t)iovs_len * 8);
  if (array == NULL)
    return WASI_EFAULT;
  /* More than the host takes in one call is a short transfer, which the
   * spec allows; every buffer is still checked. */
  int n = iovs_len > IOV_MAX ? IOV_MAX : (int)iovs_len;
  struct iovec *v = malloc(sizeof(struct iovec) * (size_t)(n > 0 ? n : 1));
  if (v == NULL)
    return WASI_ENOMEM;
  for (uint32_t i = 0; i < iovs_len; ++i) {
    uint32_t buf = wasi_get_u32(array + 8 * (uint64_t)i);
    uint32_t len = wasi_get_u32(array + 8 * (uint64_t)i + 4);
    uint8_t *p = wasi_mem_at(m, buf, len);
    if (p == NULL) {
      free(v);
      return WASI_EFAULT;
    }
    if ((int)i < n) {
      v[i].iov_base = p;
      v[i].iov_len = len;
    }
  }
  *out = v;
  *count = n;
  return WASI_ESUCCESS;
}

/* ---- Creation ---- */

static void set_error(wa_error *error, wa_error_kind kind, const char *fmt,
                      const char *arg, int err) {
  if (error == NULL)
    return;
  error->kind = kind;
  error->trap = 0;
  char detail[200];
  snprintf(detail, sizeof(detail), fmt, arg);
  if (err != 0)
    snprintf(error->message, sizeof(error->message), "%s: %s", detail,
             strerror(err));
  else
    snprintf(error->message, sizeof(error->message), "%s", detail);
}

/* Copies `count` strings into a malloc'd array; *bytes gets their total
 * length with terminators. */
static char **copy_strings(const char *const *src, size_t count,
                           size_t *bytes) {
  char **out = calloc(count + 1, sizeof(char *));
  if (out == NULL)
    return NULL;
  *bytes = 0;
  for (size_t i = 0; i < count; ++i) {
    const char *s = src[i] != NULL ? src[i] : "";
    size_t len = strlen(s) + 1;
    out[i] = malloc(len);
    if (out[i] == NULL) {
      for (size_t j = 0; j < i; ++j)
        free(out[j]);
      free(out);
      return NULL;
    }
    memcpy(out[i], s, len);
    *bytes += len;
  }
  return out;
}

static bool add_stdio(wa_wasi *w, uint32_t slot, int host) {
  if (host < 0)
    return true; /* not granted: the guest sees BADF */
  int fd = fcntl(host, F_DUPFD_CLOEXEC, 3);
  if (fd < 0)
    return errno == EBADF; /* a closed stdio stays closed */
  wasi_fd *f = &w->fds[slot];
  f->kind = WASI_FD_FILE;
  f->host = fd;
  f->filetype = wasi_filetype_of(fd);
  f->rights_base = wasi_rights_for(f->filetype);
  f->rights_inheriting = 0;
  int fl = fcntl(fd, F_GETFL);
  if (fl >= 0) {
    if (fl & O_APPEND)
      f->fdflags |= WASI_FDFLAG_APPEND;
    if (fl & O_NONBLOCK)
      f->fdflags |= WASI_FDFLAG_NONBLOCK;
  }
  return true;
}

wa_wasi *wa_wasi_new(const wa_wasi_config *config, wa_error *error) {
  if (config == NULL) {
    set_error(error, WA_ERROR_MISUSE, "wa_wasi_new: null %s", "config", 0);
    return NULL;
  }
  if ((config->argc != 0 && config->argv == NULL) ||
      (config->env_count != 0 && config->env == NULL) ||
      (config->dir_count != 0 && config->dirs == NULL) ||
      (config->socket_count != 0 && config->sockets == NULL)) {
    set_error(error, WA_ERROR_MISUSE, "wa_wasi_new: %s",
              "a nonzero count with a null array", 0);
    return NULL;
  }
  wa_wasi *w = calloc(1, sizeof(wa_wasi));
  if (w == NULL)
    goto oom;
  w->argc = config->argc;
  w->argv = copy_strings(config->argv, config->argc, &w->argv_bytes);
  w->env_count = config->env_count;
  w->env = copy_strings(config->env, config->env_count, &w->env_bytes);
  if (w->argv == NULL || w->env == NULL)
    goto oom;

  uint32_t total = 3 + (uint32_t)config->dir_count +
                   (uint32_t)config->socket_count;
  if (config->dir_count + config->socket_count > WASI_MAX_FDS - 3) {
    set_error(error, WA_ERROR_RESOURCE, "wa_wasi_new: too many %s",
              "pre-opened descriptors", 0);
    wa_wasi_free(w);
    return NULL;
  }
  w->fds = calloc(total, sizeof(wasi_fd));
  if (w->fds == NULL)
    goto oom;
  w->fd_count = total;
  if (!add_stdio(w, 0, config->stdin_fd) ||
      !add_stdio(w, 1, config->stdout_fd) ||
      !add_stdio(w, 2, config->stderr_fd)) {
    set_error(error, WA_ERROR_RESOURCE, "wa_wasi_new: %s",
              "cannot duplicate a stdio descriptor", errno);
    wa_wasi_free(w);
    return NULL;
  }

  uint32_t slot = 3;
  for (size_t i = 0; i < config->dir_count; ++i, ++slot) {
    const wa_wasi_dir *d = &config->dirs[i];
    if (d->host_path == NULL) {
      set_error(error, WA_ERROR_MISUSE, "wa_wasi_new: directory %s",
                "without a host path", 0);
      wa_wasi_free(w);
      return NULL;
    }
    int fd = open(d->host_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
      set_error(error, WA_ERROR_RESOURCE, "cannot open directory '%s'",
                d->host_path, errno);
      wa_wasi_free(w);
      return NULL;
    }
    const char *guest = d->guest_path != NULL ? d->guest_path : d->host_path;
    wasi_fd *f = &w->fds[slot];
    f->kind = WASI_FD_FILE;
    f->host = fd;
    f->filetype = WASI_FILETYPE_DIRECTORY;
    f->read_only = d->read_only;
    /* A read-only grant advertises the full rights and refuses mutations
     * with PERM, so that wasi-libc's open(O_WRONLY), which asks only for
     * rights the directory can pass on, fails at the open. */
    f->rights_base = RIGHTS_DIRECTORY;
    f->rights_inheriting = RIGHTS_DIRECTORY | RIGHTS_REGULAR_FILE;
    f->preopen_name = strdup(guest);
    if (f->preopen_name == NULL)
      goto oom;
  }
  for (size_t i = 0; i < config->socket_count; ++i, ++slot) {
    int fd = fcntl(config->sockets[i].host_fd, F_DUPFD_CLOEXEC, 3);
    if (fd < 0) {
      set_error(error, WA_ERROR_RESOURCE, "cannot use socket %s",
                "descriptor", errno);
      wa_wasi_free(w);
      return NULL;
    }
    wasi_fd *f = &w->fds[slot];
    f->kind = WASI_FD_FILE;
    f->host = fd;
    f->filetype = wasi_filetype_of(fd);
    if (f->filetype != WASI_FILETYPE_SOCKET_STREAM &&
        f->filetype != WASI_FILETYPE_SOCKET_DGRAM) {
      set_error(error, WA_ERROR_MISUSE, "wa_wasi_new: pre-opened %s",
                "descriptor is not a socket", 0);
      wa_wasi_free(w);
      return NULL;
    }
    /* Only listening sockets are granted: a connected one would hand the
     * guest a peer nobody chose for it. */
    int listening = 0;
    socklen_t len = sizeof(listening);
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 ||
        !listening) {
      set_error(error, WA_ERROR_MISUSE, "wa_wasi_new: pre-opened %s",
                "socket is not listening", 0);
      wa_wasi_free(w);
      return NULL;
    }
    f->rights_base = RIGHTS_LISTENER;
    f->rights_inheriting = RIGHTS_SOCKET;
  }
  return w;

oom:
  set_error(error, WA_ERROR_RESOURCE, "wa_wasi_new: %s", "out of memory", 0);
  wa_wasi_free(w);
  return NULL;
}

static void free_strings(char **s, size_t count) {
  if (s == NULL)
    return;
  for (size_t i = 0; i < count; ++i)
    free(s[i]);
  free(s);
}

void wa_wasi_free(wa_wasi *w) {
  if (w == NULL)
    return;
  free_strings(w->argv, w->argc);
  free_strings(w->env, w->env_count);
  for (uint32_t i = 0; i < w->fd_count; ++i)
    wasi_fd_release(&w->fds[i]);
  free(w->fds);
  while (w->bindings != NULL) {
    wasi_binding *next = w->bindings->next;
    free(w->bindings);
    w->bindings = next;
  }
  free(w);
}

bool wa_wasi_attach(wa_wasi *w, wa_instance *instance) {
  if (w == NULL || instance == NULL)
    return false;
  wa_extern ext;
  if (!wa_instance_export(instance, "memory", &ext) ||
      ext.kind != WA_EXTERN_MEMORY)
    return false;
  w->memory = ext.of.memory;
  return true;
}

uint32_t wa_wasi_exit_status(const wa_wasi *w) {
  return w != NULL ? w->exit_status : 0;
}

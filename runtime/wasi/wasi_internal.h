/*===- wasi_internal.h - WASI preview 1: the context and its helpers -*- C -*-===*
 *
 * What the host functions of runtime/wasi share: the witx constants and
 * struct layouts of `wasi_snapshot_preview1`, the context with its fd table,
 * guest-memory access (every pointer checked against the memory's current
 * size), the host-errno mapping and the sandboxed path resolver.
 *===----------------------------------------------------------------------===*/
#ifndef WASM_AOT_WASI_INTERNAL_H
#define WASM_AOT_WASI_INTERNAL_H

#include "wasm-aot/wasi.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- witx: errno ---- */
enum {
  WASI_ESUCCESS = 0, WASI_E2BIG = 1, WASI_EACCES = 2, WASI_EADDRINUSE = 3,
  WASI_EADDRNOTAVAIL = 4, WASI_EAFNOSUPPORT = 5, WASI_EAGAIN = 6,
  WASI_EALREADY = 7, WASI_EBADF = 8, WASI_EBADMSG = 9, WASI_EBUSY = 10,
  WASI_ECANCELED = 11, WASI_ECHILD = 12, WASI_ECONNABORTED = 13,
  WASI_ECONNREFUSED = 14, WASI_ECONNRESET = 15, WASI_EDEADLK = 16,
  WASI_EDESTADDRREQ = 17, WASI_EDOM = 18, WASI_EDQUOT = 19, WASI_EEXIST = 20,
  WASI_EFAULT = 21, WASI_EFBIG = 22, WASI_EHOSTUNREACH = 23, WASI_EIDRM = 24,
  WASI_EILSEQ = 25, WASI_EINPROGRESS = 26, WASI_EINTR = 27, WASI_EINVAL = 28,
  WASI_EIO = 29, WASI_EISCONN = 30, WASI_EISDIR = 31, WASI_ELOOP = 32,
  WASI_EMFILE = 33, WASI_EMLINK = 34, WASI_EMSGSIZE = 35, WASI_EMULTIHOP = 36,
  WASI_ENAMETOOLONG = 37, WASI_ENETDOWN = 38, WASI_ENETRESET = 39,
  WASI_ENETUNREACH = 40, WASI_ENFILE = 41, WASI_ENOBUFS = 42,
  WASI_ENODEV = 43, WASI_ENOENT = 44, WASI_ENOEXEC = 45, WASI_ENOLCK = 46,
  WASI_ENOLINK = 47, WASI_ENOMEM = 48, WASI_ENOMSG = 49,
  WASI_ENOPROTOOPT = 50, WASI_ENOSPC = 51, WASI_ENOSYS = 52,
  WASI_ENOTCONN = 53, WASI_ENOTDIR = 54, WASI_ENOTEMPTY = 55,
  WASI_ENOTRECOVERABLE = 56, WASI_ENOTSOCK = 57, WASI_ENOTSUP = 58,
  WASI_ENOTTY = 59, WASI_ENXIO = 60, WASI_EOVERFLOW = 61,
  WASI_EOWNERDEAD = 62, WASI_EPERM = 63, WASI_EPIPE = 64, WASI_EPROTO = 65,
  WASI_EPROTONOSUPPORT = 66, WASI_EPROTOTYPE = 67, WASI_ERANGE = 68,
  WASI_EROFS = 69, WASI_ESPIPE = 70, WASI_ESRCH = 71, WASI_ESTALE = 72,
  WASI_ETIMEDOUT = 73, WASI_ETXTBSY = 74, WASI_EXDEV = 75,
  WASI_ENOTCAPABLE = 76,
};

/* ---- witx: rights (bit numbers in declaration order) ---- */
#define WASI_RIGHT(N) ((uint64_t)1 << (N))
#define R_FD_DATASYNC WASI_RIGHT(0)
#define R_FD_READ WASI_RIGHT(1)
#define R_FD_SEEK WASI_RIGHT(2)
#define R_FD_FDSTAT_SET_FLAGS WASI_RIGHT(3)
#define R_FD_SYNC WASI_RIGHT(4)
#define R_FD_TELL WASI_RIGHT(5)
#define R_FD_WRITE WASI_RIGHT(6)
#define R_FD_ADVISE WASI_RIGHT(7)
#define R_FD_ALLOCATE WASI_RIGHT(8)
#define R_PATH_CREATE_DIRECTORY WASI_RIGHT(9)
#define R_PATH_CREATE_FILE WASI_RIGHT(10)
#define R_PATH_LINK_SOURCE WASI_RIGHT(11)
#define R_PATH_LINK_TARGET WASI_RIGHT(12)
#define R_PATH_OPEN WASI_RIGHT(13)
#define R_FD_READDIR WASI_RIGHT(14)
#define R_PATH_READLINK WASI_RIGHT(15)
#define R_PATH_RENAME_SOURCE WASI_RIGHT(16)
#define R_PATH_RENAME_TARGET WASI_RIGHT(17)
#define R_PATH_FILESTAT_GET WASI_RIGHT(18)
#define R_PATH_FILESTAT_SET_SIZE WASI_RIGHT(19)
#define R_PATH_FILESTAT_SET_TIMES WASI_RIGHT(20)
#define R_FD_FILESTAT_GET WASI_RIGHT(21)
#define R_FD_FILESTAT_SET_SIZE WASI_RIGHT(22)
#define R_FD_FILESTAT_SET_TIMES WASI_RIGHT(23)
#define R_PATH_SYMLINK WASI_RIGHT(24)
#define R_PATH_REMOVE_DIRECTORY WASI_RIGHT(25)
#define R_PATH_UNLINK_FILE WASI_RIGHT(26)
#define R_POLL_FD_READWRITE WASI_RIGHT(27)
#define R_SOCK_SHUTDOWN WASI_RIGHT(28)
#define R_SOCK_ACCEPT WASI_RIGHT(29)
#define R_ALL (WASI_RIGHT(30) - 1)

/* The rights that make sense for each kind of descriptor: a new fd gets
 * what it asked for, narrowed to these. */
#define RIGHTS_REGULAR_FILE                                                   \
  (R_FD_DATASYNC | R_FD_READ | R_FD_SEEK | R_FD_FDSTAT_SET_FLAGS |            \
   R_FD_SYNC | R_FD_TELL | R_FD_WRITE | R_FD_ADVISE | R_FD_ALLOCATE |         \
   R_FD_FILESTAT_GET | R_FD_FILESTAT_SET_SIZE | R_FD_FILESTAT_SET_TIMES |     \
   R_POLL_FD_READWRITE)
#define RIGHTS_DIRECTORY                                                      \
  (R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC | R_FD_ADVISE |                          \
   R_PATH_CREATE_DIRECTORY | R_PATH_CREATE_FILE | R_PATH_LINK_SOURCE |        \
   R_PATH_LINK_TARGET | R_PATH_OPEN | R_FD_READDIR | R_PATH_READLINK |        \
   R_PATH_RENAME_SOURCE | R_PATH_RENAME_TARGET | R_PATH_FILESTAT_GET |        \
   R_PATH_FILESTAT_SET_SIZE | R_PATH_FILESTAT_SET_TIMES | R_FD_FILESTAT_GET | \
   R_FD_FILESTAT_SET_TIMES | R_PATH_SYMLINK | R_PATH_REMOVE_DIRECTORY |       \
   R_PATH_UNLINK_FILE | R_POLL_FD_READWRITE)
/* Terminals, pipes, character devices. */
#define RIGHTS_STREAM                                                         \
  (R_FD_READ | R_FD_WRITE | R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC |               \
   R_FD_DATASYNC | R_FD_ADVISE | R_FD_FILESTAT_GET | R_FD_FILESTAT_SET_TIMES | \
   R_POLL_FD_READWRITE)
#define RIGHTS_SOCKET                                                         \
  (R_FD_READ | R_FD_WRITE | R_FD_FDSTAT_SET_FLAGS | R_FD_FILESTAT_GET |       \
   R_POLL_FD_READWRITE | R_SOCK_SHUTDOWN)
#define RIGHTS_LISTENER                                                       \
  (R_FD_FDSTAT_SET_FLAGS | R_FD_FILESTAT_GET | R_POLL_FD_READWRITE |          \
   R_SOCK_ACCEPT | R_SOCK_SHUTDOWN)
/* What a read-only grant refuses (with ERRNO_PERM, before rights). */
#define RIGHTS_WRITE_DATA (R_FD_WRITE | R_FD_ALLOCATE | R_FD_FILESTAT_SET_SIZE)

/* ---- witx: other enums and flags ---- */
enum {
  WASI_FILETYPE_UNKNOWN = 0, WASI_FILETYPE_BLOCK_DEVICE = 1,
  WASI_FILETYPE_CHARACTER_DEVICE = 2, WASI_FILETYPE_DIRECTORY = 3,
  WASI_FILETYPE_REGULAR_FILE = 4, WASI_FILETYPE_SOCKET_DGRAM = 5,
  WASI_FILETYPE_SOCKET_STREAM = 6, WASI_FILETYPE_SYMBOLIC_LINK = 7,
};
#define WASI_FDFLAG_APPEND 1u
#define WASI_FDFLAG_DSYNC 2u
#define WASI_FDFLAG_NONBLOCK 4u
#define WASI_FDFLAG_RSYNC 8u
#define WASI_FDFLAG_SYNC 16u
#define WASI_FDFLAGS_ALL 31u
#define WASI_OFLAG_CREAT 1u
#define WASI_OFLAG_DIRECTORY 2u
#define WASI_OFLAG_EXCL 4u
#define WASI_OFLAG_TRUNC 8u
#define WASI_LOOKUP_SYMLINK_FOLLOW 1u
#define WASI_FST_ATIM 1u
#define WASI_FST_ATIM_NOW 2u
#define WASI_FST_MTIM 4u
#define WASI_FST_MTIM_NOW 8u

/* ---- The context ---- */

typedef enum wasi_fd_kind {
  WASI_FD_FREE = 0,
  WASI_FD_FILE,     /* anything opened: file, directory, stdio, socket */
} wasi_fd_kind;

/* A snapshot of a directory's entries for fd_readdir: cookies are indices
 * into it, so they stay valid however the directory changes meanwhile. */
typedef struct wasi_dirent_cache {
  size_t count;
  struct wasi_dirent_entry *entries;
} wasi_dirent_cache;

typedef struct wasi_dirent_entry {
  uint64_t ino;
  uint8_t type;
  char *name;
} wasi_dirent_entry;

typedef struct wasi_fd {
  wasi_fd_kind kind;
  int host;            /* owned host descriptor */
  uint8_t filetype;    /* WASI_FILETYPE_* */
  bool read_only;      /* beneath a read-only grant */
  uint16_t fdflags;    /* as opened (for RSYNC, which Linux folds in SYNC) */
  uint64_t rights_base;
  uint64_t rights_inheriting;
  char *preopen_name;  /* a pre-opened directory's guest path, else null */
  wasi_dirent_cache dir;
} wasi_fd;

/* The env of one host function: what it serves and which function it is. */
typedef struct wasi_binding {
  struct wa_wasi *wasi;
  const struct wa_wasi_function *function;
  struct wasi_binding *next;
} wasi_binding;

struct wa_wasi {
  char **argv;
  size_t argc;
  size_t argv_bytes;   /* all arguments with their terminating NULs */
  char **env;
  size_t env_count;
  size_t env_bytes;
  wasi_fd *fds;
  uint32_t fd_count;   /* slots in fds */
  wa_memory *memory;   /* the attached instance's "memory", or null */
  uint32_t exit_status;
  wasi_binding *bindings;
};

/* The most descriptors a guest may hold at once. */
#define WASI_MAX_FDS 65536u

/* The fd `fd` if open and holding all of `rights`; else null with *err set
 * (BADF or NOTCAPABLE). */
wasi_fd *wasi_fd_get(wa_wasi *w, uint32_t fd, uint64_t rights, uint16_t *err);
/* wasi_fd_get for an operation that changes the filesystem: a descriptor
 * beneath a read-only grant is PERM (checked before rights). */
wasi_fd *wasi_fd_get_mut(wa_wasi *w, uint32_t fd, uint64_t rights,
                         uint16_t *err);
/* Puts `entry` in the lowest free slot; returns the number, or -1 with
 * *err (MFILE / NOMEM). */
int64_t wasi_fd_insert(wa_wasi *w, const wasi_fd *entry, uint16_t *err);
/* Closes and frees the slot's contents. */
void wasi_fd_release(wasi_fd *f);
void wasi_dirent_cache_clear(wasi_dirent_cache *c);
/* The WASI filetype of a host descriptor. */
uint8_t wasi_filetype_of(int host_fd);
/* The rights that apply to `filetype`. */
uint64_t wasi_rights_for(uint8_t filetype);

/* ---- Errors ---- */

/* The WASI errno for a host errno value. */
uint16_t wasi_errno_from_host(int host_errno);

/* ---- Guest memory ---- */

typedef struct wasi_mem {
  uint8_t *base;
  uint64_t size;
} wasi_mem;

/* The attached memory as it is now (in explicit mode its base moves when
 * the guest grows it, so this is read at every call). */
static inline wasi_mem wasi_mem_now(const wa_wasi *w) {
  wasi_mem m = {NULL, 0};
  if (w->memory != NULL) {
    m.base = w->memory->base;
    m.size = w->memory->size;
  }
  return m;
}

/* The host address of guest [ptr, ptr + len), or null when any byte of it
 * is outside the memory. 64-bit arithmetic: no overflow. */
static inline uint8_t *wasi_mem_at(wasi_mem m, uint32_t ptr, uint64_t len) {
  if (m.base == NULL || (uint64_t)ptr + len > m.size)
    return NULL;
  return m.base + ptr;
}

static inline void wasi_put_u8(uint8_t *p, uint8_t v) { *p = v; }
static inline void wasi_put_u16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static inline void wasi_put_u32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static inline void wasi_put_u64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
static inline uint16_t wasi_get_u16(const uint8_t *p) {
  uint16_t v;
  memcpy(&v, p, 2);
  return v;
}
static inline uint32_t wasi_get_u32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}
static inline uint64_t wasi_get_u64(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

/* Stores a u32 / u64 result at guest `ptr`; FAULT when it does not fit. */
uint16_t wasi_store_u32(wa_wasi *w, uint32_t ptr, uint32_t value);
uint16_t wasi_store_u64(wa_wasi *w, uint32_t ptr, uint64_t value);

/* Gathers guest iovecs (8 bytes each: buf, buf_len) into host iovecs:
 * *out is malloc'd (free it), *count their number. FAULT when the array or
 * any buffer is outside the memory. */
struct iovec;
uint16_t wasi_iovecs(wa_wasi *w, uint32_t iovs, uint32_t iovs_len,
                     struct iovec **out, int *count);

/* ---- Paths ---- */

/* A path resolved beneath a directory fd: the directory that holds its
 * last component (an O_PATH descriptor, owned) and that component's name
 * ("." when the path names the directory itself). */
typedef struct wasi_path {
  int parent;
  char name[256];
  bool trailing_slash; /* the guest path ended in '/': must be a directory */
} wasi_path;

/* Copies the guest path [ptr, ptr + len) into a NUL-terminated malloc'd
 * string: FAULT out of bounds, INVAL with an embedded NUL, ILSEQ when not
 * UTF-8. */
uint16_t wasi_path_string(wa_wasi *w, uint32_t ptr, uint32_t len, char **out);

/* What wasi_resolve does with a symlink as the last component. */
typedef enum wasi_follow {
  /* Never follow it, even when the path ends in '/': operations on names
   * (unlink, rmdir, rename, mkdir, symlink, a link's new name) act on the
   * link itself, as POSIX does. */
  WASI_NOFOLLOW,
  /* Follow it only when the path ends in '/' (which demands a directory):
   * lookups without LOOKUPFLAGS_SYMLINK_FOLLOW. */
  WASI_FOLLOW_ON_SLASH,
  /* Always follow it: lookups with LOOKUPFLAGS_SYMLINK_FOLLOW. */
  WASI_FOLLOW,
} wasi_follow;

/* Resolves `path` beneath host directory `dirfd` without ever leaving it:
 * absolute paths, ".." above it and symlinks leading out are NOTCAPABLE.
 * A symlink as the last component is followed as `follow` says (beneath
 * the directory too). On success out->parent must be closed. */
uint16_t wasi_resolve(int dirfd, const char *path, wasi_follow follow,
                      wasi_path *out);
void wasi_path_done(wasi_path *p);

/* Whether a guest may create a symlink with contents `target`: relative
 * and without any ".." component, so it only ever leads down from the
 * directory it is in, wherever that directory is moved later and whatever
 * the components it names turn out to be (resolve.c says why). */
bool wasi_symlink_target_ok(const char *target);

/* ---- The functions ---- */

/* One preview-1 function (wasm-aot/wasi_functions.def): its name, its
 * signature in the .def's letters ("i:il": results, a colon, parameters)
 * and its implementation. An implementation reads its arguments from
 * values[], returns the errno (stored as the result) — or, for a function
 * without results (proc_exit), the trap code to raise. binding.c defines
 * one, `wa_wasi_function_NAME`, per row of the .def. */
struct wa_wasi_function {
  const char *name;
  const char *signature;
  uint32_t (*impl)(wa_wasi *w, const wa_value *args);
};

#define WASI_IMPL(Name) uint32_t wasi_##Name(wa_wasi *w, const wa_value *a)
#define WASI_ARG_U32(I) ((uint32_t)a[I].i32)
#define WASI_ARG_U64(I) ((uint64_t)a[I].i64)

/* The implementations, one per row of the .def, in misc.c, fd.c,
 * readdir.c, path.c, poll.c and sock.c. */
#define WA_WASI_FUNCTION(Name, Signature) WASI_IMPL(Name);
#include "wasm-aot/wasi_functions.def"

/* Shared by fd.c and path.c: writes a filestat (64 bytes) for `st`. */
struct stat;
void wasi_write_filestat(uint8_t *out, const struct stat *st);
/* The timespec pair for utimensat from WASI times and fst_flags; INVAL
 * for contradictory flags. */
#include <time.h>
uint16_t wasi_times(uint64_t atim, uint64_t mtim, uint32_t fst_flags,
                    struct timespec ts[2]);

#endif /* WASM_AOT_WASI_INTERNAL_H */

/*===- sandbox.c - Every way out of a pre-opened directory, refused -------===*
 *
 * A WASI-only guest (it calls wasi_snapshot_preview1 directly, below
 * wasi-libc, so that the runtime sees exactly the paths written here). The
 * harness grants two directories and lays out the host temp dir as:
 *
 *   outside/secret.txt         never reachable
 *   rw/  (--dir, guest "/rw")  inside.txt, sub/deep.txt, and the symlinks
 *        link_out -> ../outside, link_abs -> <absolute outside>,
 *        link_file_out -> ../outside/secret.txt, link_in -> sub
 *   ro/  (--dir-ro, guest "/ro")  readonly.txt, rosub/
 *
 * Each check states the errno the runtime must return (docs/wasi.md of the
 * runtime: a path leading out is NOTCAPABLE, a mutation under a read-only
 * grant is PERM, a bad guest pointer is FAULT). The program prints one line
 * per check and exits 1 if any failed; the harness then checks that the
 * host tree is exactly as it was.
 *===----------------------------------------------------------------------===*/
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

// Raw imports, for pointers wasi-libc's wrappers would never pass.
__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write")))
int32_t raw_fd_write(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nwritten);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open")))
int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len,
                      int32_t oflags, int64_t base, int64_t inheriting,
                      int32_t fdflags, int32_t opened);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("args_sizes_get")))
int32_t raw_args_sizes_get(int32_t argc, int32_t size);

static int failures, checks;

static const char *name_of(int e) {
  switch (e) {
  case __WASI_ERRNO_SUCCESS: return "SUCCESS";
  case __WASI_ERRNO_ACCES: return "ACCES";
  case __WASI_ERRNO_BADF: return "BADF";
  case __WASI_ERRNO_EXIST: return "EXIST";
  case __WASI_ERRNO_FAULT: return "FAULT";
  case __WASI_ERRNO_INVAL: return "INVAL";
  case __WASI_ERRNO_ISDIR: return "ISDIR";
  case __WASI_ERRNO_LOOP: return "LOOP";
  case __WASI_ERRNO_NOENT: return "NOENT";
  case __WASI_ERRNO_NOTCAPABLE: return "NOTCAPABLE";
  case __WASI_ERRNO_NOTDIR: return "NOTDIR";
  case __WASI_ERRNO_NOTEMPTY: return "NOTEMPTY";
  case __WASI_ERRNO_PERM: return "PERM";
  case __WASI_ERRNO_ROFS: return "ROFS";
  case __WASI_ERRNO_XDEV: return "XDEV";
  default: return "other";
  }
}

static void expect(const char *what, int got, int want) {
  ++checks;
  if (got == want) {
    printf("ok   %-46s %s\n", what, name_of(got));
  } else {
    ++failures;
    printf("FAIL %-46s %s (%d), expected %s\n", what, name_of(got), got, name_of(want));
  }
}

static __wasi_fd_t preopen(const char *name) {
  for (__wasi_fd_t fd = 3; fd < 64; ++fd) {
    __wasi_prestat_t prestat;
    if (__wasi_fd_prestat_get(fd, &prestat) != __WASI_ERRNO_SUCCESS)
      continue;
    char buffer[256];
    size_t len = prestat.u.dir.pr_name_len;
    if (len >= sizeof buffer ||
        __wasi_fd_prestat_dir_name(fd, (uint8_t *)buffer, len) != __WASI_ERRNO_SUCCESS)
      continue;
    buffer[len] = '\0';
    if (!strcmp(buffer, name))
      return fd;
  }
  printf("FAIL no pre-opened directory %s\n", name);
  ++failures;
  return (__wasi_fd_t)-1;
}

static const __wasi_rights_t READ = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK |
                                    __WASI_RIGHTS_FD_FILESTAT_GET;
static const __wasi_rights_t WRITE = __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK;
static const __wasi_lookupflags_t FOLLOW = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;

// Opens `path` under `dir`; closes what it opened. Returns the errno.
static int open_at(__wasi_fd_t dir, __wasi_lookupflags_t lookup, const char *path,
                   __wasi_oflags_t oflags, __wasi_rights_t rights) {
  __wasi_fd_t fd;
  int e = __wasi_path_open(dir, lookup, path, oflags, rights, 0, 0, &fd);
  if (e == __WASI_ERRNO_SUCCESS)
    (void)__wasi_fd_close(fd);
  return e;
}

static int stat_at(__wasi_fd_t dir, __wasi_lookupflags_t lookup, const char *path) {
  __wasi_filestat_t st;
  return __wasi_path_filestat_get(dir, lookup, path, &st);
}

// Run with no grants at all: nothing is pre-opened, the environment is
// empty, and the descriptors above 2 are not open.
static int no_grants(void) {
  __wasi_prestat_t prestat;
  expect("no grants: fd_prestat_get 3", __wasi_fd_prestat_get(3, &prestat), __WASI_ERRNO_BADF);
  __wasi_size_t count = 1, size = 1;
  expect("no grants: environ_sizes_get", __wasi_environ_sizes_get(&count, &size), __WASI_ERRNO_SUCCESS);
  expect("no grants: no variables", (int)count, 0);
  __wasi_fdstat_t stat;
  expect("no grants: fd_fdstat_get 3", __wasi_fd_fdstat_get(3, &stat), __WASI_ERRNO_BADF);
  expect("no grants: path_open on fd 3", open_at(3, 0, "x", 0, READ), __WASI_ERRNO_BADF);
  printf("%d checks, %d failed\n", checks, failures);
  return failures ? 1 : 0;
}

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "none"))
    return no_grants();
  __wasi_fd_t rw = preopen("/rw"), ro = preopen("/ro");
  const __wasi_errno_t CAP = __WASI_ERRNO_NOTCAPABLE, OK = __WASI_ERRNO_SUCCESS;

  // Reads that stay inside work, including ".." that stays beneath.
  expect("open inside.txt", open_at(rw, 0, "inside.txt", 0, READ), OK);
  expect("open sub/../inside.txt", open_at(rw, 0, "sub/../inside.txt", 0, READ), OK);
  expect("open ./sub/./deep.txt", open_at(rw, 0, "./sub/./deep.txt", 0, READ), OK);
  expect("open link_in/deep.txt (symlink inside)", open_at(rw, FOLLOW, "link_in/deep.txt", 0, READ), OK);

  // Lexical escapes.
  expect("open ..", open_at(rw, 0, "..", __WASI_OFLAGS_DIRECTORY, READ), CAP);
  expect("open ../outside/secret.txt", open_at(rw, 0, "../outside/secret.txt", 0, READ), CAP);
  expect("open sub/../../outside/secret.txt", open_at(rw, 0, "sub/../../outside/secret.txt", 0, READ), CAP);
  expect("open sub/./../../rw/inside.txt", open_at(rw, 0, "sub/./../../rw/inside.txt", 0, READ), CAP);
  expect("open /etc/passwd (absolute)", open_at(rw, 0, "/etc/passwd", 0, READ), CAP);
  expect("open / (absolute)", open_at(rw, 0, "/", __WASI_OFLAGS_DIRECTORY, READ), CAP);
  expect("open link_in/../../outside/secret.txt", open_at(rw, FOLLOW, "link_in/../../outside/secret.txt", 0, READ), CAP);
  expect("stat ../outside", stat_at(rw, 0, "../outside"), CAP);
  expect("create ../outside/new.txt", open_at(rw, 0, "../outside/new.txt", __WASI_OFLAGS_CREAT, WRITE), CAP);

  // Symlinks the host put there, leading out.
  expect("open link_out/secret.txt", open_at(rw, FOLLOW, "link_out/secret.txt", 0, READ), CAP);
  expect("open link_out/secret.txt (nofollow)", open_at(rw, 0, "link_out/secret.txt", 0, READ), CAP);
  expect("open link_abs/secret.txt", open_at(rw, FOLLOW, "link_abs/secret.txt", 0, READ), CAP);
  expect("open link_file_out (follow)", open_at(rw, FOLLOW, "link_file_out", 0, READ), CAP);
  expect("create link_out/new.txt", open_at(rw, FOLLOW, "link_out/new.txt", __WASI_OFLAGS_CREAT, WRITE), CAP);
  expect("open link_out/ (trailing slash follows)", open_at(rw, 0, "link_out/", __WASI_OFLAGS_DIRECTORY, READ), CAP);
  expect("stat link_out/secret.txt", stat_at(rw, FOLLOW, "link_out/secret.txt"), CAP);
  expect("stat link_file_out (follow)", stat_at(rw, FOLLOW, "link_file_out"), CAP);
  expect("stat link_file_out (nofollow)", stat_at(rw, 0, "link_file_out"), OK);
  expect("mkdir link_out/made", __wasi_path_create_directory(rw, "link_out/made"), CAP);
  expect("unlink link_out/secret.txt", __wasi_path_unlink_file(rw, "link_out/secret.txt"), CAP);
  char target[64];
  __wasi_size_t used = 0;
  int e = __wasi_path_readlink(rw, "link_out", (uint8_t *)target, sizeof target, &used);
  expect("readlink link_out (reading is allowed)", e, OK);
  printf("     link_out -> %.*s\n", (int)used, target);

  // Symlinks the guest tries to create, leading out.
  expect("symlink made_out -> ../outside", __wasi_path_symlink("../outside", rw, "made_out"), CAP);
  expect("symlink sub/made_out -> ../../outside", __wasi_path_symlink("../../outside", rw, "sub/made_out"), CAP);
  expect("symlink made_abs -> /etc", __wasi_path_symlink("/etc", rw, "made_abs"), CAP);
  expect("open made_out/secret.txt", open_at(rw, FOLLOW, "made_out/secret.txt", 0, READ), __WASI_ERRNO_NOENT);
  expect("symlink made_in -> sub/deep.txt", __wasi_path_symlink("sub/deep.txt", rw, "made_in"), OK);
  expect("open made_in", open_at(rw, FOLLOW, "made_in", 0, READ), OK);
  expect("unlink made_in", __wasi_path_unlink_file(rw, "made_in"), OK);

  // Links that would lead out only later are refused too: no target may
  // have a ".." component. "sub/up -> .." would lead out once moved to the
  // top; "l -> s/../outside" climbs one more level than its text says once
  // "s -> ." exists.
  expect("symlink sub/up -> ..", __wasi_path_symlink("..", rw, "sub/up"), CAP);
  expect("symlink s -> .", __wasi_path_symlink(".", rw, "s"), OK);
  expect("symlink l -> s/../outside", __wasi_path_symlink("s/../outside", rw, "l"), CAP);
  expect("symlink sub/l -> ../s/../../outside", __wasi_path_symlink("../s/../../outside", rw, "sub/l"), CAP);
  expect("unlink s", __wasi_path_unlink_file(rw, "s"), OK);

  // Every directory descriptor is a root of its own: ".." from a
  // subdirectory opened by the guest does not climb back.
  __wasi_fd_t sub;
  e = __wasi_path_open(rw, 0, "sub", __WASI_OFLAGS_DIRECTORY,
                       READ | __WASI_RIGHTS_PATH_OPEN, READ, 0, &sub);
  expect("open sub as a directory", e, OK);
  if (e == OK) {
    expect("from sub: open deep.txt", open_at(sub, 0, "deep.txt", 0, READ), OK);
    expect("from sub: open ../inside.txt", open_at(sub, 0, "../inside.txt", 0, READ), CAP);
    expect("from sub: open ..", open_at(sub, 0, "..", __WASI_OFLAGS_DIRECTORY, READ), CAP);
    (void)__wasi_fd_close(sub);
  }

  // Renames and links out of the directory.
  expect("rename inside.txt -> ../outside/moved", __wasi_path_rename(rw, "inside.txt", rw, "../outside/moved"), CAP);
  expect("rename ../outside/secret.txt -> stolen", __wasi_path_rename(rw, "../outside/secret.txt", rw, "stolen"), CAP);
  expect("rename inside.txt -> link_out/moved", __wasi_path_rename(rw, "inside.txt", rw, "link_out/moved"), CAP);
  expect("link inside.txt -> ../outside/hard", __wasi_path_link(rw, 0, "inside.txt", rw, "../outside/hard"), CAP);
  expect("link ../outside/secret.txt -> hard", __wasi_path_link(rw, 0, "../outside/secret.txt", rw, "hard"), CAP);
  expect("link link_file_out -> hard (follow)", __wasi_path_link(rw, FOLLOW, "link_file_out", rw, "hard"), CAP);
  expect("unlink ../outside/secret.txt", __wasi_path_unlink_file(rw, "../outside/secret.txt"), CAP);
  expect("rmdir ../outside", __wasi_path_remove_directory(rw, "../outside"), CAP);
  expect("set times ../outside/secret.txt",
         __wasi_path_filestat_set_times(rw, 0, "../outside/secret.txt", 0, 0,
                                        __WASI_FSTFLAGS_MTIM), CAP);

  // The read-only grant: reads work, every mutation is refused.
  expect("ro: open readonly.txt for reading", open_at(ro, 0, "readonly.txt", 0, READ), OK);
  expect("ro: open readonly.txt for writing", open_at(ro, 0, "readonly.txt", 0, WRITE), __WASI_ERRNO_PERM);
  expect("ro: truncate readonly.txt", open_at(ro, 0, "readonly.txt", __WASI_OFLAGS_TRUNC, READ), __WASI_ERRNO_PERM);
  expect("ro: create new.txt", open_at(ro, 0, "new.txt", __WASI_OFLAGS_CREAT, WRITE), __WASI_ERRNO_PERM);
  expect("ro: mkdir newdir", __wasi_path_create_directory(ro, "newdir"), __WASI_ERRNO_PERM);
  expect("ro: rmdir rosub", __wasi_path_remove_directory(ro, "rosub"), __WASI_ERRNO_PERM);
  expect("ro: unlink readonly.txt", __wasi_path_unlink_file(ro, "readonly.txt"), __WASI_ERRNO_PERM);
  expect("ro: rename inside ro", __wasi_path_rename(ro, "readonly.txt", ro, "renamed.txt"), __WASI_ERRNO_PERM);
  expect("ro: rename ro -> rw", __wasi_path_rename(ro, "readonly.txt", rw, "taken.txt"), __WASI_ERRNO_PERM);
  expect("ro: rename rw -> ro", __wasi_path_rename(rw, "inside.txt", ro, "given.txt"), __WASI_ERRNO_PERM);
  expect("ro: symlink", __wasi_path_symlink("readonly.txt", ro, "alias"), __WASI_ERRNO_PERM);
  expect("ro: link ro -> ro", __wasi_path_link(ro, 0, "readonly.txt", ro, "hard"), __WASI_ERRNO_PERM);
  expect("ro: link ro -> rw", __wasi_path_link(ro, 0, "readonly.txt", rw, "hard"), __WASI_ERRNO_PERM);
  expect("ro: link rw -> ro", __wasi_path_link(rw, 0, "inside.txt", ro, "hard"), __WASI_ERRNO_PERM);
  {
    __wasi_fd_t appended;
    e = __wasi_path_open(ro, 0, "readonly.txt", 0, READ, 0, __WASI_FDFLAGS_APPEND, &appended);
    expect("ro: open readonly.txt with APPEND", e, __WASI_ERRNO_PERM);
    if (e == OK)
      (void)__wasi_fd_close(appended);
  }
  expect("ro: set times",
         __wasi_path_filestat_set_times(ro, 0, "readonly.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW),
         __WASI_ERRNO_PERM);
  __wasi_fd_t file;
  e = __wasi_path_open(ro, 0, "readonly.txt", 0, READ, 0, 0, &file);
  expect("ro: open for reading, then...", e, OK);
  if (e == OK) {
    __wasi_ciovec_t iov = {(const uint8_t *)"x", 1};
    __wasi_size_t written;
    int we = __wasi_fd_write(file, &iov, 1, &written);
    // The read-only grant is checked before the descriptor's rights.
    expect("ro: ...fd_write on it", we, __WASI_ERRNO_PERM);
    expect("ro: ...fd_pwrite on it", __wasi_fd_pwrite(file, &iov, 1, 0, &written), __WASI_ERRNO_PERM);
    expect("ro: ...fd_filestat_set_size", __wasi_fd_filestat_set_size(file, 0), __WASI_ERRNO_PERM);
    expect("ro: ...fd_filestat_set_times",
           __wasi_fd_filestat_set_times(file, 0, 0, __WASI_FSTFLAGS_MTIM_NOW), __WASI_ERRNO_PERM);
    (void)__wasi_fd_close(file);
  }

  // Descriptors that were never granted.
  expect("fd_close 99", __wasi_fd_close(99), __WASI_ERRNO_BADF);
  expect("path_open on fd 99", open_at(99, 0, "x", 0, READ), __WASI_ERRNO_BADF);
  {
    char byte;
    __wasi_iovec_t iov = {(uint8_t *)&byte, 1};
    __wasi_size_t n;
    __wasi_filesize_t position;
    expect("fd_read 99", __wasi_fd_read(99, &iov, 1, &n), __WASI_ERRNO_BADF);
    expect("fd_seek 99", __wasi_fd_seek(99, 0, __WASI_WHENCE_SET, &position), __WASI_ERRNO_BADF);
    expect("fd_renumber 99 -> 50", __wasi_fd_renumber(99, 50), __WASI_ERRNO_BADF);
    expect("fd_renumber rw -> 50 (never opened)", __wasi_fd_renumber(rw, 50), __WASI_ERRNO_BADF);
    expect("fd_close 50", __wasi_fd_close(50), __WASI_ERRNO_BADF);
  }

  // Guest pointers outside linear memory: FAULT, never a host crash.
  int32_t top = (int32_t)0xfffffff0u;
  expect("fd_write iovs out of memory", raw_fd_write(1, top, 1, 0), __WASI_ERRNO_FAULT);
  static __wasi_ciovec_t bad_iov;
  bad_iov.buf = (const uint8_t *)(uintptr_t)0xffff0000u;
  bad_iov.buf_len = 64;
  static __wasi_size_t written;
  expect("fd_write buffer out of memory",
         raw_fd_write(1, (int32_t)(uintptr_t)&bad_iov, 1, (int32_t)(uintptr_t)&written),
         __WASI_ERRNO_FAULT);
  static __wasi_ciovec_t good_iov = {(const uint8_t *)"", 0};
  expect("fd_write result out of memory",
         raw_fd_write(1, (int32_t)(uintptr_t)&good_iov, 1, top), __WASI_ERRNO_FAULT);
  static const char path[] = "inside.txt";
  expect("path_open path out of memory",
         raw_path_open(rw, 0, top, 8, 0, READ, 0, 0, (int32_t)(uintptr_t)&written), __WASI_ERRNO_FAULT);
  expect("path_open result out of memory",
         raw_path_open(rw, 0, (int32_t)(uintptr_t)path, sizeof path - 1, 0, READ, 0, 0, top),
         __WASI_ERRNO_FAULT);
  expect("args_sizes_get out of memory", raw_args_sizes_get(top, top), __WASI_ERRNO_FAULT);

  printf("%d checks, %d failed\n", checks, failures);
  return failures ? 1 : 0;
}

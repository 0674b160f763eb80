/*===- errname.h - errno values by name, the same on every libc -*- C -*-===*
 *
 * Guests print errno by name, never by number or strerror(): Linux and
 * wasi-libc number errno differently and word their messages differently,
 * but the names of the POSIX errors are the same on both.
 *===----------------------------------------------------------------------===*/
#ifndef WASI_TEST_ERRNAME_H
#define WASI_TEST_ERRNAME_H

#include <errno.h>

static const char *errname(int e) {
  switch (e) {
  case 0: return "OK";
  case EACCES: return "EACCES";
  case EBADF: return "EBADF";
  case EEXIST: return "EEXIST";
  case EINVAL: return "EINVAL";
  case EISDIR: return "EISDIR";
  case ELOOP: return "ELOOP";
  case ENAMETOOLONG: return "ENAMETOOLONG";
  case ENOENT: return "ENOENT";
  case ENOTDIR: return "ENOTDIR";
  case ENOTEMPTY: return "ENOTEMPTY";
  case EPERM: return "EPERM";
  case EROFS: return "EROFS";
  case ESPIPE: return "ESPIPE";
  case EXDEV: return "EXDEV";
  default: return "E(other)";
  }
}

#endif

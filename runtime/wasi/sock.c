/*===- sock.c - sock_accept, sock_recv, sock_send, sock_shutdown ---*- C -*-===*
 *
 * Sockets exist only as the embedder pre-opened them (listening sockets)
 * and as what sock_accept returns; preview 1 has no way to create one.
 *===----------------------------------------------------------------------===*/
#include "wasi_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

static bool is_socket(const wasi_fd *f) {
  return f->filetype == WASI_FILETYPE_SOCKET_STREAM ||
         f->filetype == WASI_FILETYPE_SOCKET_DGRAM;
}

WASI_IMPL(sock_accept) {
  uint16_t e;
  wasi_fd *f = wasi_fd_get(w, WASI_ARG_U32(0), R_SOCK_ACCEPT, &e);
  if (f == NULL)
    return e;
  uint32_t flags = WASI_ARG_U32(1);
  if (flags & ~WASI_FDFLAG_NONBLOCK)
    return WASI_EINVAL;
  if (wasi_mem_at(wasi_mem_now(w), WASI_ARG_U32(2), 4) == NULL)
    return WASI_EFAULT;
  if (!is_socket(f))
    return WASI_ENOTSOCK;
  int fd;
  do {
    fd = accept4(f->host, NULL, NULL,
                 SOCK_CLOEXEC | (flags & WASI_FDFLAG_NONBLOCK ? SOCK_NONBLOCK
                                                              : 0));
  } while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return wasi_errno_from_host(errno);
  wasi_fd entry;
  memset(&entry, 0, sizeof(entry));
  entry.host = fd;
  entry.filetype = wasi_filetype_of(fd);
  entry.rights_base = RIGHTS_SOCKET & f->rights_inheriting;
  entry.fdflags = (uint16_t)flags;
  int64_t slot = wasi_fd_insert(w, &entry, &e);
  if (slot < 0) {
    close(fd);
    return e;
  }
  return wasi_store_u32(w, WASI_ARG_U32(2), (uint32_t)slot);
}

/* Sends or receives the guest's iovecs (count at iovs) on f, retrying
 * after EINTR: the part sock_recv and sock_send share. *bytes is what was
 * transferred; *msg_flags recvmsg's flags (0 for a send). */
static uint16_t transfer(wa_wasi *w, wasi_fd *f, uint32_t iovs,
                         uint32_t count, bool send, int flags,
                         uint32_t *bytes, int *msg_flags) {
  struct iovec *iov;
  int n;
  uint16_t e = wasi_iovecs(w, iovs, count, &iov, &n);
  if (e != WASI_ESUCCESS)
    return e;
  struct msghdr msg;
  memset(&msg, 0, sizeof(msg));
  msg.msg_iov = iov;
  msg.msg_iovlen = (size_t)n;
  ssize_t r;
  do {
    r = send ? sendmsg(f->host, &msg, flags) : recvmsg(f->host, &msg, flags);
  } while (r < 0 && errno == EINTR);
  int saved = errno;
  free(iov);
  if (r < 0)
    return wasi_errno_from_host(saved);
  *bytes = (uint32_t)r;
  *msg_flags = send ? 0 : msg.msg_flags;
  return WASI_ESUCCESS;
}

WASI_IMPL(sock_recv) {
  uint16_t e;
  wasi_fd *f = wasi_fd_get(w, WASI_ARG_U32(0), R_FD_READ, &e);
  if (f == NULL)
    return e;
  uint32_t riflags = WASI_ARG_U32(3);
  if (riflags & ~3u)
    return WASI_EINVAL;
  wasi_mem m = wasi_mem_now(w);
  if (wasi_mem_at(m, WASI_ARG_U32(4), 4) == NULL ||
      wasi_mem_at(m, WASI_ARG_U32(5), 2) == NULL)
    return WASI_EFAULT;
  if (!is_socket(f))
    return WASI_ENOTSOCK;
  int flags = ((riflags & 1) ? MSG_PEEK : 0) | ((riflags & 2) ? MSG_WAITALL : 0);
  uint32_t bytes;
  int msg_flags;
  e = transfer(w, f, WASI_ARG_U32(1), WASI_ARG_U32(2), false, flags, &bytes,
               &msg_flags);
  if (e != WASI_ESUCCESS)
    return e;
  m = wasi_mem_now(w);
  wasi_put_u32(wasi_mem_at(m, WASI_ARG_U32(4), 4), bytes);
  wasi_put_u16(wasi_mem_at(m, WASI_ARG_U32(5), 2),
               (msg_flags & MSG_TRUNC) ? 1 : 0);
  return WASI_ESUCCESS;
}

WASI_IMPL(sock_send) {
  uint16_t e;
  wasi_fd *f = wasi_fd_get(w, WASI_ARG_U32(0), R_FD_WRITE, &e);
  if (f == NULL)
    return e;
  if (WASI_ARG_U32(3) != 0) /* siflags has no flags */
    return WASI_EINVAL;
  if (wasi_mem_at(wasi_mem_now(w), WASI_ARG_U32(4), 4) == NULL)
    return WASI_EFAULT;
  if (!is_socket(f))
    return WASI_ENOTSOCK;
  uint32_t bytes;
  int msg_flags;
  /* A closed peer is EPIPE for the guest, never SIGPIPE for the host. */
  e = transfer(w, f, WASI_ARG_U32(1), WASI_ARG_U32(2), true, MSG_NOSIGNAL,
               &bytes, &msg_flags);
  if (e != WASI_ESUCCESS)
    return e;
  return wasi_store_u32(w, WASI_ARG_U32(4), bytes);
}

WASI_IMPL(sock_shutdown) {
  uint16_t e;
  wasi_fd *f = wasi_fd_get(w, WASI_ARG_U32(0), R_SOCK_SHUTDOWN, &e);
  if (f == NULL)
    return e;
  uint32_t how = WASI_ARG_U32(1);
  if (how == 0 || how > 3)
    return WASI_EINVAL;
  if (!is_socket(f))
    return WASI_ENOTSOCK;
  int h = how == 1 ? SHUT_RD : how == 2 ? SHUT_WR : SHUT_RDWR;
  return shutdown(f->host, h) == 0 ? WASI_ESUCCESS
                                   : wasi_errno_from_host(errno);
}

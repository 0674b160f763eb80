//===- PollSocketTest.cpp - poll_oneoff and pre-opened sockets ------------===//
#include "WasiFixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

using namespace wasmaot::wasitest;

namespace {

class PollSocketTest : public WasiTest {
protected:
  /// Writes subscription I at `In`: a clock or an fd event.
  void clockSub(uint32_t In, uint32_t I, uint64_t UserData, uint32_t Clock,
                uint64_t Timeout, uint16_t Flags = 0) {
    uint32_t At = In + 48 * I;
    put(At, std::string(48, '\0'));
    putU64(At, UserData);
    put(At + 8, std::string(1, '\0'));
    putU32(At + 16, Clock);
    putU64(At + 24, Timeout);
    putU64(At + 32, 0);
    put(At + 40, std::string((const char *)&Flags, 2));
  }
  void fdSub(uint32_t In, uint32_t I, uint64_t UserData, uint8_t Type,
             uint32_t Fd) {
    uint32_t At = In + 48 * I;
    put(At, std::string(48, '\0'));
    putU64(At, UserData);
    put(At + 8, std::string(1, (char)Type));
    putU32(At + 16, Fd);
  }
  int32_t poll(uint32_t N) {
    return call("poll_oneoff", {I32(10000), I32(20000), I32(N), I32(300)});
  }
  /// Waits, through the guest's own poll_oneoff and never longer than
  /// five seconds, until guest fd Fd is readable, so that the blocking
  /// call that follows cannot hang.
  void waitReadable(uint32_t Fd) {
    fdSub(10000, 0, 41, 1, Fd);
    clockSub(10000, 1, 42, 1, 5000ull * 1000000);
    ASSERT_EQ(poll(2), Success);
    ASSERT_GE(u32(300), 1u);
    ASSERT_EQ(eventUserData(0), 41u) << "fd " << Fd << " not readable in 5 s";
    ASSERT_EQ(eventError(0), 0);
  }
  uint64_t eventUserData(uint32_t I) { return u64(20000 + 32 * I); }
  uint16_t eventError(uint32_t I) { return (uint16_t)u32(20000 + 32 * I + 8); }
  uint8_t eventType(uint32_t I) { return (uint8_t)get(20000 + 32 * I + 10, 1)[0]; }
  uint64_t eventBytes(uint32_t I) { return u64(20000 + 32 * I + 16); }
};

TEST_P(PollSocketTest, ClockSubscriptionSleeps) {
  clockSub(10000, 0, 77, 1, 20 * 1000000); // 20 ms, monotonic
  auto T0 = std::chrono::steady_clock::now();
  ASSERT_EQ(poll(1), Success);
  auto Ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - T0)
                .count();
  EXPECT_GE(Ms, 19);
  ASSERT_EQ(u32(300), 1u);
  EXPECT_EQ(eventUserData(0), 77u);
  EXPECT_EQ(eventError(0), 0);
  EXPECT_EQ(eventType(0), 0);
  // An absolute realtime deadline in the past fires at once.
  clockSub(10000, 0, 5, 0, 1000, 1);
  ASSERT_EQ(poll(1), Success);
  EXPECT_EQ(u32(300), 1u);
  EXPECT_EQ(eventUserData(0), 5u);
  // Unknown clocks report the error in the event.
  clockSub(10000, 0, 6, 9, 1000);
  ASSERT_EQ(poll(1), Success);
  EXPECT_EQ(eventError(0), Inval);
  EXPECT_EQ(call("poll_oneoff", {I32(10000), I32(20000), I32(0), I32(300)}),
            Inval);
  uint32_t End = (uint32_t)memorySize();
  EXPECT_EQ(call("poll_oneoff", {I32(End - 40), I32(20000), I32(1), I32(300)}),
            Fault);
  EXPECT_EQ(call("poll_oneoff", {I32(10000), I32(End - 16), I32(1), I32(300)}),
            Fault);
  EXPECT_EQ(call("poll_oneoff", {I32(10000), I32(20000), I32(1), I32(End)}),
            Fault);
  EXPECT_EQ(call("poll_oneoff", {I32(10000), I32(20000), I32(0x10000000),
                                 I32(300)}),
            Fault);
}

TEST_P(PollSocketTest, FdSubscriptions) {
  int In[2], Out[2];
  ASSERT_EQ(pipe(In), 0);
  ASSERT_EQ(pipe(Out), 0);
  start({}, In[0], Out[1]);
  // Nothing to read yet: the clock fires first.
  fdSub(10000, 0, 1, 1, 0);
  clockSub(10000, 1, 2, 1, 5 * 1000000);
  ASSERT_EQ(poll(2), Success);
  ASSERT_EQ(u32(300), 1u);
  EXPECT_EQ(eventUserData(0), 2u);
  // Data waiting: the read event carries the byte count.
  ASSERT_EQ(::write(In[1], "abc", 3), 3);
  ASSERT_EQ(poll(2), Success);
  ASSERT_EQ(u32(300), 1u);
  EXPECT_EQ(eventUserData(0), 1u);
  EXPECT_EQ(eventType(0), 1);
  EXPECT_EQ(eventBytes(0), 3u);
  // Writable stdout; a bad fd is reported in its event without blocking.
  fdSub(10000, 0, 3, 2, 1);
  fdSub(10000, 1, 4, 1, 99);
  ASSERT_EQ(poll(2), Success);
  ASSERT_EQ(u32(300), 2u);
  EXPECT_EQ(eventUserData(0), 3u);
  EXPECT_EQ(eventError(0), 0);
  EXPECT_EQ(eventUserData(1), 4u);
  EXPECT_EQ(eventError(1), Badf);
  for (int Fd : {In[0], In[1], Out[0], Out[1]})
    close(Fd);
}

TEST_P(PollSocketTest, AcceptSendRecvShutdown) {
  int L = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(L, 0);
  sockaddr_in Addr{};
  Addr.sin_family = AF_INET;
  Addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(L, (sockaddr *)&Addr, sizeof(Addr)), 0);
  ASSERT_EQ(listen(L, 4), 0);
  socklen_t Len = sizeof(Addr);
  ASSERT_EQ(getsockname(L, (sockaddr *)&Addr, &Len), 0);
  start({L});
  close(L); // the context holds its own descriptor
  const uint32_t ListenFd = 5;
  ASSERT_EQ(call("fd_fdstat_get", {I32(ListenFd), I32(800)}), Success);
  EXPECT_EQ(get(800, 1)[0], 6); // socket_stream
  EXPECT_EQ(call("fd_prestat_get", {I32(ListenFd), I32(800)}), Badf);

  // sock_accept's flags are the new connection's fdflags; whether accept
  // waits is the listener's own NONBLOCK flag. Nothing pending on a
  // nonblocking listener: EAGAIN at once.
  ASSERT_EQ(call("fd_fdstat_set_flags", {I32(ListenFd), I32(4)}), Success);
  EXPECT_EQ(call("sock_accept", {I32(ListenFd), I32(4), I32(400)}), 6);
  EXPECT_EQ(call("sock_accept", {I32(ListenFd), I32(0), I32(400)}), 6);
  ASSERT_EQ(call("fd_fdstat_set_flags", {I32(ListenFd), I32(0)}), Success);
  int C = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(C, 0);
  ASSERT_EQ(connect(C, (sockaddr *)&Addr, sizeof(Addr)), 0);
  EXPECT_EQ(call("sock_accept", {I32(ListenFd), I32(1), I32(400)}), Inval);
  ASSERT_NO_FATAL_FAILURE(waitReadable(ListenFd));
  ASSERT_EQ(call("sock_accept", {I32(ListenFd), I32(0), I32(400)}), Success);
  uint32_t Conn = u32(400);
  EXPECT_GT(Conn, ListenFd);
  ASSERT_EQ(call("fd_fdstat_get", {I32(Conn), I32(800)}), Success);
  EXPECT_EQ(get(800, 1)[0], 6);         // socket_stream
  EXPECT_EQ(u32(800 + 2) & 0xFFFF, 0u); // blocking, as asked
  // Bad pointers are FAULT before anything is accepted, received or sent.
  const uint32_t Bad = 0xFFFFFFF0;
  EXPECT_EQ(call("sock_accept", {I32(ListenFd), I32(0), I32(Bad)}), Fault);
  putU32(256, 4096);
  putU32(260, 100);
  for (size_t P : {1u, 4u, 5u}) {
    std::vector<wa_value> Args = {I32(Conn), I32(256), I32(1),
                                  I32(0),    I32(300), I32(304)};
    Args[P] = I32(Bad);
    EXPECT_EQ(call("sock_recv", Args), Fault) << P;
  }
  for (size_t P : {1u, 4u}) {
    std::vector<wa_value> Args = {I32(Conn), I32(256), I32(1), I32(0),
                                  I32(300)};
    Args[P] = I32(Bad);
    EXPECT_EQ(call("sock_send", Args), Fault) << P;
  }
  ASSERT_EQ(::send(C, "ping", 4, 0), 4);
  ASSERT_NO_FATAL_FAILURE(waitReadable(Conn));
  putU32(256, 4096);
  putU32(260, 100);
  // Peek leaves the data; a plain recv takes it.
  ASSERT_EQ(call("sock_recv",
                 {I32(Conn), I32(256), I32(1), I32(1), I32(300), I32(304)}),
            Success);
  EXPECT_EQ(u32(300), 4u);
  ASSERT_EQ(call("sock_recv",
                 {I32(Conn), I32(256), I32(1), I32(0), I32(300), I32(304)}),
            Success);
  EXPECT_EQ(u32(300), 4u);
  EXPECT_EQ(get(4096, 4), "ping");
  EXPECT_EQ(call("sock_recv",
                 {I32(Conn), I32(256), I32(1), I32(4), I32(300), I32(304)}),
            Inval);
  put(4096, "pong");
  putU32(260, 4);
  ASSERT_EQ(call("sock_send", {I32(Conn), I32(256), I32(1), I32(0), I32(300)}),
            Success);
  EXPECT_EQ(u32(300), 4u);
  char Buf[8];
  ASSERT_EQ(::recv(C, Buf, sizeof(Buf), 0), 4);
  EXPECT_EQ(std::string(Buf, 4), "pong");
  ASSERT_EQ(call("sock_shutdown", {I32(Conn), I32(2)}), Success);
  EXPECT_EQ(::recv(C, Buf, sizeof(Buf), 0), 0); // EOF after SHUT_WR
  EXPECT_EQ(call("sock_shutdown", {I32(Conn), I32(0)}), Inval);
  // Sockets calls on what is not a socket, or without the rights.
  EXPECT_EQ(call("sock_accept", {I32(SandboxFd), I32(0), I32(400)}),
            Notcapable);
  EXPECT_EQ(call("sock_accept", {I32(Conn), I32(0), I32(400)}), Notcapable);
  uint32_t File;
  ASSERT_EQ(open(SandboxFd, "f", OCreat, FileRW, 0, &File), Success);
  EXPECT_EQ(call("sock_recv",
                 {I32(File), I32(256), I32(1), I32(0), I32(300), I32(304)}),
            Notsock);
  EXPECT_EQ(call("sock_send", {I32(File), I32(256), I32(1), I32(0), I32(300)}),
            Notsock);
  EXPECT_EQ(call("sock_shutdown", {I32(99), I32(1)}), Badf);
  close(C);
}

} // namespace

WASI_TEST_MODES(PollSocketTest);

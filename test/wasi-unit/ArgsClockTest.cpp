//===- ArgsClockTest.cpp - args, environ, clocks, random, process ---------===//
#include "WasiFixture.h"

#include <arpa/inet.h>
#include <cerrno>
#include <ctime>
#include <iterator>
#include <netinet/in.h>
#include <set>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

using namespace wasmaot::wasitest;

extern "C" const wa_module wasi_unknown_import;
extern "C" const wa_module wasi_all_guard;
// runtime/wasi/errno.c: internal to the library, tested directly because a
// guest cannot provoke every host errno.
extern "C" uint16_t wasi_errno_from_host(int HostErrno);

namespace {

class ArgsClockTest : public WasiTest {};

TEST_P(ArgsClockTest, ArgsRoundTrip) {
  ASSERT_EQ(call("args_sizes_get", {I32(100), I32(104)}), Success);
  ASSERT_EQ(u32(100), 3u);
  // "prog\0two words\0\xc3\xbc\0"
  ASSERT_EQ(u32(104), 5u + 10u + 3u);
  ASSERT_EQ(call("args_get", {I32(200), I32(300)}), Success);
  EXPECT_EQ(u32(200), 300u);
  EXPECT_EQ(u32(204), 305u);
  EXPECT_EQ(u32(208), 315u);
  EXPECT_EQ(get(300, 18), std::string("prog\0two words\0\xc3\xbc\0", 18));
}

TEST_P(ArgsClockTest, EnvironRoundTrip) {
  ASSERT_EQ(call("environ_sizes_get", {I32(100), I32(104)}), Success);
  ASSERT_EQ(u32(100), 2u);
  ASSERT_EQ(u32(104), 4u + 7u);
  ASSERT_EQ(call("environ_get", {I32(200), I32(300)}), Success);
  EXPECT_EQ(u32(200), 300u);
  EXPECT_EQ(u32(204), 304u);
  EXPECT_EQ(get(300, 11), std::string("A=1\0EMPTY=\0", 11));
}

TEST_P(ArgsClockTest, ArgsAndEnvironFaultOnEveryPointer) {
  uint32_t End = (uint32_t)memorySize();
  for (const char *F : {"args_sizes_get", "environ_sizes_get"}) {
    EXPECT_EQ(call(F, {I32(End - 2), I32(104)}), Fault) << F;
    EXPECT_EQ(call(F, {I32(100), I32(End)}), Fault) << F;
    EXPECT_EQ(call(F, {I32(100), I32(0xFFFFFFFF)}), Fault) << F;
  }
  // The array and the strings must fit whole; nothing is written else.
  put(300, std::string(16, 'x'));
  EXPECT_EQ(call("args_get", {I32(End - 8), I32(300)}), Fault);
  EXPECT_EQ(get(300, 4), "xxxx");
  EXPECT_EQ(call("args_get", {I32(200), I32(End - 10)}), Fault);
  EXPECT_EQ(call("environ_get", {I32(End - 4), I32(300)}), Fault);
  EXPECT_EQ(call("environ_get", {I32(200), I32(End - 1)}), Fault);
}

TEST_P(ArgsClockTest, Clocks) {
  for (int Id = 0; Id < 4; ++Id) {
    ASSERT_EQ(call("clock_res_get", {I32(Id), I32(64)}), Success) << Id;
    EXPECT_GT(u64(64), 0u) << Id;
    ASSERT_EQ(call("clock_time_get", {I32(Id), I64(1), I32(72)}), Success);
  }
  ASSERT_EQ(call("clock_time_get", {I32(0), I64(0), I32(72)}), Success);
  uint64_t Now = (uint64_t)time(nullptr);
  EXPECT_NEAR((double)(u64(72) / 1000000000u), (double)Now, 2.0);
  ASSERT_EQ(call("clock_time_get", {I32(1), I64(0), I32(72)}), Success);
  uint64_t T1 = u64(72);
  ASSERT_EQ(call("clock_time_get", {I32(1), I64(0), I32(72)}), Success);
  EXPECT_GE(u64(72), T1);
  EXPECT_EQ(call("clock_time_get", {I32(4), I64(0), I32(72)}), Inval);
  EXPECT_EQ(call("clock_res_get", {I32(-1), I32(64)}), Inval);
  uint32_t End = (uint32_t)memorySize();
  EXPECT_EQ(call("clock_time_get", {I32(1), I64(0), I32(End - 7)}), Fault);
  EXPECT_EQ(call("clock_res_get", {I32(1), I32(End)}), Fault);
}

TEST_P(ArgsClockTest, RandomGet) {
  put(100, std::string(64, '\0'));
  put(200, std::string(64, '\0'));
  ASSERT_EQ(call("random_get", {I32(100), I32(64)}), Success);
  ASSERT_EQ(call("random_get", {I32(200), I32(64)}), Success);
  EXPECT_NE(get(100, 64), std::string(64, '\0'));
  EXPECT_NE(get(100, 64), get(200, 64));
  EXPECT_EQ(call("random_get", {I32(100), I32(0)}), Success);
  uint32_t End = (uint32_t)memorySize();
  EXPECT_EQ(call("random_get", {I32(End - 10), I32(11)}), Fault);
  EXPECT_EQ(call("random_get", {I32(1), I32(0xFFFFFFFF)}), Fault);
}

TEST_P(ArgsClockTest, ProcExitUnwindsWithStatus) {
  wa_result R = callRaw("proc_exit", {I32(42)});
  EXPECT_EQ(R.status, WA_TRAPPED);
  EXPECT_EQ(R.trap, (uint32_t)WA_TRAP_ProcExit);
  EXPECT_EQ(wa_wasi_exit_status(Wasi), 42u);
}

TEST_P(ArgsClockTest, ProcRaiseAndSchedYield) {
  EXPECT_EQ(call("proc_raise", {I32(9)}), Nosys);
  EXPECT_EQ(call("sched_yield", {}), Success);
}

TEST_P(ArgsClockTest, GrownMemoryIsSeen) {
  // In explicit mode growth moves the base; WASI must read it afresh.
  int32_t Old = 0;
  {
    wa_value V = I32(3), R{};
    ASSERT_EQ(wa_call_export(Instance, "grow", &V, 1, &R, 1).status, WA_OK);
    Old = R.i32;
  }
  ASSERT_EQ(Old, 1);
  uint32_t High = 3 * 65536 + 100;
  ASSERT_EQ(call("args_sizes_get", {I32(High), I32(High + 4)}), Success);
  EXPECT_EQ(u32(High), 3u);
  EXPECT_EQ(call("args_sizes_get", {I32(4 * 65536), I32(100)}), Fault);
}

/// A WASI context with nothing granted and an empty store to bind into.
class WasiBindingTest : public ::testing::Test {
protected:
  void SetUp() override {
    wa_wasi_config Config{};
    Config.stdin_fd = Config.stdout_fd = Config.stderr_fd = -1;
    W = wa_wasi_new(&Config, &Err);
    ASSERT_NE(W, nullptr) << Err.message;
    S = wa_store_new(nullptr);
  }
  void TearDown() override {
    wa_store_free(S);
    wa_wasi_free(W);
  }
  wa_wasi *W = nullptr;
  wa_store *S = nullptr;
  wa_error Err{};
};

TEST_F(WasiBindingTest, UnknownImportsAreLeftOut) {
  wa_import_binding B[4];
  EXPECT_EQ(wa_wasi_bind_imports(W, S, &wasi_unknown_import, B, 4, &Err), 1u);
  EXPECT_STREQ(B[0].name, "sched_yield");
  wa_instance *I = nullptr;
  EXPECT_FALSE(wa_instantiate(S, &wasi_unknown_import, B, 1, &I, &Err));
  EXPECT_EQ(Err.kind, WA_ERROR_LINK);
  EXPECT_TRUE(wa_wasi_is_function("path_open"));
  EXPECT_TRUE(wa_wasi_is_function("proc_exit"));
  EXPECT_FALSE(wa_wasi_is_function("not_a_wasi_function"));
  EXPECT_FALSE(wa_wasi_is_function("fd_write "));
}

// What `wasm-aot build` programs use: only the listed functions are bound,
// each with its own signature, and the list covers every descriptor.
TEST_F(WasiBindingTest, ListedImportsBindOnlyTheList) {
  wa_import_binding B[64];

  const wa_wasi_function *const Two[] = {&wa_wasi_function_proc_exit,
                                         &wa_wasi_function_fd_write};
  ASSERT_EQ(wa_wasi_bind_listed_imports(W, S, &wasi_all_guard, Two, 2, B, 64,
                                        &Err),
            2u)
      << Err.message;
  EXPECT_EQ(Err.kind, WA_ERROR_NONE);
  std::set<std::string> Bound = {B[0].name, B[1].name};
  EXPECT_EQ(Bound, (std::set<std::string>{"fd_write", "proc_exit"}));
  EXPECT_EQ(wa_wasi_bind_listed_imports(W, S, &wasi_all_guard, Two, 0, B, 64,
                                        &Err),
            0u);

  // Every descriptor the header declares, listed: the same bindings as
  // wa_wasi_bind_imports, so instantiation sees every import typed right.
  const wa_wasi_function *const All[] = {
#define WA_WASI_FUNCTION(Name, Signature) &wa_wasi_function_##Name,
#include "wasm-aot/wasi_functions.def"
  };
  size_t N = wa_wasi_bind_listed_imports(W, S, &wasi_all_guard, All,
                                         std::size(All), B, 64, &Err);
  EXPECT_EQ(N, wa_wasi_bind_imports(W, S, &wasi_all_guard, B + 0, 64, &Err));
  wa_instance *I = nullptr;
  EXPECT_TRUE(wa_instantiate(S, &wasi_all_guard, B, N, &I, &Err))
      << Err.message;

  EXPECT_EQ(wa_wasi_bind_listed_imports(W, S, &wasi_all_guard, nullptr, 1, B,
                                        64, &Err),
            0u);
  EXPECT_EQ(Err.kind, WA_ERROR_MISUSE);
  EXPECT_EQ(wa_wasi_bind_listed_imports(W, S, &wasi_all_guard, All,
                                        std::size(All), B, 1, &Err),
            1u);
  EXPECT_EQ(Err.kind, WA_ERROR_MISUSE);
  EXPECT_NE(std::string(Err.message).find("wa_wasi_bind_listed_imports"),
            std::string::npos);
}

TEST(WasiBindTest, MissingDirectoryFailsCreation) {
  wa_wasi_dir Dir = {"/nonexistent/wasi-unit", "x", false};
  wa_wasi_config Config{};
  Config.dirs = &Dir;
  Config.dir_count = 1;
  Config.stdin_fd = Config.stdout_fd = Config.stderr_fd = -1;
  wa_error Err{};
  EXPECT_EQ(wa_wasi_new(&Config, &Err), nullptr);
  EXPECT_NE(std::string(Err.message).find("/nonexistent/wasi-unit"),
            std::string::npos);
}

TEST(WasiBindTest, CountsWithoutArraysAreMisuse) {
  wa_wasi_config Config{};
  Config.stdin_fd = Config.stdout_fd = Config.stderr_fd = -1;
  for (int Field = 0; Field < 4; ++Field) {
    wa_wasi_config C = Config;
    (Field == 0   ? C.argc
     : Field == 1 ? C.env_count
     : Field == 2 ? C.dir_count
                  : C.socket_count) = 1;
    wa_error Err{};
    EXPECT_EQ(wa_wasi_new(&C, &Err), nullptr) << Field;
    EXPECT_EQ(Err.kind, WA_ERROR_MISUSE) << Field;
  }
  wa_error Err{};
  EXPECT_EQ(wa_wasi_new(nullptr, &Err), nullptr);
  EXPECT_EQ(Err.kind, WA_ERROR_MISUSE);
}

TEST(WasiBindTest, OnlyListeningSocketsAreGranted) {
  auto Refusal = [](int Fd) {
    wa_wasi_socket Sock = {Fd};
    wa_wasi_config Config{};
    Config.sockets = &Sock;
    Config.socket_count = 1;
    Config.stdin_fd = Config.stdout_fd = Config.stderr_fd = -1;
    wa_error Err{};
    wa_wasi *W = wa_wasi_new(&Config, &Err);
    std::string Message = W == nullptr ? Err.message : "granted";
    wa_wasi_free(W);
    return Message;
  };
  int S = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(S, 0);
  EXPECT_NE(Refusal(S).find("not listening"), std::string::npos);
  sockaddr_in Addr{};
  Addr.sin_family = AF_INET;
  Addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(S, (sockaddr *)&Addr, sizeof(Addr)), 0);
  ASSERT_EQ(listen(S, 1), 0);
  EXPECT_EQ(Refusal(S), "granted");
  close(S);
  int P[2];
  ASSERT_EQ(pipe(P), 0);
  EXPECT_NE(Refusal(P[0]).find("not a socket"), std::string::npos);
  close(P[0]);
  close(P[1]);
  EXPECT_NE(Refusal(-1).find("cannot use socket"), std::string::npos);
}

TEST(WasiErrnoTest, EveryHostErrnoMapsToAWasiFailure) {
  // witx numbers: every host errno is some failure, never success, and
  // within the enum.
  for (int E = 0; E < 4096; ++E) {
    uint16_t W = wasi_errno_from_host(E);
    EXPECT_GE(W, 1) << E;
    EXPECT_LE(W, 76) << E;
  }
  EXPECT_EQ(wasi_errno_from_host(ENOENT), Noent);
  EXPECT_EQ(wasi_errno_from_host(EACCES), Acces);
  EXPECT_EQ(wasi_errno_from_host(EPERM), Perm);
  EXPECT_EQ(wasi_errno_from_host(EWOULDBLOCK), 6);
  EXPECT_EQ(wasi_errno_from_host(EOPNOTSUPP), Notsup);
  EXPECT_EQ(wasi_errno_from_host(ELOOP), Loop);
  EXPECT_EQ(wasi_errno_from_host(EXDEV), 75);
  EXPECT_EQ(wasi_errno_from_host(ESPIPE), Spipe);
  EXPECT_EQ(wasi_errno_from_host(ESHUTDOWN), 64);
  EXPECT_EQ(wasi_errno_from_host(0), 29);     // a failure without a cause
  EXPECT_EQ(wasi_errno_from_host(99999), 29); // unknown: EIO
}

} // namespace

WASI_TEST_MODES(ArgsClockTest);

//===- WasiFixture.cpp - A WASI context on a real compiled instance -------===//
#include "WasiFixture.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <csignal>
#include <cstdio>
#include <cstring>

#include <signal.h>
#include <unistd.h>

// The descriptors of Inputs/wasi_all.wat, compiled twice.
extern "C" const wa_module wasi_all_guard;
extern "C" const wa_module wasi_all_explicit;

namespace fs = std::filesystem;

namespace wasmaot::wasitest {

const Mode Modes[3] = {
    {"GuardOpenat2", false, false},
    {"ExplicitOpenat2", true, false},
    {"GuardFallback", false, true},
};

std::string modeName(const ::testing::TestParamInfo<Mode> &Info) {
  return Info.param.Name;
}

// A test must never hang: each one runs under an alarm, and the handler
// names the test and ends the process (only async-signal-safe calls).
static char RunningTest[256];
constexpr unsigned WatchdogSeconds = 20;

extern "C" void wasiTestWatchdog(int) {
  static const char Msg[] = "wasm-aot-wasi-tests: timed out after 20 s in ";
  (void)!::write(2, Msg, sizeof(Msg) - 1);
  (void)!::write(2, RunningTest, strnlen(RunningTest, sizeof(RunningTest)));
  (void)!::write(2, "\n", 1);
  _exit(3);
}

static void armWatchdog() {
  const ::testing::TestInfo *Info =
      ::testing::UnitTest::GetInstance()->current_test_info();
  snprintf(RunningTest, sizeof(RunningTest), "%s.%s",
           Info ? Info->test_suite_name() : "?", Info ? Info->name() : "?");
  struct sigaction Action {};
  Action.sa_handler = wasiTestWatchdog;
  sigemptyset(&Action.sa_mask);
  sigaction(SIGALRM, &Action, nullptr);
  alarm(WatchdogSeconds);
}

void WasiTest::SetUp() {
  armWatchdog();
  char Template[] = "/tmp/wasi-unit-XXXXXX";
  ASSERT_NE(mkdtemp(Template), nullptr);
  Root = Template;
  Sandbox = Root / "sandbox";
  ReadOnly = Root / "readonly";
  Outside = Root / "outside";
  for (const fs::path &Dir : {Sandbox, ReadOnly, Outside}) {
    std::error_code EC;
    fs::create_directory(Dir, EC);
    ASSERT_FALSE(EC) << Dir << ": " << EC.message();
  }
  spit(ReadOnly / "ro.txt", "read only");
  spit(Outside / "secret.txt", "secret");
  if (GetParam().Fallback)
    setenv("WASM_AOT_WASI_NO_OPENAT2", "1", 1);
  else
    unsetenv("WASM_AOT_WASI_NO_OPENAT2");
  start();
}

void WasiTest::TearDown() {
  stop();
  unsetenv("WASM_AOT_WASI_NO_OPENAT2");
  std::error_code EC;
  fs::remove_all(Root, EC);
  alarm(0);
}

void WasiTest::start(const std::vector<int> &Sockets, int StdinFd,
                     int StdoutFd) {
  stop();
  std::vector<const char *> A, E;
  for (auto &S : Argv)
    A.push_back(S.c_str());
  for (auto &S : Env)
    E.push_back(S.c_str());
  std::string SandboxPath = Sandbox.string(), ReadOnlyPath = ReadOnly.string();
  wa_wasi_dir Dirs[2] = {{SandboxPath.c_str(), "/sandbox", false},
                         {ReadOnlyPath.c_str(), "ro", true}};
  std::vector<wa_wasi_socket> Socks;
  for (int S : Sockets)
    Socks.push_back({S});
  wa_wasi_config Config{};
  Config.argv = A.data();
  Config.argc = A.size();
  Config.env = E.data();
  Config.env_count = E.size();
  Config.dirs = Dirs;
  Config.dir_count = 2;
  Config.sockets = Socks.data();
  Config.socket_count = Socks.size();
  Config.stdin_fd = StdinFd;
  Config.stdout_fd = StdoutFd;
  Config.stderr_fd = -1;
  wa_error Err{};
  Wasi = wa_wasi_new(&Config, &Err);
  ASSERT_NE(Wasi, nullptr) << Err.message;
  Store = wa_store_new(nullptr);
  ASSERT_NE(Store, nullptr);
  const wa_module *M =
      GetParam().Explicit ? &wasi_all_explicit : &wasi_all_guard;
  wa_import_binding Bindings[64];
  size_t N = wa_wasi_bind_imports(Wasi, Store, M, Bindings, 64, &Err);
  ASSERT_EQ(Err.kind, WA_ERROR_NONE) << Err.message;
  ASSERT_EQ(N, M->num_imports);
  ASSERT_TRUE(wa_instantiate(Store, M, Bindings, N, &Instance, &Err))
      << Err.message;
  ASSERT_TRUE(wa_wasi_attach(Wasi, Instance));
}

void WasiTest::stop() {
  wa_store_free(Store);
  wa_wasi_free(Wasi);
  Store = nullptr;
  Wasi = nullptr;
  Instance = nullptr;
}

wa_result WasiTest::callRaw(const char *Name, std::vector<wa_value> Args) {
  wa_value Result{};
  wa_extern Ext;
  bool HasResult = wa_instance_export(Instance, Name, &Ext) &&
                   Ext.kind == WA_EXTERN_FUNC &&
                   wa_function_type(Ext.of.func)->num_results == 1;
  return wa_call_export(Instance, Name, Args.data(), Args.size(), &Result,
                        HasResult ? 1 : 0);
}

int32_t WasiTest::call(const char *Name, std::vector<wa_value> Args) {
  wa_value Result{};
  wa_result R = wa_call_export(Instance, Name, Args.data(), Args.size(),
                               &Result, 1);
  EXPECT_EQ(R.status, WA_OK) << Name << ": "
                             << (R.message ? R.message : "");
  return Result.i32;
}

static wa_memory *memoryOf(wa_instance *I) {
  wa_extern Ext;
  if (!wa_instance_export(I, "memory", &Ext))
    return nullptr;
  return Ext.of.memory;
}

void WasiTest::put(uint32_t Offset, const std::string &Bytes) {
  ASSERT_TRUE(wa_memory_write(memoryOf(Instance), Offset, Bytes.data(),
                              Bytes.size()));
}
std::string WasiTest::get(uint32_t Offset, uint32_t Size) {
  std::string S(Size, '\0');
  EXPECT_TRUE(wa_memory_read(memoryOf(Instance), Offset, S.data(), Size));
  return S;
}
uint32_t WasiTest::u32(uint32_t Offset) {
  uint32_t V = 0;
  EXPECT_TRUE(wa_memory_read(memoryOf(Instance), Offset, &V, 4));
  return V;
}
uint64_t WasiTest::u64(uint32_t Offset) {
  uint64_t V = 0;
  EXPECT_TRUE(wa_memory_read(memoryOf(Instance), Offset, &V, 8));
  return V;
}
void WasiTest::putU32(uint32_t Offset, uint32_t Value) {
  ASSERT_TRUE(wa_memory_write(memoryOf(Instance), Offset, &Value, 4));
}
void WasiTest::putU64(uint32_t Offset, uint64_t Value) {
  ASSERT_TRUE(wa_memory_write(memoryOf(Instance), Offset, &Value, 8));
}
uint64_t WasiTest::memorySize() { return wa_memory_size(memoryOf(Instance)); }

std::vector<wa_value> WasiTest::path(const std::string &Path, uint32_t At) {
  put(At, Path);
  return {I32(At), I32(Path.size())};
}

int32_t WasiTest::open(uint32_t Dir, const std::string &Path, uint32_t OFlags,
                       uint64_t Base, uint64_t Inheriting, uint32_t *Fd,
                       uint32_t Lookup, uint32_t FdFlags) {
  auto P = path(Path);
  putU32(512, 0xFFFFFFFF);
  int32_t E = call("path_open", {I32(Dir), I32(Lookup), P[0], P[1],
                                 I32(OFlags), I64(Base), I64(Inheriting),
                                 I32(FdFlags), I32(512)});
  if (Fd != nullptr)
    *Fd = u32(512);
  return E;
}

int32_t WasiTest::write(uint32_t Fd, const std::string &Data,
                        uint32_t *Written) {
  put(4096, Data);
  putU32(256, 4096);
  putU32(260, Data.size());
  int32_t E = call("fd_write", {I32(Fd), I32(256), I32(1), I32(300)});
  if (Written != nullptr)
    *Written = u32(300);
  return E;
}

int32_t WasiTest::read(uint32_t Fd, uint32_t Size, std::string *Data) {
  putU32(256, 4096);
  putU32(260, Size);
  int32_t E = call("fd_read", {I32(Fd), I32(256), I32(1), I32(300)});
  if (E == Success && Data != nullptr)
    *Data = get(4096, u32(300));
  return E;
}

std::string WasiTest::slurp(const fs::path &P) {
  std::ifstream In(P, std::ios::binary);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

void WasiTest::spit(const fs::path &P, const std::string &Data) {
  std::ofstream Out(P, std::ios::binary);
  Out << Data;
}

std::string WasiTest::snapshot() {
  // Nothing here may follow a symlink (the tests plant loops and links
  // leading out) or throw: error_code overloads, lstat-style status and a
  // lexical relative path.
  std::vector<std::string> Lines;
  std::error_code EC;
  fs::recursive_directory_iterator It(Root, EC), End;
  for (; !EC && It != End; It.increment(EC)) {
    const fs::path &P = It->path();
    std::string Line = P.lexically_relative(Root).string();
    fs::file_status St = fs::symlink_status(P, EC);
    if (EC)
      break;
    if (fs::is_symlink(St))
      Line += " -> " + fs::read_symlink(P, EC).string();
    else if (fs::is_regular_file(St))
      Line += " = " + slurp(P);
    else
      Line += "/";
    Lines.push_back(Line);
  }
  if (EC)
    ADD_FAILURE() << "cannot list " << Root << ": " << EC.message();
  std::sort(Lines.begin(), Lines.end());
  std::string All;
  for (auto &L : Lines)
    All += L + "\n";
  return All;
}

} // namespace wasmaot::wasitest

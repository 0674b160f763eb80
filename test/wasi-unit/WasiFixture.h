//===- WasiFixture.h - A WASI context on a real compiled instance ---------===//
//
// Every test runs against Inputs/wasi_all.wat compiled by wasm-aot: each
// export passes its arguments to the preview-1 import of the same name. The
// fixture makes a temporary directory with
//   sandbox/   granted read-write as "/sandbox"  (guest fd 3)
//   readonly/  granted read-only as "ro"         (guest fd 4), holding ro.txt
//   outside/   not granted, holding secret.txt
// and lets tests place bytes in guest memory, call exports and look at the
// host filesystem. Tests run in three modes: guard-page memory with
// openat2, explicit bounds checks (the memory base moves on growth) with
// openat2, and guard-page memory with the fallback resolver.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_WASIUNIT_WASIFIXTURE_H
#define WASMAOT_TEST_WASIUNIT_WASIFIXTURE_H

#include "wasm-aot/runtime.h"
#include "wasm-aot/wasi.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace wasmaot::wasitest {

// witx numbers the tests use.
enum Errno : int32_t {
  Success = 0, Acces = 2, Badf = 8, Exist = 20, Fault = 21, Ilseq = 25,
  Inval = 28, Isdir = 31, Loop = 32, Nametoolong = 37, Noent = 44,
  Nosys = 52, Notdir = 54, Notempty = 55, Notsock = 57, Notsup = 58,
  Perm = 63, Spipe = 70, Notcapable = 76,
};
constexpr uint64_t right(int Bit) { return uint64_t(1) << Bit; }
constexpr uint64_t FdRead = right(1), FdSeek = right(2), FdTell = right(5),
                   FdWrite = right(6), FdAllocate = right(8),
                   PathOpen = right(13), FdReaddir = right(14),
                   FdFilestatGet = right(21), FdFilestatSetSize = right(22),
                   FdFilestatSetTimes = right(23), PollFd = right(27),
                   SockAccept = right(29);
constexpr uint64_t FileRW = FdRead | FdSeek | FdTell | FdWrite | FdAllocate |
                            FdFilestatGet | FdFilestatSetSize |
                            FdFilestatSetTimes | PollFd;
constexpr uint64_t FileRO = FdRead | FdSeek | FdTell | FdFilestatGet |
                            FdFilestatSetTimes | PollFd;
constexpr uint32_t OCreat = 1, ODirectory = 2, OExcl = 4, OTrunc = 8;
constexpr uint32_t SandboxFd = 3, ReadOnlyFd = 4;

inline wa_value I32(int64_t X) {
  wa_value V{};
  V.i32 = (int32_t)X;
  return V;
}
inline wa_value I64(int64_t X) {
  wa_value V{};
  V.i64 = X;
  return V;
}

struct Mode {
  const char *Name;
  bool Explicit;
  bool Fallback;
};

class WasiTest : public ::testing::TestWithParam<Mode> {
protected:
  void SetUp() override;
  void TearDown() override;

  /// Creates the context (with Sockets pre-opened after the directories),
  /// the store and the instance. SetUp calls it with no sockets.
  void start(const std::vector<int> &Sockets = {}, int StdinFd = -1,
             int StdoutFd = -1);
  void stop();

  /// Calls export Name; expects it to return normally, gives its errno.
  int32_t call(const char *Name, std::vector<wa_value> Args);
  /// Calls export Name; gives the whole result (for proc_exit).
  wa_result callRaw(const char *Name, std::vector<wa_value> Args);

  // Guest memory.
  void put(uint32_t Offset, const std::string &Bytes);
  std::string get(uint32_t Offset, uint32_t Size);
  uint32_t u32(uint32_t Offset);
  uint64_t u64(uint32_t Offset);
  void putU32(uint32_t Offset, uint32_t Value);
  void putU64(uint32_t Offset, uint64_t Value);
  uint64_t memorySize();

  /// Puts Path at a scratch offset; the (ptr, len) argument pair.
  std::vector<wa_value> path(const std::string &Path, uint32_t At = 1024);

  /// path_open through Dir; the new fd in *Fd on success.
  int32_t open(uint32_t Dir, const std::string &Path, uint32_t OFlags,
               uint64_t Base, uint64_t Inheriting, uint32_t *Fd,
               uint32_t Lookup = 0, uint32_t FdFlags = 0);
  /// fd_write / fd_read of one buffer at guest offset 4096.
  int32_t write(uint32_t Fd, const std::string &Data, uint32_t *Written);
  int32_t read(uint32_t Fd, uint32_t Size, std::string *Data);

  // The host side.
  std::filesystem::path Root;      // the temporary directory
  std::filesystem::path Sandbox;   // Root/sandbox
  std::filesystem::path ReadOnly;  // Root/readonly
  std::filesystem::path Outside;   // Root/outside
  static std::string slurp(const std::filesystem::path &P);
  static void spit(const std::filesystem::path &P, const std::string &Data);
  /// Every path under Root with its contents (files) or target (symlinks),
  /// to show an escape attempt changed nothing.
  std::string snapshot();

  wa_wasi *Wasi = nullptr;
  wa_store *Store = nullptr;
  wa_instance *Instance = nullptr;
  std::vector<std::string> Argv = {"prog", "two words", "\xc3\xbc"};
  std::vector<std::string> Env = {"A=1", "EMPTY="};
};

std::string modeName(const ::testing::TestParamInfo<Mode> &Info);
extern const Mode Modes[3];

} // namespace wasmaot::wasitest

#define WASI_TEST_MODES(Suite)                                                 \
  INSTANTIATE_TEST_SUITE_P(All, Suite,                                         \
                           ::testing::ValuesIn(wasmaot::wasitest::Modes),      \
                           wasmaot::wasitest::modeName)

#endif

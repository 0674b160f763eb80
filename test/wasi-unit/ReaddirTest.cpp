//===- ReaddirTest.cpp - fd_readdir: cookies, exact fill, 1000 entries ----===//
#include "WasiFixture.h"

#include <map>
#include <set>

using namespace wasmaot::wasitest;
namespace fs = std::filesystem;

namespace {

class ReaddirTest : public WasiTest {
protected:
  struct Entry {
    uint64_t Next;
    uint64_t Ino;
    uint8_t Type;
    std::string Name;
  };

  /// Reads the whole directory with a buffer of BufLen bytes, restarting
  /// each call at the cookie of the last whole entry (as wasi-libc does).
  std::vector<Entry> readAll(uint32_t Fd, uint32_t BufLen) {
    std::vector<Entry> All;
    uint64_t Cookie = 0;
    const uint32_t Buf = 8192;
    for (int Calls = 0; Calls < 100000; ++Calls) {
      EXPECT_EQ(call("fd_readdir",
                     {I32(Fd), I32(Buf), I32(BufLen), I64(Cookie), I32(300)}),
                Success);
      uint32_t Used = u32(300);
      EXPECT_LE(Used, BufLen);
      std::string Bytes = get(Buf, Used);
      size_t At = 0;
      bool Progress = false;
      while (At + 24 <= Bytes.size()) {
        Entry E;
        memcpy(&E.Next, &Bytes[At], 8);
        memcpy(&E.Ino, &Bytes[At + 8], 8);
        uint32_t Len;
        memcpy(&Len, &Bytes[At + 16], 4);
        E.Type = (uint8_t)Bytes[At + 20];
        if (At + 24 + Len > Bytes.size())
          break; // partial: read again from its cookie
        E.Name = Bytes.substr(At + 24, Len);
        At += 24 + Len;
        All.push_back(E);
        Cookie = E.Next;
        Progress = true;
      }
      if (Used < BufLen)
        return All;
      if (!Progress) {
        ADD_FAILURE() << "buffer too small for one entry";
        return All;
      }
    }
    ADD_FAILURE() << "no end";
    return All;
  }
};

TEST_P(ReaddirTest, SmallDirectoryWithTypes) {
  fs::create_directory(Sandbox / "sub");
  spit(Sandbox / "file", "x");
  fs::create_symlink("file", Sandbox / "link");
  auto All = readAll(SandboxFd, 4096);
  std::map<std::string, uint8_t> Types;
  for (auto &E : All)
    Types[E.Name] = E.Type;
  EXPECT_EQ(Types.size(), 5u);
  EXPECT_EQ(Types["."], 3);
  EXPECT_EQ(Types[".."], 3);
  EXPECT_EQ(Types["sub"], 3);
  EXPECT_EQ(Types["file"], 4);
  EXPECT_EQ(Types["link"], 7);
  // Cookies are consecutive.
  for (size_t I = 0; I < All.size(); ++I)
    EXPECT_EQ(All[I].Next, I + 1);
}

TEST_P(ReaddirTest, ThousandEntriesWithSmallBuffers) {
  for (int I = 0; I < 1000; ++I)
    spit(Sandbox / ("entry-" + std::to_string(I)), "");
  uint32_t Dir;
  ASSERT_EQ(open(SandboxFd, ".", ODirectory, FdReaddir, 0, &Dir), Success);
  for (uint32_t BufLen : {4096u, 100u, 37u}) {
    auto All = readAll(Dir, BufLen);
    std::set<std::string> Names;
    for (auto &E : All)
      Names.insert(E.Name);
    EXPECT_EQ(All.size(), 1002u) << BufLen;
    EXPECT_EQ(Names.size(), 1002u) << BufLen;
    EXPECT_TRUE(Names.count("entry-999"));
  }
}

TEST_P(ReaddirTest, BufferIsFilledExactly) {
  spit(Sandbox / "aaaaaaaaaa", "");
  // Whatever fits is written, down to a partial header.
  for (uint32_t BufLen : {1u, 10u, 24u, 25u, 30u}) {
    put(8192, std::string(64, '\x55'));
    ASSERT_EQ(call("fd_readdir", {I32(SandboxFd), I32(8192), I32(BufLen),
                                  I64(0), I32(300)}),
              Success);
    EXPECT_EQ(u32(300), BufLen);
    EXPECT_EQ(get(8192 + BufLen, 1), "\x55"); // nothing beyond
  }
  // A cookie past the end reads nothing.
  ASSERT_EQ(call("fd_readdir",
                 {I32(SandboxFd), I32(8192), I32(100), I64(50), I32(300)}),
            Success);
  EXPECT_EQ(u32(300), 0u);
  // Going back to a cookie gives the same entries again.
  auto All = readAll(SandboxFd, 4096);
  ASSERT_EQ(All.size(), 3u);
  ASSERT_EQ(call("fd_readdir", {I32(SandboxFd), I32(8192), I32(4096),
                                I64(All[0].Next), I32(300)}),
            Success);
  std::string Second = get(8192 + 24, (uint32_t)All[1].Name.size());
  EXPECT_EQ(Second, All[1].Name);
  // Not a directory, and missing rights.
  uint32_t Fd;
  ASSERT_EQ(open(SandboxFd, "aaaaaaaaaa", 0, FdRead | FdReaddir, 0, &Fd),
            Success);
  EXPECT_EQ(call("fd_readdir",
                 {I32(Fd), I32(8192), I32(100), I64(0), I32(300)}),
            Notcapable); // a file gets no fd_readdir right
  uint32_t D;
  ASSERT_EQ(open(SandboxFd, ".", ODirectory, PathOpen, 0, &D), Success);
  EXPECT_EQ(call("fd_readdir", {I32(D), I32(8192), I32(100), I64(0), I32(300)}),
            Notcapable);
}

} // namespace

WASI_TEST_MODES(ReaddirTest);

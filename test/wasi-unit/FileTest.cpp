//===- FileTest.cpp - fd_* and path_* inside the sandbox ------------------===//
#include "WasiFixture.h"

#include <sys/stat.h>

using namespace wasmaot::wasitest;
namespace fs = std::filesystem;

namespace {

class FileTest : public WasiTest {};

TEST_P(FileTest, WriteSeekReadRoundTrip) {
  uint32_t Fd;
  ASSERT_EQ(open(SandboxFd, "f.txt", OCreat | OExcl, FileRW, 0, &Fd), Success);
  EXPECT_GT(Fd, 4u);
  // Two iovecs in one fd_write.
  put(4096, "hello ");
  put(5000, "world");
  putU32(256, 4096);
  putU32(260, 6);
  putU32(264, 5000);
  putU32(268, 5);
  ASSERT_EQ(call("fd_write", {I32(Fd), I32(256), I32(2), I32(300)}), Success);
  EXPECT_EQ(u32(300), 11u);
  EXPECT_EQ(slurp(Sandbox / "f.txt"), "hello world");

  ASSERT_EQ(call("fd_tell", {I32(Fd), I32(320)}), Success);
  EXPECT_EQ(u64(320), 11u);
  ASSERT_EQ(call("fd_seek", {I32(Fd), I64(-5), I32(1), I32(320)}), Success);
  EXPECT_EQ(u64(320), 6u);
  std::string Data;
  ASSERT_EQ(read(Fd, 100, &Data), Success);
  EXPECT_EQ(Data, "world");
  ASSERT_EQ(read(Fd, 100, &Data), Success);
  EXPECT_EQ(Data, ""); // end of file
  ASSERT_EQ(call("fd_seek", {I32(Fd), I64(0), I32(0), I32(320)}), Success);
  ASSERT_EQ(read(Fd, 5, &Data), Success);
  EXPECT_EQ(Data, "hello");
  ASSERT_EQ(call("fd_seek", {I32(Fd), I64(-1), I32(2), I32(320)}), Success);
  EXPECT_EQ(u64(320), 10u);
  EXPECT_EQ(call("fd_seek", {I32(Fd), I64(-100), I32(0), I32(320)}), Inval);
  EXPECT_EQ(call("fd_seek", {I32(Fd), I64(0), I32(3), I32(320)}), Inval);
  EXPECT_EQ(call("fd_seek", {I32(SandboxFd), I64(0), I32(0), I32(320)}),
            Notcapable); // directories have no fd_seek right

  // Exclusive creation of an existing file.
  EXPECT_EQ(open(SandboxFd, "f.txt", OCreat | OExcl, FileRW, 0, nullptr),
            Exist);
  ASSERT_EQ(call("fd_close", {I32(Fd)}), Success);
  EXPECT_EQ(call("fd_close", {I32(Fd)}), Badf);
  EXPECT_EQ(write(Fd, "x", nullptr), Badf);
}

TEST_P(FileTest, PreadPwriteKeepThePosition) {
  spit(Sandbox / "p.txt", "0123456789");
  uint32_t Fd;
  ASSERT_EQ(open(SandboxFd, "p.txt", 0, FileRW, 0, &Fd), Success);
  put(4096, "AB");
  putU32(256, 4096);
  putU32(260, 2);
  ASSERT_EQ(call("fd_pwrite", {I32(Fd), I32(256), I32(1), I64(4), I32(300)}),
            Success);
  EXPECT_EQ(u32(300), 2u);
  putU32(260, 4);
  ASSERT_EQ(call("fd_pread", {I32(Fd), I32(256), I32(1), I64(3), I32(300)}),
            Success);
  EXPECT_EQ(u32(300), 4u);
  EXPECT_EQ(get(4096, 4), "3AB6");
  ASSERT_EQ(call("fd_tell", {I32(Fd), I32(320)}), Success);
  EXPECT_EQ(u64(320), 0u);
  EXPECT_EQ(slurp(Sandbox / "p.txt"), "0123AB6789");
  // pread needs fd_seek as well as fd_read.
  ASSERT_EQ(call("fd_fdstat_set_rights", {I32(Fd), I64(FdRead), I64(0)}),
            Success);
  EXPECT_EQ(call("fd_pread", {I32(Fd), I32(256), I32(1), I64(0), I32(300)}),
            Notcapable);
}

TEST_P(FileTest, FilestatSizeTimesAllocateSync) {
  uint32_t Fd;
  ASSERT_EQ(open(SandboxFd, "s.txt", OCreat, FileRW | right(0) | right(4) |
                                                  right(7),
                 0, &Fd),
            Success);
  ASSERT_EQ(write(Fd, "12345", nullptr), Success);
  ASSERT_EQ(call("fd_filestat_get", {I32(Fd), I32(600)}), Success);
  EXPECT_EQ(u64(600 + 32), 5u);         // size
  EXPECT_EQ(get(600 + 16, 1)[0], 4);    // regular file
  EXPECT_EQ(u64(600 + 24), 1u);         // nlink
  ASSERT_EQ(call("fd_filestat_set_size", {I32(Fd), I64(2)}), Success);
  EXPECT_EQ(fs::file_size(Sandbox / "s.txt"), 2u);
  ASSERT_EQ(call("fd_allocate", {I32(Fd), I64(0), I64(100)}), Success);
  EXPECT_EQ(fs::file_size(Sandbox / "s.txt"), 100u);
  ASSERT_EQ(call("fd_filestat_set_times",
                 {I32(Fd), I64(1000000000ll * 1000), I64(2000000000ll * 1000),
                  I32(1 | 4)}),
            Success);
  struct stat St;
  ASSERT_EQ(stat((Sandbox / "s.txt").c_str(), &St), 0);
  EXPECT_EQ(St.st_atim.tv_sec, 1000);
  EXPECT_EQ(St.st_mtim.tv_sec, 2000);
  EXPECT_EQ(call("fd_filestat_set_times", {I32(Fd), I64(0), I64(0), I32(3)}),
            Inval); // atim and atim_now together
  EXPECT_EQ(call("fd_filestat_set_times", {I32(Fd), I64(0), I64(0), I32(16)}),
            Inval);
  EXPECT_EQ(call("fd_sync", {I32(Fd)}), Success);
  EXPECT_EQ(call("fd_datasync", {I32(Fd)}), Success);
  EXPECT_EQ(call("fd_advise", {I32(Fd), I64(0), I64(10), I32(1)}), Success);
  EXPECT_EQ(call("fd_advise", {I32(Fd), I64(0), I64(10), I32(6)}), Inval);
  // Path-based stat and times.
  auto P = path("s.txt");
  ASSERT_EQ(call("path_filestat_get", {I32(SandboxFd), I32(0), P[0], P[1],
                                       I32(700)}),
            Success);
  EXPECT_EQ(u64(700 + 32), 100u);
  EXPECT_EQ(u64(700 + 8), u64(600 + 8)); // same inode
  ASSERT_EQ(call("path_filestat_set_times",
                 {I32(SandboxFd), I32(0), P[0], P[1], I64(0),
                  I64(5000000000000ll), I32(4)}),
            Success);
  ASSERT_EQ(stat((Sandbox / "s.txt").c_str(), &St), 0);
  EXPECT_EQ(St.st_mtim.tv_sec, 5000);
  EXPECT_EQ(St.st_atim.tv_sec, 1000); // omitted
}

TEST_P(FileTest, FdstatAndRightsOnlyNarrow) {
  uint32_t Fd;
  ASSERT_EQ(open(SandboxFd, "r.txt", OCreat, FileRW, 0, &Fd, 0, 1), Success);
  ASSERT_EQ(call("fd_fdstat_get", {I32(Fd), I32(800)}), Success);
  EXPECT_EQ(get(800, 1)[0], 4);           // regular file
  EXPECT_EQ(u32(800 + 2) & 0xFFFF, 1u);   // append
  EXPECT_EQ(u64(808), FileRW);
  EXPECT_EQ(u64(816), 0u);
  // Drop fd_write: writes are now refused.
  ASSERT_EQ(call("fd_fdstat_set_rights",
                 {I32(Fd), I64(FileRW & ~FdWrite), I64(0)}),
            Success);
  EXPECT_EQ(write(Fd, "x", nullptr), Notcapable);
  // Getting it back is not possible.
  EXPECT_EQ(call("fd_fdstat_set_rights", {I32(Fd), I64(FileRW), I64(0)}),
            Notcapable);
  EXPECT_EQ(call("fd_fdstat_set_rights",
                 {I32(Fd), I64(FdRead), I64(FdRead)}),
            Notcapable);
  // A directory whose inheriting rights lose fd_write cannot hand it out.
  uint32_t Dir;
  ASSERT_EQ(call("path_create_directory",
                 {I32(SandboxFd), path("d")[0], path("d")[1]}),
            Success);
  ASSERT_EQ(open(SandboxFd, "d", ODirectory, PathOpen | FdReaddir |
                                                 right(10) | right(21),
                 FileRW, &Dir),
            Success);
  ASSERT_EQ(call("fd_fdstat_get", {I32(Dir), I32(800)}), Success);
  EXPECT_EQ(get(800, 1)[0], 3); // directory
  EXPECT_EQ(u64(816), FileRW);
  ASSERT_EQ(call("fd_fdstat_set_rights",
                 {I32(Dir), I64(PathOpen | right(10)), I64(FileRO)}),
            Success);
  EXPECT_EQ(open(Dir, "x", OCreat, FileRW, 0, nullptr), Notcapable);
  uint32_t Inner;
  ASSERT_EQ(open(Dir, "x", OCreat, FdRead, 0, &Inner), Success);
  EXPECT_EQ(write(Inner, "x", nullptr), Notcapable);
  // fdstat flags: append can be cleared, sync flags cannot be added.
  EXPECT_EQ(call("fd_fdstat_set_flags", {I32(Fd), I32(0)}), Notcapable);
  uint32_t Fd2;
  ASSERT_EQ(open(SandboxFd, "r.txt", 0, FileRW | right(3), 0, &Fd2, 0, 1),
            Success);
  EXPECT_EQ(call("fd_fdstat_set_flags", {I32(Fd2), I32(0)}), Success);
  ASSERT_EQ(call("fd_fdstat_get", {I32(Fd2), I32(800)}), Success);
  EXPECT_EQ(u32(800 + 2) & 0xFFFF, 0u);
  EXPECT_EQ(call("fd_fdstat_set_flags", {I32(Fd2), I32(16)}), Notsup);
  EXPECT_EQ(call("fd_fdstat_set_flags", {I32(Fd2), I32(64)}), Inval);
}

TEST_P(FileTest, Prestat) {
  ASSERT_EQ(call("fd_prestat_get", {I32(SandboxFd), I32(100)}), Success);
  EXPECT_EQ(get(100, 1)[0], 0);
  EXPECT_EQ(u32(104), 8u);
  ASSERT_EQ(call("fd_prestat_dir_name", {I32(SandboxFd), I32(200), I32(8)}),
            Success);
  EXPECT_EQ(get(200, 8), "/sandbox");
  EXPECT_EQ(call("fd_prestat_dir_name", {I32(SandboxFd), I32(200), I32(7)}),
            Nametoolong);
  ASSERT_EQ(call("fd_prestat_get", {I32(ReadOnlyFd), I32(100)}), Success);
  EXPECT_EQ(u32(104), 2u);
  ASSERT_EQ(call("fd_prestat_dir_name", {I32(ReadOnlyFd), I32(200), I32(2)}),
            Success);
  EXPECT_EQ(get(200, 2), "ro");
  EXPECT_EQ(call("fd_prestat_get", {I32(5), I32(100)}), Badf);
  EXPECT_EQ(call("fd_prestat_get", {I32(0), I32(100)}), Badf);
  uint32_t Fd;
  ASSERT_EQ(open(SandboxFd, ".", ODirectory, PathOpen, 0, &Fd), Success);
  EXPECT_EQ(call("fd_prestat_get", {I32(Fd), I32(100)}), Badf);
  uint32_t End = (uint32_t)memorySize();
  EXPECT_EQ(call("fd_prestat_get", {I32(SandboxFd), I32(End - 4)}), Fault);
  EXPECT_EQ(call("fd_prestat_dir_name", {I32(SandboxFd), I32(End - 4),
                                         I32(8)}),
            Fault);
}

TEST_P(FileTest, FaultsOnEveryPointerOfFdWriteReadAndPathOpen) {
  uint32_t End = (uint32_t)memorySize();
  uint32_t Fd;
  ASSERT_EQ(open(SandboxFd, "e.txt", OCreat, FileRW, 0, &Fd), Success);
  put(4096, "abc");
  putU32(256, 4096);
  putU32(260, 3);
  for (const char *F : {"fd_write", "fd_read"}) {
    // The iovec array, a buffer, the result.
    EXPECT_EQ(call(F, {I32(Fd), I32(End - 4), I32(1), I32(300)}), Fault) << F;
    EXPECT_EQ(call(F, {I32(Fd), I32(256), I32(0x20000000), I32(300)}), Fault);
    EXPECT_EQ(call(F, {I32(Fd), I32(256), I32(1), I32(End - 3)}), Fault);
  }
  putU32(256, End - 2);
  EXPECT_EQ(call("fd_write", {I32(Fd), I32(256), I32(1), I32(300)}), Fault);
  putU32(256, 0xFFFFFFFF);
  putU32(260, 2);
  EXPECT_EQ(call("fd_read", {I32(Fd), I32(256), I32(1), I32(300)}), Fault);
  EXPECT_EQ(fs::file_size(Sandbox / "e.txt"), 0u); // nothing written
  // A buffer ending exactly at the end of memory is fine.
  put(End - 3, "xyz");
  putU32(256, End - 3);
  putU32(260, 3);
  EXPECT_EQ(call("fd_write", {I32(Fd), I32(256), I32(1), I32(300)}), Success);
  // path_open: the path and the result.
  EXPECT_EQ(call("path_open", {I32(SandboxFd), I32(0), I32(End - 2), I32(5),
                               I32(0), I64(FdRead), I64(0), I32(0), I32(512)}),
            Fault);
  EXPECT_EQ(call("path_open", {I32(SandboxFd), I32(0), path("e.txt")[0],
                               I32(5), I32(0), I64(FdRead), I64(0), I32(0),
                               I32(End - 1)}),
            Fault);
  EXPECT_EQ(call("path_open", {I32(SandboxFd), I32(0), I32(0xFFFFFFF0),
                               I32(0x20), I32(0), I64(FdRead), I64(0), I32(0),
                               I32(512)}),
            Fault);
  // fd_readdir: buffer and result.
  EXPECT_EQ(call("fd_readdir", {I32(SandboxFd), I32(End - 10), I32(100),
                                I64(0), I32(300)}),
            Fault);
  EXPECT_EQ(call("fd_readdir", {I32(SandboxFd), I32(100), I32(100), I64(0),
                                I32(End)}),
            Fault);
  // Strings that are not UTF-8 or hold a NUL.
  EXPECT_EQ(open(SandboxFd, std::string("a\0b", 3), 0, FdRead, 0, nullptr),
            Inval);
  EXPECT_EQ(open(SandboxFd, "\xff", 0, FdRead, 0, nullptr), Ilseq);
  EXPECT_EQ(open(SandboxFd, "\xc3", 0, FdRead, 0, nullptr), Ilseq);
}

TEST_P(FileTest, DirectoriesLinksRenames) {
  auto Mk = [&](const std::string &P) {
    auto A = path(P);
    return call("path_create_directory", {I32(SandboxFd), A[0], A[1]});
  };
  ASSERT_EQ(Mk("a"), Success);
  ASSERT_EQ(Mk("a/b"), Success);
  EXPECT_EQ(Mk("a"), Exist);
  EXPECT_EQ(Mk("nope/x"), Noent);
  EXPECT_TRUE(fs::is_directory(Sandbox / "a" / "b"));
  spit(Sandbox / "a" / "f", "data");
  // Inner ".." that stays inside is fine.
  uint32_t Fd;
  ASSERT_EQ(open(SandboxFd, "a/b/../f", 0, FdRead, 0, &Fd), Success);
  std::string Data;
  ASSERT_EQ(read(Fd, 10, &Data), Success);
  EXPECT_EQ(Data, "data");
  // path_open of a directory without O_DIRECTORY, and of a file with it.
  EXPECT_EQ(open(SandboxFd, "a/f", ODirectory, FdRead, 0, nullptr), Notdir);
  EXPECT_EQ(open(SandboxFd, "a/f/", 0, FdRead, 0, nullptr), Notdir);
  EXPECT_EQ(open(SandboxFd, "missing", 0, FdRead, 0, nullptr), Noent);
  // O_TRUNC empties.
  ASSERT_EQ(open(SandboxFd, "a/f", OTrunc, FdWrite, 0, nullptr), Success);
  EXPECT_EQ(fs::file_size(Sandbox / "a" / "f"), 0u);

  auto Two = [&](const char *F, uint32_t Fd1, const std::string &P1,
                 uint32_t Fd2, const std::string &P2) {
    auto A = path(P1, 1024);
    auto B = path(P2, 2048);
    return std::string(F) == "path_link"
               ? call(F, {I32(Fd1), I32(0), A[0], A[1], I32(Fd2), B[0], B[1]})
               : call(F, {I32(Fd1), A[0], A[1], I32(Fd2), B[0], B[1]});
  };
  ASSERT_EQ(Two("path_rename", SandboxFd, "a/f", SandboxFd, "g"), Success);
  EXPECT_TRUE(fs::exists(Sandbox / "g"));
  EXPECT_FALSE(fs::exists(Sandbox / "a" / "f"));
  ASSERT_EQ(Two("path_link", SandboxFd, "g", SandboxFd, "a/h"), Success);
  EXPECT_EQ(fs::hard_link_count(Sandbox / "g"), 2u);
  EXPECT_EQ(Two("path_link", SandboxFd, "g", SandboxFd, "a/h"), Exist);

  // Symlinks created by the guest, read back and followed.
  {
    auto T = path("./h", 1024);
    auto L = path("a/lnk", 2048);
    ASSERT_EQ(call("path_symlink", {T[0], T[1], I32(SandboxFd), L[0], L[1]}),
              Success);
  }
  EXPECT_EQ(fs::read_symlink(Sandbox / "a" / "lnk"), "./h");
  {
    auto L = path("a/lnk");
    ASSERT_EQ(call("path_readlink",
                   {I32(SandboxFd), L[0], L[1], I32(3000), I32(64), I32(300)}),
              Success);
    EXPECT_EQ(u32(300), 3u);
    EXPECT_EQ(get(3000, 3), "./h");
    // A short buffer gets the start of the target.
    ASSERT_EQ(call("path_readlink",
                   {I32(SandboxFd), L[0], L[1], I32(3100), I32(2), I32(300)}),
              Success);
    EXPECT_EQ(u32(300), 2u);
    EXPECT_EQ(get(3100, 2), "./");
    auto G = path("g");
    EXPECT_EQ(call("path_readlink",
                   {I32(SandboxFd), G[0], G[1], I32(3000), I32(64), I32(300)}),
              Inval);
  }
  EXPECT_EQ(open(SandboxFd, "a/lnk", 0, FdRead, 0, nullptr), Loop);
  ASSERT_EQ(open(SandboxFd, "a/lnk", 0, FdRead, 0, &Fd, 1), Success);
  {
    auto L = path("a/lnk");
    ASSERT_EQ(call("path_filestat_get",
                   {I32(SandboxFd), I32(0), L[0], L[1], I32(700)}),
              Success);
    EXPECT_EQ(get(700 + 16, 1)[0], 7); // the link itself
    ASSERT_EQ(call("path_filestat_get",
                   {I32(SandboxFd), I32(1), L[0], L[1], I32(700)}),
              Success);
    EXPECT_EQ(get(700 + 16, 1)[0], 4); // what it points to
  }

  // Removal.
  auto One = [&](const char *F, const std::string &P) {
    auto A = path(P);
    return call(F, {I32(SandboxFd), A[0], A[1]});
  };
  EXPECT_EQ(One("path_remove_directory", "a"), Notempty);
  EXPECT_EQ(One("path_unlink_file", "a/b"), Isdir);
  EXPECT_EQ(One("path_unlink_file", "g/"), Notdir);
  EXPECT_EQ(One("path_remove_directory", "g"), Notdir);
  ASSERT_EQ(One("path_unlink_file", "a/lnk"), Success);
  EXPECT_TRUE(fs::exists(Sandbox / "g"));
  ASSERT_EQ(One("path_unlink_file", "a/h"), Success);
  ASSERT_EQ(One("path_remove_directory", "a/b"), Success);
  ASSERT_EQ(One("path_remove_directory", "a"), Success);
  EXPECT_FALSE(fs::exists(Sandbox / "a"));
  EXPECT_EQ(One("path_unlink_file", "a"), Noent);
}

TEST_P(FileTest, StdioThroughPipes) {
  int In[2], Out[2];
  ASSERT_EQ(pipe(In), 0);
  ASSERT_EQ(pipe(Out), 0);
  start({}, In[0], Out[1]);
  close(In[0]);
  close(Out[1]);
  ASSERT_EQ(::write(In[1], "input", 5), 5);
  close(In[1]);
  std::string Data;
  ASSERT_EQ(read(0, 100, &Data), Success);
  EXPECT_EQ(Data, "input");
  ASSERT_EQ(read(0, 100, &Data), Success);
  EXPECT_EQ(Data, ""); // end of input
  uint32_t N;
  ASSERT_EQ(write(1, "output", &N), Success);
  EXPECT_EQ(N, 6u);
  EXPECT_EQ(write(2, "x", nullptr), Badf); // not granted
  EXPECT_EQ(call("fd_seek", {I32(1), I64(0), I32(0), I32(320)}), Notcapable);
  // Closing guest stdout closes only the guest's duplicate.
  ASSERT_EQ(call("fd_close", {I32(1)}), Success);
  stop();
  char Buf[16];
  EXPECT_EQ(::read(Out[0], Buf, sizeof(Buf)), 6);
  close(Out[0]);
}

TEST_P(FileTest, EveryPointerArgumentIsChecked) {
  // Each pointer argument in turn is moved past the end of memory (with the
  // others valid): the call is FAULT and touches nothing on the host.
  spit(Sandbox / "in", "data");
  std::error_code EC;
  fs::create_symlink("in", Sandbox / "l", EC);
  ASSERT_FALSE(EC);
  uint32_t F;
  ASSERT_EQ(open(SandboxFd, "in", 0, FileRW, 0, &F), Success);
  put(1024, "in");
  put(1100, "l");
  put(1200, "new");
  putU32(256, 4096); // one iovec of 4 bytes at 4096
  putU32(260, 4);
  const uint32_t Bad = 0xFFFFFFF0;
  struct Case {
    const char *Name;
    std::vector<wa_value> Args;
    std::vector<size_t> Pointers;
  };
  const Case Cases[] = {
      {"fd_fdstat_get", {I32(F), I32(800)}, {1}},
      {"fd_filestat_get", {I32(F), I32(800)}, {1}},
      {"fd_pread", {I32(F), I32(256), I32(1), I64(0), I32(300)}, {1, 4}},
      {"fd_pwrite", {I32(F), I32(256), I32(1), I64(0), I32(300)}, {1, 4}},
      {"fd_seek", {I32(F), I64(0), I32(0), I32(320)}, {3}},
      {"fd_tell", {I32(F), I32(320)}, {1}},
      {"path_create_directory", {I32(SandboxFd), I32(1200), I32(3)}, {1}},
      {"path_filestat_get",
       {I32(SandboxFd), I32(0), I32(1024), I32(2), I32(700)},
       {2, 4}},
      {"path_filestat_set_times",
       {I32(SandboxFd), I32(0), I32(1024), I32(2), I64(0), I64(0), I32(2)},
       {2}},
      {"path_link",
       {I32(SandboxFd), I32(0), I32(1024), I32(2), I32(SandboxFd), I32(1200),
        I32(3)},
       {2, 5}},
      {"path_readlink",
       {I32(SandboxFd), I32(1100), I32(1), I32(3000), I32(16), I32(300)},
       {1, 3, 5}},
      {"path_remove_directory", {I32(SandboxFd), I32(1200), I32(3)}, {1}},
      {"path_rename",
       {I32(SandboxFd), I32(1024), I32(2), I32(SandboxFd), I32(1200), I32(3)},
       {1, 4}},
      {"path_symlink",
       {I32(1024), I32(2), I32(SandboxFd), I32(1200), I32(3)},
       {0, 3}},
      {"path_unlink_file", {I32(SandboxFd), I32(1024), I32(2)}, {1}},
  };
  std::string Before = snapshot();
  for (const Case &C : Cases) {
    for (size_t P : C.Pointers) {
      std::vector<wa_value> Args = C.Args;
      Args[P] = I32(Bad);
      EXPECT_EQ(call(C.Name, Args), Fault) << C.Name << " argument " << P;
    }
  }
  // A buffer inside an iovec that runs past the end.
  putU32(256, (uint32_t)memorySize() - 2);
  EXPECT_EQ(call("fd_pwrite", {I32(F), I32(256), I32(1), I64(0), I32(300)}),
            Fault);
  EXPECT_EQ(call("fd_pread", {I32(F), I32(256), I32(1), I64(0), I32(300)}),
            Fault);
  EXPECT_EQ(snapshot(), Before);
}

TEST_P(FileTest, FifoOpenNeverBlocks) {
  // With no writer, POSIX open() of a FIFO for reading would wait; the
  // guest's open returns at once and reading sees end of file. With no
  // reader, opening for writing is NXIO instead of waiting.
  ASSERT_EQ(mkfifo((Sandbox / "fifo").c_str(), 0600), 0);
  uint32_t Fd;
  ASSERT_EQ(open(SandboxFd, "fifo", 0, FdRead | PollFd, 0, &Fd), Success);
  ASSERT_EQ(call("fd_fdstat_get", {I32(Fd), I32(800)}), Success);
  EXPECT_EQ(u32(800 + 2) & 0xFFFF, 0u); // blocking, as asked
  std::string Data = "x";
  ASSERT_EQ(read(Fd, 10, &Data), Success);
  EXPECT_EQ(Data, "");
  uint32_t NonBlocking;
  ASSERT_EQ(open(SandboxFd, "fifo", 0, FdRead, 0, &NonBlocking, 0, 4),
            Success);
  ASSERT_EQ(call("fd_fdstat_get", {I32(NonBlocking), I32(800)}), Success);
  EXPECT_EQ(u32(800 + 2) & 0xFFFF, 4u);
  ASSERT_EQ(call("fd_close", {I32(Fd)}), Success);
  ASSERT_EQ(call("fd_close", {I32(NonBlocking)}), Success);
  EXPECT_EQ(open(SandboxFd, "fifo", 0, FdWrite, 0, nullptr), 60); // NXIO
}

TEST_P(FileTest, NewDescriptorsNeverTakeStdioNumbers) {
  // stdio is not granted here, yet 0-2 stay reserved: a file landing on 1
  // would receive everything the guest prints.
  for (uint32_t Std : {0u, 1u, 2u})
    EXPECT_EQ(call("fd_fdstat_get", {I32(Std), I32(800)}), Badf);
  uint32_t Fd;
  ASSERT_EQ(open(SandboxFd, "n.txt", OCreat, FileRW, 0, &Fd), Success);
  EXPECT_EQ(Fd, 5u);
  // The lowest free number from 3 up is reused.
  ASSERT_EQ(call("fd_close", {I32(SandboxFd)}), Success);
  uint32_t Again;
  ASSERT_EQ(open(ReadOnlyFd, "ro.txt", 0, FdRead, 0, &Again), Success);
  EXPECT_EQ(Again, SandboxFd);
  for (uint32_t Std : {0u, 1u, 2u})
    EXPECT_EQ(call("fd_fdstat_get", {I32(Std), I32(800)}), Badf);
}

TEST_P(FileTest, TrailingSlashOnASymlink) {
  std::error_code EC;
  fs::create_directory(Sandbox / "d", EC);
  ASSERT_FALSE(EC);
  fs::create_directory_symlink("d", Sandbox / "l", EC);
  ASSERT_FALSE(EC);
  auto One = [&](const char *F, const std::string &P) {
    auto A = path(P);
    return call(F, {I32(SandboxFd), A[0], A[1]});
  };
  // Operations on a name act on the link itself, as POSIX's do: the
  // directory it points to is never removed or renamed through it.
  EXPECT_EQ(One("path_remove_directory", "l/"), Notdir);
  EXPECT_EQ(One("path_unlink_file", "l/"), Notdir);
  EXPECT_EQ(One("path_create_directory", "l/"), Exist);
  {
    auto A = path("l/", 1024);
    auto B = path("m", 2048);
    EXPECT_EQ(call("path_rename", {I32(SandboxFd), A[0], A[1],
                                   I32(SandboxFd), B[0], B[1]}),
              Notdir);
  }
  EXPECT_TRUE(fs::is_directory(fs::symlink_status(Sandbox / "d")));
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(Sandbox / "l")));
  EXPECT_FALSE(fs::exists(fs::symlink_status(Sandbox / "m")));
  // Lookups follow it: the trailing slash asks for a directory.
  uint32_t Fd;
  EXPECT_EQ(open(SandboxFd, "l/", ODirectory, PathOpen, 0, &Fd), Success);
  auto A = path("l/");
  ASSERT_EQ(call("path_filestat_get",
                 {I32(SandboxFd), I32(0), A[0], A[1], I32(700)}),
            Success);
  EXPECT_EQ(get(700 + 16, 1)[0], 3); // the directory
  // Without the slash the link is its own thing.
  EXPECT_EQ(One("path_unlink_file", "l"), Success);
  EXPECT_TRUE(fs::is_directory(Sandbox / "d"));
}

TEST_P(FileTest, SyncFlagsNeedTheDirectoryToPassOnSyncRights) {
  // A read-only open may ask for synchronous I/O (POSIX allows it); the
  // sync rights must be among what the directory hands out.
  constexpr uint32_t DSync = 2, Sync = 16;
  constexpr uint64_t FdDatasync = right(0), FdSync = right(4);
  spit(Sandbox / "s.txt", "x");
  uint32_t Fd;
  ASSERT_EQ(open(SandboxFd, "s.txt", 0, FdRead, 0, &Fd, 0, DSync), Success);
  ASSERT_EQ(call("fd_fdstat_get", {I32(Fd), I32(800)}), Success);
  EXPECT_EQ(u32(800 + 2) & 0xFFFF, DSync);
  uint32_t Dir;
  ASSERT_EQ(open(SandboxFd, ".", ODirectory, PathOpen,
                 FileRW | FdDatasync | FdSync, &Dir),
            Success);
  ASSERT_EQ(call("fd_fdstat_set_rights",
                 {I32(Dir), I64(PathOpen), I64(FileRW | FdSync)}),
            Success);
  EXPECT_EQ(open(Dir, "s.txt", 0, FdRead, 0, nullptr, 0, DSync), Notcapable);
  EXPECT_EQ(open(Dir, "s.txt", 0, FdRead, 0, &Fd, 0, Sync), Success);
  ASSERT_EQ(call("fd_fdstat_set_rights", {I32(Dir), I64(PathOpen),
                                          I64(FileRW)}),
            Success);
  EXPECT_EQ(open(Dir, "s.txt", 0, FdRead, 0, nullptr, 0, Sync), Notcapable);
  EXPECT_EQ(open(Dir, "s.txt", 0, FdRead, 0, nullptr, 0, 8), Notcapable);
}

} // namespace

WASI_TEST_MODES(FileTest);

//===- SandboxTest.cpp - Escapes and read-only grants ---------------------===//
//
// Every attempt must fail with the documented errno (NOTCAPABLE for a path
// leading out, PERM for a mutation through a read-only grant, BADF for a
// number that is not open) and leave the host's files exactly as they were.
//
//===----------------------------------------------------------------------===//
#include "WasiFixture.h"

using namespace wasmaot::wasitest;
namespace fs = std::filesystem;

namespace {

class SandboxTest : public WasiTest {
protected:
  void SetUp() override {
    WasiTest::SetUp();
    if (HasFatalFailure())
      return;
    std::error_code EC;
    fs::create_directory(Sandbox / "a", EC);
    ASSERT_FALSE(EC) << EC.message();
    spit(Sandbox / "in.txt", "inside");
    // Planted by the host: symlinks that lead out, a loop, and one that
    // stays inside.
    ASSERT_NO_FATAL_FAILURE(link("../outside", Sandbox / "rel-out"));
    ASSERT_NO_FATAL_FAILURE(link(Outside / "secret.txt", Sandbox / "abs-out"));
    ASSERT_NO_FATAL_FAILURE(
        link("../../outside/secret.txt", Sandbox / "a" / "deep-out"));
    ASSERT_NO_FATAL_FAILURE(link("loop2", Sandbox / "loop1"));
    ASSERT_NO_FATAL_FAILURE(link("loop1", Sandbox / "loop2"));
    ASSERT_NO_FATAL_FAILURE(link("a/..", Sandbox / "self"));
    Before = snapshot();
  }

  static void link(const fs::path &Target, const fs::path &Link) {
    std::error_code EC;
    fs::create_symlink(Target, Link, EC);
    ASSERT_FALSE(EC) << Link << ": " << EC.message();
  }

  int32_t one(const char *F, uint32_t Fd, const std::string &P) {
    auto A = path(P);
    return call(F, {I32(Fd), A[0], A[1]});
  }
  int32_t two(const char *F, uint32_t Fd1, const std::string &P1,
              uint32_t Fd2, const std::string &P2) {
    auto A = path(P1, 1024);
    auto B = path(P2, 2048);
    if (std::string(F) == "path_link")
      return call(F, {I32(Fd1), I32(0), A[0], A[1], I32(Fd2), B[0], B[1]});
    return call(F, {I32(Fd1), A[0], A[1], I32(Fd2), B[0], B[1]});
  }
  int32_t symlink(const std::string &Target, uint32_t Fd,
                  const std::string &P) {
    auto T = path(Target, 1024);
    auto L = path(P, 2048);
    return call("path_symlink", {T[0], T[1], I32(Fd), L[0], L[1]});
  }
  int32_t stat(uint32_t Fd, const std::string &P, uint32_t Follow) {
    auto A = path(P);
    return call("path_filestat_get", {I32(Fd), I32(Follow), A[0], A[1],
                                      I32(700)});
  }
  void expectUntouched() { EXPECT_EQ(snapshot(), Before); }

  std::string Before;
};

const char *const EscapingPaths[] = {
    "..",
    "../outside/secret.txt",
    "a/../../outside/secret.txt",
    "a/../a/../../outside",
    "./../sandbox/in.txt", // back in, but only by leaving first
    "rel-out/secret.txt",
    "rel-out",
    "abs-out",
    "a/deep-out",
};

TEST_P(SandboxTest, OpeningOutsideIsRefused) {
  for (const char *P : EscapingPaths) {
    for (uint32_t Follow : {0u, 1u}) {
      int32_t E = open(SandboxFd, P, 0, FdRead, 0, nullptr, Follow);
      // A final symlink not followed is ELOOP; every other way out is
      // NOTCAPABLE.
      bool FinalLink = !Follow && (std::string(P) == "rel-out" ||
                                   std::string(P) == "abs-out" ||
                                   std::string(P) == "a/deep-out");
      EXPECT_EQ(E, FinalLink ? Loop : Notcapable) << P << " follow " << Follow;
      if (!FinalLink)
        EXPECT_EQ(stat(SandboxFd, P, Follow), Notcapable) << P;
    }
  }
  // Absolute paths, including the sandbox's own host path.
  for (std::string P : {(Outside / "secret.txt").string(),
                        (Sandbox / "in.txt").string(), std::string("/"),
                        std::string("/sandbox/in.txt")}) {
    EXPECT_EQ(open(SandboxFd, P, 0, FdRead, 0, nullptr), Notcapable) << P;
    EXPECT_EQ(stat(SandboxFd, P, 1), Notcapable) << P;
  }
  EXPECT_EQ(open(SandboxFd, "loop1", 0, FdRead, 0, nullptr, 1), Loop);
  EXPECT_EQ(open(SandboxFd, "", 0, FdRead, 0, nullptr), Noent);
  // Symlinks that stay inside are followed.
  uint32_t Fd;
  EXPECT_EQ(open(SandboxFd, "self/in.txt", 0, FdRead, 0, &Fd), Success);
  expectUntouched();
}

TEST_P(SandboxTest, CreatingOutsideIsRefused) {
  const std::string Out[] = {"../new", "a/../../outside/new",
                             "rel-out/new", (Outside / "new").string()};
  for (const auto &P : Out) {
    EXPECT_EQ(open(SandboxFd, P, OCreat, FileRW, 0, nullptr, 1), Notcapable)
        << P;
    EXPECT_EQ(one("path_create_directory", SandboxFd, P), Notcapable) << P;
    EXPECT_EQ(symlink("in.txt", SandboxFd, P), Notcapable) << P;
  }
  // O_CREAT through a symlink leading out: refused, nothing created.
  ASSERT_NO_FATAL_FAILURE(
      link("../outside/created", Sandbox / "dangling-out"));
  Before = snapshot();
  EXPECT_EQ(open(SandboxFd, "dangling-out", OCreat, FileRW, 0, nullptr, 1),
            Notcapable);
  EXPECT_EQ(open(SandboxFd, "dangling-out", OCreat, FileRW, 0, nullptr, 0),
            Loop);
  expectUntouched();
}

TEST_P(SandboxTest, MutatingOutsideIsRefused) {
  EXPECT_EQ(one("path_unlink_file", SandboxFd, "../outside/secret.txt"),
            Notcapable);
  EXPECT_EQ(one("path_unlink_file", SandboxFd, "rel-out/secret.txt"),
            Notcapable);
  EXPECT_EQ(one("path_remove_directory", SandboxFd, "../outside"),
            Notcapable);
  EXPECT_EQ(one("path_remove_directory", SandboxFd, ".."), Notcapable);
  auto A = path("abs-out");
  EXPECT_EQ(call("path_filestat_set_times", {I32(SandboxFd), I32(1), A[0],
                                             A[1], I64(0), I64(0), I32(10)}),
            Notcapable);
  // Renames and links out, both ways.
  EXPECT_EQ(two("path_rename", SandboxFd, "in.txt", SandboxFd,
                "../outside/in.txt"),
            Notcapable);
  EXPECT_EQ(two("path_rename", SandboxFd, "../outside/secret.txt", SandboxFd,
                "stolen"),
            Notcapable);
  EXPECT_EQ(two("path_rename", SandboxFd, "in.txt", SandboxFd,
                "rel-out/in.txt"),
            Notcapable);
  EXPECT_EQ(two("path_link", SandboxFd, "in.txt", SandboxFd,
                "../outside/link"),
            Notcapable);
  EXPECT_EQ(two("path_link", SandboxFd, "../outside/secret.txt", SandboxFd,
                "link"),
            Notcapable);
  {
    auto S = path("abs-out", 1024);
    auto D = path("hard", 2048);
    EXPECT_EQ(call("path_link", {I32(SandboxFd), I32(1), S[0], S[1],
                                 I32(SandboxFd), D[0], D[1]}),
              Notcapable);
  }
  expectUntouched();
}

TEST_P(SandboxTest, GuestCreatedSymlinksCannotLeadOut) {
  // Refused at creation: absolute targets and every target with a ".."
  // component, even one that stays inside where it is made today.
  for (std::string T : {std::string("/etc/passwd"), std::string(".."),
                        std::string("../outside/secret.txt"),
                        std::string("a/../../outside"), std::string("a/.."),
                        std::string("./.."), std::string("x/../in.txt"),
                        (Outside / "secret.txt").string()})
    EXPECT_EQ(symlink(T, SandboxFd, "evil"), Notcapable) << T;
  for (std::string T : {std::string("/etc"), std::string("../.."),
                        std::string("../in.txt"), std::string(".."),
                        std::string("../../outside/secret.txt"),
                        std::string("./../x/../../outside")})
    EXPECT_EQ(symlink(T, SandboxFd, "a/evil"), Notcapable) << T;
  expectUntouched();
  // Allowed: relative targets that only lead down (even dangling ones).
  ASSERT_EQ(symlink("in.txt", SandboxFd, "ok"), Success);
  ASSERT_EQ(symlink("a/nothing", SandboxFd, "dangling"), Success);
  ASSERT_EQ(symlink(".", SandboxFd, "here"), Success);
  ASSERT_EQ(symlink("./a//", SandboxFd, "sub"), Success);
  uint32_t Fd;
  ASSERT_EQ(open(SandboxFd, "ok", 0, FdRead, 0, &Fd, 1), Success);
  std::string Data;
  ASSERT_EQ(read(Fd, 100, &Data), Success);
  EXPECT_EQ(Data, "inside");
  // A subdirectory's fd is a root of its own.
  uint32_t Sub;
  ASSERT_EQ(open(SandboxFd, "a", ODirectory, PathOpen | right(18), FileRO,
                 &Sub),
            Success);
  EXPECT_EQ(open(Sub, "../in.txt", 0, FdRead, 0, nullptr), Notcapable);
  EXPECT_EQ(stat(Sub, "deep-out", 1), Notcapable);
  EXPECT_FALSE(fs::exists(Outside / "created"));
  EXPECT_EQ(slurp(Outside / "secret.txt"), "secret");
}

// The attacks that a check of where a target leads today let through: a
// component that is (or later becomes) a symlink to ".", and a directory
// holding a link moved higher up. With no ".." allowed in a target, every
// link the guest leaves behind stays inside for a host program that
// follows it.
TEST_P(SandboxTest, GuestCannotPlantSymlinksThatLeadOutLater) {
  // `s -> .` is fine on its own; `l -> s/../secret` would then climb one
  // level more than its text says.
  ASSERT_EQ(symlink(".", SandboxFd, "s"), Success);
  EXPECT_EQ(symlink("s/../outside/secret.txt", SandboxFd, "l"), Notcapable);
  EXPECT_EQ(symlink("s/../../outside/secret.txt", SandboxFd, "a/l"),
            Notcapable);
  // The other order: the link first, the component turned into a link
  // afterwards.
  EXPECT_EQ(symlink("t/../../outside/secret.txt", SandboxFd, "a/m"),
            Notcapable);
  // A link deep down, then its directory renamed to the top.
  ASSERT_EQ(one("path_create_directory", SandboxFd, "a/b"), Success);
  EXPECT_EQ(symlink("../../in.txt", SandboxFd, "a/b/up2"), Notcapable);
  ASSERT_EQ(symlink("deeper/file", SandboxFd, "a/b/down"), Success);
  ASSERT_EQ(two("path_rename", SandboxFd, "a/b", SandboxFd, "b"), Success);
  // Each link the guest made, followed by the host from where it now is,
  // stays inside the sandbox.
  const fs::path Root = fs::canonical(Sandbox);
  for (const char *Name : {"s", "b/down"}) {
    ASSERT_TRUE(fs::is_symlink(fs::symlink_status(Sandbox / Name))) << Name;
    fs::path Where = fs::weakly_canonical(Sandbox / Name);
    EXPECT_NE(fs::relative(Where, Root).string().rfind("..", 0), 0u)
        << Name << " leads to " << Where;
  }
  EXPECT_EQ(slurp(Outside / "secret.txt"), "secret");
}

TEST_P(SandboxTest, ReadOnlyGrantRefusesEveryMutation) {
  std::error_code EC;
  fs::create_directory(ReadOnly / "dir", EC);
  ASSERT_FALSE(EC) << EC.message();
  spit(Sandbox / "rw.txt", "rw");
  Before = snapshot();
  // Opening for writing, creating, truncating, appending.
  EXPECT_EQ(open(ReadOnlyFd, "ro.txt", 0, FdRead | FdWrite, 0, nullptr),
            Perm);
  EXPECT_EQ(open(ReadOnlyFd, "ro.txt", 0, FdWrite, 0, nullptr), Perm);
  EXPECT_EQ(open(ReadOnlyFd, "new.txt", OCreat, FdRead, 0, nullptr), Perm);
  EXPECT_EQ(open(ReadOnlyFd, "ro.txt", OTrunc, FdRead, 0, nullptr), Perm);
  EXPECT_EQ(open(ReadOnlyFd, "ro.txt", 0, FdRead, 0, nullptr, 0, 1), Perm);
  EXPECT_EQ(open(ReadOnlyFd, "ro.txt", 0, FdAllocate, 0, nullptr), Perm);
  // Path mutations.
  EXPECT_EQ(one("path_create_directory", ReadOnlyFd, "newdir"), Perm);
  EXPECT_EQ(one("path_remove_directory", ReadOnlyFd, "dir"), Perm);
  EXPECT_EQ(one("path_unlink_file", ReadOnlyFd, "ro.txt"), Perm);
  EXPECT_EQ(two("path_rename", ReadOnlyFd, "ro.txt", ReadOnlyFd, "moved"),
            Perm);
  EXPECT_EQ(two("path_rename", ReadOnlyFd, "ro.txt", SandboxFd, "moved"),
            Perm);
  EXPECT_EQ(two("path_rename", SandboxFd, "rw.txt", ReadOnlyFd, "moved"),
            Perm);
  EXPECT_EQ(two("path_link", ReadOnlyFd, "ro.txt", ReadOnlyFd, "l"), Perm);
  EXPECT_EQ(two("path_link", ReadOnlyFd, "ro.txt", SandboxFd, "l"), Perm);
  EXPECT_EQ(two("path_link", SandboxFd, "rw.txt", ReadOnlyFd, "l"), Perm);
  EXPECT_EQ(symlink("ro.txt", ReadOnlyFd, "s"), Perm);
  auto A = path("ro.txt");
  EXPECT_EQ(call("path_filestat_set_times", {I32(ReadOnlyFd), I32(0), A[0],
                                             A[1], I64(0), I64(0), I32(10)}),
            Perm);
  // A file opened for reading stays read-only, and so does a directory
  // opened beneath the grant.
  uint32_t Fd;
  ASSERT_EQ(open(ReadOnlyFd, "ro.txt", 0, FileRO, 0, &Fd), Success);
  std::string Data;
  ASSERT_EQ(read(Fd, 100, &Data), Success);
  EXPECT_EQ(Data, "read only");
  EXPECT_EQ(write(Fd, "x", nullptr), Perm);
  putU32(256, 4096);
  putU32(260, 1);
  EXPECT_EQ(call("fd_pwrite", {I32(Fd), I32(256), I32(1), I64(0), I32(300)}),
            Perm);
  EXPECT_EQ(call("fd_filestat_set_size", {I32(Fd), I64(0)}), Perm);
  EXPECT_EQ(call("fd_allocate", {I32(Fd), I64(0), I64(10)}), Perm);
  EXPECT_EQ(call("fd_filestat_set_times", {I32(Fd), I64(0), I64(0), I32(10)}),
            Perm);
  uint32_t Dir;
  ASSERT_EQ(open(ReadOnlyFd, "dir", ODirectory, PathOpen | right(9) |
                                                    right(10),
                 FileRW, &Dir),
            Success);
  EXPECT_EQ(one("path_create_directory", Dir, "x"), Perm);
  EXPECT_EQ(open(Dir, "x", OCreat, FdRead, 0, nullptr), Perm);
  expectUntouched();
}

TEST_P(SandboxTest, ReadOnlyIsCheckedBeforeRights) {
  // With its rights narrowed to nothing that matters, the read-only grant
  // still answers mutations with PERM and everything else with NOTCAPABLE.
  ASSERT_EQ(call("fd_fdstat_set_rights",
                 {I32(ReadOnlyFd), I64(FdReaddir), I64(FileRO)}),
            Success);
  EXPECT_EQ(open(ReadOnlyFd, "new.txt", OCreat, FdRead, 0, nullptr), Perm);
  EXPECT_EQ(open(ReadOnlyFd, "ro.txt", 0, FdWrite, 0, nullptr), Perm);
  EXPECT_EQ(open(ReadOnlyFd, "ro.txt", 0, FdRead, 0, nullptr), Notcapable);
  EXPECT_EQ(one("path_create_directory", ReadOnlyFd, "x"), Perm);
  EXPECT_EQ(one("path_unlink_file", ReadOnlyFd, "ro.txt"), Perm);
  expectUntouched();
}

TEST_P(SandboxTest, NumbersNeverOpened) {
  for (uint32_t Fd : {5u, 77u, 0xFFFFFFFFu}) {
    std::string Data;
    EXPECT_EQ(read(Fd, 10, &Data), Badf);
    EXPECT_EQ(write(Fd, "x", nullptr), Badf);
    EXPECT_EQ(call("fd_close", {I32(Fd)}), Badf);
    EXPECT_EQ(call("fd_fdstat_get", {I32(Fd), I32(800)}), Badf);
    EXPECT_EQ(call("fd_prestat_get", {I32(Fd), I32(800)}), Badf);
    EXPECT_EQ(call("fd_seek", {I32(Fd), I64(0), I32(0), I32(320)}), Badf);
    EXPECT_EQ(open(Fd, "in.txt", 0, FdRead, 0, nullptr), Badf);
    EXPECT_EQ(one("path_unlink_file", Fd, "in.txt"), Badf);
    EXPECT_EQ(call("fd_renumber", {I32(SandboxFd), I32(Fd)}), Badf);
    EXPECT_EQ(call("fd_renumber", {I32(Fd), I32(SandboxFd)}), Badf);
  }
  // stdio was not granted in these tests.
  EXPECT_EQ(write(1, "x", nullptr), Badf);
  EXPECT_EQ(open(SandboxFd, "in.txt", 0, FdRead, 0, nullptr), Success);
  expectUntouched();
}

TEST_P(SandboxTest, RenumberOntoAPreopenReplacesIt) {
  uint32_t Fd;
  ASSERT_EQ(open(SandboxFd, "in.txt", 0, FdRead, 0, &Fd), Success);
  ASSERT_EQ(call("fd_renumber", {I32(Fd), I32(SandboxFd)}), Success);
  // The file is now fd 3; its old number is free; the grant is gone.
  std::string Data;
  ASSERT_EQ(read(SandboxFd, 100, &Data), Success);
  EXPECT_EQ(Data, "inside");
  EXPECT_EQ(read(Fd, 10, &Data), Badf);
  EXPECT_EQ(call("fd_prestat_get", {I32(SandboxFd), I32(800)}), Badf);
  EXPECT_EQ(open(SandboxFd, "in.txt", 0, FdRead, 0, nullptr), Notcapable);
  EXPECT_EQ(open(SandboxFd, "..", 0, FdRead, 0, nullptr), Notcapable);
  // Renumbering the read-only grant onto itself changes nothing.
  EXPECT_EQ(call("fd_renumber", {I32(ReadOnlyFd), I32(ReadOnlyFd)}), Success);
  EXPECT_EQ(call("fd_prestat_get", {I32(ReadOnlyFd), I32(800)}), Success);
  // Moving the read-only grant elsewhere keeps it read-only.
  ASSERT_EQ(open(ReadOnlyFd, ".", ODirectory, PathOpen, 0, &Fd), Success);
  ASSERT_EQ(call("fd_renumber", {I32(ReadOnlyFd), I32(Fd)}), Success);
  EXPECT_EQ(one("path_unlink_file", Fd, "ro.txt"), Perm);
  expectUntouched();
}

} // namespace

WASI_TEST_MODES(SandboxTest);

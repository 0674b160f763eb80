//===- Archives.cpp - Where a target's runtime and C library are ----------===//
//
// A built program links three kinds of archives for its target: the
// runtime's (built per target, see runtime/targets/CMakeLists.txt), the C
// library's, and GCC's runtime library (libgcc), which the static C library
// was built against. Nothing is looked up on PATH: the runtime comes from
// beside the tool, the C library and libgcc from the Debian locations of
// the host's and the cross toolchains.
//
//===----------------------------------------------------------------------===//
#include "link/Link.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VersionTuple.h"

using namespace llvm;

namespace wasmaot {

namespace {

/// "x86_64-linux-gnu", the directory name of a triple's archives.
std::string tripleDir(const Triple &T) {
  return (T.getArchName() + "-linux-gnu").str();
}

Error notFound(const Twine &What, const Twine &Where, const Twine &Hint) {
  return createStringError(inconvertibleErrorCode(),
                           What + " not found in " + Where + Hint);
}

const char *const RuntimeArchives[] = {"libWasmAOTMain.a", "libWasmAOTWasi.a",
                                       "libWasmAOTRuntime.a"};

bool hasAll(StringRef Dir, ArrayRef<const char *> Files) {
  for (const char *F : Files) {
    SmallString<256> P(Dir);
    sys::path::append(P, F);
    if (!sys::fs::exists(P))
      return false;
  }
  return true;
}

std::vector<std::string> inDir(StringRef Dir, ArrayRef<const char *> Files) {
  std::vector<std::string> Paths;
  for (const char *F : Files) {
    SmallString<256> P(Dir);
    sys::path::append(P, F);
    Paths.push_back(std::string(P));
  }
  return Paths;
}


/// The first of Dirs holding every one of Files; empty if none does.
std::string firstWithAll(ArrayRef<std::string> Dirs,
                         ArrayRef<const char *> Files) {
  for (const std::string &Dir : Dirs)
    if (hasAll(Dir, Files))
      return Dir;
  return "";
}

/// "a, b, c" for a message.
std::string listed(ArrayRef<std::string> Dirs) {
  std::string Where;
  for (const std::string &Dir : Dirs)
    Where += (Where.empty() ? "" : ", ") + Dir;
  return Where.empty() ? "(no directory)" : Where;
}

/// Debian's name of Base for T: Base itself on an x86-64 host, the cross
/// package (libc6-dev-arm64-cross) otherwise.
std::string debianPackage(const Triple &T, StringRef Base) {
  if (T.getArch() == Triple::aarch64)
    return (Base + "-arm64-cross").str();
  if (T.getArch() == Triple::riscv64)
    return (Base + "-riscv64-cross").str();
  return Base.str();
}

/// GCC installs its runtime per version, /usr/lib/gcc/<triple>/<N> for the
/// host and /usr/lib/gcc-cross/<triple>/<N> for cross compilers; the
/// version directories of both, newest first, so an upgraded GCC wins and
/// no version is spelled here.
std::vector<std::string> gccVersionDirs(StringRef TripleName) {
  std::vector<std::pair<VersionTuple, std::string>> Found;
  for (StringRef Root : {"/usr/lib/gcc", "/usr/lib/gcc-cross"}) {
    SmallString<256> Base(Root);
    sys::path::append(Base, TripleName);
    std::error_code EC;
    for (sys::fs::directory_iterator It(Base, EC), End; It != End && !EC;
         It.increment(EC)) {
      VersionTuple V;
      // Skips what is not a version (and "12" and "12.2" both parse).
      if (V.tryParse(sys::path::filename(It->path())))
        continue;
      Found.push_back({V, It->path()});
    }
  }
  // Newest first; the same version in both roots in a fixed order.
  llvm::sort(Found, [](const auto &A, const auto &B) {
    return A.first != B.first ? A.first > B.first : A.second < B.second;
  });
  std::vector<std::string> Dirs;
  for (auto &[Version, Dir] : Found)
    Dirs.push_back(std::move(Dir));
  return Dirs;
}
} // namespace

Expected<std::vector<std::string>>
findRuntimeArchives(const Triple &T, StringRef ToolPath, StringRef Override) {
  std::vector<std::string> Candidates;
  if (!Override.empty()) {
    Candidates.push_back(Override.str());
  } else {
    // <prefix>/bin/wasm-aot and <build>/tools/wasm-aot/wasm-aot.
    SmallString<256> Dir(sys::path::parent_path(ToolPath));
    for (int Up = 0; Up < 2 && !Dir.empty(); ++Up) {
      Dir = sys::path::parent_path(Dir);
      SmallString<256> C(Dir);
      sys::path::append(C, "lib", "wasm-aot", tripleDir(T));
      Candidates.push_back(std::string(C));
    }
  }
  for (const std::string &Dir : Candidates)
    if (hasAll(Dir, RuntimeArchives))
      return inDir(Dir, RuntimeArchives);
  return notFound("the " + tripleDir(T) + " runtime (libWasmAOTMain.a, "
                  "libWasmAOTWasi.a, libWasmAOTRuntime.a)",
                  listed(Candidates),
                  "; build the target wasm-aot-runtimes or pass "
                  "--runtime-dir");
}

Expected<CLibrary> findCLibrary(const Triple &T, StringRef LibcOverride,
                                StringRef GccOverride) {
  const std::string Name = tripleDir(T);
  CLibrary L;

  const char *const LibcFiles[] = {"crt1.o", "crti.o", "crtn.o", "libc.a",
                                   "libm.a"};
  std::vector<std::string> Candidates;
  if (!LibcOverride.empty())
    Candidates.push_back(LibcOverride.str());
  else
    Candidates = {"/usr/" + Name + "/lib", "/usr/lib/" + Name};
  L.Dir = firstWithAll(Candidates, LibcFiles);
  if (L.Dir.empty())
    return notFound("the static C library for " + Name +
                        " (crt1.o, crti.o, crtn.o, libc.a, libm.a)",
                    listed(Candidates),
                    " (install " + debianPackage(T, "libc6-dev") +
                        ") or pass --libc-dir");

  const char *const GccFiles[] = {"libgcc.a", "libgcc_eh.a", "crtbeginT.o",
                                  "crtend.o"};
  Candidates.clear();
  if (!GccOverride.empty())
    Candidates.push_back(GccOverride.str());
  else
    Candidates = gccVersionDirs(Name);
  L.GccDir = firstWithAll(Candidates, GccFiles);
  if (L.GccDir.empty())
    return notFound("GCC's static runtime library for " + Name +
                        " (libgcc.a, libgcc_eh.a, crtbeginT.o, crtend.o)",
                    Candidates.empty()
                        ? "/usr/lib/gcc/" + Name + "/*, /usr/lib/gcc-cross/" +
                              Name + "/*"
                        : listed(Candidates),
                    " (install " + debianPackage(T, "libgcc-12-dev") +
                        ") or pass --libgcc-dir");
  return L;
}

} // namespace wasmaot

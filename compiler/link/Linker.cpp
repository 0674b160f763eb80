//===- Linker.cpp - Linking a built program with lld, in-process ----------===//
//
// The program is linked statically: it then runs on any Linux of its
// architecture, whatever C library (or none) the device has, which is what
// shipping a single file to a device needs. lld's ELF driver runs inside
// the tool, so building needs no system linker or compiler.
//
//===----------------------------------------------------------------------===//
#include "link/Link.h"

#include "lld/Common/Driver.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/Path.h"

#include <mutex>

LLD_HAS_DRIVER(elf)

using namespace llvm;

namespace wasmaot {

namespace {

StringRef emulation(const Triple &T) {
  switch (T.getArch()) {
  case Triple::x86_64:
    return "elf_x86_64";
  case Triple::aarch64:
    return "aarch64linux";
  case Triple::riscv64:
    return "elf64lriscv";
  default:
    return "";
  }
}

std::string inDir(StringRef Dir, StringRef File) {
  SmallString<256> P(Dir);
  sys::path::append(P, File);
  return std::string(P);
}

/// Runs lld's ELF driver in-process with Args (Args[0] is the program
/// name); its diagnostics go into the error.
Error runLld(const std::vector<std::string> &Args) {
  std::vector<const char *> Argv;
  for (const std::string &A : Args)
    Argv.push_back(A.c_str());
  std::string Out, Err;
  raw_string_ostream OutOS(Out), ErrOS(Err);
  // lld reports a fatal error by "exiting", which lldMain turns into a
  // return through a crash-recovery context, but only when crash recovery
  // is enabled and only on the thread that entered it (hence --threads=1
  // in every link). Without it, a bad object would end the process silently.
  CrashRecoveryContext::Enable();
  // lld's driver keeps global state: callers on several threads (the spec
  // runner's build jobs) take turns.
  static std::mutex Turn;
  std::lock_guard<std::mutex> Lock(Turn);
  lld::Result R =
      lld::lldMain(Argv, OutOS, ErrOS, {{lld::Gnu, &lld::elf::link}});
  OutOS.flush();
  ErrOS.flush();
  if (R.retCode != 0) {
    StringRef Message = StringRef(Err).trim();
    return createStringError(inconvertibleErrorCode(),
                             "linking failed: " +
                                 (Message.empty() ? StringRef("lld failed")
                                                  : Message));
  }
  return Error::success();
}

} // namespace

Error linkExecutable(const Triple &T, const std::vector<std::string> &Objects,
                     const std::vector<std::string> &Archives,
                     const CLibrary &LibC, StringRef Output,
                     const ExecutableOptions &Opts) {
  StringRef Emulation = emulation(T);
  if (Emulation.empty())
    return createStringError(inconvertibleErrorCode(),
                             "cannot link executables for " + T.str());
  // What GCC's driver passes for -static: the C library's start files,
  // libgcc's crtbeginT.o/crtend.o around the objects (.eh_frame's end
  // marker, __TMC_END__), and libgcc beside libc, whose static archive
  // calls the unwinder and, on AArch64 and RISC-V, libgcc's helpers.
  std::vector<std::string> Args = {
      "ld.lld", "-m", Emulation.str(), "-static", "--eh-frame-hdr",
      "-z", "noexecstack", "--gc-sections", "--build-id",
      // RISC-V objects keep their .L labels for linker relaxation; the
      // program's symbol table does not need them (4 MB of them in a hello).
      "--discard-locals",
      // lld's fatal errors exit the process when they happen on a worker
      // thread, past the crash-recovery context lldMain returns through:
      // one thread, so a bad input is an error message, not a silent exit.
      "--threads=1",
      "-o", Output.str(),
      inDir(LibC.Dir, "crt1.o"), inDir(LibC.Dir, "crti.o"),
      inDir(LibC.GccDir, "crtbeginT.o")};
  if (!Opts.KeepDebugInfo)
    Args.push_back("--strip-debug");
  Args.insert(Args.end(), Objects.begin(), Objects.end());
  // One group: the runtime archives, libc and libgcc refer to each other.
  Args.push_back("--start-group");
  Args.insert(Args.end(), Archives.begin(), Archives.end());
  Args.push_back(inDir(LibC.Dir, "libm.a"));
  Args.push_back(inDir(LibC.Dir, "libc.a"));
  Args.push_back(inDir(LibC.GccDir, "libgcc.a"));
  Args.push_back(inDir(LibC.GccDir, "libgcc_eh.a"));
  Args.push_back("--end-group");
  Args.push_back(inDir(LibC.GccDir, "crtend.o"));
  Args.push_back(inDir(LibC.Dir, "crtn.o"));

  return runLld(Args);
}

/// Links Objects into Output with lld in the mode ModeArgs gives (`-r`,
/// `-shared ...`); What names the output in the error for a target lld
/// cannot link for.
static Error linkObjects(const Triple &T,
                         std::initializer_list<const char *> ModeArgs,
                         const std::vector<std::string> &Objects,
                         StringRef Output, StringRef What) {
  StringRef Emulation = emulation(T);
  if (Emulation.empty())
    return createStringError(inconvertibleErrorCode(),
                             "cannot link " + What + " for " + T.str());
  std::vector<std::string> Args = {"ld.lld", "-m", Emulation.str()};
  Args.insert(Args.end(), ModeArgs.begin(), ModeArgs.end());
  Args.insert(Args.end(), {"--threads=1", "-o", Output.str()});
  Args.insert(Args.end(), Objects.begin(), Objects.end());
  return runLld(Args);
}

Error linkRelocatable(const Triple &T, const std::vector<std::string> &Objects,
                      StringRef Output) {
  return linkObjects(T, {"-r"}, Objects, Output, "objects");
}

Error linkSharedObject(const Triple &T, const std::vector<std::string> &Objects,
                       StringRef Output) {
  return linkObjects(T, {"-shared", "-Bsymbolic"}, Objects, Output,
                     "shared objects");
}

} // namespace wasmaot

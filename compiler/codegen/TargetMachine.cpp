//===- TargetMachine.cpp - The supported targets --------------------------===//
//
// Only the three targets the runtime supports are initialised, from the
// LLVM shared library: pulling in every target LLVM was built with would
// cost start-up time for nothing.
//
//===----------------------------------------------------------------------===//
#include "codegen/CodeGen.h"

#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/CodeGen.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

#include <mutex>

extern "C" {
void LLVMInitializeX86TargetInfo();
void LLVMInitializeX86Target();
void LLVMInitializeX86TargetMC();
void LLVMInitializeX86AsmPrinter();
void LLVMInitializeAArch64TargetInfo();
void LLVMInitializeAArch64Target();
void LLVMInitializeAArch64TargetMC();
void LLVMInitializeAArch64AsmPrinter();
void LLVMInitializeRISCVTargetInfo();
void LLVMInitializeRISCVTarget();
void LLVMInitializeRISCVTargetMC();
void LLVMInitializeRISCVAsmPrinter();
}

using namespace llvm;

namespace wasmaot {

static void initializeTargets() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    LLVMInitializeX86TargetInfo();
    LLVMInitializeX86Target();
    LLVMInitializeX86TargetMC();
    LLVMInitializeX86AsmPrinter();
    LLVMInitializeAArch64TargetInfo();
    LLVMInitializeAArch64Target();
    LLVMInitializeAArch64TargetMC();
    LLVMInitializeAArch64AsmPrinter();
    LLVMInitializeRISCVTargetInfo();
    LLVMInitializeRISCVTarget();
    LLVMInitializeRISCVTargetMC();
    LLVMInitializeRISCVAsmPrinter();
  });
}

Expected<Triple> resolveTriple(StringRef Name) {
  std::string Spelling =
      Name.empty() ? sys::getDefaultTargetTriple() : Name.str();
  Triple T(Triple::normalize(Spelling));
  const bool Supported =
      (T.getArch() == Triple::x86_64 || T.getArch() == Triple::aarch64 ||
       T.getArch() == Triple::riscv64) &&
      T.isOSLinux();
  if (!Supported)
    return createStringError(
        inconvertibleErrorCode(),
        "unsupported target '" + Spelling +
            "' (expected x86_64-linux-gnu, aarch64-linux-gnu or "
            "riscv64-linux-gnu)");
  if (T.getEnvironment() == Triple::UnknownEnvironment)
    T.setEnvironment(Triple::GNU);
  return T;
}

static CodeGenOptLevel codeGenLevel(OptLevel L) {
  switch (L) {
  case OptLevel::O0:
    return CodeGenOptLevel::None;
  case OptLevel::O1:
    return CodeGenOptLevel::Less;
  case OptLevel::O2:
    return CodeGenOptLevel::Default;
  case OptLevel::O3:
    return CodeGenOptLevel::Aggressive;
  }
  llvm_unreachable("unknown optimisation level");
}

Expected<std::unique_ptr<TargetMachine>>
createTargetMachine(const TargetOptions &Opts) {
  initializeTargets();
  Expected<Triple> T = resolveTriple(Opts.Triple);
  if (!T)
    return T.takeError();
  std::string Error;
  const Target *TheTarget = TargetRegistry::lookupTarget(T->str(), Error);
  if (!TheTarget)
    return createStringError(inconvertibleErrorCode(), Error);

  std::string CPU = Opts.CPU.empty() ? "generic" : Opts.CPU;
  llvm::TargetOptions TO;
  SubtargetFeatures Features;
  if (T->getArch() == Triple::riscv64) {
    // Linux on RISC-V means rv64gc with the lp64d ABI; the runtime is
    // built that way, and lld refuses to mix float ABIs.
    if (Opts.CPU.empty())
      CPU = "generic-rv64";
    for (const char *F : {"+m", "+a", "+f", "+d", "+c"})
      Features.AddFeature(F);
    TO.MCOptions.ABIName = "lp64d";
  }
  SubtargetFeatures Extra(Opts.Features);
  for (const std::string &F : Extra.getFeatures()) {
    if (F.size() < 2 || (F[0] != '+' && F[0] != '-'))
      return createStringError(inconvertibleErrorCode(),
                               "invalid target feature '" + F +
                                   "' (expected +name or -name)");
    Features.AddFeature(F);
  }

  // LLVM only warns about an unknown CPU or feature, on stderr (once per
  // subtarget it makes), and goes on without it; a typo should not silently
  // produce generic code. Checked against a subtarget made with neither,
  // before the target machine would warn.
  std::unique_ptr<MCSubtargetInfo> Known(
      TheTarget->createMCSubtargetInfo(T->str(), "", ""));
  if (!Known)
    return createStringError(inconvertibleErrorCode(),
                             "cannot describe the CPUs of '" + T->str() + "'");
  if (!Opts.CPU.empty() && !Known->isCPUStringValid(Opts.CPU))
    return createStringError(inconvertibleErrorCode(),
                             "unknown CPU '" + Opts.CPU + "' for target '" +
                                 T->str() + "'");
  for (const std::string &F : Extra.getFeatures()) {
    StringRef Name = StringRef(F).drop_front();
    if (!llvm::any_of(Known->getAllProcessorFeatures(),
                      [&](const SubtargetFeatureKV &KV) {
                        return Name == KV.Key;
                      }))
      return createStringError(inconvertibleErrorCode(),
                               "unknown target feature '" + Name.str() +
                                   "' for target '" + T->str() + "'");
  }

  std::unique_ptr<TargetMachine> TM(TheTarget->createTargetMachine(
      T->str(), CPU, Features.getString(), TO, Reloc::PIC_, std::nullopt,
      codeGenLevel(Opts.Opt)));
  if (!TM)
    return createStringError(inconvertibleErrorCode(),
                             "cannot create a target machine for '" +
                                 T->str() + "'");
  return std::move(TM);
}

} // namespace wasmaot

//===- CodeGen.h - LLVM IR to native code -----------------------*- C++ -*-===//
//
// The back half of the compiler: a target machine for one of the supported
// targets (x86-64, AArch64 and RISC-V 64, all Linux), the optimisation
// pipeline, and writing the result as an object file, assembly, or LLVM IR
// (text or bitcode). Objects are position-independent: the spec runner links
// them into shared objects, and executables are PIE.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_CODEGEN_CODEGEN_H
#define WASMAOT_CODEGEN_CODEGEN_H

#include "abi/SiteMap.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace wasmaot {

enum class OptLevel { O0, O1, O2, O3 };

/// What to write.
enum class OutputKind {
  Object,   ///< an ELF relocatable
  Assembly, ///< the target's assembly
  LLVMText, ///< LLVM IR, textual (.ll)
  Bitcode,  ///< LLVM IR, bitcode (.bc)
};

struct TargetOptions {
  /// x86_64-linux-gnu, aarch64-linux-gnu, riscv64-linux-gnu (or any
  /// spelling of those: x86_64-unknown-linux-gnu, ...). Empty: the host.
  std::string Triple;
  /// An LLVM CPU name (--cpu); empty: the target's generic CPU.
  std::string CPU;
  /// LLVM target features, "+x,-y" (--target-features). RISC-V 64 starts
  /// from rv64gc (+m,+a,+f,+d,+c), the Linux baseline, and these apply on
  /// top.
  std::string Features;
  OptLevel Opt = OptLevel::O2;
};

/// The normalised triple Opts asks for; an error for targets other than
/// the three supported ones.
llvm::Expected<llvm::Triple> resolveTriple(llvm::StringRef Triple);

/// A target machine for Opts: PIC, the given CPU and features, codegen
/// optimisation level matching Opts.Opt. An unknown CPU is an error.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const TargetOptions &Opts);

/// Passes of the caller's, added to the default pipeline at its extension
/// points.
struct PipelineExtensions {
  /// Function passes run just before the loop vectoriser (not at -O0).
  std::function<void(llvm::FunctionPassManager &)> VectorizerStart;
};

/// Runs the new pass manager's default module pipeline for Level on M.
void optimizeModule(llvm::Module &M, llvm::TargetMachine &TM, OptLevel Level,
                    const PipelineExtensions &Extensions = {});

/// An object made by the code generator, and the site map of the guest
/// functions in it when lowering gave them one (abi/SiteMap.h).
struct EmittedObject {
  llvm::SmallVector<char, 0> Bytes;
  /// One entry per guest function of the module, in defined-index order.
  std::vector<SiteMapFunction> Sites;
  bool HasSites = false;
};

/// Runs the code generator on M for an object. The map, when there is
/// one, is returned rather than written into the object: the placeholder it
/// belongs in may be in another object (driver/Partition.h).
llvm::Expected<EmittedObject> emitObject(llvm::Module &M,
                                         llvm::TargetMachine &TM);

/// Writes M as Kind to OS. Object and assembly output run the target's
/// code generator on M; an object gets its site map.
llvm::Error emitModule(llvm::Module &M, llvm::TargetMachine &TM,
                       OutputKind Kind, llvm::raw_pwrite_stream &OS);

} // namespace wasmaot

#endif

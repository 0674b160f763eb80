//===- Compile.h - A wasm binary to native code, start to finish -*- C++ -*-===//
//
// The whole pipeline behind `wasm-aot compile` (and anything else that
// needs an object from a module, such as the spec runner):
//   bytes -> decode -> validate -> lower -> verify -> optimise -> emit
// (for a large module, lower to emit once per partition, in parallel, and
// link the objects into one: Partition.h)
// Every stage reports through llvm::Error: a malformed or invalid module as
// the decoder's or validator's WasmError, anything after validation as an
// internal error (a module that validates must compile).
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_DRIVER_COMPILE_H
#define WASMAOT_DRIVER_COMPILE_H

#include "codegen/CodeGen.h"
#include "driver/Partition.h"
#include "ir/Features.h"
#include "ir/Module.h"
#include "lower/LowerOptions.h"
#include "lower/LoweringScope.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <memory>

namespace wasmaot {

struct CompileOptions {
  /// The features the module is decoded and validated under.
  Features EnabledFeatures;
  /// Bounds-checking strategy and the descriptor's symbol.
  LowerOptions Lower;
  /// Triple, CPU, target features, optimisation level.
  TargetOptions Target;
  OutputKind Output = OutputKind::Object;
  /// How a large module is split (Partition.h). Objects only: text output
  /// is always of the whole module.
  PartitionOptions Partition;
  /// Threads compiling partitions at once; 0: one per core. The output
  /// does not depend on it.
  unsigned Jobs = 0;
  /// Called as functions are compiled: (done, total). From any thread,
  /// never two at once; may be empty.
  std::function<void(uint64_t, uint64_t)> Progress;
};

/// Decodes, validates and compiles Bytes, writing the result to OS.
llvm::Error compileModule(llvm::ArrayRef<uint8_t> Bytes,
                          const CompileOptions &Opts,
                          llvm::raw_pwrite_stream &OS);

/// Validates and compiles an already decoded module.
llvm::Error compileModule(const Module &Wasm, const CompileOptions &Opts,
                          llvm::raw_pwrite_stream &OS);

/// Lowers the part Scope of the validated Wasm for TM, verifies and
/// optimises it: the LLVM module code generation gets.
llvm::Expected<std::unique_ptr<llvm::Module>>
lowerForCodeGen(const Module &Wasm, const CompileOptions &Opts,
                llvm::TargetMachine &TM, llvm::LLVMContext &Ctx,
                const LoweringScope &Scope);

/// Checks M with LLVM's verifier. A failure is a compiler bug; the error
/// names the first broken function and quotes the verifier.
llvm::Error verifyLowered(const llvm::Module &M);

} // namespace wasmaot

#endif

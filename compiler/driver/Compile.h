//===- Compile.h - A wasm binary to native code, start to finish -*- C++ -*-===//
//
// The whole pipeline behind `wasm-aot compile` (and anything else that
// needs an object from a module, such as the spec runner):
//   bytes -> decode -> validate -> lower -> verify -> optimise -> emit
// Every stage reports through llvm::Error: a malformed or invalid module as
// the decoder's or validator's WasmError, anything after validation as an
// internal error (a module that validates must compile).
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_DRIVER_COMPILE_H
#define WASMAOT_DRIVER_COMPILE_H

#include "codegen/CodeGen.h"
#include "ir/Features.h"
#include "ir/Module.h"
#include "lower/LowerOptions.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace wasmaot {

struct CompileOptions {
  /// The features the module is decoded and validated under.
  Features EnabledFeatures;
  /// Bounds-checking strategy and the descriptor's symbol.
  LowerOptions Lower;
  /// Triple, CPU, target features, optimisation level.
  TargetOptions Target;
  OutputKind Output = OutputKind::Object;
};

/// Decodes, validates and compiles Bytes, writing the result to OS.
llvm::Error compileModule(llvm::ArrayRef<uint8_t> Bytes,
                          const CompileOptions &Opts,
                          llvm::raw_pwrite_stream &OS);

/// Validates and compiles an already decoded module.
llvm::Error compileModule(const Module &Wasm, const CompileOptions &Opts,
                          llvm::raw_pwrite_stream &OS);

/// Checks M with LLVM's verifier. A failure is a compiler bug; the error
/// names the first broken function and quotes the verifier.
llvm::Error verifyLowered(const llvm::Module &M);

} // namespace wasmaot

#endif

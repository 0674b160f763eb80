//===- ModuleLowering.h - A validated module to LLVM IR ---------*- C++ -*-===//
//
// The entry point of the lowering. Declares every defined function
// (internal linkage, or hidden when the module is lowered in partitions:
// LoweringScope.h), lowers each body (FunctionLowering.h), and emits what
// the runtime needs to instantiate the module without its .wasm file: the
// wa_module descriptor (the object's one external symbol,
// LowerOptions::ModuleSymbol), an entry wrapper per exported function, a
// host thunk per function type of the imported functions, and the
// constant-expression functions of wa_module_init.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_MODULELOWERING_H
#define WASMAOT_LOWER_MODULELOWERING_H

#include "ir/Module.h"
#include "lower/LowerOptions.h"
#include "lower/LoweringScope.h"

#include "llvm/IR/DataLayout.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>

namespace wasmaot {

/// Lowers Wasm, which must have been validated, for the target described by
/// Triple and DL (set on the result before anything is emitted, since the
/// runtime-call attributes depend on the triple).
llvm::Expected<std::unique_ptr<llvm::Module>>
lowerModule(const Module &Wasm, llvm::LLVMContext &Ctx,
            const LowerOptions &Opts, const llvm::Triple &Triple,
            const llvm::DataLayout &DL);

/// Lowers the part of Wasm that Scope names (LoweringScope.h).
llvm::Expected<std::unique_ptr<llvm::Module>>
lowerModule(const Module &Wasm, llvm::LLVMContext &Ctx,
            const LowerOptions &Opts, const llvm::Triple &Triple,
            const llvm::DataLayout &DL, const LoweringScope &Scope);

} // namespace wasmaot

#endif

//===- ModuleContext.h - One module being lowered ---------------*- C++ -*-===//
//
// What the lowering of every function shares: the LLVM module, the wasm
// module, the layout of the runtime's structures, the options, the alias
// tags and the LLVM function of every defined wasm function (created by
// ModuleLowering.cpp before any body is lowered, so calls can refer to
// functions not lowered yet).
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_MODULECONTEXT_H
#define WASMAOT_LOWER_MODULECONTEXT_H

#include "abi/InstanceLayout.h"
#include "ir/Module.h"
#include "lower/AliasInfo.h"
#include "lower/LowerOptions.h"

#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"

#include <vector>

namespace wasmaot {

struct ModuleContext {
  llvm::Module &M;
  const Module &Wasm;
  InstanceLayout Layout;
  LowerOptions Opts;
  AliasInfo Alias;
  /// The LLVM function of each defined function, by defined index
  /// (function index minus the number of imported functions). Internal
  /// linkage, native signature (NativeSignature.h).
  std::vector<llvm::Function *> DefinedFuncs;

  uint32_t numImportedFuncs() const { return Wasm.numImportedFuncs(); }
  /// The LLVM function of function index FuncIndex; null for an import
  /// (imports are called through instance->funcs[FuncIndex]).
  llvm::Function *definedFunction(uint32_t FuncIndex) const {
    return FuncIndex < numImportedFuncs()
               ? nullptr
               : DefinedFuncs[FuncIndex - numImportedFuncs()];
  }
};

} // namespace wasmaot

#endif

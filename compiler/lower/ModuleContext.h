//===- ModuleContext.h - One module being lowered ---------------*- C++ -*-===//
//
// What the lowering of every function shares: the LLVM module, the wasm
// module, the layout of the runtime's structures, the options, the alias
// tags, the part of the module being lowered and the LLVM function of
// every defined wasm function it refers to.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_MODULECONTEXT_H
#define WASMAOT_LOWER_MODULECONTEXT_H

#include "abi/InstanceLayout.h"
#include "ir/Module.h"
#include "lower/AliasInfo.h"
#include "lower/LowerOptions.h"
#include "lower/LoweringScope.h"
#include "lower/StaticTables.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Module.h"

#include <optional>
#include <vector>

namespace wasmaot {

struct ModuleContext {
  llvm::Module &M;
  const Module &Wasm;
  InstanceLayout Layout;
  LowerOptions Opts;
  AliasInfo Alias;
  LoweringScope Scope;

  uint32_t numImportedFuncs() const { return Wasm.numImportedFuncs(); }
  /// The LLVM function of function index FuncIndex, declared on first use
  /// when its body is in another partition; null for an import (imports
  /// are called through instance->funcs[FuncIndex]). Native signature
  /// (NativeSignature.h).
  llvm::Function *definedFunction(uint32_t FuncIndex) const {
    if (FuncIndex < numImportedFuncs())
      return nullptr;
    llvm::Function *&F = DefinedFuncs[FuncIndex - numImportedFuncs()];
    if (!F)
      F = declareDefined(FuncIndex - numImportedFuncs());
    return F;
  }
  /// The same, by defined index (function index minus the imports).
  llvm::Function *definedByIndex(uint32_t Defined) const {
    return definedFunction(numImportedFuncs() + Defined);
  }

  /// By defined index; null until created. ModuleLowering.cpp creates the
  /// functions whose bodies are in scope before any body is lowered (so
  /// calls can refer to functions not lowered yet, and the functions keep
  /// the module's order), the others on first use.
  mutable std::vector<llvm::Function *> DefinedFuncs;

  /// The tables whose contents are known when compiling (StaticTables.h):
  /// the scope's, else found on first use, so that a module without
  /// call_indirect never reads its bodies twice.
  const StaticTables &staticTables() const {
    if (Scope.Static)
      return *Scope.Static;
    if (!Static)
      Static = findStaticTables(Wasm);
    return *Static;
  }

  /// The constant arrays call_indirect reads for a static table: per slot
  /// the function's code (null for a null slot) and its canonical type
  /// index (NullSlot for a null slot), each made on first use
  /// (StaticTableArrays.cpp).
  struct StaticTableArrays {
    llvm::GlobalVariable *Code = nullptr;
    llvm::GlobalVariable *Types = nullptr;
  };
  mutable llvm::DenseMap<uint32_t, StaticTableArrays> StaticArrays{};
  /// staticTables()' cache (public only so this stays an aggregate).
  mutable std::optional<StaticTables> Static{};

private:
  llvm::Function *declareDefined(uint32_t Defined) const;
};

} // namespace wasmaot

#endif

//===- FunctionContext.h - One function being lowered -----------*- C++ -*-===//
//
// What every instruction family's lowering (LowerControl.cpp,
// LowerNumeric.cpp, LowerMemory.cpp, ...) needs while it emits IR for one
// wasm function: the builder, the module and its layout, the instance
// pointer, alias tags, and the trap paths.
//
// Traps: trapIf() branches to a cold block that calls the runtime's
// noreturn trap entry. Inside a wasm function (the translator calls
// setSite() before each instruction) that is wa_trap_at(code, function,
// offset), one block per trap code and instruction, so a trap message can
// say where it happened; the cost is a few bytes of cold code per check.
// Without a site (code lowered outside a wasm function) it is wa_trap(code),
// one block per code. Compiled code never returns after a trap; the runtime
// unwinds to the innermost call into the store.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_FUNCTIONCONTEXT_H
#define WASMAOT_LOWER_FUNCTIONCONTEXT_H

#include "abi/InstanceLayout.h"
#include "abi/RuntimeFunctions.h"
#include "ir/Module.h"
#include "lower/AliasInfo.h"
#include "lower/LowerOptions.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/IRBuilder.h"

namespace wasmaot {

class FunctionContext {
public:
  FunctionContext(llvm::Function &F, const Module &Wasm,
                  const InstanceLayout &Layout, const LowerOptions &Opts,
                  const AliasInfo &Alias);

  llvm::IRBuilder<> B;
  llvm::Function &F;
  llvm::Module &M;
  llvm::LLVMContext &Ctx;
  const Module &Wasm;
  const InstanceLayout &Layout;
  const LowerOptions &Opts;
  const AliasInfo &Alias;

  /// The wa_instance pointer: the function's first argument.
  llvm::Value *instance() const { return F.getArg(0); }

  /// Where the code emitted from now on comes from: function FuncIndex
  /// (index space, imports first), the instruction at byte Offset of the
  /// module file. Traps emitted afterwards report it.
  void setSite(uint32_t FuncIndex, uint32_t Offset) {
    HasSite = true;
    SiteFunc = FuncIndex;
    SiteOffset = Offset;
  }

  /// The module offset of the instruction being lowered (0 outside one),
  /// for error messages.
  uint64_t siteOffset() const { return HasSite ? SiteOffset : 0; }

  /// Continues in a new block when Cond is false; traps with Code when it
  /// is true. The trap branch is marked unlikely.
  void trapIf(llvm::Value *Cond, TrapCode Code);

  /// Traps unconditionally. The builder is left in a new block that has no
  /// predecessors (code after it is dead and removed by LLVM).
  void trap(TrapCode Code);

  /// The address Offset bytes past Base (an i8 GEP).
  llvm::Value *fieldAddress(llvm::Value *Base, uint64_t Offset,
                            const llvm::Twine &Name = "");

  /// Loads a Ty at Offset bytes past Base, tagged with Tag. Invariant: the
  /// value never changes while the instance lives (the memory base in guard
  /// mode, the tables array, a global's cell pointer); it is marked
  /// !invariant.load so LLVM may hoist it anywhere, even across calls.
  llvm::LoadInst *loadField(llvm::Value *Base, uint64_t Offset,
                            llvm::Type *Ty, llvm::MDNode *Tag, bool Invariant,
                            const llvm::Twine &Name = "");

  /// Calls runtime function RF (RuntimeFunctions.def) with Args.
  llvm::CallInst *callRuntime(RuntimeFunction RF,
                              llvm::ArrayRef<llvm::Value *> Args);
  /// Calls a runtime bulk operation that may trap, with Args and then the
  /// current site (function, offset; WA_NO_SITE without one) for its trap
  /// report.
  llvm::CallInst *callRuntimeAtSite(RuntimeFunction RF,
                                    llvm::ArrayRef<llvm::Value *> Args);

  /// With fuel metering, the function's copy of the store's fuel
  /// (LowerChecks.h); every trap path writes it back first.
  llvm::AllocaInst *FuelLocal = nullptr;

  /// Per memory index, its wa_memory record, loaded at the entry
  /// (LowerMemory.cpp).
  llvm::DenseMap<uint32_t, llvm::Value *> MemoryRecords;
  /// Guard mode: per record, the memory's base, which never moves, loaded
  /// at the entry next to the record.
  llvm::DenseMap<llvm::Value *, llvm::Value *> FixedMemoryBases;

  /// Common types.
  llvm::IntegerType *i8() const { return llvm::Type::getInt8Ty(Ctx); }
  llvm::IntegerType *i32() const { return llvm::Type::getInt32Ty(Ctx); }
  llvm::IntegerType *i64() const { return llvm::Type::getInt64Ty(Ctx); }
  llvm::PointerType *ptr() const { return llvm::PointerType::getUnqual(Ctx); }

private:
  llvm::BasicBlock *trapBlock(TrapCode Code);
  /// Keyed by code, and by offset too when there is a site.
  llvm::DenseMap<uint64_t, llvm::BasicBlock *> TrapBlocks;
  bool HasSite = false;
  uint32_t SiteFunc = 0;
  uint32_t SiteOffset = 0;
};

} // namespace wasmaot

#endif

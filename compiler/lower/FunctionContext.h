//===- FunctionContext.h - One function being lowered -----------*- C++ -*-===//
//
// What every instruction family's lowering (LowerControl.cpp,
// LowerNumeric.cpp, LowerMemory.cpp, ...) needs while it emits IR for one
// wasm function: the builder, the module and its layout, the instance
// pointer, alias tags, and the trap paths.
//
// Traps: trapIf() branches to one cold block per trap code and function,
// which calls wa_trap(code) (noreturn). Compiled code never returns after a
// trap; the runtime unwinds to the innermost call into the store.
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

  /// Common types.
  llvm::IntegerType *i8() const { return llvm::Type::getInt8Ty(Ctx); }
  llvm::IntegerType *i32() const { return llvm::Type::getInt32Ty(Ctx); }
  llvm::IntegerType *i64() const { return llvm::Type::getInt64Ty(Ctx); }
  llvm::PointerType *ptr() const { return llvm::PointerType::getUnqual(Ctx); }

private:
  llvm::BasicBlock *trapBlock(TrapCode Code);
  llvm::DenseMap<uint32_t, llvm::BasicBlock *> TrapBlocks;
};

} // namespace wasmaot

#endif

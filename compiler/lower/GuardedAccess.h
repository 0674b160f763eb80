//===- GuardedAccess.h - Guest accesses that may fault ----------*- C++ -*-===//
//
// In guard mode a guest load or store has no check in code: the access
// itself faults on an inaccessible page, and the runtime turns the fault
// into a trap. The spec makes that fault an observable event: it must
// happen, and the memory, globals and tables the trap leaves behind must
// be exactly those of the instructions before it. LLVM takes a plain load
// for an operation that cannot trap, so it deletes one whose value is
// unused, hoists it above earlier stores, and sinks or merges stores across
// it (test/wast/guard-trap-state.wast has the shapes).
//
// So the optimiser never sees a faulting access as a load or store. Each is
// a call to a marker function (one per access type) that
//   * may not return (no willreturn): LLVM cannot delete it, cannot hoist
//     code with side effects above it, and cannot hoist it above code that
//     might not reach it;
//   * reads all memory: every store before it, to guest memory, a global's
//     cell or a table, is done before it;
//   * a load marker writes nothing, a store marker only through its pointer
//     argument, so loads of other state (globals, the memory's fields) stay
//     optimisable around it;
//   * is nounwind, like every compiled function (a trap leaves by longjmp).
// This is the same contract as an explicit check's branch to a noreturn trap
// call, which LLVM already had to respect.
//
// After optimisation, lowerGuardedAccesses() turns every marker call into a
// volatile load or store with the call's debug location (the site map reads
// it), so the code generator neither deletes a fault nor moves memory
// operations across it either. On targets that may write a faulting store
// in part (AArch64, RISC-V), each store of more than one byte is preceded by
// a volatile load of its last byte, so a store straddling the end of memory
// faults before it writes anything (test/lit/codegen/
// memory-guard-partial-store.test).
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_GUARDEDACCESS_H
#define WASMAOT_LOWER_GUARDEDACCESS_H

#include "lower/FunctionContext.h"

#include "llvm/IR/Module.h"

namespace wasmaot {

/// A load of a MemTy at the guest pointer Ptr that may fault.
llvm::Value *emitGuardedLoad(FunctionContext &FC, llvm::Type *MemTy,
                             llvm::Value *Ptr);

/// A store of V at the guest pointer Ptr that may fault.
void emitGuardedStore(FunctionContext &FC, llvm::Value *V, llvm::Value *Ptr);

/// Whether F is one of the marker functions.
bool isGuardedAccessMarker(const llvm::Function &F);

/// Replaces every marker call in M with a volatile access of alignment 1 at
/// the same place and erases the markers. Run it once, after the last IR
/// optimisation and before code generation or printing.
void lowerGuardedAccesses(llvm::Module &M);

} // namespace wasmaot

#endif

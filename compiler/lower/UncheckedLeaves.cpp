//===- UncheckedLeaves.cpp - Functions that need no stack check -----------===//
#include "lower/UncheckedLeaves.h"

#include "lower/GuardedAccess.h"

#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace wasmaot {

bool mayOmitStackCheck(const llvm::Function &F, uint64_t BodyBytes,
                       uint64_t NumLocals) {
  if (BodyBytes > MaxUncheckedLeafBodyBytes ||
      NumLocals > MaxUncheckedLeafLocals)
    return false;
  for (const llvm::Instruction &I : instructions(F)) {
    const auto *Call = dyn_cast<CallBase>(&I);
    if (!Call || isa<IntrinsicInst>(Call) || Call->doesNotReturn())
      continue;
    const llvm::Function *Callee = Call->getCalledFunction();
    if (Callee && isGuardedAccessMarker(*Callee))
      continue;
    return false;
  }
  return true;
}

} // namespace wasmaot

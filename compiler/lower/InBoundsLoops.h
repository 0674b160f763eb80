//===- InBoundsLoops.h - Loops whose guest accesses cannot fault -*- C++ -*-===//
//
// In guard mode every guest load and store is a marker call until code
// generation (GuardedAccess.h): it may fault, so LLVM must neither delete it
// nor move memory operations across it. That precision costs the loops that
// matter most: no load is hoisted, no two are merged, nothing is
// vectorised.
//
// Most hot loops, though, touch addresses that are affine in the loop's
// induction variable. For such a loop the range of every address over all
// its iterations is known before it starts, and one comparison against the
// memory's current size says whether any access can fault. Memory never
// shrinks and, in guard mode, never moves, so if none can fault when the
// loop is entered, none can during it.
//
// This pass versions each innermost loop whose guarded accesses are all
// affine in it (their 32-bit address an add recurrence of the loop, or
// invariant in it) and whose trip count has a computable upper bound:
//
//     if (every access of every iteration lies in [0, size))
//       the loop with plain loads and stores, their addresses rewritten as
//       64-bit recurrences (the check proved the 32-bit ones do not wrap),
//       which LLVM may hoist, merge and vectorise;
//     else
//       the original loop, markers and all, so the access that faults does
//       so at its own iteration with exactly the state before it.
//
// Iterations that never run (an early exit, a trap) only widen the range
// checked, which can send a loop that would not have faulted down the
// precise path, never the other way. The precise copy is marked not to be
// vectorised or unrolled: it runs only when the loop is about to fault.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_INBOUNDSLOOPS_H
#define WASMAOT_LOWER_INBOUNDSLOOPS_H

#include "abi/InstanceLayout.h"

#include "llvm/IR/PassManager.h"

namespace wasmaot {

class InBoundsLoopVersioningPass
    : public llvm::PassInfoMixin<InBoundsLoopVersioningPass> {
public:
  explicit InBoundsLoopVersioningPass(const InstanceLayout &Layout)
      : Layout(Layout) {}
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &FAM);

private:
  InstanceLayout Layout;
};

} // namespace wasmaot

#endif

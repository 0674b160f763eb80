//===- InBoundsLoops.h - Loops whose guest accesses cannot fault -*- C++ -*-===//
//
// In guard mode every guest load and store is a marker call until code
// generation (GuardedAccess.h): it may fault, so LLVM must neither delete it
// nor move memory operations across it. That precision costs the loops that
// matter most: no load is hoisted, no two are merged, nothing is
// vectorised.
//
// Explicit mode has the same problem in another form: each access's check
// is a branch out of the loop, and the vectoriser takes no loop with more
// than one exit.
//
// Most hot loops, though, touch addresses that are affine in the loop's
// induction variable. For such a loop the range of every address over all
// its iterations is known before it starts, and one comparison against the
// memory's current size says whether any access can fault. Memory never
// shrinks, so if none can fault when the loop is entered, none can during
// it (explicit mode reloads the base wherever it may have moved, and the
// copy keeps those loads).
//
// This pass versions each innermost loop with one exit (not counting the
// exits to explicit bounds checks), no calls, a computable trip-count bound
// and guest addresses affine in it (a 32-bit address an add recurrence of
// the loop, scaled or not, or invariant in it):
//
//     if (every access of every iteration lies in [0, size))
//       a copy without faulting accesses or failing checks: guard mode's
//       markers become plain loads and stores, explicit mode's checks are
//       false, and the addresses are rewritten as 64-bit recurrences (the
//       check proved the 32-bit ones do not wrap), which LLVM may hoist,
//       merge and vectorise;
//     else
//       the original loop, markers and checks and all, so the access that
//       faults or fails its check does so at its own iteration with
//       exactly the state before it.
//
// The check also groups the accesses into regions (indices a constant
// apart) and tests whether every region the loop writes is disjoint from
// the others. LLVM sees every guest access as based on the one memory base
// and cannot tell arrays apart itself (see AccessRegion in the .cpp), so
// where they are disjoint the fast copy's accesses say so with scoped
// noalias metadata; where they overlap a third copy runs, in bounds but
// without that metadata.
//
// Three shapes clang gives common loops are made countable first. An index
// written as an xor that is a subtraction (`(i ^ 0x1FFFFFFE) << 3` for an
// even i) is rewritten as that subtraction. A count that steps down by more
// than one past its limit (`n -= 32` while `n >u 15`, wasi-libc's memcpy
// and memset) has no trip count, since it could step past the limit and
// wrap; the check also requires that it lands on the limit instead, and the
// fast copies test it as a signed number, which SCEV counts. An offset
// counted up to 0, whose widened exit test masks the 64-bit counter, is
// tested as the counter reaching 2^32 where that is exact.
//
// A fast copy that is a map clang already unrolled to a vector register's
// width is left to the SLP vectoriser (vectorize.width 1), which widens the
// unrolled body as it is; the loop vectoriser would shuffle strided groups.
//
// Iterations that never run (an early exit) only widen the range checked,
// which can send a loop that would not have trapped down the precise path,
// never the other way. The precise copy is marked not to be vectorised or
// unrolled: it runs only when the loop is about to trap.
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

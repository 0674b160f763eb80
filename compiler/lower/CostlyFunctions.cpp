//===- CostlyFunctions.cpp - Bodies too costly to optimise ----------------===//
#include "lower/CostlyFunctions.h"

#include "decode/InstructionReader.h"
#include "ir/Opcode.h"

#include "llvm/Support/Error.h"

namespace wasmaot {

static uint64_t maxNesting(const Module &Wasm, const Function &Fn) {
  ByteReader Body(Wasm.functionBody(Fn), Fn.BodyOffset);
  InstructionReader Reader(Body, Wasm.EnabledFeatures);
  Instruction I;
  uint64_t Depth = 1, Max = 1; // the function's own frame
  while (!Reader.atEnd() && Depth > 0) {
    if (llvm::Error E = Reader.read(I)) {
      // Validation read the same bytes; nothing to report here.
      llvm::consumeError(std::move(E));
      break;
    }
    if (opensBlock(I.Op))
      Max = std::max(Max, ++Depth);
    else if (I.Op == Opcode::End)
      --Depth;
  }
  return Max;
}

bool isCostlyToOptimise(const Module &Wasm, uint32_t Defined) {
  const Function &Fn = Wasm.Functions[Defined];
  const uint64_t Params = Wasm.Types[Fn.TypeIndex].Params.size();
  if (Params + Fn.NumLocals > MaxOptimisedLocals)
    return true;
  // Each frame beyond the function's takes an opening instruction of two
  // bytes or more and an `end`.
  if (Fn.BodySize < 3 * MaxOptimisedNesting)
    return false;
  return maxNesting(Wasm, Fn) > MaxOptimisedNesting;
}

} // namespace wasmaot

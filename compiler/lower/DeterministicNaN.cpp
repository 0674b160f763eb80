//===- DeterministicNaN.cpp - The NaNs --deterministic pins down ----------===//
#include "lower/DeterministicNaN.h"

using namespace llvm;

namespace wasmaot {

Value *canonicalizeNaN(FunctionContext &FC, Value *V) {
  IRBuilder<> &B = FC.B;
  Value *IsNaN = B.CreateFCmpUNO(V, V, "is.nan");
  // getQNaN of a vector type is the splat, so lanes are done one by one.
  Constant *Canonical = ConstantFP::getQNaN(V->getType());
  return B.CreateSelect(IsNaN, Canonical, V, "canonical");
}

} // namespace wasmaot

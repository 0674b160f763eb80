//===- DeterministicNaN.cpp - The NaNs --deterministic pins down ----------===//
#include "lower/DeterministicNaN.h"

using namespace llvm;

namespace wasmaot {

bool hasNondeterministicNaN(Opcode Op) {
  switch (Op) {
  // Scalar.
  case Opcode::F32Ceil:
  case Opcode::F64Ceil:
  case Opcode::F32Floor:
  case Opcode::F64Floor:
  case Opcode::F32Trunc:
  case Opcode::F64Trunc:
  case Opcode::F32Nearest:
  case Opcode::F64Nearest:
  case Opcode::F32Sqrt:
  case Opcode::F64Sqrt:
  case Opcode::F32Add:
  case Opcode::F64Add:
  case Opcode::F32Sub:
  case Opcode::F64Sub:
  case Opcode::F32Mul:
  case Opcode::F64Mul:
  case Opcode::F32Div:
  case Opcode::F64Div:
  case Opcode::F32Min:
  case Opcode::F64Min:
  case Opcode::F32Max:
  case Opcode::F64Max:
  case Opcode::F32DemoteF64:
  case Opcode::F64PromoteF32:
  // Lanes: the same operators, lane by lane.
  case Opcode::F32x4Ceil:
  case Opcode::F64x2Ceil:
  case Opcode::F32x4Floor:
  case Opcode::F64x2Floor:
  case Opcode::F32x4Trunc:
  case Opcode::F64x2Trunc:
  case Opcode::F32x4Nearest:
  case Opcode::F64x2Nearest:
  case Opcode::F32x4Sqrt:
  case Opcode::F64x2Sqrt:
  case Opcode::F32x4Add:
  case Opcode::F64x2Add:
  case Opcode::F32x4Sub:
  case Opcode::F64x2Sub:
  case Opcode::F32x4Mul:
  case Opcode::F64x2Mul:
  case Opcode::F32x4Div:
  case Opcode::F64x2Div:
  case Opcode::F32x4Min:
  case Opcode::F64x2Min:
  case Opcode::F32x4Max:
  case Opcode::F64x2Max:
  case Opcode::F32x4DemoteF64x2Zero:
  case Opcode::F64x2PromoteLowF32x4:
    return true;
  default:
    return false;
  }
}

Value *canonicalizeNaN(FunctionContext &FC, Value *V) {
  IRBuilder<> &B = FC.B;
  Value *IsNaN = B.CreateFCmpUNO(V, V, "is.nan");
  // getQNaN of a vector type is the splat, so lanes are done one by one.
  Constant *Canonical = ConstantFP::getQNaN(V->getType());
  return B.CreateSelect(IsNaN, Canonical, V, "canonical");
}

} // namespace wasmaot

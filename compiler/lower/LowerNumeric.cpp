//===- LowerNumeric.cpp - Numeric instructions ----------------------------===//
//
// Integer and float arithmetic, tests, comparisons, bit counting, shifts
// and rotates; the conversions are in LowerConversions.cpp.
//
// LLVM leaves several of wasm's defined cases undefined: division by zero
// and INT_MIN / -1 (immediate UB), INT_MIN % -1 (UB; x86's idiv faults),
// shifts by the width or more (poison). Each is guarded or masked here. On
// the float side LLVM may hand a signalling NaN back unquieted where wasm
// wants an arithmetic NaN (llvm.minimum on x86, and folds like x * 1.0 ->
// x); those places quiet it themselves.
//
//===----------------------------------------------------------------------===//
#include "lower/LowerNumeric.h"
#include "lower/DeterministicNaN.h"
#include "lower/LowerNumericInternal.h"

#include "llvm/IR/Intrinsics.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace wasmaot {

bool isNumericInstruction(Opcode Op) {
  return opcodeInfo(Op).Family == LowerFamily::Numeric;
}

void trapUnlessFalse(FunctionContext &FC, Value *Cond, TrapCode Code) {
  if (auto *C = dyn_cast<ConstantInt>(Cond); C && C->isZero())
    return;
  FC.trapIf(Cond, Code);
}

Value *foldBarrier(FunctionContext &FC, Value *V) {
  return FC.B.CreateUnaryIntrinsic(Intrinsic::arithmetic_fence, V);
}

namespace {

Value *boolToI32(FunctionContext &FC, Value *Bit) {
  return FC.B.CreateZExt(Bit, FC.i32());
}

//===--- Integers ---------------------------------------------------------===//

Value *lowerDiv(FunctionContext &FC, bool Signed, Value *L, Value *R) {
  IRBuilder<> &B = FC.B;
  Type *Ty = L->getType();
  trapUnlessFalse(FC, B.CreateICmpEQ(R, Constant::getNullValue(Ty)),
                  TrapCode::IntegerDivideByZero);
  if (!Signed)
    return B.CreateUDiv(L, R);
  // Test the divisor first: when it is a constant other than -1 the test
  // folds to false and no overflow check is emitted.
  Value *RIsMinusOne = B.CreateICmpEQ(R, Constant::getAllOnesValue(Ty));
  if (auto *C = dyn_cast<ConstantInt>(RIsMinusOne); !C || !C->isZero()) {
    unsigned Bits = Ty->getIntegerBitWidth();
    Value *LIsMin = B.CreateICmpEQ(
        L, ConstantInt::get(Ty, APInt::getSignedMinValue(Bits)));
    trapUnlessFalse(FC, B.CreateAnd(LIsMin, RIsMinusOne),
                    TrapCode::IntegerOverflow);
  }
  return B.CreateSDiv(L, R);
}

Value *lowerRem(FunctionContext &FC, bool Signed, Value *L, Value *R) {
  IRBuilder<> &B = FC.B;
  Type *Ty = L->getType();
  trapUnlessFalse(FC, B.CreateICmpEQ(R, Constant::getNullValue(Ty)),
                  TrapCode::IntegerDivideByZero);
  if (!Signed)
    return B.CreateURem(L, R);
  // x % -1 is 0 for every x, and so is x % 1: dividing by 1 instead keeps
  // INT_MIN % -1, which wasm defines as 0, away from srem.
  Value *RIsMinusOne = B.CreateICmpEQ(R, Constant::getAllOnesValue(Ty));
  Value *SafeR = B.CreateSelect(RIsMinusOne, ConstantInt::get(Ty, 1), R);
  return B.CreateSRem(L, SafeR);
}

/// shl, shr_s, shr_u: the count is taken modulo the width (hardware
/// shifts on x86 and AArch64 already do, so the mask costs nothing there).
Value *lowerShift(FunctionContext &FC, llvm::Instruction::BinaryOps Opc, Value *L,
                  Value *R) {
  Type *Ty = L->getType();
  Value *Count = FC.B.CreateAnd(
      R, ConstantInt::get(Ty, Ty->getIntegerBitWidth() - 1));
  return FC.B.CreateBinOp(Opc, L, Count);
}

/// rotl, rotr: funnel shifts of a value with itself take the count modulo
/// the width by definition.
Value *lowerRotate(FunctionContext &FC, Intrinsic::ID Funnel, Value *L,
                   Value *R) {
  return FC.B.CreateIntrinsic(Funnel, {L->getType()}, {L, L, R});
}

/// clz, ctz: zero is defined (the width), not poison.
Value *lowerCount(FunctionContext &FC, Intrinsic::ID ID, Value *V) {
  return FC.B.CreateIntrinsic(ID, {V->getType()}, {V, FC.B.getFalse()});
}

Value *lowerSignExtend(FunctionContext &FC, Value *V, unsigned FromBits) {
  return FC.B.CreateSExt(FC.B.CreateTrunc(V, FC.B.getIntNTy(FromBits)),
                         V->getType());
}

//===--- Floats -----------------------------------------------------------===//

/// Whether V is a float constant whose value, or one of whose lanes, is D
/// bit for bit (-0.0 is not +0.0). For a vector one lane is enough: LLVM
/// folds splats only, but a barrier costs nothing, so any vector with such
/// a lane gets one.
bool isConstantFP(Value *V, double D) {
  auto *C = dyn_cast<Constant>(V);
  if (!C)
    return false;
  auto Is = [D](const Constant *Lane) {
    auto *FP = dyn_cast_or_null<ConstantFP>(Lane);
    if (!FP)
      return false;
    APFloat Want(D);
    bool LosesInfo;
    Want.convert(FP->getValueAPF().getSemantics(),
                 APFloat::rmNearestTiesToEven, &LosesInfo);
    return FP->getValueAPF().bitwiseIsEqual(Want);
  };
  auto *VecTy = dyn_cast<FixedVectorType>(C->getType());
  if (!VecTy)
    return Is(C);
  for (unsigned I = 0, E = VecTy->getNumElements(); I != E; ++I)
    if (Is(C->getAggregateElement(I)))
      return true;
  return false;
}

} // namespace

/// add, sub, mul, div: IEEE operations, no fast-math flags. An operand
/// LLVM may fold the operation away with (x + -0.0 -> x, x - 0.0 -> x,
/// -0.0 - x -> -x, x * 1.0 -> x, x * -1.0 -> -x, x / +-1.0 -> +-x, and
/// x + 0.0 -> x for an x known not to be -0.0) is hidden behind a fold
/// barrier: the folded code would return a signalling NaN x unquieted.
Value *lowerFloatArith(FunctionContext &FC, llvm::Instruction::BinaryOps Opc,
                       Value *L, Value *R) {
  auto IsZero = [](Value *V) {
    return isConstantFP(V, 0.0) || isConstantFP(V, -0.0);
  };
  auto IsOne = [](Value *V) {
    return isConstantFP(V, 1.0) || isConstantFP(V, -1.0);
  };
  switch (Opc) {
  case llvm::Instruction::FAdd:
  case llvm::Instruction::FSub:
    if (IsZero(L))
      L = foldBarrier(FC, L);
    if (IsZero(R))
      R = foldBarrier(FC, R);
    break;
  case llvm::Instruction::FMul:
    if (IsOne(L))
      L = foldBarrier(FC, L);
    if (IsOne(R))
      R = foldBarrier(FC, R);
    break;
  case llvm::Instruction::FDiv:
    if (IsOne(R))
      R = foldBarrier(FC, R);
    break;
  default:
    break;
  }
  return FC.B.CreateBinOp(Opc, L, R);
}

/// min, max: llvm.minimum/maximum order -0.0 below +0.0 and return NaN if
/// either operand is, as wasm does, but may return a signalling NaN operand
/// as it is (x86's lowering does). wasm wants an arithmetic NaN: the sum
/// of the operands is one, and canonical when the NaN operands are.
Value *lowerMinMax(FunctionContext &FC, Intrinsic::ID ID, Value *L,
                   Value *R) {
  IRBuilder<> &B = FC.B;
  Value *MinMax = B.CreateBinaryIntrinsic(ID, L, R);
  Value *Quiet = lowerFloatArith(FC, llvm::Instruction::FAdd, L, R);
  return B.CreateSelect(B.CreateFCmpUNO(L, R), Quiet, MinMax);
}

namespace {

Value *lowerUnaryIntrinsic(FunctionContext &FC, Intrinsic::ID ID, Value *V) {
  return FC.B.CreateUnaryIntrinsic(ID, V);
}

/// ceil, floor, trunc, nearest. RISC-V has no rounding instruction without
/// the Zfa extension: LLVM rounds a value below 2^23 (2^52) in magnitude by
/// a conversion to integer and back, and returns anything else, NaNs
/// included, as it is, so a signalling NaN would come back unquieted.
/// There the operand first goes through x + -0.0, which is x for every
/// other value (-0.0 and +0.0 included) and quiets a NaN; the constant is
/// behind a fold barrier, since LLVM would fold the addition away. The
/// other targets' instructions (SSE4.1 round, AArch64 frint) and libm's
/// functions quiet NaNs themselves.
Value *lowerRounding(FunctionContext &FC, Intrinsic::ID ID, Value *V) {
  if (Triple(FC.M.getTargetTriple()).isRISCV()) {
    Value *MinusZero = foldBarrier(FC, ConstantFP::getNegativeZero(V->getType()));
    V = FC.B.CreateFAdd(V, MinusZero);
  }
  return lowerUnaryIntrinsic(FC, ID, V);
}

Value *lowerCompare(FunctionContext &FC, CmpInst::Predicate Pred, Value *L,
                    Value *R) {
  return boolToI32(FC, FC.B.CreateCmp(Pred, L, R));
}

} // namespace

namespace {

Value *lowerNumericOperator(FunctionContext &FC, Opcode Op,
                            ArrayRef<Value *> Ops);

} // namespace

Value *lowerNumeric(FunctionContext &FC, Opcode Op, ArrayRef<Value *> Ops) {
  Value *Result = lowerNumericOperator(FC, Op, Ops);
  // The float operators whose NaN results wasm leaves open (NanOpen in the
  // opcode table): the spec only says "some NaN" (canonical when every NaN
  // operand is), so the bits are what the target's instruction makes
  // (x86-64: 0/0 is 0xffc00000; AArch64 and RISC-V: 0x7fc00000; RISC-V
  // drops payloads where the others keep them).
  if (FC.Opts.Deterministic && opcodeInfo(Op).has(NanOpen))
    return canonicalizeNaN(FC, Result);
  return Result;
}

namespace {

Value *lowerNumericOperator(FunctionContext &FC, Opcode Op,
                            ArrayRef<Value *> Ops) {
  assert(isNumericInstruction(Op) && "not a numeric instruction");
  if (Value *V = lowerConversion(FC, Op, Ops[0]))
    return V;

  IRBuilder<> &B = FC.B;
  Value *L = Ops[0];
  Value *R = Ops.size() > 1 ? Ops[1] : nullptr;
  switch (Op) {
  // Tests and integer comparisons.
  case Opcode::I32Eqz:
  case Opcode::I64Eqz:
    return boolToI32(FC, B.CreateIsNull(L));
  case Opcode::I32Eq:
  case Opcode::I64Eq:
    return lowerCompare(FC, CmpInst::ICMP_EQ, L, R);
  case Opcode::I32Ne:
  case Opcode::I64Ne:
    return lowerCompare(FC, CmpInst::ICMP_NE, L, R);
  case Opcode::I32LtS:
  case Opcode::I64LtS:
    return lowerCompare(FC, CmpInst::ICMP_SLT, L, R);
  case Opcode::I32LtU:
  case Opcode::I64LtU:
    return lowerCompare(FC, CmpInst::ICMP_ULT, L, R);
  case Opcode::I32GtS:
  case Opcode::I64GtS:
    return lowerCompare(FC, CmpInst::ICMP_SGT, L, R);
  case Opcode::I32GtU:
  case Opcode::I64GtU:
    return lowerCompare(FC, CmpInst::ICMP_UGT, L, R);
  case Opcode::I32LeS:
  case Opcode::I64LeS:
    return lowerCompare(FC, CmpInst::ICMP_SLE, L, R);
  case Opcode::I32LeU:
  case Opcode::I64LeU:
    return lowerCompare(FC, CmpInst::ICMP_ULE, L, R);
  case Opcode::I32GeS:
  case Opcode::I64GeS:
    return lowerCompare(FC, CmpInst::ICMP_SGE, L, R);
  case Opcode::I32GeU:
  case Opcode::I64GeU:
    return lowerCompare(FC, CmpInst::ICMP_UGE, L, R);

  // Float comparisons: all ordered (false on NaN) except ne (true on NaN).
  case Opcode::F32Eq:
  case Opcode::F64Eq:
    return lowerCompare(FC, CmpInst::FCMP_OEQ, L, R);
  case Opcode::F32Ne:
  case Opcode::F64Ne:
    return lowerCompare(FC, CmpInst::FCMP_UNE, L, R);
  case Opcode::F32Lt:
  case Opcode::F64Lt:
    return lowerCompare(FC, CmpInst::FCMP_OLT, L, R);
  case Opcode::F32Gt:
  case Opcode::F64Gt:
    return lowerCompare(FC, CmpInst::FCMP_OGT, L, R);
  case Opcode::F32Le:
  case Opcode::F64Le:
    return lowerCompare(FC, CmpInst::FCMP_OLE, L, R);
  case Opcode::F32Ge:
  case Opcode::F64Ge:
    return lowerCompare(FC, CmpInst::FCMP_OGE, L, R);

  // Integer arithmetic and bits.
  case Opcode::I32Clz:
  case Opcode::I64Clz:
    return lowerCount(FC, Intrinsic::ctlz, L);
  case Opcode::I32Ctz:
  case Opcode::I64Ctz:
    return lowerCount(FC, Intrinsic::cttz, L);
  case Opcode::I32Popcnt:
  case Opcode::I64Popcnt:
    return B.CreateUnaryIntrinsic(Intrinsic::ctpop, L);
  case Opcode::I32Add:
  case Opcode::I64Add:
    return B.CreateAdd(L, R);
  case Opcode::I32Sub:
  case Opcode::I64Sub:
    return B.CreateSub(L, R);
  case Opcode::I32Mul:
  case Opcode::I64Mul:
    return B.CreateMul(L, R);
  case Opcode::I32DivS:
  case Opcode::I64DivS:
    return lowerDiv(FC, /*Signed=*/true, L, R);
  case Opcode::I32DivU:
  case Opcode::I64DivU:
    return lowerDiv(FC, /*Signed=*/false, L, R);
  case Opcode::I32RemS:
  case Opcode::I64RemS:
    return lowerRem(FC, /*Signed=*/true, L, R);
  case Opcode::I32RemU:
  case Opcode::I64RemU:
    return lowerRem(FC, /*Signed=*/false, L, R);
  case Opcode::I32And:
  case Opcode::I64And:
    return B.CreateAnd(L, R);
  case Opcode::I32Or:
  case Opcode::I64Or:
    return B.CreateOr(L, R);
  case Opcode::I32Xor:
  case Opcode::I64Xor:
    return B.CreateXor(L, R);
  case Opcode::I32Shl:
  case Opcode::I64Shl:
    return lowerShift(FC, llvm::Instruction::Shl, L, R);
  case Opcode::I32ShrS:
  case Opcode::I64ShrS:
    return lowerShift(FC, llvm::Instruction::AShr, L, R);
  case Opcode::I32ShrU:
  case Opcode::I64ShrU:
    return lowerShift(FC, llvm::Instruction::LShr, L, R);
  case Opcode::I32Rotl:
  case Opcode::I64Rotl:
    return lowerRotate(FC, Intrinsic::fshl, L, R);
  case Opcode::I32Rotr:
  case Opcode::I64Rotr:
    return lowerRotate(FC, Intrinsic::fshr, L, R);
  case Opcode::I32Extend8S:
  case Opcode::I64Extend8S:
    return lowerSignExtend(FC, L, 8);
  case Opcode::I32Extend16S:
  case Opcode::I64Extend16S:
    return lowerSignExtend(FC, L, 16);
  case Opcode::I64Extend32S:
    return lowerSignExtend(FC, L, 32);

  // Float arithmetic. abs, neg and copysign are bit operations: they keep
  // a NaN's payload and signalling bit, as wasm requires.
  case Opcode::F32Abs:
  case Opcode::F64Abs:
    return lowerUnaryIntrinsic(FC, Intrinsic::fabs, L);
  case Opcode::F32Neg:
  case Opcode::F64Neg:
    return B.CreateFNeg(L);
  case Opcode::F32Copysign:
  case Opcode::F64Copysign:
    return B.CreateCopySign(L, R);
  case Opcode::F32Ceil:
  case Opcode::F64Ceil:
    return lowerRounding(FC, Intrinsic::ceil, L);
  case Opcode::F32Floor:
  case Opcode::F64Floor:
    return lowerRounding(FC, Intrinsic::floor, L);
  case Opcode::F32Trunc:
  case Opcode::F64Trunc:
    return lowerRounding(FC, Intrinsic::trunc, L);
  case Opcode::F32Nearest:
  case Opcode::F64Nearest:
    return lowerRounding(FC, Intrinsic::roundeven, L);
  case Opcode::F32Sqrt:
  case Opcode::F64Sqrt:
    return lowerUnaryIntrinsic(FC, Intrinsic::sqrt, L);
  case Opcode::F32Add:
  case Opcode::F64Add:
    return lowerFloatArith(FC, llvm::Instruction::FAdd, L, R);
  case Opcode::F32Sub:
  case Opcode::F64Sub:
    return lowerFloatArith(FC, llvm::Instruction::FSub, L, R);
  case Opcode::F32Mul:
  case Opcode::F64Mul:
    return lowerFloatArith(FC, llvm::Instruction::FMul, L, R);
  case Opcode::F32Div:
  case Opcode::F64Div:
    return lowerFloatArith(FC, llvm::Instruction::FDiv, L, R);
  case Opcode::F32Min:
  case Opcode::F64Min:
    return lowerMinMax(FC, Intrinsic::minimum, L, R);
  case Opcode::F32Max:
  case Opcode::F64Max:
    return lowerMinMax(FC, Intrinsic::maximum, L, R);

  default:
    llvm_unreachable("numeric opcode without a lowering");
  }
}

} // namespace

} // namespace wasmaot

//===- LowerSimdFloat.cpp - The f32x4 and f64x2 operators -----------------===//
//
// The float lane operators, each lane as the scalar operator of
// LowerNumeric.cpp would compute it, and the conversions between float and
// integer lanes. Where a scalar operator needs care, the lane operator
// shares its code (LowerNumericInternal.h): add, sub, mul and div hide
// constant operands LLVM would fold the operation away with, min and max
// quiet a signalling NaN that llvm.minimum/maximum may return as it is.
//
// What is particular to lanes:
//   - Rounding (ceil, floor, trunc, nearest) quiets its operand first.
//     RISC-V's lowering of llvm.ceil and friends, vector or scalar, rounds
//     the lanes below 2^23 (2^52) in magnitude and returns the others as
//     they are, a signalling NaN too (issue 9); wasm wants an arithmetic
//     NaN. Multiplying by 1.0 is exact for every number and quiets a NaN;
//     the 1.0 goes behind a fold barrier, as x * 1.0 -> x is a fold.
//   - pmin and pmax are wasm's "b < a ? b : a" and "a < b ? b : a": one
//     compare and a select of the operands, bit for bit (a NaN operand
//     keeps its payload, signalling or not). x86's minps/maxps compute
//     exactly this, and LLVM selects them for it.
//   - trunc_sat is llvm.fptosi.sat/fptoui.sat, except on x86, which has no
//     saturating vector conversion: there the lanes are clamped first.
//   - Comparisons give all-ones lanes for true, zero for false.
//   - The _zero conversions and demote fill the upper two lanes with zero;
//     convert_low and promote_low read the lower two.
//
//===----------------------------------------------------------------------===//
#include "lower/DeterministicNaN.h"
#include "lower/LowerNumericInternal.h"
#include "lower/LowerSimd.h"
#include "lower/LowerSimdInternal.h"

#include "llvm/Analysis/ConstantFolding.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace wasmaot {

namespace {

/// V seen as Lanes lanes of LaneTy, a constant folded into one with those
/// lanes. The builder leaves a bitcast of a constant between vectors of
/// different lane counts (a v128.const, <2 x i64>, seen as <4 x float>) a
/// constant expression, whose lanes lowerFloatArith cannot look at to put
/// a 1.0 or a -0.0 behind a fold barrier; LLVM's later folds, which know
/// the data layout, see through it and would fold x * 1.0 to x.
Value *viewLanes(FunctionContext &FC, Value *V, Type *LaneTy, unsigned Lanes) {
  Value *View = asLanes(FC, V, LaneTy, Lanes);
  if (auto *C = dyn_cast<Constant>(View))
    return ConstantFoldConstant(C, FC.M.getDataLayout());
  return View;
}

Value *asF32x4(FunctionContext &FC, Value *V) {
  return viewLanes(FC, V, FC.B.getFloatTy(), 4);
}

Value *asF64x2(FunctionContext &FC, Value *V) {
  return viewLanes(FC, V, FC.B.getDoubleTy(), 2);
}

Value *asI32x4(FunctionContext &FC, Value *V) {
  return viewLanes(FC, V, FC.i32(), 4);
}

/// Lanes 0 and 1 of a four-lane vector.
Value *lowHalf(FunctionContext &FC, Value *V) {
  return FC.B.CreateShuffleVector(V, {0, 1});
}

/// A two-lane vector widened to four lanes, the upper two zero.
Value *withZeroUpperHalf(FunctionContext &FC, Value *V) {
  return FC.B.CreateShuffleVector(V, Constant::getNullValue(V->getType()),
                                  {0, 1, 2, 3});
}

/// An fcmp lane by lane: all-ones integer lanes where Pred holds.
Value *compareLanes(FunctionContext &FC, CmpInst::Predicate Pred, Value *L,
                    Value *R) {
  Value *Holds = FC.B.CreateFCmp(Pred, L, R);
  return FC.B.CreateSExt(
      Holds, VectorType::getInteger(cast<VectorType>(L->getType())));
}

/// ceil, floor, trunc, nearest (ID) of every lane, a NaN lane quieted
/// (see the file comment).
Value *roundLanes(FunctionContext &FC, Intrinsic::ID ID, Value *V) {
  Value *One = foldBarrier(FC, ConstantFP::get(V->getType(), 1.0));
  return FC.B.CreateUnaryIntrinsic(ID, FC.B.CreateFMul(V, One));
}

/// pmin(a, b) = b < a ? b : a; pmax(a, b) = a < b ? b : a, written b > a
/// so that both have the operand order of x86's minps/maxps, which compute
/// exactly this. The operands go behind fold barriers: for f64x2,
/// InstCombine would otherwise select between the <2 x i64> values they
/// were bitcast from, and x86 would blend instead of using minpd/maxpd.
Value *pseudoMinMax(FunctionContext &FC, bool IsMin, Value *A, Value *B) {
  IRBuilder<> &IRB = FC.B;
  A = foldBarrier(FC, A);
  B = foldBarrier(FC, B);
  Value *BFirst = IsMin ? IRB.CreateFCmpOLT(B, A) : IRB.CreateFCmpOGT(B, A);
  return IRB.CreateSelect(BFirst, B, A);
}

/// trunc_sat through llvm.fptosi.sat and llvm.fptoui.sat, which are wasm's
/// saturating truncation (NaN -> 0, out of range -> the nearest bound)
/// lane by lane. AArch64 and RISC-V have it as one instruction (RISC-V
/// with a fix for NaN lanes).
Value *truncSatIntrinsic(FunctionContext &FC, Value *V, Type *IntTy,
                         bool Signed) {
  return FC.B.CreateIntrinsic(Signed ? Intrinsic::fptosi_sat
                                     : Intrinsic::fptoui_sat,
                              {IntTy, V->getType()}, {V});
}

/// trunc_sat as a clamp into range and a plain conversion, for x86: it has
/// no saturating vector conversion, and LLVM 19 expands the intrinsics on
/// vectors into a scalar conversion and two cmovs per lane. Clamped, a lane
/// is always in range, so fptosi/fptoui are never poison and become
/// cvttps2dq/cvttpd2dq (and LLVM's vector sequence for unsigned).
Value *truncSatClamped(FunctionContext &FC, Value *V, Type *IntTy,
                       bool Signed) {
  IRBuilder<> &B = FC.B;
  Type *FloatTy = V->getType();
  const fltSemantics &Sem = FloatTy->getScalarType()->getFltSemantics();
  APInt IntMin = Signed ? APInt::getSignedMinValue(32) : APInt::getZero(32);
  APInt IntMax = Signed ? APInt::getSignedMaxValue(32) : APInt::getMaxValue(32);
  // The bounds as floats, rounded toward zero so that they convert back in
  // range: -2^31 and 0 are exact; 2^31 - 1 and 2^32 - 1 are exact in f64
  // but not in f32, where Hi is the float just below 2^31 (2^32).
  APFloat Lo(Sem), Hi(Sem);
  Lo.convertFromAPInt(IntMin, Signed, APFloat::rmTowardZero);
  bool HiExact = Hi.convertFromAPInt(IntMax, Signed, APFloat::rmTowardZero) ==
                 APFloat::opOK;
  Constant *LoC = ConstantFP::get(FloatTy, Lo);
  Constant *HiC = ConstantFP::get(FloatTy, Hi);

  // NaN lanes become 0 first; the ordered compares then clamp the rest.
  Value *X =
      B.CreateSelect(B.CreateFCmpUNO(V, V), Constant::getNullValue(FloatTy), V);
  X = B.CreateSelect(B.CreateFCmpOLT(X, LoC), LoC, X);
  X = B.CreateSelect(B.CreateFCmpOGT(X, HiC), HiC, X);
  Value *Int = Signed ? B.CreateFPToSI(X, IntTy) : B.CreateFPToUI(X, IntTy);
  if (HiExact)
    return Int;
  // In f32, a lane of 2^31 (2^32) or more was clamped to Hi and converted
  // to Hi's value; it saturates to IntMax instead.
  APFloat Limit(Sem);
  Limit.convertFromAPInt(IntMax.zext(33) + 1, /*IsSigned=*/false,
                         APFloat::rmNearestTiesToEven);
  return B.CreateSelect(B.CreateFCmpOGE(V, ConstantFP::get(FloatTy, Limit)),
                        ConstantInt::get(IntTy, IntMax), Int);
}

/// trunc_sat of every lane of V (f32x4 or f64x2) to an i32 lane.
Value *truncSatLanes(FunctionContext &FC, Value *V, bool Signed) {
  Type *IntTy = VectorType::get(
      FC.i32(), cast<VectorType>(V->getType())->getElementCount());
  if (Triple(FC.M.getTargetTriple()).isX86())
    return truncSatClamped(FC, V, IntTy, Signed);
  return truncSatIntrinsic(FC, V, IntTy, Signed);
}

/// The conversions between float and integer lanes and between f32x4 and
/// f64x2; null when Op is none of them.
Value *lowerLaneConversion(FunctionContext &FC, Opcode Op, Value *V) {
  IRBuilder<> &B = FC.B;
  Type *F32x4 = laneVectorType(B.getFloatTy(), 4);
  Type *F64x2 = laneVectorType(B.getDoubleTy(), 2);
  switch (Op) {
  case Opcode::I32x4TruncSatF32x4S:
  case Opcode::I32x4TruncSatF32x4U:
    return truncSatLanes(FC, asF32x4(FC, V), Op == Opcode::I32x4TruncSatF32x4S);
  case Opcode::I32x4TruncSatF64x2SZero:
  case Opcode::I32x4TruncSatF64x2UZero:
    return withZeroUpperHalf(
        FC, truncSatLanes(FC, asF64x2(FC, V),
                          Op == Opcode::I32x4TruncSatF64x2SZero));

  // sitofp/uitofp round to nearest, ties to even, as wasm's convert does;
  // every i32 is exact in an f64.
  case Opcode::F32x4ConvertI32x4S:
    return B.CreateSIToFP(asI32x4(FC, V), F32x4);
  case Opcode::F32x4ConvertI32x4U:
    return B.CreateUIToFP(asI32x4(FC, V), F32x4);
  case Opcode::F64x2ConvertLowI32x4S:
    return B.CreateSIToFP(lowHalf(FC, asI32x4(FC, V)), F64x2);
  case Opcode::F64x2ConvertLowI32x4U:
    return B.CreateUIToFP(lowHalf(FC, asI32x4(FC, V)), F64x2);

  case Opcode::F32x4DemoteF64x2Zero: {
    // InstCombine cancels fptrunc against an fpext it finds behind the
    // bitcasts, shuffles and phis a v128 travels through (promote_low, then
    // demote_zero), which would hand a signalling NaN back unquieted. The
    // barrier costs no instruction.
    Value *Wide = foldBarrier(FC, asF64x2(FC, V));
    Type *Narrow = laneVectorType(B.getFloatTy(), 2);
    return withZeroUpperHalf(FC, B.CreateFPTrunc(Wide, Narrow));
  }
  case Opcode::F64x2PromoteLowF32x4:
    return B.CreateFPExt(lowHalf(FC, asF32x4(FC, V)), F64x2);

  default:
    return nullptr;
  }
}

/// Every operator but the conversions: operands and result have the lanes
/// of the opcode's shape, except comparisons (integer lanes).
Value *lowerLaneOperator(FunctionContext &FC, Opcode Op,
                         ArrayRef<Value *> Operands) {
  if (Value *V = lowerLaneConversion(FC, Op, Operands[0]))
    return V;

  IRBuilder<> &B = FC.B;
  // The shape is the mnemonic's prefix; every remaining operator is an
  // f32x4.* or an f64x2.* one.
  bool IsF64 = opcodeName(Op).starts_with("f64x2.");
  auto View = [&](Value *V) { return IsF64 ? asF64x2(FC, V) : asF32x4(FC, V); };
  Value *L = View(Operands[0]);
  Value *R = Operands.size() > 1 ? View(Operands[1]) : nullptr;

  switch (Op) {
  // All ordered (false on NaN) except ne (true on NaN), as the scalar ones.
  case Opcode::F32x4Eq:
  case Opcode::F64x2Eq:
    return compareLanes(FC, CmpInst::FCMP_OEQ, L, R);
  case Opcode::F32x4Ne:
  case Opcode::F64x2Ne:
    return compareLanes(FC, CmpInst::FCMP_UNE, L, R);
  case Opcode::F32x4Lt:
  case Opcode::F64x2Lt:
    return compareLanes(FC, CmpInst::FCMP_OLT, L, R);
  case Opcode::F32x4Gt:
  case Opcode::F64x2Gt:
    return compareLanes(FC, CmpInst::FCMP_OGT, L, R);
  case Opcode::F32x4Le:
  case Opcode::F64x2Le:
    return compareLanes(FC, CmpInst::FCMP_OLE, L, R);
  case Opcode::F32x4Ge:
  case Opcode::F64x2Ge:
    return compareLanes(FC, CmpInst::FCMP_OGE, L, R);

  // Sign-bit operations: a NaN keeps its payload and signalling bit.
  case Opcode::F32x4Abs:
  case Opcode::F64x2Abs:
    return B.CreateUnaryIntrinsic(Intrinsic::fabs, L);
  case Opcode::F32x4Neg:
  case Opcode::F64x2Neg:
    return B.CreateFNeg(L);

  case Opcode::F32x4Sqrt:
  case Opcode::F64x2Sqrt:
    return B.CreateUnaryIntrinsic(Intrinsic::sqrt, L);
  case Opcode::F32x4Ceil:
  case Opcode::F64x2Ceil:
    return roundLanes(FC, Intrinsic::ceil, L);
  case Opcode::F32x4Floor:
  case Opcode::F64x2Floor:
    return roundLanes(FC, Intrinsic::floor, L);
  case Opcode::F32x4Trunc:
  case Opcode::F64x2Trunc:
    return roundLanes(FC, Intrinsic::trunc, L);
  case Opcode::F32x4Nearest:
  case Opcode::F64x2Nearest:
    return roundLanes(FC, Intrinsic::roundeven, L);

  case Opcode::F32x4Add:
  case Opcode::F64x2Add:
    return lowerFloatArith(FC, llvm::Instruction::FAdd, L, R);
  case Opcode::F32x4Sub:
  case Opcode::F64x2Sub:
    return lowerFloatArith(FC, llvm::Instruction::FSub, L, R);
  case Opcode::F32x4Mul:
  case Opcode::F64x2Mul:
    return lowerFloatArith(FC, llvm::Instruction::FMul, L, R);
  case Opcode::F32x4Div:
  case Opcode::F64x2Div:
    return lowerFloatArith(FC, llvm::Instruction::FDiv, L, R);
  case Opcode::F32x4Min:
  case Opcode::F64x2Min:
    return lowerMinMax(FC, Intrinsic::minimum, L, R);
  case Opcode::F32x4Max:
  case Opcode::F64x2Max:
    return lowerMinMax(FC, Intrinsic::maximum, L, R);

  case Opcode::F32x4Pmin:
  case Opcode::F64x2Pmin:
  case Opcode::F32x4Pmax:
  case Opcode::F64x2Pmax:
    return pseudoMinMax(FC, Op == Opcode::F32x4Pmin || Op == Opcode::F64x2Pmin,
                        L, R);

  default:
    llvm_unreachable("float lane opcode without a lowering");
  }
}

} // namespace

Value *lowerSimdFloat(FunctionContext &FC, Opcode Op,
                      ArrayRef<Value *> Operands) {
  assert(opcodeInfo(Op).Family == LowerFamily::SimdFloat &&
         "not a float lane operator");
  Value *Result = lowerLaneOperator(FC, Op, Operands);
  if (FC.Opts.Deterministic && opcodeInfo(Op).has(NanOpen))
    Result = canonicalizeNaN(FC, Result);
  return asV128(FC, Result);
}

} // namespace wasmaot

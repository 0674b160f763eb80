//===- LowerConversions.cpp - Conversions between numeric types -----------===//
//
// wrap, extend, the trapping and saturating float-to-int truncations,
// int-to-float conversion, demote, promote and reinterpret.
//
// LLVM's fptosi/fptoui give poison for a value that does not fit, so the
// trapping truncations check the operand first: NaN traps "invalid
// conversion to integer", a value whose truncation does not fit traps
// "integer overflow". The saturating forms are llvm.fptosi.sat and
// llvm.fptoui.sat, whose semantics are wasm's (NaN -> 0, clamp).
//
//===----------------------------------------------------------------------===//
#include "lower/LowerNumericInternal.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/IR/Intrinsics.h"

using namespace llvm;

namespace wasmaot {

namespace {

/// The trapping truncation of float V to IntTy.
Value *truncChecked(FunctionContext &FC, Value *V, IntegerType *IntTy,
                    bool Signed) {
  IRBuilder<> &B = FC.B;
  Type *FloatTy = V->getType();
  const fltSemantics &Sem = FloatTy->getFltSemantics();
  unsigned N = IntTy->getBitWidth();

  // trunc(x) fits iff Lo < x < Hi with Lo = -2^(N-1) - 1, Hi = 2^(N-1)
  // (signed) or Lo = -1, Hi = 2^N (unsigned); -0.9 truncates to 0 and
  // fits. Hi is a power of two, exact in every format. Lo may not be
  // exact (f32 and -2^31 - 1, f64 and -2^63 - 1); then no float lies
  // strictly between it and -2^(N-1), which is exact, so "x >= -2^(N-1)"
  // is the same test. Computed with N + 1 bits so -2^(N-1) - 1 fits.
  APInt LoInt = Signed ? APInt::getSignedMinValue(N).sext(N + 1) - 1
                       : APInt::getAllOnes(N + 1);
  APFloat Lo(Sem);
  bool LoExact = Lo.convertFromAPInt(LoInt, /*IsSigned=*/true,
                                     APFloat::rmTowardZero) == APFloat::opOK;
  APFloat Hi(Sem);
  Hi.convertFromAPInt(APInt::getOneBitSet(N + 1, Signed ? N - 1 : N),
                      /*IsSigned=*/false, APFloat::rmNearestTiesToEven);

  trapUnlessFalse(FC, B.CreateFCmpUNO(V, V),
                  TrapCode::InvalidConversionToInteger);
  Value *LoC = ConstantFP::get(FloatTy, Lo);
  Value *BelowLo = LoExact ? B.CreateFCmpOLE(V, LoC) : B.CreateFCmpOLT(V, LoC);
  Value *AboveHi = B.CreateFCmpOGE(V, ConstantFP::get(FloatTy, Hi));
  trapUnlessFalse(FC, B.CreateOr(BelowLo, AboveHi), TrapCode::IntegerOverflow);
  return Signed ? B.CreateFPToSI(V, IntTy) : B.CreateFPToUI(V, IntTy);
}

Value *truncSat(FunctionContext &FC, Value *V, IntegerType *IntTy,
                bool Signed) {
  return FC.B.CreateIntrinsic(Signed ? Intrinsic::fptosi_sat
                                     : Intrinsic::fptoui_sat,
                              {IntTy, V->getType()}, {V});
}

} // namespace

Value *lowerConversion(FunctionContext &FC, Opcode Op, Value *V) {
  IRBuilder<> &B = FC.B;
  Type *F32 = B.getFloatTy();
  Type *F64 = B.getDoubleTy();
  switch (Op) {
  case Opcode::I32WrapI64:
    return B.CreateTrunc(V, FC.i32());
  case Opcode::I64ExtendI32S:
    return B.CreateSExt(V, FC.i64());
  case Opcode::I64ExtendI32U:
    return B.CreateZExt(V, FC.i64());

  case Opcode::I32TruncF32S:
  case Opcode::I32TruncF64S:
    return truncChecked(FC, V, FC.i32(), /*Signed=*/true);
  case Opcode::I32TruncF32U:
  case Opcode::I32TruncF64U:
    return truncChecked(FC, V, FC.i32(), /*Signed=*/false);
  case Opcode::I64TruncF32S:
  case Opcode::I64TruncF64S:
    return truncChecked(FC, V, FC.i64(), /*Signed=*/true);
  case Opcode::I64TruncF32U:
  case Opcode::I64TruncF64U:
    return truncChecked(FC, V, FC.i64(), /*Signed=*/false);

  case Opcode::I32TruncSatF32S:
  case Opcode::I32TruncSatF64S:
    return truncSat(FC, V, FC.i32(), /*Signed=*/true);
  case Opcode::I32TruncSatF32U:
  case Opcode::I32TruncSatF64U:
    return truncSat(FC, V, FC.i32(), /*Signed=*/false);
  case Opcode::I64TruncSatF32S:
  case Opcode::I64TruncSatF64S:
    return truncSat(FC, V, FC.i64(), /*Signed=*/true);
  case Opcode::I64TruncSatF32U:
  case Opcode::I64TruncSatF64U:
    return truncSat(FC, V, FC.i64(), /*Signed=*/false);

  // sitofp/uitofp round to nearest, ties to even, as wasm's convert does
  // (including i64 -> f32, which a detour through f64 would round twice).
  case Opcode::F32ConvertI32S:
  case Opcode::F32ConvertI64S:
    return B.CreateSIToFP(V, F32);
  case Opcode::F32ConvertI32U:
  case Opcode::F32ConvertI64U:
    return B.CreateUIToFP(V, F32);
  case Opcode::F64ConvertI32S:
  case Opcode::F64ConvertI64S:
    return B.CreateSIToFP(V, F64);
  case Opcode::F64ConvertI32U:
  case Opcode::F64ConvertI64U:
    return B.CreateUIToFP(V, F64);

  case Opcode::F32DemoteF64:
    // InstCombine turns fptrunc(fpext x) into x, which would hand a
    // signalling NaN back unquieted (wasm's demote(promote x) quiets it).
    if (isa<FPExtInst>(V))
      V = foldBarrier(FC, V);
    return B.CreateFPTrunc(V, F32);
  case Opcode::F64PromoteF32:
    return B.CreateFPExt(V, F64);

  // Bit-for-bit: NaN payloads and signalling bits survive.
  case Opcode::I32ReinterpretF32:
    return B.CreateBitCast(V, FC.i32());
  case Opcode::I64ReinterpretF64:
    return B.CreateBitCast(V, FC.i64());
  case Opcode::F32ReinterpretI32:
    return B.CreateBitCast(V, F32);
  case Opcode::F64ReinterpretI64:
    return B.CreateBitCast(V, F64);

  default:
    return nullptr;
  }
}

} // namespace wasmaot

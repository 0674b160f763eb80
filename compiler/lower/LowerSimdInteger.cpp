//===- LowerSimdInteger.cpp - v128 bits, lanes and integer lanes ----------===//
//
// Every SIMD operator that is not float arithmetic: v128.const, shuffle
// and swizzle, splats, lane extraction and replacement (float lanes too:
// they only move bits), the bitwise operators, and the arithmetic,
// comparisons, reductions, narrowing and widening of integer lanes.
//
// Each is LLVM's generic vector IR or a generic intrinsic (llvm.sadd.sat,
// llvm.smin, llvm.abs, llvm.ctpop, llvm.vector.reduce.and, ...), shaped so
// the backends recognise their instruction: a clamp and truncation is
// x86's packsswb and AArch64's sqxtn, a widened add-and-halve is pavgb
// and urhadd, the even-plus-odd products of dot are pmaddwd. Where wasm
// defines what LLVM leaves undefined, the lowering says so:
//   * shifts take the count modulo the lane width; LLVM's shift by the
//     width or more is poison, so the count is masked;
//   * abs of the most negative lane is that lane (llvm.abs with
//     is_int_min_poison false), neg wraps (no nsw);
//   * swizzle gives 0 for an index of 16 or more; extractelement with such
//     an index is poison, so those lanes are replaced by a select;
//   * shuffle lanes are all defined (the validator keeps them below 32),
//     so the shufflevector mask has no poison lane.
// Two operators have an AArch64 instruction with exactly wasm's semantics
// that LLVM does not find from the generic IR: swizzle is one tbl (which
// gives 0 for out-of-range indices) and q15mulr_sat_s one sqrdmulh.
//
//===----------------------------------------------------------------------===//
#include "lower/LowerSimd.h"
#include "lower/LowerSimdInternal.h"

#include "ir/Opcode.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/IntrinsicsAArch64.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace wasmaot {

namespace {

/// The lane width of Op's result. Every lane operator's mnemonic starts
/// with the shape it produces (i8x16, i16x8, i32x4, i64x2, f32x4, f64x2):
/// i16x8.extend_low_i8x16_s makes 16-bit lanes from 8-bit ones.
unsigned resultLaneBits(Opcode Op) {
  StringRef Shape = opcodeName(Op).split('.').first;
  unsigned Bits = StringSwitch<unsigned>(Shape)
                      .Case("i8x16", 8)
                      .Case("i16x8", 16)
                      .Cases("i32x4", "f32x4", 32)
                      .Cases("i64x2", "f64x2", 64)
                      .Default(0);
  assert(Bits && "not a lane operator");
  return Bits;
}

/// Whether Op's lanes are floats (f32x4.*, f64x2.*).
bool hasFloatLanes(Opcode Op) { return opcodeName(Op).starts_with("f"); }

/// The type of one lane of Op's result: iN, or float/double.
Type *resultLaneType(FunctionContext &FC, Opcode Op) {
  unsigned Bits = resultLaneBits(Op);
  if (!hasFloatLanes(Op))
    return FC.B.getIntNTy(Bits);
  return Bits == 32 ? FC.B.getFloatTy() : FC.B.getDoubleTy();
}

/// A v128 as 128 / Bits integer lanes.
Value *intLanes(FunctionContext &FC, Value *V, unsigned Bits) {
  return asLanes(FC, V, FC.B.getIntNTy(Bits), 128 / Bits);
}

/// The vector type of Lanes lanes of Bits bits.
FixedVectorType *intVectorType(FunctionContext &FC, unsigned Bits,
                               unsigned Lanes) {
  return laneVectorType(FC.B.getIntNTy(Bits), Lanes);
}

bool targetsAArch64(FunctionContext &FC) {
  return Triple(FC.M.getTargetTriple()).isAArch64();
}

//===--- Lanes as a whole -------------------------------------------------===//

Value *lowerConst(FunctionContext &FC, const uint8_t (&Bytes)[16]) {
  // The 16 bytes in memory order, lane 0 first: wasm's lane order and the
  // little-endian order of every supported target.
  return asV128(FC, ConstantDataVector::get(FC.Ctx, ArrayRef<uint8_t>(Bytes)));
}

Value *lowerShuffle(FunctionContext &FC, Value *L, Value *R,
                    const uint8_t (&Lanes)[16]) {
  int Mask[16];
  for (unsigned K = 0; K < 16; ++K) {
    assert(Lanes[K] < 32 && "shuffle lane out of range (not validated)");
    Mask[K] = Lanes[K];
  }
  return asV128(FC, FC.B.CreateShuffleVector(intLanes(FC, L, 8),
                                             intLanes(FC, R, 8), Mask));
}

/// result[k] = Indices[k] < 16 ? V[Indices[k]] : 0. LLVM has no
/// variable shuffle: the lanes are extracted one by one, which x86's
/// backend turns back into pshufb (with SSSE3) and RISC-V's scalarises.
Value *lowerSwizzle(FunctionContext &FC, Value *V, Value *Indices) {
  IRBuilder<> &B = FC.B;
  Value *Src = intLanes(FC, V, 8);
  Value *Idx = intLanes(FC, Indices, 8);
  if (targetsAArch64(FC))
    // tbl with one table register is exactly swizzle: out-of-range
    // indices select 0.
    return asV128(FC, B.CreateIntrinsic(Intrinsic::aarch64_neon_tbl1,
                                        {Src->getType()}, {Src, Idx}));
  Value *Gathered = PoisonValue::get(Src->getType());
  for (unsigned K = 0; K < 16; ++K) {
    Value *Index =
        B.CreateZExt(B.CreateExtractElement(Idx, uint64_t(K)), FC.i32());
    Gathered = B.CreateInsertElement(
        Gathered, B.CreateExtractElement(Src, Index), uint64_t(K));
  }
  // A lane whose index is 16 or more was extracted out of range (poison);
  // the select never lets that value through.
  Value *InRange =
      B.CreateICmpULT(Idx, ConstantInt::get(Idx->getType(), APInt(8, 16)));
  return asV128(FC, B.CreateSelect(InRange, Gathered,
                                   Constant::getNullValue(Src->getType())));
}

Value *lowerSplat(FunctionContext &FC, Opcode Op, Value *Scalar) {
  Type *LaneTy = resultLaneType(FC, Op);
  // i8x16.splat and i16x8.splat take the low bits of an i32.
  if (Scalar->getType() != LaneTy)
    Scalar = FC.B.CreateTrunc(Scalar, LaneTy);
  return asV128(FC, FC.B.CreateVectorSplat(128 / resultLaneBits(Op), Scalar));
}

/// extract_lane: a float lane comes out bit for bit (extractelement and
/// bitcasts never touch a NaN's payload); _s and _u extend narrow lanes.
Value *lowerExtractLane(FunctionContext &FC, Opcode Op, Value *V,
                        unsigned Lane) {
  Type *LaneTy = resultLaneType(FC, Op);
  unsigned Lanes = 128 / resultLaneBits(Op);
  assert(Lane < Lanes && "lane out of range (not validated)");
  Value *X =
      FC.B.CreateExtractElement(asLanes(FC, V, LaneTy, Lanes), uint64_t(Lane));
  switch (Op) {
  case Opcode::I8x16ExtractLaneS:
  case Opcode::I16x8ExtractLaneS:
    return FC.B.CreateSExt(X, FC.i32());
  case Opcode::I8x16ExtractLaneU:
  case Opcode::I16x8ExtractLaneU:
    return FC.B.CreateZExt(X, FC.i32());
  default:
    return X;
  }
}

Value *lowerReplaceLane(FunctionContext &FC, Opcode Op, Value *V, Value *Scalar,
                        unsigned Lane) {
  Type *LaneTy = resultLaneType(FC, Op);
  unsigned Lanes = 128 / resultLaneBits(Op);
  assert(Lane < Lanes && "lane out of range (not validated)");
  if (Scalar->getType() != LaneTy)
    Scalar = FC.B.CreateTrunc(Scalar, LaneTy);
  return asV128(FC, FC.B.CreateInsertElement(asLanes(FC, V, LaneTy, Lanes),
                                             Scalar, uint64_t(Lane)));
}

Value *lowerBitselect(FunctionContext &FC, Value *V1, Value *V2, Value *Mask) {
  IRBuilder<> &B = FC.B;
  return B.CreateOr(B.CreateAnd(V1, Mask), B.CreateAnd(V2, B.CreateNot(Mask)));
}

/// 1 if any bit of V is set.
Value *lowerAnyTrue(FunctionContext &FC, Value *V) {
  IRBuilder<> &B = FC.B;
  Value *Bits = B.CreateBitCast(V, B.getInt128Ty());
  return B.CreateZExt(B.CreateIsNotNull(Bits), FC.i32());
}

//===--- Reductions of integer lanes --------------------------------------===//

/// 1 if no lane is zero.
Value *lowerAllTrue(FunctionContext &FC, Value *V, unsigned Bits) {
  IRBuilder<> &B = FC.B;
  Value *NonZero = B.CreateIsNotNull(intLanes(FC, V, Bits));
  return B.CreateZExt(B.CreateAndReduce(NonZero), FC.i32());
}

/// Bit k of the result is the sign bit of lane k.
Value *lowerBitmask(FunctionContext &FC, Value *V, unsigned Bits) {
  IRBuilder<> &B = FC.B;
  Value *Lanes = intLanes(FC, V, Bits);
  Value *Negative =
      B.CreateICmpSLT(Lanes, Constant::getNullValue(Lanes->getType()));
  // <N x i1> as an iN: lane 0 in bit 0.
  Value *Mask = B.CreateBitCast(Negative, B.getIntNTy(128 / Bits));
  return B.CreateZExt(Mask, FC.i32());
}

//===--- Lane-wise integer arithmetic -------------------------------------===//

Value *lowerCompare(FunctionContext &FC, CmpInst::Predicate Pred, Value *L,
                    Value *R, unsigned Bits) {
  IRBuilder<> &B = FC.B;
  Value *Lhs = intLanes(FC, L, Bits);
  // True lanes are all ones.
  return asV128(FC, B.CreateSExt(B.CreateICmp(Pred, Lhs, intLanes(FC, R, Bits)),
                                 Lhs->getType()));
}

Value *lowerBinary(FunctionContext &FC, llvm::Instruction::BinaryOps Opc,
                   Value *L, Value *R, unsigned Bits) {
  return asV128(
      FC, FC.B.CreateBinOp(Opc, intLanes(FC, L, Bits), intLanes(FC, R, Bits)));
}

Value *lowerBinaryIntrinsic(FunctionContext &FC, Intrinsic::ID ID, Value *L,
                            Value *R, unsigned Bits) {
  return asV128(FC, FC.B.CreateBinaryIntrinsic(ID, intLanes(FC, L, Bits),
                                               intLanes(FC, R, Bits)));
}

/// shl, shr_s, shr_u: every lane by the same count, taken modulo the lane
/// width (an unmasked count of the width or more would be poison).
Value *lowerShift(FunctionContext &FC, llvm::Instruction::BinaryOps Opc,
                  Value *V, Value *Count, unsigned Bits) {
  IRBuilder<> &B = FC.B;
  Value *Masked = B.CreateAnd(Count, B.getInt32(Bits - 1));
  Value *LaneCount = B.CreateZExtOrTrunc(Masked, B.getIntNTy(Bits));
  Value *Counts = B.CreateVectorSplat(128 / Bits, LaneCount);
  return asV128(FC, B.CreateBinOp(Opc, intLanes(FC, V, Bits), Counts));
}

Value *lowerAbs(FunctionContext &FC, Value *V, unsigned Bits) {
  // The most negative lane stays itself, as in wasm.
  return asV128(FC, FC.B.CreateBinaryIntrinsic(Intrinsic::abs,
                                               intLanes(FC, V, Bits),
                                               FC.B.getFalse()));
}

/// avgr_u: (a + b + 1) / 2 without overflow, computed in lanes twice as
/// wide (the pattern of x86's pavgb/pavgw and AArch64's urhadd).
Value *lowerAvgr(FunctionContext &FC, Value *L, Value *R, unsigned Bits) {
  IRBuilder<> &B = FC.B;
  unsigned Lanes = 128 / Bits;
  Type *Wide = intVectorType(FC, 2 * Bits, Lanes);
  Value *Sum = B.CreateAdd(B.CreateZExt(intLanes(FC, L, Bits), Wide),
                           B.CreateZExt(intLanes(FC, R, Bits), Wide));
  Value *One = ConstantInt::get(Wide, APInt(2 * Bits, 1));
  Value *Avg = B.CreateLShr(B.CreateAdd(Sum, One), One);
  return asV128(FC, B.CreateTrunc(Avg, intVectorType(FC, Bits, Lanes)));
}

/// q15mulr_sat_s: (a * b + 2^14) >> 15 (arithmetic), saturated to i16.
/// Only -32768 * -32768 overflows (to 32768); the smallest result,
/// from -32768 * 32767, is -32768 itself, so one bound is clamped.
Value *lowerQ15MulrSat(FunctionContext &FC, Value *L, Value *R) {
  IRBuilder<> &B = FC.B;
  Value *A = intLanes(FC, L, 16), *C = intLanes(FC, R, 16);
  if (targetsAArch64(FC))
    // sqrdmulh is sat((2ab + 2^15) >> 16), the same value.
    return asV128(FC, B.CreateIntrinsic(Intrinsic::aarch64_neon_sqrdmulh,
                                        {A->getType()}, {A, C}));
  Type *Wide = intVectorType(FC, 32, 8);
  Value *Product = B.CreateMul(B.CreateSExt(A, Wide), B.CreateSExt(C, Wide));
  Value *Rounded =
      B.CreateAdd(Product, ConstantInt::get(Wide, APInt(32, 0x4000)));
  Value *Shifted = B.CreateAShr(Rounded, ConstantInt::get(Wide, APInt(32, 15)));
  Value *Clamped = B.CreateBinaryIntrinsic(
      Intrinsic::smin, Shifted, ConstantInt::get(Wide, APInt(32, 0x7fff)));
  return asV128(FC, B.CreateTrunc(Clamped, A->getType()));
}

//===--- Narrowing and widening -------------------------------------------===//

/// narrow_s/u: the lanes of L then R, each of 2 * Bits bits read as signed
/// and saturated to the signed or unsigned range of Bits bits.
Value *lowerNarrow(FunctionContext &FC, bool Signed, Value *L, Value *R,
                   unsigned Bits) {
  IRBuilder<> &B = FC.B;
  const unsigned WideBits = 2 * Bits, Lanes = 128 / Bits;
  SmallVector<int, 16> Concat;
  for (unsigned K = 0; K < Lanes; ++K)
    Concat.push_back(K);
  Value *Both = B.CreateShuffleVector(intLanes(FC, L, WideBits),
                                      intLanes(FC, R, WideBits), Concat);
  Type *WideTy = Both->getType();
  APInt Low = Signed ? APInt::getSignedMinValue(Bits).sext(WideBits)
                     : APInt::getZero(WideBits);
  APInt High = Signed ? APInt::getSignedMaxValue(Bits).sext(WideBits)
                      : APInt::getMaxValue(Bits).zext(WideBits);
  Value *Clamped = B.CreateBinaryIntrinsic(
      Intrinsic::smin,
      B.CreateBinaryIntrinsic(Intrinsic::smax, Both,
                              ConstantInt::get(WideTy, Low)),
      ConstantInt::get(WideTy, High));
  return asV128(FC, B.CreateTrunc(Clamped, intVectorType(FC, Bits, Lanes)));
}

/// The low or high half of V's lanes of Bits / 2 bits, each extended to
/// Bits bits.
Value *extendHalf(FunctionContext &FC, Value *V, bool Signed, bool High,
                  unsigned Bits) {
  IRBuilder<> &B = FC.B;
  const unsigned Lanes = 128 / Bits;
  SmallVector<int, 8> Half;
  for (unsigned K = 0; K < Lanes; ++K)
    Half.push_back(High ? Lanes + K : K);
  Value *Narrow = B.CreateShuffleVector(intLanes(FC, V, Bits / 2), Half);
  Type *WideTy = intVectorType(FC, Bits, Lanes);
  return Signed ? B.CreateSExt(Narrow, WideTy) : B.CreateZExt(Narrow, WideTy);
}

Value *lowerExtend(FunctionContext &FC, Value *V, bool Signed, bool High,
                   unsigned Bits) {
  return asV128(FC, extendHalf(FC, V, Signed, High, Bits));
}

/// extmul: the products of the extended halves. An N-bit by N-bit product
/// fits in 2N bits, so the wide multiplication is exact.
Value *lowerExtmul(FunctionContext &FC, Value *L, Value *R, bool Signed,
                   bool High, unsigned Bits) {
  return asV128(FC, FC.B.CreateMul(extendHalf(FC, L, Signed, High, Bits),
                                   extendHalf(FC, R, Signed, High, Bits)));
}

/// The sum of each even lane of V (Bits bits wide) and the odd lane above
/// it, as Lanes / 2 lanes.
Value *addPairs(FunctionContext &FC, Value *V, unsigned Lanes) {
  SmallVector<int, 8> Even, Odd;
  for (unsigned K = 0; K < Lanes; K += 2) {
    Even.push_back(K);
    Odd.push_back(K + 1);
  }
  return FC.B.CreateAdd(FC.B.CreateShuffleVector(V, Even),
                        FC.B.CreateShuffleVector(V, Odd));
}

/// extadd_pairwise: adjacent lanes of Bits / 2 bits, extended and added.
Value *lowerExtaddPairwise(FunctionContext &FC, Value *V, bool Signed,
                           unsigned Bits) {
  IRBuilder<> &B = FC.B;
  const unsigned NarrowLanes = 256 / Bits;
  Type *WideTy = intVectorType(FC, Bits, NarrowLanes);
  Value *Narrow = intLanes(FC, V, Bits / 2);
  Value *Wide =
      Signed ? B.CreateSExt(Narrow, WideTy) : B.CreateZExt(Narrow, WideTy);
  return asV128(FC, addPairs(FC, Wide, NarrowLanes));
}

/// i32x4.dot_i16x8_s: the signed products of adjacent i16 lanes, added in
/// pairs. Only two products of -32768 * -32768 overflow i32; the sum then
/// wraps, as wasm says (and as x86's pmaddwd does).
Value *lowerDot(FunctionContext &FC, Value *L, Value *R) {
  IRBuilder<> &B = FC.B;
  Type *WideTy = intVectorType(FC, 32, 8);
  Value *Product = B.CreateMul(B.CreateSExt(intLanes(FC, L, 16), WideTy),
                               B.CreateSExt(intLanes(FC, R, 16), WideTy));
  return asV128(FC, addPairs(FC, Product, 8));
}

} // namespace

Value *lowerSimdInteger(FunctionContext &FC, const Instruction &I,
                        ArrayRef<Value *> Ops) {
  using O = Opcode;
  using BinOp = llvm::Instruction::BinaryOps;
  IRBuilder<> &B = FC.B;
  const Opcode Op = I.Op;
  switch (Op) {
  case O::V128Const:
    return lowerConst(FC, I.V128);
  case O::I8x16Shuffle:
    return lowerShuffle(FC, Ops[0], Ops[1], I.V128);
  case O::I8x16Swizzle:
    return lowerSwizzle(FC, Ops[0], Ops[1]);

  case O::I8x16Splat:
  case O::I16x8Splat:
  case O::I32x4Splat:
  case O::I64x2Splat:
  case O::F32x4Splat:
  case O::F64x2Splat:
    return lowerSplat(FC, Op, Ops[0]);

  case O::I8x16ExtractLaneS:
  case O::I8x16ExtractLaneU:
  case O::I16x8ExtractLaneS:
  case O::I16x8ExtractLaneU:
  case O::I32x4ExtractLane:
  case O::I64x2ExtractLane:
  case O::F32x4ExtractLane:
  case O::F64x2ExtractLane:
    return lowerExtractLane(FC, Op, Ops[0], I.Index);

  case O::I8x16ReplaceLane:
  case O::I16x8ReplaceLane:
  case O::I32x4ReplaceLane:
  case O::I64x2ReplaceLane:
  case O::F32x4ReplaceLane:
  case O::F64x2ReplaceLane:
    return lowerReplaceLane(FC, Op, Ops[0], Ops[1], I.Index);

  // Bitwise, on the stack's <2 x i64> as it is.
  case O::V128Not:
    return B.CreateNot(Ops[0]);
  case O::V128And:
    return B.CreateAnd(Ops[0], Ops[1]);
  case O::V128Andnot:
    return B.CreateAnd(Ops[0], B.CreateNot(Ops[1]));
  case O::V128Or:
    return B.CreateOr(Ops[0], Ops[1]);
  case O::V128Xor:
    return B.CreateXor(Ops[0], Ops[1]);
  case O::V128Bitselect:
    return lowerBitselect(FC, Ops[0], Ops[1], Ops[2]);
  case O::V128AnyTrue:
    return lowerAnyTrue(FC, Ops[0]);

  // Comparisons: all ones for true lanes, zero for false ones.
  case O::I8x16Eq:
  case O::I16x8Eq:
  case O::I32x4Eq:
  case O::I64x2Eq:
    return lowerCompare(FC, CmpInst::ICMP_EQ, Ops[0], Ops[1],
                        resultLaneBits(Op));
  case O::I8x16Ne:
  case O::I16x8Ne:
  case O::I32x4Ne:
  case O::I64x2Ne:
    return lowerCompare(FC, CmpInst::ICMP_NE, Ops[0], Ops[1],
                        resultLaneBits(Op));
  case O::I8x16LtS:
  case O::I16x8LtS:
  case O::I32x4LtS:
  case O::I64x2LtS:
    return lowerCompare(FC, CmpInst::ICMP_SLT, Ops[0], Ops[1],
                        resultLaneBits(Op));
  case O::I8x16LtU:
  case O::I16x8LtU:
  case O::I32x4LtU:
    return lowerCompare(FC, CmpInst::ICMP_ULT, Ops[0], Ops[1],
                        resultLaneBits(Op));
  case O::I8x16GtS:
  case O::I16x8GtS:
  case O::I32x4GtS:
  case O::I64x2GtS:
    return lowerCompare(FC, CmpInst::ICMP_SGT, Ops[0], Ops[1],
                        resultLaneBits(Op));
  case O::I8x16GtU:
  case O::I16x8GtU:
  case O::I32x4GtU:
    return lowerCompare(FC, CmpInst::ICMP_UGT, Ops[0], Ops[1],
                        resultLaneBits(Op));
  case O::I8x16LeS:
  case O::I16x8LeS:
  case O::I32x4LeS:
  case O::I64x2LeS:
    return lowerCompare(FC, CmpInst::ICMP_SLE, Ops[0], Ops[1],
                        resultLaneBits(Op));
  case O::I8x16LeU:
  case O::I16x8LeU:
  case O::I32x4LeU:
    return lowerCompare(FC, CmpInst::ICMP_ULE, Ops[0], Ops[1],
                        resultLaneBits(Op));
  case O::I8x16GeS:
  case O::I16x8GeS:
  case O::I32x4GeS:
  case O::I64x2GeS:
    return lowerCompare(FC, CmpInst::ICMP_SGE, Ops[0], Ops[1],
                        resultLaneBits(Op));
  case O::I8x16GeU:
  case O::I16x8GeU:
  case O::I32x4GeU:
    return lowerCompare(FC, CmpInst::ICMP_UGE, Ops[0], Ops[1],
                        resultLaneBits(Op));

  // Unary lane operators and reductions.
  case O::I8x16Abs:
  case O::I16x8Abs:
  case O::I32x4Abs:
  case O::I64x2Abs:
    return lowerAbs(FC, Ops[0], resultLaneBits(Op));
  case O::I8x16Neg:
  case O::I16x8Neg:
  case O::I32x4Neg:
  case O::I64x2Neg:
    return asV128(FC, B.CreateNeg(intLanes(FC, Ops[0], resultLaneBits(Op))));
  case O::I8x16Popcnt:
    return asV128(
        FC, B.CreateUnaryIntrinsic(Intrinsic::ctpop, intLanes(FC, Ops[0], 8)));
  case O::I8x16AllTrue:
  case O::I16x8AllTrue:
  case O::I32x4AllTrue:
  case O::I64x2AllTrue:
    return lowerAllTrue(FC, Ops[0], resultLaneBits(Op));
  case O::I8x16Bitmask:
  case O::I16x8Bitmask:
  case O::I32x4Bitmask:
  case O::I64x2Bitmask:
    return lowerBitmask(FC, Ops[0], resultLaneBits(Op));

  // Narrowing and widening.
  case O::I8x16NarrowI16x8S:
  case O::I16x8NarrowI32x4S:
    return lowerNarrow(FC, /*Signed=*/true, Ops[0], Ops[1], resultLaneBits(Op));
  case O::I8x16NarrowI16x8U:
  case O::I16x8NarrowI32x4U:
    return lowerNarrow(FC, /*Signed=*/false, Ops[0], Ops[1],
                       resultLaneBits(Op));
  case O::I16x8ExtendLowI8x16S:
  case O::I32x4ExtendLowI16x8S:
  case O::I64x2ExtendLowI32x4S:
    return lowerExtend(FC, Ops[0], /*Signed=*/true, /*High=*/false,
                       resultLaneBits(Op));
  case O::I16x8ExtendHighI8x16S:
  case O::I32x4ExtendHighI16x8S:
  case O::I64x2ExtendHighI32x4S:
    return lowerExtend(FC, Ops[0], /*Signed=*/true, /*High=*/true,
                       resultLaneBits(Op));
  case O::I16x8ExtendLowI8x16U:
  case O::I32x4ExtendLowI16x8U:
  case O::I64x2ExtendLowI32x4U:
    return lowerExtend(FC, Ops[0], /*Signed=*/false, /*High=*/false,
                       resultLaneBits(Op));
  case O::I16x8ExtendHighI8x16U:
  case O::I32x4ExtendHighI16x8U:
  case O::I64x2ExtendHighI32x4U:
    return lowerExtend(FC, Ops[0], /*Signed=*/false, /*High=*/true,
                       resultLaneBits(Op));

  // Shifts.
  case O::I8x16Shl:
  case O::I16x8Shl:
  case O::I32x4Shl:
  case O::I64x2Shl:
    return lowerShift(FC, BinOp::Shl, Ops[0], Ops[1], resultLaneBits(Op));
  case O::I8x16ShrS:
  case O::I16x8ShrS:
  case O::I32x4ShrS:
  case O::I64x2ShrS:
    return lowerShift(FC, BinOp::AShr, Ops[0], Ops[1], resultLaneBits(Op));
  case O::I8x16ShrU:
  case O::I16x8ShrU:
  case O::I32x4ShrU:
  case O::I64x2ShrU:
    return lowerShift(FC, BinOp::LShr, Ops[0], Ops[1], resultLaneBits(Op));

  // Arithmetic: wrapping, saturating, min/max, rounding average.
  case O::I8x16Add:
  case O::I16x8Add:
  case O::I32x4Add:
  case O::I64x2Add:
    return lowerBinary(FC, BinOp::Add, Ops[0], Ops[1], resultLaneBits(Op));
  case O::I8x16Sub:
  case O::I16x8Sub:
  case O::I32x4Sub:
  case O::I64x2Sub:
    return lowerBinary(FC, BinOp::Sub, Ops[0], Ops[1], resultLaneBits(Op));
  case O::I16x8Mul:
  case O::I32x4Mul:
  case O::I64x2Mul:
    return lowerBinary(FC, BinOp::Mul, Ops[0], Ops[1], resultLaneBits(Op));
  case O::I8x16AddSatS:
  case O::I16x8AddSatS:
    return lowerBinaryIntrinsic(FC, Intrinsic::sadd_sat, Ops[0], Ops[1],
                                resultLaneBits(Op));
  case O::I8x16AddSatU:
  case O::I16x8AddSatU:
    return lowerBinaryIntrinsic(FC, Intrinsic::uadd_sat, Ops[0], Ops[1],
                                resultLaneBits(Op));
  case O::I8x16SubSatS:
  case O::I16x8SubSatS:
    return lowerBinaryIntrinsic(FC, Intrinsic::ssub_sat, Ops[0], Ops[1],
                                resultLaneBits(Op));
  case O::I8x16SubSatU:
  case O::I16x8SubSatU:
    return lowerBinaryIntrinsic(FC, Intrinsic::usub_sat, Ops[0], Ops[1],
                                resultLaneBits(Op));
  case O::I8x16MinS:
  case O::I16x8MinS:
  case O::I32x4MinS:
    return lowerBinaryIntrinsic(FC, Intrinsic::smin, Ops[0], Ops[1],
                                resultLaneBits(Op));
  case O::I8x16MinU:
  case O::I16x8MinU:
  case O::I32x4MinU:
    return lowerBinaryIntrinsic(FC, Intrinsic::umin, Ops[0], Ops[1],
                                resultLaneBits(Op));
  case O::I8x16MaxS:
  case O::I16x8MaxS:
  case O::I32x4MaxS:
    return lowerBinaryIntrinsic(FC, Intrinsic::smax, Ops[0], Ops[1],
                                resultLaneBits(Op));
  case O::I8x16MaxU:
  case O::I16x8MaxU:
  case O::I32x4MaxU:
    return lowerBinaryIntrinsic(FC, Intrinsic::umax, Ops[0], Ops[1],
                                resultLaneBits(Op));
  case O::I8x16AvgrU:
  case O::I16x8AvgrU:
    return lowerAvgr(FC, Ops[0], Ops[1], resultLaneBits(Op));
  case O::I16x8Q15mulrSatS:
    return lowerQ15MulrSat(FC, Ops[0], Ops[1]);

  // Widening arithmetic.
  case O::I16x8ExtaddPairwiseI8x16S:
  case O::I32x4ExtaddPairwiseI16x8S:
    return lowerExtaddPairwise(FC, Ops[0], /*Signed=*/true, resultLaneBits(Op));
  case O::I16x8ExtaddPairwiseI8x16U:
  case O::I32x4ExtaddPairwiseI16x8U:
    return lowerExtaddPairwise(FC, Ops[0], /*Signed=*/false,
                               resultLaneBits(Op));
  case O::I16x8ExtmulLowI8x16S:
  case O::I32x4ExtmulLowI16x8S:
  case O::I64x2ExtmulLowI32x4S:
    return lowerExtmul(FC, Ops[0], Ops[1], /*Signed=*/true, /*High=*/false,
                       resultLaneBits(Op));
  case O::I16x8ExtmulHighI8x16S:
  case O::I32x4ExtmulHighI16x8S:
  case O::I64x2ExtmulHighI32x4S:
    return lowerExtmul(FC, Ops[0], Ops[1], /*Signed=*/true, /*High=*/true,
                       resultLaneBits(Op));
  case O::I16x8ExtmulLowI8x16U:
  case O::I32x4ExtmulLowI16x8U:
  case O::I64x2ExtmulLowI32x4U:
    return lowerExtmul(FC, Ops[0], Ops[1], /*Signed=*/false, /*High=*/false,
                       resultLaneBits(Op));
  case O::I16x8ExtmulHighI8x16U:
  case O::I32x4ExtmulHighI16x8U:
  case O::I64x2ExtmulHighI32x4U:
    return lowerExtmul(FC, Ops[0], Ops[1], /*Signed=*/false, /*High=*/true,
                       resultLaneBits(Op));
  case O::I32x4DotI16x8S:
    return lowerDot(FC, Ops[0], Ops[1]);

  default:
    // A row of another family: the caller reports the table's mistake.
    return nullptr;
  }
}

} // namespace wasmaot

//===- LowerSimdIntegerTest.cpp - v128 operators, compiled and run --------===//
//
// Each case applies one operator of lowerSimdInteger to fixed operands and
// names the result's bytes. Every case is compiled with each operand either
// loaded at run time or a constant in the IR, as lowered and after LLVM's
// -O2 pipeline, and run with ORC's LLJIT on the host. With constant
// operands LLVM folds the operator itself, which is where the poison of a
// shift by the lane width, an out-of-range extractelement or an
// int-min-poison abs would show. The spec suite covers the operators with
// run-time operands.
//
// The dispatch contract is checked too: every row of the SimdInteger
// family is lowered to a value of its result type, and the other SIMD
// operators are declined with nothing emitted.
//
//===----------------------------------------------------------------------===//
#include "lower/AliasInfo.h"
#include "LoweringTestSupport.h"
#include "lower/FunctionContext.h"
#include "lower/LowerSimd.h"
#include "lower/NativeSignature.h"

#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <string>
#include <vector>

using namespace wasmaot;
using namespace wasmaot::test;
using namespace llvm;

namespace {

/// A value of any operand or result type, as the bytes of a wa_value: a
/// v128 in lane order, a scalar in its low bytes.
using Bytes = std::array<uint8_t, 16>;

template <typename T, size_t N> Bytes lanesOf(const T (&Lanes)[N]) {
  static_assert(sizeof(T) * N == 16, "a v128 is 16 bytes");
  Bytes B;
  std::memcpy(B.data(), Lanes, 16); // the host is little-endian, as wasm
  return B;
}
Bytes i8x16(const int8_t (&L)[16]) { return lanesOf(L); }
Bytes u8x16(const uint8_t (&L)[16]) { return lanesOf(L); }
Bytes i16x8(const int16_t (&L)[8]) { return lanesOf(L); }
Bytes i32x4(const int32_t (&L)[4]) { return lanesOf(L); }
Bytes i64x2(const int64_t (&L)[2]) { return lanesOf(L); }

template <typename T> Bytes scalar(T V) {
  Bytes B{};
  std::memcpy(B.data(), &V, sizeof V);
  return B;
}
Bytes i32(int32_t V) { return scalar(V); }
Bytes i64(int64_t V) { return scalar(V); }
Bytes f32Bits(uint32_t V) { return scalar(V); }
Bytes f64Bits(uint64_t V) { return scalar(V); }

struct Case {
  Opcode Op;
  std::vector<Bytes> Args;
  Bytes Want;
  uint32_t Lane = 0;     // lane operators
  Bytes Immediate = {};  // shuffle lanes
};

std::string describe(const Case &C) {
  std::string S = opcodeName(C.Op).str();
  raw_string_ostream OS(S);
  if (opcodeInfo(C.Op).Immediate == ImmediateKind::LaneIndex)
    OS << " " << C.Lane;
  for (const Bytes &A : C.Args) {
    OS << " [";
    for (uint8_t X : A)
      OS << format_hex_no_prefix(X, 2);
    OS << "]";
  }
  return S;
}

// ---- Building and compiling -------------------------------------------------

/// A constant of type Ty from the first bytes of B.
Constant *constantOf(Type *Ty, const Bytes &B) {
  if (Ty->isVectorTy()) {
    uint64_t Halves[2];
    std::memcpy(Halves, B.data(), 16);
    return ConstantDataVector::get(Ty->getContext(),
                                   ArrayRef<uint64_t>(Halves));
  }
  unsigned Bits = Ty->getPrimitiveSizeInBits();
  uint64_t V = 0;
  std::memcpy(&V, B.data(), Bits / 8);
  APInt Value(Bits, V);
  if (Ty->isFloatingPointTy())
    return ConstantFP::get(Ty->getContext(),
                           APFloat(Ty->getFltSemantics(), Value));
  return ConstantInt::get(Ty, Value);
}

/// Emits `void Name(ptr args, ptr result)`: 16-byte slots in, 16 bytes out
/// (a scalar result in the low bytes, the rest zero).
void emitCase(llvm::Module &M, const Case &C, unsigned ConstMask,
              const std::string &Name, const AliasInfo &Alias) {
  LLVMContext &Ctx = M.getContext();
  auto *Ptr = PointerType::getUnqual(Ctx);
  auto *F = llvm::Function::Create(
      FunctionType::get(Type::getVoidTy(Ctx), {Ptr, Ptr}, false),
      GlobalValue::ExternalLinkage, Name, M);
  static const wasmaot::Module EmptyWasm;
  static const InstanceLayout Layout =
      cantFail(InstanceLayout::forPointerSize(8));
  static const LowerOptions Opts;
  FunctionContext FC(*F, EmptyWasm, Layout, Opts, Alias);
  IRBuilder<> &B = FC.B;
  B.SetInsertPoint(BasicBlock::Create(Ctx, "entry", F));

  const OpSignature &Sig = *opcodeInfo(C.Op).Signature;
  std::vector<Value *> Operands;
  for (unsigned K = 0; K < Sig.NumParams; ++K) {
    Type *Ty = llvmType(Ctx, Sig.Params[K]);
    if (ConstMask & (1u << K)) {
      Operands.push_back(constantOf(Ty, C.Args[K]));
      continue;
    }
    Value *Slot = B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), F->getArg(0),
                                               16 * K);
    Operands.push_back(B.CreateAlignedLoad(Ty, Slot, Align(1)));
  }
  wasmaot::Instruction I;
  I.Op = C.Op;
  I.Index = C.Lane;
  std::memcpy(I.V128, C.Immediate.data(), 16);
  Value *Result = lowerSimdInteger(FC, I, Operands);
  ASSERT_NE(Result, nullptr) << describe(C);
  B.CreateStore(ConstantAggregateZero::get(ArrayType::get(B.getInt8Ty(), 16)),
                F->getArg(1));
  B.CreateAlignedStore(Result, F->getArg(1), Align(1));
  B.CreateRetVoid();
}

using CaseFn = void (*)(const uint8_t *Args, uint8_t *Result);

/// Compiles every case with every mix of constant operands, as lowered and
/// at -O2, runs each and compares the result's bytes.
void check(const std::vector<Case> &Cases) {
  auto J = createHostJit();
  auto Ctx = std::make_unique<LLVMContext>();
  LLVMContext &C = *Ctx;
  orc::ThreadSafeContext TSC(std::move(Ctx));
  const char *Prefixes[] = {"o0_", "o2_"};
  for (int Opt = 0; Opt < 2; ++Opt) {
    auto M = createJitModule(Prefixes[Opt], C, *J);
    AliasInfo Alias = AliasInfo::create(C);
    for (size_t CI = 0; CI < Cases.size(); ++CI) {
      unsigned NumParams = opcodeInfo(Cases[CI].Op).Signature->NumParams;
      for (unsigned Mask = 0; Mask < (1u << NumParams); ++Mask)
        emitCase(*M, Cases[CI], Mask,
                 Prefixes[Opt] + std::to_string(CI) + "_" +
                     std::to_string(Mask),
                 Alias);
    }
    ASSERT_TRUE(verifies(*M));
    if (Opt)
      optimizeO2(*M);
    cantFail(J->addIRModule(orc::ThreadSafeModule(std::move(M), TSC)));
  }

  unsigned Runs = 0;
  for (size_t CI = 0; CI < Cases.size(); ++CI) {
    const Case &Cs = Cases[CI];
    unsigned NumParams = opcodeInfo(Cs.Op).Signature->NumParams;
    std::vector<uint8_t> Args(16 * NumParams);
    for (unsigned I = 0; I < NumParams; ++I)
      std::memcpy(Args.data() + 16 * I, Cs.Args[I].data(), 16);
    for (int Opt = 0; Opt < 2; ++Opt)
      for (unsigned Mask = 0; Mask < (1u << NumParams); ++Mask) {
        auto Addr = J->lookup(Prefixes[Opt] + std::to_string(CI) + "_" +
                              std::to_string(Mask));
        ASSERT_TRUE(bool(Addr)) << toString(Addr.takeError());
        Bytes Got;
        Addr->toPtr<CaseFn>()(Args.data(), Got.data());
        ++Runs;
        EXPECT_EQ(Got, Cs.Want)
            << describe(Cs) << (Opt ? " at -O2" : " unoptimized")
            << ", constant operands mask " << Mask;
      }
  }
  std::printf("[          ] %zu cases, %u runs\n", Cases.size(), Runs);
}

using O = Opcode;
constexpr int8_t S8Min = INT8_MIN;
constexpr int16_t S16Min = INT16_MIN;
constexpr int32_t S32Min = INT32_MIN;
constexpr int64_t S64Min = INT64_MIN;

const Bytes Seq = u8x16({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                         15});
const Bytes High = u8x16({0x80, 0x91, 0xa2, 0xb3, 0xc4, 0xd5, 0xe6, 0xf7,
                          0x08, 0x19, 0x2a, 0x3b, 0x4c, 0x5d, 0x6e, 0x7f});

// ---- Shifts: the count is taken modulo the lane width -----------------------

TEST(LowerSimdInteger, ShiftCountsWrap) {
  const Bytes V16 = i16x8({1, -2, 0x4000, S16Min, 7, -1, 0x1234, 0});
  check({
      {O::I8x16Shl, {High, i32(9)}, u8x16({0x00, 0x22, 0x44, 0x66, 0x88,
                                           0xaa, 0xcc, 0xee, 0x10, 0x32,
                                           0x54, 0x76, 0x98, 0xba, 0xdc,
                                           0xfe})},
      {O::I8x16ShrS, {High, i32(8)}, High},
      {O::I8x16ShrU, {High, i32(-1)}, u8x16({1, 1, 1, 1, 1, 1, 1, 1, 0, 0,
                                             0, 0, 0, 0, 0, 0})},
      {O::I16x8Shl, {V16, i32(16)}, V16},
      {O::I16x8ShrS, {V16, i32(31)}, i16x8({0, -1, 0, -1, 0, -1, 0, 0})},
      {O::I16x8ShrU, {V16, i32(17)},
       i16x8({0, 0x7fff, 0x2000, 0x4000, 3, 0x7fff, 0x091a, 0})},
      {O::I32x4Shl, {i32x4({1, 2, 3, S32Min}), i32(33)},
       i32x4({2, 4, 6, 0})},
      {O::I32x4ShrS, {i32x4({S32Min, -1, 64, 5}), i32(32 + 6)},
       i32x4({-(1 << 25), -1, 1, 0})},
      // -26 is 0xffffffe6: a count of 6.
      {O::I32x4ShrU, {i32x4({S32Min, -1, 64, 5}), i32(-26)},
       i32x4({0x02000000, 0x03ffffff, 1, 0})},
      {O::I64x2Shl, {i64x2({1, -1}), i32(64 + 63)}, i64x2({S64Min, S64Min})},
      {O::I64x2ShrS, {i64x2({S64Min, 4}), i32(128 + 2)},
       i64x2({S64Min / 4, 1})},
      {O::I64x2ShrU, {i64x2({S64Min, -1}), i32(63)}, i64x2({1, 1})},
  });
}

// ---- Swizzle and shuffle: every lane index --------------------------------

TEST(LowerSimdInteger, SwizzleZeroesIndicesFrom16) {
  check({
      {O::I8x16Swizzle,
       {High, u8x16({15, 0, 16, 31, 32, 127, 128, 255, 7, 8, 17, 1, 14, 64,
                     200, 2})},
       u8x16({0x7f, 0x80, 0, 0, 0, 0, 0, 0, 0xf7, 0x08, 0, 0x91, 0x6e, 0, 0,
              0xa2})},
      {O::I8x16Swizzle, {Seq, Seq}, Seq},
  });
}

TEST(LowerSimdInteger, ShuffleTakesFromBoth) {
  Case C{O::I8x16Shuffle, {Seq, High},
         u8x16({0x7f, 0, 0x80, 15, 1, 0x6e, 8, 0x08, 0x08, 3, 0x91, 2, 0x5d,
                4, 0xc4, 5})};
  C.Immediate = u8x16({31, 0, 16, 15, 1, 30, 8, 24, 24, 3, 17, 2, 29, 4, 20,
                       5});
  check({C});
}

// ---- Lanes: splat, extract and replace, float lanes bit for bit -------------

TEST(LowerSimdInteger, LanesMoveBitsExactly) {
  const uint32_t SNaN32 = 0x7fa00001;
  const uint64_t SNaN64 = 0xfff4000000000001;
  const Bytes Floats = i32x4({0x3f800000, int32_t(SNaN32),
                              int32_t(0xffc00000), S32Min});
  std::vector<Case> Cases = {
      {O::I8x16Splat, {i32(0x1ff)}, u8x16({0xff, 0xff, 0xff, 0xff, 0xff,
                                           0xff, 0xff, 0xff, 0xff, 0xff,
                                           0xff, 0xff, 0xff, 0xff, 0xff,
                                           0xff})},
      {O::I16x8Splat, {i32(0x18001)},
       i16x8({S16Min + 1, S16Min + 1, S16Min + 1, S16Min + 1, S16Min + 1,
              S16Min + 1, S16Min + 1, S16Min + 1})},
      {O::I64x2Splat, {i64(-3)}, i64x2({-3, -3})},
      {O::F32x4Splat, {f32Bits(SNaN32)},
       i32x4({int32_t(SNaN32), int32_t(SNaN32), int32_t(SNaN32),
              int32_t(SNaN32)})},
      {O::F64x2Splat, {f64Bits(SNaN64)},
       i64x2({int64_t(SNaN64), int64_t(SNaN64)})},
      {O::I8x16ExtractLaneS, {High}, i32(int8_t(0xc4)), 4},
      {O::I8x16ExtractLaneU, {High}, i32(0xc4), 4},
      {O::I16x8ExtractLaneS, {High}, i32(int16_t(0xb3a2)), 1},
      {O::I16x8ExtractLaneU, {High}, i32(0xb3a2), 1},
      {O::I32x4ExtractLane, {Floats}, i32(S32Min), 3},
      {O::I64x2ExtractLane, {High}, i64(0x7f6e5d4c3b2a1908), 1},
      {O::F32x4ExtractLane, {Floats}, f32Bits(SNaN32), 1},
      {O::F64x2ExtractLane, {i64x2({1, int64_t(SNaN64)})}, f64Bits(SNaN64),
       1},
      {O::I8x16ReplaceLane, {Seq, i32(-1)},
       u8x16({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xff}), 15},
      {O::I16x8ReplaceLane, {Seq, i32(0x12345)},
       u8x16({0x45, 0x23, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}),
       0},
      {O::I32x4ReplaceLane, {Seq, i32(-2)},
       u8x16({0, 1, 2, 3, 4, 5, 6, 7, 0xfe, 0xff, 0xff, 0xff, 12, 13, 14,
              15}),
       2},
      {O::I64x2ReplaceLane, {Seq, i64(S64Min)},
       u8x16({0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0, 0, 0, 0, 0x80}), 1},
      {O::F32x4ReplaceLane, {Seq, f32Bits(SNaN32)},
       u8x16({0x01, 0x00, 0xa0, 0x7f, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
              15}),
       0},
      {O::F64x2ReplaceLane, {Seq, f64Bits(SNaN64)},
       u8x16({0, 1, 2, 3, 4, 5, 6, 7, 0x01, 0, 0, 0, 0, 0, 0xf4, 0xff}), 1},
  };
  check(Cases);
}

// ---- Edges of the integer operators ------------------------------------------

TEST(LowerSimdInteger, MostNegativeLanesAndSaturation) {
  check({
      {O::I8x16Abs, {i8x16({S8Min, -1, 1, 0, 127, -127, 5, -5, S8Min, 2, -2,
                            3, -3, 4, -4, 0})},
       i8x16({S8Min, 1, 1, 0, 127, 127, 5, 5, S8Min, 2, 2, 3, 3, 4, 4, 0})},
      {O::I64x2Abs, {i64x2({S64Min, -7})}, i64x2({S64Min, 7})},
      {O::I32x4Neg, {i32x4({S32Min, 1, -1, 0})}, i32x4({S32Min, -1, 1, 0})},
      {O::I8x16NarrowI16x8S,
       {i16x8({-129, -128, 127, 128, 0x7fff, S16Min, -1, 1}),
        i16x8({300, -300, 5, -5, 0, 255, 256, -256})},
       i8x16({-128, -128, 127, 127, 127, -128, -1, 1, 127, -128, 5, -5, 0,
              127, 127, -128})},
      {O::I8x16NarrowI16x8U,
       {i16x8({-1, 0, 255, 256, 0x7fff, S16Min, 128, 1}),
        i16x8({300, -300, 5, -5, 0, 255, 256, -256})},
       u8x16({0, 0, 255, 255, 255, 0, 128, 1, 255, 0, 5, 0, 0, 255, 255,
              0})},
      {O::I16x8NarrowI32x4U,
       {i32x4({-1, 65536, 65535, S32Min}), i32x4({1, 0x7fffffff, 40000, 0})},
       i16x8({0, -1, -1, 0, 1, -1, int16_t(40000), 0})},
      {O::I16x8NarrowI32x4S,
       {i32x4({-32769, 32768, 7, S32Min}), i32x4({1, 0x7fffffff, -7, 0})},
       i16x8({S16Min, 0x7fff, 7, S16Min, 1, 0x7fff, -7, 0})},
      {O::I16x8Q15mulrSatS,
       {i16x8({S16Min, S16Min, 0x4000, S16Min, 0x4000, -1, 1, -3}),
        i16x8({S16Min, 0x7fff, 0x4000, 1, 1, 1, 0x4000, 0x4000})},
       i16x8({0x7fff, -0x7fff, 0x2000, -1, 1, 0, 1, -1})},
      {O::I8x16AddSatS, {i8x16({127, S8Min, 100, -100, 1, 0, 0, 0, 0, 0, 0,
                                0, 0, 0, 0, 0}),
                         i8x16({1, -1, 100, -100, -1, 0, 0, 0, 0, 0, 0, 0,
                                0, 0, 0, 0})},
       i8x16({127, S8Min, 127, S8Min, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})},
      {O::I16x8SubSatU, {i16x8({0, 5, -1, 0, 0, 0, 0, 0}),
                         i16x8({1, 5, 1, 0, 0, 0, 0, 0})},
       i16x8({0, 0, -2, 0, 0, 0, 0, 0})},
      {O::I8x16AvgrU, {u8x16({255, 0, 1, 254, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                              0, 0}),
                       u8x16({255, 1, 2, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                              0, 0})},
       u8x16({255, 1, 2, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})},
      {O::I32x4DotI16x8S,
       {i16x8({S16Min, S16Min, 1, 2, -3, 4, 0x7fff, 0x7fff}),
        i16x8({S16Min, S16Min, 5, 6, 7, 8, 0x7fff, 0x7fff})},
       i32x4({S32Min, 17, 11, 0x7ffe0002})},
      {O::I32x4MinU, {i32x4({-1, 0, 5, S32Min}), i32x4({1, -1, 5, 0})},
       i32x4({1, 0, 5, 0})},
      {O::I8x16Popcnt, {High},
       u8x16({1, 3, 3, 5, 3, 5, 5, 7, 1, 3, 3, 5, 3, 5, 5, 7})},
  });
}

TEST(LowerSimdInteger, WideningKeepsSigns) {
  check({
      {O::I16x8ExtendHighI8x16S, {High},
       i16x8({8, 0x19, 0x2a, 0x3b, 0x4c, 0x5d, 0x6e, 0x7f})},
      {O::I16x8ExtendLowI8x16S, {High},
       i16x8({-128, -111, -94, -77, -60, -43, -26, -9})},
      {O::I32x4ExtendLowI16x8U, {High},
       i32x4({0x9180, 0xb3a2, 0xd5c4, 0xf7e6})},
      {O::I64x2ExtendHighI32x4S, {i32x4({1, 2, -3, S32Min})},
       i64x2({-3, S32Min})},
      {O::I16x8ExtaddPairwiseI8x16U, {High},
       i16x8({0x111, 0x155, 0x199, 0x1dd, 0x21, 0x65, 0xa9, 0xed})},
      {O::I32x4ExtaddPairwiseI16x8S,
       {i16x8({S16Min, S16Min, 0x7fff, 0x7fff, -1, 1, 5, -7})},
       i32x4({-65536, 65534, 0, -2})},
      {O::I64x2ExtmulHighI32x4U, {i32x4({0, 0, -1, 2}), i32x4({0, 0, -1, 3})},
       i64x2({int64_t(0xfffffffe00000001), 6})},
      {O::I16x8ExtmulLowI8x16S, {High, High},
       i16x8({16384, 12321, 8836, 5929, 3600, 1849, 676, 81})},
  });
}

TEST(LowerSimdInteger, ReductionsAndMasks) {
  const Bytes LastZero = i32x4({1, 1, 1, 0});
  const Bytes HighBytes = i32x4({0x01000000, 0x01000000, 0x01000000,
                                 0x01000000});
  check({
      {O::I8x16Bitmask, {High}, i32(0x00ff)},
      {O::I16x8Bitmask, {High}, i32(0x0f)},
      {O::I32x4Bitmask, {i32x4({-1, 1, S32Min, 0})}, i32(0b0101)},
      {O::I64x2Bitmask, {i64x2({1, S64Min})}, i32(0b10)},
      {O::I32x4AllTrue, {LastZero}, i32(0)},
      {O::I32x4AllTrue, {HighBytes}, i32(1)},
      {O::I8x16AllTrue, {HighBytes}, i32(0)},
      {O::I64x2AllTrue, {i64x2({1, int64_t(1) << 63})}, i32(1)},
      {O::I16x8AllTrue, {High}, i32(1)},
      {O::V128AnyTrue, {i64x2({0, S64Min})}, i32(1)},
      {O::V128AnyTrue, {i64x2({0, 0})}, i32(0)},
      {O::I64x2LtS, {i64x2({S64Min, 5}), i64x2({0, 5})}, i64x2({-1, 0})},
      {O::I8x16GtU, {High, Seq},
       u8x16({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0xff,
              0xff, 0xff, 0xff, 0xff, 0xff, 0xff})},
      {O::V128Bitselect, {Seq, High, i64x2({-1, 0})},
       u8x16({0, 1, 2, 3, 4, 5, 6, 7, 0x08, 0x19, 0x2a, 0x3b, 0x4c, 0x5d,
              0x6e, 0x7f})},
      {O::V128Andnot, {High, Seq},
       u8x16({0x80, 0x90, 0xa0, 0xb0, 0xc0, 0xd0, 0xe0, 0xf0, 0x00, 0x10,
              0x20, 0x30, 0x40, 0x50, 0x60, 0x70})},
  });
}

// ---- The dispatch contract ----------------------------------------------------

TEST(LowerSimdInteger, LowersItsFamilyAndDeclinesTheOtherSimdRows) {
  LLVMContext Ctx;
  llvm::Module M("m", Ctx);
  AliasInfo Alias = AliasInfo::create(Ctx);
  static const wasmaot::Module EmptyWasm;
  const InstanceLayout Layout = cantFail(InstanceLayout::forPointerSize(8));
  const LowerOptions Opts;
  unsigned Lowered = 0, Declined = 0;
  for (unsigned K = 0; K < NumOpcodes; ++K) {
    auto Op = static_cast<Opcode>(K);
    const OpcodeInfo &Info = opcodeInfo(Op);
    if (Info.Prefix != 0xFD || isMemoryAccess(Op))
      continue;
    SmallVector<Type *, 4> Params;
    for (ValType T : Info.Signature->params())
      Params.push_back(llvmType(Ctx, T));
    auto *F = llvm::Function::Create(
        FunctionType::get(Type::getVoidTy(Ctx), Params, false),
        GlobalValue::ExternalLinkage, Info.Text, M);
    FunctionContext FC(*F, EmptyWasm, Layout, Opts, Alias);
    FC.B.SetInsertPoint(BasicBlock::Create(Ctx, "entry", F));
    SmallVector<Value *, 4> Operands;
    for (Argument &A : F->args())
      Operands.push_back(&A);
    wasmaot::Instruction I;
    I.Op = Op;
    Value *Result = lowerSimdInteger(FC, I, Operands);
    if (Info.Family != LowerFamily::SimdInteger) {
      ++Declined;
      EXPECT_EQ(Result, nullptr) << Info.Text.str();
      EXPECT_TRUE(F->getEntryBlock().empty())
          << Info.Text.str() << " emitted code it then declined";
      continue;
    }
    ++Lowered;
    ASSERT_NE(Result, nullptr) << Info.Text.str();
    EXPECT_EQ(Result->getType(), llvmType(Ctx, Info.Signature->Result))
        << Info.Text.str();
  }
  // WebAssembly 2.0 has 236 SIMD opcodes: 22 memory accesses, 162
  // operators of this family and 52 of the float-lane one.
  EXPECT_EQ(Lowered, 162u);
  EXPECT_EQ(Declined, 52u);
}

} // namespace

//===- LowerSimdFloatTest.cpp - Float lane operators, compiled and run ----===//
//
// Each case applies one float lane operator to fixed v128 operands and
// names every lane of the result: exact bits, or "an arithmetic NaN".
// Every case is compiled with lowerSimdFloat each way that changes what
// LLVM may fold, and run on the host with ORC's LLJIT:
//   - each operand either loaded at run time or a constant in the IR (the
//     builder's and the optimizer's constant folding, and the fold
//     barriers that keep x * 1.0 from becoming x),
//   - the IR as lowered, and after LLVM's -O2 pipeline,
//   - without and with --deterministic, where a NaN lane of an operator on
//     DeterministicNaN.h's list must be the positive canonical NaN and
//     every other lane stays what it was.
// Operands in memory are the v128's bytes, lanes in wasm's order.
// simd-float-*.test in test/lit/build runs the same operators on AArch64
// and RISC-V under qemu.
//
//===----------------------------------------------------------------------===//
#include "lower/AliasInfo.h"
#include "LoweringTestSupport.h"
#include "lower/DeterministicNaN.h"
#include "lower/FunctionContext.h"
#include "lower/LowerSimd.h"
#include "lower/LowerSimdInternal.h"

#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <set>
#include <string>
#include <vector>

using namespace wasmaot;
using namespace wasmaot::test;
using namespace llvm;

namespace {

// ---- Values and expectations ---------------------------------------------

/// A v128 as the two 64-bit halves of its bytes (lane 0 of any shape in
/// the low bits of the first).
using V128 = std::array<uint64_t, 2>;

V128 i32x4(uint32_t A, uint32_t B, uint32_t C, uint32_t D) {
  return {A | uint64_t(B) << 32, C | uint64_t(D) << 32};
}
V128 i64x2(uint64_t A, uint64_t B) { return {A, B}; }

/// One expected result lane.
struct Lane {
  bool AnyNaN = false;
  uint64_t Bits = 0;
};
Lane lane(uint64_t Bits) { return {false, Bits}; }
const Lane NaN{true, 0};

/// The expected result: lanes of 32 or 64 bits.
struct Want {
  unsigned LaneBits;
  std::vector<Lane> Lanes;
};
Want w32(Lane A, Lane B, Lane C, Lane D) { return {32, {A, B, C, D}}; }
Want w64(Lane A, Lane B) { return {64, {A, B}}; }

struct Case {
  Opcode Op;
  std::vector<V128> Args;
  Want Result;
};

constexpr uint32_t F32SNaN = 0x7fa00000;    // signalling, payload 0x200000
constexpr uint32_t F32NegSNaN = 0xffa00001; // signalling, negative
constexpr uint32_t F32QNaN = 0x7fc12345;    // quiet, with a payload
constexpr uint64_t F64SNaN = 0x7ff4000000000000;
constexpr uint32_t F32One = 0x3f800000, F32MinusOne = 0xbf800000;
constexpr uint32_t F32Zero = 0, F32NegZero = 0x80000000;
constexpr uint64_t F64One = 0x3ff0000000000000;
constexpr uint64_t F64Zero = 0, F64NegZero = 0x8000000000000000;

uint64_t laneOf(const V128 &V, unsigned LaneBits, unsigned I) {
  if (LaneBits == 64)
    return V[I];
  return (V[I / 2] >> (32 * (I % 2))) & 0xffffffff;
}

bool isQuietNaN(uint64_t Bits, unsigned LaneBits) {
  uint64_t Quiet = LaneBits == 32 ? 0x7fc00000 : 0x7ff8000000000000;
  return (Bits & Quiet) == Quiet;
}

uint64_t canonicalNaN(unsigned LaneBits) {
  return LaneBits == 32 ? 0x7fc00000 : 0x7ff8000000000000;
}

std::string describe(const Case &C) {
  std::string S = opcodeName(C.Op).str() + "(";
  for (size_t I = 0; I < C.Args.size(); ++I)
    S += formatv("{0}{1:x16}{2:x16}", I ? ", " : "", C.Args[I][1],
                 C.Args[I][0])
             .str();
  return S + ")";
}

// ---- Building and compiling -----------------------------------------------

using CaseFn = void (*)(const uint64_t *Args, uint64_t *Result);

/// Emits `void Name(ptr args, ptr result)` computing C, the operands in
/// ConstMask (bit I: operand I) as IR constants.
void emitCase(llvm::Module &M, const Case &C, unsigned ConstMask,
              const LowerOptions &Opts, const std::string &Name,
              const AliasInfo &Alias) {
  LLVMContext &Ctx = M.getContext();
  auto *Ptr = PointerType::getUnqual(Ctx);
  auto *FT = FunctionType::get(Type::getVoidTy(Ctx), {Ptr, Ptr}, false);
  auto *F = llvm::Function::Create(FT, GlobalValue::ExternalLinkage, Name, M);
  static const wasmaot::Module EmptyWasm;
  static const InstanceLayout Layout =
      cantFail(InstanceLayout::forPointerSize(8));
  FunctionContext FC(*F, EmptyWasm, Layout, Opts, Alias);
  FC.B.SetInsertPoint(BasicBlock::Create(Ctx, "entry", F));

  std::vector<Value *> Operands;
  for (unsigned I = 0; I < C.Args.size(); ++I) {
    if (ConstMask & (1u << I)) {
      Operands.push_back(
          ConstantDataVector::get(Ctx, ArrayRef<uint64_t>(C.Args[I])));
      continue;
    }
    Value *Addr = FC.B.CreateConstInBoundsGEP1_64(FC.i64(), F->getArg(0),
                                                  2 * I);
    Operands.push_back(FC.B.CreateAlignedLoad(v128Type(FC), Addr, Align(8)));
  }
  Value *V = lowerSimdFloat(FC, C.Op, Operands);
  FC.B.CreateAlignedStore(V, F->getArg(1), Align(8));
  FC.B.CreateRetVoid();
}

/// The ways each case is compiled: optimised or not, deterministic or not.
struct Variant {
  const char *Prefix;
  bool Optimize;
  bool Deterministic;
};
constexpr Variant Variants[] = {{"o0_", false, false},
                                {"o2_", true, false},
                                {"o0_det_", false, true},
                                {"o2_det_", true, true}};

std::string caseName(const Variant &V, size_t CaseIndex, unsigned Mask) {
  return V.Prefix + std::to_string(CaseIndex) + "_" + std::to_string(Mask);
}

/// A module with one function per case and operand mix for variant V; fails
/// the test if it does not verify.
std::unique_ptr<llvm::Module> buildModule(LLVMContext &Ctx, orc::LLJIT &J,
                                          const std::vector<Case> &Cases,
                                          const Variant &V) {
  auto M = createJitModule(V.Prefix, Ctx, J);
  AliasInfo Alias = AliasInfo::create(Ctx);
  LowerOptions Opts;
  Opts.Deterministic = V.Deterministic;
  for (size_t CI = 0; CI < Cases.size(); ++CI)
    for (unsigned Mask = 0; Mask < (1u << Cases[CI].Args.size()); ++Mask)
      emitCase(*M, Cases[CI], Mask, Opts, caseName(V, CI, Mask), Alias);
  EXPECT_TRUE(verifies(*M));
  if (V.Optimize)
    optimizeO2(*M);
  return M;
}

/// Whether result lane Got is what W allows, given the variant.
bool laneMatches(const Lane &W, uint64_t Got, unsigned LaneBits, Opcode Op,
                 bool Deterministic) {
  if (!W.AnyNaN)
    return Got == W.Bits;
  if (Deterministic && opcodeInfo(Op).has(NanOpen))
    return Got == canonicalNaN(LaneBits);
  return isQuietNaN(Got, LaneBits);
}

/// Compiles every case every way, runs it and checks every lane.
void check(const std::vector<Case> &Cases) {
  auto J = createHostJit();
  auto Ctx = std::make_unique<LLVMContext>();
  LLVMContext &C = *Ctx;
  orc::ThreadSafeContext TSC(std::move(Ctx));
  for (const Variant &V : Variants)
    cantFail(J->addIRModule(
        orc::ThreadSafeModule(buildModule(C, *J, Cases, V), TSC)));

  unsigned Runs = 0;
  for (size_t CI = 0; CI < Cases.size(); ++CI) {
    const Case &Cs = Cases[CI];
    std::vector<uint64_t> Args;
    for (const V128 &A : Cs.Args)
      Args.insert(Args.end(), A.begin(), A.end());
    for (const Variant &V : Variants) {
      for (unsigned Mask = 0; Mask < (1u << Cs.Args.size()); ++Mask) {
        auto Addr = J->lookup(caseName(V, CI, Mask));
        if (!Addr) {
          ADD_FAILURE() << toString(Addr.takeError());
          continue;
        }
        V128 Got = {0, 0};
        Addr->toPtr<CaseFn>()(Args.data(), Got.data());
        ++Runs;
        const Want &W = Cs.Result;
        for (unsigned I = 0; I < W.Lanes.size(); ++I) {
          uint64_t L = laneOf(Got, W.LaneBits, I);
          EXPECT_TRUE(laneMatches(W.Lanes[I], L, W.LaneBits, Cs.Op,
                                  V.Deterministic))
              << describe(Cs) << " (" << V.Prefix << "mask " << Mask
              << "): lane " << I << " is " << formatv("{0:x}", L).str();
        }
      }
    }
  }
  std::printf("[          ] %zu cases, %u runs\n", Cases.size(), Runs);
}

using O = Opcode;

// ---- Cases ---------------------------------------------------------------

/// add, sub, mul, div: the constants LLVM folds with (x * 1, x + -0,
/// x / 1, -0 - x) must not hand a signalling NaN back; with a constant
/// operand, these cases check the fold barriers.
std::vector<Case> arithmeticCases() {
  V128 Ones = i32x4(F32One, F32One, F32One, F32One);
  V128 NegZeros = i32x4(F32NegZero, F32NegZero, F32NegZero, F32NegZero);
  V128 SNaNs = i32x4(F32SNaN, F32NegSNaN, F32One, F32NegZero);
  return {
      {O::F32x4Mul, {SNaNs, Ones}, w32(NaN, NaN, lane(F32One), lane(F32NegZero))},
      {O::F32x4Mul, {Ones, SNaNs}, w32(NaN, NaN, lane(F32One), lane(F32NegZero))},
      {O::F32x4Div, {SNaNs, Ones}, w32(NaN, NaN, lane(F32One), lane(F32NegZero))},
      {O::F32x4Add, {SNaNs, NegZeros}, w32(NaN, NaN, lane(F32One), lane(F32NegZero))},
      {O::F32x4Sub, {SNaNs, i32x4(0, 0, 0, 0)}, w32(NaN, NaN, lane(F32One), lane(F32NegZero))},
      {O::F32x4Sub, {NegZeros, SNaNs}, w32(NaN, NaN, lane(F32MinusOne), lane(F32Zero))},
      // A lane of 1.0 among others still gets a barrier.
      {O::F32x4Mul, {SNaNs, i32x4(F32One, 0x40000000, F32One, F32One)},
       w32(NaN, NaN, lane(F32One), lane(F32NegZero))},
      {O::F32x4Add, {i32x4(0x7f800000, F32QNaN, F32One, F32NegZero),
                     i32x4(0xff800000, F32One, 0x40000000, F32NegZero)},
       w32(NaN, NaN, lane(0x40400000), lane(F32NegZero))},
      {O::F32x4Div, {i32x4(F32Zero, F32One, 0xbf800000, 0x40c00000),
                     i32x4(F32Zero, F32NegZero, F32Zero, 0x40000000)},
       w32(NaN, lane(0xff800000), lane(0xff800000), lane(0x40400000))},
      {O::F64x2Mul, {i64x2(F64SNaN, F64NegZero), i64x2(F64One, F64One)},
       w64(NaN, lane(F64NegZero))},
      {O::F64x2Div, {i64x2(F64SNaN, F64One), i64x2(F64One, F64One)},
       w64(NaN, lane(F64One))},
      {O::F64x2Add, {i64x2(F64SNaN, F64NegZero), i64x2(F64NegZero, F64NegZero)},
       w64(NaN, lane(F64NegZero))},
      {O::F64x2Sub, {i64x2(0x7ff0000000000000, F64One), i64x2(0x7ff0000000000000, F64Zero)},
       w64(NaN, lane(F64One))},
      {O::F32x4Sqrt, {i32x4(0x40800000, F32MinusOne, F32SNaN, F32NegZero)},
       w32(lane(0x40000000), NaN, NaN, lane(F32NegZero))},
      {O::F64x2Sqrt, {i64x2(0x4010000000000000, F64SNaN)},
       w64(lane(0x4000000000000000), NaN)},
  };
}
TEST(LowerSimdFloat, Arithmetic) { check(arithmeticCases()); }

/// min/max: -0 below +0 either way round, NaN from either side (quiet even
/// from a signalling operand); pmin/pmax: an operand bit for bit.
std::vector<Case> minMaxCases() {
  V128 A = i32x4(F32NegZero, F32Zero, F32SNaN, F32One);
  V128 B = i32x4(F32Zero, F32NegZero, F32One, F32NegSNaN);
  return {
      {O::F32x4Min, {A, B}, w32(lane(F32NegZero), lane(F32NegZero), NaN, NaN)},
      {O::F32x4Max, {A, B}, w32(lane(F32Zero), lane(F32Zero), NaN, NaN)},
      {O::F64x2Min, {i64x2(F64Zero, F64SNaN), i64x2(F64NegZero, F64One)},
       w64(lane(F64NegZero), NaN)},
      {O::F64x2Max, {i64x2(F64NegZero, F64One), i64x2(F64Zero, F64SNaN)},
       w64(lane(F64Zero), NaN)},
      // pmin(a, b) = b < a ? b : a; pmax(a, b) = a < b ? b : a.
      {O::F32x4Pmin, {A, B},
       w32(lane(F32NegZero), lane(F32Zero), lane(F32SNaN), lane(F32One))},
      {O::F32x4Pmax, {A, B},
       w32(lane(F32NegZero), lane(F32Zero), lane(F32SNaN), lane(F32One))},
      {O::F32x4Pmin, {i32x4(0x40000000, F32One, F32QNaN, 0xff800000),
                      i32x4(F32One, 0x40000000, F32One, F32One)},
       w32(lane(F32One), lane(F32One), lane(F32QNaN), lane(0xff800000))},
      {O::F32x4Pmax, {i32x4(0x40000000, F32One, F32QNaN, 0xff800000),
                      i32x4(F32One, 0x40000000, F32One, F32One)},
       w32(lane(0x40000000), lane(0x40000000), lane(F32QNaN), lane(F32One))},
      {O::F64x2Pmin, {i64x2(F64SNaN, 0x4000000000000000), i64x2(F64One, F64One)},
       w64(lane(F64SNaN), lane(F64One))},
      {O::F64x2Pmax, {i64x2(F64One, F64NegZero), i64x2(F64SNaN, F64Zero)},
       w64(lane(F64One), lane(F64NegZero))},
  };
}
TEST(LowerSimdFloat, MinMax) { check(minMaxCases()); }

/// Rounding quiets a signalling NaN, keeps zero signs, rounds ties to even
/// (nearest); abs and neg touch the sign bit only.
std::vector<Case> signAndRoundingCases() {
  return {
      {O::F32x4Ceil, {i32x4(F32SNaN, 0xbf000000, 0x3f000000, 0x7149f2ca)},
       w32(NaN, lane(F32NegZero), lane(F32One), lane(0x7149f2ca))},
      {O::F32x4Floor, {i32x4(F32NegSNaN, 0xbf000000, 0x3f000000, F32NegZero)},
       w32(NaN, lane(F32MinusOne), lane(F32Zero), lane(F32NegZero))},
      {O::F32x4Trunc, {i32x4(F32SNaN, 0xbfc00000, 0x40600000, 0xcb000001)},
       w32(NaN, lane(F32MinusOne), lane(0x40400000), lane(0xcb000001))},
      {O::F32x4Nearest, {i32x4(F32SNaN, 0x40200000, 0xbf000000, 0x40600000)},
       w32(NaN, lane(0x40000000), lane(F32NegZero), lane(0x40800000))},
      {O::F64x2Ceil, {i64x2(F64SNaN, 0xbfe0000000000000)},
       w64(NaN, lane(F64NegZero))},
      {O::F64x2Floor, {i64x2(F64SNaN, 0xbfe0000000000000)},
       w64(NaN, lane(0xbff0000000000000))},
      {O::F64x2Trunc, {i64x2(F64SNaN, 0xbff8000000000000)},
       w64(NaN, lane(0xbff0000000000000))},
      {O::F64x2Nearest, {i64x2(0x4004000000000000, 0xbfe0000000000000)},
       w64(lane(0x4000000000000000), lane(F64NegZero))},
      {O::F64x2Nearest, {i64x2(F64SNaN, 0x400c000000000000)},
       w64(NaN, lane(0x4010000000000000))},
      {O::F32x4Abs, {i32x4(F32SNaN, F32NegSNaN, F32NegZero, 0xc0000000)},
       w32(lane(F32SNaN), lane(0x7fa00001), lane(F32Zero), lane(0x40000000))},
      {O::F32x4Neg, {i32x4(F32SNaN, F32NegSNaN, F32NegZero, 0xc0000000)},
       w32(lane(0xffa00000), lane(0x7fa00001), lane(F32Zero), lane(0x40000000))},
      {O::F64x2Abs, {i64x2(0xfff4000000000001, F64NegZero)},
       w64(lane(0x7ff4000000000001), lane(F64Zero))},
      {O::F64x2Neg, {i64x2(F64SNaN, F64Zero)},
       w64(lane(0xfff4000000000000), lane(F64NegZero))},
  };
}
TEST(LowerSimdFloat, SignAndRounding) { check(signAndRoundingCases()); }

/// Comparisons: all-ones lanes for true; ordered but for ne.
std::vector<Case> compareCases() {
  V128 A = i32x4(F32One, F32QNaN, F32NegZero, 0x40000000);
  V128 B = i32x4(0x40000000, F32One, F32Zero, 0x40000000);
  const Lane T = lane(0xffffffff), F = lane(0);
  const Lane T64 = lane(~uint64_t(0)), F64 = lane(0);
  V128 C = i64x2(F64SNaN, F64NegZero), D = i64x2(F64One, F64Zero);
  return {
      {O::F32x4Eq, {A, B}, w32(F, F, T, T)},
      {O::F32x4Ne, {A, B}, w32(T, T, F, F)},
      {O::F32x4Lt, {A, B}, w32(T, F, F, F)},
      {O::F32x4Gt, {B, A}, w32(T, F, F, F)},
      {O::F32x4Le, {A, B}, w32(T, F, T, T)},
      {O::F32x4Ge, {A, B}, w32(F, F, T, T)},
      {O::F64x2Eq, {C, D}, w64(F64, T64)},
      {O::F64x2Ne, {C, D}, w64(T64, F64)},
      {O::F64x2Lt, {D, i64x2(0x4000000000000000, F64NegZero)}, w64(T64, F64)},
      {O::F64x2Gt, {i64x2(0x4000000000000000, F64SNaN), D}, w64(T64, F64)},
      {O::F64x2Le, {C, D}, w64(F64, T64)},
      {O::F64x2Ge, {C, D}, w64(F64, T64)},
  };
}
TEST(LowerSimdFloat, Compare) { check(compareCases()); }

/// trunc_sat (NaN -> 0, saturation), convert (ties to even), demote
/// (upper lanes zero), promote (lower lanes), both quieting a signalling
/// NaN, also one after the other.
std::vector<Case> conversionCases() {
  return {
      {O::I32x4TruncSatF32x4S, {i32x4(0x7fc00000, 0x4f000000, 0xcf000001, 0x4effffff)},
       w32(lane(0), lane(0x7fffffff), lane(0x80000000), lane(0x7fffff80))},
      {O::I32x4TruncSatF32x4S, {i32x4(0xbfc00000, 0x7f800000, 0xff800000, F32NegSNaN)},
       w32(lane(0xffffffff), lane(0x7fffffff), lane(0x80000000), lane(0))},
      {O::I32x4TruncSatF32x4U, {i32x4(0x7fc00000, 0x4f800000, F32MinusOne, 0x4f7fffff)},
       w32(lane(0), lane(0xffffffff), lane(0), lane(0xffffff00))},
      {O::I32x4TruncSatF32x4U, {i32x4(0x4f000000, 0x3f7fffff, 0xbf7fffff, 0x7f800000)},
       w32(lane(0x80000000), lane(0), lane(0), lane(0xffffffff))},
      {O::I32x4TruncSatF64x2SZero, {i64x2(0x41dfffffffc00000, 0xc1e0000000200000)},
       w32(lane(0x7fffffff), lane(0x80000000), lane(0), lane(0))},
      {O::I32x4TruncSatF64x2SZero, {i64x2(F64SNaN, 0xc000000000000000)},
       w32(lane(0), lane(0xfffffffe), lane(0), lane(0))},
      {O::I32x4TruncSatF64x2UZero, {i64x2(0x41efffffffe00000, 0x41f0000000000000)},
       w32(lane(0xffffffff), lane(0xffffffff), lane(0), lane(0))},
      {O::I32x4TruncSatF64x2UZero, {i64x2(0xbff0000000000000, 0x4059000000000000)},
       w32(lane(0), lane(100), lane(0), lane(0))},
      {O::F32x4ConvertI32x4S, {i32x4(0xffffffff, 0x80000000, 0x01000001, 0x7fffffff)},
       w32(lane(0xbf800000), lane(0xcf000000), lane(0x4b800000), lane(0x4f000000))},
      {O::F32x4ConvertI32x4U, {i32x4(0xffffffff, 0xffffff7f, 0x01000003, 0x7fffffc0)},
       w32(lane(0x4f800000), lane(0x4f7fffff), lane(0x4b800002), lane(0x4f000000))},
      {O::F64x2ConvertLowI32x4S, {i32x4(0xffffffff, 0x80000000, 5, 7)},
       w64(lane(0xbff0000000000000), lane(0xc1e0000000000000))},
      {O::F64x2ConvertLowI32x4U, {i32x4(0xffffffff, 0x80000000, 5, 7)},
       w64(lane(0x41efffffffe00000), lane(0x41e0000000000000))},
      {O::F32x4DemoteF64x2Zero, {i64x2(F64SNaN, 0x3ff0000000000001)},
       w32(NaN, lane(F32One), lane(0), lane(0))},
      {O::F32x4DemoteF64x2Zero, {i64x2(0x7fefffffffffffff, 0xb680000000000000)},
       w32(lane(0x7f800000), lane(F32NegZero), lane(0), lane(0))},
      {O::F64x2PromoteLowF32x4, {i32x4(F32SNaN, 0x3fc00000, 0x40000000, 0x40000000)},
       w64(NaN, lane(0x3ff8000000000000))},
  };
}
TEST(LowerSimdFloat, Conversions) { check(conversionCases()); }

// ---- Coverage and composition ---------------------------------------------

// Reads the case tables themselves rather than what earlier tests ran:
// ctest runs every test in a process of its own.
TEST(LowerSimdFloat, EveryFloatLaneOpcodeIsTested) {
  std::set<Opcode> Tested;
  for (auto *Table : {arithmeticCases, minMaxCases, signAndRoundingCases,
                      compareCases, conversionCases})
    for (const Case &C : Table())
      Tested.insert(C.Op);
  unsigned Handled = 0;
  for (unsigned I = 0; I < NumOpcodes; ++I) {
    auto Op = static_cast<Opcode>(I);
    if (opcodeInfo(Op).Family != LowerFamily::SimdFloat)
      continue;
    ++Handled;
    EXPECT_TRUE(Tested.count(Op)) << opcodeName(Op).str();
  }
  // 12 comparisons, 2 x 15 arithmetic and rounding operators, 10
  // conversions.
  EXPECT_EQ(Handled, 52u);
  EXPECT_NE(opcodeInfo(Opcode::F32x4Splat).Family, LowerFamily::SimdFloat);
  EXPECT_NE(opcodeInfo(Opcode::F64x2ExtractLane).Family, LowerFamily::SimdFloat);
  EXPECT_NE(opcodeInfo(Opcode::F32x4ReplaceLane).Family, LowerFamily::SimdFloat);
  EXPECT_NE(opcodeInfo(Opcode::F32Add).Family, LowerFamily::SimdFloat);
}

/// promote_low then demote_zero of a signalling NaN: InstCombine cancels
/// fptrunc against fpext through the v128 bitcasts unless demote's operand
/// is behind a barrier. Built as the translator chains them (the v128
/// result of one is the operand of the next), at -O2.
TEST(LowerSimdFloat, DemoteOfPromoteQuiets) {
  auto J = createHostJit();
  auto Ctx = std::make_unique<LLVMContext>();
  auto M = createJitModule("chain", *Ctx, *J);
  AliasInfo Alias = AliasInfo::create(*Ctx);
  static const wasmaot::Module EmptyWasm;
  const InstanceLayout Layout = cantFail(InstanceLayout::forPointerSize(8));
  const LowerOptions Opts;
  auto *Ptr = PointerType::getUnqual(*Ctx);
  auto *F = llvm::Function::Create(
      FunctionType::get(Type::getVoidTy(*Ctx), {Ptr, Ptr}, false),
      GlobalValue::ExternalLinkage, "chain", *M);
  FunctionContext FC(*F, EmptyWasm, Layout, Opts, Alias);
  FC.B.SetInsertPoint(BasicBlock::Create(*Ctx, "entry", F));
  Value *V = FC.B.CreateAlignedLoad(v128Type(FC), F->getArg(0), Align(8));
  V = lowerSimdFloat(FC, O::F64x2PromoteLowF32x4, {V});
  V = lowerSimdFloat(FC, O::F32x4DemoteF64x2Zero, {V});
  FC.B.CreateAlignedStore(V, F->getArg(1), Align(8));
  FC.B.CreateRetVoid();
  ASSERT_TRUE(verifies(*M));
  optimizeO2(*M);
  cantFail(J->addIRModule(orc::ThreadSafeModule(std::move(M), std::move(Ctx))));
  auto Fn = cantFail(J->lookup("chain")).toPtr<CaseFn>();
  V128 In = i32x4(F32SNaN, F32NegSNaN, F32One, F32One), Out = {0, 0};
  Fn(In.data(), Out.data());
  EXPECT_TRUE(isQuietNaN(laneOf(Out, 32, 0), 32))
      << formatv("{0:x}", laneOf(Out, 32, 0)).str();
  EXPECT_TRUE(isQuietNaN(laneOf(Out, 32, 1), 32))
      << formatv("{0:x}", laneOf(Out, 32, 1)).str();
  EXPECT_EQ(Out[1], 0u);
}

} // namespace

//===- LowerNumericTest.cpp - Numeric instructions, compiled and run ------===//
//
// Each case applies one numeric instruction (or a short chain of unary
// ones) to fixed operands and names the wasm result: exact bits, a
// canonical or arithmetic NaN, or a trap. Every case is compiled several
// ways with lowerNumeric and run with ORC's LLJIT on the host:
//   - each operand either loaded at run time or a constant in the IR (so
//     the builder's and the optimizer's constant folding is checked too),
//   - the IR as lowered, and after LLVM's -O2 pipeline (whose folds must
//     not change wasm semantics).
// wa_trap is provided by this file: it records the code and siglongjmps
// back to the test.
//
//===----------------------------------------------------------------------===//
#include "lower/AliasInfo.h"
#include "LoweringTestSupport.h"
#include "lower/FunctionContext.h"
#include "lower/LowerNumeric.h"
#include "lower/NativeSignature.h"

#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <csetjmp>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

using namespace wasmaot;
using namespace wasmaot::test;
using namespace llvm;

namespace {

// ---- Values and expectations ---------------------------------------------

uint64_t i32(int64_t V) { return static_cast<uint32_t>(V); }
uint64_t i64(int64_t V) { return static_cast<uint64_t>(V); }
uint64_t f32(float V) { return std::bit_cast<uint32_t>(V); }
uint64_t f64(double V) { return std::bit_cast<uint64_t>(V); }

constexpr uint64_t F32CanonNaN = 0x7fc00000;
constexpr uint64_t F32NegCanonNaN = 0xffc00000;
constexpr uint64_t F32SNaN = 0x7fa00000; // nan:0x200000, signalling
constexpr uint64_t F32NegSNaN = 0xffa00000;
constexpr uint64_t F32PayloadNaN = 0x7fc12345; // quiet, not canonical
constexpr uint64_t F64CanonNaN = 0x7ff8000000000000;
constexpr uint64_t F64SNaN = 0x7ff4000000000000; // nan:0x4000000000000
constexpr uint64_t F64NegSNaN = 0xfff4000000000000;
constexpr uint64_t F64PayloadNaN = 0x7ff8000000012345;

enum class Want { Bits, CanonicalNaN, ArithmeticNaN, Trap };

struct Expected {
  Want Kind;
  uint64_t Bits = 0;
  TrapCode Trap = TrapCode::Unreachable;
};

Expected is(uint64_t Bits) { return {Want::Bits, Bits}; }
const Expected CanonNaN{Want::CanonicalNaN};
const Expected ArithNaN{Want::ArithmeticNaN};
Expected traps(TrapCode Code) { return {Want::Trap, 0, Code}; }
const Expected DivByZero = traps(TrapCode::IntegerDivideByZero);
const Expected Overflow = traps(TrapCode::IntegerOverflow);
const Expected Invalid = traps(TrapCode::InvalidConversionToInteger);

struct Case {
  /// Ops[0] takes Args; each later one takes the previous result.
  std::vector<Opcode> Ops;
  std::vector<uint64_t> Args;
  Expected Want;
};

std::string describe(const Case &C) {
  std::string S;
  raw_string_ostream OS(S);
  for (auto It = C.Ops.rbegin(); It != C.Ops.rend(); ++It)
    OS << opcodeName(*It) << "(";
  for (size_t I = 0; I < C.Args.size(); ++I)
    OS << (I ? ", " : "") << format_hex(C.Args[I], 2);
  OS << std::string(C.Ops.size(), ')');
  return S;
}

// ---- What compiled code calls ---------------------------------------------

sigjmp_buf TrapJump;
volatile uint32_t LastTrap = 0;

[[noreturn]] void fakeTrap(uint32_t Code) {
  LastTrap = Code;
  siglongjmp(TrapJump, 1);
}

using CaseFn = void (*)(void *Instance, const uint64_t *Args,
                        uint64_t *Result);

// ---- Building and compiling -----------------------------------------------

/// An operand of type T from 64 bits (low bits for 32-bit types).
Value *fromBits(IRBuilder<> &B, Value *Bits, ValType T) {
  switch (T) {
  case ValType::I32:
    return B.CreateTrunc(Bits, B.getInt32Ty());
  case ValType::F32:
    return B.CreateBitCast(B.CreateTrunc(Bits, B.getInt32Ty()),
                           B.getFloatTy());
  case ValType::F64:
    return B.CreateBitCast(Bits, B.getDoubleTy());
  default:
    return Bits;
  }
}

Constant *constantOf(LLVMContext &Ctx, uint64_t Bits, ValType T) {
  switch (T) {
  case ValType::I32:
    return ConstantInt::get(Type::getInt32Ty(Ctx), Bits);
  case ValType::F32:
    return ConstantFP::get(Ctx, APFloat(APFloat::IEEEsingle(),
                                        APInt(32, Bits)));
  case ValType::F64:
    return ConstantFP::get(Ctx, APFloat(APFloat::IEEEdouble(),
                                        APInt(64, Bits)));
  default:
    return ConstantInt::get(Type::getInt64Ty(Ctx), Bits);
  }
}

Value *toBits(IRBuilder<> &B, Value *V) {
  Type *Ty = V->getType();
  if (Ty->isFloatingPointTy())
    V = B.CreateBitCast(V, B.getIntNTy(Ty->getPrimitiveSizeInBits()));
  return B.CreateZExt(V, B.getInt64Ty());
}

const OpSignature &signatureOf(Opcode Op) {
  return *opcodeInfo(Op).Signature;
}

/// Emits `void Name(ptr instance, ptr args, ptr result)` computing C with
/// the operands in ConstMask (bit I: operand I) as IR constants.
void emitCase(llvm::Module &M, const Case &C, unsigned ConstMask,
              const std::string &Name, const AliasInfo &Alias) {
  LLVMContext &Ctx = M.getContext();
  auto *Ptr = PointerType::getUnqual(Ctx);
  auto *FT = FunctionType::get(Type::getVoidTy(Ctx), {Ptr, Ptr, Ptr}, false);
  auto *F = llvm::Function::Create(FT, GlobalValue::ExternalLinkage, Name, M);
  static const wasmaot::Module EmptyWasm;
  static const InstanceLayout Layout = cantFail(InstanceLayout::forPointerSize(8));
  static const LowerOptions Opts;
  FunctionContext FC(*F, EmptyWasm, Layout, Opts, Alias);
  FC.B.SetInsertPoint(BasicBlock::Create(Ctx, "entry", F));

  const OpSignature &Sig = signatureOf(C.Ops[0]);
  std::vector<Value *> Operands;
  for (unsigned I = 0; I < Sig.NumParams; ++I) {
    ValType T = Sig.Params[I];
    if (ConstMask & (1u << I)) {
      Operands.push_back(constantOf(Ctx, C.Args[I], T));
      continue;
    }
    Value *Addr = FC.B.CreateConstInBoundsGEP1_64(FC.i64(), F->getArg(1), I);
    Operands.push_back(fromBits(FC.B, FC.B.CreateLoad(FC.i64(), Addr), T));
  }
  Value *V = lowerNumeric(FC, C.Ops[0], Operands);
  for (size_t I = 1; I < C.Ops.size(); ++I)
    V = lowerNumeric(FC, C.Ops[I], {V});
  FC.B.CreateStore(toBits(FC.B, V), F->getArg(2));
  FC.B.CreateRetVoid();
}

std::unique_ptr<orc::LLJIT> makeJIT() {
  auto J = createHostJit();
  orc::SymbolMap Syms;
  Syms[J->mangleAndIntern("wa_trap")] = {
      orc::ExecutorAddr::fromPtr(&fakeTrap),
      JITSymbolFlags::Exported | JITSymbolFlags::Callable};
  cantFail(J->getMainJITDylib().define(orc::absoluteSymbols(Syms)));
  return J;
}

/// A module with one function per case and operand mix, optimized if
/// Optimize; fails the test if it does not verify.
std::unique_ptr<llvm::Module>
buildModule(LLVMContext &Ctx, orc::LLJIT &J, const std::vector<Case> &Cases,
            bool Optimize, const std::string &Prefix) {
  auto M = createJitModule(Prefix, Ctx, J);
  AliasInfo Alias = AliasInfo::create(Ctx);
  for (size_t CI = 0; CI < Cases.size(); ++CI) {
    unsigned NumParams = signatureOf(Cases[CI].Ops[0]).NumParams;
    for (unsigned Mask = 0; Mask < (1u << NumParams); ++Mask)
      emitCase(*M, Cases[CI], Mask,
               Prefix + std::to_string(CI) + "_" + std::to_string(Mask),
               Alias);
  }
  EXPECT_TRUE(verifies(*M));
  if (Optimize)
    optimizeO2(*M);
  return M;
}

bool matches(const Expected &E, uint64_t Bits, bool IsF32) {
  uint64_t Exp = IsF32 ? 0x7f800000 : 0x7ff0000000000000;
  uint64_t Quiet = IsF32 ? 0x00400000 : 0x0008000000000000;
  uint64_t Magnitude = Bits & (IsF32 ? 0x7fffffff : 0x7fffffffffffffff);
  switch (E.Kind) {
  case Want::Bits:
    return Bits == E.Bits;
  case Want::CanonicalNaN:
    return Magnitude == (Exp | Quiet);
  case Want::ArithmeticNaN:
    return (Magnitude & (Exp | Quiet)) == (Exp | Quiet);
  case Want::Trap:
    return false;
  }
  return false;
}

/// Compiles every case every way and checks it; returns how many runs
/// were checked.
unsigned runCases(const std::vector<Case> &Cases) {
  auto J = makeJIT();
  auto Ctx = std::make_unique<LLVMContext>();
  LLVMContext &C = *Ctx;
  orc::ThreadSafeContext TSC(std::move(Ctx));
  const char *Prefixes[] = {"o0_", "o2_"};
  for (int Opt = 0; Opt < 2; ++Opt)
    cantFail(J->addIRModule(orc::ThreadSafeModule(
        buildModule(C, *J, Cases, Opt == 1, Prefixes[Opt]), TSC)));

  unsigned Runs = 0;
  for (size_t CI = 0; CI < Cases.size(); ++CI) {
    const Case &Cs = Cases[CI];
    unsigned NumParams = signatureOf(Cs.Ops[0]).NumParams;
    ValType ResultTy = signatureOf(Cs.Ops.back()).Result;
    for (int Opt = 0; Opt < 2; ++Opt) {
      for (unsigned Mask = 0; Mask < (1u << NumParams); ++Mask) {
        std::string Name =
            Prefixes[Opt] + std::to_string(CI) + "_" + std::to_string(Mask);
        auto Addr = J->lookup(Name);
        if (!Addr) {
          ADD_FAILURE() << toString(Addr.takeError());
          continue;
        }
        auto Fn = Addr->toPtr<CaseFn>();
        std::string Where = describe(Cs) + (Opt ? " at -O2" : " unoptimized") +
                            ", constant operands mask " +
                            std::to_string(Mask);
        ++Runs;
        uint64_t Result = 0;
        LastTrap = 0;
        if (sigsetjmp(TrapJump, 1) == 0) {
          Fn(nullptr, Cs.Args.data(), &Result);
          EXPECT_TRUE(matches(Cs.Want, Result, ResultTy == ValType::F32))
              << Where << ": got " << std::string(formatv("{0:x}", Result));
        } else if (Cs.Want.Kind != Want::Trap) {
          ADD_FAILURE() << Where << ": trapped with code " << LastTrap;
        } else {
          EXPECT_EQ(LastTrap, static_cast<uint32_t>(Cs.Want.Trap)) << Where;
        }
      }
    }
  }
  return Runs;
}

void check(const std::vector<Case> &Cases) {
  unsigned Runs = runCases(Cases);
  std::printf("[          ] %zu cases, %u runs\n", Cases.size(), Runs);
}

using O = Opcode;
constexpr int64_t Min32 = INT32_MIN;
constexpr int64_t Min64 = INT64_MIN;
constexpr int64_t Max64 = INT64_MAX;

// ---- Integers --------------------------------------------------------------

std::vector<Case> i32ArithmeticCases() {
  return {
      {{O::I32Add}, {i32(INT32_MAX), i32(1)}, is(i32(Min32))},
      {{O::I32Add}, {i32(-1), i32(-1)}, is(i32(-2))},
      {{O::I32Sub}, {i32(Min32), i32(1)}, is(i32(INT32_MAX))},
      {{O::I32Sub}, {i32(0), i32(1)}, is(i32(-1))},
      {{O::I32Mul}, {i32(0x01234567), i32(0x76543210)}, is(i32(0x358e7470))},
      {{O::I32Mul}, {i32(0x10000), i32(0x10000)}, is(i32(0))},
      {{O::I32Mul}, {i32(INT32_MAX), i32(2)}, is(i32(-2))},
      {{O::I32DivS}, {i32(7), i32(2)}, is(i32(3))},
      {{O::I32DivS}, {i32(-7), i32(2)}, is(i32(-3))},
      {{O::I32DivS}, {i32(7), i32(-2)}, is(i32(-3))},
      {{O::I32DivS}, {i32(Min32), i32(2)}, is(i32(-0x40000000))},
      {{O::I32DivS}, {i32(Min32), i32(1)}, is(i32(Min32))},
      {{O::I32DivS}, {i32(Min32), i32(-1)}, Overflow},
      {{O::I32DivS}, {i32(1), i32(0)}, DivByZero},
      {{O::I32DivS}, {i32(0), i32(0)}, DivByZero},
      {{O::I32DivS}, {i32(Min32), i32(0)}, DivByZero},
      {{O::I32DivU}, {i32(-1), i32(2)}, is(i32(INT32_MAX))},
      {{O::I32DivU}, {i32(Min32), i32(-1)}, is(i32(0))},
      {{O::I32DivU}, {i32(Min32), i32(2)}, is(i32(0x40000000))},
      {{O::I32DivU}, {i32(1), i32(0)}, DivByZero},
      {{O::I32RemS}, {i32(Min32), i32(-1)}, is(i32(0))},
      {{O::I32RemS}, {i32(7), i32(-1)}, is(i32(0))},
      {{O::I32RemS}, {i32(-7), i32(2)}, is(i32(-1))},
      {{O::I32RemS}, {i32(7), i32(-2)}, is(i32(1))},
      {{O::I32RemS}, {i32(Min32), i32(2)}, is(i32(0))},
      {{O::I32RemS}, {i32(Min32), i32(3)}, is(i32(-2))},
      {{O::I32RemS}, {i32(5), i32(0)}, DivByZero},
      {{O::I32RemU}, {i32(Min32), i32(-1)}, is(i32(Min32))},
      {{O::I32RemU}, {i32(-1), i32(7)}, is(i32(3))},
      {{O::I32RemU}, {i32(5), i32(0)}, DivByZero},
  };
}
TEST(LowerNumeric, I32Arithmetic) { check(i32ArithmeticCases()); }

std::vector<Case> i32BitsCases() {
  return {
      {{O::I32And}, {i32(0xf0f0f0f0), i32(0xffff0000)}, is(i32(0xf0f00000))},
      {{O::I32Or}, {i32(0xf0f0f0f0), i32(0xffff0000)}, is(i32(0xfffff0f0))},
      {{O::I32Xor}, {i32(0xf0f0f0f0), i32(0xffff0000)}, is(i32(0x0f0ff0f0))},
      {{O::I32Shl}, {i32(1), i32(31)}, is(i32(Min32))},
      {{O::I32Shl}, {i32(1), i32(32)}, is(i32(1))},
      {{O::I32Shl}, {i32(1), i32(33)}, is(i32(2))},
      {{O::I32Shl}, {i32(1), i32(-1)}, is(i32(Min32))},
      {{O::I32ShrS}, {i32(Min32), i32(31)}, is(i32(-1))},
      {{O::I32ShrS}, {i32(Min32), i32(32)}, is(i32(Min32))},
      {{O::I32ShrS}, {i32(0x40000000), i32(33)}, is(i32(0x20000000))},
      {{O::I32ShrS}, {i32(-1), i32(33)}, is(i32(-1))},
      {{O::I32ShrS}, {i32(1), i32(-1)}, is(i32(0))},
      {{O::I32ShrU}, {i32(Min32), i32(31)}, is(i32(1))},
      {{O::I32ShrU}, {i32(Min32), i32(32)}, is(i32(Min32))},
      {{O::I32ShrU}, {i32(Min32), i32(33)}, is(i32(0x40000000))},
      {{O::I32ShrU}, {i32(-1), i32(-1)}, is(i32(1))},
      {{O::I32Rotl}, {i32(0x80000001), i32(1)}, is(i32(3))},
      {{O::I32Rotl}, {i32(0xabcd9876), i32(33)}, is(i32(0x579b30ed))},
      {{O::I32Rotl}, {i32(1), i32(32)}, is(i32(1))},
      {{O::I32Rotl}, {i32(1), i32(-1)}, is(i32(Min32))},
      {{O::I32Rotr}, {i32(1), i32(1)}, is(i32(Min32))},
      {{O::I32Rotr}, {i32(0xb0c1d2e3), i32(5)}, is(i32(0x1d860e97))},
      {{O::I32Rotr}, {i32(2), i32(33)}, is(i32(1))},
      {{O::I32Rotr}, {i32(1), i32(32)}, is(i32(1))},
      {{O::I32Rotr}, {i32(1), i32(-1)}, is(i32(2))},
      {{O::I32Clz}, {i32(0)}, is(i32(32))},
      {{O::I32Clz}, {i32(1)}, is(i32(31))},
      {{O::I32Clz}, {i32(Min32)}, is(i32(0))},
      {{O::I32Clz}, {i32(0x8000)}, is(i32(16))},
      {{O::I32Ctz}, {i32(0)}, is(i32(32))},
      {{O::I32Ctz}, {i32(Min32)}, is(i32(31))},
      {{O::I32Ctz}, {i32(0x10000)}, is(i32(16))},
      {{O::I32Ctz}, {i32(1)}, is(i32(0))},
      {{O::I32Popcnt}, {i32(0)}, is(i32(0))},
      {{O::I32Popcnt}, {i32(-1)}, is(i32(32))},
      {{O::I32Popcnt}, {i32(0x55555555)}, is(i32(16))},
      {{O::I32Popcnt}, {i32(0x80008000)}, is(i32(2))},
      {{O::I32Extend8S}, {i32(0x7f)}, is(i32(127))},
      {{O::I32Extend8S}, {i32(0x80)}, is(i32(-128))},
      {{O::I32Extend8S}, {i32(0x12345680)}, is(i32(-128))},
      {{O::I32Extend8S}, {i32(0xff)}, is(i32(-1))},
      {{O::I32Extend16S}, {i32(0x7fff)}, is(i32(0x7fff))},
      {{O::I32Extend16S}, {i32(0x8000)}, is(i32(-0x8000))},
      {{O::I32Extend16S}, {i32(0x12348000)}, is(i32(-0x8000))},
  };
}
TEST(LowerNumeric, I32Bits) { check(i32BitsCases()); }

std::vector<Case> i32CompareCases() {
  return {
      {{O::I32Eqz}, {i32(0)}, is(1)},
      {{O::I32Eqz}, {i32(1)}, is(0)},
      {{O::I32Eqz}, {i32(Min32)}, is(0)},
      {{O::I32Eq}, {i32(1), i32(1)}, is(1)},
      {{O::I32Eq}, {i32(1), i32(0)}, is(0)},
      {{O::I32Ne}, {i32(1), i32(1)}, is(0)},
      {{O::I32Ne}, {i32(Min32), i32(0)}, is(1)},
      {{O::I32LtS}, {i32(-1), i32(1)}, is(1)},
      {{O::I32LtS}, {i32(1), i32(1)}, is(0)},
      {{O::I32LtU}, {i32(-1), i32(1)}, is(0)},
      {{O::I32LtU}, {i32(1), i32(-1)}, is(1)},
      {{O::I32GtS}, {i32(-1), i32(1)}, is(0)},
      {{O::I32GtS}, {i32(1), i32(Min32)}, is(1)},
      {{O::I32GtU}, {i32(-1), i32(1)}, is(1)},
      {{O::I32GtU}, {i32(1), i32(1)}, is(0)},
      {{O::I32LeS}, {i32(Min32), i32(Min32)}, is(1)},
      {{O::I32LeS}, {i32(0), i32(-1)}, is(0)},
      {{O::I32LeU}, {i32(0), i32(-1)}, is(1)},
      {{O::I32LeU}, {i32(-1), i32(0)}, is(0)},
      {{O::I32GeS}, {i32(0), i32(-1)}, is(1)},
      {{O::I32GeS}, {i32(Min32), i32(0)}, is(0)},
      {{O::I32GeU}, {i32(0), i32(-1)}, is(0)},
      {{O::I32GeU}, {i32(-1), i32(-1)}, is(1)},
  };
}
TEST(LowerNumeric, I32Compare) { check(i32CompareCases()); }

std::vector<Case> i64ArithmeticCases() {
  return {
      {{O::I64Add}, {i64(Max64), i64(1)}, is(i64(Min64))},
      {{O::I64Add}, {i64(0xffffffff), i64(1)}, is(i64(0x100000000))},
      {{O::I64Sub}, {i64(Min64), i64(1)}, is(i64(Max64))},
      {{O::I64Mul},
       {i64(0x0123456789abcdef), i64(0xfedcba9876543210)},
       is(i64(0x2236d88fe5618cf0))},
      {{O::I64Mul}, {i64(Max64), i64(-1)}, is(i64(0x8000000000000001))},
      {{O::I64DivS}, {i64(-7), i64(2)}, is(i64(-3))},
      {{O::I64DivS}, {i64(Min64), i64(2)}, is(i64(0xc000000000000000))},
      {{O::I64DivS}, {i64(Min64), i64(-1)}, Overflow},
      {{O::I64DivS}, {i64(Min64), i64(0)}, DivByZero},
      {{O::I64DivS}, {i64(0x100000000), i64(0)}, DivByZero},
      {{O::I64DivU}, {i64(Min64), i64(-1)}, is(i64(0))},
      {{O::I64DivU}, {i64(-1), i64(2)}, is(i64(Max64))},
      {{O::I64DivU}, {i64(1), i64(0)}, DivByZero},
      {{O::I64RemS}, {i64(Min64), i64(-1)}, is(i64(0))},
      {{O::I64RemS}, {i64(-7), i64(2)}, is(i64(-1))},
      {{O::I64RemS}, {i64(Min64), i64(0)}, DivByZero},
      {{O::I64RemU}, {i64(Min64), i64(-1)}, is(i64(Min64))},
      {{O::I64RemU}, {i64(-1), i64(7)}, is(i64(1))},
      {{O::I64RemU}, {i64(1), i64(0)}, DivByZero},
      // Only the low 32 bits are zero: not a division by zero.
      {{O::I64DivU}, {i64(6), i64(0x100000000)}, is(i64(0))},
  };
}
TEST(LowerNumeric, I64Arithmetic) { check(i64ArithmeticCases()); }

std::vector<Case> i64BitsCases() {
  return {
      {{O::I64And}, {i64(0xf0f0f0f0f0f0f0f0), i64(0xffffffff00000000)},
       is(i64(0xf0f0f0f000000000))},
      {{O::I64Or}, {i64(0xf0f0f0f0f0f0f0f0), i64(0x0f)},
       is(i64(0xf0f0f0f0f0f0f0ff))},
      {{O::I64Xor}, {i64(-1), i64(0x00ff00ff00ff00ff)},
       is(i64(0xff00ff00ff00ff00))},
      {{O::I64Shl}, {i64(1), i64(63)}, is(i64(Min64))},
      {{O::I64Shl}, {i64(1), i64(64)}, is(i64(1))},
      {{O::I64Shl}, {i64(1), i64(65)}, is(i64(2))},
      {{O::I64Shl}, {i64(1), i64(-1)}, is(i64(Min64))},
      {{O::I64Shl}, {i64(1), i64(32)}, is(i64(0x100000000))},
      {{O::I64ShrS}, {i64(Min64), i64(63)}, is(i64(-1))},
      {{O::I64ShrS}, {i64(Min64), i64(64)}, is(i64(Min64))},
      {{O::I64ShrS}, {i64(-1), i64(65)}, is(i64(-1))},
      {{O::I64ShrU}, {i64(Min64), i64(63)}, is(i64(1))},
      {{O::I64ShrU}, {i64(Min64), i64(64)}, is(i64(Min64))},
      {{O::I64ShrU}, {i64(Min64), i64(65)}, is(i64(0x4000000000000000))},
      {{O::I64Rotl}, {i64(0x8000000000000001), i64(1)}, is(i64(3))},
      {{O::I64Rotl}, {i64(1), i64(64)}, is(i64(1))},
      {{O::I64Rotl}, {i64(1), i64(-1)}, is(i64(Min64))},
      {{O::I64Rotl}, {i64(0xabcd1234ef567809), i64(0xf5)},
       is(i64(0x013579a2469deacf))},
      {{O::I64Rotr}, {i64(1), i64(1)}, is(i64(Min64))},
      {{O::I64Rotr}, {i64(1), i64(64)}, is(i64(1))},
      {{O::I64Rotr}, {i64(1), i64(65)}, is(i64(Min64))},
      {{O::I64Clz}, {i64(0)}, is(64)},
      {{O::I64Clz}, {i64(1)}, is(63)},
      {{O::I64Clz}, {i64(Min64)}, is(0)},
      {{O::I64Clz}, {i64(0x100000000)}, is(31)},
      {{O::I64Ctz}, {i64(0)}, is(64)},
      {{O::I64Ctz}, {i64(Min64)}, is(63)},
      {{O::I64Ctz}, {i64(0x100000000)}, is(32)},
      {{O::I64Popcnt}, {i64(-1)}, is(64)},
      {{O::I64Popcnt}, {i64(0x5555555555555555)}, is(32)},
      {{O::I64Popcnt}, {i64(0)}, is(0)},
      {{O::I64Extend8S}, {i64(0x80)}, is(i64(-128))},
      {{O::I64Extend8S}, {i64(0x123456789abcde7f)}, is(i64(0x7f))},
      {{O::I64Extend16S}, {i64(0x8000)}, is(i64(-0x8000))},
      {{O::I64Extend16S}, {i64(0x7fff)}, is(i64(0x7fff))},
      {{O::I64Extend32S}, {i64(0x80000000)}, is(i64(0xffffffff80000000))},
      {{O::I64Extend32S}, {i64(0x7fffffff)}, is(i64(0x7fffffff))},
      {{O::I64Extend32S}, {i64(0x1234567880000000)},
       is(i64(0xffffffff80000000))},
  };
}
TEST(LowerNumeric, I64Bits) { check(i64BitsCases()); }

std::vector<Case> i64CompareCases() {
  return {
      {{O::I64Eqz}, {i64(0)}, is(1)},
      {{O::I64Eqz}, {i64(0x100000000)}, is(0)},
      {{O::I64Eq}, {i64(0x100000000), i64(0)}, is(0)},
      {{O::I64Eq}, {i64(Min64), i64(Min64)}, is(1)},
      {{O::I64Ne}, {i64(0x100000000), i64(0)}, is(1)},
      {{O::I64Ne}, {i64(-1), i64(-1)}, is(0)},
      {{O::I64LtS}, {i64(-1), i64(1)}, is(1)},
      {{O::I64LtU}, {i64(-1), i64(1)}, is(0)},
      {{O::I64GtS}, {i64(-1), i64(1)}, is(0)},
      {{O::I64GtU}, {i64(-1), i64(1)}, is(1)},
      {{O::I64LeS}, {i64(Min64), i64(Min64)}, is(1)},
      {{O::I64LeS}, {i64(0), i64(-1)}, is(0)},
      {{O::I64LeU}, {i64(0), i64(-1)}, is(1)},
      {{O::I64GeS}, {i64(0), i64(-1)}, is(1)},
      {{O::I64GeU}, {i64(0), i64(-1)}, is(0)},
      {{O::I64GeU}, {i64(0x100000000), i64(0xffffffff)}, is(1)},
  };
}
TEST(LowerNumeric, I64Compare) { check(i64CompareCases()); }

// ---- Floats ----------------------------------------------------------------

std::vector<Case> f32ArithmeticCases() {
  const float Inf = INFINITY;
  return {
      {{O::F32Add}, {f32(1), f32(2)}, is(f32(3))},
      {{O::F32Add}, {f32(-0.0f), f32(-0.0f)}, is(f32(-0.0f))},
      {{O::F32Add}, {f32(-0.0f), f32(0.0f)}, is(f32(0.0f))},
      {{O::F32Add}, {f32(1), 0x33800000 /* 2^-24: a tie */}, is(f32(1))},
      {{O::F32Add}, {0x3f800001, 0x33800000}, is(0x3f800002)},
      {{O::F32Add}, {f32(Inf), f32(-Inf)}, CanonNaN},
      {{O::F32Add}, {F32CanonNaN, f32(1)}, CanonNaN},
      {{O::F32Add}, {F32SNaN, f32(1)}, ArithNaN},
      {{O::F32Add}, {F32SNaN, f32(-0.0f)}, ArithNaN},
      {{O::F32Add}, {f32(-0.0f), F32SNaN}, ArithNaN},
      {{O::F32Add}, {F32SNaN, f32(0.0f)}, ArithNaN},
      {{O::F32Sub}, {f32(-0.0f), f32(0.0f)}, is(f32(-0.0f))},
      {{O::F32Sub}, {f32(0.0f), f32(0.0f)}, is(f32(0.0f))},
      {{O::F32Sub}, {f32(Inf), f32(Inf)}, CanonNaN},
      {{O::F32Sub}, {F32SNaN, f32(0.0f)}, ArithNaN},
      {{O::F32Sub}, {f32(-0.0f), F32SNaN}, ArithNaN},
      {{O::F32Sub}, {f32(0.0f), F32SNaN}, ArithNaN},
      {{O::F32Mul}, {f32(2), f32(3)}, is(f32(6))},
      {{O::F32Mul}, {f32(-0.0f), f32(5)}, is(f32(-0.0f))},
      {{O::F32Mul}, {f32(1e30f), f32(1e30f)}, is(f32(Inf))},
      {{O::F32Mul}, {f32(Inf), f32(0)}, CanonNaN},
      {{O::F32Mul}, {F32SNaN, f32(1)}, ArithNaN},
      {{O::F32Mul}, {f32(1), F32SNaN}, ArithNaN},
      {{O::F32Mul}, {F32SNaN, f32(-1)}, ArithNaN},
      {{O::F32Mul}, {f32(-1), F32SNaN}, ArithNaN},
      {{O::F32Div}, {f32(1), f32(3)}, is(0x3eaaaaab)},
      {{O::F32Div}, {f32(1), f32(0.0f)}, is(f32(Inf))},
      {{O::F32Div}, {f32(-1), f32(0.0f)}, is(f32(-Inf))},
      {{O::F32Div}, {f32(1), f32(-0.0f)}, is(f32(-Inf))},
      {{O::F32Div}, {f32(0.0f), f32(0.0f)}, CanonNaN},
      {{O::F32Div}, {F32SNaN, f32(1)}, ArithNaN},
      {{O::F32Div}, {F32SNaN, f32(-1)}, ArithNaN},
      {{O::F32Sqrt}, {f32(4)}, is(f32(2))},
      {{O::F32Sqrt}, {f32(2)}, is(0x3fb504f3)},
      {{O::F32Sqrt}, {f32(-0.0f)}, is(f32(-0.0f))},
      {{O::F32Sqrt}, {f32(-1)}, CanonNaN},
      {{O::F32Sqrt}, {f32(Inf)}, is(f32(Inf))},
      {{O::F32Sqrt}, {F32SNaN}, ArithNaN},
  };
}
TEST(LowerNumeric, F32Arithmetic) { check(f32ArithmeticCases()); }

std::vector<Case> f32MinMaxCases() {
  return {
      {{O::F32Min}, {f32(-0.0f), f32(0.0f)}, is(f32(-0.0f))},
      {{O::F32Min}, {f32(0.0f), f32(-0.0f)}, is(f32(-0.0f))},
      {{O::F32Min}, {f32(1), f32(2)}, is(f32(1))},
      {{O::F32Min}, {f32(-INFINITY), f32(2)}, is(f32(-INFINITY))},
      {{O::F32Min}, {F32CanonNaN, f32(1)}, CanonNaN},
      {{O::F32Min}, {f32(1), F32CanonNaN}, CanonNaN},
      {{O::F32Min}, {F32NegCanonNaN, f32(-INFINITY)}, CanonNaN},
      {{O::F32Min}, {F32SNaN, f32(1)}, ArithNaN},
      {{O::F32Min}, {f32(1), F32SNaN}, ArithNaN},
      {{O::F32Min}, {F32NegSNaN, f32(-1)}, ArithNaN},
      {{O::F32Min}, {F32SNaN, f32(-0.0f)}, ArithNaN},
      {{O::F32Min}, {F32SNaN, f32(INFINITY)}, ArithNaN},
      {{O::F32Min}, {F32PayloadNaN, f32(1)}, ArithNaN},
      {{O::F32Max}, {f32(-0.0f), f32(0.0f)}, is(f32(0.0f))},
      {{O::F32Max}, {f32(0.0f), f32(-0.0f)}, is(f32(0.0f))},
      {{O::F32Max}, {f32(-1), f32(-2)}, is(f32(-1))},
      {{O::F32Max}, {f32(1), F32CanonNaN}, CanonNaN},
      {{O::F32Max}, {F32CanonNaN, f32(1)}, CanonNaN},
      {{O::F32Max}, {F32SNaN, f32(1)}, ArithNaN},
      {{O::F32Max}, {f32(1), F32SNaN}, ArithNaN},
      {{O::F32Max}, {F32SNaN, f32(-INFINITY)}, ArithNaN},
      {{O::F32Max}, {F32SNaN, F32SNaN}, ArithNaN},
  };
}
TEST(LowerNumeric, F32MinMax) { check(f32MinMaxCases()); }

std::vector<Case> f32SignAndRoundingCases() {
  return {
      {{O::F32Abs}, {f32(-0.0f)}, is(f32(0.0f))},
      {{O::F32Abs}, {f32(-INFINITY)}, is(f32(INFINITY))},
      {{O::F32Abs}, {F32NegSNaN}, is(F32SNaN)},
      {{O::F32Abs}, {0xffc12345}, is(F32PayloadNaN)},
      {{O::F32Neg}, {f32(0.0f)}, is(f32(-0.0f))},
      {{O::F32Neg}, {F32SNaN}, is(F32NegSNaN)},
      {{O::F32Neg}, {F32NegCanonNaN}, is(F32CanonNaN)},
      {{O::F32Copysign}, {f32(1), f32(-0.0f)}, is(f32(-1))},
      {{O::F32Copysign}, {f32(-INFINITY), f32(0.0f)}, is(f32(INFINITY))},
      {{O::F32Copysign}, {F32SNaN, f32(-1)}, is(F32NegSNaN)},
      {{O::F32Copysign}, {0xffc12345, F32CanonNaN}, is(F32PayloadNaN)},
      {{O::F32Copysign}, {f32(2), F32NegCanonNaN}, is(f32(-2))},
      {{O::F32Ceil}, {f32(-0.5f)}, is(f32(-0.0f))},
      {{O::F32Ceil}, {f32(0.5f)}, is(f32(1))},
      {{O::F32Ceil}, {f32(-1.5f)}, is(f32(-1))},
      {{O::F32Ceil}, {f32(-0.0f)}, is(f32(-0.0f))},
      {{O::F32Ceil}, {f32(1e30f)}, is(f32(1e30f))},
      {{O::F32Ceil}, {F32SNaN}, ArithNaN},
      {{O::F32Ceil}, {F32CanonNaN}, CanonNaN},
      {{O::F32Floor}, {f32(-0.5f)}, is(f32(-1))},
      {{O::F32Floor}, {f32(0.5f)}, is(f32(0.0f))},
      {{O::F32Floor}, {f32(-0.0f)}, is(f32(-0.0f))},
      {{O::F32Floor}, {f32(1.5f)}, is(f32(1))},
      {{O::F32Floor}, {F32SNaN}, ArithNaN},
      {{O::F32Trunc}, {f32(-0.5f)}, is(f32(-0.0f))},
      {{O::F32Trunc}, {f32(1.9f)}, is(f32(1))},
      {{O::F32Trunc}, {f32(-1.9f)}, is(f32(-1))},
      {{O::F32Trunc}, {F32SNaN}, ArithNaN},
      {{O::F32Nearest}, {f32(2.5f)}, is(f32(2))},
      {{O::F32Nearest}, {f32(3.5f)}, is(f32(4))},
      {{O::F32Nearest}, {f32(-2.5f)}, is(f32(-2))},
      {{O::F32Nearest}, {f32(0.5f)}, is(f32(0.0f))},
      {{O::F32Nearest}, {f32(-0.5f)}, is(f32(-0.0f))},
      {{O::F32Nearest}, {f32(1.5f)}, is(f32(2))},
      {{O::F32Nearest}, {f32(4194303.5f)}, is(f32(4194304.0f))},
      {{O::F32Nearest}, {f32(8388609.0f)}, is(f32(8388609.0f))},
      {{O::F32Nearest}, {F32SNaN}, ArithNaN},
      {{O::F32Nearest}, {F32CanonNaN}, CanonNaN},
  };
}
TEST(LowerNumeric, F32SignAndRounding) { check(f32SignAndRoundingCases()); }

std::vector<Case> f32CompareCases() {
  return {
      {{O::F32Eq}, {F32CanonNaN, F32CanonNaN}, is(0)},
      {{O::F32Eq}, {f32(-0.0f), f32(0.0f)}, is(1)},
      {{O::F32Eq}, {f32(1), f32(2)}, is(0)},
      {{O::F32Ne}, {F32CanonNaN, F32CanonNaN}, is(1)},
      {{O::F32Ne}, {f32(1), F32SNaN}, is(1)},
      {{O::F32Ne}, {f32(-0.0f), f32(0.0f)}, is(0)},
      {{O::F32Lt}, {F32CanonNaN, f32(1)}, is(0)},
      {{O::F32Lt}, {f32(-0.0f), f32(0.0f)}, is(0)},
      {{O::F32Lt}, {f32(1), f32(2)}, is(1)},
      {{O::F32Gt}, {f32(1), F32CanonNaN}, is(0)},
      {{O::F32Gt}, {f32(2), f32(1)}, is(1)},
      {{O::F32Le}, {F32CanonNaN, F32CanonNaN}, is(0)},
      {{O::F32Le}, {f32(-0.0f), f32(0.0f)}, is(1)},
      {{O::F32Le}, {f32(2), f32(1)}, is(0)},
      {{O::F32Ge}, {f32(0.0f), f32(-0.0f)}, is(1)},
      {{O::F32Ge}, {f32(1), F32SNaN}, is(0)},
      {{O::F32Ge}, {f32(1), f32(2)}, is(0)},
  };
}
TEST(LowerNumeric, F32Compare) { check(f32CompareCases()); }

std::vector<Case> f64ArithmeticCases() {
  const double Inf = INFINITY;
  return {
      {{O::F64Add}, {f64(1), f64(2)}, is(f64(3))},
      {{O::F64Add}, {f64(-0.0), f64(-0.0)}, is(f64(-0.0))},
      {{O::F64Add}, {f64(-0.0), f64(0.0)}, is(f64(0.0))},
      {{O::F64Add}, {f64(1), 0x3ca0000000000000 /* 2^-53: a tie */},
       is(f64(1))},
      {{O::F64Add}, {f64(Inf), f64(-Inf)}, CanonNaN},
      {{O::F64Add}, {F64SNaN, f64(-0.0)}, ArithNaN},
      {{O::F64Add}, {F64CanonNaN, f64(1)}, CanonNaN},
      {{O::F64Sub}, {F64SNaN, f64(0.0)}, ArithNaN},
      {{O::F64Sub}, {f64(-0.0), F64SNaN}, ArithNaN},
      {{O::F64Sub}, {f64(-0.0), f64(0.0)}, is(f64(-0.0))},
      {{O::F64Mul}, {F64SNaN, f64(1)}, ArithNaN},
      {{O::F64Mul}, {f64(-1), F64SNaN}, ArithNaN},
      {{O::F64Mul}, {f64(Inf), f64(-0.0)}, CanonNaN},
      {{O::F64Mul}, {f64(1e300), f64(1e300)}, is(f64(Inf))},
      {{O::F64Div}, {f64(1), f64(3)}, is(0x3fd5555555555555)},
      {{O::F64Div}, {f64(-1), f64(0.0)}, is(f64(-Inf))},
      {{O::F64Div}, {f64(0.0), f64(0.0)}, CanonNaN},
      {{O::F64Div}, {F64SNaN, f64(1)}, ArithNaN},
      {{O::F64Div}, {F64SNaN, f64(-1)}, ArithNaN},
      {{O::F64Sqrt}, {f64(2)}, is(0x3ff6a09e667f3bcd)},
      {{O::F64Sqrt}, {f64(-0.0)}, is(f64(-0.0))},
      {{O::F64Sqrt}, {f64(-4)}, CanonNaN},
      {{O::F64Sqrt}, {F64SNaN}, ArithNaN},
      {{O::F64Min}, {f64(-0.0), f64(0.0)}, is(f64(-0.0))},
      {{O::F64Min}, {f64(0.0), f64(-0.0)}, is(f64(-0.0))},
      {{O::F64Min}, {f64(3), f64(-2)}, is(f64(-2))},
      {{O::F64Min}, {F64CanonNaN, f64(1)}, CanonNaN},
      {{O::F64Min}, {f64(1), F64SNaN}, ArithNaN},
      {{O::F64Min}, {F64SNaN, f64(1)}, ArithNaN},
      {{O::F64Min}, {F64PayloadNaN, f64(-0.0)}, ArithNaN},
      {{O::F64Max}, {f64(-0.0), f64(0.0)}, is(f64(0.0))},
      {{O::F64Max}, {f64(0.0), f64(-0.0)}, is(f64(0.0))},
      {{O::F64Max}, {f64(3), f64(-2)}, is(f64(3))},
      {{O::F64Max}, {f64(1), F64CanonNaN}, CanonNaN},
      {{O::F64Max}, {F64NegSNaN, f64(1)}, ArithNaN},
      {{O::F64Max}, {f64(-Inf), F64SNaN}, ArithNaN},
  };
}
TEST(LowerNumeric, F64Arithmetic) { check(f64ArithmeticCases()); }

std::vector<Case> f64SignRoundingAndCompareCases() {
  return {
      {{O::F64Abs}, {f64(-0.0)}, is(f64(0.0))},
      {{O::F64Abs}, {F64NegSNaN}, is(F64SNaN)},
      {{O::F64Neg}, {F64SNaN}, is(F64NegSNaN)},
      {{O::F64Neg}, {f64(0.0)}, is(f64(-0.0))},
      {{O::F64Copysign}, {F64SNaN, f64(-1)}, is(F64NegSNaN)},
      {{O::F64Copysign}, {f64(-3), f64(0.0)}, is(f64(3))},
      {{O::F64Ceil}, {f64(-0.5)}, is(f64(-0.0))},
      {{O::F64Ceil}, {f64(0.5)}, is(f64(1))},
      {{O::F64Ceil}, {F64SNaN}, ArithNaN},
      {{O::F64Floor}, {f64(-0.5)}, is(f64(-1))},
      {{O::F64Floor}, {f64(-0.0)}, is(f64(-0.0))},
      {{O::F64Floor}, {F64SNaN}, ArithNaN},
      {{O::F64Trunc}, {f64(-0.9)}, is(f64(-0.0))},
      {{O::F64Trunc}, {f64(4503599627370495.5)}, is(f64(4503599627370495.0))},
      {{O::F64Trunc}, {F64SNaN}, ArithNaN},
      {{O::F64Nearest}, {f64(2.5)}, is(f64(2))},
      {{O::F64Nearest}, {f64(3.5)}, is(f64(4))},
      {{O::F64Nearest}, {f64(0.5)}, is(f64(0.0))},
      {{O::F64Nearest}, {f64(-0.5)}, is(f64(-0.0))},
      {{O::F64Nearest}, {f64(4503599627370495.5)},
       is(f64(4503599627370496.0))},
      {{O::F64Nearest}, {F64SNaN}, ArithNaN},
      {{O::F64Nearest}, {F64CanonNaN}, CanonNaN},
      {{O::F64Eq}, {F64CanonNaN, F64CanonNaN}, is(0)},
      {{O::F64Eq}, {f64(0.0), f64(-0.0)}, is(1)},
      {{O::F64Ne}, {F64CanonNaN, F64CanonNaN}, is(1)},
      {{O::F64Ne}, {f64(0.0), f64(-0.0)}, is(0)},
      {{O::F64Lt}, {f64(-1), F64CanonNaN}, is(0)},
      {{O::F64Lt}, {f64(-1), f64(1)}, is(1)},
      {{O::F64Gt}, {F64SNaN, f64(1)}, is(0)},
      {{O::F64Gt}, {f64(1), f64(-1)}, is(1)},
      {{O::F64Le}, {f64(-0.0), f64(0.0)}, is(1)},
      {{O::F64Le}, {F64CanonNaN, f64(1)}, is(0)},
      {{O::F64Ge}, {f64(0.0), f64(-0.0)}, is(1)},
      {{O::F64Ge}, {f64(1), F64CanonNaN}, is(0)},
  };
}
TEST(LowerNumeric, F64SignRoundingAndCompare) { check(f64SignRoundingAndCompareCases()); }

// ---- Conversions -----------------------------------------------------------

std::vector<Case> wrapExtendReinterpretCases() {
  return {
      {{O::I32WrapI64}, {i64(0x123456789)}, is(i32(0x23456789))},
      {{O::I32WrapI64}, {i64(-1)}, is(i32(-1))},
      {{O::I64ExtendI32S}, {i32(Min32)}, is(i64(Min32))},
      {{O::I64ExtendI32S}, {i32(7)}, is(i64(7))},
      {{O::I64ExtendI32U}, {i32(Min32)}, is(i64(0x80000000))},
      {{O::I64ExtendI32U}, {i32(-1)}, is(i64(0xffffffff))},
      {{O::I32ReinterpretF32}, {F32SNaN}, is(F32SNaN)},
      {{O::I32ReinterpretF32}, {f32(-0.0f)}, is(i32(Min32))},
      {{O::F32ReinterpretI32}, {0xffa00001}, is(0xffa00001)},
      {{O::I64ReinterpretF64}, {F64NegSNaN}, is(F64NegSNaN)},
      {{O::F64ReinterpretI64}, {0x7ff0000000000001}, is(0x7ff0000000000001)},
  };
}
TEST(LowerNumeric, WrapExtendReinterpret) { check(wrapExtendReinterpretCases()); }

std::vector<Case> truncatingToI32TrapsCases() {
  return {
      {{O::I32TruncF32S}, {f32(-2147483648.0f)}, is(i32(Min32))},
      {{O::I32TruncF32S}, {f32(2147483648.0f)}, Overflow},
      {{O::I32TruncF32S}, {0x4effffff /* 2147483520 */}, is(i32(2147483520))},
      {{O::I32TruncF32S}, {0xcf000001 /* -2147483904 */}, Overflow},
      {{O::I32TruncF32S}, {f32(-1.9f)}, is(i32(-1))},
      {{O::I32TruncF32S}, {f32(-0.0f)}, is(i32(0))},
      {{O::I32TruncF32S}, {f32(INFINITY)}, Overflow},
      {{O::I32TruncF32S}, {f32(-INFINITY)}, Overflow},
      {{O::I32TruncF32S}, {F32CanonNaN}, Invalid},
      {{O::I32TruncF32S}, {F32NegSNaN}, Invalid},
      {{O::I32TruncF32U}, {f32(-0.9f)}, is(i32(0))},
      {{O::I32TruncF32U}, {f32(-1.0f)}, Overflow},
      {{O::I32TruncF32U}, {0x4f7fffff /* 4294967040 */}, is(i32(0xffffff00))},
      {{O::I32TruncF32U}, {f32(4294967296.0f)}, Overflow},
      {{O::I32TruncF32U}, {f32(1.9f)}, is(i32(1))},
      {{O::I32TruncF32U}, {F32SNaN}, Invalid},
      {{O::I32TruncF64S}, {f64(-2147483648.9)}, is(i32(Min32))},
      {{O::I32TruncF64S}, {f64(-2147483649.0)}, Overflow},
      {{O::I32TruncF64S}, {f64(2147483647.9)}, is(i32(INT32_MAX))},
      {{O::I32TruncF64S}, {f64(2147483648.0)}, Overflow},
      {{O::I32TruncF64S}, {F64CanonNaN}, Invalid},
      {{O::I32TruncF64U}, {f64(-0.9)}, is(i32(0))},
      {{O::I32TruncF64U}, {f64(-1.0)}, Overflow},
      {{O::I32TruncF64U}, {f64(4294967295.9)}, is(i32(0xffffffff))},
      {{O::I32TruncF64U}, {f64(4294967296.0)}, Overflow},
      {{O::I32TruncF64U}, {f64(1e16)}, Overflow},
      {{O::I32TruncF64U}, {F64SNaN}, Invalid},
  };
}
TEST(LowerNumeric, TruncatingToI32Traps) { check(truncatingToI32TrapsCases()); }

std::vector<Case> truncatingToI64TrapsCases() {
  return {
      {{O::I64TruncF32S}, {f32(-9223372036854775808.0f)}, is(i64(Min64))},
      {{O::I64TruncF32S}, {f32(9223372036854775808.0f)}, Overflow},
      {{O::I64TruncF32S}, {0x5effffff}, is(i64(9223371487098961920))},
      {{O::I64TruncF32S}, {0xdf000001}, Overflow},
      {{O::I64TruncF32S}, {f32(-1.5f)}, is(i64(-1))},
      {{O::I64TruncF32S}, {F32CanonNaN}, Invalid},
      {{O::I64TruncF32U}, {f32(-0.9f)}, is(i64(0))},
      {{O::I64TruncF32U}, {f32(-1.0f)}, Overflow},
      {{O::I64TruncF32U}, {0x5f7fffff}, is(i64(0xffffff0000000000))},
      {{O::I64TruncF32U}, {f32(18446744073709551616.0f)}, Overflow},
      {{O::I64TruncF32U}, {F32SNaN}, Invalid},
      {{O::I64TruncF64S}, {f64(-9223372036854775808.0)}, is(i64(Min64))},
      {{O::I64TruncF64S}, {f64(9223372036854775808.0)}, Overflow},
      {{O::I64TruncF64S}, {0x43dfffffffffffff},
       is(i64(9223372036854774784))},
      {{O::I64TruncF64S}, {0xc3e0000000000001}, Overflow},
      {{O::I64TruncF64S}, {f64(-INFINITY)}, Overflow},
      {{O::I64TruncF64S}, {F64CanonNaN}, Invalid},
      {{O::I64TruncF64U}, {0x43efffffffffffff},
       is(i64(0xfffffffffffff800))},
      {{O::I64TruncF64U}, {f64(18446744073709551616.0)}, Overflow},
      {{O::I64TruncF64U}, {f64(-0.9)}, is(i64(0))},
      {{O::I64TruncF64U}, {f64(-1.0)}, Overflow},
      {{O::I64TruncF64U}, {f64(9223372036854775808.0)}, is(i64(Min64))},
      {{O::I64TruncF64U}, {F64NegSNaN}, Invalid},
  };
}
TEST(LowerNumeric, TruncatingToI64Traps) { check(truncatingToI64TrapsCases()); }

std::vector<Case> truncatingSaturatesCases() {
  return {
      {{O::I32TruncSatF32S}, {F32CanonNaN}, is(0)},
      {{O::I32TruncSatF32S}, {F32NegSNaN}, is(0)},
      {{O::I32TruncSatF32S}, {f32(2147483648.0f)}, is(i32(INT32_MAX))},
      {{O::I32TruncSatF32S}, {0xcf000001}, is(i32(Min32))},
      {{O::I32TruncSatF32S}, {f32(-INFINITY)}, is(i32(Min32))},
      {{O::I32TruncSatF32S}, {f32(-1.9f)}, is(i32(-1))},
      {{O::I32TruncSatF32U}, {f32(-1.0f)}, is(0)},
      {{O::I32TruncSatF32U}, {f32(-0.9f)}, is(0)},
      {{O::I32TruncSatF32U}, {f32(4294967296.0f)}, is(i32(0xffffffff))},
      {{O::I32TruncSatF32U}, {0x4f7fffff}, is(i32(0xffffff00))},
      {{O::I32TruncSatF32U}, {F32CanonNaN}, is(0)},
      {{O::I32TruncSatF64S}, {f64(-2147483648.9)}, is(i32(Min32))},
      {{O::I32TruncSatF64S}, {f64(-2147483649.0)}, is(i32(Min32))},
      {{O::I32TruncSatF64S}, {f64(1e300)}, is(i32(INT32_MAX))},
      {{O::I32TruncSatF64S}, {F64SNaN}, is(0)},
      {{O::I32TruncSatF64U}, {f64(4294967295.9)}, is(i32(0xffffffff))},
      {{O::I32TruncSatF64U}, {f64(-1e300)}, is(0)},
      {{O::I32TruncSatF64U}, {F64CanonNaN}, is(0)},
      {{O::I64TruncSatF32S}, {f32(9223372036854775808.0f)}, is(i64(Max64))},
      {{O::I64TruncSatF32S}, {0xdf000001}, is(i64(Min64))},
      {{O::I64TruncSatF32S}, {F32CanonNaN}, is(0)},
      {{O::I64TruncSatF32U}, {f32(INFINITY)}, is(i64(-1))},
      {{O::I64TruncSatF32U}, {0x5f7fffff}, is(i64(0xffffff0000000000))},
      {{O::I64TruncSatF32U}, {f32(-2.0f)}, is(0)},
      {{O::I64TruncSatF64S}, {f64(9223372036854775808.0)}, is(i64(Max64))},
      {{O::I64TruncSatF64S}, {0x43dfffffffffffff},
       is(i64(9223372036854774784))},
      {{O::I64TruncSatF64S}, {f64(-INFINITY)}, is(i64(Min64))},
      {{O::I64TruncSatF64S}, {F64NegSNaN}, is(0)},
      {{O::I64TruncSatF64U}, {f64(18446744073709551616.0)}, is(i64(-1))},
      {{O::I64TruncSatF64U}, {0x43efffffffffffff},
       is(i64(0xfffffffffffff800))},
      {{O::I64TruncSatF64U}, {f64(-0.9)}, is(0)},
      {{O::I64TruncSatF64U}, {F64CanonNaN}, is(0)},
  };
}
TEST(LowerNumeric, TruncatingSaturates) { check(truncatingSaturatesCases()); }

std::vector<Case> convertingToFloatRoundsToNearestEvenCases() {
  return {
      {{O::F32ConvertI32S}, {i32(Min32)}, is(f32(-2147483648.0f))},
      {{O::F32ConvertI32S}, {i32(16777217)}, is(f32(16777216.0f))},
      {{O::F32ConvertI32S}, {i32(16777219)}, is(f32(16777220.0f))},
      {{O::F32ConvertI32S}, {i32(-1)}, is(f32(-1.0f))},
      {{O::F32ConvertI32U}, {i32(0xffffffff)}, is(f32(4294967296.0f))},
      // 2^31 + 128 is a tie between 2^31 and 2^31 + 256.
      {{O::F32ConvertI32U}, {i32(0x80000080)}, is(f32(2147483648.0f))},
      {{O::F32ConvertI32U}, {i32(0x80000081)}, is(0x4f000001)},
      {{O::F32ConvertI64S}, {i64(Max64)}, is(f32(9223372036854775808.0f))},
      {{O::F32ConvertI64S}, {i64(0x7fffff4000000001)}, is(0x5effffff)},
      {{O::F32ConvertI64S}, {i64(Min64)}, is(f32(-9223372036854775808.0f))},
      {{O::F32ConvertI64U}, {i64(-1)}, is(f32(18446744073709551616.0f))},
      // Rounding through f64 first would give 2^63 (a double rounding).
      {{O::F32ConvertI64U}, {i64(0x8000008000000001)}, is(0x5f000001)},
      {{O::F64ConvertI32S}, {i32(Min32)}, is(f64(-2147483648.0))},
      {{O::F64ConvertI32U}, {i32(0xffffffff)}, is(f64(4294967295.0))},
      {{O::F64ConvertI64S}, {i64(9007199254740993)},
       is(f64(9007199254740992.0))},
      {{O::F64ConvertI64S}, {i64(-1)}, is(f64(-1.0))},
      {{O::F64ConvertI64U}, {i64(-1)}, is(f64(18446744073709551616.0))},
      {{O::F64ConvertI64U}, {i64(0x8000000000000401)}, is(0x43e0000000000001)},
      {{O::F64ConvertI64U}, {i64(0xfffffffffffff401)}, is(0x43efffffffffffff)},
  };
}
TEST(LowerNumeric, ConvertingToFloatRoundsToNearestEven) { check(convertingToFloatRoundsToNearestEvenCases()); }

std::vector<Case> demoteAndPromoteCases() {
  return {
      {{O::F32DemoteF64}, {f64(1.0)}, is(f32(1.0f))},
      {{O::F32DemoteF64}, {f64(-0.0)}, is(f32(-0.0f))},
      {{O::F32DemoteF64}, {f64(1e300)}, is(f32(INFINITY))},
      {{O::F32DemoteF64}, {f64(1e-300)}, is(f32(0.0f))},
      {{O::F32DemoteF64}, {0x3ff0000010000000 /* a tie */}, is(f32(1.0f))},
      {{O::F32DemoteF64}, {0x3ff0000030000000 /* a tie */}, is(0x3f800002)},
      {{O::F32DemoteF64}, {F64CanonNaN}, CanonNaN},
      {{O::F32DemoteF64}, {F64SNaN}, ArithNaN},
      {{O::F32DemoteF64}, {F64PayloadNaN}, ArithNaN},
      {{O::F64PromoteF32}, {f32(1.5f)}, is(f64(1.5))},
      {{O::F64PromoteF32}, {f32(-0.0f)}, is(f64(-0.0))},
      {{O::F64PromoteF32}, {0x00000001}, is(f64(0x1p-149))},
      {{O::F64PromoteF32}, {F32CanonNaN}, CanonNaN},
      {{O::F64PromoteF32}, {F32SNaN}, ArithNaN},
      // demote(promote x) is x except that a signalling NaN is quieted,
      // which LLVM's fold of fptrunc(fpext x) to x would miss.
      {{O::F64PromoteF32, O::F32DemoteF64}, {F32SNaN}, ArithNaN},
      {{O::F64PromoteF32, O::F32DemoteF64}, {0x3f800001}, is(0x3f800001)},
  };
}
TEST(LowerNumeric, DemoteAndPromote) { check(demoteAndPromoteCases()); }

// ---- Coverage and code shape -----------------------------------------------

// Reads the case tables themselves rather than what earlier tests ran:
// ctest runs every test in a process of its own.
TEST(LowerNumeric, EveryNumericOpcodeIsTested) {
  std::set<Opcode> Tested;
  for (auto *Table : {
      i32ArithmeticCases,
      i32BitsCases,
      i32CompareCases,
      i64ArithmeticCases,
      i64BitsCases,
      i64CompareCases,
      f32ArithmeticCases,
      f32MinMaxCases,
      f32SignAndRoundingCases,
      f32CompareCases,
      f64ArithmeticCases,
      f64SignRoundingAndCompareCases,
      wrapExtendReinterpretCases,
      truncatingToI32TrapsCases,
      truncatingToI64TrapsCases,
      truncatingSaturatesCases,
      convertingToFloatRoundsToNearestEvenCases,
      demoteAndPromoteCases,
       })
    for (const Case &C : Table())
      Tested.insert(C.Ops.begin(), C.Ops.end());
  unsigned Numeric = 0;
  for (unsigned I = 0; I < NumOpcodes; ++I) {
    auto Op = static_cast<Opcode>(I);
    if (!isNumericInstruction(Op))
      continue;
    ++Numeric;
    EXPECT_TRUE(Tested.count(Op)) << opcodeName(Op).str();
  }
  // 0x45..0xC4 and 0xFC 0..7.
  EXPECT_EQ(Numeric, 128u + 8u);
  EXPECT_FALSE(isNumericInstruction(Opcode::I32Const));
  EXPECT_FALSE(isNumericInstruction(Opcode::RefNull));
  EXPECT_FALSE(isNumericInstruction(Opcode::MemoryInit));
}

/// The number of branches to wa_trap in F.
unsigned trapCalls(const llvm::Function &F) {
  unsigned N = 0;
  for (const BasicBlock &BB : F)
    for (const llvm::Instruction &I : BB)
      if (auto *Call = dyn_cast<CallInst>(&I))
        if (Call->getCalledFunction() &&
            Call->getCalledFunction()->getName() == "wa_trap")
          ++N;
  return N;
}

TEST(LowerNumeric, ConstantDivisorsNeedNoChecks) {
  LLVMContext Ctx;
  llvm::Module M("m", Ctx);
  AliasInfo Alias = AliasInfo::create(Ctx);
  static const wasmaot::Module EmptyWasm;
  const InstanceLayout Layout = cantFail(InstanceLayout::forPointerSize(8));
  const LowerOptions Opts;
  auto *FT = FunctionType::get(Type::getInt32Ty(Ctx),
                               {PointerType::getUnqual(Ctx),
                                Type::getInt32Ty(Ctx)},
                               false);
  auto Lower = [&](Opcode Op, int32_t Divisor) {
    auto *F = llvm::Function::Create(FT, GlobalValue::ExternalLinkage,
                                     opcodeName(Op), M);
    FunctionContext FC(*F, EmptyWasm, Layout, Opts, Alias);
    FC.B.SetInsertPoint(BasicBlock::Create(Ctx, "entry", F));
    FC.B.CreateRet(lowerNumeric(
        FC, Op, {F->getArg(1), ConstantInt::get(FC.i32(), Divisor)}));
    return F;
  };
  for (Opcode Op : {O::I32DivS, O::I32DivU, O::I32RemS, O::I32RemU}) {
    llvm::Function *F = Lower(Op, 7);
    EXPECT_EQ(F->size(), 1u) << opcodeName(Op).str();
    EXPECT_EQ(trapCalls(*F), 0u) << opcodeName(Op).str();
  }
  // Dividing by -1 still checks for INT_MIN (and nothing else).
  M.getFunction("i32.div_s")->setName("old");
  EXPECT_EQ(trapCalls(*Lower(O::I32DivS, -1)), 1u);
  // Dividing by a constant zero always traps.
  M.getFunction("i32.div_u")->setName("old2");
  EXPECT_EQ(trapCalls(*Lower(O::I32DivU, 0)), 1u);
  EXPECT_TRUE(verifies(M));
}

} // namespace

//===- LowerMemoryTest.cpp - Loads, stores and bounds checks, run ---------===//
//
// Builds small LLVM functions with lowerLoad/lowerStore and the other
// entry points of LowerMemory.h, compiles them with ORC's LLJIT for the
// host and runs them against a fake wa_instance whose memories are heap
// buffers (explicit mode) or a real guard reservation (guard mode). wa_trap
// and the memory.* runtime functions are provided by this file: wa_trap
// records the code and siglongjmps back to the test.
//
//===----------------------------------------------------------------------===//
#include "LoweringTestSupport.h"

#include "lower/AliasInfo.h"
#include "lower/FunctionContext.h"
#include "lower/GuardedAccess.h"
#include "lower/LowerMemory.h"

#include "wasm-aot/abi.h"

#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <array>
#include <csetjmp>
#include <csignal>
#include <cstring>
#include <functional>
#include <optional>
#include <sys/mman.h>
#include <vector>

using namespace wasmaot;
using namespace llvm;
using namespace wasmaot::test;

namespace {

// ---- What compiled code calls -------------------------------------------

sigjmp_buf TrapJump;
volatile uint32_t LastTrap = 0;

[[noreturn]] void fakeTrap(uint32_t Code) {
  LastTrap = Code;
  siglongjmp(TrapJump, 1);
}

// The arguments of the last bulk-memory call, in order after the instance.
std::vector<uint32_t> LastRuntimeArgs;
wa_instance *LastRuntimeInstance = nullptr;
const char *LastRuntimeCall = nullptr;

void record(const char *Name, wa_instance *I,
            std::initializer_list<uint32_t> Args) {
  LastRuntimeCall = Name;
  LastRuntimeInstance = I;
  LastRuntimeArgs.assign(Args);
}
int32_t fakeGrow(wa_instance *I, uint32_t M, uint32_t Delta) {
  record("grow", I, {M, Delta});
  return 7;
}
// The site arguments of the last bulk-memory call.
std::pair<uint32_t, uint32_t> LastSite;
void fakeInit(wa_instance *I, uint32_t M, uint32_t Seg, uint32_t D, uint32_t S,
              uint32_t N, uint32_t Func, uint32_t Offset) {
  record("init", I, {M, Seg, D, S, N});
  LastSite = {Func, Offset};
}
void fakeCopy(wa_instance *I, uint32_t DM, uint32_t SM, uint32_t D, uint32_t S,
              uint32_t N, uint32_t Func, uint32_t Offset) {
  record("copy", I, {DM, SM, D, S, N});
  LastSite = {Func, Offset};
}
void fakeFill(wa_instance *I, uint32_t M, uint32_t D, uint32_t V, uint32_t N,
              uint32_t Func, uint32_t Offset) {
  record("fill", I, {M, D, V, N});
  LastSite = {Func, Offset};
}
void fakeDataDrop(wa_instance *I, uint32_t Seg) { record("drop", I, {Seg}); }

/// Runs Fn; returns the trap code if compiled code called wa_trap.
std::optional<uint32_t> trapOf(const std::function<void()> &Fn) {
  LastTrap = 0;
  if (sigsetjmp(TrapJump, 1) != 0)
    return LastTrap;
  Fn();
  return std::nullopt;
}

constexpr uint32_t OOB = WA_TRAP_OutOfBoundsMemoryAccess;

// ---- Building and running functions -------------------------------------

/// One LLVM module of test functions, lowered with a given strategy and
/// compiled by LLJIT. Memory 0 and 1 are 32-bit memories, memory 2 a
/// 64-bit one.
class MemoryJit {
public:
  explicit MemoryJit(BoundsChecks Bounds) {
    Jit = createHostJit();
    Ctx = std::make_unique<LLVMContext>();
    M = createJitModule("memtest", *Ctx, *Jit);
    Wasm.Memories.resize(3);
    Wasm.Memories[2].Limits.Is64 = true;
    Layout = cantFail(InstanceLayout::forPointerSize(8));
    Opts.Bounds = Bounds;
    Alias = AliasInfo::create(*Ctx);
  }

  using BodyFn = std::function<Value *(FunctionContext &, llvm::Function &)>;

  /// Defines `Name(ptr instance, Params...) -> Ret` whose body is Body
  /// (which returns the result, or null for void).
  void define(StringRef Name, Type *Ret, ArrayRef<Type *> Params,
              const BodyFn &Body) {
    SmallVector<Type *, 4> All{PointerType::getUnqual(*Ctx)};
    All.append(Params.begin(), Params.end());
    auto *F = llvm::Function::Create(FunctionType::get(Ret, All, false),
                                     GlobalValue::ExternalLinkage, Name, *M);
    FunctionContext FC(*F, Wasm, Layout, Opts, Alias);
    FC.B.SetInsertPoint(BasicBlock::Create(*Ctx, "entry", F));
    Value *Result = Body(FC, *F);
    if (Result)
      FC.B.CreateRet(Result);
    else
      FC.B.CreateRetVoid();
  }

  /// A function `T load(instance, addr)` for one load opcode.
  void defineLoad(StringRef Name, Opcode Op, Type *Ret, uint64_t Offset,
                  uint32_t Memory = 0) {
    Type *AddrTy = Memory == 2 ? Type::getInt64Ty(*Ctx)
                               : Type::getInt32Ty(*Ctx);
    define(Name, Ret, {AddrTy}, [=](FunctionContext &FC, llvm::Function &F) {
      MemArg Mem;
      Mem.Memory = Memory;
      Mem.Offset = Offset;
      return cantFail(lowerLoad(FC, Op, Mem, F.getArg(1)));
    });
  }

  /// A function `void store(instance, addr, T value)` for one store opcode.
  void defineStore(StringRef Name, Opcode Op, Type *ValueTy, uint64_t Offset,
                   uint32_t Memory = 0) {
    Type *AddrTy = Memory == 2 ? Type::getInt64Ty(*Ctx)
                               : Type::getInt32Ty(*Ctx);
    define(Name, Type::getVoidTy(*Ctx), {AddrTy, ValueTy},
           [=](FunctionContext &FC, llvm::Function &F) -> Value * {
             MemArg Mem;
             Mem.Memory = Memory;
             Mem.Offset = Offset;
             cantFail(lowerStore(FC, Op, Mem, F.getArg(1), F.getArg(2)));
             return nullptr;
           });
  }

  /// `v128 load_lane(instance, addr, v128)` for a v128.loadN_lane.
  void defineLoadLane(StringRef Name, Opcode Op, unsigned Lane) {
    Type *V128 = FixedVectorType::get(Type::getInt64Ty(*Ctx), 2);
    define(Name, V128, {Type::getInt32Ty(*Ctx), V128},
           [=](FunctionContext &FC, llvm::Function &F) {
             return cantFail(
                 lowerLoad(FC, Op, MemArg(), F.getArg(1), F.getArg(2), Lane));
           });
  }

  /// `void store_lane(instance, addr, v128)` for a v128.storeN_lane.
  void defineStoreLane(StringRef Name, Opcode Op, unsigned Lane) {
    Type *V128 = FixedVectorType::get(Type::getInt64Ty(*Ctx), 2);
    define(Name, Type::getVoidTy(*Ctx), {Type::getInt32Ty(*Ctx), V128},
           [=](FunctionContext &FC, llvm::Function &F) -> Value * {
             cantFail(lowerStore(FC, Op, MemArg(), F.getArg(1), F.getArg(2),
                                 Lane));
             return nullptr;
           });
  }

  /// Lowers the guarded accesses (as compileModule does after
  /// optimisation), verifies the module and hands it to the JIT with the
  /// fake runtime.
  void finish() {
    lowerGuardedAccesses(*M);
    ASSERT_TRUE(verifies(*M));
    orc::SymbolMap Symbols;
    auto Add = [&](const char *Name, auto *Fn) {
      Symbols[Jit->mangleAndIntern(Name)] = {orc::ExecutorAddr::fromPtr(Fn),
                                             JITSymbolFlags::Exported};
    };
    Add("wa_trap", &fakeTrap);
    Add("wa_memory_grow", &fakeGrow);
    Add("wa_memory_init", &fakeInit);
    Add("wa_memory_copy", &fakeCopy);
    Add("wa_memory_fill", &fakeFill);
    Add("wa_data_drop", &fakeDataDrop);
    cantFail(Jit->getMainJITDylib().define(orc::absoluteSymbols(Symbols)));
    cantFail(Jit->addIRModule(
        orc::ThreadSafeModule(std::move(M), std::move(Ctx))));
  }

  template <typename Fn> Fn *get(StringRef Name) {
    return cantFail(Jit->lookup(Name)).toPtr<Fn *>();
  }

  LLVMContext &context() { return *Ctx; }

private:
  std::unique_ptr<orc::LLJIT> Jit;
  std::unique_ptr<LLVMContext> Ctx;
  std::unique_ptr<llvm::Module> M;
  wasmaot::Module Wasm;
  InstanceLayout Layout;
  LowerOptions Opts;
  AliasInfo Alias;
};

/// A fake instance with three memories over the given buffers.
struct FakeInstance {
  wa_memory Mems[3] = {};
  wa_memory *MemPtrs[3] = {&Mems[0], &Mems[1], &Mems[2]};
  wa_instance Instance = {};

  FakeInstance() {
    Instance.memory0 = &Mems[0];
    Instance.memories = MemPtrs;
  }
  void set(unsigned I, uint8_t *Base, uint64_t Size) {
    Mems[I].base = Base;
    Mems[I].size = Size;
    if (I == 0) // as the runtime keeps it (guard mode reads it)
      Instance.memory0_base = Base;
  }
};

template <typename T> T bitsAs(uint64_t Bits) {
  T V;
  std::memcpy(&V, &Bits, sizeof(T));
  return V;
}

// ---- Explicit mode --------------------------------------------------------

using LoadI32 = int32_t(wa_instance *, uint32_t);
using LoadI64 = int64_t(wa_instance *, uint32_t);
using LoadF32 = float(wa_instance *, uint32_t);
using LoadF64 = double(wa_instance *, uint32_t);
using StoreI32 = void(wa_instance *, uint32_t, int32_t);
using StoreI64 = void(wa_instance *, uint32_t, int64_t);
using StoreF32 = void(wa_instance *, uint32_t, float);
using StoreF64 = void(wa_instance *, uint32_t, double);
/// The native v128, <2 x i64>: returned and passed in one vector register.
typedef int64_t V128 __attribute__((vector_size(16)));
using LoadV128 = V128(wa_instance *, uint32_t);
using StoreV128 = void(wa_instance *, uint32_t, V128);
using LoadLane = V128(wa_instance *, uint32_t, V128);

/// The 16 bytes of V in lane order.
std::array<uint8_t, 16> bytesOf(V128 V) {
  std::array<uint8_t, 16> B;
  std::memcpy(B.data(), &V, 16);
  return B;
}

class ExplicitMemoryTest : public ::testing::Test {
protected:
  static constexpr uint64_t Size = WA_PAGE_SIZE;

  static void SetUpTestSuite() {
    J = new MemoryJit(BoundsChecks::Explicit);
    LLVMContext &C = J->context();
    Type *I32 = Type::getInt32Ty(C), *I64 = Type::getInt64Ty(C);
    Type *F32 = Type::getFloatTy(C), *F64 = Type::getDoubleTy(C);
    J->defineLoad("i32_load", Opcode::I32Load, I32, 0);
    J->defineLoad("i32_load_o16", Opcode::I32Load, I32, 16);
    J->defineLoad("i32_load_omax", Opcode::I32Load, I32, 0xFFFFFFFF);
    J->defineLoad("i32_load_o1", Opcode::I32Load, I32, 1);
    J->defineLoad("i64_load", Opcode::I64Load, I64, 0);
    J->defineLoad("f32_load", Opcode::F32Load, F32, 0);
    J->defineLoad("f64_load", Opcode::F64Load, F64, 0);
    J->defineLoad("i32_load8_s", Opcode::I32Load8S, I32, 0);
    J->defineLoad("i32_load8_u", Opcode::I32Load8U, I32, 0);
    J->defineLoad("i32_load16_s", Opcode::I32Load16S, I32, 0);
    J->defineLoad("i32_load16_u", Opcode::I32Load16U, I32, 0);
    J->defineLoad("i64_load8_s", Opcode::I64Load8S, I64, 0);
    J->defineLoad("i64_load8_u", Opcode::I64Load8U, I64, 0);
    J->defineLoad("i64_load16_s", Opcode::I64Load16S, I64, 0);
    J->defineLoad("i64_load16_u", Opcode::I64Load16U, I64, 0);
    J->defineLoad("i64_load32_s", Opcode::I64Load32S, I64, 0);
    J->defineLoad("i64_load32_u", Opcode::I64Load32U, I64, 0);
    J->defineLoad("mem1_i32_load", Opcode::I32Load, I32, 4, /*Memory=*/1);
    J->defineLoad("mem64_i32_load_o2", Opcode::I32Load, I32, 2, /*Memory=*/2);
    J->defineStore("i32_store", Opcode::I32Store, I32, 0);
    J->defineStore("i32_store_o8", Opcode::I32Store, I32, 8);
    J->defineStore("i64_store", Opcode::I64Store, I64, 0);
    J->defineStore("f32_store", Opcode::F32Store, F32, 0);
    J->defineStore("f64_store", Opcode::F64Store, F64, 0);
    J->defineStore("i32_store8", Opcode::I32Store8, I32, 0);
    J->defineStore("i32_store16", Opcode::I32Store16, I32, 0);
    J->defineStore("i64_store8", Opcode::I64Store8, I64, 0);
    J->defineStore("i64_store16", Opcode::I64Store16, I64, 0);
    J->defineStore("i64_store32", Opcode::I64Store32, I64, 0);
    J->defineStore("i32_store_omax", Opcode::I32Store, I32, 0xFFFFFFFF);
    J->defineStore("mem1_i64_store", Opcode::I64Store, I64, 0, /*Memory=*/1);
    Type *V = FixedVectorType::get(I64, 2);
    J->defineLoad("v128_load", Opcode::V128Load, V, 0);
    J->defineLoad("v128_load8x8_s", Opcode::V128Load8x8S, V, 0);
    J->defineLoad("v128_load32_splat", Opcode::V128Load32Splat, V, 0);
    J->defineLoad("v128_load64_zero", Opcode::V128Load64Zero, V, 0);
    J->defineLoadLane("v128_load16_lane_3", Opcode::V128Load16Lane, 3);
    J->defineStore("v128_store", Opcode::V128Store, V, 0);
    J->defineStoreLane("v128_store32_lane_2", Opcode::V128Store32Lane, 2);
    defineNonAccess(*J);
    J->finish();
  }
  static void TearDownTestSuite() {
    delete J;
    J = nullptr;
  }

  /// memory.size / memory.grow / the bulk operations, with their operands
  /// as parameters.
  static void defineNonAccess(MemoryJit &J) {
    LLVMContext &C = J.context();
    Type *I32 = Type::getInt32Ty(C), *I64 = Type::getInt64Ty(C);
    J.define("size0", I32, {}, [](FunctionContext &FC, llvm::Function &) {
      return lowerMemorySize(FC, 0);
    });
    J.define("size1", I32, {}, [](FunctionContext &FC, llvm::Function &) {
      return lowerMemorySize(FC, 1);
    });
    J.define("size64", I64, {}, [](FunctionContext &FC, llvm::Function &) {
      return lowerMemorySize(FC, 2);
    });
    J.define("grow1", I32, {I32}, [](FunctionContext &FC, llvm::Function &F) {
      return cantFail(lowerMemoryGrow(FC, 1, F.getArg(1)));
    });
    J.define("fill1", Type::getVoidTy(C), {I32, I32, I32},
             [](FunctionContext &FC, llvm::Function &F) -> Value * {
               cantFail(lowerMemoryFill(FC, 1, F.getArg(1), F.getArg(2),
                                        F.getArg(3)));
               return nullptr;
             });
    J.define("copy10", Type::getVoidTy(C), {I32, I32, I32},
             [](FunctionContext &FC, llvm::Function &F) -> Value * {
               cantFail(lowerMemoryCopy(FC, 1, 0, F.getArg(1), F.getArg(2),
                                        F.getArg(3)));
               return nullptr;
             });
    J.define("init_seg3_mem1", Type::getVoidTy(C), {I32, I32, I32},
             [](FunctionContext &FC, llvm::Function &F) -> Value * {
               cantFail(lowerMemoryInit(FC, 3, 1, F.getArg(1), F.getArg(2),
                                        F.getArg(3)));
               return nullptr;
             });
    J.define("drop5", Type::getVoidTy(C), {},
             [](FunctionContext &FC, llvm::Function &) -> Value * {
               lowerDataDrop(FC, 5);
               return nullptr;
             });
  }

  void SetUp() override {
    Mem0.assign(Size, 0);
    Mem1.assign(Size * 2, 0);
    Mem64.assign(Size, 0);
    Fake.set(0, Mem0.data(), Size);
    Fake.set(1, Mem1.data(), Size * 2);
    Fake.set(2, Mem64.data(), Size);
  }

  template <typename Fn> Fn *fn(StringRef Name) { return J->get<Fn>(Name); }
  wa_instance *inst() { return &Fake.Instance; }

  static MemoryJit *J;
  std::vector<uint8_t> Mem0, Mem1, Mem64;
  FakeInstance Fake;
};

MemoryJit *ExplicitMemoryTest::J = nullptr;

TEST_F(ExplicitMemoryTest, FullWidthLoadsAreLittleEndian) {
  const uint8_t Bytes[8] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x88};
  std::memcpy(&Mem0[100], Bytes, 8);
  EXPECT_EQ(fn<LoadI32>("i32_load")(inst(), 100), 0x04030201);
  EXPECT_EQ(fn<LoadI64>("i64_load")(inst(), 100),
            static_cast<int64_t>(0x8807060504030201ull));
  // Unaligned is fine: alignment is only a hint.
  EXPECT_EQ(fn<LoadI32>("i32_load")(inst(), 101), 0x05040302);

  uint32_t FBits = 0x40490FDB; // pi as f32
  std::memcpy(&Mem0[200], &FBits, 4);
  EXPECT_EQ(fn<LoadF32>("f32_load")(inst(), 200), bitsAs<float>(FBits));
  uint64_t DBits = 0xC00921FB54442D18ull; // -pi as f64
  std::memcpy(&Mem0[203], &DBits, 8);
  EXPECT_EQ(fn<LoadF64>("f64_load")(inst(), 203), bitsAs<double>(DBits));
}

TEST_F(ExplicitMemoryTest, FloatLoadsKeepNaNPayloads) {
  uint32_t FBits = 0x7FA00001; // signalling NaN with a payload
  std::memcpy(&Mem0[0], &FBits, 4);
  float F = fn<LoadF32>("f32_load")(inst(), 0);
  uint32_t Got;
  std::memcpy(&Got, &F, 4);
  EXPECT_EQ(Got, FBits);
}

TEST_F(ExplicitMemoryTest, NarrowLoadsExtend) {
  Mem0[10] = 0x80;
  Mem0[11] = 0xFF;
  Mem0[12] = 0x7F;
  Mem0[13] = 0x00;
  // Bytes 10..13 are 0x80 0xFF 0x7F 0x00.
  EXPECT_EQ(fn<LoadI32>("i32_load8_s")(inst(), 10), -128);
  EXPECT_EQ(fn<LoadI32>("i32_load8_u")(inst(), 10), 128);
  EXPECT_EQ(fn<LoadI32>("i32_load8_s")(inst(), 12), 127);
  EXPECT_EQ(fn<LoadI32>("i32_load16_s")(inst(), 10), -128);   // 0xFF80
  EXPECT_EQ(fn<LoadI32>("i32_load16_u")(inst(), 10), 0xFF80);
  EXPECT_EQ(fn<LoadI32>("i32_load16_s")(inst(), 12), 0x007F);
  EXPECT_EQ(fn<LoadI64>("i64_load8_s")(inst(), 11), -1);
  EXPECT_EQ(fn<LoadI64>("i64_load8_u")(inst(), 11), 0xFF);
  EXPECT_EQ(fn<LoadI64>("i64_load16_s")(inst(), 11), 0x7FFF);
  EXPECT_EQ(fn<LoadI64>("i64_load16_u")(inst(), 10), 0xFF80);
  EXPECT_EQ(fn<LoadI64>("i64_load16_s")(inst(), 10), -128);
  // 0x007FFF80 and 0x80000000.
  EXPECT_EQ(fn<LoadI64>("i64_load32_s")(inst(), 10), 0x007FFF80);
  Mem0[20] = 0x00; Mem0[21] = 0x00; Mem0[22] = 0x00; Mem0[23] = 0x80;
  EXPECT_EQ(fn<LoadI64>("i64_load32_s")(inst(), 20),
            static_cast<int64_t>(0xFFFFFFFF80000000ull));
  EXPECT_EQ(fn<LoadI64>("i64_load32_u")(inst(), 20), 0x80000000ll);
}

TEST_F(ExplicitMemoryTest, StoresWriteExactlyTheirWidth) {
  std::memset(Mem0.data(), 0xAA, 64);
  fn<StoreI32>("i32_store8")(inst(), 1, 0x12345678);
  fn<StoreI32>("i32_store16")(inst(), 4, 0x12345678);
  fn<StoreI64>("i64_store8")(inst(), 8, 0x1122334455667788ll);
  fn<StoreI64>("i64_store16")(inst(), 12, 0x1122334455667788ll);
  fn<StoreI64>("i64_store32")(inst(), 16, 0x1122334455667788ll);
  fn<StoreI64>("i64_store")(inst(), 24, 0x1122334455667788ll);
  fn<StoreI32>("i32_store")(inst(), 33, -2);
  const uint8_t Want[] = {
      0xAA, 0x78, 0xAA, 0xAA,                         // 0..3: store8 at 1
      0x78, 0x56, 0xAA, 0xAA,                         // 4..7: store16
      0x88, 0xAA, 0xAA, 0xAA,                         // 8..11: i64.store8
      0x88, 0x77, 0xAA, 0xAA,                         // 12..15
      0x88, 0x77, 0x66, 0x55, 0xAA, 0xAA, 0xAA, 0xAA, // 16..23: store32
      0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, // 24..31: i64.store
      0xAA, 0xFE, 0xFF, 0xFF, 0xFF, 0xAA,             // 32..37: i32 at 33
  };
  for (size_t I = 0; I < sizeof(Want); ++I)
    EXPECT_EQ(Mem0[I], Want[I]) << "byte " << I;
}

TEST_F(ExplicitMemoryTest, FloatStoresWriteTheBits) {
  fn<StoreF32>("f32_store")(inst(), 3, bitsAs<float>(0x7FA00001u));
  uint32_t F;
  std::memcpy(&F, &Mem0[3], 4);
  EXPECT_EQ(F, 0x7FA00001u);
  fn<StoreF64>("f64_store")(inst(), 7, bitsAs<double>(0xFFF4000000000001ull));
  uint64_t D;
  std::memcpy(&D, &Mem0[7], 8);
  EXPECT_EQ(D, 0xFFF4000000000001ull);
}

TEST_F(ExplicitMemoryTest, OffsetsAddToTheAddress) {
  Mem0[116] = 0x2A;
  EXPECT_EQ(fn<LoadI32>("i32_load_o16")(inst(), 100), 0x2A);
  fn<StoreI32>("i32_store_o8")(inst(), 92, 0x01020304);
  EXPECT_EQ(fn<LoadI32>("i32_load")(inst(), 100), 0x01020304);
}

TEST_F(ExplicitMemoryTest, LastInBoundsAccessWorksOnePastTraps) {
  Mem0[Size - 1] = 0x9C;
  EXPECT_EQ(fn<LoadI32>("i32_load8_u")(inst(), Size - 1), 0x9C);
  EXPECT_EQ(trapOf([&] { fn<LoadI32>("i32_load8_u")(inst(), Size); }), OOB);

  EXPECT_EQ(trapOf([&] { fn<LoadI32>("i32_load")(inst(), Size - 4); }),
            std::nullopt);
  for (uint32_t Addr : {uint32_t(Size - 3), uint32_t(Size - 1),
                        uint32_t(Size), 0x7FFFFFFFu, 0xFFFFFFFFu})
    EXPECT_EQ(trapOf([&] { fn<LoadI32>("i32_load")(inst(), Addr); }), OOB)
        << "address " << Addr;

  EXPECT_EQ(trapOf([&] { fn<LoadI64>("i64_load")(inst(), Size - 8); }),
            std::nullopt);
  EXPECT_EQ(trapOf([&] { fn<LoadI64>("i64_load")(inst(), Size - 7); }), OOB);
  EXPECT_EQ(trapOf([&] { fn<LoadI64>("i64_load16_u")(inst(), Size - 2); }),
            std::nullopt);
  EXPECT_EQ(trapOf([&] { fn<LoadI64>("i64_load16_u")(inst(), Size - 1); }),
            OOB);
  EXPECT_EQ(trapOf([&] { fn<LoadF64>("f64_load")(inst(), Size - 4); }), OOB);

  // The offset counts: addr + 16 + 4 must be <= size.
  EXPECT_EQ(trapOf([&] { fn<LoadI32>("i32_load_o16")(inst(), Size - 20); }),
            std::nullopt);
  EXPECT_EQ(trapOf([&] { fn<LoadI32>("i32_load_o16")(inst(), Size - 19); }),
            OOB);
}

TEST_F(ExplicitMemoryTest, AddressPlusOffsetDoesNotWrapAt32Bits) {
  // 0xFFFFFFFF + 1 is 2^32, not 0: out of bounds, not byte 0.
  EXPECT_EQ(trapOf([&] { fn<LoadI32>("i32_load_o1")(inst(), 0xFFFFFFFF); }),
            OOB);
  EXPECT_EQ(trapOf([&] { fn<LoadI32>("i32_load_omax")(inst(), 1); }), OOB);
  EXPECT_EQ(trapOf([&] { fn<LoadI32>("i32_load_omax")(inst(), 0); }), OOB);
  EXPECT_EQ(
      trapOf([&] { fn<LoadI32>("i32_load_omax")(inst(), 0xFFFFFFFF); }), OOB);
  EXPECT_EQ(
      trapOf([&] { fn<StoreI32>("i32_store_omax")(inst(), 0xFFFFFFFF, 1); }),
      OOB);
}

TEST_F(ExplicitMemoryTest, TrappingStoresWriteNothing) {
  std::memset(&Mem0[Size - 8], 0x55, 8);
  EXPECT_EQ(trapOf([&] { fn<StoreI32>("i32_store")(inst(), Size - 3, -1); }),
            OOB);
  EXPECT_EQ(trapOf([&] { fn<StoreI64>("i64_store")(inst(), Size - 4, -1); }),
            OOB);
  for (uint64_t I = Size - 8; I < Size; ++I)
    EXPECT_EQ(Mem0[I], 0x55) << "byte " << I;
  EXPECT_EQ(trapOf([&] { fn<StoreI32>("i32_store")(inst(), Size - 4, -1); }),
            std::nullopt);
  EXPECT_EQ(Mem0[Size - 1], 0xFF);
}

// A v128 access is checked for every byte it touches: 16 for v128.load
// and store, 8 for the extending and 64-bit forms, the lane's width for
// lane and splat forms. The bytes land in lane order, and a lane access
// touches only its lane.
TEST_F(ExplicitMemoryTest, V128AccessesCheckTheBytesTheyTouch) {
  for (uint64_t I = 0; I < 16; ++I)
    Mem0[Size - 16 + I] = uint8_t(0xA0 + I);
  std::array<uint8_t, 16> Tail;
  std::memcpy(Tail.data(), &Mem0[Size - 16], 16);
  EXPECT_EQ(bytesOf(fn<LoadV128>("v128_load")(inst(), Size - 16)), Tail);
  EXPECT_EQ(trapOf([&] { fn<LoadV128>("v128_load")(inst(), Size - 15); }),
            OOB);

  V128 Wide = fn<LoadV128>("v128_load8x8_s")(inst(), Size - 8);
  int16_t Lanes[8];
  std::memcpy(Lanes, &Wide, 16);
  EXPECT_EQ(Lanes[0], int16_t(int8_t(0xA8)));
  EXPECT_EQ(Lanes[7], int16_t(int8_t(0xAF)));
  EXPECT_EQ(trapOf([&] { fn<LoadV128>("v128_load8x8_s")(inst(), Size - 7); }),
            OOB);

  V128 Splat = fn<LoadV128>("v128_load32_splat")(inst(), Size - 4);
  int32_t Words[4];
  std::memcpy(Words, &Splat, 16);
  for (int32_t W : Words)
    EXPECT_EQ(uint32_t(W), 0xAFAEADACu);
  EXPECT_EQ(
      trapOf([&] { fn<LoadV128>("v128_load32_splat")(inst(), Size - 3); }),
      OOB);

  V128 Zero = fn<LoadV128>("v128_load64_zero")(inst(), Size - 8);
  EXPECT_EQ(uint64_t(Zero[0]), 0xAFAEADACABAAA9A8u);
  EXPECT_EQ(Zero[1], 0);
  EXPECT_EQ(
      trapOf([&] { fn<LoadV128>("v128_load64_zero")(inst(), Size - 7); }),
      OOB);

  V128 Ones = {-1, -1};
  V128 Lane = fn<LoadLane>("v128_load16_lane_3")(inst(), Size - 2, Ones);
  std::array<uint8_t, 16> Want;
  Want.fill(0xFF);
  Want[6] = 0xAE;
  Want[7] = 0xAF;
  EXPECT_EQ(bytesOf(Lane), Want);
  EXPECT_EQ(trapOf([&] {
              fn<LoadLane>("v128_load16_lane_3")(inst(), Size - 1, Ones);
            }),
            OOB);

  // Stores: a trapping one writes nothing; a lane store writes its lane.
  V128 Value = {0x0706050403020100, 0x0F0E0D0C0B0A0908};
  EXPECT_EQ(
      trapOf([&] { fn<StoreV128>("v128_store")(inst(), Size - 15, Value); }),
      OOB);
  EXPECT_EQ(trapOf([&] {
              fn<StoreV128>("v128_store32_lane_2")(inst(), Size - 3, Value);
            }),
            OOB);
  for (uint64_t I = 0; I < 16; ++I)
    EXPECT_EQ(Mem0[Size - 16 + I], uint8_t(0xA0 + I)) << "byte " << I;
  fn<StoreV128>("v128_store32_lane_2")(inst(), Size - 4, Value);
  EXPECT_EQ(Mem0[Size - 5], 0xAB);
  EXPECT_EQ(Mem0[Size - 4], 0x08);
  EXPECT_EQ(Mem0[Size - 1], 0x0B);
  fn<StoreV128>("v128_store")(inst(), Size - 16, Value);
  EXPECT_EQ(bytesOf(fn<LoadV128>("v128_load")(inst(), Size - 16)),
            bytesOf(Value));
}

TEST_F(ExplicitMemoryTest, TheSizeIsReadAtEachAccess) {
  // Shrinking the fake memory's size (as a moved, regrown memory would
  // change it) is seen by the next call: nothing is cached across calls.
  EXPECT_EQ(trapOf([&] { fn<LoadI32>("i32_load")(inst(), 1000); }),
            std::nullopt);
  Fake.set(0, Mem0.data(), 1000);
  EXPECT_EQ(trapOf([&] { fn<LoadI32>("i32_load")(inst(), 996); }),
            std::nullopt);
  EXPECT_EQ(trapOf([&] { fn<LoadI32>("i32_load")(inst(), 997); }), OOB);
  // A moved base is used as well.
  std::vector<uint8_t> Moved(Size, 0);
  Moved[8] = 0x33;
  Fake.set(0, Moved.data(), Size);
  EXPECT_EQ(fn<LoadI32>("i32_load")(inst(), 8), 0x33);
}

TEST_F(ExplicitMemoryTest, OtherMemoriesGoThroughTheMemoriesArray) {
  Mem1[Size + 4] = 0x5A; // past memory 0's size, inside memory 1
  EXPECT_EQ(fn<LoadI32>("mem1_i32_load")(inst(), Size), 0x5A);
  EXPECT_EQ(
      trapOf([&] { fn<LoadI32>("mem1_i32_load")(inst(), 2 * Size - 8); }),
      std::nullopt);
  EXPECT_EQ(
      trapOf([&] { fn<LoadI32>("mem1_i32_load")(inst(), 2 * Size - 7); }),
      OOB);
  fn<StoreI64>("mem1_i64_store")(inst(), 2 * Size - 8, -1);
  EXPECT_EQ(Mem1[2 * Size - 1], 0xFF);
  EXPECT_EQ(Mem0[Size - 1], 0); // memory 0 untouched
  EXPECT_EQ(trapOf([&] { fn<StoreI64>("mem1_i64_store")(inst(), 2 * Size - 7,
                                                        -1); }),
            OOB);
}

TEST_F(ExplicitMemoryTest, Memory64ChecksWrapAndEnd) {
  using Load64Addr = int32_t(wa_instance *, uint64_t);
  auto *Load = fn<Load64Addr>("mem64_i32_load_o2");
  Mem64[Size - 6] = 0x11;
  EXPECT_EQ(Load(inst(), Size - 8), 0x11);
  EXPECT_EQ(trapOf([&] { Load(inst(), Size - 5); }), OOB);
  EXPECT_EQ(trapOf([&] { Load(inst(), UINT64_MAX); }), OOB);
  EXPECT_EQ(trapOf([&] { Load(inst(), UINT64_MAX - 5); }), OOB);
  EXPECT_EQ(trapOf([&] { Load(inst(), uint64_t(1) << 32); }), OOB);
}

TEST_F(ExplicitMemoryTest, MemorySizeIsInPages) {
  using Size32 = int32_t(wa_instance *);
  using Size64 = int64_t(wa_instance *);
  EXPECT_EQ(fn<Size32>("size0")(inst()), 1);
  EXPECT_EQ(fn<Size32>("size1")(inst()), 2);
  Fake.set(1, Mem1.data(), uint64_t(65536) * WA_PAGE_SIZE); // 4 GiB
  EXPECT_EQ(fn<Size32>("size1")(inst()), 65536);
  Fake.set(2, Mem64.data(), uint64_t(1) << 40);
  EXPECT_EQ(fn<Size64>("size64")(inst()), int64_t(1) << 24);
}

TEST_F(ExplicitMemoryTest, GrowAndBulkOperationsCallTheRuntime) {
  using Grow = int32_t(wa_instance *, uint32_t);
  using Three = void(wa_instance *, uint32_t, uint32_t, uint32_t);
  EXPECT_EQ(fn<Grow>("grow1")(inst(), 3), 7);
  EXPECT_STREQ(LastRuntimeCall, "grow");
  EXPECT_EQ(LastRuntimeInstance, inst());
  EXPECT_EQ(LastRuntimeArgs, (std::vector<uint32_t>{1, 3}));

  // Code lowered outside a wasm function (as here) has no site to pass.
  const std::pair<uint32_t, uint32_t> NoSite{WA_NO_SITE, 0};
  LastSite = {0, 1};
  fn<Three>("fill1")(inst(), 10, 0x1FF, 20);
  EXPECT_STREQ(LastRuntimeCall, "fill");
  EXPECT_EQ(LastRuntimeArgs, (std::vector<uint32_t>{1, 10, 0x1FF, 20}));
  EXPECT_EQ(LastSite, NoSite);

  fn<Three>("copy10")(inst(), 1, 2, 3);
  EXPECT_STREQ(LastRuntimeCall, "copy");
  EXPECT_EQ(LastRuntimeArgs, (std::vector<uint32_t>{1, 0, 1, 2, 3}));
  EXPECT_EQ(LastSite, NoSite);

  fn<Three>("init_seg3_mem1")(inst(), 4, 5, 6);
  EXPECT_STREQ(LastRuntimeCall, "init");
  EXPECT_EQ(LastRuntimeArgs, (std::vector<uint32_t>{1, 3, 4, 5, 6}));
  EXPECT_EQ(LastSite, NoSite);

  fn<void(wa_instance *)>("drop5")(inst());
  EXPECT_STREQ(LastRuntimeCall, "drop");
  EXPECT_EQ(LastRuntimeArgs, (std::vector<uint32_t>{5}));
}

// ---- Guard mode -----------------------------------------------------------

/// A real guard reservation: WA_GUARD_RESERVATION bytes plus a page of
/// inaccessible address space, of which only the first page and the two
/// pages around base + 2^33 - 2 are made accessible.
class GuardMemoryTest : public ::testing::Test {
protected:
  static constexpr uint64_t Page = 4096;
  static constexpr uint64_t Reservation = WA_GUARD_RESERVATION + Page;
  static constexpr uint64_t Top = 2 * uint64_t(0xFFFFFFFF); // max addr+offset

  static void SetUpTestSuite() {
    J = new MemoryJit(BoundsChecks::Guard);
    LLVMContext &C = J->context();
    Type *I32 = Type::getInt32Ty(C), *I64 = Type::getInt64Ty(C);
    J->defineLoad("i32_load", Opcode::I32Load, I32, 0);
    J->defineLoad("i32_load_o12", Opcode::I32Load, I32, 12);
    J->defineLoad("i32_load_omax", Opcode::I32Load, I32, 0xFFFFFFFF);
    J->defineLoad("i64_load16_s_o3", Opcode::I64Load16S, I64, 3);
    J->defineLoad("mem1_i32_load", Opcode::I32Load, I32, 0, /*Memory=*/1);
    J->defineStore("i64_store_o5", Opcode::I64Store, I64, 5);
    J->defineStore("i32_store_omax", Opcode::I32Store, I32, 0xFFFFFFFF);
    Type *V = FixedVectorType::get(I64, 2);
    J->defineLoad("v128_load_omax", Opcode::V128Load, V, 0xFFFFFFFF);
    J->defineStore("v128_store_omax", Opcode::V128Store, V, 0xFFFFFFFF);
    J->finish();
  }
  static void TearDownTestSuite() {
    delete J;
    J = nullptr;
  }

  void SetUp() override {
    void *P = mmap(nullptr, Reservation, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (P == MAP_FAILED)
      GTEST_SKIP() << "cannot reserve 8 GiB of address space";
    Base = static_cast<uint8_t *>(P);
    ASSERT_EQ(mprotect(Base, WA_PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
    uint64_t TopPage = Top & ~(Page - 1);
    ASSERT_EQ(mprotect(Base + TopPage, 2 * Page, PROT_READ | PROT_WRITE), 0);
    Fake.set(0, Base, WA_PAGE_SIZE);
    Fake.set(1, Base, WA_PAGE_SIZE);
  }
  void TearDown() override {
    if (Base)
      munmap(Base, Reservation);
  }

  template <typename Fn> Fn *fn(StringRef Name) { return J->get<Fn>(Name); }
  wa_instance *inst() { return &Fake.Instance; }

  static MemoryJit *J;
  uint8_t *Base = nullptr;
  FakeInstance Fake;
};

MemoryJit *GuardMemoryTest::J = nullptr;

TEST_F(GuardMemoryTest, AddressIsBasePlusAddressPlusOffset) {
  Base[112] = 0x44;
  Base[113] = 0x33;
  EXPECT_EQ(fn<LoadI32>("i32_load")(inst(), 112), 0x3344);
  EXPECT_EQ(fn<LoadI32>("i32_load_o12")(inst(), 100), 0x3344);
  Base[WA_PAGE_SIZE - 2] = 0xFE;
  Base[WA_PAGE_SIZE - 1] = 0xFF;
  EXPECT_EQ(fn<LoadI64>("i64_load16_s_o3")(inst(), WA_PAGE_SIZE - 5), -2);
  fn<StoreI64>("i64_store_o5")(inst(), 1000, 0x0102030405060708ll);
  EXPECT_EQ(Base[1005], 0x08);
  EXPECT_EQ(Base[1012], 0x01);
  Base[0] = 0x77;
  EXPECT_EQ(fn<LoadI32>("mem1_i32_load")(inst(), 0), 0x77);
}

TEST_F(GuardMemoryTest, LargestAddressLandsInsideTheReservation) {
  // 0xFFFFFFFF + offset 0xFFFFFFFF is base + 2^33 - 2: zero-extended and
  // added in 64 bits, never wrapped to a low address or below base.
  const uint8_t Bytes[4] = {0xDE, 0xAD, 0xBE, 0xEF};
  std::memcpy(Base + Top, Bytes, 4);
  EXPECT_EQ(fn<LoadI32>("i32_load_omax")(inst(), 0xFFFFFFFF),
            static_cast<int32_t>(0xEFBEADDE));
  fn<StoreI32>("i32_store_omax")(inst(), 0xFFFFFFFF, 0x01020304);
  EXPECT_EQ(Base[Top], 0x04);
  EXPECT_EQ(Base[Top + 3], 0x01);
}

TEST_F(GuardMemoryTest, LargestV128AccessLandsInsideTheReservation) {
  // The widest access, 16 bytes from base + 2^33 - 2, ends inside the
  // reservation's tail: it reads and writes there, nowhere else.
  for (unsigned I = 0; I < 16; ++I)
    Base[Top + I] = uint8_t(I * 17);
  V128 Loaded = fn<LoadV128>("v128_load_omax")(inst(), 0xFFFFFFFF);
  std::array<uint8_t, 16> Want;
  for (unsigned I = 0; I < 16; ++I)
    Want[I] = uint8_t(I * 17);
  EXPECT_EQ(bytesOf(Loaded), Want);
  V128 Value = {-1, 0x0123456789ABCDEF};
  fn<StoreV128>("v128_store_omax")(inst(), 0xFFFFFFFF, Value);
  EXPECT_EQ(Base[Top], 0xFF);
  EXPECT_EQ(Base[Top + 8], 0xEF);
  EXPECT_EQ(Base[Top + 15], 0x01);
}

// ---- Preconditions ----------------------------------------------------------

// The validator rejects an offset of 2^32 or more on a 32-bit memory (it can
// only be encoded with memory64 on). Lowering checks it again and reports an
// error instead of computing an address outside the reservation.
TEST(LowerMemoryPreconditionTest, OffsetsOf32BitMemoriesMustBeBelow2To32) {
  for (BoundsChecks Bounds : {BoundsChecks::Guard, BoundsChecks::Explicit}) {
    LLVMContext Ctx;
    llvm::Module M("precondition", Ctx);
    wasmaot::Module Wasm;
    Wasm.Memories.resize(1);
    InstanceLayout Layout = cantFail(InstanceLayout::forPointerSize(8));
    LowerOptions Opts;
    Opts.Bounds = Bounds;
    AliasInfo Alias = AliasInfo::create(Ctx);
    Type *I32 = Type::getInt32Ty(Ctx);
    auto *F = llvm::Function::Create(
        FunctionType::get(Type::getVoidTy(Ctx),
                          {PointerType::getUnqual(Ctx), I32}, false),
        GlobalValue::ExternalLinkage, "f", M);
    FunctionContext FC(*F, Wasm, Layout, Opts, Alias);
    FC.B.SetInsertPoint(BasicBlock::Create(Ctx, "entry", F));
    FC.setSite(0, 0x40);
    MemArg Mem;
    Mem.Offset = uint64_t(1) << 32;

    Expected<Value *> Load = lowerLoad(FC, Opcode::I32Load, Mem, F->getArg(1));
    ASSERT_FALSE(bool(Load));
    EXPECT_NE(toString(Load.takeError()).find("offset 4294967296"),
              std::string::npos);
    Error Store = lowerStore(FC, Opcode::I64Store8, Mem, F->getArg(1),
                             FC.B.getInt64(1));
    ASSERT_TRUE(bool(Store));
    EXPECT_NE(toString(std::move(Store)).find("not below 2^32"),
              std::string::npos);

    // The largest valid offset lowers.
    Mem.Offset = UINT32_MAX;
    EXPECT_TRUE(bool(lowerLoad(FC, Opcode::I32Load, Mem, F->getArg(1))));
  }
}

} // namespace

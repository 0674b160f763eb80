//===- CallTest.cpp - Traps, re-entrant calls, stack exhaustion -----------===//
#include "TestModule.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include <pthread.h>

#include <algorithm>
#include <cstring>
#include <chrono>
#include <thread>

using namespace wasmaot::test;

namespace {

int32_t addOne(wa_instance *, int32_t X) { return X + 1; }
int32_t trapWith(wa_instance *, int32_t Code) {
  if (Code != 0)
    wa_trap((uint32_t)Code);
  return 0;
}
int32_t callImport(wa_instance *I, int32_t X) { return callFuncI32(I, 0, X); }

/// The deepest recursion reached by the functions below.
thread_local int32_t MaxDepth;

/// Recursion as compiled code does it: the prologue compares the stack
/// pointer with the instance's limit.
int32_t recurseChecked(wa_instance *I, int32_t Depth) {
  if ((uintptr_t)__builtin_frame_address(0) < I->stack_limit)
    wa_trap(WA_TRAP_CallStackExhausted);
  volatile char Frame[128];
  Frame[Depth % 128] = (char)Depth;
  MaxDepth = std::max(MaxDepth, Depth);
  if (Depth == INT32_MAX)
    return 0;
  return recurseChecked(I, Depth + 1) + Frame[Depth % 128];
}

/// Recursion without the check: only the guard page below the stack stops
/// it, and the fault handler must still report "call stack exhausted".
__attribute__((noinline)) int32_t recurseUnchecked(wa_instance *I,
                                                   int32_t Depth) {
  volatile char Frame[512];
  Frame[Depth % 512] = (char)Depth;
  MaxDepth = std::max(MaxDepth, Depth);
  if (Depth == INT32_MAX)
    return 0;
  return recurseUnchecked(I, Depth + 1) + Frame[Depth % 512];
}

class CallTest : public ::testing::Test {
protected:
  void TearDown() override { wa_store_free(Store); }

  wa_instance *instantiate(TestModule &T,
                           std::vector<wa_import_binding> Imports = {},
                           const wa_store_limits *Limits = nullptr) {
    if (Store == nullptr)
      Store = wa_store_new(Limits);
    wa_instance *I = nullptr;
    wa_error E{};
    EXPECT_TRUE(wa_instantiate(Store, T.get(), Imports.data(), Imports.size(),
                               &I, &E))
        << E.message;
    return I;
  }


  /// Host function Fn of type 0 ([i32] -> [i32]) in Store, as an import.
  wa_extern hostI32(TestModule &T, wa_host_fn Fn, void *Env) {
    wa_extern E{};
    E.kind = WA_EXTERN_FUNC;
    E.of.func = wa_host_function_new(
        Store, &T.get()->types[TestModule::TypeI32], Fn, Env, nullptr);
    return E;
  }

  /// A module that outlives the store (freed in TearDown).
  TestModule &module(uint8_t BoundsChecks = 0) {
    return *Modules.emplace_back(std::make_unique<TestModule>(BoundsChecks));
  }
  std::vector<std::unique_ptr<TestModule>> Modules;
  wa_store *Store = nullptr;
};

wa_result callI32(wa_instance *I, const char *Name, int32_t Arg,
                  int32_t *Out = nullptr) {
  wa_value V = i32Value(Arg), R{};
  wa_result Res = wa_call_export(I, Name, &V, 1, &R, 1);
  if (Out)
    *Out = R.i32;
  return Res;
}

TEST_F(CallTest, TrapsAreCapturedAndTheStoreStaysUsable) {
  TestModule &T = module();
  T.exportFunc("trap", T.addFunc(trapWith), entryI32<trapWith>);
  T.exportFunc("add_one", T.addFunc(addOne), entryI32<addOne>);
  wa_instance *I = instantiate(T);
  ASSERT_NE(I, nullptr);
#define WA_TRAP(Id, Code, Message)                                             \
  {                                                                            \
    wa_result R = callI32(I, "trap", Code);                                    \
    EXPECT_EQ(R.status, WA_TRAPPED);                                           \
    EXPECT_EQ(R.trap, (uint32_t)Code);                                         \
    EXPECT_STREQ(R.message, Message);                                          \
    EXPECT_STREQ(wa_trap_message(Code), Message);                              \
  }
#include "wasm-aot/traps.def"
  wa_result R = callI32(I, "trap", 999);
  EXPECT_EQ(R.trap, (uint32_t)WA_TRAP_HostError);
  int32_t Out = 0;
  EXPECT_EQ(callI32(I, "trap", 0).status, WA_OK);
  EXPECT_EQ(callI32(I, "add_one", 1, &Out).status, WA_OK);
  EXPECT_EQ(Out, 2);
  EXPECT_STREQ(wa_trap_message(0), "unknown trap");
}

/// A host function that traps with the code it is given.
uint32_t hostTrap(void *, wa_value *V) { return (uint32_t)V[0].i32; }

TEST_F(CallTest, HostFunctionTrapCodes) {
  TestModule &T = module();
  T.importFunc("env", "host", TestModule::TypeI32);
  T.exportFunc("call", T.addFunc(callImport), entryI32<callImport>);
  T.exportFunc("host", 0, nullptr);
  Store = wa_store_new(nullptr);
  wa_function *F = wa_host_function_new(
      Store, &T.get()->types[TestModule::TypeI32], hostTrap, nullptr, nullptr);
  wa_extern E{};
  E.kind = WA_EXTERN_FUNC;
  E.of.func = F;
  wa_instance *I = instantiate(T, {{"env", "host", E}});
  ASSERT_NE(I, nullptr);
  int32_t Out = -1;
  EXPECT_EQ(callI32(I, "call", 0, &Out).status, WA_OK);
  EXPECT_EQ(Out, 0);
  wa_result R = callI32(I, "call", WA_TRAP_IntegerOverflow);
  EXPECT_EQ(R.trap, (uint32_t)WA_TRAP_IntegerOverflow);
  EXPECT_STREQ(R.message, "integer overflow");
  EXPECT_EQ(callI32(I, "call", 1234).trap, (uint32_t)WA_TRAP_HostError);
  // Called directly, the host function traps the same way.
  EXPECT_EQ(callI32(I, "host", WA_TRAP_Unreachable).trap,
            (uint32_t)WA_TRAP_Unreachable);
}

/// Re-entrancy: the host function calls back into the instance.
struct Reentry {
  wa_instance *Instance = nullptr;
  int Calls = 0;
  wa_status InnerStatus = WA_OK;
  uint32_t InnerTrap = 0;
};

/// X > 0: call "ping" (which calls back here) with X - 1, then add 1.
/// X == 0: call "trap" with unreachable and return what happened.
uint32_t hostReenter(void *Env, wa_value *V) {
  auto *R = static_cast<Reentry *>(Env);
  ++R->Calls;
  int32_t X = V[0].i32;
  if (X == 0) {
    wa_result Inner = callI32(R->Instance, "trap", WA_TRAP_Unreachable);
    R->InnerStatus = Inner.status;
    R->InnerTrap = Inner.trap;
    V[0].i32 = 1000;
    return 0;
  }
  int32_t Out = 0;
  wa_result Inner = callI32(R->Instance, "ping", X - 1, &Out);
  if (Inner.status != WA_OK)
    return Inner.trap ? Inner.trap : (uint32_t)WA_TRAP_HostError;
  V[0].i32 = Out + 1;
  return 0;
}

TEST_F(CallTest, HostFunctionsCallBackIn) {
  TestModule &T = module();
  T.importFunc("env", "reenter", TestModule::TypeI32);
  T.exportFunc("ping", T.addFunc(callImport), entryI32<callImport>);
  T.exportFunc("trap", T.addFunc(trapWith), entryI32<trapWith>);
  Store = wa_store_new(nullptr);
  Reentry Env;
  Env.Instance =
      instantiate(T, {{"env", "reenter", hostI32(T, hostReenter, &Env)}});
  ASSERT_NE(Env.Instance, nullptr);
  int32_t Out = 0;
  ASSERT_EQ(callI32(Env.Instance, "ping", 50, &Out).status, WA_OK);
  EXPECT_EQ(Out, 1050);
  EXPECT_EQ(Env.Calls, 51);
  // The innermost call trapped; only it saw the trap.
  EXPECT_EQ(Env.InnerStatus, WA_TRAPPED);
  EXPECT_EQ(Env.InnerTrap, (uint32_t)WA_TRAP_Unreachable);
  // And the store is still usable.
  ASSERT_EQ(callI32(Env.Instance, "ping", 0, &Out).status, WA_OK);
  EXPECT_EQ(Out, 1000);
}

/// A host function whose own frame takes the stack pointer below the
/// store's limit before it calls "leaf" back.
struct DeepReentry {
  wa_instance *Instance = nullptr;
  wa_result Inner{};
  int32_t Out = 0;
};

uint32_t hostReenterDeep(void *Env, wa_value *V) {
  auto *R = static_cast<DeepReentry *>(Env);
  char Ballast[256 * 1024];
  // The array escapes, so its whole frame stays.
  asm volatile("" : : "r"(Ballast) : "memory");
  R->Inner = callI32(R->Instance, "leaf", V[0].i32, &R->Out);
  asm volatile("" : : "r"(Ballast) : "memory");
  V[0].i32 = 0;
  return 0;
}

// A leaf that calls nothing has no stack check of its own
// (compiler/lower/UncheckedLeaves.h), so a nested call entered below the
// limit must trap before it runs, as a checked function's prologue would.
TEST_F(CallTest, ANestedCallBelowTheLimitTraps) {
  wa_store_limits Small;
  wa_store_limits_default(&Small);
  Small.stack_budget = 128 * 1024;
  TestModule &T = module();
  T.importFunc("env", "deep", TestModule::TypeI32);
  T.exportFunc("callhost", T.addFunc(callImport), entryI32<callImport>);
  T.exportFunc("leaf", T.addFunc(addOne), entryI32<addOne>);
  Store = wa_store_new(&Small);
  DeepReentry Env;
  Env.Instance =
      instantiate(T, {{"env", "deep", hostI32(T, hostReenterDeep, &Env)}});
  ASSERT_NE(Env.Instance, nullptr);
  // Called directly, the leaf runs.
  int32_t Out = 0;
  ASSERT_EQ(callI32(Env.Instance, "leaf", 1, &Out).status, WA_OK);
  EXPECT_EQ(Out, 2);
  // From below the limit it does not.
  ASSERT_EQ(callI32(Env.Instance, "callhost", 1).status, WA_OK);
  EXPECT_EQ(Env.Inner.status, WA_TRAPPED);
  EXPECT_EQ(Env.Inner.trap, (uint32_t)WA_TRAP_CallStackExhausted);
}

/// Frees the store from inside a call: deferred to the outermost return.
uint32_t hostFreeStore(void *Env, wa_value *V) {
  wa_store_free(static_cast<wa_store *>(Env));
  V[0].i32 = 7;
  return 0;
}

TEST(StoreFreeTest, FreeDuringACallIsDeferred) {
  TestModule T;
  T.importFunc("env", "free", TestModule::TypeI32);
  T.exportFunc("call", T.addFunc(callImport), entryI32<callImport>);
  wa_store *S = wa_store_new(nullptr);
  wa_function *F = wa_host_function_new(
      S, &T.get()->types[TestModule::TypeI32], hostFreeStore, S, nullptr);
  wa_extern E{};
  E.kind = WA_EXTERN_FUNC;
  E.of.func = F;
  wa_import_binding B{"env", "free", E};
  wa_instance *I = nullptr;
  ASSERT_TRUE(wa_instantiate(S, T.get(), &B, 1, &I, nullptr));
  int32_t Out = 0;
  EXPECT_EQ(callI32(I, "call", 0, &Out).status, WA_OK);
  EXPECT_EQ(Out, 7);
}

class StackTest : public CallTest,
                  public ::testing::WithParamInterface<uint8_t> {};

TEST_P(StackTest, DeepRecursionTrapsCleanly) {
  wa_store_limits Small;
  wa_store_limits_default(&Small);
  Small.stack_budget = 64 * 1024;
  TestModule &T = module(GetParam());
  T.addMemory(limits(1));
  T.exportFunc("recurse", T.addFunc(recurseChecked), entryI32<recurseChecked>);
  wa_instance *I = instantiate(T, {}, &Small);
  ASSERT_NE(I, nullptr);
  MaxDepth = 0;
  wa_result R = callI32(I, "recurse", 0);
  EXPECT_EQ(R.status, WA_TRAPPED);
  EXPECT_STREQ(R.message, "call stack exhausted");
  int32_t SmallDepth = MaxDepth;
  EXPECT_GT(SmallDepth, 10);

  // A larger budget from the next outermost call on goes deeper.
  wa_store_limits Large = Small;
  Large.stack_budget = 1024 * 1024;
  ASSERT_TRUE(wa_store_set_limits(Store, &Large));
  for (int K = 0; K < 3; ++K) {
    MaxDepth = 0;
    EXPECT_EQ(callI32(I, "recurse", 0).trap,
              (uint32_t)WA_TRAP_CallStackExhausted);
    EXPECT_GT(MaxDepth, SmallDepth * 8);
  }
}

INSTANTIATE_TEST_SUITE_P(BothModes, StackTest, ::testing::Values(0, 1),
                         [](const ::testing::TestParamInfo<uint8_t> &P) {
                           return P.param ? "Explicit" : "Guard";
                         });

/// Runs Body on a thread with a stack of StackSize bytes.
template <typename F> void onThread(size_t StackSize, F Body) {
  pthread_attr_t Attr;
  ASSERT_EQ(pthread_attr_init(&Attr), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&Attr, StackSize), 0);
  pthread_t Thread;
  auto Run = [](void *P) -> void * {
    (*static_cast<F *>(P))();
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&Thread, &Attr, Run, &Body), 0);
  pthread_join(Thread, nullptr);
  pthread_attr_destroy(&Attr);
}

TEST_F(CallTest, BudgetLargerThanTheThreadsStackIsClamped) {
  wa_store_limits Huge;
  wa_store_limits_default(&Huge);
  Huge.stack_budget = size_t(1) << 30;
  TestModule &T = module();
  T.exportFunc("recurse", T.addFunc(recurseChecked), entryI32<recurseChecked>);
  wa_instance *I = instantiate(T, {}, &Huge);
  ASSERT_NE(I, nullptr);
  wa_result R{};
  onThread(512 * 1024, [&] { R = callI32(I, "recurse", 0); });
  EXPECT_EQ(R.status, WA_TRAPPED);
  EXPECT_EQ(R.trap, (uint32_t)WA_TRAP_CallStackExhausted);
}

TEST_F(CallTest, StackGuardFaultIsCallStackExhausted) {
  wa_store_limits Huge;
  wa_store_limits_default(&Huge);
  Huge.stack_budget = size_t(1) << 30;
  TestModule &T = module();
  T.exportFunc("recurse", T.addFunc(recurseUnchecked),
               entryI32<recurseUnchecked>);
  wa_instance *I = instantiate(T, {}, &Huge);
  ASSERT_NE(I, nullptr);
  for (int K = 0; K < 3; ++K) {
    wa_result R{};
    int32_t Depth = 0;
    onThread(1024 * 1024, [&] {
      MaxDepth = 0;
      R = callI32(I, "recurse", 0);
      Depth = MaxDepth;
    });
    EXPECT_EQ(R.status, WA_TRAPPED);
    EXPECT_STREQ(R.message, "call stack exhausted");
    EXPECT_GT(Depth, 100);
  }
}

TEST(ThreadsTest, StoresOnSeveralThreads) {
  TestModule T;
  T.addMemory(limits(1));
  T.exportFunc("trap", T.addFunc(trapWith), entryI32<trapWith>);
  T.exportFunc("recurse", T.addFunc(recurseChecked), entryI32<recurseChecked>);
  const wa_module *M = T.get();
  std::vector<std::thread> Threads;
  std::atomic<int> Failures{0};
  for (int K = 0; K < 4; ++K)
    Threads.emplace_back([&] {
      wa_store *S = wa_store_new(nullptr);
      wa_instance *I = nullptr;
      if (!wa_instantiate(S, M, nullptr, 0, &I, nullptr))
        ++Failures;
      for (int N = 0; N < 50 && I; ++N) {
        if (callI32(I, "trap", WA_TRAP_Unreachable).trap != WA_TRAP_Unreachable)
          ++Failures;
        if (callI32(I, "recurse", 0).trap != WA_TRAP_CallStackExhausted)
          ++Failures;
      }
      wa_store_free(S);
    });
  for (std::thread &Th : Threads)
    Th.join();
  EXPECT_EQ(Failures.load(), 0);
}

TEST(ThreadsTest, AStoreIsUsedByOneThreadAtATime) {
  TestModule T;
  T.importFunc("env", "host", TestModule::TypeI32);
  T.exportFunc("call", T.addFunc(callImport), entryI32<callImport>);
  T.exportFunc("add_one", T.addFunc(addOne), entryI32<addOne>);
  wa_store *S = wa_store_new(nullptr);
  struct Env {
    wa_instance *I;
    wa_status Other;
  } State{nullptr, WA_OK};
  auto Host = [](void *P, wa_value *) -> uint32_t {
    auto *St = static_cast<Env *>(P);
    std::thread([St] { St->Other = callI32(St->I, "add_one", 1).status; })
        .join();
    return 0;
  };
  wa_function *F = wa_host_function_new(
      S, &T.get()->types[TestModule::TypeI32], Host, &State, nullptr);
  wa_extern E{};
  E.kind = WA_EXTERN_FUNC;
  E.of.func = F;
  wa_import_binding B{"env", "host", E};
  ASSERT_TRUE(wa_instantiate(S, T.get(), &B, 1, &State.I, nullptr));
  EXPECT_EQ(callI32(State.I, "call", 0).status, WA_OK);
  EXPECT_EQ(State.Other, WA_FAILED); // busy on this thread
  EXPECT_EQ(callI32(State.I, "add_one", 0).status, WA_OK);
  wa_store_free(S);
}

} // namespace

// ---- Fuel and interrupts ------------------------------------------------
// The "compiled" functions below do what code built with --meter-fuel and
// --interruptible does at a checkpoint (compiler/lower/LowerChecks.h).

/// Spends X units; traps as a checkpoint does once the fuel is below zero.
int32_t spendFuel(wa_instance *I, int32_t X) {
  *I->fuel -= X;
  if (*I->fuel < 0)
    wa_trap_at(WA_TRAP_FuelExhausted, 0, 0);
  return 0;
}

/// Loops until the store is interrupted (or X iterations pass).
int32_t spinUntilInterrupted(wa_instance *I, int32_t X) {
  for (int32_t N = 0; X == 0 || N < X; ++N)
    if (__atomic_load_n(I->interrupt, __ATOMIC_RELAXED) != 0)
      wa_trap_at(WA_TRAP_Interrupted, 0, 0);
  return X;
}

TEST_F(CallTest, FuelIsTheStoresSharedByItsInstancesAndSaturates) {
  TestModule &T = module();
  T.exportFunc("spend", T.addFunc(spendFuel), entryI32<spendFuel>);
  wa_instance *A = instantiate(T);
  wa_instance *B = instantiate(T);
  ASSERT_NE(A, nullptr);
  ASSERT_NE(B, nullptr);
  EXPECT_EQ(A->fuel, B->fuel);
  EXPECT_EQ(wa_store_fuel(Store), uint64_t(INT64_MAX)); // unlimited
  ASSERT_TRUE(wa_store_set_fuel(Store, 100));
  EXPECT_EQ(callI32(A, "spend", 60).status, WA_OK);
  EXPECT_EQ(wa_store_fuel(Store), 40u);
  wa_result R = callI32(B, "spend", 50);
  EXPECT_EQ(R.status, WA_TRAPPED);
  EXPECT_EQ(R.trap, uint32_t(WA_TRAP_FuelExhausted));
  EXPECT_STREQ(R.message, "fuel exhausted");
  EXPECT_EQ(wa_store_fuel(Store), 0u); // 10 below zero reads as none
  ASSERT_TRUE(wa_store_add_fuel(Store, 30));
  EXPECT_EQ(wa_store_fuel(Store), 20u); // the overdraft is paid first
  EXPECT_EQ(callI32(A, "spend", 20).status, WA_OK);
  ASSERT_TRUE(wa_store_add_fuel(Store, UINT64_MAX));
  EXPECT_EQ(wa_store_fuel(Store), uint64_t(INT64_MAX));
  ASSERT_TRUE(wa_store_set_fuel(Store, UINT64_MAX));
  EXPECT_EQ(wa_store_fuel(Store), uint64_t(INT64_MAX));
  EXPECT_FALSE(wa_store_set_fuel(nullptr, 1));
  EXPECT_EQ(wa_store_fuel(nullptr), 0u);
}

TEST_F(CallTest, AnotherThreadInterruptsARunningCallOnce) {
  TestModule &T = module();
  T.exportFunc("spin", T.addFunc(spinUntilInterrupted),
               entryI32<spinUntilInterrupted>);
  wa_instance *I = instantiate(T);
  ASSERT_NE(I, nullptr);
  std::thread Stopper([this] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    wa_store_interrupt(Store);
  });
  wa_result R = callI32(I, "spin", 0);
  Stopper.join();
  EXPECT_EQ(R.status, WA_TRAPPED);
  EXPECT_EQ(R.trap, uint32_t(WA_TRAP_Interrupted));
  EXPECT_STREQ(R.message, "interrupted");
  // Spent: the next call runs to its end.
  int32_t Out = 0;
  EXPECT_EQ(callI32(I, "spin", 1000, &Out).status, WA_OK);
  EXPECT_EQ(Out, 1000);
  // Made while nothing runs, it stops the next call.
  wa_store_interrupt(Store);
  EXPECT_EQ(callI32(I, "spin", 1000).trap, uint32_t(WA_TRAP_Interrupted));
  EXPECT_EQ(callI32(I, "spin", 1000).status, WA_OK);
}

//===- MemoryTest.cpp - Linear memories: modes, growth, bulk operations ---===//
#include "TestModule.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include <cstring>

using namespace wasmaot::test;

namespace {

int32_t grow(wa_instance *I, int32_t Delta) {
  return wa_memory_grow(I, 0, (uint32_t)Delta);
}

/// Loads and stores as guard-mode code does: no check at all.
int32_t load32(wa_instance *I, int32_t Address) {
  int32_t V;
  std::memcpy(&V, I->memory0->base + (uint32_t)Address, sizeof V);
  return V;
}
int32_t store8(wa_instance *I, int32_t Address) {
  I->memory0->base[(uint32_t)Address] = 0x77;
  return 0;
}
/// A load with a static offset of 0xFFFFFFFF, the largest there is.
int32_t loadFarOffset(wa_instance *I, int32_t Address) {
  int64_t V;
  std::memcpy(&V, I->memory0->base + (uint64_t)(uint32_t)Address + 0xFFFFFFFFu,
              sizeof V);
  return (int32_t)V;
}
/// As explicit-mode code does: compare the end with the size, then load.
int32_t load32Checked(wa_instance *I, int32_t Address) {
  if ((uint64_t)(uint32_t)Address + 4 > I->memory0->size)
    wa_trap(WA_TRAP_OutOfBoundsMemoryAccess);
  return load32(I, Address);
}

// Bulk operations with the argument as the destination.
int32_t fill3(wa_instance *I, int32_t Dst) {
  wa_memory_fill(I, 0, (uint32_t)Dst, 0x1FF, 3, WA_NO_SITE, 0); // wraps to 0xFF
  return 0;
}
int32_t copyFrom0(wa_instance *I, int32_t Dst) {
  wa_memory_copy(I, 0, 0, (uint32_t)Dst, 0, 4, WA_NO_SITE, 0);
  return 0;
}
int32_t initSeg0(wa_instance *I, int32_t Dst) {
  wa_memory_init(I, 0, 0, (uint32_t)Dst, 1, 3, WA_NO_SITE, 0);
  return 0;
}
int32_t initEmpty(wa_instance *I, int32_t Dst) {
  wa_memory_init(I, 0, 0, (uint32_t)Dst, 0, 0, WA_NO_SITE, 0);
  return 0;
}
int32_t dropSeg0(wa_instance *I, int32_t) {
  wa_data_drop(I, 0);
  return 0;
}

class MemoryFixture : public ::testing::Test {
protected:
  void TearDown() override { wa_store_free(Store); }

  wa_instance *instantiate(TestModule &T, const wa_store_limits *Limits =
                                              nullptr) {
    if (Store == nullptr)
      Store = wa_store_new(Limits);
    wa_instance *I = nullptr;
    wa_error E{};
    EXPECT_TRUE(wa_instantiate(Store, T.get(), nullptr, 0, &I, &E))
        << E.message;
    return I;
  }

  wa_result call(wa_instance *I, const char *Name, int32_t Arg,
                 int32_t *Out = nullptr) {
    wa_value V = i32Value(Arg), R{};
    wa_result Res = wa_call_export(I, Name, &V, 1, &R, 1);
    if (Out)
      *Out = R.i32;
    return Res;
  }
  int32_t value(wa_instance *I, const char *Name, int32_t Arg) {
    int32_t Out = -12345;
    EXPECT_EQ(call(I, Name, Arg, &Out).status, WA_OK) << Name << " " << Arg;
    return Out;
  }


  /// A module that outlives the store (freed in TearDown).
  TestModule &module(uint8_t BoundsChecks = 0) {
    return *Modules.emplace_back(std::make_unique<TestModule>(BoundsChecks));
  }
  std::vector<std::unique_ptr<TestModule>> Modules;
  wa_store *Store = nullptr;
};

/// Parameter: the module's bounds_checks byte (0 guard, 1 explicit).
class MemoryTest : public MemoryFixture,
                   public ::testing::WithParamInterface<uint8_t> {};

TEST_P(MemoryTest, GrowthStopsAtTheModulesMaximum) {
  TestModule &T = module(GetParam());
  T.addMemory(limits(1, 3));
  T.exportFunc("grow", T.addFunc(grow), entryI32<grow>);
  wa_instance *I = instantiate(T);
  ASSERT_NE(I, nullptr);
  EXPECT_EQ(value(I, "grow", 1), 1);
  EXPECT_EQ(value(I, "grow", 2), -1);
  EXPECT_EQ(value(I, "grow", 1), 2);
  EXPECT_EQ(value(I, "grow", 0), 3);
  EXPECT_EQ(value(I, "grow", 1), -1);
  EXPECT_EQ(value(I, "grow", -1), -1); // 2^32-1 pages
  EXPECT_EQ(I->memory0->size, 3u * WA_PAGE_SIZE);
  EXPECT_EQ(I->memory0->base[3 * WA_PAGE_SIZE - 1], 0); // zero-filled
  // Guard-mode code reads memory 0's base from the instance's copy, which
  // stays right because the memory never moves; explicit mode has none.
  if (GetParam() == 0)
    EXPECT_EQ(I->memory0_base, I->memory0->base);
  else
    EXPECT_EQ(I->memory0_base, nullptr);
}

TEST_P(MemoryTest, GrowthStopsAtTheStoreLimit) {
  wa_store_limits L;
  wa_store_limits_default(&L);
  L.max_memory_pages = 4;
  TestModule &T = module(GetParam());
  T.addMemory(limits(1));
  T.exportFunc("grow", T.addFunc(grow), entryI32<grow>);
  wa_instance *I = instantiate(T, &L);
  ASSERT_NE(I, nullptr);
  EXPECT_EQ(I->memory0->max_pages, 4u);
  EXPECT_EQ(value(I, "grow", 3), 1);
  EXPECT_EQ(value(I, "grow", 1), -1);

  TestModule &Big = module(GetParam());
  Big.addMemory(limits(5));
  wa_instance *Out = nullptr;
  wa_error E{};
  EXPECT_FALSE(wa_instantiate(Store, Big.get(), nullptr, 0, &Out, &E));
  EXPECT_EQ(E.kind, WA_ERROR_RESOURCE);
}

TEST_P(MemoryTest, BulkOperationsCheckBoundsBeforeWriting) {
  TestModule &T = module(GetParam());
  T.addMemory(limits(1));
  T.addData("\x01\x02\x03\x04", /*Active=*/false);
  T.exportFunc("fill", T.addFunc(fill3), entryI32<fill3>);
  T.exportFunc("copy", T.addFunc(copyFrom0), entryI32<copyFrom0>);
  T.exportFunc("init", T.addFunc(initSeg0), entryI32<initSeg0>);
  T.exportFunc("init0", T.addFunc(initEmpty), entryI32<initEmpty>);
  T.exportFunc("drop", T.addFunc(dropSeg0), entryI32<dropSeg0>);
  wa_instance *I = instantiate(T);
  ASSERT_NE(I, nullptr);
  uint8_t *Base = I->memory0->base;

  EXPECT_EQ(call(I, "init", 0).status, WA_OK);
  EXPECT_EQ(std::memcmp(Base, "\x02\x03\x04", 3), 0);
  EXPECT_EQ(call(I, "fill", 65533).status, WA_OK);
  EXPECT_EQ(Base[65535], 0xFF);
  wa_result R = call(I, "fill", 65534);
  EXPECT_EQ(R.status, WA_TRAPPED);
  EXPECT_STREQ(R.message, "out of bounds memory access");
  Base[65534] = 0;
  R = call(I, "fill", 65534);
  EXPECT_EQ(Base[65534], 0); // nothing written before the trap
  EXPECT_EQ(call(I, "copy", 8).status, WA_OK);
  EXPECT_EQ(std::memcmp(Base + 8, "\x02\x03\x04\x00", 4), 0);
  EXPECT_EQ(call(I, "copy", 65533).trap,
            (uint32_t)WA_TRAP_OutOfBoundsMemoryAccess);
  EXPECT_EQ(call(I, "copy", 1).status, WA_OK); // overlapping: memmove
  EXPECT_EQ(std::memcmp(Base, "\x02\x02\x03\x04", 4), 0);
  EXPECT_EQ(call(I, "init", 65534).trap,
            (uint32_t)WA_TRAP_OutOfBoundsMemoryAccess);
  EXPECT_EQ(call(I, "init0", 65536).status, WA_OK); // n = 0 at the end
  EXPECT_EQ(call(I, "init0", 65537).status, WA_TRAPPED);
  EXPECT_EQ(call(I, "drop", 0).status, WA_OK);
  EXPECT_EQ(call(I, "init", 0).status, WA_TRAPPED); // dropped: length 0
  EXPECT_EQ(call(I, "init0", 0).status, WA_OK);
}

TEST_P(MemoryTest, HostMemoryApi) {
  Store = wa_store_new(nullptr);
  wa_memory_mode Mode = (wa_memory_mode)GetParam();
  wa_limits L = limits(1, 3);
  wa_memory *M = wa_memory_new(Store, &L, Mode, nullptr);
  ASSERT_NE(M, nullptr);
  EXPECT_EQ(wa_memory_get_mode(M), Mode);
  EXPECT_EQ(wa_memory_pages(M), 1u);
  ASSERT_TRUE(wa_memory_write(M, 65532, "abcd", 4));
  EXPECT_FALSE(wa_memory_write(M, 65533, "abcd", 4));
  EXPECT_FALSE(wa_memory_write(M, UINT64_MAX, "a", 1));
  EXPECT_EQ(wa_memory_grow_pages(M, 2), 1);
  EXPECT_EQ(wa_memory_grow_pages(M, 1), -1);
  char Out[4];
  ASSERT_TRUE(wa_memory_read(M, 65532, Out, 4));
  EXPECT_EQ(std::memcmp(Out, "abcd", 4), 0);
  ASSERT_TRUE(wa_memory_read(M, 3 * 65536 - 4, Out, 4));
  EXPECT_EQ(std::memcmp(Out, "\0\0\0\0", 4), 0);
  EXPECT_TRUE(wa_memory_read(M, 3 * 65536, Out, 0));
  EXPECT_FALSE(wa_memory_read(M, 3 * 65536, Out, 1));

  wa_limits Bad = limits(2, 1);
  wa_error E{};
  EXPECT_EQ(wa_memory_new(Store, &Bad, Mode, &E), nullptr);
  EXPECT_EQ(E.kind, WA_ERROR_MISUSE);
}

INSTANTIATE_TEST_SUITE_P(BothModes, MemoryTest, ::testing::Values(0, 1),
                         [](const ::testing::TestParamInfo<uint8_t> &P) {
                           return P.param ? "Explicit" : "Guard";
                         });

TEST(GuardMemoryTest, ReservationAndBaseNeverMoves) {
  wa_store *S = wa_store_new(nullptr);
  wa_limits L = limits(0);
  wa_memory *M = wa_memory_new(S, &L, WA_MEMORY_GUARD, nullptr);
  ASSERT_NE(M, nullptr);
  EXPECT_GE(M->reserved, WA_GUARD_RESERVATION);
  uint8_t *Base = wa_memory_data(M);
  for (int K = 0; K < 10; ++K)
    ASSERT_EQ(wa_memory_grow_pages(M, 100), K * 100);
  EXPECT_EQ(wa_memory_data(M), Base);
  EXPECT_EQ(wa_memory_size(M), 1000u * WA_PAGE_SIZE);
  wa_store_free(S);
}

using GuardFaultTest = MemoryFixture;

TEST_F(GuardFaultTest, FaultsBecomeOutOfBoundsTraps) {
  TestModule &T = module(0);
  T.addMemory(limits(1, 2));
  T.exportFunc("load", T.addFunc(load32), entryI32<load32>);
  T.exportFunc("store", T.addFunc(store8), entryI32<store8>);
  T.exportFunc("far", T.addFunc(loadFarOffset), entryI32<loadFarOffset>);
  T.exportFunc("grow", T.addFunc(grow), entryI32<grow>);
  wa_instance *I = instantiate(T);
  ASSERT_NE(I, nullptr);
  EXPECT_EQ(value(I, "load", 65532), 0);
  for (int K = 0; K < 100; ++K) { // the process survives, again and again
    wa_result R = call(I, "load", 65533); // straddles the end
    ASSERT_EQ(R.status, WA_TRAPPED);
    ASSERT_EQ(R.trap, (uint32_t)WA_TRAP_OutOfBoundsMemoryAccess);
  }
  EXPECT_STREQ(call(I, "store", 65536).message, "out of bounds memory access");
  EXPECT_EQ(call(I, "load", -1).trap, (uint32_t)WA_TRAP_OutOfBoundsMemoryAccess);
  EXPECT_EQ(call(I, "far", -1).trap, (uint32_t)WA_TRAP_OutOfBoundsMemoryAccess);
  EXPECT_EQ(call(I, "far", 0).trap, (uint32_t)WA_TRAP_OutOfBoundsMemoryAccess);
  EXPECT_EQ(value(I, "grow", 1), 1);
  EXPECT_EQ(value(I, "store", 65536), 0);
  EXPECT_EQ(value(I, "load", 65536), 0x77);
  EXPECT_EQ(call(I, "load", 2 * 65536).status, WA_TRAPPED);
}

TEST_F(GuardFaultTest, ExplicitChecksTrapToo) {
  TestModule &T = module(1);
  T.addMemory(limits(1));
  T.exportFunc("load", T.addFunc(load32Checked), entryI32<load32Checked>);
  wa_instance *I = instantiate(T);
  ASSERT_NE(I, nullptr);
  EXPECT_EQ(wa_memory_get_mode(I->memory0), WA_MEMORY_EXPLICIT);
  EXPECT_EQ(value(I, "load", 65532), 0);
  EXPECT_EQ(call(I, "load", 65533).trap,
            (uint32_t)WA_TRAP_OutOfBoundsMemoryAccess);
}

TEST(GuardMemoryDeathTest, FaultOutsideAnyCallStillCrashes) {
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
  GTEST_SKIP() << "AddressSanitizer reports the fault and exits instead";
#endif
#endif
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  wa_store *S = wa_store_new(nullptr);
  wa_limits L = limits(1);
  wa_memory *M = wa_memory_new(S, &L, WA_MEMORY_GUARD, nullptr);
  ASSERT_NE(M, nullptr);
  volatile uint8_t *Beyond = wa_memory_data(M) + 2 * WA_PAGE_SIZE;
  // The handler is installed but no call is running: the default action.
  EXPECT_EXIT(*Beyond = 1, ::testing::KilledBySignal(SIGSEGV), "");
  wa_store_free(S);
}

} // namespace

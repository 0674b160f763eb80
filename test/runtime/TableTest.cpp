//===- TableTest.cpp - Tables: growth, bulk operations, host API ----------===//
#include "TestModule.h"

#include <gtest/gtest.h>

using namespace wasmaot::test;

namespace {

int32_t addOne(wa_instance *, int32_t X) { return X + 1; }

int32_t grow(wa_instance *I, int32_t Delta) {
  return wa_table_grow(I, 0, &I->funcs[0], (uint32_t)Delta);
}
int32_t size(wa_instance *I, int32_t) { return (int32_t)I->tables[0]->size; }
/// 1 if element X is function 0's record, 0 if null, 2 otherwise.
int32_t probe(wa_instance *I, int32_t X) {
  void *E = I->tables[0]->elements[X];
  return E == nullptr ? 0 : E == &I->funcs[0] ? 1 : 2;
}
int32_t fillNull2(wa_instance *I, int32_t Dst) {
  wa_table_fill(I, 0, (uint32_t)Dst, nullptr, 2, WA_NO_SITE, 0);
  return 0;
}
int32_t copy3From0(wa_instance *I, int32_t Dst) {
  wa_table_copy(I, 0, 0, (uint32_t)Dst, 0, 3, WA_NO_SITE, 0);
  return 0;
}
int32_t initSeg0(wa_instance *I, int32_t Dst) {
  wa_table_init(I, 0, 0, (uint32_t)Dst, 0, 2, WA_NO_SITE, 0);
  return 0;
}
int32_t dropSeg0(wa_instance *I, int32_t) {
  wa_elem_drop(I, 0);
  return 0;
}

class TableTest : public ::testing::Test {
protected:
  void TearDown() override { wa_store_free(Store); }

  wa_instance *instantiate(uint64_t Min, uint64_t Max,
                           const wa_store_limits *Limits = nullptr) {
    Store = wa_store_new(Limits);
    Module.addTable(WA_FUNCREF, limits(Min, Max));
    uint32_t F = Module.addFunc(addOne);
    Module.addElem(1, {F, -1}); // passive: [f, null]
    Module.exportFunc("grow", Module.addFunc(grow), entryI32<grow>);
    Module.exportFunc("size", Module.addFunc(size), entryI32<size>);
    Module.exportFunc("probe", Module.addFunc(probe), entryI32<probe>);
    Module.exportFunc("fill", Module.addFunc(fillNull2), entryI32<fillNull2>);
    Module.exportFunc("copy", Module.addFunc(copy3From0),
                      entryI32<copy3From0>);
    Module.exportFunc("init", Module.addFunc(initSeg0), entryI32<initSeg0>);
    Module.exportFunc("drop", Module.addFunc(dropSeg0), entryI32<dropSeg0>);
    wa_instance *I = nullptr;
    wa_error E{};
    EXPECT_TRUE(wa_instantiate(Store, Module.get(), nullptr, 0, &I, &E))
        << E.message;
    return I;
  }

  wa_result call(const char *Name, int32_t Arg, int32_t *Out = nullptr) {
    wa_value V = i32Value(Arg), R{};
    wa_result Res = wa_call_export(Instance, Name, &V, 1, &R, 1);
    if (Out)
      *Out = R.i32;
    return Res;
  }
  int32_t value(const char *Name, int32_t Arg) {
    int32_t Out = -12345;
    EXPECT_EQ(call(Name, Arg, &Out).status, WA_OK) << Name << " " << Arg;
    return Out;
  }

  TestModule Module;
  wa_store *Store = nullptr;
  wa_instance *Instance = nullptr;
};

TEST_F(TableTest, GrowthStopsAtTheMaximum) {
  Instance = instantiate(1, 4);
  ASSERT_NE(Instance, nullptr);
  EXPECT_EQ(value("grow", 2), 1);
  EXPECT_EQ(value("size", 0), 3);
  EXPECT_EQ(value("probe", 2), 1); // the init value
  EXPECT_EQ(value("grow", 2), -1);
  EXPECT_EQ(value("grow", 1), 3);
  EXPECT_EQ(value("grow", 0), 4);
  EXPECT_EQ(value("grow", -1), -1);
}

TEST_F(TableTest, GrowthStopsAtTheStoreLimit) {
  wa_store_limits L;
  wa_store_limits_default(&L);
  L.max_table_elements = 10;
  Instance = instantiate(2, 1000, &L);
  ASSERT_NE(Instance, nullptr);
  EXPECT_EQ(Instance->tables[0]->max, 10u);
  EXPECT_EQ(value("grow", 8), 2);
  EXPECT_EQ(value("grow", 1), -1);
}

TEST_F(TableTest, BulkOperations) {
  Instance = instantiate(5, 10);
  ASSERT_NE(Instance, nullptr);
  EXPECT_EQ(value("init", 1), 0); // [null, f, null, null, null]
  EXPECT_EQ(value("probe", 1), 1);
  EXPECT_EQ(value("probe", 2), 0);
  EXPECT_EQ(value("init", 3), 0); // [null, f, null, f, null]
  wa_result R = call("init", 4);  // one past the end
  EXPECT_EQ(R.status, WA_TRAPPED);
  EXPECT_STREQ(R.message, "out of bounds table access");
  EXPECT_EQ(value("probe", 4), 0); // nothing written

  EXPECT_EQ(value("copy", 2), 0); // overlapping: [null, f, null, f, null]
  EXPECT_EQ(value("probe", 3), 1);
  EXPECT_EQ(value("probe", 4), 0);
  EXPECT_EQ(call("copy", 3).trap, (uint32_t)WA_TRAP_OutOfBoundsTableAccess);

  EXPECT_EQ(value("fill", 2), 0);
  EXPECT_EQ(value("probe", 3), 0);
  EXPECT_EQ(call("fill", 4).trap, (uint32_t)WA_TRAP_OutOfBoundsTableAccess);
  EXPECT_EQ(value("probe", 1), 1);

  EXPECT_EQ(value("drop", 0), 0);
  EXPECT_EQ(call("init", 0).trap, (uint32_t)WA_TRAP_OutOfBoundsTableAccess);
}

TEST(TableApiTest, HostTables) {
  wa_store *S = wa_store_new(nullptr);
  int Marker;
  wa_limits L = limits(2, 3);
  wa_table *T = wa_table_new(S, WA_EXTERNREF, &L, &Marker, nullptr);
  ASSERT_NE(T, nullptr);
  EXPECT_EQ(wa_table_size(T), 2u);
  void *Ref = nullptr;
  ASSERT_TRUE(wa_table_get(T, 1, &Ref));
  EXPECT_EQ(Ref, &Marker);
  EXPECT_FALSE(wa_table_get(T, 2, &Ref));
  EXPECT_TRUE(wa_table_set(T, 0, nullptr));
  EXPECT_FALSE(wa_table_set(T, 2, nullptr));
  EXPECT_EQ(wa_table_grow_elements(T, 1, nullptr), 2);
  EXPECT_EQ(wa_table_grow_elements(T, 1, nullptr), -1);
  wa_error E{};
  EXPECT_EQ(wa_table_new(S, WA_I32, &L, nullptr, &E), nullptr);
  EXPECT_EQ(E.kind, WA_ERROR_MISUSE);
  wa_store_free(S);
}

} // namespace

//===- InstantiateTest.cpp - Linking, segments, start, many instances -----===//
#include "TestModule.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include <cstring>
#include <string>

using namespace wasmaot::test;

namespace {

int32_t addOne(wa_instance *, int32_t X) { return X + 1; }
int32_t timesTwo(wa_instance *, int32_t X) { return X * 2; }
void nothing(wa_instance *) {}

/// Calls function import 0.
int32_t callImport(wa_instance *I, int32_t X) { return callFuncI32(I, 0, X); }

/// Reads global 0 as an i32.
int32_t readGlobal0(wa_instance *I, int32_t) { return I->globals[0]->i32; }

/// call_indirect (type 0) through table 0 with the argument 21, as the
/// lowering emits it: bounds, null, then the canonical type id.
int32_t callIndirect(wa_instance *I, int32_t Index) {
  wa_table *T = I->tables[0];
  if ((uint32_t)Index >= T->size)
    wa_trap(WA_TRAP_UndefinedElement);
  auto *F = static_cast<wa_func *>(T->elements[Index]);
  if (F == nullptr)
    wa_trap(WA_TRAP_UninitializedElement);
  if (F->type_id != I->type_ids[TestModule::TypeI32])
    wa_trap(WA_TRAP_IndirectCallTypeMismatch);
  return reinterpret_cast<NativeI32>(F->code)(F->instance, 21);
}

/// Reads an i32 from memory 0 (guard mode: no check).
int32_t load32(wa_instance *I, int32_t Address) {
  int32_t V;
  std::memcpy(&V, I->memory0->base + (uint32_t)Address, sizeof V);
  return V;
}

void startWritesMemory(wa_instance *I) { I->memory0->base[100] = 0x5A; }
void startTraps(wa_instance *) { wa_trap(WA_TRAP_Unreachable); }

bool startsWith(const char *S, const char *Prefix) {
  return std::strncmp(S, Prefix, std::strlen(Prefix)) == 0;
}

class InstantiateTest : public ::testing::Test {
protected:
  void SetUp() override {
    Store = wa_store_new(nullptr);
    ASSERT_NE(Store, nullptr);
  }
  void TearDown() override { wa_store_free(Store); }

  wa_instance *instantiate(TestModule &T,
                           std::vector<wa_import_binding> Imports = {}) {
    wa_instance *I = nullptr;
    Error = {};
    EXPECT_TRUE(wa_instantiate(Store, T.get(), Imports.data(), Imports.size(),
                               &I, &Error))
        << Error.message;
    return I;
  }

  /// Instantiation that must fail; returns the error.
  wa_error failure(TestModule &T, std::vector<wa_import_binding> Imports = {}) {
    wa_instance *I = reinterpret_cast<wa_instance *>(1);
    wa_error E{};
    EXPECT_FALSE(
        wa_instantiate(Store, T.get(), Imports.data(), Imports.size(), &I, &E));
    EXPECT_EQ(I, nullptr);
    return E;
  }


  /// A module that outlives the store (freed in TearDown).
  TestModule &module(uint8_t BoundsChecks = 0) {
    return *Modules.emplace_back(std::make_unique<TestModule>(BoundsChecks));
  }
  std::vector<std::unique_ptr<TestModule>> Modules;
  wa_store *Store = nullptr;
  wa_error Error{};
};

wa_import_binding bind(const char *Name, wa_extern Value) {
  return wa_import_binding{"env", Name, Value};
}
wa_extern funcExtern(wa_function *F) {
  wa_extern E{};
  E.kind = WA_EXTERN_FUNC;
  E.of.func = F;
  return E;
}
wa_extern memoryExtern(wa_memory *M) {
  wa_extern E{};
  E.kind = WA_EXTERN_MEMORY;
  E.of.memory = M;
  return E;
}
wa_extern tableExtern(wa_table *T) {
  wa_extern E{};
  E.kind = WA_EXTERN_TABLE;
  E.of.table = T;
  return E;
}
wa_extern globalExtern(wa_global *G) {
  wa_extern E{};
  E.kind = WA_EXTERN_GLOBAL;
  E.of.global = G;
  return E;
}

uint32_t doubleIt(void *, wa_value *V) {
  V[0].i32 *= 2;
  return 0;
}

TEST_F(InstantiateTest, CallsAnExportThroughItsEntryWrapper) {
  TestModule &T = module();
  T.exportFunc("add_one", T.addFunc(addOne), entryI32<addOne>);
  wa_instance *I = instantiate(T);
  ASSERT_NE(I, nullptr);
  wa_value Arg = i32Value(41), Res{};
  wa_result R = wa_call_export(I, "add_one", &Arg, 1, &Res, 1);
  ASSERT_EQ(R.status, WA_OK);
  EXPECT_EQ(Res.i32, 42);
  EXPECT_EQ(wa_call_export(I, "add_one", &Arg, 0, &Res, 1).status, WA_FAILED);
  EXPECT_EQ(wa_call_export(I, "add_one", &Arg, 1, &Res, 0).status, WA_FAILED);
  EXPECT_EQ(wa_call_export(I, "missing", &Arg, 1, &Res, 1).status, WA_FAILED);
  EXPECT_EQ(wa_instance_export_count(I), 1u);
  EXPECT_EQ(wa_instance_store(I), Store);
}

TEST_F(InstantiateTest, UnknownImport) {
  TestModule &T = module();
  T.importFunc("env", "f", TestModule::TypeI32);
  wa_error E = failure(T);
  EXPECT_EQ(E.kind, WA_ERROR_LINK);
  EXPECT_TRUE(startsWith(E.message, "unknown import")) << E.message;
}

TEST_F(InstantiateTest, ImportOfTheWrongKind) {
  TestModule &T = module();
  T.importFunc("env", "f", TestModule::TypeI32);
  wa_limits L = limits(1);
  wa_memory *M = wa_memory_new(Store, &L, WA_MEMORY_GUARD, nullptr);
  ASSERT_NE(M, nullptr);
  wa_error E = failure(T, {bind("f", memoryExtern(M))});
  EXPECT_EQ(E.kind, WA_ERROR_LINK);
  EXPECT_TRUE(startsWith(E.message, "incompatible import type")) << E.message;
}

TEST_F(InstantiateTest, FunctionImportTypeMismatch) {
  TestModule &T = module();
  T.importFunc("env", "f", TestModule::TypeI32);
  const uint8_t I64[] = {WA_I64};
  wa_func_type Other{1, 1, I64, I64};
  wa_function *F = wa_host_function_new(Store, &Other, doubleIt, nullptr,
                                        nullptr);
  ASSERT_NE(F, nullptr);
  wa_error E = failure(T, {bind("f", funcExtern(F))});
  EXPECT_EQ(E.kind, WA_ERROR_LINK);
  EXPECT_TRUE(startsWith(E.message, "incompatible import type")) << E.message;
}

TEST_F(InstantiateTest, GlobalImportTypeAndMutability) {
  TestModule &T = module();
  T.importGlobal("env", "g", WA_I32, /*Mutable=*/false);
  wa_global *Mut = wa_global_new(Store, WA_I32, true, i32Value(1), nullptr);
  wa_global *I64 = wa_global_new(Store, WA_I64, false, wa_value{}, nullptr);
  EXPECT_TRUE(startsWith(failure(T, {bind("g", globalExtern(Mut))}).message,
                         "incompatible import type"));
  EXPECT_TRUE(startsWith(failure(T, {bind("g", globalExtern(I64))}).message,
                         "incompatible import type"));
}

TEST_F(InstantiateTest, MemoryImportLimits) {
  TestModule &T = module();
  T.importMemory("env", "m", limits(2, 4));
  wa_limits Small = limits(1, 4), NoMax = limits(2), BigMax = limits(2, 5),
            Good = limits(3, 4);
  wa_memory *M1 = wa_memory_new(Store, &Small, WA_MEMORY_GUARD, nullptr);
  wa_memory *M2 = wa_memory_new(Store, &NoMax, WA_MEMORY_GUARD, nullptr);
  wa_memory *M3 = wa_memory_new(Store, &BigMax, WA_MEMORY_GUARD, nullptr);
  wa_memory *M4 = wa_memory_new(Store, &Good, WA_MEMORY_GUARD, nullptr);
  for (wa_memory *M : {M1, M2, M3}) {
    wa_error E = failure(T, {bind("m", memoryExtern(M))});
    EXPECT_EQ(E.kind, WA_ERROR_LINK);
    EXPECT_TRUE(startsWith(E.message, "incompatible import type")) << E.message;
  }
  EXPECT_NE(instantiate(T, {bind("m", memoryExtern(M4))}), nullptr);
}

TEST_F(InstantiateTest, GuardModuleRejectsExplicitMemory) {
  TestModule &Guard = module(0), &Explicit = module(1);
  Guard.importMemory("env", "m", limits(1));
  Explicit.importMemory("env", "m", limits(1));
  wa_limits L = limits(1);
  wa_memory *M = wa_memory_new(Store, &L, WA_MEMORY_EXPLICIT, nullptr);
  EXPECT_EQ(failure(Guard, {bind("m", memoryExtern(M))}).kind, WA_ERROR_LINK);
  EXPECT_NE(instantiate(Explicit, {bind("m", memoryExtern(M))}), nullptr);
}

TEST_F(InstantiateTest, TableImportTypeAndLimits) {
  TestModule &T = module();
  T.importTable("env", "t", WA_FUNCREF, limits(2, 10));
  wa_limits Exact = limits(2, 10), Unbounded = limits(2), Ext = limits(2, 10);
  wa_table *Good =
      wa_table_new(Store, WA_FUNCREF, &Exact, nullptr, nullptr);
  wa_table *NoMax =
      wa_table_new(Store, WA_FUNCREF, &Unbounded, nullptr, nullptr);
  wa_table *Extern =
      wa_table_new(Store, WA_EXTERNREF, &Ext, nullptr, nullptr);
  EXPECT_TRUE(startsWith(failure(T, {bind("t", tableExtern(NoMax))}).message,
                         "incompatible import type"));
  EXPECT_TRUE(startsWith(failure(T, {bind("t", tableExtern(Extern))}).message,
                         "incompatible import type"));
  EXPECT_NE(instantiate(T, {bind("t", tableExtern(Good))}), nullptr);
}

TEST_F(InstantiateTest, HostImportIsCalledThroughTheThunk) {
  TestModule &T = module();
  uint32_t Import = T.importFunc("env", "double", TestModule::TypeI32);
  T.exportFunc("call", T.addFunc(callImport), entryI32<callImport>);
  T.exportFunc("double", Import, nullptr);
  wa_function *F = wa_host_function_new(
      Store, &T.get()->types[TestModule::TypeI32], doubleIt, nullptr, nullptr);
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(wa_function_ref(F), nullptr); // no thunk until imported
  wa_instance *I = instantiate(T, {bind("double", funcExtern(F))});
  ASSERT_NE(I, nullptr);
  // The import's record: this module's thunk, the wa_host_func as instance.
  EXPECT_EQ(I->funcs[0].code, (void *)&hostThunkI32);
  auto *Host = reinterpret_cast<wa_host_func *>(I->funcs[0].instance);
  EXPECT_EQ(Host->callback, &doubleIt);
  EXPECT_EQ(I->funcs[0].type_id, typeId(I, TestModule::TypeI32));
  ASSERT_NE(wa_function_ref(F), nullptr);

  wa_value V = i32Value(21), R{};
  ASSERT_EQ(wa_call_export(I, "call", &V, 1, &R, 1).status, WA_OK);
  EXPECT_EQ(R.i32, 42);
  // Re-exported: the host function itself.
  wa_extern E{};
  ASSERT_TRUE(wa_instance_export(I, "double", &E));
  EXPECT_EQ(E.of.func, F);
}

TEST_F(InstantiateTest, GlobalsAreCellsSharedWithTheImporter) {
  TestModule &Exporter = module();
  Exporter.addGlobal(WA_I32, /*Mutable=*/true, i32Value(7));
  Exporter.exportOther("g", WA_EXTERN_GLOBAL, 0);
  wa_instance *A = instantiate(Exporter);
  ASSERT_NE(A, nullptr);
  wa_extern G{};
  ASSERT_TRUE(wa_instance_export(A, "g", &G));
  EXPECT_EQ(wa_global_get(G.of.global).i32, 7);
  EXPECT_TRUE(wa_global_is_mutable(G.of.global));

  TestModule &Importer = module();
  Importer.importGlobal("env", "g", WA_I32, /*Mutable=*/true);
  Importer.exportFunc("read", Importer.addFunc(readGlobal0),
                      entryI32<readGlobal0>);
  wa_instance *B = instantiate(Importer, {bind("g", G)});
  ASSERT_NE(B, nullptr);
  ASSERT_TRUE(wa_global_set(G.of.global, i32Value(99)));
  wa_value V{}, R{};
  ASSERT_EQ(wa_call_export(B, "read", &V, 1, &R, 1).status, WA_OK);
  EXPECT_EQ(R.i32, 99);

  wa_global *Const = wa_global_new(Store, WA_I32, false, i32Value(1), nullptr);
  EXPECT_FALSE(wa_global_set(Const, i32Value(2)));
}

TEST_F(InstantiateTest, SegmentsAreAppliedAndDropped) {
  TestModule &T = module();
  T.addMemory(limits(1));
  T.addTable(WA_FUNCREF, limits(4));
  uint32_t F = T.addFunc(addOne);
  T.addData("hello", /*Active=*/true, 0, 10);
  T.addData("passive", /*Active=*/false);
  T.addElem(0, {F, -1, F}, 0, 1);
  T.addElem(1, {F});
  T.addElem(2, {F});
  T.exportOther("mem", WA_EXTERN_MEMORY, 0);
  T.exportOther("tab", WA_EXTERN_TABLE, 0);
  wa_instance *I = instantiate(T);
  ASSERT_NE(I, nullptr);
  EXPECT_EQ(std::memcmp(I->memory0->base + 10, "hello", 5), 0);
  EXPECT_EQ(I->data_sizes[0], 0u); // active: dropped
  EXPECT_EQ(I->data_sizes[1], 7u); // passive: kept
  EXPECT_EQ(I->elem_sizes[0], 0u);
  EXPECT_EQ(I->elem_sizes[1], 1u);
  EXPECT_EQ(I->elem_sizes[2], 0u); // declarative: dropped
  wa_table *Tab = I->tables[0];
  EXPECT_EQ(Tab->elements[0], nullptr);
  EXPECT_EQ(Tab->elements[1], &I->funcs[F]);
  EXPECT_EQ(Tab->elements[2], nullptr);
  EXPECT_EQ(Tab->elements[3], &I->funcs[F]);
}

TEST_F(InstantiateTest, DataSegmentOutOfBoundsKeepsEarlierWrites) {
  wa_limits L = limits(1);
  wa_memory *M = wa_memory_new(Store, &L, WA_MEMORY_GUARD, nullptr);
  TestModule &T = module();
  T.importMemory("env", "m", limits(1));
  T.addData("ab", true, 0, 0);
  T.addData("xyz", true, 0, 65534); // one byte past the end
  T.addData("cd", true, 0, 2);      // never reached
  wa_error E = failure(T, {bind("m", memoryExtern(M))});
  EXPECT_EQ(E.kind, WA_ERROR_TRAP);
  EXPECT_EQ(E.trap, (uint32_t)WA_TRAP_OutOfBoundsMemoryAccess);
  EXPECT_TRUE(startsWith(E.message, "out of bounds memory access"));
  uint8_t Bytes[4];
  ASSERT_TRUE(wa_memory_read(M, 0, Bytes, 4));
  EXPECT_EQ(std::memcmp(Bytes, "ab\0\0", 4), 0);
  EXPECT_EQ(wa_memory_data(M)[65534], 0); // nothing of the failing segment
}

TEST_F(InstantiateTest, ElemSegmentOutOfBoundsKeepsEarlierWrites) {
  wa_limits L = limits(2);
  wa_table *Tab = wa_table_new(Store, WA_FUNCREF, &L, nullptr, nullptr);
  TestModule &T = module();
  T.importTable("env", "t", WA_FUNCREF, limits(2));
  uint32_t F = T.addFunc(addOne);
  T.addMemory(limits(1));
  T.addElem(0, {F}, 0, 0);
  T.addElem(0, {F, F}, 0, 1);
  T.addData("x", true, 0, 0); // after the elements: never applied
  wa_error E = failure(T, {bind("t", tableExtern(Tab))});
  EXPECT_EQ(E.kind, WA_ERROR_TRAP);
  EXPECT_TRUE(startsWith(E.message, "out of bounds table access"));
  void *Ref = nullptr;
  ASSERT_TRUE(wa_table_get(Tab, 0, &Ref));
  ASSERT_NE(Ref, nullptr);
  ASSERT_TRUE(wa_table_get(Tab, 1, &Ref));
  EXPECT_EQ(Ref, nullptr);
  // The failed instance's function stays callable through the table.
  ASSERT_TRUE(wa_table_get(Tab, 0, &Ref));
  auto *Func = static_cast<wa_func *>(Ref);
  EXPECT_EQ(reinterpret_cast<NativeI32>(Func->code)(Func->instance, 1), 2);
}

TEST_F(InstantiateTest, StartFunctionRunsAfterSegments) {
  TestModule &T = module();
  T.addMemory(limits(1));
  T.addData("\x01", true, 0, 100);
  T.setStart(T.addFuncVoid(startWritesMemory));
  wa_instance *I = instantiate(T);
  ASSERT_NE(I, nullptr);
  EXPECT_EQ(I->memory0->base[100], 0x5A);
}

TEST_F(InstantiateTest, StartFunctionTrap) {
  TestModule &T = module();
  T.setStart(T.addFuncVoid(startTraps));
  wa_error E = failure(T);
  EXPECT_EQ(E.kind, WA_ERROR_TRAP);
  EXPECT_EQ(E.trap, (uint32_t)WA_TRAP_Unreachable);
  EXPECT_TRUE(startsWith(E.message, "unreachable"));
}

TEST_F(InstantiateTest, BrokenDescriptorIsReported) {
  TestModule &T = module();
  T.exportOther("m", WA_EXTERN_MEMORY, 3);
  EXPECT_EQ(failure(T).kind, WA_ERROR_MODULE);
  TestModule &V = module();
  const_cast<wa_module *>(V.get())->abi_version = 99;
  EXPECT_EQ(failure(V).kind, WA_ERROR_MODULE);
}

TEST_F(InstantiateTest, CanonicalTypeIdsAcrossModules) {
  TestModule &A = module(), &B = module();
  uint32_t AI64 = A.addType({WA_I64}, {WA_I64});
  B.addType({WA_F32, WA_F64}, {});
  uint32_t BI64 = B.addType({WA_I64}, {WA_I64});
  wa_instance *IA = instantiate(A);
  wa_instance *IB = instantiate(B);
  ASSERT_NE(IA, nullptr);
  ASSERT_NE(IB, nullptr);
  EXPECT_EQ(typeId(IA, AI64), typeId(IB, BI64));
  EXPECT_EQ(typeId(IA, TestModule::TypeI32), typeId(IB, TestModule::TypeI32));
  EXPECT_NE(typeId(IA, TestModule::TypeI32), typeId(IA, TestModule::TypeVoid));
  EXPECT_NE(typeId(IB, 2), typeId(IB, BI64));
  // A host function of the same type shares the id.
  wa_function *F = wa_host_function_new(Store, &B.get()->types[BI64],
                                        doubleIt, nullptr, nullptr);
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(wa_function_type(F)->num_params, 1u);
}

TEST_F(InstantiateTest, CallIndirectAcrossModules) {
  TestModule &A = module();
  A.addTable(WA_FUNCREF, limits(4));
  A.exportOther("table", WA_EXTERN_TABLE, 0);
  A.exportFunc("call_indirect", A.addFunc(callIndirect),
               entryI32<callIndirect>);
  wa_instance *IA = instantiate(A);
  ASSERT_NE(IA, nullptr);
  wa_extern Table{};
  ASSERT_TRUE(wa_instance_export(IA, "table", &Table));

  TestModule &B = module();
  B.addType({WA_F32}, {}); // shifts nothing: types 0 and 1 stay first
  B.importTable("env", "table", WA_FUNCREF, limits(4));
  uint32_t Twice = B.addFunc(timesTwo);
  uint32_t Void = B.addFuncVoid(nothing);
  B.addElem(0, {Twice, Void}, 0, 0);
  ASSERT_NE(instantiate(B, {bind("table", Table)}), nullptr);

  auto Call = [&](int32_t Index) {
    wa_value V = i32Value(Index), R{};
    wa_result Res = wa_call_export(IA, "call_indirect", &V, 1, &R, 1);
    return std::make_pair(Res, R.i32);
  };
  auto [Ok, Value] = Call(0);
  ASSERT_EQ(Ok.status, WA_OK);
  EXPECT_EQ(Value, 42);
  EXPECT_EQ(Call(1).first.trap, (uint32_t)WA_TRAP_IndirectCallTypeMismatch);
  EXPECT_STREQ(Call(1).first.message, "indirect call type mismatch");
  EXPECT_EQ(Call(2).first.trap, (uint32_t)WA_TRAP_UninitializedElement);
  EXPECT_EQ(Call(9).first.trap, (uint32_t)WA_TRAP_UndefinedElement);
}

TEST(ManyInstancesTest, ThousandGuardMemoriesAreFreed) {
  TestModule T;
  T.addMemory(limits(1, 2));
  T.addData("\x2a", true, 0, 4);
  T.exportFunc("load", T.addFunc(load32), entryI32<load32>);
  const wa_module *M = T.get();
  // 20 rounds of 1000 live 8 GiB reservations: 160 TiB, more than the
  // address space of x86-64 user space (128 TiB), so a leak fails here.
  for (int Round = 0; Round < 20; ++Round) {
    wa_store *S = wa_store_new(nullptr);
    ASSERT_NE(S, nullptr);
    std::vector<wa_instance *> Instances;
    for (int K = 0; K < 1000; ++K) {
      wa_instance *I = nullptr;
      wa_error E{};
      ASSERT_TRUE(wa_instantiate(S, M, nullptr, 0, &I, &E))
          << "round " << Round << " instance " << K << ": " << E.message;
      Instances.push_back(I);
    }
    for (wa_instance *I : {Instances.front(), Instances[500], Instances.back()}) {
      wa_value V = i32Value(4), R{};
      ASSERT_EQ(wa_call_export(I, "load", &V, 1, &R, 1).status, WA_OK);
      EXPECT_EQ(R.i32, 42);
      V = i32Value(65536);
      EXPECT_EQ(wa_call_export(I, "load", &V, 1, &R, 1).trap,
                (uint32_t)WA_TRAP_OutOfBoundsMemoryAccess);
    }
    EXPECT_NE(Instances[0]->memory0->base, Instances[1]->memory0->base);
    wa_store_free(S);
  }
}

} // namespace

//===- NamesTest.cpp - Import and export names that contain NUL bytes -----===//
//
// WebAssembly names are byte strings: "f\0a" and "f\0b" are two different
// names, and neither is "f". The descriptor carries each name's length; the
// runtime must compare whole names by length, through the C-string API as
// well as through the length-taking (_n) forms.
//
//===----------------------------------------------------------------------===//
#include "TestModule.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

using namespace wasmaot::test;
using namespace std::string_view_literals;

namespace {

int32_t addOne(wa_instance *, int32_t X) { return X + 1; }
int32_t timesTwo(wa_instance *, int32_t X) { return X * 2; }
int32_t minusThree(wa_instance *, int32_t X) { return X - 3; }

/// Call function import 0 / 1 of the index space.
int32_t callImport0(wa_instance *I, int32_t X) { return callFuncI32(I, 0, X); }
int32_t callImport1(wa_instance *I, int32_t X) { return callFuncI32(I, 1, X); }

uint32_t hostAddTen(void *, wa_value *V) {
  V[0].i32 += 10;
  return 0;
}
uint32_t hostTimesHundred(void *, wa_value *V) {
  V[0].i32 *= 100;
  return 0;
}

class NamesTest : public ::testing::Test {
protected:
  void SetUp() override {
    Store = wa_store_new(nullptr);
    ASSERT_NE(Store, nullptr);
  }
  void TearDown() override { wa_store_free(Store); }

  TestModule &module() {
    return *Modules.emplace_back(std::make_unique<TestModule>());
  }

  wa_extern hostFunc(TestModule &T, wa_host_fn Callback) {
    wa_extern E{};
    E.kind = WA_EXTERN_FUNC;
    E.of.func =
        wa_host_function_new(Store, &T.get()->types[TestModule::TypeI32],
                             Callback, nullptr, nullptr);
    EXPECT_NE(E.of.func, nullptr);
    return E;
  }

  /// Calls the i32 -> i32 export named by the byte string Name.
  wa_result call(wa_instance *I, std::string_view Name, int32_t X,
                 int32_t &Out) {
    wa_value Arg{}, Res{};
    Arg.i32 = X;
    wa_result R =
        wa_call_export_n(I, Name.data(), Name.size(), &Arg, 1, &Res, 1);
    Out = Res.i32;
    return R;
  }

  std::vector<std::unique_ptr<TestModule>> Modules;
  wa_store *Store = nullptr;
};

wa_import_binding_n bindN(std::string_view Module, std::string_view Name,
                          wa_extern Value) {
  return wa_import_binding_n{Module.data(), Module.size(), Name.data(),
                             Name.size(), Value};
}

bool contains(const char *S, const char *Part) {
  return std::strstr(S, Part) != nullptr;
}

TEST_F(NamesTest, ExportsThatDifferOnlyAfterNulAreDistinct) {
  TestModule &T = module();
  T.exportFunc("f\0a"sv, T.addFunc(addOne), entryI32<addOne>);
  T.exportFunc("f\0b"sv, T.addFunc(timesTwo), entryI32<timesTwo>);
  T.exportFunc("f", T.addFunc(minusThree), entryI32<minusThree>);
  wa_instance *I = nullptr;
  wa_error E{};
  ASSERT_TRUE(wa_instantiate(Store, T.get(), nullptr, 0, &I, &E)) << E.message;

  int32_t Out = 0;
  ASSERT_EQ(call(I, "f\0a"sv, 20, Out).status, WA_OK);
  EXPECT_EQ(Out, 21);
  ASSERT_EQ(call(I, "f\0b"sv, 20, Out).status, WA_OK);
  EXPECT_EQ(Out, 40);
  ASSERT_EQ(call(I, "f"sv, 20, Out).status, WA_OK);
  EXPECT_EQ(Out, 17);
  EXPECT_EQ(call(I, "f\0c"sv, 20, Out).status, WA_FAILED);
  EXPECT_EQ(call(I, "f\0"sv, 20, Out).status, WA_FAILED);

  // A C string is the name up to its NUL: "f" itself, never "f\0a".
  wa_value Arg{}, Res{};
  Arg.i32 = 20;
  ASSERT_EQ(wa_call_export(I, "f", &Arg, 1, &Res, 1).status, WA_OK);
  EXPECT_EQ(Res.i32, 17);

  // Enumeration reports the full length.
  const char *Name = nullptr;
  size_t Len = 0;
  wa_extern X{};
  ASSERT_TRUE(wa_instance_export_at_n(I, 1, &Name, &Len, &X));
  EXPECT_EQ(std::string_view(Name, Len), "f\0b"sv);
  EXPECT_EQ(Name[Len], '\0'); // still terminated for C callers
  ASSERT_TRUE(wa_instance_export_at(I, 2, &Name, &X));
  EXPECT_STREQ(Name, "f");
}

TEST_F(NamesTest, ExportLookupComparesWholeNames) {
  TestModule &T = module();
  T.exportFunc("ab", T.addFunc(addOne), entryI32<addOne>);
  T.exportFunc("", T.addFunc(timesTwo), entryI32<timesTwo>);
  wa_instance *I = nullptr;
  ASSERT_TRUE(wa_instantiate(Store, T.get(), nullptr, 0, &I, nullptr));
  wa_extern X{};
  EXPECT_FALSE(wa_instance_export(I, "a", &X));
  EXPECT_FALSE(wa_instance_export(I, "abc", &X));
  EXPECT_FALSE(wa_instance_export_n(I, "abc", 1, &X));
  EXPECT_TRUE(wa_instance_export_n(I, "abc", 2, &X));
  EXPECT_EQ(X.kind, WA_EXTERN_FUNC);
  // The empty name, as a C string and as (null, 0).
  int32_t Out = 0;
  EXPECT_TRUE(wa_instance_export(I, "", &X));
  ASSERT_EQ(call(I, std::string_view(), 4, Out).status, WA_OK);
  EXPECT_EQ(Out, 8);
  EXPECT_FALSE(wa_instance_export_n(I, nullptr, 1, &X));
}

TEST_F(NamesTest, ImportsThatDifferOnlyAfterNulBindSeparately) {
  TestModule &T = module();
  T.importFunc("env", "g\0x"sv, TestModule::TypeI32);
  T.importFunc("env", "g\0y"sv, TestModule::TypeI32);
  T.exportFunc("call0", T.addFunc(callImport0), entryI32<callImport0>);
  T.exportFunc("call1", T.addFunc(callImport1), entryI32<callImport1>);
  // Listed in the other order, so a match on the bytes before NUL would
  // bind both imports to the first binding.
  wa_import_binding_n B[] = {
      bindN("env", "g\0y"sv, hostFunc(T, hostTimesHundred)),
      bindN("env", "g\0x"sv, hostFunc(T, hostAddTen))};
  wa_instance *I = nullptr;
  wa_error E{};
  ASSERT_TRUE(wa_instantiate_n(Store, T.get(), B, 2, &I, &E)) << E.message;
  int32_t Out = 0;
  ASSERT_EQ(call(I, "call0", 3, Out).status, WA_OK);
  EXPECT_EQ(Out, 13);
  ASSERT_EQ(call(I, "call1", 3, Out).status, WA_OK);
  EXPECT_EQ(Out, 300);
}

TEST_F(NamesTest, ModuleNamesMayHoldNulToo) {
  TestModule &T = module();
  T.importFunc("m\0"sv, "f", TestModule::TypeI32);
  T.exportFunc("call0", T.addFunc(callImport0), entryI32<callImport0>);
  wa_extern F = hostFunc(T, hostAddTen);

  // "m" as a C string is a different module name.
  wa_import_binding C{"m", "f", F};
  wa_instance *I = nullptr;
  wa_error E{};
  EXPECT_FALSE(wa_instantiate(Store, T.get(), &C, 1, &I, &E));
  EXPECT_EQ(E.kind, WA_ERROR_LINK);
  wa_import_binding_n Short = bindN("m", "f", F);
  EXPECT_FALSE(wa_instantiate_n(Store, T.get(), &Short, 1, &I, &E));
  EXPECT_EQ(E.kind, WA_ERROR_LINK);

  wa_import_binding_n Exact = bindN("m\0"sv, "f", F);
  ASSERT_TRUE(wa_instantiate_n(Store, T.get(), &Exact, 1, &I, &E)) << E.message;
  int32_t Out = 0;
  ASSERT_EQ(call(I, "call0", 1, Out).status, WA_OK);
  EXPECT_EQ(Out, 11);
}

TEST_F(NamesTest, CStringBindingsNeverMatchANameWithNul) {
  TestModule &T = module();
  T.importFunc("env", "g\0x"sv, TestModule::TypeI32);
  wa_import_binding B{"env", "g", hostFunc(T, hostAddTen)};
  wa_instance *I = reinterpret_cast<wa_instance *>(1);
  wa_error E{};
  EXPECT_FALSE(wa_instantiate(Store, T.get(), &B, 1, &I, &E));
  EXPECT_EQ(I, nullptr);
  EXPECT_EQ(E.kind, WA_ERROR_LINK);
  // The message shows the whole name, the NUL escaped.
  EXPECT_TRUE(contains(E.message, "unknown import")) << E.message;
  EXPECT_TRUE(contains(E.message, "\"env\" \"g\\00x\"")) << E.message;
}

TEST_F(NamesTest, CStringBindingsStillBindOrdinaryNames) {
  TestModule &T = module();
  T.importFunc("env", "g", TestModule::TypeI32);
  T.importFunc("", "", TestModule::TypeI32);
  T.exportFunc("call0", T.addFunc(callImport0), entryI32<callImport0>);
  T.exportFunc("call1", T.addFunc(callImport1), entryI32<callImport1>);
  wa_import_binding B[] = {{"env", "gg", hostFunc(T, hostTimesHundred)},
                           {"", "", hostFunc(T, hostTimesHundred)},
                           {"env", "g", hostFunc(T, hostAddTen)}};
  wa_instance *I = nullptr;
  wa_error E{};
  ASSERT_TRUE(wa_instantiate(Store, T.get(), B, 3, &I, &E)) << E.message;
  int32_t Out = 0;
  ASSERT_EQ(call(I, "call0", 2, Out).status, WA_OK);
  EXPECT_EQ(Out, 12);
  ASSERT_EQ(call(I, "call1", 2, Out).status, WA_OK);
  EXPECT_EQ(Out, 200);
}

TEST_F(NamesTest, NullNameWithALengthIsAMisuse) {
  TestModule &T = module();
  T.importFunc("env", "g", TestModule::TypeI32);
  wa_import_binding_n B{nullptr, 3, "g", 1, hostFunc(T, hostAddTen)};
  wa_instance *I = nullptr;
  wa_error E{};
  EXPECT_FALSE(wa_instantiate_n(Store, T.get(), &B, 1, &I, &E));
  EXPECT_EQ(E.kind, WA_ERROR_MISUSE);
}

TEST_F(NamesTest, UnterminatedDescriptorNameIsABrokenDescriptor) {
  // The terminator after name_len bytes is part of the ABI (C callers
  // read names without NUL as C strings); a length that misses it means
  // the descriptor is corrupt.
  TestModule &T = module();
  T.exportFunc("abc", T.addFunc(addOne), entryI32<addOne>);
  const_cast<wa_export *>(T.get()->exports)[0].name_len = 2;
  wa_instance *I = nullptr;
  wa_error E{};
  EXPECT_FALSE(wa_instantiate(Store, T.get(), nullptr, 0, &I, &E));
  EXPECT_EQ(E.kind, WA_ERROR_MODULE);

  TestModule &U = module();
  U.importFunc("env", "abc", TestModule::TypeI32);
  const_cast<wa_import *>(U.get()->imports)[0].module_len = 1;
  EXPECT_FALSE(wa_instantiate(Store, U.get(), nullptr, 0, &I, &E));
  EXPECT_EQ(E.kind, WA_ERROR_MODULE);
}

} // namespace

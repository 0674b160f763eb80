//===- TrapSiteTest.cpp - Where a trap happened: wa_last_trap_site --------===//
//
// Compiled checks call wa_trap_at(code, function, offset); a fault leaves
// its PC, which the runtime maps to the function whose code contains it;
// wa_trap alone says nothing about the site. wa_last_trap_site reports
// what is known, with the function's name when the module has one.
//
//===----------------------------------------------------------------------===//
#include "TestModule.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <vector>

using namespace wasmaot::test;

namespace {

/// A check that failed at byte 0x1234 of function 2 (one import, so the
/// second defined function: this one).
int32_t checkFails(wa_instance *, int32_t Code) {
  wa_trap_at((uint32_t)Code, 2, 0x1234);
}
/// A trap without a site, as the runtime's own bulk operations raise.
int32_t trapsWithoutSite(wa_instance *, int32_t) {
  wa_trap(WA_TRAP_Unreachable);
}
int32_t identity(wa_instance *, int32_t X) { return X; }
uint32_t hostIdentity(void *, wa_value *) { return 0; }
/// A guard-mode access beyond the memory: the fault becomes the trap.
__attribute__((noinline)) int32_t loadFaults(wa_instance *I, int32_t Address) {
  int32_t V;
  std::memcpy(&V, I->memory0->base + (uint32_t)Address, sizeof V);
  return V;
}

class TrapSiteTest : public ::testing::Test {
protected:
  void TearDown() override { wa_store_free(Store); }

  /// A module importing one function, then defining identity, checkFails,
  /// trapsWithoutSite and loadFaults (indices 1 to 4), with a memory.
  const wa_module *module(bool Named) {
    auto &T = *Modules.emplace_back(std::make_unique<TestModule>(0));
    T.importFunc("env", "f", TestModule::TypeI32);
    T.exportFunc("identity", T.addFunc(identity), entryI32<identity>);
    T.exportFunc("check", T.addFunc(checkFails), entryI32<checkFails>);
    T.exportFunc("nosite", T.addFunc(trapsWithoutSite),
                 entryI32<trapsWithoutSite>);
    T.exportFunc("load", T.addFunc(loadFaults), entryI32<loadFaults>);
    T.addMemory(limits(1));
    if (Named)
      T.setFuncNames({"identity", "checks_fail", nullptr, "loads"});
    return T.get();
  }

  wa_instance *instantiate(const wa_module *M) {
    if (Store == nullptr)
      Store = wa_store_new(nullptr);
    wa_function *Host = wa_host_function_new(
        Store, &M->types[TestModule::TypeI32], hostIdentity, nullptr, nullptr);
    wa_extern E{};
    E.kind = WA_EXTERN_FUNC;
    E.of.func = Host;
    wa_import_binding B{"env", "f", E};
    wa_instance *I = nullptr;
    wa_error Err{};
    EXPECT_TRUE(wa_instantiate(Store, M, &B, 1, &I, &Err)) << Err.message;
    return I;
  }

  static wa_result call(wa_instance *I, const char *Name, int32_t Arg) {
    wa_value V = i32Value(Arg), R{};
    return wa_call_export(I, Name, &V, 1, &R, 1);
  }

  std::vector<std::unique_ptr<TestModule>> Modules;
  wa_store *Store = nullptr;
};

TEST_F(TrapSiteTest, ACheckNamesItsFunctionAndOffset) {
  const wa_module *M = module(/*Named=*/true);
  wa_instance *I = instantiate(M);
  ASSERT_NE(I, nullptr);
  wa_result R = call(I, "check", WA_TRAP_IntegerDivideByZero);
  ASSERT_EQ(R.status, WA_TRAPPED);
  EXPECT_EQ(R.trap, (uint32_t)WA_TRAP_IntegerDivideByZero);
  wa_trap_site Site;
  ASSERT_TRUE(wa_last_trap_site(M, &Site));
  EXPECT_TRUE(Site.has_function);
  EXPECT_TRUE(Site.has_offset);
  EXPECT_EQ(Site.func, 2u);
  EXPECT_EQ(Site.offset, 0x1234u);
  ASSERT_NE(Site.name, nullptr);
  EXPECT_STREQ(Site.name, "checks_fail");
}

TEST_F(TrapSiteTest, AnUnnamedModuleHasNoNames) {
  const wa_module *M = module(/*Named=*/false);
  wa_instance *I = instantiate(M);
  ASSERT_NE(I, nullptr);
  ASSERT_EQ(call(I, "check", WA_TRAP_Unreachable).status, WA_TRAPPED);
  wa_trap_site Site;
  ASSERT_TRUE(wa_last_trap_site(M, &Site));
  EXPECT_EQ(Site.func, 2u);
  EXPECT_EQ(Site.name, nullptr);
}

TEST_F(TrapSiteTest, ATrapWithoutASiteSaysNothing) {
  const wa_module *M = module(/*Named=*/true);
  wa_instance *I = instantiate(M);
  ASSERT_NE(I, nullptr);
  // A site from an earlier trap must not be reported for a later one.
  ASSERT_EQ(call(I, "check", WA_TRAP_Unreachable).status, WA_TRAPPED);
  ASSERT_EQ(call(I, "nosite", 0).status, WA_TRAPPED);
  wa_trap_site Site;
  EXPECT_FALSE(wa_last_trap_site(M, &Site));
  EXPECT_FALSE(Site.has_function);
  EXPECT_FALSE(Site.has_offset);
  EXPECT_EQ(Site.name, nullptr);
  EXPECT_FALSE(wa_last_trap_site(nullptr, &Site));
}

TEST_F(TrapSiteTest, AFaultIsMappedToItsFunction) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer reports the fault itself";
#endif
  const wa_module *M = module(/*Named=*/true);
  wa_instance *I = instantiate(M);
  ASSERT_NE(I, nullptr);
  wa_result R = call(I, "load", 3 * WA_PAGE_SIZE);
  ASSERT_EQ(R.status, WA_TRAPPED);
  EXPECT_EQ(R.trap, (uint32_t)WA_TRAP_OutOfBoundsMemoryAccess);
  wa_trap_site Site;
  ASSERT_TRUE(wa_last_trap_site(M, &Site));
  EXPECT_TRUE(Site.has_function);
  EXPECT_FALSE(Site.has_offset); // a PC says which function, not where
  EXPECT_EQ(Site.func, 4u);
  ASSERT_NE(Site.name, nullptr);
  EXPECT_STREQ(Site.name, "loads");
}

} // namespace

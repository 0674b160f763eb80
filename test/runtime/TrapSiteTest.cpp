//===- TrapSiteTest.cpp - Where a trap happened: wa_last_trap_site --------===//
//
// Compiled checks call wa_trap_at(code, function, offset); a fault and a
// runtime call that traps leave a PC, which the module's site map (abi.h)
// maps to the instruction, or without a map the runtime to the function
// whose code starts nearest below it; wa_trap alone says nothing about the
// site. wa_last_trap_site reports what is known, with the function's name
// when the module has one.
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

/// memory.fill past the end of memory, as compiled code calls it from the
/// instruction at 0x52 of function 5.
__attribute__((noinline)) int32_t fillFaults(wa_instance *I, int32_t Address) {
  wa_memory_fill(I, 0, (uint32_t)Address, 0, 16, 5, 0x52);
  return 0;
}

/// The body offsets the site maps below give the defined functions.
constexpr uint32_t BodyStart[] = {0x10, 0x20, 0x30, 0x40, 0x50};

/// A row of a site map (abi.h): from code offset Code on, the code is
/// unknown, of defined function Value (inlined), or of the instruction at
/// module offset Value.
struct Row {
  enum { Unknown, InFunction, Instruction } Kind;
  uint32_t Code;
  uint32_t Value;
};

void putULEB(std::vector<uint8_t> &Out, uint64_t V) {
  do {
    Out.push_back((V & 0x7F) | (V >> 7 ? 0x80 : 0));
    V >>= 7;
  } while (V);
}

/// A site map for the defined functions of Code: each function's code runs
/// up to the next one's (the C++ functions standing in for compiled code
/// have no known size), and Rows[i] are function i's rows.
std::vector<uint32_t> siteMap(const std::vector<void *> &Code,
                              const std::vector<std::vector<Row>> &Rows) {
  const uint32_t N = Code.size();
  std::vector<uint8_t> Stream;
  std::vector<uint32_t> Starts;
  for (uint32_t I = 0; I < N; ++I) {
    Starts.push_back(Stream.size());
    uint32_t Prev = 0;
    int64_t PrevOffset = BodyStart[I];
    for (const Row &R : Rows[I]) {
      putULEB(Stream, R.Code - Prev);
      Prev = R.Code;
      if (R.Kind == Row::Unknown) {
        putULEB(Stream, 0);
      } else if (R.Kind == Row::InFunction) {
        putULEB(Stream, 1);
        putULEB(Stream, R.Value);
      } else {
        int64_t D = int64_t(R.Value) - PrevOffset;
        putULEB(Stream, (D < 0 ? (uint64_t(-D) << 1) - 1 : uint64_t(D) << 1) +
                            2);
        PrevOffset = R.Value;
      }
    }
  }
  Starts.push_back(Stream.size());

  std::vector<uint32_t> Words = {WA_SITE_MAP_MAGIC, WA_SITE_MAP_VERSION, N,
                                 (uint32_t)Stream.size()};
  for (uint32_t I = 0; I < N; ++I)
    Words.push_back(BodyStart[I]);
  for (uint32_t I = 0; I < N; ++I) {
    uintptr_t Start = (uintptr_t)Code[I], End = Start + 4096;
    for (void *Other : Code)
      if ((uintptr_t)Other > Start && (uintptr_t)Other < End)
        End = (uintptr_t)Other;
    Words.push_back((uint32_t)(End - Start));
  }
  Words.insert(Words.end(), Starts.begin(), Starts.end());
  Stream.resize((Stream.size() + 3) / 4 * 4, 0);
  for (size_t I = 0; I < Stream.size(); I += 4) {
    uint32_t W;
    std::memcpy(&W, &Stream[I], 4);
    Words.push_back(W);
  }
  return Words;
}

class TrapSiteTest : public ::testing::Test {
protected:
  void TearDown() override { wa_store_free(Store); }

  /// A module importing one function, then defining identity, checkFails,
  /// trapsWithoutSite and loadFaults (indices 1 to 4), with a memory.
  /// ... and fillFaults (index 5); Rows, when given, the site map's rows of
  /// each defined function.
  const wa_module *
  module(bool Named, const std::vector<std::vector<Row>> &Rows = {}) {
    auto &T = *Modules.emplace_back(std::make_unique<TestModule>(0));
    T.importFunc("env", "f", TestModule::TypeI32);
    T.exportFunc("identity", T.addFunc(identity), entryI32<identity>);
    T.exportFunc("check", T.addFunc(checkFails), entryI32<checkFails>);
    T.exportFunc("nosite", T.addFunc(trapsWithoutSite),
                 entryI32<trapsWithoutSite>);
    T.exportFunc("load", T.addFunc(loadFaults), entryI32<loadFaults>);
    T.exportFunc("fill", T.addFunc(fillFaults), entryI32<fillFaults>);
    T.addMemory(limits(1));
    if (Named)
      T.setFuncNames({"identity", "checks_fail", nullptr, "loads", "fills"});
    if (!Rows.empty())
      T.setSiteMap(siteMap({(void *)identity, (void *)checkFails,
                            (void *)trapsWithoutSite, (void *)loadFaults,
                            (void *)fillFaults},
                           Rows));
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

  /// Where a guard-page fault in loads is reported, in a module whose
  /// site map has loads's rows LoadsRows (no map when empty).
  wa_trap_site loadFaultSite(const std::vector<Row> &LoadsRows) {
    const wa_module *M =
        LoadsRows.empty() ? module(/*Named=*/true)
                          : module(/*Named=*/true, {{}, {}, {}, LoadsRows, {}});
    wa_trap_site Site{};
    wa_instance *I = instantiate(M);
    if (I == nullptr)
      return Site;
    wa_result R = call(I, "load", 3 * WA_PAGE_SIZE);
    EXPECT_EQ(R.status, WA_TRAPPED);
    EXPECT_EQ(R.trap, (uint32_t)WA_TRAP_OutOfBoundsMemoryAccess);
    EXPECT_TRUE(wa_last_trap_site(M, &Site));
    EXPECT_TRUE(Site.has_function);
    return Site;
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

#if defined(__SANITIZE_ADDRESS__)
#define SKIP_UNDER_ASAN() GTEST_SKIP() << "AddressSanitizer reports the fault itself"
#else
#define SKIP_UNDER_ASAN() (void)0
#endif

TEST_F(TrapSiteTest, AFaultIsMappedToItsFunction) {
  SKIP_UNDER_ASAN();
  wa_trap_site Site = loadFaultSite({});
  EXPECT_FALSE(Site.has_offset); // without a site map, a PC gives the function
  EXPECT_EQ(Site.func, 4u);
  ASSERT_NE(Site.name, nullptr);
  EXPECT_STREQ(Site.name, "loads");
}

TEST_F(TrapSiteTest, ASiteMapGivesAFaultItsInstruction) {
  SKIP_UNDER_ASAN();
  // All of loads's code is the instruction at 0x44, in its own body.
  wa_trap_site Site = loadFaultSite({{Row::Instruction, 0, 0x44}});
  EXPECT_TRUE(Site.has_offset);
  EXPECT_EQ(Site.offset, 0x44u);
  EXPECT_EQ(Site.func, 4u);
  EXPECT_STREQ(Site.name, "loads");
}

TEST_F(TrapSiteTest, InlinedCodeIsReportedInTheFunctionItCameFrom) {
  SKIP_UNDER_ASAN();
  // loads's code is an instruction of checks_fail's body (0x20..0x2f),
  // inlined: the report names checks_fail (index 2).
  wa_trap_site Site = loadFaultSite({{Row::Instruction, 0, 0x25}});
  EXPECT_TRUE(Site.has_offset);
  EXPECT_EQ(Site.offset, 0x25u);
  EXPECT_EQ(Site.func, 2u);
  EXPECT_STREQ(Site.name, "checks_fail");
}

TEST_F(TrapSiteTest, CodeKnownOnlyByItsFunction) {
  SKIP_UNDER_ASAN();
  // loads's code is identity's (defined 0), instruction unknown.
  wa_trap_site Site = loadFaultSite({{Row::InFunction, 0, 0}});
  EXPECT_FALSE(Site.has_offset);
  EXPECT_EQ(Site.func, 1u);
  EXPECT_STREQ(Site.name, "identity");
}

TEST_F(TrapSiteTest, CodeTheMapSaysNothingAboutNamesItsFunction) {
  SKIP_UNDER_ASAN();
  // Only loads's first byte of code is an instruction; the faulting load
  // comes after the loads of the memory's base.
  wa_trap_site Site =
      loadFaultSite({{Row::Instruction, 0, 0x44}, {Row::Unknown, 1, 0}});
  EXPECT_FALSE(Site.has_offset);
  EXPECT_EQ(Site.func, 4u);
}

TEST_F(TrapSiteTest, ABulkOperationReportsTheSiteItWasGiven) {
  const wa_module *M = module(/*Named=*/true);
  wa_instance *I = instantiate(M);
  ASSERT_NE(I, nullptr);
  // A site from an earlier trap must not leak into this one either.
  ASSERT_EQ(call(I, "check", WA_TRAP_Unreachable).status, WA_TRAPPED);
  wa_result R = call(I, "fill", WA_PAGE_SIZE - 8);
  ASSERT_EQ(R.status, WA_TRAPPED);
  EXPECT_EQ(R.trap, (uint32_t)WA_TRAP_OutOfBoundsMemoryAccess);
  wa_trap_site Site;
  ASSERT_TRUE(wa_last_trap_site(M, &Site));
  EXPECT_TRUE(Site.has_offset);
  EXPECT_EQ(Site.offset, 0x52u);
  EXPECT_EQ(Site.func, 5u);
  EXPECT_STREQ(Site.name, "fills");
}

TEST_F(TrapSiteTest, AMalformedMapIsIgnored) {
  SKIP_UNDER_ASAN();
  auto &T = *Modules.emplace_back(std::make_unique<TestModule>(0));
  T.importFunc("env", "f", TestModule::TypeI32);
  T.exportFunc("load", T.addFunc(loadFaults), entryI32<loadFaults>);
  T.addMemory(limits(1));
  std::vector<uint32_t> Words =
      siteMap({(void *)loadFaults}, {{{Row::Instruction, 0, 0x10}}});
  Words[0] ^= 1; // not the magic
  T.setSiteMap(Words);
  const wa_module *M = T.get();
  wa_instance *I = instantiate(M);
  ASSERT_NE(I, nullptr);
  ASSERT_EQ(call(I, "load", 3 * WA_PAGE_SIZE).status, WA_TRAPPED);
  wa_trap_site Site;
  ASSERT_TRUE(wa_last_trap_site(M, &Site));
  EXPECT_FALSE(Site.has_offset);
  EXPECT_EQ(Site.func, 1u);
}

} // namespace

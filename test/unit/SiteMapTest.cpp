//===- SiteMapTest.cpp - The site map's encoding and its place in objects -===//
//
// The site map (abi.h, wa_site_map) is what lets the runtime name the
// instruction behind a fault's PC. These tests pin its encoding and check
// that a compiled object carries one that names a module's accesses, on every
// target, with the debug sections that carried it stripped (in guard mode;
// with explicit checks the map is empty).
//
//===----------------------------------------------------------------------===//
#include "WasmBuilder.h"

#include "abi/SiteMap.h"
#include "driver/Compile.h"
#include "wasm-aot/abi.h"

#include "llvm/IR/Constants.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/Endian.h"

#include <gtest/gtest.h>

using namespace wasmaot;
using namespace wasmaot::test;
using namespace llvm;

namespace {

uint32_t word(const std::vector<uint8_t> &B, size_t Index) {
  return support::endian::read32le(B.data() + 4 * Index);
}

TEST(SiteMapTest, EncodesRowsAsDocumented) {
  SiteMapFunction F0;
  F0.BodyStart = 0x10;
  F0.CodeSize = 0x40;
  F0.Rows = {{4, Site::instruction(0x15)},
             {9, Site::unknown()},
             {12, Site::inFunction(1)},
             {20, Site::instruction(0x13)}};
  SiteMapFunction F1;
  F1.BodyStart = 0x30;
  F1.CodeSize = 8;
  std::vector<uint8_t> B = encodeSiteMap({F0, F1});

  // Header, body starts, code sizes, row starts.
  ASSERT_GE(B.size(), 4u * 11);
  EXPECT_EQ(word(B, 0), WA_SITE_MAP_MAGIC);
  EXPECT_EQ(word(B, 1), WA_SITE_MAP_VERSION);
  EXPECT_EQ(word(B, 2), 2u);
  EXPECT_EQ(word(B, 3), 9u);
  EXPECT_EQ(word(B, 4), 0x10u);
  EXPECT_EQ(word(B, 5), 0x30u);
  EXPECT_EQ(word(B, 6), 0x40u);
  EXPECT_EQ(word(B, 7), 8u);
  EXPECT_EQ(word(B, 8), 0u);
  EXPECT_EQ(word(B, 9), 9u);
  EXPECT_EQ(word(B, 10), 9u);
  // Code deltas, then what: 0x15 is body + 5, zigzag 10, + 2; unknown 0;
  // inlined function 1: 1, 1; 0x13 is 0x15 - 2, zigzag 3, + 2.
  std::vector<uint8_t> Stream(B.begin() + 44, B.end());
  EXPECT_EQ(Stream, (std::vector<uint8_t>{4, 12, 5, 0, 3, 1, 1, 8, 5}));
}

TEST(SiteMapTest, TheEmptyMapHasNoFunctions) {
  LLVMContext Ctx;
  auto *C = dyn_cast<ConstantDataArray>(emptySiteMap(Ctx));
  ASSERT_NE(C, nullptr);
  ASSERT_EQ(C->getNumElements(), 4u);
  EXPECT_EQ(C->getElementAsInteger(0), WA_SITE_MAP_MAGIC);
  EXPECT_EQ(C->getElementAsInteger(2), 0u);
}

/// (func (param i32) (i32.store offset=16 (local.get 0)
///   (i32.load offset=8 (local.get 0)))) with a memory; *Load and *Store
/// are where the two are in the module.
Bytes accessModule(uint32_t *Load, uint32_t *Store) {
  Bytes Head = module({
      section(1, vec({{0x60, 0x01, 0x7F, 0x00}})), // [i32] -> []
      section(3, vec({uleb(0)})),
      section(5, vec({{0x00, 0x01}})), // memory, min 1
  });
  // No locals; local.get 0, local.get 0, i32.load 2 8, i32.store 2 16, end.
  Bytes Body = {0x00, 0x20, 0x00, 0x20, 0x00, 0x28,
                0x02, 0x08, 0x36, 0x02, 0x10, 0x0B};
  Bytes Code = cat({{0x0A}, uleb(1 + 1 + Body.size()), uleb(1),
                    uleb(Body.size()), Body});
  const uint32_t BodyAt = Head.size() + (Code.size() - Body.size());
  *Load = BodyAt + 5;
  *Store = BodyAt + 8;
  return cat({Head, Code});
}

/// The instruction offsets the map names for defined function 0.
std::vector<uint32_t> instructionsOfFirstFunction(StringRef Map) {
  const auto *W = reinterpret_cast<const uint8_t *>(Map.data());
  auto wordAt = [&](size_t I) { return support::endian::read32le(W + 4 * I); };
  const uint32_t N = wordAt(2);
  const uint8_t *Stream = W + 4 * (4 + 3 * size_t(N) + 1);
  const uint8_t *At = Stream + wordAt(4 + 2 * N);
  const uint8_t *End = Stream + wordAt(4 + 2 * N + 1);
  auto uleb = [&]() {
    uint64_t V = 0;
    for (unsigned Shift = 0;; Shift += 7) {
      uint8_t B = *At++;
      V |= uint64_t(B & 0x7F) << Shift;
      if (!(B & 0x80))
        return V;
    }
  };
  std::vector<uint32_t> Offsets;
  int64_t Prev = wordAt(4);
  while (At < End) {
    uleb(); // code delta
    uint64_t What = uleb();
    if (What == 1)
      uleb();
    if (What >= 2) {
      uint64_t Z = What - 2;
      Prev += (Z & 1) ? -int64_t((Z + 1) >> 1) : int64_t(Z >> 1);
      Offsets.push_back(uint32_t(Prev));
    }
  }
  return Offsets;
}

class CompiledSiteMapTest
    : public ::testing::TestWithParam<std::tuple<const char *, BoundsChecks>> {
};

TEST_P(CompiledSiteMapTest, NamesTheAccessesAndStripsDebugInfo) {
  uint32_t LoadOffset = 0, StoreOffset = 0;
  Bytes Wasm = accessModule(&LoadOffset, &StoreOffset);
  CompileOptions Opts;
  Opts.Target.Triple = std::get<0>(GetParam());
  Opts.Lower.Bounds = std::get<1>(GetParam());
  SmallVector<char, 0> Object;
  raw_svector_ostream OS(Object);
  ASSERT_FALSE(errorToBool(compileModule(Wasm, Opts, OS)));

  Expected<std::unique_ptr<object::ObjectFile>> Obj =
      object::ObjectFile::createObjectFile(
          MemoryBufferRef(StringRef(Object.data(), Object.size()), "obj"));
  ASSERT_TRUE(bool(Obj)) << toString(Obj.takeError());
  std::optional<StringRef> Map;
  for (const object::SectionRef &S : (*Obj)->sections()) {
    Expected<StringRef> Name = S.getName();
    ASSERT_TRUE(bool(Name));
    EXPECT_FALSE(Name->starts_with(".debug")) << Name->str();
    if (*Name == WA_SITE_MAP_SECTION) {
      Expected<StringRef> Contents = S.getContents();
      ASSERT_TRUE(bool(Contents));
      Map = *Contents;
    }
  }
  ASSERT_TRUE(Map.has_value());
  ASSERT_GE(Map->size(), 16u);
  const auto *W = reinterpret_cast<const uint8_t *>(Map->data());
  EXPECT_EQ(support::endian::read32le(W), WA_SITE_MAP_MAGIC);
  if (std::get<1>(GetParam()) == BoundsChecks::Explicit) {
    // Nothing faults: every trap knows its site without a map.
    EXPECT_EQ(support::endian::read32le(W + 8), 0u);
    return;
  }
  EXPECT_EQ(support::endian::read32le(W + 8), 1u); // one defined function
  std::vector<uint32_t> Named = instructionsOfFirstFunction(*Map);
  EXPECT_NE(std::find(Named.begin(), Named.end(), LoadOffset), Named.end())
      << "the map does not name the load at " << LoadOffset;
  EXPECT_NE(std::find(Named.begin(), Named.end(), StoreOffset), Named.end())
      << "the map does not name the store at " << StoreOffset;
  for (uint32_t Offset : Named)
    EXPECT_TRUE(Offset == LoadOffset || Offset == StoreOffset)
        << "the map names " << Offset << ", no access of the module";
}

INSTANTIATE_TEST_SUITE_P(
    Targets, CompiledSiteMapTest,
    ::testing::Combine(::testing::Values("x86_64-linux-gnu",
                                         "aarch64-linux-gnu",
                                         "riscv64-linux-gnu"),
                       ::testing::Values(BoundsChecks::Guard,
                                         BoundsChecks::Explicit)),
    [](const auto &Info) {
      std::string Arch = std::get<0>(Info.param);
      Arch = Arch.substr(0, Arch.find('-'));
      return Arch + (std::get<1>(Info.param) == BoundsChecks::Guard
                         ? "_guard"
                         : "_explicit");
    });

} // namespace

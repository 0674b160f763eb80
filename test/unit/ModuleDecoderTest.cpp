//===- ModuleDecoderTest.cpp - Whole binary modules -----------------------===//
#include "decode/ModuleDecoder.h"

#include "WasmBuilder.h"

#include <gtest/gtest.h>

#include <iterator>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

// Value type and other single-byte encodings.
constexpr uint8_t I32 = 0x7F, I64 = 0x7E, F32 = 0x7D, F64 = 0x7C, V128 = 0x7B,
                  FuncRef = 0x70, ExternRef = 0x6F, End = 0x0B;

// Section ids.
constexpr uint8_t TypeSec = 1, ImportSec = 2, FuncSec = 3, TableSec = 4,
                  MemorySec = 5, GlobalSec = 6, ExportSec = 7, StartSec = 8,
                  ElemSec = 9, CodeSec = 10, DataSec = 11, DataCountSec = 12,
                  TagSec = 13;

/// The preamble is eight bytes, so the first section's id is at 8, its
/// size at 9 and (for payloads under 128 bytes) its payload at 10.
constexpr uint64_t FirstPayload = 10;

Bytes funcType(const Bytes &Params, const Bytes &Results) {
  return cat(
      {{0x60}, uleb(Params.size()), Params, uleb(Results.size()), Results});
}

/// A code entry: size, then locals and instructions.
Bytes body(const Bytes &Locals, const Bytes &Instrs) {
  Bytes Inner = cat({Locals, Instrs});
  return cat({uleb(Inner.size()), Inner});
}

/// Type section with the single type [] -> [].
Bytes oneVoidType() { return section(TypeSec, vec({funcType({}, {})})); }

Failure decodeFailure(const Bytes &B, const Features &F = Features()) {
  auto M = decodeModule(B, F);
  return failureOf(M);
}

Features with(Feature X) {
  Features F;
  F.set(X);
  return F;
}

//===-- Preamble ----------------------------------------------------------===//

TEST(ModuleDecoderPreamble, EmptyFileIsUnexpectedEnd) {
  EXPECT_TRUE(isMalformed(decodeFailure({}), "unexpected end", 0));
  EXPECT_TRUE(isMalformed(decodeFailure({0x00, 0x61, 0x73}), "unexpected end"));
  EXPECT_TRUE(isMalformed(decodeFailure({0x01}), "unexpected end"));
}

TEST(ModuleDecoderPreamble, BadMagic) {
  const Bytes Cases[] = {
      {0x61, 0x73, 0x6D, 0x00, 0x01, 0x00, 0x00, 0x00}, // rotated
      {0x00, 0x41, 0x53, 0x4D, 0x01, 0x00, 0x00, 0x00}, // upper case
      {0x00, 0x00, 0x00, 0x01, 0x6D, 0x73, 0x61, 0x00}, // reversed
      {0xEF, 0xBB, 0xBF, 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00}, // BOM
      {'(', 'm', 'o', 'd', 'u', 'l', 'e', ')'}, // text format
      {0x00, 0x61, 0x73, 0x6E},
  };
  for (const Bytes &B : Cases)
    EXPECT_TRUE(isMalformed(decodeFailure(B), "magic header not detected", 0))
        << testing::PrintToString(B);
}

TEST(ModuleDecoderPreamble, BadVersion) {
  Bytes Magic{0x00, 0x61, 0x73, 0x6D};
  EXPECT_TRUE(isMalformed(decodeFailure(Magic), "unexpected end", 4));
  EXPECT_TRUE(isMalformed(decodeFailure(cat({Magic, {0x01, 0x00, 0x00}})),
                          "unexpected end", 4));
  const Bytes Versions[] = {{0x00, 0x00, 0x00, 0x00},
                            {0x02, 0x00, 0x00, 0x00},
                            {0x00, 0x00, 0x00, 0x01},
                            {0x0D, 0x00, 0x01, 0x00},
                            {0x01, 0x00, 0x00, 0x80}};
  for (const Bytes &V : Versions)
    EXPECT_TRUE(isMalformed(decodeFailure(cat({Magic, V})),
                            "unknown binary version", 4))
        << testing::PrintToString(V);
}

TEST(ModuleDecoderPreamble, EmptyModule) {
  Bytes B = preamble();
  auto M = decodeModule(B, Features::none());
  ASSERT_TRUE(succeeded(M));
  EXPECT_TRUE(M->Types.empty());
  EXPECT_TRUE(M->Imports.empty());
  EXPECT_TRUE(M->Functions.empty());
  EXPECT_TRUE(M->Tables.empty());
  EXPECT_TRUE(M->Memories.empty());
  EXPECT_TRUE(M->Globals.empty());
  EXPECT_TRUE(M->Exports.empty());
  EXPECT_TRUE(M->Elems.empty());
  EXPECT_TRUE(M->Datas.empty());
  EXPECT_TRUE(M->Customs.empty());
  EXPECT_TRUE(M->Sections.empty());
  EXPECT_FALSE(M->Start.has_value());
  EXPECT_FALSE(M->DataCount.has_value());
  EXPECT_FALSE(M->Names.ModuleName.has_value());
  EXPECT_EQ(M->Bytes, B);
  EXPECT_FALSE(M->EnabledFeatures.has(Feature::Simd));
}

TEST(ModuleDecoderPreamble, KeepsTheBytesAndTheFeatures) {
  Bytes B = module({oneVoidType()});
  auto M = decodeModule(B, with(Feature::TailCall));
  ASSERT_TRUE(succeeded(M));
  EXPECT_EQ(M->Bytes, B);
  EXPECT_TRUE(M->EnabledFeatures.has(Feature::TailCall));
  EXPECT_TRUE(M->EnabledFeatures.has(Feature::Simd));
}

//===-- Section framing ---------------------------------------------------===//

TEST(ModuleDecoderSections, MalformedSectionId) {
  EXPECT_TRUE(isMalformed(decodeFailure(module({{0x0E, 0x00}})),
                          "malformed section id", 8));
  EXPECT_TRUE(isMalformed(decodeFailure(module({{0x7F, 0x00}})),
                          "malformed section id", 8));
  EXPECT_TRUE(isMalformed(decodeFailure(module({{0xFF, 0x00}})),
                          "malformed section id", 8));
  // After a good section, at the next id.
  EXPECT_TRUE(isMalformed(decodeFailure(module({oneVoidType(), {0x11, 0x00}})),
                          "malformed section id", 8 + oneVoidType().size()));
}

TEST(ModuleDecoderSections, TagSectionNeedsExceptions) {
  Bytes B = module({section(TagSec, vec({}))});
  EXPECT_TRUE(isMalformed(decodeFailure(B), "malformed section id", 8));
  auto M = decodeModule(B, with(Feature::Exceptions));
  EXPECT_TRUE(succeeded(M));
}

TEST(ModuleDecoderSections, SectionRunningPastTheFile) {
  // Payload size 5, one byte present.
  Failure F = decodeFailure(module({{TypeSec, 0x05, 0x00}}));
  EXPECT_TRUE(isMalformed(F, "unexpected end"));
  F = decodeFailure(
      module({{0x00, 0x26, 0x10, 'a', ' ', 'c', 'u', 's', 't', 'o', 'm', ' ',
               's', 'e', 'c', 't', 'i', 'o', 'n'}}));
  EXPECT_TRUE(isMalformed(F, "unexpected end"));
  F = decodeFailure(module({{TypeSec, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00}}));
  EXPECT_TRUE(isMalformed(F, "length out of bounds"));
}

TEST(ModuleDecoderSections, TruncatedSectionHeader) {
  EXPECT_TRUE(
      isMalformed(decodeFailure(module({{TypeSec}})), "unexpected end", 9));
  EXPECT_TRUE(isMalformed(decodeFailure(module({{TypeSec, 0x80}})),
                          "unexpected end", 9));
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({{TypeSec, 0x80, 0x80, 0x80, 0x80, 0x10}})),
      "integer too large", 9));
}

TEST(ModuleDecoderSections, PaddedSectionSizeIsLegal) {
  // Size 1 written in five bytes.
  Bytes B = module({{TypeSec, 0x81, 0x80, 0x80, 0x80, 0x00, 0x00}});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  ASSERT_EQ(M->Sections.size(), 1u);
  EXPECT_EQ(M->Sections[0].PayloadOffset, 14u);
  EXPECT_EQ(M->Sections[0].Size, 1u);
}

TEST(ModuleDecoderSections, PayloadLongerThanItsContent) {
  // A type section of size 2 holding an empty vector and one stray byte.
  Failure F = decodeFailure(module({{TypeSec, 0x02, 0x00, 0x00}}));
  EXPECT_TRUE(isMalformed(F, "section size mismatch", FirstPayload + 1));
  EXPECT_EQ(F.Section, "type");
  // The same in a start section.
  F = decodeFailure(module({{StartSec, 0x02, 0x00, 0x00}}));
  EXPECT_TRUE(isMalformed(F, "section size mismatch", FirstPayload + 1));
  // A data count section.
  F = decodeFailure(module({{DataCountSec, 0x03, 0x00, 0x00, 0x00}}));
  EXPECT_TRUE(isMalformed(F, "section size mismatch", FirstPayload + 1));
}

TEST(ModuleDecoderSections, PayloadShorterThanItsContent) {
  // One type (i32) -> (): five bytes, declared as four. The reader must stop
  // at the section's end even though the file goes on.
  Bytes B = module({{TypeSec, 0x04, 0x01, 0x60, 0x01, I32, 0x00},
                    section(FuncSec, vec({}))});
  Failure F = decodeFailure(B);
  EXPECT_TRUE(isMalformed(F, "unexpected end", FirstPayload + 4));
  EXPECT_EQ(F.Section, "type");
}

TEST(ModuleDecoderSections, AllSectionsInOrder) {
  Bytes B = module({
      oneVoidType(),
      section(ImportSec, vec({cat({name("m"), name("f"), {0x00, 0x00}})})),
      section(FuncSec, vec({{0x00}})),
      section(TableSec, vec({{FuncRef, 0x00, 0x01}})),
      section(MemorySec, vec({{0x00, 0x01}})),
      section(GlobalSec, vec({{I32, 0x00, 0x41, 0x00, End}})),
      section(ExportSec, vec({cat({name("g"), {0x03, 0x00}})})),
      section(StartSec, {0x01}),
      section(ElemSec, vec({{0x00, 0x41, 0x00, End, 0x01, 0x01}})),
      section(DataCountSec, {0x01}),
      section(CodeSec, vec({body({0x00}, {End})})),
      section(DataSec, vec({{0x01, 0x02, 'h', 'i'}})),
  });
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  const uint8_t Ids[] = {TypeSec,   ImportSec,    FuncSec,   TableSec,
                         MemorySec, GlobalSec,    ExportSec, StartSec,
                         ElemSec,   DataCountSec, CodeSec,   DataSec};
  ASSERT_EQ(M->Sections.size(), std::size(Ids));
  uint64_t Expect = 8;
  for (size_t I = 0; I < std::size(Ids); ++I) {
    const SectionInfo &S = M->Sections[I];
    EXPECT_EQ(S.Id, Ids[I]) << I;
    EXPECT_EQ(S.Name, sectionName(Ids[I]).str()) << I;
    EXPECT_EQ(S.Offset, Expect) << I;
    EXPECT_EQ(S.PayloadOffset, Expect + 2) << I; // all sizes fit one byte
    Expect = S.PayloadOffset + S.Size;
  }
  EXPECT_EQ(Expect, B.size());
  EXPECT_EQ(M->Types.size(), 1u);
  EXPECT_EQ(M->Imports.size(), 1u);
  EXPECT_EQ(M->Functions.size(), 1u);
  EXPECT_EQ(M->Tables.size(), 1u);
  EXPECT_EQ(M->Memories.size(), 1u);
  EXPECT_EQ(M->Globals.size(), 1u);
  EXPECT_EQ(M->Exports.size(), 1u);
  EXPECT_EQ(M->Start, 1u);
  EXPECT_EQ(M->Elems.size(), 1u);
  EXPECT_EQ(M->DataCount, 1u);
  EXPECT_EQ(M->Datas.size(), 1u);
  EXPECT_EQ(M->numFuncs(), 2u);
}

/// Every known section, by id, with a minimal well-formed payload.
Bytes minimalSection(uint8_t Id) {
  switch (Id) {
  case StartSec:
  case DataCountSec:
    return section(Id, {0x00});
  default:
    return section(Id, vec({}));
  }
}

TEST(ModuleDecoderSections, DuplicateSectionsAreRejected) {
  for (uint8_t Id :
       {TypeSec, ImportSec, FuncSec, TableSec, MemorySec, GlobalSec, ExportSec,
        StartSec, ElemSec, DataCountSec, CodeSec, DataSec}) {
    Bytes First = minimalSection(Id);
    Bytes B = module({First, minimalSection(Id)});
    EXPECT_TRUE(
        isMalformed(decodeFailure(B), "after last section", 8 + First.size()))
        << "section " << int(Id);
  }
}

TEST(ModuleDecoderSections, OutOfOrderSectionsAreRejected) {
  const std::pair<uint8_t, uint8_t> Pairs[] = {
      {FuncSec, TypeSec},      {ImportSec, TypeSec},    {MemorySec, TableSec},
      {ExportSec, GlobalSec},  {ElemSec, StartSec},     {CodeSec, ElemSec},
      {DataSec, CodeSec},      {CodeSec, DataCountSec}, // data count first
      {DataCountSec, ElemSec}, {DataSec, TypeSec},      {GlobalSec, MemorySec},
  };
  for (auto [A, B] : Pairs) {
    Bytes First = minimalSection(A);
    Bytes Mod = module({First, minimalSection(B)});
    EXPECT_TRUE(
        isMalformed(decodeFailure(Mod), "after last section", 8 + First.size()))
        << int(A) << " then " << int(B);
  }
}

TEST(ModuleDecoderSections, DataCountGoesBetweenElementAndCode) {
  Bytes B = module({minimalSection(ElemSec), minimalSection(DataCountSec),
                    minimalSection(CodeSec), minimalSection(DataSec)});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  EXPECT_EQ(M->DataCount, 0u);
}

TEST(ModuleDecoderSections, TagSectionGoesBetweenMemoryAndGlobal) {
  Features F = with(Feature::Exceptions);
  Bytes Good = module({minimalSection(MemorySec), minimalSection(TagSec),
                       minimalSection(GlobalSec)});
  auto M = decodeModule(Good, F);
  EXPECT_TRUE(succeeded(M));
  Bytes Bad = module({minimalSection(GlobalSec), minimalSection(TagSec)});
  EXPECT_TRUE(isMalformed(decodeFailure(Bad, F), "after last section"));
}

//===-- Custom sections ---------------------------------------------------===//

TEST(ModuleDecoderCustom, KeptAnywhereWithTheirNames) {
  Bytes C1 = customSection("first", {1, 2, 3});
  Bytes C2 = customSection("second", {});
  Bytes C3 = customSection("\xE2\x8C\xA3 third", {0xFF});
  Bytes C4 = customSection("first", {9}); // names may repeat
  Bytes Type = oneVoidType();
  Bytes Func = section(FuncSec, vec({}));
  Bytes B = module({C1, Type, C2, C3, Func, C4});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  ASSERT_EQ(M->Customs.size(), 4u);
  EXPECT_EQ(M->Customs[0].Name, "first");
  EXPECT_EQ(M->Customs[1].Name, "second");
  EXPECT_EQ(M->Customs[2].Name, "\xE2\x8C\xA3 third");
  EXPECT_EQ(M->Customs[3].Name, "first");

  uint64_t At = 8;
  EXPECT_EQ(M->Customs[0].Offset, At);
  EXPECT_EQ(M->Customs[0].PayloadOffset, At + 2 + 6); // id, size, name
  EXPECT_EQ(M->Customs[0].PayloadSize, 3u);
  At += C1.size() + Type.size();
  EXPECT_EQ(M->Customs[1].Offset, At);
  EXPECT_EQ(M->Customs[1].PayloadSize, 0u);
  At += C2.size();
  EXPECT_EQ(M->Customs[2].Offset, At);
  EXPECT_EQ(M->Customs[2].PayloadSize, 1u);
  EXPECT_EQ(M->Bytes[M->Customs[2].PayloadOffset], 0xFF);
  EXPECT_EQ(M->Customs[3].PayloadOffset + 1, B.size());

  // The section list names custom sections by their own name.
  ASSERT_EQ(M->Sections.size(), 6u);
  EXPECT_EQ(M->Sections[0].Id, 0);
  EXPECT_EQ(M->Sections[0].Name, "first");
  EXPECT_EQ(M->Sections[1].Name, "type");
  EXPECT_EQ(M->Sections[2].Name, "second");
  EXPECT_EQ(M->Sections[4].Name, "function");
  EXPECT_EQ(M->Types.size(), 1u);
}

TEST(ModuleDecoderCustom, AfterTheLastSectionAndAlone) {
  Bytes B = module({minimalSection(DataSec), customSection("late", {0x00}),
                    customSection("", {})});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  ASSERT_EQ(M->Customs.size(), 2u);
  EXPECT_EQ(M->Customs[1].Name, "");

  // A custom section whose payload is itself a module is just bytes.
  Bytes Nested = module({customSection("inner", module({oneVoidType()}))});
  auto N = decodeModule(Nested);
  ASSERT_TRUE(succeeded(N));
  EXPECT_TRUE(N->Types.empty());
}

TEST(ModuleDecoderCustom, MalformedCustomSections) {
  // No room for the name's length.
  EXPECT_TRUE(
      isMalformed(decodeFailure(module({{0x00, 0x00}})), "unexpected end"));
  // The name runs past the section (the file goes on).
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({{0x00, 0x02, 0x05, 'a'}, oneVoidType()})),
      "unexpected end"));
  // The name is not UTF-8.
  EXPECT_TRUE(
      isMalformed(decodeFailure(module({{0x00, 0x04, 0x03, 'a', 0xED, 0xA0}})),
                  "malformed UTF-8 encoding"));
  EXPECT_TRUE(
      isMalformed(decodeFailure(module({customSection("\xC0\x80", {})})),
                  "malformed UTF-8 encoding"));
}

//===-- Type section ------------------------------------------------------===//

TEST(ModuleDecoderTypes, FunctionTypes) {
  Bytes B = module({section(
      TypeSec, vec({funcType({}, {}), funcType({I32, I64}, {F32}),
                    funcType({V128, FuncRef, ExternRef}, {F64, I32})}))});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  ASSERT_EQ(M->Types.size(), 3u);
  EXPECT_TRUE(M->Types[0].Params.empty());
  EXPECT_TRUE(M->Types[0].Results.empty());
  EXPECT_EQ(M->Types[1].Params,
            (std::vector<ValType>{ValType::I32, ValType::I64}));
  EXPECT_EQ(M->Types[1].Results, (std::vector<ValType>{ValType::F32}));
  EXPECT_EQ(M->Types[2].Params,
            (std::vector<ValType>{ValType::V128, ValType::FuncRef,
                                  ValType::ExternRef}));
  EXPECT_EQ(M->Types[2].Results,
            (std::vector<ValType>{ValType::F64, ValType::I32}));
}

TEST(ModuleDecoderTypes, MalformedTypes) {
  // Not a function type form: offset of the form byte.
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(TypeSec, {0x01, 0x40, 0x00, 0x00})})),
      "malformed", FirstPayload + 1));
  // A bad value type.
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(TypeSec, {0x01, 0x60, 0x01, 0x40, 0x00})})),
      "malformed value type", FirstPayload + 3));
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(TypeSec, {0x01, 0x60, 0x00, 0x01, 0x00})})),
      "malformed value type", FirstPayload + 4));
  // v128 without SIMD.
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(TypeSec, vec({funcType({V128}, {})}))}),
                    Features::none()),
      "malformed value type"));
  // More parameters than bytes.
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(
          TypeSec, {0x01, 0x60, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00})})),
      "length out of bounds", FirstPayload + 2));
}

//===-- Huge counts -------------------------------------------------------===//

TEST(ModuleDecoderCounts, HugeCountsInSmallFilesAreRejected) {
  // A count of 2^32-1 with five bytes of payload: refused from the count,
  // before anything is allocated for it.
  for (uint8_t Id : {TypeSec, ImportSec, FuncSec, TableSec, MemorySec,
                     GlobalSec, ExportSec, ElemSec, CodeSec, DataSec}) {
    Bytes B = module({section(Id, {0xFF, 0xFF, 0xFF, 0xFF, 0x0F})});
    EXPECT_TRUE(
        isMalformed(decodeFailure(B), "length out of bounds", FirstPayload))
        << "section " << int(Id);
  }
  Bytes Tags = module({section(TagSec, {0xFF, 0xFF, 0xFF, 0xFF, 0x0F})});
  EXPECT_TRUE(isMalformed(decodeFailure(Tags, with(Feature::Exceptions)),
                          "length out of bounds", FirstPayload));
}

TEST(ModuleDecoderCounts, SmallestEntriesAreWellFormed) {
  // The cheap count check must not demand more bytes than the smallest
  // well-formed entry has. (Globals: see EmptyInitExpressionIsWellFormed.)
  const std::pair<uint8_t, Bytes> Cases[] = {
      {TypeSec, {0x60, 0x00, 0x00}},
      {ImportSec, {0x00, 0x00, 0x00, 0x00}},       // "" "" func 0
      {ImportSec, {0x00, 0x00, 0x02, 0x00, 0x00}}, // "" "" memory
      {ImportSec, {0x00, 0x00, 0x03, I32, 0x00}},  // "" "" global
      {FuncSec, {0x00}},
      {TableSec, {FuncRef, 0x00, 0x00}},
      {MemorySec, {0x00, 0x00}},
      {ExportSec, {0x00, 0x00, 0x00}}, // "" func 0
      {ElemSec, {0x01, 0x00, 0x00}},   // passive, empty
      {ElemSec, {0x00, End, 0x00}},    // empty offset
      {ElemSec, {0x04, End, 0x00}},
      {ElemSec, {0x05, FuncRef, 0x00}},
      {DataSec, {0x01, 0x00}},      // passive, empty
      {DataSec, {0x00, End, 0x00}}, // empty offset
  };
  for (const auto &[Id, Entry] : Cases) {
    Bytes Sec = section(Id, cat({{0x01}, Entry}));
    // A function section needs its code section.
    Bytes B = Id == FuncSec
                  ? module({Sec, section(CodeSec, vec({body({0x00}, {End})}))})
                  : module({Sec});
    auto M = decodeModule(B);
    EXPECT_TRUE(succeeded(M))
        << "section " << int(Id) << " entry " << testing::PrintToString(Entry);
  }
  Bytes Tag = module({section(TagSec, {0x01, 0x00, 0x00})});
  auto M = decodeModule(Tag, with(Feature::Exceptions));
  ASSERT_TRUE(succeeded(M));
  EXPECT_EQ(M->Tags.size(), 1u);
  // Smallest code entry: size, no locals, end.
  Bytes Code = module({section(FuncSec, vec({{0x00}})),
                       section(CodeSec, {0x01, 0x02, 0x00, End})});
  auto C = decodeModule(Code);
  EXPECT_TRUE(succeeded(C));
}

TEST(ModuleDecoderCounts, CountOneLargerThanTheEntries) {
  // Two types declared, one present.
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(TypeSec, {0x02, 0x60, 0x00, 0x00})})),
      "length out of bounds"));
  // Two function type indices declared, one present.
  EXPECT_TRUE(
      isMalformed(decodeFailure(module({section(FuncSec, {0x02, 0x00})})),
                  "length out of bounds"));
}

TEST(ModuleDecoderCounts, HugeLengthsInsideEntries) {
  // An import module name of 2^32-1 bytes.
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(
          ImportSec, {0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, 0x00, 0x00})})),
      "unexpected end"));
  // A data segment of 2^32-1 bytes.
  EXPECT_TRUE(isMalformed(
      decodeFailure(module(
          {section(DataSec, {0x01, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F})})),
      "unexpected end"));
  // Element items.
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(
          ElemSec, {0x01, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F})})),
      "length out of bounds"));
}

//===-- Import section ----------------------------------------------------===//

TEST(ModuleDecoderImports, AllKinds) {
  Bytes B = module({
      oneVoidType(),
      section(
          ImportSec,
          vec({cat({name("env"), name("f"), {0x00, 0x00}}),
               cat({name("env"), name("t"), {0x01, FuncRef, 0x01, 0x01, 0x02}}),
               cat({name("env"), name("m"), {0x02, 0x00, 0x01}}),
               cat({name("env"), name("g"), {0x03, I32, 0x00}}),
               cat({name("js"), name("mut"), {0x03, F64, 0x01}}),
               cat({name(""), name(""), {0x01, ExternRef, 0x00, 0x00}}),
               cat({name("env"), name("m2"), {0x02, 0x01, 0x00, 0x80, 0x02}}),
               cat({name("env"), name("f2"), {0x00, 0x80, 0x00}})})),
  });
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  ASSERT_EQ(M->Imports.size(), 8u);
  const auto &Im = M->Imports;

  EXPECT_EQ(Im[0].Module, "env");
  EXPECT_EQ(Im[0].Name, "f");
  EXPECT_EQ(Im[0].Kind, ExternKind::Func);
  EXPECT_EQ(Im[0].FuncTypeIndex, 0u);
  EXPECT_EQ(Im[0].Offset, 8 + oneVoidType().size() + 3);

  EXPECT_EQ(Im[1].Kind, ExternKind::Table);
  EXPECT_EQ(Im[1].Table.ElemType, ValType::FuncRef);
  EXPECT_EQ(Im[1].Table.Limits.Min, 1u);
  EXPECT_EQ(Im[1].Table.Limits.Max, 2u);

  EXPECT_EQ(Im[2].Kind, ExternKind::Memory);
  EXPECT_EQ(Im[2].Memory.Limits.Min, 1u);
  EXPECT_FALSE(Im[2].Memory.Limits.Max.has_value());
  EXPECT_FALSE(Im[2].Memory.Limits.Shared);
  EXPECT_FALSE(Im[2].Memory.Limits.Is64);

  EXPECT_EQ(Im[3].Kind, ExternKind::Global);
  EXPECT_EQ(Im[3].Global.Type, ValType::I32);
  EXPECT_FALSE(Im[3].Global.Mutable);

  EXPECT_EQ(Im[4].Module, "js");
  EXPECT_EQ(Im[4].Name, "mut");
  EXPECT_EQ(Im[4].Global.Type, ValType::F64);
  EXPECT_TRUE(Im[4].Global.Mutable);

  EXPECT_EQ(Im[5].Module, "");
  EXPECT_EQ(Im[5].Kind, ExternKind::Table);
  EXPECT_EQ(Im[5].Table.ElemType, ValType::ExternRef);
  EXPECT_EQ(Im[5].Table.Limits.Min, 0u);
  EXPECT_FALSE(Im[5].Table.Limits.Max.has_value());

  EXPECT_EQ(Im[6].Memory.Limits.Min, 0u);
  EXPECT_EQ(Im[6].Memory.Limits.Max, 256u);

  EXPECT_EQ(Im[7].Kind, ExternKind::Func);
  EXPECT_EQ(Im[7].FuncTypeIndex, 0u);

  // Index spaces.
  EXPECT_EQ(M->numImportedFuncs(), 2u);
  EXPECT_EQ(M->numImportedTables(), 2u);
  EXPECT_EQ(M->numImportedMemories(), 2u);
  EXPECT_EQ(M->numImportedGlobals(), 2u);
  ASSERT_NE(M->importFor(ExternKind::Func, 1), nullptr);
  EXPECT_EQ(M->importFor(ExternKind::Func, 1)->Name, "f2");
  EXPECT_EQ(M->importFor(ExternKind::Table, 1)->Table.ElemType,
            ValType::ExternRef);
  EXPECT_EQ(M->globalType(1).Type, ValType::F64);
}

TEST(ModuleDecoderImports, MalformedImportKind) {
  for (uint8_t Kind : {0x04, 0x05, 0x40, 0x7F}) {
    Bytes B = module(
        {section(ImportSec, vec({cat({name("a"), name("b"), {Kind, 0x00}})}))});
    // Count (1), two names (2 + 2): the kind byte is the payload's sixth.
    Failure F = decodeFailure(B);
    EXPECT_TRUE(isMalformed(F, "malformed import kind", FirstPayload + 5))
        << int(Kind);
    EXPECT_EQ(F.Section, "import");
  }
}

TEST(ModuleDecoderImports, TagImportWithExceptions) {
  Bytes B =
      module({oneVoidType(),
              section(ImportSec,
                      vec({cat({name("a"), name("e"), {0x04, 0x00, 0x00}})}))});
  auto M = decodeModule(B, with(Feature::Exceptions));
  ASSERT_TRUE(succeeded(M));
  ASSERT_EQ(M->Imports.size(), 1u);
  EXPECT_EQ(M->Imports[0].Kind, ExternKind::Tag);
  EXPECT_EQ(M->numImportedTags(), 1u);
}

TEST(ModuleDecoderImports, MalformedNames) {
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(
          ImportSec, vec({cat({{0x01, 0xFF}, name("b"), {0x00, 0x00}})}))})),
      "malformed UTF-8 encoding"));
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(
          ImportSec,
          vec({cat({name("a"), {0x02, 0xC2, 0x20}, {0x00, 0x00}})}))})),
      "malformed UTF-8 encoding"));
}

Bytes memoryImport(Bytes Limits) {
  return module(
      {section(ImportSec, vec({cat({name("a"), name("m"), {0x02}, Limits})}))});
}

TEST(ModuleDecoderImports, LimitsFlags) {
  const uint64_t FlagsAt = FirstPayload + 6;
  // 2.0: only bit 0.
  for (uint8_t Flags : {0x02, 0x03, 0x04, 0x05, 0x08, 0x80, 0x81})
    EXPECT_TRUE(isMalformed(decodeFailure(memoryImport({Flags, 0x00, 0x00})),
                            "malformed limits flags", FlagsAt))
        << int(Flags);

  // Threads allows the shared bit on memories.
  auto Shared =
      decodeModule(memoryImport({0x03, 0x01, 0x02}), with(Feature::Threads));
  ASSERT_TRUE(succeeded(Shared));
  EXPECT_TRUE(Shared->Imports[0].Memory.Limits.Shared);
  EXPECT_EQ(Shared->Imports[0].Memory.Limits.Max, 2u);

  // Memory64 allows 64-bit limits.
  Bytes Big = cat({{0x05}, uleb(uint64_t(1) << 40), uleb(uint64_t(1) << 41)});
  auto Wide = decodeModule(memoryImport(Big), with(Feature::Memory64));
  ASSERT_TRUE(succeeded(Wide));
  EXPECT_TRUE(Wide->Imports[0].Memory.Limits.Is64);
  EXPECT_EQ(Wide->Imports[0].Memory.Limits.Min, uint64_t(1) << 40);
  EXPECT_EQ(Wide->Imports[0].Memory.Limits.Max, uint64_t(1) << 41);

  // Without memory64 a bound is a u32.
  EXPECT_TRUE(isMalformed(
      decodeFailure(memoryImport(cat({{0x00}, uleb(uint64_t(1) << 32)}))),
      "integer too large", FlagsAt + 1));

  // Tables never take the shared bit.
  Bytes Table = module({section(
      ImportSec,
      vec({cat({name("a"), name("t"), {0x01, FuncRef, 0x02, 0x00}})}))});
  EXPECT_TRUE(isMalformed(decodeFailure(Table, with(Feature::Threads)),
                          "malformed limits flags", FlagsAt + 1));
}

TEST(ModuleDecoderImports, MalformedMutability) {
  for (uint8_t Mut : {0x02, 0x7F, 0xFF}) {
    Bytes B = module({section(
        ImportSec, vec({cat({name("a"), name("g"), {0x03, I32, Mut}})}))});
    EXPECT_TRUE(
        isMalformed(decodeFailure(B), "malformed mutability", FirstPayload + 7))
        << int(Mut);
  }
}

TEST(ModuleDecoderImports, MalformedTableElementType) {
  Bytes B = module({section(
      ImportSec, vec({cat({name("a"), name("t"), {0x01, I32, 0x00, 0x00}})}))});
  EXPECT_TRUE(isMalformed(decodeFailure(B), "malformed reference type",
                          FirstPayload + 6));
}

//===-- Function, table, memory sections ----------------------------------===//

TEST(ModuleDecoderFunctions, TypeIndices) {
  Bytes B =
      module({section(FuncSec, vec({{0x02}, {0x80, 0x01}, {0x00}})),
              section(CodeSec, vec({body({0x00}, {End}), body({0x00}, {End}),
                                    body({0x00}, {End})}))});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  ASSERT_EQ(M->Functions.size(), 3u);
  EXPECT_EQ(M->Functions[0].TypeIndex, 2u);
  EXPECT_EQ(M->Functions[1].TypeIndex, 128u);
  EXPECT_EQ(M->Functions[2].TypeIndex, 0u);
}

TEST(ModuleDecoderTables, Tables) {
  Bytes B = module({section(TableSec, vec({{FuncRef, 0x00, 0x00},
                                           {ExternRef, 0x01, 0x01, 0x0A},
                                           {FuncRef, 0x01, 0x80, 0x00, 0xFF,
                                            0xFF, 0xFF, 0xFF, 0x0F}}))});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  ASSERT_EQ(M->Tables.size(), 3u);
  EXPECT_EQ(M->Tables[0].ElemType, ValType::FuncRef);
  EXPECT_EQ(M->Tables[0].Limits.Min, 0u);
  EXPECT_FALSE(M->Tables[0].Limits.Max.has_value());
  EXPECT_EQ(M->Tables[1].ElemType, ValType::ExternRef);
  EXPECT_EQ(M->Tables[1].Limits.Min, 1u);
  EXPECT_EQ(M->Tables[1].Limits.Max, 10u);
  EXPECT_EQ(M->Tables[2].Limits.Min, 0u);
  EXPECT_EQ(M->Tables[2].Limits.Max, 0xFFFFFFFFu);
  EXPECT_EQ(M->numTables(), 3u);

  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(TableSec, vec({{0x40, 0x00, 0x00}}))})),
      "malformed reference type", FirstPayload + 1));
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(TableSec, vec({{FuncRef, 0x01, 0x00}}))})),
      "unexpected end"));
}

TEST(ModuleDecoderMemories, Memories) {
  Bytes B = module({section(
      MemorySec, vec({{0x00, 0x01}, {0x01, 0x00, 0x80, 0x80, 0x04}}))});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  ASSERT_EQ(M->Memories.size(), 2u);
  EXPECT_EQ(M->Memories[0].Limits.Min, 1u);
  EXPECT_FALSE(M->Memories[0].Limits.Max.has_value());
  EXPECT_EQ(M->Memories[1].Limits.Min, 0u);
  EXPECT_EQ(M->Memories[1].Limits.Max, 65536u);

  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(MemorySec, vec({{0x02, 0x00}}))})),
      "malformed limits flags", FirstPayload + 1));
  EXPECT_TRUE(isMalformed(
      decodeFailure(module(
          {section(MemorySec, vec({{0x00, 0x80, 0x80, 0x80, 0x80, 0x10}}))})),
      "integer too large", FirstPayload + 2));
}

//===-- Global section ----------------------------------------------------===//

TEST(ModuleDecoderGlobals, InitExpressions) {
  Bytes Globals = vec({{I32, 0x01, 0x41, 0x2A, End},
                       {F64, 0x00, 0x44, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, End},
                       {FuncRef, 0x00, 0xD0, FuncRef, End},
                       {I64, 0x00, 0x23, 0x00, End}});
  Bytes B = module({section(GlobalSec, Globals)});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  ASSERT_EQ(M->Globals.size(), 4u);
  const Global &G0 = M->Globals[0];
  EXPECT_EQ(G0.Type.Type, ValType::I32);
  EXPECT_TRUE(G0.Type.Mutable);
  EXPECT_EQ(G0.Offset, FirstPayload + 1);
  ASSERT_EQ(G0.Init.Instrs.size(), 1u); // the final end is not kept
  EXPECT_EQ(G0.Init.Instrs[0].Op, Opcode::I32Const);
  EXPECT_EQ(G0.Init.Instrs[0].Bits, 42u);
  EXPECT_EQ(G0.Init.Offset, FirstPayload + 3);
  EXPECT_EQ(G0.Init.Instrs[0].Offset, FirstPayload + 3);

  const Global &G1 = M->Globals[1];
  EXPECT_EQ(G1.Type.Type, ValType::F64);
  EXPECT_FALSE(G1.Type.Mutable);
  ASSERT_EQ(G1.Init.Instrs.size(), 1u);
  EXPECT_EQ(G1.Init.Instrs[0].Bits, 0x3FF0000000000000ull);

  ASSERT_EQ(M->Globals[2].Init.Instrs.size(), 1u);
  EXPECT_EQ(M->Globals[2].Init.Instrs[0].Op, Opcode::RefNull);
  EXPECT_EQ(M->Globals[2].Init.Instrs[0].Type, ValType::FuncRef);

  ASSERT_EQ(M->Globals[3].Init.Instrs.size(), 1u);
  EXPECT_EQ(M->Globals[3].Init.Instrs[0].Op, Opcode::GlobalGet);
}

TEST(ModuleDecoderGlobals, EmptyInitExpressionIsWellFormed) {
  // `(global i32)` with an empty expression: three bytes, well-formed; the
  // validator rejects it (type mismatch), not the decoder.
  Bytes B = module({section(GlobalSec, vec({{I32, 0x00, End}}))});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  ASSERT_EQ(M->Globals.size(), 1u);
  EXPECT_TRUE(M->Globals[0].Init.Instrs.empty());
}

TEST(ModuleDecoderGlobals, NonConstantInstructionsAreDecodedNotJudged) {
  // A block inside an initialiser: its inner end must not end the
  // expression. (Whether it is constant is the validator's business.)
  Bytes B = module({section(
      GlobalSec, vec({{I32, 0x00, 0x02, 0x40, End, 0x41, 0x01, End}}))});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  ASSERT_EQ(M->Globals[0].Init.Instrs.size(), 3u);
  EXPECT_EQ(M->Globals[0].Init.Instrs[0].Op, Opcode::Block);
  EXPECT_EQ(M->Globals[0].Init.Instrs[2].Op, Opcode::I32Const);
}

TEST(ModuleDecoderGlobals, MalformedGlobals) {
  // No end before the section ends (the next section follows).
  Failure F = decodeFailure(module(
      {section(GlobalSec, vec({{I32, 0x00, 0x41, 0x00}})), oneVoidType()}));
  EXPECT_TRUE(isMalformed(F, "unexpected end"));
  EXPECT_EQ(F.Section, "global");
  // Illegal opcode inside the expression.
  EXPECT_TRUE(isMalformed(decodeFailure(module({section(
                              GlobalSec, vec({{I32, 0x00, 0x27, End}}))})),
                          "illegal opcode", FirstPayload + 3));
  EXPECT_TRUE(isMalformed(
      decodeFailure(
          module({section(GlobalSec, vec({{I32, 0x02, 0x41, 0x00, End}}))})),
      "malformed mutability", FirstPayload + 2));
  EXPECT_TRUE(isMalformed(
      decodeFailure(
          module({section(GlobalSec, vec({{0x40, 0x00, 0x41, 0x00, End}}))})),
      "malformed value type", FirstPayload + 1));
}

//===-- Export and start sections -----------------------------------------===//

TEST(ModuleDecoderExports, AllKinds) {
  Bytes B = module({section(
      ExportSec,
      vec({cat({name("f"), {0x00, 0x05}}), cat({name("t"), {0x01, 0x00}}),
           cat({name("m"), {0x02, 0x00}}), cat({name("g"), {0x03, 0x80, 0x01}}),
           cat({name("f"), {0x00, 0x05}})}))});
  // (Duplicate names and missing indices are for the validator.)
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  ASSERT_EQ(M->Exports.size(), 5u);
  EXPECT_EQ(M->Exports[0].Name, "f");
  EXPECT_EQ(M->Exports[0].Kind, ExternKind::Func);
  EXPECT_EQ(M->Exports[0].Index, 5u);
  EXPECT_EQ(M->Exports[0].Offset, FirstPayload + 1);
  EXPECT_EQ(M->Exports[1].Kind, ExternKind::Table);
  EXPECT_EQ(M->Exports[2].Kind, ExternKind::Memory);
  EXPECT_EQ(M->Exports[3].Kind, ExternKind::Global);
  EXPECT_EQ(M->Exports[3].Index, 128u);
}

TEST(ModuleDecoderExports, MalformedExportKind) {
  for (uint8_t Kind : {0x04, 0x05, 0xFF}) {
    Bytes B =
        module({section(ExportSec, vec({cat({name("x"), {Kind, 0x00}})}))});
    EXPECT_TRUE(isMalformed(decodeFailure(B), "malformed export kind",
                            FirstPayload + 3))
        << int(Kind);
  }
  EXPECT_TRUE(isMalformed(
      decodeFailure(module(
          {section(ExportSec, vec({cat({{0x01, 0x80}, {0x00, 0x00}})}))})),
      "malformed UTF-8 encoding"));
}

TEST(ModuleDecoderStart, StartFunction) {
  Bytes B = module({section(StartSec, {0x80, 0x01})});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  EXPECT_EQ(M->Start, 128u);
  EXPECT_EQ(M->StartOffset, FirstPayload);

  EXPECT_TRUE(isMalformed(decodeFailure(module({section(StartSec, {})})),
                          "unexpected end", FirstPayload));
}

//===-- Element section ---------------------------------------------------===//

TEST(ModuleDecoderElements, AllEightEncodings) {
  Bytes Offset1 = {0x41, 0x01, End};
  Bytes RefFunc3 = {0xD2, 0x03, End};
  Bytes NullFunc = {0xD0, FuncRef, End};
  Bytes NullExtern = {0xD0, ExternRef, End};
  Bytes B = module({section(
      ElemSec,
      vec({
          cat({{0x00}, Offset1, vec({{0x00}, {0x02}})}),            // 0
          cat({{0x01, 0x00}, vec({{0x04}})}),                       // 1
          cat({{0x02, 0x05}, Offset1, {0x00}, vec({{0x06}})}),      // 2
          cat({{0x03, 0x00}, vec({{0x07}, {0x08}})}),               // 3
          cat({{0x04}, Offset1, vec({RefFunc3, NullFunc})}),        // 4
          cat({{0x05, ExternRef}, vec({NullExtern})}),              // 5
          cat({{0x06, 0x02}, Offset1, {FuncRef}, vec({RefFunc3})}), // 6
          cat({{0x07, FuncRef}, vec({RefFunc3})}),                  // 7
      }))});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  ASSERT_EQ(M->Elems.size(), 8u);
  const auto &E = M->Elems;

  auto ExpectFuncItems = [](const ElemSegment &S, std::vector<uint32_t> Funcs) {
    ASSERT_EQ(S.Items.size(), Funcs.size());
    for (size_t K = 0; K < Funcs.size(); ++K) {
      ASSERT_EQ(S.Items[K].Instrs.size(), 1u);
      EXPECT_EQ(S.Items[K].Instrs[0].Op, Opcode::RefFunc);
      EXPECT_EQ(S.Items[K].Instrs[0].Index, Funcs[K]);
    }
  };
  auto ExpectOffsetOne = [](const ElemSegment &S) {
    ASSERT_EQ(S.OffsetExpr.Instrs.size(), 1u);
    EXPECT_EQ(S.OffsetExpr.Instrs[0].Op, Opcode::I32Const);
    EXPECT_EQ(S.OffsetExpr.Instrs[0].Bits, 1u);
  };

  EXPECT_EQ(E[0].Mode, SegmentMode::Active);
  EXPECT_EQ(E[0].Table, 0u);
  ExpectOffsetOne(E[0]);
  EXPECT_EQ(E[0].ElemType, ValType::FuncRef);
  EXPECT_FALSE(E[0].UsesExpressions);
  ExpectFuncItems(E[0], {0, 2});
  EXPECT_EQ(E[0].Offset, FirstPayload + 1);

  EXPECT_EQ(E[1].Mode, SegmentMode::Passive);
  EXPECT_EQ(E[1].ElemType, ValType::FuncRef);
  EXPECT_FALSE(E[1].UsesExpressions);
  ExpectFuncItems(E[1], {4});

  EXPECT_EQ(E[2].Mode, SegmentMode::Active);
  EXPECT_EQ(E[2].Table, 5u);
  ExpectOffsetOne(E[2]);
  EXPECT_FALSE(E[2].UsesExpressions);
  ExpectFuncItems(E[2], {6});

  EXPECT_EQ(E[3].Mode, SegmentMode::Declarative);
  EXPECT_FALSE(E[3].UsesExpressions);
  ExpectFuncItems(E[3], {7, 8});

  EXPECT_EQ(E[4].Mode, SegmentMode::Active);
  EXPECT_EQ(E[4].Table, 0u);
  ExpectOffsetOne(E[4]);
  EXPECT_EQ(E[4].ElemType, ValType::FuncRef);
  EXPECT_TRUE(E[4].UsesExpressions);
  ASSERT_EQ(E[4].Items.size(), 2u);
  ASSERT_EQ(E[4].Items[0].Instrs.size(), 1u);
  EXPECT_EQ(E[4].Items[0].Instrs[0].Op, Opcode::RefFunc);
  EXPECT_EQ(E[4].Items[0].Instrs[0].Index, 3u);
  ASSERT_EQ(E[4].Items[1].Instrs.size(), 1u);
  EXPECT_EQ(E[4].Items[1].Instrs[0].Op, Opcode::RefNull);

  EXPECT_EQ(E[5].Mode, SegmentMode::Passive);
  EXPECT_EQ(E[5].ElemType, ValType::ExternRef);
  EXPECT_TRUE(E[5].UsesExpressions);
  ASSERT_EQ(E[5].Items.size(), 1u);
  ASSERT_EQ(E[5].Items[0].Instrs.size(), 1u);
  EXPECT_EQ(E[5].Items[0].Instrs[0].Type, ValType::ExternRef);

  EXPECT_EQ(E[6].Mode, SegmentMode::Active);
  EXPECT_EQ(E[6].Table, 2u);
  ExpectOffsetOne(E[6]);
  EXPECT_EQ(E[6].ElemType, ValType::FuncRef);
  EXPECT_TRUE(E[6].UsesExpressions);
  ASSERT_EQ(E[6].Items.size(), 1u);

  EXPECT_EQ(E[7].Mode, SegmentMode::Declarative);
  EXPECT_EQ(E[7].ElemType, ValType::FuncRef);
  EXPECT_TRUE(E[7].UsesExpressions);
  ASSERT_EQ(E[7].Items.size(), 1u);
}

TEST(ModuleDecoderElements, FunctionIndexItemsRememberTheirOffsets) {
  Bytes B =
      module({section(ElemSec, vec({{0x01, 0x00, 0x02, 0x05, 0x80, 0x01}}))});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  ASSERT_EQ(M->Elems[0].Items.size(), 2u);
  EXPECT_EQ(M->Elems[0].Items[0].Offset, FirstPayload + 4);
  EXPECT_EQ(M->Elems[0].Items[0].Instrs[0].Offset, FirstPayload + 4);
  EXPECT_EQ(M->Elems[0].Items[1].Offset, FirstPayload + 5);
  EXPECT_EQ(M->Elems[0].Items[1].Instrs[0].Index, 128u);
}

TEST(ModuleDecoderElements, MalformedSegmentKind) {
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(ElemSec, vec({{0x08, 0x00, 0x00}}))})),
      "malformed elements segment kind", FirstPayload + 1));
  EXPECT_TRUE(isMalformed(
      decodeFailure(module(
          {section(ElemSec, vec({{0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00}}))})),
      "malformed elements segment kind", FirstPayload + 1));
}

TEST(ModuleDecoderElements, MalformedElementKindAndType) {
  // Flags 1: element kind must be 0x00 (funcref).
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(ElemSec, vec({{0x01, 0x01, 0x00}}))})),
      "malformed element kind", FirstPayload + 2));
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(ElemSec, vec({{0x03, FuncRef, 0x00}}))})),
      "malformed element kind", FirstPayload + 2));
  // Flags 5: a reference type.
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(ElemSec, vec({{0x05, I32, 0x00}}))})),
      "malformed reference type", FirstPayload + 2));
  // Flags 4: the item expression has no end.
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(
          ElemSec, vec({{0x04, 0x41, 0x00, End, 0x01, 0xD2, 0x00}}))})),
      "unexpected end"));
}

//===-- Code section ------------------------------------------------------===//

TEST(ModuleDecoderCode, LocalsAndBody) {
  Bytes Entry0 = body({0x02, 0x02, I32, 0x01, I64}, {0x20, 0x00, 0x1A, End});
  Bytes Entry1 = body({0x00}, {End});
  Bytes B = module({oneVoidType(), section(FuncSec, vec({{0x00}, {0x00}})),
                    section(CodeSec, vec({Entry0, Entry1}))});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  ASSERT_EQ(M->Functions.size(), 2u);
  const Function &F0 = M->Functions[0];
  ASSERT_EQ(F0.Locals.size(), 2u);
  EXPECT_EQ(F0.Locals[0].Count, 2u);
  EXPECT_EQ(F0.Locals[0].Type, ValType::I32);
  EXPECT_EQ(F0.Locals[1].Count, 1u);
  EXPECT_EQ(F0.Locals[1].Type, ValType::I64);
  EXPECT_EQ(F0.NumLocals, 3u);

  const uint64_t CodePayload = B.size() - (1 + Entry0.size() + Entry1.size());
  EXPECT_EQ(F0.EntryOffset, CodePayload + 1);
  EXPECT_EQ(F0.BodyOffset, CodePayload + 1 + 1 + 5);
  EXPECT_EQ(F0.BodySize, 4u);
  EXPECT_EQ(Bytes(M->functionBody(F0).begin(), M->functionBody(F0).end()),
            (Bytes{0x20, 0x00, 0x1A, End}));

  const Function &F1 = M->Functions[1];
  EXPECT_TRUE(F1.Locals.empty());
  EXPECT_EQ(F1.NumLocals, 0u);
  EXPECT_EQ(F1.EntryOffset, CodePayload + 1 + Entry0.size());
  EXPECT_EQ(F1.BodySize, 1u);
  EXPECT_EQ(M->functionBody(F1)[0], End);
}

TEST(ModuleDecoderCode, TooManyLocals) {
  // 2^31 + 2^31 = 2^32 locals: one too many. Must fail without allocating.
  Bytes Locals =
      cat({{0x02}, uleb(0x80000000u), {I32}, uleb(0x80000000u), {I64}});
  Bytes B = module({oneVoidType(), section(FuncSec, vec({{0x00}})),
                    section(CodeSec, vec({body(Locals, {End})}))});
  Failure F = decodeFailure(B);
  EXPECT_TRUE(isMalformed(F, "too many locals"));
  // Somewhere in the function's locals.
  const uint64_t EntryAt = B.size() - body(Locals, {End}).size();
  EXPECT_GE(F.Offset, EntryAt);
  EXPECT_LT(F.Offset, B.size());

  // Many runs that add up past 2^32 - 1.
  Bytes Three = cat(
      {{0x03}, uleb(0xFFFFFFF0u), {I32}, uleb(0x0F), {I32}, uleb(0x01), {I32}});
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({oneVoidType(), section(FuncSec, vec({{0x00}})),
                            section(CodeSec, vec({body(Three, {End})}))})),
      "too many locals"));
  Bytes Max = cat({{0x02}, uleb(0xFFFFFFFFu), {I32}, uleb(0xFFFFFFFFu), {I32}});
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({oneVoidType(), section(FuncSec, vec({{0x00}})),
                            section(CodeSec, vec({body(Max, {End})}))})),
      "too many locals"));
}

TEST(ModuleDecoderCode, MostLocalsTheFormatAllowsAreBeyondTheLimit) {
  // Exactly 2^32 - 1 locals is within the binary format's limit, so not
  // malformed, but far beyond wasm-aot's limit of locals (ir/Limits.def).
  Bytes Locals = cat({{0x02}, uleb(0xFFFFFFF0u), {F32}, uleb(0x0F), {F64}});
  Bytes B = module({oneVoidType(), section(FuncSec, vec({{0x00}})),
                    section(CodeSec, vec({body(Locals, {End})}))});
  Failure F = decodeFailure(B);
  ASSERT_TRUE(F.IsWasmError) << F.Message;
  EXPECT_EQ(F.Kind, WasmErrorKind::LimitExceeded) << F.Message;
  EXPECT_NE(F.Text.find("4294967295 locals"), std::string::npos) << F.Text;
}

TEST(ModuleDecoderCode, LocalsAtTheLimitAreDecodedWithoutExpansion) {
  Bytes Locals = cat({{0x02}, uleb(49990), {F32}, uleb(10), {F64}});
  Bytes B = module({oneVoidType(), section(FuncSec, vec({{0x00}})),
                    section(CodeSec, vec({body(Locals, {End})}))});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  EXPECT_EQ(M->Functions[0].NumLocals, 50000u);
  ASSERT_EQ(M->Functions[0].Locals.size(), 2u);
  EXPECT_EQ(M->Functions[0].Locals[0].Count, 49990u);
  EXPECT_EQ(M->Functions[0].Locals[1].Type, ValType::F64);
}

TEST(ModuleDecoderCode, MalformedBodies) {
  auto WithBody = [](Bytes Entry) {
    return module({oneVoidType(), section(FuncSec, vec({{0x00}})),
                   section(CodeSec, cat({{0x01}, Entry}))});
  };
  // Local run count larger than the body.
  EXPECT_TRUE(isMalformed(
      decodeFailure(WithBody(body({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, {End}))),
      "length out of bounds"));
  // A bad local type.
  EXPECT_TRUE(
      isMalformed(decodeFailure(WithBody(body({0x01, 0x01, 0x40}, {End}))),
                  "malformed value type"));
  // The entry's size runs past the section.
  EXPECT_TRUE(isMalformed(decodeFailure(WithBody({0x05, 0x00, End})),
                          "unexpected end"));
  // An empty entry: not even the locals vector.
  EXPECT_TRUE(isMalformed(decodeFailure(WithBody({0x00})), "unexpected end"));
  // Locals but no instructions.
  EXPECT_TRUE(
      isMalformed(decodeFailure(WithBody({0x01, 0x00})), "unexpected end"));
}

TEST(ModuleDecoderCode, ErrorsNameTheFunction) {
  // One imported function, two defined; the second body is bad: function 2.
  Bytes B = module(
      {oneVoidType(),
       section(ImportSec, vec({cat({name("a"), name("b"), {0x00, 0x00}})})),
       section(FuncSec, vec({{0x00}, {0x00}})),
       section(CodeSec,
               vec({body({0x00}, {End}), body({0x01, 0x01, 0x40}, {End})}))});
  Failure F = decodeFailure(B);
  ASSERT_TRUE(isMalformed(F, "malformed value type"));
  EXPECT_EQ(F.Function, 2u);
}

TEST(ModuleDecoderCode, FunctionAndCodeCountsMustAgree) {
  const char *Msg = "function and code section have inconsistent lengths";
  // Two declared, one body.
  EXPECT_TRUE(
      isMalformed(decodeFailure(module(
                      {oneVoidType(), section(FuncSec, vec({{0x00}, {0x00}})),
                       section(CodeSec, vec({body({0x00}, {End})}))})),
                  Msg));
  // One declared, two bodies.
  EXPECT_TRUE(isMalformed(
      decodeFailure(module(
          {oneVoidType(), section(FuncSec, vec({{0x00}})),
           section(CodeSec, vec({body({0x00}, {End}), body({0x00}, {End})}))})),
      Msg));
  // Declared, no code section at all.
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({oneVoidType(), section(FuncSec, vec({{0x00}}))})),
      Msg));
  // A body without a function section.
  EXPECT_TRUE(isMalformed(
      decodeFailure(module(
          {oneVoidType(), section(CodeSec, vec({body({0x00}, {End})}))})),
      Msg));
  // Empty sections agree.
  Bytes Empty = module({section(FuncSec, vec({})), section(CodeSec, vec({}))});
  auto M = decodeModule(Empty);
  EXPECT_TRUE(succeeded(M));
  Bytes OnlyFunc = module({section(FuncSec, vec({}))});
  auto M2 = decodeModule(OnlyFunc);
  EXPECT_TRUE(succeeded(M2));
}

//===-- Data and data count sections --------------------------------------===//

TEST(ModuleDecoderData, ActivePassiveAndExplicitMemory) {
  Bytes B = module({section(
      DataSec, vec({cat({{0x00, 0x41, 0x08, End}, name("hi")}),
                    cat({{0x01}, name("")}), cat({{0x01}, name("xyz")}),
                    cat({{0x02, 0x00, 0x23, 0x01, End}, name("!")})}))});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  ASSERT_EQ(M->Datas.size(), 4u);
  const auto &D = M->Datas;

  EXPECT_EQ(D[0].Mode, SegmentMode::Active);
  EXPECT_EQ(D[0].Memory, 0u);
  ASSERT_EQ(D[0].OffsetExpr.Instrs.size(), 1u);
  EXPECT_EQ(D[0].OffsetExpr.Instrs[0].Bits, 8u);
  EXPECT_EQ(D[0].Offset, FirstPayload + 1);
  EXPECT_EQ(D[0].DataOffset, FirstPayload + 1 + 4 + 1);
  EXPECT_EQ(D[0].DataSize, 2u);
  auto Hi = M->dataBytes(D[0]);
  EXPECT_EQ(std::string(Hi.begin(), Hi.end()), "hi");

  EXPECT_EQ(D[1].Mode, SegmentMode::Passive);
  EXPECT_EQ(D[1].DataSize, 0u);
  EXPECT_TRUE(D[1].OffsetExpr.Instrs.empty());

  EXPECT_EQ(D[2].Mode, SegmentMode::Passive);
  auto Xyz = M->dataBytes(D[2]);
  EXPECT_EQ(std::string(Xyz.begin(), Xyz.end()), "xyz");

  EXPECT_EQ(D[3].Mode, SegmentMode::Active);
  EXPECT_EQ(D[3].Memory, 0u);
  ASSERT_EQ(D[3].OffsetExpr.Instrs.size(), 1u);
  EXPECT_EQ(D[3].OffsetExpr.Instrs[0].Op, Opcode::GlobalGet);
  EXPECT_EQ(D[3].OffsetExpr.Instrs[0].Index, 1u);
  EXPECT_EQ(M->dataBytes(D[3])[0], '!');
}

TEST(ModuleDecoderData, MalformedSegments) {
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(DataSec, vec({{0x03, 0x00}}))})),
      "malformed data segment kind", FirstPayload + 1));
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(DataSec, vec({{0x01, 0x05, 'a', 'b'}}))})),
      "unexpected end"));
  // Active segment whose offset expression never ends.
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(DataSec, vec({{0x00, 0x41, 0x00}}))})),
      "unexpected end"));
}

TEST(ModuleDecoderData, DataCountMustAgree) {
  const char *Msg = "data count and data section have inconsistent lengths";
  Bytes TwoSegments = section(DataSec, vec({{0x01, 0x00}, {0x01, 0x00}}));

  auto Good =
      decodeModule(module({section(DataCountSec, {0x02}), TwoSegments}));
  ASSERT_TRUE(succeeded(Good));
  EXPECT_EQ(Good->DataCount, 2u);
  EXPECT_EQ(Good->Datas.size(), 2u);

  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(DataCountSec, {0x01}), TwoSegments})),
      Msg));
  EXPECT_TRUE(isMalformed(
      decodeFailure(module({section(DataCountSec, {0x03}), TwoSegments})),
      Msg));
  // A count with no data section.
  EXPECT_TRUE(
      isMalformed(decodeFailure(module({section(DataCountSec, {0x01})})), Msg));

  // Zero and no data section agree.
  auto Zero = decodeModule(module({section(DataCountSec, {0x00})}));
  ASSERT_TRUE(succeeded(Zero));
  EXPECT_EQ(Zero->DataCount, 0u);
  // No data count section at all is fine.
  auto None = decodeModule(module({TwoSegments}));
  ASSERT_TRUE(succeeded(None));
  EXPECT_FALSE(None->DataCount.has_value());

  EXPECT_TRUE(isMalformed(decodeFailure(module({section(DataCountSec, {})})),
                          "unexpected end"));
}

//===-- Name section ------------------------------------------------------===//

Bytes subsection(uint8_t Id, const Bytes &Payload) {
  return section(Id, Payload);
}

Bytes nameAssoc(uint32_t Index, std::string_view Name) {
  return cat({uleb(Index), name(Name)});
}

TEST(ModuleDecoderNames, ModuleFunctionAndLocalNames) {
  Bytes Names = cat({
      subsection(0, name("my module")),
      subsection(1, vec({nameAssoc(0, "imported"), nameAssoc(1, "main"),
                         nameAssoc(2, "\xC3\xA9t\xC3\xA9")})),
      subsection(
          2, vec({cat({uleb(1), vec({nameAssoc(0, "x"), nameAssoc(1, "y")})}),
                  cat({uleb(2), vec({})})})),
  });
  Bytes B = module(
      {oneVoidType(),
       section(ImportSec, vec({cat({name("a"), name("b"), {0x00, 0x00}})})),
       section(FuncSec, vec({{0x00}, {0x00}})),
       section(CodeSec,
               vec({body({0x01, 0x02, I32}, {End}), body({0x00}, {End})})),
       customSection("name", Names)});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  EXPECT_EQ(M->Names.ModuleName, "my module");
  ASSERT_EQ(M->Names.Functions.size(), 3u);
  EXPECT_EQ(M->Names.Functions.at(0), "imported");
  EXPECT_EQ(M->Names.Functions.at(1), "main");
  EXPECT_EQ(M->Names.Functions.at(2), "\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(M->functionName(1), llvm::StringRef("main"));
  EXPECT_FALSE(M->functionName(3).has_value());
  ASSERT_EQ(M->Names.Locals.count(1), 1u);
  EXPECT_EQ(M->Names.Locals.at(1).at(0), "x");
  EXPECT_EQ(M->Names.Locals.at(1).at(1), "y");
  // The name section is still a custom section.
  ASSERT_EQ(M->Customs.size(), 1u);
  EXPECT_EQ(M->Customs[0].Name, "name");
}

TEST(ModuleDecoderNames, UnknownSubsectionsAreSkipped) {
  Bytes Names = cat({subsection(1, vec({nameAssoc(0, "f")})),
                     subsection(4, {0x01, 0x00, 0x01, 't'}), // type names
                     subsection(7, {0xDE, 0xAD})});          // opaque
  Bytes B = module({customSection("name", Names)});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  EXPECT_EQ(M->functionName(0), llvm::StringRef("f"));
  EXPECT_FALSE(M->Names.ModuleName.has_value());
}

TEST(ModuleDecoderNames, MalformedNameSectionIsIgnored) {
  const Bytes ModuleName = subsection(0, name("mod"));
  const std::vector<Bytes> BadTails = {
      // Subsection size past the end of the name section.
      {0x01, 0x10, 0x01},
      // Invalid UTF-8 in a function name.
      subsection(1, {0x01, 0x00, 0x02, 0xC0, 0x80}),
      // Trailing bytes inside a subsection.
      subsection(1, {0x00, 0x00}),
      // Function name map count larger than its bytes.
      subsection(1, {0x05, 0x00, 0x01, 'f'}),
      // Subsections out of order: module name again.
      subsection(0, name("again")),
      // Truncated subsection header.
      {0x01},
  };
  for (const Bytes &Tail : BadTails) {
    Bytes B =
        module({oneVoidType(), customSection("name", cat({ModuleName, Tail}))});
    auto M = decodeModule(B);
    ASSERT_TRUE(succeeded(M)) << testing::PrintToString(Tail);
    EXPECT_EQ(M->Types.size(), 1u);
    // What was read before the fault is kept.
    EXPECT_EQ(M->Names.ModuleName, "mod") << testing::PrintToString(Tail);
    ASSERT_EQ(M->Customs.size(), 1u);
    EXPECT_EQ(M->Customs[0].Name, "name");

    // And parseNameSection reports the fault.
    Module Fresh;
    Fresh.Bytes = B;
    EXPECT_FALSE(parseNameSection(Fresh, M->Customs[0]))
        << testing::PrintToString(Tail);
  }
}

TEST(ModuleDecoderNames, ParseNameSectionReportsSuccess) {
  Bytes B = module({customSection("name", subsection(0, name("ok")))});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  Module Fresh;
  Fresh.Bytes = B;
  EXPECT_TRUE(parseNameSection(Fresh, M->Customs[0]));
  EXPECT_EQ(Fresh.Names.ModuleName, "ok");
}

TEST(ModuleDecoderNames, OtherCustomSectionsAreNotNameSections) {
  Bytes B = module({customSection("names", subsection(0, name("no"))),
                    customSection("Name", subsection(0, name("no")))});
  auto M = decodeModule(B);
  ASSERT_TRUE(succeeded(M));
  EXPECT_FALSE(M->Names.ModuleName.has_value());
}

//===-- Error context -----------------------------------------------------===//

TEST(ModuleDecoderErrors, AllDecodeErrorsAreMalformed) {
  // A sample from every section; isMalformed checks the kind.
  const Bytes Samples[] = {
      module({section(TypeSec, {0x01, 0x61, 0x00, 0x00})}),
      module({section(ImportSec,
                      vec({cat({name("a"), name("b"), {0x09, 0x00}})}))}),
      module({section(FuncSec, {0x01, 0x80})}),
      module({section(TableSec, vec({{FuncRef, 0x07, 0x00}}))}),
      module({section(MemorySec, vec({{0x07, 0x00}}))}),
      module({section(GlobalSec, vec({{I32, 0x03, End}}))}),
      module({section(ExportSec, vec({cat({name("e"), {0x09, 0x00}})}))}),
      module({section(StartSec, {0x80})}),
      module({section(ElemSec, vec({{0x09}}))}),
      module({section(DataCountSec, {0x80})}),
      module({section(CodeSec, {0x01, 0x01})}),
      module({section(DataSec, vec({{0x05}}))}),
  };
  for (const Bytes &B : Samples) {
    Failure F = decodeFailure(B);
    EXPECT_TRUE(isMalformed(F, "")) << testing::PrintToString(B);
    // Errors point into the section's payload.
    EXPECT_GE(F.Offset, FirstPayload) << F.Message;
    EXPECT_LE(F.Offset, B.size()) << F.Message;
    EXPECT_FALSE(F.Section.empty()) << F.Message;
  }
}

} // namespace

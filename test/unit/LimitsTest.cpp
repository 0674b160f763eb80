//===- LimitsTest.cpp - The limits table and where the decoder applies it --===//
#include "decode/InstructionReader.h"
#include "decode/ModuleDecoder.h"
#include "ir/Limits.h"

#include "WasmBuilder.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

constexpr uint8_t I32 = 0x7F, End = 0x0B;
constexpr uint8_t TypeSec = 1, FuncSec = 3, CodeSec = 10;

Bytes funcType(unsigned NumI32Params) {
  return cat({{0x60}, uleb(NumI32Params), Bytes(NumI32Params, I32), {0x00}});
}

Bytes body(const Bytes &Locals, const Bytes &Instrs) {
  Bytes Inner = cat({Locals, Instrs});
  return cat({uleb(Inner.size()), Inner});
}

/// One function of type [i32 x Params] -> [] with the given local runs.
Bytes oneFunction(unsigned Params, const Bytes &Locals) {
  return module({section(TypeSec, vec({funcType(Params)})),
                 section(FuncSec, vec({{0x00}})),
                 section(CodeSec, vec({body(Locals, {End})}))});
}

Failure decodeFailure(const Bytes &B) {
  auto M = decodeModule(B);
  return failureOf(M);
}

bool isLimit(const Failure &F) {
  return F.Failed && F.IsWasmError && F.Kind == WasmErrorKind::LimitExceeded;
}

TEST(LimitsTable, RowsAreInEnumOrderWithDistinctNames) {
  std::set<std::string> Names;
  unsigned Index = 0;
  for (const LimitInfo &Info : allLimits()) {
    EXPECT_EQ(static_cast<unsigned>(Info.Id), Index++) << Info.Name.str();
    EXPECT_EQ(&limitInfo(Info.Id), &Info);
    EXPECT_TRUE(Names.insert(Info.Name.str()).second) << Info.Name.str();
    EXPECT_GT(Info.Max, 0u) << Info.Name.str();
    EXPECT_FALSE(Info.What.empty()) << Info.Name.str();
    EXPECT_FALSE(Info.Where.empty()) << Info.Name.str();
  }
  EXPECT_EQ(limitMax(Limit::FunctionLocals), 50000u);
}

TEST(LimitsTable, CheckLimitNamesTheValueAndTheLimit) {
  const uint64_t Max = limitMax(Limit::BrTableTargets);
  EXPECT_TRUE(succeeded(checkLimit(Limit::BrTableTargets, Max, 7)));
  Failure F = failureOf(checkLimit(Limit::BrTableTargets, Max + 1, 7));
  ASSERT_TRUE(isLimit(F)) << F.Message;
  EXPECT_EQ(F.Offset, 7u);
  EXPECT_EQ(F.Text, "implementation limit: " + std::to_string(Max + 1) + " " +
                        limitInfo(Limit::BrTableTargets).What.str() +
                        "; wasm-aot accepts at most " + std::to_string(Max));
}

TEST(DecoderLimits, LocalsCountTheParameters) {
  const uint32_t Max = limitMax(Limit::FunctionLocals);
  // Three parameters and Max - 3 declared locals: exactly at the limit.
  auto M = decodeModule(oneFunction(3, cat({{0x01}, uleb(Max - 3), {I32}})));
  ASSERT_TRUE(succeeded(M));
  EXPECT_EQ(M->Functions[0].NumLocals, Max - 3);

  // One more, declared in a second run: the error points at that run.
  Bytes Runs = cat({{0x02}, uleb(Max - 3), {I32}, {0x01}, {I32}});
  Bytes B = oneFunction(3, Runs);
  Failure F = decodeFailure(B);
  ASSERT_TRUE(isLimit(F)) << F.Message;
  EXPECT_EQ(F.Function, 0u);
  // The second run's count: its type and the `end` follow it.
  EXPECT_EQ(F.Offset, B.size() - 3);
  EXPECT_NE(F.Text.find(std::to_string(Max + 1) + " locals"),
            std::string::npos)
      << F.Text;
}

TEST(DecoderLimits, MalformedLocalsOutrankTheLimit) {
  // Past the limit in the first run, past 2^32-1 in the second: the spec's
  // "too many locals" (malformed) is the verdict, not the limit.
  Bytes Runs = cat({{0x02}, uleb(0xFFFFFFFFu), {I32}, uleb(2), {I32}});
  Failure F = decodeFailure(oneFunction(0, Runs));
  EXPECT_TRUE(isMalformed(F, "too many locals"));

  // A broken value type after the limit was crossed is malformed too.
  Bytes BadType = cat({{0x02}, uleb(0xFFFFFFF0u), {I32}, uleb(1), {0x42}});
  EXPECT_TRUE(isMalformed(decodeFailure(oneFunction(0, BadType)),
                          "malformed value type"));
}

TEST(DecoderLimits, CountsAreCheckedAgainstTheBytesFirst) {
  // 2^32-1 types in a section of four bytes: malformed (the section cannot
  // hold them), not beyond a limit.
  Failure F = decodeFailure(
      module({section(TypeSec, cat({uleb(0xFFFFFFFFu), funcType(0)}))}));
  EXPECT_TRUE(isMalformed(F, "")) << F.Message;
}

TEST(DecoderLimits, BrTableTargetsAreRefusedBeforeTheyAreRead) {
  const uint32_t Max = limitMax(Limit::BrTableTargets);
  for (uint32_t Count : {Max, Max + 1}) {
    // br_table, the count, then the targets and the default (all 0).
    Bytes Code = cat({{0x0E}, uleb(Count), Bytes(Count + 1, 0x00)});
    ByteReader R(Code, /*BaseOffset=*/100);
    InstructionReader IR(R, Features());
    Instruction I;
    Failure F = failureOf(IR.read(I));
    if (Count == Max) {
      EXPECT_FALSE(F.Failed) << F.Message;
      EXPECT_EQ(I.Targets.size(), Max + 1u);
      continue;
    }
    ASSERT_TRUE(isLimit(F)) << F.Message;
    EXPECT_EQ(F.Offset, 101u); // the count, after the opcode
  }
}

} // namespace

//===- PartitionPlanTest.cpp - How a module is split ----------------------===//
#include "driver/Partition.h"

#include "gtest/gtest.h"

using namespace wasmaot;

namespace {

Module withBodies(std::initializer_list<uint64_t> Sizes) {
  Module M;
  for (uint64_t Size : Sizes) {
    Function F;
    F.BodySize = Size;
    M.Functions.push_back(F);
  }
  return M;
}

PartitionOptions target(uint64_t Bytes, uint32_t Max = 64) {
  PartitionOptions O;
  O.TargetBytes = Bytes;
  O.MaxPartitions = Max;
  return O;
}

/// Every defined function in exactly one range, in order, none empty.
void expectCover(const std::vector<FunctionRange> &Plan, uint32_t NumFuncs) {
  uint32_t Next = 0;
  for (const FunctionRange &R : Plan) {
    EXPECT_EQ(R.First, Next);
    EXPECT_LT(R.First, R.End);
    Next = R.End;
  }
  EXPECT_EQ(Next, NumFuncs);
}

TEST(PartitionPlan, NoFunctionsNoPartitions) {
  EXPECT_TRUE(planPartitions(withBodies({}), target(1)).empty());
}

TEST(PartitionPlan, SmallModuleIsWhole) {
  Module M = withBodies({100, 200, 300});
  EXPECT_EQ(planPartitions(M, target(1000)),
            (std::vector<FunctionRange>{{0, 3}}));
}

TEST(PartitionPlan, ZeroNeverSplits) {
  Module M = withBodies({100000, 100000, 100000});
  EXPECT_EQ(planPartitions(M, target(0)).size(), 1u);
}

TEST(PartitionPlan, BalancedBySize) {
  // 400 bytes, target 100: four ranges of 100 each.
  Module M = withBodies({50, 50, 25, 25, 25, 25, 100, 10, 90});
  std::vector<FunctionRange> Plan = planPartitions(M, target(100));
  EXPECT_EQ(Plan, (std::vector<FunctionRange>{{0, 2}, {2, 6}, {6, 7}, {7, 9}}));
}

TEST(PartitionPlan, OneFunctionEachAtMost) {
  Module M = withBodies({10, 10, 10});
  std::vector<FunctionRange> Plan = planPartitions(M, target(1));
  EXPECT_EQ(Plan, (std::vector<FunctionRange>{{0, 1}, {1, 2}, {2, 3}}));
}

TEST(PartitionPlan, CappedCount) {
  Module M = withBodies({10, 10, 10, 10, 10, 10, 10, 10, 10, 10});
  std::vector<FunctionRange> Plan = planPartitions(M, target(1, 4));
  EXPECT_EQ(Plan.size(), 4u);
  expectCover(Plan, 10);
}

TEST(PartitionPlan, HugeFunctionDoesNotEmptyOthers) {
  // The giant takes its own range; the cuts after it still fall on the
  // running total, and no range is empty.
  Module M = withBodies({1, 1000, 1, 1, 1, 1});
  std::vector<FunctionRange> Plan = planPartitions(M, target(200));
  EXPECT_EQ(Plan.size(), 6u);
  expectCover(Plan, 6);
}

TEST(PartitionPlan, CoversManyShapes) {
  for (uint64_t Target : {1u, 7u, 64u, 1000u}) {
    Module M;
    for (uint32_t I = 0; I < 300; ++I) {
      Function F;
      F.BodySize = (I * 7919) % 97 + (I % 50 == 0 ? 5000 : 1);
      M.Functions.push_back(F);
    }
    std::vector<FunctionRange> Plan = planPartitions(M, target(Target));
    EXPECT_LE(Plan.size(), 64u);
    expectCover(Plan, 300);
  }
}

} // namespace

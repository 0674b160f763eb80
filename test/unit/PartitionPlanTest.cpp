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

/// The synthetic modules here have sizes but no bodies to read.
bool NeverCostly(uint32_t) { return false; }

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
  EXPECT_TRUE(planPartitions(withBodies({}), target(1), NeverCostly).empty());
}

TEST(PartitionPlan, SmallModuleIsWhole) {
  Module M = withBodies({100, 200, 300});
  EXPECT_EQ(planPartitions(M, target(1000), NeverCostly),
            (std::vector<FunctionRange>{{0, 3}}));
}

TEST(PartitionPlan, ZeroNeverSplits) {
  Module M = withBodies({100000, 100000, 100000});
  EXPECT_EQ(planPartitions(M, target(0), NeverCostly).size(), 1u);
}

TEST(PartitionPlan, BalancedBySize) {
  // 400 bytes, target 100: four ranges of 100 each.
  Module M = withBodies({50, 50, 25, 25, 25, 25, 100, 10, 90});
  std::vector<FunctionRange> Plan = planPartitions(M, target(100), NeverCostly);
  EXPECT_EQ(Plan, (std::vector<FunctionRange>{{0, 2}, {2, 6}, {6, 7}, {7, 9}}));
}

TEST(PartitionPlan, OneFunctionEachAtMost) {
  Module M = withBodies({10, 10, 10});
  std::vector<FunctionRange> Plan = planPartitions(M, target(1), NeverCostly);
  EXPECT_EQ(Plan, (std::vector<FunctionRange>{{0, 1}, {1, 2}, {2, 3}}));
}

TEST(PartitionPlan, CappedCount) {
  Module M = withBodies({10, 10, 10, 10, 10, 10, 10, 10, 10, 10});
  std::vector<FunctionRange> Plan =
      planPartitions(M, target(1, 4), NeverCostly);
  EXPECT_EQ(Plan.size(), 4u);
  expectCover(Plan, 10);
}

TEST(PartitionPlan, HugeFunctionDoesNotEmptyOthers) {
  // The giant takes its own range; the cuts after it still fall on the
  // running total, and no range is empty.
  Module M = withBodies({1, 1000, 1, 1, 1, 1});
  std::vector<FunctionRange> Plan = planPartitions(M, target(200), NeverCostly);
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
    std::vector<FunctionRange> Plan =
        planPartitions(M, target(Target), NeverCostly);
    EXPECT_LE(Plan.size(), 64u);
    expectCover(Plan, 300);
  }
}

TEST(PartitionPlan, CostlyFunctionsGetRangesOfTheirOwn) {
  // Functions 1 and 4 are costly: each is a range of its own, marked
  // Unoptimised, and the ranges around them are cut where they start.
  Module M = withBodies({10, 10, 10, 10, 10, 10});
  auto Costly = [](uint32_t I) { return I == 1 || I == 4; };
  std::vector<FunctionRange> Plan = planPartitions(M, target(30), Costly);
  EXPECT_EQ(Plan, (std::vector<FunctionRange>{{0, 1},
                                              {1, 2, true},
                                              {2, 3},
                                              {3, 4},
                                              {4, 5, true},
                                              {5, 6}}));
  expectCover(Plan, 6);
}

TEST(PartitionPlan, ACostlyFunctionSplitsEvenASmallModule) {
  Module M = withBodies({10, 10, 10});
  std::vector<FunctionRange> Plan =
      planPartitions(M, target(1000), [](uint32_t I) { return I == 2; });
  EXPECT_EQ(Plan, (std::vector<FunctionRange>{{0, 2}, {2, 3, true}}));
  // A module of one costly function is one Unoptimised range.
  Module One = withBodies({10});
  EXPECT_EQ(planPartitions(One, target(1000), [](uint32_t) { return true; }),
            (std::vector<FunctionRange>{{0, 1, true}}));
}

TEST(PartitionPlan, ZeroKeepsCostlyFunctionsInTheWhole) {
  Module M = withBodies({10, 10, 10});
  EXPECT_EQ(planPartitions(M, target(0), [](uint32_t) { return true; }),
            (std::vector<FunctionRange>{{0, 3}}));
}

} // namespace

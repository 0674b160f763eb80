//===- OpcodeTableTest.cpp - The opcode table is consistent ---------------===//
#include "ir/Opcode.h"

#include <gtest/gtest.h>

#include <set>

using namespace wasmaot;

TEST(OpcodeTable, EveryEncodingMapsBackToItsOpcode) {
  for (unsigned I = 0; I < NumOpcodes; ++I) {
    const OpcodeInfo &Info = opcodeInfo(static_cast<Opcode>(I));
    auto Found = lookupOpcode(Info.Prefix, Info.Code);
    ASSERT_TRUE(Found.has_value()) << Info.Text.str();
    EXPECT_EQ(static_cast<unsigned>(*Found), I) << Info.Text.str();
  }
}

TEST(OpcodeTable, SimdHasAllTwoHundredThirtySixOpcodes) {
  unsigned Simd = 0;
  for (unsigned I = 0; I < NumOpcodes; ++I)
    Simd += opcodeInfo(static_cast<Opcode>(I)).Prefix == 0xFD;
  EXPECT_EQ(Simd, 236u);
}

TEST(OpcodeTable, UnassignedEncodingsAreNotOpcodes) {
  EXPECT_FALSE(lookupOpcode(0, 0x27).has_value());
  EXPECT_FALSE(lookupOpcode(0, 0xFF).has_value());
  EXPECT_FALSE(lookupOpcode(0xFD, 0x9A).has_value());
  EXPECT_FALSE(lookupOpcode(0xFC, 18).has_value());
  EXPECT_FALSE(lookupOpcode(0xFD, 0x100000).has_value());
}

TEST(OpcodeTable, SignaturesComeFromTheTable) {
  const OpcodeInfo &Add = opcodeInfo(Opcode::I32Add);
  ASSERT_TRUE(Add.Signature.has_value());
  EXPECT_EQ(Add.Signature->NumParams, 2u);
  EXPECT_EQ(Add.Signature->Result, ValType::I32);

  const OpcodeInfo &Store = opcodeInfo(Opcode::I64Store32);
  ASSERT_TRUE(Store.Signature.has_value());
  EXPECT_TRUE(Store.Signature->ParamIsAddress[0]);
  EXPECT_FALSE(Store.Signature->HasResult);
  EXPECT_EQ(Store.Extra, 2u);

  EXPECT_FALSE(opcodeInfo(Opcode::Block).Signature.has_value());
  EXPECT_EQ(opcodeInfo(Opcode::I8x16ExtractLaneS).Extra, 16u);
}

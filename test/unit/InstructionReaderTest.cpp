//===- InstructionReaderTest.cpp - Opcodes and their immediates -----------===//
#include "decode/InstructionReader.h"

#include "WasmBuilder.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

/// Decodes instructions from a buffer it owns, with the features it owns
/// (InstructionReader keeps a reference to them).
class Code {
public:
  explicit Code(Bytes B, Features F = Features(), uint64_t Base = 0)
      : Buf(std::move(B)), Feats(F), IR(ByteReader(Buf, Base), Feats) {}

  /// Reads one instruction into I.
  ::testing::AssertionResult read(Instruction &I) {
    return succeeded(IR.read(I));
  }
  /// Reads one instruction, expecting failure.
  Failure fail() {
    Instruction I;
    return failureOf(IR.read(I));
  }
  bool atEnd() const { return IR.atEnd(); }
  uint64_t offset() const { return IR.offset(); }

private:
  Bytes Buf;
  Features Feats;
  InstructionReader IR;
};

/// Decodes B as exactly one instruction.
::testing::AssertionResult one(Bytes B, Instruction &I,
                               Features F = Features()) {
  Code C(std::move(B), F);
  auto R = C.read(I);
  if (!R)
    return R;
  if (!C.atEnd())
    return ::testing::AssertionFailure()
           << "instruction ended at " << C.offset() << ", before the input";
  return ::testing::AssertionSuccess();
}

Failure failOne(Bytes B, Features F = Features()) {
  Code C(std::move(B), F);
  return C.fail();
}

Features with(Feature X) {
  Features F;
  F.set(X);
  return F;
}

Features without(Feature X) {
  Features F;
  F.set(X, false);
  return F;
}

//===-- Value types -------------------------------------------------------===//

TEST(DecodeValType, FollowsFeatures) {
  Features Default;
  EXPECT_EQ(decodeValType(0x7F, Default), ValType::I32);
  EXPECT_EQ(decodeValType(0x7E, Default), ValType::I64);
  EXPECT_EQ(decodeValType(0x7D, Default), ValType::F32);
  EXPECT_EQ(decodeValType(0x7C, Default), ValType::F64);
  EXPECT_EQ(decodeValType(0x7B, Default), ValType::V128);
  EXPECT_EQ(decodeValType(0x70, Default), ValType::FuncRef);
  EXPECT_EQ(decodeValType(0x6F, Default), ValType::ExternRef);
  EXPECT_FALSE(decodeValType(0x40, Default).has_value());
  EXPECT_FALSE(decodeValType(0x7A, Default).has_value());
  EXPECT_FALSE(decodeValType(0x00, Default).has_value());

  Features None = Features::none();
  EXPECT_EQ(decodeValType(0x7F, None), ValType::I32);
  EXPECT_FALSE(decodeValType(0x7B, None).has_value());
  EXPECT_FALSE(decodeValType(0x6F, None).has_value());
  EXPECT_EQ(decodeValType(0x70, None), ValType::FuncRef);
}

TEST(DecodeValType, ReadValTypeAndRefTypeReportMalformed) {
  Bytes B{0x00, 0x7F, 0x40, 0x70, 0x7F};
  ByteReader R(B, 0x50);
  ASSERT_TRUE(succeeded(R.skip(1)));
  Features F;
  auto T = readValType(R, F);
  ASSERT_TRUE(succeeded(T));
  EXPECT_EQ(*T, ValType::I32);
  auto Bad = readValType(R, F);
  EXPECT_TRUE(isMalformed(failureOf(Bad), "malformed value type", 0x52));
  auto Ref = readRefType(R, F);
  ASSERT_TRUE(succeeded(Ref));
  EXPECT_EQ(*Ref, ValType::FuncRef);
  auto NotRef = readRefType(R, F);
  EXPECT_TRUE(isMalformed(failureOf(NotRef), "malformed reference type", 0x54));
}

//===-- Sequences and offsets ---------------------------------------------===//

TEST(InstructionReader, ReadsASequenceWithFileOffsets) {
  // nop; i32.const 300; drop; end
  Code C({0x01, 0x41, 0xAC, 0x02, 0x1A, 0x0B}, Features(), 0x200);
  Instruction I;
  ASSERT_TRUE(C.read(I));
  EXPECT_EQ(I.Op, Opcode::Nop);
  EXPECT_EQ(I.Offset, 0x200u);
  ASSERT_TRUE(C.read(I));
  EXPECT_EQ(I.Op, Opcode::I32Const);
  EXPECT_EQ(I.Offset, 0x201u);
  EXPECT_EQ(I.Bits, 300u);
  ASSERT_TRUE(C.read(I));
  EXPECT_EQ(I.Op, Opcode::Drop);
  EXPECT_EQ(I.Offset, 0x204u);
  ASSERT_TRUE(C.read(I));
  EXPECT_EQ(I.Op, Opcode::End);
  EXPECT_EQ(I.Offset, 0x205u);
  EXPECT_TRUE(C.atEnd());
  EXPECT_EQ(C.offset(), 0x206u);
  EXPECT_TRUE(isMalformed(C.fail(), "unexpected end", 0x206));
}

TEST(InstructionReader, ReadResetsTheInstruction) {
  Code C({0x41, 0x05, 0x01});
  Instruction I;
  ASSERT_TRUE(C.read(I));
  EXPECT_EQ(I.Bits, 5u);
  ASSERT_TRUE(C.read(I));
  EXPECT_EQ(I.Op, Opcode::Nop);
  EXPECT_EQ(I.Bits, 0u);
}

//===-- Block types -------------------------------------------------------===//

TEST(InstructionReaderBlockType, Empty) {
  Instruction I;
  ASSERT_TRUE(one({0x02, 0x40}, I));
  EXPECT_EQ(I.Op, Opcode::Block);
  EXPECT_EQ(I.Block.K, BlockType::Empty);
}

TEST(InstructionReaderBlockType, ValueTypes) {
  const std::pair<uint8_t, ValType> Cases[] = {
      {0x7F, ValType::I32},      {0x7E, ValType::I64},
      {0x7D, ValType::F32},      {0x7C, ValType::F64},
      {0x7B, ValType::V128},     {0x70, ValType::FuncRef},
      {0x6F, ValType::ExternRef}};
  for (auto [Byte, Type] : Cases) {
    Instruction I;
    ASSERT_TRUE(one({0x03, Byte}, I)) << int(Byte);
    EXPECT_EQ(I.Op, Opcode::Loop);
    EXPECT_EQ(I.Block.K, BlockType::Value) << int(Byte);
    EXPECT_EQ(I.Block.Type, Type) << int(Byte);
  }
}

TEST(InstructionReaderBlockType, TypeIndices) {
  Instruction I;
  ASSERT_TRUE(one({0x04, 0x05}, I));
  EXPECT_EQ(I.Op, Opcode::If);
  EXPECT_EQ(I.Block.K, BlockType::TypeIndex);
  EXPECT_EQ(I.Block.Index, 5u);

  ASSERT_TRUE(one({0x02, 0x00}, I));
  EXPECT_EQ(I.Block.K, BlockType::TypeIndex);
  EXPECT_EQ(I.Block.Index, 0u);

  // 64 needs two bytes as s33 (a lone 0x40 is the empty type).
  ASSERT_TRUE(one({0x02, 0xC0, 0x00}, I));
  EXPECT_EQ(I.Block.K, BlockType::TypeIndex);
  EXPECT_EQ(I.Block.Index, 64u);

  // 127: 0x7F alone would be i32.
  ASSERT_TRUE(one({0x02, 0xFF, 0x00}, I));
  EXPECT_EQ(I.Block.K, BlockType::TypeIndex);
  EXPECT_EQ(I.Block.Index, 127u);

  // The largest index s33 can hold.
  ASSERT_TRUE(one({0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, I));
  EXPECT_EQ(I.Block.K, BlockType::TypeIndex);
  EXPECT_EQ(I.Block.Index, 0xFFFFFFFFu);
}

TEST(InstructionReaderBlockType, NegativeS33IsMalformed) {
  // 0x7A is no value type: as s33 it is -6.
  Code C({0x01, 0x02, 0x7A}, Features(), 0x10);
  Instruction I;
  ASSERT_TRUE(C.read(I));
  EXPECT_TRUE(isMalformed(C.fail(), "malformed", 0x12));
  EXPECT_TRUE(isMalformed(failOne({0x02, 0x41}), "malformed"));
  // -64 written in two bytes is not the empty block type.
  EXPECT_TRUE(isMalformed(failOne({0x02, 0xC0, 0x7F}), "malformed"));
  // -1 written in two bytes is not i32.
  EXPECT_TRUE(isMalformed(failOne({0x02, 0xFF, 0x7F}), "malformed"));
  EXPECT_TRUE(
      isMalformed(failOne({0x02, 0x80, 0x80, 0x80, 0x80, 0x70}), "malformed"));
}

TEST(InstructionReaderBlockType, BadS33Encodings) {
  EXPECT_TRUE(isMalformed(failOne({0x02, 0x80, 0x80, 0x80, 0x80, 0x10}),
                          "integer too large", 1));
  EXPECT_TRUE(isMalformed(failOne({0x02, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}),
                          "integer representation too long", 1));
  EXPECT_TRUE(isMalformed(failOne({0x02, 0x80}), "unexpected end", 1));
  EXPECT_TRUE(isMalformed(failOne({0x02}), "unexpected end", 1));
}

TEST(InstructionReaderBlockType, FeatureGatedValueTypes) {
  // Without SIMD and reference types, 0x7B and 0x6F are no value types; as
  // s33 they are negative.
  EXPECT_TRUE(
      isMalformed(failOne({0x02, 0x7B}, without(Feature::Simd)), "malformed"));
  EXPECT_TRUE(isMalformed(
      failOne({0x02, 0x6F}, without(Feature::ReferenceTypes)), "malformed"));
}

//===-- Branches and calls ------------------------------------------------===//

TEST(InstructionReaderBranches, LabelIndices) {
  Instruction I;
  ASSERT_TRUE(one({0x0C, 0x03}, I));
  EXPECT_EQ(I.Op, Opcode::Br);
  EXPECT_EQ(I.Index, 3u);
  ASSERT_TRUE(one({0x0D, 0x80, 0x80, 0x00}, I));
  EXPECT_EQ(I.Op, Opcode::BrIf);
  EXPECT_EQ(I.Index, 0u);
}

TEST(InstructionReaderBranches, BrTableTargetsWithDefaultLast) {
  Instruction I;
  ASSERT_TRUE(one({0x0E, 0x03, 0x01, 0x02, 0x80, 0x01, 0x00}, I));
  EXPECT_EQ(I.Op, Opcode::BrTable);
  ASSERT_EQ(I.Targets.size(), 4u);
  EXPECT_EQ(I.Targets[0], 1u);
  EXPECT_EQ(I.Targets[1], 2u);
  EXPECT_EQ(I.Targets[2], 128u);
  EXPECT_EQ(I.Targets[3], 0u);

  ASSERT_TRUE(one({0x0E, 0x00, 0x07}, I));
  ASSERT_EQ(I.Targets.size(), 1u);
  EXPECT_EQ(I.Targets[0], 7u);
}

TEST(InstructionReaderBranches, BrTableWithTooManyTargets) {
  // A count far beyond the bytes left is refused before reading targets.
  EXPECT_TRUE(
      isMalformed(failOne({0x0E, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, 0x00}),
                  "length out of bounds", 1));
  // A count that fits the length check but not the bytes actually there.
  EXPECT_TRUE(
      isMalformed(failOne({0x0E, 0x02, 0x01, 0x02}), "unexpected end", 4));
  EXPECT_TRUE(isMalformed(failOne({0x0E, 0x01, 0x80, 0x80}), "unexpected end"));
}

TEST(InstructionReaderBranches, ConsecutiveBrTables) {
  Code C({0x0E, 0x01, 0x05, 0x06, 0x0E, 0x00, 0x09});
  Instruction A;
  ASSERT_TRUE(C.read(A));
  ASSERT_EQ(A.Targets.size(), 2u);
  EXPECT_EQ(A.Targets[0], 5u);
  EXPECT_EQ(A.Targets[1], 6u);
  Instruction B;
  ASSERT_TRUE(C.read(B));
  ASSERT_EQ(B.Targets.size(), 1u);
  EXPECT_EQ(B.Targets[0], 9u);
}

TEST(InstructionReaderCalls, Call) {
  Instruction I;
  ASSERT_TRUE(one({0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, I));
  EXPECT_EQ(I.Op, Opcode::Call);
  EXPECT_EQ(I.Index, 0xFFFFFFFFu);
  EXPECT_TRUE(isMalformed(failOne({0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F}),
                          "integer too large", 1));
}

TEST(InstructionReaderCalls, CallIndirectWithReferenceTypes) {
  Instruction I;
  ASSERT_TRUE(one({0x11, 0x02, 0x00}, I));
  EXPECT_EQ(I.Op, Opcode::CallIndirect);
  EXPECT_EQ(I.Index, 2u);
  EXPECT_EQ(I.Index2, 0u);
  // With reference types the table is a u32 index.
  ASSERT_TRUE(one({0x11, 0x00, 0x03}, I));
  EXPECT_EQ(I.Index2, 3u);
  ASSERT_TRUE(one({0x11, 0x00, 0x80, 0x01}, I));
  EXPECT_EQ(I.Index2, 128u);
}

TEST(InstructionReaderCalls, CallIndirectReservedByteBeforeReferenceTypes) {
  Features F = without(Feature::ReferenceTypes);
  Instruction I;
  ASSERT_TRUE(one({0x11, 0x01, 0x00}, I, F));
  EXPECT_EQ(I.Index, 1u);
  EXPECT_EQ(I.Index2, 0u);
  EXPECT_TRUE(
      isMalformed(failOne({0x11, 0x01, 0x01}, F), "zero byte expected", 2));
  EXPECT_TRUE(isMalformed(failOne({0x11, 0x01, 0x80, 0x00}, F),
                          "zero byte expected", 2));
}

//===-- Memory ------------------------------------------------------------===//

TEST(InstructionReaderMemory, MemArg) {
  Instruction I;
  ASSERT_TRUE(one({0x28, 0x02, 0x10}, I));
  EXPECT_EQ(I.Op, Opcode::I32Load);
  EXPECT_EQ(I.Mem.AlignLog2, 2u);
  EXPECT_EQ(I.Mem.Offset, 16u);
  EXPECT_EQ(I.Mem.Memory, 0u);

  ASSERT_TRUE(one({0x36, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, I));
  EXPECT_EQ(I.Op, Opcode::I32Store);
  EXPECT_EQ(I.Mem.Offset, 0xFFFFFFFFu);

  // An offset beyond 32 bits is malformed without memory64.
  EXPECT_TRUE(isMalformed(failOne({0x28, 0x02, 0x80, 0x80, 0x80, 0x80, 0x10}),
                          "integer too large", 2));
  EXPECT_TRUE(isMalformed(failOne({0x28, 0x02}), "unexpected end", 2));
  EXPECT_TRUE(isMalformed(failOne({0x28}), "unexpected end", 1));
}

TEST(InstructionReaderMemory, AlignmentBitSixWithoutMultiMemory) {
  // Bit 6 is just part of a (too large) alignment; no memory index follows.
  Instruction I;
  ASSERT_TRUE(one({0x28, 0x42, 0x07}, I));
  EXPECT_EQ(I.Mem.AlignLog2, 0x42u);
  EXPECT_EQ(I.Mem.Memory, 0u);
  EXPECT_EQ(I.Mem.Offset, 7u);
}

TEST(InstructionReaderMemory, MultiMemoryIndexInMemArg) {
  Instruction I;
  ASSERT_TRUE(one({0x28, 0x42, 0x03, 0x07}, I, with(Feature::MultiMemory)));
  EXPECT_EQ(I.Mem.AlignLog2, 2u);
  EXPECT_EQ(I.Mem.Memory, 3u);
  EXPECT_EQ(I.Mem.Offset, 7u);
}

TEST(InstructionReaderMemory, Memory64Offsets) {
  Instruction I;
  Bytes B = cat({{0x29, 0x03}, Bytes(9, 0xFF), {0x01}});
  ASSERT_TRUE(one(B, I, with(Feature::Memory64)));
  EXPECT_EQ(I.Op, Opcode::I64Load);
  EXPECT_EQ(I.Mem.Offset, std::numeric_limits<uint64_t>::max());
  EXPECT_TRUE(isMalformed(failOne(B), "integer", 2));
}

TEST(InstructionReaderMemory, MemorySizeAndGrowReservedByte) {
  Instruction I;
  ASSERT_TRUE(one({0x3F, 0x00}, I));
  EXPECT_EQ(I.Op, Opcode::MemorySize);
  EXPECT_EQ(I.Index, 0u);
  ASSERT_TRUE(one({0x40, 0x00}, I));
  EXPECT_EQ(I.Op, Opcode::MemoryGrow);

  EXPECT_TRUE(isMalformed(failOne({0x3F, 0x01}), "zero byte expected", 1));
  EXPECT_TRUE(isMalformed(failOne({0x40, 0x01}), "zero byte expected", 1));
  // A padded zero is not the reserved byte.
  EXPECT_TRUE(
      isMalformed(failOne({0x3F, 0x80, 0x00}), "zero byte expected", 1));
  EXPECT_TRUE(
      isMalformed(failOne({0x40, 0x80, 0x00}), "zero byte expected", 1));
  EXPECT_TRUE(isMalformed(failOne({0x3F}), "unexpected end", 1));
}

TEST(InstructionReaderMemory, MemoryIndexWithMultiMemory) {
  Features F = with(Feature::MultiMemory);
  Instruction I;
  ASSERT_TRUE(one({0x3F, 0x80, 0x00}, I, F));
  EXPECT_EQ(I.Index, 0u);
  ASSERT_TRUE(one({0x40, 0x02}, I, F));
  EXPECT_EQ(I.Index, 2u);
}

TEST(InstructionReaderMemory, BulkMemoryReservedBytes) {
  Instruction I;
  ASSERT_TRUE(one({0xFC, 0x08, 0x03, 0x00}, I));
  EXPECT_EQ(I.Op, Opcode::MemoryInit);
  EXPECT_EQ(I.Index, 3u);
  EXPECT_EQ(I.Index2, 0u);
  EXPECT_TRUE(
      isMalformed(failOne({0xFC, 0x08, 0x03, 0x01}), "zero byte expected", 3));

  ASSERT_TRUE(one({0xFC, 0x09, 0x04}, I));
  EXPECT_EQ(I.Op, Opcode::DataDrop);
  EXPECT_EQ(I.Index, 4u);

  ASSERT_TRUE(one({0xFC, 0x0A, 0x00, 0x00}, I));
  EXPECT_EQ(I.Op, Opcode::MemoryCopy);
  EXPECT_TRUE(
      isMalformed(failOne({0xFC, 0x0A, 0x01, 0x00}), "zero byte expected", 2));
  EXPECT_TRUE(
      isMalformed(failOne({0xFC, 0x0A, 0x00, 0x01}), "zero byte expected", 3));

  ASSERT_TRUE(one({0xFC, 0x0B, 0x00}, I));
  EXPECT_EQ(I.Op, Opcode::MemoryFill);
  EXPECT_TRUE(
      isMalformed(failOne({0xFC, 0x0B, 0x80, 0x00}), "zero byte expected", 2));
}

TEST(InstructionReaderMemory, MemoryCopyIndicesWithMultiMemory) {
  Instruction I;
  ASSERT_TRUE(one({0xFC, 0x0A, 0x01, 0x02}, I, with(Feature::MultiMemory)));
  EXPECT_EQ(I.Index, 1u);  // destination
  EXPECT_EQ(I.Index2, 2u); // source
}

//===-- Tables ------------------------------------------------------------===//

TEST(InstructionReaderTables, TableImmediates) {
  Instruction I;
  ASSERT_TRUE(one({0xFC, 0x0C, 0x01, 0x02}, I));
  EXPECT_EQ(I.Op, Opcode::TableInit);
  EXPECT_EQ(I.Index, 1u);  // element segment
  EXPECT_EQ(I.Index2, 2u); // table
  ASSERT_TRUE(one({0xFC, 0x0D, 0x05}, I));
  EXPECT_EQ(I.Op, Opcode::ElemDrop);
  EXPECT_EQ(I.Index, 5u);
  ASSERT_TRUE(one({0xFC, 0x0E, 0x03, 0x04}, I));
  EXPECT_EQ(I.Op, Opcode::TableCopy);
  EXPECT_EQ(I.Index, 3u);
  EXPECT_EQ(I.Index2, 4u);
  ASSERT_TRUE(one({0xFC, 0x0F, 0x01}, I));
  EXPECT_EQ(I.Op, Opcode::TableGrow);
  EXPECT_EQ(I.Index, 1u);
  ASSERT_TRUE(one({0xFC, 0x10, 0x02}, I));
  EXPECT_EQ(I.Op, Opcode::TableSize);
  EXPECT_EQ(I.Index, 2u);
  ASSERT_TRUE(one({0xFC, 0x11, 0x80, 0x01}, I));
  EXPECT_EQ(I.Op, Opcode::TableFill);
  EXPECT_EQ(I.Index, 128u);
  ASSERT_TRUE(one({0x25, 0x00}, I));
  EXPECT_EQ(I.Op, Opcode::TableGet);
  ASSERT_TRUE(one({0x26, 0x01}, I));
  EXPECT_EQ(I.Op, Opcode::TableSet);
  EXPECT_EQ(I.Index, 1u);
}

//===-- Variables, constants ----------------------------------------------===//

TEST(InstructionReaderVariables, Indices) {
  Instruction I;
  ASSERT_TRUE(one({0x20, 0x05}, I));
  EXPECT_EQ(I.Op, Opcode::LocalGet);
  EXPECT_EQ(I.Index, 5u);
  ASSERT_TRUE(one({0x22, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, I));
  EXPECT_EQ(I.Op, Opcode::LocalTee);
  EXPECT_EQ(I.Index, 0xFFFFFFFFu);
  ASSERT_TRUE(one({0x24, 0x02}, I));
  EXPECT_EQ(I.Op, Opcode::GlobalSet);
  EXPECT_EQ(I.Index, 2u);
}

TEST(InstructionReaderConstants, I32ConstIsSignExtended) {
  Instruction I;
  ASSERT_TRUE(one({0x41, 0x7F}, I));
  EXPECT_EQ(I.Op, Opcode::I32Const);
  EXPECT_EQ(I.Bits, 0xFFFFFFFFFFFFFFFFull);
  ASSERT_TRUE(one({0x41, 0x80, 0x80, 0x80, 0x80, 0x78}, I));
  EXPECT_EQ(int64_t(I.Bits), int64_t(std::numeric_limits<int32_t>::min()));
  ASSERT_TRUE(one({0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0x07}, I));
  EXPECT_EQ(I.Bits, 0x7FFFFFFFu);
}

TEST(InstructionReaderConstants, I32ConstRangeIsSigned) {
  // 0xFFFFFFFF written as unsigned LEB128 is out of range for s32.
  EXPECT_TRUE(isMalformed(failOne({0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}),
                          "integer too large", 1));
  EXPECT_TRUE(isMalformed(failOne({0x41, 0x80, 0x80, 0x80, 0x80, 0x70}),
                          "integer too large", 1));
  EXPECT_TRUE(isMalformed(failOne({0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}),
                          "integer representation too long", 1));
}

TEST(InstructionReaderConstants, I64Const) {
  Instruction I;
  Bytes Min = cat({{0x42}, Bytes(9, 0x80), {0x7F}});
  ASSERT_TRUE(one(Min, I));
  EXPECT_EQ(I.Op, Opcode::I64Const);
  EXPECT_EQ(I.Bits, 0x8000000000000000ull);
  ASSERT_TRUE(one(cat({{0x42}, sleb(-2)}), I));
  EXPECT_EQ(int64_t(I.Bits), -2);
  EXPECT_TRUE(isMalformed(failOne(cat({{0x42}, Bytes(9, 0x80), {0x01}})),
                          "integer too large", 1));
}

TEST(InstructionReaderConstants, FloatConstsKeepBits) {
  Instruction I;
  ASSERT_TRUE(one({0x43, 0x00, 0x00, 0x80, 0x3F}, I));
  EXPECT_EQ(I.Op, Opcode::F32Const);
  EXPECT_EQ(I.Bits, 0x3F800000u);
  // A NaN with payload.
  ASSERT_TRUE(one({0x43, 0x01, 0x00, 0xA0, 0x7F}, I));
  EXPECT_EQ(I.Bits, 0x7FA00001u);
  ASSERT_TRUE(one({0x44, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0xF0, 0x7F}, I));
  EXPECT_EQ(I.Op, Opcode::F64Const);
  EXPECT_EQ(I.Bits, 0x7FF0060504030201ull);
  EXPECT_TRUE(
      isMalformed(failOne({0x43, 0x00, 0x00, 0x80}), "unexpected end", 1));
  EXPECT_TRUE(
      isMalformed(failOne({0x44, 0, 0, 0, 0, 0, 0, 0}), "unexpected end", 1));
}

//===-- Parametric and reference instructions -----------------------------===//

TEST(InstructionReaderParametric, SelectUntypedAndTyped) {
  Instruction I;
  ASSERT_TRUE(one({0x1B}, I));
  EXPECT_EQ(I.Op, Opcode::Select);
  EXPECT_EQ(I.NumSelectTypes, 0u);

  ASSERT_TRUE(one({0x1C, 0x01, 0x7E}, I));
  EXPECT_EQ(I.Op, Opcode::SelectTyped);
  EXPECT_EQ(I.NumSelectTypes, 1u);
  EXPECT_EQ(I.Type, ValType::I64);

  ASSERT_TRUE(one({0x1C, 0x01, 0x6F}, I));
  EXPECT_EQ(I.Type, ValType::ExternRef);

  // More or fewer than one type is for the validator to reject; the
  // encoding is fine and every type is read.
  ASSERT_TRUE(one({0x1C, 0x02, 0x7F, 0x7D}, I));
  EXPECT_EQ(I.NumSelectTypes, 2u);
  EXPECT_EQ(I.Type, ValType::I32);
  ASSERT_TRUE(one({0x1C, 0x00}, I));
  EXPECT_EQ(I.NumSelectTypes, 0u);
}

TEST(InstructionReaderParametric, SelectTypedBadType) {
  EXPECT_TRUE(
      isMalformed(failOne({0x1C, 0x01, 0x40}), "malformed value type", 2));
  EXPECT_TRUE(isMalformed(failOne({0x1C, 0x02, 0x7F, 0x00}),
                          "malformed value type", 3));
  EXPECT_TRUE(
      isMalformed(failOne({0x1C, 0x05, 0x7F}), "length out of bounds", 1));
  EXPECT_TRUE(isMalformed(failOne({0x1C, 0x01, 0x7B}, without(Feature::Simd)),
                          "malformed value type", 2));
}

TEST(InstructionReaderReference, RefNull) {
  Instruction I;
  ASSERT_TRUE(one({0xD0, 0x70}, I));
  EXPECT_EQ(I.Op, Opcode::RefNull);
  EXPECT_EQ(I.Type, ValType::FuncRef);
  ASSERT_TRUE(one({0xD0, 0x6F}, I));
  EXPECT_EQ(I.Type, ValType::ExternRef);
  EXPECT_TRUE(
      isMalformed(failOne({0xD0, 0x7F}), "malformed reference type", 1));
  EXPECT_TRUE(
      isMalformed(failOne({0xD0, 0x40}), "malformed reference type", 1));
  EXPECT_TRUE(
      isMalformed(failOne({0xD0, 0x7B}), "malformed reference type", 1));
  EXPECT_TRUE(isMalformed(failOne({0xD0}), "unexpected end", 1));
}

TEST(InstructionReaderReference, RefFuncAndIsNull) {
  Instruction I;
  ASSERT_TRUE(one({0xD2, 0x07}, I));
  EXPECT_EQ(I.Op, Opcode::RefFunc);
  EXPECT_EQ(I.Index, 7u);
  ASSERT_TRUE(one({0xD1}, I));
  EXPECT_EQ(I.Op, Opcode::RefIsNull);
}

//===-- SIMD --------------------------------------------------------------===//

TEST(InstructionReaderSimd, V128Const) {
  Bytes Lanes;
  for (uint8_t K = 0; K < 16; ++K)
    Lanes.push_back(0xF0 + K);
  Instruction I;
  ASSERT_TRUE(one(cat({{0xFD, 0x0C}, Lanes}), I));
  EXPECT_EQ(I.Op, Opcode::V128Const);
  EXPECT_EQ(0, std::memcmp(I.V128, Lanes.data(), 16));
  Bytes Short(Lanes.begin(), Lanes.begin() + 15);
  EXPECT_TRUE(
      isMalformed(failOne(cat({{0xFD, 0x0C}, Short})), "unexpected end", 2));
}

TEST(InstructionReaderSimd, Shuffle) {
  Bytes Lanes{0, 17, 2, 19, 4, 21, 6, 23, 8, 25, 10, 27, 12, 29, 14, 31};
  Instruction I;
  ASSERT_TRUE(one(cat({{0xFD, 0x0D}, Lanes}), I));
  EXPECT_EQ(I.Op, Opcode::I8x16Shuffle);
  EXPECT_EQ(0, std::memcmp(I.V128, Lanes.data(), 16));
  EXPECT_TRUE(isMalformed(failOne({0xFD, 0x0D, 0, 1, 2}), "unexpected end"));
}

TEST(InstructionReaderSimd, Lanes) {
  Instruction I;
  ASSERT_TRUE(one({0xFD, 0x15, 0x0F}, I));
  EXPECT_EQ(I.Op, Opcode::I8x16ExtractLaneS);
  EXPECT_EQ(I.Index, 15u);
  // The range of a lane is checked by validation, not decoding.
  ASSERT_TRUE(one({0xFD, 0x15, 0xFF}, I));
  EXPECT_EQ(I.Index, 255u);
  EXPECT_TRUE(isMalformed(failOne({0xFD, 0x15}), "unexpected end", 2));

  ASSERT_TRUE(one({0xFD, 0x54, 0x00, 0x08, 0x0A}, I));
  EXPECT_EQ(I.Op, Opcode::V128Load8Lane);
  EXPECT_EQ(I.Mem.AlignLog2, 0u);
  EXPECT_EQ(I.Mem.Offset, 8u);
  EXPECT_EQ(I.Index, 10u);
  EXPECT_TRUE(
      isMalformed(failOne({0xFD, 0x54, 0x00, 0x08}), "unexpected end", 4));
}

TEST(InstructionReaderSimd, SubOpcodeIsAU32LEB) {
  Instruction I;
  // v128.load with its sub-opcode padded.
  ASSERT_TRUE(one({0xFD, 0x80, 0x00, 0x04, 0x00}, I));
  EXPECT_EQ(I.Op, Opcode::V128Load);
  EXPECT_EQ(I.Mem.AlignLog2, 4u);
  // i8x16.shuffle with 0x0D written in five bytes.
  Bytes B = cat({{0xFD, 0x8D, 0x80, 0x80, 0x80, 0x00}, Bytes(16, 0)});
  ASSERT_TRUE(one(B, I));
  EXPECT_EQ(I.Op, Opcode::I8x16Shuffle);
}

//===-- Prefixes, illegal opcodes, features -------------------------------===//

TEST(InstructionReaderPrefix, PaddedSubOpcodes) {
  Instruction I;
  ASSERT_TRUE(one({0xFC, 0x80, 0x00}, I));
  EXPECT_EQ(I.Op, Opcode::I32TruncSatF32S);
  ASSERT_TRUE(one({0xFC, 0x84, 0x80, 0x00}, I));
  EXPECT_EQ(I.Op, Opcode::I64TruncSatF32S);
  EXPECT_TRUE(isMalformed(failOne({0xFC, 0x80, 0x80, 0x80, 0x80, 0x10}),
                          "integer too large", 1));
  EXPECT_TRUE(isMalformed(failOne({0xFC}), "unexpected end", 1));
  EXPECT_TRUE(isMalformed(failOne({0xFC, 0x80}), "unexpected end", 1));
}

TEST(InstructionReaderIllegal, UnassignedOpcodes) {
  Code C({0x01, 0x27}, Features(), 0x300);
  Instruction I;
  ASSERT_TRUE(C.read(I));
  Failure F = C.fail();
  EXPECT_TRUE(isMalformed(F, "illegal opcode", 0x301));
  EXPECT_NE(F.Text.find("27"), std::string::npos) << F.Text;

  for (uint8_t Op : {0x0A, 0x27, 0xC5, 0xD3, 0xFF})
    EXPECT_TRUE(isMalformed(failOne({Op}), "illegal opcode", 0)) << int(Op);

  Failure Fc = failOne({0xFC, 0x12});
  EXPECT_TRUE(isMalformed(Fc, "illegal opcode", 0));
  Failure Fd = failOne({0xFD, 0x9A, 0x01});
  EXPECT_TRUE(isMalformed(Fd, "illegal opcode", 0));
  EXPECT_TRUE(
      isMalformed(failOne({0xFD, 0x80, 0x80, 0x40}), "illegal opcode", 0));
}

TEST(InstructionReaderFeatures, SignExtensionNeedsItsFeature) {
  Instruction I;
  ASSERT_TRUE(one({0xC0}, I));
  EXPECT_EQ(I.Op, Opcode::I32Extend8S);
  Failure F = failOne({0xC0}, Features::none());
  EXPECT_TRUE(isMalformed(F, "illegal opcode", 0));
  EXPECT_NE(F.Text.find("sign-ext"), std::string::npos) << F.Text;
  EXPECT_TRUE(isMalformed(failOne({0xC4}, without(Feature::SignExt)),
                          "illegal opcode"));
}

TEST(InstructionReaderFeatures, OtherGatedOpcodes) {
  Features None = Features::none();
  EXPECT_TRUE(isMalformed(failOne({0xFC, 0x00}, None), "illegal opcode"));
  EXPECT_TRUE(isMalformed(failOne({0xFC, 0x0B, 0x00}, None), "illegal opcode"));
  EXPECT_TRUE(isMalformed(failOne({0xD0, 0x70}, None), "illegal opcode"));
  EXPECT_TRUE(isMalformed(failOne({0x1C, 0x01, 0x7F}, None), "illegal opcode"));
  EXPECT_TRUE(isMalformed(failOne(cat({{0xFD, 0x0C}, Bytes(16, 0)}), None),
                          "illegal opcode"));
  // Proposals beyond 2.0 are off by default.
  EXPECT_TRUE(isMalformed(failOne({0x12, 0x00}), "illegal opcode"));
  EXPECT_TRUE(isMalformed(failOne({0x06, 0x40}), "illegal opcode"));
  Instruction I;
  ASSERT_TRUE(one({0x12, 0x00}, I, with(Feature::TailCall)));
  EXPECT_EQ(I.Op, Opcode::ReturnCall);
  // MVP opcodes need no feature.
  ASSERT_TRUE(one({0x6A}, I, None));
  EXPECT_EQ(I.Op, Opcode::I32Add);
}

} // namespace

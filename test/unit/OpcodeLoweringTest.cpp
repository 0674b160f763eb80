//===- OpcodeLoweringTest.cpp - Every row of the opcode table, lowered ----===//
//
// The table-wide coverage test of ir/Opcodes.def's Family column: for every
// opcode, a valid function that uses it is decoded, validated and lowered.
// A row whose family lowers it must lower without error; a row marked
// Unlowered must be refused as "not supported by this compiler" (so the
// test fails when such a row starts working and the table was not told).
// Operands come from the row itself where it has a Signature (constants of
// the parameter types); the operators the validator types by hand each
// have a snippet below.
//
//===----------------------------------------------------------------------===//
#include "WasmBuilder.h"

#include "decode/ModuleDecoder.h"
#include "ir/Opcode.h"
#include "lower/ModuleLowering.h"
#include "validate/Validator.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/TargetParser/Triple.h"

#include <gtest/gtest.h>

#include <map>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

const char *const X86Layout =
    "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:"
    "64-S128";

constexpr uint8_t RefFuncType = 0x70;

/// The encoding of Op with zero immediates of its kind.
Bytes encode(Opcode Op) {
  const OpcodeInfo &Info = opcodeInfo(Op);
  Bytes Out;
  if (Info.Prefix)
    Out = cat({{Info.Prefix}, uleb(Info.Code)});
  else
    Out = {static_cast<uint8_t>(Info.Code)};
  Bytes Zero16(16, 0);
  switch (Info.Immediate) {
  case ImmediateKind::MemArg:
    return cat({Out, uleb(Info.Extra), uleb(0)});
  case ImmediateKind::MemArgLane:
    return cat({Out, uleb(Info.Extra), uleb(0), {0}});
  case ImmediateKind::LaneIndex:
    return cat({Out, {0}});
  case ImmediateKind::Shuffle:
  case ImmediateKind::V128Const:
    return cat({Out, Zero16});
  case ImmediateKind::I32Const:
  case ImmediateKind::I64Const:
    return cat({Out, {0}});
  case ImmediateKind::F32Const:
    return cat({Out, Bytes(4, 0)});
  case ImmediateKind::F64Const:
    return cat({Out, Bytes(8, 0)});
  default:
    return Out;
  }
}

/// A value of type T: a constant, or for v128 local 1 (so that the v128
/// rows do not depend on v128.const being lowered).
Bytes zeroOf(ValType T) {
  switch (T) {
  case ValType::I64:
    return {0x42, 0};
  case ValType::F32:
    return cat({{0x43}, Bytes(4, 0)});
  case ValType::F64:
    return cat({{0x44}, Bytes(8, 0)});
  case ValType::V128:
    return {0x20, 0x01};
  default:
    return {0x41, 0};
  }
}

Bytes i32Zero() { return {0x41, 0}; }
Bytes fc(uint32_t Code) { return cat({{0xFC}, uleb(Code)}); }

/// Bodies (without locals and the final end) for the operators whose types
/// the validator works out itself. Function 1 is a [] -> [] callee, type 0
/// is [] -> [], table 0 holds funcrefs, memory 0, global 0 is a mutable
/// i32, element and data segment 0 are passive, local 0 is an i32 and
/// local 1 a v128.
std::map<Opcode, Bytes> handWrittenBodies() {
  const Bytes I = i32Zero();
  const Bytes NullRef = {0xD0, RefFuncType};
  return {
      {Opcode::Unreachable, {0x00}},
      {Opcode::Nop, {0x01}},
      {Opcode::Block, {0x02, 0x40, 0x0B}},
      {Opcode::Loop, {0x03, 0x40, 0x0B}},
      {Opcode::If, cat({I, {0x04, 0x40, 0x0B}})},
      {Opcode::Else, cat({I, {0x04, 0x40, 0x05, 0x0B}})},
      {Opcode::End, {0x02, 0x40, 0x0B}},
      {Opcode::Br, {0x02, 0x40, 0x0C, 0x00, 0x0B}},
      {Opcode::BrIf, cat({{0x02, 0x40}, I, {0x0D, 0x00, 0x0B}})},
      {Opcode::BrTable, cat({{0x02, 0x40}, I, {0x0E, 0x00, 0x00, 0x0B}})},
      {Opcode::Return, {0x0F}},
      {Opcode::Call, {0x10, 0x01}},
      {Opcode::CallIndirect, cat({I, {0x11, 0x00, 0x00}})},
      {Opcode::ReturnCall, {0x12, 0x01}},
      {Opcode::ReturnCallIndirect, cat({I, {0x13, 0x00, 0x00}})},
      {Opcode::Drop, cat({I, {0x1A}})},
      {Opcode::Select, cat({I, I, I, {0x1B, 0x1A}})},
      {Opcode::SelectTyped, cat({I, I, I, {0x1C, 0x01, 0x7F, 0x1A}})},
      {Opcode::LocalGet, {0x20, 0x00, 0x1A}},
      {Opcode::LocalSet, cat({I, {0x21, 0x00}})},
      {Opcode::LocalTee, cat({I, {0x22, 0x00, 0x1A}})},
      {Opcode::GlobalGet, {0x23, 0x00, 0x1A}},
      {Opcode::GlobalSet, cat({I, {0x24, 0x00}})},
      {Opcode::TableGet, cat({I, {0x25, 0x00, 0x1A}})},
      {Opcode::TableSet, cat({I, NullRef, {0x26, 0x00}})},
      {Opcode::MemorySize, {0x3F, 0x00, 0x1A}},
      {Opcode::MemoryGrow, cat({I, {0x40, 0x00, 0x1A}})},
      {Opcode::RefNull, cat({NullRef, {0x1A}})},
      {Opcode::RefIsNull, cat({NullRef, {0xD1, 0x1A}})},
      {Opcode::RefFunc, {0xD2, 0x01, 0x1A}},
      {Opcode::MemoryInit, cat({I, I, I, fc(8), {0x00, 0x00}})},
      {Opcode::DataDrop, cat({fc(9), {0x00}})},
      {Opcode::MemoryCopy, cat({I, I, I, fc(10), {0x00, 0x00}})},
      {Opcode::MemoryFill, cat({I, I, I, fc(11), {0x00}})},
      {Opcode::TableInit, cat({I, I, I, fc(12), {0x00, 0x00}})},
      {Opcode::ElemDrop, cat({fc(13), {0x00}})},
      {Opcode::TableCopy, cat({I, I, I, fc(14), {0x00, 0x00}})},
      {Opcode::TableGrow, cat({NullRef, I, fc(15), {0x00, 0x1A}})},
      {Opcode::TableSize, cat({fc(16), {0x00, 0x1A}})},
      {Opcode::TableFill, cat({I, NullRef, I, fc(17), {0x00}})},
  };
}

/// Rows no valid function can show here, and why. Each must be Unlowered:
/// the day one is lowered, it needs a body above.
const std::map<Opcode, const char *> &untestableRows() {
  static const std::map<Opcode, const char *> Rows = {
      {Opcode::Try, "the decoder reads no tag section (exceptions)"},
      {Opcode::Catch, "the decoder reads no tag section (exceptions)"},
      {Opcode::Throw, "the decoder reads no tag section (exceptions)"},
      {Opcode::Rethrow, "the decoder reads no tag section (exceptions)"},
      {Opcode::Delegate, "the decoder reads no tag section (exceptions)"},
      {Opcode::CatchAll, "the decoder reads no tag section (exceptions)"},
  };
  return Rows;
}

/// The body of the function under test for Op, or none.
std::optional<Bytes> bodyFor(Opcode Op) {
  static const std::map<Opcode, Bytes> Hand = handWrittenBodies();
  if (auto It = Hand.find(Op); It != Hand.end())
    return It->second;
  const OpcodeInfo &Info = opcodeInfo(Op);
  if (!Info.Signature)
    return std::nullopt;
  Bytes Body;
  for (ValType T : Info.Signature->params())
    Body = cat({Body, zeroOf(T)});
  Body = cat({Body, encode(Op)});
  if (Info.Signature->HasResult)
    Body.push_back(0x1A); // drop
  return Body;
}

Bytes moduleWith(const Bytes &Body) {
  const Bytes EmptyType = {0x60, 0x00, 0x00};
  const Bytes Locals = vec({{0x01, 0x7F}, {0x01, 0x7B}}); // i32, v128
  const Bytes TestFn = cat({Locals, Body, {0x0B}});
  const Bytes Callee = cat({vec({}), {0x0B}});
  return module({
      section(1, vec({EmptyType})),                     // types
      section(3, vec({{0x00}, {0x00}})),                // functions
      section(4, vec({{RefFuncType, 0x00, 0x01}})),     // table min 1
      section(5, vec({{0x00, 0x01}})),                  // memory min 1
      section(6, vec({{0x7F, 0x01, 0x41, 0x00, 0x0B}})), // mut i32 = 0
      section(9, vec({{0x01, 0x00, 0x01, 0x01}})),      // passive [f1]
      section(12, {0x01}),                              // data count
      section(10, vec({cat({uleb(TestFn.size()), TestFn}),
                       cat({uleb(Callee.size()), Callee})})),
      section(11, vec({{0x01, 0x00}})), // passive, empty
  });
}

TEST(OpcodeLowering, EveryRowIsLoweredOrRefusedAsUnsupported) {
  unsigned Lowered = 0, Unsupported = 0;
  for (unsigned Index = 0; Index < NumOpcodes; ++Index) {
    auto Op = static_cast<Opcode>(Index);
    const OpcodeInfo &Info = opcodeInfo(Op);
    SCOPED_TRACE(opcodeName(Op).str());
    if (auto It = untestableRows().find(Op); It != untestableRows().end()) {
      EXPECT_EQ(Info.Family, LowerFamily::Unlowered)
          << "lowered, but this test cannot show it: " << It->second;
      continue;
    }
    std::optional<Bytes> Body = bodyFor(Op);
    ASSERT_TRUE(Body) << "no test body for this row";
    llvm::Expected<Module> Wasm = decodeModule(moduleWith(*Body),
                                               Features::all());
    if (!Wasm) {
      ADD_FAILURE() << "the test module does not decode: "
                    << llvm::toString(Wasm.takeError());
      continue;
    }
    if (llvm::Error E = validateModule(*Wasm)) {
      ADD_FAILURE() << "the test module is invalid: "
                    << llvm::toString(std::move(E));
      continue;
    }
    llvm::LLVMContext Ctx;
    llvm::Expected<std::unique_ptr<llvm::Module>> M =
        lowerModule(*Wasm, Ctx, LowerOptions(),
                    llvm::Triple("x86_64-unknown-linux-gnu"),
                    llvm::DataLayout(X86Layout));
    if (Info.Family != LowerFamily::Unlowered) {
      EXPECT_TRUE(succeeded(M.takeError()));
      ++Lowered;
      continue;
    }
    Failure F = failureOf(M.takeError());
    EXPECT_TRUE(F.Failed) << "lowered, but the table says Unlowered: "
                             "give the row its family";
    EXPECT_TRUE(F.IsWasmError && F.Kind == WasmErrorKind::Unsupported)
        << F.Message;
    ++Unsupported;
  }
  EXPECT_EQ(Lowered + Unsupported + untestableRows().size(), NumOpcodes);
}

} // namespace

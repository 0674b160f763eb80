//===- ValidatorTest.cpp - The validator's stack machine and module rules -===//
//
// Each test assembles a binary, decodes it with decodeModule and validates
// it, then checks the verdict: accepted, or rejected with the expected kind,
// message, offset and function index. Most modules are one function whose
// body the test spells out byte by byte, so offsets can be checked exactly.
//
//===----------------------------------------------------------------------===//
#include "WasmBuilder.h"

#include "decode/ModuleDecoder.h"
#include "validate/FunctionValidator.h"
#include "validate/Validator.h"

#include <gtest/gtest.h>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

// Value type bytes.
constexpr uint8_t I32 = 0x7F, I64 = 0x7E, F32 = 0x7D, F64 = 0x7C, V128 = 0x7B,
                  FUNCREF = 0x70, EXTERNREF = 0x6F;
// Opcodes used below.
constexpr uint8_t UNREACHABLE = 0x00, NOP = 0x01, BLOCK = 0x02, LOOP = 0x03,
                  IF = 0x04, ELSE = 0x05, END = 0x0B, BR = 0x0C, BR_IF = 0x0D,
                  BR_TABLE = 0x0E, RETURN = 0x0F, CALL = 0x10,
                  CALL_INDIRECT = 0x11, DROP = 0x1A, SELECT = 0x1B,
                  SELECT_T = 0x1C, LOCAL_GET = 0x20, GLOBAL_GET = 0x23,
                  GLOBAL_SET = 0x24, I32_LOAD = 0x28, I64_LOAD8_S = 0x30,
                  I32_CONST = 0x41, I64_CONST = 0x42, F32_CONST = 0x43,
                  F64_CONST = 0x44, I32_ADD = 0x6A, I64_ADD = 0x7C,
                  REF_NULL = 0xD0, REF_IS_NULL = 0xD1, REF_FUNC = 0xD2,
                  EMPTY = 0x40;

Bytes i32Const(int32_t V) { return cat({{I32_CONST}, sleb(V)}); }
Bytes f64Zero() { return {F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0}; }

Bytes funcType(std::initializer_list<uint8_t> Params,
               std::initializer_list<uint8_t> Results) {
  Bytes Out = {0x60};
  Bytes P = uleb(Params.size());
  P.insert(P.end(), Params.begin(), Params.end());
  Bytes R = uleb(Results.size());
  R.insert(R.end(), Results.begin(), Results.end());
  return cat({Out, P, R});
}

/// A code entry: size, local runs (count, type), then the instructions.
Bytes codeEntry(std::vector<std::pair<uint32_t, uint8_t>> Locals,
                const Bytes &Code) {
  Bytes Body = uleb(Locals.size());
  for (auto [Count, Type] : Locals)
    Body = cat({Body, uleb(Count), {Type}});
  Body = cat({Body, Code});
  return cat({uleb(Body.size()), Body});
}

/// The parts of a test module. Sections are emitted in the binary's order;
/// empty parts are left out.
struct TestModule {
  std::vector<Bytes> Types;
  std::vector<Bytes> Imports;
  std::vector<uint32_t> Funcs; // type index of each defined function
  std::vector<Bytes> Tables;
  std::vector<Bytes> Memories;
  std::vector<Bytes> Globals;
  std::vector<Bytes> Exports;
  std::optional<uint32_t> Start;
  std::vector<Bytes> Elems;
  std::optional<uint32_t> DataCount;
  std::vector<Bytes> Codes; // code entries (codeEntry)
  std::vector<Bytes> Datas;

  static Bytes vector(const std::vector<Bytes> &Items) {
    Bytes Out = uleb(Items.size());
    for (const Bytes &I : Items)
      Out.insert(Out.end(), I.begin(), I.end());
    return Out;
  }

  Bytes encode() const {
    Bytes Out = preamble();
    auto Add = [&](uint8_t Id, const Bytes &Payload) {
      Out = cat({Out, section(Id, Payload)});
    };
    if (!Types.empty())
      Add(1, vector(Types));
    if (!Imports.empty())
      Add(2, vector(Imports));
    if (!Funcs.empty()) {
      Bytes P = uleb(Funcs.size());
      for (uint32_t T : Funcs)
        P = cat({P, uleb(T)});
      Add(3, P);
    }
    if (!Tables.empty())
      Add(4, vector(Tables));
    if (!Memories.empty())
      Add(5, vector(Memories));
    if (!Globals.empty())
      Add(6, vector(Globals));
    if (!Exports.empty())
      Add(7, vector(Exports));
    if (Start)
      Add(8, uleb(*Start));
    if (!Elems.empty())
      Add(9, vector(Elems));
    if (DataCount)
      Add(12, uleb(*DataCount));
    if (!Codes.empty())
      Add(10, vector(Codes));
    if (!Datas.empty())
      Add(11, vector(Datas));
    return Out;
  }
};

/// A module with one function of type Params -> Results and body Code
/// (which must include the final end).
TestModule oneFunction(std::initializer_list<uint8_t> Params,
                       std::initializer_list<uint8_t> Results,
                       const Bytes &Code,
                       std::vector<std::pair<uint32_t, uint8_t>> Locals = {}) {
  TestModule T;
  T.Types.push_back(funcType(Params, Results));
  T.Funcs.push_back(0);
  T.Codes.push_back(codeEntry(std::move(Locals), Code));
  return T;
}

/// Decodes (which must succeed: these tests are about validation) and
/// validates.
Failure validateBytes(const Bytes &Binary, const Features &F = {}) {
  auto M = decodeModule(Binary, F);
  if (!M) {
    Failure Fail = failureOf(M);
    ADD_FAILURE() << "decoding failed: " << Fail.Message;
    return Fail;
  }
  return failureOf(validateModule(*M));
}

Failure validate(const TestModule &T, const Features &F = {}) {
  return validateBytes(T.encode(), F);
}

/// Passes when F is an Invalid WasmError whose text contains Substr.
::testing::AssertionResult isInvalid(const Failure &F,
                                     std::string_view Substr) {
  if (!F.Failed)
    return ::testing::AssertionFailure()
           << "accepted; expected an invalid error containing \"" << Substr
           << "\"";
  if (!F.IsWasmError || F.Kind != WasmErrorKind::Invalid)
    return ::testing::AssertionFailure()
           << "not an Invalid WasmError: " << F.Message;
  if (F.Text.find(Substr) == std::string::npos)
    return ::testing::AssertionFailure()
           << "message \"" << F.Text << "\" does not contain \"" << Substr
           << "\"";
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult isValid(const Failure &F) {
  if (!F.Failed)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "rejected: " << F.Message;
}

/// File offset of the first instruction of defined function K.
uint64_t bodyOffset(const Bytes &Binary, size_t K = 0) {
  auto M = decodeModule(Binary);
  if (!M) {
    ADD_FAILURE() << "decoding failed";
    consumeError(M.takeError());
    return 0;
  }
  return M->Functions.at(K).BodyOffset;
}

//===----------------------------------------------------------------------===//
// Operands and messages
//===----------------------------------------------------------------------===//

TEST(Validator, AcceptsTypedArithmetic) {
  EXPECT_TRUE(isValid(validate(oneFunction(
      {I32, I32}, {I32}, {LOCAL_GET, 0, LOCAL_GET, 1, I32_ADD, END}))));
}

TEST(Validator, OperandMismatchNamesOperatorTypesOffsetAndFunction) {
  // One imported function first, so the body is function 1.
  TestModule T =
      oneFunction({}, {I32}, cat({i32Const(1), f64Zero(), {I32_ADD, END}}));
  T.Imports.push_back(cat({name("env"), name("f"), {0x00}, uleb(0)}));
  const Bytes Binary = T.encode();
  const Failure F = validateBytes(Binary);
  ASSERT_TRUE(isInvalid(F, "type mismatch"));
  EXPECT_EQ(F.Text,
            "type mismatch in i32.add: expected [i32 i32], got [i32 f64]");
  ASSERT_TRUE(F.Function.has_value());
  EXPECT_EQ(*F.Function, 1u);
  // i32.const 1 (2 bytes) + f64.const (9 bytes) precede the add.
  const uint64_t AddAt = bodyOffset(Binary) + 11;
  EXPECT_EQ(F.Offset, AddAt);
  char Expected[128];
  snprintf(Expected, sizeof Expected,
           "func 1 at 0x%llx: type mismatch in i32.add: expected [i32 i32], "
           "got [i32 f64]",
           static_cast<unsigned long long>(AddAt));
  EXPECT_EQ(F.Message, Expected);
}

TEST(Validator, MissingOperandIsATypeMismatch) {
  const Failure F =
      validate(oneFunction({}, {I32}, cat({i32Const(1), {I32_ADD, END}})));
  ASSERT_TRUE(isInvalid(F, "type mismatch in i32.add"));
  EXPECT_EQ(F.Text, "type mismatch in i32.add: expected [i32 i32], got [i32]");
}

TEST(Validator, ResultsMustMatchExactlyAtTheEnd) {
  EXPECT_EQ(
      validate(oneFunction({}, {I32}, cat({i32Const(1), i32Const(2), {END}})))
          .Text,
      "type mismatch in function at end: expected [i32], got [i32 i32]");
  EXPECT_TRUE(
      isInvalid(validate(oneFunction({}, {I32}, {END})), "type mismatch"));
  EXPECT_TRUE(isInvalid(
      validate(oneFunction({}, {I32}, cat({i32Const(1), i32Const(2), {END}}))),
      "type mismatch"));
  EXPECT_TRUE(
      isInvalid(validate(oneFunction({}, {I64}, cat({i32Const(1), {END}}))),
                "type mismatch"));
  EXPECT_TRUE(
      isValid(validate(oneFunction({}, {I32}, cat({i32Const(1), {END}})))));
}

//===----------------------------------------------------------------------===//
// Unreachable code
//===----------------------------------------------------------------------===//

TEST(Validator, StackIsPolymorphicAfterUnreachable) {
  // Operands of any type appear from the polymorphic base...
  EXPECT_TRUE(
      isValid(validate(oneFunction({}, {I32}, {UNREACHABLE, I32_ADD, END}))));
  EXPECT_TRUE(isValid(validate(oneFunction({}, {F64}, {UNREACHABLE, END}))));
  // ...but what is pushed after unreachable is still typed.
  EXPECT_TRUE(isInvalid(
      validate(oneFunction({}, {I32},
                           cat({{UNREACHABLE, I64_CONST, 0}, {I32_ADD, END}}))),
      "type mismatch in i32.add"));
  // ...and the frame may not end with too many values.
  EXPECT_TRUE(isInvalid(
      validate(oneFunction(
          {}, {I32}, cat({{UNREACHABLE}, i32Const(0), i32Const(0), {END}}))),
      "type mismatch"));
}

TEST(Validator, StackIsPolymorphicAfterBranchAndReturn) {
  // block (result i32) br 0 with no operand is invalid while reachable...
  EXPECT_TRUE(
      isInvalid(validate(oneFunction({}, {I32}, {BLOCK, I32, BR, 0, END, END})),
                "type mismatch in br"));
  // ...and after br the rest of the block needs nothing.
  EXPECT_TRUE(isValid(validate(oneFunction(
      {}, {I32},
      cat({{BLOCK, I32}, i32Const(1), {BR, 0, I32_ADD, DROP, END, END}})))));
  EXPECT_TRUE(isValid(validate(oneFunction(
      {}, {I32}, cat({i32Const(7), {RETURN, I64_ADD, DROP, END}})))));
}

TEST(Validator, PolymorphismEndsWithTheBlock) {
  // The inner block's polymorphic base does not leak into the function.
  EXPECT_TRUE(
      isInvalid(validate(oneFunction(
                    {}, {I32}, {BLOCK, EMPTY, UNREACHABLE, END, I32_ADD, END})),
                "type mismatch in i32.add"));
}

//===----------------------------------------------------------------------===//
// Blocks, multi-value, if
//===----------------------------------------------------------------------===//

TEST(Validator, BlockParamsAndMultipleResults) {
  TestModule T = oneFunction(
      {}, {I32, I32},
      cat({i32Const(1),
           i32Const(2),
           // block (type 1): [i32 i32] -> [i32 i32]: swaps nothing, passes on
           {BLOCK, 1, I32_ADD},
           i32Const(3),
           {END, END}}));
  T.Types.push_back(funcType({I32, I32}, {I32, I32}));
  // i32.add leaves one value, i32.const another: [i32 i32] as declared.
  EXPECT_TRUE(isValid(validate(T)));

  // The block's params must be on the stack when it starts.
  TestModule Missing =
      oneFunction({}, {I32, I32}, cat({i32Const(1), {BLOCK, 1, END, END}}));
  Missing.Types.push_back(funcType({I32, I32}, {I32, I32}));
  EXPECT_TRUE(isInvalid(validate(Missing), "type mismatch in block"));
}

TEST(Validator, LoopLabelTakesTheParams) {
  // loop (type 1) [i32] -> []: br 0 inside carries an i32 (the param), not
  // the (empty) results.
  TestModule T = oneFunction(
      {}, {},
      cat({i32Const(1), {LOOP, 1}, i32Const(0), {BR_IF, 0, DROP, END, END}}));
  T.Types.push_back(funcType({I32}, {}));
  EXPECT_TRUE(isValid(validate(T)));
}

TEST(Validator, UnknownBlockTypeIndex) {
  EXPECT_TRUE(isInvalid(validate(oneFunction({}, {}, {BLOCK, 5, END, END})),
                        "unknown type 5"));
}

TEST(Validator, IfWithoutElseNeedsEqualParamsAndResults) {
  // if (result i32) ... end without else: the false branch yields nothing.
  EXPECT_TRUE(isInvalid(
      validate(oneFunction(
          {}, {I32}, cat({i32Const(1), {IF, I32}, i32Const(2), {END, END}}))),
      "type mismatch"));
  // With an else it is fine.
  EXPECT_TRUE(isValid(validate(oneFunction({}, {I32},
                                           cat({i32Const(1),
                                                {IF, I32},
                                                i32Const(2),
                                                {ELSE},
                                                i32Const(3),
                                                {END, END}})))));
  // [i32] -> [i32] passes its param through the missing else.
  TestModule T = oneFunction({}, {I32},
                             cat({i32Const(5),
                                  i32Const(1),
                                  {IF, 1},
                                  i32Const(2),
                                  {I32_ADD, END, END}}));
  T.Types.push_back(funcType({I32}, {I32}));
  EXPECT_TRUE(isValid(validate(T)));
}

TEST(Validator, ElseChecksTheThenBranch) {
  EXPECT_TRUE(isInvalid(
      validate(oneFunction(
          {}, {I32},
          cat({i32Const(1), {IF, I32, ELSE}, i32Const(3), {END, END}}))),
      "type mismatch"));
}

TEST(Validator, ElseWithoutIfIsMalformed) {
  EXPECT_TRUE(
      isMalformed(validate(oneFunction({}, {}, {BLOCK, EMPTY, ELSE, END, END})),
                  "else without if"));
}

TEST(Validator, DeepNestingNeedsNoRecursion) {
  Bytes Code;
  for (int K = 0; K < 20000; ++K)
    Code.insert(Code.end(), {BLOCK, EMPTY});
  Code.insert(Code.end(), 20001, END);
  EXPECT_TRUE(isValid(validate(oneFunction({}, {}, Code))));
}

//===----------------------------------------------------------------------===//
// Branches
//===----------------------------------------------------------------------===//

TEST(Validator, UnknownLabel) {
  EXPECT_TRUE(
      isInvalid(validate(oneFunction({}, {}, {BLOCK, EMPTY, BR, 2, END, END})),
                "unknown label 2"));
}

TEST(Validator, BrTableLabelsMustAgreeInArity) {
  // block (result i32) { block { i32.const 0  i32.const 0  br_table 0 1 } }
  const Failure F = validate(oneFunction({}, {I32},
                                         cat({{BLOCK, I32, BLOCK, EMPTY},
                                              i32Const(0),
                                              i32Const(0),
                                              {BR_TABLE, 1, 0, 1, END},
                                              i32Const(1),
                                              {END, END}})));
  EXPECT_TRUE(isInvalid(F, "type mismatch in br_table"));
}

TEST(Validator, BrTableTypesMayDifferOnAPolymorphicStack) {
  // Labels [i32] and [f32]: one operand cannot be both, unless it is the
  // polymorphic base.
  const Bytes Targets = {BR_TABLE, 1, 0, 1};
  EXPECT_TRUE(isValid(validate(
      oneFunction({}, {F32},
                  cat({{BLOCK, F32, BLOCK, I32, UNREACHABLE},
                       Targets,
                       {END, DROP, F32_CONST, 0, 0, 0, 0, END, END}})))));
  EXPECT_TRUE(isInvalid(validate(oneFunction({}, {F32},
                                             cat({{BLOCK, F32, BLOCK, I32},
                                                  i32Const(1),
                                                  i32Const(0),
                                                  Targets,
                                                  {END, DROP, F32_CONST, 0, 0,
                                                   0, 0, END, END}}))),
                        "type mismatch in br_table"));
}

TEST(Validator, BrIfKeepsItsOperands) {
  EXPECT_TRUE(isValid(validate(oneFunction(
      {}, {I32},
      cat({{BLOCK, I32}, i32Const(1), i32Const(0), {BR_IF, 0, END, END}})))));
  EXPECT_TRUE(isInvalid(
      validate(oneFunction(
          {}, {I32}, cat({{BLOCK, I32}, i32Const(0), {BR_IF, 0, END, END}}))),
      "type mismatch in br_if"));
}

//===----------------------------------------------------------------------===//
// select, locals, globals
//===----------------------------------------------------------------------===//

TEST(Validator, UntypedSelectOnlyOnNumbersAndVectors) {
  EXPECT_TRUE(isValid(validate(oneFunction(
      {}, {I32},
      cat({i32Const(1), i32Const(2), i32Const(0), {SELECT, END}})))));
  EXPECT_TRUE(
      isInvalid(validate(oneFunction(
                    {}, {I32},
                    cat({i32Const(1), f64Zero(), i32Const(0), {SELECT, END}}))),
                "type mismatch in select"));
  const Bytes Null = {REF_NULL, FUNCREF};
  EXPECT_TRUE(isInvalid(
      validate(oneFunction(
          {}, {}, cat({Null, Null, i32Const(0), {SELECT, DROP, END}}))),
      "type mismatch in select"));
  // The typed form takes references.
  EXPECT_TRUE(isValid(validate(oneFunction(
      {}, {},
      cat({Null, Null, i32Const(0), {SELECT_T, 1, FUNCREF, DROP, END}})))));
  // On a polymorphic stack the untyped form still accepts its operands.
  EXPECT_TRUE(
      isValid(validate(oneFunction({}, {I32}, {UNREACHABLE, SELECT, END}))));
}

TEST(Validator, TypedSelectTakesExactlyOneType) {
  EXPECT_TRUE(
      isInvalid(validate(oneFunction({}, {I32},
                                     cat({i32Const(1),
                                          i32Const(2),
                                          i32Const(0),
                                          {SELECT_T, 2, I32, I32, END}}))),
                "invalid result arity"));
  EXPECT_TRUE(isInvalid(
      validate(oneFunction(
          {}, {},
          cat({i32Const(1), i32Const(2), i32Const(0), {SELECT_T, 0, END}}))),
      "invalid result arity"));
}

TEST(Validator, LocalsAreFoundInTheirRuns) {
  // Param 0 is i32; runs: 3 x i64 (locals 1-3), 2 x f32 (locals 4-5).
  const std::vector<std::pair<uint32_t, uint8_t>> Runs = {{3, I64}, {2, F32}};
  EXPECT_TRUE(
      isValid(validate(oneFunction({I32}, {I64}, {LOCAL_GET, 3, END}, Runs))));
  EXPECT_TRUE(
      isValid(validate(oneFunction({I32}, {F32}, {LOCAL_GET, 4, END}, Runs))));
  EXPECT_TRUE(
      isValid(validate(oneFunction({I32}, {F32}, {LOCAL_GET, 5, END}, Runs))));
  EXPECT_TRUE(
      isInvalid(validate(oneFunction({I32}, {F32}, {LOCAL_GET, 3, END}, Runs)),
                "type mismatch"));
  EXPECT_TRUE(
      isInvalid(validate(oneFunction({I32}, {F32}, {LOCAL_GET, 6, END}, Runs)),
                "unknown local 6"));
  EXPECT_TRUE(
      isInvalid(validate(oneFunction({}, {}, {LOCAL_GET, 0, DROP, END})),
                "unknown local 0"));
}

TEST(Validator, LocalRunsAreNotExpanded) {
  // A run is one entry however many locals it declares (the decoder
  // bounds them by the locals limit, ir/Limits.def); the last of them is
  // found by search.
  const Bytes Code = cat({{LOCAL_GET}, uleb(49999), {END}});
  EXPECT_TRUE(isValid(
      validate(oneFunction({}, {F64}, Code, {{1, I32}, {49999, F64}}))));
  EXPECT_TRUE(isInvalid(
      validate(oneFunction({}, {F64}, cat({{LOCAL_GET}, uleb(50000), {END}}),
                           {{1, I32}, {49999, F64}})),
      "unknown local"));
}

TEST(Validator, ParamsCountTowardsTheLocalLimit) {
  // 2^32 - 1 declared locals pass the decoder; with a parameter the
  // function has 2^32.
  const Failure F =
      validate(oneFunction({I32}, {}, {END}, {{0xFFFFFFFFu, I32}}));
  EXPECT_TRUE(isMalformed(F, "too many locals"));
}

TEST(Validator, GlobalSetNeedsAMutableGlobal) {
  TestModule T = oneFunction({}, {}, cat({i32Const(1), {GLOBAL_SET, 0, END}}));
  T.Globals.push_back(cat({{I32, 0x00}, i32Const(0), {END}}));
  EXPECT_TRUE(isInvalid(validate(T), "global is immutable"));
  T.Globals[0] = cat({{I32, 0x01}, i32Const(0), {END}});
  EXPECT_TRUE(isValid(validate(T)));
  TestModule Unknown = oneFunction({}, {I32}, {GLOBAL_GET, 3, END});
  EXPECT_TRUE(isInvalid(validate(Unknown), "unknown global 3"));
}

//===----------------------------------------------------------------------===//
// Memory and SIMD immediates
//===----------------------------------------------------------------------===//

TEST(Validator, AlignmentAtMostNatural) {
  auto Load = [](uint8_t Op, uint32_t AlignLog2) {
    TestModule T = oneFunction(
        {}, {}, cat({i32Const(0), {Op}, uleb(AlignLog2), {0, DROP, END}}));
    T.Memories.push_back({0x00, 0x01});
    return T;
  };
  EXPECT_TRUE(isValid(validate(Load(I32_LOAD, 2))));
  EXPECT_TRUE(isValid(validate(Load(I32_LOAD, 0))));
  EXPECT_TRUE(isInvalid(validate(Load(I32_LOAD, 3)),
                        "alignment must not be larger than natural"));
  EXPECT_TRUE(isInvalid(validate(Load(I64_LOAD8_S, 1)),
                        "alignment must not be larger than natural"));
  // An alignment exponent no shift could take.
  EXPECT_TRUE(isInvalid(validate(Load(I32_LOAD, 0xFFFFFFFFu)),
                        "alignment must not be larger than natural"));
}

TEST(Validator, MemoryOperatorsNeedAMemory) {
  const Failure F = validate(
      oneFunction({}, {}, cat({i32Const(0), {I32_LOAD, 2, 0, DROP, END}})));
  EXPECT_TRUE(isInvalid(F, "unknown memory 0"));
  EXPECT_TRUE(isInvalid(validate(oneFunction({}, {I32}, {0x3F, 0x00, END})),
                        "unknown memory 0"));
}

TEST(Validator, LaneIndicesBelowLaneCount) {
  const Bytes V = cat({{0xFD}, uleb(0x0C), Bytes(16, 0)}); // v128.const 0
  auto Extract = [&](uint8_t Lane) {
    // i8x16.extract_lane_s (0xFD 0x15)
    return oneFunction({}, {I32}, cat({V, {0xFD, 0x15, Lane, END}}));
  };
  EXPECT_TRUE(isValid(validate(Extract(15))));
  EXPECT_TRUE(isInvalid(validate(Extract(16)), "invalid lane index"));

  // v128.load64_lane (0xFD 0x57): two lanes.
  auto LoadLane = [&](uint8_t Lane) {
    TestModule T = oneFunction(
        {}, {V128}, cat({i32Const(0), V, {0xFD, 0x57, 3, 0, Lane, END}}));
    T.Memories.push_back({0x00, 0x01});
    return T;
  };
  EXPECT_TRUE(isValid(validate(LoadLane(1))));
  EXPECT_TRUE(isInvalid(validate(LoadLane(2)), "invalid lane index"));

  // i8x16.shuffle picks from 32 lanes.
  Bytes Lanes(16, 31);
  EXPECT_TRUE(isValid(validate(
      oneFunction({}, {V128}, cat({V, V, {0xFD, 0x0D}, Lanes, {END}})))));
  Lanes[7] = 32;
  EXPECT_TRUE(
      isInvalid(validate(oneFunction({}, {V128},
                                     cat({V, V, {0xFD, 0x0D}, Lanes, {END}}))),
                "invalid lane index"));
}

//===----------------------------------------------------------------------===//
// References, tables, calls
//===----------------------------------------------------------------------===//

TEST(Validator, RefFuncNeedsADeclaredReference) {
  TestModule T = oneFunction({}, {}, {REF_FUNC, 0, DROP, END});
  EXPECT_TRUE(isInvalid(validate(T), "undeclared function reference"));

  TestModule Exported = T;
  Exported.Exports.push_back(cat({name("f"), {0x00}, uleb(0)}));
  EXPECT_TRUE(isValid(validate(Exported)));

  // A declarative element segment (flags 3, elemkind 0, one index).
  TestModule Declared = T;
  Declared.Elems.push_back({0x03, 0x00, 0x01, 0x00});
  EXPECT_TRUE(isValid(validate(Declared)));

  // A global initialiser.
  TestModule InGlobal = T;
  InGlobal.Globals.push_back({FUNCREF, 0x00, REF_FUNC, 0x00, END});
  EXPECT_TRUE(isValid(validate(InGlobal)));

  // The start section does not declare.
  TestModule Start = T;
  Start.Start = 0;
  EXPECT_TRUE(isInvalid(validate(Start), "undeclared function reference"));

  EXPECT_TRUE(isInvalid(validate(oneFunction({}, {}, {REF_FUNC, 9, DROP, END})),
                        "unknown function 9"));
}

TEST(Validator, RefIsNullTakesAReference) {
  EXPECT_TRUE(isValid(validate(
      oneFunction({}, {I32}, {REF_NULL, EXTERNREF, REF_IS_NULL, END}))));
  EXPECT_TRUE(isInvalid(
      validate(oneFunction({}, {I32}, cat({i32Const(0), {REF_IS_NULL, END}}))),
      "type mismatch in ref.is_null"));
}

TEST(Validator, CallIndirectNeedsAFuncrefTable) {
  auto WithTable = [](uint8_t Elem) {
    TestModule T =
        oneFunction({}, {}, cat({i32Const(0), {CALL_INDIRECT, 0, 0, END}}));
    T.Tables.push_back({Elem, 0x00, 0x01});
    return T;
  };
  EXPECT_TRUE(isValid(validate(WithTable(FUNCREF))));
  EXPECT_TRUE(isInvalid(validate(WithTable(EXTERNREF)),
                        "type mismatch in call_indirect"));
  EXPECT_TRUE(
      isInvalid(validate(oneFunction(
                    {}, {}, cat({i32Const(0), {CALL_INDIRECT, 0, 0, END}}))),
                "unknown table 0"));
}

TEST(Validator, CallsUseTheCalleeType) {
  TestModule T = oneFunction({}, {}, cat({i32Const(1), {CALL, 1, END}}));
  T.Types.push_back(funcType({I32}, {}));
  T.Funcs.push_back(1);
  T.Codes.push_back(codeEntry({}, {END}));
  EXPECT_TRUE(isValid(validate(T)));
  T.Codes[0] = codeEntry({}, {CALL, 1, END});
  EXPECT_TRUE(isInvalid(validate(T), "type mismatch in call"));
  T.Codes[0] = codeEntry({}, {CALL, 7, END});
  EXPECT_TRUE(isInvalid(validate(T), "unknown function 7"));
}

TEST(Validator, TableCopyAndInitNeedMatchingElementTypes) {
  const Bytes Three = cat({i32Const(0), i32Const(0), i32Const(0)});
  TestModule T = oneFunction({}, {}, cat({Three, {0xFC, 0x0E, 0, 1, END}}));
  T.Tables.push_back({FUNCREF, 0x00, 0x01});
  T.Tables.push_back({EXTERNREF, 0x00, 0x01});
  EXPECT_TRUE(isInvalid(validate(T), "type mismatch in table.copy"));
  T.Codes[0] = codeEntry({}, cat({Three, {0xFC, 0x0E, 1, 1, END}}));
  EXPECT_TRUE(isValid(validate(T)));

  // table.init of table 1 (externref) from a passive funcref segment.
  T.Elems.push_back({0x01, 0x00, 0x00});
  T.Codes[0] = codeEntry({}, cat({Three, {0xFC, 0x0C, 0, 1, END}}));
  EXPECT_TRUE(isInvalid(validate(T), "type mismatch in table.init"));
  T.Codes[0] = codeEntry({}, cat({Three, {0xFC, 0x0C, 0, 0, END}}));
  EXPECT_TRUE(isValid(validate(T)));
  T.Codes[0] = codeEntry({}, cat({Three, {0xFC, 0x0C, 4, 0, END}}));
  EXPECT_TRUE(isInvalid(validate(T), "unknown elem segment 4"));
}

//===----------------------------------------------------------------------===//
// Bulk memory and the data count section
//===----------------------------------------------------------------------===//

TEST(Validator, MemoryInitNeedsTheDataCountSection) {
  const Bytes Init =
      cat({i32Const(0), i32Const(0), i32Const(0), {0xFC, 0x08, 0, 0, END}});
  TestModule T = oneFunction({}, {}, Init);
  T.Memories.push_back({0x00, 0x01});
  T.Datas.push_back({0x01, 0x00}); // passive, empty
  EXPECT_TRUE(isMalformed(validate(T), "data count section required"));
  T.DataCount = 1;
  EXPECT_TRUE(isValid(validate(T)));

  TestModule Drop = oneFunction({}, {}, {0xFC, 0x09, 0, END});
  Drop.Datas.push_back({0x01, 0x00});
  EXPECT_TRUE(isMalformed(validate(Drop), "data count section required"));
  Drop.DataCount = 1;
  EXPECT_TRUE(isValid(validate(Drop)));
  Drop.Codes[0] = codeEntry({}, {0xFC, 0x09, 1, END});
  EXPECT_TRUE(isInvalid(validate(Drop), "unknown data segment 1"));
}

//===----------------------------------------------------------------------===//
// The end of the body
//===----------------------------------------------------------------------===//

TEST(Validator, NothingMayFollowTheFinalEnd) {
  EXPECT_TRUE(isMalformed(validate(oneFunction({}, {}, {END, NOP})),
                          "operators after the function's final end"));
}

TEST(Validator, TheBodyMustEndWithEnd) {
  const Bytes Binary = oneFunction({}, {}, {BLOCK, EMPTY, END}).encode();
  const Failure F = validateBytes(Binary);
  EXPECT_TRUE(isMalformed(F, "END opcode expected", bodyOffset(Binary) + 3));
  EXPECT_EQ(F.Function, std::optional<uint32_t>(0));
}

TEST(Validator, MalformedBodyOutranksInvalidModule) {
  // A duplicate export (invalid) and an illegal opcode in the body
  // (malformed): the spec decodes everything before validating.
  TestModule T = oneFunction({}, {}, {0xFF, END});
  T.Exports.push_back(cat({name("x"), {0x00}, uleb(0)}));
  T.Exports.push_back(cat({name("x"), {0x00}, uleb(0)}));
  EXPECT_TRUE(isMalformed(validate(T), "illegal opcode"));
  T.Codes[0] = codeEntry({}, {END});
  EXPECT_TRUE(isInvalid(validate(T), "duplicate export name"));
}

//===----------------------------------------------------------------------===//
// Constant expressions and module-level rules
//===----------------------------------------------------------------------===//

TEST(Validator, GlobalInitialisersReadOnlyImportedImmutableGlobals) {
  TestModule T;
  T.Imports.push_back(cat({name("env"), name("g"), {0x03, I32, 0x00}}));
  T.Globals.push_back({I32, 0x00, GLOBAL_GET, 0x00, END});
  EXPECT_TRUE(isValid(validate(T)));
  // Global 1 is the module's own: not visible to initialisers in 2.0.
  T.Globals.push_back({I32, 0x00, GLOBAL_GET, 0x01, END});
  EXPECT_TRUE(isInvalid(validate(T), "unknown global 1"));

  TestModule Mut;
  Mut.Imports.push_back(cat({name("env"), name("g"), {0x03, I32, 0x01}}));
  Mut.Globals.push_back({I32, 0x00, GLOBAL_GET, 0x00, END});
  EXPECT_TRUE(isInvalid(validate(Mut), "constant expression required"));

  TestModule Wrong;
  Wrong.Globals.push_back({I64, 0x00, I32_CONST, 0x00, END});
  EXPECT_TRUE(isInvalid(validate(Wrong), "type mismatch"));
  TestModule Two;
  Two.Globals.push_back({I32, 0x00, I32_CONST, 0x00, I32_CONST, 0x00, END});
  EXPECT_TRUE(isInvalid(validate(Two), "type mismatch"));
}

TEST(Validator, ExtendedConstArithmeticNeedsTheFeature) {
  TestModule T;
  T.Globals.push_back(
      {I32, 0x00, I32_CONST, 0x01, I32_CONST, 0x02, I32_ADD, END});
  EXPECT_TRUE(isInvalid(validate(T), "constant expression required"));
  Features F;
  F.set(Feature::ExtendedConst);
  EXPECT_TRUE(isValid(validate(T, F)));
  T.Globals[0] = {I32, 0x00, I32_CONST, 0x01, I32_ADD, END};
  EXPECT_TRUE(isInvalid(validate(T, F), "type mismatch in i32.add"));
}

TEST(Validator, SegmentsNeedTheirTableOrMemory) {
  TestModule Elem;
  Elem.Types.push_back(funcType({}, {}));
  Elem.Funcs.push_back(0);
  Elem.Codes.push_back(codeEntry({}, {END}));
  Elem.Elems.push_back(cat({{0x00}, i32Const(0), {END}, {0x01, 0x00}}));
  EXPECT_TRUE(isInvalid(validate(Elem), "unknown table 0"));
  Elem.Tables.push_back({FUNCREF, 0x00, 0x01});
  EXPECT_TRUE(isValid(validate(Elem)));
  // Offsets are i32.
  Elem.Elems[0] = cat({{0x00, I64_CONST, 0x00, END}, {0x01, 0x00}});
  EXPECT_TRUE(isInvalid(validate(Elem), "type mismatch"));

  TestModule Data;
  Data.Datas.push_back(cat({{0x00}, i32Const(0), {END, 0x00}}));
  EXPECT_TRUE(isInvalid(validate(Data), "unknown memory 0"));
  Data.Memories.push_back({0x00, 0x01});
  EXPECT_TRUE(isValid(validate(Data)));
}

TEST(Validator, MemoryLimits) {
  TestModule T;
  T.Memories.push_back(cat({{0x00}, uleb(65537)}));
  EXPECT_TRUE(
      isInvalid(validate(T), "memory size must be at most 65536 pages"));
  T.Memories[0] = cat({{0x01}, uleb(2), uleb(1)});
  EXPECT_TRUE(
      isInvalid(validate(T), "size minimum must not be greater than maximum"));
  T.Memories[0] = cat({{0x01}, uleb(1), uleb(65536)});
  EXPECT_TRUE(isValid(validate(T)));
  T.Memories.push_back({0x00, 0x00});
  EXPECT_TRUE(isInvalid(validate(T), "multiple memories"));
}

TEST(Validator, TablesMayBeManyButLimitsMustHold) {
  TestModule T;
  T.Tables.push_back({FUNCREF, 0x00, 0x00});
  T.Tables.push_back({EXTERNREF, 0x01, 0x05, 0x02});
  EXPECT_TRUE(
      isInvalid(validate(T), "size minimum must not be greater than maximum"));
  T.Tables[1] = {EXTERNREF, 0x01, 0x02, 0x05};
  EXPECT_TRUE(isValid(validate(T)));
}

TEST(Validator, ExportsAndStart) {
  TestModule T = oneFunction({}, {}, {END});
  T.Exports.push_back(cat({name("a"), {0x00}, uleb(0)}));
  T.Exports.push_back(cat({name("a"), {0x00}, uleb(0)}));
  EXPECT_TRUE(isInvalid(validate(T), "duplicate export name"));
  T.Exports[1] = cat({name("b"), {0x00}, uleb(1)});
  EXPECT_TRUE(isInvalid(validate(T), "unknown function 1"));
  T.Exports[1] = cat({name("b"), {0x03}, uleb(0)});
  EXPECT_TRUE(isInvalid(validate(T), "unknown global 0"));
  T.Exports.pop_back();
  T.Start = 0;
  EXPECT_TRUE(isValid(validate(T)));
  TestModule Typed = oneFunction({I32}, {}, {END});
  Typed.Start = 0;
  EXPECT_TRUE(isInvalid(validate(Typed), "start function"));
  Typed.Start = 3;
  EXPECT_TRUE(isInvalid(validate(Typed), "unknown function 3"));
}

TEST(Validator, FunctionTypesMustExist) {
  TestModule T = oneFunction({}, {}, {END});
  T.Funcs[0] = 4;
  EXPECT_TRUE(isInvalid(validate(T), "unknown type 4"));
  TestModule Imp;
  Imp.Imports.push_back(cat({name("m"), name("f"), {0x00}, uleb(2)}));
  EXPECT_TRUE(isInvalid(validate(Imp), "unknown type 2"));
}

//===----------------------------------------------------------------------===//
// Features beyond 2.0, limits, direct use
//===----------------------------------------------------------------------===//

TEST(Validator, TailCallsReturnTheCallersResults) {
  Features F;
  F.set(Feature::TailCall);
  TestModule T = oneFunction({}, {I32}, {0x12, 1, END}); // return_call 1
  T.Types.push_back(funcType({}, {I64}));
  T.Funcs.push_back(1);
  T.Codes.push_back(codeEntry({}, {I64_CONST, 0, END}));
  EXPECT_TRUE(isInvalid(validate(T, F), "type mismatch in return_call"));
  T.Funcs[1] = 0;
  T.Codes[1] = codeEntry({}, cat({i32Const(0), {END}}));
  EXPECT_TRUE(isValid(validate(T, F)));
}

TEST(Validator, UnsupportedProposalsAreRejectedNotCrashedOn) {
  Features F;
  F.set(Feature::Exceptions);
  // try (0x06) ... end
  const Failure Fail =
      validate(oneFunction({}, {}, {0x06, EMPTY, END, END}), F);
  EXPECT_TRUE(isInvalid(Fail, "not supported"));
}

TEST(Validator, OperandStackHasAnImplementationLimit) {
  // Type 1 returns 1000 i32s; 5000 calls would stack five million values.
  TestModule T;
  Bytes Many = {0x60, 0x00};
  Many = cat({Many, uleb(1000), Bytes(1000, I32)});
  T.Types.push_back(funcType({}, {}));
  T.Types.push_back(Many);
  T.Funcs = {0, 1};
  Bytes Code;
  for (int K = 0; K < 5000; ++K)
    Code.insert(Code.end(), {CALL, 1});
  Code.push_back(END);
  T.Codes.push_back(codeEntry({}, Code));
  T.Codes.push_back(codeEntry({}, {UNREACHABLE, END}));
  EXPECT_TRUE(isInvalid(validate(T), "implementation limit"));
}

TEST(Validator, ValidateFunctionOnAHandBuiltModule) {
  // No decoder involved: the body is the whole byte buffer.
  Module M;
  M.Types.push_back(FuncType{{ValType::I32}, {ValType::I32}});
  Function Fn;
  Fn.TypeIndex = 0;
  Fn.Locals.push_back({2, ValType::I64});
  Fn.NumLocals = 2;
  M.Bytes = {LOCAL_GET, 0, LOCAL_GET, 2, I32_ADD, END};
  Fn.BodyOffset = 0;
  Fn.BodySize = M.Bytes.size();
  M.Functions.push_back(Fn);
  const Failure F = failureOf(validateFunction(M, 0));
  ASSERT_TRUE(isInvalid(F, "type mismatch in i32.add"));
  EXPECT_EQ(F.Text,
            "type mismatch in i32.add: expected [i32 i32], got [i32 i64]");
  EXPECT_EQ(F.Offset, 4u);

  M.Bytes[3] = 0; // local.get 0
  EXPECT_TRUE(isValid(failureOf(validateFunction(M, 0))));
  // Not a defined function: an error, not an out-of-range access.
  EXPECT_TRUE(failureOf(validateFunction(M, 1)).Failed);
}

TEST(Validator, DeclaredRefsCollectsExportsAndConstExprs) {
  TestModule T = oneFunction({}, {}, {END});
  T.Funcs = {0, 0, 0};
  T.Codes = {codeEntry({}, {END}), codeEntry({}, {END}), codeEntry({}, {END})};
  T.Exports.push_back(cat({name("e"), {0x00}, uleb(2)}));
  T.Globals.push_back({FUNCREF, 0x00, REF_FUNC, 0x01, END});
  auto M = decodeModule(T.encode());
  ASSERT_TRUE(succeeded(M));
  const DeclaredFuncRefs Refs = DeclaredFuncRefs::collect(*M);
  EXPECT_FALSE(Refs.contains(0));
  EXPECT_TRUE(Refs.contains(1));
  EXPECT_TRUE(Refs.contains(2));
  EXPECT_FALSE(Refs.contains(3));
}

} // namespace

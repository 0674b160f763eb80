//===- FunctionValidator.cpp - Type-checking function bodies --------------===//
//
// The validation algorithm of the spec's appendix: an operand stack of value
// types and a control stack of frames, one per open block. After an
// unconditional branch the rest of the block is unreachable and its stack is
// polymorphic: popping past the frame's base yields ValType::Unknown, which
// matches any type.
//
// Simple operators are typed by the Signature column of the opcode table;
// everything else (control, variables, references, tables, calls, bulk
// memory) by the switch in validateInstruction.
//
//===----------------------------------------------------------------------===//
#include "validate/FunctionValidator.h"

#include "decode/InstructionReader.h"
#include "support/WasmError.h"
#include "validate/Validator.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>

using namespace llvm;

namespace wasmaot {

ValType memoryAddressType(const Module &M, uint32_t MemoryIndex) {
  return M.memoryType(MemoryIndex).Limits.Is64 ? ValType::I64 : ValType::I32;
}

namespace {

/// An implementation limit on the operand stack. Every instruction is at
/// least one byte, but a call or block can push as many values as its type
/// has results, so without a cap a small module could make the stack grow
/// with (number of calls) x (result count). No real program comes near it.
constexpr size_t MaxOperandStackHeight = size_t(1) << 22;

/// Backing store for the one-value result types of `block (result t)`, so a
/// frame can refer to its types with an ArrayRef whatever the block type's
/// form (function types live in Module::Types and outlive validation too).
const ValType SingleTypes[] = {
    ValType::I32,  ValType::I64,     ValType::F32,      ValType::F64,
    ValType::V128, ValType::FuncRef, ValType::ExternRef};

ArrayRef<ValType> singleType(ValType T) {
  for (const ValType &S : SingleTypes)
    if (S == T)
      return ArrayRef<ValType>(&S, 1);
  return {};
}

/// Types printed in a message: the last few of a possibly long list, so a
/// message never grows with the input.
std::string formatOperands(ArrayRef<ValType> Types) {
  constexpr size_t MaxShown = 16;
  if (Types.size() <= MaxShown)
    return formatTypes(Types);
  std::string S = formatTypes(Types.take_back(MaxShown));
  return "[... " + S.substr(1);
}

struct ControlFrame {
  /// Block, Loop, If, or Else once an `if` has seen its else; the function
  /// body is a Block.
  Opcode Op = Opcode::Block;
  ArrayRef<ValType> Params;
  ArrayRef<ValType> Results;
  /// Operand stack height when the block was entered (params popped).
  size_t Height = 0;
  bool Unreachable = false;

  /// What a branch to this frame carries: a loop's label is its start.
  ArrayRef<ValType> labelTypes() const {
    return Op == Opcode::Loop ? Params : Results;
  }
};

class FunctionValidator {
public:
  FunctionValidator(const Module &M, uint32_t FuncIndex,
                    const DeclaredFuncRefs &Refs)
      : M(M), Fn(M.Functions[FuncIndex - M.numImportedFuncs()]), Refs(Refs) {}

  Error run();

private:
  Error setUpLocals();
  std::optional<ValType> localType(uint32_t Index) const;

  Error validateInstruction(const Instruction &I);
  Error validateSimple(const Instruction &I, const OpSignature &Sig);
  Error validateMemArg(const Instruction &I);
  Error validateBlockStart(const Instruction &I);
  Error validateElse(const Instruction &I);
  Error validateEnd(const Instruction &I);
  Error validateBrTable(const Instruction &I);
  Error validateSelect(const Instruction &I);
  Error validateCall(const Instruction &I, uint32_t TypeIndex, bool Tail);
  Error validateTableOp(const Instruction &I);
  Error validateBulkMemory(const Instruction &I);

  // Operand stack.
  void push(ValType T) { Stack.push_back(T); }
  void pushValues(ArrayRef<ValType> Types) {
    Stack.append(Types.begin(), Types.end());
  }
  /// Whether the top of the current frame's stack matches Expected (the
  /// polymorphic base of an unreachable frame matches anything).
  bool topMatches(ArrayRef<ValType> Expected) const;
  /// Pops Expected (last type on top) or reports a type mismatch in the
  /// instruction.
  Error popValues(ArrayRef<ValType> Expected, const Instruction &I);
  Error popValue(ValType Expected, const Instruction &I) {
    return popValues(ArrayRef<ValType>(&Expected, 1), I);
  }
  /// Checks without popping: br_table checks every label against the same
  /// operands.
  Error checkValues(ArrayRef<ValType> Expected, const Instruction &I);
  /// Pops one operand of any type (Unknown from a polymorphic stack).
  Error popAny(const Instruction &I, ValType &Out);
  Error mismatch(ArrayRef<ValType> Expected, const Instruction &I) const;
  /// The current frame's operands, bottom first.
  ArrayRef<ValType> frameOperands() const {
    return ArrayRef<ValType>(Stack).drop_front(Ctrls.back().Height);
  }

  // Control stack.
  void pushFrame(Opcode Op, ArrayRef<ValType> Params,
                 ArrayRef<ValType> Results) {
    Ctrls.push_back({Op, Params, Results, Stack.size(), false});
    pushValues(Params);
  }
  /// Marks the rest of the current block unreachable.
  void setUnreachable() {
    Stack.resize(Ctrls.back().Height);
    Ctrls.back().Unreachable = true;
  }
  /// The frame a branch with label Depth targets, or an "unknown label".
  Expected<const ControlFrame *> label(uint32_t Depth, const Instruction &I);

  Error checkMemory(uint32_t Index, const Instruction &I) const;
  Error checkTable(uint32_t Index, const Instruction &I) const;
  Error checkDataCount(const Instruction &I) const;
  /// Resolves a block type to its params and results.
  Error blockTypes(const Instruction &I, ArrayRef<ValType> &Params,
                   ArrayRef<ValType> &Results) const;
  Error invalid(const Instruction &I, const Twine &Message) const {
    return makeInvalid(I.Offset, Message);
  }

  const Module &M;
  const Function &Fn;
  const DeclaredFuncRefs &Refs;

  ArrayRef<ValType> Params;  // of the function: locals 0..N-1
  ArrayRef<ValType> Results; // of the function
  /// LocalEnds[K]: how many declared locals runs 0..K hold together, so a
  /// local's run is found by binary search without expanding the runs.
  SmallVector<uint64_t, 8> LocalEnds;
  uint64_t NumLocals = 0; // parameters included

  SmallVector<ValType, 64> Stack;
  SmallVector<ControlFrame, 16> Ctrls;
};

Error FunctionValidator::setUpLocals() {
  if (Fn.TypeIndex >= M.Types.size())
    return makeInvalid(Fn.EntryOffset, "unknown type " + Twine(Fn.TypeIndex));
  const FuncType &Type = M.Types[Fn.TypeIndex];
  Params = Type.Params;
  Results = Type.Results;
  uint64_t Declared = 0;
  LocalEnds.reserve(Fn.Locals.size());
  for (const LocalRun &Run : Fn.Locals) {
    Declared += Run.Count;
    LocalEnds.push_back(Declared);
  }
  NumLocals = Params.size() + Declared;
  // The spec bounds a function's locals, parameters included, by 2^32 - 1
  // (local indices are u32). The decoder checks the declared ones.
  if (NumLocals > UINT32_MAX)
    return makeMalformed(Fn.EntryOffset, "too many locals");
  return Error::success();
}

std::optional<ValType> FunctionValidator::localType(uint32_t Index) const {
  if (Index < Params.size())
    return Params[Index];
  uint64_t K = uint64_t(Index) - Params.size();
  // The first run whose end lies beyond K holds local K.
  auto It = std::upper_bound(LocalEnds.begin(), LocalEnds.end(), K);
  if (It == LocalEnds.end())
    return std::nullopt;
  return Fn.Locals[It - LocalEnds.begin()].Type;
}

Error FunctionValidator::run() {
  if (Error E = setUpLocals())
    return E;
  // The function body is a block whose label is the function's return.
  Ctrls.push_back({Opcode::Block, {}, Results, 0, false});

  ByteReader Body(M.functionBody(Fn), Fn.BodyOffset);
  InstructionReader Reader(Body, M.EnabledFeatures);
  Instruction I;
  while (!Reader.atEnd()) {
    if (Error E = Reader.read(I))
      return E;
    if (Error E = validateInstruction(I))
      return E;
    if (Stack.size() > MaxOperandStackHeight)
      return invalid(I, "operand stack deeper than " +
                            Twine(MaxOperandStackHeight) +
                            " values (implementation limit)");
    if (Ctrls.empty()) {
      // That was the function's final `end`: it must close the body.
      if (!Reader.atEnd())
        return makeMalformed(Reader.offset(),
                             "section size mismatch: operators after the "
                             "function's final end");
      return Error::success();
    }
  }
  return makeMalformed(Reader.offset(),
                       // The reference interpreter words this both ways,
                       // depending on what follows the body.
                       "unexpected end of section or function: END opcode "
                       "expected, the function body ends with " +
                           Twine(Ctrls.size()) + " unclosed block" +
                           (Ctrls.size() == 1 ? "" : "s"));
}

bool FunctionValidator::topMatches(ArrayRef<ValType> Expected) const {
  const ControlFrame &Frame = Ctrls.back();
  const size_t Available = Stack.size() - Frame.Height;
  const size_t N = Expected.size();
  for (size_t K = 0; K < N; ++K) {
    // K counts from the top of the stack and from the end of Expected.
    if (K >= Available)
      return Frame.Unreachable;
    ValType Actual = Stack[Stack.size() - 1 - K];
    ValType Want = Expected[N - 1 - K];
    if (Actual != Want && Actual != ValType::Unknown &&
        Want != ValType::Unknown)
      return false;
  }
  return true;
}

Error FunctionValidator::mismatch(ArrayRef<ValType> Expected,
                                  const Instruction &I) const {
  ArrayRef<ValType> Operands = frameOperands();
  ArrayRef<ValType> Got =
      Operands.take_back(std::min(Operands.size(), Expected.size()));
  return invalid(I, "type mismatch in " + opcodeName(I.Op) + ": expected " +
                        formatOperands(Expected) + ", got " +
                        formatOperands(Got));
}

Error FunctionValidator::popValues(ArrayRef<ValType> Expected,
                                   const Instruction &I) {
  if (!topMatches(Expected))
    return mismatch(Expected, I);
  const size_t Available = Stack.size() - Ctrls.back().Height;
  Stack.resize(Stack.size() - std::min(Available, Expected.size()));
  return Error::success();
}

Error FunctionValidator::checkValues(ArrayRef<ValType> Expected,
                                     const Instruction &I) {
  if (!topMatches(Expected))
    return mismatch(Expected, I);
  return Error::success();
}

Error FunctionValidator::popAny(const Instruction &I, ValType &Out) {
  const ControlFrame &Frame = Ctrls.back();
  if (Stack.size() == Frame.Height) {
    if (!Frame.Unreachable)
      return invalid(I, "type mismatch in " + opcodeName(I.Op) +
                            ": expected an operand, got []");
    Out = ValType::Unknown;
    return Error::success();
  }
  Out = Stack.pop_back_val();
  return Error::success();
}

Expected<const ControlFrame *> FunctionValidator::label(uint32_t Depth,
                                                        const Instruction &I) {
  if (Depth >= Ctrls.size())
    return invalid(I, "unknown label " + Twine(Depth));
  return &Ctrls[Ctrls.size() - 1 - Depth];
}

Error FunctionValidator::checkMemory(uint32_t Index,
                                     const Instruction &I) const {
  if (Index >= M.numMemories())
    return invalid(I, "unknown memory " + Twine(Index));
  return Error::success();
}

Error FunctionValidator::checkTable(uint32_t Index,
                                    const Instruction &I) const {
  if (Index >= M.numTables())
    return invalid(I, "unknown table " + Twine(Index));
  return Error::success();
}

/// memory.init and data.drop without a data count section. The section is
/// a binary-format rule, not a typing one: it tells a one-pass compiler the
/// number of data segments before it reaches the code. When the module has
/// no data segments at all, though, the index names nothing however the
/// module is read, and the spec suite expects "unknown data segment" for it
/// (its text modules have no data count section to give), so only a module
/// that has segments is malformed for the missing count.
static bool missesDataCount(const Module &M, const Instruction &I) {
  return !M.DataCount && I.Index < M.Datas.size();
}

Error FunctionValidator::checkDataCount(const Instruction &I) const {
  if (missesDataCount(M, I))
    return makeMalformed(I.Offset,
                         "data count section required by " + opcodeName(I.Op));
  const uint64_t Count = M.DataCount ? *M.DataCount : M.Datas.size();
  if (I.Index >= Count)
    return invalid(I, "unknown data segment " + Twine(I.Index));
  return Error::success();
}

Error FunctionValidator::blockTypes(const Instruction &I,
                                    ArrayRef<ValType> &BlockParams,
                                    ArrayRef<ValType> &BlockResults) const {
  const BlockType &B = I.Block;
  BlockParams = {};
  BlockResults = {};
  switch (B.K) {
  case BlockType::Empty:
    return Error::success();
  case BlockType::Value:
    BlockResults = singleType(B.Type);
    if (BlockResults.empty())
      return invalid(I, "invalid block type");
    return Error::success();
  case BlockType::TypeIndex:
    if (B.Index >= M.Types.size())
      return invalid(I, "unknown type " + Twine(B.Index));
    if (!M.EnabledFeatures.has(Feature::MultiValue))
      return invalid(I, "invalid result arity: type-index block types need "
                        "the multi-value feature");
    BlockParams = M.Types[B.Index].Params;
    BlockResults = M.Types[B.Index].Results;
    return Error::success();
  }
  return invalid(I, "invalid block type");
}

Error FunctionValidator::validateBlockStart(const Instruction &I) {
  ArrayRef<ValType> BlockParams, BlockResults;
  if (Error E = blockTypes(I, BlockParams, BlockResults))
    return E;
  if (I.Op == Opcode::If)
    if (Error E = popValue(ValType::I32, I))
      return E;
  if (Error E = popValues(BlockParams, I))
    return E;
  pushFrame(I.Op, BlockParams, BlockResults);
  return Error::success();
}

/// Checks that the current frame's operands are exactly its results, for
/// `else` and `end`.
static Error checkFrameResults(const ControlFrame &Frame,
                               ArrayRef<ValType> Operands, bool IsFunction,
                               const Instruction &I) {
  auto Matches = [&] {
    if (Operands.size() > Frame.Results.size())
      return false;
    if (Operands.size() < Frame.Results.size() && !Frame.Unreachable)
      return false;
    ArrayRef<ValType> Tail = Frame.Results.take_back(Operands.size());
    for (size_t K = 0; K < Operands.size(); ++K)
      if (Operands[K] != Tail[K] && Operands[K] != ValType::Unknown)
        return false;
    return true;
  };
  if (Matches())
    return Error::success();
  StringRef Block = IsFunction ? StringRef("function") : opcodeName(Frame.Op);
  if (Frame.Op == Opcode::Else)
    Block = "if";
  return makeInvalid(I.Offset, "type mismatch in " + Block + " at " +
                                   opcodeName(I.Op) + ": expected " +
                                   formatOperands(Frame.Results) + ", got " +
                                   formatOperands(Operands));
}

Error FunctionValidator::validateElse(const Instruction &I) {
  ControlFrame &Frame = Ctrls.back();
  if (Frame.Op != Opcode::If)
    // Structured code is part of the binary grammar: an `else` that
    // belongs to no `if` makes the body undecodable.
    return makeMalformed(I.Offset, "END opcode expected: else without if");
  if (Error E = checkFrameResults(Frame, frameOperands(), false, I))
    return E;
  Stack.resize(Frame.Height);
  Frame.Op = Opcode::Else;
  Frame.Unreachable = false;
  pushValues(Frame.Params);
  return Error::success();
}

Error FunctionValidator::validateEnd(const Instruction &I) {
  const ControlFrame Frame = Ctrls.back();
  if (Error E = checkFrameResults(Frame, frameOperands(), Ctrls.size() == 1, I))
    return E;
  // An `if` without `else` has an implicit empty else branch, which passes
  // its params through: it only types if they equal the results.
  if (Frame.Op == Opcode::If && Frame.Params != Frame.Results)
    return invalid(I, "type mismatch in if without else: the block type " +
                          formatOperands(Frame.Params) + " -> " +
                          formatOperands(Frame.Results) +
                          " needs an else branch");
  Stack.resize(Frame.Height);
  Ctrls.pop_back();
  if (!Ctrls.empty())
    pushValues(Frame.Results);
  return Error::success();
}

Error FunctionValidator::validateBrTable(const Instruction &I) {
  if (Error E = popValue(ValType::I32, I))
    return E;
  // The reader always gives the default target as the last one.
  if (I.Targets.empty())
    return invalid(I, "br_table without a default label");
  auto Default = label(I.Targets.back(), I);
  if (!Default)
    return Default.takeError();
  ArrayRef<ValType> DefaultTypes = (*Default)->labelTypes();
  for (uint32_t Target : I.Targets.drop_back()) {
    auto Frame = label(Target, I);
    if (!Frame)
      return Frame.takeError();
    ArrayRef<ValType> Types = (*Frame)->labelTypes();
    if (Types.size() != DefaultTypes.size())
      return invalid(I, "type mismatch in br_table: label " + Twine(Target) +
                            " takes " + formatOperands(Types) +
                            " but the default label takes " +
                            formatOperands(DefaultTypes));
    // Each label must accept the same operands; with a polymorphic stack
    // they may even differ in type.
    if (Error E = checkValues(Types, I))
      return E;
  }
  if (Error E = popValues(DefaultTypes, I))
    return E;
  setUnreachable();
  return Error::success();
}

Error FunctionValidator::validateSelect(const Instruction &I) {
  if (I.Op == Opcode::SelectTyped) {
    if (I.NumSelectTypes != 1)
      return invalid(I, "invalid result arity: select takes exactly one "
                        "type, got " +
                            Twine(I.NumSelectTypes));
    const ValType T = I.Type;
    const ValType Operands[] = {T, T, ValType::I32};
    if (Error E = popValues(Operands, I))
      return E;
    push(T);
    return Error::success();
  }
  if (Error E = popValue(ValType::I32, I))
    return E;
  ValType T1, T2;
  if (Error E = popAny(I, T1))
    return E;
  if (Error E = popAny(I, T2))
    return E;
  // Untyped select only chooses between numbers or vectors: reference
  // operands need the typed form. Unknown is numeric for this purpose.
  auto IsNum = [](ValType T) { return isNumType(T) || T == ValType::Unknown; };
  auto IsVec = [](ValType T) { return isVecType(T) || T == ValType::Unknown; };
  if (!((IsNum(T1) && IsNum(T2)) || (IsVec(T1) && IsVec(T2))) ||
      (T1 != T2 && T1 != ValType::Unknown && T2 != ValType::Unknown)) {
    const ValType Got[] = {T2, T1, ValType::I32};
    return invalid(I, "type mismatch in select: operands " +
                          formatOperands(Got) +
                          " must be two numbers or vectors of one type and "
                          "an i32; references need select with a type");
  }
  push(T1 == ValType::Unknown ? T2 : T1);
  return Error::success();
}

Error FunctionValidator::validateCall(const Instruction &I, uint32_t TypeIndex,
                                      bool Tail) {
  if (TypeIndex >= M.Types.size())
    return invalid(I, "unknown type " + Twine(TypeIndex));
  const FuncType &Callee = M.Types[TypeIndex];
  if (Error E = popValues(Callee.Params, I))
    return E;
  if (!Tail) {
    pushValues(Callee.Results);
    return Error::success();
  }
  // A tail call returns the callee's results as the caller's own.
  if (ArrayRef<ValType>(Callee.Results) != Results)
    return invalid(
        I, "type mismatch in " + opcodeName(I.Op) + ": the callee returns " +
               formatOperands(Callee.Results) + " but the function returns " +
               formatOperands(Results));
  setUnreachable();
  return Error::success();
}

Error FunctionValidator::validateMemArg(const Instruction &I) {
  const OpcodeInfo &Info = opcodeInfo(I.Op);
  if (Error E = checkMemory(I.Mem.Memory, I))
    return E;
  // Extra holds log2 of the natural alignment; AlignLog2 is an untrusted
  // u32, so compare exponents rather than shifting.
  if (I.Mem.AlignLog2 > Info.Extra)
    return invalid(I, "alignment must not be larger than natural: 2^" +
                          Twine(I.Mem.AlignLog2) + " > " +
                          Twine(1u << Info.Extra));
  // With memory64 on, the offset is decoded as a u64 for every memory; a
  // 32-bit memory's offset must still fit in 32 bits. Lowering relies on it:
  // guard pages cover zext(address) + offset + size only for offsets below
  // 2^32, and explicit checks compute that sum in 64 bits.
  if (!M.memoryType(I.Mem.Memory).Limits.Is64 && I.Mem.Offset > UINT32_MAX)
    return invalid(I, "offset out of range: " + Twine(I.Mem.Offset) +
                          " does not fit in 32 bits (memory " +
                          Twine(I.Mem.Memory) + " is a 32-bit memory)");
  if (Info.Immediate == ImmediateKind::MemArgLane) {
    const unsigned Lanes = 16u >> Info.Extra;
    if (I.Index >= Lanes)
      return invalid(I, "invalid lane index " + Twine(I.Index) + " (" +
                            Twine(Lanes) + " lanes)");
  }
  return Error::success();
}

Error FunctionValidator::validateSimple(const Instruction &I,
                                        const OpSignature &Sig) {
  const OpcodeInfo &Info = opcodeInfo(I.Op);
  ValType Address = ValType::I32;
  switch (Info.Immediate) {
  case ImmediateKind::MemArg:
  case ImmediateKind::MemArgLane:
    if (Error E = validateMemArg(I))
      return E;
    Address = memoryAddressType(M, I.Mem.Memory);
    break;
  case ImmediateKind::LaneIndex:
    if (I.Index >= Info.Extra)
      return invalid(I, "invalid lane index " + Twine(I.Index) + " (" +
                            Twine(unsigned(Info.Extra)) + " lanes)");
    break;
  case ImmediateKind::Shuffle:
    for (uint8_t Lane : I.V128)
      if (Lane >= 32)
        return invalid(I, "invalid lane index " + Twine(unsigned(Lane)) +
                              " (shuffle selects from 32 lanes)");
    break;
  default:
    break;
  }
  ValType Operands[OpSignature::MaxParams];
  for (unsigned K = 0; K < Sig.NumParams; ++K)
    Operands[K] = Sig.ParamIsAddress[K] ? Address : Sig.Params[K];
  if (Error E = popValues(ArrayRef<ValType>(Operands, Sig.NumParams), I))
    return E;
  if (Sig.HasResult)
    push(Sig.Result);
  return Error::success();
}

Error FunctionValidator::validateTableOp(const Instruction &I) {
  // table.init and table.copy name a table in Index2; the rest in Index.
  const uint32_t TableIndex = I.Op == Opcode::TableInit ? I.Index2 : I.Index;
  if (Error E = checkTable(TableIndex, I))
    return E;
  const ValType Elem = M.tableType(TableIndex).ElemType;
  switch (I.Op) {
  case Opcode::TableGet: {
    if (Error E = popValue(ValType::I32, I))
      return E;
    push(Elem);
    return Error::success();
  }
  case Opcode::TableSet: {
    const ValType Operands[] = {ValType::I32, Elem};
    return popValues(Operands, I);
  }
  case Opcode::TableSize:
    push(ValType::I32);
    return Error::success();
  case Opcode::TableGrow: {
    const ValType Operands[] = {Elem, ValType::I32};
    if (Error E = popValues(Operands, I))
      return E;
    push(ValType::I32);
    return Error::success();
  }
  case Opcode::TableFill: {
    const ValType Operands[] = {ValType::I32, Elem, ValType::I32};
    return popValues(Operands, I);
  }
  case Opcode::TableCopy: {
    if (Error E = checkTable(I.Index2, I))
      return E;
    const ValType Source = M.tableType(I.Index2).ElemType;
    if (Source != Elem)
      return invalid(I, "type mismatch in table.copy: table " +
                            Twine(I.Index2) + " holds " + valTypeName(Source) +
                            " but table " + Twine(I.Index) + " holds " +
                            valTypeName(Elem));
    const ValType Operands[] = {ValType::I32, ValType::I32, ValType::I32};
    return popValues(Operands, I);
  }
  case Opcode::TableInit: {
    if (I.Index >= M.Elems.size())
      return invalid(I, "unknown elem segment " + Twine(I.Index));
    const ValType Source = M.Elems[I.Index].ElemType;
    if (Source != Elem)
      return invalid(I, "type mismatch in table.init: elem segment " +
                            Twine(I.Index) + " holds " + valTypeName(Source) +
                            " but table " + Twine(TableIndex) + " holds " +
                            valTypeName(Elem));
    const ValType Operands[] = {ValType::I32, ValType::I32, ValType::I32};
    return popValues(Operands, I);
  }
  default:
    return invalid(I, "not a table operator: " + opcodeName(I.Op));
  }
}

Error FunctionValidator::validateBulkMemory(const Instruction &I) {
  switch (I.Op) {
  case Opcode::MemoryInit: {
    if (Error E = checkMemory(I.Index2, I))
      return E;
    if (Error E = checkDataCount(I))
      return E;
    const ValType Operands[] = {memoryAddressType(M, I.Index2), ValType::I32,
                                ValType::I32};
    return popValues(Operands, I);
  }
  case Opcode::DataDrop:
    return checkDataCount(I);
  case Opcode::MemoryCopy: {
    if (Error E = checkMemory(I.Index, I))
      return E;
    if (Error E = checkMemory(I.Index2, I))
      return E;
    const ValType Dst = memoryAddressType(M, I.Index);
    const ValType Src = memoryAddressType(M, I.Index2);
    // memory64: the length is an address of the smaller of the two.
    const ValType Len = Dst == ValType::I64 && Src == ValType::I64
                            ? ValType::I64
                            : ValType::I32;
    const ValType Operands[] = {Dst, Src, Len};
    return popValues(Operands, I);
  }
  case Opcode::MemoryFill: {
    if (Error E = checkMemory(I.Index, I))
      return E;
    const ValType Address = memoryAddressType(M, I.Index);
    const ValType Operands[] = {Address, ValType::I32, Address};
    return popValues(Operands, I);
  }
  default:
    return invalid(I, "not a bulk memory operator: " + opcodeName(I.Op));
  }
}

Error FunctionValidator::validateInstruction(const Instruction &I) {
  const OpcodeInfo &Info = opcodeInfo(I.Op);
  if (Info.Signature)
    return validateSimple(I, *Info.Signature);

  switch (I.Op) {
  case Opcode::Unreachable:
    setUnreachable();
    return Error::success();
  case Opcode::Nop:
    return Error::success();
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If:
    return validateBlockStart(I);
  case Opcode::Else:
    return validateElse(I);
  case Opcode::End:
    return validateEnd(I);

  case Opcode::Br: {
    auto Frame = label(I.Index, I);
    if (!Frame)
      return Frame.takeError();
    if (Error E = popValues((*Frame)->labelTypes(), I))
      return E;
    setUnreachable();
    return Error::success();
  }
  case Opcode::BrIf: {
    auto Frame = label(I.Index, I);
    if (!Frame)
      return Frame.takeError();
    ArrayRef<ValType> Types = (*Frame)->labelTypes();
    if (Error E = popValue(ValType::I32, I))
      return E;
    // The operands stay when the branch is not taken, now with the label's
    // types (which also makes polymorphic operands concrete).
    if (Error E = popValues(Types, I))
      return E;
    pushValues(Types);
    return Error::success();
  }
  case Opcode::BrTable:
    return validateBrTable(I);
  case Opcode::Return:
    if (Error E = popValues(Results, I))
      return E;
    setUnreachable();
    return Error::success();

  case Opcode::Call:
  case Opcode::ReturnCall:
    if (I.Index >= M.numFuncs())
      return invalid(I, "unknown function " + Twine(I.Index));
    return validateCall(I, M.funcTypeIndex(I.Index),
                        I.Op == Opcode::ReturnCall);
  case Opcode::CallIndirect:
  case Opcode::ReturnCallIndirect: {
    if (Error E = checkTable(I.Index2, I))
      return E;
    const ValType Elem = M.tableType(I.Index2).ElemType;
    if (Elem != ValType::FuncRef)
      return invalid(I, "type mismatch in " + opcodeName(I.Op) + ": table " +
                            Twine(I.Index2) + " holds " + valTypeName(Elem) +
                            ", not funcref");
    if (I.Index >= M.Types.size())
      return invalid(I, "unknown type " + Twine(I.Index));
    if (Error E = popValue(ValType::I32, I))
      return E;
    return validateCall(I, I.Index, I.Op == Opcode::ReturnCallIndirect);
  }

  case Opcode::Drop: {
    ValType Ignored;
    return popAny(I, Ignored);
  }
  case Opcode::Select:
  case Opcode::SelectTyped:
    return validateSelect(I);

  case Opcode::LocalGet:
  case Opcode::LocalSet:
  case Opcode::LocalTee: {
    std::optional<ValType> T = localType(I.Index);
    if (!T)
      return invalid(I, "unknown local " + Twine(I.Index));
    if (I.Op == Opcode::LocalGet) {
      push(*T);
      return Error::success();
    }
    if (Error E = popValue(*T, I))
      return E;
    if (I.Op == Opcode::LocalTee)
      push(*T);
    return Error::success();
  }
  case Opcode::GlobalGet:
  case Opcode::GlobalSet: {
    if (I.Index >= M.numGlobals())
      return invalid(I, "unknown global " + Twine(I.Index));
    const GlobalType G = M.globalType(I.Index);
    if (I.Op == Opcode::GlobalGet) {
      push(G.Type);
      return Error::success();
    }
    if (!G.Mutable)
      return invalid(I, "global is immutable: global " + Twine(I.Index));
    return popValue(G.Type, I);
  }

  case Opcode::MemorySize:
  case Opcode::MemoryGrow: {
    if (Error E = checkMemory(I.Index, I))
      return E;
    const ValType Address = memoryAddressType(M, I.Index);
    if (I.Op == Opcode::MemoryGrow)
      if (Error E = popValue(Address, I))
        return E;
    push(Address);
    return Error::success();
  }
  case Opcode::MemoryInit:
  case Opcode::DataDrop:
  case Opcode::MemoryCopy:
  case Opcode::MemoryFill:
    return validateBulkMemory(I);

  case Opcode::TableGet:
  case Opcode::TableSet:
  case Opcode::TableSize:
  case Opcode::TableGrow:
  case Opcode::TableFill:
  case Opcode::TableCopy:
  case Opcode::TableInit:
    return validateTableOp(I);
  case Opcode::ElemDrop:
    if (I.Index >= M.Elems.size())
      return invalid(I, "unknown elem segment " + Twine(I.Index));
    return Error::success();

  case Opcode::RefNull:
    if (!isRefType(I.Type))
      return invalid(I, "type mismatch in ref.null: not a reference type");
    push(I.Type);
    return Error::success();
  case Opcode::RefIsNull: {
    ValType T;
    if (Error E = popAny(I, T))
      return E;
    if (T != ValType::Unknown && !isRefType(T))
      return invalid(I, "type mismatch in ref.is_null: expected a "
                        "reference, got " +
                            formatOperands(T));
    push(ValType::I32);
    return Error::success();
  }
  case Opcode::RefFunc:
    if (I.Index >= M.numFuncs())
      return invalid(I, "unknown function " + Twine(I.Index));
    if (!Refs.contains(I.Index))
      return invalid(I, "undeclared function reference: function " +
                            Twine(I.Index) +
                            " occurs in no export, element segment or "
                            "constant expression");
    push(ValType::FuncRef);
    return Error::success();

  default:
    // Exception handling, and anything else a future feature adds to the
    // table before the validator learns it: reject, never guess.
    return invalid(I, opcodeName(I.Op) + " is not supported by the validator");
  }
}

} // namespace

DeclaredFuncRefs DeclaredFuncRefs::collect(const Module &M) {
  DeclaredFuncRefs Refs;
  Refs.Declared.resize(M.numFuncs());
  auto Scan = [&](const ConstExpr &E) {
    for (const Instruction &I : E.Instrs)
      if (I.Op == Opcode::RefFunc && I.Index < Refs.Declared.size())
        Refs.Declared.set(I.Index);
  };
  for (const Global &G : M.Globals)
    Scan(G.Init);
  for (const ElemSegment &S : M.Elems) {
    Scan(S.OffsetExpr);
    for (const ConstExpr &Item : S.Items)
      Scan(Item);
  }
  for (const DataSegment &D : M.Datas)
    Scan(D.OffsetExpr);
  for (const Export &E : M.Exports)
    if (E.Kind == ExternKind::Func && E.Index < Refs.Declared.size())
      Refs.Declared.set(E.Index);
  return Refs;
}

Error validateFunctionBody(const Module &M, uint32_t FuncIndex,
                           const DeclaredFuncRefs &Refs) {
  if (FuncIndex < M.numImportedFuncs() || FuncIndex >= M.numFuncs())
    return makeInvalid(0, "function " + Twine(FuncIndex) +
                              " is not a function defined in the module");
  const Function &Fn = M.Functions[FuncIndex - M.numImportedFuncs()];
  // Bodies are ranges of Module::Bytes; a module that did not come from the
  // decoder must not send the reader outside them.
  if (Fn.BodyOffset > M.Bytes.size() ||
      Fn.BodySize > M.Bytes.size() - Fn.BodyOffset)
    return withFunction(
        makeMalformed(Fn.EntryOffset, "function body outside the module"),
        FuncIndex);
  FunctionValidator V(M, FuncIndex, Refs);
  return withFunction(V.run(), FuncIndex);
}

Error validateFunction(const Module &M, uint32_t FuncIndex) {
  return validateFunctionBody(M, FuncIndex, DeclaredFuncRefs::collect(M));
}

Error checkFunctionEncoding(const Module &M, uint32_t FuncIndex) {
  if (FuncIndex < M.numImportedFuncs() || FuncIndex >= M.numFuncs())
    return Error::success();
  const Function &Fn = M.Functions[FuncIndex - M.numImportedFuncs()];
  if (Fn.BodyOffset > M.Bytes.size() ||
      Fn.BodySize > M.Bytes.size() - Fn.BodyOffset)
    return withFunction(
        makeMalformed(Fn.EntryOffset, "function body outside the module"),
        FuncIndex);
  ByteReader Body(M.functionBody(Fn), Fn.BodyOffset);
  InstructionReader Reader(Body, M.EnabledFeatures);
  // One entry per open block: whether it is an `if` still waiting for its
  // (optional) else. The function body itself is the bottom entry.
  SmallVector<bool, 16> OpenIfs = {false};
  Instruction I;
  while (!Reader.atEnd()) {
    if (Error E = Reader.read(I))
      return withFunction(std::move(E), FuncIndex);
    if (opensBlock(I.Op)) {
      OpenIfs.push_back(I.Op == Opcode::If);
      continue;
    }
    switch (I.Op) {
    case Opcode::Else:
      if (!OpenIfs.back())
        return withFunction(
            makeMalformed(I.Offset, "END opcode expected: else without if"),
            FuncIndex);
      OpenIfs.back() = false;
      break;
    case Opcode::End:
      OpenIfs.pop_back();
      if (OpenIfs.empty()) {
        if (!Reader.atEnd())
          return withFunction(
              makeMalformed(Reader.offset(),
                            "section size mismatch: operators after the "
                            "function's final end"),
              FuncIndex);
        return Error::success();
      }
      break;
    case Opcode::MemoryInit:
    case Opcode::DataDrop:
      if (missesDataCount(M, I))
        return withFunction(
            makeMalformed(I.Offset,
                          "data count section required by " + opcodeName(I.Op)),
            FuncIndex);
      break;
    default:
      break;
    }
  }
  return withFunction(makeMalformed(Reader.offset(),
                                    "unexpected end of section or function: "
                                    "END opcode expected"),
                      FuncIndex);
}

} // namespace wasmaot

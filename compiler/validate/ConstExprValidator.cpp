//===- ConstExprValidator.cpp - Constant expressions ----------------------===//
//
// Global initialisers, segment offsets and element items. In WebAssembly 2.0
// a constant expression is a sequence of t.const, ref.null, ref.func and
// global.get of an imported immutable global, leaving exactly one value of
// the expected type. The extended-const proposal adds i32/i64 add, sub and
// mul; they are accepted when Feature::ExtendedConst is on.
//
// The stack here is a plain vector: a constant expression has no blocks and
// no unreachable code, and its length is bounded by the section it sits in.
//
//===----------------------------------------------------------------------===//
#include "validate/FunctionValidator.h"

#include "support/WasmError.h"

#include "llvm/ADT/SmallVector.h"

using namespace llvm;

namespace wasmaot {
namespace {

/// The operand type of an extended-const arithmetic operator (Opcodes.def
/// flags them InExtendedConstExpr; each is [t t] -> [t]), or Unknown if Op
/// is none or the feature is off.
ValType extendedConstOperand(Opcode Op, const Features &F) {
  const OpcodeInfo &Info = opcodeInfo(Op);
  if (!F.has(Feature::ExtendedConst) || !Info.has(InExtendedConstExpr))
    return ValType::Unknown;
  return Info.Signature->Result;
}

std::string formatStack(ArrayRef<ValType> Stack) {
  constexpr size_t MaxShown = 16;
  if (Stack.size() <= MaxShown)
    return formatTypes(Stack);
  return "[... " + formatTypes(Stack.take_back(MaxShown)).substr(1);
}

} // namespace

Error validateConstExpr(const Module &M, const ConstExpr &E, ValType Expected,
                        uint32_t NumVisibleGlobals, StringRef What) {
  SmallVector<ValType, 4> Stack;
  for (const Instruction &I : E.Instrs) {
    const OpcodeInfo &Info = opcodeInfo(I.Op);
    // The constants: no operands, their type fixed by the table.
    if (Info.has(InConstExpr) && Info.Signature &&
        Info.Signature->NumParams == 0) {
      Stack.push_back(Info.Signature->Result);
      continue;
    }
    switch (I.Op) {
    case Opcode::RefNull:
      Stack.push_back(I.Type);
      continue;
    case Opcode::RefFunc:
      if (I.Index >= M.numFuncs())
        return makeInvalid(I.Offset, "unknown function " + Twine(I.Index));
      // No C.refs check: a ref.func here is itself what declares the
      // reference.
      Stack.push_back(ValType::FuncRef);
      continue;
    case Opcode::GlobalGet: {
      // Only imported globals are visible, so an initialiser cannot read a
      // global whose own initialiser has not run yet.
      if (I.Index >= NumVisibleGlobals || I.Index >= M.numGlobals())
        return makeInvalid(I.Offset, "unknown global " + Twine(I.Index));
      const GlobalType G = M.globalType(I.Index);
      if (G.Mutable)
        return makeInvalid(I.Offset,
                           "constant expression required: global.get of "
                           "mutable global " +
                               Twine(I.Index) + " in " + What);
      Stack.push_back(G.Type);
      continue;
    }
    default:
      break;
    }
    // Extended-const arithmetic: [t t] -> [t].
    const ValType T = extendedConstOperand(I.Op, M.EnabledFeatures);
    if (T == ValType::Unknown)
      return makeInvalid(I.Offset, "constant expression required: " +
                                       opcodeName(I.Op) + " in " + What);
    if (Stack.size() < 2 || Stack[Stack.size() - 1] != T ||
        Stack[Stack.size() - 2] != T) {
      const ValType Operands[] = {T, T};
      return makeInvalid(I.Offset,
                         "type mismatch in " + opcodeName(I.Op) +
                             ": expected " + formatTypes(Operands) + ", got " +
                             formatStack(ArrayRef<ValType>(Stack).take_back(
                                 std::min<size_t>(Stack.size(), 2))));
    }
    Stack.pop_back();
  }
  if (Stack.size() != 1 || Stack[0] != Expected)
    return makeInvalid(E.Offset, "type mismatch in " + What + ": expected " +
                                     formatTypes(Expected) + ", got " +
                                     formatStack(Stack));
  return Error::success();
}

} // namespace wasmaot

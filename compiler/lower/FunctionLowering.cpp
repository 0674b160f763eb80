//===- FunctionLowering.cpp - A function body to LLVM IR ------------------===//
//
// Drives the translator: reads the body one instruction at a time and hands
// each to the family its row of the opcode table names (ir/Opcodes.def).
// Each family's dispatcher is here; parametric instructions (drop, select)
// and constants are small enough to live here too.
//
//===----------------------------------------------------------------------===//
#include "lower/FunctionLowering.h"

#include "decode/InstructionReader.h"
#include "lower/CostlyFunctions.h"
#include "lower/FunctionTranslator.h"
#include "lower/LowerChecks.h"
#include "lower/LowerMemory.h"
#include "lower/LowerNumeric.h"
#include "lower/LowerSimd.h"
#include "lower/ModuleParts.h"
#include "lower/NativeSignature.h"
#include "lower/UncheckedLeaves.h"
#include "support/WasmError.h"

#include "llvm/IR/Constants.h"

using namespace llvm;

namespace wasmaot {

FunctionTranslator::FunctionTranslator(const ModuleContext &MC,
                                       uint32_t DefinedIndex,
                                       llvm::Function &F)
    : MC(MC), DefinedIndex(DefinedIndex),
      Fn(MC.Wasm.Functions[DefinedIndex]), Type(MC.Wasm.Types[Fn.TypeIndex]),
      FC(F, MC.Wasm, MC.Layout, MC.Opts, MC.Alias), B(FC.B) {}

SmallVector<Value *, 4> FunctionTranslator::popN(size_t N) {
  SmallVector<Value *, 4> Values(Stack.end() - N, Stack.end());
  Stack.truncate(Stack.size() - N);
  return Values;
}

SmallVector<Value *, 4> FunctionTranslator::peekN(size_t N) const {
  return SmallVector<Value *, 4>(Stack.end() - N, Stack.end());
}

BasicBlock *FunctionTranslator::newBlock(const Twine &Name) {
  // Detached until code is emitted into it, so blocks appear in the order
  // the code does and blocks nothing branches to never appear at all.
  return BasicBlock::Create(FC.Ctx, Name);
}

void FunctionTranslator::enterBlock(BasicBlock *BB) {
  if (!BB->getParent())
    BB->insertInto(&FC.F);
  B.SetInsertPoint(BB);
}

void FunctionTranslator::setUnreachable() {
  Reachable = false;
  DeadDepth = 0;
  // The values of the dead frame are never used again.
  Stack.truncate(Ctrls.back().Height);
}

Error FunctionTranslator::run() {
  // A call must take stack: wasm requires unbounded recursion to exhaust
  // the stack and trap. Turning a recursive tail call into a loop, or a
  // call into a jump, would make it run forever instead.
  FC.F.addFnAttr("disable-tail-calls", "true");
  // The prologue's stack check reports the function's body.
  const uint32_t FuncIndex =
      MC.Wasm.numImported(ExternKind::Func) + DefinedIndex;
  FC.setSite(FuncIndex, static_cast<uint32_t>(Fn.BodyOffset));
  // Code outside any instruction (locals, the prologue) traps by no fault.
  B.SetCurrentDebugLocation(
      siteLocation(FC.F, static_cast<uint32_t>(Fn.BodyOffset), Opcode::Nop,
                   MC.Opts.Bounds));
  setUpLocals();
  beginFunction();
  initialiseLocals();

  ByteReader Body(MC.Wasm.functionBody(Fn), Fn.BodyOffset);
  InstructionReader Reader(Body, MC.Wasm.EnabledFeatures);
  Instruction I;
  while (!Ctrls.empty()) {
    if (Reader.atEnd())
      return makeInvalid(Reader.offset(),
                         "function body ends inside a block (the module "
                         "was not validated)");
    if (Error E = Reader.read(I))
      return E;
    if (!Reachable) {
      skipDead(I);
      continue;
    }
    FC.setSite(FuncIndex, static_cast<uint32_t>(I.Offset));
    B.SetCurrentDebugLocation(
        siteLocation(FC.F, static_cast<uint32_t>(I.Offset), I.Op,
                     MC.Opts.Bounds));
    if (MC.Opts.MeterFuel) {
      ++PendingFuel;
      if (endsStraightLineRun(I.Op)) {
        chargeFuel(FC, PendingFuel);
        PendingFuel = 0;
      }
    }
    if (Error E = lowerInstruction(I))
      return E;
  }
  if (mayOmitStackCheck(FC.F, Fn.BodySize, Type.Params.size() + Fn.NumLocals))
    omitStackCheck();
  // Linear time for shapes some passes take quadratic time on
  // (CostlyFunctions.h).
  if (isCostlyToOptimise(MC.Wasm, DefinedIndex)) {
    FC.F.addFnAttr(llvm::Attribute::OptimizeNone);
    FC.F.addFnAttr(llvm::Attribute::NoInline); // optnone requires it
  }
  return Error::success();
}

Error FunctionTranslator::unsupported(const Instruction &I) {
  return makeUnsupported(I.Offset, opcodeName(I.Op));
}

void FunctionTranslator::lowerSelect() {
  Value *Cond = pop();
  Value *IfFalse = pop();
  Value *IfTrue = pop();
  push(B.CreateSelect(B.CreateICmpNE(Cond, B.getInt32(0)), IfTrue, IfFalse,
                      "select"));
}

void FunctionTranslator::lowerConst(const Instruction &I) {
  switch (I.Op) {
  case Opcode::I32Const:
    push(B.getInt32(static_cast<uint32_t>(I.Bits)));
    return;
  case Opcode::I64Const:
    push(B.getInt64(I.Bits));
    return;
  case Opcode::F32Const:
    // Through the bits: NaN payloads must survive exactly.
    push(ConstantFP::get(
        FC.Ctx, APFloat(APFloat::IEEEsingle(),
                        APInt(32, static_cast<uint32_t>(I.Bits)))));
    return;
  case Opcode::F64Const:
    push(ConstantFP::get(FC.Ctx,
                         APFloat(APFloat::IEEEdouble(), APInt(64, I.Bits))));
    return;
  default:
    llvm_unreachable("not a constant");
  }
}

Error FunctionTranslator::lowerInstruction(const Instruction &I) {
  // The opcode table's Family column picks the lowering; every family is
  // listed, so a new family cannot go unhandled (-Wswitch), and a row
  // whose family does not lower it is an error the table-wide coverage
  // test (OpcodeLoweringTest) catches.
  switch (opcodeInfo(I.Op).Family) {
  case LowerFamily::Control:
    return lowerControlInstruction(I);
  case LowerFamily::Call:
    return lowerCallInstruction(I);
  case LowerFamily::Parametric:
    return lowerParametric(I);
  case LowerFamily::Variable:
    return lowerVariableInstruction(I);
  case LowerFamily::Constant:
    lowerConst(I);
    return Error::success();
  case LowerFamily::Reference:
    return lowerReferenceInstruction(I);
  case LowerFamily::Table:
    return lowerTableInstruction(I);
  case LowerFamily::MemoryAccess:
    return lowerMemoryAccess(I);
  case LowerFamily::Memory:
    return lowerMemoryInstruction(I);
  case LowerFamily::Numeric: {
    SmallVector<Value *, 4> Operands =
        popN(opcodeInfo(I.Op).Signature->NumParams);
    push(lowerNumeric(FC, I.Op, Operands));
    return Error::success();
  }
  case LowerFamily::SimdFloat: {
    SmallVector<Value *, 4> Operands =
        popN(opcodeInfo(I.Op).Signature->NumParams);
    push(lowerSimdFloat(FC, I.Op, Operands));
    return Error::success();
  }
  case LowerFamily::SimdInteger: {
    SmallVector<Value *, 4> Operands =
        popN(opcodeInfo(I.Op).Signature->NumParams);
    Value *Result = lowerSimdInteger(FC, I, Operands);
    if (!Result)
      return notInFamily(I, "SIMD integer");
    push(Result);
    return Error::success();
  }
  case LowerFamily::Unlowered:
    return unsupported(I);
  }
  llvm_unreachable("every lowering family is handled above");
}

Error FunctionTranslator::notInFamily(const Instruction &I,
                                      const char *Family) {
  // A bug of the compiler, not of the module: the table and the code
  // disagree. Said plainly rather than asserted, so a release build
  // reports it instead of miscompiling.
  return createStringError(inconvertibleErrorCode(),
                           "internal error: the opcode table puts %s in the "
                           "%s family, which does not lower it",
                           opcodeName(I.Op).str().c_str(), Family);
}

Error FunctionTranslator::lowerControlInstruction(const Instruction &I) {
  switch (I.Op) {
  case Opcode::Unreachable:
    lowerUnreachable();
    return Error::success();
  case Opcode::Nop:
    return Error::success();
  case Opcode::Block:
    lowerBlock(I);
    return Error::success();
  case Opcode::Loop:
    lowerLoop(I);
    return Error::success();
  case Opcode::If:
    lowerIf(I);
    return Error::success();
  case Opcode::Else:
    lowerElse();
    return Error::success();
  case Opcode::End:
    lowerEnd();
    return Error::success();
  case Opcode::Br:
    lowerBr(I.Index);
    return Error::success();
  case Opcode::BrIf:
    lowerBrIf(I.Index);
    return Error::success();
  case Opcode::BrTable:
    lowerBrTable(I.Targets);
    return Error::success();
  case Opcode::Return:
    lowerReturn();
    return Error::success();
  default:
    return notInFamily(I, "control");
  }
}

Error FunctionTranslator::lowerCallInstruction(const Instruction &I) {
  switch (I.Op) {
  case Opcode::Call:
    lowerCall(I.Index);
    return Error::success();
  case Opcode::CallIndirect:
    lowerCallIndirect(I.Index, I.Index2);
    return Error::success();
  default:
    return notInFamily(I, "call");
  }
}

Error FunctionTranslator::lowerParametric(const Instruction &I) {
  switch (I.Op) {
  case Opcode::Drop:
    pop();
    return Error::success();
  case Opcode::Select:
  case Opcode::SelectTyped:
    lowerSelect();
    return Error::success();
  default:
    return notInFamily(I, "parametric");
  }
}

Error FunctionTranslator::lowerVariableInstruction(const Instruction &I) {
  switch (I.Op) {
  case Opcode::LocalGet:
    lowerLocalGet(I.Index);
    return Error::success();
  case Opcode::LocalSet:
    lowerLocalSet(I.Index);
    return Error::success();
  case Opcode::LocalTee:
    lowerLocalTee(I.Index);
    return Error::success();
  case Opcode::GlobalGet:
    lowerGlobalGet(I.Index);
    return Error::success();
  case Opcode::GlobalSet:
    lowerGlobalSet(I.Index);
    return Error::success();
  default:
    return notInFamily(I, "variable");
  }
}

Error FunctionTranslator::lowerReferenceInstruction(const Instruction &I) {
  switch (I.Op) {
  case Opcode::RefNull:
    lowerRefNull();
    return Error::success();
  case Opcode::RefIsNull:
    lowerRefIsNull();
    return Error::success();
  case Opcode::RefFunc:
    lowerRefFunc(I.Index);
    return Error::success();
  default:
    return notInFamily(I, "reference");
  }
}

Error FunctionTranslator::lowerTableInstruction(const Instruction &I) {
  switch (I.Op) {
  case Opcode::TableGet:
    lowerTableGet(I.Index);
    return Error::success();
  case Opcode::TableSet:
    lowerTableSet(I.Index);
    return Error::success();
  case Opcode::TableSize:
    lowerTableSize(I.Index);
    return Error::success();
  case Opcode::TableGrow:
    lowerTableGrow(I.Index);
    return Error::success();
  case Opcode::TableFill:
    lowerTableFill(I.Index);
    return Error::success();
  case Opcode::TableCopy:
    lowerTableCopy(I.Index, I.Index2);
    return Error::success();
  case Opcode::TableInit:
    lowerTableInit(I.Index, I.Index2);
    return Error::success();
  case Opcode::ElemDrop:
    lowerElemDrop(I.Index);
    return Error::success();
  default:
    return notInFamily(I, "table");
  }
}

Error FunctionTranslator::lowerMemoryAccess(const Instruction &I) {
  const OpSignature &Sig = *opcodeInfo(I.Op).Signature;
  if (Sig.HasResult) {
    // v128.loadN_lane: the vector whose lane I.Index is replaced.
    Value *Vector = Sig.NumParams == 2 ? pop() : nullptr;
    Value *Address = pop();
    Expected<Value *> Loaded =
        lowerLoad(FC, I.Op, I.Mem, Address, Vector, I.Index);
    if (!Loaded)
      return Loaded.takeError();
    push(*Loaded);
    return Error::success();
  }
  Value *V = pop();
  Value *Address = pop();
  return lowerStore(FC, I.Op, I.Mem, Address, V, I.Index);
}

Error FunctionTranslator::lowerMemoryInstruction(const Instruction &I) {
  switch (I.Op) {
  case Opcode::MemorySize:
    push(lowerMemorySize(FC, I.Index));
    return Error::success();
  case Opcode::MemoryGrow: {
    Value *Delta = pop();
    Expected<Value *> Old = lowerMemoryGrow(FC, I.Index, Delta);
    if (!Old)
      return Old.takeError();
    push(*Old);
    return Error::success();
  }
  case Opcode::MemoryFill: {
    SmallVector<Value *, 4> Ops = popN(3);
    return lowerMemoryFill(FC, I.Index, Ops[0], Ops[1], Ops[2]);
  }
  case Opcode::MemoryCopy: {
    SmallVector<Value *, 4> Ops = popN(3);
    return lowerMemoryCopy(FC, I.Index, I.Index2, Ops[0], Ops[1], Ops[2]);
  }
  case Opcode::MemoryInit: {
    SmallVector<Value *, 4> Ops = popN(3);
    return lowerMemoryInit(FC, I.Index, I.Index2, Ops[0], Ops[1], Ops[2]);
  }
  case Opcode::DataDrop:
    lowerDataDrop(FC, I.Index);
    return Error::success();
  default:
    return notInFamily(I, "memory");
  }
}

Error lowerFunctionBody(const ModuleContext &MC, uint32_t DefinedIndex,
                        llvm::Function &F) {
  FunctionTranslator T(MC, DefinedIndex, F);
  if (Error E = T.run())
    return withFunction(std::move(E), MC.numImportedFuncs() + DefinedIndex);
  return Error::success();
}

} // namespace wasmaot

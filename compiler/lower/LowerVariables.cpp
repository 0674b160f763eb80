//===- LowerVariables.cpp - Locals and globals ----------------------------===//
//
// Locals are allocas in the entry block; mem2reg (part of every optimising
// pipeline) turns them into SSA values. Globals live in wa_value cells the
// instance points to: instance->globals[i] is the cell, which never moves,
// so the pointer is loaded as invariant; the cell's contents carry their own
// alias tag, so guest-memory stores do not force them to be reloaded.
//
//===----------------------------------------------------------------------===//
#include "lower/FunctionTranslator.h"
#include "lower/NativeSignature.h"

using namespace llvm;

namespace wasmaot {

void FunctionTranslator::setUpLocals() {
  BasicBlock *Entry = BasicBlock::Create(FC.Ctx, "entry", &FC.F);
  B.SetInsertPoint(Entry);
  Locals.reserve(Type.Params.size() + Fn.NumLocals);
  for (size_t P = 0; P < Type.Params.size(); ++P) {
    llvm::Type *Ty = llvmType(FC.Ctx, Type.Params[P]);
    AllocaInst *Slot = B.CreateAlloca(Ty, nullptr, "param");
    Locals.push_back({Slot, Ty});
  }
  for (const LocalRun &Run : Fn.Locals)
    for (uint32_t K = 0; K < Run.Count; ++K) {
      llvm::Type *Ty = llvmType(FC.Ctx, Run.Type);
      AllocaInst *Slot = B.CreateAlloca(Ty, nullptr, "local");
      Locals.push_back({Slot, Ty});
    }
}

void FunctionTranslator::initialiseLocals() {
  // The allocas are all in the entry block, in front of the prologue's
  // stack check (a static alloca block is what mem2reg and the frame
  // layout expect); the stores come after the check, so that a frame
  // beyond the stack limit is not written before the check traps.
  for (size_t P = 0; P < Type.Params.size(); ++P)
    B.CreateStore(FC.F.getArg(P + 1), Locals[P].Slot);
  for (size_t L = Type.Params.size(); L < Locals.size(); ++L)
    B.CreateStore(Constant::getNullValue(Locals[L].Ty), Locals[L].Slot);
}

void FunctionTranslator::lowerLocalGet(uint32_t Index) {
  const Local &L = Locals[Index];
  push(B.CreateLoad(L.Ty, L.Slot));
}

void FunctionTranslator::lowerLocalSet(uint32_t Index) {
  B.CreateStore(pop(), Locals[Index].Slot);
}

void FunctionTranslator::lowerLocalTee(uint32_t Index) {
  B.CreateStore(Stack.back(), Locals[Index].Slot);
}

/// The wa_value cell of global Index.
static Value *globalCell(FunctionContext &FC, uint32_t Index) {
  Value *Cells = FC.loadField(FC.instance(), FC.Layout.InstanceGlobals,
                              FC.ptr(), FC.Alias.RuntimeField,
                              /*Invariant=*/true, "globals");
  return FC.loadField(Cells, uint64_t(Index) * FC.Layout.PointerSize,
                      FC.ptr(), FC.Alias.RuntimeField, /*Invariant=*/true,
                      "global.cell");
}

void FunctionTranslator::lowerGlobalGet(uint32_t Index) {
  GlobalType GT = MC.Wasm.globalType(Index);
  Value *Cell = globalCell(FC, Index);
  // An immutable global's cell is written before any function of the
  // instance runs (init_globals, or by the exporting instance) and never
  // again.
  push(FC.loadField(Cell, 0, llvmType(FC.Ctx, GT.Type), FC.Alias.GlobalCell,
                    /*Invariant=*/!GT.Mutable, "global"));
}

void FunctionTranslator::lowerGlobalSet(uint32_t Index) {
  Value *V = pop();
  Value *Cell = globalCell(FC, Index);
  StoreInst *S = B.CreateStore(V, Cell);
  S->setMetadata(LLVMContext::MD_tbaa, FC.Alias.GlobalCell);
}

} // namespace wasmaot

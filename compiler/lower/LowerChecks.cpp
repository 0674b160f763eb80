//===- LowerChecks.cpp - Fuel metering and interrupt checks ---------------===//
//
// LowerChecks.h says what is counted and where it is checked.
//
//===----------------------------------------------------------------------===//
#include "lower/LowerChecks.h"

using namespace llvm;

namespace wasmaot {

namespace {

/// The store's fuel cell. The pointer never changes while the instance
/// lives; the cell is the runtime's, so guest stores never alias it.
Value *fuelCell(FunctionContext &FC) {
  return FC.loadField(FC.instance(), FC.Layout.InstanceFuel, FC.ptr(),
                      FC.Alias.RuntimeField, /*Invariant=*/true, "fuel.cell");
}

} // namespace

bool endsStraightLineRun(Opcode Op) { return opcodeInfo(Op).has(EndsRun); }

void beginFuel(FunctionContext &FC) {
  if (!FC.Opts.MeterFuel)
    return;
  // In the entry block, where mem2reg turns it into SSA values.
  BasicBlock &Entry = FC.F.getEntryBlock();
  IRBuilder<> EB(&Entry, Entry.getFirstInsertionPt());
  FC.FuelLocal = EB.CreateAlloca(FC.i64(), nullptr, "fuel.local");
  reloadFuel(FC);
}

void flushFuel(FunctionContext &FC) {
  if (!FC.FuelLocal)
    return;
  StoreInst *S = FC.B.CreateStore(
      FC.B.CreateLoad(FC.i64(), FC.FuelLocal, "fuel"), fuelCell(FC));
  S->setMetadata(LLVMContext::MD_tbaa, FC.Alias.RuntimeField);
}

void reloadFuel(FunctionContext &FC) {
  if (!FC.FuelLocal)
    return;
  LoadInst *Left = FC.B.CreateLoad(FC.i64(), fuelCell(FC), "fuel");
  Left->setMetadata(LLVMContext::MD_tbaa, FC.Alias.RuntimeField);
  FC.B.CreateStore(Left, FC.FuelLocal);
}

void chargeFuel(FunctionContext &FC, uint64_t Units) {
  if (Units == 0 || !FC.FuelLocal)
    return;
  Value *Left = FC.B.CreateLoad(FC.i64(), FC.FuelLocal, "fuel");
  FC.B.CreateStore(FC.B.CreateSub(Left, FC.B.getInt64(Units), "fuel.left"),
                   FC.FuelLocal);
}

void emitCheckpoint(FunctionContext &FC) {
  IRBuilder<> &B = FC.B;
  if (FC.FuelLocal) {
    Value *Left = B.CreateLoad(FC.i64(), FC.FuelLocal, "fuel");
    FC.trapIf(B.CreateICmpSLT(Left, B.getInt64(0), "fuel.exhausted"),
              TrapCode::FuelExhausted);
  }
  if (FC.Opts.Interruptible) {
    Value *Flag =
        FC.loadField(FC.instance(), FC.Layout.InstanceInterrupt, FC.ptr(),
                     FC.Alias.RuntimeField, /*Invariant=*/true, "interrupt");
    // Another thread sets it: an atomic load, which LLVM neither hoists out
    // of a loop nor merges with the previous one.
    LoadInst *Set = B.CreateLoad(FC.i32(), Flag, "interrupt.flag");
    Set->setAtomic(AtomicOrdering::Monotonic);
    Set->setAlignment(Align(4));
    FC.trapIf(B.CreateICmpNE(Set, B.getInt32(0), "interrupted"),
              TrapCode::Interrupted);
  }
}

} // namespace wasmaot

//===- LowerTables.cpp - References and tables ----------------------------===//
//
// References are pointers: a funcref is the wa_func record of the function
// (ref.func i is &instance->funcs[i]), an externref the host's pointer, and
// null is null. table.get/set check the index against the current size;
// growing, filling, copying and initialising are runtime calls, which do
// their own checks and trap themselves.
//
//===----------------------------------------------------------------------===//
#include "lower/FunctionTranslator.h"

using namespace llvm;

namespace wasmaot {

Value *FunctionTranslator::tablePointer(uint32_t Index) {
  // The array of tables and each wa_table live as long as the instance.
  Value *Tables = FC.loadField(FC.instance(), FC.Layout.InstanceTables,
                               FC.ptr(), FC.Alias.RuntimeField,
                               /*Invariant=*/true, "tables");
  return FC.loadField(Tables, uint64_t(Index) * FC.Layout.PointerSize,
                      FC.ptr(), FC.Alias.RuntimeField, /*Invariant=*/true,
                      "table");
}

Value *FunctionTranslator::funcRecord(uint32_t FuncIndex) {
  Value *Funcs = FC.loadField(FC.instance(), FC.Layout.InstanceFuncs,
                              FC.ptr(), FC.Alias.RuntimeField,
                              /*Invariant=*/true, "funcs");
  return FC.fieldAddress(Funcs, uint64_t(FuncIndex) * FC.Layout.FuncSize,
                         "func");
}

void FunctionTranslator::lowerRefNull() {
  push(ConstantPointerNull::get(FC.ptr()));
}

void FunctionTranslator::lowerRefIsNull() {
  push(B.CreateZExt(B.CreateIsNull(pop()), FC.i32()));
}

void FunctionTranslator::lowerRefFunc(uint32_t FuncIndex) {
  push(funcRecord(FuncIndex));
}

/// The address of element Index of Table, after trapping when Index is not
/// below the table's current size.
static Value *checkedSlot(FunctionTranslator &T, Value *Table, Value *Index) {
  FunctionContext &FC = T.FC;
  Value *Size = FC.loadField(Table, FC.Layout.TableSize, FC.i32(),
                             FC.Alias.RuntimeField, /*Invariant=*/false,
                             "table.size");
  FC.trapIf(FC.B.CreateICmpUGE(Index, Size), TrapCode::OutOfBoundsTableAccess);
  Value *Elements = FC.loadField(Table, FC.Layout.TableElements, FC.ptr(),
                                 FC.Alias.RuntimeField, /*Invariant=*/false,
                                 "table.elements");
  return FC.B.CreateInBoundsGEP(FC.ptr(), Elements,
                                FC.B.CreateZExt(Index, FC.i64()), "slot");
}

void FunctionTranslator::lowerTableGet(uint32_t Table) {
  Value *Index = pop();
  Value *Slot = checkedSlot(*this, tablePointer(Table), Index);
  LoadInst *L = B.CreateLoad(FC.ptr(), Slot, "elem");
  L->setMetadata(LLVMContext::MD_tbaa, FC.Alias.TableSlot);
  push(L);
}

void FunctionTranslator::lowerTableSet(uint32_t Table) {
  Value *V = pop();
  Value *Index = pop();
  Value *Slot = checkedSlot(*this, tablePointer(Table), Index);
  StoreInst *S = B.CreateStore(V, Slot);
  S->setMetadata(LLVMContext::MD_tbaa, FC.Alias.TableSlot);
}

void FunctionTranslator::lowerTableSize(uint32_t Table) {
  push(FC.loadField(tablePointer(Table), FC.Layout.TableSize, FC.i32(),
                    FC.Alias.RuntimeField, /*Invariant=*/false, "table.size"));
}

void FunctionTranslator::lowerTableGrow(uint32_t Table) {
  Value *Delta = pop();
  Value *Init = pop();
  push(FC.callRuntime(RuntimeFunction::TableGrow,
                      {FC.instance(), B.getInt32(Table), Init, Delta}));
}

void FunctionTranslator::lowerTableFill(uint32_t Table) {
  Value *N = pop();
  Value *V = pop();
  Value *Dst = pop();
  FC.callRuntimeAtSite(RuntimeFunction::TableFill,
                       {FC.instance(), B.getInt32(Table), Dst, V, N});
}

void FunctionTranslator::lowerTableCopy(uint32_t DstTable, uint32_t SrcTable) {
  SmallVector<Value *, 4> Ops = popN(3); // dst, src, n
  FC.callRuntimeAtSite(RuntimeFunction::TableCopy,
                       {FC.instance(), B.getInt32(DstTable),
                        B.getInt32(SrcTable), Ops[0], Ops[1], Ops[2]});
}

void FunctionTranslator::lowerTableInit(uint32_t Segment, uint32_t Table) {
  SmallVector<Value *, 4> Ops = popN(3); // dst, src, n
  FC.callRuntimeAtSite(RuntimeFunction::TableInit,
                       {FC.instance(), B.getInt32(Table), B.getInt32(Segment),
                        Ops[0], Ops[1], Ops[2]});
}

void FunctionTranslator::lowerElemDrop(uint32_t Segment) {
  FC.callRuntime(RuntimeFunction::ElemDrop,
                 {FC.instance(), B.getInt32(Segment)});
}

} // namespace wasmaot

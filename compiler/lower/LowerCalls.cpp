//===- LowerCalls.cpp - call and call_indirect ----------------------------===//
//
// A defined function is called directly (its LLVM function, internal
// linkage, so LLVM may inline it or change its convention). An imported
// function is called through its wa_func record in instance->funcs: the
// code pointer with the record's instance, which is the exporting module's
// instance or, for a host function, its wa_host_func. call_indirect reads
// the record from the table and checks it the way the spec orders the
// checks: index in bounds, element not null, type equal. Through a table
// whose contents are known when compiling (StaticTables.h) it reads
// constant arrays instead, and checks only what the slots make necessary.
//
//===----------------------------------------------------------------------===//
#include "lower/FunctionTranslator.h"
#include "lower/LowerChecks.h"
#include "lower/ModuleParts.h"
#include "lower/NativeSignature.h"

using namespace llvm;

namespace wasmaot {

void FunctionTranslator::emitCall(FunctionType *FTy, Value *Callee,
                                  Value *Inst, const FuncType &FT) {
  SmallVector<Value *, 8> Args;
  Args.push_back(Inst);
  SmallVector<Value *, 4> Params = popN(FT.Params.size());
  Args.append(Params.begin(), Params.end());
  // The callee (or a host function) spends and checks the store's fuel.
  flushFuel(FC);
  CallInst *Call = B.CreateCall(FTy, Callee, Args);
  reloadFuel(FC);
  for (unsigned K = 0; K < FT.Results.size(); ++K)
    push(unpackResult(B, Call, FT.Results, K));
}

void FunctionTranslator::lowerCall(uint32_t FuncIndex) {
  const FuncType &FT = MC.Wasm.Types[MC.Wasm.funcTypeIndex(FuncIndex)];
  if (llvm::Function *Callee = MC.definedFunction(FuncIndex)) {
    emitCall(Callee->getFunctionType(), Callee, FC.instance(), FT);
    return;
  }
  // instance->funcs is filled in before the instance runs and never
  // changes, so both fields may be hoisted anywhere.
  Value *Record = funcRecord(FuncIndex);
  Value *Code = FC.loadField(Record, FC.Layout.FuncCode, FC.ptr(),
                             FC.Alias.FuncRecord, /*Invariant=*/true,
                             "import.code");
  Value *Inst = FC.loadField(Record, FC.Layout.FuncInstance, FC.ptr(),
                             FC.Alias.FuncRecord, /*Invariant=*/true,
                             "import.instance");
  emitCall(nativeFunctionType(FC.Ctx, FT), Code, Inst, FT);
}

/// call_indirect through static table TableIndex: the same checks in the
/// same order, each emitted only when some slot could fail it, against
/// the constant arrays (StaticTableArrays.cpp). When every slot of the
/// called type holds one defined function, the call is a direct one.
static void lowerStaticCallIndirect(FunctionTranslator &T, uint32_t TypeIndex,
                                    uint32_t TableIndex, Value *Index) {
  FunctionContext &FC = T.FC;
  IRBuilder<> &B = FC.B;
  const ModuleContext &MC = T.MC;
  const StaticTables &Static = MC.staticTables();
  const StaticTable &Table = *Static.table(TableIndex);
  const uint32_t Expected = Static.CanonicalType[TypeIndex];
  StaticTable::SlotsOfType OfType;
  if (auto It = Table.ByType.find(Expected); It != Table.ByType.end())
    OfType = It->second;
  const bool AnyNull = Table.HasNullSlot;
  const bool AnyOtherType = OfType.Count != Table.FunctionSlots;

  const uint64_t Slots = Table.Slots.size();
  FC.trapIf(B.CreateICmpUGE(Index, B.getInt32(Slots)),
            TrapCode::UndefinedElement);
  Value *Slot[] = {B.getInt64(0), B.CreateZExt(Index, FC.i64())};
  if (AnyNull || AnyOtherType) {
    GlobalVariable *Types = staticTableTypes(MC, TableIndex);
    Value *Type = B.CreateLoad(
        FC.i32(), B.CreateInBoundsGEP(Types->getValueType(), Types, Slot),
        "callee.type");
    if (AnyNull)
      FC.trapIf(B.CreateICmpEQ(Type, B.getInt32(StaticTable::NullSlot)),
                TrapCode::UninitializedElement);
    if (AnyOtherType)
      FC.trapIf(B.CreateICmpNE(Type, B.getInt32(Expected)),
                TrapCode::IndirectCallTypeMismatch);
  }

  const FuncType &FT = MC.Wasm.Types[TypeIndex];
  llvm::Function *Direct = nullptr;
  if (OfType.OnlyFunction != StaticTable::NullSlot)
    Direct = MC.definedFunction(OfType.OnlyFunction);
  Value *Code = Direct;
  if (!Code) {
    GlobalVariable *Codes = staticTableCode(MC, TableIndex);
    Code = B.CreateLoad(
        FC.ptr(), B.CreateInBoundsGEP(Codes->getValueType(), Codes, Slot),
        "callee.code");
  }
  T.emitCall(nativeFunctionType(FC.Ctx, FT), Code, FC.instance(), FT);
}

void FunctionTranslator::lowerCallIndirect(uint32_t TypeIndex,
                                           uint32_t TableIndex) {
  const FuncType &FT = MC.Wasm.Types[TypeIndex];
  Value *Index = pop();
  if (MC.staticTables().table(TableIndex))
    return lowerStaticCallIndirect(*this, TypeIndex, TableIndex, Index);
  Value *Table = tablePointer(TableIndex);
  // The size and the elements array change when the table grows.
  Value *Size = FC.loadField(Table, FC.Layout.TableSize, FC.i32(),
                             FC.Alias.RuntimeField, /*Invariant=*/false,
                             "table.size");
  FC.trapIf(B.CreateICmpUGE(Index, Size), TrapCode::UndefinedElement);
  Value *Elements = FC.loadField(Table, FC.Layout.TableElements, FC.ptr(),
                                 FC.Alias.RuntimeField, /*Invariant=*/false,
                                 "table.elements");
  Value *Slot = B.CreateInBoundsGEP(FC.ptr(), Elements,
                                    B.CreateZExt(Index, FC.i64()));
  LoadInst *Record = B.CreateLoad(FC.ptr(), Slot, "callee");
  Record->setMetadata(LLVMContext::MD_tbaa, FC.Alias.TableSlot);
  FC.trapIf(B.CreateIsNull(Record), TrapCode::UninitializedElement);

  Value *ActualId = FC.loadField(Record, FC.Layout.FuncTypeId, FC.i32(),
                                 FC.Alias.FuncRecord, /*Invariant=*/false,
                                 "callee.type");
  // Canonical type ids make structurally equal types of different modules
  // compare equal.
  Value *TypeIds = FC.loadField(FC.instance(), FC.Layout.InstanceTypeIds,
                                FC.ptr(), FC.Alias.RuntimeField,
                                /*Invariant=*/true, "type_ids");
  Value *ExpectedId =
      FC.loadField(TypeIds, uint64_t(TypeIndex) * 4, FC.i32(),
                   FC.Alias.RuntimeField, /*Invariant=*/true, "expected.type");
  FC.trapIf(B.CreateICmpNE(ActualId, ExpectedId),
            TrapCode::IndirectCallTypeMismatch);

  Value *Code = FC.loadField(Record, FC.Layout.FuncCode, FC.ptr(),
                             FC.Alias.FuncRecord, /*Invariant=*/false,
                             "callee.code");
  Value *Inst = FC.loadField(Record, FC.Layout.FuncInstance, FC.ptr(),
                             FC.Alias.FuncRecord, /*Invariant=*/false,
                             "callee.instance");
  emitCall(nativeFunctionType(FC.Ctx, FT), Code, Inst, FT);
}

} // namespace wasmaot

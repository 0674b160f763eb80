//===- StaticTableArrays.cpp - The constant arrays of a static table ------===//
//
// call_indirect through a static table (StaticTables.h) reads two constant
// arrays indexed by the slot: the code to call, and the canonical type
// index of the function there. A whole-module compile keeps them private
// to its object. A partitioned one defines them once, as hidden symbols,
// in the module part, which the body partitions refer to; linking the
// parts makes them local again (driver/Partition.h).
//
// Every slot's code is called with the calling module's own instance. A
// slot holding a defined function holds that function. A slot holding an
// import holds a forwarder, which calls the import through its wa_func
// record as a direct call would (LowerCalls.cpp).
//
//===----------------------------------------------------------------------===//
#include "lower/ModuleParts.h"

#include "lower/NativeSignature.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

using namespace llvm;

namespace wasmaot {

/// The forwarder of imported function FuncIndex: native signature, the
/// calling instance first.
static llvm::Function *emitImportForwarder(const ModuleContext &MC,
                                           uint32_t FuncIndex) {
  LLVMContext &Ctx = MC.M.getContext();
  const FuncType &FT = MC.Wasm.Types[MC.Wasm.funcTypeIndex(FuncIndex)];
  FunctionType *Ty = nativeFunctionType(Ctx, FT);
  llvm::Function *F = createInternalFunction(
      MC, Ty, "wasm.import_forwarder." + Twine(FuncIndex));
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", F));
  Value *Record = funcRecord(B, MC, F->getArg(0), B.getInt32(FuncIndex));
  Value *Code = loadAt(B, B.getPtrTy(), Record, MC.Layout.FuncCode,
                       MC.Alias.FuncRecord, /*Invariant=*/true);
  Value *Inst = loadAt(B, B.getPtrTy(), Record, MC.Layout.FuncInstance,
                       MC.Alias.FuncRecord, /*Invariant=*/true);
  SmallVector<Value *, 8> Args{Inst};
  for (unsigned I = 1; I < F->arg_size(); ++I)
    Args.push_back(F->getArg(I));
  CallInst *Call = B.CreateCall(Ty, Code, Args);
  Call->setTailCall();
  if (Ty->getReturnType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(Call);
  return F;
}

/// A constant array of static table TableIndex: private to a whole-module
/// compile, else hidden, and defined only in the module part. Init makes
/// the initialiser.
static GlobalVariable *
createArray(const ModuleContext &MC, uint32_t TableIndex, Type *Element,
            StringRef What, function_ref<Constant *(ArrayType *)> Init) {
  const StaticTable &Table = *MC.staticTables().table(TableIndex);
  ArrayType *Ty = ArrayType::get(Element, Table.Slots.size());
  const bool Define = !MC.Scope.Shared || MC.Scope.ModulePart;
  auto *G = new GlobalVariable(
      MC.M, Ty, /*isConstant=*/true,
      MC.Scope.Shared ? GlobalValue::ExternalLinkage
                      : GlobalValue::PrivateLinkage,
      Define ? Init(Ty) : nullptr,
      "wasm.table." + Twine(TableIndex) + "." + What);
  if (MC.Scope.Shared) {
    G->setVisibility(GlobalValue::HiddenVisibility);
    G->setDSOLocal(true);
  } else {
    G->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  }
  return G;
}

GlobalVariable *staticTableCode(const ModuleContext &MC, uint32_t TableIndex) {
  GlobalVariable *&Code = MC.StaticArrays[TableIndex].Code;
  if (Code)
    return Code;
  auto Init = [&](ArrayType *Ty) -> Constant * {
    std::vector<Constant *> Slots;
    Slots.reserve(Ty->getNumElements());
    DenseMap<uint32_t, llvm::Function *> Forwarders;
    for (uint32_t FuncIndex : MC.staticTables().table(TableIndex)->Slots) {
      if (FuncIndex == StaticTable::NullSlot) {
        Slots.push_back(ConstantPointerNull::get(
            PointerType::getUnqual(MC.M.getContext())));
        continue;
      }
      llvm::Function *Callee = MC.definedFunction(FuncIndex);
      if (!Callee) {
        llvm::Function *&Forwarder = Forwarders[FuncIndex];
        if (!Forwarder)
          Forwarder = emitImportForwarder(MC, FuncIndex);
        Callee = Forwarder;
      }
      Slots.push_back(Callee);
    }
    return ConstantArray::get(Ty, Slots);
  };
  Code = createArray(MC, TableIndex, PointerType::getUnqual(MC.M.getContext()),
                     "code", Init);
  return Code;
}

GlobalVariable *staticTableTypes(const ModuleContext &MC, uint32_t TableIndex) {
  GlobalVariable *&Types = MC.StaticArrays[TableIndex].Types;
  if (Types)
    return Types;
  auto Init = [&](ArrayType *) -> Constant * {
    const StaticTables &Static = MC.staticTables();
    std::vector<uint32_t> Slots;
    for (uint32_t FuncIndex : Static.table(TableIndex)->Slots)
      Slots.push_back(
          FuncIndex == StaticTable::NullSlot
              ? StaticTable::NullSlot
              : Static.CanonicalType[MC.Wasm.funcTypeIndex(FuncIndex)]);
    return ConstantDataArray::get(MC.M.getContext(), Slots);
  };
  Types = createArray(MC, TableIndex, Type::getInt32Ty(MC.M.getContext()),
                      "types", Init);
  return Types;
}

void defineStaticTableArrays(const ModuleContext &MC) {
  const StaticTables &Static = MC.staticTables();
  for (uint32_t T = 0; T < Static.Tables.size(); ++T)
    if (Static.Tables[T] && Static.Tables[T]->CalledIndirectly) {
      staticTableCode(MC, T);
      staticTableTypes(MC, T);
    }
}

} // namespace wasmaot

//===- EntryWrappers.cpp - How the runtime calls exported functions -------===//
//
// The runtime never knows a function's native signature: it calls an
// export through its wa_entry_fn, `void wrapper(instance, values)`, which
// reads the arguments from values[0..params), calls the function and
// writes the results to values[0..results). Defined functions are called
// directly; an imported function that is re-exported is called through its
// record in instance->funcs, like any call to an import.
//
//===----------------------------------------------------------------------===//
#include "lower/ModuleParts.h"

#include "lower/NativeSignature.h"

#include "llvm/ADT/SmallVector.h"

using namespace llvm;

namespace wasmaot {

llvm::Function *emitEntryWrapper(const ModuleContext &MC, uint32_t FuncIndex) {
  LLVMContext &Ctx = MC.M.getContext();
  const FuncType &FT = MC.Wasm.Types[MC.Wasm.funcTypeIndex(FuncIndex)];
  IRBuilder<> B(Ctx);
  llvm::Function *W = createInternalFunction(
      MC, FunctionType::get(B.getVoidTy(), {B.getPtrTy(), B.getPtrTy()}, false),
      "wasm.entry.f" + Twine(FuncIndex));
  B.SetInsertPoint(BasicBlock::Create(Ctx, "entry", W));
  Value *Instance = W->getArg(0), *Values = W->getArg(1);
  const uint64_t Stride = MC.Layout.ValueSize;

  FunctionType *NativeTy = nativeFunctionType(Ctx, FT);
  SmallVector<Value *, 8> Args;
  Value *Callee;
  if (llvm::Function *Defined = MC.definedFunction(FuncIndex)) {
    Callee = Defined;
    Args.push_back(Instance);
  } else {
    Value *Record = funcRecord(B, MC, Instance, B.getInt32(FuncIndex));
    Callee = loadAt(B, B.getPtrTy(), Record, MC.Layout.FuncCode,
                    MC.Alias.FuncRecord);
    Args.push_back(loadAt(B, B.getPtrTy(), Record, MC.Layout.FuncInstance,
                          MC.Alias.FuncRecord));
  }
  for (size_t K = 0; K < FT.Params.size(); ++K)
    Args.push_back(loadAt(B, llvmType(Ctx, FT.Params[K]), Values, K * Stride,
                          MC.Alias.ValueArray));
  CallInst *Call = B.CreateCall(NativeTy, Callee, Args);
  // Guest code stays in guest functions: the site map covers only those,
  // so code inlined into a wrapper could not be traced back to its
  // instruction when it traps. One call per entry from the host is cheap.
  Call->setIsNoInline();

  for (unsigned K = 0; K < FT.Results.size(); ++K)
    storeAt(B, unpackResult(B, Call, FT.Results, K), Values, K * Stride,
            MC.Alias.ValueArray);
  B.CreateRetVoid();
  return W;
}

} // namespace wasmaot

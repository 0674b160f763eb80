//===- FunctionContext.cpp - One function being lowered -------------------===//
#include "lower/FunctionContext.h"

#include "wasm-aot/abi.h"

#include "llvm/IR/MDBuilder.h"

using namespace llvm;

namespace wasmaot {

FunctionContext::FunctionContext(llvm::Function &F, const Module &Wasm,
                                 const InstanceLayout &Layout,
                                 const LowerOptions &Opts,
                                 const AliasInfo &Alias)
    : B(F.getContext()), F(F), M(*F.getParent()), Ctx(F.getContext()),
      Wasm(Wasm), Layout(Layout), Opts(Opts), Alias(Alias) {}

BasicBlock *FunctionContext::trapBlock(TrapCode Code) {
  uint64_t Key = static_cast<uint32_t>(Code);
  if (HasSite)
    Key |= static_cast<uint64_t>(SiteOffset) << 32;
  auto [It, New] = TrapBlocks.try_emplace(Key);
  if (!New)
    return It->second;
  // At the end of the function, out of the hot path. Checks of one
  // instruction with the same code share their block.
  BasicBlock *BB = BasicBlock::Create(Ctx, "trap", &F);
  IRBuilder<> TB(BB);
  if (FuelLocal) {
    // The host may read the fuel after the trap: it is the store's again.
    Value *Cell = TB.CreateLoad(
        ptr(), TB.CreateConstInBoundsGEP1_64(i8(), instance(), Layout.InstanceFuel));
    TB.CreateStore(TB.CreateLoad(i64(), FuelLocal), Cell);
  }
  CallInst *Call;
  if (HasSite)
    Call = TB.CreateCall(getRuntimeFunction(M, RuntimeFunction::TrapAt),
                         {TB.getInt32(static_cast<uint32_t>(Code)),
                          TB.getInt32(SiteFunc), TB.getInt32(SiteOffset)});
  else
    Call = TB.CreateCall(getRuntimeFunction(M, RuntimeFunction::Trap),
                         {TB.getInt32(static_cast<uint32_t>(Code))});
  Call->setDoesNotReturn();
  TB.CreateUnreachable();
  It->second = BB;
  return BB;
}

void FunctionContext::trapIf(Value *Cond, TrapCode Code) {
  BasicBlock *Cont = BasicBlock::Create(Ctx, "cont", &F);
  MDNode *Weights = MDBuilder(Ctx).createUnlikelyBranchWeights();
  B.CreateCondBr(Cond, trapBlock(Code), Cont, Weights);
  B.SetInsertPoint(Cont);
}

void FunctionContext::trap(TrapCode Code) {
  B.CreateBr(trapBlock(Code));
  B.SetInsertPoint(BasicBlock::Create(Ctx, "dead", &F));
}

Value *FunctionContext::fieldAddress(Value *Base, uint64_t Offset,
                                     const Twine &Name) {
  if (Offset == 0)
    return Base;
  return B.CreateConstInBoundsGEP1_64(i8(), Base, Offset, Name);
}

LoadInst *FunctionContext::loadField(Value *Base, uint64_t Offset, Type *Ty,
                                     MDNode *Tag, bool Invariant,
                                     const Twine &Name) {
  LoadInst *L = B.CreateLoad(Ty, fieldAddress(Base, Offset), Name);
  L->setMetadata(LLVMContext::MD_tbaa, Tag);
  if (Invariant)
    L->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(Ctx, {}));
  return L;
}

CallInst *FunctionContext::callRuntime(RuntimeFunction RF,
                                       ArrayRef<Value *> Args) {
  return B.CreateCall(getRuntimeFunction(M, RF), Args);
}

CallInst *FunctionContext::callRuntimeAtSite(RuntimeFunction RF,
                                             ArrayRef<Value *> Args) {
  SmallVector<Value *, 8> All(Args.begin(), Args.end());
  All.push_back(B.getInt32(HasSite ? SiteFunc : WA_NO_SITE));
  All.push_back(B.getInt32(HasSite ? SiteOffset : 0));
  return callRuntime(RF, All);
}

} // namespace wasmaot

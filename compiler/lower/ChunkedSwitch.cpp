//===- ChunkedSwitch.cpp --------------------------------------------------===//
#include "lower/ChunkedSwitch.h"

#include "lower/ModuleParts.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"

using namespace llvm;

namespace wasmaot {

static_assert(isPowerOf2_32(ChunkSize), "the chunk is found by a shift");

namespace {

void returnDefault(IRBuilder<> &B, Constant *Default) {
  if (Default)
    B.CreateRet(Default);
  else
    B.CreateRetVoid();
}

/// One function holding a switch over Keys, each case filled by EmitCase.
Expected<llvm::Function *> emitSwitch(const ModuleContext &MC, const Twine &Name,
                                FunctionType *Ty, ArrayRef<uint32_t> Keys,
                                Constant *Default, CaseEmitter EmitCase) {
  LLVMContext &Ctx = MC.M.getContext();
  IRBuilder<> B(Ctx);
  llvm::Function *F = createInternalFunction(MC, Ty, Name);
  BasicBlock *Entry = BasicBlock::Create(Ctx, "entry", F);
  BasicBlock *Other = BasicBlock::Create(Ctx, "other", F);
  B.SetInsertPoint(Other);
  returnDefault(B, Default);
  B.SetInsertPoint(Entry);
  SwitchInst *Switch = B.CreateSwitch(F->getArg(1), Other, Keys.size());
  for (uint32_t Key : Keys) {
    BasicBlock *Case = BasicBlock::Create(Ctx, "segment" + Twine(Key), F);
    Switch->addCase(B.getInt32(Key), Case);
    B.SetInsertPoint(Case);
    if (Error E = EmitCase(B, F, Key))
      return std::move(E);
  }
  return F;
}

} // namespace

Expected<llvm::Function *> emitChunkedSwitch(const ModuleContext &MC,
                                       const Twine &Name, FunctionType *Ty,
                                       ArrayRef<uint32_t> Keys,
                                       Constant *Default,
                                       CaseEmitter EmitCase) {
  if (Keys.size() <= ChunkSize)
    return emitSwitch(MC, Name, Ty, Keys, Default, EmitCase);

  // Chunk C holds the keys in [C * ChunkSize, (C + 1) * ChunkSize). Keys
  // are segment indices, so the table has at most one entry per ChunkSize
  // segments of the module.
  LLVMContext &Ctx = MC.M.getContext();
  PointerType *Ptr = PointerType::getUnqual(Ctx);
  const uint32_t NumChunks = Keys.back() / ChunkSize + 1;
  SmallVector<Constant *, 0> Chunks(NumChunks, ConstantPointerNull::get(Ptr));
  const std::string Base = Name.str();
  for (size_t First = 0; First < Keys.size();) {
    const uint32_t C = Keys[First] / ChunkSize;
    size_t Last = First;
    while (Last < Keys.size() && Keys[Last] / ChunkSize == C)
      ++Last;
    Expected<llvm::Function *> Chunk =
        emitSwitch(MC, Base + ".chunk" + Twine(C), Ty,
                   Keys.slice(First, Last - First), Default, EmitCase);
    if (!Chunk)
      return Chunk.takeError();
    // Called through the table only, but should LLVM ever resolve a call
    // it must not inline the chunks back into one function.
    (*Chunk)->addFnAttr(Attribute::NoInline);
    Chunks[C] = *Chunk;
    First = Last;
  }
  auto *Table = new GlobalVariable(
      MC.M, ArrayType::get(Ptr, NumChunks), /*isConstant=*/true,
      GlobalValue::PrivateLinkage,
      ConstantArray::get(ArrayType::get(Ptr, NumChunks), Chunks),
      Base + ".chunks");
  Table->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);

  // The dispatcher: chunk = key / ChunkSize; a missing chunk or one past
  // the table is a key without a case.
  IRBuilder<> B(Ctx);
  llvm::Function *F = createInternalFunction(MC, Ty, Base);
  BasicBlock *Entry = BasicBlock::Create(Ctx, "entry", F);
  BasicBlock *Lookup = BasicBlock::Create(Ctx, "lookup", F);
  BasicBlock *Call = BasicBlock::Create(Ctx, "call", F);
  BasicBlock *Other = BasicBlock::Create(Ctx, "other", F);
  B.SetInsertPoint(Other);
  returnDefault(B, Default);

  B.SetInsertPoint(Entry);
  Value *C = B.CreateLShr(F->getArg(1), Log2_32(ChunkSize));
  B.CreateCondBr(B.CreateICmpULT(C, B.getInt32(NumChunks)), Lookup, Other);
  B.SetInsertPoint(Lookup);
  Value *Slot =
      B.CreateInBoundsGEP(Table->getValueType(), Table,
                          {B.getInt64(0), B.CreateZExt(C, B.getInt64Ty())});
  Value *Target = B.CreateLoad(Ptr, Slot);
  B.CreateCondBr(B.CreateIsNull(Target), Other, Call);
  B.SetInsertPoint(Call);
  SmallVector<Value *, 4> Args;
  for (Argument &A : F->args())
    Args.push_back(&A);
  CallInst *Result = B.CreateCall(Ty, Target, Args);
  if (Ty->getReturnType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(Result);
  return F;
}

} // namespace wasmaot

//===- ConstExprLowering.cpp - Constant expressions and wa_module_init ----===//
//
// Constant expressions are compiled, not interpreted by the runtime: each
// one becomes straight-line IR in one of the four wa_module_init functions
// (abi.h). The runtime calls them in the spec's instantiation order: the
// globals first, then the element items, then each active segment's offset.
//
// A global.get reads the global's cell through the instance, which is what
// makes an initialiser that reads an imported global (or, under
// extended-const rules, an earlier defined one) see its value: init_globals
// stores the globals in index order.
//
//===----------------------------------------------------------------------===//
#include "lower/ModuleParts.h"

#include "lower/ChunkedSwitch.h"
#include "lower/NativeSignature.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/Support/Endian.h"

using namespace llvm;

namespace wasmaot {

namespace {

Error unsupported(const wasmaot::Instruction &I) {
  return createStringError(inconvertibleErrorCode(),
                           "at 0x%llx: %s is not supported in a constant "
                           "expression",
                           (unsigned long long)I.Offset,
                           opcodeName(I.Op).str().c_str());
}

Constant *v128Constant(LLVMContext &Ctx, const uint8_t (&Bytes)[16]) {
  // <2 x i64>, the lanes in memory order (wasm is little-endian).
  uint64_t Lanes[2] = {support::endian::read64le(Bytes),
                       support::endian::read64le(Bytes + 8)};
  return ConstantDataVector::get(Ctx, ArrayRef<uint64_t>(Lanes));
}

/// The binary operator of an extended-const instruction (Opcodes.def flags
/// them InExtendedConstExpr), if Op is one.
std::optional<llvm::Instruction::BinaryOps> extendedConstOp(Opcode Op) {
  if (!opcodeInfo(Op).has(InExtendedConstExpr))
    return std::nullopt;
  switch (Op) {
  case Opcode::I32Add:
  case Opcode::I64Add:
    return llvm::Instruction::Add;
  case Opcode::I32Sub:
  case Opcode::I64Sub:
    return llvm::Instruction::Sub;
  case Opcode::I32Mul:
  case Opcode::I64Mul:
    return llvm::Instruction::Mul;
  default:
    return std::nullopt;
  }
}

} // namespace

Expected<Value *> emitConstExpr(IRBuilder<> &B, const ModuleContext &MC,
                                Value *Instance, const ConstExpr &E) {
  LLVMContext &Ctx = B.getContext();
  SmallVector<Value *, 4> Stack;
  for (const wasmaot::Instruction &I : E.Instrs) {
    switch (I.Op) {
    case Opcode::I32Const:
      Stack.push_back(B.getInt32(static_cast<uint32_t>(I.Bits)));
      continue;
    case Opcode::I64Const:
      Stack.push_back(B.getInt64(I.Bits));
      continue;
    case Opcode::F32Const:
      // From the bits, so NaN payloads survive.
      Stack.push_back(ConstantFP::get(
          Ctx, APFloat(APFloat::IEEEsingle(),
                       APInt(32, static_cast<uint32_t>(I.Bits)))));
      continue;
    case Opcode::F64Const:
      Stack.push_back(ConstantFP::get(
          Ctx, APFloat(APFloat::IEEEdouble(), APInt(64, I.Bits))));
      continue;
    case Opcode::V128Const:
      Stack.push_back(v128Constant(Ctx, I.V128));
      continue;
    case Opcode::RefNull:
      Stack.push_back(ConstantPointerNull::get(B.getPtrTy()));
      continue;
    case Opcode::RefFunc:
      Stack.push_back(funcRecord(B, MC, Instance, B.getInt32(I.Index)));
      continue;
    case Opcode::GlobalGet: {
      Value *Cell = globalCell(B, MC, Instance, I.Index);
      Type *Ty = llvmType(Ctx, MC.Wasm.globalType(I.Index).Type);
      Stack.push_back(loadAt(B, Ty, Cell, 0, MC.Alias.GlobalCell));
      continue;
    }
    default:
      break;
    }
    std::optional<llvm::Instruction::BinaryOps> Op = extendedConstOp(I.Op);
    if (!Op || Stack.size() < 2)
      return unsupported(I);
    Value *Rhs = Stack.pop_back_val();
    Value *Lhs = Stack.pop_back_val();
    // Wrapping arithmetic: no nsw/nuw.
    Stack.push_back(B.CreateBinOp(*Op, Lhs, Rhs));
  }
  if (Stack.size() != 1)
    return createStringError(inconvertibleErrorCode(),
                             "at 0x%llx: constant expression leaves %zu "
                             "values",
                             (unsigned long long)E.Offset, Stack.size());
  return Stack.front();
}

namespace {

/// A `void name(instance)` function storing the initialisers of the
/// defined globals [Begin, End), in order.
Expected<llvm::Function *> emitGlobalsFunction(const ModuleContext &MC,
                                               const Twine &Name, size_t Begin,
                                               size_t End) {
  LLVMContext &Ctx = MC.M.getContext();
  IRBuilder<> B(Ctx);
  llvm::Function *F = createInternalFunction(
      MC, FunctionType::get(B.getVoidTy(), {B.getPtrTy()}, false), Name);
  B.SetInsertPoint(BasicBlock::Create(Ctx, "entry", F));
  Value *Instance = F->getArg(0);
  const uint32_t First = MC.Wasm.numImportedGlobals();
  for (size_t I = Begin; I < End; ++I) {
    Expected<Value *> V =
        emitConstExpr(B, MC, Instance, MC.Wasm.Globals[I].Init);
    if (!V)
      return V.takeError();
    storeAt(B, *V, globalCell(B, MC, Instance, First + I), 0,
            MC.Alias.GlobalCell);
  }
  B.CreateRetVoid();
  return F;
}

/// init_globals(instance): every defined global's initialiser, in order.
/// One basic block of stores for all of them made the machine scheduler's
/// dependence graph quadratic (10,000 globals: 7 s and 570 MiB at -O2), so
/// beyond ChunkSize globals the stores are split into functions of
/// ChunkSize globals each, called in order.
Expected<llvm::Function *> emitInitGlobals(const ModuleContext &MC) {
  const size_t N = MC.Wasm.Globals.size();
  if (N <= ChunkSize)
    return emitGlobalsFunction(MC, "wasm.init_globals", 0, N);
  LLVMContext &Ctx = MC.M.getContext();
  IRBuilder<> B(Ctx);
  FunctionType *Ty = FunctionType::get(B.getVoidTy(), {B.getPtrTy()}, false);
  llvm::Function *F = createInternalFunction(MC, Ty, "wasm.init_globals");
  B.SetInsertPoint(BasicBlock::Create(Ctx, "entry", F));
  for (size_t Begin = 0; Begin < N; Begin += ChunkSize) {
    Expected<llvm::Function *> Chunk = emitGlobalsFunction(
        MC, "wasm.init_globals.chunk" + Twine(Begin / ChunkSize), Begin,
        std::min<size_t>(N, Begin + ChunkSize));
    if (!Chunk)
      return Chunk.takeError();
    // Inlined back, the chunks would be the one block again.
    (*Chunk)->addFnAttr(Attribute::NoInline);
    B.CreateCall(Ty, *Chunk, {F->getArg(0)});
  }
  B.CreateRetVoid();
  return F;
}

/// A `u64 name(instance, u32 segment)` function returning the offset of
/// each segment of All listed in Segments (ascending), zero-extended;
/// other segments are never asked for.
template <typename SegmentT>
Expected<llvm::Function *>
emitOffsetFunction(const ModuleContext &MC, const Twine &Name,
                   const std::vector<SegmentT> &All,
                   ArrayRef<uint32_t> Segments) {
  LLVMContext &Ctx = MC.M.getContext();
  Type *I64 = Type::getInt64Ty(Ctx);
  FunctionType *Ty = FunctionType::get(
      I64, {PointerType::getUnqual(Ctx), Type::getInt32Ty(Ctx)}, false);
  return emitChunkedSwitch(
      MC, Name, Ty, Segments, ConstantInt::get(I64, 0),
      [&](IRBuilder<> &B, llvm::Function *F, uint32_t Segment) -> Error {
        Expected<Value *> V =
            emitConstExpr(B, MC, F->getArg(0), All[Segment].OffsetExpr);
        if (!V)
          return V.takeError();
        // i32 offsets are unsigned; memory64 offsets are i64 already.
        B.CreateRet(B.CreateZExt(*V, I64));
        return Error::success();
      });
}

/// The function index of a plain `ref.func` item, UINT32_MAX for a plain
/// `ref.null`, or nothing for any other item.
std::optional<uint32_t> simpleItem(const ConstExpr &Item) {
  if (Item.Instrs.size() != 1)
    return std::nullopt;
  const wasmaot::Instruction &I = Item.Instrs.front();
  if (I.Op == Opcode::RefFunc)
    return I.Index;
  if (I.Op == Opcode::RefNull)
    return UINT32_MAX;
  return std::nullopt;
}

/// Writes the items of a segment made only of ref.func and ref.null: a loop
/// over a constant array of function indices, so a table of thousands of
/// functions costs a few instructions rather than thousands.
void emitSimpleItems(IRBuilder<> &B, const ModuleContext &MC, llvm::Function *F,
                     uint32_t Segment, ArrayRef<uint32_t> Indices) {
  LLVMContext &Ctx = B.getContext();
  Constant *Init = ConstantDataArray::get(Ctx, Indices);
  auto *Table = new GlobalVariable(MC.M, Init->getType(), /*isConstant=*/true,
                                   GlobalValue::PrivateLinkage, Init,
                                   "wasm.elem" + Twine(Segment) + ".funcs");
  Table->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);

  Value *Instance = F->getArg(0), *Out = F->getArg(2);
  BasicBlock *Pre = B.GetInsertBlock();
  BasicBlock *Loop = BasicBlock::Create(Ctx, "items", F);
  BasicBlock *Done = BasicBlock::Create(Ctx, "done", F);
  B.CreateBr(Loop);
  B.SetInsertPoint(Loop);
  PHINode *K = B.CreatePHI(B.getInt64Ty(), 2, "k");
  K->addIncoming(B.getInt64(0), Pre);
  Value *Index = B.CreateLoad(B.getInt32Ty(),
                              B.CreateInBoundsGEP(B.getInt32Ty(), Table, K));
  Value *IsNull = B.CreateICmpEQ(Index, B.getInt32(UINT32_MAX));
  Value *Item = B.CreateSelect(IsNull, ConstantPointerNull::get(B.getPtrTy()),
                               funcRecord(B, MC, Instance, Index));
  B.CreateStore(Item, B.CreateInBoundsGEP(B.getPtrTy(), Out, K));
  Value *Next = B.CreateAdd(K, B.getInt64(1), "", /*HasNUW=*/true);
  K->addIncoming(Next, Loop);
  B.CreateCondBr(B.CreateICmpULT(Next, B.getInt64(Indices.size())), Loop, Done);
  B.SetInsertPoint(Done);
}

/// The case of elem_items for segment S, ended with a return.
Error emitSegmentItems(IRBuilder<> &B, const ModuleContext &MC,
                       llvm::Function *F, uint32_t S) {
  const ElemSegment &Seg = MC.Wasm.Elems[S];
  SmallVector<uint32_t, 0> Simple;
  for (const ConstExpr &Item : Seg.Items) {
    std::optional<uint32_t> Index = simpleItem(Item);
    if (!Index)
      break;
    Simple.push_back(*Index);
  }
  if (Simple.size() == Seg.Items.size()) {
    emitSimpleItems(B, MC, F, S, Simple);
  } else {
    for (size_t K = 0; K < Seg.Items.size(); ++K) {
      Expected<Value *> V = emitConstExpr(B, MC, F->getArg(0), Seg.Items[K]);
      if (!V)
        return V.takeError();
      B.CreateStore(
          *V, B.CreateConstInBoundsGEP1_64(B.getPtrTy(), F->getArg(2), K));
    }
  }
  B.CreateRetVoid();
  return Error::success();
}

/// elem_items(instance, segment, out): each item of each segment in
/// Segments (the non-empty ones), as a pointer (funcref:
/// &instance->funcs[i]; null: 0).
Expected<llvm::Function *> emitElemItems(const ModuleContext &MC,
                                         ArrayRef<uint32_t> Segments) {
  LLVMContext &Ctx = MC.M.getContext();
  PointerType *Ptr = PointerType::getUnqual(Ctx);
  FunctionType *Ty = FunctionType::get(
      Type::getVoidTy(Ctx), {Ptr, Type::getInt32Ty(Ctx), Ptr}, false);
  return emitChunkedSwitch(
      MC, "wasm.elem_items", Ty, Segments, /*Default=*/nullptr,
      [&](IRBuilder<> &B, llvm::Function *F, uint32_t S) -> Error {
        return emitSegmentItems(B, MC, F, S);
      });
}

} // namespace

Expected<InitFunctions> emitInitFunctions(const ModuleContext &MC) {
  const Module &Wasm = MC.Wasm;
  InitFunctions Init;
  if (!Wasm.Globals.empty()) {
    Expected<llvm::Function *> F = emitInitGlobals(MC);
    if (!F)
      return F.takeError();
    Init.InitGlobals = *F;
  }

  // Segment indices, ascending, of the segments each function has a case
  // for.
  std::vector<uint32_t> ElemOffsets, DataOffsets, ElemsWithItems;
  for (size_t S = 0; S < Wasm.Elems.size(); ++S) {
    if (Wasm.Elems[S].Mode == SegmentMode::Active)
      ElemOffsets.push_back(S);
    if (!Wasm.Elems[S].Items.empty())
      ElemsWithItems.push_back(S);
  }
  for (size_t S = 0; S < Wasm.Datas.size(); ++S)
    if (Wasm.Datas[S].Mode == SegmentMode::Active)
      DataOffsets.push_back(S);

  if (!ElemOffsets.empty()) {
    Expected<llvm::Function *> F =
        emitOffsetFunction(MC, "wasm.elem_offset", Wasm.Elems, ElemOffsets);
    if (!F)
      return F.takeError();
    Init.ElemOffset = *F;
  }
  if (!DataOffsets.empty()) {
    Expected<llvm::Function *> F =
        emitOffsetFunction(MC, "wasm.data_offset", Wasm.Datas, DataOffsets);
    if (!F)
      return F.takeError();
    Init.DataOffset = *F;
  }
  if (!ElemsWithItems.empty()) {
    Expected<llvm::Function *> F = emitElemItems(MC, ElemsWithItems);
    if (!F)
      return F.takeError();
    Init.ElemItems = *F;
  }
  return Init;
}

} // namespace wasmaot

//===- ModuleLowering.cpp - A validated module to LLVM IR -----------------===//
//
// The order matters: the triple and data layout first (runtime-call
// attributes depend on the triple), then a declaration of every defined
// function (bodies call functions not lowered yet), the bodies, and last the
// entry wrappers, host thunks, init functions and the descriptor that points
// to all of them.
//
//===----------------------------------------------------------------------===//
#include "lower/ModuleLowering.h"

#include "abi/DescriptorLayout.h"
#include "lower/FunctionLowering.h"
#include "lower/ModuleParts.h"
#include "lower/NativeSignature.h"
#include "support/WasmError.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Function.h"

using namespace llvm;

namespace wasmaot {

llvm::Function *createInternalFunction(const ModuleContext &MC,
                                       FunctionType *Ty, const Twine &Name) {
  llvm::Function *F =
      llvm::Function::Create(Ty, GlobalValue::InternalLinkage, Name, MC.M);
  F->addFnAttr(Attribute::NoUnwind);
  return F;
}

LoadInst *loadAt(IRBuilder<> &B, Type *Ty, Value *Base, uint64_t Offset,
                 MDNode *Tag, bool Invariant) {
  Value *Address =
      Offset ? B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Base, Offset) : Base;
  LoadInst *L = B.CreateLoad(Ty, Address);
  L->setMetadata(LLVMContext::MD_tbaa, Tag);
  if (Invariant)
    L->setMetadata(LLVMContext::MD_invariant_load,
                   MDNode::get(B.getContext(), {}));
  return L;
}

StoreInst *storeAt(IRBuilder<> &B, Value *V, Value *Base, uint64_t Offset,
                   MDNode *Tag) {
  Value *Address =
      Offset ? B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Base, Offset) : Base;
  StoreInst *S = B.CreateStore(V, Address);
  S->setMetadata(LLVMContext::MD_tbaa, Tag);
  return S;
}

Value *funcRecord(IRBuilder<> &B, const ModuleContext &MC, Value *Instance,
                  Value *FuncIndex) {
  Value *Funcs = loadAt(B, B.getPtrTy(), Instance, MC.Layout.InstanceFuncs,
                        MC.Alias.RuntimeField, /*Invariant=*/true);
  Value *Byte = B.CreateMul(B.CreateZExt(FuncIndex, B.getInt64Ty()),
                            B.getInt64(MC.Layout.FuncSize));
  return B.CreateInBoundsGEP(B.getInt8Ty(), Funcs, Byte, "funcref");
}

Value *globalCell(IRBuilder<> &B, const ModuleContext &MC, Value *Instance,
                  uint32_t GlobalIndex) {
  // Both the array and the cell pointers are fixed at instantiation.
  Value *Globals = loadAt(B, B.getPtrTy(), Instance, MC.Layout.InstanceGlobals,
                          MC.Alias.RuntimeField, /*Invariant=*/true);
  return loadAt(B, B.getPtrTy(), Globals,
                uint64_t(GlobalIndex) * MC.Layout.PointerSize,
                MC.Alias.RuntimeField, /*Invariant=*/true);
}

namespace {

/// What the descriptor cannot describe: reject it here rather than emit an
/// object the runtime would misread.
Error checkDescribable(const Module &Wasm) {
  for (const Import &I : Wasm.Imports) {
    if (I.Kind == ExternKind::Tag)
      return makeUnsupported(I.Offset,
                             "tag import (the runtime has no exceptions)");
    if (I.Kind == ExternKind::Memory && I.Memory.Limits.Shared)
      return makeUnsupported(I.Offset, "shared memory");
    // The runtime's memory entry points (grow, fill, copy, init) take
    // 32-bit operands and no reservation covers 64-bit addresses.
    if (I.Kind == ExternKind::Memory && I.Memory.Limits.Is64)
      return makeUnsupported(I.Offset, "64-bit memory (memory64)");
  }
  // Memory types keep no offset of their own; the section names the place.
  for (const MemoryType &T : Wasm.Memories) {
    if (T.Limits.Shared)
      return withSection(makeUnsupported(0, "shared memory"), "memory");
    if (T.Limits.Is64)
      return withSection(makeUnsupported(0, "64-bit memory (memory64)"),
                         "memory");
  }
  for (const Export &E : Wasm.Exports)
    if (E.Kind == ExternKind::Tag)
      return makeUnsupported(E.Offset,
                             "tag export (the runtime has no exceptions)");
  return Error::success();
}

/// "wasm.f12", or "wasm.f12.name" when the name section names it. Only
/// for reading the IR and backtraces (the symbols are local): characters
/// outside [A-Za-z0-9_.$] become '_', which also keeps out the NUL bytes a
/// wasm name may hold and LLVM names may not.
std::string functionSymbol(const Module &Wasm, uint32_t FuncIndex) {
  std::string Name = "wasm.f" + std::to_string(FuncIndex);
  if (std::optional<StringRef> N = Wasm.functionName(FuncIndex)) {
    Name += '.';
    for (char C : *N)
      Name += isAlnum(C) || C == '_' || C == '.' || C == '$' ? C : '_';
  }
  return Name;
}

/// One thunk per native signature: wasm types that differ only in the kind
/// of reference share a thunk, since both are pointers in a wa_value.
std::vector<llvm::Function *> emitImportThunks(const ModuleContext &MC) {
  const Module &Wasm = MC.Wasm;
  std::vector<llvm::Function *> Thunks(Wasm.Imports.size(), nullptr);
  DenseMap<FunctionType *, llvm::Function *> ByType;
  for (size_t I = 0; I < Wasm.Imports.size(); ++I) {
    const Import &Imp = Wasm.Imports[I];
    if (Imp.Kind != ExternKind::Func)
      continue;
    const FuncType &FT = Wasm.Types[Imp.FuncTypeIndex];
    llvm::Function *&Thunk = ByType[nativeFunctionType(MC.M.getContext(), FT)];
    if (!Thunk)
      Thunk = emitHostThunk(MC, FT);
    Thunks[I] = Thunk;
  }
  return Thunks;
}

} // namespace

llvm::Function *ModuleContext::declareDefined(uint32_t Defined) const {
  const uint32_t FuncIndex = numImportedFuncs() + Defined;
  const FuncType &FT = Wasm.Types[Wasm.Functions[Defined].TypeIndex];
  FunctionType *Ty = nativeFunctionType(M.getContext(), FT);
  std::string Name = functionSymbol(Wasm, FuncIndex);
  llvm::Function *F;
  if (!Scope.Shared) {
    F = createInternalFunction(*this, Ty, Name);
  } else {
    // Shared with the module's other objects: a hidden symbol, called
    // directly (dso_local) as an internal one would be. The objects are
    // linked into one and the symbols made local again
    // (driver/Partition.h).
    F = llvm::Function::Create(Ty, GlobalValue::ExternalLinkage, Name, M);
    F->setVisibility(GlobalValue::HiddenVisibility);
    F->setDSOLocal(true);
    F->addFnAttr(Attribute::NoUnwind);
  }
  // Every caller, direct, indirect or an entry wrapper, passes the
  // module's own wa_instance: its fields may be loaded anywhere, so LLVM
  // can hoist the loads of the memory's record and base out of loops with
  // conditional exits (a trap's branch, a br_if).
  F->addParamAttr(0, Attribute::NonNull);
  F->addDereferenceableParamAttr(0, Layout.InstanceReadableSize);
  F->addParamAttr(0, Attribute::getWithAlignment(M.getContext(),
                                                 Align(Layout.PointerSize)));
  // A frame larger than a page must touch its pages in order as it is
  // allocated: a guest function with thousands of locals could otherwise
  // move the stack pointer past the guard below a thread's stack and write
  // into whatever is mapped there before its stack check runs. LLVM 19
  // probes on x86-64 and AArch64; it ignores the attribute on RISC-V
  // (docs/abi.md).
  F->addFnAttr("probe-stack", "inline-asm");
  return F;
}

Expected<std::unique_ptr<llvm::Module>>
lowerModule(const Module &Wasm, LLVMContext &Ctx, const LowerOptions &Opts,
            const Triple &TT, const DataLayout &DL) {
  return lowerModule(Wasm, Ctx, Opts, TT, DL, LoweringScope::whole(Wasm));
}

Expected<std::unique_ptr<llvm::Module>>
lowerModule(const Module &Wasm, LLVMContext &Ctx, const LowerOptions &Opts,
            const Triple &TT, const DataLayout &DL,
            const LoweringScope &Scope) {
  Expected<InstanceLayout> Layout =
      InstanceLayout::forPointerSize(DL.getPointerSize());
  if (!Layout)
    return Layout.takeError();
  if (Error E = checkDescribable(Wasm))
    return std::move(E);

  std::string ModuleName = Wasm.Names.ModuleName.value_or("wasm");
  auto M = std::make_unique<llvm::Module>(ModuleName, Ctx);
  M->setTargetTriple(TT.str());
  M->setDataLayout(DL);

  ModuleContext MC{*M, Wasm, *Layout, Opts, AliasInfo::create(Ctx), Scope,
                   {}};
  MC.DefinedFuncs.assign(Wasm.Functions.size(), nullptr);
  // The functions in scope first, in the module's order; the module part
  // refers to all of them.
  const uint32_t FirstDeclared = Scope.ModulePart ? 0 : Scope.FirstBody;
  const uint32_t EndDeclared = Scope.ModulePart
                                   ? static_cast<uint32_t>(Wasm.Functions.size())
                                   : Scope.EndBody;
  for (uint32_t I = FirstDeclared; I < EndDeclared; ++I)
    MC.definedByIndex(I);
  // Only faults need the site map; explicit checks know their sites.
  if (Opts.Bounds == BoundsChecks::Guard && Opts.SiteMap &&
      Scope.EndBody > Scope.FirstBody)
    createSiteDebugInfo(MC);
  for (uint32_t I = Scope.FirstBody; I < Scope.EndBody; ++I)
    if (Error E = lowerFunctionBody(MC, I, *MC.definedByIndex(I)))
      return std::move(E);
  if (!Scope.ModulePart)
    return std::move(M);

  if (Scope.Shared)
    defineStaticTableArrays(MC);
  DescriptorParts Parts;
  Parts.ImportThunks = emitImportThunks(MC);
  for (const Export &E : Wasm.Exports) {
    if (E.Kind != ExternKind::Func)
      continue;
    // A function exported under several names needs one wrapper.
    llvm::Function *&Wrapper = Parts.EntryWrappers[E.Index];
    if (!Wrapper)
      Wrapper = emitEntryWrapper(MC, E.Index);
  }
  Expected<InitFunctions> Init = emitInitFunctions(MC);
  if (!Init)
    return Init.takeError();
  Parts.Init = *Init;

  if (Error E = emitModuleDescriptor(MC, Parts))
    return std::move(E);
  return std::move(M);
}

} // namespace wasmaot

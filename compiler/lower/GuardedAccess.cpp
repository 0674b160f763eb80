//===- GuardedAccess.cpp - Guest accesses that may fault ------------------===//
//
// The marker functions and their lowering; GuardedAccess.h says why.
//
//===----------------------------------------------------------------------===//
#include "lower/GuardedAccess.h"

#include "abi/SiteMap.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Instructions.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Support/ErrorHandling.h"

using namespace llvm;

namespace wasmaot {

namespace {

constexpr StringLiteral LoadPrefix = "wasm_aot.guarded.load.";
constexpr StringLiteral StorePrefix = "wasm_aot.guarded.store.";

/// "i32", "f64", "v4f32": the marker's name ends with the accessed type.
std::string typeSuffix(Type *Ty) {
  if (auto *V = dyn_cast<FixedVectorType>(Ty))
    return "v" + std::to_string(V->getNumElements()) +
           typeSuffix(V->getElementType());
  if (Ty->isIntegerTy())
    return "i" + std::to_string(Ty->getIntegerBitWidth());
  if (Ty->isFloatTy())
    return "f32";
  if (Ty->isDoubleTy())
    return "f64";
  llvm_unreachable("no guest access of this type");
}

/// The attributes GuardedAccess.h describes. A marker is never willreturn:
/// that is what keeps it, and the order around it.
void setMarkerAttributes(llvm::Function &F, MemoryEffects Effects) {
  F.setMemoryEffects(Effects);
  F.addFnAttr(Attribute::NoUnwind);
  F.addFnAttr(Attribute::NoFree);
  F.addFnAttr(Attribute::NoSync);
  F.addParamAttr(0, Attribute::NoUndef);
  F.addParamAttr(0, Attribute::NoCapture);
}

llvm::Function *loadMarker(llvm::Module &M, Type *MemTy) {
  std::string Name = (LoadPrefix + typeSuffix(MemTy)).str();
  if (llvm::Function *F = M.getFunction(Name))
    return F;
  auto *Ty =
      FunctionType::get(MemTy, {PointerType::getUnqual(M.getContext())}, false);
  llvm::Function *F =
      llvm::Function::Create(Ty, GlobalValue::ExternalLinkage, Name, M);
  setMarkerAttributes(*F, MemoryEffects::readOnly());
  return F;
}

llvm::Function *storeMarker(llvm::Module &M, Type *MemTy) {
  std::string Name = (StorePrefix + typeSuffix(MemTy)).str();
  if (llvm::Function *F = M.getFunction(Name))
    return F;
  LLVMContext &Ctx = M.getContext();
  auto *Ty = FunctionType::get(Type::getVoidTy(Ctx),
                               {PointerType::getUnqual(Ctx), MemTy}, false);
  llvm::Function *F =
      llvm::Function::Create(Ty, GlobalValue::ExternalLinkage, Name, M);
  // Reads everything, writes only the guest bytes it is given.
  setMarkerAttributes(*F, MemoryEffects::readOnly() |
                              MemoryEffects::argMemOnly(ModRefInfo::Mod));
  return F;
}

/// Whether I is a guarded load (after lowering: a volatile load).
bool isGuardedLoad(const Value *V) {
  const auto *L = dyn_cast<LoadInst>(V);
  return L && L->isVolatile();
}

/// The code generator may fold a load into the instruction that uses it
/// (x86-64: `add 4(%rax,%rsi), %edx`; a compare; RISC-V: a sign extension),
/// and the folded instruction keeps the user's location, which names only
/// the function: a fault there would lose its instruction. A user that is
/// not a memory access itself cannot fault, so it may carry the load's
/// location instead. Only a user in the same block (where folding happens)
/// with no other guarded load among its operands, so the location cannot
/// name the wrong load.
void lendSiteToFoldingUser(llvm::Instruction &Load) {
  const DebugLoc &Site = Load.getDebugLoc();
  if (!Site || Site.getCol() != FaultSiteColumn)
    return;
  for (User *U : Load.users()) {
    auto *I = dyn_cast<llvm::Instruction>(U);
    if (!I || I->getParent() != Load.getParent() || I->mayReadOrWriteMemory())
      continue;
    unsigned Loads = 0;
    for (const Use &Op : I->operands())
      Loads += isGuardedLoad(Op.get());
    if (Loads == 1 && (!I->getDebugLoc() ||
                       I->getDebugLoc().getCol() != FaultSiteColumn))
      I->setDebugLoc(Site);
  }
}

/// Whether a store that faults part-way may already have written the bytes
/// before the fault. The spec says a trapping store writes nothing, but a
/// store that straddles the end of memory has its first bytes on an
/// accessible page. x86-64 checks every page of an access before it writes
/// any byte. AArch64 may write a misaligned store piecewise (the
/// architecture leaves it open; SIMD stores and qemu split them), and
/// RISC-V without fast misaligned access stores alignment-1 values byte by
/// byte. Unknown targets are treated as the latter.
bool storesMayWritePartially(const llvm::Module &M) {
  return !Triple(M.getTargetTriple()).isX86();
}

/// Before a store of more than one byte that may write partially, a
/// volatile load of its last byte: the only boundary a guarded access can
/// cross is the end of memory, so if the last byte is accessible every
/// byte is, and if not the probe faults before anything is written. It
/// carries the store's location, so the fault maps to the store's site.
void probeLastByte(StoreInst &Store) {
  const DataLayout &DL = Store.getModule()->getDataLayout();
  uint64_t Bytes = DL.getTypeStoreSize(Store.getValueOperand()->getType());
  if (Bytes <= 1)
    return;
  LLVMContext &Ctx = Store.getContext();
  Type *I8 = Type::getInt8Ty(Ctx);
  auto *Last = GetElementPtrInst::Create(
      I8, Store.getPointerOperand(),
      {ConstantInt::get(Type::getInt64Ty(Ctx), Bytes - 1)}, "last",
      Store.getIterator());
  auto *Probe = new LoadInst(I8, Last, "probe", /*isVolatile=*/true, Align(1),
                             Store.getIterator());
  Last->setDebugLoc(Store.getDebugLoc());
  Probe->setDebugLoc(Store.getDebugLoc());
}

} // namespace

Value *emitGuardedLoad(FunctionContext &FC, Type *MemTy, Value *Ptr) {
  return FC.B.CreateCall(loadMarker(FC.M, MemTy), {Ptr}, "load");
}

void emitGuardedStore(FunctionContext &FC, Value *V, Value *Ptr) {
  FC.B.CreateCall(storeMarker(FC.M, V->getType()), {Ptr, V});
}

bool isGuardedAccessMarker(const llvm::Function &F) {
  return F.getName().starts_with(LoadPrefix) ||
         F.getName().starts_with(StorePrefix);
}

void lowerGuardedAccesses(llvm::Module &M) {
  SmallVector<llvm::Function *, 8> Markers;
  for (llvm::Function &F : M)
    if (F.isDeclaration() && isGuardedAccessMarker(F))
      Markers.push_back(&F);
  for (llvm::Function *F : Markers) {
    const bool IsLoad = F->getName().starts_with(LoadPrefix);
    const bool Probe = !IsLoad && storesMayWritePartially(M);
    // Every use is a direct call: markers are never stored or passed on.
    while (!F->use_empty()) {
      auto *Call = cast<CallInst>(F->user_back());
      llvm::Instruction *Access;
      if (IsLoad) {
        // No TBAA tag: the code generator may then not prove the access
        // apart from the stores around it, which keeps their order.
        Access =
            new LoadInst(F->getReturnType(), Call->getArgOperand(0), "",
                         /*isVolatile=*/true, Align(1), Call->getIterator());
      } else {
        auto *Store =
            new StoreInst(Call->getArgOperand(1), Call->getArgOperand(0),
                          /*isVolatile=*/true, Align(1), Call->getIterator());
        Store->setDebugLoc(Call->getDebugLoc());
        if (Probe)
          probeLastByte(*Store);
        Access = Store;
      }
      Access->setDebugLoc(Call->getDebugLoc());
      Access->takeName(Call);
      Call->replaceAllUsesWith(Access);
      Call->eraseFromParent();
      if (IsLoad)
        lendSiteToFoldingUser(*Access);
    }
    F->eraseFromParent();
  }
}

} // namespace wasmaot

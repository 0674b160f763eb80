//===- LowerMemory.cpp - Linear memory: the sandbox -----------------------===//
//
// Every native pointer compiled code forms into linear memory is computed by
// guestAddress() below, after the bounds discipline of the selected strategy
// (LowerMemory.h) has been applied. The invariants this file relies on:
//
//  * Addresses are unsigned. A 32-bit wasm address is zero-extended to 64
//    bits before anything is added to it, and the static offset of a 32-bit
//    memory is at most 2^32-1 (the validator enforces it), so
//    zext(address) + offset + access size < 2^33 + 8: no 64-bit sum here can
//    wrap, and no negative index can reach memory below `base`.
//  * Guard mode: every memory owns WA_GUARD_RESERVATION (8 GiB) of address
//    space at `base` plus a tail, of which only [0, size) is accessible.
//    The largest reachable byte is base + (2^32-1) + (2^32-1) + 7, inside
//    that reservation, so an out-of-bounds access faults on an inaccessible
//    page instead of touching anything else, and the runtime turns the
//    fault into a trap. There is no check in code; the access is a guarded
//    one (GuardedAccess.h), which LLVM may neither delete nor move side
//    effects across, so the trap and the state it leaves are the spec's.
//  * Explicit mode: end = zext(address) + offset + access size is compared
//    with the memory's current byte size before the access; end > size
//    traps. Exactly one compare-and-branch per access.
//  * Wasm is little-endian and so are all supported targets (x86-64,
//    AArch64, RISC-V 64): a wasm load or store is one native load or store,
//    with no byte swapping.
//  * Wasm alignment hints promise nothing, so every access has alignment 1.
//
// Memory64 memories (a feature flag) have 64-bit addresses and offsets; no
// reservation covers them, so their accesses are always checked, in both
// modes, and the check also catches the 64-bit sum wrapping.
//
//===----------------------------------------------------------------------===//
#include "lower/LowerMemory.h"

#include "lower/GuardedAccess.h"
#include "support/WasmError.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/Support/ErrorHandling.h"

using namespace llvm;

namespace wasmaot {

namespace {

/// What a load or store does, from its row of the opcode table: how many
/// bytes it touches, the type it reads or writes in memory, and for loads
/// the wasm result type and the extension.
struct AccessKind {
  unsigned Bytes;
  enum ValueKind : uint8_t { Int, Float, Double } Kind;
  unsigned ResultBits; // 32 or 64: the wasm value's width
  bool Signed;         // narrow loads: sign- (else zero-) extend
};

AccessKind accessKind(Opcode Op) {
  const OpcodeInfo &Info = opcodeInfo(Op);
  assert(Info.isMemoryAccess() && "not a load or store");
  const OpSignature &Sig = *Info.Signature;
  // A load's value is its result; a store's is its last operand.
  ValType T = Sig.HasResult ? Sig.Result : Sig.Params[Sig.NumParams - 1];
  AccessKind A;
  A.Bytes = Info.accessBytes();
  A.Kind = T == ValType::F32   ? AccessKind::Float
           : T == ValType::F64 ? AccessKind::Double
                               : AccessKind::Int;
  A.ResultBits = T == ValType::I32 || T == ValType::F32 ? 32 : 64;
  A.Signed = Info.Access == AccessShape::SignExtend;
  return A;
}

/// The LLVM type of the bytes in memory.
Type *memoryType(FunctionContext &FC, const AccessKind &A) {
  switch (A.Kind) {
  case AccessKind::Float:
    return Type::getFloatTy(FC.Ctx);
  case AccessKind::Double:
    return Type::getDoubleTy(FC.Ctx);
  case AccessKind::Int:
    return IntegerType::get(FC.Ctx, A.Bytes * 8);
  }
  llvm_unreachable("bad access kind");
}

bool isMemory64(FunctionContext &FC, uint32_t Memory) {
  return FC.Wasm.memoryType(Memory).Limits.Is64;
}

/// The wa_memory* of memory Memory. The pointer is fixed for the life of
/// the instance (an imported memory is the exporter's wa_memory, which does
/// not move either; only its fields change), so it is invariant in both
/// modes. It is never null and points at a whole wa_memory (validation
/// guarantees the memory exists), which lets LLVM speculate loads of its
/// fields out of conditional code.
Value *memoryRecord(FunctionContext &FC, uint32_t Memory) {
  const InstanceLayout &L = FC.Layout;
  LoadInst *Record;
  if (Memory == 0) {
    Record = FC.loadField(FC.instance(), L.InstanceMemory0, FC.ptr(),
                          FC.Alias.RuntimeField, /*Invariant=*/true,
                          "memory0");
  } else {
    Value *Array = FC.loadField(FC.instance(), L.InstanceMemories, FC.ptr(),
                                FC.Alias.RuntimeField, /*Invariant=*/true,
                                "memories");
    Record = FC.loadField(Array, uint64_t(Memory) * L.PointerSize, FC.ptr(),
                          FC.Alias.RuntimeField, /*Invariant=*/true,
                          "memory" + Twine(Memory));
  }
  MDBuilder MDB(FC.Ctx);
  Record->setMetadata(LLVMContext::MD_nonnull, MDNode::get(FC.Ctx, {}));
  Record->setMetadata(
      LLVMContext::MD_dereferenceable,
      MDNode::get(FC.Ctx, MDB.createConstant(FC.B.getInt64(L.MemoryStructSize))));
  Record->setMetadata(
      LLVMContext::MD_align,
      MDNode::get(FC.Ctx, MDB.createConstant(FC.B.getInt64(L.PointerSize))));
  return Record;
}

/// The memory's base. In guard mode it never moves, so it is invariant and
/// LLVM may hoist it out of loops and across calls. In explicit mode
/// memory.grow may move it: the load is an ordinary one, so any call (which
/// may grow the memory) forces a reload, while the RuntimeField tag tells
/// LLVM that guest stores cannot change it.
Value *memoryBase(FunctionContext &FC, Value *Record) {
  bool Fixed = FC.Opts.Bounds == BoundsChecks::Guard;
  return FC.loadField(Record, FC.Layout.MemoryBase, FC.ptr(),
                      FC.Alias.RuntimeField, Fixed, "membase");
}

/// The memory's current size in bytes. Never invariant: memory.grow
/// changes it in both modes.
Value *memorySizeBytes(FunctionContext &FC, Value *Record) {
  return FC.loadField(Record, FC.Layout.MemorySize, FC.i64(),
                      FC.Alias.RuntimeField, /*Invariant=*/false, "memsize");
}

/// base + Index, where Index is already known to be within the memory's
/// reservation (guard mode) or its current size (explicit mode, after the
/// check). Both facts make the GEP inbounds; Index is never negative (nuw).
Value *guestPointer(FunctionContext &FC, Value *Base, Value *Index) {
  return FC.B.CreateGEP(FC.i8(), Base, Index, "addr",
                        GEPNoWrapFlags::inBounds() |
                            GEPNoWrapFlags::noUnsignedWrap());
}

/// The native address of an access of Bytes bytes at Address + Offset in
/// memory Memory, after the bounds discipline of the selected strategy.
/// The one precondition it cannot check by construction, a 32-bit memory's
/// offset below 2^32, is the validator's; it is checked again here, with an
/// error rather than an assert, because release builds would otherwise
/// compute addresses outside the reservation from an unvalidated module.
Expected<Value *> guestAddress(FunctionContext &FC, uint32_t Memory,
                               uint64_t Offset, unsigned Bytes,
                               Value *Address) {
  IRBuilder<> &B = FC.B;
  Value *Record = memoryRecord(FC, Memory);

  if (isMemory64(FC, Memory)) {
    // 64-bit addresses: no reservation can cover them, so check in both
    // modes. Offset + Bytes is a constant; if it wraps, every access with
    // this immediate is out of bounds (no memory is 2^64 bytes).
    uint64_t Extra = Offset + Bytes;
    if (Extra < Offset) {
      FC.trap(TrapCode::OutOfBoundsMemoryAccess);
      return PoisonValue::get(FC.ptr());
    }
    Value *Size = memorySizeBytes(FC, Record);
    Value *Sum = B.CreateBinaryIntrinsic(Intrinsic::uadd_with_overflow,
                                         Address, B.getInt64(Extra));
    Value *End = B.CreateExtractValue(Sum, 0, "end");
    Value *Wrapped = B.CreateExtractValue(Sum, 1);
    FC.trapIf(B.CreateOr(Wrapped, B.CreateICmpUGT(End, Size), "oob"),
              TrapCode::OutOfBoundsMemoryAccess);
    // No wrap and end <= size: Address + Offset < size, no wrap either.
    Value *Index = B.CreateAdd(Address, B.getInt64(Offset), "ea",
                               /*HasNUW=*/true);
    return guestPointer(FC, memoryBase(FC, Record), Index);
  }

  // 32-bit memory: Offset <= 2^32-1 and the address is zero-extended, so
  // every sum below is < 2^33 + 8 and cannot wrap (nuw is exact).
  if (Offset > UINT32_MAX)
    return makeInvalid(FC.siteOffset(),
                       "internal compiler error: offset " + Twine(Offset) +
                           " of an access to 32-bit memory " + Twine(Memory) +
                           " is not below 2^32 (the module was not "
                           "validated)");
  Value *Addr64 = B.CreateZExt(Address, FC.i64(), "addr64");
  Value *Index = B.CreateAdd(Addr64, B.getInt64(Offset), "ea", /*HasNUW=*/true);

  if (FC.Opts.Bounds == BoundsChecks::Explicit) {
    // The whole access [ea, ea + Bytes) must lie in [0, size): one compare
    // of its end with the size, one branch to the shared trap block.
    Value *End = B.CreateAdd(Addr64, B.getInt64(Offset + Bytes), "end",
                             /*HasNUW=*/true);
    Value *Size = memorySizeBytes(FC, Record);
    FC.trapIf(B.CreateICmpUGT(End, Size, "oob"),
              TrapCode::OutOfBoundsMemoryAccess);
  }
  // Guard mode: ea + Bytes <= 2^33 + 6 < WA_GUARD_RESERVATION + the tail,
  // so the access stays inside this memory's reservation; beyond `size` it
  // faults.
  return guestPointer(FC, memoryBase(FC, Record), Index);
}

/// Tags a guest access: alignment 1 (wasm's alignment immediate is only a
/// hint and may lie) and the GuestMemory TBAA tag, which keeps guest stores
/// from clobbering runtime fields, global cells and table slots in LLVM's
/// eyes. Used where the access cannot fault (explicit mode and memory64
/// memories check first), so it is an ordinary access LLVM may combine,
/// hoist and vectorise.
template <typename AccessInst> void tagGuestAccess(FunctionContext &FC,
                                                   AccessInst *I) {
  I->setAlignment(Align(1));
  I->setMetadata(LLVMContext::MD_tbaa, FC.Alias.GuestMemory);
}

/// Whether an access to Memory is left to fault on a guard page: guard
/// mode, and a 32-bit memory (a 64-bit one is always checked).
bool accessMayFault(FunctionContext &FC, uint32_t Memory) {
  return FC.Opts.Bounds == BoundsChecks::Guard && !isMemory64(FC, Memory);
}

/// The memory.* runtime functions take 32-bit operands (abi.h). A memory64
/// memory would need 64-bit entry points; the module lowering rejects such
/// modules before any body is lowered, and this says so again.
Error requireMemory32(FunctionContext &FC, uint32_t Memory, const char *What) {
  if (!isMemory64(FC, Memory))
    return Error::success();
  return makeUnsupported(FC.siteOffset(),
                         Twine(What) + " on a 64-bit memory (memory64)");
}

} // namespace

Expected<Value *> lowerLoad(FunctionContext &FC, Opcode Op, const MemArg &Mem,
                           Value *Address) {
  AccessKind A = accessKind(Op);
  Type *MemTy = memoryType(FC, A);
  Expected<Value *> Ptr =
      guestAddress(FC, Mem.Memory, Mem.Offset, A.Bytes, Address);
  if (!Ptr)
    return Ptr.takeError();
  Value *Loaded;
  if (accessMayFault(FC, Mem.Memory)) {
    Loaded = emitGuardedLoad(FC, MemTy, *Ptr);
  } else {
    LoadInst *L = FC.B.CreateLoad(MemTy, *Ptr, "load");
    tagGuestAccess(FC, L);
    Loaded = L;
  }
  if (A.Kind != AccessKind::Int || A.Bytes * 8 == A.ResultBits)
    return Loaded;
  Type *ResultTy = IntegerType::get(FC.Ctx, A.ResultBits);
  return A.Signed ? FC.B.CreateSExt(Loaded, ResultTy)
                  : FC.B.CreateZExt(Loaded, ResultTy);
}

Error lowerStore(FunctionContext &FC, Opcode Op, const MemArg &Mem,
                 Value *Address, Value *V) {
  AccessKind A = accessKind(Op);
  Type *MemTy = memoryType(FC, A);
  // store8/16/32 write the low bytes of the value: wrap it to the width
  // (little-endian, so those are the bytes at the lowest addresses).
  if (V->getType() != MemTy)
    V = FC.B.CreateTrunc(V, MemTy);
  Expected<Value *> Ptr =
      guestAddress(FC, Mem.Memory, Mem.Offset, A.Bytes, Address);
  if (!Ptr)
    return Ptr.takeError();
  if (accessMayFault(FC, Mem.Memory)) {
    emitGuardedStore(FC, V, *Ptr);
    return Error::success();
  }
  StoreInst *S = FC.B.CreateStore(V, *Ptr);
  tagGuestAccess(FC, S);
  return Error::success();
}

Value *lowerMemorySize(FunctionContext &FC, uint32_t Memory) {
  // The size is kept in bytes and is always a whole number of pages.
  Value *Bytes = memorySizeBytes(FC, memoryRecord(FC, Memory));
  Value *Pages = FC.B.CreateLShr(Bytes, 16, "pages");
  if (isMemory64(FC, Memory))
    return Pages;
  // A 32-bit memory has at most 65536 pages: the value fits in an i32.
  return FC.B.CreateTrunc(Pages, FC.i32());
}

Expected<Value *> lowerMemoryGrow(FunctionContext &FC, uint32_t Memory,
                                  Value *Delta) {
  if (Error E = requireMemory32(FC, Memory, "memory.grow"))
    return std::move(E);
  // The runtime grows the memory (in guard mode by changing page
  // protection; in explicit mode possibly moving `base`) and returns the
  // old size in pages or -1. Being a call, it clobbers every non-invariant
  // load, so the next access re-reads the size and (explicit mode) base.
  return FC.callRuntime(RuntimeFunction::MemoryGrow,
                        {FC.instance(), FC.B.getInt32(Memory), Delta});
}

Error lowerMemoryFill(FunctionContext &FC, uint32_t Memory, Value *Dst,
                      Value *Byte, Value *N) {
  if (Error E = requireMemory32(FC, Memory, "memory.fill"))
    return E;
  // The runtime checks dst + n against the size (trapping before writing
  // anything) and fills with the low byte of Byte.
  FC.callRuntimeAtSite(RuntimeFunction::MemoryFill,
                       {FC.instance(), FC.B.getInt32(Memory), Dst, Byte, N});
  return Error::success();
}

Error lowerMemoryCopy(FunctionContext &FC, uint32_t DstMemory,
                      uint32_t SrcMemory, Value *Dst, Value *Src, Value *N) {
  if (Error E = requireMemory32(FC, DstMemory, "memory.copy"))
    return E;
  if (Error E = requireMemory32(FC, SrcMemory, "memory.copy"))
    return E;
  FC.callRuntimeAtSite(RuntimeFunction::MemoryCopy,
                       {FC.instance(), FC.B.getInt32(DstMemory),
                        FC.B.getInt32(SrcMemory), Dst, Src, N});
  return Error::success();
}

Error lowerMemoryInit(FunctionContext &FC, uint32_t Segment, uint32_t Memory,
                      Value *Dst, Value *Src, Value *N) {
  if (Error E = requireMemory32(FC, Memory, "memory.init"))
    return E;
  // wa_memory_init(instance, memory, segment, dst, src, n, site): note the
  // order.
  FC.callRuntimeAtSite(RuntimeFunction::MemoryInit,
                       {FC.instance(), FC.B.getInt32(Memory),
                        FC.B.getInt32(Segment), Dst, Src, N});
  return Error::success();
}

void lowerDataDrop(FunctionContext &FC, uint32_t Segment) {
  FC.callRuntime(RuntimeFunction::DataDrop,
                 {FC.instance(), FC.B.getInt32(Segment)});
}

} // namespace wasmaot

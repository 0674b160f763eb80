//===- LowerMemory.cpp - Linear memory: the sandbox -----------------------===//
//
// Every native pointer compiled code forms into linear memory is computed by
// guestAddress() below, after the bounds discipline of the selected strategy
// (LowerMemory.h) has been applied. The invariants this file relies on:
//
//  * Addresses are unsigned. A 32-bit wasm address is zero-extended to 64
//    bits before anything is added to it, and the static offset of a 32-bit
//    memory is at most 2^32-1 (the validator enforces it), so
//    zext(address) + offset + access size < 2^33 + 16 (the widest access,
//    a v128, is 16 bytes): no 64-bit sum here can wrap, and no negative
//    index can reach memory below `base`.
//  * Guard mode: every memory owns WA_GUARD_RESERVATION (8 GiB) of address
//    space at `base` plus a tail, of which only [0, size) is accessible.
//    The largest reachable byte is base + (2^32-1) + (2^32-1) + 15, inside
//    that reservation and its tail, so an out-of-bounds access faults on an
//    inaccessible page instead of touching anything else, and the runtime
//    turns the fault into a trap. There is no check in code; the access is
//    a guarded one (GuardedAccess.h), which LLVM may neither delete nor
//    move side effects across, so the trap and the state it leaves are the
//    spec's.
//  * Explicit mode: end = zext(address) + offset + access size is compared
//    with the memory's current byte size before the access; end > size
//    traps. Exactly one compare-and-branch per access.
//  * Wasm is little-endian and so are all supported targets (x86-64,
//    AArch64, RISC-V 64): a wasm load or store is one native load or store
//    (a v128 one two, on a target without 128-bit vector registers), with
//    no byte swapping. A v128 access reads or writes the lanes' bytes in
//    memory order: lane 0 at the lowest address.
//  * Wasm alignment hints promise nothing, so every access has alignment 1.
//
// Memory64 memories (a feature flag) have 64-bit addresses and offsets; no
// reservation covers them, so their accesses are always checked, in both
// modes, and the check also catches the 64-bit sum wrapping.
//
//===----------------------------------------------------------------------===//
#include "lower/LowerMemory.h"

#include "lower/GuardedAccess.h"
#include "lower/LowerSimdInternal.h"
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
  enum ValueKind : uint8_t { Int, Float, Double, Vector } Kind;
  unsigned ResultBits; // the wasm value's width: 32, 64 or 128
  bool Signed;         // narrow and extending loads: sign- (else zero-) extend
  AccessShape Shape;
  unsigned LaneBits; // v128 accesses: the width of a lane in memory
};

/// A v128 access's lane width in memory: the narrow lanes an extending
/// load widens, the one lane a splat, zero or lane form touches, and the
/// stack's i64 halves for a whole v128.
unsigned vectorLaneBits(const OpcodeInfo &Info) {
  switch (Info.Access) {
  case AccessShape::ExtendLanes8S:
  case AccessShape::ExtendLanes8U:
    return 8;
  case AccessShape::ExtendLanes16S:
  case AccessShape::ExtendLanes16U:
    return 16;
  case AccessShape::ExtendLanes32S:
  case AccessShape::ExtendLanes32U:
    return 32;
  case AccessShape::Plain:
    return 64;
  default:
    return Info.accessBytes() * 8;
  }
}

AccessKind accessKind(Opcode Op) {
  const OpcodeInfo &Info = opcodeInfo(Op);
  assert(Info.isMemoryAccess() && "not a load or store");
  const OpSignature &Sig = *Info.Signature;
  // A load's value is its result; a store's is its last operand.
  ValType T = Sig.HasResult ? Sig.Result : Sig.Params[Sig.NumParams - 1];
  AccessKind A;
  A.Bytes = Info.accessBytes();
  A.Kind = T == ValType::F32    ? AccessKind::Float
           : T == ValType::F64  ? AccessKind::Double
           : T == ValType::V128 ? AccessKind::Vector
                                : AccessKind::Int;
  A.ResultBits = T == ValType::V128                      ? 128
                 : T == ValType::I32 || T == ValType::F32 ? 32
                                                         : 64;
  A.Shape = Info.Access;
  A.Signed = A.Shape == AccessShape::SignExtend ||
             A.Shape == AccessShape::ExtendLanes8S ||
             A.Shape == AccessShape::ExtendLanes16S ||
             A.Shape == AccessShape::ExtendLanes32S;
  A.LaneBits = A.Kind == AccessKind::Vector ? vectorLaneBits(Info) : 0;
  return A;
}

/// The LLVM type of the bytes in memory. A v128 access touches either one
/// lane (an integer of the lane's width) or several (a vector of them:
/// <2 x i64> for the whole v128, <8 x i8> for load8x8_s).
Type *memoryType(FunctionContext &FC, const AccessKind &A) {
  switch (A.Kind) {
  case AccessKind::Float:
    return Type::getFloatTy(FC.Ctx);
  case AccessKind::Double:
    return Type::getDoubleTy(FC.Ctx);
  case AccessKind::Int:
    return IntegerType::get(FC.Ctx, A.Bytes * 8);
  case AccessKind::Vector: {
    Type *LaneTy = IntegerType::get(FC.Ctx, A.LaneBits);
    unsigned Lanes = A.Bytes * 8 / A.LaneBits;
    if (Lanes == 1)
      return LaneTy;
    return laneVectorType(LaneTy, Lanes);
  }
  }
  llvm_unreachable("bad access kind");
}

/// How many lanes of A's lane width fill a v128.
unsigned lanesPerV128(const AccessKind &A) { return 128 / A.LaneBits; }

/// The v128 a load of A makes of Loaded (its bytes, of memoryType(A)):
/// the whole vector, widened lanes, a splat, lane 0 of zeros, or lane Lane
/// of Vector replaced.
Value *vectorFromLoaded(FunctionContext &FC, const AccessKind &A,
                        Value *Loaded, Value *Vector, unsigned Lane) {
  IRBuilder<> &B = FC.B;
  Type *LaneTy = IntegerType::get(FC.Ctx, A.LaneBits);
  const unsigned Lanes = lanesPerV128(A);
  switch (A.Shape) {
  case AccessShape::Plain:
    return Loaded;
  case AccessShape::ExtendLanes8S:
  case AccessShape::ExtendLanes8U:
  case AccessShape::ExtendLanes16S:
  case AccessShape::ExtendLanes16U:
  case AccessShape::ExtendLanes32S:
  case AccessShape::ExtendLanes32U: {
    // <M x iN> to <M x i2N>: 64 bits widened to 128.
    auto *Wide = laneVectorType(IntegerType::get(FC.Ctx, 2 * A.LaneBits),
                                64 / A.LaneBits);
    return asV128(FC, A.Signed ? B.CreateSExt(Loaded, Wide)
                               : B.CreateZExt(Loaded, Wide));
  }
  case AccessShape::Splat:
    return asV128(FC, B.CreateVectorSplat(Lanes, Loaded));
  case AccessShape::ZeroPad:
    return asV128(FC, B.CreateInsertElement(
                          Constant::getNullValue(laneVectorType(LaneTy, Lanes)),
                          Loaded, uint64_t(0)));
  case AccessShape::Lane:
    assert(Vector && Lane < Lanes && "a lane load needs a vector and a lane");
    return asV128(FC, B.CreateInsertElement(asLanes(FC, Vector, LaneTy, Lanes),
                                            Loaded, uint64_t(Lane)));
  case AccessShape::NoAccess:
  case AccessShape::SignExtend:
  case AccessShape::ZeroExtend:
    break;
  }
  llvm_unreachable("not a v128 load");
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
  // Loaded once, at the function's entry: then the record is available
  // everywhere, including in front of loops with conditional exits, where
  // LICM could hoist this load only by dropping its !dereferenceable and
  // so could not hoist the field loads after it.
  Value *&Cached = FC.MemoryRecords[Memory];
  if (Cached)
    return Cached;
  IRBuilder<>::InsertPointGuard Guard(FC.B);
  BasicBlock &Entry = FC.F.getEntryBlock();
  FC.B.SetInsertPoint(&Entry, Entry.getFirstInsertionPt());
  FC.B.SetCurrentDebugLocation(DebugLoc());
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
  Cached = Record;
  return Record;
}

/// The base of memory Memory, whose record is Record. In guard mode it
/// never moves, so it is invariant and LLVM may hoist it out of loops and
/// across calls. In explicit mode memory.grow may move it: the load is an
/// ordinary one, so any call (which may grow the memory) forces a reload,
/// while the RuntimeField tag tells LLVM that guest stores cannot change it.
Value *memoryBase(FunctionContext &FC, uint32_t Memory, Value *Record) {
  if (FC.Opts.Bounds != BoundsChecks::Guard)
    return FC.loadField(Record, FC.Layout.MemoryBase, FC.ptr(),
                        FC.Alias.RuntimeField, /*Invariant=*/false,
                        "membase");
  // Fixed: loaded once, next to the record at the function's entry.
  Value *&Cached = FC.FixedMemoryBases[Record];
  if (Cached)
    return Cached;
  IRBuilder<>::InsertPointGuard Guard(FC.B);
  FC.B.SetInsertPoint(cast<llvm::Instruction>(Record)->getNextNode());
  FC.B.SetCurrentDebugLocation(DebugLoc());
  // Memory 0's base has a copy in the instance itself: one load from the
  // instance instead of two dependent ones (the record, then its base),
  // which matters in the small functions a call_indirect reaches. The
  // record's load is then dead unless the size is needed too.
  if (Memory == 0)
    Cached = FC.loadField(FC.instance(), FC.Layout.InstanceMemory0Base,
                          FC.ptr(), FC.Alias.RuntimeField, /*Invariant=*/true,
                          "membase0");
  else
    Cached = FC.loadField(Record, FC.Layout.MemoryBase, FC.ptr(),
                          FC.Alias.RuntimeField, /*Invariant=*/true,
                          "membase");
  return Cached;
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
    return guestPointer(FC, memoryBase(FC, Memory, Record), Index);
  }

  // 32-bit memory: Offset <= 2^32-1 and the address is zero-extended, so
  // every sum below is < 2^33 + 16 and cannot wrap (nuw is exact).
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
  // Guard mode: ea + Bytes <= 2^33 + 14 < WA_GUARD_RESERVATION + the tail,
  // so the access stays inside this memory's reservation; beyond `size` it
  // faults.
  return guestPointer(FC, memoryBase(FC, Memory, Record), Index);
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
                           Value *Address, Value *Vector, unsigned Lane) {
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
  if (A.Kind == AccessKind::Vector)
    return vectorFromLoaded(FC, A, Loaded, Vector, Lane);
  if (A.Kind != AccessKind::Int || A.Bytes * 8 == A.ResultBits)
    return Loaded;
  Type *ResultTy = IntegerType::get(FC.Ctx, A.ResultBits);
  return A.Signed ? FC.B.CreateSExt(Loaded, ResultTy)
                  : FC.B.CreateZExt(Loaded, ResultTy);
}

Error lowerStore(FunctionContext &FC, Opcode Op, const MemArg &Mem,
                 Value *Address, Value *V, unsigned Lane) {
  AccessKind A = accessKind(Op);
  Type *MemTy = memoryType(FC, A);
  if (A.Shape == AccessShape::Lane) {
    // v128.storeN_lane writes the bytes of one lane.
    assert(Lane < lanesPerV128(A) && "lane out of range");
    V = FC.B.CreateExtractElement(asLanes(FC, V, MemTy, lanesPerV128(A)),
                                  uint64_t(Lane));
  } else if (V->getType() != MemTy) {
    // store8/16/32 write the low bytes of the value: wrap it to the width
    // (little-endian, so those are the bytes at the lowest addresses).
    V = FC.B.CreateTrunc(V, MemTy);
  }
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

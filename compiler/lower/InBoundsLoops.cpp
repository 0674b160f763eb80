//===- InBoundsLoops.cpp - Loops whose guest accesses cannot fault --------===//
#include "lower/InBoundsLoops.h"

#include "lower/AliasInfo.h"
#include "lower/GuardedAccess.h"

#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/TargetTransformInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Operator.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/EarlyCSE.h"
#include "llvm/Transforms/Scalar/LICM.h"
#include "llvm/Transforms/Scalar/LoopPassManager.h"
#include "llvm/Transforms/Scalar/SimplifyCFG.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/LoopUtils.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"
#include "llvm/Transforms/Utils/ValueMapper.h"
#include "llvm/Support/KnownBits.h"

#include <optional>

using namespace llvm;
using namespace llvm::PatternMatch;

namespace wasmaot {

namespace {

/// Versioning copies a loop: a bound on the code and compile time one copy
/// may add. Not tuned; the vectoriser rarely widens loops this large.
constexpr unsigned MaxVersionedLoopInstructions = 2000;

/// One term of an access's index (its byte offset from the memory base),
/// by how it varies over the loop's iterations 0..N.
struct IndexTerm {
  enum Kind : uint8_t {
    Invariant, ///< the same in every iteration: Start
    Wrapping,  ///< Scale * zext(iWidth {StartConstant + Start,+,Step}): a
               ///< recurrence of at most 32 bits, which may wrap unless
               ///< the range check says it does not
    Linear,    ///< i64 {Start,+,Step}
  } K;
  const SCEV *Start;
  int64_t Step = 0;
  uint64_t Scale = 1;
  unsigned Width = 64;
  /// Wrapping: the constant part of the recurrence's start, split off so
  /// that accesses a constant apart (a loop the producer unrolled reads
  /// x[i] and x[i+1] as zext(i32 a+i) and zext(i32 a+8+i)) get 64-bit
  /// indices SCEV sees a constant apart. Valid where the range check
  /// proved zext(Start) + StartConstant in [0, 2^Width).
  int64_t StartConstant = 0;
};

/// What the range check covers in a loop, with its index split into terms.
struct LoopAccess {
  enum Kind : uint8_t {
    Marker, ///< a guarded access (guard mode): a marker call
    Plain,  ///< an ordinary load or store of guest memory (explicit mode)
    Check,  ///< an explicit bounds check, `br (icmp ugt End, Size)`: its
            ///< index is End, its Bytes 0
  } K = Marker;
  llvm::Instruction *I = nullptr;
  /// Markers and plain accesses: the memory base their pointer starts at.
  Value *Base = nullptr;
  SmallVector<IndexTerm, 4> Terms;
  uint64_t Bytes = 0;
};

bool isMarkerCall(const llvm::Instruction &I) {
  const auto *Call = dyn_cast<CallInst>(&I);
  const llvm::Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  return Callee && Callee->isDeclaration() && isGuardedAccessMarker(*Callee);
}

bool isLoadMarker(const CallInst &Call) {
  return !Call.getType()->isVoidTy();
}

/// Whether A stores (a store marker, or a plain store); A's instruction
/// must still be the loop's own, not yet replaced by the fast copy's.
bool writes(const LoopAccess &A) {
  return A.K == LoopAccess::Marker ? !isLoadMarker(cast<CallInst>(*A.I))
                                   : isa<StoreInst>(A.I);
}

/// The wa_memory record that Field (the memory's base or its size) was
/// loaded from: Field is `load (Record + Offset)`, and Record a load the
/// lowering marked dereferenceable for a whole wa_memory (so its size field
/// may be read in front of the loop). Null for anything else.
const LoadInst *memoryRecordOf(const Value *Field, uint64_t Offset,
                               const InstanceLayout &Layout,
                               const DataLayout &DL) {
  const auto *Load = dyn_cast<LoadInst>(Field);
  if (!Load || Load->isVolatile())
    return nullptr;
  const Value *Address = Load->getPointerOperand();
  APInt Accumulated(DL.getIndexTypeSizeInBits(Address->getType()), 0);
  const Value *Record = Address->stripAndAccumulateConstantOffsets(
      DL, Accumulated, /*AllowNonInbounds=*/true);
  if (Accumulated != Offset)
    return nullptr;
  const auto *RecordLoad = dyn_cast<LoadInst>(Record);
  const MDNode *Deref =
      RecordLoad ? RecordLoad->getMetadata(LLVMContext::MD_dereferenceable)
                 : nullptr;
  if (!Deref ||
      mdconst::extract<ConstantInt>(Deref->getOperand(0))->getZExtValue() <
          Layout.MemoryStructSize)
    return nullptr;
  return RecordLoad;
}

/// The wa_memory record whose size Size is: a load of its size field, or
/// a phi of such loads (the lowering reloads the size after every call
/// that may grow the memory, so an outer loop that calls merges them).
/// Whichever it is, it is the memory's size where it is used, as is the
/// size read from the record in front of a loop without calls. Null for
/// anything else, or loads from different records.
const LoadInst *sizeRecordOf(const Value *Size, const InstanceLayout &Layout,
                             const DataLayout &DL) {
  SmallPtrSet<const Value *, 8> Seen;
  SmallVector<const Value *, 8> Work = {Size};
  const LoadInst *Record = nullptr;
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    if (!Seen.insert(V).second)
      continue;
    if (const auto *Phi = dyn_cast<PHINode>(V)) {
      if (Seen.size() > 16)
        return nullptr;
      append_range(Work, Phi->incoming_values());
      continue;
    }
    const LoadInst *R = memoryRecordOf(V, Layout.MemorySize, Layout, DL);
    if (!R || (Record && R != Record))
      return nullptr;
    Record = R;
  }
  return Record;
}

/// Which memory a loop's accesses and checks are to: the wa_memory record
/// load they were reached through or, for memory 0 of guard-mode code, whose
/// base the lowering reads straight from the instance
/// (wa_instance.memory0_base), that instance.
struct MemoryId {
  const LoadInst *Record = nullptr;
  const Value *Instance = nullptr;
  explicit operator bool() const { return Record || Instance; }
  bool operator==(const MemoryId &O) const {
    return Record == O.Record && Instance == O.Instance;
  }
};

/// The memory whose base Base is: `load (Record + MemoryBase)`, or
/// `load (Instance + InstanceMemory0Base)`. Empty for anything else.
MemoryId memoryOfBase(const Value *Base, const InstanceLayout &Layout,
                      const DataLayout &DL) {
  if (const LoadInst *Record =
          memoryRecordOf(Base, Layout.MemoryBase, Layout, DL))
    return {Record, nullptr};
  const auto *Load = dyn_cast<LoadInst>(Base);
  if (!Load || Load->isVolatile())
    return {};
  const Value *Address = Load->getPointerOperand();
  APInt Accumulated(DL.getIndexTypeSizeInBits(Address->getType()), 0);
  const Value *Instance = Address->stripAndAccumulateConstantOffsets(
      DL, Accumulated, /*AllowNonInbounds=*/true);
  // Only the lowering reads this field, and only from its function's
  // instance, the first argument.
  const auto *Arg = dyn_cast<Argument>(Instance);
  if (Accumulated != Layout.InstanceMemory0Base || !Arg || Arg->getArgNo() != 0)
    return {};
  return {nullptr, Instance};
}

/// If BB ends in an explicit bounds check (`br (icmp ugt End, Size)`,
/// Size a memory's size: sizeRecordOf), the check's compare.
ICmpInst *boundsCheckAt(BasicBlock &BB, const InstanceLayout &Layout) {
  auto *Br = dyn_cast<BranchInst>(BB.getTerminator());
  auto *Cmp = Br && Br->isConditional()
                  ? dyn_cast<ICmpInst>(Br->getCondition())
                  : nullptr;
  if (!Cmp || Cmp->getPredicate() != ICmpInst::ICMP_UGT ||
      !sizeRecordOf(Cmp->getOperand(1), Layout, BB.getDataLayout()))
    return nullptr;
  return Cmp;
}

/// The constant c of S = c + x, where S is a sum or a recurrence of outer
/// loops starting at one (SCEV keeps a sum's constant first); null when S
/// is a constant or has no constant part.
const SCEVConstant *constantPart(const SCEV *S) {
  if (const auto *Sum = dyn_cast<SCEVAddExpr>(S))
    return dyn_cast<SCEVConstant>(Sum->getOperand(0));
  if (const auto *AR = dyn_cast<SCEVAddRecExpr>(S))
    return isa<SCEVConstant>(AR->getStart()) ? nullptr
                                              : constantPart(AR->getStart());
  return nullptr;
}

/// The term Op (an operand of an index sum) as the range check can bound
/// it over L, or nothing.
std::optional<IndexTerm> indexTerm(const SCEV *Op, const Loop &L,
                                   ScalarEvolution &SE) {
  if (Op->getType()->getScalarSizeInBits() != 64)
    return std::nullopt;
  if (SE.isLoopInvariant(Op, &L))
    return IndexTerm{IndexTerm::Invariant, Op};
  // InstCombine turns zext(i << 2) into (i << 2) & mask, which SCEV sees
  // as 4 * zext(i30 i): a scaled recurrence of fewer bits.
  uint64_t Scale = 1;
  if (const auto *Mul = dyn_cast<SCEVMulExpr>(Op)) {
    const auto *C = dyn_cast<SCEVConstant>(Mul->getOperand(0));
    if (Mul->getNumOperands() != 2 || !C || C->getAPInt().isNegative() ||
        C->getAPInt().ugt(UINT32_MAX) || C->getAPInt().isZero())
      return std::nullopt;
    Scale = C->getAPInt().getZExtValue();
    Op = Mul->getOperand(1);
  }
  IndexTerm::Kind K = IndexTerm::Linear;
  unsigned Width = 64;
  const SCEV *Rec = Op;
  if (const auto *Zext = dyn_cast<SCEVZeroExtendExpr>(Op)) {
    Width = Zext->getOperand()->getType()->getScalarSizeInBits();
    if (Width > 32)
      return std::nullopt;
    K = IndexTerm::Wrapping;
    Rec = Zext->getOperand();
  } else if (Scale != 1) {
    return std::nullopt;
  }
  const auto *AR = dyn_cast<SCEVAddRecExpr>(Rec);
  if (!AR || AR->getLoop() != &L || !AR->isAffine())
    return std::nullopt;
  const auto *Step = dyn_cast<SCEVConstant>(AR->getStepRecurrence(SE));
  if (!Step)
    return std::nullopt;
  IndexTerm T{K, AR->getStart(), Step->getAPInt().getSExtValue(), Scale,
              Width};
  if (K == IndexTerm::Wrapping) {
    if (const SCEVConstant *C = constantPart(T.Start)) {
      T.StartConstant = C->getAPInt().getSExtValue();
      T.Start = SE.getMinusSCEV(T.Start, C);
    }
  }
  return T;
}

/// Splits Index into terms the range check can bound over L, or fails.
bool splitIndex(const SCEV *Index, const Loop &L, ScalarEvolution &SE,
                SmallVectorImpl<IndexTerm> &Terms) {
  SmallVector<const SCEV *, 4> Ops;
  if (const auto *Add = dyn_cast<SCEVAddExpr>(Index))
    Ops.append(Add->operands().begin(), Add->operands().end());
  else
    Ops.push_back(Index);
  for (const SCEV *Op : Ops) {
    std::optional<IndexTerm> T = indexTerm(Op, L, SE);
    if (!T)
      return false;
    Terms.push_back(*T);
  }
  return true;
}

/// Builds the range check in front of a loop: overflow-checked 64-bit
/// arithmetic, so a sum that cannot be represented fails the check instead
/// of wrapping into a small, plausible value.
class RangeCheckBuilder {
public:
  RangeCheckBuilder(IRBuilder<> &B, SCEVExpander &Exp, Value *MaxIteration)
      : B(B), Exp(Exp), N(MaxIteration), Invalid(B.getFalse()),
        Overlap(B.getFalse()) {}

  /// Adds the condition that the access lies in [0, Size) in every
  /// iteration; returns the bytes it touches over the loop, [Lo, End).
  std::pair<Value *, Value *> addAccess(const LoopAccess &A, Value *Size) {
    Value *Lo = B.getInt64(0);
    Value *Hi = B.getInt64(0);
    for (const IndexTerm &T : A.Terms) {
      Value *First = expand(T.Start);
      Value *Last = First;
      if (T.K == IndexTerm::Wrapping) {
        // This sum cannot overflow: zext(Start) < 2^32 and the constant
        // is a sign-extended iWidth.
        First = B.CreateAdd(B.CreateZExt(First, B.getInt64Ty()),
                            B.getInt64(T.StartConstant));
        Last = checked(Intrinsic::sadd_with_overflow, First,
                       checked(Intrinsic::smul_with_overflow,
                               B.getInt64(T.Step), N));
        // The narrow recurrence takes the values First..Last only if they
        // all fit its width (neither end below 0 or above its maximum).
        Value *Max =
            B.getInt64(APInt::getLowBitsSet(64, T.Width).getZExtValue());
        fail(B.CreateICmpUGT(First, Max));
        fail(B.CreateICmpUGT(Last, Max));
      } else if (T.K == IndexTerm::Linear) {
        Last = checked(Intrinsic::sadd_with_overflow, First,
                       checked(Intrinsic::smul_with_overflow,
                               B.getInt64(T.Step), N));
      }
      Value *TermLo = B.CreateBinaryIntrinsic(Intrinsic::smin, First, Last);
      Value *TermHi = B.CreateBinaryIntrinsic(Intrinsic::smax, First, Last);
      if (T.Scale != 1) {
        TermLo = checked(Intrinsic::smul_with_overflow, TermLo,
                         B.getInt64(T.Scale));
        TermHi = checked(Intrinsic::smul_with_overflow, TermHi,
                         B.getInt64(T.Scale));
      }
      Lo = checked(Intrinsic::sadd_with_overflow, Lo, TermLo);
      Hi = checked(Intrinsic::sadd_with_overflow, Hi, TermHi);
    }
    Value *End =
        checked(Intrinsic::sadd_with_overflow, Hi, B.getInt64(A.Bytes));
    fail(B.CreateICmpSLT(Lo, B.getInt64(0)));
    fail(B.CreateICmpUGT(End, Size));
    return {Lo, End};
  }

  /// Adds to the second condition, disjoint(), that [LoA, EndA) and
  /// [LoB, EndB) do not overlap (all four in [0, 2^63), as addAccess makes
  /// them where inBounds() holds).
  void requireDisjoint(Value *LoA, Value *EndA, Value *LoB, Value *EndB) {
    Overlap = B.CreateOr(Overlap, B.CreateAnd(B.CreateICmpSGT(EndA, LoB),
                                              B.CreateICmpSGT(EndB, LoA)));
  }

  /// The smallest and largest of two bounds.
  Value *min(Value *L, Value *R) {
    return B.CreateBinaryIntrinsic(Intrinsic::smin, L, R);
  }
  Value *max(Value *L, Value *R) {
    return B.CreateBinaryIntrinsic(Intrinsic::smax, L, R);
  }

  /// Adds Cond to what inBounds() requires.
  void require(Value *Cond) { fail(B.CreateNot(Cond)); }

  /// N is a count: as a signed number it must not be negative.
  void requireCountFits() { fail(B.CreateICmpSLT(N, B.getInt64(0))); }

  /// True when every access added is in bounds in every iteration.
  Value *inBounds() { return B.CreateNot(Invalid, "in.bounds"); }

  /// True when, given inBounds(), the ranges passed to requireDisjoint do
  /// not overlap.
  Value *disjoint() { return B.CreateNot(Overlap, "disjoint"); }

private:
  Value *expand(const SCEV *S) {
    return Exp.expandCodeFor(S, S->getType(), &*B.GetInsertPoint());
  }
  Value *checked(Intrinsic::ID Op, Value *L, Value *R) {
    Value *Pair = B.CreateBinaryIntrinsic(Op, L, R);
    fail(B.CreateExtractValue(Pair, 1));
    return B.CreateExtractValue(Pair, 0);
  }
  void fail(Value *Cond) { Invalid = B.CreateOr(Invalid, Cond); }

  IRBuilder<> &B;
  SCEVExpander &Exp;
  Value *N;
  Value *Invalid;
  Value *Overlap;
};

/// What the range check must cover in L (its guarded accesses, or its
/// explicit checks and the accesses behind them) if every one can be
/// bounded over L and all are to the same memory, whose record is then
/// Memory; empty otherwise.
SmallVector<LoopAccess, 8> boundedAccesses(Loop &L, ScalarEvolution &SE,
                                           const InstanceLayout &Layout,
                                           MDNode *GuestMemoryTag,
                                           MemoryId &Memory) {
  SmallVector<LoopAccess, 8> Accesses;
  const DataLayout &DL = L.getHeader()->getDataLayout();
  unsigned Instructions = 0;
  Memory = {};
  auto SameMemory = [&](MemoryId M) {
    if (!M || (Memory && !(M == Memory)))
      return false;
    Memory = M;
    return true;
  };
  // A pointer into memory: base (a memory base) + index.
  auto AddAccess = [&](LoopAccess::Kind K, llvm::Instruction &I, Value *Ptr,
                       Type *MemTy) {
    const SCEV *P = SE.getSCEV(Ptr);
    const auto *Base = dyn_cast<SCEVUnknown>(SE.getPointerBase(P));
    if (!Base ||
        !SameMemory(memoryOfBase(Base->getValue(), Layout, DL)))
      return false;
    LoopAccess A;
    A.K = K;
    A.I = &I;
    A.Base = Base->getValue();
    A.Bytes = DL.getTypeStoreSize(MemTy);
    const SCEV *Index = SE.removePointerBase(P);
    if (isa<SCEVCouldNotCompute>(Index) || !splitIndex(Index, L, SE, A.Terms))
      return false;
    Accesses.push_back(std::move(A));
    return true;
  };
  for (BasicBlock *BB : L.blocks()) {
    for (llvm::Instruction &I : *BB) {
      if (++Instructions > MaxVersionedLoopInstructions)
        return {};
      if (isMarkerCall(I)) {
        auto &Call = cast<CallInst>(I);
        Type *MemTy = isLoadMarker(Call) ? Call.getType()
                                         : Call.getArgOperand(1)->getType();
        if (!AddAccess(LoopAccess::Marker, I, Call.getArgOperand(0), MemTy))
          return {};
        continue;
      }
      if (!isa<LoadInst>(I) && !isa<StoreInst>(I))
        continue;
      // Explicit mode's guest accesses; other memory (runtime fields,
      // globals) has tags of its own.
      if (I.getMetadata(LLVMContext::MD_tbaa) != GuestMemoryTag)
        continue;
      Type *MemTy = isa<LoadInst>(I)
                        ? I.getType()
                        : cast<StoreInst>(I).getValueOperand()->getType();
      if (!AddAccess(LoopAccess::Plain, I, getLoadStorePointerOperand(&I),
                     MemTy))
        return {};
    }
    if (ICmpInst *Cmp = boundsCheckAt(*BB, Layout)) {
      LoopAccess A;
      A.K = LoopAccess::Check;
      A.I = BB->getTerminator();
      if (!SameMemory({sizeRecordOf(Cmp->getOperand(1), Layout, DL),
                       nullptr}) ||
          !splitIndex(SE.getSCEV(Cmp->getOperand(0)), L, SE, A.Terms))
        return {};
      Accesses.push_back(std::move(A));
    }
  }
  return Accesses;
}

/// Whether the check can be computed in front of L: every expression it
/// needs can be expanded at the end of the preheader.
bool checkIsExpandable(ArrayRef<LoopAccess> Accesses, const SCEV *MaxBTC,
                       const MemoryId &Memory, Loop &L, SCEVExpander &Exp,
                       const DominatorTree &DT) {
  llvm::Instruction *At = L.getLoopPreheader()->getTerminator();
  if (!Exp.isSafeToExpandAt(MaxBTC, At) ||
      (Memory.Record && !DT.dominates(Memory.Record, At)))
    return false;
  for (const LoopAccess &A : Accesses)
    for (const IndexTerm &T : A.Terms)
      if (!Exp.isSafeToExpandAt(T.Start, At))
        return false;
  return true;
}

/// The index of A as a 64-bit expression that does not wrap, valid in the
/// loop that runs only after the range check passed: each zext of a 32-bit
/// recurrence becomes a 64-bit recurrence (the check proved the 32-bit one
/// stays in [0, 2^32), so both take the same values).
const SCEV *nonWrappingIndex(const LoopAccess &A, Loop &L,
                             ScalarEvolution &SE) {
  SmallVector<const SCEV *, 4> Ops;
  Type *I64 = Type::getInt64Ty(L.getHeader()->getContext());
  for (const IndexTerm &T : A.Terms) {
    switch (T.K) {
    case IndexTerm::Invariant:
      Ops.push_back(T.Start);
      break;
    case IndexTerm::Wrapping:
    case IndexTerm::Linear: {
      const SCEV *Start =
          T.K == IndexTerm::Wrapping
              ? SE.getAddExpr(SE.getZeroExtendExpr(T.Start, I64),
                              SE.getConstant(I64, T.StartConstant, true))
              : T.Start;
      auto Flags = T.K == IndexTerm::Wrapping
                       ? ScalarEvolution::setFlags(
                             SCEV::FlagNSW,
                             T.Step >= 0 ? SCEV::FlagNUW : SCEV::FlagAnyWrap)
                       : SCEV::FlagAnyWrap;
      const SCEV *Rec =
          SE.getAddRecExpr(Start, SE.getConstant(I64, T.Step), &L, Flags);
      Ops.push_back(T.Scale == 1
                        ? Rec
                        : SE.getMulExpr(SE.getConstant(I64, T.Scale), Rec));
      break;
    }
    }
  }
  return SE.getAddExpr(Ops);
}

/// Makes A what it is in the fast copy: a marker becomes a plain access
/// and a plain access keeps its kind, both at base + Index, which is
/// returned; a check is false.
llvm::Instruction *makeFastAccess(const LoopAccess &A, const SCEV *Index,
                                  SCEVExpander &Exp, MDNode *GuestMemoryTag) {
  if (A.K == LoopAccess::Check) {
    cast<BranchInst>(A.I)->setCondition(
        ConstantInt::getFalse(A.I->getContext()));
    return nullptr;
  }
  IRBuilder<> B(A.I);
  Value *Offset = Exp.expandCodeFor(Index, B.getInt64Ty(), A.I);
  Value *Ptr = B.CreateGEP(B.getInt8Ty(), A.Base, Offset, "addr.inbounds",
                           GEPNoWrapFlags::inBounds() |
                               GEPNoWrapFlags::noUnsignedWrap());
  if (A.K == LoopAccess::Plain) {
    if (auto *Load = dyn_cast<LoadInst>(A.I))
      Load->setOperand(Load->getPointerOperandIndex(), Ptr);
    else
      cast<StoreInst>(A.I)->setOperand(StoreInst::getPointerOperandIndex(),
                                       Ptr);
    return A.I;
  }
  auto *Call = cast<CallInst>(A.I);
  llvm::Instruction *Access;
  if (isLoadMarker(*Call))
    Access = B.CreateAlignedLoad(Call->getType(), Ptr, Align(1));
  else
    Access = B.CreateAlignedStore(Call->getArgOperand(1), Ptr, Align(1));
  Access->setMetadata(LLVMContext::MD_tbaa, GuestMemoryTag);
  Access->setDebugLoc(Call->getDebugLoc());
  Access->takeName(Call);
  Call->replaceAllUsesWith(Access);
  Call->eraseFromParent();
  return Access;
}

/// Guest accesses of a loop whose indices lie a constant apart (x[i] and
/// x[i+1] of a loop the producer unrolled, the fields of one record): one
/// region of memory, as far as the loop's dependences go.
///
/// LLVM's loop access analysis sees every guest access as based on the one
/// memory base. Two regions a non-constant distance apart make it fall back
/// to checking every pair of accesses at run time, and then two accesses of
/// one region a constant apart always "conflict": such a loop is never
/// vectorised. The range check already bounds every region; proving the
/// regions that are written disjoint from the others there lets the fast
/// copy say so with scoped noalias metadata, which also lets LICM hoist
/// loads of unwritten invariant addresses.
struct AccessRegion {
  const SCEV *Index;                ///< of its first access, in the fast copy
  SmallVector<unsigned, 4> Members; ///< positions in the loop's accesses
  bool Written = false;
  Value *Lo = nullptr;  ///< the first byte any member touches, over the loop
  Value *End = nullptr; ///< one past the last
  SmallVector<unsigned, 4> DisjointFrom; ///< regions proven apart from it
  MDNode *Scope = nullptr;
};

/// Disjointness is checked pairwise: a bound on the checks one loop gets.
constexpr unsigned MaxDisjointRegions = 8;

/// The regions of Accesses (explicit checks are in none), whose fast-copy
/// indices are Indices.
SmallVector<AccessRegion, 4> regionsOf(ArrayRef<LoopAccess> Accesses,
                                       ArrayRef<const SCEV *> Indices,
                                       ScalarEvolution &SE) {
  SmallVector<AccessRegion, 4> Regions;
  for (unsigned I = 0, E = Accesses.size(); I != E; ++I) {
    const LoopAccess &A = Accesses[I];
    if (A.K == LoopAccess::Check)
      continue;
    auto *R = find_if(Regions, [&](const AccessRegion &R) {
      return SE.computeConstantDifference(Indices[I], R.Index).has_value();
    });
    if (R == Regions.end()) {
      Regions.push_back(AccessRegion{Indices[I]});
      R = &Regions.back();
    }
    R->Members.push_back(I);
    R->Written |= writes(A);
  }
  return Regions;
}

/// Adds to Check that every written region is disjoint from every other
/// region, given each access's bounds, and gives the regions their scopes.
void requireDisjointRegions(
    MutableArrayRef<AccessRegion> Regions,
    ArrayRef<std::pair<Value *, Value *>> Bounds, RangeCheckBuilder &Check,
    LLVMContext &Ctx) {
  for (AccessRegion &R : Regions) {
    std::tie(R.Lo, R.End) = Bounds[R.Members.front()];
    for (unsigned M : drop_begin(R.Members)) {
      R.Lo = Check.min(R.Lo, Bounds[M].first);
      R.End = Check.max(R.End, Bounds[M].second);
    }
  }
  for (unsigned I = 0, E = Regions.size(); I != E; ++I)
    for (unsigned J = I + 1; J != E; ++J) {
      if (!Regions[I].Written && !Regions[J].Written)
        continue;
      Check.requireDisjoint(Regions[I].Lo, Regions[I].End, Regions[J].Lo,
                            Regions[J].End);
      Regions[I].DisjointFrom.push_back(J);
      Regions[J].DisjointFrom.push_back(I);
    }
  MDBuilder MDB(Ctx);
  MDNode *Domain = MDB.createAnonymousAliasScopeDomain("wasm-aot.regions");
  for (AccessRegion &R : Regions)
    if (!R.DisjointFrom.empty())
      R.Scope = MDB.createAnonymousAliasScope(Domain);
}

/// Marks Access, of region R, as not aliasing the regions proven apart
/// from R.
void markDisjoint(llvm::Instruction &Access, const AccessRegion &R,
                  ArrayRef<AccessRegion> Regions) {
  if (R.DisjointFrom.empty())
    return;
  LLVMContext &Ctx = Access.getContext();
  SmallVector<Metadata *, 4> Others;
  for (unsigned Other : R.DisjointFrom)
    Others.push_back(Regions[Other].Scope);
  Access.setMetadata(
      LLVMContext::MD_alias_scope,
      MDNode::concatenate(Access.getMetadata(LLVMContext::MD_alias_scope),
                          MDNode::get(Ctx, R.Scope)));
  Access.setMetadata(
      LLVMContext::MD_noalias,
      MDNode::concatenate(Access.getMetadata(LLVMContext::MD_noalias),
                          MDNode::get(Ctx, Others)));
}

/// Whether `(X & Mask) == 0`, tested in the latch of L on X = {A,+,D}, is
/// the test `X == 2^32`: D a power of two no larger than 2^32, A in
/// [1, 2^32] and a multiple of D, and the mask keeping every low 32 bits
/// but those D's multiples have zero. Every X is then a multiple of D, and
/// the first one at or above A whose low 32 bits are zero is 2^32, reached
/// exactly and without wrapping; the latch sees every X.
bool reachesTwoTo32(const Loop &L, const BasicBlock &Latch, Value *X,
                    const APInt &Mask, ScalarEvolution &SE) {
  if (L.getLoopLatch() != &Latch || !SE.isSCEVable(X->getType()))
    return false;
  const auto *Rec = dyn_cast<SCEVAddRecExpr>(SE.getSCEV(X));
  if (!Rec || Rec->getLoop() != &L || !Rec->isAffine())
    return false;
  const auto *Step = dyn_cast<SCEVConstant>(Rec->getStepRecurrence(SE));
  if (!Step || !Step->getAPInt().isPowerOf2() ||
      Step->getAPInt().ugt(APInt::getOneBitSet(64, 32)))
    return false;
  unsigned StepBits = Step->getAPInt().logBase2();
  const SCEV *Start = Rec->getStart();
  ConstantRange Range = SE.getUnsignedRange(Start);
  if (Range.getUnsignedMin().isZero() ||
      Range.getUnsignedMax().ugt(APInt::getOneBitSet(64, 32)) ||
      SE.getMinTrailingZeros(Start) < StepBits)
    return false;
  APInt Low32 = APInt::getLowBitsSet(64, 32);
  return (Mask | APInt::getLowBitsSet(64, StepBits)) == Low32;
}

/// clang counts many wasm loops with a 32-bit index that runs up to 0, and
/// IndVars widens it into a 64-bit one whose exit test becomes
/// `(next & 0xFFFFFFF8) == 0`, a mask SCEV cannot count with. Where
/// reachesTwoTo32 holds, that test is `next == 2^32`, which SCEV counts
/// exactly; otherwise, when the low bits the mask drops are known zero, it
/// is `trunc(next) == 0`, which SCEV counts only with a predicate that the
/// 32-bit index does not wrap. (That one the vectoriser checks at run
/// time, and the index does wrap, at the last step: the vector loop would
/// never run.) Returns whether anything changed (InstCombine turns the
/// trunc back later, which is harmless).
bool unmaskExitTests(Loop &L, ScalarEvolution &SE) {
  bool Changed = false;
  SmallVector<BasicBlock *, 4> Exiting;
  L.getExitingBlocks(Exiting);
  for (BasicBlock *BB : Exiting) {
    auto *Br = dyn_cast<BranchInst>(BB->getTerminator());
    auto *Cmp = Br && Br->isConditional()
                    ? dyn_cast<ICmpInst>(Br->getCondition())
                    : nullptr;
    if (!Cmp || !Cmp->isEquality() || !match(Cmp->getOperand(1), m_Zero()))
      continue;
    Value *X;
    const APInt *Mask;
    if (!match(Cmp->getOperand(0), m_And(m_Value(X), m_APInt(Mask))) ||
        X->getType()->getScalarSizeInBits() != 64 ||
        Mask->getActiveBits() > 32)
      continue;
    IRBuilder<> B(Cmp);
    Value *Test = nullptr;
    if (reachesTwoTo32(L, *BB, X, *Mask, SE)) {
      Test = B.CreateICmp(Cmp->getPredicate(), X,
                          B.getInt64(uint64_t(1) << 32));
    } else {
      const DataLayout &DL = BB->getDataLayout();
      unsigned KnownLowZeros =
          computeKnownBits(X, DL).countMinTrailingZeros();
      APInt Low32 = APInt::getLowBitsSet(64, 32);
      APInt Dropped = APInt::getLowBitsSet(64, std::min(KnownLowZeros, 32u));
      if ((*Mask | Dropped) != Low32)
        continue;
      Value *Low = B.CreateTrunc(X, B.getInt32Ty(), X->getName() + ".low32");
      Test = B.CreateICmp(Cmp->getPredicate(), Low, B.getInt32(0));
    }
    Cmp->replaceAllUsesWith(Test);
    Test->takeName(Cmp);
    Cmp->eraseFromParent();
    Changed = true;
  }
  return Changed;
}

/// clang writes `C - x`, where every bit x may have is set in C, as
/// `x ^ C`; a wasm index that runs down in a loop unrolled by two
/// (durbin's y[k - i - 2]) becomes `(i ^ 0x1FFFFFFE) << 3`, which SCEV
/// cannot see through. Where the bits of x outside C are known zero, not
/// counting the high bits every user shifts out, the xor is a subtraction
/// from C with those high bits set: rewrite it so (the shifts lose their
/// no-wrap flags, which held for the xor's value, not the difference's).
/// Returns whether anything changed.
bool xorsAsSubtractions(Loop &L) {
  bool Changed = false;
  for (BasicBlock *BB : L.blocks())
    for (llvm::Instruction &I : make_early_inc_range(*BB)) {
      Value *X;
      const APInt *C;
      if (!match(&I, m_Xor(m_Value(X), m_APInt(C))) || C->isAllOnes() ||
          I.user_empty())
        continue;
      unsigned Width = C->getBitWidth();
      unsigned Dropped = Width;
      for (User *U : I.users()) {
        const APInt *Shift;
        if (!match(U, m_Shl(m_Specific(&I), m_APInt(Shift))) ||
            Shift->uge(Width))
          Dropped = 0;
        else
          Dropped = std::min<unsigned>(Dropped, Shift->getZExtValue());
      }
      APInt Minuend = *C | APInt::getHighBitsSet(Width, Dropped);
      KnownBits Known = computeKnownBits(X, I.getDataLayout());
      if (!(~Minuend & ~Known.Zero).isZero())
        continue;
      IRBuilder<> B(&I);
      Value *Sub = B.CreateSub(B.getInt(Minuend), X, I.getName() + ".sub");
      for (User *U : make_early_inc_range(I.users())) {
        auto *Shl = cast<llvm::Instruction>(U);
        if (Dropped)
          Shl->dropPoisonGeneratingFlags();
        Shl->replaceUsesOfWith(&I, Sub);
      }
      I.eraseFromParent();
      Changed = true;
    }
  return Changed;
}

/// An exit test of L that SCEV cannot count, and can once a condition
/// checked in front of the loop holds: `v >u K` (staying in the loop while
/// it holds) for a recurrence v = {S,+,-D} counting down by D > K + 1.
/// That is clang's `for (; n >= 16; n -= 16)` unrolled by two, as in the
/// word loops of wasi-libc's memcpy and memset: v may step from above K
/// past [0, K] and wrap, and run on. It cannot when S >=s 0 and
/// S urem D <=u K: the last value above K is then less than K + D, the next
/// one is in [0, K], and every value is in [0, S], where `v >s K`, which
/// SCEV counts, is the same test.
struct CountdownExit {
  ICmpInst *Cmp = nullptr;
  ICmpInst::Predicate Unsigned; ///< the test as it was
  const SCEV *Start = nullptr;  ///< S
  APInt Step;                   ///< D
  APInt Limit;                  ///< K

  /// Makes the test signed (what the fast copies run), or back.
  void makeSigned(ScalarEvolution &SE, Loop &L) {
    Cmp->setPredicate(ICmpInst::getSignedPredicate(Unsigned));
    SE.forgetLoop(&L);
  }
  void makeUnsigned(ScalarEvolution &SE, Loop &L) {
    Cmp->setPredicate(Unsigned);
    SE.forgetLoop(&L);
  }
  /// The condition under which both tests are the same, built at B.
  Value *condition(IRBuilder<> &B, SCEVExpander &Exp) const {
    Value *S = Exp.expandCodeFor(Start, Start->getType(),
                                 &*B.GetInsertPoint());
    Value *NonNegative = B.CreateICmpSGE(S, B.getIntN(Step.getBitWidth(), 0));
    Value *Lands = B.CreateICmpULE(B.CreateURem(S, B.getInt(Step)),
                                   B.getInt(Limit));
    return B.CreateAnd(NonNegative, Lands, "countdown.lands");
  }
};

std::optional<CountdownExit> countdownExit(Loop &L, ScalarEvolution &SE,
                                           const InstanceLayout &Layout) {
  // The loop's one exit besides explicit mode's checks.
  SmallVector<BasicBlock *, 4> ExitingBlocks;
  L.getExitingBlocks(ExitingBlocks);
  BasicBlock *Exiting = nullptr;
  for (BasicBlock *BB : ExitingBlocks) {
    if (boundsCheckAt(*BB, Layout))
      continue;
    if (Exiting)
      return std::nullopt;
    Exiting = BB;
  }
  auto *Br = Exiting ? dyn_cast<BranchInst>(Exiting->getTerminator())
                     : nullptr;
  auto *Cmp = Br && Br->isConditional()
                  ? dyn_cast<ICmpInst>(Br->getCondition())
                  : nullptr;
  const APInt *C;
  if (!Cmp || !Cmp->isUnsigned() || !Cmp->hasOneUse() ||
      !match(Cmp->getOperand(1), m_APInt(C)))
    return std::nullopt;
  // The test for staying in the loop, as v >u K.
  ICmpInst::Predicate Stay = L.contains(Br->getSuccessor(0))
                                 ? Cmp->getPredicate()
                                 : Cmp->getInversePredicate();
  APInt K = *C;
  if (Stay == ICmpInst::ICMP_UGE) {
    if (K.isZero())
      return std::nullopt;
    K -= 1;
  } else if (Stay != ICmpInst::ICMP_UGT) {
    return std::nullopt;
  }
  const auto *AR = dyn_cast<SCEVAddRecExpr>(SE.getSCEV(Cmp->getOperand(0)));
  if (!AR || AR->getLoop() != &L || !AR->isAffine())
    return std::nullopt;
  const auto *Step = dyn_cast<SCEVConstant>(AR->getStepRecurrence(SE));
  if (!Step || !Step->getAPInt().isNegative() || K.isNegative())
    return std::nullopt;
  APInt D = -Step->getAPInt();
  // With D <= K + 1 a value above K cannot step past [0, K]: SCEV counts
  // such a loop itself.
  if (D.ule(K + 1))
    return std::nullopt;
  return CountdownExit{Cmp, Cmp->getPredicate(), AR->getStart(), D, K};
}

/// The slow copy runs only when an access is about to fault: not worth
/// vectorising or unrolling.
void markPreciseCopy(Loop &L) {
  addStringMetadataToLoop(&L, "llvm.loop.vectorize.width", 1);
  addStringMetadataToLoop(&L, "llvm.loop.interleave.count", 1);
  addStringMetadataToLoop(&L, "llvm.loop.unroll.disable");
}

/// Whether L's fast copy could become much faster than L: LLVM's loop
/// vectoriser takes only loops with one exit and no calls (counting the
/// exits to explicit checks, which the fast copy drops), and a loop that
/// it will not widen gains too little from plain accesses to pay for a
/// second copy (measured on flite: versioning every bounded loop cost a
/// quarter more compile time, and four of 317 loops were vectorised).
bool isWorthVersioning(Loop &L, const InstanceLayout &Layout) {
  SmallVector<BasicBlock *, 4> Exiting;
  L.getExitingBlocks(Exiting);
  unsigned Checks = 0;
  for (BasicBlock *BB : Exiting)
    Checks += boundsCheckAt(*BB, Layout) != nullptr;
  if (Exiting.size() - Checks != 1)
    return false;
  bool HasMarker = false;
  for (BasicBlock *BB : L.blocks())
    for (llvm::Instruction &I : *BB) {
      if (isMarkerCall(I)) {
        HasMarker = true;
        continue;
      }
      if (isa<CallBase>(I) && !isa<IntrinsicInst>(I))
        return false;
    }
  return HasMarker || Checks != 0;
}

/// Puts a copy of L behind Cond, computed in CheckBB, L's preheader: CheckBB
/// then leads to L (through a new preheader) where Cond holds, else to
/// the copy. Both leave through L's exits. Returns the copy; VMap maps L's
/// values to the copy's.
Loop *copyBehind(Loop &L, BasicBlock *CheckBB, Value *Cond, StringRef Suffix,
                 LoopInfo &LI, DominatorTree &DT, ScalarEvolution &SE,
                 ValueToValueMapTy &VMap) {
  // Blocks after the loop that it dominated: once two copies lead to
  // them, the block in front of both does.
  SmallVector<BasicBlock *, 4> DominatedAfter;
  for (BasicBlock *BB : L.blocks())
    for (DomTreeNode *Child : DT.getNode(BB)->children())
      if (!L.contains(Child->getBlock()))
        DominatedAfter.push_back(Child->getBlock());

  // The copy: the loop as it is, behind a preheader of its own.
  BasicBlock *PH = SplitBlock(CheckBB, CheckBB->getTerminator(), &DT, &LI,
                              nullptr, L.getHeader()->getName() + ".ph");
  SmallVector<BasicBlock *, 16> CopyBlocks;
  Loop *Copy = cloneLoopWithPreheader(PH, CheckBB, &L, VMap, Suffix, &LI, &DT,
                                      CopyBlocks);
  remapInstructionsInBlocks(CopyBlocks, VMap);
  llvm::Instruction *OldTerm = CheckBB->getTerminator();
  BranchInst::Create(PH, Copy->getLoopPreheader(), Cond,
                     OldTerm->getIterator());
  OldTerm->eraseFromParent();
  // Both copies leave through the original exits (LCSSA: every value used
  // outside the loop passes through a phi there).
  SmallVector<BasicBlock *, 4> Exits;
  L.getUniqueExitBlocks(Exits);
  for (BasicBlock *Exit : Exits) {
    for (PHINode &Phi : Exit->phis()) {
      for (unsigned I = 0, E = Phi.getNumIncomingValues(); I != E; ++I) {
        BasicBlock *From = Phi.getIncomingBlock(I);
        if (!L.contains(From))
          continue;
        Value *V = Phi.getIncomingValue(I);
        if (Value *Copied = VMap.lookup(V))
          V = Copied;
        Phi.addIncoming(V,
                        cast<BasicBlock>(VMap[From]));
      }
      SE.forgetValue(&Phi);
    }
  }
  for (BasicBlock *BB : DominatedAfter)
    DT.changeImmediateDominator(BB, CheckBB);
  assert(DT.verify(DominatorTree::VerificationLevel::Fast) &&
         "dominator tree wrong after versioning");
  SE.forgetLoop(&L);
  return Copy;
}

/// Versions L (see the header). Returns whether the IR changed.
/// Whether the fast copy of L is better left to the SLP vectoriser than to
/// the loop vectoriser: a map over memory that clang's wasm32 backend has
/// already unrolled, F elements an iteration. The loop vectoriser sees each
/// of its accesses as one of a group at stride F elements and widens them
/// with shuffles that take the groups apart and put them back (jacobi-1d:
/// 1.15x native, against 0.82x without it); SLP widens the unrolled body as
/// it is, each group a run of adjacent elements. So: every header phi is
/// an integer recurrence (no reduction, whose loop-carried chain SLP cannot
/// widen), there is a store, and every group of accesses that differ by a
/// constant (loads and stores apart) is a run of adjacent elements of one
/// size, at least a vector register long, that covers the stride: stores
/// exactly once, loads at least once (loads of one address in every
/// iteration aside).
bool isUnrolledMap(Loop &L, ArrayRef<LoopAccess> Accesses,
                   ArrayRef<const SCEV *> Indices, ScalarEvolution &SE,
                   uint64_t VectorBytes) {
  if (VectorBytes == 0)
    return false;
  for (PHINode &Phi : L.getHeader()->phis()) {
    if (!Phi.getType()->isIntegerTy() || !SE.isSCEVable(Phi.getType()))
      return false;
    const auto *Rec = dyn_cast<SCEVAddRecExpr>(SE.getSCEV(&Phi));
    if (!Rec || Rec->getLoop() != &L || !Rec->isAffine())
      return false;
  }
  // Accesses of one size and direction whose indices are a constant apart,
  // with their offsets from the first.
  struct Group {
    const SCEV *First;
    uint64_t Bytes;
    bool Store;
    SmallVector<int64_t, 8> Offsets;
  };
  SmallVector<Group, 8> Groups;
  bool AnyStore = false;
  for (unsigned I = 0, E = Accesses.size(); I != E; ++I) {
    const LoopAccess &A = Accesses[I];
    if (A.K == LoopAccess::Check)
      continue;
    const bool Store = writes(A);
    AnyStore |= Store;
    // A load of the same address every iteration is a broadcast to SLP.
    if (!Store && SE.isLoopInvariant(Indices[I], &L))
      continue;
    const auto *Rec = dyn_cast<SCEVAddRecExpr>(Indices[I]);
    if (!Rec || Rec->getLoop() != &L || !Rec->isAffine() ||
        !isa<SCEVConstant>(Rec->getStepRecurrence(SE)))
      return false;
    std::optional<APInt> Offset;
    auto *G = find_if(Groups, [&](const Group &G) {
      return G.Bytes == A.Bytes && G.Store == Store &&
             (Offset = SE.computeConstantDifference(Indices[I], G.First));
    });
    if (G == Groups.end()) {
      Groups.push_back({Indices[I], A.Bytes, Store, {}});
      G = &Groups.back();
      Offset = APInt(64, 0);
    }
    if (Offset->getSignificantBits() > 32)
      return false;
    G->Offsets.push_back(Offset->getSExtValue());
  }
  if (!AnyStore)
    return false;
  for (Group &G : Groups) {
    sort(G.Offsets);
    G.Offsets.erase(std::unique(G.Offsets.begin(), G.Offsets.end()),
                    G.Offsets.end());
    for (unsigned K = 1; K < G.Offsets.size(); ++K)
      if (G.Offsets[K] - G.Offsets[K - 1] != int64_t(G.Bytes))
        return false;
    uint64_t Run = G.Offsets.size() * G.Bytes;
    const APInt &Step = cast<SCEVConstant>(
                            cast<SCEVAddRecExpr>(G.First)->getStepRecurrence(SE))
                            ->getAPInt();
    if (Step.getSignificantBits() > 32)
      return false;
    uint64_t Stride = Step.abs().getZExtValue();
    if (Stride < VectorBytes || Run < Stride || (G.Store && Run != Stride))
      return false;
  }
  return true;
}

bool versionLoop(Loop &L, LoopInfo &LI, DominatorTree &DT,
                 ScalarEvolution &SE, AssumptionCache &AC,
                 const InstanceLayout &Layout, MDNode *GuestMemoryTag,
                 uint64_t VectorBytes) {
  if (!L.isSafeToClone() || !isWorthVersioning(L, Layout))
    return false;
  // From here on a loop left alone may still have been changed: a
  // preheader or dedicated exits added, exit tests rewritten.
  bool Changed = false;
  if (!L.isLoopSimplifyForm())
    Changed |= simplifyLoop(&L, &DT, &LI, &SE, &AC, nullptr,
                            /*PreserveLCSSA=*/false);
  if (!L.isLoopSimplifyForm())
    return Changed;
  if (xorsAsSubtractions(L)) {
    SE.forgetLoop(&L);
    Changed = true;
  }
  MemoryId Memory;
  SmallVector<LoopAccess, 8> Accesses =
      boundedAccesses(L, SE, Layout, GuestMemoryTag, Memory);
  if (Accesses.empty())
    return Changed;
  const bool Unmasked = unmaskExitTests(L, SE);
  if (Unmasked)
    SE.forgetLoop(&L);
  Changed |= Unmasked;
  // A countdown SCEV cannot count is counted with its test made signed,
  // which the fast copies keep; the check requires the two to agree.
  std::optional<CountdownExit> Countdown;
  if (isa<SCEVCouldNotCompute>(SE.getSymbolicMaxBackedgeTakenCount(&L)))
    if ((Countdown = countdownExit(L, SE, Layout)))
      Countdown->makeSigned(SE, L);
  auto GiveUp = [&] {
    if (Countdown)
      Countdown->makeUnsigned(SE, L);
    return Changed;
  };
  const SCEV *MaxBTC = SE.getSymbolicMaxBackedgeTakenCount(&L);
  if (isa<SCEVCouldNotCompute>(MaxBTC) ||
      MaxBTC->getType()->getScalarSizeInBits() > 64)
    return GiveUp();
  llvm::Function &F = *L.getHeader()->getParent();
  const DataLayout &DL = F.getDataLayout();
  SCEVExpander Exp(SE, DL, "inbounds");
  if (!checkIsExpandable(Accesses, MaxBTC, Memory, L, Exp, DT) ||
      (Countdown && !Exp.isSafeToExpandAt(
                        Countdown->Start,
                        L.getLoopPreheader()->getTerminator())))
    return GiveUp();

  // From here on the loop is versioned.
  formLCSSARecursively(L, DT, &LI, &SE);
  BasicBlock *CheckBB = L.getLoopPreheader();
  IRBuilder<> B(CheckBB->getTerminator());
  Value *Record = const_cast<LoadInst *>(Memory.Record);
  if (!Record)
    Record = B.CreateLoad(
        B.getPtrTy(),
        B.CreateConstGEP1_64(B.getInt8Ty(),
                             const_cast<Value *>(Memory.Instance),
                             Layout.InstanceMemory0, "memory0.field"),
        "memory0");
  Value *SizeField = B.CreateConstGEP1_64(B.getInt8Ty(), Record,
                                          Layout.MemorySize, "memsize.field");
  Value *Size = B.CreateLoad(B.getInt64Ty(), SizeField, "memsize");
  Value *N = B.CreateZExtOrTrunc(
      Exp.expandCodeFor(MaxBTC, MaxBTC->getType(), CheckBB->getTerminator()),
      B.getInt64Ty());
  RangeCheckBuilder Check(B, Exp, N);
  Check.requireCountFits();
  if (Countdown)
    Check.require(Countdown->condition(B, Exp));
  SmallVector<std::pair<Value *, Value *>, 8> Bounds;
  for (const LoopAccess &A : Accesses)
    Bounds.push_back(Check.addAccess(A, Size));
  SmallVector<const SCEV *, 8> FastIndices;
  for (const LoopAccess &A : Accesses)
    FastIndices.push_back(nonWrappingIndex(A, L, SE));
  // Decided while the accesses are still the loop's own (the fast copy
  // replaces guard mode's markers); applied to the fast copy alone, since
  // the overlapping one lacks the noalias SLP would need.
  const bool LeaveToSLP =
      isUnrolledMap(L, Accesses, FastIndices, SE, VectorBytes);
  SmallVector<AccessRegion, 4> Regions =
      regionsOf(Accesses, FastIndices, SE);
  if (Regions.size() <= MaxDisjointRegions)
    requireDisjointRegions(Regions, Bounds, Check, F.getContext());
  else
    Regions.clear();
  Value *InBounds = Check.inBounds();
  Value *Disjoint = Check.disjoint();

  ValueToValueMapTy PreciseMap;
  Loop *Precise =
      copyBehind(L, CheckBB, InBounds, ".precise", LI, DT, SE, PreciseMap);
  markPreciseCopy(*Precise);
  if (Countdown)
    cast<ICmpInst>(PreciseMap[Countdown->Cmp])
        ->setPredicate(Countdown->Unsigned);

  // The fast copy: plain accesses at non-wrapping 64-bit indices.
  SmallVector<llvm::Instruction *, 8> FastAccesses;
  for (unsigned I = 0, E = Accesses.size(); I != E; ++I)
    FastAccesses.push_back(
        makeFastAccess(Accesses[I], FastIndices[I], Exp, GuestMemoryTag));
  // Where written regions may overlap, a copy of it without noalias runs
  // (the vectoriser checks what it needs itself).
  bool Disjointness = any_of(Regions, [](const AccessRegion &R) {
    return !R.DisjointFrom.empty();
  });
  if (Disjointness) {
    ValueToValueMapTy OverlappingMap;
    copyBehind(L, L.getLoopPreheader(), Disjoint, ".overlapping", LI, DT, SE,
               OverlappingMap);
    for (const AccessRegion &R : Regions)
      for (unsigned M : R.Members)
        markDisjoint(*FastAccesses[M], R, Regions);
  }
  if (LeaveToSLP)
    addStringMetadataToLoop(&L, "llvm.loop.vectorize.width", 1);
  return true;
}

} // namespace

PreservedAnalyses
InBoundsLoopVersioningPass::run(llvm::Function &F,
                                FunctionAnalysisManager &FAM) {
  auto &LI = FAM.getResult<LoopAnalysis>(F);
  if (LI.empty())
    return PreservedAnalyses::all();
  auto &DT = FAM.getResult<DominatorTreeAnalysis>(F);
  auto &SE = FAM.getResult<ScalarEvolutionAnalysis>(F);
  auto &AC = FAM.getResult<AssumptionAnalysis>(F);
  const uint64_t VectorBytes =
      FAM.getResult<TargetIRAnalysis>(F)
          .getRegisterBitWidth(TargetTransformInfo::RGK_FixedWidthVector)
          .getFixedValue() /
      8;
  MDNode *GuestMemoryTag = AliasInfo::create(F.getContext()).GuestMemory;
  // Collected first: versioning adds loops.
  SmallVector<Loop *, 8> Innermost;
  for (Loop *L : LI.getLoopsInPreorder())
    if (L->isInnermost())
      Innermost.push_back(L);
  bool Changed = false;
  for (Loop *L : Innermost)
    Changed |= versionLoop(*L, LI, DT, SE, AC, Layout, GuestMemoryTag,
                           VectorBytes);
  if (!Changed)
    return PreservedAnalyses::all();
  // The fast copies are what the simplification pipeline never saw: loads
  // it could not hoist out of or merge within them while they were
  // markers. Give the vectoriser the loop it would have had.
  FAM.invalidate(F, PreservedAnalyses::none());
  FunctionPassManager Cleanup;
  Cleanup.addPass(SimplifyCFGPass());
  Cleanup.addPass(EarlyCSEPass(/*UseMemorySSA=*/true));
  Cleanup.addPass(createFunctionToLoopPassAdaptor(LICMPass(LICMOptions()),
                                                  /*UseMemorySSA=*/true));
  Cleanup.addPass(InstCombinePass());
  Cleanup.run(F, FAM);
  return PreservedAnalyses::none();
}

} // namespace wasmaot

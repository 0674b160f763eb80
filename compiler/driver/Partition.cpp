//===- Partition.cpp - Compiling a large module in parts ------------------===//
//
// Partition.h says what and why; this file plans the partitions, runs them
// on threads and joins their objects.
//
//===----------------------------------------------------------------------===//
#include "driver/Partition.h"

#include "codegen/ObjectEdits.h"
#include "codegen/SiteMapWriter.h"
#include "driver/Compile.h"
#include "link/Link.h"
#include "lower/CostlyFunctions.h"
#include "lower/StaticTables.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Threading.h"

#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

using namespace llvm;

namespace wasmaot {

/// Plan with each costly function cut out into a range of its own.
static std::vector<FunctionRange>
isolateCostly(ArrayRef<FunctionRange> Plan,
              function_ref<bool(uint32_t Defined)> IsCostly) {
  std::vector<FunctionRange> Out;
  for (const FunctionRange &R : Plan) {
    uint32_t Start = R.First;
    for (uint32_t I = R.First; I < R.End; ++I) {
      if (!IsCostly(I))
        continue;
      if (Start < I)
        Out.push_back({Start, I});
      Out.push_back({I, I + 1, /*Unoptimised=*/true});
      Start = I + 1;
    }
    if (Start < R.End)
      Out.push_back({Start, R.End});
  }
  return Out;
}

std::vector<FunctionRange> planPartitions(const Module &Wasm,
                                          const PartitionOptions &Opts) {
  return planPartitions(Wasm, Opts, [&Wasm](uint32_t Defined) {
    return isCostlyToOptimise(Wasm, Defined);
  });
}

std::vector<FunctionRange>
planPartitions(const Module &Wasm, const PartitionOptions &Opts,
               function_ref<bool(uint32_t Defined)> IsCostly) {
  const uint32_t NumFuncs = static_cast<uint32_t>(Wasm.Functions.size());
  uint64_t Total = 0;
  for (const Function &F : Wasm.Functions)
    Total += F.BodySize;
  uint64_t Count = 1;
  if (Opts.TargetBytes != 0)
    Count = std::clamp<uint64_t>(divideCeil(Total, Opts.TargetBytes), 1,
                                 std::max<uint32_t>(Opts.MaxPartitions, 1));
  Count = std::min<uint64_t>(Count, NumFuncs);
  std::vector<FunctionRange> Plan;
  if (NumFuncs == 0)
    return Plan;
  // Cut where the running total passes the next multiple of Total / Count,
  // so one huge function does not shift every later cut.
  uint64_t Running = 0;
  uint32_t First = 0;
  for (uint32_t I = 0; I < NumFuncs; ++I) {
    Running += Wasm.Functions[I].BodySize;
    const uint64_t Cut = Total * (Plan.size() + 1) / Count;
    const uint32_t Left = NumFuncs - (I + 1);
    const uint64_t RangesLeft = Count - Plan.size() - 1;
    if (Plan.size() + 1 < Count && Left >= RangesLeft &&
        (Running >= Cut || Left == RangesLeft)) {
      Plan.push_back({First, I + 1});
      First = I + 1;
    }
  }
  Plan.push_back({First, NumFuncs});
  if (Opts.TargetBytes == 0)
    return Plan;
  return isolateCostly(Plan, IsCostly);
}

namespace {

/// A compiled part: its object (debug sections stripped) and, for a
/// partition of bodies in guard mode, the site map of its functions.
using PartObject = EmittedObject;

Expected<PartObject> compilePart(const Module &Wasm, const CompileOptions &Opts,
                                 const LoweringScope &Scope,
                                 bool Unoptimised = false) {
  // An unoptimised part's function is optnone already; -O0 also gives it
  // the fast instruction selector and register allocator, linear in its
  // size where the optimising allocator is not.
  CompileOptions PartOpts = Opts;
  if (Unoptimised)
    PartOpts.Target.Opt = OptLevel::O0;
  Expected<std::unique_ptr<TargetMachine>> TM =
      createTargetMachine(PartOpts.Target);
  if (!TM)
    return TM.takeError();
  // The context, and the module in it, live only until the object exists.
  LLVMContext Ctx;
  Expected<std::unique_ptr<llvm::Module>> M =
      lowerForCodeGen(Wasm, PartOpts, **TM, Ctx, Scope);
  if (!M)
    return M.takeError();
  return emitObject(**M, **TM);
}

/// Runs Work(I) for I in [0, Count) on Jobs threads, claiming indices in
/// ascending order. Once a part has failed, parts not started yet are
/// skipped (left empty): every part before the first failure in index
/// order has started by then, so the error reported is always the same.
void runParts(size_t Count, unsigned Jobs,
              std::vector<std::optional<Expected<PartObject>>> &Results,
              function_ref<Expected<PartObject>(size_t)> Work) {
  std::atomic<size_t> Next{0};
  std::atomic<bool> Failed{false};
  auto Worker = [&] {
    for (size_t I; (I = Next++) < Count;) {
      if (Failed)
        continue;
      Expected<PartObject> R = Work(I);
      if (!R)
        Failed = true;
      Results[I].emplace(std::move(R));
    }
  };
  if (Jobs <= 1) {
    Worker();
    return;
  }
  std::vector<std::thread> Threads;
  for (unsigned T = 0; T < Jobs; ++T)
    Threads.emplace_back(Worker);
  for (std::thread &T : Threads)
    T.join();
}

/// A directory that is removed, with what it holds, when this goes away.
class TemporaryDirectory {
public:
  static Expected<TemporaryDirectory> create() {
    TemporaryDirectory D;
    if (std::error_code EC =
            sys::fs::createUniqueDirectory("wasm-aot-parts", D.Path))
      return createStringError(EC, "cannot create a temporary directory: " +
                                       EC.message());
    return std::move(D);
  }
  TemporaryDirectory() = default;
  TemporaryDirectory(TemporaryDirectory &&O) : Path(std::move(O.Path)) {
    O.Path.clear();
  }
  ~TemporaryDirectory() {
    if (!Path.empty())
      sys::fs::remove_directories(Path);
  }
  std::string file(StringRef Name) const {
    SmallString<256> P(Path);
    sys::path::append(P, Name);
    return std::string(P);
  }

private:
  SmallString<256> Path;
};

Error writeFile(StringRef Path, ArrayRef<char> Bytes) {
  std::error_code EC;
  raw_fd_ostream OS(Path, EC, sys::fs::OF_None);
  if (EC)
    return createStringError(EC, "cannot write '" + Path + "': " +
                                     EC.message());
  OS.write(Bytes.data(), Bytes.size());
  OS.close();
  if (OS.has_error())
    return createStringError(OS.error(), "cannot write '" + Path + "': " +
                                             OS.error().message());
  return Error::success();
}

} // namespace

Error compilePartitioned(const Module &Wasm, const CompileOptions &Opts,
                         ArrayRef<FunctionRange> Plan,
                         raw_pwrite_stream &OS) {
  assert((Plan.size() > 1 || Plan.front().Unoptimised) &&
         "a single partition is compiled whole");
  Expected<Triple> TT = resolveTriple(Opts.Target.Triple);
  if (!TT)
    return TT.takeError();
  // Part I < Plan.size() is a partition of bodies; the last, the module
  // part.
  const size_t Count = Plan.size() + 1;
  std::vector<std::optional<Expected<PartObject>>> Results(Count);
  unsigned Jobs = Opts.Jobs ? Opts.Jobs
                            : hardware_concurrency().compute_thread_count();
  Jobs = std::min<size_t>(Jobs, Count);
  const uint64_t NumFuncs = Wasm.Functions.size();
  std::mutex ProgressLock;
  uint64_t FuncsDone = 0;
  if (Opts.Progress)
    Opts.Progress(0, NumFuncs);
  // Every part needs them; reading the bodies once serves all.
  const StaticTables Static = findStaticTables(Wasm);
  runParts(Count, Jobs, Results, [&](size_t I) {
    if (I == Plan.size())
      return compilePart(Wasm, Opts, LoweringScope::modulePart(&Static));
    const FunctionRange &Range = Plan[I];
    Expected<PartObject> R = compilePart(
        Wasm, Opts, LoweringScope::bodies(Range.First, Range.End, &Static),
        Range.Unoptimised);
    if (R && Opts.Progress) {
      std::lock_guard<std::mutex> G(ProgressLock);
      FuncsDone += Range.End - Range.First;
      Opts.Progress(FuncsDone, NumFuncs);
    }
    return R;
  });

  // The first error in plan order; the others are dropped with it.
  Error First = Error::success();
  for (std::optional<Expected<PartObject>> &R : Results) {
    if (!R || *R)
      continue;
    if (First)
      consumeError(R->takeError());
    else
      First = R->takeError();
  }
  if (First)
    return First;

  // The site map of the whole module, in defined-index order, goes into
  // the placeholder the module part's descriptor points to.
  PartObject &ModulePart = **Results.back();
  std::vector<SiteMapFunction> Sites;
  bool HasSites = false;
  for (size_t I = 0; I < Plan.size(); ++I) {
    PartObject &P = **Results[I];
    HasSites |= P.HasSites;
    std::move(P.Sites.begin(), P.Sites.end(), std::back_inserter(Sites));
  }
  if (HasSites)
    if (Error E = replaceSiteMap(ModulePart.Bytes, Sites))
      return E;

  Expected<TemporaryDirectory> Dir = TemporaryDirectory::create();
  if (!Dir)
    return Dir.takeError();
  std::vector<std::string> Paths;
  for (size_t I = 0; I < Count; ++I) {
    Paths.push_back(Dir->file("part" + std::to_string(I) + ".o"));
    if (Error E = writeFile(Paths.back(), (*Results[I])->Bytes))
      return E;
    Results[I].reset(); // on disk now
  }
  const std::string Linked = Dir->file("module.o");
  if (Error E = linkRelocatable(*TT, Paths, Linked))
    return E;
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buffer =
      MemoryBuffer::getFile(Linked, /*IsText=*/false,
                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return createStringError(Buffer.getError(),
                             "cannot read '" + Linked +
                                 "': " + Buffer.getError().message());
  // The guest functions the parts shared are the object's own again, so
  // two modules' objects can be linked into one program.
  Expected<SmallVector<char, 0>> Final =
      localizeHiddenSymbols((*Buffer)->getBuffer());
  if (!Final)
    return Final.takeError();
  OS.write(Final->data(), Final->size());
  return Error::success();
}

} // namespace wasmaot

//===- CompileCache.cpp - Objects of modules compiled before --------------===//
#include "driver/CompileCache.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/CachePruning.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

using namespace llvm;

namespace wasmaot {

namespace {

/// pruneCache only touches files with this prefix: nothing else a user
/// keeps in the directory is ever removed.
constexpr StringLiteral EntryPrefix = "llvmcache-";

/// Bump when the key's text changes meaning.
constexpr StringLiteral KeyFormat = "wasm-aot-cache-key-1";

} // namespace

std::string defaultCacheDir() {
  if (std::optional<std::string> Dir =
          sys::Process::GetEnv("WASM_AOT_CACHE_DIR"))
    return *Dir;
  SmallString<256> Path;
  if (!sys::path::cache_directory(Path))
    return "";
  sys::path::append(Path, "wasm-aot");
  return std::string(Path);
}

std::string compileKeyOptions(const CompileOptions &Opts) {
  std::string Out;
  raw_string_ostream OS(Out);
  // The triple as the target machine will see it: "x86_64" and
  // "x86_64-linux-gnu" are one target.
  Expected<Triple> TT = resolveTriple(Opts.Target.Triple);
  OS << "features=" << Opts.EnabledFeatures.str() << '\n'
     << "bounds=" << unsigned(Opts.Lower.Bounds) << '\n'
     << "site-map=" << Opts.Lower.SiteMap << '\n'
     << "fuel=" << Opts.Lower.MeterFuel << '\n'
     << "interruptible=" << Opts.Lower.Interruptible << '\n'
     << "deterministic=" << Opts.Lower.Deterministic << '\n'
     << "symbol=" << Opts.Lower.ModuleSymbol << '\n'
     << "triple=" << (TT ? TT->str() : Opts.Target.Triple) << '\n'
     << "cpu=" << Opts.Target.CPU << '\n'
     << "target-features=" << Opts.Target.Features << '\n'
     << "opt=" << unsigned(Opts.Target.Opt) << '\n'
     << "output=" << unsigned(Opts.Output) << '\n'
     << "partition-bytes=" << Opts.Partition.TargetBytes << '\n'
     << "max-partitions=" << Opts.Partition.MaxPartitions << '\n';
  if (!TT)
    consumeError(TT.takeError());
  return Out;
}

std::string cacheKey(const Module &Wasm, const CompileOptions &Opts,
                     StringRef CompilerStamp) {
  BLAKE3 Hasher;
  auto Field = [&Hasher](StringRef S) {
    // Length-prefixed, so no two different field lists hash alike.
    uint64_t Size = S.size();
    Hasher.update(ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(&Size),
                                    sizeof(Size)));
    Hasher.update(S);
  };
  Field(KeyFormat);
  Field(LLVM_VERSION_STRING);
  Field(CompilerStamp);
  Field(compileKeyOptions(Opts));
  Field(StringRef(reinterpret_cast<const char *>(Wasm.Bytes.data()),
                  Wasm.Bytes.size()));
  BLAKE3Result<> Digest = Hasher.final();
  return toHex(Digest, /*LowerCase=*/true);
}

std::string CompileCache::entryPath(StringRef Key) const {
  SmallString<256> Path(Opts.Dir);
  sys::path::append(Path, EntryPrefix + Key);
  return std::string(Path);
}

std::unique_ptr<MemoryBuffer> CompileCache::lookup(StringRef Key) const {
  const std::string Path = entryPath(Key);
  sys::fs::file_t FD;
  if (sys::fs::openFileForRead(Path, FD))
    return nullptr;
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buffer = MemoryBuffer::getOpenFile(
      FD, Path, /*FileSize=*/-1, /*RequiresNullTerminator=*/false);
  // Used now: the pruner drops the least recently used entries first.
  if (Buffer)
    (void)sys::fs::setLastAccessAndModificationTime(FD,
                                                   sys::TimePoint<>::clock::now());
  sys::fs::closeFile(FD);
  if (!Buffer)
    return nullptr;
  return std::move(*Buffer);
}

Error CompileCache::store(StringRef Key, StringRef Object) const {
  if (std::error_code EC = sys::fs::create_directories(Opts.Dir))
    return createStringError(EC, "cannot create the cache directory '" +
                                     Opts.Dir + "': " + EC.message());
  // Written beside the entry, then renamed over it: another process sees
  // the whole entry or none.
  SmallString<256> Model(Opts.Dir);
  sys::path::append(Model, "tmp-%%%%%%%%%%%%.o");
  Expected<sys::fs::TempFile> Temp = sys::fs::TempFile::create(Model);
  if (!Temp)
    return Temp.takeError();
  raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
  OS.write(Object.data(), Object.size());
  OS.flush();
  if (OS.has_error()) {
    std::error_code EC = OS.error();
    OS.clear_error();
    consumeError(Temp->discard());
    return createStringError(EC, "cannot write to the cache directory '" +
                                     Opts.Dir + "': " + EC.message());
  }
  if (Error E = Temp->keep(entryPath(Key)))
    return E;

  CachePruningPolicy Policy;
  Policy.MaxSizeBytes = Opts.MaxBytes;
  Policy.MaxSizePercentageOfAvailableSpace = 0;
  Policy.Expiration = std::chrono::hours(30 * 24);
  Policy.Interval = std::chrono::seconds(60);
  pruneCache(Opts.Dir, Policy);
  return Error::success();
}

Error compileModuleCached(const Module &Wasm, const CompileOptions &Opts,
                          const CacheOptions &Cache, raw_pwrite_stream &OS,
                          CacheOutcome &Outcome) {
  Outcome = CacheOutcome();
  if (Cache.Dir.empty() || Opts.Output != OutputKind::Object)
    return compileModule(Wasm, Opts, OS);
  CompileCache C(Cache);
  const std::string Key = cacheKey(Wasm, Opts, Cache.CompilerStamp);
  if (std::unique_ptr<MemoryBuffer> Stored = C.lookup(Key)) {
    Outcome.Hit = true;
    OS.write(Stored->getBufferStart(), Stored->getBufferSize());
    return Error::success();
  }
  SmallVector<char, 0> Object;
  raw_svector_ostream ObjectOS(Object);
  if (Error E = compileModule(Wasm, Opts, ObjectOS))
    return E;
  OS.write(Object.data(), Object.size());
  if (Error E = C.store(Key, StringRef(Object.data(), Object.size())))
    Outcome.StoreProblem = toString(std::move(E));
  return Error::success();
}

} // namespace wasmaot

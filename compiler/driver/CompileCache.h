//===- CompileCache.h - Objects of modules compiled before ------*- C++ -*-===//
//
// Rebuilding an unchanged module should cost nothing, as ccache makes it
// for C. The cache keeps objects keyed by a hash of everything that decides
// their bytes: the module's bytes, every option that affects code
// (compileKeyOptions), the target, and the compiler's identity (its version,
// LLVM's, and a stamp of the executable the caller supplies, so a rebuilt
// compiler never reuses its predecessor's objects).
//
// Entries are files in one directory, written to a temporary file and
// renamed into place, so several processes may share a cache: a reader
// sees a whole entry or none. A hit refreshes the entry's times; after a
// store, LLVM's cache pruner keeps the directory under its size bound,
// dropping the least recently used entries first.
//
// A changed module is compiled afresh: partitions are not cached on their
// own, because a partition's code depends on the whole module (types,
// function indices, tables), so a change anywhere may change any of them.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_DRIVER_COMPILECACHE_H
#define WASMAOT_DRIVER_COMPILECACHE_H

#include "driver/Compile.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <optional>
#include <string>

namespace wasmaot {

struct CacheOptions {
  /// The cache directory; empty: no cache.
  std::string Dir;
  /// The directory never grows past this many bytes.
  uint64_t MaxBytes = uint64_t(2) << 30;
  /// What tells this compiler apart from another build of it (the tool
  /// passes its version and the size and time of its executable).
  std::string CompilerStamp;
};

/// The directory used when the user names none: $WASM_AOT_CACHE_DIR, else
/// wasm-aot/ in the user's cache directory ($XDG_CACHE_HOME or ~/.cache);
/// empty when there is none.
std::string defaultCacheDir();

/// Every option of Opts that decides the output's bytes, as text. Jobs and
/// Progress do not (the output is the same whatever they are).
std::string compileKeyOptions(const CompileOptions &Opts);

/// The cache key of compiling Wasm with Opts: a hex digest.
std::string cacheKey(const Module &Wasm, const CompileOptions &Opts,
                     llvm::StringRef CompilerStamp);

class CompileCache {
public:
  explicit CompileCache(CacheOptions Opts) : Opts(std::move(Opts)) {}

  /// The object stored under Key, if any.
  std::unique_ptr<llvm::MemoryBuffer> lookup(llvm::StringRef Key) const;
  /// Stores Object under Key and prunes the directory to its bound.
  llvm::Error store(llvm::StringRef Key, llvm::StringRef Object) const;

private:
  std::string entryPath(llvm::StringRef Key) const;
  CacheOptions Opts;
};

/// What the cache did for one compile.
struct CacheOutcome {
  bool Hit = false;
  /// Why the object could not be stored (empty: it was, or it was a hit).
  /// The compile itself succeeded; only the next one loses the speed.
  std::string StoreProblem;
};

/// compileModule for an object, through the cache: a hit writes the stored
/// object to OS without compiling; a miss compiles and stores the result.
/// Text outputs and an empty Cache.Dir bypass it.
llvm::Error compileModuleCached(const Module &Wasm, const CompileOptions &Opts,
                                const CacheOptions &Cache,
                                llvm::raw_pwrite_stream &OS,
                                CacheOutcome &Outcome);

} // namespace wasmaot

#endif

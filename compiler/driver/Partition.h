//===- Partition.h - Compiling a large module in parts -----------*- C++ -*-===//
//
// A large module is not compiled as one LLVM module: its function bodies
// are split into contiguous partitions balanced by size, and each
// partition, plus a module part holding the descriptor, entry wrappers,
// host thunks and init functions, is lowered, optimised and compiled in an
// LLVM context of its own, on a pool of threads. A context is freed as soon
// as its object exists, so memory follows the partitions in flight, not the
// module. Guest functions are hidden symbols across the parts, called
// directly; the objects are linked into one relocatable object (lld -r),
// the site maps of the partitions merged into the module part's, and the
// hidden symbols made local again, so the result is what a whole-module
// compile produces: one object with one external symbol.
//
// The plan depends only on the module and PartitionOptions, never on the
// number of threads, and every part compiles on its own: the output is the
// same bytes whatever -j is.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_DRIVER_PARTITION_H
#define WASMAOT_DRIVER_PARTITION_H

#include "ir/Module.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <vector>

namespace wasmaot {

struct PartitionOptions {
  /// Bytes of function bodies a partition aims at; 0: never split. Small
  /// partitions cost inlining across them, large ones parallelism and
  /// memory.
  uint64_t TargetBytes = 32 * 1024;
  /// At most this many partitions; beyond that they grow instead.
  uint32_t MaxPartitions = 64;
};

/// Defined functions [First, End).
struct FunctionRange {
  uint32_t First = 0;
  uint32_t End = 0;
  /// One function too costly to optimise (lower/CostlyFunctions.h): its
  /// code generator runs at -O0, whatever the module's level.
  bool Unoptimised = false;
  bool operator==(const FunctionRange &O) const {
    return First == O.First && End == O.End && Unoptimised == O.Unoptimised;
  }
};

/// Contiguous, non-empty ranges covering every defined function of Wasm,
/// each near TotalBytes / count bytes of body, except that each function
/// IsCostly names is a range of its own (so there may be more than
/// Opts.MaxPartitions). One range that is not Unoptimised (or none, for a
/// module without functions) means: compile the module whole. With
/// Opts.TargetBytes == 0 the module is always whole.
std::vector<FunctionRange>
planPartitions(const Module &Wasm, const PartitionOptions &Opts,
               llvm::function_ref<bool(uint32_t Defined)> IsCostly);
/// The plan with IsCostly = isCostlyToOptimise.
std::vector<FunctionRange> planPartitions(const Module &Wasm,
                                          const PartitionOptions &Opts);

struct CompileOptions;

/// Compiles the validated Wasm as the partitions of Plan (more than one, or
/// one Unoptimised) plus the module part, Opts.Jobs at a time, and writes
/// the one object to OS. An error is that of the first partition, in plan
/// order, that fails.
llvm::Error compilePartitioned(const Module &Wasm, const CompileOptions &Opts,
                               llvm::ArrayRef<FunctionRange> Plan,
                               llvm::raw_pwrite_stream &OS);

} // namespace wasmaot

#endif

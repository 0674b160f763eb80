//===- LoweringScope.h - The part of a module one LLVM module holds -*- C++ -*-===//
#ifndef WASMAOT_LOWER_LOWERINGSCOPE_H
#define WASMAOT_LOWER_LOWERINGSCOPE_H

#include "ir/Module.h"
#include "lower/StaticTables.h"

#include <cstdint>

namespace wasmaot {

/// Which part of a module one LLVM module holds. A small module is lowered
/// whole, in one LLVM module. A large one is lowered as partitions of its
/// function bodies plus a module part, each compiled on its own and the
/// objects linked into one (driver/Partition.h).
struct LoweringScope {
  /// The defined functions [FirstBody, EndBody) whose bodies it holds.
  uint32_t FirstBody = 0;
  uint32_t EndBody = 0;
  /// Whether it holds what the runtime needs besides the bodies: the
  /// descriptor, entry wrappers, host thunks and init functions.
  bool ModulePart = true;
  /// Whether guest functions are shared with other objects of the module:
  /// then they are hidden external symbols, else internal ones.
  bool Shared = false;
  /// The module's static tables when the caller found them once for all
  /// its parts (a partitioned compile reads the bodies once, not once per
  /// part); null to have the lowering find them when it needs them.
  const StaticTables *Static = nullptr;

  static LoweringScope whole(const Module &Wasm) {
    return {0, static_cast<uint32_t>(Wasm.Functions.size()), true, false,
            nullptr};
  }
  static LoweringScope bodies(uint32_t First, uint32_t End,
                              const StaticTables *Static) {
    return {First, End, false, true, Static};
  }
  static LoweringScope modulePart(const StaticTables *Static) {
    return {0, 0, true, true, Static};
  }
};

} // namespace wasmaot

#endif

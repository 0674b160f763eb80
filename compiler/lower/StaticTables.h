//===- StaticTables.h - Tables whose contents are known when compiling -*- C++ -*-===//
//
// A table that no one but the module's active element segments ever
// writes holds, for the whole life of the instance, exactly what those
// segments put there: the module defines it (an imported one is shared), does
// not export it (so no host or other module reaches it), and no
// instruction grows, sets, fills, copies into or initialises it. The
// segments run before any of the module's code, in order, each at a
// constant offset. Then call_indirect through it needs neither the table's
// size nor its elements at run time: the compiler knows the function in
// every slot and can check and call through constant arrays, as a native
// program calls through its own function pointers (LowerCalls.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_STATICTABLES_H
#define WASMAOT_LOWER_STATICTABLES_H

#include "ir/Module.h"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace wasmaot {

/// Tables of more slots than this are left to the run-time path: their
/// constant arrays would cost the object file 12 bytes a slot.
constexpr uint32_t MaxStaticTableSlots = 1u << 18;

struct StaticTable {
  /// Per slot, the index of the function it holds, or NullSlot.
  std::vector<uint32_t> Slots;
  static constexpr uint32_t NullSlot = UINT32_MAX;
  /// Whether some function's body has call_indirect through it.
  bool CalledIndirectly = false;

  /// What the slots hold, for deciding which checks a call needs.
  bool HasNullSlot = false;
  uint32_t FunctionSlots = 0; // the slots that are not null
  struct SlotsOfType {
    uint32_t Count = 0;
    /// The function when every slot of the type holds the same one, else
    /// NullSlot.
    uint32_t OnlyFunction = NullSlot;
  };
  /// By canonical type index.
  std::map<uint32_t, SlotsOfType> ByType;
};

struct StaticTables {
  /// Per table index (imports first); nullopt where the contents are not
  /// fixed at compile time.
  std::vector<std::optional<StaticTable>> Tables;
  /// Per type index, the first type index structurally equal to it: two
  /// functions may be called through each other's types exactly when these
  /// agree.
  std::vector<uint32_t> CanonicalType;

  const StaticTable *table(uint32_t Index) const {
    return Index < Tables.size() && Tables[Index] ? &*Tables[Index] : nullptr;
  }
};

/// Reads every function body of the validated Wasm once.
StaticTables findStaticTables(const Module &Wasm);

} // namespace wasmaot

#endif

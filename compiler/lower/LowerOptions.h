//===- LowerOptions.h - What the lowering is asked to produce ---*- C++ -*-===//
#ifndef WASMAOT_LOWER_LOWEROPTIONS_H
#define WASMAOT_LOWER_LOWEROPTIONS_H

#include "abi/InstanceLayout.h"

#include <string>

namespace wasmaot {

struct LowerOptions {
  /// How linear-memory accesses are kept in bounds (LowerMemory.cpp).
  BoundsChecks Bounds = BoundsChecks::Guard;
  /// In guard mode, emit what the object's site map is made from
  /// (SiteDebugInfo.cpp), so that faults are reported with their
  /// instruction; it costs compile time and memory (docs/abi.md).
  bool SiteMap = true;
  /// Count executed instructions against the store's fuel and trap when it
  /// runs out (LowerChecks.cpp).
  bool MeterFuel = false;
  /// Check the store's interrupt flag at function entries and loop headers
  /// (LowerChecks.cpp).
  bool Interruptible = false;
  /// Make every result the same on every target: float operators whose NaN
  /// bits wasm leaves open return the canonical NaN (DeterministicNaN.h).
  bool Deterministic = false;
  /// The one external symbol of the object: the module's `const wa_module`
  /// descriptor. Everything else is local to the object (internal linkage,
  /// or hidden symbols localised after partitions are linked).
  std::string ModuleSymbol = "wasm_aot_module";
};

} // namespace wasmaot

#endif

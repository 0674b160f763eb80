//===- HostModule.h - The spec suite's "spectest" host module ----*- C++ -*-===//
//
// The scripts import from a module named "spectest" that every embedder
// provides: print functions that do nothing, four immutable globals (i32 and
// i64 666, f32 and f64 666.6), a funcref table of 10..20 elements and a
// memory of 1..2 pages. SpectestModule creates them in a store and answers
// import lookups by name.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_SPEC_HOSTMODULE_H
#define WASMAOT_TEST_SPEC_HOSTMODULE_H

#include "wasm-aot/runtime.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>

namespace wasmaot::spec {

class SpectestModule {
public:
  /// Creates the host objects in `Store`; the memory uses `Mode` (guard
  /// for modules compiled without bounds checks).
  static llvm::Expected<SpectestModule> create(wa_store *Store,
                                               wa_memory_mode Mode);

  /// The export `Name`, if spectest has one.
  bool lookup(llvm::StringRef Name, wa_extern &Out) const;

private:
  std::map<std::string, wa_extern, std::less<>> Exports;
};

} // namespace wasmaot::spec

#endif

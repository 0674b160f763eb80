//===- Features.h - WebAssembly feature set --------------------------------===//
//
// The set of language features a module may use. The default is WebAssembly
// 2.0; the proposals that follow it are off until their decoding, validation
// and lowering exist, and each gates its own opcodes and encodings so that
// turning one on needs no rework elsewhere.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_IR_FEATURES_H
#define WASMAOT_IR_FEATURES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace wasmaot {

/// One row per feature: identifier, the name used on the command line, and
/// whether it is part of WebAssembly 2.0 (on by default).
#define WASM_AOT_FEATURES(X)                                                   \
  X(MutableGlobals, "mutable-globals", true)                                   \
  X(SignExt, "sign-ext", true)                                                 \
  X(SatFloatToInt, "sat-float-to-int", true)                                   \
  X(MultiValue, "multi-value", true)                                           \
  X(BulkMemory, "bulk-memory", true)                                           \
  X(ReferenceTypes, "reference-types", true)                                   \
  X(Simd, "simd", true)                                                        \
  X(TailCall, "tail-call", false)                                              \
  X(ExtendedConst, "extended-const", false)                                    \
  X(MultiMemory, "multi-memory", false)                                        \
  X(Memory64, "memory64", false)                                               \
  X(Threads, "threads", false)                                                 \
  X(Exceptions, "exceptions", false)

enum class Feature : uint8_t {
#define X(Id, Name, Default) Id,
  WASM_AOT_FEATURES(X)
#undef X
};

/// Which features are on. Core (MVP) is always on and has no bit.
class Features {
public:
  /// WebAssembly 2.0.
  Features();
  static Features none();
  static Features all();

  bool has(Feature F) const { return Bits & bit(F); }
  void set(Feature F, bool On = true) {
    Bits = On ? (Bits | bit(F)) : (Bits & ~bit(F));
  }

  /// Applies a comma-separated list such as "+tail-call,-simd" or
  /// "tail-call,memory64" (a bare name turns the feature on).
  llvm::Error parse(llvm::StringRef List);
  /// "+feature" for every feature that is on.
  std::string str() const;

  static llvm::StringRef name(Feature F);

private:
  static uint32_t bit(Feature F) { return 1u << static_cast<unsigned>(F); }
  uint32_t Bits = 0;
};

} // namespace wasmaot

#endif

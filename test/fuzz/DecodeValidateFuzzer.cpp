//===- DecodeValidateFuzzer.cpp - libFuzzer target for decode+validate ----===//
//
// Feeds arbitrary bytes to the decoder and, when they decode, to the
// validator. Any input must be rejected or accepted cleanly: no crash, no
// sanitizer report, no hang, no leak, no unchecked llvm::Error.
//
// Each input is tried three times:
//   1. with the default features (WebAssembly 2.0),
//   2. with every feature on (Features::all()),
//   3. with a feature set picked from a hash of the input, so that odd
//      combinations (e.g. bulk-memory without reference-types) are covered.
//
// With WASM_AOT_FUZZ_CHECK_SUPERSET=1 in the environment the target also
// checks that the proposals only extend WebAssembly 2.0: a module valid with
// the default features must stay valid with all features on. That holds for
// the proposals in Features.h, but stays opt-in while they are unimplemented.
//
// Build: cmake -DWASM_AOT_BUILD_FUZZERS=ON with clang-19 (scripts/fuzz.sh).
//
//===----------------------------------------------------------------------===//
#include "decode/ModuleDecoder.h"
#include "ir/Features.h"
#include "ir/Module.h"
#include "support/WasmError.h"
#include "validate/Validator.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace wasmaot;

namespace {

/// Renders an error like the tools do (exercising WasmError::log) and
/// consumes it. Returns the rendering's length so the work is not dropped.
size_t render(llvm::Error E) {
  std::string S = llvm::toString(std::move(E));
  return S.size();
}

enum class Result { Malformed, Invalid, Valid };

Result decodeAndValidate(llvm::ArrayRef<uint8_t> Bytes, const Features &F) {
  llvm::Expected<Module> M = decodeModule(Bytes, F);
  if (!M) {
    render(M.takeError());
    return Result::Malformed;
  }
  if (llvm::Error E = validateModule(*M)) {
    render(std::move(E));
    return Result::Invalid;
  }
  // Touch what later stages read from a valid module.
  for (uint32_t I = 0, N = M->numFuncs(); I < N; ++I) {
    if (M->funcTypeIndex(I) >= M->Types.size()) {
      llvm::errs() << "validated module: function " << I
                   << " has an out-of-range type index\n";
      abort();
    }
    (void)M->functionName(I);
  }
  return Result::Valid;
}

uint64_t hashBytes(llvm::ArrayRef<uint8_t> Bytes) {
  uint64_t H = 0xcbf29ce484222325ull; // FNV-1a
  for (uint8_t B : Bytes)
    H = (H ^ B) * 0x100000001b3ull;
  return H;
}

Features mixedFeatures(uint64_t Hash) {
  Features F = Features::none();
  unsigned Bit = 0;
#define X(Id, Name, Default)                                                   \
  F.set(Feature::Id, (Hash >> (Bit++ % 64)) & 1);
  WASM_AOT_FEATURES(X)
#undef X
  return F;
}

bool checkSuperset() {
  static const bool On = [] {
    const char *V = std::getenv("WASM_AOT_FUZZ_CHECK_SUPERSET");
    return V && *V && *V != '0';
  }();
  return On;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::ArrayRef<uint8_t> Bytes(Data, Size);

  Result Default = decodeAndValidate(Bytes, Features());
  Result All = decodeAndValidate(Bytes, Features::all());
  if (checkSuperset() && Default == Result::Valid && All != Result::Valid) {
    llvm::errs() << "valid with the default features but "
                 << (All == Result::Malformed ? "malformed" : "invalid")
                 << " with all features on\n";
    abort();
  }

  // Only worth a third pass when something got past the preamble.
  if (All != Result::Malformed || Default != Result::Malformed) {
    Features Mixed = mixedFeatures(hashBytes(Bytes));
    decodeAndValidate(Bytes, Mixed);
  }
  return 0;
}

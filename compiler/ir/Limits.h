//===- Limits.h - Implementation limits and the errors that name them -----===//
//
// The limits themselves are rows of Limits.def. A module beyond one is not
// malformed or invalid, only larger than wasm-aot accepts, so it is rejected
// with a WasmError of its own kind, LimitExceeded, whose message names the
// limit, the value seen and the largest value accepted. Every limit is
// checked where its count is read, before anything is allocated in
// proportion to it.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_IR_LIMITS_H
#define WASMAOT_IR_LIMITS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>

namespace wasmaot {

enum class Limit : uint8_t {
#define WASM_AOT_LIMIT(Id, Max, What, Where) Id,
#include "ir/Limits.def"
};

struct LimitInfo {
  Limit Id;
  llvm::StringRef Name; ///< the identifier, "FunctionLocals"
  uint64_t Max;         ///< the largest value accepted
  llvm::StringRef What; ///< what is counted, "locals in one function, ..."
  llvm::StringRef Where;
};

const LimitInfo &limitInfo(Limit L);
/// Every row of Limits.def, in its order.
llvm::ArrayRef<LimitInfo> allLimits();

/// The largest value L accepts.
inline uint64_t limitMax(Limit L) { return limitInfo(L).Max; }

/// Success if Seen is within L, else a LimitExceeded WasmError at Offset:
/// "implementation limit: 50001 locals in one function, parameters
/// included; wasm-aot accepts at most 50000".
llvm::Error checkLimit(Limit L, uint64_t Seen, uint64_t Offset);

} // namespace wasmaot

#endif

//===- Limits.cpp ---------------------------------------------------------===//
#include "ir/Limits.h"

#include "support/WasmError.h"

using namespace llvm;

namespace wasmaot {

static const LimitInfo Table[] = {
#define WASM_AOT_LIMIT(Id, Max, What, Where)                                   \
  {Limit::Id, #Id, Max, What, Where},
#include "ir/Limits.def"
};

const LimitInfo &limitInfo(Limit L) {
  return Table[static_cast<unsigned>(L)];
}

ArrayRef<LimitInfo> allLimits() { return Table; }

Error checkLimit(Limit L, uint64_t Seen, uint64_t Offset) {
  const LimitInfo &Info = limitInfo(L);
  if (Seen <= Info.Max)
    return Error::success();
  return make_error<WasmError>(
      WasmErrorKind::LimitExceeded, Offset,
      ("implementation limit: " + Twine(Seen) + " " + Info.What +
       "; wasm-aot accepts at most " + Twine(Info.Max))
          .str());
}

} // namespace wasmaot

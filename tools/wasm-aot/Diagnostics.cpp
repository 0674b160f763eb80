//===- Diagnostics.cpp ----------------------------------------------------===//
#include "Diagnostics.h"

#include "support/WasmError.h"

#include "llvm/Support/WithColor.h"

namespace wasmaot::tool {

static constexpr llvm::StringLiteral ToolName = "wasm-aot";

void Diagnostics::error(const llvm::Twine &Message) {
  ++NumErrors;
  llvm::WithColor::error(OS, ToolName) << Message << '\n';
  OS.flush();
}

void Diagnostics::error(llvm::StringRef File, llvm::Error E) {
  // An ErrorList (several failures joined) gives one line per failure.
  llvm::handleAllErrors(std::move(E), [&](const llvm::ErrorInfoBase &Info) {
    if (Info.isA<WasmError>()) {
      WasmErrorKind Kind = static_cast<const WasmError &>(Info).kind();
      NumLimitErrors += Kind == WasmErrorKind::LimitExceeded;
      NumUnsupportedErrors += Kind == WasmErrorKind::Unsupported;
    }
    error(File + ": " + Info.message());
  });
}

void Diagnostics::note(const llvm::Twine &Message) {
  llvm::WithColor::note(OS, ToolName) << Message << '\n';
  OS.flush();
}

} // namespace wasmaot::tool

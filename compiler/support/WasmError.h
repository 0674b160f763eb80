//===- WasmError.h - Errors that say what went wrong and where ------------===//
//
// Every rejection of a module carries the place it happened: the byte offset
// into the file, and when known the section or the function index. The text
// is rendered once, at the tool's edge, as for example
//   func 12 at 0x1a3: type mismatch in i32.add: expected [i32 i32], got [i32 f64]
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_SUPPORT_WASMERROR_H
#define WASMAOT_SUPPORT_WASMERROR_H

#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>

namespace wasmaot {

/// What kind of rule a module broke. The spec distinguishes binaries that
/// cannot be decoded (malformed) from well-formed ones that fail validation
/// (invalid); the spec-suite check relies on telling them apart. A module
/// beyond one of wasm-aot's implementation limits (ir/Limits.def) may be
/// neither, so that is a kind of its own: the tool gives it its own exit
/// status. So is a valid module using something this compiler does not
/// implement (a proposal's instructions, a memory64 memory): the module is
/// fine, the compiler is not ready for it, and saying "invalid" would send
/// its author looking for a bug that is not theirs.
enum class WasmErrorKind : uint8_t {
  Malformed,
  Invalid,
  LimitExceeded,
  Unsupported,
};

class WasmError : public llvm::ErrorInfo<WasmError> {
public:
  static char ID;

  WasmError(WasmErrorKind Kind, uint64_t Offset, std::string Message)
      : Kind(Kind), Offset(Offset), Message(std::move(Message)) {}

  WasmErrorKind kind() const { return Kind; }
  uint64_t offset() const { return Offset; }
  /// The bare message, without the place (ErrorInfoBase::message has it).
  const std::string &text() const { return Message; }
  std::optional<uint32_t> function() const { return Function; }
  const std::string &section() const { return Section; }

  /// Context is attached on the way out, by the code that knows it.
  void setFunction(uint32_t Index) { Function = Index; }
  void setSection(std::string Name) { Section = std::move(Name); }

  /// "func 12 at 0x1a3: message", "section 'import' at 0x1c: message" or
  /// "at 0x8: message".
  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override;

private:
  WasmErrorKind Kind;
  uint64_t Offset;
  std::string Message;
  std::optional<uint32_t> Function;
  std::string Section;
};

/// A malformed-binary error at Offset.
llvm::Error makeMalformed(uint64_t Offset, const llvm::Twine &Message);
/// A validation error at Offset.
llvm::Error makeInvalid(uint64_t Offset, const llvm::Twine &Message);

/// A valid module this compiler cannot translate, at Offset. Message says
/// what is missing ("return_call", "64-bit memory (memory64)").
llvm::Error makeUnsupported(uint64_t Offset, const llvm::Twine &Message);

/// Adds function/section context to a WasmError travelling in E; other errors
/// pass unchanged.
llvm::Error withFunction(llvm::Error E, uint32_t FunctionIndex);
llvm::Error withSection(llvm::Error E, llvm::StringRef SectionName);

} // namespace wasmaot

#endif

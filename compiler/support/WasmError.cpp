//===- WasmError.cpp ------------------------------------------------------===//
#include "support/WasmError.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace wasmaot {

char WasmError::ID = 0;

void WasmError::log(raw_ostream &OS) const {
  if (Function)
    OS << "func " << *Function << ' ';
  else if (!Section.empty())
    OS << "section '" << Section << "' ";
  OS << "at " << format("0x%" PRIx64, Offset) << ": " << Message;
}

std::error_code WasmError::convertToErrorCode() const {
  return inconvertibleErrorCode();
}

Error makeMalformed(uint64_t Offset, const Twine &Message) {
  return make_error<WasmError>(WasmErrorKind::Malformed, Offset, Message.str());
}

Error makeInvalid(uint64_t Offset, const Twine &Message) {
  return make_error<WasmError>(WasmErrorKind::Invalid, Offset, Message.str());
}

Error makeUnsupported(uint64_t Offset, const Twine &Message) {
  return make_error<WasmError>(WasmErrorKind::Unsupported, Offset,
                               "not supported by this compiler: " +
                                   Message.str());
}

Error withFunction(Error E, uint32_t FunctionIndex) {
  return handleErrors(std::move(E), [&](std::unique_ptr<WasmError> W) -> Error {
    if (!W->function())
      W->setFunction(FunctionIndex);
    return Error(std::move(W));
  });
}

Error withSection(Error E, StringRef SectionName) {
  return handleErrors(std::move(E), [&](std::unique_ptr<WasmError> W) -> Error {
    if (W->section().empty())
      W->setSection(SectionName.str());
    return Error(std::move(W));
  });
}

} // namespace wasmaot

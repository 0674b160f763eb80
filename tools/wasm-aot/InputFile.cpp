//===- InputFile.cpp ------------------------------------------------------===//
#include "InputFile.h"

#include "decode/ModuleDecoder.h"

#include "llvm/Support/MemoryBuffer.h"

namespace wasmaot::tool {

std::string displayName(llvm::StringRef Path) {
  return Path == "-" ? std::string("<stdin>") : Path.str();
}

/// Whether Data looks like the WebAssembly text format: after white space
/// and `;;` line comments, a `(` (every module and script starts with one).
static bool looksLikeText(llvm::StringRef Data) {
  for (;;) {
    Data = Data.ltrim();
    if (!Data.consume_front(";;"))
      break;
    Data = Data.drop_until([](char C) { return C == '\n'; });
  }
  return Data.starts_with("(");
}

llvm::Expected<Module> loadModule(llvm::StringRef Path,
                                  const Features &EnabledFeatures) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFileOrSTDIN(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   Buffer.getError().message());
  llvm::StringRef Data = (*Buffer)->getBuffer();
  // The decoder would say its magic number is missing, which is true but
  // does not say what to do.
  if (!Data.starts_with(llvm::StringRef("\0asm", 4)) && looksLikeText(Data))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "this is WebAssembly text, not a binary module; convert it first "
        "with wat2wasm (from wabt): wat2wasm FILE.wat -o FILE.wasm");
  llvm::ArrayRef<uint8_t> Bytes(
      reinterpret_cast<const uint8_t *>(Data.data()), Data.size());
  return decodeModule(Bytes, EnabledFeatures);
}

} // namespace wasmaot::tool

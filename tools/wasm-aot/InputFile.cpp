//===- InputFile.cpp ------------------------------------------------------===//
#include "InputFile.h"

#include "decode/ModuleDecoder.h"

#include "llvm/Support/MemoryBuffer.h"

namespace wasmaot::tool {

std::string displayName(llvm::StringRef Path) {
  return Path == "-" ? std::string("<stdin>") : Path.str();
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
  llvm::ArrayRef<uint8_t> Bytes(
      reinterpret_cast<const uint8_t *>(Data.data()), Data.size());
  return decodeModule(Bytes, EnabledFeatures);
}

} // namespace wasmaot::tool

//===- InputFile.h - Reading modules from disk ------------------*- C++ -*-===//
#ifndef WASMAOT_TOOLS_INPUTFILE_H
#define WASMAOT_TOOLS_INPUTFILE_H

#include "ir/Features.h"
#include "ir/Module.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace wasmaot::tool {

/// How Path is named in messages: "<stdin>" for "-", else Path itself.
std::string displayName(llvm::StringRef Path);

/// Reads Path ("-" is standard input) and decodes it. A file that cannot be
/// read fails with the system's reason ("No such file or directory"); a
/// malformed one with the decoder's WasmError.
llvm::Expected<Module> loadModule(llvm::StringRef Path,
                                  const Features &EnabledFeatures);

} // namespace wasmaot::tool

#endif

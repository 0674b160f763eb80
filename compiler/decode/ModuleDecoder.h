//===- ModuleDecoder.h - Binary module to wasmaot::Module ------------------===//
//
// Decodes a whole binary module: preamble, every section in order, custom
// sections kept, the name section parsed. Decoding rejects only malformed
// binaries (the spec's binary-format chapter); validation is a separate step
// (validate/Validator.h). Nothing is allocated in proportion to a declared
// count before the bytes that must hold it are known to be there.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_DECODE_MODULEDECODER_H
#define WASMAOT_DECODE_MODULEDECODER_H

#include "ir/Features.h"
#include "ir/Module.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

namespace wasmaot {

/// Decodes Bytes (copied into the result's Module::Bytes). Errors are
/// WasmError values of kind Malformed.
llvm::Expected<Module> decodeModule(llvm::ArrayRef<uint8_t> Bytes,
                                    const Features &EnabledFeatures = {});

/// Parses the payload of a `name` custom section into M.Names. The spec
/// lets custom sections be malformed without making the module malformed, so
/// this returns false (and keeps what it read before the fault) instead of
/// failing the decode.
bool parseNameSection(Module &M, const CustomSection &Section);

} // namespace wasmaot

#endif

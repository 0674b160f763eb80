//===- ModuleHeader.h - A typed C interface for one compiled module -*- C++ -*-===//
//
// `wasm-aot compile --emit-header FILE` writes, next to the object, a C
// header that names what the module offers and needs with C types instead
// of the runtime's untyped values (docs/embedding.md):
//   - PREFIX_imports, a struct of what the module imports: a typed
//     function pointer per imported function (the host's implementation,
//     returning 0 or a trap code, results through pointers), and a
//     wa_memory, wa_table or wa_global pointer per other import;
//   - PREFIX_instantiate, which turns that struct into the runtime's
//     bindings (host functions whose callbacks unpack the values and call
//     the typed pointers) and instantiates the module's descriptor;
//   - per exported function a typed call: the parameters as C values, the
//     result through a pointer (several results through a struct), the
//     runtime's wa_result returned, so a trap comes back as WA_TRAPPED
//     with its code and message, never as a crash of the host;
//   - per exported memory, table or global a function that returns it.
// Exports are found by their declaration index, so a call costs no name
// lookup. Everything is static inline: the header needs no object of its
// own and works from C and C++.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_HEADER_MODULEHEADER_H
#define WASMAOT_HEADER_MODULEHEADER_H

#include "ir/Module.h"

#include <string>

namespace wasmaot {

struct HeaderOptions {
  /// Starts every name the header declares; a C identifier.
  std::string Prefix;
  /// The descriptor's symbol in the object (--module-symbol).
  std::string ModuleSymbol = "wasm_aot_module";
  /// Where the module came from, for the header's first comment.
  std::string SourceName;
};

/// The header's text for the validated Wasm.
std::string moduleHeader(const Module &Wasm, const HeaderOptions &Opts);

/// Whether Name can be a C identifier (and so a prefix or a symbol).
bool isCIdentifier(llvm::StringRef Name);

} // namespace wasmaot

#endif

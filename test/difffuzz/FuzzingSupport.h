//===- FuzzingSupport.h - binaryen's "fuzzing-support" imports ----*- C++ -*-===//
//
// Modules made by `wasm-opt -ttf` import logging functions from the module
// "fuzzing-support" (log-i32, log-i64, log-f32, log-f64). Binaryen's
// interpreter answers every function import of that module the same way:
// it prints `[LoggingExternalInterface logging ARGS]`, an i64 argument as
// two i32s (low half, then high half), and returns nothing. These are host
// functions that print exactly that, made from the types the module
// declares for its imports.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_DIFFFUZZ_FUZZINGSUPPORT_H
#define WASMAOT_TEST_DIFFFUZZ_FUZZINGSUPPORT_H

#include "ValueText.h"

#include "wasm-aot/runtime.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <vector>

namespace wasmaot::difffuzz {

class FuzzingSupport {
public:
  /// Output goes to `Out`, flushed after every line so that what was
  /// printed survives a crash of the compiled code.
  FuzzingSupport(llvm::raw_ostream &Out, FuncRefNamer Namer)
      : Out(Out), Namer(std::move(Namer)) {}

  /// One binding for each of `M`'s imports; an import of anything but a
  /// function of "fuzzing-support" is an error (binaryen would ignore it,
  /// but the fuzzer's modules never have one, so it means something
  /// changed).
  llvm::Expected<std::vector<wa_import_binding_n>>
  bindImports(wa_store *Store, const wa_module *M);

private:
  struct Logger {
    FuzzingSupport *Owner;
    const wa_func_type *Type;
  };
  static uint32_t log(void *Env, wa_value *Values);

  llvm::raw_ostream &Out;
  FuncRefNamer Namer;
  std::vector<std::unique_ptr<Logger>> Loggers;
};

} // namespace wasmaot::difffuzz

#endif

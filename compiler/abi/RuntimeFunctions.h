//===- RuntimeFunctions.h - Runtime entry points and trap codes -----------===//
//
// The functions of the runtime that compiled code calls, declared once from
// RuntimeFunctions.def with their LLVM types and attributes, and the trap
// codes of include/wasm-aot/traps.def.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_ABI_RUNTIMEFUNCTIONS_H
#define WASMAOT_ABI_RUNTIMEFUNCTIONS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Module.h"

#include <cstdint>

namespace wasmaot {

enum class RuntimeFunction : uint8_t {
#define WA_RUNTIME_FUNCTION(Id, Symbol, Signature, Cold) Id,
#include "abi/RuntimeFunctions.def"
};

/// The codes compiled code passes to wa_trap.
enum class TrapCode : uint32_t {
#define WA_TRAP(Id, Code, Message) Id = Code,
#include "wasm-aot/traps.def"
};

/// The symbol of F ("wa_memory_grow").
llvm::StringRef runtimeFunctionName(RuntimeFunction F);

/// The declaration of F in M, created on first use with the attributes the
/// target's C ABI needs (RISC-V wants 32-bit arguments sign-extended, so
/// the extension attributes follow M's target triple; set it first).
llvm::Function *getRuntimeFunction(llvm::Module &M, RuntimeFunction F);

} // namespace wasmaot

#endif

//===- Validator.h - The spec's validation algorithm ----------------------===//
//
// Validates a decoded module: module-level rules (limits, imports/exports,
// constant expressions, segments, start function, declared function
// references) and every function body, with the operand and control stacks of
// the spec's validation algorithm. Errors are WasmError values of kind
// Invalid, except for encoding faults met while reading code (kind
// Malformed), carrying the file offset and, inside code, the function index.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_VALIDATE_VALIDATOR_H
#define WASMAOT_VALIDATE_VALIDATOR_H

#include "ir/Module.h"

#include "llvm/Support/Error.h"

namespace wasmaot {

/// Validates M under M.EnabledFeatures.
llvm::Error validateModule(const Module &M);

/// Validates the body of one defined function (FuncIndex in the function
/// index space, so imports come first). Module-level validation of the
/// rest of M is assumed to have passed. Each call collects the module's
/// declared function references (for ref.func) anew; validateModule does
/// that once for all bodies.
llvm::Error validateFunction(const Module &M, uint32_t FuncIndex);

} // namespace wasmaot

#endif

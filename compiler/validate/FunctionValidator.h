//===- FunctionValidator.h - Pieces of the validator shared between files -===//
//
// The validator is split along the spec's own seams: module-level rules
// (ModuleValidator.cpp), constant expressions (ConstExprValidator.cpp) and
// function bodies (FunctionValidator.cpp). This header is what they share,
// and what unit tests use to reach a piece directly. Validator.h stays the
// public interface.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_VALIDATE_FUNCTIONVALIDATOR_H
#define WASMAOT_VALIDATE_FUNCTIONVALIDATOR_H

#include "ir/Module.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/Support/Error.h"

namespace wasmaot {

/// The spec's C.refs: the functions whose references code may take with
/// ref.func. They are the function indices that occur in the module outside
/// function bodies and the start section: exports, element segments and
/// every constant expression.
class DeclaredFuncRefs {
public:
  /// Walks M's exports and constant expressions once. Indices out of range
  /// are skipped here; module validation reports them.
  static DeclaredFuncRefs collect(const Module &M);

  bool contains(uint32_t FuncIndex) const {
    return FuncIndex < Declared.size() && Declared[FuncIndex];
  }

private:
  // One bit per function of the module: the index space is as large as the
  // import and function sections, so this is bounded by the input size.
  llvm::BitVector Declared;
};

/// Validates the body of defined function FuncIndex (in the function index
/// space) against Refs, which validateModule computes once for all bodies.
/// Errors carry the function index.
llvm::Error validateFunctionBody(const Module &M, uint32_t FuncIndex,
                                 const DeclaredFuncRefs &Refs);

/// Reads the body of defined function FuncIndex for encoding faults only:
/// opcodes and immediates, block nesting and the final `end`, and the data
/// count section that memory.init and data.drop need. validateModule uses
/// it so that a module that is both malformed and invalid is reported as
/// malformed, as the spec's decode-then-validate order would.
llvm::Error checkFunctionEncoding(const Module &M, uint32_t FuncIndex);

/// Validates a constant expression that must produce one value of type
/// Expected. Only the first NumVisibleGlobals globals may be read (in
/// WebAssembly 2.0, the imported ones), and only if immutable. What
/// describes the expression in messages ("global initializer", ...).
llvm::Error validateConstExpr(const Module &M, const ConstExpr &E,
                              ValType Expected, uint32_t NumVisibleGlobals,
                              llvm::StringRef What);

/// The operand type of addresses into memory MemoryIndex (which must
/// exist): i64 for a 64-bit memory (memory64), else i32.
ValType memoryAddressType(const Module &M, uint32_t MemoryIndex);

} // namespace wasmaot

#endif

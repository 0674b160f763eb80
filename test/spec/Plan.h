//===- Plan.h - What the executor is to do for one file ---------*- C++ -*-===//
//
// The plan is the executor's whole input (exec/README.md has the format):
// the memory mode, then one line per command of the script saying what to
// run, with module paths, names and argument values spelled out, so the
// executor needs neither JSON nor LLVM. Commands that need nothing run
// (assert_invalid, text modules, ...) still get a line, so that the
// executor answers every command and a missing answer means it died there.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_SPEC_PLAN_H
#define WASMAOT_TEST_SPEC_PLAN_H

#include "BuildLog.h"
#include "SpecCommand.h"
#include "exec/wire.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace wasmaot::spec {

/// What the executor does for `C`, given how the file's modules built.
wire_op stepOf(const Command &C, const BuildLog &Builds);

/// Writes the plan of `S` for memories of `BoundsChecks` ("guard" or
/// "explicit").
llvm::Error writePlan(llvm::StringRef Path, const Script &S,
                      const BuildLog &Builds, llvm::StringRef BoundsChecks);

} // namespace wasmaot::spec

#endif

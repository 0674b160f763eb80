//===- Commands.h - The subcommands -----------------------------*- C++ -*-===//
//
// Each subcommand takes its resolved options and a Diagnostics for errors,
// and returns the tool's exit status (Options.h, ExitCode).
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TOOLS_COMMANDS_H
#define WASMAOT_TOOLS_COMMANDS_H

#include "Diagnostics.h"
#include "Options.h"

#include "driver/Compile.h"

#include "llvm/Support/raw_ostream.h"

namespace wasmaot::tool {

/// Decodes and validates every input, printing "FILE: OK" to Out for each
/// valid one and an error for each other. Fails if any input failed.
int runValidate(const ValidateOptions &Opts, llvm::raw_ostream &Out,
                Diagnostics &Diags);

/// Prints a summary of the input to Out. A module that cannot be decoded
/// prints nothing; one that decodes but is invalid is summarised, then its
/// validation error reported, and the command fails.
int runInspect(const InspectOptions &Opts, llvm::raw_ostream &Out,
               Diagnostics &Diags);

/// The compiler library's options for what the command line asks.
wasmaot::CompileOptions libraryOptions(const CompileOptions &Opts);

/// compileModule as the command line asks: through the compile cache
/// (unless --no-cache; a store that fails is a note, not an error), with a
/// progress line on stderr as --quiet/--progress say (Progress.h), erased
/// before this returns.
/// Whether --module-symbol is a C identifier, which a host program can
/// declare; if not, it is reported and false returned.
bool checkModuleSymbol(const CompileOptions &Opts, Diagnostics &Diags);

/// Hands compile's --llvm-arg values to LLVM's option parser; an option
/// LLVM does not know is reported and false returned.
bool applyLLVMArgs(const CompileOptions &Opts, Diagnostics &Diags);

llvm::Error compileAsAsked(const Module &Wasm, wasmaot::CompileOptions C,
                           const CompileOptions &Opts, llvm::StringRef Name,
                           llvm::raw_pwrite_stream &OS, Diagnostics &Diags);

/// Compiles the input to the output Opts names (object, assembly or LLVM
/// IR). A module that cannot be read, decoded or validated, or a failure to
/// write the output, fails with ExitFailure; a target, CPU or feature LLVM
/// does not know is a usage error.
int runCompile(const CompileOptions &Opts, Diagnostics &Diags);

/// Compiles the input and links it with the target's runtime into a static
/// executable. ToolPath (this executable) locates the runtime archives. An
/// import the runtime cannot satisfy, a module that is not a WASI command,
/// missing archives or a failed link fail with ExitFailure; bad grant
/// syntax or an unknown target is a usage error.
int runBuild(const BuildOptions &Opts, llvm::StringRef ToolPath,
             Diagnostics &Diags);

} // namespace wasmaot::tool

#endif

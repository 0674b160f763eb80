//===- InspectCommand.cpp - wasm-aot inspect ------------------------------===//
//
// Decodes the module and prints its summary, then validates it. A module
// that does not decode has no summary: only the error is reported. One that
// decodes but does not validate still gets its summary (often what one wants
// to look at), ends with "Validation: failed", and the error is reported as
// for `validate`, so the exit status is the same as validate's.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "InputFile.h"
#include "ModulePrinter.h"

#include "validate/Validator.h"

namespace wasmaot::tool {

int runInspect(const InspectOptions &Opts, llvm::raw_ostream &Out,
               Diagnostics &Diags) {
  std::string Name = displayName(Opts.Input);
  llvm::Expected<Module> M = loadModule(Opts.Input, Opts.Common.EnabledFeatures);
  if (!M) {
    Diags.error(Name, M.takeError());
    return ExitFailure;
  }
  printModuleSummary(*M, Name, Out);
  llvm::Error E = validateModule(*M);
  Out << "\nValidation: " << (E ? "failed" : "OK") << '\n';
  Out.flush();
  if (E) {
    Diags.error(Name, std::move(E));
    return ExitFailure;
  }
  return ExitSuccess;
}

} // namespace wasmaot::tool

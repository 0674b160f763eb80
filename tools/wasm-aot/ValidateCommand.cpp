//===- ValidateCommand.cpp - wasm-aot validate ----------------------------===//
#include "Commands.h"
#include "InputFile.h"

#include "validate/Validator.h"

namespace wasmaot::tool {

/// Decodes and validates one file.
static llvm::Error checkFile(llvm::StringRef Path, const Features &F) {
  llvm::Expected<Module> M = loadModule(Path, F);
  if (!M)
    return M.takeError();
  return validateModule(*M);
}

int runValidate(const ValidateOptions &Opts, llvm::raw_ostream &Out,
                Diagnostics &Diags) {
  bool AllValid = true;
  for (const std::string &Path : Opts.Inputs) {
    std::string Name = displayName(Path);
    if (llvm::Error E = checkFile(Path, Opts.Common.EnabledFeatures)) {
      // Keep stdout and stderr in input order when both go to one place.
      Out.flush();
      Diags.error(Name, std::move(E));
      AllValid = false;
      continue;
    }
    Out << Name << ": OK\n";
  }
  Out.flush();
  return AllValid ? ExitSuccess : ExitFailure;
}

} // namespace wasmaot::tool

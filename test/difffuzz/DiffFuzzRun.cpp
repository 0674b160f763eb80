//===- DiffFuzzRun.cpp - One module run as binaryen's --fuzz-exec runs it -===//
//
// wasm-aot-difffuzz-run compiles one module (`wasm-aot compile` at the
// given level and bounds-check mode, a link into a shared object, dlopen:
// the spec runner's ModuleLoader), instantiates it with the
// "fuzzing-support" logging imports, and calls its exports the way
// binaryen's ExecutionResults does for `wasm-opt --fuzz-exec-before`:
//
//  - one instance for the whole run, so memory, globals and tables carry
//    over from one export to the next;
//  - every function export in declaration order, each announced with
//    `[fuzz-exec] calling NAME`;
//  - before each, the export "hangLimitInitializer" if there is one (it
//    resets the counter that bounds loops and recursion in fuzzer modules);
//  - zero arguments (null for references);
//  - `[fuzz-exec] note result: NAME => VALUES` when it returns values,
//    `[trap MESSAGE]` when it (or the initializer) traps;
//  - a trap during instantiation prints its `[trap MESSAGE]` and ends the
//    run, as binaryen's does.
//
// scripts/difffuzz.sh runs this and wasm-opt on the same module and compares
// the two outputs (test/difffuzz/compare.py). Exit status: 0 the module ran
// (whatever trapped), 3 wasm-aot rejected or failed to compile the module,
// 2 anything else that stopped the run.
//
//===----------------------------------------------------------------------===//
#include "FuzzingSupport.h"
#include "ModuleLoader.h"
#include "ValueText.h"

#include "wasm-aot/runtime.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <vector>

using namespace llvm;
using namespace wasmaot;
using namespace wasmaot::difffuzz;

namespace {

cl::OptionCategory Category("wasm-aot-difffuzz-run options");

cl::opt<std::string> Input(cl::Positional, cl::Required,
                           cl::desc("<module.wasm>"), cl::cat(Category));
cl::opt<std::string> WasmAot("wasm-aot", cl::desc("The wasm-aot executable"),
                             cl::value_desc("PATH"), cl::Required,
                             cl::cat(Category));
cl::opt<std::string> BoundsChecks("bounds-checks",
                                  cl::desc("guard or explicit"),
                                  cl::init("guard"), cl::cat(Category));
cl::opt<std::string> OptLevel("opt-level", cl::desc("O0, O1, O2 or O3"),
                              cl::init("O2"), cl::cat(Category));

constexpr int ExitError = 2;
constexpr int ExitCompileFailed = 3;

const char *HangLimitInitializer = "hangLimitInitializer";

int fail(const Twine &Message, int Status = ExitError) {
  outs().flush();
  errs() << "wasm-aot-difffuzz-run: " << Message << "\n";
  return Status;
}

uint32_t importedFunctionCount(const wa_module *M) {
  uint32_t N = 0;
  for (uint32_t I = 0; I < M->num_imports; ++I)
    N += M->imports[I].kind == WA_EXTERN_FUNC;
  return N;
}

/// Binaryen names the functions of a module read without a name section by
/// index: imported ones "fimport$K", defined ones by their index among the
/// defined functions.
std::string binaryenFuncName(const wa_instance *Inst, const wa_func *F) {
  const wa_module *M = Inst->module;
  uint32_t Imported = importedFunctionCount(M);
  if (F < Inst->funcs || F >= Inst->funcs + Imported + M->num_funcs)
    return "";
  uint32_t Index = static_cast<uint32_t>(F - Inst->funcs);
  if (Index < Imported)
    return "fimport$" + std::to_string(Index);
  return std::to_string(Index - Imported);
}

/// Calls `F` with zero arguments. Returns false when the runtime refused to
/// call it at all (a harness error, not a trap).
bool callWithZeros(wa_function *F, std::vector<wa_value> &Results,
                   wa_result &R) {
  const wa_func_type *Type = wa_function_type(F);
  std::vector<wa_value> Args(Type->num_params);
  std::memset(Args.data(), 0, Args.size() * sizeof(wa_value));
  Results.assign(Type->num_results, wa_value{});
  R = wa_call(F, Args.data(), Args.size(), Results.data(), Results.size());
  return R.status != WA_FAILED;
}

void printTrap(const wa_result &R) {
  outs() << "[trap " << (R.message ? R.message : "?") << "]\n";
  outs().flush();
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  cl::HideUnrelatedOptions(Category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "Compiles one module with wasm-aot and calls its exports as binaryen's "
      "--fuzz-exec does, printing the same lines.\n");
  if (BoundsChecks != "guard" && BoundsChecks != "explicit")
    return fail("--bounds-checks must be guard or explicit");
  StringRef Opt = OptLevel;
  Opt.consume_front("-");

  spec::BuildConfig Config;
  Config.WasmAot = WasmAot;
  Config.OptLevel = ("-" + Opt).str();
  Config.BoundsChecks = BoundsChecks;
  // dlopen searches the library path for a name without a slash.
  SmallString<256> Wasm(Input);
  if (std::error_code EC = sys::fs::make_absolute(Wasm))
    return fail(Input + ": " + EC.message());
  spec::BuildJob Job{Wasm.str().str(), /*Link=*/true};
  std::vector<spec::BuildResult> Built =
      spec::buildModules(Config, ArrayRef(Job), /*Jobs=*/1);
  const spec::BuildResult &B = Built.front();
  switch (B.State) {
  case spec::BuildResult::Built:
    break;
  case spec::BuildResult::Rejected:
    return fail("valid module rejected: " + B.Message, ExitCompileFailed);
  case spec::BuildResult::Unsupported:
    return fail("not supported: " + B.Message, ExitCompileFailed);
  case spec::BuildResult::CompileFailed:
    return fail("compile failed: " + B.Message, ExitCompileFailed);
  case spec::BuildResult::LinkFailed:
    return fail(B.Message);
  }
  Expected<const wa_module *> M = spec::loadModule(B.SharedObject);
  if (!M)
    return fail(toString(M.takeError()));

  wa_store *Store = wa_store_new(nullptr);
  if (!Store)
    return fail("wa_store_new failed");
  wa_instance *Inst = nullptr;
  FuzzingSupport Imports(outs(), [&Inst](const wa_func *F) {
    return Inst ? binaryenFuncName(Inst, F) : std::string();
  });
  Expected<std::vector<wa_import_binding_n>> Bindings =
      Imports.bindImports(Store, *M);
  if (!Bindings)
    return fail(toString(Bindings.takeError()));
  wa_error Err;
  std::memset(&Err, 0, sizeof Err);
  if (!wa_instantiate_n(Store, *M, Bindings->data(), Bindings->size(), &Inst,
                        &Err)) {
    if (Err.kind != WA_ERROR_TRAP)
      return fail(Twine("instantiation failed: ") + Err.message);
    outs() << "[trap " << wa_trap_message(Err.trap) << "]\n";
    outs().flush();
    return 0;
  }

  wa_extern HangInit;
  bool HasHangInit = wa_instance_export(Inst, HangLimitInitializer, &HangInit) &&
                     HangInit.kind == WA_EXTERN_FUNC;
  std::vector<wa_value> Results;
  for (size_t I = 0, E = wa_instance_export_count(Inst); I < E; ++I) {
    const char *NameData = nullptr;
    size_t NameLen = 0;
    wa_extern Export;
    if (!wa_instance_export_at_n(Inst, I, &NameData, &NameLen, &Export))
      return fail("cannot read export " + Twine(I));
    if (Export.kind != WA_EXTERN_FUNC)
      continue;
    StringRef Name(NameData, NameLen);
    outs() << "[fuzz-exec] calling " << Name << "\n";
    outs().flush();
    wa_result R;
    if (HasHangInit) {
      if (!callWithZeros(HangInit.of.func, Results, R))
        return fail(Twine(HangLimitInitializer) + ": " +
                    (R.message ? R.message : "call failed"));
      if (R.status == WA_TRAPPED) {
        printTrap(R);
        continue;
      }
    }
    if (!callWithZeros(Export.of.func, Results, R))
      return fail(Name + ": " + (R.message ? R.message : "call failed"));
    if (R.status == WA_TRAPPED) {
      printTrap(R);
      continue;
    }
    if (Results.empty())
      continue;
    const wa_func_type *Type = wa_function_type(Export.of.func);
    outs() << "[fuzz-exec] note result: " << Name << " => "
           << formatResults(ArrayRef(Type->results, Type->num_results),
                            Results,
                            [Inst](const wa_func *F) {
                              return binaryenFuncName(Inst, F);
                            })
           << "\n";
    outs().flush();
  }
  wa_store_free(Store);
  return 0;
}

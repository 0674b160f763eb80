//===- Runner.cpp - Runs the commands of one script in this process -------===//
//
// First every binary module of the script is built (in parallel: that is
// where the time goes), then the commands run in source order against one
// store. A module that fails to build or instantiate leaves no current
// module, so the commands that use it fail with that reason rather than
// being skipped.
//
//===----------------------------------------------------------------------===//
#include "Runner.h"

#include "HostModule.h"
#include "Outcome.h"

#include "wasm-aot/runtime.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/Twine.h"

#include "llvm/ADT/StringSet.h"

#include <cstring>
#include <map>
#include <optional>
#include <unistd.h>

using namespace llvm;

namespace wasmaot::spec {

namespace {

/// What an action did.
struct ActionResult {
  /// Set when the action could not even be attempted (no module, no such
  /// export, wrong arguments): a failure whatever was asserted.
  std::string Error;
  /// With Error: the module it needed uses what the compiler does not
  /// support, so the command is counted as unsupported, not failed.
  bool Unsupported = false;
  wa_result Call{};
  std::vector<uint8_t> Types; ///< of the results
  std::vector<wa_value> Values;
};

class ScriptRunner {
public:
  ScriptRunner(const Script &S, const RunConfig &Config, int OutFd)
      : S(S), Config(Config), OutFd(OutFd) {}

  int run();

private:
  void report(const Command &C, Status St, const std::string &Cause = "",
              const std::string &Detail = "") {
    Outcome O;
    O.Index = C.Index;
    O.St = St;
    O.Cause = Cause;
    O.Detail = Detail;
    writeOutcome(OutFd, O);
  }
  void pass(const Command &C) { report(C, Status::Pass); }
  void fail(const Command &C, const std::string &Cause,
            const std::string &Detail = "") {
    report(C, Status::Fail, Cause, Detail);
  }
  /// A command that could not run: unsupported when what it needed was a
  /// module the compiler does not support, else failed.
  void notRun(const Command &C, bool Unsupported, const std::string &Cause,
              const std::string &Detail = "") {
    report(C, Unsupported ? Status::Unsupported : Status::Fail, Cause, Detail);
  }

  void runCommand(const Command &C);
  void runModule(const Command &C);
  void runRegister(const Command &C);
  void runAssertReturn(const Command &C);
  void runAssertTrap(const Command &C);
  void runRejected(const Command &C);
  void runInstantiationFailure(const Command &C);

  /// The descriptor of a command's module, or a failure reason in Why
  /// (with a short cause in Cause); Unsupported says the compiler refused
  /// it as using something it does not support.
  const wa_module *moduleOf(const Command &C, std::string &Cause,
                            std::string &Why, bool &Unsupported);
  bool instantiate(const wa_module *M, wa_instance *&Inst, wa_error &Err);
  ActionResult perform(const Action &A);
  wa_instance *instanceFor(const std::string &Name, std::string &Why,
                           bool &Unsupported);

  const Script &S;
  const RunConfig &Config;
  int OutFd;

  wa_store *Store = nullptr;
  std::optional<SpectestModule> Spectest;
  HostRefs Refs;
  std::map<unsigned, BuildResult> Built; // by command index
  wa_instance *Current = nullptr;
  std::string CurrentError = "no module defined yet";
  bool CurrentUnsupported = false;
  StringMap<wa_instance *> Named;      // by $name
  StringSet<> UnsupportedNamed;        // $names of unsupported modules
  StringMap<wa_instance *> Registered; // by the name given to register
};

/// A name in quotes for a report line: names are byte strings, so control
/// bytes (NUL, newlines), '"' and '\\' are written as \hh, as in the text
/// format, and the line stays one line.
std::string quoteName(StringRef Name) {
  static const char Hex[] = "0123456789abcdef";
  std::string Out = "\"";
  for (unsigned char C : Name) {
    if (C < 0x20 || C == 0x7f || C == '"' || C == '\\') {
      Out += '\\';
      Out += Hex[C >> 4];
      Out += Hex[C & 15];
    } else {
      Out += static_cast<char>(C);
    }
  }
  return Out + "\"";
}

std::string describeError(const wa_error &E) {
  const char *Kind = "error";
  switch (E.kind) {
  case WA_ERROR_NONE:
    Kind = "no error";
    break;
  case WA_ERROR_LINK:
    Kind = "link error";
    break;
  case WA_ERROR_TRAP:
    Kind = "trap";
    break;
  case WA_ERROR_RESOURCE:
    Kind = "resource error";
    break;
  case WA_ERROR_MODULE:
    Kind = "module error";
    break;
  case WA_ERROR_MISUSE:
    Kind = "misuse";
    break;
  }
  return std::string(Kind) + ": " + E.message;
}

/// The message of a wa_error without the details after the spec wording,
/// for grouping: the text up to the first ':' or '('.
std::string errorGist(const char *Message) {
  StringRef M(Message);
  M = M.take_until([](char C) { return C == ':' || C == '(' || C == '\n'; });
  return M.trim().str();
}

bool needsLink(const Command &C) {
  switch (C.Kind) {
  case CommandKind::Module:
  case CommandKind::AssertUnlinkable:
  case CommandKind::AssertUninstantiable:
  case CommandKind::AssertTrap:
    return true;
  default:
    return false;
  }
}

int ScriptRunner::run() {
  // Build every binary module first, in parallel.
  std::vector<BuildJob> Jobs;
  std::vector<unsigned> JobCommand;
  for (const Command &C : S.Commands) {
    if (!C.hasModule() || C.TextModule || !C.ParseError.empty())
      continue;
    Jobs.push_back({S.Dir + "/" + C.FileName, needsLink(C)});
    JobCommand.push_back(C.Index);
  }
  std::vector<BuildResult> Results =
      buildModules(Config.Build, Jobs, Config.CompileJobs);
  for (size_t I = 0; I < Results.size(); ++I)
    Built[JobCommand[I]] = std::move(Results[I]);

  if (Config.ExecTimeoutSeconds)
    alarm(Config.ExecTimeoutSeconds);

  std::string SetupError;
  Store = wa_store_new(nullptr);
  if (!Store) {
    SetupError = "wa_store_new failed";
  } else {
    wa_memory_mode Mode = Config.Build.BoundsChecks == "explicit"
                              ? WA_MEMORY_EXPLICIT
                              : WA_MEMORY_GUARD;
    Expected<SpectestModule> SM = SpectestModule::create(Store, Mode);
    if (SM)
      Spectest = std::move(*SM);
    else
      SetupError = toString(SM.takeError());
  }
  if (!SetupError.empty()) {
    for (const Command &C : S.Commands)
      fail(C, "runner setup failed: " + SetupError);
    return 1;
  }

  for (const Command &C : S.Commands)
    runCommand(C);
  // The store is left to process exit: instances may still be referenced
  // by tables of others, and the child ends right after this.
  return 0;
}

void ScriptRunner::runCommand(const Command &C) {
  if (!C.ParseError.empty()) {
    fail(C, "bad command", C.ParseError);
    return;
  }
  switch (C.Kind) {
  case CommandKind::Module:
    return runModule(C);
  case CommandKind::Register:
    return runRegister(C);
  case CommandKind::Action: {
    ActionResult R = perform(*C.Act);
    if (!R.Error.empty())
      return notRun(C, R.Unsupported, "action not performed", R.Error);
    if (R.Call.status != WA_OK)
      return fail(C, std::string("action trapped: ") +
                         (R.Call.message ? R.Call.message : "?"));
    return pass(C);
  }
  case CommandKind::AssertReturn:
    return runAssertReturn(C);
  case CommandKind::AssertTrap:
    if (C.hasModule())
      return runInstantiationFailure(C);
    return runAssertTrap(C);
  case CommandKind::AssertExhaustion:
    return runAssertTrap(C);
  case CommandKind::AssertInvalid:
  case CommandKind::AssertMalformed:
    return runRejected(C);
  case CommandKind::AssertUnlinkable:
  case CommandKind::AssertUninstantiable:
    return runInstantiationFailure(C);
  case CommandKind::Unknown:
    return fail(C, "unknown command", C.TypeName);
  }
}

const wa_module *ScriptRunner::moduleOf(const Command &C, std::string &Cause,
                                        std::string &Why, bool &Unsupported) {
  Unsupported = false;
  auto It = Built.find(C.Index);
  if (It == Built.end()) {
    Cause = "module not built";
    Why = C.FileName;
    return nullptr;
  }
  const BuildResult &B = It->second;
  switch (B.State) {
  case BuildResult::Built:
    break;
  case BuildResult::Rejected:
    Cause = "valid module rejected by wasm-aot compile: " + B.Message;
    Why = C.FileName;
    return nullptr;
  case BuildResult::Unsupported:
    Cause = "not supported by wasm-aot compile";
    Why = C.FileName + ": " + B.Message;
    Unsupported = true;
    return nullptr;
  case BuildResult::CompileFailed:
    Cause = "wasm-aot compile failed: " + B.Message;
    Why = C.FileName;
    return nullptr;
  case BuildResult::LinkFailed:
    Cause = "link failed";
    Why = C.FileName + ": " + B.Message;
    return nullptr;
  }
  Expected<const wa_module *> M = loadModule(B.SharedObject);
  if (!M) {
    Cause = "load failed";
    Why = toString(M.takeError());
    return nullptr;
  }
  return *M;
}

bool ScriptRunner::instantiate(const wa_module *M, wa_instance *&Inst,
                               wa_error &Err) {
  // One binding per import the module asks for that exists; a missing one
  // is left for the runtime to report as "unknown import".
  // Names are byte strings (they may hold NUL), so everything goes by
  // length: the descriptor's names, the registry, the _n runtime calls.
  std::vector<wa_import_binding_n> Bindings;
  for (uint32_t I = 0; I < M->num_imports; ++I) {
    const wa_import &Imp = M->imports[I];
    wa_import_binding_n B;
    std::memset(&B, 0, sizeof B);
    B.module = Imp.module;
    B.module_len = Imp.module_len;
    B.name = Imp.name;
    B.name_len = Imp.name_len;
    StringRef ModName(Imp.module, Imp.module_len);
    StringRef Name(Imp.name, Imp.name_len);
    if (ModName == "spectest") {
      if (Spectest->lookup(Name, B.value))
        Bindings.push_back(B);
      continue;
    }
    auto It = Registered.find(ModName);
    if (It != Registered.end() &&
        wa_instance_export_n(It->second, Name.data(), Name.size(), &B.value))
      Bindings.push_back(B);
  }
  std::memset(&Err, 0, sizeof Err);
  Inst = nullptr;
  return wa_instantiate_n(Store, M, Bindings.data(), Bindings.size(), &Inst,
                          &Err);
}

void ScriptRunner::runModule(const Command &C) {
  // A failed module leaves no current module; later commands say why.
  Current = nullptr;
  CurrentUnsupported = false;
  if (C.TextModule) {
    CurrentError = "text module at line " + std::to_string(C.Line);
    return report(C, Status::NotApplicable);
  }
  std::string Cause, Why;
  bool Unsupported;
  const wa_module *M = moduleOf(C, Cause, Why, Unsupported);
  if (!M) {
    CurrentError = "module at line " + std::to_string(C.Line) +
                   " failed: " + Cause;
    CurrentUnsupported = Unsupported;
    if (Unsupported && !C.Name.empty())
      UnsupportedNamed.insert(C.Name);
    return notRun(C, Unsupported, Cause, Why);
  }
  wa_instance *Inst;
  wa_error Err;
  if (!instantiate(M, Inst, Err)) {
    CurrentError = "module at line " + std::to_string(C.Line) +
                   " did not instantiate";
    return fail(C, "instantiation failed: " + errorGist(Err.message),
                describeError(Err));
  }
  Current = Inst;
  if (!C.Name.empty())
    Named[C.Name] = Inst;
  pass(C);
}

void ScriptRunner::runRegister(const Command &C) {
  std::string Why;
  bool Unsupported;
  wa_instance *Inst = instanceFor(C.Name, Why, Unsupported);
  if (!Inst)
    return notRun(C, Unsupported, "register: no module", Why);
  Registered[C.As] = Inst;
  pass(C);
}

wa_instance *ScriptRunner::instanceFor(const std::string &Name,
                                       std::string &Why, bool &Unsupported) {
  Unsupported = false;
  if (Name.empty()) {
    if (!Current) {
      Why = CurrentError;
      Unsupported = CurrentUnsupported;
    }
    return Current;
  }
  auto It = Named.find(Name);
  if (It == Named.end()) {
    Why = "no module named " + Name;
    Unsupported = UnsupportedNamed.contains(Name);
    return nullptr;
  }
  return It->second;
}

ActionResult ScriptRunner::perform(const Action &A) {
  ActionResult R;
  wa_instance *Inst = instanceFor(A.Module, R.Error, R.Unsupported);
  if (!Inst)
    return R;
  wa_extern X;
  if (!wa_instance_export_n(Inst, A.Field.data(), A.Field.size(), &X)) {
    R.Error = "no export " + quoteName(A.Field);
    return R;
  }

  if (A.Type == Action::Get) {
    if (X.kind != WA_EXTERN_GLOBAL) {
      R.Error = "export " + quoteName(A.Field) + " is not a global";
      return R;
    }
    R.Call.status = WA_OK;
    R.Types.push_back(wa_global_type(X.of.global));
    R.Values.push_back(wa_global_get(X.of.global));
    return R;
  }

  if (X.kind != WA_EXTERN_FUNC) {
    R.Error = "export " + quoteName(A.Field) + " is not a function";
    return R;
  }
  const wa_func_type *T = wa_function_type(X.of.func);
  if (T->num_params != A.Args.size()) {
    R.Error = quoteName(A.Field) + " takes " + std::to_string(T->num_params) +
              " arguments, the script passes " +
              std::to_string(A.Args.size());
    return R;
  }
  std::vector<wa_value> Args;
  for (uint32_t I = 0; I < T->num_params; ++I) {
    if (A.Args[I].Type != T->params[I]) {
      R.Error = "argument " + std::to_string(I) + " of " +
                quoteName(A.Field) + " is " + valTypeName(T->params[I]) +
                ", the script passes " +
                valTypeName(A.Args[I].Type);
      return R;
    }
    Args.push_back(toWaValue(A.Args[I], Refs));
  }
  R.Types.assign(T->results, T->results + T->num_results);
  R.Values.resize(T->num_results);
  std::memset(R.Values.data(), 0, R.Values.size() * sizeof(wa_value));
  R.Call = wa_call(X.of.func, Args.data(), Args.size(), R.Values.data(),
                   R.Values.size());
  return R;
}

void ScriptRunner::runAssertReturn(const Command &C) {
  ActionResult R = perform(*C.Act);
  if (!R.Error.empty())
    return notRun(C, R.Unsupported, "action not performed", R.Error);
  if (R.Call.status == WA_TRAPPED)
    return fail(C,
                std::string("trapped: ") +
                    (R.Call.message ? R.Call.message : "?"),
                quoteName(C.Act->Field));
  if (R.Call.status != WA_OK)
    return fail(C, std::string("call failed: ") +
                       (R.Call.message ? R.Call.message : "?"));
  if (R.Values.size() != C.Expected.size())
    return fail(C, "wrong number of results",
                std::to_string(R.Values.size()) + " results, expected " +
                    std::to_string(C.Expected.size()));
  std::string Got, Want;
  bool Ok = true;
  for (size_t I = 0; I < R.Values.size(); ++I) {
    const SpecValue &E = C.Expected[I];
    bool Same = R.Types[I] == E.Type && matches(E, R.Values[I], Refs);
    Ok &= Same;
    Got += (I ? ", " : "") + formatValue(R.Types[I], R.Values[I], Refs);
    Want += (I ? ", " : "") + formatExpected(E);
  }
  if (!Ok)
    return fail(C, "wrong result",
                quoteName(C.Act->Field) + ": got " + Got + ", expected " +
                    Want);
  pass(C);
}

void ScriptRunner::runAssertTrap(const Command &C) {
  ActionResult R = perform(*C.Act);
  if (!R.Error.empty())
    return notRun(C, R.Unsupported, "action not performed", R.Error);
  std::string Field = quoteName(C.Act->Field);
  if (R.Call.status == WA_OK)
    return fail(C, "returned instead of trapping: " + C.Text, Field);
  if (R.Call.status != WA_TRAPPED)
    return fail(C, std::string("call failed: ") +
                       (R.Call.message ? R.Call.message : "?"));
  const char *Msg = R.Call.message ? R.Call.message : "";
  if (!messageMatches(Msg, C.Text))
    return fail(C, "wrong trap: expected " + C.Text + ", got " + Msg, Field);
  pass(C);
}

void ScriptRunner::runRejected(const Command &C) {
  if (C.TextModule)
    return report(C, Status::NotApplicable);
  auto It = Built.find(C.Index);
  if (It == Built.end())
    return fail(C, "module not built", C.FileName);
  const BuildResult &B = It->second;
  if (B.State == BuildResult::Rejected)
    return pass(C);
  // "Unsupported" means the module decoded and validated: accepted.
  if (B.State == BuildResult::Built || B.State == BuildResult::Unsupported)
    return fail(C, C.TypeName + " accepted by wasm-aot compile: " + C.Text,
                C.FileName);
  fail(C, "wasm-aot compile failed: " + B.Message, C.FileName);
}

void ScriptRunner::runInstantiationFailure(const Command &C) {
  if (C.TextModule)
    return report(C, Status::NotApplicable);
  std::string Cause, Why;
  bool Unsupported;
  const wa_module *M = moduleOf(C, Cause, Why, Unsupported);
  if (!M)
    return notRun(C, Unsupported, Cause, Why);
  wa_instance *Inst;
  wa_error Err;
  if (instantiate(M, Inst, Err))
    return fail(C, C.TypeName + ": instantiated: " + C.Text, C.FileName);
  wa_error_kind Want = C.Kind == CommandKind::AssertUnlinkable ? WA_ERROR_LINK
                                                               : WA_ERROR_TRAP;
  if (Err.kind != Want || !messageMatches(Err.message, C.Text))
    return fail(C,
                C.TypeName + ": wrong error: expected " + C.Text + ", got " +
                    errorGist(Err.message),
                describeError(Err));
  pass(C);
}

} // namespace

int runScript(const Script &S, const RunConfig &Config, int OutFd) {
  ScriptRunner R(S, Config, OutFd);
  return R.run();
}

} // namespace wasmaot::spec

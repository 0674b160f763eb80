//===- Judge.cpp - From the executor's answers to outcomes ----------------===//
//
// Walks the script in order, as the executor did, keeping what the
// executor cannot know: why there is no current module (a module refused
// by the compiler, not supported, text, failed to load or instantiate), so
// that the commands that needed it fail with that reason, or count as
// unsupported when the module used what the compiler does not support.
//
//===----------------------------------------------------------------------===//
#include "Judge.h"

#include "WireFile.h"

#include "wasm-aot/runtime.h"

#include "llvm/ADT/StringSet.h"

using namespace llvm;

namespace wasmaot::spec {

namespace {

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

std::string describeError(uint64_t Kind, StringRef Message) {
  const char *Name = "error";
  switch (Kind) {
  case WA_ERROR_NONE:
    Name = "no error";
    break;
  case WA_ERROR_LINK:
    Name = "link error";
    break;
  case WA_ERROR_TRAP:
    Name = "trap";
    break;
  case WA_ERROR_RESOURCE:
    Name = "resource error";
    break;
  case WA_ERROR_MODULE:
    Name = "module error";
    break;
  case WA_ERROR_MISUSE:
    Name = "misuse";
    break;
  }
  return (Twine(Name) + ": " + Message).str();
}

/// The message of a wa_error without the details after the spec wording,
/// for grouping: the text up to the first ':' or '('.
std::string errorGist(StringRef Message) {
  return Message
      .take_until([](char C) { return C == ':' || C == '(' || C == '\n'; })
      .trim()
      .str();
}

/// An invoke or get as the executor answered it.
struct Performed {
  /// Set when the action could not even be attempted (no module, no such
  /// export, wrong arguments): a failure whatever was asserted.
  std::string Error;
  /// With Error: the module it needed uses what the compiler does not
  /// support, so the command is counted as unsupported, not failed.
  bool Unsupported = false;
};

class Judge {
public:
  Judge(const Script &S, const BuildLog &Builds, const Answers &A)
      : S(S), Builds(Builds), All(A) {}

  std::vector<Outcome> run();

private:
  void report(const Command &C, Status St, const std::string &Cause = "",
              const std::string &Detail = "") {
    Outcome O;
    O.Index = C.Index;
    O.St = St;
    O.Cause = Cause;
    O.Detail = Detail;
    Out.push_back(std::move(O));
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
  /// The executor answered something this command cannot produce.
  void unexpected(const Command &C, const Answer &A) {
    fail(C, "executor gave an unexpected answer",
         A.Unreadable.empty() ? wire_answer_name(A.Kind) : A.Unreadable);
  }

  void judgeCommand(const Command &C, const Answer &A);
  void judgeModule(const Command &C, const Answer &A);
  void judgeRegister(const Command &C, const Answer &A);
  void judgeAction(const Command &C, const Answer &A);
  void judgeAssertReturn(const Command &C, const Answer &A);
  void judgeAssertTrap(const Command &C, const Answer &A);
  void judgeRejected(const Command &C);
  void judgeInstantiationFailure(const Command &C, const Answer &A);

  /// The build of a command's module when it was built; otherwise null,
  /// with a short cause in Cause and the details in Why.
  const BuildResult *builtModule(const Command &C, std::string &Cause,
                                 std::string &Why, bool &Unsupported) const;
  /// Why the executor had no instance of the module named `Name` (the
  /// current one when empty).
  std::string noInstance(const std::string &Name, bool &Unsupported) const;
  /// What an answer to an invoke or get means when the action was not
  /// performed; an empty Error when it was.
  Performed performed(const Command &C, const Answer &A) const;

  const Script &S;
  const BuildLog &Builds;
  const Answers &All;
  std::vector<Outcome> Out;

  std::string CurrentError = "no module defined yet";
  bool CurrentUnsupported = false;
  StringSet<> UnsupportedNamed; // $names of unsupported modules
};

std::vector<Outcome> Judge::run() {
  for (const Command &C : S.Commands) {
    auto It = All.find(C.Index);
    if (It == All.end())
      break; // the executor died here; the report says how
    const Answer &A = It->second;
    if (A.Kind == WIRE_ANS_SETUP) {
      fail(C, "runner setup failed: " + A.Text);
      continue;
    }
    if (!A.Unreadable.empty() || A.Kind == WIRE_ANS_BADPLAN ||
        A.Kind == WIRE_ANS_OOM) {
      unexpected(C, A);
      continue;
    }
    judgeCommand(C, A);
  }
  return std::move(Out);
}

void Judge::judgeCommand(const Command &C, const Answer &A) {
  if (!C.ParseError.empty())
    return fail(C, "bad command", C.ParseError);
  switch (C.Kind) {
  case CommandKind::Module:
    return judgeModule(C, A);
  case CommandKind::Register:
    return judgeRegister(C, A);
  case CommandKind::Action:
    return judgeAction(C, A);
  case CommandKind::AssertReturn:
    return judgeAssertReturn(C, A);
  case CommandKind::AssertTrap:
    if (C.hasModule())
      return judgeInstantiationFailure(C, A);
    return judgeAssertTrap(C, A);
  case CommandKind::AssertExhaustion:
    return judgeAssertTrap(C, A);
  case CommandKind::AssertInvalid:
  case CommandKind::AssertMalformed:
    return judgeRejected(C);
  case CommandKind::AssertUnlinkable:
  case CommandKind::AssertUninstantiable:
    return judgeInstantiationFailure(C, A);
  case CommandKind::Unknown:
    return fail(C, "unknown command", C.TypeName);
  }
}

const BuildResult *Judge::builtModule(const Command &C, std::string &Cause,
                                      std::string &Why,
                                      bool &Unsupported) const {
  Unsupported = false;
  auto It = Builds.find(C.Index);
  if (It == Builds.end()) {
    Cause = "module not built";
    Why = C.FileName;
    return nullptr;
  }
  const BuildResult &B = It->second;
  switch (B.State) {
  case BuildResult::Built:
    return &B;
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
  return nullptr;
}

void Judge::judgeModule(const Command &C, const Answer &A) {
  // A failed module leaves no current module; later commands say why.
  CurrentUnsupported = false;
  if (C.TextModule) {
    CurrentError = "text module at line " + std::to_string(C.Line);
    return report(C, Status::NotApplicable);
  }
  std::string Cause, Why;
  bool Unsupported;
  if (!builtModule(C, Cause, Why, Unsupported)) {
    CurrentError = "module at line " + std::to_string(C.Line) +
                   " failed: " + Cause;
    CurrentUnsupported = Unsupported;
    if (Unsupported && !C.Name.empty())
      UnsupportedNamed.insert(C.Name);
    return notRun(C, Unsupported, Cause, Why);
  }
  switch (A.Kind) {
  case WIRE_ANS_OK:
    return pass(C);
  case WIRE_ANS_LOAD:
    CurrentError =
        "module at line " + std::to_string(C.Line) + " failed: load failed";
    return notRun(C, false, "load failed", A.Text);
  case WIRE_ANS_INST:
    CurrentError = "module at line " + std::to_string(C.Line) +
                   " did not instantiate";
    return fail(C, "instantiation failed: " + errorGist(A.Text),
                describeError(A.ErrorKind, A.Text));
  default:
    CurrentError = "module at line " + std::to_string(C.Line) +
                   " failed in the executor";
    return unexpected(C, A);
  }
}

std::string Judge::noInstance(const std::string &Name,
                              bool &Unsupported) const {
  if (Name.empty()) {
    Unsupported = CurrentUnsupported;
    return CurrentError;
  }
  Unsupported = UnsupportedNamed.contains(Name);
  return "no module named " + Name;
}

void Judge::judgeRegister(const Command &C, const Answer &A) {
  if (A.Kind == WIRE_ANS_NOINST) {
    bool Unsupported;
    std::string Why = noInstance(C.Name, Unsupported);
    return notRun(C, Unsupported, "register: no module", Why);
  }
  if (A.Kind != WIRE_ANS_OK)
    return unexpected(C, A);
  pass(C);
}

Performed Judge::performed(const Command &C, const Answer &A) const {
  Performed P;
  const Action &Act = *C.Act;
  std::string Field = quoteName(Act.Field);
  switch (A.Kind) {
  case WIRE_ANS_OK:
  case WIRE_ANS_TRAP:
  case WIRE_ANS_FAILED:
    return P;
  case WIRE_ANS_NOINST:
    P.Error = noInstance(Act.Module, P.Unsupported);
    return P;
  case WIRE_ANS_NOEXPORT:
    P.Error = "no export " + Field;
    return P;
  case WIRE_ANS_NOTGLOBAL:
    P.Error = "export " + Field + " is not a global";
    return P;
  case WIRE_ANS_NOTFUNC:
    P.Error = "export " + Field + " is not a function";
    return P;
  case WIRE_ANS_SIGNATURE:
    if (A.Params.size() != Act.Args.size()) {
      P.Error = Field + " takes " + std::to_string(A.Params.size()) +
                " arguments, the script passes " +
                std::to_string(Act.Args.size());
      return P;
    }
    for (size_t I = 0; I < A.Params.size(); ++I) {
      if (A.Params[I] != Act.Args[I].Type) {
        P.Error = "argument " + std::to_string(I) + " of " + Field + " is " +
                  valTypeName(A.Params[I]) + ", the script passes " +
                  valTypeName(Act.Args[I].Type);
        return P;
      }
    }
    P.Error = "the executor could not pass the arguments of " + Field;
    return P;
  default:
    P.Error = std::string("executor answered '") + wire_answer_name(A.Kind) +
              "'";
    return P;
  }
}

void Judge::judgeAction(const Command &C, const Answer &A) {
  Performed P = performed(C, A);
  if (!P.Error.empty())
    return notRun(C, P.Unsupported, "action not performed", P.Error);
  if (A.Kind != WIRE_ANS_OK)
    return fail(C, "action trapped: " + A.Text);
  pass(C);
}

void Judge::judgeAssertReturn(const Command &C, const Answer &A) {
  Performed P = performed(C, A);
  if (!P.Error.empty())
    return notRun(C, P.Unsupported, "action not performed", P.Error);
  if (A.Kind == WIRE_ANS_TRAP)
    return fail(C, "trapped: " + A.Text, quoteName(C.Act->Field));
  if (A.Kind == WIRE_ANS_FAILED)
    return fail(C, "call failed: " + A.Text);
  if (A.Values.size() != C.Expected.size())
    return fail(C, "wrong number of results",
                std::to_string(A.Values.size()) + " results, expected " +
                    std::to_string(C.Expected.size()));
  std::string Got, Want;
  bool Ok = true;
  for (size_t I = 0; I < A.Values.size(); ++I) {
    const SpecValue &E = C.Expected[I];
    Ok &= matches(E, A.Values[I]);
    Got += (I ? ", " : "") + formatValue(A.Values[I]);
    Want += (I ? ", " : "") + formatExpected(E);
  }
  if (!Ok)
    return fail(C, "wrong result",
                quoteName(C.Act->Field) + ": got " + Got + ", expected " +
                    Want);
  pass(C);
}

void Judge::judgeAssertTrap(const Command &C, const Answer &A) {
  Performed P = performed(C, A);
  if (!P.Error.empty())
    return notRun(C, P.Unsupported, "action not performed", P.Error);
  std::string Field = quoteName(C.Act->Field);
  if (A.Kind == WIRE_ANS_OK)
    return fail(C, "returned instead of trapping: " + C.Text, Field);
  if (A.Kind == WIRE_ANS_FAILED)
    return fail(C, "call failed: " + A.Text);
  if (!messageMatches(A.Text, C.Text))
    return fail(C, "wrong trap: expected " + C.Text + ", got " + A.Text,
                Field);
  pass(C);
}

void Judge::judgeRejected(const Command &C) {
  if (C.TextModule)
    return report(C, Status::NotApplicable);
  auto It = Builds.find(C.Index);
  if (It == Builds.end())
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

void Judge::judgeInstantiationFailure(const Command &C, const Answer &A) {
  if (C.TextModule)
    return report(C, Status::NotApplicable);
  std::string Cause, Why;
  bool Unsupported;
  if (!builtModule(C, Cause, Why, Unsupported))
    return notRun(C, Unsupported, Cause, Why);
  switch (A.Kind) {
  case WIRE_ANS_LOAD:
    return notRun(C, false, "load failed", A.Text);
  case WIRE_ANS_OK:
    return fail(C, C.TypeName + ": instantiated: " + C.Text, C.FileName);
  case WIRE_ANS_INST:
    break;
  default:
    return unexpected(C, A);
  }
  uint64_t Want = C.Kind == CommandKind::AssertUnlinkable ? WA_ERROR_LINK
                                                          : WA_ERROR_TRAP;
  if (A.ErrorKind != Want || !messageMatches(A.Text, C.Text))
    return fail(C,
                C.TypeName + ": wrong error: expected " + C.Text + ", got " +
                    errorGist(A.Text),
                describeError(A.ErrorKind, A.Text));
  pass(C);
}

/// Parses the rest of a record line after its answer word.
bool parseAnswerBody(wire_line &L, Answer &A) {
  char *Text;
  size_t Len;
  switch (A.Kind) {
  case WIRE_ANS_OK:
    while (!wire_at_end(&L)) {
      wire_value V;
      if (!wire_get_value(&L, &V))
        return false;
      A.Values.push_back(V);
    }
    return true;
  case WIRE_ANS_INST:
    if (!wire_get_uint(&L, &A.ErrorKind))
      return false;
    [[fallthrough]];
  case WIRE_ANS_LOAD:
  case WIRE_ANS_TRAP:
  case WIRE_ANS_FAILED:
  case WIRE_ANS_SETUP:
    if (!wire_get_string(&L, &Text, &Len))
      return false;
    A.Text.assign(Text, Len);
    return wire_at_end(&L);
  case WIRE_ANS_SIGNATURE:
    while (!wire_at_end(&L)) {
      const char *Word;
      size_t WordLen;
      uint8_t Type;
      if (!wire_get_word(&L, &Word, &WordLen) ||
          !wire_type_byte(Word, WordLen, &Type))
        return false;
      A.Params.push_back(Type);
    }
    return true;
  default:
    return wire_at_end(&L);
  }
}

} // namespace

Answers readAnswers(StringRef Path) {
  Answers Result;
  readWireFile(Path, [&](wire_line &L) {
    // Kept as written for the message, before strings are decoded in place.
    std::string Line(L.pos, L.end);
    uint64_t Index;
    if (!wire_get_uint(&L, &Index))
      return;
    Answer A;
    if (!wire_get_answer(&L, &A.Kind) || !parseAnswerBody(L, A)) {
      A = Answer();
      A.Unreadable = Line;
    }
    Result[static_cast<unsigned>(Index)] = std::move(A);
  });
  return Result;
}

std::vector<Outcome> judgeScript(const Script &S, const BuildLog &Builds,
                                 const Answers &A) {
  return Judge(S, Builds, A).run();
}

} // namespace wasmaot::spec

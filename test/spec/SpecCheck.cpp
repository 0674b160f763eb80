//===- SpecCheck.cpp - Check decode+validate against the spec test suite --===//
//
// wasm-aot-spec-check reads the JSON scripts wast2json writes for the official
// spec suite (.wast -> .json plus one .wasm per module) and checks every
// binary module in them against the decoder and the validator:
//
//   module                         must decode and validate
//   assert_unlinkable,
//   assert_uninstantiable, and any
//   other command with a module    must decode and validate (they fail later,
//                                  at link or instantiation time)
//   assert_invalid                 must be rejected
//   assert_malformed (binary)      must be rejected
//   assert_malformed/invalid (text) not applicable: the module is text that
//                                  wast2json could not turn into a binary;
//                                  counted, never dropped silently
//   assert_return, assert_trap,... execution: counted as "not run here"
//   register                       counted
//
// Each checked module is one case; the last line is "N passed, N failed" and
// the exit status is 1 when anything failed (2 for bad usage).
//
//===----------------------------------------------------------------------===//
#include "decode/ModuleDecoder.h"
#include "ir/Features.h"
#include "support/WasmError.h"
#include "validate/Validator.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace llvm;
using namespace wasmaot;

namespace {

cl::OptionCategory Category("wasm-aot-spec-check options");

cl::list<std::string> InputFiles(cl::Positional, cl::ZeroOrMore,
                                 cl::desc("<wast2json output .json>..."),
                                 cl::cat(Category));

cl::opt<std::string>
    FeatureList("features",
                cl::desc("Feature changes applied to the WebAssembly 2.0 "
                         "default, e.g. +tail-call,-simd"),
                cl::value_desc("LIST"), cl::init(""), cl::cat(Category));

cl::opt<std::string>
    WasmDir("wasm-dir",
            cl::desc("Directory holding the .wasm files (default: the "
                     "directory of each .json file)"),
            cl::value_desc("DIR"), cl::init(""), cl::cat(Category));

cl::opt<bool> Verbose("verbose",
                      cl::desc("Print every rejection's message next to the "
                               "text the test expects"),
                      cl::init(false), cl::cat(Category));
cl::alias VerboseShort("v", cl::desc("Alias for --verbose"),
                       cl::aliasopt(Verbose));

cl::opt<bool> StrictKinds(
    "strict-kinds",
    cl::desc("Also fail an assert_invalid rejected as malformed, or a binary "
             "assert_malformed rejected as invalid"),
    cl::init(false), cl::cat(Category));

cl::list<std::string> ConversionFailures(
    "conversion-failure",
    cl::desc("Count a .wast file that could not be converted to JSON as one "
             "failed case (used by scripts/spec-check.sh)"),
    cl::value_desc("FILE: REASON"), cl::cat(Category));

/// What a module is expected to do.
enum class Expect { Valid, Invalid, Malformed };

/// The rows of the totals table.
enum Row : unsigned {
  RowModule,    // `module` commands
  RowOther,     // modules inside assert_unlinkable, assert_uninstantiable, ...
  RowInvalid,   // assert_invalid (binary)
  RowMalformed, // assert_malformed (binary)
  NumRows
};

const char *rowTitle(unsigned R) {
  switch (R) {
  case RowModule:
    return "module commands accepted";
  case RowOther:
    return "modules in other commands accepted";
  case RowInvalid:
    return "assert_invalid rejected";
  case RowMalformed:
    return "assert_malformed (binary) rejected";
  }
  return "?";
}

enum class Stage { None, Read, Decoder, Validator };

const char *stageName(Stage S) {
  switch (S) {
  case Stage::None:
    return "none";
  case Stage::Read:
    return "reading";
  case Stage::Decoder:
    return "decoder";
  case Stage::Validator:
    return "validator";
  }
  return "?";
}

/// The result of decoding and validating one binary.
struct Outcome {
  bool Accepted = false;
  bool Crashed = false;
  Stage RejectedBy = Stage::None;
  std::optional<WasmErrorKind> Kind; // when the error was a WasmError
  std::string Message;               // full rendering, with the place
  std::string Text;                  // without the place (for grouping)
};

std::string kindName(std::optional<WasmErrorKind> Kind) {
  if (!Kind)
    return "not a WasmError";
  switch (*Kind) {
  case WasmErrorKind::Malformed:
    return "malformed";
  case WasmErrorKind::Invalid:
    return "invalid";
  case WasmErrorKind::LimitExceeded:
    return "beyond an implementation limit";
  case WasmErrorKind::Unsupported:
    return "not supported by this compiler";
  }
  return "?";
}

Outcome outcomeFromError(Error E, Stage S) {
  Outcome O;
  O.RejectedBy = S;
  handleAllErrors(
      std::move(E),
      [&](const WasmError &W) {
        O.Kind = W.kind();
        raw_string_ostream OS(O.Message);
        W.log(OS);
        O.Text = W.text();
      },
      [&](const ErrorInfoBase &B) {
        O.Message = B.message();
        O.Text = "(not a WasmError) " + O.Message;
      });
  return O;
}

Outcome checkBinary(ArrayRef<uint8_t> Bytes, const Features &F) {
  Expected<Module> M = decodeModule(Bytes, F);
  if (!M)
    return outcomeFromError(M.takeError(), Stage::Decoder);
  if (Error E = validateModule(*M))
    return outcomeFromError(std::move(E), Stage::Validator);
  Outcome O;
  O.Accepted = true;
  return O;
}

/// Runs checkBinary so that a crash (segfault, failed assertion) in the
/// decoder or validator becomes one failed case instead of ending the run.
Outcome checkBinarySafely(ArrayRef<uint8_t> Bytes, const Features &F) {
  Outcome O;
  CrashRecoveryContext CRC;
  if (!CRC.RunSafely([&] { O = checkBinary(Bytes, F); })) {
    O = Outcome();
    O.Crashed = true;
    O.Message = "CRASHED (signal or abort while checking)";
    O.Text = O.Message;
  }
  return O;
}

struct Counts {
  unsigned Passed[NumRows] = {};
  unsigned Total[NumRows] = {};
  // Rejections by stage, for the rows that expect rejection.
  unsigned ByDecoder[NumRows] = {};
  unsigned ByValidator[NumRows] = {};
  // Rejected, but with the other kind (assert_invalid as malformed, binary
  // assert_malformed as invalid) or not as a WasmError at all.
  unsigned KindMismatch[NumRows] = {};
  // Rejections whose message contains the text the test expects.
  unsigned MessageMatch[NumRows] = {};
  unsigned TextNotApplicable = 0;       // all text-form modules
  std::map<std::string, unsigned> TextByCommand;
  std::map<std::string, unsigned> Execution; // by command type
  unsigned Register = 0;
  unsigned Unknown = 0; // command types this tool does not know
  unsigned FileErrors = 0;
  unsigned Commands = 0;

  void add(const Counts &C) {
    for (unsigned R = 0; R < NumRows; ++R) {
      Passed[R] += C.Passed[R];
      Total[R] += C.Total[R];
      ByDecoder[R] += C.ByDecoder[R];
      ByValidator[R] += C.ByValidator[R];
      KindMismatch[R] += C.KindMismatch[R];
      MessageMatch[R] += C.MessageMatch[R];
    }
    TextNotApplicable += C.TextNotApplicable;
    for (auto &[K, V] : C.TextByCommand)
      TextByCommand[K] += V;
    for (auto &[K, V] : C.Execution)
      Execution[K] += V;
    Register += C.Register;
    Unknown += C.Unknown;
    FileErrors += C.FileErrors;
    Commands += C.Commands;
  }
  unsigned executionTotal() const {
    unsigned N = 0;
    for (auto &[K, V] : Execution)
      N += V;
    return N;
  }
  unsigned textTotal() const { return TextNotApplicable; }
  unsigned passed() const {
    unsigned N = 0;
    for (unsigned R = 0; R < NumRows; ++R)
      N += Passed[R];
    return N;
  }
  unsigned failed() const {
    unsigned N = FileErrors + Unknown;
    for (unsigned R = 0; R < NumRows; ++R)
      N += Total[R] - Passed[R];
    return N;
  }
};

struct Failure {
  std::string Where;   // source.wast:line
  std::string Command; // command type and module file
  std::string Reason;
  std::string GroupKey; // for the digest
};

/// Commands that run code; this tool only counts them.
bool isExecutionCommand(StringRef Type) {
  return Type == "assert_return" || Type == "assert_trap" ||
         Type == "assert_exhaustion" || Type == "assert_exception" ||
         Type == "action" || Type == "assert_return_canonical_nan" ||
         Type == "assert_return_arithmetic_nan";
}

class Checker {
public:
  explicit Checker(Features F) : EnabledFeatures(F) {}

  /// Checks one wast2json output file; its counts go to Totals.
  void checkFile(StringRef JsonPath);

  void printTotals(raw_ostream &OS) const;
  void printFailures(raw_ostream &OS) const;
  void printDigest(raw_ostream &OS) const;
  void addConversionFailure(StringRef What);

  const Counts &totals() const { return Totals; }

private:
  void fail(StringRef Where, StringRef Command, const Twine &Reason,
            StringRef GroupKey, Counts &C);
  void checkModuleCommand(StringRef Source, int64_t Line, StringRef Type,
                          const json::Object &Cmd, StringRef Dir, Counts &C);

  Features EnabledFeatures;
  Counts Totals;
  std::vector<Failure> Failures;
};

void Checker::addConversionFailure(StringRef What) {
  Failure F;
  auto [File, Reason] = What.split(": ");
  F.Where = File.str();
  F.Command = "wast2json";
  F.Reason = Reason.empty() ? "conversion failed" : Reason.str();
  F.GroupKey = "wast2json could not convert the file";
  Failures.push_back(std::move(F));
  ++Totals.FileErrors;
}

void Checker::fail(StringRef Where, StringRef Command, const Twine &Reason,
                   StringRef GroupKey, Counts &C) {
  Failures.push_back({Where.str(), Command.str(), Reason.str(),
                      GroupKey.str()});
}

std::string quoted(StringRef S) { return ("\"" + S + "\"").str(); }

void Checker::checkModuleCommand(StringRef Source, int64_t Line,
                                 StringRef Type, const json::Object &Cmd,
                                 StringRef Dir, Counts &C) {
  std::string Where = (Source + ":" + Twine(Line)).str();
  std::optional<StringRef> FileName = Cmd.getString("filename");
  std::optional<StringRef> ModuleType = Cmd.getString("module_type");
  std::optional<StringRef> Expected = Cmd.getString("text");
  std::string CommandDesc = (Type + " " + *FileName).str();

  // Text modules: wast2json keeps them as .wat because they are not valid
  // text (assert_malformed) or could not be encoded; there is no binary.
  if ((ModuleType && *ModuleType == "text") || FileName->ends_with(".wat")) {
    ++C.TextNotApplicable;
    ++C.TextByCommand[Type.str()];
    return;
  }

  Expect E = Expect::Valid;
  Row R = RowOther;
  if (Type == "module") {
    R = RowModule;
  } else if (Type == "assert_invalid") {
    E = Expect::Invalid;
    R = RowInvalid;
  } else if (Type == "assert_malformed") {
    E = Expect::Malformed;
    R = RowMalformed;
  }
  ++C.Total[R];

  SmallString<256> Path(WasmDir.empty() ? Dir : StringRef(WasmDir));
  sys::path::append(Path, *FileName);
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf =
      MemoryBuffer::getFile(Path, /*IsText=*/false,
                            /*RequiresNullTerminator=*/false);
  if (!Buf) {
    fail(Where, CommandDesc,
         "cannot read " + Path + ": " + Buf.getError().message(),
         "cannot read module file", C);
    return;
  }
  ArrayRef<uint8_t> Bytes(
      reinterpret_cast<const uint8_t *>((*Buf)->getBufferStart()),
      (*Buf)->getBufferSize());

  Outcome O = checkBinarySafely(Bytes, EnabledFeatures);

  if (O.Crashed) {
    fail(Where, CommandDesc, O.Message, "CRASH", C);
    return;
  }

  if (E == Expect::Valid) {
    if (O.Accepted) {
      ++C.Passed[R];
      return;
    }
    fail(Where, CommandDesc,
         Twine("rejected by ") + stageName(O.RejectedBy) + ": " + O.Message,
         (Twine("valid module rejected by ") + stageName(O.RejectedBy) +
          ": " + O.Text)
             .str(),
         C);
    return;
  }

  // The module must be rejected.
  StringRef ExpectedText = Expected ? *Expected : StringRef("");
  if (O.Accepted) {
    fail(Where, CommandDesc,
         "accepted but should be rejected: " + quoted(ExpectedText),
         (Twine(Type) + " accepted: " + quoted(ExpectedText)).str(), C);
    return;
  }
  if (O.RejectedBy == Stage::Decoder)
    ++C.ByDecoder[R];
  else
    ++C.ByValidator[R];
  WasmErrorKind Want =
      E == Expect::Invalid ? WasmErrorKind::Invalid : WasmErrorKind::Malformed;
  bool KindOk = O.Kind && *O.Kind == Want;
  bool MessageOk = !ExpectedText.empty() &&
                   StringRef(O.Message).contains_insensitive(ExpectedText);
  if (MessageOk)
    ++C.MessageMatch[R];
  if (!KindOk)
    ++C.KindMismatch[R];
  if (Verbose) {
    outs() << "  " << Where << ": " << Type << ": expected "
           << quoted(ExpectedText) << ", got (" << stageName(O.RejectedBy)
           << ", " << kindName(O.Kind)
           << (MessageOk ? "" : ", text differs") << ") " << O.Message
           << "\n";
  }
  if (!KindOk && StrictKinds) {
    const std::string Got =
        O.Kind ? "as " + kindName(O.Kind) : "not as a WasmError";
    fail(Where, CommandDesc,
         Twine("rejected ") + Got + " (expected " + quoted(ExpectedText) +
             "): " + O.Message,
         (Twine(Type) + " rejected " + Got + ": " + quoted(ExpectedText))
             .str(),
         C);
    return;
  }
  ++C.Passed[R];
}

void Checker::checkFile(StringRef JsonPath) {
  Counts C;
  size_t FirstFailure = Failures.size();
  std::string Source = JsonPath.str();

  auto FileError = [&](const Twine &Msg) {
    ++C.FileErrors;
    fail(JsonPath, "file", Msg, "cannot read or parse the JSON file", C);
  };

  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(JsonPath);
  if (!Buf) {
    FileError("cannot read: " + Buf.getError().message());
  } else if (Expected<json::Value> Root = json::parse((*Buf)->getBuffer());
             !Root) {
    FileError("bad JSON: " + toString(Root.takeError()));
  } else if (const json::Object *Obj = Root->getAsObject(); !Obj) {
    FileError("top level is not an object");
  } else if (const json::Array *Commands = Obj->getArray("commands");
             !Commands) {
    FileError("no \"commands\" array");
  } else {
    if (std::optional<StringRef> S = Obj->getString("source_filename"))
      Source = S->str();
    StringRef Dir = sys::path::parent_path(JsonPath);
    if (Dir.empty())
      Dir = ".";
    for (const json::Value &V : *Commands) {
      const json::Object *Cmd = V.getAsObject();
      ++C.Commands;
      std::optional<StringRef> Type = Cmd ? Cmd->getString("type") : std::nullopt;
      int64_t Line = Cmd ? Cmd->getInteger("line").value_or(0) : 0;
      if (!Type) {
        ++C.Unknown;
        fail(Source + ":" + Twine(Line).str(), "?", "command without a type",
             "malformed command in JSON", C);
        continue;
      }
      if (Cmd->getString("filename")) {
        checkModuleCommand(Source, Line, *Type, *Cmd, Dir, C);
      } else if (*Type == "register") {
        ++C.Register;
      } else if (isExecutionCommand(*Type)) {
        ++C.Execution[Type->str()];
      } else {
        // Something newer than this tool (or a command that should have
        // carried a module). Never drop it silently.
        ++C.Unknown;
        fail((Source + ":" + Twine(Line)).str(), *Type,
             "unknown command type (or a module command without a file)",
             ("unknown command type " + *Type).str(), C);
      }
    }
  }

  // One line per file.
  outs() << Source << ": ";
  if (C.FileErrors) {
    outs() << "ERROR\n";
  } else {
    outs() << "module " << C.Passed[RowModule] << "/" << C.Total[RowModule]
           << ", other " << C.Passed[RowOther] << "/" << C.Total[RowOther]
           << ", invalid " << C.Passed[RowInvalid] << "/"
           << C.Total[RowInvalid] << ", malformed " << C.Passed[RowMalformed]
           << "/" << C.Total[RowMalformed];
    if (C.textTotal())
      outs() << ", text n/a " << C.textTotal();
    if (C.executionTotal())
      outs() << ", execution not run " << C.executionTotal();
    if (C.Unknown)
      outs() << ", unknown " << C.Unknown;
    unsigned Failed = Failures.size() - FirstFailure;
    outs() << (Failed ? ("  FAILED " + Twine(Failed)).str() : "") << "\n";
  }
  Totals.add(C);
}

void Checker::printFailures(raw_ostream &OS) const {
  if (Failures.empty())
    return;
  OS << "\nFailures (" << Failures.size() << "):\n";
  for (const Failure &F : Failures)
    OS << "FAIL " << F.Where << ": " << F.Command << ": " << F.Reason << "\n";
}

void Checker::printDigest(raw_ostream &OS) const {
  if (Failures.empty())
    return;
  struct Group {
    unsigned Count = 0;
    std::string Example;
  };
  std::map<std::string, Group> Groups;
  for (const Failure &F : Failures) {
    Group &G = Groups[F.GroupKey];
    if (G.Count++ == 0)
      G.Example = F.Where;
  }
  std::vector<std::pair<std::string, Group>> Sorted(Groups.begin(),
                                                    Groups.end());
  std::sort(Sorted.begin(), Sorted.end(), [](auto &A, auto &B) {
    if (A.second.Count != B.second.Count)
      return A.second.Count > B.second.Count;
    return A.first < B.first;
  });
  OS << "\nFailure digest (" << Sorted.size() << " groups, largest first):\n";
  for (auto &[Key, G] : Sorted)
    OS << format_decimal(G.Count, 6) << "  " << Key << "   (e.g. " << G.Example
       << ")\n";
}

void Checker::printTotals(raw_ostream &OS) const {
  const Counts &C = Totals;
  // "  title....  passed  total" and "  title....  count" lines.
  auto Title = [&](StringRef T) { OS << "  " << left_justify(T, 40); };
  auto Num = [&](unsigned N) { OS << format_decimal(N, 9); };

  OS << "\nTotals\n";
  Title("");
  OS << right_justify("passed", 9) << right_justify("total", 9) << "\n";
  for (unsigned R = 0; R < NumRows; ++R) {
    Title(rowTitle(R));
    Num(C.Passed[R]);
    Num(C.Total[R]);
    if (R == RowInvalid || R == RowMalformed) {
      unsigned Rejected = C.ByDecoder[R] + C.ByValidator[R];
      OS << "   (by decoder " << C.ByDecoder[R] << ", by validator "
         << C.ByValidator[R] << "; as the other kind " << C.KindMismatch[R]
         << "; message contains expected text " << C.MessageMatch[R] << "/"
         << Rejected << ")";
    }
    OS << "\n";
  }
  auto Breakdown = [&](const std::map<std::string, unsigned> &M) {
    if (M.empty())
      return;
    OS << "   (";
    bool First = true;
    for (auto &[K, V] : M) {
      OS << (First ? "" : ", ") << K << " " << V;
      First = false;
    }
    OS << ")";
  };
  Title("text modules: not applicable (text)");
  OS << right_justify("", 9);
  Num(C.TextNotApplicable);
  Breakdown(C.TextByCommand);
  OS << "\n";
  Title("execution: not run here");
  OS << right_justify("", 9);
  Num(C.executionTotal());
  Breakdown(C.Execution);
  OS << "\n";
  Title("register");
  OS << right_justify("", 9);
  Num(C.Register);
  OS << "\n";
  if (C.Unknown) {
    Title("unknown commands (failures)");
    OS << right_justify("", 9);
    Num(C.Unknown);
    OS << "\n";
  }
  if (C.FileErrors) {
    Title("files that failed (failures)");
    OS << right_justify("", 9);
    Num(C.FileErrors);
    OS << "\n";
  }
  unsigned Checked = 0;
  for (unsigned R = 0; R < NumRows; ++R)
    Checked += C.Total[R];
  Title("commands");
  OS << right_justify("", 9);
  Num(C.Commands);
  OS << "   (" << Checked << " modules checked + " << C.TextNotApplicable
     << " text + " << C.executionTotal() << " execution + " << C.Register
     << " register"
     << (C.Unknown ? (" + " + Twine(C.Unknown) + " unknown").str() : "")
     << ")\n";
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  cl::HideUnrelatedOptions(Category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "Checks the decoder and validator against wast2json output of the "
      "WebAssembly spec test suite.\n");

  Features F;
  if (Error E = F.parse(FeatureList)) {
    errs() << "wasm-aot-spec-check: " << toString(std::move(E)) << "\n";
    return 2;
  }

  if (InputFiles.empty() && ConversionFailures.empty()) {
    errs() << "wasm-aot-spec-check: no input files\n";
    return 2;
  }

  CrashRecoveryContext::Enable();

  outs() << "features: " << F.str() << "\n";
  Checker C(F);
  for (const std::string &What : ConversionFailures)
    C.addConversionFailure(What);
  for (const std::string &Path : InputFiles)
    C.checkFile(Path);

  C.printFailures(outs());
  C.printTotals(outs());
  C.printDigest(outs());

  const Counts &T = C.totals();
  unsigned Failed = T.failed();
  outs() << "\n" << T.passed() << " passed, " << Failed << " failed\n";
  outs().flush();
  return Failed ? 1 : 0;
}

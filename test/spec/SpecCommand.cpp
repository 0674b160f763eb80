//===- SpecCommand.cpp - The commands of one wast2json script -------------===//
//
// Reads wast2json's JSON into the command model. Every command is kept,
// including ones that cannot be understood, so none is dropped silently.
//
//===----------------------------------------------------------------------===//
#include "SpecCommand.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace wasmaot::spec {

const char *commandKindName(CommandKind K) {
  switch (K) {
  case CommandKind::Module:
    return "module";
  case CommandKind::Register:
    return "register";
  case CommandKind::Action:
    return "action";
  case CommandKind::AssertReturn:
    return "assert_return";
  case CommandKind::AssertTrap:
    return "assert_trap";
  case CommandKind::AssertExhaustion:
    return "assert_exhaustion";
  case CommandKind::AssertInvalid:
    return "assert_invalid";
  case CommandKind::AssertMalformed:
    return "assert_malformed";
  case CommandKind::AssertUnlinkable:
    return "assert_unlinkable";
  case CommandKind::AssertUninstantiable:
    return "assert_uninstantiable";
  case CommandKind::Unknown:
    return "unknown";
  }
  return "unknown";
}

std::string sourceBaseName(StringRef Source) {
  return sys::path::filename(Source).str();
}

namespace {

CommandKind kindOf(StringRef Type) {
  return StringSwitch<CommandKind>(Type)
      .Case("module", CommandKind::Module)
      .Case("register", CommandKind::Register)
      .Case("action", CommandKind::Action)
      .Case("assert_return", CommandKind::AssertReturn)
      .Case("assert_trap", CommandKind::AssertTrap)
      .Case("assert_exhaustion", CommandKind::AssertExhaustion)
      .Case("assert_invalid", CommandKind::AssertInvalid)
      .Case("assert_malformed", CommandKind::AssertMalformed)
      .Case("assert_unlinkable", CommandKind::AssertUnlinkable)
      .Case("assert_uninstantiable", CommandKind::AssertUninstantiable)
      .Default(CommandKind::Unknown);
}

/// Fills C.Act from the "action" object; returns a reason on failure.
std::string parseAction(const json::Object &Obj, Command &C) {
  Action A;
  std::optional<StringRef> Type = Obj.getString("type");
  if (Type == "invoke")
    A.Type = Action::Invoke;
  else if (Type == "get")
    A.Type = Action::Get;
  else
    return "unknown action type";
  if (std::optional<StringRef> M = Obj.getString("module"))
    A.Module = M->str();
  std::optional<StringRef> Field = Obj.getString("field");
  if (!Field)
    return "action without a field";
  A.Field = Field->str();
  if (const json::Array *Args = Obj.getArray("args")) {
    for (const json::Value &V : *Args) {
      const json::Object *VO = V.getAsObject();
      if (!VO)
        return "argument is not an object";
      Expected<SpecValue> SV = parseValue(*VO, /*AllowPatterns=*/false);
      if (!SV)
        return "argument: " + toString(SV.takeError());
      A.Args.push_back(*SV);
    }
  }
  C.Act = std::move(A);
  return "";
}

std::string parseExpected(const json::Array &Items, Command &C) {
  // assert_trap and assert_exhaustion list only the result types.
  bool TypeOnly = C.Kind != CommandKind::AssertReturn;
  for (const json::Value &V : Items) {
    const json::Object *VO = V.getAsObject();
    if (!VO)
      return "expected value is not an object";
    Expected<SpecValue> SV = parseValue(*VO, /*AllowPatterns=*/true, TypeOnly);
    if (!SV)
      return "expected value: " + toString(SV.takeError());
    C.Expected.push_back(*SV);
  }
  return "";
}

Command parseCommand(const json::Object &Obj, unsigned Index) {
  Command C;
  C.Index = Index;
  C.Line = Obj.getInteger("line").value_or(0);
  std::optional<StringRef> Type = Obj.getString("type");
  C.TypeName = Type ? Type->str() : "?";
  C.Kind = Type ? kindOf(*Type) : CommandKind::Unknown;
  if (C.Kind == CommandKind::Unknown) {
    C.ParseError = "unknown command type '" + C.TypeName + "'";
    return C;
  }
  if (std::optional<StringRef> F = Obj.getString("filename")) {
    C.FileName = F->str();
    std::optional<StringRef> MT = Obj.getString("module_type");
    C.TextModule = (MT && *MT == "text") || F->ends_with(".wat");
  }
  if (std::optional<StringRef> N = Obj.getString("name"))
    C.Name = N->str();
  if (std::optional<StringRef> As = Obj.getString("as"))
    C.As = As->str();
  if (std::optional<StringRef> T = Obj.getString("text"))
    C.Text = T->str();
  if (const json::Object *A = Obj.getObject("action")) {
    C.ParseError = parseAction(*A, C);
    if (!C.ParseError.empty())
      return C;
  }
  if (const json::Array *E = Obj.getArray("expected")) {
    C.ParseError = parseExpected(*E, C);
    if (!C.ParseError.empty())
      return C;
  }

  // The fields each kind needs.
  switch (C.Kind) {
  case CommandKind::Module:
  case CommandKind::AssertInvalid:
  case CommandKind::AssertMalformed:
  case CommandKind::AssertUnlinkable:
  case CommandKind::AssertUninstantiable:
    if (!C.hasModule())
      C.ParseError = C.TypeName + " without a module file";
    break;
  case CommandKind::Register:
    if (C.As.empty())
      C.ParseError = "register without \"as\"";
    break;
  case CommandKind::Action:
  case CommandKind::AssertReturn:
  case CommandKind::AssertExhaustion:
    if (!C.Act)
      C.ParseError = C.TypeName + " without an action";
    break;
  case CommandKind::AssertTrap:
    // Either an action that traps or a module whose instantiation traps.
    if (!C.Act && !C.hasModule())
      C.ParseError = "assert_trap without an action or a module";
    break;
  case CommandKind::Unknown:
    break;
  }
  return C;
}

} // namespace

Expected<Script> parseScript(StringRef JsonPath) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(JsonPath);
  if (!Buf)
    return createStringError(Buf.getError(), "cannot read " + JsonPath + ": " +
                                                 Buf.getError().message());
  Expected<json::Value> Root = json::parse((*Buf)->getBuffer());
  if (!Root)
    return createStringError(inconvertibleErrorCode(),
                             "bad JSON in " + JsonPath + ": " +
                                 toString(Root.takeError()));
  const json::Object *Obj = Root->getAsObject();
  if (!Obj)
    return createStringError(inconvertibleErrorCode(),
                             JsonPath + ": top level is not an object");
  const json::Array *Commands = Obj->getArray("commands");
  if (!Commands)
    return createStringError(inconvertibleErrorCode(),
                             JsonPath + ": no \"commands\" array");
  Script S;
  S.Source = Obj->getString("source_filename").value_or(JsonPath).str();
  S.Dir = sys::path::parent_path(JsonPath).str();
  if (S.Dir.empty())
    S.Dir = ".";
  unsigned Index = 0;
  for (const json::Value &V : *Commands) {
    if (const json::Object *CO = V.getAsObject()) {
      S.Commands.push_back(parseCommand(*CO, Index++));
      continue;
    }
    Command C;
    C.Index = Index++;
    C.ParseError = "command is not an object";
    S.Commands.push_back(std::move(C));
  }
  return S;
}

} // namespace wasmaot::spec

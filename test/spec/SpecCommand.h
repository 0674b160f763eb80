//===- SpecCommand.h - The commands of one wast2json script ------*- C++ -*-===//
//
// wast2json turns a .wast file into a JSON object whose "commands" array
// lists modules, registrations, actions and assertions in source order.
// parseScript reads that into Commands; the runner executes them and the
// driver counts them, both from this one model.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_SPEC_SPECCOMMAND_H
#define WASMAOT_TEST_SPEC_SPECCOMMAND_H

#include "SpecValue.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace wasmaot::spec {

enum class CommandKind : uint8_t {
  Module,
  Register,
  Action,
  AssertReturn,
  AssertTrap,
  AssertExhaustion,
  AssertInvalid,
  AssertMalformed,
  AssertUnlinkable,
  AssertUninstantiable,
  Unknown, ///< a command type this runner does not know: always a failure
};
constexpr unsigned NumCommandKinds = 11;

/// The wast2json name of a kind ("assert_return", ...).
const char *commandKindName(CommandKind K);

struct Action {
  enum Kind : uint8_t { Invoke, Get } Type = Invoke;
  std::string Module; ///< the $name of the module, empty for the current one
  std::string Field;
  std::vector<SpecValue> Args;
};

struct Command {
  CommandKind Kind = CommandKind::Unknown;
  std::string TypeName; ///< as written in the JSON
  unsigned Index = 0;   ///< position in the commands array
  int64_t Line = 0;
  // Module-carrying commands.
  std::string FileName;  ///< the .wasm (or .wat for text modules)
  bool TextModule = false;
  std::string Name; ///< module: its $name; register: the module registered
  std::string As;   ///< register: the name it is registered as
  std::string Text; ///< the expected message of assertions
  std::optional<Action> Act;
  std::vector<SpecValue> Expected;
  /// Set when the command could not be parsed (bad value, missing field);
  /// the command is then a failure with this reason.
  std::string ParseError;

  bool hasModule() const { return !FileName.empty(); }
};

struct Script {
  std::string Source;   ///< source_filename, e.g. "core/i32.wast"
  std::string Dir;      ///< where the .wasm files are
  std::vector<Command> Commands;
};

/// Reads a wast2json output file. Errors are about the file as a whole
/// (unreadable, not JSON); a bad command is kept with its ParseError set.
llvm::Expected<Script> parseScript(llvm::StringRef JsonPath);

/// "file.wast" of a source path, the name used in expected-failure lists.
std::string sourceBaseName(llvm::StringRef Source);

} // namespace wasmaot::spec

#endif

//===- Plan.cpp - What the executor is to do for one file -----------------===//
//
// Turns each command into one line of the plan with the wire codec
// (exec/wire.h), which the executor reads back with the same code.
//
//===----------------------------------------------------------------------===//
#include "Plan.h"

#include "WireFile.h"

using namespace llvm;

namespace wasmaot::spec {

namespace {

/// The shared object of a command's module, if it was built and linked.
const BuildResult *builtModule(const Command &C, const BuildLog &Builds) {
  auto It = Builds.find(C.Index);
  if (It == Builds.end() || It->second.State != BuildResult::Built ||
      It->second.SharedObject.empty())
    return nullptr;
  return &It->second;
}

wire_op actionStep(const Command &C) {
  return C.Act->Type == Action::Get ? WIRE_OP_GET : WIRE_OP_INVOKE;
}

void putString(wire_buf &B, StringRef S) { wire_string(&B, S.data(), S.size()); }

} // namespace

wire_op stepOf(const Command &C, const BuildLog &Builds) {
  if (!C.ParseError.empty())
    return WIRE_OP_SKIP;
  switch (C.Kind) {
  case CommandKind::Module:
    return builtModule(C, Builds) ? WIRE_OP_MODULE : WIRE_OP_CLEAR;
  case CommandKind::Register:
    return WIRE_OP_REGISTER;
  case CommandKind::Action:
  case CommandKind::AssertReturn:
  case CommandKind::AssertExhaustion:
    return actionStep(C);
  case CommandKind::AssertTrap:
    // Either an action that traps or a module whose instantiation traps.
    if (!C.hasModule())
      return actionStep(C);
    [[fallthrough]];
  case CommandKind::AssertUnlinkable:
  case CommandKind::AssertUninstantiable:
    return builtModule(C, Builds) ? WIRE_OP_INSTANTIATE : WIRE_OP_SKIP;
  case CommandKind::AssertInvalid:
  case CommandKind::AssertMalformed:
  case CommandKind::Unknown:
    return WIRE_OP_SKIP;
  }
  return WIRE_OP_SKIP;
}

Error writePlan(StringRef Path, const Script &S, const BuildLog &Builds,
                StringRef BoundsChecks) {
  wire_buf B{};
  wire_word(&B, "wasm-aot-spec-plan");
  wire_uint(&B, 1);
  wire_newline(&B);
  wire_word(&B, "memory");
  wire_word(&B, BoundsChecks == "explicit" ? "explicit" : "guard");
  wire_newline(&B);
  for (const Command &C : S.Commands) {
    wire_op Op = stepOf(C, Builds);
    wire_uint(&B, C.Index);
    wire_word(&B, wire_op_name(Op));
    switch (Op) {
    case WIRE_OP_SKIP:
    case WIRE_OP_CLEAR:
      break;
    case WIRE_OP_MODULE:
      putString(B, builtModule(C, Builds)->SharedObject);
      putString(B, C.Name);
      break;
    case WIRE_OP_INSTANTIATE:
      putString(B, builtModule(C, Builds)->SharedObject);
      break;
    case WIRE_OP_REGISTER:
      putString(B, C.Name);
      putString(B, C.As);
      break;
    case WIRE_OP_INVOKE:
    case WIRE_OP_GET:
      putString(B, C.Act->Module);
      putString(B, C.Act->Field);
      for (const SpecValue &V : C.Act->Args) {
        wire_value W = toWire(V);
        wire_value_put(&B, &W);
      }
      break;
    case WIRE_NUM_OPS:
      break;
    }
    wire_newline(&B);
  }
  return writeWireFile(Path, B);
}

} // namespace wasmaot::spec

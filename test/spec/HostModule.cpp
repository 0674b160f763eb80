//===- HostModule.cpp - The spec suite's "spectest" host module -----------===//
//
// The objects of "spectest", created through the embedding API like any
// host's. Their values are the ones the reference interpreter's spectest
// module has, which the scripts' expected results depend on.
//
//===----------------------------------------------------------------------===//
#include "HostModule.h"

#include <cstring>
#include <vector>

using namespace llvm;

namespace wasmaot::spec {

namespace {

/// The print functions only have to exist with the right types.
uint32_t printCallback(void *, wa_value *) { return 0; }

Error hostError(StringRef What, const wa_error &E) {
  return createStringError(inconvertibleErrorCode(),
                           "spectest." + What + ": " + E.message);
}

} // namespace

Expected<SpectestModule> SpectestModule::create(wa_store *Store,
                                                wa_memory_mode Mode) {
  SpectestModule M;
  wa_error Err;
  std::memset(&Err, 0, sizeof Err);

  struct PrintFunc {
    const char *Name;
    std::vector<uint8_t> Params;
  };
  const PrintFunc Prints[] = {
      {"print", {}},
      {"print_i32", {WA_I32}},
      {"print_i64", {WA_I64}},
      {"print_f32", {WA_F32}},
      {"print_f64", {WA_F64}},
      {"print_i32_f32", {WA_I32, WA_F32}},
      {"print_f64_f64", {WA_F64, WA_F64}},
  };
  for (const PrintFunc &P : Prints) {
    wa_func_type Type;
    std::memset(&Type, 0, sizeof Type);
    Type.num_params = static_cast<uint32_t>(P.Params.size());
    Type.params = P.Params.data();
    Type.num_results = 0;
    Type.results = nullptr;
    // The runtime copies the type, so the local vector may go.
    wa_function *F =
        wa_host_function_new(Store, &Type, printCallback, nullptr, &Err);
    if (!F)
      return hostError(P.Name, Err);
    wa_extern X;
    X.kind = WA_EXTERN_FUNC;
    X.of.func = F;
    M.Exports[P.Name] = X;
  }

  auto AddGlobal = [&](const char *Name, uint8_t Type,
                       wa_value Value) -> Error {
    wa_global *G = wa_global_new(Store, Type, /*mutable_=*/false, Value, &Err);
    if (!G)
      return hostError(Name, Err);
    wa_extern X;
    X.kind = WA_EXTERN_GLOBAL;
    X.of.global = G;
    M.Exports[Name] = X;
    return Error::success();
  };
  wa_value V;
  std::memset(&V, 0, sizeof V);
  V.i32 = 666;
  if (Error E = AddGlobal("global_i32", WA_I32, V))
    return std::move(E);
  std::memset(&V, 0, sizeof V);
  V.i64 = 666;
  if (Error E = AddGlobal("global_i64", WA_I64, V))
    return std::move(E);
  std::memset(&V, 0, sizeof V);
  V.f32 = 666.6f;
  if (Error E = AddGlobal("global_f32", WA_F32, V))
    return std::move(E);
  std::memset(&V, 0, sizeof V);
  V.f64 = 666.6;
  if (Error E = AddGlobal("global_f64", WA_F64, V))
    return std::move(E);

  wa_limits TableLimits;
  std::memset(&TableLimits, 0, sizeof TableLimits);
  TableLimits.min = 10;
  TableLimits.max = 20;
  TableLimits.has_max = 1;
  wa_table *T = wa_table_new(Store, WA_FUNCREF, &TableLimits, nullptr, &Err);
  if (!T)
    return hostError("table", Err);
  wa_extern TX;
  TX.kind = WA_EXTERN_TABLE;
  TX.of.table = T;
  M.Exports["table"] = TX;

  wa_limits MemLimits;
  std::memset(&MemLimits, 0, sizeof MemLimits);
  MemLimits.min = 1;
  MemLimits.max = 2;
  MemLimits.has_max = 1;
  wa_memory *Mem = wa_memory_new(Store, &MemLimits, Mode, &Err);
  if (!Mem)
    return hostError("memory", Err);
  wa_extern MX;
  MX.kind = WA_EXTERN_MEMORY;
  MX.of.memory = Mem;
  M.Exports["memory"] = MX;
  return M;
}

bool SpectestModule::lookup(StringRef Name, wa_extern &Out) const {
  auto It = Exports.find(Name);
  if (It == Exports.end())
    return false;
  Out = It->second;
  return true;
}

} // namespace wasmaot::spec

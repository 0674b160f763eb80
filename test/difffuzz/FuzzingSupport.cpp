//===- FuzzingSupport.cpp - binaryen's "fuzzing-support" imports ----------===//
#include "FuzzingSupport.h"

#include "llvm/ADT/StringRef.h"

#include <cstring>

using namespace llvm;

namespace wasmaot::difffuzz {

uint32_t FuzzingSupport::log(void *Env, wa_value *Values) {
  const Logger &L = *static_cast<const Logger *>(Env);
  raw_ostream &Out = L.Owner->Out;
  Out << "[LoggingExternalInterface logging";
  for (uint32_t I = 0; I < L.Type->num_params; ++I) {
    uint8_t Type = L.Type->params[I];
    if (Type == WA_I64) {
      // Binaryen logs an i64 as the two i32s a JS legalisation would make.
      uint64_t Bits = static_cast<uint64_t>(Values[I].i64);
      Out << ' ' << static_cast<int32_t>(static_cast<uint32_t>(Bits)) << ' '
          << static_cast<int32_t>(static_cast<uint32_t>(Bits >> 32));
      continue;
    }
    Out << ' ' << formatValue(Type, Values[I], L.Owner->Namer);
  }
  Out << "]\n";
  Out.flush();
  return 0;
}

Expected<std::vector<wa_import_binding_n>>
FuzzingSupport::bindImports(wa_store *Store, const wa_module *M) {
  std::vector<wa_import_binding_n> Bindings;
  for (uint32_t I = 0; I < M->num_imports; ++I) {
    const wa_import &Imp = M->imports[I];
    StringRef Module(Imp.module, Imp.module_len);
    StringRef Name(Imp.name, Imp.name_len);
    if (Imp.kind != WA_EXTERN_FUNC || Module != "fuzzing-support")
      return createStringError(inconvertibleErrorCode(),
                               "unsupported import " + Module + "." + Name);
    const wa_func_type *Type = &M->types[Imp.func_type];
    if (Type->num_results != 0)
      return createStringError(inconvertibleErrorCode(),
                               "fuzzing-support." + Name +
                                   " returns values; binaryen's would not");
    Loggers.push_back(std::make_unique<Logger>(Logger{this, Type}));
    wa_error Err;
    std::memset(&Err, 0, sizeof Err);
    wa_function *F =
        wa_host_function_new(Store, Type, log, Loggers.back().get(), &Err);
    if (!F)
      return createStringError(inconvertibleErrorCode(),
                               "fuzzing-support." + Name + ": " + Err.message);
    wa_import_binding_n B;
    std::memset(&B, 0, sizeof B);
    B.module = Imp.module;
    B.module_len = Imp.module_len;
    B.name = Imp.name;
    B.name_len = Imp.name_len;
    B.value.kind = WA_EXTERN_FUNC;
    B.value.of.func = F;
    Bindings.push_back(B);
  }
  return Bindings;
}

} // namespace wasmaot::difffuzz

//===- Imports.cpp - Which imports a built program can satisfy ------------===//
//
// A built program's only provider is WASI preview 1 (runtime/wasi), so any
// other import would fail to link when the program starts. Finding them
// here turns that into a build error that names each one.
//
//===----------------------------------------------------------------------===//
#include "link/Link.h"

#include "ir/ValType.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"

using namespace llvm;

namespace wasmaot {

namespace {

/// Letters of wasi_functions.def to a FuncType.
FuncType signatureType(StringRef Letters) {
  auto [Results, Params] = Letters.split(':');
  FuncType T;
  for (char C : Params)
    T.Params.push_back(C == 'l' ? ValType::I64 : ValType::I32);
  for (char C : Results)
    T.Results.push_back(C == 'l' ? ValType::I64 : ValType::I32);
  return T;
}

const StringMap<FuncType> &wasiFunctions() {
  static const StringMap<FuncType> Functions = [] {
    StringMap<FuncType> M;
#define WA_WASI_FUNCTION(Name, Signature)                                      \
  M[#Name] = signatureType(Signature);
#include "wasm-aot/wasi_functions.def"
    return M;
  }();
  return Functions;
}

std::string typeText(const FuncType &T) {
  std::string S = "[";
  for (size_t I = 0; I < T.Params.size(); ++I)
    S += (I ? " " : "") + valTypeName(T.Params[I]).str();
  S += "] -> [";
  for (size_t I = 0; I < T.Results.size(); ++I)
    S += (I ? " " : "") + valTypeName(T.Results[I]).str();
  return S + "]";
}

std::string limitsText(const Limits &L) {
  std::string S = std::to_string(L.Min);
  if (L.Max)
    S += " " + std::to_string(*L.Max);
  return S;
}

/// `(func [i32] -> [])`, `(memory 1 2)`, ...
std::string importType(const Module &Wasm, const Import &I) {
  switch (I.Kind) {
  case ExternKind::Func:
    if (I.FuncTypeIndex < Wasm.Types.size())
      return "func " + typeText(Wasm.Types[I.FuncTypeIndex]);
    return "func";
  case ExternKind::Table:
    return "table " + limitsText(I.Table.Limits) + " " +
           valTypeName(I.Table.ElemType).str();
  case ExternKind::Memory:
    return "memory " + limitsText(I.Memory.Limits);
  case ExternKind::Global:
    return std::string("global ") + (I.Global.Mutable ? "mut " : "") +
           valTypeName(I.Global.Type).str();
  case ExternKind::Tag:
    return "tag";
  }
  return "?";
}

} // namespace

std::vector<UnsatisfiedImport> unsatisfiedImports(const Module &Wasm) {
  std::vector<UnsatisfiedImport> Missing;
  for (const Import &I : Wasm.Imports) {
    std::string Described = "\"" + I.Module + "\".\"" + I.Name + "\" (" +
                            importType(Wasm, I) + ")";
    bool IsFunc = I.Kind == ExternKind::Func;
    if (IsFunc && I.Module == WasiModuleName) {
      auto It = wasiFunctions().find(I.Name);
      if (It != wasiFunctions().end()) {
        if (I.FuncTypeIndex < Wasm.Types.size() &&
            Wasm.Types[I.FuncTypeIndex] == It->second)
          continue;
        Missing.push_back({Described + ", but WASI preview 1 defines it as " +
                               typeText(It->second),
                           true, true});
        continue;
      }
    }
    Missing.push_back({Described, IsFunc, false});
  }
  return Missing;
}

std::vector<std::string> importedWasiFunctions(const Module &Wasm) {
  StringSet<> Imported;
  for (const Import &I : Wasm.Imports)
    if (I.Kind == ExternKind::Func && I.Module == WasiModuleName)
      Imported.insert(I.Name);
  std::vector<std::string> Names;
#define WA_WASI_FUNCTION(Name, Signature)                                      \
  if (Imported.contains(#Name))                                                \
    Names.push_back(#Name);
#include "wasm-aot/wasi_functions.def"
  return Names;
}

} // namespace wasmaot

//===- ValType.cpp --------------------------------------------------------===//
#include "ir/ValType.h"

namespace wasmaot {

llvm::StringRef valTypeName(ValType T) {
  switch (T) {
  case ValType::I32: return "i32";
  case ValType::I64: return "i64";
  case ValType::F32: return "f32";
  case ValType::F64: return "f64";
  case ValType::V128: return "v128";
  case ValType::FuncRef: return "funcref";
  case ValType::ExternRef: return "externref";
  case ValType::Unknown: return "unknown";
  }
  return "unknown";
}

std::string formatTypes(llvm::ArrayRef<ValType> Types) {
  std::string S = "[";
  for (size_t I = 0; I < Types.size(); ++I) {
    if (I)
      S += ' ';
    S += valTypeName(Types[I]).str();
  }
  S += ']';
  return S;
}

} // namespace wasmaot

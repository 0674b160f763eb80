//===- ValType.h - WebAssembly value types ---------------------------------===//
#ifndef WASMAOT_IR_VALTYPE_H
#define WASMAOT_IR_VALTYPE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace wasmaot {

/// Value types, numbered by their binary encoding so the decoder can map a
/// byte to a type by a range check. Unknown is the validator's bottom type
/// (an operand of the polymorphic stack), never decoded.
enum class ValType : uint8_t {
  I32 = 0x7F,
  I64 = 0x7E,
  F32 = 0x7D,
  F64 = 0x7C,
  V128 = 0x7B,
  FuncRef = 0x70,
  ExternRef = 0x6F,
  Unknown = 0x00,
};

inline bool isNumType(ValType T) {
  return T == ValType::I32 || T == ValType::I64 || T == ValType::F32 ||
         T == ValType::F64;
}
inline bool isVecType(ValType T) { return T == ValType::V128; }
inline bool isRefType(ValType T) {
  return T == ValType::FuncRef || T == ValType::ExternRef;
}

/// The text-format name: "i32", "funcref", ...
llvm::StringRef valTypeName(ValType T);
/// "[i32 i64]", the notation validation errors use.
std::string formatTypes(llvm::ArrayRef<ValType> Types);

} // namespace wasmaot

#endif

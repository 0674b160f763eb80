//===- ValueText.cpp - Values as binaryen's --fuzz-exec prints them -------===//
#include "ValueText.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace wasmaot::difffuzz {

namespace {

/// "nan" or "-nan", then ":0x" and the payload (the fraction bits) in hex.
/// Binaryen leaves the payload out when it is zero, which no NaN has.
std::string formatNaN(bool Negative, uint64_t Payload) {
  char Buf[32];
  std::snprintf(Buf, sizeof Buf, "%snan:0x%llx", Negative ? "-" : "",
                static_cast<unsigned long long>(Payload));
  return Buf;
}

/// A finite double, shortest round trip; an integral value like 3 gets
/// ".0" so that the comparison knows the token is a float.
std::string formatFinite(double D) {
  char Buf[64];
  std::to_chars_result R = std::to_chars(Buf, Buf + sizeof Buf, D);
  std::string S(Buf, R.ptr);
  if (S.find_first_of(".e") == std::string::npos)
    S += ".0";
  return S;
}

std::string formatNonNaN(double D) {
  if (std::isinf(D))
    return D < 0 ? "-inf" : "inf";
  return formatFinite(D);
}

} // namespace

std::string formatF32(float F) {
  uint32_t Bits = std::bit_cast<uint32_t>(F);
  if (std::isnan(F))
    return formatNaN(Bits >> 31, Bits & 0x7fffffu);
  return formatNonNaN(static_cast<double>(F));
}

std::string formatF64(double D) {
  uint64_t Bits = std::bit_cast<uint64_t>(D);
  if (std::isnan(D))
    return formatNaN(Bits >> 63, Bits & 0xfffffffffffffull);
  return formatNonNaN(D);
}

std::string formatValue(uint8_t Type, const wa_value &V,
                        const FuncRefNamer &Namer) {
  switch (Type) {
  case WA_I32:
    return std::to_string(V.i32);
  case WA_I64:
    return std::to_string(V.i64);
  case WA_F32:
    return formatF32(V.f32);
  case WA_F64:
    return formatF64(V.f64);
  case WA_FUNCREF: {
    if (!V.ref)
      return "funcref(null)";
    std::string Name = Namer(static_cast<const wa_func *>(V.ref));
    return "funcref(" + (Name.empty() ? std::string("?") : Name) + ")";
  }
  case WA_EXTERNREF:
    // The fuzzer's modules can only make null externrefs: nothing hands
    // them a host reference.
    return V.ref ? "externref(?)" : "externref(null)";
  default:
    return "?";
  }
}

std::string formatResults(llvm::ArrayRef<uint8_t> Types,
                          llvm::ArrayRef<wa_value> Values,
                          const FuncRefNamer &Namer) {
  if (Types.size() == 1) {
    if (Types[0] == WA_FUNCREF)
      return "funcref";
    if (Types[0] == WA_EXTERNREF)
      return "externref";
    return formatValue(Types[0], Values[0], Namer);
  }
  std::string S = "(";
  for (size_t I = 0; I < Types.size(); ++I) {
    if (I)
      S += ", ";
    S += formatValue(Types[I], Values[I], Namer);
  }
  return S + ")";
}

} // namespace wasmaot::difffuzz

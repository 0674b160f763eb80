//===- SpecValue.h - Values of the spec scripts and how they compare -*- C++ -*-===//
//
// wast2json writes every argument and expected result as a JSON object:
//   {"type": "i32", "value": "4294967295"}          (unsigned decimal bits)
//   {"type": "f32", "value": "nan:canonical"}       (a NaN pattern)
//   {"type": "v128", "lane_type": "f32", "value": ["0", "nan:arithmetic", ...]}
//   {"type": "externref", "value": "1"}             (host reference number 1)
//   {"type": "funcref", "value": "null"}
// A SpecValue is one of these, parsed; expected values may be patterns
// (NaN kinds) rather than exact bits. Floats are always compared by their
// bits: -0.0 and 0.0 differ, and so do NaNs with different payloads.
//
// External references given as numbers are host references the executor
// makes up (test/spec/exec/host_refs.c); results come back from it as wire
// values (exec/wire.h), which say whether a reference is one of those and
// which.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_SPEC_SPECVALUE_H
#define WASMAOT_TEST_SPEC_SPECVALUE_H

#include "exec/wire.h"
#include "wasm-aot/abi.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace wasmaot::spec {

/// How an expected (or given) number is matched.
enum class Pattern : uint8_t {
  Exact,          ///< these bits exactly
  CanonicalNaN,   ///< any canonical NaN (sign free, payload = quiet bit only)
  ArithmeticNaN,  ///< any NaN with the quiet bit set
  AnyRef,         ///< a reference without a value: any non-null reference
};

/// The lane shapes of a v128 constant.
enum class LaneType : uint8_t { I8, I16, I32, I64, F32, F64 };

struct SpecValue {
  uint8_t Type = WA_I32; ///< a wa_valtype
  Pattern Pat = Pattern::Exact;
  /// i32/i64/f32/f64: the bits (zero-extended). externref: the host
  /// reference number unless IsNull.
  uint64_t Bits = 0;
  bool IsNull = false; ///< funcref/externref null
  /// v128 only: the 16 bytes (little-endian lanes), the lane shape, and a
  /// pattern per lane (NaN patterns are allowed per float lane).
  std::array<uint8_t, 16> Bytes{};
  LaneType Lanes = LaneType::I32;
  std::array<Pattern, 16> LanePats{};
};

/// Parses one value object. `AllowPatterns` is false for arguments, which
/// must be exact. A value object without "value" (as in the "expected"
/// list of assert_trap) parses as the type only, with Pattern::AnyRef for
/// references and an error for numbers unless `TypeOnly` is set.
llvm::Expected<SpecValue> parseValue(const llvm::json::Object &Obj,
                                     bool AllowPatterns, bool TypeOnly = false);

/// The value type byte of a wast2json type name ("i32", "funcref", ...).
std::optional<uint8_t> parseValType(llvm::StringRef Name);
const char *valTypeName(uint8_t Type);

/// The wire form of an exact value (arguments).
wire_value toWire(const SpecValue &V);

/// Whether `Got` (a result of type Expected.Type) matches the expected
/// value.
bool matches(const SpecValue &Expected, const wire_value &Got);

/// Renders an expected value: "i32:42", "f32:0x7fc00000 (nan)",
/// "f64:nan:canonical", "externref:1", "funcref:null", "v128:i32x4 ...".
std::string formatExpected(const SpecValue &V);
/// Renders a result the same way.
std::string formatValue(const wire_value &V);

/// Whether a trap or error message `Got` satisfies the text a script
/// expects. The runtime's messages are the spec's wording (traps.def),
/// possibly followed by details, so `Got` normally starts with `Want`; a
/// few scripts expect the reference interpreter's own details after the
/// wording ("uninitialized element 2"), which a whole traps.def message
/// alone satisfies.
bool messageMatches(llvm::StringRef Got, llvm::StringRef Want);

/// NaN classification of raw float bits, exposed for tests.
bool isCanonicalNaN32(uint32_t Bits);
bool isArithmeticNaN32(uint32_t Bits);
bool isCanonicalNaN64(uint64_t Bits);
bool isArithmeticNaN64(uint64_t Bits);

} // namespace wasmaot::spec

#endif

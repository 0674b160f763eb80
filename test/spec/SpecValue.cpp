//===- SpecValue.cpp - Values of the spec scripts and how they compare ----===//
//
// Parsing wast2json's value objects, turning them into the executor's
// arguments, and matching its results against expectations (bitwise, or NaN
// patterns).
//
//===----------------------------------------------------------------------===//
#include "SpecValue.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace llvm;

namespace wasmaot::spec {

// The type names are exec/wire.c's table, shared with the executor.
std::optional<uint8_t> parseValType(StringRef Name) {
  uint8_t Type;
  if (!wire_type_byte(Name.data(), Name.size(), &Type))
    return std::nullopt;
  return Type;
}

const char *valTypeName(uint8_t Type) {
  const char *Name = wire_type_name(Type);
  return Name ? Name : "?";
}

bool isCanonicalNaN32(uint32_t Bits) {
  return (Bits & 0x7fffffffu) == 0x7fc00000u;
}
bool isArithmeticNaN32(uint32_t Bits) {
  return (Bits & 0x7fc00000u) == 0x7fc00000u;
}
bool isCanonicalNaN64(uint64_t Bits) {
  return (Bits & 0x7fffffffffffffffull) == 0x7ff8000000000000ull;
}
bool isArithmeticNaN64(uint64_t Bits) {
  return (Bits & 0x7ff8000000000000ull) == 0x7ff8000000000000ull;
}

bool messageMatches(StringRef Got, StringRef Want) {
  if (Got.empty() || Want.empty())
    return false;
  if (Got.starts_with(Want))
    return true;
  // The expectation adds details to a whole trap message the runtime has.
  static const char *const TrapMessages[] = {
#define WA_TRAP(Id, Code, Message) Message,
#include "wasm-aot/traps.def"
  };
  for (const char *M : TrapMessages)
    if (Got == M && Want.starts_with(Got) &&
        Want.drop_front(Got.size()).starts_with(" "))
      return true;
  return false;
}

namespace {

Error valueError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

unsigned laneBits(LaneType L) {
  switch (L) {
  case LaneType::I8:
    return 8;
  case LaneType::I16:
    return 16;
  case LaneType::I32:
  case LaneType::F32:
    return 32;
  case LaneType::I64:
  case LaneType::F64:
    return 64;
  }
  return 32;
}

bool isFloatLane(LaneType L) { return L == LaneType::F32 || L == LaneType::F64; }

const char *laneName(LaneType L) {
  switch (L) {
  case LaneType::I8:
    return "i8";
  case LaneType::I16:
    return "i16";
  case LaneType::I32:
    return "i32";
  case LaneType::I64:
    return "i64";
  case LaneType::F32:
    return "f32";
  case LaneType::F64:
    return "f64";
  }
  return "?";
}

/// Parses one number or NaN pattern of `Width` bits. Patterns only when
/// `Float` and `AllowPatterns`.
Error parseNumber(StringRef Text, unsigned Width, bool Float,
                  bool AllowPatterns, uint64_t &Bits, Pattern &Pat) {
  if (Text == "nan:canonical" || Text == "nan:arithmetic") {
    if (!Float)
      return valueError("NaN pattern '" + Text + "' for an integer");
    if (!AllowPatterns)
      return valueError("NaN pattern '" + Text + "' where an exact value is "
                        "required");
    Pat = Text == "nan:canonical" ? Pattern::CanonicalNaN
                                  : Pattern::ArithmeticNaN;
    Bits = 0;
    return Error::success();
  }
  Pat = Pattern::Exact;
  // wast2json writes the bits as an unsigned decimal number.
  if (Text.getAsInteger(10, Bits))
    return valueError("bad number '" + Text + "'");
  if (Width < 64 && (Bits >> Width) != 0)
    return valueError("number '" + Text + "' does not fit in " +
                      Twine(Width) + " bits");
  return Error::success();
}

std::string hex(uint64_t V, unsigned Digits) {
  std::string S;
  raw_string_ostream OS(S);
  OS << format_hex(V, Digits + 2);
  return S;
}

std::string describeF32(uint32_t Bits) {
  float F;
  std::memcpy(&F, &Bits, 4);
  std::string S = "f32:" + hex(Bits, 8);
  if (F != F)
    return S + " (nan)";
  raw_string_ostream OS(S);
  OS << " (" << format("%.9g", static_cast<double>(F)) << ")";
  return S;
}

std::string describeF64(uint64_t Bits) {
  double D;
  std::memcpy(&D, &Bits, 8);
  std::string S = "f64:" + hex(Bits, 16);
  if (D != D)
    return S + " (nan)";
  raw_string_ostream OS(S);
  OS << " (" << format("%.17g", D) << ")";
  return S;
}

uint64_t readLane(const uint8_t *Bytes, unsigned Index, unsigned Width) {
  uint64_t V = 0;
  unsigned N = Width / 8;
  for (unsigned I = 0; I < N; ++I)
    V |= static_cast<uint64_t>(Bytes[Index * N + I]) << (8 * I);
  return V;
}

void writeLane(uint8_t *Bytes, unsigned Index, unsigned Width, uint64_t V) {
  unsigned N = Width / 8;
  for (unsigned I = 0; I < N; ++I)
    Bytes[Index * N + I] = static_cast<uint8_t>(V >> (8 * I));
}

bool laneMatches(LaneType L, Pattern P, uint64_t Want, uint64_t Got) {
  switch (P) {
  case Pattern::Exact:
    return Want == Got;
  case Pattern::CanonicalNaN:
    return L == LaneType::F32 ? isCanonicalNaN32(static_cast<uint32_t>(Got))
                              : isCanonicalNaN64(Got);
  case Pattern::ArithmeticNaN:
    return L == LaneType::F32 ? isArithmeticNaN32(static_cast<uint32_t>(Got))
                              : isArithmeticNaN64(Got);
  case Pattern::AnyRef:
    return false;
  }
  return false;
}

std::string describeV128(LaneType L, const uint8_t *Bytes,
                         const Pattern *Pats) {
  unsigned Width = laneBits(L);
  unsigned Count = 128 / Width;
  std::string S = std::string("v128:") + laneName(L) + "x" +
                  std::to_string(Count);
  for (unsigned I = 0; I < Count; ++I) {
    S += ' ';
    Pattern P = Pats ? Pats[I] : Pattern::Exact;
    if (P == Pattern::CanonicalNaN)
      S += "nan:canonical";
    else if (P == Pattern::ArithmeticNaN)
      S += "nan:arithmetic";
    else
      S += hex(readLane(Bytes, I, Width), Width / 4);
  }
  return S;
}

} // namespace

Expected<SpecValue> parseValue(const json::Object &Obj, bool AllowPatterns,
                               bool TypeOnly) {
  std::optional<StringRef> TypeName = Obj.getString("type");
  if (!TypeName)
    return valueError("value without a type");
  std::optional<uint8_t> Type = parseValType(*TypeName);
  if (!Type)
    return valueError("unknown value type '" + *TypeName + "'");
  SpecValue V;
  V.Type = *Type;

  const json::Value *Raw = Obj.get("value");
  if (!Raw) {
    // Only the type: the "expected" list of assert_trap and
    // assert_exhaustion, or a reference result that is only known to be
    // non-null.
    if (*Type == WA_FUNCREF || *Type == WA_EXTERNREF) {
      V.Pat = Pattern::AnyRef;
      return V;
    }
    if (TypeOnly)
      return V;
    return valueError(Twine(*TypeName) + " value without \"value\"");
  }

  switch (*Type) {
  case WA_FUNCREF:
  case WA_EXTERNREF: {
    std::optional<StringRef> Text = Raw->getAsString();
    if (!Text)
      return valueError(Twine(*TypeName) + " value is not a string");
    if (*Text == "null") {
      V.IsNull = true;
      return V;
    }
    if (*Type == WA_FUNCREF)
      return valueError("funcref value '" + *Text +
                        "': only null can be written in a script");
    if (Text->getAsInteger(10, V.Bits))
      return valueError("bad externref value '" + *Text + "'");
    return V;
  }
  case WA_V128: {
    std::optional<StringRef> LaneName = Obj.getString("lane_type");
    if (!LaneName)
      return valueError("v128 value without lane_type");
    std::optional<LaneType> L = StringSwitch<std::optional<LaneType>>(*LaneName)
                                    .Case("i8", LaneType::I8)
                                    .Case("i16", LaneType::I16)
                                    .Case("i32", LaneType::I32)
                                    .Case("i64", LaneType::I64)
                                    .Case("f32", LaneType::F32)
                                    .Case("f64", LaneType::F64)
                                    .Default(std::nullopt);
    if (!L)
      return valueError("unknown lane type '" + *LaneName + "'");
    const json::Array *Items = Raw->getAsArray();
    unsigned Width = laneBits(*L);
    unsigned Count = 128 / Width;
    if (!Items || Items->size() != Count)
      return valueError("v128 value needs " + Twine(Count) + " " + *LaneName +
                        " lanes");
    V.Lanes = *L;
    for (unsigned I = 0; I < Count; ++I) {
      std::optional<StringRef> Text = (*Items)[I].getAsString();
      if (!Text)
        return valueError("v128 lane is not a string");
      uint64_t Bits;
      if (Error E = parseNumber(*Text, Width, isFloatLane(*L), AllowPatterns,
                                Bits, V.LanePats[I]))
        return std::move(E);
      writeLane(V.Bytes.data(), I, Width, Bits);
    }
    return V;
  }
  default: {
    std::optional<StringRef> Text = Raw->getAsString();
    if (!Text)
      return valueError(Twine(*TypeName) + " value is not a string");
    bool Float = *Type == WA_F32 || *Type == WA_F64;
    unsigned Width = (*Type == WA_I32 || *Type == WA_F32) ? 32 : 64;
    if (Error E = parseNumber(*Text, Width, Float, AllowPatterns, V.Bits,
                              V.Pat))
      return std::move(E);
    return V;
  }
  }
}

wire_value toWire(const SpecValue &V) {
  wire_value W;
  std::memset(&W, 0, sizeof W);
  W.type = V.Type;
  switch (V.Type) {
  case WA_I32:
  case WA_F32:
    W.bits = static_cast<uint32_t>(V.Bits);
    break;
  case WA_I64:
  case WA_F64:
    W.bits = V.Bits;
    break;
  case WA_V128:
    std::memcpy(W.v128, V.Bytes.data(), 16);
    break;
  case WA_FUNCREF:
    W.ref = WIRE_REF_NULL; // only null funcrefs can be written in a script
    break;
  case WA_EXTERNREF:
    W.ref = V.IsNull ? WIRE_REF_NULL : WIRE_REF_HOST;
    W.bits = V.IsNull ? 0 : V.Bits;
    break;
  }
  return W;
}

bool matches(const SpecValue &Want, const wire_value &Got) {
  if (Got.type != Want.Type)
    return false;
  switch (Want.Type) {
  case WA_I32:
    return static_cast<uint32_t>(Got.bits) == static_cast<uint32_t>(Want.Bits);
  case WA_I64:
    return Got.bits == Want.Bits;
  case WA_F32:
    return laneMatches(LaneType::F32, Want.Pat, Want.Bits,
                       static_cast<uint32_t>(Got.bits));
  case WA_F64:
    return laneMatches(LaneType::F64, Want.Pat, Want.Bits, Got.bits);
  case WA_V128: {
    unsigned Width = laneBits(Want.Lanes);
    for (unsigned I = 0, N = 128 / Width; I < N; ++I)
      if (!laneMatches(Want.Lanes, Want.LanePats[I],
                       readLane(Want.Bytes.data(), I, Width),
                       readLane(Got.v128, I, Width)))
        return false;
    return true;
  }
  case WA_FUNCREF:
  case WA_EXTERNREF:
    if (Want.Pat == Pattern::AnyRef)
      return Got.ref != WIRE_REF_NULL;
    if (Want.IsNull)
      return Got.ref == WIRE_REF_NULL;
    if (Want.Type == WA_FUNCREF)
      return false;
    return Got.ref == WIRE_REF_HOST && Got.bits == Want.Bits;
  }
  return false;
}

std::string formatExpected(const SpecValue &V) {
  std::string Name = valTypeName(V.Type);
  if (V.Pat == Pattern::CanonicalNaN)
    return Name + ":nan:canonical";
  if (V.Pat == Pattern::ArithmeticNaN)
    return Name + ":nan:arithmetic";
  if (V.Pat == Pattern::AnyRef)
    return Name + ":non-null";
  switch (V.Type) {
  case WA_I32:
  case WA_I64:
    return Name + ":" + std::to_string(V.Bits) + " (" +
           hex(V.Bits, V.Type == WA_I32 ? 8 : 16) + ")";
  case WA_F32:
    return describeF32(static_cast<uint32_t>(V.Bits));
  case WA_F64:
    return describeF64(V.Bits);
  case WA_V128:
    return describeV128(V.Lanes, V.Bytes.data(), V.LanePats.data());
  default:
    return Name + ":" + (V.IsNull ? std::string("null") : std::to_string(V.Bits));
  }
}

std::string formatValue(const wire_value &V) {
  std::string Name = valTypeName(V.type);
  switch (V.type) {
  case WA_I32: {
    uint32_t B = static_cast<uint32_t>(V.bits);
    return Name + ":" + std::to_string(B) + " (" + hex(B, 8) + ")";
  }
  case WA_I64:
    return Name + ":" + std::to_string(V.bits) + " (" + hex(V.bits, 16) + ")";
  case WA_F32:
    return describeF32(static_cast<uint32_t>(V.bits));
  case WA_F64:
    return describeF64(V.bits);
  case WA_V128:
    return describeV128(LaneType::I32, V.v128, nullptr);
  case WA_FUNCREF:
    return Name + (V.ref == WIRE_REF_NULL ? ":null" : ":non-null");
  case WA_EXTERNREF:
    if (V.ref == WIRE_REF_NULL)
      return Name + ":null";
    if (V.ref == WIRE_REF_HOST)
      return Name + ":" + std::to_string(V.bits);
    return Name + ":unknown pointer";
  }
  return Name + ":?";
}

} // namespace wasmaot::spec

//===- Opcode.cpp - Tables built from Opcodes.def -------------------------===//
#include "ir/Opcode.h"

#include <array>

namespace wasmaot {
namespace {

constexpr ValType letterType(char C) {
  switch (C) {
  case 'i': return ValType::I32;
  case 'l': return ValType::I64;
  case 'f': return ValType::F32;
  case 'd': return ValType::F64;
  case 'v': return ValType::V128;
  case 'a': return ValType::I32; // address; memory64 widens it at validation
  default: return ValType::Unknown;
  }
}

/// Parses a Signature column such as "ai>" or "vv>v" at compile time.
constexpr std::optional<OpSignature> parseSignature(const char *S) {
  if (!S[0])
    return std::nullopt;
  OpSignature Sig{};
  unsigned I = 0;
  for (; S[I] && S[I] != '>'; ++I) {
    Sig.Params[Sig.NumParams] = letterType(S[I]);
    Sig.ParamIsAddress[Sig.NumParams] = S[I] == 'a';
    ++Sig.NumParams;
  }
  if (S[I] == '>' && S[I + 1]) {
    Sig.Result = letterType(S[I + 1]);
    Sig.HasResult = true;
  }
  return Sig;
}

#define CORE std::nullopt
#define FEAT(F) std::optional<Feature>(Feature::F)
const OpcodeInfo Infos[] = {
#define WASM_OPCODE(Id, Text, Prefix, Code, Imm, Sig, Feat, Extra, Family,    \
                    Access, Flags)                                             \
  {Opcode::Id,                                                                 \
   Text,                                                                       \
   Prefix,                                                                     \
   Code,                                                                       \
   ImmediateKind::Imm,                                                         \
   parseSignature(Sig),                                                        \
   Feat,                                                                       \
   Extra,                                                                      \
   LowerFamily::Family,                                                        \
   AccessShape::Access,                                                        \
   static_cast<uint8_t>(Flags)},
#include "ir/Opcodes.def"
};
#undef CORE
#undef FEAT

static_assert(sizeof(Infos) / sizeof(Infos[0]) == NumOpcodes);

/// Dense lookup tables for the three encoding spaces. SIMD sub-opcodes reach
/// 0xFF (relaxed SIMD, later, continues past it); 0xFC ones stay below 32.
struct Lookup {
  std::array<int16_t, 256> Single;
  std::array<int16_t, 32> MiscFC;
  std::array<int16_t, 512> SimdFD;

  Lookup() {
    Single.fill(-1);
    MiscFC.fill(-1);
    SimdFD.fill(-1);
    for (unsigned I = 0; I < NumOpcodes; ++I) {
      const OpcodeInfo &Info = Infos[I];
      if (Info.Prefix == 0)
        Single[Info.Code] = static_cast<int16_t>(I);
      else if (Info.Prefix == 0xFC)
        MiscFC[Info.Code] = static_cast<int16_t>(I);
      else if (Info.Prefix == 0xFD)
        SimdFD[Info.Code] = static_cast<int16_t>(I);
    }
  }
};

const Lookup &lookupTables() {
  static const Lookup L;
  return L;
}

} // namespace

const OpcodeInfo &opcodeInfo(Opcode Op) {
  return Infos[static_cast<unsigned>(Op)];
}

bool isOpcodePrefix(uint8_t Byte) { return Byte == 0xFC || Byte == 0xFD; }

std::optional<Opcode> lookupOpcode(uint8_t Prefix, uint32_t Code) {
  const Lookup &L = lookupTables();
  int16_t Index = -1;
  if (Prefix == 0 && Code < L.Single.size())
    Index = L.Single[Code];
  else if (Prefix == 0xFC && Code < L.MiscFC.size())
    Index = L.MiscFC[Code];
  else if (Prefix == 0xFD && Code < L.SimdFD.size())
    Index = L.SimdFD[Code];
  if (Index < 0)
    return std::nullopt;
  return static_cast<Opcode>(Index);
}

} // namespace wasmaot

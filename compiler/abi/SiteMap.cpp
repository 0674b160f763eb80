//===- SiteMap.cpp - Encoding the site map --------------------------------===//
#include "abi/SiteMap.h"

#include "wasm-aot/abi.h"

#include "llvm/IR/Constants.h"
#include "llvm/Support/Endian.h"

using namespace llvm;

namespace wasmaot {

namespace {

void putWord(std::vector<uint8_t> &Out, uint32_t V) {
  uint8_t Bytes[4];
  support::endian::write32le(Bytes, V);
  Out.insert(Out.end(), Bytes, Bytes + 4);
}

void putULEB(std::vector<uint8_t> &Out, uint64_t V) {
  do {
    uint8_t Byte = V & 0x7F;
    V >>= 7;
    Out.push_back(Byte | (V ? 0x80 : 0));
  } while (V);
}

/// The row stream of one function (abi.h).
void encodeRows(std::vector<uint8_t> &Out, const SiteMapFunction &F) {
  uint32_t PrevCode = 0;
  int64_t PrevOffset = F.BodyStart;
  for (const auto &[Code, S] : F.Rows) {
    putULEB(Out, Code - PrevCode);
    PrevCode = Code;
    switch (S.K) {
    case Site::Unknown:
      putULEB(Out, 0);
      break;
    case Site::InFunction:
      putULEB(Out, 1);
      putULEB(Out, S.Value);
      break;
    case Site::Instruction: {
      const int64_t Delta = int64_t(S.Value) - PrevOffset;
      const uint64_t ZigZag =
          Delta < 0 ? (uint64_t(-Delta) << 1) - 1 : uint64_t(Delta) << 1;
      putULEB(Out, ZigZag + 2);
      PrevOffset = S.Value;
      break;
    }
    }
  }
}

} // namespace

std::vector<uint8_t> encodeSiteMap(ArrayRef<SiteMapFunction> Funcs) {
  std::vector<uint8_t> Stream;
  std::vector<uint32_t> Starts;
  for (const SiteMapFunction &F : Funcs) {
    Starts.push_back(Stream.size());
    encodeRows(Stream, F);
  }
  Starts.push_back(Stream.size());

  std::vector<uint8_t> Out;
  putWord(Out, WA_SITE_MAP_MAGIC);
  putWord(Out, WA_SITE_MAP_VERSION);
  putWord(Out, Funcs.size());
  putWord(Out, Stream.size());
  for (const SiteMapFunction &F : Funcs)
    putWord(Out, F.BodyStart);
  for (const SiteMapFunction &F : Funcs)
    putWord(Out, F.CodeSize);
  for (uint32_t Start : Starts)
    putWord(Out, Start);
  Out.insert(Out.end(), Stream.begin(), Stream.end());
  return Out;
}

Constant *emptySiteMap(LLVMContext &Ctx) {
  // Not all zero, so the section can never become a NOBITS one.
  return ConstantDataArray::get(
      Ctx, ArrayRef<uint32_t>{WA_SITE_MAP_MAGIC, WA_SITE_MAP_VERSION, 0, 0});
}

} // namespace wasmaot

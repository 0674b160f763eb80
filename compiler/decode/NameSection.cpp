//===- NameSection.cpp - The `name` custom section -------------------------===//
//
// Subsections in increasing id order: 0 module name, 1 function names,
// 2 local names; others (labels, types, ... from later proposals) are
// skipped. A fault stops parsing but keeps what was read: a custom section
// can never make a module malformed.
//
//===----------------------------------------------------------------------===//
#include "decode/ByteReader.h"
#include "decode/ModuleDecoder.h"

#include "llvm/ADT/ArrayRef.h"

using namespace llvm;

namespace wasmaot {
namespace {

/// Reads a vec(idx name) into Out. Each entry takes at least two bytes.
bool readNameMap(ByteReader &R, std::map<uint32_t, std::string> &Out) {
  auto Count = R.readCount(2);
  if (!Count) {
    consumeError(Count.takeError());
    return false;
  }
  for (uint32_t I = 0; I < *Count; ++I) {
    auto Index = R.readVarU32();
    if (!Index) {
      consumeError(Index.takeError());
      return false;
    }
    auto Name = R.readName();
    if (!Name) {
      consumeError(Name.takeError());
      return false;
    }
    Out[*Index] = std::move(*Name);
  }
  return true;
}

bool parseSubsection(Module &M, uint8_t Id, ByteReader &R) {
  switch (Id) {
  case 0: {
    auto Name = R.readName();
    if (!Name) {
      consumeError(Name.takeError());
      return false;
    }
    M.Names.ModuleName = std::move(*Name);
    return true;
  }
  case 1:
    return readNameMap(R, M.Names.Functions);
  case 2: {
    auto Count = R.readCount(2);
    if (!Count) {
      consumeError(Count.takeError());
      return false;
    }
    for (uint32_t I = 0; I < *Count; ++I) {
      auto Func = R.readVarU32();
      if (!Func) {
        consumeError(Func.takeError());
        return false;
      }
      if (!readNameMap(R, M.Names.Locals[*Func]))
        return false;
    }
    return true;
  }
  default:
    consumeError(R.skip(R.remaining()));
    return true;
  }
}

} // namespace

bool parseNameSection(Module &M, const CustomSection &Section) {
  ByteReader R(ArrayRef<uint8_t>(M.Bytes).slice(Section.PayloadOffset,
                                                Section.PayloadSize),
               Section.PayloadOffset);
  int LastId = -1;
  while (!R.atEnd()) {
    auto Id = R.readU8();
    if (!Id) {
      consumeError(Id.takeError());
      return false;
    }
    if (int(*Id) <= LastId)
      return false;
    LastId = *Id;
    auto Size = R.readVarU32();
    if (!Size) {
      consumeError(Size.takeError());
      return false;
    }
    auto Sub = R.readSubReader(*Size);
    if (!Sub) {
      consumeError(Sub.takeError());
      return false;
    }
    if (!parseSubsection(M, *Id, *Sub) || !Sub->atEnd())
      return false;
  }
  return true;
}

} // namespace wasmaot

//===- InstructionReader.cpp ----------------------------------------------===//
#include "decode/InstructionReader.h"

#include "ir/Limits.h"
#include "support/WasmError.h"

#include "llvm/ADT/StringExtras.h"

#include <cstring>

using namespace llvm;

namespace wasmaot {

std::optional<ValType> decodeValType(uint8_t Byte, const Features &F) {
  switch (Byte) {
  case 0x7F: return ValType::I32;
  case 0x7E: return ValType::I64;
  case 0x7D: return ValType::F32;
  case 0x7C: return ValType::F64;
  case 0x7B:
    if (F.has(Feature::Simd))
      return ValType::V128;
    return std::nullopt;
  case 0x70: return ValType::FuncRef;
  case 0x6F:
    if (F.has(Feature::ReferenceTypes))
      return ValType::ExternRef;
    return std::nullopt;
  default:
    return std::nullopt;
  }
}

Expected<ValType> readValType(ByteReader &R, const Features &F) {
  const uint64_t At = R.offset();
  auto B = R.readU8();
  if (!B)
    return B.takeError();
  if (auto T = decodeValType(*B, F))
    return *T;
  return makeMalformed(At, "malformed value type 0x" + utohexstr(*B));
}

Expected<ValType> readRefType(ByteReader &R, const Features &F) {
  const uint64_t At = R.offset();
  auto B = R.readU8();
  if (!B)
    return B.takeError();
  auto T = decodeValType(*B, F);
  if (!T || !isRefType(*T))
    return makeMalformed(At, "malformed reference type 0x" + utohexstr(*B));
  return *T;
}

Error InstructionReader::read(Instruction &I) {
  I = Instruction();
  I.Offset = R.offset();
  auto First = R.readU8();
  if (!First)
    return First.takeError();
  uint8_t Prefix = 0;
  uint32_t Code = *First;
  if (isOpcodePrefix(*First)) {
    Prefix = *First;
    auto Sub = R.readVarU32();
    if (!Sub)
      return Sub.takeError();
    Code = *Sub;
  }
  std::optional<Opcode> Op = lookupOpcode(Prefix, Code);
  if (!Op) {
    if (Prefix)
      return makeMalformed(I.Offset, "illegal opcode 0x" + utohexstr(Prefix) +
                                         " 0x" + utohexstr(Code));
    return makeMalformed(I.Offset, "illegal opcode 0x" + utohexstr(Code));
  }
  const OpcodeInfo &Info = opcodeInfo(*Op);
  if (Info.RequiredFeature && !F.has(*Info.RequiredFeature))
    return makeMalformed(I.Offset, "illegal opcode " + Info.Text +
                                       " (needs feature '" +
                                       Features::name(*Info.RequiredFeature) +
                                       "')");
  I.Op = *Op;
  return readImmediates(I, Info.Immediate);
}

Expected<uint32_t> InstructionReader::readMemoryIndex() {
  if (F.has(Feature::MultiMemory))
    return R.readVarU32();
  const uint64_t At = R.offset();
  auto B = R.readU8();
  if (!B)
    return B.takeError();
  if (*B != 0)
    return makeMalformed(At, "zero byte expected");
  return 0;
}

Error InstructionReader::readMemArg(MemArg &M) {
  auto Align = R.readVarU32();
  if (!Align)
    return Align.takeError();
  M.AlignLog2 = *Align;
  // Multi-memory marks an explicit memory index with bit 6 of the alignment
  // field. Without it the bit is just a (too large) alignment, which the
  // validator rejects.
  if (F.has(Feature::MultiMemory) && (*Align & 0x40)) {
    M.AlignLog2 = *Align & ~0x40u;
    auto Mem = R.readVarU32();
    if (!Mem)
      return Mem.takeError();
    M.Memory = *Mem;
  }
  if (F.has(Feature::Memory64)) {
    auto Off = R.readVarU64();
    if (!Off)
      return Off.takeError();
    M.Offset = *Off;
  } else {
    auto Off = R.readVarU32();
    if (!Off)
      return Off.takeError();
    M.Offset = *Off;
  }
  return Error::success();
}

Error InstructionReader::readBlockType(BlockType &B) {
  const uint64_t At = R.offset();
  auto First = R.peekU8();
  if (!First)
    return First.takeError();
  if (*First == 0x40) {
    (void)R.readU8();
    B.K = BlockType::Empty;
    return Error::success();
  }
  if (auto T = decodeValType(*First, F)) {
    (void)R.readU8();
    B.K = BlockType::Value;
    B.Type = *T;
    return Error::success();
  }
  auto Index = R.readVarS33();
  if (!Index)
    return Index.takeError();
  if (*Index < 0)
    return makeMalformed(At, "malformed block type");
  B.K = BlockType::TypeIndex;
  B.Index = static_cast<uint32_t>(*Index);
  return Error::success();
}

Error InstructionReader::readImmediates(Instruction &I, ImmediateKind Kind) {
  auto ReadU32 = [&](uint32_t &Out) -> Error {
    auto V = R.readVarU32();
    if (!V)
      return V.takeError();
    Out = *V;
    return Error::success();
  };
  auto ReadLane = [&]() -> Error {
    auto Lane = R.readU8();
    if (!Lane)
      return Lane.takeError();
    I.Index = *Lane;
    return Error::success();
  };

  switch (Kind) {
  case ImmediateKind::None:
    return Error::success();
  case ImmediateKind::BlockType:
    return readBlockType(I.Block);
  case ImmediateKind::LabelIndex:
  case ImmediateKind::FuncIndex:
  case ImmediateKind::LocalIndex:
  case ImmediateKind::GlobalIndex:
  case ImmediateKind::TableIndex:
  case ImmediateKind::TagIndex:
  case ImmediateKind::DataIndex:
  case ImmediateKind::ElemIndex:
    return ReadU32(I.Index);
  case ImmediateKind::BrTable: {
    const uint64_t CountAt = R.offset();
    auto Count = R.readCount(1);
    if (!Count)
      return Count.takeError();
    if (Error E = checkLimit(Limit::BrTableTargets, *Count, CountAt))
      return E;
    Targets.clear();
    Targets.reserve(*Count + 1);
    for (uint32_t K = 0; K <= *Count; ++K) {
      uint32_t Target;
      if (Error E = ReadU32(Target))
        return E;
      Targets.push_back(Target);
    }
    I.Targets = Targets;
    return Error::success();
  }
  case ImmediateKind::CallIndirect: {
    if (Error E = ReadU32(I.Index))
      return E;
    // Before reference types the table index was a reserved zero byte.
    if (!F.has(Feature::ReferenceTypes)) {
      auto Idx = readMemoryIndex();
      if (!Idx)
        return Idx.takeError();
      I.Index2 = *Idx;
      return Error::success();
    }
    return ReadU32(I.Index2);
  }
  case ImmediateKind::MemArg:
    return readMemArg(I.Mem);
  case ImmediateKind::MemArgLane:
    if (Error E = readMemArg(I.Mem))
      return E;
    return ReadLane();
  case ImmediateKind::MemoryIndex: {
    auto Idx = readMemoryIndex();
    if (!Idx)
      return Idx.takeError();
    I.Index = *Idx;
    return Error::success();
  }
  case ImmediateKind::I32Const: {
    auto V = R.readVarS32();
    if (!V)
      return V.takeError();
    I.Bits = static_cast<uint64_t>(static_cast<int64_t>(*V));
    return Error::success();
  }
  case ImmediateKind::I64Const: {
    auto V = R.readVarS64();
    if (!V)
      return V.takeError();
    I.Bits = static_cast<uint64_t>(*V);
    return Error::success();
  }
  case ImmediateKind::F32Const: {
    auto V = R.readFixedU32();
    if (!V)
      return V.takeError();
    I.Bits = *V;
    return Error::success();
  }
  case ImmediateKind::F64Const: {
    auto V = R.readFixedU64();
    if (!V)
      return V.takeError();
    I.Bits = *V;
    return Error::success();
  }
  case ImmediateKind::V128Const:
  case ImmediateKind::Shuffle: {
    auto B = R.readBytes(16);
    if (!B)
      return B.takeError();
    std::memcpy(I.V128, B->data(), 16);
    return Error::success();
  }
  case ImmediateKind::SelectTypes: {
    auto Count = R.readCount(1);
    if (!Count)
      return Count.takeError();
    I.NumSelectTypes = *Count;
    for (uint32_t K = 0; K < *Count; ++K) {
      auto T = readValType(R, F);
      if (!T)
        return T.takeError();
      if (K == 0)
        I.Type = *T;
    }
    return Error::success();
  }
  case ImmediateKind::RefNullType: {
    auto T = readRefType(R, F);
    if (!T)
      return T.takeError();
    I.Type = *T;
    return Error::success();
  }
  case ImmediateKind::MemoryInit: {
    if (Error E = ReadU32(I.Index))
      return E;
    auto Mem = readMemoryIndex();
    if (!Mem)
      return Mem.takeError();
    I.Index2 = *Mem;
    return Error::success();
  }
  case ImmediateKind::MemoryCopy: {
    auto Dst = readMemoryIndex();
    if (!Dst)
      return Dst.takeError();
    auto Src = readMemoryIndex();
    if (!Src)
      return Src.takeError();
    I.Index = *Dst;
    I.Index2 = *Src;
    return Error::success();
  }
  case ImmediateKind::TableInit:
    // elemidx, then tableidx.
    if (Error E = ReadU32(I.Index))
      return E;
    return ReadU32(I.Index2);
  case ImmediateKind::TableCopy:
    // destination table, then source table.
    if (Error E = ReadU32(I.Index))
      return E;
    return ReadU32(I.Index2);
  case ImmediateKind::LaneIndex:
    return ReadLane();
  }
  return Error::success();
}

} // namespace wasmaot

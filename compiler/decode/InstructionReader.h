//===- InstructionReader.h - One instruction at a time ---------------------===//
//
// Decodes instructions (opcode and immediates) from a function body or a
// constant expression, following the Immediate column of the opcode table.
// The validator and the lowering both read code through this class, so an
// encoding is understood in exactly one place.
//
// The reader checks encodings only: that an opcode exists and its feature is
// on, that immediates are well-formed. Whether indices exist and types agree
// is the validator's job.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_DECODE_INSTRUCTIONREADER_H
#define WASMAOT_DECODE_INSTRUCTIONREADER_H

#include "decode/ByteReader.h"
#include "ir/Features.h"
#include "ir/Module.h"

#include "llvm/ADT/SmallVector.h"

namespace wasmaot {

/// Maps a value-type byte to its type; none if the byte is no value type
/// under Features (v128 needs SIMD).
std::optional<ValType> decodeValType(uint8_t Byte, const Features &F);
/// Reads a value type, reporting "malformed value type" otherwise.
llvm::Expected<ValType> readValType(ByteReader &R, const Features &F);
/// Reads a reference type (funcref or externref).
llvm::Expected<ValType> readRefType(ByteReader &R, const Features &F);

class InstructionReader {
public:
  InstructionReader(ByteReader Reader, const Features &F)
      : R(std::move(Reader)), F(F) {}

  bool atEnd() const { return R.atEnd(); }
  uint64_t offset() const { return R.offset(); }

  /// Decodes the next instruction into I. I.Targets stays valid until the
  /// next call.
  llvm::Error read(Instruction &I);

private:
  llvm::Error readImmediates(Instruction &I, ImmediateKind Kind);
  /// A memory index where 2.0 has a reserved zero byte: a u32 with
  /// multi-memory, otherwise exactly one 0x00 byte.
  llvm::Expected<uint32_t> readMemoryIndex();
  llvm::Error readMemArg(MemArg &M);
  llvm::Error readBlockType(BlockType &B);

  ByteReader R;
  const Features &F;
  llvm::SmallVector<uint32_t, 16> Targets;
};

} // namespace wasmaot

#endif

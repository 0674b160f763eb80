//===- ByteReader.h - Bounded reads of binary-format primitives ------------===//
//
// Reads bytes, LEB128 integers, floats and names from a window of the file,
// never past its end. Every read reports malformed input as a WasmError at the
// file offset where the bad value starts. The window knows its position in the
// whole file, so offsets in errors are always file offsets.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_DECODE_BYTEREADER_H
#define WASMAOT_DECODE_BYTEREADER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace wasmaot {

class ByteReader {
public:
  /// Bytes is the window; BaseOffset is the file offset of Bytes[0].
  explicit ByteReader(llvm::ArrayRef<uint8_t> Bytes, uint64_t BaseOffset = 0)
      : Bytes(Bytes), BaseOffset(BaseOffset) {}

  /// File offset of the next byte.
  uint64_t offset() const { return BaseOffset + Pos; }
  /// Position within the window.
  size_t position() const { return Pos; }
  size_t remaining() const { return Bytes.size() - Pos; }
  bool atEnd() const { return Pos == Bytes.size(); }

  llvm::Expected<uint8_t> readU8();
  /// The next byte without consuming it.
  llvm::Expected<uint8_t> peekU8() const;

  llvm::Expected<uint32_t> readVarU32();
  llvm::Expected<int32_t> readVarS32();
  /// A signed 33-bit value (block types), widened.
  llvm::Expected<int64_t> readVarS33();
  llvm::Expected<uint64_t> readVarU64();
  llvm::Expected<int64_t> readVarS64();
  /// Little-endian fixed-width values (float bit patterns).
  llvm::Expected<uint32_t> readFixedU32();
  llvm::Expected<uint64_t> readFixedU64();

  /// N raw bytes.
  llvm::Expected<llvm::ArrayRef<uint8_t>> readBytes(uint64_t N);
  /// A vector length: checks that at least Count * MinElementSize bytes are
  /// left, so callers can reserve without trusting the count.
  llvm::Expected<uint32_t> readCount(unsigned MinElementSize = 1);
  /// A name: length-prefixed, valid UTF-8.
  llvm::Expected<std::string> readName();

  /// A reader over the next N bytes, advancing this one past them.
  llvm::Expected<ByteReader> readSubReader(uint64_t N);

  /// Skips N bytes (which must be there).
  llvm::Error skip(uint64_t N);

  llvm::Error malformedHere(const llvm::Twine &Message) const;

private:
  /// LEB128 of at most Bits bits; Signed selects sign extension.
  llvm::Expected<uint64_t> readLEB(unsigned Bits, bool Signed);

  llvm::ArrayRef<uint8_t> Bytes;
  uint64_t BaseOffset;
  size_t Pos = 0;
};

/// Whether Bytes is well-formed UTF-8 (no overlong forms, no surrogates,
/// nothing above U+10FFFF).
bool isValidUTF8(llvm::ArrayRef<uint8_t> Bytes);

} // namespace wasmaot

#endif

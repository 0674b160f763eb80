//===- ByteReader.cpp -----------------------------------------------------===//
#include "decode/ByteReader.h"

#include "support/WasmError.h"

using namespace llvm;

namespace wasmaot {

Error ByteReader::malformedHere(const Twine &Message) const {
  return makeMalformed(offset(), Message);
}

Expected<uint8_t> ByteReader::readU8() {
  if (atEnd())
    return malformedHere("unexpected end");
  return Bytes[Pos++];
}

Expected<uint8_t> ByteReader::peekU8() const {
  if (atEnd())
    return malformedHere("unexpected end");
  return Bytes[Pos];
}

Expected<uint64_t> ByteReader::readLEB(unsigned Bits, bool Signed) {
  const uint64_t Start = offset();
  const unsigned MaxBytes = (Bits + 6) / 7;
  uint64_t Result = 0;
  unsigned Shift = 0;
  for (unsigned I = 0;; ++I) {
    if (atEnd())
      return makeMalformed(Start, "unexpected end");
    uint8_t Byte = Bytes[Pos++];
    const bool Last = I + 1 == MaxBytes;
    if (Last) {
      // The final byte may hold only the bits left of the value; the unused
      // high bits must be zero (unsigned) or copies of the sign bit (signed).
      if (Byte & 0x80)
        return makeMalformed(Start, "integer representation too long");
      const unsigned Used = Bits - Shift; // 1..7
      const uint8_t Payload = Byte & 0x7F;
      const uint8_t Unused = Payload >> Used;
      if (Signed) {
        const bool Negative = (Payload >> (Used - 1)) & 1;
        const uint8_t Expect = Negative ? (0x7F >> Used) : 0;
        if (Unused != Expect)
          return makeMalformed(Start, "integer too large");
      } else if (Unused != 0) {
        return makeMalformed(Start, "integer too large");
      }
    }
    Result |= uint64_t(Byte & 0x7F) << Shift;
    Shift += 7;
    if (!(Byte & 0x80)) {
      if (Signed && Shift < 64 && (Byte & 0x40))
        Result |= ~uint64_t(0) << Shift;
      break;
    }
  }
  if (Bits < 64) {
    // Keep exactly Bits bits (sign-extended for signed reads).
    if (Signed) {
      const unsigned Drop = 64 - Bits;
      Result = uint64_t(int64_t(Result << Drop) >> Drop);
    } else {
      Result &= (uint64_t(1) << Bits) - 1;
    }
  }
  return Result;
}

Expected<uint32_t> ByteReader::readVarU32() {
  auto V = readLEB(32, false);
  if (!V)
    return V.takeError();
  return static_cast<uint32_t>(*V);
}

Expected<int32_t> ByteReader::readVarS32() {
  auto V = readLEB(32, true);
  if (!V)
    return V.takeError();
  return static_cast<int32_t>(static_cast<int64_t>(*V));
}

Expected<int64_t> ByteReader::readVarS33() {
  auto V = readLEB(33, true);
  if (!V)
    return V.takeError();
  return static_cast<int64_t>(*V);
}

Expected<uint64_t> ByteReader::readVarU64() { return readLEB(64, false); }

Expected<int64_t> ByteReader::readVarS64() {
  auto V = readLEB(64, true);
  if (!V)
    return V.takeError();
  return static_cast<int64_t>(*V);
}

Expected<uint32_t> ByteReader::readFixedU32() {
  if (remaining() < 4)
    return malformedHere("unexpected end");
  uint32_t V = 0;
  for (unsigned I = 0; I < 4; ++I)
    V |= uint32_t(Bytes[Pos + I]) << (8 * I);
  Pos += 4;
  return V;
}

Expected<uint64_t> ByteReader::readFixedU64() {
  if (remaining() < 8)
    return malformedHere("unexpected end");
  uint64_t V = 0;
  for (unsigned I = 0; I < 8; ++I)
    V |= uint64_t(Bytes[Pos + I]) << (8 * I);
  Pos += 8;
  return V;
}

Expected<ArrayRef<uint8_t>> ByteReader::readBytes(uint64_t N) {
  if (N > remaining())
    return malformedHere("unexpected end");
  ArrayRef<uint8_t> R = Bytes.slice(Pos, N);
  Pos += N;
  return R;
}

Expected<uint32_t> ByteReader::readCount(unsigned MinElementSize) {
  const uint64_t Start = offset();
  auto N = readVarU32();
  if (!N)
    return N.takeError();
  if (uint64_t(*N) * MinElementSize > remaining())
    return makeMalformed(Start, "length out of bounds: " + Twine(*N) +
                                    " items but only " + Twine(remaining()) +
                                    " bytes left");
  return *N;
}

Expected<std::string> ByteReader::readName() {
  const uint64_t Start = offset();
  auto Len = readVarU32();
  if (!Len)
    return Len.takeError();
  if (*Len > remaining())
    return makeMalformed(Start, "unexpected end: name of " + Twine(*Len) +
                                    " bytes runs past the end");
  ArrayRef<uint8_t> Raw = Bytes.slice(Pos, *Len);
  if (!isValidUTF8(Raw))
    return makeMalformed(offset(), "malformed UTF-8 encoding");
  Pos += *Len;
  return std::string(Raw.begin(), Raw.end());
}

Expected<ByteReader> ByteReader::readSubReader(uint64_t N) {
  const uint64_t Start = offset();
  if (N > remaining())
    return malformedHere("unexpected end");
  ByteReader Sub(Bytes.slice(Pos, N), Start);
  Pos += N;
  return Sub;
}

Error ByteReader::skip(uint64_t N) {
  if (N > remaining())
    return malformedHere("unexpected end");
  Pos += N;
  return Error::success();
}

bool isValidUTF8(ArrayRef<uint8_t> B) {
  size_t I = 0;
  while (I < B.size()) {
    uint8_t C = B[I];
    if (C < 0x80) {
      ++I;
      continue;
    }
    unsigned Len;
    uint32_t CP;
    if ((C & 0xE0) == 0xC0) {
      Len = 2;
      CP = C & 0x1F;
    } else if ((C & 0xF0) == 0xE0) {
      Len = 3;
      CP = C & 0x0F;
    } else if ((C & 0xF8) == 0xF0) {
      Len = 4;
      CP = C & 0x07;
    } else {
      return false;
    }
    if (I + Len > B.size())
      return false;
    for (unsigned K = 1; K < Len; ++K) {
      if ((B[I + K] & 0xC0) != 0x80)
        return false;
      CP = (CP << 6) | (B[I + K] & 0x3F);
    }
    if ((Len == 2 && CP < 0x80) || (Len == 3 && CP < 0x800) ||
        (Len == 4 && CP < 0x10000))
      return false; // overlong
    if (CP > 0x10FFFF || (CP >= 0xD800 && CP <= 0xDFFF))
      return false;
    I += Len;
  }
  return true;
}

} // namespace wasmaot

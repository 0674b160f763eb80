//===- ByteReaderTest.cpp - LEB128, names and bounds ----------------------===//
#include "decode/ByteReader.h"

#include "WasmBuilder.h"

#include <gtest/gtest.h>

#include <limits>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

/// Reads one value with Read from Bytes (at file offset Base) and expects it
/// to succeed, consume exactly the given number of bytes, and yield Expected.
template <typename T, typename ReadFn>
::testing::AssertionResult readsAs(const Bytes &B, ReadFn Read, T Expected,
                                   size_t Consumed, uint64_t Base = 0) {
  ByteReader R(B, Base);
  auto V = Read(R);
  if (!V)
    return ::testing::AssertionFailure()
           << "error: " << llvm::toString(V.takeError());
  if (*V != Expected)
    return ::testing::AssertionFailure()
           << "read " << +*V << ", expected " << +Expected;
  if (R.position() != Consumed)
    return ::testing::AssertionFailure()
           << "consumed " << R.position() << " bytes, expected " << Consumed;
  return ::testing::AssertionSuccess();
}

template <typename ReadFn>
Failure readFailure(const Bytes &B, ReadFn Read, uint64_t Base = 0) {
  ByteReader R(B, Base);
  auto V = Read(R);
  return failureOf(V);
}

const auto U32 = [](ByteReader &R) { return R.readVarU32(); };
const auto S32 = [](ByteReader &R) { return R.readVarS32(); };
const auto S33 = [](ByteReader &R) { return R.readVarS33(); };
const auto U64 = [](ByteReader &R) { return R.readVarU64(); };
const auto S64 = [](ByteReader &R) { return R.readVarS64(); };

Bytes repeat(uint8_t B, size_t N) { return Bytes(N, B); }

//===-- u32 ---------------------------------------------------------------===//

TEST(ByteReaderU32, MinimalEncodings) {
  EXPECT_TRUE(readsAs(Bytes{0x00}, U32, 0u, 1));
  EXPECT_TRUE(readsAs(Bytes{0x01}, U32, 1u, 1));
  EXPECT_TRUE(readsAs(Bytes{0x7F}, U32, 127u, 1));
  EXPECT_TRUE(readsAs(Bytes{0x80, 0x01}, U32, 128u, 2));
  EXPECT_TRUE(readsAs(Bytes{0xE5, 0x8E, 0x26}, U32, 624485u, 3));
  EXPECT_TRUE(readsAs(Bytes{0x80, 0x80, 0x80, 0x80, 0x01}, U32, 1u << 28, 5));
}

TEST(ByteReaderU32, MaximumValue) {
  EXPECT_TRUE(
      readsAs(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, U32, 0xFFFFFFFFu, 5));
}

TEST(ByteReaderU32, StopsAtTheLastByteOfTheValue) {
  // Trailing bytes belong to whatever comes next.
  EXPECT_TRUE(readsAs(Bytes{0x80, 0x01, 0x2A, 0x2B}, U32, 128u, 2));
  Bytes B{0x85, 0x00, 0x2A};
  ByteReader R(B);
  auto V = R.readVarU32();
  ASSERT_TRUE(succeeded(V));
  EXPECT_EQ(*V, 5u);
  auto Next = R.readU8();
  ASSERT_TRUE(succeeded(Next));
  EXPECT_EQ(*Next, 0x2A);
}

TEST(ByteReaderU32, PaddedEncodingsAreLegal) {
  EXPECT_TRUE(readsAs(Bytes{0x80, 0x00}, U32, 0u, 2));
  EXPECT_TRUE(readsAs(Bytes{0x80, 0x80, 0x80, 0x80, 0x00}, U32, 0u, 5));
  EXPECT_TRUE(readsAs(Bytes{0x81, 0x80, 0x00}, U32, 1u, 3));
  EXPECT_TRUE(readsAs(Bytes{0xFF, 0x80, 0x80, 0x80, 0x00}, U32, 127u, 5));
  EXPECT_TRUE(readsAs(uleb(0x12345, 5), U32, 0x12345u, 5));
}

TEST(ByteReaderU32, SixBytesAreTooLong) {
  Failure F = readFailure(Bytes{0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, U32);
  EXPECT_TRUE(isMalformed(F, "integer representation too long", 0));
  // Even when the value would fit.
  F = readFailure(Bytes{0x81, 0x80, 0x80, 0x80, 0x80, 0x00}, U32);
  EXPECT_TRUE(isMalformed(F, "integer representation too long", 0));
}

TEST(ByteReaderU32, FifthByteMayHoldOnlyFourBits) {
  EXPECT_TRUE(isMalformed(readFailure(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x1F}, U32),
                          "integer too large", 0));
  EXPECT_TRUE(isMalformed(readFailure(Bytes{0x80, 0x80, 0x80, 0x80, 0x10}, U32),
                          "integer too large", 0));
  EXPECT_TRUE(isMalformed(readFailure(Bytes{0x80, 0x80, 0x80, 0x80, 0x70}, U32),
                          "integer too large", 0));
  EXPECT_TRUE(isMalformed(readFailure(Bytes{0x80, 0x80, 0x80, 0x80, 0x40}, U32),
                          "integer too large", 0));
}

TEST(ByteReaderU32, TruncatedIsUnexpectedEnd) {
  EXPECT_TRUE(isMalformed(readFailure(Bytes{}, U32), "unexpected end", 0));
  EXPECT_TRUE(isMalformed(readFailure(Bytes{0x80}, U32), "unexpected end", 0));
  EXPECT_TRUE(isMalformed(readFailure(Bytes{0xFF, 0xFF, 0xFF, 0xFF}, U32),
                          "unexpected end", 0));
}

TEST(ByteReaderU32, ErrorOffsetsAreFileOffsets) {
  // The window starts at file offset 100; the bad value at window offset 1.
  Bytes B{0xAA, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
  ByteReader R(B, 100);
  EXPECT_EQ(R.offset(), 100u);
  auto Skipped = R.readU8();
  ASSERT_TRUE(succeeded(Skipped));
  EXPECT_EQ(R.offset(), 101u);
  auto V = R.readVarU32();
  Failure F = failureOf(V);
  EXPECT_TRUE(isMalformed(F, "integer representation too long", 101));

  EXPECT_TRUE(isMalformed(readFailure(Bytes{0x80, 0x80}, U32, 0x4000),
                          "unexpected end", 0x4000));
  EXPECT_TRUE(
      isMalformed(readFailure(Bytes{0x80, 0x80, 0x80, 0x80, 0x10}, U32, 0x1234),
                  "integer too large", 0x1234));
}

//===-- s32 ---------------------------------------------------------------===//

TEST(ByteReaderS32, MinimalEncodings) {
  EXPECT_TRUE(readsAs(Bytes{0x00}, S32, 0, 1));
  EXPECT_TRUE(readsAs(Bytes{0x01}, S32, 1, 1));
  EXPECT_TRUE(readsAs(Bytes{0x3F}, S32, 63, 1));
  EXPECT_TRUE(readsAs(Bytes{0x40}, S32, -64, 1));
  EXPECT_TRUE(readsAs(Bytes{0x7F}, S32, -1, 1));
  EXPECT_TRUE(readsAs(Bytes{0xC0, 0x00}, S32, 64, 2));
  EXPECT_TRUE(readsAs(Bytes{0xBF, 0x7F}, S32, -65, 2));
  EXPECT_TRUE(readsAs(Bytes{0x80, 0x7F}, S32, -128, 2));
  EXPECT_TRUE(
      readsAs(sleb(-123456789), S32, -123456789, sleb(-123456789).size()));
}

TEST(ByteReaderS32, Extremes) {
  EXPECT_TRUE(readsAs(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x07}, S32,
                      std::numeric_limits<int32_t>::max(), 5));
  EXPECT_TRUE(readsAs(Bytes{0x80, 0x80, 0x80, 0x80, 0x78}, S32,
                      std::numeric_limits<int32_t>::min(), 5));
}

TEST(ByteReaderS32, PaddedEncodingsAreLegal) {
  EXPECT_TRUE(readsAs(Bytes{0x80, 0x80, 0x80, 0x80, 0x00}, S32, 0, 5));
  EXPECT_TRUE(readsAs(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x7F}, S32, -1, 5));
  EXPECT_TRUE(readsAs(Bytes{0xFF, 0x7F}, S32, -1, 2));
  EXPECT_TRUE(readsAs(Bytes{0xC0, 0xFF, 0x7F}, S32, -64, 3));
}

TEST(ByteReaderS32, UnusedBitsMustEqualTheSign) {
  // Sign bit (bit 3 of the fifth byte) set, unused bits clear.
  EXPECT_TRUE(isMalformed(readFailure(Bytes{0x80, 0x80, 0x80, 0x80, 0x08}, S32),
                          "integer too large", 0));
  EXPECT_TRUE(isMalformed(readFailure(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, S32),
                          "integer too large", 0));
  // Sign bit clear, unused bits set.
  EXPECT_TRUE(isMalformed(readFailure(Bytes{0x80, 0x80, 0x80, 0x80, 0x70}, S32),
                          "integer too large", 0));
  EXPECT_TRUE(isMalformed(readFailure(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x77}, S32),
                          "integer too large", 0));
  // Mixed unused bits.
  EXPECT_TRUE(isMalformed(readFailure(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x4F}, S32),
                          "integer too large", 0));
  EXPECT_TRUE(isMalformed(readFailure(Bytes{0x80, 0x80, 0x80, 0x80, 0x1F}, S32),
                          "integer too large", 0));
}

TEST(ByteReaderS32, TooLongAndTruncated) {
  EXPECT_TRUE(
      isMalformed(readFailure(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F}, S32),
                  "integer representation too long", 0));
  EXPECT_TRUE(isMalformed(readFailure(Bytes{0xC0}, S32), "unexpected end", 0));
  EXPECT_TRUE(isMalformed(readFailure(Bytes{}, S32, 7), "unexpected end", 7));
}

//===-- s33 ---------------------------------------------------------------===//

TEST(ByteReaderS33, Values) {
  EXPECT_TRUE(readsAs(Bytes{0x40}, S33, int64_t(-64), 1));
  EXPECT_TRUE(readsAs(Bytes{0x00}, S33, int64_t(0), 1));
  EXPECT_TRUE(readsAs(Bytes{0x80, 0x01}, S33, int64_t(128), 2));
  // 2^32 - 1: too large for s32, fine for s33.
  EXPECT_TRUE(readsAs(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, S33,
                      int64_t(0xFFFFFFFF), 5));
  // -2^32, the smallest s33.
  EXPECT_TRUE(
      readsAs(Bytes{0x80, 0x80, 0x80, 0x80, 0x70}, S33, -int64_t(1) << 32, 5));
  EXPECT_TRUE(
      readsAs(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x7F}, S33, int64_t(-1), 5));
  EXPECT_TRUE(readsAs(Bytes{0x80, 0x80, 0x80, 0x80, 0x00}, S33, int64_t(0), 5));
}

TEST(ByteReaderS33, UnusedBitsMustEqualTheSign) {
  // Sign bit (bit 4 of the fifth byte) set, unused bits 5-6 clear.
  EXPECT_TRUE(isMalformed(readFailure(Bytes{0x80, 0x80, 0x80, 0x80, 0x10}, S33),
                          "integer too large", 0));
  // Sign clear, an unused bit set.
  EXPECT_TRUE(isMalformed(readFailure(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x2F}, S33),
                          "integer too large", 0));
  EXPECT_TRUE(isMalformed(readFailure(Bytes{0x80, 0x80, 0x80, 0x80, 0x60}, S33),
                          "integer too large", 0));
  EXPECT_TRUE(
      isMalformed(readFailure(Bytes{0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, S33),
                  "integer representation too long", 0));
  EXPECT_TRUE(
      isMalformed(readFailure(Bytes{0x80, 0x80}, S33), "unexpected end", 0));
}

//===-- u64 / s64 ---------------------------------------------------------===//

TEST(ByteReaderU64, Values) {
  EXPECT_TRUE(readsAs(Bytes{0x00}, U64, uint64_t(0), 1));
  EXPECT_TRUE(readsAs(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x1F}, U64,
                      uint64_t(0x1FFFFFFFF), 5));
  Bytes Max = cat({repeat(0xFF, 9), {0x01}});
  EXPECT_TRUE(readsAs(Max, U64, std::numeric_limits<uint64_t>::max(), 10));
  Bytes TwoTo63 = cat({repeat(0x80, 9), {0x01}});
  EXPECT_TRUE(readsAs(TwoTo63, U64, uint64_t(1) << 63, 10));
  Bytes PaddedZero = cat({repeat(0x80, 9), {0x00}});
  EXPECT_TRUE(readsAs(PaddedZero, U64, uint64_t(0), 10));
  EXPECT_TRUE(readsAs(uleb(0xDEADBEEFCAFEull), U64, uint64_t(0xDEADBEEFCAFEull),
                      uleb(0xDEADBEEFCAFEull).size()));
}

TEST(ByteReaderU64, Malformed) {
  EXPECT_TRUE(isMalformed(readFailure(cat({repeat(0xFF, 9), {0x02}}), U64),
                          "integer too large", 0));
  EXPECT_TRUE(isMalformed(readFailure(cat({repeat(0x80, 9), {0x7E}}), U64),
                          "integer too large", 0));
  EXPECT_TRUE(isMalformed(readFailure(cat({repeat(0x80, 10), {0x00}}), U64),
                          "integer representation too long", 0));
  EXPECT_TRUE(
      isMalformed(readFailure(repeat(0x80, 9), U64), "unexpected end", 0));
}

TEST(ByteReaderS64, Values) {
  EXPECT_TRUE(readsAs(Bytes{0x7F}, S64, int64_t(-1), 1));
  EXPECT_TRUE(readsAs(Bytes{0x40}, S64, int64_t(-64), 1));
  EXPECT_TRUE(readsAs(cat({repeat(0xFF, 9), {0x00}}), S64,
                      std::numeric_limits<int64_t>::max(), 10));
  EXPECT_TRUE(readsAs(cat({repeat(0x80, 9), {0x7F}}), S64,
                      std::numeric_limits<int64_t>::min(), 10));
  EXPECT_TRUE(readsAs(cat({repeat(0xFF, 9), {0x7F}}), S64, int64_t(-1), 10));
  EXPECT_TRUE(readsAs(cat({repeat(0x80, 9), {0x00}}), S64, int64_t(0), 10));
  // -2^32 needs more than 32 bits: no truncation to 32.
  EXPECT_TRUE(
      readsAs(Bytes{0x80, 0x80, 0x80, 0x80, 0x70}, S64, -int64_t(1) << 32, 5));
  EXPECT_TRUE(readsAs(sleb(-0x123456789AB), S64, int64_t(-0x123456789AB),
                      sleb(-0x123456789AB).size()));
}

TEST(ByteReaderS64, UnusedBitsMustEqualTheSign) {
  // Tenth byte: bit 0 is the sign, bits 1-6 must copy it.
  EXPECT_TRUE(isMalformed(readFailure(cat({repeat(0x80, 9), {0x01}}), S64),
                          "integer too large", 0));
  EXPECT_TRUE(isMalformed(readFailure(cat({repeat(0xFF, 9), {0x7E}}), S64),
                          "integer too large", 0));
  EXPECT_TRUE(isMalformed(readFailure(cat({repeat(0xFF, 9), {0x41}}), S64),
                          "integer too large", 0));
  EXPECT_TRUE(isMalformed(readFailure(cat({repeat(0xFF, 10), {0x7F}}), S64),
                          "integer representation too long", 0));
  EXPECT_TRUE(
      isMalformed(readFailure(repeat(0xFF, 5), S64), "unexpected end", 0));
}

//===-- Fixed-width and raw reads -----------------------------------------===//

TEST(ByteReaderFixed, LittleEndian) {
  Bytes B{0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
          0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C};
  ByteReader R(B);
  auto A = R.readFixedU32();
  ASSERT_TRUE(succeeded(A));
  EXPECT_EQ(*A, 0x04030201u);
  auto C = R.readFixedU64();
  ASSERT_TRUE(succeeded(C));
  EXPECT_EQ(*C, 0x0C0B0A0908070605ull);
  EXPECT_TRUE(R.atEnd());
}

TEST(ByteReaderFixed, FloatBitPatternsAreKeptExactly) {
  // A signalling NaN must come through bit for bit.
  Bytes B{0x01, 0x00, 0x80, 0x7F};
  ByteReader R(B);
  auto V = R.readFixedU32();
  ASSERT_TRUE(succeeded(V));
  EXPECT_EQ(*V, 0x7F800001u);
}

TEST(ByteReaderFixed, Truncated) {
  EXPECT_TRUE(
      isMalformed(readFailure(
                      Bytes{0x01, 0x02, 0x03},
                      [](ByteReader &R) { return R.readFixedU32(); }, 50),
                  "unexpected end", 50));
  EXPECT_TRUE(isMalformed(
      readFailure(repeat(0, 7), [](ByteReader &R) { return R.readFixedU64(); }),
      "unexpected end", 0));
}

TEST(ByteReaderBytes, ReadU8AndPeek) {
  Bytes Buf{0x11, 0x22};
  ByteReader R(Buf, 10);
  auto P = R.peekU8();
  ASSERT_TRUE(succeeded(P));
  EXPECT_EQ(*P, 0x11);
  EXPECT_EQ(R.offset(), 10u); // peek does not consume
  auto A = R.readU8();
  ASSERT_TRUE(succeeded(A));
  EXPECT_EQ(*A, 0x11);
  auto B = R.readU8();
  ASSERT_TRUE(succeeded(B));
  EXPECT_EQ(*B, 0x22);
  EXPECT_TRUE(R.atEnd());
  EXPECT_EQ(R.offset(), 12u);
  auto C = R.readU8();
  EXPECT_TRUE(isMalformed(failureOf(C), "unexpected end", 12));
  auto D = R.peekU8();
  EXPECT_TRUE(isMalformed(failureOf(D), "unexpected end", 12));
}

TEST(ByteReaderBytes, ReadBytesAndSkip) {
  Bytes B{1, 2, 3, 4, 5};
  ByteReader R(B, 0x100);
  auto Two = R.readBytes(2);
  ASSERT_TRUE(succeeded(Two));
  EXPECT_EQ(Bytes(Two->begin(), Two->end()), (Bytes{1, 2}));
  EXPECT_TRUE(succeeded(R.skip(1)));
  EXPECT_EQ(R.offset(), 0x103u);
  auto TooMany = R.readBytes(3);
  EXPECT_TRUE(isMalformed(failureOf(TooMany), "unexpected end", 0x103));
  // A huge request must not wrap around.
  auto Huge = R.readBytes(std::numeric_limits<uint64_t>::max());
  EXPECT_TRUE(isMalformed(failureOf(Huge), "unexpected end", 0x103));
  EXPECT_TRUE(isMalformed(failureOf(R.skip(3)), "unexpected end", 0x103));
  EXPECT_TRUE(
      isMalformed(failureOf(R.skip(std::numeric_limits<uint64_t>::max())),
                  "unexpected end"));
  auto Rest = R.readBytes(2);
  ASSERT_TRUE(succeeded(Rest));
  EXPECT_EQ(Bytes(Rest->begin(), Rest->end()), (Bytes{4, 5}));
  auto None = R.readBytes(0);
  EXPECT_TRUE(succeeded(None));
}

//===-- Counts ------------------------------------------------------------===//

TEST(ByteReaderCount, AcceptsCountsTheRemainingBytesCanHold) {
  Bytes B{0x03, 0xA, 0xB, 0xC};
  ByteReader R(B);
  auto N = R.readCount();
  ASSERT_TRUE(succeeded(N));
  EXPECT_EQ(*N, 3u);
  EXPECT_EQ(R.position(), 1u);

  Bytes B2{0x02, 1, 2, 3, 4, 5, 6};
  ByteReader R2(B2);
  auto N2 = R2.readCount(3);
  ASSERT_TRUE(succeeded(N2));
  EXPECT_EQ(*N2, 2u);

  Bytes B3{0x00};
  ByteReader Empty(B3);
  auto N3 = Empty.readCount(100);
  ASSERT_TRUE(succeeded(N3));
  EXPECT_EQ(*N3, 0u);
}

TEST(ByteReaderCount, RefusesCountsLargerThanTheRemainingBytes) {
  EXPECT_TRUE(isMalformed(readFailure(
                              Bytes{0x04, 1, 2, 3},
                              [](ByteReader &R) { return R.readCount(); }, 30),
                          "length out of bounds", 30));
  // Two elements of at least three bytes need six.
  EXPECT_TRUE(
      isMalformed(readFailure(Bytes{0x02, 1, 2, 3, 4, 5},
                              [](ByteReader &R) { return R.readCount(3); }),
                  "length out of bounds", 0));
  // The largest count in a tiny window, with a large element size: no
  // overflow in the multiplication.
  EXPECT_TRUE(isMalformed(
      readFailure(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00},
                  [](ByteReader &R) { return R.readCount(0xFFFFFFFFu); }),
      "length out of bounds", 0));
  // A malformed count is reported as such.
  EXPECT_TRUE(
      isMalformed(readFailure(Bytes{0x80, 0x80, 0x80, 0x80, 0x10},
                              [](ByteReader &R) { return R.readCount(); }),
                  "integer too large", 0));
}

//===-- Names -------------------------------------------------------------===//

Failure nameFailure(const Bytes &Raw) {
  Bytes B = cat({uleb(Raw.size()), Raw});
  ByteReader R(B);
  auto N = R.readName();
  return failureOf(N);
}

TEST(ByteReaderName, ReadsUTF8Names) {
  Bytes B = cat({name("env"),
                 name(""),
                 name("\xC3\xA9t\xC3\xA9"),
                 name("\xF0\x9F\x98\x80"),
                 {0x99}});
  ByteReader R(B);
  auto A = R.readName();
  ASSERT_TRUE(succeeded(A));
  EXPECT_EQ(*A, "env");
  auto E = R.readName();
  ASSERT_TRUE(succeeded(E));
  EXPECT_EQ(*E, "");
  auto U = R.readName();
  ASSERT_TRUE(succeeded(U));
  EXPECT_EQ(*U, "\xC3\xA9t\xC3\xA9");
  auto Emoji = R.readName();
  ASSERT_TRUE(succeeded(Emoji));
  EXPECT_EQ(*Emoji, "\xF0\x9F\x98\x80");
  EXPECT_EQ(R.remaining(), 1u);
}

TEST(ByteReaderName, NameMayContainNul) {
  Bytes B{0x03, 'a', 0x00, 'b'};
  ByteReader R(B);
  auto N = R.readName();
  ASSERT_TRUE(succeeded(N));
  EXPECT_EQ(*N, std::string("a\0b", 3));
}

TEST(ByteReaderName, LengthPastTheEndIsUnexpectedEnd) {
  Bytes B{0x05, 'a', 'b', 'c'};
  EXPECT_TRUE(
      isMalformed(readFailure(
                      B, [](ByteReader &R) { return R.readName(); }, 20),
                  "unexpected end", 20));
  EXPECT_TRUE(
      isMalformed(readFailure(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 'a'},
                              [](ByteReader &R) { return R.readName(); }),
                  "unexpected end", 0));
  EXPECT_TRUE(isMalformed(
      readFailure(Bytes{}, [](ByteReader &R) { return R.readName(); }),
      "unexpected end", 0));
}

TEST(ByteReaderName, ValidBoundaryCodePoints) {
  const std::vector<Bytes> Valid = {
      {0x7F},                   // U+007F
      {0xC2, 0x80},             // U+0080
      {0xDF, 0xBF},             // U+07FF
      {0xE0, 0xA0, 0x80},       // U+0800
      {0xED, 0x9F, 0xBF},       // U+D7FF
      {0xEE, 0x80, 0x80},       // U+E000
      {0xEF, 0xBF, 0xBF},       // U+FFFF
      {0xF0, 0x90, 0x80, 0x80}, // U+10000
      {0xF4, 0x8F, 0xBF, 0xBF}, // U+10FFFF
  };
  for (const Bytes &V : Valid) {
    EXPECT_TRUE(isValidUTF8(V)) << testing::PrintToString(V);
    EXPECT_FALSE(nameFailure(V).Failed) << testing::PrintToString(V);
  }
}

TEST(ByteReaderName, InvalidUTF8IsMalformed) {
  const std::vector<Bytes> Invalid = {
      // Overlong forms.
      {0xC0, 0x80},
      {0xC1, 0xBF},
      {0xE0, 0x80, 0x80},
      {0xE0, 0x9F, 0xBF},
      {0xF0, 0x80, 0x80, 0x80},
      {0xF0, 0x8F, 0xBF, 0xBF},
      // Surrogates.
      {0xED, 0xA0, 0x80},
      {0xED, 0xBF, 0xBF},
      {'a', 0xED, 0xB0, 0x80},
      // Above U+10FFFF.
      {0xF4, 0x90, 0x80, 0x80},
      {0xF5, 0x80, 0x80, 0x80},
      {0xF7, 0xBF, 0xBF, 0xBF},
      {0xF8, 0x88, 0x80, 0x80, 0x80},
      {0xFC, 0x84, 0x80, 0x80, 0x80, 0x80},
      {0xFE},
      {0xFF},
      // Truncated sequences.
      {0xC2},
      {0xE2, 0x82},
      {0xF0, 0x9F, 0x98},
      {'a', 'b', 0xC3},
      // Lead byte followed by a non-continuation byte.
      {0xC2, 0x41},
      {0xE2, 0x28, 0xA1},
      {0xF0, 0x9F, 0x98, 0x20},
      // Stray continuation bytes.
      {0x80},
      {0xBF},
      {'a', 0x80, 'b'},
  };
  for (const Bytes &V : Invalid) {
    EXPECT_FALSE(isValidUTF8(V)) << testing::PrintToString(V);
    EXPECT_TRUE(isMalformed(nameFailure(V), "malformed UTF-8 encoding"))
        << testing::PrintToString(V);
  }
}

TEST(ByteReaderName, ValidationStopsAtTheNameLength) {
  // The name is one byte long; the continuation byte after it is not part of
  // the name, so the name is a truncated sequence.
  Bytes B{0x01, 0xC3, 0xA9};
  Failure F = readFailure(B, [](ByteReader &R) { return R.readName(); });
  EXPECT_TRUE(isMalformed(F, "malformed UTF-8 encoding"));
}

TEST(ByteReaderName, UTF8ErrorIsInsideTheName) {
  Bytes B{0x00, 0x00, 0x02, 0xC0, 0x80};
  ByteReader R(B, 40);
  ASSERT_TRUE(succeeded(R.skip(2)));
  auto N = R.readName();
  Failure F = failureOf(N);
  ASSERT_TRUE(isMalformed(F, "malformed UTF-8 encoding"));
  EXPECT_GE(F.Offset, 42u);
  EXPECT_LE(F.Offset, 44u);
}

//===-- Sub-readers -------------------------------------------------------===//

TEST(ByteReaderSub, WindowKnowsItsFileOffset) {
  Bytes B{0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5};
  ByteReader R(B, 1000);
  ASSERT_TRUE(succeeded(R.skip(1)));
  auto Sub = R.readSubReader(3);
  ASSERT_TRUE(succeeded(Sub));
  EXPECT_EQ(R.offset(), 1004u); // parent moved past the window
  EXPECT_EQ(Sub->offset(), 1001u);
  EXPECT_EQ(Sub->position(), 0u);
  EXPECT_EQ(Sub->remaining(), 3u);
  auto First = Sub->readU8();
  ASSERT_TRUE(succeeded(First));
  EXPECT_EQ(*First, 0xA1);
  ASSERT_TRUE(succeeded(Sub->skip(2)));
  EXPECT_TRUE(Sub->atEnd());
  // The window ends even though the parent has more bytes.
  auto Past = Sub->readU8();
  EXPECT_TRUE(isMalformed(failureOf(Past), "unexpected end", 1004));
  auto Next = R.readU8();
  ASSERT_TRUE(succeeded(Next));
  EXPECT_EQ(*Next, 0xA4);
}

TEST(ByteReaderSub, NestedWindowsAndLEBAcrossTheBoundary) {
  // A LEB128 whose continuation would need bytes beyond the window.
  Bytes B{0x00, 0x80, 0x80, 0x01};
  ByteReader R(B, 0x10);
  ASSERT_TRUE(succeeded(R.skip(1)));
  auto Outer = R.readSubReader(3);
  ASSERT_TRUE(succeeded(Outer));
  auto Inner = Outer->readSubReader(2);
  ASSERT_TRUE(succeeded(Inner));
  EXPECT_EQ(Inner->offset(), 0x11u);
  auto V = Inner->readVarU32();
  EXPECT_TRUE(isMalformed(failureOf(V), "unexpected end", 0x11));
}

TEST(ByteReaderSub, WindowLargerThanTheRestIsRefused) {
  Bytes B{1, 2, 3};
  ByteReader R(B, 8);
  ASSERT_TRUE(succeeded(R.skip(1)));
  auto Sub = R.readSubReader(3);
  EXPECT_TRUE(isMalformed(failureOf(Sub), "unexpected end", 9));
  auto Huge = R.readSubReader(std::numeric_limits<uint64_t>::max());
  EXPECT_TRUE(isMalformed(failureOf(Huge), "unexpected end", 9));
  auto Exact = R.readSubReader(2);
  ASSERT_TRUE(succeeded(Exact));
  EXPECT_EQ(Exact->remaining(), 2u);
  EXPECT_TRUE(R.atEnd());
  auto Zero = R.readSubReader(0);
  ASSERT_TRUE(succeeded(Zero));
  EXPECT_TRUE(Zero->atEnd());
  EXPECT_EQ(Zero->offset(), 11u);
}

TEST(ByteReaderMalformedHere, UsesTheCurrentFileOffset) {
  Bytes B{1, 2, 3};
  ByteReader R(B, 0x30);
  ASSERT_TRUE(succeeded(R.skip(2)));
  EXPECT_TRUE(isMalformed(failureOf(R.malformedHere("something odd")),
                          "something odd", 0x32));
}

} // namespace

//===- WasmBuilder.h - Assemble binaries and inspect errors in unit tests
//--===//
//
// Just enough to write a module byte by byte without counting section sizes
// by hand: LEB128 encoders, names, vectors, sections, the preamble. Plus
// helpers that turn an llvm::Error into something a test can look at, and
// assertions that print the error when it is not the expected one.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_UNIT_WASMBUILDER_H
#define WASMAOT_TEST_UNIT_WASMBUILDER_H

#include "support/WasmError.h"

#include "llvm/Support/Error.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaot::test {

using Bytes = std::vector<uint8_t>;

/// Unsigned LEB128, padded with continuation bytes to at least MinBytes.
inline Bytes uleb(uint64_t V, unsigned MinBytes = 1) {
  Bytes Out;
  do {
    uint8_t B = V & 0x7F;
    V >>= 7;
    if (V != 0 || Out.size() + 1 < MinBytes)
      B |= 0x80;
    Out.push_back(B);
  } while (V != 0 || Out.size() < MinBytes);
  return Out;
}

/// Signed LEB128, minimal.
inline Bytes sleb(int64_t V) {
  Bytes Out;
  while (true) {
    uint8_t B = V & 0x7F;
    V >>= 7; // arithmetic shift
    const bool Done = (V == 0 && !(B & 0x40)) || (V == -1 && (B & 0x40));
    Out.push_back(Done ? B : (B | 0x80));
    if (Done)
      return Out;
  }
}

inline Bytes cat(std::initializer_list<Bytes> Parts) {
  Bytes Out;
  for (const Bytes &P : Parts)
    Out.insert(Out.end(), P.begin(), P.end());
  return Out;
}

/// A name: its length, then its bytes.
inline Bytes name(std::string_view S) {
  Bytes Out = uleb(S.size());
  Out.insert(Out.end(), S.begin(), S.end());
  return Out;
}

/// A vector: the item count, then the items.
inline Bytes vec(std::initializer_list<Bytes> Items) {
  Bytes Out = uleb(Items.size());
  for (const Bytes &I : Items)
    Out.insert(Out.end(), I.begin(), I.end());
  return Out;
}

/// A section: id, payload size, payload.
inline Bytes section(uint8_t Id, const Bytes &Payload) {
  return cat({{Id}, uleb(Payload.size()), Payload});
}

inline Bytes customSection(std::string_view Name, const Bytes &Payload) {
  return section(0, cat({name(Name), Payload}));
}

inline Bytes preamble() {
  return {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
}

/// The preamble followed by the given sections (or any other bytes).
inline Bytes module(std::initializer_list<Bytes> Sections) {
  Bytes Out = preamble();
  for (const Bytes &S : Sections)
    Out.insert(Out.end(), S.begin(), S.end());
  return Out;
}

/// What an llvm::Error carried, for inspection after it has been consumed.
struct Failure {
  bool Failed = false;
  bool IsWasmError = false;
  WasmErrorKind Kind = WasmErrorKind::Malformed;
  uint64_t Offset = 0;
  std::string Text;    // WasmError::text(), or the message of other errors
  std::string Message; // the full rendering, for diagnostics
  std::string Section; // WasmError context, when attached
  std::optional<uint32_t> Function;
};

inline Failure failureOf(llvm::Error E) {
  Failure F;
  if (!E)
    return F;
  F.Failed = true;
  llvm::handleAllErrors(
      std::move(E),
      [&](const WasmError &W) {
        F.IsWasmError = true;
        F.Kind = W.kind();
        F.Offset = W.offset();
        F.Text = W.text();
        F.Message = W.message();
        F.Section = W.section();
        F.Function = W.function();
      },
      [&](const llvm::ErrorInfoBase &Other) {
        F.Text = Other.message();
        F.Message = F.Text;
      });
  return F;
}

/// Consumes V's error, if any. A value is left in place.
template <typename T> Failure failureOf(llvm::Expected<T> &V) {
  if (V)
    return Failure();
  return failureOf(V.takeError());
}

/// Passes when V holds a value; otherwise fails with the error's text.
template <typename T>
::testing::AssertionResult succeeded(llvm::Expected<T> &V) {
  if (V)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "unexpected error: " << llvm::toString(V.takeError());
}

inline ::testing::AssertionResult succeeded(llvm::Error E) {
  if (!E)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "unexpected error: " << llvm::toString(std::move(E));
}

/// Passes when F is a Malformed WasmError whose text contains Substr and,
/// when Offset is given, that sits at that file offset.
inline ::testing::AssertionResult
isMalformed(const Failure &F, std::string_view Substr,
            std::optional<uint64_t> Offset = std::nullopt) {
  if (!F.Failed)
    return ::testing::AssertionFailure()
           << "succeeded; expected a malformed error containing \"" << Substr
           << "\"";
  if (!F.IsWasmError)
    return ::testing::AssertionFailure()
           << "error is not a WasmError: " << F.Message;
  if (F.Kind != WasmErrorKind::Malformed)
    return ::testing::AssertionFailure()
           << "error is not of kind Malformed: " << F.Message;
  if (F.Text.find(Substr) == std::string::npos)
    return ::testing::AssertionFailure()
           << "message \"" << F.Text << "\" does not contain \"" << Substr
           << "\" (" << F.Message << ")";
  if (Offset && F.Offset != *Offset)
    return ::testing::AssertionFailure()
           << "error at offset " << F.Offset << ", expected " << *Offset << " ("
           << F.Message << ")";
  return ::testing::AssertionSuccess();
}

} // namespace wasmaot::test

#endif

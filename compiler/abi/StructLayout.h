//===- StructLayout.h - C struct layout, computed at compile time ---------===//
//
// A tiny model of the C layout rules of the supported targets (each field at
// the next multiple of its alignment, the size rounded up to the largest
// alignment), so the ABI offsets can be computed for a given pointer size and
// checked against abi.h with static_assert on the host.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_ABI_STRUCTLAYOUT_H
#define WASMAOT_ABI_STRUCTLAYOUT_H

#include <array>
#include <cstddef>
#include <cstdint>

namespace wasmaot::abi_detail {

struct FieldShape {
  uint64_t Size;
  uint64_t Align;
};

template <size_t N> struct StructShape {
  std::array<uint64_t, N> Offsets{};
  uint64_t Size = 0;
  uint64_t Align = 1;
};

constexpr uint64_t alignTo(uint64_t Value, uint64_t Align) {
  return (Value + Align - 1) / Align * Align;
}

template <size_t N>
constexpr StructShape<N> layoutStruct(const std::array<FieldShape, N> &Fields) {
  StructShape<N> S;
  uint64_t Offset = 0;
  for (size_t I = 0; I < N; ++I) {
    Offset = alignTo(Offset, Fields[I].Align);
    S.Offsets[I] = Offset;
    Offset += Fields[I].Size;
    if (Fields[I].Align > S.Align)
      S.Align = Fields[I].Align;
  }
  S.Size = alignTo(Offset, S.Align);
  return S;
}

constexpr FieldShape u8() { return {1, 1}; }
constexpr FieldShape u32() { return {4, 4}; }
constexpr FieldShape u64() { return {8, 8}; }
constexpr FieldShape ptr(unsigned PointerSize) {
  return {PointerSize, PointerSize};
}
constexpr FieldShape bytes(uint64_t N) { return {N, 1}; }

} // namespace wasmaot::abi_detail

#endif

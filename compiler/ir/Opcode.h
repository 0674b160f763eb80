//===- Opcode.h - Opcodes and what the table says about them ---------------===//
#ifndef WASMAOT_IR_OPCODE_H
#define WASMAOT_IR_OPCODE_H

#include "ir/Features.h"
#include "ir/ValType.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>

namespace wasmaot {

enum class Opcode : uint16_t {
#define WASM_OPCODE(Id, Text, Prefix, Code, Imm, Sig, Feat, Extra) Id,
#include "ir/Opcodes.def"
};

/// Number of opcodes in the table.
constexpr unsigned NumOpcodes = 0
#define WASM_OPCODE(Id, Text, Prefix, Code, Imm, Sig, Feat, Extra) +1
#include "ir/Opcodes.def"
    ;

/// What follows an opcode in the binary.
enum class ImmediateKind : uint8_t {
  None,
  BlockType,    // blocktype (s33)
  LabelIndex,   // labelidx
  BrTable,      // vec(labelidx) labelidx
  FuncIndex,    // funcidx
  CallIndirect, // typeidx tableidx
  LocalIndex,   // localidx
  GlobalIndex,  // globalidx
  TableIndex,   // tableidx
  TagIndex,     // tagidx (exceptions)
  MemArg,       // align offset (bit 6 of align: memory index follows)
  MemoryIndex,  // memidx (a single zero byte before multi-memory)
  I32Const,     // i32 (sLEB)
  I64Const,     // i64 (sLEB)
  F32Const,     // 4 bytes
  F64Const,     // 8 bytes
  V128Const,    // 16 bytes
  SelectTypes,  // vec(valtype)
  RefNullType,  // reftype
  MemoryInit,   // dataidx memidx
  DataIndex,    // dataidx
  MemoryCopy,   // memidx memidx
  TableInit,    // elemidx tableidx
  ElemIndex,    // elemidx
  TableCopy,    // tableidx tableidx
  LaneIndex,    // one byte lane index
  MemArgLane,   // memarg, lane byte
  Shuffle,      // 16 lane bytes
};

/// A simple operator's fixed type: what it pops and pushes. Address
/// operands are marked, since their type depends on the memory (i32, or i64
/// with memory64).
struct OpSignature {
  static constexpr unsigned MaxParams = 3;
  ValType Params[MaxParams];
  bool ParamIsAddress[MaxParams];
  uint8_t NumParams = 0;
  ValType Result;
  bool HasResult = false;

  llvm::ArrayRef<ValType> params() const { return {Params, NumParams}; }
};

struct OpcodeInfo {
  Opcode Op;
  llvm::StringLiteral Text;
  uint8_t Prefix;
  uint32_t Code;
  ImmediateKind Immediate;
  /// Empty when the validator types the operator itself.
  std::optional<OpSignature> Signature;
  /// The feature that introduced the opcode; none for the MVP.
  std::optional<Feature> RequiredFeature;
  /// Memory operators: log2 of natural alignment; lane operators: lanes.
  uint8_t Extra;
};

const OpcodeInfo &opcodeInfo(Opcode Op);
inline llvm::StringRef opcodeName(Opcode Op) { return opcodeInfo(Op).Text; }

/// Looks an encoding up in the table; none for bytes that are no opcode.
std::optional<Opcode> lookupOpcode(uint8_t Prefix, uint32_t Code);
/// Whether Byte starts a multi-byte (prefixed) opcode.
bool isOpcodePrefix(uint8_t Byte);

} // namespace wasmaot

#endif

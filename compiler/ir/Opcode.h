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
#define WASM_OPCODE(Id, Text, Prefix, Code, Imm, Sig, Feat, Extra, Family,    \
                    Access, Flags)                                             \
  Id,
#include "ir/Opcodes.def"
};

/// Number of opcodes in the table.
constexpr unsigned NumOpcodes = 0
#define WASM_OPCODE(Id, Text, Prefix, Code, Imm, Sig, Feat, Extra, Family,    \
                    Access, Flags)                                             \
  +1
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

/// Which part of the lowering translates an opcode (Opcodes.def, Family).
enum class LowerFamily : uint8_t {
  Control,      // LowerControl.cpp
  Call,         // LowerCalls.cpp
  Parametric,   // drop, select (FunctionLowering.cpp)
  Variable,     // LowerVariables.cpp
  Constant,     // FunctionLowering.cpp
  Reference,    // LowerTables.cpp
  Table,        // LowerTables.cpp
  MemoryAccess, // loads and stores, LowerMemory.cpp
  Memory,       // memory.size/grow and bulk memory, LowerMemory.cpp
  Numeric,      // LowerNumeric.cpp, LowerConversions.cpp
  SimdFloat,    // f32x4/f64x2 lane operators and conversions, LowerSimdFloat.cpp
  SimdInteger,  // the other v128 operators: bits, lanes, integer lanes,
                // LowerSimdInteger.cpp
  Unlowered,    // valid, but not translated: "not supported by this compiler"
};

/// How the bytes a memory access reads become its value, or how the value
/// becomes the bytes it writes (Opcodes.def, Access). The access touches
/// 1 << Extra bytes.
enum class AccessShape : uint8_t {
  NoAccess,
  Plain,      // the whole value (stores of fewer bytes keep the low ones)
  SignExtend, // a narrow integer load, sign-extended
  ZeroExtend, // a narrow integer load, zero-extended
  Splat,      // one lane's bytes, copied to every lane
  ZeroPad,    // the low lane, the rest zero
  Lane,       // one lane of a vector operand
  ExtendLanes8S, ExtendLanes8U,   // 8 bytes, each widened to 16 bits
  ExtendLanes16S, ExtendLanes16U, // 4 halves, each widened to 32 bits
  ExtendLanes32S, ExtendLanes32U, // 2 words, each widened to 64 bits
};

/// Properties of an opcode (Opcodes.def, Flags); see the table's header.
enum OpFlag : uint8_t {
  NoFlags = 0,
  OpensBlock = 1 << 0,
  EndsRun = 1 << 1,
  InConstExpr = 1 << 2,
  InExtendedConstExpr = 1 << 3,
  NanOpen = 1 << 4,
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
  /// Memory operators: log2 of natural alignment (and of the bytes
  /// accessed); lane operators: lanes.
  uint8_t Extra;
  LowerFamily Family;
  AccessShape Access;
  uint8_t Flags; ///< OpFlag bits

  bool has(OpFlag F) const { return (Flags & F) != 0; }
  bool isMemoryAccess() const { return Access != AccessShape::NoAccess; }
  /// Memory accesses: how many bytes they touch.
  unsigned accessBytes() const { return 1u << Extra; }
};

const OpcodeInfo &opcodeInfo(Opcode Op);
inline llvm::StringRef opcodeName(Opcode Op) { return opcodeInfo(Op).Text; }
inline bool opensBlock(Opcode Op) { return opcodeInfo(Op).has(OpensBlock); }
inline bool isMemoryAccess(Opcode Op) { return opcodeInfo(Op).isMemoryAccess(); }

/// Looks an encoding up in the table; none for bytes that are no opcode.
std::optional<Opcode> lookupOpcode(uint8_t Prefix, uint32_t Code);
/// Whether Byte starts a multi-byte (prefixed) opcode.
bool isOpcodePrefix(uint8_t Byte);

} // namespace wasmaot

#endif

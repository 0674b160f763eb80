//===- Module.h - A decoded WebAssembly module -----------------------------===//
//
// The module as the decoder produces it: plain data, no LLVM IR types, every
// item remembering the file offset it came from so later stages can report
// errors at the right place. Function bodies stay as bytes (with their
// offsets) and are read instruction by instruction by the validator and the
// lowering, through decode/InstructionReader.h.
//
// Index spaces follow the spec: imported functions, tables, memories and
// globals come first, then the module's own.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_IR_MODULE_H
#define WASMAOT_IR_MODULE_H

#include "ir/Features.h"
#include "ir/Opcode.h"
#include "ir/ValType.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wasmaot {

struct FuncType {
  std::vector<ValType> Params;
  std::vector<ValType> Results;

  bool operator==(const FuncType &) const = default;
};

struct Limits {
  uint64_t Min = 0;
  std::optional<uint64_t> Max;
  bool Shared = false; // threads
  bool Is64 = false;   // memory64
};

struct TableType {
  ValType ElemType = ValType::FuncRef;
  Limits Limits;
};

struct MemoryType {
  Limits Limits;
};

struct GlobalType {
  ValType Type = ValType::I32;
  bool Mutable = false;
};

/// Exception tag (exceptions proposal): attribute and a function type index.
struct TagType {
  uint32_t TypeIndex = 0;
};

enum class ExternKind : uint8_t {
  Func = 0,
  Table = 1,
  Memory = 2,
  Global = 3,
  Tag = 4,
};
llvm::StringRef externKindName(ExternKind K);

struct Import {
  std::string Module;
  std::string Name;
  ExternKind Kind = ExternKind::Func;
  uint32_t FuncTypeIndex = 0; // Kind == Func
  TableType Table;            // Kind == Table
  MemoryType Memory;          // Kind == Memory
  GlobalType Global;          // Kind == Global
  TagType Tag;                // Kind == Tag
  uint64_t Offset = 0;
};

struct Export {
  std::string Name;
  ExternKind Kind = ExternKind::Func;
  uint32_t Index = 0;
  uint64_t Offset = 0;
};

/// The immediates of one instruction, as InstructionReader decodes them.
struct MemArg {
  uint32_t AlignLog2 = 0;
  uint32_t Memory = 0;
  uint64_t Offset = 0;
};

struct BlockType {
  enum Kind : uint8_t { Empty, Value, TypeIndex } K = Empty;
  ValType Type = ValType::Unknown; // K == Value
  uint32_t Index = 0;              // K == TypeIndex
};

struct Instruction {
  Opcode Op = Opcode::Nop;
  uint64_t Offset = 0; // of the opcode's first byte in the file
  // Immediates; which are meaningful depends on opcodeInfo(Op).Immediate.
  uint32_t Index = 0;  // label, func, type, local, global, table, memory,
                       // data, elem, tag; the lane for lane operators
  uint32_t Index2 = 0; // call_indirect table, memory.init/table.init/copy
                       // second index
  uint64_t Bits = 0;   // i32/i64 constants (sign-extended), f32/f64 bits
  uint8_t V128[16] = {}; // v128.const bytes, i8x16.shuffle lanes
  MemArg Mem;
  BlockType Block;
  ValType Type = ValType::Unknown; // ref.null type, select's first type
  uint32_t NumSelectTypes = 0;     // select t*: how many types were given
  /// br_table targets, the default last. Valid until the reader's next read.
  llvm::ArrayRef<uint32_t> Targets;
};

/// A constant expression (global initialisers, segment offsets and element
/// items): its instructions without the final `end`. Targets are not kept.
struct ConstExpr {
  std::vector<Instruction> Instrs;
  uint64_t Offset = 0;
};

struct Global {
  GlobalType Type;
  ConstExpr Init;
  uint64_t Offset = 0;
};

/// A run of locals of one type, as the binary declares them.
struct LocalRun {
  uint32_t Count = 0;
  ValType Type = ValType::I32;
};

struct Function {
  uint32_t TypeIndex = 0;
  std::vector<LocalRun> Locals; // declared locals, parameters not included
  uint64_t NumLocals = 0;       // sum of the runs
  uint64_t EntryOffset = 0;     // the code entry (its size field)
  uint64_t BodyOffset = 0;      // first instruction
  uint64_t BodySize = 0;        // bytes from the first instruction to the
                                // end of the entry, final `end` included
};

enum class SegmentMode : uint8_t { Active, Passive, Declarative };

struct ElemSegment {
  SegmentMode Mode = SegmentMode::Active;
  uint32_t Table = 0;
  ConstExpr OffsetExpr; // Mode == Active
  ValType ElemType = ValType::FuncRef;
  /// Each item as a constant expression; the function-index encodings are
  /// turned into a single ref.func so later stages see one form.
  std::vector<ConstExpr> Items;
  bool UsesExpressions = false; // which encoding the binary used
  uint64_t Offset = 0;
};

struct DataSegment {
  SegmentMode Mode = SegmentMode::Active;
  uint32_t Memory = 0;
  ConstExpr OffsetExpr; // Mode == Active
  uint64_t DataOffset = 0; // of the bytes in the file
  uint64_t DataSize = 0;
  uint64_t Offset = 0;
};

struct CustomSection {
  std::string Name;
  uint64_t Offset = 0;        // of the section's id byte
  uint64_t PayloadOffset = 0; // after the name
  uint64_t PayloadSize = 0;
};

/// What the `name` custom section says. Absent names stay absent; a
/// malformed name section is ignored, as the spec allows for custom sections.
struct NameMap {
  std::optional<std::string> ModuleName;
  std::map<uint32_t, std::string> Functions;
  std::map<uint32_t, std::map<uint32_t, std::string>> Locals;
};

/// Where each section sits, for `inspect` and for error context.
struct SectionInfo {
  uint8_t Id = 0;
  std::string Name; // "type", "import", ..., or the custom section's name
  uint64_t Offset = 0;  // of the id byte
  uint64_t PayloadOffset = 0;
  uint64_t Size = 0;    // payload size
};
llvm::StringRef sectionName(uint8_t Id);

struct Module {
  Features EnabledFeatures;

  std::vector<FuncType> Types;
  std::vector<Import> Imports;
  std::vector<Function> Functions; // defined functions only
  std::vector<TableType> Tables;   // defined only
  std::vector<MemoryType> Memories;
  std::vector<Global> Globals;
  std::vector<TagType> Tags;
  std::vector<Export> Exports;
  std::optional<uint32_t> Start;
  uint64_t StartOffset = 0;
  std::vector<ElemSegment> Elems;
  std::vector<DataSegment> Datas;
  std::optional<uint32_t> DataCount;
  std::vector<CustomSection> Customs;
  NameMap Names;
  std::vector<SectionInfo> Sections;

  /// The whole binary. Function bodies and data segments are ranges of it.
  std::vector<uint8_t> Bytes;

  /// For each extern kind, the positions in Imports of the imports of that
  /// kind, in order: entry I is the import that is index I of that index
  /// space. Filled in by the decoder (see addImport).
  std::vector<uint32_t> ImportsByKind[5];

  /// Appends an import and records it in its index space.
  void addImport(Import I);

  uint32_t numImported(ExternKind K) const {
    return ImportsByKind[static_cast<unsigned>(K)].size();
  }
  uint32_t numImportedFuncs() const { return numImported(ExternKind::Func); }
  uint32_t numImportedTables() const { return numImported(ExternKind::Table); }
  uint32_t numImportedMemories() const {
    return numImported(ExternKind::Memory);
  }
  uint32_t numImportedGlobals() const {
    return numImported(ExternKind::Global);
  }
  uint32_t numImportedTags() const { return numImported(ExternKind::Tag); }

  // Whole index spaces (imports then definitions).
  uint32_t numFuncs() const { return numImportedFuncs() + Functions.size(); }
  uint32_t numTables() const { return numImportedTables() + Tables.size(); }
  uint32_t numMemories() const {
    return numImportedMemories() + Memories.size();
  }
  uint32_t numGlobals() const { return numImportedGlobals() + Globals.size(); }
  uint32_t numTags() const { return numImportedTags() + Tags.size(); }

  /// Type index of function FuncIndex in the function index space. The
  /// index must be in range.
  uint32_t funcTypeIndex(uint32_t FuncIndex) const;
  TableType tableType(uint32_t TableIndex) const;
  MemoryType memoryType(uint32_t MemoryIndex) const;
  GlobalType globalType(uint32_t GlobalIndex) const;
  /// The import for an imported item of Kind, by its index in that space.
  const Import *importFor(ExternKind Kind, uint32_t Index) const;

  llvm::ArrayRef<uint8_t> functionBody(const Function &F) const {
    return llvm::ArrayRef<uint8_t>(Bytes).slice(F.BodyOffset, F.BodySize);
  }
  llvm::ArrayRef<uint8_t> dataBytes(const DataSegment &D) const {
    return llvm::ArrayRef<uint8_t>(Bytes).slice(D.DataOffset, D.DataSize);
  }
  /// The name-section name of a function, if any.
  std::optional<llvm::StringRef> functionName(uint32_t FuncIndex) const;
};

} // namespace wasmaot

#endif

//===- DescriptorLayout.h - The module descriptor as LLVM constants -------===//
//
// Every compiled object carries a wa_module (abi.h): the module's types,
// imports, exports, tables, memories, globals and segments, and pointers to
// the compiled code. This file owns how those C structures look in LLVM IR:
// one LLVM struct type per C struct, with every padding byte explicit, and
// a builder per struct taking plain values, so the lowering never indexes
// fields by position. The field lists are checked against abi.h with
// static_assert (host) and against the target's DataLayout (verify()).
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_ABI_DESCRIPTORLAYOUT_H
#define WASMAOT_ABI_DESCRIPTORLAYOUT_H

#include "llvm/IR/Constants.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/Support/Error.h"

#include <cstdint>

namespace wasmaot {

/// wa_limits.
struct LimitsDesc {
  uint64_t Min = 0;
  uint64_t Max = 0;
  bool HasMax = false;
};

/// wa_func_type. Params and Results point to arrays of wa_valtype bytes.
struct FuncTypeDesc {
  uint32_t NumParams = 0;
  uint32_t NumResults = 0;
  llvm::Constant *Params = nullptr;
  llvm::Constant *Results = nullptr;
};

/// wa_import. Module and Name point to the names' bytes followed by a NUL;
/// the lengths exclude it (names may contain NUL bytes).
struct ImportDesc {
  llvm::Constant *Module = nullptr;
  llvm::Constant *Name = nullptr;
  uint32_t ModuleLen = 0;
  uint32_t NameLen = 0;
  uint8_t Kind = 0;
  uint8_t GlobalType = 0;
  uint8_t GlobalMutable = 0;
  uint8_t TableElemType = 0;
  uint32_t FuncType = 0;
  LimitsDesc Limits;
  llvm::Constant *HostThunk = nullptr; // null unless a function
};

/// wa_export. Name as in ImportDesc.
struct ExportDesc {
  llvm::Constant *Name = nullptr;
  uint32_t NameLen = 0;
  uint8_t Kind = 0;
  uint32_t Index = 0;
  llvm::Constant *Entry = nullptr; // null unless a function
};

/// wa_table_def.
struct TableDefDesc {
  uint8_t ElemType = 0;
  LimitsDesc Limits;
};

/// wa_global_def.
struct GlobalDefDesc {
  uint8_t Type = 0;
  uint8_t Mutable = 0;
};

/// wa_data_segment.
struct DataSegmentDesc {
  llvm::Constant *Bytes = nullptr;
  uint32_t Size = 0;
  uint8_t Active = 0;
  uint32_t Memory = 0;
};

/// wa_elem_segment.
struct ElemSegmentDesc {
  uint32_t Size = 0;
  uint8_t Mode = 0;
  uint8_t ElemType = 0;
  uint32_t Table = 0;
};

/// wa_module. Array pointers may be null when the count is 0.
struct ModuleDesc {
  uint32_t NumTypes = 0;
  llvm::Constant *Types = nullptr;
  uint32_t NumImports = 0;
  uint32_t NumExports = 0;
  llvm::Constant *Imports = nullptr;
  llvm::Constant *Exports = nullptr;
  uint32_t NumFuncs = 0;
  uint32_t NumTables = 0;
  llvm::Constant *FuncCode = nullptr;
  llvm::Constant *FuncTypes = nullptr;
  llvm::Constant *Tables = nullptr;
  uint32_t NumMemories = 0;
  uint32_t NumGlobals = 0;
  llvm::Constant *Memories = nullptr;
  llvm::Constant *Globals = nullptr;
  uint32_t NumData = 0;
  uint32_t NumElems = 0;
  llvm::Constant *Data = nullptr;
  llvm::Constant *Elems = nullptr;
  bool HasStart = false;
  uint32_t Start = 0;
  llvm::Constant *InitGlobals = nullptr;
  llvm::Constant *ElemOffset = nullptr;
  llvm::Constant *DataOffset = nullptr;
  llvm::Constant *ElemItems = nullptr;
  uint8_t BoundsChecks = 0;
  uint8_t Checks = 0; // wa_module_checks bits
  llvm::Constant *FuncNames = nullptr; // null: no function has a name
  llvm::Constant *SiteMap = nullptr;   // the placeholder (SiteMap.h)
};

class DescriptorLayout {
public:
  explicit DescriptorLayout(llvm::LLVMContext &Ctx);

  /// Checks that DL lays the LLVM types out exactly as abi.h does. A
  /// mismatch is a compiler bug (or an unsupported target).
  llvm::Error verify(const llvm::DataLayout &DL) const;

  llvm::StructType *funcTypeType() const { return FuncType; }
  llvm::StructType *limitsType() const { return Limits; }
  llvm::StructType *importType() const { return Import; }
  llvm::StructType *exportType() const { return Export; }
  llvm::StructType *tableDefType() const { return TableDef; }
  llvm::StructType *globalDefType() const { return GlobalDef; }
  llvm::StructType *dataSegmentType() const { return DataSegment; }
  llvm::StructType *elemSegmentType() const { return ElemSegment; }
  llvm::StructType *moduleType() const { return Module; }

  llvm::Constant *funcType(const FuncTypeDesc &D) const;
  llvm::Constant *limits(const LimitsDesc &D) const;
  llvm::Constant *import(const ImportDesc &D) const;
  llvm::Constant *exportEntry(const ExportDesc &D) const;
  llvm::Constant *tableDef(const TableDefDesc &D) const;
  llvm::Constant *globalDef(const GlobalDefDesc &D) const;
  llvm::Constant *dataSegment(const DataSegmentDesc &D) const;
  llvm::Constant *elemSegment(const ElemSegmentDesc &D) const;
  llvm::Constant *module(const ModuleDesc &D) const;

private:
  llvm::LLVMContext &Ctx;
  llvm::StructType *FuncType, *Limits, *Import, *Export, *TableDef,
      *GlobalDef, *DataSegment, *ElemSegment, *Module;
};

} // namespace wasmaot

#endif

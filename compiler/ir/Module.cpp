//===- Module.cpp ---------------------------------------------------------===//
#include "ir/Module.h"

#include <cassert>

namespace wasmaot {

llvm::StringRef externKindName(ExternKind K) {
  switch (K) {
  case ExternKind::Func: return "func";
  case ExternKind::Table: return "table";
  case ExternKind::Memory: return "memory";
  case ExternKind::Global: return "global";
  case ExternKind::Tag: return "tag";
  }
  return "unknown";
}

llvm::StringRef sectionName(uint8_t Id) {
  switch (Id) {
  case 0: return "custom";
  case 1: return "type";
  case 2: return "import";
  case 3: return "function";
  case 4: return "table";
  case 5: return "memory";
  case 6: return "global";
  case 7: return "export";
  case 8: return "start";
  case 9: return "element";
  case 10: return "code";
  case 11: return "data";
  case 12: return "datacount";
  case 13: return "tag";
  default: return "unknown";
  }
}

void Module::addImport(Import I) {
  ImportsByKind[static_cast<unsigned>(I.Kind)].push_back(Imports.size());
  Imports.push_back(std::move(I));
}

const Import *Module::importFor(ExternKind Kind, uint32_t Index) const {
  const std::vector<uint32_t> &Positions =
      ImportsByKind[static_cast<unsigned>(Kind)];
  if (Index >= Positions.size())
    return nullptr;
  return &Imports[Positions[Index]];
}

uint32_t Module::funcTypeIndex(uint32_t FuncIndex) const {
  if (FuncIndex < numImportedFuncs())
    return importFor(ExternKind::Func, FuncIndex)->FuncTypeIndex;
  assert(FuncIndex - numImportedFuncs() < Functions.size());
  return Functions[FuncIndex - numImportedFuncs()].TypeIndex;
}

TableType Module::tableType(uint32_t TableIndex) const {
  if (TableIndex < numImportedTables())
    return importFor(ExternKind::Table, TableIndex)->Table;
  return Tables[TableIndex - numImportedTables()];
}

MemoryType Module::memoryType(uint32_t MemoryIndex) const {
  if (MemoryIndex < numImportedMemories())
    return importFor(ExternKind::Memory, MemoryIndex)->Memory;
  return Memories[MemoryIndex - numImportedMemories()];
}

GlobalType Module::globalType(uint32_t GlobalIndex) const {
  if (GlobalIndex < numImportedGlobals())
    return importFor(ExternKind::Global, GlobalIndex)->Global;
  return Globals[GlobalIndex - numImportedGlobals()].Type;
}

std::optional<llvm::StringRef> Module::functionName(uint32_t FuncIndex) const {
  auto It = Names.Functions.find(FuncIndex);
  if (It == Names.Functions.end())
    return std::nullopt;
  return llvm::StringRef(It->second);
}

} // namespace wasmaot

//===- ModulePrinter.cpp - The summary `inspect` prints -------------------===//
//
// Layout: a header line, then one block per kind of item, each headed by
// "Kind (count):" and listing items by their index in the index space. Blocks
// with nothing in them are left out. Offsets are file offsets in hex, sizes
// decimal byte counts. Function signatures use the spec's [params] ->
// [results] notation, as validation errors do.
//
//===----------------------------------------------------------------------===//
#include "ModulePrinter.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/bit.h"
#include "llvm/Support/Format.h"

#include <optional>

using llvm::raw_ostream;
using llvm::StringRef;

namespace wasmaot::tool {
namespace {

/// A quoted string with non-printable characters escaped.
struct Quoted {
  StringRef S;
};
raw_ostream &operator<<(raw_ostream &OS, Quoted Q) {
  OS << '"';
  OS.write_escaped(Q.S);
  return OS << '"';
}

struct Hex {
  uint64_t V;
};
raw_ostream &operator<<(raw_ostream &OS, Hex H) {
  return OS << llvm::format("0x%08" PRIx64, H.V);
}

std::string plural(uint64_t N, StringRef One, StringRef Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many).str();
}

StringRef modeName(SegmentMode Mode) {
  switch (Mode) {
  case SegmentMode::Active: return "active";
  case SegmentMode::Passive: return "passive";
  case SegmentMode::Declarative: return "declarative";
  }
  return "unknown";
}

void printInstruction(raw_ostream &OS, const Instruction &I) {
  const OpcodeInfo &Info = opcodeInfo(I.Op);
  OS << Info.Text;
  switch (Info.Immediate) {
  case ImmediateKind::None:
    return;
  case ImmediateKind::I32Const:
    OS << ' ' << static_cast<int32_t>(I.Bits);
    return;
  case ImmediateKind::I64Const:
    OS << ' ' << static_cast<int64_t>(I.Bits);
    return;
  case ImmediateKind::F32Const:
    OS << ' '
       << llvm::format("%g", llvm::bit_cast<float>(static_cast<uint32_t>(I.Bits)))
       << llvm::format(" (0x%08" PRIx32 ")", static_cast<uint32_t>(I.Bits));
    return;
  case ImmediateKind::F64Const:
    OS << ' ' << llvm::format("%g", llvm::bit_cast<double>(I.Bits))
       << llvm::format(" (0x%016" PRIx64 ")", I.Bits);
    return;
  case ImmediateKind::V128Const:
    OS << " i8x16";
    for (uint8_t B : I.V128)
      OS << llvm::format(" 0x%02x", B);
    return;
  case ImmediateKind::RefNullType:
    OS << ' ' << (I.Type == ValType::ExternRef ? "extern" : "func");
    return;
  default:
    // Every other immediate a constant expression can hold is one index
    // (global.get, ref.func).
    OS << ' ' << I.Index;
    return;
  }
}

class Printer {
public:
  Printer(const Module &M, raw_ostream &OS) : M(M), OS(OS) {}

  void print(StringRef Name);

private:
  void printSections();
  void printTypes();
  void printImports();
  void printFunctions();
  void printTables();
  void printMemories();
  void printGlobals();
  void printTags();
  void printExports();
  void printStart();
  void printElems();
  void printDatas();
  void printCustoms();
  void printNames();

  /// "type N [params] -> [results]", or "type N (out of range)".
  void printFuncType(uint32_t TypeIndex);
  /// " $name" when the name section names the function.
  void printFuncName(uint32_t FuncIndex);
  /// "min 1 page, max 2 pages" or "min 1 page, no max".
  void printLimits(const Limits &L, StringRef One, StringRef Many);
  void printTableType(const TableType &T);
  void printMemoryType(const MemoryType &T);
  void printGlobalType(const GlobalType &T);
  /// What an export refers to: the item's type, when its index is in range.
  void printExportTarget(const Export &E);
  /// The type of function FuncIndex, if the index and its type exist.
  std::optional<uint32_t> funcTypeIndex(uint32_t FuncIndex) const;

  const Module &M;
  raw_ostream &OS;
};

void Printer::print(StringRef Name) {
  OS << "File: " << Name << " (" << plural(M.Bytes.size(), "byte", "bytes")
     << ", version 1)\n";
  if (M.Names.ModuleName)
    OS << "Module name: " << Quoted{*M.Names.ModuleName} << '\n';
  printSections();
  printTypes();
  printImports();
  printFunctions();
  printTables();
  printMemories();
  printTags();
  printGlobals();
  printExports();
  printStart();
  printElems();
  printDatas();
  printCustoms();
  printNames();
}

void Printer::printSections() {
  OS << "\nSections (" << M.Sections.size() << "):\n";
  for (const SectionInfo &S : M.Sections) {
    OS << "  ";
    if (S.Id == 0)
      OS << "custom " << Quoted{S.Name};
    else
      OS << llvm::left_justify(S.Name, 10);
    OS << " at " << Hex{S.Offset} << ", payload at " << Hex{S.PayloadOffset}
       << ", " << plural(S.Size, "byte", "bytes") << '\n';
  }
}

void Printer::printTypes() {
  if (M.Types.empty())
    return;
  OS << "\nTypes (" << M.Types.size() << "):\n";
  for (auto [I, T] : llvm::enumerate(M.Types))
    OS << "  type " << I << ": " << formatTypes(T.Params) << " -> "
       << formatTypes(T.Results) << '\n';
}

void Printer::printImports() {
  if (M.Imports.empty())
    return;
  OS << "\nImports (" << M.Imports.size() << "):\n";
  uint32_t Next[5] = {};
  for (const Import &Imp : M.Imports) {
    uint32_t Index = Next[static_cast<unsigned>(Imp.Kind)]++;
    OS << "  " << externKindName(Imp.Kind) << ' ' << Index;
    if (Imp.Kind == ExternKind::Func)
      printFuncName(Index);
    OS << " = " << Quoted{Imp.Module} << ' ' << Quoted{Imp.Name} << ": ";
    switch (Imp.Kind) {
    case ExternKind::Func:
      printFuncType(Imp.FuncTypeIndex);
      break;
    case ExternKind::Table:
      printTableType(Imp.Table);
      break;
    case ExternKind::Memory:
      printMemoryType(Imp.Memory);
      break;
    case ExternKind::Global:
      printGlobalType(Imp.Global);
      break;
    case ExternKind::Tag:
      printFuncType(Imp.Tag.TypeIndex);
      break;
    }
    OS << '\n';
  }
}

void Printer::printFunctions() {
  if (M.numFuncs() == 0)
    return;
  OS << "\nFunctions (" << M.numFuncs() << ": " << M.numImportedFuncs()
     << " imported, " << M.Functions.size() << " defined):\n";
  uint32_t Index = M.numImportedFuncs();
  for (const Function &F : M.Functions) {
    OS << "  func " << Index;
    printFuncName(Index);
    OS << ": ";
    printFuncType(F.TypeIndex);
    OS << ", " << plural(F.NumLocals, "local", "locals") << ", body at "
       << Hex{F.BodyOffset} << ", " << plural(F.BodySize, "byte", "bytes")
       << '\n';
    ++Index;
  }
}

void Printer::printTables() {
  if (M.Tables.empty())
    return;
  OS << "\nTables (" << M.Tables.size() << " defined):\n";
  uint32_t Index = M.numImportedTables();
  for (const TableType &T : M.Tables) {
    OS << "  table " << Index++ << ": ";
    printTableType(T);
    OS << '\n';
  }
}

void Printer::printMemories() {
  if (M.Memories.empty())
    return;
  OS << "\nMemories (" << M.Memories.size() << " defined):\n";
  uint32_t Index = M.numImportedMemories();
  for (const MemoryType &T : M.Memories) {
    OS << "  memory " << Index++ << ": ";
    printMemoryType(T);
    OS << '\n';
  }
}

void Printer::printTags() {
  if (M.Tags.empty())
    return;
  OS << "\nTags (" << M.Tags.size() << " defined):\n";
  uint32_t Index = M.numImportedTags();
  for (const TagType &T : M.Tags) {
    OS << "  tag " << Index++ << ": ";
    printFuncType(T.TypeIndex);
    OS << '\n';
  }
}

void Printer::printGlobals() {
  if (M.Globals.empty())
    return;
  OS << "\nGlobals (" << M.Globals.size() << " defined):\n";
  uint32_t Index = M.numImportedGlobals();
  for (const Global &G : M.Globals) {
    OS << "  global " << Index++ << ": ";
    printGlobalType(G.Type);
    OS << " = " << formatConstExpr(G.Init) << '\n';
  }
}

void Printer::printExports() {
  if (M.Exports.empty())
    return;
  OS << "\nExports (" << M.Exports.size() << "):\n";
  for (const Export &E : M.Exports) {
    OS << "  " << Quoted{E.Name} << ": " << externKindName(E.Kind) << ' '
       << E.Index;
    printExportTarget(E);
    OS << '\n';
  }
}

void Printer::printStart() {
  if (!M.Start)
    return;
  OS << "\nStart: func " << *M.Start;
  printFuncName(*M.Start);
  OS << '\n';
}

void Printer::printElems() {
  if (M.Elems.empty())
    return;
  OS << "\nElement segments (" << M.Elems.size() << "):\n";
  for (auto [I, S] : llvm::enumerate(M.Elems)) {
    OS << "  elem " << I << ": " << modeName(S.Mode);
    if (S.Mode == SegmentMode::Active)
      OS << ", table " << S.Table << ", offset "
         << formatConstExpr(S.OffsetExpr);
    OS << ", " << plural(S.Items.size(), "item", "items") << " of "
       << valTypeName(S.ElemType);
    if (S.UsesExpressions)
      OS << " (expressions)";
    OS << '\n';
  }
}

void Printer::printDatas() {
  if (M.Datas.empty() && !M.DataCount)
    return;
  OS << "\nData segments (" << M.Datas.size();
  if (M.DataCount)
    OS << ", data count " << *M.DataCount;
  OS << "):\n";
  for (auto [I, S] : llvm::enumerate(M.Datas)) {
    OS << "  data " << I << ": " << modeName(S.Mode);
    if (S.Mode == SegmentMode::Active)
      OS << ", memory " << S.Memory << ", offset "
         << formatConstExpr(S.OffsetExpr);
    OS << ", " << plural(S.DataSize, "byte", "bytes") << " at "
       << Hex{S.DataOffset} << '\n';
  }
}

void Printer::printCustoms() {
  if (M.Customs.empty())
    return;
  OS << "\nCustom sections (" << M.Customs.size() << "):\n";
  for (const CustomSection &C : M.Customs)
    OS << "  " << Quoted{C.Name} << ": " << plural(C.PayloadSize, "byte", "bytes")
       << " at " << Hex{C.PayloadOffset} << '\n';
}

void Printer::printNames() {
  const NameMap &N = M.Names;
  if (!N.ModuleName && N.Functions.empty() && N.Locals.empty())
    return;
  OS << "\nNames:\n";
  if (N.ModuleName)
    OS << "  module: " << Quoted{*N.ModuleName} << '\n';
  for (const auto &[Index, Name] : N.Functions)
    OS << "  func " << Index << ": " << Quoted{Name} << '\n';
  for (const auto &[Func, Locals] : N.Locals)
    for (const auto &[Index, Name] : Locals)
      OS << "  func " << Func << " local " << Index << ": " << Quoted{Name}
         << '\n';
}

void Printer::printFuncType(uint32_t TypeIndex) {
  OS << "type " << TypeIndex;
  if (TypeIndex >= M.Types.size()) {
    OS << " (out of range)";
    return;
  }
  const FuncType &T = M.Types[TypeIndex];
  OS << ' ' << formatTypes(T.Params) << " -> " << formatTypes(T.Results);
}

void Printer::printFuncName(uint32_t FuncIndex) {
  if (std::optional<StringRef> Name = M.functionName(FuncIndex)) {
    OS << " $";
    OS.write_escaped(*Name);
  }
}

void Printer::printLimits(const Limits &L, StringRef One, StringRef Many) {
  OS << "min " << plural(L.Min, One, Many) << ", ";
  if (L.Max)
    OS << "max " << plural(*L.Max, One, Many);
  else
    OS << "no max";
}

void Printer::printTableType(const TableType &T) {
  OS << valTypeName(T.ElemType) << ", ";
  printLimits(T.Limits, "element", "elements");
}

void Printer::printMemoryType(const MemoryType &T) {
  printLimits(T.Limits, "page", "pages");
  if (T.Limits.Is64)
    OS << ", i64";
  if (T.Limits.Shared)
    OS << ", shared";
}

void Printer::printGlobalType(const GlobalType &T) {
  OS << (T.Mutable ? "mut " : "const ") << valTypeName(T.Type);
}

std::optional<uint32_t> Printer::funcTypeIndex(uint32_t FuncIndex) const {
  if (FuncIndex < M.numImportedFuncs())
    return M.importFor(ExternKind::Func, FuncIndex)->FuncTypeIndex;
  uint64_t Defined = uint64_t(FuncIndex) - M.numImportedFuncs();
  if (Defined < M.Functions.size())
    return M.Functions[Defined].TypeIndex;
  return std::nullopt;
}

void Printer::printExportTarget(const Export &E) {
  switch (E.Kind) {
  case ExternKind::Func:
    if (std::optional<uint32_t> Type = funcTypeIndex(E.Index)) {
      printFuncName(E.Index);
      OS << ", ";
      printFuncType(*Type);
      return;
    }
    break;
  case ExternKind::Table:
    if (E.Index < M.numTables()) {
      OS << ", ";
      printTableType(M.tableType(E.Index));
      return;
    }
    break;
  case ExternKind::Memory:
    if (E.Index < M.numMemories()) {
      OS << ", ";
      printMemoryType(M.memoryType(E.Index));
      return;
    }
    break;
  case ExternKind::Global:
    if (E.Index < M.numGlobals()) {
      OS << ", ";
      printGlobalType(M.globalType(E.Index));
      return;
    }
    break;
  case ExternKind::Tag:
    if (E.Index < M.numImportedTags()) {
      OS << ", ";
      printFuncType(M.importFor(ExternKind::Tag, E.Index)->Tag.TypeIndex);
      return;
    }
    if (E.Index < M.numTags()) {
      OS << ", ";
      printFuncType(M.Tags[E.Index - M.numImportedTags()].TypeIndex);
      return;
    }
    break;
  }
  OS << " (out of range)";
}

} // namespace

std::string formatConstExpr(const ConstExpr &E) {
  if (E.Instrs.empty())
    return "(empty)";
  std::string S;
  llvm::raw_string_ostream OS(S);
  for (auto [I, Instr] : llvm::enumerate(E.Instrs)) {
    if (I)
      OS << ' ';
    printInstruction(OS, Instr);
  }
  return S;
}

void printModuleSummary(const Module &M, StringRef Name, raw_ostream &OS) {
  Printer(M, OS).print(Name);
}

} // namespace wasmaot::tool

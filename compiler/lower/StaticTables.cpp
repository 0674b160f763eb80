//===- StaticTables.cpp - Tables whose contents are known when compiling --===//
#include "lower/StaticTables.h"

#include "decode/InstructionReader.h"
#include "ir/Opcode.h"

#include "llvm/Support/Error.h"

#include <algorithm>
#include <map>
#include <utility>

namespace wasmaot {

static std::vector<uint32_t> canonicalTypes(const Module &Wasm) {
  std::map<std::pair<std::vector<ValType>, std::vector<ValType>>, uint32_t>
      First;
  std::vector<uint32_t> Canonical(Wasm.Types.size());
  for (uint32_t I = 0; I < Wasm.Types.size(); ++I)
    Canonical[I] =
        First.try_emplace({Wasm.Types[I].Params, Wasm.Types[I].Results}, I)
            .first->second;
  return Canonical;
}

/// The i32 a constant expression is when it is one i32.const.
static std::optional<uint32_t> constantOffset(const ConstExpr &E) {
  if (E.Instrs.size() != 1 || E.Instrs[0].Op != Opcode::I32Const)
    return std::nullopt;
  return static_cast<uint32_t>(E.Instrs[0].Bits);
}

/// Writes Segment's items into Table's slots as instantiation would; false
/// when an item or the offset is not a constant the compiler knows, or the
/// items do not fit (instantiation would fail, and no code would run).
static bool applySegment(const ElemSegment &Segment, StaticTable &Table) {
  std::optional<uint32_t> Offset = constantOffset(Segment.OffsetExpr);
  if (!Offset || Segment.Items.size() > Table.Slots.size() ||
      *Offset > Table.Slots.size() - Segment.Items.size())
    return false;
  for (size_t I = 0; I < Segment.Items.size(); ++I) {
    const ConstExpr &Item = Segment.Items[I];
    if (Item.Instrs.size() != 1)
      return false;
    const Instruction &Ref = Item.Instrs[0];
    if (Ref.Op == Opcode::RefFunc)
      Table.Slots[*Offset + I] = Ref.Index;
    else if (Ref.Op == Opcode::RefNull)
      Table.Slots[*Offset + I] = StaticTable::NullSlot;
    else
      return false;
  }
  return true;
}

/// Marks in Changed every table an instruction of a body can change, and
/// in Called every table a body calls through.
static void scanBodies(const Module &Wasm, std::vector<bool> &Changed,
                       std::vector<bool> &Called) {
  auto Mark = [](std::vector<bool> &Set, uint32_t Table) {
    if (Table < Set.size())
      Set[Table] = true;
  };
  for (const Function &Fn : Wasm.Functions) {
    ByteReader Body(Wasm.functionBody(Fn), Fn.BodyOffset);
    InstructionReader Reader(Body, Wasm.EnabledFeatures);
    Instruction I;
    while (!Reader.atEnd()) {
      if (llvm::Error E = Reader.read(I)) {
        // Validation read the same bytes; treat every table as changed
        // rather than trust a partial scan.
        llvm::consumeError(std::move(E));
        Changed.assign(Changed.size(), true);
        return;
      }
      switch (I.Op) {
      case Opcode::TableSet:
      case Opcode::TableGrow:
      case Opcode::TableFill:
      case Opcode::TableCopy: // Index: the destination
        Mark(Changed, I.Index);
        break;
      case Opcode::TableInit: // Index2: the table
        Mark(Changed, I.Index2);
        break;
      case Opcode::CallIndirect:
      case Opcode::ReturnCallIndirect:
        Mark(Called, I.Index2);
        break;
      default:
        break;
      }
    }
  }
}

StaticTables findStaticTables(const Module &Wasm) {
  StaticTables Result;
  Result.CanonicalType = canonicalTypes(Wasm);
  const uint32_t NumTables = Wasm.numTables();
  Result.Tables.resize(NumTables);
  std::vector<bool> Changed(NumTables, false), Called(NumTables, false);
  // Imported tables are shared with their owner; exported ones with
  // whoever imports them or the host.
  for (uint32_t T = 0; T < Wasm.numImportedTables(); ++T)
    Changed[T] = true;
  for (const Export &E : Wasm.Exports)
    if (E.Kind == ExternKind::Table && E.Index < NumTables)
      Changed[E.Index] = true;
  for (uint32_t T = Wasm.numImportedTables(); T < NumTables; ++T) {
    const TableType &Type = Wasm.Tables[T - Wasm.numImportedTables()];
    if (Type.ElemType != ValType::FuncRef ||
        Type.Limits.Min > MaxStaticTableSlots)
      Changed[T] = true;
  }
  if (std::find(Changed.begin(), Changed.end(), false) == Changed.end())
    return Result;
  scanBodies(Wasm, Changed, Called);

  for (uint32_t T = 0; T < NumTables; ++T) {
    if (Changed[T])
      continue;
    StaticTable Table;
    Table.Slots.assign(
        Wasm.Tables[T - Wasm.numImportedTables()].Limits.Min,
        StaticTable::NullSlot);
    Table.CalledIndirectly = Called[T];
    bool Known = true;
    for (const ElemSegment &Segment : Wasm.Elems)
      if (Segment.Mode == SegmentMode::Active && Segment.Table == T &&
          !applySegment(Segment, Table)) {
        Known = false;
        break;
      }
    if (!Known)
      continue;
    for (uint32_t FuncIndex : Table.Slots) {
      if (FuncIndex == StaticTable::NullSlot) {
        Table.HasNullSlot = true;
        continue;
      }
      ++Table.FunctionSlots;
      auto [It, First] = Table.ByType.try_emplace(
          Result.CanonicalType[Wasm.funcTypeIndex(FuncIndex)]);
      if (First)
        It->second.OnlyFunction = FuncIndex;
      else if (It->second.OnlyFunction != FuncIndex)
        It->second.OnlyFunction = StaticTable::NullSlot;
      ++It->second.Count;
    }
    Result.Tables[T] = std::move(Table);
  }
  return Result;
}

} // namespace wasmaot

//===- ModuleDescriptor.cpp - The wa_module constant ----------------------===//
//
// Everything the runtime needs to instantiate the module without its .wasm
// file, as one external constant (LowerOptions::ModuleSymbol) pointing to
// private constant arrays. The struct shapes come from DescriptorLayout;
// this file only decides the values.
//
//===----------------------------------------------------------------------===//
#include "lower/ModuleParts.h"

#include "abi/DescriptorLayout.h"
#include "abi/SiteMap.h"
#include "wasm-aot/abi.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"

using namespace llvm;

namespace wasmaot {

namespace {

class DescriptorBuilder {
public:
  DescriptorBuilder(const ModuleContext &MC, const DescriptorParts &Parts)
      : MC(MC), Wasm(MC.Wasm), Parts(Parts), Ctx(MC.M.getContext()), DL(Ctx) {}

  Error emit();

private:
  /// A private constant holding Init; Name describes it in the IR.
  GlobalVariable *privateConstant(Constant *Init, const Twine &Name);
  /// A private array of Ty holding Elems, or null when there are none.
  Constant *array(Type *Ty, ArrayRef<Constant *> Elems, const Twine &Name);
  Constant *cString(StringRef S, const Twine &Name);
  /// The wa_import/wa_export length of a name. The binary format encodes a
  /// name's length as a u32, so every decoded name fits.
  static uint32_t nameLength(StringRef S) {
    assert(S.size() <= UINT32_MAX && "name longer than the format allows");
    return static_cast<uint32_t>(S.size());
  }
  Constant *valTypes(ArrayRef<ValType> Types, const Twine &Name);
  static LimitsDesc limits(const Limits &L);

  Constant *types();
  Constant *imports();
  Constant *exports();
  Constant *funcCode();
  Constant *funcNames();
  Constant *siteMap();
  Constant *funcTypes();
  Constant *tables();
  Constant *memories();
  Constant *globals();
  Constant *dataSegments();
  Constant *elemSegments();

  const ModuleContext &MC;
  const Module &Wasm;
  const DescriptorParts &Parts;
  LLVMContext &Ctx;
  DescriptorLayout DL;
};

GlobalVariable *DescriptorBuilder::privateConstant(Constant *Init,
                                                   const Twine &Name) {
  auto *G = new GlobalVariable(MC.M, Init->getType(), /*isConstant=*/true,
                               GlobalValue::PrivateLinkage, Init, Name);
  G->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  return G;
}

Constant *DescriptorBuilder::array(Type *Ty, ArrayRef<Constant *> Elems,
                                   const Twine &Name) {
  if (Elems.empty())
    return nullptr;
  return privateConstant(
      ConstantArray::get(ArrayType::get(Ty, Elems.size()), Elems), Name);
}

Constant *DescriptorBuilder::cString(StringRef S, const Twine &Name) {
  // All of S, NUL bytes included, then a terminator: the descriptor carries
  // the length beside the pointer, and C callers can still read a name
  // without NUL bytes as a C string.
  return privateConstant(ConstantDataArray::getString(Ctx, S), Name);
}

Constant *DescriptorBuilder::valTypes(ArrayRef<ValType> Types,
                                      const Twine &Name) {
  if (Types.empty())
    return nullptr;
  SmallVector<uint8_t, 8> Bytes;
  for (ValType T : Types)
    Bytes.push_back(static_cast<uint8_t>(T)); // the wa_valtype byte
  return privateConstant(ConstantDataArray::get(Ctx, Bytes), Name);
}

LimitsDesc DescriptorBuilder::limits(const Limits &L) {
  LimitsDesc D;
  D.Min = L.Min;
  D.HasMax = L.Max.has_value();
  D.Max = L.Max.value_or(0);
  return D;
}

Constant *DescriptorBuilder::types() {
  SmallVector<Constant *, 16> Elems;
  for (size_t I = 0; I < Wasm.Types.size(); ++I) {
    const FuncType &FT = Wasm.Types[I];
    FuncTypeDesc D;
    D.NumParams = FT.Params.size();
    D.NumResults = FT.Results.size();
    D.Params = valTypes(FT.Params, "wasm.type" + Twine(I) + ".params");
    D.Results = valTypes(FT.Results, "wasm.type" + Twine(I) + ".results");
    Elems.push_back(DL.funcType(D));
  }
  return array(DL.funcTypeType(), Elems, "wasm.types");
}

Constant *DescriptorBuilder::imports() {
  SmallVector<Constant *, 16> Elems;
  for (size_t I = 0; I < Wasm.Imports.size(); ++I) {
    const Import &Imp = Wasm.Imports[I];
    ImportDesc D;
    D.Module = cString(Imp.Module, "wasm.import" + Twine(I) + ".module");
    D.Name = cString(Imp.Name, "wasm.import" + Twine(I) + ".name");
    D.ModuleLen = nameLength(Imp.Module);
    D.NameLen = nameLength(Imp.Name);
    D.Kind = static_cast<uint8_t>(Imp.Kind);
    switch (Imp.Kind) {
    case ExternKind::Func:
      D.FuncType = Imp.FuncTypeIndex;
      D.HostThunk = Parts.ImportThunks[I];
      break;
    case ExternKind::Table:
      D.TableElemType = static_cast<uint8_t>(Imp.Table.ElemType);
      D.Limits = limits(Imp.Table.Limits);
      break;
    case ExternKind::Memory:
      D.Limits = limits(Imp.Memory.Limits);
      break;
    case ExternKind::Global:
      D.GlobalType = static_cast<uint8_t>(Imp.Global.Type);
      D.GlobalMutable = Imp.Global.Mutable;
      break;
    case ExternKind::Tag:
      break; // rejected before lowering starts
    }
    Elems.push_back(DL.import(D));
  }
  return array(DL.importType(), Elems, "wasm.imports");
}

Constant *DescriptorBuilder::exports() {
  SmallVector<Constant *, 16> Elems;
  for (size_t I = 0; I < Wasm.Exports.size(); ++I) {
    const Export &E = Wasm.Exports[I];
    ExportDesc D;
    D.Name = cString(E.Name, "wasm.export" + Twine(I) + ".name");
    D.NameLen = nameLength(E.Name);
    D.Kind = static_cast<uint8_t>(E.Kind);
    D.Index = E.Index;
    if (E.Kind == ExternKind::Func)
      D.Entry = Parts.EntryWrappers.lookup(E.Index);
    Elems.push_back(DL.exportEntry(D));
  }
  return array(DL.exportType(), Elems, "wasm.exports");
}

Constant *DescriptorBuilder::funcNames() {
  // Only for trap messages: a module without function names costs nothing.
  uint32_t Imported = Wasm.numImported(ExternKind::Func);
  SmallVector<Constant *, 16> Elems;
  bool Any = false;
  for (uint32_t I = 0; I < Wasm.Functions.size(); ++I) {
    auto It = Wasm.Names.Functions.find(Imported + I);
    if (It == Wasm.Names.Functions.end()) {
      Elems.push_back(ConstantPointerNull::get(PointerType::getUnqual(Ctx)));
      continue;
    }
    Elems.push_back(cString(It->second, "wasm.func_name" + Twine(I)));
    Any = true;
  }
  if (!Any)
    return nullptr;
  return array(PointerType::getUnqual(Ctx), Elems, "wasm.func_names");
}

Constant *DescriptorBuilder::siteMap() {
  // A section of its own: the object writer replaces its contents with the
  // real map once the code exists (abi/SiteMap.h). Nothing may merge it
  // with other constants, hence named, and not unnamed_addr.
  Constant *Init = emptySiteMap(Ctx);
  auto *G = new GlobalVariable(MC.M, Init->getType(), /*isConstant=*/true,
                               GlobalValue::PrivateLinkage, Init,
                               "wasm.site_map");
  G->setSection(WA_SITE_MAP_SECTION);
  G->setAlignment(Align(4));
  return G;
}

Constant *DescriptorBuilder::funcCode() {
  SmallVector<Constant *, 16> Elems;
  for (uint32_t I = 0; I < Wasm.Functions.size(); ++I)
    Elems.push_back(MC.definedByIndex(I));
  return array(PointerType::getUnqual(Ctx), Elems, "wasm.func_code");
}

Constant *DescriptorBuilder::funcTypes() {
  if (Wasm.Functions.empty())
    return nullptr;
  SmallVector<uint32_t, 16> Indices;
  for (const Function &F : Wasm.Functions)
    Indices.push_back(F.TypeIndex);
  return privateConstant(ConstantDataArray::get(Ctx, Indices),
                         "wasm.func_types");
}

Constant *DescriptorBuilder::tables() {
  SmallVector<Constant *, 4> Elems;
  for (const TableType &T : Wasm.Tables) {
    TableDefDesc D;
    D.ElemType = static_cast<uint8_t>(T.ElemType);
    D.Limits = limits(T.Limits);
    Elems.push_back(DL.tableDef(D));
  }
  return array(DL.tableDefType(), Elems, "wasm.tables");
}

Constant *DescriptorBuilder::memories() {
  SmallVector<Constant *, 4> Elems;
  for (const MemoryType &T : Wasm.Memories)
    Elems.push_back(DL.limits(limits(T.Limits)));
  return array(DL.limitsType(), Elems, "wasm.memories");
}

Constant *DescriptorBuilder::globals() {
  SmallVector<Constant *, 16> Elems;
  for (const Global &G : Wasm.Globals) {
    GlobalDefDesc D;
    D.Type = static_cast<uint8_t>(G.Type.Type);
    D.Mutable = G.Type.Mutable;
    Elems.push_back(DL.globalDef(D));
  }
  return array(DL.globalDefType(), Elems, "wasm.globals");
}

Constant *DescriptorBuilder::dataSegments() {
  // The bytes of all segments in one constant, each segment pointing into
  // it. A constant per segment let ConstantMerge fold identical segments,
  // and each fold rebuilt the descriptor's array of N segments: 100,000
  // one-byte segments cost O(N^2).
  std::vector<uint8_t> All;
  for (const DataSegment &S : Wasm.Datas) {
    ArrayRef<uint8_t> Bytes = Wasm.dataBytes(S);
    All.insert(All.end(), Bytes.begin(), Bytes.end());
  }
  GlobalVariable *Blob =
      All.empty() ? nullptr
                  : privateConstant(ConstantDataArray::get(Ctx, All),
                                    "wasm.data_bytes");
  SmallVector<Constant *, 16> Elems;
  uint64_t At = 0;
  for (const DataSegment &S : Wasm.Datas) {
    ArrayRef<uint8_t> Bytes = Wasm.dataBytes(S);
    DataSegmentDesc D;
    if (!Bytes.empty())
      D.Bytes = ConstantExpr::getInBoundsGetElementPtr(
          Type::getInt8Ty(Ctx), Blob,
          ConstantInt::get(Type::getInt64Ty(Ctx), At));
    At += Bytes.size();
    D.Size = Bytes.size();
    D.Active = S.Mode == SegmentMode::Active;
    D.Memory = S.Memory;
    Elems.push_back(DL.dataSegment(D));
  }
  return array(DL.dataSegmentType(), Elems, "wasm.data");
}

Constant *DescriptorBuilder::elemSegments() {
  SmallVector<Constant *, 16> Elems;
  for (const ElemSegment &S : Wasm.Elems) {
    ElemSegmentDesc D;
    D.Size = S.Items.size();
    D.Mode = static_cast<uint8_t>(S.Mode); // 0 active, 1 passive, 2 declarative
    D.ElemType = static_cast<uint8_t>(S.ElemType);
    D.Table = S.Table;
    Elems.push_back(DL.elemSegment(D));
  }
  return array(DL.elemSegmentType(), Elems, "wasm.elems");
}

Error DescriptorBuilder::emit() {
  if (Error E = DL.verify(MC.M.getDataLayout()))
    return E;
  // The wa_data_segment and wa_elem_segment sizes are 32-bit.
  for (const DataSegment &S : Wasm.Datas)
    if (S.DataSize > UINT32_MAX)
      return createStringError(inconvertibleErrorCode(),
                               "at 0x%llx: data segment of %llu bytes is "
                               "too large",
                               (unsigned long long)S.Offset,
                               (unsigned long long)S.DataSize);

  ModuleDesc D;
  D.NumTypes = Wasm.Types.size();
  D.Types = types();
  D.NumImports = Wasm.Imports.size();
  D.Imports = imports();
  D.NumExports = Wasm.Exports.size();
  D.Exports = exports();
  D.NumFuncs = Wasm.Functions.size();
  D.FuncCode = funcCode();
  D.FuncTypes = funcTypes();
  D.NumTables = Wasm.Tables.size();
  D.Tables = tables();
  D.NumMemories = Wasm.Memories.size();
  D.Memories = memories();
  D.NumGlobals = Wasm.Globals.size();
  D.Globals = globals();
  D.NumData = Wasm.Datas.size();
  D.Data = dataSegments();
  D.NumElems = Wasm.Elems.size();
  D.Elems = elemSegments();
  D.HasStart = Wasm.Start.has_value();
  D.Start = Wasm.Start.value_or(0);
  D.InitGlobals = Parts.Init.InitGlobals;
  D.ElemOffset = Parts.Init.ElemOffset;
  D.DataOffset = Parts.Init.DataOffset;
  D.ElemItems = Parts.Init.ElemItems;
  D.BoundsChecks = static_cast<uint8_t>(MC.Opts.Bounds);
  D.Checks = static_cast<uint8_t>((MC.Opts.MeterFuel ? WA_CHECKS_FUEL : 0) |
                                  (MC.Opts.Interruptible ? WA_CHECKS_INTERRUPT
                                                         : 0));
  D.FuncNames = funcNames();
  D.SiteMap = siteMap();

  Constant *Init = DL.module(D);
  if (GlobalValue *Existing = MC.M.getNamedValue(MC.Opts.ModuleSymbol))
    return createStringError(inconvertibleErrorCode(),
                             "the module symbol '%s' is already taken by %s",
                             MC.Opts.ModuleSymbol.c_str(),
                             Existing->getName().str().c_str());
  auto *G = new GlobalVariable(MC.M, Init->getType(), /*isConstant=*/true,
                               GlobalValue::ExternalLinkage, Init,
                               MC.Opts.ModuleSymbol);
  G->setVisibility(GlobalValue::DefaultVisibility);
  return Error::success();
}

} // namespace

Error emitModuleDescriptor(const ModuleContext &MC,
                           const DescriptorParts &Parts) {
  return DescriptorBuilder(MC, Parts).emit();
}

} // namespace wasmaot

//===- DescriptorLayout.cpp - wa_module and friends in LLVM IR ------------===//
#include "abi/DescriptorLayout.h"

#include "abi/StructLayout.h"

#include "wasm-aot/abi.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/DerivedTypes.h"

using namespace llvm;
using namespace wasmaot::abi_detail;

namespace wasmaot {

namespace {

/// What a field of a descriptor struct is, in abi.h terms.
enum class Kind : uint8_t { U8, U32, U64, Ptr, Bytes, Limits };
struct Field {
  Kind K;
  uint8_t Count = 0; // Bytes only
};

constexpr Field U8{Kind::U8}, U32{Kind::U32}, U64{Kind::U64}, Ptr{Kind::Ptr},
    Lim{Kind::Limits};
constexpr Field pad(uint8_t N) { return {Kind::Bytes, N}; }

// The field lists, in abi.h declaration order. Every padding byte is a field
// so the LLVM types need no implicit padding and constants are fully
// defined.
constexpr std::array LimitsFields{U64, U64, U8, pad(7)};
constexpr std::array FuncTypeFields{U32, U32, Ptr, Ptr};
constexpr std::array ImportFields{Ptr, Ptr, U32, U32, // names and lengths
                                  U8,  U8,  U8,  U8,  U32, Lim, Ptr};
constexpr std::array ExportFields{Ptr, U32, U8, pad(3), U32, U32, Ptr};
constexpr std::array TableDefFields{U8, pad(7), Lim};
constexpr std::array GlobalDefFields{U8, U8, pad(6)};
constexpr std::array DataSegmentFields{Ptr, U32, U8, pad(3), U32, U32};
constexpr std::array ElemSegmentFields{U32, U8, U8, pad(2), U32, U32};
constexpr std::array ModuleFields{
    U32, U32, Ptr,           // abi_version, num_types, types
    U32, U32, Ptr, Ptr,      // num_imports, num_exports, imports, exports
    U32, U32, Ptr, Ptr, Ptr, // num_funcs, num_tables, func_code, func_types,
                             // tables
    U32, U32, Ptr, Ptr,      // num_memories, num_globals, memories, globals
    U32, U32, Ptr, Ptr,      // num_data, num_elems, data, elems
    U32, U32,                // has_start, start
    Ptr, Ptr, Ptr, Ptr,      // init: init_globals, elem_offset,
                             // data_offset, elem_items
    U8, U8, pad(6),          // bounds_checks, checks, pad
    Ptr, Ptr};               // func_names, site_map

constexpr FieldShape shapeOf(Field F, unsigned P);

template <size_t N> constexpr auto layoutOf(const std::array<Field, N> &Fs,
                                            unsigned P) {
  std::array<FieldShape, N> Shapes{};
  for (size_t I = 0; I < N; ++I)
    Shapes[I] = shapeOf(Fs[I], P);
  return layoutStruct(Shapes);
}

constexpr FieldShape shapeOf(Field F, unsigned P) {
  switch (F.K) {
  case Kind::U8: return u8();
  case Kind::U32: return u32();
  case Kind::U64: return u64();
  case Kind::Ptr: return ptr(P);
  case Kind::Bytes: return bytes(F.Count);
  case Kind::Limits: {
    // wa_limits holds no pointers: its shape is the same for every target.
    auto L = layoutStruct(std::array<FieldShape, 4>{u64(), u64(), u8(),
                                                    bytes(7)});
    return {L.Size, L.Align};
  }
  }
  return {0, 1};
}

// The host is LP64: the 64-bit layouts must be what the C compiler makes of
// abi.h, field by field.
constexpr auto LimitsL = layoutOf(LimitsFields, 8);
static_assert(LimitsL.Offsets[0] == offsetof(wa_limits, min) &&
              LimitsL.Offsets[1] == offsetof(wa_limits, max) &&
              LimitsL.Offsets[2] == offsetof(wa_limits, has_max) &&
              LimitsL.Size == sizeof(wa_limits));
constexpr auto FuncTypeL = layoutOf(FuncTypeFields, 8);
static_assert(FuncTypeL.Offsets[0] == offsetof(wa_func_type, num_params) &&
              FuncTypeL.Offsets[1] == offsetof(wa_func_type, num_results) &&
              FuncTypeL.Offsets[2] == offsetof(wa_func_type, params) &&
              FuncTypeL.Offsets[3] == offsetof(wa_func_type, results) &&
              FuncTypeL.Size == sizeof(wa_func_type));
constexpr auto ImportL = layoutOf(ImportFields, 8);
static_assert(ImportL.Offsets[0] == offsetof(wa_import, module) &&
              ImportL.Offsets[1] == offsetof(wa_import, name) &&
              ImportL.Offsets[2] == offsetof(wa_import, module_len) &&
              ImportL.Offsets[3] == offsetof(wa_import, name_len) &&
              ImportL.Offsets[4] == offsetof(wa_import, kind) &&
              ImportL.Offsets[5] == offsetof(wa_import, global_type) &&
              ImportL.Offsets[6] == offsetof(wa_import, global_mutable) &&
              ImportL.Offsets[7] == offsetof(wa_import, table_elem_type) &&
              ImportL.Offsets[8] == offsetof(wa_import, func_type) &&
              ImportL.Offsets[9] == offsetof(wa_import, limits) &&
              ImportL.Offsets[10] == offsetof(wa_import, host_thunk) &&
              ImportL.Size == sizeof(wa_import));
constexpr auto ExportL = layoutOf(ExportFields, 8);
static_assert(ExportL.Offsets[0] == offsetof(wa_export, name) &&
              ExportL.Offsets[1] == offsetof(wa_export, name_len) &&
              ExportL.Offsets[2] == offsetof(wa_export, kind) &&
              ExportL.Offsets[3] == offsetof(wa_export, pad) &&
              ExportL.Offsets[4] == offsetof(wa_export, index) &&
              ExportL.Offsets[5] == offsetof(wa_export, pad2) &&
              ExportL.Offsets[6] == offsetof(wa_export, entry) &&
              ExportL.Size == sizeof(wa_export));
constexpr auto TableDefL = layoutOf(TableDefFields, 8);
static_assert(TableDefL.Offsets[0] == offsetof(wa_table_def, elem_type) &&
              TableDefL.Offsets[2] == offsetof(wa_table_def, limits) &&
              TableDefL.Size == sizeof(wa_table_def));
constexpr auto GlobalDefL = layoutOf(GlobalDefFields, 8);
static_assert(GlobalDefL.Offsets[0] == offsetof(wa_global_def, type) &&
              GlobalDefL.Offsets[1] == offsetof(wa_global_def, mutable_) &&
              GlobalDefL.Size == sizeof(wa_global_def));
constexpr auto DataSegmentL = layoutOf(DataSegmentFields, 8);
static_assert(DataSegmentL.Offsets[0] == offsetof(wa_data_segment, bytes) &&
              DataSegmentL.Offsets[1] == offsetof(wa_data_segment, size) &&
              DataSegmentL.Offsets[2] == offsetof(wa_data_segment, active) &&
              DataSegmentL.Offsets[4] == offsetof(wa_data_segment, memory) &&
              DataSegmentL.Size == sizeof(wa_data_segment));
constexpr auto ElemSegmentL = layoutOf(ElemSegmentFields, 8);
static_assert(ElemSegmentL.Offsets[0] == offsetof(wa_elem_segment, size) &&
              ElemSegmentL.Offsets[1] == offsetof(wa_elem_segment, mode) &&
              ElemSegmentL.Offsets[2] == offsetof(wa_elem_segment, elem_type) &&
              ElemSegmentL.Offsets[4] == offsetof(wa_elem_segment, table) &&
              ElemSegmentL.Size == sizeof(wa_elem_segment));
constexpr auto ModuleL = layoutOf(ModuleFields, 8);
static_assert(ModuleL.Offsets[0] == offsetof(wa_module, abi_version) &&
              ModuleL.Offsets[1] == offsetof(wa_module, num_types) &&
              ModuleL.Offsets[2] == offsetof(wa_module, types) &&
              ModuleL.Offsets[3] == offsetof(wa_module, num_imports) &&
              ModuleL.Offsets[4] == offsetof(wa_module, num_exports) &&
              ModuleL.Offsets[5] == offsetof(wa_module, imports) &&
              ModuleL.Offsets[6] == offsetof(wa_module, exports) &&
              ModuleL.Offsets[7] == offsetof(wa_module, num_funcs) &&
              ModuleL.Offsets[8] == offsetof(wa_module, num_tables) &&
              ModuleL.Offsets[9] == offsetof(wa_module, func_code) &&
              ModuleL.Offsets[10] == offsetof(wa_module, func_types) &&
              ModuleL.Offsets[11] == offsetof(wa_module, tables) &&
              ModuleL.Offsets[12] == offsetof(wa_module, num_memories) &&
              ModuleL.Offsets[13] == offsetof(wa_module, num_globals) &&
              ModuleL.Offsets[14] == offsetof(wa_module, memories) &&
              ModuleL.Offsets[15] == offsetof(wa_module, globals) &&
              ModuleL.Offsets[16] == offsetof(wa_module, num_data) &&
              ModuleL.Offsets[17] == offsetof(wa_module, num_elems) &&
              ModuleL.Offsets[18] == offsetof(wa_module, data) &&
              ModuleL.Offsets[19] == offsetof(wa_module, elems) &&
              ModuleL.Offsets[20] == offsetof(wa_module, has_start) &&
              ModuleL.Offsets[21] == offsetof(wa_module, start) &&
              ModuleL.Offsets[22] ==
                  offsetof(wa_module, init) +
                      offsetof(wa_module_init, init_globals) &&
              ModuleL.Offsets[23] ==
                  offsetof(wa_module, init) +
                      offsetof(wa_module_init, elem_offset) &&
              ModuleL.Offsets[24] ==
                  offsetof(wa_module, init) +
                      offsetof(wa_module_init, data_offset) &&
              ModuleL.Offsets[25] ==
                  offsetof(wa_module, init) +
                      offsetof(wa_module_init, elem_items) &&
              ModuleL.Offsets[26] == offsetof(wa_module, bounds_checks) &&
              ModuleL.Offsets[27] == offsetof(wa_module, checks) &&
              ModuleL.Offsets[29] == offsetof(wa_module, func_names) &&
              ModuleL.Offsets[30] == offsetof(wa_module, site_map) &&
              ModuleL.Size == sizeof(wa_module));

template <size_t N>
StructType *makeType(LLVMContext &Ctx, StringRef Name,
                     const std::array<Field, N> &Fs, StructType *LimitsTy) {
  SmallVector<Type *, 32> Types;
  for (Field F : Fs) {
    switch (F.K) {
    case Kind::U8: Types.push_back(Type::getInt8Ty(Ctx)); break;
    case Kind::U32: Types.push_back(Type::getInt32Ty(Ctx)); break;
    case Kind::U64: Types.push_back(Type::getInt64Ty(Ctx)); break;
    case Kind::Ptr: Types.push_back(PointerType::get(Ctx, 0)); break;
    case Kind::Bytes:
      Types.push_back(ArrayType::get(Type::getInt8Ty(Ctx), F.Count));
      break;
    case Kind::Limits: Types.push_back(LimitsTy); break;
    }
  }
  return StructType::create(Ctx, Types, Name);
}

template <size_t N>
Error checkLayout(const DataLayout &DL, StructType *Ty,
                  const std::array<Field, N> &Fs) {
  unsigned P = DL.getPointerSize();
  auto Expected = layoutOf(Fs, P);
  const llvm::StructLayout *SL = DL.getStructLayout(Ty);
  for (size_t I = 0; I < N; ++I)
    if (SL->getElementOffset(I) != Expected.Offsets[I])
      return createStringError(inconvertibleErrorCode(),
                               "internal error: the target lays out %s field "
                               "%zu at %llu, the runtime ABI at %llu",
                               Ty->getName().str().c_str(), I,
                               (unsigned long long)SL->getElementOffset(I),
                               (unsigned long long)Expected.Offsets[I]);
  if (SL->getSizeInBytes() != Expected.Size)
    return createStringError(inconvertibleErrorCode(),
                             "internal error: the target makes %s %llu bytes, "
                             "the runtime ABI %llu",
                             Ty->getName().str().c_str(),
                             (unsigned long long)SL->getSizeInBytes(),
                             (unsigned long long)Expected.Size);
  return Error::success();
}

} // namespace

DescriptorLayout::DescriptorLayout(LLVMContext &Ctx) : Ctx(Ctx) {
  // Named types make the emitted IR readable (%wa_module = type {...}).
  Limits = makeType(Ctx, "wa_limits", LimitsFields, nullptr);
  FuncType = makeType(Ctx, "wa_func_type", FuncTypeFields, Limits);
  Import = makeType(Ctx, "wa_import", ImportFields, Limits);
  Export = makeType(Ctx, "wa_export", ExportFields, Limits);
  TableDef = makeType(Ctx, "wa_table_def", TableDefFields, Limits);
  GlobalDef = makeType(Ctx, "wa_global_def", GlobalDefFields, Limits);
  DataSegment = makeType(Ctx, "wa_data_segment", DataSegmentFields, Limits);
  ElemSegment = makeType(Ctx, "wa_elem_segment", ElemSegmentFields, Limits);
  Module = makeType(Ctx, "wa_module", ModuleFields, Limits);
}

Error DescriptorLayout::verify(const DataLayout &DL) const {
  if (Error E = checkLayout(DL, Limits, LimitsFields))
    return E;
  if (Error E = checkLayout(DL, FuncType, FuncTypeFields))
    return E;
  if (Error E = checkLayout(DL, Import, ImportFields))
    return E;
  if (Error E = checkLayout(DL, Export, ExportFields))
    return E;
  if (Error E = checkLayout(DL, TableDef, TableDefFields))
    return E;
  if (Error E = checkLayout(DL, GlobalDef, GlobalDefFields))
    return E;
  if (Error E = checkLayout(DL, DataSegment, DataSegmentFields))
    return E;
  if (Error E = checkLayout(DL, ElemSegment, ElemSegmentFields))
    return E;
  return checkLayout(DL, Module, ModuleFields);
}

namespace {

/// Builds constants field by field, checking the count at the end.
class FieldList {
public:
  FieldList(LLVMContext &Ctx, StructType *Ty) : Ctx(Ctx), Ty(Ty) {}

  FieldList &u8(uint8_t V) {
    Values.push_back(ConstantInt::get(Type::getInt8Ty(Ctx), V));
    return *this;
  }
  FieldList &u32(uint32_t V) {
    Values.push_back(ConstantInt::get(Type::getInt32Ty(Ctx), V));
    return *this;
  }
  FieldList &u64(uint64_t V) {
    Values.push_back(ConstantInt::get(Type::getInt64Ty(Ctx), V));
    return *this;
  }
  FieldList &ptr(Constant *C) {
    Values.push_back(C ? C : ConstantPointerNull::get(PointerType::get(Ctx, 0)));
    return *this;
  }
  FieldList &pad() {
    Values.push_back(Constant::getNullValue(Ty->getElementType(Values.size())));
    return *this;
  }
  FieldList &value(Constant *C) {
    Values.push_back(C);
    return *this;
  }
  Constant *get() const {
    assert(Values.size() == Ty->getNumElements() && "field count");
    return ConstantStruct::get(Ty, Values);
  }

private:
  LLVMContext &Ctx;
  StructType *Ty;
  SmallVector<Constant *, 32> Values;
};

} // namespace

Constant *DescriptorLayout::limits(const LimitsDesc &D) const {
  return FieldList(Ctx, Limits).u64(D.Min).u64(D.Max).u8(D.HasMax).pad().get();
}

Constant *DescriptorLayout::funcType(const FuncTypeDesc &D) const {
  return FieldList(Ctx, FuncType)
      .u32(D.NumParams)
      .u32(D.NumResults)
      .ptr(D.Params)
      .ptr(D.Results)
      .get();
}

Constant *DescriptorLayout::import(const ImportDesc &D) const {
  return FieldList(Ctx, Import)
      .ptr(D.Module)
      .ptr(D.Name)
      .u32(D.ModuleLen)
      .u32(D.NameLen)
      .u8(D.Kind)
      .u8(D.GlobalType)
      .u8(D.GlobalMutable)
      .u8(D.TableElemType)
      .u32(D.FuncType)
      .value(limits(D.Limits))
      .ptr(D.HostThunk)
      .get();
}

Constant *DescriptorLayout::exportEntry(const ExportDesc &D) const {
  return FieldList(Ctx, Export)
      .ptr(D.Name)
      .u32(D.NameLen)
      .u8(D.Kind)
      .pad()
      .u32(D.Index)
      .u32(0)
      .ptr(D.Entry)
      .get();
}

Constant *DescriptorLayout::tableDef(const TableDefDesc &D) const {
  return FieldList(Ctx, TableDef)
      .u8(D.ElemType)
      .pad()
      .value(limits(D.Limits))
      .get();
}

Constant *DescriptorLayout::globalDef(const GlobalDefDesc &D) const {
  return FieldList(Ctx, GlobalDef).u8(D.Type).u8(D.Mutable).pad().get();
}

Constant *DescriptorLayout::dataSegment(const DataSegmentDesc &D) const {
  return FieldList(Ctx, DataSegment)
      .ptr(D.Bytes)
      .u32(D.Size)
      .u8(D.Active)
      .pad()
      .u32(D.Memory)
      .u32(0)
      .get();
}

Constant *DescriptorLayout::elemSegment(const ElemSegmentDesc &D) const {
  return FieldList(Ctx, ElemSegment)
      .u32(D.Size)
      .u8(D.Mode)
      .u8(D.ElemType)
      .pad()
      .u32(D.Table)
      .u32(0)
      .get();
}

Constant *DescriptorLayout::module(const ModuleDesc &D) const {
  return FieldList(Ctx, Module)
      .u32(WA_ABI_VERSION)
      .u32(D.NumTypes)
      .ptr(D.Types)
      .u32(D.NumImports)
      .u32(D.NumExports)
      .ptr(D.Imports)
      .ptr(D.Exports)
      .u32(D.NumFuncs)
      .u32(D.NumTables)
      .ptr(D.FuncCode)
      .ptr(D.FuncTypes)
      .ptr(D.Tables)
      .u32(D.NumMemories)
      .u32(D.NumGlobals)
      .ptr(D.Memories)
      .ptr(D.Globals)
      .u32(D.NumData)
      .u32(D.NumElems)
      .ptr(D.Data)
      .ptr(D.Elems)
      .u32(D.HasStart)
      .u32(D.Start)
      .ptr(D.InitGlobals)
      .ptr(D.ElemOffset)
      .ptr(D.DataOffset)
      .ptr(D.ElemItems)
      .u8(D.BoundsChecks)
      .u8(D.Checks)
      .pad()
      .ptr(D.FuncNames)
      .ptr(D.SiteMap)
      .get();
}

} // namespace wasmaot

//===- InstanceLayout.cpp - Runtime structure offsets ---------------------===//
#include "abi/InstanceLayout.h"

#include "abi/StructLayout.h"

#include "wasm-aot/abi.h"

using namespace llvm;
using namespace wasmaot::abi_detail;

namespace wasmaot {

namespace {

// The fields of each structure in declaration order, as in abi.h.

constexpr auto instanceShape(unsigned P) {
  // memory0, stack_limit, memories, tables, globals, funcs, type_ids,
  // data_sizes, elem_sizes, fuel, interrupt, memory0_base, module, runtime
  return layoutStruct(std::array<FieldShape, 14>{
      ptr(P), ptr(P), ptr(P), ptr(P), ptr(P), ptr(P), ptr(P), ptr(P), ptr(P),
      ptr(P), ptr(P), ptr(P), ptr(P), ptr(P)});
}
constexpr auto funcShape(unsigned P) {
  // code, instance, type_id, reserved
  return layoutStruct(
      std::array<FieldShape, 4>{ptr(P), ptr(P), u32(), u32()});
}
constexpr auto memoryShape(unsigned P) {
  // base, size, max_pages, reserved
  return layoutStruct(
      std::array<FieldShape, 4>{ptr(P), u64(), u64(), u64()});
}
constexpr auto tableShape(unsigned P) {
  // elements, size, max, elem_type, has_max, pad[6]
  return layoutStruct(std::array<FieldShape, 6>{ptr(P), u32(), u32(), u8(),
                                                u8(), bytes(6)});
}
constexpr auto hostFuncShape(unsigned P) {
  // callback, env
  return layoutStruct(std::array<FieldShape, 2>{ptr(P), ptr(P)});
}

constexpr InstanceLayout computeLayout(unsigned P) {
  InstanceLayout L;
  L.PointerSize = P;
  constexpr unsigned ModuleField = 12;
  auto I = instanceShape(P);
  L.InstanceMemory0 = I.Offsets[0];
  L.InstanceStackLimit = I.Offsets[1];
  L.InstanceMemories = I.Offsets[2];
  L.InstanceTables = I.Offsets[3];
  L.InstanceGlobals = I.Offsets[4];
  L.InstanceFuncs = I.Offsets[5];
  L.InstanceTypeIds = I.Offsets[6];
  L.InstanceDataSizes = I.Offsets[7];
  L.InstanceElemSizes = I.Offsets[8];
  L.InstanceFuel = I.Offsets[9];
  L.InstanceInterrupt = I.Offsets[10];
  L.InstanceMemory0Base = I.Offsets[11];
  L.InstanceModule = I.Offsets[ModuleField];
  L.InstanceReadableSize = I.Offsets[ModuleField] + P;

  auto F = funcShape(P);
  L.FuncCode = F.Offsets[0];
  L.FuncInstance = F.Offsets[1];
  L.FuncTypeId = F.Offsets[2];
  L.FuncSize = F.Size;

  auto M = memoryShape(P);
  L.MemoryBase = M.Offsets[0];
  L.MemorySize = M.Offsets[1];
  L.MemoryStructSize = M.Size;

  auto T = tableShape(P);
  L.TableElements = T.Offsets[0];
  L.TableSize = T.Offsets[1];
  L.TableStructSize = T.Size;

  auto H = hostFuncShape(P);
  L.HostCallback = H.Offsets[0];
  L.HostEnv = H.Offsets[1];

  // A union of 16 bytes, aligned to 16 whatever the pointer size.
  L.ValueSize = 16;
  L.ValueAlign = 16;
  return L;
}

// The host is LP64 like every supported target, so the 64-bit layout must be
// exactly what the C compiler makes of abi.h.
static_assert(sizeof(void *) == 8, "the compiler is built for LP64 hosts");
constexpr InstanceLayout Host = computeLayout(8);
static_assert(Host.InstanceMemory0 == offsetof(wa_instance, memory0));
static_assert(Host.InstanceStackLimit == offsetof(wa_instance, stack_limit));
static_assert(Host.InstanceMemories == offsetof(wa_instance, memories));
static_assert(Host.InstanceTables == offsetof(wa_instance, tables));
static_assert(Host.InstanceGlobals == offsetof(wa_instance, globals));
static_assert(Host.InstanceFuncs == offsetof(wa_instance, funcs));
static_assert(Host.InstanceTypeIds == offsetof(wa_instance, type_ids));
static_assert(Host.InstanceDataSizes == offsetof(wa_instance, data_sizes));
static_assert(Host.InstanceElemSizes == offsetof(wa_instance, elem_sizes));
static_assert(Host.InstanceFuel == offsetof(wa_instance, fuel));
static_assert(Host.InstanceInterrupt == offsetof(wa_instance, interrupt));
static_assert(Host.InstanceMemory0Base ==
              offsetof(wa_instance, memory0_base));
static_assert(Host.InstanceModule == offsetof(wa_instance, module));
static_assert(instanceShape(8).Size == sizeof(wa_instance));
static_assert(Host.FuncCode == offsetof(wa_func, code));
static_assert(Host.FuncInstance == offsetof(wa_func, instance));
static_assert(Host.FuncTypeId == offsetof(wa_func, type_id));
static_assert(Host.FuncSize == sizeof(wa_func));
static_assert(Host.MemoryBase == offsetof(wa_memory, base));
static_assert(Host.MemorySize == offsetof(wa_memory, size));
static_assert(Host.MemoryStructSize == sizeof(wa_memory));
static_assert(Host.TableElements == offsetof(wa_table, elements));
static_assert(Host.TableSize == offsetof(wa_table, size));
static_assert(Host.TableStructSize == sizeof(wa_table));
static_assert(Host.HostCallback == offsetof(wa_host_func, callback));
static_assert(Host.HostEnv == offsetof(wa_host_func, env));
static_assert(Host.ValueSize == sizeof(wa_value));
static_assert(Host.ValueAlign == alignof(wa_value));
// The fields compiled code reads have the widths the lowering assumes.
static_assert(sizeof(wa_memory::size) == 8 && sizeof(wa_table::size) == 4 &&
              sizeof(wa_func::type_id) == 4 &&
              sizeof(wa_instance::stack_limit) == 8);

} // namespace

Expected<InstanceLayout> InstanceLayout::forPointerSize(unsigned Bytes) {
  if (Bytes != 8)
    return createStringError(inconvertibleErrorCode(),
                             "unsupported target: %u-bit pointers (the "
                             "runtime ABI is defined for 64-bit targets only)",
                             Bytes * 8);
  return computeLayout(Bytes);
}

} // namespace wasmaot

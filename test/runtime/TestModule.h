//===- TestModule.h - Hand-written module descriptors for runtime tests ---===//
//
// The runtime tests run without the compiler: TestModule assembles a
// wa_module descriptor (abi.h) from parts, and the "compiled" functions are
// C++ functions with the native signature `int32_t f(wa_instance *, int32_t)`
// (type 0) or `void f(wa_instance *)` (type 1) that use the instance
// context exactly as generated code does. Constant expressions are plain
// numbers the init functions hand back.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_RUNTIME_TESTMODULE_H
#define WASMAOT_TEST_RUNTIME_TESTMODULE_H

#include "wasm-aot/runtime.h"

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaot::test {

/// Native signatures of the two standard types.
using NativeI32 = int32_t (*)(wa_instance *, int32_t);
using NativeVoid = void (*)(wa_instance *);

/// The entry wrapper of a type-0 function, as the compiler emits one per
/// exported function: arguments in, results out through `values`.
template <NativeI32 F> void entryI32(wa_instance *I, wa_value *V) {
  V[0].i32 = F(I, V[0].i32);
}
template <NativeVoid F> void entryVoid(wa_instance *I, wa_value *) { F(I); }

/// Host thunks for the two standard types: what the compiler emits for a
/// module's function imports.
int32_t hostThunkI32(wa_instance *Host, int32_t X);
void hostThunkVoid(wa_instance *Host);

/// Calls function Index of the instance's index space the way compiled
/// code calls a function (import or not): through its wa_func record.
int32_t callFuncI32(wa_instance *I, uint32_t Index, int32_t X);

/// A module descriptor under construction. Types 0 ([i32] -> [i32]) and 1
/// ([] -> []) always exist. Function indices count imports first, as in
/// wasm. The object must outlive every store the module is instantiated in.
class TestModule {
public:
  static constexpr uint32_t TypeI32 = 0;
  static constexpr uint32_t TypeVoid = 1;

  explicit TestModule(uint8_t BoundsChecks = 0);
  TestModule(const TestModule &) = delete;
  TestModule &operator=(const TestModule &) = delete;
  ~TestModule();

  uint32_t addType(std::vector<uint8_t> Params, std::vector<uint8_t> Results);

  // Names are byte strings and may hold NUL bytes; the descriptor gets a
  // copy with its length, as the compiler emits them.
  uint32_t importFunc(std::string_view Module, std::string_view Name,
                      uint32_t Type, void *HostThunk = nullptr);
  void importTable(std::string_view Module, std::string_view Name,
                   uint8_t ElemType, wa_limits Limits);
  void importMemory(std::string_view Module, std::string_view Name,
                    wa_limits Limits);
  void importGlobal(std::string_view Module, std::string_view Name,
                    uint8_t Type, bool Mutable);

  uint32_t addFunc(uint32_t Type, void *Code);
  uint32_t addFunc(NativeI32 Code) { return addFunc(TypeI32, (void *)Code); }
  uint32_t addFuncVoid(NativeVoid Code) {
    return addFunc(TypeVoid, (void *)Code);
  }
  void addTable(uint8_t ElemType, wa_limits Limits);
  void addMemory(wa_limits Limits);
  void addGlobal(uint8_t Type, bool Mutable, wa_value Init);

  /// An active data segment at Offset (or passive when !Active).
  void addData(const std::string &Bytes, bool Active, uint32_t Memory = 0,
               uint64_t Offset = 0);
  /// An element segment of function indices (-1: null). Mode 0 active at
  /// Offset in Table, 1 passive, 2 declarative.
  void addElem(uint8_t Mode, std::vector<int64_t> Items, uint32_t Table = 0,
               uint64_t Offset = 0);

  void exportFunc(std::string_view Name, uint32_t Index, wa_entry_fn Entry);
  void exportOther(std::string_view Name, uint8_t Kind, uint32_t Index);
  void setStart(uint32_t Index);
  /// The name-section names of the defined functions, in order (null: no
  /// name); the descriptor's func_names.
  void setFuncNames(std::vector<const char *> Names);
  /// The descriptor's site map: a wa_site_map header and its arrays, as
  /// 32-bit words (abi.h).
  void setSiteMap(std::vector<uint32_t> Words);

  /// The finished descriptor (valid while this object lives).
  const wa_module *get();

  // Read by the init functions.
  std::vector<wa_value> GlobalInits;
  std::vector<uint64_t> DataOffsets;
  std::vector<uint64_t> ElemOffsets;
  std::vector<std::vector<int64_t>> ElemItems;
  uint32_t ImportedGlobals = 0;

private:
  /// An import with both names set (copied into NameCopies).
  wa_import namedImport(std::string_view Module, std::string_view Name);
  /// A copy of Name, NUL-terminated, that lives as long as this object.
  const char *keepName(std::string_view Name);

  std::deque<std::string> NameCopies;
  std::deque<std::vector<uint8_t>> TypeBytes;
  std::vector<wa_func_type> Types;
  std::vector<wa_import> Imports;
  std::vector<wa_export> Exports;
  std::vector<void *> FuncCode;
  std::vector<uint32_t> FuncTypes;
  std::vector<wa_table_def> Tables;
  std::vector<wa_limits> Memories;
  std::vector<wa_global_def> Globals;
  std::deque<std::string> DataBytes;
  std::vector<wa_data_segment> Data;
  std::vector<wa_elem_segment> Elems;
  uint32_t ImportedFuncs = 0;
  std::vector<const char *> FuncNames;
  std::vector<uint32_t> SiteMapWords;
  wa_module M;
};

/// Limits in the descriptor's form.
inline wa_limits limits(uint64_t Min) { return wa_limits{Min, 0, 0, {}}; }
inline wa_limits limits(uint64_t Min, uint64_t Max) {
  return wa_limits{Min, Max, 1, {}};
}

inline wa_value i32Value(int32_t X) {
  wa_value V{};
  V.i32 = X;
  return V;
}

/// The canonical id of type `Index` of an instance.
inline uint32_t typeId(const wa_instance *I, uint32_t Index) {
  return I->type_ids[Index];
}

} // namespace wasmaot::test

#endif

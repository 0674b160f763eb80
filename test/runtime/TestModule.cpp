//===- TestModule.cpp - Hand-written module descriptors for runtime tests -===//
#include "TestModule.h"

#include <map>

namespace wasmaot::test {

namespace {

/// Which TestModule a descriptor belongs to, for the init functions (they
/// only receive the instance, whose `module` is the descriptor).
std::map<const wa_module *, TestModule *> &registry() {
  static std::map<const wa_module *, TestModule *> R;
  return R;
}

TestModule &moduleOf(wa_instance *I) { return *registry().at(I->module); }

void initGlobals(wa_instance *I) {
  TestModule &T = moduleOf(I);
  for (size_t G = 0; G < T.GlobalInits.size(); ++G)
    *I->globals[T.ImportedGlobals + G] = T.GlobalInits[G];
}

uint64_t elemOffset(wa_instance *I, uint32_t Segment) {
  return moduleOf(I).ElemOffsets.at(Segment);
}

uint64_t dataOffset(wa_instance *I, uint32_t Segment) {
  return moduleOf(I).DataOffsets.at(Segment);
}

void elemItems(wa_instance *I, uint32_t Segment, void **Out) {
  const std::vector<int64_t> &Items = moduleOf(I).ElemItems.at(Segment);
  for (size_t K = 0; K < Items.size(); ++K)
    Out[K] = Items[K] < 0 ? nullptr : &I->funcs[Items[K]];
}

} // namespace

int32_t hostThunkI32(wa_instance *Host, int32_t X) {
  auto *H = reinterpret_cast<wa_host_func *>(Host);
  wa_value V[1];
  V[0].i32 = X;
  if (uint32_t Trap = H->callback(H->env, V))
    wa_trap(Trap);
  return V[0].i32;
}

void hostThunkVoid(wa_instance *Host) {
  auto *H = reinterpret_cast<wa_host_func *>(Host);
  wa_value V[1];
  if (uint32_t Trap = H->callback(H->env, V))
    wa_trap(Trap);
}

int32_t callFuncI32(wa_instance *I, uint32_t Index, int32_t X) {
  const wa_func &F = I->funcs[Index];
  return reinterpret_cast<NativeI32>(F.code)(F.instance, X);
}

TestModule::TestModule(uint8_t BoundsChecks) : M{} {
  M.abi_version = WA_ABI_VERSION;
  M.bounds_checks = BoundsChecks;
  addType({WA_I32}, {WA_I32});
  addType({}, {});
}

TestModule::~TestModule() { registry().erase(&M); }

uint32_t TestModule::addType(std::vector<uint8_t> Params,
                             std::vector<uint8_t> Results) {
  wa_func_type T{};
  T.num_params = Params.size();
  T.num_results = Results.size();
  T.params = TypeBytes.emplace_back(std::move(Params)).data();
  T.results = TypeBytes.emplace_back(std::move(Results)).data();
  Types.push_back(T);
  return Types.size() - 1;
}

const char *TestModule::keepName(std::string_view Name) {
  return NameCopies.emplace_back(Name).c_str();
}

wa_import TestModule::namedImport(std::string_view Module,
                                  std::string_view Name) {
  wa_import Imp{};
  Imp.module = keepName(Module);
  Imp.module_len = Module.size();
  Imp.name = keepName(Name);
  Imp.name_len = Name.size();
  return Imp;
}

uint32_t TestModule::importFunc(std::string_view Module, std::string_view Name,
                                uint32_t Type, void *HostThunk) {
  wa_import Imp = namedImport(Module, Name);
  Imp.kind = WA_EXTERN_FUNC;
  Imp.func_type = Type;
  if (HostThunk == nullptr && Type == TypeI32)
    HostThunk = (void *)&hostThunkI32;
  if (HostThunk == nullptr && Type == TypeVoid)
    HostThunk = (void *)&hostThunkVoid;
  Imp.host_thunk = HostThunk;
  Imports.push_back(Imp);
  return ImportedFuncs++;
}

void TestModule::importTable(std::string_view Module, std::string_view Name,
                             uint8_t ElemType, wa_limits Limits) {
  wa_import Imp = namedImport(Module, Name);
  Imp.kind = WA_EXTERN_TABLE;
  Imp.table_elem_type = ElemType;
  Imp.limits = Limits;
  Imports.push_back(Imp);
}

void TestModule::importMemory(std::string_view Module, std::string_view Name,
                              wa_limits Limits) {
  wa_import Imp = namedImport(Module, Name);
  Imp.kind = WA_EXTERN_MEMORY;
  Imp.limits = Limits;
  Imports.push_back(Imp);
}

void TestModule::importGlobal(std::string_view Module, std::string_view Name,
                              uint8_t Type, bool Mutable) {
  wa_import Imp = namedImport(Module, Name);
  Imp.kind = WA_EXTERN_GLOBAL;
  Imp.global_type = Type;
  Imp.global_mutable = Mutable;
  Imports.push_back(Imp);
  ++ImportedGlobals;
}

uint32_t TestModule::addFunc(uint32_t Type, void *Code) {
  FuncCode.push_back(Code);
  FuncTypes.push_back(Type);
  return ImportedFuncs + FuncCode.size() - 1;
}

void TestModule::addTable(uint8_t ElemType, wa_limits Limits) {
  wa_table_def T{};
  T.elem_type = ElemType;
  T.limits = Limits;
  Tables.push_back(T);
}

void TestModule::addMemory(wa_limits Limits) { Memories.push_back(Limits); }

void TestModule::addGlobal(uint8_t Type, bool Mutable, wa_value Init) {
  wa_global_def G{};
  G.type = Type;
  G.mutable_ = Mutable;
  Globals.push_back(G);
  GlobalInits.push_back(Init);
}

void TestModule::addData(const std::string &Bytes, bool Active,
                         uint32_t Memory, uint64_t Offset) {
  wa_data_segment D{};
  D.bytes =
      reinterpret_cast<const uint8_t *>(DataBytes.emplace_back(Bytes).data());
  D.size = Bytes.size();
  D.active = Active;
  D.memory = Memory;
  Data.push_back(D);
  DataOffsets.push_back(Offset);
}

void TestModule::addElem(uint8_t Mode, std::vector<int64_t> Items,
                         uint32_t Table, uint64_t Offset) {
  wa_elem_segment E{};
  E.size = Items.size();
  E.mode = Mode;
  E.elem_type = WA_FUNCREF;
  E.table = Table;
  Elems.push_back(E);
  ElemOffsets.push_back(Offset);
  ElemItems.push_back(std::move(Items));
}

void TestModule::exportFunc(std::string_view Name, uint32_t Index,
                            wa_entry_fn Entry) {
  wa_export E{};
  E.name = keepName(Name);
  E.name_len = Name.size();
  E.kind = WA_EXTERN_FUNC;
  E.index = Index;
  E.entry = Entry;
  Exports.push_back(E);
}

void TestModule::exportOther(std::string_view Name, uint8_t Kind,
                             uint32_t Index) {
  wa_export E{};
  E.name = keepName(Name);
  E.name_len = Name.size();
  E.kind = Kind;
  E.index = Index;
  Exports.push_back(E);
}

void TestModule::setStart(uint32_t Index) {
  M.has_start = 1;
  M.start = Index;
}

void TestModule::setFuncNames(std::vector<const char *> Names) {
  FuncNames = std::move(Names);
}

void TestModule::setSiteMap(std::vector<uint32_t> Words) {
  SiteMapWords = std::move(Words);
}

const wa_module *TestModule::get() {
  M.num_types = Types.size();
  M.types = Types.data();
  M.num_imports = Imports.size();
  M.imports = Imports.data();
  M.num_exports = Exports.size();
  M.exports = Exports.data();
  M.num_funcs = FuncCode.size();
  M.func_code = FuncCode.data();
  M.func_types = FuncTypes.data();
  M.num_tables = Tables.size();
  M.tables = Tables.data();
  M.num_memories = Memories.size();
  M.memories = Memories.data();
  M.num_globals = Globals.size();
  M.globals = Globals.data();
  M.num_data = Data.size();
  M.data = Data.data();
  M.num_elems = Elems.size();
  M.elems = Elems.data();
  M.init.init_globals = &initGlobals;
  M.init.elem_offset = &elemOffset;
  M.init.data_offset = &dataOffset;
  M.init.elem_items = &elemItems;
  M.func_names = FuncNames.empty() ? nullptr : FuncNames.data();
  M.site_map = SiteMapWords.empty()
                   ? nullptr
                   : reinterpret_cast<const wa_site_map *>(SiteMapWords.data());
  registry()[&M] = this;
  return &M;
}

} // namespace wasmaot::test

//===- ModuleValidator.cpp - Module-level validation ----------------------===//
//
// The rules of the spec's "Modules" validation section, roughly in the
// order the reference interpreter checks them: types, imports, function
// declarations, tables, memories, globals, element and data segments, the
// start function, exports, and finally every function body.
//
// A module can be both malformed and invalid. The spec decodes the whole
// module before validating it, so the malformed fault wins. Function bodies
// are decoded here rather than by the decoder, so when validation finds a
// module invalid, the bodies are re-read for encoding faults before the
// verdict is returned; valid modules pay nothing for it.
//
//===----------------------------------------------------------------------===//
#include "validate/Validator.h"

#include "ir/Limits.h"
#include "support/WasmError.h"
#include "validate/FunctionValidator.h"

#include "llvm/ADT/StringSet.h"

using namespace llvm;

namespace wasmaot {
namespace {

/// The largest memory, in 64 KiB pages: 4 GiB for 32-bit memories, 2^64
/// bytes for memory64.
constexpr uint64_t MaxPages32 = 65536;
constexpr uint64_t MaxPages64 = uint64_t(1) << 48;

class ModuleValidator {
public:
  explicit ModuleValidator(const Module &M) : M(M), F(M.EnabledFeatures) {}

  Error run();

private:
  Error validateTypes();
  Error validateImports();
  Error validateFunctionDecls();
  Error validateTables();
  Error validateMemories();
  Error validateGlobals();
  Error validateElems();
  Error validateDatas();
  Error validateStart();
  Error validateExports();
  Error validateBodies();

  Error checkTableType(const TableType &T, uint64_t Offset) const;
  Error checkMemoryType(const MemoryType &T, uint64_t Offset) const;
  Error checkGlobalType(const GlobalType &T, uint64_t Offset) const;
  Error checkLimits(const Limits &L, uint64_t Bound, uint64_t Offset,
                    const Twine &TooLarge) const;
  /// Offset of a section's payload, for items that do not record their own
  /// (function declarations, tables, memories); 0 if the section is absent.
  uint64_t sectionOffset(uint8_t Id) const;

  const Module &M;
  const Features &F;
};

uint64_t ModuleValidator::sectionOffset(uint8_t Id) const {
  for (const SectionInfo &S : M.Sections)
    if (S.Id == Id)
      return S.PayloadOffset;
  return 0;
}

Error ModuleValidator::checkLimits(const Limits &L, uint64_t Bound,
                                   uint64_t Offset,
                                   const Twine &TooLarge) const {
  if (L.Min > Bound || (L.Max && *L.Max > Bound))
    return makeInvalid(Offset, TooLarge);
  if (L.Max && L.Min > *L.Max)
    return makeInvalid(Offset, "size minimum must not be greater than "
                               "maximum: " +
                                   Twine(L.Min) + " > " + Twine(*L.Max));
  return Error::success();
}

Error ModuleValidator::checkTableType(const TableType &T,
                                      uint64_t Offset) const {
  if (!isRefType(T.ElemType))
    return makeInvalid(Offset, "type mismatch: a table holds references, "
                               "not " +
                                   valTypeName(T.ElemType));
  // Table sizes are u32 in the binary, so only min <= max can fail.
  if (Error E = checkLimits(T.Limits, UINT32_MAX, Offset,
                            "table size must be at most 2^32-1"))
    return E;
  // After the spec's rules, so that a table the spec calls invalid is
  // reported as invalid. Only the initial size is limited, as the web
  // engines do: the maximum bounds growth, which the runtime refuses anyway
  // when it cannot allocate.
  return checkLimit(Limit::TableSize, T.Limits.Min, Offset);
}

Error ModuleValidator::checkMemoryType(const MemoryType &T,
                                       uint64_t Offset) const {
  const Limits &L = T.Limits;
  if (L.Is64 && !F.has(Feature::Memory64))
    return makeInvalid(Offset, "64-bit memories need the memory64 feature");
  if (L.Shared) {
    if (!F.has(Feature::Threads))
      return makeInvalid(Offset, "shared memories need the threads feature");
    if (!L.Max)
      return makeInvalid(Offset, "shared memory must have maximum");
  }
  if (L.Is64)
    return checkLimits(L, MaxPages64, Offset,
                       "memory size must be at most 2^48 pages");
  return checkLimits(L, MaxPages32, Offset,
                     "memory size must be at most 65536 pages (4GiB)");
}

Error ModuleValidator::checkGlobalType(const GlobalType &T,
                                       uint64_t Offset) const {
  if (T.Type == ValType::Unknown)
    return makeInvalid(Offset, "invalid global type");
  return Error::success();
}

Error ModuleValidator::validateTypes() {
  if (F.has(Feature::MultiValue))
    return Error::success();
  for (const FuncType &T : M.Types)
    if (T.Results.size() > 1)
      return makeInvalid(sectionOffset(1),
                         "invalid result arity: functions return at most "
                         "one value without the multi-value feature");
  return Error::success();
}

Error ModuleValidator::validateImports() {
  for (const Import &Imp : M.Imports) {
    switch (Imp.Kind) {
    case ExternKind::Func:
      if (Imp.FuncTypeIndex >= M.Types.size())
        return makeInvalid(Imp.Offset,
                           "unknown type " + Twine(Imp.FuncTypeIndex));
      break;
    case ExternKind::Table:
      if (Error E = checkTableType(Imp.Table, Imp.Offset))
        return E;
      break;
    case ExternKind::Memory:
      if (Error E = checkMemoryType(Imp.Memory, Imp.Offset))
        return E;
      break;
    case ExternKind::Global:
      if (Error E = checkGlobalType(Imp.Global, Imp.Offset))
        return E;
      if (Imp.Global.Mutable && !F.has(Feature::MutableGlobals))
        return makeInvalid(Imp.Offset, "mutable globals cannot be imported "
                                       "without the mutable-globals feature");
      break;
    case ExternKind::Tag:
      return makeInvalid(Imp.Offset, "tag imports are not supported");
    }
  }
  return Error::success();
}

Error ModuleValidator::validateFunctionDecls() {
  const uint32_t Imported = M.numImportedFuncs();
  for (size_t K = 0; K < M.Functions.size(); ++K) {
    const Function &Fn = M.Functions[K];
    const uint64_t Offset = Fn.EntryOffset ? Fn.EntryOffset : sectionOffset(3);
    if (Fn.TypeIndex >= M.Types.size())
      return withFunction(
          makeInvalid(Offset, "unknown type " + Twine(Fn.TypeIndex)),
          Imported + K);
    // Bodies are ranges of Module::Bytes; a module built by other means
    // than the decoder must not send the validator outside them.
    if (Fn.BodyOffset > M.Bytes.size() ||
        Fn.BodySize > M.Bytes.size() - Fn.BodyOffset)
      return withFunction(
          makeMalformed(Offset, "function body outside the module's bytes"),
          Imported + K);
  }
  return Error::success();
}

Error ModuleValidator::validateTables() {
  // Reference types lifted the MVP's limit of one table.
  if (M.numTables() > 1 && !F.has(Feature::ReferenceTypes))
    return makeInvalid(sectionOffset(4), "multiple tables");
  for (const TableType &T : M.Tables)
    if (Error E = checkTableType(T, sectionOffset(4)))
      return E;
  return Error::success();
}

Error ModuleValidator::validateMemories() {
  if (M.numMemories() > 1 && !F.has(Feature::MultiMemory))
    return makeInvalid(M.Memories.empty() ? 0 : sectionOffset(5),
                       "multiple memories");
  for (const MemoryType &T : M.Memories)
    if (Error E = checkMemoryType(T, sectionOffset(5)))
      return E;
  return Error::success();
}

Error ModuleValidator::validateGlobals() {
  // WebAssembly 2.0: initialisers see the imported globals only. (Later
  // proposals also let a global read the module's earlier globals; that
  // would be numImportedGlobals() + its own index here.)
  const uint32_t Visible = M.numImportedGlobals();
  for (const Global &G : M.Globals) {
    if (Error E = checkGlobalType(G.Type, G.Offset))
      return E;
    if (Error E = validateConstExpr(M, G.Init, G.Type.Type, Visible,
                                    "global initializer"))
      return E;
  }
  return Error::success();
}

Error ModuleValidator::validateElems() {
  const uint32_t Visible = M.numImportedGlobals();
  for (size_t K = 0; K < M.Elems.size(); ++K) {
    const ElemSegment &S = M.Elems[K];
    if (!isRefType(S.ElemType))
      return makeInvalid(S.Offset, "type mismatch: elem segment " + Twine(K) +
                                       " holds " + valTypeName(S.ElemType));
    if (S.Mode == SegmentMode::Active) {
      if (S.Table >= M.numTables())
        return makeInvalid(S.Offset, "unknown table " + Twine(S.Table));
      if (Error E = validateConstExpr(M, S.OffsetExpr, ValType::I32, Visible,
                                      "elem segment offset"))
        return E;
      const ValType TableElem = M.tableType(S.Table).ElemType;
      if (TableElem != S.ElemType)
        return makeInvalid(S.Offset, "type mismatch: elem segment " + Twine(K) +
                                         " holds " + valTypeName(S.ElemType) +
                                         " but table " + Twine(S.Table) +
                                         " holds " + valTypeName(TableElem));
    }
    for (const ConstExpr &Item : S.Items)
      if (Error E = validateConstExpr(M, Item, S.ElemType, Visible,
                                      "elem segment item"))
        return E;
  }
  return Error::success();
}

Error ModuleValidator::validateDatas() {
  // The decoder compares the two counts already; repeated here for modules
  // that did not come from it. Both faults are malformed, not invalid.
  if (M.DataCount && *M.DataCount != M.Datas.size())
    return makeMalformed(sectionOffset(12),
                         "data count and data section have inconsistent "
                         "lengths");
  const uint32_t Visible = M.numImportedGlobals();
  for (const DataSegment &D : M.Datas) {
    if (D.Mode != SegmentMode::Active)
      continue;
    if (D.Memory >= M.numMemories())
      return makeInvalid(D.Offset, "unknown memory " + Twine(D.Memory));
    if (Error E =
            validateConstExpr(M, D.OffsetExpr, memoryAddressType(M, D.Memory),
                              Visible, "data segment offset"))
      return E;
  }
  return Error::success();
}

Error ModuleValidator::validateStart() {
  if (!M.Start)
    return Error::success();
  const uint32_t Index = *M.Start;
  if (Index >= M.numFuncs())
    return makeInvalid(M.StartOffset, "unknown function " + Twine(Index));
  // Type indices were checked with the imports and function declarations.
  const FuncType &T = M.Types[M.funcTypeIndex(Index)];
  if (!T.Params.empty() || !T.Results.empty())
    return makeInvalid(M.StartOffset, "start function " + Twine(Index) +
                                          " has type " + formatTypes(T.Params) +
                                          " -> " + formatTypes(T.Results) +
                                          ", not [] -> []");
  return Error::success();
}

Error ModuleValidator::validateExports() {
  // The set grows with the export section, which bounds it.
  StringSet<> Names;
  for (const Export &Ex : M.Exports) {
    if (!Names.insert(Ex.Name).second)
      return makeInvalid(Ex.Offset,
                         "duplicate export name \"" + Ex.Name + "\"");
    uint32_t Count = 0;
    switch (Ex.Kind) {
    case ExternKind::Func:
      Count = M.numFuncs();
      break;
    case ExternKind::Table:
      Count = M.numTables();
      break;
    case ExternKind::Memory:
      Count = M.numMemories();
      break;
    case ExternKind::Global:
      Count = M.numGlobals();
      break;
    case ExternKind::Tag:
      Count = M.numTags();
      break;
    }
    if (Ex.Index >= Count)
      return makeInvalid(Ex.Offset, "unknown " +
                                        (Ex.Kind == ExternKind::Func
                                             ? StringRef("function")
                                             : externKindName(Ex.Kind)) +
                                        " " + Twine(Ex.Index));
    if (Ex.Kind == ExternKind::Global && !F.has(Feature::MutableGlobals) &&
        M.globalType(Ex.Index).Mutable)
      return makeInvalid(Ex.Offset, "mutable globals cannot be exported "
                                    "without the mutable-globals feature");
  }
  return Error::success();
}

Error ModuleValidator::validateBodies() {
  const DeclaredFuncRefs Refs = DeclaredFuncRefs::collect(M);
  const uint32_t Imported = M.numImportedFuncs();
  for (size_t K = 0; K < M.Functions.size(); ++K)
    if (Error E = validateFunctionBody(M, Imported + K, Refs))
      return E;
  return Error::success();
}

Error ModuleValidator::run() {
  if (Error E = validateTypes())
    return E;
  if (Error E = validateImports())
    return E;
  if (Error E = validateFunctionDecls())
    return E;
  if (Error E = validateTables())
    return E;
  if (Error E = validateMemories())
    return E;
  if (!M.Tags.empty())
    return makeInvalid(sectionOffset(13), "tags are not supported");
  if (Error E = validateGlobals())
    return E;
  if (Error E = validateElems())
    return E;
  if (Error E = validateDatas())
    return E;
  if (Error E = validateStart())
    return E;
  if (Error E = validateExports())
    return E;
  return validateBodies();
}

} // namespace

Error validateModule(const Module &M) {
  Error E = ModuleValidator(M).run();
  if (!E)
    return Error::success();
  // Take the error apart to learn its kind; put it back unchanged. A
  // module beyond a limit may be malformed as well; malformed is the
  // stronger verdict.
  bool NotMalformed = false;
  E = handleErrors(std::move(E), [&](std::unique_ptr<WasmError> W) -> Error {
    NotMalformed = W->kind() != WasmErrorKind::Malformed;
    return Error(std::move(W));
  });
  if (!NotMalformed)
    return E;
  // A malformed body outranks any validation error (see the file comment).
  // Bodies are bounded by the module, so this re-read is linear too.
  if (Error BadBody = [&]() -> Error {
        for (size_t K = 0; K < M.Functions.size(); ++K)
          if (Error Bad = checkFunctionEncoding(M, M.numImportedFuncs() + K))
            return Bad;
        return Error::success();
      }()) {
    consumeError(std::move(E));
    return BadBody;
  }
  return E;
}

} // namespace wasmaot

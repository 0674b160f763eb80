//===- ModuleDecoder.cpp - Sections of a binary module ---------------------===//
//
// One function per section. Each reads from a ByteReader bounded to the
// section's payload, so no read can run into the next section; the caller
// then checks that the payload was consumed exactly.
//
//===----------------------------------------------------------------------===//
#include "decode/ModuleDecoder.h"

#include "decode/ByteReader.h"
#include "decode/InstructionReader.h"
#include "ir/Limits.h"
#include "support/WasmError.h"

#include "llvm/ADT/StringExtras.h"

#include <optional>

using namespace llvm;

namespace wasmaot {
namespace {

enum SectionId : uint8_t {
  CustomId = 0,
  TypeId = 1,
  ImportId = 2,
  FunctionId = 3,
  TableId = 4,
  MemoryId = 5,
  GlobalId = 6,
  ExportId = 7,
  StartId = 8,
  ElementId = 9,
  CodeId = 10,
  DataId = 11,
  DataCountId = 12,
  TagId = 13,
};

/// Position of a known section in the required order; the data count
/// section sits between element and code, the tag section between memory and
/// global.
int sectionRank(uint8_t Id) {
  switch (Id) {
  case TypeId: return 1;
  case ImportId: return 2;
  case FunctionId: return 3;
  case TableId: return 4;
  case MemoryId: return 5;
  case TagId: return 6;
  case GlobalId: return 7;
  case ExportId: return 8;
  case StartId: return 9;
  case ElementId: return 10;
  case DataCountId: return 11;
  case CodeId: return 12;
  case DataId: return 13;
  default: return -1;
  }
}

class ModuleDecoder {
public:
  ModuleDecoder(Module &M) : M(M), F(M.EnabledFeatures) {}

  Error decode();

private:
  Error decodeSection(uint8_t Id, ByteReader &R, const SectionInfo &Info);
  Error decodeCustom(ByteReader &R, const SectionInfo &Info);
  Error decodeTypes(ByteReader &R);
  Error decodeImports(ByteReader &R);
  Error decodeFunctions(ByteReader &R);
  Error decodeTables(ByteReader &R);
  Error decodeMemories(ByteReader &R);
  Error decodeTags(ByteReader &R);
  Error decodeGlobals(ByteReader &R);
  Error decodeExports(ByteReader &R);
  Error decodeStart(ByteReader &R);
  Error decodeElements(ByteReader &R);
  Error decodeDataCount(ByteReader &R);
  Error decodeCode(ByteReader &R);
  Error decodeData(ByteReader &R);

  Error readLimits(ByteReader &R, Limits &L, bool IsMemory);
  Error readTableType(ByteReader &R, TableType &T);
  Error readGlobalType(ByteReader &R, GlobalType &G);
  Error readTagType(ByteReader &R, TagType &T);
  Error readConstExpr(ByteReader &R, ConstExpr &E);
  Error readFunctionBody(ByteReader &R, Function &Fn);
  Expected<uint32_t> readIndex(ByteReader &R) { return R.readVarU32(); }
  /// A vector count (see ByteReader::readCount) that must also be within L.
  Expected<uint32_t> readLimitedCount(ByteReader &R, unsigned MinElementSize,
                                      Limit L);
  /// Checks that an index space of kind K holding Size items (imported
  /// ones included) is within its limit.
  Error checkIndexSpace(ExternKind K, uint64_t Size, uint64_t Offset) const;

  Module &M;
  const Features &F;
  bool SawFunctionSection = false;
  bool SawCodeSection = false;
  bool SawDataSection = false;
};

Expected<uint32_t> ModuleDecoder::readLimitedCount(ByteReader &R,
                                                   unsigned MinElementSize,
                                                   Limit L) {
  const uint64_t At = R.offset();
  // Against the bytes left first: a count the section cannot hold is
  // malformed, whatever its size.
  auto Count = R.readCount(MinElementSize);
  if (!Count)
    return Count.takeError();
  if (Error E = checkLimit(L, *Count, At))
    return std::move(E);
  return *Count;
}

Error ModuleDecoder::checkIndexSpace(ExternKind K, uint64_t Size,
                                     uint64_t Offset) const {
  switch (K) {
  case ExternKind::Func:
    return checkLimit(Limit::Functions, Size, Offset);
  case ExternKind::Table:
    return checkLimit(Limit::Tables, Size, Offset);
  case ExternKind::Memory:
    return checkLimit(Limit::Memories, Size, Offset);
  case ExternKind::Global:
    return checkLimit(Limit::Globals, Size, Offset);
  case ExternKind::Tag:
    // Tags are not supported (validation rejects any): no limit of their own.
    return Error::success();
  }
  return Error::success();
}

Error ModuleDecoder::decode() {
  ByteReader R(M.Bytes);
  auto Magic = R.readBytes(4);
  if (!Magic)
    return makeMalformed(0, "unexpected end: magic header not detected");
  if (!(Magic->equals({0x00, 0x61, 0x73, 0x6D})))
    return makeMalformed(0, "magic header not detected");
  const uint64_t VersionAt = R.offset();
  auto Version = R.readFixedU32();
  if (!Version)
    return makeMalformed(VersionAt, "unexpected end: unknown binary version");
  if (*Version != 1)
    return makeMalformed(VersionAt,
                         "unknown binary version " + Twine(*Version));

  int LastRank = 0;
  while (!R.atEnd()) {
    SectionInfo Info;
    Info.Offset = R.offset();
    auto Id = R.readU8();
    if (!Id)
      return Id.takeError();
    Info.Id = *Id;
    if (Info.Id != CustomId) {
      int Rank = sectionRank(Info.Id);
      if (Rank < 0 || (Info.Id == TagId && !F.has(Feature::Exceptions)))
        return makeMalformed(Info.Offset,
                             "malformed section id " + Twine(unsigned(Info.Id)));
      if (Rank <= LastRank)
        return makeMalformed(Info.Offset,
                             "unexpected content after last section: " +
                                 sectionName(Info.Id) +
                                 " section is duplicated or out of order");
      LastRank = Rank;
    }
    auto Size = R.readVarU32();
    if (!Size)
      return Size.takeError();
    Info.PayloadOffset = R.offset();
    Info.Size = *Size;
    if (*Size > R.remaining())
      return makeMalformed(Info.PayloadOffset,
                           "unexpected end: section of " + Twine(*Size) +
                               " bytes runs past the end of the file "
                               "(length out of bounds)");
    auto Payload = R.readSubReader(*Size);
    if (!Payload)
      return Payload.takeError();
    Info.Name = sectionName(Info.Id).str();
    if (Error E = decodeSection(Info.Id, *Payload, Info))
      return withSection(std::move(E), Info.Name);
    if (!Payload->atEnd())
      return withSection(makeMalformed(Payload->offset(),
                                       "section size mismatch: " +
                                           Twine(Payload->remaining()) +
                                           " bytes left unread"),
                         Info.Name);
    if (Info.Id == CustomId)
      Info.Name = M.Customs.back().Name;
    M.Sections.push_back(std::move(Info));
  }

  if (M.Functions.size() && !SawCodeSection)
    return makeMalformed(R.offset(),
                         "function and code section have inconsistent "
                         "lengths: " +
                             Twine(M.Functions.size()) +
                             " functions declared, no code section");
  if (M.DataCount && !SawDataSection && *M.DataCount != 0)
    return makeMalformed(R.offset(),
                         "data count and data section have inconsistent "
                         "lengths: data count " +
                             Twine(*M.DataCount) + ", no data section");

  for (const CustomSection &C : M.Customs)
    if (C.Name == "name")
      parseNameSection(M, C);
  return Error::success();
}

Error ModuleDecoder::decodeSection(uint8_t Id, ByteReader &R,
                                   const SectionInfo &Info) {
  switch (Id) {
  case CustomId: return decodeCustom(R, Info);
  case TypeId: return decodeTypes(R);
  case ImportId: return decodeImports(R);
  case FunctionId: return decodeFunctions(R);
  case TableId: return decodeTables(R);
  case MemoryId: return decodeMemories(R);
  case TagId: return decodeTags(R);
  case GlobalId: return decodeGlobals(R);
  case ExportId: return decodeExports(R);
  case StartId: return decodeStart(R);
  case ElementId: return decodeElements(R);
  case DataCountId: return decodeDataCount(R);
  case CodeId: return decodeCode(R);
  case DataId: return decodeData(R);
  }
  return makeMalformed(Info.Offset, "malformed section id");
}

Error ModuleDecoder::decodeCustom(ByteReader &R, const SectionInfo &Info) {
  CustomSection C;
  C.Offset = Info.Offset;
  auto Name = R.readName();
  if (!Name)
    return Name.takeError();
  C.Name = std::move(*Name);
  C.PayloadOffset = R.offset();
  C.PayloadSize = R.remaining();
  if (Error E = R.skip(R.remaining()))
    return E;
  M.Customs.push_back(std::move(C));
  return Error::success();
}

Error ModuleDecoder::decodeTypes(ByteReader &R) {
  // Smallest entry: form, empty params, empty results.
  auto Count = readLimitedCount(R, 3, Limit::Types);
  if (!Count)
    return Count.takeError();
  M.Types.reserve(*Count);
  for (uint32_t I = 0; I < *Count; ++I) {
    const uint64_t At = R.offset();
    auto Form = R.readU8();
    if (!Form)
      return Form.takeError();
    if (*Form != 0x60)
      return makeMalformed(At, "malformed function type: expected 0x60, got 0x" +
                                   utohexstr(*Form));
    FuncType T;
    for (std::vector<ValType> *List : {&T.Params, &T.Results}) {
      auto N = readLimitedCount(R, 1,
                                List == &T.Params ? Limit::FunctionParams
                                                  : Limit::FunctionResults);
      if (!N)
        return N.takeError();
      List->reserve(*N);
      for (uint32_t K = 0; K < *N; ++K) {
        auto VT = readValType(R, F);
        if (!VT)
          return VT.takeError();
        List->push_back(*VT);
      }
    }
    M.Types.push_back(std::move(T));
  }
  return Error::success();
}

Error ModuleDecoder::readLimits(ByteReader &R, Limits &L, bool IsMemory) {
  const uint64_t At = R.offset();
  auto Flags = R.readU8();
  if (!Flags)
    return Flags.takeError();
  // Bit 0: has maximum. Bit 1: shared (threads). Bit 2: 64-bit (memory64).
  unsigned Allowed = 0x01;
  if (IsMemory && F.has(Feature::Threads))
    Allowed |= 0x02;
  if (IsMemory && F.has(Feature::Memory64))
    Allowed |= 0x04;
  if (*Flags & ~Allowed)
    return makeMalformed(At, "malformed limits flags 0x" + utohexstr(*Flags) +
                                 " (integer too large)");
  L.Shared = *Flags & 0x02;
  L.Is64 = *Flags & 0x04;
  auto ReadBound = [&](uint64_t &Out) -> Error {
    if (L.Is64) {
      auto V = R.readVarU64();
      if (!V)
        return V.takeError();
      Out = *V;
      return Error::success();
    }
    auto V = R.readVarU32();
    if (!V)
      return V.takeError();
    Out = *V;
    return Error::success();
  };
  if (Error E = ReadBound(L.Min))
    return E;
  if (*Flags & 0x01) {
    uint64_t Max;
    if (Error E = ReadBound(Max))
      return E;
    L.Max = Max;
  }
  return Error::success();
}

Error ModuleDecoder::readTableType(ByteReader &R, TableType &T) {
  auto Elem = readRefType(R, F);
  if (!Elem)
    return Elem.takeError();
  T.ElemType = *Elem;
  return readLimits(R, T.Limits, /*IsMemory=*/false);
}

Error ModuleDecoder::readGlobalType(ByteReader &R, GlobalType &G) {
  auto VT = readValType(R, F);
  if (!VT)
    return VT.takeError();
  G.Type = *VT;
  const uint64_t At = R.offset();
  auto Mut = R.readU8();
  if (!Mut)
    return Mut.takeError();
  if (*Mut > 1)
    return makeMalformed(At, "malformed mutability 0x" + utohexstr(*Mut));
  G.Mutable = *Mut == 1;
  return Error::success();
}

Error ModuleDecoder::readTagType(ByteReader &R, TagType &T) {
  const uint64_t At = R.offset();
  auto Attribute = R.readU8();
  if (!Attribute)
    return Attribute.takeError();
  if (*Attribute != 0)
    return makeMalformed(At, "malformed tag attribute 0x" +
                                 utohexstr(*Attribute));
  auto Index = readIndex(R);
  if (!Index)
    return Index.takeError();
  T.TypeIndex = *Index;
  return Error::success();
}

Error ModuleDecoder::decodeImports(ByteReader &R) {
  // Smallest entry: two empty names, kind, one-byte description.
  auto Count = readLimitedCount(R, 4, Limit::Imports);
  if (!Count)
    return Count.takeError();
  M.Imports.reserve(*Count);
  for (uint32_t I = 0; I < *Count; ++I) {
    Import Imp;
    Imp.Offset = R.offset();
    auto ModuleName = R.readName();
    if (!ModuleName)
      return ModuleName.takeError();
    if (Error E = checkLimit(Limit::NameLength, ModuleName->size(), Imp.Offset))
      return E;
    const uint64_t FieldAt = R.offset();
    auto FieldName = R.readName();
    if (!FieldName)
      return FieldName.takeError();
    if (Error E = checkLimit(Limit::NameLength, FieldName->size(), FieldAt))
      return E;
    Imp.Module = std::move(*ModuleName);
    Imp.Name = std::move(*FieldName);
    const uint64_t KindAt = R.offset();
    auto Kind = R.readU8();
    if (!Kind)
      return Kind.takeError();
    switch (*Kind) {
    case 0: {
      Imp.Kind = ExternKind::Func;
      auto Index = readIndex(R);
      if (!Index)
        return Index.takeError();
      Imp.FuncTypeIndex = *Index;
      break;
    }
    case 1:
      Imp.Kind = ExternKind::Table;
      if (Error E = readTableType(R, Imp.Table))
        return E;
      break;
    case 2:
      Imp.Kind = ExternKind::Memory;
      if (Error E = readLimits(R, Imp.Memory.Limits, /*IsMemory=*/true))
        return E;
      break;
    case 3:
      Imp.Kind = ExternKind::Global;
      if (Error E = readGlobalType(R, Imp.Global))
        return E;
      break;
    case 4:
      if (F.has(Feature::Exceptions)) {
        Imp.Kind = ExternKind::Tag;
        if (Error E = readTagType(R, Imp.Tag))
          return E;
        break;
      }
      [[fallthrough]];
    default:
      return makeMalformed(KindAt,
                           "malformed import kind 0x" + utohexstr(*Kind));
    }
    const ExternKind ImportKind = Imp.Kind;
    const uint64_t At = Imp.Offset;
    M.addImport(std::move(Imp));
    if (Error E = checkIndexSpace(ImportKind, M.numImported(ImportKind), At))
      return E;
  }
  return Error::success();
}

Error ModuleDecoder::decodeFunctions(ByteReader &R) {
  SawFunctionSection = true;
  const uint64_t At = R.offset();
  auto Count = R.readCount(1);
  if (!Count)
    return Count.takeError();
  if (Error E = checkIndexSpace(ExternKind::Func,
                                uint64_t(M.numImportedFuncs()) + *Count, At))
    return E;
  M.Functions.resize(*Count);
  for (Function &Fn : M.Functions) {
    auto Index = readIndex(R);
    if (!Index)
      return Index.takeError();
    Fn.TypeIndex = *Index;
  }
  return Error::success();
}

Error ModuleDecoder::decodeTables(ByteReader &R) {
  const uint64_t At = R.offset();
  auto Count = R.readCount(3);
  if (!Count)
    return Count.takeError();
  if (Error E = checkIndexSpace(ExternKind::Table,
                                uint64_t(M.numImportedTables()) + *Count, At))
    return E;
  M.Tables.resize(*Count);
  for (TableType &T : M.Tables)
    if (Error E = readTableType(R, T))
      return E;
  return Error::success();
}

Error ModuleDecoder::decodeMemories(ByteReader &R) {
  const uint64_t At = R.offset();
  auto Count = R.readCount(2);
  if (!Count)
    return Count.takeError();
  if (Error E = checkIndexSpace(ExternKind::Memory,
                                uint64_t(M.numImportedMemories()) + *Count, At))
    return E;
  M.Memories.resize(*Count);
  for (MemoryType &T : M.Memories)
    if (Error E = readLimits(R, T.Limits, /*IsMemory=*/true))
      return E;
  return Error::success();
}

Error ModuleDecoder::decodeTags(ByteReader &R) {
  auto Count = R.readCount(2);
  if (!Count)
    return Count.takeError();
  M.Tags.resize(*Count);
  for (TagType &T : M.Tags)
    if (Error E = readTagType(R, T))
      return E;
  return Error::success();
}

Error ModuleDecoder::readConstExpr(ByteReader &R, ConstExpr &E) {
  E.Offset = R.offset();
  InstructionReader IR(R, F);
  // Structured instructions are not constant, but a malformed/invalid split
  // requires reading them as instructions: track nesting so the `end` that
  // closes the expression is found.
  unsigned Depth = 0;
  while (true) {
    if (IR.atEnd())
      return makeMalformed(IR.offset(),
                           "unexpected end of constant expression");
    Instruction I;
    if (Error Err = IR.read(I))
      return Err;
    I.Targets = {};
    if (I.Op == Opcode::End) {
      if (Depth == 0)
        break;
      --Depth;
    } else if (opensBlock(I.Op)) {
      ++Depth;
    }
    E.Instrs.push_back(I);
  }
  return R.skip(IR.offset() - R.offset());
}

Error ModuleDecoder::decodeGlobals(ByteReader &R) {
  // Smallest entry: type, mutability, end. An empty initialiser is well
  // formed; the validator rejects it for producing no value.
  const uint64_t At = R.offset();
  auto Count = R.readCount(3);
  if (!Count)
    return Count.takeError();
  if (Error E = checkIndexSpace(ExternKind::Global,
                                uint64_t(M.numImportedGlobals()) + *Count, At))
    return E;
  M.Globals.reserve(*Count);
  for (uint32_t I = 0; I < *Count; ++I) {
    Global G;
    G.Offset = R.offset();
    if (Error E = readGlobalType(R, G.Type))
      return E;
    if (Error E = readConstExpr(R, G.Init))
      return E;
    M.Globals.push_back(std::move(G));
  }
  return Error::success();
}

Error ModuleDecoder::decodeExports(ByteReader &R) {
  auto Count = readLimitedCount(R, 3, Limit::Exports);
  if (!Count)
    return Count.takeError();
  M.Exports.reserve(*Count);
  for (uint32_t I = 0; I < *Count; ++I) {
    Export Ex;
    Ex.Offset = R.offset();
    auto Name = R.readName();
    if (!Name)
      return Name.takeError();
    if (Error E = checkLimit(Limit::NameLength, Name->size(), Ex.Offset))
      return E;
    Ex.Name = std::move(*Name);
    const uint64_t KindAt = R.offset();
    auto Kind = R.readU8();
    if (!Kind)
      return Kind.takeError();
    if (*Kind > 4 || (*Kind == 4 && !F.has(Feature::Exceptions)))
      return makeMalformed(KindAt,
                           "malformed export kind 0x" + utohexstr(*Kind));
    Ex.Kind = static_cast<ExternKind>(*Kind);
    auto Index = readIndex(R);
    if (!Index)
      return Index.takeError();
    Ex.Index = *Index;
    M.Exports.push_back(std::move(Ex));
  }
  return Error::success();
}

Error ModuleDecoder::decodeStart(ByteReader &R) {
  M.StartOffset = R.offset();
  auto Index = readIndex(R);
  if (!Index)
    return Index.takeError();
  M.Start = *Index;
  return Error::success();
}

Error ModuleDecoder::decodeElements(ByteReader &R) {
  auto Count = readLimitedCount(R, 3, Limit::ElemSegments);
  if (!Count)
    return Count.takeError();
  M.Elems.reserve(*Count);
  for (uint32_t I = 0; I < *Count; ++I) {
    ElemSegment S;
    S.Offset = R.offset();
    auto Flags = R.readVarU32();
    if (!Flags)
      return Flags.takeError();
    if (*Flags > 7)
      return makeMalformed(S.Offset, "malformed elements segment kind " +
                                         Twine(*Flags));
    // Bit 0: passive or declarative (else active). Bit 1: with bit 0
    // declarative, without it an explicit table index. Bit 2: items are
    // expressions rather than function indices.
    const bool NotActive = *Flags & 1;
    const bool Bit1 = *Flags & 2;
    S.UsesExpressions = *Flags & 4;
    if (NotActive)
      S.Mode = Bit1 ? SegmentMode::Declarative : SegmentMode::Passive;
    if (!NotActive) {
      if (Bit1) {
        auto Table = readIndex(R);
        if (!Table)
          return Table.takeError();
        S.Table = *Table;
      }
      if (Error E = readConstExpr(R, S.OffsetExpr))
        return E;
    }
    // Flags 0 and 4 have neither element kind nor type: funcref.
    if (NotActive || Bit1) {
      if (S.UsesExpressions) {
        auto T = readRefType(R, F);
        if (!T)
          return T.takeError();
        S.ElemType = *T;
      } else {
        const uint64_t KindAt = R.offset();
        auto Kind = R.readU8();
        if (!Kind)
          return Kind.takeError();
        if (*Kind != 0)
          return makeMalformed(KindAt, "malformed element kind 0x" +
                                           utohexstr(*Kind));
        S.ElemType = ValType::FuncRef;
      }
    }
    auto N = readLimitedCount(R, 1, Limit::ElemSegmentItems);
    if (!N)
      return N.takeError();
    S.Items.reserve(*N);
    for (uint32_t K = 0; K < *N; ++K) {
      ConstExpr Item;
      if (S.UsesExpressions) {
        if (Error E = readConstExpr(R, Item))
          return E;
      } else {
        Item.Offset = R.offset();
        auto Func = readIndex(R);
        if (!Func)
          return Func.takeError();
        Instruction RefFunc;
        RefFunc.Op = Opcode::RefFunc;
        RefFunc.Offset = Item.Offset;
        RefFunc.Index = *Func;
        Item.Instrs.push_back(RefFunc);
      }
      S.Items.push_back(std::move(Item));
    }
    M.Elems.push_back(std::move(S));
  }
  return Error::success();
}

Error ModuleDecoder::decodeDataCount(ByteReader &R) {
  const uint64_t At = R.offset();
  auto N = R.readVarU32();
  if (!N)
    return N.takeError();
  if (Error E = checkLimit(Limit::DataSegments, *N, At))
    return E;
  M.DataCount = *N;
  return Error::success();
}

Error ModuleDecoder::readFunctionBody(ByteReader &R, Function &Fn) {
  Fn.EntryOffset = R.offset();
  auto Size = R.readVarU32();
  if (!Size)
    return Size.takeError();
  auto Body = R.readSubReader(*Size);
  if (!Body)
    return Body.takeError();
  if (Error E = checkLimit(Limit::FunctionBodySize, *Size, Fn.EntryOffset))
    return E;
  // Each run is at least two bytes (count, type).
  auto Runs = Body->readCount(2);
  if (!Runs)
    return Runs.takeError();
  Fn.Locals.reserve(*Runs);
  // The parameters count towards the locals limit, when the type is known
  // (an unknown type index is the validator's to report).
  const uint64_t Params =
      Fn.TypeIndex < M.Types.size() ? M.Types[Fn.TypeIndex].Params.size() : 0;
  uint64_t Total = 0;
  // Where the run that went beyond the locals limit starts. The limit is
  // reported only after every run was read, so that a body the spec calls
  // malformed ("too many locals", a broken run) is reported as such.
  std::optional<uint64_t> OverLimitAt;
  for (uint32_t K = 0; K < *Runs; ++K) {
    const uint64_t At = Body->offset();
    auto N = Body->readVarU32();
    if (!N)
      return N.takeError();
    Total += *N;
    // The spec bounds the number of locals by 2^32 - 1; counting them here
    // also stops a body from declaring billions without allocating them.
    if (Total > UINT32_MAX)
      return makeMalformed(At, "too many locals");
    if (!OverLimitAt && Params + Total > limitMax(Limit::FunctionLocals))
      OverLimitAt = At;
    auto T = readValType(*Body, F);
    if (!T)
      return T.takeError();
    if (*N)
      Fn.Locals.push_back({*N, *T});
  }
  // Parameters and locals beyond 2^32-1 together are the validator's
  // malformed "too many locals" (it counts the parameters); leave those to
  // it.
  if (OverLimitAt && Params + Total <= UINT32_MAX)
    return checkLimit(Limit::FunctionLocals, Params + Total, *OverLimitAt);
  Fn.NumLocals = Total;
  Fn.BodyOffset = Body->offset();
  Fn.BodySize = Body->remaining();
  if (Fn.BodySize == 0)
    return makeMalformed(Body->offset(),
                         "unexpected end: function body has no code");
  return Error::success();
}

Error ModuleDecoder::decodeCode(ByteReader &R) {
  SawCodeSection = true;
  const uint64_t At = R.offset();
  auto Count = R.readCount(1);
  if (!Count)
    return Count.takeError();
  if (*Count != M.Functions.size())
    return makeMalformed(At, "function and code section have inconsistent "
                             "lengths: " +
                                 Twine(M.Functions.size()) + " functions, " +
                                 Twine(*Count) + " bodies");
  for (uint32_t I = 0; I < *Count; ++I)
    if (Error E = readFunctionBody(R, M.Functions[I]))
      return withFunction(std::move(E), M.numImportedFuncs() + I);
  return Error::success();
}

Error ModuleDecoder::decodeData(ByteReader &R) {
  SawDataSection = true;
  const uint64_t At = R.offset();
  auto Count = readLimitedCount(R, 2, Limit::DataSegments);
  if (!Count)
    return Count.takeError();
  if (M.DataCount && *M.DataCount != *Count)
    return makeMalformed(At, "data count and data section have inconsistent "
                             "lengths: data count " +
                                 Twine(*M.DataCount) + ", " + Twine(*Count) +
                                 " segments");
  M.Datas.reserve(*Count);
  for (uint32_t I = 0; I < *Count; ++I) {
    DataSegment D;
    D.Offset = R.offset();
    auto Flags = R.readVarU32();
    if (!Flags)
      return Flags.takeError();
    switch (*Flags) {
    case 0:
      break;
    case 1:
      D.Mode = SegmentMode::Passive;
      break;
    case 2: {
      auto Mem = readIndex(R);
      if (!Mem)
        return Mem.takeError();
      D.Memory = *Mem;
      break;
    }
    default:
      return makeMalformed(D.Offset,
                           "malformed data segment kind " + Twine(*Flags));
    }
    if (D.Mode == SegmentMode::Active)
      if (Error E = readConstExpr(R, D.OffsetExpr))
        return E;
    auto Size = R.readVarU32();
    if (!Size)
      return Size.takeError();
    D.DataOffset = R.offset();
    D.DataSize = *Size;
    if (*Size > R.remaining())
      return makeMalformed(D.DataOffset,
                           "unexpected end of section or function: data "
                           "segment of " +
                               Twine(*Size) + " bytes runs past the section");
    if (Error E = R.skip(*Size))
      return E;
    M.Datas.push_back(std::move(D));
  }
  return Error::success();
}

} // namespace

Expected<Module> decodeModule(ArrayRef<uint8_t> Bytes,
                              const Features &EnabledFeatures) {
  // Before the bytes are copied: the offset named is the first byte beyond
  // the limit.
  if (Error E = checkLimit(Limit::ModuleSize, Bytes.size(),
                           limitMax(Limit::ModuleSize)))
    return std::move(E);
  Module M;
  M.EnabledFeatures = EnabledFeatures;
  M.Bytes.assign(Bytes.begin(), Bytes.end());
  ModuleDecoder D(M);
  if (Error E = D.decode())
    return std::move(E);
  return std::move(M);
}

} // namespace wasmaot

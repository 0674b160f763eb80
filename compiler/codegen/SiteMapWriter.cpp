//===- SiteMapWriter.cpp - The site map of a finished object --------------===//
//
// The line table gives, for each address range of code, the debug location
// of the machine instructions there (abi/SiteMap.h): line = an
// instruction's module offset and column FaultSiteColumn where lowering
// marked code that can trap by a fault; line = a function's body offset and
// column 0 for its other code. Line 0 (code whose location LLVM merged or
// dropped; with optimisation also code with no location at all, which
// Emit.cpp gives line 0) maps to nothing. The ranges are
// then cut at the guest functions' symbols.
//
//===----------------------------------------------------------------------===//
#include "codegen/SiteMapWriter.h"

#include "wasm-aot/abi.h"

#include "llvm/DebugInfo/DWARF/DWARFContext.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Metadata.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>

using namespace llvm;

namespace wasmaot {

namespace {

Error internalError(const Twine &What) {
  return createStringError(inconvertibleErrorCode(),
                           "internal compiler error: site map: " + What);
}

/// A range of code and what it is.
struct CodeRange {
  uint64_t Section;
  uint64_t Start, End;
  Site What;
};

/// Where a function's code is.
struct FunctionCode {
  uint64_t Section = 0;
  uint64_t Start = 0;
  uint64_t Size = 0;
};

/// What a line-table row says about its code.
Site siteOfRow(const DWARFDebugLine::Row &Row,
               ArrayRef<SiteFunctionSymbol> Funcs) {
  if (Row.Line == 0)
    return Site::unknown();
  if (Row.Column == FaultSiteColumn)
    return Site::instruction(Row.Line);
  // A function's own location: its body offset (Funcs ascend by it).
  auto It = llvm::partition_point(Funcs, [&](const SiteFunctionSymbol &F) {
    return F.BodyStart < Row.Line;
  });
  if (Row.Column != 0 || It == Funcs.end() || It->BodyStart != Row.Line)
    return Site::unknown();
  return Site::inFunction(It->Defined);
}

Expected<std::vector<CodeRange>>
codeRanges(const object::ObjectFile &Obj, ArrayRef<SiteFunctionSymbol> Funcs) {
  std::vector<CodeRange> Ranges;
  Error Problem = Error::success();
  auto OnError = [&Problem](Error E) {
    if (!Problem)
      Problem = std::move(E);
    else
      consumeError(std::move(E));
  };
  std::unique_ptr<DWARFContext> DCtx = DWARFContext::create(
      Obj, DWARFContext::ProcessDebugRelocations::Process, nullptr, "",
      OnError, OnError);
  // The line table has no compile unit to point at it (the module's debug
  // information emits directives only, SiteDebugInfo.cpp): read every table
  // in the section.
  const DWARFObject &DObj = DCtx->getDWARFObj();
  DWARFDataExtractor Data(DObj, DObj.getLineSection(), DObj.isLittleEndian(),
                          Obj.getBytesInAddress());
  DWARFDebugLine::SectionParser Parser(Data, *DCtx, DCtx->normal_units());
  while (!Parser.done()) {
    DWARFDebugLine::LineTable LT = Parser.parseNext(OnError, OnError);
    for (const DWARFDebugLine::Sequence &Seq : LT.Sequences) {
      for (uint64_t I = Seq.FirstRowIndex; I + 1 < Seq.LastRowIndex; ++I) {
        const DWARFDebugLine::Row &Row = LT.Rows[I];
        const DWARFDebugLine::Row &Next = LT.Rows[I + 1];
        if (Next.Address.Address <= Row.Address.Address)
          continue;
        Ranges.push_back({Seq.SectionIndex, Row.Address.Address,
                          Next.Address.Address, siteOfRow(Row, Funcs)});
      }
    }
  }
  if (Problem)
    return std::move(Problem);
  llvm::sort(Ranges, [](const CodeRange &A, const CodeRange &B) {
    return std::tie(A.Section, A.Start) < std::tie(B.Section, B.Start);
  });
  return Ranges;
}

Expected<StringMap<FunctionCode>>
functionSymbols(const object::ObjectFile &Obj) {
  StringMap<FunctionCode> Symbols;
  for (const object::SymbolRef &Sym : Obj.symbols()) {
    Expected<object::SymbolRef::Type> Type = Sym.getType();
    if (!Type)
      return Type.takeError();
    if (*Type != object::SymbolRef::ST_Function)
      continue;
    Expected<StringRef> Name = Sym.getName();
    if (!Name)
      return Name.takeError();
    Expected<object::section_iterator> Section = Sym.getSection();
    if (!Section)
      return Section.takeError();
    if (*Section == Obj.section_end())
      continue;
    FunctionCode &Code = Symbols[*Name];
    Code.Section = (*Section)->getIndex();
    Code.Start = Sym.getValue().get();
    Code.Size = object::ELFSymbolRef(Sym).getSize();
  }
  return Symbols;
}

/// The rows of defined function Defined: the ranges overlapping its code,
/// relative to its start, neighbours with the same site merged. Code of
/// the function itself is Site::unknown(): the runtime knows which
/// function contains a PC.
SiteMapFunction functionRows(ArrayRef<CodeRange> Ranges,
                             const FunctionCode &Code, uint32_t Defined,
                             uint32_t BodyStart) {
  SiteMapFunction F;
  F.BodyStart = BodyStart;
  F.CodeSize = static_cast<uint32_t>(Code.Size);
  const uint64_t End = Code.Start + Code.Size;
  auto It = llvm::partition_point(Ranges, [&](const CodeRange &R) {
    return std::tie(R.Section, R.Start) <= std::tie(Code.Section, Code.Start);
  });
  if (It != Ranges.begin() && std::prev(It)->Section == Code.Section &&
      std::prev(It)->End > Code.Start)
    --It; // the range the function starts in
  uint64_t Covered = Code.Start;
  auto add = [&F](uint64_t Offset, Site S) {
    // Code before the first row is unknown already.
    Site Prev = F.Rows.empty() ? Site::unknown() : F.Rows.back().second;
    if (Prev == S)
      return;
    if (!F.Rows.empty() && F.Rows.back().first == Offset) {
      F.Rows.back().second = S; // an empty range: the later one wins
      return;
    }
    F.Rows.push_back({static_cast<uint32_t>(Offset), S});
  };
  for (; It != Ranges.end() && It->Section == Code.Section && It->Start < End;
       ++It) {
    if (It->End <= Code.Start)
      continue;
    const uint64_t From = std::max(It->Start, Code.Start);
    if (From > Covered) // a gap in the line table: nothing known
      add(Covered - Code.Start, Site::unknown());
    Site S = It->What;
    if (S.K == Site::InFunction && S.Value == Defined)
      S = Site::unknown();
    add(From - Code.Start, S);
    Covered = std::max(Covered, std::min(It->End, End));
  }
  if (Covered < End)
    add(Covered - Code.Start, Site::unknown());
  return F;
}

} // namespace

std::vector<SiteFunctionSymbol> siteFunctionSymbols(const llvm::Module &M) {
  std::vector<SiteFunctionSymbol> Funcs;
  const NamedMDNode *List = M.getNamedMetadata(SiteFunctionsMetadata);
  if (!List)
    return Funcs;
  for (const MDNode *Entry : List->operands()) {
    SiteFunctionSymbol F;
    if (auto *V = dyn_cast<ValueAsMetadata>(Entry->getOperand(0)))
      F.Symbol = V->getValue()->getName().str();
    if (auto *C = mdconst::dyn_extract<ConstantInt>(Entry->getOperand(1)))
      F.BodyStart = static_cast<uint32_t>(C->getZExtValue());
    if (auto *C = mdconst::dyn_extract<ConstantInt>(Entry->getOperand(2)))
      F.Defined = static_cast<uint32_t>(C->getZExtValue());
    Funcs.push_back(std::move(F));
  }
  return Funcs;
}

Expected<std::vector<SiteMapFunction>>
buildSiteMap(StringRef Object, ArrayRef<SiteFunctionSymbol> Funcs) {
  Expected<std::unique_ptr<object::ObjectFile>> Obj =
      object::ObjectFile::createObjectFile(MemoryBufferRef(Object, "object"));
  if (!Obj)
    return Obj.takeError();
  Expected<std::vector<CodeRange>> Ranges = codeRanges(**Obj, Funcs);
  if (!Ranges)
    return Ranges.takeError();
  Expected<StringMap<FunctionCode>> Symbols = functionSymbols(**Obj);
  if (!Symbols)
    return Symbols.takeError();

  std::vector<SiteMapFunction> Map;
  Map.reserve(Funcs.size());
  for (size_t I = 0; I < Funcs.size(); ++I) {
    auto It = Symbols->find(Funcs[I].Symbol);
    if (It == Symbols->end())
      return internalError("no symbol for function '" + Funcs[I].Symbol +
                           "'");
    Map.push_back(functionRows(*Ranges, It->second, Funcs[I].Defined,
                               Funcs[I].BodyStart));
  }
  return Map;
}

/// Gives section Name of relocatable ELF object Obj the contents Data:
/// appended to the file, the section header pointed at them. Whatever
/// refers to the section (its symbol, the descriptor's relocation against
/// it) stays valid, since the section keeps its index. (llvm-objcopy's
/// --update-section replaces the section object and leaves references to
/// the old one dangling in LLVM 19.)
static Error replaceSectionContents(SmallVectorImpl<char> &Obj, StringRef Name,
                             ArrayRef<uint8_t> Data) {
  Expected<object::ELF64LEFile> File =
      object::ELF64LEFile::create(StringRef(Obj.data(), Obj.size()));
  if (!File)
    return File.takeError();
  Expected<object::ELF64LEFile::Elf_Shdr_Range> Sections = File->sections();
  if (!Sections)
    return Sections.takeError();
  std::optional<size_t> Index;
  uint64_t Align = 1;
  for (size_t I = 0; I < Sections->size(); ++I) {
    Expected<StringRef> SecName = File->getSectionName((*Sections)[I]);
    if (!SecName)
      return SecName.takeError();
    if (*SecName == Name) {
      Index = I;
      Align = std::max<uint64_t>((*Sections)[I].sh_addralign, 1);
      break;
    }
  }
  if (!Index)
    return internalError("the object has no section " + Name);
  const uint64_t Header =
      File->getHeader().e_shoff + *Index * File->getHeader().e_shentsize;
  const uint64_t Offset = alignTo(Obj.size(), Align);
  Obj.resize(Offset, 0);
  Obj.append(Data.begin(), Data.end());
  using Shdr = object::ELF64LEFile::Elf_Shdr;
  support::endian::write64le(Obj.data() + Header + offsetof(Shdr, sh_offset),
                             Offset);
  support::endian::write64le(Obj.data() + Header + offsetof(Shdr, sh_size),
                             Data.size());
  return Error::success();
}

Error replaceSiteMap(SmallVectorImpl<char> &Object,
                     ArrayRef<SiteMapFunction> Map) {
  return replaceSectionContents(Object, WA_SITE_MAP_SECTION,
                                encodeSiteMap(Map));
}

} // namespace wasmaot

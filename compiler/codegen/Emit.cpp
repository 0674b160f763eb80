//===- Emit.cpp - Writing the result --------------------------------------===//
#include "codegen/CodeGen.h"
#include "codegen/SiteMapWriter.h"

#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/Support/CommandLine.h"

using namespace llvm;

namespace wasmaot {

/// The site map (abi/SiteMap.h) reads the line table, where code without a
/// debug location normally continues the row of whatever precedes it: a
/// load an optimisation moved (which drops its location) would be reported
/// as the instruction before it. Told to, the code generator marks such
/// code as line 0 instead. Without optimisation every instruction keeps the
/// location lowering gave it, and the extra rows would only cost time
/// (about 15% of an -O0 build).
static void markCodeWithoutLocation(bool Mark) {
  StringMap<cl::Option *> &Options = cl::getRegisteredOptions();
  auto It = Options.find("use-unknown-locations");
  if (It != Options.end())
    It->second->addOccurrence(0, "use-unknown-locations",
                              Mark ? "Enable" : "Default");
}

Error emitModule(Module &M, TargetMachine &TM, OutputKind Kind,
                 raw_pwrite_stream &OS) {
  switch (Kind) {
  case OutputKind::LLVMText:
    M.print(OS, nullptr);
    return Error::success();
  case OutputKind::Bitcode:
    WriteBitcodeToFile(M, OS);
    return Error::success();
  case OutputKind::Object:
  case OutputKind::Assembly:
    break;
  }
  // An object of a lowered module gets its site map (abi/SiteMap.h) from
  // the line table, so it is written to memory first. Assembly keeps the
  // debug directives and the empty map.
  std::vector<SiteFunctionSymbol> SiteFuncs;
  if (Kind == OutputKind::Object)
    SiteFuncs = siteFunctionSymbols(M);
  SmallVector<char, 0> Buffer;
  raw_svector_ostream BufferOS(Buffer);
  raw_pwrite_stream &CodeOS = SiteFuncs.empty() ? OS : BufferOS;

  if (!SiteFuncs.empty())
    markCodeWithoutLocation(TM.getOptLevel() != CodeGenOptLevel::None);

  // Code generation still runs on the legacy pass manager in LLVM 19.
  legacy::PassManager PM;
  CodeGenFileType FT = Kind == OutputKind::Object
                           ? CodeGenFileType::ObjectFile
                           : CodeGenFileType::AssemblyFile;
  if (TM.addPassesToEmitFile(PM, CodeOS, nullptr, FT))
    return createStringError(inconvertibleErrorCode(),
                             "target '" + TM.getTargetTriple().str() +
                                 "' cannot emit this kind of file");
  PM.run(M);
  if (SiteFuncs.empty())
    return Error::success();

  Expected<SmallVector<char, 0>> Final =
      writeSiteMap(StringRef(Buffer.data(), Buffer.size()), SiteFuncs);
  if (!Final)
    return Final.takeError();
  OS.write(Final->data(), Final->size());
  return Error::success();
}

} // namespace wasmaot

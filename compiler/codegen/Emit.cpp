//===- Emit.cpp - Writing the result --------------------------------------===//
#include "codegen/CodeGen.h"
#include "codegen/SiteMapWriter.h"

#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/InstIterator.h"

using namespace llvm;

namespace wasmaot {

/// The site map (abi/SiteMap.h) reads the line table, where code without a
/// debug location continues the row of whatever precedes it: a load an
/// optimisation moved (which drops its location) would be reported as the
/// instruction before it. So every instruction of a function with a
/// subprogram that has no location gets line 0, which maps to nothing.
/// (LLVM's -use-unknown-locations does the same in the code generator, but
/// it is a process-wide option, and a compile must not change those.)
/// Without optimisation every instruction keeps the location lowering gave
/// it, and the walk is skipped.
static void markCodeWithoutLocation(Module &M) {
  for (Function &F : M) {
    DISubprogram *SP = F.getSubprogram();
    if (!SP)
      continue;
    DebugLoc Unknown = DILocation::get(M.getContext(), 0, 0, SP);
    for (Instruction &I : instructions(F))
      if (!I.getDebugLoc())
        I.setDebugLoc(Unknown);
  }
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

  if (!SiteFuncs.empty() && TM.getOptLevel() != CodeGenOptLevel::None)
    markCodeWithoutLocation(M);

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

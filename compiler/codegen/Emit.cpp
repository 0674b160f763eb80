//===- Emit.cpp - Writing the result --------------------------------------===//
#include "codegen/CodeGen.h"

#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LegacyPassManager.h"

using namespace llvm;

namespace wasmaot {

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
  // Code generation still runs on the legacy pass manager in LLVM 19.
  legacy::PassManager PM;
  CodeGenFileType FT = Kind == OutputKind::Object
                           ? CodeGenFileType::ObjectFile
                           : CodeGenFileType::AssemblyFile;
  if (TM.addPassesToEmitFile(PM, OS, nullptr, FT))
    return createStringError(inconvertibleErrorCode(),
                             "target '" + TM.getTargetTriple().str() +
                                 "' cannot emit this kind of file");
  PM.run(M);
  return Error::success();
}

} // namespace wasmaot

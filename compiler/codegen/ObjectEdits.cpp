//===- ObjectEdits.cpp - Rewriting a finished ELF object ------------------===//
#include "codegen/ObjectEdits.h"

#include "llvm/ObjCopy/ConfigManager.h"
#include "llvm/ObjCopy/ObjCopy.h"
#include "llvm/Object/Binary.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;

namespace wasmaot {

namespace {

/// Object rewritten by objcopy as Config (its input and output names set
/// here) says.
Expected<SmallVector<char, 0>> runObjcopy(StringRef Object,
                                          objcopy::ConfigManager &Config) {
  Config.Common.InputFilename = "object";
  Config.Common.OutputFilename = "object";
  Expected<std::unique_ptr<object::Binary>> Bin =
      object::createBinary(MemoryBufferRef(Object, "object"));
  if (!Bin)
    return Bin.takeError();
  SmallVector<char, 0> Out;
  raw_svector_ostream OS(Out);
  if (Error E = objcopy::executeObjcopyOnBinary(Config, **Bin, OS))
    return std::move(E);
  return Out;
}

} // namespace

Expected<SmallVector<char, 0>> stripDebugSections(StringRef Object) {
  objcopy::ConfigManager Config;
  Config.Common.StripDebug = true;
  return runObjcopy(Object, Config);
}

Expected<SmallVector<char, 0>> localizeHiddenSymbols(StringRef Object) {
  objcopy::ConfigManager Config;
  Config.ELF.LocalizeHidden = true;
  return runObjcopy(Object, Config);
}

} // namespace wasmaot

//===- Emit.cpp - Writing the result --------------------------------------===//
#include "codegen/CodeGen.h"
#include "codegen/FrameProbes.h"
#include "codegen/ObjectEdits.h"
#include "codegen/SiteMapWriter.h"

#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/CodeGen/MachineFunctionPass.h"
#include "llvm/CodeGen/MachineModuleInfo.h"
#include "llvm/CodeGen/Passes.h"
#include "llvm/CodeGen/TargetPassConfig.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/Target/TargetMachine.h"

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

/// Adds LLVM's code generator for TM to PM, writing Kind to OS: what
/// TargetMachine::addPassesToEmitFile adds, less the passes that track
/// source variables. The only debug information here is the site map's
/// line table (SiteDebugInfo.cpp), which has no variables, yet LLVM runs
/// its variable-location analysis on every function with a subprogram:
/// about a tenth of an unoptimised compile.
/// ProbeFailure is where the frame probe pass (FrameProbes.h), on targets
/// that need it, says why it could not probe a function.
static Error addCodeGenPasses(legacy::PassManager &PM, TargetMachine &TM,
                              CodeGenFileType Kind, raw_pwrite_stream &OS,
                              std::string &ProbeFailure) {
  auto Fail = [&TM] {
    return createStringError(inconvertibleErrorCode(),
                             "target '" + TM.getTargetTriple().str() +
                                 "' cannot emit this kind of file");
  };
  auto &LTM = static_cast<LLVMTargetMachine &>(TM);
  auto *MMIWP = new MachineModuleInfoWrapperPass(&LTM);
  TargetPassConfig *Config = LTM.createPassConfig(PM);
  // The lowering's IR is verified; the machine verifier is LLVM's own
  // debugging aid (addPassesToEmitFile leaves it out too).
  Config->setDisableVerify(true);
  Config->disablePass(&LiveDebugValuesID);
  Config->disablePass(&RemoveRedundantDebugValuesID);
  PM.add(Config);
  PM.add(MMIWP);
  if (Config->addISelPasses())
    return Fail();
  Config->addMachinePasses();
  // After every machine pass, so no scheduler moves a store above a probe.
  if (needsOwnFrameProbes(TM.getTargetTriple()))
    PM.add(createFrameProbePass(ProbeFailure));
  Config->setInitialized();
  if (LTM.addAsmPrinter(PM, OS, /*DwoOut=*/nullptr, Kind,
                        MMIWP->getMMI().getContext()))
    return Fail();
  PM.add(createFreeMachineFunctionPass());
  return Error::success();
}

/// Runs the code generator on M, writing Kind (object or assembly) to OS.
static Error runCodeGen(Module &M, TargetMachine &TM, CodeGenFileType Kind,
                        raw_pwrite_stream &OS) {
  // Code generation still runs on the legacy pass manager in LLVM 19.
  legacy::PassManager PM;
  std::string ProbeFailure;
  if (Error E = addCodeGenPasses(PM, TM, Kind, OS, ProbeFailure))
    return E;
  PM.run(M);
  if (!ProbeFailure.empty())
    return createStringError(inconvertibleErrorCode(), ProbeFailure);
  return Error::success();
}

Expected<EmittedObject> emitObject(Module &M, TargetMachine &TM) {
  EmittedObject Result;
  std::vector<SiteFunctionSymbol> SiteFuncs = siteFunctionSymbols(M);
  if (!SiteFuncs.empty() && TM.getOptLevel() != CodeGenOptLevel::None)
    markCodeWithoutLocation(M);
  SmallVector<char, 0> Code;
  raw_svector_ostream CodeOS(Code);
  if (Error E = runCodeGen(M, TM, CodeGenFileType::ObjectFile, CodeOS))
    return std::move(E);
  if (SiteFuncs.empty()) {
    Result.Bytes = std::move(Code);
    return std::move(Result);
  }
  // The object's site map comes from its line table; the debug sections
  // only carried it.
  StringRef Object(Code.data(), Code.size());
  Expected<std::vector<SiteMapFunction>> Sites =
      buildSiteMap(Object, SiteFuncs);
  if (!Sites)
    return Sites.takeError();
  Expected<SmallVector<char, 0>> Stripped = stripDebugSections(Object);
  if (!Stripped)
    return Stripped.takeError();
  Result.Bytes = std::move(*Stripped);
  Result.Sites = std::move(*Sites);
  Result.HasSites = true;
  return std::move(Result);
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
  case OutputKind::Assembly:
    // Assembly keeps the debug directives and the empty map.
    return runCodeGen(M, TM, CodeGenFileType::AssemblyFile, OS);
  case OutputKind::Object:
    break;
  }
  Expected<EmittedObject> Obj = emitObject(M, TM);
  if (!Obj)
    return Obj.takeError();
  // A whole module holds the map's placeholder as well as its functions.
  if (Obj->HasSites)
    if (Error E = replaceSiteMap(Obj->Bytes, Obj->Sites))
      return E;
  OS.write(Obj->Bytes.data(), Obj->Bytes.size());
  return Error::success();
}

} // namespace wasmaot

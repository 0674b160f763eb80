//===- SiteDebugInfo.cpp - Module offsets as debug locations --------------===//
//
// The lowering half of the site map (abi/SiteMap.h): a compile unit that
// emits line directives only (no .debug_info: the map needs nothing but
// the line table, and building the rest cost time and memory), a
// DISubprogram per defined function, the debug location of each
// instruction's code, and the list of functions the code generator's half
// reads back.
//
// Only modules in guard mode need it: with explicit checks nothing faults,
// and every trap knows its site from the code (wa_trap_at, and the site
// arguments of bulk operations). Only code that can fault, a guest memory
// access, gets its own location, line = the instruction's module offset,
// column FaultSiteColumn. All other code of a function shares one location,
// line = the function's
// body offset, column 0: it says which function the code belongs to, also
// after inlining, without costing a location per instruction on large
// modules. A location LLVM merges or drops becomes line 0, which maps to
// nothing, so the map never names an instruction the code did not come
// from.
//
//===----------------------------------------------------------------------===//
#include "lower/ModuleParts.h"

#include "abi/SiteMap.h"
#include "lower/LowerMemory.h"

#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DIBuilder.h"
#include "llvm/IR/DebugInfoMetadata.h"

using namespace llvm;

namespace wasmaot {

void createSiteDebugInfo(const ModuleContext &MC) {
  llvm::Module &M = MC.M;
  LLVMContext &Ctx = M.getContext();
  M.addModuleFlag(llvm::Module::Warning, "Dwarf Version", 4);
  M.addModuleFlag(llvm::Module::Warning, "Debug Info Version",
                  DEBUG_METADATA_VERSION);

  DIBuilder DIB(M);
  DIFile *File = DIB.createFile(M.getName().str() + ".wasm", "");
  DIB.createCompileUnit(dwarf::DW_LANG_C, File, "wasm-aot",
                        /*isOptimized=*/true, /*Flags=*/"", /*RV=*/0,
                        /*SplitName=*/"", DICompileUnit::DebugDirectivesOnly);
  DISubroutineType *Type =
      DIB.createSubroutineType(DIB.getOrCreateTypeArray({}));

  NamedMDNode *List = M.getOrInsertNamedMetadata(SiteFunctionsMetadata);
  llvm::Type *I32 = llvm::Type::getInt32Ty(Ctx);
  for (uint32_t I = MC.Scope.FirstBody; I < MC.Scope.EndBody; ++I) {
    llvm::Function *F = MC.definedByIndex(I);
    const uint32_t BodyStart =
        static_cast<uint32_t>(MC.Wasm.Functions[I].BodyOffset);
    DISubprogram *SP = DIB.createFunction(
        File, F->getName(), /*LinkageName=*/"", File, /*LineNo=*/BodyStart,
        Type, /*ScopeLine=*/BodyStart, DINode::FlagZero,
        DISubprogram::SPFlagDefinition | DISubprogram::SPFlagOptimized);
    F->setSubprogram(SP);
    List->addOperand(MDNode::get(
        Ctx, {ValueAsMetadata::get(F),
              ConstantAsMetadata::get(ConstantInt::get(I32, BodyStart)),
              ConstantAsMetadata::get(ConstantInt::get(I32, I))}));
  }
  DIB.finalize();
}

bool isFaultSite(Opcode Op, BoundsChecks Bounds) {
  // With explicit checks an access cannot fault: its check traps first,
  // and knows its site, as do the bulk operations (their calls pass it).
  return Bounds == BoundsChecks::Guard && isMemoryAccess(Op);
}

DebugLoc siteLocation(const llvm::Function &F, uint32_t Offset, Opcode Op,
                      BoundsChecks Bounds) {
  DISubprogram *SP = F.getSubprogram();
  if (!SP)
    return DebugLoc();
  if (!isFaultSite(Op, Bounds))
    return DILocation::get(F.getContext(), SP->getLine(), 0, SP);
  return DILocation::get(F.getContext(), Offset, FaultSiteColumn, SP);
}

} // namespace wasmaot

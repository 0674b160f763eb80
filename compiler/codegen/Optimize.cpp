//===- Optimize.cpp - The optimisation pipeline ---------------------------===//
#include "codegen/CodeGen.h"

#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/StandardInstrumentations.h"
#include "llvm/Support/CommandLine.h"

using namespace llvm;

namespace wasmaot {

/// The SLP vectoriser widens a tree when LLVM's cost model says it saves
/// anything (a cost below 0). Trees that save 1 pair two loop-carried
/// recurrences into one vector (PolyBench's adi: the tridiagonal sweep's
/// p and q), which puts shuffles into the chain each iteration waits on:
/// 1.16x native with them, 1.00x without, while the widenings SLP is on
/// for (memcpy's fast copy, unrolled maps) save far more. So a tree must
/// save at least 2 (bench/README.md, session 13). LLVM offers this only as
/// the process-wide option -slp-threshold, set once here unless the user
/// set it (--llvm-arg=-slp-threshold=N).
static void requireSLPSavings() {
  static const bool Done = [] {
    auto &Options = cl::getRegisteredOptions();
    auto It = Options.find("slp-threshold");
    // Through the option's own parser, as if given on a command line.
    if (It != Options.end() && It->second->getNumOccurrences() == 0)
      (void)It->second->addOccurrence(0, "slp-threshold", "2");
    return true;
  }();
  (void)Done;
}

void optimizeModule(Module &M, TargetMachine &TM, OptLevel Level,
                    const PipelineExtensions &Extensions) {
  LoopAnalysisManager LAM;
  FunctionAnalysisManager FAM;
  CGSCCAnalysisManager CGAM;
  ModuleAnalysisManager MAM;
  // The standard instrumentation is what makes passes skip functions marked
  // optnone (the lowering marks the ones too costly to optimise,
  // FunctionLowering.cpp); without it every pass runs on them.
  PassInstrumentationCallbacks PIC;
  StandardInstrumentations SI(M.getContext(), /*DebugLogging=*/false);
  SI.registerCallbacks(PIC, &MAM);
  // The target machine gives the pipeline target-aware cost models
  // (inlining, vectorisation, unrolling). LLVM leaves the SLP vectoriser
  // off unless asked; clang asks from -O2 on, and so do we: it is what
  // widens straight-line runs of adjacent accesses, such as the fast copy
  // of libc's memcpy word loop (four i64 moves into two of 16 bytes).
  PipelineTuningOptions Tuning;
  Tuning.SLPVectorization = Level == OptLevel::O2 || Level == OptLevel::O3;
  if (Tuning.SLPVectorization)
    requireSLPSavings();
  PassBuilder PB(&TM, Tuning, std::nullopt, &PIC);
  PB.registerModuleAnalyses(MAM);
  PB.registerCGSCCAnalyses(CGAM);
  PB.registerFunctionAnalyses(FAM);
  PB.registerLoopAnalyses(LAM);
  PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
  if (Extensions.VectorizerStart)
    PB.registerVectorizerStartEPCallback(
        [&](FunctionPassManager &FPM, OptimizationLevel) {
          Extensions.VectorizerStart(FPM);
        });

  ModulePassManager MPM;
  switch (Level) {
  case OptLevel::O0:
    MPM = PB.buildO0DefaultPipeline(OptimizationLevel::O0);
    break;
  case OptLevel::O1:
    MPM = PB.buildPerModuleDefaultPipeline(OptimizationLevel::O1);
    break;
  case OptLevel::O2:
    MPM = PB.buildPerModuleDefaultPipeline(OptimizationLevel::O2);
    break;
  case OptLevel::O3:
    MPM = PB.buildPerModuleDefaultPipeline(OptimizationLevel::O3);
    break;
  }
  MPM.run(M, MAM);
}

} // namespace wasmaot

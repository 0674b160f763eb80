//===- OptimizeForTest.h - LLVM's -O2 pipeline for lowering unit tests ----===//
//
// The lowering tests run each case twice, as lowered and after LLVM's
// default -O2 module pipeline, since folds are where wasm's exact semantics
// (NaN bits, traps) are most easily lost. One copy of the pipeline set-up
// for every such test.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_UNIT_OPTIMIZEFORTEST_H
#define WASMAOT_TEST_UNIT_OPTIMIZEFORTEST_H

#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"

namespace wasmaot::test {

/// Runs LLVM's default -O2 module pipeline over M.
inline void optimizeO2(llvm::Module &M) {
  llvm::LoopAnalysisManager LAM;
  llvm::FunctionAnalysisManager FAM;
  llvm::CGSCCAnalysisManager CGAM;
  llvm::ModuleAnalysisManager MAM;
  llvm::PassBuilder PB;
  PB.registerModuleAnalyses(MAM);
  PB.registerCGSCCAnalyses(CGAM);
  PB.registerFunctionAnalyses(FAM);
  PB.registerLoopAnalyses(LAM);
  PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
  PB.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2).run(M, MAM);
}

} // namespace wasmaot::test

#endif

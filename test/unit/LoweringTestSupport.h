//===- LoweringTestSupport.h - What the lowering unit tests share -*- C++ -*-===//
//
// The lowering tests build LLVM modules from lowered wasm, run each case
// as lowered and after LLVM's default -O2 module pipeline (folds are where
// wasm's exact semantics, NaN bits and traps, are most easily lost), and
// run the code in a JIT on the host. One copy of each piece of that set-up.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_UNIT_LOWERINGTESTSUPPORT_H
#define WASMAOT_TEST_UNIT_LOWERINGTESTSUPPORT_H

#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <memory>
#include <string>

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

/// A JIT for the host, its native target initialised.
inline std::unique_ptr<llvm::orc::LLJIT> createHostJit() {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  return llvm::cantFail(llvm::orc::LLJITBuilder().create());
}

/// An empty module in Ctx with J's triple and data layout.
inline std::unique_ptr<llvm::Module> createJitModule(llvm::StringRef Name,
                                                     llvm::LLVMContext &Ctx,
                                                     const llvm::orc::LLJIT &J) {
  auto M = std::make_unique<llvm::Module>(Name, Ctx);
  M->setTargetTriple(J.getTargetTriple().str());
  M->setDataLayout(J.getDataLayout());
  return M;
}

/// Success when LLVM's verifier accepts M; else its report.
inline ::testing::AssertionResult verifies(const llvm::Module &M) {
  std::string Errors;
  llvm::raw_string_ostream OS(Errors);
  if (llvm::verifyModule(M, &OS))
    return ::testing::AssertionFailure() << OS.str();
  return ::testing::AssertionSuccess();
}

} // namespace wasmaot::test

#endif

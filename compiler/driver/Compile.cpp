//===- Compile.cpp - A wasm binary to native code, start to finish --------===//
#include "driver/Compile.h"

#include "decode/ModuleDecoder.h"
#include "lower/GuardedAccess.h"
#include "lower/InBoundsLoops.h"
#include "lower/ModuleLowering.h"
#include "validate/Validator.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Verifier.h"

using namespace llvm;

namespace wasmaot {

Error verifyLowered(const llvm::Module &M) {
  // One walk over the module when it is valid, which is always but for a
  // bug: verifying each function and then the module checked every body
  // twice, a sixth of an unoptimised compile. Only a failure pays for the
  // walk that says which function is wrong.
  if (!verifyModule(M))
    return Error::success();
  for (const llvm::Function &F : M) {
    std::string Message;
    raw_string_ostream OS(Message);
    if (verifyFunction(F, &OS))
      return createStringError(inconvertibleErrorCode(),
                               "internal compiler error: invalid LLVM IR in "
                               "function '" +
                                   F.getName().str() + "': " + Message);
  }
  std::string Message;
  raw_string_ostream OS(Message);
  verifyModule(M, &OS);
  return createStringError(inconvertibleErrorCode(),
                           "internal compiler error: invalid LLVM IR: " +
                               Message);
}

Expected<std::unique_ptr<llvm::Module>>
lowerForCodeGen(const Module &Wasm, const CompileOptions &Opts,
                TargetMachine &TM, LLVMContext &Ctx,
                const LoweringScope &Scope) {
  Expected<std::unique_ptr<llvm::Module>> M =
      lowerModule(Wasm, Ctx, Opts.Lower, TM.getTargetTriple(),
                  TM.createDataLayout(), Scope);
  if (!M)
    return M.takeError();
  if (Error E = verifyLowered(**M))
    return std::move(E);
  Expected<InstanceLayout> Layout =
      InstanceLayout::forPointerSize((*M)->getDataLayout().getPointerSize());
  if (!Layout)
    return Layout.takeError();
  PipelineExtensions Extensions;
  // Loops whose accesses provably stay in bounds get a copy without
  // faulting accesses or checks, which the vectoriser can work on
  // (InBoundsLoops.h).
  Extensions.VectorizerStart = [&](FunctionPassManager &FPM) {
    FPM.addPass(InBoundsLoopVersioningPass(*Layout));
  };
  optimizeModule(**M, TM, Opts.Target.Opt, Extensions);
  // Every output, LLVM IR included, shows the accesses the code generator
  // gets: guarded ones are ordinary (volatile) accesses from here on.
  lowerGuardedAccesses(**M);
  return M;
}

Error compileModule(const Module &Wasm, const CompileOptions &Opts,
                    raw_pwrite_stream &OS) {
  if (Error E = validateModule(Wasm))
    return E;
  if (Opts.Output == OutputKind::Object) {
    std::vector<FunctionRange> Plan = planPartitions(Wasm, Opts.Partition);
    if (Plan.size() > 1 || (Plan.size() == 1 && Plan.front().Unoptimised))
      return compilePartitioned(Wasm, Opts, Plan, OS);
  }
  Expected<std::unique_ptr<TargetMachine>> TM =
      createTargetMachine(Opts.Target);
  if (!TM)
    return TM.takeError();
  const uint64_t NumFuncs = Wasm.Functions.size();
  if (Opts.Progress)
    Opts.Progress(0, NumFuncs);
  LLVMContext Ctx;
  Expected<std::unique_ptr<llvm::Module>> M = lowerForCodeGen(
      Wasm, Opts, **TM, Ctx, LoweringScope::whole(Wasm));
  if (!M)
    return M.takeError();
  if (Error E = emitModule(**M, **TM, Opts.Output, OS))
    return E;
  if (Opts.Progress)
    Opts.Progress(NumFuncs, NumFuncs);
  return Error::success();
}

Error compileModule(ArrayRef<uint8_t> Bytes, const CompileOptions &Opts,
                    raw_pwrite_stream &OS) {
  Expected<Module> Wasm = decodeModule(Bytes, Opts.EnabledFeatures);
  if (!Wasm)
    return Wasm.takeError();
  return compileModule(*Wasm, Opts, OS);
}

} // namespace wasmaot

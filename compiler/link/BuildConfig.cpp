//===- BuildConfig.cpp - The build's grants as an object file -------------===//
//
// `wasm_aot_build_config` (include/wasm-aot/build_config.h) is emitted as
// LLVM IR constants and compiled by the same code generator as the module:
// one path for every target, no C compiler needed. The IR struct types
// below spell the C layout field by field (all LP64, no implicit padding);
// the header's static assertions pin the same offsets on the C side.
//
//===----------------------------------------------------------------------===//
#include "link/Link.h"

#include "wasm-aot/build_config.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace wasmaot {

namespace {

class ConfigBuilder {
public:
  explicit ConfigBuilder(llvm::Module &M)
      : M(M), Ctx(M.getContext()), I32(Type::getInt32Ty(Ctx)),
        I64(Type::getInt64Ty(Ctx)), Ptr(PointerType::getUnqual(Ctx)) {
    DirTy = StructType::create(Ctx, {Ptr, Ptr, I32, I32}, "wa_build_dir");
    ConfigTy = StructType::create(
        Ctx, {I32, I32, Ptr, I32, I32, Ptr, Ptr, I32, I32, Ptr, I64, I64, I64,
              I64, Ptr, I32, I32},
        "wa_build_config");
  }

  Constant *string(StringRef S) {
    auto *Init = ConstantDataArray::getString(Ctx, S);
    auto *G = new GlobalVariable(M, Init->getType(), true,
                                 GlobalValue::PrivateLinkage, Init, "str");
    G->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    return G;
  }

  Constant *array(Type *Ty, ArrayRef<Constant *> Elems, const Twine &Name) {
    if (Elems.empty())
      return ConstantPointerNull::get(Ptr);
    auto *Init = ConstantArray::get(ArrayType::get(Ty, Elems.size()), Elems);
    return new GlobalVariable(M, Init->getType(), true,
                              GlobalValue::PrivateLinkage, Init, Name);
  }

  Constant *strings(ArrayRef<std::string> List, const Twine &Name) {
    SmallVector<Constant *, 8> Elems;
    for (const std::string &S : List)
      Elems.push_back(string(S));
    return array(Ptr, Elems, Name);
  }

  void build(const BuildConfig &C) {
    SmallVector<Constant *, 8> Dirs;
    for (const BuildConfig::Dir &D : C.Dirs)
      Dirs.push_back(ConstantStruct::get(
          DirTy, {string(D.Host), string(D.Guest),
                  ConstantInt::get(I32, D.ReadOnly), ConstantInt::get(I32, 0)}));
    uint32_t Flags = 0;
    if (C.NoRuntimeGrants)
      Flags |= WA_BUILD_NO_RUNTIME_GRANTS;
    if (C.InheritEnv)
      Flags |= WA_BUILD_INHERIT_ENV;
    if (C.TrapUnknownImports)
      Flags |= WA_BUILD_TRAP_UNKNOWN_IMPORTS;
    // References to the runtime's descriptors of these functions alone, so
    // the link keeps their code and drops the rest of WASI.
    SmallVector<Constant *, 16> Wasi;
    for (const std::string &Name : C.WasiFunctions)
      Wasi.push_back(new GlobalVariable(M, Type::getInt8Ty(Ctx), true,
                                        GlobalValue::ExternalLinkage, nullptr,
                                        "wa_wasi_function_" + Name));
    // Only its address is taken: the descriptor is in the module's object.
    auto *ModuleDesc = new GlobalVariable(M, Type::getInt8Ty(Ctx), true,
                                          GlobalValue::ExternalLinkage,
                                          nullptr, C.ModuleSymbol);
    Constant *Init = ConstantStruct::get(
        ConfigTy,
        {ConstantInt::get(I32, WA_BUILD_CONFIG_VERSION),
         ConstantInt::get(I32, Flags), ModuleDesc,
         ConstantInt::get(I32, C.Dirs.size()),
         ConstantInt::get(I32, C.Env.size()),
         array(DirTy, Dirs, "wasm.build.dirs"),
         strings(C.Env, "wasm.build.env"),
         ConstantInt::get(I32, C.Listen.size()), ConstantInt::get(I32, 0),
         strings(C.Listen, "wasm.build.listen"),
         ConstantInt::get(I64, C.Fuel), ConstantInt::get(I64, C.TimeoutNs),
         ConstantInt::get(I64, C.MaxMemory),
         ConstantInt::get(I64, C.StackSize),
         array(Ptr, Wasi, "wasm.build.wasi"),
         ConstantInt::get(I32, C.WasiFunctions.size()),
         ConstantInt::get(I32, 0)});
    new GlobalVariable(M, ConfigTy, true, GlobalValue::ExternalLinkage, Init,
                       "wasm_aot_build_config");
  }

  /// The C layout, checked against the target's data layout.
  Error verify(const DataLayout &DL) const {
    const StructLayout *L = DL.getStructLayout(ConfigTy);
    if (L->getSizeInBytes() != sizeof(wa_build_config) ||
        L->getElementOffset(2) != offsetof(wa_build_config, module) ||
        L->getElementOffset(9) != offsetof(wa_build_config, listen) ||
        L->getElementOffset(10) != offsetof(wa_build_config, fuel) ||
        L->getElementOffset(13) != offsetof(wa_build_config, stack_size) ||
        L->getElementOffset(14) !=
            offsetof(wa_build_config, wasi_functions) ||
        L->getElementOffset(15) !=
            offsetof(wa_build_config, num_wasi_functions) ||
        DL.getTypeAllocSize(DirTy) != sizeof(wa_build_dir))
      return createStringError(inconvertibleErrorCode(),
                               "internal compiler error: the target lays "
                               "out wa_build_config unlike build_config.h");
    return Error::success();
  }

private:
  llvm::Module &M;
  LLVMContext &Ctx;
  IntegerType *I32, *I64;
  PointerType *Ptr;
  StructType *DirTy, *ConfigTy;
};

} // namespace

Error emitBuildConfig(const BuildConfig &Config, const TargetOptions &Target,
                      raw_pwrite_stream &OS) {
  Expected<std::unique_ptr<TargetMachine>> TM = createTargetMachine(Target);
  if (!TM)
    return TM.takeError();
  LLVMContext Ctx;
  llvm::Module M("wasm-aot-build-config", Ctx);
  M.setTargetTriple((*TM)->getTargetTriple().str());
  M.setDataLayout((*TM)->createDataLayout());
  ConfigBuilder Builder(M);
  if (Error E = Builder.verify(M.getDataLayout()))
    return E;
  Builder.build(Config);
  return emitModule(M, **TM, OutputKind::Object, OS);
}

} // namespace wasmaot

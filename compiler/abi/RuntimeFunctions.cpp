//===- RuntimeFunctions.cpp - Declaring the runtime's entry points --------===//
#include "abi/RuntimeFunctions.h"

#include "wasm-aot/abi.h"

#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Attributes.h"
#include "llvm/TargetParser/Triple.h"

#include <array>
#include <cstdint>
#include <type_traits>

using namespace llvm;

namespace wasmaot {

namespace {

// Every row of RuntimeFunctions.def must spell the C prototype of abi.h: the
// letters are derived from the prototype here and compared at compile time.
template <typename T> constexpr char letterOf() {
  if constexpr (std::is_void_v<T>)
    return 'v';
  else if constexpr (std::is_pointer_v<T>)
    return 'p';
  else if constexpr (std::is_integral_v<T> && sizeof(T) == 4)
    return 'i';
  else if constexpr (std::is_integral_v<T> && sizeof(T) == 8)
    return 'l';
  else
    return '?';
}

template <typename Fn> struct SignatureOf;
template <typename R, typename... Args> struct SignatureOf<R (*)(Args...)> {
  static constexpr std::array<char, sizeof...(Args) + 3> Letters{
      letterOf<R>(), ':', letterOf<Args>()..., '\0'};
};
// Deduction drops noreturn, which clang keeps in the function type (wa_trap).
template <typename R, typename... Args>
SignatureOf<R (*)(Args...)> signatureOf(R (*)(Args...));

constexpr bool sameString(const char *A, const char *B) {
  for (; *A && *A == *B; ++A, ++B)
    ;
  return *A == *B;
}

#define WA_RUNTIME_FUNCTION(Id, Symbol, Signature, Cold)                       \
  static_assert(                                                               \
      sameString(decltype(signatureOf(&Symbol))::Letters.data(), Signature),   \
      "RuntimeFunctions.def disagrees with abi.h about " #Symbol);
#include "abi/RuntimeFunctions.def"

struct RuntimeFunctionInfo {
  const char *Name;
  const char *Signature;
  bool Cold;
};

constexpr RuntimeFunctionInfo Infos[] = {
#define WA_RUNTIME_FUNCTION(Id, Symbol, Signature, Cold)                       \
  {#Symbol, Signature, Cold},
#include "abi/RuntimeFunctions.def"
};

Type *typeOfLetter(LLVMContext &Ctx, char L) {
  switch (L) {
  case 'i': return Type::getInt32Ty(Ctx);
  case 'l': return Type::getInt64Ty(Ctx);
  case 'p': return PointerType::get(Ctx, 0);
  default: return Type::getVoidTy(Ctx);
  }
}

} // namespace

StringRef runtimeFunctionName(RuntimeFunction F) {
  return Infos[static_cast<unsigned>(F)].Name;
}

Function *getRuntimeFunction(Module &M, RuntimeFunction F) {
  const RuntimeFunctionInfo &Info = Infos[static_cast<unsigned>(F)];
  if (Function *Existing = M.getFunction(Info.Name))
    return Existing;

  LLVMContext &Ctx = M.getContext();
  StringRef Sig(Info.Signature);
  Type *Result = typeOfLetter(Ctx, Sig[0]);
  SmallVector<Type *, 8> Params;
  for (char L : Sig.drop_front(2))
    Params.push_back(typeOfLetter(Ctx, L));
  Function *Fn =
      Function::Create(FunctionType::get(Result, Params, false),
                       GlobalValue::ExternalLinkage, Info.Name, M);

  // The C ABI of some targets (RISC-V) extends 32-bit arguments in
  // registers; the callee, compiled from C, relies on it. abi.h passes
  // unsigned values except wa_memory_grow's and wa_table_grow's results.
  Triple T(M.getTargetTriple());
  Attribute::AttrKind ParamExt =
      TargetLibraryInfo::getExtAttrForI32Param(T, /*Signed=*/false);
  Attribute::AttrKind ReturnExt =
      TargetLibraryInfo::getExtAttrForI32Return(T, /*Signed=*/true);
  for (unsigned I = 0; I < Params.size(); ++I)
    if (Params[I]->isIntegerTy(32) && ParamExt != Attribute::None)
      Fn->addParamAttr(I, ParamExt);
  if (Result->isIntegerTy(32) && ReturnExt != Attribute::None)
    Fn->addRetAttr(ReturnExt);

  if (Info.Cold) {
    // Trap paths: never return, rarely run; the caller's branch to them is
    // weighted as unlikely too (see FunctionLowering::emitTrapIf).
    Fn->addFnAttr(Attribute::NoReturn);
    Fn->addFnAttr(Attribute::Cold);
  }
  return Fn;
}

} // namespace wasmaot

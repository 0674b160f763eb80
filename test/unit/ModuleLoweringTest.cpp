//===- ModuleLoweringTest.cpp - lowerModule: declarations and descriptor --===//
//
// Lowers small modules assembled with WasmBuilder.h and inspects the result:
// the IR verifies, the wa_module descriptor has the module's counts, names
// and pointers, the only external definition is the descriptor, and the
// constant-expression, wrapper and thunk functions exist where needed.
//
//===----------------------------------------------------------------------===//
#include "WasmBuilder.h"

#include "decode/ModuleDecoder.h"
#include "lower/ModuleLowering.h"
#include "validate/Validator.h"

#include "wasm-aot/abi.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string_view>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

// Field positions of the descriptor structs (DescriptorLayout.cpp lists
// them in abi.h order, padding included).
enum ModuleField : unsigned {
  MAbiVersion = 0,
  MNumTypes = 1,
  MTypes = 2,
  MNumImports = 3,
  MNumExports = 4,
  MImports = 5,
  MExports = 6,
  MNumFuncs = 7,
  MNumTables = 8,
  MFuncCode = 9,
  MFuncTypes = 10,
  MTables = 11,
  MNumMemories = 12,
  MNumGlobals = 13,
  MMemories = 14,
  MGlobals = 15,
  MNumData = 16,
  MNumElems = 17,
  MData = 18,
  MElems = 19,
  MHasStart = 20,
  MStart = 21,
  MInitGlobals = 22,
  MElemOffset = 23,
  MDataOffset = 24,
  MElemItems = 25,
  MBoundsChecks = 26,
};
enum ImportField : unsigned {
  IModule = 0,
  IName = 1,
  IModuleLen = 2,
  INameLen = 3,
  IKind = 4,
  IThunk = 10,
};
enum ExportField : unsigned {
  EName = 0,
  ENameLen = 1,
  EKind = 2,
  EIndex = 4,
  EEntry = 6,
};

const char *const X86Layout =
    "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:"
    "64-S128";

Bytes funcType(std::initializer_list<uint8_t> Params,
               std::initializer_list<uint8_t> Results) {
  return cat({{0x60},
              uleb(Params.size()),
              Bytes(Params),
              uleb(Results.size()),
              Bytes(Results)});
}

Bytes body(const Bytes &Code) {
  Bytes B = cat({{0x00}, Code, {0x0B}}); // no locals
  return cat({uleb(B.size()), B});
}

constexpr uint8_t I32 = 0x7F, I64 = 0x7E, F64 = 0x7C, FuncRef = 0x70;

/// Imports: func 0 env.add (type 0), global 0 env.g (i32), func 1
/// env.add_again (type 0), func 2 env.pair (type 2), global 1 env.fr
/// (funcref). Defined: func 3 "adder" (type 0), func 4 (type 1, the start
/// function), func 5 (type 2); a table, a memory, three globals, three
/// element segments (active, passive with expressions, declarative) and two
/// data segments (active, passive).
Bytes richModule() {
  Bytes Types = section(1, vec({funcType({I32, I32}, {I32}), funcType({}, {}),
                                funcType({I32}, {I32, I64})}));
  Bytes Imports =
      section(2, vec({cat({name("env"), name("add"), {0x00}, uleb(0)}),
                      cat({name("env"), name("g"), {0x03, I32, 0x00}}),
                      cat({name("env"), name("add_again"), {0x00}, uleb(0)}),
                      cat({name("env"), name("pair"), {0x00}, uleb(2)}),
                      cat({name("env"), name("fr"), {0x03, FuncRef, 0x00}})}));
  Bytes Funcs = section(3, vec({uleb(0), uleb(1), uleb(2)}));
  Bytes Table = section(4, vec({{FuncRef, 0x00, 0x02}}));
  Bytes Memory = section(5, vec({{0x01, 0x01, 0x02}}));
  Bytes Globals =
      section(6, vec({{I32, 0x00, 0x23, 0x00, 0x0B},     // global.get 0
                      {FuncRef, 0x00, 0xD2, 0x04, 0x0B}, // ref.func 4
                      cat({{F64, 0x01, 0x44},
                           {0, 0, 0, 0, 0, 0, 0xF8, 0x3F}, // 1.5
                           {0x0B}})}));
  Bytes Exports = section(7, vec({cat({name("add2"), {0x00}, uleb(3)}),
                                  cat({name("multi"), {0x00}, uleb(5)}),
                                  cat({name("reexport"), {0x00}, uleb(0)}),
                                  cat({name("add2_alias"), {0x00}, uleb(3)}),
                                  cat({name("mem"), {0x02}, uleb(0)}),
                                  cat({name("tab"), {0x01}, uleb(0)}),
                                  cat({name("g2"), {0x03}, uleb(2)})}));
  Bytes Start = section(8, uleb(4));
  Bytes Elems =
      section(9, vec({cat({{0x00, 0x41, 0x00, 0x0B}, vec({uleb(3), uleb(5)})}),
                      cat({{0x05, FuncRef},
                           vec({{0xD0, FuncRef, 0x0B},
                                {0xD2, 0x04, 0x0B},
                                {0x23, 0x01, 0x0B}})}),
                      cat({{0x03, 0x00}, vec({uleb(4)})})}));
  Bytes Code = section(10, vec({body({0x20, 0x00, 0x20, 0x01, 0x6A}), body({}),
                                body({0x20, 0x00, 0x42, 0x07})}));
  Bytes Data = section(11, vec({cat({{0x00, 0x23, 0x00, 0x0B}, name("hi")}),
                                cat({{0x01}, name("xyz")})}));
  Bytes Names =
      customSection("name", section(1, vec({cat({uleb(3), name("adder")})})));
  return module({Types, Imports, Funcs, Table, Memory, Globals, Exports, Start,
                 Elems, Code, Data, Names});
}

struct Lowered {
  llvm::LLVMContext Ctx;
  std::unique_ptr<llvm::Module> M;
};

/// Decodes, validates and lowers Binary; fails the test on any error.
std::unique_ptr<Lowered> lower(const Bytes &Binary, LowerOptions Opts = {},
                               Features F = {}) {
  auto L = std::make_unique<Lowered>();
  llvm::Expected<Module> Wasm = decodeModule(Binary, F);
  EXPECT_TRUE(succeeded(Wasm));
  if (!Wasm)
    return nullptr;
  EXPECT_TRUE(succeeded(validateModule(*Wasm)));
  llvm::Expected<std::unique_ptr<llvm::Module>> M =
      lowerModule(*Wasm, L->Ctx, Opts, llvm::Triple("x86_64-unknown-linux-gnu"),
                  llvm::DataLayout(X86Layout));
  EXPECT_TRUE(succeeded(M));
  if (!M)
    return nullptr;
  L->M = std::move(*M);
  std::string Errors;
  llvm::raw_string_ostream OS(Errors);
  EXPECT_FALSE(llvm::verifyModule(*L->M, &OS)) << Errors;
  return L;
}

llvm::Constant *descriptor(llvm::Module &M,
                           llvm::StringRef Symbol = "wasm_aot_module") {
  llvm::GlobalVariable *G = M.getGlobalVariable(Symbol);
  if (!G || !G->hasInitializer())
    return nullptr;
  return G->getInitializer();
}

uint64_t intField(llvm::Constant *S, unsigned Field) {
  return llvm::cast<llvm::ConstantInt>(S->getAggregateElement(Field))
      ->getZExtValue();
}

/// The elements of the private array a pointer field points to.
std::vector<llvm::Constant *> arrayField(llvm::Constant *S, unsigned Field) {
  std::vector<llvm::Constant *> Out;
  auto *G = llvm::dyn_cast<llvm::GlobalVariable>(S->getAggregateElement(Field));
  if (!G)
    return Out;
  llvm::Constant *Init = G->getInitializer();
  auto *Ty = llvm::cast<llvm::ArrayType>(Init->getType());
  for (unsigned I = 0; I < Ty->getNumElements(); ++I)
    Out.push_back(Init->getAggregateElement(I));
  return Out;
}

/// The bytes a pointer field points to: a C string without its NUL, or
/// raw bytes (data segments).
std::string stringField(llvm::Constant *S, unsigned Field) {
  auto *G = llvm::cast<llvm::GlobalVariable>(S->getAggregateElement(Field));
  auto *A = llvm::cast<llvm::ConstantDataArray>(G->getInitializer());
  return (A->isCString() ? A->getAsCString() : A->getAsString()).str();
}

/// The Size bytes field Field of S points to: the start of a constant, or
/// a constant offset into one (data segments share one constant).
std::string bytesField(llvm::Constant *S, unsigned Field, uint64_t Size) {
  llvm::Constant *P = S->getAggregateElement(Field);
  uint64_t Offset = 0;
  if (auto *GEP = llvm::dyn_cast<llvm::ConstantExpr>(P)) {
    Offset = llvm::cast<llvm::ConstantInt>(GEP->getOperand(1))->getZExtValue();
    P = GEP->getOperand(0);
  }
  auto *G = llvm::cast<llvm::GlobalVariable>(P);
  auto *A = llvm::cast<llvm::ConstantDataArray>(G->getInitializer());
  return A->getRawDataValues().substr(Offset, Size).str();
}

llvm::Function *functionField(llvm::Constant *S, unsigned Field) {
  return llvm::dyn_cast<llvm::Function>(S->getAggregateElement(Field));
}

unsigned countExternalDefinitions(const llvm::Module &M) {
  unsigned N = 0;
  for (const llvm::GlobalValue &G : M.global_values())
    if (!G.isDeclaration() && !G.hasLocalLinkage())
      ++N;
  return N;
}

TEST(ModuleLoweringTest, DescriptorCountsAndPointers) {
  auto L = lower(richModule());
  ASSERT_TRUE(L && L->M);
  llvm::Constant *D = descriptor(*L->M);
  ASSERT_NE(D, nullptr);
  EXPECT_EQ(intField(D, MAbiVersion), WA_ABI_VERSION);
  EXPECT_EQ(intField(D, MNumTypes), 3u);
  EXPECT_EQ(arrayField(D, MTypes).size(), 3u);
  EXPECT_EQ(intField(D, MNumImports), 5u);
  EXPECT_EQ(arrayField(D, MImports).size(), 5u);
  EXPECT_EQ(intField(D, MNumExports), 7u);
  EXPECT_EQ(intField(D, MNumFuncs), 3u);
  EXPECT_EQ(intField(D, MNumTables), 1u);
  EXPECT_EQ(intField(D, MNumMemories), 1u);
  EXPECT_EQ(intField(D, MNumGlobals), 3u);
  EXPECT_EQ(intField(D, MNumData), 2u);
  EXPECT_EQ(intField(D, MNumElems), 3u);
  EXPECT_EQ(intField(D, MHasStart), 1u);
  EXPECT_EQ(intField(D, MStart), 4u);
  EXPECT_EQ(intField(D, MBoundsChecks), 0u);

  // func_code lists the defined functions in order.
  std::vector<llvm::Constant *> Code = arrayField(D, MFuncCode);
  ASSERT_EQ(Code.size(), 3u);
  EXPECT_EQ(Code[0], L->M->getFunction("wasm.f3.adder"));
  EXPECT_EQ(Code[1], L->M->getFunction("wasm.f4"));
  EXPECT_EQ(Code[2], L->M->getFunction("wasm.f5"));
  std::vector<llvm::Constant *> FuncTypes = arrayField(D, MFuncTypes);
  ASSERT_EQ(FuncTypes.size(), 3u);
  EXPECT_EQ(llvm::cast<llvm::ConstantInt>(FuncTypes[2])->getZExtValue(), 2u);

  // Every init function is needed here.
  EXPECT_NE(functionField(D, MInitGlobals), nullptr);
  EXPECT_NE(functionField(D, MElemOffset), nullptr);
  EXPECT_NE(functionField(D, MDataOffset), nullptr);
  EXPECT_NE(functionField(D, MElemItems), nullptr);

  // Data bytes and element segment modes.
  std::vector<llvm::Constant *> Data = arrayField(D, MData);
  ASSERT_EQ(Data.size(), 2u);
  EXPECT_EQ(intField(Data[1], 1), 3u); // size
  EXPECT_EQ(bytesField(Data[1], 0, 3), "xyz");
  EXPECT_EQ(intField(Data[0], 2), 1u); // active
  EXPECT_EQ(intField(Data[1], 2), 0u); // passive
  std::vector<llvm::Constant *> Elems = arrayField(D, MElems);
  ASSERT_EQ(Elems.size(), 3u);
  EXPECT_EQ(intField(Elems[0], 0), 2u); // size
  EXPECT_EQ(intField(Elems[1], 0), 3u);
  EXPECT_EQ(intField(Elems[0], 1), 0u); // active
  EXPECT_EQ(intField(Elems[1], 1), 1u); // passive
  EXPECT_EQ(intField(Elems[2], 1), 2u); // declarative
}

TEST(ModuleLoweringTest, ExportsHaveNamesAndEntryWrappers) {
  auto L = lower(richModule());
  ASSERT_TRUE(L && L->M);
  llvm::Constant *D = descriptor(*L->M);
  ASSERT_NE(D, nullptr);
  std::vector<llvm::Constant *> Exports = arrayField(D, MExports);
  ASSERT_EQ(Exports.size(), 7u);
  const char *Names[] = {"add2", "multi", "reexport", "add2_alias",
                         "mem",  "tab",   "g2"};
  for (unsigned I = 0; I < 7; ++I) {
    EXPECT_EQ(stringField(Exports[I], EName), Names[I]);
    EXPECT_EQ(intField(Exports[I], ENameLen), std::strlen(Names[I]));
  }

  // Functions have wrappers of type void(ptr, ptr); one per function, even
  // when it is exported twice; others have none.
  llvm::Function *Add2 = functionField(Exports[0], EEntry);
  ASSERT_NE(Add2, nullptr);
  EXPECT_TRUE(Add2->hasInternalLinkage());
  EXPECT_TRUE(Add2->getReturnType()->isVoidTy());
  EXPECT_EQ(Add2->arg_size(), 2u);
  EXPECT_EQ(functionField(Exports[3], EEntry), Add2);
  EXPECT_NE(functionField(Exports[1], EEntry), nullptr);
  EXPECT_NE(functionField(Exports[1], EEntry), Add2);
  EXPECT_NE(functionField(Exports[2], EEntry), nullptr); // re-exported import
  for (unsigned I = 4; I < 7; ++I)
    EXPECT_EQ(functionField(Exports[I], EEntry), nullptr);
  EXPECT_EQ(intField(Exports[4], EKind), unsigned(WA_EXTERN_MEMORY));
  EXPECT_EQ(intField(Exports[6], EIndex), 2u);

  // The wrapper of a defined function calls it directly.
  bool CallsAdder = false;
  for (llvm::Instruction &I : llvm::instructions(*Add2))
    if (auto *Call = llvm::dyn_cast<llvm::CallInst>(&I))
      CallsAdder |=
          Call->getCalledFunction() == L->M->getFunction("wasm.f3.adder");
  EXPECT_TRUE(CallsAdder);
}

/// The bytes of the private constant a name field points to, terminator
/// included.
std::string rawBytes(llvm::Constant *S, unsigned Field) {
  auto *G = llvm::cast<llvm::GlobalVariable>(S->getAggregateElement(Field));
  return llvm::cast<llvm::ConstantDataArray>(G->getInitializer())
      ->getAsString()
      .str();
}

TEST(ModuleLoweringTest, NamesKeepTheirNulBytesAndLengths) {
  using namespace std::string_view_literals;
  Bytes Types = section(1, vec({funcType({}, {})}));
  Bytes Imports = section(
      2, vec({cat({name("m\0"sv), name("f\0g"sv), {0x00}, uleb(0)})}));
  Bytes Funcs = section(3, vec({uleb(0)}));
  Bytes Exports = section(7, vec({cat({name("a\0b"sv), {0x00}, uleb(1)}),
                                  cat({name("a"), {0x00}, uleb(1)})}));
  Bytes Code = section(10, vec({body({})}));
  auto L = lower(module({Types, Imports, Funcs, Exports, Code}));
  ASSERT_TRUE(L && L->M);
  llvm::Constant *D = descriptor(*L->M);
  ASSERT_NE(D, nullptr);

  std::vector<llvm::Constant *> Imps = arrayField(D, MImports);
  ASSERT_EQ(Imps.size(), 1u);
  EXPECT_EQ(intField(Imps[0], IModuleLen), 2u);
  EXPECT_EQ(intField(Imps[0], INameLen), 3u);
  EXPECT_EQ(rawBytes(Imps[0], IModule), "m\0\0"sv);
  EXPECT_EQ(rawBytes(Imps[0], IName), "f\0g\0"sv);

  std::vector<llvm::Constant *> Exps = arrayField(D, MExports);
  ASSERT_EQ(Exps.size(), 2u);
  EXPECT_EQ(intField(Exps[0], ENameLen), 3u);
  EXPECT_EQ(rawBytes(Exps[0], EName), "a\0b\0"sv);
  EXPECT_EQ(intField(Exps[1], ENameLen), 1u);
  EXPECT_EQ(rawBytes(Exps[1], EName), "a\0"sv);
}

TEST(ModuleLoweringTest, HostThunksAreSharedByType) {
  auto L = lower(richModule());
  ASSERT_TRUE(L && L->M);
  std::vector<llvm::Constant *> Imports =
      arrayField(descriptor(*L->M), MImports);
  ASSERT_EQ(Imports.size(), 5u);
  EXPECT_EQ(stringField(Imports[0], IModule), "env");
  EXPECT_EQ(stringField(Imports[2], IName), "add_again");
  llvm::Function *Add = functionField(Imports[0], IThunk);
  llvm::Function *Pair = functionField(Imports[3], IThunk);
  ASSERT_NE(Add, nullptr);
  ASSERT_NE(Pair, nullptr);
  EXPECT_EQ(functionField(Imports[2], IThunk), Add); // same type
  EXPECT_NE(Add, Pair);
  EXPECT_EQ(functionField(Imports[1], IThunk), nullptr); // a global
  EXPECT_EQ(intField(Imports[1], IKind), unsigned(WA_EXTERN_GLOBAL));
  // The native signature: i32 (ptr host, i32, i32); {i32, i64} (ptr, i32).
  EXPECT_TRUE(Add->hasInternalLinkage());
  EXPECT_EQ(Add->arg_size(), 3u);
  EXPECT_TRUE(Add->getReturnType()->isIntegerTy(32));
  EXPECT_TRUE(Pair->getReturnType()->isStructTy());
  // A trap code from the callback goes to wa_trap.
  bool CallsTrap = false;
  for (llvm::Instruction &I : llvm::instructions(*Add))
    if (auto *Call = llvm::dyn_cast<llvm::CallInst>(&I))
      CallsTrap |= Call->getCalledFunction() == L->M->getFunction("wa_trap");
  EXPECT_TRUE(CallsTrap);
}

TEST(ModuleLoweringTest, OnlyTheDescriptorIsExternal) {
  auto L = lower(richModule());
  ASSERT_TRUE(L && L->M);
  EXPECT_EQ(countExternalDefinitions(*L->M), 1u);
  const llvm::GlobalVariable *G = L->M->getGlobalVariable("wasm_aot_module");
  ASSERT_NE(G, nullptr);
  EXPECT_TRUE(G->hasExternalLinkage());
  EXPECT_TRUE(G->isConstant());
  EXPECT_TRUE(G->hasDefaultVisibility());
  for (const char *Name : {"wasm.f3.adder", "wasm.f4", "wasm.f5"}) {
    llvm::Function *F = L->M->getFunction(Name);
    ASSERT_NE(F, nullptr) << Name;
    EXPECT_TRUE(F->hasInternalLinkage()) << Name;
    EXPECT_TRUE(F->doesNotThrow()) << Name;
  }
  EXPECT_EQ(L->M->getTargetTriple(), "x86_64-unknown-linux-gnu");
}

TEST(ModuleLoweringTest, EmptyModuleHasNullArrays) {
  auto L = lower(module({}));
  ASSERT_TRUE(L && L->M);
  llvm::Constant *D = descriptor(*L->M);
  ASSERT_NE(D, nullptr);
  for (unsigned F : {MNumTypes, MNumImports, MNumExports, MNumFuncs, MNumTables,
                     MNumMemories, MNumGlobals, MNumData, MNumElems, MHasStart})
    EXPECT_EQ(intField(D, F), 0u) << "field " << F;
  for (unsigned F : {MTypes, MImports, MExports, MFuncCode, MFuncTypes, MTables,
                     MMemories, MGlobals, MData, MElems, MInitGlobals,
                     MElemOffset, MDataOffset, MElemItems})
    EXPECT_TRUE(D->getAggregateElement(F)->isNullValue()) << "field " << F;
  EXPECT_EQ(countExternalDefinitions(*L->M), 1u);
}

TEST(ModuleLoweringTest, OptionsNameTheSymbolAndTheBoundsStrategy) {
  LowerOptions Opts;
  Opts.Bounds = BoundsChecks::Explicit;
  Opts.ModuleSymbol = "my_module";
  auto L = lower(richModule(), Opts);
  ASSERT_TRUE(L && L->M);
  EXPECT_EQ(descriptor(*L->M), nullptr);
  llvm::Constant *D = descriptor(*L->M, "my_module");
  ASSERT_NE(D, nullptr);
  EXPECT_EQ(intField(D, MBoundsChecks), 1u);
}

TEST(ModuleLoweringTest, ExtendedConstInitialisersAreComputed) {
  // (global i32 (i32.mul (i32.const 6) (i32.sub (i32.const 10)
  //   (i32.const 3)))) and (global i64 (i64.add (i64.const -1) (i64.const 1)))
  Bytes Globals = section(
      6, vec({{I32, 0x00, 0x41, 0x06, 0x41, 0x0A, 0x41, 0x03, 0x6B, 0x6C, 0x0B},
              {I64, 0x00, 0x42, 0x7F, 0x42, 0x01, 0x7C, 0x0B}}));
  Features F;
  F.set(Feature::ExtendedConst);
  auto L = lower(module({Globals}), {}, F);
  ASSERT_TRUE(L && L->M);
  llvm::Function *Init = functionField(descriptor(*L->M), MInitGlobals);
  ASSERT_NE(Init, nullptr);
  std::vector<int64_t> Stored;
  for (llvm::Instruction &I : llvm::instructions(*Init))
    if (auto *S = llvm::dyn_cast<llvm::StoreInst>(&I))
      if (auto *C = llvm::dyn_cast<llvm::ConstantInt>(S->getValueOperand()))
        Stored.push_back(C->getSExtValue());
  EXPECT_EQ(Stored, (std::vector<int64_t>{42, 0}));
}

TEST(ModuleLoweringTest, OffsetsAreZeroExtended) {
  // An active data segment at i32.const -1 is at 0xFFFFFFFF, not at -1:
  // the runtime must see an out-of-bounds offset, not a wrapped one.
  Bytes Memory = section(5, vec({{0x00, 0x01}}));
  Bytes Data = section(11, vec({cat({{0x00, 0x41, 0x7F, 0x0B}, name("a")})}));
  auto L = lower(module({Memory, Data}));
  ASSERT_TRUE(L && L->M);
  llvm::Function *Offset = functionField(descriptor(*L->M), MDataOffset);
  ASSERT_NE(Offset, nullptr);
  bool Found = false;
  for (llvm::Instruction &I : llvm::instructions(*Offset))
    if (auto *R = llvm::dyn_cast<llvm::ReturnInst>(&I))
      if (auto *C = llvm::dyn_cast<llvm::ConstantInt>(R->getReturnValue()))
        Found |= C->getZExtValue() == 0xFFFFFFFFu;
  EXPECT_TRUE(Found);
}

TEST(ModuleLoweringTest, FunctionNamesAreSanitised) {
  // A name-section name with a space and a NUL byte.
  Bytes Types = section(1, vec({funcType({}, {})}));
  Bytes Funcs = section(3, vec({uleb(0), uleb(0)}));
  Bytes Code = section(10, vec({body({}), body({})}));
  Bytes Names = customSection(
      "name",
      section(1, vec({cat({uleb(1), name(std::string_view("a b\0c", 5))})})));
  auto L = lower(module({Types, Funcs, Code, Names}));
  ASSERT_TRUE(L && L->M);
  EXPECT_NE(L->M->getFunction("wasm.f0"), nullptr);
  EXPECT_NE(L->M->getFunction("wasm.f1.a_b_c"), nullptr);
}

} // namespace

// Several results travel as a struct whose f32 and f64 fields are their
// bits (i32, i64): x86-64 returns a struct's third and fourth float in
// x87 registers, which quieten signalling NaNs (found by difffuzz).
TEST(ModuleLoweringTest, SeveralFloatResultsTravelAsBits) {
  constexpr uint8_t F32 = 0x7D;
  // func 0: import env.four; func 1: four f32/f64 constants; both [] ->
  // [f32 f64 f32 i32].
  Bytes Types = section(1, vec({funcType({}, {F32, F64, F32, I32})}));
  Bytes Imports =
      section(2, vec({cat({name("env"), name("four"), {0x00}, uleb(0)})}));
  Bytes Funcs = section(3, vec({uleb(0)}));
  Bytes Exports = section(7, vec({cat({name("four"), {0x00}, uleb(1)})}));
  Bytes Code = section(
      10, vec({body({0x43, 0x11, 0x42, 0x8A, 0xFF,   // f32 -nan:0xa4211
                     0x44, 1, 0, 0, 0, 0, 0, 0xF0, 0x7F, // f64 nan:0x1
                     0x10, 0x00, 0x1A, 0x1A, 0x1A, 0x1A, // call 0, drop all
                     0x43, 0x01, 0x00, 0x80, 0x7F,   // f32 nan:0x1
                     0x41, 0x07})}));
  auto L = lower(module({Types, Imports, Funcs, Exports, Code}));
  ASSERT_TRUE(L && L->M);
  std::vector<llvm::Constant *> ImportArr =
      arrayField(descriptor(*L->M), MImports);
  ASSERT_EQ(ImportArr.size(), 1u);
  llvm::Function *Thunk = functionField(ImportArr[0], IThunk);
  ASSERT_NE(Thunk, nullptr);
  llvm::Function *Defined = nullptr;
  for (llvm::Function &F : *L->M)
    if (!F.isDeclaration() && F.getName().starts_with("wasm.f"))
      Defined = &F;
  ASSERT_NE(Defined, nullptr);
  for (llvm::Function *F : {Thunk, Defined}) {
    auto *Ret = llvm::dyn_cast<llvm::StructType>(F->getReturnType());
    ASSERT_NE(Ret, nullptr) << F->getName().str();
    ASSERT_EQ(Ret->getNumElements(), 4u);
    EXPECT_TRUE(Ret->getElementType(0)->isIntegerTy(32));
    EXPECT_TRUE(Ret->getElementType(1)->isIntegerTy(64));
    EXPECT_TRUE(Ret->getElementType(2)->isIntegerTy(32));
    EXPECT_TRUE(Ret->getElementType(3)->isIntegerTy(32));
  }
  // The caller turns the call's fields back into floats.
  unsigned FloatCasts = 0;
  for (llvm::Instruction &I : llvm::instructions(*Defined))
    if (auto *Cast = llvm::dyn_cast<llvm::BitCastInst>(&I))
      FloatCasts += Cast->getType()->isFloatingPointTy();
  EXPECT_EQ(FloatCasts, 3u);
}

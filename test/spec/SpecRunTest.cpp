//===- SpecRunTest.cpp - Unit tests of the spec runner's pieces -----------===//
//
// Value parsing and comparison (bitwise floats, NaN patterns, v128 lanes,
// host references), message matching, the expected-failure list, the wire
// codec the runner and the executor share, and the judge.
//
//===----------------------------------------------------------------------===//
#include "BuildLog.h"
#include "ExpectedFailures.h"
#include "Judge.h"
#include "Plan.h"
#include "SpecCommand.h"
#include "SpecValue.h"
#include "exec/wire.h"
#include "wasm-aot/runtime.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace llvm;
using namespace wasmaot::spec;

namespace {

SpecValue parseOk(StringRef Json, bool AllowPatterns = true) {
  Expected<json::Value> V = json::parse(Json);
  EXPECT_TRUE(bool(V)) << Json.str();
  if (!V) {
    consumeError(V.takeError());
    return SpecValue();
  }
  Expected<SpecValue> S = parseValue(*V->getAsObject(), AllowPatterns);
  EXPECT_TRUE(bool(S)) << Json.str() << ": "
                       << (S ? "" : toString(S.takeError()));
  return S ? *S : SpecValue();
}

std::string parseError(StringRef Json, bool AllowPatterns = true) {
  Expected<json::Value> V = json::parse(Json);
  if (!V)
    return toString(V.takeError());
  Expected<SpecValue> S = parseValue(*V->getAsObject(), AllowPatterns);
  if (S)
    return "";
  return toString(S.takeError());
}

/// A result of `Type` with these bits, as the executor reports it.
wire_value bits(uint8_t Type, uint64_t Bits) {
  wire_value V;
  std::memset(&V, 0, sizeof V);
  V.type = Type;
  V.bits = Bits;
  return V;
}
wire_value f32Bits(uint32_t B) { return bits(WA_F32, B); }
wire_value f64Bits(uint64_t B) { return bits(WA_F64, B); }

wire_value ref(uint8_t Type, wire_ref Kind, uint64_t Number = 0) {
  wire_value V = bits(Type, Number);
  V.ref = Kind;
  return V;
}

TEST(SpecValueTest, NaNClassification) {
  EXPECT_TRUE(isCanonicalNaN32(0x7fc00000));
  EXPECT_TRUE(isCanonicalNaN32(0xffc00000));
  EXPECT_FALSE(isCanonicalNaN32(0x7fc00001));
  EXPECT_FALSE(isCanonicalNaN32(0x7f800000)); // infinity
  EXPECT_FALSE(isCanonicalNaN32(0x7fa00000)); // signalling
  EXPECT_TRUE(isArithmeticNaN32(0x7fc00001));
  EXPECT_TRUE(isArithmeticNaN32(0xffe00000));
  EXPECT_FALSE(isArithmeticNaN32(0x7fa00000));
  EXPECT_FALSE(isArithmeticNaN32(0x7f800000));

  EXPECT_TRUE(isCanonicalNaN64(0x7ff8000000000000ull));
  EXPECT_TRUE(isCanonicalNaN64(0xfff8000000000000ull));
  EXPECT_FALSE(isCanonicalNaN64(0x7ff8000000000001ull));
  EXPECT_TRUE(isArithmeticNaN64(0x7ff8000000000001ull));
  EXPECT_FALSE(isArithmeticNaN64(0x7ff4000000000000ull));
  EXPECT_FALSE(isArithmeticNaN64(0x7ff0000000000000ull));
}

TEST(SpecValueTest, IntegersCompareExactly) {
  SpecValue V = parseOk(R"({"type": "i32", "value": "4294967295"})");
  EXPECT_EQ(V.Type, WA_I32);
  EXPECT_TRUE(matches(V, bits(WA_I32, 0xffffffffu)));
  EXPECT_FALSE(matches(V, bits(WA_I32, 0xfffffffeu)));
  // The same bits of another type are another value.
  EXPECT_FALSE(matches(V, bits(WA_F32, 0xffffffffu)));

  SpecValue L = parseOk(R"({"type": "i64", "value": "9223372036854775808"})");
  EXPECT_TRUE(matches(L, bits(WA_I64, 0x8000000000000000ull)));
  EXPECT_EQ(toWire(L).bits, 0x8000000000000000ull);
  EXPECT_EQ(toWire(L).type, WA_I64);
}

TEST(SpecValueTest, FloatsCompareBitwise) {
  SpecValue Zero = parseOk(R"({"type": "f32", "value": "0"})");
  SpecValue NegZero = parseOk(R"({"type": "f32", "value": "2147483648"})");
  EXPECT_TRUE(matches(Zero, f32Bits(0)));
  EXPECT_FALSE(matches(Zero, f32Bits(0x80000000)));
  EXPECT_TRUE(matches(NegZero, f32Bits(0x80000000)));
  // A NaN given by its bits matches only those bits.
  SpecValue Nan = parseOk(R"({"type": "f64", "value": "9221120237041090561"})");
  EXPECT_TRUE(matches(Nan, f64Bits(9221120237041090561ull)));
  EXPECT_FALSE(matches(Nan, f64Bits(0x7ff8000000000000ull)));
}

TEST(SpecValueTest, NaNPatterns) {
  SpecValue C = parseOk(R"({"type": "f32", "value": "nan:canonical"})");
  EXPECT_EQ(C.Pat, Pattern::CanonicalNaN);
  EXPECT_TRUE(matches(C, f32Bits(0x7fc00000)));
  EXPECT_TRUE(matches(C, f32Bits(0xffc00000)));
  EXPECT_FALSE(matches(C, f32Bits(0x7fc00001)));
  EXPECT_FALSE(matches(C, f32Bits(0x3f800000)));

  SpecValue A = parseOk(R"({"type": "f64", "value": "nan:arithmetic"})");
  EXPECT_EQ(A.Pat, Pattern::ArithmeticNaN);
  EXPECT_TRUE(matches(A, f64Bits(0x7ff8000000000000ull)));
  EXPECT_TRUE(matches(A, f64Bits(0xfff8000000000123ull)));
  EXPECT_FALSE(matches(A, f64Bits(0x7ff0000000000001ull)));
  EXPECT_EQ(formatExpected(A), "f64:nan:arithmetic");

  // Arguments must be exact; integers never take patterns.
  EXPECT_NE(parseError(R"({"type": "f32", "value": "nan:canonical"})",
                       /*AllowPatterns=*/false),
            "");
  EXPECT_NE(parseError(R"({"type": "i32", "value": "nan:canonical"})"), "");
}

TEST(SpecValueTest, BadValues) {
  EXPECT_NE(parseError(R"({"type": "i32", "value": "4294967296"})"), "");
  EXPECT_NE(parseError(R"({"type": "i32", "value": "-1"})"), "");
  EXPECT_NE(parseError(R"({"type": "i128", "value": "0"})"), "");
  EXPECT_NE(parseError(R"({"type": "i32"})"), "");
  EXPECT_NE(parseError(R"({"type": "funcref", "value": "3"})"), "");
  EXPECT_NE(parseError(
                R"({"type": "v128", "lane_type": "i32", "value": ["1", "2"]})"),
            "");
}

TEST(SpecValueTest, V128Lanes) {
  SpecValue V = parseOk(R"({"type": "v128", "lane_type": "i16", "value":
      ["1", "2", "3", "4", "5", "6", "7", "65535"]})");
  wire_value W = toWire(V);
  EXPECT_EQ(W.type, WA_V128);
  EXPECT_EQ(W.v128[0], 1);
  EXPECT_EQ(W.v128[1], 0);
  EXPECT_EQ(W.v128[14], 0xff);
  EXPECT_EQ(W.v128[15], 0xff);
  EXPECT_TRUE(matches(V, W));
  W.v128[3] = 9;
  EXPECT_FALSE(matches(V, W));

  SpecValue F = parseOk(R"({"type": "v128", "lane_type": "f32", "value":
      ["nan:canonical", "0", "nan:arithmetic", "1065353216"]})");
  wire_value G = bits(WA_V128, 0);
  uint32_t Lanes[4] = {0xffc00000u, 0, 0x7fc00005u, 0x3f800000u};
  std::memcpy(G.v128, Lanes, 16);
  EXPECT_TRUE(matches(F, G));
  Lanes[0] = 0x7fc00001u; // not canonical
  std::memcpy(G.v128, Lanes, 16);
  EXPECT_FALSE(matches(F, G));
}

TEST(SpecValueTest, References) {
  SpecValue One = parseOk(R"({"type": "externref", "value": "1"})");
  SpecValue Null = parseOk(R"({"type": "externref", "value": "null"})");
  wire_value A = toWire(One);
  EXPECT_EQ(A.ref, WIRE_REF_HOST);
  EXPECT_EQ(A.bits, 1u);
  EXPECT_TRUE(matches(One, A));
  EXPECT_FALSE(matches(One, ref(WA_EXTERNREF, WIRE_REF_HOST, 2)));
  // A non-null reference the host did not make is no numbered one.
  EXPECT_FALSE(matches(One, ref(WA_EXTERNREF, WIRE_REF_NONNULL, 1)));
  EXPECT_FALSE(matches(Null, A));
  wire_value Z = ref(WA_EXTERNREF, WIRE_REF_NULL);
  EXPECT_TRUE(matches(Null, Z));
  EXPECT_FALSE(matches(One, Z));
  EXPECT_EQ(formatValue(ref(WA_EXTERNREF, WIRE_REF_HOST, 2)), "externref:2");

  SpecValue FNull = parseOk(R"({"type": "funcref", "value": "null"})");
  EXPECT_TRUE(matches(FNull, ref(WA_FUNCREF, WIRE_REF_NULL)));
  EXPECT_FALSE(matches(FNull, ref(WA_FUNCREF, WIRE_REF_NONNULL)));
  EXPECT_FALSE(matches(FNull, Z)); // an externref null is another type
  SpecValue AnyFunc = parseOk(R"({"type": "funcref"})");
  EXPECT_EQ(AnyFunc.Pat, Pattern::AnyRef);
  EXPECT_TRUE(matches(AnyFunc, ref(WA_FUNCREF, WIRE_REF_NONNULL)));
  EXPECT_FALSE(matches(AnyFunc, ref(WA_FUNCREF, WIRE_REF_NULL)));
}

TEST(SpecValueTest, MessageMatching) {
  EXPECT_TRUE(messageMatches("out of bounds memory access",
                             "out of bounds memory access"));
  EXPECT_TRUE(messageMatches("unknown import: \"m\" \"f\"", "unknown import"));
  EXPECT_TRUE(messageMatches("uninitialized element", "uninitialized element 2"));
  EXPECT_FALSE(messageMatches("undefined element", "uninitialized element"));
  EXPECT_FALSE(messageMatches("out of bounds", "out of bounds memory access"));
  EXPECT_FALSE(messageMatches("", "unreachable"));
}

TEST(SpecRunTest, ExpectedFailureList) {
  StringRef Text = "# comment\n"
                   "\n"
                   "i32.wast:12 a reason\n"
                   "f32.wast:#7 mode=explicit by index\n"
                   "f64.wast:3 opt=O0 only at O0\n"
                   "f32.wast:9 target=riscv64-linux-gnu mode=guard rv only\n";
  const RunKey X86Guard{"guard", "-O2", "x86_64-linux-gnu"};
  Expected<ExpectedFailures> G = ExpectedFailures::parse(Text, X86Guard);
  ASSERT_TRUE(bool(G)) << toString(G.takeError());
  EXPECT_EQ(G->size(), 1u);
  ASSERT_NE(G->find("i32.wast", 12, 0), nullptr);
  EXPECT_EQ(G->find("i32.wast", 12, 0)->Reason, "a reason");
  EXPECT_EQ(G->find("i32.wast", 13, 0), nullptr);
  EXPECT_EQ(G->find("f32.wast", 1, 7), nullptr); // filtered out (guard)
  EXPECT_EQ(G->find("f32.wast", 9, 0), nullptr); // filtered out (x86-64)

  Expected<ExpectedFailures> E = ExpectedFailures::parse(
      Text, {"explicit", "O0", "x86_64-linux-gnu"});
  ASSERT_TRUE(bool(E)) << toString(E.takeError());
  EXPECT_EQ(E->size(), 3u);
  EXPECT_NE(E->find("f32.wast", 99, 7), nullptr);
  EXPECT_NE(E->find("f64.wast", 3, 0), nullptr);

  // target= and mode= both have to accept the run.
  Expected<ExpectedFailures> RV = ExpectedFailures::parse(
      Text, {"guard", "O2", "riscv64-linux-gnu"});
  ASSERT_TRUE(bool(RV)) << toString(RV.takeError());
  ASSERT_NE(RV->find("f32.wast", 9, 0), nullptr);
  EXPECT_EQ(RV->find("f32.wast", 9, 0)->Reason, "rv only");
  Expected<ExpectedFailures> RVE = ExpectedFailures::parse(
      Text, {"explicit", "O2", "riscv64-linux-gnu"});
  ASSERT_TRUE(bool(RVE)) << toString(RVE.takeError());
  EXPECT_EQ(RVE->find("f32.wast", 9, 0), nullptr);

  for (StringRef Bad :
       {"i32.wast:x reason\n", "i32.wast:3\n", "i32:3 not a wast file\n",
        "a.wast:3 mode=fast r\n", "a.wast:3 target=riscv64 r\n",
        "a.wast:3 target=mips-linux-gnu r\n"}) {
    Expected<ExpectedFailures> L = ExpectedFailures::parse(Bad, X86Guard);
    EXPECT_FALSE(bool(L)) << Bad.str();
    if (!L)
      consumeError(L.takeError());
  }
}

TEST(WireTest, StringsAndValuesRoundTrip) {
  wire_buf B{};
  const char Name[] = "a \"b\"\\\n\0\xff";
  wire_word(&B, "invoke");
  wire_string(&B, Name, sizeof Name - 1);
  wire_string(&B, "", 0);
  wire_value In[] = {bits(WA_I32, 0xdeadbeef), bits(WA_F64, 0x7ff4000000000001),
                     ref(WA_EXTERNREF, WIRE_REF_HOST, 12),
                     ref(WA_EXTERNREF, WIRE_REF_NONNULL),
                     ref(WA_FUNCREF, WIRE_REF_NULL), bits(WA_V128, 0)};
  for (unsigned I = 0; I < 16; ++I)
    In[5].v128[I] = static_cast<uint8_t>(I * 17);
  for (const wire_value &V : In)
    wire_value_put(&B, &V);
  wire_newline(&B);
  ASSERT_FALSE(B.failed);
  std::string Text(B.data, B.len);
  wire_buf_free(&B);
  // One line: every byte of the name that could end it is escaped.
  EXPECT_EQ(Text.find('\n'), Text.size() - 1);
  EXPECT_NE(Text.find("i32:0xdeadbeef f64:0x7ff4000000000001 externref:12 "
                      "externref:nonnull funcref:null v128:0x00112233"),
            std::string::npos)
      << Text;

  char *Pos = Text.data(), *End = Text.data() + Text.size(), *LineEnd;
  char *Line = wire_next_line(&Pos, End, &LineEnd, true);
  ASSERT_NE(Line, nullptr);
  wire_line L = wire_line_of(Line, LineEnd);
  wire_op Op;
  ASSERT_TRUE(wire_get_op(&L, &Op));
  EXPECT_EQ(Op, WIRE_OP_INVOKE);
  char *Str;
  size_t Len;
  ASSERT_TRUE(wire_get_string(&L, &Str, &Len));
  EXPECT_EQ(std::string(Str, Len), std::string(Name, sizeof Name - 1));
  ASSERT_TRUE(wire_get_string(&L, &Str, &Len));
  EXPECT_EQ(Len, 0u);
  for (const wire_value &Want : In) {
    wire_value Got;
    ASSERT_TRUE(wire_get_value(&L, &Got));
    EXPECT_EQ(Got.type, Want.type);
    EXPECT_EQ(Got.ref, Want.ref);
    EXPECT_EQ(Got.bits, Want.bits);
    EXPECT_EQ(std::memcmp(Got.v128, Want.v128, 16), 0);
  }
  EXPECT_TRUE(wire_at_end(&L));
  EXPECT_EQ(wire_next_line(&Pos, End, &LineEnd, true), nullptr);
}

TEST(WireTest, BrokenTokensAreRefused) {
  for (const char *Bad : {"\"unterminated", "\"bad \\zz escape\"", "i32:0x1",
                          "i32:1", "f32:0x7fc0000g", "funcref:3", "i16:0x0001",
                          "v128:0x00", "externref:-1"}) {
    std::string Text = Bad;
    wire_line L = wire_line_of(Text.data(), Text.data() + Text.size());
    char *Str;
    size_t Len;
    wire_value V;
    EXPECT_FALSE(wire_get_string(&L, &Str, &Len)) << Bad;
    EXPECT_FALSE(wire_get_value(&L, &V)) << Bad;
    // Nothing was consumed.
    EXPECT_EQ(L.pos, Text.data()) << Bad;
  }
  // A last line without its newline was cut short by a crash.
  std::string Torn = "1 ok\n2 o";
  char *Pos = Torn.data(), *End = Torn.data() + Torn.size(), *LineEnd;
  EXPECT_NE(wire_next_line(&Pos, End, &LineEnd, true), nullptr);
  EXPECT_EQ(wire_next_line(&Pos, End, &LineEnd, true), nullptr);
}

TEST(SpecRunTest, BuildLogRoundTrip) {
  SmallString<128> Path;
  ASSERT_FALSE(sys::fs::createTemporaryFile("builds", "txt", Path));
  BuildLog Log;
  Log[3].State = BuildResult::Built;
  Log[3].SharedObject = "/tmp/x y/a.3.so";
  Log[7].State = BuildResult::Unsupported;
  Log[7].Message = "v128 \"not\" supported\tyet";
  ASSERT_FALSE(bool(writeBuildLog(Path, Log)));
  BuildLog Back = readBuildLog(Path);
  sys::fs::remove(Path);
  ASSERT_EQ(Back.size(), 2u);
  EXPECT_EQ(Back[3].State, BuildResult::Built);
  EXPECT_EQ(Back[3].SharedObject, "/tmp/x y/a.3.so");
  EXPECT_EQ(Back[7].State, BuildResult::Unsupported);
  EXPECT_EQ(Back[7].Message, Log[7].Message);
  EXPECT_TRUE(readBuildLog(Path).empty()); // gone: nothing was built
}

TEST(SpecRunTest, ScriptParsing) {
  SmallString<128> Path;
  ASSERT_FALSE(sys::fs::createTemporaryFile("script", "json", Path));
  {
    std::error_code EC;
    raw_fd_ostream OS(Path, EC);
    ASSERT_FALSE(EC);
    OS << R"({"source_filename": "core/x.wast", "commands": [
      {"type": "module", "line": 1, "name": "$M", "filename": "x.0.wasm"},
      {"type": "assert_return", "line": 2, "action": {"type": "invoke",
        "field": "f", "args": [{"type": "i32", "value": "1"}]},
        "expected": [{"type": "f32", "value": "nan:canonical"}]},
      {"type": "assert_trap", "line": 3, "action": {"type": "invoke",
        "field": "g", "args": []}, "text": "unreachable",
        "expected": [{"type": "i32"}]},
      {"type": "assert_malformed", "line": 4, "filename": "x.1.wat",
        "text": "unexpected token", "module_type": "text"},
      {"type": "register", "line": 5, "as": "M"},
      {"type": "assert_return", "line": 6, "action": {"type": "invoke",
        "field": "f", "args": [{"type": "f32", "value": "nan:canonical"}]},
        "expected": []},
      {"type": "assert_frobnicated", "line": 7}
    ]})";
  }
  Expected<Script> S = parseScript(Path);
  sys::fs::remove(Path);
  ASSERT_TRUE(bool(S)) << toString(S.takeError());
  EXPECT_EQ(S->Source, "core/x.wast");
  ASSERT_EQ(S->Commands.size(), 7u);
  const std::vector<Command> &C = S->Commands;
  EXPECT_EQ(C[0].Kind, CommandKind::Module);
  EXPECT_EQ(C[0].Name, "$M");
  EXPECT_FALSE(C[0].TextModule);
  EXPECT_EQ(C[1].Kind, CommandKind::AssertReturn);
  ASSERT_TRUE(C[1].Act.has_value());
  EXPECT_EQ(C[1].Act->Args.size(), 1u);
  EXPECT_EQ(C[1].Expected[0].Pat, Pattern::CanonicalNaN);
  EXPECT_TRUE(C[2].ParseError.empty()) << C[2].ParseError;
  EXPECT_EQ(C[2].Text, "unreachable");
  EXPECT_TRUE(C[3].TextModule);
  EXPECT_EQ(C[4].As, "M");
  EXPECT_FALSE(C[5].ParseError.empty()); // a NaN pattern as an argument
  EXPECT_EQ(C[6].Kind, CommandKind::Unknown);
  EXPECT_FALSE(C[6].ParseError.empty());
  EXPECT_EQ(C[6].Index, 6u);
}

/// Writes `Text` to a new temporary file and returns its path.
std::string tempFile(StringRef Name, StringRef Text) {
  SmallString<128> Path;
  EXPECT_FALSE(sys::fs::createTemporaryFile(Name, "txt", Path));
  std::error_code EC;
  raw_fd_ostream OS(Path, EC);
  EXPECT_FALSE(EC);
  OS << Text;
  return Path.str().str();
}

TEST(SpecRunTest, JudgeReadsTheExecutorsAnswers) {
  std::string Json = tempFile("script", R"({"source_filename": "x.wast",
    "commands": [
      {"type": "module", "line": 1, "name": "$M", "filename": "x.0.wasm"},
      {"type": "assert_return", "line": 2, "action": {"type": "invoke",
        "field": "nan", "args": []},
        "expected": [{"type": "f32", "value": "nan:canonical"}]},
      {"type": "assert_return", "line": 3, "action": {"type": "invoke",
        "field": "one", "args": []},
        "expected": [{"type": "i32", "value": "1"}]},
      {"type": "assert_trap", "line": 4, "action": {"type": "invoke",
        "field": "boom", "args": []}, "text": "unreachable", "expected": []},
      {"type": "module", "line": 5, "filename": "x.1.wasm"},
      {"type": "assert_return", "line": 6, "action": {"type": "invoke",
        "field": "f", "args": []}, "expected": []},
      {"type": "assert_return", "line": 7, "action": {"type": "invoke",
        "module": "$M", "field": "f", "args": [{"type": "i64", "value": "1"}]},
        "expected": []},
      {"type": "assert_unlinkable", "line": 8, "filename": "x.2.wasm",
        "text": "unknown import", "module_type": "binary"},
      {"type": "assert_invalid", "line": 9, "filename": "x.3.wasm",
        "text": "type mismatch", "module_type": "binary"},
      {"type": "assert_return", "line": 10, "action": {"type": "invoke",
        "field": "late", "args": []}, "expected": []}
    ]})");
  Expected<Script> S = parseScript(Json);
  sys::fs::remove(Json);
  ASSERT_TRUE(bool(S)) << toString(S.takeError());

  BuildLog Builds;
  Builds[0] = {BuildResult::Built, "/m/x.0.so", ""};
  Builds[4] = {BuildResult::Unsupported, "", "v128 is not supported yet"};
  Builds[7] = {BuildResult::Built, "/m/x.2.so", ""};
  Builds[8] = {BuildResult::Rejected, "", "type mismatch"};

  // The plan asks for what each command needs.
  std::vector<wire_op> Ops;
  for (const Command &C : S->Commands)
    Ops.push_back(stepOf(C, Builds));
  EXPECT_EQ(Ops, (std::vector<wire_op>{
                     WIRE_OP_MODULE, WIRE_OP_INVOKE, WIRE_OP_INVOKE,
                     WIRE_OP_INVOKE, WIRE_OP_CLEAR, WIRE_OP_INVOKE,
                     WIRE_OP_INVOKE, WIRE_OP_INSTANTIATE, WIRE_OP_SKIP,
                     WIRE_OP_INVOKE}));

  // The executor died after command 8: command 9 has no answer.
  std::string Records = tempFile("records", "0 ok\n"
                                            "1 ok f32:0xffc00000\n"
                                            "2 ok i32:0x00000002\n"
                                            "3 trap \"unreachable executed\"\n"
                                            "4 none\n"
                                            "5 noinst\n"
                                            "6 signature i32\n"
                                            "7 inst 1 \"unknown import: \\22m\\22\"\n"
                                            "8 none\n"
                                            "9 ok i32:0x000");
  Answers A = readAnswers(Records);
  sys::fs::remove(Records);
  EXPECT_EQ(A.size(), 9u); // the torn last line is left out
  EXPECT_EQ(A[7].Text, "unknown import: \"m\"");

  std::vector<Outcome> O = judgeScript(*S, Builds, A);
  ASSERT_EQ(O.size(), 9u);
  EXPECT_EQ(O[0].St, Status::Pass);
  EXPECT_EQ(O[1].St, Status::Pass) << O[1].Cause;
  EXPECT_EQ(O[2].St, Status::Fail);
  EXPECT_EQ(O[2].Cause, "wrong result");
  EXPECT_EQ(O[2].Detail, "\"one\": got i32:2 (0x00000002), expected "
                         "i32:1 (0x00000001)");
  EXPECT_EQ(O[3].St, Status::Pass) << O[3].Cause;
  // The module the compiler does not support, and the command that
  // needed it, are unsupported rather than failed.
  EXPECT_EQ(O[4].St, Status::Unsupported);
  EXPECT_EQ(O[5].St, Status::Unsupported);
  EXPECT_EQ(O[5].Detail, "module at line 5 failed: not supported by "
                         "wasm-aot compile");
  EXPECT_EQ(O[6].St, Status::Fail);
  EXPECT_EQ(O[6].Detail, "argument 0 of \"f\" is i32, the script passes i64");
  EXPECT_EQ(O[7].St, Status::Pass) << O[7].Cause;
  EXPECT_EQ(O[8].St, Status::Pass);

  // An instantiation error of the wrong kind does not pass.
  A[7].ErrorKind = WA_ERROR_TRAP;
  O = judgeScript(*S, Builds, A);
  EXPECT_EQ(O[7].St, Status::Fail);
  // A store that could not be set up fails every command, saying why.
  for (auto &[Index, Ans] : A) {
    Ans = Answer();
    Ans.Kind = WIRE_ANS_SETUP;
    Ans.Text = "wa_store_new failed";
  }
  O = judgeScript(*S, Builds, A);
  ASSERT_EQ(O.size(), 9u);
  EXPECT_EQ(O[8].St, Status::Fail);
  EXPECT_EQ(O[8].Cause, "runner setup failed: wa_store_new failed");
}

} // namespace

//===- SpecRunTest.cpp - Unit tests of the spec runner's pieces -----------===//
//
// Value parsing and comparison (bitwise floats, NaN patterns, v128 lanes,
// host references), message matching, the expected-failure list and the
// outcome records the runner's child processes write.
//
//===----------------------------------------------------------------------===//
#include "ExpectedFailures.h"
#include "Outcome.h"
#include "SpecCommand.h"
#include "SpecValue.h"

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

wa_value f32Bits(uint32_t B) {
  wa_value V;
  std::memset(&V, 0, sizeof V);
  std::memcpy(&V, &B, 4);
  return V;
}

wa_value f64Bits(uint64_t B) {
  wa_value V;
  std::memset(&V, 0, sizeof V);
  std::memcpy(&V, &B, 8);
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
  HostRefs Refs;
  SpecValue V = parseOk(R"({"type": "i32", "value": "4294967295"})");
  EXPECT_EQ(V.Type, WA_I32);
  wa_value W;
  std::memset(&W, 0, sizeof W);
  W.i32 = -1;
  EXPECT_TRUE(matches(V, W, Refs));
  W.i32 = -2;
  EXPECT_FALSE(matches(V, W, Refs));

  SpecValue L = parseOk(R"({"type": "i64", "value": "9223372036854775808"})");
  std::memset(&W, 0, sizeof W);
  W.i64 = INT64_MIN;
  EXPECT_TRUE(matches(L, W, Refs));
  EXPECT_EQ(toWaValue(L, Refs).i64, INT64_MIN);
}

TEST(SpecValueTest, FloatsCompareBitwise) {
  HostRefs Refs;
  SpecValue Zero = parseOk(R"({"type": "f32", "value": "0"})");
  SpecValue NegZero = parseOk(R"({"type": "f32", "value": "2147483648"})");
  EXPECT_TRUE(matches(Zero, f32Bits(0), Refs));
  EXPECT_FALSE(matches(Zero, f32Bits(0x80000000), Refs));
  EXPECT_TRUE(matches(NegZero, f32Bits(0x80000000), Refs));
  // A NaN given by its bits matches only those bits.
  SpecValue Nan = parseOk(R"({"type": "f64", "value": "9221120237041090561"})");
  EXPECT_TRUE(matches(Nan, f64Bits(9221120237041090561ull), Refs));
  EXPECT_FALSE(matches(Nan, f64Bits(0x7ff8000000000000ull), Refs));
}

TEST(SpecValueTest, NaNPatterns) {
  HostRefs Refs;
  SpecValue C = parseOk(R"({"type": "f32", "value": "nan:canonical"})");
  EXPECT_EQ(C.Pat, Pattern::CanonicalNaN);
  EXPECT_TRUE(matches(C, f32Bits(0x7fc00000), Refs));
  EXPECT_TRUE(matches(C, f32Bits(0xffc00000), Refs));
  EXPECT_FALSE(matches(C, f32Bits(0x7fc00001), Refs));
  EXPECT_FALSE(matches(C, f32Bits(0x3f800000), Refs));

  SpecValue A = parseOk(R"({"type": "f64", "value": "nan:arithmetic"})");
  EXPECT_EQ(A.Pat, Pattern::ArithmeticNaN);
  EXPECT_TRUE(matches(A, f64Bits(0x7ff8000000000000ull), Refs));
  EXPECT_TRUE(matches(A, f64Bits(0xfff8000000000123ull), Refs));
  EXPECT_FALSE(matches(A, f64Bits(0x7ff0000000000001ull), Refs));
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
  HostRefs Refs;
  SpecValue V = parseOk(R"({"type": "v128", "lane_type": "i16", "value":
      ["1", "2", "3", "4", "5", "6", "7", "65535"]})");
  wa_value W = toWaValue(V, Refs);
  EXPECT_EQ(W.v128[0], 1);
  EXPECT_EQ(W.v128[1], 0);
  EXPECT_EQ(W.v128[14], 0xff);
  EXPECT_EQ(W.v128[15], 0xff);
  EXPECT_TRUE(matches(V, W, Refs));
  W.v128[3] = 9;
  EXPECT_FALSE(matches(V, W, Refs));

  SpecValue F = parseOk(R"({"type": "v128", "lane_type": "f32", "value":
      ["nan:canonical", "0", "nan:arithmetic", "1065353216"]})");
  wa_value G;
  std::memset(&G, 0, sizeof G);
  uint32_t Lanes[4] = {0xffc00000u, 0, 0x7fc00005u, 0x3f800000u};
  std::memcpy(G.v128, Lanes, 16);
  EXPECT_TRUE(matches(F, G, Refs));
  Lanes[0] = 0x7fc00001u; // not canonical
  std::memcpy(G.v128, Lanes, 16);
  EXPECT_FALSE(matches(F, G, Refs));
}

TEST(SpecValueTest, References) {
  HostRefs Refs;
  SpecValue One = parseOk(R"({"type": "externref", "value": "1"})");
  SpecValue Two = parseOk(R"({"type": "externref", "value": "2"})");
  SpecValue Null = parseOk(R"({"type": "externref", "value": "null"})");
  wa_value A = toWaValue(One, Refs);
  wa_value B = toWaValue(Two, Refs);
  EXPECT_NE(A.ref, nullptr);
  EXPECT_NE(A.ref, B.ref);
  EXPECT_EQ(toWaValue(One, Refs).ref, A.ref); // the same number, same pointer
  EXPECT_TRUE(matches(One, A, Refs));
  EXPECT_FALSE(matches(One, B, Refs));
  EXPECT_FALSE(matches(Null, A, Refs));
  wa_value Z;
  std::memset(&Z, 0, sizeof Z);
  EXPECT_TRUE(matches(Null, Z, Refs));
  EXPECT_FALSE(matches(One, Z, Refs));
  EXPECT_EQ(formatValue(WA_EXTERNREF, B, Refs), "externref:2");

  SpecValue FNull = parseOk(R"({"type": "funcref", "value": "null"})");
  EXPECT_TRUE(matches(FNull, Z, Refs));
  EXPECT_FALSE(matches(FNull, A, Refs));
  SpecValue AnyFunc = parseOk(R"({"type": "funcref"})");
  EXPECT_EQ(AnyFunc.Pat, Pattern::AnyRef);
  EXPECT_TRUE(matches(AnyFunc, A, Refs));
  EXPECT_FALSE(matches(AnyFunc, Z, Refs));
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
                   "f64.wast:3 opt=O0 only at O0\n";
  Expected<ExpectedFailures> G = ExpectedFailures::parse(Text, "guard", "-O2");
  ASSERT_TRUE(bool(G)) << toString(G.takeError());
  EXPECT_EQ(G->size(), 1u);
  ASSERT_NE(G->find("i32.wast", 12, 0), nullptr);
  EXPECT_EQ(G->find("i32.wast", 12, 0)->Reason, "a reason");
  EXPECT_EQ(G->find("i32.wast", 13, 0), nullptr);
  EXPECT_EQ(G->find("f32.wast", 1, 7), nullptr); // filtered out (guard)

  Expected<ExpectedFailures> E = ExpectedFailures::parse(Text, "explicit", "O0");
  ASSERT_TRUE(bool(E)) << toString(E.takeError());
  EXPECT_EQ(E->size(), 3u);
  EXPECT_NE(E->find("f32.wast", 99, 7), nullptr);
  EXPECT_NE(E->find("f64.wast", 3, 0), nullptr);

  for (StringRef Bad : {"i32.wast:x reason\n", "i32.wast:3\n",
                        "i32:3 not a wast file\n", "a.wast:3 mode=fast r\n"}) {
    Expected<ExpectedFailures> L = ExpectedFailures::parse(Bad, "guard", "O2");
    EXPECT_FALSE(bool(L)) << Bad.str();
    if (!L)
      consumeError(L.takeError());
  }
}

TEST(SpecRunTest, OutcomeRecordsRoundTrip) {
  SmallString<128> Path;
  ASSERT_FALSE(sys::fs::createTemporaryFile("outcomes", "txt", Path));
  int Fd = open(Path.c_str(), O_WRONLY | O_TRUNC | O_APPEND);
  ASSERT_GE(Fd, 0);
  writeOutcome(Fd, {0, Status::Pass, "", ""});
  writeOutcome(Fd, {5, Status::Fail, "wrong\tresult", "got\nthis \\ that"});
  writeOutcome(Fd, {6, Status::NotApplicable, "", ""});
  // A record cut short by a crash is ignored.
  ASSERT_EQ(::write(Fd, "7\tP", 3), 3);
  close(Fd);
  std::vector<Outcome> O = readOutcomes(Path);
  sys::fs::remove(Path);
  ASSERT_EQ(O.size(), 3u);
  EXPECT_EQ(O[0].Index, 0u);
  EXPECT_EQ(O[0].St, Status::Pass);
  EXPECT_EQ(O[1].Index, 5u);
  EXPECT_EQ(O[1].St, Status::Fail);
  EXPECT_EQ(O[1].Cause, "wrong\tresult");
  EXPECT_EQ(O[1].Detail, "got\nthis \\ that");
  EXPECT_EQ(O[2].St, Status::NotApplicable);
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

} // namespace

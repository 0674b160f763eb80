//===- LinkerTest.cpp - lld in-process: bad input is an error ------------===//
//
// lld's fatal errors end the process unless they happen on the thread that
// entered lldMain; linkExecutable must turn every one into an llvm::Error
// with lld's message, never exit `wasm-aot build` without a word.
//
//===----------------------------------------------------------------------===//
#include "WasmBuilder.h"

#include "codegen/CodeGen.h"
#include "driver/Compile.h"
#include "link/Link.h"

#include "llvm/Object/ELF.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace wasmaot;
using namespace wasmaot::test;
using namespace llvm;

namespace {

/// An object compiled from a module with one function, whose local
/// function symbol then gets a section index the object does not have.
Expected<SmallVector<char, 0>> objectWithBadSymbol() {
  Bytes Wasm = module({
      section(1, vec({{0x60, 0x00, 0x00}})),
      section(3, vec({uleb(0)})),
      section(10, vec({{0x02, 0x00, 0x0B}})),
  });
  SmallVector<char, 0> Object;
  raw_svector_ostream OS(Object);
  CompileOptions Opts;
  if (Error E = compileModule(Wasm, Opts, OS))
    return std::move(E);

  Expected<object::ELF64LEFile> File =
      object::ELF64LEFile::create(StringRef(Object.data(), Object.size()));
  if (!File)
    return File.takeError();
  Expected<object::ELF64LEFile::Elf_Shdr_Range> Sections = File->sections();
  if (!Sections)
    return Sections.takeError();
  for (const auto &Sec : *Sections) {
    if (Sec.sh_type != ELF::SHT_SYMTAB)
      continue;
    for (uint64_t Off = Sec.sh_offset; Off + 24 <= Sec.sh_offset + Sec.sh_size;
         Off += 24) {
      auto *Sym = reinterpret_cast<uint8_t *>(Object.data() + Off);
      if ((Sym[4] & 0xF) == ELF::STT_FUNC) {
        support::endian::write16le(Sym + 6, 0xFEFF); // no such section
        return Object;
      }
    }
  }
  return createStringError(inconvertibleErrorCode(), "no function symbol");
}

TEST(LinkerTest, ABrokenObjectIsAnErrorWithLldsMessage) {
  Expected<Triple> Host = resolveTriple("");
  ASSERT_TRUE(bool(Host)) << toString(Host.takeError());
  Expected<CLibrary> LibC = findCLibrary(*Host, "", "");
  if (!LibC) {
    std::string Why = toString(LibC.takeError());
    GTEST_SKIP() << "no C library to link with: " << Why;
  }
  Expected<SmallVector<char, 0>> Object = objectWithBadSymbol();
  ASSERT_TRUE(bool(Object)) << toString(Object.takeError());

  SmallString<128> Dir;
  ASSERT_FALSE(sys::fs::createUniqueDirectory("wasm-aot-linker-test", Dir));
  SmallString<128> ObjPath(Dir), ExePath(Dir);
  sys::path::append(ObjPath, "broken.o");
  sys::path::append(ExePath, "broken");
  {
    std::error_code EC;
    raw_fd_ostream Out(ObjPath, EC);
    ASSERT_FALSE(EC) << EC.message();
    Out.write(Object->data(), Object->size());
  }

  Error E = linkExecutable(*Host, {std::string(ObjPath)}, {}, *LibC, ExePath);
  ASSERT_TRUE(bool(E)) << "linking a broken object succeeded";
  std::string Message = toString(std::move(E));
  EXPECT_NE(Message.find("linking failed"), std::string::npos) << Message;
  EXPECT_NE(Message.find("broken.o"), std::string::npos)
      << "lld's message, naming the object, is missing: " << Message;
  sys::fs::remove_directories(Dir);
}

} // namespace

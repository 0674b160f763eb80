//===- SiteMap.h - The site map's contract and encoding ---------*- C++ -*-===//
//
// The site map (abi.h, wa_site_map) tells the runtime which instruction of
// the module the code at a native PC came from. It is made in two halves:
//  - lowering (in guard mode; with explicit checks nothing faults) gives
//    every guest function a DISubprogram and every instruction a debug
//    location whose line is a module offset: the instruction's, with
//    column FaultSiteColumn, on the code of guest memory accesses; the
//    function's body offset, column 0, on all other code (which function
//    it belongs to, even when inlined); it lists the guest functions in the
//    named metadata FunctionsMetadata and emits a placeholder map into
//    WA_SITE_MAP_SECTION;
//  - after code generation, the object's line table is read back and the
//    placeholder replaced by the real map (codegen/SiteMapWriter.cpp).
// Debug info is the transport because it is the one thing LLVM carries
// faithfully from an IR instruction to the machine instructions made from
// it; the debug sections are stripped from the object afterwards.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_ABI_SITEMAP_H
#define WASMAOT_ABI_SITEMAP_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/Constant.h"
#include "llvm/IR/LLVMContext.h"

#include <cstdint>
#include <vector>

namespace wasmaot {

/// Named metadata: one operand per defined function of the LLVM module, in
/// defined-index order, each !{ptr @function, i32 body_start,
/// i32 defined_index}.
inline constexpr llvm::StringLiteral SiteFunctionsMetadata =
    "wasm_aot.site_functions";

/// The debug-location column of code that can trap by a fault; every other
/// location has column 0.
inline constexpr unsigned FaultSiteColumn = 1;

/// What a range of code is (abi.h, wa_site_map).
struct Site {
  enum Kind : uint8_t {
    Unknown,     ///< nothing beyond the function containing it
    InFunction,  ///< code of the defined function Value, inlined
    Instruction, ///< code of the instruction at module offset Value
  };
  Kind K = Unknown;
  uint32_t Value = 0;

  static Site unknown() { return {}; }
  static Site inFunction(uint32_t Defined) { return {InFunction, Defined}; }
  static Site instruction(uint32_t Offset) { return {Instruction, Offset}; }
  bool operator==(const Site &O) const {
    return K == O.K && (K == Unknown || Value == O.Value);
  }
  bool operator!=(const Site &O) const { return !(*this == O); }
};

/// One defined function's part of the map.
struct SiteMapFunction {
  uint32_t BodyStart = 0; ///< module offset of the body
  uint32_t CodeSize = 0;  ///< bytes of native code
  /// {code offset, site}, ascending by code offset, no two neighbours with
  /// the same site; code before the first row is Site::unknown().
  std::vector<std::pair<uint32_t, Site>> Rows;
};

/// The bytes of a wa_site_map (header and arrays), little-endian as all
/// supported targets are.
std::vector<uint8_t> encodeSiteMap(llvm::ArrayRef<SiteMapFunction> Funcs);

/// The map of no function, as an initialiser: what lowering puts into the
/// section and what stays when no object is written (assembly output).
llvm::Constant *emptySiteMap(llvm::LLVMContext &Ctx);

} // namespace wasmaot

#endif

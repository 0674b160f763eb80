//===- SiteMapWriter.h - The site map of a finished object ------*- C++ -*-===//
//
// The code generator's half of the site map (abi/SiteMap.h): reads the line
// table of the object code generation produced, turns it into the wa_site_map
// of the module's guest functions and writes the map into the map's section
// (ObjectEdits.h then strips the debug sections, which only carried it).
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_CODEGEN_SITEMAPWRITER_H
#define WASMAOT_CODEGEN_SITEMAPWRITER_H

#include "abi/SiteMap.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace wasmaot {

/// A guest function as the object names it.
struct SiteFunctionSymbol {
  std::string Symbol;
  uint32_t BodyStart = 0;
  uint32_t Defined = 0; ///< defined index (function index minus imports)
};

/// The guest functions lowering listed in M (SiteFunctionsMetadata), in
/// defined-index order; empty when M has no site map.
std::vector<SiteFunctionSymbol> siteFunctionSymbols(const llvm::Module &M);

/// The map of Funcs from the line table of ELF relocatable Object.
llvm::Expected<std::vector<SiteMapFunction>>
buildSiteMap(llvm::StringRef Object,
             llvm::ArrayRef<SiteFunctionSymbol> Funcs);

/// Puts the encoded Map into WA_SITE_MAP_SECTION of Object, which holds the
/// placeholder lowering emitted (the module's descriptor points to it).
llvm::Error replaceSiteMap(llvm::SmallVectorImpl<char> &Object,
                           llvm::ArrayRef<SiteMapFunction> Map);

} // namespace wasmaot

#endif

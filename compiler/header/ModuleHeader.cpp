//===- ModuleHeader.cpp - A typed C interface for one compiled module -----===//
#include "header/ModuleHeader.h"

#include "ir/ValType.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <vector>

using namespace llvm;

namespace wasmaot {

bool isCIdentifier(StringRef Name) {
  if (Name.empty() || isDigit(Name.front()))
    return false;
  return llvm::all_of(Name, [](char C) { return isAlnum(C) || C == '_'; });
}

namespace {

/// Words a generated name must not be: C's and C++'s keywords (the header
/// is read by both) and the header's own parameter names.
bool isReserved(StringRef Name) {
  static const char *const Words[] = {
      "alignas", "alignof", "and", "asm", "auto", "bool", "break", "case",
      "catch", "char", "class", "const", "constexpr", "continue", "default",
      "delete", "do", "double", "else", "enum", "explicit", "extern",
      "false", "float", "for", "friend", "goto", "if", "inline", "int",
      "long", "mutable", "namespace", "new", "not", "operator", "or",
      "private", "protected", "public", "register", "restrict", "return",
      "short", "signed", "sizeof", "static", "struct", "switch",
      "template", "this", "throw", "true", "try", "typedef", "typename",
      "union", "unsigned", "using", "virtual", "void", "volatile", "while",
      "xor",
      // The generated functions' own parameters and locals.
      "instance", "result", "results", "e", "args", "values", "status",
      "failed", "env", "im", "trap"};
  for (const char *W : Words)
    if (Name == W)
      return true;
  return Name.starts_with("_");
}

/// Name with every byte C cannot have in an identifier made '_'.
std::string identifierPart(StringRef Name) {
  std::string Out;
  for (char C : Name)
    Out += isAlnum(C) || C == '_' ? C : '_';
  return Out;
}

/// Bytes as a C string literal: printable ASCII as itself, everything else
/// (quotes, backslashes, '?', NUL, UTF-8) as an octal escape.
std::string cString(StringRef Bytes) {
  std::string Out = "\"";
  for (unsigned char C : Bytes) {
    if (C >= 0x20 && C < 0x7f && C != '"' && C != '\\' && C != '?') {
      Out += char(C);
    } else {
      Out += '\\';
      Out += char('0' + (C >> 6));
      Out += char('0' + ((C >> 3) & 7));
      Out += char('0' + (C & 7));
    }
  }
  return Out + "\"";
}

/// Bytes for a comment: anything that could end it or is not printable
/// ASCII shown as '?'.
std::string commentText(StringRef Bytes) {
  std::string Out;
  for (char C : Bytes)
    Out += C >= 0x20 && C < 0x7f ? C : '?';
  size_t At;
  while ((At = Out.find("*/")) != std::string::npos)
    Out[At] = '?';
  return Out;
}

const char *cType(ValType T) {
  switch (T) {
  case ValType::I32: return "int32_t";
  case ValType::I64: return "int64_t";
  case ValType::F32: return "float";
  case ValType::F64: return "double";
  case ValType::FuncRef: return "wa_func *";
  case ValType::ExternRef: return "void *";
  default: return "wa_value"; // v128: the value's 16 bytes
  }
}

/// How a C value of type T is written into, or read from, a wa_value.
std::string toValue(ValType T, StringRef Slot, StringRef Expr) {
  switch (T) {
  case ValType::I32: return (Slot + ".i32 = " + Expr).str();
  case ValType::I64: return (Slot + ".i64 = " + Expr).str();
  case ValType::F32: return (Slot + ".f32 = " + Expr).str();
  case ValType::F64: return (Slot + ".f64 = " + Expr).str();
  case ValType::FuncRef:
  case ValType::ExternRef: return (Slot + ".ref = (void *)" + Expr).str();
  default: return (Slot + " = " + Expr).str();
  }
}
std::string fromValue(ValType T, StringRef Slot) {
  switch (T) {
  case ValType::I32: return (Slot + ".i32").str();
  case ValType::I64: return (Slot + ".i64").str();
  case ValType::F32: return (Slot + ".f32").str();
  case ValType::F64: return (Slot + ".f64").str();
  case ValType::FuncRef: return ("(wa_func *)" + Slot + ".ref").str();
  case ValType::ExternRef: return (Slot + ".ref").str();
  default: return Slot.str();
  }
}

/// How the runtime's API names a memory, table or global: its type, its
/// wa_extern_kind constant and its member of wa_extern::of.
struct ExternNames {
  const char *Type;
  const char *KindConstant;
  const char *Member;
};
ExternNames externNames(ExternKind K) {
  switch (K) {
  case ExternKind::Memory: return {"wa_memory", "WA_EXTERN_MEMORY", "memory"};
  case ExternKind::Table: return {"wa_table", "WA_EXTERN_TABLE", "table"};
  default: return {"wa_global", "WA_EXTERN_GLOBAL", "global"};
  }
}

const char *valtypeConstant(ValType T) {
  switch (T) {
  case ValType::I32: return "WA_I32";
  case ValType::I64: return "WA_I64";
  case ValType::F32: return "WA_F32";
  case ValType::F64: return "WA_F64";
  case ValType::V128: return "WA_V128";
  case ValType::FuncRef: return "WA_FUNCREF";
  default: return "WA_EXTERNREF";
  }
}

std::string signatureComment(const FuncType &FT) {
  std::string S = "(";
  for (size_t I = 0; I < FT.Params.size(); ++I)
    S += (I ? " " : "") + valTypeName(FT.Params[I]).str();
  S += ") -> (";
  for (size_t I = 0; I < FT.Results.size(); ++I)
    S += (I ? " " : "") + valTypeName(FT.Results[I]).str();
  return S + ")";
}

class HeaderWriter {
public:
  HeaderWriter(const Module &Wasm, const HeaderOptions &Opts, raw_ostream &OS)
      : Wasm(Wasm), Opts(Opts), OS(OS) {
    // Names the header declares besides the exports'.
    for (const char *Own : {"_imports", "_instantiate"})
      Taken.insert(Opts.Prefix + Own);
    Taken.insert(Opts.ModuleSymbol);
  }

  void write();

private:
  /// Base, or Base with the first free "_N" after it: every declared
  /// name is distinct even when two wasm names map to one identifier.
  std::string unique(const std::string &Base) {
    std::string Name = Base;
    for (unsigned N = 2; !Taken.insert(Name).second; ++N)
      Name = Base + "_" + std::to_string(N);
    return Name;
  }
  /// The C names of function FuncIndex's parameters: its local names from
  /// the name section where they make identifiers, else pN.
  std::vector<std::string> paramNames(uint32_t FuncIndex, size_t Count);

  void writeImports();
  void writeInstantiate();
  void writeExports();
  void writeFunctionExport(const Export &E, size_t Index);

  const Module &Wasm;
  const HeaderOptions &Opts;
  raw_ostream &OS;
  StringSet<> Taken;
  /// Per import, its field in PREFIX_imports (empty for tags).
  std::vector<std::string> ImportFields;
};

std::vector<std::string> HeaderWriter::paramNames(uint32_t FuncIndex,
                                                  size_t Count) {
  std::vector<std::string> Names(Count);
  StringSet<> Used;
  auto Locals = Wasm.Names.Locals.find(FuncIndex);
  for (size_t I = 0; I < Count; ++I) {
    std::string Name;
    if (Locals != Wasm.Names.Locals.end()) {
      auto It = Locals->second.find(I);
      if (It != Locals->second.end() && isCIdentifier(It->second) &&
          !isReserved(It->second) && !Taken.contains(It->second))
        Name = It->second;
    }
    if (Name.empty() || !Used.insert(Name).second)
      Name = "p" + std::to_string(I);
    Used.insert(Name);
    Names[I] = Name;
  }
  // A name from the section may still equal a later pN.
  StringSet<> Seen;
  for (size_t I = 0; I < Count; ++I)
    if (!Seen.insert(Names[I]).second)
      Names[I] = "p" + std::to_string(I) + "_";
  return Names;
}

void HeaderWriter::write() {
  std::string Guard = "WASM_AOT_" + StringRef(Opts.Prefix).upper() + "_H";
  OS << "/* " << Opts.Prefix << ": the typed C interface of "
     << commentText(Opts.SourceName) << ", compiled by wasm-aot.\n"
     << " * Generated by `wasm-aot compile --emit-header`; do not edit.\n"
     << " * Link with the module's object and the runtime (wasm-aot::runtime);\n"
     << " * docs/embedding.md describes the interface. */\n"
     << "#ifndef " << Guard << "\n#define " << Guard << "\n\n"
     << "#include \"wasm-aot/runtime.h\"\n\n"
     << "#include <stdint.h>\n#include <stdlib.h>\n#include <string.h>\n\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << "/* The module's descriptor, the object's one external symbol. */\n"
     << "extern const wa_module " << Opts.ModuleSymbol << ";\n\n";
  writeImports();
  writeInstantiate();
  writeExports();
  OS << "#ifdef __cplusplus\n} /* extern \"C\" */\n#endif\n\n#endif /* "
     << Guard << " */\n";
}

void HeaderWriter::writeImports() {
  OS << "/* What the module imports. A host function returns 0, or a trap\n"
     << " * code (wa_trap_code) to make its caller trap, and writes its\n"
     << " * results through the pointers after its parameters; `env` is the\n"
     << " * struct's env. A null member is left for the extra bindings of\n"
     << " * " << Opts.Prefix << "_instantiate (such as WASI's). */\n"
     << "typedef struct " << Opts.Prefix << "_imports {\n"
     << "  void *env;\n";
  StringSet<> Fields;
  Fields.insert("env");
  for (const Import &I : Wasm.Imports) {
    if (I.Kind == ExternKind::Tag) {
      ImportFields.push_back("");
      continue;
    }
    std::string Base = identifierPart(I.Module) + "_" + identifierPart(I.Name);
    std::string Field = Base;
    for (unsigned N = 2; !Fields.insert(Field).second; ++N)
      Field = Base + "_" + std::to_string(N);
    ImportFields.push_back(Field);
    OS << "  /* " << commentText(I.Module) << " " << commentText(I.Name);
    switch (I.Kind) {
    case ExternKind::Func: {
      const FuncType &FT = Wasm.Types[I.FuncTypeIndex];
      OS << ": " << signatureComment(FT) << " */\n  uint32_t (*" << Field
         << ")(void *env";
      for (size_t P = 0; P < FT.Params.size(); ++P)
        OS << ", " << cType(FT.Params[P]) << " p" << P;
      for (size_t R = 0; R < FT.Results.size(); ++R)
        OS << ", " << cType(FT.Results[R]) << " *r" << R;
      OS << ");\n";
      break;
    }
    case ExternKind::Memory:
      OS << ": memory */\n  wa_memory *" << Field << ";\n";
      break;
    case ExternKind::Table:
      OS << ": table */\n  wa_table *" << Field << ";\n";
      break;
    case ExternKind::Global:
      OS << ": " << (I.Global.Mutable ? "mutable " : "")
         << valTypeName(I.Global.Type).str() << " global */\n  wa_global *" << Field
         << ";\n";
      break;
    case ExternKind::Tag:
      break;
    }
  }
  OS << "} " << Opts.Prefix << "_imports;\n\n";

  // One callback per imported function: unpacks the values and calls the
  // typed pointer.
  for (size_t K = 0; K < Wasm.Imports.size(); ++K) {
    const Import &I = Wasm.Imports[K];
    if (I.Kind != ExternKind::Func)
      continue;
    const FuncType &FT = Wasm.Types[I.FuncTypeIndex];
    OS << "static inline uint32_t " << Opts.Prefix << "_call_import_" << K
       << "(void *imports, wa_value *values) {\n"
       << "  const " << Opts.Prefix << "_imports *im = (const " << Opts.Prefix
       << "_imports *)imports;\n";
    for (size_t R = 0; R < FT.Results.size(); ++R)
      OS << "  " << cType(FT.Results[R]) << " r" << R << ";\n";
    OS << "  uint32_t trap = im->" << ImportFields[K] << "(im->env";
    for (size_t P = 0; P < FT.Params.size(); ++P)
      OS << ", " << fromValue(FT.Params[P], "values[" + std::to_string(P) + "]");
    for (size_t R = 0; R < FT.Results.size(); ++R)
      OS << ", &r" << R;
    OS << ");\n";
    if (!FT.Results.empty()) {
      OS << "  if (trap == 0) {\n";
      for (size_t R = 0; R < FT.Results.size(); ++R)
        OS << "    "
           << toValue(FT.Results[R], "values[" + std::to_string(R) + "]",
                      "r" + std::to_string(R))
           << ";\n";
      OS << "  }\n";
    }
    OS << "  return trap;\n}\n\n";
  }
}

void HeaderWriter::writeInstantiate() {
  const std::string &P = Opts.Prefix;
  OS << "/* Instantiates the module in `store`: the non-null members of\n"
     << " * `imports` (which may be null when it imports nothing) bind its\n"
     << " * imports, then `extra[0..num_extra)` binds what they leave (e.g.\n"
     << " * wa_wasi_bind_imports' bindings). `imports` must stay valid as\n"
     << " * long as the store: its host functions read it. As\n"
     << " * wa_instantiate: true and the instance in *instance, or false and\n"
     << " * *error. */\n"
     << "static inline bool " << P << "_instantiate(wa_store *store, const "
     << P << "_imports *imports,\n"
     << "    const wa_import_binding *extra, size_t num_extra,\n"
     << "    wa_instance **instance, wa_error *error) {\n"
     << "  size_t count = 0;\n"
     << "  wa_import_binding_n *bindings = (wa_import_binding_n *)calloc(\n"
     << "      " << Wasm.Imports.size() << " + num_extra + 1, sizeof *bindings);\n"
     << "  if (!bindings) {\n"
     << "    *instance = NULL;\n"
     << "    if (error) {\n"
     << "      memset(error, 0, sizeof *error);\n"
     << "      error->kind = WA_ERROR_RESOURCE;\n"
     << "      strcpy(error->message, \"out of memory\");\n"
     << "    }\n"
     << "    return false;\n"
     << "  }\n";
  for (size_t K = 0; K < Wasm.Imports.size(); ++K) {
    const Import &I = Wasm.Imports[K];
    if (I.Kind == ExternKind::Tag)
      continue;
    const std::string &Field = ImportFields[K];
    OS << "  if (imports && imports->" << Field << ") {\n";
    if (I.Kind == ExternKind::Func) {
      const FuncType &FT = Wasm.Types[I.FuncTypeIndex];
      OS << "    static const uint8_t params[] = {";
      for (ValType T : FT.Params)
        OS << valtypeConstant(T) << ", ";
      OS << "0};\n    static const uint8_t results[] = {";
      for (ValType T : FT.Results)
        OS << valtypeConstant(T) << ", ";
      OS << "0};\n"
         << "    wa_func_type type;\n"
         << "    type.num_params = " << FT.Params.size() << ";\n"
         << "    type.num_results = " << FT.Results.size() << ";\n"
         << "    type.params = params;\n"
         << "    type.results = results;\n"
         << "    wa_function *f = wa_host_function_new(store, &type, " << P
         << "_call_import_" << K << ", (void *)imports, error);\n"
         << "    if (!f) {\n      free(bindings);\n      *instance = NULL;\n"
         << "      return false;\n    }\n"
         << "    bindings[count].value.kind = WA_EXTERN_FUNC;\n"
         << "    bindings[count].value.of.func = f;\n";
    } else {
      ExternNames N = externNames(I.Kind);
      OS << "    bindings[count].value.kind = " << N.KindConstant << ";\n"
         << "    bindings[count].value.of." << N.Member << " = imports->"
         << Field << ";\n";
    }
    OS << "    bindings[count].module = " << cString(I.Module) << ";\n"
       << "    bindings[count].module_len = " << I.Module.size() << ";\n"
       << "    bindings[count].name = " << cString(I.Name) << ";\n"
       << "    bindings[count].name_len = " << I.Name.size() << ";\n"
       << "    ++count;\n  }\n";
  }
  OS << "  for (size_t i = 0; i < num_extra; ++i) {\n"
     << "    bindings[count].module = extra[i].module;\n"
     << "    bindings[count].module_len = strlen(extra[i].module);\n"
     << "    bindings[count].name = extra[i].name;\n"
     << "    bindings[count].name_len = strlen(extra[i].name);\n"
     << "    bindings[count].value = extra[i].value;\n"
     << "    ++count;\n  }\n"
     << "  bool ok = wa_instantiate_n(store, &" << Opts.ModuleSymbol
     << ", bindings, count, instance, error);\n"
     << "  free(bindings);\n  return ok;\n}\n\n";
}

void HeaderWriter::writeExports() {
  for (size_t K = 0; K < Wasm.Exports.size(); ++K) {
    const Export &E = Wasm.Exports[K];
    if (E.Kind == ExternKind::Func) {
      writeFunctionExport(E, K);
      continue;
    }
    if (E.Kind == ExternKind::Tag)
      continue;
    ExternNames N = externNames(E.Kind);
    std::string Name = unique(Opts.Prefix + "_" + identifierPart(E.Name));
    OS << "/* export " << commentText(E.Name) << ": the " << N.Member
       << " (null if `instance` is not of this module). */\n"
       << "static inline " << N.Type << " *" << Name
       << "(wa_instance *instance) {\n"
       << "  wa_extern e;\n"
       << "  if (!wa_instance_export_at(instance, " << K
       << ", NULL, &e) || e.kind != " << N.KindConstant << ")\n"
       << "    return NULL;\n"
       << "  return e.of." << N.Member << ";\n}\n\n";
  }
}

void HeaderWriter::writeFunctionExport(const Export &E, size_t K) {
  const FuncType &FT = Wasm.Types[Wasm.funcTypeIndex(E.Index)];
  std::string Name = unique(Opts.Prefix + "_" + identifierPart(E.Name));
  std::vector<std::string> Params = paramNames(E.Index, FT.Params.size());
  std::string ResultsType;
  if (FT.Results.size() > 1) {
    ResultsType = unique(Name + "_results");
    OS << "typedef struct " << ResultsType << " {\n";
    for (size_t R = 0; R < FT.Results.size(); ++R)
      OS << "  " << cType(FT.Results[R]) << " r" << R << ";\n";
    OS << "} " << ResultsType << ";\n";
  }
  OS << "/* export " << commentText(E.Name) << ": "
     << signatureComment(FT) << ".\n * WA_OK with ";
  if (FT.Results.empty())
    OS << "nothing to return";
  else if (FT.Results.size() == 1)
    OS << "the result in *result (if not null)";
  else
    OS << "the results in *results (if not null)";
  OS << ",\n * WA_TRAPPED with the trap, or WA_FAILED if `instance` is not "
        "of this module. */\n"
     << "static inline wa_result " << Name << "(wa_instance *instance";
  for (size_t P = 0; P < Params.size(); ++P)
    OS << ", " << cType(FT.Params[P]) << " " << Params[P];
  if (FT.Results.size() == 1)
    OS << ", " << cType(FT.Results[0]) << " *result";
  else if (FT.Results.size() > 1)
    OS << ", " << ResultsType << " *results";
  OS << ") {\n"
     << "  wa_extern e;\n"
     << "  if (!wa_instance_export_at(instance, " << K
     << ", NULL, &e) || e.kind != WA_EXTERN_FUNC) {\n"
     << "    wa_result failed;\n"
     << "    failed.status = WA_FAILED;\n    failed.trap = 0;\n"
     << "    failed.message = \"not an instance of " << Opts.Prefix << "\";\n"
     << "    return failed;\n  }\n"
     << "  wa_value values[" << std::max<size_t>(1, std::max(FT.Params.size(),
                                                            FT.Results.size()))
     << "];\n";
  for (size_t P = 0; P < Params.size(); ++P)
    OS << "  " << toValue(FT.Params[P], "values[" + std::to_string(P) + "]",
                          Params[P])
       << ";\n";
  OS << "  wa_result status = wa_call(e.of.func, values, " << FT.Params.size()
     << ", values, " << FT.Results.size() << ");\n";
  if (FT.Results.size() == 1)
    OS << "  if (status.status == WA_OK && result)\n    *result = "
       << fromValue(FT.Results[0], "values[0]") << ";\n";
  else if (FT.Results.size() > 1) {
    OS << "  if (status.status == WA_OK && results) {\n";
    for (size_t R = 0; R < FT.Results.size(); ++R)
      OS << "    results->r" << R << " = "
         << fromValue(FT.Results[R], "values[" + std::to_string(R) + "]")
         << ";\n";
    OS << "  }\n";
  }
  OS << "  return status;\n}\n\n";
}

} // namespace

std::string moduleHeader(const Module &Wasm, const HeaderOptions &Opts) {
  std::string Text;
  raw_string_ostream OS(Text);
  HeaderWriter(Wasm, Opts, OS).write();
  return Text;
}

} // namespace wasmaot

//===- files.cpp - File round trips in C++ in a granted directory ----------===//
//
// argv[1] is the directory to work in. Debian's libc++ for wasm32-wasi is
// built without <fstream> and <filesystem>, so files are reached through
// small RAII wrappers over <cstdio> and <dirent.h>, as portable C++ code
// for WASI does. Listings are sorted; errors are printed by errno name.
//
//===----------------------------------------------------------------------===//
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <iostream>
#include <memory>
#include <numeric>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace {

std::string Root;

std::string at(const std::string &Name) { return Root + "/" + Name; }

const char *errName(int E) {
  switch (E) {
  case 0: return "ok";
  case ENOENT: return "ENOENT";
  case EEXIST: return "EEXIST";
  case ENOTEMPTY: return "ENOTEMPTY";
  case ENOTDIR: return "ENOTDIR";
  case EISDIR: return "EISDIR";
  default: return "other";
  }
}

struct FileCloser {
  void operator()(std::FILE *F) const { std::fclose(F); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File open(const std::string &Name, const char *Mode) {
  return File(std::fopen(at(Name).c_str(), Mode));
}

void writeAll(const std::string &Name, const std::string &Text, const char *Mode = "w") {
  File F = open(Name, Mode);
  std::fwrite(Text.data(), 1, Text.size(), F.get());
}

std::string readAll(const std::string &Name) {
  File F = open(Name, "r");
  if (!F)
    return std::string("<") + errName(errno) + ">";
  std::string Text;
  char Buffer[512];
  for (size_t N; (N = std::fread(Buffer, 1, sizeof Buffer, F.get())) > 0;)
    Text.append(Buffer, N);
  return Text;
}

void list(const std::string &Name) {
  std::unique_ptr<DIR, int (*)(DIR *)> Dir(opendir(at(Name).c_str()), closedir);
  std::vector<std::string> Names;
  for (dirent *E; Dir && (E = readdir(Dir.get()));) {
    std::string N = E->d_name;
    if (N == "." || N == "..")
      continue; // runtimes differ on listing them
    struct stat St;
    stat(at(Name + "/" + N).c_str(), &St);
    Names.push_back(S_ISDIR(St.st_mode) ? N + "/" : N + " " + std::to_string(St.st_size));
  }
  std::sort(Names.begin(), Names.end());
  std::cout << "list " << Name << ":";
  for (const auto &N : Names)
    std::cout << ' ' << N;
  std::cout << '\n';
}

void result(const char *What, int R) {
  std::cout << What << ": " << (R == 0 ? "ok" : errName(errno)) << '\n';
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc < 2) {
    std::cerr << "usage: files DIR\n";
    return 2;
  }
  Root = Argv[1];

  result("mkdir a", mkdir(at("a").c_str(), 0755));
  result("mkdir a/b", mkdir(at("a/b").c_str(), 0755));
  std::ostringstream Numbers;
  for (int I = 1; I <= 1000; ++I)
    Numbers << I * I << (I % 10 ? ' ' : '\n');
  writeAll("a/numbers.txt", Numbers.str());

  std::istringstream In(readAll("a/numbers.txt"));
  std::vector<long long> Read;
  for (long long X; In >> X;)
    Read.push_back(X);
  std::cout << "read " << Read.size() << " numbers, sum "
            << std::accumulate(Read.begin(), Read.end(), 0LL) << '\n';

  {
    File F = open("a/numbers.txt", "r");
    std::fseek(F.get(), -12, SEEK_END);
    char Tail[16] = {};
    std::fgets(Tail, sizeof Tail, F.get());
    std::cout << "tail [" << std::string(Tail, std::strcspn(Tail, "\n")) << "] at "
              << std::ftell(F.get()) << '\n';
  }
  writeAll("a/numbers.txt", "appended\n", "a");
  struct stat St;
  stat(at("a/numbers.txt").c_str(), &St);
  std::cout << "size " << St.st_size << '\n';

  result("rename into a/b", std::rename(at("a/numbers.txt").c_str(), at("a/b/moved.txt").c_str()));
  result("rename missing", std::rename(at("a/numbers.txt").c_str(), at("x").c_str()));
  writeAll("copy.txt", readAll("a/b/moved.txt"));
  std::cout << "copy equal: " << (readAll("copy.txt") == readAll("a/b/moved.txt")) << '\n';
  std::cout << "read missing: " << readAll("missing") << '\n';
  list(".");
  list("a/b");
  result("rmdir non-empty a", rmdir(at("a").c_str()));
  result("remove a/b/moved.txt", std::remove(at("a/b/moved.txt").c_str()));
  result("remove a/b", std::remove(at("a/b").c_str()));
  result("rmdir a", rmdir(at("a").c_str()));
  result("rmdir a again", rmdir(at("a").c_str()));
  list(".");
  return 0;
}

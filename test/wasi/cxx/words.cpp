//===- words.cpp - Word frequencies of standard input, read with std::cin --===//
//
// Reads to EOF, counts words case-insensitively and prints the 20 most
// frequent (ties broken alphabetically); exits with status 3 when the input
// was empty, through std::exit.
//
//===----------------------------------------------------------------------===//
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

int main() {
  std::ios::sync_with_stdio(false);
  std::map<std::string, int> Counts;
  std::string Line;
  size_t Lines = 0, Chars = 0;
  while (std::getline(std::cin, Line)) {
    ++Lines;
    Chars += Line.size() + 1;
    std::string Word;
    for (char C : Line + " ") {
      if (std::isalnum(static_cast<unsigned char>(C))) {
        Word += static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
      } else if (!Word.empty()) {
        ++Counts[Word];
        Word.clear();
      }
    }
  }
  if (Lines == 0) {
    std::cerr << "no input\n";
    std::exit(3);
  }
  std::vector<std::pair<std::string, int>> Ranked(Counts.begin(), Counts.end());
  std::stable_sort(Ranked.begin(), Ranked.end(),
                   [](const auto &A, const auto &B) { return A.second > B.second; });
  std::cout << Lines << " lines, " << Chars << " chars, " << Counts.size() << " distinct words\n";
  for (size_t I = 0; I < Ranked.size() && I < 20; ++I)
    std::cout << Ranked[I].second << '\t' << Ranked[I].first << '\n';
  return 0;
}

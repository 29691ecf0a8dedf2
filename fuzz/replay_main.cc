// A main() for the fuzz targets in the ordinary build (g++, no libFuzzer): it runs the target
// once on every file of the folders or files it is given, so the seed corpus in fuzz/corpus/
// is a unit test and the targets never stop compiling. scripts/fuzz links the same targets
// with libFuzzer (clang) instead, which explores from these seeds.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::filesystem::path> InputsOf(const std::filesystem::path& path) {
  if (!std::filesystem::is_directory(path)) return {path};
  std::vector<std::filesystem::path> inputs;
  for (const auto& entry : std::filesystem::directory_iterator(path)) {
    if (entry.is_regular_file()) inputs.push_back(entry.path());
  }
  return inputs;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t runs = 0;
  for (int arg = 1; arg < argc; ++arg) {
    if (!std::filesystem::exists(argv[arg])) {
      std::fprintf(stderr, "replay: no such file or folder: %s\n", argv[arg]);
      return 2;
    }
    for (const std::filesystem::path& input : InputsOf(argv[arg])) {
      std::ifstream file(input, std::ios::binary);
      const std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++runs;
    }
  }
  std::printf("replay: %zu inputs, no property failed\n", runs);
  return runs == 0 ? 2 : 0;  // an empty corpus tests nothing
}

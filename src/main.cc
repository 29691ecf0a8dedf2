#include "cli/main.h"

int main(int argc, char** argv) { return s3prune::cli::Main(argc, argv); }

// Prints the JSON form of an HCL file (Terraform, a Nomad job): hashicorp's HCL parser compiled
// to WebAssembly (@cdktf/hcl2json, installed by scripts/setup test). A syntax error exits 1
// with the parser's message (file, line, column).
//
//   node tests/deploy/hcl2json.js FILE.hcl > FILE.json
"use strict";
const fs = require("fs");
const { parse } = require("@cdktf/hcl2json");

if (process.argv.length !== 3) {
  console.error("usage: node hcl2json.js FILE");
  process.exit(2);
}
const file = process.argv[2];
parse(file, fs.readFileSync(file, "utf8")).then(
  (json) => process.stdout.write(JSON.stringify(json, null, 1) + "\n"),
  (error) => {
    console.error(`hcl2json: ${error.message || error}`);
    process.exit(1);
  });
